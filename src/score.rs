//! Scoring a run against a plan: each milestone on time, late (by how much) or missed, the outcome
//! measures, and a total out of 100 explained line by line.

use serde::Serialize;

use crate::data::plan::{Achievement, Measure, Plan};
use crate::data::playbook::EventRef;
use crate::i18n::Language;
use crate::run::RunResult;
use crate::sim::ObservedLog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    OnTime,
    Late,
    Missed,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MilestoneResult {
    pub id: String,
    pub name: String,
    /// The reference event, as the plan names it.
    pub reference: String,
    /// The minute of the run at which the reference event happened.
    pub reference_minute: Option<u32>,
    pub target_minutes: u32,
    /// Minutes from the reference event to the milestone being met; null if missed.
    pub achieved_minutes: Option<u32>,
    /// Minute of the run at which it was met.
    pub achieved_at_minute: Option<u32>,
    pub status: MilestoneStatus,
    pub late_by_minutes: Option<u32>,
    pub source: String,
    pub year: u16,
    pub points: f64,
    pub max_points: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScoreLine {
    pub label: String,
    pub value: String,
    pub points: f64,
    pub max_points: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Score {
    /// 0 to 100.
    pub total: f64,
    pub timing: f64,
    pub outcome: f64,
    pub lines: Vec<ScoreLine>,
}

/// A run with its milestones and score, as `run --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScoredRun {
    #[serde(flatten)]
    pub run: RunResult,
    pub plan: Option<String>,
    pub milestones: Vec<MilestoneResult>,
    pub score: Option<Score>,
}

fn event_label(event: &EventRef) -> String {
    match event {
        EventRef::Start => "start".into(),
        EventRef::FirstAlert => "first_alert".into(),
        EventRef::Alert(id) => format!("alert:{id}"),
        EventRef::Confirmed => "confirmed".into(),
        EventRef::Started(id) => format!("started:{id}"),
        EventRef::Done(id) => format!("done:{id}"),
        EventRef::Inject(id) => format!("inject:{id}"),
        EventRef::ActionDone(id) => format!("action_done:{id}"),
    }
}

/// Each milestone of the plan, against the visible events of a run (as the run's log has them so far).
pub fn milestones(log: &ObservedLog, plan: &Plan) -> Vec<MilestoneResult> {
    let total_weight: f64 = plan.milestones.iter().map(|m| m.weight).sum::<f64>().max(f64::MIN_POSITIVE);
    plan.milestones
        .iter()
        .map(|m| {
            let reference = log.time_of(&m.reference);
            let achieved_at = match &m.achieved_by {
                Achievement::AllOf(list) => list
                    .iter()
                    .map(|a| ObservedLog::lookup(&log.actions_done, a))
                    .collect::<Option<Vec<u32>>>()
                    .and_then(|t| t.into_iter().max()),
                Achievement::AnyOf(list) => list.iter().filter_map(|a| ObservedLog::lookup(&log.actions_done, a)).min(),
            };
            let max_points = plan.score.timing_points * m.weight / total_weight;
            let (status, achieved, late_by, points) = match (reference, achieved_at) {
                (Some(reference), Some(at)) => {
                    let achieved = at.saturating_sub(reference);
                    if achieved <= m.target_minutes {
                        (MilestoneStatus::OnTime, Some(achieved), None, max_points)
                    } else {
                        let late = achieved - m.target_minutes;
                        let horizon = plan.score.late_until_factor * f64::from(m.target_minutes.max(30));
                        let share = 0.5 * (1.0 - f64::from(late) / horizon).max(0.0);
                        (MilestoneStatus::Late, Some(achieved), Some(late), max_points * share)
                    }
                }
                _ => (MilestoneStatus::Missed, None, None, 0.0),
            };
            MilestoneResult {
                id: m.id.clone(),
                name: m.name.clone(),
                reference: event_label(&m.reference),
                reference_minute: reference,
                target_minutes: m.target_minutes,
                achieved_minutes: achieved,
                achieved_at_minute: achieved.and(achieved_at),
                status,
                late_by_minutes: late_by,
                source: m.source.clone(),
                year: m.year,
                points: round2(points),
                max_points: round2(max_points),
            }
        })
        .collect()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The value of an outcome measure in a run, and how to show it (in English, as the score keeps it).
pub fn measure(run: &RunResult, measure: Measure) -> (f64, String) {
    let care = run.care.as_ref().map(|c| &c.measures);
    let value = match measure {
        Measure::EncryptedShare => run.encrypted_fraction(),
        Measure::PatientHoursAtRisk => care.map_or(0.0, |c| c.patient_hours_at_risk),
        Measure::TreatmentPlansLostShare => {
            let (lost, all) = care.map_or((0.0, 0.0), |c| (c.treatment_plans_lost, c.inpatients));
            if all > 0.0 { lost / all } else { 0.0 }
        }
        Measure::CriticalServiceHoursDown => care.map_or(0.0, |c| c.critical_service_hours_down),
        Measure::ExfiltratedGb => run.attack.exfiltrated_during_gb,
    };
    (value, measure_text(Language::English, run, measure).1)
}

/// An outcome measure's name and what happened, in a language.
pub fn measure_text(language: Language, run: &RunResult, measure: Measure) -> (&'static str, String) {
    let care = run.care.as_ref().map(|c| &c.measures);
    match measure {
        Measure::EncryptedShare => (
            language.tr("hosts-encrypted"),
            language.trf(
                "measure-hosts-encrypted",
                &[
                    ("encrypted", &run.hosts.encrypted),
                    ("total", &run.hosts.total),
                    ("percent", &format!("{:.1}", run.encrypted_fraction() * 100.0)),
                ],
            ),
        ),
        Measure::PatientHoursAtRisk => (
            language.tr("patients-risk"),
            language.trf("measure-patient-hours-at-risk", &[("hours", &format!("{:.0}", care.map_or(0.0, |c| c.patient_hours_at_risk)))]),
        ),
        Measure::TreatmentPlansLostShare => {
            let (lost, all) = care.map_or((0.0, 0.0), |c| (c.treatment_plans_lost, c.inpatients));
            let share = if all > 0.0 { lost / all } else { 0.0 };
            (
                language.tr("treatment-plans-lost"),
                language.trf(
                    "measure-treatment-plans-lost",
                    &[("lost", &format!("{lost:.0}")), ("inpatients", &format!("{all:.0}")), ("percent", &format!("{:.0}", share * 100.0))],
                ),
            )
        }
        Measure::CriticalServiceHoursDown => (
            language.tr("critical-services-down"),
            language
                .trf("measure-critical-hours-down", &[("hours", &format!("{:.0}", care.map_or(0.0, |c| c.critical_service_hours_down)))]),
        ),
        Measure::ExfiltratedGb => (
            language.tr("data-exfiltrated"),
            language.trf("measure-exfiltrated", &[("gigabytes", &format!("{:.0}", run.attack.exfiltrated_during_gb))]),
        ),
    }
}

/// The timing line's name and what happened, in a language.
pub fn timing_text(language: Language, milestones: &[MilestoneResult]) -> (&'static str, String) {
    let on_time = milestones.iter().filter(|m| m.status == MilestoneStatus::OnTime).count();
    let late = milestones.iter().filter(|m| m.status == MilestoneStatus::Late).count();
    (
        language.tr("timing-against-plan"),
        language.trf(
            "timing-summary",
            &[("on_time", &on_time), ("late", &late), ("missed", &(milestones.len() - on_time - late)), ("total", &milestones.len())],
        ),
    )
}

/// The score of a run: timing from the milestones, outcome from the measures.
pub fn score(run: &RunResult, plan: &Plan, milestones: &[MilestoneResult]) -> Score {
    let mut lines = Vec::new();
    let timing: f64 = milestones.iter().map(|m| m.points).sum();
    let (label, value) = timing_text(Language::English, milestones);
    lines.push(ScoreLine { label: label.into(), value, points: round2(timing), max_points: plan.score.timing_points });
    let mut outcome = 0.0;
    for line in &plan.score.outcomes {
        let (value, text) = measure(run, line.measure);
        let points = line.points * (1.0 - (value / line.worst).clamp(0.0, 1.0));
        outcome += points;
        let label = measure_text(Language::English, run, line.measure).0;
        lines.push(ScoreLine { label: label.into(), value: text, points: round2(points), max_points: line.points });
    }
    Score { total: round2((timing + outcome).clamp(0.0, 100.0)), timing: round2(timing), outcome: round2(outcome), lines }
}

/// A run scored against a plan, or unscored without one.
pub fn scored(run: RunResult, plan: Option<&Plan>) -> ScoredRun {
    match plan {
        Some(plan) => {
            let milestones = milestones(&run.observed, plan);
            let score = score(&run, plan, &milestones);
            ScoredRun { run, plan: Some(plan.id.clone()), milestones, score: Some(score) }
        }
        None => ScoredRun { run, plan: None, milestones: Vec::new(), score: None },
    }
}

/// The runs a report compares with, on the same seed and span and against the same plan: the
/// historical night and the plan met on time, where the scenario has them.
pub fn comparison_runs(
    comparisons: &crate::setup::Comparisons,
    scenario: &std::sync::Arc<crate::data::scenario::Scenario>,
    plan: Option<&Plan>,
    seed: u64,
    minutes: u32,
) -> (Option<ScoredRun>, Option<ScoredRun>) {
    let compare = |playbook: &Option<crate::data::Playbook>| {
        playbook.as_ref().map(|p| scored(crate::run::run_replica(scenario.clone(), Some(p), seed, minutes), plan))
    };
    (compare(&comparisons.historical), compare(&comparisons.on_time))
}
