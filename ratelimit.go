package slack

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
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

// methodLimit is a proactive limit: perMinute calls a minute on average, and at most burst at once.
type methodLimit struct{ perMinute, burst int }

// defaultBurst is the burst for a method allowed perMinute calls a minute: a tenth of a minute's calls,
// so that a cold client starts at once without raising the average.
func defaultBurst(perMinute int) int { return max(1, perMinute/10) }

// limitFor returns the proactive limit of method under cfg, if it has one: the WithMethodLimit override,
// or, with rate limiting on, the tier table's.
func (cfg *config) limitFor(method string) (methodLimit, bool) {
	if l, ok := cfg.methodLimits[method]; ok {
		return l, true
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

// acquire returns the bucket that a call of method with form belongs to, making it on first use, and
// holds it until release, so that it is not dropped while the call uses it.
func (l *limiter) acquire(method string, form url.Values) *bucket {
	key := bucketKey{method: method}
	if perChannel[method] {
		key.channel = form.Get("channel")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.sweepAt {
			l.sweep()
		}
		b = newBucket(l.cfg, method)
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

// sweep drops the buckets that no call holds and whose state is that of a new bucket (no pause, a full
// limiter), so that a client posting to many channels does not keep a bucket for each forever. The
// caller holds l.mu.
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

// bucket paces the calls of one method (and channel) with a token bucket of the method's limit, and
// holds every caller during a pause after a 429.
type bucket struct {
	users int // calls holding the bucket; guarded by limiter.mu

	mu          sync.Mutex
	rl          *rate.Limiter // nil when the method is not limited before sending
	burst       int
	last        time.Time     // the latest time given to rl, which must never go back
	pausedUntil time.Time     // no call may be sent before this
	waiters     []*waiter     // the callers waiting for their turn, in the order they came
	changed     chan struct{} // closed (and replaced) when a pause moves the waiters' turns
}

// waiter is one caller waiting in a bucket.
type waiter struct {
	r  *rate.Reservation // its token, when the bucket has a limiter
	at time.Time         // when it may send
}

func newBucket(cfg *config, method string) *bucket {
	b := &bucket{changed: make(chan struct{})}
	if l, ok := cfg.limitFor(method); ok {
		b.rl = rate.NewLimiter(rate.Limit(float64(l.perMinute)/60), l.burst)
		b.burst = l.burst
	}
	return b
}

// clock returns now, or the latest time already given to the limiter if that is later. The caller holds
// b.mu.
func (b *bucket) clock(now time.Time) time.Time {
	if now.After(b.last) {
		b.last = now
	}
	return b.last
}

// reserve gives w its turn: the limiter's next free slot, no earlier than the end of the pause. The
// caller holds b.mu.
func (b *bucket) reserve(w *waiter, now time.Time) {
	start := b.clock(now)
	if b.pausedUntil.After(start) {
		start = b.clock(b.pausedUntil)
	}
	w.at, w.r = start, nil
	if b.rl != nil {
		w.r = b.rl.ReserveN(start, 1)
		w.at = start.Add(w.r.DelayFrom(start))
	}
}

// leave takes w out of the waiters; if it gives up (cancel), its token goes back to the limiter. The
// caller holds b.mu.
func (b *bucket) leave(w *waiter, now time.Time, cancel bool) {
	i := slices.Index(b.waiters, w)
	if i < 0 {
		return
	}
	behind := slices.Clone(b.waiters[i+1:])
	b.waiters = slices.Delete(b.waiters, i, i+1)
	t := b.clock(now)
	if !cancel || w.r == nil || w.at.Before(t) {
		return // nothing to give back: sent, or its turn has passed
	}
	// x/time/rate gives a token back only from the tail: take back the turns of the waiters behind w,
	// then w's, and give those waiters their turns again, in order, one slot earlier.
	for _, x := range slices.Backward(behind) {
		x.r.CancelAt(t)
	}
	w.r.CancelAt(t)
	for _, x := range behind {
		b.reserve(x, now)
	}
	if len(behind) > 0 {
		close(b.changed)
		b.changed = make(chan struct{})
	}
}

// idle reports whether the bucket holds nothing a new bucket would not: no waiter, no pause, and a full
// limiter.
func (b *bucket) idle(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.waiters) > 0 || b.pausedUntil.After(now) {
		return false
	}
	return b.rl == nil || b.rl.TokensAt(b.clock(now)) >= float64(b.burst)
}

// wait blocks until the caller may send: its turn under the method's limit, after any pause. A wait that
// would outlast ctx's deadline fails at once, and one the context ends fails promptly; either way the
// caller's turn goes back to the bucket.
func (b *bucket) wait(ctx context.Context, method string, attempt int, log *slog.Logger) error {
	b.mu.Lock()
	now := time.Now()
	if !b.pausedUntil.After(now) && len(b.waiters) == 0 && (b.rl == nil || b.rl.AllowN(b.clock(now), 1)) {
		b.mu.Unlock()
		return nil // the common case: a token is there, and nobody is ahead
	}
	w := &waiter{}
	b.reserve(w, now)
	if !w.at.After(now) {
		b.mu.Unlock()
		return nil
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
		changed := b.changed
		b.mu.Unlock()

		log.LogAttrs(ctx, slog.LevelInfo, "slack: waiting", slog.String("method", method),
			slog.Int("attempt", attempt), slog.Duration("wait", d), slog.String("reason", reason))
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

// pause stops every caller of the bucket for d, from now. The callers already waiting keep their order:
// their turns are given back and taken again, in the same order, from the end of the pause.
func (b *bucket) pause(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	until := now.Add(d)
	if !until.After(b.pausedUntil) {
		return
	}
	b.pausedUntil = until
	if b.rl != nil {
		t := b.clock(now)
		for _, w := range slices.Backward(b.waiters) {
			w.r.CancelAt(t)
		}
	}
	for _, w := range b.waiters {
		b.reserve(w, now)
	}
	close(b.changed)
	b.changed = make(chan struct{})
}

// retrySafe lists the methods outside the read-only patterns of isRetrySafe that change nothing.
var retrySafe = map[string]bool{
	"auth.test":           true,
	"bots.info":           true,
	"chat.getPermalink":   true,
	"users.conversations": true,
	"users.getPresence":   true,
	"users.identity":      true,
	"users.lookupByEmail": true,
	"users.profile.get":   true,
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
