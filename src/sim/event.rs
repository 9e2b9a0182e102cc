//! What happens in a run, as typed events with their data: the simulation records them and holds no
//! words; `crate::words` turns each into a sentence in a language at the edge.

use crate::data::scenario::{HostClass, Phase};

use super::timeline::EntryKind;

/// One thing that happened, with what a sentence about it needs. Names (of actions, roles, sites,
/// services, links, actors) are the scenario's, as loaded in the exercise's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The intruders' footholds when the scenario starts.
    Footholds {
        hosts: usize,
    },
    /// A phase of the kill chain completed, possibly before minute 0.
    PhaseCompleted {
        phase: Phase,
        before_start: bool,
    },
    ExfiltrationBegins,
    PayloadPushed,
    DomainAdminLost,
    PolicyRemoved,
    /// The attacker's phase clock stopped: no running foothold has a path on.
    AttackerBlocked {
        phase: Phase,
    },
    /// Exfiltration ended, and why; `gigabytes` in all by then.
    ExfiltrationEnded {
        why: ExfiltrationEnd,
        gigabytes: f64,
    },
    FirstEncrypted,
    BackupDestroyed {
        backup: String,
    },
    Alert {
        source: String,
    },
    Confirmed,
    /// A decision names an action the scenario does not have.
    UnknownAction {
        action: String,
    },
    DecisionTaken {
        action: String,
    },
    /// A decision cannot start yet.
    Waiting {
        action: String,
        reason: Wait,
    },
    /// A decision started; `team` when a role carries it out.
    Started {
        action: String,
        team: Option<Team>,
    },
    /// People freed or arrived joined work under way; `team` is the team now.
    TeamGrew {
        action: String,
        joined: u32,
        team: Team,
    },
    /// Someone left work on hosts for a new decision (`to`); `team` is the team left.
    CalledAway {
        action: String,
        to: String,
        team: Team,
    },
    CalledIn {
        role: String,
        on_call: u32,
        first_in_minutes: u32,
    },
    /// An outside actor answers, in the scenario's words when it gives them.
    OutsideAnswer {
        actor: String,
        answer: String,
    },
    /// A decision's effect landed in full.
    Done {
        action: String,
        outcome: Outcome,
    },
    /// The patient record went out of reach at these sites.
    EhrLost {
        sites: Vec<String>,
        secured: f64,
        lost: f64,
    },
    /// A care service changed state at these sites in the same minute.
    ServiceChanged {
        service: String,
        change: ServiceChange,
        sites: Vec<String>,
    },
    /// A message of the exercise; `channel` may be empty.
    Inject {
        channel: String,
        text: String,
    },
}

/// Why exfiltration ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExfiltrationEnd {
    NoFootholdRunning,
    LinkCut,
    Complete,
}

/// What a decision waits for before it can start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wait {
    /// Anything to be seen: before the first alert nobody knows there is a crisis to act on.
    FirstAlert,
    Confirmation,
    /// Another action, by name, to be done.
    Done(String),
    /// A running host of a class, for remote tools.
    Running(HostClass),
    /// A named server to run (a console), by name.
    ServerRunning(String),
    /// A link to be up, by name.
    LinkUp(String),
    /// Someone of a role, by name, to be present and free.
    Someone(String),
}

/// Who carries out a started decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub size: u32,
    pub role: String,
    /// Hosts the decision works on (0 when it works on none).
    pub hosts: usize,
}

/// What a decision did when it landed.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Links cut or reconnected, by name.
    Links {
        reconnected: bool,
        names: Vec<String>,
    },
    Segments {
        isolated: bool,
        count: usize,
    },
    /// Switch ports shut in this many segments.
    PortsShut {
        count: usize,
    },
    /// Hosts contained by their EDR agent, of the hosts the console manages.
    Contained {
        hosts: usize,
        managed: usize,
    },
    /// Hosts let back on the network.
    Released {
        hosts: usize,
    },
    CredentialsReset,
    /// An action whose effect has no more to say than that it is done.
    Completed,
    Told {
        actor: String,
    },
    DowntimeActive,
    AmbulancesDiverted,
    DiversionEnded,
    EmergencyClosed,
    EmergencyReopened,
    ConsultationsCancelled,
    OperationsCancelled,
    ScheduledCareResumed,
    PoweredOff {
        hosts: usize,
    },
    StartedAgain {
        hosts: usize,
    },
    Reimaged {
        hosts: usize,
    },
    /// Hosts reinstalled, `with_data` of them from a surviving backup.
    Reinstalled {
        hosts: usize,
        with_data: usize,
    },
}

/// The new state of a care service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceChange {
    BackUp,
    OnPaper,
    Degraded,
    Down,
}

impl Event {
    /// The kind of timeline entry the event makes.
    pub fn kind(&self) -> EntryKind {
        use Event::*;
        match self {
            Footholds { .. }
            | PhaseCompleted { .. }
            | ExfiltrationBegins
            | PayloadPushed
            | DomainAdminLost
            | PolicyRemoved
            | AttackerBlocked { .. }
            | ExfiltrationEnded { .. }
            | FirstEncrypted
            | BackupDestroyed { .. } => EntryKind::Attack,
            Alert { .. } => EntryKind::Alert,
            Confirmed => EntryKind::Confirmation,
            UnknownAction { .. } | DecisionTaken { .. } | Started { .. } => EntryKind::Decision,
            Waiting { .. } | CalledIn { .. } | TeamGrew { .. } | CalledAway { .. } => EntryKind::People,
            OutsideAnswer { .. } => EntryKind::Outside,
            Done { .. } => EntryKind::Effect,
            EhrLost { .. } | ServiceChanged { .. } => EntryKind::Care,
            Inject { .. } => EntryKind::Inject,
        }
    }
}
