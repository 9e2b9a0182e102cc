//! The simulation: Bevy plugins on a headless app, hosts as entities, a fixed tick of simulated time,
//! every system ordered once in the `SimSystems` chain. Nothing here draws or reads input: the window
//! reads this state and writes `Decide` messages.
//!
//! One tick (`SimTick` schedule, single-threaded so that runs are reproducible):
//! 1. `SimSystems::Decisions`: the playbook issues the decisions that fall due (`issue_due_decisions`).
//! 2. `SimSystems::Response`: decisions start (`start_decisions`) and their work lands (`carry_out_work`).
//! 3. `SimSystems::Attack`: the attack begins (first tick), reacts to hosts started again, advances its
//!    kill chain and exfiltration, runs Group Policy refreshes and payloads, and spreads laterally.
//! 4. `SimSystems::Detection`: sources roll on what changed (`detect`); alerts and confirmation land.
//! 5. `SimSystems::Record`: visible events are logged, counts sampled, messages rotated, clock advanced.

pub mod agenda;
pub mod attack;
pub mod clock;
pub mod detection;
pub mod estate;
pub mod playbook;
pub mod response;
pub mod timeline;

use std::sync::Arc;

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::random::{Purpose, Stream};

pub use clock::Clock;
pub use estate::{
    Census, Estate, Host, HostChange, HostName, HostStatus, Infection, Network, Recovery,
};
pub use response::{Decide, ResponseState};
pub use timeline::{Entry, EntryKind, History, Observed, ObservedLog, Timeline};

/// The schedule of one simulated tick.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimTick;

/// The parts of a tick, run in this order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    Decisions,
    Response,
    Attack,
    Detection,
    Record,
}

/// The replica's random streams, one per part of the model.
#[derive(Resource)]
pub struct RngStreams {
    pub attack: Stream,
    pub spread: Stream,
    pub deployment: Stream,
    pub encryption: Stream,
    pub detection: Stream,
    pub response: Stream,
}

impl RngStreams {
    pub fn new(seed: u64) -> Self {
        Self {
            attack: Stream::new(seed, Purpose::AttackPhases),
            spread: Stream::new(seed, Purpose::Spread),
            deployment: Stream::new(seed, Purpose::Deployment),
            encryption: Stream::new(seed, Purpose::Encryption),
            detection: Stream::new(seed, Purpose::Detection),
            response: Stream::new(seed, Purpose::Response),
        }
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
}

/// Adds the simulation to an app: resources, messages, the tick schedule and its systems.
pub struct SimPlugin {
    pub setup: SimSetup,
    pub playbook: Option<Playbook>,
}

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        let scenario = self.setup.scenario.clone();
        let zone =
            jiff::tz::TimeZone::get(&scenario.meta.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
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
            .init_resource::<Messages<HostChange>>()
            .init_resource::<Messages<Observed>>()
            .init_resource::<Messages<Decide>>()
            .init_resource::<Messages<Countermeasure>>();
        estate::spawn_estate(app.world_mut(), scenario);
        attack::plugin(app);
        detection::plugin(app);
        response::plugin(app);

        let mut schedule = Schedule::new(SimTick);
        schedule.set_executor(SingleThreadedExecutor::new());
        schedule.configure_sets(
            (
                SimSystems::Decisions,
                SimSystems::Response,
                SimSystems::Attack,
                SimSystems::Detection,
                SimSystems::Record,
            )
                .chain(),
        );
        schedule.add_systems((
            playbook::issue_due_decisions.in_set(SimSystems::Decisions),
            (response::start_decisions, response::carry_out_work)
                .chain()
                .in_set(SimSystems::Response),
            (
                attack::begin_attack,
                attack::react_to_boot,
                attack::advance_kill_chain,
                attack::run_attack_agenda,
                attack::spread_laterally,
            )
                .chain()
                .in_set(SimSystems::Attack),
            (detection::detect, detection::deliver_alerts)
                .chain()
                .in_set(SimSystems::Detection),
            (
                timeline::record_observed,
                timeline::sample_history,
                rotate_messages,
                clock::advance_clock,
            )
                .chain()
                .in_set(SimSystems::Record),
        ));
        app.add_schedule(schedule);
    }
}

/// Ends the tick's message frame: every reader has run once in the chain.
fn rotate_messages(
    mut changes: ResMut<Messages<HostChange>>,
    mut observed: ResMut<Messages<Observed>>,
    mut decide: ResMut<Messages<Decide>>,
    mut countermeasures: ResMut<Messages<Countermeasure>>,
) {
    changes.update();
    observed.update();
    decide.update();
    countermeasures.update();
}

/// One replica: a headless app holding the simulation world, stepped tick by tick.
pub struct Simulation {
    pub app: App,
}

impl Simulation {
    pub fn new(scenario: Arc<Scenario>, seed: u64, playbook: Option<Playbook>) -> Self {
        let mut app = App::new();
        app.add_plugins(SimPlugin {
            setup: SimSetup { scenario, seed },
            playbook,
        });
        Self { app }
    }

    pub fn world(&self) -> &World {
        self.app.world()
    }

    pub fn world_mut(&mut self) -> &mut World {
        self.app.world_mut()
    }

    /// The current minute (the next tick to run).
    pub fn minute(&self) -> u32 {
        self.world().resource::<Clock>().minute
    }

    /// Runs one tick.
    pub fn step(&mut self) {
        self.app.world_mut().run_schedule(SimTick);
    }

    /// Runs ticks until the clock reaches `minute`.
    pub fn run_until(&mut self, minute: u32) {
        while self.minute() < minute {
            self.step();
        }
    }

    /// A decision taken now, as a player would in the window.
    pub fn decide(&mut self, decision: &str, action: &str) {
        self.world_mut().write_message(Decide {
            decision: decision.to_string(),
            action: action.to_string(),
        });
    }
}
