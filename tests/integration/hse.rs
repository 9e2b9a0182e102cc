//! The second shipped scenario, the HSE Ireland attack of May 2021: every shipped file is valid, the
//! historical playbook reproduces the night the sources tell (first hospital reports about 02:50,
//! encryption found at 04:36, about 80% of the estate encrypted), and the plan's ranking holds on an
//! estate forty times Vivalia's.

use crate::common::cli;

fn run(playbook: &str, seed: u64) -> serde_json::Value {
    let seed = seed.to_string();
    let output = cli(&["run", "hse-2021", "--playbook", playbook, "--seed", &seed, "--json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn every_shipped_file_is_valid() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files = Vec::new();
    for folder in [root.clone(), root.join("plans"), root.join("playbooks")] {
        for entry in std::fs::read_dir(&folder).expect("the scenarios folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "ron") {
                files.push(path.display().to_string());
            }
        }
    }
    assert!(files.len() >= 8, "three scenarios' worth of files: {files:?}");
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let output = cli(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_historical_night_of_the_hse_is_reproduced() {
    for seed in [1, 2, 3] {
        let json = run("hse-2021-historical", seed);
        assert_eq!(json["hosts"]["total"], 74_891, "4,891 servers and 70,000 devices");
        assert_eq!(json["hosts"]["servers"], 4_891);
        // The scenario starts at 01:00, when the payload ran.
        let first_alert = json["detection"]["first_alert_minute"].as_u64().expect("an alert");
        let confirmed = json["detection"]["confirmed_minute"].as_u64().expect("a confirmation");
        assert!((80..=150).contains(&first_alert), "first reports about 02:50 (minute 110), found minute {first_alert}");
        assert!((170..=270).contains(&confirmed), "encryption found about 04:36 (minute 216), found minute {confirmed}");
        let encrypted = json["hosts"]["encrypted"].as_f64().unwrap_or(0.0) / 74_891.0;
        assert!((0.7..=0.9).contains(&encrypted), "about 80% of the estate encrypted, found {:.1}%", encrypted * 100.0);
        assert!(json["milestones"].as_array().is_some_and(|m| m.len() >= 10), "scored against the Irish plan");
    }
}

#[test]
fn on_the_hse_estate_the_best_response_scores_above_history_and_history_above_no_response() {
    let mean = |playbook: &str| (1..=3).map(|seed| run(playbook, seed)["score"]["total"].as_f64().expect("a score")).sum::<f64>() / 3.0;
    let (best, historical, none) = (mean("best-response"), mean("hse-2021-historical"), mean("no-response"));
    assert!(best > historical, "the best response {best:.1} above the historical night {historical:.1}");
    assert!(historical > none, "the historical night {historical:.1} above no response {none:.1}");
}
