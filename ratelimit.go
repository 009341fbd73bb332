package slack

import (
	"context"
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
// per-channel methods for each channel.
type limiter struct {
	cfg *config
	log *slog.Logger

	mu      sync.Mutex
	buckets map[bucketKey]*bucket
	sweepAt int // the number of buckets at which idle ones are dropped
}

// bucketKey names a bucket: a method, and for per-channel methods the channel.
type bucketKey struct{ method, channel string }

// minSweep is the number of buckets below which the limiter never looks for idle ones.
const minSweep = 256

func newLimiter(cfg *config) *limiter {
	return &limiter{cfg: cfg, log: cfg.logger, buckets: map[bucketKey]*bucket{}, sweepAt: minSweep}
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
		b = newBucket(l.cfg, method, time.Now())
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

// sweep drops the buckets that no call holds and whose state is that of a new bucket (no pause, nothing
// learned, a full burst), so that a client posting to many channels does not keep a bucket for each
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
	l.mu.Lock()
	b, ok := l.buckets[keyFor(method, channel)]
	l.mu.Unlock()
	now := time.Now()
	if !ok {
		b = newBucket(l.cfg, method, now)
	}
	return b.state(now)
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
	PausedUntil time.Time
}

// bucket paces the calls of one method (and channel) and holds every caller during a pause after a 429.
// It books turns with the generic cell rate algorithm: tat is the time at which every call booked so
// far would have been sent at the bucket's rate, and a call may go burst-1 intervals before it.
type bucket struct {
	users int // calls holding the bucket; guarded by limiter.mu

	mu          sync.Mutex
	limit       float64   // the configured rate in calls a second, times paceShare; 0 when none
	burst       int       // the calls let go at once after an idle spell
	noReserve   bool      // told a burst of 1: Slack keeps no call in reserve, so calls keep to their slots
	tat         time.Time // the theoretical arrival time of the next call
	pausedUntil time.Time // no call may be sent before this
	waiters     []*waiter // the callers waiting for their turn, in the order they came

	changed chan struct{} // closed (and replaced) when a pause moves the waiters' turns

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

// waiter is one caller waiting in a bucket.
type waiter struct {
	at      time.Time // when it may send
	prevTAT time.Time // the bucket's tat before this caller booked its turn
}

// newBucket returns the bucket of method at now. It starts with one call's worth (the first call goes at
// once) and fills up to its burst while idle, so that processes that start together do not spend the
// server's burst between them.
func newBucket(cfg *config, method string, now time.Time) *bucket {
	b := &bucket{changed: make(chan struct{}), burst: 1, tat: now}
	if l, ok := cfg.limitFor(method); ok {
		b.limit = float64(l.perMinute) / 60 * paceShare
		b.burst = spentBurst(l.burst)
		b.noReserve = l.burst <= 1
		b.tat = b.freshTAT(now)
	}
	return b
}

// freshTAT is the tat of a new bucket with a configured limit at now: one call may go at once, and the
// burst builds up while the bucket is idle. The caller holds b.mu.
func (b *bucket) freshTAT(now time.Time) time.Time {
	return now.Add(time.Duration(b.burst-1) * interval(b.limit))
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

// settle forgets what a 429 taught once the climb is over. A call booked at a learned rate holds the
// next turn one of its intervals later, which at a low rate may be long after the climb: with nobody
// waiting, the bucket then holds no more than a new one, and its next call goes at once. The caller
// holds b.mu.
func (b *bucket) settle(now time.Time) {
	if b.learned && b.ceiling != 0 && now.Sub(b.learnedAt) >= b.recovery {
		b.learned = false
		if b.limit > 0 && len(b.waiters) == 0 {
			if fresh := b.freshTAT(now); b.tat.After(fresh) {
				b.tat = fresh
			}
		}
	}
}

// book gives w its turn: the bucket's next free slot, no earlier than the end of the pause. The caller
// holds b.mu.
func (b *bucket) book(w *waiter, now time.Time) {
	b.settle(now)
	start := now
	if b.pausedUntil.After(start) {
		start = b.pausedUntil
	}
	w.prevTAT = b.tat
	r := b.rate(start)
	if r <= 0 {
		w.at = start
		return
	}
	t := interval(r)
	tat := b.tat
	if tat.Before(start) {
		tat = start
	}
	w.at = tat.Add(-time.Duration(b.burstAt(start, r)-1) * t)
	if w.at.Before(start) {
		w.at = start
	}
	// A call that waits for its slot (or for a pause to end) leaves at a random point in the first half
	// of its interval, and at most maxSpread after its slot: a client that paces exactly at a server's
	// refill takes each token as it appears, so that another process of the app sharing the budget
	// would draw every 429 and never get its share back. A call whose turn is now goes at once, and so
	// does a lone caller (a retry after a pause), with whom no other caller of the client competes. With
	// a burst of 1 (a Tier 1 method, the non-Marketplace history limit), the server has no call in
	// reserve for a call that goes closer than an interval to the one before it, or two calls in one of
	// its fixed windows: each goes exactly in its slot.
	if w.at.After(now) && !b.noReserve && len(b.waiters) > 0 {
		w.at = w.at.Add(rand.N(min(t/2, maxSpread) + 1))
	}
	b.tat = tat.Add(t)
}

// signal wakes the waiters: their turns moved.
func (b *bucket) signal() {
	close(b.changed)
	b.changed = make(chan struct{})
}

// leave takes w out of the waiters; if it gives up (cancel) before its turn, the turn goes back to the
// bucket, and the waiters behind it move up. The caller holds b.mu.
func (b *bucket) leave(w *waiter, now time.Time, cancel bool) {
	i := slices.Index(b.waiters, w)
	if i < 0 {
		return
	}
	behind := slices.Clone(b.waiters[i+1:])
	b.waiters = slices.Delete(b.waiters, i, i+1)
	if !cancel || w.at.Before(now) {
		return // nothing to give back: sent, or its turn has passed
	}
	// Every turn booked after w's belongs to a waiter behind it: undo them all with w's, and book the
	// waiters behind again, in order.
	b.tat = w.prevTAT
	for _, x := range behind {
		b.book(x, now)
	}
	if len(behind) > 0 {
		b.signal()
	}
}

// idle reports whether the bucket holds nothing a new bucket would not: no waiter, no pause, nothing
// learned, and at least a new bucket's room for calls.
func (b *bucket) idle(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.settle(now)
	if len(b.waiters) > 0 || b.pausedUntil.After(now) || b.learned {
		return false
	}
	return b.limit == 0 || !b.tat.After(b.freshTAT(now))
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

// wait blocks until the caller may send: its turn at the bucket's rate, after any pause. A wait that
// would outlast ctx's deadline fails at once, and one the context ends fails promptly; either way the
// caller's turn goes back to the bucket.
func (b *bucket) wait(ctx context.Context, method string, attempt int, log *slog.Logger) error {
	b.mu.Lock()
	now := time.Now()
	w := &waiter{}
	b.book(w, now)
	if !w.at.After(now) {
		b.mu.Unlock()
		return nil // the common case: the turn is now
	}
	b.waiters = append(b.waiters, w)
	for {
		d := w.at.Sub(now)
		if d <= 0 {
			b.leave(w, now, false)
			b.mu.Unlock()
			return nil
		}
		if pastDeadline(ctx, d) {
			b.leave(w, now, true)
			b.mu.Unlock()
			return fmt.Errorf("slack: %s: waiting %s for the rate limit would pass the context's deadline: %w",
				method, d, context.DeadlineExceeded)
		}
		reason := "rate limit"
		if b.pausedUntil.After(now) {
			reason = "paused after 429"
		}
		perMinute := b.rate(now) * 60
		changed := b.changed
		b.mu.Unlock()

		log.LogAttrs(ctx, slog.LevelInfo, "slack: waiting", slog.String("method", method),
			slog.Int("attempt", attempt), slog.Duration("wait", d), slog.String("reason", reason),
			slog.Float64("rate_per_minute", perMinute))
		err := sleepUntilChanged(ctx, d, changed)

		b.mu.Lock()
		now = time.Now()
		if err != nil {
			b.leave(w, now, true)
			b.mu.Unlock()
			return fmt.Errorf("slack: %s: %w", method, err)
		}
	}
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

// throttled takes a 429 answered at now to a call sent at sent, with a wait of d: every caller of the
// bucket pauses for d, and the bucket lowers its rate, unless a 429 to a call sent later already did.
//
// The new rate is half the rate the 429 came at. A Retry-After of longRetryAfter or more also tells how
// long the server's window is: the calls Slack answered since the window began, over the time since then
// plus the wait, is the rate the server allows, and the bucket takes it (with paceShare's margin) when
// it is lower. A bucket with no rate (no limit configured) starts from that figure even when the wait is
// short, and doubles it every second until the next 429 sets its ceiling.
//
// After the pause, calls resume one interval apart at the new rate: the bucket's burst builds up again
// only while it is idle.
func (b *bucket) throttled(now, sent time.Time, d time.Duration) lesson {
	b.mu.Lock()
	defer b.mu.Unlock()
	until := now.Add(d)
	// The bucket's next turn before this 429 is tat less the burst it allowed then (a new bucket's tat
	// too runs that far ahead, though it sent nothing). The first call after the pause goes no earlier
	// than that turn, and no later for want of a burst the lesson took away.
	var burstAhead time.Duration
	if r := b.rate(now); r > 0 {
		burstAhead = time.Duration(b.burstAt(now, r)-1) * interval(r)
	}
	var l lesson
	if sent.After(b.taughtAt) || b.taughtAt.IsZero() {
		b.settle(now)
		l = lesson{learned: true, perMinute: b.learn(now, d) * 60}
		b.taughtAt = now
	}
	if !l.learned && !until.After(b.pausedUntil) {
		return l // a shorter pause never shortens a longer one
	}
	b.pausedUntil = maxTime(b.pausedUntil, until)
	if len(b.waiters) > 0 {
		b.tat = b.waiters[0].prevTAT
	}
	// No burst when the pause ends: the first call goes then, the next one interval later. Like every
	// call that waited, each leaves a little after its slot, at random (see book), so that the clients of
	// an app that drew 429s together do not resume together.
	if r := b.rate(b.pausedUntil); r > 0 {
		t := interval(r)
		first := maxTime(b.tat.Add(-burstAhead), b.pausedUntil)
		b.tat = first.Add(time.Duration(b.burstAt(b.pausedUntil, r)-1) * t)
	}
	for _, w := range b.waiters {
		b.book(w, now)
	}
	b.signal()
	return l
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
	served := float64(max(b.winCount+b.prevCount, 1))
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
