//! Batches and sweeps: thread count and sharding change nothing, later cuts never help, bad input is refused.

use std::path::{Path, PathBuf};

use crate::common::cli;

fn json_without_elapsed(output: &std::process::Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    value.as_object_mut().unwrap().remove("elapsed_ms");
    value
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crisis-cell-batch-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cut_playbook(dir: &Path) -> String {
    let path = dir.join("cut.ron");
    std::fs::write(
        &path,
        r#"Playbook(format: 1, name: "cut the internet", scenario: "vivalia-2022", decisions: [
            (id: "cut-internet", action: "cut-internet", at: Elapsed(0)),
            (id: "servers-off", action: "shutdown-servers", at: After(event: Confirmed, minutes: 10)),
        ])"#,
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn one_thread_or_two_give_the_same_batch() {
    let base = ["batch", "vivalia-2022", "--playbook", "vivalia-2022-historical", "--runs", "64", "--seed", "9", "--json"];
    let one = json_without_elapsed(&cli(&[&base[..], &["--threads", "1"]].concat()));
    let two = json_without_elapsed(&cli(&[&base[..], &["--threads", "2"]].concat()));
    assert_eq!(one, two, "the thread count must not change a batch's result");
    assert_eq!(one["runs"], 64);
    for field in ["mean", "p10", "p50", "p90"] {
        assert!(one["encrypted_fraction"][field].as_f64().is_some() && one["score_total"][field].as_f64().is_some(), "{field}");
    }
    let rates = one["milestones"].as_array().unwrap();
    assert!(!rates.is_empty() && rates.iter().all(|m| (0.0..=1.0).contains(&m["on_time_rate"].as_f64().unwrap())));
}

#[test]
fn shards_merged_equal_the_single_batch() {
    let dir = temp("shards");
    let base = ["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "50", "--seed", "3"];
    let whole = json_without_elapsed(&cli(&[&base[..], &["--json"]].concat()));
    let mut files = Vec::new();
    for k in 1..=3 {
        let out = dir.join(format!("shard-{k}.json")).display().to_string();
        let result = cli(&[&base[..], &["--shard", &format!("{k}/3"), "--out", &out]].concat());
        assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
        files.push(out);
    }
    // Given in another order: the merge does not depend on it.
    let merged = json_without_elapsed(&cli(&["merge", &files[2], &files[0], &files[1], "--json"]));
    assert_eq!(merged, whole, "three shards merged must equal the batch run in one go");

    let missing = cli(&["merge", &files[0], &files[1]]);
    assert!(!missing.status.success() && String::from_utf8_lossy(&missing.stderr).contains("missing"));
    let twice = cli(&["merge", &files[0], &files[0], &files[1], &files[2]]);
    assert!(!twice.status.success() && String::from_utf8_lossy(&twice.stderr).contains("twice"));
    let other = dir.join("other.json").display().to_string();
    assert!(
        cli(&["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "50", "--seed", "4", "--shard", "1/3", "--out", &other])
            .status
            .success()
    );
    let mixed = cli(&["merge", &other, &files[1], &files[2]]);
    assert!(!mixed.status.success() && String::from_utf8_lossy(&mixed.stderr).contains("another batch"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn shutting_the_servers_down_later_never_helps() {
    let dir = temp("sweep");
    let playbook = cut_playbook(&dir);
    let out = cli(&[
        "sweep",
        "vivalia-2022",
        "--playbook",
        &playbook,
        "--vary",
        "servers-off=0..90/15",
        "--runs",
        "60",
        "--json",
        "--report",
        &dir.join("report").display().to_string(),
    ]);
    let sweep = json_without_elapsed(&out);
    let points = sweep["points"].as_array().unwrap();
    assert_eq!(points.len(), 7);
    let means: Vec<(f64, f64)> = points
        .iter()
        .map(|p| {
            (
                p["summary"]["encrypted_fraction"]["mean"].as_f64().unwrap(),
                p["summary"]["encrypted_fraction"]["standard_error"].as_f64().unwrap(),
            )
        })
        .collect();
    for pair in means.windows(2) {
        let ((a, sa), (b, sb)) = (pair[0], pair[1]);
        let error = 3.0 * (sa * sa + sb * sb).sqrt() + 1e-9;
        assert!(b >= a - error, "a later shutdown must not encrypt less beyond Monte-Carlo error: {a} then {b} (3 SE = {error})");
    }
    // The payload went out an hour before the first alert: what a shutdown after the confirmation
    // saves is the servers still encrypting, a few percent of the estate, but it is never nothing.
    assert!(means.last().unwrap().0 > means[0].0 + 0.005, "shutting down at once must matter: {means:?}");
    assert!(!sweep["bends"].as_array().unwrap().is_empty(), "the sweep says where the curve bends");
    for name in ["report.html", "sweep.csv", "sweep.json"] {
        assert!(dir.join("report").join(name).is_file(), "{name}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn batch_report_has_histograms_and_every_replica() {
    let dir = temp("report");
    let report = dir.join("r");
    let out = cli(&["batch", "vivalia-2022", "--playbook", "plan-deadlines", "--runs", "20", "--report", &report.display().to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = std::fs::read_to_string(report.join("replicas.csv")).unwrap();
    assert_eq!(csv.lines().count(), 21, "a header and one row per replica");
    assert!(csv.lines().nth(1).unwrap().starts_with("0,"), "rows in replica order");
    let html = std::fs::read_to_string(report.join("report.html")).unwrap();
    assert!(html.matches("<svg").count() >= 2, "histograms of the encrypted share and the score");
    assert!(report.join("summary.json").is_file());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_batch_and_sweep_input_is_refused_clearly() {
    let dir = temp("bad");
    let playbook = cut_playbook(&dir);
    for (args, expected) in [
        (vec!["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "0"], "--runs 0"),
        (vec!["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "5", "--threads", "0"], "--threads 0"),
        (vec!["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "5", "--threads", "100000"], "--threads 100000: at most"),
        (vec!["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "5", "--shard", "4/3", "--out", "/tmp/x.json"], "--shard"),
        (vec!["sweep", "vivalia-2022", "--playbook", &playbook, "--vary", "cut-internet=60..15/15", "--runs", "5"], "backwards"),
        (vec!["sweep", "vivalia-2022", "--playbook", &playbook, "--vary", "cut-vpn=0..30/15", "--runs", "5"], "no decision \"cut-vpn\""),
        (vec!["sweep", "vivalia-2022", "--playbook", &playbook, "--vary", "cut-internet=0..30/0", "--runs", "5"], "step of 0"),
        (vec!["merge", "/nonexistent-shard.json"], "nonexistent-shard"),
    ] {
        let out = cli(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(stderr.contains(expected) && !stderr.contains("panicked"), "{args:?}: expected `{expected}` in:\n{stderr}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn milestone_ids_in_the_replicas_header_cannot_shift_columns_or_run_formulas() {
    let ids = vec!["=HYPERLINK(\"x\"),y".to_string(), "\t=1+1".to_string(), "plain".to_string()];
    let mut out = Vec::new();
    crisis_cell::batch::write_rows(&mut out, &[], &ids, true).expect("written");
    let header = String::from_utf8(out).expect("UTF-8");
    // Split on commas outside quotes: 13 fixed columns and one per milestone.
    let (mut fields, mut quoted, mut current) = (Vec::new(), false, String::new());
    for c in header.trim_end_matches('\n').chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    fields.push(current);
    assert_eq!(fields.len(), 13 + ids.len(), "one column per milestone: {header}");
    assert!(fields[13].starts_with("'="), "a formula is neutralised: {}", fields[13]);
    assert!(fields[14].starts_with("'\t"), "a tab before a formula is neutralised: {:?}", fields[14]);
    assert_eq!(fields[15], "plain");
}

/// A scored replica plays its counterfactuals as branches of its own night: its record must be the
/// one it has when its counterfactuals are run each on its own, from the start.
#[test]
fn a_scored_replica_is_the_same_with_its_counterfactuals_run_on_their_own() {
    use crisis_cell::batch::{BatchSpec, replica, replica_seed};
    use crisis_cell::score::Baselines;
    let scenario = crate::common::vivalia();
    let playbook = crate::common::shipped_playbook("vivalia-2022-historical", &scenario);
    let plan = crisis_cell::data::load::load_plan("belgian-hospital-cyber", &scenario).expect("built in");
    let best = crisis_cell::score::best_response::best_response(&scenario);
    let end = 72 * 60;
    let runs = 4;
    let on_their_own: Vec<_> = (0..runs).map(|i| Baselines::run(&scenario, &best, replica_seed(5, i), end).counterfactuals()).collect();
    let spec = |counterfactuals| BatchSpec {
        scenario: scenario.clone(),
        playbook: &playbook,
        plan: Some(&plan),
        runs,
        seed: 5,
        minutes: end,
        best: &best,
        counterfactuals,
    };
    let (branched, given) = (spec(None), spec(Some(&on_their_own[..])));
    for i in 0..runs {
        let record = replica(&branched, i);
        assert_eq!(record, replica(&given, i), "replica {i}: branched counterfactuals must be those run on their own");
        // Control: the record is scored, so the counterfactuals count.
        assert!(record.score_hundredths.is_some(), "replica {i} should be scored");
    }
}
