## Administration: organisations, people and roles, emails, webhooks

admin-contents-organisations = Organisations
admin-contents-people = People and roles
admin-contents-emails = Emails that could not be sent
admin-contents-quarantine = Emails received and not added
admin-contents-webhooks = Webhooks
admin-contents-webhooks-what = case events sent to other systems
admin-to-look-at = { $count } to look at
admin-done-organisation = The organisation has been added.
admin-done-person = The person has been added. Give them their password yourself; it is never emailed.
admin-done-changed = The person's details have been changed.
admin-done-resent = The email will be sent again within a minute.
admin-done-released = The email has been added to its case.
admin-done-discarded = The email has been discarded.

admin-organisations-caption = Signatory organisations
admin-organisation-name = Name
admin-organisation-sector = Sector
admin-organisation-grouping = Grouping
admin-organisation-signed = Signed
admin-organisation-add = Add an organisation
admin-organisation-add-button = Add organisation
admin-field-name = The name
admin-field-sector = The sector
admin-field-sector-required = Choose the sector
admin-field-grouping = The grouping
admin-field-grouping-required = Choose the grouping
admin-field-signatory_since = The date it signed the Compact
admin-field-organisation_id = The organisation
admin-field-organisation_id-required = Choose the organisation
admin-field-roles = The roles
admin-field-roles-required = Choose at least one role
admin-field-password = The password
admin-field-email = The email address
admin-field-language = The language
admin-label-name = Name
admin-label-sector = Sector
admin-label-grouping = Grouping
admin-label-signatory_since = Date it signed the Compact (optional)
admin-label-email = Email address
admin-label-organisation = Organisation
admin-label-roles = Roles

admin-people-caption = People who can sign in
admin-person-name = Name
admin-person-organisation = Organisation
admin-person-roles = Roles
admin-person-change = Change
admin-person-cannot-sign-in = Cannot sign in
admin-people-pages = Pages of people
admin-person-add = Add a person
admin-person-add-button = Add person
admin-person-first-password = First password
admin-person-first-password-hint = At least { $min } characters. Tell them it yourself; it is never emailed.
# What each role may do, under its name on the people forms.
role-member = Member
role-member-hint = Acts for their organisation: raises disagreements and responds to them
role-champion = Champion
role-champion-hint = Compact Champion: sees their organisation's cases and the outcomes
role-subgroup = Subgroup
role-subgroup-hint = Sits on the Dispute Resolution Subgroup's panels
role-chair = Chair
role-chair-hint = Chairs the subgroup: accepts formal complaints and convenes panels
role-facilitator = Facilitator
role-facilitator-hint = Runs the Compact's process: sees every case and administers

admin-emails-caption = Emails given up on, newest first
admin-email-case = Case
admin-email-to = To
admin-email-about = About
admin-email-wrong = What went wrong
admin-email-attempts = { $count ->
    [one] { $count } attempt
   *[other] { $count } attempts
}
admin-email-send-again = Send again
admin-email-send-again-to = to { $to }
admin-emails-none = Every email has been sent or is on its way.

admin-quarantine-lead = Replies by email that were not added to their case. Add one only when you are sure who sent it: it is added as written by the person its reply address was given to.
admin-quarantine-caption = Emails received and not added, newest first
admin-quarantine-of = Reply address of
admin-quarantine-from = From
admin-quarantine-subject = Subject
admin-quarantine-why = Why not added
admin-quarantine-settle = Add or discard
admin-quarantine-add = Add to the case
admin-quarantine-discard = Discard
admin-quarantine-none = Every email received has been added to its case.

## A person's page in administration

person-erased-title = An erased person
person-change-title = Change { $name }
person-back = Back to administration
person-erased-on = This person was erased on { $date }. Their sign-in, name and email address are gone. Each case they took part in records the erasure in its audit trail.
person-erased-on-text = This person was erased on { $date }. Their sign-in, name and email address are gone, and so is the text they wrote on cases. Each case they took part in records the erasure in its audit trail.
person-signing-in = Signing in
person-may-sign-in = They may sign in
person-may-sign-in-hint = Clearing this ends their sessions at once.
person-new-password = New password (optional)
person-new-password-hint = At least { $min } characters. Setting one ends their sessions.
person-save = Save changes
person-authenticator = Authenticator app
person-authenticator-on = { $name } has an authenticator app. If they have lost it and their recovery codes, you can remove it: their sessions end, they are told by email, and they set up a new one when they next sign in if their role needs one. Check that it is really them asking first, for example by calling their office.
person-authenticator-off = { $name } has no authenticator app.
person-authenticator-remove = Remove their authenticator app
reset-field-reason = Why it is being reset
reset-field-reason-hint = Kept in their security history, which they can see. For example: lost their phone; confirmed by a call to their office.
person-history = Changes to their sign-in
person-history-caption = Changes to their sign-in, newest first
person-history-none = Nothing yet.
person-records = What the service holds about { $name }
person-records-erased = What the service holds about them
person-records-lead = For a subject access request: every record that names this person, table by table. Password and token hashes and the files' contents are left out.
person-records-pdf = Download everything held about { $name }, to read (PDF)
person-records-pdf-erased = Download everything held about this person, to read (PDF)
person-records-json = The same, for another system (JSON)
person-erase-title = Erase { $name }
person-erase-lead-text = Erasing a person ends their sign-in for good and replaces their name and email address with "{ $tombstone }" everywhere, and removes the text they wrote on cases: messages, files and what they wrote when they acted. Each case they took part in records the erasure and your reason in its audit trail. Download what is held about them first if they asked for it.
person-erase-lead = Erasing a person ends their sign-in for good and replaces their name and email address with "{ $tombstone }" everywhere; the text they wrote on cases stays, under that name. Each case they took part in records the erasure and your reason in its audit trail. Download what is held about them first if they asked for it.
person-erase-warning = You cannot undo an erasure.
person-erase-button = Erase { $name }
erase-field-reason = Why they are being erased
erase-field-reason-required = Enter why they are being erased
erase-field-reason-hint = Kept in the audit trail of their cases, for facilitators only. For example: asked for erasure by email on 1 December.
erase-field-understood = Confirm
erase-field-understood-required = Confirm that you understand an erasure cannot be undone
erase-understood = I understand this cannot be undone

## Webhooks

webhooks-back = Back to administration
webhooks-title = Webhooks
webhooks-done-removed = The endpoint has been removed.
webhooks-lead = Another system (a case-management or records system, a chat channel) can be sent every case event as it happens: who raised what, each step taken, each decision. Each event is posted to the endpoint's address as JSON, signed by the Standard Webhooks scheme, and carries no more of a case than its emails do: the reference, the title and where the case stands.
webhooks-created = The endpoint is registered
webhooks-created-lead = Give its owner this signing secret, so they can check that each delivery came from this service. It is shown only this once.
webhooks-secret-for = Signing secret for { $url }
webhooks-endpoints = Endpoints
webhooks-endpoints-caption = Registered endpoints, oldest first
webhooks-address = Address
webhooks-for = What it is for
webhooks-registered = Registered
webhooks-none = No endpoint is registered: case events go nowhere but email.
webhooks-register = Register an endpoint
webhooks-register-button = Register the endpoint
webhook-field-url = The endpoint's address
webhook-field-url-hint = An https:// address that answers a POST with a 2xx status. A delivery that is refused is tried again, with longer waits each time, and shown here if it is given up on.
webhook-field-description = What it is for (optional)
webhook-field-description-hint = For example: the council's records system.
webhook-back = Back to webhooks
webhook-title = Deliveries to { $url }
webhook-done-resent = The delivery will be sent again within a minute.
# webhook-id is the header's name, and stays as it is.
webhook-lead = The latest 100 deliveries, newest first. A delivery sent again goes with the same webhook-id, so a receiver that has it already can tell.
webhook-caption = Deliveries, newest first
webhook-case = Case
webhook-event = Event
webhook-status = Status
webhook-wrong = What went wrong
webhook-send-again = Send again
webhook-send-again-of = { $event } on { $reference }
webhook-sent = Delivered
webhook-failed = Given up on
webhook-pending = Waiting
webhook-none = Nothing has been sent to it yet.
webhook-remove-title = Remove this endpoint
webhook-remove-lead = It will be sent nothing more, and its deliveries are forgotten.
webhook-remove = Remove the endpoint
