// Command testing is the bot of the testing guide (README, "Testing your code"): it answers the
// unanswered questions in a channel with a reply in their thread. Its test, main_test.go, shows how to
// test such code with the fake workspace of package slacktest.
//
// With SLACK_TOKEN set it triages a channel of your workspace; with SLACK_TOKEN unset, a fake workspace
// started in-process with a question in #general.
//
//	go run ./examples/testing -channel general
//	SLACK_TOKEN=xoxb-… go run ./examples/testing -channel C0123456789
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// Triage reads the newest messages of channel and replies in the thread of each question (a message
// ending in "?") that has no reply yet, returning how many it answered. A bot that is not in the
// channel joins it first. A 429 needs nothing here: the client waits out Retry-After and retries.
func Triage(ctx context.Context, client *slack.Client, channel string) (int, error) {
	history, err := client.Conversations.History(ctx, channel, &slack.ConversationsHistoryParams{Limit: 100})
	if errors.Is(err, slack.ErrNotInChannel) {
		if _, err := client.Conversations.Join(ctx, channel); err != nil {
			return 0, fmt.Errorf("joining %s: %w", channel, err)
		}
		history, err = client.Conversations.History(ctx, channel, &slack.ConversationsHistoryParams{Limit: 100})
	}
	if err != nil {
		return 0, fmt.Errorf("reading %s: %w", channel, err)
	}
	answered := 0
	for _, msg := range history.Messages {
		if msg.ReplyCount > 0 || msg.BotID != "" || !strings.HasSuffix(strings.TrimSpace(msg.Text), "?") {
			continue
		}
		_, err := client.Chat.PostMessage(ctx, channel, &slack.ChatPostMessageParams{
			Text: "On it: someone will answer here soon.", ThreadTS: msg.TS})
		if err != nil {
			return answered, fmt.Errorf("replying to %s: %w", msg.TS, err)
		}
		answered++
	}
	return answered, nil
}

func main() {
	channel := flag.String("channel", "general", "the channel to triage: an ID or a name")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	token, opts := os.Getenv("SLACK_TOKEN"), []slack.Option(nil)
	if token == "" {
		fake := slacktest.New()
		defer fake.Close()
		fake.AddMessage(slacktest.Message{Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "Is the build red?"})
		token = slacktest.BotToken
		opts = []slack.Option{slack.WithHTTPClient(fake.HTTPClient()), slack.WithBaseURL(fake.URL())}
		fmt.Println("No SLACK_TOKEN: triaging a fake workspace")
	}
	client, err := slack.New(token, opts...)
	if err == nil {
		var n int
		n, err = Triage(ctx, client, *channel)
		fmt.Printf("answered %d question(s) in %s\n", n, *channel)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "testing:", err)
		os.Exit(1)
	}
}
