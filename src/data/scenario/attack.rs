//! The attacker (footholds, kill chain, spread, exfiltration, the payload) and how the attack is detected.

use serde::{Deserialize, Serialize};

use super::actions::HostFilter;
use super::estate::{HostClass, Protocol};
use crate::data::dist::Dist;

/// Where the attacker stands when the scenario starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Foothold {
    /// The first `count` hosts of a group.
    Group { group: String, count: u32 },
    /// One named server.
    Host(String),
}

/// The hands-on phases of the kill chain, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    Discovery,
    CredentialTheft,
    DomainAdmin,
    Deployment,
}

impl Phase {
    pub const ORDER: [Phase; 4] = [Phase::Discovery, Phase::CredentialTheft, Phase::DomainAdmin, Phase::Deployment];
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSpec {
    /// Hands-on time the phase takes once the previous one is done. The clock of a phase runs only while
    /// the attacker can reach the estate through one of its access links.
    pub duration: Dist,
    /// The phase was completed before minute 0 (the intruders were already inside).
    #[serde(default)]
    pub done_before_start: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KillChain {
    pub discovery: PhaseSpec,
    pub credential_theft: PhaseSpec,
    pub domain_admin: PhaseSpec,
    /// From domain admin to the Group Policy push of the payload.
    pub deployment: PhaseSpec,
}

impl KillChain {
    pub fn phase(&self, phase: Phase) -> &PhaseSpec {
        match phase {
            Phase::Discovery => &self.discovery,
            Phase::CredentialTheft => &self.credential_theft,
            Phase::DomainAdmin => &self.domain_admin,
            Phase::Deployment => &self.deployment,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exfiltration {
    /// Exfiltration begins when this phase is done.
    pub begins_after: Phase,
    pub rate_gb_per_hour: f64,
    /// What the attacker means to take in all.
    pub total_gb: f64,
    /// What had already left before minute 0.
    #[serde(default)]
    pub already_gb: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpreadRate {
    pub protocol: Protocol,
    /// Attempts per compromised, running host per hour; each attempt picks a host uniformly among the
    /// hosts the source can reach over this protocol.
    pub per_hour: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPolicy {
    /// Refresh interval of domain members.
    pub member_refresh_minutes: f64,
    /// Random extra delay added to each member's refresh interval.
    pub member_jitter_minutes: f64,
    /// Refresh interval of domain controllers.
    pub controller_refresh_minutes: f64,
    /// A domain member processes computer policy within this long of starting up.
    #[serde(default = "startup_processing")]
    pub startup_minutes: f64,
}

/// ASSUMPTION: computer policy is applied during start-up, before the logon screen: within 5 minutes.
fn startup_processing() -> f64 {
    5.0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attacker {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub footholds: Vec<Foothold>,
    /// The links through which the intruders operate; when every one is cut, hands-on work pauses.
    pub access_links: Vec<String>,
    pub kill_chain: KillChain,
    pub spread: Vec<SpreadRate>,
    /// Spread rates are multiplied by this once domain credentials are reset (stolen ones stop working).
    pub spread_after_credential_reset: f64,
    pub exfiltration: Exfiltration,
    pub group_policy: GroupPolicy,
    /// The hosts the attacker means to encrypt (every field given must match; empty: every host). Domain
    /// members among them take the payload by Group Policy, the others by hand.
    #[serde(default)]
    pub payload_targets: HostFilter,
    /// From a host taking the payload to the payload running.
    pub detonation_delay: Dist,
    /// Domain controllers detonate last, this long after the push, so that deployment runs its course.
    pub controller_detonation_delay: Dist,
    /// Time to encrypt one workstation.
    pub encryption_minutes: Dist,
    /// Servers hold more files: their encryption time is multiplied by this.
    pub server_encryption_factor: f64,
    /// The attacker strikes reachable online backup servers by hand at the push, before the payload.
    pub targets_backups: bool,
}

/// What makes a detection source raise an alert.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Trigger {
    /// A host of the class is compromised (silent foothold).
    Compromise(HostClass),
    /// A host of the class starts encrypting.
    EncryptionStarted(HostClass),
    /// A host of the class is fully encrypted (a ransom note on screen, services failing).
    Encrypted(HostClass),
    /// At least this many hosts of the class are fully encrypted (services fail, screens show the note).
    EncryptedCount { hosts: HostClass, at_least: u32 },
    /// At least this many gigabytes have left during the scenario.
    Exfiltrated { at_least_gb: f64 },
    /// An online backup set is destroyed.
    BackupDestroyed,
    /// The attacker completes a phase of its kill chain while the scenario runs (the rules of a
    /// security operations centre: discovery, credential theft, a new domain admin, a mass deployment).
    /// A phase done before the start is history the scenario does not replay: it raises nothing.
    PhaseCompleted(Phase),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectionSource {
    pub id: String,
    pub name: String,
    pub trigger: Trigger,
    /// Chance that a triggering event raises an alert; each source alerts once.
    pub probability: f64,
    /// From the triggering event to the alert reaching someone.
    pub delay: Dist,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investigation {
    /// From the first alert to the attack being confirmed.
    pub duration: Dist,
}
