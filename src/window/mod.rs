//! The exercise window (feature `gui`): a start screen, the exercise screen a crisis cell plays on a
//! projector, and the debrief. It draws `exercise::Exercise` and writes the players' decisions to it;
//! the simulation never reads anything from here.
//!
//! Systems: `Update` runs the simulation for the frame (`advance_exercise`, its cost measured as the
//! `sim_ms_per_frame` diagnostic) and the scripted tour when one is asked for; `EguiPrimaryContextPass`
//! draws the screen of the current `Screen` state.

mod care_board;
mod console;
mod debrief;
mod debrief_charts;
mod exercise_screen;
mod map;
#[cfg(feature = "seats")]
mod seat_codes;
#[cfg(feature = "seats")]
mod seated_tour;
#[cfg(feature = "seats")]
mod seats;
mod start;
mod strip;
mod text_fit;
mod theme;
mod tour;

use std::path::PathBuf;

use bevy::diagnostic::{Diagnostic, DiagnosticPath, Diagnostics, DiagnosticsStore, FrameTimeDiagnosticsPlugin, RegisterDiagnostic};
use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass};

use crate::exercise::journal::JournalWriter;
use crate::exercise::{Exercise, ExerciseSetup, Speed};
use crate::setup::RunSetup;

/// Wall time the simulation takes per frame, in milliseconds.
pub const SIM_FRAME_MS: DiagnosticPath = DiagnosticPath::const_new("crisis_cell/sim_ms_per_frame");

/// What `play` opens the window with.
pub struct PlayOptions {
    /// The scenario, plan, laid-on playbook, seed and the language the window opens in (the start
    /// screen can change them).
    pub setup: RunSetup,
    pub journal: Option<JournalStart>,
    /// Drive the window through a scripted exercise and save screenshots here, then close.
    pub tour: Option<PathBuf>,
    /// Serve the roles' seats on this address, for each exercise begun.
    pub seats: Option<std::net::SocketAddr>,
}

/// The journal `play --journal` opened: a new one for the exercise about to start, or an exercise
/// reopened from one where it stopped.
pub enum JournalStart {
    New(JournalWriter),
    Resume { exercise: Box<Exercise>, message: Option<String> },
}

/// The screen shown.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Start,
    Exercise,
    Debrief,
}

/// Settings of the room, kept across exercises.
#[derive(Resource, Debug, Clone)]
pub struct RoomSettings {
    pub font_scale: f32,
    /// Show the hidden truth on the room's picture (silent footholds, the attack's course in the feed):
    /// off by default, for a reveal or the debrief.
    pub truth_on_projector: bool,
    /// The facilitator's console is wanted in its own window.
    pub console: bool,
    applied_scale: Option<f32>,
}

/// The exercise under way (or just ended), with what the screens hold between frames.
#[derive(Resource)]
pub struct Session {
    pub form: start::StartForm,
    pub exercise: Option<Exercise>,
    pub selected_host: Option<u32>,
    /// An irreversible decision waiting for confirmation, by action index.
    pub confirming: Option<usize>,
    /// "End the exercise" was clicked and waits for its confirmation.
    pub confirming_end: bool,
    pub note_draft: String,
    /// How many of the map's labels did not fit their boxes in the last frame (the window test reads it).
    pub map_overflows: usize,
    /// What the "Go to" box holds: a local time or a span ahead.
    pub jump_draft: String,
    /// The objective (plan milestone id) and kind the next note is tagged with.
    pub note_objective: Option<String>,
    pub note_kind: crate::report::NoteKind,
    pub inject_channel: String,
    /// The role the facilitator's inject is for (its id); empty for the whole cell.
    pub inject_to: String,
    pub inject_draft: String,
    pub debrief: Option<debrief::Debrief>,
    /// The journal the next exercise will write.
    pub journal: Option<JournalWriter>,
    /// The journal an earlier exercise of this window wrote.
    pub journal_used: Option<String>,
    /// A short line shown at the bottom: what the last action did, or why it could not.
    pub status: String,
    /// How many exercises this window has begun: the seats' links change with each.
    pub exercises_begun: u64,
}

/// Opens the window and runs until it is closed.
pub fn open(options: PlayOptions) -> Result<(), String> {
    // This build speaks X11 only (XWayland on a Wayland desktop); without a display the window cannot open.
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty()) {
        return Err("no display to open the window on (DISPLAY is not set): run it from a desktop session, or use \
                    `run`, `batch` and `sweep`, which need none"
            .to_string());
    }
    let tour = options.tour.clone();
    let seats = options.seats;
    let (session, screen) = opening_session(options);
    let title = format!("crisis-cell — {}", session.form.run.scenario.meta.name);
    let mut app = App::new();
    app.add_plugins(window_plugins(title))
        .add_plugins((EguiPlugin::default(), FrameTimeDiagnosticsPlugin::default()))
        .register_diagnostic(Diagnostic::new(SIM_FRAME_MS).with_suffix(" ms").with_max_history_length(600))
        .insert_state(screen)
        .insert_resource(ClearColor(theme::PANEL_DARK_BEVY))
        .insert_resource(RoomSettings { font_scale: 1.0, truth_on_projector: false, console: true, applied_scale: None })
        .insert_resource(session)
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
        })
        .add_systems(Update, advance_exercise.run_if(in_state(Screen::Exercise)))
        .add_systems(
            EguiPrimaryContextPass,
            (
                apply_theme,
                start::show.run_if(in_state(Screen::Start)),
                exercise_screen::show.run_if(in_state(Screen::Exercise)),
                debrief::show.run_if(in_state(Screen::Debrief)),
            )
                .chain(),
        );
    console::add(&mut app);
    #[cfg(feature = "seats")]
    seats::add(&mut app, seats);
    #[cfg(not(feature = "seats"))]
    let _ = seats;
    match tour {
        // With seats, the tour plays the seats' script: browsers take the decisions.
        #[cfg(feature = "seats")]
        Some(dir) if seats.is_some() => seated_tour::add(&mut app, dir)?,
        Some(dir) => tour::add(&mut app, dir)?,
        None => {}
    }
    match app.run() {
        AppExit::Success => Ok(()),
        AppExit::Error(code) => Err(format!("the window closed with an error (code {code})")),
    }
}

/// The session the window opens with, and the screen it shows first: the start screen, or an exercise
/// reopened from its journal where it stopped (its debrief if it had ended).
fn opening_session(options: PlayOptions) -> (Session, Screen) {
    let mut form = start::StartForm::new(&options);
    let (journal, resumed, status) = match options.journal {
        Some(JournalStart::New(writer)) => (Some(writer), None, String::new()),
        Some(JournalStart::Resume { exercise, message }) => {
            // A reopened exercise goes on in the language it was played in.
            let language = exercise.setup.language;
            form.set_language(language);
            let status = message.unwrap_or_else(|| language.tr("reopened-journal-where-stopped").to_string());
            (None, Some(*exercise), status)
        }
        None => (None, None, String::new()),
    };
    let screen = match &resumed {
        Some(exercise) if exercise.ended => Screen::Debrief,
        Some(_) => Screen::Exercise,
        None => Screen::Start,
    };
    let mut resumed = resumed;
    let debrief = resumed.as_mut().filter(|e| e.ended).map(debrief::Debrief::new);
    let journal_used = resumed.as_ref().and_then(|e| e.journal_path()).map(|p| p.display().to_string());
    let session = Session {
        form,
        exercise: resumed,
        selected_host: None,
        confirming: None,
        confirming_end: false,
        note_draft: String::new(),
        map_overflows: 0,
        jump_draft: String::new(),
        note_objective: None,
        note_kind: crate::report::NoteKind::Observation,
        inject_channel: String::new(),
        inject_to: String::new(),
        inject_draft: String::new(),
        debrief,
        journal_used,
        journal,
        status,
        exercises_begun: 0,
    };
    (session, screen)
}

/// Bevy's plugins with the window's title and size, and quiet logs.
fn window_plugins(title: String) -> bevy::app::PluginGroupBuilder {
    DefaultPlugins
        .set(WindowPlugin {
            primary_window: Some(bevy::window::Window {
                title,
                resolution: WindowResolution::new(1600, 900),
                present_mode: PresentMode::AutoVsync,
                ..default()
            }),
            // Closing the room's window ends the program; closing the console only closes it.
            exit_condition: bevy::window::ExitCondition::OnPrimaryClosed,
            ..default()
        })
        .set(bevy::log::LogPlugin { filter: "warn,wgpu=error,naga=error".to_string(), ..default() })
}

/// Starts the exercise the start screen describes.
pub fn begin(session: &mut Session, next: &mut NextState<Screen>) {
    let mut setup: ExerciseSetup = session.form.setup();
    // The report says on which day the exercise was played.
    setup.played_on = Some(jiff::Zoned::now().date().to_string());
    let language = setup.language;
    let mut exercise = Exercise::new(setup);
    session.status = String::new();
    if let Some(writer) = session.journal.take() {
        let path = writer.path.display().to_string();
        session.status = match exercise.start_journal(writer, &session.form.run.source) {
            Ok(()) => language.trf("journal-writing", &[("path", &path)]),
            Err(why) => why,
        };
        session.journal_used = Some(path);
    } else if let Some(path) = &session.journal_used {
        session.status = language.trf("journal-holds-previous", &[("path", path)]);
    }
    session.exercise = Some(exercise);
    session.exercises_begun += 1;
    session.selected_host = None;
    session.confirming = None;
    session.confirming_end = false;
    session.debrief = None;
    next.set(Screen::Exercise);
}

/// Ends the exercise and opens the debrief.
pub fn finish(session: &mut Session, next: &mut NextState<Screen>) {
    if let Some(exercise) = session.exercise.as_mut() {
        exercise.end();
        session.debrief = Some(debrief::Debrief::new(exercise));
    }
    next.set(Screen::Debrief);
}

fn apply_theme(mut contexts: EguiContexts, mut room: ResMut<RoomSettings>) -> Result {
    if room.applied_scale != Some(room.font_scale) {
        theme::apply(contexts.ctx_mut()?, room.font_scale);
        room.applied_scale = Some(room.font_scale);
    }
    Ok(())
}

/// Runs the simulated minutes this frame is worth and measures what they cost.
pub(crate) fn advance_exercise(time: Res<Time>, mut session: ResMut<Session>, mut diagnostics: Diagnostics) {
    let Some(exercise) = session.exercise.as_mut() else {
        return;
    };
    let outcome = exercise.frame(time.delta_secs_f64());
    diagnostics.add_measurement(&SIM_FRAME_MS, || outcome.sim_time.as_secs_f64() * 1000.0);
}

/// The mean simulation time per frame and the frame rate, for the facilitator's status line.
pub fn performance(store: &DiagnosticsStore) -> (Option<f64>, Option<f64>) {
    let sim = store.get(&SIM_FRAME_MS).and_then(|d| d.average());
    let fps = store.get(&FrameTimeDiagnosticsPlugin::FPS).and_then(|d| d.smoothed());
    (sim, fps)
}

/// The speeds in the order of their keys, 1 to 4.
pub const SPEEDS: [Speed; 4] = Speed::ALL;
