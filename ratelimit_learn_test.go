package slack_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
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

// checkResumed checks when the calls a pause held went: the first when the pause ended, or later by less
// than one interval (the limiter spreads the end of a pause, so that the clients of an app that drew 429s
// together do not resume together), the others one interval apart after it: no burst.
func checkResumed(t *testing.T, times []time.Duration, end, interval time.Duration, msg string) {
	t.Helper()
	require.NotEmpty(t, times, msg)
	first := times[0]
	assert.True(t, first >= end && first < end+interval, "%s: the first call went at %s, want in [%s, %s)", msg,
		first, end, end+interval)
	for k, at := range times {
		assert.Equal(t, first+time.Duration(k)*interval, at, "%s: call %d after the pause", msg, k+1)
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
// answered at once: every retry went Retry-After (pause) after the attempt before it, or later by less than
// one interval of the rate its 429 taught (rates, in calls a minute, one for each 429).
func checkRetries(t *testing.T, reqs []slacktest.Request, pause time.Duration, rates []float64, msg string) {
	t.Helper()
	require.GreaterOrEqual(t, len(rates), len(reqs)-1, "%s: a lesson for each 429", msg)
	for k := 1; k < len(reqs); k++ {
		gap := reqs[k].Time.Sub(reqs[k-1].Time)
		interval := every(rates[k-1] / 60)
		assert.True(t, gap >= pause && gap < pause+interval, "%s: retry %d came %s after the 429, want in [%s, %s)",
			msg, k, gap, pause, pause+interval)
	}
}
