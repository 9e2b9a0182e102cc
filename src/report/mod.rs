//! The after-action report: `report.html` (one self-contained file, printable), `report.md`,
//! `timeline.csv` and `result.json`. Every text that came from a file or a player is escaped. The two
//! reports for people are written in English or French; `timeline.csv` and `result.json`, read by
//! machines, keep their English field names and kinds. The batch and sweep reports are written here
//! too.

mod batch;
mod charts;
mod escape;
mod html;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use batch::{render_sweep_csv, write_batch_report, write_sweep_report};
// The escaping functions keep their names beside the `html` module: a module and a function do not
// share a namespace.
pub use escape::{html, markdown};

use self::charts::{infection_chart, milestone_chart, services_chart};
use self::html::STYLE;
use crate::data::plan::Plan;
use crate::data::scenario::Scenario;
use crate::i18n::Language;
use crate::score::{MilestoneResult, MilestoneStatus, ScoredRun};
use crate::sim::EntryKind;

/// A note an observer wrote during the exercise.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ObserverNote {
    pub minute: u32,
    pub at: String,
    pub text: String,
}

/// Everything a report is made from.
pub struct ReportInput<'a> {
    pub scenario: &'a Scenario,
    pub plan: Option<&'a Plan>,
    pub result: &'a ScoredRun,
    /// The historical playbook on the same seed, for comparison.
    pub historical: Option<&'a ScoredRun>,
    /// A playbook meeting every target on the same seed, for comparison.
    pub on_time: Option<&'a ScoredRun>,
    pub notes: &'a [ObserverNote],
    /// Hot-wash questions and the answers typed in by the facilitator.
    pub answers: &'a [(String, String)],
}

fn status_text(language: Language, m: &MilestoneResult) -> String {
    match m.status {
        MilestoneStatus::OnTime => language.trf("on-time-minutes", &[("minutes", &m.achieved_minutes.unwrap_or(0))]),
        MilestoneStatus::Late => {
            language.trf("late-by-minutes", &[("late", &m.late_by_minutes.unwrap_or(0)), ("minutes", &m.achieved_minutes.unwrap_or(0))])
        }
        MilestoneStatus::Missed => language.tr("kind-missed").to_string(),
    }
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
    pub points: f64,
    pub max_points: f64,
}

/// The score's lines in a language: in English as the score wrote them; in another, said again from
/// the run and the plan it was scored against (timing first, then each outcome of the plan, in its
/// order), or as written if they do not line up with the plan given.
pub fn score_lines(language: Language, result: &ScoredRun, plan: Option<&Plan>) -> Vec<ScoreText> {
    let Some(score) = &result.score else { return Vec::new() };
    let as_written = || {
        score.lines.iter().map(|l| ScoreText { label: l.label.clone(), value: l.value.clone(), points: l.points, max_points: l.max_points })
    };
    let Some(plan) = plan.filter(|p| language != Language::English && p.score.outcomes.len() + 1 == score.lines.len()) else {
        return as_written().collect();
    };
    let mut texts = vec![crate::score::timing_text(language, &result.milestones)];
    texts.extend(plan.score.outcomes.iter().map(|o| crate::score::measure_text(language, &result.run, o.measure)));
    as_written().zip(texts).map(|(line, (label, value))| ScoreText { label: label.to_string(), value, ..line }).collect()
}

fn status_class(m: &MilestoneResult) -> &'static str {
    match m.status {
        MilestoneStatus::OnTime => "ok",
        MilestoneStatus::Late => "late",
        MilestoneStatus::Missed => "missed",
    }
}

fn fmt_hours(minutes: Option<u32>) -> String {
    minutes.map_or("—".to_string(), |m| format!("{m} min"))
}

/// The HTML report, in a language.
pub fn render_html(language: Language, input: &ReportInput) -> Result<String, String> {
    let r = &input.result.run;
    let s = input.scenario;
    let mut out = String::new();
    let title = language.trf("report-title", &[("scenario", &s.meta.name)]);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        language.code(),
        html(&title)
    );
    let _ = write!(out, "<h1>{}</h1>", html(&title));
    let playbook = format!("<b>{}</b>", html(r.playbook.as_deref().unwrap_or(language.tr("none-response"))));
    let _ = write!(
        out,
        "<p class=\"meta\">{}{}</p>",
        language.trf(
            "report-run-line",
            &[("playbook", &playbook), ("seed", &r.seed), ("from", &html(&r.start)), ("to", &html(&r.end)), ("minutes", &r.minutes)]
        ),
        input.plan.map_or(String::new(), |p| language.trf("report-plan-suffix", &[("plan", &format!("<b>{}</b>", html(&p.name)))]))
    );
    if let Some(plan) = input.plan {
        let years = {
            let mut years: Vec<u16> = plan.milestones.iter().map(|m| m.year).collect();
            years.sort_unstable();
            years.dedup();
            years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
        };
        let _ = write!(
            out,
            "<p class=\"caveat\">{}</p>",
            html([language.trf("plan-rules-years", &[("years", &years)]), plan.caveat.clone()].join(" ").trim_end())
        );
    }

    let _ = write!(out, "<h2>{}</h2><div class=\"cards\">", language.tr("summary"));
    if let Some(score) = &input.result.score {
        let _ = write!(
            out,
            "<div class=\"card\">{}<b>{:.1} / 100</b>{}</div>",
            language.tr("score"),
            score.total,
            language
                .trf("timing-and-outcome", &[("timing", &format!("{:.1}", score.timing)), ("outcome", &format!("{:.1}", score.outcome))])
        );
    }
    let _ = write!(
        out,
        "<div class=\"card\">{}<b>{} / {}</b>{:.1}%</div>",
        language.tr("hosts-encrypted"),
        r.hosts.encrypted,
        r.hosts.total,
        100.0 * r.encrypted_fraction()
    );
    if let Some(care) = &r.care {
        let m = &care.measures;
        let _ = write!(
            out,
            "<div class=\"card\">{}<b>{:.0}</b>{}</div>",
            language.tr("patients-risk"),
            m.patient_hours_at_risk,
            language.tr("patient-hours")
        );
        let _ = write!(
            out,
            "<div class=\"card\">{}<b>{:.0} / {:.0}</b>{}</div>",
            language.tr("treatment-plans-lost"),
            m.treatment_plans_lost,
            m.inpatients,
            language.tr("inpatients")
        );
    }
    let _ = write!(
        out,
        "<div class=\"card\">{}<b>{}</b>{}</div></div>",
        language.tr("data-exfiltrated"),
        language.trf("gigabytes", &[("gigabytes", &format!("{:.0}", r.attack.exfiltrated_gb))]),
        language.trf("gigabytes-during-scenario", &[("gigabytes", &format!("{:.0}", r.attack.exfiltrated_during_gb))])
    );

    let comparisons: Vec<(&str, &ScoredRun)> = [
        (language.tr("column-this-run"), Some(input.result)),
        (language.tr("column-historical-night"), input.historical),
        (language.tr("plan-met-time"), input.on_time),
    ]
    .into_iter()
    .filter_map(|(n, x)| x.map(|x| (n, x)))
    .collect();
    if comparisons.len() > 1 {
        let _ = write!(
            out,
            "<h2>{}</h2><p>{}</p><table><tr><th></th>",
            language.tr("compared-historical-night-plan-met"),
            language.tr("same-scenario-same-seed")
        );
        for (name, _) in &comparisons {
            let _ = write!(out, "<th>{}</th>", html(name));
        }
        out += "</tr>";
        type Row<'a> = (&'a str, &'a dyn Fn(&ScoredRun) -> String);
        let rows: [Row; 6] = [
            (language.tr("score"), &|x| x.score.as_ref().map_or("—".into(), |s| format!("{:.1}", s.total))),
            (language.tr("milestones-time"), &|x| {
                language.trf(
                    "count-of-total",
                    &[
                        ("count", &x.milestones.iter().filter(|m| m.status == MilestoneStatus::OnTime).count()),
                        ("total", &x.milestones.len()),
                    ],
                )
            }),
            (language.tr("hosts-encrypted"), &|x| format!("{}", x.run.hosts.encrypted)),
            (language.tr("patient-hours-risk"), &|x| {
                x.run.care.as_ref().map_or("—".into(), |c| format!("{:.0}", c.measures.patient_hours_at_risk))
            }),
            (language.tr("treatment-plans-lost"), &|x| {
                x.run.care.as_ref().map_or("—".into(), |c| format!("{:.0}", c.measures.treatment_plans_lost))
            }),
            (language.tr("gb-exfiltrated-during-scenario"), &|x| format!("{:.0}", x.run.attack.exfiltrated_during_gb)),
        ];
        for (label, value) in rows {
            let _ = write!(out, "<tr><th>{}</th>", html(label));
            for (_, run) in &comparisons {
                let _ = write!(out, "<td class=\"num\">{}</td>", html(&value(run)));
            }
            out += "</tr>";
        }
        out += "</table>";
    }

    if !input.result.milestones.is_empty() {
        let _ = write!(out, "<h2>{}</h2>", language.tr("milestones"));
        if let Some(svg) = milestone_chart(language, input.result, input.historical)? {
            let _ = write!(out, "<figure>{svg}</figure>");
        }
        let _ = write!(
            out,
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
            language.tr("column-milestone"),
            language.tr("source"),
            language.tr("reference"),
            language.tr("column-target"),
            language.tr("column-this-run")
        );
        if input.historical.is_some() {
            let _ = write!(out, "<th>{}</th>", language.tr("column-historical-night"));
        }
        let _ = write!(out, "<th>{}</th></tr>", language.tr("points"));
        for (i, m) in input.result.milestones.iter().enumerate() {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{} ({})</td><td>{}</td><td class=\"num\">{} min</td><td class=\"{}\">{}</td>",
                html(&m.name),
                html(&m.source),
                m.year,
                html(&m.reference),
                m.target_minutes,
                status_class(m),
                html(&status_text(language, m))
            );
            if let Some(h) = input.historical.and_then(|h| h.milestones.get(i)) {
                let _ = write!(out, "<td class=\"{}\">{}</td>", status_class(h), html(&status_text(language, h)));
            }
            let _ = write!(out, "<td class=\"num\">{:.1} / {:.1}</td></tr>", m.points, m.max_points);
        }
        out += "</table>";
    }

    if let Some(score) = &input.result.score {
        let _ = write!(
            out,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            language.tr("score-line-line"),
            language.tr("line"),
            language.tr("what-happened"),
            language.tr("points")
        );
        for line in score_lines(language, input.result, input.plan) {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.1} / {:.0}</td></tr>",
                html(&line.label),
                html(&line.value),
                line.points,
                line.max_points
            );
        }
        let _ =
            write!(out, "<tr><th colspan=\"2\">{}</th><th class=\"num\">{:.1} / 100</th></tr></table>", language.tr("total"), score.total);
    }

    let _ = write!(out, "<h2>{}</h2>", language.tr("network"));
    let _ = write!(out, "<figure>{}</figure>", infection_chart(language, input.result)?);
    let backups =
        if r.attack.backups_destroyed.is_empty() { language.tr("none").to_string() } else { r.attack.backups_destroyed.join(", ") };
    let _ = write!(
        out,
        "<p>{}</p>",
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
                ("backups", &html(&backups))
            ]
        )
    );

    if let Some(care) = &r.care {
        let _ = write!(out, "<h2>{}</h2>", language.tr("heading-care"));
        if let Some(svg) = services_chart(language, input.result)? {
            let _ = write!(out, "<figure>{svg}</figure>");
        }
        let m = &care.measures;
        let _ = write!(out, "<table><tr><th>{}</th><th>{}</th></tr>", language.tr("measure"), language.tr("value"));
        for (label, value) in [
            (language.tr("patient-hours-risk-down-downtime"), format!("{:.0}", m.patient_hours_at_risk)),
            (language.tr("emergency-arrivals-received-while-department"), format!("{:.0}", m.emergency_arrivals_at_risk)),
            (language.tr("ambulances-diverted"), format!("{:.0}", m.ambulances_diverted)),
            (
                language.tr("treatment-plans-lost-wards"),
                language.trf(
                    "count-of-total",
                    &[("count", &format!("{:.0}", m.treatment_plans_lost)), ("total", &format!("{:.0}", m.inpatients))],
                ),
            ),
            (language.tr("service-hours-down-critical"), format!("{:.0} ({:.0})", m.service_hours_down, m.critical_service_hours_down)),
            (language.tr("service-hours-degraded-or-paper"), format!("{:.0}", m.service_hours_degraded)),
            (language.tr("consultations-lost"), format!("{:.0}", m.consultations_lost)),
        ] {
            let _ = write!(out, "<tr><td>{}</td><td class=\"num\">{}</td></tr>", html(label), html(&value));
        }
        out += "</table>";
    }

    let _ = write!(
        out,
        "<h2>{}</h2><p>{}</p><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        language.tr("timeline"),
        language.trf("report-hidden-entries", &[("mark", &format!("<span class=\"hidden\">{}</span>", language.tr("kind-hidden")))]),
        language.tr("column-time"),
        language.tr("kind"),
        language.tr("what-happened")
    );
    for row in &r.timeline {
        let hidden = row.kind == EntryKind::Attack;
        let _ = write!(
            out,
            "<tr{}><td class=\"time\">{}</td><td>{}</td><td>{}</td></tr>",
            if hidden { " class=\"hidden\"" } else { "" },
            html(&row.at),
            html(kind_word(language, row.kind)),
            html(&row.text)
        );
    }
    out += "</table>";

    let _ = write!(out, "<h2>{}</h2>", language.tr("observer-notes"));
    if input.notes.is_empty() {
        let _ = write!(out, "<p>{}</p>", language.tr("observer-notes-were-written"));
    } else {
        let _ = write!(out, "<table><tr><th>{}</th><th>{}</th></tr>", language.tr("column-time"), language.tr("note"));
        for note in input.notes {
            let _ = write!(out, "<tr><td>{}</td><td>{}</td></tr>", html(&note.at), html(&note.text));
        }
        out += "</table>";
    }
    if !s.hot_wash.is_empty() {
        let _ = write!(
            out,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th></tr>",
            language.tr("hot-wash"),
            language.tr("question"),
            language.tr("answer")
        );
        for question in &s.hot_wash {
            let answer = input.answers.iter().find(|(q, _)| q == question).map_or("", |(_, a)| a.as_str());
            let _ = write!(out, "<tr><td>{}</td><td>{}</td></tr>", html(question), html(answer));
        }
        out += "</table>";
    }
    let _ = write!(out, "<h2>{}</h2><ul>", language.tr("sources"));
    for source in s.meta.sources.iter().chain(input.plan.map(|p| p.sources.iter()).into_iter().flatten()) {
        let _ = write!(out, "<li>{}</li>", html(source));
    }
    let _ = writeln!(out, "</ul><p class=\"meta\">{}</p></body></html>", language.tr("every-number-sources-do-not"));
    Ok(out)
}

/// The Markdown report, in a language.
pub fn render_markdown(language: Language, input: &ReportInput) -> String {
    let r = &input.result.run;
    let s = input.scenario;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", language.trf("report-title", &[("scenario", &markdown(&s.meta.name))]));
    let playbook = format!("**{}**", markdown(r.playbook.as_deref().unwrap_or(language.tr("none-response"))));
    let _ = writeln!(
        out,
        "{}\n",
        language.trf(
            "report-run-line",
            &[
                ("playbook", &playbook),
                ("seed", &r.seed),
                ("from", &markdown(&r.start)),
                ("to", &markdown(&r.end)),
                ("minutes", &r.minutes)
            ]
        )
    );
    if let Some(score) = &input.result.score {
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} |\n|---|---|---:|",
            language.trf("score-line", &[("score", &format!("{:.1}", score.total))]),
            language.tr("line"),
            language.tr("what-happened"),
            language.tr("points")
        );
        for line in score_lines(language, input.result, input.plan) {
            let _ =
                writeln!(out, "| {} | {} | {:.1} / {:.0} |", markdown(&line.label), markdown(&line.value), line.points, line.max_points);
        }
        out += "\n";
    }
    if !input.result.milestones.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} | {} | {} |\n|---|---|---:|---|---|",
            language.tr("milestones"),
            language.tr("column-milestone"),
            language.tr("source"),
            language.tr("column-target"),
            language.tr("column-this-run"),
            language.tr("column-historical-night")
        );
        for (i, m) in input.result.milestones.iter().enumerate() {
            let historical = input.historical.and_then(|h| h.milestones.get(i)).map_or("—".to_string(), |h| status_text(language, h));
            let _ = writeln!(
                out,
                "| {} | {} ({}) | {} min | {} | {} |",
                markdown(&m.name),
                markdown(&m.source),
                m.year,
                m.target_minutes,
                status_text(language, m),
                markdown(&historical)
            );
        }
        out += "\n";
    }
    let _ = writeln!(
        out,
        "## {}\n\n- {}\n- {}\n- {}",
        language.tr("outcome"),
        language.trf(
            "summary-hosts",
            &[
                ("encrypted", &r.hosts.encrypted),
                ("total", &r.hosts.total),
                ("powered_off", &r.hosts.powered_off),
                ("restored", &r.hosts.restored),
                ("rebuilt", &r.hosts.rebuilt)
            ]
        ),
        language.trf(
            "summary-exfiltrated",
            &[("gigabytes", &format!("{:.0}", r.attack.exfiltrated_gb)), ("during", &format!("{:.0}", r.attack.exfiltrated_during_gb))]
        ),
        language.trf(
            "summary-detection",
            &[("first_alert", &fmt_hours(r.detection.first_alert_minute)), ("confirmed", &fmt_hours(r.detection.confirmed_minute))]
        )
    );
    if let Some(care) = &r.care {
        let m = &care.measures;
        let _ = writeln!(
            out,
            "- {}",
            language.trf(
                "summary-care",
                &[
                    ("at_risk", &format!("{:.0}", m.patient_hours_at_risk)),
                    ("plans_lost", &format!("{:.0}", m.treatment_plans_lost)),
                    ("inpatients", &format!("{:.0}", m.inpatients)),
                    ("hours_down", &format!("{:.0}", m.service_hours_down)),
                    ("critical", &format!("{:.0}", m.critical_service_hours_down)),
                    ("diverted", &format!("{:.0}", m.ambulances_diverted)),
                    ("consultations", &format!("{:.0}", m.consultations_lost))
                ]
            )
        );
    }
    let _ = write!(
        out,
        "\n## {}\n\n| {} | {} | {} |\n|---|---|---|\n",
        language.tr("timeline"),
        language.tr("column-time"),
        language.tr("kind"),
        language.tr("what-happened")
    );
    for row in &r.timeline {
        let _ = writeln!(out, "| {} | {} | {} |", markdown(&row.at), kind_word(language, row.kind), markdown(&row.text));
    }
    let _ = write!(out, "\n## {}\n\n", language.tr("observer-notes"));
    if input.notes.is_empty() {
        let _ = writeln!(out, "{}", language.tr("observer-notes-were-written"));
    }
    for note in input.notes {
        let _ = writeln!(out, "- {}: {}", markdown(&note.at), markdown(&note.text));
    }
    if !s.hot_wash.is_empty() {
        let _ = write!(out, "\n## {}\n\n", language.tr("hot-wash"));
        for question in &s.hot_wash {
            let answer = input.answers.iter().find(|(q, _)| q == question).map_or("", |(_, a)| a.as_str());
            let _ = writeln!(out, "- **{}** {}", markdown(question), markdown(answer));
        }
    }
    out
}

/// The timeline as CSV.
pub fn render_csv(result: &ScoredRun) -> String {
    let mut out = String::from("minute,at,kind,id,text\n");
    for row in &result.run.timeline {
        let kind = format!("{:?}", row.kind).to_lowercase();
        let _ = writeln!(out, "{},{},{},{},{}", row.minute, escape::csv(&row.at), kind, escape::csv(&row.id), escape::csv(&row.text));
    }
    out
}

/// Writes the four report files into `dir`, in English, each whole or not at all.
pub fn write_report(dir: &Path, input: &ReportInput) -> Result<Vec<PathBuf>, String> {
    write_report_in(Language::English, dir, input)
}

/// Writes the four report files into `dir`, each whole or not at all: `report.html` and `report.md`
/// in `language`, `timeline.csv` and `result.json` as machines read them.
pub fn write_report_in(language: Language, dir: &Path, input: &ReportInput) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    let json = serde_json::to_string_pretty(input.result).map_err(|e| format!("cannot write JSON: {e}"))?;
    let files = [
        ("report.html", render_html(language, input)?),
        ("report.md", render_markdown(language, input)),
        ("timeline.csv", render_csv(input.result)),
        ("result.json", json + "\n"),
    ];
    let mut written = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        let partial = dir.join(format!(".{name}.partial"));
        std::fs::write(&partial, content).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
        std::fs::rename(&partial, &path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Writes one file whole or not at all.
pub fn write_whole(path: &Path, content: &str) -> Result<(), String> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, content).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    std::fs::rename(&partial, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
