//! English and French: the report written in the language asked for (or the locale's), the run itself
//! the same in both, and a journal that keeps the language its exercise was played in.

use std::path::Path;
use std::sync::Arc;

use crisis_cell::data::load::{self, load_scenario};
use crisis_cell::exercise::journal::{self, JournalWriter};
use crisis_cell::exercise::{Exercise, ExerciseSetup, Speed};
use crisis_cell::i18n::Language;

use crate::common::{cli, temp_dir};

/// Headings of report.html in each language, each present whatever the run.
const FRENCH_HEADINGS: [&str; 4] = ["<h2>Synthèse</h2>", "<h2>Jalons</h2>", "<h2>Le score, ligne par ligne</h2>", "<h2>Chronologie</h2>"];
const ENGLISH_HEADINGS: [&str; 4] = ["<h2>Summary</h2>", "<h2>Milestones</h2>", "<h2>The score, line by line</h2>", "<h2>Timeline</h2>"];

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} should be written: {e}", path.display()))
}

fn assert_french(html: &str, what: &str) {
    assert!(html.contains("<html lang=\"fr\">"), "{what}: the page says it is French");
    for heading in FRENCH_HEADINGS {
        assert!(html.contains(heading), "{what}: the French heading {heading} is there");
    }
    for heading in ENGLISH_HEADINGS {
        assert!(!html.contains(heading), "{what}: no English heading {heading} is left");
    }
    assert!(!html.contains("After-action report"), "{what}: the title is French too");
    assert!(html.contains("Rapport de retour d&#39;expérience"), "{what}: the French title");
}

fn assert_english(html: &str, what: &str) {
    assert!(html.contains("<html lang=\"en\">"), "{what}: the page says it is English");
    for heading in ENGLISH_HEADINGS {
        assert!(html.contains(heading), "{what}: the English heading {heading} is there");
    }
    for heading in FRENCH_HEADINGS {
        assert!(!html.contains(heading), "{what}: no French heading {heading}");
    }
    assert!(html.contains("After-action report"), "{what}: the English title");
}

/// `run --json` with its report written into `dir`, in `language` if one is given.
fn run_report(dir: &Path, language: Option<&str>) -> std::process::Output {
    let mut args = vec!["run", "vivalia-2022", "--playbook", "vivalia-2022-historical", "--seed", "3", "--until", "12h", "--json"];
    let report = dir.to_str().expect("UTF-8");
    args.extend(["--report", report]);
    if let Some(language) = language {
        args.extend(["--language", language]);
    }
    let out = cli(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

#[test]
fn run_writes_its_report_in_the_language_asked_for_and_the_run_is_the_same() {
    let dir = temp_dir("language", "run");
    let french = run_report(&dir.join("fr"), Some("fr"));
    let html = read(&dir.join("fr").join("report.html"));
    assert_french(&html, "run --language fr");
    assert!(html.contains("<th>Nuit historique</th>"), "the table headers shown to people are French");
    let md = read(&dir.join("fr").join("report.md"));
    assert!(md.contains("## Chronologie") && md.contains("## Jalons") && !md.contains("## Timeline"), "report.md is French:\n{md}");
    // What machines read keeps its English names.
    let csv = read(&dir.join("fr").join("timeline.csv"));
    assert!(csv.starts_with("minute,at,kind,id,text\n"), "timeline.csv keeps its heading");
    assert!(csv.contains(",decision,") && !csv.contains(",décision,"), "and its kinds");
    let json: serde_json::Value = serde_json::from_str(&read(&dir.join("fr").join("result.json"))).expect("JSON");
    assert!(json["milestones"][0]["status"].is_string() && json["score"]["total"].is_number(), "result.json keeps its fields");

    let english = run_report(&dir.join("en"), Some("en"));
    assert_english(&read(&dir.join("en").join("report.html")), "run --language en");
    assert!(read(&dir.join("en").join("report.md")).contains("## Timeline"));

    // The language changes the words, never the run.
    let numbers = |out: &std::process::Output| {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("run --json");
        // Milestones by their numbers: their names are the plan's, in the language of the run.
        let milestones: Vec<(serde_json::Value, serde_json::Value, serde_json::Value)> = v["milestones"]
            .as_array()
            .expect("milestones")
            .iter()
            .map(|m| (m["id"].clone(), m["status"].clone(), m["achieved_minutes"].clone()))
            .collect();
        (v["score"]["total"].clone(), v["hosts"].clone(), milestones, v["samples"].clone())
    };
    assert_eq!(numbers(&french), numbers(&english), "the same outcome in both languages");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn run_takes_the_locale_when_no_language_is_given_and_refuses_an_unknown_one() {
    let dir = temp_dir("language", "locale");
    let report = dir.join("report");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crisis-cell"))
        .args(["run", "vivalia-2022", "--until", "6h", "--report", report.to_str().expect("UTF-8")])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "fr_BE.UTF-8")
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_french(&read(&report.join("report.html")), "run under a French locale");

    let refused = cli(&["run", "vivalia-2022", "--until", "1h", "--language", "de"]);
    assert!(!refused.status.success(), "German is not a language of the exercise");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("en (English) or fr (French)"), "and the message says which are");
    let _ = std::fs::remove_dir_all(dir);
}

/// The shipped scenario, whose texts are also given in French, written beside the journal.
fn scenario_with_french(dir: &Path) -> std::path::PathBuf {
    let translated = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/vivalia-2022.ron"));
    assert!(translated.contains("name: \"Vivalia, mai 2022 : rançongiciel dans tout le groupe hospitalier\""), "its French name");
    let path = dir.join("vivalia-fr.ron");
    std::fs::write(&path, translated).expect("written");
    path
}

/// An exercise played in `language` on the scenario at `scenario`, journaled to `journal_path`.
fn journaled_exercise(scenario: &Path, journal_path: &Path, language: Language) -> Exercise {
    let loaded = load_scenario(scenario.to_str().expect("UTF-8")).expect("the scenario loads");
    let plan = load::scenario_plan(&loaded.scenario, loaded.folder.as_deref()).expect("the built-in plan");
    let mut setup = ExerciseSetup::new(Arc::new(loaded.scenario.in_language(language)), plan, 5);
    setup.language = language;
    setup.pause_on_inject = false;
    let mut exercise = Exercise::new(setup);
    let writer = JournalWriter::open(journal_path, None).expect("a writable journal");
    exercise.start_journal(writer, scenario.to_str().expect("UTF-8")).expect("the header is written");
    exercise.set_speed(Speed::X600);
    exercise.run_to(120);
    exercise.decide("escalate-it-director").expect("a decision of the catalog");
    exercise.add_note("La cellule attend le directeur informatique.");
    exercise.run_to(240);
    exercise.end();
    exercise
}

#[test]
fn a_journal_keeps_the_language_of_its_exercise_and_replays_in_it() {
    let dir = temp_dir("language", "journal");
    let scenario = scenario_with_french(&dir);
    let path = dir.join("exercise.jsonl");
    let exercise = journaled_exercise(&scenario, &path, Language::French);
    let expected = format!("{}\n", serde_json::to_string_pretty(&exercise.result().0).expect("JSON"));
    drop(exercise);

    let header: serde_json::Value = serde_json::from_str(read(&path).lines().next().expect("a header line")).expect("the header is JSON");
    assert_eq!(header["language"], "fr", "the header says the exercise was played in French");
    let read_back = journal::read(&path).expect("the journal reads");
    assert_eq!(read_back.header.language, Language::French);
    let setup = read_back.setup(&path).expect("the scenario, in French, is the one the journal names");
    assert_eq!(setup.language, Language::French);
    assert!(setup.scenario.meta.name.starts_with("Vivalia, mai 2022"), "the scenario comes back in French");

    // The digest is of the French scenario: replay finds the same exercise only in French.
    let p = path.to_str().expect("UTF-8");
    let replayed = cli(&["replay", p, "--json"]);
    assert!(replayed.status.success(), "{}", String::from_utf8_lossy(&replayed.stderr));
    assert_eq!(String::from_utf8_lossy(&replayed.stdout), expected, "replay gives the French exercise's own result");

    let report = dir.join("report-fr");
    let out = cli(&["replay", p, "--report", report.to_str().expect("UTF-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = read(&report.join("report.html"));
    assert_french(&html, "replay of a French journal");
    assert!(html.contains("Vivalia, mai 2022 : rançongiciel"), "with the scenario's own French name");
    assert!(html.contains("La cellule attend le directeur informatique."), "and the observer note");

    // --language overrides the journal's language for the report only.
    let report = dir.join("report-en");
    let out = cli(&["replay", p, "--report", report.to_str().expect("UTF-8"), "--language", "en"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_english(&read(&report.join("report.html")), "replay --language en of a French journal");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_journal_that_names_no_language_was_english() {
    let dir = temp_dir("language", "old-journal");
    let scenario = scenario_with_french(&dir);
    let path = dir.join("exercise.jsonl");
    drop(journaled_exercise(&scenario, &path, Language::English));
    let text = read(&path);
    let old = text.replacen(",\"language\":\"en\"", "", 1);
    assert_ne!(old, text, "the header named its language");
    std::fs::write(&path, old).expect("written");

    let read_back = journal::read(&path).expect("a journal without a language reads");
    assert_eq!(read_back.header.language, Language::English);
    let report = dir.join("report");
    let out = cli(&["replay", path.to_str().expect("UTF-8"), "--report", report.to_str().expect("UTF-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = read(&report.join("report.html"));
    assert_english(&html, "replay of a journal without a language");
    assert!(html.contains("Vivalia, May 2022"), "on the scenario as written, in English");
    let _ = std::fs::remove_dir_all(dir);
}
