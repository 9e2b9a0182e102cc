//! Containment and the people who carry it out: teams that grow as people come, and the levers an IT
//! team really has, each held with a control run.

use std::sync::Arc;

use crisis_cell::data::Scenario;
use crisis_cell::data::load::scenario_from_text;
use crisis_cell::sim::event::Event;
use crisis_cell::sim::{Simulation, Timeline};

use crate::common::*;

/// The mini estate with technicians (`shifts` is the RON list of their shifts) who shut every
/// workstation down, ten minutes a machine, a team of up to `team`.
fn with_technicians(shifts: &str, team: u32) -> Arc<Scenario> {
    let text = mini_text(&Mini::default())
        .replace(
            r#"(id: "off-dc", name: "Shut the domain controller down","#,
            &format!(
                r#"(id: "off-ws", name: "Shut the workstations down", effect: PowerOff((class: Workstations)), duration: Fixed(0), per_host_minutes: 10, team: {team}, role: "tech"),
        (id: "off-dc", name: "Shut the domain controller down","#
            ),
        )
        .replace("duration: Fixed(0)),", r#"duration: Fixed(0), role: "tech"),"#)
        .replace("    actions: [", &format!("    roles: [(id: \"tech\", name: \"Technicians\", on_site: [{shifts}])],\n    actions: ["));
    Arc::new(scenario_from_text("mini.ron", &text).unwrap_or_else(|e| panic!("{e}")))
}

fn shutdown_done(scenario: Arc<Scenario>) -> (u32, Timeline) {
    let playbook = mini_playbook(&scenario, &[("off", "off-ws", 0)]);
    let mut sim = Simulation::new(scenario, 1, Some(playbook));
    sim.run_until(30 * 60);
    let result = crisis_cell::run::summarise(&sim, None, 1, crisis_cell::i18n::Language::English);
    let done = result.decisions.iter().find(|d| d.id == "off").unwrap().done_minute.expect("the shutdown finishes");
    (done, sim.world().resource::<Timeline>().clone())
}

#[test]
fn a_team_grows_when_a_second_person_arrives() {
    let night = r#"(from: "00:00", to: "00:00", people: 1)"#;
    let second = r#", (from: "01:20", to: "12:00", people: 1)"#;
    // Control: one technician all night does 120 machines at 10 minutes each, from minute 1.
    let (alone, _) = shutdown_done(with_technicians(night, 2));
    assert_eq!(alone, 1201);
    // A second technician comes on shift at 01:20 (minute 20) and joins the work under way.
    let (joined, timeline) = shutdown_done(with_technicians(&format!("{night}{second}"), 2));
    let grew: Vec<_> = timeline.entries.iter().filter(|e| matches!(e.event, Event::TeamGrew { .. })).collect();
    assert_eq!(grew.len(), 1, "one person joined");
    assert_eq!(grew[0].minute, 20, "the second technician joined when the shift began");
    let Event::TeamGrew { joined: count, team, .. } = &grew[0].event else { unreachable!() };
    assert_eq!((*count, team.size), (1, 2));
    // Two machines done alone, then two at a time: about half the time.
    assert!(joined <= 20 + (1201 - 20) / 2 + 10, "the work ends at {joined}, not much after half of {alone}");
    // A team of one never takes on the second person: the action asks for one.
    let (capped, _) = shutdown_done(with_technicians(&format!("{night}{second}"), 1));
    assert_eq!(capped, alone);
}

/// The mini estate with levers: switch ports for site B's workstations (20 minutes), a hypervisor that
/// runs the EHR server, an EDR console, and EDR agents on site B's workstations.
fn with_levers() -> Arc<Scenario> {
    let text = mini_text(&Mini { smb_per_hour: 6.0, ..Mini::default() })
        .replace(
            r#"(name: "EHR01", segment: "a-servers", role: Ehr, os: WindowsServer, domain_joined: true),"#,
            r#"(name: "EHR01", segment: "a-servers", role: Ehr, os: WindowsServer, domain_joined: true, runs_on: ["HV01"]),
        (name: "HV01", segment: "a-servers", role: Hypervisor, os: Linux, domain_joined: false),
        (name: "EDR01", segment: "a-servers", role: ApplicationServer, os: Linux, domain_joined: false),"#,
        )
        .replace(r#"(id: "b-ws", segment: "b-ws", count: 60, role: Workstation, os: WindowsClient, domain_joined: true,"#,
            r#"(id: "b-ws", segment: "b-ws", count: 60, role: Workstation, os: WindowsClient, domain_joined: true, edr: true,"#)
        .replace(
            r#"(id: "cut-wan","#,
            r#"(id: "ports-b", name: "Shut site B's workstation switch ports", effect: ShutSwitchPorts(Segment("b-ws")), duration: Fixed(20)),
        (id: "ports-a", name: "Shut site A's workstation switch ports", effect: ShutSwitchPorts(Segment("a-ws")), duration: Fixed(0)),
        (id: "on-servers", name: "Start every server", effect: PowerOn((class: Servers)), duration: Fixed(0)),
        (id: "off-hv", name: "Stop the hypervisor", effect: PowerOff((name: "HV01")), duration: Fixed(0)),
        (id: "on-hv", name: "Start the hypervisor", effect: PowerOn((name: "HV01")), duration: Fixed(0)),
        (id: "on-ehr", name: "Start the EHR server", effect: PowerOn((name: "EHR01")), duration: Fixed(0)),
        (id: "off-edr-console", name: "Stop the EDR console", effect: PowerOff((name: "EDR01")), duration: Fixed(0)),
        (id: "contain-b", name: "EDR: contain site B", effect: EdrContain((site: "b")), duration: Fixed(2), per_host_minutes: 0.05, parallel: 60, requires: [ServerRunning("EDR01")]),
        (id: "contain-servers", name: "EDR: contain the servers", effect: EdrContain((class: Servers)), duration: Fixed(2), per_host_minutes: 0.05, parallel: 60, requires: [ServerRunning("EDR01")]),
        (id: "cut-wan","#,
        );
    Arc::new(scenario_from_text("mini.ron", &text).unwrap_or_else(|e| panic!("{e}")))
}

/// Site B's hosts, by name, after a run of `decisions` to `until`.
fn run_levers(decisions: &[(&str, &str, u32)], seed: u64, until: u32) -> Vec<(String, crisis_cell::sim::HostStatus)> {
    let scenario = with_levers();
    let playbook = mini_playbook(&scenario, decisions);
    let mut sim = Simulation::new(scenario, seed, Some(playbook));
    sim.run_until(until);
    hosts(&mut sim)
}

#[test]
fn shut_switch_ports_stop_spread_into_and_within_a_segment_once_they_land() {
    let mut control_late = 0;
    for seed in 0..6 {
        // Decided at minute 0, started at 1 (after the start's alert), shut at 21.
        let shut = run_levers(&[("ports", "ports-b", 0)], seed, 8 * 60);
        for (name, status) in shut.iter().filter(|(n, _)| n.starts_with("B-WS")) {
            assert!(status.compromised_at.is_none_or(|m| m <= 21), "seed {seed}: {name} taken at {:?}", status.compromised_at);
        }
        let open = run_levers(&[], seed, 8 * 60);
        control_late += open.iter().filter(|(n, s)| n.starts_with("B-WS") && s.compromised_at.is_some_and(|m| m > 21)).count();
    }
    assert!(control_late > 100, "without the cut, site B keeps being taken after minute 21 ({control_late} hosts over 6 seeds)");
}

#[test]
fn stopping_a_hypervisor_takes_its_guests_down_and_they_start_only_with_it() {
    let powered = |hosts: &[(String, crisis_cell::sim::HostStatus)], name: &str| hosts.iter().find(|(n, _)| n == name).unwrap().1.powered;
    let stopped = run_levers(&[("hv", "off-hv", 0)], 1, 30);
    assert!(!powered(&stopped, "HV01") && !powered(&stopped, "EHR01"), "the guest went down with its hypervisor");
    assert!(powered(&stopped, "DC01"), "a host on no hypervisor stays up");
    // Control: stopping another host leaves the guest running.
    let control = run_levers(&[("edr", "off-edr-console", 0)], 1, 30);
    assert!(powered(&control, "EHR01"));
    // The guest does not start while its hypervisor is down, and does once it is up.
    let without = run_levers(&[("hv", "off-hv", 0), ("ehr", "on-ehr", 10)], 1, 30);
    assert!(!powered(&without, "EHR01"), "a guest cannot start without its hypervisor");
    let with = run_levers(&[("hv", "off-hv", 0), ("hv-on", "on-hv", 10), ("ehr", "on-ehr", 15)], 1, 30);
    assert!(powered(&with, "EHR01"), "a guest starts once its hypervisor runs");
    // Starting every server starts the hypervisor before its guest.
    let all = run_levers(&[("hv", "off-hv", 0), ("all", "on-servers", 10)], 1, 30);
    assert!(powered(&all, "HV01") && powered(&all, "EHR01"), "one start of every server brings the guest back");
}

#[test]
fn edr_contain_needs_its_console_and_cuts_the_hosts_off() {
    let contained = |hosts: &[(String, crisis_cell::sim::HostStatus)]| hosts.iter().filter(|(_, s)| s.contained).count();
    for seed in 0..4 {
        let with_console = run_levers(&[("contain", "contain-b", 0)], seed, 8 * 60);
        let reporting =
            with_console.iter().filter(|(n, s)| n.starts_with("B-WS") && s.infection != crisis_cell::sim::Infection::Encrypted).count();
        assert!(
            contained(&with_console) >= 50 && contained(&with_console) <= reporting,
            "seed {seed}: the hosts that still report are contained"
        );
        // Contained from minute 4 at the latest, no host of site B is taken after that.
        for (name, status) in with_console.iter().filter(|(n, s)| n.starts_with("B-WS") && s.contained) {
            assert!(status.compromised_at.is_none_or(|m| m <= 4), "seed {seed}: contained {name} taken at {:?}", status.compromised_at);
        }
        // Control: with the console stopped first, the containment waits and contains nothing.
        let without_console = run_levers(&[("console", "off-edr-console", 0), ("contain", "contain-b", 5)], seed, 8 * 60);
        assert_eq!(contained(&without_console), 0, "seed {seed}: no console, no containment");
    }
}

#[test]
fn edr_contain_keeps_to_the_filter_it_is_given() {
    let contained = |hosts: &[(String, crisis_cell::sim::HostStatus)]| hosts.iter().filter(|(_, s)| s.contained).count();
    // Only site B's workstations have an agent: containing "the servers" contains nothing.
    let servers = run_levers(&[("contain", "contain-servers", 0)], 1, 60);
    assert_eq!(contained(&servers), 0, "no server has an agent, and no workstation is a server");
    // Control: the same console contains site B's workstations when asked for them.
    let site_b = run_levers(&[("contain", "contain-b", 0)], 1, 60);
    assert!(contained(&site_b) >= 50);
}

#[test]
fn containing_later_never_saves_more_hosts() {
    let scenario = crate::common::vivalia();
    let shipped = shipped_playbook("vivalia-2022-contain-all", &scenario);
    let at = |delay: u32| {
        let mut playbook = shipped.clone();
        let lead = playbook.decisions.iter_mut().find(|d| d.id == "contain").expect("the lead decision");
        lead.at = crisis_cell::data::playbook::When::After { event: crisis_cell::data::playbook::EventRef::Confirmed, minutes: delay };
        const SEEDS: u64 = 20;
        let total: f64 = (0..SEEDS)
            .map(|seed| {
                let run = crisis_cell::run::run_replica(scenario.clone(), Some(&playbook), seed, 24 * 60);
                run.hosts.encrypted_ever - run.detection.encrypted_at_confirmation.expect("confirmed")
            })
            .sum();
        total / SEEDS as f64
    };
    let after: Vec<f64> = [0, 30, 120, 240].into_iter().map(at).collect();
    for pair in after.windows(2) {
        assert!(pair[1] + 0.5 >= pair[0], "hosts encrypted after the confirmation must not fall as containment comes later: {after:?}");
    }
    assert!(after[3] > after[0] + 50.0, "control: four hours later costs hosts: {after:?}");
}

#[test]
fn footholds_behind_shut_ports_take_no_more_data() {
    let scenario = with_levers();
    let exfiltrated = |decisions: &[(&str, &str, u32)]| {
        let playbook = mini_playbook(&scenario, decisions);
        crisis_cell::run::run_replica(scenario.clone(), Some(&playbook), 1, 6 * 60).attack.exfiltrated_during_gb
    };
    // The footholds are on site A's workstations; shutting their ports at minute 1 cuts them off.
    let shut = exfiltrated(&[("ports", "ports-a", 0)]);
    let open = exfiltrated(&[]);
    assert!(shut < 1.0, "data stops leaving once the footholds' ports are shut: {shut} GB");
    assert!(open > 10.0 * shut.max(0.1), "control: with the ports open data keeps leaving: {open} GB");
}
