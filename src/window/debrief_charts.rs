//! The debrief's charts: hosts encrypted over time against the runs compared, and care services not up
//! as steps to the run's end, over the whole run or its first twelve hours, at the screen's full width.

use bevy_egui::egui;

use super::debrief::Debrief;
use super::theme::{self, BLUE, ORANGE, VERMILLION};
use crate::i18n::Language;
use crate::score::ScoredRun;

/// One line of a chart: its name, colour, dash (for readers who cannot tell the colours apart), points.
pub struct Series<'a> {
    label: &'a str,
    colour: egui::Color32,
    dashed: bool,
    /// Drawn as steps: the value holds until the next point (a count that changes at instants).
    steps: bool,
    points: Vec<(f64, f64)>,
}

pub fn chart(ui: &mut egui::Ui, title: &str, x_max: f64, y_max: f64, series: &[Series]) {
    ui.label(egui::RichText::new(title).strong());
    ui.horizontal(|ui| {
        for s in series {
            let (rect, _) =
                ui.allocate_exact_size(egui::Vec2::new(36.0, ui.text_style_height(&egui::TextStyle::Body)), egui::Sense::hover());
            let ends = [rect.left_center(), rect.right_center()];
            let stroke = egui::Stroke::new(3.0, s.colour);
            if s.dashed {
                ui.painter().add(egui::Shape::dashed_line(&ends, stroke, 8.0, 5.0));
            } else {
                ui.painter().line_segment(ends, stroke);
            }
            ui.colored_label(s.colour, s.label);
        }
    });
    let size = egui::Vec2::new(ui.available_width(), 240.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, egui::Color32::from_gray(0x26));
    let plot = rect.shrink2(egui::Vec2::new(48.0, 22.0));
    let font = egui::FontId::proportional(theme::SMALLEST_TEXT);
    let grid = egui::Stroke::new(1.0, egui::Color32::from_gray(0x50));
    for k in 0..=4 {
        let y = plot.bottom() - plot.height() * k as f32 / 4.0;
        painter.line_segment([egui::Pos2::new(plot.left(), y), egui::Pos2::new(plot.right(), y)], grid);
        painter.text(
            egui::Pos2::new(plot.left() - 6.0, y),
            egui::Align2::RIGHT_CENTER,
            format!("{:.0}", y_max * k as f64 / 4.0),
            font.clone(),
            theme::TEXT,
        );
    }
    let hours = x_max.max(1.0);
    let step = if hours > 24.0 {
        12.0
    } else if hours > 6.0 {
        2.0
    } else {
        1.0
    };
    let mut h = 0.0;
    while h <= hours {
        let x = plot.left() + plot.width() * (h / hours) as f32;
        painter.text(egui::Pos2::new(x, plot.bottom() + 4.0), egui::Align2::CENTER_TOP, format!("{h:.0} h"), font.clone(), theme::TEXT);
        h += step;
    }
    let to_screen = |(x, y): (f64, f64)| {
        egui::Pos2::new(
            plot.left() + plot.width() * (x / hours).min(1.0) as f32,
            plot.bottom() - plot.height() * (y / y_max.max(1.0)).min(1.0) as f32,
        )
    };
    for s in series {
        let within = s.points.iter().filter(|(x, _)| *x <= hours);
        let points: Vec<egui::Pos2> =
            if s.steps { as_steps(within) } else { within.copied().collect() }.into_iter().map(to_screen).collect();
        let stroke = egui::Stroke::new(3.0, s.colour);
        if s.dashed {
            painter.add(egui::Shape::dashed_line(&points, stroke, 10.0, 6.0));
        } else {
            painter.add(egui::Shape::line(points, stroke));
        }
    }
}

/// A step line through the points: each value holds until the next point's time.
fn as_steps<'p>(points: impl Iterator<Item = &'p (f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for &(x, y) in points {
        if let Some(&(_, previous)) = out.last() {
            out.push((x, previous));
        }
        out.push((x, y));
    }
    out
}

fn encrypted_points(run: &ScoredRun) -> Vec<(f64, f64)> {
    run.run.samples.iter().map(|s| (f64::from(s.minute) / 60.0, f64::from(s.encrypted + s.encrypting))).collect()
}

/// Hosts encrypted over time against the runs compared, and care services not up when the scenario has care.
pub fn charts(ui: &mut egui::Ui, language: Language, debrief: &mut Debrief) {
    let result = &debrief.result;
    let whole = f64::from(result.run.minutes) / 60.0;
    ui.horizontal(|ui| {
        ui.selectable_value(&mut debrief.first_hours_only, false, language.tr("chart-whole-run"));
        ui.selectable_value(&mut debrief.first_hours_only, true, language.tr("chart-first-12-hours"));
    });
    let hours = if debrief.first_hours_only { whole.min(12.0) } else { whole };
    let mut series =
        vec![Series { label: language.tr("exercise"), colour: VERMILLION, dashed: false, steps: false, points: encrypted_points(result) }];
    if let Some(h) = &debrief.comparison.historical {
        series.push(Series { label: language.tr("historical"), colour: ORANGE, dashed: true, steps: false, points: encrypted_points(h) });
    }
    let best = &debrief.comparison.best;
    series.push(Series {
        label: language.tr("column-best-response"),
        colour: BLUE,
        dashed: true,
        steps: false,
        points: encrypted_points(best),
    });
    chart(ui, language.tr("hosts-encrypted-over-time-whole"), hours, f64::from(result.run.hosts.total), &series);
    if let Some(care) = &result.run.care {
        let total = care.services.len().max(1) as f64;
        // Samples are taken when a service changes: the last one holds to the run's end.
        let points = |f: fn(&crate::sim::care::ServiceSample) -> u32| {
            let mut points: Vec<(f64, f64)> = care.samples.iter().map(|s| (f64::from(s.minute) / 60.0, f64::from(f(s)))).collect();
            if let Some(&(_, last)) = points.last() {
                points.push((whole, last));
            }
            points
        };
        chart(
            ui,
            language.tr("care-services-not-up"),
            hours,
            total,
            &[
                Series { label: language.tr("status-down"), colour: VERMILLION, dashed: false, steps: true, points: points(|s| s.down) },
                Series {
                    label: language.tr("status-paper"),
                    colour: theme::YELLOW,
                    dashed: true,
                    steps: true,
                    points: points(|s| s.degraded),
                },
            ],
        );
    }
}
