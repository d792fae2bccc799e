//! The annual review's counts.

use chrono::NaiveDate;
use disputes_workflow::*;

use super::{Cast, command, on_both_databases, start, text, walk_to_the_end};
use crate::Count;

fn count(counts: &[Count], key: &str) -> u64 {
    counts.iter().find(|c| c.key == key).map_or(0, |c| c.count)
}

on_both_databases! {
    async fn the_outcome_report_counts_cases_deadlines_and_recommendations(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        walk_to_the_end(&db.store, &cast).await;
        let withdrawn = cast.raise(&db.store).await.reference;
        db.store
            .apply(&withdrawn, &command(&cast.raiser, Action::Withdraw { reason: text("Settled.") }, start()), None)
            .await
            .unwrap();
        cast.raise(&db.store).await;

        let calendar = Calendar::of(Jurisdiction::EnglandAndWales);
        let year = |y| (NaiveDate::from_ymd_opt(y, 1, 1).unwrap(), NaiveDate::from_ymd_opt(y, 12, 31).unwrap());
        let (from, to) = year(2026);
        let report = db.store.outcome_report(from, to, &calendar).await.unwrap();
        assert_eq!(report.cases, 3);
        assert_eq!(count(&report.by_outcome, "partly_upheld"), 1);
        assert_eq!(count(&report.by_outcome, "withdrawn"), 1);
        assert_eq!(count(&report.by_outcome, "open"), 1);
        assert_eq!(count(&report.by_stage_reached, "appeal"), 1);
        assert_eq!(count(&report.by_stage_reached, "informal"), 2);
        assert_eq!(count(&report.by_principle, "notice"), 3);
        assert_eq!(count(&report.by_principle, "funding_and_procurement"), 3);
        assert_eq!(count(&report.by_raising_sector, "vcs"), 3);
        assert_eq!(count(&report.by_respondent_grouping, "Local Government"), 3);
        assert_eq!(count(&report.by_appeal_result, "decision_confirmed"), 1);
        assert_eq!(count(&report.recommendations, "open"), 1);
        // The walked case met its six obligations on time (acknowledgement, acceptance,
        // response, decision, appeal panel, appeal decision); its informal-resolution
        // deadline was cancelled by the escalation and the withdrawn case's acknowledgement
        // by the withdrawal, which is neither met nor missed; the appeal window is not an
        // obligation.
        assert_eq!(count(&report.deadlines, "met"), 6);
        assert_eq!(report.deadlines.len(), 1);
        assert_eq!(report.share_of_deadlines_met, Some(1.0));
        let stages: Vec<&str> = report.stage_times.iter().map(|t| t.stage.as_str()).collect();
        assert_eq!(stages, ["informal", "formal", "appeal"]);
        // Informal: raised Monday 2 March, escalated Wednesday 4 March: 2 working days for the
        // walked case; the withdrawn one left on the day it was raised.
        assert_eq!(report.stage_times[0].spans, 2);
        assert!((report.stage_times[0].median_working_days - 1.0).abs() < f64::EPSILON);

        // Another year is empty.
        let (from, to) = year(2025);
        let empty = db.store.outcome_report(from, to, &calendar).await.unwrap();
        assert_eq!(empty.cases, 0);
        assert_eq!(empty.share_of_deadlines_met, None);
    }
}
