//! Issues a playbook's decisions when they fall due: at a time, or after a visible event with a delay.

use bevy::prelude::*;

use super::response::Decide;
use super::timeline::ObservedLog;
use crate::data::playbook::{Playbook, When};
use crate::data::scenario::Scenario;
use crate::data::validate::clock_minutes;

struct Pending {
    id: String,
    action: String,
    when: When,
    /// Minutes from the start for a `Clock` time, worked out once.
    clock_minute: Option<u32>,
    issued: bool,
}

/// The decisions of the playbook being played, and which have been issued.
#[derive(Resource, Default)]
pub struct PlaybookRun {
    pending: Vec<Pending>,
}

impl PlaybookRun {
    pub fn new(playbook: &Playbook, scenario: &Scenario) -> Self {
        let pending = playbook
            .decisions
            .iter()
            .map(|d| Pending {
                id: d.id.clone(),
                action: d.action.clone(),
                when: d.at.clone(),
                clock_minute: match &d.at {
                    When::Clock(text) => clock_minutes(scenario, text).ok().map(|m| m.max(0) as u32),
                    _ => None,
                },
                issued: false,
            })
            .collect();
        Self { pending }
    }

    /// The minute a decision falls due, if its reference event has happened.
    fn due(&self, pending: &Pending, log: &ObservedLog) -> Option<u32> {
        due_minute(&pending.when, pending.clock_minute, log)
    }

    /// The earliest minute a known decision falls due, for skipping quiet minutes.
    pub fn next_due(&self, log: &ObservedLog) -> Option<u32> {
        self.pending.iter().filter(|p| !p.issued).filter_map(|p| self.due(p, log)).min()
    }
}

/// The minute a `When` falls due, if its reference event has happened; `clock_minute` is a `Clock`
/// time worked out beforehand.
pub fn due_minute(when: &When, clock_minute: Option<u32>, log: &ObservedLog) -> Option<u32> {
    match when {
        When::Elapsed(minutes) => Some(*minutes),
        When::Clock(_) => clock_minute,
        When::After { event, minutes } => Some(log.time_of(event)?.saturating_add(*minutes)),
    }
}

/// Issues the decisions that fall due at `now`, as `Decide` messages the response takes this minute.
pub(super) fn issue_due_decisions(now: u32, log: &ObservedLog, run: &mut PlaybookRun, decide: &mut Messages<Decide>) {
    for pending in run.pending.iter_mut().filter(|p| !p.issued) {
        if due_minute(&pending.when, pending.clock_minute, log).is_some_and(|m| m <= now) {
            pending.issued = true;
            decide.write(Decide { decision: pending.id.clone(), action: pending.action.clone() });
        }
    }
}
