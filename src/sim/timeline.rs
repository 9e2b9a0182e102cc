//! What happened and when: the timeline of a run, the counts over time, and the events the crisis cell sees.

use bevy::prelude::*;
use serde::Serialize;

use super::estate::{Census, Infection};
use super::event::Event;

/// The kind of a timeline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// The hidden truth of the attack: what the crisis cell does not see.
    Attack,
    Alert,
    Confirmation,
    Decision,
    /// The effect of a decision landing on the estate.
    Effect,
    /// People called in, arriving, or waited for.
    People,
    /// An outside actor answering.
    Outside,
    /// A care service changing state.
    Care,
    /// A message or event of the master scenario events list.
    Inject,
}

impl EntryKind {
    /// Whether the crisis cell sees entries of this kind as they happen.
    pub fn is_visible(self) -> bool {
        !matches!(self, EntryKind::Attack)
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub minute: u32,
    pub kind: EntryKind,
    /// A stable identifier: the phase, source or decision concerned.
    pub id: String,
    /// What happened, with its data; `crate::words` tells it in a language.
    pub event: Event,
}

/// Every entry of the run, in the order it happened.
#[derive(Resource, Debug, Default, Clone)]
pub struct Timeline {
    pub entries: Vec<Entry>,
}

impl Timeline {
    /// Records an event; its kind follows from it.
    pub fn record(&mut self, minute: u32, id: impl Into<String>, event: Event) {
        self.entries.push(Entry { minute, kind: event.kind(), id: id.into(), event });
    }
}

/// Events the crisis cell can see, which decisions may wait for.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    Alert { source: String },
    Confirmed,
    DecisionStarted { decision: String, action: String, role: Option<String> },
    DecisionDone { decision: String, action: String },
    Inject { id: String },
}

/// The minutes at which visible events first happened, by reference.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct ObservedLog {
    pub first_alert: Option<u32>,
    pub confirmed: Option<u32>,
    pub alerts: Vec<(String, u32)>,
    pub started: Vec<(String, u32)>,
    pub done: Vec<(String, u32)>,
    /// Actions of the catalog landed in full, by action id (the first time).
    pub actions_done: Vec<(String, u32)>,
    pub injects: Vec<(String, u32)>,
    /// Roles called (paged or called in), by role id, the first time.
    pub called: Vec<(String, u32)>,
    /// Roles that started a decision of their own, by role id, the first time.
    pub role_acted: Vec<(String, u32)>,
    /// Call-in actions whose people have all been reached, by action id, the first time.
    pub reached: Vec<(String, u32)>,
    /// Host-equivalents ever encrypted when the first alert came: what the cell could first have known.
    pub encrypted_at_first_alert: Option<f64>,
    /// Host-equivalents ever encrypted when the attack was confirmed.
    pub encrypted_at_confirmation: Option<f64>,
    /// The last minute anything was recorded: a decision waiting on the log may start the minute after.
    pub last_recorded: Option<u32>,
}

impl ObservedLog {
    fn record(&mut self, minute: u32, event: &Observed) {
        self.last_recorded = Some(minute);
        let first = |list: &mut Vec<(String, u32)>, id: &str| {
            if !list.iter().any(|(x, _)| x == id) {
                list.push((id.to_string(), minute));
            }
        };
        match event {
            Observed::Alert { source } => {
                self.first_alert.get_or_insert(minute);
                first(&mut self.alerts, source);
            }
            Observed::Confirmed => {
                self.confirmed.get_or_insert(minute);
            }
            Observed::DecisionStarted { decision, role, .. } => {
                first(&mut self.started, decision);
                if let Some(role) = role {
                    first(&mut self.role_acted, role);
                }
            }
            Observed::DecisionDone { decision, action } => {
                first(&mut self.done, decision);
                first(&mut self.actions_done, action);
            }
            Observed::Inject { id } => first(&mut self.injects, id),
        }
    }

    /// The minute a visible event happened, if it has.
    pub fn time_of(&self, event: &crate::data::playbook::EventRef) -> Option<u32> {
        use crate::data::playbook::EventRef;
        match event {
            EventRef::Start => Some(0),
            EventRef::FirstAlert => self.first_alert,
            EventRef::Alert(source) => Self::lookup(&self.alerts, source),
            EventRef::Confirmed => self.confirmed,
            EventRef::Started(id) => Self::lookup(&self.started, id),
            EventRef::Done(id) => Self::lookup(&self.done, id),
            EventRef::Inject(id) => Self::lookup(&self.injects, id),
            EventRef::ActionDone(id) => Self::lookup(&self.actions_done, id),
            EventRef::Called(role) => Self::lookup(&self.called, role),
            EventRef::RoleActed(role) => Self::lookup(&self.role_acted, role),
            EventRef::Reached(action) => Self::lookup(&self.reached, action),
        }
    }

    /// When a role was first reached: called, or acting on its own.
    fn role_reached(&self, role: &str) -> Option<u32> {
        [Self::lookup(&self.called, role), Self::lookup(&self.role_acted, role)].into_iter().flatten().min()
    }

    /// Notes the call-in actions whose people have all now been reached.
    fn note_reached(&mut self, actions: &[crate::data::scenario::Action]) {
        for action in actions {
            let crate::data::scenario::Effect::CallIn(roles) = &action.effect else { continue };
            if roles.is_empty() || Self::lookup(&self.reached, &action.id).is_some() {
                continue;
            }
            if let Some(at) = roles.iter().map(|r| self.role_reached(r)).collect::<Option<Vec<u32>>>().and_then(|t| t.into_iter().max()) {
                self.reached.push((action.id.clone(), at));
            }
        }
    }

    pub fn lookup(list: &[(String, u32)], id: &str) -> Option<u32> {
        list.iter().find(|(x, _)| x == id).map(|(_, m)| *m)
    }
}

/// Host counts sampled over time, for charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sample {
    pub minute: u32,
    pub clean: u32,
    pub compromised: u32,
    pub encrypting: u32,
    pub encrypted: u32,
    pub powered_off: u32,
}

#[derive(Resource, Debug, Default, Clone)]
pub struct History {
    pub samples: Vec<Sample>,
}

/// Sample every this many minutes.
pub const SAMPLE_EVERY_MINUTES: u32 = 10;

pub(super) fn record_observed<'a>(
    now: u32,
    census: &Census,
    estate: &super::estate::Estate,
    people: &super::people::People,
    events: impl Iterator<Item = &'a Observed>,
    log: &mut ObservedLog,
) {
    let known = log.called.len() + log.role_acted.len();
    for event in events {
        log.record(now, event);
    }
    for role in &people.roles {
        // A role is reached when someone answers the call, or is already there to hear it.
        if let Some(at) = role.called_at
            && (role.on_call > 0 || role.present(at) > 0)
            && ObservedLog::lookup(&log.called, &role.id).is_none()
        {
            log.called.push((role.id.clone(), at));
        }
    }
    if log.called.len() + log.role_acted.len() != known {
        log.note_reached(&estate.scenario.actions);
    }
    if log.first_alert.is_some() && log.encrypted_at_first_alert.is_none() {
        log.encrypted_at_first_alert = Some(census.encrypted_ever());
    }
    if log.confirmed.is_some() && log.encrypted_at_confirmation.is_none() {
        log.encrypted_at_confirmation = Some(census.encrypted_ever());
    }
}

pub(super) fn sample_history(now: u32, census: &Census, history: &mut History) {
    if !now.is_multiple_of(SAMPLE_EVERY_MINUTES) {
        return;
    }
    history.samples.push(sample(now, census));
}

pub fn sample(minute: u32, census: &Census) -> Sample {
    Sample {
        minute,
        clean: census.count(Infection::Clean),
        compromised: census.count(Infection::Compromised) + census.count(Infection::Staged),
        encrypting: census.count(Infection::Encrypting),
        encrypted: census.count(Infection::Encrypted),
        powered_off: census.powered_off,
    }
}
