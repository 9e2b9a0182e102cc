//! `audit`: a plan's deadlines against the best response the scenario's staff allows, over seeded
//! nights, with what-ifs compared on the same nights; its shards merge as a batch's do.

use std::path::{Path, PathBuf};

use super::{Failure, print, print_json};
use crate::audit::stats::OUTCOME_WORDS;
use crate::audit::summary::{AuditSummary, MilestoneAudit, WhatIfAudit, WhatIfMilestone, minutes_words};
use crate::audit::what_if::WhatIf;
use crate::audit::{AUDIT_SHARD_FORMAT, AUDIT_SHARD_KIND, AuditShard, AuditSpec, fingerprint, run_range, set_target};
use crate::batch::MAX_THREADS;
use crate::i18n::Language;
use crate::run::parse_duration;
use crate::setup::{RunRequest, RunSetup};

/// What `audit` is asked.
#[derive(clap::Args, Debug)]
pub struct AuditArgs {
    /// A scenario file, or the name of a built-in one.
    scenario: String,
    /// The plan whose deadlines are audited (a file, or a built-in name); the scenario's own by default.
    #[arg(long)]
    plan: Option<String>,
    /// Seeded nights to run, each with every what-if.
    #[arg(long, default_value_t = 1000)]
    runs: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads to use; all cores by default. The result does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Simulated time of each night, such as 72h; the scenario's duration by default.
    #[arg(long)]
    until: Option<String>,
    /// A change to try, compared on the same nights (may be repeated): on-site:ROLE,
    /// call-in:ROLE=MINUTES, on-call:ROLE, monitoring-24-7, edr-servers, offline-backups.
    #[arg(long = "what-if", value_name = "WHAT-IF")]
    what_ifs: Vec<String>,
    /// Another deadline for a milestone, as MILESTONE=MINUTES, without editing the plan (may be repeated).
    #[arg(long = "target", value_name = "MILESTONE=MINUTES")]
    targets: Vec<String>,
    #[arg(long)]
    json: bool,
    /// Write the audit report (audit.html, audit.md, audit.csv, audit.json) here.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Run only shard K of N (1-based), for a cluster scheduler; needs --out.
    #[arg(long, requires = "out")]
    shard: Option<String>,
    /// Where a shard's result is written, for `merge`.
    #[arg(long, requires = "shard")]
    out: Option<PathBuf>,
}

/// A mistake in the command's own arguments: exit status 2, as for any usage error.
fn bad_input(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), code: 2 }
}

/// Each what-if runs every night again: more than this is a study for several audits.
const MAX_WHAT_IFS: usize = 32;

/// Checks the arguments and builds the audit, before any night is run.
fn prepare(args: &AuditArgs) -> Result<(AuditSpec, usize), Failure> {
    if args.runs == 0 {
        return Err(bad_input("--runs 0: an audit needs at least one night"));
    }
    if args.runs > crate::batch::MAX_RUNS {
        return Err(bad_input(format!(
            "--runs {}: at most {} nights; split larger audits with --shard",
            args.runs,
            crate::batch::MAX_RUNS
        )));
    }
    match args.threads {
        Some(0) => return Err(bad_input("--threads 0: at least one thread is needed")),
        Some(t) if t > MAX_THREADS => {
            return Err(bad_input(format!("--threads {t}: at most {MAX_THREADS} threads (the result does not depend on it)")));
        }
        _ => {}
    }
    if args.what_ifs.len() > MAX_WHAT_IFS {
        return Err(bad_input(format!("{} what-ifs: at most {MAX_WHAT_IFS} in one audit", args.what_ifs.len())));
    }
    let what_ifs = args.what_ifs.iter().map(|w| WhatIf::parse(w)).collect::<Result<Vec<_>, _>>().map_err(bad_input)?;
    let minutes = args.until.as_deref().map(|text| parse_duration(text).map_err(|e| bad_input(format!("--until: {e}")))).transpose()?;
    let request = RunRequest {
        scenario: &args.scenario,
        plan: args.plan.as_deref(),
        playbook: None,
        minutes,
        seed: args.seed,
        language: Language::English,
        playbook_roles: &[],
    };
    let setup = RunSetup::prepare(&request)?;
    let mut plan = setup.written_plan.ok_or_else(|| bad_input("the scenario names no plan to audit: give one with --plan"))?;
    for target in &args.targets {
        set_target(&mut plan, target).map_err(bad_input)?;
    }
    let spec = AuditSpec::new(setup.written, plan, &what_ifs, args.runs, args.seed, setup.minutes).map_err(bad_input)?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    Ok((spec, threads))
}

/// The command `audit`: the audit, or one shard of it written for `merge`.
pub(super) fn audit(args: &AuditArgs) -> Result<(), Failure> {
    let (spec, threads) = prepare(args)?;
    let shard = args.shard.as_deref().map(super::batch::parse_shard).transpose().map_err(bad_input)?;
    if let Some((_, n)) = shard
        && n > args.runs
    {
        return Err(bad_input(format!("--shard: {n} shards for {} nights would leave some empty", args.runs)));
    }
    let range = shard.map_or(0..args.runs, |(k, n)| crate::batch::shard_range(args.runs, k, n));
    let mut progress = super::batch::Progress::new((range.end - range.start) * spec.variants.len() as u64, args.json);
    let started = std::time::Instant::now();
    let variants = spec.variants.len() as u64;
    let stats = run_range(&spec, range, threads, |done| progress.advance(done * variants)).map_err(super::failure)?;
    progress.finish();
    let elapsed_ms = started.elapsed().as_millis() as u64;
    if let (Some((k, n)), Some(out)) = (shard, args.out.as_deref()) {
        let file = AuditShard {
            format: AUDIT_SHARD_FORMAT,
            kind: AUDIT_SHARD_KIND.into(),
            context: spec.context(),
            fingerprint: fingerprint(&spec),
            shard: k,
            shards: n,
            elapsed_ms,
            stats,
        };
        let json = serde_json::to_string(&file).map_err(|e| super::failure(e.to_string()))?;
        crate::report::write_whole(out, &json).map_err(super::failure)?;
        if !args.json {
            eprintln!("Audit shard {k} of {n} written to {}", out.display());
        }
        return Ok(());
    }
    let summary = AuditSummary::new(&spec.context(), &stats, elapsed_ms);
    finish(&summary, args.json, args.report.as_deref(), Some(threads))
}

/// Prints an audit's summary and writes its report, if asked for; `threads` is `None` for an audit
/// merged from shards.
pub(super) fn finish(summary: &AuditSummary, json: bool, report: Option<&Path>, threads: Option<usize>) -> Result<(), Failure> {
    if let Some(dir) = report {
        crate::report::write_audit_report(dir, summary).map_err(super::failure)?;
    }
    if json {
        return print_json(summary);
    }
    print(&(audit_heading(summary, threads) + &milestones_text(summary) + &what_ifs_text(summary)))
}

fn audit_heading(s: &AuditSummary, threads: Option<usize>) -> String {
    let how = match threads {
        Some(t) => format!("{} ms on {t} thread(s)", s.elapsed_ms),
        None => format!("merged from shards, {} ms in all", s.elapsed_ms),
    };
    format!(
        "Plan audit — {} — {}\nThe best response to the plan this staff allows, over {} nights (master seed {}), {how}.\nTimes count from each milestone's reference event; \"never\": not met on that share of nights.\n\n",
        s.scenario, s.plan_name, s.runs, s.seed
    )
}

/// A line a milestone, with what binds it below.
fn milestones_text(s: &AuditSummary) -> String {
    let mut out = format!(
        "  {:<28} {:>8} {:>14} {:>14} {:>14} {:>7}  {:<26} {:>9}\n",
        "milestone", "target", "p10", "median", "p90", "met", "verdict", "90% at"
    );
    for m in &s.milestones {
        out += &format!(
            "  {:<28} {:>8} {:>14} {:>14} {:>14} {:>6.1}%  {:<26} {:>9}\n",
            m.id,
            minutes_words(Some(i64::from(m.target_minutes))),
            minutes_words(m.p10_minutes),
            minutes_words(m.median_minutes),
            minutes_words(m.p90_minutes),
            m.met_share * 100.0,
            m.verdict.words(),
            m.tightest_deadline_minutes.map_or("none".to_string(), |t| minutes_words(Some(i64::from(t)))),
        );
        if let Some(b) = &m.binding {
            out += &format!("  {:<28} binds on {:.0}% of nights: {}\n", "", b.share * 100.0, b.text);
        }
    }
    let means: Vec<String> =
        s.outcomes.iter().zip(OUTCOME_WORDS).map(|(o, name)| format!("{name} {:.1} ± {:.1}", o.mean, o.standard_error)).collect();
    out + "\nMeans with the best response: " + &means.join(", ") + "\n"
}

/// The what-ifs, ranked, each with the milestones and measures it moves.
fn what_ifs_text(s: &AuditSummary) -> String {
    if s.what_ifs.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\nWhat-ifs, on the same nights, ranked (deadlines made to hold, then nights within a deadline, then patient-hours):\n",
    );
    for w in &s.what_ifs {
        out += &format!(
            "  {}. {} ({}): {:+} verdicts, {:+.2} ± {:.2} deadlines met a night\n",
            w.rank, w.description, w.label, w.verdicts_improved, w.deadline_nights_gained, w.deadline_nights_error
        );
        out += &what_if_milestones_text(w, &s.milestones);
        for (o, name) in w.outcomes.iter().zip(OUTCOME_WORDS) {
            out += &format!("       {name:<28} {:.1} ({:+.1} ± {:.1})\n", o.mean, o.change, o.change_error);
        }
    }
    out
}

/// The milestones a what-if moves (in share met in time, or in median), one a line.
fn what_if_milestones_text(w: &WhatIfAudit, base: &[MilestoneAudit]) -> String {
    let moved = |(m, b): &(&WhatIfMilestone, &MilestoneAudit)| m.change.abs() >= 0.0005 || m.median_minutes != b.median_minutes;
    let mut out = String::new();
    for (m, b) in w.milestones.iter().zip(base).filter(moved) {
        let verdict =
            if m.verdict == b.verdict { m.verdict.words().to_string() } else { format!("{} → {}", b.verdict.words(), m.verdict.words()) };
        out += &format!(
            "       {:<28} met {:>5.1}% ({:+.1} ± {:.1} points), median {} → {}, {verdict}\n",
            m.id,
            m.met_share * 100.0,
            m.change * 100.0,
            m.change_error * 100.0,
            minutes_words(b.median_minutes),
            minutes_words(m.median_minutes),
        );
    }
    out
}
