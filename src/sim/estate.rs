//! The modelled IT estate: sites, segments, links and hosts as entities, and the state of the network.
//! Every change of a host's state goes through the ledger (`ledger.rs`).

use std::sync::Arc;

use bevy::prelude::*;

pub use super::damage::DamageGroup;
pub use super::ledger::{Census, HostChange, HostLedger};

use super::clusters::{Cluster, ClusterPlan};
use crate::data::scenario::*;

/// What the attacker has done to a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Infection {
    Clean,
    /// A silent foothold.
    Compromised,
    /// The payload is on the host, waiting to run.
    Staged,
    Encrypting,
    Encrypted,
}

impl Infection {
    pub const ALL: [Infection; 5] =
        [Infection::Clean, Infection::Compromised, Infection::Staged, Infection::Encrypting, Infection::Encrypted];
    pub(super) fn index(self) -> usize {
        self as usize
    }
    /// The attacker holds the host and can move on from it.
    pub fn is_foothold(self) -> bool {
        matches!(self, Infection::Compromised | Infection::Staged | Infection::Encrypting)
    }
}

/// Where a host stands in its recovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recovery {
    None,
    Reimaging,
    Restoring,
    /// Reinstalled and restored from a surviving backup.
    Restored,
    /// Reinstalled without its data (wiped, or no surviving backup).
    Rebuilt,
}

/// The fixed facts of a host.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Host {
    pub index: u32,
    pub segment: u32,
    pub site: u32,
    pub group: Option<u32>,
    pub role: HostRole,
    pub os: Os,
    pub domain_joined: bool,
    pub edr: bool,
    pub backup: Option<u32>,
    /// The hypervisor cluster a virtual machine runs on.
    pub cluster: Option<u32>,
}

impl Host {
    pub fn is_server(&self) -> bool {
        self.role.is_server()
    }
    pub fn matches_class(&self, class: HostClass) -> bool {
        match class {
            HostClass::Any => true,
            HostClass::Servers => self.is_server(),
            HostClass::Workstations => self.role == HostRole::Workstation,
            HostClass::WithEdr => self.edr,
            HostClass::Role(role) => self.role == role,
        }
    }
}

/// A host's stable name, such as `VIV-DC01` or `ARL-CW-0042`.
#[derive(Component, Debug, Clone)]
pub struct HostName(pub String);

/// The changing state of a host.
#[derive(Component, Debug, Clone)]
pub struct HostStatus {
    pub infection: Infection,
    pub powered: bool,
    pub recovery: Recovery,
    /// Bumped whenever pending work on the host becomes stale (power cut, reinstall).
    pub generation: u32,
    pub encryption_done_at: u32,
    /// Encryption minutes left when it was interrupted by a power-off.
    pub paused_remaining: Option<u32>,
    pub compromised_at: Option<u32>,
    pub encrypted_at: Option<u32>,
    /// Minutes the current encryption run takes from its beginning, for the share of data it reached.
    pub encryption_minutes: u32,
    /// The most of its data ever encrypted, in thousandths: it never falls, not even when the host is
    /// restored, since the harm was done.
    pub damage_permille: u32,
    /// Isolated by its EDR agent: running, but reaching nothing and reached by nothing.
    pub contained: bool,
}

impl HostStatus {
    /// Whether the host does its job: running and not being reinstalled; a workstation stops at the
    /// start of its encryption (the user is locked out), a server only once its data is encrypted (a
    /// large database being encrypted hangs and slows, but still answers for a while).
    pub fn is_serving(&self, host: &Host) -> bool {
        let encrypted = if host.is_server() {
            self.infection == Infection::Encrypted
        } else {
            matches!(self.infection, Infection::Encrypting | Infection::Encrypted)
        };
        self.powered && !encrypted && !self.contained && !matches!(self.recovery, Recovery::Reimaging | Recovery::Restoring)
    }

    /// Whether the host is on the network: running and not contained.
    pub fn is_reachable(&self) -> bool {
        self.powered && !self.contained
    }

    /// Whether the host can run the tools a requirement needs: powered, neither encrypting nor encrypted.
    pub fn runs_tools(&self) -> bool {
        self.powered && !matches!(self.infection, Infection::Encrypting | Infection::Encrypted)
    }
}

impl Default for HostStatus {
    fn default() -> Self {
        Self {
            infection: Infection::Clean,
            powered: true,
            recovery: Recovery::None,
            generation: 0,
            encryption_done_at: 0,
            paused_remaining: None,
            compromised_at: None,
            encrypted_at: None,
            encryption_minutes: 0,
            damage_permille: 0,
            contained: false,
        }
    }
}

#[derive(Clone)]
pub struct SegmentInfo {
    pub id: String,
    pub name: String,
    pub site: u32,
    pub kind: SegmentKind,
    pub hosts: Vec<u32>,
}

#[derive(Clone)]
pub struct LinkInfo {
    pub id: String,
    pub name: String,
    pub kind: LinkKind,
    pub sites: Vec<u32>,
}

#[derive(Clone)]
pub struct BackupInfo {
    pub id: String,
    pub name: String,
    pub kind: BackupKind,
    pub server: Option<u32>,
}

/// The fixed shape of the estate, built once from the scenario.
#[derive(Resource, Clone)]
pub struct Estate {
    pub scenario: Arc<Scenario>,
    pub site_ids: Vec<String>,
    pub segments: Vec<SegmentInfo>,
    pub links: Vec<LinkInfo>,
    pub backups: Vec<BackupInfo>,
    /// Host entities by host index.
    pub entities: Vec<Entity>,
    /// Each host's fixed facts by host index, as its entity's `Host` holds them: the simulation reads
    /// them by index thousands of times a night, without a lookup through the entity. Shared by every
    /// world of the scenario on a thread.
    pub host_facts: Arc<[Host]>,
    pub servers: u32,
    pub workstations: u32,
    /// `allowed[protocol][from * segments + to]`: the firewall rules, before links and isolation.
    pub allowed: [Vec<bool>; 4],
    pub access_links: Vec<u32>,
    pub domain_controllers: Vec<u32>,
    /// The hosts the attacker means to encrypt (`attacker.payload_targets`), by host index.
    pub payload_aimed: Vec<bool>,
    /// Hypervisor clusters and their guests.
    pub clusters: Vec<Cluster>,
    /// The hosts each action of the catalog works on, by action index (`response::targets_of`): a host's
    /// facts and name never change, so neither does what an action's filter names.
    pub action_targets: Arc<[Vec<u32>]>,
}

impl Estate {
    pub fn site_index(&self, id: &str) -> Option<u32> {
        self.site_ids.iter().position(|s| s == id).map(|i| i as u32)
    }
    pub fn segment_index(&self, id: &str) -> Option<u32> {
        self.segments.iter().position(|s| s.id == id).map(|i| i as u32)
    }
    pub fn link_index(&self, id: &str) -> Option<u32> {
        self.links.iter().position(|l| l.id == id).map(|i| i as u32)
    }
    pub fn host_count(&self) -> u32 {
        self.entities.len() as u32
    }
    pub fn is_allowed(&self, protocol: Protocol, from: u32, to: u32) -> bool {
        self.allowed[protocol.index()][from as usize * self.segments.len() + to as usize]
    }

    /// Segments a selector names.
    pub fn select_segments(&self, selector: &SegmentSelector) -> Vec<u32> {
        (0..self.segments.len() as u32).filter(|&s| self.segment_matches(selector, s)).collect()
    }

    pub fn segment_matches(&self, selector: &SegmentSelector, segment: u32) -> bool {
        selector_matches(selector, &self.segments[segment as usize], &self.site_ids)
    }

    /// A host filter with its ids looked up once, to test many hosts.
    pub fn host_selection<'f>(&self, filter: &'f HostFilter) -> HostSelection<'f> {
        let group = |id: &str| self.scenario.host_groups.iter().position(|g| g.id == id).map(|g| g as u32);
        HostSelection {
            filter,
            site: filter.site.as_deref().map(|id| self.site_index(id)),
            segment: filter.segment.as_deref().map(|id| self.segment_index(id)),
            group: filter.group.as_deref().map(group),
        }
    }
}

/// A host filter whose ids are looked up; an id the estate lacks matches no host.
pub struct HostSelection<'f> {
    filter: &'f HostFilter,
    site: Option<Option<u32>>,
    segment: Option<Option<u32>>,
    group: Option<Option<u32>>,
}

impl HostSelection<'_> {
    pub fn matches(&self, host: &Host, name: &str) -> bool {
        self.filter.class.is_none_or(|c| host.matches_class(c))
            && self.site.is_none_or(|s| s == Some(host.site))
            && self.segment.is_none_or(|s| s == Some(host.segment))
            && self.group.is_none_or(|g| g.is_some() && g == host.group)
            && self.filter.name.as_deref().is_none_or(|n| n == name)
    }
}

/// Puts the scenario's estate into a world: one entity per host, by host index, and the estate, its
/// network and census as resources.
pub fn spawn_estate(world: &mut World, scenario: Arc<Scenario>) {
    let built = built_estate(&scenario);
    let hosts = built.hosts.iter().map(|(host, name)| (*host, name.clone(), HostStatus::default()));
    let entities = world.spawn_batch(hosts).collect();
    world.insert_resource(Estate { entities, ..built.estate.clone() });
    world.insert_resource(built.network.clone());
    world.insert_resource(built.census.clone());
}

/// What a scenario's estate is before any replica changes it: the same for every seed.
struct BuiltEstate {
    /// Each host's fixed facts and name, by host index.
    hosts: Vec<(Host, HostName)>,
    /// The estate, without host entities yet.
    estate: Estate,
    network: Network,
    census: Census,
}

thread_local! {
    /// The estate of the last scenario built on this thread: a batch builds thousands of replicas of one
    /// scenario, and building its estate took a third of a replica's set-up.
    static LAST_BUILT: std::cell::RefCell<Option<Arc<BuiltEstate>>> = const { std::cell::RefCell::new(None) };
}

/// The scenario's estate, built on this thread at most once in a row. The cache holds the scenario
/// itself, so that another scenario can never be taken for it.
fn built_estate(scenario: &Arc<Scenario>) -> Arc<BuiltEstate> {
    LAST_BUILT.with_borrow_mut(|last| {
        if let Some(built) = last.as_ref().filter(|b| Arc::ptr_eq(&b.estate.scenario, scenario)) {
            return built.clone();
        }
        let built = Arc::new(build_estate(scenario.clone()));
        *last = Some(built.clone());
        built
    })
}

/// Lays the estate out with stable host names, in a fixed order: named servers first, then the groups
/// as the file lists them.
fn build_estate(scenario: Arc<Scenario>) -> BuiltEstate {
    let s = &scenario;
    let site_ids: Vec<String> = s.sites.iter().map(|x| x.id.clone()).collect();
    let mut segments = segment_infos(s, &site_ids);
    let mut planned = PlannedHosts::new(site_ids.len(), segments.len());
    let server_index_by_name = plan_servers(s, &mut segments, &mut planned);
    plan_groups(s, &mut segments, &mut planned);
    let clusters = std::mem::take(&mut planned.clusters).resolve(s, |name| server_index_by_name.get(name).copied());

    let links = link_infos(s, &site_ids);
    let backups = backup_infos(s, &server_index_by_name);
    let allowed = firewall_rules(s, &segments, &site_ids);
    let access_links = s.attacker.access_links.iter().filter_map(|id| links.iter().position(|l| &l.id == id)).map(|i| i as u32).collect();

    let mut network = Network::new(&segments, &links, site_ids.len());
    let census = Census::new(
        segments.len(),
        planned.hosts.iter().map(|(host, _)| host),
        planned.workstations_per_site,
        planned.workstations_per_segment,
    );
    let mut estate = Estate {
        scenario: scenario.clone(),
        site_ids,
        segments,
        links,
        backups,
        entities: Vec::new(),
        host_facts: planned.hosts.iter().map(|(host, _)| *host).collect(),
        servers: planned.servers,
        workstations: planned.workstations,
        allowed,
        access_links,
        domain_controllers: planned.domain_controllers,
        payload_aimed: Vec::new(),
        clusters,
        action_targets: Arc::from([]),
    };
    estate.payload_aimed = aimed_by_payload(&planned.hosts, &estate);
    estate.action_targets = s.actions.iter().map(|action| super::response::targets_of(&planned.hosts, &estate, &action.effect)).collect();
    // Reachability reads only the segments and links, not the host entities.
    network.refresh(&estate);
    BuiltEstate { hosts: planned.hosts, estate, network, census }
}

/// Which hosts the attacker means to encrypt, by host index.
fn aimed_by_payload(hosts: &[(Host, HostName)], estate: &Estate) -> Vec<bool> {
    let filter = &estate.scenario.attacker.payload_targets;
    if *filter == HostFilter::default() {
        return vec![true; hosts.len()];
    }
    let selection = estate.host_selection(filter);
    hosts.iter().map(|(host, name)| selection.matches(host, &name.0)).collect()
}

/// A site's index by its id (the first site for an id not found).
fn site_of(site_ids: &[String], id: &str) -> u32 {
    site_ids.iter().position(|x| x == id).unwrap_or(0) as u32
}

/// A segment's index by its id (the first segment for an id not found).
fn segment_of(s: &Scenario, id: &str) -> u32 {
    s.segments.iter().position(|x| x.id == id).unwrap_or(0) as u32
}

fn backup_of(s: &Scenario, id: &Option<String>) -> Option<u32> {
    id.as_ref().and_then(|id| s.backups.iter().position(|b| &b.id == id)).map(|i| i as u32)
}

/// The scenario's segments, without hosts yet; a segment without a name is called by its id.
fn segment_infos(s: &Scenario, site_ids: &[String]) -> Vec<SegmentInfo> {
    s.segments
        .iter()
        .map(|x| SegmentInfo {
            id: x.id.clone(),
            name: if x.name.is_empty() { x.id.clone() } else { x.name.clone() },
            site: site_of(site_ids, &x.site),
            kind: x.kind,
            hosts: Vec::new(),
        })
        .collect()
}

/// The hosts laid out so far, by host index, with the counts the estate and census keep.
struct PlannedHosts {
    hosts: Vec<(Host, HostName)>,
    servers: u32,
    workstations: u32,
    domain_controllers: Vec<u32>,
    workstations_per_site: Vec<u32>,
    workstations_per_segment: Vec<u32>,
    clusters: ClusterPlan,
}

impl PlannedHosts {
    fn new(sites: usize, segments: usize) -> Self {
        Self {
            hosts: Vec::new(),
            servers: 0,
            workstations: 0,
            domain_controllers: Vec::new(),
            workstations_per_site: vec![0; sites],
            workstations_per_segment: vec![0; segments],
            clusters: ClusterPlan::default(),
        }
    }

    /// Lays the next host out in its segment, which gives it its index and site; returns the index.
    fn add(&mut self, segments: &mut [SegmentInfo], name: String, mut host: Host, runs_on: &[String]) -> u32 {
        let index = self.hosts.len() as u32;
        host.cluster = self.clusters.place(runs_on, index);
        let segment = &mut segments[host.segment as usize];
        segment.hosts.push(index);
        host.index = index;
        host.site = segment.site;
        if host.role.is_server() {
            self.servers += 1;
        } else if host.role == HostRole::Workstation {
            self.workstations += 1;
            self.workstations_per_site[host.site as usize] += 1;
            self.workstations_per_segment[host.segment as usize] += 1;
        }
        if host.role == HostRole::DomainController {
            self.domain_controllers.push(index);
        }
        self.hosts.push((host, HostName(name)));
        index
    }
}

/// The named servers, in the order the file lists them; returns their indexes by name.
fn plan_servers(s: &Scenario, segments: &mut [SegmentInfo], planned: &mut PlannedHosts) -> std::collections::HashMap<String, u32> {
    let mut server_index_by_name = std::collections::HashMap::new();
    for server in &s.servers {
        let host = Host {
            index: 0,
            segment: segment_of(s, &server.segment),
            site: 0,
            group: None,
            role: server.role,
            os: server.os,
            domain_joined: server.domain_joined,
            edr: server.edr,
            backup: backup_of(s, &server.backup),
            cluster: None,
        };
        let index = planned.add(segments, server.name.clone(), host, &server.runs_on);
        server_index_by_name.insert(server.name.clone(), index);
    }
    server_index_by_name
}

/// The hosts of each group, named by its prefix and a number of at least four digits.
fn plan_groups(s: &Scenario, segments: &mut [SegmentInfo], planned: &mut PlannedHosts) {
    for (g, group) in s.host_groups.iter().enumerate() {
        let host = Host {
            index: 0,
            segment: segment_of(s, &group.segment),
            site: 0,
            group: Some(g as u32),
            role: group.role,
            os: group.os,
            domain_joined: group.domain_joined,
            edr: group.edr,
            backup: backup_of(s, &group.backup),
            cluster: None,
        };
        let width = group.count.to_string().len().max(4);
        for n in 1..=group.count {
            let name = format!("{}-{:0width$}", group.name_prefix, n, width = width);
            planned.add(segments, name, host, &group.runs_on);
        }
    }
}

/// The scenario's links; a link without a name is called by its id.
fn link_infos(s: &Scenario, site_ids: &[String]) -> Vec<LinkInfo> {
    s.links
        .iter()
        .map(|l| LinkInfo {
            id: l.id.clone(),
            name: if l.name.is_empty() { l.id.clone() } else { l.name.clone() },
            kind: l.kind,
            sites: l.sites.iter().map(|x| site_of(site_ids, x)).collect(),
        })
        .collect()
}

/// The scenario's backups, each with the index of the server it is kept on.
fn backup_infos(s: &Scenario, server_index_by_name: &std::collections::HashMap<String, u32>) -> Vec<BackupInfo> {
    s.backups
        .iter()
        .map(|b| BackupInfo {
            id: b.id.clone(),
            name: if b.name.is_empty() { b.id.clone() } else { b.name.clone() },
            kind: b.kind,
            server: b.server.as_ref().and_then(|name| server_index_by_name.get(name).copied()),
        })
        .collect()
}

/// `allowed[protocol][from * segments + to]`: what the reachability rules let through, before links
/// and isolation.
fn firewall_rules(s: &Scenario, segments: &[SegmentInfo], site_ids: &[String]) -> [Vec<bool>; 4] {
    let n = segments.len();
    let mut allowed: [Vec<bool>; 4] = std::array::from_fn(|_| vec![false; n * n]);
    for rule in &s.reachability {
        for from in 0..n {
            if !selector_matches(&rule.from, &segments[from], site_ids) {
                continue;
            }
            for to in 0..n {
                if !selector_matches(&rule.to, &segments[to], site_ids) {
                    continue;
                }
                let same_site = segments[from].site == segments[to].site;
                let in_scope = match rule.scope {
                    Scope::SameSegment => from == to,
                    Scope::SameSite => same_site,
                    Scope::OtherSites => !same_site,
                    Scope::Any => true,
                };
                if in_scope {
                    for protocol in &rule.protocols {
                        allowed[protocol.index()][from * n + to] = true;
                    }
                }
            }
        }
    }
    allowed
}

fn selector_matches(selector: &SegmentSelector, segment: &SegmentInfo, site_ids: &[String]) -> bool {
    match selector {
        SegmentSelector::All => true,
        SegmentSelector::Segment(id) => &segment.id == id,
        SegmentSelector::Kind(kind) => segment.kind == *kind,
        SegmentSelector::Site(site) => site_ids[segment.site as usize] == *site,
        SegmentSelector::KindAt(kind, site) => segment.kind == *kind && site_ids[segment.site as usize] == *site,
    }
}

/// Targets one segment can reach over one protocol, with running totals of host counts, so that a
/// uniformly random reachable host is one draw and a binary search.
#[derive(Debug, Clone, Default)]
pub struct ReachList {
    pub targets: Vec<(u32, u32)>,
    pub total: u32,
}

/// The changing state of the network: links, isolation, and what follows for reachability.
#[derive(Resource, Clone)]
pub struct Network {
    pub link_up: Vec<bool>,
    pub isolated: Vec<bool>,
    /// Segments whose switch ports are shut: their hosts reach nothing, not even each other.
    pub ports_shut: Vec<bool>,
    pub site_count: usize,
    /// `site_connected[a * sites + b]`: a path of uncut WAN links joins the two sites.
    pub site_connected: Vec<bool>,
    /// `reach[segment][protocol]`.
    pub reach: Vec<[ReachList; 4]>,
    /// Set when a link or an isolation changes; reachability is recomputed before it is next used.
    pub dirty: bool,
    /// Counts the recomputations, so that readers can tell the network changed.
    pub generation: u64,
}

impl Network {
    fn new(segments: &[SegmentInfo], links: &[LinkInfo], site_count: usize) -> Self {
        Self {
            link_up: vec![true; links.len()],
            isolated: vec![false; segments.len()],
            ports_shut: vec![false; segments.len()],
            site_count,
            site_connected: vec![false; site_count * site_count],
            reach: vec![Default::default(); segments.len()],
            dirty: true,
            generation: 0,
        }
    }

    /// Whether traffic can pass between two segments at all (firewall rules aside).
    pub fn connected(&self, estate: &Estate, a: u32, b: u32) -> bool {
        if self.ports_shut[a as usize] || self.ports_shut[b as usize] {
            return false;
        }
        if a == b {
            return true;
        }
        if self.isolated[a as usize] || self.isolated[b as usize] {
            return false;
        }
        let sa = estate.segments[a as usize].site as usize;
        let sb = estate.segments[b as usize].site as usize;
        self.site_connected[sa * self.site_count + sb]
    }

    /// Whether the intruders can still operate from outside.
    pub fn attacker_has_access(&self, estate: &Estate) -> bool {
        estate.access_links.iter().any(|&l| self.link_up[l as usize])
    }

    /// Recomputes site connectivity and reach lists after a change.
    pub fn refresh(&mut self, estate: &Estate) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        self.generation += 1;
        let n = self.site_count;
        self.site_connected.fill(false);
        for start in 0..n {
            let mut stack = vec![start];
            self.site_connected[start * n + start] = true;
            while let Some(site) = stack.pop() {
                for (l, link) in estate.links.iter().enumerate() {
                    if link.kind != LinkKind::Wan || !self.link_up[l] || link.sites.len() != 2 {
                        continue;
                    }
                    let (a, b) = (link.sites[0] as usize, link.sites[1] as usize);
                    let other = if a == site {
                        b
                    } else if b == site {
                        a
                    } else {
                        continue;
                    };
                    if !self.site_connected[start * n + other] {
                        self.site_connected[start * n + other] = true;
                        stack.push(other);
                    }
                }
            }
        }
        let segments = estate.segments.len() as u32;
        for from in 0..segments {
            for protocol in Protocol::ALL {
                // The list is refilled in place, keeping its allocation.
                let mut list = std::mem::take(&mut self.reach[from as usize][protocol.index()]);
                list.targets.clear();
                list.total = 0;
                for to in 0..segments {
                    let hosts = estate.segments[to as usize].hosts.len() as u32;
                    if hosts > 0 && estate.is_allowed(protocol, from, to) && self.connected(estate, from, to) {
                        list.total += hosts;
                        list.targets.push((to, list.total));
                    }
                }
                self.reach[from as usize][protocol.index()] = list;
            }
        }
    }
}
