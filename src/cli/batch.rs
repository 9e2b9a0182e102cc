//! `batch`, `sweep` and `merge`: many seeded replicas in parallel, a decision's delay varied over a
//! range, and shards combined; with a progress line for long batches in a terminal.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Failure, failure, print, print_json};
use crate::audit::{AUDIT_SHARD_KIND, AuditShard};
use crate::batch::{
    BatchSpec, BatchSummary, Distribution, ReplicaRecord, SHARD_KIND, ShardFile, SweepSummary, Vary, fingerprint, merged_summary,
    run_range, shard_range, write_rows,
};
use crate::batch::{MAX_RUNS, MAX_THREADS};
use crate::data::load;
use crate::data::plan::Plan;
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::i18n::Language;
use crate::run::parse_duration;
use crate::setup::{RunRequest, RunSetup};

/// What batches and sweeps share.
#[derive(clap::Args, Debug)]
pub struct ReplicaOptions {
    scenario: String,
    #[arg(long)]
    playbook: String,
    /// The roles the playbook plays (role ids, separated by commas); the others are left to people at
    /// the table (or, in a batch, to nobody). All roles by default.
    #[arg(long, value_delimiter = ',')]
    playbook_roles: Vec<String>,
    #[arg(long)]
    runs: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads to use; all cores by default. The result does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Simulated time of each replica, such as 72h; the scenario's duration by default.
    #[arg(long)]
    until: Option<String>,
    #[arg(long)]
    plan: Option<String>,
    #[arg(long)]
    json: bool,
    /// Write the report (charts, tables and every result) here.
    #[arg(long)]
    report: Option<PathBuf>,
}

/// What a batch or sweep needs, loaded and checked.
struct Prepared {
    scenario: Arc<Scenario>,
    playbook: Playbook,
    plan: Option<Plan>,
    /// The scenario's best response, for the counterfactuals of a scored batch.
    best: Playbook,
    minutes: u32,
    threads: usize,
}

impl Prepared {
    /// The batch these options ask for (for a sweep, at the playbook's own delays).
    fn spec(&self, args: &ReplicaOptions) -> BatchSpec<'_> {
        BatchSpec {
            scenario: self.scenario.clone(),
            playbook: &self.playbook,
            plan: self.plan.as_ref(),
            runs: args.runs,
            seed: args.seed,
            minutes: self.minutes,
            best: &self.best,
            counterfactuals: None,
        }
    }
}

/// Loads and checks what a batch or sweep needs, refusing absurd requests before any work.
fn prepare(args: &ReplicaOptions) -> Result<Prepared, Failure> {
    if args.runs == 0 {
        return Err(failure("--runs 0: a batch needs at least one replica"));
    }
    if args.runs > MAX_RUNS {
        return Err(failure(format!("--runs {}: at most {MAX_RUNS} replicas; split larger studies with --shard", args.runs)));
    }
    if args.threads == Some(0) {
        return Err(failure("--threads 0: at least one thread is needed"));
    }
    if let Some(threads) = args.threads.filter(|&t| t > MAX_THREADS) {
        return Err(failure(format!("--threads {threads}: at most {MAX_THREADS} threads (the result does not depend on it)")));
    }
    let minutes = args.until.as_deref().map(|text| parse_duration(text).map_err(|e| failure(format!("--until: {e}")))).transpose()?;
    let request = RunRequest {
        scenario: &args.scenario,
        plan: args.plan.as_deref(),
        playbook: Some(&args.playbook),
        minutes,
        seed: args.seed,
        language: Language::English,
        playbook_roles: &args.playbook_roles,
    };
    let setup = RunSetup::prepare(&request)?;
    let playbook = setup.playbook.ok_or_else(|| failure("a batch needs a playbook (--playbook)"))?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let best = setup.comparisons.best;
    Ok(Prepared { scenario: setup.written, playbook, plan: setup.written_plan, best, minutes: setup.minutes, threads })
}

/// A progress line on standard error, for long batches in a terminal.
pub(super) struct Progress {
    enabled: bool,
    total: u64,
    done: u64,
    started: std::time::Instant,
}

impl Progress {
    pub(super) fn new(total: u64, quiet: bool) -> Self {
        use std::io::IsTerminal;
        Self { enabled: !quiet && std::io::stderr().is_terminal() && total >= 256, total, done: 0, started: std::time::Instant::now() }
    }
    pub(super) fn advance(&mut self, by: u64) {
        self.done += by;
        if self.enabled {
            let seconds = self.started.elapsed().as_secs_f64();
            let eta = if self.done > 0 { seconds / self.done as f64 * (self.total - self.done) as f64 } else { 0.0 };
            eprint!(
                "\r{:>9} / {} replicas ({:>3.0}%)  {:.1} s, about {:.0} s left   ",
                self.done,
                self.total,
                100.0 * self.done as f64 / self.total as f64,
                seconds,
                eta
            );
        }
    }
    pub(super) fn finish(&self) {
        if self.enabled {
            eprintln!();
        }
    }
}

/// Reads `--shard K/N`.
pub(super) fn parse_shard(text: &str) -> Result<(u64, u64), String> {
    let parsed = text.split_once('/').and_then(|(k, n)| Some((k.trim().parse::<u64>().ok()?, n.trim().parse::<u64>().ok()?)));
    match parsed {
        Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Ok((k, n)),
        _ => Err(format!("--shard {text}: write K/N with 1 <= K <= N, such as 3/8")),
    }
}

/// The command `batch`: a batch, or one shard of it written for `merge`; its summary printed, and its
/// report and per-replica rows written if asked for.
pub(super) fn batch(args: &ReplicaOptions, shard: Option<&str>, out: Option<&Path>) -> Result<(), Failure> {
    let prepared = prepare(args)?;
    let shard = shard.map(parse_shard).transpose().map_err(failure)?;
    if let Some((_, n)) = shard
        && n > args.runs
    {
        return Err(failure(format!("--shard: {n} shards for {} replicas would leave some empty", args.runs)));
    }
    let range = shard.map_or(0..args.runs, |(k, n)| shard_range(args.runs, k, n));
    let spec = prepared.spec(args);
    let milestone_ids: Vec<String> =
        prepared.plan.as_ref().map(|p| p.milestones.iter().map(|m| m.id.clone()).collect()).unwrap_or_default();
    let mut rows = args.report.as_deref().map(ReplicaRows::create).transpose()?;
    let mut progress = Progress::new(range.end - range.start, args.json);
    let started = std::time::Instant::now();
    let stats = run_range(&spec, range, prepared.threads, |records| {
        if let Some(rows) = rows.as_mut() {
            rows.write(records, &milestone_ids);
        }
        progress.advance(records.len() as u64);
    })
    .map_err(failure)?;
    progress.finish();
    let elapsed_ms = started.elapsed().as_millis() as u64;
    if let Some(rows) = rows {
        rows.finish()?;
    }
    if let (Some((k, n)), Some(out)) = (shard, out) {
        let file = ShardFile {
            format: crate::batch::SHARD_FORMAT,
            kind: SHARD_KIND.to_string(),
            scenario: prepared.scenario.meta.id.clone(),
            scenario_version: prepared.scenario.meta.version.clone(),
            playbook: prepared.playbook.name.clone(),
            scenario_fingerprint: fingerprint(&(prepared.scenario.as_ref(), prepared.plan.as_ref())),
            playbook_fingerprint: fingerprint(&prepared.playbook),
            plan: prepared.plan.as_ref().map(|p| p.id.clone()),
            seed: args.seed,
            runs: args.runs,
            minutes: prepared.minutes,
            shard: k,
            shards: n,
            elapsed_ms,
            stats,
        };
        let json = serde_json::to_string(&file).map_err(|e| failure(e.to_string()))?;
        crate::report::write_whole(out, &json).map_err(failure)?;
        if !args.json {
            eprintln!("Shard {k} of {n} written to {}", out.display());
        }
        return Ok(());
    }
    let summary =
        BatchSummary::new(&stats, &prepared.scenario, &prepared.playbook, prepared.plan.as_ref(), args.seed, prepared.minutes, elapsed_ms);
    if let Some(dir) = &args.report {
        crate::report::write_batch_report(dir, &summary, &stats).map_err(failure)?;
    }
    if args.json {
        return print_json(&summary);
    }
    print(&batch_text(&summary, Some(prepared.threads)))
}

/// The per-replica rows of a batch's report, written to a temporary file as chunks come in and renamed
/// `replicas.csv` once whole, so that a batch cut short leaves no file that looks complete.
struct ReplicaRows {
    dir: PathBuf,
    out: std::io::BufWriter<tempfile::NamedTempFile>,
    header_written: bool,
    /// The first error, said once the batch is over.
    error: Option<std::io::Error>,
}

impl ReplicaRows {
    fn create(dir: &Path) -> Result<Self, Failure> {
        std::fs::create_dir_all(dir).map_err(|e| failure(format!("cannot create the report folder {}: {e}", dir.display())))?;
        let file = crate::report::temporary_beside(&dir.join("replicas.csv")).map_err(failure)?;
        Ok(Self { dir: dir.to_path_buf(), out: std::io::BufWriter::new(file), header_written: false, error: None })
    }

    fn write(&mut self, records: &[ReplicaRecord], milestone_ids: &[String]) {
        if let Err(e) = write_rows(&mut self.out, records, milestone_ids, !self.header_written) {
            self.error.get_or_insert(e);
        }
        self.header_written = true;
    }

    fn finish(self) -> Result<(), Failure> {
        if let Some(e) = self.error {
            return Err(failure(format!("cannot write replicas.csv: {e}")));
        }
        let file = self.out.into_inner().map_err(|e| failure(format!("cannot write replicas.csv: {}", e.error())))?;
        file.persist(self.dir.join("replicas.csv")).map_err(|e| failure(format!("cannot write replicas.csv: {}", e.error)))?;
        Ok(())
    }
}

/// A batch's summary as text; `threads` is `None` for a batch merged from shards.
fn batch_text(s: &BatchSummary, threads: Option<usize>) -> String {
    let how = match threads {
        Some(t) => format!("{} ms on {t} thread(s)", s.elapsed_ms),
        None => format!("merged from shards, {} ms in all", s.elapsed_ms),
    };
    let mut out = format!("{} — playbook: {} — {} replicas, master seed {} — {how}\n\n", s.scenario, s.playbook, s.runs, s.seed);
    let row = |label: &str, d: Option<Distribution>, percent: bool| match d {
        None => format!("  {label:<28} —\n"),
        Some(d) => {
            let f = |x: f64| if percent { format!("{:.1}%", x * 100.0) } else { format!("{x:.1}") };
            format!("  {label:<28} mean {} ± {}   p10 {}   p50 {}   p90 {}\n", f(d.mean), f(d.standard_error), f(d.p10), f(d.p50), f(d.p90))
        }
    };
    out += &row("hosts ever encrypted", s.encrypted_fraction, true);
    let r = &s.encrypted_by_role_mean;
    out += &format!(
        "  {:<28} {:.1} servers ({:.1} domain controllers, {:.1} backup servers), {:.1} workstations\n",
        "ever encrypted, by role", r.servers, r.domain_controllers, r.backup_servers, r.workstations
    );
    out += &row("score", s.score_total, false);
    out += &format!(
        "  {:<28} {:.0} patient-hours at risk, {:.0} treatment plans lost, {:.1} GB exfiltrated\n",
        "means", s.patient_hours_at_risk_mean, s.treatment_plans_lost_mean, s.exfiltrated_gb_mean
    );
    if !s.milestones.is_empty() {
        out += "\nMilestones (on time / anticipated / late / missed / not counted):\n";
        for m in &s.milestones {
            let rates = [m.on_time_rate, m.anticipated_rate, m.late_rate, m.missed_rate, m.not_counted_rate];
            out += &format!("  {:<28}", m.id);
            for rate in rates {
                out += &format!(" {:>5.1}%", rate * 100.0);
            }
            out += "\n";
        }
    }
    out
}

/// The command `sweep`: parses the range, runs it, and prints each point and where the curves bend.
pub(super) fn sweep(args: &ReplicaOptions, vary: &str) -> Result<(), Failure> {
    let vary = Vary::parse(vary).map_err(|e| failure(format!("--vary {e}")))?;
    let prepared = prepare(args)?;
    let spec = prepared.spec(args);
    let mut progress = Progress::new(args.runs * vary.values().len() as u64, args.json);
    let sweep = crate::batch::sweep(&spec, &vary, prepared.threads, |records| progress.advance(records.len() as u64)).map_err(failure)?;
    progress.finish();
    if let Some(dir) = &args.report {
        crate::report::write_sweep_report(dir, &sweep).map_err(failure)?;
    }
    if args.json {
        return print_json(&sweep);
    }
    print(&sweep_text(&sweep, &vary, args.runs))
}

/// A sweep as text: a line a point, then where each measure changes fastest and bends.
fn sweep_text(sweep: &SweepSummary, vary: &Vary, runs: u64) -> String {
    let mut out = format!(
        "{} — playbook: {} — {} delayed from {} to {} minutes by {}, {} replicas a point\n\n",
        sweep.scenario, sweep.playbook, vary.decision, vary.from, vary.to, vary.step, runs
    );
    out += "  delay   encrypted mean (p10-p90)     score mean (p10-p90)\n";
    for p in &sweep.points {
        let (e, s) = p.describe();
        out += &format!("  {:>5}   {:<28} {}\n", p.minutes, e, s);
    }
    for b in &sweep.bends {
        out += &format!(
            "\n{} changes fastest between {} and {} minutes ({:+.3} per 10 minutes){}",
            b.measure,
            b.steepest_from,
            b.steepest_to,
            b.steepest_change_per_10_minutes,
            b.bend_at.map_or(String::new(), |x| format!("; the curve bends at {x} minutes"))
        );
    }
    out += "\n";
    out
}

/// The kind a shard file says it is, read before the rest.
#[derive(serde::Deserialize)]
struct ShardKind {
    kind: String,
}

/// The command `merge`: shard files (of a batch, or of an audit) combined into exactly what one
/// machine would have given.
pub(super) fn merge(files: &[PathBuf], json: bool, report: Option<&Path>) -> Result<(), Failure> {
    let mut texts = Vec::new();
    for path in files {
        texts.push((path.display().to_string(), load::read_text(path)?));
    }
    let audit =
        texts.first().and_then(|(_, text)| serde_json::from_str::<ShardKind>(text).ok()).is_some_and(|k| k.kind == AUDIT_SHARD_KIND);
    if audit {
        return merge_audit(&texts, json, report);
    }
    let mut shards = Vec::new();
    for (label, text) in texts {
        let shard: ShardFile =
            serde_json::from_str(&text).map_err(|e| failure(format!("{label}:{}:{}: not a batch shard: {e}", e.line(), e.column())))?;
        shards.push((label, shard));
    }
    let (summary, stats) = merged_summary(&shards).map_err(failure)?;
    if let Some(dir) = report {
        crate::report::write_batch_report(dir, &summary, &stats).map_err(failure)?;
    }
    if json {
        return print_json(&summary);
    }
    print(&batch_text(&summary, None))
}

/// Audit shards combined into the audit one machine would have given.
fn merge_audit(texts: &[(String, String)], json: bool, report: Option<&Path>) -> Result<(), Failure> {
    let mut shards = Vec::new();
    for (label, text) in texts {
        let shard: AuditShard =
            serde_json::from_str(text).map_err(|e| failure(format!("{label}:{}:{}: not an audit shard: {e}", e.line(), e.column())))?;
        shards.push((label.clone(), shard));
    }
    let (context, stats, elapsed_ms) = crate::audit::merge_shards(&shards).map_err(failure)?;
    let summary = crate::audit::summary::AuditSummary::new(&context, &stats, elapsed_ms);
    super::audit::finish(&summary, json, report, None)
}
