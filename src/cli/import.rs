//! `import-injects` and `import-inventory`: a spreadsheet made into a scenario, checked before it is written.

use std::path::Path;

use super::{Failure, failure, print};
use crate::data::load::{self, load_scenario};
use crate::import::{self, inventory};

/// The command `import-injects`.
pub(super) fn import_injects(file: &Path, scenario: &str, out: &Path) -> Result<(), Failure> {
    refuse_overwriting(out, file)?;
    let loaded = load_scenario(scenario)?;
    let text = &loaded.text;
    let plan = load::scenario_plan(&loaded.scenario, loaded.folder.as_deref())?;
    let milestones: Vec<String> = plan.map(|p| p.milestones.into_iter().map(|m| m.id).collect()).unwrap_or_default();
    let table = import::read_table(file)?;
    let injects = import::injects_from_table(&table, &loaded.scenario, &milestones)?;
    let written = import::splice_injects(text, &injects).map_err(failure)?;
    // Translations of the injects replaced go with them.
    let written = import::prune_translations(&written, &[]).map_err(failure)?;
    // The result must be a valid scenario before it is written.
    let label = out.display().to_string();
    check_built(out, file, &written)?;
    make_parent(out)?;
    crate::report::write_whole(out, &written).map_err(failure)?;
    print(&format!("{label}: {} with {} injects from {}\n", loaded.scenario.meta.id, injects.len(), file.display()))
}

/// Refuses an output that is the spreadsheet read: the import would destroy its own source.
fn refuse_overwriting(out: &Path, input: &Path) -> Result<(), Failure> {
    let same = match (std::fs::canonicalize(out), std::fs::canonicalize(input)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(failure(format!("--out {} is the spreadsheet being read: choose another file for the scenario", out.display())));
    }
    Ok(())
}

/// Checks the scenario an import built before it is written; its problems name the file it would have
/// been and the spreadsheet it was built from, and say that nothing was written.
fn check_built(out: &Path, spreadsheet: &Path, text: &str) -> Result<crate::data::Scenario, Failure> {
    let label = format!("{} (built from {}, not written)", out.display(), spreadsheet.display());
    if text.len() as u64 > load::MAX_FILE_BYTES {
        return Err(failure(format!(
            "{label}: it would be {} bytes, more than the {} a scenario may be",
            text.len(),
            load::MAX_FILE_BYTES
        )));
    }
    load::scenario_from_text(&label, text).map_err(Failure::from)
}

/// Creates the folder a file is to be written in, as `--report` does for its folder.
fn make_parent(out: &Path) -> Result<(), Failure> {
    match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            std::fs::create_dir_all(parent).map_err(|e| failure(format!("cannot create the folder {}: {e}", parent.display())))
        }
        _ => Ok(()),
    }
}

/// The command `import-inventory`.
pub(super) fn import_inventory(
    file: &Path,
    template: &str,
    out: &Path,
    columns: &[String],
    id: Option<&str>,
    name: Option<&str>,
) -> Result<(), Failure> {
    refuse_overwriting(out, file)?;
    let overrides = inventory::column_overrides(columns).map_err(failure)?;
    let loaded = load_scenario(template)?;
    let id = match id {
        Some(id) => id.to_string(),
        None => out.file_stem().and_then(|s| s.to_str()).unwrap_or("imported").to_string(),
    };
    if id.trim().is_empty() || id.chars().any(|c| c.is_control() || c == '"') {
        return Err(failure(format!("\"{}\" cannot be a scenario id", id.escape_debug())));
    }
    let table = import::read_table(file)?;
    let inventory = inventory::hosts_from_table(&table, &overrides)?;
    let options = inventory::ImportOptions { id, name: name.map(str::to_string), source: file.display().to_string() };
    let mut built = inventory::build_scenario(&loaded.text, &loaded.scenario, &inventory, &options).map_err(failure)?;
    // The template's names of its own places and links, in any language, go with them.
    built.text = import::prune_translations(&built.text, &["meta", "sites", "segments", "links", "backups"]).map_err(failure)?;
    // The result must be a valid scenario, with a plan that loads, before it is written.
    let label = out.display().to_string();
    let scenario = check_built(out, file, &built.text)?;
    let folder = out.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p });
    if let Err(problems) = load::scenario_plan(&scenario, folder) {
        eprintln!("warning: the plan the template names does not load next to {label} (copy it beside the new scenario):\n{problems}");
    }
    make_parent(out)?;
    crate::report::write_whole(out, &built.text).map_err(failure)?;
    let mut summary = format!(
        "{label}: scenario {} with {} hosts ({} servers, {} workstations, {} medical devices) on {} sites and {} segments, from {}\n",
        scenario.meta.id,
        built.servers + built.workstations + built.devices,
        built.servers,
        built.workstations,
        built.devices,
        built.sites,
        built.segments,
        file.display()
    );
    for note in &built.notes {
        summary += &format!("  - {note}\n");
    }
    print(&summary)
}
