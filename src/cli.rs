//! The command line: `validate`, `inspect` and `run`, as DESIGN section 7 gives them.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::data::load::{self, FileKind, Problems, load_scenario};
use crate::data::locate::{NodeKind, Outline};
use crate::data::scenario::Scenario;
use crate::i18n::Language;
use crate::report::{ReportInput, write_report_in};
use crate::run::{parse_duration, run_replica_in};
use crate::score::{MilestoneStatus, ScoredRun, comparison_runs, scored};
use crate::setup::{RunRequest, RunSetup};

#[derive(Parser, Debug)]
#[command(name = "crisis-cell", version, about = "Tabletop crisis-exercise simulator for hospital crisis cells facing ransomware")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the exercise window (what `crisis-cell` with no argument does, on the built-in scenario).
    Play {
        /// A scenario file, or the name of a built-in one (vivalia-2022 by default).
        scenario: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The plan to score against (a file, or a built-in name); the scenario's own plan by default.
        #[arg(long)]
        plan: Option<String>,
        /// A playbook whose decisions are laid on the exercise (a demonstration); the cell decides by default.
        #[arg(long)]
        playbook: Option<String>,
        /// Write every input to this journal as it happens; if it already holds an exercise, reopen it
        /// where it stopped.
        #[arg(long)]
        journal: Option<PathBuf>,
        /// Drive the window through a scripted exercise, save screenshots in this folder, and close.
        #[arg(long, hide = true)]
        tour: Option<PathBuf>,
        /// The window's language, en or fr (the start screen can change it); the system's locale by default.
        #[arg(long, value_parser = parse_language)]
        language: Option<Language>,
    },
    /// Build a scenario with the injects of a spreadsheet (CSV or XLSX): time, channel, audience, text,
    /// expected response, plan milestone. The rest of the scenario is kept as it is written.
    ImportInjects {
        /// The inject list: a .csv file (comma, semicolon or tab) or a .xlsx workbook (its first sheet).
        file: PathBuf,
        /// The scenario the injects are for (a file, or the name of a built-in one).
        #[arg(long)]
        scenario: String,
        /// The scenario file to write, with its injects replaced by the list's.
        #[arg(long)]
        out: PathBuf,
    },
    /// Build a scenario on your own estate from an asset inventory (CSV or XLSX, one row per host: host
    /// name, site, segment or VLAN, role, OS, domain joined, backup, EDR), keeping the template's
    /// attacker, people, care, injects and plan.
    ImportInventory {
        /// The inventory: a .csv file (comma, semicolon or tab) or a .xlsx workbook (its first sheet).
        file: PathBuf,
        /// The scenario whose attacker, people, care, injects and plan are kept (a file, or a built-in name).
        #[arg(long)]
        template: String,
        /// The scenario file to write.
        #[arg(long)]
        out: PathBuf,
        /// A column under another heading than the usual ones, as FIELD=HEADING (fields: hostname, site,
        /// segment, role, os, domain_joined, backup, edr, description); may be repeated.
        #[arg(long = "column", value_name = "FIELD=HEADING")]
        columns: Vec<String>,
        /// The new scenario's id (by default, the output file's name).
        #[arg(long)]
        id: Option<String>,
        /// The new scenario's name.
        #[arg(long)]
        name: Option<String>,
    },
    /// Replay an exercise from its journal: the same final state and score, and its report.
    Replay {
        journal: PathBuf,
        #[arg(long)]
        json: bool,
        /// Write the after-action report (with the observer notes and hot-wash answers) here.
        #[arg(long)]
        report: Option<PathBuf>,
        /// The report's language, en or fr; the language the exercise was played in by default.
        #[arg(long, value_parser = parse_language)]
        language: Option<Language>,
    },
    /// Check scenario and playbook files; prints every problem and exits non-zero if there is one.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Show a scenario's sites, segments, host counts by role and links.
    Inspect {
        /// A scenario file, or the name of a built-in one (vivalia-2022).
        scenario: String,
        #[arg(long)]
        json: bool,
    },
    /// Run one replica headless and print its outcome and timeline.
    Run {
        scenario: String,
        /// A playbook file (or the name of a built-in one); without it, nobody responds.
        #[arg(long)]
        playbook: Option<String>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Simulated time to run, such as 72h, 90m or 3d; the scenario's duration by default.
        #[arg(long)]
        until: Option<String>,
        /// The plan to score against (a file, or a built-in name); the scenario's own plan by default.
        #[arg(long)]
        plan: Option<String>,
        #[arg(long)]
        json: bool,
        /// Write the after-action report (report.html, report.md, timeline.csv, result.json) here.
        #[arg(long)]
        report: Option<PathBuf>,
        /// The language of the scenario's texts and of the report, en or fr; the system's locale by default.
        #[arg(long, value_parser = parse_language)]
        language: Option<Language>,
    },
    /// Run many seeded replicas of a playbook in parallel and summarise the outcomes.
    Batch {
        #[command(flatten)]
        options: ReplicaOptions,
        /// Run only shard K of N (1-based), for a cluster scheduler; needs --out.
        #[arg(long, requires = "out")]
        shard: Option<String>,
        /// Where a shard's result is written, for `merge`.
        #[arg(long, requires = "shard")]
        out: Option<PathBuf>,
    },
    /// Vary one decision's delay over a range, with a batch of replicas at each point.
    Sweep {
        #[command(flatten)]
        options: ReplicaOptions,
        /// DECISION=FROM..TO/STEP, in minutes, such as cut-internet=15..60/15.
        #[arg(long)]
        vary: String,
    },
    /// Combine shard results into exactly what one machine would have given.
    Merge {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        report: Option<PathBuf>,
    },
}

/// What batches and sweeps share.
#[derive(clap::Args, Debug)]
pub struct ReplicaOptions {
    scenario: String,
    #[arg(long)]
    playbook: String,
    #[arg(long)]
    runs: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Threads to use; all cores by default. The result does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Simulated time of each replica, such as 72h; the scenario's duration by default.
    #[arg(long)]
    until: Option<String>,
    #[arg(long)]
    plan: Option<String>,
    #[arg(long)]
    json: bool,
    /// Write the report (charts, tables and every result) here.
    #[arg(long)]
    report: Option<PathBuf>,
}

/// A failure to report: the message, and the exit code.
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl From<Problems> for Failure {
    fn from(problems: Problems) -> Self {
        let count = problems.0.len();
        let plural = if count == 1 { "" } else { "s" };
        Failure { message: format!("{problems}\n{count} problem{plural} found"), code: 1 }
    }
}

/// Reads `--language`: `en` or `fr` (or `english`, `français` and the like).
fn parse_language(text: &str) -> Result<Language, String> {
    Language::parse(text).ok_or_else(|| format!("\"{text}\" is not a language of crisis-cell: en (English) or fr (French)"))
}

fn failure(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), code: 1 }
}

/// Runs a command, writing its output to standard output.
pub fn execute(command: Command) -> Result<(), Failure> {
    match command {
        Command::Play { scenario, seed, plan, playbook, journal, tour, language } => play(&PlayArgs {
            scenario: scenario.as_deref(),
            seed,
            plan: plan.as_deref(),
            playbook: playbook.as_deref(),
            journal,
            tour,
            language: language.unwrap_or_else(Language::from_locale),
        }),
        Command::Replay { journal, json, report, language } => replay(&journal, json, report.as_deref(), language),
        Command::ImportInjects { file, scenario, out } => import_injects(&file, &scenario, &out),
        Command::ImportInventory { file, template, out, columns, id, name } => {
            import_inventory(&file, &template, &out, &columns, id.as_deref(), name.as_deref())
        }
        Command::Validate { files } => validate(&files),
        Command::Inspect { scenario, json } => inspect(&scenario, json),
        Command::Batch { options, shard, out } => batch_command(&options, shard.as_deref(), out.as_deref()),
        Command::Sweep { options, vary } => sweep_command(&options, &vary),
        Command::Merge { files, json, report } => merge_command(&files, json, report.as_deref()),
        Command::Run { scenario, playbook, seed, until, plan, json, report, language } => run(&RunArgs {
            scenario: &scenario,
            playbook: playbook.as_deref(),
            seed,
            until: until.as_deref(),
            plan: plan.as_deref(),
            json,
            report: report.as_deref(),
            language: language.unwrap_or_else(Language::from_locale),
        }),
    }
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
    Ok(())
}

fn print_json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| failure(format!("cannot write JSON: {e}")))?;
    print(&format!("{text}\n"))
}

fn kind_of(text: &str) -> Option<FileKind> {
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

fn validate(files: &[PathBuf]) -> Result<(), Failure> {
    let mut problems = Problems::default();
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut playbooks: Vec<(PathBuf, String)> = Vec::new();
    let mut plans: Vec<(PathBuf, String)> = Vec::new();
    let mut valid = Vec::new();
    for path in files {
        let label = path.display().to_string();
        let text = match load::read_text(path) {
            Ok(text) => text,
            Err(p) => {
                problems.0.extend(p.0);
                continue;
            }
        };
        match kind_of(&text) {
            Some(FileKind::Scenario) => match load::scenario_from_text(&label, &text) {
                Ok(s) => {
                    // The plan and the historical playbook it names must load, from its own folder.
                    let folder = Some(path.parent().unwrap_or(std::path::Path::new(".")));
                    match (load::scenario_plan(&s, folder), load::scenario_historical_playbook(&s, folder)) {
                        (Ok(_), Ok(_)) => valid.push(label),
                        (plan, historical) => {
                            problems.0.extend(plan.err().into_iter().chain(historical.err()).flat_map(|p| p.0));
                        }
                    }
                    scenarios.push(s);
                }
                Err(p) => problems.0.extend(p.0),
            },
            Some(FileKind::Playbook) => playbooks.push((path.clone(), text)),
            Some(FileKind::Plan) => plans.push((path.clone(), text)),
            None => problems.0.extend(
                Problems::one(&label, "expected a scenario (`Scenario(...)`), a playbook (`Playbook(...)`) or a plan (`Plan(...)`); cannot tell which this is").0,
            ),
        }
    }
    // What a plan, or a playbook for any scenario, is checked against: every scenario given, or the
    // built-in ones when none is.
    let given_or_builtin: Vec<Scenario> = if scenarios.is_empty() {
        load::EMBEDDED_SCENARIOS.iter().filter_map(|(name, _)| load::builtin_scenario(name)).filter_map(Result::ok).collect()
    } else {
        scenarios.clone()
    };
    for (path, text) in playbooks {
        let label = path.display().to_string();
        let wanted = load::parse::<crate::data::playbook::Playbook>(&label, &text, load::PLAYBOOK_SECTIONS).map(|p| p.scenario);
        let wanted = match wanted {
            Ok(id) => id,
            Err(p) => {
                problems.0.extend(p.0);
                continue;
            }
        };
        // A playbook for any scenario is checked against every scenario given, or the built-in ones.
        let against: Vec<Scenario> = if wanted == crate::data::validate::ANY_SCENARIO {
            given_or_builtin.clone()
        } else {
            match scenarios.iter().find(|s| s.meta.id == wanted) {
                Some(s) => vec![s.clone()],
                // A playbook names its scenario by id: a built-in one, or one of the files given; never a path.
                None => match load::builtin_scenario(&wanted) {
                    Some(Ok(scenario)) => vec![scenario],
                    _ => {
                        problems.0.extend(
                            Problems::one(
                                &label,
                                format!("names scenario \"{wanted}\", which is neither among the files given nor built in"),
                            )
                            .0,
                        );
                        continue;
                    }
                },
            }
        };
        let mut ok = true;
        for scenario in &against {
            if let Err(p) = load::playbook_from_text(&label, &text, scenario) {
                problems.0.extend(p.0);
                ok = false;
            }
        }
        if ok {
            valid.push(label);
        }
    }
    // A plan is checked against every scenario given, or the built-in ones when none is.
    let against = given_or_builtin;
    for (path, text) in plans {
        let label = path.display().to_string();
        let mut ok = true;
        for scenario in &against {
            if let Err(p) = load::plan_from_text(&label, &text, scenario) {
                problems.0.extend(p.0);
                ok = false;
                break;
            }
        }
        if ok {
            valid.push(label);
        }
    }
    if !problems.0.is_empty() {
        return Err(problems.into());
    }
    print(&valid.iter().map(|f| format!("{f}: valid\n")).collect::<String>())
}

#[derive(Serialize)]
struct InspectSite {
    id: String,
    name: String,
    kind: String,
    beds: u32,
    hosts: u32,
    servers: u32,
    workstations: u32,
}

#[derive(Serialize)]
struct InspectSegment {
    id: String,
    name: String,
    site: String,
    kind: String,
    hosts: u32,
}

#[derive(Serialize)]
struct InspectLink {
    id: String,
    name: String,
    kind: String,
    sites: Vec<String>,
}

#[derive(Serialize)]
struct InspectHosts {
    total: u32,
    servers: u32,
    workstations: u32,
    other: u32,
    by_role: BTreeMap<String, u32>,
}

#[derive(Serialize)]
struct Inspection {
    id: String,
    name: String,
    version: String,
    start: String,
    time_zone: String,
    hosts: InspectHosts,
    sites: Vec<InspectSite>,
    segments: Vec<InspectSegment>,
    links: Vec<InspectLink>,
    backups: Vec<String>,
    actions: Vec<String>,
}

fn inspection(s: &Scenario) -> Inspection {
    let mut segment_hosts: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    let mut by_role: BTreeMap<String, u32> = BTreeMap::new();
    let mut add = |segment: &str, role: crate::data::HostRole, count: u32| {
        let entry = segment_hosts.entry(segment.to_string()).or_default();
        entry.0 += count;
        if role.is_server() {
            entry.1 += count;
        } else if role == crate::data::HostRole::Workstation {
            entry.2 += count;
        }
        *by_role.entry(format!("{role:?}")).or_default() += count;
    };
    for server in &s.servers {
        add(&server.segment, server.role, 1);
    }
    for group in &s.host_groups {
        add(&group.segment, group.role, group.count);
    }
    let segment_site = |id: &str| s.segments.iter().find(|x| x.id == id).map(|x| x.site.as_str()).unwrap_or("");
    let sites = s
        .sites
        .iter()
        .map(|site| {
            let (mut hosts, mut servers, mut workstations) = (0, 0, 0);
            for (segment, (h, sv, ws)) in &segment_hosts {
                if segment_site(segment) == site.id {
                    hosts += h;
                    servers += sv;
                    workstations += ws;
                }
            }
            InspectSite {
                id: site.id.clone(),
                name: site.name.clone(),
                kind: format!("{:?}", site.kind),
                beds: site.beds,
                hosts,
                servers,
                workstations,
            }
        })
        .collect();
    let total: u32 = segment_hosts.values().map(|v| v.0).sum();
    let servers: u32 = segment_hosts.values().map(|v| v.1).sum();
    let workstations: u32 = segment_hosts.values().map(|v| v.2).sum();
    Inspection {
        id: s.meta.id.clone(),
        name: s.meta.name.clone(),
        version: s.meta.version.clone(),
        start: s.meta.start.clone(),
        time_zone: s.meta.time_zone.clone(),
        hosts: InspectHosts { total, servers, workstations, other: total - servers - workstations, by_role },
        sites,
        segments: s
            .segments
            .iter()
            .map(|x| InspectSegment {
                id: x.id.clone(),
                name: x.name.clone(),
                site: x.site.clone(),
                kind: format!("{:?}", x.kind),
                hosts: segment_hosts.get(x.id.as_str()).map_or(0, |v| v.0),
            })
            .collect(),
        links: s
            .links
            .iter()
            .map(|l| InspectLink { id: l.id.clone(), name: l.name.clone(), kind: format!("{:?}", l.kind), sites: l.sites.clone() })
            .collect(),
        backups: s.backups.iter().map(|b| format!("{} ({:?})", b.id, b.kind)).collect(),
        actions: s.actions.iter().map(|a| a.id.clone()).collect(),
    }
}

fn inspect(name: &str, json: bool) -> Result<(), Failure> {
    let loaded = load_scenario(name)?;
    let report = inspection(&loaded.scenario);
    if json {
        return print_json(&report);
    }
    let mut out = String::new();
    out += &format!("{} ({}, version {})\n", report.name, report.id, report.version);
    out += &format!("Starts {} ({})\n\n", report.start, report.time_zone);
    out += &format!(
        "Hosts: {} in all, {} servers, {} workstations, {} other\n",
        report.hosts.total, report.hosts.servers, report.hosts.workstations, report.hosts.other
    );
    for (role, count) in &report.hosts.by_role {
        out += &format!("  {role:<20} {count:>7}\n");
    }
    out += "\nSites:\n";
    for site in &report.sites {
        out += &format!(
            "  {:<14} {:<40} {:<20} beds {:>4}  hosts {:>6} ({} servers, {} workstations)\n",
            site.id, site.name, site.kind, site.beds, site.hosts, site.servers, site.workstations
        );
    }
    out += "\nSegments:\n";
    for segment in &report.segments {
        out += &format!("  {:<26} {:<14} {:<28} hosts {:>6}\n", segment.id, segment.site, segment.kind, segment.hosts);
    }
    out += "\nLinks:\n";
    for link in &report.links {
        out += &format!("  {:<18} {:<11} {}\n", link.id, link.kind, link.sites.join(" - "));
    }
    out += &format!("\nBackups: {}\nActions: {}\n", report.backups.join(", "), report.actions.join(", "));
    print(&out)
}

struct RunArgs<'a> {
    scenario: &'a str,
    playbook: Option<&'a str>,
    seed: u64,
    until: Option<&'a str>,
    plan: Option<&'a str>,
    json: bool,
    report: Option<&'a std::path::Path>,
    language: Language,
}

/// What `play` was given.
pub struct PlayArgs<'a> {
    pub scenario: Option<&'a str>,
    pub seed: u64,
    pub plan: Option<&'a str>,
    pub playbook: Option<&'a str>,
    pub journal: Option<PathBuf>,
    pub tour: Option<PathBuf>,
    /// The window's language until the start screen changes it.
    pub language: Language,
}

/// The command `play`: loads and checks everything first, so that a bad file or a journal that cannot
/// be written is said on the terminal before any window opens.
#[cfg(feature = "gui")]
fn play(args: &PlayArgs) -> Result<(), Failure> {
    use crate::exercise::journal::{self, JournalWriter};
    use crate::window::JournalStart;

    // A journal holding only part of its header (the window died as it began) starts again.
    let header_torn = args.journal.as_ref().is_some_and(|path| {
        std::fs::metadata(path).is_ok_and(|m| m.len() > 0 && m.len() < 1 << 20)
            && std::fs::read(path).is_ok_and(|bytes| !bytes.contains(&b'\n'))
    });
    let journal = match &args.journal {
        Some(path) if header_torn => {
            eprintln!("{}: only part of a header was written (the window died as it began); the journal starts again", path.display());
            Some(JournalStart::New(JournalWriter::open(path, Some(0)).map_err(failure)?))
        }
        Some(path) if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) => {
            let read = journal::read(path).map_err(failure)?;
            if let Some(wanted) = args.scenario
                && wanted != read.header.scenario.source
            {
                return Err(failure(format!(
                    "{} holds an exercise on {}, not on {wanted}: name no scenario to reopen it, or choose another journal",
                    path.display(),
                    read.header.scenario.source
                )));
            }
            let setup = read.setup(path).map_err(failure)?;
            let mut exercise = read.replay(setup);
            // Reopened after a crash, the clock waits for the facilitator.
            exercise.set_paused(true);
            let writer = JournalWriter::open(path, Some(read.valid_bytes)).map_err(failure)?;
            exercise.resume_journal(writer);
            if let Some(torn) = &read.torn {
                eprintln!("{torn}");
            }
            eprintln!("Reopened {} at {} ({} entries).", path.display(), exercise.local_with_zone(exercise.minute()), read.entries.len());
            Some(JournalStart::Resume { exercise: Box::new(exercise), message: read.torn.clone() })
        }
        Some(path) => Some(JournalStart::New(JournalWriter::open(path, None).map_err(failure)?)),
        None => None,
    };
    let request = RunRequest {
        scenario: args.scenario.unwrap_or("vivalia-2022"),
        plan: args.plan,
        playbook: args.playbook,
        minutes: None,
        seed: args.seed,
        language: args.language,
    };
    let options = crate::window::PlayOptions { setup: RunSetup::prepare(&request)?, journal, tour: args.tour.clone() };
    crate::window::open(options).map_err(failure)
}

#[cfg(not(feature = "gui"))]
fn play(_: &PlayArgs) -> Result<(), Failure> {
    Err(failure(
        "this build of crisis-cell has no window (it was built without the `gui` feature); `run`, `batch` and `sweep` work headless",
    ))
}

/// The command `import-injects`.
fn import_injects(file: &std::path::Path, scenario: &str, out: &std::path::Path) -> Result<(), Failure> {
    let loaded = load_scenario(scenario)?;
    let text = &loaded.text;
    let plan = load::scenario_plan(&loaded.scenario, loaded.folder.as_deref())?;
    let milestones: Vec<String> = plan.map(|p| p.milestones.into_iter().map(|m| m.id).collect()).unwrap_or_default();
    let table = crate::import::read_table(file)?;
    let injects = crate::import::injects_from_table(&table, &loaded.scenario, &milestones)?;
    let written = crate::import::splice_injects(text, &injects).map_err(failure)?;
    // Translations of the injects replaced go with them.
    let written = crate::import::prune_translations(&written, &[]).map_err(failure)?;
    // The result must be a valid scenario before it is written.
    let label = out.display().to_string();
    load::scenario_from_text(&label, &written)?;
    make_parent(out)?;
    crate::report::write_whole(out, &written).map_err(failure)?;
    print(&format!("{label}: {} with {} injects from {}\n", loaded.scenario.meta.id, injects.len(), file.display()))
}

/// Creates the folder a file is to be written in, as `--report` does for its folder.
fn make_parent(out: &std::path::Path) -> Result<(), Failure> {
    match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            std::fs::create_dir_all(parent).map_err(|e| failure(format!("cannot create the folder {}: {e}", parent.display())))
        }
        _ => Ok(()),
    }
}

/// The command `import-inventory`.
fn import_inventory(
    file: &std::path::Path,
    template: &str,
    out: &std::path::Path,
    columns: &[String],
    id: Option<&str>,
    name: Option<&str>,
) -> Result<(), Failure> {
    let overrides = crate::import::inventory::column_overrides(columns).map_err(failure)?;
    let loaded = load_scenario(template)?;
    let id = match id {
        Some(id) => id.to_string(),
        None => out.file_stem().and_then(|s| s.to_str()).unwrap_or("imported").to_string(),
    };
    if id.trim().is_empty() || id.chars().any(|c| c.is_control() || c == '"') {
        return Err(failure(format!("\"{}\" cannot be a scenario id", id.escape_debug())));
    }
    let table = crate::import::read_table(file)?;
    let inventory = crate::import::inventory::hosts_from_table(&table, &overrides)?;
    let options = crate::import::inventory::ImportOptions { id, name: name.map(str::to_string), source: file.display().to_string() };
    let mut built = crate::import::inventory::build_scenario(&loaded.text, &loaded.scenario, &inventory, &options).map_err(failure)?;
    // The template's names of its own places and links, in any language, go with them.
    built.text = crate::import::prune_translations(&built.text, &["meta", "sites", "segments", "links", "backups"]).map_err(failure)?;
    // The result must be a valid scenario, with a plan that loads, before it is written.
    let label = out.display().to_string();
    let scenario = load::scenario_from_text(&label, &built.text)?;
    let folder = out.parent().map(|p| if p.as_os_str().is_empty() { std::path::Path::new(".") } else { p });
    if let Err(problems) = load::scenario_plan(&scenario, folder) {
        eprintln!("warning: the plan the template names does not load next to {label} (copy it beside the new scenario):\n{problems}");
    }
    make_parent(out)?;
    crate::report::write_whole(out, &built.text).map_err(failure)?;
    let mut summary = format!(
        "{label}: scenario {} with {} hosts ({} servers, {} workstations, {} medical devices) on {} sites and {} segments, from {}\n",
        scenario.meta.id,
        built.servers + built.workstations + built.devices,
        built.servers,
        built.workstations,
        built.devices,
        built.sites,
        built.segments,
        file.display()
    );
    for note in &built.notes {
        summary += &format!("  - {note}\n");
    }
    print(&summary)
}

/// The command `replay`: the exercise rebuilt from its journal, printed and reported like `run`.
fn replay(path: &std::path::Path, json: bool, report: Option<&std::path::Path>, language: Option<Language>) -> Result<(), Failure> {
    let read = crate::exercise::journal::read(path).map_err(failure)?;
    if let Some(torn) = &read.torn {
        eprintln!("{torn}");
    }
    // The scenario comes back in the language the exercise was played in; the report is written in it
    // unless another is asked for.
    let setup = read.setup(path).map_err(failure)?;
    let exercise = read.replay(setup);
    let result = exercise.result();
    if let Some(dir) = report {
        let language = language.unwrap_or(exercise.setup.language);
        let scenario = exercise.setup.scenario.clone();
        let plan = exercise.setup.plan.as_ref();
        let (historical, on_time) = exercise.comparisons();
        let answers = exercise.answered();
        let input = ReportInput {
            scenario: &scenario,
            plan,
            result: &result,
            historical: historical.as_ref(),
            on_time: on_time.as_ref(),
            notes: &exercise.notes,
            answers: &answers,
        };
        let written = write_report_in(language, dir, &input).map_err(failure)?;
        if !json {
            eprintln!("Report written: {}", written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
        }
    }
    if json {
        return print_json(&result);
    }
    print(&run_text(&result))
}

fn run(args: &RunArgs) -> Result<(), Failure> {
    let minutes = args.until.map(|text| parse_duration(text).map_err(|e| failure(format!("--until: {e}")))).transpose()?;
    let request =
        RunRequest { scenario: args.scenario, plan: args.plan, playbook: args.playbook, minutes, seed: args.seed, language: args.language };
    // The run speaks the chosen language: the scenario's own texts, then the report.
    let setup = RunSetup::prepare(&request)?;
    let run = run_replica_in(setup.scenario.clone(), setup.playbook.as_ref(), setup.seed, setup.minutes, setup.language);
    let result = scored(run, setup.plan.as_ref());
    if let Some(dir) = args.report {
        let (historical, on_time) = comparison_runs(&setup.comparisons, &setup.scenario, setup.plan.as_ref(), setup.seed, setup.minutes);
        let input = ReportInput {
            scenario: &setup.scenario,
            plan: setup.plan.as_ref(),
            result: &result,
            historical: historical.as_ref(),
            on_time: on_time.as_ref(),
            notes: &[],
            answers: &[],
        };
        let written = write_report_in(setup.language, dir, &input).map_err(failure)?;
        if !args.json {
            eprintln!("Report written: {}", written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
        }
    }
    if args.json {
        return print_json(&result);
    }
    print(&run_text(&result))
}

fn run_text(scored: &ScoredRun) -> String {
    let r = &scored.run;
    let mut out = String::new();
    out += &format!(
        "{} — playbook: {} — seed {}\n{} to {} ({} simulated minutes)\n\n",
        r.scenario,
        r.playbook.as_deref().unwrap_or("none (no response)"),
        r.seed,
        r.start,
        r.end,
        r.minutes
    );
    let h = &r.hosts;
    out += &format!(
        "Hosts: {} in all — {} clean, {} compromised, {} encrypted ({:.1}%), {} powered off, {} restored, {} rebuilt\n",
        h.total,
        h.clean,
        h.compromised,
        h.encrypted,
        100.0 * r.encrypted_fraction(),
        h.powered_off,
        h.restored,
        h.rebuilt
    );
    out += &format!(
        "Attack: domain admin {}, data exfiltrated {:.0} GB, backups destroyed: {}\n",
        if r.attack.domain_admin { "held" } else { "not held" },
        r.attack.exfiltrated_gb,
        if r.attack.backups_destroyed.is_empty() { "none".to_string() } else { r.attack.backups_destroyed.join(", ") }
    );
    let at = |m: Option<u32>| m.map_or("never".to_string(), |m| format!("minute {m}"));
    out += &format!(
        "Detection: first alert {}, confirmed {}\n\nTimeline:\n",
        at(r.detection.first_alert_minute),
        at(r.detection.confirmed_minute)
    );
    for row in &r.timeline {
        let kind = format!("{:?}", row.kind).to_lowercase();
        out += &format!("  {}  {:<12} {}\n", row.at, kind, row.text);
    }
    if let Some(care) = &r.care {
        let m = &care.measures;
        out += &format!(
            "\nCare: {:.0} patient-hours at risk, {:.0} of {:.0} treatment plans lost, {:.0} service-hours down ({:.0} critical), {:.0} degraded, {:.0} ambulances diverted, {:.0} consultations lost\n",
            m.patient_hours_at_risk,
            m.treatment_plans_lost,
            m.inpatients,
            m.service_hours_down,
            m.critical_service_hours_down,
            m.service_hours_degraded,
            m.ambulances_diverted,
            m.consultations_lost
        );
    }
    if let Some(score) = &scored.score {
        out += &format!("\nMilestones ({}):\n", scored.plan.as_deref().unwrap_or(""));
        for m in &scored.milestones {
            let status = match m.status {
                MilestoneStatus::OnTime => format!("on time ({} min)", m.achieved_minutes.unwrap_or(0)),
                MilestoneStatus::Late => format!("LATE by {} min", m.late_by_minutes.unwrap_or(0)),
                MilestoneStatus::Missed => "MISSED".to_string(),
            };
            out += &format!("  {:<26} target {:>5} min  {:<20} {}\n", m.id, m.target_minutes, status, m.source);
        }
        out += &format!("\nScore: {:.1} / 100\n", score.total);
        for line in &score.lines {
            out += &format!("  {:<26} {:>5.1} / {:<4} {}\n", line.label, line.points, line.max_points, line.value);
        }
    }
    out
}

/// What a batch or sweep needs, loaded and checked.
struct Prepared {
    scenario: Arc<Scenario>,
    playbook: crate::data::Playbook,
    plan: Option<crate::data::plan::Plan>,
    minutes: u32,
    threads: usize,
}

/// Refuse absurd batches before any work.
const MAX_RUNS: u64 = 100_000_000;

fn prepare(args: &ReplicaOptions) -> Result<Prepared, Failure> {
    if args.runs == 0 {
        return Err(failure("--runs 0: a batch needs at least one replica"));
    }
    if args.runs > MAX_RUNS {
        return Err(failure(format!("--runs {}: at most {MAX_RUNS} replicas; split larger studies with --shard", args.runs)));
    }
    if args.threads == Some(0) {
        return Err(failure("--threads 0: at least one thread is needed"));
    }
    let minutes = args.until.as_deref().map(|text| parse_duration(text).map_err(|e| failure(format!("--until: {e}")))).transpose()?;
    let request = RunRequest {
        scenario: &args.scenario,
        plan: args.plan.as_deref(),
        playbook: Some(&args.playbook),
        minutes,
        seed: args.seed,
        language: Language::English,
    };
    let setup = RunSetup::prepare(&request)?;
    let playbook = setup.playbook.ok_or_else(|| failure("a batch needs a playbook (--playbook)"))?;
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    Ok(Prepared { scenario: setup.written, playbook, plan: setup.written_plan, minutes: setup.minutes, threads })
}

/// A progress line on standard error, for long batches in a terminal.
struct Progress {
    enabled: bool,
    total: u64,
    done: u64,
    started: std::time::Instant,
}

impl Progress {
    fn new(total: u64, quiet: bool) -> Self {
        use std::io::IsTerminal;
        Self { enabled: !quiet && std::io::stderr().is_terminal() && total >= 256, total, done: 0, started: std::time::Instant::now() }
    }
    fn advance(&mut self, by: u64) {
        self.done += by;
        if self.enabled {
            let seconds = self.started.elapsed().as_secs_f64();
            let eta = if self.done > 0 { seconds / self.done as f64 * (self.total - self.done) as f64 } else { 0.0 };
            eprint!(
                "\r{:>9} / {} replicas ({:>3.0}%)  {:.1} s, about {:.0} s left   ",
                self.done,
                self.total,
                100.0 * self.done as f64 / self.total as f64,
                seconds,
                eta
            );
        }
    }
    fn finish(&self) {
        if self.enabled {
            eprintln!();
        }
    }
}

fn parse_shard(text: &str) -> Result<(u64, u64), Failure> {
    let parsed = text.split_once('/').and_then(|(k, n)| Some((k.trim().parse::<u64>().ok()?, n.trim().parse::<u64>().ok()?)));
    match parsed {
        Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Ok((k, n)),
        _ => Err(failure(format!("--shard {text}: write K/N with 1 <= K <= N, such as 3/8"))),
    }
}

fn batch_command(args: &ReplicaOptions, shard: Option<&str>, out: Option<&std::path::Path>) -> Result<(), Failure> {
    use crate::batch::*;
    let prepared = prepare(args)?;
    let shard = shard.map(parse_shard).transpose()?;
    if let Some((_, n)) = shard
        && n > args.runs
    {
        return Err(failure(format!("--shard: {n} shards for {} replicas would leave some empty", args.runs)));
    }
    let range = shard.map_or(0..args.runs, |(k, n)| shard_range(args.runs, k, n));
    let spec = BatchSpec {
        scenario: prepared.scenario.clone(),
        playbook: &prepared.playbook,
        plan: prepared.plan.as_ref(),
        runs: args.runs,
        seed: args.seed,
        minutes: prepared.minutes,
    };
    let milestone_ids: Vec<String> =
        prepared.plan.as_ref().map(|p| p.milestones.iter().map(|m| m.id.clone()).collect()).unwrap_or_default();
    let mut rows = match &args.report {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| failure(format!("cannot create the report folder {}: {e}", dir.display())))?;
            let path = dir.join("replicas.csv.partial");
            let file = std::fs::File::create(&path).map_err(|e| failure(format!("cannot write {}: {e}", path.display())))?;
            Some(std::io::BufWriter::new(file))
        }
        None => None,
    };
    let mut progress = Progress::new(range.end - range.start, args.json);
    let started = std::time::Instant::now();
    let mut first = true;
    let mut write_error = None;
    let stats = run_range(&spec, range, prepared.threads, |records| {
        if let Some(out) = rows.as_mut()
            && let Err(e) = write_rows(out, records, &milestone_ids, first)
        {
            write_error.get_or_insert(e);
        }
        first = false;
        progress.advance(records.len() as u64);
    })
    .map_err(failure)?;
    progress.finish();
    let elapsed_ms = started.elapsed().as_millis() as u64;
    if let Some(e) = write_error {
        return Err(failure(format!("cannot write replicas.csv: {e}")));
    }
    if let (Some(dir), Some(mut out)) = (&args.report, rows) {
        out.flush().map_err(|e| failure(format!("cannot write replicas.csv: {e}")))?;
        std::fs::rename(dir.join("replicas.csv.partial"), dir.join("replicas.csv"))
            .map_err(|e| failure(format!("cannot write replicas.csv: {e}")))?;
    }
    if let (Some((k, n)), Some(out)) = (shard, out) {
        let file = ShardFile {
            format: 1,
            kind: SHARD_KIND.to_string(),
            scenario: prepared.scenario.meta.id.clone(),
            scenario_version: prepared.scenario.meta.version.clone(),
            playbook: prepared.playbook.name.clone(),
            playbook_fingerprint: fingerprint(&prepared.playbook),
            plan: prepared.plan.as_ref().map(|p| p.id.clone()),
            seed: args.seed,
            runs: args.runs,
            minutes: prepared.minutes,
            shard: k,
            shards: n,
            elapsed_ms,
            stats,
        };
        let json = serde_json::to_string(&file).map_err(|e| failure(e.to_string()))?;
        crate::report::write_whole(out, &json).map_err(failure)?;
        if !args.json {
            eprintln!("Shard {k} of {n} written to {}", out.display());
        }
        return Ok(());
    }
    let summary =
        BatchSummary::new(&stats, &prepared.scenario, &prepared.playbook, prepared.plan.as_ref(), args.seed, prepared.minutes, elapsed_ms);
    if let Some(dir) = &args.report {
        crate::report::write_batch_report(dir, &summary, &stats).map_err(failure)?;
    }
    if args.json {
        return print_json(&summary);
    }
    print(&batch_text(&summary, prepared.threads))
}

fn batch_text(s: &crate::batch::BatchSummary, threads: usize) -> String {
    let mut out = format!(
        "{} — playbook: {} — {} replicas, master seed {} — {} ms on {} thread(s)\n\n",
        s.scenario, s.playbook, s.runs, s.seed, s.elapsed_ms, threads
    );
    let row = |label: &str, d: Option<crate::batch::Distribution>, percent: bool| match d {
        None => format!("  {label:<28} —\n"),
        Some(d) => {
            let f = |x: f64| if percent { format!("{:.1}%", x * 100.0) } else { format!("{x:.1}") };
            format!("  {label:<28} mean {} ± {}   p10 {}   p50 {}   p90 {}\n", f(d.mean), f(d.standard_error), f(d.p10), f(d.p50), f(d.p90))
        }
    };
    out += &row("hosts encrypted", s.encrypted_fraction, true);
    out += &row("score", s.score_total, false);
    out += &format!(
        "  {:<28} {:.0} patient-hours at risk, {:.0} treatment plans lost, {:.1} GB exfiltrated\n",
        "means", s.patient_hours_at_risk_mean, s.treatment_plans_lost_mean, s.exfiltrated_gb_mean
    );
    if !s.milestones.is_empty() {
        out += "\nMilestones (on time / late / missed):\n";
        for m in &s.milestones {
            out +=
                &format!("  {:<28} {:>5.1}% {:>5.1}% {:>5.1}%\n", m.id, m.on_time_rate * 100.0, m.late_rate * 100.0, m.missed_rate * 100.0);
        }
    }
    out
}

fn sweep_command(args: &ReplicaOptions, vary: &str) -> Result<(), Failure> {
    use crate::batch::*;
    let vary = Vary::parse(vary).map_err(|e| failure(format!("--vary {e}")))?;
    let prepared = prepare(args)?;
    // Check the decision before any work.
    vary.apply(&prepared.playbook, vary.from).map_err(failure)?;
    let values = vary.values();
    let started = std::time::Instant::now();
    let mut progress = Progress::new(args.runs * values.len() as u64, args.json);
    let mut points = Vec::new();
    for &minutes in &values {
        let playbook = vary.apply(&prepared.playbook, minutes).map_err(failure)?;
        let spec = BatchSpec {
            scenario: prepared.scenario.clone(),
            playbook: &playbook,
            plan: prepared.plan.as_ref(),
            runs: args.runs,
            seed: args.seed,
            minutes: prepared.minutes,
        };
        let point_started = std::time::Instant::now();
        let stats = run_range(&spec, 0..args.runs, prepared.threads, |records| progress.advance(records.len() as u64)).map_err(failure)?;
        let summary = BatchSummary::new(
            &stats,
            &prepared.scenario,
            &playbook,
            prepared.plan.as_ref(),
            args.seed,
            prepared.minutes,
            point_started.elapsed().as_millis() as u64,
        );
        points.push(SweepPoint { minutes, summary });
    }
    progress.finish();
    let xs: Vec<u32> = points.iter().map(|p| p.minutes).collect();
    let mut bends = Vec::new();
    let encrypted: Vec<f64> = points.iter().map(|p| p.summary.encrypted_fraction.map_or(0.0, |d| d.mean)).collect();
    bends.extend(bend("share of hosts encrypted", &xs, &encrypted));
    if points.iter().all(|p| p.summary.score_total.is_some()) {
        let scores: Vec<f64> = points.iter().map(|p| p.summary.score_total.map_or(0.0, |d| d.mean)).collect();
        bends.extend(bend("score", &xs, &scores));
    }
    let sweep = SweepSummary {
        scenario: prepared.scenario.meta.id.clone(),
        playbook: prepared.playbook.name.clone(),
        decision: vary.decision.clone(),
        runs_per_point: args.runs,
        seed: args.seed,
        elapsed_ms: started.elapsed().as_millis() as u64,
        points,
        bends,
    };
    if let Some(dir) = &args.report {
        crate::report::write_sweep_report(dir, &sweep).map_err(failure)?;
    }
    if args.json {
        return print_json(&sweep);
    }
    let mut out = format!(
        "{} — playbook: {} — {} delayed from {} to {} minutes by {}, {} replicas a point\n\n",
        sweep.scenario, sweep.playbook, vary.decision, vary.from, vary.to, vary.step, args.runs
    );
    out += "  delay   encrypted mean (p10-p90)     score mean (p10-p90)\n";
    for p in &sweep.points {
        let (e, s) = p.describe();
        out += &format!("  {:>5}   {:<28} {}\n", p.minutes, e, s);
    }
    for b in &sweep.bends {
        out += &format!(
            "\n{} changes fastest between {} and {} minutes ({:+.3} per 10 minutes){}",
            b.measure,
            b.steepest_from,
            b.steepest_to,
            b.steepest_change_per_10_minutes,
            b.bend_at.map_or(String::new(), |x| format!("; the curve bends at {x} minutes"))
        );
    }
    out += "\n";
    print(&out)
}

fn merge_command(files: &[PathBuf], json: bool, report: Option<&std::path::Path>) -> Result<(), Failure> {
    use crate::batch::*;
    let mut shards = Vec::new();
    for path in files {
        let label = path.display().to_string();
        let text = load::read_text(path)?;
        let shard: ShardFile =
            serde_json::from_str(&text).map_err(|e| failure(format!("{label}:{}:{}: not a batch shard: {e}", e.line(), e.column())))?;
        shards.push((label, shard));
    }
    let (stats, elapsed_ms) = merge_shards(&shards).map_err(failure)?;
    let first = &shards[0].1;
    let summary = BatchSummary {
        scenario: first.scenario.clone(),
        playbook: first.playbook.clone(),
        plan: first.plan.clone(),
        runs: stats.runs,
        seed: first.seed,
        minutes: first.minutes,
        elapsed_ms,
        ..BatchSummary::from_stats(&stats)
    };
    if let Some(dir) = report {
        crate::report::write_batch_report(dir, &summary, &stats).map_err(failure)?;
    }
    if json {
        return print_json(&summary);
    }
    print(&batch_text(&summary, 0))
}
