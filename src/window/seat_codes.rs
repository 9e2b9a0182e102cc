//! The seats' links on the projector: one QR code per role, with its name and link, so that each
//! participant joins by pointing a phone at the screen. Shown when an exercise with seats begins,
//! until hidden (here or from the console).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::seats::SeatsHost;
use crate::i18n::Language;

/// Modules of white around a code, as the QR standard asks, so that a phone finds its edges.
const QUIET_ZONE: usize = 4;
/// The side of a code on the projector, in points.
const CODE_SIDE: f32 = 150.0;
/// A code's name above it (two lines) and its link (four lines) below it, and the space between rows.
const WORDS_AROUND: f32 = 130.0;

/// One seat's link and its QR code's modules, row by row (true is dark).
pub struct SeatCode {
    pub name: String,
    pub link: String,
    width: usize,
    dark: Vec<bool>,
}

impl SeatCode {
    /// The code of `link`; `None` if it cannot be encoded (it always can: a link is short).
    pub fn new(name: &str, link: &str) -> Option<Self> {
        let code = qrcode::QrCode::new(link.as_bytes()).ok()?;
        let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        Some(Self { name: name.to_string(), link: link.to_string(), width: code.width(), dark })
    }

    /// Paints the code in a square of `side` points, dark modules on white, in runs along each row.
    fn paint(&self, ui: &mut egui::Ui, side: f32) {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
        let module = side / (self.width + 2 * QUIET_ZONE) as f32;
        for (row, modules) in self.dark.chunks(self.width).enumerate() {
            let mut column = 0;
            while column < self.width {
                let run = modules[column..].iter().take_while(|d| **d).count();
                if run == 0 {
                    column += 1;
                    continue;
                }
                let min = rect.min + egui::vec2((column + QUIET_ZONE) as f32, (row + QUIET_ZONE) as f32) * module;
                painter.rect_filled(egui::Rect::from_min_size(min, egui::vec2(run as f32 * module, module)), 0.0, egui::Color32::BLACK);
                column += run;
            }
        }
    }
}

/// Draws the codes over the room's picture while they are wanted there.
pub fn show_on_projector(mut contexts: EguiContexts, mut host: ResMut<SeatsHost>, session: Res<super::Session>) -> Result {
    if !host.on_projector || host.codes.is_empty() {
        return Ok(());
    }
    let language = session.exercise.as_ref().map_or(Language::English, |e| e.setup.language);
    let ctx = contexts.ctx_mut()?;
    let mut open = true;
    // As wide as the picture allows, so that the codes sit side by side and the window fits the screen;
    // as tall as every code needs (they shrink to fit), so that none is scrolled out of the room's sight.
    let screen = ctx.content_rect();
    let width = screen.width() * 0.9;
    let side = code_side(host.codes.len(), width - 20.0, screen.height() * 0.75);
    let rows = host.codes.len().div_ceil(columns_for(side, width - 20.0)) as f32;
    let height = (rows * (side + WORDS_AROUND) + 110.0).min(screen.height() * 0.9);
    egui::Window::new(language.tr("seats-join"))
        .collapsible(false)
        .resizable(false)
        .min_width(width)
        .max_width(width)
        .min_height(height)
        .vscroll(true)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(language.tr("seats-join-explained"));
            let columns = columns_for(side, ui.available_width());
            egui::Grid::new("seat-codes").spacing([24.0, 16.0]).show(ui, |ui| {
                for (index, code) in host.codes.iter().enumerate() {
                    ui.vertical(|ui| {
                        ui.set_width(side + 16.0);
                        ui.label(egui::RichText::new(&code.name).strong());
                        code.paint(ui, side);
                        ui.add(egui::Label::new(egui::RichText::new(&code.link).small().monospace()).wrap());
                    });
                    if (index + 1) % columns == 0 {
                        ui.end_row();
                    }
                }
            });
            if ui.button(language.tr("seats-hide")).clicked() {
                open = false;
            }
        });
    host.on_projector = open;
    Ok(())
}

/// Codes side by side in a row of `width`.
fn columns_for(side: f32, width: f32) -> usize {
    ((width / (side + 40.0)).floor() as usize).clamp(1, 8)
}

/// The largest side, up to `CODE_SIDE`, at which `count` codes with their names and links fit in
/// `height`, so that no role's code is scrolled out of the room's sight; the smallest readable one
/// beyond that.
fn code_side(count: usize, width: f32, height: f32) -> f32 {
    const SMALLEST: f32 = 96.0;
    let mut side = CODE_SIDE;
    while side > SMALLEST {
        let rows = count.div_ceil(columns_for(side, width)) as f32;
        if rows * (side + WORDS_AROUND) <= height {
            break;
        }
        side -= 8.0;
    }
    side.max(SMALLEST)
}

#[cfg(test)]
mod tests {
    use super::{CODE_SIDE, SeatCode, code_side};

    #[test]
    fn ten_codes_shrink_to_fit_a_small_picture_and_keep_their_size_on_a_large_one() {
        let fits = |side: f32, width: f32, height: f32| {
            10_usize.div_ceil(super::columns_for(side, width)) as f32 * (side + super::WORDS_AROUND) <= height
        };
        let (width, height) = (1280.0 * 0.9 - 20.0, 720.0 * 0.75);
        assert!(!fits(CODE_SIDE, width, height), "at full size, ten codes overflow 1280 × 720");
        let side = code_side(10, width, height);
        assert!(side < CODE_SIDE && fits(side, width, height), "smaller, they fit: {side}");
        assert_eq!(code_side(10, 1920.0 * 0.9 - 20.0, 1080.0 * 0.75), CODE_SIDE, "control: at 1920 × 1080 they keep their size");
    }

    #[test]
    fn a_link_makes_a_square_code_with_dark_and_light_modules() {
        let code = SeatCode::new("Director general", "http://192.168.1.20:8642/seat/0123456789abcdef0123456789abcdef").expect("a code");
        assert_eq!(code.dark.len(), code.width * code.width, "square");
        let dark = code.dark.iter().filter(|d| **d).count();
        assert!(dark > code.dark.len() / 4 && dark < code.dark.len() * 3 / 4, "a code, not a blank: {dark} of {}", code.dark.len());
        // The finder pattern's corner module is dark, top left.
        assert!(code.dark[0]);
    }
}
