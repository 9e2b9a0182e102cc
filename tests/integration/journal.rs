//! The session journal: every input written as it happens, an exercise reopened where it stopped, a
//! torn last line detected, `replay` giving the same run to the byte, and journals refused when they
//! do not fit.

use std::path::{Path, PathBuf};

use crisis_cell::data::load;
use crisis_cell::exercise::journal::{self, JournalWriter};
use crisis_cell::exercise::{Exercise, ExerciseSetup, Speed};
use crisis_cell::sim::injects::FireInject;

use crate::common::{cli, vivalia};

fn temp(name: &str) -> PathBuf {
    crate::common::temp_dir("journal", name)
}

fn new_exercise(path: &Path) -> Exercise {
    let scenario = vivalia();
    let plan = load::scenario_plan(&scenario, None).expect("the built-in plan");
    let mut setup = ExerciseSetup::new(scenario, plan, 11);
    setup.pause_on_inject = false;
    let mut exercise = Exercise::new(setup);
    exercise.start_journal(JournalWriter::open(path, None).expect("a writable journal"), "vivalia-2022").expect("the header is written");
    exercise
}

/// What a crisis cell and its facilitator might do in the first hours.
fn play_first_hours(ex: &mut Exercise) {
    ex.set_speed(Speed::X600);
    ex.set_paused(false);
    for _ in 0..300 {
        ex.frame(0.1);
    }
    ex.add_note("The on-call engineer hesitates to wake the IT director.");
    ex.decide("escalate-it-director").expect("a decision of the catalog");
    ex.jump_to_next_event();
    ex.fire_inject(FireInject::Written {
        channel: "phone".into(),
        text: "The night manager asks what is going on.".into(),
        to: String::new(),
    })
    .expect("an inject");
    ex.decide("cut-internet").expect("a decision of the catalog");
    for _ in 0..200 {
        ex.frame(0.1);
    }
    ex.set_paused(true);
}

fn state(ex: &Exercise) -> String {
    let notes: Vec<_> = ex.notes.iter().map(|n| (n.minute, n.text.clone())).collect();
    format!("{}\n{:?}\n{:?}", serde_json::to_string(&ex.result().0).expect("JSON"), notes, ex.answers)
}

#[test]
fn a_killed_exercise_reopens_where_it_stopped_with_nothing_lost() {
    let dir = temp("resume");
    let path = dir.join("exercise.jsonl");
    let mut ex = new_exercise(&path);
    play_first_hours(&mut ex);
    let before_kill = state(&ex);
    let minute = ex.minute();
    // The process dies here: nothing is closed or flushed beyond what each entry did.
    std::mem::forget(ex);

    let read = journal::read(&path).expect("the journal reads back");
    assert!(read.torn.is_none());
    let mut reopened = read.replay(read.setup(&path).expect("the scenario is the same"));
    assert_eq!(reopened.minute(), minute, "the clock stands where it stood");
    assert_eq!(state(&reopened), before_kill, "the same simulated state, the notes and answers included");

    // The reopened exercise goes on writing the same journal.
    reopened.resume_journal(JournalWriter::open(&path, Some(read.valid_bytes)).expect("writable"));
    reopened.decide("convene-crisis-cell").expect("a decision of the catalog");
    reopened.run_to(minute + 90);
    reopened.set_answer(0, "At the second alert.");
    reopened.end();
    let finished = state(&reopened);
    let again = journal::read(&path).expect("the journal reads back");
    let replayed = again.replay(again.setup(&path).expect("the same scenario"));
    assert_eq!(state(&replayed), finished, "the whole exercise, before and after the crash, replays exactly");
    assert!(replayed.ended);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn replay_gives_the_exercise_byte_for_byte_and_writes_its_report() {
    let dir = temp("replay");
    let path = dir.join("exercise.jsonl");
    let mut ex = new_exercise(&path);
    play_first_hours(&mut ex);
    ex.set_answer(1, "By phone, <b>not</b> by e-mail.");
    ex.end();
    let expected = format!("{}\n", serde_json::to_string_pretty(&ex.result().0).expect("JSON"));
    drop(ex);

    let p = path.to_str().expect("UTF-8");
    let first = cli(&["replay", p, "--json"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(String::from_utf8_lossy(&first.stdout), expected, "replay --json is the exercise's own result");
    let second = cli(&["replay", p, "--json"]);
    assert_eq!(first.stdout, second.stdout, "and the same every time");

    let report = dir.join("report");
    let out = cli(&["replay", p, "--report", report.to_str().expect("UTF-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(report.join("report.html")).expect("report.html");
    assert!(html.contains("The on-call engineer hesitates to wake the IT director."), "the observer note is in the report");
    assert!(html.contains("By phone, &lt;b&gt;not&lt;/b&gt; by e-mail."), "the answer too, escaped");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_torn_last_entry_is_dropped_and_said_and_the_rest_kept() {
    let dir = temp("torn");
    let path = dir.join("exercise.jsonl");
    let mut ex = new_exercise(&path);
    play_first_hours(&mut ex);
    let whole = state(&ex);
    drop(ex);
    let whole_bytes = std::fs::metadata(&path).expect("the journal").len();
    let mut text = std::fs::read_to_string(&path).expect("the journal");
    text.push_str(r#"{"minute":999,"kind":"decision","act"#);
    std::fs::write(&path, &text).expect("a torn line appended");

    let read = journal::read(&path).expect("a torn journal still reads");
    let message = read.torn.clone().expect("the tear is told");
    assert!(message.contains("cut short"), "{message}");
    assert_eq!(read.valid_bytes, whole_bytes, "everything before the tear is kept");
    assert_eq!(state(&read.replay(read.setup(&path).expect("same scenario"))), whole);

    let out = cli(&["replay", path.to_str().expect("UTF-8"), "--json"]);
    assert!(out.status.success(), "replay goes on with the valid part");
    assert!(String::from_utf8_lossy(&out.stderr).contains("cut short"), "and says what it dropped");

    // Reopening mends the file before appending to it.
    let mut writer = JournalWriter::open(&path, Some(read.valid_bytes)).expect("writable");
    writer.append(&journal::Entry { minute: 1000, seat: None, input: journal::Input::Time {} }).expect("appended");
    let mended = journal::read(&path).expect("reads");
    assert!(mended.torn.is_none(), "no tear is left after reopening");
    assert_eq!(mended.entries.last().map(|e| e.minute), Some(1000));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn journals_that_do_not_fit_are_refused_with_a_reason() {
    let dir = temp("refused");
    let path = dir.join("exercise.jsonl");
    let mut ex = new_exercise(&path);
    ex.decide("cut-internet").expect("a decision");
    ex.run_to(5);
    drop(ex);
    let text = std::fs::read_to_string(&path).expect("the journal");
    let cases = [
        ("version", text.replacen("\"version\":\"2022.3\"", "\"version\":\"2021.9\"", 1), "version 2022.3"),
        ("digest", text.replacen("\"digest\":\"", "\"digest\":\"0", 1), "has changed"),
        ("format", text.replacen("\"format\":1", "\"format\":7", 1), "journal format 7"),
        ("magic", text.replacen("crisis-cell journal", "something else", 1), "not a crisis-cell journal"),
        ("entry", text.replacen("\"kind\":\"decision\"", "\"kind\":\"bribe\"", 1), ":2:"),
        ("empty", String::new(), "no header"),
    ];
    for (name, bad, expected) in cases {
        assert_ne!(bad, text, "case {name} changes the journal");
        let bad_path = dir.join(format!("{name}.jsonl"));
        std::fs::write(&bad_path, &bad).expect("written");
        let out = cli(&["replay", bad_path.to_str().expect("UTF-8")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "case {name}: refused with status 1: {stderr}");
        assert!(stderr.contains(expected), "case {name}: the message says why ({expected}): {stderr}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(feature = "gui")]
#[test]
fn a_journal_that_cannot_be_written_is_refused_before_the_window_opens() {
    let dir = temp("unwritable");
    let path = dir.join("no-such-folder").join("exercise.jsonl");
    let out = cli(&["play", "--journal", path.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write the journal"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_file_that_is_not_a_journal_is_never_emptied() {
    let dir = temp("precious");
    // A small file with no newline, like a torn header, but not the start of a journal.
    let precious = dir.join("precious.json");
    std::fs::write(&precious, r#"{"budget": 120000}"#).expect("written");
    let out = cli(&["play", "--journal", precious.to_str().expect("UTF-8")]);
    assert_ne!(out.status.code(), Some(0), "refused: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&precious).expect("still there"), r#"{"budget": 120000}"#, "the file is untouched");
    // Control: what a window that died as it began leaves is recognised as a torn header.
    assert!(journal::is_torn_header(br#"{"journal":"crisis-cell jou"#));
    assert!(journal::is_torn_header(br#"{"journal":"crisis-cell journal","format":1,"scen"#));
    assert!(!journal::is_torn_header(br#"{"budget": 120000}"#));
    assert!(!journal::is_torn_header(b""));
    let _ = std::fs::remove_dir_all(dir);
}
