//! Preparing a run: the scenario, plan, playbook, span, language and seed loaded and checked in one
//! place, the same way for the command line, the window, a journal's replay and the tour; and the runs a
//! debrief compares with, named by the scenario's data.

use std::path::PathBuf;
use std::sync::Arc;

use crate::data::load::{self, Problems};
use crate::data::plan::Plan;
use crate::data::playbook::Playbook;
use crate::data::scenario::Scenario;
use crate::i18n::Language;

/// What a run is asked to be, as the command line or the start screen names it.
#[derive(Debug, Clone, Default)]
pub struct RunRequest<'a> {
    /// A path, or the name of a built-in scenario.
    pub scenario: &'a str,
    /// A path or built-in plan name; the scenario's own plan when none.
    pub plan: Option<&'a str>,
    /// A path or built-in playbook name.
    pub playbook: Option<&'a str>,
    /// Simulated minutes to run; the scenario's own span when none.
    pub minutes: Option<u32>,
    pub seed: u64,
    pub language: Language,
    /// The roles (by id) the playbook plays; empty for all of them. The others are played by people
    /// at seats, or by nobody in a batch.
    pub playbook_roles: &'a [String],
}

/// A run's inputs, loaded and checked.
#[derive(Debug, Clone)]
pub struct RunSetup {
    /// How the scenario was named (a built-in name or a path), for a journal to find it again.
    pub source: String,
    /// The scenario's file, or its name with "(built in)".
    pub label: String,
    /// The folder the scenario came from (none for a built-in one): the files it names are read there.
    pub folder: Option<PathBuf>,
    /// The scenario as written, and in the run's language.
    pub written: Arc<Scenario>,
    pub scenario: Arc<Scenario>,
    /// The plan as written, and in the run's language.
    pub written_plan: Option<Plan>,
    pub plan: Option<Plan>,
    pub playbook: Option<Playbook>,
    /// The roles the playbook plays, when it plays only some: the others are not played by it.
    pub playbook_roles: Vec<String>,
    /// Simulated minutes the run lasts.
    pub minutes: u32,
    pub seed: u64,
    pub language: Language,
    /// The runs a debrief compares with.
    pub comparisons: Comparisons,
}

/// The playbooks a run is compared with on the same seed: the scenario's historical night, when it
/// names one, and the best response its catalog allows (no response needs no playbook).
#[derive(Debug, Clone)]
pub struct Comparisons {
    pub historical: Option<Playbook>,
    pub best: Playbook,
}

/// The playbook cut down to the roles asked for; refused when a role is not the scenario's, or when
/// roles are asked for without a playbook.
fn only_roles(playbook: Option<Playbook>, scenario: &Scenario, roles: &[String]) -> Result<Option<Playbook>, Problems> {
    if roles.is_empty() {
        return Ok(playbook);
    }
    let Some(playbook) = playbook else {
        return Err(Problems::one("--playbook-roles", "names the roles a playbook plays: give the playbook too (--playbook)"));
    };
    let unknown: Vec<String> = roles
        .iter()
        .filter(|id| !scenario.roles.iter().any(|r| r.id == **id))
        .map(|id| format!("\"{}\"", load::printable(&id.chars().take(64).collect::<String>())))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = scenario.roles.iter().map(|r| r.id.as_str()).collect();
        return Err(Problems::one(
            "--playbook-roles",
            format!("the scenario has no role {}; its roles are {}", unknown.join(", "), known.join(", ")),
        ));
    }
    // A role named twice is played once.
    let mut once: Vec<String> = Vec::new();
    for role in roles {
        if !once.contains(role) {
            once.push(role.clone());
        }
    }
    Ok(Some(playbook.for_roles(scenario, &once)))
}

impl RunSetup {
    /// Loads and checks everything a request names; any problem refuses the whole run.
    pub fn prepare(request: &RunRequest) -> Result<RunSetup, Problems> {
        let loaded = load::load_scenario(request.scenario)?;
        let scenario = loaded.scenario;
        let written_plan = match request.plan {
            Some(name) => Some(load::load_plan(name, &scenario)?),
            None => load::scenario_plan(&scenario, loaded.folder.as_deref())?,
        };
        let playbook = request.playbook.map(|name| load::load_playbook(name, &scenario)).transpose()?;
        let playbook = only_roles(playbook, &scenario, request.playbook_roles)?;
        let minutes = request.minutes.unwrap_or(scenario.meta.duration_hours * 60);
        let comparisons = Comparisons::load(&scenario, loaded.folder.as_deref())?;
        let written = Arc::new(scenario);
        let mut setup = RunSetup {
            source: request.scenario.to_string(),
            label: loaded.label,
            folder: loaded.folder,
            scenario: written.clone(),
            written,
            plan: written_plan.clone(),
            written_plan,
            playbook,
            playbook_roles: request.playbook_roles.to_vec(),
            minutes,
            seed: request.seed,
            language: Language::English,
            comparisons,
        };
        setup.set_language(request.language);
        Ok(setup)
    }

    /// Speaks another language: the scenario's and the plan's texts follow; the run is the same.
    pub fn set_language(&mut self, language: Language) {
        self.language = language;
        self.scenario = Arc::new(self.written.in_language(language));
        self.plan = self.written_plan.as_ref().map(|p| p.in_language(language));
    }

    /// Scores against another plan (a path or a built-in name), or none.
    pub fn set_plan(&mut self, name: Option<&str>) -> Result<(), Problems> {
        self.written_plan = name.map(|name| load::load_plan(name, &self.written)).transpose()?;
        self.plan = self.written_plan.as_ref().map(|p| p.in_language(self.language));
        Ok(())
    }
}

impl Comparisons {
    /// The scenario's historical playbook (which must load if it names one) and its best response.
    pub fn load(scenario: &Scenario, folder: Option<&std::path::Path>) -> Result<Comparisons, Problems> {
        Ok(Comparisons {
            historical: load::scenario_historical_playbook(scenario, folder)?,
            best: crate::score::best_response::best_response(scenario),
        })
    }

    /// The best response alone, for a scenario whose historical night is not at hand.
    pub fn without_historical(scenario: &Scenario) -> Comparisons {
        Comparisons { historical: None, best: crate::score::best_response::best_response(scenario) }
    }
}
