//! Words for what the simulation records: each typed event, wait and phase as a sentence in a language.
//! The feed, the timeline's text, the reports and a replayed journal all word events here.

use crate::data::scenario::{HostClass, HostRole, Os, Phase, SegmentKind};
use crate::i18n::Language;
use crate::sim::event::{Event, ExfiltrationEnd, Outcome, ServiceChange, Team, Wait};

/// An event as the timeline tells it.
pub fn event(language: Language, event: &Event) -> String {
    use Event::*;
    match event {
        Footholds { hosts } => language.trf("event-footholds", &[("hosts", hosts)]),
        PhaseCompleted { phase, before_start: true } => {
            language.trf("event-phase-completed-before-start", &[("phase", &self::phase(language, *phase))])
        }
        PhaseCompleted { phase, before_start: false } => {
            language.trf("event-phase-completed", &[("phase", &self::phase(language, *phase))])
        }
        ExfiltrationBegins => language.tr("data-exfiltration-begins").into(),
        PayloadPushed => language.tr("payload-pushed-domain-members-group").into(),
        DomainAdminLost => language.tr("attacker-loses-domain-admin-stolen").into(),
        PolicyRemoved => language.tr("malicious-group-policy-longer-served").into(),
        AttackerBlocked { phase } => language.trf("event-attacker-blocked", &[("phase", &self::phase(language, *phase))]),
        ExfiltrationEnded { why, gigabytes } => exfiltration_end(language, *why, *gigabytes),
        FirstEncrypted => language.tr("first-host-fully-encrypted").into(),
        BackupDestroyed { backup } => language.trf("event-backup-destroyed", &[("backup", backup)]),
        Alert { source } => language.trf("event-alert", &[("source", source)]),
        Confirmed => language.tr("investigation-confirms-cyberattack").into(),
        UnknownAction { action } => language.trf("event-unknown-action", &[("action", action)]),
        DecisionTaken { action } => language.trf("event-decision", &[("action", action)]),
        Waiting { action, reason } => language.trf("event-waiting", &[("action", action), ("reason", &wait(language, reason))]),
        Started { action, team } => {
            language.trf("event-started", &[("action", action), ("team", &team.as_ref().map_or(String::new(), |t| who(language, t)))])
        }
        TeamGrew { action, joined, team } => {
            language.trf("event-team-grew", &[("action", action), ("joined", joined), ("team", &who(language, team))])
        }
        CalledAway { action, to, team } => {
            language.trf("event-called-away", &[("action", action), ("to", to), ("team", &who(language, team))])
        }
        CalledIn { role, on_call, first_in_minutes } => {
            language.trf("event-called-in", &[("role", role), ("on_call", on_call), ("minutes", first_in_minutes)])
        }
        OutsideAnswer { actor, answer } if answer.is_empty() => language.trf("event-outside-answers", &[("actor", actor)]),
        OutsideAnswer { answer, .. } => answer.clone(),
        Done { action, outcome } => self::outcome(language, action, outcome),
        EhrLost { sites, secured, lost } => language
            .trf("event-ehr-lost", &[("sites", &sites.join(", ")), ("secured", &format!("{secured:.0}")), ("lost", &format!("{lost:.0}"))]),
        ServiceChanged { service, change, sites } => language.trf(
            "event-service-changed",
            &[("service", service), ("change", &service_change(language, *change)), ("sites", &sites.join(", "))],
        ),
        Inject { channel, text } if channel.is_empty() => text.clone(),
        Inject { channel, text } => format!("[{channel}] {text}"),
    }
}

/// A phase of the kill chain, in words.
pub fn phase(language: Language, phase: Phase) -> &'static str {
    language.tr(match phase {
        Phase::Discovery => "phase-discovery",
        Phase::CredentialTheft => "phase-credential-theft",
        Phase::DomainAdmin => "phase-domain-admin",
        Phase::Deployment => "phase-mass-deployment",
    })
}

/// A site's name without the part in brackets ("Arlon", not "Arlon (CHL Arlon)"), where room is short.
pub fn short_site_name(name: &str) -> &str {
    name.split(" (").next().unwrap_or(name)
}

/// What a host does, in words.
pub fn host_role(language: Language, role: HostRole) -> &'static str {
    language.tr(match role {
        HostRole::DomainController => "host-role-domain-controller",
        HostRole::Ehr => "host-role-ehr",
        HostRole::PacsRis => "host-role-pacs-ris",
        HostRole::Laboratory => "host-role-laboratory",
        HostRole::Pharmacy => "host-role-pharmacy",
        HostRole::Telephony => "host-role-telephony",
        HostRole::FileServer => "host-role-file-server",
        HostRole::Hypervisor => "host-role-hypervisor",
        HostRole::BackupServer => "host-role-backup-server",
        HostRole::ApplicationServer => "host-role-application-server",
        HostRole::Workstation => "host-role-workstation",
        HostRole::MedicalDevice => "host-role-medical-device",
    })
}

/// A host's operating system, in words.
pub fn system(language: Language, os: Os) -> &'static str {
    language.tr(match os {
        Os::WindowsServer => "os-windows-server",
        Os::WindowsClient => "os-windows-client",
        Os::Linux => "os-linux",
        Os::Hypervisor => "os-hypervisor",
        Os::Embedded => "os-embedded",
    })
}

/// What a segment of the network holds, in words.
pub fn segment_kind(language: Language, kind: SegmentKind) -> &'static str {
    language.tr(match kind {
        SegmentKind::Servers => "segment-kind-servers",
        SegmentKind::ClinicalWorkstations => "segment-kind-clinical-workstations",
        SegmentKind::AdministrationWorkstations => "segment-kind-administration-workstations",
        SegmentKind::MedicalDevices => "segment-kind-medical-devices",
        SegmentKind::Dmz => "segment-kind-dmz",
        SegmentKind::Backup => "segment-kind-backup",
        SegmentKind::Management => "segment-kind-management",
    })
}

/// A span of minutes as a person reads it: "45 min", "2 h 05", "2 d 19 h".
pub fn span(language: Language, minutes: u32) -> String {
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    if minutes < 60 {
        language.trf("span-minutes", &[("minutes", &minutes)])
    } else if minutes < 1440 {
        language.trf("span-hours", &[("hours", &hours), ("minutes", &format!("{mins:02}"))])
    } else {
        language.trf("span-days", &[("days", &days), ("hours", &hours)])
    }
}

/// What a decision waits for, in words.
pub fn wait(language: Language, wait: &Wait) -> String {
    match wait {
        Wait::FirstAlert => language.tr("wait-first-alert").to_string(),
        Wait::Confirmation => language.tr("attack-be-confirmed").to_string(),
        Wait::Done(id) => language.trf("wait-done", &[("action", id)]),
        Wait::Running(class) => language.trf("wait-running", &[("class", &host_class(*class))]),
        Wait::Someone(role) => language.trf("wait-someone", &[("role", role)]),
        Wait::ServerRunning(name) => language.trf("wait-server-running", &[("server", name)]),
        Wait::LinkUp(id) => language.trf("wait-link-up", &[("link", id)]),
    }
}

fn host_class(class: HostClass) -> String {
    format!("{class:?}")
}

fn who(language: Language, team: &Team) -> String {
    let scope = if team.hosts == 0 { String::new() } else { language.trf("team-hosts", &[("hosts", &team.hosts)]) };
    format!(" ({} × {}{scope})", team.size, team.role)
}

fn exfiltration_end(language: Language, why: ExfiltrationEnd, gigabytes: f64) -> String {
    let gigabytes = format!("{gigabytes:.0}");
    let id = match why {
        ExfiltrationEnd::NoFootholdRunning => "event-exfiltration-no-foothold",
        ExfiltrationEnd::LinkCut => "event-exfiltration-link-cut",
        ExfiltrationEnd::Complete => "event-exfiltration-complete",
    };
    language.trf(id, &[("gigabytes", &gigabytes)])
}

fn outcome(language: Language, action: &str, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Links { reconnected, names } => {
            let names = if names.len() > 4 { language.trf("link-count", &[("count", &names.len())]) } else { names.join(", ") };
            if *reconnected {
                language.trf("outcome-links-reconnected", &[("links", &names)])
            } else {
                language.trf("outcome-links-cut", &[("links", &names)])
            }
        }
        Outcome::Segments { isolated: true, count } => language.trf("outcome-segments-isolated", &[("count", count)]),
        Outcome::Segments { isolated: false, count } => language.trf("outcome-segments-reconnected", &[("count", count)]),
        Outcome::PortsShut { count } => language.trf("outcome-ports-shut", &[("count", count)]),
        Outcome::Contained { hosts, managed } => language.trf("outcome-contained", &[("hosts", hosts), ("managed", managed)]),
        Outcome::Released { hosts } => language.trf("outcome-released", &[("hosts", hosts)]),
        Outcome::CredentialsReset => language.tr("domain-credentials-reset-compromised-accounts").into(),
        Outcome::Completed => language.trf("outcome-done", &[("action", &action)]),
        Outcome::Told { actor } => language.trf("outcome-told", &[("actor", actor)]),
        Outcome::DowntimeActive => language.tr("downtime-procedures-paper-active").into(),
        Outcome::AmbulancesDiverted => language.tr("ambulances-diverted-other-hospitals").into(),
        Outcome::ConsultationsCancelled => language.tr("consultations-cancelled").into(),
        Outcome::DiversionEnded => language.tr("outcome-diversion-ended").into(),
        Outcome::EmergencyClosed => language.tr("outcome-emergency-closed").into(),
        Outcome::EmergencyReopened => language.tr("outcome-emergency-reopened").into(),
        Outcome::OperationsCancelled => language.tr("outcome-operations-cancelled").into(),
        Outcome::ScheduledCareResumed => language.tr("outcome-scheduled-care-resumed").into(),
        Outcome::PoweredOff { hosts } => language.trf("outcome-powered-off", &[("hosts", hosts)]),
        Outcome::StartedAgain { hosts } => language.trf("outcome-started-again", &[("hosts", hosts)]),
        Outcome::Reimaged { hosts } => language.trf("outcome-reimaged", &[("hosts", hosts)]),
        Outcome::Reinstalled { hosts, with_data } if with_data == hosts => language.trf("outcome-restored", &[("hosts", hosts)]),
        Outcome::Reinstalled { hosts, with_data } => {
            language.trf("outcome-reinstalled", &[("hosts", hosts), ("with_data", with_data), ("without_data", &(hosts - with_data))])
        }
    }
}

fn service_change(language: Language, change: ServiceChange) -> &'static str {
    language.tr(match change {
        ServiceChange::BackUp => "service-back-up",
        ServiceChange::OnPaper => "service-on-paper",
        ServiceChange::Degraded => "service-degraded",
        ServiceChange::Down => "service-down",
    })
}

/// The clock on the wall in a language: `Sat 14 May 2022  03:29 CEST`, `sam. 14 mai 2022  03:29 CEST`.
pub fn wall_clock(clock: &crate::sim::Clock, minute: u32, language: Language) -> String {
    if language == Language::English {
        return clock.wall(minute);
    }
    const WEEKDAYS: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
    const MONTHS: [&str; 12] = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    match clock.start.checked_add(jiff::SignedDuration::from_mins(i64::from(minute))) {
        Ok(at) => format!(
            "{} {} {} {}  {}",
            WEEKDAYS[at.weekday().to_monday_zero_offset() as usize],
            at.day(),
            MONTHS[(at.month() - 1) as usize],
            at.year(),
            at.strftime("%H:%M %Z")
        ),
        Err(_) => format!("+{minute} min"),
    }
}

/// The tag a feed line carries for its kind of entry.
pub fn feed_tag(language: Language, kind: crate::sim::timeline::EntryKind) -> &'static str {
    use crate::sim::timeline::EntryKind;
    match kind {
        EntryKind::Attack => language.tr("feed-tag-hidden"),
        EntryKind::Alert => language.tr("feed-tag-alert"),
        EntryKind::Confirmation => language.tr("feed-tag-confirmed"),
        EntryKind::Decision => language.tr("feed-tag-decision"),
        EntryKind::Effect => language.tr("feed-tag-done"),
        EntryKind::People => language.tr("feed-tag-people"),
        EntryKind::Outside => language.tr("feed-tag-outside"),
        EntryKind::Care => language.tr("feed-tag-care"),
        EntryKind::Inject => language.tr("feed-tag-inject"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_reads_in_minutes_hours_or_days() {
        assert_eq!(span(Language::English, 45), "45 min");
        assert_eq!(span(Language::English, 125), "2 h 05");
        assert_eq!(span(Language::English, 4053), "2 d 19 h");
        assert_eq!(span(Language::French, 4053), "2 j 19 h");
    }
}
