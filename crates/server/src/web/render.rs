//! The page templates (minijinja, in `crates/server/templates/`), built into the binary, and
//! the filters they share.

use std::sync::LazyLock;

use disputes_i18n::Locale;
use disputes_i18n::templates::{locale_of, locale_value};
use minijinja::{Environment, State, UndefinedBehavior, Value};

use crate::problem::ApiError;

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// Every page template, by file name.
const TEMPLATES: &[(&str, &str)] = templates![
    "layout.html",
    "macros.html",
    "error.html",
    "login.html",
    "logout.html",
    "home.html",
    "check.html",
    "notice_result.html",
    "consultation_result.html",
    "cases.html",
    "case_list.html",
    "case_new.html",
    "case.html",
    "action.html",
    "subgroup.html",
    "outcomes.html",
    "recommendations.html",
    "calendar.html",
    "webhooks.html",
    "webhook.html",
    "admin.html",
    "admin_person.html",
    "start.html",
    "accessibility.html",
    "privacy.html",
    "cookies.html",
    "check_answers.html",
    "account.html",
    "account_authenticator.html",
    "login_code.html",
    "forgot_password.html",
    "reset_password.html",
];

static PAGES: LazyLock<Result<Environment<'static>, String>> = LazyLock::new(|| {
    let mut env = Environment::new();
    // A value a page leaves out renders as nothing, and so does a field of it: optional
    // parts of a case (a panel, a decision) need no guard at every use.
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .map_err(|e| format!("{name}: {e:#}"))?;
    }
    disputes_i18n::templates::install(&mut env);
    env.add_filter("words", words);
    env.add_filter("count", count);
    env.add_filter("field_id", field_id);
    // The workflow's names (as the API spells them) in the page's words.
    for (filter, prefix) in [
        ("state_label", "state-"),
        ("choice_label", "choice-"),
        ("principle_label", "principle-"),
    ] {
        env.add_filter(filter, move |state: &State<'_, '_>, v: Value| {
            let locale = locale_of(state)?;
            Ok::<_, minijinja::Error>(crate::labels::worded(
                &locale,
                prefix,
                v.as_str().unwrap_or_default(),
            ))
        });
    }
    Ok(env)
});

/// Renders the page template `name` with `context`, in `locale`'s words.
pub(crate) fn render(name: &str, locale: &Locale, context: Value) -> Result<String, ApiError> {
    let fail = |error: String| {
        tracing::error!(template = name, %error, "a page did not render");
        ApiError::internal()
    };
    let env = PAGES.as_ref().map_err(|e| fail(e.clone()))?;
    let context = minijinja::context! { locale => locale_value(locale), ..context };
    env.get_template(name)
        .and_then(|t| t.render(context))
        .map_err(|e| fail(format!("{e:#}")))
}

/// `in_dialogue` as "in dialogue".
fn words(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), |s| s.replace('_', " "))
}

/// A count as people write it, in groups of three: 4312 as "4,312".
fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A form field's name as an element id: `notice.notified_on` as `notice-notified_on`.
pub(crate) fn field_id(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        assert!(PAGES.is_ok(), "{:?}", PAGES.as_ref().err());
    }

    #[test]
    fn counts_are_grouped_in_threes() {
        let grouped: Vec<String> = [0, 7, 999, 1_000, 4_312, 65_536, 1_000_000]
            .into_iter()
            .map(count)
            .collect();
        assert_eq!(
            grouped,
            ["0", "7", "999", "1,000", "4,312", "65,536", "1,000,000"]
        );
    }

    /// The catalogue check's other half: a page template says nothing itself; every word
    /// it shows comes from the catalogues (or from the data it is given).
    #[test]
    fn no_page_template_holds_words_outside_the_catalogues() {
        for (name, source) in TEMPLATES {
            let words = disputes_i18n::templates::literal_words(source);
            assert!(words.is_empty(), "{name} says {words:?}");
        }
    }

    /// Every key a page template asks for is in the catalogue.
    #[test]
    fn every_key_a_template_uses_is_in_the_catalogue() {
        let catalogue = disputes_i18n::Catalogue::built_in();
        for (name, source) in TEMPLATES {
            for key in disputes_i18n::templates::keys_used(source) {
                assert!(catalogue.has(key), "{name} asks for {key}");
            }
        }
    }

    #[test]
    fn every_template_in_the_folder_is_registered() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in std::fs::read_dir(folder).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".html") {
                assert!(
                    TEMPLATES.iter().any(|(registered, _)| *registered == name),
                    "{name} is not in TEMPLATES"
                );
            }
        }
    }

    #[test]
    fn a_list_past_the_count_says_more_and_pages_on_without_a_last_page() {
        let capped = |total_capped: bool| {
            render(
                "cases.html",
                &Locale::built_in(disputes_i18n::Lang::En),
                minijinja::context! {
                    total => 1_000, total_capped,
                    paging => minijinja::context! {
                        page_number => 2, pages => (!total_capped).then_some(40),
                        previous => "/cases?page=1", next => "/cases?page=3",
                    },
                    cases => Vec::<Value>::new(),
                },
            )
            .unwrap()
        };
        let more = capped(true);
        assert!(more.contains("More than 1,000 cases."), "{more}");
        assert!(more.contains("<li>Page 2</li>"), "{more}");
        assert!(more.contains(r#"page=3" rel="next""#), "{more}");
        let exact = capped(false);
        assert!(exact.contains("1,000 cases."), "{exact}");
        assert!(!exact.contains("More than"), "{exact}");
        assert!(exact.contains("<li>Page 2 of 40</li>"), "{exact}");
    }

    #[test]
    fn ids_and_words_are_plain() {
        assert_eq!(field_id("notice.notified_on"), "notice-notified_on");
        assert_eq!(words(&Value::from("in_dialogue")), "in dialogue");
    }
}
