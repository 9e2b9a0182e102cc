//! Branching a night: runs of one seed that differ only in their playbook are the same night, draw for
//! draw, until the first decision any of them issues. A scored replica plays three (the cell's, no
//! response and the best response), so that shared night is run once and copied into each branch.

use std::sync::Arc;

use bevy::prelude::*;

use super::attack::{AttackAgenda, AttackState, BootWatch};
use super::care::CareState;
use super::detection::DetectionState;
use super::injects::InjectState;
use super::people::People;
use super::playbook::PlaybookRun;
use super::quiet::QuietAhead;
use super::response::ResponseState;
use super::{Census, Clock, Estate, Host, HostChange, HostStatus, Network, RngStreams, SimSetup, Simulation};
use super::{History, ObservedLog, Timeline};
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;

/// The resources a branch takes from its trunk. The rest are the same in both (the estate and the
/// setup, never changed once built), the branch's own (its playbook), or message buffers every reader
/// has emptied by the end of a tick, but for the attack's host changes (see `BootWatch`).
macro_rules! copy_resources {
    ($from:expr, $to:expr, $($resource:ty),+ $(,)?) => {{
        $(*$to.resource_mut::<$resource>() = $from.resource::<$resource>().clone();)+
    }};
}

/// How many resources a simulation's world holds: the fifteen copied, the attack's boot watch, the
/// estate (never changed once built), the playbook's run and what the last tick found of the minutes
/// ahead (the branch's own), six message buffers and two of Bevy's (its schedules, which hold none of
/// the simulation's, and default query filters). A test holds a world to it, so that a resource added to the simulation is not left out of
/// its branches unseen.
pub const RESOURCES: usize = 15 + 1 + 3 + 6 + 2;

impl Simulation {
    /// A copy of this night as it stands, going on under `playbook`. Valid only while this night's own
    /// playbook has issued nothing, which `branches` sees to.
    pub(super) fn branch(&self, playbook: Option<&Playbook>) -> Simulation {
        let setup = self.world.resource::<SimSetup>();
        let mut branch = super::pool::spare(&setup.scenario, setup.horizon_minutes)
            .unwrap_or_else(|| Simulation::with_horizon(setup.scenario.clone(), setup.seed, None, setup.horizon_minutes));
        copy_night(&self.world, &mut branch.world, playbook);
        branch.input_pending = false;
        branch
    }
}

/// Makes `to`, a world of the same scenario and horizon in any state, the night `from` is, going on
/// under `playbook`: every resource a night changes, every host's status, and no message left over.
fn copy_night(from: &World, to: &mut World, playbook: Option<&Playbook>) {
    copy_resources!(
        from,
        to,
        SimSetup,
        Clock,
        RngStreams,
        Census,
        Network,
        Timeline,
        ObservedLog,
        History,
        People,
        AttackState,
        AttackAgenda,
        ResponseState,
        CareState,
        DetectionState,
        InjectState,
    );
    let scenario = from.resource::<SimSetup>().scenario.clone();
    to.insert_resource(playbook.map_or_else(PlaybookRun::default, |p| PlaybookRun::new(p, &scenario)));
    // The trunk's look ahead was for its own playbook: the branch's next tick runs and looks again.
    to.insert_resource(QuietAhead::default());
    super::clear_messages(to);
    let unread = from.resource::<BootWatch>().unread(from.resource::<Messages<HostChange>>());
    to.insert_resource(BootWatch::carrying(unread));
    copy_statuses(from, to);
}

/// Sets every host's status in `to` to the same host's in `from`, matched by host index: one pass over
/// each world's table of hosts rather than a lookup per host in each.
fn copy_statuses(from: &World, to: &mut World) {
    let mut trunk = from.try_query::<(&Host, &HostStatus)>().expect("a simulation's world has hosts");
    let mut statuses = vec![HostStatus::default(); from.resource::<Estate>().entities.len()];
    for (host, status) in trunk.iter(from) {
        statuses[host.index as usize] = status.clone();
    }
    let mut own = to.query::<(&Host, &mut HostStatus)>();
    for (host, mut status) in own.iter_mut(to) {
        *status = statuses[host.index as usize].clone();
    }
}

/// One simulation of `scenario` on `seed` for each of `playbooks`, each at the first minute any of
/// them issues a decision (or at `minutes`), ready to be run on: the night before it is run once.
pub fn branches(scenario: Arc<Scenario>, seed: u64, minutes: u32, playbooks: &[Option<&Playbook>]) -> Vec<Simulation> {
    let mut trunk = super::pool::fresh(&scenario, seed, minutes, None);
    let runs: Vec<PlaybookRun> = playbooks.iter().flatten().map(|p| PlaybookRun::new(p, &scenario)).collect();
    let tick = trunk.world.resource::<Clock>().tick_minutes;
    while trunk.minute() < minutes {
        let log = trunk.world.resource::<ObservedLog>();
        let now = trunk.minute();
        if runs.iter().filter_map(|run| run.next_due(log)).any(|due| due <= now) {
            break;
        }
        // One tick at a time: an event in the log can bring a decision due at the next minute.
        trunk.run_until(now + tick);
    }
    // The trunk, having no playbook, goes on as the first branch without one.
    let own = playbooks.iter().position(Option::is_none);
    let mut sims: Vec<Option<Simulation>> =
        playbooks.iter().enumerate().map(|(i, playbook)| (Some(i) != own).then(|| trunk.branch(*playbook))).collect();
    match own {
        Some(i) => sims[i] = Some(trunk),
        None => super::pool::give_back(trunk),
    }
    sims.into_iter().flatten().collect()
}
