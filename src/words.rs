//! Words for what the simulation records: each typed event, wait and phase as a sentence in a language.
//! The feed, the timeline's text, the reports and a replayed journal all word events here.

use crate::data::scenario::{HostClass, Phase};
use crate::i18n::Language;
use crate::sim::event::{Event, ExfiltrationEnd, Outcome, ServiceChange, Team, Wait};

/// An event as the timeline tells it.
pub fn event(language: Language, event: &Event) -> String {
    use Event::*;
    match event {
        Footholds { hosts } => language.trf("The intruders hold {} host(s) at the start", &[hosts]),
        PhaseCompleted { phase, before_start: true } => {
            language.trf("Attacker completes {} (before the start)", &[&self::phase(language, *phase)])
        }
        PhaseCompleted { phase, before_start: false } => language.trf("Attacker completes {}", &[&self::phase(language, *phase)]),
        ExfiltrationBegins => language.tr("Data exfiltration begins").into(),
        PayloadPushed => language.tr("Payload pushed to domain members by Group Policy").into(),
        DomainAdminLost => language.tr("The attacker loses domain admin: stolen credentials no longer work").into(),
        PolicyRemoved => language.tr("The malicious Group Policy is no longer served").into(),
        AttackerBlocked { phase } => {
            language.trf("The attacker cannot complete {}: no path from a running foothold", &[&self::phase(language, *phase)])
        }
        ExfiltrationEnded { why, gigabytes } => exfiltration_end(language, *why, *gigabytes),
        FirstEncrypted => language.tr("The first host is fully encrypted").into(),
        BackupDestroyed { backup } => language.trf("Online backup set \"{}\" destroyed", &[backup]),
        Alert { source } => language.trf("Alert: {}", &[source]),
        Confirmed => language.tr("Investigation confirms a cyberattack").into(),
        UnknownAction { action } => language.trf("Unknown action \"{}\" ignored", &[action]),
        DecisionTaken { action } => language.trf("Decision: {}", &[action]),
        Waiting { action, reason } => language.trf("{} waits for {}", &[action, &wait(language, reason)]),
        Started { action, team } => language.trf("Started: {}{}", &[action, &team.as_ref().map_or(String::new(), |t| who(language, t))]),
        CalledIn { role, on_call, first_in_minutes } => {
            language.trf("{} called in ({} on call; the first is there in {} min)", &[role, on_call, first_in_minutes])
        }
        OutsideAnswer { actor, answer } if answer.is_empty() => language.trf("{} answers", &[actor]),
        OutsideAnswer { answer, .. } => answer.clone(),
        Done { action, outcome } => self::outcome(language, action, outcome),
        EhrLost { sites, secured, lost } => language.trf(
            "The EHR is out of reach at {}: {} treatment plans secured on paper, {} lost to the wards",
            &[&sites.join(", "), &format!("{secured:.0}"), &format!("{lost:.0}")],
        ),
        ServiceChanged { service, change, sites } => {
            language.trf("{} {}: {}", &[service, &service_change(language, *change), &sites.join(", ")])
        }
        Inject { channel, text } if channel.is_empty() => text.clone(),
        Inject { channel, text } => format!("[{channel}] {text}"),
    }
}

/// A phase of the kill chain, in words.
pub fn phase(language: Language, phase: Phase) -> &'static str {
    language.tr(match phase {
        Phase::Discovery => "discovery",
        Phase::CredentialTheft => "credential theft",
        Phase::DomainAdmin => "domain admin",
        Phase::Deployment => "mass deployment",
    })
}

/// What a decision waits for, in words.
pub fn wait(language: Language, wait: &Wait) -> String {
    match wait {
        Wait::Confirmation => language.tr("the attack to be confirmed").to_string(),
        Wait::Done(id) => language.trf("\"{}\" to be done", &[id]),
        Wait::Running(class) => language.trf("a running {} host (remote tools)", &[&host_class(*class)]),
        Wait::Someone(role) => language.trf("someone of {}", &[role]),
    }
}

fn host_class(class: HostClass) -> String {
    format!("{class:?}")
}

fn who(language: Language, team: &Team) -> String {
    let scope = if team.hosts == 0 { String::new() } else { language.trf(", {} hosts", &[&team.hosts]) };
    format!(" ({} × {}{scope})", team.size, team.role)
}

fn exfiltration_end(language: Language, why: ExfiltrationEnd, gigabytes: f64) -> String {
    let gigabytes = format!("{gigabytes:.0}");
    let wording = match why {
        ExfiltrationEnd::NoFootholdRunning => "Exfiltration stops (no foothold left running) at {} GB",
        ExfiltrationEnd::LinkCut => "Exfiltration stops (the intruders' link is cut) at {} GB",
        ExfiltrationEnd::Complete => "Exfiltration complete: {} GB",
    };
    language.trf(wording, &[&gigabytes])
}

fn outcome(language: Language, action: &str, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Links { reconnected, names } => {
            let names = if names.len() > 4 { language.trf("{} links", &[&names.len()]) } else { names.join(", ") };
            if *reconnected { language.trf("Reconnected: {}", &[&names]) } else { language.trf("Cut: {}", &[&names]) }
        }
        Outcome::Segments { isolated: true, count } => language.trf("Isolated {} segment(s)", &[count]),
        Outcome::Segments { isolated: false, count } => language.trf("Reconnected {} segment(s)", &[count]),
        Outcome::CredentialsReset => language.tr("Domain credentials reset and compromised accounts disabled").into(),
        Outcome::Completed => language.trf("{} done", &[&action]),
        Outcome::Told { actor } => language.trf("{} told", &[actor]),
        Outcome::DowntimeActive => language.tr("Downtime procedures (paper) active").into(),
        Outcome::AmbulancesDiverted => language.tr("Ambulances diverted to other hospitals").into(),
        Outcome::ConsultationsCancelled => language.tr("Consultations cancelled").into(),
        Outcome::PoweredOff { hosts } => language.trf("{} host(s) powered off", &[hosts]),
        Outcome::StartedAgain { hosts } => language.trf("{} host(s) started again", &[hosts]),
        Outcome::Reimaged { hosts } => language.trf("{} host(s) reimaged, clean", &[hosts]),
        Outcome::Reinstalled { hosts, with_data } if with_data == hosts => language.trf("{} host(s) restored from backup", &[hosts]),
        Outcome::Reinstalled { hosts, with_data } => language.trf(
            "{} host(s) reinstalled: {} restored from backup, {} rebuilt without data (backup lost)",
            &[hosts, with_data, &(hosts - with_data)],
        ),
    }
}

fn service_change(language: Language, change: ServiceChange) -> &'static str {
    language.tr(match change {
        ServiceChange::BackUp => "back up",
        ServiceChange::OnPaper => "running on paper",
        ServiceChange::Degraded => "degraded",
        ServiceChange::Down => "down",
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
