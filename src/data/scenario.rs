//! The scenario format: the hospital group's estate, the attacker, detection and the action catalog.
//!
//! Times are in minutes unless a field's name says otherwise. Sections added by later versions of the
//! format carry `#[serde(default)]`, so older files stay valid.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dist::Dist;

/// The version of the scenario format this build reads.
pub const SCENARIO_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: u32,
    pub meta: Meta,
    pub sites: Vec<Site>,
    pub segments: Vec<Segment>,
    pub reachability: Vec<ReachRule>,
    pub links: Vec<Link>,
    #[serde(default)]
    pub backups: Vec<BackupSet>,
    pub host_groups: Vec<HostGroup>,
    #[serde(default)]
    pub servers: Vec<NamedServer>,
    pub attacker: Attacker,
    pub detection: Vec<DetectionSource>,
    pub investigation: Investigation,
    pub actions: Vec<Action>,
    /// The people who carry decisions out, and when they are there.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Actors outside the hospital, who answer after a delay.
    #[serde(default)]
    pub outside_actors: Vec<OutsideActor>,
    #[serde(default)]
    pub care: Option<Care>,
    /// The master scenario events list.
    #[serde(default)]
    pub injects: Vec<Inject>,
    /// Questions for the debrief.
    #[serde(default)]
    pub hot_wash: Vec<String>,
    /// The scenario's texts in other languages, by language code (`fr`, `en`); what a translation does
    /// not give stays as written above.
    #[serde(default)]
    pub translations: BTreeMap<String, Translation>,
}

/// A scenario's texts in another language. Each map is keyed by the id of what it translates (a
/// service by its kind, as written in `care.services`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Site names.
    #[serde(default)]
    pub sites: BTreeMap<String, String>,
    /// Segment names.
    #[serde(default)]
    pub segments: BTreeMap<String, String>,
    /// Link names.
    #[serde(default)]
    pub links: BTreeMap<String, String>,
    /// Backup sets' names.
    #[serde(default)]
    pub backups: BTreeMap<String, String>,
    /// Role names.
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
    #[serde(default)]
    pub outside_actors: BTreeMap<String, ActorText>,
    #[serde(default)]
    pub actions: BTreeMap<String, ActionText>,
    /// Detection sources' names.
    #[serde(default)]
    pub detection: BTreeMap<String, String>,
    /// Care services' names, by their kind.
    #[serde(default)]
    pub services: BTreeMap<ServiceKind, String>,
    #[serde(default)]
    pub injects: BTreeMap<String, InjectText>,
    /// The hot-wash questions, all of them, in order.
    #[serde(default)]
    pub hot_wash: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorText {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub answer_text: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionText {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InjectText {
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub audience: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub expected: Option<String>,
}

impl Scenario {
    /// The scenario with its texts in a language, where a translation gives them; the estate, the
    /// attack and every number are the same.
    pub fn in_language(&self, language: crate::i18n::Language) -> Scenario {
        let mut out = self.clone();
        let Some(t) = self.translations.get(language.code()) else {
            return out;
        };
        let set = |target: &mut String, value: Option<&String>| {
            if let Some(value) = value {
                target.clone_from(value);
            }
        };
        set(&mut out.meta.name, t.name.as_ref());
        set(&mut out.meta.description, t.description.as_ref());
        for site in &mut out.sites {
            set(&mut site.name, t.sites.get(&site.id));
        }
        for segment in &mut out.segments {
            set(&mut segment.name, t.segments.get(&segment.id));
        }
        for link in &mut out.links {
            set(&mut link.name, t.links.get(&link.id));
        }
        for backup in &mut out.backups {
            set(&mut backup.name, t.backups.get(&backup.id));
        }
        for role in &mut out.roles {
            set(&mut role.name, t.roles.get(&role.id));
        }
        for actor in &mut out.outside_actors {
            if let Some(text) = t.outside_actors.get(&actor.id) {
                set(&mut actor.name, text.name.as_ref());
                set(&mut actor.answer_text, text.answer_text.as_ref());
            }
        }
        for action in &mut out.actions {
            if let Some(text) = t.actions.get(&action.id) {
                set(&mut action.name, text.name.as_ref());
                set(&mut action.description, text.description.as_ref());
            }
        }
        for source in &mut out.detection {
            set(&mut source.name, t.detection.get(&source.id));
        }
        if let Some(care) = &mut out.care {
            for service in &mut care.services {
                set(&mut service.name, t.services.get(&service.kind));
            }
        }
        for inject in &mut out.injects {
            if let Some(text) = t.injects.get(&inject.id) {
                set(&mut inject.channel, text.channel.as_ref());
                set(&mut inject.audience, text.audience.as_ref());
                set(&mut inject.text, text.text.as_ref());
                set(&mut inject.expected, text.expected.as_ref());
            }
        }
        if !t.hot_wash.is_empty() {
            out.hot_wash.clone_from(&t.hot_wash);
        }
        out
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Short name, used on the command line and in journals.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Changes whenever the model's numbers change, so that a journal can refuse another version.
    pub version: String,
    #[serde(default)]
    pub sources: Vec<String>,
    /// An IANA time zone, such as `Europe/Brussels`.
    pub time_zone: String,
    /// Local date and time of minute 0, such as `2022-05-14T01:30`.
    pub start: String,
    #[serde(default = "one")]
    pub tick_minutes: u32,
    /// How long a run lasts when `--until` is not given.
    #[serde(default = "seventy_two")]
    pub duration_hours: u32,
    /// The plan the run is scored against, unless another is given: a built-in plan or a file in the
    /// scenario's folder.
    #[serde(default)]
    pub plan: Option<String>,
    /// What really happened, as a playbook (a built-in one or a file in the scenario's folder): the
    /// debrief and the report compare every run with it on the same seed.
    #[serde(default)]
    pub historical_playbook: Option<String>,
}

fn one() -> u32 {
    1
}
fn seventy_two() -> u32 {
    72
}

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

impl HostRole {
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

/// Where the attacker stands when the scenario starts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Foothold {
    /// The first `count` hosts of a group.
    Group { group: String, count: u32 },
    /// One named server.
    Host(String),
}

/// The hands-on phases of the kill chain, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Phase {
    Discovery,
    CredentialTheft,
    DomainAdmin,
    Deployment,
}

impl Phase {
    pub const ORDER: [Phase; 4] = [Phase::Discovery, Phase::CredentialTheft, Phase::DomainAdmin, Phase::Deployment];
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseSpec {
    /// Hands-on time the phase takes once the previous one is done. The clock of a phase runs only while
    /// the attacker can reach the estate through one of its access links.
    pub duration: Dist,
    /// The phase was completed before minute 0 (the intruders were already inside).
    #[serde(default)]
    pub done_before_start: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KillChain {
    pub discovery: PhaseSpec,
    pub credential_theft: PhaseSpec,
    pub domain_admin: PhaseSpec,
    /// From domain admin to the Group Policy push of the payload.
    pub deployment: PhaseSpec,
}

impl KillChain {
    pub fn phase(&self, phase: Phase) -> &PhaseSpec {
        match phase {
            Phase::Discovery => &self.discovery,
            Phase::CredentialTheft => &self.credential_theft,
            Phase::DomainAdmin => &self.domain_admin,
            Phase::Deployment => &self.deployment,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exfiltration {
    /// Exfiltration begins when this phase is done.
    pub begins_after: Phase,
    pub rate_gb_per_hour: f64,
    /// What the attacker means to take in all.
    pub total_gb: f64,
    /// What had already left before minute 0.
    #[serde(default)]
    pub already_gb: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpreadRate {
    pub protocol: Protocol,
    /// Attempts per compromised, running host per hour; each attempt picks a host uniformly among the
    /// hosts the source can reach over this protocol.
    pub per_hour: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPolicy {
    /// Refresh interval of domain members.
    pub member_refresh_minutes: f64,
    /// Random extra delay added to each member's refresh interval.
    pub member_jitter_minutes: f64,
    /// Refresh interval of domain controllers.
    pub controller_refresh_minutes: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attacker {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub footholds: Vec<Foothold>,
    /// The links through which the intruders operate; when every one is cut, hands-on work pauses.
    pub access_links: Vec<String>,
    pub kill_chain: KillChain,
    pub spread: Vec<SpreadRate>,
    /// Spread rates are multiplied by this once domain credentials are reset (stolen ones stop working).
    pub spread_after_credential_reset: f64,
    pub exfiltration: Exfiltration,
    pub group_policy: GroupPolicy,
    /// From a host taking the payload to the payload running.
    pub detonation_delay: Dist,
    /// Domain controllers detonate last, this long after the push, so that deployment runs its course.
    pub controller_detonation_delay: Dist,
    /// Time to encrypt one workstation.
    pub encryption_minutes: Dist,
    /// Servers hold more files: their encryption time is multiplied by this.
    pub server_encryption_factor: f64,
    /// The attacker strikes reachable online backup servers by hand at the push, before the payload.
    pub targets_backups: bool,
}

/// What makes a detection source raise an alert.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Trigger {
    /// A host of the class is compromised (silent foothold).
    Compromise(HostClass),
    /// A host of the class starts encrypting.
    EncryptionStarted(HostClass),
    /// A host of the class is fully encrypted (a ransom note on screen, services failing).
    Encrypted(HostClass),
    /// At least this many hosts of the class are fully encrypted (services fail, screens show the note).
    EncryptedCount { hosts: HostClass, at_least: u32 },
    /// At least this many gigabytes have left during the scenario.
    Exfiltrated { at_least_gb: f64 },
    /// An online backup set is destroyed.
    BackupDestroyed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectionSource {
    pub id: String,
    pub name: String,
    pub trigger: Trigger,
    /// Chance that a triggering event raises an alert; each source alerts once.
    pub probability: f64,
    /// From the triggering event to the alert reaching someone.
    pub delay: Dist,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Investigation {
    /// From the first alert to the attack being confirmed.
    pub duration: Dist,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkSelector {
    All,
    Kind(LinkKind),
}

/// A precondition of an action: it cannot start before this holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Requirement {
    /// The attack has been confirmed.
    Confirmed,
    /// Another action has been carried out in full.
    Done(String),
    /// At least one host of the class is running and not encrypted (remote tools need their servers).
    Running(HostClass),
}

/// Which care services an action speaks of: every field given must match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFilter {
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub kind: Option<ServiceKind>,
}

/// Which hosts an action works on: every field given must match; an empty filter is every host.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostFilter {
    #[serde(default)]
    pub class: Option<HostClass>,
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub segment: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

/// What an action does to the estate when its work lands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    CutLink(String),
    CutLinks(LinkSelector),
    ReconnectLink(String),
    ReconnectLinks(LinkSelector),
    IsolateSegments(SegmentSelector),
    ReconnectSegments(SegmentSelector),
    PowerOff(HostFilter),
    PowerOn(HostFilter),
    /// Disable compromised accounts and reset domain credentials (the attacker loses domain admin).
    ResetCredentials,
    /// Wipe and reinstall: clean, but the host's local data is gone.
    Reimage(HostFilter),
    /// Reinstall and restore from the host's backup set; rebuilt without data if the set is lost.
    RestoreFromBackup(HostFilter),
    /// No effect on the estate (convening, triggering the plan, alerting staff); its completion is an event.
    Procedure,
    /// People of these roles are called in.
    CallIn(Vec<String>),
    /// An outside actor is told, and answers after its delay.
    Notify(String),
    /// Services switch to their downtime procedures (paper).
    ActivateDowntime(ServiceFilter),
    /// Active treatment plans and prescriptions are printed or photographed, at every site whose EHR is
    /// still reachable when the work lands.
    SecureTreatmentPlans,
    /// Ambulances are sent to other hospitals.
    DivertAmbulances,
    /// Scheduled consultations are cancelled.
    CancelConsultations,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub effect: Effect,
    /// Before the work on the first host (or the whole effect, when it is not per host) lands.
    pub duration: Dist,
    /// Work per host, for actions on hosts.
    #[serde(default)]
    pub per_host_minutes: f64,
    /// How many hosts are worked on at once.
    #[serde(default = "one")]
    pub parallel: u32,
    /// Asks for confirmation in the window.
    #[serde(default)]
    pub irreversible: bool,
    /// The role whose people carry it out; none for actions the format's older files did not staff.
    #[serde(default)]
    pub role: Option<String>,
    /// How many people of the role it takes; for work on hosts, each handles `parallel` hosts at once.
    #[serde(default = "one")]
    pub team: u32,
    #[serde(default)]
    pub requires: Vec<Requirement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Days {
    #[default]
    Every,
    Weekdays,
    Weekends,
}

/// People of a role present by the clock.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    /// Local time, `HH:MM`; a shift ending at or before it starts runs past midnight.
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub days: Days,
    pub people: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub on_site: Vec<Shift>,
    /// People reachable by phone outside their shifts; called in, they stay for the crisis.
    #[serde(default)]
    pub on_call: u32,
    /// From the call to being at work (on site, or connected remotely).
    #[serde(default = "no_delay")]
    pub call_in: Dist,
    /// Paged automatically by the first alert (the on-call engineer).
    #[serde(default)]
    pub paged_by_first_alert: bool,
}

fn no_delay() -> Dist {
    Dist::Fixed(0.0)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutsideActor {
    pub id: String,
    pub name: String,
    /// From being told to answering (arriving, calling back, acknowledging).
    pub answer: Dist,
    #[serde(default)]
    pub answer_text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ServiceKind {
    EmergencyDepartment,
    IntensiveCare,
    OperatingTheatres,
    Dialysis,
    CathLab,
    Wards,
    Laboratory,
    Radiology,
    Pharmacy,
    Sterilisation,
    Admissions,
    Consultations,
    Switchboard,
}

/// What a lost dependency does to a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Loss {
    /// The service goes on, slower (the lab worked, slower; radiology took images but wrote no reports).
    Degraded,
    /// The service stops unless its downtime procedure (paper) is active.
    Down,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub role: HostRole,
    pub loss: Loss,
}

/// Which sites a service runs at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SiteSelector {
    All,
    Kind(SiteKind),
    Sites(Vec<String>),
}

/// The patients a service carries, for the measures of harm.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum PatientLoad {
    #[default]
    None,
    /// Every inpatient of the site depends on it (wards: treatment plans, prescriptions).
    Inpatients,
    /// Patients arriving per hour at the site (emergency department).
    ArrivalsPerHour(f64),
    /// Consultations per weekday at the site.
    ConsultationsPerWeekday(f64),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec {
    pub kind: ServiceKind,
    pub name: String,
    pub sites: SiteSelector,
    /// IT systems it needs, by server role; a system counts as there when one of its servers runs
    /// unencrypted and the site reaches it.
    #[serde(default)]
    pub depends_on: Vec<Dependency>,
    /// The service needs the site's workstations: with fewer than half running, it counts as `Down`.
    #[serde(default)]
    pub needs_workstations: bool,
    /// A downtime procedure exists: with it active, `Down` becomes `Degraded`.
    #[serde(default = "yes")]
    pub paper: bool,
    /// Among the critical activities a plan asks to keep running.
    #[serde(default)]
    pub critical: bool,
    #[serde(default)]
    pub patients: PatientLoad,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Care {
    /// Share of licensed beds filled.
    pub occupancy: f64,
    /// Share of the treatment plans that nurses secure on their own before the EHR is lost.
    #[serde(default)]
    pub secured_unprompted: f64,
    /// Share of emergency arrivals that come by ambulance (and can be diverted).
    pub ambulance_share: f64,
    pub services: Vec<ServiceSpec>,
}

/// What sets off a conditional inject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InjectCondition {
    Encrypted { hosts: HostClass, at_least: u32 },
    ServiceDown(ServiceKind),
    BackupDestroyed,
    ExfiltratedGb(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InjectTrigger {
    /// At a time, or after a visible event.
    At(super::playbook::When),
    /// When a condition first holds, after a delay.
    When { condition: InjectCondition, minutes: u32 },
}

/// One message or event of the master scenario events list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    pub id: String,
    pub trigger: InjectTrigger,
    /// How it reaches the cell: phone, e-mail, a visit, the press.
    #[serde(default)]
    pub channel: String,
    /// Who in the cell receives it.
    #[serde(default)]
    pub audience: String,
    pub text: String,
    /// What the cell is expected to do.
    #[serde(default)]
    pub expected: String,
    /// The plan milestone it tests.
    #[serde(default)]
    pub milestone: Option<String>,
}
