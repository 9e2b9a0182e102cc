//! What-ifs: one change to a scenario, applied in memory, that a plan audit compares with the scenario
//! as written on the same seeds (one more person on site, a shorter call-in, a role on call, a security
//! operations centre watching at night, EDR on every server, backups kept off line).

use crate::data::dist::Dist;
use crate::data::scenario::{BackupKind, Days, DetectionSource, Effect, HostClass, Phase, Role, Scenario, Shift, Trigger};

/// The longest call-in a what-if may set: a week.
const MAX_CALL_IN_MINUTES: u32 = 7 * 24 * 60;

/// One change to a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhatIf {
    /// One more person of a role on site around the clock.
    OnSite { role: String },
    /// The role's people arrive this many minutes after being called.
    CallIn { role: String, minutes: u32 },
    /// One more person of a role on call (a role that was off at night becomes reachable), arriving
    /// this many minutes after being called when given, else after the role's own call-in delay.
    OnCall { role: String, minutes: Option<u32> },
    /// A security operations centre watches around the clock.
    Monitoring,
    /// An EDR agent on every server.
    EdrServers,
    /// Every backup kept off line or immutable.
    OfflineBackups,
}

/// How the command line writes each what-if, for the error that lists them.
pub const WHAT_IF_FORMS: &str = "on-site:ROLE, call-in:ROLE=MINUTES, on-call:ROLE, monitoring-24-7, edr-servers, offline-backups";

impl WhatIf {
    /// Reads a what-if as the command line writes it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let role = |rest: &str| {
            let role = rest.trim();
            if role.is_empty() {
                Err(format!("--what-if {text}: no role named; write one of {WHAT_IF_FORMS}"))
            } else {
                Ok(role.to_string())
            }
        };
        if let Some(rest) = text.strip_prefix("on-site:") {
            return Ok(WhatIf::OnSite { role: role(rest)? });
        }
        let minutes = |m: &str| {
            m.trim()
                .parse::<u32>()
                .ok()
                .filter(|&m| m <= MAX_CALL_IN_MINUTES)
                .ok_or_else(|| format!("--what-if {text}: \"{m}\" is not a whole number of minutes from 0 to {MAX_CALL_IN_MINUTES}"))
        };
        if let Some(rest) = text.strip_prefix("on-call:") {
            return match rest.split_once('=') {
                Some((name, m)) => Ok(WhatIf::OnCall { role: role(name)?, minutes: Some(minutes(m)?) }),
                None => Ok(WhatIf::OnCall { role: role(rest)?, minutes: None }),
            };
        }
        if let Some(rest) = text.strip_prefix("call-in:") {
            let (name, m) = rest
                .split_once('=')
                .ok_or_else(|| format!("--what-if {text}: write call-in:ROLE=MINUTES, such as call-in:director-general=15"))?;
            return Ok(WhatIf::CallIn { role: role(name)?, minutes: minutes(m)? });
        }
        match text {
            "monitoring-24-7" => Ok(WhatIf::Monitoring),
            "edr-servers" => Ok(WhatIf::EdrServers),
            "offline-backups" => Ok(WhatIf::OfflineBackups),
            _ => Err(format!("--what-if {text}: not a what-if; write one of {WHAT_IF_FORMS}")),
        }
    }

    /// The what-if as the command line writes it.
    pub fn label(&self) -> String {
        match self {
            WhatIf::OnSite { role } => format!("on-site:{role}"),
            WhatIf::CallIn { role, minutes } => format!("call-in:{role}={minutes}"),
            WhatIf::OnCall { role, minutes: None } => format!("on-call:{role}"),
            WhatIf::OnCall { role, minutes: Some(m) } => format!("on-call:{role}={m}"),
            WhatIf::Monitoring => "monitoring-24-7".into(),
            WhatIf::EdrServers => "edr-servers".into(),
            WhatIf::OfflineBackups => "offline-backups".into(),
        }
    }

    /// What the what-if changes, in words, with the scenario's names.
    pub fn describe(&self, scenario: &Scenario) -> String {
        let name = |id: &str| scenario.roles.iter().find(|r| r.id == id).map_or(id.to_string(), |r| r.name.clone());
        match self {
            WhatIf::OnSite { role } => format!("{}: one more person on site day and night", name(role)),
            WhatIf::CallIn { role, minutes } => format!("{}: there {minutes} minutes after being called", name(role)),
            WhatIf::OnCall { role, minutes: None } => format!("{}: one more person on call", name(role)),
            WhatIf::OnCall { role, minutes: Some(m) } => {
                format!("{}: one more person on call, there {m} minutes after being called", name(role))
            }
            WhatIf::Monitoring => "A security operations centre watching around the clock".into(),
            WhatIf::EdrServers => "An EDR agent on every server".into(),
            WhatIf::OfflineBackups => "Every backup kept off line or immutable".into(),
        }
    }

    /// The scenario with this change, checked as any scenario is, or why the scenario cannot express it.
    pub fn apply(&self, scenario: &Scenario) -> Result<Scenario, String> {
        let changed = self.change(scenario)?;
        let findings = crate::data::validate::scenario(&changed);
        match findings.0.first() {
            None => Ok(changed),
            Some((path, message)) => Err(format!("--what-if {}: the scenario it makes is not valid at {path}: {message}", self.label())),
        }
    }

    /// The scenario with this change, unchecked.
    fn change(&self, scenario: &Scenario) -> Result<Scenario, String> {
        let mut changed = scenario.clone();
        match self {
            WhatIf::OnSite { role } => role_mut(&mut changed, role, self)?.on_site.push(Shift {
                from: "00:00".into(),
                to: "00:00".into(),
                days: Days::Every,
                people: 1,
            }),
            WhatIf::CallIn { role, minutes } => {
                let spec = role_mut(&mut changed, role, self)?;
                if spec.on_call == 0 {
                    return Err(format!(
                        "--what-if {}: nobody of \"{role}\" is on call, so a shorter call-in changes nothing; try on-call:{role}",
                        self.label()
                    ));
                }
                spec.call_in = Dist::Fixed(f64::from(*minutes));
            }
            WhatIf::OnCall { role, minutes } => {
                let spec = role_mut(&mut changed, role, self)?;
                // A role nobody could call has no call-in delay worth the name: the what-if must give one.
                let no_delay = matches!(spec.call_in, Dist::Fixed(m) if m == 0.0);
                if spec.on_call == 0 && no_delay && minutes.is_none() {
                    return Err(format!(
                        "--what-if {}: nobody of \"{role}\" is on call and the scenario gives no call-in delay; say how long they would take, as on-call:{role}=MINUTES",
                        self.label()
                    ));
                }
                spec.on_call = spec.on_call.saturating_add(1);
                if let Some(m) = minutes {
                    spec.call_in = Dist::Fixed(f64::from(*m));
                }
            }
            WhatIf::Monitoring => {
                if let Some(clash) = changed.detection.iter().find(|d| d.id.starts_with("soc-")) {
                    return Err(format!(
                        "--what-if {}: the scenario already has a source \"{}\"; its centre is already there",
                        self.label(),
                        clash.id
                    ));
                }
                changed.detection.extend(security_operations_centre());
            }
            WhatIf::EdrServers => give_servers_edr(&mut changed, self)?,
            WhatIf::OfflineBackups => {
                let online: Vec<_> = changed.backups.iter_mut().filter(|b| b.kind == BackupKind::Online).collect();
                if online.is_empty() {
                    return Err(format!("--what-if {}: the scenario has no backup on line; nothing would change", self.label()));
                }
                for backup in online {
                    backup.kind = BackupKind::Offline;
                }
            }
        }
        Ok(changed)
    }
}

/// A role of the scenario, or an error that lists them.
fn role_mut<'s>(scenario: &'s mut Scenario, id: &str, what_if: &WhatIf) -> Result<&'s mut Role, String> {
    let ids: Vec<String> = scenario.roles.iter().map(|r| r.id.clone()).collect();
    scenario
        .roles
        .iter_mut()
        .find(|r| r.id == id)
        .ok_or_else(|| format!("--what-if {}: the scenario has no role \"{id}\" (it has: {})", what_if.label(), ids.join(", ")))
}

/// An agent on every server; refused where the catalog has no lever that uses one.
fn give_servers_edr(scenario: &mut Scenario, what_if: &WhatIf) -> Result<(), String> {
    if !scenario.actions.iter().any(|a| matches!(a.effect, Effect::EdrContain(_))) {
        return Err(format!(
            "--what-if {}: the scenario's catalog has no EDR containment (an action with effect EdrContain), so agents would change nothing the cell could use",
            what_if.label()
        ));
    }
    for server in &mut scenario.servers {
        server.edr = true;
    }
    for group in scenario.host_groups.iter_mut().filter(|g| g.role.is_server()) {
        group.edr = true;
    }
    Ok(())
}

/// The detection rules of a security operations centre that watches around the clock.
///
/// The benchmark the best organisations aim for is to detect in 1 minute and investigate in 10
/// (CrowdStrike's 1-10-60 rule, D. Alperovitch, testimony to the US Senate, 14 November 2018). A
/// hospital's outsourced centre at night pages its on-call engineer later: ASSUMPTION, 10 to 45 minutes
/// from the attacker's act to the page, and 70% of phases seen (hands-on work that blends in is missed).
fn security_operations_centre() -> Vec<DetectionSource> {
    let phase = |id: &str, name: &str, phase: Phase| DetectionSource {
        id: id.into(),
        name: name.into(),
        trigger: Trigger::PhaseCompleted(phase),
        probability: 0.7,
        delay: Dist::Uniform { min: 10.0, max: 45.0 },
    };
    vec![
        phase("soc-discovery", "Security operations centre: network discovery", Phase::Discovery),
        phase("soc-credentials", "Security operations centre: credential theft", Phase::CredentialTheft),
        phase("soc-domain-admin", "Security operations centre: a new domain administrator", Phase::DomainAdmin),
        phase("soc-deployment", "Security operations centre: a policy deploys software to every machine", Phase::Deployment),
        // Mass encryption is loud: ASSUMPTION, seen 95% of the time, paged 5 to 20 minutes later.
        DetectionSource {
            id: "soc-encryption".into(),
            name: "Security operations centre: ransomware behaviour on a host".into(),
            trigger: Trigger::EncryptionStarted(HostClass::Any),
            probability: 0.95,
            delay: Dist::Uniform { min: 5.0, max: 20.0 },
        },
    ]
}
