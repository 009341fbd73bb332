package slack_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// recordingStore is a LimitStore over a MemoryLimitStore that records the keys it is asked about and
// can be made to fail: at once with an error, or by hanging until the caller's context ends.
type recordingStore struct {
	inner *slack.MemoryLimitStore

	mu    sync.Mutex
	keys  []string
	calls int
	fail  string // "", "error" or "hang"
}

func newRecordingStore() *recordingStore { return &recordingStore{inner: slack.NewMemoryLimitStore()} }

func (s *recordingStore) enter(ctx context.Context, key string) error {
	s.mu.Lock()
	s.keys = append(s.keys, key)
	s.calls++
	fail := s.fail
	s.mu.Unlock()
	switch fail {
	case "error":
		return errors.New("connection refused")
	case "hang":
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

func (s *recordingStore) setFail(mode string) {
	s.mu.Lock()
	s.fail = mode
	s.mu.Unlock()
}

func (s *recordingStore) callCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

func (s *recordingStore) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.keys...)
}

func (s *recordingStore) Reserve(ctx context.Context, key string, l slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
	if err := s.enter(ctx, key); err != nil {
		return slack.Reservation{}, err
	}
	return s.inner.Reserve(ctx, key, l, maxWait)
}

func (s *recordingStore) Pause(ctx context.Context, key string, d time.Duration) error {
	if err := s.enter(ctx, key); err != nil {
		return err
	}
	return s.inner.Pause(ctx, key, d)
}

func (s *recordingStore) Paused(ctx context.Context, key string) (slack.PauseState, error) {
	if err := s.enter(ctx, key); err != nil {
		return slack.PauseState{}, err
	}
	return s.inner.Paused(ctx, key)
}

// sharedClients returns n clients of srv, each made by its own New as separate processes would be, that
// share store; opts apply to each.
func sharedClients(t *testing.T, srv *slacktest.Server, store slack.LimitStore, n int, opts ...slack.Option) []*slack.Client {
	t.Helper()
	var cs []*slack.Client
	for range n {
		all := append([]slack.Option{slack.WithRateLimiting(true), slack.WithLimitStore(store)}, opts...)
		cs = append(cs, newClientFor(t, srv, slacktest.BotToken, all...))
	}
	return cs
}

// warmUp makes each client learn its workspace (with one auth.test, whose new key in the store lets one
// call go at once and paces the next), then lets the store's keys fill up.
func warmUp(t *testing.T, cs ...*slack.Client) {
	t.Helper()
	for _, c := range cs {
		_, err := c.Conversations.Info(t.Context(), slacktest.GeneralID, nil)
		require.NoError(t, err)
	}
	time.Sleep(time.Minute)
}

// Clients sharing a store share one budget: together they keep to the method's limit, where each alone
// would spend all of it.
func TestClientsSharingAStoreShareOneBudget(t *testing.T) {
	for _, shared := range []bool{true, false} {
		name := map[bool]string{true: "shared", false: "each its own"}[shared]
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := slacktest.New()
				limit := slack.WithMethodLimit("users.info", 600, 1) // 10 a second, no burst
				var cs []*slack.Client
				if shared {
					cs = sharedClients(t, srv, slack.NewMemoryLimitStore(), 4, limit)
				} else {
					for range 4 {
						cs = append(cs, newClientFor(t, srv, slacktest.BotToken, slack.WithRateLimiting(true), limit))
					}
				}
				start := time.Now()
				var wg sync.WaitGroup
				for _, c := range cs {
					for range 10 {
						wg.Go(func() {
							_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
							assert.NoError(t, err)
						})
					}
				}
				wg.Wait()
				reqs := srv.Requests("users.info")
				require.Len(t, reqs, 40)
				last := reqs[len(reqs)-1].Time.Sub(start)
				if !shared {
					assert.Less(t, last, 1200*time.Millisecond, "four clients alone send four times as fast")
					return
				}
				// One call at once, then one every paceOf(600), whichever client makes it.
				assert.Equal(t, 39*paceOf(600), last, "40 calls at the shared pace")
				for i := 1; i < len(reqs); i++ {
					assert.Equal(t, paceOf(600), reqs[i].Time.Sub(reqs[i-1].Time), "gap before call %d", i)
				}
				assert.Equal(t, 4, srv.Count("auth.test"), "each client learns its workspace once")
			})
		})
	}
}

// A 429 one client draws pauses the method for every client sharing the store, including the calls whose
// slots were booked before it; other methods keep flowing; a shorter Retry-After never shortens the
// pause; and calls resume at the paced rate, not all at once.
func TestAPauseIsSharedByEveryClientOfTheStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.New()
		store := newRecordingStore()
		cs := sharedClients(t, srv, store, 2, slack.WithMethodLimit("users.info", 600, 1))
		a, b := cs[0], cs[1]
		warmUp(t, cs...)
		srv.Inject("users.info",
			slacktest.Fault{Status: 429, RetryAfter: "1", Body: `{"ok":false,"error":"ratelimited"}`, Delay: 500 * time.Millisecond},
			slacktest.Fault{Status: 429, RetryAfter: "2", Body: `{"ok":false,"error":"ratelimited"}`})
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() { // sent at 0; its 429 with Retry-After 1 comes at 0.5s
			_, err := b.Users.Info(t.Context(), slacktest.BobID, nil)
			assert.NoError(t, err)
		})
		synctest.Wait()
		wg.Go(func() { // sent at 0.1s: a 429 with Retry-After 2 pauses until 2.1s
			_, err := a.Users.Info(t.Context(), slacktest.BobID, nil)
			assert.NoError(t, err)
		})
		synctest.Wait()
		for range 4 { // booked before the pause, at 0.2s .. 0.5s: the pause voids their slots
			wg.Go(func() {
				_, err := b.Users.Info(t.Context(), slacktest.CarolID, nil)
				assert.NoError(t, err)
			})
			synctest.Wait()
		}
		time.Sleep(time.Second) // another method flows during the pause
		_, err := a.Conversations.Info(t.Context(), slacktest.GeneralID, nil)
		require.NoError(t, err)
		assert.Equal(t, time.Second, time.Since(start))
		wg.Wait()

		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 8, "two 429s, their retries and four calls")
		times := since(start, reqs)
		assert.Equal(t, []time.Duration{0, paceOf(600)}, times[:2], "two calls before the 429s")
		// No call between the pause and its end (2.1s), though four had slots before it; the 429 with
		// Retry-After 1 at 0.5s (until 1.5s) did not shorten it.
		for i, at := range times[2:] {
			assert.GreaterOrEqual(t, at, paceOf(600)+2*time.Second, "call %d after the pause", i+2)
		}
		// They resume one at a time at the pace (or slower, at a rate a 429 taught), not all at once.
		assert.Equal(t, paceOf(600)+2*time.Second, times[2], "the first call goes when the pause ends")
		for i := 3; i < len(times); i++ {
			assert.GreaterOrEqual(t, times[i]-times[i-1], paceOf(600), "gap before call %d", i)
		}
	})
}

// A reservation whose wait would pass the caller's deadline fails at once and books no slot: the next
// caller, of any client of the store, waits no longer than it would have.
func TestADeadlineRefusalBooksNothingInTheSharedStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.New()
		cs := sharedClients(t, srv, slack.NewMemoryLimitStore(), 2, slack.WithMethodLimit("users.info", 60, 1))
		a, b := cs[0], cs[1]
		warmUp(t, cs...)
		start := time.Now()
		_, err := a.Users.Info(t.Context(), slacktest.BobID, nil) // the one call at once
		require.NoError(t, err)

		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		_, err = b.Users.Info(ctx, slacktest.BobID, nil) // its slot would be at 1.01s
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Zero(t, time.Since(start), "refused at once")

		_, err = a.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Equal(t, paceOf(60), time.Since(start), "the refused call took no slot")
		assert.Equal(t, 2, srv.Count("users.info"))
	})
}

// The keys of a shared store name the workspace, learned once from auth.test, and for chat.postMessage
// the channel; never the token. Before the workspace is known (auth.test's own key), a keyed hash of the
// token stands for it.
func TestStoreKeysNameTheWorkspaceNotTheToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.New()
		store := newRecordingStore()
		c := sharedClients(t, srv, store, 1)[0]
		var wg sync.WaitGroup
		for range 5 { // the first calls wait for one lookup
			wg.Go(func() {
				_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi"})
		require.NoError(t, err)
		other := c.WithToken(slacktest.UserToken) // another token of the same New: its own lookup
		_, err = other.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Equal(t, 2, srv.Count("auth.test"), "one lookup per token")

		keys := map[string]bool{}
		for _, k := range store.seen() {
			keys[k] = true
			for _, tok := range []string{slacktest.BotToken, slacktest.UserToken, "xox"} {
				assert.NotContains(t, k, tok)
			}
		}
		assert.True(t, keys[slacktest.TeamID+":users.info"], "keys: %v", keys)
		assert.True(t, keys[slacktest.TeamID+":chat.postMessage:"+slacktest.GeneralID], "keys: %v", keys)
		var hashed []string
		for k := range keys {
			if strings.HasPrefix(k, "h-") {
				hashed = append(hashed, k)
				assert.True(t, strings.HasSuffix(k, ":auth.test"), "only auth.test is keyed by the hash: %s", k)
			}
		}
		assert.Len(t, hashed, 2, "one hash per token, the same in every process: %v", hashed)
	})
}

// When auth.test fails, the client keys by the token's hash, and asks again only a minute later.
func TestStoreKeysUseTheHashWhenTheWorkspaceIsUnknown(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.New()
		srv.Inject("auth.test", slacktest.Fault{Body: `{"ok":false,"error":"invalid_auth"}`})
		store := newRecordingStore()
		c := sharedClients(t, srv, store, 1)[0]
		for range 3 {
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			require.NoError(t, err)
		}
		assert.Equal(t, 1, srv.Count("auth.test"))
		for _, k := range store.seen() {
			assert.True(t, strings.HasPrefix(k, "h-"), "keyed by the hash: %s", k)
		}
		time.Sleep(time.Minute)
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Equal(t, 2, srv.Count("auth.test"), "asked again after a minute")
		keys := store.seen()
		assert.Equal(t, slacktest.TeamID+":users.info", keys[len(keys)-1])
	})
}

// storeRecords returns the messages of the store's degraded and recovered records in logs.
func storeRecords(t *testing.T, logs *bytes.Buffer) []string {
	var out []string
	for _, r := range records(t, logs) {
		if msg, _ := r["msg"].(string); strings.Contains(msg, "rate-limit store") {
			out = append(out, r["level"].(string)+" "+msg)
		}
	}
	return out
}

// A store that fails, at once or by hanging, never fails a call: each waits at most the store's timeout,
// the client paces in process at its limit divided by the expected replicas, it logs one record when the
// store fails and one when it is back, and then books in the store again.
func TestAFailingStoreNeverFailsACall(t *testing.T) {
	for _, mode := range []string{"error", "hang"} {
		t.Run(mode, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := slacktest.New()
				store := newRecordingStore()
				var logs bytes.Buffer
				c := sharedClients(t, srv, store, 1, slack.WithMethodLimit("users.info", 600, 1),
					slack.WithExpectedReplicas(4), slack.WithLimitStoreTimeout(20*time.Millisecond),
					slack.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))[0]
				_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
				require.NoError(t, err)

				store.setFail(mode)
				before := store.callCount()
				start := time.Now()
				var gaps []time.Duration
				for i := range 20 {
					at, asked := time.Now(), store.callCount()
					_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
					require.NoError(t, err, "no call fails while the store does")
					gaps = append(gaps, time.Since(at))
					assert.LessOrEqual(t, store.callCount()-asked, 1, "call %d asked the failing store more than once", i)
				}
				// The first call waits for the store's timeout, then paces alone; the others pace at a
				// quarter of the limit, with one probe of the store a second.
				// (A call sent up to a timeout after its slot, after a probe, brings the next one closer.)
				reqs := srv.Requests("users.info")
				n := len(reqs)
				for i := n - 18; i < n; i++ {
					assert.GreaterOrEqual(t, reqs[i].Time.Sub(reqs[i-1].Time), 4*paceOf(600)-20*time.Millisecond,
						"a quarter of the limit while the store fails")
				}
				assert.GreaterOrEqual(t, reqs[n-1].Time.Sub(reqs[n-19].Time), 18*4*paceOf(600)-20*time.Millisecond,
					"a quarter of the limit while the store fails")
				elapsed := time.Since(start)
				probes := store.callCount() - before
				assert.LessOrEqual(t, probes, 1+int(elapsed/time.Second)+1, "at most one probe a second")
				for i, g := range gaps {
					assert.LessOrEqual(t, g, 4*paceOf(600)+20*time.Millisecond, "call %d waited its slot and at most the timeout", i)
				}

				store.setFail("")
				time.Sleep(time.Second)
				for range 5 {
					_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
					require.NoError(t, err)
				}
				assert.Greater(t, store.callCount()-before-probes, 5, "the calls book in the store again")
				assert.Equal(t, []string{
					"WARN slack: rate-limit store failed; pacing in process",
					"INFO slack: rate-limit store recovered; sharing its budget again",
				}, storeRecords(t, &logs), "one record when it fails, one when it is back")
			})
		})
	}
}

func TestLimitStoreOptionsRefuseBadValues(t *testing.T) {
	_, err := slack.New(slacktest.BotToken, slack.WithExpectedReplicas(0))
	require.ErrorContains(t, err, "WithExpectedReplicas")
	_, err = slack.New(slacktest.BotToken, slack.WithLimitStoreTimeout(0))
	require.ErrorContains(t, err, "WithLimitStoreTimeout")
}

// With a shared store, what a long Retry-After teaches weighs the calls this process saw answered as its
// share of WithExpectedReplicas: three processes that split the budget evenly learn the key's rate, not a
// third of it.
func TestALessonWithASharedStoreCountsEveryReplica(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.New()
		cs := sharedClients(t, srv, slack.NewMemoryLimitStore(), 3, slack.WithMethodLimit("users.info", 600, 1),
			slack.WithExpectedReplicas(3))
		warmUp(t, cs...)
		users := []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID}
		var wg sync.WaitGroup
		for i, c := range cs {
			wg.Go(func() {
				for range 10 {
					_, err := c.Users.Info(t.Context(), users[i], nil)
					assert.NoError(t, err)
				}
			})
		}
		wg.Wait()
		srv.Inject("users.info", slacktest.RateLimited("10"))
		_, err := cs[0].Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err, "retried after the pause")

		var bob []slacktest.Request
		for _, r := range srv.Requests("users.info") {
			if r.Form.Get("user") == slacktest.BobID {
				bob = append(bob, r)
			}
		}
		require.Len(t, bob, 12, "ten calls, the 429 and its retry")
		span := bob[10].Time.Sub(bob[0].Time) + 10*time.Second
		want := servedRate(10*3, span) * 60
		rl := cs[0].RateLimit("users.info", "")
		require.True(t, rl.Learned)
		assert.InDelta(t, want, rl.PerMinute, 0.01, "the calls of three replicas over %s", span)
		assert.Less(t, want, 0.5*pacedPerMinute(600), "the served rate is the lesson, not the halving")
	})
}

// While the store hangs, a call waits for its timeout at most once: the reservation may probe the store,
// the check before sending does not, even when the call's slot comes after the next probe is due.
func TestACallWaitsForAHangingStoreAtMostOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.New()
		store := newRecordingStore()
		c := sharedClients(t, srv, store, 1, slack.WithMethodLimit("users.info", 600, 1),
			slack.WithExpectedReplicas(30), slack.WithLimitStoreTimeout(20*time.Millisecond))[0]
		warmUp(t, c)
		store.setFail("hang")
		for i := range 6 {
			// Each call starts when a probe is due, so its reservation probes; its slot, 3s after the last
			// one, comes after the next probe is due.
			time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + time.Millisecond)))
			asked := store.callCount()
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			require.NoError(t, err)
			assert.LessOrEqual(t, store.callCount()-asked, 1, "call %d asked the hanging store more than once", i)
		}
	})
}
