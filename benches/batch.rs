//! Benchmark: batches of 1,000 and 10,000 Vivalia replicas (72 h, historical playbook) on two threads,
//! run as the command line runs them (scored against the Belgian plan, so each replica also runs its
//! seed's no response and best response), with wall time and peak memory; then the same 1,000 replicas
//! unscored through the library, to show what the counterfactuals cost; and a plan audit of 1,000 nights
//! with four what-ifs. Run with `cargo bench --bench batch`; set `BATCH_BENCH_RUNS=1000,10000` to
//! choose the batch sizes.

use std::process::Command;
use std::time::Instant;

/// Runs one batch as a child process; returns seconds and peak resident memory in KiB.
fn batch(runs: u64) -> (f64, i64) {
    let runs = runs.to_string();
    measured(&["batch", "vivalia-2022", "--playbook", "vivalia-2022-historical", "--threads", "2", "--json", "--runs", &runs])
}

/// Runs the command line with these arguments as a child process; returns seconds and peak resident
/// memory in KiB.
// The child is reaped by `wait4`, which also reports its peak memory.
#[allow(clippy::zombie_processes)]
fn measured(args: &[&str]) -> (f64, i64) {
    let started = Instant::now();
    let child =
        Command::new(env!("CARGO_BIN_EXE_crisis-cell")).args(args).stdout(std::process::Stdio::null()).spawn().expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with valid pointers to locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{args:?} failed");
    (started.elapsed().as_secs_f64(), usage.ru_maxrss)
}

/// Seconds for `runs` replicas through the library on two threads, unscored or scored.
fn library_batch(runs: u64, scored: bool) -> f64 {
    let scenario = std::sync::Arc::new(crisis_cell::data::load_scenario("vivalia-2022").expect("built in").scenario);
    let playbook = crisis_cell::data::load_playbook("vivalia-2022-historical", &scenario).expect("built in");
    let plan = crisis_cell::data::load::load_plan("belgian-hospital-cyber", &scenario).expect("built in");
    let best = crisis_cell::score::best_response::best_response(&scenario);
    let spec = crisis_cell::batch::BatchSpec {
        scenario,
        playbook: &playbook,
        plan: scored.then_some(&plan),
        runs,
        seed: 1,
        minutes: 72 * 60,
        best: &best,
        counterfactuals: None,
    };
    let started = Instant::now();
    crisis_cell::batch::run_range(&spec, 0..runs, 2, |_| {}).expect("the batch runs");
    started.elapsed().as_secs_f64()
}

fn main() {
    let sizes: Vec<u64> = std::env::var("BATCH_BENCH_RUNS")
        .unwrap_or_else(|_| "1000,10000".to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    for runs in sizes {
        let repeats = if runs <= 1000 { 3 } else { 1 };
        let mut results: Vec<(f64, i64)> = (0..repeats).map(|_| batch(runs)).collect();
        results.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (seconds, peak) = results[results.len() / 2];
        println!(
            "batch of {runs:>6} replicas, 2 threads: {seconds:.2} s (median of {repeats}), {:.2} ms per replica, peak memory {:.1} MiB",
            seconds * 1000.0 / runs as f64,
            peak as f64 / 1024.0
        );
    }
    let (unscored, scored) = (library_batch(1000, false), library_batch(1000, true));
    println!("1,000 replicas through the library, 2 threads: {unscored:.2} s unscored, {scored:.2} s scored with counterfactuals");
    let mut audits: Vec<(f64, i64)> = (0..3)
        .map(|_| {
            measured(&[
                "audit",
                "vivalia-2022",
                "--runs",
                "1000",
                "--threads",
                "2",
                "--json",
                "--what-if",
                "on-site:administrator-on-duty",
                "--what-if",
                "call-in:medical-director=10",
                "--what-if",
                "monitoring-24-7",
                "--what-if",
                "offline-backups",
            ])
        })
        .collect();
    audits.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (seconds, peak) = audits[1];
    println!(
        "audit of 1,000 nights with four what-ifs (5,000 runs), 2 threads: {seconds:.2} s (median of 3), peak memory {:.1} MiB",
        peak as f64 / 1024.0
    );
}
