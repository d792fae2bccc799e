## Decision letters (decision_letter.txt): the PDF each party is sent of a decision

letter-heading-informal = Agreed resolution of a disagreement
letter-heading-formal = Decision of the Dispute Resolution Panel
letter-heading-appeal = Decision on the appeal
letter-to = To: { $to }
letter-case = Case: { $reference }, { $title }
letter-about = What the disagreement was about
letter-principles = The Compact principles at issue:
letter-resolution = The agreed resolution
letter-decision = The decision
letter-recommendations = Recommendations
# After what a recommendation asks, which the letter gives as it was written.
letter-recommendation-for = For { $owner }, by { $due }.
letter-next = What happens next
letter-not-satisfied = If you are still not satisfied
letter-link = The case, its timeline and this letter: { $link }
letter-signed = { $operator }, for { $compact }
# An appeal's result and, when it changed the decision, the new finding.
letter-appeal-outcome = { $result }: { $outcome }
letter-next-resolved = The disagreement is resolved on these terms, and the case is closed.
letter-next-appeal-by = Either organisation may appeal against this decision, on the case's page, by { $date }. After that day the decision stands.
letter-next-appealed = An appeal was lodged against this decision: an appeal panel decides it.
letter-next-stands = The time to appeal has passed: the decision stands, and the case is closed.
letter-next-final = This decision is final under the Compact, and the case is closed.
letter-next-recommendations = Each organisation named reports on its recommendations by the day given; the Compact's Champions follow them.

## The case bundle's record (record.pdf), in the requester's language.

record-title = Case record: { $reference }
record-as-seen = As { $viewer } may see it, on { $date }.
record-about = About the disagreement
record-raised-by = Raised by: { $organisation }
record-with = With: { $organisation }
record-opened = Opened: { $date }
record-stands = Where it stands: { $state }
record-outcome = Outcome: { $outcome }
record-principles = The Compact principles at issue:
record-as-raised = What happened, as raised
record-wanted = What the raising organisation wants
record-decision = The panel's decision
record-decided = { $outcome }, on { $date }.
record-appeal = The appeal decision
record-appeal-decided = { $result }: { $outcome }, on { $date }.
record-story = What has happened
record-story-none = Nothing yet.
record-story-line = { $date }: { $headline }
record-messages = Messages
record-messages-none = No messages.
record-message = { $date }, { $person }: { $body }
record-files = Files
record-files-none = No files.
record-file = { $name } ({ $kb } KB), from { $person }, { $date }: { $path }
record-file-removed = { $name } (removed)
record-trail = The audit trail
record-trail-said = { $events } events, the last ending the chain with { $hash }. Each is in audit/events.json with its seals and hashes; `disputes audit verify-bundle` checks them, and this bundle, offline.
