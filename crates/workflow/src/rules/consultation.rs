//! Twelve weeks of formal written consultation.
//!
//! A consultation's length is `closes_on - opened_on` in calendar days and must be at least
//! the required weeks (84 days for 12). A shorter one may still keep the Compact when the
//! reason for shortening it was explained.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{RuleError, number_word, plural};
use crate::calendar::long_date;
use crate::text::Text;

/// The dates of a consultation, and the reason given if it was shortened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationFacts {
    /// The day the consultation opened.
    pub opened_on: NaiveDate,
    /// The day it closed (or closes).
    pub closes_on: NaiveDate,
    /// Why it ran for less than the required weeks, if it did and a reason was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortened_reason: Option<Text>,
}

/// How a consultation measures up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ConsultationVerdict {
    /// It ran the full period.
    Compliant,
    /// It was shorter, with an explanation: the Compact allows that.
    ShortenedWithExplanation,
    /// It was shorter with no explanation.
    Breach,
}

/// Whether a consultation ran long enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationAssessment {
    /// The Compact was kept.
    pub compliant: bool,
    /// How: in full, shortened with an explanation, or not at all.
    pub verdict: ConsultationVerdict,
    /// The weeks the Compact requires.
    pub required_weeks: u32,
    /// The consultation's length in calendar days.
    pub length_days: i64,
    /// Days short of the required length; 0 when it ran long enough.
    pub shortfall_days: i64,
    /// The assessment in plain words.
    pub explanation: String,
}

/// Assesses `facts` against a consultation period of `weeks`.
pub fn assess_consultation(
    facts: &ConsultationFacts,
    weeks: u32,
) -> Result<ConsultationAssessment, RuleError> {
    if facts.closes_on < facts.opened_on {
        return Err(RuleError::Inconsistent {
            field: "closes_on",
            key: "workflow-closes-before-opens",
        });
    }
    let required_days = i64::from(weeks) * 7;
    let length_days = (facts.closes_on - facts.opened_on).num_days();
    let shortfall_days = (required_days - length_days).max(0);
    let verdict = if shortfall_days == 0 {
        ConsultationVerdict::Compliant
    } else if facts.shortened_reason.is_some() {
        ConsultationVerdict::ShortenedWithExplanation
    } else {
        ConsultationVerdict::Breach
    };
    let period = format!("{} weeks ({required_days} days)", number_word(weeks));
    let ran = format!(
        "The consultation opened on {} and closes on {}: {}.",
        long_date(facts.opened_on),
        long_date(facts.closes_on),
        plural(length_days, "day")
    );
    let explanation = match verdict {
        ConsultationVerdict::Compliant => {
            format!("{ran} That is at least the Compact's {period}: the Compact was kept.")
        }
        ConsultationVerdict::ShortenedWithExplanation => format!(
            "{ran} That is {} short of the Compact's {period}, but a reason for the shorter \
             consultation was given, which the Compact allows.",
            plural(shortfall_days, "day")
        ),
        ConsultationVerdict::Breach => format!(
            "{ran} That is {} short of the Compact's {period}, and no reason for the shorter \
             consultation was given: the Compact was not kept.",
            plural(shortfall_days, "day")
        ),
    };
    Ok(ConsultationAssessment {
        compliant: verdict != ConsultationVerdict::Breach,
        verdict,
        required_weeks: weeks,
        length_days,
        shortfall_days,
        explanation,
    })
}
