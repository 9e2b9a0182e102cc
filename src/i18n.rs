//! The two languages of the exercise, English and French: the window's text, the timeline's and the
//! report's. Texts are Fluent messages (`assets/i18n/en.ftl` and `fr.ftl`, embedded in the binary),
//! looked up by id with named variables; Fluent chooses plural forms ("1 host", "12 hosts"). A message
//! missing in French falls back to English, and the tests below refuse a missing, unused or mismatched one.

use std::collections::HashMap;
use std::sync::OnceLock;

use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

type Bundle = fluent_bundle::concurrent::FluentBundle<FluentResource>;

/// The messages of each language, as translators edit them.
pub const ENGLISH_FTL: &str = include_str!("../assets/i18n/en.ftl");
pub const FRENCH_FTL: &str = include_str!("../assets/i18n/fr.ftl");

/// A language the exercise speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "fr")]
    French,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::French];

    /// The language's code, as scenarios and the command line write it.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
        }
    }

    /// The language's own name for itself.
    pub fn name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::French => "Français",
        }
    }

    /// Reads `en`, `fr`, `english`, `français` and the like.
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_lowercase().as_str() {
            "en" | "eng" | "english" | "anglais" => Some(Language::English),
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(Language::French),
            _ => None,
        }
    }

    /// The language of the system's locale: French when `LC_ALL`, `LC_MESSAGES` or `LANG` (the first
    /// that is set) names French, English otherwise.
    pub fn from_locale() -> Language {
        Self::from_locale_variables(|name| std::env::var(name).ok())
    }

    /// As `from_locale`, with the variables read by `get`.
    pub fn from_locale_variables(get: impl Fn(&str) -> Option<String>) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|name| get(name)).find(|value| !value.trim().is_empty());
        match locale {
            Some(locale) if locale.to_lowercase().starts_with("fr") => Language::French,
            _ => Language::English,
        }
    }

    /// A message without variables, in this language: in English where French lacks it, its id where
    /// neither has it (so that a missing message shows, rather than nothing).
    pub fn tr(self, id: &'static str) -> &'static str {
        let plain = |language: Language| catalog(language).plain.get(id).copied();
        plain(self).or_else(|| plain(Language::English)).unwrap_or(id)
    }

    /// A message with its variables, each given by name.
    pub fn trf(self, id: &str, args: &[(&str, &dyn Arg)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            fluent_args.set(*name, value.fluent());
        }
        let format = |language: Language| {
            let bundle = &catalog(language).bundle;
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
        };
        format(self).or_else(|| format(Language::English)).unwrap_or_else(|| id.to_string())
    }
}

/// A value a message can show: a number (which plural forms are chosen by) or a text.
pub trait Arg {
    fn fluent(&self) -> FluentValue<'_>;
}

macro_rules! number_args {
    ($($number:ty)+) => {$(
        impl Arg for $number {
            fn fluent(&self) -> FluentValue<'_> {
                FluentValue::from(*self)
            }
        }
    )+};
}
number_args!(u8 u16 u32 u64 usize i32 i64 f64);

impl Arg for str {
    fn fluent(&self) -> FluentValue<'_> {
        FluentValue::from(self)
    }
}

impl Arg for String {
    fn fluent(&self) -> FluentValue<'_> {
        FluentValue::from(self.as_str())
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn fluent(&self) -> FluentValue<'_> {
        (**self).fluent()
    }
}

/// A language's messages: the bundle, and every message without variables formatted once.
struct Catalog {
    bundle: Bundle,
    plain: HashMap<&'static str, &'static str>,
}

fn catalog(language: Language) -> &'static Catalog {
    static ENGLISH: OnceLock<Catalog> = OnceLock::new();
    static FRENCH: OnceLock<Catalog> = OnceLock::new();
    match language {
        Language::English => ENGLISH.get_or_init(|| build_catalog(Language::English, ENGLISH_FTL)),
        Language::French => FRENCH.get_or_init(|| build_catalog(Language::French, FRENCH_FTL)),
    }
}

/// The shipped messages are checked by the tests, so a syntax error cannot reach a user; were one to,
/// the messages that parsed are kept.
fn build_catalog(language: Language, ftl: &'static str) -> Catalog {
    let resource = FluentResource::try_new(ftl.to_string()).unwrap_or_else(|(partial, _)| partial);
    let ids: Vec<&'static str> = message_ids(ftl);
    let locale = language.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![locale]);
    // Isolation marks around variables would reach CSV files and terminals as invisible characters.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    let mut plain = HashMap::new();
    for id in ids {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { continue };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors).into_owned();
        if errors.is_empty() {
            // Formatted once per message and kept for the program's life: a bounded set.
            plain.insert(id, &*Box::leak(text.into_boxed_str()));
        }
    }
    Catalog { bundle, plain }
}

/// The ids of the messages a Fluent file defines (`id = ...` at the start of a line).
pub fn message_ids(ftl: &str) -> Vec<&str> {
    ftl.lines()
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
        .filter(|id| {
            !id.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        })
        .collect()
}

#[cfg(test)]
mod tests;
