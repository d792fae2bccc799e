//! Why the workflow refused something.
//!
//! A refusal says whose fault it was, so the server can answer with the right status in one
//! place: the case's state (409), the person asking (403), or the fields sent (422).

use chrono::NaiveDate;
use serde::Serialize;

use crate::action::ActionKind;
use crate::panel::PanelBreach;

/// What kind of problem a field has: for a program, or a page wording its own sentence,
/// to act on without reading the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FieldErrorCode {
    /// Nothing was sent, and something must be.
    Required,
    /// The request does not take this field.
    Unknown,
    /// What was sent cannot be used.
    #[default]
    Invalid,
}

/// One field that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field, as the request names it (`recommendations[0].text` for a part of one).
    pub field: String,
    /// What kind of problem it is.
    pub code: FieldErrorCode,
    /// What is wrong, for a person to read, in English.
    pub message: String,
    /// The catalogue entry that says the same in any language, where there is one: a page
    /// or a problem document in Welsh words the problem from it.
    #[serde(skip)]
    pub said: Option<Said>,
}

/// A message catalogue's entry with its values: what a problem says, for the server to
/// word in the reader's language (the workflow itself holds no catalogue).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Said {
    /// The entry's key.
    pub key: &'static str,
    /// Its values, by name.
    pub args: Vec<(&'static str, Word)>,
}

impl Said {
    /// What one of the workflow's own entries says in English, for the API
    /// ([`crate::messages::ENGLISH`]); the server words its own entries from its catalogue.
    pub fn english(&self) -> String {
        crate::messages::english(self.key, &self.args)
    }
}

/// A value in a catalogue entry, kept as what it is so that each language writes it its
/// own way: a date in its own month names, a state by its own name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// Words or a name, shown as they are.
    Text(String),
    /// A count, which chooses a plural form.
    Number(i64),
    /// A date.
    Date(NaiveDate),
    /// A name the workflow gives in English (a state, an action, who may act) and the
    /// catalogue gives in other languages at `key`.
    Named {
        /// The catalogue entry naming it.
        key: String,
        /// Its English, as the API has always said it.
        english: String,
    },
    /// A sentence of its own, worded first.
    Said(Box<Said>),
}

impl Word {
    /// A name with its catalogue entry and its English.
    pub fn named(key: impl Into<String>, english: impl Into<String>) -> Word {
        Word::Named {
            key: key.into(),
            english: english.into(),
        }
    }
}

impl From<String> for Word {
    fn from(text: String) -> Word {
        Word::Text(text)
    }
}

impl From<&str> for Word {
    fn from(text: &str) -> Word {
        Word::Text(text.to_owned())
    }
}

impl From<u32> for Word {
    fn from(count: u32) -> Word {
        Word::Number(count.into())
    }
}

impl From<u64> for Word {
    fn from(count: u64) -> Word {
        Word::Number(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Word {
    fn from(count: i64) -> Word {
        Word::Number(count)
    }
}

impl From<usize> for Word {
    fn from(count: usize) -> Word {
        Word::Number(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

impl From<NaiveDate> for Word {
    fn from(date: NaiveDate) -> Word {
        Word::Date(date)
    }
}

impl From<Said> for Word {
    fn from(said: Said) -> Word {
        Word::Said(Box::new(said))
    }
}

impl FieldError {
    /// A value of `field` that cannot be used.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code: FieldErrorCode::Invalid,
            message: message.into(),
            said: None,
        }
    }

    /// The same problem, with the catalogue entry (and its values) that words it.
    #[must_use]
    pub fn said(mut self, key: &'static str, args: Vec<(&'static str, Word)>) -> Self {
        self.said = Some(Said { key, args });
        self
    }

    /// `field` was left out and must be sent.
    pub fn required(field: impl Into<String>) -> Self {
        FieldError::required_because(field, "is required")
    }

    /// `field` was left out and must be sent, with what to send (`message` starts "is
    /// required").
    pub fn required_because(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            code: FieldErrorCode::Required,
            ..FieldError::new(field, message)
        }
    }

    /// `field` was sent, but the request does not take it.
    pub fn unknown(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            code: FieldErrorCode::Unknown,
            ..FieldError::new(field, message)
        }
    }
}

/// Whose fault a refusal is; the server maps each to one status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefusalKind {
    /// The case is not in a state that allows it (409).
    State,
    /// This person may not do it (403).
    Actor,
    /// The fields sent cannot be used (422).
    Invalid,
}

/// An action or a new case the workflow will not accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Nobody may do this in the case's current state, or not yet.
    #[error("cannot {} while the case is {state}: {}", .action.describe(), .reason.english())]
    NotInThisState {
        /// What was attempted.
        action: ActionKind,
        /// The case's state.
        state: &'static str,
        /// Why.
        reason: Said,
    },
    /// Someone may, but not this person.
    #[error("{}", .reason.english())]
    NotForThisActor {
        /// Who may.
        reason: Said,
    },
    /// The fields cannot be used.
    #[error("{}", describe_fields(.0))]
    Invalid(Vec<FieldError>),
    /// The proposed panel breaks the panel rules.
    #[error("the panel breaks {} rule(s): {}", .0.len(), describe_breaches(.0))]
    PanelRefused(Vec<PanelBreach>),
}

impl Refusal {
    /// Whose fault it was.
    pub fn kind(&self) -> RefusalKind {
        match self {
            Refusal::NotInThisState { .. } => RefusalKind::State,
            Refusal::NotForThisActor { .. } => RefusalKind::Actor,
            Refusal::Invalid(_) | Refusal::PanelRefused(_) => RefusalKind::Invalid,
        }
    }

    /// What a refusal of the case's state or of the person says, as the catalogue words
    /// it; a refusal of fields words each field instead.
    pub fn said(&self) -> Option<Said> {
        match self {
            Refusal::NotInThisState {
                action,
                state,
                reason,
            } => Some(Said {
                key: "workflow-not-in-state",
                args: vec![
                    (
                        "action",
                        Word::named(format!("action-{}", action.as_str()), action.describe()),
                    ),
                    ("state", Word::named(format!("state-{state}"), *state)),
                    ("reason", reason.clone().into()),
                ],
            }),
            Refusal::NotForThisActor { reason } => Some(reason.clone()),
            Refusal::Invalid(_) | Refusal::PanelRefused(_) => None,
        }
    }

    /// A refusal of one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Refusal::Invalid(vec![FieldError::new(field, message)])
    }
}

fn describe_fields(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

fn describe_breaches(breaches: &[PanelBreach]) -> String {
    breaches
        .iter()
        .map(|b| b.explanation.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
