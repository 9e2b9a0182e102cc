//! Care that depends on the right machine: each site's record on its own servers, an application that
//! needs its database, wards that go to paper on their own, plans printed as the nurses go, emergency
//! departments closed and operations cancelled; each rule held with a control run.

use std::sync::Arc;

use crisis_cell::data::Scenario;
use crisis_cell::data::load::scenario_from_text;
use crisis_cell::run::{RunResult, run_replica};
use crisis_cell::sim::Simulation;
use crisis_cell::sim::care::{CareState, ServiceStatus};

use crate::common::mini_playbook;

/// Two hospitals on a Monday morning, no attacker able to act (domain admin never comes), each with its
/// own record: site A's application needs its database; `extra` is added to the care section and
/// `serves` says which sites each record holds ("" leaves both records serving every site).
fn hospitals(serves_own_site: bool, care_extra: &str) -> Arc<Scenario> {
    parsed(hospitals_text(serves_own_site, care_extra))
}

fn parsed(text: String) -> Arc<Scenario> {
    Arc::new(scenario_from_text("two-hospitals.ron", &text).unwrap_or_else(|e| panic!("the test hospitals should be valid:\n{e}")))
}

fn hospitals_text(serves_own_site: bool, care_extra: &str) -> String {
    let (serves_a, serves_b) = if serves_own_site { (r#", serves: ["a"]"#, r#", serves: ["b"]"#) } else { ("", "") };
    format!(
        r#"Scenario(
    format: 1,
    meta: (id: "two-hospitals", name: "Two hospitals", version: "t1", time_zone: "Europe/Brussels", start: "2024-01-08T07:00"),
    sites: [(id: "a", name: "Hospital A", kind: GeneralHospital, beds: 100), (id: "b", name: "Hospital B", kind: GeneralHospital, beds: 100)],
    segments: [(id: "a-srv", site: "a", kind: Servers), (id: "b-srv", site: "b", kind: Servers), (id: "a-ws", site: "a", kind: ClinicalWorkstations), (id: "b-ws", site: "b", kind: ClinicalWorkstations)],
    reachability: [(from: All, to: All, protocols: [Smb])],
    links: [(id: "wan", kind: Wan, sites: ["a", "b"]), (id: "internet", kind: Internet, sites: ["a"])],
    servers: [
        (name: "EHR-A", segment: "a-srv", role: Ehr, os: WindowsServer, domain_joined: true, needs: ["DB-A"]{serves_a}),
        (name: "DB-A", segment: "a-srv", role: ApplicationServer, os: WindowsServer, domain_joined: true{serves_a}),
        (name: "EHR-B", segment: "b-srv", role: Ehr, os: WindowsServer, domain_joined: true{serves_b}),
    ],
    host_groups: [
        (id: "a-ws", segment: "a-ws", count: 10, role: Workstation, os: WindowsClient, domain_joined: true, name_prefix: "A-WS"),
        (id: "b-ws", segment: "b-ws", count: 10, role: Workstation, os: WindowsClient, domain_joined: true, name_prefix: "B-WS"),
    ],
    attacker: (
        name: "Nobody yet", footholds: [Group(group: "a-ws", count: 1)], access_links: ["internet"],
        kill_chain: (discovery: (duration: Fixed(0), done_before_start: true), credential_theft: (duration: Fixed(0), done_before_start: true), domain_admin: (duration: Fixed(100000)), deployment: (duration: Fixed(10))),
        spread: [], spread_after_credential_reset: 0.1,
        exfiltration: (begins_after: DomainAdmin, rate_gb_per_hour: 1, total_gb: 1),
        group_policy: (member_refresh_minutes: 90, member_jitter_minutes: 30, controller_refresh_minutes: 5),
        detonation_delay: Fixed(1), controller_detonation_delay: Fixed(1), encryption_minutes: Fixed(5), server_encryption_factor: 1.0, targets_backups: false,
    ),
    detection: [],
    investigation: (duration: Fixed(10)),
    actions: [
        (id: "off-db-a", name: "Stop site A's database", effect: PowerOff((name: "DB-A")), duration: Fixed(0)),
        (id: "off-ehr-a", name: "Stop site A's record", effect: PowerOff((name: "EHR-A")), duration: Fixed(0)),
        (id: "on-ehr-a", name: "Start site A's record", effect: PowerOn((name: "EHR-A")), duration: Fixed(0)),
        (id: "paper", name: "Go to paper everywhere", effect: ActivateDowntime(()), duration: Fixed(0)),
        (id: "print", name: "Print every treatment plan", effect: SecureTreatmentPlans, duration: Fixed(60)),
        (id: "close-ed-a", name: "Close A's emergency department", effect: CloseEmergencyDepartments((site: "a")), duration: Fixed(0)),
        (id: "reopen-ed-a", name: "Reopen A's emergency department", effect: ReopenEmergencyDepartments((site: "a")), duration: Fixed(0)),
        (id: "cancel-operations", name: "Cancel planned operations", effect: CancelOperations, duration: Fixed(0)),
        (id: "resume", name: "Resume scheduled care", effect: ResumeScheduledCare, duration: Fixed(0)),
    ],
    care: (
        occupancy: 0.8, ambulance_share: 0.3,
        services: [
            (kind: Wards, name: "Wards", sites: All, depends_on: [(role: Ehr, loss: Down)], patients: Inpatients),
            (kind: EmergencyDepartment, name: "Emergency", sites: All, patients: ArrivalsPerHour(4.0)),
            (kind: OperatingTheatres, name: "Theatres", sites: All, depends_on: [(role: Ehr, loss: Degraded)], patients: OperationsPerWeekday(20.0)),
        ],
        {care_extra}
    ),
    injects: [(id: "watch", trigger: At(Elapsed(0)), text: "Someone raises an alert at the start.", raises_alert: true)],
)"#
    )
}

/// The status of a service at a site after a run to `until`.
fn status_at(scenario: &Arc<Scenario>, decisions: &[(&str, &str, u32)], until: u32, service: &str) -> ServiceStatus {
    let playbook = mini_playbook(scenario, decisions);
    let mut sim = Simulation::new(scenario.clone(), 1, Some(playbook));
    sim.run_until(until);
    sim.world().resource::<CareState>().services.iter().find(|s| s.name == service).expect("the service").status
}

fn run(scenario: &Arc<Scenario>, decisions: &[(&str, &str, u32)], until: u32) -> RunResult {
    let playbook = mini_playbook(scenario, decisions);
    run_replica(scenario.clone(), Some(&playbook), 1, until)
}

#[test]
fn a_sites_database_lost_takes_that_sites_record_down_and_not_anothers() {
    let own = hospitals(true, "");
    assert_eq!(status_at(&own, &[("db", "off-db-a", 0)], 30, "Wards — Hospital A"), ServiceStatus::Down, "A's record needs its database");
    assert_eq!(status_at(&own, &[("db", "off-db-a", 0)], 30, "Wards — Hospital B"), ServiceStatus::Up, "B's record is its own");
    assert_eq!(status_at(&own, &[], 30, "Wards — Hospital A"), ServiceStatus::Up, "control: with its database A's record works");
    // Control: records that serve every site that reaches them keep A's wards on B's record.
    let shared = hospitals(false, "");
    assert_eq!(status_at(&shared, &[("db", "off-db-a", 0)], 30, "Wards — Hospital A"), ServiceStatus::Up);
}

#[test]
fn wards_go_to_paper_unaided_after_the_stated_delay() {
    let unaided = hospitals(true, "unprompted_downtime: (probability: 1.0, after: Fixed(30)),");
    let off = [("ehr", "off-ehr-a", 0)];
    // The record goes at minute 1 (after the start's alert); the ward manager acts 30 minutes later.
    assert_eq!(status_at(&unaided, &off, 30, "Wards — Hospital A"), ServiceStatus::Down, "not yet: the delay runs");
    assert_eq!(status_at(&unaided, &off, 32, "Wards — Hospital A"), ServiceStatus::Degraded, "on paper after the delay");
    // Control: without unprompted downtime the wards wait for the cell's order.
    let ordered = hospitals(true, "");
    assert_eq!(status_at(&ordered, &off, 12 * 60, "Wards — Hospital A"), ServiceStatus::Down);
}

#[test]
fn paper_a_ward_starts_on_its_own_weighs_more_until_the_cell_organises_it() {
    let at_risk = |scenario: &Arc<Scenario>, decisions: &[(&str, &str, u32)]| {
        run(scenario, decisions, 6 * 60).care.expect("care is modelled").measures.patient_hours_at_risk
    };
    let own = "degraded_risk_weight: 0.25, unprompted_downtime: (probability: 1.0, after: Fixed(30), risk_weight: 0.625),";
    let improvised = hospitals(true, own);
    let off = ("ehr", "off-ehr-a", 0);
    // A's 80 inpatients: the record goes at minute 1, the ward is on its own paper from 31. Down for
    // half an hour at full weight, then on improvised paper to minute 360.
    let unordered = at_risk(&improvised, &[off]);
    let expected = 80.0 * (0.5 + 0.625 * 329.0 / 60.0);
    assert!((unordered - expected).abs() < 1.0, "half an hour down, then improvised paper: {unordered}, expected {expected}");
    // The cell's order at minute 121 organises it: from then on a quarter.
    let ordered = at_risk(&improvised, &[off, ("paper", "paper", 120)]);
    let expected = 80.0 * (0.5 + 0.625 * 1.5 + 0.25 * 239.0 / 60.0);
    assert!((ordered - expected).abs() < 1.0, "the order brings the organised procedure: {ordered}, expected {expected}");
    // Control: where improvised paper weighs as the organised procedure, the order changes nothing for
    // a ward already on paper, so the difference above is the improvised weight's.
    let alike = hospitals(true, "degraded_risk_weight: 0.25, unprompted_downtime: (probability: 1.0, after: Fixed(30)),");
    let (alone, with_order) = (at_risk(&alike, &[off]), at_risk(&alike, &[off, ("paper", "paper", 120)]));
    assert!((alone - with_order).abs() < 1e-9 && (alone - 80.0 * (0.5 + 0.25 * 329.0 / 60.0)).abs() < 1.0, "{alone} {with_order}");
}

#[test]
fn plans_print_as_the_nurses_go_and_come_back_with_the_record() {
    let scenario = hospitals(true, "");
    let inpatients = 80.0;
    // Printing starts at minute 1 and takes 60 minutes; the record goes at 31: about half is printed.
    let half = run(&scenario, &[("print", "print", 0), ("ehr", "off-ehr-a", 30)], 120);
    let lost_half = half.care.as_ref().unwrap().measures.treatment_plans_lost;
    assert!((lost_half - inpatients * 0.5).abs() <= 2.0, "about half of A's plans lost, found {lost_half}");
    // Control: the record lost at once, nothing printed yet.
    let none = run(&scenario, &[("print", "print", 0), ("ehr", "off-ehr-a", 0)], 120);
    assert!((none.care.as_ref().unwrap().measures.treatment_plans_lost - inpatients).abs() < 0.5);
    // The record back after an hour: the lost plans are in reach again, and the harm is plans × hours.
    let back = run(&scenario, &[("ehr", "off-ehr-a", 0), ("on", "on-ehr-a", 60)], 6 * 60);
    let gone = run(&scenario, &[("ehr", "off-ehr-a", 0)], 6 * 60);
    let (back_hours, gone_hours) =
        (back.care.as_ref().unwrap().measures.treatment_plan_hours_lost, gone.care.as_ref().unwrap().measures.treatment_plan_hours_lost);
    assert!((back_hours - inpatients * 1.0).abs() <= 2.0, "80 plans out of reach for one hour, found {back_hours}");
    assert!(gone_hours > 4.0 * back_hours, "control: never back, the plans stay out of reach ({gone_hours})");
}

#[test]
fn a_closed_emergency_department_turns_every_arrival_away_until_it_reopens() {
    let scenario = hospitals(true, "");
    let closed = run(&scenario, &[("close", "close-ed-a", 0), ("reopen", "reopen-ed-a", 120)], 6 * 60);
    let measures = &closed.care.as_ref().unwrap().measures;
    // Closed from minute 1 to 121: two hours at 4 an hour, walk-ins included; a third by ambulance.
    assert!((measures.emergency_arrivals_turned_away - 8.0).abs() < 0.2, "{}", measures.emergency_arrivals_turned_away);
    assert!((measures.ambulances_diverted - 8.0 * 0.3).abs() < 0.2, "{}", measures.ambulances_diverted);
    let open = run(&scenario, &[], 6 * 60);
    assert_eq!(open.care.as_ref().unwrap().measures.emergency_arrivals_turned_away, 0.0, "control: open, nobody turned away");
}

#[test]
fn cancelled_operations_are_lost_until_they_are_rescheduled() {
    let scenario = hospitals(true, "");
    // Monday 07:00: theatres work 08:00-18:00, 20 operations a day at each of the two sites.
    let cancelled = run(&scenario, &[("cancel", "cancel-operations", 0)], 12 * 60);
    let lost = cancelled.care.as_ref().unwrap().measures.operations_cancelled;
    assert!((lost - 40.0).abs() < 0.5, "a whole day of both sites' operations, found {lost}");
    let resumed = run(&scenario, &[("cancel", "cancel-operations", 0), ("resume", "resume", 6 * 60)], 12 * 60);
    let half_day = resumed.care.as_ref().unwrap().measures.operations_cancelled;
    assert!((half_day - 20.0).abs() < 0.5, "08:00 to 13:01 lost, then rescheduled, found {half_day}");
    let control = run(&scenario, &[], 12 * 60);
    assert_eq!(control.care.as_ref().unwrap().measures.operations_cancelled, 0.0);
}

/// The two hospitals with wards that need their site's workstations (`needs`), and levers that stop and
/// start site A's workstations.
fn hospitals_on_workstations(needs: bool) -> Arc<Scenario> {
    let levers = r#"(id: "off-ws-a", name: "Stop site A's workstations", effect: PowerOff((class: Workstations, site: "a")), duration: Fixed(0)),
        (id: "on-ws-a", name: "Start site A's workstations", effect: PowerOn((class: Workstations, site: "a")), duration: Fixed(0)),
        (id: "off-db-a","#;
    let wards = r#"depends_on: [(role: Ehr, loss: Down)], patients: Inpatients"#;
    let text = hospitals_text(true, "").replace(r#"(id: "off-db-a","#, levers);
    parsed(if needs { text.replace(wards, &format!("{wards}, needs_workstations: true")) } else { text })
}

#[test]
fn wards_that_need_workstations_go_down_with_their_sites_and_come_back_with_them() {
    let needs = hospitals_on_workstations(true);
    let off = [("ws", "off-ws-a", 0)];
    assert_eq!(status_at(&needs, &off, 60, "Wards — Hospital A"), ServiceStatus::Down, "A's wards without A's workstations");
    assert_eq!(status_at(&needs, &off, 60, "Wards — Hospital B"), ServiceStatus::Up, "B's workstations still run");
    let back = [("ws", "off-ws-a", 0), ("back", "on-ws-a", 30)];
    assert_eq!(status_at(&needs, &back, 90, "Wards — Hospital A"), ServiceStatus::Up, "back once the workstations start again");
    assert_eq!(status_at(&needs, &[], 60, "Wards — Hospital A"), ServiceStatus::Up, "control: the workstations left running");
    // Control: wards that do not need workstations stay up without them.
    let without = hospitals_on_workstations(false);
    assert_eq!(status_at(&without, &off, 60, "Wards — Hospital A"), ServiceStatus::Up);
}
