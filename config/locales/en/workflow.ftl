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
