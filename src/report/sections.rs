//! What the after-action report says, section by section and in order, as the model both writers
//! render. Where the HTML and Markdown reports differ (the summary cards, the comparisons, the
//! charts, the network and care, the sources in HTML; the outcome list in Markdown; the score placed
//! before or after the milestones), each block says which report shows it.

use super::ReportInput;
use super::model::{Card, Cell, Column, ColumnKind, Content, Format, Piece, Report, Row, Section, Status, Table, Text, Tone, Total};
use super::{aar, charts};
use crate::i18n::Language;
use crate::score::{LineStatus, MilestoneResult, MilestoneStatus, ScoredRun, words};
use crate::sim::EntryKind;

/// The after-action report of a run, in a language.
pub fn after_action_report<'a>(language: Language, input: &'a ReportInput<'a>) -> Report<'a> {
    // Two or three pages a director reads and signs, then the annexes.
    let sections = [
        run_line(language, input),
        plan_caveat(language, input),
        aar::overview(language, input),
        summary(language, input),
        aar::objectives(language, input),
        aar::decisions(language, input),
        aar::injects(language, input),
        aar::improvement_section(language, input),
        aar::approval(language),
        aar::annexes(language),
        // The Markdown report gives the score before the milestones, the HTML report after them.
        score(language, input, Format::Markdown),
        milestones(language, input),
        score(language, input, Format::Html),
        comparisons(language, input),
        outcome(language, input),
        network(language, input),
        care(language, input),
        timeline(language, input),
        observer_notes(language, input),
        super::seat_messages::seat_messages(language, input),
        hot_wash(language, input),
        sources(language, input),
    ];
    Report { language_code: language.code(), title: title(language, input), blocks: sections.into_iter().flatten().collect() }
}

/// The kind of a timeline entry as people read it; the attack's own course is marked hidden.
pub fn kind_word(language: Language, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Attack => language.tr("kind-hidden"),
        EntryKind::Alert => language.tr("alert"),
        EntryKind::Confirmation => language.tr("kind-confirmation"),
        EntryKind::Decision => language.tr("kind-decision"),
        EntryKind::Effect => language.tr("kind-effect"),
        EntryKind::People => language.tr("kind-people"),
        EntryKind::Outside => language.tr("kind-outside"),
        EntryKind::Care => language.tr("kind-care"),
        EntryKind::Inject => language.tr("kind-inject"),
    }
}

/// One line of the score as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreText {
    pub label: String,
    pub value: String,
    /// The harm with no response and with the best response on the same seed ("—" for timing).
    pub no_response: String,
    pub best: String,
    /// Whether the line counts in the total.
    pub counted: bool,
    pub points: f64,
    pub max_points: f64,
}

/// The score's lines in a language, said from the score's data: what the run did, and what no
/// response and the best response did on the same seed.
pub fn score_lines(language: Language, result: &ScoredRun) -> Vec<ScoreText> {
    let Some(score) = &result.score else { return Vec::new() };
    score
        .lines
        .iter()
        .map(|line| {
            let (no_response, best) = words::counterfactual_amounts(line, &result.run);
            ScoreText {
                label: words::line_name(language, line).to_string(),
                value: words::line_text(language, line, &result.run, &result.milestones),
                no_response,
                best,
                counted: line.status == LineStatus::Scored,
                points: line.points,
                max_points: line.max_points,
            }
        })
        .collect()
}

pub fn status_text(language: Language, m: &MilestoneResult) -> String {
    match m.status {
        MilestoneStatus::OnTime => language.trf("on-time-minutes", &[("minutes", &m.achieved_minutes.unwrap_or(0))]),
        MilestoneStatus::Late => {
            language.trf("late-by-minutes", &[("late", &m.late_by_minutes.unwrap_or(0)), ("minutes", &m.achieved_minutes.unwrap_or(0))])
        }
        MilestoneStatus::Missed => language.tr("kind-missed").to_string(),
        MilestoneStatus::Anticipated => language.trf(
            if m.may_anticipate { "anticipated-counted" } else { "anticipated-not-counted" },
            &[("minutes", &m.anticipated_by_minutes.unwrap_or(0))],
        ),
        MilestoneStatus::NotDue => language.tr("milestone-not-due").to_string(),
        MilestoneStatus::NotApplicable => language.tr("milestone-not-applicable").to_string(),
    }
}

fn status(m: &MilestoneResult) -> Status {
    match m.status {
        MilestoneStatus::OnTime => Status::OnTime,
        MilestoneStatus::Late => Status::Late,
        MilestoneStatus::Missed => Status::Missed,
        MilestoneStatus::Anticipated if m.may_anticipate => Status::OnTime,
        MilestoneStatus::Anticipated => Status::Missed,
        MilestoneStatus::NotDue | MilestoneStatus::NotApplicable => Status::NotCounted,
    }
}

fn fmt_hours(minutes: Option<u32>) -> String {
    minutes.map_or("—".to_string(), |m| format!("{m} min"))
}

/// Blocks shown in one report only.
fn only_in(format: Format, contents: Vec<Content>) -> Section {
    contents.into_iter().map(|content| content.shown_only_in(format)).collect()
}

fn own<'a>(text: impl Into<String>) -> Text<'a> {
    Text::own(text)
}

/// The title: the HTML report escapes the whole message (it is also the page's title), the Markdown
/// report the scenario's name in it.
fn title<'a>(language: Language, input: &'a ReportInput<'a>) -> Text<'a> {
    let name = &input.scenario.meta.name;
    let whole = Piece::Given(language.trf("report-title", &[("scenario", name)]));
    let filled = Piece::message(move |format| language.trf("report-title", &[("scenario", &format.escape(name))]));
    Text(vec![whole.only_in(Format::Html), filled.only_in(Format::Markdown)])
}

/// The playbook, seed and span of the run; the HTML report adds the plan.
fn run_line<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let run = &input.result.run;
    let mut line = Text::message(move |format| {
        // An exercise without a playbook laid on was played by the cell itself.
        let played_by_cell = input.exercise.is_some() && run.playbook.as_deref() == Some(crate::exercise::EXERCISE_PLAYBOOK);
        let name =
            if played_by_cell { language.tr("played-by-cell") } else { run.playbook.as_deref().unwrap_or(language.tr("none-response")) };
        let playbook = format.strong(name);
        language.trf(
            "report-run-line",
            &[
                ("playbook", &playbook),
                ("seed", &run.seed),
                ("from", &format.escape(&run.start)),
                ("to", &format.escape(&run.end)),
                ("minutes", &run.minutes),
            ],
        )
    });
    if let Some(plan) = input.plan {
        let suffix = move |format: Format| language.trf("report-plan-suffix", &[("plan", &format.strong(&plan.name))]);
        line = line.and(Piece::message(suffix).only_in(Format::Html));
    }
    vec![Content::Paragraph(line, Tone::Meta).into()]
}

/// Which years' rules the plan's milestones come from, and the plan's own caveat.
fn plan_caveat<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let Some(plan) = input.plan else { return Vec::new() };
    let mut years: Vec<u16> = plan.milestones.iter().map(|m| m.year).collect();
    years.sort_unstable();
    years.dedup();
    let years = years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ");
    let caveat = [language.trf("plan-rules-years", &[("years", &years)]), plan.caveat.clone()].join(" ");
    only_in(Format::Html, vec![Content::Paragraph(Text::given(caveat.trim_end()), Tone::Caveat)])
}

/// The headline numbers as cards.
fn summary<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let run = &input.result.run;
    let card = |label: &str, value: String, note: String| Card { label: own(label), value: own(value), note: own(note) };
    let mut cards = Vec::new();
    if let Some(score) = &input.result.score {
        let parts = language
            .trf("timing-and-outcome", &[("timing", &format!("{:.1}", score.timing)), ("outcome", &format!("{:.1}", score.outcome))]);
        cards.push(card(language.tr("score"), format!("{:.1} / 100", score.total), parts));
    }
    let encrypted = format!("{:.0} / {}", run.hosts.encrypted_ever, run.hosts.total);
    cards.push(card(language.tr("hosts-encrypted"), encrypted, format!("{:.1}%", 100.0 * run.encrypted_ever_fraction())));
    if let Some(care) = &run.care {
        let m = &care.measures;
        cards.push(card(language.tr("patients-risk"), format!("{:.0}", m.patient_hours_at_risk), language.tr("patient-hours").into()));
        let plans = format!("{:.0} / {:.0}", m.treatment_plans_lost, m.inpatients);
        cards.push(card(language.tr("treatment-plans-lost"), plans, language.tr("inpatients").into()));
    }
    cards.push(card(
        language.tr("data-exfiltrated"),
        language.trf("gigabytes", &[("gigabytes", &format!("{:.0}", run.attack.exfiltrated_gb))]),
        language.trf("gigabytes-during-scenario", &[("gigabytes", &format!("{:.0}", run.attack.exfiltrated_during_gb))]),
    ));
    only_in(Format::Html, vec![Content::Heading(own(language.tr("summary"))), Content::Cards(cards)])
}

/// This run beside the historical night, the best response and no response, on the same seed.
fn comparisons<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let Some(comparison) = input.comparison else { return Vec::new() };
    let runs: Vec<(&str, &ScoredRun)> = [
        (language.tr("column-this-run"), Some(input.result)),
        (language.tr("column-historical-night"), comparison.historical.as_ref()),
        (language.tr("column-best-response"), Some(&comparison.best)),
        (language.tr("column-no-response"), Some(&comparison.no_response)),
    ]
    .into_iter()
    .filter_map(|(n, x)| x.map(|x| (n, x)))
    .collect();
    type Measure<'m> = (&'m str, &'m dyn Fn(&ScoredRun) -> String);
    let measures: [Measure; 6] = [
        (language.tr("score"), &|x| x.score.as_ref().map_or("—".into(), |s| format!("{:.1}", s.total))),
        (language.tr("milestones-time"), &|x| {
            language.trf(
                "count-of-total",
                &[
                    ("count", &x.milestones.iter().filter(|m| m.points > 0.0 && m.points >= m.max_points).count()),
                    ("total", &x.milestones.iter().filter(|m| m.status.counts()).count()),
                ],
            )
        }),
        (language.tr("hosts-encrypted"), &|x| format!("{:.0}", x.run.hosts.encrypted_ever)),
        (language.tr("patient-hours-risk"), &|x| {
            x.run.care.as_ref().map_or("—".into(), |c| format!("{:.0}", c.measures.patient_hours_at_risk))
        }),
        (language.tr("treatment-plans-lost"), &|x| {
            x.run.care.as_ref().map_or("—".into(), |c| format!("{:.0}", c.measures.treatment_plans_lost))
        }),
        (language.tr("gb-exfiltrated-during-scenario"), &|x| format!("{:.0}", x.run.attack.exfiltrated_during_gb)),
    ];
    let mut columns = vec![Column::new(own(""), ColumnKind::RowHeading)];
    columns.extend(runs.iter().map(|(name, _)| Column::new(Text::given(*name), ColumnKind::Number)));
    let rows = measures
        .into_iter()
        .map(|(label, value)| Row::new(std::iter::once(Text::given(label)).chain(runs.iter().map(|(_, run)| Text::given(value(run))))))
        .collect();
    only_in(
        Format::Html,
        vec![
            Content::Heading(own(language.tr("compared-historical-night-plan-met"))),
            Content::Paragraph(own(language.tr("best-response-explained")), Tone::Plain),
            Content::Paragraph(own(language.tr("same-scenario-same-seed")), Tone::Plain),
            Content::Table(Table { columns, rows, total: None }),
        ],
    )
}

/// The plan's milestones: the target, this run, and the historical night. The HTML report adds the
/// chart, each rule's reference and the points, and leaves the historical column out without a
/// historical run; the Markdown report always has it.
fn milestones<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let (result, historical) = (input.result, input.historical());
    if result.milestones.is_empty() {
        return Vec::new();
    }
    let historical_column = Column::new(own(language.tr("column-historical-night")), ColumnKind::Words);
    let columns = vec![
        Column::new(own(language.tr("column-milestone")), ColumnKind::Words),
        Column::new(own(language.tr("source")), ColumnKind::Words),
        Column::new(own(language.tr("reference")), ColumnKind::Words).shown_only_in(Format::Html),
        Column::new(own(language.tr("column-target")), ColumnKind::Number),
        Column::new(own(language.tr("column-this-run")), ColumnKind::Words),
        if historical.is_some() { historical_column } else { historical_column.shown_only_in(Format::Markdown) },
        Column::new(own(language.tr("points")), ColumnKind::Number).shown_only_in(Format::Html),
    ];
    let rows = result
        .milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let on_historical = historical.and_then(|h| h.milestones.get(i));
            let cells = vec![
                Text::given(&m.name).into(),
                Text::given(&m.source).and(Piece::Own(format!(" ({})", m.year))).into(),
                Text::given(&m.reference).into(),
                own(format!("{} min", m.target_minutes)).into(),
                Cell { text: own(status_text(language, m)), status: Some(status(m)) },
                Cell {
                    text: Text::given(on_historical.map_or("—".to_string(), |h| status_text(language, h))),
                    status: on_historical.map(status),
                },
                own(format!("{:.1} / {:.1}", m.points, m.max_points)).into(),
            ];
            Row { cells, hidden: false }
        })
        .collect();
    vec![
        Content::Heading(own(language.tr("milestones"))).into(),
        Content::chart(move || charts::milestone_chart(language, result, historical)).into(),
        Content::Table(Table { columns, rows, total: None }).into(),
    ]
}

/// The score line by line, for the one report `placed_for`: the HTML report heads it plainly and
/// closes it with the total, the Markdown report gives the total in its heading.
fn score<'a>(language: Language, input: &'a ReportInput<'a>, placed_for: Format) -> Section<'a> {
    let Some(score) = &input.result.score else { return Vec::new() };
    let heading = match placed_for {
        Format::Html => language.tr("score-line-line").to_string(),
        Format::Markdown => language.trf("score-line", &[("score", &format!("{:.1}", score.total))]),
    };
    let columns = vec![
        Column::new(own(language.tr("line")), ColumnKind::Words),
        Column::new(own(language.tr("what-happened")), ColumnKind::Words),
        Column::new(own(language.tr("column-no-response")), ColumnKind::Number),
        Column::new(own(language.tr("column-best-response")), ColumnKind::Number),
        Column::new(own(language.tr("points")), ColumnKind::Number),
    ];
    let rows = score_lines(language, input.result)
        .into_iter()
        .map(|line| {
            let points = if line.counted { format!("{:.1} / {:.0}", line.points, line.max_points) } else { "—".to_string() };
            Row::new([Text::given(line.label), Text::given(line.value), own(line.no_response), own(line.best), own(points)])
        })
        .collect();
    let total =
        (placed_for == Format::Html).then(|| Total { label: own(language.tr("total")), value: own(format!("{:.1} / 100", score.total)) });
    let explained = Content::Paragraph(own(language.tr("score-explained")), Tone::Plain);
    only_in(placed_for, vec![Content::Heading(own(heading)), Content::Table(Table { columns, rows, total }), explained])
}

/// The outcome in a few lines, which the HTML report shows as cards and in its sections instead.
fn outcome<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let r = &input.result.run;
    let mut lines = vec![
        language.trf(
            "summary-hosts",
            &[
                ("encrypted", &r.hosts.encrypted),
                ("total", &r.hosts.total),
                ("powered_off", &r.hosts.powered_off),
                ("restored", &r.hosts.restored),
                ("rebuilt", &r.hosts.rebuilt),
            ],
        ),
        language.trf(
            "summary-exfiltrated",
            &[("gigabytes", &format!("{:.0}", r.attack.exfiltrated_gb)), ("during", &format!("{:.0}", r.attack.exfiltrated_during_gb))],
        ),
        language.trf(
            "summary-detection",
            &[("first_alert", &fmt_hours(r.detection.first_alert_minute)), ("confirmed", &fmt_hours(r.detection.confirmed_minute))],
        ),
        by_role_text(language, r),
    ];
    if let Some(care) = &r.care {
        let m = &care.measures;
        lines.push(language.trf(
            "summary-care",
            &[
                ("at_risk", &format!("{:.0}", m.patient_hours_at_risk)),
                ("plans_lost", &format!("{:.0}", m.treatment_plans_lost)),
                ("inpatients", &format!("{:.0}", m.inpatients)),
                ("hours_down", &format!("{:.0}", m.service_hours_down)),
                ("critical", &format!("{:.0}", m.critical_service_hours_down)),
                ("diverted", &format!("{:.0}", m.ambulances_diverted)),
                ("consultations", &format!("{:.0}", m.consultations_lost)),
            ],
        ));
    }
    only_in(Format::Markdown, vec![Content::Heading(own(language.tr("outcome"))), Content::List(lines.into_iter().map(own).collect())])
}

/// Hosts ever encrypted by role, and what was lost before the cell could know, in a sentence.
fn by_role_text(language: Language, r: &crate::run::RunResult) -> String {
    let roles = &r.hosts.encrypted_ever_by_role;
    let one = |x: f64| format!("{x:.0}");
    language.trf(
        "report-encrypted-by-role",
        &[
            ("servers", &one(roles.servers)),
            ("servers_total", &r.hosts.servers),
            ("controllers", &one(roles.domain_controllers)),
            ("controllers_total", &roles.domain_controllers_total),
            ("backups", &one(roles.backup_servers)),
            ("backups_total", &roles.backup_servers_total),
            ("workstations", &one(roles.workstations)),
            ("workstations_total", &r.hosts.workstations),
            ("at_first_alert", &r.detection.encrypted_at_first_alert.map_or("—".to_string(), one)),
        ],
    )
}

/// The hosts over the run and at its end.
fn network<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let (result, r) = (input.result, &input.result.run);
    let backups =
        if r.attack.backups_destroyed.is_empty() { language.tr("none").to_string() } else { r.attack.backups_destroyed.join(", ") };
    let at_end = Text::message(move |format| {
        language.trf(
            "report-hosts-at-end",
            &[
                ("clean", &r.hosts.clean),
                ("held", &r.hosts.compromised),
                ("encrypted", &r.hosts.encrypted),
                ("powered_off", &r.hosts.powered_off),
                ("restored", &r.hosts.restored),
                ("rebuilt", &r.hosts.rebuilt),
                ("domain_admin", &if r.attack.domain_admin { language.tr("held") } else { language.tr("not-held") }),
                ("backups", &format.escape(&backups)),
            ],
        )
    });
    only_in(
        Format::Html,
        vec![
            Content::Heading(own(language.tr("network"))),
            Content::chart(move || charts::infection_chart(language, result).map(Some)),
            Content::Paragraph(at_end, Tone::Plain),
            Content::Paragraph(own(by_role_text(language, r)), Tone::Plain),
        ],
    )
}

/// Care services over the run, and what the outage cost patients.
fn care<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let result = input.result;
    let Some(care) = &result.run.care else { return Vec::new() };
    let m = &care.measures;
    let measures = [
        (language.tr("patient-hours-risk-down-downtime"), format!("{:.0}", m.patient_hours_at_risk)),
        (language.tr("patient-hours-improvised-paper"), format!("{:.0}", m.patient_hours_improvised)),
        (language.tr("emergency-arrivals-received-while-department"), format!("{:.0}", m.emergency_arrivals_at_risk)),
        (language.tr("ambulances-diverted"), format!("{:.0}", m.ambulances_diverted)),
        (
            language.tr("treatment-plans-lost-wards"),
            language
                .trf("count-of-total", &[("count", &format!("{:.0}", m.treatment_plans_lost)), ("total", &format!("{:.0}", m.inpatients))]),
        ),
        (language.tr("service-hours-down-critical"), format!("{:.0} ({:.0})", m.service_hours_down, m.critical_service_hours_down)),
        (language.tr("service-hours-degraded-or-paper"), format!("{:.0}", m.service_hours_degraded)),
        (language.tr("consultations-lost"), format!("{:.0}", m.consultations_lost)),
    ];
    let columns =
        vec![Column::new(own(language.tr("measure")), ColumnKind::Words), Column::new(own(language.tr("value")), ColumnKind::Number)];
    let rows = measures.into_iter().map(|(label, value)| Row::new([Text::given(label), Text::given(value)])).collect();
    only_in(
        Format::Html,
        vec![
            Content::Heading(own(language.tr("heading-care"))),
            Content::chart(move || charts::services_chart(language, result)),
            Content::Table(Table { columns, rows, total: None }),
        ],
    )
}

/// Every entry of the run, the hidden ones marked (which the HTML report explains).
fn timeline<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let explained =
        Text::message(move |format| language.trf("report-hidden-entries", &[("mark", &format.hidden(language.tr("kind-hidden")))]));
    let columns = vec![
        Column::new(own(language.tr("column-time")), ColumnKind::Time),
        Column::new(own(language.tr("kind")), ColumnKind::Words),
        Column::new(own(language.tr("what-happened")), ColumnKind::Words),
    ];
    let rows = input
        .result
        .run
        .timeline
        .iter()
        .map(|row| Row {
            hidden: row.kind == EntryKind::Attack,
            ..Row::new([Text::given(&row.at), Text::given(kind_word(language, row.kind)), Text::given(&row.text)])
        })
        .collect();
    vec![
        Content::Heading(own(language.tr("timeline"))).into(),
        Content::Paragraph(explained, Tone::Plain).shown_only_in(Format::Html),
        Content::Table(Table { columns, rows, total: None }).into(),
    ]
}

/// The observers' notes: a table in the HTML report, a list in the Markdown one.
fn observer_notes<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let heading = Content::Heading(own(language.tr("observer-notes"))).into();
    if input.notes.is_empty() {
        return vec![heading, Content::Paragraph(own(language.tr("observer-notes-were-written")), Tone::Plain).into()];
    }
    let columns = vec![
        Column::new(own(language.tr("column-time")), ColumnKind::Words),
        Column::new(own(language.tr("note")), ColumnKind::Words),
        Column::new(own(language.tr("column-note-about")), ColumnKind::Words),
    ];
    let rows = input
        .notes
        .iter()
        .map(|note| Row::new([Text::given(&note.at), Text::given(&note.text), Text::given(note_about(language, input, note))]))
        .collect();
    let items = input
        .notes
        .iter()
        .map(|note| {
            let about = note_about(language, input, note);
            let about = if about.is_empty() { String::new() } else { format!(" ({about})") };
            Text::given(&note.at).and(Piece::Own(": ".into())).and(Piece::Given(note.text.clone())).and(Piece::Given(about))
        })
        .collect();
    vec![
        heading,
        Content::Table(Table { columns, rows, total: None }).shown_only_in(Format::Html),
        Content::List(items).shown_only_in(Format::Markdown),
    ]
}

/// What a note is tagged with, in words: its kind, objective, role and inject, and the seat it came from.
fn note_about(language: Language, input: &ReportInput, note: &super::ObserverNote) -> String {
    let mut about = Vec::new();
    if !note.kind.is_observation() {
        about.push(note.kind.label(language).to_string());
    }
    if let Some(objective) = note.objective.as_ref().and_then(|id| input.plan?.milestones.iter().find(|m| &m.id == id)) {
        about.push(objective.name.clone());
    }
    if let Some(role) = note.role.as_ref().and_then(|id| input.scenario.roles.iter().find(|r| &r.id == id)) {
        about.push(role.name.clone());
    }
    if let Some(inject) = note.inject.and_then(|rank| input.exercise?.injects.get(rank)) {
        about.push(language.trf("note-about-inject", &[("at", &super::aar::clock_of(input, inject.minute)), ("channel", &inject.channel)]));
    }
    if let Some(seat) = note.by.as_deref() {
        about.push(language.trf("note-by-seat", &[("seat", &language.tr(crate::exercise::desks::desk_name_key(seat)))]));
    }
    about.join(" · ")
}

/// The hot-wash questions and the facilitator's answers: a table in the HTML report, a list in the
/// Markdown one.
fn hot_wash<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let questions = &input.scenario.hot_wash;
    if questions.is_empty() {
        return Vec::new();
    }
    let answer = |question: &String| input.answers.iter().find(|(q, _)| q == question).map_or("", |(_, a)| a.as_str()).to_string();
    let columns =
        vec![Column::new(own(language.tr("question")), ColumnKind::Words), Column::new(own(language.tr("answer")), ColumnKind::Words)];
    let rows = questions.iter().map(|question| Row::new([Text::given(question), Text::given(answer(question))])).collect();
    let items = questions
        .iter()
        .map(|question| Text(vec![Piece::Strong(question.clone()), Piece::Own(" ".into()), Piece::Given(answer(question))]))
        .collect();
    vec![
        Content::Heading(own(language.tr("hot-wash"))).into(),
        Content::Table(Table { columns, rows, total: None }).shown_only_in(Format::Html),
        Content::List(items).shown_only_in(Format::Markdown),
    ]
}

/// The scenario's and the plan's sources, and what a number without one is.
fn sources<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let plan_sources = input.plan.map(|p| p.sources.iter()).into_iter().flatten();
    let sources = input.scenario.meta.sources.iter().chain(plan_sources).map(Text::given).collect();
    only_in(
        Format::Html,
        vec![
            Content::Heading(own(language.tr("sources"))),
            Content::List(sources),
            Content::Paragraph(own(language.tr("every-number-sources-do-not")), Tone::Meta),
        ],
    )
}
