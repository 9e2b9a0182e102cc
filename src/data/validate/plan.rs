//! Checking a plan against the scenario it scores: milestones that name events and actions that exist,
//! and scoring constants that make sense.

use std::collections::HashSet;

use super::{Findings, check_when, language_code, list_of};
use crate::data::locate::FieldPath;
use crate::data::plan::{Achievement, Milestone, PLAN_FORMAT, Plan, ScoreWeights};
use crate::data::playbook::{EventRef, When};
use crate::data::scenario::Scenario;

/// The largest weight of a milestone.
const MAX_WEIGHT: f64 = 1e6;

/// The ids a plan may name.
struct Known<'a> {
    actions: HashSet<&'a str>,
    sources: HashSet<&'a str>,
    injects: HashSet<&'a str>,
}

/// Every problem with a plan, against the scenario it scores.
pub fn plan(p: &Plan, s: &Scenario) -> Findings {
    let mut f = Findings::default();
    let root = FieldPath::root();
    if p.format != PLAN_FORMAT {
        let hint = if p.format == 1 {
            ": format 2 scores outcomes against no response and the best response; replace each outcome's `worst` with `negligible`, and add `late_share: 0.5` and `late_floor_minutes: 30` to `score` (see the guide)"
        } else {
            ""
        };
        f.push(root.field("format"), format!("format {PLAN_FORMAT} (this build reads only that), found {}{hint}", p.format));
    }
    f.unique("milestone", p.milestones.iter().enumerate().map(|(i, m)| (root.field("milestones").index(i).field("id"), m.id.as_str())));
    for (code, t) in &p.translations {
        let path = root.field("translations").field(code);
        language_code(&mut f, &path, code);
        for id in t.milestones.keys() {
            if !p.milestones.iter().any(|m| &m.id == id) {
                f.push(path.field("milestones"), format!("ids of the plan's milestones, found \"{id}\""));
            }
        }
    }
    let known = Known {
        actions: s.actions.iter().map(|a| a.id.as_str()).collect(),
        sources: s.detection.iter().map(|d| d.id.as_str()).collect(),
        injects: s.injects.iter().map(|x| x.id.as_str()).collect(),
    };
    for (i, milestone) in p.milestones.iter().enumerate() {
        milestone_problems(&mut f, root.field("milestones").index(i), milestone, s, &known);
    }
    score_problems(&mut f, root.field("score"), &p.score);
    f
}

fn milestone_problems(f: &mut Findings, path: FieldPath, milestone: &Milestone, s: &Scenario, known: &Known) {
    let event = |f: &mut Findings, at: FieldPath, event: &EventRef| {
        if matches!(event, EventRef::Started(_) | EventRef::Done(_)) {
            f.push(at, "Start, FirstAlert, Alert(..), Confirmed, Inject(..), ActionDone(..), Called(..), RoleActed(..) or Reached(..): a plan cannot name a playbook's decisions");
        } else {
            let when = When::After { event: event.clone(), minutes: 0 };
            check_when(f, at, &when, s, &known.sources, &HashSet::new(), &known.actions, &known.injects, None);
        }
    };
    event(f, path.field("reference"), &milestone.reference);
    let achieved = path.field("achieved_by");
    match &milestone.achieved_by {
        Achievement::AllOf(list) | Achievement::AnyOf(list) => {
            for (j, action) in list.iter().enumerate() {
                if !known.actions.contains(action.as_str()) {
                    f.push(achieved.index(j), format!("one of the scenario's actions ({}), found \"{action}\"", list_of(&known.actions)));
                }
            }
        }
        Achievement::AnyEvent(list) | Achievement::AllEvents(list) => {
            for (j, item) in list.iter().enumerate() {
                event(f, achieved.index(j), item);
            }
        }
    }
    if milestone.achieved_by.events().is_empty() {
        f.push(achieved, "at least one action or event");
    }
    f.non_negative(path.field("weight"), milestone.weight);
    // Weights are relative; a bound keeps their sum finite, so that no score is NaN.
    if milestone.weight.is_finite() && milestone.weight > MAX_WEIGHT {
        f.push(path.field("weight"), format!("at most 1e6 (weights are relative), found {:e}", milestone.weight));
    }
}

fn score_problems(f: &mut Findings, score: FieldPath, weights: &ScoreWeights) {
    f.non_negative(score.field("timing_points"), weights.timing_points);
    if !weights.late_until_factor.is_finite() || weights.late_until_factor < 1.0 {
        f.push(score.field("late_until_factor"), format!("1 or more, found {}", weights.late_until_factor));
    }
    f.probability(score.field("late_share"), weights.late_share);
    let mut seen = HashSet::new();
    for (i, line) in weights.outcomes.iter().enumerate() {
        let path = score.field("outcomes").index(i);
        f.non_negative(path.field("points"), line.points);
        if !line.negligible.is_finite() || line.negligible <= 0.0 {
            f.push(path.field("negligible"), format!("a harm above 0 in the measure's unit, found {}", line.negligible));
        }
        if !seen.insert(line.measure) {
            f.push(path.field("measure"), format!("each measure once, found {:?} again", line.measure));
        }
    }
    let total = weights.timing_points + weights.outcomes.iter().map(|o| o.points).sum::<f64>();
    if (total - 100.0).abs() > 1e-6 {
        f.push(score, format!("points that add up to 100, found {total}"));
    }
}
