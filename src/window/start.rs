//! The start screen: the language, the scenario, the plan, the seed, the roles at the table, the clock
//! speed, and the facilitator view.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{PlayOptions, RoomSettings, Screen, Session};
use crate::data::load::{self, EMBEDDED_PLANS, EMBEDDED_PLAYBOOKS};
use crate::data::plan::Plan;
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::exercise::{ExerciseSetup, Speed};
use crate::i18n::Language;

/// What the start screen holds until the exercise starts.
pub struct StartForm {
    /// The window's language, and the exercise's.
    pub language: Language,
    /// The scenario as loaded, in the language it is written in.
    pub scenario: Arc<Scenario>,
    /// The scenario in the chosen language: what the screen shows and the exercise is built on.
    pub localized: Arc<Scenario>,
    pub scenario_label: String,
    /// How the scenario was named: a built-in name or a path.
    pub scenario_source: String,
    pub scenario_path: String,
    pub plan: Option<Plan>,
    pub plan_name: String,
    pub seed: u64,
    pub at_table: Vec<bool>,
    pub speed: Speed,
    pub pause_on_inject: bool,
    pub autopilot: Option<Playbook>,
    pub autopilot_name: String,
    pub problems: String,
}

impl StartForm {
    pub fn new(options: &PlayOptions) -> Self {
        Self {
            language: options.language,
            scenario: options.scenario.clone(),
            localized: Arc::new(options.scenario.in_language(options.language)),
            scenario_label: options.scenario_label.clone(),
            scenario_source: options.scenario_source.clone(),
            scenario_path: String::new(),
            plan_name: options.plan.as_ref().map_or_else(|| "none".to_string(), |p| p.name.clone()),
            plan: options.plan.clone(),
            seed: options.seed,
            at_table: vec![true; options.scenario.roles.len()],
            speed: Speed::X60,
            pause_on_inject: true,
            autopilot_name: options.autopilot.as_ref().map_or_else(|| "none".to_string(), |p| p.name.clone()),
            autopilot: options.autopilot.clone(),
            problems: String::new(),
        }
    }

    pub fn setup(&self) -> ExerciseSetup {
        let plan = self.plan.as_ref().map(|p| p.in_language(self.language));
        let mut setup = ExerciseSetup::new(self.localized.clone(), plan, self.seed);
        setup.language = self.language;
        setup.roles_at_table =
            self.localized.roles.iter().zip(&self.at_table).filter(|(_, here)| **here).map(|(r, _)| r.id.clone()).collect();
        setup.speed = self.speed;
        setup.pause_on_inject = self.pause_on_inject;
        setup.autopilot = self.autopilot.clone();
        setup
    }

    /// Speaks another language: the screen at once, the exercise when it starts.
    pub fn set_language(&mut self, language: Language) {
        if language != self.language {
            self.language = language;
            self.localized = Arc::new(self.scenario.in_language(language));
        }
    }

    /// Loads another scenario from a path or a built-in name; problems are kept to be shown.
    fn load_scenario(&mut self, name_or_path: &str) {
        match load::load_scenario(name_or_path) {
            Ok(loaded) => {
                let scenario = Arc::new(loaded.scenario);
                self.plan = load::scenario_plan(&scenario, loaded.folder.as_deref()).ok().flatten();
                self.plan_name = self.plan.as_ref().map_or_else(|| "none".to_string(), |p| p.name.clone());
                self.at_table = vec![true; scenario.roles.len()];
                self.autopilot = None;
                self.autopilot_name = "none".to_string();
                self.localized = Arc::new(scenario.in_language(self.language));
                self.scenario = scenario;
                self.scenario_label = loaded.label;
                self.scenario_source = name_or_path.to_string();
                self.problems.clear();
            }
            Err(problems) => self.problems = problems.to_string(),
        }
    }
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
            let language = form.language;
            ui.vertical_centered(|ui| {
                ui.heading(egui::RichText::new("crisis-cell").size(40.0));
                ui.label(language.tr("A ransomware attack on a hospital group, played by its crisis cell."));
            });
            ui.add_space(12.0);
            egui::Grid::new("start").num_columns(2).spacing([24.0, 10.0]).show(ui, |ui| {
                ui.label(language.tr("Language"));
                ui.horizontal(|ui| {
                    let mut chosen = language;
                    for choice in Language::ALL {
                        ui.selectable_value(&mut chosen, choice, choice.name());
                    }
                    form.set_language(chosen);
                });
                ui.end_row();

                ui.label(language.tr("Scenario"));
                ui.vertical(|ui| {
                    ui.label(egui::RichText::new(&form.localized.meta.name).strong());
                    ui.label(
                        language.trf(
                            "{} — starts {} ({})",
                            &[&form.scenario_label, &form.localized.meta.start, &form.localized.meta.time_zone],
                        ),
                    );
                    ui.horizontal(|ui| {
                        ui.label(language.tr("Another:"));
                        ui.add(
                            egui::TextEdit::singleline(&mut form.scenario_path)
                                .hint_text(language.tr("a .ron file or a built-in name"))
                                .desired_width(360.0),
                        );
                        if ui.button(language.tr("Load")).clicked() {
                            let path = form.scenario_path.trim().to_string();
                            form.load_scenario(&path);
                        }
                    });
                    if !form.problems.is_empty() {
                        ui.colored_label(super::theme::VERMILLION, &form.problems);
                    }
                });
                ui.end_row();

                ui.label(language.tr("Plan"));
                let plan_name = if form.plan.is_none() { language.tr("none").to_string() } else { form.plan_name.clone() };
                egui::ComboBox::from_id_salt("plan").selected_text(plan_name).show_ui(ui, |ui| {
                    for (name, _) in EMBEDDED_PLANS {
                        if ui.selectable_label(form.plan_name == *name, *name).clicked()
                            && let Ok(plan) = load::load_plan(name, &form.scenario)
                        {
                            form.plan_name = plan.name.clone();
                            form.plan = Some(plan);
                        }
                    }
                    if ui.selectable_label(form.plan.is_none(), language.tr("none")).clicked() {
                        form.plan = None;
                        form.plan_name = "none".to_string();
                    }
                });
                ui.end_row();

                ui.label(language.tr("Seed"));
                ui.add(egui::DragValue::new(&mut form.seed).range(0..=u64::MAX));
                ui.end_row();

                ui.label(language.tr("Roles at the table"));
                ui.vertical(|ui| {
                    for (role, here) in form.localized.roles.iter().zip(form.at_table.iter_mut()) {
                        ui.checkbox(here, &role.name);
                    }
                    ui.label(egui::RichText::new(language.tr("The facilitator takes the decisions of roles nobody plays.")).small());
                });
                ui.end_row();

                ui.label(language.tr("Clock speed"));
                ui.horizontal(|ui| {
                    for speed in Speed::ALL {
                        ui.selectable_value(&mut form.speed, speed, speed.label());
                    }
                });
                ui.end_row();

                ui.label(language.tr("Injects"));
                ui.checkbox(&mut form.pause_on_inject, language.tr("Stop the clock when an inject arrives"));
                ui.end_row();

                ui.label(language.tr("Decisions laid on"));
                let autopilot_name =
                    if form.autopilot.is_none() { language.tr("none: the cell decides").to_string() } else { form.autopilot_name.clone() };
                egui::ComboBox::from_id_salt("autopilot").selected_text(autopilot_name).show_ui(ui, |ui| {
                    if ui.selectable_label(form.autopilot.is_none(), language.tr("none: the cell decides")).clicked() {
                        form.autopilot = None;
                        form.autopilot_name = "none".to_string();
                    }
                    for (name, _) in EMBEDDED_PLAYBOOKS {
                        if ui.selectable_label(form.autopilot_name == *name, *name).clicked()
                            && let Ok(playbook) = load::load_playbook(name, &form.scenario)
                        {
                            form.autopilot_name = playbook.name.clone();
                            form.autopilot = Some(playbook);
                        }
                    }
                });
                ui.end_row();

                ui.label(language.tr("Facilitator view"));
                ui.checkbox(&mut room.facilitator, language.tr("Show the hidden truth and the facilitator's controls (F)"));
                ui.end_row();

                ui.label(language.tr("Text size"));
                ui.add(egui::Slider::new(&mut room.font_scale, 0.8..=2.0).step_by(0.1).suffix("×"));
                ui.end_row();
            });
            ui.add_space(16.0);
            ui.vertical_centered(|ui| {
                if ui.add(egui::Button::new(egui::RichText::new(language.tr("Start the exercise")).size(24.0))).clicked() {
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
