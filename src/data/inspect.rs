//! What `inspect` shows of a scenario: its sites, segments and links, with host counts by site,
//! segment and role, counted from the scenario alone.

use std::collections::BTreeMap;

use serde::Serialize;

use super::scenario::{HostRole, Scenario};

#[derive(Serialize)]
pub struct InspectSite {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub beds: u32,
    pub hosts: u32,
    pub servers: u32,
    pub workstations: u32,
}

#[derive(Serialize)]
pub struct InspectSegment {
    pub id: String,
    pub name: String,
    pub site: String,
    pub kind: String,
    pub hosts: u32,
}

#[derive(Serialize)]
pub struct InspectLink {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub sites: Vec<String>,
}

#[derive(Serialize)]
pub struct InspectHosts {
    pub total: u32,
    pub servers: u32,
    pub workstations: u32,
    pub other: u32,
    pub by_role: BTreeMap<String, u32>,
    pub by_os: BTreeMap<String, u32>,
    /// Members of the Windows domain: those a Group Policy push reaches.
    pub domain_joined: u32,
    /// Hosts with an EDR agent: those an EDR detection source watches.
    pub with_edr: u32,
}

/// Host counts by operating system, domain membership and EDR.
#[derive(Default)]
struct Exposure {
    by_os: BTreeMap<String, u32>,
    domain_joined: u32,
    with_edr: u32,
}

impl Exposure {
    fn of(s: &Scenario) -> Self {
        let mut out = Exposure::default();
        let hosts = s
            .servers
            .iter()
            .map(|x| (x.os, x.domain_joined, x.edr, 1))
            .chain(s.host_groups.iter().map(|g| (g.os, g.domain_joined, g.edr, g.count)));
        for (os, joined, edr, count) in hosts {
            *out.by_os.entry(format!("{os:?}")).or_default() += count;
            out.domain_joined += if joined { count } else { 0 };
            out.with_edr += if edr { count } else { 0 };
        }
        out
    }
}

/// A scenario's estate counted, as `inspect` prints it (and `inspect --json` writes it).
#[derive(Serialize)]
pub struct Inspection {
    pub id: String,
    pub name: String,
    pub version: String,
    pub start: String,
    pub time_zone: String,
    pub hosts: InspectHosts,
    pub sites: Vec<InspectSite>,
    pub segments: Vec<InspectSegment>,
    pub links: Vec<InspectLink>,
    pub backups: Vec<String>,
    pub actions: Vec<String>,
}

/// Hosts, servers and workstations in one segment.
#[derive(Default)]
struct Counts {
    hosts: u32,
    servers: u32,
    workstations: u32,
}

impl Inspection {
    /// Counts a scenario's estate.
    pub fn of(s: &Scenario) -> Self {
        let (by_segment, by_role) = hosts_by_segment_and_role(s);
        let total: u32 = by_segment.values().map(|c| c.hosts).sum();
        let servers: u32 = by_segment.values().map(|c| c.servers).sum();
        let workstations: u32 = by_segment.values().map(|c| c.workstations).sum();
        Inspection {
            id: s.meta.id.clone(),
            name: s.meta.name.clone(),
            version: s.meta.version.clone(),
            start: s.meta.start.clone(),
            time_zone: s.meta.time_zone.clone(),
            hosts: {
                let exposure = Exposure::of(s);
                InspectHosts {
                    total,
                    servers,
                    workstations,
                    other: total - servers - workstations,
                    by_role,
                    by_os: exposure.by_os,
                    domain_joined: exposure.domain_joined,
                    with_edr: exposure.with_edr,
                }
            },
            sites: sites(s, &by_segment),
            segments: s
                .segments
                .iter()
                .map(|x| InspectSegment {
                    id: x.id.clone(),
                    name: x.name.clone(),
                    site: x.site.clone(),
                    kind: format!("{:?}", x.kind),
                    hosts: by_segment.get(x.id.as_str()).map_or(0, |c| c.hosts),
                })
                .collect(),
            links: s
                .links
                .iter()
                .map(|l| InspectLink { id: l.id.clone(), name: l.name.clone(), kind: format!("{:?}", l.kind), sites: l.sites.clone() })
                .collect(),
            backups: s.backups.iter().map(|b| format!("{} ({:?})", b.id, b.kind)).collect(),
            actions: s.actions.iter().map(|a| a.id.clone()).collect(),
        }
    }
}

/// The hosts of each segment (named servers and groups alike), and the number of hosts of each role.
fn hosts_by_segment_and_role(s: &Scenario) -> (BTreeMap<String, Counts>, BTreeMap<String, u32>) {
    let mut by_segment: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_role: BTreeMap<String, u32> = BTreeMap::new();
    let mut add = |segment: &str, role: HostRole, count: u32| {
        let entry = by_segment.entry(segment.to_string()).or_default();
        entry.hosts += count;
        if role.is_server() {
            entry.servers += count;
        } else if role == HostRole::Workstation {
            entry.workstations += count;
        }
        *by_role.entry(format!("{role:?}")).or_default() += count;
    };
    for server in &s.servers {
        add(&server.segment, server.role, 1);
    }
    for group in &s.host_groups {
        add(&group.segment, group.role, group.count);
    }
    (by_segment, by_role)
}

/// Each site with the hosts of its segments.
fn sites(s: &Scenario, by_segment: &BTreeMap<String, Counts>) -> Vec<InspectSite> {
    let segment_site = |id: &str| s.segments.iter().find(|x| x.id == id).map(|x| x.site.as_str()).unwrap_or("");
    s.sites
        .iter()
        .map(|site| {
            let mut here = Counts::default();
            for (segment, counts) in by_segment {
                if segment_site(segment) == site.id {
                    here.hosts += counts.hosts;
                    here.servers += counts.servers;
                    here.workstations += counts.workstations;
                }
            }
            InspectSite {
                id: site.id.clone(),
                name: site.name.clone(),
                kind: format!("{:?}", site.kind),
                beds: site.beds,
                hosts: here.hosts,
                servers: here.servers,
                workstations: here.workstations,
            }
        })
        .collect()
}
