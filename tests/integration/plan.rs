//! People, care and the plan: roles and capacity hold decisions back, printed plans survive the EHR,
//! milestones are timed to the minute, and the score orders the playbooks as a crisis cell would expect.

use crisis_cell::data::load::{plan_from_text, playbook_from_text, scenario_from_text};
use crisis_cell::data::{Playbook, Scenario, load_playbook};
use crisis_cell::run::run_replica;
use crisis_cell::score::{MilestoneStatus, milestones, scored};
use crisis_cell::sim::Simulation;
use crisis_cell::sim::people::People;

use crate::common::*;

fn vivalia_playbook(scenario: &Scenario, decisions: &str) -> Playbook {
    let text = format!(r#"Playbook(format: 1, name: "test", scenario: "vivalia-2022", decisions: [{decisions}])"#);
    playbook_from_text("test.ron", &text, scenario).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_decision_cannot_land_before_its_role_has_arrived() {
    let scenario = vivalia();
    // At 01:30 on a Saturday the director general is at home.
    let playbook = vivalia_playbook(&scenario, r#"(id: "governor", action: "notify-governor", at: Elapsed(0)),"#);
    for seed in 0..8 {
        let mut sim = Simulation::new(scenario.clone(), seed, Some(playbook.clone()));
        sim.run_until(6 * 60);
        let people = sim.world().resource::<People>();
        let director = &people.roles[people.index("director-general").unwrap()];
        let arrived = director.arrivals.first().copied().expect("the director general was called in");
        let result = crisis_cell::run::summarise(&sim, None, seed, crisis_cell::i18n::Language::English);
        let decision = result.decisions.iter().find(|d| d.id == "governor").unwrap();
        assert!(
            decision.started_minute >= arrived,
            "seed {seed}: started at {} before the director general arrived at {arrived}",
            decision.started_minute
        );
        assert!(decision.done_minute.unwrap() >= arrived + 5, "seed {seed}: the call itself takes at least 5 minutes after arrival");
        assert!(arrived >= 20, "the call-in delay is at least 20 minutes");
    }
}

#[test]
fn capacity_limits_parallel_work() {
    let done = |techs: u32| {
        let text = mini_text(&Mini::default())
            .replace(
                r#"(id: "off-dc", name: "Shut the domain controller down","#,
                r#"(id: "off-ws", name: "Shut the workstations down", effect: PowerOff((class: Workstations)), duration: Fixed(0), per_host_minutes: 10, team: 6, role: "tech"),
        (id: "off-dc", role: "tech", name: "Shut the domain controller down","#,
            )
            .replace(r#"effect: CutLink("wan"), duration"#, r#"effect: CutLink("wan"), role: "tech", duration"#)
            .replace(r#"effect: IsolateSegments(Segment("b-ws")), duration"#, r#"effect: IsolateSegments(Segment("b-ws")), role: "tech", duration"#)
            .replace(r#"effect: PowerOff((name: "EHR01")), duration"#, r#"effect: PowerOff((name: "EHR01")), role: "tech", duration"#)
            .replace("    actions: [", &format!("    roles: [(id: \"tech\", name: \"Technicians\", on_site: [(from: \"00:00\", to: \"00:00\", people: {techs})])],\n    actions: ["));
        let scenario = std::sync::Arc::new(scenario_from_text("mini.ron", &text).unwrap_or_else(|e| panic!("{e}")));
        let playbook = mini_playbook(&scenario, &[("off", "off-ws", 0)]);
        let result = run_replica(scenario, Some(&playbook), 1, 48 * 60);
        result.decisions.iter().find(|d| d.id == "off").unwrap().done_minute.expect("the shutdown finishes")
    };
    // 120 workstations, 10 minutes each: six people take 200 minutes, two take 600, from the minute
    // after the start's alert, when the decision can act.
    let (six, two) = (done(6), done(2));
    assert_eq!(six, 201, "six technicians, one host each at a time");
    assert_eq!(two, 601, "two technicians: the team is cut to the people there");
}

#[test]
fn prescriptions_printed_before_the_ehr_is_lost_are_kept() {
    // Watched from the start, so that printing can start at once: the rule, not when the cell could know.
    let scenario = alerted_at_start(&vivalia());
    let printing = vivalia_playbook(&scenario, r#"(id: "print", action: "secure-treatment-plans", at: Elapsed(0)),"#);
    let inpatients: f64 = scenario.sites.iter().map(|s| f64::from(s.beds)).sum::<f64>() * scenario.care.as_ref().unwrap().occupancy;
    let unprompted = scenario.care.as_ref().unwrap().secured_unprompted;
    let mut kept_runs = 0;
    for seed in 0..8 {
        let with = run_replica(scenario.clone(), Some(&printing), seed, 12 * 60);
        let without = run_replica(scenario.clone(), None, seed, 12 * 60);
        let lost_without = without.care.as_ref().unwrap().measures.treatment_plans_lost;
        assert!(
            (lost_without - inpatients * (1.0 - unprompted)).abs() < 1.0,
            "seed {seed}: without printing only the unprompted share survives: {lost_without}"
        );
        let printed_at = with.decisions.iter().find(|d| d.id == "print").unwrap().done_minute.unwrap();
        let ehr_lost_at = with.timeline.iter().find(|r| r.id == "ehr-lost").map(|r| r.minute).expect("the EHR is lost");
        let lost_with = with.care.as_ref().unwrap().measures.treatment_plans_lost;
        if printed_at < ehr_lost_at {
            assert!(
                lost_with < 0.5,
                "seed {seed}: printed at {printed_at}, EHR lost at {ehr_lost_at}: no plan may be lost, {lost_with} were"
            );
            kept_runs += 1;
        }
    }
    assert!(kept_runs >= 4, "printing at 01:30 should beat the loss of the EHR in most runs ({kept_runs} of 8)");
}

#[test]
fn a_milestone_met_one_minute_late_is_late() {
    let scenario = vivalia();
    let plan = crisis_cell::data::load::load_plan("belgian-hospital-cyber", &scenario).unwrap();
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    let mut run = run_replica(scenario.clone(), Some(&historical), 3, 12 * 60);
    let confirmed = run.detection.confirmed_minute.unwrap();
    let target = plan.milestones.iter().find(|m| m.id == "access-points-closed").unwrap().target_minutes;
    let set = |run: &mut crisis_cell::run::RunResult, minute: u32| {
        let done = &mut run.observed.actions_done;
        done.retain(|(action, _)| action != "cut-internet");
        done.push(("cut-internet".to_string(), minute));
    };
    set(&mut run, confirmed + target);
    let on_time = milestones(&run.observed, &plan, run.minutes).into_iter().find(|m| m.id == "access-points-closed").unwrap();
    assert_eq!(on_time.status, MilestoneStatus::OnTime, "met exactly at the target is on time");
    assert_eq!(on_time.achieved_minutes, Some(target));
    set(&mut run, confirmed + target + 1);
    let late = milestones(&run.observed, &plan, run.minutes).into_iter().find(|m| m.id == "access-points-closed").unwrap();
    assert_eq!(late.status, MilestoneStatus::Late, "one minute past the target is late");
    assert_eq!(late.late_by_minutes, Some(1));
    assert!(late.points < on_time.points);
    let staff = milestones(&run.observed, &plan, run.minutes).into_iter().find(|m| m.id == "staff-alerted").unwrap();
    assert_eq!(staff.status, MilestoneStatus::Missed, "the historical night has no staff alert: missed");
    assert_eq!(staff.achieved_minutes, None);
}

#[test]
fn the_hand_written_deadline_schedule_is_late_where_its_people_are_not_yet_there() {
    // The schedule aims every milestone at its deadline; at night the director general, the medical
    // director and the IT director are called from home and the cell cannot sit within 30 minutes of
    // the confirmation: the score says so rather than trusting the schedule.
    let scenario = vivalia();
    let plan = crisis_cell::data::load::load_plan("belgian-hospital-cyber", &scenario).unwrap();
    let playbook = load_playbook("plan-deadlines", &scenario).unwrap();
    let best = crisis_cell::score::best_response::best_response(&scenario);
    let late = (1..=3)
        .filter(|&seed| {
            let counterfactuals = crisis_cell::score::counterfactuals(&scenario, &best, seed, 72 * 60);
            let result = scored(run_replica(scenario.clone(), Some(&playbook), seed, 72 * 60), Some((&plan, &counterfactuals)));
            result.milestones.iter().any(|m| m.id == "crisis-team-activated" && m.status == MilestoneStatus::Late)
        })
        .count();
    assert_eq!(late, 3, "the crisis team is late on each of seeds 1-3");
}

#[test]
fn plans_and_playbooks_naming_what_does_not_exist_are_refused_with_locations() {
    let scenario = vivalia();
    let plan_text = std::fs::read_to_string(format!("{}/scenarios/plans/belgian-hospital-cyber.ron", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let bad = plan_text.replacen(r#"achieved_by: AllOf(["alert-all-staff"])"#, r#"achieved_by: AllOf(["sound-the-horn"])"#, 1).replacen(
        "reference: Confirmed, target_minutes: 30",
        "reference: Inject(\"no-such-inject\"), target_minutes: 30",
        1,
    );
    let problems = plan_from_text("plan.ron", &bad, &scenario).unwrap_err().0;
    assert!(problems.iter().any(|p| p.message.contains("sound-the-horn") && p.position.is_some()), "{problems:?}");
    assert!(problems.iter().any(|p| p.message.contains("no-such-inject") && p.position.is_some()), "{problems:?}");

    let negative = plan_text.replacen("target_minutes: 15", "target_minutes: -15", 1);
    let problems = plan_from_text("plan.ron", &negative, &scenario).unwrap_err().0;
    let line = negative.lines().position(|l| l.contains("target_minutes: -15")).unwrap() + 1;
    assert!(
        problems.iter().any(|p| p.position.is_some_and(|q| q.line == line)),
        "a negative delay is located on line {line}: {problems:?}"
    );

    let playbook = r#"Playbook(format: 1, name: "x", scenario: "vivalia-2022", decisions: [
        (id: "a", action: "cut-internet", at: After(event: ActionDone("warp-drive"), minutes: 5)),
        (id: "b", action: "cut-internet", at: After(event: Inject("martians"), minutes: 5)),
    ])"#;
    let problems = playbook_from_text("p.ron", playbook, &scenario).unwrap_err().0;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().all(|p| p.position.is_some_and(|q| q.line >= 2)));

    let text = std::fs::read_to_string(format!("{}/scenarios/vivalia-2022.ron", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let nobody = text.replacen(
        r#"(id: "communication", name: "Communication officer", on_site: [(from: "08:30", to: "17:00", days: Weekdays, people: 1)], on_call: 1,"#,
        r#"(id: "communication", name: "Communication officer", on_call: 0,"#,
        1,
    );
    let problems = scenario_from_text("s.ron", &nobody).unwrap_err().0;
    assert!(problems.iter().any(|p| p.message.contains("nobody fills role \"communication\"")), "{problems:?}");
    let unknown_role =
        text.replacen(r#"role: "communication", duration: Uniform(min: 15"#, r#"role: "spokesperson", duration: Uniform(min: 15"#, 1);
    let problems = scenario_from_text("s.ron", &unknown_role).unwrap_err().0;
    assert!(problems.iter().any(|p| p.message.contains("spokesperson") && p.field.ends_with(".role")), "{problems:?}");
}
