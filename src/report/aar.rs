//! The after-action report's first pages, in the form exercise planners know (HSEEP): the exercise
//! overview, each objective rated with its strengths and areas for improvement, the decisions taken
//! against the plan's targets, the injects and the responses marked, the improvement plan, and the
//! line a director signs. Objectives are the plan's milestones.

use super::ReportInput;
use super::model::{Column, ColumnKind, Content, Piece, Row, Section, Table, Text, Tone};
use super::{ImprovementItem, NoteKind};
use crate::data::playbook::EventRef;
use crate::exercise::moments::ResponseMark;
use crate::i18n::Language;
use crate::score::{MilestoneResult, MilestoneStatus};

/// How an objective was performed, in HSEEP's four ratings, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Performed without challenges.
    Performed,
    SomeChallenges,
    MajorChallenges,
    /// Unable to be performed.
    Unable,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Performed, Rating::SomeChallenges, Rating::MajorChallenges, Rating::Unable];

    pub fn label(self, language: Language) -> &'static str {
        language.tr(match self {
            Rating::Performed => "rating-performed",
            Rating::SomeChallenges => "rating-some-challenges",
            Rating::MajorChallenges => "rating-major-challenges",
            Rating::Unable => "rating-unable",
        })
    }
}

/// One objective (a plan milestone) rated, with what was done well and what was not.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveRating {
    pub id: String,
    pub name: String,
    pub target_minutes: u32,
    /// `None` when it was not due or its event never happened.
    pub rating: Option<Rating>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

/// The rating the milestone's timing gives: on time is performed; late by up to its own target has
/// some challenges, later has major ones; never met could not be performed.
fn timing_rating(m: &MilestoneResult) -> Option<Rating> {
    match m.status {
        MilestoneStatus::OnTime => Some(Rating::Performed),
        MilestoneStatus::Anticipated if m.may_anticipate => Some(Rating::Performed),
        MilestoneStatus::Anticipated => Some(Rating::SomeChallenges),
        MilestoneStatus::Late if m.late_by_minutes.unwrap_or(0) <= m.target_minutes => Some(Rating::SomeChallenges),
        MilestoneStatus::Late => Some(Rating::MajorChallenges),
        MilestoneStatus::Missed => Some(Rating::Unable),
        MilestoneStatus::NotDue | MilestoneStatus::NotApplicable => None,
    }
}

/// Each objective rated from its timing, made worse (never better) by the facilitator's marks on the
/// injects that test it and by observers' notes of an area for improvement.
pub fn rate_objectives(language: Language, input: &ReportInput) -> Vec<ObjectiveRating> {
    let injects = input.exercise.map(|e| e.injects.as_slice()).unwrap_or_default();
    input
        .result
        .milestones
        .iter()
        .map(|m| {
            let mut rating = timing_rating(m);
            let mut strengths = Vec::new();
            let mut improvements = Vec::new();
            let timing = super::sections::status_text(language, m);
            match rating {
                Some(Rating::Performed) => strengths.push(timing),
                Some(_) => improvements.push(timing),
                None => {}
            }
            // A response not given is a challenge even where the timing is not rated (not yet due).
            let worsen = |rating: &mut Option<Rating>, floor: Rating| *rating = Some(rating.map_or(floor, |r| r.max(floor)));
            for inject in injects.iter().filter(|i| i.milestone.as_deref() == Some(m.id.as_str())) {
                match inject.mark.map(|(mark, _)| mark) {
                    Some(ResponseMark::Done) => strengths.push(language.trf("rating-inject-done", &[("inject", &inject.text)])),
                    Some(ResponseMark::Partly) => {
                        worsen(&mut rating, Rating::SomeChallenges);
                        improvements.push(language.trf("rating-inject-partly", &[("expected", &inject.expected)]));
                    }
                    Some(ResponseMark::NotDone) => {
                        worsen(&mut rating, Rating::MajorChallenges);
                        improvements.push(language.trf("rating-inject-not-done", &[("expected", &inject.expected)]));
                    }
                    None => {}
                }
            }
            for note in input.notes.iter().filter(|n| n.objective.as_deref() == Some(m.id.as_str())) {
                match note.kind {
                    NoteKind::Strength => strengths.push(note.text.clone()),
                    NoteKind::AreaForImprovement => {
                        worsen(&mut rating, Rating::SomeChallenges);
                        improvements.push(note.text.clone());
                    }
                    NoteKind::Observation => {}
                }
            }
            // An observer's rating stands in place of the one worked out; the one worked out is said beside it.
            let observed = input.exercise.and_then(|e| e.ratings.iter().find(|(id, _)| *id == m.id)).map(|(_, r)| *r);
            if let Some(by_observer) = observed.filter(|r| Some(*r) != rating) {
                let worked_out = rating.map_or(language.tr("rating-not-rated"), |r| r.label(language));
                let said = language.trf("rating-by-observer", &[("worked_out", &worked_out)]);
                if by_observer == Rating::Performed { strengths.push(said) } else { improvements.push(said) }
            }
            let rating = observed.or(rating);
            ObjectiveRating { id: m.id.clone(), name: m.name.clone(), target_minutes: m.target_minutes, rating, strengths, improvements }
        })
        .collect()
}

/// The improvement plan: the one filled in the debrief, or else a line for each objective with
/// challenges, its corrective action left for the hospital to write.
pub fn improvement_plan(language: Language, input: &ReportInput) -> Vec<ImprovementItem> {
    match input.exercise.map(|e| &e.improvements).filter(|items| !items.is_empty()) {
        Some(items) => items.clone(),
        None => suggested_improvements(language, input),
    }
}

/// A line for each objective with challenges, with its area for improvement and the role whose decision
/// meets it; the corrective action and the dates are the hospital's to write.
pub fn suggested_improvements(language: Language, input: &ReportInput) -> Vec<ImprovementItem> {
    rate_objectives(language, input)
        .into_iter()
        .filter(|o| o.rating.is_some_and(|r| r > Rating::Performed))
        .map(|o| ImprovementItem {
            objective: o.name.clone(),
            issue: o.improvements.join(" · "),
            responsible: responsible_role(input, &o.id).unwrap_or_default(),
            ..Default::default()
        })
        .collect()
}

/// The role whose decision meets a milestone, by name.
fn responsible_role(input: &ReportInput, milestone: &str) -> Option<String> {
    let plan = input.plan?;
    let m = plan.milestones.iter().find(|m| m.id == milestone)?;
    m.achieved_by.events().iter().find_map(|event| match event {
        EventRef::ActionDone(action) => {
            let role = input.scenario.actions.iter().find(|a| &a.id == action)?.role.as_ref()?;
            input.scenario.roles.iter().find(|r| &r.id == role).map(|r| r.name.clone())
        }
        _ => None,
    })
}

/// The local time a minute of the run fell at, read from the timeline, as day/month and time (the
/// overview gives the year); "T+h:mm" if no entry has it.
pub(super) fn clock_of(input: &ReportInput, minute: u32) -> String {
    let timeline = &input.result.run.timeline;
    let day_and_time = |at: &str| {
        let (date, time) = at.split_once(' ')?;
        let mut parts = date.split('-').skip(1);
        let (month, day) = (parts.next()?, parts.next()?);
        Some(format!("{day}/{month} {time}"))
    };
    match timeline.iter().find(|row| row.minute == minute) {
        Some(row) => day_and_time(&row.at).unwrap_or_else(|| row.at.clone()),
        None => format!("T+{}:{:02}", minute / 60, minute % 60),
    }
}

fn own<'a>(text: impl Into<String>) -> Text<'a> {
    Text::own(text)
}

fn table<'a>(columns: Vec<Column<'a>>, rows: Vec<Row<'a>>) -> Content<'a> {
    Content::Table(Table { columns, rows, total: None })
}

fn words<'a>(heading: &str) -> Column<'a> {
    Column::new(own(heading.to_string()), ColumnKind::Words)
}

/// When, what, on which scenario and plan, and who was at the table.
pub fn overview<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let run = &input.result.run;
    let mut rows = vec![
        (language.tr("overview-exercise"), input.scenario.meta.name.clone()),
        (language.tr("overview-scenario-time"), language.trf("overview-span", &[("from", &run.start), ("to", &run.end)])),
    ];
    match input.exercise {
        Some(exercise) => {
            rows.push((language.tr("overview-played-on"), exercise.played_on.clone().unwrap_or_else(|| "—".to_string())));
            rows.push((language.tr("overview-at-table"), exercise.roles_at_table.join(", ")));
            if !exercise.roles_by_facilitator.is_empty() {
                rows.push((language.tr("overview-by-facilitator"), exercise.roles_by_facilitator.join(", ")));
            }
        }
        None => rows.push((
            language.tr("overview-played-on"),
            language
                .trf("overview-headless", &[("playbook", &run.playbook.clone().unwrap_or_else(|| language.tr("none-response").into()))]),
        )),
    }
    if let Some(plan) = input.plan {
        rows.push((language.tr("overview-plan"), plan.name.clone()));
        rows.push((language.tr("overview-objectives"), language.trf("overview-objectives-count", &[("count", &plan.milestones.len())])));
    }
    rows.push((language.tr("overview-facilitator"), String::new()));
    let columns = vec![Column::new(own(""), ColumnKind::RowHeading), words("")];
    let rows = rows.into_iter().map(|(label, value)| Row::new([Text::given(label), Text::given(value)])).collect();
    vec![Content::Heading(own(language.tr("overview"))).into(), table(columns, rows).into()]
}

/// Each objective with its rating, strengths and areas for improvement.
pub fn objectives<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    if input.result.milestones.is_empty() {
        return Vec::new();
    }
    let columns = vec![
        words(language.tr("column-objective")),
        words(language.tr("column-rating")),
        words(language.tr("column-strengths")),
        words(language.tr("column-improvements")),
    ];
    let rows = rate_objectives(language, input)
        .into_iter()
        .map(|o| {
            let rating = o.rating.map_or(language.tr("rating-not-rated"), |r| r.label(language));
            Row::new([
                Text::given(format!("{} ({} min)", o.name, o.target_minutes)),
                Text::given(rating),
                Text::given(o.strengths.join(" · ")),
                Text::given(o.improvements.join(" · ")),
            ])
        })
        .collect();
    vec![
        Content::Heading(own(language.tr("objectives-rated"))).into(),
        Content::Paragraph(own(language.tr("objectives-rated-explained")), Tone::Meta).into(),
        table(columns, rows).into(),
    ]
}

/// The decisions taken: who, what, when, and against which of the plan's targets.
pub fn decisions<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let run = &input.result.run;
    if run.decisions.is_empty() {
        return vec![
            Content::Heading(own(language.tr("decisions-taken"))).into(),
            Content::Paragraph(own(language.tr("no-decision-taken")), Tone::Plain).into(),
        ];
    }
    let columns = vec![
        Column::new(own(language.tr("column-taken-done")), ColumnKind::Time),
        Column::new(own(language.tr("column-who")), ColumnKind::Name),
        words(language.tr("column-decision")),
        words(language.tr("column-against-target")),
    ];
    let rows = run
        .decisions
        .iter()
        .map(|d| {
            let action = input.scenario.actions.iter().find(|a| a.id == d.action);
            let role = action.and_then(|a| a.role.as_ref()).and_then(|r| input.scenario.roles.iter().find(|x| &x.id == r));
            let taken = clock_of(input, d.started_minute);
            let done = d.done_minute.map_or(language.tr("not-done-yet").to_string(), |m| clock_of(input, m));
            // The day is said once when the work ends the day it began.
            let done = match (taken.split_once(' '), done.split_once(' ')) {
                (Some((day, _)), Some((same, time))) if day == same => time.to_string(),
                _ => done,
            };
            let targets: Vec<String> = served_milestones(input, &d.action)
                .map(|m| format!("{} ({} min): {}", m.name, m.target_minutes, super::sections::status_text(language, m)))
                .collect();
            Row::new([
                Text::given(format!("{taken} → {done}")),
                Text::given(role.map_or(language.tr("anyone").to_string(), |r| r.name.clone())),
                Text::given(action.map_or(d.action.clone(), |a| a.name.clone())),
                Text::given(targets.join(" · ")),
            ])
        })
        .collect();
    vec![Content::Heading(own(language.tr("decisions-taken"))).into(), table(columns, rows).into()]
}

/// The milestones an action of the catalog meets.
fn served_milestones<'a>(input: &'a ReportInput<'a>, action: &'a str) -> impl Iterator<Item = &'a MilestoneResult> + 'a {
    let plan = input.plan;
    input.result.milestones.iter().filter(move |m| {
        plan.and_then(|p| p.milestones.iter().find(|x| x.id == m.id))
            .is_some_and(|x| x.achieved_by.events().iter().any(|e| matches!(e, EventRef::ActionDone(a) if a == action)))
    })
}

/// The injects delivered, what was expected of the cell, and the facilitator's mark.
pub fn injects<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let Some(exercise) = input.exercise.filter(|e| !e.injects.is_empty()) else { return Vec::new() };
    let columns = vec![
        Column::new(own(language.tr("column-time")), ColumnKind::Time),
        words(language.tr("column-message")),
        words(language.tr("column-expected")),
        words(language.tr("column-response")),
    ];
    let rows = exercise
        .injects
        .iter()
        .map(|i| {
            let channel = [i.channel.as_str(), i.sender.as_str()].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" · ");
            let heading = if i.audience.is_empty() {
                language.trf("inject-heading-no-audience", &[("channel", &channel)])
            } else {
                language.trf("inject-heading", &[("channel", &channel), ("audience", &i.audience)])
            };
            let mark = i.mark.map_or(language.tr("not-marked"), |(m, _)| m.label(language));
            Row::new([
                Text::given(clock_of(input, i.minute)),
                Text(vec![Piece::Strong(heading), Piece::Own(" ".into()), Piece::Given(i.text.clone())]),
                Text::given(&i.expected),
                Text::given(mark),
            ])
        })
        .collect();
    vec![Content::Heading(own(language.tr("injects-and-responses"))).into(), table(columns, rows).into()]
}

/// The improvement plan's table, and where the same table is written for a spreadsheet.
pub fn improvement_section<'a>(language: Language, input: &'a ReportInput<'a>) -> Section<'a> {
    let items = improvement_plan(language, input);
    let mut columns: Vec<Column> = improvement_headings(language).map(words).into();
    // The responsible role, on one line.
    columns[3].kind = ColumnKind::Name;
    let rows: Vec<Row> = items
        .into_iter()
        .map(|i| {
            Row::new([
                Text::given(i.objective),
                Text::given(i.issue),
                Text::given(i.action),
                Text::given(i.responsible),
                Text::given(i.start),
                Text::given(i.end),
            ])
        })
        .collect();
    let mut blocks = vec![
        Content::Heading(own(language.tr("improvement-plan"))).into(),
        Content::Paragraph(own(language.tr("improvement-plan-explained")), Tone::Meta).into(),
    ];
    if rows.is_empty() {
        blocks.push(Content::Paragraph(own(language.tr("improvement-plan-empty")), Tone::Plain).into());
    } else {
        blocks.push(table(columns, rows).into());
    }
    blocks
}

/// The line a director signs.
pub fn approval<'a>(language: Language) -> Section<'a> {
    vec![Content::Paragraph(own(language.tr("approval-line")), Tone::Plain).into()]
}

/// The break before the annexes, and their heading.
pub fn annexes<'a>(language: Language) -> Section<'a> {
    vec![Content::PageBreak.into(), Content::Heading(own(language.tr("annexes"))).into()]
}

/// The improvement plan's columns, the same in the report, the CSV and the workbook.
fn improvement_headings(language: Language) -> [&'static str; 6] {
    ["column-objective", "column-improvement-issue", "column-corrective-action", "column-responsible", "column-start", "column-end"]
        .map(|key| language.tr(key))
}

/// The improvement plan as CSV, for a spreadsheet.
pub fn improvement_csv(language: Language, items: &[ImprovementItem]) -> String {
    let mut out = improvement_headings(language).map(super::escape::csv).join(",");
    out.push('\n');
    for i in items {
        let cells = [&i.objective, &i.issue, &i.action, &i.responsible, &i.start, &i.end].map(|c| super::escape::csv(c));
        out += &cells.join(",");
        out.push('\n');
    }
    out
}

/// A cell's text within a spreadsheet's 32,767 UTF-16 units (an emoji takes two), cut with "…" when
/// longer; the CSV keeps it whole.
fn fit_cell(text: &str) -> String {
    const MOST_UNITS: usize = 32_767;
    if text.encode_utf16().count() <= MOST_UNITS {
        return text.to_string();
    }
    let mut units = 0;
    let mut out: String = text
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units < MOST_UNITS
        })
        .collect();
    out.push('…');
    out
}

/// The improvement plan as an XLSX workbook, its header row bold and frozen.
pub fn improvement_xlsx(language: Language, items: &[ImprovementItem], day: Option<(i16, i8, i8)>) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| format!("cannot write the improvement plan's workbook: {e}");
    let mut workbook = Workbook::new();
    // The workbook is dated by the exercise, not by the moment it is written, so that the same report
    // gives the same bytes.
    // A day a workbook cannot hold (before 1900) gives way to a fixed one, never to the clock's.
    let (year, month, day) = day.filter(|(year, _, _)| (1900..=9999).contains(year)).unwrap_or((2000, 1, 1));
    let created =
        ExcelDateTime::from_ymd(year as u16, month as u8, day as u8).or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1)).map_err(fail)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name(language.tr("improvement-plan-sheet")).map_err(fail)?;
    let bold = CellFormat::new().set_bold().set_text_wrap();
    let wrap = CellFormat::new().set_text_wrap();
    let headings = improvement_headings(language);
    for (c, (heading, width)) in headings.iter().zip([36.0, 48.0, 48.0, 24.0, 14.0, 14.0]).enumerate() {
        sheet.write_string_with_format(0, c as u16, *heading, &bold).map_err(fail)?;
        sheet.set_column_width(c as u16, width).map_err(fail)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    for (r, i) in items.iter().enumerate() {
        for (c, cell) in [&i.objective, &i.issue, &i.action, &i.responsible, &i.start, &i.end].iter().enumerate() {
            sheet.write_string_with_format(r as u32 + 1, c as u16, fit_cell(cell), &wrap).map_err(fail)?;
        }
    }
    workbook.save_to_buffer().map_err(fail)
}
