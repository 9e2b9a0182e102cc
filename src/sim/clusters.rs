//! Virtual machines and the hypervisor clusters they run on: a guest runs only while one of its
//! cluster's hypervisors runs, so stopping a cluster takes every guest down with it.

use super::estate::HostLedger;
use crate::data::scenario::{HostRole, Scenario};

/// The hypervisors a set of guests runs on, and those guests, by host index.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub hypervisors: Vec<u32>,
    pub guests: Vec<u32>,
}

/// The clusters of a scenario, one per distinct `runs_on` list, in the order first named.
#[derive(Debug, Default)]
pub struct ClusterPlan {
    lists: Vec<Vec<String>>,
    pub clusters: Vec<Cluster>,
}

impl ClusterPlan {
    /// The cluster a host's `runs_on` names, if any; the guest is recorded in it.
    pub fn place(&mut self, runs_on: &[String], guest: u32) -> Option<u32> {
        if runs_on.is_empty() {
            return None;
        }
        let index = match self.lists.iter().position(|l| l == runs_on) {
            Some(i) => i,
            None => {
                self.lists.push(runs_on.to_vec());
                self.clusters.push(Cluster::default());
                self.lists.len() - 1
            }
        };
        self.clusters[index].guests.push(guest);
        Some(index as u32)
    }

    /// Resolves each cluster's hypervisors once every host has its index: a name is a named server, or
    /// the id of a host group whose hosts all count (hosts are indexed named servers first, then the
    /// groups in file order).
    pub fn resolve(mut self, scenario: &Scenario, server_index: impl Fn(&str) -> Option<u32>) -> Vec<Cluster> {
        let group_hosts = |id: &str| -> Vec<u32> {
            let Some(g) = scenario.host_groups.iter().position(|g| g.id == id) else { return Vec::new() };
            let first = scenario.servers.len() as u32 + scenario.host_groups[..g].iter().map(|x| x.count).sum::<u32>();
            (first..first + scenario.host_groups[g].count).collect()
        };
        for (list, cluster) in self.lists.iter().zip(self.clusters.iter_mut()) {
            for name in list {
                match server_index(name) {
                    Some(i) => cluster.hypervisors.push(i),
                    None => cluster.hypervisors.extend(group_hosts(name)),
                }
            }
        }
        self.clusters
    }
}

impl HostLedger<'_, '_> {
    /// Stops a host; a hypervisor that was the last of its cluster to run takes the cluster's guests
    /// down with it. Returns whether the host was running.
    pub fn power_off_with_guests(&mut self, index: u32, minute: u32) -> bool {
        if !self.power_off(index, minute) {
            return false;
        }
        if self.facts(index).role == HostRole::Hypervisor {
            let stopped: Vec<usize> = (0..self.estate.clusters.len())
                .filter(|&c| self.estate.clusters[c].hypervisors.contains(&index) && !self.cluster_runs(c))
                .collect();
            for c in stopped {
                for g in 0..self.estate.clusters[c].guests.len() {
                    let guest = self.estate.clusters[c].guests[g];
                    self.power_off(guest, minute);
                }
            }
        }
        true
    }

    /// Starts a host, unless it is a guest none of whose hypervisors runs. Returns whether it started.
    pub fn power_on_if_hosted(&mut self, index: u32, minute: u32) -> bool {
        match self.facts(index).cluster {
            Some(c) if !self.cluster_runs(c as usize) => false,
            _ => self.power_on(index, minute),
        }
    }

    /// Whether at least one hypervisor of a cluster runs.
    fn cluster_runs(&self, cluster: usize) -> bool {
        self.estate.clusters[cluster].hypervisors.iter().any(|&h| self.host(h).1.powered)
    }
}
