package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Slack's rate-limit tiers, in calls per minute per method and workspace.
const (
	tier1 = 1
	tier2 = 20
	tier3 = 50
	tier4 = 100
)

// methodRates is how many calls a minute the client allows each method by default: Slack's tier for the
// method (internal/spec/tiers.json, and internal/spec/methods-next.json beyond the seed families; a
// retired method without a tier is Tier 2), or its special limit.
// Methods missing here (reached through Client.Call) are not limited before sending; a 429 still pauses
// them.
var methodRates = map[string]int{
	"auth.test": 600, // special: "hundreds of requests per minute"

	"chat.postMessage":   60, // special: about 1 a second, per channel (see perChannel)
	"chat.meMessage":     tier3,
	"chat.getPermalink":  600, // special: "hundreds of requests per minute"
	"chat.delete":        tier3,
	"chat.unfurl":        tier3,
	"chat.postEphemeral": tier4,
	"chat.update":        tier3,

	"files.comments.add":    tier2, // retired, no tier
	"files.comments.edit":   tier2, // retired, no tier
	"files.comments.delete": tier2,

	"im.close":   tier2,
	"im.open":    tier4,
	"im.mark":    tier3,
	"im.history": tier4,
	"im.replies": tier2,
	"im.list":    tier2,

	"groups.replies":     tier2,
	"groups.rename":      tier2,
	"groups.list":        tier3,
	"groups.kick":        tier3,
	"groups.mark":        tier3,
	"groups.info":        tier3,
	"groups.leave":       tier3,
	"groups.createChild": tier2,
	"groups.invite":      tier3,
	"groups.create":      tier2,
	"groups.open":        tier3,
	"groups.history":     tier2,
	"groups.setTopic":    tier2,
	"groups.setPurpose":  tier2,
	"groups.unarchive":   tier2,
	"groups.archive":     tier2,

	"bots.info": tier3,

	"users.profile.set":   tier3,
	"users.profile.get":   tier4,
	"users.setPresence":   tier2,
	"users.info":          tier4,
	"users.lookupByEmail": tier3,
	"users.getPresence":   tier3,
	"users.deletePhoto":   tier2,
	"users.setPhoto":      tier2,
	"users.identity":      tier3,
	"users.list":          tier2,
	"users.setActive":     tier2,
	"users.conversations": tier3,

	"conversations.close":      tier2,
	"conversations.join":       tier3,
	"conversations.create":     tier2,
	"conversations.unarchive":  tier2,
	"conversations.list":       tier2,
	"conversations.setTopic":   tier2,
	"conversations.members":    tier4,
	"conversations.open":       tier3,
	"conversations.leave":      tier3,
	"conversations.kick":       tier3,
	"conversations.rename":     tier2,
	"conversations.history":    tier3,
	"conversations.setPurpose": tier2,
	"conversations.info":       tier3,
	"conversations.invite":     tier3,
	"conversations.archive":    tier2,
	"conversations.replies":    tier3,

	"reactions.add":    tier3,
	"reactions.remove": tier2,
	"reactions.get":    tier3,
	"reactions.list":   tier2,

	"pins.add":    tier2,
	"pins.remove": tier2,
	"pins.list":   tier2,

	"files.info":                   tier4,
	"files.list":                   tier3,
	"files.delete":                 tier3,
	"files.sharedPublicURL":        tier3,
	"files.revokePublicURL":        tier3,
	"files.getUploadURLExternal":   tier4,
	"files.completeUploadExternal": tier4,

	"views.open":    tier4,
	"views.push":    tier4,
	"views.update":  tier4,
	"views.publish": tier4,

	"chat.scheduleMessage":        tier3,
	"chat.deleteScheduledMessage": tier3,
	"chat.scheduledMessages.list": tier3,

	"usergroups.create":       tier2,
	"usergroups.disable":      tier2,
	"usergroups.enable":       tier2,
	"usergroups.list":         tier2,
	"usergroups.update":       tier2,
	"usergroups.users.list":   tier2,
	"usergroups.users.update": tier2,

	"team.info":        tier3,
	"team.profile.get": tier3,

	"emoji.list": tier2,

	"bookmarks.add":    tier2,
	"bookmarks.edit":   tier2,
	"bookmarks.list":   tier3,
	"bookmarks.remove": tier2,

	"search.messages": tier2,

	"oauth.v2.access":   tier4, // special: "special rate limits apply", no figure published; Tier 4 in practice
	"oauth.v2.exchange": tier3,
	"auth.revoke":       tier3,

	"dnd.info":      tier3,
	"dnd.setSnooze": tier2,
	"dnd.endSnooze": tier2,
	"dnd.endDnd":    tier2,
	"dnd.teamInfo":  tier2,

	"reminders.add":      tier2,
	"reminders.complete": tier2,
	"reminders.delete":   tier2,
	"reminders.info":     tier2,
	"reminders.list":     tier2,
}

// perChannel lists the methods Slack limits per channel rather than per method: each channel has its
// own limit, and a 429 for one channel pauses only the callers posting to that channel.
var perChannel = map[string]bool{"chat.postMessage": true}

// nonMarketplaceMethods are the methods Slack limits to 1 call a minute, with pages of at most
// nonMarketplacePageSize, for commercially distributed apps not approved for the Marketplace (see
// WithNonMarketplaceLimits).
var nonMarketplaceMethods = map[string]bool{"conversations.history": true, "conversations.replies": true}

// nonMarketplacePageSize is the largest page of conversations.history and conversations.replies under
// WithNonMarketplaceLimits, and their iterators' default page size there.
const nonMarketplacePageSize = 15

// methodLimit is a proactive limit as the client is told it: perMinute calls a minute on average, and
// bursts of up to burst calls. The client keeps a margin below both (see bucket).
type methodLimit struct{ perMinute, burst int }

// defaultBurst is the burst Slack allows a method limited to perMinute calls a minute, as the client
// assumes it: a tenth of a minute's calls, at least 1.
func defaultBurst(perMinute int) int { return max(1, perMinute/10) }

// limitFor returns the proactive limit of method under cfg, if it has one: the WithMethodLimit override,
// the non-Marketplace limit, or, with rate limiting on, the tier table's.
func (cfg *config) limitFor(method string) (methodLimit, bool) {
	if l, ok := cfg.methodLimits[method]; ok {
		return l, true
	}
	if cfg.nonMarketplace && nonMarketplaceMethods[method] {
		return methodLimit{perMinute: 1, burst: 1}, true
	}
	if !cfg.rateLimiting {
		return methodLimit{}, false
	}
	perMinute, ok := methodRates[method]
	if !ok {
		return methodLimit{}, false
	}
	return methodLimit{perMinute: perMinute, burst: defaultBurst(perMinute)}, true
}

// The margins and the learning of the limiter. A bucket told a limit of R calls a minute with a burst of
// B paces at paceShare·R and lets at most spentBurst(B) calls go at once, so that Slack's own bucket never
// runs dry while the client's does: the calls that jitter on the network brings closer together find
// the server's reserve. A 429 lowers the bucket's rate (see bucket.throttled), which then climbs back to
// paceShare·R over the bucket's recovery time: base·(ceiling/base)^(f³) at a fraction f of it.
const (
	// paceShare is the share of the configured rate a bucket paces at.
	paceShare = 0.99
	// backoffFactor is what a 429 multiplies a bucket's rate by when its Retry-After tells no lower one.
	backoffFactor = 0.5
	// firstRecovery is how long a bucket takes to climb back from a rate a 429 taught it to its
	// configured rate. A 429 during the climb doubles it, up to maxRecovery, so that probing a limit
	// that is really lower costs fewer and fewer 429s.
	firstRecovery = 10 * time.Minute
	maxRecovery   = 4 * time.Hour
	// minRate is the slowest a bucket ever paces, in calls a second: one an hour.
	minRate = 1.0 / 3600
	// countWindow is the length of the windows in which a bucket counts the calls Slack answered; a
	// 429 is weighed against the calls of the current and the previous window.
	countWindow = 30 * time.Second
	// maxSpread is the most a waiting call is sent after its slot, at random (see bucket.book).
	maxSpread = time.Second
	// longRetryAfter is the shortest Retry-After that says how long the server's window is: Slack sends
	// whole seconds, so a Retry-After of 1 may stand for any wait up to a second.
	longRetryAfter = 2 * time.Second
)

// spentBurst is the part of a burst of b calls the client spends at once: half of it, rounded up.
func spentBurst(b int) int { return max(1, (b+1)/2) }

// limiter is the rate-limit state of one client (one token): a bucket for each method, and for
// per-channel methods for each channel. A bucket holds what the client learned from 429s and the callers
// waiting for their turn; the turns themselves (slots) and the pauses after 429s are booked in a
// LimitStore: the client's own MemoryLimitStore, or the one WithLimitStore configured, which the other
// processes of the app share.
type limiter struct {
	cfg *config
	log *slog.Logger
	own *MemoryLimitStore // the client's store when no LimitStore was configured

	tokenHash string                                    // the keyed hash of the token ("h-…"), with a shared store
	resolve   func(ctx context.Context) (string, error) // asks Slack which workspace the token belongs to

	mu      sync.Mutex
	buckets map[bucketKey]*bucket
	sweepAt int // the number of buckets at which idle ones are dropped
}

// bucketKey names a bucket: a method, and for per-channel methods the channel.
type bucketKey struct{ method, channel string }

// minSweep is the number of buckets (or store keys) below which idle ones are never looked for.
const minSweep = 256

func newLimiter(cfg *config, token string) *limiter {
	l := &limiter{cfg: cfg, log: cfg.logger, buckets: map[bucketKey]*bucket{}, sweepAt: minSweep}
	if cfg.store == nil {
		l.own = NewMemoryLimitStore()
	}
	if token != "" && cfg.store != nil { // only a shared store's keys name the token's scope
		l.tokenHash = scopeHash(token)
	}
	return l
}

// keyFor returns the bucket key of a call of method to channel; channel counts only for the methods
// Slack limits per channel.
func keyFor(method, channel string) bucketKey {
	key := bucketKey{method: method}
	if perChannel[method] {
		key.channel = channel
	}
	return key
}

// acquire returns the bucket that a call of method with form belongs to, making it on first use, and
// holds it until release, so that it is not dropped while the call uses it.
func (l *limiter) acquire(method string, form url.Values) *bucket {
	key := keyFor(method, form.Get("channel"))
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.sweepAt {
			l.sweep()
		}
		b = newBucket(l.cfg, key)
		l.buckets[key] = b
	}
	b.users++
	return b
}

// release gives back a bucket taken by acquire.
func (l *limiter) release(b *bucket) {
	l.mu.Lock()
	b.users--
	l.mu.Unlock()
}

// sweep drops the buckets that no call holds and whose state is that of a new bucket (nobody waiting,
// no pause, nothing learned), so that a client posting to many channels does not keep a bucket for each
// forever. The caller holds l.mu.
func (l *limiter) sweep() {
	now := time.Now()
	before := len(l.buckets)
	for key, b := range l.buckets {
		if b.users == 0 && b.idle(now) {
			delete(l.buckets, key)
		}
	}
	l.sweepAt = max(minSweep, 2*len(l.buckets))
	l.log.LogAttrs(context.Background(), slog.LevelDebug, "slack: dropped idle rate-limit buckets",
		slog.Int("dropped", before-len(l.buckets)), slog.Int("kept", len(l.buckets)))
}

// state describes the bucket of method and channel, or the one a first call would make.
func (l *limiter) state(method, channel string) RateLimit {
	key := keyFor(method, channel)
	l.mu.Lock()
	b, ok := l.buckets[key]
	l.mu.Unlock()
	now := time.Now()
	if !ok {
		b = newBucket(l.cfg, key)
	}
	rl := b.state(now)
	if ps, err := l.paused(context.Background(), l.storeKey(l.scope(context.Background(), false), key)); err == nil && ps.Left > 0 {
		rl.PausedUntil = maxTime(rl.PausedUntil, now.Add(ps.Left))
	}
	return rl
}

// RateLimit is the state of the client's limiter for one method (and, for chat.postMessage, one
// channel), as Client.RateLimit reports it.
type RateLimit struct {
	// Configured is the limit the client was given, in calls a minute: WithMethodLimit's, the
	// non-Marketplace limit, or the method's tier; 0 when the method is not limited before sending.
	Configured float64
	// PerMinute is the rate the client paces the method at now, in calls a minute: a little under
	// Configured, lower after a 429 taught it a lower rate, and 0 when calls are not paced.
	PerMinute float64
	// Burst is how many calls the client lets go at once after an idle spell; 0 when calls are not
	// paced.
	Burst int
	// Learned reports whether PerMinute was lowered by a 429 and is still climbing back.
	Learned bool
	// PausedUntil is when the pause after the last 429 ends (zero, or a past time, when there is none).
	// With a shared LimitStore it includes the pauses other processes recorded.
	PausedUntil time.Time
}

// The store keys: the scope (the workspace, or the keyed hash of the token until the workspace is known),
// the method, and for per-channel methods the channel.

// scopeKey is the key of the keyed hash that stands for a token in store keys until its workspace is
// known. It keeps the token itself out of every key, and the hashes of other projects' tokens apart.
var scopeKey = []byte("goslack rate-limit scope v1")

// scopeHash returns the scope of token before its workspace is known: "h-" and 24 hex digits of a keyed
// hash, the same in every process that uses the token.
func scopeHash(token string) string {
	m := hmac.New(sha256.New, scopeKey)
	m.Write([]byte(token))
	return "h-" + hex.EncodeToString(m.Sum(nil)[:12])
}

// scopeCache holds the workspaces learned from auth.test, by token hash; one per New, shared by the
// clients WithToken makes.
type scopeCache struct {
	mu      sync.Mutex
	teams   map[string]string        // token hash → workspace
	pending map[string]chan struct{} // lookups in flight, closed when done
	retryAt map[string]time.Time     // no new lookup before this, after one failed
}

// scopeRetry is how long the client keeps the token's hash as the scope after a failed auth.test.
const scopeRetry = time.Minute

// scopeLookupTimeout bounds the auth.test call that learns a token's workspace.
const scopeLookupTimeout = 10 * time.Second

// scope returns the scope of a call's store key: with the client's own store, "-" (the store holds one
// token's keys); with a shared store, the workspace of the token, or the token's hash while it is not
// known; for a client without a token (the OAuth methods), "app". With lookup, the first call learns the
// workspace from auth.test, and the calls made meanwhile wait for it; auth.test itself, the records made
// after a call (pauses) and reports do not look it up.
func (l *limiter) scope(ctx context.Context, lookup bool) string {
	if l.cfg.store == nil {
		return "-"
	}
	if l.tokenHash == "" {
		return "app"
	}
	sc := l.cfg.scopes
	sc.mu.Lock()
	for {
		if team, ok := sc.teams[l.tokenHash]; ok {
			sc.mu.Unlock()
			return team
		}
		if !lookup || l.resolve == nil || time.Now().Before(sc.retryAt[l.tokenHash]) {
			sc.mu.Unlock()
			return l.tokenHash
		}
		if ch, ok := sc.pending[l.tokenHash]; ok {
			sc.mu.Unlock()
			select {
			case <-ch:
			case <-ctx.Done():
				return l.tokenHash
			}
			sc.mu.Lock()
			continue
		}
		ch := make(chan struct{})
		sc.pending[l.tokenHash] = ch
		sc.mu.Unlock()
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), scopeLookupTimeout)
		team, err := l.resolve(lctx)
		cancel()
		sc.mu.Lock()
		delete(sc.pending, l.tokenHash)
		close(ch)
		if err == nil && team != "" {
			sc.teams[l.tokenHash] = team
		} else {
			sc.retryAt[l.tokenHash] = time.Now().Add(scopeRetry)
			l.log.LogAttrs(ctx, slog.LevelWarn, "slack: could not learn the workspace for the rate-limit store; keying by the token's hash",
				slog.Any("error", err))
		}
	}
}

// storeKey is the LimitStore key of bucket key k in scope.
func (l *limiter) storeKey(scope string, k bucketKey) string {
	if perChannel[k.method] {
		return scope + ":" + k.method + ":" + k.channel
	}
	return scope + ":" + k.method
}

// The store and what the client does when it fails.

// storeHealth tracks whether the configured LimitStore answers; one per New, shared by the clients
// WithToken makes. While the store fails, the clients book their slots in local, an in-process store, at
// the configured limits divided by the expected replicas, and probe the store at most once a
// storeProbeEvery, with one call at a time, at whole multiples of it on the clock.
type storeHealth struct {
	local *MemoryLimitStore

	mu        sync.Mutex
	degraded  bool
	probing   bool
	probeAt   time.Time
	downSince time.Time
}

// storeProbeEvery is how often a client whose store failed tries it again.
const storeProbeEvery = time.Second

// admit reports whether a call may use the configured store now: always while it answers; while it
// fails, only to probe it (a reservation: probe), one call at a time, once a storeProbeEvery.
func (h *storeHealth) admit(now time.Time, probe bool) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.degraded {
		return true
	}
	if !probe || h.probing || now.Before(h.probeAt) {
		return false
	}
	h.probing = true
	return true
}

// succeeded records an answer of the store, and logs the recovery when it was failing.
func (h *storeHealth) succeeded(log *slog.Logger) {
	h.mu.Lock()
	recovered := h.degraded
	down := time.Since(h.downSince)
	h.degraded, h.probing = false, false
	h.mu.Unlock()
	if recovered {
		log.LogAttrs(context.Background(), slog.LevelInfo, "slack: rate-limit store recovered; sharing its budget again",
			slog.Duration("down_for", down))
	}
}

// failed records a failure of the store, and logs the first one after it last answered.
func (h *storeHealth) failed(log *slog.Logger, err error, replicas int) {
	h.mu.Lock()
	first := !h.degraded
	now := time.Now()
	if first {
		h.degraded, h.downSince = true, now
	}
	// The next probe is at the next whole probe interval of the clock, not an interval from now: the
	// processes of an app probe together, and so rejoin the shared budget together, instead of some
	// spending all of it while the others still pace alone at their share.
	h.probing, h.probeAt = false, now.Truncate(storeProbeEvery).Add(storeProbeEvery)
	h.mu.Unlock()
	if first {
		log.LogAttrs(context.Background(), slog.LevelWarn, "slack: rate-limit store failed; pacing in process",
			slog.String("error", err.Error()), slog.Int("expected_replicas", replicas))
	}
}

// run calls f with the store the client books in now: the configured one, with the store timeout, or
// its own. When the configured store fails, or the client knows it is failing, f runs again on the
// in-process fallback, whose limits are divided by the expected replicas (the replicas argument). Only
// reservations probe a failing store (probe), so that a call waits for the store's timeout at most once.
// An error comes back only when ctx ended.
func (l *limiter) run(ctx context.Context, probe bool, f func(ctx context.Context, s LimitStore, replicas int) error) error {
	if l.cfg.store == nil {
		return f(ctx, l.own, 1)
	}
	h := l.cfg.health
	if h.admit(time.Now(), probe) {
		sctx, cancel := context.WithTimeout(ctx, l.cfg.storeTimeout)
		err := f(sctx, l.cfg.store, 1)
		cancel()
		if err == nil {
			h.succeeded(l.log)
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		h.failed(l.log, err, l.cfg.replicas)
	}
	return f(ctx, h.local, l.cfg.replicas)
}

// share is the part of lim one of n processes takes when they cannot coordinate.
func (lim Limit) share(n int) Limit {
	if n <= 1 || lim.Interval <= 0 {
		return lim
	}
	return Limit{Interval: lim.Interval * time.Duration(n), Burst: max(1, lim.Burst/n)}
}

// reserve books a slot of key at lim that comes within maxWait.
func (l *limiter) reserve(ctx context.Context, key string, lim Limit, maxWait time.Duration) (Reservation, error) {
	var res Reservation
	err := l.run(ctx, true, func(ctx context.Context, s LimitStore, replicas int) error {
		var err error
		res, err = s.Reserve(ctx, key, lim.share(replicas), maxWait)
		return err
	})
	return res, err
}

// pause records a pause of d on key.
func (l *limiter) pause(ctx context.Context, key string, d time.Duration) {
	_ = l.run(ctx, false, func(ctx context.Context, s LimitStore, _ int) error { return s.Pause(ctx, key, d) })
}

// paused reads key's pause.
func (l *limiter) paused(ctx context.Context, key string) (PauseState, error) {
	var ps PauseState
	err := l.run(ctx, false, func(ctx context.Context, s LimitStore, _ int) error {
		var err error
		ps, err = s.Paused(ctx, key)
		return err
	})
	return ps, err
}

// bucket holds one method's (and channel's) share of the client's rate-limit state: the rate it paces
// at, what 429s taught it, and its callers waiting for their slots. The slots come from the LimitStore.
type bucket struct {
	users int // calls holding the bucket; guarded by limiter.mu
	key   bucketKey

	mu          sync.Mutex
	limit       float64   // the configured rate in calls a second, times paceShare; 0 when none
	burst       int       // the calls let go at once after an idle spell
	noReserve   bool      // told a burst of 1: Slack keeps no call in reserve, so calls keep to their slots
	shared      bool      // the slots come from a store other processes share
	replicas    int       // the processes that share the budget through the store (1 without a shared store)
	pausedUntil time.Time // the end of the last pause this client recorded
	waiters     []*waiter // the callers waiting for their slots, in the order they came
	spares      []*waiter // slots of callers that gave up before them, earliest first, for the next callers

	changed chan struct{} // closed (and replaced) when a pause moves the waiters' slots

	// What 429s taught: the rate climbs from base, at learnedAt, to ceiling over recovery. A bucket
	// without a configured limit that has no ceiling yet doubles its rate every second instead.
	learned   bool
	base      float64
	ceiling   float64
	learnedAt time.Time
	recovery  time.Duration
	taughtAt  time.Time // a 429 to a call sent before this was already taken into account

	// The calls Slack answered with something other than 429, in the current and the previous window.
	winStart, prevStart time.Time
	winCount, prevCount int
}

// waiter is one caller waiting for its slot.
type waiter struct {
	at       time.Time     // when it may send
	epoch    int64         // the store's pause epoch when the slot was booked
	deadline time.Time     // the caller's deadline; zero when none
	refused  bool          // a pause moved its slot past its deadline
	wait     time.Duration // when refused, how long it would have waited
}

// newBucket returns the bucket of key.
func newBucket(cfg *config, key bucketKey) *bucket {
	b := &bucket{key: key, changed: make(chan struct{}), burst: 1, replicas: 1}
	if cfg.store != nil {
		b.shared, b.replicas = true, cfg.replicas
	}
	if l, ok := cfg.limitFor(key.method); ok {
		b.limit = float64(l.perMinute) / 60 * paceShare
		b.burst = spentBurst(l.burst)
		b.noReserve = l.burst <= 1
	}
	return b
}

// interval is the time between two calls at r calls a second.
func interval(r float64) time.Duration {
	return time.Duration(float64(time.Second) / r)
}

// rate is the bucket's rate at now in calls a second; 0 means not limited. The caller holds b.mu.
func (b *bucket) rate(now time.Time) float64 {
	if !b.learned {
		return b.limit
	}
	elapsed := max(now.Sub(b.learnedAt), 0)
	if b.ceiling == 0 {
		return b.base * math.Exp2(min(elapsed.Seconds(), 60))
	}
	// The climb is slow at first and fast at the end: the rate a 429 taught is likely close to the
	// server's, so the client stays near it for most of the recovery, and probes above it only late.
	f := min(float64(elapsed)/float64(b.recovery), 1)
	return b.base * math.Pow(b.ceiling/b.base, f*f*f)
}

// burstAt is how many calls may go at once at now: the burst, scaled down with a learned rate. The
// caller holds b.mu.
func (b *bucket) burstAt(now time.Time, r float64) int {
	if !b.learned {
		return b.burst
	}
	if b.limit == 0 {
		return 1
	}
	return max(1, int(float64(b.burst)*r/b.limit))
}

// limitAt is the Limit the bucket books slots at, at now. The caller holds b.mu.
func (b *bucket) limitAt(now time.Time) Limit {
	r := b.rate(now)
	if r <= 0 {
		return Limit{}
	}
	return Limit{Interval: interval(r), Burst: b.burstAt(now, r)}
}

// settle forgets what a 429 taught once the climb is over. The caller holds b.mu.
func (b *bucket) settle(now time.Time) {
	if b.learned && b.ceiling != 0 && now.Sub(b.learnedAt) >= b.recovery {
		b.learned = false
	}
}

// spread moves the slot at of a caller queued behind others to a random point in the first half of its
// interval, and at most maxSpread after it, unless that would pass the caller's deadline. A client that
// paces exactly at a server's refill takes each token as it appears, so that another process of the app
// sharing the budget without a shared store would draw every 429 and never get its share back. With a
// shared store, the processes take their turns from one schedule, and nobody is spread. A call whose
// turn is now goes at once, and so does a lone caller (a retry after a pause), with whom no other caller
// of the client competes. With a burst of 1 (a Tier 1 method, the non-Marketplace history limit), the
// server has no call in reserve for a call that goes closer than an interval to the one before it, or
// two calls in one of its fixed windows: each goes exactly in its slot. The caller holds b.mu.
func (b *bucket) spread(at time.Time, lim Limit, deadline time.Time) time.Time {
	if b.noReserve || b.shared || lim.Interval <= 0 {
		return at
	}
	later := at.Add(rand.N(min(lim.Interval/2, maxSpread) + 1))
	if !deadline.IsZero() && later.After(deadline) {
		return at
	}
	return later
}

// signal wakes the waiters: their slots moved.
func (b *bucket) signal() {
	close(b.changed)
	b.changed = make(chan struct{})
}

// leave takes w out of the waiters. A caller that gives up (cancel) before its slot leaves the slot to
// the next caller of the client. The caller holds b.mu.
func (b *bucket) leave(w *waiter, now time.Time, cancel bool) {
	i := slices.Index(b.waiters, w)
	if i < 0 {
		return
	}
	b.waiters = slices.Delete(b.waiters, i, i+1)
	if cancel && !w.refused && w.at.After(now) {
		b.addSpare(w)
	}
}

// addSpare keeps w's slot for the next caller. The caller holds b.mu.
func (b *bucket) addSpare(w *waiter) {
	i, _ := slices.BinarySearchFunc(b.spares, w, func(x, y *waiter) int { return x.at.Compare(y.at) })
	b.spares = slices.Insert(b.spares, i, &waiter{at: w.at, epoch: w.epoch})
}

// takeSpare returns the earliest spare slot still ahead of now, if it comes before deadline; the slots
// that passed unused are dropped. The caller holds b.mu.
func (b *bucket) takeSpare(now, deadline time.Time) *waiter {
	for len(b.spares) > 0 && !b.spares[0].at.After(now) {
		b.spares = b.spares[1:]
	}
	if len(b.spares) == 0 || (!deadline.IsZero() && b.spares[0].at.After(deadline)) {
		return nil
	}
	w := b.spares[0]
	b.spares = b.spares[1:]
	return w
}

// idle reports whether the bucket holds nothing a new bucket would not: no waiter, no spare slot, no
// pause, and nothing learned.
func (b *bucket) idle(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.settle(now)
	return len(b.waiters) == 0 && len(b.spares) == 0 && !b.pausedUntil.After(now) && !b.learned
}

// state describes the bucket at now.
func (b *bucket) state(now time.Time) RateLimit {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.settle(now)
	r := b.rate(now)
	rl := RateLimit{Configured: b.limit / paceShare * 60, PerMinute: r * 60, Learned: b.learned,
		PausedUntil: b.pausedUntil}
	if r > 0 {
		rl.Burst = b.burstAt(now, r)
	}
	return rl
}

// maxWait is the longest a caller with deadline may wait at now: forever without one.
func maxWait(deadline, now time.Time) time.Duration {
	if deadline.IsZero() {
		return math.MaxInt64
	}
	return max(deadline.Sub(now), 0)
}

// deadlineError is the error of a call whose slot would come after its context's deadline.
func deadlineError(method string, d time.Duration) error {
	return fmt.Errorf("slack: %s: waiting %s for the rate limit would pass the context's deadline: %w",
		method, d.Round(time.Millisecond), context.DeadlineExceeded)
}

// wait blocks until the caller may send: its slot at the bucket's rate, after any pause. A wait that
// would outlast ctx's deadline fails at once and books nothing, and one the context ends fails promptly,
// leaving its slot to the client's next caller. A caller that waited asks the store again just before
// sending: when a pause began meanwhile (here or in another process sharing the store), its slot is void
// and it books another.
func (l *limiter) wait(ctx context.Context, b *bucket, attempt int) error {
	key := l.storeKey(l.scope(ctx, b.key.method != "auth.test"), b.key)
	for {
		w, err := l.book(ctx, b, key)
		if err != nil || w == nil {
			return err
		}
		sent, err := l.sleep(ctx, b, w, key, attempt)
		if err != nil || sent {
			return err
		}
	}
}

// book gives the caller a slot: a spare one, or one from the store. It returns nil when the slot is now.
func (l *limiter) book(ctx context.Context, b *bucket, key string) (*waiter, error) {
	method := b.key.method
	now := time.Now()
	deadline, _ := ctx.Deadline()
	b.mu.Lock()
	b.settle(now)
	if w := b.takeSpare(now, deadline); w != nil {
		w.deadline = deadline
		b.waiters = append(b.waiters, w)
		b.mu.Unlock()
		return w, nil
	}
	lim := b.limitAt(now)
	queued := len(b.waiters) > 0
	b.mu.Unlock()

	res, err := l.reserve(ctx, key, lim, maxWait(deadline, now))
	if err != nil {
		return nil, fmt.Errorf("slack: %s: %w", method, err)
	}
	if !res.OK {
		return nil, deadlineError(method, res.Delay)
	}
	if res.Delay <= 0 {
		return nil, nil // the common case: the slot is now
	}
	// The delay counts from when the store answered: the store's call may have taken its time.
	w := &waiter{at: time.Now().Add(res.Delay), epoch: res.Epoch, deadline: deadline}
	b.mu.Lock()
	if queued {
		w.at = b.spread(w.at, lim, deadline)
	}
	b.waiters = append(b.waiters, w)
	b.mu.Unlock()
	return w, nil
}

// sleep waits for w's slot and then checks the store's pause. It reports whether the caller may send;
// false with no error means a pause voided the slot.
func (l *limiter) sleep(ctx context.Context, b *bucket, w *waiter, key string, attempt int) (bool, error) {
	method := b.key.method
	b.mu.Lock()
	now := time.Now()
	for {
		if w.refused {
			b.leave(w, now, false)
			b.mu.Unlock()
			return false, deadlineError(method, w.wait)
		}
		d := w.at.Sub(now)
		if d <= 0 {
			break
		}
		reason := "rate limit"
		if b.pausedUntil.After(now) {
			reason = "paused after 429"
		}
		perMinute := b.rate(now) * 60
		changed := b.changed
		b.mu.Unlock()

		l.log.LogAttrs(ctx, slog.LevelInfo, "slack: waiting", slog.String("method", method),
			slog.Int("attempt", attempt), slog.Duration("wait", d), slog.String("reason", reason),
			slog.Float64("rate_per_minute", perMinute))
		err := sleepUntilChanged(ctx, d, changed)

		b.mu.Lock()
		now = time.Now()
		if err != nil {
			b.leave(w, now, true)
			b.mu.Unlock()
			return false, fmt.Errorf("slack: %s: %w", method, err)
		}
	}
	b.leave(w, now, false)
	b.mu.Unlock()

	ps, err := l.paused(ctx, key)
	if err != nil {
		return false, fmt.Errorf("slack: %s: %w", method, err)
	}
	return ps.Left <= 0 && ps.Epoch == w.epoch, nil
}

// sleepUntilChanged waits d, until changed is closed, or until ctx ends.
func sleepUntilChanged(ctx context.Context, d time.Duration, changed <-chan struct{}) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-changed:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// answered counts a call Slack answered with something other than a 429.
func (b *bucket) answered(now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.roll(now)
	b.winCount++
}

// roll starts a new count window at now when the current one is over; the current one becomes the
// previous, unless it ended more than a window ago: the calls of an old window tell nothing of the rate
// a 429 now comes at. The caller holds b.mu.
func (b *bucket) roll(now time.Time) {
	switch age := now.Sub(b.winStart); {
	case age < countWindow:
		return
	case age < 2*countWindow:
		b.prevStart, b.prevCount = b.winStart, b.winCount
	default:
		b.prevStart, b.prevCount = time.Time{}, 0
	}
	b.winStart, b.winCount = now, 0
}

// lesson is what a 429 taught a bucket: its new rate in calls a minute.
type lesson struct {
	learned   bool
	perMinute float64
}

// throttled takes a 429 answered at now to a call sent at sent, with a wait of d: the store pauses the
// bucket's key for d (every process sharing it waits), and the bucket lowers its rate, unless a 429 to a
// call sent later already did. The client's callers whose slots the pause voided book again at once, in
// the order they came, at the new rate; those whose new slot would pass their deadline fail.
//
// The new rate is half the rate the 429 came at. A Retry-After of longRetryAfter or more also tells how
// long the server's window is: the calls Slack answered since the window began (with a shared store,
// this process's times the expected replicas), over the time since then plus the wait, is the rate the
// server allows, and the bucket takes it (with paceShare's margin) when
// it is lower. A bucket with no rate (no limit configured) starts from that figure even when the wait is
// short, and doubles it every second until the next 429 sets its ceiling.
//
// After the pause, calls resume one slot apart at the new rate: the burst builds up again only while the
// key is idle.
func (l *limiter) throttled(ctx context.Context, b *bucket, now, sent time.Time, d time.Duration) lesson {
	ctx = context.WithoutCancel(ctx) // the pause is recorded even when the caller gives up
	key := l.storeKey(l.scope(ctx, false), b.key)
	b.mu.Lock()
	var ls lesson
	if sent.After(b.taughtAt) || b.taughtAt.IsZero() {
		b.settle(now)
		ls = lesson{learned: true, perMinute: b.learn(now, d) * 60}
		b.taughtAt = now
	}
	b.pausedUntil = maxTime(b.pausedUntil, now.Add(d))
	b.spares = nil
	lim := b.limitAt(b.pausedUntil)
	waiters := slices.Clone(b.waiters)
	b.mu.Unlock()

	l.pause(ctx, key, d)
	ps, err := l.paused(ctx, key)
	if err != nil {
		return ls
	}
	for i, w := range waiters {
		b.mu.Lock()
		valid := w.epoch == ps.Epoch || !slices.Contains(b.waiters, w)
		b.mu.Unlock()
		if valid {
			continue
		}
		res, err := l.reserve(ctx, key, lim, maxWait(w.deadline, time.Now()))
		at := time.Now()
		b.mu.Lock()
		switch {
		case err != nil:
		case !slices.Contains(b.waiters, w): // it gave up meanwhile
			if res.OK && res.Delay > 0 {
				b.addSpare(&waiter{at: at.Add(res.Delay), epoch: res.Epoch})
			}
		case res.OK:
			w.at, w.epoch = at.Add(res.Delay), res.Epoch
			if i > 0 || len(b.waiters) > 1 {
				w.at = b.spread(w.at, lim, w.deadline)
			}
		default:
			w.refused, w.wait = true, res.Delay
		}
		b.mu.Unlock()
	}
	b.mu.Lock()
	b.signal()
	b.mu.Unlock()
	return ls
}

// learn lowers the bucket's rate after a 429 at now with a wait of d, and returns the new rate in calls
// a second. The caller holds b.mu.
func (b *bucket) learn(now time.Time, d time.Duration) float64 {
	b.roll(now)
	since := b.winStart
	if !b.prevStart.IsZero() {
		since = b.prevStart
	}
	span := now.Sub(since) + d
	// With a shared store, the calls of every process count against the limit, and each process sees
	// only its own: their share of the budget is even, so the key served about replicas times as many.
	served := float64(max(b.winCount+b.prevCount, 1) * b.replicas)
	r := b.rate(now)
	var next float64
	switch {
	case r == 0: // nothing to halve: start from what the server let through
		next = served / max(span.Seconds(), 1) * paceShare
	case d >= longRetryAfter:
		next = min(r*backoffFactor, served/span.Seconds()*paceShare)
	default:
		next = r * backoffFactor
	}
	next = max(next, minRate)
	if b.learned && now.Sub(b.learnedAt) < b.recovery {
		b.recovery = min(2*b.recovery, maxRecovery)
	} else {
		b.recovery = firstRecovery
	}
	switch {
	case b.limit > 0:
		b.ceiling = b.limit
	default:
		b.ceiling = r // the rate of this 429; 0 for a bucket that had none, which then doubles its rate
	}
	b.learned, b.base, b.learnedAt = true, next, now.Add(d)
	// Count again from the first call Slack answers after the pause: a window that began before it would
	// weigh the calls against time the bucket spent waiting, and teach a rate lower than Slack's.
	b.winStart, b.winCount, b.prevStart, b.prevCount = time.Time{}, 0, time.Time{}, 0
	return next
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// retrySafe lists the methods outside the read-only patterns of isRetrySafe that change nothing.
// files.getUploadURLExternal only hands out an upload URL, so it may be retried too; the upload and
// files.completeUploadExternal never are.
var retrySafe = map[string]bool{
	"auth.test":                  true,
	"bots.info":                  true,
	"chat.getPermalink":          true,
	"dnd.teamInfo":               true,
	"files.getUploadURLExternal": true,
	"reactions.get":              true,
	"search.messages":            true,
	"team.profile.get":           true,
	"users.conversations":        true,
	"users.getPresence":          true,
	"users.identity":             true,
	"users.lookupByEmail":        true,
	"users.profile.get":          true,
}

// readOnlySuffixes are the endings of the methods that only read: *.info, *.list, and so on.
var readOnlySuffixes = []string{".info", ".list", ".history", ".replies", ".members"}

// isRetrySafe reports whether method changes nothing, so that a 5xx or a lost connection may be retried.
// A write is never sent twice: Slack has no idempotency keys, and a duplicate message is worse than an
// error.
func isRetrySafe(method string) bool {
	if retrySafe[method] {
		return true
	}
	for _, suffix := range readOnlySuffixes {
		if strings.HasSuffix(method, suffix) {
			return true
		}
	}
	return false
}
