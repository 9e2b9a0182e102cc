//! The start screen: the scenario, the plan, the seed, the roles at the table, the clock speed, and the
//! facilitator view.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{PlayOptions, RoomSettings, Screen, Session};
use crate::data::load::{self, EMBEDDED_PLANS, EMBEDDED_PLAYBOOKS};
use crate::data::plan::Plan;
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::exercise::{ExerciseSetup, Speed};

/// What the start screen holds until the exercise starts.
pub struct StartForm {
    pub scenario: Arc<Scenario>,
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
            scenario: options.scenario.clone(),
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
        let mut setup = ExerciseSetup::new(self.scenario.clone(), self.plan.clone(), self.seed);
        setup.roles_at_table =
            self.scenario.roles.iter().zip(&self.at_table).filter(|(_, here)| **here).map(|(r, _)| r.id.clone()).collect();
        setup.speed = self.speed;
        setup.pause_on_inject = self.pause_on_inject;
        setup.autopilot = self.autopilot.clone();
        setup
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
            ui.vertical_centered(|ui| {
                ui.heading(egui::RichText::new("crisis-cell").size(40.0));
                ui.label("A ransomware attack on a hospital group, played by its crisis cell.");
            });
            ui.add_space(12.0);
            let form = &mut session.form;
            egui::Grid::new("start").num_columns(2).spacing([24.0, 10.0]).show(ui, |ui| {
                ui.label("Scenario");
                ui.vertical(|ui| {
                    ui.label(egui::RichText::new(&form.scenario.meta.name).strong());
                    ui.label(format!("{} — starts {} ({})", form.scenario_label, form.scenario.meta.start, form.scenario.meta.time_zone));
                    ui.horizontal(|ui| {
                        ui.label("Another:");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.scenario_path)
                                .hint_text("a .ron file or a built-in name")
                                .desired_width(360.0),
                        );
                        if ui.button("Load").clicked() {
                            let path = form.scenario_path.trim().to_string();
                            form.load_scenario(&path);
                        }
                    });
                    if !form.problems.is_empty() {
                        ui.colored_label(super::theme::VERMILLION, &form.problems);
                    }
                });
                ui.end_row();

                ui.label("Plan");
                egui::ComboBox::from_id_salt("plan").selected_text(&form.plan_name).show_ui(ui, |ui| {
                    for (name, _) in EMBEDDED_PLANS {
                        if ui.selectable_label(form.plan_name == *name, *name).clicked()
                            && let Ok(plan) = load::load_plan(name, &form.scenario)
                        {
                            form.plan_name = plan.name.clone();
                            form.plan = Some(plan);
                        }
                    }
                    if ui.selectable_label(form.plan.is_none(), "none").clicked() {
                        form.plan = None;
                        form.plan_name = "none".to_string();
                    }
                });
                ui.end_row();

                ui.label("Seed");
                ui.add(egui::DragValue::new(&mut form.seed).range(0..=u64::MAX));
                ui.end_row();

                ui.label("Roles at the table");
                ui.vertical(|ui| {
                    for (role, here) in form.scenario.roles.iter().zip(form.at_table.iter_mut()) {
                        ui.checkbox(here, &role.name);
                    }
                    ui.label(egui::RichText::new("The facilitator takes the decisions of roles nobody plays.").small());
                });
                ui.end_row();

                ui.label("Clock speed");
                ui.horizontal(|ui| {
                    for speed in Speed::ALL {
                        ui.selectable_value(&mut form.speed, speed, speed.label());
                    }
                });
                ui.end_row();

                ui.label("Injects");
                ui.checkbox(&mut form.pause_on_inject, "Stop the clock when an inject arrives");
                ui.end_row();

                ui.label("Decisions laid on");
                egui::ComboBox::from_id_salt("autopilot").selected_text(&form.autopilot_name).show_ui(ui, |ui| {
                    if ui.selectable_label(form.autopilot.is_none(), "none: the cell decides").clicked() {
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

                ui.label("Facilitator view");
                ui.checkbox(&mut room.facilitator, "Show the hidden truth and the facilitator's controls (F)");
                ui.end_row();

                ui.label("Text size");
                ui.add(egui::Slider::new(&mut room.font_scale, 0.8..=2.0).step_by(0.1).suffix("×"));
                ui.end_row();
            });
            ui.add_space(16.0);
            ui.vertical_centered(|ui| {
                if ui.add(egui::Button::new(egui::RichText::new("Start the exercise").size(24.0))).clicked() {
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
