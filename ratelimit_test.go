package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// specLimit is what internal/spec/tiers.json says of one method.
type specLimit struct {
	perMinute  int
	perChannel bool
	special    bool // a special limit, not a tier
	tier       int  // 1–4 for a tier
}

// readSpecLimits reads internal/spec/tiers.json: every method's limit, plus auth.test, which the file
// leaves out and Slack documents as special ("hundreds per minute": 600).
func readSpecLimits(t *testing.T) map[string]specLimit {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("internal", "spec", "tiers.json"))
	require.NoError(t, err)
	var spec struct {
		Tiers   map[string]int    `json:"tiers"`
		Methods map[string]string `json:"methods"`
		Special map[string]struct {
			PerMinute           int `json:"per_minute"`
			PerMinutePerChannel int `json:"per_minute_per_channel"`
		} `json:"special"`
	}
	require.NoError(t, json.Unmarshal(data, &spec))
	require.Len(t, spec.Methods, 62)
	limits := map[string]specLimit{"auth.test": {perMinute: 600, special: true}}
	for method, tier := range spec.Methods {
		switch tier {
		case "special":
			sp := spec.Special[method]
			l := specLimit{perMinute: sp.PerMinute, special: true}
			if sp.PerMinutePerChannel > 0 {
				l = specLimit{perMinute: sp.PerMinutePerChannel, perChannel: true, special: true}
			}
			limits[method] = l
		case "retired": // a retired method without a tier is Tier 2
			limits[method] = specLimit{perMinute: spec.Tiers["2"], tier: 2}
		default:
			n := int(tier[0] - '0')
			limits[method] = specLimit{perMinute: spec.Tiers[tier], tier: n}
		}
		require.NotZero(t, limits[method].perMinute, method)
	}

	// The families beyond the seeds, from internal/spec/methods-next.json (files.remote.* is out of scope).
	// oauth.v2.access is the one special limit there: Slack publishes no figure, and the client uses Tier 4.
	data, err = os.ReadFile(filepath.Join("internal", "spec", "methods-next.json"))
	require.NoError(t, err)
	var next struct {
		Methods map[string]struct {
			Tier string `json:"tier"`
		} `json:"methods"`
	}
	require.NoError(t, json.Unmarshal(data, &next))
	added := 0
	for method, m := range next.Methods {
		if strings.HasPrefix(method, "files.remote.") {
			continue
		}
		added++
		require.NotContains(t, limits, method)
		if strings.HasPrefix(m.Tier, "special") {
			require.Equal(t, "oauth.v2.access", method, "an unexpected special limit")
			limits[method] = specLimit{perMinute: spec.Tiers["4"], special: true}
			continue
		}
		require.Contains(t, spec.Tiers, m.Tier, method)
		limits[method] = specLimit{perMinute: spec.Tiers[m.Tier], tier: int(m.Tier[0] - '0')}
	}
	require.Equal(t, 49, added)
	return limits
}

// stamper is an http.RoundTripper that answers {"ok":true} and records when each request came, relative
// to start, and its form.
type stamper struct {
	start time.Time
	mu    sync.Mutex
	times []time.Duration
	forms []url.Values
}

func (s *stamper) RoundTrip(req *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(req.Body)
	form, _ := url.ParseQuery(string(body))
	s.mu.Lock()
	s.times = append(s.times, time.Since(s.start))
	s.forms = append(s.forms, form)
	s.mu.Unlock()
	return replay{status: http.StatusOK, body: []byte(`{"ok":true}`)}.RoundTrip(req)
}

// stampClient returns a client whose requests the returned stamper answers and times.
func stampClient(t *testing.T, opts ...slack.Option) (*slack.Client, *stamper) {
	t.Helper()
	st := &stamper{start: time.Now()}
	all := append([]slack.Option{slack.WithHTTPClient(&http.Client{Transport: st}),
		slack.WithBaseURL(slacktest.InMemoryURL)}, opts...)
	c, err := slack.New(slacktest.BotToken, all...)
	require.NoError(t, err)
	return c, st
}

// TestLimiterFollowsTheTierTable calls every method of internal/spec/tiers.json (and auth.test) twice on
// a new bucket, then, after an idle hour, half its burst and three more times. The client paces at 99% of
// the per-minute figure: a new bucket sends its first call at once and the next in the slot one interval
// later; an idle one sends half its burst (a tenth of the per-minute figure, at least 1; half of it
// rounded up) at once, then one call in each slot, an interval apart.
func TestLimiterFollowsTheTierTable(t *testing.T) {
	for method, spec := range readSpecLimits(t) {
		t.Run(method, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, st := stampClient(t)
				call := func() {
					require.NoError(t, c.Call(t.Context(), method, url.Values{"channel": {"C1"}}, nil))
				}
				interval := paceOf(spec.perMinute)
				burst := spent(max(1, spec.perMinute/10))
				call()
				call()
				require.Len(t, st.times, 2)
				assert.Zero(t, st.times[0])
				checkInSlot(t, st.times[1], interval, interval, "the second call of a new bucket of %s", method)
				time.Sleep(time.Hour)
				idle := time.Since(st.start)
				for range burst + 3 {
					call()
				}
				for i, at := range st.times[2:] {
					if i < burst {
						assert.Equal(t, idle, at, "call %d after the idle hour, of %s (%d at once)", i+1, method, burst)
						continue
					}
					checkInSlot(t, at, idle+time.Duration(i-burst+1)*interval, interval,
						"call %d after the idle hour, of %s (%d a minute, %d at once)", i+1, method, spec.perMinute, burst)
				}
				if spec.perChannel {
					start := time.Now()
					require.NoError(t, c.Call(t.Context(), method, url.Values{"channel": {"C2"}}, nil))
					assert.Zero(t, time.Since(start), "another channel has its own limit")
				}
			})
		})
	}
}

var slackAPILine = regexp.MustCompile(`Slack API: https://api\.slack\.com/methods/([A-Za-z0-9.]+) \((Tier (\d)|Special:)`)

// TestDocCommentsNameTheTier checks that each method's doc comment names the tier of
// internal/spec/tiers.json ("(Tier N, …" or "(Special: …"), and that every method has one.
func TestDocCommentsNameTheTier(t *testing.T) {
	limits := readSpecLimits(t)
	src, err := loadSource()
	require.NoError(t, err)
	documented := map[string]bool{}
	for file, f := range src.files {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Doc == nil {
				continue
			}
			for _, m := range slackAPILine.FindAllStringSubmatch(fn.Doc.Text(), -1) {
				method := m[1]
				documented[method] = true
				want, ok := limits[method]
				if !ok {
					t.Errorf("%s (%s): %s is not in internal/spec/tiers.json", fn.Name.Name, file, method)
					continue
				}
				switch {
				case want.special && m[3] != "":
					t.Errorf("%s (%s): %s has a special limit, the comment says Tier %s", fn.Name.Name, file, method, m[3])
				case !want.special && m[3] != fmt.Sprint(want.tier):
					t.Errorf("%s (%s): %s is Tier %d, the comment says %q", fn.Name.Name, file, method, want.tier, m[2])
				}
			}
		}
	}
	var missing []string
	for method := range limits {
		if !documented[method] {
			missing = append(missing, method)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("no doc comment names the limit of %d methods: %s", len(missing), strings.Join(missing, ", "))
	}
}

func TestLimiterSpacesConcurrentCallsAtTheTier(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithRateLimiting(true))
		srv.EnforceTiers(time.Minute)
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		time.Sleep(time.Minute) // idle: the bucket fills up
		start := time.Now()

		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				for range 5 {
					_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
					assert.NoError(t, err)
				}
			})
		}
		wg.Wait()

		reqs := srv.Requests("users.info")[1:]
		require.Len(t, reqs, 25)
		// Tier 4: 100 a minute with a burst of 10: half the burst (5) at once, then one in each slot,
		// 60s/99 apart.
		for i, r := range reqs {
			if i < 5 {
				assert.Equal(t, start, r.Time, "request %d", i+1)
				continue
			}
			checkInSlot(t, r.Time.Sub(start), time.Duration(i-4)*paceOf(100), paceOf(100), "request %d", i+1)
		}
		assert.Zero(t, srv.Sent429s(), "a client that keeps to the tier draws no 429")
	})
}

func TestPostMessageLimitIsPerChannel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithRateLimiting(true))
		srv.EnforceTiers(time.Minute)
		start := time.Now()
		post := func(channel, text string) time.Duration {
			_, err := c.Chat.PostMessage(t.Context(), channel, &slack.ChatPostMessageParams{Text: text})
			require.NoError(t, err)
			return time.Since(start)
		}

		// 60 a minute per channel, a burst of 6. A new channel's bucket holds one post; the next goes in
		// the slot one interval later.
		interval := paceOf(60)
		assert.Zero(t, post(slacktest.GeneralID, "g0"))
		g1 := post(slacktest.GeneralID, "g1")
		checkInSlot(t, g1, interval, interval, "g1")
		r0 := post(slacktest.RandomID, "r0")
		assert.Equal(t, g1, r0, "#random has its own limit")
		checkInSlot(t, post(slacktest.GeneralID, "g2"), 2*interval, interval, "g2")
		checkInSlot(t, post(slacktest.RandomID, "r1"), r0+interval, interval, "#random's slot, one interval after its first")

		// Idle for a minute, each channel sends half its burst (3) at once, then one post in each slot.
		time.Sleep(time.Minute)
		idle := time.Since(start)
		for i := range 3 {
			assert.Equal(t, idle, post(slacktest.GeneralID, fmt.Sprint("g", 3+i)))
		}
		g6 := post(slacktest.GeneralID, "g6")
		checkInSlot(t, g6, idle+interval, interval, "g6")
		for i := range 3 {
			assert.Equal(t, g6, post(slacktest.RandomID, fmt.Sprint("r", 2+i)), "#random's burst is its own")
		}
		checkInSlot(t, post(slacktest.RandomID, "r5"), g6+interval, interval, "r5")

		assert.Len(t, srv.Messages(slacktest.GeneralID), 7)
		assert.Len(t, srv.Messages(slacktest.RandomID), 6)
		assert.Zero(t, srv.Sent429s())
	})
}

// A 429 holds every caller of the method until Retry-After; then they go one at a time, at the rate the
// 429 taught.
func TestPauseHoldsEveryWaiterUntilRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithRateLimiting(true))
		srv.Inject("users.info", slacktest.RateLimited("7"))
		start := time.Now()

		var wg sync.WaitGroup
		wg.Go(func() {
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			assert.NoError(t, err)
		})
		synctest.Wait() // the first call drew the 429 and waits
		for range 5 {
			time.Sleep(time.Second)
			wg.Go(func() {
				_, err := c.Users.Info(t.Context(), slacktest.CarolID, nil)
				assert.NoError(t, err)
			})
		}
		wg.Wait()

		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 7)
		assert.Zero(t, reqs[0].Time.Sub(start))
		assert.Equal(t, slacktest.BobID, reqs[1].Form.Get("user"), "the first caller retries first")
		// Nothing was answered before the 429 (counted as one call), over 0s + Retry-After: 7s: the
		// server allows about 1 call in 7s, and the client paces at 99% of that.
		checkResumed(t, since(start, reqs[1:]), 7*time.Second, every(servedRate(1, 7*time.Second)), "after Retry-After: 7")
	})
}

func TestWaitersResumeInOrderAfterAPause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// One call a second, burst 1: the waiters' turns after the pause are one second apart.
		c, srv := newTestClient(t, slack.WithMethodLimit("users.info", 60, 1))
		srv.Inject("users.info", slacktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "5",
			Body: `{"ok":false,"error":"ratelimited"}`, Delay: 1500 * time.Millisecond})
		start := time.Now()
		users := []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID, slacktest.BotUserID}

		var wg sync.WaitGroup
		for i, user := range users {
			wg.Go(func() {
				_, err := c.Users.Info(t.Context(), user, nil)
				assert.NoError(t, err)
			})
			if i == 0 {
				time.Sleep(100 * time.Millisecond) // the first is sent and waits 1.5s for its 429
			} else {
				synctest.Wait()
			}
		}
		wg.Wait()

		var got []string
		var at []time.Duration
		for _, r := range srv.Requests("users.info") {
			got = append(got, r.Form.Get("user"))
			at = append(at, r.Time.Sub(start))
		}
		// Bob is sent at 0 and answered 429 at 1.5s; Carol's turn (one interval) has come and gone,
		// Alice and the bot hold the next two. The pause until 6.5s moves them, in their order, with
		// Bob's retry last, one interval apart at the rate the 429 taught: Carol's answer over the time
		// from it to the 429 and Retry-After: 5.
		interval := paceOf(60)
		assert.Equal(t, []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID, slacktest.BotUserID,
			slacktest.BobID}, got)
		assert.Zero(t, at[0])
		assert.Equal(t, interval, at[1], "Carol, in her slot: with a burst of 1, exactly")
		checkResumed(t, at[2:], 6500*time.Millisecond, every(servedRate(1, 6500*time.Millisecond-interval)), "after the pause")
	})
}

func TestRetryAfterBeyondMaxRetryWaitFailsAtOnceForEveryone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMaxRetryWait(time.Minute))
		srv.Inject("users.info", slacktest.RateLimited("90"))
		start := time.Now()

		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

		var rl *slack.RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, 90*time.Second, rl.RetryAfter)
		assert.Equal(t, 1, rl.Attempts)
		assert.Zero(t, time.Since(start))
		assert.Contains(t, err.Error(), "retry after 1m30s")

		_, err = c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err, "a refused wait does not pause the method")
		assert.Zero(t, time.Since(start))
	})
}

func TestServerErrorRetriedForUsersInfoNotForPostMessage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		internal := slacktest.HTTPStatus(http.StatusInternalServerError, "text/plain", "internal server error")
		srv.Inject("users.info", internal)
		internal.AfterHandling = true // the message is stored; only the answer fails
		srv.Inject("chat.postMessage", internal)

		u, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Equal(t, "bob", u.Name)
		assert.Equal(t, 2, srv.Count("users.info"))

		_, err = c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "once"})
		se := assertCode(t, err, slack.ErrHTTPError)
		assert.Equal(t, http.StatusInternalServerError, se.StatusCode)
		assert.Equal(t, 1, srv.Count("chat.postMessage"), "a write is never sent twice")
		msgs := srv.Messages(slacktest.GeneralID)
		require.Len(t, msgs, 1)
		assert.Equal(t, "once", msgs[0].Text)
	})
}

func TestRetryBackoffIsCappedExponentialWithJitter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMaxRetries(8), slack.WithRateLimiting(false))
		f := slacktest.HTMLError(http.StatusServiceUnavailable)
		f.Times = 8
		srv.Inject("users.list", f)

		_, err := c.Users.List(t.Context(), nil)

		require.NoError(t, err)
		reqs := srv.Requests("users.list")
		require.Len(t, reqs, 9)
		for i := 1; i < len(reqs); i++ {
			full := min(30*time.Second, 500*time.Millisecond<<(i-1))
			gap := reqs[i].Time.Sub(reqs[i-1].Time)
			assert.GreaterOrEqual(t, gap, full/2, "retry %d", i)
			assert.LessOrEqual(t, gap, full, "retry %d", i)
		}

		// The wait is drawn at random, so that callers that failed together do not retry together.
		waits := map[time.Duration]bool{}
		for range 10 {
			srv.ResetRequests()
			srv.Inject("users.list", slacktest.HTMLError(http.StatusServiceUnavailable))
			_, err := c.Users.List(t.Context(), nil)
			require.NoError(t, err)
			reqs := srv.Requests("users.list")
			require.Len(t, reqs, 2)
			waits[reqs[1].Time.Sub(reqs[0].Time)] = true
		}
		assert.Greater(t, len(waits), 1, "ten first retries all waited the same: %v", waits)
	})
}

func TestCancelDuringLimiterWaitReturnsPromptly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMethodLimit("users.info", 1, 1))
		start := time.Now()
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)

		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(2*time.Second, cancel)
		_, err = c.Users.Info(ctx, slacktest.BobID, nil)

		require.ErrorIs(t, err, context.Canceled)
		assert.Contains(t, err.Error(), "users.info")
		assert.Equal(t, 2*time.Second, time.Since(start), "the wait ends when the context does")
		assert.Equal(t, 1, srv.Count("users.info"))

		_, err = c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Equal(t, paceOf(1), time.Since(start), "the cancelled call gave its slot back")
	})
}

func TestLimiterWaitPastTheDeadlineFailsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMethodLimit("users.info", 1, 1))
		start := time.Now()
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)

		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		_, err = c.Users.Info(ctx, slacktest.BobID, nil)

		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Contains(t, err.Error(), "users.info")
		assert.Zero(t, time.Since(start), "no waiting for a turn that comes too late")
		assert.Equal(t, 1, srv.Count("users.info"))

		_, err = c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Equal(t, paceOf(1), time.Since(start), "the refused call gave its slot back")
	})
}

func TestWithRateLimitingFalseSendsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, st := stampClient(t, slack.WithRateLimiting(false))
		for range 30 {
			require.NoError(t, c.Call(t.Context(), "users.list", nil, nil))
		}
		require.Len(t, st.times, 30)
		for _, at := range st.times {
			assert.Zero(t, at, "users.list is Tier 2 (burst 2), but nothing is limited")
		}
	})
}

func TestWithRateLimitingFalseStillPausesAfterA429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithRateLimiting(false))
		srv.EnforceTiers(time.Minute) // users.info: a burst of 10
		start := time.Now()
		for range 10 {
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			require.NoError(t, err)
		}

		var wg sync.WaitGroup
		wg.Go(func() {
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			assert.NoError(t, err)
		})
		synctest.Wait() // the 11th call drew a 429 (Retry-After: 1) and waits
		srv.StopRateLimits()
		for range 3 {
			wg.Go(func() {
				_, err := c.Users.Info(t.Context(), slacktest.CarolID, nil)
				assert.NoError(t, err)
			})
		}
		wg.Wait()

		assert.Equal(t, 1, srv.Sent429s())
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 15)
		for _, r := range reqs[:11] {
			assert.Zero(t, r.Time.Sub(start), "nothing spaces the calls")
		}
		// The callers wait out Retry-After: 1, then go one at a time, at the rate the 429 taught: the 10
		// calls the server answered in that second.
		checkResumed(t, since(start, reqs[11:]), time.Second, every(servedRate(10, time.Second)), "after the pause")
	})
}

func TestWithMethodLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, st := stampClient(t,
			slack.WithMethodLimit("conversations.history", 1, 1), // a non-Marketplace app's 2025 limit
			slack.WithMethodLimit("admin.users.list", 30, 2),     // a method the SDK does not wrap
			slack.WithMethodLimit("users.info", 6000, 5))
		call := func(method string) time.Duration {
			t.Helper()
			require.NoError(t, c.Call(t.Context(), method, url.Values{"channel": {"C1"}}, nil))
			return time.Since(st.start)
		}
		info, admin, history := paceOf(6000), paceOf(30), paceOf(1)
		// Each bucket is new: its first call goes at once, the next in the slot one interval later.
		assert.Zero(t, call("users.info"))
		at := call("users.info")
		checkInSlot(t, at, info, info, "users.info")
		assert.Equal(t, at, call("admin.users.list"))
		checkInSlot(t, call("admin.users.list"), at+admin, admin, "admin.users.list")
		at = time.Since(st.start)
		assert.Equal(t, at, call("conversations.history"))
		assert.Equal(t, at+history, call("conversations.history"), "a burst of 1: exactly in its slot")

		// Idle, users.info sends half its burst of 5 (3) at once; admin.users.list half its 2 (1).
		time.Sleep(time.Hour)
		idle := time.Since(st.start)
		for range 3 {
			assert.Equal(t, idle, call("users.info"))
		}
		at = call("users.info")
		checkInSlot(t, at, idle+info, info, "users.info after the idle hour")
		assert.Equal(t, at, call("admin.users.list"))
		checkInSlot(t, call("admin.users.list"), at+admin, admin, "admin.users.list after the idle hour")
	})
}

func TestWithMethodLimitAppliesWithRateLimitingOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, st := stampClient(t, slack.WithRateLimiting(false), slack.WithMethodLimit("users.info", 60, 1))
		for range 3 {
			require.NoError(t, c.Call(t.Context(), "users.info", nil, nil))
			require.NoError(t, c.Call(t.Context(), "users.list", nil, nil))
		}
		var info, list []time.Duration
		for i, at := range st.times {
			if i%2 == 0 {
				info = append(info, at)
			} else {
				list = append(list, at)
			}
		}
		interval := paceOf(60)
		require.Len(t, info, 3)
		assert.Zero(t, info[0])
		for k := 1; k < 3; k++ {
			assert.Equal(t, time.Duration(k)*interval, info[k], "users.info call %d: a burst of 1, exactly in its slot", k+1)
		}
		assert.Equal(t, info, list, "users.list goes right after")
	})
}

func TestWithTokenHasItsOwnLimiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		bot, srv := newTestClient(t, slack.WithMethodLimit("users.info", 60, 2))
		srv.EnforceTiers(time.Minute)
		alice := bot.WithToken(slacktest.UserToken)
		start := time.Now()
		info := func(c *slack.Client) time.Duration {
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			require.NoError(t, err)
			return time.Since(start)
		}

		interval := paceOf(60)
		assert.Zero(t, info(bot))
		checkInSlot(t, info(bot), interval, interval, "the bot's second call")
		at := info(bot)
		checkInSlot(t, at, 2*interval, interval, "the bot's third call")
		assert.Equal(t, at, info(alice), "the bot's next slot does not hold alice")
		checkInSlot(t, info(alice), at+interval, interval, "the options (the method limit) are shared")
		checkInSlot(t, info(alice), at+2*interval, interval, "alice's third call")

		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 6)
		for i, want := range []string{slacktest.BotToken, slacktest.BotToken, slacktest.BotToken,
			slacktest.UserToken, slacktest.UserToken, slacktest.UserToken} {
			assert.Equal(t, "Bearer "+want, reqs[i].Header.Get("Authorization"))
		}
	})
}

// records decodes the JSON log lines in buf.
func records(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(buf.String()) {
		var r map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		out = append(out, r)
	}
	return out
}

func TestRateLimitLogRecords(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c, srv := newTestClient(t, slack.WithLogger(logger), slack.WithMethodLimit("users.info", 60, 1))
		srv.Inject("users.info", slacktest.RateLimited("3"), slacktest.HTMLError(http.StatusBadGateway))

		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		_, err = c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)

		assert.NotContains(t, logs.String(), slacktest.BotToken)
		assert.NotContains(t, logs.String(), strings.TrimPrefix(slacktest.BotToken, "xoxb-"))
		byMsg := map[string][]map[string]any{}
		for _, r := range records(t, &logs) {
			msg := r["msg"].(string)
			byMsg[msg] = append(byMsg[msg], r)
			assert.Equal(t, "users.info", r["method"], msg)
		}

		attempts := byMsg["slack: attempt"]
		require.Len(t, attempts, 4, "429, 502, then 200 for the first call; 200 for the second")
		for i, want := range []float64{429, 502, 200, 200} {
			assert.Equal(t, want, attempts[i]["status"])
			assert.Equal(t, "DEBUG", attempts[i]["level"])
		}
		assert.Equal(t, []float64{1, 2, 3, 1}, []float64{attempts[0]["attempt"].(float64),
			attempts[1]["attempt"].(float64), attempts[2]["attempt"].(float64), attempts[3]["attempt"].(float64)})
		assert.Equal(t, float64(3*time.Second), attempts[0]["retry_after"])

		limited := byMsg["slack: rate limited, retrying"]
		require.Len(t, limited, 1)
		assert.Equal(t, float64(3*time.Second), limited[0]["retry_after"])
		assert.Equal(t, float64(429), limited[0]["status"])
		assert.Equal(t, float64(1), limited[0]["attempt"])

		retries := byMsg["slack: retrying"]
		require.Len(t, retries, 1)
		assert.Equal(t, "HTTP 502", retries[0]["reason"])
		assert.Equal(t, float64(2), retries[0]["attempt"])
		assert.NotZero(t, retries[0]["wait"])

		// The 429 taught a rate: none answered (counted as one) over Retry-After: 3.
		learned := servedRate(1, 3*time.Second) * 60
		lessons := byMsg["slack: rate lowered after 429"]
		require.Len(t, lessons, 1)
		assert.Equal(t, "INFO", lessons[0]["level"])
		assert.Equal(t, float64(3*time.Second), lessons[0]["retry_after"])
		assert.Equal(t, learned, lessons[0]["rate_per_minute"])

		// Waits: the pause after the 429 (3s, and less than an interval more), the limiter before the
		// 502's retry and before the second call, at the rate the 429 taught and climbing back.
		waits := byMsg["slack: waiting"]
		require.NotEmpty(t, waits)
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 4)
		assert.Equal(t, float64(reqs[1].Time.Sub(reqs[0].Time)), waits[0]["wait"], "the retry went when the wait ended")
		checkResumed(t, []time.Duration{reqs[1].Time.Sub(reqs[0].Time)}, 3*time.Second, every(learned/60), "the retry")
		assert.Equal(t, "paused after 429", waits[0]["reason"])
		assert.Equal(t, float64(2), waits[0]["attempt"])
		assert.Equal(t, learned, waits[0]["rate_per_minute"])
		for _, w := range waits {
			assert.Equal(t, "INFO", w["level"])
			assert.Positive(t, w["wait"])
			assert.GreaterOrEqual(t, w["rate_per_minute"], learned)
			assert.Less(t, w["rate_per_minute"], 60*0.99, "still climbing back")
		}
		assert.Equal(t, "rate limit", waits[len(waits)-1]["reason"])
	})
}

func TestIdleChannelBucketsAreDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c, st := stampClient(t, slack.WithLogger(logger))

		// 3,000 channels, one post each, 10ms apart: a channel's bucket is full again a second later.
		for i := range 3000 {
			require.NoError(t, c.Call(t.Context(), "chat.postMessage", url.Values{"channel": {fmt.Sprintf("C%05d", i)}}, nil))
			time.Sleep(10 * time.Millisecond)
		}

		require.Len(t, st.times, 3000)
		var sweeps int
		for _, r := range records(t, &logs) {
			if r["msg"] != "slack: dropped idle rate-limit buckets" {
				continue
			}
			sweeps++
			assert.LessOrEqual(t, r["kept"], float64(101), "only the channels posted to in the last second are kept")
			assert.Positive(t, r["dropped"])
		}
		assert.Greater(t, sweeps, 10, "the buckets are swept as they pile up")
	})
}

// retrySafeMethods are the methods that change nothing, as the rate-limit issue lists them: the only
// ones retried after a 5xx or a lost connection.
var retrySafeMethods = []string{
	"auth.test", "bots.info", "chat.getPermalink", "users.conversations", "users.getPresence",
	"users.identity", "users.lookupByEmail", "users.profile.get",
	"conversations.history", "conversations.info", "conversations.list", "conversations.members",
	"conversations.replies", "groups.history", "groups.info", "groups.list", "groups.replies", "im.history",
	"im.list", "im.replies", "users.info", "users.list",
	// Beyond the seeds: the reads, and the first step of the upload flow (DESIGN: it may be retried).
	"reactions.get", "reactions.list", "pins.list", "files.info", "files.list", "files.getUploadURLExternal",
	"chat.scheduledMessages.list", "usergroups.list", "usergroups.users.list", "team.info", "team.profile.get",
	"emoji.list", "bookmarks.list", "search.messages", "dnd.info", "dnd.teamInfo", "reminders.info",
	"reminders.list",
}

// failOnce answers its first request with a 503 and the others with {"ok":true}, counting them.
type failOnce struct{ calls int }

func (f *failOnce) RoundTrip(req *http.Request) (*http.Response, error) {
	f.calls++
	if f.calls == 1 {
		return replay{status: http.StatusServiceUnavailable, body: []byte("<html>503</html>"),
			header: http.Header{"Content-Type": {"text/html"}}}.RoundTrip(req)
	}
	return replay{status: http.StatusOK, body: []byte(`{"ok":true}`)}.RoundTrip(req)
}

func TestRetryRuleForEveryMethod(t *testing.T) {
	for method := range readSpecLimits(t) {
		t.Run(method, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				f := &failOnce{}
				c, err := slack.New(slacktest.BotToken, slack.WithBaseURL(slacktest.InMemoryURL),
					slack.WithHTTPClient(&http.Client{Transport: f}))
				require.NoError(t, err)

				err = c.Call(t.Context(), method, url.Values{"channel": {"C1"}}, nil)

				if slices.Contains(retrySafeMethods, method) {
					require.NoError(t, err, "a method that changes nothing is retried")
					assert.Equal(t, 2, f.calls)
				} else {
					assertCode(t, err, slack.ErrHTTPError)
					assert.Equal(t, 1, f.calls, "a write is never sent twice")
				}
			})
		})
	}
}

// bodyRecorder answers 429 (Retry-After: 1) to its first request and {"ok":true} after, keeping every
// request's Content-Type and body.
type bodyRecorder struct {
	types  []string
	bodies [][]byte
}

func (r *bodyRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	r.types = append(r.types, req.Header.Get("Content-Type"))
	r.bodies = append(r.bodies, body)
	if len(r.bodies) == 1 {
		return replay{status: http.StatusTooManyRequests, body: []byte(`{"ok":false,"error":"ratelimited"}`),
			header: http.Header{"Retry-After": {"1"}}}.RoundTrip(req)
	}
	return replay{status: http.StatusOK, body: []byte(`{"ok":true,"channel":"C1","ts":"1.000001"}`)}.RoundTrip(req)
}

func TestRetryReplaysTheBodyByteForByte(t *testing.T) {
	for name, call := range map[string]func(context.Context, *slack.Client) error{
		"form": func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, "C1", &slack.ChatPostMessageParams{Text: "a & b = ü ✓", ThreadTS: "1.000001"})
			return err
		},
		"multipart": func(ctx context.Context, c *slack.Client) error {
			return c.Users.SetPhoto(ctx, strings.NewReader("\x89PNG fake image bytes"), nil)
		},
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &bodyRecorder{}
				c, err := slack.New(slacktest.BotToken, slack.WithBaseURL(slacktest.InMemoryURL),
					slack.WithHTTPClient(&http.Client{Transport: rec}))
				require.NoError(t, err)

				require.NoError(t, call(t.Context(), c))

				require.Len(t, rec.bodies, 2)
				assert.NotEmpty(t, rec.bodies[0])
				assert.Equal(t, rec.bodies[0], rec.bodies[1])
				assert.Equal(t, rec.types[0], rec.types[1], "the same multipart boundary too")
			})
		})
	}
}

// Waiters that give up give their turns back, wherever they stand in the queue: once every waiter has
// gone, the next caller waits only for the next free turn.
func TestCancelledWaitersGiveTheirTurnsBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMethodLimit("users.info", 60, 1)) // 1 a second, burst 1
		start := time.Now()
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil) // spends the new bucket's one call
		require.NoError(t, err)

		var cancels []context.CancelFunc
		var wg sync.WaitGroup
		for range 10 { // ten waiters, turns one interval apart, queued in order
			ctx, cancel := context.WithCancel(t.Context())
			cancels = append(cancels, cancel)
			wg.Go(func() {
				_, err := c.Users.Info(ctx, slacktest.BobID, nil)
				assert.ErrorIs(t, err, context.Canceled)
			})
			synctest.Wait()
		}
		for _, cancel := range cancels { // cancel them first to last, still at t=0
			cancel()
		}
		wg.Wait()
		require.Zero(t, time.Since(start))

		_, err = c.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Equal(t, paceOf(60), time.Since(start), "nobody else was sent; the next slot is the first waiter's")
		assert.Equal(t, 2, srv.Count("users.info"))
	})
}

// Waiters in the middle of the queue whose deadline a pause put out of reach fail at once and give their
// turns to the waiters behind them.
func TestDeadlineAfterAPauseGivesTheTurnBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMethodLimit("users.info", 60, 1))
		srv.Inject("users.info", slacktest.Fault{Status: 429, RetryAfter: "10",
			Body: `{"ok":false,"error":"ratelimited"}`, Delay: 500 * time.Millisecond})
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() { // Bob: sent at 0, 429 at 0.5s, retries last
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			assert.NoError(t, err)
		})
		time.Sleep(100 * time.Millisecond)
		for i := range 5 { // turns at 1s..5s; the middle three have a 6s deadline
			ctx := t.Context()
			if i >= 1 && i <= 3 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 6*time.Second)
				defer cancel()
			}
			wg.Go(func() {
				_, err := c.Users.Info(ctx, slacktest.CarolID, nil)
				if i >= 1 && i <= 3 {
					assert.ErrorIs(t, err, context.DeadlineExceeded)
				} else {
					assert.NoError(t, err)
				}
			})
			synctest.Wait()
		}
		wg.Wait()
		reqs := srv.Requests("users.info")
		var who []string
		for _, r := range reqs {
			who = append(who, r.Form.Get("user"))
		}
		// The 429 at 0.5s pauses until 10.5s and teaches 1 call (none was answered) over the 10s wait. Waiter 0
		// goes first; waiters 1-3, whose turns now come after their 6.1s deadline, fail at once and give
		// their turns to waiter 4 and Bob's retry.
		require.Equal(t, []string{slacktest.BobID, slacktest.CarolID, slacktest.CarolID, slacktest.BobID}, who,
			"Bob, waiter 0, waiter 4, Bob's retry")
		assert.Zero(t, reqs[0].Time.Sub(start))
		checkResumed(t, since(start, reqs[1:]), 10500*time.Millisecond, every(servedRate(1, 10*time.Second)),
			"waiter 0, waiter 4, Bob's retry")
	})
}

// A 429 that its caller does not retry (no retries left, or its deadline too near) still pauses the
// method: the next caller waits out the Retry-After instead of being sent into the same limit.
func TestA429ThatIsNotRetriedStillPausesTheMethod(t *testing.T) {
	for name, opts := range map[string][]slack.Option{
		"WithMaxRetries(0)": {slack.WithMaxRetries(0)},
		"deadline":          nil,
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, srv := newTestClient(t, opts...)    // rate limiting off: only the pause protects Slack
				srv.SetRateLimit("users.info", 0.2, 1) // one call every 5s
				_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
				require.NoError(t, err)

				ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
				defer cancel()
				_, err = c.Users.Info(ctx, slacktest.BobID, nil)
				var rl *slack.RateLimitError
				require.ErrorAs(t, err, &rl)
				assert.Equal(t, 5*time.Second, rl.RetryAfter)

				start := time.Now()
				_, err = c.Users.Info(t.Context(), slacktest.BobID, nil) // plenty of time, retries allowed
				if name == "WithMaxRetries(0)" {
					require.NoError(t, err, "the call should have waited out the pause Slack asked for")
				}
				assert.Equal(t, 1, srv.Sent429s(), "the next caller is sent into the 429")
				// It waited out the pause, and less than one interval more of the rate the 429 taught: with
				// no limit configured, the call answered before it over the 5s.
				checkResumed(t, []time.Duration{time.Since(start)}, 5*time.Second, every(servedRate(1, 5*time.Second)),
					"the next call")
			})
		})
	}
}

// A shorter Retry-After that arrives during a longer pause does not shorten it, and its call, sent before
// the longer one's lesson, teaches nothing more. The waiters resume in order when the long pause ends,
// one interval apart at the rate it taught.
func TestShorterPauseDoesNotShortenALongerOne(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, nil))
		c, srv := newTestClient(t, slack.WithLogger(logger), slack.WithMethodLimit("users.info", 60, 3))
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil) // a new bucket holds one call
		require.NoError(t, err)
		time.Sleep(time.Minute) // idle: the bucket lets half its burst of 3 (2) go at once
		srv.Inject("users.info",
			slacktest.Fault{Status: 429, RetryAfter: "2", Body: `{"ok":false,"error":"ratelimited"}`, Delay: time.Second},
			slacktest.RateLimited("10"))
		start := time.Now()
		var wg sync.WaitGroup
		for range 2 { // A: 429 "2" at 1s; B: 429 "10" at 0
			wg.Go(func() { _, err := c.Users.Info(t.Context(), slacktest.BobID, nil); assert.NoError(t, err) })
			synctest.Wait()
		}
		users := []string{slacktest.CarolID, slacktest.AliceID, slacktest.BotUserID}
		for _, u := range users {
			wg.Go(func() { _, err := c.Users.Info(t.Context(), u, nil); assert.NoError(t, err) })
			synctest.Wait()
		}
		wg.Wait()
		reqs := srv.Requests("users.info")[3:]
		var who []string
		for _, r := range reqs {
			who = append(who, r.Form.Get("user"))
		}
		// Waiters in order: B (retry), Carol, Alice, Bot, A (retry, queued at 1s). B's 429 taught one
		// call over its Retry-After: the call answered a minute before is out of the count windows.
		assert.Equal(t, []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID, slacktest.BotUserID,
			slacktest.BobID}, who)
		checkResumed(t, since(start, reqs), 10*time.Second, every(servedRate(1, 10*time.Second)), "after the 10s pause")
		lessons := 0
		for _, r := range records(t, &logs) {
			if r["msg"] == "slack: rate lowered after 429" {
				lessons++
				assert.Equal(t, float64(10*time.Second), r["retry_after"])
			}
		}
		assert.Equal(t, 1, lessons, "A's 429 came to a call sent before B's lesson")
	})
}

// A caller held by a pause is logged as waiting for the pause, even when its turn comes after the
// pause's end, with the rate the 429 taught.
func TestWaitingReasonDuringAPause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, nil))
		c, srv := newTestClient(t, slack.WithLogger(logger), slack.WithMethodLimit("users.info", 60, 1))
		srv.Inject("users.info", slacktest.RateLimited("5"))
		start := time.Now()
		var wg sync.WaitGroup
		wg.Go(func() { _, err := c.Users.Info(t.Context(), slacktest.BobID, nil); assert.NoError(t, err) })
		time.Sleep(time.Second) // paused until 5s; Bob's retry goes first
		synctest.Wait()
		logs.Reset()
		_, err := c.Users.Info(t.Context(), slacktest.CarolID, nil)
		require.NoError(t, err)
		wg.Wait()
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 3)
		learned := servedRate(1, 5*time.Second) // none answered (counted as one) over Retry-After: 5
		checkResumed(t, since(start, reqs[1:]), 5*time.Second, every(learned), "Bob's retry, then Carol")
		recs := records(t, &logs)
		require.NotEmpty(t, recs)
		assert.Equal(t, "slack: waiting", recs[0]["msg"])
		assert.Equal(t, float64(reqs[2].Time.Sub(start)-time.Second), recs[0]["wait"])
		assert.Equal(t, "paused after 429", recs[0]["reason"], "the pause holds the caller")
		assert.Equal(t, learned*60, recs[0]["rate_per_minute"])
	})
}

// A Retry-After of 0 (or an HTTP date already past) names no usable wait: the client backs off as if
// none were given, instead of resending at once.
func TestRetryAfterZeroBacksOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		f := slacktest.RateLimited("0")
		f.Times = -1
		srv.Inject("users.info", f)
		start := time.Now()
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		var rl *slack.RateLimitError
		require.ErrorAs(t, err, &rl)
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 4)
		for i := 1; i < len(reqs); i++ {
			gap := reqs[i].Time.Sub(reqs[i-1].Time)
			low := (500 * time.Millisecond << (i - 1)) / 2 // the backoff's lower bound before retry i
			assert.GreaterOrEqual(t, gap, low, "retry %d came %s after the previous request", i, gap)
		}
		assert.Positive(t, rl.RetryAfter)
		assert.Greater(t, time.Since(start), time.Second)
	})
}

// TestLimiterUnderLoad runs many goroutines on one bucket and on more than 256 per-channel buckets (so
// sweeps run while calls hold and take buckets), with cancellations, deadlines and injected 429 pauses,
// against a fake enforcing the same tiers. The client must never draw an enforced 429, must be back at the
// tier's rate afterwards, and must leave no goroutine behind.
func TestLimiterUnderLoad(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				base := inBubble()
				c, srv := newTestClient(t, slack.WithRateLimiting(true))
				srv.EnforceTiers(time.Minute)
				other := c.WithToken(slacktest.UserToken)
				var wg sync.WaitGroup
				var mu sync.Mutex
				errs := map[string]int{}
				for g := range 150 {
					wg.Go(func() {
						r := rand.New(rand.NewPCG(seed, uint64(g)))
						for range 20 {
							cl := c
							if r.IntN(4) == 0 {
								cl = other
							}
							ctx, cancel := t.Context(), context.CancelFunc(func() {})
							switch r.IntN(3) {
							case 0:
								ctx, cancel = context.WithCancel(ctx)
								time.AfterFunc(time.Duration(r.IntN(20000))*time.Millisecond, cancel)
							case 1:
								ctx, cancel = context.WithTimeout(ctx, time.Duration(1+r.IntN(30000))*time.Millisecond)
							}
							var err error
							switch r.IntN(3) {
							case 0:
								if r.IntN(10) == 0 {
									srv.Inject("users.info", slacktest.RateLimited(fmt.Sprint(1+r.IntN(3))))
								}
								err = cl.Call(ctx, "users.info", url.Values{"user": {slacktest.BobID}}, nil)
							case 1:
								err = cl.Call(ctx, "chat.postMessage",
									url.Values{"channel": {fmt.Sprintf("C%03d", r.IntN(400))}, "text": {"x"}}, nil)
							case 2:
								err = cl.Call(ctx, "conversations.history", url.Values{"channel": {slacktest.GeneralID}}, nil)
							}
							cancel()
							mu.Lock()
							switch {
							case err == nil:
								errs["ok"]++
							case errors.Is(err, context.Canceled):
								errs["canceled"]++
							case errors.Is(err, context.DeadlineExceeded):
								errs["deadline"]++
							default:
								errs[err.Error()]++
							}
							mu.Unlock()
							time.Sleep(time.Duration(r.IntN(3000)) * time.Millisecond)
						}
					})
				}
				wg.Wait()
				t.Log(errs)
				assert.Zero(t, srv.Sent429s(), "the client kept to the limits the fake enforces")

				srv.ClearFaults() // 429s injected for calls that then gave up before sending
				// The injected 429s taught users.info lower rates, which climb back over minutes to hours.
				// Once the bucket forgot them, throughput is back to the tier: half the burst of 10 at once,
				// then 100 calls at 99% of 100 a minute.
				learning := time.Now()
				for rl := c.RateLimit("users.info", ""); rl.Learned || rl.PausedUntil.After(time.Now()); rl = c.RateLimit("users.info", "") {
					assert.LessOrEqual(t, rl.PerMinute, pacedPerMinute(100), "never above the configured pace")
					require.Less(t, time.Since(learning), 5*time.Hour, "the longest recovery is 4 hours")
					time.Sleep(time.Minute)
				}
				rl := c.RateLimit("users.info", "")
				assert.Equal(t, pacedPerMinute(100), rl.PerMinute)
				assert.Equal(t, 5, rl.Burst)
				time.Sleep(time.Minute) // let the bucket fill
				before := srv.Count("users.info")
				start := time.Now()
				for range 105 {
					require.NoError(t, c.Call(t.Context(), "users.info", url.Values{"user": {slacktest.BobID}}, nil))
				}
				reqs := srv.Requests("users.info")[before:]
				require.Len(t, reqs, 105)
				for i, r := range reqs {
					if i < 5 {
						assert.Equal(t, start, r.Time, "request %d", i+1)
						continue
					}
					checkInSlot(t, r.Time.Sub(start), time.Duration(i-4)*paceOf(100), paceOf(100), "request %d", i+1)
				}
				assert.Zero(t, srv.Sent429s())
				synctest.Wait()
				if n := inBubble(); !assert.Equal(t, base, n, "no goroutine left behind in the bubble") {
					buf := make([]byte, 1<<20)
					t.Log(string(buf[:runtime.Stack(buf, true)]))
				}
			})
		})
	}
}

// inBubble counts the goroutines of the current synctest bubble (runtime.NumGoroutine counts the whole
// process, so other tests' and the runtime's goroutines make it flaky).
func inBubble() int {
	buf := make([]byte, 1<<22)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), ", synctest bubble ")
}

// errOnce fails its first request with err and answers {"ok":true} after.
type errOnce struct {
	err   error
	calls int
}

func (e *errOnce) RoundTrip(req *http.Request) (*http.Response, error) {
	e.calls++
	if e.calls == 1 {
		return nil, e.err
	}
	return replay{status: http.StatusOK, body: []byte(`{"ok":true,"channel":"C1","ts":"1.1"}`)}.RoundTrip(req)
}

// TestRetryRuleForConnectionErrors: a connection that was never made (refused, DNS) is retried for every
// method, since nothing was sent; one that failed after sending (reset, EOF) only for a read.
func TestRetryRuleForConnectionErrors(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	for _, tc := range []struct {
		name, method string
		err          error
		retries      int
		want         int
	}{
		{"write, dial error", "chat.postMessage", dial, 3, 2},
		{"write, reset", "chat.postMessage", reset, 3, 1},
		{"read, reset", "users.info", reset, 3, 2},
		{"read, reset, WithMaxRetries(0)", "users.info", reset, 0, 1},
		{"write, DNS", "chat.postMessage", &net.DNSError{Err: "no such host", Name: "slack.com"}, 3, 2},
		{"write, EOF", "chat.postMessage", errors.New("EOF"), 3, 1},
		{"upload URL, reset", "files.getUploadURLExternal", reset, 3, 2},
		{"upload completion, reset", "files.completeUploadExternal", reset, 3, 1},
		{"search, reset", "search.messages", reset, 3, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				tr := &errOnce{err: tc.err}
				c, err := slack.New(slacktest.BotToken, slack.WithBaseURL(slacktest.InMemoryURL),
					slack.WithHTTPClient(&http.Client{Transport: tr}), slack.WithMaxRetries(tc.retries))
				require.NoError(t, err)
				err = c.Call(t.Context(), tc.method, url.Values{"channel": {"C1"}}, nil)
				assert.Equal(t, tc.want, tr.calls, "%v", err)
			})
		})
	}
}
