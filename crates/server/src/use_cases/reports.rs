//! The outcome report as a person may see it: exact for the chair and the facilitator,
//! small counts suppressed and short periods refused for champions; and the tracker of
//! recommendations, as a list and as CSV.

use chrono::{Months, NaiveDate};
use disputes_store::{Count, OutcomeReport, RecommendationFilter};
use disputes_workflow::{OrganisationId, RecommendationStatus, Role};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::directory::Paging;
use super::views::{PageAt, PageView, every_item};
use crate::auth::Viewer;
use crate::problem::{ApiError, says};
use crate::state::AppState;

/// A count, or the fact that it is too small to show.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountView {
    /// What was counted.
    pub key: String,
    /// How many; `null` when `suppressed`.
    pub count: Option<u64>,
    /// Whether the count was left out because it is small enough to pick out a case (or
    /// would reveal one that is).
    pub suppressed: bool,
}

/// Working days spent in a stage.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageTimeView {
    /// The stage.
    pub stage: String,
    /// Stays measured; `null` when `suppressed`.
    pub spans: Option<u64>,
    /// The median stay in working days; `null` when `suppressed`.
    pub median_working_days: Option<f64>,
    /// Whether the figures were left out because too few stays were measured.
    pub suppressed: bool,
}

/// Outcomes of the cases raised in a period.
///
/// For those outside the Compact's oversight (champions), every count from 1 to
/// `min_cell - 1` is suppressed (`null`, with `suppressed: true`), and where that would
/// leave a single suppressed count in a list (which the others would give away), the next
/// smallest is suppressed too. The subgroup chair and the facilitator see exact figures.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeReportView {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The smallest count shown; smaller ones are suppressed (1: nothing is).
    pub min_cell: u32,
    /// Whether any figure was suppressed.
    pub suppressed: bool,
    /// Cases raised; `null` when there were too few to show.
    pub cases: Option<u64>,
    /// By outcome (`open` while not closed).
    pub by_outcome: Vec<CountView>,
    /// By stage reached.
    pub by_stage_reached: Vec<CountView>,
    /// By principle.
    pub by_principle: Vec<CountView>,
    /// By the raising side's sector.
    pub by_raising_sector: Vec<CountView>,
    /// By the raising side's grouping.
    pub by_raising_grouping: Vec<CountView>,
    /// By the respondent's sector.
    pub by_respondent_sector: Vec<CountView>,
    /// By the respondent's grouping.
    pub by_respondent_grouping: Vec<CountView>,
    /// By appeal result.
    pub by_appeal_result: Vec<CountView>,
    /// Obligations by how they ended.
    pub deadlines: Vec<CountView>,
    /// Share of ended obligations met on time; `null` when none ended, or too few to show.
    pub share_of_deadlines_met: Option<f64>,
    /// Recommendations by status.
    pub recommendations: Vec<CountView>,
    /// Median working days per stage.
    pub stage_times: Vec<StageTimeView>,
}

/// Whether a count is small enough to pick out a case: from 1 to `min_cell - 1`.
fn too_small(count: u64, min_cell: u32) -> bool {
    count > 0 && count < u64::from(min_cell)
}

/// A list of counts with the small ones suppressed, and, when that leaves exactly one
/// suppressed, the next smallest too, so that no one can work the small one out from the
/// total. Gives whether any was suppressed.
fn counts(list: Vec<Count>, min_cell: u32) -> (Vec<CountView>, bool) {
    let mut views: Vec<CountView> = list
        .into_iter()
        .map(|c| CountView {
            suppressed: too_small(c.count, min_cell),
            key: c.key,
            count: Some(c.count),
        })
        .collect();
    if views.iter().filter(|v| v.suppressed).count() == 1 {
        let next = views
            .iter_mut()
            .filter(|v| !v.suppressed)
            .min_by_key(|v| v.count);
        if let Some(next) = next {
            next.suppressed = true;
        }
    }
    let mut any = false;
    for view in &mut views {
        if view.suppressed {
            view.count = None;
            any = true;
        }
    }
    (views, any)
}

impl OutcomeReportView {
    /// The report as someone sees it who is shown counts of at least `min_cell` (1 shows
    /// every count).
    pub fn new(r: OutcomeReport, min_cell: u32) -> Self {
        let mut suppressed = false;
        let mut list = |counted: Vec<Count>| {
            let (views, any) = counts(counted, min_cell);
            suppressed |= any;
            views
        };
        let by_outcome = list(r.by_outcome);
        let by_stage_reached = list(r.by_stage_reached);
        let by_principle = list(r.by_principle);
        let by_raising_sector = list(r.by_raising_sector);
        let by_raising_grouping = list(r.by_raising_grouping);
        let by_respondent_sector = list(r.by_respondent_sector);
        let by_respondent_grouping = list(r.by_respondent_grouping);
        let by_appeal_result = list(r.by_appeal_result);
        let ended: u64 = r.deadlines.iter().map(|c| c.count).sum();
        let deadlines = list(r.deadlines);
        let recommendations = list(r.recommendations);
        let share_hidden = too_small(ended, min_cell);
        let stage_times: Vec<StageTimeView> = r
            .stage_times
            .into_iter()
            .map(|t| {
                let hidden = too_small(t.spans, min_cell);
                StageTimeView {
                    stage: t.stage,
                    spans: (!hidden).then_some(t.spans),
                    median_working_days: (!hidden).then_some(t.median_working_days),
                    suppressed: hidden,
                }
            })
            .collect();
        let cases_hidden = too_small(r.cases, min_cell);
        suppressed |= share_hidden || cases_hidden || stage_times.iter().any(|t| t.suppressed);
        OutcomeReportView {
            from: r.from,
            to: r.to,
            min_cell,
            suppressed,
            cases: (!cases_hidden).then_some(r.cases),
            by_outcome,
            by_stage_reached,
            by_principle,
            by_raising_sector,
            by_raising_grouping,
            by_respondent_sector,
            by_respondent_grouping,
            by_appeal_result,
            deadlines,
            share_of_deadlines_met: r.share_of_deadlines_met.filter(|_| !share_hidden),
            recommendations,
            stage_times,
        }
    }
}

/// The outcome report of `from` to `to` as `viewer` may see it: the API's and the outcomes
/// page's. The subgroup chair and the facilitator see exact figures for any period;
/// anyone else (a champion) sees small counts suppressed, and only for periods of at least
/// a calendar quarter, so that no case can be picked out by narrowing the dates.
pub async fn report(
    state: &AppState,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<OutcomeReportView, ApiError> {
    if from > to {
        return Err(ApiError::invalid_field(
            "to",
            says("field-not-before-from", Vec::new()),
        ));
    }
    let exact = viewer.has_any(&[Role::Chair, Role::Facilitator]);
    let quarter_ends = from
        .checked_add_months(Months::new(3))
        .and_then(|d| d.pred_opt());
    if !exact && quarter_ends.is_none_or(|end| to < end) {
        return Err(ApiError::invalid_field(
            "to",
            says("field-a-quarter-after-from", Vec::new()),
        ));
    }
    let calendar = state.settings.compact.calendar();
    let report = state.store.outcome_report(from, to, &calendar).await?;
    let min_cell = if exact {
        1
    } else {
        state.settings.reports.min_cell
    };
    Ok(OutcomeReportView::new(report, min_cell))
}

/// Which recommendations the tracker lists: the API's query and the page's form alike.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RecommendationQuery {
    /// `open`, `implemented` or `not_implemented`; all of them when left out.
    pub status: Option<RecommendationStatus>,
    /// Only those for this organisation to carry out.
    pub organisation_id: Option<i64>,
    /// Only those of cases raised in this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// From 1.
    pub page: Option<u64>,
    /// At most 100.
    pub per_page: Option<u64>,
}

/// A recommendation as the tracker lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TrackedRecommendationView {
    /// Its id, for marking it (once the case is closed).
    pub id: i64,
    /// The case it came from.
    pub reference: String,
    /// What should be done.
    pub text: String,
    /// By whom.
    pub owner_organisation_id: i64,
    /// By whom, by name.
    pub owner_organisation_name: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Whether it was done.
    pub status: RecommendationStatus,
    /// Whether it is still open after its day.
    pub overdue: bool,
    /// When it was marked.
    pub marked_on: Option<NaiveDate>,
}

/// The years the tracker can be narrowed to.
pub const TRACKED_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The recommendations of the cases `viewer` may see, narrowed by `query`: those still open
/// after their day first, then by due date.
pub async fn recommendations(
    state: &AppState,
    viewer: &Viewer,
    query: &RecommendationQuery,
) -> Result<PageView<TrackedRecommendationView>, ApiError> {
    if query
        .year
        .is_some_and(|year| !TRACKED_YEARS.contains(&year))
    {
        return Err(ApiError::invalid_field(
            "year",
            says("field-a-year", Vec::new()),
        ));
    }
    let filter = RecommendationFilter {
        status: query.status,
        owner_organisation_id: query.organisation_id.map(OrganisationId),
        year: query.year,
    };
    let today = state.settings.compact.today(state.clock.now());
    let paging = Paging {
        page: query.page,
        per_page: query.per_page,
    };
    let page = state
        .store
        .recommendations(viewer.person(), &filter, today, paging.request())
        .await?;
    Ok(PageView::of(page, |r| TrackedRecommendationView {
        overdue: r.status == RecommendationStatus::Open && r.due_on < today,
        id: r.id,
        reference: r.reference,
        text: r.text,
        owner_organisation_id: r.owner_organisation_id.0,
        owner_organisation_name: r.owner_organisation_name,
        due_on: r.due_on,
        status: r.status,
        marked_on: r.marked_on,
    }))
}

/// The outcome report as CSV: a line for each count, its headers in `locale`'s words.
pub fn outcomes_csv(view: &OutcomeReportView, locale: &disputes_i18n::Locale) -> String {
    let mut out = crate::csv::header(locale, &["dimension", "key", "count"]);
    let fewer = locale.text("outcomes-fewer", &[("least", view.min_cell.into())]);
    let shown = |count: Option<u64>| count.map_or_else(|| fewer.clone(), |n| n.to_string());
    let sections: [(&str, &Vec<CountView>); 10] = [
        ("outcome", &view.by_outcome),
        ("stage_reached", &view.by_stage_reached),
        ("principle", &view.by_principle),
        ("raising_sector", &view.by_raising_sector),
        ("raising_grouping", &view.by_raising_grouping),
        ("respondent_sector", &view.by_respondent_sector),
        ("respondent_grouping", &view.by_respondent_grouping),
        ("appeal_result", &view.by_appeal_result),
        ("deadline", &view.deadlines),
        ("recommendation", &view.recommendations),
    ];
    out.push_str(&format!("cases,all,{}\n", shown(view.cases)));
    for (dimension, rows) in sections {
        for row in rows {
            out.push_str(&format!(
                "{dimension},{},{}\n",
                crate::csv::field(&row.key),
                shown(row.count)
            ));
        }
    }
    for time in &view.stage_times {
        let median = time
            .median_working_days
            .map_or_else(|| fewer.clone(), |m| m.to_string());
        out.push_str(&format!(
            "median_working_days,{},{median}\n",
            crate::csv::field(&time.stage),
        ));
    }
    out
}

/// Every recommendation `query` narrows to (not one page), as CSV: a line each, in the
/// tracker's order.
pub async fn recommendations_csv(
    state: &AppState,
    viewer: &Viewer,
    query: RecommendationQuery,
    locale: &disputes_i18n::Locale,
) -> Result<String, ApiError> {
    let mut out = crate::csv::header(
        locale,
        &[
            "reference",
            "organisation",
            "recommendation",
            "due_on",
            "status",
            "overdue",
            "marked_on",
        ],
    );
    // The tracker gives no cursor, so it is only ever asked for a page by its number.
    let all = every_item(|at, per_page| {
        let number = match at {
            PageAt::Number(number) => number,
            PageAt::Cursor(_) => 1,
        };
        let page = RecommendationQuery {
            page: Some(number),
            per_page: Some(per_page),
            ..query.clone()
        };
        async move { recommendations(state, viewer, &page).await }
    })
    .await?;
    for r in &all {
        let (due_on, marked_on) = (r.due_on.to_string(), r.marked_on.map(|d| d.to_string()));
        let status = disputes_store::spelled(&r.status);
        out.push_str(&crate::csv::line([
            r.reference.as_str(),
            r.owner_organisation_name.as_str(),
            r.text.as_str(),
            due_on.as_str(),
            status.as_str(),
            if r.overdue { "yes" } else { "no" },
            marked_on.as_deref().unwrap_or_default(),
        ]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed_and_never_left_alone() {
        let count = |key: &str, count| Count {
            key: key.to_owned(),
            count,
        };
        // One small count would be given away by the total: the next smallest goes too.
        let (views, any) = counts(
            vec![
                count("upheld", 12),
                count("withdrawn", 7),
                count("not_upheld", 2),
            ],
            5,
        );
        assert!(any);
        let shown: Vec<Option<u64>> = views.iter().map(|v| v.count).collect();
        assert_eq!(shown, [Some(12), None, None]);
        assert!(views[1].suppressed && views[2].suppressed);
        // Two small ones hide each other; a count of 0 hides nothing.
        let (views, _) = counts(
            vec![count("a", 9), count("b", 3), count("c", 1), count("d", 0)],
            5,
        );
        let shown: Vec<Option<u64>> = views.iter().map(|v| v.count).collect();
        assert_eq!(shown, [Some(9), None, None, Some(0)]);
        // With a minimum of 1 (the chair and the facilitator), nothing is suppressed.
        let (views, any) = counts(vec![count("a", 1)], 1);
        assert!(!any && views[0].count == Some(1));
    }
}
