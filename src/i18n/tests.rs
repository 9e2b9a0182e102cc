//! The messages are complete, used, consistent between the languages, and well formed; the simulation
//! chooses no words.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::*;

/// Each message's text (its first line and the lines that continue it), by id.
fn messages(ftl: &str) -> BTreeMap<&str, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(&str, String)> = None;
    for line in ftl.lines() {
        let ids = message_ids(line);
        if let Some(id) = ids.first() {
            out.extend(current.take());
            current = Some((id, line.to_string()));
        } else if line.starts_with(' ')
            && let Some((_, text)) = current.as_mut()
        {
            text.push_str(line);
        } else {
            out.extend(current.take());
        }
    }
    out.extend(current);
    out
}

/// The variables a message's text names.
fn variables(text: &str) -> BTreeSet<String> {
    text.split('$').skip(1).map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()).collect()
}

fn rust_sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("the source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.clone(), std::fs::read_to_string(&path).expect("a source file")));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

/// Every string literal a source passes as the first argument of `.tr(` or `.trf(`.
fn looked_up(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in [".tr(", ".trf("] {
        for (at, _) in source.match_indices(call) {
            let rest = source[at + call.len()..].trim_start();
            if let Some(literal) = rest.strip_prefix('"') {
                found.push(literal.chars().take_while(|c| *c != '"').collect());
            }
        }
    }
    found
}

#[test]
fn both_files_parse_and_give_the_same_messages_with_the_same_variables() {
    for (name, ftl) in [("en.ftl", ENGLISH_FTL), ("fr.ftl", FRENCH_FTL)] {
        assert!(FluentResource::try_new(ftl.to_string()).is_ok(), "{name} has a syntax error");
    }
    let (english, french) = (messages(ENGLISH_FTL), messages(FRENCH_FTL));
    assert!(english.len() > 250, "the English messages are read ({})", english.len());
    let missing_in_french: Vec<&&str> = english.keys().filter(|id| !french.contains_key(*id)).collect();
    let missing_in_english: Vec<&&str> = french.keys().filter(|id| !english.contains_key(*id)).collect();
    assert!(missing_in_french.is_empty(), "missing in French: {missing_in_french:?}");
    assert!(missing_in_english.is_empty(), "missing in English: {missing_in_english:?}");
    let mismatched: Vec<&str> = english.iter().filter(|(id, text)| variables(text) != variables(&french[*id])).map(|(id, _)| *id).collect();
    assert!(mismatched.is_empty(), "other variables in French: {mismatched:?}");
    assert_eq!(message_ids(ENGLISH_FTL).len(), english.len(), "each id is given once");
}

#[test]
fn every_message_formats_in_both_languages() {
    for (id, text) in messages(ENGLISH_FTL) {
        let names: Vec<String> = variables(&text).into_iter().collect();
        let args: Vec<(&str, &dyn Arg)> = names.iter().map(|n| (n.as_str(), &2u32 as &dyn Arg)).collect();
        for language in Language::ALL {
            let bundle = &catalog(language).bundle;
            let pattern = bundle.get_message(id).and_then(|m| m.value()).unwrap_or_else(|| panic!("{id} has a value"));
            let mut fluent_args = FluentArgs::new();
            for (name, value) in &args {
                fluent_args.set(*name, value.fluent());
            }
            let mut errors = Vec::new();
            let _ = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            assert!(errors.is_empty(), "{id} in {}: {errors:?}", language.code());
        }
    }
}

#[test]
fn every_message_looked_up_exists_and_every_message_is_used() {
    let english = messages(ENGLISH_FTL);
    let sources = rust_sources();
    let mut unknown = Vec::new();
    // This file names the methods it looks for, and is not scanned.
    for (path, source) in sources.iter().filter(|(path, _)| !path.ends_with("i18n/tests.rs")) {
        for id in looked_up(source) {
            if !english.contains_key(id.as_str()) {
                unknown.push(format!("{}: {id}", path.display()));
            }
        }
    }
    assert!(unknown.is_empty(), "looked up but not in en.ftl:\n{}", unknown.join("\n"));
    // An id is used where a source names it as a string: in a lookup, or chosen in a match.
    let unused: Vec<&str> =
        english.keys().filter(|id| !sources.iter().any(|(_, source)| source.contains(&format!("\"{id}\"")))).copied().collect();
    assert!(unused.is_empty(), "messages no source uses: {unused:?}");
}

#[test]
fn the_simulation_chooses_no_words() {
    let sim: Vec<(PathBuf, String)> =
        rust_sources().into_iter().filter(|(path, _)| path.components().any(|c| c.as_os_str() == "sim")).collect();
    assert!(sim.len() >= 10, "the simulation's files are read ({})", sim.len());
    let mut found = Vec::new();
    for (path, source) in &sim {
        for sign in ["i18n", "Language", ".tr(", ".trf("] {
            if source.contains(sign) {
                found.push(format!("{}: {sign}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "the simulation should record events and leave their words to words.rs:\n{}", found.join("\n"));
}

#[test]
fn the_locale_chooses_the_language() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    };
    assert_eq!(Language::from_locale_variables(vars(&[("LANG", "fr_BE.UTF-8")])), Language::French);
    assert_eq!(Language::from_locale_variables(vars(&[("LANG", "en_IE.UTF-8")])), Language::English);
    assert_eq!(Language::from_locale_variables(vars(&[("LC_ALL", "fr_FR"), ("LANG", "en_GB")])), Language::French);
    assert_eq!(Language::from_locale_variables(vars(&[("LC_ALL", ""), ("LANG", "fr_CA")])), Language::French);
    assert_eq!(Language::from_locale_variables(vars(&[])), Language::English);
}

#[test]
fn values_take_the_places_of_their_names() {
    assert_eq!(Language::English.trf("count-of-total", &[("count", &3), ("total", &"ten")]), "3 of ten");
    assert_eq!(Language::French.tr("encrypted"), "chiffré");
    assert_eq!(Language::French.tr("no-such-message"), "no-such-message", "a missing message shows its id");
}

#[test]
fn counts_choose_their_plural_form() {
    let powered_off = |language: Language, hosts: usize| language.trf("outcome-powered-off", &[("hosts", &hosts)]);
    assert_eq!(powered_off(Language::English, 1), "1 host powered off");
    assert_eq!(powered_off(Language::English, 12), "12 hosts powered off");
    assert_eq!(powered_off(Language::French, 1), "1 machine éteinte");
    assert_eq!(powered_off(Language::French, 12), "12 machines éteintes");
}
