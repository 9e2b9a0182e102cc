//! The care board: each site's services, a mark for each (up, on paper, down), and its patients at
//! risk, under the map of the room's picture; two blocks side by side when both fit.

use bevy_egui::egui;

use super::theme::{self, VERMILLION, style_width};
use crate::data::scenario::ServiceKind;
use crate::exercise::{Exercise, SiteCare};
use crate::i18n::Language;
use crate::sim::care::ServiceStatus;

/// Points between the board's columns.
const COLUMN_GAP: f32 = 6.0;
/// Points between the two blocks.
const BLOCK_GAP: f32 = 24.0;

/// The care board at the bottom of the room's picture, with the marks' key and the status line.
pub fn show(root: &mut egui::Ui, exercise: &Exercise, status: &str) {
    let language = exercise.setup.language;
    // The care board takes at most a third of the height, scrolling beyond, so that large text never
    // squeezes the map away.
    let most = root.ctx().viewport_rect().height() * 0.32;
    egui::Panel::bottom("care").max_size(most).show(root, |ui| {
        let status_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let board = exercise.care_board();
        let kinds: Vec<ServiceKind> = {
            let mut kinds: Vec<ServiceKind> = board.iter().flat_map(|s| s.services.iter().map(|(k, _, _)| *k)).collect();
            kinds.sort_by_key(|k| *k as u8);
            kinds.dedup();
            kinds
        };
        let sites: Vec<_> = board.iter().filter(|s| !s.services.is_empty()).collect();
        let blocks = if two_blocks_fit(ui, language, &kinds, &sites) { 2 } else { 1 };
        let mut scroll = egui::ScrollArea::vertical().id_salt("care-scroll").max_height((most - status_height).max(40.0));
        scroll = scroll.auto_shrink([false, true]);
        scroll.show(ui, |ui| {
            let per_block = sites.len().div_ceil(blocks).max(1);
            ui.horizontal_top(|ui| {
                ui.label(egui::RichText::new(language.tr("heading-care")).strong());
                for (b, chunk) in sites.chunks(per_block).enumerate() {
                    egui::Grid::new(("care-grid", b)).spacing([COLUMN_GAP, 1.0]).show(ui, |ui| {
                        ui.label("");
                        for kind in &kinds {
                            ui.label(egui::RichText::new(short(language, *kind)).small());
                        }
                        ui.label(egui::RichText::new(language.tr("risk")).small());
                        ui.end_row();
                        for site in chunk {
                            ui.label(crate::words::short_site_name(&site.site));
                            for kind in &kinds {
                                match site.services.iter().find(|(k, _, _)| k == kind) {
                                    Some((_, name, status)) => {
                                        let (mark, _) = theme::service_mark(*status);
                                        ui.colored_label(theme::service_colour(*status), egui::RichText::new(mark).strong())
                                            .on_hover_text(format!("{name}: {}", service_word(language, *status)));
                                    }
                                    None => {
                                        ui.label(egui::RichText::new("·").weak());
                                    }
                                }
                            }
                            if site.patients_at_risk > 0 {
                                ui.colored_label(VERMILLION, site.patients_at_risk.to_string());
                            } else {
                                ui.label("0");
                            }
                            ui.end_row();
                        }
                    });
                    ui.add_space(BLOCK_GAP);
                }
            });
        });
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(language.tr("up-p-paper-degraded-down")).small());
            if !status.is_empty() {
                ui.separator();
                ui.label(status);
            }
            if let Some(why) = &exercise.journal_error {
                ui.separator();
                ui.colored_label(VERMILLION, why);
            }
        });
    });
}

/// Whether the board's sites, split in two blocks, fit side by side in the panel's width at this text
/// size: measured on the words each block's columns hold.
fn two_blocks_fit(ui: &egui::Ui, language: Language, kinds: &[ServiceKind], sites: &[&SiteCare]) -> bool {
    let body = |text: &str| style_width(ui, text, egui::TextStyle::Body);
    let small = |text: &str| style_width(ui, text, egui::TextStyle::Small);
    // A grid's column is never narrower than a button.
    let narrowest = ui.spacing().interact_size.x;
    let columns: f32 = kinds.iter().map(|k| small(short(language, *k)).max(body("✖")).max(narrowest) + COLUMN_GAP).sum();
    let risk = small(language.tr("risk")).max(body("00000")).max(narrowest);
    let block = |chunk: &[&SiteCare]| {
        let names = chunk.iter().map(|s| body(crate::words::short_site_name(&s.site))).fold(narrowest, f32::max);
        names + COLUMN_GAP + columns + risk + BLOCK_GAP
    };
    let heading = body(language.tr("heading-care")) + ui.spacing().item_spacing.x;
    let blocks: f32 = sites.chunks(sites.len().div_ceil(2).max(1)).map(block).sum();
    heading + blocks <= ui.available_width()
}

fn short(language: Language, kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::EmergencyDepartment => language.tr("service-tag-ed"),
        ServiceKind::IntensiveCare => language.tr("service-tag-icu"),
        ServiceKind::OperatingTheatres => language.tr("service-tag-or"),
        ServiceKind::Dialysis => language.tr("service-tag-dial"),
        ServiceKind::CathLab => language.tr("service-tag-cath"),
        ServiceKind::Wards => language.tr("service-tag-ward"),
        ServiceKind::Laboratory => language.tr("service-tag-lab"),
        ServiceKind::Radiology => language.tr("service-tag-rad"),
        ServiceKind::Pharmacy => language.tr("service-tag-pha"),
        ServiceKind::Sterilisation => language.tr("service-tag-ster"),
        ServiceKind::Admissions => language.tr("service-tag-adm"),
        ServiceKind::Consultations => language.tr("service-tag-cons"),
        ServiceKind::Switchboard => language.tr("service-tag-tel"),
    }
}

/// A care service's state in words, beside its mark.
fn service_word(language: Language, status: ServiceStatus) -> &'static str {
    match status {
        ServiceStatus::Up => language.tr("status-up"),
        ServiceStatus::Degraded => language.tr("status-paper"),
        ServiceStatus::Down => language.tr("status-down"),
    }
}
