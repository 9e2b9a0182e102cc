//! The audit's accumulators: integer counts and sums only, so that shards and threads merge exactly,
//! and paired differences against the scenario as written, so that a what-if's Monte-Carlo error is
//! that of the change on the same nights, not of two independent samples.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::binding::Binding;

/// Count, sum and sum of squares of integer values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moments {
    pub n: u64,
    pub sum: i128,
    pub squares: u128,
}

impl Moments {
    pub fn add(&mut self, value: i64) {
        self.n += 1;
        self.sum += i128::from(value);
        self.squares += (i128::from(value) * i128::from(value)) as u128;
    }

    /// Adds another's sums; saturating, so that a forged shard cannot wrap them round.
    pub fn merge(&mut self, other: &Moments) {
        self.n = self.n.saturating_add(other.n);
        self.sum = self.sum.saturating_add(other.sum);
        self.squares = self.squares.saturating_add(other.squares);
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.sum as f64 / self.n as f64 }
    }

    /// Whether the sums could come from `n` values: none for none, and squares at least the square of
    /// the sum over the count (Cauchy-Schwarz). A forged shard fails it.
    pub fn plausible(&self) -> bool {
        if self.n == 0 {
            return self.sum == 0 && self.squares == 0;
        }
        let (n, sum, squares) = (self.n as f64, self.sum as f64, self.squares as f64);
        squares * n * (1.0 + 1e-9) + 1.0 >= sum * sum
    }

    /// The standard error of the mean.
    pub fn standard_error(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        let mean = self.mean();
        let variance = ((self.squares as f64 - n * mean * mean) / (n - 1.0)).max(0.0);
        (variance / n).sqrt()
    }
}

/// Runs a constraint bound, and the minutes it cost in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub runs: u64,
    pub minutes: u64,
}

/// One milestone over the runs of one variant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneTally {
    /// Runs by the minute the milestone was met, counted from its reference event (negative: before it).
    pub achieved: BTreeMap<i64, u64>,
    pub not_met: u64,
    /// Runs whose reference event never happened.
    pub not_applicable: u64,
    /// Runs in which it was met within its target.
    pub met_target: u64,
    /// Met within target in this variant, less in the scenario as written, run by run (-1, 0 or 1).
    pub paired_change: Moments,
    /// What bound it, by constraint key.
    pub bindings: BTreeMap<String, Tally>,
}

impl MilestoneTally {
    pub fn add(&mut self, run: &MilestoneRun, baseline_met: bool) {
        match (run.applicable, run.relative) {
            (false, _) => self.not_applicable += 1,
            (true, Some(minutes)) => *self.achieved.entry(minutes).or_default() += 1,
            (true, None) => self.not_met += 1,
        }
        self.met_target += u64::from(run.met_target);
        self.paired_change.add(i64::from(run.met_target) - i64::from(baseline_met));
        let tally = self.bindings.entry(run.binding.constraint.key()).or_default();
        tally.runs += 1;
        tally.minutes += u64::from(run.binding.minutes);
    }

    /// Adds another's counts (of shards whose counts were each checked, so none can wrap round).
    pub fn merge(&mut self, other: &MilestoneTally) {
        for (minutes, count) in &other.achieved {
            let mine = self.achieved.entry(*minutes).or_default();
            *mine = mine.saturating_add(*count);
        }
        self.not_met = self.not_met.saturating_add(other.not_met);
        self.not_applicable = self.not_applicable.saturating_add(other.not_applicable);
        self.met_target = self.met_target.saturating_add(other.met_target);
        self.paired_change.merge(&other.paired_change);
        for (key, tally) in &other.bindings {
            let mine = self.bindings.entry(key.clone()).or_default();
            mine.runs = mine.runs.saturating_add(tally.runs);
            mine.minutes = mine.minutes.saturating_add(tally.minutes);
        }
    }

    /// The runs this tally counts, if its parts agree: every run is met, not met or not applicable,
    /// had one binding, and added to the paired change; `None` if the counts disagree or overflow.
    fn counted(&self) -> Option<u64> {
        let achieved = self.achieved.values().try_fold(0u64, |a, &b| a.checked_add(b))?;
        let runs = achieved.checked_add(self.not_met)?.checked_add(self.not_applicable)?;
        let bound = self.bindings.values().try_fold(0u64, |a, t| a.checked_add(t.runs))?;
        (bound == runs && self.paired_change.n == runs && self.met_target <= runs).then_some(runs)
    }

    /// Runs in which its reference event happened.
    pub fn applicable(&self) -> u64 {
        self.achieved.values().fold(self.not_met, |a, &b| a.saturating_add(b))
    }

    /// The nearest-rank percentile of the minute it was met, over the runs where it applies, a run
    /// that never met it ranking last: `None` when the rank falls among those.
    pub fn percentile(&self, p: f64) -> Option<i64> {
        let total = self.applicable();
        if total == 0 {
            return None;
        }
        let rank = ((p * total as f64).ceil() as u64).clamp(1, total);
        let mut seen = 0u64;
        for (minutes, count) in &self.achieved {
            seen = seen.saturating_add(*count);
            if seen >= rank {
                return Some(*minutes);
            }
        }
        None
    }

    /// The constraint that bound it most often over the runs where it applied (over all runs if it
    /// never did), with its share of those runs and its mean minutes.
    pub fn main_binding(&self) -> Option<(&str, f64, f64)> {
        let applied = |key: &String| self.not_applicable == self.bindings.values().map(|t| t.runs).sum::<u64>() || key != "no-reference";
        let counted = self.bindings.iter().filter(|(key, _)| applied(key));
        let total: u64 = counted.clone().map(|(_, t)| t.runs).sum();
        // The most runs; among equals, the first key, so that the answer never depends on order.
        let (key, tally) = counted.max_by(|a, b| a.1.runs.cmp(&b.1.runs).then_with(|| b.0.cmp(a.0)))?;
        Some((key.as_str(), tally.runs as f64 / total.max(1) as f64, tally.minutes as f64 / tally.runs.max(1) as f64))
    }
}

/// One milestone in one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MilestoneRun {
    pub applicable: bool,
    /// Minutes from the reference event to the milestone being met; `None` if it was not.
    pub relative: Option<i64>,
    pub met_target: bool,
    pub binding: Binding,
}

/// The outcome measures the audit compares: hosts ever encrypted (thousandths of a host),
/// patient-hours at risk and treatment plans lost (tenths), and the minute of the first alert (the end
/// of the run when none came).
pub const OUTCOMES: [&str; 4] = ["hosts_encrypted", "patient_hours_at_risk", "treatment_plans_lost", "first_alert_minute"];
/// The same measures, as a reader names them.
pub const OUTCOME_WORDS: [&str; 4] = ["hosts encrypted", "patient-hours at risk", "treatment plans lost", "minute of the first alert"];

/// What one variant gave in one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantRun {
    pub milestones: Vec<MilestoneRun>,
    pub outcomes: [i64; 4],
}

/// One variant (the scenario as written, or a what-if) over the runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantStats {
    pub milestones: Vec<MilestoneTally>,
    pub outcomes: [Moments; 4],
    /// This variant less the scenario as written, run by run.
    pub paired: [Moments; 4],
    /// Milestones met in time in this variant less in the scenario as written, run by run.
    pub deadlines_paired: Moments,
}

/// Every variant over the runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditStats {
    pub runs: u64,
    pub variants: Vec<VariantStats>,
}

impl AuditStats {
    pub fn new(variants: usize, milestones: usize) -> Self {
        let variant = VariantStats { milestones: vec![MilestoneTally::default(); milestones], ..VariantStats::default() };
        Self { runs: 0, variants: vec![variant; variants] }
    }

    /// One run of every variant on one seed; the first is the scenario as written.
    pub fn add(&mut self, runs: &[VariantRun]) {
        self.runs += 1;
        let Some(baseline) = runs.first() else { return };
        for (stats, run) in self.variants.iter_mut().zip(runs) {
            for ((tally, milestone), base) in stats.milestones.iter_mut().zip(&run.milestones).zip(&baseline.milestones) {
                tally.add(milestone, base.met_target);
            }
            let met = |r: &VariantRun| r.milestones.iter().filter(|m| m.met_target).count() as i64;
            stats.deadlines_paired.add(met(run) - met(baseline));
            for k in 0..OUTCOMES.len() {
                stats.outcomes[k].add(run.outcomes[k]);
                stats.paired[k].add(run.outcomes[k] - baseline.outcomes[k]);
            }
        }
    }

    pub fn merge(&mut self, other: &AuditStats) {
        self.runs += other.runs;
        for (mine, theirs) in self.variants.iter_mut().zip(&other.variants) {
            for (a, b) in mine.milestones.iter_mut().zip(&theirs.milestones) {
                a.merge(b);
            }
            for k in 0..OUTCOMES.len() {
                mine.outcomes[k].merge(&theirs.outcomes[k]);
                mine.paired[k].merge(&theirs.paired[k]);
            }
            mine.deadlines_paired.merge(&theirs.deadlines_paired);
        }
    }

    /// Whether every tally counts exactly `runs` runs, for `variants` variants of `milestones`
    /// milestones each, with times within a run of `minutes` and sums that values could give: what a
    /// shard must hold to be merged.
    pub fn is_whole(&self, variants: usize, milestones: usize, minutes: u32) -> bool {
        let runs = self.runs;
        let moments_whole = |m: &Moments| m.n == runs && m.plausible();
        // A milestone is met within the run, so at most its length before or after its reference.
        let within = |t: &MilestoneTally| t.achieved.keys().all(|&k| k.unsigned_abs() <= u64::from(minutes));
        self.variants.len() == variants
            && self.variants.iter().all(|v| {
                v.milestones.len() == milestones
                    && v.milestones.iter().all(|t| t.counted() == Some(runs) && within(t) && t.paired_change.plausible())
                    && v.outcomes.iter().chain(&v.paired).chain([&v.deadlines_paired]).all(moments_whole)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::binding::Binding;
    use crate::audit::constraint::Constraint;

    fn run(relative: Option<i64>, met: bool) -> MilestoneRun {
        MilestoneRun { applicable: true, relative, met_target: met, binding: Binding { constraint: Constraint::FirstAlert, minutes: 0 } }
    }

    #[test]
    fn a_night_never_met_ranks_last_and_a_forged_count_is_not_whole() {
        let mut tally = MilestoneTally::default();
        for r in [Some(-5), Some(10), Some(20), None] {
            tally.add(&run(r, r.is_some_and(|m| m <= 15)), false);
        }
        assert_eq!((tally.percentile(0.25), tally.percentile(0.5), tally.percentile(0.75)), (Some(-5), Some(10), Some(20)));
        assert_eq!(tally.percentile(0.9), None, "the 90th percentile falls on the night it was never met");
        assert_eq!(tally.counted(), Some(4));
        let mut forged = tally.clone();
        forged.achieved.insert(99, u64::MAX);
        assert_eq!(forged.counted(), None, "counts that overflow are refused, not wrapped");
        forged.achieved.remove(&99);
        forged.not_met += 1;
        assert_eq!(forged.counted(), None, "counts that disagree are refused");
    }
}
