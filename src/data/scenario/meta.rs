//! A scenario's identity and clock: its id, version, time zone, start, tick and duration, and the files it names.

use serde::{Deserialize, Serialize};

use super::one;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Short name, used on the command line and in journals.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Changes whenever the model's numbers change, so that a journal can refuse another version.
    pub version: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// An IANA time zone, such as `Europe/Brussels`.
    pub time_zone: String,
    /// Local date and time of minute 0, such as `2022-05-14T01:30`.
    pub start: String,
    #[serde(default = "one")]
    pub tick_minutes: u32,
    /// How long a run lasts when `--until` is not given.
    #[serde(default = "seventy_two")]
    pub duration_hours: u32,
    /// The plan the run is scored against, unless another is given: a built-in plan or a file in the
    /// scenario's folder.
    #[serde(default)]
    pub plan: Option<String>,
    /// What really happened, as a playbook (a built-in one or a file in the scenario's folder): the
    /// debrief and the report compare every run with it on the same seed.
    #[serde(default)]
    pub historical_playbook: Option<String>,
}

fn seventy_two() -> u32 {
    72
}
