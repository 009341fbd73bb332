package slack_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// every is the interval between two calls at perSecond calls a second, as the limiter computes it (in
// whole nanoseconds, rounded down).
func every(perSecond float64) time.Duration { return time.Duration(float64(time.Second) / perSecond) }

// paceOf is the interval at which the client paces a method it was told perMinute calls a minute: it
// keeps to 99% of the rate, a reserve for the calls that network jitter brings closer together.
func paceOf(perMinute int) time.Duration { return every(float64(perMinute) / 60 * 0.99) }

// spent is how many calls a bucket told a burst of b lets go at once after an idle spell: half the
// burst, rounded up, so that Slack's bucket keeps the rest.
func spent(b int) int { return (b + 1) / 2 }

// spread is how much later than its slot a call that waits for its slot may go, at interval: the limiter
// sends it at a random point in the first half of its interval, so that a client pacing at the server's
// refill does not take every token as it appears. A call whose slot is now goes at once.
func spread(interval time.Duration) time.Duration { return interval / 2 }

// checkInSlot checks that a call that waited for its slot at slot, in a bucket pacing at interval, went
// then or less than spread(interval) later.
func checkInSlot(t *testing.T, at, slot, interval time.Duration, msg string, args ...any) {
	t.Helper()
	if at < slot || at >= slot+spread(interval) {
		t.Errorf("%s: went at %s, want in its slot [%s, %s)", fmt.Sprintf(msg, args...), at, slot, slot+spread(interval))
	}
}

// checkResumed checks when the calls a pause held went, one after the other. Their slots are one
// interval apart, the first when the pause ended or later by less than one interval (the limiter spreads
// the end of a pause, so that the clients of an app that drew 429s together do not resume together),
// and each call went in its slot (checkInSlot): no burst. It returns the first slot found.
func checkResumed(t *testing.T, times []time.Duration, end, interval time.Duration, msg string) time.Duration {
	t.Helper()
	require.NotEmpty(t, times, msg)
	// Each call k bounds the first slot s: times[k] - k·interval - spread < s <= times[k] - k·interval.
	low, high := end, end+interval-1
	for k, at := range times {
		low = max(low, at-time.Duration(k)*interval-spread(interval)+1)
		high = min(high, at-time.Duration(k)*interval)
	}
	if low > high {
		t.Errorf("%s: calls at %v do not keep to slots one interval (%s) apart from within an interval of %s, "+
			"each going less than %s after its slot", msg, times, interval, end, spread(interval))
	}
	return low
}

// since returns the times of reqs relative to start.
func since(start time.Time, reqs []slacktest.Request) []time.Duration {
	out := make([]time.Duration, len(reqs))
	for i, r := range reqs {
		out[i] = r.Time.Sub(start)
	}
	return out
}

// servedRate is the rate, in calls a second, that a 429 with a Retry-After of 2s or more teaches when it
// is lower than half the current one: the served calls (at least 1) over span (the time since the count
// windows began, plus the Retry-After), with the 99% margin.
func servedRate(served int, span time.Duration) float64 {
	return float64(served) / span.Seconds() * 0.99
}

// lessonRates returns the rates, in calls a minute, of the "slack: rate lowered after 429" records among
// the JSON log lines in logs, in order.
func lessonRates(t *testing.T, logs *bytes.Buffer) []float64 {
	t.Helper()
	var rates []float64
	for _, r := range records(t, logs) {
		if r["msg"] == "slack: rate lowered after 429" {
			rates = append(rates, r["rate_per_minute"].(float64))
		}
	}
	return rates
}

// checkRetries checks the requests of one call that drew a 429 on each attempt but maybe the last, each
// answered at once: every retry went Retry-After (pause) after the attempt before it, or later as
// checkResumed allows at the rate its 429 taught (rates, in calls a minute, one for each 429).
func checkRetries(t *testing.T, reqs []slacktest.Request, pause time.Duration, rates []float64, msg string) {
	t.Helper()
	require.GreaterOrEqual(t, len(rates), len(reqs)-1, "%s: a lesson for each 429", msg)
	for k := 1; k < len(reqs); k++ {
		gap := reqs[k].Time.Sub(reqs[k-1].Time)
		checkResumed(t, []time.Duration{gap}, pause, every(rates[k-1]/60), fmt.Sprintf("%s: retry %d", msg, k))
	}
}

// pacedPerMinute is the rate, in calls a minute, that Client.RateLimit reports for a method told
// perMinute calls a minute and not slowed by a 429: 99% of it (computed as the limiter does, in calls a
// second).
func pacedPerMinute(perMinute int) float64 { return float64(perMinute) / 60 * 0.99 * 60 }

// learnClient returns a client of a fresh fake workspace (slacktest.NewT) with the limiter on, logging at
// Info level as JSON into logs, and the fake.
func learnClient(t *testing.T, logs *bytes.Buffer, opts ...slack.Option) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.NewT(t)
	all := append([]slack.Option{slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()),
		slack.WithLogger(slog.New(slog.NewJSONHandler(logs, nil)))}, opts...)
	c, err := slack.New(slacktest.BotToken, all...)
	require.NoError(t, err)
	return c, srv
}

// userInfo calls users.info for bob, failing the test on an error.
func userInfo(t *testing.T, c *slack.Client) {
	t.Helper()
	require.NoError(t, c.Call(t.Context(), "users.info", url.Values{"user": {slacktest.BobID}}, nil))
}

// jitterTransport delays each request by a random time under most before it reaches next, as a network
// does (a request may overtake the one before it), and records when the client sent each.
type jitterTransport struct {
	next http.RoundTripper
	most time.Duration

	mu   sync.Mutex
	sent []time.Time
}

func (j *jitterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	j.mu.Lock()
	j.sent = append(j.sent, time.Now())
	j.mu.Unlock()
	if j.most > 0 {
		time.Sleep(rand.N(j.most))
	}
	return j.next.RoundTrip(req)
}

// TestLimiterKeepsAReserveAtSaturation: a client told a server's exact limit (6000 a minute, burst B)
// and kept busy by 16 goroutines spends half the burst, rounded up, at once after an idle spell, then
// paces at 99% of the limit, one call in each slot. The server's bucket keeps the other half and the 1%,
// so that network jitter (requests overtaking one another by up to 2 intervals with a burst of 10, half
// an interval with a burst of 4) draws no 429.
func TestLimiterKeepsAReserveAtSaturation(t *testing.T) {
	for _, tc := range []struct {
		burst  int
		jitter time.Duration
	}{{10, 20 * time.Millisecond}, {4, 5 * time.Millisecond}} {
		t.Run(fmt.Sprint("burst ", tc.burst), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := slacktest.NewT(t)
				srv.SetRateLimit("users.info", 100, tc.burst)
				network := &jitterTransport{next: srv.HTTPClient().Transport, most: tc.jitter}
				c, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(&http.Client{Transport: network}),
					slack.WithBaseURL(srv.URL()), slack.WithMethodLimit("users.info", 6000, tc.burst))
				require.NoError(t, err)
				userInfo(t, c)
				time.Sleep(time.Minute) // idle: both buckets fill up
				start := time.Now()
				const calls = 320
				var wg sync.WaitGroup
				var tickets atomic.Int64
				for range 16 { // enough that some always wait for their slot, however late the answers
					wg.Go(func() {
						for tickets.Add(1) <= calls {
							userInfo(t, c)
						}
					})
				}
				wg.Wait()

				assert.Zero(t, srv.Sent429s(), "the server's reserve took the jitter")
				assert.Equal(t, 1+calls, srv.Count("users.info"))
				network.mu.Lock()
				sent := slices.SortedFunc(slices.Values(network.sent[1:]), time.Time.Compare)
				network.mu.Unlock()
				require.Len(t, sent, calls)
				interval, once := paceOf(6000), spent(tc.burst)
				for k, at := range sent {
					if k < once {
						assert.Equal(t, start, at, "call %d of the burst", k+1)
						continue
					}
					checkInSlot(t, at.Sub(start), time.Duration(k-once+1)*interval, interval, "call %d", k+1)
				}
				ideal := time.Duration(calls-tc.burst) * 10 * time.Millisecond // at the server's own limit
				t.Logf("burst %d: %d calls in %s, %.3f of the ideal %s", tc.burst, calls, time.Since(start),
					ideal.Seconds()/time.Since(start).Seconds(), ideal)
			})
		})
	}
}

// lessonRecords returns the "slack: rate lowered after 429" records among the JSON log lines in logs.
func lessonRecords(t *testing.T, logs *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, r := range records(t, logs) {
		if r["msg"] == "slack: rate lowered after 429" {
			out = append(out, r)
		}
	}
	return out
}

// pausedCall starts a users.info call that the fake answers 429 with retryAfter, and returns once the
// call waits out the pause; wait for the WaitGroup before the test ends.
func pausedCall(t *testing.T, c *slack.Client, srv *slacktest.Server, retryAfter string, wg *sync.WaitGroup) {
	t.Helper()
	srv.Inject("users.info", slacktest.RateLimited(retryAfter))
	wg.Go(func() { userInfo(t, c) })
	synctest.Wait()
}

// A 429 whose Retry-After is short halves the rate: Client.RateLimit, the lesson's log record and the
// waiting records show it, and the burst shrinks in proportion.
func TestA429HalvesTheRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs, slack.WithMethodLimit("users.info", 6000, 10))
		start := time.Now()
		var wg sync.WaitGroup
		pausedCall(t, c, srv, "1", &wg)

		half := pacedPerMinute(6000) * 0.5
		assert.Equal(t, slack.RateLimit{Configured: 6000, PerMinute: half, Burst: 2, Learned: true,
			PausedUntil: start.Add(time.Second)}, c.RateLimit("users.info", ""), "the burst of 5 at half the rate is 2")
		wg.Wait()

		lessons := lessonRecords(t, &logs)
		require.Len(t, lessons, 1)
		assert.Equal(t, "INFO", lessons[0]["level"])
		assert.Equal(t, "users.info", lessons[0]["method"])
		assert.Equal(t, float64(time.Second), lessons[0]["retry_after"])
		assert.Equal(t, half, lessons[0]["rate_per_minute"])
		var waits int
		for _, r := range records(t, &logs) {
			if r["msg"] == "slack: waiting" {
				waits++
				assert.Equal(t, half, r["rate_per_minute"])
				assert.Equal(t, "paused after 429", r["reason"])
			}
		}
		assert.Equal(t, 1, waits, "the retry waited out the pause")
	})
}

// A 429 whose Retry-After is 2s or more also tells the server's window: the calls it answered since the
// count windows began (20), over that time plus the wait, is the rate the server allows; the client takes
// it, with its 1% margin, when it is below half the rate.
func TestALongRetryAfterTeachesTheServedRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs, slack.WithMethodLimit("users.info", 6000, 10))
		start := time.Now()
		for range 20 {
			userInfo(t, c)
		}
		srv.Inject("users.info", slacktest.RateLimited("5"))
		var wg sync.WaitGroup
		wg.Go(func() { userInfo(t, c) })
		time.Sleep(time.Second) // the call went in its slot, drew the 429, and waits out the pause
		limited := srv.Requests("users.info")[20].Time

		want := servedRate(20, limited.Sub(start)+5*time.Second) * 60
		require.Less(t, want, pacedPerMinute(6000)*0.5)
		rl := c.RateLimit("users.info", "")
		assert.Equal(t, want, rl.PerMinute)
		assert.True(t, rl.Learned)
		assert.Equal(t, 1, rl.Burst)
		assert.Equal(t, limited.Add(5*time.Second), rl.PausedUntil)
		wg.Wait()
		lessons := lessonRecords(t, &logs)
		require.Len(t, lessons, 1)
		assert.Equal(t, float64(5*time.Second), lessons[0]["retry_after"])
		assert.Equal(t, want, lessons[0]["rate_per_minute"])
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 22)
		checkResumed(t, since(limited, reqs[21:]), 5*time.Second, every(want/60), "the retry")
	})
}

// 429s to calls sent before a lesson (here five sent at once, half an idle bucket's burst of 10, and
// answered 429 after 100ms) teach nothing more: the rate is halved once, and the five resume one at a
// time at that rate.
func TestA429ToCallsSentBeforeTheLessonTeachesOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs, slack.WithMethodLimit("users.info", 6000, 10))
		userInfo(t, c)
		time.Sleep(time.Minute)
		f := slacktest.RateLimited("1")
		f.Times, f.Delay = 5, 100*time.Millisecond // answered while the others are on their way
		srv.Inject("users.info", f)
		start := time.Now()
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() { userInfo(t, c) })
		}
		wg.Wait()

		reqs := srv.Requests("users.info")[1:]
		require.Len(t, reqs, 10)
		for _, r := range reqs[:5] {
			assert.Equal(t, start, r.Time, "sent at once, answered 429")
		}
		lessons := lessonRecords(t, &logs)
		require.Len(t, lessons, 1, "five 429s, one lesson")
		half := float64(6000) / 60 * 0.99 * 0.5
		assert.Equal(t, half*60, lessons[0]["rate_per_minute"])
		checkResumed(t, since(start, reqs[5:]), 1100*time.Millisecond, every(half), "the five retries")
	})
}

// After a lesson the rate climbs back to the configured pace over the recovery (10 minutes the first
// time): base·(pace/base)^(f³) at a fraction f of it, never above the pace; at its end the bucket forgets
// the lesson. A 429 during the climb halves the rate it had reached and doubles the recovery.
func TestTheLearnedRateClimbsBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs, slack.WithMethodLimit("users.info", 600, 10))
		pace := float64(600) / 60 * 0.99 // calls a second
		var wg sync.WaitGroup
		// climb checks the rate at eighths of the recovery after from, and that it is over at its end.
		climb := func(base float64, recovery time.Duration, from time.Time) {
			t.Helper()
			last := base
			for f := 0.125; f < 1; f += 0.125 {
				time.Sleep(time.Until(from.Add(time.Duration(f * float64(recovery)))))
				rl := c.RateLimit("users.info", "")
				want := base * math.Pow(pace/base, f*f*f)
				assert.InEpsilon(t, want*60, rl.PerMinute, 1e-12, "at %.3f of the recovery", f)
				assert.Greater(t, rl.PerMinute, last*60, "the rate climbs")
				assert.Less(t, rl.PerMinute, pacedPerMinute(600), "never above the configured pace")
				assert.True(t, rl.Learned, "at %.3f of the recovery", f)
				assert.Equal(t, max(1, int(5*rl.PerMinute/pacedPerMinute(600))), rl.Burst, "the burst scales with the rate")
				last = want
			}
			time.Sleep(time.Until(from.Add(recovery)))
			assert.Equal(t, slack.RateLimit{Configured: 600, PerMinute: pacedPerMinute(600), Burst: 5,
				PausedUntil: c.RateLimit("users.info", "").PausedUntil}, c.RateLimit("users.info", ""),
				"the climb is over: the bucket forgot the lesson")
		}

		pausedCall(t, c, srv, "1", &wg)
		learnedAt := time.Now().Add(time.Second) // the pause's end
		base := c.RateLimit("users.info", "").PerMinute / 60
		assert.Equal(t, pace*0.5, base)
		wg.Wait()
		climb(base, 10*time.Minute, learnedAt)

		// A new lesson, then a second one half way up its climb, where the rate is base·2^(1/8).
		pausedCall(t, c, srv, "1", &wg)
		learnedAt = time.Now().Add(time.Second)
		wg.Wait()
		time.Sleep(time.Until(learnedAt.Add(5 * time.Minute)))
		pausedCall(t, c, srv, "1", &wg)
		second := time.Now().Add(time.Second)
		base2 := c.RateLimit("users.info", "").PerMinute / 60
		assert.InEpsilon(t, base*math.Pow(2, 0.125)*0.5, base2, 1e-12, "half the rate reached")
		wg.Wait()
		climb(base2, 20*time.Minute, second) // the recovery doubled: still learned after 10 minutes
		assert.Len(t, lessonRecords(t, &logs), 3)
		assert.Zero(t, srv.Sent429s())
	})
}
