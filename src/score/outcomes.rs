//! Outcome measures against the counterfactual: the harm of a run set between the harm of no response
//! and the harm of the best response on the same seed, so that a line scores what the cell's decisions
//! changed and nothing it could not.

use serde::Serialize;

use crate::data::plan::{Measure, OutcomeWeight};
use crate::run::RunResult;
use crate::sim::care::CareMeasures;

/// The harm of a run by measure, in `Measure::ALL` order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Harms(pub [f64; Measure::ALL.len()]);

impl Harms {
    pub fn of(run: &RunResult) -> Harms {
        let care = run.care.as_ref().map(|c| &c.measures);
        Harms::of_parts(run.encrypted_ever_fraction(), care, run.attack.exfiltrated_during_gb)
    }

    /// The harms from what they are made of: the share of hosts ever encrypted, the care measures (none
    /// when the scenario models no care), and the gigabytes exfiltrated during the run.
    pub fn of_parts(encrypted_share: f64, care: Option<&CareMeasures>, exfiltrated_gb: f64) -> Harms {
        Harms(Measure::ALL.map(|m| harm_of(m, encrypted_share, care, exfiltrated_gb)))
    }

    pub fn get(&self, measure: Measure) -> f64 {
        self.0[Measure::ALL.iter().position(|&m| m == measure).unwrap_or(0)]
    }
}

/// What the same seed gives with no response and with the best response the model allows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Counterfactuals {
    pub no_response: Harms,
    pub best: Harms,
}

fn harm_of(measure: Measure, encrypted_share: f64, care: Option<&CareMeasures>, exfiltrated_gb: f64) -> f64 {
    let of_care = |f: fn(&CareMeasures) -> f64| care.map_or(0.0, f);
    match measure {
        Measure::EncryptedShare => encrypted_share,
        Measure::PatientHoursAtRisk => of_care(|c| c.patient_hours_at_risk),
        Measure::TreatmentPlansLostShare => of_care(|c| if c.inpatients > 0.0 { c.treatment_plans_lost / c.inpatients } else { 0.0 }),
        Measure::CriticalServiceHoursDown => of_care(|c| c.critical_service_hours_down),
        Measure::ServiceHoursDegraded => of_care(|c| c.service_hours_degraded),
        Measure::EmergencyArrivalsAtRisk => of_care(|c| c.emergency_arrivals_at_risk),
        Measure::AmbulancesDiverted => of_care(|c| c.ambulances_diverted),
        Measure::ConsultationsLost => of_care(|c| c.consultations_lost),
        Measure::OperationsCancelled => of_care(|c| c.operations_cancelled),
        Measure::EmergencyArrivalsTurnedAway => of_care(|c| c.emergency_arrivals_turned_away),
        Measure::ExfiltratedGb => exfiltrated_gb,
    }
}

/// Whether an outcome line counts, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    Scored,
    /// No response and the best response differ by no more than the plan's negligible harm, and the cell
    /// did no worse: nothing the cell decided could change it, so it leaves the total.
    NotInHands,
}

/// An outcome line worked out: the share of the avoidable harm avoided, and its points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judged {
    pub status: LineStatus,
    pub share: Option<f64>,
    pub points: f64,
}

/// Scores one outcome line. The share is logarithmic: halving the harm is worth as much near the
/// best response as near no response, since harms span orders of magnitude between the two (tens of
/// patient-hours against tens of thousands) and a linear share would tell a good cell from a poor one
/// by a point or two. Below a hundredth of the harm of no response (or the negligible harm, if more)
/// the scale flattens, so that a few hours against none do not weigh like thousands against hundreds.
pub fn judge(weight: &OutcomeWeight, cell: f64, no_response: f64, best: f64) -> Judged {
    let floor = weight.negligible.max(no_response / 100.0).max(1e-9);
    let reachable = best.min(no_response);
    let avoidable = no_response - reachable;
    if avoidable <= weight.negligible {
        // Nothing the cell could avoid (no response itself is within the negligible harm of the best);
        // harm it added beyond that still costs it the line.
        if cell - no_response.max(best) >= weight.negligible {
            return Judged { status: LineStatus::Scored, share: Some(0.0), points: 0.0 };
        }
        return Judged { status: LineStatus::NotInHands, share: None, points: 0.0 };
    }
    // Within the negligible harm of the best response is as good as it.
    if cell <= reachable + weight.negligible {
        return Judged { status: LineStatus::Scored, share: Some(1.0), points: weight.points };
    }
    let ln = |x: f64| (x.max(0.0) + floor).ln();
    let share = ((ln(no_response) - ln(cell)) / (ln(no_response) - ln(reachable))).clamp(0.0, 1.0);
    Judged { status: LineStatus::Scored, share: Some(share), points: weight.points * share }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(negligible: f64) -> OutcomeWeight {
        OutcomeWeight { measure: Measure::PatientHoursAtRisk, points: 10.0, negligible }
    }

    #[test]
    fn no_response_scores_nothing_and_the_best_response_everything() {
        assert_eq!(judge(&weight(10.0), 90_000.0, 90_000.0, 2_000.0).points, 0.0);
        assert_eq!(judge(&weight(10.0), 2_000.0, 90_000.0, 2_000.0).points, 10.0);
        assert_eq!(judge(&weight(10.0), 500.0, 90_000.0, 2_000.0).points, 10.0, "better than the best is full marks");
    }

    #[test]
    fn less_harm_never_scores_less() {
        let mut last = -1.0;
        for cell in (0..=100).rev().map(|k| f64::from(k) * 1_000.0) {
            let points = judge(&weight(10.0), cell, 90_000.0, 2_000.0).points;
            assert!(points >= last, "{cell}: {points} < {last}");
            last = points;
        }
    }

    #[test]
    fn a_line_nobody_could_change_leaves_the_total_unless_the_cell_made_it_worse() {
        assert_eq!(judge(&weight(5.0), 100.0, 100.0, 98.0).status, LineStatus::NotInHands);
        // No response exactly the negligible harm above the best: not full marks for doing nothing.
        assert_eq!(judge(&weight(5.0), 100.0, 100.0, 95.0).status, LineStatus::NotInHands);
        let worse = judge(&weight(5.0), 200.0, 100.0, 98.0);
        assert_eq!((worse.status, worse.points), (LineStatus::Scored, 0.0));
    }

    #[test]
    fn within_the_negligible_harm_of_the_best_response_is_full_marks() {
        assert_eq!(judge(&weight(10.0), 2_009.0, 90_000.0, 2_000.0).points, 10.0);
        assert!(judge(&weight(10.0), 2_011.0, 90_000.0, 2_000.0).points < 10.0);
    }

    #[test]
    fn each_halving_of_harm_is_worth_the_same_well_above_the_floor() {
        // The floor is 800 here (a hundredth of 80,000): 40,000 and 20,000 stand far above it.
        let points = |cell: f64| judge(&weight(1.0), cell, 80_000.0, 1_000.0).points;
        let (half, quarter) = (points(40_000.0), points(20_000.0));
        assert!((2.0 * half - quarter).abs() < 0.15, "{half} then {quarter}");
    }
}
