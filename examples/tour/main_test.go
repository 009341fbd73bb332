package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack/slacktest"
)

var waited = regexp.MustCompile(`absorbed: the client waited ([0-9.]+m?s),`)

func TestTourOffline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder

		err := run(t.Context(), &out, nil, "", "", slacktest.New)

		if err != nil {
			t.Fatalf("tour failed: %v\n%s", err, out.String())
		}
		for _, want := range []string{
			"1. auth.test: I am tourbot (U0BOT) in goslack test (T0GOSLACK)",
			"2. users.list with ListAll (pages of 2): 4 users, 3 of them active humans",
			"3. users.lookupByEmail: bob@example.com is Bob Builder (U0BOB)",
			"4. users.info on a missing user: errors.Is(err, slack.ErrUserNotFound) is true (user_not_found)",
			"5. chat.postMessage: posted ts ",
			`6. chat.update: the message now reads "Hello again, edited by the tour"`,
			"7. chat.getPermalink: https://goslack-test.slack.com/archives/C0GENERAL/p",
			"8. chat.postEphemeral: shown to U0ALICE only",
			"9. conversations.history with HistoryAll: 1 message(s) from the tour's post on; its reply_count is 1",
			`10. conversations.replies with RepliesAll: the thread reads "Hello again, edited by the tour", then "A reply in the thread"`,
			"11. reactions.add and reactions.get: the tour's message shows :wave: 1 (U0BOT)",
			"12. pins.add and pins.list: 1 item(s) pinned in C0GENERAL, the tour's message pinned by U0BOT; pins.remove unpinned it",
			"13. a 429 with Retry-After: 1 was absorbed: the client waited ",
			", retried, and got bob (2 requests)",
			"Tour complete.",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("the tour's output lacks %q:\n%s", want, out.String())
			}
		}
		// The client waits out the second Slack asked, and sends the retry a little after it, at random.
		if m := waited.FindStringSubmatch(out.String()); m == nil {
			t.Errorf("the tour's 429 step does not say how long it waited:\n%s", out.String())
		} else if d, err := time.ParseDuration(m[1]); err != nil || d < time.Second || d > 1600*time.Millisecond {
			t.Errorf("the client waited %s after a Retry-After of 1s, want 1s to 1.6s", m[1])
		}
		if strings.Contains(out.String(), slacktest.BotToken) {
			t.Error("the tour printed the token")
		}
	})
}

// TestTourNeverShowsTheToken runs the tour with the client logging at Debug level and checks that the
// token appears in none of what the tour leaves behind: its output, its error, every log record, and every
// request the workspace received, except the Authorization header.
func TestTourNeverShowsTheToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out, logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		var fake *slacktest.Server
		newFake := func() *slacktest.Server {
			fake = slacktest.New()
			return fake
		}

		err := run(t.Context(), &out, logger, "", "", newFake)

		if err != nil {
			t.Fatalf("tour failed: %v\n%s", err, out.String())
		}
		const token = slacktest.BotToken
		if strings.Contains(out.String(), token) {
			t.Error("the tour's output holds the token")
		}
		if got := fmt.Sprintf("%v %+v %#v", err, err, err); strings.Contains(got, token) {
			t.Errorf("the tour's error holds the token: %s", got)
		}
		counts := map[string]int{}
		for line := range strings.Lines(logs.String()) {
			var record map[string]any
			if err := json.Unmarshal([]byte(line), &record); err != nil {
				t.Fatalf("log line %q: %v", line, err)
			}
			counts[fmt.Sprint(record["msg"])]++
			if strings.Contains(line, token) {
				t.Errorf("a log record holds the token: %s", line)
			}
		}
		if counts["slack: attempt"] < 10 || counts["slack: rate limited, retrying"] != 1 {
			t.Errorf("the log is missing the tour's records (attempts and the 429's retry): %v", counts)
		}
		requests := fake.Requests()
		if len(requests) < 10 {
			t.Fatalf("the workspace received %d requests, want the whole tour", len(requests))
		}
		for _, r := range requests {
			if got := r.Header.Get("Authorization"); got != "Bearer "+token {
				t.Errorf("%s: Authorization %q, want the bearer token", r.Method, got)
			}
			if strings.Contains(r.URL.String(), token) {
				t.Errorf("%s: the URL %s holds the token", r.Method, r.URL)
			}
			for k, vs := range r.Form {
				if strings.Contains(k+strings.Join(vs, ""), token) {
					t.Errorf("%s: the form field %s holds the token", r.Method, k)
				}
			}
			for k, vs := range r.Header {
				if k != "Authorization" && strings.Contains(strings.Join(vs, ""), token) {
					t.Errorf("%s: the header %s holds the token", r.Method, k)
				}
			}
		}
	})
}
