//! The after-action report: four files, real charts, a print stylesheet, and every text from a file escaped.

use std::process::Command;

fn shipped(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn run_report_writes_the_four_files_with_charts_and_escapes_text_from_files() {
    let dir = std::env::temp_dir().join(format!("crisis-cell-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A scenario and a playbook whose texts try to inject markup.
    let hostile = "<script>alert('pwned')</script>";
    let scenario = shipped("scenarios/vivalia-2022.ron")
        .replacen("name: \"Vivalia, May 2022: ransomware across the hospital group\"", &format!("name: \"Vivalia {hostile}\""), 1)
        .replacen("A night nurse at Arlon calls", &format!("{hostile} | *bold* [link](javascript:x) A night nurse calls"), 1);
    let scenario_path = dir.join("hostile.ron");
    std::fs::write(&scenario_path, scenario).unwrap();
    let playbook = shipped("scenarios/playbooks/vivalia-2022-historical.ron").replacen(
        "name: \"Vivalia 2022, historical\"",
        "name: \"History <img src=x onerror=alert(1)>\"",
        1,
    );
    let playbook_path = dir.join("hostile-playbook.ron");
    std::fs::write(&playbook_path, playbook).unwrap();
    let report = dir.join("report");
    let out = Command::new(env!("CARGO_BIN_EXE_crisis-cell"))
        .arg("run")
        .arg(&scenario_path)
        .arg("--playbook")
        .arg(&playbook_path)
        .args(["--seed", "4", "--report"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for name in ["report.html", "report.md", "timeline.csv", "result.json"] {
        assert!(report.join(name).is_file(), "{name} is written");
    }
    let html = std::fs::read_to_string(report.join("report.html")).unwrap();
    assert!(!html.contains("<script>") && !html.contains("<img"), "no markup from a file reaches the HTML");
    assert!(html.contains("&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;"), "the text is shown, escaped");
    assert!(html.contains("History &lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.matches("<svg").count() >= 3, "infection, services and milestone charts are drawn");
    assert!(html.contains("@media print"), "a print stylesheet");
    for fetch in ["<link", "src=\"http", "href=\"http", "url(http", "@import"] {
        assert!(!html.contains(fetch), "self-contained: nothing to fetch ({fetch})");
    }
    assert!(
        html.contains("Historical night") && html.contains("Best response") && html.contains("No response"),
        "compared with the historical night, the best response and no response"
    );
    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    assert!(!md.contains("<script>") && md.contains("&lt;script"), "Markdown escapes markup");
    assert!(md.contains("\\| \\*bold\\* \\[link\\]\\(javascript:x\\)"), "Markdown escapes its own syntax");
    let csv = std::fs::read_to_string(report.join("timeline.csv")).unwrap();
    assert!(csv.starts_with("minute,at,kind,id,text\n"));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report.join("result.json")).unwrap()).unwrap();
    assert!(json["score"]["total"].as_f64().is_some() && json["milestones"].as_array().is_some_and(|m| !m.is_empty()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn run_json_carries_milestones_and_score() {
    let out = Command::new(env!("CARGO_BIN_EXE_crisis-cell"))
        .args(["run", "vivalia-2022", "--playbook", "vivalia-2022-historical", "--seed", "2", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = value["score"]["total"].as_f64().expect("score.total");
    assert!((0.0..=100.0).contains(&total));
    for m in value["milestones"].as_array().unwrap() {
        for field in ["id", "reference", "target_minutes", "achieved_minutes", "status"] {
            assert!(m.get(field).is_some(), "milestone field {field}");
        }
        let status = m["status"].as_str().unwrap();
        assert!(["on_time", "anticipated", "late", "missed", "not_due", "not_applicable"].contains(&status));
        if status == "missed" {
            assert!(m["achieved_minutes"].is_null(), "achieved_minutes is null when missed");
        }
    }
}
