//! The two Compact rules the engine can check by itself, as pure calculators.
//!
//! Each returns an assessment with a person-readable explanation, for the case record, the
//! public checker page and the API's calculators alike.

pub mod consultation;
pub mod notice;

/// Why a rule could not be assessed from the dates given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// The dates contradict each other, e.g. a consultation closing before it opened.
    #[error("{field}: {}", crate::messages::english(.key, &[]))]
    Inconsistent {
        /// The field at fault.
        field: &'static str,
        /// What is wrong, as the catalogue's entry ([`crate::messages::ENGLISH`]).
        key: &'static str,
    },
    /// A date is too far in the future to compute with.
    #[error("{field}: the date is outside the range that can be calculated")]
    OutOfRange {
        /// The field at fault.
        field: &'static str,
    },
}

/// "three" for 3: periods read better in words in an explanation.
pub(crate) fn number_word(n: u32) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// "1 day", "3 days".
pub(crate) fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}
