//! Building a scenario on a hospital's own estate: an asset inventory exported from a configuration
//! database (one row per host) replaces a template scenario's sites, segments, links, backups and hosts,
//! while the template's attacker, people, care, injects and plan are kept. References the template made
//! to its own sites, servers and groups are carried over where their meaning survives and left out, with
//! the reason, where it does not. Every value the inventory does not give is marked ASSUMPTION in the
//! written file.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::data::load::{Problem, Problems};
use crate::data::locate::{FieldPath, Node, Outline};
use crate::data::playbook::{EventRef, When};
use crate::data::scenario::{
    BackupKind, BackupSet, Effect, Foothold, HostFilter, HostGroup, HostRole, InjectTrigger, Link, LinkKind, NamedServer, Os, ReachRule,
    Requirement, Scenario, Segment, SegmentKind, SegmentSelector, Site, SiteKind, SiteSelector,
};
use crate::import::{Cell, Table, add_section, ron_line, ron_list, simplify};

/// One column of an inventory: its field, whether every row must fill it, and the headings it goes by in
/// the exports of common configuration databases (English and French, compared without case, accents or
/// punctuation).
pub struct InventoryColumn {
    pub field: &'static str,
    pub required: bool,
    pub headings: &'static [&'static str],
}

/// The columns an inventory may have.
pub const INVENTORY_COLUMNS: [InventoryColumn; 9] = [
    InventoryColumn {
        field: "hostname",
        required: true,
        headings: &[
            "hostname",
            "host",
            "host name",
            "name",
            "computer name",
            "computername",
            "ci name",
            "device name",
            "asset name",
            "fqdn",
            "dns name",
            "nom",
            "nom d hote",
            "nom de l hote",
            "nom de la machine",
            "machine",
        ],
    },
    InventoryColumn {
        field: "site",
        required: true,
        headings: &["site", "location", "building", "campus", "hospital", "facility", "lieu", "etablissement", "batiment", "localisation"],
    },
    InventoryColumn {
        field: "segment",
        required: false,
        headings: &[
            "segment",
            "vlan",
            "vlan name",
            "network",
            "network segment",
            "subnet",
            "zone",
            "reseau",
            "sous reseau",
            "segment reseau",
        ],
    },
    InventoryColumn {
        field: "role",
        required: true,
        headings: &["role", "function", "type", "class", "ci class", "category", "device type", "fonction", "categorie", "usage"],
    },
    InventoryColumn {
        field: "os",
        required: false,
        headings: &["os", "operating system", "os name", "platform", "systeme", "systeme d exploitation"],
    },
    InventoryColumn {
        field: "domain_joined",
        required: false,
        headings: &[
            "domain joined",
            "domain",
            "ad joined",
            "joined",
            "active directory",
            "domaine",
            "membre du domaine",
            "joint au domaine",
        ],
    },
    InventoryColumn {
        field: "backup",
        required: false,
        headings: &["backup", "backup policy", "backup set", "backed up", "sauvegarde", "politique de sauvegarde"],
    },
    InventoryColumn { field: "edr", required: false, headings: &["edr", "edr agent", "edr installed", "xdr", "agent edr"] },
    InventoryColumn {
        field: "description",
        required: false,
        headings: &["description", "comment", "comments", "notes", "commentaire", "libelle"],
    },
];

/// One host as the inventory gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct InventoryHost {
    pub name: String,
    pub site: String,
    /// Empty when the inventory does not say: the host goes to its site's segment for its kind.
    pub segment: String,
    pub role: HostRole,
    pub os: Os,
    pub domain_joined: bool,
    /// The backup as the inventory names it; `None` when the host is not backed up.
    pub backup: Option<String>,
    pub edr: bool,
    pub description: String,
    /// The spreadsheet row, for messages.
    pub row: usize,
}

/// What was read from the inventory, and what had to be assumed for cells left empty.
pub struct Inventory {
    pub hosts: Vec<InventoryHost>,
    pub assumed: Vec<String>,
}

/// Reads `field=Heading` pairs that rename columns.
pub fn column_overrides(pairs: &[String]) -> Result<Vec<(String, String)>, String> {
    let fields: Vec<&str> = INVENTORY_COLUMNS.iter().map(|c| c.field).collect();
    pairs
        .iter()
        .map(|pair| {
            let (field, heading) =
                pair.split_once('=').ok_or_else(|| format!("--column \"{pair}\": expected FIELD=HEADING, such as hostname=CI Name"))?;
            let field = field.trim().replace('-', "_");
            if !fields.contains(&field.as_str()) {
                return Err(format!("--column \"{pair}\": \"{field}\" is not a field of an inventory (fields: {})", fields.join(", ")));
            }
            if heading.trim().is_empty() {
                return Err(format!("--column \"{pair}\": the heading is empty"));
            }
            Ok((field, heading.trim().to_string()))
        })
        .collect()
}

fn role_of(text: &str) -> Option<HostRole> {
    let t = simplify(text).replace(' ', "");
    let has = |words: &[&str]| words.iter().any(|w| t == *w || (w.len() > 4 && t.contains(w)));
    Some(if has(&["domaincontroller", "dc", "ad", "activedirectory", "controleurdedomaine", "ldap"]) {
        HostRole::DomainController
    } else if has(&["ehr", "emr", "dpi", "electronichealthrecord", "electronicmedicalrecord", "dossierpatient", "dossiermedical", "his"]) {
        HostRole::Ehr
    } else if has(&["pacs", "ris", "pacsris", "radiology", "radiologie", "imaging", "imagerie"]) {
        HostRole::PacsRis
    } else if has(&["lab", "lis", "laboratory", "laboratoire", "labo"]) {
        HostRole::Laboratory
    } else if has(&["pharmacy", "pharmacie"]) {
        HostRole::Pharmacy
    } else if has(&["telephony", "telephonie", "pbx", "ipbx", "voip", "switchboard", "standard"]) {
        HostRole::Telephony
    } else if has(&["fileserver", "file", "files", "fichiers", "serveurdefichiers", "nas"]) {
        HostRole::FileServer
    } else if has(&["hypervisor", "hyperviseur", "esxi", "hyperv", "vmwarehost", "virtualisation", "virtualization"]) {
        HostRole::Hypervisor
    } else if has(&["backup", "backupserver", "sauvegarde", "serveurdesauvegarde"]) {
        HostRole::BackupServer
    } else if has(&["medicaldevice", "biomedical", "biomed", "modality", "dispositifmedical", "equipementbiomedical", "iomt"]) {
        HostRole::MedicalDevice
    } else if has(&[
        "workstation",
        "desktop",
        "laptop",
        "pc",
        "poste",
        "postedetravail",
        "client",
        "thinclient",
        "clientleger",
        "portable",
        "computer",
    ]) {
        HostRole::Workstation
    } else if has(&["application", "applicationserver", "app", "server", "serveur", "database", "db", "web", "sql", "serveurapplicatif"]) {
        HostRole::ApplicationServer
    } else {
        return None;
    })
}

fn os_of(text: &str) -> Option<Os> {
    let t = simplify(text);
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    Some(if has(&["esxi", "vmware", "hyper v server", "proxmox", "xenserver"]) {
        Os::Hypervisor
    } else if has(&["windows server", "win server", "winsrv", "windows 20", "w2k", "win2k"]) {
        Os::WindowsServer
    } else if has(&["windows", "win10", "win11", "win7", "w10", "w11"]) {
        Os::WindowsClient
    } else if has(&["linux", "rhel", "red hat", "ubuntu", "debian", "centos", "suse", "oracle linux", "rocky", "alma", "unix", "aix"]) {
        Os::Linux
    } else if has(&["embedded", "firmware", "rtos", "vxworks", "appliance", "embarque"]) {
        Os::Embedded
    } else {
        return None;
    })
}

/// The system a host of this role most likely runs, when the inventory does not say: ASSUMPTION.
fn usual_os(role: HostRole) -> Os {
    match role {
        HostRole::Workstation => Os::WindowsClient,
        HostRole::MedicalDevice => Os::Embedded,
        HostRole::Hypervisor => Os::Hypervisor,
        _ => Os::WindowsServer,
    }
}

fn yes_no(text: &str) -> Option<bool> {
    match simplify(text).as_str() {
        "yes" | "y" | "true" | "1" | "oui" | "o" | "vrai" | "x" | "joined" | "installed" | "present" => Some(true),
        "no" | "n" | "false" | "0" | "non" | "faux" | "none" | "workgroup" | "not joined" | "absent" | "aucun" => Some(false),
        _ => None,
    }
}

/// The hosts an inventory table lists; every bad row and cell is reported, all at once.
pub fn hosts_from_table(table: &Table, overrides: &[(String, String)]) -> Result<Inventory, Problems> {
    let mut problems = Vec::new();
    let mut say = |message: String| problems.push(Problem { file: table.file.clone(), position: None, field: String::new(), message });
    let matches = |cell: &Cell, field: &str| {
        let heading = simplify(&cell.text());
        if heading.is_empty() {
            return false;
        }
        match overrides.iter().find(|(f, _)| f == field) {
            Some((_, wanted)) => simplify(wanted) == heading,
            None => INVENTORY_COLUMNS.iter().find(|c| c.field == field).is_some_and(|c| c.headings.contains(&heading.as_str())),
        }
    };
    // The headings are the first row, among the first twenty, that names a host name and a role.
    let Some(header_row) =
        table.rows.iter().take(20).position(|row| row.iter().any(|c| matches(c, "hostname")) && row.iter().any(|c| matches(c, "role")))
    else {
        let first = table.rows.iter().position(|r| r.iter().any(|c| *c != Cell::Empty)).unwrap_or(0);
        let found: Vec<String> =
            table.rows.get(first).map(|r| r.iter().map(Cell::text).filter(|h| !h.is_empty()).collect()).unwrap_or_default();
        say(format!(
            "{}: expected a heading row naming at least the host name, the site and the role (hostname, site, segment or vlan, role, os, \
             domain joined, backup, edr, description; in French: nom, site, vlan, fonction, systeme, domaine, sauvegarde); found: {}. \
             Other headings can be named with --column FIELD=HEADING",
            table.place(first, 0, "headings"),
            if found.is_empty() { "nothing".to_string() } else { found.join(", ") }
        ));
        return Err(Problems(problems));
    };
    let headings = &table.rows[header_row];
    let column = |field: &str| headings.iter().position(|h| matches(h, field));
    let missing: Vec<&str> = INVENTORY_COLUMNS.iter().filter(|c| c.required && column(c.field).is_none()).map(|c| c.field).collect();
    if !missing.is_empty() {
        say(format!(
            "{}: no column for {} (name it with --column FIELD=HEADING)",
            table.place(header_row, 0, "headings"),
            missing.join(", ")
        ));
        return Err(Problems(problems));
    }
    let heading_text = |field: &str| column(field).map(|c| headings[c].text()).unwrap_or_default();
    let place = |row: usize, field: &str| table.place(row, column(field).unwrap_or(0), &heading_text(field));
    let mut hosts: Vec<InventoryHost> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let (mut os_assumed, mut domain_assumed, mut segment_assumed) = (0usize, 0usize, 0usize);
    for (r, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        if row.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        let get = |field: &str| column(field).and_then(|c| row.get(c)).map(Cell::text).unwrap_or_default();
        let name = get("hostname");
        let site = get("site");
        let mut bad = false;
        if name.is_empty() {
            say(format!("{}: the host name is empty", place(r, "hostname")));
            bad = true;
        } else if name.chars().any(|c| c.is_control() || c == '"') {
            say(format!("{}: \"{}\" is not a host name (no quotes or control characters)", place(r, "hostname"), name.escape_debug()));
            bad = true;
        } else if let Some(first) = seen.get(&name.to_lowercase()) {
            say(format!("{}: the host \"{name}\" is listed twice (first on row {first})", place(r, "hostname")));
            bad = true;
        }
        if site.is_empty() {
            say(format!("{}: the site is empty", place(r, "site")));
            bad = true;
        }
        let role_text = get("role");
        let role = role_of(&role_text);
        if role.is_none() {
            say(format!(
                "{}: \"{role_text}\" is not a role crisis-cell knows (domain controller, EHR, PACS/RIS, laboratory, pharmacy, telephony, \
                 file server, hypervisor, backup, application server, workstation, medical device)",
                place(r, "role")
            ));
            bad = true;
        }
        let os_text = get("os");
        let os = match os_of(&os_text) {
            Some(os) => Some(os),
            None if os_text.is_empty() => {
                os_assumed += 1;
                role.map(usual_os)
            }
            None => {
                say(format!(
                    "{}: \"{os_text}\" is not a system crisis-cell knows (Windows Server, Windows, Linux, ESXi, embedded)",
                    place(r, "os")
                ));
                bad = true;
                None
            }
        };
        let domain_text = get("domain_joined");
        let domain_joined = match yes_no(&domain_text) {
            Some(joined) => joined,
            // A domain's name (HOSPITAL.LOCAL) says the host is joined to it.
            None if domain_text.contains('.')
                || (!domain_text.is_empty() && domain_text.chars().all(|c| c.is_alphanumeric() || c == '-')) =>
            {
                true
            }
            None if domain_text.is_empty() => {
                domain_assumed += 1;
                // ASSUMPTION: Windows hosts are domain members, others are not.
                matches!(os, Some(Os::WindowsServer | Os::WindowsClient))
            }
            None => {
                say(format!("{}: \"{domain_text}\" is neither yes, no, nor a domain name", place(r, "domain_joined")));
                bad = true;
                false
            }
        };
        let backup_text = get("backup");
        let backup = match yes_no(&backup_text) {
            _ if backup_text.is_empty() => None,
            Some(false) => None,
            Some(true) => Some("backup".to_string()),
            None => Some(backup_text.clone()),
        };
        let edr_text = get("edr");
        let edr = match yes_no(&edr_text) {
            Some(edr) => edr,
            None if edr_text.is_empty() => false,
            // A product's name says an agent is there.
            None => true,
        };
        let segment = get("segment");
        if segment.is_empty() {
            segment_assumed += 1;
        }
        if !name.is_empty() {
            seen.entry(name.to_lowercase()).or_insert(table.first_row + r);
        }
        if !bad && let (Some(role), Some(os)) = (role, os) {
            hosts.push(InventoryHost {
                name,
                site,
                segment,
                role,
                os,
                domain_joined,
                backup,
                edr,
                description: get("description"),
                row: table.first_row + r,
            });
        }
    }
    if hosts.is_empty() && problems.is_empty() {
        return Err(Problems::one(&table.file, format!("{}: no hosts below the headings", table.place(header_row, 0, "headings"))));
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let mut assumed = Vec::new();
    if os_assumed > 0 {
        assumed.push(format!(
            "{os_assumed} hosts without a system: Windows for servers and workstations, embedded for medical devices (ASSUMPTION)"
        ));
    }
    if domain_assumed > 0 {
        assumed.push(format!("{domain_assumed} hosts without a domain column or value: Windows hosts joined, others not (ASSUMPTION)"));
    }
    if segment_assumed > 0 {
        assumed.push(format!("{segment_assumed} hosts without a segment: placed in their site's segment for their kind (ASSUMPTION)"));
    }
    Ok(Inventory { hosts, assumed })
}

/// An identifier made of a free text: lower case letters, digits and dashes.
fn slug(text: &str) -> String {
    let simple = simplify(text);
    let slug: String = simple.split_whitespace().collect::<Vec<_>>().join("-");
    if slug.is_empty() { "x".to_string() } else { slug }
}

/// A unique identifier, numbered when the plain one is taken.
fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn site_kind_of(name: &str, has_workstations: bool) -> (SiteKind, bool) {
    let t = simplify(name);
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["nursing", "care home", "maison de repos", "mrs", "ehpad", "residence"]) {
        (SiteKind::NursingHome, false)
    } else if has(&["psych", "mental"]) {
        (SiteKind::PsychiatricHospital, false)
    } else if has(&["polyclinic", "polyclinique", "outpatient", "consultation", "medical centre", "medical center"]) {
        (SiteKind::Polyclinic, false)
    } else if has(&[
        "headquarters",
        "head office",
        "hq",
        "siege",
        "datacentre",
        "data centre",
        "datacenter",
        "data center",
        "administration",
    ]) || !has_workstations
    {
        (SiteKind::Headquarters, false)
    } else if has(&["hospital", "hopital", "chu", "chr", "clinic", "clinique", "infirmary"]) {
        (SiteKind::GeneralHospital, false)
    } else {
        // Nothing in the name: ASSUMPTION, a general hospital.
        (SiteKind::GeneralHospital, true)
    }
}

fn segment_kind_of(name: &str, roles: &[HostRole]) -> SegmentKind {
    let t = simplify(name);
    let has = |words: &[&str]| words.iter().any(|w| t.split_whitespace().any(|part| part == *w) || (w.len() > 4 && t.contains(w)));
    if has(&["dmz"]) {
        return SegmentKind::Dmz;
    }
    if has(&["backup", "sauvegarde", "bck"]) {
        return SegmentKind::Backup;
    }
    if has(&["management", "mgmt", "oob", "ilo", "idrac", "administration reseau"]) {
        return SegmentKind::Management;
    }
    if has(&["biomed", "biomedical", "medical", "modality", "modalities", "devices", "iomt"]) {
        return SegmentKind::MedicalDevices;
    }
    // Otherwise the hosts it holds decide: most servers, most devices, or workstations.
    let servers = roles.iter().filter(|r| r.is_server()).count();
    let devices = roles.iter().filter(|r| **r == HostRole::MedicalDevice).count();
    let workstations = roles.len() - servers - devices;
    if servers >= workstations && servers >= devices {
        SegmentKind::Servers
    } else if devices > workstations {
        SegmentKind::MedicalDevices
    } else if has(&["admin", "administration", "administratif", "office", "bureau", "bureautique", "finance", "hr", "rh"]) {
        SegmentKind::AdministrationWorkstations
    } else {
        SegmentKind::ClinicalWorkstations
    }
}

fn backup_kind_of(name: &str) -> BackupKind {
    let t = simplify(name);
    if ["offline", "off line", "tape", "bande", "air gap", "airgap", "immutable", "immuable", "vault", "hors ligne", "lto"]
        .iter()
        .any(|w| t.contains(w))
    {
        BackupKind::Offline
    } else {
        BackupKind::Online
    }
}

/// The name prefix hosts share, without trailing digits or separators.
fn common_prefix(names: &[&str]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut prefix: &str = first;
    for name in names {
        while !name.starts_with(prefix) {
            prefix = &prefix[..prefix.len() - prefix.chars().last().map_or(1, char::len_utf8)];
        }
    }
    prefix.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_' || c == '.').to_string()
}

/// A name with the template's hub (its first word, as names shorten it) replaced by the new hub.
fn rename_place(name: &str, template_hub: &str, hub: &str) -> String {
    let short = template_hub.split([' ', '-', '(']).next().unwrap_or("");
    if short.len() >= 3 && name.contains(short) { name.replace(short, hub) } else { name.to_string() }
}

/// How the scenario is named and where the inventory came from.
pub struct ImportOptions {
    pub id: String,
    pub name: Option<String>,
    /// The inventory file, as the user named it.
    pub source: String,
}

/// A scenario built on an inventory: its text, and what was assumed, carried over and left out.
pub struct ImportedScenario {
    pub text: String,
    pub sites: usize,
    pub segments: usize,
    pub servers: usize,
    pub workstations: usize,
    pub devices: usize,
    pub notes: Vec<String>,
}

/// A change to the template's text: the bytes `start..end` become `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Builds the scenario: the template's text with the estate replaced by the inventory's.
pub fn build_scenario(
    template_text: &str,
    template: &Scenario,
    inventory: &Inventory,
    options: &ImportOptions,
) -> Result<ImportedScenario, String> {
    let hosts = &inventory.hosts;
    let mut notes: Vec<String> = inventory.assumed.clone();

    // Sites, in the order the inventory first names them.
    let mut site_order: Vec<String> = Vec::new();
    for host in hosts {
        if !site_order.contains(&host.site) {
            site_order.push(host.site.clone());
        }
    }
    let mut taken = BTreeSet::new();
    let site_ids: BTreeMap<String, String> = site_order.iter().map(|s| (s.clone(), unique(slug(s), &mut taken))).collect();
    let workstations_at = |site: &str| hosts.iter().filter(|h| h.site == site && h.role == HostRole::Workstation).count();
    let mut guessed_kinds = 0;
    let mut sites: Vec<Site> = site_order
        .iter()
        .map(|name| {
            let (kind, guessed) = site_kind_of(name, workstations_at(name) > 0);
            guessed_kinds += usize::from(guessed);
            Site { id: site_ids[name].clone(), name: name.clone(), kind, beds: 0 }
        })
        .collect();
    // Beds: the template's, shared among the new sites that have beds by their workstations (ASSUMPTION).
    let template_beds: u32 = template.sites.iter().map(|s| s.beds).sum();
    let bedded = |kind: SiteKind| matches!(kind, SiteKind::GeneralHospital | SiteKind::PsychiatricHospital | SiteKind::NursingHome);
    let weights: Vec<usize> = sites.iter().map(|s| if bedded(s.kind) { workstations_at(&s.name).max(1) } else { 0 }).collect();
    let total_weight: usize = weights.iter().sum();
    if total_weight > 0 {
        let mut given = 0u32;
        for (site, weight) in sites.iter_mut().zip(&weights) {
            site.beds = (u64::from(template_beds) * *weight as u64 / total_weight as u64) as u32;
            given += site.beds;
        }
        if let Some(largest) = weights.iter().enumerate().max_by_key(|(_, w)| **w).map(|(i, _)| i) {
            sites[largest].beds += template_beds - given;
        }
    }

    // Segments: the inventory's, per site, or one per site and kind of host when it names none.
    let segment_name_of = |host: &InventoryHost| -> String {
        if host.segment.is_empty() {
            match host.role {
                HostRole::Workstation => "workstations".to_string(),
                HostRole::MedicalDevice => "medical devices".to_string(),
                _ => "servers".to_string(),
            }
        } else {
            host.segment.clone()
        }
    };
    let mut segment_order: Vec<(String, String)> = Vec::new();
    let mut segment_roles: HashMap<(String, String), Vec<HostRole>> = HashMap::new();
    for host in hosts {
        let key = (host.site.clone(), segment_name_of(host));
        if !segment_roles.contains_key(&key) {
            segment_order.push(key.clone());
        }
        segment_roles.entry(key).or_default().push(host.role);
    }
    let mut segment_ids: HashMap<(String, String), String> = HashMap::new();
    let mut segments: Vec<Segment> = Vec::new();
    for key in &segment_order {
        let id = unique(format!("{}-{}", site_ids[&key.0], slug(&key.1)), &mut taken);
        let kind = segment_kind_of(&key.1, &segment_roles[key]);
        segments.push(Segment { id: id.clone(), site: site_ids[&key.0].clone(), kind, name: format!("{} {}", key.0, key.1) });
        segment_ids.insert(key.clone(), id);
    }

    // The hub: where the domain controllers are, else where most servers are.
    let hub_site = hosts
        .iter()
        .find(|h| h.role == HostRole::DomainController)
        .map(|h| h.site.clone())
        .or_else(|| site_order.iter().max_by_key(|s| hosts.iter().filter(|h| &h.site == *s && h.role.is_server()).count()).cloned())
        .unwrap_or_default();
    let hub = site_ids.get(&hub_site).cloned().unwrap_or_default();
    let template_hub = template
        .links
        .iter()
        .find(|l| l.kind == LinkKind::Internet)
        .and_then(|l| l.sites.first().cloned())
        .unwrap_or_else(|| template.sites.first().map(|s| s.id.clone()).unwrap_or_default());

    let template_hub_name = template.sites.iter().find(|s| s.id == template_hub).map(|s| s.name.clone()).unwrap_or_default();
    // Links: the template's internet and partner links at the hub, and a star of WAN links from it.
    let mut links: Vec<Link> = template
        .links
        .iter()
        .filter(|l| l.kind != LinkKind::Wan)
        .map(|l| Link {
            id: l.id.clone(),
            name: rename_place(&l.name, &template_hub_name, &hub_site),
            kind: l.kind,
            sites: vec![hub.clone()],
        })
        .collect();
    let mut link_ids: BTreeSet<String> = links.iter().map(|l| l.id.clone()).collect();
    for site in &sites {
        if site.id != hub {
            let id = unique(format!("wan-{}", site.id), &mut link_ids);
            links.push(Link {
                id,
                name: format!("WAN {hub_site} - {}", site.name),
                kind: LinkKind::Wan,
                sites: vec![hub.clone(), site.id.clone()],
            });
        }
    }

    // Backups: one set per name the inventory gives.
    let backup_server = hosts.iter().find(|h| h.role == HostRole::BackupServer).map(|h| h.name.clone());
    let mut backup_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut backups: Vec<BackupSet> = Vec::new();
    let mut backup_taken = BTreeSet::new();
    for host in hosts {
        if let Some(name) = &host.backup
            && !backup_ids.contains_key(name)
        {
            let id = unique(slug(name), &mut backup_taken);
            let kind = backup_kind_of(name);
            let server = if kind == BackupKind::Online { backup_server.clone() } else { None };
            backups.push(BackupSet { id: id.clone(), name: name.clone(), kind, server });
            backup_ids.insert(name.clone(), id);
        }
    }

    // Hosts: every server by its own name; workstations and devices in groups of alike hosts.
    let servers: Vec<NamedServer> = hosts
        .iter()
        .filter(|h| h.role.is_server())
        .map(|h| NamedServer {
            name: h.name.clone(),
            segment: segment_ids[&(h.site.clone(), segment_name_of(h))].clone(),
            role: h.role,
            os: h.os,
            domain_joined: h.domain_joined,
            edr: h.edr,
            backup: h.backup.as_ref().map(|b| backup_ids[b].clone()),
            description: h.description.clone(),
        })
        .collect();
    type GroupKey = (String, HostRole, String, bool, bool, Option<String>);
    let mut group_order: Vec<GroupKey> = Vec::new();
    let mut group_members: HashMap<GroupKey, (Os, Vec<&str>)> = HashMap::new();
    for host in hosts.iter().filter(|h| !h.role.is_server()) {
        let segment = segment_ids[&(host.site.clone(), segment_name_of(host))].clone();
        let key: GroupKey = (segment, host.role, format!("{:?}", host.os), host.domain_joined, host.edr, host.backup.clone());
        if !group_members.contains_key(&key) {
            group_order.push(key.clone());
        }
        group_members.entry(key).or_insert((host.os, Vec::new())).1.push(&host.name);
    }
    let mut prefixes = BTreeSet::new();
    let mut group_ids = BTreeSet::new();
    let mut host_groups: Vec<HostGroup> = Vec::new();
    for key in &group_order {
        let (os, names) = &group_members[key];
        let (segment, role, _, domain_joined, edr, backup) = key;
        // Host groups have ids of their own: a group is named after its segment.
        let id = unique(segment.clone(), &mut group_ids);
        let found = common_prefix(names);
        let base = if found.chars().count() >= 2 { found } else { segment.to_uppercase() };
        let name_prefix = unique(base, &mut prefixes);
        host_groups.push(HostGroup {
            id,
            segment: segment.clone(),
            count: names.len() as u32,
            role: *role,
            os: *os,
            domain_joined: *domain_joined,
            edr: *edr,
            backup: backup.as_ref().map(|b| backup_ids[b].clone()),
            name_prefix,
        });
    }
    let server_count = servers.len();
    let workstation_count = hosts.iter().filter(|h| h.role == HostRole::Workstation).count();
    let device_count = hosts.iter().filter(|h| h.role == HostRole::MedicalDevice).count();

    // What the template says of its own estate, carried over where it keeps its meaning.
    let new_sites: BTreeSet<&str> = sites.iter().map(|s| s.id.as_str()).collect();
    let template_server_role: HashMap<&str, HostRole> = template.servers.iter().map(|s| (s.name.as_str(), s.role)).collect();
    let server_names: BTreeSet<&str> = servers.iter().map(|s| s.name.as_str()).collect();
    let map_site = |id: &str| -> Option<String> {
        if new_sites.contains(id) {
            Some(id.to_string())
        } else if id == template_hub {
            Some(hub.clone())
        } else {
            None
        }
    };
    // A named server of the template becomes the first server of the same role, for the roles a hospital
    // has one or few of; a generic application server has no counterpart.
    let map_server = |name: &str| -> Option<String> {
        if server_names.contains(name) {
            return Some(name.to_string());
        }
        let role = *template_server_role.get(name)?;
        if role == HostRole::ApplicationServer {
            return None;
        }
        servers.iter().find(|s| s.role == role).map(|s| s.name.clone())
    };
    let map_filter = |filter: &HostFilter| -> Result<HostFilter, String> {
        let mut mapped = filter.clone();
        if let Some(site) = &filter.site {
            mapped.site = Some(map_site(site).ok_or(format!("it works on the template's site \"{site}\""))?);
        }
        if let Some(segment) = &filter.segment {
            return Err(format!("it works on the template's segment \"{segment}\""));
        }
        if let Some(group) = &filter.group {
            return Err(format!("it works on the template's host group \"{group}\""));
        }
        if let Some(name) = &filter.name {
            let new = map_server(name).ok_or(format!("it works on the template's server \"{name}\", which has no counterpart"))?;
            if &new != name {
                mapped.name = Some(new);
            }
        }
        Ok(mapped)
    };
    let map_selector = |selector: &SegmentSelector| -> Result<SegmentSelector, String> {
        match selector {
            SegmentSelector::All | SegmentSelector::Kind(_) => Ok(selector.clone()),
            SegmentSelector::Segment(id) => Err(format!("it names the template's segment \"{id}\"")),
            SegmentSelector::Site(id) => map_site(id).map(SegmentSelector::Site).ok_or(format!("it names the template's site \"{id}\"")),
            SegmentSelector::KindAt(kind, id) => {
                map_site(id).map(|s| SegmentSelector::KindAt(*kind, s)).ok_or(format!("it names the template's site \"{id}\""))
            }
        }
    };

    let outline = Outline::new(template_text);
    let mut edits: Vec<Edit> = Vec::new();

    // Reachability rules that name the template's places are left out.
    let mut kept_rules: Vec<ReachRule> = Vec::new();
    let mut rules_changed = false;
    for rule in &template.reachability {
        match (map_selector(&rule.from), map_selector(&rule.to)) {
            (Ok(from), Ok(to)) => {
                rules_changed |= from != rule.from || to != rule.to;
                kept_rules.push(ReachRule { from, to, ..rule.clone() });
            }
            (Err(why), _) | (_, Err(why)) => {
                rules_changed = true;
                notes.push(format!("left out a reachability rule: {why}"));
            }
        }
    }

    // Actions: carried over, rewritten, or left out (with those that require them).
    let mut dropped: BTreeMap<String, String> = BTreeMap::new();
    let mut rewritten: BTreeMap<usize, Effect> = BTreeMap::new();
    let new_link_ids: BTreeSet<&str> = links.iter().map(|l| l.id.as_str()).collect();
    for (i, action) in template.actions.iter().enumerate() {
        let mapped: Result<Effect, String> = match &action.effect {
            Effect::PowerOff(f) => map_filter(f).map(Effect::PowerOff),
            Effect::PowerOn(f) => map_filter(f).map(Effect::PowerOn),
            Effect::Reimage(f) => map_filter(f).map(Effect::Reimage),
            Effect::RestoreFromBackup(f) => map_filter(f).map(Effect::RestoreFromBackup),
            Effect::IsolateSegments(s) => map_selector(s).map(Effect::IsolateSegments),
            Effect::ReconnectSegments(s) => map_selector(s).map(Effect::ReconnectSegments),
            Effect::CutLink(id) | Effect::ReconnectLink(id) if !new_link_ids.contains(id.as_str()) => {
                Err(format!("it names the template's link \"{id}\""))
            }
            Effect::ActivateDowntime(filter) => match &filter.site {
                Some(site) => map_site(site)
                    .map(|s| {
                        let mut f = filter.clone();
                        f.site = Some(s);
                        Effect::ActivateDowntime(f)
                    })
                    .ok_or(format!("it names the template's site \"{site}\"")),
                None => Ok(action.effect.clone()),
            },
            other => Ok(other.clone()),
        };
        match mapped {
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
    for (i, action) in template.actions.iter().enumerate() {
        if let Some(why) = dropped.get(&action.id) {
            let node = outline.at(&FieldPath::root().field("actions").index(i)).ok_or("the template's actions could not be located")?;
            edits.push(remove_item(template_text, node, &format!("import-inventory left out the action \"{}\": {why}", action.id)));
            notes.push(format!("left out the action \"{}\": {why}", action.id));
        } else if let Some(effect) = rewritten.get(&i) {
            let node = outline
                .at(&FieldPath::root().field("actions").index(i).field("effect"))
                .ok_or("an action's effect could not be located")?;
            edits.push(Edit { start: node.start, end: node.end, text: ron_line(effect)? });
            notes.push(format!("the action \"{}\" now works on {}", action.id, describe_effect(effect)));
        }
    }

    // Footholds: the same number of hosts in this estate (ASSUMPTION).
    let mut footholds: Vec<Foothold> = Vec::new();
    let admin_group = host_groups
        .iter()
        .filter(|g| g.role == HostRole::Workstation)
        .find(|g| segments.iter().any(|s| s.id == g.segment && s.kind == SegmentKind::AdministrationWorkstations && s.site == hub))
        .or_else(|| host_groups.iter().filter(|g| g.role == HostRole::Workstation).max_by_key(|g| g.count));
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
                } else if let Some(server) = servers.first() {
                    footholds.push(Foothold::Host(server.name.clone()));
                    notes.push(format!(
                        "the attacker's foothold on \"{group}\" is now on the server {} (ASSUMPTION: no workstations)",
                        server.name
                    ));
                }
            }
            Foothold::Host(name) => {
                let role = template_server_role.get(name.as_str()).copied();
                let target = map_server(name)
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
    if footholds.is_empty() {
        return Err("the inventory has no host the attacker could stand on at the start".to_string());
    }
    let footholds_node = outline
        .at(&FieldPath::root().field("attacker").field("footholds"))
        .ok_or("the template's attacker footholds could not be located")?;
    edits.push(Edit {
        start: footholds_node.start,
        end: footholds_node.end,
        text: format!("[{}]", footholds.iter().map(ron_line).collect::<Result<Vec<_>, _>>()?.join(", ")),
    });
    let access: Vec<String> = template.attacker.access_links.iter().filter(|l| new_link_ids.contains(l.as_str())).cloned().collect();
    if access.len() != template.attacker.access_links.len() {
        let node = outline
            .at(&FieldPath::root().field("attacker").field("access_links"))
            .ok_or("the template's access links could not be located")?;
        edits.push(Edit { start: node.start, end: node.end, text: ron_line(&access)? });
        notes.push("the attacker's access links that named the template's WAN links were left out".to_string());
    }

    // Care services at named sites.
    if let Some(care) = &template.care {
        for (i, service) in care.services.iter().enumerate() {
            let SiteSelector::Sites(ids) = &service.sites else { continue };
            let mapped: Vec<String> = ids.iter().filter_map(|id| map_site(id)).collect::<BTreeSet<_>>().into_iter().collect();
            let selector = if mapped.len() == ids.len() {
                SiteSelector::Sites(mapped)
            } else {
                // The kind most of the template's sites were, if this estate has sites of that kind.
                let listed: Vec<SiteKind> =
                    ids.iter().filter_map(|id| template.sites.iter().find(|s| &s.id == id)).map(|s| s.kind).collect();
                let kind = listed.iter().copied().max_by_key(|k| (listed.iter().filter(|x| *x == k).count(), std::cmp::Reverse(*k as u8)));
                match kind {
                    Some(kind) if sites.iter().any(|s| s.kind == kind) => SiteSelector::Kind(kind),
                    _ => SiteSelector::All,
                }
            };
            if selector != service.sites {
                let node = outline
                    .at(&FieldPath::root().field("care").field("services").index(i).field("sites"))
                    .ok_or("a care service's sites could not be located")?;
                notes.push(format!(
                    "the service \"{}\" is now at {} (ASSUMPTION: the template named its own sites)",
                    service.name,
                    ron_line(&selector)?
                ));
                edits.push(Edit { start: node.start, end: node.end, text: ron_line(&selector)? });
            }
        }
    }

    // Injects that wait on a left-out action are left out with it.
    for (i, inject) in template.injects.iter().enumerate() {
        if let InjectTrigger::At(When::After { event: EventRef::ActionDone(id), .. }) = &inject.trigger
            && dropped.contains_key(id)
        {
            let node = outline.at(&FieldPath::root().field("injects").index(i)).ok_or("the template's injects could not be located")?;
            edits.push(remove_item(
                template_text,
                node,
                &format!("import-inventory left out the inject \"{}\": it follows \"{id}\"", inject.id),
            ));
            notes.push(format!("left out the inject \"{}\": it follows the left-out action \"{id}\"", inject.id));
        }
    }
    if !template.injects.is_empty() {
        notes.push("the injects' texts are the template's: rewrite the places and names they mention for this hospital".to_string());
    }

    // The estate's sections, written anew.
    let source = options.source.replace(['\n', '\r'], " ");
    // Sections the template lacks are added once its own are rewritten.
    let mut missing: Vec<(&'static str, String)> = Vec::new();
    let mut section = |name: &'static str, text: String, edits: &mut Vec<Edit>| -> Result<(), String> {
        match outline.at(&FieldPath::root().field(name)) {
            // The template's comments above the section speak of its own estate: they go with it.
            Some(node) => match section_start(template_text, name, node.start) {
                Some(start) => edits.push(Edit { start, end: node.end, text: format!("    {name}: {text}") }),
                None => edits.push(Edit { start: node.start, end: node.end, text }),
            },
            None => missing.push((name, text)),
        }
        Ok(())
    };
    let guessed = if guessed_kinds > 0 {
        format!(" {guessed_kinds} sites named nothing that tells their kind: a general hospital (ASSUMPTION).")
    } else {
        String::new()
    };
    section(
        "sites",
        ron_list(
            &[
                format!(
                    "From the inventory {source}. Kinds from the sites' names; a site without workstations is a headquarters or data centre.{guessed}"
                ),
                format!(
                    "Beds: ASSUMPTION, the template's {template_beds} shared among the sites with beds by their workstations; put in your own."
                ),
            ],
            &sites,
        )?,
        &mut edits,
    )?;
    section(
        "segments",
        ron_list(
            &["From the inventory's segments or VLANs. Kinds from their names, else from the hosts they hold (ASSUMPTION for workstations: clinical).".to_string()],
            &segments,
        )?,
        &mut edits,
    )?;
    if rules_changed {
        section(
            "reachability",
            ron_list(&["The template's rules that do not name its own sites or segments.".to_string()], &kept_rules)?,
            &mut edits,
        )?;
    }
    section(
        "links",
        ron_list(
            &[format!(
                "ASSUMPTION: the template's internet and partner links at {hub_site} (where the domain controllers are, or most servers), and a star of WAN links from it."
            )],
            &links,
        )?,
        &mut edits,
    )?;
    section(
        "backups",
        ron_list(
            &["The inventory's backups; offline when their names say tape, offline, immutable or air gap, online otherwise (ASSUMPTION)."
                .to_string()],
            &backups,
        )?,
        &mut edits,
    )?;
    section("servers", ron_list(&[format!("{server_count} servers from the inventory, by their own names.")], &servers)?, &mut edits)?;
    section(
        "host_groups",
        ron_list(
            &[format!(
                "{workstation_count} workstations and {device_count} medical devices from the inventory, grouped by segment, role, system, domain, EDR and backup; their names are generated from the prefix they share."
            )],
            &host_groups,
        )?,
        &mut edits,
    )?;

    // Meta: a new id and name; the template's sources, and the inventory's.
    let name = options.name.clone().unwrap_or_else(|| format!("{}: {}", options.id, template.attacker.name));
    for (field_name, value) in [("id", options.id.clone()), ("name", name), ("version", "1".to_string())] {
        let node = outline
            .at(&FieldPath::root().field("meta").field(field_name))
            .ok_or(format!("the template's meta.{field_name} could not be located"))?;
        edits.push(Edit { start: node.start, end: node.end, text: ron_line(&value)? });
    }
    // The template's historical night is its own hospital's, not this one's.
    if let Some(node) = outline.at(&FieldPath::root().field("meta").field("historical_playbook")) {
        edits.push(Edit {
            start: node.start,
            end: node.end,
            text: "None /* the template's historical night is not this hospital's */".into(),
        });
    }
    let sources_node =
        outline.at(&FieldPath::root().field("meta").field("sources")).ok_or("the template's meta.sources could not be located")?;
    let mut sources = template.meta.sources.clone();
    sources.push(format!(
        "Asset inventory {source}: {} hosts on {} sites; attacker, people, care and injects from the scenario {}",
        hosts.len(),
        sites.len(),
        template.meta.id
    ));
    edits.push(Edit { start: sources_node.start, end: sources_node.end, text: ron_list(&[], &sources)? });

    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut text = template_text.to_string();
    let mut limit = usize::MAX;
    for edit in edits {
        if edit.end > limit {
            return Err("two changes to the template overlap".to_string());
        }
        text.replace_range(edit.start..edit.end.min(text.len()), &edit.text);
        limit = edit.start;
    }
    for (name, value) in missing {
        text = add_section(&text, name, &value)?;
    }
    let header = format!(
        "// Built by `crisis-cell import-inventory` from the inventory {source} on the template {}.\n// Review every ASSUMPTION below, the beds per site, and the injects' texts, which speak of the template's hospital.\n",
        template.meta.id
    );
    Ok(ImportedScenario {
        text: header + &text,
        sites: sites.len(),
        segments: segments.len(),
        servers: server_count,
        workstations: workstation_count,
        devices: device_count,
        notes,
    })
}

/// Where a top-level section begins, with the comment lines right above it: the start of the line that
/// holds `name:` before `value_start`, moved up over the comment lines just before it. `None` when the
/// section does not stand on lines of its own.
fn section_start(text: &str, name: &str, value_start: usize) -> Option<usize> {
    let line_start = text[..value_start].rfind('\n').map_or(0, |i| i + 1);
    let head = text[line_start..value_start].trim();
    if head.strip_suffix(':').map(str::trim_end) != Some(name) {
        return None;
    }
    let mut start = line_start;
    while start > 0 {
        let previous = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if !text[previous..start - 1].trim_start().starts_with("//") {
            break;
        }
        start = previous;
    }
    Some(start)
}

/// Takes an item out of a list, its comma with it, and leaves a comment saying why.
fn remove_item(text: &str, node: &Node, comment: &str) -> Edit {
    let bytes = text.as_bytes();
    let mut end = node.end;
    while end < bytes.len() && (bytes[end] == b' ' || bytes[end] == b'\t') {
        end += 1;
    }
    if end < bytes.len() && bytes[end] == b',' {
        end += 1;
    }
    Edit { start: node.start, end, text: format!("// {}\n", comment.replace(['\n', '\r'], " ")) }
}

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
    use super::*;

    #[test]
    fn roles_and_systems_are_read_as_databases_write_them() {
        assert_eq!(role_of("Domain Controller"), Some(HostRole::DomainController));
        assert_eq!(role_of("Poste de travail"), Some(HostRole::Workstation));
        assert_eq!(role_of("Serveur de fichiers"), Some(HostRole::FileServer));
        assert_eq!(role_of("PACS"), Some(HostRole::PacsRis));
        assert_eq!(role_of("Database server"), Some(HostRole::ApplicationServer));
        assert_eq!(role_of("coffee machine"), None);
        assert_eq!(os_of("Windows Server 2019 Standard"), Some(Os::WindowsServer));
        assert_eq!(os_of("Microsoft Windows 10 Enterprise"), Some(Os::WindowsClient));
        assert_eq!(os_of("Red Hat Enterprise Linux 8"), Some(Os::Linux));
        assert_eq!(os_of("VMware ESXi 7.0"), Some(Os::Hypervisor));
        assert_eq!(os_of("BeOS"), None);
    }

    #[test]
    fn shared_prefixes_drop_their_numbers() {
        assert_eq!(common_prefix(&["ARL-CW001", "ARL-CW002", "ARL-CW113"]), "ARL-CW");
        assert_eq!(common_prefix(&["PC12", "LAPTOP3"]), "");
        assert_eq!(slug("Hôpital Saint-Joseph (Arlon)"), "hopital-saint-joseph-arlon");
    }
}
