//! The standard rules for UK bank holidays, used beyond the shipped tables.
//!
//! They compute what the tables would say in an ordinary year: Easter by the Gregorian
//! computus, the Monday holidays of May and August, and a substitute weekday for a fixed
//! holiday that falls on a weekend. They cannot know one-off days (a jubilee, a state
//! funeral), which is why dates beyond the tables carry a warning.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::{Holiday, Jurisdiction};

/// The bank holidays of `year` in `jurisdiction` by the standard rules, sorted by date.
/// Empty for years chrono cannot represent.
pub(super) fn computed_year(jurisdiction: Jurisdiction, year: i32) -> Vec<Holiday> {
    computed(jurisdiction, year).unwrap_or_default()
}

fn computed(jurisdiction: Jurisdiction, year: i32) -> Option<Vec<Holiday>> {
    let date = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let mut fixed = vec![(date(1, 1)?, "New Year’s Day")];
    if jurisdiction == Jurisdiction::Scotland {
        fixed.push((date(1, 2)?, "2nd January"));
    }
    if jurisdiction == Jurisdiction::NorthernIreland {
        fixed.push((date(3, 17)?, "St Patrick’s Day"));
        fixed.push((date(7, 12)?, "Battle of the Boyne (Orangemen’s Day)"));
    }
    if jurisdiction == Jurisdiction::Scotland {
        fixed.push((date(11, 30)?, "St Andrew’s Day"));
    }
    fixed.push((date(12, 25)?, "Christmas Day"));
    fixed.push((date(12, 26)?, "Boxing Day"));

    let easter = easter_sunday(year)?;
    let mut moving = vec![(easter.checked_sub_days(Days::new(2))?, "Good Friday")];
    if jurisdiction != Jurisdiction::Scotland {
        moving.push((easter.checked_add_days(Days::new(1))?, "Easter Monday"));
    }
    moving.push((first_monday(year, 5)?, "Early May bank holiday"));
    moving.push((last_monday(year, 5)?, "Spring bank holiday"));
    let summer = if jurisdiction == Jurisdiction::Scotland {
        first_monday(year, 8)?
    } else {
        last_monday(year, 8)?
    };
    moving.push((summer, "Summer bank holiday"));

    let mut holidays: Vec<Holiday> = moving
        .iter()
        .chain(fixed.iter().filter(|(d, _)| !is_weekend(*d)))
        .map(|&(date, name)| Holiday::regular(date, name))
        .collect();
    // Each fixed holiday on a weekend moves to the next weekday that is not already a
    // holiday, in date order: so Christmas on a Saturday is kept on Monday the 27th and
    // Boxing Day on Tuesday the 28th.
    for &(date, name) in fixed.iter().filter(|(d, _)| is_weekend(*d)) {
        let mut substitute = date;
        while is_weekend(substitute) || holidays.iter().any(|h| h.date == substitute) {
            substitute = substitute.succ_opt()?;
        }
        holidays.push(Holiday::substitute(substitute, name));
    }
    holidays.sort_by_key(|h| h.date);
    Some(holidays)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut day = first_of_next.pred_opt()?;
    while day.weekday() != Weekday::Mon {
        day = day.pred_opt()?;
    }
    Some(day)
}

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus, Jones, Butcher).
pub(super) fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_matches_known_dates() {
        let known = [
            (2015, 4, 5),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
            (2285, 3, 22),
        ];
        for (year, month, day) in known {
            assert_eq!(
                easter_sunday(year),
                NaiveDate::from_ymd_opt(year, month, day),
                "{year}"
            );
        }
    }

    #[test]
    fn christmas_on_a_saturday_moves_both_days() {
        // 2032: Christmas Saturday, Boxing Day Sunday.
        let days = computed_year(Jurisdiction::EnglandAndWales, 2032);
        let december: Vec<_> = days.iter().filter(|h| h.date.month() == 12).collect();
        assert_eq!(december.len(), 2);
        assert_eq!(
            december[0].date,
            NaiveDate::from_ymd_opt(2032, 12, 27).unwrap()
        );
        assert!(december[0].substitute && december[0].name == "Christmas Day");
        assert_eq!(
            december[1].date,
            NaiveDate::from_ymd_opt(2032, 12, 28).unwrap()
        );
    }
}
