//! The hospital: care services per site with their IT dependencies and downtime procedures, patients,
//! treatment plans, and the measures of harm, integrated over simulated time.
//!
//! A service is Up when every IT system it depends on is there for its site (a server of that role runs
//! unencrypted and the site reaches it); otherwise the worst loss among its missing dependencies applies:
//! Degraded, or Down. A downtime procedure (paper) turns Down into Degraded. Measures accumulate between
//! changes, so minutes passed over because nothing happens count in full.

use bevy::prelude::*;
use serde::Serialize;

use super::clock::Clock;
use super::estate::{Census, Estate, Host, HostChange, HostStatus, Network};
use super::event::{Event, ServiceChange};
use super::response::CareOrder;
use super::timeline::Timeline;
use crate::data::scenario::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceStatus {
    Up,
    Degraded,
    Down,
}

/// One service at one site.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceState {
    pub spec: usize,
    pub site: u32,
    pub kind: ServiceKind,
    pub name: String,
    pub status: ServiceStatus,
    pub paper: bool,
    pub since: u32,
}

/// Measures of harm, summed over sites and services.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CareMeasures {
    pub service_hours_degraded: f64,
    pub service_hours_down: f64,
    pub critical_service_hours_down: f64,
    /// Inpatient-hours on wards that were down with no downtime procedure, plus emergency arrivals
    /// received by a department that was down with none (one hour each), plus patient-hours in degraded
    /// services (paper among them) at the scenario's `degraded_risk_weight`.
    pub patient_hours_at_risk: f64,
    /// Inpatient-hours and emergency arrivals in degraded services, unweighted.
    pub patient_hours_degraded: f64,
    pub emergency_arrivals_at_risk: f64,
    pub ambulances_diverted: f64,
    pub consultations_lost: f64,
    pub inpatients: f64,
    pub treatment_plans_lost: f64,
}

/// Counts of services by status at a minute, for charts.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct ServiceSample {
    pub minute: u32,
    pub up: u32,
    pub degraded: u32,
    pub down: u32,
}

#[derive(Resource, Debug, Clone, Default)]
pub struct CareState {
    pub services: Vec<ServiceState>,
    pub inpatients: Vec<f64>,
    /// Share of each site's treatment plans secured on paper or photograph.
    pub secured: Vec<f64>,
    pub ehr_lost_at: Vec<Option<u32>>,
    pub diverted: bool,
    pub consultations_cancelled: bool,
    pub counters: Vec<ServiceCounters>,
    pub plans_lost: f64,
    pub samples: Vec<ServiceSample>,
    last_minute: u32,
    network_generation: u64,
    reach_generation: u64,
    /// `site_reaches[segment * sites + site]`: the site reaches the segment.
    site_reaches: Vec<bool>,
    server_entities: Vec<Entity>,
    initialised: bool,
    /// Minutes from the start that fall in weekday consultation hours (08:00-18:00), by hour.
    consultation_hours: Vec<bool>,
    /// Whether each site had enough of its workstations when services were last worked out.
    workstations_enough: Vec<bool>,
}

/// A service that needs workstations is down once fewer than half of its site's work.
const WORKSTATION_THRESHOLD: f64 = 0.5;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CareState>();
}

/// Minutes each service spent in each condition. Kept in whole minutes so that the measures do not
/// depend on how the minutes were grouped when they were added up.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServiceCounters {
    pub degraded: u64,
    /// Degraded minutes while ambulances were diverted.
    pub degraded_diverted: u64,
    pub down: u64,
    /// Down minutes while ambulances were diverted, and while they were not.
    pub down_diverted: u64,
    pub down_not_diverted: u64,
    pub diverted: u64,
    /// Weekday consultation minutes lost (service not up, or consultations cancelled).
    pub consultation_lost: u64,
}

impl CareState {
    /// Brings the counters up to `now` at the current statuses.
    fn accumulate(&mut self, now: u32) {
        let from = self.last_minute;
        if now <= from {
            return;
        }
        let minutes = u64::from(now - from);
        let consultation_minutes = self.consultation_minutes_between(from, now);
        for (service, counters) in self.services.iter().zip(self.counters.iter_mut()) {
            match service.status {
                ServiceStatus::Up => {}
                ServiceStatus::Degraded => {
                    counters.degraded += minutes;
                    if self.diverted {
                        counters.degraded_diverted += minutes;
                    }
                }
                ServiceStatus::Down => {
                    counters.down += minutes;
                    if self.diverted {
                        counters.down_diverted += minutes;
                    } else {
                        counters.down_not_diverted += minutes;
                    }
                }
            }
            if self.diverted {
                counters.diverted += minutes;
            }
            if service.status != ServiceStatus::Up || self.consultations_cancelled {
                counters.consultation_lost += consultation_minutes;
            }
        }
        self.last_minute = now;
    }

    fn consultation_minutes_between(&self, from: u32, to: u32) -> u64 {
        let mut total = 0;
        let mut minute = from;
        while minute < to {
            let hour = (minute / 60) as usize;
            let end = ((hour as u32 + 1) * 60).min(to);
            if self.consultation_hours.get(hour).copied().unwrap_or(false) {
                total += u64::from(end - minute);
            }
            minute = end;
        }
        total
    }

    /// The measures of harm up to `now`.
    pub fn measures_at(&self, now: u32, scenario: &Scenario) -> CareMeasures {
        let mut copy = self.clone();
        copy.accumulate(now);
        let mut measures =
            CareMeasures { inpatients: self.inpatients.iter().sum(), treatment_plans_lost: self.plans_lost, ..CareMeasures::default() };
        let Some(care) = &scenario.care else { return measures };
        let hours = |minutes: u64| minutes as f64 / 60.0;
        for (service, counters) in copy.services.iter().zip(&copy.counters) {
            let spec = &care.services[service.spec];
            measures.service_hours_degraded += hours(counters.degraded);
            measures.service_hours_down += hours(counters.down);
            if spec.critical {
                measures.critical_service_hours_down += hours(counters.down);
            }
            match spec.patients {
                PatientLoad::Inpatients => {
                    let inpatients = self.inpatients[service.site as usize];
                    measures.patient_hours_at_risk += inpatients * hours(counters.down);
                    measures.patient_hours_degraded += inpatients * hours(counters.degraded);
                }
                PatientLoad::ArrivalsPerHour(rate) => {
                    let at_risk = rate * (hours(counters.down_not_diverted) + hours(counters.down_diverted) * (1.0 - care.ambulance_share));
                    measures.emergency_arrivals_at_risk += at_risk;
                    measures.patient_hours_at_risk += at_risk;
                    let not_diverted = counters.degraded - counters.degraded_diverted;
                    measures.patient_hours_degraded +=
                        rate * (hours(not_diverted) + hours(counters.degraded_diverted) * (1.0 - care.ambulance_share));
                    measures.ambulances_diverted += rate * hours(counters.diverted) * care.ambulance_share;
                }
                PatientLoad::ConsultationsPerWeekday(per_day) => {
                    measures.consultations_lost += per_day * hours(counters.consultation_lost) / 10.0
                }
                PatientLoad::None => {}
            }
        }
        measures.patient_hours_at_risk += care.degraded_risk_weight * measures.patient_hours_degraded;
        measures
    }
}

fn site_matches(selector: &SiteSelector, site: &Site) -> bool {
    match selector {
        SiteSelector::All => true,
        SiteSelector::Kind(kind) => site.kind == *kind,
        SiteSelector::Sites(ids) => ids.contains(&site.id),
    }
}

fn initialise(state: &mut CareState, estate: &Estate, clock: &Clock) {
    state.initialised = true;
    let scenario = &estate.scenario;
    let Some(care) = &scenario.care else { return };
    for (spec_index, spec) in care.services.iter().enumerate() {
        for (site_index, site) in scenario.sites.iter().enumerate() {
            let has_patients = !matches!(spec.patients, PatientLoad::Inpatients) || site.beds > 0;
            if site_matches(&spec.sites, site) && has_patients {
                state.services.push(ServiceState {
                    spec: spec_index,
                    site: site_index as u32,
                    kind: spec.kind,
                    name: format!("{} — {}", spec.name, site.name),
                    status: ServiceStatus::Up,
                    paper: false,
                    since: 0,
                });
            }
        }
    }
    state.inpatients = scenario.sites.iter().map(|s| f64::from(s.beds) * care.occupancy).collect();
    state.counters = vec![ServiceCounters::default(); state.services.len()];
    state.secured = vec![0.0; scenario.sites.len()];
    state.ehr_lost_at = vec![None; scenario.sites.len()];
    let hours = scenario.meta.duration_hours.max(1) as usize * 4;
    state.consultation_hours = (0..hours)
        .map(|h| {
            let at = clock.start.checked_add(jiff::SignedDuration::from_hours(h as i64));
            at.is_ok_and(|at| {
                let weekday = !matches!(at.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday);
                weekday && (8..18).contains(&at.hour())
            })
        })
        .collect();
}

fn role_bit(role: HostRole) -> u16 {
    1 << (role as u16)
}

/// Which IT systems each site can use now, as a bit per server role.
fn availability(state: &mut CareState, estate: &Estate, network: &Network, hosts: &Query<(&Host, &HostStatus)>) -> Vec<u16> {
    let sites = estate.site_ids.len();
    if state.reach_generation != network.generation || state.site_reaches.is_empty() {
        // Which sites reach each segment: recomputed only when the network changes.
        state.reach_generation = network.generation;
        state.site_reaches = vec![false; estate.segments.len() * sites];
        for segment in 0..estate.segments.len() as u32 {
            for (other, info) in estate.segments.iter().enumerate() {
                if network.connected(estate, other as u32, segment) {
                    state.site_reaches[segment as usize * sites + info.site as usize] = true;
                }
            }
        }
    }
    let mut roles = vec![0u16; sites];
    for &entity in &state.server_entities {
        let Ok((host, status)) = hosts.get(entity) else { continue };
        if !status.is_serving(host) {
            continue;
        }
        let reaches = &state.site_reaches[host.segment as usize * sites..(host.segment as usize + 1) * sites];
        for (site, &reached) in reaches.iter().enumerate() {
            if reached {
                roles[site] |= role_bit(host.role);
            }
        }
    }
    roles
}

/// Recomputes service status when hosts, the network or the care orders change, and integrates harm.
#[allow(clippy::too_many_arguments)]
pub(super) fn update_care(
    clock: Res<Clock>,
    estate: Res<Estate>,
    network: Res<Network>,
    census: Res<Census>,
    hosts: Query<(&Host, &HostStatus)>,
    mut changes: MessageReader<HostChange>,
    mut orders: MessageReader<CareOrder>,
    mut state: ResMut<CareState>,
    mut timeline: ResMut<Timeline>,
) {
    let now = clock.minute;
    let scenario = estate.scenario.clone();
    let Some(care) = &scenario.care else { return };
    // Only a server, or a site's workstations crossing the threshold, can change a service.
    // Every change is read, so that none is left for the next tick.
    let mut servers_changed = false;
    for change in changes.read() {
        servers_changed |= hosts.get(estate.entities[change.host as usize]).is_ok_and(|(h, _)| h.is_server());
    }
    let enough: Vec<bool> =
        (0..estate.site_ids.len()).map(|site| census.workstation_share(site, &estate, &network) >= WORKSTATION_THRESHOLD).collect();
    let mut dirty = servers_changed || enough != state.workstations_enough || network.generation != state.network_generation;
    let state = &mut *state;
    state.workstations_enough = enough;
    if !state.initialised {
        initialise(state, &estate, &clock);
        state.server_entities = estate.entities.iter().copied().filter(|&e| hosts.get(e).is_ok_and(|(h, _)| h.is_server())).collect();
        dirty = true;
    }
    state.accumulate(now);
    let orders: Vec<CareOrder> = orders.read().cloned().collect();
    dirty |= !orders.is_empty();
    let secure_plans = follow_orders(state, &estate, care, &orders);
    if !dirty {
        return;
    }
    state.network_generation = network.generation;
    let roles = availability(state, &estate, &network, &hosts);
    lose_treatment_plans(state, &scenario, care, &roles, secure_plans, now, &mut timeline);
    let changed = update_services(state, &scenario, care, &roles, now, &mut timeline);
    if changed || state.samples.is_empty() {
        let count = |s: ServiceStatus| state.services.iter().filter(|x| x.status == s).count() as u32;
        let sample = ServiceSample {
            minute: now,
            up: count(ServiceStatus::Up),
            degraded: count(ServiceStatus::Degraded),
            down: count(ServiceStatus::Down),
        };
        state.samples.push(sample);
    }
}

/// Carries out the care orders of this minute; returns whether treatment plans are to be secured.
fn follow_orders(state: &mut CareState, estate: &Estate, care: &Care, orders: &[CareOrder]) -> bool {
    let mut secure_plans = false;
    for order in orders {
        match order {
            CareOrder::Downtime(filter) => {
                for service in &mut state.services {
                    let site_ok = filter.site.as_ref().is_none_or(|id| &estate.site_ids[service.site as usize] == id);
                    let kind_ok = filter.kind.is_none_or(|k| k == service.kind);
                    if site_ok && kind_ok && care.services[service.spec].paper {
                        service.paper = true;
                    }
                }
            }
            CareOrder::SecureTreatmentPlans => secure_plans = true,
            CareOrder::DivertAmbulances => state.diverted = true,
            CareOrder::CancelConsultations => state.consultations_cancelled = true,
        }
    }
    secure_plans
}

/// Secures the treatment plans of the sites whose EHR still serves them, if asked; where the EHR has
/// just been lost, the plans not secured are lost, in one timeline entry for all such sites.
fn lose_treatment_plans(
    state: &mut CareState,
    scenario: &Scenario,
    care: &Care,
    roles: &[u16],
    secure_plans: bool,
    now: u32,
    timeline: &mut Timeline,
) {
    let mut lost_sites: Vec<String> = Vec::new();
    let (mut secured_now, mut lost_now) = (0.0, 0.0);
    for (site, site_roles) in roles.iter().enumerate() {
        let ehr = site_roles & role_bit(HostRole::Ehr) != 0;
        if secure_plans && ehr {
            state.secured[site] = 1.0;
        }
        if !ehr && state.ehr_lost_at[site].is_none() && state.inpatients[site] > 0.0 {
            state.ehr_lost_at[site] = Some(now);
            let secured = state.secured[site].max(care.secured_unprompted);
            state.secured[site] = secured;
            let lost = state.inpatients[site] * (1.0 - secured);
            state.plans_lost += lost;
            secured_now += state.inpatients[site] * secured;
            lost_now += lost;
            lost_sites.push(scenario.sites[site].name.clone());
        }
    }
    if !lost_sites.is_empty() {
        timeline.record(now, "ehr-lost", Event::EhrLost { sites: lost_sites, secured: secured_now, lost: lost_now });
    }
}

/// Each service's status from the IT systems its site can use; the changes are recorded one timeline
/// entry per service and new status. Returns whether any service changed.
fn update_services(state: &mut CareState, scenario: &Scenario, care: &Care, roles: &[u16], now: u32, timeline: &mut Timeline) -> bool {
    let mut changed = false;
    let enough = state.workstations_enough.clone();
    // Changes of this minute, grouped by service and new state, for one timeline entry each.
    let mut groups: Vec<(usize, ServiceChange, Vec<String>)> = Vec::new();
    for service in &mut state.services {
        let status = service_status(care, service, roles, &enough);
        if status != service.status {
            changed = true;
            service.status = status;
            service.since = now;
            let change = match status {
                ServiceStatus::Up => ServiceChange::BackUp,
                ServiceStatus::Degraded if service.paper => ServiceChange::OnPaper,
                ServiceStatus::Degraded => ServiceChange::Degraded,
                ServiceStatus::Down => ServiceChange::Down,
            };
            let site_name = scenario.sites[service.site as usize].name.clone();
            match groups.iter_mut().find(|(spec_index, c, _)| *spec_index == service.spec && *c == change) {
                Some((_, _, sites)) => sites.push(site_name),
                None => groups.push((service.spec, change, vec![site_name])),
            }
        }
    }
    for (spec_index, change, sites) in groups {
        let spec = &care.services[spec_index];
        let event = Event::ServiceChanged { service: spec.name.clone(), change, sites };
        timeline.record(now, format!("{:?}", spec.kind).to_lowercase(), event);
    }
    changed
}

/// A service is up with all its IT systems there; otherwise the worst loss among those missing
/// applies, and paper turns down into degraded.
fn service_status(care: &Care, service: &ServiceState, roles: &[u16], workstations_enough: &[bool]) -> ServiceStatus {
    let spec = &care.services[service.spec];
    let site = service.site as usize;
    let mut loss: Option<Loss> = spec.depends_on.iter().filter(|d| roles[site] & role_bit(d.role) == 0).map(|d| d.loss).max();
    if spec.needs_workstations && !workstations_enough[site] {
        loss = Some(Loss::Down);
    }
    match loss {
        None => ServiceStatus::Up,
        Some(Loss::Degraded) => ServiceStatus::Degraded,
        Some(Loss::Down) if service.paper => ServiceStatus::Degraded,
        Some(Loss::Down) => ServiceStatus::Down,
    }
}
