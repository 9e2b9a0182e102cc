//! crisis-cell: a tabletop crisis-exercise simulator for hospital crisis cells facing ransomware.
//!
//! Floors, from the bottom: `random`, `i18n` (the messages) and `data` (formats), `sim` (the Bevy
//! simulation, which records typed events and chooses no words), `words` (events told in a language),
//! `setup` (a run's inputs loaded once) and `run` (headless replicas and their results), `score`,
//! `report`, `batch`, `audit` (a plan's deadlines against the best response this staff allows) and `import` (spreadsheets made into scenarios), `exercise` (the exercise as played,
//! without drawing), `window` (the exercise drawn, with the `gui` feature), `cli` (the command line).
//! Nothing imports a floor above its own.

pub mod audit;
pub mod batch;
pub mod cli;
pub mod data;
pub mod exercise;
pub mod i18n;
pub mod import;
pub mod random;
pub mod report;
pub mod run;
pub mod score;
#[cfg(feature = "seats")]
pub mod seats;
pub mod setup;
pub mod sim;
#[cfg(feature = "gui")]
pub mod window;
pub mod words;
