//! Injects as moments of the exercise: each one delivered is shown to the room until someone
//! acknowledges it, and the facilitator marks whether the cell gave the response the scenario expects.
//! Both go into the journal, so a replayed exercise has the same marks, and into the report.

use serde::{Deserialize, Serialize};

use super::Exercise;
use crate::sim::injects::WRITTEN_INJECT_ID;
use crate::sim::{EntryKind, Event, Timeline};

/// How far the cell gave the response an inject expects, as the facilitator judged it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseMark {
    Done,
    Partly,
    NotDone,
}

impl ResponseMark {
    pub const ALL: [ResponseMark; 3] = [ResponseMark::Done, ResponseMark::Partly, ResponseMark::NotDone];

    pub fn label(self, language: crate::i18n::Language) -> &'static str {
        language.tr(match self {
            ResponseMark::Done => "response-done",
            ResponseMark::Partly => "response-partly",
            ResponseMark::NotDone => "response-not-done",
        })
    }
}

/// An inject as it reached the cell, with what the scenario says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct InjectMoment {
    /// Its rank among the injects delivered, from 0: how acknowledgements and marks name it.
    pub rank: usize,
    /// Its place in the timeline.
    pub entry: usize,
    pub minute: u32,
    /// The scenario's id, or `facilitator` for one written on the spot.
    pub id: String,
    pub channel: String,
    pub sender: String,
    pub audience: String,
    /// The role a written inject is addressed to, by id: its seat alone hears it.
    pub to_role: Option<String>,
    pub text: String,
    /// The response the scenario expects; empty for one written on the spot.
    pub expected: String,
    /// The plan milestone it tests.
    pub milestone: Option<String>,
    /// When the room acknowledged it.
    pub acknowledged_at: Option<u32>,
    /// The facilitator's mark and when it was given.
    pub mark: Option<(ResponseMark, u32)>,
}

/// What the room and the facilitator did with the injects delivered so far.
#[derive(Debug, Clone, Default)]
pub struct InjectResponses {
    /// The minute each delivered inject was acknowledged, in the order they arrived.
    pub acknowledged: Vec<u32>,
    /// Marks by rank of delivery: the last mark given counts.
    pub marks: Vec<(usize, ResponseMark, u32)>,
}

impl Exercise {
    /// Every inject delivered so far, in the order it arrived.
    pub fn delivered_injects(&self) -> Vec<InjectMoment> {
        self.moments().collect()
    }

    /// The oldest inject the room has not acknowledged: the banner shows it.
    pub fn inject_to_acknowledge(&self) -> Option<InjectMoment> {
        self.moments().nth(self.responses.acknowledged.len())
    }

    /// The injects delivered, each with what the scenario says of it, walked in the order they arrived.
    pub(super) fn moments(&self) -> impl Iterator<Item = InjectMoment> + '_ {
        let scenario = self.scenario();
        let timeline = self.sim().world().resource::<Timeline>();
        let language = self.setup.language;
        let mut written = 0;
        let injects = timeline.entries.iter().enumerate().filter(|(_, e)| e.kind == EntryKind::Inject);
        injects.enumerate().map(move |(rank, (index, entry))| {
            let listed = scenario.injects.iter().find(|i| i.id == entry.id && entry.id != WRITTEN_INJECT_ID);
            let to_role = if entry.id == WRITTEN_INJECT_ID {
                written += 1;
                self.written_to.get(written - 1).filter(|to| !to.is_empty()).cloned()
            } else {
                None
            };
            let audience = match (&to_role, listed) {
                (Some(role), _) => self.role_name(role),
                (None, Some(inject)) => inject.audience.clone(),
                (None, None) => language.tr("inject-audience-cell").to_string(),
            };
            let (channel, text) = match &entry.event {
                Event::Inject { channel, text } => (channel.clone(), text.clone()),
                _ => (String::new(), crate::words::event(language, &entry.event)),
            };
            InjectMoment {
                rank,
                entry: index,
                minute: entry.minute,
                id: entry.id.clone(),
                channel,
                sender: listed.map(|i| i.sender.clone()).unwrap_or_default(),
                audience,
                to_role,
                text,
                expected: listed.map(|i| i.expected.clone()).unwrap_or_default(),
                milestone: listed.and_then(|i| i.milestone.clone()),
                acknowledged_at: self.responses.acknowledged.get(rank).copied(),
                mark: self.responses.marks.iter().rev().find(|(r, _, _)| *r == rank).map(|(_, m, at)| (*m, *at)),
            }
        })
    }

    /// The seated role an inject reached alone, when seats are served: written to that role, or
    /// addressed by the scenario to it and no other. The room's picture says only that it came.
    pub fn private_to(&self, inject: &InjectMoment) -> Option<String> {
        if !self.seats_served {
            return None;
        }
        match self.addressees(inject)?.as_slice() {
            [role] if self.setup.roles_at_table.contains(role) => Some(role.clone()),
            _ => None,
        }
    }

    /// The injects that reached one seat alone, by their place in the timeline, with that role.
    pub(super) fn private_injects(&self) -> Vec<(usize, String)> {
        if !self.seats_served {
            return Vec::new();
        }
        self.moments().filter_map(|m| self.private_to(&m).map(|role| (m.entry, role))).collect()
    }

    /// The room has read the inject on the banner; the clock goes on if it stopped for it.
    pub fn acknowledge_inject(&mut self) {
        if self.inject_to_acknowledge().is_none() {
            return;
        }
        self.responses.acknowledged.push(self.minute());
        self.record(super::journal::Input::Acknowledge {});
        if self.paused_for_inject && self.inject_to_acknowledge().is_none() {
            self.paused_for_inject = false;
            if !self.out_of_time() && !self.ended {
                self.set_paused(false);
            }
        }
    }

    /// The facilitator marks the cell's response to a delivered inject (by its rank of delivery).
    pub fn mark_response(&mut self, rank: usize, mark: ResponseMark) {
        if self.moments().nth(rank).is_none() {
            return;
        }
        self.responses.marks.push((rank, mark, self.minute()));
        self.record(super::journal::Input::Mark { inject: rank, mark });
    }
}
