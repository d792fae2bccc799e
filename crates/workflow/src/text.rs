//! Free text that people write into a case, checked once when it arrives.
//!
//! Holding a [`Text`] means it is trimmed, not empty and not absurdly long: the rest of the
//! crate never checks again ("parse, don't validate").

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, Said};
use crate::messages::reason;

/// Why a piece of text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// Nothing but white space.
    Empty,
    /// Longer than the field allows.
    TooLong(usize),
    /// Holds a control character (a NUL, an escape, or a line break in a one-line field).
    ControlCharacter,
}

impl TextError {
    /// What it says, as the catalogue words it in any language.
    pub fn said(self) -> Said {
        match self {
            TextError::Empty => reason("workflow-text-empty", Vec::new()),
            TextError::TooLong(max) => reason("workflow-text-too-long", vec![("max", max.into())]),
            TextError::ControlCharacter => reason("workflow-text-control", Vec::new()),
        }
    }

    /// The problem it makes of `field`, worded for every language.
    pub fn on(self, field: impl Into<String>) -> FieldError {
        let said = self.said();
        crate::messages::problem(field, said.key, said.args)
    }

    /// The error a message was written from: a reader that has only the words (serde
    /// passes on an error's message alone) can word it again in another language.
    pub fn recognise(message: &str) -> Option<TextError> {
        let too_long = || {
            let pattern = crate::messages::english("workflow-text-too-long", &[]);
            let (before, after) = pattern.split_once("{max}")?;
            let number = message.strip_prefix(before)?.strip_suffix(after)?;
            number.parse().ok().map(TextError::TooLong)
        };
        [TextError::Empty, TextError::ControlCharacter]
            .into_iter()
            .find(|e| e.to_string() == message)
            .or_else(too_long)
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said().english())
    }
}

impl std::error::Error for TextError {}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $max:expr, $allows_lines:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String))]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The most characters it may hold.
            pub const MAX_CHARS: usize = $max;

            /// Checks and trims `text`.
            pub fn parse(text: impl Into<String>) -> Result<Self, TextError> {
                let text = text.into();
                let trimmed = text.trim();
                if trimmed.is_empty() {
                    return Err(TextError::Empty);
                }
                if trimmed.chars().count() > Self::MAX_CHARS {
                    return Err(TextError::TooLong(Self::MAX_CHARS));
                }
                let allowed = |c: char| $allows_lines && matches!(c, '\n' | '\r' | '\t');
                if trimmed.chars().any(|c| c.is_control() && !allowed(c)) {
                    return Err(TextError::ControlCharacter);
                }
                Ok($name(if trimmed.len() == text.len() {
                    text
                } else {
                    trimmed.to_owned()
                }))
            }

            /// The text itself.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text's place, for sealing and removal (`crate::content`), which put only
            /// valid one-line text there.
            pub(crate) fn slot(&mut self) -> &mut String {
                &mut self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;
            fn try_from(text: String) -> Result<Self, TextError> {
                $name::parse(text)
            }
        }

        impl From<$name> for String {
            fn from(text: $name) -> String {
                text.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Case text is confidential: debug output shows its length, never its words, so it
        // cannot leak into a log line by accident.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({} chars)", stringify!($name), self.0.chars().count())
            }
        }
    };
}

text_type!(
    /// A case's title: the one piece of case text that emails may carry. One line.
    Title,
    200,
    false
);
text_type!(
    /// A summary, reason, finding or other passage of prose; it may run to several lines.
    Text,
    20_000,
    true
);

impl Text {
    /// Stand-in words for probing which actions a person may take; never stored.
    pub(crate) fn placeholder() -> Text {
        Text(String::from("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_error_is_known_again_from_its_words() {
        for error in [
            TextError::Empty,
            TextError::TooLong(2000),
            TextError::ControlCharacter,
        ] {
            assert_eq!(TextError::recognise(&error.to_string()), Some(error));
        }
        assert_eq!(
            TextError::TooLong(300).to_string(),
            "must be at most 300 characters"
        );
        assert_eq!(
            TextError::recognise("must be at most many characters"),
            None
        );
        assert_eq!(TextError::recognise("is not a date"), None);
    }

    #[test]
    fn text_is_trimmed_and_must_not_be_blank() {
        assert_eq!(Text::parse("  hello \n").unwrap().as_str(), "hello");
        assert_eq!(Text::parse(" \t\n"), Err(TextError::Empty));
        assert!(serde_json::from_str::<Text>(r#""   ""#).is_err());
    }

    #[test]
    fn titles_are_bounded_in_characters_not_bytes() {
        assert!(Title::parse("é".repeat(200)).is_ok());
        assert_eq!(Title::parse("é".repeat(201)), Err(TextError::TooLong(200)));
    }

    #[test]
    fn control_characters_are_refused_but_prose_may_break_lines() {
        assert_eq!(Text::parse("a\u{0}b"), Err(TextError::ControlCharacter));
        assert_eq!(Text::parse("bell\u{7}"), Err(TextError::ControlCharacter));
        assert!(Text::parse("first line\nsecond line\ttabbed").is_ok());
        assert_eq!(Title::parse("two\nlines"), Err(TextError::ControlCharacter));
        // Right-to-left marks and emoji are ordinary text.
        assert!(Title::parse("\u{202e}evil\u{202c} 🙂 Ünïcödé").is_ok());
    }

    #[test]
    fn debug_output_never_shows_the_words() {
        let text = Text::parse("our grant was cut").unwrap();
        assert_eq!(format!("{text:?}"), "Text(17 chars)");
    }
}
