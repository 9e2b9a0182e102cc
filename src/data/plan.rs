//! The plan format: milestones with target delays after reference events, each with its source, and
//! the weights of the score.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::playbook::EventRef;

pub const PLAN_FORMAT: u32 = 1;

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

/// What achieves a milestone: actions of the scenario's catalog, landed in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Achievement {
    /// Every one of these actions (the milestone is met when the last lands).
    AllOf(Vec<String>),
    /// Any one of them (met when the first lands).
    AnyOf(Vec<String>),
}

impl Achievement {
    pub fn actions(&self) -> &[String] {
        match self {
            Achievement::AllOf(list) | Achievement::AnyOf(list) => list,
        }
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
}

fn one() -> f64 {
    1.0
}

/// An outcome measure of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    /// Share of all hosts encrypted at the end.
    EncryptedShare,
    /// Patient-hours spent in a service that was down with no downtime procedure.
    PatientHoursAtRisk,
    /// Share of inpatients' treatment plans lost to the wards.
    TreatmentPlansLostShare,
    /// Hours that critical services were down (summed over sites and services).
    CriticalServiceHoursDown,
    /// Gigabytes exfiltrated during the scenario.
    ExfiltratedGb,
}

/// One outcome line: full points at zero, none at `worst` or beyond.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeWeight {
    pub measure: Measure,
    pub points: f64,
    pub worst: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreWeights {
    /// Points for timing, shared among milestones by weight.
    pub timing_points: f64,
    /// A late milestone earns half its points, shrinking to none when it is this many times its target
    /// late (targets under 30 minutes count as 30 here).
    pub late_until_factor: f64,
    pub outcomes: Vec<OutcomeWeight>,
}
