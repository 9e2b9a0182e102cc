//! The plan audit: for each milestone of a plan, when the best response this staff allows meets it over
//! many seeded nights, how often that is within the plan's deadline, and what binds it; and what each
//! what-if (one more person, a shorter call-in, a security operations centre...) buys, on the same
//! nights. Its statistics merge exactly, across threads and shards, as a batch's do.

pub mod binding;
pub mod constraint;
pub mod stats;
pub mod summary;
pub mod what_if;

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::batch::replica_seed;
use crate::data::plan::Plan;
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::score::best_response::best_response_to_plan;
use crate::score::milestones::{achieved_at, event_label};
use binding::RunView;
use stats::{AuditStats, MilestoneRun, VariantRun};
use what_if::WhatIf;

/// The longest deadline `--target` may set: a year.
pub const MAX_TARGET_MINUTES: u32 = 366 * 24 * 60;

/// The scenario as written, or one what-if of it, with its best response.
pub struct Variant {
    pub what_if: Option<WhatIf>,
    pub scenario: Arc<Scenario>,
    pub playbook: Playbook,
}

/// What an audit runs.
pub struct AuditSpec {
    pub plan: Plan,
    /// The scenario as written first, then each what-if.
    pub variants: Vec<Variant>,
    pub runs: u64,
    pub seed: u64,
    pub minutes: u32,
}

impl AuditSpec {
    /// The audit of a plan's milestones on a scenario, with what-ifs; refuses a what-if the scenario
    /// cannot express.
    pub fn new(scenario: Arc<Scenario>, plan: Plan, what_ifs: &[WhatIf], runs: u64, seed: u64, minutes: u32) -> Result<Self, String> {
        let mut variants = vec![Variant { what_if: None, playbook: best_response_to_plan(&scenario, &plan), scenario: scenario.clone() }];
        for what_if in what_ifs {
            if variants.iter().any(|v| v.what_if.as_ref() == Some(what_if)) {
                return Err(format!("--what-if {} is given twice", what_if.label()));
            }
            let changed = Arc::new(what_if.apply(&scenario)?);
            variants.push(Variant { what_if: Some(what_if.clone()), playbook: best_response_to_plan(&changed, &plan), scenario: changed });
        }
        Ok(Self { plan, variants, runs, seed, minutes })
    }

    /// What a summary needs to speak of this audit without the scenario.
    pub fn context(&self) -> summary::AuditContext {
        summary::AuditContext::of(self)
    }
}

/// Sets a milestone's deadline, as `--target MILESTONE=MINUTES` asks.
pub fn set_target(plan: &mut Plan, text: &str) -> Result<(), String> {
    let usage = "write --target MILESTONE=MINUTES, such as staff-alerted=30";
    let (id, minutes) = text.split_once('=').ok_or_else(|| format!("--target {text}: {usage}"))?;
    let minutes = minutes
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|&m| m <= MAX_TARGET_MINUTES)
        .ok_or_else(|| format!("--target {text}: \"{minutes}\" is not a whole number of minutes from 0 to {MAX_TARGET_MINUTES}"))?;
    let ids: Vec<&str> = plan.milestones.iter().map(|m| m.id.as_str()).collect();
    let known = ids.join(", ");
    let milestone = plan
        .milestones
        .iter_mut()
        .find(|m| m.id == id.trim())
        .ok_or_else(|| format!("--target {text}: the plan has no milestone \"{}\" (it has: {known})", id.trim()))?;
    milestone.target_minutes = minutes;
    Ok(())
}

/// Each milestone of the plan in one run of a variant.
fn milestone_runs(view: &RunView, plan: &Plan) -> Vec<MilestoneRun> {
    plan.milestones
        .iter()
        .map(|m| {
            let reference = view.log.time_of(&m.reference);
            let relative = reference.zip(achieved_at(view.log, m)).map(|(r, at)| i64::from(at) - i64::from(r));
            MilestoneRun {
                applicable: reference.is_some(),
                relative,
                // Met before its reference counts as met only where the plan allows it, as in the score.
                met_target: relative.is_some_and(|r| (r >= 0 || m.may_anticipate) && r <= i64::from(m.target_minutes)),
                binding: view.binding(m),
            }
        })
        .collect()
}

/// One variant on one seed.
fn variant_run(spec: &AuditSpec, variant: &Variant, seed: u64) -> VariantRun {
    let sim = crate::run::simulate(variant.scenario.clone(), Some(&variant.playbook), seed, spec.minutes, &[]);
    let milestones = milestone_runs(&RunView::of(sim.world(), spec.minutes), &spec.plan);
    let result = crate::run::summarise_numbers(&sim, None, seed);
    let care = result.care.map(|c| c.measures).unwrap_or_default();
    let outcomes = [
        (result.hosts.encrypted_ever * 1000.0).round() as i64,
        (care.patient_hours_at_risk * 10.0).round() as i64,
        (care.treatment_plans_lost * 10.0).round() as i64,
        i64::from(result.detection.first_alert_minute.unwrap_or(spec.minutes)),
    ];
    VariantRun { milestones, outcomes }
}

/// Runs `range` of the audit's seeds on `threads` threads; `progress` hears how many runs are done.
pub fn run_range(spec: &AuditSpec, range: Range<u64>, threads: usize, mut progress: impl FnMut(u64)) -> Result<AuditStats, String> {
    const CHUNK: u64 = 128;
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build().map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    let mut stats = AuditStats::new(spec.variants.len(), spec.plan.milestones.len());
    let mut start = range.start;
    while start < range.end {
        let end = (start + CHUNK).min(range.end);
        let runs: Vec<Vec<VariantRun>> = pool.install(|| {
            (start..end)
                .into_par_iter()
                .map(|i| {
                    let seed = replica_seed(spec.seed, i);
                    spec.variants.iter().map(|v| variant_run(spec, v, seed)).collect()
                })
                .collect()
        });
        // Added in seed order, though sums do not depend on it.
        for run in &runs {
            stats.add(run);
        }
        progress(end - start);
        start = end;
    }
    Ok(stats)
}

/// A milestone's reference event, in words where it is a common one, else as the plan names it.
pub fn reference_label(plan: &Plan, index: usize) -> String {
    use crate::data::playbook::EventRef;
    match &plan.milestones[index].reference {
        EventRef::Confirmed => "the confirmation".into(),
        EventRef::FirstAlert => "the first alert".into(),
        EventRef::Start => "the start".into(),
        other => event_label(other),
    }
}

/// One shard of an audit, written by `audit --shard K/N --out FILE` and read by `merge`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditShard {
    pub format: u32,
    pub kind: String,
    pub context: summary::AuditContext,
    /// A fingerprint of every input (scenario, plan with its targets, what-ifs), so that shards of
    /// different audits never merge.
    pub fingerprint: String,
    pub shard: u64,
    pub shards: u64,
    pub elapsed_ms: u64,
    pub stats: AuditStats,
}

pub const AUDIT_SHARD_KIND: &str = "crisis-cell audit shard";
pub const AUDIT_SHARD_FORMAT: u32 = 1;

/// The fingerprint of an audit's inputs.
pub fn fingerprint(spec: &AuditSpec) -> String {
    let scenarios: Vec<&Scenario> = spec.variants.iter().map(|v| v.scenario.as_ref()).collect();
    crate::batch::fingerprint(&(scenarios, &spec.plan, spec.runs, spec.seed, spec.minutes))
}

/// Merges audit shards into the statistics of the whole audit, refusing shards that do not belong
/// together, are missing, are given twice or do not hold their nights whole. Returns the context, the
/// statistics and the time summed over the shards.
pub fn merge_shards(shards: &[(String, AuditShard)]) -> Result<(summary::AuditContext, AuditStats, u64), String> {
    let Some((first_name, first)) = shards.first() else { return Err("no shard files given".into()) };
    let runs = first.context.runs;
    if runs == 0 || runs > crate::batch::MAX_RUNS || first.shards == 0 || first.shards > runs {
        return Err(format!("{first_name}: claims {} shards of {runs} nights, which no audit writes", first.shards));
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut stats: Option<AuditStats> = None;
    let mut elapsed = 0u64;
    for (name, shard) in shards {
        check_shard(name, shard, first_name, first)?;
        if !seen.insert(shard.shard) {
            return Err(format!("{name}: shard {} of {} is given twice", shard.shard, shard.shards));
        }
        elapsed = elapsed.saturating_add(shard.elapsed_ms);
        match &mut stats {
            None => stats = Some(shard.stats.clone()),
            Some(total) => total.merge(&shard.stats),
        }
    }
    if seen.len() as u64 != first.shards {
        return Err(crate::batch::missing_shards(&seen, first.shards));
    }
    Ok((first.context.clone(), stats.unwrap_or_else(|| first.stats.clone()), elapsed))
}

/// One shard against the first: the same audit, a shard that exists, its nights whole.
fn check_shard(name: &str, shard: &AuditShard, first_name: &str, first: &AuditShard) -> Result<(), String> {
    if shard.kind != AUDIT_SHARD_KIND || shard.format != AUDIT_SHARD_FORMAT {
        return Err(format!("{name}: not a crisis-cell audit shard (format {AUDIT_SHARD_FORMAT})"));
    }
    if shard.fingerprint != first.fingerprint || shard.shards != first.shards || shard.context != first.context {
        return Err(format!(
            "{name}: belongs to another audit than {first_name} (scenario, plan, targets, what-ifs, seed, runs, duration and shard count must all match)"
        ));
    }
    if shard.shard == 0 || shard.shard > shard.shards {
        return Err(format!("{name}: shard {} of {} does not exist", shard.shard, shard.shards));
    }
    let expected = crate::batch::shard_range(first.context.runs, shard.shard, shard.shards);
    let (variants, milestones) = (first.context.what_ifs.len() + 1, first.context.milestones.len());
    if shard.stats.runs != expected.end - expected.start || !shard.stats.is_whole(variants, milestones, first.context.minutes) {
        return Err(format!(
            "{name}: does not hold the {} nights of shard {} of {} whole",
            expected.end - expected.start,
            shard.shard,
            shard.shards
        ));
    }
    Ok(())
}
