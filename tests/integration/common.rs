//! Helpers the tests share: the shipped files, a small two-site estate written as RON, and replicas.

use std::sync::Arc;

use crisis_cell::data::load::{playbook_from_text, scenario_from_text};
use crisis_cell::data::{Playbook, Scenario, load_playbook, load_scenario};
use crisis_cell::sim::{Estate, HostName, HostStatus, Infection, Simulation};

pub fn vivalia() -> Arc<Scenario> {
    Arc::new(load_scenario("vivalia-2022").expect("the built-in scenario is valid").scenario)
}

/// A scenario in which someone raises an alert at the start, so that decisions act from minute 0:
/// for tests of what a decision does, not of when the cell could know to take it.
pub fn alerted_at_start(scenario: &Scenario) -> Arc<Scenario> {
    let mut out = scenario.clone();
    out.injects.push(crisis_cell::data::scenario::Inject {
        id: "alert-at-start".into(),
        trigger: crisis_cell::data::scenario::InjectTrigger::At(crisis_cell::data::playbook::When::Elapsed(0)),
        channel: String::new(),
        sender: String::new(),
        audience: String::new(),
        text: "Someone raises an alert at the start.".into(),
        expected: String::new(),
        milestone: None,
        raises_alert: true,
    });
    Arc::new(out)
}

pub fn shipped_playbook(name: &str, scenario: &Scenario) -> Playbook {
    let path = format!("{}/scenarios/playbooks/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    load_playbook(&path, scenario).unwrap_or_else(|e| panic!("{path} should be valid:\n{e}"))
}

/// Knobs of the small test estate.
pub struct Mini {
    pub hosts_per_segment: u32,
    pub footholds: u32,
    /// Minutes from the start to domain admin, and from there to the push; `None`: never.
    pub domain_admin_after: Option<u32>,
    pub push_after: u32,
    pub smb_per_hour: f64,
    /// Workstations of the two sites reach each other directly over SMB.
    pub cross_site_smb: bool,
}

impl Default for Mini {
    fn default() -> Self {
        Self { hosts_per_segment: 60, footholds: 2, domain_admin_after: None, push_after: 10, smb_per_hour: 3.0, cross_site_smb: true }
    }
}

/// Two sites, A and B, joined by one WAN link: a server segment with a domain controller at A, and a
/// workstation segment at each site. The intruders start on workstations at A.
pub fn mini_text(m: &Mini) -> String {
    let domain_admin = match m.domain_admin_after {
        Some(minutes) => format!("(duration: Fixed({minutes}))"),
        None => "(duration: Fixed(1000000))".to_string(),
    };
    let cross = if m.cross_site_smb { "" } else { ", scope: SameSite" };
    format!(
        r#"Scenario(
    format: 1,
    meta: (id: "mini", name: "Two-site test estate", version: "t1", time_zone: "Europe/Brussels", start: "2024-01-06T01:00"),
    sites: [(id: "a", name: "Site A", kind: GeneralHospital), (id: "b", name: "Site B", kind: GeneralHospital)],
    segments: [
        (id: "a-servers", site: "a", kind: Servers),
        (id: "a-ws", site: "a", kind: ClinicalWorkstations),
        (id: "b-ws", site: "b", kind: ClinicalWorkstations),
    ],
    reachability: [
        (from: Kind(ClinicalWorkstations), to: Kind(ClinicalWorkstations), protocols: [Smb]{cross}),
        (from: Kind(ClinicalWorkstations), to: Kind(Servers), protocols: [Smb]),
    ],
    links: [
        (id: "wan", name: "WAN A - B", kind: Wan, sites: ["a", "b"]),
        (id: "internet", name: "Internet", kind: Internet, sites: ["a"]),
    ],
    servers: [
        (name: "DC01", segment: "a-servers", role: DomainController, os: WindowsServer, domain_joined: true),
        (name: "EHR01", segment: "a-servers", role: Ehr, os: WindowsServer, domain_joined: true),
    ],
    host_groups: [
        (id: "a-ws", segment: "a-ws", count: {n}, role: Workstation, os: WindowsClient, domain_joined: true, name_prefix: "A-WS"),
        (id: "b-ws", segment: "b-ws", count: {n}, role: Workstation, os: WindowsClient, domain_joined: true, name_prefix: "B-WS"),
    ],
    attacker: (
        name: "Test intruder",
        footholds: [Group(group: "a-ws", count: {footholds})],
        access_links: ["internet"],
        kill_chain: (
            discovery: (duration: Fixed(0), done_before_start: true),
            credential_theft: (duration: Fixed(0), done_before_start: true),
            domain_admin: {domain_admin},
            deployment: (duration: Fixed({push})),
        ),
        spread: [(protocol: Smb, per_hour: {smb})],
        spread_after_credential_reset: 0.1,
        exfiltration: (begins_after: CredentialTheft, rate_gb_per_hour: 10, total_gb: 100),
        group_policy: (member_refresh_minutes: 90, member_jitter_minutes: 30, controller_refresh_minutes: 5),
        detonation_delay: Uniform(min: 0, max: 5),
        controller_detonation_delay: Uniform(min: 120, max: 150),
        encryption_minutes: LogNormal(median: 43, p90: 110, min: 4),
        server_encryption_factor: 2.0,
        targets_backups: true,
    ),
    detection: [
        (id: "monitoring", name: "Monitoring", trigger: EncryptedCount(hosts: Any, at_least: 5), probability: 1.0, delay: Fixed(2)),
    ],
    investigation: (duration: Fixed(10)),
    actions: [
        (id: "cut-wan", name: "Cut the WAN", effect: CutLink("wan"), duration: Fixed(0)),
        (id: "isolate-b", name: "Isolate site B's workstations", effect: IsolateSegments(Segment("b-ws")), duration: Fixed(0)),
        (id: "off-ehr", name: "Shut the EHR server down", effect: PowerOff((name: "EHR01")), duration: Fixed(0)),
        (id: "off-dc", name: "Shut the domain controller down", effect: PowerOff((class: Role(DomainController))), duration: Fixed(0)),
    ],
    // The test estate is watched from the start: decisions taken at minute 0 act at once.
    injects: [(id: "watch", trigger: At(Elapsed(0)), text: "Someone raises an alert at the start.", raises_alert: true)],
)"#,
        n = m.hosts_per_segment,
        footholds = m.footholds,
        push = m.push_after,
        smb = m.smb_per_hour,
    )
}

pub fn mini(m: &Mini) -> Arc<Scenario> {
    Arc::new(scenario_from_text("mini.ron", &mini_text(m)).unwrap_or_else(|e| panic!("the test estate should be valid:\n{e}")))
}

/// A playbook for a test scenario (the mini estate or another): `(decision, action, minute)`.
pub fn mini_playbook(scenario: &Scenario, decisions: &[(&str, &str, u32)]) -> Playbook {
    let list: String =
        decisions.iter().map(|(id, action, minute)| format!("(id: \"{id}\", action: \"{action}\", at: Elapsed({minute})),")).collect();
    let text = format!("Playbook(format: 1, name: \"test\", scenario: \"{}\", decisions: [{list}])", scenario.meta.id);
    playbook_from_text("test-playbook.ron", &text, scenario).unwrap_or_else(|e| panic!("the test playbook should be valid:\n{e}"))
}

/// Every host's name and state.
pub fn hosts(sim: &mut Simulation) -> Vec<(String, HostStatus)> {
    let entities = sim.world().resource::<Estate>().entities.clone();
    entities
        .iter()
        .map(|&e| {
            let world = sim.world();
            (world.get::<HostName>(e).unwrap().0.clone(), world.get::<HostStatus>(e).unwrap().clone())
        })
        .collect()
}

pub fn touched(status: &HostStatus) -> bool {
    status.infection != Infection::Clean
}

/// Runs the crisis-cell binary with these arguments.
pub fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crisis-cell")).args(args).output().expect("the binary runs")
}

/// An empty temporary folder of this test process, named after the test area and case.
pub fn temp_dir(area: &str, name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("crisis-cell-{area}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// An exercise on Vivalia with its plan, every role at the table, the clock not stopping for injects.
pub fn vivalia_exercise(seed: u64) -> crisis_cell::exercise::Exercise {
    let scenario = vivalia();
    let plan = crisis_cell::data::load::scenario_plan(&scenario, None).expect("the built-in plan loads");
    let mut setup = crisis_cell::exercise::ExerciseSetup::new(scenario, plan, seed);
    setup.pause_on_inject = false;
    crisis_cell::exercise::Exercise::new(setup)
}
