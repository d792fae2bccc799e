//! Rendering emails from templates: the files in `config/templates/`, compiled into the
//! binary so it runs from any folder, each replaceable by a file of the same name in the
//! folder the configuration names.

use std::path::Path;
use std::sync::Arc;

use disputes_i18n::templates::locale_value;
use disputes_i18n::{Catalogue, Lang, Locale};
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};

use crate::account::AccountContext;
use crate::content::{EmailContext, Template};
use crate::letter::LetterContext;

/// The decision letter's template: markup for `disputes_documents`.
const LETTER: &str = "decision_letter.txt";

/// The built-in templates, by file name.
const BUILT_IN: &[(&str, &str)] = &[
    (
        LETTER,
        include_str!("../../../config/templates/decision_letter.txt"),
    ),
    (
        "account.subject.txt",
        include_str!("../../../config/templates/account.subject.txt"),
    ),
    (
        "account.txt",
        include_str!("../../../config/templates/account.txt"),
    ),
    (
        "account.html",
        include_str!("../../../config/templates/account.html"),
    ),
    (
        "reply.subject.txt",
        include_str!("../../../config/templates/reply.subject.txt"),
    ),
    (
        "reply.txt",
        include_str!("../../../config/templates/reply.txt"),
    ),
    (
        "reply.html",
        include_str!("../../../config/templates/reply.html"),
    ),
    (
        "layout.html",
        include_str!("../../../config/templates/layout.html"),
    ),
    (
        "case_summary.html",
        include_str!("../../../config/templates/case_summary.html"),
    ),
    (
        "transition.subject.txt",
        include_str!("../../../config/templates/transition.subject.txt"),
    ),
    (
        "transition.txt",
        include_str!("../../../config/templates/transition.txt"),
    ),
    (
        "transition.html",
        include_str!("../../../config/templates/transition.html"),
    ),
    (
        "reminder.subject.txt",
        include_str!("../../../config/templates/reminder.subject.txt"),
    ),
    (
        "reminder.txt",
        include_str!("../../../config/templates/reminder.txt"),
    ),
    (
        "reminder.html",
        include_str!("../../../config/templates/reminder.html"),
    ),
    (
        "overdue.subject.txt",
        include_str!("../../../config/templates/overdue.subject.txt"),
    ),
    (
        "overdue.txt",
        include_str!("../../../config/templates/overdue.txt"),
    ),
    (
        "overdue.html",
        include_str!("../../../config/templates/overdue.html"),
    ),
    (
        "news.subject.txt",
        include_str!("../../../config/templates/news.subject.txt"),
    ),
    (
        "news.txt",
        include_str!("../../../config/templates/news.txt"),
    ),
    (
        "news.html",
        include_str!("../../../config/templates/news.html"),
    ),
];

/// A template that cannot be used, named by its file.
#[derive(Debug, thiserror::Error)]
#[error("email template {file}: {message}")]
pub struct TemplateError {
    /// The file at fault.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// An email, rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// One line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// The content with the rendered subject (for the HTML page's title) and the language.
#[derive(serde::Serialize)]
struct WithSubject<'a, C> {
    #[serde(flatten)]
    context: &'a C,
    subject: &'a str,
    lang: &'static str,
}

/// The templates, ready to render, with the words they are written in.
#[derive(Debug)]
pub struct Renderer {
    env: Environment<'static>,
    catalogue: Arc<Catalogue>,
}

impl Renderer {
    /// Loads the built-in templates, replacing any that `overrides` holds a file for, and
    /// checks them all by rendering each once with sample content in every language.
    pub fn new(
        overrides: Option<&Path>,
        catalogue: Arc<Catalogue>,
    ) -> Result<Renderer, TemplateError> {
        let mut env = Environment::new();
        disputes_i18n::templates::install(&mut env);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Jinja's `capitalize` lowercases the rest, which would spoil organisations' names.
        // What a person wrote, kept as text in a letter's markup.
        env.add_filter("prose", |text: String| -> String {
            disputes_documents::markup::prose(&text)
        });
        env.add_filter("upper_first", |text: String| -> String {
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        });
        for (name, built_in) in BUILT_IN {
            let source = match overrides.map(|dir| dir.join(name)) {
                Some(path) if path.is_file() => {
                    std::fs::read_to_string(&path).map_err(|e| TemplateError {
                        file: path.display().to_string(),
                        message: e.to_string(),
                    })?
                }
                _ => (*built_in).to_owned(),
            };
            env.add_template_owned(*name, source)
                .map_err(|e| TemplateError {
                    file: (*name).to_owned(),
                    message: e.to_string(),
                })?;
        }
        let renderer = Renderer { env, catalogue };
        for lang in Lang::ALL {
            let locale = renderer.locale(lang);
            for sample in crate::letter::samples(&locale) {
                renderer.letter(&sample, lang)?;
            }
            for template in Template::ALL {
                let sample = crate::preview::sample(&locale, template);
                renderer.render(template, &sample, lang)?;
                // The end of a case carries the next steps outside the Compact: that part
                // must render too.
                let mut last = sample;
                last.next_steps = Some(crate::content::NextSteps {
                    text: "You may be able to complain to the Ombudsman.".to_owned(),
                    link_text: "Complain to the Ombudsman".to_owned(),
                    url: "https://www.lgo.org.uk/".to_owned(),
                });
                renderer.render(template, &last, lang)?;
            }
            for sample in crate::account::samples() {
                renderer.account(&sample, lang)?;
            }
            for sample in crate::reply::samples() {
                renderer.reply(&sample, lang)?;
            }
        }
        Ok(renderer)
    }

    /// The words the emails are written with, in `lang`.
    pub fn locale(&self, lang: Lang) -> Locale {
        Locale::new(Arc::clone(&self.catalogue), lang)
    }

    /// Renders the decision letter for `context` in `lang`, as markup for
    /// `disputes_documents`.
    pub fn letter(&self, context: &LetterContext, lang: Lang) -> Result<String, TemplateError> {
        let fail = |e: minijinja::Error| TemplateError {
            file: LETTER.to_owned(),
            message: e.to_string(),
        };
        let value = minijinja::context! {
            ..Value::from(Serde(context)),
            ..minijinja::context! { locale => locale_value(&self.locale(lang)) }
        };
        self.env
            .get_template(LETTER)
            .map_err(fail)?
            .render(value)
            .map_err(fail)
    }

    /// Renders `template` for `context`.
    pub fn render(
        &self,
        template: Template,
        context: &EmailContext,
        lang: Lang,
    ) -> Result<Rendered, TemplateError> {
        self.email(template.name(), context, lang)
    }

    /// Renders the account email `context` says, in `lang`.
    pub fn account(&self, context: &AccountContext, lang: Lang) -> Result<Rendered, TemplateError> {
        self.email("account", context, lang)
    }

    /// Renders the acknowledgement or refusal `context` says, in `lang`.
    pub fn reply(
        &self,
        context: &crate::reply::ReplyContext,
        lang: Lang,
    ) -> Result<Rendered, TemplateError> {
        self.email("reply", context, lang)
    }

    /// Renders the email whose templates are `base`.subject.txt, .txt and .html, in `lang`.
    fn email(
        &self,
        base: &str,
        context: &impl serde::Serialize,
        lang: Lang,
    ) -> Result<Rendered, TemplateError> {
        let locale = locale_value(&self.locale(lang));
        let render = |file: String, subject: &str| -> Result<String, TemplateError> {
            let fail = |e: minijinja::Error| TemplateError {
                file: file.clone(),
                message: e.to_string(),
            };
            let value = minijinja::context! {
                ..Value::from(Serde(WithSubject { context, subject, lang: lang.code() })),
                ..minijinja::context! { locale => locale.clone() }
            };
            self.env
                .get_template(&file)
                .map_err(fail)?
                .render(value)
                .map_err(fail)
        };
        // A subject is one line, whatever the template or the title holds.
        let subject = render(format!("{base}.subject.txt"), "")?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Rendered {
            text: render(format!("{base}.txt"), &subject)?,
            html: render(format!("{base}.html"), &subject)?,
            subject,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_templates_render_what_an_email_must_say() {
        let renderer = Renderer::new(None, Catalogue::built_in()).unwrap();
        let context = crate::preview::sample(&Locale::built_in(Lang::En), Template::Transition);
        let email = renderer
            .render(Template::Transition, &context, Lang::En)
            .unwrap();
        assert!(email.subject.starts_with(&context.reference));
        assert!(!email.subject.contains('\n'));
        // HTML escapes the slashes of the link; a browser reads them back.
        let html = email.html.replace("&#x2f;", "/");
        for body in [&email.text, &html] {
            assert!(body.contains(&context.reference));
            assert!(body.contains(&context.link));
            assert!(body.contains("acknowledged the disagreement"));
            assert!(
                body.contains("Monday 16 March 2026"),
                "what is due next, and when"
            );
        }
        assert!(email.html.starts_with("<!doctype html>"));
    }

    #[test]
    fn a_letter_says_the_decision_its_recommendations_and_what_comes_next() {
        let renderer = Renderer::new(None, Catalogue::built_in()).unwrap();
        for sample in crate::letter::samples(&Locale::built_in(Lang::En)) {
            let markup = renderer.letter(&sample, Lang::En).unwrap();
            let blocks = disputes_documents::parse(&markup);
            let text = format!("{blocks:?}");
            for wanted in [
                sample.heading.as_str(),
                "To: Age Concern Leicestershire",
                "Three months' notice of a change",
                "Notice came ten weeks short.",
                "Give three months' notice of every change. For Leicestershire County Council, by Thursday 31 December 2026.",
                "Either organisation may appeal by Friday 17 April 2026.",
            ] {
                assert!(text.contains(wanted), "{wanted} in {text}");
            }
            assert!(
                !blocks.iter().any(|b| matches!(b, disputes_documents::Block::Heading { text, .. } if text == "Not a heading.")),
                "what a person wrote stays text"
            );
        }
    }

    #[test]
    fn a_welsh_letter_is_in_welsh_and_keeps_what_people_wrote_as_written() {
        let renderer = Renderer::new(None, Catalogue::built_in()).unwrap();
        let welsh = Locale::built_in(Lang::Cy);
        for sample in crate::letter::samples(&welsh) {
            let markup = renderer.letter(&sample, Lang::Cy).unwrap();
            for wanted in [
                welsh.t(&format!("letter-heading-{}", sample.kind.as_str())),
                welsh.t("letter-about"),
                welsh.t("letter-next"),
                welsh.text("letter-to", &[("to", sample.to.as_str().into())]),
                "Notice came ten weeks short.".to_owned(),
            ] {
                assert!(markup.contains(&wanted), "{wanted} in {markup}");
            }
            for english in [
                "What happens next",
                "The Compact principles at issue",
                "To: ",
            ] {
                assert!(!markup.contains(english), "{english} in {markup}");
            }
        }
    }

    #[test]
    fn html_is_escaped_and_text_is_not() {
        let renderer = Renderer::new(None, Catalogue::built_in()).unwrap();
        let mut context = crate::preview::sample(&Locale::built_in(Lang::En), Template::Reminder);
        context.title = "Rates <b>& charges</b>".to_owned();
        let email = renderer
            .render(Template::Reminder, &context, Lang::En)
            .unwrap();
        assert!(
            email
                .html
                .contains("Rates &lt;b&gt;&amp; charges&lt;&#x2f;b&gt;")
        );
        assert!(!email.html.contains("<b>"));
        assert!(email.text.contains("Rates <b>& charges</b>"));
    }

    #[test]
    fn an_operator_may_replace_a_template_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("reminder.subject.txt"),
            "Nudge for {{ reference }}",
        )
        .unwrap();
        let renderer = Renderer::new(Some(dir.path()), Catalogue::built_in()).unwrap();
        let email = renderer
            .render(
                Template::Reminder,
                &crate::preview::sample(&Locale::built_in(Lang::En), Template::Reminder),
                Lang::En,
            )
            .unwrap();
        assert_eq!(email.subject, "Nudge for LEIC-2026-0042");
        std::fs::write(dir.path().join("overdue.txt"), "{{ no_such_field }}").unwrap();
        let error = Renderer::new(Some(dir.path()), Catalogue::built_in()).unwrap_err();
        assert_eq!(error.file, "overdue.txt");
        std::fs::write(dir.path().join("overdue.txt"), "{% if %}").unwrap();
        assert!(Renderer::new(Some(dir.path()), Catalogue::built_in()).is_err());
    }

    #[test]
    fn account_emails_say_what_changed_and_a_reset_email_carries_its_link_and_life() {
        let renderer = Renderer::new(None, Catalogue::built_in()).unwrap();
        for sample in crate::account::samples() {
            let email = renderer.account(&sample, Lang::En).unwrap();
            assert!(!email.subject.contains('\n') && email.subject.contains(&sample.compact));
            let html = email.html.replace("&#x2f;", "/");
            for body in [&email.text, &html] {
                assert!(body.contains("Dear Jo Patel"), "{body}");
                assert!(body.contains(&sample.link), "{body}");
                assert!(!body.contains("involved in case"), "{body}");
            }
        }
        let reset = crate::account::AccountContext {
            kind: crate::account::AccountEmailKind::PasswordReset,
            link: "https://disputes.example.org/reset-password?token=abc".to_owned(),
            ..crate::account::samples().remove(0)
        };
        let email = renderer.account(&reset, Lang::En).unwrap();
        assert_eq!(
            email.subject,
            "Set a new password for Leicestershire Compact disputes"
        );
        assert!(email.text.contains("within 60 minutes"));
        assert!(
            email
                .text
                .contains("https://disputes.example.org/reset-password?token=abc")
        );
    }

    #[test]
    fn an_email_to_a_welsh_speaker_is_in_welsh_subject_and_all() {
        let renderer = Renderer::new(None, Catalogue::built_in()).unwrap();
        let locale = Locale::built_in(Lang::Cy);
        let context = crate::preview::sample(&locale, Template::Transition);
        let email = renderer
            .render(Template::Transition, &context, Lang::Cy)
            .unwrap();
        assert_eq!(
            email.subject,
            "LEIC-2026-0042: cydnabuwyd - Day-centre grant ended at two weeks' notice"
        );
        for body in [&email.text, &email.html] {
            assert!(body.contains("Annwyl Jo Patel,"), "{body}");
            assert!(
                body.contains(
                    "Mae Linda Cole (Leicestershire County Council) wedi cydnabod yr anghytundeb."
                ),
                "{body}"
            );
            assert!(body.contains("Dydd Llun 16 Mawrth 2026"), "{body}");
            assert!(!body.contains("Dear"), "{body}");
        }
        assert!(email.html.contains(r#"<html lang="cy">"#));
        let reminder = renderer
            .render(
                Template::Reminder,
                &crate::preview::sample(&locale, Template::Reminder),
                Lang::Cy,
            )
            .unwrap();
        assert_eq!(
            reminder.subject,
            "LEIC-2026-0042: nodyn atgoffa - cydnabod yr anghytundeb erbyn Dydd Llun 9 Mawrth 2026"
        );
    }

    /// The catalogue check's other half: no email template says anything itself.
    #[test]
    fn no_email_template_holds_words_outside_the_catalogues() {
        for (name, source) in BUILT_IN {
            let words = disputes_i18n::templates::literal_words(source);
            assert!(words.is_empty(), "{name} says {words:?}");
            let catalogue = Catalogue::built_in();
            for key in disputes_i18n::templates::keys_used(source) {
                // A key built from a value (`account-subject-` ~ kind) is checked whole by
                // rendering every kind at start-up.
                assert!(
                    key.ends_with('-') || catalogue.has(key),
                    "{name} asks for {key}"
                );
            }
        }
    }
}
