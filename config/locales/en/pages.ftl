## Pages. Each page's entries start with its name; what every page shares starts "page-".

page-error-prefix = Error:
page-title = { $title } - { $compact } disputes
page-skip = Skip to main content
page-nav-label = Main
page-nav-home = Your cases
page-nav-cases = All cases
page-nav-raise = Raise a disagreement
page-nav-subgroup = Subgroup
page-nav-outcomes = Outcomes
page-nav-recommendations = Recommendations
page-nav-admin = Administration
page-nav-check = Check the rules
page-nav-check-visitor = Check notice and consultation
page-nav-sign-in = Sign in
page-your-account = : your account
page-sign-out = Sign out
page-language = Language
# The toggle: $language is the other language's name in itself ("Cymraeg", "English").
page-language-switch = { $language }
page-confidential = Disagreements under { $compact } are confidential: a case is seen only by the two organisations, the Dispute Resolution Subgroup's chair and panels, and the Compact's facilitator.
page-support-links = Support links
page-accessibility = Accessibility statement
page-privacy = Privacy
page-cookies = Cookies
page-check-dates = Check notice and consultation dates
page-api = API for other systems
page-not-found = Page not found
page-not-found-detail = If you typed the web address, check it is correct. If you followed a link to a case, you may not be one of the people who can see it.
page-forbidden-help = If you think you should be able to do this, ask your Compact's facilitator.
page-too-many-help = Wait a few minutes, then try again.
page-go-start = Go to the start page

## Form parts

form-problem = There is a problem
form-choose = Choose
form-date-hint = For example, 27 3 2026
form-day = Day
form-month = Month
form-year = Year
tag-overdue = Overdue
tag-urgent = Urgent
tag-clock-stopped = Clock stopped
paging-previous = Previous page
paging-next = Next page
paging-page = Page { $number }
paging-page-of = Page { $number } of { $pages }
# A field and what is wrong with it, when the check's own words say it.
form-field-problem = { $label }: { $problem }
# What is wrong with a field left out, after its name.
form-required = this must be answered
# What is wrong with what was typed in a field, after the field's name ("The date must be a
# real date"): in English the name and these make one sentence.
form-problem-real-date = must be a real date
form-problem-date-range = must be a date from 1 January { $from } to 31 December { $to }
form-problem-no-day = must include a day
form-problem-no-month = must include a month
form-problem-no-year = must include a year
form-problem-no-day-month = must include a day and month
form-problem-no-day-year = must include a day and year
form-problem-no-month-year = must include a month and year
form-problem-year-digits = must have a year of 4 numbers, like 2026
form-problem-whole-number = must be a whole number, like 10
form-problem-not-a-choice = is not one of the choices

## Sign in

login-title = Sign in
login-lead = Sign in to raise a disagreement under { $compact }, respond to one, or follow how disagreements are resolved.
login-email = Email address
login-password = Password
login-button = Sign in
login-forgotten = Forgotten your password?
login-through = Or sign in through your organisation
login-with = Sign in with { $provider }
login-no-account = No account?
login-no-account-text = Your Compact's facilitator gives accounts to the people who act for each signatory organisation. You can check whether notice or a consultation kept the Compact without one.
login-check-link = Check notice or a consultation

## Your cases (the home page)

home-title = Your cases
home-waiting = Waiting for you
home-owed-caption = What you owe next, overdue first
home-nothing-waiting = Nothing is waiting for you.
home-calendar = Your deadlines in your own calendar
home-overdue-across = Overdue across { $compact }
home-overdue-count = { $count ->
    [one] { $count } deadline has passed with the step not taken.
   *[other] { $count } deadlines have passed with the step not taken.
}
home-overdue-caption = Overdue deadlines in the Compact, longest overdue first
home-no-overdue = No deadline in the Compact is overdue.
home-saved = Your saved lists
home-shared-with = (shared with every { $role })
home-delete = Delete
home-open-cases = Open cases you can see
home-see-all-capped = See all open cases (more than { $total })
home-see-all = See all { $total } open cases
home-no-cases = There are no open cases you can see.
deadlines-case = Case
deadlines-what = What to do
deadlines-who = Who owes it
deadlines-by = By

## A table of cases

cases-caption = Cases
cases-case = Case
cases-between = Between
cases-and = and
cases-stands = Where it stands
cases-next-due = Next due
cases-nothing = Nothing

## Raising a disagreement

raise-title = Raise a disagreement
raise-lead = Tell us which organisation has not kept { $compact }, and how. The case is confidential: only the two organisations, the Dispute Resolution Subgroup and the facilitator can see it, and raising it never counts against your organisation.
raise-lead-process = First the two organisations try to resolve it between them. If that does not work, either can take it to the formal stage, where a panel decides.
raise-who = 1. Who it is with
raise-principles = 2. Which principles were not kept
raise-what = 3. What happened
raise-notice = 4. Notice of a change (if it is about notice)
raise-notice-lead = The Compact promises { $months } months' notice of a change to funding or support. Fill this in if the disagreement is about notice; leave it empty otherwise.
raise-consultation = 5. A consultation (if it is about one)
raise-consultation-lead = The Compact promises { $weeks } weeks to answer a formal written consultation. Leave this empty if the disagreement is not about one.
raise-want = 6. What you want to happen
raise-respondent-hint = Usually a council or another public body that signed the Compact.
raise-principles-legend = Choose every principle that applies
raise-title-hint = For example: Day-centre grant ended at two weeks' notice. This is the only part of the case that emails show.
raise-summary-hint = What was done or decided, by whom, and when. Include what you have already tried.
raise-change-kind = What kind of change is it?
raise-instrument = What is the change to?
raise-outcome-hint = For example: the grant continues until three months after notice was given.
raise-submit = Raise the disagreement
raise-check-dates = Only check the dates

## The raise form's fields: each one's label, and what to say when it is left out

field-respondent_organisation_id = The organisation the disagreement is with
field-respondent_organisation_id-required = Choose the organisation the disagreement is with
field-principles = Choose the principles that were not kept
field-principles-required = Choose the principles that were not kept
field-title = A short title
field-title-required = Enter a short title
field-summary = What happened
field-summary-required = Enter what happened
field-desired_outcome = What you want to happen
field-desired_outcome-required = Enter what you want to happen
field-notice-notified_on = Date written notice was received
field-notice-effective_on = Date the change takes effect
field-notice-defined_end_on = End date agreed before notice (if there was one)
field-consultation-opened_on = Date the consultation opened
field-consultation-closes_on = Date it closed
field-consultation-shortened_reason = Reason given for a shorter consultation (if any)
field-notice-change_kind = What kind of change it is
field-notice-change_kind-required = Choose what kind of change it is
field-notice-instrument = What the change is to
field-notice-instrument-required = Choose what the change is to
field-notice = The dates
field-consultation = The dates

## The checkers' answers

notice-exempt = The notice rule does not apply
notice-kept = Notice kept the Compact
notice-broken = { $days ->
    [one] Notice did not keep the Compact: { $days } day short
   *[other] Notice did not keep the Compact: { $days } days short
}
notice-prompt = Enter the date notice was received and the date the change takes effect to see whether { $months } months' notice was given.
consultation-kept = The consultation kept the Compact
consultation-broken = { $days ->
    [one] The consultation did not keep the Compact: { $days } day short
   *[other] The consultation did not keep the Compact: { $days } days short
}
consultation-prompt = Enter the dates the consultation opened and closed to see whether it ran for { $weeks } weeks.

## Check your answers

answers-change = Change
answers-next = What happens next
answers-warning = Warning:
answers-cannot-undo = You cannot undo this.
answers-change-all = Change your answers

## The subgroup's queue

subgroup-title = Dispute Resolution Subgroup
subgroup-lead = Formal complaints and appeals under { $compact }.
subgroup-lead-chair = As chair you accept or return formal complaints and convene the panels.
subgroup-lead-member = You see the cases whose panels you sit on.
subgroup-waiting = Waiting for the chair
subgroup-caption = Formal complaints and appeals waiting for the chair, soonest due first
subgroup-waiting-for = Waiting for
subgroup-due = Due
subgroup-accept-return = Accept, return or decline the complaint
subgroup-convene = Convene the panel
subgroup-convene-appeal = Convene the appeal panel, or dismiss the appeal
subgroup-nothing = Nothing is waiting for the chair.
subgroup-with-panel = With a panel
subgroup-no-panel = No panel is sitting.

## What confirming a step sets in motion

confirm-will-close = The case will close: { $outcome }.
# $stage is a stage-phrase- entry; $state the state's words.
confirm-will-be = The case will be in { $stage }: { $state }.
confirm-will-owe = { $who } will have until { $due } to { $what }.
confirm-nobody-told = Nobody is emailed about this.
confirm-members-and-champions = the members and champions of { $organisation }
confirm-members = the members of { $organisation }
confirm-champions = the champions of { $organisation }
confirm-subgroup-chair = the subgroup chair
confirm-facilitator = the facilitator
confirm-panel = the panel ({ $names })
# $list: the groups above, joined.
confirm-told = An email goes to { $list }, but not to you.
owing-panel-chair = The panel's chair, { $name }
owing-subgroup-chair = The subgroup chair
owed-convene-panel = convene the panel, which is to decide by this day
owed-convene-appeal-panel = convene the appeal panel, which is to decide by this day

## Checking a disagreement before raising it

raise-answers-title = Check your answers before raising the disagreement
raise-answer-with = Raised with
raise-answer-principles = Principles not kept
raise-answer-title = Title
raise-answer-summary = What happened
raise-answer-notice = Notice of a change
raise-answer-consultation = The consultation
raise-answer-outcome = What you want to happen
raise-notice-received = Notice received on { $date }
raise-notice-effect = Takes effect on { $date }
raise-notice-end = End date agreed before notice: { $date }
raise-opened = Opened on { $date }
raise-closed = Closed on { $date }
raise-shortened = Reason given for a shorter consultation: { $reason }
change-kind-change = A change to its terms
change-kind-reduction = A reduction
change-kind-cessation = Ending it
change-kind-review = A review that may lead to any of these
instrument-grant = A grant
instrument-contract = A contract
instrument-agreement = Another agreement
instrument-support = Support in kind
instrument-accommodation = Accommodation

## A person's language

person-language = Language
person-language-hint = The pages and every email are in this language.
account-language-legend = The language of your pages and emails
account-language-save = Save the language

## The checkers' explanations, a sentence each

notice-explain-given = Notice was given on { $notified }, so { $months } months' notice ran to { $ends }.
notice-explain-exempt = The agreement had a defined end date of { $end }, set before notice was given, and the change takes effect on { $effective }, on or after that date: the agreement ended as agreed, so the notice rule does not apply.
notice-explain-kept = The change takes effect on { $effective }, on or after that date: the Compact's { $months } months' notice was kept.
notice-explain-before = The change took effect on { $effective }, before notice was even given: no advance notice at all.
notice-explain-early = { $days ->
    [one] The change takes effect on { $effective }, { $days } day before the notice period ends.
   *[other] The change takes effect on { $effective }, { $days } days before the notice period ends.
}
notice-explain-not-kept = The Compact's { $months } months' notice was not kept.
notice-explain-end-no-help = The agreement's defined end date of { $end } does not help: the change comes before it.
notice-explain-earliest = The earliest date the change could lawfully take effect is { $ends }.
consultation-explain-ran = { $days ->
    [one] The consultation opened on { $opened } and closes on { $closes }: { $days } day.
   *[other] The consultation opened on { $opened } and closes on { $closes }: { $days } days.
}
consultation-explain-kept = That is at least the Compact's { $weeks } weeks ({ $required } days): the Compact was kept.
consultation-explain-shortened = { $short ->
    [one] That is { $short } day short of the Compact's { $weeks } weeks ({ $required } days), but a reason for the shorter consultation was given, which the Compact allows.
   *[other] That is { $short } days short of the Compact's { $weeks } weeks ({ $required } days), but a reason for the shorter consultation was given, which the Compact allows.
}
consultation-explain-breach = { $short ->
    [one] That is { $short } day short of the Compact's { $weeks } weeks ({ $required } days), and no reason for the shorter consultation was given: the Compact was not kept.
   *[other] That is { $short } days short of the Compact's { $weeks } weeks ({ $required } days), and no reason for the shorter consultation was given: the Compact was not kept.
}

## The public checkers' fields, as their problems name them

check-field-notified_on = The date written notice was received
check-field-effective_on = The date the change takes effect
check-field-defined_end_on = The end date agreed before notice
check-field-opened_on = The date the consultation opened
check-field-closes_on = The date the consultation closed
check-field-shortened_reason = The reason given for a shorter consultation

## The public checkers

check-title = Check notice and consultation
check-lead = { $compact } promises voluntary and community organisations { $months } months' notice of a change to funding or support, and { $weeks } weeks to answer a formal written consultation.
check-enter = Enter the dates to see whether the Compact was kept. Nothing you enter here is saved.
check-notice = Notice of a change
check-end-hint = A grant or contract that ends on a date set in advance needs no notice. For example, 31 3 2026
check-notice-button = Check notice
check-consultation = A written consultation
check-reason-hint = A shorter consultation keeps the Compact only when the reason is explained.
check-consultation-button = Check consultation
check-not-kept = If the Compact was not kept
check-not-kept-text = Members of a signatory organisation can sign in and raise a disagreement. It is confidential, and raising one never counts against your organisation.

## The start page

start-title = Resolve a disagreement under the Compact
start-heading = Resolve a disagreement under { $compact }
start-lead = Use this service if your organisation signed { $compact } and another signatory has not kept it: for example, a council ended your grant without { $months } months' notice, or gave you less than { $weeks } weeks to answer a consultation.
start-use = You can use it to:
start-use-raise = raise a disagreement with another signatory organisation
start-use-answer = answer one raised with your organisation
start-use-follow = follow every step, deadline and decision of your organisation's cases
start-confidential = A case is confidential. Only the two organisations, the Dispute Resolution Subgroup's chair, the panel that hears it and the Compact's facilitator can see it. Raising one never counts against your organisation.
start-now = Start now
start-before = Before you start
start-before-text = You need an account. The Compact's facilitator gives accounts to the people who act for each signatory organisation. Without one you can still check whether notice or a consultation kept the Compact.
start-what-happens = What happens
# $holidays: whose bank holidays (holidays-england_and_wales...).
start-working-days = Time limits are in working days: weekends and bank holidays in { $holidays } do not count.
start-informal = Informal: the two organisations talk
start-informal-text = The organisation you raise it with acknowledges it within { $acknowledge } working days. You then try to settle it between you, within { $resolve } working days. When notice of a change was not kept, both limits are halved, so that it can be settled before the change takes effect.
start-formal = Formal: a panel decides
start-formal-text = If talking does not settle it, either organisation can make a formal complaint. The chair of the Dispute Resolution Subgroup accepts, returns or declines it within { $accept } working days. A panel of the subgroup hears it, with as many members from voluntary and community organisations as from public bodies, and none from either organisation. The organisation complained about answers the panel in writing within { $respond } working days, and the panel decides within { $decide } working days of the complaint being accepted.
start-appeal = Appeal: a second panel
start-appeal-text = Either organisation may appeal within { $window } working days of the decision. The chair convenes an appeal panel of different members within { $convene } working days, and it decides within { $decide } working days. Its decision is final under the Compact.
start-emails = Everyone concerned is emailed at every step, and reminded { $reminder } working days before each deadline. A deadline can be extended, by up to { $extension } working days in each stage, and stops while a case is paused (for mediation, for example).
holidays-england_and_wales = England and Wales
holidays-scotland = Scotland
holidays-northern_ireland = Northern Ireland

## Signing out

logout-button = Sign out

## All cases

cases-title-linked = { $reference } and the cases linked to it
cases-show-all = Show all cases
cases-search = Search
cases-search-hint = A reference, or words from the case, its messages or its files' names.
cases-stage = Stage
cases-any-stage = Any stage
cases-principle = Principle
cases-any-principle = Any principle
cases-year = Raised in
cases-any-year = Any year
cases-due = Deadline due
cases-any-time = Any time
cases-within = Within { $days } working days
cases-passed = Deadlines passed
cases-passed-only = Only cases with a deadline passed
cases-order = Order
cases-order-newest = Newest raised first
cases-order-oldest = Oldest raised first
cases-order-due = Next deadline soonest
cases-order-updated = Most recently changed
cases-order-reference = By reference
cases-show = Show cases
cases-download = Download all of these cases (CSV)
cases-save-as = Save this list as
cases-save-hint = It will be on your home page.
cases-save = Save this list
cases-saved = The list is saved: it is on your home page.
cases-more-than = More than { $total } cases.
cases-total = { $count ->
    [one] { $total } case.
   *[other] { $total } cases.
}
cases-pages = Pages of cases

## Signing in with a code, and resetting a password

code-title = Enter the code from your authenticator app
code-lead = Open the authenticator app on your phone and type the 6-digit code it shows for { $compact }.
code-label = Code
code-continue = Continue
code-no-phone = I do not have my phone
code-recovery = Type one of the recovery codes you kept when you set up the app instead: each works once. If you have none left, ask the Compact's facilitator to reset your authenticator.
forgot-sent-title = Check your email
forgot-sent = If that address has an account, we have sent it a link to choose a new password. The link works once, for { $minutes } minutes.
forgot-no-email = No email? Check your junk folder, or make sure you typed the address your account was made with.
forgot-ask-again = Ask again
forgot-title = Reset your password
forgot-lead = Type the email address you sign in with. We will send it a link to choose a new password.
forgot-send = Send the link
reset-title = Choose a new password
reset-lead = Once it is set, you will be signed out everywhere, and can sign in with it.
reset-password = Your new password
reset-hint = At least { $min } characters. A few unrelated words are easy to remember and hard to guess.
reset-set = Set the password
reset-broken-title = This link does not work
reset-broken = A reset link works once, for an hour after it was sent.
reset-ask-new = Ask for a new link
login-refused = The email address or password is not right
field-email = Your email address
field-email-required = Enter your email address
field-password = Your password
field-password-required = Enter your password
new-password-field-password = Your new password
# $action: the action's name, as a verb phrase without its capital.
answers-title-action = Check your answers before you { $action }

## A case's page

case-urgent = Urgent: notice not kept
case-stages = Stages
case-stage-now = (where the case is now)
case-stage-done = Done
case-stage-not-reached = Not reached
case-can-do = What you can do now
case-about = About the disagreement
case-raised-by = Raised by
case-raised-on = Raised on
case-principles = Principles
case-stands = { $stage } stage: { $state }
case-paused-from = (from { $state })
case-outcome = Outcome: { $outcome }
case-they-want = What they want to happen
case-notice = Notice
case-consultation = Consultation
case-proposed-by-raiser = Proposed by the raising organisation on { $date }.
case-proposed-by-respondent = Proposed by the respondent organisation on { $date }.
case-interests = Declared interests
case-conflict = { $person } works for { $organisation }, a party to this case, and was the one to { $action } on { $date }.
case-panel = The panel
case-chair = chair
case-decision = The panel's decision
case-finding = Finding
case-decided-on = Decided on
case-recommendation = Recommendation
case-recommendation-number = recommendation { $number }
case-for = For
case-status = Status
case-overturned = the appeal overturned the decision
case-appeal-panel = The appeal panel
case-appeal-decision = The appeal decision
case-result = Result
case-final-outcome = Final outcome
case-letters = Decision letters
case-letters-lead = Each decision as a letter (PDF) to each organisation, to print, forward or file.
case-letter-to = { $heading }, to { $to } (PDF)
case-bundle = The whole record
case-bundle-lead = Everything on this case that you may see, in one file to hand on (to an ombudsman, say): the case record and the decision letters as PDFs, the files, and the audit trail, which anyone can check with:
case-bundle-download = Download the case's record (ZIP)
case-links = Linked cases
case-link-same = the same decision
case-link-related = related
case-links-list = See this case and its linked cases as a list, with where each stands and what is due next
case-links-panel = The linked cases waiting for a panel can be heard by this case's panel. Each is convened as it would be on its own page, and its organisations are told.
case-links-panel-button = Convene this panel on the linked cases
case-link-reference = Link to the case with reference
case-link-reference-hint = The other case's reference, as it appears on its page.
case-link-because = Because
case-link-same-long = The same decision caused both
case-link-related-long = They bear on each other
case-link-button = Link the cases
case-timeline = What has happened
case-note = Note: { $note }
case-deadlines = Deadlines
case-paused = The case is paused: the clock stopped on { $since }. When it resumes, each deadline moves on by the working days the pause lasted.
case-days-left = { $count ->
    [one] { $count } working day left
   *[other] { $count } working days left
}
case-due-when-paused = already due when the case was paused
case-due-by = by { $date }
case-how-counted = How this was counted
case-no-deadline = No deadline is running.
case-earlier-deadlines = Earlier deadlines
case-earlier-deadline = { $what } by { $date }: { $status }
case-messages = Messages
case-by-email = , by email
case-share = Share with everyone on the case
case-no-messages = No messages yet.
case-add-message = Add a message
case-add-message-panel-hint = Choose below, each time, who can read it.
case-add-message-hint = Everyone who can see the case can read it: both organisations, the subgroup chair, the facilitator and the panel.
case-who-reads = Who can read it
case-field-message = Your message
case-field-file = The file
case-field-visibility-required = Choose who can read it
case-add-message-button = Add message
case-files = Files
case-file-added = { $kilobytes } KB, added by { $by } on { $date }
case-no-files = No files yet.
case-add-file = Add a file
# $accepted: the kinds of file taken; $limit: the largest size, in words.
case-file-hint = { $accepted }, up to { $limit }.
case-add-file-button = Add file
case-emails = Emails about this case
case-emails-count = { $count ->
    [one] { $count } email, newest first
   *[other] { $count } emails, newest first
}
case-emails-failed = : { $count } could not be sent
case-email-to = To
case-email-about = About
case-email-queued = Queued
case-email-sent = Sent
case-email-not-sent = Not sent
case-email-again = Send again
case-email-again-to = to { $to }
case-email-waiting = Waiting
case-email-attempts = { $count ->
    [one] { $count } attempt
   *[other] { $count } attempts
}
case-readers-everyone = Everyone on the case
case-readers-formal-panel = The formal panel, the subgroup chair and the facilitator only
case-readers-appeal-panel = The appeal panel, the subgroup chair and the facilitator only
case-formal-panel-only = Formal panel only
case-appeal-panel-only = Appeal panel only
case-raised = Your disagreement has been raised. Its reference is { $reference }. The other organisation has been told by email.
case-done-message = Your message has been added.
case-done-attachment = Your file has been added.
case-done-shared = Everyone on the case can now read it.
case-done-resent = The email will be sent again within a minute.
case-done-linked = The cases are linked.
case-done-linked_panel = { $count ->
    [0] No linked case was waiting for a panel.
    [one] The panel was convened on { $count } linked case.
   *[other] The panel was convened on { $count } linked cases.
}

## The statements every public service owes: privacy, accessibility, cookies

privacy-title = Privacy notice
privacy-controller = { $operator } runs this service for { $compact }, and decides what is done with the information in it (it is the data controller). Write with any question about your information to:
privacy-hold = What we hold about you
privacy-hold-who = your name, work email address, organisation and roles, given to the facilitator by your organisation
privacy-hold-cases = what you write in a case: the disagreement, messages, responses, decisions, and the files you add
privacy-hold-record = a record of every step you take on a case, kept so that the record can be checked and cannot be changed unnoticed
privacy-hold-emails = the emails the service sends you, and whether each was delivered
privacy-hold-failures = the internet address and time of failed attempts to sign in, to stop people guessing passwords
privacy-why = Why we hold it
privacy-why-text = To resolve disagreements under the Compact, which the signatory organisations have agreed to do: a task carried out in the public interest. We use your email address to tell you about the cases you are part of and the deadlines you owe. We never use it for anything else, and never sell or share it outside the Compact.
privacy-who = Who can see it
privacy-who-text = A case, and the names of the people acting in it, can be seen only by the two organisations in it, the Dispute Resolution Subgroup's chair, the panel that hears it, and the Compact's facilitator. Notes written for a panel are seen only by that panel, the chair and the facilitator. Reports of outcomes count cases; they never name an organisation or a person, and small numbers are hidden so that no case can be picked out.
privacy-how-long = How long we keep it
privacy-how-long-text = Failed sign-in attempts are forgotten after { $minutes } minutes; a browser is remembered for { $days } days after it signs in. Cases and their records are kept for as long as the Compact's records policy says, so that decisions and their recommendations can be followed up and reviewed.
privacy-rights = Your rights
privacy-rights-text = You can ask to see the information we hold about you, to have it corrected, or, where the law allows, to have it deleted or its use restricted. Write to:
privacy-complain = If you are not happy with our answer you can complain to the Information Commissioner's Office.
privacy-complain-link = Complain to the Information Commissioner's Office
accessibility-title = Accessibility statement
accessibility-lead = { $operator } runs this service for { $compact }. We want as many people as possible to be able to use it. You should be able to:
accessibility-zoom = zoom in up to 400% without the text spilling off the screen, and use it on a phone as narrow as 320 pixels
accessibility-keyboard = get through every page using only a keyboard
accessibility-reader = use it with a screen reader: every form field has a label, every error is listed at the top of the page and next to its field, and every chart has its figures in a table
accessibility-script = use it without JavaScript: every page works without it
accessibility-colours = change colours, contrast and fonts in your browser, and still read every page
accessibility-how = How accessible this service is
accessibility-how-text = Every page is checked automatically, in each role and at phone and desktop widths, against the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, with no serious or critical failure found. The service has not yet been audited by an accessibility specialist or tested with people who use assistive technology, so there may be problems those checks cannot find.
accessibility-files = Files added to a case (letters, minutes, reports) come from the organisations in it, and may not be accessible. Ask the organisation that added one for another format.
accessibility-feedback = Feedback and contact information
accessibility-feedback-text = If you find a problem, or need information from this service in another format, write to:
accessibility-enforcement = Enforcement procedure
accessibility-enforcement-text = The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
accessibility-eass = Contact the Equality Advisory and Support Service
accessibility-technical = Technical information
accessibility-technical-text = This statement describes version { $version } of the service. Its pages follow the patterns of the GOV.UK Design System.
cookies-title = Cookies
cookies-lead = Cookies are small files saved on your phone, tablet or computer when you visit a website. This service uses only the cookies it needs to work: none measures how you use it, none is shared with anyone else, and none is used for advertising. That is why it does not ask for your consent.
cookies-caption = Cookies this service sets
cookies-name = Name
cookies-for = What it is for
cookies-expires = When it expires
cookies-session = Keeps you signed in as you move from page to page
cookies-session-expires = After { $hours } hours, or when you sign out
cookies-visitor = Proves that the sign-in form you send came from this service, not another site
cookies-visitor-expires = When you close your browser
cookies-language = Remembers the language you chose with the English / Cymraeg link, when you are not signed in
cookies-language-expires = After a year
cookies-device = Remembers that this browser has signed in before, so someone guessing passwords elsewhere cannot lock you out
cookies-device-expires = After { $days } days
cookies-http-only = Each is marked HttpOnly, so no script can read it, and is sent only to this service.

## Your deadlines in your calendar

calendar-title = Your deadlines in your calendar
calendar-lead = Your calendar program (Outlook, Google Calendar, Apple Calendar) can show the deadlines you owe on your cases, and keep them up to date by itself. It reads them from a private address that only you have.
calendar-private = Each deadline shows only the case's reference, the step that is due and the day. Nothing else about a case is in it.
calendar-address = Your calendar address
calendar-copy = Copy this address into your calendar program, where it asks to add or subscribe to a calendar from the internet. It is shown only this once: keep it to yourself, as anyone with it can see your deadlines.
calendar-address-label = Calendar address
calendar-since = Your calendar address has been working since { $date }. If someone else may have it, replace it: the old one stops working at once.
calendar-none = You have no calendar address yet.
calendar-replace = Replace your calendar address
calendar-get = Get a calendar address
calendar-turn-off = Turn it off
calendar-turned-off = Your calendar address no longer works.
calendar-feed-name = Dispute deadlines

## The sign-in page's banners, and why a sign-in through an organisation was refused.

login-signed-out = You have signed out.
login-password-set = Your new password is set, and you were signed out everywhere. Sign in with it.
login-your-organisation = Your organisation
login-oidc-unreachable = { $provider }'s sign-in cannot be reached just now. Try again in a few minutes, or sign in with your email address and password
login-oidc-not-started-here = That sign-in did not start in this browser, or took more than ten minutes. Start again
login-oidc-refused = Your organisation's sign-in did not sign you in. Start again, or sign in with your email address and password
login-oidc-unchecked = The answer from your organisation's sign-in could not be trusted, so you were not signed in. Start again; if it happens again, tell the Compact's facilitator
login-oidc-unverified = Your organisation's sign-in did not confirm your email address, so it cannot sign you in here. Sign in with your email address and password
login-oidc-no-account = There is no account here for the address your organisation signed you in with. Ask the Compact's facilitator for one
