//! Bad input of every kind: the shipped scenario, plan and playbooks and a journal, mutated (cut
//! anywhere, bytes flipped, numbers made extreme, lines deleted or doubled, identifiers renamed), must
//! give clear errors with a location and never a panic. 10,000 cases in all.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use proptest::test_runner::Config;

use crisis_cell::data::load::{Problems, plan_from_text, playbook_from_text, scenario_from_text};
use crisis_cell::data::{Scenario, load_scenario};
use crisis_cell::exercise::journal::{self, JournalWriter};
use crisis_cell::exercise::{Exercise, ExerciseSetup, Speed};
use crisis_cell::sim::injects::FireInject;

fn shipped(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("a shipped file")
}

fn vivalia() -> &'static Arc<Scenario> {
    static SCENARIO: OnceLock<Arc<Scenario>> = OnceLock::new();
    SCENARIO.get_or_init(|| Arc::new(load_scenario("vivalia-2022").expect("valid").scenario))
}

/// A journal of a short exercise, written once.
fn journal_text() -> &'static String {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let path = std::env::temp_dir().join(format!("crisis-cell-fuzz-journal-{}.jsonl", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let mut setup = ExerciseSetup::new(vivalia().clone(), None, 4);
        setup.pause_on_inject = false;
        let mut ex = Exercise::new(setup);
        ex.start_journal(JournalWriter::open(&path, None).expect("writable"), "vivalia-2022").expect("header");
        ex.set_speed(Speed::X600);
        ex.run_to(40);
        ex.decide("cut-internet").expect("a decision");
        ex.add_note("A note");
        ex.fire_inject(FireInject::Written { channel: "phone".into(), text: "A call".into(), to: String::new() }).expect("an inject");
        ex.run_to(90);
        ex.set_answer(0, "An answer");
        ex.end();
        drop(ex);
        let text = std::fs::read_to_string(&path).expect("the journal");
        let _ = std::fs::remove_file(&path);
        text
    })
}

/// One way of spoiling a text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Cut at this share of the length.
    Truncate(f64),
    /// Flip bits of the byte at this share of the length.
    Flip(f64, u8),
    /// Replace the n-th number with an extreme.
    Extreme(usize, usize),
    /// Delete the n-th line.
    DeleteLine(usize),
    /// Write the n-th line twice.
    DuplicateLine(usize),
    /// Rename the n-th quoted identifier.
    Rename(usize),
}

const EXTREMES: [&str; 10] =
    ["0", "-1", "-0.0", "1e308", "-1e308", "18446744073709551615", "99999999999999999999999", "NaN", "inf", "1e-320"];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0f64).prop_map(Mutation::Truncate),
        (0.0..1.0f64, 1u8..=255).prop_map(|(at, bits)| Mutation::Flip(at, bits)),
        (0usize..4000, 0usize..EXTREMES.len()).prop_map(|(n, e)| Mutation::Extreme(n, e)),
        (0usize..1000).prop_map(Mutation::DeleteLine),
        (0usize..1000).prop_map(Mutation::DuplicateLine),
        (0usize..2000).prop_map(Mutation::Rename),
    ]
}

/// Byte ranges of the numbers in a text.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b'-'))
        {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            found.push((start, i));
        }
        i += 1;
    }
    found
}

fn apply(text: &str, mutation: &Mutation) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let at = |share: f64| ((share * bytes.len() as f64) as usize).min(bytes.len().saturating_sub(1));
    match mutation {
        Mutation::Truncate(share) => {
            let cut = at(*share);
            bytes.truncate(cut);
        }
        Mutation::Flip(share, bits) => {
            let i = at(*share);
            bytes[i] ^= bits;
        }
        Mutation::Extreme(n, e) => {
            let found = numbers(text);
            if let Some(&(start, end)) = found.get(n % found.len().max(1)) {
                bytes.splice(start..end, EXTREMES[*e].bytes());
            }
        }
        Mutation::DeleteLine(n) | Mutation::DuplicateLine(n) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            let k = n % lines.len().max(1);
            if matches!(mutation, Mutation::DeleteLine(_)) {
                lines.remove(k);
            } else {
                lines.insert(k, lines[k]);
            }
            bytes = lines.concat().into_bytes();
        }
        Mutation::Rename(n) => {
            let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
            let pairs = quotes.len() / 2;
            if pairs > 0 {
                let k = n % pairs;
                let (start, end) = (quotes[2 * k] + 1, quotes[2 * k + 1]);
                bytes.splice(start..end, b"renamed-x".iter().copied());
            }
        }
    }
    bytes
}

/// Every problem says where it is: a line and column, or the field at fault.
fn located(problems: &Problems) -> Result<(), TestCaseError> {
    prop_assert!(!problems.0.is_empty(), "an error lists its problems");
    for p in &problems.0 {
        prop_assert!(p.position.is_some() || !p.field.is_empty(), "a problem without a location: {p}");
        prop_assert!(!p.message.is_empty());
    }
    Ok(())
}

/// The spoiled bytes as text. Files that are not UTF-8 are refused by the reader before any parser sees
/// them, so what is not UTF-8 is spoiled further into replacement characters and parsed all the same.
fn as_text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).into_owned()
}

fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config(4000))]
    #[test]
    fn a_spoiled_scenario_gives_located_errors_never_a_panic(m in mutation()) {
        if let Err(problems) = scenario_from_text("vivalia-2022.ron", &as_text(apply(&shipped("scenarios/vivalia-2022.ron"), &m))) {
            located(&problems)?;
        }
    }
}

proptest! {
    #![proptest_config(config(2000))]
    #[test]
    fn a_spoiled_plan_gives_located_errors_never_a_panic(m in mutation()) {
        if let Err(problems) = plan_from_text("plan.ron", &as_text(apply(&shipped("scenarios/plans/belgian-hospital-cyber.ron"), &m)), vivalia()) {
            located(&problems)?;
        }
    }
}

proptest! {
    #![proptest_config(config(2000))]
    #[test]
    fn a_spoiled_playbook_gives_located_errors_never_a_panic(m in mutation(), which in 0usize..3) {
        let file = ["vivalia-2022-historical", "plan-deadlines", "no-response"][which];
        if let Err(problems) = playbook_from_text("playbook.ron", &as_text(apply(&shipped(&format!("scenarios/playbooks/{file}.ron")), &m)), vivalia()) {
            located(&problems)?;
        }
    }
}

proptest! {
    #![proptest_config(config(2000))]
    #[test]
    fn a_spoiled_journal_gives_located_errors_never_a_panic(m in mutation()) {
        let text = as_text(apply(journal_text(), &m));
        match journal::parse("exercise.jsonl", &text) {
            Err(message) => {
                let location = message.strip_prefix("exercise.jsonl:").and_then(|rest| rest.split(':').next());
                prop_assert!(location.is_some_and(|l| l.parse::<usize>().is_ok()), "an error without a line: {message}");
            }
            Ok(read) => {
                // What parses is checked against the scenario, and replayed when it fits.
                if let Ok(setup) = read.setup(std::path::Path::new("exercise.jsonl")) {
                    let exercise = read.replay(setup);
                    prop_assert!(exercise.minute() <= exercise.end_minute());
                }
            }
        }
    }
}

#[test]
fn the_mutations_do_spoil_the_files() {
    let text = shipped("scenarios/vivalia-2022.ron");
    let mut cuts = 0;
    for cut in (1..text.len() - 2).step_by(text.len() / 300) {
        if text.is_char_boundary(cut) {
            cuts += 1;
            assert!(scenario_from_text("cut.ron", &text[..cut]).is_err(), "a scenario cut at byte {cut} is refused");
        }
    }
    assert!(cuts > 250);
    let journal = journal_text();
    for cut in (1..journal.len() - 1).step_by(7) {
        let read = journal::parse("cut.jsonl", &journal[..cut]);
        assert!(
            read.as_ref().map_or(true, |r| r.torn.is_some() || journal[..cut].ends_with('\n')),
            "a journal cut at {cut} is torn or refused"
        );
    }
}

/// Any one number of the shipped scenario made extreme, with every decision of the best response: a
/// file `validate` accepts runs sanely (to its end, with counts that add up); one it refuses says where.
fn extreme_scenario_runs_sanely(n: usize, e: usize) -> Result<(), TestCaseError> {
    let text = as_text(apply(&shipped("scenarios/vivalia-2022.ron"), &Mutation::Extreme(n, e)));
    match scenario_from_text("vivalia-2022.ron", &text) {
        Err(problems) => located(&problems),
        Ok(scenario) => {
            let scenario = Arc::new(scenario);
            let best = crisis_cell::score::best_response::best_response(&scenario);
            let run = crisis_cell::run::run_replica(scenario, Some(&best), 1, 6 * 60);
            prop_assert_eq!(run.minutes, 6 * 60);
            prop_assert!(run.hosts.encrypted_ever.is_finite() && run.hosts.encrypted_ever <= f64::from(run.hosts.total));
            let care = run.care.map(|c| c.measures).unwrap_or_default();
            prop_assert!(care.patient_hours_at_risk.is_finite() && care.patient_hours_at_risk >= 0.0);
            Ok(())
        }
    }
}

/// Any one number of the shipped plan made extreme: a plan `validate` accepts scores a run between 0
/// and 100; one it refuses says where.
fn extreme_plan_scores_sanely(n: usize, e: usize) -> Result<(), TestCaseError> {
    static BASE: OnceLock<(crisis_cell::run::RunResult, crisis_cell::score::Counterfactuals)> = OnceLock::new();
    let (run, cf) = BASE.get_or_init(|| {
        let historical = crisis_cell::data::load_playbook("vivalia-2022-historical", vivalia()).expect("built in");
        let best = crisis_cell::score::best_response::best_response(vivalia());
        let cf = crisis_cell::score::counterfactuals(vivalia(), &best, 1, 12 * 60);
        (crisis_cell::run::run_replica(vivalia().clone(), Some(&historical), 1, 12 * 60), cf)
    });
    let text = as_text(apply(&shipped("scenarios/plans/belgian-hospital-cyber.ron"), &Mutation::Extreme(n, e)));
    match plan_from_text("plan.ron", &text, vivalia()) {
        Err(problems) => located(&problems),
        Ok(plan) => {
            let score = crisis_cell::score::scored(run.clone(), Some((&plan, cf))).score.expect("scored");
            prop_assert!(score.total.is_finite() && (0.0..=100.0).contains(&score.total), "score {}", score.total);
            Ok(())
        }
    }
}

/// Runs `check` on every number of a shipped file made each extreme in turn (deterministic and
/// complete, rather than sampled, so that no rare case waits for an unlucky seed).
fn every_extreme(path: &str, check: impl Fn(usize, usize) -> Result<(), TestCaseError>) {
    let count = numbers(&shipped(path)).len();
    assert!(count > 20, "{path} has numbers to spoil");
    for n in 0..count {
        for (e, extreme) in EXTREMES.iter().enumerate() {
            if let Err(failure) = check(n, e) {
                panic!("{path}, number {n} made {extreme}: {failure}");
            }
        }
    }
}

#[test]
fn every_number_of_the_scenario_made_extreme_is_refused_where_it_stands_or_runs_sanely() {
    every_extreme("scenarios/vivalia-2022.ron", extreme_scenario_runs_sanely);
}

#[test]
fn every_number_of_the_plan_made_extreme_is_refused_where_it_stands_or_scores_sanely() {
    every_extreme("scenarios/plans/belgian-hospital-cyber.ron", extreme_plan_scores_sanely);
}
