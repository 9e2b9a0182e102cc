//! Colours, shapes and text sizes that hold up on a projector and for colour-blind players: every
//! state has its own shape as well as its colour (Okabe-Ito palette), and no text is drawn smaller than
//! the base size times the chosen scale.

use bevy_egui::egui::{self, Color32, FontFamily, FontId, Painter, Pos2, Rect, Stroke, TextStyle, Vec2};

use crate::exercise::CellState;
use crate::sim::care::ServiceStatus;

/// Okabe-Ito colours, distinguishable under the common colour-vision deficiencies.
pub const ORANGE: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
pub const SKY_BLUE: Color32 = Color32::from_rgb(0x56, 0xB4, 0xE9);
pub const BLUISH_GREEN: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
pub const YELLOW: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);
pub const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
pub const VERMILLION: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
pub const REDDISH_PURPLE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);
pub const CLEAN_GREY: Color32 = Color32::from_rgb(0x6E, 0x6E, 0x6E);
pub const PANEL_DARK: Color32 = Color32::from_rgb(0x1E, 0x1E, 0x1E);
pub const TEXT: Color32 = Color32::from_rgb(0xEE, 0xEE, 0xEE);

/// The smallest text, in points, at scale 1: readable from the back of a meeting room.
pub const SMALLEST_TEXT: f32 = 15.0;

pub fn cell_colour(state: CellState) -> Color32 {
    match state {
        CellState::Clean => CLEAN_GREY,
        CellState::HiddenCompromise => REDDISH_PURPLE,
        CellState::Alert => YELLOW,
        CellState::Compromised => ORANGE,
        CellState::Encrypting => VERMILLION,
        CellState::Encrypted => VERMILLION,
        CellState::Recovering => BLUISH_GREEN,
        CellState::Restored => BLUISH_GREEN,
    }
}

pub fn service_colour(status: ServiceStatus) -> Color32 {
    match status {
        ServiceStatus::Up => BLUISH_GREEN,
        ServiceStatus::Degraded => YELLOW,
        ServiceStatus::Down => VERMILLION,
    }
}

/// The word and mark shown beside a service's colour, so that colour is never the only cue.
pub fn service_mark(status: ServiceStatus) -> (&'static str, &'static str) {
    match status {
        ServiceStatus::Up => ("✔", "up"),
        ServiceStatus::Degraded => ("P", "on paper"),
        ServiceStatus::Down => ("✖", "down"),
    }
}

/// Draws a host's cell: a shape per state, so that states differ without colour.
pub fn draw_cell(painter: &Painter, rect: Rect, state: CellState) {
    let colour = cell_colour(state);
    let r = rect.shrink(rect.width() * 0.08);
    let thin = Stroke::new((r.width() * 0.16).max(1.0), colour);
    let centre = r.center();
    let half = r.width() / 2.0;
    match state {
        CellState::Clean => {
            painter.rect_filled(r.shrink(half * 0.25), 0.0, colour);
        }
        CellState::HiddenCompromise => {
            painter.circle_filled(centre, half * 0.85, colour);
            painter.circle_filled(centre, half * 0.3, PANEL_DARK);
        }
        CellState::Alert => {
            let points = vec![Pos2::new(centre.x, r.top()), Pos2::new(r.right(), r.bottom()), Pos2::new(r.left(), r.bottom())];
            painter.add(egui::Shape::convex_polygon(points, colour, Stroke::NONE));
        }
        CellState::Compromised => {
            let points = vec![
                Pos2::new(centre.x, r.top()),
                Pos2::new(r.right(), centre.y),
                Pos2::new(centre.x, r.bottom()),
                Pos2::new(r.left(), centre.y),
            ];
            painter.add(egui::Shape::convex_polygon(points, colour, Stroke::NONE));
        }
        CellState::Encrypting => {
            painter.rect_stroke(r, 0.0, thin, egui::StrokeKind::Inside);
            painter.rect_filled(Rect::from_min_max(r.min, Pos2::new(centre.x, r.max.y)), 0.0, colour);
        }
        CellState::Encrypted => {
            painter.rect_filled(r, 0.0, colour);
            let cross = Stroke::new((r.width() * 0.14).max(1.0), PANEL_DARK);
            painter.line_segment([r.left_top(), r.right_bottom()], cross);
            painter.line_segment([r.right_top(), r.left_bottom()], cross);
        }
        CellState::Recovering => {
            painter.circle_stroke(centre, half * 0.8, thin);
        }
        CellState::Restored => {
            painter.circle_filled(centre, half * 0.8, colour);
        }
    }
}

/// A switched-off host, drawn over its state: the state dimmed and a blue frame round it, so that
/// both what the attacker did and what the cell did can be read.
pub fn draw_powered_off(painter: &Painter, rect: Rect) {
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(110));
    let frame = Stroke::new((rect.width() * 0.12).max(1.0), BLUE);
    painter.rect_stroke(rect.shrink(rect.width() * 0.04), 0.0, frame, egui::StrokeKind::Inside);
}

/// The frame of an isolated segment's block of cells.
pub fn isolated_stroke() -> Stroke {
    Stroke::new(2.5, SKY_BLUE)
}

/// What the cell did, in the legend: a switched-off cell, or an isolated segment's frame.
pub enum ActionSwatch {
    PoweredOff,
    Isolated,
}

/// A legend swatch of what the cell did, sized to the text.
pub fn action_swatch(ui: &mut egui::Ui, swatch: ActionSwatch) {
    let size = ui.text_style_height(&TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, PANEL_DARK);
    match swatch {
        ActionSwatch::PoweredOff => {
            draw_cell(ui.painter(), rect, CellState::Clean);
            draw_powered_off(ui.painter(), rect);
        }
        ActionSwatch::Isolated => {
            draw_cell(ui.painter(), rect.shrink(3.0), CellState::Clean);
            ui.painter().rect_stroke(rect.shrink(1.0), 0.0, isolated_stroke(), egui::StrokeKind::Inside);
        }
    }
}

/// A legend swatch of a state, sized to the text.
pub fn swatch(ui: &mut egui::Ui, state: CellState) {
    let size = ui.text_style_height(&TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, PANEL_DARK);
    draw_cell(ui.painter(), rect, state);
}

/// Text sizes for the projector: nothing below `SMALLEST_TEXT`; the font scale zooms the whole window.
pub fn apply(ctx: &egui::Context, font_scale: f32) {
    ctx.set_theme(egui::Theme::Dark);
    let mut style = (*ctx.style_of(egui::Theme::Dark)).clone();
    style.text_styles = [
        (TextStyle::Small, FontId::new(SMALLEST_TEXT, FontFamily::Proportional)),
        (TextStyle::Body, FontId::new(17.0, FontFamily::Proportional)),
        (TextStyle::Button, FontId::new(17.0, FontFamily::Proportional)),
        (TextStyle::Monospace, FontId::new(16.0, FontFamily::Monospace)),
        (TextStyle::Heading, FontId::new(24.0, FontFamily::Proportional)),
    ]
    .into();
    style.visuals = egui::Visuals::dark();
    style.visuals.override_text_color = Some(TEXT);
    style.spacing.item_spacing = Vec2::new(8.0, 5.0);
    style.spacing.button_padding = Vec2::new(8.0, 4.0);
    ctx.set_style_of(egui::Theme::Dark, style);
    ctx.set_zoom_factor(font_scale);
}

/// The window's clear colour, the same as the panels'.
pub const PANEL_DARK_BEVY: bevy::color::Color = bevy::color::Color::srgb_u8(0x1E, 0x1E, 0x1E);

/// The width `text` takes on one line in `font`.
pub fn text_width(ui: &egui::Ui, text: &str, font: FontId) -> f32 {
    ui.fonts_mut(|fonts| fonts.layout_no_wrap(text.to_string(), font, TEXT).size().x)
}

/// The width `text` takes on one line in the font of `style`.
pub fn style_width(ui: &egui::Ui, text: &str, style: TextStyle) -> f32 {
    text_width(ui, text, style.resolve(ui.style()))
}
