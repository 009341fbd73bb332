package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"
)

// Version is the version of this SDK, sent in the User-Agent header of every request.
const Version = "0.1.0"

// Defaults of the client's options.
const (
	// DefaultBaseURL is where the Slack Web API lives.
	DefaultBaseURL = "https://slack.com/api/"
	// DefaultMaxRetries is how many times a call is retried after a 429 (or, for a method that changes
	// nothing, after a 5xx or a connection error).
	DefaultMaxRetries = 3
	// DefaultMaxRetryWait is the longest Retry-After the client waits out before it gives up with a
	// *RateLimitError.
	DefaultMaxRetryWait = 2 * time.Minute
	// DefaultMaxResponseBytes is the largest answer the client reads; a larger one fails with
	// ErrResponseTooLarge.
	DefaultMaxResponseBytes = 32 << 20
)

// defaultUserAgent names the SDK and its version.
const defaultUserAgent = "goslack/" + Version + " (+https://github.com/goslack/slack)"

// Client calls the Slack Web API with one token. Its services (Chat, Users, …) hold the typed methods;
// Call is the escape hatch for methods the SDK does not wrap. A Client is safe for concurrent use by many
// goroutines.
type Client struct {
	cfg    *config
	cred   func() *credentials // a closure, so that no printer (fmt, slog, go-spew, go-cmp) reaches the token
	limits *limiter

	common service

	// Auth holds auth.test and auth.revoke.
	Auth *AuthService
	// Chat holds the chat.* methods.
	Chat *ChatService
	// Users holds the users.* and users.profile.* methods.
	Users *UsersService
	// Conversations holds the conversations.* methods.
	Conversations *ConversationsService
	// IM holds the retired im.* methods.
	IM *IMService
	// Groups holds the retired groups.* methods.
	Groups *GroupsService
	// Files holds the files.* methods and the upload flow, Files.Upload.
	Files *FilesService
	// Bots holds bots.info.
	Bots *BotsService
	// Reactions holds the reactions.* methods.
	Reactions *ReactionsService
	// Pins holds the pins.* methods.
	Pins *PinsService
	// Bookmarks holds the bookmarks.* methods.
	Bookmarks *BookmarksService
	// Views holds the views.* methods: modals and Home tabs.
	Views *ViewsService
	// Usergroups holds the usergroups.* and usergroups.users.* methods.
	Usergroups *UsergroupsService
	// Team holds team.info and team.profile.get.
	Team *TeamService
	// Emoji holds emoji.list.
	Emoji *EmojiService
	// Search holds search.messages.
	Search *SearchService
	// OAuth holds oauth.v2.access and oauth.v2.exchange, which a client without a token may call.
	OAuth *OAuthService
	// DND holds the dnd.* methods: Do Not Disturb and snoozing.
	DND *DNDService
	// Reminders holds the reminders.* methods.
	Reminders *RemindersService
}

// credentials is the token a client calls with.
type credentials struct {
	token      string
	authHeader []string // "Bearer <token>"
}

// service is what every service holds: the client it calls through.
type service struct{ client *Client }

// config is what New resolves from the options; clients made by WithToken share it.
type config struct {
	httpClient       *http.Client
	baseURL          string
	userAgent        string
	userAgentHeader  []string
	logger           *slog.Logger
	maxRetries       int
	maxRetryWait     time.Duration
	maxResponseBytes int64
	rateLimiting     bool                   // limit each method to its tier before sending
	methodLimits     map[string]methodLimit // WithMethodLimit overrides, by method
	nonMarketplace   bool                   // Slack's limits for non-Marketplace apps (WithNonMarketplaceLimits)
	store            LimitStore             // a shared store (WithLimitStore); nil: each client its own
	replicas         int                    // the processes expected to share the store (WithExpectedReplicas)
	storeTimeout     time.Duration          // the longest a call to the store may take (WithLimitStoreTimeout)
	health           *storeHealth           // whether the store answers, with the fallback store; nil without one
	scopes           *scopeCache            // the workspaces learned for the store's keys; nil without one
}

// Option configures a Client in New.
type Option func(*config) error

// WithHTTPClient makes the client send its requests through hc (for a proxy, custom TLS, or a test
// transport). The default is a client with a 30-second timeout.
//
// The client does not use hc itself but a shallow copy (same Transport, Jar and Timeout) whose
// CheckRedirect follows a redirect only when it stays on the base URL's scheme, host (spelled the same)
// and port, and then asks hc's own CheckRedirect, if any; without one it follows up to 10 in a row. A
// redirect elsewhere (another host, or https to http) is not followed, so the token and the request's
// body never reach another server: the call fails with an *Error whose code is ErrHTTPError and whose
// StatusCode is the redirect's status, as it does after 10 redirects. An error from hc's CheckRedirect
// ends the call with that error, which is not retried. hc is not changed.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("WithHTTPClient: the *http.Client is nil")
		}
		c.httpClient = hc
		return nil
	}
}

// WithBaseURL sends requests to base instead of https://slack.com/api/ (for a Slack-compatible server or a
// fake). The URL must be https, or http on a loopback address, so a token never travels in clear text by
// accident.
func WithBaseURL(base string) Option {
	return func(c *config) error {
		u, err := parseBaseURL(base)
		if err != nil {
			return err
		}
		c.baseURL = u
		return nil
	}
}

// WithUserAgent puts product (such as "mybot/1.2") in front of the SDK's own User-Agent.
func WithUserAgent(product string) Option {
	return func(c *config) error {
		product = strings.TrimSpace(product)
		if product == "" || strings.ContainsAny(product, "\r\n") {
			return fmt.Errorf("WithUserAgent: invalid product %q", product)
		}
		c.userAgent = product + " " + defaultUserAgent
		return nil
	}
}

// WithLogger sends the client's records (each attempt, wait and retry, Slack's warnings) to l. The
// default discards them. Records never carry the token.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("WithLogger: the *slog.Logger is nil")
		}
		c.logger = l
		return nil
	}
}

// WithMaxRetries sets how many times a call is retried (default 3); 0 turns retries off.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("WithMaxRetries: %d is negative", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithMaxRetryWait sets the longest Retry-After the client waits out (default 2 minutes). A 429 asking for
// a longer wait fails at once with a *RateLimitError.
func WithMaxRetryWait(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("WithMaxRetryWait: %s is negative", d)
		}
		c.maxRetryWait = d
		return nil
	}
}

// WithMaxResponseBytes sets the largest answer the client reads (default 32 MiB). A larger answer fails
// with an *Error whose code is ErrResponseTooLarge instead of exhausting memory.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("WithMaxResponseBytes: %d is not positive", n)
		}
		c.maxResponseBytes = n
		return nil
	}
}

// WithRateLimiting turns the client's proactive rate limiting on (the default) or off. When on, the
// client spaces the calls of each method to Slack's published tier for it (Tier 1 = 1 a minute, Tier 2 =
// 20, Tier 3 = 50, Tier 4 = 100; chat.postMessage 60 a minute per channel; chat.getPermalink and auth.test
// 600), taking Slack's burst to be a tenth of a minute's calls. It keeps a reserve below both: it paces at
// 99% of the rate and spends at most half the burst at once. A call waits for its turn; if the turn would
// come after the context's deadline, it fails at once with an error wrapping context.DeadlineExceeded. A
// 429 lowers the method's rate, which climbs back over minutes (see Client.RateLimit).
//
// When off, calls are sent at once; a 429 still pauses every caller of the method until its Retry-After
// has passed, and from then on the method is paced at the rate Slack served before the 429, which grows
// until the next 429. Methods given a limit by WithMethodLimit stay limited.
func WithRateLimiting(on bool) Option {
	return func(c *config) error {
		c.rateLimiting = on
		return nil
	}
}

// WithMethodLimit limits method (such as "conversations.history") to perMinute calls a minute on
// average and burst calls at once, in place of its tier; for chat.postMessage the limit applies to each
// channel. It also limits a method the tier table does not know, and it applies even with
// WithRateLimiting(false).
//
// Use it where Slack's limit for your app differs from the tier, such as a higher rate that Slack
// granted (for apps outside the Marketplace, see WithNonMarketplaceLimits). Give Slack's own figures:
// the client keeps its margin below them, and a 429 teaches it a lower rate if they are too high.
// perMinute and burst must be at least 1.
func WithMethodLimit(method string, perMinute, burst int) Option {
	return func(c *config) error {
		if err := checkMethod(method); err != nil {
			return fmt.Errorf("WithMethodLimit: method %q is not a Slack method name", method)
		}
		if perMinute < 1 {
			return fmt.Errorf("WithMethodLimit: %s: perMinute %d is less than 1", method, perMinute)
		}
		if burst < 1 {
			return fmt.Errorf("WithMethodLimit: %s: burst %d is less than 1", method, burst)
		}
		if c.methodLimits == nil {
			c.methodLimits = map[string]methodLimit{}
		}
		c.methodLimits[method] = methodLimit{perMinute: perMinute, burst: burst}
		return nil
	}
}

// WithNonMarketplaceLimits applies the limits Slack sets for commercially distributed apps that are not
// approved for the Slack Marketplace: conversations.history and conversations.replies at 1 call a minute,
// with pages of at most 15 messages. With it, those methods are paced at 1 a minute (burst 1), their
// iterators ask for pages of 15 when Limit is 0, and a Limit above 15 is refused with ErrInvalidArguments
// before sending. A WithMethodLimit for either method takes precedence over the pace; the page size
// still holds.
//
// Slack applies these limits since 29 May 2025 to newly created commercially distributed apps that are
// not in the Marketplace and to new installations of such apps, and since 3 March 2026 to their existing
// installations. Apps approved for the Marketplace and internal apps built by a workspace's own
// organisation for itself keep the published tiers (Tier 3 for both methods, pages of up to 1,000).
// Without this option, a client that meets the lower limit learns it from Slack's first 429, whose
// Retry-After shows the minute (see WithRateLimiting).
func WithNonMarketplaceLimits() Option {
	return func(c *config) error {
		c.nonMarketplace = true
		return nil
	}
}

// DefaultLimitStoreTimeout is how long a call to a LimitStore may take by default before the client
// paces in process instead (see WithLimitStoreTimeout).
const DefaultLimitStoreTimeout = 50 * time.Millisecond

// WithLimitStore makes the client book its calls' slots and record its pauses in store instead of in a
// store of its own, so that every process of an app that shares the store shares one budget per workspace
// and method, as Slack counts it. Use it when a bot runs as several replicas or a job fans out over
// workers: N processes pacing alone send N times too fast. The module github.com/goslack/slack/redislimit
// provides a store on Redis.
//
// The store's keys are the workspace (learned once per token from auth.test, which the first call makes;
// the token's keyed hash until then), the method, and for chat.postMessage the channel; never the token.
// Slack limits per app and workspace: share a store only between processes of one app.
//
// A store that fails, or takes longer than WithLimitStoreTimeout, never fails a call: the client paces
// in process at its limits divided by WithExpectedReplicas, logs one Warn record, tries the store again
// once a second, and logs one Info record when it is back, from when on it shares its budget again.
// Passing nil keeps the client's own store.
func WithLimitStore(store LimitStore) Option {
	return func(c *config) error {
		c.store = store
		return nil
	}
}

// WithExpectedReplicas tells the client how many processes share its LimitStore (see WithLimitStore):
// while the store fails, each paces at its limits divided by n, so that together they stay within them.
// It also weighs what a 429 teaches: the calls this process saw Slack answer before it stand for about a
// share of n of the calls the key served. The default is 1.
func WithExpectedReplicas(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("WithExpectedReplicas: n must be at least 1, got %d", n)
		}
		c.replicas = n
		return nil
	}
}

// WithLimitStoreTimeout sets how long one call to the LimitStore (at most two for each Slack call) may
// take before the client treats the store as failing and paces in process (see WithLimitStore). The
// default is DefaultLimitStoreTimeout.
func WithLimitStoreTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("WithLimitStoreTimeout: the timeout must be positive, got %s", d)
		}
		c.storeTimeout = d
		return nil
	}
}

// New returns a client that calls Slack with token (a bot token "xoxb-…" or a user token "xoxp-…").
//
// The token is "" only for an app that has none yet, to install itself: the OAuth methods of such a client
// work (they authenticate with the app's client ID and secret), and every other call fails with an *Error
// whose code is ErrInvalidArguments ("the client has no token") before anything is sent. Once installed,
// WithToken gives a client of the new token. A blank token (spaces only), one with a line break, or a bad
// option is an error.
//
// The token travels only in the Authorization header, and only to the base URL: that is https, or http on
// a loopback address (see WithBaseURL), and the client follows no redirect that leaves the base URL's
// scheme and host (see WithHTTPClient).
func New(token string, opts ...Option) (*Client, error) {
	if token != "" && strings.TrimSpace(token) == "" {
		return nil, errors.New(`slack: New: the token is blank (pass "" for a client without a token)`)
	}
	if strings.ContainsAny(token, "\r\n") {
		return nil, errors.New("slack: New: the token contains a line break")
	}
	cfg := &config{
		httpClient:       &http.Client{Timeout: 30 * time.Second},
		baseURL:          DefaultBaseURL,
		userAgent:        defaultUserAgent,
		logger:           slog.New(slog.DiscardHandler),
		maxRetries:       DefaultMaxRetries,
		maxRetryWait:     DefaultMaxRetryWait,
		maxResponseBytes: DefaultMaxResponseBytes,
		rateLimiting:     true,
		replicas:         1,
		storeTimeout:     DefaultLimitStoreTimeout,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, fmt.Errorf("slack: New: %w", err)
		}
	}
	cfg.userAgentHeader = []string{cfg.userAgent}
	if cfg.store != nil {
		cfg.health = &storeHealth{local: NewMemoryLimitStore()}
		cfg.scopes = &scopeCache{teams: map[string]string{}, pending: map[string]chan struct{}{},
			retryAt: map[string]time.Time{}}
	}
	cfg.httpClient = guardRedirects(cfg.httpClient, cfg.baseURL)
	return newClient(cfg, token), nil
}

// maxRedirects is how many redirects in a row the client follows when the caller's *http.Client sets no
// CheckRedirect of its own, as net/http does.
const maxRedirects = 10

// guardRedirects returns a shallow copy of hc that follows a redirect only within base's scheme and host,
// and there only as hc's own CheckRedirect (or net/http's default) allows. A redirect elsewhere ends the
// request with the redirect's answer.
func guardRedirects(hc *http.Client, base string) *http.Client {
	origin, err := url.Parse(base)
	guarded := *hc
	next := hc.CheckRedirect
	guarded.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err != nil || !sameOrigin(req.URL, origin) {
			return http.ErrUseLastResponse
		}
		if next != nil {
			err := next(req, via)
			if err != nil && !errors.Is(err, http.ErrUseLastResponse) {
				return &redirectRefused{err}
			}
			return err
		}
		if len(via) >= maxRedirects {
			return http.ErrUseLastResponse // ends the call with the redirect's answer, as one not followed
		}
		return nil
	}
	return &guarded
}

// redirectRefused is the error of a redirect the caller's own CheckRedirect refused: the request stops
// there, and it is not sent again.
type redirectRefused struct{ err error }

func (r *redirectRefused) Error() string { return r.err.Error() }
func (r *redirectRefused) Unwrap() error { return r.err }

// sameOrigin reports whether u has base's scheme, host and port (the scheme's default port when none is
// given); a plain http URL also needs a loopback host. Hosts compare byte for byte: host names ignore
// case in DNS, but net/http drops the Authorization header on a redirect to a host spelled in another
// case, and Unicode case folding would equate names that IDNA resolves to different hosts ("σ.example"
// and "ς.example").
func sameOrigin(u, base *url.URL) bool {
	if u == nil || !strings.EqualFold(u.Scheme, base.Scheme) || u.Hostname() != base.Hostname() ||
		portOf(u) != portOf(base) {
		return false
	}
	return strings.EqualFold(u.Scheme, "https") || isLoopback(u.Hostname())
}

// portOf returns u's port, or its scheme's default port.
func portOf(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// newClient makes a client for token over a resolved configuration, with its own rate-limit state.
func newClient(cfg *config, token string) *Client {
	cred := &credentials{token: token, authHeader: []string{"Bearer " + token}}
	c := &Client{cfg: cfg, cred: func() *credentials { return cred }, limits: newLimiter(cfg, token)}
	c.common.client = c
	c.limits.resolve = func(ctx context.Context) (string, error) {
		r, err := c.Auth.Test(ctx)
		if err != nil {
			return "", err
		}
		if r.TeamID == "" {
			return r.EnterpriseID, nil
		}
		return r.TeamID, nil
	}
	c.Auth = (*AuthService)(&c.common)
	c.Chat = (*ChatService)(&c.common)
	c.Users = (*UsersService)(&c.common)
	c.Conversations = (*ConversationsService)(&c.common)
	c.IM = (*IMService)(&c.common)
	c.Groups = (*GroupsService)(&c.common)
	c.Files = (*FilesService)(&c.common)
	c.Bots = (*BotsService)(&c.common)
	c.Reactions = (*ReactionsService)(&c.common)
	c.Pins = (*PinsService)(&c.common)
	c.Bookmarks = (*BookmarksService)(&c.common)
	c.Views = (*ViewsService)(&c.common)
	c.Usergroups = (*UsergroupsService)(&c.common)
	c.Team = (*TeamService)(&c.common)
	c.Emoji = (*EmojiService)(&c.common)
	c.Search = (*SearchService)(&c.common)
	c.OAuth = (*OAuthService)(&c.common)
	c.DND = (*DNDService)(&c.common)
	c.Reminders = (*RemindersService)(&c.common)
	return c
}

// WithToken returns a client that calls Slack with another token (another workspace or user). It shares
// this client's options and HTTP connection pool but keeps its own rate-limit state, since Slack's limits
// are per workspace. An empty token, or one with a line break, yields a client whose calls fail with
// ErrInvalidArguments, except the OAuth methods of a client without a token (see New).
func (c *Client) WithToken(token string) *Client {
	return newClient(c.cfg, token)
}

// RateLimit reports the state of the client's limiter for method and, for a method Slack limits per
// channel (chat.postMessage), channel; other methods ignore channel. It shows the configured limit, the
// rate the client paces at now (lower after a 429, climbing back over time), the burst, and the end of
// any pause. It reads the state without changing it, and is safe to call at any time.
func (c *Client) RateLimit(method, channel string) RateLimit {
	return c.limits.state(method, channel)
}

// parseBaseURL checks a base URL and returns it with a trailing slash.
func parseBaseURL(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("WithBaseURL: %w", err)
	}
	if u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("WithBaseURL: %q is not a base URL like https://slack.com/api/", base)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return "", fmt.Errorf("WithBaseURL: %q uses http on a host that is not a loopback address; use https", base)
		}
	default:
		return "", fmt.Errorf("WithBaseURL: %q: the scheme must be https (or http on a loopback address)", base)
	}
	s := u.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Call calls any Slack method: the typed methods are built on it, and it reaches methods this package does
// not wrap.
//
// params is nil, a url.Values, or a struct (or pointer to one) whose fields carry `url:"name,omitempty"`
// tags, encoded as an application/x-www-form-urlencoded body. result, if not nil, is a pointer that the
// answer's JSON object is decoded into; the envelope (ok, error, warnings) is handled by Call, and an
// ok:false answer is returned as an *Error. The token travels in the Authorization header.
func (c *Client) Call(ctx context.Context, method string, params, result any) error {
	if err := checkMethod(method); err != nil {
		return err
	}
	if result != nil {
		if v := reflect.ValueOf(result); v.Kind() != reflect.Pointer || v.IsNil() {
			return invalidArgument(method, "result must be nil or a non-nil pointer, not %T", result)
		}
	}
	req, err := encodeForm(method, params)
	if err != nil {
		return err
	}
	return c.do(ctx, method, req, result)
}

// checkMethod rejects a method name that could not be one of Slack's ("chat.postMessage").
func checkMethod(method string) error {
	if method == "" {
		return invalidArgument(method, "missing required argument method")
	}
	for _, r := range method {
		if !(r == '.' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return invalidArgument(method, "method %q is not a Slack method name", method)
		}
	}
	return nil
}
