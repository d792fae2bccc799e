## Your account: sessions, API tokens, the authenticator app and the security history

account-title = Your account
account-lead = You sign in as { $email }. Here you can see where you are signed in, make tokens for programs that use the service for you, and set up an authenticator app.
account-done-revoked = The token was revoked: it no longer works.
account-done-ended = That session was signed out.
account-done-others = Every other session was signed out.
account-done-removed = Your authenticator app was removed.
# An instant in a table: $date is a short date ("4 Dec 2026"), $time a 24-hour time.
account-moment = { $date }, { $time }
account-never = Never

account-authenticator = Authenticator app
account-authenticator-on = An authenticator app guards your account: signing in with your password also asks for a code from it. You have { $left ->
    [one] { $left } recovery code
   *[other] { $left } recovery codes
} left.
account-authenticator-required = Your role needs an authenticator app. You will be asked to set one up when you next sign in.
account-authenticator-offer = An authenticator app on your phone (such as Microsoft Authenticator or Google Authenticator) makes it much harder for anyone who learns your password to sign in as you.
account-authenticator-link-on = Your authenticator app and recovery codes
account-authenticator-link-off = Set up an authenticator app

account-sessions = Where you are signed in
account-sessions-caption = Your sessions, the most recently used first
account-session-device = Browser or program
account-session-from = From
account-session-signed-in = Signed in
account-session-last-used = Last used
account-session-this = This browser
account-session-sign-out = Sign out
account-session-sign-out-this = this browser
account-sessions-end-others = Sign out everywhere else
# What a browser's User-Agent names: "Firefox on Windows".
account-device = { $browser } on { $system }
account-device-browser = A browser on { $system }
account-device-unsaid = A browser or program that did not say
account-device-python = A Python program
account-device-mac = a Mac

account-tokens = API tokens
account-tokens-lead = A token lets a program (a spreadsheet, a reporting tool) use the service's API as you. Each works until it expires or you revoke it, and can do no more than you can. You are emailed when one is made.
account-token-new = Your new token is below. Copy it now: it is shown only this once.
account-token-new-keep = Keep it to yourself, like a password.
account-token-label = Token
account-token-header = Programs send it in this header, followed by the token:
account-tokens-caption = Your API tokens
account-token-name = Name
account-token-may = May
account-token-expires = Expires
account-token-last-used = Last used
account-token-revoke = Revoke
account-tokens-none = You have no API tokens.
account-token-make = Make a token
account-token-make-button = Make the token
account-token-scope-read = Read only
account-token-scope-read-hint = It can look at what you can see, and change nothing.
account-token-scope-write = Read and write
account-token-scope-write-hint = It can do whatever you can.
token-field-name = The token's name
token-field-name-hint = What it is for, so you recognise it later. For example: Monthly report.
token-field-scope = What it may do
token-field-scope-required = Choose what it may do
token-field-expires_in_days = Days until it stops working
token-field-expires_in_days-hint = From 1 to { $max }.

account-history = Recent changes to your sign-in
account-history-caption = Recent changes to your sign-in, newest first
account-history-when = When
account-history-what = What
account-history-from = From
account-history-unknown = If you see a change you did not make, tell the Compact's facilitator.
account-history-none = Nothing has changed yet.
# A change someone else made: "The password was reset (by Sam Patel)".
account-history-by = { $what } (by { $by })
# A change with more to say: the token's name, the facilitator's reason.
account-history-detail = { $what }: { $detail }
account-history-by-detail = { $what } (by { $by }): { $detail }
account-event-reset_requested = A password reset link was sent
account-event-password_reset = The password was reset
account-event-second_factor_added = An authenticator app was set up
account-event-second_factor_removed = The authenticator app was removed
account-event-recovery_code_used = A recovery code was used to sign in
account-event-token_created = An API token was made
account-event-token_revoked = An API token was revoked
account-event-signed_out_elsewhere = Every other session was signed out

## Setting up the authenticator app

authenticator-title-on = Your authenticator app
authenticator-title-set-up = Set up an authenticator app
authenticator-codes-title = Your recovery codes
authenticator-codes-lead = Your authenticator app now guards your account. If you lose your phone, each of these codes signs you in once instead of a code from the app.
authenticator-codes-once = They are shown only this once.
authenticator-codes-keep = Print them or write them down, and keep them somewhere safe, apart from your phone.
authenticator-codes-kept = I have kept my recovery codes
authenticator-owed-short = Your role needs an authenticator app before you can go on. It takes a minute.
authenticator-step-open = Open an authenticator app on your phone (such as Microsoft Authenticator, Google Authenticator or 2FAS) and choose to add an account.
authenticator-step-scan = Scan this QR code with it.
authenticator-step-type = Type the 6-digit code the app then shows.
authenticator-qr = A QR code for your authenticator app; the key below holds the same
authenticator-cannot-scan = I cannot scan the code
authenticator-by-hand = Choose to enter a key by hand in the app, and type this key (time-based, 6 digits):
authenticator-confirm = Confirm
authenticator-required-kept = Your role needs an authenticator app, so it cannot be removed here. If you lose your phone and your recovery codes, ask the Compact's facilitator to reset it.
authenticator-remove-title = Remove it
authenticator-remove-lead = If you stop using it, your password alone will sign you in again.
authenticator-remove = Remove the authenticator app
authenticator-back = Back to your account
authenticator-owed = Your role lets you see every case, so your account needs more than a password. Before you go on, set up an authenticator app on your phone: from then on, signing in asks for your password and a code from the app.
authenticator-offer = An authenticator app on your phone makes it much harder for anyone who learns your password to sign in as you: signing in will ask for your password and a code from the app.
authenticator-start = Start
code-field-code = The 6-digit code from the app
code-field-code-remove = A code from the app, to show it is you
