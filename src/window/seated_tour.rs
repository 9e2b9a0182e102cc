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
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::seats::SeatsHost;
use super::{RoomSettings, Screen, Session};
use crate::exercise::{Exercise, Speed};
use crate::sim::EntryKind;
use crate::sim::injects::FireInject;

/// How long the tour waits for a seat to take a decision before it gives up and says so.
const WAIT_FOR_SEATS: Duration = Duration::from_secs(300);
/// Frames a screenshot may take to reach the disk.
const SCREENSHOT_FRAMES: u32 = 600;
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
    dir: PathBuf,
    step: Step,
    frames: u32,
    waiting_for: Option<PathBuf>,
    /// When the call was made, and the minute: a decision after it answers it.
    called: Option<(Instant, u32)>,
    record: serde_json::Map<String, serde_json::Value>,
    /// How the texts of the frame being shot fitted their boxes.
    fit: super::text_fit::TextFit,
}

pub fn add(app: &mut App, dir: PathBuf) -> Result<(), String> {
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    app.insert_resource(SeatedTour {
        dir,
        step: Step::Settle,
        frames: 0,
        waiting_for: None,
        called: None,
        record: serde_json::Map::new(),
        fit: Default::default(),
    })
    .add_systems(Last, drive);
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
    tour.frames += 1;
    tour.fit = fit.clone();
    if let Some(path) = tour.waiting_for.clone() {
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
            tour.waiting_for = None;
            tour.frames = 0;
        } else if tour.frames > SCREENSHOT_FRAMES {
            error!("the screenshot {} was never written", path.display());
            exit.write(AppExit::error());
        }
        return;
    }
    match tour.step {
        Step::Settle if tour.frames > 20 => {
            session.form.run.playbook = None;
            session.form.pause_on_inject = false;
            session.form.room_pace = false;
            super::begin(&mut session, &mut next);
            tour.step = Step::ShootCodes;
            tour.frames = 0;
        }
        // The seat server starts in the frame after the exercise begins; its codes cover the picture.
        Step::ShootCodes if tour.frames > 5 && host.is_serving() => {
            tour.record.insert("codes_on_projector".into(), serde_json::json!(host.on_projector));
            shoot(&mut commands, &mut tour, Screenshot::primary_window(), "seat-codes.png");
            host.on_projector = false;
            tour.step = Step::Call;
        }
        Step::Call => call_one_role(&mut tour, &mut session, &mut exit),
        Step::WaitForSeat => wait_for_seat(&mut tour, &session, &store),
        Step::ShootFeed if tour.frames > 3 => {
            room.truth_on_projector = false;
            shoot(&mut commands, &mut tour, Screenshot::primary_window(), "seated.png");
            tour.step = Step::ShootConsole;
        }
        // The facilitator's console: the seats' links with their buttons, and the call's answer.
        Step::ShootConsole if tour.frames > 10 => {
            match console.window {
                Some(window) => shoot(&mut commands, &mut tour, Screenshot::window(window), "seat-console.png"),
                None => {
                    tour.record.insert("console_missing".into(), serde_json::json!(true));
                }
            }
            tour.step = Step::Done;
        }
        Step::Done => {
            let json = serde_json::Value::Object(tour.record.clone());
            let written = std::fs::write(tour.dir.join("tour.json"), serde_json::to_string_pretty(&json).unwrap_or_default());
            exit.write(if written.is_ok() { AppExit::Success } else { AppExit::error() });
        }
        _ => {}
    }
}

/// Shoots a window, and records how the texts of the frame fitted under the screenshot's name.
fn shoot(commands: &mut Commands, tour: &mut SeatedTour, screenshot: Screenshot, name: &str) {
    let fit = tour.fit.to_json();
    let fits = tour.record.entry("text_fit").or_insert_with(|| serde_json::json!({}));
    fits[name.trim_end_matches(".png")] = fit;
    let path = tour.dir.join(name);
    let _ = std::fs::remove_file(&path);
    commands.spawn(screenshot).observe(save_to_disk(path.clone()));
    tour.waiting_for = Some(path);
    tour.frames = 0;
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
    exercise.fire_inject(FireInject::Written { channel: "phone".into(), text: CALL.into(), to: called.0.clone() });
    exercise.set_speed_by_hand(Speed::X60);
    exercise.set_paused(false);
    let minute = exercise.minute();
    let inject = serde_json::json!({ "called": called.1, "not_called": other.1, "text": CALL, "minute": minute });
    let written = std::fs::write(tour.dir.join("inject.json"), inject.to_string());
    if written.is_err() {
        exit.write(AppExit::error());
    }
    tour.record.insert("inject".into(), inject);
    tour.called = Some((Instant::now(), minute));
    tour.step = Step::WaitForSeat;
}

/// The first role at the table that has a decision of its own, and another role: (id, name) each.
fn two_roles(exercise: &Exercise) -> Option<((String, String), (String, String))> {
    let rows = exercise.decision_rows();
    let seated: Vec<(String, String)> = exercise
        .scenario()
        .roles
        .iter()
        .filter(|r| exercise.setup.roles_at_table.contains(&r.id))
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
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
    tour.record.insert(
        "seated".into(),
        serde_json::json!({
            "decided": decided,
            "answers": answers,
            "waited_seconds": since.elapsed().as_secs_f64(),
            "feed": feed,
            "decisions": decisions,
            "seat_decisions": exercise.seats.decisions_taken(),
            "sim_ms_per_frame": sim_ms,
            "seats_ms_per_frame": seats_ms,
        }),
    );
    tour.step = Step::ShootFeed;
    tour.frames = 0;
}
