package slack_test

import (
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// TestDefaultLimitsHoldForAnHour: with the default limits (the tier table, no WithMethodLimit) against a
// fake that enforces Slack's real tiers, an hour of traffic that keeps ten methods busy (two callers
// each, calling again as soon as a call returns, chat.postMessage to two channels) draws no 429, and each
// method gets close to its tier.
func TestDefaultLimitsHoldForAnHour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithRateLimiting(true))
		srv.EnforceTiers(time.Minute)
		calls := []struct {
			method    string
			form      url.Values
			perMinute int // the tier, per method (per channel for chat.postMessage)
		}{
			{"users.info", url.Values{"user": {slacktest.BobID}}, 100},
			{"users.list", nil, 20},
			{"users.getPresence", url.Values{"user": {slacktest.BobID}}, 50},
			{"conversations.info", url.Values{"channel": {slacktest.GeneralID}}, 50},
			{"conversations.history", url.Values{"channel": {slacktest.GeneralID}}, 50},
			{"conversations.members", url.Values{"channel": {slacktest.GeneralID}}, 100},
			{"conversations.list", nil, 20},
			{"chat.postMessage", url.Values{"channel": {slacktest.GeneralID}, "text": {"hi"}}, 60},
			{"chat.postMessage", url.Values{"channel": {slacktest.RandomID}, "text": {"hi"}}, 60},
			{"bots.info", url.Values{"bot": {slacktest.BotID}}, 50},
			{"users.profile.get", nil, 100},
		}
		const hour = time.Hour
		start := time.Now()
		done := make([]atomic.Int64, len(calls))
		var failed atomic.Int64
		var wg sync.WaitGroup
		for i, call := range calls {
			for range 2 {
				wg.Go(func() {
					for time.Since(start) < hour {
						if err := c.Call(t.Context(), call.method, call.form, nil); err != nil {
							failed.Add(1)
							t.Errorf("%s: %v", call.method, err)
							return
						}
						done[i].Add(1)
					}
				})
			}
		}
		wg.Wait()
		if n := srv.Sent429s(); n != 0 {
			t.Errorf("the fake sent %d responses of 429 in an hour at the default limits, want 0", n)
		}
		for i, call := range calls {
			// The client paces at 99% of the tier and starts with one call: over an hour, at least
			// 98% of the tier's calls.
			if n, want := done[i].Load(), int64(float64(call.perMinute)*hour.Minutes()*0.98); n < want {
				t.Errorf("%s %v: %d calls in an hour, want at least %d (tier %d a minute)", call.method,
					call.form.Get("channel"), n, want, call.perMinute)
			}
		}
	})
}
