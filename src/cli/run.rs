//! `run`: one replica headless, printed as text or JSON, with its after-action report if asked for.

use std::path::Path;

use super::{Failure, failure, print, print_json};
use crate::i18n::Language;
use crate::report::{ReportInput, write_report_in};
use crate::run::{parse_duration, run_replica_in};
use crate::score::words::{line_name, line_text};
use crate::score::{Baselines, Comparison, MilestoneStatus, ScoredRun, comparison_runs, scored};
use crate::setup::{RunRequest, RunSetup};

/// What `run` was given.
pub(super) struct RunArgs<'a> {
    pub scenario: &'a str,
    pub playbook: Option<&'a str>,
    pub playbook_roles: &'a [String],
    pub seed: u64,
    pub until: Option<&'a str>,
    pub plan: Option<&'a str>,
    pub json: bool,
    pub report: Option<&'a Path>,
    pub language: Language,
}

/// The command `run`: one replica, printed, and its report if asked for.
pub(super) fn run(args: &RunArgs) -> Result<(), Failure> {
    let minutes = args.until.map(|text| parse_duration(text).map_err(|e| failure(format!("--until: {e}")))).transpose()?;
    let request = RunRequest {
        scenario: args.scenario,
        plan: args.plan,
        playbook: args.playbook,
        minutes,
        seed: args.seed,
        language: args.language,
        playbook_roles: args.playbook_roles,
    };
    // The run speaks the chosen language: the scenario's own texts, then the report.
    let setup = RunSetup::prepare(&request)?;
    let run = run_replica_in(setup.scenario.clone(), setup.playbook.as_ref(), setup.seed, setup.minutes, setup.language);
    // The report sets the run beside the historical night; the score only needs the counterfactuals.
    let comparison: Option<Comparison> = args.report.map(|_| {
        comparison_runs(
            &setup.comparisons,
            &setup.scenario,
            setup.plan.as_ref(),
            setup.seed,
            setup.minutes,
            &[],
            setup.minutes.max(setup.scenario.meta.duration_hours * 60),
        )
    });
    let counterfactuals = match &comparison {
        Some(c) => Some(c.counterfactuals),
        None if setup.plan.is_some() => {
            Some(Baselines::run(&setup.scenario, &setup.comparisons.best, setup.seed, setup.minutes).counterfactuals())
        }
        None => None,
    };
    let result = scored(run, setup.plan.as_ref().zip(counterfactuals.as_ref()));
    if let (Some(dir), Some(comparison)) = (args.report, &comparison) {
        let input = ReportInput {
            scenario: &setup.scenario,
            plan: setup.plan.as_ref(),
            result: &result,
            comparison: Some(comparison),
            notes: &[],
            answers: &[],
            exercise: None,
        };
        let written = write_report_in(setup.language, dir, &input).map_err(failure)?;
        if !args.json {
            eprintln!("Report written: {}", written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
        }
    }
    if args.json {
        return print_json(&result);
    }
    print(&run_text(&result, args.language))
}

/// A run as text: its outcome, its timeline, and its milestones and score when scored.
pub(super) fn run_text(scored: &ScoredRun, language: Language) -> String {
    let r = &scored.run;
    let mut out = String::new();
    out += &format!(
        "{} — playbook: {} — seed {}\n{} to {} ({} simulated minutes)\n\n",
        r.scenario,
        r.playbook.as_deref().unwrap_or("none (no response)"),
        r.seed,
        r.start,
        r.end,
        r.minutes
    );
    let h = &r.hosts;
    out += &format!(
        "Hosts: {} in all — {} clean, {} compromised, {} encrypted ({:.1}%), {} powered off, {} restored, {} rebuilt\n",
        h.total,
        h.clean,
        h.compromised,
        h.encrypted,
        100.0 * r.encrypted_fraction(),
        h.powered_off,
        h.restored,
        h.rebuilt
    );
    let roles = &h.encrypted_ever_by_role;
    out += &format!(
        "Ever encrypted: {:.1} host-equivalents ({:.1}%) — {:.1} of {} servers ({:.1} of {} domain controllers, {:.1} of {} backup servers), {:.1} of {} workstations; {} when the first alert came\n",
        h.encrypted_ever,
        100.0 * r.encrypted_ever_fraction(),
        roles.servers,
        h.servers,
        roles.domain_controllers,
        roles.domain_controllers_total,
        roles.backup_servers,
        roles.backup_servers_total,
        roles.workstations,
        h.workstations,
        r.detection.encrypted_at_first_alert.map_or("none yet".to_string(), |x| format!("{x:.1}"))
    );
    out += &format!(
        "Attack: domain admin {}, data exfiltrated {:.0} GB, backups destroyed: {}\n",
        if r.attack.domain_admin { "held" } else { "not held" },
        r.attack.exfiltrated_gb,
        if r.attack.backups_destroyed.is_empty() { "none".to_string() } else { r.attack.backups_destroyed.join(", ") }
    );
    let at = |m: Option<u32>| m.map_or("never".to_string(), |m| format!("minute {m}"));
    out += &format!(
        "Detection: first alert {}, confirmed {}\n\nTimeline:\n",
        at(r.detection.first_alert_minute),
        at(r.detection.confirmed_minute)
    );
    for row in &r.timeline {
        let kind = format!("{:?}", row.kind).to_lowercase();
        out += &format!("  {}  {:<12} {}\n", row.at, kind, row.text);
    }
    if let Some(care) = &r.care {
        let m = &care.measures;
        out += &format!(
            "\nCare: {:.0} patient-hours at risk, {:.0} of {:.0} treatment plans lost, {:.0} service-hours down ({:.0} critical), {:.0} degraded, {:.0} ambulances diverted, {:.0} consultations lost\n",
            m.patient_hours_at_risk,
            m.treatment_plans_lost,
            m.inpatients,
            m.service_hours_down,
            m.critical_service_hours_down,
            m.service_hours_degraded,
            m.ambulances_diverted,
            m.consultations_lost
        );
    }
    if let Some(score) = &scored.score {
        out += &format!("\nMilestones ({}):\n", scored.plan.as_deref().unwrap_or(""));
        for m in &scored.milestones {
            let status = match m.status {
                MilestoneStatus::OnTime => format!("on time ({} min)", m.achieved_minutes.unwrap_or(0)),
                MilestoneStatus::Anticipated if m.may_anticipate => format!("anticipated ({} min)", m.anticipated_by_minutes.unwrap_or(0)),
                MilestoneStatus::Anticipated => format!("ANTICIPATED, not counted ({} min)", m.anticipated_by_minutes.unwrap_or(0)),
                MilestoneStatus::Late => format!("LATE by {} min", m.late_by_minutes.unwrap_or(0)),
                MilestoneStatus::Missed => "MISSED".to_string(),
                MilestoneStatus::NotDue => "not yet due".to_string(),
                MilestoneStatus::NotApplicable => "not applicable".to_string(),
            };
            out += &format!("  {:<26} target {:>5} min  {:<20} {}\n", m.id, m.target_minutes, status, m.source);
        }
        out += &format!("\nScore: {:.1} / 100 (on the {:.0} points that count)\n", score.total, score.counted_points);
        for line in &score.lines {
            let text = line_text(language, line, r, &scored.milestones);
            out += &format!("  {:<26} {:>5.1} / {:<4} {}\n", line_name(language, line), line.points, line.max_points, text);
            if line.no_response.is_some() {
                let (none, best) = crate::score::words::counterfactual_amounts(line, r);
                out += &format!("  {:<26} no response {none}, best response {best}\n", "");
            }
        }
    }
    out
}
