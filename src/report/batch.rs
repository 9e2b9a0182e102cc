//! The batch and sweep reports: many replicas of one run, or of one run at several delays of a
//! decision, summed up in a page of distributions and charts with their numbers as JSON and CSV.

use std::fmt::Write as _;
use std::path::Path;

use super::charts::{histogram_chart, sweep_chart};
use super::escape::html;
use super::html::page;
use super::write_whole;
use crate::batch::{BatchStats, BatchSummary, Distribution, SweepSummary};

/// A measure's row of the distributions table, in percent or as it is.
fn distribution_row(label: &str, d: Option<&Distribution>, percent: bool) -> String {
    match d {
        None => format!("<tr><td>{}</td><td colspan=\"4\">—</td></tr>", html(label)),
        Some(d) => {
            let f = |x: f64| if percent { format!("{:.1}%", x * 100.0) } else { format!("{x:.1}") };
            format!(
                "<tr><td>{}</td><td class=\"num\">{} ± {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                html(label),
                f(d.mean),
                f(d.standard_error),
                f(d.p10),
                f(d.p50),
                f(d.p90)
            )
        }
    }
}

/// The batch report: histograms, milestone on-time rates, and the summary as JSON (the per-replica CSV
/// is written while the batch runs).
pub fn write_batch_report(dir: &Path, summary: &BatchSummary, stats: &BatchStats) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    let mut body = format!(
        "<p class=\"meta\">Scenario {} · playbook <b>{}</b> · {} replicas of {} simulated minutes · master seed {}{}</p>",
        html(&summary.scenario),
        html(&summary.playbook),
        summary.runs,
        summary.minutes,
        summary.seed,
        summary.plan.as_ref().map_or(String::new(), |p| format!(" · plan {}", html(p)))
    );
    body += "<h2>Distributions</h2><table><tr><th>Measure</th><th>Mean ± standard error</th><th>p10</th><th>p50</th><th>p90</th></tr>";
    body += &distribution_row("Share of hosts ever encrypted", summary.encrypted_fraction.as_ref(), true);
    body += &distribution_row("Score (out of 100)", summary.score_total.as_ref(), false);
    let _ = write!(
        body,
        "</table><p>Means: {:.0} patient-hours at risk, {:.0} treatment plans lost, {:.1} GB exfiltrated during the scenario.</p>",
        summary.patient_hours_at_risk_mean, summary.treatment_plans_lost_mean, summary.exfiltrated_gb_mean
    );
    let _ = write!(
        body,
        "<figure>{}</figure>",
        histogram_chart(
            "Share of hosts ever encrypted",
            "share of hosts ever encrypted",
            &stats.encrypted,
            f64::from(stats.total_hosts.max(1)),
            1.0
        )?
    );
    if stats.score.total() > 0 {
        let _ = write!(body, "<figure>{}</figure>", histogram_chart("Score", "score out of 100", &stats.score, 100.0, 100.0)?);
    }
    if !summary.milestones.is_empty() {
        body += "<h2>Milestones</h2><table><tr><th>Milestone</th><th>On time</th><th>Anticipated</th><th>Late</th><th>Missed</th><th>Not counted</th></tr>";
        for m in &summary.milestones {
            let _ = write!(body, "<tr><td>{}</td>", html(&m.name));
            for rate in [m.on_time_rate, m.anticipated_rate, m.late_rate, m.missed_rate, m.not_counted_rate] {
                let _ = write!(body, "<td class=\"num\">{:.1}%</td>", rate * 100.0);
            }
            body += "</tr>";
        }
        body += "</table>";
    }
    body += "<p>Every replica's results are in <code>replicas.csv</code>; the summary in <code>summary.json</code>.</p>";
    write_whole(&dir.join("report.html"), &page("en", "Batch report", &body))?;
    let json = serde_json::to_string_pretty(summary).map_err(|e| e.to_string())?;
    write_whole(&dir.join("summary.json"), &(json + "\n"))
}

/// The sweep as CSV.
pub fn render_sweep_csv(sweep: &SweepSummary) -> String {
    let mut out =
        String::from("minutes,runs,encrypted_mean,encrypted_p10,encrypted_p50,encrypted_p90,score_mean,score_p10,score_p50,score_p90\n");
    for p in &sweep.points {
        let d = |x: Option<Distribution>| x.map_or(",,,".to_string(), |d| format!("{},{},{},{}", d.mean, d.p10, d.p50, d.p90));
        let _ = writeln!(out, "{},{},{},{}", p.minutes, p.summary.runs, d(p.summary.encrypted_fraction), d(p.summary.score_total));
    }
    out
}

/// The sweep report: the curves, where they bend, and the numbers.
pub fn write_sweep_report(dir: &Path, sweep: &SweepSummary) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    let mut body = format!(
        "<p class=\"meta\">Scenario {} · playbook <b>{}</b> · decision <b>{}</b> · {} replicas per point, the same seeds at every point · master seed {}</p>",
        html(&sweep.scenario),
        html(&sweep.playbook),
        html(&sweep.decision),
        sweep.runs_per_point,
        sweep.seed
    );
    body += "<h2>Where the deadline matters</h2><ul>";
    for b in &sweep.bends {
        let _ = write!(
            body,
            "<li><b>{}</b> changes fastest between {} and {} minutes ({:+.3} per 10 minutes of delay){}.</li>",
            html(&b.measure),
            b.steepest_from,
            b.steepest_to,
            b.steepest_change_per_10_minutes,
            b.bend_at.map_or(String::new(), |x| format!("; the curve bends at {x} minutes"))
        );
    }
    body += "</ul>";
    let _ = write!(body, "<figure>{}</figure>", sweep_chart(sweep, "share of hosts ever encrypted", |s| s.encrypted_fraction, 1.0)?);
    if sweep.points.iter().any(|p| p.summary.score_total.is_some()) {
        let _ = write!(body, "<figure>{}</figure>", sweep_chart(sweep, "score", |s| s.score_total, 100.0)?);
    }
    body += "<h2>Points</h2><table><tr><th>Delay</th><th>Encrypted, mean (p10-p90)</th><th>Score, mean (p10-p90)</th></tr>";
    for p in &sweep.points {
        let (e, s) = p.describe();
        let _ = write!(body, "<tr><td class=\"num\">{} min</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", p.minutes, e, s);
    }
    body += "</table>";
    write_whole(&dir.join("report.html"), &page("en", "Sweep report", &body))?;
    write_whole(&dir.join("sweep.csv"), &render_sweep_csv(sweep))?;
    let json = serde_json::to_string_pretty(sweep).map_err(|e| e.to_string())?;
    write_whole(&dir.join("sweep.json"), &(json + "\n"))
}
