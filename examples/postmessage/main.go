// Command postmessage posts one message and prints its ts and permalink.
//
// With SLACK_TOKEN set it posts to Slack; with SLACK_TOKEN unset it posts to a fake workspace started
// in-process (whose channels are general, random and secret).
//
//	go run ./examples/postmessage -channel general -text "Deploy finished"
//	SLACK_TOKEN=xoxb-… go run ./examples/postmessage -channel C0123456789 -text "Deploy finished"
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func main() {
	channel := flag.String("channel", "", "the channel: an ID (C0123456789), a name (general), or a user ID for a DM")
	text := flag.String("text", "", "the message, in Slack's mrkdwn")
	flag.Parse()
	if *channel == "" || *text == "" {
		fmt.Fprintln(os.Stderr, "usage: postmessage -channel CHANNEL -text TEXT")
		flag.PrintDefaults()
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, os.Getenv("SLACK_TOKEN"), *channel, *text, slacktest.NewServer); err != nil {
		fmt.Fprintln(os.Stderr, "postmessage:", err)
		os.Exit(1)
	}
}

// run posts text to channel with token, or with an empty token to a fake workspace that newFake starts
// (over HTTP, or in memory if it is not started).
func run(ctx context.Context, out io.Writer, token, channel, text string, newFake func() *slacktest.Server) error {
	var opts []slack.Option
	if token == "" {
		fake := newFake()
		defer fake.Close()
		token = slacktest.BotToken
		opts = append(opts, slack.WithBaseURL(fake.URL()))
		if fake.URL() == slacktest.InMemoryURL {
			opts = append(opts, slack.WithHTTPClient(fake.HTTPClient()))
		}
		fmt.Fprintf(out, "No SLACK_TOKEN: posting to a fake workspace at %s\n", fake.URL())
	}
	client, err := slack.New(token, opts...)
	if err != nil {
		return err
	}
	posted, err := client.Chat.PostMessage(ctx, channel, &slack.ChatPostMessageParams{Text: text})
	var se *slack.Error
	switch {
	case errors.Is(err, slack.ErrNotInChannel):
		return fmt.Errorf("the bot is not a member of %s: invite it first", channel)
	case errors.As(err, &se):
		return fmt.Errorf("the message was refused: %w", err)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "posted to %s, ts %s\n", posted.Channel, posted.TS)
	link, err := client.Chat.GetPermalink(ctx, posted.Channel, posted.TS)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, link)
	return nil
}
