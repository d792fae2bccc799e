//! The notice and consultation rules, with DOMAIN.md's worked dates.

use chrono::{Days, NaiveDate};
use disputes_workflow::Text;
use disputes_workflow::rules::RuleError;
use disputes_workflow::rules::consultation::{
    ConsultationFacts, ConsultationVerdict, assess_consultation,
};
use disputes_workflow::rules::notice::{NoticeDates, assess_notice, notice_ends_on};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dates(notified: &str, effective: &str, defined_end: Option<&str>) -> NoticeDates {
    NoticeDates {
        notified_on: d(notified),
        effective_on: d(effective),
        defined_end_on: defined_end.map(d),
    }
}

#[test]
fn notice_ends_on_the_corresponding_date_or_the_months_last_day() {
    let cases = [
        ("2026-11-30", "2027-02-28"),
        ("2026-01-31", "2026-04-30"),
        ("2028-02-29", "2028-05-29"),
        ("2027-11-30", "2028-02-29"),
        ("2026-08-31", "2026-11-30"),
        ("2026-03-16", "2026-06-16"),
        ("2026-12-31", "2027-03-31"),
    ];
    for (notified, ends) in cases {
        assert_eq!(
            notice_ends_on(d(notified), 3),
            Ok(d(ends)),
            "notice on {notified}"
        );
    }
}

#[test]
fn a_change_on_the_last_day_of_notice_keeps_the_compact() {
    let a = assess_notice(&dates("2026-03-02", "2026-06-02", None), 3, None).unwrap();
    assert!(a.compliant && !a.exempt);
    assert_eq!(a.days_short, 0);
    assert_eq!(a.earliest_compliant_effective_on, d("2026-06-02"));
    assert_eq!(
        a.explanation,
        "Notice was given on Monday 2 March 2026, so three months' notice ran to Tuesday 2 June \
         2026. The change takes effect on Tuesday 2 June 2026, on or after that date: the \
         Compact's three months' notice was kept."
    );
}

#[test]
fn a_change_one_day_early_breaks_it_by_one_day() {
    let a = assess_notice(&dates("2026-03-02", "2026-06-01", None), 3, None).unwrap();
    assert!(!a.compliant);
    assert_eq!(a.days_short, 1);
    assert!(
        a.explanation
            .contains("1 day before the notice period ends"),
        "{}",
        a.explanation
    );
}

#[test]
fn the_two_weeks_notice_of_the_mission_statement() {
    use disputes_workflow::rules::notice::{ChangeKind, Instrument};
    let a = assess_notice(
        &dates("2026-03-16", "2026-03-30", None),
        3,
        Some((ChangeKind::Cessation, Instrument::Grant)),
    )
    .unwrap();
    assert!(!a.compliant);
    assert_eq!(a.notice_ends_on, d("2026-06-16"));
    assert_eq!(a.days_short, 78);
    assert_eq!(
        a.explanation,
        "Notice was given on Monday 16 March 2026, so three months' notice ran to Tuesday 16 June \
         2026. The end of the grant takes effect on Monday 30 March 2026, 78 days before the \
         notice period ends. The Compact's three months' notice was not kept. The earliest date \
         the change could lawfully take effect is Tuesday 16 June 2026."
    );
}

#[test]
fn a_defined_end_date_exempts_a_change_on_or_after_it_only() {
    let on_the_day = assess_notice(
        &dates("2026-03-16", "2026-03-31", Some("2026-03-31")),
        3,
        None,
    )
    .unwrap();
    assert!(on_the_day.exempt && on_the_day.compliant);
    assert_eq!(on_the_day.days_short, 0);
    assert!(on_the_day.explanation.contains("does not apply"));

    let after = assess_notice(
        &dates("2026-03-16", "2026-04-30", Some("2026-03-31")),
        3,
        None,
    );
    assert!(after.unwrap().exempt);

    let before = assess_notice(
        &dates("2026-03-16", "2026-03-30", Some("2026-03-31")),
        3,
        None,
    )
    .unwrap();
    assert!(!before.exempt && !before.compliant);
    assert_eq!(before.days_short, 78);
    assert!(before.explanation.contains("does not help"));
}

#[test]
fn notice_given_after_the_change_is_no_notice_at_all() {
    let a = assess_notice(&dates("2026-04-10", "2026-04-01", None), 3, None).unwrap();
    assert!(!a.compliant);
    assert_eq!(a.days_short, (d("2026-07-10") - d("2026-04-01")).num_days());
    assert!(
        a.explanation.contains("no advance notice at all"),
        "{}",
        a.explanation
    );
    let same_day = assess_notice(&dates("2026-04-01", "2026-04-01", None), 3, None).unwrap();
    assert_eq!(same_day.days_short, 91, "the whole period is short");
}

#[test]
fn the_number_of_months_is_the_compacts_setting() {
    let a = assess_notice(&dates("2026-01-31", "2026-06-30", None), 6, None).unwrap();
    assert_eq!(a.notice_ends_on, d("2026-07-31"));
    assert_eq!(a.required_months, 6);
    assert_eq!(a.days_short, 31);
    assert!(a.explanation.contains("six months' notice"));
}

#[test]
fn dates_beyond_the_calendar_are_an_error_not_a_panic() {
    let far = NoticeDates {
        notified_on: NaiveDate::MAX,
        effective_on: NaiveDate::MAX,
        defined_end_on: None,
    };
    assert_eq!(
        assess_notice(&far, 3, None),
        Err(RuleError::OutOfRange {
            field: "notified_on"
        })
    );
    // A notice period ending after 9999 has no ISO 8601 date to answer with.
    assert_eq!(
        notice_ends_on(d("9999-12-31"), 3),
        Err(RuleError::OutOfRange {
            field: "notified_on"
        })
    );
}

fn consultation(opened: &str, closes: &str, reason: Option<&str>) -> ConsultationFacts {
    ConsultationFacts {
        opened_on: d(opened),
        closes_on: d(closes),
        shortened_reason: reason.map(|r| Text::parse(r).unwrap()),
    }
}

#[test]
fn twelve_weeks_from_the_first_of_march_is_the_twenty_fourth_of_may() {
    let a = assess_consultation(&consultation("2026-03-01", "2026-05-24", None), 12).unwrap();
    assert!(a.compliant);
    assert_eq!(a.verdict, ConsultationVerdict::Compliant);
    assert_eq!(a.length_days, 84);
    assert_eq!(a.shortfall_days, 0);

    let short = assess_consultation(&consultation("2026-03-01", "2026-05-23", None), 12).unwrap();
    assert!(!short.compliant);
    assert_eq!(short.verdict, ConsultationVerdict::Breach);
    assert_eq!(short.shortfall_days, 1);
    assert_eq!(
        short.explanation,
        "The consultation opened on Sunday 1 March 2026 and closes on Saturday 23 May 2026: 83 \
         days. That is 1 day short of the Compact's twelve weeks (84 days), and no reason for \
         the shorter consultation was given: the Compact was not kept."
    );
}

#[test]
fn a_shortened_consultation_with_a_reason_keeps_the_compact() {
    let a = assess_consultation(
        &consultation(
            "2026-03-01",
            "2026-04-26",
            Some("Statutory deadline for the budget"),
        ),
        12,
    )
    .unwrap();
    assert!(a.compliant);
    assert_eq!(a.verdict, ConsultationVerdict::ShortenedWithExplanation);
    assert_eq!(a.length_days, 56);
    assert_eq!(a.shortfall_days, 28);
    assert!(
        a.explanation
            .contains("a reason for the shorter consultation was given")
    );
}

#[test]
fn a_consultation_closing_before_it_opens_is_refused() {
    let result = assess_consultation(&consultation("2026-03-10", "2026-03-01", None), 12);
    assert!(matches!(
        result,
        Err(RuleError::Inconsistent {
            field: "closes_on",
            ..
        })
    ));
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // 1900 to about 2200.
    (0u64..110_000).prop_map(|n| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Days::new(n))
}

proptest! {
    #[test]
    fn notice_never_ends_before_it_is_given(notified in any_date(), months in 1u32..=24) {
        let ends = notice_ends_on(notified, months).unwrap();
        prop_assert!(ends > notified);
        // Never more than the calendar months' worth of days.
        prop_assert!((ends - notified).num_days() <= i64::from(months) * 31);
    }

    #[test]
    fn notice_end_is_monotonic_in_the_notice_date(a in any_date(), b in any_date(), months in 1u32..=24) {
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(notice_ends_on(early, months).unwrap() <= notice_ends_on(late, months).unwrap());
    }

    #[test]
    fn compliance_is_exactly_effective_on_or_after_the_end_or_exempt(
        notified in any_date(),
        effective in any_date(),
        defined_end in proptest::option::of(any_date()),
    ) {
        let dates = NoticeDates { notified_on: notified, effective_on: effective, defined_end_on: defined_end };
        let a = assess_notice(&dates, 3, None).unwrap();
        let exempt = defined_end.is_some_and(|end| effective >= end);
        prop_assert_eq!(a.exempt, exempt);
        prop_assert_eq!(a.compliant, exempt || effective >= a.notice_ends_on);
        prop_assert_eq!(a.days_short == 0, a.compliant);
        if !a.compliant {
            prop_assert_eq!(a.days_short, (a.notice_ends_on - effective).num_days());
        }
        prop_assert!(!a.explanation.is_empty());
    }

    #[test]
    fn a_consultation_is_compliant_from_eighty_four_days(opened in any_date(), length in 0u64..200) {
        let facts = ConsultationFacts {
            opened_on: opened,
            closes_on: opened + Days::new(length),
            shortened_reason: None,
        };
        let a = assess_consultation(&facts, 12).unwrap();
        prop_assert_eq!(a.compliant, length >= 84);
        prop_assert_eq!(a.shortfall_days, (84 - i64::try_from(length).unwrap()).max(0));
    }
}
