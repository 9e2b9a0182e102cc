//! The infection's course as a strip over time above the map: for every ten minutes so far, the share
//! of hosts encrypted, switched off and (for the facilitator) silently held, with the first alert and
//! the confirmation marked, so that the room sees what changed when the map has long been one colour.

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Rect, Stroke, Vec2};

use super::theme;
use crate::exercise::Exercise;
use crate::sim::History;

/// The strip's height at text size 1.
const HEIGHT: f32 = 34.0;

pub fn show(ui: &mut egui::Ui, exercise: &Exercise, facilitator: bool) {
    let language = exercise.setup.language;
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, HEIGHT), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, Color32::from_gray(0x26));
    let samples = &exercise.sim().world().resource::<History>().samples;
    let now = exercise.minute().max(60);
    let total = samples.first().map_or(1, |s| (s.clean + s.compromised + s.encrypting + s.encrypted).max(1)) as f32;
    let first_alert = exercise.first_alert();
    let x_of = |minute: u32| rect.left() + rect.width() * (minute as f32 / now as f32).min(1.0);
    let bar = (rect.width() / (now as f32 / crate::sim::timeline::SAMPLE_EVERY_MINUTES as f32)).max(1.0);
    for sample in samples {
        // The cell sees encryption once anyone is looking; the facilitator sees it all.
        let seen = facilitator || first_alert.is_some_and(|alert| sample.minute >= alert);
        let encrypted = if seen { (sample.encrypted + sample.encrypting) as f32 / total } else { 0.0 };
        let held = if facilitator { sample.compromised.saturating_sub(sample.encrypting) as f32 / total } else { 0.0 };
        let off = sample.powered_off as f32 / total;
        let x = x_of(sample.minute);
        let mut bottom = rect.bottom();
        for (share, colour) in [(encrypted, theme::VERMILLION), (held, theme::REDDISH_PURPLE), (off, theme::BLUE)] {
            let height = rect.height() * share.min(1.0);
            if height > 0.0 {
                painter.rect_filled(Rect::from_min_max(Pos2::new(x, bottom - height), Pos2::new(x + bar, bottom)), 0.0, colour);
                bottom -= height;
            }
        }
    }
    let font = FontId::proportional(theme::SMALLEST_TEXT - 2.0);
    let span = painter.text(
        rect.right_top() + Vec2::new(-4.0, 1.0),
        Align2::RIGHT_TOP,
        crate::words::span(language, exercise.minute()),
        font.clone(),
        theme::TEXT,
    );
    // A label is written right of its line, or left of it near the strip's end, only where it overlaps
    // neither the label before it nor the span: close events never overlap, nor run past the strip.
    let mut free_from = rect.left();
    for (minute, label) in [(first_alert, language.tr("feed-tag-alert")), (exercise.confirmed(), language.tr("feed-tag-confirmed"))] {
        if let Some(minute) = minute {
            let x = x_of(minute);
            painter.line_segment([Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())], Stroke::new(2.0, theme::YELLOW));
            let width = painter.layout_no_wrap(label.to_string(), font.clone(), theme::YELLOW).size().x;
            let (left, right) = ((x + 3.0, x + 3.0 + width), (x - 3.0 - width, x - 3.0));
            let place = [left, right].into_iter().find(|(from, to)| *from >= free_from && *to <= span.left() - 4.0);
            if let Some((from, to)) = place {
                painter.text(Pos2::new(from, rect.top() + 1.0), Align2::LEFT_TOP, label, font.clone(), theme::YELLOW);
                free_from = to + 4.0;
            }
        }
    }
    response.on_hover_text(language.tr("strip-explained"));
}
