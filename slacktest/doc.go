// Package slacktest is a fake Slack workspace for testing code that calls the Slack Web API: a bot's
// replies, a job that exports channels, a tool that opens DMs. It keeps real state (users, channels,
// IMs, MPIMs, private channels, messages and threads, topics, file comments, bots, tokens), answers the
// Web API methods the way Slack does (shapes, documented error codes, cursor and legacy paging, token
// and scope checks), records every request, and can be told to fail or to enforce Slack's rate limits.
//
// It does not import the SDK (github.com/goslack/slack): it speaks JSON over HTTP like Slack, so the
// SDK's own internal tests can use it, and so can code built on any other client.
//
// # Starting
//
// NewT makes a workspace for a test and closes it when the test ends; a client of the SDK reaches it in
// memory with two options:
//
//	func TestGreet(t *testing.T) {
//		srv := slacktest.NewT(t)
//		client, err := slack.New(slacktest.BotToken,
//			slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))
//		if err != nil {
//			t.Fatal(err)
//		}
//
//		if err := greet(t.Context(), client, slacktest.GeneralID); err != nil {
//			t.Fatal(err)
//		}
//
//		srv.AssertPosted(t, slacktest.GeneralID, "Good morning")
//		srv.AssertCalled(t, "chat.postMessage", 1)
//	}
//
// There is no slacktest.Client returning a *slack.Client: that would make this package import the SDK,
// and the SDK's internal tests (package slack) could then not import this package.
//
// Open and New make a workspace outside tests (an example, a command such as cmd/slackfake); Close it
// when done.
//
// # Transports
//
// A Server is an http.RoundTripper: HTTPClient returns a client that answers in memory, with no socket,
// which works inside a testing/synctest bubble, where delays and Retry-After waits pass on the bubble's
// clock. Started (Start, NewServer, the Listen option), the same workspace also serves HTTP on a
// loopback port (an httptest.Server), for clients in other processes or languages. URL gives the base
// URL for either.
//
// # The seeded workspace
//
// Unless Empty is given, the workspace holds the team TeamID; the users alice (AliceID, an admin), bob
// and carol; the bot user tourbot (BotUserID, bot BotID); #general (everyone), #random (alice, bob, the
// bot) and the private #secret (alice, the bot); and the file FileID. BotToken is tourbot's token and
// UserToken alice's, both with every scope.
//
// Add more with the Add methods, WithSeed and Load (a Seed in Go), or WithSeedFile and LoadJSON (the
// same as JSON): users, bots, channels of every kind (public, private, IM, MPIM, archived), members,
// messages and threads, topics, and tokens (Token) with scopes, or revoked or inactive. A token with
// scopes gets missing_scope, with needed and provided, for a method its scopes do not allow.
//
// # Inspecting
//
// The request log (Requests, LastRequest, Count) holds each request's method, form, headers, the label
// of its token (never the token in print: Request's String and LogValue hide it) and time. Typed
// accessors return copies of the state: Messages (with threads and edits), Thread, User, Channel,
// Members, IM (open or closed, for whom), Ephemerals, Unfurls, File. The Assert helpers (AssertPosted,
// AssertReplied, AssertNotPosted, AssertCalled) fail a test with a message that shows what there was.
//
// # Behaving like Slack
//
// A method the workspace does not know answers HTTP 200 {"ok":false,"error":"unknown_method"}. Message
// timestamps are unique and increasing, even when the clock stands still. Listings page with opaque
// cursors, by default Slack's page sizes, or WithPageSize's; im.history and groups.history page with
// has_more and latest.
//
// Files upload as with Slack: files.getUploadURLExternal hands out an upload URL on the workspace's own
// base URL, which takes the bytes in one POST of the length asked for (the request log records it as
// UploadMethod, with the bytes); files.completeUploadExternal then makes the file (File, with its
// Content) and shares it in a channel or thread, in a message that carries it. files.list pages by page
// number, as Slack does.
//
// # Modals, Home tabs, user groups and search
//
// views.open and views.push take only trigger IDs the workspace issued: TriggerID gives one, as a user's
// interaction would, good for one use within TriggerTTL on the workspace's clock (then
// expired_trigger_id; a second use answers exchanged_trigger_id). The workspace keeps each user's modal
// stack (3 views at most: push_limit_reached) and Home tab, with the hash that views.update and
// views.publish check (hash_conflict); View and HomeView read them back. User groups keep their members,
// channels and disabled state (AddUsergroup, Usergroup). search.messages finds the stored messages the
// token's user can read by their words, "phrases", in: and from:, newest first, pages by page number, and
// answers a bot token not_allowed_token_type, as Slack does. team.info, team.profile.get and emoji.list
// answer from the seed; AddEmoji adds custom emoji.
//
// # OAuth, DND and reminders
//
// oauth.v2.access and oauth.v2.exchange take the credentials of the workspace's app (ClientID,
// ClientSecret) as HTTP Basic auth or as arguments, and no token. OAuthCode hands out a code for what a
// user granted (OAuthGrant), good for one use within OAuthCodeTTL; oauth.v2.access exchanges it for a bot
// token (and a user token, with user scopes) that the workspace then accepts, with exactly the scopes
// granted. SetTokenRotation turns on expiring tokens: the answers then carry refresh tokens, each good for
// one refresh, and oauth.v2.exchange turns a legacy token into a rotating one, once. auth.revoke revokes
// the token of the call. Each user's Do Not Disturb schedule and snooze (DND, SetDND; none until set) and
// reminders (Reminders) keep the changes the dnd.* and reminders.* methods make; those with only user
// scopes answer a bot token not_allowed_token_type, as Slack does.
//
// # Faults, limits and overrides
//
// Inject queues faults for a method (or "*"): a 429 with or without Retry-After (RateLimited), a 5xx or
// an HTML page (HTTPStatus, HTMLError), a dropped connection (Dropped), JSON cut off (Truncated), a slow
// answer (Slow), an ok answer with warnings (Warn); each n times (Fault.Times) or for the requests a
// predicate picks (Fault.When). EnforceTiers enforces Slack's published rate limits, scaled in time;
// SetRateLimit sets one method's token bucket and SetWindowLimit a fixed window of n requests;
// EnforceNonMarketplaceLimits applies Slack's limits for apps outside the Marketplace (1 history or
// replies request a minute, pages of at most 15). Each answers 429 with a whole-second Retry-After, and
// Sent429s counts the 429s they answered. Handle and Respond replace a method's answer with your own at
// any time, even after the server started; OnRequest adds a hook that sees every request.
//
// # Time
//
// WithClock sets the clock the workspace stamps messages, objects, requests and rate-limit refills
// with. By default it is time.Now, which inside a synctest bubble is the bubble's fake clock.
//
// # Concurrency
//
// A Server is safe for concurrent use. It starts no goroutine of its own: an in-memory request runs on
// one goroutine that ends with its answer, and Close stops the HTTP server and its connections.
package slacktest
