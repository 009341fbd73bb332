package redislimit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/redislimit"
	"github.com/goslack/slack/slacktest"
)

// BenchmarkCall measures one chat.postMessage through the fake workspace over loopback HTTP, with the
// client's default options and the workspace enforcing Slack's real limits: with the client's own
// in-process store, and with the Redis store. Each call posts to a channel of its own, so that no call
// waits for a slot and the difference is what the store adds: one Redis round trip (the reservation;
// the check before sending is made only by calls that waited).
func BenchmarkCall(b *testing.B) {
	for _, store := range []string{"memory", "redis"} {
		b.Run(store, func(b *testing.B) {
			srv := newWorkspace(b)
			srv.EnforceTiers(time.Minute)
			opts := []slack.Option{slack.WithBaseURL(srv.URL())}
			if store == "redis" {
				rdb := newClient(b, needRedis(b))
				opts = append(opts, slack.WithLimitStore(redislimit.New(rdb, redislimit.WithPrefix(uniquePrefix(b)))))
			}
			client, err := slack.New(slacktest.BotToken, opts...)
			if err != nil {
				b.Fatal(err)
			}
			channels := make([]string, b.N)
			for i := range channels {
				channels[i] = fmt.Sprintf("C%09d", i)
				srv.AddChannel(slacktest.Channel{ID: channels[i], Name: fmt.Sprintf("bench-%d", i),
					Members: []string{slacktest.BotUserID}})
			}
			ctx := context.Background()
			params := &slack.ChatPostMessageParams{Text: "hello"}
			// The first call learns the workspace (auth.test) and opens the connections.
			if _, err := client.Chat.PostMessage(ctx, slacktest.GeneralID, params); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := client.Chat.PostMessage(ctx, channels[i], params); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
