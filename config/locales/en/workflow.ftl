## The problems the workflow words itself (crates/workflow/src/messages.rs gives the same
## English for the API; a test checks the two agree). They follow a field's name.

workflow-escalate-why = say why the informal stage has not resolved the disagreement
workflow-extend-at-least-one = must be at least 1
# $stage is the stage's name as the API spells it: informal, formal or appeal.
workflow-extend-left = only { $left } working days of extension remain in the { $stage } stage
workflow-appeal-outcome-not-needed = give an outcome only when the decision is varied or overturned
workflow-appeal-outcome-needed = a varied or overturned decision needs its new outcome
workflow-mark-status = must be implemented or not_implemented
workflow-mark-no-such = the decision has no such recommendation
workflow-mark-withdrawn = that recommendation was withdrawn when an appeal overturned the decision
workflow-mark-already = that recommendation has already been marked
workflow-raise-own = a disagreement cannot be raised against your own organisation
workflow-raise-no-principle = cite at least one principle
# $principle is the principle's code, in quotes.
workflow-raise-unknown-principle = { $principle } is not one of this Compact's principles
workflow-raise-principle-twice = { $principle } is cited twice

## Why a step cannot be taken now, or not by this person (a refusal's whole detail).

workflow-not-in-state = cannot { $action } while the case is { $state }: { $reason }
workflow-state-closed = the case is closed
workflow-state-paused = the case is paused; it must be resumed first
workflow-state-not-a-step = it is not a step of the { $stage } stage
workflow-no-running-deadline = there is no running { $deadline } deadline
workflow-no-reminder-due = no reminder is due for the { $deadline } deadline of { $date }
workflow-no-overdue-notice-due = no overdue notice is due for the { $deadline } deadline of { $date }
workflow-no-deadline-running = no deadline is running
workflow-extension-used-up = the { $days } working days of extension allowed in the { $stage } stage are used up
workflow-decision-accepted-already = your organisation has already accepted the decision
workflow-appeal-window-closed = the appeal window closed on { $date }
workflow-appeal-window-not-open = the appeal window is not open
workflow-appeal-window-open-until = the appeal window is open until { $date }
workflow-acknowledgement-not-late = the respondent has until { $date } to acknowledge; escalation is possible from the next day
workflow-response-submitted-already = the written response was already submitted on { $date }
workflow-case-study-referred-already = the case was already referred as a case study on { $date }
workflow-no-open-recommendations = the case has no open recommendations
workflow-only-who = only { $who } may { $action }
workflow-only-a-person = only a person may do this
workflow-only-a-party = only a member of one of the parties may do this
workflow-not-the-owner = a recommendation is marked by the facilitator or by a champion of the other party, not by the organisation that owes it
workflow-raise-members-only = only a member of an organisation may raise a disagreement for it

## Who may take a step, after "only". In English the workflow's own words are used; these
## are here so that every language names the same people.

who-raiser = a member of the raising organisation
who-respondent = a member of the respondent organisation
who-either-party = a member of the raising or the respondent organisation
who-other-party = a member of the party that did not propose the terms
who-subgroup-chair = the chair of the Dispute Resolution Subgroup
who-chair-or-facilitator = the subgroup chair or the facilitator
who-panel-chair = the chair of the panel
who-appeal-panel-chair = the chair of the appeal panel
who-scheduler = the service itself, when the time limit passes,
who-champion-or-facilitator = the facilitator or a champion of either party

## A piece of text that cannot be taken, after its field's name.

workflow-text-empty = must not be empty
workflow-text-too-long = must be at most { $max } characters
workflow-text-control = must not contain control characters

## A date that contradicts another, after its field's name.

workflow-closes-before-opens = must not be before opened_on

## An email address that cannot be taken, after its field's name.

workflow-email-length = must be an email address of at most 254 characters
workflow-email-shape = must be an email address, like name@example.org
workflow-email-plain = must be one plain email address, like name@example.org, with nothing around it
workflow-email-domain = must end in a domain with a dot, like example.org
