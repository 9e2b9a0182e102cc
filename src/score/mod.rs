//! Scoring a run against a plan: each milestone on time, anticipated, late or missed, and each outcome
//! as the share of the avoidable harm the cell avoided (between no response and the best response on the
//! same seed). The score is data; `words` says it in a language.

pub mod best_response;
pub mod milestones;
pub mod outcomes;
pub mod words;

use std::sync::Arc;

use serde::Serialize;

use crate::data::plan::{Measure, Plan};
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::run::RunResult;

pub use milestones::{MilestoneResult, MilestoneStatus, milestones};
pub use outcomes::{Counterfactuals, Harms, LineStatus};

/// What a score line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Timing,
    Outcome(Measure),
}

/// One line of the score, as data: its value and the counterfactuals' on the same seed, and points.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScoreLine {
    pub kind: LineKind,
    pub status: LineStatus,
    /// The run's harm for an outcome; the timing points earned for timing.
    pub value: f64,
    /// The harm with no response, and with the best response, on the same seed (outcomes only).
    pub no_response: Option<f64>,
    pub best: Option<f64>,
    /// The share of the avoidable harm the cell avoided, 0 to 1 (outcomes scored only).
    pub share: Option<f64>,
    pub points: f64,
    pub max_points: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Score {
    /// 0 to 100: the points earned over the points of the lines that count.
    pub total: f64,
    pub timing: f64,
    pub outcome: f64,
    /// The points of the lines that count (milestones not applicable or not yet due, and outcomes not
    /// in the cell's hands, leave it).
    pub counted_points: f64,
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

/// The timing line: the milestones' points over those that count.
fn timing_line(plan: &Plan, milestones: &[MilestoneResult]) -> ScoreLine {
    let counted: Vec<&MilestoneResult> = milestones.iter().filter(|m| m.status.counts()).collect();
    let points: f64 = counted.iter().map(|m| m.points).sum();
    let max_points: f64 = counted.iter().map(|m| m.max_points).sum();
    ScoreLine {
        kind: LineKind::Timing,
        status: if counted.is_empty() && plan.score.timing_points > 0.0 { LineStatus::NotInHands } else { LineStatus::Scored },
        value: milestones::round2(points),
        no_response: None,
        best: None,
        share: None,
        points: milestones::round2(points),
        max_points: milestones::round2(max_points),
    }
}

/// The score of a run: timing from the milestones, each outcome against its counterfactuals.
pub fn score(run: &RunResult, plan: &Plan, milestones: &[MilestoneResult], counterfactuals: &Counterfactuals) -> Score {
    let mut lines = vec![timing_line(plan, milestones)];
    let harms = Harms::of(run);
    for weight in &plan.score.outcomes {
        let (value, none, best) =
            (harms.get(weight.measure), counterfactuals.no_response.get(weight.measure), counterfactuals.best.get(weight.measure));
        let judged = outcomes::judge(weight, value, none, best);
        lines.push(ScoreLine {
            kind: LineKind::Outcome(weight.measure),
            status: judged.status,
            value,
            no_response: Some(none),
            best: Some(best),
            share: judged.share.map(|s| (s * 1000.0).round() / 1000.0),
            points: milestones::round2(judged.points),
            max_points: weight.points,
        });
    }
    let counted = |l: &&ScoreLine| l.status == LineStatus::Scored;
    let earned: f64 = lines.iter().filter(counted).map(|l| l.points).sum();
    let counted_points: f64 = lines.iter().filter(counted).map(|l| l.max_points).sum();
    let timing = lines[0].points;
    Score {
        total: milestones::round2(if counted_points > 0.0 { (100.0 * earned / counted_points).clamp(0.0, 100.0) } else { 0.0 }),
        timing,
        outcome: milestones::round2(earned - if lines[0].status == LineStatus::Scored { timing } else { 0.0 }),
        counted_points: milestones::round2(counted_points),
        lines,
    }
}

/// A run scored against a plan and the counterfactuals of its seed, or unscored without a plan.
pub fn scored(run: RunResult, scoring: Option<(&Plan, &Counterfactuals)>) -> ScoredRun {
    // A run's pending milestones are not yet due only past the scenario's whole span: a playbook that
    // stops the clock early cannot take them off the total.
    let until = run.minutes.max(run.span_minutes);
    scored_until(run, scoring, until)
}

/// A run scored with the milestones whose deadline falls after `until` not yet due. An exercise the
/// facilitator ends is scored up to the minute it ended: the cell never had the time those deadlines
/// gave it, and the report says how many were left out.
pub fn scored_until(run: RunResult, scoring: Option<(&Plan, &Counterfactuals)>, until: u32) -> ScoredRun {
    match scoring {
        Some((plan, counterfactuals)) => {
            let milestones = milestones(&run.observed, plan, until);
            let score = score(&run, plan, &milestones, counterfactuals);
            ScoredRun { run, plan: Some(plan.id.clone()), milestones, score: Some(score) }
        }
        None => ScoredRun { run, plan: None, milestones: Vec::new(), score: None },
    }
}

/// The two runs every score is set against, on one seed and span.
pub struct Baselines {
    pub no_response: RunResult,
    pub best: RunResult,
}

impl Baselines {
    pub fn run(scenario: &Arc<Scenario>, best: &Playbook, seed: u64, minutes: u32) -> Baselines {
        Baselines::run_hearing(scenario, best, seed, minutes, &[])
    }

    /// The two runs, hearing the injects a facilitator fired by hand when the cell heard them.
    pub fn run_hearing(scenario: &Arc<Scenario>, best: &Playbook, seed: u64, minutes: u32, fired: &[(u32, String)]) -> Baselines {
        let run = |playbook| crate::run::run_hearing(scenario.clone(), playbook, seed, minutes, fired);
        Baselines { no_response: run(None), best: run(Some(best)) }
    }

    pub fn counterfactuals(&self) -> Counterfactuals {
        Counterfactuals { no_response: Harms::of(&self.no_response), best: Harms::of(&self.best) }
    }
}

/// The counterfactuals of one seed: no response and the best response, run on it for their harms
/// alone (the same, to the digit, as the harms of their full results).
pub fn counterfactuals(scenario: &Arc<Scenario>, best: &Playbook, seed: u64, minutes: u32) -> Counterfactuals {
    let mut branches = crate::sim::fork::branches(scenario.clone(), seed, minutes, &[None, Some(best)]).into_iter();
    let mut harms = || {
        let mut sim = branches.next().expect("a branch for each playbook");
        sim.run_until(minutes);
        let harms = crate::run::harms(&sim);
        crate::sim::pool::give_back(sim);
        harms
    };
    Counterfactuals { no_response: harms(), best: harms() }
}

/// The runs a report sets beside the cell's, scored the same way: the historical night (where the
/// scenario names one), the best response and no response, on the same seed and span.
pub struct Comparison {
    pub historical: Option<ScoredRun>,
    pub best: ScoredRun,
    pub no_response: ScoredRun,
    pub counterfactuals: Counterfactuals,
}

/// The comparison runs hear the injects a facilitator fired by hand (`fired`: minute and inject id)
/// when the cell heard them: an alert raised by hand is raised for them too. `until` is the minute the
/// run they are set beside is scored to.
pub fn comparison_runs(
    comparisons: &crate::setup::Comparisons,
    scenario: &Arc<Scenario>,
    plan: Option<&Plan>,
    seed: u64,
    minutes: u32,
    fired: &[(u32, String)],
    until: u32,
) -> Comparison {
    let baselines = Baselines::run_hearing(scenario, &comparisons.best, seed, minutes, fired);
    let counterfactuals = baselines.counterfactuals();
    let historical = comparisons.historical.as_ref().map(|p| crate::run::run_hearing(scenario.clone(), Some(p), seed, minutes, fired));
    let scoring = plan.map(|p| (p, &counterfactuals));
    // Scored up to the same minute as the run they are set beside, so that a milestone not yet due for
    // the cell is not due for them either.
    Comparison {
        historical: historical.map(|run| scored_until(run, scoring, until)),
        best: scored_until(baselines.best, scoring, until),
        no_response: scored_until(baselines.no_response, scoring, until),
        counterfactuals,
    }
}
