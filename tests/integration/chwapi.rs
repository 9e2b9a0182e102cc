//! A CHwapi-like night (Tournai, January 2021) can be said in the scenario format: servers encrypted and
//! workstations spared, every server unplugged within minutes, the emergency department closed and
//! reopened, about a hundred operations cancelled, and a plan that names two milestones for one action.

use std::sync::Arc;

use crisis_cell::data::load::{plan_from_text, playbook_from_text};
use crisis_cell::data::scenario::{HostClass, HostFilter};
use crisis_cell::run::run_replica;
use crisis_cell::score::{MilestoneStatus, milestones};

use crate::common::vivalia;

#[test]
fn a_chwapi_like_night_is_expressible_and_scored() {
    // Vivalia's two campuses and more, with an attacker who encrypts the servers only (the attackers
    // said they BitLocker-encrypted 40 servers; no source says a workstation was hit).
    let mut scenario = (*vivalia()).clone();
    scenario.attacker.payload_targets = HostFilter { class: Some(HostClass::Servers), ..HostFilter::default() };
    let scenario = Arc::new(scenario);
    let playbook = playbook_from_text(
        "chwapi-like.ron",
        r#"Playbook(format: 1, name: "Unplug everything", scenario: "vivalia-2022", decisions: [
            (id: "unplug", action: "stop-hypervisors", at: After(event: Confirmed, minutes: 0)),
            (id: "servers", action: "shutdown-servers", at: After(event: Confirmed, minutes: 0)),
            (id: "close-ed", action: "close-emergency-departments", at: After(event: Confirmed, minutes: 30)),
            (id: "operations", action: "cancel-operations", at: After(event: Confirmed, minutes: 30)),
            (id: "reopen-ed", action: "reopen-emergency-departments", at: After(event: Confirmed, minutes: 1440)),
        ])"#,
        &scenario,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The hospital's plan: its parts name the same decision twice.
    let plan = plan_from_text(
        "chwapi-plan.ron",
        r#"Plan(format: 2, id: "chwapi-like", name: "Technical plan of the emergency plan", milestones: [
            (id: "servers-unplugged", name: "Servers unplugged", reference: Confirmed, target_minutes: 60, achieved_by: AllOf(["shutdown-servers"]), source: "the hospital's own plan", year: 2021),
            (id: "systems-isolated", name: "Affected systems isolated", reference: Confirmed, target_minutes: 120, achieved_by: AnyOf(["stop-hypervisors", "shutdown-servers"]), source: "the hospital's own plan", year: 2021),
        ], score: (timing_points: 100, late_share: 0.5, late_until_factor: 3.0, late_floor_minutes: 30, outcomes: []))"#,
        &scenario,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = run_replica(scenario.clone(), Some(&playbook), 3, scenario.meta.duration_hours * 60);
    let roles = &run.hosts.encrypted_ever_by_role;
    assert_eq!(roles.workstations, 0.0, "the workstations are spared");
    assert!(roles.servers > 0.0, "the servers are hit");
    let care = &run.care.as_ref().unwrap().measures;
    // Closed from the confirmation plus about 45 minutes to a day later: 10 an hour at the five departments.
    assert!(care.emergency_arrivals_turned_away > 150.0, "a day of arrivals turned away: {}", care.emergency_arrivals_turned_away);
    assert!(care.operations_cancelled >= 99.0, "Monday's operations at five hospitals: {}", care.operations_cancelled);
    let reached = milestones(&run.observed, &plan, run.span_minutes);
    assert_eq!(reached.len(), 2);
    assert!(reached.iter().all(|m| m.achieved_at_minute.is_some()), "one decision meets both milestones: {reached:?}");
    assert!(reached.iter().all(|m| m.status != MilestoneStatus::Missed));
    // Control: the push aimed at every host encrypts workstations too.
    let everything = run_replica(vivalia(), Some(&playbook), 3, scenario.meta.duration_hours * 60);
    assert!(everything.hosts.encrypted_ever_by_role.workstations > 100.0);
}
