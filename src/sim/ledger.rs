//! The ledger through which every change of a host's state goes, and the census it keeps, so that
//! the counts stay true without any system scanning every host each minute.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::damage::DamageGroup;
use super::estate::{Estate, Host, HostStatus, Infection, Network, Recovery};
use crate::data::scenario::{HostClass, HostRole};

/// Counts kept up to date by the ledger, so that no system has to scan every host each minute.
#[derive(Resource, Debug, Clone)]
pub struct Census {
    pub by_infection: [u32; 5],
    pub powered_off: u32,
    /// Running hosts per segment from which the attacker can move on.
    pub footholds_running: Vec<u32>,
    pub footholds_total: u32,
    /// Hosts encrypting or encrypted, servers and workstations.
    pub hit_servers: u32,
    pub hit_workstations: u32,
    pub restored: u32,
    pub rebuilt: u32,
    /// Thousandths of hosts ever encrypted, by `DamageGroup`.
    pub damage_permille: [u64; DamageGroup::COUNT],
    /// Workstations per site, and those doing their job per segment.
    pub workstations_total: Vec<u32>,
    pub workstations_serving: Vec<u32>,
    /// Hosts that can run tools (`HostStatus::runs_tools`), by role, and those of them with an EDR
    /// agent: what a decision needing a running host of a class waits on.
    running_by_role: [u32; HostRole::ALL.len()],
    running_with_edr: u32,
}

impl Census {
    /// The counts of an estate whose hosts are all clean and running.
    pub(super) fn new<'a>(
        segments: usize,
        hosts: impl ExactSizeIterator<Item = &'a Host>,
        workstations_per_site: Vec<u32>,
        workstations_per_segment: Vec<u32>,
    ) -> Self {
        let mut by_infection = [0; 5];
        by_infection[Infection::Clean.index()] = hosts.len() as u32;
        let (mut running_by_role, mut running_with_edr) = ([0; HostRole::ALL.len()], 0);
        for host in hosts {
            running_by_role[host.role as usize] += 1;
            running_with_edr += u32::from(host.edr);
        }
        Self {
            running_by_role,
            running_with_edr,
            by_infection,
            powered_off: 0,
            footholds_running: vec![0; segments],
            footholds_total: 0,
            hit_servers: 0,
            hit_workstations: 0,
            restored: 0,
            rebuilt: 0,
            damage_permille: [0; DamageGroup::COUNT],
            workstations_serving: workstations_per_segment,
            workstations_total: workstations_per_site,
        }
    }

    /// Each site's share of its workstations doing their job and on the network (their segment neither
    /// isolated nor with its switch ports shut); 1 for a site without any. One pass over the segments.
    pub fn workstation_shares(&self, estate: &Estate, network: &Network) -> Vec<f64> {
        let mut on_network = vec![0u32; self.workstations_total.len()];
        for (g, segment) in estate.segments.iter().enumerate() {
            if !network.isolated[g] && !network.ports_shut[g] {
                on_network[segment.site as usize] += self.workstations_serving[g];
            }
        }
        let share = |(&total, &serving): (&u32, &u32)| if total == 0 { 1.0 } else { f64::from(serving) / f64::from(total) };
        self.workstations_total.iter().zip(&on_network).map(share).collect()
    }

    /// Whether a host of the class can run tools now (as `response::is_running` says of one host).
    pub fn class_running(&self, class: HostClass) -> bool {
        let running = |role: HostRole| self.running_by_role[role as usize] > 0;
        match class {
            HostClass::Any => HostRole::ALL.into_iter().any(running),
            HostClass::Servers => HostRole::ALL.into_iter().filter(|r| r.is_server()).any(running),
            HostClass::Workstations => running(HostRole::Workstation),
            HostClass::WithEdr => self.running_with_edr > 0,
            HostClass::Role(role) => running(role),
        }
    }

    pub fn count(&self, infection: Infection) -> u32 {
        self.by_infection[infection.index()]
    }

    /// Host-equivalents ever encrypted: whole hosts, and the share reached on hosts stopped midway.
    pub fn encrypted_ever(&self) -> f64 {
        self.damage_permille.iter().sum::<u64>() as f64 / 1000.0
    }

    /// Host-equivalents ever encrypted in one group.
    pub fn encrypted_ever_in(&self, group: DamageGroup) -> f64 {
        self.damage_permille[group as usize] as f64 / 1000.0
    }

    /// Adds (`sign` = 1) or removes (`sign` = -1) one host's contribution.
    fn account(&mut self, host: &Host, status: &HostStatus, sign: i32) {
        let add = |value: &mut u32| *value = value.wrapping_add_signed(sign);
        add(&mut self.by_infection[status.infection.index()]);
        let damage = &mut self.damage_permille[DamageGroup::of(host) as usize];
        *damage = damage.wrapping_add_signed(i64::from(sign) * i64::from(status.damage_permille));
        if !status.powered {
            add(&mut self.powered_off);
        }
        if status.infection.is_foothold() && status.is_reachable() {
            add(&mut self.footholds_running[host.segment as usize]);
            add(&mut self.footholds_total);
        }
        if matches!(status.infection, Infection::Encrypting | Infection::Encrypted) {
            if host.is_server() {
                add(&mut self.hit_servers);
            } else if host.role == HostRole::Workstation {
                add(&mut self.hit_workstations);
            }
        }
        if status.runs_tools() {
            add(&mut self.running_by_role[host.role as usize]);
            if host.edr {
                add(&mut self.running_with_edr);
            }
        }
        if host.role == HostRole::Workstation && status.is_serving(host) {
            add(&mut self.workstations_serving[host.segment as usize]);
        }
        match status.recovery {
            Recovery::Restored => add(&mut self.restored),
            Recovery::Rebuilt => add(&mut self.rebuilt),
            _ => {}
        }
    }
}

/// A change of a host's state, for detection, the timeline and the window.
#[derive(Message, Debug, Clone, Copy, PartialEq)]
pub struct HostChange {
    pub host: u32,
    pub minute: u32,
    pub from: Infection,
    pub to: Infection,
    pub powered: bool,
    pub powered_before: bool,
    /// The host started or stopped doing its job (`HostStatus::is_serving`): care keeps each server's
    /// flag and each site's working workstations from these alone.
    pub serving_changed: bool,
}

/// Every change to a host goes through here, keeping the census true.
#[derive(SystemParam)]
pub struct HostLedger<'w, 's> {
    pub estate: Res<'w, Estate>,
    statuses: Query<'w, 's, &'static mut HostStatus>,
    census: ResMut<'w, Census>,
    /// Written here (by the response and the attack only), and read in the same minute by the attack
    /// (see `changes`) and by care, which runs after both.
    changes: ResMut<'w, Messages<HostChange>>,
}

impl HostLedger<'_, '_> {
    pub fn host(&self, index: u32) -> (&Host, &HostStatus) {
        (self.facts(index), self.statuses.get(self.estate.entities[index as usize]).expect("every host index has an entity"))
    }

    /// A host's fixed facts, which need no lookup of its status.
    pub fn facts(&self, index: u32) -> &Host {
        &self.estate.host_facts[index as usize]
    }

    pub fn census(&self) -> &Census {
        &self.census
    }

    /// The host changes written so far, for a reader that keeps its own cursor.
    pub fn changes(&self) -> &Messages<HostChange> {
        &self.changes
    }

    /// Applies a change to one host, with the census kept in step. Returns what the change returned.
    pub fn update<R>(&mut self, index: u32, minute: u32, change: impl FnOnce(&Host, &mut HostStatus) -> R) -> R {
        let entity = self.estate.entities[index as usize];
        let host = &self.estate.host_facts[index as usize];
        let mut status = self.statuses.get_mut(entity).expect("every host index has an entity");
        let before = status.clone();
        self.census.account(host, &before, -1);
        let result = change(host, &mut status);
        self.census.account(host, &status, 1);
        let serving_changed = before.is_serving(host) != status.is_serving(host);
        // Doing its job depends on these three and on being reinstalled, and a host is never reinstalled
        // running: every change of `serving_changed` comes with one of them.
        if before.infection != status.infection || before.powered != status.powered || before.contained != status.contained {
            self.changes.write(HostChange {
                host: index,
                minute,
                from: before.infection,
                to: status.infection,
                powered: status.powered,
                powered_before: before.powered,
                serving_changed,
            });
        }
        result
    }

    /// A clean, running host becomes a foothold. Returns whether it did.
    pub fn compromise(&mut self, index: u32, minute: u32) -> bool {
        self.update(index, minute, |_, s| {
            if s.infection == Infection::Clean && s.is_reachable() {
                s.infection = Infection::Compromised;
                s.compromised_at = Some(minute);
                true
            } else {
                false
            }
        })
    }

    /// The payload lands on a clean or compromised host. Returns whether it did.
    pub fn stage(&mut self, index: u32, minute: u32) -> bool {
        self.update(index, minute, |_, s| {
            if matches!(s.infection, Infection::Clean | Infection::Compromised) && s.powered {
                s.compromised_at.get_or_insert(minute);
                s.infection = Infection::Staged;
                true
            } else {
                false
            }
        })
    }

    /// A staged, running host starts encrypting for `minutes` (or what was left of an interrupted run).
    /// Returns the minute it will be done and the generation to check then.
    pub fn start_encryption(&mut self, index: u32, minute: u32, minutes: u32) -> Option<(u32, u32)> {
        self.update(index, minute, |_, s| {
            if s.infection == Infection::Staged && s.powered {
                let minutes = match s.paused_remaining.take() {
                    Some(remaining) => remaining,
                    None => {
                        s.encryption_minutes = minutes.max(1);
                        minutes
                    }
                }
                .max(1);
                s.infection = Infection::Encrypting;
                s.encryption_done_at = minute.saturating_add(minutes);
                Some((s.encryption_done_at, s.generation))
            } else {
                None
            }
        })
    }

    /// Encryption completes, unless the host was stopped or reinstalled since it began.
    pub fn finish_encryption(&mut self, index: u32, minute: u32, generation: u32) -> bool {
        self.update(index, minute, |_, s| {
            if s.infection == Infection::Encrypting && s.powered && s.generation == generation {
                s.infection = Infection::Encrypted;
                s.encrypted_at = Some(minute);
                s.damage_permille = 1000;
                true
            } else {
                false
            }
        })
    }

    /// Stops a host. An encryption under way pauses with the host (the payload stays on disk).
    pub fn power_off(&mut self, index: u32, minute: u32) -> bool {
        self.update(index, minute, |_, s| {
            if !s.powered {
                return false;
            }
            s.powered = false;
            s.generation += 1;
            halt_encryption(s, minute);
            true
        })
    }

    /// The host's EDR agent isolates it, if the host has one that still reports (running, not
    /// encrypted). Returns whether it did.
    pub fn contain(&mut self, index: u32, minute: u32) -> bool {
        self.update(index, minute, |host, s| {
            let reports = host.edr && s.powered && s.infection != Infection::Encrypted;
            if reports && !s.contained {
                s.contained = true;
                true
            } else {
                false
            }
        })
    }

    /// The host is let back on the network. Returns whether it was contained.
    pub fn release(&mut self, index: u32, minute: u32) -> bool {
        self.update(index, minute, |_, s| std::mem::replace(&mut s.contained, false))
    }

    /// Starts a host again. Returns whether it was off.
    pub fn power_on(&mut self, index: u32, minute: u32) -> bool {
        self.update(index, minute, |_, s| {
            if s.powered || matches!(s.recovery, Recovery::Reimaging | Recovery::Restoring) {
                return false;
            }
            s.powered = true;
            s.generation += 1;
            true
        })
    }

    /// The host is taken down for reinstallation; an encryption under way stops with it.
    pub fn begin_recovery(&mut self, index: u32, minute: u32, restoring: bool) {
        self.update(index, minute, |_, s| {
            s.powered = false;
            s.generation += 1;
            halt_encryption(s, minute);
            s.recovery = if restoring { Recovery::Restoring } else { Recovery::Reimaging };
        });
    }

    /// The host comes back clean and running, with or without its data.
    pub fn finish_recovery(&mut self, index: u32, minute: u32, with_data: bool) {
        self.update(index, minute, |_, s| {
            s.infection = Infection::Clean;
            s.powered = true;
            s.generation += 1;
            s.paused_remaining = None;
            s.recovery = if with_data { Recovery::Restored } else { Recovery::Rebuilt };
        });
    }
}

/// A host that stops while encrypting keeps the payload on disk, with the rest of the run still to do.
fn halt_encryption(s: &mut HostStatus, minute: u32) {
    if s.infection == Infection::Encrypting {
        let remaining = s.encryption_done_at.saturating_sub(minute).max(1);
        s.paused_remaining = Some(remaining);
        let total = u64::from(s.encryption_minutes.max(remaining));
        let reached = (1000 * (total - u64::from(remaining)) / total) as u32;
        s.damage_permille = s.damage_permille.max(reached);
        s.infection = Infection::Staged;
    }
}
