//! The reports' SVG charts, drawn with plotters: hosts and care services over a run, the milestones
//! against the plan's targets, and the batch's histograms and the sweep's curves.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::batch::{BatchSummary, Distribution, Histogram, SweepSummary};
use crate::i18n::Language;
use crate::score::ScoredRun;
use crate::sim::care::ServiceSample;
use crate::sim::timeline::Sample;

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
const BLUE: RGBColor = RGBColor(0, 114, 178);
const ORANGE: RGBColor = RGBColor(230, 159, 0);
const GREEN: RGBColor = RGBColor(0, 158, 115);
const VERMILLION: RGBColor = RGBColor(213, 94, 0);
const GREY: RGBColor = RGBColor(110, 110, 110);
/// The grid's lighter lines.
const GRID: RGBColor = RGBColor(235, 235, 235);

type ChartResult = Result<(), Box<dyn std::error::Error>>;
type Canvas<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// A line of a chart: its label, colour, value per sample, and whether it is drawn thinner.
type HostSeries = (&'static str, RGBColor, fn(&Sample) -> u32, bool);
type ServiceSeries = (&'static str, RGBColor, fn(&ServiceSample) -> u32);

/// Draws on a white SVG canvas of `size`; `what` names the chart if it cannot be drawn.
fn svg(size: (u32, u32), what: &str, draw: impl FnOnce(&Canvas) -> ChartResult) -> Result<String, String> {
    let mut svg = String::new();
    let drawn = (|| -> ChartResult {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
        Ok(())
    })();
    drawn.map_err(|e| format!("cannot draw {what}: {e}"))?;
    Ok(svg)
}

/// The legend, framed on a white ground that lets the lines behind it show through a little.
fn legend<'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, SVGBackend<'a>, CT>,
    opacity: f64,
    position: SeriesLabelPosition,
) -> ChartResult {
    chart.configure_series_labels().background_style(WHITE.mix(opacity)).border_style(GREY).position(position).draw()?;
    Ok(())
}

/// One line of a line chart.
struct Line {
    label: &'static str,
    colour: RGBColor,
    points: Vec<(f64, u32)>,
    width: u32,
}

/// A line chart over the hours of a run, with a legend.
fn line_chart(
    language: Language,
    title: &str,
    y_desc: &str,
    size: (u32, u32),
    hours: f64,
    y_max: u32,
    lines: Vec<Line>,
) -> Result<String, String> {
    svg(size, &format!("\"{title}\""), |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(38)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..hours, 0u32..y_max.max(1))?;
        chart.configure_mesh().x_desc(language.tr("hours-since-start")).y_desc(y_desc).light_line_style(GRID).draw()?;
        for line in lines {
            let colour = line.colour;
            chart
                .draw_series(LineSeries::new(line.points, colour.stroke_width(line.width)))?
                .label(line.label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], colour.stroke_width(3)));
        }
        legend(&mut chart, 0.85, SeriesLabelPosition::MiddleRight)
    })
}

/// Hosts by state over time.
pub fn infection_chart(language: Language, result: &ScoredRun) -> Result<String, String> {
    let samples = &result.run.samples;
    let series: [HostSeries; 4] = [
        (language.tr("clean"), GREEN, |s| s.clean, false),
        (language.tr("compromised"), ORANGE, |s| s.compromised, true),
        (language.tr("encrypted"), VERMILLION, |s| s.encrypted + s.encrypting, false),
        (language.tr("powered-off"), BLUE, |s| s.powered_off, true),
    ];
    let lines = series
        .into_iter()
        .map(|(label, colour, value, thin)| Line {
            label,
            colour,
            points: samples.iter().map(|s| (f64::from(s.minute) / 60.0, value(s))).collect(),
            width: if thin { 2 } else { 3 },
        })
        .collect();
    let hours = f64::from(result.run.minutes.max(60)) / 60.0;
    line_chart(
        language,
        language.tr("hosts-over-time-hidden-truth"),
        language.tr("hosts"),
        (920, 340),
        hours,
        result.run.hosts.total,
        lines,
    )
}

/// Care services by status over time.
pub fn services_chart(language: Language, result: &ScoredRun) -> Result<Option<String>, String> {
    let Some(care) = &result.run.care else { return Ok(None) };
    if care.samples.is_empty() {
        return Ok(None);
    }
    let end = f64::from(result.run.minutes.max(60)) / 60.0;
    // Step lines: each sample holds until the next.
    let steps = |value: fn(&ServiceSample) -> u32| {
        let mut points = Vec::new();
        for (i, s) in care.samples.iter().enumerate() {
            let x = f64::from(s.minute) / 60.0;
            if i > 0 {
                points.push((x, value(&care.samples[i - 1])));
            }
            points.push((x, value(s)));
        }
        if let Some(last) = care.samples.last() {
            points.push((end, value(last)));
        }
        points
    };
    let series: [ServiceSeries; 3] = [
        (language.tr("status-up"), GREEN, |s| s.up),
        (language.tr("degraded-or-paper"), ORANGE, |s| s.degraded),
        (language.tr("status-down"), VERMILLION, |s| s.down),
    ];
    let lines = series.into_iter().map(|(label, colour, value)| Line { label, colour, points: steps(value), width: 3 }).collect();
    line_chart(
        language,
        language.tr("care-services-over-time"),
        language.tr("services-all-sites"),
        (920, 300),
        end,
        care.services.len() as u32,
        lines,
    )
    .map(Some)
}

/// Each milestone: its target, when this run met it, and when the historical night did.
pub fn milestone_chart(language: Language, result: &ScoredRun, historical: Option<&ScoredRun>) -> Result<Option<String>, String> {
    if result.milestones.is_empty() {
        return Ok(None);
    }
    let rows = result.milestones.len();
    let max = result.milestones.iter().map(|m| m.target_minutes.max(m.achieved_minutes.unwrap_or(0))).max().unwrap_or(60).max(60);
    // The milestones' names, as the plan gives them in the report's language, cut to fit the axis.
    let names: Vec<String> = result.milestones.iter().map(|m| shortened(&m.name, 30)).collect();
    svg((920, 70 + 34 * rows as u32), "the milestone chart", |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(language.tr("decisions-against-plan-targets-minutes"), ("sans-serif", 16))
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(190)
            .build_cartesian_2d((1f64..f64::from(max) * 1.5).log_scale(), (0..rows).into_segmented())?;
        chart
            .configure_mesh()
            .y_labels(rows)
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(i) => names.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .x_desc(language.tr("minutes"))
            // Whole minutes on the logarithmic axis, not "10.0" or "1000.0".
            .x_label_formatter(&|x| format!("{x:.0}"))
            .light_line_style(GRID)
            .draw()?;
        let centre = |i: usize| SegmentValue::CenterOf(i);
        let target = |m: &crate::score::MilestoneResult| f64::from(m.target_minutes.max(1));
        chart.draw_series(result.milestones.iter().enumerate().map(|(i, m)| {
            Rectangle::new([(1.0, SegmentValue::Exact(i)), (target(m), SegmentValue::Exact(i + 1))], GREEN.mix(0.18).filled())
        }))?;
        chart
            .draw_series(result.milestones.iter().enumerate().map(|(i, m)| {
                PathElement::new(vec![(target(m), SegmentValue::Exact(i)), (target(m), SegmentValue::Exact(i + 1))], GREEN.stroke_width(3))
            }))?
            .label(language.tr("series-target"))
            .legend(|(x, y)| PathElement::new(vec![(x + 10, y - 8), (x + 10, y + 8)], GREEN.stroke_width(3)));
        chart
            .draw_series(
                result
                    .milestones
                    .iter()
                    .enumerate()
                    .filter_map(|(i, m)| m.achieved_minutes.map(|a| Circle::new((f64::from(a.max(1)), centre(i)), 7, BLUE.filled()))),
            )?
            .label(language.tr("series-this-run"))
            .legend(|(x, y)| Circle::new((x + 10, y), 6, BLUE.filled()));
        if let Some(historical) = historical {
            chart
                .draw_series(historical.milestones.iter().enumerate().filter_map(|(i, m)| {
                    m.achieved_minutes.map(|a| TriangleMarker::new((f64::from(a.max(1)), centre(i)), 8, VERMILLION.filled()))
                }))?
                .label(language.tr("series-historical-night"))
                .legend(|(x, y)| TriangleMarker::new((x + 10, y), 7, VERMILLION.filled()));
        }
        legend(&mut chart, 0.9, SeriesLabelPosition::LowerRight)
    })
    .map(Some)
}

/// A histogram chart of a measure over the replicas, in 40 bins between 0 and `max`.
pub fn histogram_chart(title: &str, x_desc: &str, values: &Histogram, scale: f64, max: f64) -> Result<String, String> {
    const BINS: usize = 40;
    let mut counts = [0u64; BINS];
    for (value, &count) in values.counts.iter().enumerate() {
        let x = value as f64 / scale;
        let bin = ((x / max) * BINS as f64).floor().clamp(0.0, (BINS - 1) as f64) as usize;
        counts[bin] += count;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1);
    svg((920, 300), "the histogram", |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(38)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..max, 0u64..top + top / 10 + 1)?;
        chart.configure_mesh().x_desc(x_desc).y_desc("replicas").light_line_style(GRID).draw()?;
        let width = max / BINS as f64;
        chart.draw_series(
            counts
                .iter()
                .enumerate()
                .map(|(i, &c)| Rectangle::new([(i as f64 * width, 0), ((i + 1) as f64 * width, c)], BLUE.mix(0.75).filled())),
        )?;
        Ok(())
    })
}

/// The outcome against the delay: mean and the p10-p90 band.
pub fn sweep_chart(
    sweep: &SweepSummary,
    label: &str,
    value: fn(&BatchSummary) -> Option<Distribution>,
    scale: f64,
) -> Result<String, String> {
    let points: Vec<(f64, Distribution)> =
        sweep.points.iter().filter_map(|p| value(&p.summary).map(|d| (f64::from(p.minutes), d))).collect();
    let (x0, x1) = (points.first().map_or(0.0, |p| p.0), points.last().map_or(1.0, |p| p.0).max(points.first().map_or(0.0, |p| p.0) + 1.0));
    svg((920, 340), "the sweep chart", |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(format!("{label} against the delay of \"{}\"", sweep.decision), ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(38)
            .y_label_area_size(56)
            .build_cartesian_2d(x0..x1, 0f64..scale)?;
        chart.configure_mesh().x_desc("delay (minutes)").y_desc(label).light_line_style(GRID).draw()?;
        let mut band: Vec<(f64, f64)> = points.iter().map(|(x, d)| (*x, d.p90)).collect();
        band.extend(points.iter().rev().map(|(x, d)| (*x, d.p10)));
        chart
            .draw_series(std::iter::once(Polygon::new(band, BLUE.mix(0.18).filled())))?
            .label("p10 to p90")
            .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], BLUE.mix(0.18).filled()));
        chart
            .draw_series(LineSeries::new(points.iter().map(|(x, d)| (*x, d.mean)), BLUE.stroke_width(3)))?
            .label("mean")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLUE.stroke_width(3)));
        chart.draw_series(points.iter().map(|(x, d)| Circle::new((*x, d.mean), 4, BLUE.filled())))?;
        legend(&mut chart, 0.85, SeriesLabelPosition::MiddleRight)
    })
}

/// A name cut to `chars` characters, with an ellipsis when it was longer.
fn shortened(name: &str, chars: usize) -> String {
    if name.chars().count() <= chars {
        return name.to_string();
    }
    name.chars().take(chars.saturating_sub(1)).collect::<String>() + "…"
}

/// Minutes as a chart's tick reads them: "45 min", "2 h", "3 d".
fn minutes_tick(minutes: f64) -> String {
    match minutes.abs() {
        m if m >= 2880.0 => format!("{:.0} d", minutes / 1440.0),
        m if m >= 120.0 => format!("{:.0} h", minutes / 60.0),
        _ => format!("{minutes:.0} min"),
    }
}

/// One milestone of an audit: the achievable times from p10 to p90 (the bar), the median (the dot)
/// and the deadline (the red line), in minutes from the milestone's reference event.
pub fn achievable_chart(m: &crate::audit::summary::MilestoneAudit) -> Result<String, String> {
    let target = f64::from(m.target_minutes);
    let known = [m.p10_minutes, m.median_minutes, m.p90_minutes].into_iter().flatten().map(|x| x as f64);
    let low = known.clone().fold(0.0f64, f64::min);
    // A time never reached is drawn at the right edge, past the deadline.
    let high = known.fold(target, f64::max).max(1.0) * 1.12;
    let at = |x: Option<i64>| x.map_or(high, |x| x as f64);
    svg((920, 84), "the achievable-times chart", |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(6)
            .margin_right(24)
            .x_label_area_size(26)
            .build_cartesian_2d(low - (high - low) * 0.02..high, 0f64..1f64)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_labels(8)
            .x_label_style(("sans-serif", 14))
            .x_label_formatter(&|x| minutes_tick(*x))
            .light_line_style(GRID)
            .draw()?;
        let (p10, p90) = (at(m.p10_minutes), at(m.p90_minutes));
        chart.draw_series([Rectangle::new([(p10, 0.25), (p90.max(p10 + (high - low) * 0.004), 0.75)], BLUE.mix(0.35).filled())])?;
        chart.draw_series([Circle::new((at(m.median_minutes), 0.5), 7, BLUE.filled())])?;
        chart.draw_series([PathElement::new(vec![(target, 0.05), (target, 0.95)], VERMILLION.stroke_width(4))])?;
        Ok(())
    })
}
