//! What of the template survives on the new estate. The template's attacker, people, care, injects and
//! plan are kept, but some of them name its own sites, segments, groups, servers and links: each such
//! reference is carried over where its meaning survives (the template's hub becomes the new hub, a
//! named server the new server of the same role) and left out, with the reason, where it does not.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::data::locate::{FieldPath, Outline};
use crate::data::playbook::{EventRef, When};
use crate::data::scenario::{
    Effect, Foothold, HostFilter, HostRole, InjectTrigger, NamedServer, ReachRule, Requirement, Scenario, SegmentKind, SegmentSelector,
    SiteKind, SiteSelector,
};
use crate::import::ron_edit::{Edit, remove_item, ron_line};

use super::estate::Estate;

/// What is carried over: the edits to the template's text, and notes of what was rewritten or left out
/// and why, in the order the template has them.
pub struct CarriedOver {
    pub edits: Vec<Edit>,
    pub notes: Vec<String>,
    /// The template's reachability rules that keep their meaning, when some were changed or left out.
    pub reachability: Option<Vec<ReachRule>>,
}

/// Carries the template's references to its own estate over to the new one.
pub fn carry_over(template_text: &str, template: &Scenario, estate: &Estate) -> Result<CarriedOver, String> {
    let mut carrier = Carrier {
        text: template_text,
        outline: Outline::new(template_text),
        template,
        estate,
        map: TemplateMap::new(template, estate),
        carried: CarriedOver { edits: Vec::new(), notes: Vec::new(), reachability: None },
    };
    let (kept_rules, rules_notes) = kept_reachability(template, &carrier.map);
    carrier.carried.notes.extend(rules_notes);
    carrier.carried.reachability = kept_rules;
    let dropped = carrier.actions()?;
    carrier.footholds()?;
    carrier.access_links()?;
    carrier.care_services()?;
    carrier.injects(&dropped)?;
    Ok(carrier.carried)
}

/// How the template's own places and servers map onto the new estate.
struct TemplateMap<'a> {
    new_sites: BTreeSet<&'a str>,
    template_hub: &'a str,
    hub: &'a str,
    template_server_role: HashMap<&'a str, HostRole>,
    server_names: BTreeSet<&'a str>,
    servers: &'a [NamedServer],
}

impl<'a> TemplateMap<'a> {
    fn new(template: &'a Scenario, estate: &'a Estate) -> Self {
        TemplateMap {
            new_sites: estate.sites.iter().map(|s| s.id.as_str()).collect(),
            template_hub: &estate.hub.template_id,
            hub: &estate.hub.id,
            template_server_role: template.servers.iter().map(|s| (s.name.as_str(), s.role)).collect(),
            server_names: estate.servers.iter().map(|s| s.name.as_str()).collect(),
            servers: &estate.servers,
        }
    }

    /// A site of the new estate by its id, and the template's hub as the new hub.
    fn site(&self, id: &str) -> Option<String> {
        if self.new_sites.contains(id) {
            Some(id.to_string())
        } else if id == self.template_hub {
            Some(self.hub.to_string())
        } else {
            None
        }
    }

    /// A named server of the template becomes the first server of the same role, for the roles a
    /// hospital has one or few of; a generic application server has no counterpart.
    fn server(&self, name: &str) -> Option<String> {
        if self.server_names.contains(name) {
            return Some(name.to_string());
        }
        let role = *self.template_server_role.get(name)?;
        if role == HostRole::ApplicationServer {
            return None;
        }
        self.servers.iter().find(|s| s.role == role).map(|s| s.name.clone())
    }

    fn filter(&self, filter: &HostFilter) -> Result<HostFilter, String> {
        let mut mapped = filter.clone();
        if let Some(site) = &filter.site {
            mapped.site = Some(self.site(site).ok_or(format!("it works on the template's site \"{site}\""))?);
        }
        if let Some(segment) = &filter.segment {
            return Err(format!("it works on the template's segment \"{segment}\""));
        }
        if let Some(group) = &filter.group {
            return Err(format!("it works on the template's host group \"{group}\""));
        }
        if let Some(name) = &filter.name {
            let new = self.server(name).ok_or(format!("it works on the template's server \"{name}\", which has no counterpart"))?;
            if &new != name {
                mapped.name = Some(new);
            }
        }
        Ok(mapped)
    }

    fn selector(&self, selector: &SegmentSelector) -> Result<SegmentSelector, String> {
        match selector {
            SegmentSelector::All | SegmentSelector::Kind(_) => Ok(selector.clone()),
            SegmentSelector::Segment(id) => Err(format!("it names the template's segment \"{id}\"")),
            SegmentSelector::Site(id) => self.site(id).map(SegmentSelector::Site).ok_or(format!("it names the template's site \"{id}\"")),
            SegmentSelector::KindAt(kind, id) => {
                self.site(id).map(|s| SegmentSelector::KindAt(*kind, s)).ok_or(format!("it names the template's site \"{id}\""))
            }
        }
    }

    /// An action's effect on the new estate, or why it has none.
    fn effect(&self, effect: &Effect, new_link_ids: &BTreeSet<&str>) -> Result<Effect, String> {
        match effect {
            Effect::PowerOff(f) => self.filter(f).map(Effect::PowerOff),
            Effect::PowerOn(f) => self.filter(f).map(Effect::PowerOn),
            Effect::Reimage(f) => self.filter(f).map(Effect::Reimage),
            Effect::RestoreFromBackup(f) => self.filter(f).map(Effect::RestoreFromBackup),
            Effect::IsolateSegments(s) => self.selector(s).map(Effect::IsolateSegments),
            Effect::ReconnectSegments(s) => self.selector(s).map(Effect::ReconnectSegments),
            Effect::CutLink(id) | Effect::ReconnectLink(id) if !new_link_ids.contains(id.as_str()) => {
                Err(format!("it names the template's link \"{id}\""))
            }
            Effect::ActivateDowntime(filter) => match &filter.site {
                Some(site) => self
                    .site(site)
                    .map(|s| {
                        let mut f = filter.clone();
                        f.site = Some(s);
                        Effect::ActivateDowntime(f)
                    })
                    .ok_or(format!("it names the template's site \"{site}\"")),
                None => Ok(effect.clone()),
            },
            other => Ok(other.clone()),
        }
    }
}

/// The reachability rules that do not name the template's own places (`None` when every rule is kept
/// as it was), and a note for each left out.
fn kept_reachability(template: &Scenario, map: &TemplateMap) -> (Option<Vec<ReachRule>>, Vec<String>) {
    let mut kept: Vec<ReachRule> = Vec::new();
    let mut notes = Vec::new();
    let mut changed = false;
    for rule in &template.reachability {
        match (map.selector(&rule.from), map.selector(&rule.to)) {
            (Ok(from), Ok(to)) => {
                changed |= from != rule.from || to != rule.to;
                kept.push(ReachRule { from, to, ..rule.clone() });
            }
            (Err(why), _) | (_, Err(why)) => {
                changed = true;
                notes.push(format!("left out a reachability rule: {why}"));
            }
        }
    }
    (changed.then_some(kept), notes)
}

/// The template's actions left out, with why (those that require a left-out action go with it), and
/// the effects of those rewritten, by the action's place in the catalog.
fn action_fates(template: &Scenario, map: &TemplateMap, estate: &Estate) -> (BTreeMap<String, String>, BTreeMap<usize, Effect>) {
    let mut dropped: BTreeMap<String, String> = BTreeMap::new();
    let mut rewritten: BTreeMap<usize, Effect> = BTreeMap::new();
    let new_link_ids: BTreeSet<&str> = estate.links.iter().map(|l| l.id.as_str()).collect();
    for (i, action) in template.actions.iter().enumerate() {
        match map.effect(&action.effect, &new_link_ids) {
            Ok(effect) if effect != action.effect => {
                rewritten.insert(i, effect);
            }
            Ok(_) => {}
            Err(why) => {
                dropped.insert(action.id.clone(), why);
            }
        }
    }
    loop {
        let before = dropped.len();
        for action in &template.actions {
            if dropped.contains_key(&action.id) {
                continue;
            }
            if let Some(Requirement::Done(needed)) =
                action.requires.iter().find(|r| matches!(r, Requirement::Done(id) if dropped.contains_key(id)))
            {
                dropped.insert(action.id.clone(), format!("it requires \"{needed}\", which was left out"));
            }
        }
        if dropped.len() == before {
            break;
        }
    }
    (dropped, rewritten)
}

/// Where the attacker stands on the new estate: the same number of hosts (ASSUMPTION), on the hub's
/// administration workstations (else the largest group of workstations), or on a server of the same
/// role; and a note for each foothold moved.
fn moved_footholds(template: &Scenario, map: &TemplateMap, estate: &Estate) -> (Vec<Foothold>, Vec<String>) {
    let mut footholds: Vec<Foothold> = Vec::new();
    let mut notes = Vec::new();
    let workstation_groups = || estate.host_groups.iter().filter(|g| g.role == HostRole::Workstation);
    let admin_group = workstation_groups()
        .find(|g| {
            estate
                .segments
                .iter()
                .any(|s| s.id == g.segment && s.kind == SegmentKind::AdministrationWorkstations && s.site == estate.hub.id)
        })
        .or_else(|| workstation_groups().max_by_key(|g| g.count));
    for foothold in &template.attacker.footholds {
        match foothold {
            Foothold::Group { group, count } => {
                if let Some(g) = admin_group {
                    footholds.push(Foothold::Group { group: g.id.clone(), count: (*count).min(g.count) });
                    notes.push(format!(
                        "the attacker's foothold on {count} hosts of \"{group}\" is now on {} hosts of \"{}\" (ASSUMPTION)",
                        (*count).min(g.count),
                        g.id
                    ));
                } else if let Some(server) = estate.servers.first() {
                    footholds.push(Foothold::Host(server.name.clone()));
                    notes.push(format!(
                        "the attacker's foothold on \"{group}\" is now on the server {} (ASSUMPTION: no workstations)",
                        server.name
                    ));
                }
            }
            Foothold::Host(name) => {
                let role = map.template_server_role.get(name.as_str()).copied();
                let servers = &estate.servers;
                let target = map
                    .server(name)
                    .or_else(|| role.and_then(|r| servers.iter().find(|s| s.role == r)).map(|s| s.name.clone()))
                    .or_else(|| servers.iter().find(|s| s.role == HostRole::FileServer).map(|s| s.name.clone()))
                    .or_else(|| servers.first().map(|s| s.name.clone()));
                if let Some(target) = target {
                    if &target != name {
                        notes.push(format!("the attacker's foothold on {name} is now on {target} (ASSUMPTION: a server of the same role)"));
                    }
                    footholds.push(Foothold::Host(target));
                }
            }
        }
    }
    (footholds, notes)
}

/// A care service's sites on the new estate: the same sites where they map; else the kind most of
/// the template's sites were, if this estate has sites of that kind; else every site.
fn service_sites(template: &Scenario, map: &TemplateMap, estate: &Estate, ids: &[String]) -> SiteSelector {
    let mapped: Vec<String> = ids.iter().filter_map(|id| map.site(id)).collect::<BTreeSet<_>>().into_iter().collect();
    if mapped.len() == ids.len() {
        return SiteSelector::Sites(mapped);
    }
    let listed: Vec<SiteKind> = ids.iter().filter_map(|id| template.sites.iter().find(|s| &s.id == id)).map(|s| s.kind).collect();
    let kind = listed.iter().copied().max_by_key(|k| (listed.iter().filter(|x| *x == k).count(), std::cmp::Reverse(*k as u8)));
    match kind {
        Some(kind) if estate.sites.iter().any(|s| s.kind == kind) => SiteSelector::Kind(kind),
        _ => SiteSelector::All,
    }
}

/// Makes the edits to the template's text, in the order of its sections.
struct Carrier<'a> {
    text: &'a str,
    outline: Outline<'a>,
    template: &'a Scenario,
    estate: &'a Estate,
    map: TemplateMap<'a>,
    carried: CarriedOver,
}

impl Carrier<'_> {
    /// The text of a value of the template, to be replaced.
    fn node(&self, path: &FieldPath, what: &str) -> Result<(usize, usize), String> {
        self.outline.at(path).map(|node| (node.start, node.end)).ok_or(format!("{what} could not be located"))
    }

    fn replace(&mut self, (start, end): (usize, usize), text: String) {
        self.carried.edits.push(Edit { start, end, text });
    }

    /// Actions: carried over, rewritten, or left out (with those that require them); returns those
    /// left out, with why.
    fn actions(&mut self) -> Result<BTreeMap<String, String>, String> {
        let template = self.template;
        let (dropped, rewritten) = action_fates(template, &self.map, self.estate);
        for (i, action) in template.actions.iter().enumerate() {
            let path = FieldPath::root().field("actions").index(i);
            if let Some(why) = dropped.get(&action.id) {
                let node = self.outline.at(&path).ok_or("the template's actions could not be located")?;
                let comment = format!("import-inventory left out the action \"{}\": {why}", action.id);
                self.carried.edits.push(remove_item(self.text, node, &comment));
                self.carried.notes.push(format!("left out the action \"{}\": {why}", action.id));
            } else if let Some(effect) = rewritten.get(&i) {
                let node = self.node(&path.field("effect"), "an action's effect")?;
                self.replace(node, ron_line(effect)?);
                self.carried.notes.push(format!("the action \"{}\" now works on {}", action.id, describe_effect(effect)));
            }
        }
        Ok(dropped)
    }

    /// Footholds: the same number of hosts in this estate (ASSUMPTION).
    fn footholds(&mut self) -> Result<(), String> {
        let (footholds, notes) = moved_footholds(self.template, &self.map, self.estate);
        self.carried.notes.extend(notes);
        if footholds.is_empty() {
            return Err("the inventory has no host the attacker could stand on at the start".to_string());
        }
        let node = self.node(&FieldPath::root().field("attacker").field("footholds"), "the template's attacker footholds")?;
        let text = format!("[{}]", footholds.iter().map(ron_line).collect::<Result<Vec<_>, _>>()?.join(", "));
        self.replace(node, text);
        Ok(())
    }

    /// Access links: those that named the template's WAN links are left out.
    fn access_links(&mut self) -> Result<(), String> {
        let new_link_ids: BTreeSet<&str> = self.estate.links.iter().map(|l| l.id.as_str()).collect();
        let template_access = &self.template.attacker.access_links;
        let access: Vec<String> = template_access.iter().filter(|l| new_link_ids.contains(l.as_str())).cloned().collect();
        if access.len() != template_access.len() {
            let node = self.node(&FieldPath::root().field("attacker").field("access_links"), "the template's access links")?;
            self.replace(node, ron_line(&access)?);
            self.carried.notes.push("the attacker's access links that named the template's WAN links were left out".to_string());
        }
        Ok(())
    }

    /// Care services at the template's named sites.
    fn care_services(&mut self) -> Result<(), String> {
        let template = self.template;
        let Some(care) = &template.care else {
            return Ok(());
        };
        for (i, service) in care.services.iter().enumerate() {
            let SiteSelector::Sites(ids) = &service.sites else { continue };
            let selector = service_sites(template, &self.map, self.estate, ids);
            if selector != service.sites {
                let path = FieldPath::root().field("care").field("services").index(i).field("sites");
                let node = self.node(&path, "a care service's sites")?;
                self.carried.notes.push(format!(
                    "the service \"{}\" is now at {} (ASSUMPTION: the template named its own sites)",
                    service.name,
                    ron_line(&selector)?
                ));
                self.replace(node, ron_line(&selector)?);
            }
        }
        Ok(())
    }

    /// Injects that wait on a left-out action are left out with it.
    fn injects(&mut self, dropped: &BTreeMap<String, String>) -> Result<(), String> {
        let template = self.template;
        for (i, inject) in template.injects.iter().enumerate() {
            if let InjectTrigger::At(When::After { event: EventRef::ActionDone(id), .. }) = &inject.trigger
                && dropped.contains_key(id)
            {
                let node =
                    self.outline.at(&FieldPath::root().field("injects").index(i)).ok_or("the template's injects could not be located")?;
                let comment = format!("import-inventory left out the inject \"{}\": it follows \"{id}\"", inject.id);
                self.carried.edits.push(remove_item(self.text, node, &comment));
                self.carried.notes.push(format!("left out the inject \"{}\": it follows the left-out action \"{id}\"", inject.id));
            }
        }
        if !template.injects.is_empty() {
            self.carried
                .notes
                .push("the injects' texts are the template's: rewrite the places and names they mention for this hospital".to_string());
        }
        Ok(())
    }
}

/// What a rewritten effect now works on, for a note.
fn describe_effect(effect: &Effect) -> String {
    match effect {
        Effect::PowerOff(f) | Effect::PowerOn(f) | Effect::Reimage(f) | Effect::RestoreFromBackup(f) => {
            let mut parts = Vec::new();
            if let Some(name) = &f.name {
                parts.push(format!("the server {name}"));
            }
            if let Some(site) = &f.site {
                parts.push(format!("the site {site}"));
            }
            if parts.is_empty() { "the same hosts".to_string() } else { parts.join(" at ") }
        }
        other => ron_line(other).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::estate::plan_estate;
    use super::super::estate::tests::{hosts, vivalia};
    use super::*;

    #[test]
    fn an_action_on_a_server_with_a_counterpart_is_rewritten_and_one_without_is_left_out_with_why() {
        let template = vivalia();
        let estate = plan_estate(&hosts(), &template);
        let map = TemplateMap::new(&template, &estate);
        let (dropped, rewritten) = action_fates(&template, &map, &estate);
        assert_eq!(
            dropped.get("restore-sterilisation").map(String::as_str),
            Some("it works on the template's server \"VIV-STE01\", which has no counterpart"),
            "a generic application server has no counterpart"
        );
        let shutdown = template.actions.iter().position(|a| a.id == "shutdown-backup-server").unwrap_or_else(|| panic!("the action"));
        assert_eq!(
            rewritten.get(&shutdown),
            Some(&Effect::PowerOff(HostFilter { name: Some("SL-BCK01".to_string()), ..HostFilter::default() })),
            "the backup server becomes the inventory's backup server"
        );
    }

    #[test]
    fn footholds_move_to_alike_hosts_of_the_new_estate() {
        let template = vivalia();
        let estate = plan_estate(&hosts(), &template);
        let (footholds, notes) = moved_footholds(&template, &TemplateMap::new(&template, &estate), &estate);
        let written: Vec<String> = footholds.iter().map(|f| ron_line(f).unwrap_or_default()).collect();
        assert_eq!(written, vec!["Group(group:\"hopital-saint-luc-workstations\",count:2)", "Host(\"SL-DC01\")"]);
        assert_eq!(notes.len(), 2, "each foothold moved is said: {notes:?}");
    }
}
