//! Importing an inject list from a spreadsheet (CSV or XLSX) into a scenario: the round trip (import,
//! validate, run), bad rows all reported with their place, and the rest of the scenario kept as written.

use std::path::{Path, PathBuf};

use crate::common::cli;

fn temp(name: &str) -> PathBuf {
    crate::common::temp_dir("import", name)
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name).display().to_string()
}

#[test]
fn a_french_csv_inject_list_round_trips_into_a_scenario_that_runs() {
    let dir = temp("csv");
    let csv = dir.join("msel.csv");
    std::fs::write(
        &csv,
        "\u{feff}Heure;Canal;Destinataire;Texte;Réponse attendue;Jalon\n\
         +0:20;téléphone;ingénieur d'astreinte;\"Le DPI ne répond plus; un fichier étrange est sur le bureau.\";Investiguer;\n\
         04:00;radio;directeur médical;Le SMUR demande s'il faut dévier les ambulances.;Décider;crisis-team-activated\n\
         2022-05-14T06:30;presse;communication;Un journaliste appelle.;;\n",
    )
    .expect("the CSV");
    let out = dir.join("hospital.ron");
    let o = out.to_str().expect("UTF-8");
    let result = cli(&["import-injects", csv.to_str().expect("UTF-8"), "--scenario", "vivalia-2022", "--out", o]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(cli(&["validate", o]).status.success(), "the scenario written is valid");

    let written = std::fs::read_to_string(&out).expect("written");
    let original = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/vivalia-2022.ron")).expect("shipped");
    assert_eq!(written.matches("ASSUMPTION").count(), original.matches("ASSUMPTION").count(), "every comment of the scenario is kept");

    let run = cli(&["run", o, "--until", "6h", "--json"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let injects: Vec<(u64, String)> = json["timeline"]
        .as_array()
        .expect("a timeline")
        .iter()
        .filter(|row| row["kind"] == "inject")
        .map(|row| (row["minute"].as_u64().expect("a minute"), row["text"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(injects.len(), 3, "the three injects, and only they: {injects:?}");
    assert_eq!(injects[0].0, 20, "+0:20 is twenty minutes after the start");
    assert!(
        injects[0].1.contains("téléphone") && injects[0].1.contains("DPI ne répond plus; un fichier"),
        "quoted text keeps its semicolon"
    );
    assert_eq!(injects[1].0, 150, "04:00 on the first night is 150 minutes after 01:30");
    assert_eq!(injects[2].0, 300, "06:30 is 300 minutes after the start");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_xlsx_workbook_with_a_title_row_imports_every_kind_of_time() {
    let dir = temp("xlsx");
    let out = dir.join("hospital.ron");
    let result = cli(&["import-injects", &fixture("injects.xlsx"), "--scenario", "vivalia-2022", "--out", out.to_str().expect("UTF-8")]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let scenario = crisis_cell::data::load_scenario(out.to_str().expect("UTF-8")).expect("valid").scenario;
    let triggers: Vec<String> = scenario.injects.iter().map(|i| format!("{}={:?}", i.id, i.trigger)).collect();
    assert_eq!(
        triggers,
        [
            "nurse-call=At(Elapsed(45))",
            "ambulance=At(Clock(\"2022-05-14T04:00\"))",
            "press=At(Clock(\"2022-05-14T08:30\"))",
            "minutes=At(Elapsed(150))",
        ],
        "an offset as text, a time of day, a date and time, and a number of minutes"
    );
    assert_eq!(scenario.injects[1].milestone.as_deref(), Some("crisis-team-activated"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn every_bad_row_is_reported_with_its_sheet_row_and_column() {
    let dir = temp("bad");
    let out = dir.join("hospital.ron");
    let result =
        cli(&["import-injects", &fixture("injects-bad.xlsx"), "--scenario", "vivalia-2022", "--out", out.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("sheet \"Injects\", row 2, column A (time): \"soon\" is not a time"), "{stderr}");
    assert!(stderr.contains("row 3, column C (text): the inject's text is empty"), "{stderr}");
    assert!(stderr.contains("row 4, column D (milestone): \"no-such-milestone\" is not a milestone"), "{stderr}");
    assert!(stderr.contains("3 problems found"), "all at once: {stderr}");
    assert!(!out.exists(), "nothing is written when a row is bad");

    let csv = dir.join("bad.csv");
    std::fs::write(&csv, "time,text\n+1:00,fine\n25:99,bad time\n,no time\n").expect("the CSV");
    let result =
        cli(&["import-injects", csv.to_str().expect("UTF-8"), "--scenario", "vivalia-2022", "--out", out.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("row 3, column A (time)") && stderr.contains("row 4, column A (time): a time is needed"), "{stderr}");

    let no_headings = dir.join("plain.csv");
    std::fs::write(&no_headings, "a,b\n1,2\n").expect("the CSV");
    let result =
        cli(&["import-injects", no_headings.to_str().expect("UTF-8"), "--scenario", "vivalia-2022", "--out", out.to_str().expect("UTF-8")]);
    assert!(String::from_utf8_lossy(&result.stderr).contains("expected headings with at least a time and a text column"));
    let _ = std::fs::remove_dir_all(dir);
}
