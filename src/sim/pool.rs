//! Simulation worlds kept on each thread for the next night of the same scenario: a scored batch plays
//! three nights a replica, and building a world (its estate spawned, its schedule laid out) and dropping
//! it again took a fifth of the batch's time. A kept world is made a fresh night by copying one.

use std::cell::RefCell;
use std::sync::Arc;

use super::{RngStreams, SimSetup, Simulation};
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;

/// Worlds kept on a thread besides the pristine one: the three nights of a scored replica.
const SPARES: usize = 3;

#[derive(Default)]
struct Pool {
    /// A world as built and never run, which a fresh night copies; it names the scenario and horizon
    /// the pool is for.
    pristine: Option<Simulation>,
    /// Worlds of that scenario and horizon, in whatever state their last night left them.
    spares: Vec<Simulation>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::new(Pool::default());
}

fn is_for(sim: &Simulation, scenario: &Arc<Scenario>, horizon: u32) -> bool {
    let setup = sim.world.resource::<SimSetup>();
    Arc::ptr_eq(&setup.scenario, scenario) && setup.horizon_minutes == horizon
}

/// A night of `scenario` on `seed` at its start, under `playbook`, the same as
/// `Simulation::with_horizon` builds, on a kept world when this thread has one.
pub fn fresh(scenario: &Arc<Scenario>, seed: u64, minutes: u32, playbook: Option<&Playbook>) -> Simulation {
    let horizon = minutes.max(scenario.meta.duration_hours * 60);
    let kept = POOL.with_borrow_mut(|pool| {
        if !pool.pristine.as_ref().is_some_and(|p| is_for(p, scenario, horizon)) {
            *pool = Pool::default();
        }
        pool.pristine.take()
    });
    let pristine = kept.unwrap_or_else(|| Simulation::with_horizon(scenario.clone(), 0, None, horizon));
    let mut sim = pristine.branch(playbook);
    POOL.with_borrow_mut(|pool| pool.pristine = Some(pristine));
    // The seed is the only thing a night's start draws from: the streams are made from it.
    sim.world.resource_mut::<SimSetup>().seed = seed;
    *sim.world.resource_mut::<RngStreams>() = RngStreams::new(seed);
    sim
}

/// A kept world of `scenario` and `horizon`, if this thread has one.
pub(super) fn spare(scenario: &Arc<Scenario>, horizon: u32) -> Option<Simulation> {
    POOL.with_borrow_mut(|pool| {
        let i = pool.spares.iter().position(|s| is_for(s, scenario, horizon))?;
        Some(pool.spares.swap_remove(i))
    })
}

/// Keeps a night's world for the next night on this thread, when it is of the scenario the thread's
/// pool is for and the pool has room; otherwise it is dropped.
pub fn give_back(sim: Simulation) {
    let refused = POOL.with_borrow_mut(|pool| {
        let setup = sim.world.resource::<SimSetup>();
        let fits = pool.pristine.as_ref().is_some_and(|p| is_for(p, &setup.scenario, setup.horizon_minutes));
        if fits && pool.spares.len() < SPARES {
            pool.spares.push(sim);
            None
        } else {
            Some(sim)
        }
    });
    drop(refused);
}

/// How many worlds this thread keeps, besides the pristine one.
pub fn kept() -> usize {
    POOL.with_borrow(|pool| pool.spares.len())
}
