package slack_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
