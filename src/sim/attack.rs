//! The attacker: the kill chain, exfiltration, lateral spread along reachable paths, Group Policy
//! deployment of the payload, and encryption host by host.
//!
//! Spread convention: each running foothold makes attempts over each protocol as a Poisson process at
//! `per_hour / 60` per minute; each attempt picks a host uniformly among all hosts its segment can reach
//! over that protocol (itself included) and takes it if that host is clean, running and accepts the
//! protocol. In one segment of N hosts that all reach each other, with rate β per minute, the expected
//! number of footholds I follows the logistic curve dI/dt = β·I·(N − I)/N, whose solution is
//! I(t) = N / (1 + (N/I₀ − 1)·e^(−βt)).

use bevy::ecs::message::MessageCursor;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::agenda::Agenda;
use super::clock::Clock;
use super::estate::{Host, HostChange, HostLedger, Infection, Network, Recovery};
use super::event::{Event, ExfiltrationEnd};
use super::timeline::Timeline;
use super::{Countermeasure, RngStreams};
use crate::data::scenario::*;

/// What the attacker has achieved and is doing.
#[derive(Resource, Debug, Clone, Default)]
pub struct AttackState {
    pub started: bool,
    /// The phase under way; `None` once the payload has been pushed.
    pub phase: Option<Phase>,
    /// Hands-on minutes left in the phase under way.
    pub remaining: f64,
    pub domain_admin: bool,
    pub pushed_at: Option<u32>,
    /// The malicious Group Policy is served by the domain controllers.
    pub gpo_active: bool,
    pub exfiltrating: bool,
    /// Gigabytes taken during the scenario (what left before minute 0 is `already_gb`).
    pub exfiltrated_gb: f64,
    pub exfiltration_stopped_at: Option<u32>,
    pub backups_destroyed: Vec<bool>,
    pub spread_factor: f64,
    pub credentials_reset_at: Option<u32>,
    /// Phases completed while the scenario runs, in order (not those done before the start).
    pub completed_during_run: Vec<Phase>,
    blocked_logged: bool,
    /// Domain members whose policy refresh found no domain controller to serve it: they take the
    /// policy at a refresh after one can again (see `retry_policy`).
    policy_waiting: std::collections::BTreeSet<u32>,
    /// The network's generation when the waiting hosts were last looked at.
    network_seen: u64,
    /// A domain controller changed, or a host left containment: the waiting hosts may be served.
    recheck_policy: bool,
}

impl AttackState {
    /// Nothing the attacker does changes from one minute to the next: no phase advancing, no data leaving.
    pub fn is_idle(&self, has_access: bool) -> bool {
        self.started && !self.exfiltrating && (self.phase.is_none() || !has_access || (self.remaining <= 0.0 && self.blocked_logged))
    }

    pub fn total_exfiltrated_gb(&self, attacker: &Attacker) -> f64 {
        attacker.exfiltration.already_gb + self.exfiltrated_gb
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum AttackEvent {
    GroupPolicyRefresh(u32),
    Detonate { host: u32, generation: u32 },
    EncryptionDone { host: u32, generation: u32 },
}

#[derive(Resource, Default, Clone)]
pub struct AttackAgenda(pub(super) Agenda<AttackEvent>);

/// Where the attack has read the host changes to. A change written after the attack looked in one tick
/// is read in the next; the cursor is a resource rather than the system's own so that a branch of the
/// night (`fork`) can be handed the changes its trunk had still to read (`carried`).
#[derive(Resource, Default)]
pub struct BootWatch {
    cursor: MessageCursor<HostChange>,
    carried: Vec<HostChange>,
}

impl BootWatch {
    /// The changes the attack has still to read, for a branch to read first.
    pub fn unread(&self, changes: &Messages<HostChange>) -> Vec<HostChange> {
        self.carried.iter().copied().chain(self.cursor.clone().read(changes).copied()).collect()
    }

    /// A watch that reads `carried` first, then the changes written from now on.
    pub(super) fn carrying(carried: Vec<HostChange>) -> Self {
        Self { cursor: MessageCursor::default(), carried }
    }
}

impl AttackAgenda {
    pub fn next_minute(&self) -> Option<u32> {
        self.0.next_minute()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<AttackState>().init_resource::<AttackAgenda>().init_resource::<BootWatch>();
}

/// All the attacker's minute reads and changes, fetched once for its five steps.
#[derive(SystemParam)]
pub(super) struct AttackMinute<'w, 's> {
    clock: Res<'w, Clock>,
    network: Res<'w, Network>,
    state: ResMut<'w, AttackState>,
    ledger: HostLedger<'w, 's>,
    rngs: ResMut<'w, RngStreams>,
    timeline: ResMut<'w, Timeline>,
    agenda: ResMut<'w, AttackAgenda>,
    watch: ResMut<'w, BootWatch>,
    countermeasures: MessageReader<'w, 's, Countermeasure>,
    snapshot: Local<'s, Vec<u32>>,
}

/// The attacker's minute, in order: the attack begins (first minute only), hosts that booted react,
/// the kill chain advances, the agenda's events fall due, footholds spread. One system rather than five,
/// so that the resources they share are looked up once a minute.
pub(super) fn attack_minute(mut minute: AttackMinute) {
    begin_attack(&mut minute);
    react_to_boot(&mut minute);
    advance_kill_chain(&mut minute);
    run_attack_agenda(&mut minute);
    spread_laterally(&mut minute);
}

fn next_phase(phase: Phase) -> Option<Phase> {
    let i = Phase::ORDER.iter().position(|p| *p == phase)?;
    Phase::ORDER.get(i + 1).copied()
}

/// Places the footholds and the phases done before minute 0; runs once, in the first tick.
fn begin_attack(minute: &mut AttackMinute) {
    let AttackMinute { clock, network, state, ledger, rngs, timeline, agenda, .. } = minute;
    if state.started {
        return;
    }
    state.started = true;
    let now = clock.minute;
    let scenario = ledger.estate.scenario.clone();
    let attacker = &scenario.attacker;
    state.spread_factor = 1.0;
    state.backups_destroyed = vec![false; ledger.estate.backups.len()];
    let mut footholds = Vec::new();
    for foothold in &attacker.footholds {
        match foothold {
            Foothold::Group { group, count } => {
                let Some(g) = scenario.host_groups.iter().position(|x| &x.id == group) else {
                    continue;
                };
                let segment = ledger.estate.segment_index(&scenario.host_groups[g].segment).unwrap_or(0);
                let hosts: Vec<u32> = ledger.estate.segments[segment as usize]
                    .hosts
                    .iter()
                    .copied()
                    .filter(|&h| ledger.facts(h).group == Some(g as u32))
                    .take(*count as usize)
                    .collect();
                footholds.extend(hosts);
            }
            Foothold::Host(name) => {
                if let Some(i) = scenario.servers.iter().position(|s| &s.name == name) {
                    footholds.push(i as u32);
                }
            }
        }
    }
    for &host in &footholds {
        ledger.compromise(host, now);
    }
    timeline.record(now, "footholds", Event::Footholds { hosts: footholds.len() });

    let mut phase = Some(Phase::Discovery);
    while let Some(p) = phase {
        if !attacker.kill_chain.phase(p).done_before_start {
            break;
        }
        complete_phase(p, now, state, ledger, network, rngs, timeline, agenda, true);
        phase = next_phase(p);
    }
    if let Some(p) = phase {
        begin_phase(p, attacker, state, rngs);
    }
}

#[allow(clippy::too_many_arguments)]
fn complete_phase(
    phase: Phase,
    now: u32,
    state: &mut AttackState,
    ledger: &mut HostLedger,
    network: &Network,
    rngs: &mut RngStreams,
    timeline: &mut Timeline,
    agenda: &mut AttackAgenda,
    before_start: bool,
) {
    let scenario = ledger.estate.scenario.clone();
    let attacker = &scenario.attacker;
    let id = format!("phase-{phase:?}").to_lowercase();
    timeline.record(now, id, Event::PhaseCompleted { phase, before_start });
    if !before_start {
        state.completed_during_run.push(phase);
    }
    if phase == Phase::DomainAdmin {
        state.domain_admin = true;
    }
    if attacker.exfiltration.begins_after == phase && !state.exfiltrating && state.exfiltration_stopped_at.is_none() {
        state.exfiltrating = true;
        timeline.record(now, "exfiltration", Event::ExfiltrationBegins);
    }
    if phase == Phase::Deployment {
        push_payload(now, state, ledger, network, rngs, timeline, agenda);
    }
}

/// The payload goes out by Group Policy; online backups are struck first if the attacker means to.
fn push_payload(
    now: u32,
    state: &mut AttackState,
    ledger: &mut HostLedger,
    network: &Network,
    rngs: &mut RngStreams,
    timeline: &mut Timeline,
    agenda: &mut AttackAgenda,
) {
    let scenario = ledger.estate.scenario.clone();
    let attacker = &scenario.attacker;
    state.pushed_at = Some(now);
    state.gpo_active = true;
    state.phase = None;
    timeline.record(now, "payload-pushed", Event::PayloadPushed);
    let gpo = &attacker.group_policy;
    let hosts = ledger.estate.host_count();
    for index in 0..hosts {
        let (host, status) = ledger.host(index);
        if !ledger.estate.payload_aimed[index as usize] {
            continue;
        }
        if takes_policy(host) {
            let delay = if host.role == HostRole::DomainController {
                rngs.deployment.uniform(0.0, gpo.controller_refresh_minutes)
            } else {
                next_member_refresh(gpo, rngs)
            };
            agenda.0.schedule(now.saturating_add(libm::ceil(delay) as u32), AttackEvent::GroupPolicyRefresh(index));
        } else if status.infection == Infection::Compromised && status.is_reachable() {
            // Footholds outside the domain get the payload by hand.
            stage_and_arm(index, now, state, ledger, rngs, agenda);
        }
    }
    if attacker.targets_backups {
        let servers: Vec<u32> = ledger.estate.backups.iter().filter(|b| b.kind == BackupKind::Online).filter_map(|b| b.server).collect();
        for server in servers {
            if reachable_by_attacker(server, ledger, network) {
                stage_and_arm(server, now, state, ledger, rngs, agenda);
            }
        }
    }
}

/// A domain member that processes Group Policy.
fn takes_policy(host: &Host) -> bool {
    host.domain_joined && host.os.is_windows()
}

/// Minutes to a member's next background refresh, from a moment with no refresh of its own: uniform
/// over one interval (the refresh interval plus its random offset), as Windows spreads refreshes.
fn next_member_refresh(gpo: &GroupPolicy, rngs: &mut RngStreams) -> f64 {
    let interval = gpo.member_refresh_minutes + rngs.deployment.uniform(0.0, gpo.member_jitter_minutes);
    rngs.deployment.uniform(0.0, interval)
}

/// Whether a host can be reached from any running foothold or running domain controller.
fn reachable_by_attacker(host: u32, ledger: &HostLedger, network: &Network) -> bool {
    let status = ledger.host(host).1;
    status.is_reachable() && controller_serves(host, ledger, network)
        || status.is_reachable() && {
            let segment = ledger.facts(host).segment;
            (0..ledger.estate.segments.len() as u32)
                .any(|s| ledger.census().footholds_running[s as usize] > 0 && network.connected(&ledger.estate, s, segment))
        }
}

/// A running domain controller can serve policy to the host (neither of them contained).
fn controller_serves(host: u32, ledger: &HostLedger, network: &Network) -> bool {
    let (host, status) = ledger.host(host);
    !status.contained
        && ledger.estate.domain_controllers.iter().any(|&dc| {
            let (dc_host, dc_status) = ledger.host(dc);
            dc_status.is_reachable()
                && dc_status.infection != Infection::Encrypted
                && network.connected(&ledger.estate, dc_host.segment, host.segment)
        })
}

fn stage_and_arm(host: u32, now: u32, state: &AttackState, ledger: &mut HostLedger, rngs: &mut RngStreams, agenda: &mut AttackAgenda) {
    if ledger.stage(host, now) {
        arm(host, now, state, ledger, rngs, agenda);
    }
}

/// Schedules the payload of a staged host to run.
fn arm(host: u32, now: u32, state: &AttackState, ledger: &HostLedger, rngs: &mut RngStreams, agenda: &mut AttackAgenda) {
    let attacker = &ledger.estate.scenario.attacker;
    let (info, status) = ledger.host(host);
    let mut at = now.saturating_add(attacker.detonation_delay.sample_minutes(&mut rngs.deployment));
    if info.role == HostRole::DomainController {
        let pushed = state.pushed_at.unwrap_or(now);
        at = at.max(pushed.saturating_add(attacker.controller_detonation_delay.sample_minutes(&mut rngs.deployment)));
    }
    agenda.0.schedule(at, AttackEvent::Detonate { host, generation: status.generation });
}

/// Reacts to hosts started again: a staged payload runs at boot, and a domain member that boots while
/// the malicious policy is still served takes it.
fn react_to_boot(minute: &mut AttackMinute) {
    let AttackMinute { clock, state, ledger, watch, rngs, agenda, .. } = minute;
    let carried = std::mem::take(&mut watch.carried);
    for change in carried.iter().chain(watch.cursor.read(ledger.changes())) {
        // A controller that changes, or a host let out of containment, may serve or be served again.
        let controller = ledger.estate.domain_controllers.contains(&change.host);
        let released = change.from == change.to && change.powered == change.powered_before;
        state.recheck_policy |= controller || released;
        if !change.powered || change.powered_before {
            continue;
        }
        let (host, status) = ledger.host(change.host);
        let now = clock.minute;
        if status.infection == Infection::Staged {
            let delay = ledger.estate.scenario.attacker.detonation_delay.sample_minutes(&mut rngs.deployment);
            agenda.0.schedule(now.saturating_add(delay), AttackEvent::Detonate { host: change.host, generation: status.generation });
        } else if state.gpo_active && takes_policy(host) && ledger.estate.payload_aimed[change.host as usize] {
            // Computer policy is processed at start-up.
            let delay = rngs.deployment.uniform(0.0, ledger.estate.scenario.attacker.group_policy.startup_minutes);
            agenda.0.schedule(now.saturating_add(libm::ceil(delay) as u32), AttackEvent::GroupPolicyRefresh(change.host));
        }
    }
}

/// Advances the hands-on phases while the intruders have access, and exfiltration while data can leave.
fn advance_kill_chain(minute: &mut AttackMinute) {
    let AttackMinute { clock, network, state, ledger, rngs, timeline, agenda, countermeasures, .. } = minute;
    let now = clock.minute;
    let tick = f64::from(clock.tick_minutes);
    let scenario = ledger.estate.scenario.clone();
    let attacker = &scenario.attacker;
    for countermeasure in countermeasures.read() {
        apply_countermeasure(*countermeasure, now, attacker, state, rngs, timeline);
    }
    let access = network.attacker_has_access(&ledger.estate);
    if let Some(phase) = state.phase
        && access
    {
        state.remaining -= tick;
        if state.remaining <= 0.0 {
            if lacks_footing(phase, state, ledger, network) {
                hold_phase(phase, now, state, timeline);
            } else {
                state.blocked_logged = false;
                complete_phase(phase, now, state, ledger, network, rngs, timeline, agenda, false);
                if let Some(next) = next_phase(phase)
                    && state.pushed_at.is_none()
                {
                    begin_phase(next, attacker, state, rngs);
                }
            }
        }
    }
    if state.exfiltrating {
        let footholds = active_footholds(ledger, network);
        exfiltrate(now, tick, access, footholds, attacker, state, timeline);
    }
}

/// What a countermeasure takes from the attacker: a credential reset slows the spread and, once domain
/// admin was won, sends the kill chain back to credential theft; a rebuilt domain stops the policy.
fn apply_countermeasure(
    countermeasure: Countermeasure,
    now: u32,
    attacker: &Attacker,
    state: &mut AttackState,
    rngs: &mut RngStreams,
    timeline: &mut Timeline,
) {
    match countermeasure {
        Countermeasure::CredentialsReset => {
            state.spread_factor = attacker.spread_after_credential_reset;
            state.credentials_reset_at = Some(now);
            if state.domain_admin || state.phase.is_some_and(|p| p > Phase::CredentialTheft) {
                state.domain_admin = false;
                if state.phase.is_some() {
                    begin_phase(Phase::CredentialTheft, attacker, state, rngs);
                }
                timeline.record(now, "domain-admin-lost", Event::DomainAdminLost);
            }
        }
        Countermeasure::DomainRebuilt => {
            if state.gpo_active {
                state.gpo_active = false;
                timeline.record(now, "policy-removed", Event::PolicyRemoved);
            }
        }
    }
}

/// Hands-on work needs a running foothold, and each phase its own footing.
fn lacks_footing(phase: Phase, state: &AttackState, ledger: &HostLedger, network: &Network) -> bool {
    active_footholds(ledger, network) == 0
        || match phase {
            Phase::DomainAdmin => !can_reach_controller(ledger, network),
            Phase::Deployment => !state.domain_admin,
            _ => false,
        }
}

/// Running footholds the intruders can work from: those behind shut switch ports reach nothing.
fn active_footholds(ledger: &HostLedger, network: &Network) -> u32 {
    let census = ledger.census();
    census.footholds_running.iter().zip(&network.ports_shut).filter(|(_, shut)| !**shut).map(|(n, _)| n).sum()
}

/// The phase waits, its time spent, until it has its footing; the timeline says so once.
fn hold_phase(phase: Phase, now: u32, state: &mut AttackState, timeline: &mut Timeline) {
    state.remaining = 0.0;
    if !state.blocked_logged {
        state.blocked_logged = true;
        timeline.record(now, "attacker-blocked", Event::AttackerBlocked { phase });
    }
}

/// The phase under way, with its hands-on minutes drawn.
fn begin_phase(phase: Phase, attacker: &Attacker, state: &mut AttackState, rngs: &mut RngStreams) {
    state.phase = Some(phase);
    state.remaining = attacker.kill_chain.phase(phase).duration.sample(&mut rngs.attack);
}

/// Data leaves at the attacker's rate until all of it is out, or the link or the last running foothold
/// is lost.
fn exfiltrate(now: u32, tick: f64, access: bool, footholds: u32, attacker: &Attacker, state: &mut AttackState, timeline: &mut Timeline) {
    let left = attacker.exfiltration.total_gb - attacker.exfiltration.already_gb - state.exfiltrated_gb;
    if !access || footholds == 0 {
        state.exfiltrating = false;
        state.exfiltration_stopped_at = Some(now);
        let why = if access { ExfiltrationEnd::NoFootholdRunning } else { ExfiltrationEnd::LinkCut };
        let gigabytes = state.total_exfiltrated_gb(attacker);
        timeline.record(now, "exfiltration-stopped", Event::ExfiltrationEnded { why, gigabytes });
    } else if left <= 0.0 {
        state.exfiltrating = false;
        state.exfiltration_stopped_at = Some(now);
        let gigabytes = state.total_exfiltrated_gb(attacker);
        timeline.record(now, "exfiltration-complete", Event::ExfiltrationEnded { why: ExfiltrationEnd::Complete, gigabytes });
    } else {
        state.exfiltrated_gb += (attacker.exfiltration.rate_gb_per_hour * tick / 60.0).min(left);
    }
}

/// A running foothold can reach a running domain controller over an administrative protocol.
fn can_reach_controller(ledger: &HostLedger, network: &Network) -> bool {
    let census = ledger.census();
    ledger.estate.domain_controllers.iter().any(|&dc| {
        let (dc_host, dc_status) = ledger.host(dc);
        dc_status.is_reachable()
            && (0..ledger.estate.segments.len() as u32).any(|s| {
                census.footholds_running[s as usize] > 0
                    && network.connected(&ledger.estate, s, dc_host.segment)
                    && [Protocol::Smb, Protocol::Rdp, Protocol::Management].iter().any(|&p| ledger.estate.is_allowed(p, s, dc_host.segment))
            })
    })
}

/// Group Policy refreshes, payloads running, encryptions completing.
fn run_attack_agenda(minute: &mut AttackMinute) {
    let AttackMinute { clock, network, state, ledger, rngs, timeline, agenda, .. } = minute;
    let now = clock.minute;
    retry_policy(now, network, state, ledger, rngs, agenda);
    let mut first_encrypted_logged = ledger.census().count(Infection::Encrypted) > 0;
    while let Some((_, event)) = agenda.0.pop_due(now) {
        match event {
            AttackEvent::GroupPolicyRefresh(host) => {
                let status = ledger.host(host).1;
                if state.gpo_active
                    && status.powered
                    && matches!(status.infection, Infection::Clean | Infection::Compromised)
                    && !matches!(status.recovery, Recovery::Reimaging | Recovery::Restoring)
                {
                    if controller_serves(host, ledger, network) {
                        stage_and_arm(host, now, state, ledger, rngs, agenda);
                    } else {
                        state.policy_waiting.insert(host);
                    }
                }
            }
            AttackEvent::Detonate { host, generation } => {
                if ledger.host(host).1.generation != generation {
                    continue;
                }
                let attacker = &ledger.estate.scenario.attacker;
                let mut minutes = attacker.encryption_minutes.sample(&mut rngs.encryption);
                if ledger.facts(host).is_server() {
                    minutes *= attacker.server_encryption_factor;
                }
                let minutes = libm::round(minutes).max(1.0) as u32;
                if let Some((done_at, generation)) = ledger.start_encryption(host, now, minutes) {
                    agenda.0.schedule(done_at, AttackEvent::EncryptionDone { host, generation });
                    destroy_backups_on(host, now, state, ledger, timeline);
                }
            }
            AttackEvent::EncryptionDone { host, generation } => {
                if ledger.finish_encryption(host, now, generation) && !first_encrypted_logged {
                    first_encrypted_logged = true;
                    timeline.record(now, "first-encrypted", Event::FirstEncrypted);
                }
            }
        }
    }
}

/// A member whose refresh found no domain controller keeps refreshing every interval; it takes the
/// policy at the first refresh after a controller can serve it again (a link or segment reconnected, a
/// controller started). Rather than a refresh every interval while nothing can change, the waiting
/// hosts are looked at when the network changes or a controller starts, and each served one is given
/// its next refresh within one interval, as a refresh cycle under way would.
fn retry_policy(
    now: u32,
    network: &Network,
    state: &mut AttackState,
    ledger: &HostLedger,
    rngs: &mut RngStreams,
    agenda: &mut AttackAgenda,
) {
    let changed = network.generation != state.network_seen || state.recheck_policy;
    state.network_seen = network.generation;
    state.recheck_policy = false;
    if !state.gpo_active {
        state.policy_waiting.clear();
        return;
    }
    if !changed || state.policy_waiting.is_empty() {
        return;
    }
    let gpo = &ledger.estate.scenario.attacker.group_policy;
    let served: Vec<u32> = state.policy_waiting.iter().copied().filter(|&h| controller_serves(h, ledger, network)).collect();
    for host in served {
        state.policy_waiting.remove(&host);
        let delay = next_member_refresh(gpo, rngs);
        agenda.0.schedule(now.saturating_add(libm::ceil(delay).max(1.0) as u32), AttackEvent::GroupPolicyRefresh(host));
    }
}

/// Online backup sets held by a host are wiped when the payload reaches it.
fn destroy_backups_on(host: u32, now: u32, state: &mut AttackState, ledger: &HostLedger, timeline: &mut Timeline) {
    for (i, backup) in ledger.estate.backups.iter().enumerate() {
        if backup.kind == BackupKind::Online && backup.server == Some(host) && !state.backups_destroyed[i] {
            state.backups_destroyed[i] = true;
            timeline.record(now, format!("backup-{}", backup.id), Event::BackupDestroyed { backup: backup.name.clone() });
        }
    }
}

/// Lateral movement from every running foothold along reachable paths.
fn spread_laterally(minute: &mut AttackMinute) {
    let AttackMinute { clock, network, state, ledger, rngs, agenda, snapshot, .. } = minute;
    if ledger.census().footholds_total == 0 {
        return;
    }
    let now = clock.minute;
    let tick = f64::from(clock.tick_minutes);
    let scenario = ledger.estate.scenario.clone();
    snapshot.clear();
    snapshot.extend_from_slice(&ledger.census().footholds_running);
    for (segment, &footholds) in snapshot.iter().enumerate() {
        if footholds == 0 {
            continue;
        }
        for rate in &scenario.attacker.spread {
            let reach = &network.reach[segment][rate.protocol.index()];
            if reach.total == 0 || rate.per_hour <= 0.0 {
                continue;
            }
            let mean = rate.per_hour / 60.0 * tick * f64::from(footholds) * state.spread_factor;
            // More attempts than four per reachable host change nothing a tick can show: capped, so
            // that no rate makes a tick endless.
            let attempts = rngs.spread.poisson(mean).min(4 * u64::from(reach.total));
            for _ in 0..attempts {
                let pick = rngs.spread.below(u64::from(reach.total)) as u32;
                let slot = reach.targets.partition_point(|&(_, cumulative)| cumulative <= pick);
                let (target, cumulative) = reach.targets[slot];
                let hosts = &ledger.estate.segments[target as usize].hosts;
                let host = hosts[(pick - (cumulative - hosts.len() as u32)) as usize];
                if !ledger.facts(host).os.accepts(rate.protocol) {
                    continue;
                }
                if ledger.compromise(host, now) && state.pushed_at.is_some() && ledger.estate.payload_aimed[host as usize] {
                    // Once the payload is out, every new foothold gets it too.
                    stage_and_arm(host, now, state, ledger, rngs, agenda);
                }
            }
        }
    }
}
