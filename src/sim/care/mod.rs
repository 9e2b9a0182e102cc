//! The hospital: care services per site with their IT dependencies and downtime procedures, patients,
//! treatment plans, and the measures of harm, integrated over simulated time.
//!
//! A service is Up when every IT system it depends on is there for its site (a server of that role runs
//! unencrypted and the site reaches it); otherwise the worst loss among its missing dependencies applies:
//! Degraded, or Down. A downtime procedure (paper) turns Down into Degraded. Measures accumulate between
//! changes, so minutes passed over because nothing happens count in full.

mod measures;

use bevy::ecs::message::MessageCursor;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use serde::Serialize;

use super::agenda::Agenda;
use super::clock::Clock;
use super::estate::{Estate, Host, HostChange, HostStatus, Network};
use super::event::{Event, ServiceChange};
use super::people::daily_intervals;
use super::quiet::NightView;
use super::response::CareOrder;
use super::timeline::Timeline;
use super::{RngStreams, SimSetup};
use crate::data::scenario::*;
use crate::random::Purpose;

pub use measures::{CareMeasures, ServiceCounters};

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
    /// On paper by the cell's order, with the organisation it brings; not only by the service's own.
    pub organised: bool,
    /// Degraded rather than down only thanks to a procedure the service started on its own: it weighs
    /// the scenario's improvised risk weight.
    pub improvised: bool,
    pub since: u32,
    pub load: PatientLoad,
    /// An emergency department closed to all arrivals, walk-ins included.
    pub closed: bool,
    /// How many times it has gone down: keys its own draws of an unprompted downtime.
    pub downs: u32,
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
    pub operations_cancelled: bool,
    pub counters: Vec<ServiceCounters>,
    pub plans_lost: f64,
    /// Plans out of reach at each site now, in tenths, and their minutes summed (tenths × minutes).
    plans_lost_tenths: Vec<u64>,
    plan_minutes_lost_tenths: u64,
    pub samples: Vec<ServiceSample>,
    last_minute: u32,
    network_generation: u64,
    reach_generation: u64,
    /// `site_reaches[segment * sites + site]`: the site reaches the segment.
    site_reaches: Vec<bool>,
    servers: Vec<ServerCare>,
    /// Whether each server (as `servers` lists them) does its job now: kept from the host changes,
    /// each of which reaches care in the minute it happens.
    serving: Vec<bool>,
    initialised: bool,
    /// Scheduled care (consultations, planned operations): intervals in minutes from the start.
    scheduled: Vec<(i64, i64)>,
    scheduled_hours_per_day: f64,
    /// Whether each site had enough of its workstations when services were last worked out.
    workstations_enough: Vec<bool>,
    /// Treatment plans being printed: from, until (the share printed grows between them).
    printing: Option<(u32, u32)>,
    /// Services that will start their downtime procedure on their own, by minute, with the outage
    /// (the count of times it went down) the procedure answers.
    unprompted: Agenda<(usize, u32)>,
    /// The most plans each site had out of reach at once, for the count of plans lost.
    site_plans_lost: Vec<f64>,
}

/// A server as care sees it: which sites' data it holds, and the servers it needs to work.
#[derive(Debug, Clone)]
struct ServerCare {
    /// The host's index: `servers` are in the order of their hosts.
    host: u32,
    segment: u32,
    role: HostRole,
    /// Site indices whose data it holds; empty: every site that reaches it.
    serves: Vec<u32>,
    /// Indices (in the care's server list) of the servers it needs, such as its database.
    needs: Vec<usize>,
    /// Servers of one role on one segment serving the same sites give the sites the same thing: one
    /// working is enough, and the others need not be looked at.
    giving: usize,
}

impl CareState {
    /// The next minute at which a service starts its downtime procedure on its own.
    pub fn next_minute(&self) -> Option<u32> {
        self.unprompted.next_minute()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<CareState>();
}

fn site_matches(selector: &SiteSelector, site: &Site) -> bool {
    match selector {
        SiteSelector::All => true,
        SiteSelector::Kind(kind) => site.kind == *kind,
        SiteSelector::Sites(ids) => ids.contains(&site.id),
    }
}

fn initialise(state: &mut CareState, estate: &Estate, clock: &Clock, horizon: u32, hosts: &Query<(&Host, &HostStatus)>) {
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
                    organised: false,
                    improvised: false,
                    since: 0,
                    load: spec.patients,
                    closed: false,
                    downs: 0,
                });
            }
        }
    }
    let sites = scenario.sites.len();
    state.inpatients = scenario.sites.iter().map(|s| f64::from(s.beds) * care.occupancy).collect();
    state.counters = vec![ServiceCounters::default(); state.services.len()];
    state.secured = vec![0.0; sites];
    state.ehr_lost_at = vec![None; sites];
    state.plans_lost_tenths = vec![0; sites];
    state.site_plans_lost = vec![0.0; sites];
    let hours = &care.scheduled_hours;
    state.scheduled = daily_intervals(&hours.from, &hours.to, hours.days, clock, horizon);
    state.scheduled_hours_per_day = daily_intervals(&hours.from, &hours.to, crate::data::scenario::Days::Every, clock, 24 * 60)
        .first()
        .map_or(0.0, |(a, b)| (b - a) as f64 / 60.0);
    state.servers = servers_of(estate, hosts);
    let serving = |s: &ServerCare| hosts.get(estate.entities[s.host as usize]).is_ok_and(|(host, status)| status.is_serving(host));
    state.serving = state.servers.iter().map(serving).collect();
}

/// Every server, with the sites whose data it holds and the servers it needs, from the scenario.
fn servers_of(estate: &Estate, hosts: &Query<(&Host, &HostStatus)>) -> Vec<ServerCare> {
    let scenario = &estate.scenario;
    let site_indices = |ids: &[String]| ids.iter().filter_map(|id| estate.site_index(id)).collect::<Vec<u32>>();
    let mut servers: Vec<ServerCare> = Vec::new();
    let mut by_host: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for &entity in &estate.entities {
        let Ok((host, _)) = hosts.get(entity) else { continue };
        if !host.is_server() {
            continue;
        }
        // Named servers come first, in file order; the rest belong to groups.
        let serves = match (scenario.servers.get(host.index as usize), host.group) {
            (Some(named), None) => site_indices(&named.serves),
            (_, Some(g)) => site_indices(&scenario.host_groups[g as usize].serves),
            _ => Vec::new(),
        };
        by_host.insert(host.index, servers.len());
        servers.push(ServerCare { host: host.index, segment: host.segment, role: host.role, serves, needs: Vec::new(), giving: 0 });
    }
    for i in 0..servers.len() {
        let same =
            |other: &ServerCare| other.segment == servers[i].segment && other.role == servers[i].role && other.serves == servers[i].serves;
        servers[i].giving = servers[..i].iter().position(same).map_or(i, |first| servers[first].giving);
    }
    for (i, named) in scenario.servers.iter().enumerate() {
        let Some(&me) = by_host.get(&(i as u32)) else { continue };
        let needs = named
            .needs
            .iter()
            .filter_map(|name| scenario.servers.iter().position(|s| &s.name == name))
            .filter_map(|j| by_host.get(&(j as u32)).copied())
            .collect();
        servers[me].needs = needs;
    }
    servers
}

fn role_bit(role: HostRole) -> u16 {
    1 << (role as u16)
}

/// Which IT systems each site can use now, as a bit per server role: a server that works (running,
/// unencrypted, with the servers it needs working and reachable) counts for the sites whose data it
/// holds and that reach it.
fn availability(state: &mut CareState, estate: &Estate, network: &Network) -> Vec<u16> {
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
    let works = working_servers(&state.servers, &state.serving, estate, network);
    let mut roles = vec![0u16; sites];
    let mut given = vec![false; state.servers.len()];
    for (server, _) in state.servers.iter().zip(&works).filter(|(_, w)| **w) {
        if std::mem::replace(&mut given[server.giving], true) {
            continue;
        }
        let reaches = &state.site_reaches[server.segment as usize * sites..(server.segment as usize + 1) * sites];
        for (site, &reached) in reaches.iter().enumerate() {
            if reached && (server.serves.is_empty() || server.serves.contains(&(site as u32))) {
                roles[site] |= role_bit(server.role);
            }
        }
    }
    roles
}

/// Which servers work: serving, and every server they need working and reachable from them (an
/// application without its database does not). Chains of needs are followed to the end.
fn working_servers(servers: &[ServerCare], serving: &[bool], estate: &Estate, network: &Network) -> Vec<bool> {
    let mut works = serving.to_vec();
    if servers.iter().all(|s| s.needs.is_empty()) {
        return works;
    }
    for _ in 0..servers.len() {
        let mut changed = false;
        for (i, server) in servers.iter().enumerate() {
            let ok = server.needs.iter().all(|&j| works[j] && network.connected(estate, server.segment, servers[j].segment));
            if works[i] && !ok {
                works[i] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    works
}

/// What care reads and changes of its own at the end of a minute (see `end_minute`).
#[derive(SystemParam)]
pub(super) struct CareMinute<'w, 's> {
    state: ResMut<'w, CareState>,
    setup: Res<'w, SimSetup>,
    hosts: Query<'w, 's, (&'static Host, &'static HostStatus)>,
    changes_seen: Local<'s, MessageCursor<HostChange>>,
    orders_seen: Local<'s, MessageCursor<CareOrder>>,
}

impl CareMinute<'_, '_> {
    pub(super) fn state(&self) -> &CareState {
        &self.state
    }
}

/// Recomputes service status when hosts, the network or the care orders change, and integrates harm.
pub(super) fn update_care(
    clock: &Clock,
    night: &NightView,
    minute: &mut CareMinute,
    rngs: &RngStreams,
    timeline: &mut Timeline,
    changes: &Messages<HostChange>,
    orders: &Messages<CareOrder>,
) {
    let CareMinute { state, setup, hosts, changes_seen, orders_seen } = minute;
    let (estate, network, census) = (&*night.estate, &*night.network, &*night.census);
    let now = clock.minute;
    let scenario = estate.scenario.clone();
    let Some(care) = &scenario.care else { return };
    // Only a server starting or stopping its job, or a site's workstations crossing the threshold, can
    // change a service (with the network, orders and paper, below); nothing else the recomputation reads
    // changes over time (inpatients are fixed at the start). Every change is read, so that none is left
    // for the next tick.
    let state = &mut **state;
    let (mut servers_changed, mut workstations_changed) = (false, false);
    for change in changes_seen.read(changes).filter(|c| c.serving_changed) {
        let Ok((host, status)) = hosts.get(estate.entities[change.host as usize]) else { continue };
        workstations_changed |= host.role == HostRole::Workstation;
        if host.is_server() {
            servers_changed = true;
            if let Ok(slot) = state.servers.binary_search_by_key(&change.host, |s| s.host) {
                state.serving[slot] = status.is_serving(host);
            }
        }
    }
    let network_changed = network.generation != state.network_generation;
    let mut dirty = servers_changed || network_changed;
    // A site's share of working workstations moves only when one starts or stops, or the network changes.
    if workstations_changed || network_changed || !state.initialised {
        let shares = census.workstation_shares(estate, network);
        let enough: Vec<bool> = shares.into_iter().map(|share| share >= care.workstation_threshold).collect();
        dirty |= enough != state.workstations_enough;
        state.workstations_enough = enough;
    }
    if !state.initialised {
        initialise(state, estate, clock, setup.horizon_minutes, hosts);
        dirty = true;
    }
    let orders: Vec<CareOrder> = orders_seen.read(orders).cloned().collect();
    dirty |= !orders.is_empty();
    // Going on paper is not counted until the service's status follows, below.
    dirty |= start_unprompted_downtime(state, now);
    if !dirty {
        return;
    }
    // The counters are brought up to now only before what they count may change: they count whole
    // minutes, which sum the same however they are grouped, and a reader brings a copy up to its minute.
    state.accumulate(now);
    let secure_plans = follow_orders(state, estate, care, &orders, now);
    state.network_generation = network.generation;
    let roles = availability(state, estate, network);
    lose_treatment_plans(state, &scenario, care, &roles, secure_plans, now, timeline);
    let changed = update_services(state, &scenario, care, &roles, now, timeline);
    if changed {
        plan_unprompted_downtime(state, care, rngs, now);
    }
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

/// A service that has just gone down may start its downtime procedure on its own: with the scenario's
/// probability, after its delay, each drawn from the service's own stream.
fn plan_unprompted_downtime(state: &mut CareState, care: &Care, rngs: &RngStreams, now: u32) {
    let Some(unprompted) = &care.unprompted_downtime else { return };
    for (i, service) in state.services.iter_mut().enumerate() {
        if service.status != ServiceStatus::Down || service.since != now || service.paper || !care.services[service.spec].paper {
            continue;
        }
        service.downs += 1;
        let mut rng = rngs.keyed(Purpose::Care, &format!("unprompted/{}/{}/{}", service.spec, service.site, service.downs));
        if rng.chance(unprompted.probability) {
            state.unprompted.schedule(now.saturating_add(unprompted.after.sample_minutes(&mut rng)), (i, service.downs));
        }
    }
}

/// Services whose own downtime procedure falls due go on paper, if they are still down from the same
/// outage. Returns whether any did.
fn start_unprompted_downtime(state: &mut CareState, now: u32) -> bool {
    let mut any = false;
    while let Some((_, (i, downs))) = state.unprompted.pop_due(now) {
        let service = &mut state.services[i];
        if service.status == ServiceStatus::Down && service.downs == downs {
            any |= !std::mem::replace(&mut service.paper, true);
        }
    }
    any
}

/// Whether a care order's filter names a service.
fn filter_matches(filter: &ServiceFilter, service: &ServiceState, estate: &Estate) -> bool {
    filter.site.as_ref().is_none_or(|id| &estate.site_ids[service.site as usize] == id) && filter.kind.is_none_or(|k| k == service.kind)
}

/// Carries out the care orders of this minute; returns whether treatment plans are to be secured.
fn follow_orders(state: &mut CareState, estate: &Estate, care: &Care, orders: &[CareOrder], now: u32) -> bool {
    let mut secure_plans = false;
    for order in orders {
        match order {
            CareOrder::Downtime(filter) => {
                for service in state.services.iter_mut().filter(|s| filter_matches(filter, s, estate)) {
                    let paper = care.services[service.spec].paper;
                    service.paper |= paper;
                    service.organised |= paper;
                }
            }
            CareOrder::CloseEmergency(filter) | CareOrder::ReopenEmergency(filter) => {
                let close = matches!(order, CareOrder::CloseEmergency(_));
                let emergency = state.services.iter_mut().filter(|s| s.kind == ServiceKind::EmergencyDepartment);
                for service in emergency.filter(|s| filter_matches(filter, s, estate)) {
                    service.closed = close;
                }
            }
            // A second order while nurses are printing does not start them over.
            CareOrder::PrintingStarted { until } => {
                if state.printing.is_none_or(|(_, end)| end <= now) {
                    state.printing = Some((now, *until));
                }
            }
            CareOrder::SecureTreatmentPlans => secure_plans = true,
            CareOrder::DivertAmbulances => state.diverted = true,
            CareOrder::EndDiversion => state.diverted = false,
            CareOrder::CancelConsultations => state.consultations_cancelled = true,
            CareOrder::CancelOperations => state.operations_cancelled = true,
            CareOrder::ResumeScheduledCare => {
                state.consultations_cancelled = false;
                state.operations_cancelled = false;
            }
        }
    }
    secure_plans
}

/// The share of the treatment plans printed by `now`, while printing is under way.
fn printed_share(printing: Option<(u32, u32)>, now: u32) -> f64 {
    match printing {
        Some((from, until)) if until > from => f64::from(now.saturating_sub(from).min(until - from)) / f64::from(until - from),
        Some(_) => 1.0,
        None => 0.0,
    }
}

/// Secures the treatment plans of the sites whose EHR still serves them, once printing is done; where
/// the EHR has just been lost, the plans neither printed so far nor secured unprompted are out of
/// reach until the record comes back, in one timeline entry for all such sites.
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
        if ehr && state.ehr_lost_at[site].is_some() {
            // The record is back: the plans are in reach again.
            state.ehr_lost_at[site] = None;
            state.plans_lost_tenths[site] = 0;
        }
        if !ehr && state.ehr_lost_at[site].is_none() && state.inpatients[site] > 0.0 {
            state.ehr_lost_at[site] = Some(now);
            let secured = state.secured[site].max(care.secured_unprompted).max(printed_share(state.printing, now));
            state.secured[site] = secured;
            let lost = state.inpatients[site] * (1.0 - secured);
            // A plan lost again after the record came back is still one plan: the count is the most a
            // site had out of reach at once.
            state.plans_lost += (lost - state.site_plans_lost[site]).max(0.0);
            state.site_plans_lost[site] = state.site_plans_lost[site].max(lost);
            state.plans_lost_tenths[site] = (lost * 10.0).round().max(0.0) as u64;
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
        let (status, held_by_paper) = service_status(care, service, roles, &enough);
        // The cell's order can organise a procedure without changing the status: counted all the same.
        service.improvised = held_by_paper && !service.organised;
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
/// applies, and paper turns down into degraded. Also whether paper is what keeps it from being down.
fn service_status(care: &Care, service: &ServiceState, roles: &[u16], workstations_enough: &[bool]) -> (ServiceStatus, bool) {
    let spec = &care.services[service.spec];
    let site = service.site as usize;
    let mut loss: Option<Loss> = spec.depends_on.iter().filter(|d| roles[site] & role_bit(d.role) == 0).map(|d| d.loss).max();
    if spec.needs_workstations && !workstations_enough[site] {
        loss = Some(Loss::Down);
    }
    match loss {
        None => (ServiceStatus::Up, false),
        Some(Loss::Degraded) => (ServiceStatus::Degraded, false),
        Some(Loss::Down) if service.paper => (ServiceStatus::Degraded, true),
        Some(Loss::Down) => (ServiceStatus::Down, false),
    }
}
