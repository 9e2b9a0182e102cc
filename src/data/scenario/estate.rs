//! The hospital group's estate: sites, segments and the traffic allowed between them, links, backups and hosts.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteKind {
    GeneralHospital,
    PsychiatricHospital,
    NursingHome,
    Polyclinic,
    Headquarters,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub kind: SiteKind,
    /// Licensed beds.
    #[serde(default)]
    pub beds: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SegmentKind {
    Servers,
    ClinicalWorkstations,
    AdministrationWorkstations,
    MedicalDevices,
    Dmz,
    Backup,
    Management,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub id: String,
    pub site: String,
    pub kind: SegmentKind,
    #[serde(default)]
    pub name: String,
}

/// Lateral-movement protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Protocol {
    /// File shares and remote service creation (PsExec-style).
    Smb,
    /// Remote desktop.
    Rdp,
    /// Remote management: WinRM, WMI, the management tools of hypervisors.
    Management,
    /// Secure shell, towards Linux and hypervisor hosts.
    Ssh,
}

impl Protocol {
    pub const ALL: [Protocol; 4] = [Protocol::Smb, Protocol::Rdp, Protocol::Management, Protocol::Ssh];
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Which segments a rule speaks of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SegmentSelector {
    All,
    Segment(String),
    Kind(SegmentKind),
    Site(String),
    /// Segments of one kind at one site.
    KindAt(SegmentKind, String),
}

/// Whether a rule holds within one segment, between segments of one site, across sites, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Scope {
    SameSegment,
    SameSite,
    OtherSites,
    #[default]
    Any,
}

/// Traffic allowed from one set of segments to another, by protocol. Traffic between two sites also
/// needs a path of uncut WAN links.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReachRule {
    pub from: SegmentSelector,
    pub to: SegmentSelector,
    pub protocols: Vec<Protocol>,
    #[serde(default)]
    pub scope: Scope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkKind {
    /// Between two sites.
    Wan,
    /// From one site to the internet.
    Internet,
    /// From one site to a partner (supplier remote access, another institution).
    PartnerVpn,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub kind: LinkKind,
    /// Two sites for a WAN link, one for the others.
    pub sites: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupKind {
    /// On the network, reachable by an attacker holding domain admin: can be destroyed.
    Online,
    /// Off line or immutable: survives.
    Offline,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupSet {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub kind: BackupKind,
    /// The named server that holds an online set; destroyed with it.
    #[serde(default)]
    pub server: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HostRole {
    DomainController,
    Ehr,
    PacsRis,
    Laboratory,
    Pharmacy,
    Telephony,
    FileServer,
    Hypervisor,
    BackupServer,
    ApplicationServer,
    Workstation,
    MedicalDevice,
}

// A role added after the last one must be added to `HostRole::ALL`, which counts are indexed by.
const _: () = assert!(HostRole::MedicalDevice as usize + 1 == HostRole::ALL.len());

impl HostRole {
    /// Every role, in declaration order (`role as usize` indexes it).
    pub const ALL: [HostRole; 12] = [
        HostRole::DomainController,
        HostRole::Ehr,
        HostRole::PacsRis,
        HostRole::Laboratory,
        HostRole::Pharmacy,
        HostRole::Telephony,
        HostRole::FileServer,
        HostRole::Hypervisor,
        HostRole::BackupServer,
        HostRole::ApplicationServer,
        HostRole::Workstation,
        HostRole::MedicalDevice,
    ];

    pub fn is_server(self) -> bool {
        !matches!(self, HostRole::Workstation | HostRole::MedicalDevice)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Os {
    WindowsServer,
    WindowsClient,
    Linux,
    Hypervisor,
    Embedded,
}

impl Os {
    /// Whether the attacker can move onto a host of this system over a protocol.
    pub fn accepts(self, protocol: Protocol) -> bool {
        match self {
            Os::WindowsServer | Os::WindowsClient => {
                matches!(protocol, Protocol::Smb | Protocol::Rdp | Protocol::Management)
            }
            Os::Linux => matches!(protocol, Protocol::Ssh),
            Os::Hypervisor => matches!(protocol, Protocol::Ssh | Protocol::Management),
            Os::Embedded => false,
        }
    }
    pub fn is_windows(self) -> bool {
        matches!(self, Os::WindowsServer | Os::WindowsClient)
    }
}

/// Many alike hosts in one segment, named `{name_prefix}-0001` onwards.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostGroup {
    pub id: String,
    pub segment: String,
    pub count: u32,
    pub role: HostRole,
    pub os: Os,
    pub domain_joined: bool,
    #[serde(default)]
    pub edr: bool,
    /// Servers: the sites whose data they hold (site ids); empty: every site that reaches them.
    #[serde(default)]
    pub serves: Vec<String>,
    /// Virtual machines: the hypervisors they run on (named servers or host groups of role
    /// `Hypervisor`); a guest runs only while one of them runs.
    #[serde(default)]
    pub runs_on: Vec<String>,
    /// The backup set this group is saved to, if any.
    #[serde(default)]
    pub backup: Option<String>,
    pub name_prefix: String,
}

/// One critical server, by name.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedServer {
    pub name: String,
    pub segment: String,
    pub role: HostRole,
    pub os: Os,
    pub domain_joined: bool,
    #[serde(default)]
    pub edr: bool,
    /// The sites whose data it holds (site ids); empty: every site that reaches it.
    #[serde(default)]
    pub serves: Vec<String>,
    /// Servers it needs to work (names), such as an application's database.
    #[serde(default)]
    pub needs: Vec<String>,
    /// A virtual machine: the hypervisors it runs on (named servers or host groups of role
    /// `Hypervisor`); it runs only while one of them runs.
    #[serde(default)]
    pub runs_on: Vec<String>,
    /// The backup set it is saved to, if any.
    #[serde(default)]
    pub backup: Option<String>,
    #[serde(default)]
    pub description: String,
}

/// A class of hosts, for detection triggers and action targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HostClass {
    Any,
    Servers,
    Workstations,
    /// Hosts that run an endpoint detection and response agent.
    WithEdr,
    Role(HostRole),
}
