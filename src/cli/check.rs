//! `validate` and `inspect`: checking data files, and showing what a scenario holds.

use std::path::PathBuf;

use super::{Failure, print, print_json};
use crate::data::check::check_files;
use crate::data::inspect::Inspection;
use crate::data::load::load_scenario;

/// The command `validate`: every problem of every file, or each file said valid.
pub(super) fn validate(files: &[PathBuf]) -> Result<(), Failure> {
    let checked = check_files(files);
    for warning in &checked.warnings.0 {
        eprintln!("{warning}");
    }
    if !checked.problems.0.is_empty() {
        return Err(checked.problems.into());
    }
    print(&checked.valid.iter().map(|f| format!("{f}: valid\n")).collect::<String>())
}

/// The command `inspect`: a scenario's sites, segments, host counts by role and links.
pub(super) fn inspect(name: &str, json: bool) -> Result<(), Failure> {
    let loaded = load_scenario(name)?;
    let report = Inspection::of(&loaded.scenario);
    if json {
        return print_json(&report);
    }
    let mut out = String::new();
    out += &format!("{} ({}, version {})\n", report.name, report.id, report.version);
    out += &format!("Starts {} ({})\n\n", report.start, report.time_zone);
    out += &format!(
        "Hosts: {} in all, {} servers, {} workstations, {} other\n",
        report.hosts.total, report.hosts.servers, report.hosts.workstations, report.hosts.other
    );
    for (role, count) in &report.hosts.by_role {
        out += &format!("  {role:<20} {count:>7}\n");
    }
    let os: Vec<String> = report.hosts.by_os.iter().map(|(os, count)| format!("{count} {os}")).collect();
    out += &format!(
        "By system: {}; {} in the Windows domain; {} with an EDR agent\n",
        os.join(", "),
        report.hosts.domain_joined,
        report.hosts.with_edr
    );
    out += "\nSites:\n";
    for site in &report.sites {
        out += &format!(
            "  {:<14} {:<40} {:<20} beds {:>4}  hosts {:>6} ({} servers, {} workstations)\n",
            site.id, site.name, site.kind, site.beds, site.hosts, site.servers, site.workstations
        );
    }
    out += "\nSegments:\n";
    for segment in &report.segments {
        out += &format!("  {:<26} {:<14} {:<28} hosts {:>6}\n", segment.id, segment.site, segment.kind, segment.hosts);
    }
    out += "\nLinks:\n";
    for link in &report.links {
        out += &format!("  {:<18} {:<11} {}\n", link.id, link.kind, link.sites.join(" - "));
    }
    out += &format!("\nBackups: {}\nActions: {}\n", report.backups.join(", "), report.actions.join(", "));
    print(&out)
}
