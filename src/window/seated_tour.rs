//! A scripted exercise with seats, for the end-to-end test of `play --seats ADDR --tour DIR`: the
//! exercise begins with its seats served (the projector shows their codes); it jumps to the first alert;
//! the facilitator phones one role, which only that role's seat hears (`inject.json` says which, for the
//! browsers); the clock runs until a seat has taken a decision and answered the call; the room's picture
//! is shot, and what its feed shows, the answers and what the seats cost each frame are written to
//! `tour.json`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::diagnostic::DiagnosticsStore;
use bevy::prelude::*;
use bevy::render::view::screenshot::Screenshot;

use super::seats::SeatsHost;
use super::tour::TourLog;
use super::{RoomSettings, Screen, Session};
use crate::exercise::{Exercise, Speed};
use crate::sim::EntryKind;
use crate::sim::injects::FireInject;

/// How long the tour waits for a seat to take a decision before it gives up and says so.
const WAIT_FOR_SEATS: Duration = Duration::from_secs(300);
/// What the facilitator's phone call says: words no scenario's inject uses, for the browsers to look for.
const CALL: &str = "The night porter at the main entrance calls you: a visitor says the car park barrier shows a ransom note.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Settle,
    ShootCodes,
    Call,
    WaitForSeat,
    ShootFeed,
    ShootConsole,
    Done,
}

#[derive(Resource)]
struct SeatedTour {
    log: TourLog,
    step: Step,
    /// When the call was made, and the minute: a decision after it answers it.
    called: Option<(Instant, u32)>,
}

pub fn add(app: &mut App, dir: PathBuf) -> Result<(), String> {
    app.insert_resource(SeatedTour { log: TourLog::new(dir)?, step: Step::Settle, called: None }).add_systems(Last, drive);
    super::text_fit::add(app);
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut tour: ResMut<SeatedTour>,
    mut session: ResMut<Session>,
    mut host: ResMut<SeatsHost>,
    mut room: ResMut<RoomSettings>,
    store: Res<DiagnosticsStore>,
    (console, fit): (Res<super::console::Console>, Res<super::text_fit::TextFit>),
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    if tour.log.waiting(&fit, &mut exit) {
        return;
    }
    match tour.step {
        Step::Settle if tour.log.frames > 20 => {
            session.form.run.playbook = None;
            session.form.pause_on_inject = false;
            session.form.room_pace = false;
            super::begin(&mut session, &mut next);
            tour.step = Step::ShootCodes;
            tour.log.frames = 0;
        }
        // The seat server starts in the frame after the exercise begins; its codes cover the picture.
        Step::ShootCodes if tour.log.frames > 5 && host.is_serving() => {
            tour.log.record.insert("codes_on_projector".into(), serde_json::json!(host.on_projector));
            tour.log.shoot(&mut commands, Screenshot::primary_window(), "seat-codes.png");
            host.on_projector = false;
            tour.step = Step::Call;
        }
        Step::Call => call_one_role(&mut tour, &mut session, &mut exit),
        Step::WaitForSeat => wait_for_seat(&mut tour, &session, &store),
        Step::ShootFeed if tour.log.frames > 3 => {
            room.truth_on_projector = false;
            tour.log.shoot(&mut commands, Screenshot::primary_window(), "seated.png");
            tour.step = Step::ShootConsole;
        }
        // The facilitator's console: the seats' links with their buttons, and the call's answer.
        Step::ShootConsole if tour.log.frames > 10 => {
            match console.window {
                Some(window) => tour.log.shoot(&mut commands, Screenshot::window(window), "seat-console.png"),
                None => {
                    tour.log.record.insert("console_missing".into(), serde_json::json!(true));
                }
            }
            tour.step = Step::Done;
        }
        Step::Done => tour.log.finish(&mut exit),
        _ => {}
    }
}

/// Jumps to the first alert and phones the first role at the table that has a decision to take; says
/// in `inject.json` which role that is, and which one is not called, for the browsers.
fn call_one_role(tour: &mut SeatedTour, session: &mut Session, exit: &mut MessageWriter<AppExit>) {
    let Some(exercise) = session.exercise.as_mut() else { return };
    while exercise.first_alert().is_none() && !exercise.out_of_time() {
        exercise.jump_to_next_event();
    }
    exercise.run_to(exercise.minute() + 5);
    let Some((called, other)) = two_roles(exercise) else {
        error!("the scenario has no two roles at the table to seat");
        exit.write(AppExit::error());
        return;
    };
    if let Err(why) = exercise.fire_inject(FireInject::Written { channel: "phone".into(), text: CALL.into(), to: called.0.clone() }) {
        error!("the tour's call was not fired: {why}");
    }
    exercise.set_speed_by_hand(Speed::X60);
    exercise.set_paused(false);
    let minute = exercise.minute();
    let inject = serde_json::json!({ "called": called.1, "not_called": other.1, "text": CALL, "minute": minute });
    let written = std::fs::write(tour.log.dir.join("inject.json"), inject.to_string());
    if written.is_err() {
        exit.write(AppExit::error());
    }
    tour.log.record.insert("inject".into(), inject);
    tour.called = Some((Instant::now(), minute));
    tour.step = Step::WaitForSeat;
}

/// The first role at the table that has a decision of its own, and another role: (id, name) each.
fn two_roles(exercise: &Exercise) -> Option<((String, String), (String, String))> {
    let rows = exercise.decision_rows();
    let seated = exercise.roles_at_table_named();
    let called = seated.iter().find(|(id, _)| rows.iter().any(|r| r.role.as_deref() == Some(id.as_str())))?.clone();
    let other = seated.iter().find(|(id, _)| *id != called.0)?.clone();
    Some((called, other))
}

/// Runs until a decision is in the room's feed after the call and the call has been answered, or gives
/// up; then records what the projector's feed shows, the answers, and what the seats cost each frame.
fn wait_for_seat(tour: &mut SeatedTour, session: &Session, store: &DiagnosticsStore) {
    let (Some((since, minute)), Some(exercise)) = (tour.called, session.exercise.as_ref()) else { return };
    let decided = exercise.feed(false).any(|l| l.kind == EntryKind::Decision && l.minute >= minute);
    let call = exercise.delivered_injects().into_iter().find(|i| i.text == CALL).map(|i| i.rank);
    let answers = call.map(|rank| exercise.replies_to(rank, 5).0).unwrap_or_default();
    let done = decided && !answers.is_empty();
    if !done && since.elapsed() < WAIT_FOR_SEATS {
        return;
    }
    let feed: Vec<String> = exercise.feed(false).take(40).map(|l| format!("{} {}", exercise.local(l.minute), l.text)).collect();
    let decisions: Vec<String> = exercise.feed(false).filter(|l| l.kind == EntryKind::Decision).map(|l| l.text).collect();
    let mean = |path: &bevy::diagnostic::DiagnosticPath| store.get(path).and_then(|d| d.average());
    let (sim_ms, seats_ms) = (mean(&super::SIM_FRAME_MS), mean(&super::seats::SEATS_FRAME_MS));
    tour.log.record.insert(
        "seated".into(),
        serde_json::json!({
            "decided": decided,
            "answers": answers,
            "waited_seconds": since.elapsed().as_secs_f64(),
            "feed": feed,
            "decisions": decisions,
            "seat_decisions": exercise.seats.decisions_taken(),
            // What the desks did from their browsers: notes with their seat and tags, ratings, marks.
            "notes": exercise.notes,
            "ratings": exercise.observer_ratings(),
            "marks": exercise.responses.marks.iter().map(|(rank, mark, _)| (rank, mark)).collect::<Vec<_>>(),
            "sim_ms_per_frame": sim_ms,
            "seats_ms_per_frame": seats_ms,
        }),
    );
    tour.step = Step::ShootFeed;
    tour.log.frames = 0;
}
