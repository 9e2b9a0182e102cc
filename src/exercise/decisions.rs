//! The decision panel's content: the catalog by role, who is free to act, what each decision waits for,
//! and the decisions under way.

use bevy::prelude::*;

use crate::data::scenario::{Action, HostClass};
use crate::i18n::Language;
use crate::sim::people::People;
use crate::sim::response::{EstateProbe, is_running, link_is_up, named_server, unmet_requirement};
use crate::sim::{Census, Clock, Estate, Host, HostStatus, Network, ObservedLog, ResponseState};
use crate::words;

/// One action of the catalog as the panel shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    /// Index in the scenario's catalog.
    pub action: usize,
    pub id: String,
    pub name: String,
    pub description: String,
    /// The role that carries it out, if any.
    pub role: Option<String>,
    /// Expected minutes before its effect (or its work on the first hosts) lands.
    pub expected_minutes: u32,
    /// Minutes of work per host, for actions on hosts.
    pub per_host_minutes: f64,
    /// People of the role here now, and of them those not busy.
    pub present: u32,
    pub free: u32,
    /// A precondition that does not hold now, said in words.
    pub waits_for: Option<String>,
    pub irreversible: bool,
    /// Decisions on it already taken (under way or done).
    pub taken: usize,
}

/// One decision taken, with its progress.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkRow {
    pub decision: String,
    pub name: String,
    pub taken_at: u32,
    pub started: bool,
    /// 0 to 1.
    pub progress: f64,
    pub done_at: Option<u32>,
    pub waiting_for: Option<String>,
}

/// Every action of the catalog, in the scenario's order, with what stands in its way now.
pub fn decision_rows(world: &World, language: Language) -> Vec<DecisionRow> {
    let estate = world.resource::<Estate>();
    let log = world.resource::<ObservedLog>();
    let people = world.resource::<People>();
    let response = world.resource::<ResponseState>();
    let now = world.resource::<Clock>().minute;
    let actions = &estate.scenario.actions;
    let network = world.resource::<Network>();
    let runs = |e: Entity, class| match (world.get::<Host>(e), world.get::<HostStatus>(e)) {
        (Some(h), Some(s)) => is_running(h, s, class),
        _ => false,
    };
    let census = world.resource::<Census>();
    let class_running = |class| census.class_running(class);
    let server_running = |name: &str| named_server(estate, name).is_some_and(|e| runs(e, HostClass::Any));
    let link_up = |id: &str| link_is_up(estate, network, id);
    let probe = EstateProbe { class_running: &class_running, server_running: &server_running, link_up: &link_up };
    actions
        .iter()
        .enumerate()
        .map(|(i, action): (usize, &Action)| {
            let (present, free) = action.role.as_deref().map_or((0, 0), |r| staff(people, response, actions, now, r));
            DecisionRow {
                action: i,
                id: action.id.clone(),
                name: action.name.clone(),
                description: action.description.clone(),
                role: action.role.clone(),
                expected_minutes: action.duration.mean().round().max(0.0) as u32,
                per_host_minutes: action.per_host_minutes,
                present,
                free,
                waits_for: unmet_requirement(action, log, &probe, &estate.scenario).map(|wait| words::wait(language, &wait)),
                irreversible: action.irreversible,
                taken: response.works.iter().filter(|w| w.action == i).count(),
            }
        })
        .collect()
}

/// People of `role` here now, and of them those not busy; none for a role the scenario lacks.
fn staff(people: &People, response: &ResponseState, actions: &[Action], now: u32, role: &str) -> (u32, u32) {
    match people.index(role) {
        Some(r) => {
            let present = people.roles[r].present(now);
            (present, present.saturating_sub(response.busy(&people.roles[r].id, actions)))
        }
        None => (0, 0),
    }
}

/// People of `role` here now, and of them those not busy.
pub fn role_staff(world: &World, role: &str) -> (u32, u32) {
    let actions = &world.resource::<Estate>().scenario.actions;
    staff(world.resource::<People>(), world.resource::<ResponseState>(), actions, world.resource::<Clock>().minute, role)
}

/// Every decision taken, newest first.
pub fn work_rows(world: &World, language: Language) -> Vec<WorkRow> {
    let estate = world.resource::<Estate>();
    let response = world.resource::<ResponseState>();
    let now = world.resource::<Clock>().minute;
    let actions = &estate.scenario.actions;
    response
        .works
        .iter()
        .rev()
        .map(|w| WorkRow {
            decision: w.decision.clone(),
            name: actions[w.action].name.clone(),
            taken_at: w.taken_at,
            started: w.started,
            progress: w.progress(now),
            done_at: w.done_at,
            waiting_for: w.waiting_for.as_ref().map(|wait| words::wait(language, wait)),
        })
        .collect()
}
