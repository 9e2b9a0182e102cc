//! The data formats: scenario and playbook files, their loading and their checks. Nothing above is imported here.

pub mod check;
pub mod dist;
pub mod inspect;
pub mod load;
pub mod locate;
pub mod plan;
pub mod playbook;
pub mod scenario;
pub mod validate;

pub use dist::Dist;
pub use load::{LoadedScenario, Problem, Problems, load_playbook, load_scenario};
pub use playbook::{EventRef, PlannedDecision, Playbook, When};
pub use scenario::*;
