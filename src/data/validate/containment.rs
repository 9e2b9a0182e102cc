//! Checking the containment levers of a scenario: the hypervisors virtual machines run on, the consoles
//! and links actions need, and the segments and hosts the levers act on.

use super::{EstateIds, Findings, host_filter, list_of, selector};
use crate::data::locate::FieldPath;
use crate::data::scenario::{Effect, HostRole, Requirement, Scenario};

/// Every containment check of a scenario.
pub(super) fn containment(f: &mut Findings, s: &Scenario, estate: &EstateIds) {
    hypervisors(f, s);
    for (i, action) in s.actions.iter().enumerate() {
        let path = FieldPath::root().field("actions").index(i);
        for (j, requirement) in action.requires.iter().enumerate() {
            let here = path.field("requires").index(j);
            match requirement {
                Requirement::ServerRunning(name) if !estate.servers.contains(name.as_str()) => {
                    f.push(here, format!("the name of one of the servers (a console), found \"{name}\""))
                }
                Requirement::LinkUp(id) if !estate.links.contains(id.as_str()) => {
                    f.push(here, format!("one of the links ({}), found \"{id}\"", list_of(&estate.links)))
                }
                _ => {}
            }
        }
        let effect = path.field("effect");
        match &action.effect {
            Effect::ShutSwitchPorts(chosen) => selector(f, effect, chosen, &estate.sites, &estate.segments),
            Effect::EdrContain(filter) | Effect::LiftContainment(filter) => host_filter(f, effect, filter, estate, s),
            _ => {}
        }
    }
}

/// Each `runs_on` names named servers or host groups of role `Hypervisor`, and no hypervisor runs on one.
fn hypervisors(f: &mut Findings, s: &Scenario) {
    let is_hypervisor = |name: &str| {
        s.servers.iter().any(|x| x.name == name && x.role == HostRole::Hypervisor)
            || s.host_groups.iter().any(|g| g.id == name && g.role == HostRole::Hypervisor)
    };
    let root = FieldPath::root();
    let hosts = s.servers.iter().enumerate().map(|(i, x)| (root.field("servers").index(i), x.role, &x.runs_on));
    let groups = s.host_groups.iter().enumerate().map(|(i, x)| (root.field("host_groups").index(i), x.role, &x.runs_on));
    for (path, role, runs_on) in hosts.chain(groups) {
        if role == HostRole::Hypervisor && !runs_on.is_empty() {
            f.push(path.field("runs_on"), "nothing for a hypervisor: hypervisors do not run on other hypervisors here");
            continue;
        }
        for (j, name) in runs_on.iter().enumerate() {
            if !is_hypervisor(name) {
                f.push(path.field("runs_on").index(j), format!("a named server or host group of role Hypervisor, found \"{name}\""));
            }
        }
    }
}
