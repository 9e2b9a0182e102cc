//! The two languages of the exercise, English and French: the window's text, the timeline's and the
//! report's. A text is looked up by its English wording, so the English is always there; the French
//! table below gives each its translation, and a test checks that no text shown in the window or the
//! report lacks one.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A language the exercise speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "fr")]
    French,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::French];

    /// The language's code, as scenarios and the command line write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    /// The language's own name for itself.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "Français",
        }
    }

    /// Reads `en`, `fr`, `english`, `français` and the like.
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_lowercase().as_str() {
            "en" | "eng" | "english" | "anglais" => Some(Language::English),
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Language::French),
            _ => None,
        }
    }

    /// The language of the system's locale: French when `LC_ALL`, `LC_MESSAGES` or `LANG` (the first
    /// that is set) names French, English otherwise.
    pub fn from_locale() -> Language {
        Self::from_locale_variables(|name| std::env::var(name).ok())
    }

    /// As `from_locale`, with the variables read by `get`.
    pub fn from_locale_variables(get: impl Fn(&str) -> Option<String>) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|name| get(name)).find(|value| !value.trim().is_empty());
        match locale {
            Some(locale) if locale.to_lowercase().starts_with("fr") => Language::French,
            _ => Language::English,
        }
    }

    /// A text in this language, looked up by its English wording.
    pub fn tr(self, english: &'static str) -> &'static str {
        match self {
            Language::English => english,
            Language::French => french().get(english).copied().unwrap_or(english),
        }
    }

    /// A text with values: each `{}` of the wording is replaced, in order, by the next value.
    pub fn trf(self, english: &'static str, values: &[&dyn Display]) -> String {
        let template = self.tr(english);
        let mut out = String::with_capacity(template.len() + 16);
        let mut values = values.iter();
        let mut rest = template;
        while let Some(at) = rest.find("{}") {
            out.push_str(&rest[..at]);
            if let Some(value) = values.next() {
                out.push_str(&value.to_string());
            }
            rest = &rest[at + 2..];
        }
        out.push_str(rest);
        out
    }
}

fn french() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| FRENCH.iter().copied().collect())
}

/// The French of every text, by its English wording.
pub const FRENCH: &[(&str, &str)] = &[
    // The states of a host, as the map and its legend name them.
    ("clean", "sain"),
    ("hidden compromise", "compromission cachée"),
    ("alert", "alerte"),
    ("compromised", "compromis"),
    ("encrypting", "chiffrement en cours"),
    ("encrypted", "chiffré"),
    ("powered off", "éteint"),
    ("isolated", "isolé"),
    ("recovering", "en restauration"),
    ("restored", "restauré"),
    // The start screen.
    (
        "A ransomware attack on a hospital group, played by its crisis cell.",
        "Une attaque par rançongiciel contre un groupe hospitalier, jouée par sa cellule de crise.",
    ),
    ("Language", "Langue"),
    ("Scenario", "Scénario"),
    ("{} — starts {} ({})", "{} — débute le {} ({})"),
    ("Another:", "Un autre :"),
    ("a .ron file or a built-in name", "un fichier .ron ou le nom d'un scénario intégré"),
    ("Load", "Charger"),
    ("Plan", "Plan"),
    ("none", "aucun"),
    ("Seed", "Graine"),
    ("Roles at the table", "Rôles autour de la table"),
    ("The facilitator takes the decisions of roles nobody plays.", "L'animateur prend les décisions des rôles que personne ne joue."),
    ("Clock speed", "Vitesse de l'horloge"),
    ("Injects", "Injects"),
    ("Stop the clock when an inject arrives", "Arrêter l'horloge à l'arrivée d'un inject"),
    ("Decisions laid on", "Décisions préprogrammées"),
    ("none: the cell decides", "aucune : la cellule décide"),
    ("Facilitator view", "Vue de l'animateur"),
    ("Show the hidden truth and the facilitator's controls (F)", "Montrer la réalité cachée et les commandes de l'animateur (F)"),
    ("Text size", "Taille du texte"),
    ("Start the exercise", "Lancer l'exercice"),
    // The window's messages.
    ("Reopened from the journal where it stopped.", "Exercice rouvert depuis le journal, là où il s'était arrêté."),
    ("Every input is written to the journal {}.", "Chaque action est consignée dans le journal {}."),
    ("This exercise is not journaled: {} holds the previous one.", "Cet exercice n'est pas journalisé : {} contient le précédent."),
    ("Paused: an inject has arrived.", "En pause : un inject est arrivé."),
    // The exercise screen: the clock, the care board, the decisions, the feed, the plan, the legend, the facilitator's window.
    ("Jumped to {}.", "Saut à {}."),
    ("Decision taken at {}: {}.", "Décision prise à {} : {}."),
    ("Not taken: {}.", "Non prise : {}."),
    ("Inject sent: it reaches the cell in the coming minute.", "Inject envoyé : il parvient à la cellule dans la minute."),
    ("Note written ({} in all).", "Note enregistrée ({} au total)."),
    ("ED", "URG"),
    ("ICU", "SI"),
    ("OR", "BLOC"),
    ("DIAL", "DIAL"),
    ("CATH", "CATH"),
    ("WARD", "HOSP"),
    ("LAB", "LABO"),
    ("RAD", "IMA"),
    ("PHA", "PHA"),
    ("STER", "STÉR"),
    ("ADM", "ADM"),
    ("CONS", "CONS"),
    ("TEL", "STD"),
    ("up", "en service"),
    ("on paper", "sur papier"),
    ("down", "hors service"),
    ("HIDDEN", "CACHÉ"),
    ("ALERT", "ALERTE"),
    ("CONFIRMED", "CONFIRMÉ"),
    ("DECISION", "DÉCISION"),
    ("DONE", "FAIT"),
    ("PEOPLE", "PERSONNEL"),
    ("OUTSIDE", "EXTÉRIEUR"),
    ("CARE", "SOINS"),
    ("INJECT", "INJECT"),
    ("Confirm: {}", "Confirmer : {}"),
    ("⚠ This cannot be undone.", "⚠ Cette décision est irréversible."),
    ("Take the decision", "Prendre la décision"),
    ("Cancel", "Annuler"),
    ("■ Time is up", "■ Temps écoulé"),
    ("▶ Run (Space)", "▶ Lancer (Espace)"),
    ("⏸ Pause (Space)", "⏸ Pause (Espace)"),
    ("key {}", "touche {}"),
    ("⏭ Next event (N)", "⏭ Événement suivant (N)"),
    ("Facilitator view (F)", "Vue animateur (F)"),
    ("Player view (F)", "Vue joueurs (F)"),
    ("smaller text (−)", "texte plus petit (−)"),
    ("larger text (+)", "texte plus grand (+)"),
    ("End the exercise", "Terminer l'exercice"),
    ("Care", "Soins"),
    ("at risk", "à risque"),
    (
        "✔ up   P on paper (degraded)   ✖ down   · not here",
        "✔ en service   P sur papier (procédures dégradées)   ✖ hors service   · absent du site",
    ),
    ("Decisions", "Décisions"),
    ("Taken", "Prises"),
    ("{} — done {}", "{} — terminée le {}"),
    ("{} — waiting for {}", "{} — en attente : {}"),
    ("{} — waiting", "{} — en attente"),
    ("Anyone", "Tout le monde"),
    ("{} — {} here, {} free", "{} — {} présents, {} disponibles"),
    ("{} — {} here, {} free (facilitator plays)", "{} — {} présents, {} disponibles (joué par l'animateur)"),
    (", then {} min a host", ", puis {} min par machine"),
    (" · taken {}×", " · prise {}×"),
    ("waits for {}", "attend : {}"),
    ("Feed", "Fil des événements"),
    ("No plan chosen.", "Aucun plan choisi."),
    ("… not started", "… pas encore déclenché"),
    ("⏱ {} min left", "⏱ encore {} min"),
    ("⏰ overdue by {} min", "⏰ dépassé de {} min"),
    ("✔ on time", "✔ dans les délais"),
    ("✔ late by {} min", "✔ avec {} min de retard"),
    ("✖ missed", "✖ manqué"),
    ("{} (target {} min)", "{} (objectif {} min)"),
    ("Links", "Liaisons"),
    ("{} up", "{} actives"),
    ("none cut", "aucune coupée"),
    ("✖ {} cut", "✖ {} coupées"),
    ("· internet up", "· internet actif"),
    ("· internet cut", "· internet coupé"),
    ("Selected: {}", "Sélection : {}"),
    ("Facilitator: injects and notes", "Animateur : injects et notes"),
    ("Simulation {} ms a frame · {} frames a second", "Simulation {} ms par image · {} images par seconde"),
    ("Fire now", "Envoyer maintenant"),
    ("Channel", "Canal"),
    ("phone", "téléphone"),
    ("A message of your own", "Votre propre message"),
    ("Send to the cell", "Envoyer à la cellule"),
    ("Observer notes ({})", "Notes d'observation ({})"),
    ("What you see the cell do", "Ce que vous voyez faire la cellule"),
    ("Add the note", "Ajouter la note"),
    // The map.
    ("ISOLATED", "ISOLÉ"),
    ("Each cell stands for {} hosts, in the order of their states", "Chaque case représente {} machines, rangées par état"),
    // The debrief.
    ("Written: {}", "Fichiers écrits : {}"),
    ("✔ on time ({} min)", "✔ dans les délais ({} min)"),
    ("Debrief — {}", "Débriefing — {}"),
    ("Seed {} · {} to {} ({} simulated minutes)", "Graine {} · du {} au {} ({} minutes simulées)"),
    ("Score {} / 100", "Score {} / 100"),
    (
        "historical playbook {} · plan met on time {} (same seed, same span)",
        "réponse historique {} · plan respecté dans les délais {} (même graine, même durée)",
    ),
    (
        "Hosts: {} encrypted of {} ({}%), {} powered off, {} still compromised · data exfiltrated {} GB",
        "Machines : {} chiffrées sur {} ({} %), {} éteintes, {} encore compromises · données exfiltrées {} Go",
    ),
    ("The score, line by line", "Le score, ligne par ligne"),
    ("No plan chosen: nothing to score against.", "Aucun plan choisi : pas de référence pour le score."),
    ("The plan's milestones", "Les jalons du plan"),
    ("milestone", "jalon"),
    ("this exercise", "cet exercice"),
    ("historical", "historique"),
    ("plan on time", "plan dans les délais"),
    (
        "Hosts encrypted over time (the whole truth, hidden compromises included)",
        "Machines chiffrées au fil du temps (toute la réalité, compromissions cachées comprises)",
    ),
    ("Care services not up", "Services de soins non opérationnels"),
    ("Timeline", "Chronologie"),
    ("Hot wash", "Retour à chaud"),
    ("Observer notes", "Notes d'observation"),
    ("Report folder", "Dossier du rapport"),
    ("Write the report", "Générer le rapport"),
    ("New exercise", "Nouvel exercice"),
    // The after-action report.
    ("on time ({} min)", "dans les délais ({} min)"),
    ("late by {} min ({} min)", "en retard de {} min ({} min)"),
    ("missed", "manqué"),
    ("hidden", "caché"),
    ("confirmation", "confirmation"),
    ("decision", "décision"),
    ("effect", "effet"),
    ("people", "personnel"),
    ("outside", "extérieur"),
    ("care", "soins"),
    ("inject", "inject"),
    ("Hosts encrypted", "Machines chiffrées"),
    ("{} of {} hosts encrypted ({}%)", "{} machines chiffrées sur {} ({} %)"),
    ("Patients at risk", "Patients à risque"),
    (
        "{} patient-hours in services down with no downtime procedure",
        "{} heures-patients dans des services à l'arrêt sans procédure dégradée",
    ),
    ("Treatment plans lost", "Plans de traitement perdus"),
    (
        "{} of {} inpatients' treatment plans lost to the wards ({}%)",
        "{} plans de traitement perdus pour les unités de soins, sur {} patients hospitalisés ({} %)",
    ),
    ("Critical services down", "Services critiques à l'arrêt"),
    ("{} hours of critical services down", "{} heures d'arrêt de services critiques"),
    ("Data exfiltrated", "Données exfiltrées"),
    ("{} GB exfiltrated during the scenario", "{} Go exfiltrés pendant le scénario"),
    ("Timing against the plan", "Délais par rapport au plan"),
    ("{} on time, {} late, {} missed, of {}", "{} dans les délais, {} en retard, {} manqués, sur {}"),
    ("hours since the start", "heures depuis le début"),
    ("Hosts over time (the hidden truth)", "Machines au fil du temps (la réalité cachée)"),
    ("hosts", "machines"),
    ("degraded or on paper", "procédures dégradées ou papier"),
    ("Care services over time", "Services de soins au fil du temps"),
    ("services (all sites)", "services (tous sites)"),
    (
        "Decisions against the plan's targets (minutes after the reference event, log scale)",
        "Décisions face aux objectifs du plan (minutes après l'événement de référence, échelle logarithmique)",
    ),
    ("minutes", "minutes"),
    ("target", "objectif"),
    ("this run", "ce déroulé"),
    ("historical night", "nuit historique"),
    ("After-action report — {}", "Rapport de retour d'expérience — {}"),
    ("none (no response)", "aucun (pas de réponse)"),
    ("Playbook: {} · seed {} · {} to {} ({} simulated minutes)", "Playbook : {} · graine {} · du {} au {} ({} minutes simulées)"),
    (" · plan: {}", " · plan : {}"),
    ("The plan's milestones come from rules of {}.", "Les jalons du plan viennent de règles de {}."),
    ("Summary", "Synthèse"),
    ("Score", "Score"),
    ("timing {} · outcome {}", "délais {} · conséquences {}"),
    ("patient-hours", "heures-patients"),
    ("inpatients", "patients hospitalisés"),
    ("{} GB during the scenario", "{} Go pendant le scénario"),
    ("{} GB", "{} Go"),
    ("This run", "Ce déroulé"),
    ("Historical night", "Nuit historique"),
    ("Plan met on time", "Plan respecté dans les délais"),
    (
        "Compared with the historical night and with the plan met on time",
        "Comparaison avec la nuit historique et avec le plan respecté dans les délais",
    ),
    ("Same scenario, same seed.", "Même scénario, même graine."),
    ("Milestones on time", "Jalons dans les délais"),
    ("{} of {}", "{} sur {}"),
    ("Patient-hours at risk", "Heures-patients à risque"),
    ("GB exfiltrated during the scenario", "Go exfiltrés pendant le scénario"),
    ("Milestones", "Jalons"),
    ("Milestone", "Jalon"),
    ("Source", "Source"),
    ("Reference", "Référence"),
    ("Target", "Objectif"),
    ("Points", "Points"),
    ("Line", "Ligne"),
    ("What happened", "Ce qui s'est passé"),
    ("Total", "Total"),
    ("The network", "Le réseau"),
    (
        "At the end: {} clean, {} held by the attacker, {} encrypted, {} powered off, {} restored from backup, {} rebuilt without data. Domain admin {} at the end; backup sets destroyed: {}.",
        "À la fin : {} machines saines, {} aux mains de l'attaquant, {} chiffrées, {} éteintes, {} restaurées depuis les sauvegardes, {} réinstallées sans données. Droits d'administrateur du domaine {} à la fin ; jeux de sauvegarde détruits : {}.",
    ),
    ("held", "détenus par l'attaquant"),
    ("not held", "non détenus par l'attaquant"),
    ("Measure", "Mesure"),
    ("Value", "Valeur"),
    ("Patient-hours at risk (down with no downtime procedure)", "Heures-patients à risque (service à l'arrêt sans procédure dégradée)"),
    ("Emergency arrivals received while the department was down", "Arrivées aux urgences pendant l'arrêt du service"),
    ("Ambulances diverted", "Ambulances réorientées"),
    ("Treatment plans lost to the wards", "Plans de traitement perdus pour les unités de soins"),
    ("Service-hours down (critical)", "Heures-services à l'arrêt (critiques)"),
    ("Service-hours degraded or on paper", "Heures-services en procédures dégradées ou sur papier"),
    ("Consultations lost", "Consultations perdues"),
    (
        "Entries marked {} are the attack as it really unfolded, which the crisis cell did not see.",
        "Les entrées marquées {} retracent l'attaque telle qu'elle s'est réellement déroulée, que la cellule de crise ne voyait pas.",
    ),
    ("Time", "Heure"),
    ("Kind", "Type"),
    ("No observer notes were written.", "Aucune note d'observation n'a été écrite."),
    ("Note", "Note"),
    ("Question", "Question"),
    ("Answer", "Réponse"),
    ("Sources", "Sources"),
    (
        "Every number the sources do not give is an assumption of the scenario, marked as such in its file.",
        "Tout chiffre que les sources ne donnent pas est une hypothèse du scénario, signalée comme telle dans son fichier.",
    ),
    ("Score: {} / 100", "Score : {} / 100"),
    ("Outcome", "Bilan"),
    (
        "Hosts: {} of {} encrypted, {} powered off, {} restored, {} rebuilt",
        "Machines : {} chiffrées sur {}, {} éteintes, {} restaurées, {} réinstallées",
    ),
    ("Data exfiltrated: {} GB ({} GB during the scenario)", "Données exfiltrées : {} Go ({} Go pendant le scénario)"),
    ("First alert: {}; confirmed: {}", "Première alerte : {} ; confirmation : {}"),
    (
        "Care: {} patient-hours at risk; {} of {} treatment plans lost; {} service-hours down ({} critical); {} ambulances diverted; {} consultations lost",
        "Soins : {} heures-patients à risque ; {} plans de traitement perdus sur {} ; {} heures-services à l'arrêt ({} critiques) ; {} ambulances réorientées ; {} consultations perdues",
    ),
    // The timeline the simulation writes (src/sim).
    ("The intruders hold {} host(s) at the start", "Les intrus tiennent {} machine(s) au départ"),
    ("Attacker completes {} (before the start)", "L'attaquant achève : {} (avant le début)"),
    ("Attacker completes {}", "L'attaquant achève : {}"),
    ("discovery", "la reconnaissance"),
    ("credential theft", "le vol d'identifiants"),
    ("domain admin", "l'accès administrateur du domaine"),
    ("mass deployment", "le déploiement massif"),
    ("Data exfiltration begins", "L'exfiltration de données commence"),
    (
        "Payload pushed to domain members by Group Policy",
        "Charge malveillante poussée aux membres du domaine par stratégie de groupe (GPO)",
    ),
    (
        "The attacker loses domain admin: stolen credentials no longer work",
        "L'attaquant perd l'administration du domaine : les identifiants volés ne fonctionnent plus",
    ),
    ("The malicious Group Policy is no longer served", "La stratégie de groupe malveillante n'est plus distribuée"),
    (
        "The attacker cannot complete {}: no path from a running foothold",
        "L'attaquant ne peut pas achever {} : aucun chemin depuis une tête de pont active",
    ),
    ("Exfiltration stops (no foothold left running) at {} GB", "L'exfiltration s'arrête (plus aucune tête de pont active) à {} Go"),
    ("Exfiltration stops (the intruders' link is cut) at {} GB", "L'exfiltration s'arrête (le lien des intrus est coupé) à {} Go"),
    ("Exfiltration complete: {} GB", "Exfiltration terminée : {} Go"),
    ("The first host is fully encrypted", "La première machine est entièrement chiffrée"),
    ("Online backup set \"{}\" destroyed", "Jeu de sauvegardes en ligne « {} » détruit"),
    (
        "The EHR is out of reach at {}: {} treatment plans secured on paper, {} lost to the wards",
        "Le DPI est inaccessible à {} : {} plans de traitement sauvés sur papier, {} perdus pour les unités",
    ),
    ("{} {}: {}", "{} {} : {}"),
    ("back up", "rétabli(e)"),
    ("running on paper", "en mode papier"),
    ("degraded", "dégradé(e)"),
    ("Alert: {}", "Alerte : {}"),
    ("Investigation confirms a cyberattack", "L'investigation confirme une cyberattaque"),
    ("{} called in ({} on call; the first is there in {} min)", "{} rappelé(s) ({} d'astreinte ; le premier arrive dans {} min)"),
    ("the attack to be confirmed", "la confirmation de l'attaque"),
    ("\"{}\" to be done", "l'achèvement de « {} »"),
    ("a running {} host (remote tools)", "une machine {} en marche (outils à distance)"),
    ("someone of {}", "une personne du rôle {}"),
    (", {} hosts", ", {} machines"),
    ("{} answers", "{} répond"),
    ("Reconnected: {}", "Reconnecté : {}"),
    ("Cut: {}", "Coupé : {}"),
    ("Isolated {} segment(s)", "{} segment(s) isolé(s)"),
    ("Reconnected {} segment(s)", "{} segment(s) reconnecté(s)"),
    ("Domain credentials reset and compromised accounts disabled", "Identifiants du domaine réinitialisés et comptes compromis désactivés"),
    ("{} done", "{} : fait"),
    ("{} told", "{} informé(e)"),
    ("Downtime procedures (paper) active", "Procédures dégradées (papier) activées"),
    ("Ambulances diverted to other hospitals", "Ambulances réorientées vers d'autres hôpitaux"),
    ("Consultations cancelled", "Consultations annulées"),
    ("{} host(s) powered off", "{} machine(s) éteinte(s)"),
    ("{} host(s) started again", "{} machine(s) redémarrée(s)"),
    ("{} host(s) reimaged, clean", "{} machine(s) réinstallée(s), saine(s)"),
    ("{} host(s) restored from backup", "{} machine(s) restaurée(s) depuis la sauvegarde"),
    (
        "{} host(s) reinstalled: {} restored from backup, {} rebuilt without data (backup lost)",
        "{} machine(s) réinstallée(s) : {} restaurée(s) depuis la sauvegarde, {} reconstruite(s) sans données (sauvegarde perdue)",
    ),
    ("{} links", "{} liens"),
    ("Unknown action \"{}\" ignored", "Action inconnue « {} » ignorée"),
    ("Decision: {}", "Décision : {}"),
    ("{} waits for {}", "{} attend {}"),
    ("Started: {}{}", "Commencé : {}{}"),
    // What the exercise says of a host, and of a decision it refuses (src/exercise).
    ("{}, {}, domain member", "{}, {}, membre du domaine"),
    ("compromised {} (hidden from the cell)", "compromise le {} (caché à la cellule)"),
    ("named by an alert", "signalée par une alerte"),
    ("encryption seen {}", "chiffrement constaté le {}"),
    ("the exercise has ended", "l'exercice est terminé"),
    ("the scenario's time is up", "le temps du scénario est écoulé"),
    ("no decision \"{}\" in this scenario", "pas de décision « {} » dans ce scénario"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every literal a file passes to the methods `.tr(` and `.trf(`.
    fn wordings(source: &str) -> Vec<String> {
        let mut found = Vec::new();
        for call in [".tr(", ".trf(", ".say("] {
            let mut rest = source;
            while let Some(at) = rest.find(call) {
                rest = rest[at + call.len()..].trim_start();
                let Some(literal) = rest.strip_prefix('"') else {
                    continue;
                };
                // The literal runs to the next unescaped quote.
                let mut text = String::new();
                let mut chars = literal.chars();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some('n') => text.push('\n'),
                            Some(other) => text.push(other),
                            None => break,
                        },
                        '"' => break,
                        c => text.push(c),
                    }
                }
                found.push(text);
            }
        }
        found
    }

    const TRANSLATED_SOURCES: &[(&str, &str)] = &[
        ("src/exercise/knowledge.rs", include_str!("exercise/knowledge.rs")),
        ("src/exercise/mod.rs", include_str!("exercise/mod.rs")),
        ("src/window/start.rs", include_str!("window/start.rs")),
        ("src/window/exercise_screen.rs", include_str!("window/exercise_screen.rs")),
        ("src/window/debrief.rs", include_str!("window/debrief.rs")),
        ("src/window/map.rs", include_str!("window/map.rs")),
        ("src/window/mod.rs", include_str!("window/mod.rs")),
        ("src/report.rs", include_str!("report.rs")),
        ("src/score.rs", include_str!("score.rs")),
        ("src/words.rs", include_str!("words.rs")),
        ("src/exercise/decisions.rs", include_str!("exercise/decisions.rs")),
    ];

    /// The simulation records events; every word of the timeline is chosen in `words.rs`.
    const SIMULATION_SOURCES: &[(&str, &str)] = &[
        ("src/sim/agenda.rs", include_str!("sim/agenda.rs")),
        ("src/sim/attack.rs", include_str!("sim/attack.rs")),
        ("src/sim/care.rs", include_str!("sim/care.rs")),
        ("src/sim/clock.rs", include_str!("sim/clock.rs")),
        ("src/sim/detection.rs", include_str!("sim/detection.rs")),
        ("src/sim/estate.rs", include_str!("sim/estate.rs")),
        ("src/sim/event.rs", include_str!("sim/event.rs")),
        ("src/sim/injects.rs", include_str!("sim/injects.rs")),
        ("src/sim/mod.rs", include_str!("sim/mod.rs")),
        ("src/sim/people.rs", include_str!("sim/people.rs")),
        ("src/sim/playbook.rs", include_str!("sim/playbook.rs")),
        ("src/sim/response.rs", include_str!("sim/response.rs")),
        ("src/sim/timeline.rs", include_str!("sim/timeline.rs")),
    ];

    #[test]
    fn the_simulation_chooses_no_words() {
        let mut found = Vec::new();
        for (file, source) in SIMULATION_SOURCES {
            for sign in ["i18n", "Language", ".tr(", ".trf("] {
                if source.contains(sign) {
                    found.push(format!("{file}: {sign}"));
                }
            }
        }
        assert!(found.is_empty(), "the simulation should record events and leave their words to words.rs:\n{}", found.join("\n"));
        // The control: the scan does see a translation where there is one.
        assert!(include_str!("words.rs").contains(".trf("), "words.rs words the events");
    }

    #[test]
    fn every_text_of_the_window_and_the_report_has_its_french() {
        let mut missing = Vec::new();
        for (file, source) in TRANSLATED_SOURCES {
            for wording in wordings(source) {
                match french().get(wording.as_str()) {
                    None => missing.push(format!("{file}: \"{wording}\"")),
                    Some(french) if french.matches("{}").count() != wording.matches("{}").count() => {
                        missing.push(format!("{file}: \"{wording}\" has another number of {{}} in French"))
                    }
                    Some(_) => {}
                }
            }
        }
        assert!(missing.is_empty(), "texts without their French:\n{}", missing.join("\n"));
    }

    #[test]
    fn the_french_table_gives_each_text_once() {
        let mut seen = std::collections::HashSet::new();
        let twice: Vec<&str> = FRENCH.iter().map(|(english, _)| *english).filter(|english| !seen.insert(*english)).collect();
        assert!(twice.is_empty(), "given twice: {twice:?}");
    }

    #[test]
    fn the_locale_chooses_the_language() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Language::from_locale_variables(vars(&[("LANG", "fr_BE.UTF-8")])), Language::French);
        assert_eq!(Language::from_locale_variables(vars(&[("LANG", "en_IE.UTF-8")])), Language::English);
        assert_eq!(Language::from_locale_variables(vars(&[("LC_ALL", "fr_FR"), ("LANG", "en_GB")])), Language::French);
        assert_eq!(Language::from_locale_variables(vars(&[("LC_ALL", ""), ("LANG", "fr_CA")])), Language::French);
        assert_eq!(Language::from_locale_variables(vars(&[])), Language::English);
    }

    #[test]
    fn values_take_the_places_of_the_braces() {
        assert_eq!(Language::English.trf("{} of {}", &[&3, &"ten"]), "3 of ten");
        assert_eq!(Language::French.tr("encrypted"), "chiffré");
        assert_eq!(Language::French.tr("a text nobody translated"), "a text nobody translated");
    }
}
