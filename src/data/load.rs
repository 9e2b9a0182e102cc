//! Reading scenario and playbook files: size limits, RON parsing, and every problem with its place.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::locate::{FieldPath, NodeKind, Outline, Position, position_of};
use super::playbook::Playbook;
use super::scenario::*;
use super::validate::{self, Findings};

/// Larger files are refused before they are read: the shipped scenario is about 30 KB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Deeper nesting than this is refused (the formats need about eight levels).
pub const MAX_NESTING: usize = 64;

/// The scenarios built into the binary, by name.
pub const EMBEDDED_SCENARIOS: &[(&str, &str)] =
    &[("vivalia-2022", include_str!("../../scenarios/vivalia-2022.ron")), ("hse-2021", include_str!("../../scenarios/hse-2021.ron"))];
/// The playbooks built into the binary, by the file name they ship under.
pub const EMBEDDED_PLAYBOOKS: &[(&str, &str)] = &[
    ("vivalia-2022-historical", include_str!("../../scenarios/playbooks/vivalia-2022-historical.ron")),
    ("no-response", include_str!("../../scenarios/playbooks/no-response.ron")),
    ("plan-deadlines", include_str!("../../scenarios/playbooks/plan-deadlines.ron")),
    ("hse-2021-historical", include_str!("../../scenarios/playbooks/hse-2021-historical.ron")),
    ("vivalia-2022-contain-all", include_str!("../../scenarios/playbooks/vivalia-2022-contain-all.ron")),
    ("hse-2021-contain-all", include_str!("../../scenarios/playbooks/hse-2021-contain-all.ron")),
];
/// The plans built into the binary, by the file name they ship under.
pub const EMBEDDED_PLANS: &[(&str, &str)] = &[
    ("belgian-hospital-cyber", include_str!("../../scenarios/plans/belgian-hospital-cyber.ron")),
    ("irish-health-cyber", include_str!("../../scenarios/plans/irish-health-cyber.ron")),
];

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Problem {
    pub file: String,
    pub position: Option<Position>,
    /// The field at fault, such as `segments[3].site`; empty when the whole file is at fault.
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.file))?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", printable(&self.field))?;
        }
        write!(f, ": {}", printable(&self.message))
    }
}

/// Text from a file as a terminal may show it: control characters other than line ends and tabs (a
/// NUL, an escape sequence) are written as `\u{..}` rather than sent to the terminal.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| if hidden(c) { c.escape_unicode().to_string() } else { c.to_string() }).collect())
}

/// Every problem found in one or more files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl Problems {
    pub fn one(file: &str, message: impl Into<String>) -> Self {
        Self(vec![Problem { file: file.to_string(), position: None, field: String::new(), message: message.into() }])
    }
}

/// A scenario and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    pub scenario: Scenario,
    /// The file name, or `vivalia-2022 (built in)`.
    pub label: String,
    /// The folder it was loaded from; none for a built-in one.
    pub folder: Option<PathBuf>,
    /// The text it was read from, for the commands that write a new scenario on it.
    pub text: String,
}

/// Reads at most `max` bytes of a regular file, refusing a larger one, a folder, and what is not a file
/// at all (a device such as `/dev/zero`, a pipe): the size is checked as the bytes come, since what the
/// file system says of a file's size may not hold by the time it is read.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot be read: {e}"))?;
    if metadata.is_dir() {
        return Err("is a folder, not a file".into());
    }
    if !metadata.is_file() {
        return Err("is not a regular file (a device, a pipe or a socket): refused".into());
    }
    if metadata.len() > max {
        return Err(format!("is {} bytes; files of more than {max} bytes are refused", metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot be read: {e}"))?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!("files of more than {max} bytes are refused"));
    }
    Ok(bytes)
}

/// Reads a text file, refusing what is too large, not a file, or not UTF-8.
pub fn read_text(path: &Path) -> Result<String, Problems> {
    let label = path.display().to_string();
    let bytes = read_bounded(path, MAX_FILE_BYTES).map_err(|message| Problems::one(&label, message))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
        let position = position_of(&text, at);
        Problems(vec![Problem { file: label.clone(), position: Some(position), field: String::new(), message: "is not UTF-8 text".into() }])
    })
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME).with_recursion_limit(MAX_NESTING)
}

fn ron_problem(file: &str, error: &ron::error::SpannedError, base: Position) -> Problem {
    let at = error.span.start;
    let position = if at.line <= 1 {
        Position { line: base.line, column: base.column + at.col.saturating_sub(1) }
    } else {
        Position { line: base.line + at.line - 1, column: at.col }
    };
    Problem { file: file.to_string(), position: Some(position), field: String::new(), message: describe_ron_error(&error.code) }
}

fn describe_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::Eof => "the file ends too early (is it truncated?)".to_string(),
        E::ExceededRecursionLimit => format!("nesting deeper than {MAX_NESTING} levels is refused"),
        other => other.to_string(),
    }
}

/// Parses a document and, when it fails, looks at each section and list element on its own, so that
/// every malformed element is reported, not only the first.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str, sections: &[Section]) -> Result<T, Problems> {
    match ron_options().from_str::<T>(text) {
        Ok(value) => Ok(value),
        Err(first) => {
            let first = ron_problem(file, &first, Position { line: 1, column: 1 });
            let mut problems = vec![];
            let outline = Outline::new(text);
            if let Some(root) = &outline.root
                && let NodeKind::Struct(fields) = &root.kind
            {
                for (name, _, node) in fields {
                    if let Some(section) = sections.iter().find(|s| s.name == name) {
                        (section.check)(file, &outline, node, &mut problems);
                    }
                }
            }
            if !problems.contains(&first) {
                problems.insert(0, first);
            }
            problems.sort_by_key(|p| p.position.map(|p| (p.line, p.column)));
            problems.dedup();
            Err(Problems(problems))
        }
    }
}

/// A top-level field of a format, and how to check its value alone.
pub struct Section {
    pub name: &'static str,
    pub check: fn(&str, &Outline, &super::locate::Node, &mut Vec<Problem>),
}

fn check_one<T: DeserializeOwned>(file: &str, outline: &Outline, node: &super::locate::Node, out: &mut Vec<Problem>) {
    if let Err(e) = ron_options().from_str::<T>(outline.slice(node)) {
        out.push(ron_problem(file, &e, outline.position(node.start)));
    }
}

fn check_each<T: DeserializeOwned>(file: &str, outline: &Outline, node: &super::locate::Node, out: &mut Vec<Problem>) {
    match &node.kind {
        NodeKind::Sequence(items) => {
            for item in items {
                check_one::<T>(file, outline, item, out);
            }
        }
        _ => check_one::<Vec<T>>(file, outline, node, out),
    }
}

pub const SCENARIO_SECTIONS: &[Section] = &[
    Section { name: "meta", check: check_one::<Meta> },
    Section { name: "sites", check: check_each::<Site> },
    Section { name: "segments", check: check_each::<Segment> },
    Section { name: "reachability", check: check_each::<ReachRule> },
    Section { name: "links", check: check_each::<Link> },
    Section { name: "backups", check: check_each::<BackupSet> },
    Section { name: "host_groups", check: check_each::<HostGroup> },
    Section { name: "servers", check: check_each::<NamedServer> },
    Section { name: "attacker", check: check_one::<Attacker> },
    Section { name: "detection", check: check_each::<DetectionSource> },
    Section { name: "investigation", check: check_one::<Investigation> },
    Section { name: "actions", check: check_each::<Action> },
    Section { name: "roles", check: check_each::<Role> },
    Section { name: "outside_actors", check: check_each::<OutsideActor> },
    Section { name: "care", check: check_one::<Care> },
    Section { name: "injects", check: check_each::<Inject> },
    Section { name: "translations", check: check_one::<std::collections::BTreeMap<String, super::scenario::Translation>> },
];

pub const PLAN_SECTIONS: &[Section] = &[
    Section { name: "milestones", check: check_each::<super::plan::Milestone> },
    Section { name: "score", check: check_one::<super::plan::ScoreWeights> },
    Section { name: "translations", check: check_one::<std::collections::BTreeMap<String, super::plan::PlanTranslation>> },
];

pub const PLAYBOOK_SECTIONS: &[Section] = &[Section { name: "decisions", check: check_each::<super::playbook::PlannedDecision> }];

fn located(file: &str, text: &str, findings: Findings) -> Problems {
    located_as(file, text, findings, "expected ")
}

fn located_as(file: &str, text: &str, findings: Findings, prefix: &str) -> Problems {
    let outline = Outline::new(text);
    Problems(
        findings
            .0
            .into_iter()
            .map(|(path, message): (FieldPath, String)| Problem {
                file: file.to_string(),
                position: Some(outline.locate(&path)),
                field: path.to_string(),
                message: format!("{prefix}{message}"),
            })
            .collect(),
    )
}

/// Where the formats are explained, relative to the repository (and shipped beside the binary's sources).
pub const AUTHORING_GUIDE: &str = "docs/authoring.md";

/// The kinds of data file, for pointing at their part of the authoring guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    Plan,
    Playbook,
}

/// The section of the authoring guide that explains a field.
pub fn guide_section(kind: FileKind, field: &str) -> &'static str {
    let section = field.split(['.', '[']).next().unwrap_or("");
    match kind {
        FileKind::Plan => "plan",
        FileKind::Playbook => "playbook",
        FileKind::Scenario => match section {
            "meta" => "scenario-meta",
            "sites" => "scenario-sites",
            "segments" | "reachability" => "scenario-segments-and-reachability",
            "host_groups" | "servers" => "scenario-hosts",
            "links" => "scenario-links",
            "backups" => "scenario-backups",
            "attacker" => "scenario-attacker",
            "detection" => "scenario-detection",
            "investigation" => "scenario-investigation",
            "roles" => "scenario-roles-and-people",
            "outside_actors" => "scenario-outside-actors",
            "actions" => "scenario-actions",
            "care" => "scenario-care",
            "injects" => "scenario-injects",
            "hot_wash" => "scenario-hot-wash",
            "translations" => "scenario-translations",
            _ => "files-and-names",
        },
    }
}

/// Points every problem at the part of the authoring guide that explains its field.
fn with_guide(kind: FileKind, mut problems: Problems) -> Problems {
    for problem in &mut problems.0 {
        problem.message = format!("{} (see {AUTHORING_GUIDE}#{})", problem.message, guide_section(kind, &problem.field));
    }
    problems
}

/// The text without the UTF-8 byte-order mark some editors put first: it is no part of the format, and
/// lines and columns are counted from what follows it.
fn without_byte_order_mark(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses and checks a scenario text.
pub fn scenario_from_text(file: &str, text: &str) -> Result<Scenario, Problems> {
    let text = without_byte_order_mark(text);
    let scenario: Scenario = parse(file, text, SCENARIO_SECTIONS).map_err(|p| with_guide(FileKind::Scenario, p))?;
    let findings = validate::scenario(&scenario);
    if findings.0.is_empty() { Ok(scenario) } else { Err(with_guide(FileKind::Scenario, located(file, text, findings))) }
}

/// A built-in scenario by name, if there is one by that name.
pub fn builtin_scenario(name: &str) -> Option<Result<Scenario, Problems>> {
    EMBEDDED_SCENARIOS
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map(|(builtin, text)| scenario_from_text(&format!("{builtin} (built in)"), text))
}

/// Loads a scenario by path, or by the name of a built-in one.
pub fn load_scenario(name_or_path: &str) -> Result<LoadedScenario, Problems> {
    let path = Path::new(name_or_path);
    if !path.exists()
        && let Some((name, text)) = EMBEDDED_SCENARIOS.iter().find(|(name, _)| *name == name_or_path)
    {
        let label = format!("{name} (built in)");
        let scenario = scenario_from_text(&label, text)?;
        return Ok(LoadedScenario { scenario, label, folder: None, text: text.to_string() });
    }
    if !path.exists() {
        let names: Vec<&str> = EMBEDDED_SCENARIOS.iter().map(|(name, _)| *name).collect();
        return Err(Problems::one(name_or_path, format!("no such file, and not a built-in scenario (built in: {})", names.join(", "))));
    }
    let text = read_text(path)?;
    let label = path.display().to_string();
    let scenario = scenario_from_text(&label, &text)?;
    let folder = path.parent().map(Path::to_path_buf);
    Ok(LoadedScenario { scenario, label, folder, text })
}

/// Parses and checks a playbook text against a scenario.
pub fn playbook_from_text(file: &str, text: &str, scenario: &Scenario) -> Result<Playbook, Problems> {
    let text = without_byte_order_mark(text);
    let playbook: Playbook = parse(file, text, PLAYBOOK_SECTIONS).map_err(|p| with_guide(FileKind::Playbook, p))?;
    let findings = validate::playbook(&playbook, scenario);
    if findings.0.is_empty() { Ok(playbook) } else { Err(with_guide(FileKind::Playbook, located(file, text, findings))) }
}

/// What is worth knowing about a valid playbook, with its lines: decisions timed before anything can
/// be seen.
pub fn playbook_warnings(file: &str, text: &str) -> Problems {
    match parse::<Playbook>(file, text, PLAYBOOK_SECTIONS) {
        Ok(playbook) => located_as(file, text, validate::playbook_warnings(&playbook), "warning: this decision "),
        Err(_) => Problems::default(),
    }
}

/// Loads a playbook by path, or by the name of a built-in one; `best-response` is computed from the
/// scenario's catalog.
pub fn load_playbook(name_or_path: &str, scenario: &Scenario) -> Result<Playbook, Problems> {
    let path = Path::new(name_or_path);
    if !path.exists() && name_or_path == crate::score::best_response::BEST_RESPONSE {
        return Ok(crate::score::best_response::best_response(scenario));
    }
    if !path.exists()
        && let Some((name, text)) = EMBEDDED_PLAYBOOKS.iter().find(|(name, _)| *name == name_or_path)
    {
        return playbook_from_text(&format!("{name} (built in)"), text, scenario);
    }
    let text = read_text(path)?;
    playbook_from_text(&path.display().to_string(), &text, scenario)
}

/// Parses and checks a plan text against a scenario.
pub fn plan_from_text(file: &str, text: &str, scenario: &Scenario) -> Result<super::plan::Plan, Problems> {
    let text = without_byte_order_mark(text);
    let plan: super::plan::Plan = parse(file, text, PLAN_SECTIONS).map_err(|p| with_guide(FileKind::Plan, p))?;
    let findings = validate::plan(&plan, scenario);
    if findings.0.is_empty() { Ok(plan) } else { Err(with_guide(FileKind::Plan, located(file, text, findings))) }
}

/// Loads a plan by path, or by the name of a built-in one.
pub fn load_plan(name_or_path: &str, scenario: &Scenario) -> Result<super::plan::Plan, Problems> {
    let path = Path::new(name_or_path);
    if !path.exists()
        && let Some((name, text)) = EMBEDDED_PLANS.iter().find(|(name, _)| *name == name_or_path)
    {
        return plan_from_text(&format!("{name} (built in)"), text, scenario);
    }
    let text = read_text(path)?;
    plan_from_text(&path.display().to_string(), &text, scenario)
}

/// The plan a scenario names in `meta.plan`, if any: a built-in plan, or a file in its folder.
pub fn scenario_plan(scenario: &Scenario, folder: Option<&Path>) -> Result<Option<super::plan::Plan>, Problems> {
    let Some(name) = &scenario.meta.plan else {
        return Ok(None);
    };
    let (label, text) = named_file("meta.plan", name, EMBEDDED_PLANS, "plan", folder)?;
    plan_from_text(&label, &text, scenario).map(Some)
}

/// The historical playbook a scenario names in `meta.historical_playbook`, if any: a built-in
/// playbook, or a file in its folder.
pub fn scenario_historical_playbook(scenario: &Scenario, folder: Option<&Path>) -> Result<Option<Playbook>, Problems> {
    let Some(name) = &scenario.meta.historical_playbook else {
        return Ok(None);
    };
    let (label, text) = named_file("meta.historical_playbook", name, EMBEDDED_PLAYBOOKS, "playbook", folder)?;
    playbook_from_text(&label, &text, scenario).map(Some)
}

/// The label and text of a file a scenario names: a file of that name in the scenario's folder, else
/// the built-in one; a built-in scenario (no folder) can name only built-in files. A scenario can name
/// no file outside its folder: absolute paths, `..` and links that lead out are refused.
fn named_file(field: &str, name: &str, builtins: &[(&str, &str)], what: &str, folder: Option<&Path>) -> Result<(String, String), Problems> {
    let builtin =
        builtins.iter().find(|(builtin, _)| *builtin == name).map(|(builtin, text)| (format!("{builtin} (built in)"), text.to_string()));
    let Some(folder) = folder else {
        return builtin
            .ok_or_else(|| Problems::one(field, format!("\"{name}\" is not a built-in {what}, and a built-in scenario can name no file")));
    };
    let path = confined(folder, name)?;
    match builtin {
        Some(builtin) if !path.exists() => Ok(builtin),
        _ => Ok((path.display().to_string(), read_text(&path)?)),
    }
}

/// A file a data file names, inside the folder that file was loaded from; anything that would lead out
/// of it is refused.
pub fn confined(folder: &Path, name: &str) -> Result<PathBuf, Problems> {
    // A scenario given by a bare file name was loaded from the current folder.
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let relative = Path::new(name);
    let escapes = relative.is_absolute()
        || relative.components().any(|c| !matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir))
        || name.starts_with('~');
    if escapes {
        return Err(Problems::one(
            name,
            format!("a scenario may name only files in its own folder ({}); this path leads out of it", folder.display()),
        ));
    }
    let path = folder.join(relative);
    // A link inside the folder may still point out of it.
    if let (Ok(real), Ok(root)) = (path.canonicalize(), folder.canonicalize())
        && !real.starts_with(&root)
    {
        return Err(Problems::one(
            name,
            format!("{} leads out of the scenario's folder ({}) through a link", path.display(), folder.display()),
        ));
    }
    Ok(path)
}
