//! The binding constraint of a milestone in one run: what set the minute it was met (or kept it from
//! being met), read from the run's typed timeline, its people and its decisions, and said in the words
//! of the people who write emergency plans.

use bevy::prelude::World;

use super::summary::Names;
use crate::data::plan::Milestone;
use crate::data::playbook::EventRef;
use crate::data::scenario::{Effect, Scenario};
use crate::score::milestones::achieved_at;
use crate::sim::event::{Event, Wait};
use crate::sim::people::People;
use crate::sim::response::Work;
use crate::sim::{ObservedLog, ResponseState, Timeline};

/// What set a milestone's time, kept as a short key so that counts merge across shards.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Constraint {
    /// Nobody of the role was there: they came after their call-in delay (or a quorum member did).
    Arrives(String),
    /// The role's people were there, busy with other decisions.
    Busy(String),
    /// It waited for the attack to be confirmed.
    Confirmation,
    /// Nothing is known before the first alert.
    FirstAlert,
    /// It waited for another action to be done.
    After(String),
    /// It needed a server that was down.
    Server(String),
    /// It needed a link that was cut.
    Link(String),
    /// It needed a running host of a class, for remote tools.
    Running(String),
    /// Nothing held it: the action itself takes this long.
    Duration(String),
    /// No decision of the best response achieves it.
    NotTaken,
    /// An event the cell does not decide (an inject, an alert) sets it.
    Event,
    /// Its reference event never happened.
    NoReference,
}

impl Constraint {
    /// The key a tally keeps, such as `arrives:director-general`.
    pub fn key(&self) -> String {
        let (kind, id) = match self {
            Constraint::Arrives(r) => ("arrives", r.as_str()),
            Constraint::Busy(r) => ("busy", r.as_str()),
            Constraint::Confirmation => ("confirmation", ""),
            Constraint::FirstAlert => ("first-alert", ""),
            Constraint::After(a) => ("after", a.as_str()),
            Constraint::Server(s) => ("server", s.as_str()),
            Constraint::Link(l) => ("link", l.as_str()),
            Constraint::Running(c) => ("running", c.as_str()),
            Constraint::Duration(a) => ("duration", a.as_str()),
            Constraint::NotTaken => ("not-taken", ""),
            Constraint::Event => ("event", ""),
            Constraint::NoReference => ("no-reference", ""),
        };
        if id.is_empty() { kind.to_string() } else { format!("{kind}:{id}") }
    }

    /// Reads a key back.
    pub fn from_key(key: &str) -> Option<Self> {
        let (kind, id) = key.split_once(':').unwrap_or((key, ""));
        let id = id.to_string();
        Some(match kind {
            "arrives" => Constraint::Arrives(id),
            "busy" => Constraint::Busy(id),
            "confirmation" => Constraint::Confirmation,
            "first-alert" => Constraint::FirstAlert,
            "after" => Constraint::After(id),
            "server" => Constraint::Server(id),
            "link" => Constraint::Link(id),
            "running" => Constraint::Running(id),
            "duration" => Constraint::Duration(id),
            "not-taken" => Constraint::NotTaken,
            "event" => Constraint::Event,
            "no-reference" => Constraint::NoReference,
            _ => return None,
        })
    }

    /// The constraint in words, with `minutes` the mean of what it cost over the runs it bound.
    pub fn describe(&self, names: &Names, minutes: f64) -> String {
        let role = |id: &str| names.role(id);
        let action = |id: &str| names.action(id);
        let link = |id: &str| names.link(id);
        let m = minutes.round();
        match self {
            Constraint::Arrives(r) => format!("the {} arrives {m:.0} minutes after being called", role(r)),
            Constraint::Busy(r) => format!("the {} is busy with other decisions (a wait of {m:.0} minutes)", role(r)),
            Constraint::Confirmation => format!("it waits for the attack to be confirmed, {m:.0} minutes after the first alert"),
            Constraint::FirstAlert => "nobody knows anything before the first alert".into(),
            Constraint::After(a) => format!("it needs “{}” done first (a wait of {m:.0} minutes)", action(a)),
            Constraint::Server(s) => format!("it needs the server {s}, which is down (a wait of {m:.0} minutes)"),
            Constraint::Link(l) => format!("it needs the link “{}”, which is cut (a wait of {m:.0} minutes)", link(l)),
            Constraint::Running(c) => format!("it needs a running host ({c}) for its remote tools (a wait of {m:.0} minutes)"),
            Constraint::Duration(a) => format!("“{}” itself takes {m:.0} minutes", action(a)),
            Constraint::NotTaken => "no decision the model allows achieves it".into(),
            Constraint::Event => "an event the cell does not decide sets it".into(),
            Constraint::NoReference => "its reference event never happened".into(),
        }
    }
}

/// What bound a milestone in one run, and the minutes it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub constraint: Constraint,
    pub minutes: u32,
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
            return Binding { constraint: Constraint::NoReference, minutes: 0 };
        }
        let events = milestone.achieved_by.events();
        // Waiting for the confirmation binds nothing a milestone counts from it.
        let from_confirmation = milestone.reference == EventRef::Confirmed;
        // Met before its reference or after, what set the minute is the same question.
        match achieved_at(self.log, milestone) {
            // The event met at that minute (the first, or the last when all are needed) set it.
            Some(at) => events
                .iter()
                .find(|e| self.log.time_of(e) == Some(at))
                .map_or(Binding { constraint: Constraint::Event, minutes: 0 }, |event| {
                    self.event_binding(event, Some(at), from_confirmation)
                }),
            // Not met: what held the first event not met.
            None => events
                .iter()
                .find(|e| self.log.time_of(e).is_none())
                .map_or(Binding { constraint: Constraint::NotTaken, minutes: 0 }, |event| {
                    self.event_binding(event, None, from_confirmation)
                }),
        }
    }

    /// What set an event's minute, `at` (or kept it from happening, when `None`).
    fn event_binding(&self, event: &EventRef, at: Option<u32>, from_confirmation: bool) -> Binding {
        let not_taken = Binding { constraint: Constraint::NotTaken, minutes: 0 };
        match event {
            EventRef::ActionDone(action) => {
                self.work_of_action(action).map_or(not_taken, |w| self.work_binding(w, at, true, from_confirmation))
            }
            EventRef::Done(decision) | EventRef::Started(decision) => {
                self.works.iter().find(|w| &w.decision == decision).map_or(not_taken, |w| self.work_binding(w, at, true, from_confirmation))
            }
            // All the people of a call-in reached: set by when its calls were placed.
            EventRef::Reached(action) => {
                self.work_of_action(action).map_or(not_taken, |w| self.work_binding(w, at, false, from_confirmation))
            }
            EventRef::RoleActed(role) | EventRef::Called(role) => Binding { constraint: Constraint::Arrives(role.clone()), minutes: 0 },
            EventRef::FirstAlert | EventRef::Alert(_) => Binding { constraint: Constraint::FirstAlert, minutes: 0 },
            EventRef::Confirmed => Binding { constraint: Constraint::Confirmation, minutes: self.confirmation_delay() },
            EventRef::Start | EventRef::Inject(_) => Binding { constraint: Constraint::Event, minutes: 0 },
        }
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

    /// What set the minute a decision's effect landed: the last thing it waited for, else a quorum's
    /// arrival, else its own duration. `whole`: the event is the decision done (not its calls placed).
    fn work_binding(&self, work: &Work, at: Option<u32>, whole: bool, from_confirmation: bool) -> Binding {
        let action = &self.scenario.actions[work.action];
        if !work.started {
            let (reason, since) = self.last_wait(work, self.end).unwrap_or((Wait::FirstAlert, work.taken_at));
            return self.wait_binding(&reason, since, self.end);
        }
        if whole
            && work.calls_placed
            && let Effect::CallIn(_) = &action.effect
            && let Some(binding) = self.quorum_binding(work, &action.quorum, at)
        {
            return binding;
        }
        if let Some((reason, since)) = self.last_wait(work, work.started_at)
            && !(from_confirmation && reason == Wait::Confirmation)
        {
            return self.wait_binding(&reason, since, work.started_at);
        }
        let end = at.or(work.done_at).unwrap_or(self.end);
        Binding { constraint: Constraint::Duration(action.id.clone()), minutes: end.saturating_sub(work.started_at) }
    }

    /// The last reason a decision waited for before `until`, and when that wait began.
    fn last_wait(&self, work: &Work, until: u32) -> Option<(Wait, u32)> {
        self.timeline.entries.iter().rev().filter(|e| e.id == work.decision && e.minute <= until).find_map(|e| match &e.event {
            Event::Waiting { reason, .. } => Some((reason.clone(), e.minute)),
            _ => None,
        })
    }

    /// A wait from `since` to `until`, named: for people, whether they had to come in or were there
    /// and busy.
    fn wait_binding(&self, reason: &Wait, since: u32, until: u32) -> Binding {
        let minutes = until.saturating_sub(since);
        let constraint = match reason {
            Wait::FirstAlert => Constraint::FirstAlert,
            Wait::Confirmation => return Binding { constraint: Constraint::Confirmation, minutes: self.confirmation_delay() },
            Wait::Done(id) => Constraint::After(id.clone()),
            Wait::Running(class) => Constraint::Running(format!("{class:?}")),
            Wait::ServerRunning(name) => Constraint::Server(name.clone()),
            Wait::LinkUp(id) => Constraint::Link(id.clone()),
            Wait::Someone(name) => return self.people_binding(name, since, until),
        };
        Binding { constraint, minutes }
    }

    /// People of a role (named as the timeline names them), waited for from `since` to `until`: the
    /// wait ended when one of them arrived (their call-in delay binds), or they were there and busy.
    fn people_binding(&self, name: &str, since: u32, until: u32) -> Binding {
        let busy = |id: &str| Binding { constraint: Constraint::Busy(id.to_string()), minutes: until.saturating_sub(since) };
        let Some(role) = self.people.roles.iter().find(|r| r.name == name) else { return busy(name) };
        let Some(called) = role.called_at else { return busy(&role.id) };
        // An arrival in the minute the wait ended (or the one before, as the tick that sees it) ended it.
        match role.arrivals.iter().find(|&&a| a + 1 >= until && a <= until) {
            Some(&arrival) => Binding { constraint: Constraint::Arrives(role.id.clone()), minutes: arrival.saturating_sub(called) },
            None => busy(&role.id),
        }
    }

    /// For a call-in done when its quorum is there: the member who came last, if that is what it waited for.
    fn quorum_binding(&self, work: &Work, quorum: &'w [String], at: Option<u32>) -> Option<Binding> {
        let done = at.or(work.done_at)?;
        if done <= work.ready_at {
            return None;
        }
        let arrival = |id: &'w String| {
            let role = self.people.roles.iter().find(|r| &r.id == id)?;
            let called = role.called_at?;
            // Nobody there when called: the first to come is the first change in who is there.
            let first = if role.present(called) > 0 { called } else { role.change_from(called)? };
            Some((first, first.saturating_sub(called), id))
        };
        let (_, minutes, last) = quorum.iter().filter_map(arrival).max()?;
        Some(Binding { constraint: Constraint::Arrives(last.clone()), minutes })
    }
}
