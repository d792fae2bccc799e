//! Dates as each language writes them. Welsh month and day names are the CLDR ones; a date
//! is always a number before the month ("9 Mawrth 2026"), so no word around it mutates.

use chrono::{Datelike, NaiveDate};

use crate::Lang;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_CY: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];
const SHORT_MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const SHORT_MONTHS_CY: [&str; 12] = [
    "Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag",
];
/// Monday first, as `Weekday::num_days_from_monday` counts.
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DAYS_CY: [&str; 7] = [
    "Dydd Llun",
    "Dydd Mawrth",
    "Dydd Mercher",
    "Dydd Iau",
    "Dydd Gwener",
    "Dydd Sadwrn",
    "Dydd Sul",
];

impl Lang {
    /// A date the way a letter gives it: "Monday 9 March 2026", "Dydd Llun 9 Mawrth 2026".
    pub fn long_date(self, date: NaiveDate) -> String {
        let (days, months) = match self {
            Lang::En => (DAYS_EN, MONTHS_EN),
            Lang::Cy => (DAYS_CY, MONTHS_CY),
        };
        format!(
            "{} {} {} {}",
            days[date.weekday().num_days_from_monday() as usize],
            date.day(),
            months[date.month0() as usize],
            date.year()
        )
    }

    /// A date for a table's narrow column: "9 Mar 2026", "9 Maw 2026".
    pub fn short_date(self, date: NaiveDate) -> String {
        let months = match self {
            Lang::En => SHORT_MONTHS_EN,
            Lang::Cy => SHORT_MONTHS_CY,
        };
        format!(
            "{} {} {}",
            date.day(),
            months[date.month0() as usize],
            date.year()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn english_dates_match_the_workflow_calendar() {
        for text in ["2026-03-09", "2026-12-25", "2027-02-28", "2028-02-29"] {
            let date = day(text);
            assert_eq!(Lang::En.long_date(date), disputes_long_date(date), "{text}");
            assert_eq!(
                Lang::En.short_date(date),
                date.format("%-d %b %Y").to_string()
            );
        }
    }

    fn disputes_long_date(date: NaiveDate) -> String {
        date.format("%A %-d %B %Y").to_string()
    }

    #[test]
    fn welsh_dates_use_welsh_names() {
        assert_eq!(
            Lang::Cy.long_date(day("2026-03-09")),
            "Dydd Llun 9 Mawrth 2026"
        );
        assert_eq!(
            Lang::Cy.long_date(day("2026-12-11")),
            "Dydd Gwener 11 Rhagfyr 2026"
        );
        assert_eq!(
            Lang::Cy.long_date(day("2027-01-03")),
            "Dydd Sul 3 Ionawr 2027"
        );
        assert_eq!(Lang::Cy.short_date(day("2026-07-01")), "1 Gorff 2026");
    }
}
