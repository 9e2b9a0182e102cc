//! The plan-audit report: `audit.html` (one self-contained page, printed on A4: a board's summary on
//! the first page, then each milestone's chart and the what-ifs), `audit.md` with the same words,
//! `audit.csv` (a row per milestone or measure and variant) and `audit.json` (the whole summary).

use std::fmt::Write as _;
use std::path::Path;

use super::charts::achievable_chart;
use super::escape::{csv, html, markdown};
use super::html::page;
use super::write_whole;
use crate::audit::stats::OUTCOME_WORDS;
use crate::audit::summary::{AT_RISK, AuditSummary, FEASIBLE, MilestoneAudit, Verdict, WhatIfAudit, minutes_words};

/// How the audit was made, for every reader.
fn method(s: &AuditSummary) -> String {
    format!(
        "Each night is a seeded run of the best response to the plan this scenario allows: every useful decision taken at the first alert (the calls that bring people in first, then what the plan's milestones need, in the order of their deadlines), each started as soon as its people are there and free and its preconditions hold. Over {} nights, a milestone is feasible when it is met within its deadline on at least {:.0}% of them, at risk from {:.0}%, and infeasible with this staff below. Times count from each milestone's reference event; a milestone met before it counts as met where the plan allows it to be anticipated. What-ifs run on the same nights, so that what each changes is its own effect; ± is one standard error of the change, night by night, and a change is said to buy something when it is more than two.",
        s.runs,
        FEASIBLE * 100.0,
        AT_RISK * 100.0
    )
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Feasible => "ok",
        Verdict::AtRisk => "late",
        Verdict::Infeasible => "missed",
        Verdict::NotApplicable => "not-counted",
    }
}

fn count(s: &AuditSummary, v: Verdict) -> usize {
    s.milestones.iter().filter(|m| m.verdict == v).count()
}

/// Whether a change stands out of its Monte-Carlo error (two standard errors) and is not nil.
fn clear(change: f64, error: f64) -> bool {
    change.abs() > 2.0 * error && change.abs() >= 0.5e-3
}

/// What a what-if changes clearly, in one sentence; `None` when nothing stands out of the noise.
fn buys(w: &WhatIfAudit) -> Option<String> {
    let mut parts = Vec::new();
    if w.verdicts_improved != 0 {
        parts.push(format!("{:+} verdicts", w.verdicts_improved));
    }
    if clear(w.deadline_nights_gained, w.deadline_nights_error) {
        parts.push(format!("{:+.2} ± {:.2} deadlines met a night", w.deadline_nights_gained, w.deadline_nights_error));
    }
    for (o, name) in w.outcomes.iter().zip(OUTCOME_WORDS) {
        if clear(o.change, o.change_error) {
            parts.push(format!("{name} {:+.1} ± {:.1}", o.change, o.change_error));
        }
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn buys_words(w: &WhatIfAudit) -> String {
    buys(w).unwrap_or_else(|| "no change beyond its Monte-Carlo error".into())
}

fn binding_words(m: &MilestoneAudit) -> String {
    match &m.binding {
        None => "—".into(),
        Some(b) if b.share >= 0.995 => b.text.clone(),
        Some(b) => format!("{} ({:.0}% of nights)", b.text, b.share * 100.0),
    }
}

/// The board's page: which deadlines hold, which do not, the three changes that buy most.
fn summary_html(s: &AuditSummary) -> String {
    let mut body = format!(
        "<p class=\"meta\">Plan <b>{}</b> · {} nights · master seed {}</p><div class=\"cards\">",
        html(&s.plan_name),
        s.runs,
        s.seed
    );
    for (v, label) in [(Verdict::Feasible, "deadlines hold"), (Verdict::AtRisk, "at risk"), (Verdict::Infeasible, "beyond this staff")] {
        let _ = write!(body, "<div class=\"card\"><b class=\"{}\">{}</b>{label}</div>", verdict_class(v), count(s, v));
    }
    body += "</div><h2>Which deadlines hold</h2><table class=\"compact\"><tr><th>Milestone</th><th>Deadline</th><th>Met in time</th><th>Verdict</th><th>What binds it</th></tr>";
    for m in &s.milestones {
        let _ = write!(
            body,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.0}%</td><td class=\"{}\">{}</td><td>{}</td></tr>",
            html(&m.name),
            minutes_words(Some(i64::from(m.target_minutes))),
            m.met_share * 100.0,
            verdict_class(m.verdict),
            m.verdict.words(),
            html(&binding_words(m))
        );
    }
    body += "</table>";
    if !s.what_ifs.is_empty() {
        body += "<h2>The changes that buy most</h2><ol>";
        let buying: Vec<(&WhatIfAudit, String)> = s.what_ifs.iter().filter_map(|w| buys(w).map(|b| (w, b))).take(3).collect();
        for (w, what) in &buying {
            let _ = write!(body, "<li><b>{}</b>: {}.</li>", html(&w.description), html(what));
        }
        body += "</ol>";
        if buying.is_empty() {
            body += "<p>None of the changes tried buys anything beyond its Monte-Carlo error.</p>";
        }
    }
    body
}

/// Each milestone in detail, with its chart.
fn milestones_html(s: &AuditSummary) -> Result<String, String> {
    let mut body = format!("<h2 class=\"new-page\">How this audit was made</h2><p>{}</p>", html(&method(s)));
    body.push_str(
        "<h2>Each milestone</h2><p class=\"meta\">In each chart, minutes from the milestone's reference event: the bar runs from the 10th to the 90th percentile of the nights, the dot is the median, the red line the deadline; a time never reached is drawn at the right edge.</p>",
    );
    for m in &s.milestones {
        let chart = if m.nights > 0 { achievable_chart(m)? } else { String::new() };
        let _ = write!(
            body,
            "<h3>{}</h3><p>Deadline {} after {} ({}). Achievable: p10 {}, median {}, p90 {}; met in time on {:.1}% ± {:.1}% of {} nights: <span class=\"{}\">{}</span>. Tightest deadline met on nine nights in ten: {}. Binds: {}.</p><figure>{}</figure>",
            html(&m.name),
            minutes_words(Some(i64::from(m.target_minutes))),
            html(&m.reference),
            html(&m.source),
            minutes_words(m.p10_minutes),
            minutes_words(m.median_minutes),
            minutes_words(m.p90_minutes),
            m.met_share * 100.0,
            m.met_share_error * 100.0,
            m.nights,
            verdict_class(m.verdict),
            m.verdict.words(),
            m.tightest_deadline_minutes.map_or("none".into(), |t| minutes_words(Some(i64::from(t)))),
            html(&binding_words(m)),
            chart
        );
    }
    Ok(body)
}

fn what_ifs_html(s: &AuditSummary) -> String {
    if s.what_ifs.is_empty() {
        return String::new();
    }
    let mut body = String::from(
        "<h2 class=\"new-page\">What-ifs, ranked</h2><table><tr><th>#</th><th>Change</th><th>Verdicts</th><th>Deadlines met a night</th><th>Hosts encrypted</th><th>Patient-hours at risk</th><th>Treatment plans lost</th><th>First alert (minutes)</th></tr>",
    );
    for w in &s.what_ifs {
        let o = |k: usize| format!("{:+.1} ± {:.1}", w.outcomes[k].change, w.outcomes[k].change_error);
        let _ = write!(
            body,
            "<tr><td class=\"num\">{}</td><td>{} <code>{}</code></td><td class=\"num\">{:+}</td><td class=\"num\">{:+.2} ± {:.2}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            w.rank,
            html(&w.description),
            html(&w.label),
            w.verdicts_improved,
            w.deadline_nights_gained,
            w.deadline_nights_error,
            o(0),
            o(1),
            o(2),
            o(3)
        );
    }
    body += "</table><h3>Milestone by milestone (share of nights met in time)</h3><table><tr><th>Milestone</th><th>As written</th>";
    for w in &s.what_ifs {
        let _ = write!(body, "<th>{}</th>", html(&w.label));
    }
    body += "</tr>";
    for (i, m) in s.milestones.iter().enumerate() {
        let _ = write!(body, "<tr><td>{}</td><td class=\"num\">{:.0}%</td>", html(&m.name), m.met_share * 100.0);
        for w in &s.what_ifs {
            let c = &w.milestones[i];
            let _ = write!(body, "<td class=\"num\">{:.0}% ({:+.0})</td>", c.met_share * 100.0, c.change * 100.0);
        }
        body += "</tr>";
    }
    body + "</table>"
}

/// The whole audit as one page.
pub fn render_audit_html(s: &AuditSummary) -> Result<String, String> {
    let body = summary_html(s) + &milestones_html(s)? + &what_ifs_html(s);
    Ok(page("en", &html(&format!("Plan audit — {}", s.scenario_name)), &body))
}

/// The audit in Markdown, with the same words as the page.
pub fn render_audit_markdown(s: &AuditSummary) -> String {
    let mut out = format!(
        "# Plan audit — {}\n\n{} · plan **{}** · {} nights · master seed {}\n\n{} deadlines hold, {} at risk, {} beyond this staff.\n\n## Which deadlines hold\n\n| Milestone | Deadline | p10 | Median | p90 | Met in time | Verdict | 90% of nights at | What binds it |\n|---|---|---|---|---|---|---|---|---|\n",
        markdown(&s.scenario_name),
        markdown(&s.scenario),
        markdown(&s.plan_name),
        s.runs,
        s.seed,
        count(s, Verdict::Feasible),
        count(s, Verdict::AtRisk),
        count(s, Verdict::Infeasible)
    );
    for m in &s.milestones {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.1}% | {} | {} | {} |",
            markdown(&m.name),
            minutes_words(Some(i64::from(m.target_minutes))),
            minutes_words(m.p10_minutes),
            minutes_words(m.median_minutes),
            minutes_words(m.p90_minutes),
            m.met_share * 100.0,
            m.verdict.words(),
            m.tightest_deadline_minutes.map_or("none".into(), |t| minutes_words(Some(i64::from(t)))),
            markdown(&binding_words(m))
        );
    }
    if !s.what_ifs.is_empty() {
        out += "\n## What-ifs, ranked\n\n";
        for w in &s.what_ifs {
            let label = w.label.replace('`', "");
            let _ = writeln!(out, "{}. **{}** (`{label}`): {}.", w.rank, markdown(&w.description), markdown(&buys_words(w)));
        }
    }
    let _ = write!(out, "\n{}\n", markdown(&method(s)));
    out
}

/// The columns of `audit.csv`. `standard_error` is that of `change` where there is one, else of
/// `met_share` (a milestone) or `mean` (a measure).
const CSV_COLUMNS: [&str; 15] = [
    "what_if",
    "kind",
    "id",
    "target_minutes",
    "nights",
    "p10_minutes",
    "median_minutes",
    "p90_minutes",
    "met_share",
    "mean",
    "change",
    "standard_error",
    "verdict",
    "tightest_deadline_minutes",
    "binding",
];

/// The columns of `audit.csv` that hold words (escaped as text); the others hold numbers, written as they are.
const CSV_TEXT_COLUMNS: [&str; 5] = ["what_if", "kind", "id", "verdict", "binding"];

/// One row of `audit.csv`: (column, value) pairs, the rest empty.
fn csv_row(out: &mut String, cells: &[(&str, String)]) {
    let cell = |column: &&str| {
        let value = cells.iter().find(|(name, _)| name == column).map_or("", |(_, v)| v.as_str());
        if CSV_TEXT_COLUMNS.contains(column) { csv(value) } else { value.to_string() }
    };
    let row: Vec<String> = CSV_COLUMNS.iter().map(cell).collect();
    let _ = writeln!(out, "{}", row.join(","));
}

/// The audit as CSV: a row per milestone or outcome measure, for the scenario as written and each what-if.
pub fn render_audit_csv(s: &AuditSummary) -> String {
    let mut out = CSV_COLUMNS.join(",") + "\n";
    let opt = |x: Option<i64>| x.map_or(String::new(), |x| x.to_string());
    let runs = s.runs.to_string();
    for m in &s.milestones {
        csv_row(
            &mut out,
            &[
                ("kind", "milestone".into()),
                ("id", m.id.clone()),
                ("target_minutes", m.target_minutes.to_string()),
                ("nights", m.nights.to_string()),
                ("p10_minutes", opt(m.p10_minutes)),
                ("median_minutes", opt(m.median_minutes)),
                ("p90_minutes", opt(m.p90_minutes)),
                ("met_share", m.met_share.to_string()),
                ("standard_error", m.met_share_error.to_string()),
                ("verdict", m.verdict.words().into()),
                ("tightest_deadline_minutes", m.tightest_deadline_minutes.map_or(String::new(), |t| t.to_string())),
                ("binding", binding_words(m)),
            ],
        );
    }
    for o in &s.outcomes {
        csv_row(
            &mut out,
            &[
                ("kind", "outcome".into()),
                ("id", o.measure.clone()),
                ("nights", runs.clone()),
                ("mean", o.mean.to_string()),
                ("standard_error", o.standard_error.to_string()),
            ],
        );
    }
    for w in &s.what_ifs {
        for (c, m) in w.milestones.iter().zip(&s.milestones) {
            csv_row(
                &mut out,
                &[
                    ("what_if", w.label.clone()),
                    ("kind", "milestone".into()),
                    ("id", c.id.clone()),
                    ("target_minutes", m.target_minutes.to_string()),
                    ("median_minutes", opt(c.median_minutes)),
                    ("met_share", c.met_share.to_string()),
                    ("change", c.change.to_string()),
                    ("standard_error", c.change_error.to_string()),
                    ("verdict", c.verdict.words().into()),
                ],
            );
        }
        for o in &w.outcomes {
            csv_row(
                &mut out,
                &[
                    ("what_if", w.label.clone()),
                    ("kind", "outcome".into()),
                    ("id", o.measure.clone()),
                    ("nights", runs.clone()),
                    ("mean", o.mean.to_string()),
                    ("change", o.change.to_string()),
                    ("standard_error", o.change_error.to_string()),
                ],
            );
        }
    }
    out
}

/// Writes the four audit files into `dir`, each whole or not at all.
pub fn write_audit_report(dir: &Path, s: &AuditSummary) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    write_whole(&dir.join("audit.html"), &render_audit_html(s)?)?;
    write_whole(&dir.join("audit.md"), &render_audit_markdown(s))?;
    write_whole(&dir.join("audit.csv"), &render_audit_csv(s))?;
    let json = serde_json::to_string_pretty(s).map_err(|e| e.to_string())?;
    write_whole(&dir.join("audit.json"), &(json + "\n"))
}
