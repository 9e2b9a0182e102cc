//! The exercise screen, the room's common picture on the projector: the clock and its controls on top,
//! the decision panel on the left, the feed and the plan checklist on the right, the care board below,
//! the network map with its strip in the middle, the inject banner, and the questions asked before an
//! irreversible decision or the end.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::theme::{self, BLUISH_GREEN, ORANGE, SKY_BLUE, VERMILLION, YELLOW};
use super::{RoomSettings, SPEEDS, Screen, Session, map};
use crate::exercise::decisions::DecisionRow;
use crate::exercise::moments::{InjectMoment, ResponseMark};
use crate::exercise::{CellState, EstateView, Exercise, FeedLine, LiveStatus};
use crate::i18n::Language;
use crate::sim::injects::FireInject;
use crate::sim::{EntryKind, Estate, Network};

/// A root `Ui` over the whole window, for the panels to divide.
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(ctx.clone(), "root".into(), egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()))
}

/// What the players and the facilitator asked for in this frame, carried out once it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    TogglePause,
    Speed(crate::exercise::Speed),
    /// Let the room's pace set the speed again.
    FollowPace,
    JumpToNextEvent,
    /// Run to the time written in the "Go to" box.
    JumpTo,
    /// Take a decision (by action index); irreversible ones are confirmed first.
    Decide(usize),
    Confirm(usize),
    CancelConfirm,
    FireInject(FireInject),
    AddNote,
    /// The room has read the inject on the banner.
    Acknowledge,
    /// The facilitator marks the response to a delivered inject, by its rank of delivery.
    Mark(usize, ResponseMark),
    /// Show the hidden truth on the projector (for a reveal or the debrief), or hide it again.
    ToggleTruth,
    /// Open or close the facilitator's console window.
    ToggleConsole,
    FontScale(f32),
    /// Ask whether to end; `ConfirmEnd` ends.
    End,
    ConfirmEnd,
    CancelEnd,
    Select(Option<u32>),
}

/// Carries out a command on the session; returns whether the exercise has ended.
pub fn apply(command: Command, session: &mut Session, room: &mut RoomSettings) -> bool {
    let Some(exercise) = session.exercise.as_mut() else {
        return false;
    };
    let language = exercise.setup.language;
    match command {
        Command::TogglePause => {
            if !exercise.out_of_time() {
                exercise.toggle_pause();
            }
        }
        Command::Speed(speed) => exercise.set_speed_by_hand(speed),
        Command::FollowPace => exercise.follow_pace(),
        Command::JumpTo => {
            session.status = match exercise.jump_to(&session.jump_draft) {
                Ok(minute) => language.trf("jumped-to-time", &[("time", &exercise.local(minute))]),
                Err(why) => why,
            };
        }
        Command::JumpToNextEvent => {
            let minute = exercise.jump_to_next_event();
            session.status = language.trf("jumped-to", &[("time", &exercise.local(minute))]);
        }
        Command::Decide(index) => {
            let Some(action) = exercise.scenario().actions.get(index) else {
                return false;
            };
            if action.irreversible && session.confirming != Some(index) {
                session.confirming = Some(index);
            } else {
                return apply(Command::Confirm(index), session, room);
            }
        }
        Command::Confirm(index) => {
            session.confirming = None;
            let (id, name) = exercise.scenario().actions.get(index).map(|a| (a.id.clone(), a.name.clone())).unwrap_or_default();
            // The status names the decision as the panel does, not by its id.
            session.status = match exercise.decide(&id) {
                Ok(_) => language.trf("decision-taken-at", &[("time", &exercise.local(exercise.minute())), ("decision", &name)]),
                Err(why) => language.trf("decision-not-taken", &[("reason", &why)]),
            };
        }
        Command::CancelConfirm => session.confirming = None,
        Command::FireInject(inject) => match exercise.fire_inject(inject) {
            Ok(()) => {
                session.inject_draft.clear();
                session.status = language.tr("inject-sent-reaches-cell-coming").to_string();
            }
            Err(why) => session.status = why,
        },
        Command::AddNote => {
            let tags =
                crate::exercise::NoteTags { objective: session.note_objective.clone(), kind: session.note_kind, ..Default::default() };
            exercise.add_tagged_note(&session.note_draft, tags);
            session.note_draft.clear();
            session.status = language.trf("note-written", &[("count", &exercise.notes.len())]);
        }
        Command::Acknowledge => exercise.acknowledge_inject(),
        Command::Mark(rank, mark) => exercise.mark_response(rank, mark),
        Command::ToggleTruth => room.truth_on_projector = !room.truth_on_projector,
        Command::ToggleConsole => room.console = !room.console,
        Command::FontScale(scale) => room.font_scale = scale.clamp(0.8, 2.0),
        Command::End => session.confirming_end = true,
        Command::CancelEnd => session.confirming_end = false,
        Command::ConfirmEnd => {
            session.confirming_end = false;
            return true;
        }
        Command::Select(host) => session.selected_host = host,
    }
    false
}

/// Keyboard shortcuts, when no text field has the keyboard.
fn shortcuts(ctx: &egui::Context, room: &RoomSettings, asking: bool, commands: &mut Vec<Command>) {
    // A question on screen (a confirmation) takes the keyboard: no key reaches what is behind it.
    if ctx.egui_wants_keyboard_input() || asking {
        return;
    }
    ctx.input(|input| {
        use egui::Key;
        if input.key_pressed(Key::Space) {
            commands.push(Command::TogglePause);
        }
        for (key, speed) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4].into_iter().zip(SPEEDS) {
            if input.key_pressed(key) {
                commands.push(Command::Speed(speed));
            }
        }
        if input.key_pressed(Key::N) {
            commands.push(Command::JumpToNextEvent);
        }
        if input.key_pressed(Key::F) {
            commands.push(Command::ToggleConsole);
        }
        if input.key_pressed(Key::Enter) {
            commands.push(Command::Acknowledge);
        }
        if input.key_pressed(Key::Plus) || input.key_pressed(Key::Equals) {
            commands.push(Command::FontScale(room.font_scale + 0.1));
        }
        if input.key_pressed(Key::Minus) {
            commands.push(Command::FontScale(room.font_scale - 0.1));
        }
        if input.key_pressed(Key::Escape) {
            commands.push(Command::Select(None));
        }
    });
}

fn elapsed(minutes: u32) -> String {
    format!("T+{}h{:02}", minutes / 60, minutes % 60)
}

fn feed_colour(kind: EntryKind) -> egui::Color32 {
    match kind {
        EntryKind::Attack => theme::REDDISH_PURPLE,
        EntryKind::Alert | EntryKind::Confirmation => YELLOW,
        EntryKind::Inject => SKY_BLUE,
        EntryKind::Care => ORANGE,
        EntryKind::Effect => BLUISH_GREEN,
        EntryKind::Decision | EntryKind::People | EntryKind::Outside => theme::TEXT,
    }
}

pub fn show(
    mut contexts: EguiContexts,
    mut session: ResMut<Session>,
    mut room: ResMut<RoomSettings>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut commands = Vec::new();
    let asking = session.confirming.is_some() || session.confirming_end;
    shortcuts(&ctx, &room, asking, &mut commands);
    let facilitator = room.truth_on_projector;
    let session_ref = &mut *session;
    {
        let Session { exercise, selected_host, confirming, confirming_end, jump_draft, status, map_overflows, .. } = &mut *session_ref;
        let Some(exercise) = exercise.as_ref() else {
            return Ok(());
        };
        let mut root = root_ui(&ctx);
        top_bar(&mut root, exercise, &room, jump_draft, &mut commands);
        super::care_board::show(&mut root, exercise, status);
        decision_panel(&mut root, exercise, &mut commands);
        side_panel(&mut root, exercise, facilitator);
        *map_overflows = central(&mut root, exercise, facilitator, *selected_host, &mut commands);
        // A question the room must answer first hides the banner until it is answered.
        if confirming.is_none()
            && !*confirming_end
            && let Some(inject) = exercise.inject_to_acknowledge()
        {
            inject_banner(&ctx, exercise, &inject, facilitator, &mut commands);
        }
        if let Some(index) = *confirming {
            confirm_decision(&ctx, exercise, index, &mut commands);
        }
        if *confirming_end {
            confirm_end(&ctx, exercise, &mut commands);
        }
    }
    let mut ended = false;
    for command in commands {
        ended |= apply(command, session_ref, &mut room);
    }
    if ended {
        super::finish(session_ref, &mut next);
    }
    Ok(())
}

/// An irreversible decision, said in full before it is taken.
fn confirm_decision(ctx: &egui::Context, exercise: &Exercise, index: usize, commands: &mut Vec<Command>) {
    let Some(action) = exercise.scenario().actions.get(index) else {
        return;
    };
    let language = exercise.setup.language;
    egui::Modal::new(egui::Id::new("confirm-decision")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(language.trf("confirm-decision", &[("decision", &action.name)]));
        ui.label(&action.description);
        if let Some(preview) = exercise.preview(index) {
            for line in &preview.does {
                ui.label(egui::RichText::new(line).strong());
            }
            if let Some(why) = &preview.cannot_undo {
                ui.colored_label(ORANGE, why);
            }
        }
        ui.horizontal(|ui| {
            if ui.button(language.tr("take-decision")).clicked() {
                commands.push(Command::Confirm(index));
            }
            if ui.button(language.tr("cancel")).clicked() {
                commands.push(Command::CancelConfirm);
            }
        });
    });
}

/// Ending is for good: the facilitator is asked, and told which milestones will not be scored.
fn confirm_end(ctx: &egui::Context, exercise: &Exercise, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    let minute = exercise.minute();
    // Deadlines still running, and milestones whose reference event has not come: all leave the score.
    let pending = exercise.checklist().iter().filter(|m| matches!(m.status, LiveStatus::Due { .. } | LiveStatus::Waiting)).count();
    egui::Modal::new(egui::Id::new("confirm-end")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(language.trf("end-exercise-question", &[("time", &exercise.wall_clock(minute)), ("elapsed", &elapsed(minute))]));
        ui.label(language.tr("end-exercise-explained"));
        if exercise.setup.plan.is_some() {
            ui.label(language.trf("end-exercise-not-due", &[("count", &pending)]));
        }
        ui.horizontal(|ui| {
            if ui.button(language.tr("end-exercise-confirm")).clicked() {
                commands.push(Command::ConfirmEnd);
            }
            if ui.button(language.tr("keep-playing")).clicked() {
                commands.push(Command::CancelEnd);
            }
        });
    });
}

fn top_bar(root: &mut egui::Ui, exercise: &Exercise, room: &RoomSettings, jump_draft: &mut String, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    egui::Panel::top("clock").show(root, |ui| {
        ui.horizontal_wrapped(|ui| {
            let minute = exercise.minute();
            ui.label(egui::RichText::new(exercise.wall_clock(minute)).size(28.0).strong());
            ui.label(egui::RichText::new(elapsed(minute)).size(22.0));
            ui.separator();
            let paused = exercise.clock.paused;
            let label = if exercise.out_of_time() {
                language.tr("time-up")
            } else if paused {
                language.tr("run-space")
            } else {
                language.tr("pause-space")
            };
            if ui.add_enabled(!exercise.out_of_time(), egui::Button::new(label)).clicked() {
                commands.push(Command::TogglePause);
            }
            let paced = exercise.setup.pace.is_some();
            if ui.selectable_label(paced, language.tr("room-pace")).on_hover_text(language.tr("room-pace-explained")).clicked() && !paced {
                commands.push(Command::FollowPace);
            }
            for (key, speed) in SPEEDS.into_iter().enumerate() {
                let selected = !paced && exercise.clock.speed == speed;
                if ui.selectable_label(selected, speed.label()).on_hover_text(language.trf("speed-key", &[("key", &(key + 1))])).clicked() {
                    commands.push(Command::Speed(speed));
                }
            }
            if ui.add_enabled(!exercise.out_of_time(), egui::Button::new(language.tr("next-event-n"))).clicked() {
                commands.push(Command::JumpToNextEvent);
            }
            let hint = language.tr("jump-hint");
            let field = ui.add(
                egui::TextEdit::singleline(jump_draft)
                    .desired_width(theme::style_width(ui, hint, egui::TextStyle::Body) + 12.0)
                    .hint_text(hint),
            );
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button(language.tr("jump-to")).clicked() || entered {
                commands.push(Command::JumpTo);
            }
            ui.separator();
            if ui.selectable_label(room.console, language.tr("console-f")).on_hover_text(language.tr("console-explained")).clicked() {
                commands.push(Command::ToggleConsole);
            }
            if room.truth_on_projector
                && ui.selectable_label(true, egui::RichText::new(language.tr("truth-shown")).color(theme::REDDISH_PURPLE)).clicked()
            {
                commands.push(Command::ToggleTruth);
            }
            if ui.button("A−").on_hover_text(language.tr("smaller-text")).clicked() {
                commands.push(Command::FontScale(room.font_scale - 0.1));
            }
            if ui.button("A+").on_hover_text(language.tr("larger-text")).clicked() {
                commands.push(Command::FontScale(room.font_scale + 0.1));
            }
            ui.separator();
            if ui.button(language.tr("end-exercise")).clicked() {
                commands.push(Command::End);
            }
        });
    });
}

/// A side panel's width: a quarter of the window at any text size, so the map keeps half of it; and
/// the text size as a key, so that a panel laid out at another size starts afresh.
fn side_width(root: &egui::Ui) -> (f32, u32) {
    let zoom = root.ctx().zoom_factor();
    ((root.ctx().viewport_rect().width() * 0.26).max(240.0), (zoom * 100.0).round() as u32)
}

fn decision_panel(root: &mut egui::Ui, exercise: &Exercise, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    let (width, scale) = side_width(root);
    egui::Panel::left(egui::Id::new(("decisions", scale))).resizable(true).default_size(width).max_size(width * 1.3).show(root, |ui| {
        ui.heading(language.tr("decisions"));
        egui::ScrollArea::vertical().show(ui, |ui| {
            let works = exercise.work_rows();
            if !works.is_empty() {
                ui.label(egui::RichText::new(language.tr("taken")).strong());
                for work in &works {
                    let text = match (work.done_at, work.started, &work.waiting_for) {
                        (Some(at), _, _) => language.trf("work-done-at", &[("decision", &work.name), ("time", &exercise.local(at))]),
                        (None, false, Some(why)) => language.trf("work-waiting-for", &[("decision", &work.name), ("reason", why)]),
                        (None, false, None) => language.trf("work-waiting", &[("decision", &work.name)]),
                        (None, true, _) => work.name.clone(),
                    };
                    // The words above a thin bar: they wrap in the panel rather than being cut by the bar.
                    ui.label(text);
                    ui.add(egui::ProgressBar::new(work.progress as f32).desired_height(6.0));
                }
                ui.separator();
            }
            if exercise.first_alert().is_none() {
                // Nobody acts on what nobody knows: the panel waits with the cell.
                ui.colored_label(YELLOW, language.tr("quiet-night"));
                return;
            }
            let rows = exercise.decision_rows();
            let scenario = exercise.scenario();
            let mut groups: Vec<(Option<&str>, String)> = scenario.roles.iter().map(|r| (Some(r.id.as_str()), r.name.clone())).collect();
            groups.push((None, language.tr("anyone").to_string()));
            for (role, name) in groups {
                let mine: Vec<_> = rows.iter().filter(|r| r.role.as_deref() == role).collect();
                if mine.is_empty() {
                    continue;
                }
                let at_table = role.is_none_or(|r| exercise.setup.roles_at_table.iter().any(|x| x == r));
                let (present, free) = mine.first().map_or((0, 0), |r| (r.present, r.free));
                let title = if role.is_some() && at_table {
                    language.trf("role-here-free", &[("role", &name), ("here", &present), ("free", &free)])
                } else if role.is_some() {
                    language.trf("role-here-free-facilitator", &[("role", &name), ("here", &present), ("free", &free)])
                } else {
                    name
                };
                // A header of its own so that a long role name wraps in the panel rather than being cut.
                let id = ui.make_persistent_id(("role-decisions", role));
                let header = egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, at_table);
                let header = header.show_header(ui, |ui| ui.add(egui::Label::new(egui::RichText::new(title).strong()).wrap()));
                header.body(|ui| {
                    for row in mine {
                        decision_row(ui, exercise, row, commands);
                        if let Some(why) = &row.waits_for {
                            ui.colored_label(
                                YELLOW,
                                egui::RichText::new(format!("   {}", language.trf("waits-for", &[("reason", why)]))).small(),
                            );
                        }
                    }
                });
            }
        });
    });
}

/// A decision's button, and what it takes beside it when both fit on a line, or below it.
fn decision_row(ui: &mut egui::Ui, exercise: &Exercise, row: &DecisionRow, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    let label = if row.irreversible { format!("⚠ {}", row.name) } else { row.name.clone() };
    let mut facts = format!("≈{} min", row.expected_minutes);
    if row.per_host_minutes > 0.0 {
        facts += &language.trf("then-minutes-a-host", &[("minutes", &format!("{:.0}", row.per_host_minutes))]);
    }
    if row.taken > 0 {
        facts += &language.trf("taken-times", &[("count", &row.taken)]);
    }
    let spacing = ui.spacing();
    let needed = theme::style_width(ui, &label, egui::TextStyle::Button) + 2.0 * spacing.button_padding.x + spacing.item_spacing.x;
    let beside = needed + theme::style_width(ui, &facts, egui::TextStyle::Small) <= ui.available_width();
    let mut draw = |ui: &mut egui::Ui| {
        let response = ui.add_enabled(!exercise.ended, egui::Button::new(label.as_str()).wrap());
        let response = if row.description.is_empty() { response } else { response.on_hover_text(&row.description) };
        if response.clicked() {
            commands.push(Command::Decide(row.action));
        }
        ui.add(egui::Label::new(egui::RichText::new(facts.as_str()).small()).wrap());
    };
    if beside {
        ui.horizontal(draw);
    } else {
        draw(ui);
    }
}

fn side_panel(root: &mut egui::Ui, exercise: &Exercise, facilitator: bool) {
    let language = exercise.setup.language;
    let (width, scale) = side_width(root);
    egui::Panel::right(egui::Id::new(("feed", scale))).resizable(true).default_size(width).max_size(width * 1.3).show(root, |ui| {
        let half = ui.available_height() * 0.55;
        ui.heading(language.tr("feed"));
        egui::ScrollArea::vertical().id_salt("feed").max_height(half).show(ui, |ui| {
            let mut previous_day = None;
            for entry in exercise.feed(facilitator).take(200) {
                feed_line(ui, exercise, &entry, &mut previous_day);
            }
        });
        ui.separator();
        ui.heading(language.tr("plan"));
        egui::ScrollArea::vertical().id_salt("plan").show(ui, |ui| {
            let checklist = exercise.checklist();
            if checklist.is_empty() {
                ui.label(language.tr("plan-chosen"));
            }
            for milestone in checklist {
                let (colour, text) = match milestone.status {
                    LiveStatus::Waiting => (theme::CLEAN_GREY, language.tr("not-started").to_string()),
                    LiveStatus::Due { remaining } => (
                        if remaining <= 15 { YELLOW } else { theme::TEXT },
                        language.trf("countdown-left", &[("span", &crate::words::span(language, remaining))]),
                    ),
                    LiveStatus::Overdue { late_by } => {
                        (VERMILLION, language.trf("countdown-overdue", &[("span", &crate::words::span(language, late_by))]))
                    }
                    LiveStatus::OnTime | LiveStatus::Anticipated { counted: true } => {
                        (BLUISH_GREEN, language.tr("checklist-on-time").to_string())
                    }
                    LiveStatus::Anticipated { counted: false } => (ORANGE, language.tr("checklist-anticipated").to_string()),
                    LiveStatus::Late { late_by } => {
                        (ORANGE, language.trf("countdown-late", &[("span", &crate::words::span(language, late_by))]))
                    }
                    LiveStatus::Missed => (VERMILLION, language.tr("checklist-missed").to_string()),
                    LiveStatus::NotDue => (theme::CLEAN_GREY, language.tr("milestone-not-due").to_string()),
                };
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(colour, egui::RichText::new(text).strong());
                    ui.label(language.trf("milestone-target", &[("milestone", &milestone.name), ("minutes", &milestone.target_minutes)]));
                });
            }
        });
    });
}

/// The map with its legend and strip; returns how many of its labels did not fit their boxes.
fn central(root: &mut egui::Ui, exercise: &Exercise, facilitator: bool, selected: Option<u32>, commands: &mut Vec<Command>) -> usize {
    let language = exercise.setup.language;
    let mut overflowing = 0;
    egui::CentralPanel::default().show(root, |ui| {
        let world = exercise.sim().world();
        let estate = world.resource::<Estate>();
        let network = world.resource::<Network>();
        let view = exercise.cells(facilitator);
        state_legend(ui, language, &view, facilitator);
        link_summary(ui, language, estate, network);
        super::strip::show(ui, exercise, facilitator);
        let info = selected.map(|h| exercise.host_story(h, facilitator).join(" · "));
        if let Some(info) = info {
            ui.label(egui::RichText::new(language.trf("selected-host", &[("host", &info)])).strong());
        }
        let response = map::show(ui, estate, network, &view, selected, language);
        if let Some(host) = response.hovered_host {
            host_tip(ui, exercise, facilitator, &view.states, host);
        } else if let Some(segment) = response.hovered_segment {
            segment_tip(ui, language, estate, &view.states, segment);
        }
        if response.clicked_host.is_some() {
            commands.push(Command::Select(response.clicked_host));
        }
        overflowing = response.overflowing_labels;
    });
    overflowing
}

/// One line of the feed (newest first), under the day's date whenever the day changes.
pub fn feed_line(ui: &mut egui::Ui, exercise: &Exercise, entry: &FeedLine, previous_day: &mut Option<String>) {
    let language = exercise.setup.language;
    let wall = exercise.wall_clock(entry.minute);
    let (day, _) = wall.split_once("  ").unwrap_or((wall.as_str(), ""));
    if previous_day.as_deref() != Some(day) {
        ui.label(egui::RichText::new(day).small().strong().color(theme::SKY_BLUE));
        *previous_day = Some(day.to_string());
    }
    let time = exercise.local(entry.minute);
    let time = time.rsplit(' ').next().unwrap_or(&time).to_string();
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(time).monospace());
        ui.colored_label(feed_colour(entry.kind), egui::RichText::new(crate::words::feed_tag(language, entry.kind)).small().strong());
        ui.label(&entry.text);
    });
}

/// The inject that has just arrived, across the room's picture until someone acknowledges it: its
/// channel, who sends it, who it is for, and its words, large enough for the back of the room.
/// With seats, an inject that reached one seat alone shows the room that it came and for whom, not
/// what it said (unless the truth is on the projector).
fn inject_banner(ctx: &egui::Context, exercise: &Exercise, inject: &InjectMoment, facilitator: bool, commands: &mut Vec<Command>) {
    let language = exercise.setup.language;
    let screen = ctx.viewport_rect();
    let width = (screen.width() * 0.62).min(1100.0);
    egui::Area::new(egui::Id::new("inject-banner"))
        .order(egui::Order::Foreground)
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, screen.height() * 0.16))
        .show(ctx, |ui| {
            egui::Frame::window(ui.style())
                .fill(egui::Color32::from_rgb(0x12, 0x2A, 0x3A))
                .stroke(egui::Stroke::new(3.0, SKY_BLUE))
                .inner_margin(18.0)
                .show(ui, |ui| {
                    ui.set_width(width);
                    let channel = if inject.channel.is_empty() { language.tr("inject-word").to_string() } else { inject.channel.clone() };
                    let mut heading =
                        format!("{} · {}", exercise.local(inject.minute).rsplit(' ').next().unwrap_or(""), channel.to_uppercase());
                    if !inject.sender.is_empty() {
                        heading += &format!(" · {}", language.trf("inject-from", &[("sender", &inject.sender)]));
                    }
                    ui.label(egui::RichText::new(heading).size(24.0).color(SKY_BLUE).strong());
                    if !inject.audience.is_empty() {
                        ui.label(egui::RichText::new(language.trf("inject-for", &[("audience", &inject.audience)])).size(22.0));
                    }
                    ui.add_space(6.0);
                    match exercise.private_to(inject).filter(|_| !facilitator) {
                        Some(role) => {
                            let words = language.trf("inject-on-seat", &[("role", &exercise.role_name(&role))]);
                            ui.label(egui::RichText::new(words).size(26.0).italics())
                        }
                        None => ui.label(egui::RichText::new(&inject.text).size(30.0).strong()),
                    };
                    ui.add_space(10.0);
                    let button = egui::Button::new(egui::RichText::new(language.tr("inject-acknowledge")).size(22.0));
                    if ui.add(button).clicked() {
                        commands.push(Command::Acknowledge);
                    }
                });
        });
}

/// Each state's shape with how many hosts are in it (the hidden compromise only for the facilitator),
/// then what the cell did: hosts switched off and hosts in isolated segments, drawn over their state.
pub fn state_legend(ui: &mut egui::Ui, language: Language, view: &EstateView, facilitator: bool) {
    let counts = view.counts();
    ui.horizontal_wrapped(|ui| {
        for state in CellState::ALL {
            if state == CellState::HiddenCompromise && !facilitator {
                continue;
            }
            let words = format!("{} {}", state.label(language), counts[state as usize]);
            legend_item(ui, words, |ui| theme::swatch(ui, state));
        }
        ui.separator();
        let off = format!("{} {}", language.tr("powered-off"), view.powered_off_count());
        legend_item(ui, off, |ui| theme::action_swatch(ui, theme::ActionSwatch::PoweredOff));
        let isolated = format!("{} {}", language.tr("isolated"), view.isolated_count());
        legend_item(ui, isolated, |ui| theme::action_swatch(ui, theme::ActionSwatch::Isolated));
    });
}

/// A swatch and its words, kept on one line: the row ends first if they would not fit, so that the
/// legend wraps within its panel instead of pushing the map wider.
fn legend_item(ui: &mut egui::Ui, words: String, swatch: impl FnOnce(&mut egui::Ui)) {
    let needed = ui.text_style_height(&egui::TextStyle::Body)
        + 2.0 * ui.spacing().item_spacing.x
        + theme::style_width(ui, &words, egui::TextStyle::Body);
    if ui.available_size_before_wrap().x < needed {
        ui.end_row();
    }
    swatch(ui);
    ui.label(words);
}

/// How many links are up and cut, named on hover, and whether the internet link is up.
fn link_summary(ui: &mut egui::Ui, language: Language, estate: &Estate, network: &Network) {
    ui.horizontal_wrapped(|ui| {
        let cut: Vec<&str> = estate
            .links
            .iter()
            .enumerate()
            .filter(|(i, _)| !network.link_up.get(*i).copied().unwrap_or(true))
            .map(|(_, l)| l.name.as_str())
            .collect();
        let up: Vec<&str> = estate
            .links
            .iter()
            .enumerate()
            .filter(|(i, _)| network.link_up.get(*i).copied().unwrap_or(true))
            .map(|(_, l)| l.name.as_str())
            .collect();
        ui.label(egui::RichText::new(language.tr("links")).strong());
        ui.label(language.trf("services-up", &[("count", &up.len())])).on_hover_text(up.join("\n"));
        let text =
            if cut.is_empty() { language.tr("none-cut").to_string() } else { language.trf("links-cut-count", &[("count", &cut.len())]) };
        ui.colored_label(if cut.is_empty() { theme::TEXT } else { VERMILLION }, text).on_hover_text(cut.join("\n"));
        if let Some(internet) = estate.links.iter().position(|l| l.kind == crate::data::scenario::LinkKind::Internet) {
            let up = network.link_up.get(internet).copied().unwrap_or(true);
            ui.colored_label(
                if up { theme::TEXT } else { VERMILLION },
                if up { language.tr("internet-up") } else { language.tr("internet-cut") },
            );
        }
    });
}

/// What the view knows of the host under the pointer.
fn host_tip(ui: &egui::Ui, exercise: &Exercise, facilitator: bool, cells: &[CellState], host: u32) {
    let language = exercise.setup.language;
    let story = exercise.host_story(host, facilitator);
    let state = cells.get(host as usize).copied().unwrap_or(CellState::Clean);
    egui::Tooltip::always_open(ui.ctx().clone(), ui.layer_id(), egui::Id::new("host-tip"), egui::PopupAnchor::Pointer).show(|ui| {
        ui.label(egui::RichText::new(format!("{} — {}", story.first().cloned().unwrap_or_default(), state.label(language))).strong());
        for line in story.iter().skip(1) {
            ui.label(line);
        }
    });
}

/// The segment under the pointer: its name and kind, and its hosts counted by state.
fn segment_tip(ui: &egui::Ui, language: Language, estate: &Estate, cells: &[CellState], segment: u32) {
    let info = &estate.segments[segment as usize];
    let mut counts = [0u32; CellState::ALL.len()];
    for &h in &info.hosts {
        counts[cells[h as usize] as usize] += 1;
    }
    let summary: Vec<String> = CellState::ALL
        .iter()
        .filter(|s| counts[**s as usize] > 0)
        .map(|s| format!("{} {}", counts[*s as usize], s.label(language)))
        .collect();
    egui::Tooltip::always_open(ui.ctx().clone(), ui.layer_id(), egui::Id::new("segment-tip"), egui::PopupAnchor::Pointer).show(|ui| {
        ui.label(egui::RichText::new(format!("{} ({})", info.name, crate::words::segment_kind(language, info.kind))).strong());
        ui.label(summary.join(", "));
    });
}
