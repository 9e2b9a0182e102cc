//! Nothing let in: a scenario names no file outside the folder it was loaded from, and a playbook names
//! its scenario by id, never by path.

use std::path::{Path, PathBuf};

use crate::common::cli;

fn shipped(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("a shipped file")
}

/// A folder holding a scenario whose plan is `plan`, a plan beside it, and a plan outside it.
fn folder(name: &str, plan: &str) -> (PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("crisis-cell-confinement-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let inside = root.join("scenario");
    std::fs::create_dir_all(&inside).expect("a temporary folder");
    let plan_text = shipped("scenarios/plans/belgian-hospital-cyber.ron");
    std::fs::write(root.join("outside.ron"), &plan_text).expect("the outside plan");
    std::fs::write(inside.join("own-plan.ron"), &plan_text).expect("the inside plan");
    let scenario = shipped("scenarios/vivalia-2022.ron").replace("plan: \"belgian-hospital-cyber\"", &format!("plan: {plan:?}"));
    let path = inside.join("hospital.ron");
    std::fs::write(&path, scenario).expect("the scenario");
    (root, path)
}

fn refused(output: &std::process::Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(1), "{what}: refused with status 1\n{stderr}");
    stderr
}

#[test]
fn a_scenario_names_only_files_in_its_own_folder() {
    let (root, scenario) = folder("inside", "own-plan.ron");
    let s = scenario.to_str().expect("a UTF-8 path");
    let ok = cli(&["validate", s]);
    assert!(ok.status.success(), "a plan beside the scenario loads: {}", String::from_utf8_lossy(&ok.stderr));
    let ok = cli(&["run", s, "--until", "2h", "--json"]);
    assert!(ok.status.success(), "and runs: {}", String::from_utf8_lossy(&ok.stderr));
    let _ = std::fs::remove_dir_all(root);

    let outside = std::env::temp_dir().join(format!("crisis-cell-confinement-{}-up", std::process::id())).join("outside.ron");
    for (name, plan) in
        [("up", "../outside.ron".to_string()), ("absolute", outside.display().to_string()), ("home", "~/plan.ron".to_string())]
    {
        let (root, scenario) = folder(name, &plan);
        let s = scenario.to_str().expect("a UTF-8 path");
        for args in [vec!["validate", s], vec!["run", s, "--until", "1h"]] {
            let output = cli(&args);
            let stderr = refused(&output, &format!("{} with plan {plan}", args[0]));
            assert!(stderr.contains("leads out"), "{}: the message says why: {stderr}", args[0]);
        }
        let _ = std::fs::remove_dir_all(root);
    }
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_folder_cannot_lead_out_of_it() {
    let (root, scenario) = folder("link", "link.ron");
    std::os::unix::fs::symlink(root.join("outside.ron"), scenario.parent().expect("a folder").join("link.ron")).expect("a link");
    let stderr = refused(&cli(&["validate", scenario.to_str().expect("a UTF-8 path")]), "a plan reached through a link");
    assert!(stderr.contains("through a link"), "{stderr}");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_playbook_names_its_scenario_by_id_never_by_path() {
    let (root, scenario) = folder("playbook", "own-plan.ron");
    let text = shipped("scenarios/playbooks/no-response.ron");
    let by_path = text.replace("scenario: \"*\"", &format!("scenario: {:?}", scenario.display().to_string()));
    assert_ne!(by_path, text, "the playbook names its scenario");
    let playbook = root.join("playbook.ron");
    std::fs::write(&playbook, by_path).expect("the playbook");
    let stderr = refused(&cli(&["validate", playbook.to_str().expect("a UTF-8 path")]), "a playbook naming a scenario by path");
    assert!(stderr.contains("neither among the files given nor built in"), "{stderr}");
    let _ = std::fs::remove_dir_all(root);
}
