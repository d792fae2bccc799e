## Problem documents (RFC 9457): each kind's title, and the details the service words itself.
## The kinds' names (the `type`), field names and codes stay English in every language.

problem-bad-request = The request could not be read
problem-unauthorised = Sign in first
problem-bad-credentials = Those sign-in details are not right
problem-forbidden = You may not do this
problem-not-found = Not found
problem-no-route = Not found
problem-conflict = Not possible now
problem-stale-version = Not possible now
problem-too-large = Too large
problem-unsupported-media-type = Unsupported media type
problem-invalid = Some fields cannot be used
problem-panel-refused = The panel breaks the panel rules
problem-too-many-attempts = Too many attempts
problem-unavailable = Temporarily unavailable
problem-internal = Something went wrong
problem-method-not-allowed = Method not allowed
problem-timeout = Request timed out
problem-error = The request cannot be answered

detail-unauthorised = This needs a signed-in session or a bearer token.
detail-bad-credentials = The email address or the password is not right.
detail-not-found = There is nothing here.
detail-no-route = There is no such address.
detail-method-not-allowed = This address does not accept that method.
detail-timeout = The request took too long.
detail-body-timeout = The request's body stopped arriving before it was complete.
detail-too-large = The request body is too large.
detail-unavailable = The service cannot reach its database. Try again in a moment.
detail-internal = The service could not complete this request. It has been logged.
detail-stale-version = The case has changed since version { $expected }; reload it and try again.
# $fields: the names of the fields, as the request gave them.
detail-invalid-fields = { $count ->
    [one] This field cannot be used: { $fields }.
   *[other] These fields cannot be used: { $fields }.
}

## Details of refusals the service words itself.

detail-form-expired = This form has expired, or did not come from this service. Go back, reload the page and try again.
detail-cookie-origin = A request signed in with the session cookie must come from this service's own pages. Scripts sign in with a bearer token.
detail-token-read-only = This API token may only read. Make a token with the write scope to change anything.
detail-code-first = Give the code from your authenticator app first: POST it to /api/v1/auth/second-factor.
detail-enrol-first = Your role needs an authenticator app: set one up first (POST /api/v1/me/authenticator, then confirm it with a code).
detail-token-cannot-manage-sign-in = An API token cannot manage sign-in: sign in with your password to manage tokens, sessions and your authenticator.
# $roles: one role's name, or a list of them (list-or).
detail-needs-role = This needs the { $roles } role.
list-or = { $first } or { $rest }
detail-sign-in-throttled-browser = Too many failed attempts to sign in from this browser. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
detail-sign-in-throttled = Too many failed attempts to sign in to this account, or from this network. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}, or sign in from a browser you have signed in with before.
detail-reset-throttled = Too many reset links were asked for from this network. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
detail-codes-throttled = Too many wrong codes. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
detail-raise-throttled = You have raised { $limit } disagreements in the last 24 hours, as many as one person may. Try again in { $hours ->
    [one] 1 hour
   *[other] { $hours } hours
}, or ask the facilitator.
detail-reset-link-gone = This reset link does not work: it was used, is more than an hour old, or was never sent. Ask for a new one.
detail-no-authenticator-being-set-up = There is no authenticator being set up: start again.
detail-no-code-owed = This session owes no code.
detail-no-authenticator = There is no authenticator on this account.
detail-authenticator-required = Your role needs an authenticator app, so it cannot be removed. If you have lost it, ask the facilitator to reset it.
detail-reset-own-authenticator = You cannot reset your own authenticator: another facilitator can, or remove it on your account page with a code from it.
detail-person-no-authenticator = This person has no authenticator.
detail-reply-not-added = It cannot be added: { $reason }.
detail-reply-unreadable = This email names no case that can be found, or cannot be read: discard it.
detail-panel-writers = Only the panel of the case's stage, the subgroup chair and the facilitator may write for the panel.
detail-attachment-too-large = Attachments may be at most { $limit } bytes.
detail-body-too-large-limit = The request body is larger than this service accepts ({ $limit } bytes).
detail-body-larger = The request body is larger than this service accepts.
detail-no-letter = { $reference } has no { $kind } decision to write a letter of
detail-letter-kinds = a letter is `informal`, `formal` or `appeal`
detail-link-no-panel = this case has no panel yet: convene its panel first, then on the cases linked to it
detail-bundle-who = a case's bundle is for its two organisations and the facilitator
detail-not-now = You cannot do this to the case now. It may have moved on since you opened the page.
detail-file-by-form = Send the file with the form on the case page.
detail-file-multipart = Send the file as multipart/form-data.
detail-form-encoding = Send the form as application/x-www-form-urlencoded.
detail-send-json = Send the body as JSON, with Content-Type: application/json.
detail-if-match = If-Match must be the case's version as its ETag gives it, e.g. "3".
detail-idempotency-key = An Idempotency-Key is 1 to 200 visible ASCII characters.
detail-idempotency-busy = A request with this Idempotency-Key is still being answered.

## A field's problem, after its name.

field-parties-or-panel = must be parties or panel
field-not-before-from = must not be before from
field-a-quarter-after-from = must be at least a calendar quarter (three months) after from: shorter periods could pick out a single case
field-a-year = must be a year, like 2026
field-not-a-year = is not a year
field-wrong-code = is not right: enter the 6-digit code your authenticator app shows now, or one of your recovery codes
field-file-not-its-kind = is called { $name }, but its contents are not { $kind }: send the file as it was made
field-no-such-case = there is no such case
field-turn-on-or-off = must be turn_on or turn_off
field-en-or-cy = is not en or cy
field-not-a-checker = is not a checker
field-idempotency-key-reused = was already used for a different request
field-too-far-ahead = is too far in the future to calculate with
field-days-at-most = must be at most { $max }, and the result a representable date

## Kinds of file, in a refusal of one whose contents are not what its name says. The English
## the service gives is its own; these name the same kinds in every language.

file-kind-pdf = a PDF
file-kind-png = a PNG picture
file-kind-jpg = a JPEG picture
file-kind-gif = a GIF picture
file-kind-txt = text
file-kind-csv = CSV
file-kind-eml = an email
file-kind-msg = an Outlook email
file-kind-rtf = a rich-text document
file-kind-doc = a Word document
file-kind-docx = a Word document
file-kind-xls = an Excel spreadsheet
file-kind-xlsx = an Excel spreadsheet
file-kind-odt = an OpenDocument text
file-kind-ods = an OpenDocument spreadsheet

## Conflicts the store reports (the same words as the store's own).

detail-organisation-name-taken = an organisation with that name already exists
detail-email-taken = someone already has that email address
detail-person-erased = this person has been erased and cannot be changed
detail-person-erased-already = this person has already been erased
detail-authenticator-set-up-already = an authenticator is already set up for this person
detail-delivery-waiting = this delivery is waiting to be sent already
detail-value-taken = that value is already taken
detail-idempotency-key-busy = the idempotency key is busy

## More of a field's problems, after its name.

field-password-short = must be at least { $min } characters
field-password-common = is one of the passwords people use most, which are guessed first: choose another, such as a few unrelated words
field-password-pattern = repeats a character or a word, or runs in order (like abcdef or 123456): choose a few unrelated words
field-password-personal = is mostly your name, your email address or the name of this service, which are guessed first: choose a few unrelated words
field-visibility-required = is required: choose parties (everyone on the case) or panel (the panel, the subgroup chair and the facilitator only)
field-file-empty = is empty: choose a file
field-q-shape = must be at most 200 characters, without control characters
field-linked-to-shape = must be a case's reference, at most 40 characters
field-principle-choice = must be one of the Compact's principles: { $principles }
field-due-within-most = must be at most { $max } working days
field-cursor = is not a cursor of this list: send the next_cursor of its page before, with the same sort
field-action-mismatch = must be { $action }, the action the address names
field-not-a-field-of = is not a field of { $action }
field-panel-most = a panel has at most { $max } members
field-no-such-organisation = there is no such organisation
field-token-name = must be 1 to { $max } characters on one line
field-token-days = must be from 1 to { $max } days
field-url-not-address = is not an address: { $error }
field-url-https-or-private = must be an https:// address: a case's title must not cross a network in the clear (webhooks.allow_http allows http:// on a private network)
field-url-https = must be an https:// address
field-url-host = must name a host
field-url-credentials = must not hold a user name or password: deliveries are signed instead
field-description = must be at most { $max } characters, on one line
field-erase-yourself = you cannot erase yourself; another facilitator can
field-name-length = must be 1 to 200 characters
field-grouping-choice = must be one of the Compact's groupings: { $groupings }
field-roles-none = give at least one role
field-deactivate-yourself = you cannot deactivate yourself; another facilitator can
field-give-up-facilitator = you cannot give up your own facilitator role; another facilitator can
field-link-itself = is this case: link it to another
field-saved-most = you have saved { $count } lists already: delete one first
detail-no-randomness = no randomness to make a secret with

## The body of a request, or its fields, as the API reads them.

detail-not-json = The body is not valid JSON: { $error }
field-not-a-field = is not a field of this request
field-not-a-field-one-of = is not a field of this request, expected one of { $fields }
field-not-a-field-expected = is not a field of this request, expected { $fields }
detail-database-away = The database has not answered for { $seconds } seconds.
detail-migrations-pending = { $count } database migrations are pending.
