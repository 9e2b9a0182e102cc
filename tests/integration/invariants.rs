//! Invariants over random seeds and random decision schedules (property tests): host counts are
//! conserved, no host is in two exclusive states, the clock never goes back, scores stay within bounds,
//! milestones and decisions are reached at most once, and nothing panics whatever the cell decides.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use proptest::test_runner::Config;

use crisis_cell::data::Scenario;
use crisis_cell::data::load::{load_plan, playbook_from_text};
use crisis_cell::data::plan::Plan;
use crisis_cell::data::scenario::{HostClass, HostRole};
use crisis_cell::run::summarise;
use crisis_cell::score::{MilestoneStatus, scored};
use crisis_cell::sim::response::is_running;
use crisis_cell::sim::{Census, EntryKind, Host, HostStatus, Infection, ObservedLog, Recovery, Simulation, Timeline};

fn scenario_and_plan() -> &'static (Arc<Scenario>, Plan) {
    static BOTH: OnceLock<(Arc<Scenario>, Plan)> = OnceLock::new();
    BOTH.get_or_init(|| {
        let scenario = crate::common::vivalia();
        let plan = load_plan("belgian-hospital-cyber", &scenario).expect("the built-in plan");
        (scenario, plan)
    })
}

/// A decision of a random schedule: which action, and when (0: minutes from the start, 1: after the
/// first alert, 2: after the confirmation).
fn schedule() -> impl Strategy<Value = Vec<(usize, u8, u32)>> {
    proptest::collection::vec((0usize..1000, 0u8..3, 0u32..1440), 1..12)
}

/// Every host's status, scanned.
fn statuses(sim: &mut Simulation) -> Vec<HostStatus> {
    let world = sim.world_mut();
    let mut query = world.query::<&HostStatus>();
    query.iter(world).cloned().collect()
}

fn hosts_and_statuses(sim: &mut Simulation) -> Vec<(Host, HostStatus)> {
    let world = sim.world_mut();
    let mut query = world.query::<(&Host, &HostStatus)>();
    query.iter(world).map(|(h, s)| (*h, s.clone())).collect()
}

/// Every class of host a requirement can name.
fn host_classes() -> Vec<HostClass> {
    let fixed = [HostClass::Any, HostClass::Servers, HostClass::Workstations, HostClass::WithEdr];
    fixed.into_iter().chain(HostRole::ALL.map(HostClass::Role)).collect()
}

proptest! {
    #![proptest_config(Config { cases: 300, failure_persistence: None, ..Config::default() })]
    #[test]
    fn random_schedules_keep_the_books_straight(seed in 0u64..1_000_000, decisions in schedule()) {
        let (scenario, plan) = scenario_and_plan();
        let actions = &scenario.actions;
        let text: String = decisions
            .iter()
            .enumerate()
            .map(|(i, (action, kind, minutes))| {
                let at = match kind {
                    0 => format!("Elapsed({minutes})"),
                    1 => format!("After(event: FirstAlert, minutes: {})", minutes % 600),
                    _ => format!("After(event: Confirmed, minutes: {})", minutes % 600),
                };
                format!("(id: \"d{i}\", action: \"{}\", at: {at}),", actions[action % actions.len()].id)
            })
            .collect();
        let text = format!(r#"Playbook(format: 1, name: "random", scenario: "vivalia-2022", decisions: [{text}])"#);
        let playbook = playbook_from_text("random.ron", &text, scenario).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let mut sim = Simulation::new(scenario.clone(), seed, Some(playbook));
        let mut last_minute = 0;
        for checkpoint in [60, 180, 360, 720, 1440, 4320] {
            sim.run_until(checkpoint);
            let minute = sim.minute();
            prop_assert!(minute >= last_minute, "the clock went back from {last_minute} to {minute}");
            last_minute = minute;
            let census = sim.world().resource::<Census>().clone();
            let total: u32 = Infection::ALL.iter().map(|&i| census.count(i)).sum();
            prop_assert_eq!(total, 1700, "minute {}: every host is in exactly one infection state", minute);
            let hosts = statuses(&mut sim);
            for infection in Infection::ALL {
                prop_assert_eq!(hosts.iter().filter(|s| s.infection == infection).count() as u32, census.count(infection), "census of {:?}", infection);
            }
            prop_assert_eq!(hosts.iter().filter(|s| !s.powered).count() as u32, census.powered_off, "census of hosts powered off");
            let with_host = hosts_and_statuses(&mut sim);
            for class in host_classes() {
                let scanned = with_host.iter().any(|(h, s)| is_running(h, s, class));
                prop_assert_eq!(census.class_running(class), scanned, "minute {}: census of running hosts of {:?}", minute, class);
            }
            for s in &hosts {
                prop_assert!(s.powered || s.infection != Infection::Encrypting, "a host powered off cannot be encrypting");
                prop_assert!(!s.powered || !matches!(s.recovery, Recovery::Reimaging | Recovery::Restoring), "a host being reinstalled is not running");
            }
        }
        let world = sim.world();
        let timeline = world.resource::<Timeline>();
        prop_assert!(timeline.entries.windows(2).all(|w| w[0].minute <= w[1].minute), "the timeline runs forward");
        prop_assert!(timeline.entries.iter().filter(|e| e.kind == EntryKind::Confirmation).count() <= 1, "the attack is confirmed at most once");
        // The log the score reads holds the first time of each visible event the timeline tells.
        let log = world.resource::<ObservedLog>();
        let first_entry = |kind: EntryKind, id: &str| timeline.entries.iter().find(|e| e.kind == kind && e.id == id).map(|e| e.minute);
        for (source, minute) in &log.alerts {
            // An inject that raises an alert is told as the inject.
            let raised_by_inject = sim.world().resource::<crisis_cell::sim::Estate>().scenario.injects.iter().any(|i| &i.id == source && i.raises_alert);
            let kind = if raised_by_inject { EntryKind::Inject } else { EntryKind::Alert };
            prop_assert_eq!(first_entry(kind, source), Some(*minute), "alert {} logged at its first entry", source);
        }
        for (inject, minute) in &log.injects {
            prop_assert_eq!(first_entry(EntryKind::Inject, inject), Some(*minute), "inject {} logged at its first entry", inject);
        }
        prop_assert_eq!(log.confirmed, first_entry(EntryKind::Confirmation, "confirmed"), "the confirmation is logged when told");

        let best = crisis_cell::score::best_response::best_response(&sim.world().resource::<crisis_cell::sim::Estate>().scenario);
        let scenario = sim.world().resource::<crisis_cell::sim::Estate>().scenario.clone();
        let counterfactuals = crisis_cell::score::counterfactuals(&scenario, &best, seed, sim.minute());
        let result = scored(summarise(&sim, None, seed, crisis_cell::i18n::Language::English), Some((plan, &counterfactuals)));
        let h = &result.run.hosts;
        prop_assert_eq!(h.clean + h.compromised + h.encrypted, h.total, "clean + compromised + encrypted = total");
        let score = result.score.as_ref().expect("a score");
        let counted = |l: &&crisis_cell::score::ScoreLine| l.status == crisis_cell::score::LineStatus::Scored;
        let earned: f64 = score.lines.iter().filter(counted).map(|l| l.points).sum();
        let possible: f64 = score.lines.iter().filter(counted).map(|l| l.max_points).sum();
        let expected = if possible > 0.0 { 100.0 * earned / possible } else { 0.0 };
        prop_assert!((score.total - expected).abs() < 0.05, "the total {} is the points earned over those that count ({})", score.total, expected);
        for line in &score.lines {
            prop_assert!(line.points >= 0.0 && line.points <= line.max_points + 1e-9, "{:?}: {} of {}", line.kind, line.points, line.max_points);
        }
        let mut ids: Vec<&str> = result.milestones.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), plan.milestones.len(), "each milestone is reached at most once, and listed once");
        // A milestone met was met when a decision of one of its actions landed, as the run's decisions tell.
        for (m, spec) in result.milestones.iter().zip(&plan.milestones) {
            if let Some(at) = m.achieved_at_minute {
                prop_assert_eq!(Some(at), crisis_cell::score::milestones::achieved_at(&result.run.observed, spec), "{} met when its events say", &m.id);
                if let crisis_cell::data::plan::Achievement::AllOf(actions) | crisis_cell::data::plan::Achievement::AnyOf(actions) = &spec.achieved_by {
                    let landed = result.run.decisions.iter().any(|d| d.done_minute == Some(at) && actions.contains(&d.action));
                    prop_assert!(landed, "{} met at minute {} when no decision of its actions landed", m.id, at);
                }
            }
            if m.status == MilestoneStatus::Missed {
                prop_assert!(m.achieved_at_minute.is_none(), "{}: missed only if never met", &m.id);
            }
        }
        let mut done: Vec<&str> = result.run.decisions.iter().filter(|d| d.done_minute.is_some()).map(|d| d.id.as_str()).collect();
        let before = done.len();
        done.sort_unstable();
        done.dedup();
        prop_assert_eq!(before, done.len(), "each decision lands at most once");
    }
}

/// The estate's copy of each host's fixed facts, which the simulation reads by host index, is the
/// host's own component, on both shipped estates.
#[test]
fn the_estates_host_facts_are_the_hosts_components() {
    for name in ["vivalia-2022", "hse-2021"] {
        let scenario = Arc::new(crisis_cell::data::load::load_scenario(name).expect("built in").scenario);
        let sim = Simulation::new(scenario, 1, None);
        let estate = sim.world().resource::<crisis_cell::sim::Estate>();
        assert_eq!(estate.host_facts.len(), estate.entities.len(), "{name}");
        for (index, &entity) in estate.entities.iter().enumerate() {
            let host = sim.world().get::<Host>(entity).expect("every host has its facts");
            assert_eq!(host, &estate.host_facts[index], "{name}: host {index}");
            assert_eq!(host.index as usize, index, "{name}");
        }
    }
}
