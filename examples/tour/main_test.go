package main

import (
	"strings"
	"testing"
	"testing/synctest"

	"github.com/goslack/slack/internal/slacktest"
)

func TestTourOffline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder

		err := run(t.Context(), &out, "", "", slacktest.New)

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
			"11. a 429 with Retry-After: 1 was absorbed: the client waited 1s, retried, and got bob (2 requests)",
			"Tour complete.",
		} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("the tour's output lacks %q:\n%s", want, out.String())
			}
		}
		if strings.Contains(out.String(), slacktest.BotToken) {
			t.Error("the tour printed the token")
		}
	})
}
