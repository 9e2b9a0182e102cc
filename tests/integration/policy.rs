//! The payload as Windows delivers it: Group Policy refreshes retried while the domain controllers
//! live, and a push aimed at some hosts only.

use std::sync::Arc;

use crisis_cell::data::Scenario;
use crisis_cell::data::load::scenario_from_text;
use crisis_cell::sim::{HostStatus, Infection, Simulation};

use crate::common::*;

/// The mini estate, pushed at minute 10, with no lateral spread (every payload comes by policy or by
/// hand) and an action that reconnects the WAN.
fn pushed_without_spread(extra_attacker: &str) -> Arc<Scenario> {
    let text = mini_text(&Mini { domain_admin_after: Some(5), push_after: 5, smb_per_hour: 0.0, ..Mini::default() })
        .replace(
            r#"(id: "cut-wan","#,
            r#"(id: "reconnect-wan", name: "Reconnect the WAN", effect: ReconnectLink("wan"), duration: Fixed(0)),
        (id: "cut-wan","#,
        )
        .replace("        targets_backups: true,", &format!("        targets_backups: true,\n{extra_attacker}"));
    Arc::new(scenario_from_text("mini.ron", &text).unwrap_or_else(|e| panic!("{e}")))
}

/// Hosts of site B that took the payload by `until`.
fn site_b_hit(scenario: &Arc<Scenario>, decisions: &[(&str, &str, u32)], seed: u64, until: u32) -> usize {
    let playbook = mini_playbook(scenario, decisions);
    let mut sim = Simulation::new(scenario.clone(), seed, Some(playbook));
    sim.run_until(until);
    hosts(&mut sim).iter().filter(|(name, s)| name.starts_with("B-WS") && s.compromised_at.is_some()).count()
}

/// The payload is on the host: staged, encrypting or encrypted.
fn took_payload(status: &HostStatus) -> bool {
    matches!(status.infection, Infection::Staged | Infection::Encrypting | Infection::Encrypted)
}

#[test]
fn a_missed_policy_refresh_is_retried_once_a_controller_can_serve() {
    // The push is aimed at workstations, so that the domain controller lives and keeps serving it.
    let scenario = pushed_without_spread("        payload_targets: (class: Workstations),");
    // Site B is cut off from its domain controller before the push; every member's first refresh
    // (within 120 minutes of the push at minute 10) finds none. The WAN comes back at minute 200.
    let cut_then_back = [("cut", "cut-wan", 0), ("back", "reconnect-wan", 200)];
    for seed in 0..4 {
        let control = site_b_hit(&scenario, &[("cut", "cut-wan", 0)], seed, 8 * 60);
        assert_eq!(control, 0, "seed {seed}: with the WAN cut for good, site B never takes the policy");
        let before = site_b_hit(&scenario, &cut_then_back, seed, 200);
        assert_eq!(before, 0, "seed {seed}: nothing reaches site B while it is cut off");
        // Within one refresh interval (90 + 30 minutes) of the reconnection, every member refreshes again.
        let after = site_b_hit(&scenario, &cut_then_back, seed, 200 + 121);
        assert_eq!(after, 60, "seed {seed}: every host of site B takes the policy at its next refresh");
    }
}

#[test]
fn a_push_aimed_at_servers_spares_the_workstations() {
    let everything = pushed_without_spread("");
    let servers_only = pushed_without_spread("        payload_targets: (class: Servers),");
    for seed in 0..4 {
        let run = |scenario: &Arc<Scenario>| {
            let mut sim = Simulation::new(scenario.clone(), seed, None);
            sim.run_until(8 * 60);
            let all = hosts(&mut sim);
            let workstations = all.iter().filter(|(n, s)| n.contains("-WS") && took_payload(s)).count();
            let servers = all.iter().filter(|(n, s)| !n.contains("-WS") && took_payload(s)).count();
            (workstations, servers)
        };
        let (ws_all, srv_all) = run(&everything);
        let (ws_aimed, srv_aimed) = run(&servers_only);
        assert!(ws_all > 100, "seed {seed}: a push to every member reaches the workstations ({ws_all})");
        assert_eq!(ws_aimed, 0, "seed {seed}: a push aimed at servers spares every workstation, footholds included");
        assert_eq!((srv_aimed, srv_all), (2, 2), "seed {seed}: both servers take the payload either way");
    }
}
