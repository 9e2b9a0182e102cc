//! The best response a scenario allows, computed from its catalog: every useful decision taken the
//! minute the first alert comes, in an order that puts people and containment first, and each starts as
//! soon as the model lets it (its people there and free, its preconditions met). What it cannot meet, a
//! plan cannot ask of this staff; its outcomes are the "full marks" end of the score.

use crate::data::plan::Plan;
use crate::data::playbook::{EventRef, PLAYBOOK_FORMAT, PlannedDecision, Playbook, When};
use crate::data::scenario::{Action, Effect, LinkSelector, Scenario};

/// The name the command line, the start screen and reports know it by.
pub const BEST_RESPONSE: &str = "best-response";

/// The order decisions are taken in: who is free first serves the first decision that needs them.
fn priority(effect: &Effect) -> Option<u8> {
    Some(match effect {
        Effect::CallIn(_) => 0,
        Effect::CutLinks(_) | Effect::CutLink(_) => 1,
        Effect::PowerOff(_) => 2,
        Effect::IsolateSegments(_) | Effect::ShutSwitchPorts(_) | Effect::EdrContain(_) => 3,
        // Diverting ambulances spares arrivals at a department that cannot treat them, at the cost the
        // plan puts on each diversion: the best response pays it, so that no cell beats it by diverting.
        Effect::ActivateDowntime(_) | Effect::SecureTreatmentPlans | Effect::DivertAmbulances => 4,
        Effect::Procedure => 5,
        Effect::Notify(_) => 6,
        Effect::ResetCredentials => 7,
        Effect::RestoreFromBackup(_) | Effect::Reimage(_) => 8,
        // Undoing containment, and cancelling consultations (which only adds to the consultations lost),
        // are choices a computed response cannot weigh: it leaves them to the cell.
        Effect::ReconnectLink(_)
        | Effect::ReconnectLinks(_)
        | Effect::ReconnectSegments(_)
        | Effect::LiftContainment(_)
        | Effect::PowerOn(_)
        | Effect::CancelConsultations
        | Effect::EndDiversion
        | Effect::CloseEmergencyDepartments(_)
        | Effect::ReopenEmergencyDepartments(_)
        | Effect::CancelOperations
        | Effect::ResumeScheduledCare => {
            return None;
        }
    })
}

/// Cutting every link makes the narrower cuts redundant, and they would hold the same engineers.
fn redundant(action: &Action, catalog: &[Action]) -> bool {
    let cuts_all = catalog.iter().any(|a| matches!(a.effect, Effect::CutLinks(LinkSelector::All)));
    cuts_all && matches!(action.effect, Effect::CutLinks(LinkSelector::Kind(_)) | Effect::CutLink(_))
}

/// When a decision is taken: at the first alert, and restoration once the attacker's credentials are
/// reset (restoring onto a domain the attacker still holds would only feed it).
fn when(action: &Action, reset: Option<&str>) -> When {
    let restoring = matches!(action.effect, Effect::RestoreFromBackup(_) | Effect::Reimage(_));
    match (restoring, reset) {
        (true, Some(reset)) => When::After { event: EventRef::ActionDone(reset.to_string()), minutes: 0 },
        _ => When::After { event: EventRef::FirstAlert, minutes: 0 },
    }
}

/// The best response to a scenario, as a playbook.
pub fn best_response(scenario: &Scenario) -> Playbook {
    let mut chosen = chosen(scenario);
    // A stable sort keeps the catalog's own order within each kind of decision.
    chosen.sort_by_key(|(p, _)| *p);
    playbook(scenario, chosen.into_iter().map(|(_, a)| a).collect(), "Best response")
}

/// The best response to a plan: the same decisions, with those a plan's milestones need taken in the
/// order of their deadlines, so that each milestone is met as early as this staff allows. Calls that
/// bring people in and meet no milestone still come first: every later decision needs their people.
pub fn best_response_to_plan(scenario: &Scenario, plan: &Plan) -> Playbook {
    let deadline = |action: &Action| {
        plan.milestones
            .iter()
            .filter(|m| {
                m.achieved_by.events().iter().any(|e| matches!(e, EventRef::ActionDone(id) | EventRef::Reached(id) | EventRef::Done(id) | EventRef::Started(id) if *id == action.id))
            })
            .map(|m| m.target_minutes)
            .min()
    };
    let mut chosen: Vec<((u8, u32, u8), &Action)> = chosen(scenario)
        .into_iter()
        .map(|(p, a)| {
            let key = match (deadline(a), &a.effect) {
                (None, Effect::CallIn(_)) => (0, 0, p),
                (Some(minutes), _) => (1, minutes, p),
                (None, _) => (2, 0, p),
            };
            (key, a)
        })
        .collect();
    chosen.sort_by_key(|(key, _)| *key);
    playbook(scenario, chosen.into_iter().map(|(_, a)| a).collect(), "Best response to the plan")
}

/// The useful decisions of a catalog, with their kind's priority, in catalog order.
fn chosen(scenario: &Scenario) -> Vec<(u8, &Action)> {
    scenario.actions.iter().filter(|a| !redundant(a, &scenario.actions)).filter_map(|a| priority(&a.effect).map(|p| (p, a))).collect()
}

/// The playbook taking these decisions, in this order.
fn playbook(scenario: &Scenario, actions: Vec<&Action>, name: &str) -> Playbook {
    let reset = scenario.actions.iter().find(|a| matches!(a.effect, Effect::ResetCredentials)).map(|a| a.id.as_str());
    let decisions = actions
        .into_iter()
        .map(|action| PlannedDecision { id: action.id.clone(), action: action.id.clone(), at: when(action, reset), note: String::new() })
        .collect();
    Playbook {
        format: PLAYBOOK_FORMAT,
        name: name.into(),
        description:
            "Every useful decision taken at the first alert; each starts as soon as its people are there and its preconditions hold.".into(),
        scenario: "*".into(),
        sources: Vec::new(),
        decisions,
    }
}
