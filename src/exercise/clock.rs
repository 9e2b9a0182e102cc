//! The exercise clock: how fast simulated time runs against the room's time, and the pause.

/// How many simulated seconds pass per real second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Speed {
    X1,
    X10,
    X60,
    X600,
}

impl Speed {
    pub const ALL: [Speed; 4] = [Speed::X1, Speed::X10, Speed::X60, Speed::X600];

    pub fn factor(self) -> f64 {
        match self {
            Speed::X1 => 1.0,
            Speed::X10 => 10.0,
            Speed::X60 => 60.0,
            Speed::X600 => 600.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::X1 => "1x",
            Speed::X10 => "10x",
            Speed::X60 => "60x",
            Speed::X600 => "600x",
        }
    }

    pub fn slower(self) -> Speed {
        match self {
            Speed::X600 => Speed::X60,
            Speed::X60 => Speed::X10,
            Speed::X10 | Speed::X1 => Speed::X1,
        }
    }
}

/// The room's pace: the speed changes by itself as the scenario goes on, slow while the night unfolds
/// and fast once the long hours of restoration come. Each step is the speed until a minute of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pace {
    /// (until minute, speed), in order; past the last step the last speed holds.
    pub steps: Vec<(u32, Speed)>,
}

impl Pace {
    /// ASSUMPTION: a room of a two-hour session. The first 4.5 hours (the night: the attack, the alerts,
    /// the first decisions) at 10x take 27 minutes of the room's time; the rest of the first half-day at
    /// 60x takes 7.5 minutes; the remaining 60 hours at 600x take 6 minutes. The facilitator stops the
    /// clock for discussion, and "Next event" passes over quiet minutes.
    pub fn room() -> Self {
        Pace { steps: vec![(270, Speed::X10), (720, Speed::X60), (u32::MAX, Speed::X600)] }
    }

    /// The speed the pace sets at a minute of the run.
    pub fn speed_at(&self, minute: u32) -> Speed {
        self.steps.iter().find(|(until, _)| minute < *until).or(self.steps.last()).map_or(Speed::X60, |(_, speed)| *speed)
    }
}

/// A frame longer than this (the window dragged, the laptop asleep) counts as this long: the exercise
/// does not leap ahead while nobody could watch it.
pub const LONGEST_FRAME_SECONDS: f64 = 0.25;

/// The speed, the pause, and the part of a simulated minute that has built up between frames.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseClock {
    pub speed: Speed,
    pub paused: bool,
    /// Simulated minutes owed but not yet run, always below one.
    carry: f64,
}

impl ExerciseClock {
    pub fn new(speed: Speed) -> Self {
        Self { speed, paused: true, carry: 0.0 }
    }

    /// The whole simulated minutes that `real_seconds` of the room's time are worth at this speed; the
    /// fraction left is kept for the next frame, so no time is lost to rounding.
    pub fn minutes_for(&mut self, real_seconds: f64) -> u32 {
        if self.paused || !real_seconds.is_finite() || real_seconds <= 0.0 {
            return 0;
        }
        self.carry += real_seconds.min(LONGEST_FRAME_SECONDS) * self.speed.factor() / 60.0;
        let whole = self.carry.floor();
        self.carry -= whole;
        whole as u32
    }

    /// Forgets the part of a minute built up, as when the clock jumps.
    pub fn reset_carry(&mut self) {
        self.carry = 0.0;
    }

    pub fn set_speed(&mut self, speed: Speed) {
        self.speed = speed;
    }

    pub fn toggle_pause(&mut self) {
        self.paused = !self.paused;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_times_runs_one_minute_per_second_without_losing_fractions() {
        let mut clock = ExerciseClock::new(Speed::X60);
        clock.paused = false;
        let minutes: u32 = (0..600).map(|_| clock.minutes_for(1.0 / 60.0)).sum();
        assert_eq!(minutes, 10, "600 frames of 1/60 s at 60x are 10 simulated minutes");
    }

    #[test]
    fn the_room_pace_is_slow_through_the_night_and_fast_for_the_long_hours() {
        let pace = Pace::room();
        assert_eq!(pace.speed_at(0), Speed::X10);
        assert_eq!(pace.speed_at(269), Speed::X10);
        assert_eq!(pace.speed_at(270), Speed::X60);
        assert_eq!(pace.speed_at(720), Speed::X600);
        assert_eq!(pace.speed_at(4320), Speed::X600);
    }

    #[test]
    fn a_paused_clock_runs_nothing_and_a_long_frame_is_capped() {
        let mut clock = ExerciseClock::new(Speed::X600);
        assert_eq!(clock.minutes_for(1.0), 0, "paused");
        clock.toggle_pause();
        assert_eq!(clock.minutes_for(10.0), 2, "a 10 s frame counts as 0.25 s: 2.5 minutes at 600x, 2 run now");
        assert_eq!(clock.minutes_for(0.05), 1, "the half minute carried over completes with the next frame");
    }
}
