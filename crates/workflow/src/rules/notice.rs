//! Three months' notice of a change to funding or support (Compact Leicestershire,
//! principle 11).
//!
//! The period ends on the corresponding date the set number of calendar months later, all
//! months added in one step (the *Dodds v Walker* rule); where that month is too short, on
//! its last day. The change may take effect on or after that date.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{RuleError, number_word, plural};
use crate::calendar::{is_writable, long_date};

/// What kind of change was notified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ChangeKind {
    /// Altered terms.
    Change,
    /// Less money or support.
    Reduction,
    /// An end to it.
    Cessation,
    /// A review that may lead to any of the above.
    Review,
}

/// What the change is to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Instrument {
    /// A contract for services.
    Contract,
    /// A grant.
    Grant,
    /// Another agreement.
    Agreement,
    /// Support in kind.
    Support,
    /// Accommodation provided.
    Accommodation,
}

impl ChangeKind {
    fn noun(self) -> &'static str {
        match self {
            ChangeKind::Change => "change to",
            ChangeKind::Reduction => "reduction of",
            ChangeKind::Cessation => "end of",
            ChangeKind::Review => "review of",
        }
    }
}

impl Instrument {
    fn noun(self) -> &'static str {
        match self {
            Instrument::Contract => "contract",
            Instrument::Grant => "grant",
            Instrument::Agreement => "agreement",
            Instrument::Support => "support",
            Instrument::Accommodation => "accommodation",
        }
    }
}

/// The dates the notice rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeDates {
    /// The date the organisation received written notice.
    pub notified_on: NaiveDate,
    /// The date the change takes (or took) effect.
    pub effective_on: NaiveDate,
    /// An end date agreed before notice was given, if the agreement had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defined_end_on: Option<NaiveDate>,
}

/// A notified change as a case records it: the dates and what was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeFacts {
    /// What kind of change.
    pub change_kind: ChangeKind,
    /// What it was to.
    pub instrument: Instrument,
    /// When notice was given and the change takes effect.
    #[serde(flatten)]
    pub dates: NoticeDates,
}

/// Whether notice was long enough, and by how much it fell short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeAssessment {
    /// The Compact was kept (or did not apply).
    pub compliant: bool,
    /// The rule did not apply: the agreement ended on its previously defined end date.
    pub exempt: bool,
    /// The months of notice the Compact requires.
    pub required_months: u32,
    /// The last day of the notice period.
    pub notice_ends_on: NaiveDate,
    /// The earliest date the change could lawfully take effect.
    pub earliest_compliant_effective_on: NaiveDate,
    /// Calendar days from the effective date to the end of the notice period; 0 if compliant.
    pub days_short: i64,
    /// The assessment in plain words.
    pub explanation: String,
}

/// The last day of a notice period of `months` given on `notified_on`.
pub fn notice_ends_on(notified_on: NaiveDate, months: u32) -> Result<NaiveDate, RuleError> {
    notified_on
        .checked_add_months(Months::new(months))
        .filter(|end| is_writable(*end))
        .ok_or(RuleError::OutOfRange {
            field: "notified_on",
        })
}

/// Assesses `dates` against a notice period of `months`. `change`, when known, names the
/// change in the explanation.
pub fn assess_notice(
    dates: &NoticeDates,
    months: u32,
    change: Option<(ChangeKind, Instrument)>,
) -> Result<NoticeAssessment, RuleError> {
    let ends = notice_ends_on(dates.notified_on, months)?;
    let period = format!("{} months' notice", number_word(months));
    let what = change.map_or_else(
        || "The change".to_owned(),
        |(kind, instrument)| format!("The {} the {}", kind.noun(), instrument.noun()),
    );
    let exempt = dates
        .defined_end_on
        .is_some_and(|end| dates.effective_on >= end);
    let days_short = if exempt || dates.effective_on >= ends {
        0
    } else {
        (ends - dates.effective_on).num_days()
    };
    let compliant = days_short == 0;

    let given = format!(
        "Notice was given on {}, so {period} ran to {}.",
        long_date(dates.notified_on),
        long_date(ends)
    );
    let explanation = if exempt {
        let end = dates.defined_end_on.unwrap_or(dates.effective_on);
        format!(
            "The agreement had a defined end date of {}, set before notice was given, and {} \
             takes effect on {}, on or after that date: the agreement ended as agreed, so the \
             notice rule does not apply.",
            long_date(end),
            lower_first(&what),
            long_date(dates.effective_on)
        )
    } else if compliant {
        format!(
            "{given} {what} takes effect on {}, on or after that date: the Compact's {period} \
             was kept.",
            long_date(dates.effective_on)
        )
    } else {
        let early = if dates.notified_on >= dates.effective_on {
            format!(
                "{what} took effect on {}, before notice was even given: no advance notice at \
                 all.",
                long_date(dates.effective_on)
            )
        } else {
            format!(
                "{what} takes effect on {}, {} before the notice period ends.",
                long_date(dates.effective_on),
                plural(days_short, "day")
            )
        };
        let defined_end = dates.defined_end_on.map_or_else(String::new, |end| {
            format!(
                " The agreement's defined end date of {} does not help: the change comes \
                 before it.",
                long_date(end)
            )
        });
        format!(
            "{given} {early} The Compact's {period} was not kept.{defined_end} The earliest \
             date the change could lawfully take effect is {}.",
            long_date(ends)
        )
    };

    Ok(NoticeAssessment {
        compliant,
        exempt,
        required_months: months,
        notice_ends_on: ends,
        earliest_compliant_effective_on: ends,
        days_short,
        explanation,
    })
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
