//! A batch split into shards for a cluster: the file each shard writes, and `merge`, which adds them
//! up into what one machine would have given, refusing shards that do not belong together.

use serde::{Deserialize, Serialize};

use super::{BatchStats, BatchSummary, shard_range};

/// One shard's result, written by `batch --shard K/N --out FILE` and read by `merge`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    pub format: u32,
    pub kind: String,
    pub scenario: String,
    pub scenario_version: String,
    /// A fingerprint of the scenario's and the plan's content, so that shards of two scenarios that
    /// share an id and a version never merge.
    pub scenario_fingerprint: String,
    pub playbook: String,
    /// A fingerprint of the playbook's content, so that shards of different playbooks never merge.
    pub playbook_fingerprint: String,
    pub plan: Option<String>,
    pub seed: u64,
    pub runs: u64,
    pub minutes: u32,
    pub shard: u64,
    pub shards: u64,
    pub elapsed_ms: u64,
    pub stats: BatchStats,
}

pub const SHARD_KIND: &str = "crisis-cell batch shard";
/// Format 2 carries the scenario's fingerprint.
pub const SHARD_FORMAT: u32 = 2;
/// More threads than this cannot help on any machine a hospital has, and each costs memory at once.
pub const MAX_THREADS: usize = 1024;

/// The most replicas a batch or an audit runs; a shard claiming more is refused before anything is
/// allocated for it.
pub const MAX_RUNS: u64 = 100_000_000;

/// The message for shards missing from `seen` (the shard numbers given), naming at most ten.
pub fn missing_shards(seen: &std::collections::BTreeSet<u64>, shards: u64) -> String {
    let missing: Vec<String> = (1..=shards).filter(|k| !seen.contains(k)).take(10).map(|k| k.to_string()).collect();
    let more = shards.saturating_sub(seen.len() as u64).saturating_sub(missing.len() as u64);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    format!("shard(s) {}{more} of {shards} missing", missing.join(", "))
}

/// A stable fingerprint of a value's JSON form (FNV-1a, 64 bits).
pub fn fingerprint<T: Serialize>(value: &T) -> String {
    let bytes = serde_json::to_vec(value).unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The summary of a batch merged from its shards, as one machine would have given it, and its
/// statistics.
pub fn merged_summary(shards: &[(String, ShardFile)]) -> Result<(BatchSummary, BatchStats), String> {
    let (stats, elapsed_ms) = merge_shards(shards)?;
    let first = &shards[0].1;
    let summary = BatchSummary {
        scenario: first.scenario.clone(),
        playbook: first.playbook.clone(),
        plan: first.plan.clone(),
        runs: stats.runs,
        seed: first.seed,
        minutes: first.minutes,
        elapsed_ms,
        ..BatchSummary::from_stats(&stats)
    };
    Ok((summary, stats))
}

/// Merges shard files into the statistics of the whole batch, refusing shards that do not belong
/// together, are missing or are given twice.
pub fn merge_shards(shards: &[(String, ShardFile)]) -> Result<(BatchStats, u64), String> {
    let Some((first_name, first)) = shards.first() else { return Err("no shard files given".into()) };
    if first.runs == 0 || first.runs > MAX_RUNS || first.shards == 0 || first.shards > first.runs {
        return Err(format!("{first_name}: claims {} shards of {} replicas, which no batch writes", first.shards, first.runs));
    }
    let mut seen = std::collections::BTreeSet::new();
    let mut stats: Option<BatchStats> = None;
    let mut elapsed = 0u64;
    for (name, shard) in shards {
        if shard.kind != SHARD_KIND || shard.format != SHARD_FORMAT {
            return Err(format!("{name}: not a crisis-cell batch shard (format {SHARD_FORMAT})"));
        }
        let same = shard.scenario == first.scenario
            && shard.scenario_version == first.scenario_version
            && shard.scenario_fingerprint == first.scenario_fingerprint
            && shard.playbook_fingerprint == first.playbook_fingerprint
            && shard.plan == first.plan
            && shard.seed == first.seed
            && shard.runs == first.runs
            && shard.minutes == first.minutes
            && shard.shards == first.shards;
        if !same {
            return Err(format!(
                "{name}: belongs to another batch than {first_name} (scenario, playbook, plan, seed, runs, duration and shard count must all match)"
            ));
        }
        if shard.shard == 0 || shard.shard > shard.shards {
            return Err(format!("{name}: shard {} of {} does not exist", shard.shard, shard.shards));
        }
        if !seen.insert(shard.shard) {
            return Err(format!("{name}: shard {} of {} is given twice", shard.shard, shard.shards));
        }
        let expected = shard_range(shard.runs, shard.shard, shard.shards);
        if shard.stats.runs != expected.end - expected.start {
            return Err(format!(
                "{name}: holds {} replicas where shard {} of {} has {}",
                shard.stats.runs,
                shard.shard,
                shard.shards,
                expected.end - expected.start
            ));
        }
        if !shard.stats.is_whole(&first.stats) {
            return Err(format!("{name}: its statistics are cut short or do not match the other shards'"));
        }
        elapsed = elapsed.saturating_add(shard.elapsed_ms);
        match &mut stats {
            None => stats = Some(shard.stats.clone()),
            Some(total) => total.merge(&shard.stats),
        }
    }
    if seen.len() as u64 != first.shards {
        return Err(missing_shards(&seen, first.shards));
    }
    Ok((stats.unwrap_or_else(|| first.stats.clone()), elapsed))
}
