//! The `crisis-cell` binary: parses the command line and hands over to the library.

use clap::Parser;

use crisis_cell::cli::{Cli, Command, execute};

fn main() {
    let cli = Cli::parse();
    // With no command, the exercise window opens on the built-in scenario.
    let command = cli.command.unwrap_or(Command::Play {
        scenario: None,
        seed: 1,
        plan: None,
        playbook: None,
        playbook_roles: Vec::new(),
        journal: None,
        tour: None,
        language: None,
        seats: None,
    });
    if let Err(failure) = execute(command) {
        eprintln!("{}", failure.message);
        std::process::exit(failure.code);
    }
}
