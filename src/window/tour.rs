//! A scripted exercise for the window test: the start screen; an exercise mid-attack with an inject on
//! the room's banner, then acknowledged; the confirmation of "shut every server down"; the room's
//! picture hours later and the facilitator's console beside it; the truth shown on the projector; the
//! question "End the exercise?"; and the debrief. Each is saved as a screenshot, with what each screen
//! showed written to `tour.json` beside them. Started with `play --tour DIR`.

use std::path::{Path, PathBuf};

use bevy::diagnostic::DiagnosticsStore;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use super::{RoomSettings, Screen, Session};
use crate::exercise::Speed;
use crate::i18n::Language;

/// The text size a room sets for the back rows, at which the tour shoots some screens again.
const LARGE_TEXT: f32 = 1.5;
/// Frames a screenshot may take to reach the disk before the tour gives up.
const SCREENSHOT_FRAMES: u32 = 600;
/// Frames the exercise runs at 60x before its screenshot, to measure the simulation's cost per frame.
const MEASURED_FRAMES: u32 = 120;
/// Minutes after the first alert the tour runs to before it lets the clock run: the attack under way,
/// some hosts encrypted and others still silently held.
const AFTER_FIRST_ALERT: u32 = 20;
/// Minutes the tour runs after "shut every server down", for the work to be done everywhere.
const AFTER_SHUTDOWN: u32 = 8 * 60;
/// The decision whose confirmation the tour shows and takes.
const SHUTDOWN: &str = "shutdown-servers";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Settle,
    /// The window opened on an exercise reopened from its journal: it is shot as it stands.
    ShootResumed,
    ShootStart,
    ShootStartLarge,
    Run,
    ShootBanner,
    ShootPlayer,
    ShootLargeText,
    ShootConfirm,
    ShootConsole,
    ShootFacilitator,
    ShootEnd,
    Debrief,
    ShootDebrief,
    ShootDebriefLarge,
    Done,
}

#[derive(Resource)]
struct Tour {
    log: TourLog,
    step: Step,
}

/// What a scripted tour keeps across frames: the folder it saves in, the frames since its last step, the
/// screenshot it waits for, what it records for `tour.json`, and how the texts of the frame fitted.
pub(super) struct TourLog {
    pub dir: PathBuf,
    pub frames: u32,
    waiting_for: Option<PathBuf>,
    pub record: serde_json::Map<String, serde_json::Value>,
    pub fit: super::text_fit::TextFit,
}

impl TourLog {
    pub fn new(dir: PathBuf) -> Result<Self, String> {
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Self { dir, frames: 0, waiting_for: None, record: serde_json::Map::new(), fit: Default::default() })
    }

    /// Counts a frame and takes its texts' fit; whether a screenshot is still on its way (the tour
    /// then waits), giving up if it never comes.
    pub fn waiting(&mut self, fit: &super::text_fit::TextFit, exit: &mut MessageWriter<AppExit>) -> bool {
        self.frames += 1;
        self.fit = fit.clone();
        let Some(path) = self.waiting_for.clone() else { return false };
        if saved(&path) {
            self.waiting_for = None;
            self.frames = 0;
        } else if self.frames > SCREENSHOT_FRAMES {
            error!("the screenshot {} was never written", path.display());
            exit.write(AppExit::error());
        }
        true
    }

    /// Shoots a window as `name`, and records how the texts of the frame fitted under that name.
    pub fn shoot(&mut self, commands: &mut Commands, screenshot: Screenshot, name: &str) {
        let fit = self.fit.to_json();
        let fits = self.record.entry("text_fit").or_insert_with(|| serde_json::json!({}));
        fits[name.trim_end_matches(".png")] = fit;
        let path = self.dir.join(name);
        let _ = std::fs::remove_file(&path);
        commands.spawn(screenshot).observe(save_to_disk(path.clone()));
        self.waiting_for = Some(path);
        self.frames = 0;
    }

    /// Writes what the tour recorded to `tour.json`, and closes the window.
    pub fn finish(&self, exit: &mut MessageWriter<AppExit>) {
        let json = serde_json::Value::Object(self.record.clone());
        let written = std::fs::write(self.dir.join("tour.json"), serde_json::to_string_pretty(&json).unwrap_or_default());
        exit.write(if written.is_ok() { AppExit::Success } else { AppExit::error() });
    }
}

pub fn add(app: &mut App, dir: PathBuf) -> Result<(), String> {
    app.insert_resource(Tour { log: TourLog::new(dir)?, step: Step::Settle }).add_systems(Last, drive);
    super::text_fit::add(app);
    Ok(())
}

fn saved(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

#[allow(clippy::too_many_arguments)]
fn drive(
    mut commands: Commands,
    mut tour: ResMut<Tour>,
    mut session: ResMut<Session>,
    mut room: ResMut<RoomSettings>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    store: Res<DiagnosticsStore>,
    console: Res<super::console::Console>,
    fit: Res<super::text_fit::TextFit>,
    mut exit: MessageWriter<AppExit>,
) {
    if tour.log.waiting(&fit, &mut exit) {
        return;
    }
    let screen = *screen.get();
    match tour.step {
        Step::Settle if tour.log.frames > 20 => {
            tour.step = if screen == Screen::Start { Step::ShootStart } else { Step::ShootResumed };
        }
        Step::ShootResumed => shoot_resumed(&mut commands, &mut tour, &session, screen),
        Step::ShootStart => {
            shoot(&mut commands, &mut tour, "start.png");
            tour.log.record.insert("start".into(), serde_json::json!({ "screen": format!("{:?}", screen) }));
            room.font_scale = LARGE_TEXT;
            tour.step = Step::ShootStartLarge;
        }
        Step::ShootStartLarge if tour.log.frames > 5 => start_exercise(&mut commands, &mut tour, &mut session, &mut room, &mut next),
        Step::Run if tour.log.frames == 2 => play_into_attack(&mut session),
        Step::Run if tour.log.frames > MEASURED_FRAMES => {
            if let Some(exercise) = session.exercise.as_mut() {
                exercise.set_paused(true);
            }
            tour.step = Step::ShootBanner;
            tour.log.frames = 0;
        }
        Step::ShootBanner if tour.log.frames > 3 => shoot_banner(&mut commands, &mut tour, &mut session, &mut room),
        Step::ShootPlayer if tour.log.frames > 3 => shoot_player(&mut commands, &mut tour, &session, screen, &store),
        Step::ShootLargeText if tour.log.frames > 5 => shoot_large_text(&mut commands, &mut tour, &session, &mut room),
        Step::ShootConfirm if tour.log.frames > 5 => shoot_confirm(&mut commands, &mut tour, &mut session, &mut room),
        Step::ShootConsole if tour.log.frames > 10 => {
            shoot_console(&mut commands, &mut tour, &console);
            room.truth_on_projector = true;
        }
        Step::ShootFacilitator if tour.log.frames > 3 => {
            shoot(&mut commands, &mut tour, "exercise-facilitator.png");
            ask_to_end(&mut tour, &mut session, &mut room);
        }
        Step::ShootEnd if tour.log.frames > 3 => {
            shoot(&mut commands, &mut tour, "end-asks.png");
            tour.step = Step::Debrief;
        }
        Step::Debrief => open_debrief(&mut tour, &mut session, &mut next),
        Step::ShootDebrief if tour.log.frames > 10 => {
            if let Some(entry) = tour.log.record.get_mut("debrief") {
                entry["screen"] = serde_json::json!(format!("{:?}", screen));
            }
            shoot(&mut commands, &mut tour, "debrief.png");
            room.font_scale = LARGE_TEXT;
            tour.step = Step::ShootDebriefLarge;
        }
        Step::ShootDebriefLarge if tour.log.frames > 5 => {
            shoot(&mut commands, &mut tour, "debrief-large-text.png");
            tour.step = Step::Done;
        }
        Step::Done => tour.log.finish(&mut exit),
        _ => {}
    }
}

/// Asks for a screenshot of the room's window, saved as `name` in the tour's folder.
fn shoot(commands: &mut Commands, tour: &mut Tour, name: &str) {
    tour.log.shoot(commands, Screenshot::primary_window(), name);
}

/// The exercise reopened from its journal, as it stands; the tour ends after it.
fn shoot_resumed(commands: &mut Commands, tour: &mut Tour, session: &Session, screen: Screen) {
    if let Some(exercise) = session.exercise.as_ref() {
        tour.log.record.insert(
            "resumed".into(),
            serde_json::json!({
                "screen": format!("{:?}", screen),
                "minute": exercise.minute(),
                "notes": exercise.notes.iter().map(|n| n.text.clone()).collect::<Vec<_>>(),
                "decisions": exercise.work_rows().iter().map(|w| w.decision.clone()).collect::<Vec<_>>(),
            }),
        );
    }
    shoot(commands, tour, "resumed.png");
    tour.step = Step::Done;
}

/// The start screen at the large text size; then the exercise starts at text size 1, decided by the
/// tour's hand, at 60x, without stops, in the player view.
fn start_exercise(commands: &mut Commands, tour: &mut Tour, session: &mut Session, room: &mut RoomSettings, next: &mut NextState<Screen>) {
    shoot(commands, tour, "start-large-text.png");
    room.font_scale = 1.0;
    // The cell decides by the tour's hand: no playbook is laid on.
    session.form.run.playbook = None;
    session.form.pause_on_inject = false;
    session.form.speed = Speed::X60;
    session.form.room_pace = false;
    tour.log
        .record
        .insert("opening".into(), serde_json::json!({ "truth_on_projector": room.truth_on_projector, "console_wanted": room.console }));
    super::begin(session, next);
    tour.step = Step::Run;
}

/// Jumps to the attack under way, adds a note and writes an inject (which the banner shows), and lets
/// the clock run.
fn play_into_attack(session: &mut Session) {
    if let Some(exercise) = session.exercise.as_mut() {
        while exercise.first_alert().is_none() && !exercise.out_of_time() {
            exercise.jump_to_next_event();
        }
        exercise.run_to(exercise.minute() + AFTER_FIRST_ALERT);
        exercise.add_note("The cell asked who is on call for the network.");
        let call = crate::sim::injects::FireInject::Written {
            channel: "phone".into(),
            text: "A ward nurse says her screen shows a ransom note.".into(),
            to: String::new(),
        };
        if let Err(why) = exercise.fire_inject(call) {
            error!("the tour's inject was not fired: {why}");
        }
        exercise.set_paused(false);
    }
}

/// The inject on the room's banner; then the room acknowledges every inject delivered.
fn shoot_banner(commands: &mut Commands, tour: &mut Tour, session: &mut Session, room: &mut RoomSettings) {
    let banner = session.exercise.as_ref().and_then(|e| e.inject_to_acknowledge());
    tour.log.record.insert(
        "banner".into(),
        serde_json::json!({
            "shown": banner.is_some(),
            "text": banner.as_ref().map(|b| b.text.clone()),
            "channel": banner.as_ref().map(|b| b.channel.clone()),
            "audience": banner.as_ref().map(|b| b.audience.clone()),
        }),
    );
    shoot(commands, tour, "inject-banner.png");
    // This frame's picture is already drawn, banner and all: acknowledging now clears the next one.
    let mut acknowledged = 0;
    while session.exercise.as_ref().is_some_and(|e| e.inject_to_acknowledge().is_some()) && acknowledged < 100 {
        super::exercise_screen::apply(super::exercise_screen::Command::Acknowledge, session, room);
        acknowledged += 1;
    }
    tour.log.record.insert("acknowledged".into(), serde_json::json!(acknowledged));
    tour.step = Step::ShootPlayer;
}

/// The exercise in the player view once the injects are acknowledged, with what each view shows and
/// what the frames cost; the confirmation of the servers' shutdown is shot next.
fn shoot_player(commands: &mut Commands, tour: &mut Tour, session: &Session, screen: Screen, store: &DiagnosticsStore) {
    let acknowledged = tour.log.record.get("acknowledged").cloned().unwrap_or_default();
    let (sim_ms, fps) = super::performance(store);
    let sim_ms_max = store.get(&super::SIM_FRAME_MS).and_then(|d| d.measurements().map(|m| m.value).reduce(f64::max));
    if let Some(exercise) = session.exercise.as_ref() {
        let player = exercise.cells(false).counts();
        let truth = exercise.cells(true).counts();
        tour.log.record.insert(
            "exercise".into(),
            serde_json::json!({
                "screen": format!("{:?}", screen),
                "minute": exercise.minute(),
                "player_view": state_counts(&player),
                "facilitator_view": state_counts(&truth),
                "language": exercise.setup.language.code(),
                "wall_clock": exercise.wall_clock(exercise.minute()),
                "hosts_per_cell": super::map::hosts_per_cell(player.iter().sum::<u32>() as usize),
                "injects_acknowledged": acknowledged,
                "labels_overflowing": session.map_overflows,
                "banner_after_acknowledging": exercise.inject_to_acknowledge().is_some(),
                "sim_ms_per_frame_at_60x": sim_ms,
                "sim_ms_worst_frame_at_60x": sim_ms_max,
                "frames_per_second": fps,
            }),
        );
    }
    shoot(commands, tour, "exercise.png");
    tour.step = Step::ShootLargeText;
}

/// The same picture at text size 1.5: the map's labels still fit.
fn shoot_large_text(commands: &mut Commands, tour: &mut Tour, session: &Session, room: &mut RoomSettings) {
    if room.font_scale < LARGE_TEXT {
        room.font_scale = LARGE_TEXT;
        tour.log.frames = 0;
        return;
    }
    tour.log
        .record
        .insert("large_text".into(), serde_json::json!({ "font_scale": room.font_scale, "labels_overflowing": session.map_overflows }));
    shoot(commands, tour, "exercise-large-text.png");
    room.font_scale = 1.0;
    tour.step = Step::ShootConfirm;
}

/// "Shut every server down" asks for its confirmation, which says what it will do; it is taken, and
/// the clock runs on until the work is done.
fn shoot_confirm(commands: &mut Commands, tour: &mut Tour, session: &mut Session, room: &mut RoomSettings) {
    use super::exercise_screen::{Command, apply};
    let Some(index) = session.exercise.as_ref().and_then(|e| e.scenario().actions.iter().position(|a| a.id == SHUTDOWN)) else {
        tour.step = Step::ShootFacilitator;
        return;
    };
    if session.confirming != Some(index) {
        apply(Command::Decide(index), session, room);
        let preview = session.exercise.as_ref().and_then(|e| e.preview(index));
        tour.log.record.insert(
            "confirm".into(),
            serde_json::json!({
                "asked": session.confirming == Some(index),
                "does": preview.as_ref().map(|p| p.does.clone()),
                "cannot_undo": preview.and_then(|p| p.cannot_undo),
            }),
        );
        tour.log.frames = 0;
        return;
    }
    shoot(commands, tour, "confirm.png");
    apply(Command::Confirm(index), session, room);
    if let Some(exercise) = session.exercise.as_mut() {
        exercise.run_to(exercise.minute() + AFTER_SHUTDOWN);
        let view = exercise.cells(false);
        let servers = exercise.sim().world().resource::<crate::sim::Estate>().servers;
        tour.log.record.insert(
            "after_shutdown".into(),
            serde_json::json!({ "powered_off": view.powered_off_count(), "servers": servers, "encrypted": view.counts()[crate::exercise::CellState::Encrypted as usize] }),
        );
    }
    tour.step = Step::ShootConsole;
}

/// The facilitator's console in its own window; then the room's picture with the truth shown.
fn shoot_console(commands: &mut Commands, tour: &mut Tour, console: &super::console::Console) {
    let open = console.window.is_some();
    tour.log.record.insert("console".into(), serde_json::json!({ "open": open }));
    match console.window {
        Some(window) => tour.log.shoot(commands, Screenshot::window(window), "console.png"),
        None => tour.log.frames = 0,
    }
    tour.step = Step::ShootFacilitator;
}

/// Truth shown on the projector has been shot; "End the exercise" is clicked, which only asks.
fn ask_to_end(tour: &mut Tour, session: &mut Session, room: &mut RoomSettings) {
    room.truth_on_projector = false;
    super::exercise_screen::apply(super::exercise_screen::Command::End, session, room);
    let ended = session.exercise.as_ref().is_some_and(|e| e.ended);
    tour.log.record.insert("end".into(), serde_json::json!({ "asked": session.confirming_end, "ended_on_first_click": ended }));
    tour.step = Step::ShootEnd;
}

/// Ends the exercise as its confirmation does, answers the first hot-wash question and writes the report.
fn open_debrief(tour: &mut Tour, session: &mut Session, next: &mut NextState<Screen>) {
    session.confirming_end = false;
    super::finish(session, next);
    if let (Some(exercise), Some(debrief)) = (session.exercise.as_mut(), session.debrief.as_mut()) {
        if let Some(answer) = exercise.answers.first_mut() {
            *answer = "We would cut the internet link at the first alert.".to_string();
        }
        debrief.report_dir = tour.log.dir.join("report").display().to_string();
        debrief.write(exercise);
        let score = debrief.result.score.as_ref().map(|s| s.total);
        tour.log
            .record
            .insert("debrief".into(), serde_json::json!({ "score": score, "report": debrief.written.as_ref().map(|w| w.is_ok()) }));
    }
    tour.step = Step::ShootDebrief;
    tour.log.frames = 0;
}

fn state_counts(counts: &[u32]) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = crate::exercise::CellState::ALL
        .iter()
        .map(|s| (s.label(Language::English).to_string(), serde_json::json!(counts[*s as usize])))
        .collect();
    serde_json::Value::Object(map)
}
