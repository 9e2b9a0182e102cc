//! `import-inventory`: a scenario on a hospital's own estate. An asset inventory exported from a
//! configuration database (one row per host) replaces a template scenario's sites, segments, links,
//! backups and hosts, while the template's attacker, people, care, injects and plan are kept. References
//! the template made to its own sites, servers and groups are carried over where their meaning survives
//! and left out, with the reason, where it does not. Every value the inventory does not give is marked
//! ASSUMPTION in the written file.
//!
//! The phases, each in its own file: reading the rows (`rows`), planning the estate (`estate`), carrying
//! the template over (`template`); writing the scenario's text is here.

mod estate;
mod rows;
mod template;

pub use estate::{Estate, Hub, plan_estate};
pub use rows::{INVENTORY_COLUMNS, Inventory, InventoryColumn, InventoryHost, column_overrides, hosts_from_table};
pub use template::{CarriedOver, carry_over};

use crate::data::locate::{FieldPath, Outline};
use crate::data::scenario::{ReachRule, Scenario};
use crate::import::ron_edit::{Edit, add_section, apply_edits, ron_line, ron_list, section_start};

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

/// Builds the scenario: the template's text with the estate replaced by the inventory's.
/// Refuses an inventory with more sites or segments than a scenario may have, before any is planned:
/// planning them costs in proportion to their square.
fn within_limits(hosts: &[InventoryHost]) -> Result<(), String> {
    use crate::data::validate::{MAX_SEGMENTS, MAX_SITES};
    let sites: std::collections::HashSet<&str> = hosts.iter().map(|h| h.site.as_str()).collect();
    let segments: std::collections::HashSet<(&str, &str)> =
        hosts.iter().filter(|h| !h.segment.is_empty()).map(|h| (h.site.as_str(), h.segment.as_str())).collect();
    if sites.len() > MAX_SITES {
        return Err(format!("the inventory names {} sites; a scenario may have at most {MAX_SITES}", sites.len()));
    }
    if segments.len() > MAX_SEGMENTS {
        return Err(format!("the inventory names {} segments; a scenario may have at most {MAX_SEGMENTS}", segments.len()));
    }
    Ok(())
}

pub fn build_scenario(
    template_text: &str,
    template: &Scenario,
    inventory: &Inventory,
    options: &ImportOptions,
) -> Result<ImportedScenario, String> {
    within_limits(&inventory.hosts)?;
    let estate = plan_estate(&inventory.hosts, template);
    let carried = carry_over(template_text, template, &estate)?;
    let mut notes: Vec<String> = inventory.assumed.clone();
    notes.extend(carried.notes);
    let mut edits = carried.edits;
    // Newlines in a file's name would end the comments it is written in.
    let source = options.source.replace(['\n', '\r'], " ");
    let outline = Outline::new(template_text);
    let sections = estate_sections(&estate, carried.reachability.as_deref(), &source)?;
    let missing = replace_sections(template_text, &outline, sections, &mut edits);
    meta_edits(&outline, template, options, &estate, inventory.hosts.len(), &source, &mut edits)?;
    let mut text = apply_edits(template_text, edits)?;
    // Sections the template lacks are added once its own are rewritten.
    for (name, value) in missing {
        text = add_section(&text, name, &value)?;
    }
    let header = format!(
        "// Built by `crisis-cell import-inventory` from the inventory {source} on the template {}.\n// Review every ASSUMPTION below, the beds per site, and the injects' texts, which speak of the template's hospital.\n",
        template.meta.id
    );
    Ok(ImportedScenario {
        text: header + &text,
        sites: estate.sites.len(),
        segments: estate.segments.len(),
        servers: estate.servers.len(),
        workstations: estate.workstations,
        devices: estate.devices,
        notes,
    })
}

/// The estate's sections written anew, in the order a scenario has them, each under comments saying
/// where it came from and what was assumed.
fn estate_sections(estate: &Estate, reachability: Option<&[ReachRule]>, source: &str) -> Result<Vec<(&'static str, String)>, String> {
    let guessed = match estate.guessed_kinds {
        0 => String::new(),
        n => format!(" {n} sites named nothing that tells their kind: a general hospital (ASSUMPTION)."),
    };
    let template_beds = estate.template_beds;
    let mut sections = vec![
        (
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
                &estate.sites,
            )?,
        ),
        (
            "segments",
            ron_list(
                &["From the inventory's segments or VLANs. Kinds from their names, else from the hosts they hold (ASSUMPTION for workstations: clinical).".to_string()],
                &estate.segments,
            )?,
        ),
    ];
    if let Some(rules) = reachability {
        sections
            .push(("reachability", ron_list(&["The template's rules that do not name its own sites or segments.".to_string()], rules)?));
    }
    let hub = &estate.hub.name;
    let (servers, workstations, devices) = (estate.servers.len(), estate.workstations, estate.devices);
    sections.extend([
        (
            "links",
            ron_list(
                &[format!(
                    "ASSUMPTION: the template's internet and partner links at {hub} (where the domain controllers are, or most servers), and a star of WAN links from it."
                )],
                &estate.links,
            )?,
        ),
        (
            "backups",
            ron_list(
                &["The inventory's backups; offline when their names say tape, offline, immutable or air gap, online otherwise (ASSUMPTION)."
                    .to_string()],
                &estate.backups,
            )?,
        ),
        ("servers", ron_list(&[format!("{servers} servers from the inventory, by their own names.")], &estate.servers)?),
        (
            "host_groups",
            ron_list(
                &[format!(
                    "{workstations} workstations and {devices} medical devices from the inventory, grouped by segment, role, system, domain, EDR and backup; their names are generated from the prefix they share."
                )],
                &estate.host_groups,
            )?,
        ),
    ]);
    Ok(sections)
}

/// Edits that replace the template's sections by these; returns those the template lacks, to be added.
fn replace_sections(
    template_text: &str,
    outline: &Outline,
    sections: Vec<(&'static str, String)>,
    edits: &mut Vec<Edit>,
) -> Vec<(&'static str, String)> {
    let mut missing = Vec::new();
    for (name, text) in sections {
        match outline.at(&FieldPath::root().field(name)) {
            // The template's comments above the section speak of its own estate: they go with it.
            Some(node) => match section_start(template_text, name, node.start) {
                Some(start) => edits.push(Edit { start, end: node.end, text: format!("    {name}: {text}") }),
                None => edits.push(Edit { start: node.start, end: node.end, text }),
            },
            None => missing.push((name, text)),
        }
    }
    missing
}

/// Meta: a new id and name, no historical night, and the template's sources with the inventory's.
fn meta_edits(
    outline: &Outline,
    template: &Scenario,
    options: &ImportOptions,
    estate: &Estate,
    hosts: usize,
    source: &str,
    edits: &mut Vec<Edit>,
) -> Result<(), String> {
    let meta = FieldPath::root().field("meta");
    let name = options.name.clone().unwrap_or_else(|| format!("{}: {}", options.id, template.attacker.name));
    for (field_name, value) in [("id", options.id.clone()), ("name", name), ("version", "1".to_string())] {
        let node = outline.at(&meta.field(field_name)).ok_or(format!("the template's meta.{field_name} could not be located"))?;
        edits.push(Edit { start: node.start, end: node.end, text: ron_line(&value)? });
    }
    // The template's historical night is its own hospital's, not this one's.
    if let Some(node) = outline.at(&meta.field("historical_playbook")) {
        edits.push(Edit {
            start: node.start,
            end: node.end,
            text: "None /* the template's historical night is not this hospital's */".into(),
        });
    }
    let sources_node = outline.at(&meta.field("sources")).ok_or("the template's meta.sources could not be located")?;
    let mut sources = template.meta.sources.clone();
    sources.push(format!(
        "Asset inventory {source}: {hosts} hosts on {} sites; attacker, people, care and injects from the scenario {}",
        estate.sites.len(),
        template.meta.id
    ));
    edits.push(Edit { start: sources_node.start, end: sources_node.end, text: ron_list(&[], &sources)? });
    Ok(())
}
