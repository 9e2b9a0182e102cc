//! The session journal: every input of an exercise (decisions, injects, notes, clock changes, answers)
//! appended as it happens, one JSON line each, flushed per entry, so that a killed window loses nothing
//! and `replay` gives the same run to the bit.
//!
//! Format 1: a header line, then entry lines, each `{"minute": M, "kind": ..., ...}`. The header names
//! the scenario (its source, id, version and a digest of its content in the exercise's language),
//! carries the plan and the laid-on playbook whole, so that the journal replays even if those files
//! move, and says the language the exercise was played in (English when it does not say).

use std::fs::{File, OpenOptions};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Exercise, ExerciseSetup, Speed};
use crate::data::load::Problems;
use crate::data::plan::Plan;
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::data::validate;
use crate::i18n::Language;
use crate::setup::{RunRequest, RunSetup};
use crate::sim::injects::FireInject;

/// The journal format this build writes and reads.
pub const JOURNAL_FORMAT: u32 = 1;
/// The first field of every journal, to tell one from any other JSON file.
pub const JOURNAL_MAGIC: &str = "crisis-cell journal";

/// How every journal's first line begins, as written.
const HEADER_OPENING: &str = r#"{"journal":"crisis-cell journal""#;

/// Whether a file's bytes are a journal header cut short (the window died as it began): no newline
/// yet, and the bytes are the start of a journal's first line. Anything else is not ours to mend.
pub fn is_torn_header(bytes: &[u8]) -> bool {
    let opening = HEADER_OPENING.as_bytes();
    !bytes.is_empty() && !bytes.contains(&b'\n') && (opening.starts_with(bytes) || bytes.starts_with(opening))
}
/// A journal larger than this is refused: four days of exercise write well under a megabyte.
pub const LARGEST_JOURNAL: u64 = 64 * 1024 * 1024;

/// The scenario a journal was written against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRef {
    /// A built-in scenario's name, or the path it was loaded from.
    pub source: String,
    pub id: String,
    pub version: String,
    /// FNV-1a over the scenario's content, to catch a file changed without a new version.
    pub digest: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub journal: String,
    pub format: u32,
    pub scenario: ScenarioRef,
    pub seed: u64,
    pub plan: Option<Plan>,
    pub autopilot: Option<Playbook>,
    pub roles_at_table: Vec<String>,
    pub speed: Speed,
    pub pause_on_inject: bool,
    /// The language the exercise was played in: the scenario's texts were taken in it. A journal
    /// written before languages were chosen was in English.
    #[serde(default)]
    pub language: Language,
    /// The day the exercise was played, for its report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub played_on: Option<String>,
}

/// One input of the exercise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Input {
    Decision {
        action: String,
    },
    Inject {
        id: String,
    },
    WrittenInject {
        channel: String,
        text: String,
        /// The role it is addressed to; empty for the whole cell.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        to: String,
    },
    Note {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        objective: Option<String>,
        #[serde(default, skip_serializing_if = "crate::report::NoteKind::is_observation")]
        note_kind: crate::report::NoteKind,
        /// The role it is about, by id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<String>,
        /// The inject it is about, by its rank of delivery.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inject: Option<usize>,
    },
    /// An observer rated an objective (a plan milestone, by id), or took the rating back (`null`).
    Rating {
        objective: String,
        rating: Option<crate::report::aar::Rating>,
    },
    Clock {
        paused: bool,
        speed: Speed,
    },
    /// The simulated clock reached this minute. (The variants without data are written with braces so
    /// that a field they do not have is refused, as it is for the others.)
    Time {},
    Answer {
        question: usize,
        text: String,
    },
    /// The room acknowledged the oldest inject on the banner.
    Acknowledge {},
    /// The improvement plan as it now stands, whole.
    Improvements {
        items: Vec<crate::report::ImprovementItem>,
    },
    /// The facilitator marked the response to the inject of this rank of delivery.
    Mark {
        inject: usize,
        mark: super::moments::ResponseMark,
    },
    /// A seat wrote to another role's seat, or to the whole cell; or answered an inject's sender, or
    /// passed an inject on (`about`, the inject's rank of delivery).
    Message {
        to: String,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<usize>,
    },
    /// A seat asked for what its role may not do: refused, and kept for the facilitator and the report.
    Refused {
        what: String,
    },
    End {},
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub minute: u32,
    /// The role whose seat sent this input, when it came from a seat rather than the room's window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    #[serde(flatten)]
    pub input: Input,
}

/// A journal read back.
#[derive(Debug, Clone)]
pub struct Journal {
    pub header: Header,
    pub entries: Vec<Entry>,
    /// Bytes of whole lines: where appending must resume.
    pub valid_bytes: u64,
    /// What was dropped from the end, said for the user, when the last line was cut short.
    pub torn: Option<String>,
}

/// FNV-1a, 64 bits, as 16 hex digits.
fn fnv1a(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The digest of a scenario's content (not of its file's layout or comments).
pub fn scenario_digest(scenario: &Scenario) -> String {
    fnv1a(serde_json::to_string(scenario).unwrap_or_default().as_bytes())
}

impl Header {
    pub fn new(setup: &ExerciseSetup, source: &str) -> Self {
        let scenario = &setup.scenario;
        Self {
            journal: JOURNAL_MAGIC.to_string(),
            format: JOURNAL_FORMAT,
            scenario: ScenarioRef {
                source: source.to_string(),
                id: scenario.meta.id.clone(),
                version: scenario.meta.version.clone(),
                digest: scenario_digest(scenario),
            },
            seed: setup.seed,
            plan: setup.plan.clone(),
            autopilot: setup.autopilot.clone(),
            roles_at_table: setup.roles_at_table.clone(),
            speed: setup.speed,
            pause_on_inject: setup.pause_on_inject,
            language: setup.language,
            played_on: setup.played_on.clone(),
        }
    }
}

fn problem(path: &str, line: usize, column: usize, message: impl std::fmt::Display) -> String {
    format!("{path}:{line}:{column}: {message}")
}

/// Parses a journal's text; `label` names it in messages. A last line without its newline was cut short
/// by a crash: it is dropped and said in `torn`. Any other bad line is an error with its line and column.
pub fn parse(label: &str, text: &str) -> Result<Journal, String> {
    let mut valid_bytes = 0u64;
    let mut torn = None;
    let mut header: Option<Header> = None;
    let mut entries = Vec::new();
    let mut number = 0;
    for line in text.split_inclusive('\n') {
        number += 1;
        if !line.ends_with('\n') {
            torn = Some(format!(
                "{label}:{number}: the last entry was cut short ({} bytes, as by a crash); it is dropped and everything before it kept",
                line.len()
            ));
            break;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() {
            valid_bytes += line.len() as u64;
            continue;
        }
        if header.is_none() {
            let value: serde_json::Value =
                serde_json::from_str(body).map_err(|e| problem(label, number, e.column(), format!("not a journal header: {e}")))?;
            if value.get("journal").and_then(|v| v.as_str()) != Some(JOURNAL_MAGIC) {
                return Err(problem(label, number, 1, "not a crisis-cell journal (its first line does not say \"crisis-cell journal\")"));
            }
            let format = value.get("format").and_then(|v| v.as_u64()).unwrap_or(0);
            if format != u64::from(JOURNAL_FORMAT) {
                return Err(problem(
                    label,
                    number,
                    1,
                    format!("journal format {format}; this crisis-cell reads format {JOURNAL_FORMAT} (use the version that wrote it)"),
                ));
            }
            let read: Header = serde_json::from_value(value).map_err(|e| problem(label, number, 1, format!("a bad header: {e}")))?;
            if let Some(day) = read.played_on.as_deref().filter(|day| day.parse::<jiff::civil::Date>().is_err()) {
                let shown: String = day.chars().take(40).collect();
                return Err(problem(label, number, 1, format!("a bad header: played_on \"{shown}\" is not a date written YYYY-MM-DD")));
            }
            header = Some(read);
        } else {
            let entry: Entry = serde_json::from_str(body).map_err(|e| problem(label, number, e.column(), format!("a bad entry: {e}")))?;
            if let Some(last) = entries.last().map(|e: &Entry| e.minute)
                && entry.minute < last
            {
                return Err(problem(
                    label,
                    number,
                    1,
                    format!("minute {} comes after minute {last}: the clock cannot go back", entry.minute),
                ));
            }
            entries.push(entry);
        }
        valid_bytes += line.len() as u64;
    }
    let header = header.ok_or_else(|| problem(label, 1, 1, "an empty journal: no header"))?;
    Ok(Journal { header, entries, valid_bytes, torn })
}

/// Reads a journal file.
pub fn read(path: &Path) -> Result<Journal, String> {
    let label = path.display().to_string();
    let bytes = crate::data::load::read_bounded(path, LARGEST_JOURNAL).map_err(|e| format!("{label}: as a journal, {e}"))?;
    let text =
        String::from_utf8(bytes).map_err(|e| format!("{label}: not a journal (not UTF-8 text, byte {})", e.utf8_error().valid_up_to()))?;
    parse(&label, &text)
}

impl Journal {
    /// The exercise's setup, with the scenario loaded from its source (a built-in name, a path as
    /// written, or the same file name beside the journal) and checked to be the one the journal used.
    pub fn setup(&self, journal_path: &Path) -> Result<ExerciseSetup, String> {
        let wanted = &self.header.scenario;
        let beside = journal_path.parent().map(|dir| dir.join(Path::new(&wanted.source).file_name().unwrap_or_default()));
        // The exercise was played on the scenario in its language: the digest is of that. The journal
        // carries its plan and laid-on playbook whole, so only the scenario is loaded by name.
        let prepare = |source: &str| {
            RunSetup::prepare(&RunRequest {
                scenario: source,
                seed: self.header.seed,
                language: self.header.language,
                ..Default::default()
            })
        };
        let run = match prepare(&wanted.source) {
            Ok(run) => run,
            Err(first) => match beside.filter(|p| p.is_file()) {
                Some(path) => prepare(&path.display().to_string()).map_err(|p: Problems| p.to_string())?,
                None => return Err(format!("the journal's scenario cannot be loaded:\n{first}")),
            },
        };
        let scenario = &*run.scenario;
        if scenario.meta.id != wanted.id || scenario.meta.version != wanted.version {
            return Err(format!(
                "this journal was written with scenario \"{}\" version {}; {} is \"{}\" version {}: replaying it would not give the same exercise",
                wanted.id, wanted.version, wanted.source, scenario.meta.id, scenario.meta.version
            ));
        }
        if scenario_digest(scenario) != wanted.digest {
            return Err(format!(
                "scenario \"{}\" version {} has changed since this journal was written (its content differs though its version does not): \
                 replaying it would not give the same exercise",
                wanted.id, wanted.version
            ));
        }
        if let Some(plan) = &self.header.plan {
            let findings = validate::plan(plan, scenario);
            if !findings.0.is_empty() {
                return Err(format!("the journal's plan does not fit the scenario: {}", findings.0.len()));
            }
        }
        if let Some(playbook) = &self.header.autopilot {
            let findings = validate::playbook(playbook, scenario);
            if !findings.0.is_empty() {
                return Err(format!("the journal's playbook does not fit the scenario: {}", findings.0.len()));
            }
        }
        if let Some(problem) = super::journal_check::seat_problem(&self.entries, scenario, self.header.plan.as_ref()) {
            return Err(format!("{problem}: replaying it would not give an exercise seats could have played"));
        }
        let mut setup = ExerciseSetup::from_run(&run);
        setup.plan = self.header.plan.clone();
        setup.autopilot = self.header.autopilot.clone();
        setup.roles_at_table = self.header.roles_at_table.clone();
        setup.speed = self.header.speed;
        setup.pause_on_inject = self.header.pause_on_inject;
        setup.language = self.header.language;
        setup.played_on = self.header.played_on.clone();
        Ok(setup)
    }

    /// The exercise as it stood at the journal's last entry.
    pub fn replay(&self, setup: ExerciseSetup) -> Exercise {
        let mut exercise = Exercise::new(setup);
        for entry in &self.entries {
            exercise.apply_entry(entry);
        }
        exercise
    }
}

/// Appends entries to a journal file, flushing each one.
pub struct JournalWriter {
    file: File,
    pub path: PathBuf,
}

impl JournalWriter {
    /// Opens a journal for appending, creating it if needed; refused at once if it cannot be written.
    /// `keep_bytes` cuts a torn last line off before anything is appended.
    pub fn open(path: &Path, keep_bytes: Option<u64>) -> Result<Self, String> {
        let label = path.display();
        let mut file = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(false)
            .open(path)
            .map_err(|e| format!("cannot write the journal {label}: {e}"))?;
        if let Some(keep) = keep_bytes {
            file.set_len(keep).map_err(|e| format!("cannot mend the journal {label}: {e}"))?;
        }
        file.seek(std::io::SeekFrom::End(0)).map_err(|e| format!("cannot write the journal {label}: {e}"))?;
        Ok(Self { file, path: path.to_path_buf() })
    }

    fn line(&mut self, value: &impl Serialize) -> Result<(), String> {
        let mut text = serde_json::to_string(value).map_err(|e| format!("cannot write the journal {}: {e}", self.path.display()))?;
        text.push('\n');
        // One write per line, so that a crash leaves at most one line cut short.
        self.file
            .write_all(text.as_bytes())
            .and_then(|_| self.file.flush())
            .map_err(|e| format!("cannot write the journal {}: {e}", self.path.display()))
    }

    pub fn header(&mut self, header: &Header) -> Result<(), String> {
        self.line(header)
    }

    pub fn append(&mut self, entry: &Entry) -> Result<(), String> {
        self.line(entry)
    }
}

impl Exercise {
    /// Applies one journaled input at its minute, as the window did when it was written.
    pub fn apply_entry(&mut self, entry: &Entry) {
        // Once ended, the clock stays where the exercise ended: what follows (answers, marks, the plan)
        // was written in the debrief.
        if !self.ended && self.minute() < entry.minute {
            self.run_to(entry.minute);
        }
        self.seat_of_input = entry.seat.clone();
        self.apply_input(&entry.input);
        self.seat_of_input = None;
    }

    fn apply_input(&mut self, input: &Input) {
        match input {
            Input::Decision { action } => {
                let _ = self.decide(action);
            }
            Input::Message { to, text, about } => self.apply_message(to, text, *about),
            Input::Refused { what } => self.apply_refusal(what),
            Input::Inject { id } => {
                let _ = self.fire_inject(FireInject::Listed(id.clone()));
            }
            Input::WrittenInject { channel, text, to } => {
                let _ = self.fire_inject(FireInject::Written { channel: channel.clone(), text: text.clone(), to: to.clone() });
            }
            Input::Note { text, objective, note_kind, role, inject } => self.add_tagged_note(
                text,
                super::NoteTags { objective: objective.clone(), kind: *note_kind, role: role.clone(), inject: *inject },
            ),
            Input::Rating { objective, rating } => self.rate_objective(objective, *rating),
            Input::Clock { paused, speed } => {
                self.set_paused(*paused);
                self.set_speed(*speed);
            }
            Input::Time {} => {}
            Input::Answer { question, text } => self.set_answer(*question, text),
            Input::Acknowledge {} => self.acknowledge_inject(),
            Input::Improvements { items } => {
                self.improvements = items.clone();
                self.record_improvements();
            }
            Input::Mark { inject, mark } => self.mark_response(*inject, *mark),
            Input::End {} => self.end(),
        }
    }
}
