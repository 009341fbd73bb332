package slacktest

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// tierPerMinute is Slack's published limit of each method, in requests a minute per workspace and app:
// Tier 1 = 1, Tier 2 = 20, Tier 3 = 50, Tier 4 = 100 (a retired method without a tier is Tier 2), and
// the special limits: chat.postMessage about 1 a second per channel, chat.getPermalink and auth.test
// "hundreds a minute".
var tierPerMinute = map[string]float64{
	"auth.test": 600,

	"chat.postMessage":   60,
	"chat.meMessage":     50,
	"chat.getPermalink":  600,
	"chat.delete":        50,
	"chat.unfurl":        50,
	"chat.postEphemeral": 100,
	"chat.update":        50,

	"files.comments.add":    20,
	"files.comments.edit":   20,
	"files.comments.delete": 20,

	"im.close":   20,
	"im.open":    100,
	"im.mark":    50,
	"im.history": 100,
	"im.replies": 20,
	"im.list":    20,

	"groups.replies":     20,
	"groups.rename":      20,
	"groups.list":        50,
	"groups.kick":        50,
	"groups.mark":        50,
	"groups.info":        50,
	"groups.leave":       50,
	"groups.createChild": 20,
	"groups.invite":      50,
	"groups.create":      20,
	"groups.open":        50,
	"groups.history":     20,
	"groups.setTopic":    20,
	"groups.setPurpose":  20,
	"groups.unarchive":   20,
	"groups.archive":     20,

	"bots.info": 50,

	"users.profile.set":   50,
	"users.profile.get":   100,
	"users.setPresence":   20,
	"users.info":          100,
	"users.lookupByEmail": 50,
	"users.getPresence":   50,
	"users.deletePhoto":   20,
	"users.setPhoto":      20,
	"users.identity":      50,
	"users.list":          20,
	"users.setActive":     20,
	"users.conversations": 50,

	"conversations.close":      20,
	"conversations.join":       50,
	"conversations.create":     20,
	"conversations.unarchive":  20,
	"conversations.list":       20,
	"conversations.setTopic":   20,
	"conversations.members":    100,
	"conversations.open":       50,
	"conversations.leave":      50,
	"conversations.kick":       50,
	"conversations.rename":     20,
	"conversations.history":    50,
	"conversations.setPurpose": 20,
	"conversations.info":       50,
	"conversations.invite":     50,
	"conversations.archive":    20,
	"conversations.replies":    50,

	// Beyond the seeds (internal/spec/methods-next.json); oauth.v2.access has no published figure and
	// counts as Tier 4.
	"reactions.add":    50,
	"reactions.remove": 20,
	"reactions.get":    50,
	"reactions.list":   20,

	"pins.add":    20,
	"pins.remove": 20,
	"pins.list":   20,

	"files.info":                   100,
	"files.list":                   50,
	"files.delete":                 50,
	"files.sharedPublicURL":        50,
	"files.revokePublicURL":        50,
	"files.getUploadURLExternal":   100,
	"files.completeUploadExternal": 100,

	"views.open":    100,
	"views.push":    100,
	"views.update":  100,
	"views.publish": 100,

	"chat.scheduleMessage":        50,
	"chat.deleteScheduledMessage": 50,
	"chat.scheduledMessages.list": 50,

	"usergroups.create":       20,
	"usergroups.disable":      20,
	"usergroups.enable":       20,
	"usergroups.list":         20,
	"usergroups.update":       20,
	"usergroups.users.list":   20,
	"usergroups.users.update": 20,

	"team.info":        50,
	"team.profile.get": 50,

	"emoji.list": 20,

	"bookmarks.add":    20,
	"bookmarks.edit":   20,
	"bookmarks.list":   50,
	"bookmarks.remove": 20,

	"search.messages": 20,

	"oauth.v2.access":   100,
	"oauth.v2.exchange": 50,

	"auth.revoke": 50,

	"dnd.info":      50,
	"dnd.setSnooze": 20,
	"dnd.endSnooze": 20,
	"dnd.endDnd":    20,
	"dnd.teamInfo":  20,

	"reminders.add":      20,
	"reminders.complete": 20,
	"reminders.delete":   20,
	"reminders.info":     20,
	"reminders.list":     20,
}

// limitedPerChannel lists the methods whose limit applies to each channel separately.
var limitedPerChannel = map[string]bool{"chat.postMessage": true}

// nonMarketplaceMethods are the methods Slack limits to 1 request a minute, with pages of at most
// nonMarketplacePage messages, for commercially distributed apps outside the Marketplace.
var nonMarketplaceMethods = map[string]bool{"conversations.history": true, "conversations.replies": true}

// nonMarketplacePage is the largest and the default page of nonMarketplaceMethods for such apps.
const nonMarketplacePage = 15

// rateLimits is what the server enforces: nothing until EnforceTiers, EnforceNonMarketplaceLimits,
// SetRateLimit or SetWindowLimit. Guarded by Server.mu.
type rateLimits struct {
	minute         time.Duration        // how long a Slack minute lasts for the tier table; 0: tiers not enforced
	nonMarketplace time.Duration        // the minute of the non-Marketplace history limit; 0: not enforced
	methods        map[string]rateLimit // limits set by SetRateLimit and SetWindowLimit, by method
	buckets        map[limitKey]*tokenBucket
	sent429        int
}

// rateLimit is a limit's shape: a token bucket of perSecond requests a second on average and burst at
// once, or, when window is set, a fixed window that lets burst requests through in each window.
type rateLimit struct {
	perSecond float64
	burst     int
	window    time.Duration
}

// limitKey names a bucket: Slack limits each app (token) in each method, and chat.postMessage in each
// channel.
type limitKey struct{ token, method, channel string }

// tokenBucket holds up to burst tokens and gains perSecond tokens a second; each request takes one. In
// a fixed window, it counts the requests of the window that began at start instead.
type tokenBucket struct {
	rateLimit
	tokens float64
	last   time.Time
	start  time.Time
	count  int
}

// EnforceTiers makes the server enforce Slack's published rate limits on every method (Tier 1 = 1
// request a minute, Tier 2 = 20, Tier 3 = 50, Tier 4 = 100; chat.postMessage 60 a minute per channel;
// chat.getPermalink and auth.test 600), for each token, with bursts of a tenth of a minute's requests
// (at least 1). minute is how long a Slack minute lasts: time.Minute for real limits, time.Second to run
// per-minute limits per second. A request over the limit gets HTTP 429 with Slack's body and a
// Retry-After header (whole seconds, rounded up) and is not handled. Limits set by SetRateLimit take
// precedence.
func (s *Server) EnforceTiers(minute time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if minute <= 0 {
		minute = time.Minute
	}
	s.limits.minute = minute
	s.limits.buckets = nil
}

// SetRateLimit makes the server allow method perSecond requests a second for each token (and channel,
// for chat.postMessage), with bursts of up to burst requests; over it, the server answers 429 as
// EnforceTiers describes. A perSecond of 0 or less removes the method's limit.
func (s *Server) SetRateLimit(method string, perSecond float64, burst int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limits.methods == nil {
		s.limits.methods = map[string]rateLimit{}
	}
	if perSecond <= 0 {
		delete(s.limits.methods, method)
	} else {
		s.limits.methods[method] = rateLimit{perSecond: perSecond, burst: max(burst, 1)}
	}
	s.limits.forget(method)
}

// SetWindowLimit makes the server allow method n requests in each fixed window of the given length,
// for each token (and channel, for chat.postMessage). The windows start at the multiples of window on
// the server's clock (every minute on the minute for time.Minute), and the count starts again in each:
// unlike a token bucket, a client may spend a whole window's requests at its end and the next window's
// at once. A request over the limit gets HTTP 429 with a Retry-After up to the next window, in whole
// seconds rounded up, as EnforceTiers describes. An n or window of 0 or less removes the method's
// limit.
func (s *Server) SetWindowLimit(method string, n int, window time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limits.methods == nil {
		s.limits.methods = map[string]rateLimit{}
	}
	if n <= 0 || window <= 0 {
		delete(s.limits.methods, method)
	} else {
		s.limits.methods[method] = rateLimit{burst: n, window: window}
	}
	s.limits.forget(method)
}

// EnforceNonMarketplaceLimits makes the server treat every token as an app that is not approved for
// the Slack Marketplace, as Slack has since 29 May 2025 for commercially distributed apps installed
// since then: conversations.history and conversations.replies allow 1 request a minute (a fixed window
// of minute, which time.Second scales down), and answer pages of at most 15 messages, 15 by default.
// Limits set by SetRateLimit or SetWindowLimit take precedence over the request limit; a minute of 0
// or less stops enforcing it.
func (s *Server) EnforceNonMarketplaceLimits(minute time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits.nonMarketplace = max(minute, 0)
	for m := range nonMarketplaceMethods {
		s.limits.forget(m)
	}
}

// historyPage returns the default and the largest page of conversations.history and
// conversations.replies: smaller for an app outside the Marketplace. The caller holds Server.mu.
func (l *rateLimits) historyPage(def, most int) (int, int) {
	if l.nonMarketplace > 0 {
		return min(def, nonMarketplacePage), min(most, nonMarketplacePage)
	}
	return def, most
}

// StopRateLimits stops enforcing rate limits; Sent429s keeps its count.
func (s *Server) StopRateLimits() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = rateLimits{sent429: s.limits.sent429}
}

// Sent429s returns how many requests the enforced rate limits answered with 429. Injected faults are
// not counted.
func (s *Server) Sent429s() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limits.sent429
}

// forget drops the buckets of method, whose limit changed.
func (l *rateLimits) forget(method string) {
	for k := range l.buckets {
		if k.method == method {
			delete(l.buckets, k)
		}
	}
}

// limitOf returns the limit enforced on method, if any.
func (l *rateLimits) limitOf(method string) (rateLimit, bool) {
	if r, ok := l.methods[method]; ok {
		return r, true
	}
	if l.nonMarketplace > 0 && nonMarketplaceMethods[method] {
		return rateLimit{burst: 1, window: l.nonMarketplace}, true
	}
	perMinute, ok := tierPerMinute[method]
	if l.minute <= 0 || !ok {
		return rateLimit{}, false
	}
	return rateLimit{perSecond: perMinute / l.minute.Seconds(), burst: max(1, int(perMinute)/10)}, true
}

// take spends a token for a request of method by token at now. Over the limit, it returns the 429 to
// answer with. The caller holds Server.mu.
func (l *rateLimits) take(method, token string, form url.Values, now time.Time) *answer {
	limit, ok := l.limitOf(method)
	if !ok {
		return nil
	}
	key := limitKey{token: token, method: method}
	if limitedPerChannel[method] {
		key.channel = form.Get("channel")
	}
	if l.buckets == nil {
		l.buckets = map[limitKey]*tokenBucket{}
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &tokenBucket{rateLimit: limit, tokens: float64(limit.burst), last: now}
		l.buckets[key] = b
	}
	if b.window > 0 {
		return l.count(b, now)
	}
	if now.After(b.last) {
		b.tokens = min(float64(b.burst), b.tokens+now.Sub(b.last).Seconds()*b.perSecond)
		b.last = now
	}
	// A client that paces itself exactly at the limit computes its times in floating point too: a
	// token short by a rounding error is a whole token.
	const slack = 1e-6
	if b.tokens >= 1-slack {
		b.tokens = max(b.tokens-1, 0)
		return nil
	}
	return l.refuse((1 - b.tokens) / b.perSecond)
}

// count counts a request at now in a fixed-window bucket, and returns the 429 to answer with when the
// window is full. The caller holds Server.mu.
func (l *rateLimits) count(b *tokenBucket, now time.Time) *answer {
	start := now.Truncate(b.window)
	if !start.Equal(b.start) {
		b.start, b.count = start, 0
	}
	if b.count < b.burst {
		b.count++
		return nil
	}
	return l.refuse(start.Add(b.window).Sub(now).Seconds())
}

// refuse counts a 429 and returns it, telling the client to wait seconds (rounded up to a whole second,
// at least 1, as Slack does). The caller holds Server.mu.
func (l *rateLimits) refuse(seconds float64) *answer {
	l.sent429++
	a := fail("ratelimited")
	a.status = http.StatusTooManyRequests
	a.header = http.Header{"Retry-After": {strconv.Itoa(max(1, int(math.Ceil(seconds))))}}
	return a
}
