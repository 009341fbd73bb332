package main

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// triageScenario is the guide's test: a channel the bot is not in, a question, a statement and an
// answered question; Slack answers the first reply with a 429 asking to wait retryAfter.
func triageScenario(t testing.TB, retryAfter string) {
	srv := slacktest.NewT(t)
	srv.AddChannel(slacktest.Channel{ID: "C0OPS", Name: "ops", Members: []string{slacktest.AliceID}})
	question := srv.AddMessage(slacktest.Message{Channel: "C0OPS", User: slacktest.AliceID, Text: "Is prod down?"})
	srv.AddMessage(slacktest.Message{Channel: "C0OPS", User: slacktest.AliceID, Text: "Deploying at 5."})
	answered := srv.AddMessage(slacktest.Message{Channel: "C0OPS", User: slacktest.AliceID, Text: "Lunch?"})
	srv.AddMessage(slacktest.Message{Channel: "C0OPS", User: slacktest.BobID, Text: "Noon", ThreadTS: answered.TS})
	srv.Inject("chat.postMessage", slacktest.RateLimited(retryAfter))
	client, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}

	n, err := Triage(t.Context(), client, "C0OPS")

	if n != 1 || err != nil {
		t.Fatalf("Triage answered %d, %v; want 1, nil", n, err)
	}
	srv.AssertReplied(t, "C0OPS", question.TS, "On it")
	srv.AssertCalled(t, "conversations.join", 1)    // not_in_channel, so it joined
	srv.AssertCalled(t, "chat.postMessage", 2)      // the 429, then the retry
	if len(srv.Thread("C0OPS", answered.TS)) != 2 { // the answered question got no second reply
		t.Errorf("the answered question got another reply")
	}
}

// TestTriage runs the scenario in a synctest bubble: the client's waits take no real time, and the
// bubble's clock shows what they were. The bot reads the channel twice (before and after joining it), and
// the client paces the second read one interval after the first (Tier 3 at 99%: 1.21s); its post draws a
// 429 and waits the 30s Slack asked. A call that waited leaves up to a second after its turn, at random.
func TestTriage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		triageScenario(t, "30")
		perMinute := 50 * 0.99
		interval := time.Duration(float64(time.Minute) / perMinute)
		least, most := interval+30*time.Second, interval+interval/2+31*time.Second
		if waited := time.Since(start); waited < least || waited > most {
			t.Errorf("waited %v in all, want between %v and %v", waited, least, most)
		}
	})
}

// BenchmarkTriage measures the guide's test in wall time with the in-memory transport. Outside a
// bubble the 429 asks for a millisecond's wait, which the bubble's clock would make cost nothing.
func BenchmarkTriage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		triageScenario(b, "0.001")
	}
}
