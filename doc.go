// Package slack is a typed client for the Slack Web API.
//
// # Authentication
//
// A Client calls Slack with one token: a bot token ("xoxb-…") or a user token ("xoxp-…"). The token
// travels in the Authorization header of every request, never in a URL, an error or a log record, and
// in a form only as the argument of OAuth.V2Exchange, the token that call converts.
//
//	client, err := slack.New(os.Getenv("SLACK_TOKEN"))
//
// For an app installed in several workspaces, Client.WithToken makes a client for another token that
// shares the HTTP connection pool and the options but keeps its own rate-limit state.
//
// An app that has no token yet installs itself with New(""): the OAuth methods of that client send the
// app's client ID and secret as HTTP Basic auth, and every other call fails with ErrInvalidArguments
// before anything is sent. The OAuth answers print their tokens redacted, with fmt and slog alike.
//
// # Calling methods
//
// Slack's method family.verb is client.Family.Verb: users.lookupByEmail is client.Users.LookupByEmail.
// Required arguments are positional; optional ones live in a params struct that may be nil and is never
// changed by the call:
//
//	posted, err := client.Chat.PostMessage(ctx, "C0123456789", &slack.ChatPostMessageParams{
//		Text:     "Deploy finished",
//		ThreadTS: parentTS,
//	})
//
// A missing required argument, or a page size out of range, fails with ErrInvalidArguments before
// anything is sent. Client.Call reaches any method the package does not wrap yet.
//
// Message timestamps ("ts", "1503435956.000247") are strings: they identify messages and lose precision
// as floats. ParseTS turns one into a time.Time. Answers are decoded tolerantly: numbers sent as strings,
// booleans sent as 0 or 1 and millisecond timestamps all decode, and a value that fits its field in no
// way (a timestamp "abc", a number too large for its field) is dropped: the field keeps its zero value
// and the call still succeeds. A result type of your own given to Client.Call that decodes itself (has
// an UnmarshalJSON method) keeps the last word: its error is the call's error.
//
// # Errors
//
// A call that Slack answers with ok:false returns an *Error whose Code is Slack's error code. Every code
// Slack documents for these methods is an ErrorCode constant, and *Error unwraps to its code:
//
//	_, err := client.Users.LookupByEmail(ctx, email)
//	if errors.Is(err, slack.ErrUsersNotFound) {
//		// nobody has that address
//	}
//
// An answer that is not a Slack answer (an HTML error page, a truncated body) is an *Error too, with
// the code ErrHTTPError or ErrInvalidResponse and the HTTP status in StatusCode. Transport and context
// errors are wrapped, so errors.Is(err, context.DeadlineExceeded) works.
//
// # Pagination
//
// Each listing has a page call and an iterator: Users.List returns one page and its NextCursor (pass it
// back in params.Cursor to resume, even in another process); Users.ListAll is an iter.Seq2 over every
// item, fetching pages as the loop reaches them:
//
//	for user, err := range client.Users.ListAll(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(user.Name)
//	}
//
// Iterators send nothing until ranged, ask for DefaultPageSize items a page when Limit is 0, stop on an
// empty or repeated cursor, yield an error once and stop, and cost no further request after a break.
// The retired im.history and groups.history page by timestamp instead of cursor: IM.HistoryAll and
// Groups.HistoryAll move Latest to the oldest message of each page, with Count as the page size.
//
// # Retired methods
//
// The IM and Groups services, Files.AddComment, Files.EditComment and Users.SetActive wrap methods Slack
// has retired. They work as Slack documented them, against a workspace or a Slack-compatible server that
// still serves them, and each is marked Deprecated with its replacement (mostly a Conversations method),
// so that gopls and staticcheck point callers to it. Two retired families are not wrapped: files.upload,
// which stopped working on 12 November 2025 (Files.Upload runs the flow that replaced it), and stars.*,
// which users no longer see and which nothing replaces.
//
// # Rate limits and retries
//
// The client keeps each method under Slack's published limit before sending: a bucket per method (per
// channel for chat.postMessage, 60 a minute each) at the method's tier (Tier 1 = 1 call a minute, Tier 2
// = 20, Tier 3 = 50, Tier 4 = 100; chat.getPermalink and auth.test 600). It keeps a reserve: told R calls
// a minute with a burst of B, it paces at 0.99 R and spends at most half of B at once, so that network
// jitter finds Slack's bucket not empty. A call waits for its turn, in the order the callers came; a turn
// that would come after the context's deadline fails the call at once with an error wrapping
// context.DeadlineExceeded. WithRateLimiting(false) turns the tier table off, WithMethodLimit sets one
// method's limit (the higher rate Slack granted an app), and WithNonMarketplaceLimits applies Slack's
// limits for commercially distributed apps outside the Marketplace (conversations.history and
// conversations.replies at 1 a minute, pages of at most 15).
//
// A 429 teaches the method's bucket that the real limit is lower than it believed (another process of
// the app shares it, or Slack applies a lower one): the bucket halves its rate, or takes the rate Slack
// served before the 429 when Retry-After shows a long window, and climbs back to its limit over minutes
// to hours. Client.RateLimit reports the rate a bucket paces at, and the log records carry it.
//
// A call answered with HTTP 429 is retried after the Retry-After Slack gives (up to WithMaxRetries
// times), and every other caller of that method on the client (for chat.postMessage, every caller
// posting to that channel) waits out the same pause instead of drawing its own 429, and resumes one at a
// time at the rate just learned. If the wait is longer than WithMaxRetryWait or the context's deadline,
// or Slack still answers 429 when the retries run out, the call fails at once with a *RateLimitError,
// which errors.Is matches with both ErrRatelimited and ErrRateLimited.
//
// A 5xx answer or a lost connection is retried, with capped exponential backoff and jitter, only for
// methods that change nothing (info, list, history, lookups, …). A write is not retried once it may have
// reached Slack: Slack has no idempotency keys, and a message posted twice is worse than an error.
//
// # Logging
//
// WithLogger sends the client's records to a *slog.Logger: each attempt at Debug level, each retry and
// wait at Info, and the warnings Slack attaches to successful answers at Warn. The default logger
// discards everything.
//
// # Testing code that uses the client
//
// Point the client at a test server with WithBaseURL (https, or http on a loopback address such as an
// httptest.Server's), or give it a transport with WithHTTPClient, and answer with Slack's JSON:
//
//	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
//		fmt.Fprint(w, `{"ok":true,"channel":"C1","ts":"1.000001","message":{"ts":"1.000001"}}`)
//	}))
//	client, _ := slack.New("xoxb-test", slack.WithBaseURL(srv.URL+"/api/"))
//
// This module tests itself against a stateful fake workspace (package slacktest) that keeps users,
// channels and messages, answers with Slack's error codes and can inject 429s and faults; the examples
// run against it when SLACK_TOKEN is unset.
package slack
