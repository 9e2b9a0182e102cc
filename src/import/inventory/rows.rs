//! Reading an asset inventory: which column is which (headings as configuration databases export them,
//! in English or French, or as `--column` names them), and one host a row, with its role, system,
//! domain, backup and EDR read from the words people write there. Every bad row is reported at once.

use std::collections::HashMap;

use crate::data::load::{Problem, Problems};
use crate::data::scenario::{HostRole, Os};
use crate::import::table::{Cell, Table, is_blank, simplify};

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

/// What a backup cell says: no backup, a backup by no particular name, or the backup's name.
fn backup_of(text: &str) -> Option<String> {
    match yes_no(text) {
        _ if text.is_empty() => None,
        Some(false) => None,
        Some(true) => Some("backup".to_string()),
        None => Some(text.to_string()),
    }
}

/// What an EDR cell says: yes or no, or a product's name, which says an agent is there.
fn edr_of(text: &str) -> bool {
    match yes_no(text) {
        Some(edr) => edr,
        None if text.is_empty() => false,
        None => true,
    }
}

/// The heading row of an inventory, and which of its columns is which field.
struct Headings<'a> {
    row: usize,
    cells: &'a [Cell],
    overrides: &'a [(String, String)],
}

impl<'a> Headings<'a> {
    /// Finds the heading row (the first among the first twenty that names a host name and a role) and
    /// checks that every required column is there.
    fn find(table: &'a Table, overrides: &'a [(String, String)]) -> Result<Self, Problems> {
        let names = |row: &[Cell], field: &str| row.iter().any(|c| heading_is(c, field, overrides));
        let Some(row) = table.rows.iter().take(20).position(|row| names(row, "hostname") && names(row, "role")) else {
            let first = table.first_filled_row().unwrap_or(0);
            let found = table.headings_in(first);
            return Err(Problems::one(
                &table.file,
                format!(
                    "{}: expected a heading row naming at least the host name, the site and the role (hostname, site, segment or vlan, role, os, \
                     domain joined, backup, edr, description; in French: nom, site, vlan, fonction, systeme, domaine, sauvegarde); found: {}. \
                     Other headings can be named with --column FIELD=HEADING",
                    table.place(first, 0, "headings"),
                    if found.is_empty() { "nothing".to_string() } else { found.join(", ") }
                ),
            ));
        };
        let headings = Headings { row, cells: &table.rows[row], overrides };
        let missing: Vec<&str> =
            INVENTORY_COLUMNS.iter().filter(|c| c.required && headings.column(c.field).is_none()).map(|c| c.field).collect();
        if !missing.is_empty() {
            return Err(Problems::one(
                &table.file,
                format!("{}: no column for {} (name it with --column FIELD=HEADING)", table.place(row, 0, "headings"), missing.join(", ")),
            ));
        }
        Ok(headings)
    }

    fn column(&self, field: &str) -> Option<usize> {
        self.cells.iter().position(|h| heading_is(h, field, self.overrides))
    }

    /// The heading of a field's column as the inventory writes it.
    fn text(&self, field: &str) -> String {
        self.column(field).map(|c| self.cells[c].text()).unwrap_or_default()
    }
}

/// Whether a cell is a heading of a field: the one `--column` gives it, else one of its usual ones.
fn heading_is(cell: &Cell, field: &str, overrides: &[(String, String)]) -> bool {
    let heading = simplify(&cell.text());
    if heading.is_empty() {
        return false;
    }
    match overrides.iter().find(|(f, _)| f == field) {
        Some((_, wanted)) => simplify(wanted) == heading,
        None => INVENTORY_COLUMNS.iter().find(|c| c.field == field).is_some_and(|c| c.headings.contains(&heading.as_str())),
    }
}

/// The hosts an inventory table lists; every bad row and cell is reported, all at once.
pub fn hosts_from_table(table: &Table, overrides: &[(String, String)]) -> Result<Inventory, Problems> {
    let headings = Headings::find(table, overrides)?;
    let header_row = headings.row;
    let mut reader = RowReader { table, headings, problems: Vec::new(), seen: HashMap::new(), assumed: Assumed::default() };
    let mut hosts: Vec<InventoryHost> = Vec::new();
    for (r, row) in table.rows.iter().enumerate().skip(header_row + 1) {
        if is_blank(row) {
            continue;
        }
        if let Some(host) = reader.host(r, row) {
            hosts.push(host);
        }
    }
    if hosts.is_empty() && reader.problems.is_empty() {
        return Err(Problems::one(&table.file, format!("{}: no hosts below the headings", table.place(header_row, 0, "headings"))));
    }
    if !reader.problems.is_empty() {
        return Err(Problems(reader.problems));
    }
    Ok(Inventory { hosts, assumed: reader.assumed.notes() })
}

/// How many hosts left a cell empty that had to be assumed.
#[derive(Default)]
struct Assumed {
    os: usize,
    domain: usize,
    segment: usize,
}

impl Assumed {
    /// What was assumed, one line a kind of cell, for the import's notes.
    fn notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.os > 0 {
            notes.push(format!(
                "{} hosts without a system: Windows for servers and workstations, embedded for medical devices (ASSUMPTION)",
                self.os
            ));
        }
        if self.domain > 0 {
            notes.push(format!("{} hosts without a domain column or value: Windows hosts joined, others not (ASSUMPTION)", self.domain));
        }
        if self.segment > 0 {
            notes.push(format!("{} hosts without a segment: placed in their site's segment for their kind (ASSUMPTION)", self.segment));
        }
        notes
    }
}

/// Reads the rows below the headings, keeping every problem and what had to be assumed.
struct RowReader<'a> {
    table: &'a Table,
    headings: Headings<'a>,
    problems: Vec<Problem>,
    /// Host names given so far, in lower case, with the spreadsheet row that first gave each.
    seen: HashMap<String, usize>,
    assumed: Assumed,
}

impl RowReader<'_> {
    fn say(&mut self, message: String) {
        self.problems.push(Problem { file: self.table.file.clone(), position: None, field: String::new(), message });
    }

    /// A field's cell of a row, as text.
    fn cell(&self, row: &[Cell], field: &str) -> String {
        self.headings.column(field).and_then(|c| row.get(c)).map(Cell::text).unwrap_or_default()
    }

    /// Where a field's cell of a row is, for a message.
    fn place(&self, r: usize, field: &str) -> String {
        self.table.place(r, self.headings.column(field).unwrap_or(0), &self.headings.text(field))
    }

    /// The host a row gives, if nothing in it is wrong; every problem with it is said.
    fn host(&mut self, r: usize, row: &[Cell]) -> Option<InventoryHost> {
        let name = self.cell(row, "hostname");
        let site = self.cell(row, "site");
        let mut bad = !self.name_is_new(r, &name);
        if site.is_empty() {
            self.say(format!("{}: the site is empty", self.place(r, "site")));
            bad = true;
        }
        let role_text = self.cell(row, "role");
        let role = role_of(&role_text);
        if role.is_none() {
            self.say(format!(
                "{}: \"{role_text}\" is not a role crisis-cell knows (domain controller, EHR, PACS/RIS, laboratory, pharmacy, telephony, \
                 file server, hypervisor, backup, application server, workstation, medical device)",
                self.place(r, "role")
            ));
            bad = true;
        }
        let os = self.os(r, &self.cell(row, "os"), role);
        let domain_joined = self.domain_joined(r, &self.cell(row, "domain_joined"), os);
        bad |= domain_joined.is_none();
        let backup = backup_of(&self.cell(row, "backup"));
        let edr = edr_of(&self.cell(row, "edr"));
        let segment = self.cell(row, "segment");
        if segment.is_empty() {
            self.assumed.segment += 1;
        }
        if !name.is_empty() {
            self.seen.entry(name.to_lowercase()).or_insert(self.table.first_row + r);
        }
        let (Some(role), Some(os), false) = (role, os, bad) else {
            return None;
        };
        Some(InventoryHost {
            name,
            site,
            segment,
            role,
            os,
            domain_joined: domain_joined.unwrap_or(false),
            backup,
            edr,
            description: self.cell(row, "description"),
            row: self.table.first_row + r,
        })
    }

    /// Whether a host name is one, and not given before; says why not.
    fn name_is_new(&mut self, r: usize, name: &str) -> bool {
        let problem = if name.is_empty() {
            "the host name is empty".to_string()
        } else if name.chars().any(|c| c.is_control() || c == '"') {
            format!("\"{}\" is not a host name (no quotes or control characters)", name.escape_debug())
        } else if let Some(first) = self.seen.get(&name.to_lowercase()) {
            format!("the host \"{name}\" is listed twice (first on row {first})")
        } else {
            return true;
        };
        self.say(format!("{}: {problem}", self.place(r, "hostname")));
        false
    }

    /// The host's system: as the cell names it, or the usual one for its role when the cell is empty
    /// (ASSUMPTION); `None`, said, when the cell names no system crisis-cell knows.
    fn os(&mut self, r: usize, text: &str, role: Option<HostRole>) -> Option<Os> {
        match os_of(text) {
            Some(os) => Some(os),
            None if text.is_empty() => {
                self.assumed.os += 1;
                role.map(usual_os)
            }
            None => {
                self.say(format!(
                    "{}: \"{text}\" is not a system crisis-cell knows (Windows Server, Windows, Linux, ESXi, embedded)",
                    self.place(r, "os")
                ));
                None
            }
        }
    }

    /// Whether the host is a domain member: yes or no, or a domain's name; for an empty cell, Windows
    /// hosts are (ASSUMPTION). `None`, said, when the cell is none of these.
    fn domain_joined(&mut self, r: usize, text: &str, os: Option<Os>) -> Option<bool> {
        match yes_no(text) {
            Some(joined) => Some(joined),
            // A domain's name (HOSPITAL.LOCAL) says the host is joined to it.
            None if text.contains('.') || (!text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '-')) => Some(true),
            None if text.is_empty() => {
                self.assumed.domain += 1;
                Some(matches!(os, Some(Os::WindowsServer | Os::WindowsClient)))
            }
            None => {
                self.say(format!("{}: \"{text}\" is neither yes, no, nor a domain name", self.place(r, "domain_joined")));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::read_csv;

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

    fn inventory(csv: &str) -> Result<Inventory, Problems> {
        hosts_from_table(&read_csv("inventory.csv", csv).unwrap_or_else(|e| panic!("{e}")), &[])
    }

    #[test]
    fn a_host_listed_twice_is_refused_with_the_row_that_first_gave_it() {
        let problems = inventory("Hostname;Site;Role\nPC-1;Arlon;Workstation\nSRV-1;Arlon;File server\npc-1;Arlon;Workstation\n")
            .err()
            .unwrap_or_else(|| panic!("a duplicate host is refused"));
        assert_eq!(problems.0.len(), 1);
        assert!(
            problems.0[0].message.contains("row 4, column A (Hostname): the host \"pc-1\" is listed twice (first on row 2)"),
            "{problems}"
        );
    }

    #[test]
    fn empty_cells_are_assumed_and_said() {
        let read =
            inventory("Hostname;Site;Role;OS\nSRV-1;Arlon;File server;\nPC-1;Arlon;Workstation;Linux\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read.hosts[0].os, Os::WindowsServer, "a server without a system runs Windows Server (ASSUMPTION)");
        assert!(read.hosts[0].domain_joined, "a Windows host without a domain cell is joined (ASSUMPTION)");
        assert!(!read.hosts[1].domain_joined);
        assert_eq!(read.assumed.len(), 3, "system, domain and segment assumed: {:?}", read.assumed);
    }
}
