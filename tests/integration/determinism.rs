//! The same scenario, seed and playbook give the same result bit for bit; seeds matter; threads do not.

use std::sync::Arc;

use crisis_cell::data::playbook::Playbook;
use crisis_cell::data::scenario::Scenario;
use crisis_cell::i18n::Language;
use crisis_cell::run::{run_replica, summarise};
use crisis_cell::sim::Simulation;

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

/// Runs a night twice, passing over quiet minutes and running every tick; asserts they end the same and
/// returns the run of every tick.
fn skipping_matches_every_tick(scenario: &Arc<Scenario>, playbook: &Playbook, seed: u64, name: &str) -> Simulation {
    let mut skipping = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
    skipping.run_until(72 * 60);
    let mut every = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
    every.run_every_tick_until(72 * 60);
    let told = |sim: &Simulation| serde_json::to_string(&summarise(sim, None, seed, Language::English)).unwrap();
    assert_eq!(
        told(&skipping),
        told(&every),
        "{name}, seed {seed}: passing over quiet minutes must give the same result as running every tick"
    );
    every
}

#[test]
fn passing_over_quiet_minutes_changes_nothing() {
    let scenario = vivalia();
    // The best response holds decisions waiting for people while hosts come back one by one, and
    // containing everything at once lands many hosts together: the cases a skip could mistake.
    let mut playbooks: Vec<(&str, _)> = ["vivalia-2022-historical", "no-response", "plan-deadlines", "vivalia-2022-contain-all"]
        .map(|n| (n, shipped_playbook(n, &scenario)))
        .into();
    playbooks.push(("best-response", crisis_cell::score::best_response::best_response(&scenario)));
    for (name, playbook) in playbooks {
        for seed in 0..3 {
            skipping_matches_every_tick(&scenario, &playbook, seed, name);
        }
    }
}

/// The EHR's restore made to need the laboratory server running, which the laboratory's own restore
/// takes down and brings back: a decision waiting on a host that can be lost again.
#[test]
fn passing_over_quiet_minutes_changes_nothing_when_a_decision_needs_a_host_a_restore_takes_down() {
    use crisis_cell::sim::Timeline;
    use crisis_cell::sim::event::{Event, Wait};
    let text = std::fs::read_to_string(format!("{}/scenarios/vivalia-2022.ron", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let anchor = r#"per_host_minutes: 600, requires: [Done("restore-domain-controllers")]),"#;
    assert!(text.contains(anchor), "the EHR's restore as shipped");
    let needing =
        text.replacen(anchor, r#"per_host_minutes: 600, requires: [Done("restore-domain-controllers"), ServerRunning("VIV-LAB01")]),"#, 1);
    let scenario = Arc::new(crisis_cell::data::load::scenario_from_text("needs-lab.ron", &needing).expect("valid"));
    // The best response decides every restore at once: the EHR's waits on the laboratory server.
    let playbook = crisis_cell::score::best_response::best_response(&scenario);
    let mut waited_for_the_server = false;
    for seed in 0..3 {
        let every = skipping_matches_every_tick(&scenario, &playbook, seed, "the EHR's restore needing the laboratory");
        let entries = &every.world().resource::<Timeline>().entries;
        waited_for_the_server |=
            entries.iter().any(|e| matches!(&e.event, Event::Waiting { reason: Wait::ServerRunning(name), .. } if name == "VIV-LAB01"));
    }
    // Control: the case is met, not passed by.
    assert!(waited_for_the_server, "the EHR's restore should wait for the laboratory server on some seed");
}

/// Plays `playbooks` on one seed as branches of one night and each on its own; asserts every branch
/// ends as its own run did, to the last line and sample. The branches' worlds are kept for the next
/// call on this thread, which plays on them. Returns the minute the night branched at.
fn branches_match_runs_of_their_own(scenario: &Arc<Scenario>, playbooks: &[Option<&Playbook>], seed: u64, name: &str) -> u32 {
    use crisis_cell::sim::pool;
    let end = scenario.meta.duration_hours * 60;
    let kept = pool::kept();
    let mut branches = crisis_cell::sim::fork::branches(scenario.clone(), seed, end, playbooks);
    // Control: the worlds kept from the last call, if any, were played on, not passed by.
    assert!(kept == 0 || pool::kept() < kept, "{name}, seed {seed}: the kept worlds should be played on");
    let branched_at = branches[0].minute();
    for (branch, playbook) in branches.iter_mut().zip(playbooks) {
        branch.run_until(end);
        let own = run_replica(scenario.clone(), *playbook, seed, end);
        let label = playbook.map_or("no response", |p| p.name.as_str());
        assert_eq!(
            summarise(branch, playbook.map(|p| p.name.clone()), seed, Language::English),
            own,
            "{name}, seed {seed}: the branch playing {label} must end as its own run does"
        );
    }
    for branch in branches {
        pool::give_back(branch);
    }
    branched_at
}

#[test]
fn a_night_played_as_branches_ends_as_each_run_of_its_own() {
    use crisis_cell::data::playbook::When;
    let scenario = vivalia();
    let best = crisis_cell::score::best_response::best_response(&scenario);
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    // A decision timed from the start, before anything is visible: the night branches when it is issued.
    let mut early = historical.clone();
    early.decisions[0].at = When::Elapsed(0);
    let mut shared_before_the_alert = false;
    for seed in 0..4 {
        // After the first night, every night here plays on worlds kept from the night before.
        for name in ["vivalia-2022-historical", "vivalia-2022-contain-all", "plan-deadlines"] {
            let playbook = shipped_playbook(name, &scenario);
            let at = branches_match_runs_of_their_own(&scenario, &[Some(&playbook), None, Some(&best)], seed, name);
            shared_before_the_alert |= at > 0;
        }
        let at = branches_match_runs_of_their_own(&scenario, &[Some(&early), None, Some(&best)], seed, "a decision at the start");
        assert_eq!(at, 0, "seed {seed}: a decision issued at the start branches the night there");
    }
    // Control: the night was shared for a while, so the branches did not merely each run from the start.
    assert!(shared_before_the_alert, "the playbooks that wait for the first alert should share the night up to it");
    let hse = Arc::new(crisis_cell::data::load::load_scenario("hse-2021").expect("built in").scenario);
    let hse_historical = shipped_playbook("hse-2021-historical", &hse);
    let hse_best = crisis_cell::score::best_response::best_response(&hse);
    branches_match_runs_of_their_own(&hse, &[Some(&hse_historical), None, Some(&hse_best)], 1, "hse-2021-historical");
}

#[test]
fn a_branch_takes_every_resource_of_the_night() {
    let scenario = vivalia();
    let sim = Simulation::new(scenario, 1, None);
    assert_eq!(
        sim.world().iter_resources().count(),
        crisis_cell::sim::fork::RESOURCES,
        "a resource was added to or taken from the simulation: say in `sim::fork` whether a branch copies it (a message is named once, in `sim_messages!`)"
    );
    // Every world spawns its hosts alike: a branch's host entities are its trunk's (statuses are
    // copied by host index all the same).
    let entities = |sim: &Simulation| sim.world().resource::<crisis_cell::sim::Estate>().entities.clone();
    let branches =
        crisis_cell::sim::fork::branches(vivalia(), 2, 72 * 60, &[None, Some(&shipped_playbook("vivalia-2022-historical", &vivalia()))]);
    assert_eq!(entities(&branches[0]), entities(&branches[1]), "a branch's hosts must be its trunk's entities");
}

/// A host change the attack writes after it looked in a tick is read in the next: a branch taken
/// between the two must read it too, as its trunk does.
#[test]
fn a_branch_reads_the_host_changes_its_trunk_had_still_to_read() {
    use bevy::prelude::Messages;
    use crisis_cell::data::playbook::When;
    use crisis_cell::sim::HostChange;
    use crisis_cell::sim::attack::BootWatch;
    let scenario = vivalia();
    let mut playbook = shipped_playbook("vivalia-2022-historical", &scenario);
    let unread = |sim: &Simulation| sim.world().resource::<BootWatch>().unread(sim.world().resource::<Messages<HostChange>>());
    let mut some_were_unread = false;
    for minute in (30..=240).step_by(15) {
        playbook.decisions[0].at = When::Elapsed(minute);
        let branches = crisis_cell::sim::fork::branches(scenario.clone(), 3, 72 * 60, &[Some(&playbook), None]);
        let (branch, trunk) = (&branches[0], &branches[1]);
        // Another decision may fall due first, after an alert.
        assert!(branch.minute() <= minute, "the night branches when the first decision is issued");
        assert_eq!(unread(branch), unread(trunk), "branched at minute {minute}: the branch must read what its trunk has still to read");
        some_were_unread |= !unread(trunk).is_empty();
        let mut branches = branches;
        branches[0].run_until(72 * 60);
        let own = run_replica(scenario.clone(), Some(&playbook), 3, 72 * 60);
        let told = summarise(&branches[0], Some(playbook.name.clone()), 3, Language::English);
        assert!(told == own, "branched at minute {minute}: the branch must end as its own run does");
    }
    // Control: the case is met, not passed by.
    assert!(some_were_unread, "the attack should have written changes after it looked at some branching minute");
}

#[test]
fn a_replica_played_on_a_kept_world_ends_as_on_a_new_one() {
    use crisis_cell::run::{run_replica_numbers, simulate, summarise_numbers};
    use crisis_cell::sim::pool;
    let scenario = vivalia();
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    let end = 72 * 60;
    for seed in 0..3 {
        for playbook in [Some(&historical), None] {
            let kept = pool::kept();
            let on_kept = run_replica_numbers(scenario.clone(), playbook, seed, end);
            let name = playbook.map(|p| p.name.clone());
            let on_new = summarise_numbers(&simulate(scenario.clone(), playbook, seed, end, &[]), name.clone(), seed);
            assert!(on_kept == on_new, "seed {seed}, {name:?}: a replica on a kept world must end as on a new one");
            // Control: after the first replica, each plays on the world the one before left.
            assert!(seed == 0 && playbook.is_some() || kept > 0, "seed {seed}: a world should have been kept");
        }
    }
}
