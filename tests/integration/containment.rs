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
