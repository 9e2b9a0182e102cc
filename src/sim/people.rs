//! People: who is on site by the clock, who is called in and when they arrive, and who is free.
//!
//! A role's people are those on shift, plus those called in once they have arrived; people called in
//! stay for the crisis. A decision holds `team` people of its role from its start until it is done.

use bevy::prelude::*;

use super::RngStreams;
use super::clock::Clock;
use super::estate::Estate;
use super::event::Event;
use super::timeline::{ObservedLog, Timeline};
use crate::data::scenario::{Days, Role};

/// People of one role.
#[derive(Debug, Clone)]
pub struct RoleState {
    pub id: String,
    pub name: String,
    /// On-site head count as a step function: from each minute on, this many are on shift.
    pub on_shift: Vec<(u32, u32)>,
    pub on_call: u32,
    pub called_at: Option<u32>,
    /// Minutes at which called-in people arrive, sorted.
    pub arrivals: Vec<u32>,
}

impl RoleState {
    /// People there at a minute: on shift, or called in and arrived.
    pub fn present(&self, minute: u32) -> u32 {
        let on_shift = self.on_shift.iter().take_while(|(from, _)| *from <= minute).last().map_or(0, |(_, n)| *n);
        on_shift + self.arrivals.iter().filter(|&&a| a <= minute).count() as u32
    }

    /// The first minute from `minute` on (itself included) at which the number present changes.
    pub fn change_from(&self, minute: u32) -> Option<u32> {
        let shift = self.on_shift.iter().map(|(from, _)| *from).find(|&from| from >= minute);
        let arrival = self.arrivals.iter().copied().find(|&a| a >= minute);
        shift.into_iter().chain(arrival).min()
    }
}

/// Every role's people.
#[derive(Resource, Debug, Clone, Default)]
pub struct People {
    pub roles: Vec<RoleState>,
    paged: bool,
}

impl People {
    pub fn index(&self, id: &str) -> Option<usize> {
        self.roles.iter().position(|r| r.id == id)
    }

    /// A role's name, or its id when the scenario has no such role.
    pub fn role_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.index(id).map_or(id, |i| self.roles[i].name.as_str())
    }

    /// The first alert has come and the roles it pages have not been called yet.
    pub fn page_pending(&self, log: &ObservedLog) -> bool {
        !self.paged && log.first_alert.is_some()
    }

    /// The first minute from `minute` on (itself included) at which anyone arrives or a shift changes:
    /// a tick that has not yet run at `minute` must not pass over an arrival at it.
    pub fn change_from(&self, minute: u32) -> Option<u32> {
        self.roles.iter().filter_map(|r| r.change_from(minute)).min()
    }

    /// Calls a role's on-call people in; they arrive one by one after their call-in delays.
    pub fn call(&mut self, role: usize, now: u32, spec: &Role, rngs: &RngStreams, timeline: &mut Timeline) {
        let state = &mut self.roles[role];
        if state.called_at.is_some() {
            return;
        }
        state.called_at = Some(now);
        if state.on_call == 0 {
            return;
        }
        let mut rng = rngs.keyed(crate::random::Purpose::People, &state.id);
        for _ in 0..state.on_call {
            state.arrivals.push(now.saturating_add(spec.call_in.sample_minutes(&mut rng)));
        }
        state.arrivals.sort_unstable();
        let first = state.arrivals[0];
        let event = Event::CalledIn { role: state.name.clone(), on_call: state.on_call, first_in_minutes: first - now };
        timeline.record(now, format!("call-{}", state.id), event);
    }
}

/// Builds each role's shift pattern over the run, in the scenario's local time.
pub fn build_people(estate: &Estate, clock: &Clock, minutes: u32) -> People {
    let roles = estate
        .scenario
        .roles
        .iter()
        .map(|role| RoleState {
            id: role.id.clone(),
            name: role.name.clone(),
            on_shift: shift_steps(role, clock, minutes),
            on_call: role.on_call,
            called_at: None,
            arrivals: Vec::new(),
        })
        .collect();
    People { roles, paged: false }
}

fn parse_hhmm(text: &str) -> Option<i64> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..=24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
}

/// The on-shift head count as a step function of minutes from the start.
fn shift_steps(role: &Role, clock: &Clock, minutes: u32) -> Vec<(u32, u32)> {
    // Intervals [from, to) in minutes from the start, one per shift and day.
    let intervals: Vec<(i64, i64, u32)> = role
        .on_site
        .iter()
        .flat_map(|shift| {
            daily_intervals(&shift.from, &shift.to, shift.days, clock, minutes).into_iter().map(|(a, b)| (a, b, shift.people))
        })
        .collect();
    let mut boundaries: Vec<i64> =
        intervals.iter().flat_map(|(a, b, _)| [*a, *b]).chain([0]).filter(|&m| m >= 0 && m <= i64::from(minutes)).collect();
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut steps: Vec<(u32, u32)> = Vec::new();
    for &at in &boundaries {
        let count = intervals.iter().filter(|(a, b, _)| *a <= at && at < *b).fold(0u32, |sum, (_, _, n)| sum.saturating_add(*n));
        if steps.last().is_none_or(|(_, last)| *last != count) {
            steps.push((at as u32, count));
        }
    }
    steps
}

/// The intervals [from, to) in minutes from the start of a daily time span (local `HH:MM`, one past
/// midnight when it ends at or before it starts) on the days given, over `minutes` and a day around.
pub fn daily_intervals(from: &str, to: &str, days: Days, clock: &Clock, minutes: u32) -> Vec<(i64, i64)> {
    let (Some(from), Some(to)) = (parse_hhmm(from), parse_hhmm(to)) else {
        return Vec::new();
    };
    let start = &clock.start;
    let minute_of = |at: &jiff::Zoned| (at.timestamp().as_second() - start.timestamp().as_second()).div_euclid(60);
    let first_day = start.date().yesterday().unwrap_or(start.date());
    let mut intervals = Vec::new();
    for d in 0..=i64::from(minutes / (24 * 60) + 2) {
        let Ok(day) = first_day.checked_add(jiff::Span::new().days(d)) else {
            continue;
        };
        let weekend = matches!(day.weekday(), jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday);
        let works = match days {
            Days::Every => true,
            Days::Weekdays => !weekend,
            Days::Weekends => weekend,
        };
        if !works {
            continue;
        }
        let local = |minute_of_day: i64, extra_days: i64| {
            let date = day.checked_add(jiff::Span::new().days(extra_days)).ok()?;
            let time = jiff::civil::Time::new((minute_of_day / 60 % 24) as i8, (minute_of_day % 60) as i8, 0, 0).ok()?;
            let extra = i64::from(minute_of_day >= 24 * 60);
            let date = date.checked_add(jiff::Span::new().days(extra)).ok()?;
            date.to_datetime(time).to_zoned(start.time_zone().clone()).ok()
        };
        let end_days = i64::from(to <= from);
        if let (Some(a), Some(b)) = (local(from, 0), local(to, end_days)) {
            intervals.push((minute_of(&a), minute_of(&b)));
        }
    }
    intervals
}

/// Pages the roles that the first alert reaches.
pub(super) fn page_on_first_alert(
    now: u32,
    estate: &Estate,
    log: &ObservedLog,
    people: &mut People,
    rngs: &RngStreams,
    timeline: &mut Timeline,
) {
    if people.paged || log.first_alert.is_none() {
        return;
    }
    people.paged = true;
    for (i, role) in estate.scenario.roles.iter().enumerate() {
        if role.paged_by_first_alert {
            people.call(i, now, role, rngs, timeline);
        }
    }
}
