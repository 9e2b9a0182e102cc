//! Checking what care depends on: the sites whose data a server holds, the servers it needs, and the
//! care constants a hospital may set (the workstation threshold, scheduled hours, wards' own downtime).

use super::{EstateIds, Findings, is_hhmm, list_of};
use crate::data::locate::FieldPath;
use crate::data::scenario::{Effect, Scenario};

/// Every check of the care model's fields.
pub(super) fn care_model(f: &mut Findings, s: &Scenario, estate: &EstateIds) {
    let root = FieldPath::root();
    let servers = s.servers.iter().enumerate().map(|(i, x)| (root.field("servers").index(i), &x.serves));
    let groups = s.host_groups.iter().enumerate().map(|(i, x)| (root.field("host_groups").index(i), &x.serves));
    for (path, serves) in servers.chain(groups) {
        for (j, site) in serves.iter().enumerate() {
            if !estate.sites.contains(site.as_str()) {
                f.push(path.field("serves").index(j), format!("one of the sites ({}), found \"{site}\"", list_of(&estate.sites)));
            }
        }
    }
    for (i, server) in s.servers.iter().enumerate() {
        for (j, name) in server.needs.iter().enumerate() {
            let here = root.field("servers").index(i).field("needs").index(j);
            if name == &server.name {
                f.push(here, "another server: a server cannot need itself");
            } else if !estate.servers.contains(name.as_str()) {
                f.push(here, format!("the name of one of the servers, found \"{name}\""));
            }
        }
    }
    for (i, action) in s.actions.iter().enumerate() {
        if let Effect::CloseEmergencyDepartments(filter) | Effect::ReopenEmergencyDepartments(filter) = &action.effect
            && let Some(site) = &filter.site
            && !estate.sites.contains(site.as_str())
        {
            let here = root.field("actions").index(i).field("effect").field("site");
            f.push(here, format!("one of the sites ({}), found \"{site}\"", list_of(&estate.sites)));
        }
    }
    constants(f, s);
}

/// The care constants: a threshold that is a share, hours that are times, a probability, a delay and
/// the weight of improvised paper.
fn constants(f: &mut Findings, s: &Scenario) {
    let Some(care) = &s.care else { return };
    let path = FieldPath::root().field("care");
    f.probability(path.field("workstation_threshold"), care.workstation_threshold);
    let hours = path.field("scheduled_hours");
    for (field, text) in [("from", &care.scheduled_hours.from), ("to", &care.scheduled_hours.to)] {
        if !is_hhmm(text) {
            f.push(hours.field(field), format!("a local time such as \"08:00\", found \"{text}\""));
        }
    }
    if let Some(unprompted) = &care.unprompted_downtime {
        let here = path.field("unprompted_downtime");
        f.probability(here.field("probability"), unprompted.probability);
        f.dist(here.field("after"), &unprompted.after);
        // Against a valid degraded_risk_weight only: an invalid one is reported at its own place.
        let organised = care.degraded_risk_weight;
        if let Some(weight) = unprompted.risk_weight
            && (0.0..=1.0).contains(&organised)
            && !(organised..=1.0).contains(&weight)
        {
            let message = format!(
                "a weight from degraded_risk_weight ({organised}) to 1 (improvised paper is no safer than the organised procedure and no worse than none), found {weight}"
            );
            f.push(here.field("risk_weight"), message);
        }
    }
}
