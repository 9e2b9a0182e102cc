//! The integration tests, in one binary so that Bevy is linked once.

mod after_action;
mod audit;
mod batch;
mod care;
mod chwapi;
mod common;
mod confinement;
mod containment;
mod determinism;
mod exercise;
mod fuzz;
mod hostile;
mod hse;
mod import;
mod invariants;
mod inventory;
mod journal;
mod language;
mod network;
mod outcomes;
mod plan;
mod policy;
mod report;
mod room;
mod score;
#[cfg(feature = "seats")]
mod seats;
#[cfg(feature = "seats")]
mod seats_browser;
mod spread;
mod validation;
#[cfg(feature = "gui")]
mod window;
