//! What every list page shares: links to its other pages, a link to download it whole as
//! CSV, and the years it can be narrowed to.

use chrono::Datelike;
use serde::Serialize;

use super::cases::Choice;
use super::form::{FieldValue, Form};
use crate::state::AppState;

/// Links to the pages before and after a list's page, keeping the list's filters.
#[derive(Debug, Serialize)]
pub(crate) struct Pagination {
    /// This page's number, from 1.
    page_number: u64,
    /// How many pages there are, when known (beyond the count's cap the last page is not
    /// known, only that there is one after this).
    pages: Option<u64>,
    previous: Option<String>,
    next: Option<String>,
}

impl Pagination {
    /// The pages of `list` at `path`, whose filters are `form`'s.
    pub(crate) fn of<T: utoipa::ToSchema>(
        path: &str,
        form: &Form,
        list: &crate::use_cases::views::PageView<T>,
    ) -> Pagination {
        let pages = (!list.total_capped).then(|| list.total.div_ceil(list.per_page).max(1));
        let link = |to: u64| {
            let mut pairs: Vec<(String, String)> = form
                .values()
                .into_iter()
                .filter(|(name, _)| name != "page" && name != "done")
                .filter_map(|(name, value)| match value {
                    FieldValue::One(v) => Some((name, v)),
                    FieldValue::Many(_) => None,
                })
                .collect();
            pairs.push(("page".to_owned(), to.to_string()));
            let query: String = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            format!("{path}?{query}")
        };
        Pagination {
            page_number: list.page,
            pages,
            previous: (list.page > 1).then(|| link(list.page - 1)),
            next: pages
                .is_none_or(|pages| list.page < pages)
                .then(|| link(list.page + 1)),
        }
    }
}

/// The query that narrows a list as `form` does, without its page, format or the banner's
/// `done`: what a saved list keeps.
pub(crate) fn narrowing(form: &Form) -> String {
    crate::use_cases::saved::narrowing(
        form.pairs()
            .iter()
            .filter(|(name, _)| name != "done")
            .map(|(name, value)| (name.as_str(), value.as_str())),
    )
}

/// The link that downloads the whole list at `path`, narrowed as `form` narrows this page,
/// as CSV.
pub(crate) fn download_link(path: &str, form: &Form) -> String {
    match narrowing(form).as_str() {
        "" => format!("{path}?format=csv"),
        query => format!("{path}?{query}&format=csv"),
    }
}

/// How many years back a list's year filter offers.
const YEARS_OFFERED: i32 = 10;

/// This year and the years before it, for a list's year filter, newest first.
pub(crate) fn recent_years(state: &AppState) -> Vec<Choice> {
    let this_year = state.settings.compact.today(state.clock.now()).year();
    (0..YEARS_OFFERED)
        .map(|back| (this_year - back).to_string())
        .map(|year| Choice::labelled(year.clone(), year))
        .collect()
}
