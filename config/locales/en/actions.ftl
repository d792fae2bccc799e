## The form for a step on a case. Each field of each action is named
## "action-{action}-{field}", with "-hint" for what the form says under it and, for a choice,
## "-choose" for what to say when it is left out.

action-back = Back to the case
action-cancel = Cancel
action-conflict = You work for { $organisation }, one of the parties to this case. If you go on, the case records that you took this step while working for a party, and everyone on the case can see that.
action-stale = Someone else has acted on this case since you opened this page. Check the case, then try again.
action-note = A note for the timeline (optional)
action-note-hint = Everyone who can see the case can read it.
action-note-named = The note
# The note's question when the answers are checked before a step that cannot be undone.
action-note-question = A note for the timeline
action-every-deadline = Every running deadline
# A running deadline to choose: $what is what it asks ("acknowledge the disagreement").
action-deadline-choice = { $what } (due { $date })
action-panel-members = Who sits on the panel
action-panel-members-hint = Members of the Dispute Resolution Subgroup, as many from the voluntary and community sector as from public service agencies, and none from either organisation in the case.
action-panel-members-choose = Choose who sits on the panel
action-panel-chair = Who chairs the panel
action-panel-chair-hint = One of the members chosen above.
action-panel-chair-choose = Choose who chairs the panel
action-recommendation = Recommendation { $row }
action-recommendation-text = What should be done
action-recommendation-owner = By which organisation
action-recommendation-due = By when
action-recommendation-text-named = What recommendation { $row } asks to be done
action-recommendation-owner-named = The organisation recommendation { $row } is for
action-recommendation-owner-choose = Choose the organisation recommendation { $row } is for
action-recommendation-due-named = The date recommendation { $row } is due
action-recommendation-named = A recommendation
# A recommendation as the answers are checked: what, for whom, by when.
action-recommendation-line = { $text } For { $organisation }, by { $date }.
action-recommendations-none = None
action-panel-chair-line = { $name } (chair)

action-escalate-reason = Your reason
action-escalate-reason-hint = Why talking has not resolved it. Needed once dialogue has begun.
action-propose_resolution-terms = The terms you propose
action-propose_resolution-terms-hint = What each organisation would do, and by when.
action-reject_resolution-reason = Your reason
action-reject_resolution-reason-hint = What in the terms you cannot accept.
action-return_to_informal-reason = Your reason
action-return_to_informal-reason-hint = The organisations will both read this.
action-decline_formal-reason = Your reason
action-decline_formal-reason-hint = The organisations will both read this.
action-convene_panel-panel = Who sits on the panel
action-submit_response-body = Your written response
action-submit_response-body-hint = Your organisation's answer to the complaint.
action-issue_decision-outcome = The panel's finding
action-issue_decision-outcome-choose = Choose the panel's finding
action-issue_decision-findings = The panel's reasons
action-issue_decision-findings-hint = What the panel found, and why.
action-issue_decision-recommendations = Recommendations
action-issue_decision-recommendations-hint = What the panel recommends, to whom, by when. Leave a row empty if there are fewer.
action-appeal-grounds = Your grounds of appeal
action-appeal-grounds-hint = Why the decision should be looked at again.
action-send_reminder-deadline = Which deadline
action-send_reminder-deadline-choose = Choose which deadline
action-send_overdue_notice-deadline = Which deadline
action-send_overdue_notice-deadline-choose = Choose which deadline
action-convene_appeal_panel-panel = Who sits on the panel
action-dismiss_appeal-reason = Your reason
action-dismiss_appeal-reason-hint = The organisations will both read this.
action-decide_appeal-result = What the appeal decided
action-decide_appeal-result-choose = Choose what the appeal decided
action-decide_appeal-outcome = The new finding
action-decide_appeal-outcome-hint = Only when the decision is varied or overturned.
action-decide_appeal-outcome-choose = Choose the new finding
action-decide_appeal-reasons = The appeal panel's reasons
action-withdraw-reason = Your reason
action-withdraw-reason-hint = Only the people on the case will read this.
action-pause-reason = Your reason
action-pause-reason-hint = For example: waiting for mediation.
action-extend_deadline-working_days = Working days to add
action-extend_deadline-working_days-hint = At most 20 in each stage.
action-extend_deadline-deadline = Which deadline
action-extend_deadline-deadline-choose = Choose which deadline
action-extend_deadline-reason = Your reason
action-extend_deadline-reason-hint = The organisations will both read this.
action-refer_externally-to = Where to refer it
action-refer_externally-to-choose = Choose where to refer it
action-refer_externally-reason = Your reason
action-record_lessons-lessons = Lessons learned
action-record_lessons-lessons-hint = What should others learn from this case? Leave out anything that identifies the organisations.
action-mark_recommendation-recommendation = Which recommendation
action-mark_recommendation-status = What became of it
action-mark_recommendation-status-choose = Choose what became of it

## What a proposed panel breaks, naming the member ($name) where the rule is about one

panel-breach-too-few = A panel needs at least two members; this one has { $count }.
panel-breach-twice = { $name } is listed more than once.
panel-breach-not-subgroup = { $name } is not a member of the Dispute Resolution Subgroup.
panel-breach-works-for-raiser = { $name } works for the raising organisation.
panel-breach-works-for-respondent = { $name } works for the respondent organisation.
panel-breach-sat-before = { $name } sat on the formal panel; an appeal needs a fresh panel.
panel-breach-unbalanced = A panel needs as many members from the voluntary and community sector as from public service agencies; this one has { $vcs } and { $psa }.
panel-breach-chair = The chair, { $name }, must be one of the panel's members.
