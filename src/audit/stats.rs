//! The audit's accumulators: integer counts and sums only, so that shards and threads merge exactly,
//! and paired differences against the scenario as written, so that a what-if's Monte-Carlo error is
//! that of the change on the same nights, not of two independent samples.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::constraint::Binding;

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

    pub fn merge(&mut self, other: &Moments) {
        self.n += other.n;
        self.sum += other.sum;
        self.squares += other.squares;
    }

    pub fn mean(&self) -> f64 {
        if self.n == 0 { 0.0 } else { self.sum as f64 / self.n as f64 }
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

    pub fn merge(&mut self, other: &MilestoneTally) {
        for (minutes, count) in &other.achieved {
            *self.achieved.entry(*minutes).or_default() += count;
        }
        self.not_met += other.not_met;
        self.not_applicable += other.not_applicable;
        self.met_target += other.met_target;
        self.paired_change.merge(&other.paired_change);
        for (key, tally) in &other.bindings {
            let mine = self.bindings.entry(key.clone()).or_default();
            mine.runs += tally.runs;
            mine.minutes += tally.minutes;
        }
    }

    /// Runs in which its reference event happened.
    pub fn applicable(&self) -> u64 {
        self.achieved.values().sum::<u64>() + self.not_met
    }

    /// The nearest-rank percentile of the minute it was met, over the runs where it applies, a run
    /// that never met it ranking last: `None` when the rank falls among those.
    pub fn percentile(&self, p: f64) -> Option<i64> {
        let total = self.applicable();
        if total == 0 {
            return None;
        }
        let rank = ((p * total as f64).ceil() as u64).clamp(1, total);
        let mut seen = 0;
        for (minutes, count) in &self.achieved {
            seen += count;
            if seen >= rank {
                return Some(*minutes);
            }
        }
        None
    }

    /// The constraint that bound it most often, with its share of the runs and mean minutes.
    pub fn main_binding(&self) -> Option<(&str, f64, f64)> {
        let total: u64 = self.bindings.values().map(|t| t.runs).sum();
        // The most runs; among equals, the first key, so that the answer never depends on order.
        let (key, tally) = self.bindings.iter().max_by(|a, b| a.1.runs.cmp(&b.1.runs).then_with(|| b.0.cmp(a.0)))?;
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
        }
    }
}
