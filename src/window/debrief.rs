//! The debrief: the after-action report's content in the window (the score line by line, the plan's
//! milestones against the historical run, the charts, the timeline), the hot-wash questions with the
//! facilitator's answers, and the button that writes the report files.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::theme::{self, BLUISH_GREEN, ORANGE, VERMILLION};
use super::{Screen, Session};
use crate::exercise::Exercise;
use crate::i18n::Language;
use crate::report::{ReportInput, kind_word, score_lines, write_report_in};
use crate::score::{Comparison, MilestoneResult, MilestoneStatus, ScoredRun};

/// The ended exercise's result and the runs it is compared with.
pub struct Debrief {
    pub result: ScoredRun,
    /// The historical night, the best response and no response, on the same seed and for as long.
    pub comparison: Comparison,
    pub report_dir: String,
    /// What writing the report gave: the files, or why not.
    pub written: Option<Result<String, String>>,
    /// The charts show the first twelve hours, where most happens, rather than the whole run.
    pub first_hours_only: bool,
    /// The kinds of entry the timeline shows.
    pub timeline_kinds: Vec<crate::sim::EntryKind>,
}

impl Debrief {
    /// The debrief of an ended exercise; an improvement plan not yet begun starts from the objectives
    /// with challenges, their corrective actions left to write.
    pub fn new(exercise: &mut Exercise) -> Self {
        let (result, comparison) = exercise.result();
        let report_dir = format!("exercise-report-seed-{}", exercise.setup.seed);
        let timeline_kinds = TIMELINE_KINDS.iter().copied().filter(|k| *k != crate::sim::EntryKind::People).collect();
        let debrief = Self { result, comparison, report_dir, written: None, first_hours_only: true, timeline_kinds };
        if exercise.improvements.is_empty() {
            let suggested = debrief.with_input(exercise, crate::report::aar::improvement_plan);
            exercise.improvements = suggested;
        }
        debrief
    }

    /// Adds to the improvement plan a line for each objective with challenges it lacks (a mark given in
    /// the debrief can worsen an objective), keeping every line already written.
    fn add_new_challenges(&self, exercise: &mut Exercise) {
        let suggested = self.with_input(exercise, crate::report::aar::suggested_improvements);
        for item in suggested {
            if !exercise.improvements.iter().any(|i| i.objective == item.objective) {
                exercise.improvements.push(item);
            }
        }
    }

    /// Calls `f` with the report's input for this exercise as it stands.
    fn with_input<T>(&self, exercise: &Exercise, f: impl FnOnce(Language, &ReportInput) -> T) -> T {
        exercise.with_report_input(&self.result, &self.comparison, |input| f(exercise.setup.language, input))
    }

    /// Writes the report (report.html, report.md, timeline.csv, result.json, improvement-plan.csv and
    /// .xlsx), with the notes, answers, marks and improvement plan, in the exercise's language.
    pub fn write(&mut self, exercise: &mut Exercise) {
        exercise.record_answers();
        exercise.record_improvements();
        let dir = PathBuf::from(self.report_dir.trim());
        let written = self.with_input(exercise, |language, input| {
            write_report_in(language, &dir, input).map(|files| {
                language.trf("report-written", &[("files", &files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", "))])
            })
        });
        self.written = Some(written);
    }
}

fn status_text(language: Language, m: &MilestoneResult) -> (egui::Color32, String) {
    match m.status {
        MilestoneStatus::OnTime => {
            (BLUISH_GREEN, language.trf("checked-on-time-minutes", &[("minutes", &m.achieved_minutes.unwrap_or(0))]))
        }
        MilestoneStatus::Late => {
            (ORANGE, language.trf("countdown-late", &[("span", &crate::words::span(language, m.late_by_minutes.unwrap_or(0)))]))
        }
        MilestoneStatus::Missed => (VERMILLION, language.tr("checklist-missed").to_string()),
        MilestoneStatus::Anticipated => {
            let key = if m.may_anticipate { "anticipated-counted" } else { "anticipated-not-counted" };
            let colour = if m.may_anticipate { BLUISH_GREEN } else { ORANGE };
            (colour, language.trf(key, &[("minutes", &m.anticipated_by_minutes.unwrap_or(0))]))
        }
        MilestoneStatus::NotDue => (theme::CLEAN_GREY, language.tr("milestone-not-due").to_string()),
        MilestoneStatus::NotApplicable => (theme::CLEAN_GREY, language.tr("milestone-not-applicable").to_string()),
    }
}

pub fn show(mut contexts: EguiContexts, mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = super::exercise_screen::root_ui(&ctx);
    let session = &mut *session;
    let (Some(exercise), Some(debrief)) = (session.exercise.as_mut(), session.debrief.as_mut()) else {
        next.set(Screen::Start);
        return Ok(());
    };
    let mut new_exercise = false;
    let language = exercise.setup.language;
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            headline(ui, language, exercise, debrief);
            ui.separator();
            score_table(ui, language, &debrief.result);
            ui.separator();
            milestone_table(ui, language, debrief);
            ui.separator();
            super::debrief_charts::charts(ui, language, debrief);
            ui.separator();
            timeline_table(ui, language, debrief);
            ui.separator();
            objectives(ui, language, exercise, debrief);
            ui.separator();
            inject_marks(ui, language, exercise, debrief);
            ui.separator();
            improvement_plan(ui, language, exercise);
            ui.separator();
            hot_wash(ui, language, exercise);
            ui.separator();
            new_exercise = report_controls(ui, language, exercise, debrief);
        });
    });
    if new_exercise {
        next.set(Screen::Start);
    }
    Ok(())
}

/// The title, the run's span, the scores beside those of the runs compared, and what became of the hosts.
fn headline(ui: &mut egui::Ui, language: Language, exercise: &Exercise, debrief: &Debrief) {
    let result = &debrief.result;
    ui.heading(egui::RichText::new(language.trf("debrief-title", &[("scenario", &exercise.scenario().meta.name)])).size(30.0));
    ui.label(language.trf(
        "seed-span",
        &[("seed", &result.run.seed), ("from", &result.run.start), ("to", &result.run.end), ("minutes", &result.run.minutes)],
    ));
    let total = |r: Option<&ScoredRun>| r.and_then(|r| r.score.as_ref()).map_or("–".to_string(), |s| format!("{:.1}", s.total));
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(language.trf("score-of-100", &[("score", &total(Some(result)))])).size(34.0).strong());
        ui.separator();
        ui.label(language.trf(
            "comparison-scores",
            &[
                ("historical", &total(debrief.comparison.historical.as_ref())),
                ("best", &total(Some(&debrief.comparison.best))),
                ("none", &total(Some(&debrief.comparison.no_response))),
            ],
        ));
    });
    let h = &result.run.hosts;
    ui.label(language.trf(
        "debrief-hosts-line",
        &[
            ("encrypted", &format!("{:.0}", h.encrypted_ever)),
            ("total", &h.total),
            ("percent", &format!("{:.1}", 100.0 * result.run.encrypted_ever_fraction())),
            ("powered_off", &h.powered_off),
            ("compromised", &h.compromised),
            ("gigabytes", &format!("{:.0}", result.run.attack.exfiltrated_gb)),
        ],
    ));
}

/// The score line by line, or why there is none.
fn score_table(ui: &mut egui::Ui, language: Language, result: &ScoredRun) {
    ui.heading(language.tr("score-line-line"));
    if result.score.is_some() {
        let what_happened = ui.available_width() * 0.4;
        egui::Grid::new("score").striped(true).num_columns(5).max_col_width(what_happened).show(ui, |ui| {
            for heading in ["line", "what-happened", "column-no-response", "column-best-response", "points"] {
                ui.label(egui::RichText::new(language.tr(heading)).strong());
            }
            ui.end_row();
            for line in score_lines(language, result) {
                ui.label(&line.label);
                // What happened wraps, so that the counterfactuals and the points stay on screen.
                ui.add(egui::Label::new(&line.value).wrap());
                ui.label(&line.no_response);
                ui.label(&line.best);
                ui.label(if line.counted { format!("{:.1} / {:.1}", line.points, line.max_points) } else { "–".to_string() });
                ui.end_row();
            }
        });
        ui.label(egui::RichText::new(language.tr("score-explained")).small());
    } else {
        ui.label(language.tr("plan-chosen-nothing-score-against"));
    }
}

/// Each milestone of the plan as the exercise met it, beside the historical run.
fn milestone_table(ui: &mut egui::Ui, language: Language, debrief: &Debrief) {
    ui.heading(language.tr("plan-milestones"));
    egui::Grid::new("milestones").striped(true).num_columns(3).show(ui, |ui| {
        ui.label(egui::RichText::new(language.tr("debrief-milestone")).strong());
        ui.label(egui::RichText::new(language.tr("exercise")).strong());
        ui.label(egui::RichText::new(language.tr("historical")).strong());
        ui.end_row();
        for m in &debrief.result.milestones {
            ui.label(format!("{} (≤ {} min)", m.name, m.target_minutes));
            let (colour, text) = status_text(language, m);
            ui.colored_label(colour, text);
            let historical = debrief.comparison.historical.as_ref().and_then(|h| h.milestones.iter().find(|x| x.id == m.id));
            match historical {
                Some(x) => {
                    let (colour, text) = status_text(language, x);
                    ui.colored_label(colour, text);
                }
                None => {
                    ui.label("–");
                }
            }
            ui.end_row();
        }
    });
}

/// Every kind of timeline entry, in the order the filters offer them.
const TIMELINE_KINDS: [crate::sim::EntryKind; 9] = {
    use crate::sim::EntryKind::*;
    [Decision, Effect, Alert, Confirmation, Inject, Care, Outside, People, Attack]
};

/// The whole timeline, filtered by kind; the attack's own entries are among the kinds.
fn timeline_table(ui: &mut egui::Ui, language: Language, debrief: &mut Debrief) {
    ui.heading(language.tr("timeline"));
    ui.horizontal_wrapped(|ui| {
        for kind in TIMELINE_KINDS {
            let mut shown = debrief.timeline_kinds.contains(&kind);
            if ui.checkbox(&mut shown, kind_word(language, kind)).changed() {
                debrief.timeline_kinds.retain(|k| *k != kind);
                if shown {
                    debrief.timeline_kinds.push(kind);
                }
            }
        }
    });
    let result = &debrief.result;
    egui::ScrollArea::vertical().id_salt("debrief-timeline").max_height(520.0).show(ui, |ui| {
        egui::Grid::new("timeline").striped(true).num_columns(3).show(ui, |ui| {
            for row in result.run.timeline.iter().filter(|r| debrief.timeline_kinds.contains(&r.kind)) {
                ui.label(egui::RichText::new(&row.at).monospace());
                ui.label(kind_word(language, row.kind));
                ui.label(&row.text);
                ui.end_row();
            }
        });
    });
}

/// The hot-wash questions with the facilitator's answers, and the observer's notes.
fn hot_wash(ui: &mut egui::Ui, language: Language, exercise: &mut Exercise) {
    ui.heading(language.tr("hot-wash"));
    let questions = exercise.scenario().hot_wash.clone();
    let mut typed = false;
    for (question, answer) in questions.iter().zip(exercise.answers.iter_mut()) {
        ui.label(egui::RichText::new(question).strong());
        typed |= ui.add(egui::TextEdit::multiline(answer).desired_rows(2).desired_width(f32::INFINITY)).changed();
    }
    // Every answer reaches the journal as it is typed: nothing is lost if the window dies.
    if typed {
        exercise.record_answers();
    }
    if let Some(why) = &exercise.journal_error {
        ui.colored_label(VERMILLION, why);
    }
    if !exercise.notes.is_empty() {
        ui.heading(language.tr("observer-notes"));
        for note in &exercise.notes {
            ui.label(format!("{} — {}", note.at, note.text));
        }
    }
}

/// Each objective with its rating, as the report gives it.
fn objectives(ui: &mut egui::Ui, language: Language, exercise: &Exercise, debrief: &Debrief) {
    let ratings = debrief.with_input(exercise, crate::report::aar::rate_objectives);
    if ratings.is_empty() {
        return;
    }
    ui.heading(language.tr("objectives-rated"));
    let column = ui.available_width() * 0.4;
    egui::Grid::new("objectives").striped(true).num_columns(3).max_col_width(column).show(ui, |ui| {
        for heading in ["column-objective", "column-rating", "column-improvements"] {
            ui.label(egui::RichText::new(language.tr(heading)).strong());
        }
        ui.end_row();
        for o in ratings {
            ui.add(egui::Label::new(format!("{} ({} min)", o.name, o.target_minutes)).wrap());
            let (colour, word) = match o.rating {
                Some(crate::report::aar::Rating::Performed) => (BLUISH_GREEN, o.rating.map(|r| r.label(language))),
                Some(crate::report::aar::Rating::SomeChallenges) => (ORANGE, o.rating.map(|r| r.label(language))),
                Some(_) => (VERMILLION, o.rating.map(|r| r.label(language))),
                None => (theme::CLEAN_GREY, Some(language.tr("rating-not-rated"))),
            };
            ui.colored_label(colour, word.unwrap_or_default());
            ui.add(egui::Label::new(o.improvements.join(" · ")).wrap());
            ui.end_row();
        }
    });
}

/// The injects delivered with their expected responses, for the facilitator to mark any left unmarked.
fn inject_marks(ui: &mut egui::Ui, language: Language, exercise: &mut Exercise, debrief: &Debrief) {
    let delivered = exercise.delivered_injects();
    if delivered.is_empty() {
        return;
    }
    ui.heading(language.tr("injects-and-responses"));
    let mut marked = None;
    let column = ui.available_width() * 0.36;
    egui::Grid::new("inject-marks").striped(true).num_columns(3).max_col_width(column).show(ui, |ui| {
        for inject in &delivered {
            ui.add(egui::Label::new(format!("{} — {}", exercise.local(inject.minute), inject.text)).wrap());
            ui.add(egui::Label::new(&inject.expected).wrap());
            ui.horizontal(|ui| {
                for mark in crate::exercise::moments::ResponseMark::ALL {
                    let chosen = inject.mark.is_some_and(|(m, _)| m == mark);
                    if ui.selectable_label(chosen, mark.label(language)).clicked() && !chosen {
                        marked = Some((inject.rank, mark));
                    }
                }
            });
            ui.end_row();
        }
    });
    if let Some((rank, mark)) = marked {
        exercise.mark_response(rank, mark);
        debrief.add_new_challenges(exercise);
    }
}

/// The improvement plan: each line's corrective action, who carries it, and when, typed in here and
/// written with the report (and as a spreadsheet).
fn improvement_plan(ui: &mut egui::Ui, language: Language, exercise: &mut Exercise) {
    ui.heading(language.tr("improvement-plan"));
    let roles: Vec<String> = exercise.scenario().roles.iter().map(|r| r.name.clone()).collect();
    let mut remove = None;
    egui::Grid::new("improvement-plan").striped(true).num_columns(6).show(ui, |ui| {
        for heading in ["column-objective", "column-corrective-action", "column-responsible", "column-start", "column-end"] {
            ui.label(egui::RichText::new(language.tr(heading)).strong());
        }
        ui.end_row();
        for (i, item) in exercise.improvements.iter_mut().enumerate() {
            ui.vertical(|ui| {
                ui.add(egui::TextEdit::singleline(&mut item.objective).desired_width(360.0));
                ui.label(egui::RichText::new(&item.issue).small());
            });
            ui.add(egui::TextEdit::multiline(&mut item.action).desired_rows(2).desired_width(420.0));
            egui::ComboBox::from_id_salt(("responsible", i)).selected_text(item.responsible.clone()).width(220.0).show_ui(ui, |ui| {
                for role in &roles {
                    ui.selectable_value(&mut item.responsible, role.clone(), role);
                }
            });
            ui.add(egui::TextEdit::singleline(&mut item.start).desired_width(110.0).hint_text("2026-01-15"));
            ui.add(egui::TextEdit::singleline(&mut item.end).desired_width(110.0).hint_text("2026-06-30"));
            if ui.button("✖").on_hover_text(language.tr("remove-line")).clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        exercise.improvements.remove(i);
    }
    if ui.button(language.tr("add-line")).clicked() {
        exercise.improvements.push(crate::report::ImprovementItem::default());
    }
    // The plan reaches the journal whole once the field being typed in is left, not at every key.
    if ui.ctx().memory(|m| m.focused().is_none()) {
        exercise.record_improvements();
    }
}

/// The report folder, the buttons that write the report and start anew, and what writing gave.
/// Returns whether a new exercise was asked for.
fn report_controls(ui: &mut egui::Ui, language: Language, exercise: &mut Exercise, debrief: &mut Debrief) -> bool {
    let mut new_exercise = false;
    ui.horizontal(|ui| {
        ui.label(language.tr("report-folder"));
        ui.add(egui::TextEdit::singleline(&mut debrief.report_dir).desired_width(420.0));
        if ui.button(language.tr("write-report")).clicked() {
            debrief.write(exercise);
        }
        if ui.button(language.tr("new-exercise")).clicked() {
            new_exercise = true;
        }
    });
    match &debrief.written {
        Some(Ok(files)) => {
            ui.colored_label(BLUISH_GREEN, files);
        }
        Some(Err(why)) => {
            ui.colored_label(VERMILLION, why);
        }
        None => {}
    }
    new_exercise
}
