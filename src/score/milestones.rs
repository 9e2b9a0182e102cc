//! Each milestone of a plan against the visible events of a run: on time, anticipated, late, missed,
//! not yet due when the run ended, or not applicable (its reference event never happened).

use serde::Serialize;

use crate::data::plan::{Milestone, Plan};
use crate::data::playbook::EventRef;
use crate::sim::ObservedLog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    OnTime,
    /// Met before its reference event: on time where the plan allows it, worth nothing where not.
    Anticipated,
    Late,
    Missed,
    /// Not met, and its deadline falls after the minute the run is scored to: the scenario's whole
    /// span for a run, the minute the facilitator ended it for an exercise. It leaves the total.
    NotDue,
    /// Its reference event never happened (an attack never confirmed): it leaves the total.
    NotApplicable,
}

impl MilestoneStatus {
    /// Whether the milestone counts in the total.
    pub fn counts(self) -> bool {
        !matches!(self, MilestoneStatus::NotDue | MilestoneStatus::NotApplicable)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MilestoneResult {
    pub id: String,
    pub name: String,
    /// The reference event, as the plan names it.
    pub reference: String,
    /// The minute of the run at which the reference event happened.
    pub reference_minute: Option<u32>,
    pub target_minutes: u32,
    /// Minutes from the reference event to the milestone being met; null if missed or anticipated.
    pub achieved_minutes: Option<u32>,
    /// Minute of the run at which it was met.
    pub achieved_at_minute: Option<u32>,
    /// Minutes before its reference event that it was met, when anticipated.
    pub anticipated_by_minutes: Option<u32>,
    /// Whether the plan counts an anticipated milestone as on time.
    pub may_anticipate: bool,
    pub status: MilestoneStatus,
    pub late_by_minutes: Option<u32>,
    pub source: String,
    pub year: u16,
    pub points: f64,
    pub max_points: f64,
}

/// An event as the plan names it, for the record.
pub fn event_label(event: &EventRef) -> String {
    match event {
        EventRef::Start => "start".into(),
        EventRef::FirstAlert => "first_alert".into(),
        EventRef::Alert(id) => format!("alert:{id}"),
        EventRef::Confirmed => "confirmed".into(),
        EventRef::Started(id) => format!("started:{id}"),
        EventRef::Done(id) => format!("done:{id}"),
        EventRef::Inject(id) => format!("inject:{id}"),
        EventRef::ActionDone(id) => format!("action_done:{id}"),
        EventRef::Called(id) => format!("called:{id}"),
        EventRef::RoleActed(id) => format!("role_acted:{id}"),
        EventRef::Reached(id) => format!("reached:{id}"),
    }
}

/// The minute a milestone was met, if it was: the first of its events, or the last when it needs all.
pub fn achieved_at(log: &ObservedLog, milestone: &Milestone) -> Option<u32> {
    let times = milestone.achieved_by.events().iter().map(|e| log.time_of(e)).collect::<Vec<_>>();
    if milestone.achieved_by.needs_all() {
        times.into_iter().collect::<Option<Vec<u32>>>().and_then(|t| t.into_iter().max())
    } else {
        times.into_iter().flatten().min()
    }
}

/// Each milestone of the plan, against the visible events of a run; a milestone not met whose
/// deadline is `until` or later is not yet due.
pub fn milestones(log: &ObservedLog, plan: &Plan, until: u32) -> Vec<MilestoneResult> {
    let total_weight: f64 = plan.milestones.iter().map(|m| m.weight).sum::<f64>().max(f64::MIN_POSITIVE);
    plan.milestones.iter().map(|m| judge(log, plan, m, plan.score.timing_points * m.weight / total_weight, until)).collect()
}

fn judge(log: &ObservedLog, plan: &Plan, m: &Milestone, max_points: f64, until: u32) -> MilestoneResult {
    let reference = log.time_of(&m.reference);
    let at = achieved_at(log, m);
    let mut result = MilestoneResult {
        id: m.id.clone(),
        name: m.name.clone(),
        reference: event_label(&m.reference),
        reference_minute: reference,
        target_minutes: m.target_minutes,
        achieved_minutes: None,
        achieved_at_minute: at,
        anticipated_by_minutes: None,
        may_anticipate: m.may_anticipate,
        status: MilestoneStatus::Missed,
        late_by_minutes: None,
        source: m.source.clone(),
        year: m.year,
        points: 0.0,
        max_points: round2(max_points),
    };
    let Some(reference) = reference else {
        result.status = MilestoneStatus::NotApplicable;
        return result;
    };
    match at {
        Some(at) if at < reference => {
            result.status = MilestoneStatus::Anticipated;
            result.anticipated_by_minutes = Some(reference - at);
            result.points = if m.may_anticipate { result.max_points } else { 0.0 };
        }
        Some(at) => {
            let achieved = at - reference;
            result.achieved_minutes = Some(achieved);
            if achieved <= m.target_minutes {
                result.status = MilestoneStatus::OnTime;
                result.points = result.max_points;
            } else {
                let late = achieved - m.target_minutes;
                let horizon = plan.score.late_until_factor * f64::from(m.target_minutes.max(plan.score.late_floor_minutes).max(1));
                let share = plan.score.late_share * (1.0 - f64::from(late) / horizon).max(0.0);
                result.status = MilestoneStatus::Late;
                result.late_by_minutes = Some(late);
                result.points = round2(max_points * share);
            }
        }
        // A deadline at `until` could still be met on time in the minute the run did not reach.
        None if until <= reference.saturating_add(m.target_minutes) => result.status = MilestoneStatus::NotDue,
        None => {}
    }
    result
}

pub(super) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
