//! The scenario format: the hospital group's estate, the attacker, detection and the action catalog.
//!
//! Times are in minutes unless a field's name says otherwise. Sections added by later versions of the
//! format carry `#[serde(default)]`, so older files stay valid.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod actions;
mod attack;
mod care;
mod estate;
mod injects;
mod meta;
mod translations;

pub use actions::*;
pub use attack::*;
pub use care::*;
pub use estate::*;
pub use injects::*;
pub use meta::*;
pub use translations::*;

/// The version of the scenario format this build reads.
pub const SCENARIO_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: u32,
    pub meta: Meta,
    pub sites: Vec<Site>,
    pub segments: Vec<Segment>,
    pub reachability: Vec<ReachRule>,
    pub links: Vec<Link>,
    #[serde(default)]
    pub backups: Vec<BackupSet>,
    pub host_groups: Vec<HostGroup>,
    #[serde(default)]
    pub servers: Vec<NamedServer>,
    pub attacker: Attacker,
    pub detection: Vec<DetectionSource>,
    pub investigation: Investigation,
    pub actions: Vec<Action>,
    /// The people who carry decisions out, and when they are there.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Actors outside the hospital, who answer after a delay.
    #[serde(default)]
    pub outside_actors: Vec<OutsideActor>,
    #[serde(default)]
    pub care: Option<Care>,
    /// The master scenario events list.
    #[serde(default)]
    pub injects: Vec<Inject>,
    /// Questions for the debrief.
    #[serde(default)]
    pub hot_wash: Vec<String>,
    /// The scenario's texts in other languages, by language code (`fr`, `en`); what a translation does
    /// not give stays as written above.
    #[serde(default)]
    pub translations: BTreeMap<String, Translation>,
}

/// The default of counts that are at least one (a tick, a team, hosts worked on at once).
fn one() -> u32 {
    1
}
