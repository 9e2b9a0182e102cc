//! The command line: the `Cli` parser and its commands, and `execute`, which hands each command to the
//! file of its group (checking files, playing, running, batches and sweeps, imports). Each command reads
//! its arguments, calls the library and prints; what it computes lives in the library.

mod audit;
mod batch;
mod check;
mod import;
mod play;
mod run;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::data::load::Problems;
use crate::i18n::Language;

pub use batch::ReplicaOptions;
pub use play::PlayArgs;
use run::RunArgs;

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
        /// The roles the playbook plays (role ids, separated by commas); the others are left to the people at the table (with --seats, each at its own seat).
        /// All roles by default.
        #[arg(long, value_delimiter = ',', requires = "playbook")]
        playbook_roles: Vec<String>,
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
        /// Serve a seat for each role at the table, on this address and port (every interface, port
        /// 8642, when none is given): each role plays from its own browser. Nothing listens without it.
        #[arg(long, num_args = 0..=1, default_missing_value = "0.0.0.0:8642", value_parser = parse_bind)]
        seats: Option<std::net::SocketAddr>,
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
        /// The roles the playbook plays (role ids, separated by commas); the others are left to nobody.
        /// All roles by default.
        #[arg(long, value_delimiter = ',', requires = "playbook")]
        playbook_roles: Vec<String>,
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
    /// Audit a plan's deadlines: over seeded nights of the best response this staff allows, when each
    /// milestone can be met, how often within its deadline, and what binds it; with what-ifs compared
    /// on the same nights.
    Audit {
        #[command(flatten)]
        args: audit::AuditArgs,
    },
    /// Combine shard results (of a batch or of an audit) into exactly what one machine would have given.
    Merge {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        report: Option<PathBuf>,
    },
}

/// A failure to report: the message, and the exit code.
pub struct Failure {
    pub message: String,
    pub code: i32,
}

/// The most problems printed: a file with a mistake on every one of 400,000 rows says the first ones
/// and how many more there are, not 60 MB.
const MAX_PROBLEMS_SHOWN: usize = 200;

impl From<Problems> for Failure {
    fn from(problems: Problems) -> Self {
        let count = problems.0.len();
        let plural = if count == 1 { "" } else { "s" };
        let shown: Vec<String> = problems.0.iter().take(MAX_PROBLEMS_SHOWN).map(|p| p.to_string()).collect();
        let more = if count > MAX_PROBLEMS_SHOWN { format!("\n… and {} more", count - MAX_PROBLEMS_SHOWN) } else { String::new() };
        Failure { message: format!("{}{more}\n{count} problem{plural} found", shown.join("\n")), code: 1 }
    }
}

/// Reads `--language`: `en` or `fr` (or `english`, `français` and the like).
/// An address and port to serve seats on: `0.0.0.0:8642`, `192.168.1.20:8642`, or a port alone.
fn parse_bind(text: &str) -> Result<std::net::SocketAddr, String> {
    if let Ok(port) = text.parse::<u16>() {
        return Ok(std::net::SocketAddr::from(([0, 0, 0, 0], port)));
    }
    text.parse().map_err(|_| format!("\"{text}\" is not an address and port, such as 0.0.0.0:8642 or 192.168.1.20:8642"))
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::parse(text).ok_or_else(|| format!("\"{text}\" is not a language of crisis-cell: en (English) or fr (French)"))
}

/// A failure with exit code 1.
fn failure(message: impl Into<String>) -> Failure {
    Failure { message: message.into(), code: 1 }
}

/// Runs a command, writing its output to standard output.
pub fn execute(command: Command) -> Result<(), Failure> {
    match command {
        Command::Play { scenario, seed, plan, playbook, playbook_roles, journal, tour, language, seats } => play::play(&PlayArgs {
            scenario: scenario.as_deref(),
            seed,
            plan: plan.as_deref(),
            playbook: playbook.as_deref(),
            playbook_roles: &playbook_roles,
            journal,
            tour,
            language: language.unwrap_or_else(Language::from_locale),
            seats,
        }),
        Command::Replay { journal, json, report, language } => play::replay(&journal, json, report.as_deref(), language),
        Command::ImportInjects { file, scenario, out } => import::import_injects(&file, &scenario, &out),
        Command::ImportInventory { file, template, out, columns, id, name } => {
            import::import_inventory(&file, &template, &out, &columns, id.as_deref(), name.as_deref())
        }
        Command::Validate { files } => check::validate(&files),
        Command::Inspect { scenario, json } => check::inspect(&scenario, json),
        Command::Batch { options, shard, out } => batch::batch(&options, shard.as_deref(), out.as_deref()),
        Command::Sweep { options, vary } => batch::sweep(&options, &vary),
        Command::Audit { args } => audit::audit(&args),
        Command::Merge { files, json, report } => batch::merge(&files, json, report.as_deref()),
        Command::Run { scenario, playbook, playbook_roles, seed, until, plan, json, report, language } => run::run(&RunArgs {
            scenario: &scenario,
            playbook: playbook.as_deref(),
            playbook_roles: &playbook_roles,
            seed,
            until: until.as_deref(),
            plan: plan.as_deref(),
            json,
            report: report.as_deref(),
            language: language.unwrap_or_else(Language::from_locale),
        }),
    }
}

/// Writes a command's output to standard output.
fn print(text: &str) -> Result<(), Failure> {
    // Words from a file or a journal (an inject's text) never send an escape sequence to the terminal.
    let text = crate::data::load::printable(text);
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
    Ok(())
}

/// Writes a command's output as pretty JSON.
fn print_json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| failure(format!("cannot write JSON: {e}")))?;
    print(&format!("{text}\n"))
}
