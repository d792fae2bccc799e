## Emails. Every email greets its reader, says what happened in the service's own words,
## and links to the case page: the case's text never leaves in an email.

email-dear = Dear { $recipient },
email-case = Case
email-now = Now
email-see-case = See the case
email-what-next = What happens next
# One step owed: $who (an organisation, or a role), $what (from the deadline- entries), $due (a date).
email-step = { $who } to { $what } by { $due }.
email-letter = The decision letter (PDF)
email-what-you-can-do = What you can do next
email-replies = You can reply to this email: what you write, and any files you attach, are added to the case as a message.
email-footer-case = You are getting this email because you are involved in case { $reference } under { $compact }. The case's details are on the case page; emails never carry them.
email-state-open = { $state } (at { $stage })
email-state-closed = Closed: { $outcome }
email-state-paused = Paused at { $stage }; it resumes: { $state }

email-subject-transition = { $reference }: { $summary } - { $title }
email-subject-reminder = { $reference }: reminder - { $what } by { $due }
email-subject-overdue = { $reference }: overdue - { $what } was due { $due }

email-reminder = A reminder: { $who } to { $what } by { $due }.
email-overdue = Overdue: { $who } to { $what } by { $due }, and it has not been done.
email-overdue-told = The subgroup chair and the facilitator have been told too. If more time is needed, they can extend the deadline.

## News of messages and files

# $who: the people who added them; $what: how many of each (news-messages, news-files).
news-added = { $who } added { $what } to the case.
news-messages = { $count ->
    [one] a message
   *[other] { $count } messages
}
news-files = { $count ->
    [one] a file
   *[other] { $count } files
}
news-panel-all = They are for the panel only.
news-panel-some = { $count ->
    [one] One is for the panel only.
   *[other] { $count } are for the panel only.
}
news-summary-messages = new messages
news-summary-files = new files
news-summary-both = new messages and files
news-read = Read them on the case page
news-gathered = News of messages and files is gathered, so that you get at most one such email about a case in a while. Emails never carry what the messages say or what the files are.
news-footer = You are getting this email because you can read what is added to case { $reference } under { $compact }.

## Emails about a person's own account

account-subject-password_reset = Set a new password for { $compact } disputes
account-subject-password_changed = Your password for { $compact } disputes was changed
account-subject-second_factor_added = An authenticator app now guards your { $compact } disputes account
account-subject-second_factor_removed = The authenticator app was removed from your { $compact } disputes account
account-subject-token_created = An API token was made for your { $compact } disputes account
account-reset-ask = Someone, we hope you, asked to set a new password for your account. To choose one, use this link within { $minutes } minutes:
account-reset-link = Set a new password
account-reset-once = The link works once. If you did not ask, you can ignore this email: your password stays as it is.
account-changed = Your password was just changed with a reset link, and every place you were signed in has been signed out.
account-tell = If you did not do this, tell the Compact's facilitator at once.
account-added = An authenticator app was set up on your account.
account-added-more = From now on, signing in with your password also asks for a code from it.
account-removed = The authenticator app was removed from your account by { $by }.
account-removed-more = If your role needs one, you will be asked to set up a new one the next time you sign in.
account-tell-unexpected = If you did not expect this, tell the Compact's facilitator at once.
account-token = An API token called “{ $name }” was made for your account.
account-token-more = Programs holding it can act for you until it expires or is revoked.
account-token-tell = If you did not do this, revoke it on your account page and tell the Compact's facilitator.
account-your-account = Your account
account-footer = You are getting this email because it is about your own account with { $compact }.

## Answers to emails received

reply-subject-recorded = Your reply is on case { $reference }
reply-subject-refused = Your email was not added to case { $reference }
reply-subject-refused-anywhere = Your email was not added to a case
reply-recorded = Your email “{ $subject }” is now on case { $reference }, with any files it carried.
reply-panel-only = It is for the panel only: the panel of the case's stage, the subgroup chair and the facilitator can read it, and the parties cannot. This is the most private choice you can make, so nothing you wrote for the panel reaches a party by mistake.
reply-share = Open it to share it with everyone on the case
reply-everyone = Everyone on the case can read it.
reply-see-it = See it on the case
# $reason is the service's own account of why, in English (see the note in the Welsh file).
reply-refused = Your email “{ $subject }” was not added to case { $reference }, because { $reason }.
reply-refused-anywhere = Your email “{ $subject }” was not added to any case, because { $reason }.
reply-nothing = Nothing from it is on the case. The facilitator can see it, and may add it after checking. If you need to say something on the case, sign in and write it there.
reply-sign-in = Sign in
reply-footer = This is an automatic answer to an email you sent to { $compact }. Replies to it are not read.

## Why a reply by email was refused, after "because" (the facilitator reads it as a sentence).

reply-reason-unreadable = it could not be read as an email
reply-reason-no-longer = you can no longer write on this case
reply-reason-unauthenticated = its mail server could not show that it came from your address
reply-reason-other-address = it came from an address other than the one this reply address was given to
reply-reason-closed = the case is closed
reply-reason-file-too-large = the file { $name } is larger than the { $limit } a file may be
reply-reason-file-refused = the file { $name } was refused: { $why }
reply-reason-text = its text { $why }
reply-reason-empty = it held no text or files
