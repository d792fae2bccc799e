## The workflow's names as a person reads them: states, stages, principles, the values of
## its lists, actions and deadlines. The API's names stay the keys.

## States

state-raised = Waiting for acknowledgement
state-in_dialogue = In dialogue
state-resolution_proposed = Terms proposed
state-submitted = Formal complaint submitted
state-awaiting_panel = Waiting for a panel
state-under_review = With the panel
state-decided = Decided: appeal window open
state-appeal_lodged = Appeal lodged
state-appeal_under_review = With the appeal panel
state-paused = Paused
state-closed = Closed
state-unknown = Unknown

## Stages, inside a sentence

stage-phrase-informal = the informal stage
stage-phrase-formal = the formal stage
stage-phrase-appeal = the appeal stage
stage-phrase-closed = the end

## Principles of the Compact

principle-notice = Three months' notice of a change to funding or support
principle-consultation = Twelve weeks' written consultation
principle-funding_and_procurement = Funding and procurement
principle-full_cost_recovery = Full cost recovery
principle-independence = Independence, including the right to campaign
principle-partnership = Working in partnership
principle-volunteering = Volunteering
principle-community_groups = Community groups
principle-bme_groups = Black and minority ethnic groups
principle-equality = Equality
principle-information_sharing = Sharing information
principle-other = Another undertaking or code of practice

## The values of the workflow's lists

choice-resolved_informally = Resolved informally
choice-withdrawn = Withdrawn
choice-not_accepted = Not accepted for the formal stage
choice-upheld = Upheld
choice-partly_upheld = Partly upheld
choice-not_upheld = Not upheld
choice-referred_externally = Referred outside the Compact
choice-decision_confirmed = The decision is confirmed
choice-decision_varied = The decision is varied
choice-decision_overturned = The decision is overturned
choice-mediation = Independent mediation
choice-regional_panel = The regional Compact panel
choice-ombudsman = An ombudsman
choice-compact_advocacy = Compact Advocacy
choice-vcs = Voluntary and community sector
choice-psa = Public service agency
choice-open = Still open
choice-implemented = Implemented
choice-not_implemented = Not implemented
choice-running = Running
choice-met = Met on time
choice-late = Met late
choice-missed = Missed
choice-cancelled = No longer needed
choice-expired = Closed unused
choice-informal = Informal
choice-formal = Formal
choice-appeal = Appeal
choice-closed = Closed

## Deadlines: what is owed, to follow "to" or stand after a name and a colon

deadline-acknowledgement = acknowledge the disagreement
deadline-informal_resolution = resolve the disagreement informally
deadline-formal_acceptance = accept, return or decline the formal complaint
deadline-written_response = send the panel a written response
deadline-formal_decision = issue the panel's decision
deadline-appeal_window = appeal the decision, if either party wishes to
deadline-appeal_panel = convene an appeal panel
deadline-appeal_decision = issue the appeal panel's decision

## Who owes a deadline, where it is not an organisation

owed-subgroup_chair = the chair of the Dispute Resolution Subgroup
owed-panel_chair = the panel's chair
owed-appeal_panel_chair = the appeal panel's chair

## A person acting for an organisation

person-of-organisation = { $person } of { $organisation }
the-service = The service

## What each action did, as a sentence about who did it ($who), and in a few words

done-raised = { $who } raised a disagreement.
done-acknowledge = { $who } acknowledged the disagreement.
done-escalate = { $who } took the disagreement to the formal stage.
done-propose_resolution = { $who } proposed terms to resolve it.
done-accept_resolution = { $who } accepted the proposed terms, resolving it.
done-reject_resolution = { $who } did not accept the proposed terms.
done-accept_formal = { $who } accepted the formal complaint for the Dispute Resolution Subgroup.
done-return_to_informal = { $who } returned the case to the informal stage.
done-decline_formal = { $who } declined the formal complaint.
done-convene_panel = { $who } convened the panel.
done-submit_response = { $who } sent the panel a written response.
done-issue_decision = { $who } issued the panel's decision.
done-appeal = { $who } appealed the decision.
done-accept_decision = { $who } accepted the decision.
done-lapse_appeal_window = { $who } closed the case: the appeal window passed with no appeal, so the decision stands.
done-convene_appeal_panel = { $who } convened the appeal panel.
done-dismiss_appeal = { $who } dismissed the appeal.
done-decide_appeal = { $who } decided the appeal.
done-withdraw = { $who } withdrew the disagreement.
done-pause = { $who } paused the case; its deadlines wait until it resumes.
done-resume = { $who } resumed the case; its deadlines have moved on.
done-extend_deadline = { $who } gave more time.
done-refer_externally = { $who } referred the case outside the Compact's process.
done-record_lessons = { $who } recorded lessons learned.
done-refer_case_study = { $who } referred the case as a case study.
done-mark_recommendation = { $who } marked a recommendation.
done-send_reminder = { $who } sent a reminder.
done-send_overdue_notice = { $who } sent an overdue notice.

short-raised = raised
short-acknowledge = acknowledged
short-escalate = escalated
short-propose_resolution = resolution proposed
short-accept_resolution = resolved
short-reject_resolution = terms rejected
short-accept_formal = accepted
short-return_to_informal = returned to informal
short-decline_formal = declined
short-convene_panel = panel convened
short-submit_response = response sent
short-issue_decision = decision issued
short-appeal = appealed
short-accept_decision = decision accepted
short-lapse_appeal_window = decision stands
short-convene_appeal_panel = appeal panel convened
short-dismiss_appeal = appeal dismissed
short-decide_appeal = appeal decided
short-withdraw = withdrawn
short-pause = paused
short-resume = resumed
short-extend_deadline = deadline extended
short-refer_externally = referred
short-record_lessons = lessons recorded
short-refer_case_study = case study
short-mark_recommendation = recommendation marked
short-send_reminder = reminder
short-send_overdue_notice = overdue

## Counts

count-files = { $count ->
    [one] { $count } file
   *[other] { $count } files
}
count-messages = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
count-cases = { $count ->
    [one] { $count } case
   *[other] { $count } cases
}
# A list's last item after the rest ($items, already joined by commas). Welsh says "ac"
# before a vowel and "a" otherwise, so each language has an entry for each.
list-and = { $items } and { $last }
list-and-vowel = { $items } and { $last }
count-working-days = { $count ->
    [one] { $count } working day
   *[other] { $count } working days
}
