//! Quiet minutes: when the coming tick would change nothing but the clock, and until when. Worked out at
//! the end of each tick, where the night's resources are at hand, and read by `Simulation::run_until`,
//! which passes those minutes over.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::attack::{AttackAgenda, AttackState};
use super::care::CareState;
use super::clock::Clock;
use super::detection::DetectionState;
use super::estate::{Census, Estate, Network};
use super::injects::InjectState;
use super::people::People;
use super::playbook::PlaybookRun;
use super::response::ResponseState;
use super::timeline::{self, History, ObservedLog};

/// What the last tick found of the minutes ahead (`quiet_until`). A night that has not run a tick, or
/// whose playbook has just been changed (a branch), holds `None`: its next tick runs.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct QuietAhead(pub Option<u32>);

/// The parts of a night that say whether anything can happen soon, read alike by care, detection and
/// the injects at the end of the minute. Care's, detection's and the injects' own state, which the end of
/// the minute changes, are passed to `quiet_until` beside it.
#[derive(SystemParam)]
pub(super) struct NightView<'w> {
    pub estate: Res<'w, Estate>,
    pub census: Res<'w, Census>,
    pub people: Res<'w, People>,
    pub network: Res<'w, Network>,
    pub attack: Res<'w, AttackState>,
    response: Res<'w, ResponseState>,
    playbook: Res<'w, PlaybookRun>,
    attack_agenda: Res<'w, AttackAgenda>,
}

/// If the coming tick, at the clock's minute, would change nothing but the clock, the first minute at
/// which something may happen; `None` when the coming tick has work to do.
///
/// Nothing happens when no decision falls due, no work lands, no attack or detection event is due, no
/// foothold is running (so no spread is drawn and no data leaves), and the attacker's phase is not
/// advancing. All of these only change at an event, so the span until the earliest one is quiet.
pub(super) fn quiet_until(
    clock: &Clock,
    log: &ObservedLog,
    night: &NightView,
    detection: &DetectionState,
    injects: &InjectState,
    care: &CareState,
) -> Option<u32> {
    let now = clock.minute;
    let (estate, census, people, response) = (&*night.estate, &*night.census, &*night.people, &*night.response);
    if census.footholds_total > 0 || !night.attack.is_idle(night.network.attacker_has_access(estate)) {
        return None;
    }
    if people.page_pending(log) {
        return None;
    }
    // A decision waiting for people may start the minute after people are freed, and one waiting for
    // the log or a host the minute after they change: that minute is never quiet.
    let tick = clock.tick_minutes;
    let just = |minute: Option<u32>| minute.is_some_and(|m| m.saturating_add(tick) >= now);
    let log_or_hosts = just(log.last_recorded) || just(response.hosts_changed_at);
    if response.waiting() && (just(response.freed_at) || (log_or_hosts && response.waits_on_log_or_hosts(&estate.scenario.actions))) {
        return None;
    }
    let candidates = [
        night.playbook.next_due(log),
        night.attack_agenda.next_minute(),
        detection.next_minute(),
        response.next_event_minute(),
        // Decisions waiting for people start when someone arrives or comes on shift.
        if response.waiting() { people.change_from(now) } else { None },
        injects.next_minute(estate, log),
        care.next_minute(),
    ];
    let next = candidates.into_iter().flatten().min().unwrap_or(u32::MAX);
    (next > now).then_some(next)
}

/// Moves the clock over quiet minutes to the first tick at or after `target`, recording the samples
/// those minutes would have recorded.
pub(super) fn skip_to(world: &mut World, target: u32) {
    let clock = world.resource::<Clock>();
    let tick = clock.tick_minutes;
    let from = clock.minute;
    let to = from + (target - from).div_ceil(tick) * tick;
    let census = world.resource::<Census>().clone();
    let mut history = world.resource_mut::<History>();
    let mut minute = from;
    while minute < to {
        if minute.is_multiple_of(timeline::SAMPLE_EVERY_MINUTES) {
            history.samples.push(timeline::sample(minute, &census));
        }
        minute += tick;
    }
    world.resource_mut::<Clock>().minute = to;
}
