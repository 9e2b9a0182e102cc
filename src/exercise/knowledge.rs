//! What the crisis cell knows of each host, and what the facilitator sees: the player view never shows
//! a compromise nobody has detected.

use bevy::prelude::*;

use crate::data::scenario::Scenario;
use crate::i18n::Language;
use crate::sim::detection::DetectionState;
use crate::sim::{Estate, HostStatus, Infection, Network, ObservedLog, Recovery};

/// A host's state as drawn on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// Nothing known against it.
    Clean,
    /// A foothold nobody has detected: shown only in the facilitator view.
    HiddenCompromise,
    /// Named by an alert that has not been confirmed yet.
    Alert,
    /// Known to be in the attacker's hands.
    Compromised,
    Encrypting,
    Encrypted,
    /// Being reimaged or restored.
    Recovering,
    /// Reinstalled, with or without its data.
    Restored,
}

impl CellState {
    pub const ALL: [CellState; 8] = [
        CellState::Clean,
        CellState::HiddenCompromise,
        CellState::Alert,
        CellState::Compromised,
        CellState::Encrypting,
        CellState::Encrypted,
        CellState::Recovering,
        CellState::Restored,
    ];

    /// The state's name, as the map's legend and tooltips give it.
    pub fn label(self, language: Language) -> &'static str {
        match self {
            CellState::Clean => language.tr("clean"),
            CellState::HiddenCompromise => language.tr("hidden-compromise"),
            CellState::Alert => language.tr("alert"),
            CellState::Compromised => language.tr("compromised"),
            CellState::Encrypting => language.tr("encrypting"),
            CellState::Encrypted => language.tr("encrypted"),
            CellState::Recovering => language.tr("recovering"),
            CellState::Restored => language.tr("restored"),
        }
    }
}

/// What the crisis cell has seen so far, from the simulation's visible events.
#[derive(Debug, Clone, Default)]
pub struct CellKnowledge {
    /// Someone is looking at the estate: an alert has come in. ASSUMPTION: before the first alert, at
    /// night, nobody watches the screens, so even encrypted machines are not known to be hit.
    pub watching: bool,
    pub confirmed: bool,
    /// Hosts named by alerts that have reached the cell.
    pub alerted: Vec<u32>,
}

impl CellKnowledge {
    pub fn from_world(world: &World) -> Self {
        let log = world.resource::<ObservedLog>();
        let estate = world.resource::<Estate>();
        let detection = world.resource::<DetectionState>();
        let alerted = estate
            .scenario
            .detection
            .iter()
            .zip(&detection.alert_hosts)
            .filter(|(source, _)| ObservedLog::lookup(&log.alerts, &source.id).is_some())
            .filter_map(|(_, host)| *host)
            .collect();
        Self { watching: log.first_alert.is_some(), confirmed: log.confirmed.is_some(), alerted }
    }
}

/// The map's view of the estate: each host's state as the view knows it, and what the cell did to it,
/// drawn over that state (the cell knows what it did, so both views show it).
#[derive(Debug, Clone, Default)]
pub struct EstateView {
    /// By host index.
    pub states: Vec<CellState>,
    /// Switched off, by host index.
    pub powered_off: Vec<bool>,
    /// In a segment the cell has isolated, by host index.
    pub isolated: Vec<bool>,
}

impl EstateView {
    /// Hosts by state, in the order of `CellState::ALL`.
    pub fn counts(&self) -> [u32; CellState::ALL.len()] {
        count_states(&self.states)
    }

    pub fn powered_off_count(&self) -> u32 {
        self.powered_off.iter().filter(|off| **off).count() as u32
    }

    pub fn isolated_count(&self) -> u32 {
        self.isolated.iter().filter(|isolated| **isolated).count() as u32
    }
}

/// The state a host is drawn in. The player view follows the cell's knowledge; the facilitator view
/// shows every foothold as well. Switching off and isolation are drawn over it, not instead of it.
pub fn cell_state(index: u32, has_edr: bool, status: &HostStatus, knowledge: &CellKnowledge, facilitator: bool) -> CellState {
    match status.recovery {
        Recovery::Reimaging | Recovery::Restoring => return CellState::Recovering,
        Recovery::Restored | Recovery::Rebuilt if status.infection == Infection::Clean => return CellState::Restored,
        _ => {}
    }
    // Encryption is loud (ransom notes, services failing) once anyone is looking.
    let sees_encryption = knowledge.watching || facilitator;
    match status.infection {
        Infection::Encrypted if sees_encryption => return CellState::Encrypted,
        Infection::Encrypting if sees_encryption => return CellState::Encrypting,
        _ => {}
    }
    if status.infection.is_foothold() || status.infection == Infection::Encrypted {
        let named = knowledge.alerted.contains(&index);
        // ASSUMPTION: once the attack is confirmed, the responders read the EDR consoles, so footholds on
        // hosts with EDR become known; hosts without EDR stay dark until they encrypt.
        if knowledge.confirmed && (named || has_edr) {
            return CellState::Compromised;
        }
        if named {
            return CellState::Alert;
        }
        if facilitator {
            return CellState::HiddenCompromise;
        }
    }
    CellState::Clean
}

/// Every host as drawn, by host index.
pub fn estate_view(world: &World, facilitator: bool) -> EstateView {
    let knowledge = CellKnowledge::from_world(world);
    let estate = world.resource::<Estate>();
    let network = world.resource::<Network>();
    let mut view = EstateView::default();
    for (i, &entity) in estate.entities.iter().enumerate() {
        let (state, off, isolated) = match (world.get::<crate::sim::Host>(entity), world.get::<HostStatus>(entity)) {
            (Some(host), Some(status)) => (
                cell_state(i as u32, host.edr, status, &knowledge, facilitator),
                !status.powered,
                network.isolated.get(host.segment as usize).copied().unwrap_or(false),
            ),
            _ => (CellState::Clean, false, false),
        };
        view.states.push(state);
        view.powered_off.push(off);
        view.isolated.push(isolated);
    }
    view
}

/// Counts of hosts by drawn state, in the order of `CellState::ALL`.
pub fn count_states(cells: &[CellState]) -> [u32; CellState::ALL.len()] {
    let mut counts = [0; CellState::ALL.len()];
    for cell in cells {
        counts[*cell as usize] += 1;
    }
    counts
}

/// What the cell can say of one host: where it is, what it does, and what has been seen of it.
pub fn host_story(world: &World, index: u32, facilitator: bool, language: Language) -> Vec<String> {
    let estate = world.resource::<Estate>();
    let Some(&entity) = estate.entities.get(index as usize) else {
        return Vec::new();
    };
    let (Some(host), Some(status), Some(name)) =
        (world.get::<crate::sim::Host>(entity), world.get::<HostStatus>(entity), world.get::<crate::sim::HostName>(entity))
    else {
        return Vec::new();
    };
    let clock = world.resource::<crate::sim::Clock>();
    let scenario: &Scenario = &estate.scenario;
    let knowledge = CellKnowledge::from_world(world);
    let segment = &estate.segments[host.segment as usize];
    let site = scenario.sites.get(host.site as usize).map_or("", |s| s.name.as_str());
    let mut lines = vec![
        name.0.clone(),
        if host.domain_joined {
            language.trf(
                "host-domain-member",
                &[("role", &crate::words::host_role(language, host.role)), ("system", &crate::words::system(language, host.os))],
            )
        } else {
            format!("{}, {}", crate::words::host_role(language, host.role), crate::words::system(language, host.os))
        },
        format!("{site} / {}", segment.name),
    ];
    if facilitator && let Some(at) = status.compromised_at {
        lines.push(language.trf("host-compromised-hidden", &[("time", &clock.local(at))]));
    }
    if knowledge.alerted.contains(&index) {
        lines.push(language.tr("named-alert").to_string());
    }
    if let Some(at) = status.encrypted_at
        && (knowledge.watching || facilitator)
    {
        lines.push(language.trf("host-encryption-seen", &[("time", &clock.local(at))]));
    }
    if !status.powered {
        lines.push(language.tr("powered-off").to_string());
    }
    lines
}
