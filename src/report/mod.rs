//! The after-action report: `report.html` (one self-contained file, printable), `report.md`,
//! `timeline.csv` and `result.json`. Every text that came from a file or a player is escaped. The two
//! reports for people are written in English or French from one model of their sections;
//! `timeline.csv` and `result.json`, read by machines, keep their English field names and kinds. The
//! batch and sweep reports are written here too.

pub mod aar;
mod audit;
mod batch;
mod charts;
pub(crate) mod escape;
mod html;
mod markdown;
mod model;
pub mod seat_messages;
mod sections;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

pub use audit::{render_audit_csv, render_audit_html, render_audit_markdown, write_audit_report};
pub use batch::{render_sweep_csv, write_batch_report, write_sweep_report};
// The escaping functions keep their names beside the `html` and `markdown` writers' modules: a module
// and a function do not share a namespace.
pub use escape::{csv, html, markdown};
pub use sections::{ScoreText, kind_word, score_lines};

use crate::data::plan::Plan;
use crate::data::scenario::Scenario;
use crate::i18n::Language;
use crate::score::{Comparison, ScoredRun};

/// A note an observer wrote during the exercise, tagged (if the observer chose) to an objective and
/// as a strength or an area for improvement, for the after-action report's ratings.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ObserverNote {
    pub minute: u32,
    pub at: String,
    pub text: String,
    /// The plan milestone (objective) it bears on, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    #[serde(default, skip_serializing_if = "NoteKind::is_observation")]
    pub kind: NoteKind,
    /// The role it is about, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The inject it is about, by its rank of delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inject: Option<usize>,
    /// The seat it was written from (`observer`, `facilitator`), when not the window's console.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// What an observer's note says of the cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    #[default]
    Observation,
    Strength,
    AreaForImprovement,
}

impl NoteKind {
    pub const ALL: [NoteKind; 3] = [NoteKind::Observation, NoteKind::Strength, NoteKind::AreaForImprovement];

    pub fn is_observation(&self) -> bool {
        *self == NoteKind::Observation
    }

    pub fn label(self, language: Language) -> &'static str {
        language.tr(match self {
            NoteKind::Observation => "note-kind-observation",
            NoteKind::Strength => "note-kind-strength",
            NoteKind::AreaForImprovement => "note-kind-improvement",
        })
    }
}

/// One line of the improvement plan: an area for improvement of an objective, the corrective action
/// the hospital commits to, who carries it, and when it starts and ends.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ImprovementItem {
    /// The objective (plan milestone) by name.
    pub objective: String,
    pub issue: String,
    pub action: String,
    /// The role responsible, by name.
    pub responsible: String,
    pub start: String,
    pub end: String,
}

/// What an exercise adds to a run's report: when and with whom it was played, the injects and what the
/// facilitator made of them, and the improvement plan.
#[derive(Debug, Clone, Default)]
pub struct ExerciseRecord {
    /// The day it was played, when known.
    pub played_on: Option<String>,
    /// The roles at the table, by name; the facilitator played the others.
    pub roles_at_table: Vec<String>,
    pub roles_by_facilitator: Vec<String>,
    pub injects: Vec<crate::exercise::moments::InjectMoment>,
    pub improvements: Vec<ImprovementItem>,
    /// What the seats wrote to each other and to the cell, and what they were refused (`to` empty).
    pub messages: Vec<seat_messages::SeatLine>,
    pub refused: Vec<seat_messages::SeatLine>,
    /// The observers' ratings of the objectives, by objective id: they stand in the report in place
    /// of the rating the timing and marks give.
    pub ratings: Vec<(String, aar::Rating)>,
}

/// Everything a report is made from.
pub struct ReportInput<'a> {
    pub scenario: &'a Scenario,
    pub plan: Option<&'a Plan>,
    pub result: &'a ScoredRun,
    /// The historical night, the best response and no response on the same seed, for comparison.
    pub comparison: Option<&'a Comparison>,
    pub notes: &'a [ObserverNote],
    /// Hot-wash questions and the answers typed in by the facilitator.
    pub answers: &'a [(String, String)],
    /// The exercise the run was played in, if it was one (not a headless run).
    pub exercise: Option<&'a ExerciseRecord>,
}

impl<'a> ReportInput<'a> {
    /// The historical night on the same seed, where the scenario names one.
    pub fn historical(&self) -> Option<&'a ScoredRun> {
        self.comparison.and_then(|c| c.historical.as_ref())
    }
}

/// The HTML report, in a language.
pub fn render_html(language: Language, input: &ReportInput) -> Result<String, String> {
    html::render(&sections::after_action_report(language, input))
}

/// The Markdown report, in a language.
pub fn render_markdown(language: Language, input: &ReportInput) -> String {
    markdown::render(&sections::after_action_report(language, input))
}

/// The timeline as CSV.
pub fn render_csv(result: &ScoredRun) -> String {
    let mut out = String::from("minute,at,kind,id,text\n");
    for row in &result.run.timeline {
        let kind = format!("{:?}", row.kind).to_lowercase();
        let _ = writeln!(out, "{},{},{},{},{}", row.minute, escape::csv(&row.at), kind, escape::csv(&row.id), escape::csv(&row.text));
    }
    out
}

/// The files a report writes into its folder.
pub const REPORT_FILES: [&str; 6] =
    ["report.html", "report.md", "timeline.csv", "result.json", "improvement-plan.csv", "improvement-plan.xlsx"];

/// Writes the report files into `dir`, in English, each whole or not at all.
pub fn write_report(dir: &Path, input: &ReportInput) -> Result<Vec<PathBuf>, String> {
    write_report_in(Language::English, dir, input)
}

/// Writes the report files into `dir`, each whole or not at all: `report.html` and `report.md` in
/// `language`, `timeline.csv` and `result.json` as machines read them, and the improvement plan as
/// `improvement-plan.csv` and `improvement-plan.xlsx` for the hospital to carry on.
pub fn write_report_in(language: Language, dir: &Path, input: &ReportInput) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create the report folder {}: {e}", dir.display()))?;
    let json = serde_json::to_string_pretty(input.result).map_err(|e| format!("cannot write JSON: {e}"))?;
    let report = sections::after_action_report(language, input);
    let improvements = aar::improvement_plan(language, input);
    let files = [
        // In the order of `REPORT_FILES`.
        ("report.html", html::render(&report)?.into_bytes()),
        ("report.md", markdown::render(&report).into_bytes()),
        ("timeline.csv", render_csv(input.result).into_bytes()),
        ("result.json", (json + "\n").into_bytes()),
        ("improvement-plan.csv", aar::improvement_csv(language, &improvements).into_bytes()),
        ("improvement-plan.xlsx", aar::improvement_xlsx(language, &improvements, exercise_day(input))?),
    ];
    let mut written = Vec::new();
    for (name, content) in files {
        let path = dir.join(name);
        write_whole_bytes(&path, &content)?;
        written.push(path);
    }
    Ok(written)
}

/// The day the exercise was played, or else the scenario's first day, as year, month and day.
fn exercise_day(input: &ReportInput) -> Option<(i16, i8, i8)> {
    let played = input.exercise.and_then(|e| e.played_on.clone());
    let date = played.unwrap_or_else(|| input.result.run.start.split(' ').next().unwrap_or_default().to_string());
    let date: jiff::civil::Date = date.parse().ok()?;
    Some((date.year(), date.month(), date.day()))
}

/// A temporary file beside `path`, for writing it whole: its name is random and it is created anew
/// (never opened through a link someone planted), and it is removed if it is never renamed.
pub fn temporary_beside(path: &Path) -> Result<tempfile::NamedTempFile, String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    tempfile::Builder::new()
        .prefix(".crisis-cell-")
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes one file whole or not at all.
pub fn write_whole(path: &Path, content: &str) -> Result<(), String> {
    write_whole_bytes(path, content.as_bytes())
}

/// Writes one file's bytes whole or not at all.
pub fn write_whole_bytes(path: &Path, content: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let mut partial = temporary_beside(path)?;
    partial.write_all(content).and_then(|_| partial.flush()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    // Readable by others like any file the user writes (a temporary file is created private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = partial.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    partial.persist(path).map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::model::{Column, ColumnKind, Content, Format, Report, Row, Table, Text, Tone};
    use super::{html, markdown};

    /// Each writer shows the blocks and columns the model gives its format, and escapes given words.
    #[test]
    fn each_writer_shows_what_the_model_gives_its_format() {
        let table = Table {
            columns: vec![
                Column::new(Text::own("Name"), ColumnKind::Words),
                Column::new(Text::own("Points"), ColumnKind::Number).shown_only_in(Format::Html),
                Column::new(Text::own("Rank"), ColumnKind::Number).shown_only_in(Format::Markdown),
            ],
            rows: vec![Row::new([Text::given("a|<b>"), Text::own("1.0"), Text::own("2")])],
            total: None,
        };
        let report = Report {
            language_code: "fr",
            title: Text::given("T & co"),
            blocks: vec![
                Content::Heading(Text::own("H")).into(),
                Content::Table(table).into(),
                Content::Paragraph(Text::own("only in HTML"), Tone::Plain).shown_only_in(Format::Html),
                Content::chart(|| Ok(Some("<svg/>".into()))).into(),
            ],
        };
        assert_eq!(markdown::render(&report), "# T &amp; co\n\n## H\n\n| Name | Rank |\n|---|---:|\n| a\\|&lt;b\\> | 2 |\n");
        let page = html::render(&report).expect("no chart fails");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>T &amp; co</title>"));
        assert!(page.ends_with(
            "<h1>T &amp; co</h1><h2>H</h2><table><tr><th>Name</th><th>Points</th></tr><tr><td>a|&lt;b&gt;</td><td class=\"num\">1.0</td></tr></table><p>only in HTML</p><figure><svg/></figure></body></html>\n"
        ));
    }
}
