//! Averaged over seeds, the response shapes the outcome in the order a crisis cell would expect.

use crisis_cell::data::load::playbook_from_text;
use crisis_cell::run::run_replica;

use crate::common::*;

#[test]
fn no_response_is_worse_than_history_which_is_worse_than_containing_at_the_first_alert() {
    let scenario = vivalia();
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    let none = shipped_playbook("no-response", &scenario);
    let early = playbook_from_text(
        "early.ron",
        r#"Playbook(format: 1, name: "contain at first alert", scenario: "vivalia-2022", decisions: [
            (id: "cut-internet", action: "cut-internet", at: After(event: FirstAlert, minutes: 0)),
            (id: "servers-off", action: "shutdown-servers", at: After(event: FirstAlert, minutes: 0)),
        ])"#,
        &scenario,
    )
    .unwrap();
    let seeds = 12;
    let mean = |playbook| -> f64 {
        (0..seeds).map(|seed| f64::from(run_replica(scenario.clone(), Some(playbook), seed, 72 * 60).hosts.encrypted)).sum::<f64>()
            / seeds as f64
    };
    let (none, historical, early) = (mean(&none), mean(&historical), mean(&early));
    assert!(none > historical, "no response ({none:.0} hosts encrypted) must be worse than the historical playbook ({historical:.0})");
    assert!(historical > early, "the historical playbook ({historical:.0}) must be worse than containing at the first alert ({early:.0})");
}

#[test]
fn the_first_alert_comes_around_03_29_in_a_typical_run() {
    let scenario = vivalia();
    let mut minutes: Vec<u32> =
        (0..40).filter_map(|seed| run_replica(scenario.clone(), None, seed, 6 * 60).detection.first_alert_minute).collect();
    assert_eq!(minutes.len(), 40, "every run of Vivalia raises an alert within six hours");
    minutes.sort_unstable();
    let median = minutes[minutes.len() / 2];
    // 01:30 + 119 minutes = 03:29; a typical run lands within half an hour of it.
    assert!((89..=149).contains(&median), "median first alert at minute {median}, expected about 119 (03:29)");
}
