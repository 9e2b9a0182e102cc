//! Measures every text the window draws against the box that clips it, each frame, so that the window
//! test can say that no text is cut at any text size and in either language. Added only for a tour.
//!
//! egui hands each text to the painter as a laid-out galley with the clip rectangle of the panel,
//! scroll area or box it was drawn in. A text cut on the side (wider than its box) or by the window's
//! side, or shortened with "…", is counted. A text cut at the top or bottom is not: it cannot be told
//! from one a scroll area has moved partly out of view, and scrolling is how a long list is read.
//! Whether a box is itself out of view is the map's own measure (sites not wholly in its area).

use bevy::prelude::*;
use bevy_egui::egui::{Rect, Shape, epaint::ClippedShape};
use bevy_egui::{EguiContext, EguiFullOutput, EguiPostUpdateSet};

/// Half a pixel of slack: a galley's width is rounded to the pixel grid when it is laid out.
const SLACK: f32 = 0.5;
/// How many cut texts a measure keeps by name, for a test's message.
const EXAMPLES: usize = 8;

/// What the last frame's texts did, over every window (the room's and the console).
#[derive(Resource, Debug, Default, Clone)]
pub struct TextFit {
    /// Texts drawn and at least partly visible.
    pub texts: usize,
    /// Texts cut on the side by their box, or by the window's edge.
    pub cut: usize,
    /// Texts shortened with "…" to fit.
    pub elided: usize,
    /// The first few cut or shortened texts, as they read.
    pub examples: Vec<String>,
}

impl TextFit {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({ "texts": self.texts, "cut": self.cut, "elided": self.elided, "examples": self.examples })
    }
}

pub fn add(app: &mut App) {
    app.init_resource::<TextFit>()
        .add_systems(PostUpdate, measure.after(EguiPostUpdateSet::EndPass).before(EguiPostUpdateSet::ProcessOutput));
}

fn measure(mut contexts: Query<(&mut EguiContext, &EguiFullOutput)>, mut fit: ResMut<TextFit>) {
    let mut measured = TextFit::default();
    for (mut context, output) in &mut contexts {
        let Some(output) = output.0.as_ref() else { continue };
        measure_shapes(&output.shapes, context.get_mut().content_rect(), &mut measured);
    }
    *fit = measured;
}

/// Adds to `fit` how the texts among `shapes`, drawn on a screen of `screen`, fit their boxes.
pub fn measure_shapes(shapes: &[ClippedShape], screen: Rect, fit: &mut TextFit) {
    for ClippedShape { clip_rect, shape } in shapes {
        measure_shape(shape, clip_rect.intersect(screen), screen, fit);
    }
}

fn measure_shape(shape: &Shape, clip: Rect, screen: Rect, fit: &mut TextFit) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| measure_shape(s, clip, screen, fit)),
        Shape::Text(text) if text.angle == 0.0 && !text.galley.is_empty() => {
            let drawn = text.galley.rect.translate(text.pos.to_vec2());
            if !visible(drawn, clip) {
                return;
            }
            fit.texts += 1;
            // Cut on the side by its box or by the window's side. Not measured: a text cut at the top or
            // bottom, which cannot be told from one a scroll area reaching the window's edge has moved.
            let cut = drawn.left() < clip.left().max(screen.left()) - SLACK || drawn.right() > clip.right().min(screen.right()) + SLACK;
            if cut {
                fit.cut += 1;
            }
            if text.galley.elided {
                fit.elided += 1;
            }
            if (cut || text.galley.elided) && fit.examples.len() < EXAMPLES {
                fit.examples.push(text.galley.text().chars().take(80).collect());
            }
        }
        _ => {}
    }
}

/// Some of the text lies inside its clip rectangle: what a scroll area has moved wholly out of view,
/// or what is drawn in an empty box, is not read by anyone.
fn visible(drawn: Rect, clip: Rect) -> bool {
    clip.is_positive() && drawn.intersects(clip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy_egui::egui::{self, Context, Label, Pos2, RawInput, ScrollArea, vec2};

    const LONG: &str = "Serveurs locaux de Bastogne, postes cliniques et contrôleurs de domaine";

    /// How the texts `draw` puts on a 400 × 300 screen fit.
    fn fit_of(mut draw: impl FnMut(&mut egui::Ui)) -> TextFit {
        let context = Context::default();
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
        let input = RawInput { screen_rect: Some(screen), ..Default::default() };
        let mut output = context.run_ui(input, |ui| draw(ui));
        let shapes = std::mem::take(&mut output.shapes);
        output.drop_without_applying_deltas();
        let mut fit = TextFit::default();
        measure_shapes(&shapes, context.content_rect(), &mut fit);
        fit
    }

    #[test]
    fn a_text_that_wraps_in_its_box_fits() {
        let fit = fit_of(|ui| {
            ui.set_max_width(120.0);
            ui.add(Label::new(LONG).wrap());
        });
        assert_eq!((fit.texts, fit.cut, fit.elided), (1, 0, 0), "{fit:?}");
    }

    #[test]
    fn a_text_wider_than_the_box_that_clips_it_is_cut() {
        let fit = fit_of(|ui| {
            let narrow = Rect::from_min_size(ui.max_rect().min, vec2(120.0, 100.0));
            ui.set_clip_rect(narrow);
            ui.add(Label::new(LONG).extend());
        });
        assert_eq!((fit.cut, fit.examples.len()), (1, 1), "{fit:?}");
        assert!(fit.examples[0].starts_with("Serveurs locaux"), "the cut text is named: {fit:?}");
    }

    #[test]
    fn a_text_past_the_window_edge_is_cut() {
        let fit = fit_of(|ui| {
            ui.add(Label::new(LONG.repeat(2)).extend());
        });
        assert_eq!(fit.cut, 1, "{fit:?}");
    }

    #[test]
    fn a_shortened_text_is_counted() {
        let fit = fit_of(|ui| {
            ui.set_max_width(120.0);
            ui.add(Label::new(LONG).truncate());
        });
        assert_eq!((fit.cut, fit.elided), (0, 1), "{fit:?}");
    }

    #[test]
    fn texts_a_scroll_area_moves_out_of_view_are_not_cut() {
        let fit = fit_of(|ui| {
            ScrollArea::vertical().max_height(60.0).show(ui, |ui| {
                for line in 0..40 {
                    ui.label(format!("line {line}"));
                }
            });
        });
        assert_eq!(fit.cut, 0, "{fit:?}");
        assert!(fit.texts > 0 && fit.texts < 40, "only the lines in view are read: {fit:?}");
    }
}
