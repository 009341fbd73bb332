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
// and each call went in its slot (checkInSlot): no burst.
func checkResumed(t *testing.T, times []time.Duration, end, interval time.Duration, msg string) {
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

// userInfo calls users.info for bob, failing the test (without stopping it: it runs in goroutines too) on
// an error.
func userInfo(t *testing.T, c *slack.Client) {
	t.Helper()
	assert.NoError(t, c.Call(t.Context(), "users.info", url.Values{"user": {slacktest.BobID}}, nil))
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
// an interval with a burst of 4) draws no 429. With a burst of 1, the server keeps nothing in reserve:
// the client sends each call exactly in its slot, and draws no 429 without jitter.
func TestLimiterKeepsAReserveAtSaturation(t *testing.T) {
	for _, tc := range []struct {
		burst  int
		jitter time.Duration
	}{{10, 20 * time.Millisecond}, {4, 5 * time.Millisecond}, {1, 0}} {
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
					slot := time.Duration(k-once+1) * interval
					if tc.burst == 1 { // the server keeps no call in reserve: each call goes exactly in its slot
						assert.Equal(t, slot, at.Sub(start), "call %d", k+1)
						continue
					}
					checkInSlot(t, at.Sub(start), slot, interval, "call %d", k+1)
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

// When a pause ends, the callers it held go one at a time, at the rate its 429 taught, even from a bucket
// that was full: no burst into the next 429. So too with the limiter off, at the rate the server let
// through (the 10 calls it answered in the second before Retry-After: 1 ends).
func TestNoBurstWhenAPauseEnds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  []slack.Option
		warm  int     // calls before the 429, all at once with it
		learn float64 // the rate the 429 teaches, in calls a second
	}{
		{"limiter on", []slack.Option{slack.WithMethodLimit("users.info", 6000, 10)}, 4, float64(6000) / 60 * 0.99 * 0.5},
		{"limiter off", []slack.Option{slack.WithRateLimiting(false)}, 10, servedRate(10, time.Second)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var logs bytes.Buffer
				c, srv := learnClient(t, &logs, tc.opts...)
				userInfo(t, c) // a new bucket holds one call; idle for a minute, it holds its burst
				time.Sleep(time.Minute)
				start := time.Now()
				for range tc.warm {
					userInfo(t, c)
				}
				var wg sync.WaitGroup
				pausedCall(t, c, srv, "1", &wg)
				for range 8 {
					wg.Go(func() { userInfo(t, c) })
				}
				wg.Wait()

				reqs := srv.Requests("users.info")[1:]
				require.Len(t, reqs, tc.warm+1+9)
				for _, r := range reqs[:tc.warm+1] {
					assert.Equal(t, start, r.Time, "sent at once; the last drew the 429")
				}
				checkResumed(t, since(start, reqs[tc.warm+1:]), time.Second, every(tc.learn), "the retry and the 8 callers")
				assert.Equal(t, []float64{tc.learn * 60}, lessonRates(t, &logs))
			})
		})
	}
}

// With the limiter off, a method has no rate until a 429 teaches one: the calls the server answered
// before it over at least a second. The rate then doubles every second until the next 429, which halves
// the rate it had reached and makes that its ceiling: the rate climbs back to it (never above) over the
// recovery, doubled to 20 minutes since the first lesson's was not over, and the method is then not paced
// again.
func TestLimiterOffLearnsFromTheFirst429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs, slack.WithRateLimiting(false))
		assert.Equal(t, slack.RateLimit{}, c.RateLimit("users.info", ""), "not paced")
		for range 10 {
			userInfo(t, c)
		}
		var wg sync.WaitGroup
		pausedCall(t, c, srv, "1", &wg)
		learnedAt := time.Now().Add(time.Second)
		first := servedRate(10, time.Second)
		assert.Equal(t, slack.RateLimit{PerMinute: first * 60, Burst: 1, Learned: true, PausedUntil: learnedAt},
			c.RateLimit("users.info", ""))
		wg.Wait()
		for s := 1; s <= 3; s++ {
			time.Sleep(time.Until(learnedAt.Add(time.Duration(s) * time.Second)))
			assert.Equal(t, first*math.Exp2(float64(s))*60, c.RateLimit("users.info", "").PerMinute,
				"%ds after the pause", s)
		}

		reached := first * 8 // 3s after the pause
		pausedCall(t, c, srv, "1", &wg)
		second := time.Now().Add(time.Second)
		assert.Equal(t, reached*0.5*60, c.RateLimit("users.info", "").PerMinute)
		wg.Wait()
		for _, f := range []float64{0.25, 0.5, 0.75} {
			time.Sleep(time.Until(second.Add(time.Duration(f * float64(20*time.Minute)))))
			rl := c.RateLimit("users.info", "")
			assert.InEpsilon(t, reached*0.5*math.Pow(2, f*f*f)*60, rl.PerMinute, 1e-12, "at %.2f of the recovery", f)
			assert.Less(t, rl.PerMinute, reached*60, "never above the rate of the 429")
			assert.True(t, rl.Learned)
		}
		time.Sleep(time.Until(second.Add(20 * time.Minute)))
		rl := c.RateLimit("users.info", "")
		assert.Equal(t, slack.RateLimit{PausedUntil: rl.PausedUntil}, rl, "not paced again")
		assert.Len(t, lessonRates(t, &logs), 2)
	})
}

// Without WithNonMarketplaceLimits, a client whose app Slack holds to 1 conversations.history call a minute
// (the fake: a bucket of 1 call, refilled once a minute, answering 429 with Retry-After up to a minute)
// learns that rate from a few 429s: over an hour of back-to-back calls, no more than a handful, and
// close to a call a minute.
func TestAMinuteRetryAfterTeachesTheHistoryLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs)
		srv.SetRateLimit("conversations.history", 1.0/60, 1)
		start := time.Now()
		var answered int
		for time.Since(start) < time.Hour {
			_, err := c.Conversations.History(t.Context(), slacktest.GeneralID, nil)
			require.NoError(t, err)
			answered++
		}
		// The second call, in its slot a Tier 3 interval after the first, drew the first 429: Retry-After
		// 59 (the bucket refills in a minute). It taught 1 call over that time and the wait: just under
		// 1 a minute.
		reqs := srv.Requests("conversations.history")
		first := reqs[1].Time.Sub(start)
		checkInSlot(t, first, paceOf(50), paceOf(50), "the second call")
		rates := lessonRates(t, &logs)
		require.NotEmpty(t, rates)
		assert.Equal(t, servedRate(1, first+59*time.Second)*60, rates[0])
		for i, r := range rates {
			assert.Less(t, r, 1.0, "lesson %d: under a call a minute", i+1)
		}
		assert.Equal(t, len(rates), srv.Sent429s(), "each 429 came to a call sent after the last lesson")
		assert.LessOrEqual(t, srv.Sent429s(), 6, "a few 429s in an hour, not dozens")
		assert.GreaterOrEqual(t, answered, 20, "of the 60 the server allows in an hour")
		t.Logf("%d 429s, %d calls answered in %s; rates learned (a minute): %.3f", srv.Sent429s(), answered,
			time.Since(start).Round(time.Second), rates)
	})
}

// WithNonMarketplaceLimits holds conversations.history and conversations.replies to 1 call a minute
// (burst 1), as Slack does for apps outside the Marketplace: against a fake enforcing the same (a fixed
// window of a minute), each call goes exactly in its slot, and no 429 comes, even over hours.
// Their iterators ask for pages of 15, a Limit above 15 is refused before anything is sent, and 15 is
// accepted. Other methods keep their tiers.
func TestNonMarketplaceLimits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs, slack.WithNonMarketplaceLimits())
		srv.EnforceNonMarketplaceLimits(time.Minute)
		for _, method := range []string{"conversations.history", "conversations.replies"} {
			assert.Equal(t, slack.RateLimit{Configured: 1, PerMinute: pacedPerMinute(1), Burst: 1},
				c.RateLimit(method, ""), method)
		}
		assert.Equal(t, slack.RateLimit{Configured: 100, PerMinute: pacedPerMinute(100), Burst: 5},
			c.RateLimit("users.info", ""), "other methods keep their tier")

		srv.AddChannel(slacktest.Channel{ID: "C0BUSY", Name: "busy", Creator: slacktest.AliceID,
			Members: []string{slacktest.AliceID, slacktest.BotUserID}})
		parent := srv.AddMessage(slacktest.Message{Channel: "C0BUSY", User: slacktest.AliceID, Text: "parent"})
		for i := range 20 {
			srv.AddMessage(slacktest.Message{Channel: "C0BUSY", User: slacktest.AliceID, Text: fmt.Sprint("m", i)})
			srv.AddMessage(slacktest.Message{Channel: "C0BUSY", User: slacktest.BobID, Text: fmt.Sprint("r", i),
				ThreadTS: parent.TS})
		}
		start := time.Now()

		// Refused before sending: a page larger than 15.
		_, err := c.Conversations.History(t.Context(), "C0BUSY", &slack.ConversationsHistoryParams{Limit: 16})
		assertNothingSent(t, srv, err, "limit")
		_, err = c.Conversations.Replies(t.Context(), "C0BUSY", parent.TS, &slack.ConversationsRepliesParams{Limit: 16})
		assertNothingSent(t, srv, err, "limit")
		for range collect(t, c.Conversations.HistoryAll(t.Context(), "C0BUSY", &slack.ConversationsHistoryParams{Limit: 16}), 1) {
		}
		assert.Zero(t, srv.Count(), "the iterator sent nothing either")

		// 15 is accepted; the iterators ask for 15 a page, one page a minute.
		page, err := c.Conversations.History(t.Context(), "C0BUSY", &slack.ConversationsHistoryParams{Limit: 15})
		require.NoError(t, err)
		assert.Len(t, page.Messages, 15)
		var history int
		for _, err := range c.Conversations.HistoryAll(t.Context(), "C0BUSY", nil) {
			require.NoError(t, err)
			history++
		}
		assert.Equal(t, 21, history, "the parent and the 20 top-level messages")
		var replies int
		repliesStart := time.Since(start)
		for _, err := range c.Conversations.RepliesAll(t.Context(), "C0BUSY", parent.TS, nil) {
			require.NoError(t, err)
			replies++
		}
		assert.Equal(t, 21, replies, "the parent and its 20 replies")

		byMethod := map[string][]time.Duration{}
		for _, r := range srv.Requests() {
			if r.Method == "conversations.history" && len(byMethod[r.Method]) == 0 {
				assert.Equal(t, "15", r.Form.Get("limit"), "the page asked for explicitly")
			} else {
				assert.Equal(t, "15", r.Form.Get("limit"), "%s: the iterator's page", r.Method)
			}
			byMethod[r.Method] = append(byMethod[r.Method], r.Time.Sub(start))
		}
		require.Len(t, byMethod["conversations.history"], 1+2, "a page, then 21 messages in pages of 15")
		require.Len(t, byMethod["conversations.replies"], 2, "21 messages in pages of 15")
		interval := paceOf(1)
		firsts := map[string]time.Duration{"conversations.history": 0, "conversations.replies": repliesStart}
		for method, at := range byMethod {
			assert.Equal(t, firsts[method], at[0], "%s: a new bucket holds one call", method)
			for k := 1; k < len(at); k++ {
				assert.Equal(t, at[0]+time.Duration(k)*interval, at[k], "%s: call %d, exactly in its slot", method, k+1)
			}
		}
		assert.Zero(t, srv.Sent429s(), "the fake's fixed windows of a minute let each call through")

		// Three hours of history pages, back to back: one a minute, each in a window of its own.
		srv.ResetRequests()
		start = time.Now()
		for time.Since(start) < 3*time.Hour {
			_, err := c.Conversations.History(t.Context(), "C0BUSY", nil)
			require.NoError(t, err)
		}
		reqs := srv.Requests("conversations.history")
		slot := reqs[0].Time
		for k, r := range reqs {
			assert.Equal(t, slot.Add(time.Duration(k)*interval), r.Time, "page %d", k+1)
		}
		assert.Equal(t, 180, len(reqs), "3 hours at 99% of a call a minute, and the call asked for last")
		assert.Zero(t, srv.Sent429s())
	})
}

// Client.RateLimit reports the limiter's state for a method without changing it: the tier for a method
// never called, the limit and pause of one paused by a 429 (for chat.postMessage, of its channel only),
// nothing paced for a method the limiter does not know or with the limiter off, and a WithMethodLimit
// limit either way.
func TestRateLimitReportsTheLimiter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs)
		unused := slack.RateLimit{Configured: 100, PerMinute: pacedPerMinute(100), Burst: 5}
		assert.Equal(t, unused, c.RateLimit("users.info", ""), "Tier 4, never called")
		assert.Equal(t, unused, c.RateLimit("users.info", "C0IGNORED"), "the channel matters only for chat.postMessage")
		assert.Equal(t, slack.RateLimit{Configured: 20, PerMinute: pacedPerMinute(20), Burst: 1},
			c.RateLimit("users.list", ""), "Tier 2: a burst of 2, half of it")
		rl := c.RateLimit("admin.users.list", "")
		assert.Zero(t, rl.Configured, "a method the client does not limit")
		assert.Zero(t, rl.PerMinute)
		assert.False(t, rl.Learned)

		// A 429 with Retry-After: 30 on #general's posts.
		start := time.Now()
		srv.Inject("chat.postMessage", slacktest.RateLimited("30"))
		var wg sync.WaitGroup
		wg.Go(func() {
			_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi"})
			assert.NoError(t, err)
		})
		synctest.Wait()
		assert.Equal(t, slack.RateLimit{Configured: 60, PerMinute: servedRate(1, 30*time.Second) * 60, Burst: 1,
			Learned: true, PausedUntil: start.Add(30 * time.Second)}, c.RateLimit("chat.postMessage", slacktest.GeneralID))
		assert.Equal(t, slack.RateLimit{Configured: 60, PerMinute: pacedPerMinute(60), Burst: 3},
			c.RateLimit("chat.postMessage", slacktest.RandomID), "#random is not paused")
		assert.Equal(t, unused, c.RateLimit("users.info", ""))
		wg.Wait()
		assert.Equal(t, 2, srv.Count("chat.postMessage"), "reading the state sent nothing")

		off, _ := learnClient(t, &logs, slack.WithRateLimiting(false), slack.WithMethodLimit("users.list", 30, 4))
		assert.Equal(t, slack.RateLimit{}, off.RateLimit("users.info", ""), "the limiter is off")
		assert.Equal(t, slack.RateLimit{Configured: 30, PerMinute: pacedPerMinute(30), Burst: 2},
			off.RateLimit("users.list", ""), "WithMethodLimit applies with the limiter off")
	})
}

// A lesson of a very low rate (1 call over a Retry-After of 15 minutes: an interval of 15 minutes)
// books the retry's successor far ahead, past the end of the 10-minute climb. Once the climb is over the
// bucket forgets the lesson, and the store counts what was booked ahead in slots at the restored rate
// (a third of a slot is left of the retry's): the next call goes within one interval, not 15 minutes
// after the retry.
func TestAForgottenLessonHoldsNoTurn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := learnClient(t, &logs, slack.WithMethodLimit("users.info", 600, 10), slack.WithMaxRetryWait(time.Hour))
		start := time.Now()
		var wg sync.WaitGroup
		pausedCall(t, c, srv, "900", &wg)
		learned := servedRate(1, 900*time.Second)
		assert.Equal(t, learned*60, c.RateLimit("users.info", "").PerMinute)
		wg.Wait()
		retry := srv.Requests("users.info")[1].Time.Sub(start)
		checkResumed(t, []time.Duration{retry}, 900*time.Second, every(learned), "the retry")

		time.Sleep(time.Until(start.Add(900*time.Second + 10*time.Minute)))
		rl := c.RateLimit("users.info", "")
		assert.Equal(t, slack.RateLimit{Configured: 600, PerMinute: pacedPerMinute(600), Burst: 5,
			PausedUntil: start.Add(900 * time.Second)}, rl, "the climb is over")
		asked := time.Now()
		userInfo(t, c)
		assert.Less(t, time.Since(asked), paceOf(600), "the turn booked at the learned rate, an interval of %s after the retry, is forgotten",
			every(learned))
	})
}
