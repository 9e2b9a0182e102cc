//! What a decision will do, said before it is taken: the hosts it touches as they stand now, the sites
//! they are at, the care services that need them, and what cannot be undone. The confirmation of an
//! irreversible decision shows it, so that the cell decides knowing what it costs.

use std::collections::BTreeSet;

use bevy::prelude::*;

use crate::data::scenario::{Action, Effect, HostFilter, HostRole};
use crate::i18n::Language;
use crate::sim::care::CareState;
use crate::sim::{Estate, Host, HostName, HostStatus};

/// A decision's consequences, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionPreview {
    /// What it does to the estate and to care, one sentence a line.
    pub does: Vec<String>,
    /// What cannot be undone, when the decision is irreversible.
    pub cannot_undo: Option<String>,
}

/// The hosts a filter selects now, with the running ones counted apart.
struct Touched {
    hosts: Vec<u32>,
    running: usize,
    sites: BTreeSet<u32>,
    roles: Vec<HostRole>,
}

fn touched(world: &World, filter: &HostFilter, with_guests: bool) -> Touched {
    let estate = world.resource::<Estate>();
    let selection = estate.host_selection(filter);
    let mut chosen = vec![false; estate.entities.len()];
    for (i, &entity) in estate.entities.iter().enumerate() {
        if let (Some(host), Some(name)) = (world.get::<Host>(entity), world.get::<HostName>(entity)) {
            chosen[i] = selection.matches(host, &name.0);
        }
    }
    // A hypervisor stopped with the rest of its cluster takes its guests down.
    if with_guests {
        for cluster in &estate.clusters {
            if !cluster.hypervisors.is_empty() && cluster.hypervisors.iter().all(|h| chosen[*h as usize]) {
                for guest in &cluster.guests {
                    chosen[*guest as usize] = true;
                }
            }
        }
    }
    let mut out = Touched { hosts: Vec::new(), running: 0, sites: BTreeSet::new(), roles: Vec::new() };
    for (i, &entity) in estate.entities.iter().enumerate() {
        if !chosen[i] {
            continue;
        }
        if let (Some(host), Some(status)) = (world.get::<Host>(entity), world.get::<HostStatus>(entity)) {
            out.hosts.push(i as u32);
            out.running += usize::from(status.powered);
            out.sites.insert(host.site);
            if !out.roles.contains(&host.role) {
                out.roles.push(host.role);
            }
        }
    }
    out
}

/// The care services, by name and site count, that need a system of these roles or the workstations.
fn services_needing(world: &World, roles: &[HostRole], language: Language) -> Option<String> {
    let estate = world.resource::<Estate>();
    let care = world.resource::<CareState>();
    let specs = estate.scenario.care.as_ref().map(|c| c.services.as_slice()).unwrap_or_default();
    let workstations = roles.contains(&HostRole::Workstation);
    let mut names: Vec<String> = Vec::new();
    for (index, spec) in specs.iter().enumerate() {
        let needs = spec.depends_on.iter().any(|d| roles.contains(&d.role)) || (workstations && spec.needs_workstations);
        let sites = care.services.iter().filter(|s| s.spec == index).count();
        if needs && sites > 0 {
            names.push(language.trf("preview-service-at-sites", &[("service", &spec.name), ("sites", &sites)]));
        }
    }
    (!names.is_empty()).then(|| names.join(", "))
}

fn site_names(world: &World, sites: &BTreeSet<u32>) -> String {
    let estate = world.resource::<Estate>();
    let names: Vec<&str> =
        sites.iter().filter_map(|s| estate.scenario.sites.get(*s as usize)).map(|s| crate::words::short_site_name(&s.name)).collect();
    names.join(", ")
}

/// What the decision will do as things stand now.
pub fn preview(world: &World, action: &Action, language: Language) -> DecisionPreview {
    let mut does = Vec::new();
    let (filter, key, with_guests) = match &action.effect {
        Effect::PowerOff(f) => (Some(f), "preview-power-off", true),
        Effect::PowerOn(f) => (Some(f), "preview-power-on", false),
        Effect::Reimage(f) => (Some(f), "preview-reimage", false),
        Effect::RestoreFromBackup(f) => (Some(f), "preview-restore", false),
        Effect::EdrContain(f) => (Some(f), "preview-contain", false),
        _ => (None, "", false),
    };
    if let Some(filter) = filter {
        let hosts = touched(world, filter, with_guests);
        let count = if matches!(action.effect, Effect::PowerOff(_) | Effect::EdrContain(_)) { hosts.running } else { hosts.hosts.len() };
        does.push(language.trf(
            key,
            &[
                ("hosts", &count),
                ("chosen", &hosts.hosts.len()),
                ("sites", &hosts.sites.len()),
                ("names", &site_names(world, &hosts.sites)),
            ],
        ));
        if matches!(action.effect, Effect::PowerOff(_) | Effect::EdrContain(_) | Effect::Reimage(_))
            && let Some(services) = services_needing(world, &hosts.roles, language)
        {
            does.push(language.trf("preview-services", &[("services", &services)]));
        }
    }
    let cannot_undo = action.irreversible.then(|| {
        language
            .tr(match action.effect {
                Effect::PowerOff(_) => "irreversible-power-off",
                Effect::Reimage(_) => "irreversible-reimage",
                Effect::RestoreFromBackup(_) => "irreversible-restore",
                Effect::Notify(_) => "irreversible-notify",
                _ => "cannot-be-undone",
            })
            .to_string()
    });
    DecisionPreview { does, cannot_undo }
}
