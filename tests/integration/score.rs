//! The honest score: credit only for what the cell could know and what its decisions changed. Each test
//! plays a way to game the score, or to be lazy, and checks that it does not pay; where the effect could
//! come from elsewhere, a control run shows it comes from the rule tested.

use std::sync::Arc;

use crisis_cell::data::load::load_plan;
use crisis_cell::data::plan::Plan;
use crisis_cell::data::playbook::{EventRef, Playbook, When};
use crisis_cell::data::scenario::Scenario;
use crisis_cell::run::run_replica;
use crisis_cell::score::best_response::best_response;
use crisis_cell::score::{Counterfactuals, LineKind, LineStatus, MilestoneStatus, ScoredRun, counterfactuals, scored};
use crisis_cell::sim::event::Wait;
use crisis_cell::sim::{EntryKind, Event};

use super::common::{shipped_playbook, vivalia};

const SEEDS: u64 = 200;
const MINUTES: u32 = 72 * 60;

/// One scenario and plan, with each seed's counterfactuals worked out once for every playbook tried.
struct Bench {
    scenario: Arc<Scenario>,
    plan: Plan,
    counterfactuals: Vec<Counterfactuals>,
}

impl Bench {
    fn new(scenario: Arc<Scenario>, seeds: u64) -> Bench {
        let plan = load_plan("belgian-hospital-cyber", &scenario).unwrap();
        let best = best_response(&scenario);
        let counterfactuals = (0..seeds).map(|seed| counterfactuals(&scenario, &best, seed, MINUTES)).collect();
        Bench { scenario, plan, counterfactuals }
    }

    fn run(&self, playbook: &Playbook, seed: u64) -> ScoredRun {
        let run = run_replica(self.scenario.clone(), Some(playbook), seed, MINUTES);
        scored(run, Some((&self.plan, &self.counterfactuals[seed as usize])))
    }

    fn totals(&self, playbook: &Playbook) -> Vec<f64> {
        (0..self.counterfactuals.len() as u64).map(|seed| self.run(playbook, seed).score.unwrap().total).collect()
    }
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// A playbook with only the decisions whose actions `keep` accepts.
fn only(playbook: &Playbook, keep: impl Fn(&str) -> bool) -> Playbook {
    let mut out = playbook.clone();
    out.decisions.retain(|d| keep(&d.action));
    // A decision that waited for one left out now waits for the confirmation instead.
    let ids: Vec<String> = out.decisions.iter().map(|d| d.id.clone()).collect();
    for decision in &mut out.decisions {
        if let When::After { event: EventRef::Done(id) | EventRef::Started(id), minutes } = &decision.at
            && !ids.contains(id)
        {
            decision.at = When::After { event: EventRef::Confirmed, minutes: *minutes };
        }
    }
    out
}

/// Calls, notifications and the emergency plan's paperwork: nothing done to the network or to care.
fn is_paperwork(action: &str) -> bool {
    [
        "escalate-it-director",
        "call-administrator-on-duty",
        "call-in-it-team",
        "inform-director-general",
        "convene-crisis-cell",
        "trigger-emergency-plan",
        "alert-all-staff",
        "message-staff-patients",
        "notify-governor",
        "notify-police",
        "ccb-early-warning",
        "ccb-notification",
        "notify-dpa",
        "press-statement",
    ]
    .contains(&action)
}

#[test]
fn over_200_seeds_the_best_response_beats_history_which_beats_no_response() {
    let scenario = vivalia();
    let bench = Bench::new(scenario.clone(), SEEDS);
    let best = mean(&bench.totals(&best_response(&scenario)));
    let historical = mean(&bench.totals(&shipped_playbook("vivalia-2022-historical", &scenario)));
    let none = mean(&bench.totals(&shipped_playbook("no-response", &scenario)));
    eprintln!("Vivalia, {SEEDS} seeds: best response {best:.1}, historical {historical:.1}, no response {none:.1}");
    assert!(best > historical, "best response {best:.1} above the historical night {historical:.1}");
    assert!(historical > none, "the historical night {historical:.1} above no response {none:.1}");
    assert!(none < 5.0, "no response earns next to nothing: {none:.1}");
}

#[test]
fn acting_before_the_first_alert_gains_nothing() {
    let scenario = vivalia();
    let bench = Bench::new(scenario.clone(), SEEDS);
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    // The same decisions in the same order, once at the first alert and once at the very start.
    let at = |when: When| {
        let mut playbook = historical.clone();
        for decision in &mut playbook.decisions {
            decision.at = when.clone();
        }
        playbook
    };
    let at_alert = at(When::After { event: EventRef::FirstAlert, minutes: 0 });
    let at_start = at(When::Elapsed(0));
    for seed in 0..SEEDS {
        let (early, alert) = (bench.run(&at_start, seed), bench.run(&at_alert, seed));
        let (early_total, alert_total) = (early.score.unwrap().total, alert.score.unwrap().total);
        assert!(early_total <= alert_total + 1e-9, "seed {seed}: acting at 01:30 scores {early_total}, at the first alert {alert_total}");
        // Control: the early playbook did take its decisions before anything could be seen.
        if seed == 0 {
            let waited = early
                .run
                .timeline
                .iter()
                .any(|row| row.kind == EntryKind::People && row.minute < early.run.detection.first_alert_minute.unwrap());
            assert!(waited, "the decisions taken at 01:30 waited for the first alert");
        }
    }
}

#[test]
fn a_decision_taken_before_anything_is_seen_waits_for_the_first_alert() {
    let scenario = vivalia();
    let mut sim = crisis_cell::sim::Simulation::with_horizon(scenario.clone(), 1, None, MINUTES);
    sim.decide("early-cut", "cut-internet");
    sim.run_until(MINUTES);
    let timeline = &sim.world().resource::<crisis_cell::sim::Timeline>().entries;
    let first_alert = sim.world().resource::<crisis_cell::sim::ObservedLog>().first_alert.unwrap();
    let waited = timeline.iter().any(|e| matches!(&e.event, Event::Waiting { reason: Wait::FirstAlert, .. }) && e.minute == 0);
    assert!(waited, "the decision says it waits for the first alert");
    let started = timeline.iter().find(|e| e.id == "early-cut" && matches!(e.event, Event::Started { .. })).unwrap();
    assert!(started.minute > first_alert, "started at {} after the first alert at {first_alert}", started.minute);
}

#[test]
fn paperwork_alone_scores_below_history() {
    let scenario = vivalia();
    let bench = Bench::new(scenario.clone(), SEEDS);
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    let paperwork = only(&historical, is_paperwork);
    // Control: the paperwork really is all of the plan's calls and notifications, on time or not.
    assert!(paperwork.decisions.len() >= 10 && paperwork.decisions.len() < historical.decisions.len());
    let (paper, history) = (mean(&bench.totals(&paperwork)), mean(&bench.totals(&historical)));
    eprintln!("Vivalia, {SEEDS} seeds: paperwork alone {paper:.1}, historical {history:.1}");
    assert!(paper < history, "paperwork alone {paper:.1} must score below the historical night {history:.1}");
}

#[test]
fn a_prevented_attack_scores_at_least_as_high_as_one_that_is_not_with_the_same_paperwork() {
    // Every host runs EDR: the alert comes with the first footholds, and cutting the links and switching
    // the servers off at once stops the attack before its payload.
    let base = vivalia();
    let mut watched = (*base).clone();
    for group in &mut watched.host_groups {
        group.edr = true;
    }
    for server in &mut watched.servers {
        server.edr = true;
    }
    let watched = Arc::new(watched);
    // The same paperwork on both nights, timed from what the cell sees: one step every ten minutes
    // after the confirmation; and the same response at the first alert: cut the intruders off, go to
    // paper, secure the treatment plans, then switch the machines off.
    let decision = |action: &str, event: EventRef, minutes: u32| crisis_cell::data::playbook::PlannedDecision {
        id: action.into(),
        action: action.into(),
        at: When::After { event, minutes },
        note: String::new(),
    };
    let mut response = shipped_playbook("no-response", &base);
    let paperwork = base.actions.iter().map(|a| a.id.as_str()).filter(|a| is_paperwork(a));
    response.decisions.extend(paperwork.enumerate().map(|(i, a)| decision(a, EventRef::Confirmed, 10 * i as u32)));
    // The intruders' links are cut, not the WAN: the sites keep their medical record while the plans print.
    for action in ["cut-internet", "cut-vpn", "activate-downtime-all", "secure-treatment-plans"] {
        response.decisions.push(decision(action, EventRef::FirstAlert, 0));
    }
    // The machines go off once the treatment plans are on paper, as a medical director would ask.
    for action in ["shutdown-servers", "shutdown-workstations"] {
        response.decisions.push(decision(action, EventRef::Done("secure-treatment-plans".into()), 0));
    }
    let seeds = 40;
    let (prevented, hit) = (Bench::new(watched, seeds), Bench::new(base, seeds));
    let (mut stopped, mut prevented_sum, mut hit_sum) = (0, 0.0, 0.0);
    for seed in 0..seeds {
        let (a, b) = (prevented.run(&response, seed), hit.run(&response, seed));
        if a.run.hosts.encrypted_ever < 1.0 {
            stopped += 1;
            if std::env::var("SCORE_DEBUG").is_ok() {
                for (x, y) in a.score.as_ref().unwrap().lines.iter().zip(&b.score.as_ref().unwrap().lines) {
                    eprintln!(
                        "{:?} {:?} {} {:?} {:?} {} | {:?} {} {:?} {:?} {}",
                        x.kind, x.status, x.value, x.no_response, x.best, x.points, y.status, y.value, y.no_response, y.best, y.points
                    );
                }
            }
            let (a, b) = (a.score.unwrap().total, b.score.unwrap().total);
            // Each night draws its own durations and sets its own counterfactuals: a point or two either
            // way is chance; on average the prevented night must not lose.
            assert!(a + 2.0 >= b, "seed {seed}: the prevented attack scores {a}, the one that was not {b}");
            (prevented_sum, hit_sum) = (prevented_sum + a, hit_sum + b);
        }
    }
    assert!(prevented_sum >= hit_sum, "on average the prevented attack scores at least as high: {prevented_sum} against {hit_sum}");
    assert!(stopped >= seeds / 4, "control: EDR and an early response stop the attack on {stopped} of {seeds} seeds");
}

#[test]
fn a_line_no_decision_could_change_leaves_the_total() {
    let scenario = vivalia();
    let bench = Bench::new(scenario.clone(), 4);
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    for seed in 0..4 {
        let result = bench.run(&historical, seed);
        let score = result.score.unwrap();
        let counted: f64 = score.lines.iter().filter(|l| l.status == LineStatus::Scored).map(|l| l.max_points).sum();
        let earned: f64 = score.lines.iter().filter(|l| l.status == LineStatus::Scored).map(|l| l.points).sum();
        assert!((score.total - 100.0 * earned / counted).abs() < 0.02, "the total is the points earned over the points that count");
        for line in &score.lines {
            if let LineKind::Outcome(_) = line.kind {
                let (none, best) = (line.no_response.unwrap(), line.best.unwrap());
                let negligible = bench.plan.score.outcomes.iter().find(|o| LineKind::Outcome(o.measure) == line.kind).unwrap().negligible;
                if line.status == LineStatus::NotInHands {
                    assert!(
                        none - best.min(none) <= negligible,
                        "{:?}: out of the cell's hands only when nothing could change it",
                        line.kind
                    );
                }
            }
        }
    }
}

#[test]
fn the_chief_executive_is_informed_by_his_own_decisions_too() {
    let scenario = vivalia();
    let bench = Bench::new(scenario.clone(), 1);
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    // Nobody calls the director general; he is called in by the convening of the cell alone.
    let without_call = only(&historical, |a| a != "inform-director-general");
    let result = bench.run(&without_call, 0);
    let ceo = result.milestones.iter().find(|m| m.id == "ceo-notified").unwrap();
    assert_ne!(ceo.status, MilestoneStatus::Missed, "called in to the crisis cell, he is informed");
    // Control: with no call, no cell and none of his own decisions, nobody informs him.
    let his_own = |a: &str| scenario.actions.iter().any(|x| x.id == a && x.role.as_deref() == Some("director-general"));
    let nobody = only(&historical, |a| !["inform-director-general", "convene-crisis-cell"].contains(&a) && !his_own(a));
    let ceo = bench.run(&nobody, 0).milestones.into_iter().find(|m| m.id == "ceo-notified").unwrap();
    assert_eq!(ceo.status, MilestoneStatus::Missed);
}

#[test]
fn the_crisis_cell_is_convened_when_its_quorum_has_arrived_not_when_the_calls_are_placed() {
    let scenario = vivalia();
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    let run = run_replica(scenario.clone(), Some(&historical), 2, MINUTES);
    let convene = run.decisions.iter().find(|d| d.action == "convene-crisis-cell").unwrap();
    let done = convene.done_minute.unwrap();
    let called = run.observed.called.iter().find(|(role, _)| role == "medical-director").unwrap().1;
    assert!(done > called, "convened at {done}, after the medical director was called at {called}");
    // Control: without a quorum the same call is done the minute the calls are placed.
    let mut no_quorum = (*scenario).clone();
    no_quorum.actions.iter_mut().find(|a| a.id == "convene-crisis-cell").unwrap().quorum.clear();
    let run = run_replica(Arc::new(no_quorum), Some(&historical), 2, MINUTES);
    let convene = run.decisions.iter().find(|d| d.action == "convene-crisis-cell").unwrap();
    let called = run.observed.called.iter().find(|(role, _)| role == "medical-director").unwrap().1;
    assert_eq!(convene.done_minute, Some(called));
}

#[test]
fn a_host_stopped_mid_encryption_counts_the_share_it_lost_and_restoring_does_not_undo_it() {
    // An encryption of the all-family median, 43 minutes a workstation, leaves time to stop hosts midway
    // (LockBit's six minutes rarely does).
    let mut slow = (*vivalia()).clone();
    slow.attacker.encryption_minutes = crisis_cell::data::dist::Dist::LogNormal { median: 43.0, p90: 110.0, min: 4.0, max: None };
    let scenario = Arc::new(slow);
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    let run = run_replica(scenario.clone(), Some(&historical), 1, MINUTES);
    let h = &run.hosts;
    assert!(
        h.encrypted_ever + 1e-9 >= f64::from(h.encrypted),
        "ever encrypted {} at least the {} encrypted at the end",
        h.encrypted_ever,
        h.encrypted
    );
    assert!(h.encrypted_ever.fract() > 0.0, "some hosts were stopped midway and count a share: {}", h.encrypted_ever);
    let roles = &h.encrypted_ever_by_role;
    assert!((roles.servers + roles.workstations - h.encrypted_ever).abs() < 0.01, "servers and workstations make the whole");
    // Control: with no response nothing is stopped midway, so whole hosts only.
    let none = run_replica(scenario, None, 1, MINUTES);
    assert_eq!(none.hosts.encrypted_ever.fract(), 0.0);
}

/// The mean score at each delay of one decision of the historical playbook, from +0 to +240 minutes.
fn sweep_scores(decision: &str, from: u32) -> Vec<f64> {
    let scenario = vivalia();
    let plan = load_plan("belgian-hospital-cyber", &scenario).unwrap();
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    let best = best_response(&scenario);
    let spec = crisis_cell::batch::BatchSpec {
        scenario: scenario.clone(),
        playbook: &historical,
        plan: Some(&plan),
        runs: 100,
        seed: 1,
        minutes: MINUTES,
        best: &best,
        counterfactuals: None,
    };
    let vary = crisis_cell::batch::Vary::parse(&format!("{decision}={from}..{}/60", from + 240)).unwrap();
    let sweep = crisis_cell::batch::sweep(&spec, &vary, 2, |_| {}).unwrap();
    sweep.points.iter().map(|p| p.summary.score_total.unwrap().mean).collect()
}

#[test]
fn a_later_shutdown_cut_or_paper_never_scores_higher() {
    for (decision, from) in [("shutdown-servers", 15), ("cut-internet", 10), ("go-to-paper", 15)] {
        let scores = sweep_scores(decision, from);
        eprintln!("{decision} +0..+240: {scores:.2?}");
        for pair in scores.windows(2) {
            // One on-call engineer does the cut and the calls: a cut pushed later can free him for a
            // call a minute sooner, worth a hundredth of a point on the mean. Nothing more may be gained.
            assert!(pair[1] <= pair[0] + 0.05, "{decision}: a later decision scored higher: {scores:?}");
        }
        assert!(scores[4] < scores[0], "{decision}: four hours later costs something: {scores:?}");
    }
    let paper = sweep_scores("go-to-paper", 15);
    assert!(paper[0] - paper[4] >= 4.0, "going to paper four hours later costs at least 4 points: {paper:?}");
}

#[test]
fn validate_warns_of_decisions_timed_before_anything_can_be_seen() {
    let dir = std::env::temp_dir().join(format!("crisis-cell-early-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("early.ron");
    let text = "Playbook(format: 1, name: \"early\", scenario: \"vivalia-2022\", decisions: [\n    (id: \"a\", action: \"cut-internet\", at: After(event: FirstAlert, minutes: 0)),\n    (id: \"b\", action: \"shutdown-servers\", at: Elapsed(0)),\n])\n";
    std::fs::write(&path, text).unwrap();
    let out = super::common::cli(&["validate", &path.display().to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a warning is not a refusal: {stderr}");
    assert!(stderr.contains("early.ron:3:") && stderr.contains("warning") && stderr.contains("first alert"), "{stderr}");
    assert!(!stderr.contains("early.ron:2:"), "the decision timed from the first alert is fine: {stderr}");
    // Control: the historical playbook, timed from what the cell saw and the clock, draws no warning.
    let historical = format!("{}/scenarios/playbooks/vivalia-2022-historical.ron", env!("CARGO_MANIFEST_DIR"));
    let out = super::common::cli(&["validate", &historical]);
    assert!(out.status.success() && !String::from_utf8_lossy(&out.stderr).contains("warning"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_lean_counterfactuals_are_the_harms_of_the_full_runs() {
    let scenario = vivalia();
    let best = best_response(&scenario);
    for seed in 0..3 {
        let full = crisis_cell::score::Baselines::run(&scenario, &best, seed, MINUTES).counterfactuals();
        assert_eq!(counterfactuals(&scenario, &best, seed, MINUTES), full, "seed {seed}");
    }
}

#[test]
fn stopping_the_clock_early_does_not_take_pending_milestones_off_the_total() {
    let scenario = vivalia();
    let bench = Bench::new(scenario.clone(), 1);
    let historical = shipped_playbook("vivalia-2022-historical", &scenario);
    // Three hours: the attack is confirmed, most of the plan is still pending.
    let short = run_replica(scenario.clone(), Some(&historical), 0, 180);
    let counterfactuals = counterfactuals(&scenario, &best_response(&scenario), 0, 180);
    let result = scored(short, Some((&bench.plan, &counterfactuals)));
    let confirmed = result.run.detection.confirmed_minute.unwrap();
    for m in &result.milestones {
        let deadline = confirmed + m.target_minutes;
        if deadline < MINUTES && m.achieved_at_minute.is_none() {
            assert_eq!(m.status, MilestoneStatus::Missed, "{}: due at minute {deadline}, within the scenario's span", m.id);
        }
    }
    // Control: a milestone whose deadline falls past the scenario's span is not yet due.
    let late_rule = result.milestones.iter().find(|m| m.id == "ccb-notification").unwrap();
    assert!(confirmed + late_rule.target_minutes >= MINUTES);
    assert_eq!(late_rule.status, MilestoneStatus::NotDue);
}

#[test]
fn the_same_action_draws_the_same_duration_whatever_the_decision_is_called() {
    let scenario = vivalia();
    let playbook = |id: &str| {
        let mut p = shipped_playbook("no-response", &scenario);
        p.decisions.push(crisis_cell::data::playbook::PlannedDecision {
            id: id.into(),
            action: "cut-internet".into(),
            at: When::After { event: EventRef::FirstAlert, minutes: 0 },
            note: String::new(),
        });
        p
    };
    let duration = |id: &str, seed: u64| {
        let run = run_replica(scenario.clone(), Some(&playbook(id)), seed, MINUTES);
        run.decisions[0].done_minute.unwrap() - run.decisions[0].started_minute
    };
    assert_eq!(duration("cut-internet", 5), duration("cell-cut-the-link", 5), "a decision's name draws nothing");
    // Control: the duration is drawn (5 to 15 minutes), not fixed: other seeds draw others.
    let durations: std::collections::BTreeSet<u32> = (5..15).map(|seed| duration("cut-internet", seed)).collect();
    assert!(durations.len() > 1, "{durations:?}");
}
