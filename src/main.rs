//! The `crisis-cell` binary: parses the command line and hands over to the library.

use clap::Parser;

use crisis_cell::cli::{Cli, execute};

fn main() {
    let cli = Cli::parse();
    let Some(command) = cli.command else {
        use clap::CommandFactory;
        let _ = Cli::command().print_help();
        std::process::exit(2);
    };
    if let Err(failure) = execute(command) {
        eprintln!("{}", failure.message);
        std::process::exit(failure.code);
    }
}
