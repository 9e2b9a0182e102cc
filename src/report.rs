//! The after-action report: `report.html` (one self-contained file, printable), `report.md`,
//! `timeline.csv` and `result.json`. Every text that came from a file or a player is escaped. The two
//! reports for people are written in English or French; `timeline.csv` and `result.json`, read by
//! machines, keep their English field names and kinds.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use plotters::prelude::*;

use crate::data::plan::Plan;
use crate::data::scenario::Scenario;
use crate::i18n::Language;
use crate::score::{MilestoneResult, MilestoneStatus, ScoredRun};
use crate::sim::EntryKind;

/// A note an observer wrote during the exercise.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ObserverNote {
    pub minute: u32,
    pub at: String,
    pub text: String,
}

/// Everything a report is made from.
pub struct ReportInput<'a> {
    pub scenario: &'a Scenario,
    pub plan: Option<&'a Plan>,
    pub result: &'a ScoredRun,
    /// The historical playbook on the same seed, for comparison.
    pub historical: Option<&'a ScoredRun>,
    /// A playbook meeting every target on the same seed, for comparison.
    pub on_time: Option<&'a ScoredRun>,
    pub notes: &'a [ObserverNote],
    /// Hot-wash questions and the answers typed in by the facilitator.
    pub answers: &'a [(String, String)],
}

/// Escapes text for HTML.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown: no markup, no HTML, no table breaks, one line.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '!' | '|' | '~' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// One CSV field.
fn csv(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r']) || text.starts_with(['=', '+', '-', '@']);
    // A leading formula character is neutralised so that a spreadsheet does not run it.
    let text = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.to_string() };
    if needs_quotes { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

fn status_text(language: Language, m: &MilestoneResult) -> String {
    match m.status {
        MilestoneStatus::OnTime => language.trf("on-time-minutes", &[("minutes", &m.achieved_minutes.unwrap_or(0))]),
        MilestoneStatus::Late => {
            language.trf("late-by-minutes", &[("late", &m.late_by_minutes.unwrap_or(0)), ("minutes", &m.achieved_minutes.unwrap_or(0))])
        }
        MilestoneStatus::Missed => language.tr("kind-missed").to_string(),
    }
}

/// The kind of a timeline entry as people read it; the attack's own course is marked hidden.
pub fn kind_word(language: Language, kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Attack => language.tr("kind-hidden"),
        EntryKind::Alert => language.tr("alert"),
        EntryKind::Confirmation => language.tr("kind-confirmation"),
        EntryKind::Decision => language.tr("kind-decision"),
        EntryKind::Effect => language.tr("kind-effect"),
        EntryKind::People => language.tr("kind-people"),
        EntryKind::Outside => language.tr("kind-outside"),
        EntryKind::Care => language.tr("kind-care"),
        EntryKind::Inject => language.tr("kind-inject"),
    }
}

/// One line of the score as people read it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreText {
    pub label: String,
    pub value: String,
    pub points: f64,
    pub max_points: f64,
}

/// The score's lines in a language: in English as the score wrote them; in another, said again from
/// the run and the plan it was scored against (timing first, then each outcome of the plan, in its
/// order), or as written if they do not line up with the plan given.
pub fn score_lines(language: Language, result: &ScoredRun, plan: Option<&Plan>) -> Vec<ScoreText> {
    let Some(score) = &result.score else { return Vec::new() };
    let as_written = || {
        score.lines.iter().map(|l| ScoreText { label: l.label.clone(), value: l.value.clone(), points: l.points, max_points: l.max_points })
    };
    let Some(plan) = plan.filter(|p| language != Language::English && p.score.outcomes.len() + 1 == score.lines.len()) else {
        return as_written().collect();
    };
    let mut texts = vec![crate::score::timing_text(language, &result.milestones)];
    texts.extend(plan.score.outcomes.iter().map(|o| crate::score::measure_text(language, &result.run, o.measure)));
    as_written().zip(texts).map(|(line, (label, value))| ScoreText { label: label.to_string(), value, ..line }).collect()
}

fn status_class(m: &MilestoneResult) -> &'static str {
    match m.status {
        MilestoneStatus::OnTime => "ok",
        MilestoneStatus::Late => "late",
        MilestoneStatus::Missed => "missed",
    }
}

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
const BLUE: RGBColor = RGBColor(0, 114, 178);
const ORANGE: RGBColor = RGBColor(230, 159, 0);
const GREEN: RGBColor = RGBColor(0, 158, 115);
const VERMILLION: RGBColor = RGBColor(213, 94, 0);
const GREY: RGBColor = RGBColor(110, 110, 110);

type ChartResult = Result<(), Box<dyn std::error::Error>>;
/// A line of a chart: its label, colour, value per sample, and whether it is drawn thinner.
type HostSeries = (&'static str, RGBColor, fn(&crate::sim::timeline::Sample) -> u32, bool);
type ServiceSeries = (&'static str, RGBColor, fn(&crate::sim::care::ServiceSample) -> u32);

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
    let mut svg = String::new();
    let draw = |svg: &mut String| -> ChartResult {
        let root = SVGBackend::with_string(svg, size).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(38)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..hours, 0u32..y_max.max(1))?;
        chart.configure_mesh().x_desc(language.tr("hours-since-start")).y_desc(y_desc).light_line_style(RGBColor(235, 235, 235)).draw()?;
        for line in lines {
            let colour = line.colour;
            chart
                .draw_series(LineSeries::new(line.points, colour.stroke_width(line.width)))?
                .label(line.label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], colour.stroke_width(3)));
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(GREY)
            .position(SeriesLabelPosition::MiddleRight)
            .draw()?;
        root.present()?;
        Ok(())
    };
    draw(&mut svg).map_err(|e| format!("cannot draw \"{title}\": {e}"))?;
    Ok(svg)
}

/// Hosts by state over time.
fn infection_chart(language: Language, result: &ScoredRun) -> Result<String, String> {
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
fn services_chart(language: Language, result: &ScoredRun) -> Result<Option<String>, String> {
    let Some(care) = &result.run.care else { return Ok(None) };
    if care.samples.is_empty() {
        return Ok(None);
    }
    let end = f64::from(result.run.minutes.max(60)) / 60.0;
    // Step lines: each sample holds until the next.
    let steps = |value: fn(&crate::sim::care::ServiceSample) -> u32| {
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
fn milestone_chart(language: Language, result: &ScoredRun, historical: Option<&ScoredRun>) -> Result<Option<String>, String> {
    if result.milestones.is_empty() {
        return Ok(None);
    }
    let rows = result.milestones.len();
    let max = result.milestones.iter().map(|m| m.target_minutes.max(m.achieved_minutes.unwrap_or(0))).max().unwrap_or(60).max(60);
    let mut svg = String::new();
    let draw = |svg: &mut String| -> ChartResult {
        let root = SVGBackend::with_string(svg, (920, 70 + 34 * rows as u32)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(language.tr("decisions-against-plan-targets-minutes"), ("sans-serif", 16))
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(190)
            .build_cartesian_2d((1f64..f64::from(max) * 1.5).log_scale(), (0..rows).into_segmented())?;
        let names: Vec<String> = result.milestones.iter().map(|m| m.id.clone()).collect();
        chart
            .configure_mesh()
            .y_labels(rows)
            .y_label_formatter(&|y| match y {
                SegmentValue::CenterOf(i) => names.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .x_desc(language.tr("minutes"))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()?;
        let centre = |i: usize| SegmentValue::CenterOf(i);
        chart.draw_series(result.milestones.iter().enumerate().map(|(i, m)| {
            Rectangle::new(
                [(1.0, SegmentValue::Exact(i)), (f64::from(m.target_minutes.max(1)), SegmentValue::Exact(i + 1))],
                GREEN.mix(0.18).filled(),
            )
        }))?;
        chart
            .draw_series(result.milestones.iter().enumerate().map(|(i, m)| {
                PathElement::new(
                    vec![
                        (f64::from(m.target_minutes.max(1)), SegmentValue::Exact(i)),
                        (f64::from(m.target_minutes.max(1)), SegmentValue::Exact(i + 1)),
                    ],
                    GREEN.stroke_width(3),
                )
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
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.9))
            .border_style(GREY)
            .position(SeriesLabelPosition::LowerRight)
            .draw()?;
        root.present()?;
        Ok(())
    };
    draw(&mut svg).map_err(|e| format!("cannot draw the milestone chart: {e}"))?;
    Ok(Some(svg))
}

const STYLE: &str = r#"
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 960px; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #0072b2; padding-bottom: 0.2em; margin-top: 1.8em; }
.meta { color: #444; } .caveat { background: #fff7e0; border-left: 4px solid #e69f00; padding: 0.6em 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
th { background: #eef4fa; } td.time { white-space: nowrap; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #006b4f; font-weight: 600; } .late { color: #8a5a00; font-weight: 600; } .missed { color: #b03a00; font-weight: 600; }
.ok::before { content: "✔ "; } .late::before { content: "◷ "; } .missed::before { content: "✖ "; }
.cards { display: flex; flex-wrap: wrap; gap: 0.8em; } .card { border: 1px solid #ccc; border-radius: 6px; padding: 0.6em 1em; min-width: 150px; }
.card b { display: block; font-size: 1.6em; } .hidden { color: #666; font-style: italic; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { page-break-after: avoid; } table, figure, .cards { page-break-inside: avoid; } a { color: inherit; text-decoration: none; } }
"#;

fn fmt_hours(minutes: Option<u32>) -> String {
    minutes.map_or("—".to_string(), |m| format!("{m} min"))
}

/// The HTML report, in a language.
pub fn render_html(language: Language, input: &ReportInput) -> Result<String, String> {
    let r = &input.result.run;
    let s = input.scenario;
    let mut out = String::new();
    let title = language.trf("report-title", &[("scenario", &s.meta.name)]);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        language.code(),
        html(&title)
    );
    let _ = write!(out, "<h1>{}</h1>", html(&title));
    let playbook = format!("<b>{}</b>", html(r.playbook.as_deref().unwrap_or(language.tr("none-response"))));
    let _ = write!(
        out,
        "<p class=\"meta\">{}{}</p>",
        language.trf(
            "report-run-line",
            &[("playbook", &playbook), ("seed", &r.seed), ("from", &html(&r.start)), ("to", &html(&r.end)), ("minutes", &r.minutes)]
        ),
        input.plan.map_or(String::new(), |p| language.trf("report-plan-suffix", &[("plan", &format!("<b>{}</b>", html(&p.name)))]))
    );
    if let Some(plan) = input.plan {
        let years = {
            let mut years: Vec<u16> = plan.milestones.iter().map(|m| m.year).collect();
            years.sort_unstable();
            years.dedup();
            years.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", ")
        };
        let _ = write!(
            out,
            "<p class=\"caveat\">{}</p>",
            html([language.trf("plan-rules-years", &[("years", &years)]), plan.caveat.clone()].join(" ").trim_end())
        );
    }

    let _ = write!(out, "<h2>{}</h2><div class=\"cards\">", language.tr("summary"));
    if let Some(score) = &input.result.score {
        let _ = write!(
            out,
            "<div class=\"card\">{}<b>{:.1} / 100</b>{}</div>",
            language.tr("score"),
            score.total,
            language
                .trf("timing-and-outcome", &[("timing", &format!("{:.1}", score.timing)), ("outcome", &format!("{:.1}", score.outcome))])
        );
    }
    let _ = write!(
        out,
        "<div class=\"card\">{}<b>{} / {}</b>{:.1}%</div>",
        language.tr("hosts-encrypted"),
        r.hosts.encrypted,
        r.hosts.total,
        100.0 * r.encrypted_fraction()
    );
    if let Some(care) = &r.care {
        let m = &care.measures;
        let _ = write!(
            out,
            "<div class=\"card\">{}<b>{:.0}</b>{}</div>",
            language.tr("patients-risk"),
            m.patient_hours_at_risk,
            language.tr("patient-hours")
        );
        let _ = write!(
            out,
            "<div class=\"card\">{}<b>{:.0} / {:.0}</b>{}</div>",
            language.tr("treatment-plans-lost"),
            m.treatment_plans_lost,
            m.inpatients,
            language.tr("inpatients")
        );
    }
    let _ = write!(
        out,
        "<div class=\"card\">{}<b>{}</b>{}</div></div>",
        language.tr("data-exfiltrated"),
        language.trf("gigabytes", &[("gigabytes", &format!("{:.0}", r.attack.exfiltrated_gb))]),
        language.trf("gigabytes-during-scenario", &[("gigabytes", &format!("{:.0}", r.attack.exfiltrated_during_gb))])
    );

    let comparisons: Vec<(&str, &ScoredRun)> = [
        (language.tr("column-this-run"), Some(input.result)),
        (language.tr("column-historical-night"), input.historical),
        (language.tr("plan-met-time"), input.on_time),
    ]
    .into_iter()
    .filter_map(|(n, x)| x.map(|x| (n, x)))
    .collect();
    if comparisons.len() > 1 {
        let _ = write!(
            out,
            "<h2>{}</h2><p>{}</p><table><tr><th></th>",
            language.tr("compared-historical-night-plan-met"),
            language.tr("same-scenario-same-seed")
        );
        for (name, _) in &comparisons {
            let _ = write!(out, "<th>{}</th>", html(name));
        }
        out += "</tr>";
        type Row<'a> = (&'a str, &'a dyn Fn(&ScoredRun) -> String);
        let rows: [Row; 6] = [
            (language.tr("score"), &|x| x.score.as_ref().map_or("—".into(), |s| format!("{:.1}", s.total))),
            (language.tr("milestones-time"), &|x| {
                language.trf(
                    "count-of-total",
                    &[
                        ("count", &x.milestones.iter().filter(|m| m.status == MilestoneStatus::OnTime).count()),
                        ("total", &x.milestones.len()),
                    ],
                )
            }),
            (language.tr("hosts-encrypted"), &|x| format!("{}", x.run.hosts.encrypted)),
            (language.tr("patient-hours-risk"), &|x| {
                x.run.care.as_ref().map_or("—".into(), |c| format!("{:.0}", c.measures.patient_hours_at_risk))
            }),
            (language.tr("treatment-plans-lost"), &|x| {
                x.run.care.as_ref().map_or("—".into(), |c| format!("{:.0}", c.measures.treatment_plans_lost))
            }),
            (language.tr("gb-exfiltrated-during-scenario"), &|x| format!("{:.0}", x.run.attack.exfiltrated_during_gb)),
        ];
        for (label, value) in rows {
            let _ = write!(out, "<tr><th>{}</th>", html(label));
            for (_, run) in &comparisons {
                let _ = write!(out, "<td class=\"num\">{}</td>", html(&value(run)));
            }
            out += "</tr>";
        }
        out += "</table>";
    }

    if !input.result.milestones.is_empty() {
        let _ = write!(out, "<h2>{}</h2>", language.tr("milestones"));
        if let Some(svg) = milestone_chart(language, input.result, input.historical)? {
            let _ = write!(out, "<figure>{svg}</figure>");
        }
        let _ = write!(
            out,
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
            language.tr("column-milestone"),
            language.tr("source"),
            language.tr("reference"),
            language.tr("column-target"),
            language.tr("column-this-run")
        );
        if input.historical.is_some() {
            let _ = write!(out, "<th>{}</th>", language.tr("column-historical-night"));
        }
        let _ = write!(out, "<th>{}</th></tr>", language.tr("points"));
        for (i, m) in input.result.milestones.iter().enumerate() {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{} ({})</td><td>{}</td><td class=\"num\">{} min</td><td class=\"{}\">{}</td>",
                html(&m.name),
                html(&m.source),
                m.year,
                html(&m.reference),
                m.target_minutes,
                status_class(m),
                html(&status_text(language, m))
            );
            if let Some(h) = input.historical.and_then(|h| h.milestones.get(i)) {
                let _ = write!(out, "<td class=\"{}\">{}</td>", status_class(h), html(&status_text(language, h)));
            }
            let _ = write!(out, "<td class=\"num\">{:.1} / {:.1}</td></tr>", m.points, m.max_points);
        }
        out += "</table>";
    }

    if let Some(score) = &input.result.score {
        let _ = write!(
            out,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            language.tr("score-line-line"),
            language.tr("line"),
            language.tr("what-happened"),
            language.tr("points")
        );
        for line in score_lines(language, input.result, input.plan) {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{:.1} / {:.0}</td></tr>",
                html(&line.label),
                html(&line.value),
                line.points,
                line.max_points
            );
        }
        let _ =
            write!(out, "<tr><th colspan=\"2\">{}</th><th class=\"num\">{:.1} / 100</th></tr></table>", language.tr("total"), score.total);
    }

    let _ = write!(out, "<h2>{}</h2>", language.tr("network"));
    let _ = write!(out, "<figure>{}</figure>", infection_chart(language, input.result)?);
    let backups =
        if r.attack.backups_destroyed.is_empty() { language.tr("none").to_string() } else { r.attack.backups_destroyed.join(", ") };
    let _ = write!(
        out,
        "<p>{}</p>",
        language.trf(
            "report-hosts-at-end",
            &[
                ("clean", &r.hosts.clean),
                ("held", &r.hosts.compromised),
                ("encrypted", &r.hosts.encrypted),
                ("powered_off", &r.hosts.powered_off),
                ("restored", &r.hosts.restored),
                ("rebuilt", &r.hosts.rebuilt),
                ("domain_admin", &if r.attack.domain_admin { language.tr("held") } else { language.tr("not-held") }),
                ("backups", &html(&backups))
            ]
        )
    );

    if let Some(care) = &r.care {
        let _ = write!(out, "<h2>{}</h2>", language.tr("heading-care"));
        if let Some(svg) = services_chart(language, input.result)? {
            let _ = write!(out, "<figure>{svg}</figure>");
        }
        let m = &care.measures;
        let _ = write!(out, "<table><tr><th>{}</th><th>{}</th></tr>", language.tr("measure"), language.tr("value"));
        for (label, value) in [
            (language.tr("patient-hours-risk-down-downtime"), format!("{:.0}", m.patient_hours_at_risk)),
            (language.tr("emergency-arrivals-received-while-department"), format!("{:.0}", m.emergency_arrivals_at_risk)),
            (language.tr("ambulances-diverted"), format!("{:.0}", m.ambulances_diverted)),
            (
                language.tr("treatment-plans-lost-wards"),
                language.trf(
                    "count-of-total",
                    &[("count", &format!("{:.0}", m.treatment_plans_lost)), ("total", &format!("{:.0}", m.inpatients))],
                ),
            ),
            (language.tr("service-hours-down-critical"), format!("{:.0} ({:.0})", m.service_hours_down, m.critical_service_hours_down)),
            (language.tr("service-hours-degraded-or-paper"), format!("{:.0}", m.service_hours_degraded)),
            (language.tr("consultations-lost"), format!("{:.0}", m.consultations_lost)),
        ] {
            let _ = write!(out, "<tr><td>{}</td><td class=\"num\">{}</td></tr>", html(label), html(&value));
        }
        out += "</table>";
    }

    let _ = write!(
        out,
        "<h2>{}</h2><p>{}</p><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        language.tr("timeline"),
        language.trf("report-hidden-entries", &[("mark", &format!("<span class=\"hidden\">{}</span>", language.tr("kind-hidden")))]),
        language.tr("column-time"),
        language.tr("kind"),
        language.tr("what-happened")
    );
    for row in &r.timeline {
        let hidden = row.kind == EntryKind::Attack;
        let _ = write!(
            out,
            "<tr{}><td class=\"time\">{}</td><td>{}</td><td>{}</td></tr>",
            if hidden { " class=\"hidden\"" } else { "" },
            html(&row.at),
            html(kind_word(language, row.kind)),
            html(&row.text)
        );
    }
    out += "</table>";

    let _ = write!(out, "<h2>{}</h2>", language.tr("observer-notes"));
    if input.notes.is_empty() {
        let _ = write!(out, "<p>{}</p>", language.tr("observer-notes-were-written"));
    } else {
        let _ = write!(out, "<table><tr><th>{}</th><th>{}</th></tr>", language.tr("column-time"), language.tr("note"));
        for note in input.notes {
            let _ = write!(out, "<tr><td>{}</td><td>{}</td></tr>", html(&note.at), html(&note.text));
        }
        out += "</table>";
    }
    if !s.hot_wash.is_empty() {
        let _ = write!(
            out,
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th></tr>",
            language.tr("hot-wash"),
            language.tr("question"),
            language.tr("answer")
        );
        for question in &s.hot_wash {
            let answer = input.answers.iter().find(|(q, _)| q == question).map_or("", |(_, a)| a.as_str());
            let _ = write!(out, "<tr><td>{}</td><td>{}</td></tr>", html(question), html(answer));
        }
        out += "</table>";
    }
    let _ = write!(out, "<h2>{}</h2><ul>", language.tr("sources"));
    for source in s.meta.sources.iter().chain(input.plan.map(|p| p.sources.iter()).into_iter().flatten()) {
        let _ = write!(out, "<li>{}</li>", html(source));
    }
    let _ = writeln!(out, "</ul><p class=\"meta\">{}</p></body></html>", language.tr("every-number-sources-do-not"));
    Ok(out)
}

/// The Markdown report, in a language.
pub fn render_markdown(language: Language, input: &ReportInput) -> String {
    let r = &input.result.run;
    let s = input.scenario;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", language.trf("report-title", &[("scenario", &markdown(&s.meta.name))]));
    let playbook = format!("**{}**", markdown(r.playbook.as_deref().unwrap_or(language.tr("none-response"))));
    let _ = writeln!(
        out,
        "{}\n",
        language.trf(
            "report-run-line",
            &[
                ("playbook", &playbook),
                ("seed", &r.seed),
                ("from", &markdown(&r.start)),
                ("to", &markdown(&r.end)),
                ("minutes", &r.minutes)
            ]
        )
    );
    if let Some(score) = &input.result.score {
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} |\n|---|---|---:|",
            language.trf("score-line", &[("score", &format!("{:.1}", score.total))]),
            language.tr("line"),
            language.tr("what-happened"),
            language.tr("points")
        );
        for line in score_lines(language, input.result, input.plan) {
            let _ =
                writeln!(out, "| {} | {} | {:.1} / {:.0} |", markdown(&line.label), markdown(&line.value), line.points, line.max_points);
        }
        out += "\n";
    }
    if !input.result.milestones.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} | {} | {} |\n|---|---|---:|---|---|",
            language.tr("milestones"),
            language.tr("column-milestone"),
            language.tr("source"),
            language.tr("column-target"),
            language.tr("column-this-run"),
            language.tr("column-historical-night")
        );
        for (i, m) in input.result.milestones.iter().enumerate() {
            let historical = input.historical.and_then(|h| h.milestones.get(i)).map_or("—".to_string(), |h| status_text(language, h));
            let _ = writeln!(
                out,
                "| {} | {} ({}) | {} min | {} | {} |",
                markdown(&m.name),
                markdown(&m.source),
                m.year,
                m.target_minutes,
                status_text(language, m),
                markdown(&historical)
            );
        }
        out += "\n";
    }
    let _ = writeln!(
        out,
        "## {}\n\n- {}\n- {}\n- {}",
        language.tr("outcome"),
        language.trf(
            "summary-hosts",
            &[
                ("encrypted", &r.hosts.encrypted),
                ("total", &r.hosts.total),
                ("powered_off", &r.hosts.powered_off),
                ("restored", &r.hosts.restored),
                ("rebuilt", &r.hosts.rebuilt)
            ]
        ),
        language.trf(
            "summary-exfiltrated",
            &[("gigabytes", &format!("{:.0}", r.attack.exfiltrated_gb)), ("during", &format!("{:.0}", r.attack.exfiltrated_during_gb))]
        ),
        language.trf(
            "summary-detection",
            &[("first_alert", &fmt_hours(r.detection.first_alert_minute)), ("confirmed", &fmt_hours(r.detection.confirmed_minute))]
        )
    );
    if let Some(care) = &r.care {
        let m = &care.measures;
        let _ = writeln!(
            out,
            "- {}",
            language.trf(
                "summary-care",
                &[
                    ("at_risk", &format!("{:.0}", m.patient_hours_at_risk)),
                    ("plans_lost", &format!("{:.0}", m.treatment_plans_lost)),
                    ("inpatients", &format!("{:.0}", m.inpatients)),
                    ("hours_down", &format!("{:.0}", m.service_hours_down)),
                    ("critical", &format!("{:.0}", m.critical_service_hours_down)),
                    ("diverted", &format!("{:.0}", m.ambulances_diverted)),
                    ("consultations", &format!("{:.0}", m.consultations_lost))
                ]
            )
        );
    }
    let _ = write!(
        out,
        "\n## {}\n\n| {} | {} | {} |\n|---|---|---|\n",
        language.tr("timeline"),
        language.tr("column-time"),
        language.tr("kind"),
        language.tr("what-happened")
    );
    for row in &r.timeline {
        let _ = writeln!(out, "| {} | {} | {} |", markdown(&row.at), kind_word(language, row.kind), markdown(&row.text));
    }
    let _ = write!(out, "\n## {}\n\n", language.tr("observer-notes"));
    if input.notes.is_empty() {
        let _ = writeln!(out, "{}", language.tr("observer-notes-were-written"));
    }
    for note in input.notes {
        let _ = writeln!(out, "- {}: {}", markdown(&note.at), markdown(&note.text));
    }
    if !s.hot_wash.is_empty() {
        let _ = write!(out, "\n## {}\n\n", language.tr("hot-wash"));
        for question in &s.hot_wash {
            let answer = input.answers.iter().find(|(q, _)| q == question).map_or("", |(_, a)| a.as_str());
            let _ = writeln!(out, "- **{}** {}", markdown(question), markdown(answer));
        }
    }
    out
}

/// The timeline as CSV.
pub fn render_csv(result: &ScoredRun) -> String {
    let mut out = String::from("minute,at,kind,id,text\n");
    for row in &result.run.timeline {
        let kind = format!("{:?}", row.kind).to_lowercase();
        let _ = writeln!(out, "{},{},{},{},{}", row.minute, csv(&row.at), kind, csv(&row.id), csv(&row.text));
    }
    out
}

/// Writes the four report files into `dir`, in English, each whole or not at all.
pub fn write_report(dir: &Path, input: &ReportInput) -> Result<Vec<PathBuf>, String> {
    write_report_in(Language::English, dir, input)
}

/// Writes the four report files into `dir`, each whole or not at all: `report.html` and `report.md`
/// in `language`, `timeline.csv` and `result.json` as machines read them.
pub fn write_report_in(language: Language, dir: &Path, input: &ReportInput) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    let json = serde_json::to_string_pretty(input.result).map_err(|e| format!("cannot write JSON: {e}"))?;
    let files = [
        ("report.html", render_html(language, input)?),
        ("report.md", render_markdown(language, input)),
        ("timeline.csv", render_csv(input.result)),
        ("result.json", json + "\n"),
    ];
    let mut written = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        let partial = dir.join(format!(".{name}.partial"));
        std::fs::write(&partial, content).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
        std::fs::rename(&partial, &path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// A histogram chart of a measure over the replicas, in `bins` bins between 0 and `max`.
fn histogram_chart(title: &str, x_desc: &str, values: &crate::batch::Histogram, scale: f64, max: f64) -> Result<String, String> {
    const BINS: usize = 40;
    let mut counts = [0u64; BINS];
    for (value, &count) in values.counts.iter().enumerate() {
        let x = value as f64 / scale;
        let bin = ((x / max) * BINS as f64).floor().clamp(0.0, (BINS - 1) as f64) as usize;
        counts[bin] += count;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1);
    let mut svg = String::new();
    let draw = |svg: &mut String| -> ChartResult {
        let root = SVGBackend::with_string(svg, (920, 300)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(38)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..max, 0u64..top + top / 10 + 1)?;
        chart.configure_mesh().x_desc(x_desc).y_desc("replicas").light_line_style(RGBColor(235, 235, 235)).draw()?;
        let width = max / BINS as f64;
        chart.draw_series(
            counts
                .iter()
                .enumerate()
                .map(|(i, &c)| Rectangle::new([(i as f64 * width, 0), ((i + 1) as f64 * width, c)], BLUE.mix(0.75).filled())),
        )?;
        root.present()?;
        Ok(())
    };
    draw(&mut svg).map_err(|e| format!("cannot draw the histogram: {e}"))?;
    Ok(svg)
}

fn distribution_row(label: &str, d: Option<&crate::batch::Distribution>, percent: bool) -> String {
    match d {
        None => format!("<tr><td>{}</td><td colspan=\"4\">—</td></tr>", html(label)),
        Some(d) => {
            let f = |x: f64| if percent { format!("{:.1}%", x * 100.0) } else { format!("{x:.1}") };
            format!(
                "<tr><td>{}</td><td class=\"num\">{} ± {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                html(label),
                f(d.mean),
                f(d.standard_error),
                f(d.p10),
                f(d.p50),
                f(d.p90)
            )
        }
    }
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body><h1>{t}</h1>{body}</body></html>\n",
        t = html(title)
    )
}

/// Writes one file whole or not at all.
pub fn write_whole(path: &Path, content: &str) -> Result<(), String> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, content).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    std::fs::rename(&partial, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The batch report: histograms, milestone on-time rates, and the summary as JSON (the per-replica CSV
/// is written while the batch runs).
pub fn write_batch_report(dir: &Path, summary: &crate::batch::BatchSummary, stats: &crate::batch::BatchStats) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    let mut body = format!(
        "<p class=\"meta\">Scenario {} · playbook <b>{}</b> · {} replicas of {} simulated minutes · master seed {}{}</p>",
        html(&summary.scenario),
        html(&summary.playbook),
        summary.runs,
        summary.minutes,
        summary.seed,
        summary.plan.as_ref().map_or(String::new(), |p| format!(" · plan {}", html(p)))
    );
    body += "<h2>Distributions</h2><table><tr><th>Measure</th><th>Mean ± standard error</th><th>p10</th><th>p50</th><th>p90</th></tr>";
    body += &distribution_row("Share of hosts encrypted", summary.encrypted_fraction.as_ref(), true);
    body += &distribution_row("Score (out of 100)", summary.score_total.as_ref(), false);
    let _ = write!(
        body,
        "</table><p>Means: {:.0} patient-hours at risk, {:.0} treatment plans lost, {:.1} GB exfiltrated during the scenario.</p>",
        summary.patient_hours_at_risk_mean, summary.treatment_plans_lost_mean, summary.exfiltrated_gb_mean
    );
    let _ = write!(
        body,
        "<figure>{}</figure>",
        histogram_chart(
            "Share of hosts encrypted",
            "share of hosts encrypted",
            &stats.encrypted,
            f64::from(stats.total_hosts.max(1)),
            1.0
        )?
    );
    if stats.score.total() > 0 {
        let _ = write!(body, "<figure>{}</figure>", histogram_chart("Score", "score out of 100", &stats.score, 100.0, 100.0)?);
    }
    if !summary.milestones.is_empty() {
        body += "<h2>Milestones</h2><table><tr><th>Milestone</th><th>On time</th><th>Late</th><th>Missed</th></tr>";
        for m in &summary.milestones {
            let _ = write!(
                body,
                "<tr><td>{}</td><td class=\"num\">{:.1}%</td><td class=\"num\">{:.1}%</td><td class=\"num\">{:.1}%</td></tr>",
                html(&m.name),
                m.on_time_rate * 100.0,
                m.late_rate * 100.0,
                m.missed_rate * 100.0
            );
        }
        body += "</table>";
    }
    body += "<p>Every replica's results are in <code>replicas.csv</code>; the summary in <code>summary.json</code>.</p>";
    write_whole(&dir.join("report.html"), &page("Batch report", &body))?;
    let json = serde_json::to_string_pretty(summary).map_err(|e| e.to_string())?;
    write_whole(&dir.join("summary.json"), &(json + "\n"))
}

/// The outcome against the delay: mean and the p10-p90 band.
fn sweep_chart(
    sweep: &crate::batch::SweepSummary,
    label: &str,
    value: fn(&crate::batch::BatchSummary) -> Option<crate::batch::Distribution>,
    scale: f64,
) -> Result<String, String> {
    let points: Vec<(f64, crate::batch::Distribution)> =
        sweep.points.iter().filter_map(|p| value(&p.summary).map(|d| (f64::from(p.minutes), d))).collect();
    let (x0, x1) = (points.first().map_or(0.0, |p| p.0), points.last().map_or(1.0, |p| p.0).max(points.first().map_or(0.0, |p| p.0) + 1.0));
    let mut svg = String::new();
    let draw = |svg: &mut String| -> ChartResult {
        let root = SVGBackend::with_string(svg, (920, 340)).into_drawing_area();
        root.fill(&WHITE)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(format!("{label} against the delay of \"{}\"", sweep.decision), ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(38)
            .y_label_area_size(56)
            .build_cartesian_2d(x0..x1, 0f64..scale)?;
        chart.configure_mesh().x_desc("delay (minutes)").y_desc(label).light_line_style(RGBColor(235, 235, 235)).draw()?;
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
        chart.configure_series_labels().background_style(WHITE.mix(0.85)).border_style(GREY).draw()?;
        root.present()?;
        Ok(())
    };
    draw(&mut svg).map_err(|e| format!("cannot draw the sweep chart: {e}"))?;
    Ok(svg)
}

/// The sweep as CSV.
pub fn render_sweep_csv(sweep: &crate::batch::SweepSummary) -> String {
    let mut out =
        String::from("minutes,runs,encrypted_mean,encrypted_p10,encrypted_p50,encrypted_p90,score_mean,score_p10,score_p50,score_p90\n");
    for p in &sweep.points {
        let d =
            |x: Option<crate::batch::Distribution>| x.map_or(",,,".to_string(), |d| format!("{},{},{},{}", d.mean, d.p10, d.p50, d.p90));
        let _ = writeln!(out, "{},{},{},{}", p.minutes, p.summary.runs, d(p.summary.encrypted_fraction), d(p.summary.score_total));
    }
    out
}

/// The sweep report: the curves, where they bend, and the numbers.
pub fn write_sweep_report(dir: &Path, sweep: &crate::batch::SweepSummary) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    let mut body = format!(
        "<p class=\"meta\">Scenario {} · playbook <b>{}</b> · decision <b>{}</b> · {} replicas per point, the same seeds at every point · master seed {}</p>",
        html(&sweep.scenario),
        html(&sweep.playbook),
        html(&sweep.decision),
        sweep.runs_per_point,
        sweep.seed
    );
    body += "<h2>Where the deadline matters</h2><ul>";
    for b in &sweep.bends {
        let _ = write!(
            body,
            "<li><b>{}</b> changes fastest between {} and {} minutes ({:+.3} per 10 minutes of delay){}.</li>",
            html(&b.measure),
            b.steepest_from,
            b.steepest_to,
            b.steepest_change_per_10_minutes,
            b.bend_at.map_or(String::new(), |x| format!("; the curve bends at {x} minutes"))
        );
    }
    body += "</ul>";
    let _ = write!(body, "<figure>{}</figure>", sweep_chart(sweep, "share of hosts encrypted", |s| s.encrypted_fraction, 1.0)?);
    if sweep.points.iter().any(|p| p.summary.score_total.is_some()) {
        let _ = write!(body, "<figure>{}</figure>", sweep_chart(sweep, "score", |s| s.score_total, 100.0)?);
    }
    body += "<h2>Points</h2><table><tr><th>Delay</th><th>Encrypted, mean (p10-p90)</th><th>Score, mean (p10-p90)</th></tr>";
    for p in &sweep.points {
        let (e, s) = p.describe();
        let _ = write!(body, "<tr><td class=\"num\">{} min</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", p.minutes, e, s);
    }
    body += "</table>";
    write_whole(&dir.join("report.html"), &page("Sweep report", &body))?;
    write_whole(&dir.join("sweep.csv"), &render_sweep_csv(sweep))?;
    let json = serde_json::to_string_pretty(sweep).map_err(|e| e.to_string())?;
    write_whole(&dir.join("sweep.json"), &(json + "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(html("<script>alert('x')</script> & \"q\""), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assert_eq!(markdown("a|b *c* [l](http://x) <img>\nnext"), "a\\|b \\*c\\* \\[l\\]\\(http://x\\) &lt;img\\> next");
        assert_eq!(csv("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv("plain"), "plain");
    }
}
