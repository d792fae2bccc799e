//! How a deadline was counted, and how it moved since, in words: for the API (in English)
//! and the case page (in the reader's language). The workflow keeps the facts (the working
//! days, the day counting began, the bank holidays skipped, each extension and pause); the
//! sentences are the catalogue's `deadline-` entries, and bank holidays are named by its
//! `holiday-` entries.

use disputes_i18n::{Arg, Locale};
use disputes_notify::content::in_a_list;
use disputes_workflow::deadline::AdjustmentKind;
use disputes_workflow::{Deadline, Holiday};

/// How `deadline` was counted and how it moved since, in `locale`'s words: "10 working days
/// after Thursday 2 April 2026; skipping Good Friday (Friday 3 April 2026) and Easter Monday
/// (Monday 6 April 2026): due Monday 20 April 2026."
pub(crate) fn explanation(locale: &Locale, deadline: &Deadline) -> String {
    let days = |n: u32| Arg::from(locale.text("count-working-days", &[("count", n.into())]));
    let date = |d| Arg::from(locale.long_date(d));
    let counted = match deadline.halved_from {
        Some(allowed) => locale.text(
            "deadline-counted-halved",
            &[
                ("counted", days(deadline.working_days)),
                ("start", date(deadline.started_on)),
                ("allowed", allowed.into()),
            ],
        ),
        None => locale.text(
            "deadline-counted",
            &[
                ("counted", days(deadline.working_days)),
                ("start", date(deadline.started_on)),
            ],
        ),
    };
    let holidays = match deadline.holidays_skipped.as_slice() {
        [] => locale.t("deadline-no-holidays"),
        skipped => {
            let named: Vec<String> = skipped.iter().map(|h| holiday(locale, h)).collect();
            locale.text(
                "deadline-skipping",
                &[("holidays", in_a_list(locale, &named).into())],
            )
        }
    };
    let first_due = deadline
        .adjustments
        .first()
        .map_or(deadline.due_on, |a| a.from);
    let mut text = locale.text(
        "deadline-explained",
        &[
            ("counted", counted.into()),
            ("holidays", holidays.into()),
            ("date", date(first_due)),
        ],
    );
    for adjustment in &deadline.adjustments {
        let key = match adjustment.kind {
            AdjustmentKind::Extension => "deadline-extended",
            AdjustmentKind::Pause => "deadline-paused",
        };
        text.push(' ');
        text.push_str(&locale.text(
            key,
            &[
                ("counted", days(adjustment.working_days)),
                ("on", date(adjustment.on)),
                ("to", date(adjustment.due_on)),
            ],
        ));
    }
    if deadline.estimated {
        text.push(' ');
        text.push_str(&locale.t("deadline-estimated"));
    }
    text
}

/// A bank holiday and its day: its name in `locale`'s words where the catalogue has them
/// (`holiday-` and the name as GOV.UK gives it, in small letters joined by dashes), else as
/// GOV.UK gives it.
fn holiday(locale: &Locale, holiday: &Holiday) -> String {
    let key = format!("holiday-{}", slug(&holiday.name));
    let name = if locale.has(&key) {
        locale.t(&key)
    } else {
        holiday.name.to_string()
    };
    let key = if holiday.substitute {
        "deadline-holiday-substitute"
    } else {
        "deadline-holiday"
    };
    locale.text(
        key,
        &[
            ("name", name.into()),
            ("date", locale.long_date(holiday.date).into()),
        ],
    )
}

/// A name as a catalogue key's tail: "St Andrew’s Day" is `st-andrews-day`.
fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !matches!(c, '’' | '\'') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use disputes_i18n::Lang;
    use disputes_workflow::deadline::Adjustment;
    use disputes_workflow::{Calendar, DeadlineKind, DeadlineSettings, Jurisdiction};

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// Ten working days from the Thursday before Easter 2026, as the informal stage counts
    /// them in England and Wales.
    fn over_easter(urgent: bool) -> Deadline {
        let calendar = Calendar::of(Jurisdiction::EnglandAndWales);
        let settings = DeadlineSettings::default();
        Deadline::start(
            DeadlineKind::InformalResolution,
            d("2026-04-02"),
            &settings,
            urgent,
            &calendar,
        )
        .unwrap()
    }

    #[test]
    fn a_deadline_says_how_it_was_counted_in_english_and_in_welsh() {
        let deadline = over_easter(false);
        assert_eq!(
            explanation(&Locale::built_in(Lang::En), &deadline),
            "10 working days after Thursday 2 April 2026; skipping Good Friday (Friday 3 April \
             2026) and Easter Monday (Monday 6 April 2026): due Monday 20 April 2026."
        );
        assert_eq!(
            explanation(&Locale::built_in(Lang::Cy), &deadline),
            "10 diwrnod gwaith ar ôl Dydd Iau 2 Ebrill 2026; gan hepgor Dydd Gwener y Groglith \
             (Dydd Gwener 3 Ebrill 2026) a Dydd Llun y Pasg (Dydd Llun 6 Ebrill 2026): erbyn \
             Dydd Llun 20 Ebrill 2026."
        );
        let urgent = over_easter(true);
        assert!(
            explanation(&Locale::built_in(Lang::En), &urgent)
                .starts_with("5 working days after Thursday 2 April 2026 (halved from 10 because the case is urgent); skipping"),
            "{}",
            explanation(&Locale::built_in(Lang::En), &urgent)
        );
    }

    #[test]
    fn each_extension_and_pause_is_told_after_the_first_due_day() {
        let mut deadline = over_easter(false);
        let first = deadline.due_on;
        deadline.adjustments.push(Adjustment {
            kind: AdjustmentKind::Extension,
            on: d("2026-04-14"),
            working_days: 1,
            from: first,
            due_on: d("2026-04-21"),
            calendar_version: None,
        });
        deadline.adjustments.push(Adjustment {
            kind: AdjustmentKind::Pause,
            on: d("2026-04-16"),
            working_days: 2,
            from: d("2026-04-21"),
            due_on: d("2026-04-23"),
            calendar_version: None,
        });
        deadline.due_on = d("2026-04-23");
        let english = explanation(&Locale::built_in(Lang::En), &deadline);
        assert!(
            english.ends_with(
                "due Monday 20 April 2026. Extended by 1 working day on Tuesday 14 April 2026, \
                 to Tuesday 21 April 2026. Moved on 2 working days for a pause ending Thursday \
                 16 April 2026, to Thursday 23 April 2026."
            ),
            "{english}"
        );
        let welsh = explanation(&Locale::built_in(Lang::Cy), &deadline);
        assert!(
            welsh.contains("Y dyddiad newydd: Dydd Iau 23 Ebrill 2026."),
            "{welsh}"
        );
    }

    #[test]
    fn every_bank_holiday_in_the_calendars_has_a_welsh_name() {
        let welsh = Locale::built_in(Lang::Cy);
        for jurisdiction in Jurisdiction::ALL {
            let calendar = Calendar::of(jurisdiction);
            for year in 2020..=2030 {
                for holiday in calendar.holidays_in(year).holidays {
                    let key = format!("holiday-{}", slug(&holiday.name));
                    assert!(welsh.has(&key), "{key} ({})", holiday.name);
                }
            }
        }
        assert_eq!(slug("St Andrew’s Day"), "st-andrews-day");
        assert_eq!(
            slug("Battle of the Boyne (Orangemen’s Day)"),
            "battle-of-the-boyne-orangemens-day"
        );
    }
}
