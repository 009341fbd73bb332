package slack

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"
)

// limiter is the rate-limit state of one client (one token): a bucket for each method.
type limiter struct {
	mu      sync.Mutex
	buckets map[bucketKey]*bucket
}

// bucketKey names a bucket: a method, and for per-channel methods the channel.
type bucketKey struct{ method, channel string }

func newLimiter() *limiter { return &limiter{buckets: map[bucketKey]*bucket{}} }

// perChannel lists the methods Slack limits per channel rather than per method: a 429 for one channel
// pauses only the callers posting to that channel.
var perChannel = map[string]bool{"chat.postMessage": true}

// bucket returns the bucket that a call of method with form belongs to, making it on first use.
func (l *limiter) bucket(method string, form url.Values) *bucket {
	key := bucketKey{method: method}
	if perChannel[method] {
		key.channel = form.Get("channel")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{}
		l.buckets[key] = b
	}
	return b
}

// bucket paces the calls of one method. A 429 pauses every caller of the bucket until Slack's
// Retry-After has passed.
type bucket struct {
	mu          sync.Mutex
	pausedUntil time.Time
	epoch       uint64 // counts pauses, so a sleeper knows a new pause began while it slept
}

// wait blocks until the caller may send, or fails at once if the wait would outlast ctx's deadline.
func (b *bucket) wait(ctx context.Context, method string, log *slog.Logger) error {
	for {
		b.mu.Lock()
		now := time.Now()
		epoch := b.epoch
		d := b.pausedUntil.Sub(now)
		b.mu.Unlock()
		if d <= 0 {
			return nil
		}
		if pastDeadline(ctx, d) {
			return fmt.Errorf("slack: %s: waiting %s for the rate limit would pass the context's deadline: %w",
				method, d, context.DeadlineExceeded)
		}
		log.LogAttrs(ctx, slog.LevelDebug, "slack: waiting", slog.String("method", method), slog.Duration("wait", d))
		if err := sleep(ctx, d); err != nil {
			return fmt.Errorf("slack: %s: %w", method, err)
		}
		b.mu.Lock()
		again := b.epoch != epoch
		b.mu.Unlock()
		if !again {
			return nil
		}
	}
}

// pause stops every caller of the bucket for d, from now.
func (b *bucket) pause(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if until := time.Now().Add(d); until.After(b.pausedUntil) {
		b.pausedUntil = until
		b.epoch++
	}
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

// isRetrySafe reports whether method changes nothing, so that a 5xx or a lost connection may be retried.
// A write is never sent twice: Slack has no idempotency keys, and a duplicate message is worse than an
// error.
func isRetrySafe(method string) bool {
	if retrySafe[method] {
		return true
	}
	for _, suffix := range []string{".info", ".list", ".history", ".replies", ".members"} {
		if strings.HasSuffix(method, suffix) {
			return true
		}
	}
	return false
}
