//! Headless runs: one replica of a scenario and playbook from start to end, and its result.

use std::sync::Arc;

use serde::Serialize;

use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::i18n::Language;
use crate::sim::attack::AttackState;
use crate::sim::detection::DetectionState;
use crate::sim::estate::DamageGroup;
use crate::sim::timeline::Sample;
use crate::sim::{Census, Clock, Estate, History, Host, HostStatus, Infection, ObservedLog, ResponseState, Simulation, Timeline};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HostCounts {
    pub total: u32,
    pub servers: u32,
    pub workstations: u32,
    /// Never touched, or reinstalled and not touched since.
    pub clean: u32,
    /// Held by the attacker and not yet fully encrypted (foothold, payload staged, or encrypting).
    pub compromised: u32,
    pub encrypting: u32,
    pub encrypted: u32,
    pub powered_off: u32,
    /// Reinstalled from a surviving backup.
    pub restored: u32,
    /// Reinstalled without their data.
    pub rebuilt: u32,
    /// Host-equivalents ever encrypted, at their peak: whole hosts, and the share of its data a host
    /// stopped mid-encryption had lost. Restoring a host does not take it off.
    pub encrypted_ever: f64,
    /// The same by host role, to set beside a real case ("80 of 300 servers").
    pub encrypted_ever_by_role: EncryptedByRole,
}

/// Host-equivalents ever encrypted, by host role, with how many hosts each role has.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EncryptedByRole {
    /// Every server, domain controllers and backup servers included.
    pub servers: f64,
    pub domain_controllers: f64,
    pub backup_servers: f64,
    pub workstations: f64,
    pub domain_controllers_total: u32,
    pub backup_servers_total: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AttackSummary {
    pub domain_admin: bool,
    pub payload_pushed_minute: Option<u32>,
    /// In all, including what had left before the start.
    pub exfiltrated_gb: f64,
    /// During the scenario.
    pub exfiltrated_during_gb: f64,
    pub backups_destroyed: Vec<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DetectionSummary {
    pub first_alert_minute: Option<u32>,
    pub confirmed_minute: Option<u32>,
    /// Host-equivalents already encrypted when the first alert came: harm the cell could not prevent.
    pub encrypted_at_first_alert: Option<f64>,
    /// Host-equivalents encrypted when the attack was confirmed: what containment after it can no longer save.
    pub encrypted_at_confirmation: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DecisionRecord {
    pub id: String,
    pub action: String,
    pub started_minute: u32,
    pub done_minute: Option<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineRow {
    pub minute: u32,
    /// Local date and time in the scenario's time zone.
    pub at: String,
    pub kind: crate::sim::EntryKind,
    pub id: String,
    pub text: String,
}

/// Everything a run tells, as `run --json` prints it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RunResult {
    pub scenario: String,
    pub scenario_version: String,
    pub playbook: Option<String>,
    pub seed: u64,
    /// Simulated minutes run.
    pub minutes: u32,
    /// The scenario's whole span, in minutes, which a run may stop short of.
    pub span_minutes: u32,
    pub start: String,
    pub end: String,
    pub hosts: HostCounts,
    pub attack: AttackSummary,
    pub detection: DetectionSummary,
    pub decisions: Vec<DecisionRecord>,
    pub timeline: Vec<TimelineRow>,
    pub samples: Vec<Sample>,
    /// Care services and harm, when the scenario models them.
    pub care: Option<CareSummary>,
    /// When each visible event first happened, which the score reads.
    #[serde(skip)]
    pub observed: ObservedLog,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServiceRow {
    pub name: String,
    pub site: String,
    pub kind: crate::data::scenario::ServiceKind,
    pub status: crate::sim::care::ServiceStatus,
    pub paper: bool,
    /// Kept from down only by paper it started on its own, which the cell has not yet organised.
    pub improvised: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CareSummary {
    pub measures: crate::sim::care::CareMeasures,
    /// Services by status over time (at each change).
    pub samples: Vec<crate::sim::care::ServiceSample>,
    /// Every service at the end.
    pub services: Vec<ServiceRow>,
}

impl RunResult {
    /// Share of all hosts encrypted at the end.
    pub fn encrypted_fraction(&self) -> f64 {
        f64::from(self.hosts.encrypted) / f64::from(self.hosts.total.max(1))
    }

    /// Share of all hosts ever encrypted (host-equivalents), which the score reads.
    pub fn encrypted_ever_fraction(&self) -> f64 {
        self.hosts.encrypted_ever / f64::from(self.hosts.total.max(1))
    }
}

/// Runs one replica for `minutes` simulated minutes.
pub fn run_replica(scenario: Arc<Scenario>, playbook: Option<&Playbook>, seed: u64, minutes: u32) -> RunResult {
    run_replica_in(scenario, playbook, seed, minutes, Language::English)
}

/// Runs one replica with its timeline written in a language; the run itself is the same in any.
pub fn run_replica_in(scenario: Arc<Scenario>, playbook: Option<&Playbook>, seed: u64, minutes: u32, language: Language) -> RunResult {
    let sim = simulate(scenario, playbook, seed, minutes, &[]);
    summarise(&sim, playbook.map(|p| p.name.clone()), seed, language)
}

/// A replica run and summarised in English, hearing the injects fired by hand (see `simulate`): a
/// comparison run.
pub fn run_hearing(scenario: Arc<Scenario>, playbook: Option<&Playbook>, seed: u64, minutes: u32, fired: &[(u32, String)]) -> RunResult {
    let sim = simulate(scenario, playbook, seed, minutes, fired);
    summarise(&sim, playbook.map(|p| p.name.clone()), seed, Language::English)
}

/// A replica run to `minutes`, with the scenario's injects a facilitator fired by hand fired again at
/// the same minutes (by id), so that a comparison run hears what the cell heard when it heard it.
pub fn simulate(scenario: Arc<Scenario>, playbook: Option<&Playbook>, seed: u64, minutes: u32, fired: &[(u32, String)]) -> Simulation {
    let mut sim = Simulation::with_horizon(scenario, seed, playbook.cloned(), minutes);
    for (minute, id) in fired {
        sim.run_until((*minute).min(minutes));
        sim.fire_inject(crate::sim::injects::FireInject::Listed(id.clone()));
    }
    sim.run_until(minutes);
    sim
}

/// The result of a simulation as it stands, its timeline told in a language.
pub fn summarise(sim: &Simulation, playbook: Option<String>, seed: u64, language: Language) -> RunResult {
    summary(sim, playbook, seed, Some(language))
}

/// The numbers of a simulation as it stands, without its timeline: what a batch or an audit keeps of
/// each replica, spared the cost of telling every event in words.
pub fn summarise_numbers(sim: &Simulation, playbook: Option<String>, seed: u64) -> RunResult {
    summary(sim, playbook, seed, None)
}

/// One replica run and reduced to its numbers (see `summarise_numbers`).
/// A batch plays thousands of these on a thread: the world is kept for the next (see `sim::pool`).
pub fn run_replica_numbers(scenario: Arc<Scenario>, playbook: Option<&Playbook>, seed: u64, minutes: u32) -> RunResult {
    let mut sim = crate::sim::pool::fresh(&scenario, seed, minutes, playbook);
    sim.run_until(minutes);
    let result = summarise_numbers(&sim, playbook.map(|p| p.name.clone()), seed);
    crate::sim::pool::give_back(sim);
    result
}

/// The result of a simulation as it stands, its timeline told in `language` (none without one).
fn summary(sim: &Simulation, playbook: Option<String>, seed: u64, language: Option<Language>) -> RunResult {
    let world = sim.world();
    let estate = world.resource::<Estate>();
    let census = world.resource::<Census>();
    let clock = world.resource::<Clock>();
    let attack = world.resource::<AttackState>();
    let detection = world.resource::<DetectionState>();
    let response = world.resource::<ResponseState>();
    let scenario = &estate.scenario;
    let hosts = HostCounts {
        total: estate.host_count(),
        servers: estate.servers,
        workstations: estate.workstations,
        clean: census.count(Infection::Clean),
        compromised: census.count(Infection::Compromised) + census.count(Infection::Staged) + census.count(Infection::Encrypting),
        encrypting: census.count(Infection::Encrypting),
        encrypted: census.count(Infection::Encrypted),
        powered_off: census.powered_off,
        restored: census.restored,
        rebuilt: census.rebuilt,
        encrypted_ever: 0.0,
        encrypted_ever_by_role: by_role(estate, census, &[0.0; DamageGroup::COUNT]),
    };
    let attack_summary = AttackSummary {
        domain_admin: attack.domain_admin,
        payload_pushed_minute: attack.pushed_at,
        exfiltrated_gb: (attack.total_exfiltrated_gb(&scenario.attacker) * 10.0).round() / 10.0,
        exfiltrated_during_gb: (attack.exfiltrated_gb * 10.0).round() / 10.0,
        backups_destroyed: estate
            .backups
            .iter()
            .zip(&attack.backups_destroyed)
            .filter(|(_, destroyed)| **destroyed)
            .map(|(b, _)| b.id.clone())
            .collect(),
    };
    // Hosts still encrypting when the run stops count the share they have lost so far.
    let in_progress = encrypting_shares(world, clock.minute);
    let hosts = HostCounts {
        encrypted_ever: thousandths(census.encrypted_ever() + in_progress.iter().sum::<f64>()),
        encrypted_ever_by_role: by_role(estate, census, &in_progress),
        ..hosts
    };
    let decisions = response
        .works
        .iter()
        .map(|w| DecisionRecord {
            id: w.decision.clone(),
            action: scenario.actions[w.action].id.clone(),
            started_minute: w.started_at,
            done_minute: w.done_at,
        })
        .collect();
    let timeline = language.map_or_else(Vec::new, |language| {
        let entries = &world.resource::<Timeline>().entries;
        entries
            .iter()
            .map(|e| TimelineRow {
                minute: e.minute,
                at: clock.local(e.minute),
                kind: e.kind,
                id: e.id.clone(),
                text: crate::words::event(language, &e.event),
            })
            .collect()
    });
    RunResult {
        scenario: scenario.meta.id.clone(),
        scenario_version: scenario.meta.version.clone(),
        playbook,
        seed,
        minutes: clock.minute,
        span_minutes: scenario.meta.duration_hours * 60,
        start: clock.local_with_zone(0),
        end: clock.local_with_zone(clock.minute),
        hosts,
        attack: attack_summary,
        detection: DetectionSummary {
            first_alert_minute: world.resource::<ObservedLog>().first_alert,
            confirmed_minute: detection.confirmed_at,
            encrypted_at_first_alert: world.resource::<ObservedLog>().encrypted_at_first_alert.map(thousandths),
            encrypted_at_confirmation: world.resource::<ObservedLog>().encrypted_at_confirmation.map(thousandths),
        },
        decisions,
        timeline,
        samples: world.resource::<History>().samples.clone(),
        care: care_summary(world, clock.minute),
        observed: world.resource::<ObservedLog>().clone(),
    }
}

fn thousandths(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The share of its data each host still encrypting has lost, summed by damage group.
fn encrypting_shares(world: &bevy::prelude::World, now: u32) -> [f64; DamageGroup::COUNT] {
    let estate = world.resource::<Estate>();
    let mut shares = [0.0; DamageGroup::COUNT];
    if world.resource::<Census>().count(Infection::Encrypting) == 0 {
        return shares;
    }
    for &entity in &estate.entities {
        let (Some(host), Some(status)) = (world.get::<Host>(entity), world.get::<HostStatus>(entity)) else { continue };
        if status.infection == Infection::Encrypting {
            let total = f64::from(status.encryption_minutes.max(1));
            let left = f64::from(status.encryption_done_at.saturating_sub(now));
            let reached = ((total - left) / total).clamp(0.0, 1.0).max(f64::from(status.damage_permille) / 1000.0);
            shares[DamageGroup::of(host) as usize] += reached - f64::from(status.damage_permille) / 1000.0;
        }
    }
    shares
}

fn by_role(estate: &Estate, census: &Census, in_progress: &[f64; DamageGroup::COUNT]) -> EncryptedByRole {
    use crate::data::scenario::HostRole;
    let scenario = &estate.scenario;
    let count = |role: HostRole| -> u32 {
        let grouped: u32 = scenario.host_groups.iter().filter(|g| g.role == role).map(|g| g.count).sum();
        grouped + scenario.servers.iter().filter(|s| s.role == role).count() as u32
    };
    let group = |g: DamageGroup| thousandths(census.encrypted_ever_in(g) + in_progress[g as usize]);
    EncryptedByRole {
        servers: group(DamageGroup::DomainControllers) + group(DamageGroup::BackupServers) + group(DamageGroup::OtherServers),
        domain_controllers: group(DamageGroup::DomainControllers),
        backup_servers: group(DamageGroup::BackupServers),
        workstations: group(DamageGroup::Workstations),
        domain_controllers_total: count(HostRole::DomainController),
        backup_servers_total: count(HostRole::BackupServer),
    }
}

/// The harms of a simulation as it stands, without its timeline or samples: what a counterfactual
/// needs.
pub fn harms(sim: &Simulation) -> crate::score::Harms {
    let world = sim.world();
    let now = world.resource::<Clock>().minute;
    let total = f64::from(world.resource::<Estate>().host_count().max(1));
    let encrypted = thousandths(world.resource::<Census>().encrypted_ever() + encrypting_shares(world, now).iter().sum::<f64>());
    let exfiltrated = (world.resource::<AttackState>().exfiltrated_gb * 10.0).round() / 10.0;
    crate::score::Harms::of_parts(encrypted / total, care_measures(world, now).as_ref(), exfiltrated)
}

fn care_summary(world: &bevy::prelude::World, now: u32) -> Option<CareSummary> {
    let measures = care_measures(world, now)?;
    let estate = world.resource::<Estate>();
    let care = world.resource::<crate::sim::care::CareState>();
    let services = care
        .services
        .iter()
        .map(|s| ServiceRow {
            name: s.name.clone(),
            site: estate.site_ids[s.site as usize].clone(),
            kind: s.kind,
            status: s.status,
            paper: s.paper,
            improvised: s.improvised,
        })
        .collect();
    Some(CareSummary { measures, samples: care.samples.clone(), services })
}

/// The care measures at `now`, to the tenth, when the scenario models care.
fn care_measures(world: &bevy::prelude::World, now: u32) -> Option<crate::sim::care::CareMeasures> {
    let estate = world.resource::<Estate>();
    estate.scenario.care.as_ref()?;
    let mut measures = world.resource::<crate::sim::care::CareState>().measures_at(now, &estate.scenario);
    let round = |x: &mut f64| *x = (*x * 10.0).round() / 10.0;
    for value in [
        &mut measures.service_hours_degraded,
        &mut measures.service_hours_down,
        &mut measures.critical_service_hours_down,
        &mut measures.patient_hours_at_risk,
        &mut measures.patient_hours_degraded,
        &mut measures.patient_hours_improvised,
        &mut measures.emergency_arrivals_at_risk,
        &mut measures.ambulances_diverted,
        &mut measures.consultations_lost,
        &mut measures.operations_cancelled,
        &mut measures.emergency_arrivals_turned_away,
        &mut measures.inpatients,
        &mut measures.treatment_plans_lost,
        &mut measures.treatment_plan_hours_lost,
    ] {
        round(value);
    }
    Some(measures)
}

/// Parses a duration such as `72h`, `90m`, `3d`, `1d12h` or a bare number of minutes.
pub fn parse_duration(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty duration: give one such as 72h, 90m or 3d".into());
    }
    if let Ok(minutes) = text.parse::<u32>() {
        if minutes > crate::data::validate::MAX_DURATION_HOURS * 60 {
            return Err(format!(
                "\"{text}\" minutes is longer than the {} hours a run may last",
                crate::data::validate::MAX_DURATION_HOURS
            ));
        }
        return Ok(minutes);
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'm' => 1,
            'h' => 60,
            'd' => 24 * 60,
            _ => {
                return Err(format!("\"{text}\" is not a duration: use digits with m, h or d, such as 72h or 1d12h"));
            }
        };
        let value: u64 = number.parse().map_err(|_| format!("\"{text}\" is not a duration: a unit needs a number before it"))?;
        total = value.checked_mul(unit).and_then(|v| total.checked_add(v)).unwrap_or(u64::MAX);
        number.clear();
    }
    if !number.is_empty() {
        return Err(format!("\"{text}\" is not a duration: the last number has no unit (m, h or d)"));
    }
    if total > u64::from(crate::data::validate::MAX_DURATION_HOURS) * 60 {
        return Err(format!("\"{text}\" is longer than the {} hours a run may last", crate::data::validate::MAX_DURATION_HOURS));
    }
    Ok(total as u32)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("72h"), Ok(72 * 60));
        assert_eq!(parse_duration("1d12h"), Ok(36 * 60));
        assert_eq!(parse_duration("45"), Ok(45));
        assert!(parse_duration("12x").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("99999d").is_err());
    }
}
