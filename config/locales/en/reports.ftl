## The annual review's outcomes and the recommendations tracker

outcomes-caption = Annual review of dispute handling
outcomes-title = Outcomes { $year }
outcomes-year = Year
outcomes-show = Show
outcomes-download = Download these figures (CSV)
outcomes-print = To send it to the Steering Group, print this page or save it as a PDF: it prints without the navigation.
outcomes-cases = Cases raised in { $year }
outcomes-met = Deadlines met on time
outcomes-about = Figures for { $compact }, counted on { $date }. Cases are counted in the year they were raised. No case is named: the figures are for the Steering Group and the annual review.
# $below is one less than $least: counts from 1 to $below are hidden.
outcomes-suppressed = Counts from 1 to { $below } are shown as "fewer than { $least }" (and, where one such count could be worked out from the others, the next smallest too), so that nobody can pick out a case.
outcomes-nothing = Nothing to count yet.
outcomes-cases-column = Cases
outcomes-median-column = Median working days
# A count too small to show.
outcomes-fewer = fewer than { $least }
outcomes-fewer-stays = fewer than { $least } stays
outcomes-median = { $median } (over { $stays } stays)
# After a number of days in a chart: "4.5 days".
outcomes-days = days
outcomes-none-ended = None ended yet
outcomes-too-few-ended = Too few ended to show ({ $fewer })
outcomes-by-principle = Cases by principle
outcomes-by-stage = Furthest stage reached
outcomes-by-outcome = Outcomes
outcomes-by-raising-sector = Who raised them, by sector
outcomes-by-raising-grouping = Who raised them, by grouping
outcomes-by-respondent-sector = Who they were raised with, by sector
outcomes-by-respondent-grouping = Who they were raised with, by grouping
outcomes-by-appeal = Appeals
outcomes-by-deadline = Deadlines
outcomes-by-recommendation = Recommendations
outcomes-stage-times = Median working days in each stage
outcomes-column-principle = Principle
outcomes-column-stage = Stage
outcomes-column-outcome = Outcome
outcomes-column-sector = Sector
outcomes-column-grouping = Grouping
outcomes-column-result = Result
outcomes-column-ended = How they ended
outcomes-column-status = Status

recommendations-lead = What the panels recommended in the cases you can see, and what became of it. Those still open after their day come first.
recommendations-for-organisation = For which organisation
recommendations-any-organisation = Any organisation
recommendations-year = Cases raised in
recommendations-any-year = Any year
recommendations-status = Status
recommendations-any-status = Any status
recommendations-show = Show recommendations
recommendations-download = Download all of these (CSV)
recommendations-count = { $open ->
    [yes] { $total ->
        [one] { $shown } open recommendation.
       *[other] { $shown } open recommendations.
    }
   *[no] { $total ->
        [one] { $shown } recommendation.
       *[other] { $shown } recommendations.
    }
}
recommendations-caption = Recommendations
recommendations-due = Due
recommendations-recommendation = Recommendation
recommendations-for = For
recommendations-case = Case
recommendations-marked-on = on { $date }
recommendations-overturned = The appeal overturned the decision.
recommendations-pages = Pages of recommendations
