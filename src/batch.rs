//! Many seeded replicas of one playbook, in parallel, with statistics that stream in and merge exactly:
//! every accumulator is an integer count or sum, so the result is the same whatever the thread count,
//! the order replicas finish in, or how a batch is split into shards.

use std::io::Write;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::data::plan::Plan;
use crate::data::playbook::{Playbook, When};
use crate::data::scenario::Scenario;
use crate::run::{RunResult, run_replica_numbers, summarise_numbers};
use crate::score::{Counterfactuals, MilestoneStatus, counterfactuals, scored};

/// Replicas are run in chunks of this many: each chunk in parallel, chunks in order, so that memory
/// stays flat and per-replica rows come out in replica order.
const CHUNK: u64 = 256;

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The seed of replica `index` of a batch seeded with `master`.
pub fn replica_seed(master: u64, index: u64) -> u64 {
    splitmix64(master ^ splitmix64(index))
}

/// Counts of whole-number values from 0 to `len - 1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histogram {
    pub counts: Vec<u64>,
}

impl Histogram {
    pub fn new(len: usize) -> Self {
        Self { counts: vec![0; len.max(1)] }
    }

    pub fn add(&mut self, value: u64) {
        let last = self.counts.len() - 1;
        self.counts[(value as usize).min(last)] += 1;
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    pub fn sum(&self) -> u128 {
        self.counts.iter().enumerate().map(|(v, &c)| v as u128 * u128::from(c)).sum()
    }

    /// The nearest-rank percentile: the smallest value with at least `p` of the counts at or below it.
    pub fn percentile(&self, p: f64) -> Option<u64> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let rank = ((p * total as f64).ceil() as u64).clamp(1, total);
        let mut seen = 0;
        for (value, &count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= rank {
                return Some(value as u64);
            }
        }
        None
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneCounts {
    pub id: String,
    pub name: String,
    pub on_time: u64,
    /// Met before its reference event (counted on time where the plan allows it).
    pub anticipated: u64,
    pub late: u64,
    pub missed: u64,
    /// Not applicable, or not yet due when the run ended.
    pub not_counted: u64,
}

/// What one replica contributes, kept small.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicaRecord {
    pub index: u64,
    pub seed: u64,
    /// Hosts ever encrypted, rounded to whole hosts.
    pub encrypted: u32,
    /// Thousandths of hosts ever encrypted by role: servers, domain controllers, backup servers,
    /// workstations.
    pub by_role_thousandths: [u64; 4],
    pub total_hosts: u32,
    /// The score in hundredths, if scored.
    pub score_hundredths: Option<u32>,
    pub patient_hours_tenths: u64,
    pub plans_lost_tenths: u64,
    pub exfiltrated_tenths: u64,
    pub milestones: Vec<MilestoneStatus>,
}

/// Integer accumulators of a batch or a part of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchStats {
    pub runs: u64,
    pub total_hosts: u32,
    pub encrypted: Histogram,
    /// Scores in hundredths, 0 to 10,000.
    pub score: Histogram,
    pub patient_hours_tenths: u128,
    pub plans_lost_tenths: u128,
    pub exfiltrated_tenths: u128,
    /// Sums of `ReplicaRecord::by_role_thousandths`.
    pub by_role_thousandths: [u128; 4],
    pub milestones: Vec<MilestoneCounts>,
}

impl BatchStats {
    pub fn new(scenario: &Scenario, plan: Option<&Plan>) -> Self {
        let total_hosts = scenario.servers.len() as u32 + scenario.host_groups.iter().map(|g| g.count).sum::<u32>();
        Self {
            runs: 0,
            total_hosts,
            encrypted: Histogram::new(total_hosts as usize + 1),
            score: Histogram::new(10_001),
            patient_hours_tenths: 0,
            plans_lost_tenths: 0,
            exfiltrated_tenths: 0,
            by_role_thousandths: [0; 4],
            milestones: plan
                .map(|p| {
                    p.milestones
                        .iter()
                        .map(|m| MilestoneCounts {
                            id: m.id.clone(),
                            name: m.name.clone(),
                            on_time: 0,
                            anticipated: 0,
                            late: 0,
                            missed: 0,
                            not_counted: 0,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    pub fn add(&mut self, record: &ReplicaRecord) {
        self.runs += 1;
        self.encrypted.add(u64::from(record.encrypted));
        if let Some(score) = record.score_hundredths {
            self.score.add(u64::from(score));
        }
        self.patient_hours_tenths += u128::from(record.patient_hours_tenths);
        self.plans_lost_tenths += u128::from(record.plans_lost_tenths);
        self.exfiltrated_tenths += u128::from(record.exfiltrated_tenths);
        for (sum, value) in self.by_role_thousandths.iter_mut().zip(record.by_role_thousandths) {
            *sum += u128::from(value);
        }
        for (counts, status) in self.milestones.iter_mut().zip(&record.milestones) {
            match status {
                MilestoneStatus::OnTime => counts.on_time += 1,
                MilestoneStatus::Anticipated => counts.anticipated += 1,
                MilestoneStatus::Late => counts.late += 1,
                MilestoneStatus::Missed => counts.missed += 1,
                MilestoneStatus::NotDue | MilestoneStatus::NotApplicable => counts.not_counted += 1,
            }
        }
    }

    /// Whether these statistics have the shape of `other`'s and of a batch of their own hosts: every
    /// histogram whole and counting every replica, sums no replica could exceed, the same milestones. A
    /// shard cut short or edited by hand fails it.
    pub fn is_whole(&self, other: &BatchStats) -> bool {
        // Each replica adds at most every host, in thousandths, to each role's sum.
        let most = u128::from(self.runs) * u128::from(self.total_hosts) * 1000;
        self.total_hosts == other.total_hosts
            && self.encrypted.counts.len() == self.total_hosts as usize + 1
            && self.encrypted.total() == self.runs
            && self.by_role_thousandths.iter().all(|&t| t <= most)
            && self.score.counts.len() == 10_001
            && self.milestones.len() == other.milestones.len()
            && self.milestones.iter().zip(&other.milestones).all(|(a, b)| a.id == b.id)
    }

    pub fn merge(&mut self, other: &BatchStats) {
        self.runs += other.runs;
        self.encrypted.merge(&other.encrypted);
        self.score.merge(&other.score);
        self.patient_hours_tenths += other.patient_hours_tenths;
        self.plans_lost_tenths += other.plans_lost_tenths;
        self.exfiltrated_tenths += other.exfiltrated_tenths;
        for (a, b) in self.by_role_thousandths.iter_mut().zip(other.by_role_thousandths) {
            *a += b;
        }
        for (a, b) in self.milestones.iter_mut().zip(&other.milestones) {
            a.on_time += b.on_time;
            a.anticipated += b.anticipated;
            a.late += b.late;
            a.missed += b.missed;
            a.not_counted += b.not_counted;
        }
    }

    /// Mean and percentiles of the encrypted fraction.
    pub fn encrypted_fraction(&self) -> Option<Distribution> {
        let scale = f64::from(self.total_hosts.max(1));
        Distribution::of(&self.encrypted, scale)
    }

    /// Mean and percentiles of the score, out of 100.
    pub fn score_total(&self) -> Option<Distribution> {
        Distribution::of(&self.score, 100.0)
    }
}

/// Mean and percentiles of a measure over the replicas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub mean: f64,
    /// Standard error of the mean.
    pub standard_error: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl Distribution {
    fn of(histogram: &Histogram, scale: f64) -> Option<Self> {
        let n = histogram.total();
        if n == 0 {
            return None;
        }
        let mean = histogram.sum() as f64 / n as f64;
        let squares: f64 = histogram.counts.iter().enumerate().map(|(v, &c)| (v as f64 - mean).powi(2) * c as f64).sum();
        let variance = if n > 1 { squares / (n - 1) as f64 } else { 0.0 };
        let round = |x: f64| (x * 1e6).round() / 1e6;
        Some(Self {
            mean: round(mean / scale),
            standard_error: round((variance / n as f64).sqrt() / scale),
            p10: round(histogram.percentile(0.1)? as f64 / scale),
            p50: round(histogram.percentile(0.5)? as f64 / scale),
            p90: round(histogram.percentile(0.9)? as f64 / scale),
        })
    }
}

/// What a batch runs.
pub struct BatchSpec<'a> {
    pub scenario: Arc<Scenario>,
    pub playbook: &'a Playbook,
    pub plan: Option<&'a Plan>,
    pub runs: u64,
    pub seed: u64,
    pub minutes: u32,
    /// The scenario's best response, which each scored replica's counterfactuals run.
    pub best: &'a Playbook,
    /// Each replica's counterfactuals, by replica index, worked out beforehand: a sweep shares them
    /// across its points. Without them a scored replica works out its own.
    pub counterfactuals: Option<&'a [Counterfactuals]>,
}

fn tenths(x: f64) -> u64 {
    (x * 10.0).round().max(0.0) as u64
}

fn thousandths(x: f64) -> u64 {
    (x * 1000.0).round().max(0.0) as u64
}

/// A replica's run and, in a scored batch, its counterfactuals: worked out beforehand (a sweep's), or
/// run here as branches of the same night (see `sim::fork`).
fn replica_runs(spec: &BatchSpec, index: u64, seed: u64) -> (RunResult, Option<Counterfactuals>) {
    let name = Some(spec.playbook.name.clone());
    let known = spec.counterfactuals.and_then(|all| all.get(index as usize));
    if spec.plan.is_none() || known.is_some() {
        let run = run_replica_numbers(spec.scenario.clone(), Some(spec.playbook), seed, spec.minutes);
        return (run, spec.plan.and(known.copied()));
    }
    let playbooks = [Some(spec.playbook), None, Some(spec.best)];
    let mut sims = crate::sim::fork::branches(spec.scenario.clone(), seed, spec.minutes, &playbooks);
    for sim in &mut sims {
        sim.run_until(spec.minutes);
    }
    let cf = Counterfactuals { no_response: crate::run::harms(&sims[1]), best: crate::run::harms(&sims[2]) };
    let run = summarise_numbers(&sims[0], name, seed);
    sims.into_iter().for_each(crate::sim::pool::give_back);
    (run, Some(cf))
}

/// The counterfactuals of replicas `range` of a batch, in order, on `threads` threads.
pub fn counterfactuals_of(spec: &BatchSpec, range: Range<u64>, threads: usize) -> Result<Vec<Counterfactuals>, String> {
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build().map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    Ok(pool.install(|| {
        range.into_par_iter().map(|i| counterfactuals(&spec.scenario, spec.best, replica_seed(spec.seed, i), spec.minutes)).collect()
    }))
}

fn by_role(run: &RunResult) -> [u64; 4] {
    let r = &run.hosts.encrypted_ever_by_role;
    [thousandths(r.servers), thousandths(r.domain_controllers), thousandths(r.backup_servers), thousandths(r.workstations)]
}

/// One replica, reduced to what the statistics need.
pub fn replica(spec: &BatchSpec, index: u64) -> ReplicaRecord {
    let seed = replica_seed(spec.seed, index);
    // The statistics read numbers only: the timeline is not told in words.
    let (run, cf) = replica_runs(spec, index, seed);
    let result = scored(run, spec.plan.zip(cf.as_ref()));
    let care = result.run.care.as_ref().map(|c| c.measures.clone()).unwrap_or_default();
    ReplicaRecord {
        index,
        seed,
        encrypted: result.run.hosts.encrypted_ever.round() as u32,
        by_role_thousandths: by_role(&result.run),
        total_hosts: result.run.hosts.total,
        score_hundredths: result.score.as_ref().map(|s| (s.total * 100.0).round().clamp(0.0, 10_000.0) as u32),
        patient_hours_tenths: tenths(care.patient_hours_at_risk),
        plans_lost_tenths: tenths(care.treatment_plans_lost),
        exfiltrated_tenths: tenths(result.run.attack.exfiltrated_during_gb),
        milestones: result.milestones.iter().map(|m| m.status).collect(),
    }
}

/// Runs replicas `range` of a batch on `threads` threads. `each_chunk` receives every chunk's records
/// in replica order (for per-replica rows and progress).
pub fn run_range(
    spec: &BatchSpec,
    range: Range<u64>,
    threads: usize,
    mut each_chunk: impl FnMut(&[ReplicaRecord]),
) -> Result<BatchStats, String> {
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(threads.max(1)).build().map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    let mut stats = BatchStats::new(&spec.scenario, spec.plan);
    let mut start = range.start;
    while start < range.end {
        let end = (start + CHUNK).min(range.end);
        let records: Vec<ReplicaRecord> = pool.install(|| (start..end).into_par_iter().map(|i| replica(spec, i)).collect());
        for record in &records {
            stats.add(record);
        }
        each_chunk(&records);
        start = end;
    }
    Ok(stats)
}

/// Replica indices of shard `k` (1-based) of `n`.
pub fn shard_range(runs: u64, k: u64, n: u64) -> Range<u64> {
    (runs * (k - 1) / n)..(runs * k / n)
}

/// Writes per-replica rows as CSV.
pub fn write_rows(out: &mut impl Write, records: &[ReplicaRecord], milestone_ids: &[String], header: bool) -> std::io::Result<()> {
    if header {
        write!(
            out,
            "replica,seed,encrypted,total_hosts,encrypted_fraction,servers_encrypted,domain_controllers_encrypted,backup_servers_encrypted,workstations_encrypted,score,patient_hours_at_risk,treatment_plans_lost,exfiltrated_gb"
        )?;
        // Milestone ids come from a plan file: escaped like any text that reaches a spreadsheet.
        for id in milestone_ids {
            write!(out, ",{}", crate::report::csv(id))?;
        }
        writeln!(out)?;
    }
    for r in records {
        let score = r.score_hundredths.map_or(String::new(), |s| format!("{:.2}", f64::from(s) / 100.0));
        write!(
            out,
            "{},{},{},{},{:.6},{:.3},{:.3},{:.3},{:.3},{},{:.1},{:.1},{:.1}",
            r.index,
            r.seed,
            r.encrypted,
            r.total_hosts,
            f64::from(r.encrypted) / f64::from(r.total_hosts.max(1)),
            r.by_role_thousandths[0] as f64 / 1000.0,
            r.by_role_thousandths[1] as f64 / 1000.0,
            r.by_role_thousandths[2] as f64 / 1000.0,
            r.by_role_thousandths[3] as f64 / 1000.0,
            score,
            r.patient_hours_tenths as f64 / 10.0,
            r.plans_lost_tenths as f64 / 10.0,
            r.exfiltrated_tenths as f64 / 10.0
        )?;
        for status in &r.milestones {
            let text = match status {
                MilestoneStatus::OnTime => "on_time",
                MilestoneStatus::Anticipated => "anticipated",
                MilestoneStatus::Late => "late",
                MilestoneStatus::Missed => "missed",
                MilestoneStatus::NotDue => "not_due",
                MilestoneStatus::NotApplicable => "not_applicable",
            };
            write!(out, ",{text}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneRates {
    pub id: String,
    pub name: String,
    pub on_time_rate: f64,
    pub anticipated_rate: f64,
    pub late_rate: f64,
    pub missed_rate: f64,
    pub not_counted_rate: f64,
}

/// What `batch --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchSummary {
    pub scenario: String,
    pub playbook: String,
    pub plan: Option<String>,
    pub runs: u64,
    pub seed: u64,
    pub minutes: u32,
    /// Wall-clock time; the one field that differs between two runs of the same batch.
    pub elapsed_ms: u64,
    pub encrypted_fraction: Option<Distribution>,
    pub score_total: Option<Distribution>,
    pub patient_hours_at_risk_mean: f64,
    pub treatment_plans_lost_mean: f64,
    pub exfiltrated_gb_mean: f64,
    /// Mean host-equivalents ever encrypted by role, to set beside a real case.
    pub encrypted_by_role_mean: RoleMeans,
    pub milestones: Vec<MilestoneRates>,
}

/// Means of host-equivalents ever encrypted, by host role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleMeans {
    pub servers: f64,
    pub domain_controllers: f64,
    pub backup_servers: f64,
    pub workstations: f64,
}

impl BatchSummary {
    /// The statistics of a summary, with the identifying fields left empty.
    pub fn from_stats(stats: &BatchStats) -> Self {
        let n = stats.runs.max(1) as f64;
        let rate = |x: u64| ((x as f64 / n) * 1e6).round() / 1e6;
        let mean_tenths = |x: u128| ((x as f64 / 10.0 / n) * 1000.0).round() / 1000.0;
        Self {
            scenario: String::new(),
            playbook: String::new(),
            plan: None,
            runs: stats.runs,
            seed: 0,
            minutes: 0,
            elapsed_ms: 0,
            encrypted_fraction: stats.encrypted_fraction(),
            score_total: stats.score_total(),
            patient_hours_at_risk_mean: mean_tenths(stats.patient_hours_tenths),
            treatment_plans_lost_mean: mean_tenths(stats.plans_lost_tenths),
            exfiltrated_gb_mean: mean_tenths(stats.exfiltrated_tenths),
            encrypted_by_role_mean: {
                let mean = |x: u128| ((x as f64 / 1000.0 / n) * 1000.0).round() / 1000.0;
                let r = &stats.by_role_thousandths;
                RoleMeans { servers: mean(r[0]), domain_controllers: mean(r[1]), backup_servers: mean(r[2]), workstations: mean(r[3]) }
            },
            milestones: stats
                .milestones
                .iter()
                .map(|m| MilestoneRates {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    on_time_rate: rate(m.on_time),
                    anticipated_rate: rate(m.anticipated),
                    late_rate: rate(m.late),
                    missed_rate: rate(m.missed),
                    not_counted_rate: rate(m.not_counted),
                })
                .collect(),
        }
    }

    pub fn new(
        stats: &BatchStats,
        scenario: &Scenario,
        playbook: &Playbook,
        plan: Option<&Plan>,
        seed: u64,
        minutes: u32,
        elapsed_ms: u64,
    ) -> Self {
        Self {
            scenario: scenario.meta.id.clone(),
            playbook: playbook.name.clone(),
            plan: plan.map(|p| p.id.clone()),
            seed,
            minutes,
            elapsed_ms,
            ..Self::from_stats(stats)
        }
    }
}

/// A sweep's variable: one decision's delay, from `from` to `to` by `step` minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vary {
    pub decision: String,
    pub from: u32,
    pub to: u32,
    pub step: u32,
}

impl Vary {
    /// Parses `DECISION=FROM..TO/STEP`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let usage = "write --vary DECISION=FROM..TO/STEP, in minutes, such as cut-internet=15..60/15";
        let (decision, range) = text.split_once('=').ok_or_else(|| format!("\"{text}\": {usage}"))?;
        let (span, step) = range.split_once('/').ok_or_else(|| format!("\"{text}\": no step; {usage}"))?;
        let (from, to) = span.split_once("..").ok_or_else(|| format!("\"{text}\": no range; {usage}"))?;
        let number = |s: &str, what: &str| {
            s.trim().parse::<u32>().map_err(|_| format!("\"{text}\": {what} \"{s}\" is not a whole number of minutes; {usage}"))
        };
        let (from, to, step) = (number(from, "FROM")?, number(to, "TO")?, number(step, "STEP")?);
        if decision.trim().is_empty() {
            return Err(format!("\"{text}\": no decision named; {usage}"));
        }
        if to < from {
            return Err(format!("\"{text}\": the range goes backwards ({from} to {to}); {usage}"));
        }
        if step == 0 {
            return Err(format!("\"{text}\": a step of 0 never moves; {usage}"));
        }
        if (to - from) / step > 1000 {
            return Err(format!("\"{text}\": more than 1,000 points; use a larger step"));
        }
        Ok(Self { decision: decision.trim().to_string(), from, to, step })
    }

    pub fn values(&self) -> Vec<u32> {
        (self.from..=self.to).step_by(self.step as usize).collect()
    }

    /// The playbook with the decision's delay set to `minutes`.
    pub fn apply(&self, playbook: &Playbook, minutes: u32) -> Result<Playbook, String> {
        let mut changed = playbook.clone();
        let ids: Vec<&str> = playbook.decisions.iter().map(|d| d.id.as_str()).collect();
        let decision = changed
            .decisions
            .iter_mut()
            .find(|d| d.id == self.decision)
            .ok_or_else(|| format!("--vary: the playbook has no decision \"{}\" (it has: {})", self.decision, ids.join(", ")))?;
        match &mut decision.at {
            When::Elapsed(m) | When::After { minutes: m, .. } => *m = minutes,
            When::Clock(_) => {
                return Err(format!(
                    "--vary: decision \"{}\" is set at a clock time; only a delay (Elapsed or After) can be varied",
                    self.decision
                ));
            }
        }
        Ok(changed)
    }
}

/// One point of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    pub minutes: u32,
    pub summary: BatchSummary,
}

impl SweepPoint {
    /// The encrypted share and the score at this point, as `mean (p10-p90)`.
    pub fn describe(&self) -> (String, String) {
        let encrypted = self
            .summary
            .encrypted_fraction
            .map_or("—".into(), |d| format!("{:.1}% ({:.1}-{:.1})", d.mean * 100.0, d.p10 * 100.0, d.p90 * 100.0));
        let score = self.summary.score_total.map_or("—".into(), |d| format!("{:.1} ({:.1}-{:.1})", d.mean, d.p10, d.p90));
        (encrypted, score)
    }
}

/// Where the curve of a measure against the delay matters most.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bend {
    pub measure: String,
    /// The segment over which the measure changes fastest.
    pub steepest_from: u32,
    pub steepest_to: u32,
    /// Change of the measure per 10 minutes of delay over that segment.
    pub steepest_change_per_10_minutes: f64,
    /// The delay at which the slope changes most: where the curve bends.
    pub bend_at: Option<u32>,
}

/// Finds the steepest segment and the bend of a curve given at `xs`.
pub fn bend(measure: &str, xs: &[u32], ys: &[f64]) -> Option<Bend> {
    if xs.len() < 2 {
        return None;
    }
    let slopes: Vec<f64> = xs.windows(2).zip(ys.windows(2)).map(|(x, y)| (y[1] - y[0]) / f64::from(x[1] - x[0]).max(1.0)).collect();
    let steepest = (0..slopes.len()).max_by(|&a, &b| slopes[a].abs().total_cmp(&slopes[b].abs()))?;
    let bend_at =
        (1..slopes.len()).max_by(|&a, &b| (slopes[a] - slopes[a - 1]).abs().total_cmp(&(slopes[b] - slopes[b - 1]).abs())).map(|k| xs[k]);
    Some(Bend {
        measure: measure.to_string(),
        steepest_from: xs[steepest],
        steepest_to: xs[steepest + 1],
        steepest_change_per_10_minutes: (slopes[steepest] * 10.0 * 1e6).round() / 1e6,
        bend_at,
    })
}

/// What `sweep --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepSummary {
    pub scenario: String,
    pub playbook: String,
    pub decision: String,
    pub runs_per_point: u64,
    pub seed: u64,
    pub elapsed_ms: u64,
    pub points: Vec<SweepPoint>,
    pub bends: Vec<Bend>,
}

/// Runs a sweep: a batch of `base.runs` replicas at each delay `vary` gives its decision, then where each
/// measure changes fastest and where its curve bends. `each_chunk` receives every chunk's records, for
/// progress.
pub fn sweep(base: &BatchSpec, vary: &Vary, threads: usize, mut each_chunk: impl FnMut(&[ReplicaRecord])) -> Result<SweepSummary, String> {
    // Check the decision before any work.
    vary.apply(base.playbook, vary.from)?;
    let started = std::time::Instant::now();
    // Each seed's counterfactuals are the same at every point: worked out once.
    let shared = match base.plan {
        Some(_) => Some(counterfactuals_of(base, 0..base.runs, threads)?),
        None => None,
    };
    let mut points = Vec::new();
    for minutes in vary.values() {
        let playbook = vary.apply(base.playbook, minutes)?;
        let spec = BatchSpec { playbook: &playbook, scenario: base.scenario.clone(), counterfactuals: shared.as_deref(), ..*base };
        let point_started = std::time::Instant::now();
        let stats = run_range(&spec, 0..base.runs, threads, &mut each_chunk)?;
        let elapsed_ms = point_started.elapsed().as_millis() as u64;
        let summary = BatchSummary::new(&stats, &base.scenario, &playbook, base.plan, base.seed, base.minutes, elapsed_ms);
        points.push(SweepPoint { minutes, summary });
    }
    Ok(SweepSummary {
        scenario: base.scenario.meta.id.clone(),
        playbook: base.playbook.name.clone(),
        decision: vary.decision.clone(),
        runs_per_point: base.runs,
        seed: base.seed,
        elapsed_ms: started.elapsed().as_millis() as u64,
        bends: bends(&points),
        points,
    })
}

/// The bends of the share of hosts encrypted and, when every point is scored, of the score.
fn bends(points: &[SweepPoint]) -> Vec<Bend> {
    let xs: Vec<u32> = points.iter().map(|p| p.minutes).collect();
    let mut bends = Vec::new();
    let encrypted: Vec<f64> = points.iter().map(|p| p.summary.encrypted_fraction.map_or(0.0, |d| d.mean)).collect();
    bends.extend(bend("share of hosts encrypted", &xs, &encrypted));
    if points.iter().all(|p| p.summary.score_total.is_some()) {
        let scores: Vec<f64> = points.iter().map(|p| p.summary.score_total.map_or(0.0, |d| d.mean)).collect();
        bends.extend(bend("score", &xs, &scores));
    }
    bends
}

mod shards;
#[cfg(test)]
mod tests;

pub use shards::{MAX_RUNS, MAX_THREADS, SHARD_FORMAT, SHARD_KIND, ShardFile, fingerprint, merge_shards, merged_summary, missing_shards};
