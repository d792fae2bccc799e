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
