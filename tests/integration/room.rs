//! The exercise as a room plays it, without a window: the map shows what the cell did over what the
//! attacker did, an irreversible decision says what it will do, an exercise the facilitator ends early
//! leaves the milestones not yet due out of the score, and injects are moments the room acknowledges
//! and the facilitator marks.

use crisis_cell::data::load;
use crisis_cell::exercise::{CellState, Exercise, ExerciseSetup, LiveStatus};
use crisis_cell::score::MilestoneStatus;

use crate::common::vivalia;

fn exercise(seed: u64) -> Exercise {
    crate::common::vivalia_exercise(seed)
}

fn to_first_alert(ex: &mut Exercise) -> u32 {
    while ex.first_alert().is_none() {
        assert!(!ex.out_of_time(), "the attack is detected");
        ex.jump_to_next_event();
    }
    ex.minute()
}

#[test]
fn switching_every_server_off_is_counted_over_what_the_attacker_did() {
    let mut ex = exercise(1);
    to_first_alert(&mut ex);
    ex.run_to(ex.minute() + 90);
    let before = ex.cells(false);
    assert_eq!(before.powered_off_count(), 0, "control: nothing is off before the cell acts");
    let encrypted_before = before.counts()[CellState::Encrypted as usize];
    assert!(encrypted_before > 0, "control: encryption is seen by now");
    ex.decide("shutdown-servers").expect("the catalog has it");
    ex.run_to(ex.minute() + 24 * 60);
    let after = ex.cells(false);
    let servers = ex.sim().world().resource::<crisis_cell::sim::Estate>().servers;
    assert_eq!(servers, 200, "Vivalia has 200 servers");
    assert_eq!(after.powered_off_count(), servers, "every server is counted off, encrypted or not");
    assert!(
        after.counts()[CellState::Encrypted as usize] >= encrypted_before,
        "switching off hides no encryption: {} encrypted before, {} after",
        encrypted_before,
        after.counts()[CellState::Encrypted as usize]
    );
    assert_eq!(after.states.len(), 1700, "every host keeps one state");
}

#[test]
fn isolating_segments_is_counted_by_the_hosts_inside_them() {
    let mut ex = exercise(2);
    to_first_alert(&mut ex);
    assert_eq!(ex.cells(false).isolated_count(), 0, "control: nothing is isolated before the cell acts");
    ex.decide("isolate-servers").expect("the catalog has it");
    ex.run_to(ex.minute() + 12 * 60);
    let estate = ex.sim().world().resource::<crisis_cell::sim::Estate>();
    let network = ex.sim().world().resource::<crisis_cell::sim::Network>();
    let inside: usize = estate.segments.iter().enumerate().filter(|(i, _)| network.isolated[*i]).map(|(_, s)| s.hosts.len()).sum();
    assert!(inside > 0, "the server segments are isolated");
    assert_eq!(ex.cells(false).isolated_count() as usize, inside);
}

#[test]
fn an_irreversible_decision_says_what_it_will_do_before_it_is_taken() {
    let mut ex = exercise(1);
    to_first_alert(&mut ex);
    let index = |ex: &Exercise, id: &str| ex.scenario().actions.iter().position(|a| a.id == id).expect("in the catalog");
    let shutdown = index(&ex, "shutdown-servers");
    let preview = ex.preview(shutdown).expect("a preview");
    let running = preview.does.first().expect("what it does to the estate");
    assert!(running.contains("200 running hosts"), "{running}");
    assert!(preview.does.iter().any(|l| l.contains("Emergency")), "it names the care services that need the servers: {:?}", preview.does);
    assert!(preview.cannot_undo.as_deref().is_some_and(|w| w.contains("memory")), "and what cannot be undone: {preview:?}");

    ex.decide("shutdown-servers").expect("taken");
    ex.run_to(ex.minute() + 24 * 60);
    let later = ex.preview(shutdown).expect("a preview");
    assert!(later.does[0].contains("Switches off 0 running hosts"), "once off, nothing is left to switch off: {}", later.does[0]);

    let power_on = index(&ex, "power-on-servers");
    assert!(!ex.scenario().actions[power_on].irreversible, "starting servers again can be undone by stopping them");
    assert_eq!(ex.preview(power_on).expect("a preview").cannot_undo, None);
    assert!(ex.preview(index(&ex, "cut-internet")).expect("a preview").does.is_empty(), "a cut touches no host");
}

#[test]
fn an_exercise_ended_early_leaves_the_deadlines_not_yet_passed_out_of_the_score() {
    let mut ex = exercise(1);
    while ex.confirmed().is_none() {
        assert!(!ex.out_of_time(), "the attack is confirmed");
        ex.jump_to_next_event();
    }
    ex.run_to(ex.minute() + 5);
    let due: Vec<String> = ex.checklist().into_iter().filter(|m| matches!(m.status, LiveStatus::Due { .. })).map(|m| m.id).collect();
    assert!(!due.is_empty(), "some deadlines are still ahead after the confirmation");
    ex.end();
    for m in ex.checklist() {
        if due.contains(&m.id) {
            assert_eq!(m.status, LiveStatus::NotDue, "{} was not yet due when the exercise ended", m.id);
        }
    }
    let (run, comparison) = ex.result();
    for m in &run.milestones {
        if due.contains(&m.id) {
            assert_eq!(m.status, MilestoneStatus::NotDue, "{} is not scored as missed", m.id);
        }
    }
    for m in comparison.best.milestones.iter().chain(&comparison.no_response.milestones) {
        if due.contains(&m.id) && m.status != MilestoneStatus::OnTime && m.status != MilestoneStatus::Anticipated {
            assert_ne!(m.status, MilestoneStatus::Missed, "{}: the runs it is set beside are cut off at the same minute", m.id);
        }
    }

    // Control: the same exercise played to the scenario's end judges every milestone.
    let mut whole = exercise(1);
    whole.run_to(whole.end_minute());
    whole.end();
    let not_due = |ex: &Exercise| ex.checklist().iter().filter(|m| m.status == LiveStatus::NotDue).count();
    assert!(
        not_due(&whole) < not_due(&ex),
        "at the scenario's end more deadlines have passed: {} not due, against {}",
        not_due(&whole),
        not_due(&ex)
    );
}

#[test]
fn an_inject_waits_on_the_banner_until_acknowledged_and_the_clock_goes_on_after_it() {
    let scenario = vivalia();
    let plan = load::scenario_plan(&scenario, None).expect("the built-in plan loads");
    let mut setup = ExerciseSetup::new(scenario, plan, 1);
    setup.pause_on_inject = true;
    let mut ex = Exercise::new(setup);
    assert!(ex.inject_to_acknowledge().is_none(), "control: nothing on the banner at the start");
    ex.set_paused(false);
    ex.set_speed(crisis_cell::exercise::Speed::X600);
    while !ex.clock.paused {
        ex.frame(1.0);
        assert!(!ex.out_of_time(), "an inject arrives");
    }
    let first = ex.inject_to_acknowledge().expect("the inject that stopped the clock is on the banner");
    assert!(!first.audience.is_empty() && !first.sender.is_empty(), "it says who it is from and for: {first:?}");
    let minute = ex.minute();
    ex.frame(5.0);
    assert_eq!(ex.minute(), minute, "the clock waits while it is on the banner");
    ex.acknowledge_inject();
    assert_ne!(ex.inject_to_acknowledge().map(|i| i.rank), Some(first.rank), "acknowledged, it leaves the banner");
    if ex.inject_to_acknowledge().is_none() {
        assert!(!ex.clock.paused, "the clock goes on once the room has read it");
    }
    assert_eq!(ex.delivered_injects()[first.rank].acknowledged_at, Some(minute));
}

#[test]
fn marks_on_expected_responses_are_journaled_and_replayed() {
    use crisis_cell::exercise::journal::{self, JournalWriter};
    use crisis_cell::exercise::moments::ResponseMark;
    let path = crate::common::temp_dir("room", "marks").join("journal.jsonl");
    let mut ex = exercise(4);
    ex.start_journal(JournalWriter::open(&path, None).expect("writable"), "vivalia-2022").expect("header");
    to_first_alert(&mut ex);
    ex.run_to(ex.minute() + 30);
    let delivered = ex.delivered_injects();
    assert!(delivered.len() >= 2, "injects have reached the cell: {}", delivered.len());
    assert!(delivered.iter().any(|i| !i.expected.is_empty()), "with the responses the scenario expects");
    ex.acknowledge_inject();
    ex.mark_response(0, ResponseMark::Partly);
    ex.mark_response(1, ResponseMark::NotDone);
    ex.mark_response(0, ResponseMark::Done);
    ex.mark_response(999, ResponseMark::Done);
    let marks: Vec<_> = ex.delivered_injects().iter().map(|i| i.mark.map(|(m, _)| m)).collect();
    assert_eq!(marks[0], Some(ResponseMark::Done), "the last mark given counts");
    assert_eq!(marks[1], Some(ResponseMark::NotDone));
    ex.end();

    let read = journal::read(&path).expect("reads back");
    let replayed = read.replay(read.setup(&path).expect("setup"));
    let again: Vec<_> = replayed.delivered_injects().iter().map(|i| (i.mark.map(|(m, _)| m), i.acknowledged_at)).collect();
    let first: Vec<_> = ex.delivered_injects().iter().map(|i| (i.mark.map(|(m, _)| m), i.acknowledged_at)).collect();
    assert_eq!(again, first, "a replay has the same acknowledgements and marks");
}

#[test]
fn the_room_pace_sets_the_speed_until_someone_chooses_one() {
    use crisis_cell::exercise::{Pace, Speed};
    let mut ex = exercise(1);
    ex.setup.pace = Some(Pace::room());
    ex.set_paused(false);
    ex.frame(0.1);
    assert_eq!(ex.clock.speed, Speed::X10, "slow through the night");
    ex.run_to(800);
    ex.frame(0.1);
    assert_eq!(ex.clock.speed, Speed::X600, "fast for the long hours");
    ex.set_speed_by_hand(Speed::X60);
    ex.frame(0.1);
    assert_eq!(ex.clock.speed, Speed::X60, "a speed chosen by hand holds");
    assert!(ex.setup.pace.is_none());
    ex.follow_pace();
    assert_eq!(ex.clock.speed, Speed::X600, "and the pace can be taken up again");
}

#[test]
fn the_facilitator_can_go_to_a_local_time_or_a_span_ahead() {
    let mut ex = exercise(1);
    // Vivalia starts at 01:30 local time.
    assert_eq!(ex.jump_to("06:00"), Ok(270), "the next 06:00 is 4 h 30 after the start");
    assert_eq!(ex.jump_to("+2h"), Ok(390));
    assert_eq!(ex.jump_to("06:00"), Ok(270 + 1440), "06:00 has passed: the next one, the day after");
    assert_eq!(ex.jump_to("07h00"), Ok(330 + 1440), "written as French rooms write it");
    assert_eq!(ex.jump_to("+1j"), Ok(330 + 2880), "a day ahead, in French");
    assert!(ex.jump_to("-1h").is_err(), "back in time is not a time to go to");
    assert!(ex.jump_to("6 o'clock").is_err_and(|why| why.contains("06:00")), "an unreadable time says how to write one");
    assert!(ex.jump_to("+5d").is_err(), "past the scenario's end is refused");
    assert_eq!(ex.minute(), 330 + 2880, "and a refused jump leaves the clock where it was");
}

#[test]
fn a_scenario_without_senders_keeps_the_digest_its_journals_were_written_with() {
    let mut scenario = (*vivalia()).clone();
    for inject in &mut scenario.injects {
        inject.sender.clear();
    }
    let json = serde_json::to_string(&scenario.injects).expect("serialises");
    assert!(!json.contains("sender"), "an empty sender is not part of the content a journal's digest covers");
    assert!(serde_json::to_string(&vivalia().injects).expect("serialises").contains("sender"), "control: a sender given is");
}

/// A journal's text: the header of an exercise on Vivalia, then these entry lines.
fn journal_text(header_extra: &str, entries: &[&str]) -> String {
    let ex = exercise(1);
    let header = crisis_cell::exercise::journal::Header::new(&ex.setup, "vivalia-2022");
    let mut text = serde_json::to_string(&header).expect("serialises");
    text.insert_str(text.len() - 1, header_extra);
    text.push('\n');
    for entry in entries {
        text += entry;
        text.push('\n');
    }
    text
}

#[test]
fn a_journal_is_read_as_strictly_as_the_window_writes_it() {
    use crisis_cell::exercise::journal::parse;
    let good =
        journal_text("", &[r#"{"minute":200,"kind":"time"}"#, r#"{"minute":200,"kind":"acknowledge"}"#, r#"{"minute":200,"kind":"end"}"#]);
    assert!(parse("j", &good).is_ok(), "control: a well-formed journal reads");
    let extra = journal_text("", &[r#"{"minute":200,"kind":"acknowledge","mark":"done"}"#]);
    assert!(parse("j", &extra).is_err_and(|why| why.contains("unknown field")), "an entry with a field it does not have is refused");
    let dated = journal_text(r#","played_on":"2026-11-20""#, &[]);
    assert!(parse("j", &dated).is_ok(), "control: a day written YYYY-MM-DD");
    let undated = journal_text(r#","played_on":"not a date""#, &[]);
    assert!(parse("j", &undated).is_err_and(|why| why.contains("played_on")), "a day that is not a date is refused");

    // After the end, the clock holds: what follows was written in the debrief.
    let after_end = journal_text("", &[r#"{"minute":200,"kind":"end"}"#, r#"{"minute":900,"kind":"acknowledge"}"#]);
    let read = parse("j", &after_end).expect("reads");
    let replayed = read.replay(exercise(1).setup.clone());
    assert_eq!(replayed.minute(), 200, "an entry after the end does not move the clock");
}

#[test]
fn a_report_is_never_written_over_the_journal_it_replays() {
    use crisis_cell::exercise::journal::JournalWriter;
    let dir = crate::common::temp_dir("room", "overwrite");
    let journal = dir.join("report.md");
    let mut ex = exercise(5);
    ex.start_journal(JournalWriter::open(&journal, None).expect("writable"), "vivalia-2022").expect("header");
    ex.run_to(30);
    ex.end();
    let before = std::fs::read(&journal).expect("written");
    let refused = crate::common::cli(&["replay", journal.to_str().expect("UTF-8"), "--report", dir.to_str().expect("UTF-8")]);
    assert!(!refused.status.success(), "refused");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("over the journal"), "{}", String::from_utf8_lossy(&refused.stderr));
    assert_eq!(std::fs::read(&journal).expect("still there"), before, "the journal is untouched");
    let elsewhere = dir.join("report");
    let written = crate::common::cli(&["replay", journal.to_str().expect("UTF-8"), "--report", elsewhere.to_str().expect("UTF-8")]);
    assert!(written.status.success(), "control: another folder is fine: {}", String::from_utf8_lossy(&written.stderr));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(elsewhere.join("report.html")).expect("written").permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "a report others can read: {mode:o}");
    }
}
