//! The start screen: the language, the scenario, the plan, the seed, the roles at the table, the clock
//! speed, and the facilitator's console.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{PlayOptions, RoomSettings, Screen, Session};
use crate::data::load::{self, EMBEDDED_PLANS, EMBEDDED_PLAYBOOKS};
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::exercise::{ExerciseSetup, Speed};
use crate::i18n::Language;
use crate::setup::{RunRequest, RunSetup};

/// What the start screen holds until the exercise starts.
pub struct StartForm {
    /// The scenario, plan, laid-on playbook, seed and language, loaded and checked as every run is.
    pub run: RunSetup,
    /// What the "Another" box holds: a path or a built-in name.
    pub scenario_path: String,
    pub at_table: Vec<bool>,
    pub speed: Speed,
    /// The speed follows the room's pace (slow through the night, fast for the long hours).
    pub room_pace: bool,
    pub pause_on_inject: bool,
    /// The built-in playbooks written for the scenario in use, which can be laid on; loaded with the
    /// scenario rather than on every frame the list is open.
    offered: Vec<Playbook>,
    /// Why the last scenario or plan chosen could not be taken.
    pub problems: String,
}

impl StartForm {
    pub fn new(options: &PlayOptions) -> Self {
        Self {
            at_table: options.setup.scenario.roles.iter().map(|r| !options.setup.playbook_roles.contains(&r.id)).collect(),
            run: options.setup.clone(),
            scenario_path: String::new(),
            speed: Speed::X60,
            room_pace: true,
            pause_on_inject: true,
            offered: offered_playbooks(&options.setup.written),
            problems: String::new(),
        }
    }

    pub fn language(&self) -> Language {
        self.run.language
    }

    pub fn setup(&self) -> ExerciseSetup {
        let mut setup = ExerciseSetup::from_run(&self.run);
        setup.roles_at_table =
            self.run.scenario.roles.iter().zip(&self.at_table).filter(|(_, here)| **here).map(|(r, _)| r.id.clone()).collect();
        setup.speed = self.speed;
        setup.pace = self.room_pace.then(crate::exercise::Pace::room);
        setup.pause_on_inject = self.pause_on_inject;
        setup
    }

    /// Speaks another language: the screen at once, the exercise when it starts.
    pub fn set_language(&mut self, language: Language) {
        if language != self.run.language {
            self.run.set_language(language);
        }
    }

    /// Loads another scenario from a path or a built-in name, with its own plan; problems are kept to
    /// be shown, and the scenario in use stays.
    fn load_scenario(&mut self, name_or_path: &str) {
        let request = RunRequest { scenario: name_or_path, seed: self.run.seed, language: self.run.language, ..Default::default() };
        match RunSetup::prepare(&request) {
            Ok(run) => {
                self.at_table = vec![true; run.scenario.roles.len()];
                self.offered = offered_playbooks(&run.written);
                self.run = run;
                self.problems.clear();
            }
            Err(problems) => self.problems = problems.to_string(),
        }
    }

    /// Scores against a built-in plan, or none.
    fn choose_plan(&mut self, name: Option<&str>) {
        match self.run.set_plan(name) {
            Ok(()) => self.problems.clear(),
            Err(problems) => self.problems = problems.to_string(),
        }
    }
}

/// The built-in playbooks that fit a scenario (a playbook for another scenario is not offered).
fn offered_playbooks(scenario: &Scenario) -> Vec<Playbook> {
    EMBEDDED_PLAYBOOKS.iter().filter_map(|(name, _)| load::load_playbook(name, scenario).ok()).collect()
}

pub fn show(
    mut contexts: EguiContexts,
    mut session: ResMut<Session>,
    mut room: ResMut<RoomSettings>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::exercise_screen::root_ui(ctx);
    let mut start = false;
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let form = &mut session.form;
            // The language of this frame: one chosen now is spoken from the next.
            let language = form.language();
            ui.vertical_centered(|ui| {
                ui.heading(egui::RichText::new("crisis-cell").size(40.0));
                ui.label(language.tr("ransomware-attack-hospital-group-played"));
            });
            ui.add_space(12.0);
            egui::Grid::new("start").num_columns(2).spacing([24.0, 10.0]).show(ui, |ui| {
                language_row(ui, language, form);
                scenario_row(ui, language, form);
                plan_row(ui, language, form);
                table_rows(ui, language, form);
                autopilot_row(ui, language, form);
                room_rows(ui, language, &mut room);
            });
            ui.add_space(16.0);
            ui.vertical_centered(|ui| {
                if ui.add(egui::Button::new(egui::RichText::new(language.tr("start-exercise")).size(24.0))).clicked() {
                    start = true;
                }
            });
        });
    });
    if start {
        super::begin(&mut session, &mut next);
    }
    Ok(())
}

fn language_row(ui: &mut egui::Ui, language: Language, form: &mut StartForm) {
    ui.label(language.tr("language"));
    ui.horizontal(|ui| {
        let mut chosen = language;
        for choice in Language::ALL {
            ui.selectable_value(&mut chosen, choice, choice.name());
        }
        form.set_language(chosen);
    });
    ui.end_row();
}

/// The scenario in use, and the box that loads another.
fn scenario_row(ui: &mut egui::Ui, language: Language, form: &mut StartForm) {
    ui.label(language.tr("scenario"));
    ui.vertical(|ui| {
        let scenario = &form.run.scenario;
        ui.label(egui::RichText::new(&scenario.meta.name).strong());
        // A built-in scenario is said so in the screen's language; the start reads as a date and a time.
        let label = match form.run.label.strip_suffix(" (built in)") {
            Some(name) => language.trf("built-in-scenario", &[("name", &name)]),
            None => form.run.label.clone(),
        };
        let start = scenario.meta.start.replace('T', " ");
        ui.label(language.trf("start-scenario-line", &[("scenario", &label), ("start", &start), ("zone", &scenario.meta.time_zone)]));
        ui.horizontal(|ui| {
            ui.label(language.tr("another"));
            ui.add(
                egui::TextEdit::singleline(&mut form.scenario_path).hint_text(language.tr("ron-file-or-built-name")).desired_width(360.0),
            );
            if ui.button(language.tr("load")).clicked() {
                let path = form.scenario_path.trim().to_string();
                form.load_scenario(&path);
            }
        });
        if !form.problems.is_empty() {
            ui.colored_label(super::theme::VERMILLION, &form.problems);
        }
    });
    ui.end_row();
}

/// The built-in plan scored against, or none.
fn plan_row(ui: &mut egui::Ui, language: Language, form: &mut StartForm) {
    ui.label(language.tr("plan"));
    let plan_id = form.run.written_plan.as_ref().map(|p| p.id.clone());
    let plan_name = form.run.plan.as_ref().map_or_else(|| language.tr("none").to_string(), |p| p.name.clone());
    egui::ComboBox::from_id_salt("plan").selected_text(plan_name).show_ui(ui, |ui| {
        for (name, _) in EMBEDDED_PLANS {
            if ui.selectable_label(plan_id.as_deref() == Some(*name), *name).clicked() {
                form.choose_plan(Some(name));
            }
        }
        if ui.selectable_label(plan_id.is_none(), language.tr("none")).clicked() {
            form.choose_plan(None);
        }
    });
    ui.end_row();
}

/// What the table plays with: the seed, the roles present, the clock's speed and its stops.
fn table_rows(ui: &mut egui::Ui, language: Language, form: &mut StartForm) {
    ui.label(language.tr("seed"));
    ui.add(egui::DragValue::new(&mut form.run.seed).range(0..=u64::MAX));
    ui.end_row();

    ui.label(language.tr("roles-table"));
    ui.vertical(|ui| {
        for (role, here) in form.run.scenario.roles.iter().zip(form.at_table.iter_mut()) {
            ui.checkbox(here, &role.name);
        }
        ui.label(egui::RichText::new(language.tr("facilitator-takes-decisions-roles-nobody")).small());
    });
    ui.end_row();

    ui.label(language.tr("clock-speed"));
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut form.room_pace, true, language.tr("room-pace")).on_hover_text(language.tr("room-pace-explained"));
        for speed in Speed::ALL {
            if ui.selectable_label(!form.room_pace && form.speed == speed, speed.label()).clicked() {
                form.speed = speed;
                form.room_pace = false;
            }
        }
    });
    ui.end_row();

    ui.label(language.tr("injects"));
    ui.checkbox(&mut form.pause_on_inject, language.tr("stop-clock-when-inject-arrives"));
    ui.end_row();
}

/// The built-in playbook whose decisions are laid on the exercise, among those for this scenario.
fn autopilot_row(ui: &mut egui::Ui, language: Language, form: &mut StartForm) {
    ui.label(language.tr("decisions-laid"));
    let autopilot_name = form.run.playbook.as_ref().map_or_else(|| language.tr("none-cell-decides").to_string(), |p| p.name.clone());
    egui::ComboBox::from_id_salt("autopilot").selected_text(autopilot_name).show_ui(ui, |ui| {
        if ui.selectable_label(form.run.playbook.is_none(), language.tr("none-cell-decides")).clicked() {
            form.run.playbook = None;
        }
        for playbook in &form.offered {
            let chosen = form.run.playbook.as_ref().is_some_and(|p| p.name.starts_with(&playbook.name));
            if ui.selectable_label(chosen, &playbook.name).clicked() {
                // A playbook chosen here plays the roles the command line gave it, as the one given did.
                let roles = &form.run.playbook_roles;
                form.run.playbook = Some(if roles.is_empty() { playbook.clone() } else { playbook.for_roles(&form.run.scenario, roles) });
            }
        }
    });
    ui.end_row();
}

/// The room's settings, kept across exercises: the facilitator's console and the text size. The room's
/// picture never shows the hidden truth unless the facilitator turns it on from the console.
fn room_rows(ui: &mut egui::Ui, language: Language, room: &mut RoomSettings) {
    ui.label(language.tr("facilitator-view"));
    ui.checkbox(&mut room.console, language.tr("show-hidden-truth-facilitator-controls"));
    ui.end_row();

    ui.label(language.tr("text-size"));
    ui.add(egui::Slider::new(&mut room.font_scale, 0.8..=2.0).step_by(0.1).suffix("×"));
    ui.end_row();
}
