//! Checking the attacker of a scenario: where the intruders stand and reach the estate from, the kill
//! chain, and rates, shares and delays that make sense.

use std::collections::HashSet;

use super::{EstateIds, Findings, MAX_SPREAD_PER_HOUR, host_filter, list_of};
use crate::data::locate::FieldPath;
use crate::data::scenario::*;

/// The attacker: where the intruders stand and reach the estate from, the kill chain, and rates,
/// shares and delays that make sense.
pub(super) fn attacker(f: &mut Findings, s: &Scenario, estate: &EstateIds) {
    let path = FieldPath::root().field("attacker");
    let a = &s.attacker;
    footholds(f, s, &estate.groups, &estate.servers);
    for (i, link) in a.access_links.iter().enumerate() {
        if !estate.links.contains(link.as_str()) {
            f.push(path.field("access_links").index(i), format!("one of the links ({}), found \"{link}\"", list_of(&estate.links)));
        }
    }
    kill_chain(f, &a.kill_chain);
    for (i, rate) in a.spread.iter().enumerate() {
        let field = path.field("spread").index(i).field("per_hour");
        f.non_negative(field.clone(), rate.per_hour);
        if rate.per_hour > MAX_SPREAD_PER_HOUR {
            f.push(field, format!("at most {MAX_SPREAD_PER_HOUR} attempts an hour per foothold, found {}", rate.per_hour));
        }
    }
    f.probability(path.field("spread_after_credential_reset"), a.spread_after_credential_reset);
    let exfil = path.field("exfiltration");
    f.non_negative(exfil.field("rate_gb_per_hour"), a.exfiltration.rate_gb_per_hour);
    f.non_negative(exfil.field("total_gb"), a.exfiltration.total_gb);
    f.non_negative(exfil.field("already_gb"), a.exfiltration.already_gb);
    if a.exfiltration.already_gb > a.exfiltration.total_gb {
        f.push(exfil.field("already_gb"), format!("at most total_gb ({}), found {}", a.exfiltration.total_gb, a.exfiltration.already_gb));
    }
    if a.exfiltration.begins_after == Phase::Deployment {
        f.push(exfil.field("begins_after"), "Discovery, CredentialTheft or DomainAdmin: data leaves before the payload");
    }
    let gpo = path.field("group_policy");
    for (field, value, min) in [
        ("member_refresh_minutes", a.group_policy.member_refresh_minutes, 1.0),
        ("member_jitter_minutes", a.group_policy.member_jitter_minutes, 0.0),
        ("controller_refresh_minutes", a.group_policy.controller_refresh_minutes, 1.0),
        ("startup_minutes", a.group_policy.startup_minutes, 0.0),
    ] {
        if !value.is_finite() || value < min || value > 24.0 * 60.0 {
            f.push(gpo.field(field), format!("{min} to 1440 minutes, found {value}"));
        }
    }
    host_filter(f, path.field("payload_targets"), &a.payload_targets, estate, s);
    f.dist(path.field("detonation_delay"), &a.detonation_delay);
    f.dist(path.field("controller_detonation_delay"), &a.controller_detonation_delay);
    f.dist(path.field("encryption_minutes"), &a.encryption_minutes);
    if !a.server_encryption_factor.is_finite() || a.server_encryption_factor <= 0.0 {
        f.push(path.field("server_encryption_factor"), format!("a factor above 0, found {}", a.server_encryption_factor));
    }
}

/// At least one foothold, each on a group (no more hosts than it has) or a server that exists.
fn footholds(f: &mut Findings, s: &Scenario, groups: &HashSet<&str>, servers: &HashSet<&str>) {
    let path = FieldPath::root().field("attacker").field("footholds");
    if s.attacker.footholds.is_empty() {
        f.push(path.clone(), "at least one foothold: where the intruders stand at minute 0");
    }
    for (i, foothold) in s.attacker.footholds.iter().enumerate() {
        let here = path.index(i);
        match foothold {
            Foothold::Group { group, count } => match s.host_groups.iter().find(|g| &g.id == group) {
                None => f.push(here.field("group"), format!("one of the host groups ({}), found \"{group}\"", list_of(groups))),
                Some(g) if *count == 0 || *count > g.count => {
                    f.push(here.field("count"), format!("1 to {} (the size of group \"{group}\"), found {count}", g.count))
                }
                _ => {}
            },
            Foothold::Host(name) if !servers.contains(name.as_str()) => {
                f.push(here, format!("the name of one of the servers, found \"{name}\""))
            }
            _ => {}
        }
    }
}

/// Each phase's duration, and no phase done before the start unless the ones before it are too.
fn kill_chain(f: &mut Findings, kill_chain: &KillChain) {
    let chain = FieldPath::root().field("attacker").field("kill_chain");
    let mut earlier_not_done: Option<&str> = None;
    for phase in Phase::ORDER {
        let spec = kill_chain.phase(phase);
        let name = match phase {
            Phase::Discovery => "discovery",
            Phase::CredentialTheft => "credential_theft",
            Phase::DomainAdmin => "domain_admin",
            Phase::Deployment => "deployment",
        };
        f.dist(chain.field(name).field("duration"), &spec.duration);
        if spec.done_before_start {
            if let Some(earlier) = earlier_not_done {
                f.push(
                    chain.field(name).field("done_before_start"),
                    format!("false, or {earlier} done before start as well: a phase cannot end before the one it follows"),
                );
            }
        } else if earlier_not_done.is_none() {
            earlier_not_done = Some(name);
        }
    }
}
