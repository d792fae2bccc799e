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

## Each action's name, on its button and page, and what it does, in a sentence

action-acknowledge = Acknowledge the disagreement
action-acknowledge-hint = Say you have received it. The informal stage begins: both organisations try to resolve it together.
action-escalate = Take it to the formal stage
action-escalate-hint = Ask the Dispute Resolution Subgroup to look at it, because talking has not resolved it.
action-propose_resolution = Propose terms to resolve it
action-propose_resolution-hint = Set out what you would agree to. The other organisation accepts or rejects them.
action-accept_resolution = Accept the proposed terms
action-accept_resolution-hint = The disagreement is resolved on these terms and the case closes.
action-reject_resolution = Reject the proposed terms
action-reject_resolution-hint = Say why. Dialogue carries on.
action-accept_formal = Accept the formal complaint
action-accept_formal-hint = The subgroup will convene a panel to decide it.
action-return_to_informal = Return it to the informal stage
action-return_to_informal-hint = The organisations have not yet really tried to resolve it between them.
action-decline_formal = Decline the formal complaint
action-decline_formal-hint = It is not a Compact matter, or it is out of time. The case closes.
action-convene_panel = Convene the panel
action-convene_panel-hint = Choose subgroup members with equal numbers from each sector, none from either organisation, and one of them to chair.
action-submit_response = Send the panel your written response
action-submit_response-hint = Your organisation's answer to the complaint, for the panel to consider.
action-issue_decision = Issue the panel's decision
action-issue_decision-hint = Record the finding, the reasons and any recommendations. Either organisation may then appeal.
action-appeal = Appeal the decision
action-appeal-hint = Give your grounds. An appeal panel of different members will look at it.
action-accept_decision = Accept the decision
action-accept_decision-hint = When both organisations accept it, the case closes.
action-convene_appeal_panel = Convene the appeal panel
action-convene_appeal_panel-hint = Choose subgroup members who did not sit on the formal panel.
action-dismiss_appeal = Dismiss the appeal
action-dismiss_appeal-hint = It is out of time or has no grounds. The panel's decision stands.
action-decide_appeal = Decide the appeal
action-decide_appeal-hint = The appeal panel's decision is final and closes the case.
action-withdraw = Withdraw the disagreement
action-withdraw-hint = The case closes. Withdrawing never counts against your organisation.
action-pause = Pause the case
action-pause-hint = Every deadline waits until the case resumes, for mediation or another process.
action-resume = Resume the case
action-resume-hint = Running deadlines move on by the working days the pause lasted.
action-extend_deadline = Give more time
action-extend_deadline-hint = Add working days to a running deadline: at most 20 in each stage.
action-refer_externally = Refer it outside the Compact
action-refer_externally-hint = Hand the case to another body. The case closes.
action-record_lessons = Record lessons learned
action-record_lessons-hint = For the annual review. The case's details stay confidential.
action-refer_case_study = Refer as a case study
action-refer_case_study-hint = Offer it to the Steering Group as an anonymised case study.
action-mark_recommendation = Mark a recommendation
action-mark_recommendation-hint = Record whether a recommendation was carried out.
action-lapse_appeal_window = Close: no appeal
action-lapse_appeal_window-hint = Done by the service.
action-send_reminder = Send a reminder
action-send_reminder-hint = Done by the service.
action-send_overdue_notice = Send an overdue notice
action-send_overdue_notice-hint = Done by the service.
done-retention = { $who } removed the case's text under the retention rule, { $years } years after it closed.
done-erasure = { $who } erased a person's details, and their text where the Compact's policy says so.

## What one has just done, for the banner after an action: "Done: you ..."

you-did-acknowledge = Done: you acknowledged the disagreement.
you-did-escalate = Done: you took the disagreement to the formal stage.
you-did-propose_resolution = Done: you proposed terms to resolve it.
you-did-accept_resolution = Done: you accepted the proposed terms, resolving it.
you-did-reject_resolution = Done: you did not accept the proposed terms.
you-did-accept_formal = Done: you accepted the formal complaint for the Dispute Resolution Subgroup.
you-did-return_to_informal = Done: you returned the case to the informal stage.
you-did-decline_formal = Done: you declined the formal complaint.
you-did-convene_panel = Done: you convened the panel.
you-did-submit_response = Done: you sent the panel a written response.
you-did-issue_decision = Done: you issued the panel's decision.
you-did-appeal = Done: you appealed the decision.
you-did-accept_decision = Done: you accepted the decision.
you-did-lapse_appeal_window = Done: you closed the case: the appeal window passed with no appeal, so the decision stands.
you-did-convene_appeal_panel = Done: you convened the appeal panel.
you-did-dismiss_appeal = Done: you dismissed the appeal.
you-did-decide_appeal = Done: you decided the appeal.
you-did-withdraw = Done: you withdrew the disagreement.
you-did-pause = Done: you paused the case; its deadlines wait until it resumes.
you-did-resume = Done: you resumed the case; its deadlines have moved on.
you-did-extend_deadline = Done: you gave more time.
you-did-refer_externally = Done: you referred the case outside the Compact's process.
you-did-record_lessons = Done: you recorded lessons learned.
you-did-refer_case_study = Done: you referred the case as a case study.
you-did-mark_recommendation = Done: you marked a recommendation.
you-did-send_reminder = Done: you sent a reminder.
you-did-send_overdue_notice = Done: you sent an overdue notice.

## The files a case takes

files-accepted = PDF, Word, Excel, OpenDocument, rich text, text, CSV, PNG, JPEG or GIF pictures, and emails (.eml, .msg)
files-refused-extension = files ending .{ $extension } are not accepted: send { files-accepted }
files-refused-no-extension = files without an extension are not accepted: send { files-accepted }

## CSV columns. In English they are the API's own names, so programs that read the files
## find the columns they know; the values stay the API's names in either language.

csv-reference = reference
csv-title = title
csv-raised_on = raised_on
csv-raising_organisation = raising_organisation
csv-respondent_organisation = respondent_organisation
csv-stage = stage
csv-state = state
csv-outcome = outcome
csv-next_deadline = next_deadline
csv-next_due_on = next_due_on
csv-overdue = overdue
csv-organisation = organisation
csv-recommendation = recommendation
csv-due_on = due_on
csv-status = status
csv-marked_on = marked_on
csv-dimension = dimension
csv-key = key
csv-count = count

## How a deadline was counted, and how it moved since

# $counted is count-working-days; $halved, when the case is urgent, deadline-halved.
deadline-counted = { $counted } after { $start }
deadline-counted-halved = { $counted } after { $start } (halved from { $allowed } because the case is urgent)
deadline-no-holidays = no bank holidays in between
deadline-skipping = skipping { $holidays }
deadline-holiday = { $name } ({ $date })
deadline-holiday-substitute = { $name } ({ $date }, a substitute day)
deadline-explained = { $counted }; { $holidays }: due { $date }.
deadline-extended = Extended by { $counted } on { $on }, to { $to }.
deadline-paused = Moved on { $counted } for a pause ending { $on }, to { $to }.
deadline-estimated = Bank holidays not yet published were estimated, so the date may move if one is announced.

## Bank holidays by name, as GOV.UK gives them (a name with no entry reads as GOV.UK gives it)

holiday-new-years-day = New Year’s Day
holiday-2nd-january = 2nd January
holiday-good-friday = Good Friday
holiday-easter-monday = Easter Monday
holiday-early-may-bank-holiday = Early May bank holiday
holiday-early-may-bank-holiday-ve-day = Early May bank holiday (VE day)
holiday-spring-bank-holiday = Spring bank holiday
holiday-summer-bank-holiday = Summer bank holiday
holiday-christmas-day = Christmas Day
holiday-boxing-day = Boxing Day
holiday-st-andrews-day = St Andrew’s Day
holiday-st-patricks-day = St Patrick’s Day
holiday-battle-of-the-boyne-orangemens-day = Battle of the Boyne (Orangemen’s Day)
holiday-queens-diamond-jubilee = Queen’s Diamond Jubilee
holiday-platinum-jubilee-bank-holiday = Platinum Jubilee bank holiday
holiday-bank-holiday-for-the-coronation-of-king-charles-iii = Bank holiday for the coronation of King Charles III
holiday-bank-holiday-for-the-state-funeral-of-queen-elizabeth-ii = Bank Holiday for the State Funeral of Queen Elizabeth II
holiday-bank-holiday-for-scotlands-participation-in-the-fifa-world-cup = Bank holiday for Scotland’s participation in the FIFA World Cup

## Groupings of organisations, as the Compact's configuration names them (in English).

grouping-local-government = Local Government
grouping-health-and-social-care = Health and Social Care
grouping-education-fe-and-he = Education (FE and HE)
grouping-police-uniformed-and-legal = Police, Uniformed and Legal
grouping-defence-armed-forces = Defence / Armed Forces
grouping-children-and-young-people = Children and Young People
grouping-voluntary-and-community = Voluntary and Community
grouping-trade-unions = Trade Unions
grouping-partnership = Partnership
grouping-private-sector = Private Sector
grouping-unclassified = Unclassified
