//! The estate an inventory describes, planned as a scenario holds it: sites (their kinds and beds),
//! segments, the hub and its links, backup sets, named servers and groups of alike hosts. A pure
//! function of the inventory's rows and the template: no RON text is involved.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::data::scenario::{
    BackupKind, BackupSet, HostGroup, HostRole, Link, LinkKind, NamedServer, Os, Scenario, Segment, SegmentKind, Site, SiteKind,
};
use crate::import::table::simplify;

use super::rows::InventoryHost;

/// The estate of the new scenario.
pub struct Estate {
    pub sites: Vec<Site>,
    /// How many sites named nothing that tells their kind: a general hospital is assumed.
    pub guessed_kinds: usize,
    /// The template's beds, which the sites with beds share.
    pub template_beds: u32,
    pub segments: Vec<Segment>,
    pub hub: Hub,
    pub links: Vec<Link>,
    pub backups: Vec<BackupSet>,
    /// Every server, by its own name.
    pub servers: Vec<NamedServer>,
    /// Workstations and medical devices, in groups of alike hosts.
    pub host_groups: Vec<HostGroup>,
    pub workstations: usize,
    pub devices: usize,
}

/// The site the links meet at: where the domain controllers are, else where most servers are.
pub struct Hub {
    /// The hub's id in the new estate.
    pub id: String,
    /// The hub's name as the inventory writes it.
    pub name: String,
    /// The template's hub: the site of its internet link, else its first site.
    pub template_id: String,
}

/// Plans the estate of an inventory's hosts on a template, phase by phase.
pub fn plan_estate(hosts: &[InventoryHost], template: &Scenario) -> Estate {
    // Sites and segments share one set of ids.
    let mut taken = BTreeSet::new();
    let site_ids = site_ids(hosts, &mut taken);
    let (mut sites, guessed_kinds) = plan_sites(hosts, &site_ids);
    let template_beds: u32 = template.sites.iter().map(|s| s.beds).sum();
    share_beds(&mut sites, hosts, template_beds);
    let (segments, segment_ids) = plan_segments(hosts, &site_ids, &mut taken);
    let hub = find_hub(hosts, &site_ids, template);
    let links = plan_links(template, &hub, &sites);
    let (backups, backup_ids) = plan_backups(hosts);
    let placement = Placement { segment_ids, backup_ids };
    Estate {
        servers: plan_servers(hosts, &placement),
        host_groups: plan_host_groups(hosts, &placement),
        workstations: hosts.iter().filter(|h| h.role == HostRole::Workstation).count(),
        devices: hosts.iter().filter(|h| h.role == HostRole::MedicalDevice).count(),
        sites,
        guessed_kinds,
        template_beds,
        segments,
        hub,
        links,
        backups,
    }
}

/// The sites' names in the order the inventory first names them, each with its new id.
struct SiteIds {
    order: Vec<String>,
    ids: BTreeMap<String, String>,
}

fn site_ids(hosts: &[InventoryHost], taken: &mut BTreeSet<String>) -> SiteIds {
    let mut order: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for host in hosts {
        if seen.insert(host.site.as_str()) {
            order.push(host.site.clone());
        }
    }
    let ids = order.iter().map(|s| (s.clone(), unique(slug(s), taken))).collect();
    SiteIds { order, ids }
}

/// Workstations by site name, counted in one pass.
fn workstations_by_site(hosts: &[InventoryHost]) -> std::collections::HashMap<&str, usize> {
    let mut counts = std::collections::HashMap::new();
    for host in hosts.iter().filter(|h| h.role == HostRole::Workstation) {
        *counts.entry(host.site.as_str()).or_insert(0) += 1;
    }
    counts
}

/// The sites, with kinds from their names and no beds yet; and how many kinds were guessed.
fn plan_sites(hosts: &[InventoryHost], site_ids: &SiteIds) -> (Vec<Site>, usize) {
    let mut guessed_kinds = 0;
    let workstations = workstations_by_site(hosts);
    let sites = site_ids
        .order
        .iter()
        .map(|name| {
            let (kind, guessed) = site_kind_of(name, workstations.get(name.as_str()).is_some_and(|&n| n > 0));
            guessed_kinds += usize::from(guessed);
            Site { id: site_ids.ids[name].clone(), name: name.clone(), kind, beds: 0 }
        })
        .collect();
    (sites, guessed_kinds)
}

/// Beds: the template's, shared among the new sites that have beds by their workstations (ASSUMPTION);
/// what rounding leaves goes to the largest.
fn share_beds(sites: &mut [Site], hosts: &[InventoryHost], template_beds: u32) {
    let bedded = |kind: SiteKind| matches!(kind, SiteKind::GeneralHospital | SiteKind::PsychiatricHospital | SiteKind::NursingHome);
    let workstations = workstations_by_site(hosts);
    let weights: Vec<usize> =
        sites.iter().map(|s| if bedded(s.kind) { workstations.get(s.name.as_str()).copied().unwrap_or(0).max(1) } else { 0 }).collect();
    let total_weight: usize = weights.iter().sum();
    if total_weight == 0 {
        return;
    }
    let mut given = 0u32;
    for (site, weight) in sites.iter_mut().zip(&weights) {
        site.beds = (u64::from(template_beds) * *weight as u64 / total_weight as u64) as u32;
        given += site.beds;
    }
    if let Some(largest) = weights.iter().enumerate().max_by_key(|(_, w)| **w).map(|(i, _)| i) {
        sites[largest].beds += template_beds - given;
    }
}

/// A host's segment as the inventory names it, or its site's segment for its kind when it names none.
fn segment_name_of(host: &InventoryHost) -> String {
    if host.segment.is_empty() {
        match host.role {
            HostRole::Workstation => "workstations".to_string(),
            HostRole::MedicalDevice => "medical devices".to_string(),
            _ => "servers".to_string(),
        }
    } else {
        host.segment.clone()
    }
}

/// A segment's key: its site's and its own name as the inventory writes them.
type SegmentKey = (String, String);

fn segment_key(host: &InventoryHost) -> SegmentKey {
    (host.site.clone(), segment_name_of(host))
}

/// Segments: the inventory's, per site, in the order it first names them; and each one's id.
fn plan_segments(hosts: &[InventoryHost], site_ids: &SiteIds, taken: &mut BTreeSet<String>) -> (Vec<Segment>, HashMap<SegmentKey, String>) {
    let mut order: Vec<SegmentKey> = Vec::new();
    let mut roles: HashMap<SegmentKey, Vec<HostRole>> = HashMap::new();
    for host in hosts {
        let key = segment_key(host);
        if !roles.contains_key(&key) {
            order.push(key.clone());
        }
        roles.entry(key).or_default().push(host.role);
    }
    let mut ids: HashMap<SegmentKey, String> = HashMap::new();
    let mut segments: Vec<Segment> = Vec::new();
    for key in &order {
        let site = &site_ids.ids[&key.0];
        let id = unique(format!("{site}-{}", slug(&key.1)), taken);
        let kind = segment_kind_of(&key.1, &roles[key]);
        segments.push(Segment { id: id.clone(), site: site.clone(), kind, name: format!("{} {}", key.0, key.1) });
        ids.insert(key.clone(), id);
    }
    (segments, ids)
}

fn find_hub(hosts: &[InventoryHost], site_ids: &SiteIds, template: &Scenario) -> Hub {
    let name = hosts
        .iter()
        .find(|h| h.role == HostRole::DomainController)
        .map(|h| h.site.clone())
        .or_else(|| site_ids.order.iter().max_by_key(|s| hosts.iter().filter(|h| &h.site == *s && h.role.is_server()).count()).cloned())
        .unwrap_or_default();
    let template_id = template
        .links
        .iter()
        .find(|l| l.kind == LinkKind::Internet)
        .and_then(|l| l.sites.first().cloned())
        .unwrap_or_else(|| template.sites.first().map(|s| s.id.clone()).unwrap_or_default());
    Hub { id: site_ids.ids.get(&name).cloned().unwrap_or_default(), name, template_id }
}

/// Links: the template's internet and partner links at the hub, and a star of WAN links from it.
fn plan_links(template: &Scenario, hub: &Hub, sites: &[Site]) -> Vec<Link> {
    let template_hub_name = template.sites.iter().find(|s| s.id == hub.template_id).map(|s| s.name.clone()).unwrap_or_default();
    let mut links: Vec<Link> = template
        .links
        .iter()
        .filter(|l| l.kind != LinkKind::Wan)
        .map(|l| Link {
            id: l.id.clone(),
            name: rename_place(&l.name, &template_hub_name, &hub.name),
            kind: l.kind,
            sites: vec![hub.id.clone()],
        })
        .collect();
    let mut link_ids: BTreeSet<String> = links.iter().map(|l| l.id.clone()).collect();
    for site in sites.iter().filter(|site| site.id != hub.id) {
        let id = unique(format!("wan-{}", site.id), &mut link_ids);
        links.push(Link {
            id,
            name: format!("WAN {} - {}", hub.name, site.name),
            kind: LinkKind::Wan,
            sites: vec![hub.id.clone(), site.id.clone()],
        });
    }
    links
}

/// Backups: one set per name the inventory gives, an online one on the backup server; and each
/// name's set id.
fn plan_backups(hosts: &[InventoryHost]) -> (Vec<BackupSet>, BTreeMap<String, String>) {
    let backup_server = hosts.iter().find(|h| h.role == HostRole::BackupServer).map(|h| h.name.clone());
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut backups: Vec<BackupSet> = Vec::new();
    let mut taken = BTreeSet::new();
    for host in hosts {
        if let Some(name) = &host.backup
            && !ids.contains_key(name)
        {
            let id = unique(slug(name), &mut taken);
            let kind = backup_kind_of(name);
            let server = if kind == BackupKind::Online { backup_server.clone() } else { None };
            backups.push(BackupSet { id: id.clone(), name: name.clone(), kind, server });
            ids.insert(name.clone(), id);
        }
    }
    (backups, ids)
}

/// Where hosts go: their segment's id, and their backup set's.
struct Placement {
    segment_ids: HashMap<SegmentKey, String>,
    backup_ids: BTreeMap<String, String>,
}

impl Placement {
    fn segment(&self, host: &InventoryHost) -> String {
        self.segment_ids[&segment_key(host)].clone()
    }

    fn backup(&self, backup: Option<&String>) -> Option<String> {
        backup.map(|b| self.backup_ids[b].clone())
    }
}

/// Every server, by its own name.
fn plan_servers(hosts: &[InventoryHost], placement: &Placement) -> Vec<NamedServer> {
    hosts
        .iter()
        .filter(|h| h.role.is_server())
        .map(|h| NamedServer {
            name: h.name.clone(),
            segment: placement.segment(h),
            role: h.role,
            os: h.os,
            domain_joined: h.domain_joined,
            edr: h.edr,
            backup: placement.backup(h.backup.as_ref()),
            // An inventory does not say which hypervisors a server runs on, whose data it holds, nor
            // which servers it needs.
            runs_on: Vec::new(),
            serves: Vec::new(),
            needs: Vec::new(),
            description: h.description.clone(),
        })
        .collect()
}

/// Workstations and devices in groups of alike hosts (segment, role, system, domain, EDR and backup),
/// in the order the inventory first lists each; names are generated from the prefix they share.
fn plan_host_groups(hosts: &[InventoryHost], placement: &Placement) -> Vec<HostGroup> {
    type GroupKey = (String, HostRole, String, bool, bool, Option<String>);
    let mut order: Vec<GroupKey> = Vec::new();
    let mut members: HashMap<GroupKey, (Os, Vec<&str>)> = HashMap::new();
    for host in hosts.iter().filter(|h| !h.role.is_server()) {
        let key: GroupKey =
            (placement.segment(host), host.role, format!("{:?}", host.os), host.domain_joined, host.edr, host.backup.clone());
        if !members.contains_key(&key) {
            order.push(key.clone());
        }
        members.entry(key).or_insert((host.os, Vec::new())).1.push(&host.name);
    }
    let mut prefixes = BTreeSet::new();
    let mut group_ids = BTreeSet::new();
    let mut host_groups: Vec<HostGroup> = Vec::new();
    for key in &order {
        let (os, names) = &members[key];
        let (segment, role, _, domain_joined, edr, backup) = key;
        // Host groups have ids of their own: a group is named after its segment.
        let id = unique(segment.clone(), &mut group_ids);
        let found = common_prefix(names);
        let base = if found.chars().count() >= 2 { found } else { segment.to_uppercase() };
        host_groups.push(HostGroup {
            id,
            segment: segment.clone(),
            count: names.len() as u32,
            role: *role,
            os: *os,
            domain_joined: *domain_joined,
            edr: *edr,
            backup: placement.backup(backup.as_ref()),
            runs_on: Vec::new(),
            serves: Vec::new(),
            name_prefix: unique(base, &mut prefixes),
        });
    }
    host_groups
}

/// An identifier made of a free text: lower case letters, digits and dashes.
fn slug(text: &str) -> String {
    let simple = simplify(text);
    let slug: String = simple.split_whitespace().collect::<Vec<_>>().join("-");
    if slug.is_empty() { "x".to_string() } else { slug }
}

/// A unique identifier, numbered when the plain one is taken.
fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// A site's kind from its name, and whether it had to be guessed (nothing in the name told it).
fn site_kind_of(name: &str, has_workstations: bool) -> (SiteKind, bool) {
    let t = simplify(name);
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["nursing", "care home", "maison de repos", "mrs", "ehpad", "residence"]) {
        (SiteKind::NursingHome, false)
    } else if has(&["psych", "mental"]) {
        (SiteKind::PsychiatricHospital, false)
    } else if has(&["polyclinic", "polyclinique", "outpatient", "consultation", "medical centre", "medical center"]) {
        (SiteKind::Polyclinic, false)
    } else if has(&[
        "headquarters",
        "head office",
        "hq",
        "siege",
        "datacentre",
        "data centre",
        "datacenter",
        "data center",
        "administration",
    ]) || !has_workstations
    {
        (SiteKind::Headquarters, false)
    } else if has(&["hospital", "hopital", "chu", "chr", "clinic", "clinique", "infirmary"]) {
        (SiteKind::GeneralHospital, false)
    } else {
        // Nothing in the name: ASSUMPTION, a general hospital.
        (SiteKind::GeneralHospital, true)
    }
}

/// A segment's kind from its name, else from the roles of the hosts it holds.
fn segment_kind_of(name: &str, roles: &[HostRole]) -> SegmentKind {
    let t = simplify(name);
    let has = |words: &[&str]| words.iter().any(|w| t.split_whitespace().any(|part| part == *w) || (w.len() > 4 && t.contains(w)));
    if has(&["dmz"]) {
        return SegmentKind::Dmz;
    }
    if has(&["backup", "sauvegarde", "bck"]) {
        return SegmentKind::Backup;
    }
    if has(&["management", "mgmt", "oob", "ilo", "idrac", "administration reseau"]) {
        return SegmentKind::Management;
    }
    if has(&["biomed", "biomedical", "medical", "modality", "modalities", "devices", "iomt"]) {
        return SegmentKind::MedicalDevices;
    }
    // Otherwise the hosts it holds decide: most servers, most devices, or workstations.
    let servers = roles.iter().filter(|r| r.is_server()).count();
    let devices = roles.iter().filter(|r| **r == HostRole::MedicalDevice).count();
    let workstations = roles.len() - servers - devices;
    if servers >= workstations && servers >= devices {
        SegmentKind::Servers
    } else if devices > workstations {
        SegmentKind::MedicalDevices
    } else if has(&["admin", "administration", "administratif", "office", "bureau", "bureautique", "finance", "hr", "rh"]) {
        SegmentKind::AdministrationWorkstations
    } else {
        SegmentKind::ClinicalWorkstations
    }
}

/// A backup's kind from its name: offline when it says tape, offline, immutable or air gap.
fn backup_kind_of(name: &str) -> BackupKind {
    let t = simplify(name);
    if ["offline", "off line", "tape", "bande", "air gap", "airgap", "immutable", "immuable", "vault", "hors ligne", "lto"]
        .iter()
        .any(|w| t.contains(w))
    {
        BackupKind::Offline
    } else {
        BackupKind::Online
    }
}

/// The name prefix hosts share, without trailing digits or separators.
fn common_prefix(names: &[&str]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut prefix: &str = first;
    for name in names {
        while !name.starts_with(prefix) {
            prefix = &prefix[..prefix.len() - prefix.chars().last().map_or(1, char::len_utf8)];
        }
    }
    prefix.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_' || c == '.').to_string()
}

/// A name with the template's hub (its first word, as names shorten it) replaced by the new hub.
fn rename_place(name: &str, template_hub: &str, hub: &str) -> String {
    let short = template_hub.split([' ', '-', '(']).next().unwrap_or("");
    if short.len() >= 3 && name.contains(short) { name.replace(short, hub) } else { name.to_string() }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    pub(in crate::import::inventory) fn vivalia() -> Scenario {
        crate::data::load::load_scenario("vivalia-2022").map(|l| l.scenario).unwrap_or_else(|e| panic!("{e}"))
    }

    fn host(name: &str, site: &str, segment: &str, role: HostRole) -> InventoryHost {
        InventoryHost {
            name: name.to_string(),
            site: site.to_string(),
            segment: segment.to_string(),
            role,
            os: if role == HostRole::Workstation { Os::WindowsClient } else { Os::WindowsServer },
            domain_joined: true,
            backup: None,
            edr: false,
            description: String::new(),
            row: 0,
        }
    }

    /// A small hospital group: a data centre with the servers, a hospital and a nursing home.
    pub(in crate::import::inventory) fn hosts() -> Vec<InventoryHost> {
        let mut hosts = vec![
            host("SL-DC01", "Datacentre Namur", "Servers DC", HostRole::DomainController),
            host("SL-EHR01", "Datacentre Namur", "Servers DC", HostRole::Ehr),
            host("SL-BCK01", "Datacentre Namur", "Backup VLAN", HostRole::BackupServer),
        ];
        hosts[1].backup = Some("Tape weekly (offline)".to_string());
        for i in 1..=3 {
            hosts.push(host(&format!("HSL-CW00{i}"), "Hôpital Saint-Luc", "", HostRole::Workstation));
        }
        hosts.push(host("MR-WS01", "Maison de repos Les Tilleuls", "", HostRole::Workstation));
        hosts
    }

    #[test]
    fn sites_come_from_the_rows_in_the_order_they_are_first_named() {
        let estate = plan_estate(&hosts(), &vivalia());
        let sites: Vec<(&str, &str, SiteKind)> = estate.sites.iter().map(|s| (s.id.as_str(), s.name.as_str(), s.kind)).collect();
        assert_eq!(
            sites,
            vec![
                ("datacentre-namur", "Datacentre Namur", SiteKind::Headquarters),
                ("hopital-saint-luc", "Hôpital Saint-Luc", SiteKind::GeneralHospital),
                ("maison-de-repos-les-tilleuls", "Maison de repos Les Tilleuls", SiteKind::NursingHome),
            ]
        );
        assert_eq!(estate.guessed_kinds, 0);
        assert_eq!(estate.sites.iter().map(|s| s.beds).sum::<u32>(), estate.template_beds, "every bed of the template is placed");
        assert_eq!(estate.sites[0].beds, 0, "a data centre has no beds");
        assert_eq!((estate.hub.id.as_str(), estate.hub.name.as_str()), ("datacentre-namur", "Datacentre Namur"));
    }

    #[test]
    fn a_segments_kind_comes_from_its_name_else_from_its_hosts() {
        assert_eq!(segment_kind_of("VLAN Backup", &[HostRole::Workstation]), SegmentKind::Backup);
        assert_eq!(segment_kind_of("DMZ", &[HostRole::Workstation]), SegmentKind::Dmz);
        assert_eq!(segment_kind_of("VLAN 20", &[HostRole::Ehr, HostRole::Workstation]), SegmentKind::Servers);
        assert_eq!(segment_kind_of("Bureautique", &[HostRole::Workstation]), SegmentKind::AdministrationWorkstations);
        assert_eq!(segment_kind_of("VLAN 30", &[HostRole::Workstation]), SegmentKind::ClinicalWorkstations);
        let estate = plan_estate(&hosts(), &vivalia());
        let segments: Vec<(&str, SegmentKind)> = estate.segments.iter().map(|s| (s.id.as_str(), s.kind)).collect();
        assert_eq!(
            segments,
            vec![
                ("datacentre-namur-servers-dc", SegmentKind::Servers),
                ("datacentre-namur-backup-vlan", SegmentKind::Backup),
                ("hopital-saint-luc-workstations", SegmentKind::ClinicalWorkstations),
                ("maison-de-repos-les-tilleuls-workstations", SegmentKind::ClinicalWorkstations),
            ]
        );
    }

    #[test]
    fn servers_keep_their_names_and_alike_hosts_are_grouped() {
        let estate = plan_estate(&hosts(), &vivalia());
        let servers: Vec<&str> = estate.servers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(servers, vec!["SL-DC01", "SL-EHR01", "SL-BCK01"]);
        assert_eq!(estate.servers[1].backup.as_deref(), Some("tape-weekly-offline"));
        assert_eq!(estate.backups[0].kind, BackupKind::Offline);
        let groups: Vec<(&str, u32, &str)> = estate.host_groups.iter().map(|g| (g.id.as_str(), g.count, g.name_prefix.as_str())).collect();
        assert_eq!(
            groups,
            vec![("hopital-saint-luc-workstations", 3, "HSL-CW"), ("maison-de-repos-les-tilleuls-workstations", 1, "MR-WS"),]
        );
        assert_eq!((estate.workstations, estate.devices), (4, 0));
    }

    #[test]
    fn links_meet_at_the_hub() {
        let estate = plan_estate(&hosts(), &vivalia());
        let wan: Vec<(&str, &[String])> =
            estate.links.iter().filter(|l| l.kind == LinkKind::Wan).map(|l| (l.id.as_str(), l.sites.as_slice())).collect();
        assert_eq!(wan.len(), 2, "one WAN link from the hub to each other site");
        assert!(wan.iter().all(|(_, sites)| sites[0] == "datacentre-namur"));
        let internet = estate.links.iter().find(|l| l.kind == LinkKind::Internet).unwrap_or_else(|| panic!("the template's internet link"));
        assert_eq!(internet.sites, vec!["datacentre-namur".to_string()]);
    }

    #[test]
    fn shared_prefixes_drop_their_numbers() {
        assert_eq!(common_prefix(&["ARL-CW001", "ARL-CW002", "ARL-CW113"]), "ARL-CW");
        assert_eq!(common_prefix(&["PC12", "LAPTOP3"]), "");
        assert_eq!(slug("Hôpital Saint-Joseph (Arlon)"), "hopital-saint-joseph-arlon");
    }
}
