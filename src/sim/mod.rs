//! The simulation: Bevy plugins on a headless app, hosts as entities, a fixed tick of simulated time,
//! every system ordered once in the `SimSystems` chain. Nothing here draws or reads input: the window
//! reads this state and writes `Decide` messages.
//!
//! One tick (`SimTick` schedule, single-threaded so that runs are reproducible):
//! 1. `SimSystems::Response` (`response_minute`): the playbook issues the decisions that fall due; the
//!    first alert pages the on-call roles; decisions are taken, start when their people are free and
//!    their preconditions hold, and their work lands.
//! 2. `SimSystems::Attack` (`attack_minute`): the attack begins (first tick), reacts to hosts started
//!    again, advances its kill chain and exfiltration, runs Group Policy refreshes and payloads, and
//!    spreads laterally.
//! 3. `SimSystems::EndMinute` (`end_minute`): services follow their IT systems and harm is integrated
//!    (`update_care`); detection's sources roll on what changed, and alerts and confirmation land
//!    (`detection_minute`); the master scenario events list delivers what falls due
//!    (`deliver_injects`, after every other change of the minute); visible events are logged, counts
//!    sampled, messages rotated, clock advanced, and the minutes ahead looked at, so that quiet ones are
//!    passed over (`quiet`).
//!
//! Each part is one system, whatever its steps: a system looks up every resource it uses each time it
//! runs, and those lookups were a fifth of a night's time when each step was a system of its own.

pub mod agenda;
pub mod attack;
pub mod care;
pub mod clock;
pub mod clusters;
pub mod damage;
pub mod detection;
pub mod estate;
pub mod event;
pub mod fork;
pub mod host_work;
pub mod injects;
pub mod ledger;
pub mod people;
pub mod playbook;
pub mod pool;
pub mod quiet;
pub mod response;
pub mod timeline;

use std::sync::Arc;

use bevy::ecs::message::MessageCursor;
use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::random::{Purpose, Stream};

pub use clock::Clock;
pub use estate::{Census, Estate, Host, HostChange, HostName, HostStatus, Infection, Network, Recovery};
pub use event::Event;
pub use response::{Decide, ResponseState};
pub use timeline::{Entry, EntryKind, History, Observed, ObservedLog, Timeline};

/// The schedule of one simulated tick.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimTick;

/// The parts of a tick, run in this order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    Response,
    Attack,
    EndMinute,
}

/// The replica's random streams, one per part of the model.
#[derive(Resource, Clone)]
pub struct RngStreams {
    pub attack: Stream,
    pub spread: Stream,
    pub deployment: Stream,
    pub encryption: Stream,
    /// The replica's seed, for the keyed streams of decisions, call-ins and answers.
    pub seed: u64,
}

impl RngStreams {
    pub fn new(seed: u64) -> Self {
        Self {
            attack: Stream::new(seed, Purpose::AttackPhases),
            spread: Stream::new(seed, Purpose::Spread),
            deployment: Stream::new(seed, Purpose::Deployment),
            encryption: Stream::new(seed, Purpose::Encryption),
            seed,
        }
    }

    /// The stream of one thing of one purpose: a decision's duration, a role's call-in delays.
    pub fn keyed(&self, purpose: Purpose, key: &str) -> Stream {
        Stream::keyed(self.seed, purpose, key)
    }
}

/// What the response does to the attacker, from the response part to the attack part.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Countermeasure {
    CredentialsReset,
    /// Every running domain controller has been reinstalled.
    DomainRebuilt,
}

/// The scenario and seed of one replica.
#[derive(Resource, Clone)]
pub struct SimSetup {
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    /// How far the run may go, in minutes; shift patterns are laid out that far.
    pub horizon_minutes: u32,
}

/// The simulation's messages, each named once: registered on the app (`init_messages`), their frames
/// ended at the end of each minute once every reader has run (`MessageBuffers::rotate`), and emptied
/// when a kept world is made a fresh night (`clear_messages`, see `pool`).
macro_rules! sim_messages {
    ($($field:ident: $message:ty),+ $(,)?) => {
        /// Every message buffer of the simulation.
        #[derive(SystemParam)]
        struct MessageBuffers<'w> {
            $($field: ResMut<'w, Messages<$message>>,)+
        }
        impl MessageBuffers<'_> {
            fn rotate(&mut self) {
                $(self.$field.update();)+
            }
        }
        fn init_messages(app: &mut App) {
            $(app.init_resource::<Messages<$message>>();)+
        }
        fn clear_messages(world: &mut World) {
            $(world.resource_mut::<Messages<$message>>().clear();)+
        }
    };
}
sim_messages!(
    host_changes: HostChange,
    observed: Observed,
    decisions: Decide,
    countermeasures: Countermeasure,
    care_orders: response::CareOrder,
    fired_injects: injects::FireInject,
);

/// The parts of the night that react, at the end of a minute, to what it changed: detection's sources
/// and investigation and the injects; and the timeline and random streams that they and care write and
/// draw from.
#[derive(SystemParam)]
struct Reactions<'w, 's> {
    detection: ResMut<'w, detection::DetectionState>,
    injects: ResMut<'w, injects::InjectState>,
    timeline: ResMut<'w, Timeline>,
    rngs: Res<'w, RngStreams>,
    detection_changes_seen: Local<'s, MessageCursor<HostChange>>,
    fired_seen: Local<'s, MessageCursor<injects::FireInject>>,
}

/// All the end of a minute reads and changes, fetched once for its steps.
#[derive(SystemParam)]
struct EndMinute<'w, 's> {
    clock: ResMut<'w, Clock>,
    log: ResMut<'w, ObservedLog>,
    history: ResMut<'w, History>,
    messages: MessageBuffers<'w>,
    observed_seen: Local<'s, MessageCursor<Observed>>,
    night: quiet::NightView<'w>,
    care: care::CareMinute<'w, 's>,
    reactions: Reactions<'w, 's>,
    quiet: ResMut<'w, quiet::QuietAhead>,
}

/// The end of a minute, in order: care follows what changed and integrates harm, detection rolls on
/// what changed and its alerts land, injects are delivered, visible events are logged, counts sampled,
/// messages rotated, the clock advanced, and the minutes ahead looked at (`quiet`). One system rather
/// than seven, so that the resources they share are looked up once a minute.
fn end_minute(minute: EndMinute) {
    let EndMinute { mut clock, mut log, mut history, mut messages, mut observed_seen, night, mut care, mut reactions, mut quiet } = minute;
    let now = clock.minute;
    let MessageBuffers { host_changes, care_orders, fired_injects, observed, .. } = &mut messages;
    care::update_care(&clock, &night, &mut care, &reactions.rngs, &mut reactions.timeline, host_changes, care_orders);
    detection::detection_minute(now, &night, &mut reactions, host_changes, observed);
    injects::deliver_injects(now, &night, &log, &mut reactions, care.state(), fired_injects, observed);
    timeline::record_observed(now, &night.census, &night.estate, &night.people, observed_seen.read(&messages.observed), &mut log);
    timeline::sample_history(now, &night.census, &mut history);
    messages.rotate();
    clock.minute += clock.tick_minutes;
    quiet.0 = quiet::quiet_until(&clock, &log, &night, &reactions.detection, &reactions.injects, care.state());
}

/// Adds the simulation to an app: resources, messages, the tick schedule and its systems.
pub struct SimPlugin {
    pub setup: SimSetup,
    pub playbook: Option<Playbook>,
}

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        let scenario = self.setup.scenario.clone();
        let zone = jiff::tz::TimeZone::get(&scenario.meta.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        let start = scenario
            .meta
            .start
            .parse::<jiff::civil::DateTime>()
            .ok()
            .and_then(|dt| dt.to_zoned(zone).ok())
            .unwrap_or_else(|| jiff::Timestamp::UNIX_EPOCH.to_zoned(jiff::tz::TimeZone::UTC));
        app.insert_resource(self.setup.clone())
            .insert_resource(Clock::new(start, scenario.meta.tick_minutes))
            .insert_resource(RngStreams::new(self.setup.seed))
            .insert_resource(match &self.playbook {
                Some(p) => playbook::PlaybookRun::new(p, &scenario),
                None => playbook::PlaybookRun::default(),
            })
            .init_resource::<Timeline>()
            .init_resource::<History>()
            .init_resource::<ObservedLog>()
            .init_resource::<quiet::QuietAhead>();
        estate::spawn_estate(app.world_mut(), scenario);
        let people = {
            let world = app.world();
            people::build_people(world.resource::<Estate>(), world.resource::<Clock>(), self.setup.horizon_minutes)
        };
        app.insert_resource(people);
        attack::plugin(app);
        care::plugin(app);
        detection::plugin(app);
        injects::plugin(app);
        response::plugin(app);

        let mut schedule = Schedule::new(SimTick);
        schedule.set_executor(SingleThreadedExecutor::new());
        schedule.configure_sets((SimSystems::Response, SimSystems::Attack, SimSystems::EndMinute).chain());
        schedule.add_systems((
            response::response_minute.in_set(SimSystems::Response),
            attack::attack_minute.in_set(SimSystems::Attack),
            end_minute.in_set(SimSystems::EndMinute),
        ));
        init_messages(app);
        app.add_schedule(schedule);
    }
}

/// One replica: a headless app holding the simulation world, stepped tick by tick.
///
/// The app is built once and its world kept: a world can be sent between threads and held as a resource
/// of the window's own app.
pub struct Simulation {
    world: World,
    /// The tick's schedule, held here rather than in the world's `Schedules`, from which running it
    /// would take it out and put it back every tick.
    tick: Schedule,
    /// A decision or an inject was written from outside: the next tick must run.
    input_pending: bool,
}

impl Simulation {
    /// A replica that can run for the scenario's duration.
    pub fn new(scenario: Arc<Scenario>, seed: u64, playbook: Option<Playbook>) -> Self {
        let horizon = scenario.meta.duration_hours * 60;
        Self::with_horizon(scenario, seed, playbook, horizon)
    }

    /// A replica that can run for `horizon_minutes`.
    pub fn with_horizon(scenario: Arc<Scenario>, seed: u64, playbook: Option<Playbook>, horizon_minutes: u32) -> Self {
        // An empty app: the simulation runs its own schedule and needs neither Bevy's main schedule nor
        // its registry of reflected types, which took an eighth of a replica's time to build.
        let mut app = App::empty();
        let horizon_minutes = horizon_minutes.max(scenario.meta.duration_hours * 60);
        app.add_plugins(SimPlugin { setup: SimSetup { scenario, seed, horizon_minutes }, playbook });
        let mut world = std::mem::take(app.world_mut());
        let tick = world.resource_mut::<Schedules>().remove(SimTick).expect("the simulation's plugin adds its tick");
        Self { world, tick, input_pending: false }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// The world, to change between ticks: the next tick then runs, since what the last one found of
    /// the minutes ahead may no longer hold.
    pub fn world_mut(&mut self) -> &mut World {
        self.world.resource_mut::<quiet::QuietAhead>().0 = None;
        &mut self.world
    }

    /// The current minute (the next tick to run).
    pub fn minute(&self) -> u32 {
        self.world().resource::<Clock>().minute
    }

    /// Runs one tick.
    pub fn step(&mut self) {
        // The world keeps the ticks of the schedules it holds from growing too old; this one is held
        // here, so its ticks are kept here.
        if let Some(check) = self.world.check_change_ticks() {
            self.tick.check_change_ticks(check);
        }
        self.tick.run(&mut self.world);
    }

    /// Runs ticks until the clock reaches `minute`. Minutes in which provably nothing can happen are
    /// passed over (see `quiet::quiet_until`); the result is the same, bit for bit, as running every tick.
    pub fn run_until(&mut self, minute: u32) {
        loop {
            let now = self.minute();
            if now >= minute {
                break;
            }
            if !self.input_pending
                && let Some(next) = self.world.resource::<quiet::QuietAhead>().0
            {
                let target = next.min(minute);
                if target > now {
                    quiet::skip_to(&mut self.world, target);
                    continue;
                }
            }
            self.input_pending = false;
            self.step();
        }
    }

    /// Runs every tick until the clock reaches `minute`, passing over none.
    pub fn run_every_tick_until(&mut self, minute: u32) {
        while self.minute() < minute {
            self.step();
        }
    }

    /// A decision taken now, as a player would in the window.
    pub fn decide(&mut self, decision: &str, action: &str) {
        self.input_pending = true;
        self.world_mut().write_message(Decide { decision: decision.to_string(), action: action.to_string() });
    }

    /// An inject fired by hand by the facilitator: one of the scenario's (delivered now, and not again
    /// at its own time), or a message of their own.
    pub fn fire_inject(&mut self, inject: injects::FireInject) {
        self.input_pending = true;
        self.world_mut().write_message(inject);
    }
}
