//! An audit's statistics read as answers: per milestone, the achievable times, the share of nights
//! within the deadline, a verdict, the tightest deadline met on nine nights in ten and what binds it;
//! per what-if, what it buys on the same nights, ranked.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::AuditSpec;
use super::constraint::Constraint;
use super::stats::{AuditStats, MilestoneTally, OUTCOMES, VariantStats};

/// Met within its deadline on at least this share of nights: the deadline holds.
pub const FEASIBLE: f64 = 0.9;
/// Below this share the deadline is beyond this staff.
pub const AT_RISK: f64 = 0.5;

/// A milestone as the plan states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneInfo {
    pub id: String,
    pub name: String,
    pub reference: String,
    pub target_minutes: u32,
    pub source: String,
}

/// A what-if as given and in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatIfInfo {
    pub label: String,
    pub description: String,
}

/// The names a constraint is told with, by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Names {
    pub roles: BTreeMap<String, String>,
    pub actions: BTreeMap<String, String>,
    pub links: BTreeMap<String, String>,
}

impl Names {
    pub fn role(&self, id: &str) -> String {
        self.roles.get(id).cloned().unwrap_or_else(|| id.to_string())
    }
    pub fn action(&self, id: &str) -> String {
        self.actions.get(id).cloned().unwrap_or_else(|| id.to_string())
    }
    pub fn link(&self, id: &str) -> String {
        self.links.get(id).cloned().unwrap_or_else(|| id.to_string())
    }
}

/// What a summary needs to speak of an audit without its scenario: shards carry it to `merge`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditContext {
    pub scenario: String,
    pub scenario_version: String,
    pub scenario_name: String,
    pub plan: String,
    pub plan_name: String,
    pub runs: u64,
    pub seed: u64,
    pub minutes: u32,
    pub milestones: Vec<MilestoneInfo>,
    pub what_ifs: Vec<WhatIfInfo>,
    pub names: Names,
}

impl AuditContext {
    pub fn of(spec: &AuditSpec) -> Self {
        let scenario = &spec.variants[0].scenario;
        Self {
            scenario: scenario.meta.id.clone(),
            scenario_version: scenario.meta.version.clone(),
            scenario_name: scenario.meta.name.clone(),
            plan: spec.plan.id.clone(),
            plan_name: spec.plan.name.clone(),
            runs: spec.runs,
            seed: spec.seed,
            minutes: spec.minutes,
            milestones: spec
                .plan
                .milestones
                .iter()
                .enumerate()
                .map(|(i, m)| MilestoneInfo {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    reference: super::reference_label(&spec.plan, i),
                    target_minutes: m.target_minutes,
                    source: m.source.clone(),
                })
                .collect(),
            what_ifs: spec
                .variants
                .iter()
                .filter_map(|v| v.what_if.as_ref().map(|w| WhatIfInfo { label: w.label(), description: w.describe(scenario) }))
                .collect(),
            names: Names {
                roles: scenario.roles.iter().map(|r| (r.id.clone(), r.name.clone())).collect(),
                actions: scenario.actions.iter().map(|a| (a.id.clone(), a.name.clone())).collect(),
                links: scenario.links.iter().map(|l| (l.id.clone(), l.name.clone())).collect(),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Met within the deadline on at least nine nights in ten.
    Feasible,
    /// Met within the deadline on half the nights or more, but fewer than nine in ten.
    AtRisk,
    /// Met within the deadline on fewer than half the nights.
    Infeasible,
    /// Its reference event never happened.
    NotApplicable,
}

impl Verdict {
    pub fn of(met_share: f64, applicable: u64) -> Self {
        if applicable == 0 {
            Verdict::NotApplicable
        } else if met_share >= FEASIBLE {
            Verdict::Feasible
        } else if met_share >= AT_RISK {
            Verdict::AtRisk
        } else {
            Verdict::Infeasible
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Verdict::Feasible => "feasible",
            Verdict::AtRisk => "at risk",
            Verdict::Infeasible => "infeasible with this staff",
            Verdict::NotApplicable => "not applicable",
        }
    }

    /// Better verdicts rank higher.
    fn rank(self) -> i64 {
        match self {
            Verdict::Feasible => 2,
            Verdict::AtRisk => 1,
            Verdict::Infeasible | Verdict::NotApplicable => 0,
        }
    }
}

/// What bound a milestone most often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BindingAudit {
    pub key: String,
    pub text: String,
    /// Share of the nights it bound.
    pub share: f64,
    /// Mean minutes it cost on those nights.
    pub mean_minutes: f64,
}

/// One milestone of the plan, audited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneAudit {
    pub id: String,
    pub name: String,
    pub reference: String,
    pub target_minutes: u32,
    pub source: String,
    /// Nights on which its reference event happened.
    pub nights: u64,
    /// Minutes from the reference event to the milestone met (negative: before it); `None` where the
    /// percentile falls among nights it was never met.
    pub p10_minutes: Option<i64>,
    pub median_minutes: Option<i64>,
    pub p90_minutes: Option<i64>,
    pub met_share: f64,
    pub met_share_error: f64,
    pub verdict: Verdict,
    /// The tightest deadline met on nine nights in ten, if any is.
    pub tightest_deadline_minutes: Option<u32>,
    pub binding: Option<BindingAudit>,
}

/// A mean over the nights, with its standard error, in the measure's unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeMean {
    pub measure: String,
    pub mean: f64,
    pub standard_error: f64,
}

/// What a what-if changes in one measure, on the same nights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutcomeChange {
    pub measure: String,
    pub mean: f64,
    pub change: f64,
    pub change_error: f64,
}

/// One milestone under a what-if.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatIfMilestone {
    pub id: String,
    pub met_share: f64,
    /// Change in the share of nights met within the deadline, taken night by night over every night,
    /// and its standard error.
    pub change: f64,
    pub change_error: f64,
    pub median_minutes: Option<i64>,
    pub verdict: Verdict,
}

/// One what-if, audited against the scenario as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatIfAudit {
    pub rank: usize,
    pub label: String,
    pub description: String,
    /// Milestones whose verdict gets better, less those whose verdict gets worse.
    pub verdicts_improved: i64,
    /// Milestones met in time gained per night (night by night, over the milestones), with its error.
    pub deadline_nights_gained: f64,
    pub deadline_nights_error: f64,
    pub milestones: Vec<WhatIfMilestone>,
    pub outcomes: Vec<OutcomeChange>,
}

/// What `audit --json` prints and the report is made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditSummary {
    pub scenario: String,
    pub scenario_version: String,
    pub scenario_name: String,
    pub plan: String,
    pub plan_name: String,
    pub runs: u64,
    pub seed: u64,
    pub minutes: u32,
    /// Wall-clock time (summed over the shards, for a merged audit); the one field that differs between
    /// two runs of the same audit.
    pub elapsed_ms: u64,
    pub milestones: Vec<MilestoneAudit>,
    pub outcomes: Vec<OutcomeMean>,
    /// Ranked: most deadlines made to hold first, then most nights within a deadline, then fewest
    /// patient-hours at risk.
    pub what_ifs: Vec<WhatIfAudit>,
}

fn round(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * scale).round() / scale
}

/// The unit of each outcome measure's accumulator, to scale back.
const OUTCOME_SCALE: [f64; 4] = [1000.0, 10.0, 10.0, 1.0];

fn share_error(p: f64, n: u64) -> f64 {
    if n < 2 { 0.0 } else { (p * (1.0 - p) / n as f64).sqrt() }
}

fn milestone_audit(info: &MilestoneInfo, tally: &MilestoneTally, names: &Names) -> MilestoneAudit {
    let nights = tally.applicable();
    let met_share = tally.met_target as f64 / nights.max(1) as f64;
    let p90 = tally.percentile(0.9);
    MilestoneAudit {
        id: info.id.clone(),
        name: info.name.clone(),
        reference: info.reference.clone(),
        target_minutes: info.target_minutes,
        source: info.source.clone(),
        nights,
        p10_minutes: tally.percentile(0.1),
        median_minutes: tally.percentile(0.5),
        p90_minutes: p90,
        met_share: round(met_share, 6),
        met_share_error: round(share_error(met_share, nights), 6),
        verdict: Verdict::of(met_share, nights),
        tightest_deadline_minutes: p90.map(|m| u32::try_from(m.max(0)).unwrap_or(u32::MAX)),
        binding: tally.main_binding().map(|(key, share, minutes)| BindingAudit {
            key: key.to_string(),
            text: Constraint::from_key(key).map_or(key.to_string(), |c| c.describe(names, minutes)),
            share: round(share, 6),
            mean_minutes: round(minutes, 3),
        }),
    }
}

fn what_if_audit(info: &WhatIfInfo, stats: &VariantStats, context: &AuditContext, base: &[MilestoneAudit]) -> WhatIfAudit {
    let milestones: Vec<WhatIfMilestone> = context
        .milestones
        .iter()
        .zip(&stats.milestones)
        .zip(base)
        .map(|((m, tally), _)| {
            let nights = tally.applicable();
            let met_share = tally.met_target as f64 / nights.max(1) as f64;
            WhatIfMilestone {
                id: m.id.clone(),
                met_share: round(met_share, 6),
                // Paired run by run over every night, as its error is.
                change: round(tally.paired_change.mean(), 6),
                change_error: round(tally.paired_change.standard_error(), 6),
                median_minutes: tally.percentile(0.5),
                verdict: Verdict::of(met_share, nights),
            }
        })
        .collect();
    let verdicts_improved = milestones.iter().zip(base).map(|(w, b)| w.verdict.rank() - b.verdict.rank()).sum();
    // Milestones met in time, night by night, less those of the scenario as written.
    let gained = stats.deadlines_paired.mean();
    let error = stats.deadlines_paired.standard_error();
    let outcomes = (0..OUTCOMES.len())
        .map(|k| OutcomeChange {
            measure: OUTCOMES[k].to_string(),
            mean: round(stats.outcomes[k].mean() / OUTCOME_SCALE[k], 3),
            change: round(stats.paired[k].mean() / OUTCOME_SCALE[k], 3),
            change_error: round(stats.paired[k].standard_error() / OUTCOME_SCALE[k], 3),
        })
        .collect();
    WhatIfAudit {
        rank: 0,
        label: info.label.clone(),
        description: info.description.clone(),
        verdicts_improved,
        deadline_nights_gained: round(gained, 6),
        deadline_nights_error: round(error, 6),
        milestones,
        outcomes,
    }
}

impl AuditSummary {
    pub fn new(context: &AuditContext, stats: &AuditStats, elapsed_ms: u64) -> Self {
        let base = &stats.variants[0];
        let milestones: Vec<MilestoneAudit> =
            context.milestones.iter().zip(&base.milestones).map(|(info, tally)| milestone_audit(info, tally, &context.names)).collect();
        let outcomes = (0..OUTCOMES.len())
            .map(|k| OutcomeMean {
                measure: OUTCOMES[k].to_string(),
                mean: round(base.outcomes[k].mean() / OUTCOME_SCALE[k], 3),
                standard_error: round(base.outcomes[k].standard_error() / OUTCOME_SCALE[k], 3),
            })
            .collect();
        let mut what_ifs: Vec<WhatIfAudit> =
            context.what_ifs.iter().zip(&stats.variants[1..]).map(|(info, v)| what_if_audit(info, v, context, &milestones)).collect();
        let patient_hours = |w: &WhatIfAudit| w.outcomes[1].change;
        what_ifs.sort_by(|a, b| {
            b.verdicts_improved
                .cmp(&a.verdicts_improved)
                .then(b.deadline_nights_gained.total_cmp(&a.deadline_nights_gained))
                .then(patient_hours(a).total_cmp(&patient_hours(b)))
                .then(a.label.cmp(&b.label))
        });
        for (i, w) in what_ifs.iter_mut().enumerate() {
            w.rank = i + 1;
        }
        Self {
            scenario: context.scenario.clone(),
            scenario_version: context.scenario_version.clone(),
            scenario_name: context.scenario_name.clone(),
            plan: context.plan.clone(),
            plan_name: context.plan_name.clone(),
            runs: stats.runs,
            seed: context.seed,
            minutes: context.minutes,
            elapsed_ms,
            milestones,
            outcomes,
            what_ifs,
        }
    }

    /// A milestone's audit by id.
    pub fn milestone(&self, id: &str) -> Option<&MilestoneAudit> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// A what-if's audit by label.
    pub fn what_if(&self, label: &str) -> Option<&WhatIfAudit> {
        self.what_ifs.iter().find(|w| w.label == label)
    }
}

/// Minutes from a reference event, as a person reads them: "12 min", "4 min before", "never".
pub fn minutes_words(minutes: Option<i64>) -> String {
    match minutes {
        None => "never".into(),
        Some(m) if m < 0 => format!("{} min before", m.unsigned_abs()),
        Some(m) if m >= 24 * 60 => format!("{:.1} h", m as f64 / 60.0),
        Some(m) => format!("{m} min"),
    }
}
