//! A Compact's own settings: its time limits, its notice and consultation periods, its
//! calendar, and the codes it uses for principles and groupings.
//!
//! The defaults are those of DOMAIN.md, drawn from the Local Government and Social Care
//! Ombudsman's complaint code and Compact Leicestershire. The server reads these from the
//! `[compact]` section of its configuration; `config/default.toml` must agree with
//! [`CompactSettings::default`] (a test checks it).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, Jurisdiction};

/// The working days allowed for each step of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DeadlineSettings {
    /// Respondent acknowledges a raised case.
    pub acknowledge: u32,
    /// Parties resolve the matter informally, counted from the acknowledgement.
    pub informal_resolution: u32,
    /// Subgroup accepts or returns a formal complaint.
    pub formal_acceptance: u32,
    /// Respondent's written response to the panel, counted from the panel's convening.
    pub written_response: u32,
    /// Panel's formal decision, counted from acceptance.
    pub formal_decision: u32,
    /// Either party may appeal the decision within this window.
    pub appeal_window: u32,
    /// Subgroup convenes the appeal panel.
    pub appeal_panel: u32,
    /// Appeal panel's decision, counted from its convening.
    pub appeal_decision: u32,
    /// The most working days that extensions may add, in all, within one stage.
    pub max_extension_per_stage: u32,
    /// How many working days before a deadline its reminder goes out.
    pub reminder_before: u32,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        DeadlineSettings {
            acknowledge: 5,
            informal_resolution: 10,
            formal_acceptance: 5,
            written_response: 10,
            formal_decision: 20,
            appeal_window: 20,
            appeal_panel: 10,
            appeal_decision: 20,
            max_extension_per_stage: 20,
            reminder_before: 2,
        }
    }
}

/// Everything about one Compact that changes how its cases run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompactSettings {
    /// The Compact's name, e.g. "Compact Leicestershire".
    pub name: String,
    /// The first part of every case reference, e.g. `LEIC` in `LEIC-2026-0042`.
    pub reference_prefix: String,
    /// Whose bank holidays count as non-working days.
    pub jurisdiction: Jurisdiction,
    /// The zone whose civil date is "today" for deadlines.
    pub time_zone: Tz,
    /// Months of notice owed before a change to funding or support.
    pub notice_months: u32,
    /// Weeks a formal written consultation must run.
    pub consultation_weeks: u32,
    /// Working days for each step.
    pub deadlines: DeadlineSettings,
    /// The principle codes a case may cite.
    pub principles: Vec<String>,
    /// The groupings an organisation may belong to.
    pub groupings: Vec<String>,
}

/// The principle codes of DOMAIN.md.
pub const DEFAULT_PRINCIPLES: [&str; 12] = [
    "notice",
    "consultation",
    "funding_and_procurement",
    "full_cost_recovery",
    "independence",
    "partnership",
    "volunteering",
    "community_groups",
    "bme_groups",
    "equality",
    "information_sharing",
    "other",
];

/// The groupings of the Lincolnshire membership review.
pub const DEFAULT_GROUPINGS: [&str; 11] = [
    "Local Government",
    "Health and Social Care",
    "Education (FE and HE)",
    "Police, Uniformed and Legal",
    "Defence / Armed Forces",
    "Children and Young People",
    "Voluntary and Community",
    "Trade Unions",
    "Partnership",
    "Private Sector",
    "Unclassified",
];

/// The principle whose breach the engine can detect and which makes a case urgent.
pub const NOTICE_PRINCIPLE: &str = "notice";

impl Default for CompactSettings {
    fn default() -> Self {
        CompactSettings {
            name: "Demo Compact".to_owned(),
            reference_prefix: "DEMO".to_owned(),
            jurisdiction: Jurisdiction::EnglandAndWales,
            time_zone: chrono_tz::Europe::London,
            notice_months: 3,
            consultation_weeks: 12,
            deadlines: DeadlineSettings::default(),
            principles: DEFAULT_PRINCIPLES.map(str::to_owned).to_vec(),
            groupings: DEFAULT_GROUPINGS.map(str::to_owned).to_vec(),
        }
    }
}

/// A setting that cannot be used, named by its configuration key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("compact.{key}: {message}")]
pub struct SettingsError {
    /// The key under `compact.`, e.g. `deadlines.acknowledge`.
    pub key: String,
    /// What is wrong with it.
    pub message: String,
}

/// Longest step a Compact may configure: a year of working days.
const MAX_STEP_DAYS: u32 = 260;

impl CompactSettings {
    /// Checks the settings, naming the first key that cannot be used.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let fail = |key: &str, message: String| {
            Err(SettingsError {
                key: key.to_owned(),
                message,
            })
        };
        if self.name.trim().is_empty() {
            return fail("name", "must not be empty".to_owned());
        }
        let prefix = &self.reference_prefix;
        if !(2..=12).contains(&prefix.len())
            || !prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return fail(
                "reference_prefix",
                "must be 2 to 12 capital letters or digits".to_owned(),
            );
        }
        if !(1..=24).contains(&self.notice_months) {
            return fail("notice_months", "must be between 1 and 24".to_owned());
        }
        if !(1..=52).contains(&self.consultation_weeks) {
            return fail("consultation_weeks", "must be between 1 and 52".to_owned());
        }
        let d = &self.deadlines;
        let steps = [
            ("acknowledge", d.acknowledge),
            ("informal_resolution", d.informal_resolution),
            ("formal_acceptance", d.formal_acceptance),
            ("written_response", d.written_response),
            ("formal_decision", d.formal_decision),
            ("appeal_window", d.appeal_window),
            ("appeal_panel", d.appeal_panel),
            ("appeal_decision", d.appeal_decision),
        ];
        for (key, days) in steps {
            if !(1..=MAX_STEP_DAYS).contains(&days) {
                return fail(
                    &format!("deadlines.{key}"),
                    format!("must be between 1 and {MAX_STEP_DAYS} working days"),
                );
            }
        }
        if d.max_extension_per_stage > MAX_STEP_DAYS {
            return fail(
                "deadlines.max_extension_per_stage",
                format!("must be at most {MAX_STEP_DAYS} working days"),
            );
        }
        if d.reminder_before > 20 {
            return fail(
                "deadlines.reminder_before",
                "must be at most 20 working days".to_owned(),
            );
        }
        validate_codes("principles", &self.principles, is_code)?;
        validate_codes("groupings", &self.groupings, |g| !g.trim().is_empty())?;
        Ok(())
    }

    /// The working-day calendar of the Compact's jurisdiction.
    pub fn calendar(&self) -> Calendar {
        Calendar::of(self.jurisdiction)
    }

    /// The Compact's civil date at instant `at`: the date deadlines count from.
    pub fn today(&self, at: DateTime<Utc>) -> NaiveDate {
        civil_date(self.time_zone, at)
    }

    /// Whether `code` is one of this Compact's principles.
    pub fn has_principle(&self, code: &str) -> bool {
        self.principles.iter().any(|p| p == code)
    }
}

/// The civil date in `zone` at instant `at`.
pub(crate) fn civil_date(zone: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

fn validate_codes(
    key: &str,
    codes: &[String],
    valid: impl Fn(&str) -> bool,
) -> Result<(), SettingsError> {
    let error = |message: String| SettingsError {
        key: key.to_owned(),
        message,
    };
    if codes.is_empty() {
        return Err(error("must list at least one".to_owned()));
    }
    for (i, code) in codes.iter().enumerate() {
        if !valid(code) {
            return Err(error(format!("{code:?} is not a usable code")));
        }
        if codes[..i].contains(code) {
            return Err(error(format!("{code:?} is listed twice")));
        }
    }
    Ok(())
}

/// A principle code: lower-case letters, digits and underscores, as the API spells them.
fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(CompactSettings::default().validate(), Ok(()));
    }

    #[test]
    fn a_bad_setting_is_named_by_its_key() {
        let mut settings = CompactSettings::default();
        settings.deadlines.formal_decision = 0;
        let err = settings.validate().unwrap_err();
        assert_eq!(err.key, "deadlines.formal_decision");
        assert!(
            err.to_string()
                .starts_with("compact.deadlines.formal_decision: ")
        );

        let settings = CompactSettings {
            reference_prefix: "leic-".to_owned(),
            ..CompactSettings::default()
        };
        assert_eq!(settings.validate().unwrap_err().key, "reference_prefix");

        let mut settings = CompactSettings::default();
        settings.principles.push("Notice Period".to_owned());
        assert_eq!(settings.validate().unwrap_err().key, "principles");

        let mut settings = CompactSettings::default();
        settings.principles.push("notice".to_owned());
        assert!(settings.validate().unwrap_err().message.contains("twice"));
    }

    #[test]
    fn today_is_the_civil_date_in_the_compacts_zone() {
        let settings = CompactSettings::default();
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
        let at = "2026-06-30T23:30:00Z".parse().unwrap();
        assert_eq!(
            settings.today(at),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        // In winter London is on UTC.
        let at = "2026-12-31T23:30:00Z".parse().unwrap();
        assert_eq!(
            settings.today(at),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        let result: Result<CompactSettings, _> = toml::from_str("notice_monthz = 3");
        assert!(result.is_err());
    }
}
