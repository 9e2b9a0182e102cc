//! Checking data files as `validate` is given them: what kind each file is, and every problem with it.
//! A scenario is checked with the plan and historical playbook it names; plans and playbooks are
//! checked against the scenarios given or, when none is, the built-in ones.

use std::path::{Path, PathBuf};

use super::load::{self, FileKind, Problems};
use super::locate::{NodeKind, Outline};
use super::playbook::Playbook;
use super::scenario::Scenario;
use super::validate::ANY_SCENARIO;

/// What checking files found: the files found valid, in the order they were checked (scenarios, then
/// playbooks, then plans), and every problem.
#[derive(Default)]
pub struct Checked {
    pub valid: Vec<String>,
    pub problems: Problems,
    /// What valid files do that their author may not mean, with its line.
    pub warnings: Problems,
}

impl Checked {
    fn refuse(&mut self, problems: Problems) {
        self.problems.0.extend(problems.0);
    }
}

/// The kind of data file a text is: by its struct name, else by a field only that kind has.
pub fn kind_of(text: &str) -> Option<FileKind> {
    let outline = Outline::new(text);
    let root = outline.root.as_ref()?;
    let head = outline.slice(root).trim_start();
    if head.starts_with("Scenario") {
        return Some(FileKind::Scenario);
    }
    if head.starts_with("Playbook") {
        return Some(FileKind::Playbook);
    }
    if head.starts_with("Plan") {
        return Some(FileKind::Plan);
    }
    if let NodeKind::Struct(fields) = &root.kind {
        if fields.iter().any(|(name, _, _)| name == "host_groups") {
            return Some(FileKind::Scenario);
        }
        if fields.iter().any(|(name, _, _)| name == "decisions") {
            return Some(FileKind::Playbook);
        }
        if fields.iter().any(|(name, _, _)| name == "milestones") {
            return Some(FileKind::Plan);
        }
    }
    None
}

/// Checks every file: scenarios as they are read, then playbooks and plans against the scenarios.
pub fn check_files(files: &[PathBuf]) -> Checked {
    let mut checked = Checked::default();
    let sorted = read_and_sort(files, &mut checked);
    // What a plan, or a playbook for any scenario, is checked against: every scenario given, or the
    // built-in ones when none is.
    let given_or_builtin: Vec<Scenario> = if sorted.scenarios.is_empty() {
        load::EMBEDDED_SCENARIOS.iter().filter_map(|(name, _)| load::builtin_scenario(name)).filter_map(Result::ok).collect()
    } else {
        sorted.scenarios.clone()
    };
    for (path, text) in &sorted.playbooks {
        check_playbook(path, text, &sorted.scenarios, &given_or_builtin, &mut checked);
    }
    for (path, text) in &sorted.plans {
        check_plan(path, text, &given_or_builtin, &mut checked);
    }
    checked
}

/// The files read and sorted by kind; scenarios are checked as they are read, the others wait for them.
struct Sorted {
    scenarios: Vec<Scenario>,
    playbooks: Vec<(PathBuf, String)>,
    plans: Vec<(PathBuf, String)>,
}

fn read_and_sort(files: &[PathBuf], checked: &mut Checked) -> Sorted {
    let mut sorted = Sorted { scenarios: Vec::new(), playbooks: Vec::new(), plans: Vec::new() };
    for path in files {
        let label = path.display().to_string();
        let text = match load::read_text(path) {
            Ok(text) => text,
            Err(p) => {
                checked.refuse(p);
                continue;
            }
        };
        match kind_of(&text) {
            Some(FileKind::Scenario) => match load::scenario_from_text(&label, &text) {
                Ok(scenario) => {
                    check_named_files(path, label, &scenario, checked);
                    sorted.scenarios.push(scenario);
                }
                Err(p) => checked.refuse(p),
            },
            Some(FileKind::Playbook) => sorted.playbooks.push((path.clone(), text)),
            Some(FileKind::Plan) => sorted.plans.push((path.clone(), text)),
            None => checked.refuse(Problems::one(
                &label,
                "expected a scenario (`Scenario(...)`), a playbook (`Playbook(...)`) or a plan (`Plan(...)`); cannot tell which this is",
            )),
        }
    }
    sorted
}

/// A scenario is valid when the plan and the historical playbook it names load, from its own folder.
fn check_named_files(path: &Path, label: String, scenario: &Scenario, checked: &mut Checked) {
    let folder = Some(path.parent().unwrap_or(Path::new(".")));
    match (load::scenario_plan(scenario, folder), load::scenario_historical_playbook(scenario, folder)) {
        (Ok(_), Ok(_)) => checked.valid.push(label),
        (plan, historical) => checked.refuse(Problems(plan.err().into_iter().chain(historical.err()).flat_map(|p| p.0).collect())),
    }
}

/// A playbook is checked against the scenario it names by id (one of the files given, or a built-in
/// one; never a path), or, for any scenario, against every scenario given or built in.
fn check_playbook(path: &Path, text: &str, scenarios: &[Scenario], given_or_builtin: &[Scenario], checked: &mut Checked) {
    let label = path.display().to_string();
    let wanted = match load::parse::<Playbook>(&label, text, load::PLAYBOOK_SECTIONS) {
        Ok(playbook) => playbook.scenario,
        Err(p) => return checked.refuse(p),
    };
    let against: Vec<Scenario> = if wanted == ANY_SCENARIO {
        given_or_builtin.to_vec()
    } else {
        match scenarios.iter().find(|s| s.meta.id == wanted) {
            Some(s) => vec![s.clone()],
            None => match load::builtin_scenario(&wanted) {
                Some(Ok(scenario)) => vec![scenario],
                _ => {
                    let why = format!("names scenario \"{wanted}\", which is neither among the files given nor built in");
                    return checked.refuse(Problems::one(&label, why));
                }
            },
        }
    };
    let mut ok = true;
    for scenario in &against {
        if let Err(p) = load::playbook_from_text(&label, text, scenario) {
            checked.refuse(p);
            ok = false;
        }
    }
    if ok {
        checked.warnings.0.extend(load::playbook_warnings(&label, text).0);
        checked.valid.push(label);
    }
}

/// A plan is checked against every scenario given, or the built-in ones; its first refusal is enough.
fn check_plan(path: &Path, text: &str, given_or_builtin: &[Scenario], checked: &mut Checked) {
    let label = path.display().to_string();
    match given_or_builtin.iter().find_map(|scenario| load::plan_from_text(&label, text, scenario).err()) {
        Some(p) => checked.refuse(p),
        None => checked.valid.push(label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_known_by_its_struct_name_else_by_a_field_only_its_kind_has() {
        assert_eq!(kind_of("Playbook(format: 1, scenario: \"*\", decisions: [])"), Some(FileKind::Playbook));
        assert_eq!(kind_of("(format: 1, id: \"p\", milestones: [])"), Some(FileKind::Plan));
        assert_eq!(kind_of("(format: 1, host_groups: [])"), Some(FileKind::Scenario));
        assert_eq!(kind_of("(format: 1)"), None);
    }
}
