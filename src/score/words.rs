//! The score in words: each line's name, what the run did, and what the counterfactuals did, in a
//! language. The score itself holds only kinds and numbers.

use crate::data::plan::Measure;
use crate::i18n::Language;
use crate::run::RunResult;

use super::{LineKind, LineStatus, MilestoneResult, MilestoneStatus, ScoreLine};

/// A measure's name.
pub fn measure_name(language: Language, measure: Measure) -> &'static str {
    language.tr(match measure {
        Measure::EncryptedShare => "hosts-encrypted",
        Measure::PatientHoursAtRisk => "patients-risk",
        Measure::TreatmentPlansLostShare => "treatment-plans-lost",
        Measure::CriticalServiceHoursDown => "critical-services-down",
        Measure::ServiceHoursDegraded => "care-degraded",
        Measure::EmergencyArrivalsAtRisk => "emergency-arrivals-at-risk",
        Measure::AmbulancesDiverted => "measure-name-ambulances-diverted",
        Measure::ConsultationsLost => "measure-name-consultations-lost",
        Measure::OperationsCancelled => "measure-name-operations-cancelled",
        Measure::EmergencyArrivalsTurnedAway => "measure-name-arrivals-turned-away",
        Measure::ExfiltratedGb => "data-exfiltrated",
    })
}

/// A line's name.
pub fn line_name(language: Language, line: &ScoreLine) -> &'static str {
    match line.kind {
        LineKind::Timing => language.tr("timing-against-plan"),
        LineKind::Outcome(measure) => measure_name(language, measure),
    }
}

/// A harm as a short amount, such as "1,488 (87.5%)" of hosts or "2,303" patient-hours.
pub fn amount(measure: Measure, value: f64, run: &RunResult) -> String {
    match measure {
        Measure::EncryptedShare => {
            let total = f64::from(run.hosts.total);
            format!("{:.0} ({:.1}%)", value * total, value * 100.0)
        }
        Measure::TreatmentPlansLostShare => {
            let inpatients = run.care.as_ref().map_or(0.0, |c| c.measures.inpatients);
            format!("{:.0} ({:.0}%)", value * inpatients, value * 100.0)
        }
        _ => format!("{value:.0}"),
    }
}

/// What a run did on a measure, in a sentence.
pub fn measure_text(language: Language, run: &RunResult, measure: Measure, value: f64) -> String {
    let whole = format!("{value:.0}");
    match measure {
        Measure::EncryptedShare => language.trf(
            "measure-hosts-encrypted",
            &[
                ("encrypted", &format!("{:.0}", run.hosts.encrypted_ever)),
                ("total", &run.hosts.total),
                ("percent", &format!("{:.1}", value * 100.0)),
            ],
        ),
        Measure::PatientHoursAtRisk => language.trf("measure-patient-hours-at-risk", &[("hours", &whole)]),
        Measure::TreatmentPlansLostShare => {
            let (lost, all) = run.care.as_ref().map_or((0.0, 0.0), |c| (c.measures.treatment_plans_lost, c.measures.inpatients));
            language.trf(
                "measure-treatment-plans-lost",
                &[("lost", &format!("{lost:.0}")), ("inpatients", &format!("{all:.0}")), ("percent", &format!("{:.0}", value * 100.0))],
            )
        }
        Measure::CriticalServiceHoursDown => language.trf("measure-critical-hours-down", &[("hours", &whole)]),
        Measure::ServiceHoursDegraded => language.trf("measure-service-hours-degraded", &[("hours", &whole)]),
        Measure::EmergencyArrivalsAtRisk => language.trf("measure-arrivals-at-risk", &[("arrivals", &whole)]),
        Measure::AmbulancesDiverted => language.trf("measure-ambulances-diverted", &[("ambulances", &whole)]),
        Measure::ConsultationsLost => language.trf("measure-consultations-lost", &[("consultations", &whole)]),
        Measure::OperationsCancelled => language.trf("measure-operations-cancelled", &[("operations", &whole)]),
        Measure::EmergencyArrivalsTurnedAway => language.trf("measure-arrivals-turned-away", &[("arrivals", &whole)]),
        Measure::ExfiltratedGb => language.trf("measure-exfiltrated", &[("gigabytes", &whole)]),
    }
}

/// The timing line's account of the milestones.
pub fn timing_text(language: Language, milestones: &[MilestoneResult]) -> String {
    let count = |status: MilestoneStatus| milestones.iter().filter(|m| m.status == status).count();
    let left = milestones.iter().filter(|m| !m.status.counts()).count();
    let counted = milestones.len() - left;
    let summary = language.trf(
        "timing-summary",
        &[
            ("on_time", &count(MilestoneStatus::OnTime)),
            ("anticipated", &count(MilestoneStatus::Anticipated)),
            ("late", &count(MilestoneStatus::Late)),
            ("missed", &count(MilestoneStatus::Missed)),
            ("total", &counted),
        ],
    );
    // The separator is the message's own: French puts a space before a semicolon.
    if left == 0 { summary } else { summary + &language.trf("timing-left-out", &[("count", &left)]) }
}

/// What a line says of the run: the timing summary, or the measure's sentence; and a line out of the
/// total says why.
pub fn line_text(language: Language, line: &ScoreLine, run: &RunResult, milestones: &[MilestoneResult]) -> String {
    let text = match line.kind {
        LineKind::Timing => timing_text(language, milestones),
        LineKind::Outcome(measure) => measure_text(language, run, measure, line.value),
    };
    match (line.status, line.kind) {
        (LineStatus::Scored, _) => text,
        (LineStatus::NotInHands, LineKind::Timing) => format!("{text} — {}", language.tr("timing-nothing-counts")),
        (LineStatus::NotInHands, LineKind::Outcome(_)) => format!("{text} — {}", language.tr("line-not-in-hands")),
    }
}

/// A line's counterfactuals as short amounts: no response, then the best response ("—" for timing).
pub fn counterfactual_amounts(line: &ScoreLine, run: &RunResult) -> (String, String) {
    match (line.kind, line.no_response, line.best) {
        (LineKind::Outcome(measure), Some(none), Some(best)) => (amount(measure, none, run), amount(measure, best, run)),
        _ => ("—".into(), "—".into()),
    }
}
