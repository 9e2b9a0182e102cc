//! Detection: sources that raise alerts with stated probabilities and delays, and the investigation that
//! turns the first alert into a confirmed cyberattack.

use bevy::prelude::*;

use super::agenda::Agenda;
use super::attack::AttackState;
use super::estate::{Estate, HostChange, Infection};
use super::event::Event;
use super::quiet::NightView;
use super::timeline::{Observed, Timeline};
use super::{Reactions, RngStreams};
use crate::data::scenario::Trigger;

#[derive(Debug, Clone, Copy)]
enum DetectionEvent {
    Alert(usize),
    InvestigationDone,
}

/// Which sources have alerted, what is on its way, and the investigation.
#[derive(Resource, Default, Clone)]
pub struct DetectionState {
    /// A source alerts once: set when its alert is scheduled.
    pub armed: Vec<bool>,
    /// The host whose change set a source off, when the source watches hosts: its alert names it.
    pub alert_hosts: Vec<Option<u32>>,
    /// For count triggers: hosts of the class now fully encrypted.
    counts: Vec<u32>,
    /// Threshold triggers roll their chance once.
    rolled: Vec<bool>,
    /// Each source's own random stream, keyed by its id: a source added to a scenario (a what-if's
    /// security operations centre) shifts no other source's draws.
    streams: Vec<crate::random::Stream>,
    agenda: Agenda<DetectionEvent>,
    pub investigating_since: Option<u32>,
    pub confirmed_at: Option<u32>,
}

impl DetectionState {
    pub fn next_minute(&self) -> Option<u32> {
        self.agenda.next_minute()
    }

    /// An alert has come: the first starts the investigation that confirms the attack.
    pub fn investigate(&mut self, now: u32, scenario: &crate::data::scenario::Scenario, rngs: &RngStreams) {
        if self.investigating_since.is_none() {
            self.investigating_since = Some(now);
            // A stream of its own: an alert raised by hand must not shift the sources' draws.
            let mut rng = rngs.keyed(crate::random::Purpose::Detection, "investigation");
            let minutes = scenario.investigation.duration.sample_minutes(&mut rng);
            self.agenda.schedule(now.saturating_add(minutes), DetectionEvent::InvestigationDone);
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<DetectionState>();
}

fn hit(infection: Infection) -> bool {
    infection == Infection::Encrypted
}

/// Detection's minute, at the end of the minute (see `end_minute`): the sources roll on what changed,
/// then the alerts due land.
pub(super) fn detection_minute(
    now: u32,
    night: &NightView,
    reactions: &mut Reactions,
    changes: &Messages<HostChange>,
    observed: &mut Messages<Observed>,
) {
    let Reactions { detection, timeline, rngs, detection_changes_seen, .. } = reactions;
    detect(now, &night.estate, &night.attack, detection_changes_seen.read(changes), detection, rngs);
    deliver_alerts(now, &night.estate, detection, rngs, timeline, observed);
}

/// Rolls the detection sources on this tick's host changes and attack progress.
fn detect<'a>(
    now: u32,
    estate: &Estate,
    attack: &AttackState,
    changes: impl Iterator<Item = &'a HostChange>,
    state: &mut DetectionState,
    rngs: &RngStreams,
) {
    let sources = &estate.scenario.detection;
    if state.armed.len() != sources.len() {
        state.armed = vec![false; sources.len()];
        state.alert_hosts = vec![None; sources.len()];
        state.counts = vec![0; sources.len()];
        state.rolled = vec![false; sources.len()];
        state.streams = sources.iter().map(|s| rngs.keyed(crate::random::Purpose::Detection, &format!("source/{}", s.id))).collect();
    }
    for change in changes {
        if change.from == change.to {
            continue;
        }
        let host = &estate.host_facts[change.host as usize];
        for (i, source) in sources.iter().enumerate() {
            let triggered = match &source.trigger {
                Trigger::Compromise(class) => change.from == Infection::Clean && change.to.is_foothold() && host.matches_class(*class),
                Trigger::EncryptionStarted(class) => change.to == Infection::Encrypting && host.matches_class(*class),
                Trigger::Encrypted(class) => change.to == Infection::Encrypted && host.matches_class(*class),
                Trigger::EncryptedCount { hosts: class, .. } => {
                    if host.matches_class(*class) {
                        match (hit(change.from), hit(change.to)) {
                            (false, true) => state.counts[i] += 1,
                            (true, false) => state.counts[i] = state.counts[i].saturating_sub(1),
                            _ => {}
                        }
                    }
                    false
                }
                _ => false,
            };
            if triggered && !state.armed[i] && state.streams[i].chance(source.probability) {
                state.armed[i] = true;
                state.alert_hosts[i] = Some(change.host);
                let delay = source.delay.sample_minutes(&mut state.streams[i]);
                state.agenda.schedule(now.saturating_add(delay), DetectionEvent::Alert(i));
            }
        }
    }
    for (i, source) in sources.iter().enumerate() {
        if state.armed[i] || state.rolled[i] {
            continue;
        }
        let reached = match &source.trigger {
            Trigger::EncryptedCount { at_least, .. } => state.counts[i] >= *at_least,
            Trigger::Exfiltrated { at_least_gb } => attack.exfiltrated_gb >= *at_least_gb,
            Trigger::BackupDestroyed => attack.backups_destroyed.iter().any(|&d| d),
            Trigger::PhaseCompleted(phase) => attack.completed_during_run.contains(phase),
            _ => false,
        };
        if reached {
            state.rolled[i] = true;
            if state.streams[i].chance(source.probability) {
                state.armed[i] = true;
                let delay = source.delay.sample_minutes(&mut state.streams[i]);
                state.agenda.schedule(now.saturating_add(delay), DetectionEvent::Alert(i));
            }
        }
    }
}

/// Alerts reach people; the first starts an investigation, which confirms the attack.
fn deliver_alerts(
    now: u32,
    estate: &Estate,
    state: &mut DetectionState,
    rngs: &RngStreams,
    timeline: &mut Timeline,
    observed: &mut Messages<Observed>,
) {
    while let Some((_, event)) = state.agenda.pop_due(now) {
        match event {
            DetectionEvent::Alert(i) => {
                let source = &estate.scenario.detection[i];
                timeline.record(now, source.id.clone(), Event::Alert { source: source.name.clone() });
                observed.write(Observed::Alert { source: source.id.clone() });
                state.investigate(now, &estate.scenario, rngs);
            }
            DetectionEvent::InvestigationDone => {
                state.confirmed_at = Some(now);
                timeline.record(now, "confirmed", Event::Confirmed);
                observed.write(Observed::Confirmed);
            }
        }
    }
}
