//! The facilitator's console: a second window, for the facilitator's own screen, never drawn over the
//! room's picture. It holds what the room must not see: the hidden truth (the map with every foothold
//! and the attack's course in the feed), the injects to fire or to write, each delivered inject's
//! expected response to mark, the observer notes, and the simulation's cost per frame.

use bevy::camera::RenderTarget;
use bevy::diagnostic::DiagnosticsStore;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::window::{PresentMode, WindowRef, WindowResolution};
use bevy_egui::{EguiContext, EguiSchedule, egui};

use super::exercise_screen::{self, Command, feed_line, root_ui};
use super::{RoomSettings, Screen, Session, map, theme};
use crate::exercise::Exercise;
use crate::exercise::moments::{InjectMoment, ResponseMark};
use crate::sim::injects::FireInject;
use crate::sim::{Estate, Network};

/// The schedule the console's egui pass runs in.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConsolePass;

/// Marks the console's camera.
#[derive(Component)]
pub struct ConsoleCamera;

/// The console's window and camera when it is open (`RoomSettings::console` says whether it is wanted).
#[derive(Resource, Debug, Default)]
pub struct Console {
    pub window: Option<Entity>,
    camera: Option<Entity>,
    themed: bool,
}

pub fn add(app: &mut App) {
    app.init_resource::<Console>().add_systems(Update, keep_console_window).add_systems(ConsolePass, show);
}

/// Opens the console's window during an exercise when it is wanted, and closes it otherwise; a console
/// closed from its own title bar stays closed until asked for again.
fn keep_console_window(
    mut commands: Commands,
    mut console: ResMut<Console>,
    mut room: ResMut<RoomSettings>,
    session: Res<Session>,
    screen: Res<State<Screen>>,
    windows: Query<(), With<Window>>,
) {
    if let Some(window) = console.window
        && windows.get(window).is_err()
    {
        if let Some(camera) = console.camera.take() {
            commands.entity(camera).despawn();
        }
        console.window = None;
        room.console = false;
    }
    let open = room.console && *screen.get() == Screen::Exercise;
    match (open, console.window) {
        (true, None) => {
            let window = commands
                .spawn(Window {
                    title: format!("crisis-cell — {}", session.form.language().tr("console-title")),
                    resolution: WindowResolution::new(1280, 800),
                    present_mode: PresentMode::AutoVsync,
                    ..default()
                })
                .id();
            let camera = commands
                .spawn((Camera2d, RenderTarget::Window(WindowRef::Entity(window)), EguiSchedule::new(ConsolePass), ConsoleCamera))
                .id();
            console.window = Some(window);
            console.camera = Some(camera);
            console.themed = false;
        }
        (false, Some(window)) => {
            commands.entity(window).despawn();
            if let Some(camera) = console.camera.take() {
                commands.entity(camera).despawn();
            }
            console.window = None;
        }
        _ => {}
    }
}

fn show(
    mut contexts: Query<&mut EguiContext, With<ConsoleCamera>>,
    mut console: ResMut<Console>,
    mut session: ResMut<Session>,
    mut room: ResMut<RoomSettings>,
    store: Res<DiagnosticsStore>,
    #[cfg(feature = "seats")] mut seats: ResMut<super::seats::SeatsHost>,
) -> Result {
    let Ok(mut context) = contexts.single_mut() else {
        return Ok(());
    };
    let ctx = context.get_mut().clone();
    if !console.themed {
        theme::apply(&ctx, 1.0);
        console.themed = true;
    }
    let mut commands = Vec::new();
    {
        let Session { exercise, note_draft, note_objective, note_kind, inject_channel, inject_to, inject_draft, .. } = &mut *session;
        let Some(exercise) = exercise.as_ref() else {
            return Ok(());
        };
        let mut root = root_ui(&ctx);
        console_top(&mut root, exercise, &room, &store, &mut commands);
        #[cfg(feature = "seats")]
        egui::Panel::bottom("console-seats").show(&mut root, |ui| super::seats::show_links(ui, &mut seats, exercise.setup.language));
        let drafts = Drafts { note: note_draft, note_objective, note_kind, inject_channel, inject_to, inject: inject_draft };
        console_side(&mut root, exercise, drafts, &mut commands);
        console_feed(&mut root, exercise);
        truth_map(&mut root, exercise);
    }
    for command in commands {
        exercise_screen::apply(command, &mut session, &mut room);
    }
    Ok(())
}

fn console_top(root: &mut egui::Ui, exercise: &Exercise, room: &RoomSettings, store: &DiagnosticsStore, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    egui::Panel::top("console-clock").show(root, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(exercise.wall_clock(exercise.minute())).size(22.0).strong());
            ui.separator();
            let (sim_ms, fps) = super::performance(store);
            ui.label(
                egui::RichText::new(language.trf(
                    "frame-cost",
                    &[
                        ("milliseconds", &sim_ms.map_or("–".to_string(), |v| format!("{v:.3}"))),
                        ("fps", &fps.map_or("–".to_string(), |v| format!("{v:.0}"))),
                    ],
                ))
                .small(),
            );
            ui.separator();
            // Shown to the room only when the facilitator means to, for a reveal or the debrief.
            if ui.selectable_label(room.truth_on_projector, language.tr("truth-on-projector")).clicked() {
                commands.push(Command::ToggleTruth);
            }
        });
    });
}

/// The facilitator's text fields, kept between frames.
struct Drafts<'a> {
    note: &'a mut String,
    note_objective: &'a mut Option<String>,
    note_kind: &'a mut crate::report::NoteKind,
    inject_channel: &'a mut String,
    /// The role the written inject is for (its id), or empty for the whole cell.
    inject_to: &'a mut String,
    inject: &'a mut String,
}

fn console_side(root: &mut egui::Ui, exercise: &Exercise, drafts: Drafts, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    egui::Panel::right("console-injects").resizable(true).default_size(520.0).show(root, |ui| {
        egui::ScrollArea::vertical().id_salt("console-injects-scroll").show(ui, |ui| {
            ui.heading(language.tr("injects-delivered"));
            let delivered = exercise.delivered_injects();
            if delivered.is_empty() {
                ui.label(language.tr("no-inject-yet"));
            }
            for inject in delivered.iter().rev() {
                delivered_inject(ui, exercise, inject, commands);
            }
            ui.separator();
            egui::CollapsingHeader::new(egui::RichText::new(language.tr("injects-to-fire")).strong())
                .id_salt("console-pending")
                .default_open(false)
                .show(ui, |ui| {
                    for (id, text) in exercise.pending_injects() {
                        ui.horizontal_wrapped(|ui| {
                            if ui.button(language.tr("fire-now")).clicked() {
                                commands.push(Command::FireInject(FireInject::Listed(id.clone())));
                            }
                            ui.label(text);
                        });
                    }
                });
            ui.label(egui::RichText::new(language.tr("write-inject")).strong());
            ui.horizontal(|ui| {
                ui.label(language.tr("channel"));
                ui.add(egui::TextEdit::singleline(drafts.inject_channel).desired_width(160.0).hint_text(language.tr("phone")));
            });
            inject_addressee(ui, exercise, drafts.inject_to);
            ui.add(egui::TextEdit::multiline(drafts.inject).desired_rows(2).hint_text(language.tr("message-your-own")));
            let send = match exercise.scenario().roles.iter().find(|r| r.id == *drafts.inject_to) {
                Some(role) => language.trf("send-to-role", &[("role", &role.name)]),
                None => language.tr("send-cell").to_string(),
            };
            if ui.add_enabled(!drafts.inject.trim().is_empty(), egui::Button::new(send)).clicked() {
                commands.push(Command::FireInject(FireInject::Written {
                    channel: drafts.inject_channel.trim().to_string(),
                    text: drafts.inject.trim().to_string(),
                    to: drafts.inject_to.clone(),
                }));
            }
            ui.separator();
            ui.label(egui::RichText::new(language.trf("observer-notes-count", &[("count", &exercise.notes.len())])).strong());
            ui.add(egui::TextEdit::multiline(drafts.note).desired_rows(2).hint_text(language.tr("what-you-see-cell-do")));
            note_tags(ui, exercise, drafts.note_objective, drafts.note_kind);
            if ui.add_enabled(!drafts.note.trim().is_empty(), egui::Button::new(language.tr("add-note"))).clicked() {
                commands.push(Command::AddNote);
            }
            for note in exercise.notes.iter().rev().take(10) {
                ui.label(egui::RichText::new(format!("{} — {}", note.at, note.text)).small());
            }
        });
    });
}

/// Whom the facilitator's inject is for: the whole cell, or one role at the table (its seat alone hears it).
fn inject_addressee(ui: &mut egui::Ui, exercise: &Exercise, to: &mut String) {
    let language = exercise.setup.language;
    let roles = &exercise.scenario().roles;
    let shown = roles.iter().find(|r| r.id == *to).map_or_else(|| language.tr("inject-audience-cell").to_string(), |r| r.name.clone());
    ui.horizontal(|ui| {
        ui.label(language.tr("inject-to"));
        egui::ComboBox::from_id_salt("inject-to").selected_text(shown).show_ui(ui, |ui| {
            ui.selectable_value(to, String::new(), language.tr("inject-audience-cell"));
            for (id, name) in exercise.roles_at_table_named() {
                ui.selectable_value(to, id, name);
            }
        });
    });
}

/// The objective and the kind the next note is tagged with, for the report's ratings.
fn note_tags(ui: &mut egui::Ui, exercise: &Exercise, objective: &mut Option<String>, kind: &mut crate::report::NoteKind) {
    let language = exercise.setup.language;
    let milestones = exercise.setup.plan.as_ref().map(|p| p.milestones.as_slice()).unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        for k in crate::report::NoteKind::ALL {
            ui.selectable_value(kind, k, k.label(language));
        }
    });
    let chosen =
        objective.as_ref().and_then(|id| milestones.iter().find(|m| &m.id == id)).map_or(language.tr("no-objective"), |m| m.name.as_str());
    egui::ComboBox::from_id_salt("note-objective").selected_text(chosen).width(ui.available_width()).show_ui(ui, |ui| {
        ui.selectable_value(objective, None, language.tr("no-objective"));
        for m in milestones {
            ui.selectable_value(objective, Some(m.id.clone()), &m.name);
        }
    });
}

/// A delivered inject: what it said, what the scenario expects, and the facilitator's mark.
/// The newest answers and passes on shown under an inject; the rest are counted.
const REPLIES_SHOWN: usize = 5;

fn delivered_inject(ui: &mut egui::Ui, exercise: &Exercise, inject: &InjectMoment, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let time = exercise.local(inject.minute);
        ui.label(egui::RichText::new(format!("{time} · {} · {}", inject.channel, inject.audience)).small());
        ui.label(&inject.text);
        if !inject.expected.is_empty() {
            ui.label(egui::RichText::new(language.trf("expected-response", &[("response", &inject.expected)])).color(theme::SKY_BLUE));
        }
        // What the seats did with it: answers to its sender (whom the facilitator plays) and passes.
        let (replies, more) = exercise.replies_to(inject.rank, REPLIES_SHOWN);
        if more > 0 {
            ui.label(egui::RichText::new(language.trf("seat-replies-more", &[("count", &more)])).small());
        }
        for reply in replies {
            ui.label(egui::RichText::new(reply).color(theme::YELLOW));
        }
        ui.horizontal_wrapped(|ui| {
            for mark in ResponseMark::ALL {
                let chosen = inject.mark.is_some_and(|(m, _)| m == mark);
                if ui.selectable_label(chosen, mark.label(language)).clicked() && !chosen {
                    commands.push(Command::Mark(inject.rank, mark));
                }
            }
            if inject.acknowledged_at.is_none() {
                ui.colored_label(theme::YELLOW, language.tr("on-the-banner"));
            }
        });
    });
}

/// The whole timeline, the attack's hidden course included.
fn console_feed(root: &mut egui::Ui, exercise: &Exercise) {
    let language = exercise.setup.language;
    egui::Panel::bottom("console-feed").resizable(true).default_size(260.0).show(root, |ui| {
        ui.heading(language.tr("feed-with-truth"));
        egui::ScrollArea::vertical().id_salt("console-feed-scroll").show(ui, |ui| {
            let mut previous_day = None;
            for entry in exercise.feed(true).take(300) {
                feed_line(ui, exercise, &entry, &mut previous_day);
            }
        });
    });
}

/// The map as it really is: every foothold drawn.
fn truth_map(root: &mut egui::Ui, exercise: &Exercise) {
    let language = exercise.setup.language;
    egui::CentralPanel::default().show(root, |ui| {
        let world = exercise.sim().world();
        let view = exercise.cells(true);
        exercise_screen::state_legend(ui, language, &view, true);
        super::strip::show(ui, exercise, true);
        map::show(ui, world.resource::<Estate>(), world.resource::<Network>(), &view, None, language);
    });
}
