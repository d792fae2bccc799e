//! What the templates (pages and emails, both minijinja) need: `t("key", name=value)` and
//! the date filters, in the language of the `locale` the context carries; and the check
//! that a template holds no words of its own outside the catalogues.

use std::sync::Arc;

use chrono::NaiveDate;
use minijinja::value::{Kwargs, Object, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State, Value};

use crate::{Arg, Locale};

/// The context variable holding the [`Locale`] a template is rendered in.
pub const LOCALE: &str = "locale";

impl Object for Locale {}

/// `locale` as a template value, to put in a context under [`LOCALE`].
pub fn locale_value(locale: &Locale) -> Value {
    Value::from_object(locale.clone())
}

/// Adds `t()` and the `long_date` and `short_date` filters to `env`.
pub fn install(env: &mut Environment<'_>) {
    env.add_function("t", t);
    env.add_filter("long_date", |state: &State<'_, '_>, value: Value| {
        dated(state, &value, Locale::long_date)
    });
    env.add_filter("short_date", |state: &State<'_, '_>, value: Value| {
        dated(state, &value, Locale::short_date)
    });
}

/// The locale a template is being rendered in.
pub fn locale_of(state: &State<'_, '_>) -> Result<Arc<Locale>, Error> {
    state
        .lookup(LOCALE)
        .and_then(|value| value.downcast_object::<Locale>())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                "the template was rendered without a locale",
            )
        })
}

// minijinja hands a function its keyword arguments by value.
#[allow(clippy::needless_pass_by_value)]
fn t(state: &State<'_, '_>, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let locale = locale_of(state)?;
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let arg = match (value.kind(), value.as_i64()) {
            (ValueKind::Number, Some(n)) => Arg::Number(n),
            (ValueKind::Undefined | ValueKind::None, _) => Arg::Text(String::new()),
            _ => Arg::Text(value.to_string()),
        };
        args.push((name, arg));
    }
    kwargs.assert_all_used()?;
    Ok(locale.text(key, &args))
}

/// A date (`2026-03-09`, or an instant in RFC 3339, shown by its date) as `format` writes it;
/// anything else as it is.
fn dated(
    state: &State<'_, '_>,
    value: &Value,
    format: fn(&Locale, NaiveDate) -> String,
) -> Result<String, Error> {
    let locale = locale_of(state)?;
    let date = value
        .as_str()
        .and_then(|text| text.get(..10))
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok());
    Ok(date.map_or_else(|| value.to_string(), |d| format(&locale, d)))
}

/// The catalogue keys a template `source` asks for with a literal key: `t("key")`,
/// `t('key', ...)`. The template checks look each one up. A key built from a value
/// (`t("holidays-" ~ name)`) is left to the tests that render each value.
pub fn keys_used(source: &str) -> Vec<&str> {
    let mut keys = Vec::new();
    for quote in ['"', '\''] {
        let opening = format!("t({quote}");
        for (at, _) in source.match_indices(&opening) {
            let preceded = source[..at].chars().next_back();
            // `t(` alone, not the end of another name (`split(`, `list(`...).
            if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &source[at + opening.len()..];
            if let Some(key) = rest.split(quote).next().filter(|k| !k.ends_with('-')) {
                keys.push(key);
            }
        }
    }
    keys
}

/// The words a template `source` says itself, outside `{{ }}`, `{% %}` and `{# #}`, markup,
/// styles, scripts and code: in a template written from the catalogues there are none. Words in
/// the attributes a person reads (`alt`, `title`, `aria-label`, `placeholder`) count too.
pub fn literal_words(source: &str) -> Vec<String> {
    let without_jinja = cut(source, &[("{#", "#}"), ("{%", "%}"), ("{{", "}}")]);
    // A command in `<code>` reads the same in every language.
    let without_code = cut_blocks(&without_jinja, &["style", "script", "code"]);
    let mut words = Vec::new();
    let mut rest = without_code.as_str();
    while let Some(open) = rest.find('<') {
        collect_words(&rest[..open], &mut words);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open..open + close];
        for attribute in ["alt=\"", "title=\"", "aria-label=\"", "placeholder=\""] {
            if let Some(start) = tag.find(attribute) {
                let value = &tag[start + attribute.len()..];
                collect_words(value.split('"').next().unwrap_or_default(), &mut words);
            }
        }
        rest = &rest[open + close + 1..];
    }
    collect_words(rest, &mut words);
    words
}

fn collect_words(text: &str, words: &mut Vec<String>) {
    for word in text.split_whitespace() {
        // An entity (`&middot;`) is punctuation, not a word; an attribute written by a
        // macro (`aria-invalid="true"`) or the end of an id (`-hint`) is markup.
        let markup = (word.starts_with('&') && word.ends_with(';'))
            || word.contains('=')
            || word.starts_with('-');
        let word = if markup { "" } else { word };
        if word.chars().any(char::is_alphabetic) {
            words.push(word.to_owned());
        }
    }
}

/// `source` without anything between each pair of delimiters (a space in its place).
fn cut(source: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    loop {
        let next = pairs
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, *open, *close)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, open, close)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        out.push(' ');
        match rest[at + open.len()..].find(close) {
            Some(end) => rest = &rest[at + open.len() + end + close.len()..],
            None => return out,
        }
    }
}

/// `source` without the content of the named elements.
fn cut_blocks(source: &str, elements: &[&str]) -> String {
    let pairs: Vec<(String, String)> = elements
        .iter()
        .map(|e| (format!("<{e}"), format!("</{e}>")))
        .collect();
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(o, c)| (o.as_str(), c.as_str()))
        .collect();
    cut(source, &borrowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use minijinja::context;

    fn env() -> Environment<'static> {
        let mut env = Environment::new();
        install(&mut env);
        env
    }

    #[test]
    fn t_formats_in_the_contexts_language_with_counts_choosing_plurals() {
        let env = env();
        for (lang, expected) in [
            (Lang::En, "2 files; Monday 9 March 2026"),
            (Lang::Cy, "2 ffeil; Dydd Llun 9 Mawrth 2026"),
        ] {
            let locale = Locale::built_in(lang);
            let out = env
                .render_str(
                    "{{ t('count-files', count=n) }}; {{ day | long_date }}",
                    context! { locale => locale_value(&locale), n => 2, day => "2026-03-09" },
                )
                .unwrap();
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn keys_used_finds_each_literal_key() {
        let source =
            r#"{{ t("a-b") }} {{ split("x") }} {{ t('c', n=1) }} {{ t("account-" ~ kind) }}"#;
        assert_eq!(keys_used(source), ["a-b", "c"]);
    }

    #[test]
    fn a_template_without_a_locale_does_not_render() {
        let error = env()
            .render_str("{{ t('count-files', count=1) }}", context! {})
            .unwrap_err();
        assert!(error.to_string().contains("without a locale"), "{error}");
    }

    #[test]
    fn literal_words_finds_text_and_readable_attributes_only() {
        let source = r#"{% extends "x" %}<style>p { color: red }</style>
<p class="lead">{{ t("intro") }} &middot; {# a note #}</p>
<img alt="A chart" src="/c.svg"><a href="/x" aria-label="{{ t('go') }}">Go on</a>
Case: {{ reference }}"#;
        assert_eq!(literal_words(source), ["A", "chart", "Go", "on", "Case:"]);
        assert!(literal_words("<p>{{ t('x') }}</p>\n{% if a %}{{ b }}{% endif %}").is_empty());
    }
}
