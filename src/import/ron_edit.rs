//! Editing a scenario's RON text in place, as both imports do: values written on one line, lists one
//! item a line, sections replaced or added, items taken out with a comment saying why, and translations
//! pruned. Every byte not edited is kept, with its comments and `ASSUMPTION` marks.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::load;
use crate::data::locate::{FieldPath, Node, Outline};
use crate::data::scenario::{Scenario, Translation};

/// A change to a text: the bytes `start..end` become `text`.
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The text with every edit made; edits are made from the end, so that each one's bytes still stand
/// where the original text had them.
pub fn apply_edits(text: &str, mut edits: Vec<Edit>) -> Result<String, String> {
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut text = text.to_string();
    let mut limit = usize::MAX;
    for edit in edits {
        if edit.end > limit {
            return Err("two changes to the template overlap".to_string());
        }
        text.replace_range(edit.start..edit.end.min(text.len()), &edit.text);
        limit = edit.start;
    }
    Ok(text)
}

/// A value written as RON on one line.
pub fn ron_line<T: serde::Serialize>(value: &T) -> Result<String, String> {
    ron::ser::to_string(value).map_err(|e| format!("cannot write a value of the scenario: {e}"))
}

/// A list written as RON for a section of a scenario: one item a line, under comment lines.
pub fn ron_list<T: serde::Serialize>(comment: &[String], items: &[T]) -> Result<String, String> {
    let mut out = String::from("[\n");
    for line in comment {
        out += &format!("        // {line}\n");
    }
    for item in items {
        out += &format!("        {},\n", ron_line(item)?);
    }
    out += "    ]";
    Ok(out)
}

/// The scenario text with a section it lacks added before its closing parenthesis.
pub fn add_section(text: &str, name: &str, value: &str) -> Result<String, String> {
    let end = text.rfind(')').ok_or("the scenario text has no closing parenthesis")?;
    let before = text[..end].trim_end();
    let comma = if before.ends_with(',') || before.ends_with('(') { "" } else { "," };
    Ok(format!("{before}{comma}\n    {name}: {value},\n{}", &text[end..]))
}

/// Where a top-level section begins, with the comment lines right above it: the start of the line that
/// holds `name:` before `value_start`, moved up over the comment lines just before it. `None` when the
/// section does not stand on lines of its own.
pub fn section_start(text: &str, name: &str, value_start: usize) -> Option<usize> {
    let line_start = text[..value_start].rfind('\n').map_or(0, |i| i + 1);
    let head = text[line_start..value_start].trim();
    if head.strip_suffix(':').map(str::trim_end) != Some(name) {
        return None;
    }
    let mut start = line_start;
    while start > 0 {
        let previous = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if !text[previous..start - 1].trim_start().starts_with("//") {
            break;
        }
        start = previous;
    }
    Some(start)
}

/// Takes an item out of a list, its comma with it, and leaves a comment saying why.
pub fn remove_item(text: &str, node: &Node, comment: &str) -> Edit {
    let bytes = text.as_bytes();
    let mut end = node.end;
    while end < bytes.len() && (bytes[end] == b' ' || bytes[end] == b'\t') {
        end += 1;
    }
    if end < bytes.len() && bytes[end] == b',' {
        end += 1;
    }
    Edit { start: node.start, end, text: format!("// {}\n", comment.replace(['\n', '\r'], " ")) }
}

/// The scenario text with its translations kept only for what the scenario still has (an import
/// replaces injects, sites or servers the translations spoke of), and with the sections named in `drop`
/// left out entirely; the text is unchanged when nothing is to go.
pub fn prune_translations(text: &str, drop: &[&str]) -> Result<String, String> {
    let scenario: Scenario = load::parse("scenario", text, load::SCENARIO_SECTIONS).map_err(|p| p.to_string())?;
    if scenario.translations.is_empty() {
        return Ok(text.to_string());
    }
    let (pruned, meta_dropped) = kept_translations(&scenario, drop);
    let count = |m: &BTreeMap<String, Translation>| {
        m.values()
            .map(|t| t.sites.len() + t.segments.len() + t.links.len() + t.backups.len() + t.actions.len() + t.injects.len())
            .sum::<usize>()
    };
    if !meta_dropped && count(&pruned) == count(&scenario.translations) {
        return Ok(text.to_string());
    }
    let outline = Outline::new(text);
    let Some((start, end)) = outline.at(&FieldPath::root().field("translations")).map(|node| (node.start, node.end)) else {
        return Ok(text.to_string());
    };
    let config = ron::ser::PrettyConfig::new().indentor("    ".to_string()).struct_names(false);
    let written = ron::ser::to_string_pretty(&pruned, config).map_err(|e| format!("cannot write the translations: {e}"))?;
    // Indented as a section of the scenario.
    let written = written.lines().collect::<Vec<_>>().join("\n    ");
    Ok(format!("{}{}{}", &text[..start], written, &text[end.min(text.len())..]))
}

/// The translations of what the scenario still has, without the sections named in `drop`; and whether
/// a translated name or description of the scenario itself was dropped.
fn kept_translations(scenario: &Scenario, drop: &[&str]) -> (BTreeMap<String, Translation>, bool) {
    let ids = |list: Vec<&String>| list.into_iter().cloned().collect::<BTreeSet<String>>();
    let sites = ids(scenario.sites.iter().map(|x| &x.id).collect());
    let segments = ids(scenario.segments.iter().map(|x| &x.id).collect());
    let links = ids(scenario.links.iter().map(|x| &x.id).collect());
    let backups = ids(scenario.backups.iter().map(|x| &x.id).collect());
    let actions = ids(scenario.actions.iter().map(|x| &x.id).collect());
    let injects = ids(scenario.injects.iter().map(|x| &x.id).collect());
    let mut pruned: BTreeMap<String, Translation> = scenario.translations.clone();
    let mut meta_dropped = false;
    for t in pruned.values_mut() {
        let keep = |section: &str| !drop.contains(&section);
        if !keep("meta") && (t.name.is_some() || t.description.is_some()) {
            (t.name, t.description, meta_dropped) = (None, None, true);
        }
        t.sites.retain(|k, _| keep("sites") && sites.contains(k));
        t.segments.retain(|k, _| keep("segments") && segments.contains(k));
        t.links.retain(|k, _| keep("links") && links.contains(k));
        t.backups.retain(|k, _| keep("backups") && backups.contains(k));
        t.actions.retain(|k, _| actions.contains(k));
        t.injects.retain(|k, _| injects.contains(k));
    }
    (pruned, meta_dropped)
}
