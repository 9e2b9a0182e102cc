//! Checks of a parsed scenario or playbook that the types alone cannot make: identifiers that are
//! duplicated or refer to nothing, impossible values and absurd sizes. Every problem is collected.

use std::collections::{HashMap, HashSet};

mod attacker;
mod care_model;
mod containment;
mod plan;
mod playbooks;
mod requirements;

use attacker::attacker;
pub use plan::plan;
pub use playbooks::{ANY_SCENARIO, clock_minutes, playbook, playbook_warnings};
use playbooks::{check_when, is_hhmm};

use super::dist::Dist;
use super::locate::FieldPath;
use super::scenario::*;

/// More hosts than this is refused: no hospital group is that large, and a typo should not exhaust memory.
pub const MAX_HOSTS: u64 = 1_000_000;
/// More sites or segments than these is refused: the network's reachability and care's reach are kept
/// per pair of segments and per segment and site, so their memory grows with the square of the counts.
pub const MAX_SITES: usize = 1_000;
pub const MAX_SEGMENTS: usize = 2_000;
/// The longest scenario, in hours (sixty days).
pub const MAX_DURATION_HOURS: u32 = 24 * 60;

/// Problems found, each at the path of the value at fault.
#[derive(Default)]
pub struct Findings(pub Vec<(FieldPath, String)>);

impl Findings {
    fn push(&mut self, path: FieldPath, message: impl Into<String>) {
        self.0.push((path, message.into()));
    }

    fn dist(&mut self, path: FieldPath, dist: &Dist) {
        for (field, message) in dist.problems() {
            let path = if field.is_empty() { path.clone() } else { path.field(field) };
            self.push(path, message);
        }
    }

    fn probability(&mut self, path: FieldPath, p: f64) {
        if !(0.0..=1.0).contains(&p) {
            self.push(path, format!("a probability between 0 and 1, found {p}"));
        }
    }

    fn non_negative(&mut self, path: FieldPath, value: f64) {
        if !value.is_finite() || value < 0.0 {
            self.push(path, format!("a number of 0 or more, found {value}"));
        }
    }

    /// Reports duplicates among `(path, id)` pairs.
    fn unique<'a>(&mut self, what: &str, ids: impl Iterator<Item = (FieldPath, &'a str)>) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (path, id) in ids {
            if id.trim().is_empty() {
                self.push(path, format!("a non-empty {what} id"));
            } else if !seen.insert(id) {
                self.push(path, format!("a unique {what} id, but \"{id}\" is used twice"));
            }
        }
        seen
    }
}

fn known(set: &HashSet<&str>, id: &str) -> bool {
    set.contains(id)
}

fn list_of(set: &HashSet<&str>) -> String {
    let mut ids: Vec<&str> = set.iter().copied().collect();
    ids.sort_unstable();
    if ids.len() > 12 { format!("{} … ({} in all)", ids[..12].join(", "), ids.len()) } else { ids.join(", ") }
}

/// The ids a scenario's estate defines, which the later sections refer to.
struct EstateIds<'a> {
    sites: HashSet<&'a str>,
    segments: HashSet<&'a str>,
    links: HashSet<&'a str>,
    backups: HashSet<&'a str>,
    groups: HashSet<&'a str>,
    servers: HashSet<&'a str>,
}

/// The ids of the people a scenario's actions call on.
struct PeopleIds<'a> {
    roles: HashSet<&'a str>,
    actors: HashSet<&'a str>,
}

/// The most spread attempts an hour per foothold: a worm tries a few a second, and more than this is a
/// typo that would only slow every run down.
const MAX_SPREAD_PER_HOUR: f64 = 10_000.0;

/// The most patients a service counts at one site, by the hour or the weekday: far above any hospital's,
/// and small enough that their hours over sixty days stay finite.
const MAX_PATIENTS: f64 = 100_000.0;

/// The most people of one role on call, or on one shift: far above any hospital's staff.
const MAX_PEOPLE: u32 = 100_000;

/// Every problem with a scenario, section by section; the order is the order problems are reported in.
pub fn scenario(s: &Scenario) -> Findings {
    let mut f = Findings::default();
    meta(&mut f, s);
    // An estate beyond the limits is said once: checking each of its parts against lists of that size
    // would itself take the time and memory the limits are there to spare.
    if too_large(&mut f, s) {
        return f;
    }
    let estate = estate(&mut f, s);
    attacker(&mut f, s, &estate);
    detection(&mut f, s);
    let people = people(&mut f, s);
    care(&mut f, s, &estate.sites);
    let actions = action_staffing(&mut f, s, &estate, &people);
    requirements::requirement_cycles(&mut f, s);
    injects(&mut f, s, &actions);
    action_work(&mut f, s, &estate);
    containment::containment(&mut f, s, &estate);
    care_model::care_model(&mut f, s, &estate);
    translations(&mut f, s);
    f
}

/// The format, and the scenario's identity and clock.
fn meta(f: &mut Findings, s: &Scenario) {
    let root = FieldPath::root();
    if s.format != SCENARIO_FORMAT {
        f.push(root.field("format"), format!("format {SCENARIO_FORMAT} (this build reads only that), found {}", s.format));
    }
    let meta = root.field("meta");
    if s.meta.id.trim().is_empty() {
        f.push(meta.field("id"), "a non-empty scenario id");
    }
    if s.meta.version.trim().is_empty() {
        f.push(meta.field("version"), "a non-empty version");
    }
    let zone = jiff::tz::TimeZone::get(&s.meta.time_zone);
    if zone.is_err() {
        f.push(meta.field("time_zone"), format!("an IANA time zone such as \"Europe/Brussels\", found \"{}\"", s.meta.time_zone));
    }
    if s.meta.start.parse::<jiff::civil::DateTime>().is_err() {
        f.push(meta.field("start"), format!("a local date and time such as \"2022-05-14T01:30\", found \"{}\"", s.meta.start));
    } else if let (Ok(zone), Ok(start)) = (&zone, s.meta.start.parse::<jiff::civil::DateTime>())
        && start.to_zoned(zone.clone()).is_err()
    {
        f.push(meta.field("start"), "a date and time that exists in the time zone");
    }
    if !(1..=60).contains(&s.meta.tick_minutes) {
        f.push(meta.field("tick_minutes"), format!("a tick of 1 to 60 minutes, found {}", s.meta.tick_minutes));
    }
    if !(1..=MAX_DURATION_HOURS).contains(&s.meta.duration_hours) {
        f.push(meta.field("duration_hours"), format!("1 to {MAX_DURATION_HOURS} hours, found {}", s.meta.duration_hours));
    }
}

/// The estate: sites and segments, reachability, links, backups and hosts; returns the ids it defines.
fn estate<'a>(f: &mut Findings, s: &'a Scenario) -> EstateIds<'a> {
    let (sites, segments) = sites_and_segments(f, s);
    for (i, rule) in s.reachability.iter().enumerate() {
        let path = FieldPath::root().field("reachability").index(i);
        selector(f, path.field("from"), &rule.from, &sites, &segments);
        selector(f, path.field("to"), &rule.to, &sites, &segments);
        if rule.protocols.is_empty() {
            f.push(path.field("protocols"), "at least one protocol");
        }
    }
    let links = links(f, s, &sites);
    let servers: HashSet<&str> = s.servers.iter().map(|x| x.name.as_str()).collect();
    let backups = backups(f, s, &servers);
    let mut ids = EstateIds { sites, segments, links, backups, groups: HashSet::new(), servers };
    ids.groups = hosts(f, s, &ids);
    ids
}

/// Whether the estate has more sites or segments than the limits, each said.
fn too_large(f: &mut Findings, s: &Scenario) -> bool {
    let root = FieldPath::root();
    if s.sites.len() > MAX_SITES {
        f.push(root.field("sites"), format!("at most {MAX_SITES} sites, found {}", s.sites.len()));
    }
    if s.segments.len() > MAX_SEGMENTS {
        f.push(root.field("segments"), format!("at most {MAX_SEGMENTS} segments, found {}", s.segments.len()));
    }
    s.sites.len() > MAX_SITES || s.segments.len() > MAX_SEGMENTS
}

/// Sites, and segments each at a site; returns their ids.
fn sites_and_segments<'a>(f: &mut Findings, s: &'a Scenario) -> (HashSet<&'a str>, HashSet<&'a str>) {
    let root = FieldPath::root();
    let sites = f.unique("site", s.sites.iter().enumerate().map(|(i, x)| (root.field("sites").index(i).field("id"), x.id.as_str())));
    if s.sites.is_empty() {
        f.push(root.field("sites"), "at least one site");
    }

    let segments =
        f.unique("segment", s.segments.iter().enumerate().map(|(i, x)| (root.field("segments").index(i).field("id"), x.id.as_str())));
    for (i, segment) in s.segments.iter().enumerate() {
        if !known(&sites, &segment.site) {
            f.push(
                root.field("segments").index(i).field("site"),
                format!("one of the sites ({}), found \"{}\"", list_of(&sites), segment.site),
            );
        }
    }
    (sites, segments)
}

/// A segment selector names segments and sites that exist.
fn selector(f: &mut Findings, path: FieldPath, selector: &SegmentSelector, sites: &HashSet<&str>, segments: &HashSet<&str>) {
    match selector {
        SegmentSelector::Segment(id) if !known(segments, id) => {
            f.push(path, format!("one of the segments ({}), found \"{id}\"", list_of(segments)))
        }
        SegmentSelector::Site(id) | SegmentSelector::KindAt(_, id) if !known(sites, id) => {
            f.push(path, format!("one of the sites ({}), found \"{id}\"", list_of(sites)))
        }
        _ => {}
    }
}

/// Links, each joining as many sites as its kind does; returns their ids.
fn links<'a>(f: &mut Findings, s: &'a Scenario, sites: &HashSet<&str>) -> HashSet<&'a str> {
    let root = FieldPath::root();
    let links = f.unique("link", s.links.iter().enumerate().map(|(i, x)| (root.field("links").index(i).field("id"), x.id.as_str())));
    for (i, link) in s.links.iter().enumerate() {
        let path = root.field("links").index(i).field("sites");
        let wanted = if link.kind == LinkKind::Wan { 2 } else { 1 };
        if link.sites.len() != wanted {
            f.push(path.clone(), format!("{wanted} site(s) for a {:?} link, found {}", link.kind, link.sites.len()));
        }
        if link.kind == LinkKind::Wan && link.sites.len() == 2 && link.sites[0] == link.sites[1] {
            f.push(path.clone(), "two different sites: a WAN link joins two sites");
        }
        for (j, site) in link.sites.iter().enumerate() {
            if !known(sites, site) {
                f.push(path.index(j), format!("one of the sites ({}), found \"{site}\"", list_of(sites)));
            }
        }
    }
    links
}

/// Backup sets, an online one on a named server; returns their ids.
fn backups<'a>(f: &mut Findings, s: &'a Scenario, servers: &HashSet<&str>) -> HashSet<&'a str> {
    let root = FieldPath::root();
    let backups =
        f.unique("backup set", s.backups.iter().enumerate().map(|(i, x)| (root.field("backups").index(i).field("id"), x.id.as_str())));
    for (i, set) in s.backups.iter().enumerate() {
        let path = root.field("backups").index(i).field("server");
        match (&set.server, set.kind) {
            (Some(server), _) if !servers.contains(server.as_str()) => {
                f.push(path, format!("the name of one of the servers, found \"{server}\""))
            }
            (None, BackupKind::Online) => f.push(path, "the server that holds an online backup set"),
            _ => {}
        }
    }
    backups
}

/// Host groups and named servers: where they are, what saves them, names that cannot clash, and a
/// sensible number of hosts in all; returns the groups' ids.
fn hosts<'a>(f: &mut Findings, s: &'a Scenario, ids: &EstateIds) -> HashSet<&'a str> {
    let root = FieldPath::root();
    let mut total_hosts: u64 = 0;
    // The prefixes of the groups' generated names, and where each is set.
    let mut names: HashMap<String, FieldPath> = HashMap::new();
    let groups = f.unique(
        "host group",
        s.host_groups.iter().enumerate().map(|(i, x)| (root.field("host_groups").index(i).field("id"), x.id.as_str())),
    );
    for (i, group) in s.host_groups.iter().enumerate() {
        let path = root.field("host_groups").index(i);
        in_segment(f, &path, &group.segment, ids);
        if group.count == 0 {
            f.push(path.field("count"), "a count of 1 or more");
        }
        total_hosts += u64::from(group.count);
        saved_to(f, &path, group.backup.as_deref(), ids);
        if group.name_prefix.trim().is_empty() {
            f.push(path.field("name_prefix"), "a non-empty name prefix");
        } else if let Some(previous) = names.insert(format!("{}-", group.name_prefix), path.field("name_prefix")) {
            f.push(path.field("name_prefix"), format!("a prefix no other group uses (also at {previous})"));
        }
    }
    for (i, server) in s.servers.iter().enumerate() {
        let path = root.field("servers").index(i);
        in_segment(f, &path, &server.segment, ids);
        saved_to(f, &path, server.backup.as_deref(), ids);
        total_hosts += 1;
    }
    f.unique("server name", s.servers.iter().enumerate().map(|(i, x)| (root.field("servers").index(i).field("name"), x.name.as_str())));
    for (i, server) in s.servers.iter().enumerate() {
        if let Some(prefix) = names.keys().find(|prefix| server.name.starts_with(prefix.as_str())) {
            f.push(
                root.field("servers").index(i).field("name"),
                format!("a name that no group's generated names can take (it starts with \"{prefix}\")"),
            );
        }
    }
    if total_hosts == 0 {
        f.push(root.field("host_groups"), "at least one host");
    }
    if total_hosts > MAX_HOSTS {
        f.push(root.field("host_groups"), format!("at most {MAX_HOSTS} hosts in all, found {total_hosts}"));
    }
    groups
}

/// A host group or server is in a segment that exists.
fn in_segment(f: &mut Findings, path: &FieldPath, segment: &str, ids: &EstateIds) {
    if !known(&ids.segments, segment) {
        f.push(path.field("segment"), format!("one of the segments ({}), found \"{segment}\"", list_of(&ids.segments)));
    }
}

/// A host group or server is saved, if at all, to a backup set that exists.
fn saved_to(f: &mut Findings, path: &FieldPath, backup: Option<&str>, ids: &EstateIds) {
    if let Some(backup) = backup
        && !known(&ids.backups, backup)
    {
        f.push(path.field("backup"), format!("one of the backup sets ({}), found \"{backup}\"", list_of(&ids.backups)));
    }
}

/// Detection sources and the investigation that confirms the attack.
fn detection(f: &mut Findings, s: &Scenario) {
    let root = FieldPath::root();
    f.unique(
        "detection source",
        s.detection.iter().enumerate().map(|(i, x)| (root.field("detection").index(i).field("id"), x.id.as_str())),
    );
    for (i, source) in s.detection.iter().enumerate() {
        let path = root.field("detection").index(i);
        f.probability(path.field("probability"), source.probability);
        f.dist(path.field("delay"), &source.delay);
        match &source.trigger {
            Trigger::EncryptedCount { at_least: 0, .. } => f.push(path.field("trigger").field("at_least"), "a count of 1 or more"),
            Trigger::Exfiltrated { at_least_gb } => f.non_negative(path.field("trigger").field("at_least_gb"), *at_least_gb),
            _ => {}
        }
    }
    f.dist(root.field("investigation").field("duration"), &s.investigation.duration);
}

/// Roles, with their shifts, and outside actors; returns their ids.
fn people<'a>(f: &mut Findings, s: &'a Scenario) -> PeopleIds<'a> {
    let root = FieldPath::root();
    let roles = f.unique("role", s.roles.iter().enumerate().map(|(i, x)| (root.field("roles").index(i).field("id"), x.id.as_str())));
    for (i, role) in s.roles.iter().enumerate() {
        let path = root.field("roles").index(i);
        if crate::exercise::desks::RESERVED_ROLE_IDS.contains(&role.id.as_str()) {
            f.push(path.field("id"), format!("another id than \"{}\", which the seats use for themselves", role.id));
        }
        f.dist(path.field("call_in"), &role.call_in);
        // Each person on call is drawn an arrival: a bound keeps that in memory.
        if role.on_call > MAX_PEOPLE {
            f.push(path.field("on_call"), format!("at most {MAX_PEOPLE} people on call, found {}", role.on_call));
        }
        for (j, shift) in role.on_site.iter().enumerate() {
            if shift.people > MAX_PEOPLE {
                f.push(path.field("on_site").index(j).field("people"), format!("at most {MAX_PEOPLE} people, found {}", shift.people));
            }
            for (field, text) in [("from", &shift.from), ("to", &shift.to)] {
                if !is_hhmm(text) {
                    f.push(path.field("on_site").index(j).field(field), format!("a local time such as \"07:30\", found \"{text}\""));
                }
            }
        }
        if role.on_call == 0 && role.on_site.iter().all(|shift| shift.people == 0) {
            f.push(path, format!("people on site or on call: nobody fills role \"{}\"", role.id));
        }
    }
    let actors = f.unique(
        "outside actor",
        s.outside_actors.iter().enumerate().map(|(i, x)| (root.field("outside_actors").index(i).field("id"), x.id.as_str())),
    );
    for (i, actor) in s.outside_actors.iter().enumerate() {
        f.dist(root.field("outside_actors").index(i).field("answer"), &actor.answer);
    }
    PeopleIds { roles, actors }
}

/// Care: shares that are probabilities, services at sites that exist, patient loads of 0 or more.
fn care(f: &mut Findings, s: &Scenario, sites: &HashSet<&str>) {
    let Some(care) = &s.care else {
        return;
    };
    let path = FieldPath::root().field("care");
    f.probability(path.field("occupancy"), care.occupancy);
    f.probability(path.field("secured_unprompted"), care.secured_unprompted);
    f.probability(path.field("ambulance_share"), care.ambulance_share);
    f.probability(path.field("degraded_risk_weight"), care.degraded_risk_weight);
    for (i, service) in care.services.iter().enumerate() {
        let here = path.field("services").index(i);
        if let SiteSelector::Sites(ids) = &service.sites {
            for (j, id) in ids.iter().enumerate() {
                if !known(sites, id) {
                    f.push(here.field("sites").index(j), format!("one of the sites ({}), found \"{id}\"", list_of(sites)));
                }
            }
        }
        match service.patients {
            PatientLoad::ArrivalsPerHour(x) | PatientLoad::ConsultationsPerWeekday(x) | PatientLoad::OperationsPerWeekday(x) => {
                f.non_negative(here.field("patients"), x);
                if x > MAX_PATIENTS {
                    f.push(here.field("patients"), format!("at most {MAX_PATIENTS} patients at a site, found {x}"));
                }
            }
            _ => {}
        }
    }
}

/// Who carries each action out, what it requires, and the people and places it calls on; returns the
/// actions' ids.
fn action_staffing<'a>(f: &mut Findings, s: &'a Scenario, estate: &EstateIds, people: &PeopleIds) -> HashSet<&'a str> {
    let root = FieldPath::root();
    let (roles, actors) = (&people.roles, &people.actors);
    let action_ids =
        f.unique("action", s.actions.iter().enumerate().map(|(i, x)| (root.field("actions").index(i).field("id"), x.id.as_str())));
    for (i, action) in s.actions.iter().enumerate() {
        let path = root.field("actions").index(i);
        match &action.role {
            Some(role) if !known(roles, role) => {
                f.push(path.field("role"), format!("one of the roles ({}), found \"{role}\"", list_of(roles)))
            }
            None if !s.roles.is_empty() => f.push(path.field("role"), "the role that carries this action out"),
            _ => {}
        }
        if action.team == 0 {
            f.push(path.field("team"), "1 or more people");
        }
        for (j, requirement) in action.requires.iter().enumerate() {
            if let Requirement::Done(id) = requirement
                && !known(&action_ids, id)
            {
                f.push(path.field("requires").index(j), format!("one of the actions, found \"{id}\""));
            }
        }
        for (j, role) in action.quorum.iter().enumerate() {
            if !known(roles, role) {
                f.push(path.field("quorum").index(j), format!("one of the roles ({}), found \"{role}\"", list_of(roles)));
            }
        }
        if !action.quorum.is_empty() && !matches!(action.effect, Effect::CallIn(_)) {
            f.push(path.field("quorum"), "a quorum only on a call-in (CallIn): other actions are done when their work is");
        }
        match &action.effect {
            Effect::CallIn(list) => {
                for (j, role) in list.iter().enumerate() {
                    if !known(roles, role) {
                        f.push(path.field("effect").index(j), format!("one of the roles ({}), found \"{role}\"", list_of(roles)));
                    }
                }
            }
            Effect::Notify(actor) if !known(actors, actor) => {
                f.push(path.field("effect"), format!("one of the outside actors ({}), found \"{actor}\"", list_of(actors)))
            }
            Effect::ActivateDowntime(filter) => {
                if let Some(site) = &filter.site
                    && !known(&estate.sites, site)
                {
                    let sites = &estate.sites;
                    f.push(path.field("effect").field("site"), format!("one of the sites ({}), found \"{site}\"", list_of(sites)));
                }
            }
            _ => {}
        }
    }
    action_ids
}

/// Injects: unique ids, and times and events that exist.
fn injects(f: &mut Findings, s: &Scenario, actions: &HashSet<&str>) {
    let root = FieldPath::root();
    let inject_ids =
        f.unique("inject", s.injects.iter().enumerate().map(|(i, x)| (root.field("injects").index(i).field("id"), x.id.as_str())));
    let sources: HashSet<&str> = s.detection.iter().map(|d| d.id.as_str()).collect();
    for (i, inject) in s.injects.iter().enumerate() {
        if inject.id == crate::sim::injects::WRITTEN_INJECT_ID {
            // The facilitator's own injects go by that name in the timeline.
            f.push(
                root.field("injects").index(i).field("id"),
                format!("another id than \"{}\", which the facilitator's own injects use", inject.id),
            );
        }
        let path = root.field("injects").index(i).field("trigger");
        if let InjectTrigger::At(when) = &inject.trigger {
            check_when(f, path, when, s, &sources, &HashSet::new(), actions, &inject_ids, None);
        }
    }
}

/// How long each action's work takes, and the links, segments and hosts it works on.
fn action_work(f: &mut Findings, s: &Scenario, estate: &EstateIds) {
    for (i, action) in s.actions.iter().enumerate() {
        let path = FieldPath::root().field("actions").index(i);
        f.dist(path.field("duration"), &action.duration);
        f.non_negative(path.field("per_host_minutes"), action.per_host_minutes);
        if action.parallel == 0 {
            f.push(path.field("parallel"), "1 or more hosts worked on at once");
        }
        let effect = path.field("effect");
        match &action.effect {
            Effect::CutLink(id) | Effect::ReconnectLink(id) if !known(&estate.links, id) => {
                f.push(effect, format!("one of the links ({}), found \"{id}\"", list_of(&estate.links)))
            }
            Effect::IsolateSegments(chosen) | Effect::ReconnectSegments(chosen) => {
                selector(f, effect, chosen, &estate.sites, &estate.segments)
            }
            Effect::PowerOff(filter) | Effect::PowerOn(filter) | Effect::Reimage(filter) | Effect::RestoreFromBackup(filter) => {
                host_filter(f, effect, filter, estate, s)
            }
            _ => {}
        }
    }
}

/// A translation's key is the code of a language the exercise speaks.
fn language_code(f: &mut Findings, path: &FieldPath, code: &str) {
    if crate::i18n::Language::ALL.iter().all(|l| l.code() != code) {
        let codes: Vec<&str> = crate::i18n::Language::ALL.iter().map(|l| l.code()).collect();
        f.push(path.clone(), format!("a language code ({}), found \"{code}\"", codes.join(", ")));
    }
}

/// A translation speaks of things the scenario has, in a language the exercise speaks.
fn translations(f: &mut Findings, s: &Scenario) {
    let root = FieldPath::root().field("translations");
    for (code, t) in &s.translations {
        let path = root.field(code);
        language_code(f, &path, code);
        let mut keys = |section: &str, given: Vec<&String>, ids: Vec<&str>| {
            for key in given {
                if !ids.contains(&key.as_str()) {
                    f.push(path.field(section), format!("ids of the scenario's {section} ({}), found \"{key}\"", ids.join(", ")));
                }
            }
        };
        keys("sites", t.sites.keys().collect(), s.sites.iter().map(|x| x.id.as_str()).collect());
        keys("segments", t.segments.keys().collect(), s.segments.iter().map(|x| x.id.as_str()).collect());
        keys("links", t.links.keys().collect(), s.links.iter().map(|x| x.id.as_str()).collect());
        keys("backups", t.backups.keys().collect(), s.backups.iter().map(|x| x.id.as_str()).collect());
        keys("roles", t.roles.keys().collect(), s.roles.iter().map(|x| x.id.as_str()).collect());
        keys("outside_actors", t.outside_actors.keys().collect(), s.outside_actors.iter().map(|x| x.id.as_str()).collect());
        keys("actions", t.actions.keys().collect(), s.actions.iter().map(|x| x.id.as_str()).collect());
        keys("detection", t.detection.keys().collect(), s.detection.iter().map(|x| x.id.as_str()).collect());
        keys("injects", t.injects.keys().collect(), s.injects.iter().map(|x| x.id.as_str()).collect());
        let services: Vec<ServiceKind> = s.care.iter().flat_map(|c| c.services.iter().map(|x| x.kind)).collect();
        for kind in t.services.keys() {
            if !services.contains(kind) {
                f.push(path.field("services"), format!("a kind of the scenario's care services, found {kind:?}"));
            }
        }
        if !t.hot_wash.is_empty() && t.hot_wash.len() != s.hot_wash.len() {
            f.push(path.field("hot_wash"), format!("all {} hot-wash questions, in order, found {}", s.hot_wash.len(), t.hot_wash.len()));
        }
    }
}

/// A host filter names places, groups and hosts that exist.
fn host_filter(f: &mut Findings, path: FieldPath, filter: &HostFilter, estate: &EstateIds, s: &Scenario) {
    let EstateIds { sites, segments, groups, servers, .. } = estate;
    if let Some(site) = &filter.site
        && !known(sites, site)
    {
        f.push(path.field("site"), format!("one of the sites ({}), found \"{site}\"", list_of(sites)));
    }
    if let Some(segment) = &filter.segment
        && !known(segments, segment)
    {
        f.push(path.field("segment"), format!("one of the segments ({}), found \"{segment}\"", list_of(segments)));
    }
    if let Some(group) = &filter.group
        && !known(groups, group)
    {
        f.push(path.field("group"), format!("one of the host groups ({}), found \"{group}\"", list_of(groups)));
    }
    if let Some(name) = &filter.name {
        let generated = s.host_groups.iter().any(|g| {
            name.strip_prefix(&format!("{}-", g.name_prefix)).and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| n >= 1 && n <= g.count)
        });
        if !servers.contains(name.as_str()) && !generated {
            f.push(path.field("name"), format!("the name of a host of the scenario, found \"{name}\""));
        }
    }
}
