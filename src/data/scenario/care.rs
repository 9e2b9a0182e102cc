//! Patient care: the hospital's services, what IT they depend on, and the patients they carry.

use serde::{Deserialize, Serialize};

use super::actions::Days;
use super::estate::{HostRole, SiteKind};
use crate::data::dist::Dist;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ServiceKind {
    EmergencyDepartment,
    IntensiveCare,
    OperatingTheatres,
    Dialysis,
    CathLab,
    Wards,
    Laboratory,
    Radiology,
    Pharmacy,
    Sterilisation,
    Admissions,
    Consultations,
    Switchboard,
}

/// What a lost dependency does to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Loss {
    /// The service goes on, slower (the lab worked, slower; radiology took images but wrote no reports).
    Degraded,
    /// The service stops unless its downtime procedure (paper) is active.
    Down,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub role: HostRole,
    pub loss: Loss,
}

/// Which sites a service runs at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SiteSelector {
    All,
    Kind(SiteKind),
    Sites(Vec<String>),
}

/// The patients a service carries, for the measures of harm.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum PatientLoad {
    #[default]
    None,
    /// Every inpatient of the site depends on it (wards: treatment plans, prescriptions).
    Inpatients,
    /// Patients arriving per hour at the site (emergency department).
    ArrivalsPerHour(f64),
    /// Consultations per weekday at the site, spread over the scheduled hours.
    ConsultationsPerWeekday(f64),
    /// Planned operations per weekday at the site, spread over the scheduled hours.
    OperationsPerWeekday(f64),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    pub kind: ServiceKind,
    pub name: String,
    pub sites: SiteSelector,
    /// IT systems it needs, by server role; a system counts as there when one of its servers runs
    /// unencrypted and the site reaches it.
    #[serde(default)]
    pub depends_on: Vec<Dependency>,
    /// The service needs the site's workstations: with fewer than half running, it counts as `Down`.
    #[serde(default)]
    pub needs_workstations: bool,
    /// A downtime procedure exists: with it active, `Down` becomes `Degraded`.
    #[serde(default = "yes")]
    pub paper: bool,
    /// Among the critical activities a plan asks to keep running.
    #[serde(default)]
    pub critical: bool,
    #[serde(default)]
    pub patients: PatientLoad,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Care {
    /// Share of licensed beds filled.
    pub occupancy: f64,
    /// Share of the treatment plans that nurses secure on their own before the EHR is lost.
    #[serde(default)]
    pub secured_unprompted: f64,
    /// Share of emergency arrivals that come by ambulance (and can be diverted).
    pub ambulance_share: f64,
    /// What a patient-hour in a degraded service (on paper, or without a system it can do without)
    /// weighs against one in a service down with no procedure: the cost of paper. 0 when not given.
    #[serde(default)]
    pub degraded_risk_weight: f64,
    pub services: Vec<ServiceSpec>,
    /// A service that needs workstations is down once fewer than this share of its site's work and
    /// reach the network. ASSUMPTION when not given: half.
    #[serde(default = "half")]
    pub workstation_threshold: f64,
    /// When consultations and planned operations take place. Default: weekdays, 08:00 to 18:00.
    #[serde(default)]
    pub scheduled_hours: ScheduledHours,
    /// Ward managers who start their downtime procedures without being told, once their service is
    /// down; none when not given (only the cell's order puts services on paper).
    #[serde(default)]
    pub unprompted_downtime: Option<UnpromptedDowntime>,
}

fn half() -> f64 {
    0.5
}

impl Care {
    /// What a patient-hour weighs on paper a service started on its own, until the cell organises it.
    pub fn improvised_risk_weight(&self) -> f64 {
        self.unprompted_downtime.as_ref().and_then(|u| u.risk_weight).unwrap_or(self.degraded_risk_weight)
    }
}

/// Local hours and days of scheduled care.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduledHours {
    /// `HH:MM`, local time.
    pub from: String,
    pub to: String,
    #[serde(default = "weekdays")]
    pub days: Days,
}

fn weekdays() -> Days {
    Days::Weekdays
}

impl Default for ScheduledHours {
    fn default() -> Self {
        Self { from: "08:00".into(), to: "18:00".into(), days: Days::Weekdays }
    }
}

/// Downtime procedures started by the service itself when it goes down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnpromptedDowntime {
    /// Chance that a service that goes down starts its procedure on its own.
    pub probability: f64,
    /// From the service going down to its procedure in place.
    pub after: Dist,
    /// What a patient-hour weighs on a procedure the service started on its own, until the cell's order
    /// brings the organised one (forms, runners, the lab's and pharmacy's paper flows): between the
    /// care's `degraded_risk_weight` and 1. That weight when not given.
    /// Left out of the serialised scenario when not given, so that a scenario's digest (which a journal
    /// records) does not change for files written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_weight: Option<f64>,
}
