//! The measures of harm: the minutes each service spends in each condition, kept whole so that they do
//! not depend on how minutes were grouped, turned into patient-hours, arrivals, diversions and
//! scheduled care lost.

use serde::Serialize;

use super::{CareState, ServiceStatus};
use crate::data::scenario::*;

/// Measures of harm, summed over sites and services.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CareMeasures {
    pub service_hours_degraded: f64,
    pub service_hours_down: f64,
    pub critical_service_hours_down: f64,
    /// Inpatient-hours on wards that were down with no downtime procedure, plus emergency arrivals
    /// received by a department that was down with none (one hour each), plus patient-hours in degraded
    /// services (paper among them) at the scenario's `degraded_risk_weight`, or at its improvised risk
    /// weight on paper a service started on its own and the cell had not yet organised.
    pub patient_hours_at_risk: f64,
    /// Inpatient-hours and emergency arrivals in degraded services, unweighted.
    pub patient_hours_degraded: f64,
    /// Of those, the ones on paper a service started on its own and the cell had not yet organised:
    /// they weigh the scenario's improvised risk weight rather than `degraded_risk_weight`.
    pub patient_hours_improvised: f64,
    pub emergency_arrivals_at_risk: f64,
    /// Ambulances sent elsewhere: by a diversion, or by an emergency department closed to all arrivals.
    pub ambulances_diverted: f64,
    /// Every arrival, walk-ins included, sent elsewhere by an emergency department closed to all.
    pub emergency_arrivals_turned_away: f64,
    pub consultations_lost: f64,
    /// Planned operations that could not take place (theatres not up, or operations cancelled).
    pub operations_cancelled: f64,
    pub inpatients: f64,
    /// Treatment plans lost to the wards: for each site, the most it had out of reach at once (plans
    /// printed or photographed are not lost).
    pub treatment_plans_lost: f64,
    /// Treatment plans out of reach, times the hours until the record came back.
    pub treatment_plan_hours_lost: f64,
}

/// Minutes a service spent by status (up, degraded, down), whether ambulances were diverted, and
/// whether the service was closed to all arrivals; and scheduled minutes lost.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServiceCounters {
    /// `minutes[status][diverted][closed]`.
    pub minutes: [[[u64; 2]; 2]; 3],
    /// Scheduled minutes (consultations, planned operations) lost: service not up, or cancelled.
    pub scheduled_lost: u64,
    /// Of the degraded minutes, those held out of down only by improvised paper: `[diverted][closed]`.
    pub improvised: [[u64; 2]; 2],
}

impl ServiceCounters {
    fn sum(&self, status: ServiceStatus, diverted: Option<bool>, closed: Option<bool>) -> u64 {
        let mut total = 0;
        for d in 0..2 {
            for c in 0..2 {
                if diverted.is_none_or(|x| usize::from(x) == d) && closed.is_none_or(|x| usize::from(x) == c) {
                    total += self.minutes[status as usize][d][c];
                }
            }
        }
        total
    }

    /// Minutes closed to all arrivals, whatever the status.
    fn closed(&self) -> u64 {
        [ServiceStatus::Up, ServiceStatus::Degraded, ServiceStatus::Down].iter().map(|&s| self.sum(s, None, Some(true))).sum()
    }

    /// Minutes open while ambulances were diverted, whatever the status.
    fn open_diverted(&self) -> u64 {
        [ServiceStatus::Up, ServiceStatus::Degraded, ServiceStatus::Down].iter().map(|&s| self.sum(s, Some(true), Some(false))).sum()
    }
}

fn hours(minutes: u64) -> f64 {
    minutes as f64 / 60.0
}

impl CareState {
    /// Brings the counters up to `now` at the current statuses.
    pub(super) fn accumulate(&mut self, now: u32) {
        let from = self.last_minute;
        if now <= from {
            return;
        }
        let minutes = u64::from(now - from);
        let scheduled = self.scheduled_minutes_between(from, now);
        for (service, counters) in self.services.iter().zip(self.counters.iter_mut()) {
            let (diverted, closed) = (usize::from(self.diverted), usize::from(service.closed));
            counters.minutes[service.status as usize][diverted][closed] += minutes;
            if service.improvised {
                counters.improvised[diverted][closed] += minutes;
            }
            let cancelled = match service.load {
                PatientLoad::ConsultationsPerWeekday(_) => self.consultations_cancelled,
                PatientLoad::OperationsPerWeekday(_) => self.operations_cancelled,
                _ => false,
            };
            if service.status != ServiceStatus::Up || cancelled {
                counters.scheduled_lost += scheduled;
            }
        }
        let lost: u64 = self.plans_lost_tenths.iter().sum();
        self.plan_minutes_lost_tenths += lost * minutes;
        self.last_minute = now;
    }

    /// Scheduled-care minutes between two minutes from the start.
    fn scheduled_minutes_between(&self, from: u32, to: u32) -> u64 {
        let (from, to) = (i64::from(from), i64::from(to));
        self.scheduled.iter().map(|&(a, b)| (b.min(to) - a.max(from)).max(0) as u64).sum()
    }

    /// The measures of harm up to `now`.
    pub fn measures_at(&self, now: u32, scenario: &Scenario) -> CareMeasures {
        let mut copy = self.clone();
        copy.accumulate(now);
        let mut measures = CareMeasures {
            inpatients: self.inpatients.iter().sum(),
            treatment_plans_lost: self.plans_lost,
            treatment_plan_hours_lost: copy.plan_minutes_lost_tenths as f64 / 10.0 / 60.0,
            ..CareMeasures::default()
        };
        let Some(care) = &scenario.care else { return measures };
        for (service, counters) in copy.services.iter().zip(&copy.counters) {
            let spec = &care.services[service.spec];
            let down = counters.sum(ServiceStatus::Down, None, None);
            measures.service_hours_degraded += hours(counters.sum(ServiceStatus::Degraded, None, None));
            measures.service_hours_down += hours(down);
            if spec.critical {
                measures.critical_service_hours_down += hours(down);
            }
            self.add_patients(&mut measures, service.site, spec.patients, counters, care);
        }
        measures.patient_hours_at_risk += care.degraded_risk_weight * measures.patient_hours_degraded;
        // Improvised paper is among the degraded hours: it adds what it weighs beyond them.
        measures.patient_hours_at_risk += (care.improvised_risk_weight() - care.degraded_risk_weight) * measures.patient_hours_improvised;
        measures
    }

    /// What a service's patients add to the measures.
    fn add_patients(&self, measures: &mut CareMeasures, site: u32, load: PatientLoad, counters: &ServiceCounters, care: &Care) {
        let day_hours = self.scheduled_hours_per_day.max(1.0 / 60.0);
        match load {
            PatientLoad::Inpatients => {
                let inpatients = self.inpatients[site as usize];
                measures.patient_hours_at_risk += inpatients * hours(counters.sum(ServiceStatus::Down, None, None));
                measures.patient_hours_degraded += inpatients * hours(counters.sum(ServiceStatus::Degraded, None, None));
                measures.patient_hours_improvised += inpatients * hours(counters.improvised.iter().flatten().sum());
            }
            PatientLoad::ArrivalsPerHour(rate) => {
                // Open: arrivals are received, ambulances elsewhere while diverted. Closed: none are.
                let received = |status, diverted| rate * hours(counters.sum(status, Some(diverted), Some(false)));
                let kept = 1.0 - care.ambulance_share;
                let at_risk = received(ServiceStatus::Down, false) + received(ServiceStatus::Down, true) * kept;
                measures.emergency_arrivals_at_risk += at_risk;
                measures.patient_hours_at_risk += at_risk;
                measures.patient_hours_degraded +=
                    received(ServiceStatus::Degraded, false) + received(ServiceStatus::Degraded, true) * kept;
                let improvised = |diverted: bool| rate * hours(counters.improvised[usize::from(diverted)][0]);
                measures.patient_hours_improvised += improvised(false) + improvised(true) * kept;
                let closed = rate * hours(counters.closed());
                measures.emergency_arrivals_turned_away += closed;
                measures.ambulances_diverted += (rate * hours(counters.open_diverted()) + closed) * care.ambulance_share;
            }
            PatientLoad::ConsultationsPerWeekday(per_day) => {
                measures.consultations_lost += per_day * hours(counters.scheduled_lost) / day_hours
            }
            PatientLoad::OperationsPerWeekday(per_day) => {
                measures.operations_cancelled += per_day * hours(counters.scheduled_lost) / day_hours
            }
            PatientLoad::None => {}
        }
    }
}
