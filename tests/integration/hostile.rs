//! Hostile files: estates too large to hold, rings of requirements, devices and pipes for files, a
//! scenario's link out of its folder when named by a bare name, spreadsheets that would unpack to
//! gigabytes, an output that is its own input, forged shards and links planted where outputs are
//! written. Each is refused with a message and a non-zero exit, and no other file changes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use crisis_cell::data::load::scenario_from_text;

use crate::common::{cli, temp_dir};

fn shipped(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("a shipped file")
}

fn refused(output: &std::process::Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "refused: {stderr}");
    assert!(stderr.contains(expected), "the message says \"{expected}\": {stderr}");
}

#[test]
fn an_estate_too_large_to_hold_is_refused_at_once() {
    let text = shipped("scenarios/vivalia-2022.ron");
    let many: String = (0..60_000).map(|i| format!("(id: \"s{i}\", site: \"marche\", kind: Servers),\n")).collect();
    let spoiled = text.replacen("segments: [", &format!("segments: [\n{many}"), 1);
    let problems = scenario_from_text("large.ron", &spoiled).expect_err("refused").0;
    assert!(problems.iter().any(|p| p.message.contains("at most 2000 segments, found")), "{problems:?}");
    // Said once, not once for each of the 60,000.
    assert!(problems.len() < 10, "{} problems", problems.len());
}

#[test]
fn actions_that_require_each_other_in_a_ring_are_refused() {
    let text = shipped("scenarios/vivalia-2022.ron");
    let anchor = r#"effect: Notify("ccb"), role: "it-director", duration: Uniform(min: 15, max: 30), requires: [Confirmed]),"#;
    assert!(text.contains(anchor));
    let ring = text.replacen(
        anchor,
        r#"effect: Notify("ccb"), role: "it-director", duration: Uniform(min: 15, max: 30), requires: [Confirmed, Done("ccb-notification")]),"#,
        1,
    );
    let problems = scenario_from_text("ring.ron", &ring).expect_err("refused").0;
    let found: Vec<_> = problems.iter().filter(|p| p.message.contains("ring of requirements")).collect();
    assert_eq!(found.len(), 1, "{problems:?}");
    assert!(found[0].message.contains("ccb-early-warning") && found[0].message.contains("ccb-notification") && found[0].position.is_some());
    // Control: the shipped chain (the notification after the early warning) is no ring.
    assert!(scenario_from_text("chain.ron", &text).is_ok());
}

#[cfg(unix)]
#[test]
fn a_device_or_a_pipe_named_as_a_file_is_refused_without_reading_it() {
    refused(&cli(&["validate", "/dev/zero"]), "not a regular file");
    refused(&cli(&["run", "/dev/zero", "--until", "1h"]), "not a regular file");
    let dir = temp_dir("hostile", "fifo");
    let fifo = dir.join("scenario.ron");
    let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the pipe.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    // Nobody writes to the pipe: reading it would wait for ever.
    refused(&cli(&["validate", fifo.to_str().unwrap()]), "not a regular file");
    refused(&cli(&["replay", fifo.to_str().unwrap()]), "not a regular file");
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn a_scenario_named_by_a_bare_file_name_still_names_nothing_outside_its_folder() {
    let root = temp_dir("hostile", "bare");
    let inside = root.join("scenario");
    std::fs::create_dir_all(&inside).unwrap();
    std::fs::write(root.join("outside.ron"), shipped("scenarios/plans/belgian-hospital-cyber.ron")).unwrap();
    std::os::unix::fs::symlink(root.join("outside.ron"), inside.join("link.ron")).unwrap();
    let scenario = shipped("scenarios/vivalia-2022.ron").replace("plan: \"belgian-hospital-cyber\"", "plan: \"link.ron\"");
    std::fs::write(inside.join("hospital.ron"), scenario).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_crisis-cell")).args(["validate", "hospital.ron"]).current_dir(&inside).output().unwrap();
    refused(&output, "through a link");
    std::fs::remove_dir_all(&root).ok();
}

/// The shipped inject workbook with its first sheet's XML changed by `change`, written to `path`;
/// `extra` adds a part of that many zero bytes.
fn workbook_with(path: &Path, change: impl Fn(String) -> String, extra: usize) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/injects.xlsx");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(source).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        if name.ends_with("sheet1.xml") {
            text = change(text);
        }
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    if extra > 0 {
        out.start_file("xl/media/padding.bin", options).unwrap();
        let block = vec![0u8; 1 << 20];
        for _ in 0..extra.div_ceil(block.len()) {
            out.write_all(&block).unwrap();
        }
    }
    out.finish().unwrap();
}

#[test]
fn a_workbook_that_would_unpack_to_gigabytes_is_refused_before_it_is_read() {
    let dir = temp_dir("hostile", "workbooks");
    let out = dir.join("scenario.ron").display().to_string();
    // Control: the workbook as shipped imports.
    let plain = dir.join("plain.xlsx");
    workbook_with(&plain, |t| t, 0);
    let ok = cli(&["import-injects", plain.to_str().unwrap(), "--scenario", "vivalia-2022", "--out", &out]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    // One stray cell at the sheet's far corner would make a dense table of 17 billion cells.
    let far = dir.join("far.xlsx");
    workbook_with(
        &far,
        |t| t.replace("</sheetData>", r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>"#),
        0,
    );
    refused(&cli(&["import-injects", far.to_str().unwrap(), "--scenario", "vivalia-2022", "--out", &out]), "XFD1048576");
    // 300 MB of zeros compress to well under a megabyte.
    let bomb = dir.join("bomb.xlsx");
    workbook_with(&bomb, |t| t, 300 << 20);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 << 20);
    refused(&cli(&["import-injects", bomb.to_str().unwrap(), "--scenario", "vivalia-2022", "--out", &out]), "unpack to more than");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_import_never_writes_over_the_spreadsheet_it_reads() {
    let dir = temp_dir("hostile", "own-input");
    let sheet = dir.join("injects.csv");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/inventory.csv"), &sheet).unwrap();
    let before = std::fs::read(&sheet).unwrap();
    let s = sheet.to_str().unwrap();
    refused(&cli(&["import-injects", s, "--scenario", "vivalia-2022", "--out", s]), "is the spreadsheet being read");
    refused(&cli(&["import-inventory", s, "--template", "vivalia-2022", "--out", s]), "is the spreadsheet being read");
    assert_eq!(std::fs::read(&sheet).unwrap(), before, "the spreadsheet is as it was");
    std::fs::remove_dir_all(&dir).ok();
}

/// A batch shard's JSON, written by the binary, and the folder it is in.
fn shard(dir: &Path, name: &str, scenario: &str) -> (PathBuf, serde_json::Value) {
    let path = dir.join(name);
    let output = cli(&["batch", scenario, "--playbook", "no-response", "--runs", "4", "--shard", "1/2", "--out", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    (path, value)
}

#[test]
fn forged_or_mismatched_shards_are_refused() {
    let dir = temp_dir("hostile", "shards");
    let (first, value) = shard(&dir, "first.json", "vivalia-2022");
    let forge = |name: &str, change: &dyn Fn(&mut serde_json::Value)| {
        let mut forged = value.clone();
        change(&mut forged);
        let path = dir.join(name);
        std::fs::write(&path, forged.to_string()).unwrap();
        path.display().to_string()
    };
    let huge = forge("huge.json", &|v| v["shards"] = serde_json::json!(1_000_000_000_000u64));
    refused(&cli(&["merge", &huge]), "which no batch writes");
    let cut = forge("cut.json", &|v| v["stats"]["encrypted"]["counts"] = serde_json::json!([4]));
    let second = forge("second.json", &|v| v["shard"] = serde_json::json!(2));
    refused(&cli(&["merge", first.to_str().unwrap(), &cut]), "given twice");
    refused(&cli(&["merge", &cut, &second]), "cut short");
    // The same id and version, another estate: the fingerprints differ.
    let edited = dir.join("edited.ron");
    std::fs::write(&edited, shipped("scenarios/vivalia-2022.ron").replace("Uniform(min: 25, max: 55)", "Uniform(min: 26, max: 55)"))
        .unwrap();
    let (other, _) = shard(&dir, "other.json", edited.to_str().unwrap());
    let real_second = {
        let path = dir.join("real-second.json");
        let output =
            cli(&["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "4", "--shard", "2/2", "--out", path.to_str().unwrap()]);
        assert!(output.status.success());
        path
    };
    refused(&cli(&["merge", other.to_str().unwrap(), real_second.to_str().unwrap()]), "another batch");
    // Control: the real two shards merge.
    assert!(cli(&["merge", first.to_str().unwrap(), real_second.to_str().unwrap()]).status.success());
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn a_link_planted_where_an_output_is_written_changes_nothing_it_points_to() {
    let dir = temp_dir("hostile", "planted");
    let precious = dir.join("precious.json");
    std::fs::write(&precious, "{\"keep\": true}").unwrap();
    let report = dir.join("report");
    std::fs::create_dir_all(&report).unwrap();
    // The names the temporary files once had, each a link to the precious file.
    for name in ["replicas.csv.partial", "report.partial", "summary.partial", ".report.html.partial", "result.partial"] {
        std::os::unix::fs::symlink(&precious, report.join(name)).unwrap();
    }
    let r = report.to_str().unwrap();
    assert!(cli(&["batch", "vivalia-2022", "--playbook", "no-response", "--runs", "3", "--report", r]).status.success());
    assert!(cli(&["run", "vivalia-2022", "--until", "2h", "--report", r]).status.success());
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "{\"keep\": true}");
    assert!(report.join("replicas.csv").is_file() && report.join("report.html").is_file());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_spread_rate_no_worm_reaches_is_refused_where_it_stands() {
    let text = shipped("scenarios/vivalia-2022.ron");
    let fast = text.replacen("(protocol: Smb, per_hour: 0.6)", "(protocol: Smb, per_hour: 1e308)", 1);
    let problems = scenario_from_text("fast.ron", &fast).expect_err("refused").0;
    assert!(
        problems.iter().any(|p| p.field.ends_with("per_hour") && p.message.contains("at most 10000") && p.position.is_some()),
        "{problems:?}"
    );
    // Control: a worm's rate, a thousand attempts an hour, is accepted.
    assert!(scenario_from_text("worm.ron", &text.replacen("(protocol: Smb, per_hour: 0.6)", "(protocol: Smb, per_hour: 1000)", 1)).is_ok());
}

#[test]
fn a_spreadsheet_beyond_what_a_scenario_can_hold_is_refused_before_it_is_built() {
    let dir = temp_dir("hostile", "inventory");
    let out = dir.join("out.ron");
    let header = "CI Name;Emplacement;VLAN;Class;Operating System;Domain;Backup policy;EDR;Description\n";
    // 1,200 sites, one workstation each: more than any scenario may have.
    let many: String = (0..1200).map(|i| format!("PC-{i};Site {i};VLAN {i};Workstation;Windows 11;X.LOCAL;;no;\n")).collect();
    let sites = dir.join("sites.csv");
    std::fs::write(&sites, format!("{header}{many}")).unwrap();
    let inventory = |file: &Path| {
        cli(&[
            "import-inventory",
            file.to_str().unwrap(),
            "--template",
            "vivalia-2022",
            "--out",
            out.to_str().unwrap(),
            "--column",
            "site=Emplacement",
        ])
    };
    refused(&inventory(&sites), "names 1200 sites");
    // One name of 15,000 characters would be copied into the scenario many times over.
    let long = dir.join("long.csv");
    std::fs::write(&long, format!("{header}PC-1;{};VLAN 1;Workstation;Windows 11;X.LOCAL;;no;\n", "S".repeat(15_000))).unwrap();
    refused(&inventory(&long), "more than 10000 characters in one cell");
    assert!(!out.exists(), "nothing written");
    // A mistake on every one of many rows is said for the first ones, with how many more.
    let bad: String = (0..500).map(|_| "soon,\n").collect();
    let injects = dir.join("injects.csv");
    std::fs::write(&injects, format!("time,text\n{bad}")).unwrap();
    let output = cli(&["import-injects", injects.to_str().unwrap(), "--scenario", "vivalia-2022", "--out", out.to_str().unwrap()]);
    refused(&output, "… and ");
    assert!(String::from_utf8_lossy(&output.stderr).lines().count() < 250);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn shard_statistics_no_run_could_give_are_refused() {
    let dir = temp_dir("hostile", "forged-stats");
    let base = ["audit", "vivalia-2022", "--runs", "4", "--seed", "2"];
    let mut files = Vec::new();
    for k in 1..=2 {
        let out = dir.join(format!("a{k}.json")).display().to_string();
        assert!(cli(&[&base[..], &["--shard", &format!("{k}/2"), "--out", &out]].concat()).status.success());
        files.push(out);
    }
    // Control: the two shards merge.
    assert!(cli(&["merge", &files[0], &files[1]]).status.success());
    let mut forged: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    let achieved = &mut forged["stats"]["variants"][0]["milestones"][0]["achieved"];
    let (key, count) = achieved.as_object().unwrap().iter().next().map(|(k, v)| (k.clone(), v.clone())).unwrap();
    achieved.as_object_mut().unwrap().remove(&key);
    achieved.as_object_mut().unwrap().insert("-9223372036854775808".into(), count);
    let path = dir.join("forged.json");
    std::fs::write(&path, forged.to_string()).unwrap();
    refused(&cli(&["merge", path.to_str().unwrap(), &files[1]]), "whole");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn control_characters_from_a_file_never_reach_the_terminal() {
    let dir = temp_dir("hostile", "control");
    let sheet = dir.join("injects.csv");
    std::fs::write(&sheet, "\0\0\0,\x1b[31mred heading\n1,2\n").unwrap();
    let out = dir.join("out.ron");
    let output = cli(&["import-injects", sheet.to_str().unwrap(), "--scenario", "vivalia-2022", "--out", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(!stderr.contains('\0') && !stderr.contains('\x1b'), "{stderr:?}");
    // Control: the heading is still named, its escape written out.
    assert!(stderr.contains("\\u{1b}[31mred heading"), "{stderr:?}");
    std::fs::remove_dir_all(&dir).ok();
}
