//! The master scenario events list: injects delivered at their time, after a visible event, or when a
//! condition first holds.

use bevy::prelude::*;

use super::Reactions;
use super::agenda::Agenda;
use super::attack::AttackState;
use super::care::{CareState, ServiceStatus};
use super::estate::{Census, Estate, Infection};
use super::event::Event;
use super::playbook::due_minute;
use super::quiet::NightView;
use super::timeline::{Observed, ObservedLog};
use crate::data::playbook::When;
use crate::data::scenario::{HostClass, InjectCondition, InjectTrigger};
use crate::data::validate::clock_minutes;

/// An inject fired by hand by the facilitator.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum FireInject {
    /// One of the scenario's injects, by id: delivered now, and not again at its own time.
    Listed(String),
    /// A message the facilitator writes on the spot, to the whole cell (`to` empty) or to one role (its
    /// id): the simulation hears it alike; the seats deliver it to that role alone.
    Written { channel: String, text: String, to: String },
}

/// The id under which the facilitator's own injects appear in the timeline.
pub const WRITTEN_INJECT_ID: &str = "facilitator";

#[derive(Resource, Default, Clone)]
pub struct InjectState {
    /// Set once an inject is delivered or scheduled.
    pub handled: Vec<bool>,
    clock_minutes: Vec<Option<u32>>,
    agenda: Agenda<usize>,
    initialised: bool,
}

impl InjectState {
    /// The next minute an inject is due, as far as is known now.
    pub fn next_minute(&self, estate: &Estate, log: &ObservedLog) -> Option<u32> {
        let scheduled = self.agenda.next_minute();
        let timed = estate.scenario.injects.iter().enumerate().filter(|(i, _)| !self.handled.get(*i).copied().unwrap_or(false)).filter_map(
            |(i, inject)| match &inject.trigger {
                InjectTrigger::At(when) => due_minute(when, self.clock_minutes.get(i).copied().flatten(), log),
                InjectTrigger::When { .. } => None,
            },
        );
        scheduled.into_iter().chain(timed).min()
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<InjectState>();
}

fn condition_holds(condition: &InjectCondition, census: &Census, attack: &AttackState, care: &CareState) -> bool {
    match condition {
        InjectCondition::Encrypted { hosts, at_least } => {
            let count = match hosts {
                HostClass::Servers => census.hit_servers,
                HostClass::Workstations => census.hit_workstations,
                _ => census.count(Infection::Encrypting) + census.count(Infection::Encrypted),
            };
            count >= *at_least
        }
        InjectCondition::ServiceDown(kind) => care.services.iter().any(|s| s.kind == *kind && s.status == ServiceStatus::Down),
        InjectCondition::BackupDestroyed => attack.backups_destroyed.iter().any(|&d| d),
        InjectCondition::ExfiltratedGb(gb) => attack.exfiltrated_gb >= *gb,
    }
}

/// Delivers the injects that fall due at `now`, with those fired by hand; runs after every change of
/// the tick, so that a condition that starts to hold is seen in the minute it does.
pub(super) fn deliver_injects(
    now: u32,
    night: &NightView,
    log: &ObservedLog,
    reactions: &mut Reactions,
    care: &CareState,
    fired: &Messages<FireInject>,
    observed: &mut Messages<Observed>,
) {
    let Reactions { injects: state, detection, timeline, rngs, fired_seen, .. } = reactions;
    let (estate, census, attack) = (&*night.estate, &*night.census, &*night.attack);
    let injects = &estate.scenario.injects;
    let by_hand: Vec<FireInject> = fired_seen.read(fired).cloned().collect();
    if injects.is_empty() && by_hand.is_empty() {
        return;
    }
    let state = &mut **state;
    if !state.initialised {
        state.initialised = true;
        state.handled = vec![false; injects.len()];
        state.clock_minutes = injects
            .iter()
            .map(|inject| match &inject.trigger {
                InjectTrigger::At(When::Clock(text)) => clock_minutes(&estate.scenario, text).ok().map(|m| m.max(0) as u32),
                _ => None,
            })
            .collect();
    }
    let mut due = Vec::new();
    for fire in by_hand {
        match fire {
            FireInject::Listed(id) => {
                if let Some(i) = injects.iter().position(|inject| inject.id == id)
                    && !state.handled[i]
                {
                    state.handled[i] = true;
                    due.push(i);
                }
            }
            FireInject::Written { channel, text, .. } => {
                timeline.record(now, WRITTEN_INJECT_ID, Event::Inject { channel, text });
                observed.write(Observed::Inject { id: WRITTEN_INJECT_ID.to_string() });
            }
        }
    }
    for (i, inject) in injects.iter().enumerate() {
        if state.handled[i] {
            continue;
        }
        match &inject.trigger {
            InjectTrigger::At(when) => {
                if due_minute(when, state.clock_minutes[i], log).is_some_and(|m| m <= now) {
                    state.handled[i] = true;
                    due.push(i);
                }
            }
            InjectTrigger::When { condition, minutes } => {
                if condition_holds(condition, census, attack, care) {
                    state.handled[i] = true;
                    state.agenda.schedule(now.saturating_add(*minutes), i);
                }
            }
        }
    }
    while let Some((_, i)) = state.agenda.pop_due(now) {
        due.push(i);
    }
    for i in due {
        let inject = &injects[i];
        timeline.record(now, inject.id.clone(), Event::Inject { channel: inject.channel.clone(), text: inject.text.clone() });
        observed.write(Observed::Inject { id: inject.id.clone() });
        if inject.raises_alert {
            // Someone raises what they saw: an alert like a detection source's, named by the inject.
            observed.write(Observed::Alert { source: inject.id.clone() });
            detection.investigate(now, &estate.scenario, rngs);
        }
    }
}
