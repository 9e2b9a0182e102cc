//! The binding constraint of a milestone in one run: what set the minute it was met (or kept it from
//! being met), read from the run's typed timeline, its people and its decisions.

use bevy::prelude::World;

use super::constraint::Constraint;
use crate::data::plan::Milestone;
use crate::data::playbook::EventRef;
use crate::data::scenario::{Effect, Scenario};
use crate::score::milestones::achieved_at;
use crate::sim::event::{Event, Wait};
use crate::sim::people::{People, RoleState};
use crate::sim::response::Work;
use crate::sim::{ObservedLog, ResponseState, Timeline};

/// What bound a milestone in one run, and the minutes it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub constraint: Constraint,
    pub minutes: u32,
}

impl Binding {
    fn new(constraint: Constraint, minutes: u32) -> Self {
        Self { constraint, minutes }
    }
}

/// Which moment of a decision an event marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// It started.
    Started,
    /// Its effect landed (for a call-in, its calls placed).
    Placed,
    /// It was done (for a call-in with a quorum, the quorum there).
    Done,
}

/// What a run's world holds that the analysis reads.
pub struct RunView<'w> {
    pub scenario: &'w Scenario,
    pub log: &'w ObservedLog,
    pub timeline: &'w Timeline,
    pub people: &'w People,
    pub works: &'w [Work],
    /// The minute the run stopped.
    pub end: u32,
}

impl<'w> RunView<'w> {
    /// The parts of a run's world the analysis reads, the run having stopped at `end`.
    pub fn of(world: &'w World, end: u32) -> Self {
        let estate = world.resource::<crate::sim::Estate>();
        Self {
            scenario: &estate.scenario,
            log: world.resource::<ObservedLog>(),
            timeline: world.resource::<Timeline>(),
            people: world.resource::<People>(),
            works: &world.resource::<ResponseState>().works,
            end,
        }
    }

    /// What bound a milestone in this run.
    pub fn binding(&self, milestone: &Milestone) -> Binding {
        if self.log.time_of(&milestone.reference).is_none() {
            return Binding::new(Constraint::NoReference, 0);
        }
        // Waiting for the confirmation binds nothing a milestone counts from it.
        let from_confirmation = milestone.reference == EventRef::Confirmed;
        let events = milestone.achieved_by.events();
        // Met before its reference or after, what set the minute is the same question.
        match achieved_at(self.log, milestone) {
            // The event met at that minute (the first, or the last when all are needed) set it.
            Some(at) => events
                .iter()
                .find(|e| self.log.time_of(e) == Some(at))
                .map_or(Binding::new(Constraint::Event, 0), |event| self.event_binding(event, Some(at), from_confirmation)),
            // Not met: what held the first event not met.
            None => events
                .iter()
                .find(|e| self.log.time_of(e).is_none())
                .map_or(Binding::new(Constraint::NotTaken, 0), |event| self.event_binding(event, None, from_confirmation)),
        }
    }

    /// What set an event's minute, `at` (or kept it from happening, when `None`).
    fn event_binding(&self, event: &EventRef, at: Option<u32>, from_confirmation: bool) -> Binding {
        let not_taken = Binding::new(Constraint::NotTaken, 0);
        let of_work = |work: Option<&Work>, moment| work.map_or(not_taken.clone(), |w| self.work_binding(w, at, moment, from_confirmation));
        match event {
            EventRef::ActionDone(action) => of_work(self.work_of_action(action), Moment::Done),
            EventRef::Done(decision) => of_work(self.works.iter().find(|w| &w.decision == decision), Moment::Done),
            EventRef::Started(decision) => of_work(self.works.iter().find(|w| &w.decision == decision), Moment::Started),
            // All the people of a call-in reached: set by when its calls were placed, unless another
            // call (or the first alert's page) reached the last of them first.
            EventRef::Reached(action) => match self.work_of_action(action) {
                Some(w) if w.started && at.is_none_or(|at| at >= w.ready_at) => self.work_binding(w, at, Moment::Placed, from_confirmation),
                Some(w) if at.is_some() => self
                    .last_called(&self.scenario.actions[w.action].effect)
                    .map_or(Binding::new(Constraint::FirstAlert, 0), |role| self.caller_binding(role, at, from_confirmation)),
                work => of_work(work, Moment::Placed),
            },
            EventRef::Called(role) => self.caller_binding(role, at, from_confirmation),
            // A role acting: what held its first decision.
            EventRef::RoleActed(role) => {
                let first = self
                    .works
                    .iter()
                    .filter(|w| self.scenario.actions[w.action].role.as_ref() == Some(role))
                    .min_by_key(|w| (!w.started, w.started_at));
                of_work(first, Moment::Started)
            }
            EventRef::FirstAlert | EventRef::Alert(_) => Binding::new(Constraint::FirstAlert, 0),
            EventRef::Confirmed => Binding::new(Constraint::Confirmation, self.confirmation_delay()),
            EventRef::Start | EventRef::Inject(_) => Binding::new(Constraint::Event, 0),
        }
    }

    /// Whether a decision calls a role in.
    fn calls(&self, work: &Work, role: &str) -> bool {
        matches!(&self.scenario.actions[work.action].effect, Effect::CallIn(roles) if roles.iter().any(|r| r == role))
    }

    /// Of the roles a call-in calls, the one called last.
    fn last_called<'e>(&self, effect: &'e Effect) -> Option<&'e str> {
        let Effect::CallIn(roles) = effect else { return None };
        let called = |id: &&String| self.people.roles.iter().find(|r| &r.id == *id).and_then(|r| r.called_at);
        roles.iter().max_by_key(called).map(String::as_str)
    }

    /// What set the minute a role was called: the decision whose calls reached it first, by `at`, or
    /// the first alert's page when no decision did.
    fn caller_binding(&self, role: &str, at: Option<u32>, from_confirmation: bool) -> Binding {
        let caller = self
            .works
            .iter()
            .filter(|w| w.started && self.calls(w, role) && at.is_none_or(|at| w.ready_at <= at))
            .min_by_key(|w| w.ready_at);
        caller.map_or(Binding::new(Constraint::FirstAlert, 0), |w| self.work_binding(w, at, Moment::Placed, from_confirmation))
    }

    /// The first decision of an action that started, or else the first taken.
    fn work_of_action(&self, action: &str) -> Option<&Work> {
        let of_action = |w: &&Work| self.scenario.actions[w.action].id == action;
        self.works.iter().filter(of_action).find(|w| w.started).or_else(|| self.works.iter().find(of_action))
    }

    fn confirmation_delay(&self) -> u32 {
        match (self.log.first_alert, self.log.confirmed) {
            (Some(alert), Some(confirmed)) => confirmed.saturating_sub(alert),
            _ => 0,
        }
    }

    /// What set the minute a decision reached `moment`: a quorum's last arrival, else the last thing it
    /// waited for, else its own duration (nothing at all for its start).
    fn work_binding(&self, work: &Work, at: Option<u32>, moment: Moment, from_confirmation: bool) -> Binding {
        let action = &self.scenario.actions[work.action];
        let until = if work.started { work.started_at } else { at.unwrap_or(self.end) };
        if moment == Moment::Done
            && work.calls_placed
            && let Some(binding) = self.quorum_binding(work, &action.quorum, at)
        {
            return binding;
        }
        let wait = self.last_wait(work, until).filter(|(reason, _)| !(from_confirmation && *reason == Wait::Confirmation));
        match (wait, work.started, moment) {
            (Some((reason, since)), _, _) => self.wait_binding(&reason, since, until),
            (None, false, _) => Binding::new(Constraint::NotTaken, 0),
            // Taken at the first alert and started at once: nothing held it but knowing.
            (None, true, Moment::Started) => Binding::new(Constraint::FirstAlert, 0),
            (None, true, _) => {
                let end = at.or(work.done_at).unwrap_or(self.end);
                Binding::new(Constraint::Duration(action.id.clone()), end.saturating_sub(work.started_at))
            }
        }
    }

    /// The last reason a decision waited for, at or before `until`, and when that wait began.
    fn last_wait(&self, work: &Work, until: u32) -> Option<(Wait, u32)> {
        self.timeline.entries.iter().rev().filter(|e| e.id == work.decision && e.minute <= until).find_map(|e| match &e.event {
            Event::Waiting { reason, .. } => Some((reason.clone(), e.minute)),
            _ => None,
        })
    }

    /// A wait from `since` to `until`, named: for people, whether they had to come or were busy.
    fn wait_binding(&self, reason: &Wait, since: u32, until: u32) -> Binding {
        let minutes = until.saturating_sub(since);
        let constraint = match reason {
            Wait::FirstAlert => Constraint::FirstAlert,
            Wait::Confirmation => return Binding::new(Constraint::Confirmation, self.confirmation_delay()),
            Wait::Done(id) => Constraint::After(id.clone()),
            Wait::Running(class) => Constraint::Running(format!("{class:?}")),
            Wait::ServerRunning(name) => Constraint::Server(name.clone()),
            Wait::LinkUp(id) => Constraint::Link(id.clone()),
            Wait::Someone(name) => return self.people_binding(name, since, until),
        };
        Binding::new(constraint, minutes)
    }

    /// People of a role (named as the timeline names them), waited for from `since` to `until`. If
    /// nobody of the role was there when the wait began, the wait ended with an arrival (the call-in
    /// delay binds), a shift, or never; if some were there, or came well before it ended, they were busy.
    fn people_binding(&self, name: &str, since: u32, until: u32) -> Binding {
        let waited = until.saturating_sub(since);
        let Some(role) = self.people.roles.iter().find(|r| r.name == name) else {
            return Binding::new(Constraint::Busy(name.to_string()), waited);
        };
        let id = role.id.clone();
        if role.present(since) > 0 {
            return Binding::new(Constraint::Busy(id), waited);
        }
        let tick = self.scenario.meta.tick_minutes.max(1);
        match first_there(role, since, until) {
            // Someone came, and the wait went on: they were busy by the time it ended.
            Some(came) if came.saturating_add(tick) < until => Binding::new(Constraint::Busy(id), until - came),
            Some(arrival) if role.arrivals.contains(&arrival) => {
                Binding::new(Constraint::Arrives(id), arrival.saturating_sub(role.called_at.unwrap_or(since)))
            }
            Some(shift) => Binding::new(Constraint::Shift(id), shift.saturating_sub(since)),
            None => Binding::new(Constraint::Unreachable(id), waited),
        }
    }

    /// For a call-in done when its quorum is there: the member whose coming completed it, if the wait
    /// for the quorum is what set the minute.
    fn quorum_binding(&self, work: &Work, quorum: &'w [String], at: Option<u32>) -> Option<Binding> {
        let done = at.or(work.done_at)?;
        if done <= work.ready_at {
            return None;
        }
        // Each member's last coming at or before `done`, after the calls were placed.
        let came = |id: &'w String| {
            let role = self.people.roles.iter().find(|r| &r.id == id)?;
            let mut minute = done;
            while minute > work.ready_at && role.present(minute - 1) > 0 {
                minute -= 1;
            }
            (minute > work.ready_at).then(|| (minute, minute.saturating_sub(role.called_at.unwrap_or(work.ready_at)), id))
        };
        let (_, minutes, last) = quorum.iter().filter_map(came).max()?;
        Some(Binding::new(Constraint::Arrives(last.clone()), minutes))
    }
}

/// The first minute after `since`, up to `until`, at which someone of a role is there.
fn first_there(role: &RoleState, since: u32, until: u32) -> Option<u32> {
    let mut minute = since;
    while let Some(change) = role.change_from(minute.saturating_add(1)).filter(|&m| m <= until) {
        if role.present(change) > 0 {
            return Some(change);
        }
        minute = change;
    }
    None
}
