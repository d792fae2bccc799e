//! The catalogues: the built-in Fluent files for each language, any operator's replacements,
//! and formatting an entry for a language, English standing in for a Welsh entry that is
//! missing (which the catalogue check keeps from happening in the built-in files).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use crate::Lang;

macro_rules! catalogue_files {
    ($($lang:ident / $name:literal),* $(,)?) => {
        &[$((Lang::$lang, $name, include_str!(concat!("../../../config/locales/", $name)))),*]
    };
}

/// The built-in catalogue files: language, path under `config/locales/`, source.
pub const BUILT_IN: &[(Lang, &str, &str)] = catalogue_files![
    En / "en/common.ftl",
    En / "en/words.ftl",
    En / "en/problems.ftl",
    En / "en/emails.ftl",
    En / "en/pages.ftl",
    En / "en/actions.ftl",
    En / "en/account.ftl",
    En / "en/admin.ftl",
    En / "en/reports.ftl",
    En / "en/letters.ftl",
    En / "en/workflow.ftl",
    Cy / "cy/common.ftl",
    Cy / "cy/words.ftl",
    Cy / "cy/problems.ftl",
    Cy / "cy/emails.ftl",
    Cy / "cy/pages.ftl",
    Cy / "cy/actions.ftl",
    Cy / "cy/account.ftl",
    Cy / "cy/admin.ftl",
    Cy / "cy/reports.ftl",
    Cy / "cy/letters.ftl",
    Cy / "cy/workflow.ftl",
];

type Bundle = FluentBundle<FluentResource>;

/// The words of both languages, ready to format.
pub struct Catalogue {
    english: Bundle,
    welsh: Bundle,
}

impl fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Catalogue")
    }
}

/// A catalogue file that cannot be used, named by its file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("catalogue {file}: {message}")]
pub struct CatalogueError {
    /// The file at fault.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// A value given to an entry: text, or a number (which chooses a plural form).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Words, shown as they are.
    Text(String),
    /// A count.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl From<i32> for Arg {
    fn from(n: i32) -> Arg {
        Arg::Number(n.into())
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(n.into())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

fn new_bundle(lang: Lang) -> Bundle {
    let mut bundle = FluentBundle::new_concurrent(vec![lang.identifier()]);
    // Bidi isolation marks would show as stray characters in plain-text emails and subjects;
    // both languages run left to right.
    bundle.set_use_isolating(false);
    bundle
}

static BUILT: LazyLock<Arc<Catalogue>> = LazyLock::new(|| Arc::new(Catalogue::of_built_in()));

impl Catalogue {
    /// The built-in files, read. A file with an error keeps what parsed: `built_in_errors`
    /// (run by the test suite) makes sure there is none.
    fn of_built_in() -> Catalogue {
        let mut catalogue = Catalogue {
            english: new_bundle(Lang::En),
            welsh: new_bundle(Lang::Cy),
        };
        for (lang, name, source) in BUILT_IN {
            let resource =
                FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(r, e)| {
                    tracing::error!(file = name, errors = ?e, "a built-in catalogue has errors");
                    r
                });
            if let Err(errors) = catalogue.bundle_mut(*lang).add_resource(resource) {
                tracing::error!(
                    file = name,
                    ?errors,
                    "a built-in catalogue repeats an entry"
                );
            }
        }
        catalogue
    }

    /// The built-in words, with no replacements.
    pub fn built_in() -> Arc<Catalogue> {
        Arc::clone(&BUILT)
    }

    /// What is wrong with the built-in files: syntax errors and entries given twice. Empty,
    /// or the test suite fails.
    pub fn built_in_errors() -> Vec<CatalogueError> {
        let mut errors = Vec::new();
        let mut seen: BTreeMap<(Lang, String), &str> = BTreeMap::new();
        for (lang, name, source) in BUILT_IN {
            match fluent_syntax::parser::parse(*source) {
                Ok(resource) => {
                    for id in message_ids(&resource) {
                        if let Some(first) = seen.insert((*lang, id.to_owned()), name) {
                            errors.push(CatalogueError {
                                file: (*name).to_owned(),
                                message: format!("{id} is already in {first}"),
                            });
                        }
                    }
                }
                Err((_, parse_errors)) => errors.push(CatalogueError {
                    file: (*name).to_owned(),
                    message: format!("{parse_errors:?}"),
                }),
            }
        }
        errors
    }

    /// The built-in words with the Compact's `own` words and an operator's replacements:
    /// `folder/en.ftl` and `folder/cy.ftl`, where present, each replace the entries they
    /// hold. A replacement must name an entry that exists and use only the values it is
    /// given, so that a typo stops the service starting rather than showing a raw key.
    pub fn load(folder: Option<&Path>, own: &OwnWords) -> Result<Arc<Catalogue>, CatalogueError> {
        let mut catalogue = Catalogue::of_built_in();
        catalogue.add_own(own);
        let Some(folder) = folder else {
            return Ok(Arc::new(catalogue));
        };
        let built_in = built_in_variables();
        for lang in Lang::ALL {
            let path = folder.join(format!("{}.ftl", lang.code()));
            if !path.is_file() {
                continue;
            }
            let fail = |message: String| CatalogueError {
                file: path.display().to_string(),
                message,
            };
            let source = std::fs::read_to_string(&path).map_err(|e| fail(e.to_string()))?;
            for (id, used) in variables(&source).map_err(&fail)? {
                let offered = match built_in.get(&(lang, id.clone())) {
                    Some(offered) => offered,
                    None if own.has(&id) => &BTreeSet::new(),
                    None => return Err(fail(format!("{id} is not an entry of the catalogue"))),
                };
                if let Some(unknown) = used.difference(offered).next() {
                    return Err(fail(format!(
                        "{id} uses ${unknown}, which it is not given (it is given: {})",
                        offered
                            .iter()
                            .map(|v| format!("${v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )));
                }
            }
            let resource =
                FluentResource::try_new(source).map_err(|(_, e)| fail(format!("{e:?}")))?;
            catalogue.bundle_mut(lang).add_resource_overriding(resource);
        }
        Ok(Arc::new(catalogue))
    }

    /// Adds the Compact's own words: each English text, and its Welsh one or, where there
    /// is none, the English marked as English.
    fn add_own(&mut self, own: &OwnWords) {
        let mut english = String::new();
        let mut welsh = String::new();
        for (key, text_en, text_cy) in &own.entries {
            english.push_str(&format!("{key} = {}\n", literal(text_en)));
            let text_cy = match text_cy {
                Some(text) => text.clone(),
                None => self.format(Lang::Cy, "in-english", &[("text", text_en.into())]),
            };
            welsh.push_str(&format!("{key} = {}\n", literal(&text_cy)));
        }
        for (lang, source) in [(Lang::En, english), (Lang::Cy, welsh)] {
            match FluentResource::try_new(source) {
                Ok(resource) => self.bundle_mut(lang).add_resource_overriding(resource),
                Err((_, errors)) => tracing::error!(?errors, "the Compact's own words"),
            }
        }
    }

    fn bundle(&self, lang: Lang) -> &Bundle {
        match lang {
            Lang::En => &self.english,
            Lang::Cy => &self.welsh,
        }
    }

    fn bundle_mut(&mut self, lang: Lang) -> &mut Bundle {
        match lang {
            Lang::En => &mut self.english,
            Lang::Cy => &mut self.welsh,
        }
    }

    /// Whether the catalogue has an entry `key` (in English, which has them all).
    pub fn has(&self, key: &str) -> bool {
        self.english.has_message(key)
    }

    /// The entry `key` in `lang`, with `args`. A Welsh entry that is missing reads in
    /// English; a key that is missing altogether reads as itself, and is logged.
    pub fn format(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
        let (bundle, message) = match self.bundle(lang).get_message(key) {
            Some(message) => (self.bundle(lang), message),
            None => match self.english.get_message(key) {
                Some(message) => (&self.english, message),
                None => {
                    tracing::error!(key, "no such catalogue entry");
                    return key.to_owned();
                }
            },
        };
        let Some(pattern) = message.value() else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::error!(key, ?errors, "a catalogue entry did not format cleanly");
        }
        text.into_owned()
    }
}

/// The Compact's own words, from its configuration (its name, the principles it adds, where
/// people are pointed after a decision), by catalogue key: the English, and the Welsh where
/// it is given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnWords {
    entries: Vec<(String, String, Option<String>)>,
}

impl OwnWords {
    /// Adds the entry `key`: `english`, and `welsh` where there is one.
    pub fn add(
        &mut self,
        key: impl Into<String>,
        english: impl Into<String>,
        welsh: Option<String>,
    ) {
        let welsh = welsh.filter(|w| !w.trim().is_empty());
        self.entries.push((key.into(), english.into(), welsh));
    }

    fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _, _)| k == key)
    }
}

/// `text` as the value of a Fluent entry: one line, with its braces escaped as string
/// literals, so that whatever an operator wrote reads as written.
fn literal(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len() + 2);
    for c in one_line.chars() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            c => out.push(c),
        }
    }
    if out.is_empty() {
        // An entry needs a value.
        out.push_str("{\"\"}");
    }
    out
}

/// The catalogue opened at one language: what a page or an email is written with.
#[derive(Clone)]
pub struct Locale {
    lang: Lang,
    catalogue: Arc<Catalogue>,
}

impl fmt::Debug for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Locale({})", self.lang)
    }
}

impl Locale {
    /// `catalogue` in `lang`.
    pub fn new(catalogue: Arc<Catalogue>, lang: Lang) -> Locale {
        Locale { lang, catalogue }
    }

    /// The built-in catalogue in `lang`, for tests and tools with no configuration.
    pub fn built_in(lang: Lang) -> Locale {
        Locale::new(Catalogue::built_in(), lang)
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The same catalogue in another language.
    #[must_use]
    pub fn in_lang(&self, lang: Lang) -> Locale {
        Locale::new(Arc::clone(&self.catalogue), lang)
    }

    /// Whether the catalogue has an entry `key`.
    pub fn has(&self, key: &str) -> bool {
        self.catalogue.has(key)
    }

    /// The entry `key`, which takes no values.
    pub fn t(&self, key: &str) -> String {
        self.catalogue.format(self.lang, key, &[])
    }

    /// The entry `key` with `args`.
    pub fn text(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.catalogue.format(self.lang, key, args)
    }

    /// A date the way a letter gives it, in this language.
    pub fn long_date(&self, date: chrono::NaiveDate) -> String {
        self.lang.long_date(date)
    }

    /// A date for a table, in this language.
    pub fn short_date(&self, date: chrono::NaiveDate) -> String {
        self.lang.short_date(date)
    }
}

fn message_ids<'s>(resource: &'s ast::Resource<&'s str>) -> impl Iterator<Item = &'s str> {
    resource.body.iter().filter_map(|entry| match entry {
        ast::Entry::Message(message) => Some(message.id.name),
        _ => None,
    })
}

/// The variables each built-in entry uses, by language and key.
fn built_in_variables() -> BTreeMap<(Lang, String), BTreeSet<String>> {
    let mut all = BTreeMap::new();
    for (lang, _, source) in BUILT_IN {
        if let Ok(found) = variables(source) {
            for (id, used) in found {
                all.insert((*lang, id), used);
            }
        }
    }
    all
}

/// Each message of a Fluent `source` with the variables (`$name`) it uses, in every variant
/// of every selector: the catalogue check compares them across languages.
pub fn variables(source: &str) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, e)| format!("{e:?}"))?;
    let mut found = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut used = BTreeSet::new();
            if let Some(pattern) = &message.value {
                in_pattern(pattern, &mut used);
            }
            for attribute in &message.attributes {
                in_pattern(&attribute.value, &mut used);
            }
            found.insert(message.id.name.to_owned(), used);
        }
    }
    Ok(found)
}

fn in_pattern(pattern: &ast::Pattern<&str>, used: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            in_expression(expression, used);
        }
    }
}

fn in_expression(expression: &ast::Expression<&str>, used: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            in_inline(selector, used);
            for variant in variants {
                in_pattern(&variant.value, used);
            }
        }
        ast::Expression::Inline(inline) => in_inline(inline, used),
    }
}

fn in_inline(inline: &ast::InlineExpression<&str>, used: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            used.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => in_arguments(arguments, used),
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => in_arguments(arguments, used),
        ast::InlineExpression::Placeable { expression } => in_expression(expression, used),
        _ => {}
    }
}

fn in_arguments(arguments: &ast::CallArguments<&str>, used: &mut BTreeSet<String>) {
    for positional in &arguments.positional {
        in_inline(positional, used);
    }
    for named in &arguments.named {
        in_inline(&named.value, used);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_catalogues_parse_with_no_entry_given_twice() {
        assert_eq!(Catalogue::built_in_errors(), Vec::new());
    }

    /// The catalogue check: every entry is in both languages, with the same values.
    #[test]
    fn every_entry_is_in_both_languages_with_the_same_variables() {
        let all = built_in_variables();
        let of = |lang: Lang| -> BTreeMap<&String, &BTreeSet<String>> {
            all.iter()
                .filter(|((l, _), _)| *l == lang)
                .map(|((_, id), used)| (id, used))
                .collect()
        };
        let (english, welsh) = (of(Lang::En), of(Lang::Cy));
        let only_english: Vec<_> = english.keys().filter(|k| !welsh.contains_key(*k)).collect();
        let only_welsh: Vec<_> = welsh.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            only_english.is_empty(),
            "missing in Welsh: {only_english:?}"
        );
        assert!(only_welsh.is_empty(), "missing in English: {only_welsh:?}");
        for (id, used) in &english {
            assert_eq!(Some(used), welsh.get(id), "{id} uses other values in Welsh");
        }
        assert!(english.len() > 100, "{} entries", english.len());
    }

    #[test]
    fn plurals_follow_each_language() {
        let (en, cy) = (Locale::built_in(Lang::En), Locale::built_in(Lang::Cy));
        let files = |locale: &Locale, n: i64| locale.text("count-files", &[("count", n.into())]);
        assert_eq!(files(&en, 1), "1 file");
        assert_eq!(files(&en, 3), "3 files");
        // Welsh counts a noun in the singular after a numeral, with the forms CLDR gives:
        // zero, one, two, few (3), many (6), other.
        assert_eq!(files(&cy, 0), "0 ffeil");
        assert_eq!(files(&cy, 1), "1 ffeil");
        assert_eq!(files(&cy, 2), "2 ffeil");
        assert_eq!(files(&cy, 3), "3 ffeil");
        assert_eq!(files(&cy, 6), "6 ffeil");
        assert_eq!(files(&cy, 7), "7 ffeil");
    }

    #[test]
    fn an_override_replaces_an_entry_and_a_wrong_one_is_refused() {
        let folder = std::env::temp_dir().join(format!("disputes-i18n-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let write = |lang: &str, text: &str| {
            std::fs::write(folder.join(format!("{lang}.ftl")), text).unwrap();
        };
        write("cy", "count-files = { $count } o ffeiliau\n");
        let catalogue = Catalogue::load(Some(&folder), &OwnWords::default()).unwrap();
        let cy = Locale::new(Arc::clone(&catalogue), Lang::Cy);
        assert_eq!(
            cy.text("count-files", &[("count", 4_i64.into())]),
            "4 o ffeiliau"
        );
        // English is untouched.
        assert_eq!(
            Locale::new(catalogue, Lang::En).text("count-files", &[("count", 4_i64.into())]),
            "4 files"
        );
        write("cy", "count-filez = { $count }\n");
        let error = Catalogue::load(Some(&folder), &OwnWords::default()).unwrap_err();
        assert!(
            error.message.contains("count-filez is not an entry"),
            "{error}"
        );
        write("cy", "count-files = { $number }\n");
        let error = Catalogue::load(Some(&folder), &OwnWords::default()).unwrap_err();
        assert!(error.message.contains("uses $number"), "{error}");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn the_compacts_own_words_read_as_written_and_missing_welsh_is_marked() {
        let mut own = OwnWords::default();
        own.add(
            "compact-name",
            "Demo Compact {of 2026}",
            Some("Compact Enghreifftiol".into()),
        );
        own.add("principle-rural", "Rural services", None);
        let catalogue = Catalogue::load(None, &own).unwrap();
        let (en, cy) = (
            Locale::new(Arc::clone(&catalogue), Lang::En),
            Locale::new(catalogue, Lang::Cy),
        );
        assert_eq!(en.t("compact-name"), "Demo Compact {of 2026}");
        assert_eq!(cy.t("compact-name"), "Compact Enghreifftiol");
        assert_eq!(en.t("principle-rural"), "Rural services");
        assert_eq!(cy.t("principle-rural"), "Rural services [yn Saesneg]");
    }

    #[test]
    fn a_missing_key_reads_as_itself() {
        assert_eq!(
            Locale::built_in(Lang::Cy).t("no-such-entry"),
            "no-such-entry"
        );
    }
}
