//! The annual review for champions, the chair and the facilitator: cases by principle,
//! stage reached, outcome, sector and grouping; time in each stage; deadlines met;
//! recommendations. Charts and tables, a CSV download, and a page that prints as it is.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use disputes_workflow::Role;
use serde::Serialize;

use super::charts::bar_chart;
use super::chrome::Page;
use super::form::{Fields, Form};
use crate::labels;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::reports::{CountView, OutcomeReportView, report};

/// One chart and its table.
#[derive(Debug, Serialize)]
struct Section {
    id: &'static str,
    title: &'static str,
    column: &'static str,
    rows: Vec<(String, String)>,
    svg: String,
}

fn section(
    id: &'static str,
    title: &'static str,
    column: &'static str,
    counts: &[CountView],
    label: impl Fn(&str) -> String,
    fewer: &str,
) -> Section {
    let rows: Vec<(String, Option<f64>)> = counts
        .iter()
        .map(|c| (label(&c.key), c.count.map(|n| n as f64)))
        .collect();
    Section {
        id,
        title,
        column,
        svg: bar_chart(&rows, "", fewer),
        rows: counts
            .iter()
            .map(|c| {
                let count = c.count.map_or_else(|| fewer.to_owned(), |n| n.to_string());
                (label(&c.key), count)
            })
            .collect(),
    }
}

/// `GET /outcomes?year=`.
pub(crate) async fn outcomes(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Champion, Role::Chair, Role::Facilitator])?;
    let today = state.settings.compact.today(state.clock.now());
    let form = Form::parse(query.unwrap_or_default().as_bytes());
    let mut fields = Fields::new(&form);
    let year = fields.number::<i32>("year", false).unwrap_or(today.year());
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(ApiError::invalid_field("year", "is not a year"));
    };
    if !fields.errors.is_empty() || !(2000..=2100).contains(&year) {
        return Err(ApiError::invalid_field("year", "must be a year, like 2026"));
    }
    let view: OutcomeReportView = report(&state, viewer, from, to).await?;
    let fewer = format!("fewer than {}", view.min_cell);
    let section = |id, title, column, counts: &[CountView], label: &dyn Fn(&str) -> String| {
        section(id, title, column, counts, label, &fewer)
    };
    let same = &|key: &str| key.to_owned();
    let choice = &|key: &str| labels::choice(&page.locale, key);
    let principle = &|key: &str| labels::principle(&page.locale, key);
    let sections = vec![
        section(
            "principle",
            "Cases by principle",
            "Principle",
            &view.by_principle,
            principle,
        ),
        section(
            "stage",
            "Furthest stage reached",
            "Stage",
            &view.by_stage_reached,
            choice,
        ),
        section("outcome", "Outcomes", "Outcome", &view.by_outcome, choice),
        section(
            "raising-sector",
            "Who raised them, by sector",
            "Sector",
            &view.by_raising_sector,
            choice,
        ),
        section(
            "raising-grouping",
            "Who raised them, by grouping",
            "Grouping",
            &view.by_raising_grouping,
            same,
        ),
        section(
            "respondent-sector",
            "Who they were raised with, by sector",
            "Sector",
            &view.by_respondent_sector,
            choice,
        ),
        section(
            "respondent-grouping",
            "Who they were raised with, by grouping",
            "Grouping",
            &view.by_respondent_grouping,
            same,
        ),
        section(
            "appeal",
            "Appeals",
            "Result",
            &view.by_appeal_result,
            choice,
        ),
        section(
            "deadlines",
            "Deadlines",
            "How they ended",
            &view.deadlines,
            choice,
        ),
        section(
            "recommendations",
            "Recommendations",
            "Status",
            &view.recommendations,
            choice,
        ),
    ];
    let times: Vec<(String, Option<f64>)> = view
        .stage_times
        .iter()
        .map(|t| {
            (
                labels::choice(&page.locale, &t.stage),
                t.median_working_days,
            )
        })
        .collect();
    let too_few = format!("fewer than {} stays", view.min_cell);
    let stage_times = Section {
        id: "time",
        title: "Median working days in each stage",
        column: "Stage",
        svg: bar_chart(&times, " days", &too_few),
        rows: view
            .stage_times
            .iter()
            .map(|t| {
                let figure = match (t.median_working_days, t.spans) {
                    (Some(median), Some(spans)) => format!("{median:.1} (over {spans} stays)"),
                    _ => too_few.clone(),
                };
                (labels::choice(&page.locale, &t.stage), figure)
            })
            .collect(),
    };
    let met = match view.share_of_deadlines_met {
        Some(share) => format!("{:.0}%", share * 100.0),
        None if view.deadlines.is_empty() => "None ended yet".to_owned(),
        None => format!("Too few ended to show ({fewer})"),
    };
    let years: Vec<i32> = (today.year() - 5..=today.year()).rev().collect();
    let csv = format!("/api/v1/reports/outcomes?from={from}&to={to}&format=csv");
    page.ok(
        "outcomes.html",
        page_context! {
            title => format!("Outcomes {year}"),
            section => "outcomes",
            year,
            years,
            cases => view.cases.map_or_else(|| fewer.clone(), |n| n.to_string()),
            suppressed => view.suppressed,
            min_cell => view.min_cell,
            sections,
            stage_times,
            met,
            csv,
            today,
        },
    )
}
