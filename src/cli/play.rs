//! `play` and `replay`: the exercise window, and an exercise rebuilt from its journal.

use std::path::{Path, PathBuf};

use super::run::run_text;
use super::{Failure, failure, print, print_json};
use crate::i18n::Language;
use crate::report::write_report_in;
#[cfg(feature = "gui")]
use crate::setup::{RunRequest, RunSetup};

/// What `play` was given.
pub struct PlayArgs<'a> {
    pub scenario: Option<&'a str>,
    pub seed: u64,
    pub plan: Option<&'a str>,
    pub playbook: Option<&'a str>,
    /// The roles the playbook plays; the others sit at the table.
    pub playbook_roles: &'a [String],
    pub journal: Option<PathBuf>,
    pub tour: Option<PathBuf>,
    /// The window's language until the start screen changes it.
    pub language: Language,
    /// Serve the roles' seats on this address.
    pub seats: Option<std::net::SocketAddr>,
}

/// The command `play`: loads and checks everything first, so that a bad file or a journal that cannot
/// be written is said on the terminal before any window opens.
#[cfg(feature = "gui")]
pub(super) fn play(args: &PlayArgs) -> Result<(), Failure> {
    use crate::exercise::journal::{self, JournalWriter};
    use crate::window::JournalStart;

    // A journal holding only part of its header (the window died as it began) starts again; any other
    // file is read as a journal, and refused unless it is one: it is never emptied.
    let header_torn = args.journal.as_ref().is_some_and(|path| {
        std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0 && m.len() < 1 << 20)
            && crate::data::load::read_bounded(path, 1 << 20).is_ok_and(|bytes| journal::is_torn_header(&bytes))
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
        playbook_roles: args.playbook_roles,
    };
    if args.seats.is_some() && !cfg!(feature = "seats") {
        return Err(failure("this build has no seats (it was built without the `seats` feature)".to_string()));
    }
    let options = crate::window::PlayOptions { setup: RunSetup::prepare(&request)?, journal, tour: args.tour.clone(), seats: args.seats };
    crate::window::open(options).map_err(failure)
}

#[cfg(not(feature = "gui"))]
pub(super) fn play(_: &PlayArgs) -> Result<(), Failure> {
    Err(failure(
        "this build of crisis-cell has no window (it was built without the `gui` feature); `run`, `batch` and `sweep` work headless",
    ))
}

/// The command `replay`: the exercise rebuilt from its journal, printed and reported like `run`.
/// A report written into the journal's own folder must not replace the journal.
fn refuse_overwriting(journal: &Path, dir: &Path) -> Result<(), String> {
    let Ok(journal) = journal.canonicalize() else { return Ok(()) };
    for name in crate::report::REPORT_FILES {
        if dir.join(name).canonicalize().is_ok_and(|target| target == journal) {
            return Err(format!("the report would write {name} over the journal {}: choose another folder", journal.display()));
        }
    }
    Ok(())
}

pub(super) fn replay(path: &Path, json: bool, report: Option<&Path>, language: Option<Language>) -> Result<(), Failure> {
    let read = crate::exercise::journal::read(path).map_err(failure)?;
    if let Some(torn) = &read.torn {
        eprintln!("{torn}");
    }
    // The scenario comes back in the language the exercise was played in; the report is written in it
    // unless another is asked for.
    let setup = read.setup(path).map_err(failure)?;
    let exercise = read.replay(setup);
    let (result, comparison) = exercise.result();
    if let Some(dir) = report {
        let language = language.unwrap_or(exercise.setup.language);
        refuse_overwriting(path, dir).map_err(failure)?;
        let written = exercise.with_report_input(&result, &comparison, |input| write_report_in(language, dir, input)).map_err(failure)?;
        if !json {
            eprintln!("Report written: {}", written.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "));
        }
    }
    if json {
        return print_json(&result);
    }
    print(&run_text(&result, language.unwrap_or(exercise.setup.language)))
}
