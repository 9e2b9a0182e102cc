//! The plan format: milestones with target delays after reference events, each with its source, and
//! the weights of the score.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::playbook::EventRef;

/// Format 2: milestones name events or actions, may be anticipated, and the scoring constants (the
/// late share, the floor of the late horizon, what harm is negligible) are the plan's.
pub const PLAN_FORMAT: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub format: u32,
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// What a reader should know before comparing a run with this plan (for example that its rules
    /// came after the night it scores); the report prints it beside the plan's years.
    #[serde(default)]
    pub caveat: String,
    pub milestones: Vec<Milestone>,
    pub score: ScoreWeights,
    /// The plan's texts in other languages, by language code (`fr`, `en`).
    #[serde(default)]
    pub translations: BTreeMap<String, PlanTranslation>,
}

/// A plan's texts in another language; what is not given stays as written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTranslation {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub caveat: Option<String>,
    /// Milestone names, by milestone id.
    #[serde(default)]
    pub milestones: BTreeMap<String, String>,
}

impl Plan {
    /// The plan with its texts in a language, where a translation gives them; targets and weights are
    /// the same.
    pub fn in_language(&self, language: crate::i18n::Language) -> Plan {
        let mut out = self.clone();
        if let Some(t) = self.translations.get(language.code()) {
            if let Some(name) = &t.name {
                out.name.clone_from(name);
            }
            if let Some(description) = &t.description {
                out.description.clone_from(description);
            }
            if let Some(caveat) = &t.caveat {
                out.caveat.clone_from(caveat);
            }
            for milestone in &mut out.milestones {
                if let Some(name) = t.milestones.get(&milestone.id) {
                    milestone.name.clone_from(name);
                }
            }
        }
        out
    }
}

/// What achieves a milestone: actions of the scenario's catalog landed in full, or visible events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Achievement {
    /// Every one of these actions (the milestone is met when the last lands).
    AllOf(Vec<String>),
    /// Any one of them (met when the first lands).
    AnyOf(Vec<String>),
    /// Any one of these events, such as `ActionDone("shutdown-servers")` or `RoleActed("director-general")`.
    AnyEvent(Vec<EventRef>),
    /// Every one of these events (met when the last happens).
    AllEvents(Vec<EventRef>),
}

impl Achievement {
    /// The events that achieve it; actions are their `ActionDone` events.
    pub fn events(&self) -> Vec<EventRef> {
        match self {
            Achievement::AllOf(list) | Achievement::AnyOf(list) => list.iter().cloned().map(EventRef::ActionDone).collect(),
            Achievement::AnyEvent(list) | Achievement::AllEvents(list) => list.clone(),
        }
    }

    /// Whether every one is needed (else any one will do).
    pub fn needs_all(&self) -> bool {
        matches!(self, Achievement::AllOf(_) | Achievement::AllEvents(_))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: String,
    pub name: String,
    /// The event the target delay counts from.
    pub reference: EventRef,
    pub target_minutes: u32,
    pub achieved_by: Achievement,
    /// The rule this milestone comes from.
    pub source: String,
    /// The year of that rule.
    pub year: u16,
    #[serde(default = "one")]
    pub weight: f64,
    /// Whether meeting it before its reference event counts as on time (alerting staff before the
    /// confirmation is good practice; notifying an authority of an incident not yet confirmed is not).
    #[serde(default)]
    pub may_anticipate: bool,
}

fn one() -> f64 {
    1.0
}

/// An outcome measure of the score: a harm, the less the better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Measure {
    /// Share of all hosts ever encrypted (a host stopped mid-encryption counts the share it lost).
    EncryptedShare,
    /// Patient-hours in a service down with no downtime procedure, plus patient-hours on paper at the
    /// scenario's risk weights (organised, or improvised by the service before the cell's order).
    PatientHoursAtRisk,
    /// Share of inpatients' treatment plans lost to the wards.
    TreatmentPlansLostShare,
    /// Hours that critical services were down (summed over sites and services).
    CriticalServiceHoursDown,
    /// Service-hours degraded (on paper, or missing a system they can do without).
    ServiceHoursDegraded,
    /// Emergency arrivals received by a department down with no downtime procedure.
    EmergencyArrivalsAtRisk,
    /// Ambulances sent to other hospitals.
    AmbulancesDiverted,
    /// Scheduled consultations that could not take place.
    ConsultationsLost,
    /// Planned operations that could not take place.
    OperationsCancelled,
    /// Emergency arrivals, walk-ins included, sent elsewhere by a department closed to all.
    EmergencyArrivalsTurnedAway,
    /// Gigabytes exfiltrated during the scenario.
    ExfiltratedGb,
}

impl Measure {
    pub const ALL: [Measure; 11] = [
        Measure::EncryptedShare,
        Measure::PatientHoursAtRisk,
        Measure::TreatmentPlansLostShare,
        Measure::CriticalServiceHoursDown,
        Measure::ServiceHoursDegraded,
        Measure::EmergencyArrivalsAtRisk,
        Measure::AmbulancesDiverted,
        Measure::ConsultationsLost,
        Measure::OperationsCancelled,
        Measure::EmergencyArrivalsTurnedAway,
        Measure::ExfiltratedGb,
    ];
}

/// One outcome line, scored on the share of the avoidable harm the cell avoided: none at the harm of
/// no response, full marks at the harm of the best response, on the same seed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeWeight {
    pub measure: Measure,
    pub points: f64,
    /// Harm below which a difference means nothing to this plan (in the measure's unit): where no
    /// response and the best response differ by less, the line is not in the cell's hands and leaves
    /// the total; it also keeps the logarithmic scale finite at zero harm.
    pub negligible: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreWeights {
    /// Points for timing, shared among milestones by weight.
    pub timing_points: f64,
    /// The share of its points a milestone earns when just late, shrinking to none at
    /// `late_until_factor` times its target late.
    pub late_share: f64,
    pub late_until_factor: f64,
    /// Targets shorter than this count as this long when working out how late is too late.
    pub late_floor_minutes: u32,
    pub outcomes: Vec<OutcomeWeight>,
}
