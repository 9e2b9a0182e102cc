//! The same scenario, seed and playbook give the same result bit for bit; seeds matter; threads do not.

use crisis_cell::run::run_replica;

use crate::common::*;

fn json(seed: u64) -> String {
    let scenario = vivalia();
    let playbook = shipped_playbook("vivalia-2022-historical", &scenario);
    serde_json::to_string(&run_replica(scenario, Some(&playbook), seed, 24 * 60)).unwrap()
}

#[test]
fn same_seed_same_bytes_and_seeds_differ() {
    let a = json(42);
    let b = json(42);
    assert_eq!(a, b, "two runs with the same seed must give byte-identical results");
    let c = json(43);
    assert_ne!(a, c, "another seed must give another outcome");
}

#[test]
fn thread_count_changes_nothing() {
    let sequential: Vec<String> = (0..4).map(json).collect();
    let parallel: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4).map(|seed| scope.spawn(move || json(seed))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(sequential, parallel, "replicas run on several threads must match replicas run one after the other");
}

#[test]
fn run_json_is_byte_identical_from_the_command_line() {
    let run = || {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_crisis-cell"))
            .args(["run", "vivalia-2022", "--seed", "7", "--until", "12h", "--json", "--playbook"])
            .arg(format!("{}/scenarios/playbooks/vivalia-2022-historical.ron", env!("CARGO_MANIFEST_DIR")))
            .output()
            .expect("the binary runs");
        assert!(output.status.success(), "run failed: {}", String::from_utf8_lossy(&output.stderr));
        output.stdout
    };
    let first = run();
    assert_eq!(first, run(), "`run --json` must print the same bytes twice");
    let value: serde_json::Value = serde_json::from_slice(&first).expect("one JSON document on standard output");
    for field in ["seed", "minutes", "hosts", "timeline"] {
        assert!(value.get(field).is_some(), "`run --json` must have the documented field `{field}`");
    }
    for field in ["total", "compromised", "encrypted", "powered_off", "clean"] {
        assert!(value["hosts"].get(field).is_some(), "`run --json` must have `hosts.{field}`");
    }
    let row = &value["timeline"][0];
    for field in ["minute", "at", "kind", "id", "text"] {
        assert!(row.get(field).is_some(), "timeline rows must have `{field}`");
    }
    assert_eq!(value["minutes"], 12 * 60);
}

#[test]
fn passing_over_quiet_minutes_changes_nothing() {
    use crisis_cell::run::summarise;
    use crisis_cell::sim::Simulation;
    let scenario = vivalia();
    // The best response holds decisions waiting for people while hosts come back one by one, and
    // containing everything at once lands many hosts together: the cases a skip could mistake.
    let mut playbooks: Vec<(&str, _)> = ["vivalia-2022-historical", "no-response", "plan-deadlines", "vivalia-2022-contain-all"]
        .map(|n| (n, shipped_playbook(n, &scenario)))
        .into();
    playbooks.push(("best-response", crisis_cell::score::best_response::best_response(&scenario)));
    for (name, playbook) in playbooks {
        for seed in 0..3 {
            let mut skipping = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
            skipping.run_until(72 * 60);
            let mut every = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
            every.run_every_tick_until(72 * 60);
            let a = serde_json::to_string(&summarise(&skipping, None, seed, crisis_cell::i18n::Language::English)).unwrap();
            let b = serde_json::to_string(&summarise(&every, None, seed, crisis_cell::i18n::Language::English)).unwrap();
            assert_eq!(a, b, "{name}, seed {seed}: passing over quiet minutes must give the same result as running every tick");
        }
    }
}
