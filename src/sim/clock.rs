//! The simulated clock: minutes since the scenario's start, shown in the scenario's local time.

use bevy::prelude::*;

/// Simulated time. Systems see `minute` as "now" during a tick; the clock moves on at the end of it.
#[derive(Resource, Debug, Clone)]
pub struct Clock {
    pub minute: u32,
    pub tick_minutes: u32,
    /// The scenario's start, as an instant in its time zone.
    pub start: jiff::Zoned,
}

impl Clock {
    pub fn new(start: jiff::Zoned, tick_minutes: u32) -> Self {
        Self { minute: 0, tick_minutes: tick_minutes.max(1), start }
    }

    /// Local date and time of a minute, `2022-05-14 03:29`.
    pub fn local(&self, minute: u32) -> String {
        self.formatted(minute, "%Y-%m-%d %H:%M")
    }

    /// Local date and time with the zone's abbreviation, for reports.
    pub fn local_with_zone(&self, minute: u32) -> String {
        self.formatted(minute, "%Y-%m-%d %H:%M %Z")
    }

    /// The clock on the wall, with the weekday: `Sat 14 May 2022  03:29 CEST`.
    pub fn wall(&self, minute: u32) -> String {
        self.formatted(minute, "%a %-d %b %Y  %H:%M %Z")
    }

    fn formatted(&self, minute: u32, format: &str) -> String {
        match self.start.checked_add(jiff::SignedDuration::from_mins(i64::from(minute))) {
            Ok(at) => at.strftime(format).to_string(),
            Err(_) => format!("+{minute} min"),
        }
    }
}
