//! The master scenario events list: the injects that reach the crisis cell, and what sets them off.

use serde::{Deserialize, Serialize};

use super::care::ServiceKind;
use super::estate::HostClass;

/// What sets off a conditional inject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InjectCondition {
    Encrypted { hosts: HostClass, at_least: u32 },
    ServiceDown(ServiceKind),
    BackupDestroyed,
    ExfiltratedGb(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InjectTrigger {
    /// At a time, or after a visible event.
    At(crate::data::playbook::When),
    /// When a condition first holds, after a delay.
    When { condition: InjectCondition, minutes: u32 },
}

/// One message or event of the master scenario events list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub trigger: InjectTrigger,
    /// How it reaches the cell: phone, e-mail, a visit, the press.
    #[serde(default)]
    pub channel: String,
    /// Who it comes from, as the room is told ("night nurse, Arlon", "TV Lux"). Left out of the
    /// scenario's digest when empty, so that journals of scenarios written without it still replay.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sender: String,
    /// Who in the cell receives it.
    #[serde(default)]
    pub audience: String,
    pub text: String,
    /// What the cell is expected to do.
    #[serde(default)]
    pub expected: String,
    /// The plan milestone it tests.
    #[serde(default)]
    pub milestone: Option<String>,
    /// Whether it reports symptoms someone would raise (a nurse's call, ransom notes on screens): an
    /// alert, which starts the investigation if none has.
    #[serde(default)]
    pub raises_alert: bool,
}
