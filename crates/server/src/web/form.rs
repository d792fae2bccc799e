//! Forms as people send them: read with their token checked, kept as typed so a refused form
//! can be shown again as it was, and parsed field by field with errors that say what to fix.

use std::collections::BTreeMap;
use std::str::FromStr;

use axum::extract::{FromRequest, Request};
use axum::http::header;
use chrono::NaiveDate;
use disputes_i18n::{Lang, Locale};

pub(crate) use crate::problem::field_problem as problem;
use disputes_workflow::{FieldError, FieldErrorCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::auth::Viewer;
use crate::auth::csrf::{TOKEN_FIELD, expected_token, expired, is_cross_site, same_token};
use crate::extract::read_limited;
use crate::labels::{lower_first, upper_first};
use crate::problem::{ApiError, says};
use crate::state::AppState;

/// A submitted form (`application/x-www-form-urlencoded`) whose token was right.
#[derive(Debug, Clone, Default)]
pub(crate) struct Form {
    pairs: Vec<(String, String)>,
}

impl FromRequest<AppState> for Form {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let headers = request.headers();
        let cross_site = is_cross_site(headers);
        let expected = expected_token(request.extensions().get::<Viewer>(), headers);
        let is_form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(ApiError::unsupported_media_type(says(
                "detail-form-encoding",
                Vec::new(),
            )));
        }
        let body = read_limited(request, state.settings.server.json_limit_bytes).await?;
        let form = Form::parse(&body);
        let sent = form.get(TOKEN_FIELD).unwrap_or_default();
        match expected {
            Some(expected) if !cross_site && same_token(&expected, &sent) => Ok(form),
            _ => Err(expired()),
        }
    }
}

impl Form {
    /// Reads `name=value&...` pairs, in order, repeats kept.
    pub(crate) fn parse(body: &[u8]) -> Form {
        Form {
            pairs: form_urlencoded::parse(body).into_owned().collect(),
        }
    }

    /// The field's value, trimmed; none when it was left empty.
    pub(crate) fn get(&self, name: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// The field's value exactly as typed, spaces and all (a password); none when empty.
    pub(crate) fn raw(&self, name: &str) -> Option<String> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    }

    /// Every non-empty value of a field sent several times (checkboxes).
    pub(crate) fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(n, v)| n == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// Every field as sent, in order, repeats kept.
    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// Whether a button or checkbox of this name was sent.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(n, _)| n == name)
    }

    /// What was typed, to show the form again: each field's value, or values when sent
    /// more than once or named with `[]`. The token is left out.
    pub(crate) fn values(&self) -> BTreeMap<String, FieldValue> {
        let mut values: BTreeMap<String, FieldValue> = BTreeMap::new();
        for (name, value) in &self.pairs {
            if name == TOKEN_FIELD {
                continue;
            }
            match values.get_mut(name) {
                Some(FieldValue::Many(list)) => list.push(value.clone()),
                Some(FieldValue::One(first)) => {
                    let first = std::mem::take(first);
                    values.insert(name.clone(), FieldValue::Many(vec![first, value.clone()]));
                }
                None => {
                    values.insert(name.clone(), FieldValue::One(value.clone()));
                }
            }
        }
        values
    }
}

/// A field as typed: one value, or several.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum FieldValue {
    /// A text box, a radio button, a select.
    One(String),
    /// Checkboxes.
    Many(Vec<String>),
}

/// A form shown to a person: what they typed and what to fix, by field.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct FormView {
    /// Values by field name.
    pub(crate) values: BTreeMap<String, FieldValue>,
    /// The first problem of each field, by field name.
    pub(crate) errors: BTreeMap<String, String>,
    /// Every problem, in order, for the summary at the top: `{field, anchor, message}`.
    pub(crate) summary: Vec<SummaryItem>,
}

/// How a refusal names a field: by its label, or whole when it is left out and the
/// catalogue has a sentence for that ("Choose the panel's finding").
pub(crate) struct Named {
    /// The field's name in a sentence.
    pub(crate) label: String,
    /// What to say, whole, when it was left out.
    pub(crate) required: Option<String>,
}

/// A line of the error summary, linking to its field.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SummaryItem {
    /// The element to jump to.
    pub(crate) anchor: String,
    /// What to fix.
    pub(crate) message: String,
}

impl FormView {
    /// A fresh form with some values filled in.
    pub(crate) fn with_values(
        values: impl IntoIterator<Item = (&'static str, String)>,
    ) -> FormView {
        FormView {
            values: values
                .into_iter()
                .map(|(k, v)| (k.to_owned(), FieldValue::One(v)))
                .collect(),
            ..FormView::default()
        }
    }

    /// `form` shown again with `errors` worded in `locale`. Each field is named by the
    /// catalogue's `{words}-{name}` (dots in the name become dashes), or failing that by its
    /// last part alone (`organisation.name` by `{words}-name`); leaving out a field that has
    /// a `-required` entry says that, whole, so no sentence is pieced together in a language
    /// that mutates.
    pub(crate) fn refused_in(
        locale: &Locale,
        form: &Form,
        errors: &[FieldError],
        words: &str,
    ) -> FormView {
        Self::refused_named(locale, form, errors, |field| {
            let whole = format!("{words}-{}", field.replace('.', "-"));
            let last = format!("{words}-{}", field.rsplit('.').next().unwrap_or(field));
            let key = if locale.has(&whole) { whole } else { last };
            let required = format!("{key}-required");
            Named {
                label: if locale.has(&key) {
                    locale.t(&key)
                } else {
                    field.to_owned()
                },
                required: locale.has(&required).then(|| locale.t(&required)),
            }
        })
    }

    /// `form` shown again with `errors` worded in `locale`, each field as `name` names it.
    /// In English the label and the problem make one sentence ("Enter your reason"); in
    /// another language, which may mutate the words after a verb, the label comes first and
    /// the problem after a colon, unless the field has a whole sentence for being left out.
    pub(crate) fn refused_named(
        locale: &Locale,
        form: &Form,
        errors: &[FieldError],
        name: impl Fn(&str) -> Named,
    ) -> FormView {
        Self::refused_saying(form, errors, |field, error| {
            let named = name(field);
            if error.code == FieldErrorCode::Required
                && let Some(whole) = named.required
            {
                return whole;
            }
            if locale.lang() == Lang::En {
                return sentence(&named.label, error);
            }
            let problem = match (&error.said, error.code) {
                (_, FieldErrorCode::Required) => locale.t("form-required"),
                (Some(said), _) => crate::problem::worded(locale, said),
                (None, _) => error.message.clone(),
            };
            let problem = problem.trim_end_matches('.').to_owned();
            locale.text(
                "form-field-problem",
                &[("label", named.label.into()), ("problem", problem.into())],
            )
        })
    }

    /// `form` shown again as it was sent, with `error`'s detail, in `locale`'s words, as a
    /// problem at `anchor` (a refusal of the whole form: too many tries, say).
    pub(crate) fn again_saying(
        locale: &Locale,
        form: &Form,
        anchor: &str,
        error: &crate::problem::ApiError,
    ) -> FormView {
        let mut view = FormView::again(form);
        let detail = error.detail_in(locale);
        view.problem(anchor, detail.trim_end_matches('.').to_owned());
        view
    }

    /// `form` shown again as it was sent, with nothing wrong with any field.
    pub(crate) fn again(form: &Form) -> FormView {
        FormView {
            values: form.values(),
            ..FormView::default()
        }
    }

    fn refused_saying(
        form: &Form,
        errors: &[FieldError],
        say: impl Fn(&str, &FieldError) -> String,
    ) -> FormView {
        let mut view = FormView {
            values: form.values(),
            ..FormView::default()
        };
        for error in errors {
            let field = error
                .field
                .split('[')
                .next()
                .unwrap_or(&error.field)
                .to_owned();
            let message = say(&field, error);
            view.summary.push(SummaryItem {
                anchor: super::render::field_id(&field),
                message: message.clone(),
            });
            view.errors.entry(field).or_insert(message);
        }
        view
    }

    /// Adds a problem that belongs to no one field, shown at the top only.
    pub(crate) fn problem(&mut self, anchor: &str, message: String) {
        self.summary.push(SummaryItem {
            anchor: anchor.to_owned(),
            message,
        });
    }
}

/// A field's label and what is wrong with it, as one sentence: "Enter what happened" for a
/// missing text, "Choose the organisation" for a missing choice (a label that starts with
/// "Choose " says so), "The date must be a real date" otherwise.
fn sentence(label: &str, error: &FieldError) -> String {
    let message = error.message.trim_end_matches('.');
    let choice = label.strip_prefix("Choose ");
    if error.code == FieldErrorCode::Required {
        return match choice {
            Some(_) => label.to_owned(),
            None => format!("Enter {}", lower_first(label)),
        };
    }
    // "must be a whole number" completes the label; "say why ..." or "only 3 working days
    // remain" is a sentence of its own.
    let predicate = ["is ", "must ", "are ", "was ", "has "]
        .iter()
        .any(|start| message.starts_with(start));
    let label = choice.map_or_else(|| label.to_owned(), upper_first);
    if label.is_empty() || !predicate {
        return upper_first(message);
    }
    format!("{label} {message}")
}

/// The parts of a date input, in the order they are shown.
pub(crate) const DATE_PARTS: [&str; 3] = ["day", "month", "year"];

/// A month as a number (`3`, `03`) or a name (`March`, `mar`), as the Design System's date
/// input accepts it.
fn month_number(text: &str) -> Option<u32> {
    if let Ok(number) = text.parse::<u32>() {
        return Some(number);
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let text = text.to_lowercase();
    let position = MONTHS
        .iter()
        .position(|m| *m == text || (text.len() >= 3 && m.starts_with(&text)))?;
    u32::try_from(position + 1).ok()
}

/// Reads typed fields out of a form, gathering what is wrong rather than stopping at it.
#[derive(Debug)]
pub(crate) struct Fields<'a> {
    form: &'a Form,
    /// What is wrong so far.
    pub(crate) errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    /// Starts reading `form`.
    pub(crate) fn new(form: &'a Form) -> Fields<'a> {
        Fields {
            form,
            errors: Vec::new(),
        }
    }

    /// A text field; an error when required and empty.
    pub(crate) fn text(&mut self, name: &str, required: bool) -> Option<String> {
        let value = self.form.get(name);
        if value.is_none() && required {
            self.errors.push(FieldError::required(name));
        }
        value
    }

    /// A password or other secret: exactly as typed, never trimmed (a space is a
    /// character like any other); an error when required and empty.
    pub(crate) fn secret(&mut self, name: &str, required: bool) -> Option<String> {
        let value = self.form.raw(name);
        if value.is_none() && required {
            self.errors.push(FieldError::required(name));
        }
        value
    }

    /// A date, typed as the Design System's date input sends it (day, month and year, in
    /// the fields `name.day`, `name.month` and `name.year`) or in one field as `YYYY-MM-DD`
    /// or `D/M/YYYY`; within the years the service takes ([`disputes_workflow::dates`]).
    /// What is wrong is said as the pattern says it: which part is missing, or that it is
    /// not a real date.
    pub(crate) fn date(&mut self, name: &str, required: bool) -> Option<NaiveDate> {
        let parts = DATE_PARTS.map(|part| self.form.get(&format!("{name}.{part}")));
        let date = if parts.iter().any(Option::is_some) {
            self.date_of_parts(name, parts)?
        } else {
            let value = self.text(name, required)?;
            let parsed = NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(&value, "%d/%m/%Y"));
            let Ok(date) = parsed else {
                self.errors
                    .push(problem(name, "form-problem-real-date", Vec::new()));
                return None;
            };
            date
        };
        if disputes_workflow::dates::plausible(date).is_err() {
            self.errors.push(crate::extract::date::implausible(name));
            return None;
        }
        Some(date)
    }

    /// A date from its day, month and year, some of them given.
    fn date_of_parts(&mut self, name: &str, parts: [Option<String>; 3]) -> Option<NaiveDate> {
        let missing: Vec<&str> = DATE_PARTS
            .iter()
            .zip(&parts)
            .filter(|(_, value)| value.is_none())
            .map(|(part, _)| *part)
            .collect();
        if !missing.is_empty() {
            let key = match missing.as_slice() {
                ["day"] => "form-problem-no-day",
                ["month"] => "form-problem-no-month",
                ["year"] => "form-problem-no-year",
                ["day", "month"] => "form-problem-no-day-month",
                ["day", "year"] => "form-problem-no-day-year",
                _ => "form-problem-no-month-year",
            };
            self.errors.push(problem(name, key, Vec::new()));
            return None;
        }
        let [day, month, year] = parts.map(|p| p.unwrap_or_default());
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            self.errors
                .push(problem(name, "form-problem-year-digits", Vec::new()));
            return None;
        }
        let number = |text: &str| text.parse::<u32>().ok();
        let date = match (number(&day), month_number(&month), year.parse::<i32>().ok()) {
            (Some(day), Some(month), Some(year)) => NaiveDate::from_ymd_opt(year, month, day),
            _ => None,
        };
        if date.is_none() {
            self.errors
                .push(problem(name, "form-problem-real-date", Vec::new()));
        }
        date
    }

    /// A whole number.
    pub(crate) fn number<T: FromStr>(&mut self, name: &str, required: bool) -> Option<T> {
        let value = self.text(name, required)?;
        value
            .parse()
            .map_err(|_| {
                self.errors
                    .push(problem(name, "form-problem-whole-number", Vec::new()));
            })
            .ok()
    }

    /// One of a list of choices named as the API names them (`partly_upheld`).
    pub(crate) fn choice<T: DeserializeOwned>(&mut self, name: &str, required: bool) -> Option<T> {
        let value = self.text(name, required)?;
        serde_json::from_value(serde_json::Value::String(value))
            .map_err(|_| {
                self.errors
                    .push(problem(name, "form-problem-not-a-choice", Vec::new()));
            })
            .ok()
    }

    /// Several ids, from checkboxes.
    pub(crate) fn ids(&mut self, name: &str) -> Vec<i64> {
        let mut ids = Vec::new();
        for value in self.form.all(name) {
            match value.parse() {
                Ok(id) => ids.push(id),
                Err(_) => self
                    .errors
                    .push(problem(name, "form-problem-not-a-choice", Vec::new())),
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_keeps_what_was_typed_and_says_what_to_fix() {
        let form =
            Form::parse(b"csrf=t&title=Grant+cut&member_ids=1&member_ids=2&when=31%2F2%2F2026");
        let values = form.values();
        assert!(!values.contains_key(TOKEN_FIELD));
        assert!(matches!(&values["member_ids"], FieldValue::Many(v) if v == &["1", "2"]));
        let mut fields = Fields::new(&form);
        assert_eq!(fields.date("when", true), None);
        assert_eq!(fields.text("summary", true), None);
        assert_eq!(fields.ids("member_ids"), [1, 2]);
        fields.number::<i64>("respondent", true);
        let named = |f: &str| Named {
            label: match f {
                "when" => "The date",
                "respondent" => "Choose the organisation",
                _ => "What happened",
            }
            .to_owned(),
            required: None,
        };
        let english = Locale::built_in(Lang::En);
        let view = FormView::refused_named(&english, &form, &fields.errors, named);
        assert_eq!(view.errors["when"], "The date must be a real date");
        assert_eq!(view.errors["summary"], "Enter what happened");
        assert_eq!(view.errors["respondent"], "Choose the organisation");
        assert_eq!(view.summary[1].anchor, "summary");
        // In Welsh the label comes first and the problem after a colon; a field left out
        // says so in Welsh.
        let welsh = Locale::built_in(Lang::Cy);
        let view = FormView::refused_named(&welsh, &form, &fields.errors, |f| Named {
            label: format!("Label {f}"),
            required: (f == "respondent").then(|| "Dewiswch y sefydliad".to_owned()),
        });
        assert_eq!(
            view.errors["when"],
            "Label when: rhaid iddo fod yn ddyddiad go iawn"
        );
        assert_eq!(view.errors["summary"], "Label summary: rhaid ateb hwn");
        assert_eq!(view.errors["respondent"], "Dewiswch y sefydliad");
        assert_eq!(
            sentence(
                "Choose the organisation",
                &FieldError::new("respondent", "is not one of the choices")
            ),
            "The organisation is not one of the choices"
        );
        assert_eq!(
            sentence(
                "Your reason",
                &FieldError::new("reason", "say why it failed")
            ),
            "Say why it failed"
        );
    }

    #[test]
    fn a_date_is_read_from_its_parts_and_its_problems_named_as_the_pattern_does() {
        let read = |query: &str| {
            let form = Form::parse(query.as_bytes());
            let mut fields = Fields::new(&form);
            let date = fields.date("on", true);
            let errors: Vec<String> = fields.errors.iter().map(|e| e.message.clone()).collect();
            (date, errors)
        };
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            read("on.day=2&on.month=3&on.year=2026"),
            (day(2026, 3, 2), vec![])
        );
        assert_eq!(
            read("on.day=02&on.month=mar&on.year=2026").0,
            day(2026, 3, 2)
        );
        assert_eq!(
            read("on.day=2&on.month=March&on.year=2026").0,
            day(2026, 3, 2)
        );
        assert_eq!(read("on=2026-03-02").0, day(2026, 3, 2));
        assert_eq!(read("").1, ["is required"]);
        assert_eq!(read("on.day=2&on.year=2026").1, ["must include a month"]);
        assert_eq!(read("on.year=2026").1, ["must include a day and month"]);
        assert_eq!(
            read("on.day=31&on.month=2&on.year=2026").1,
            ["must be a real date"]
        );
        assert_eq!(
            read("on.day=x&on.month=2&on.year=2026").1,
            ["must be a real date"]
        );
        assert_eq!(
            read("on.day=1&on.month=2&on.year=26").1,
            ["must have a year of 4 numbers, like 2026"]
        );
    }
}
