package redislimit_test

import (
	"context"
	"log"
	"os"

	"github.com/goslack/slack"
	"github.com/goslack/slack/redislimit"
	"github.com/redis/go-redis/v9"
)

// Every replica of a bot builds its client the same way: they then share one budget per workspace and
// method on Redis, and while Redis fails each paces itself at a quarter of the limits.
func Example() {
	rdb := redis.NewClient(&redis.Options{
		Addr:                  "localhost:6379",
		ContextTimeoutEnabled: true, // a store call gives up at the client's store timeout
	})
	defer rdb.Close()

	client, err := slack.New(os.Getenv("SLACK_BOT_TOKEN"),
		slack.WithLimitStore(redislimit.New(rdb)),
		slack.WithExpectedReplicas(4),
	)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Chat.PostMessage(context.Background(), "C0123456789",
		&slack.ChatPostMessageParams{Text: "Deploy finished"}); err != nil {
		log.Fatal(err)
	}
}

// A Redis Cluster works the same way: each key's state lives in one slot. A prefix of its own keeps an
// app's keys apart from another app's on the same Redis.
func ExampleNew_cluster() {
	rdb := redis.NewClusterClient(&redis.ClusterOptions{
		Addrs:                 []string{"redis-0:6379", "redis-1:6379", "redis-2:6379"},
		ContextTimeoutEnabled: true,
	})
	defer rdb.Close()

	store := redislimit.New(rdb, redislimit.WithPrefix("standup-bot:ratelimit:"))
	client, err := slack.New(os.Getenv("SLACK_BOT_TOKEN"), slack.WithLimitStore(store), slack.WithExpectedReplicas(3))
	if err != nil {
		log.Fatal(err)
	}
	_ = client
}
