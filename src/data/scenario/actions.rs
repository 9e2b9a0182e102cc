//! What the crisis cell can do (the action catalog, with what each requires and does), and the people who do it.

use serde::{Deserialize, Serialize};

use super::care::ServiceKind;
use super::estate::{HostClass, LinkKind, SegmentSelector};
use super::one;
use crate::data::dist::Dist;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkSelector {
    All,
    Kind(LinkKind),
}

/// A precondition of an action: it cannot start before this holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Requirement {
    /// The attack has been confirmed.
    Confirmed,
    /// Another action has been carried out in full.
    Done(String),
    /// At least one host of the class is running and not encrypted (remote tools need their servers).
    Running(HostClass),
    /// This named server is running and not encrypted (an on-premises console: EDR, hypervisor manager).
    ServerRunning(String),
    /// This link is up (a console in the cloud, reached over the internet).
    LinkUp(String),
}

/// Which care services an action speaks of: every field given must match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFilter {
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub kind: Option<ServiceKind>,
}

/// Which hosts an action works on: every field given must match; an empty filter is every host.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostFilter {
    #[serde(default)]
    pub class: Option<HostClass>,
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub segment: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// What an action does to the estate when its work lands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    CutLink(String),
    CutLinks(LinkSelector),
    ReconnectLink(String),
    ReconnectLinks(LinkSelector),
    /// The segments are cut off from the rest of the network at their routers and firewalls (their VLAN
    /// is no longer routed); hosts inside one segment still reach each other.
    IsolateSegments(SegmentSelector),
    /// The segments' switch ports are shut: their hosts reach nothing, not even each other.
    ShutSwitchPorts(SegmentSelector),
    /// Lifts isolation and reopens switch ports.
    ReconnectSegments(SegmentSelector),
    /// Hosts are stopped; a hypervisor stopped (with the rest of its cluster) takes its guests down.
    PowerOff(HostFilter),
    /// Hosts are started; a guest starts only once one of its hypervisors runs.
    PowerOn(HostFilter),
    /// The EDR console isolates each host it manages that still reports (running, not encrypted): the
    /// host keeps running but reaches nothing but the console.
    EdrContain(HostFilter),
    /// Contained hosts are let back on the network.
    LiftContainment(HostFilter),
    /// Disable compromised accounts and reset domain credentials (the attacker loses domain admin).
    ResetCredentials,
    /// Wipe and reinstall: clean, but the host's local data is gone.
    Reimage(HostFilter),
    /// Reinstall and restore from the host's backup set; rebuilt without data if the set is lost.
    RestoreFromBackup(HostFilter),
    /// No effect on the estate (convening, triggering the plan, alerting staff); its completion is an event.
    Procedure,
    /// People of these roles are called in.
    CallIn(Vec<String>),
    /// An outside actor is told, and answers after its delay.
    Notify(String),
    /// Services switch to their downtime procedures (paper).
    ActivateDowntime(ServiceFilter),
    /// Active treatment plans and prescriptions are printed or photographed, at every site whose EHR is
    /// still reachable when the work lands.
    SecureTreatmentPlans,
    /// Ambulances are sent to other hospitals.
    DivertAmbulances,
    /// Ambulances come back.
    EndDiversion,
    /// Emergency departments close to every arrival, walk-ins included (only `site` of the filter counts).
    CloseEmergencyDepartments(ServiceFilter),
    /// Emergency departments open again.
    ReopenEmergencyDepartments(ServiceFilter),
    /// Scheduled consultations are cancelled.
    CancelConsultations,
    /// Planned operations are cancelled.
    CancelOperations,
    /// Consultations and planned operations are rescheduled and take place again.
    ResumeScheduledCare,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub effect: Effect,
    /// Before the work on the first host (or the whole effect, when it is not per host) lands.
    pub duration: Dist,
    /// Work per host, for actions on hosts.
    #[serde(default)]
    pub per_host_minutes: f64,
    /// How many hosts are worked on at once.
    #[serde(default = "one")]
    pub parallel: u32,
    /// Asks for confirmation in the window.
    #[serde(default)]
    pub irreversible: bool,
    /// The role whose people carry it out; none for actions the format's older files did not staff.
    #[serde(default)]
    pub role: Option<String>,
    /// How many people of the role it takes; for work on hosts, each handles `parallel` hosts at once.
    #[serde(default = "one")]
    pub team: u32,
    #[serde(default)]
    pub requires: Vec<Requirement>,
    /// For a call-in: the roles that must be there (one person each) before it is done, such as the
    /// members without whom a crisis cell cannot decide. The caller is free once the calls are placed.
    #[serde(default)]
    pub quorum: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Days {
    #[default]
    Every,
    Weekdays,
    Weekends,
}

/// People of a role present by the clock.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// Local time, `HH:MM`; a shift ending at or before it starts runs past midnight.
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub days: Days,
    pub people: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub on_site: Vec<Shift>,
    /// People reachable by phone outside their shifts; called in, they stay for the crisis.
    #[serde(default)]
    pub on_call: u32,
    /// From the call to being at work (on site, or connected remotely).
    #[serde(default = "no_delay")]
    pub call_in: Dist,
    /// Paged automatically by the first alert (the on-call engineer).
    #[serde(default)]
    pub paged_by_first_alert: bool,
}

fn no_delay() -> Dist {
    Dist::Fixed(0.0)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutsideActor {
    pub id: String,
    pub name: String,
    /// From being told to answering (arriving, calling back, acknowledging).
    pub answer: Dist,
    #[serde(default)]
    pub answer_text: String,
}
