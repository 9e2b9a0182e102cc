//! Building a scenario from an asset inventory: the round trip (import, validate, inspect, run), every
//! bad row reported with its row and column at once, renamed columns, and the template's references to
//! its own estate carried over or left out with a reason.

use std::path::{Path, PathBuf};

use crate::common::cli;

fn temp(name: &str) -> PathBuf {
    crate::common::temp_dir("inventory", name)
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name).display().to_string()
}

/// The rows of the fixture inventory, below its title and headings.
fn fixture_rows() -> Vec<Vec<String>> {
    std::fs::read_to_string(fixture("inventory.csv"))
        .expect("the fixture")
        .lines()
        .skip(2)
        .map(|line| line.split(';').map(str::to_string).collect())
        .collect()
}

#[test]
fn an_inventory_round_trips_into_a_scenario_that_validates_and_runs() {
    let dir = temp("round-trip");
    let out = dir.join("saint-luc.ron");
    let o = out.to_str().expect("UTF-8");
    let result =
        cli(&["import-inventory", &fixture("inventory.csv"), "--template", "vivalia-2022", "--out", o, "--column", "site=Emplacement"]);
    let said = String::from_utf8_lossy(&result.stdout).to_string();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(cli(&["validate", o]).status.success(), "the scenario written is valid");

    // Every host of the inventory is in the estate, sites by the inventory's names.
    let rows = fixture_rows();
    let inspect = cli(&["inspect", o, "--json"]);
    assert!(inspect.status.success(), "{}", String::from_utf8_lossy(&inspect.stderr));
    let json: serde_json::Value = serde_json::from_slice(&inspect.stdout).expect("JSON");
    assert_eq!(json["hosts"]["total"].as_u64(), Some(rows.len() as u64), "one host per row");
    let is_server = |role: &str| !["Workstation", "Desktop", "Poste de travail", "Medical device"].contains(&role);
    assert_eq!(json["hosts"]["servers"].as_u64(), Some(rows.iter().filter(|r| is_server(&r[3])).count() as u64));
    let mut sites: Vec<String> =
        json["sites"].as_array().expect("sites").iter().map(|s| s["name"].as_str().unwrap_or("").to_string()).collect();
    let mut expected: Vec<String> = rows.iter().map(|r| r[1].clone()).collect();
    expected.dedup();
    expected.sort();
    expected.dedup();
    sites.sort();
    assert_eq!(sites, expected);

    // The servers keep their own names; the template's named backup server becomes the inventory's.
    let written = std::fs::read_to_string(&out).expect("written");
    assert!(written.contains("\"SL-EHR01\"") && written.contains("\"PARC-SRV01\""));
    assert!(!written.contains("VIV-BCK01"), "no server of the template is left");
    assert!(written.contains("name:\"SL-BCK01\""), "the backup server shutdown works on the inventory's backup server");
    assert!(written.contains("LockBit"), "the template's attacker is kept");
    assert!(written.contains("Couper le lien internet"), "and the French of its actions");
    assert!(!written.contains("Serveurs du datacenter de Marche"), "but not the French names of its own places");
    assert!(said.contains("left out the action \"restore-sterilisation\""), "what could not be carried over is said: {said}");
    assert!(said.contains("ASSUMPTION"), "what was assumed is said: {said}");

    // It runs: the template's attacker finds its way through this estate.
    let run = cli(&["run", o, "--json", "--playbook", "no-response"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    assert_eq!(json["hosts"]["total"].as_u64(), Some(rows.len() as u64));
    assert!(json["hosts"]["encrypted"].as_u64().unwrap_or(0) > 0, "with no response, hosts are encrypted");

    // The template's plan still scores it.
    assert!(json["milestones"].as_array().is_some_and(|m| !m.is_empty()));
}

#[test]
fn every_bad_row_of_an_inventory_is_reported_with_its_row_and_column() {
    let dir = temp("bad");
    let out = dir.join("bad.ron");
    let result = cli(&[
        "import-inventory",
        &fixture("inventory-bad.csv"),
        "--template",
        "vivalia-2022",
        "--out",
        out.to_str().expect("UTF-8"),
        "--column",
        "site=Emplacement",
    ]);
    assert!(!result.status.success());
    assert!(!out.exists(), "nothing is written");
    let stderr = String::from_utf8_lossy(&result.stderr);
    for expected in [
        "row 3, column A (CI Name): the host name is empty",
        "row 4, column D (Class): \"Coffee machine\" is not a role",
        "row 5, column A (CI Name): the host \"BAD-01\" is listed twice (first on row 2)",
        "row 6, column B (Emplacement): the site is empty",
        "row 7, column E (Operating System): \"BeOS 5\" is not a system",
        "row 8, column F (Domain): \"maybe?\" is neither yes, no, nor a domain name",
    ] {
        assert!(stderr.contains(expected), "expected «{expected}» in:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"));
}

#[test]
fn an_inventory_without_the_needed_columns_says_how_to_name_them() {
    let dir = temp("columns");
    let out = dir.join("x.ron");
    // Without --column the site is under a heading nobody guesses.
    let result = cli(&["import-inventory", &fixture("inventory.csv"), "--template", "vivalia-2022", "--out", out.to_str().expect("UTF-8")]);
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("no column for site") && stderr.contains("--column"), "{stderr}");

    let bad_field = cli(&[
        "import-inventory",
        &fixture("inventory.csv"),
        "--template",
        "vivalia-2022",
        "--out",
        out.to_str().expect("UTF-8"),
        "--column",
        "colour=Emplacement",
    ]);
    assert!(!bad_field.status.success());
    assert!(String::from_utf8_lossy(&bad_field.stderr).contains("\"colour\" is not a field"));
    assert!(!out.exists());
}
