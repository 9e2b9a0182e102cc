//! Network decisions hold back the attack: cut links, isolated segments, hosts and controllers shut down.

use crisis_cell::sim::{Infection, Simulation};

use crate::common::*;

#[test]
fn a_cut_link_stops_spread_across_it() {
    let scenario = mini(&Mini { cross_site_smb: true, ..Mini::default() });
    let cut = mini_playbook(&scenario, &[("cut", "cut-wan", 0)]);
    let mut reached_b_without_cut = 0;
    for seed in 0..6 {
        let mut sim = Simulation::new(scenario.clone(), seed, Some(cut.clone()));
        sim.run_until(8 * 60);
        let b_hit = hosts(&mut sim).iter().filter(|(name, s)| name.starts_with("B-") && touched(s)).count();
        assert_eq!(b_hit, 0, "seed {seed}: with the WAN cut at minute 0, no host at site B may be compromised");

        let mut open = Simulation::new(scenario.clone(), seed, None);
        open.run_until(8 * 60);
        reached_b_without_cut += hosts(&mut open).iter().filter(|(name, s)| name.starts_with("B-") && touched(s)).count();
    }
    assert!(reached_b_without_cut > 0, "without the cut the spread should reach site B, or this test proves nothing");
}

#[test]
fn a_powered_off_host_is_never_encrypted() {
    let scenario = mini(&Mini { domain_admin_after: Some(5), push_after: 5, ..Mini::default() });
    let playbook = mini_playbook(&scenario, &[("off", "off-ehr", 0)]);
    let mut others_encrypted = 0;
    for seed in 0..6 {
        let mut sim = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
        // The decision is taken at minute 0 and acts the minute after the alert.
        sim.step();
        sim.step();
        for _ in 0..(12 * 60) {
            sim.step();
            let ehr = hosts(&mut sim).into_iter().find(|(name, _)| name == "EHR01").unwrap().1;
            assert!(!ehr.powered, "the EHR server was shut down and nothing starts it again");
            assert!(
                !matches!(ehr.infection, Infection::Encrypting | Infection::Encrypted),
                "seed {seed}, minute {}: a powered-off host must never be encrypted",
                sim.minute()
            );
        }
        others_encrypted += hosts(&mut sim).iter().filter(|(_, s)| s.infection == Infection::Encrypted).count();
    }
    assert!(others_encrypted > 0, "the payload should encrypt the running hosts, or this test proves nothing");
}

#[test]
fn a_segment_isolated_while_clean_stays_clean() {
    let scenario = mini(&Mini { domain_admin_after: Some(30), push_after: 10, ..Mini::default() });
    let playbook = mini_playbook(&scenario, &[("isolate", "isolate-b", 0)]);
    let mut b_hit_without = 0;
    for seed in 0..6 {
        let mut sim = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
        sim.run_until(12 * 60);
        let b_hit = hosts(&mut sim).iter().filter(|(name, s)| name.starts_with("B-") && touched(s)).count();
        assert_eq!(b_hit, 0, "seed {seed}: a segment isolated while clean must stay clean, by spread and by Group Policy");

        let mut open = Simulation::new(scenario.clone(), seed, None);
        open.run_until(12 * 60);
        b_hit_without += hosts(&mut open).iter().filter(|(name, s)| name.starts_with("B-") && touched(s)).count();
    }
    assert!(b_hit_without > 0, "without isolation site B is hit, or this test proves nothing");
}

#[test]
fn deployment_stops_when_the_domain_controllers_are_down() {
    // No lateral spread: every payload comes by Group Policy.
    let scenario = mini(&Mini { domain_admin_after: Some(5), push_after: 5, smb_per_hour: 0.0, ..Mini::default() });
    let shutdown_at = 40;
    let playbook = mini_playbook(&scenario, &[("dc-off", "off-dc", shutdown_at)]);
    let mut staged_with_dc_down = 0;
    let mut staged_with_dc_up = 0;
    for seed in 0..6 {
        let mut sim = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
        sim.run_until(10 * 60);
        for (name, status) in hosts(&mut sim) {
            if let Some(at) = status.compromised_at {
                assert!(
                    at <= shutdown_at,
                    "seed {seed}: {name} took the payload at minute {at}, after the domain controller went down at {shutdown_at}"
                );
                staged_with_dc_down += 1;
            }
        }
        let mut open = Simulation::new(scenario.clone(), seed, None);
        open.run_until(10 * 60);
        staged_with_dc_up += hosts(&mut open).iter().filter(|(_, s)| s.compromised_at.is_some()).count();
    }
    assert!(
        staged_with_dc_down * 2 < staged_with_dc_up,
        "shutting the controller down early should spare most hosts: {staged_with_dc_down} hit with it down, {staged_with_dc_up} with it up"
    );
}

#[test]
fn exfiltration_stops_when_the_internet_link_is_cut() {
    let vivalia = alerted_at_start(&vivalia());
    let text = r#"Playbook(format: 1, name: "cut at once", scenario: "vivalia-2022", decisions: [
        (id: "cut", action: "cut-internet", at: Elapsed(0)),
    ])"#;
    let cut = crisis_cell::data::load::playbook_from_text("cut.ron", text, &vivalia).unwrap();
    let with_cut = crisis_cell::run::run_replica(vivalia.clone(), Some(&cut), 3, 12 * 60);
    let without = crisis_cell::run::run_replica(vivalia.clone(), None, 3, 12 * 60);
    let already = vivalia.attacker.exfiltration.already_gb;
    // The on-call engineer is paged at the alert and is there within 20 minutes; the cut takes at most
    // 15 more: at 32 GB an hour, no more than 37 minutes' worth leaves.
    assert!(
        with_cut.attack.exfiltrated_gb <= already + 32.0 * 37.0 / 60.0 + 0.1,
        "the cut lands within 37 minutes: {} GB",
        with_cut.attack.exfiltrated_gb
    );
    assert!(
        without.attack.exfiltrated_gb > with_cut.attack.exfiltrated_gb + 50.0,
        "without the cut exfiltration goes on: {} GB",
        without.attack.exfiltrated_gb
    );
}
