// Command upload uploads a file and shares it in a thread: it posts a message, then uploads the file as
// a reply to it, and prints the file's ID, size and link.
//
// With SLACK_TOKEN set it talks to Slack; with SLACK_TOKEN unset it uploads to a fake workspace started
// in-process (whose channels are general, random and secret). Without -file it uploads a small CSV
// report it makes up.
//
//	go run ./examples/upload -channel general
//	SLACK_TOKEN=xoxb-… go run ./examples/upload -channel C0123456789 -file report.pdf
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func main() {
	channel := flag.String("channel", "", "the channel ID (C0123456789), or in the fake workspace its name (general)")
	path := flag.String("file", "", "the file to upload; without it, a made-up CSV report")
	flag.Parse()
	if *channel == "" {
		fmt.Fprintln(os.Stderr, "usage: upload -channel CHANNEL [-file PATH]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, os.Getenv("SLACK_TOKEN"), *channel, *path, slacktest.NewServer); err != nil {
		fmt.Fprintln(os.Stderr, "upload:", err)
		os.Exit(1)
	}
}

// report is the file uploaded when no -file is given.
const report = "service,requests,errors\napi,120400,12\nweb,98011,3\nworker,4410,0\n"

// run uploads the file at path (or the made-up report) into a thread in channel with token, or with an
// empty token to a fake workspace that newFake starts (over HTTP, or in memory if it is not started).
func run(ctx context.Context, out io.Writer, token, channel, path string, newFake func() *slacktest.Server) error {
	var opts []slack.Option
	if token == "" {
		fake := newFake()
		defer fake.Close()
		token = slacktest.BotToken
		opts = append(opts, slack.WithBaseURL(fake.URL()))
		if fake.URL() == slacktest.InMemoryURL {
			opts = append(opts, slack.WithHTTPClient(fake.HTTPClient()))
		}
		fmt.Fprintf(out, "No SLACK_TOKEN: uploading to a fake workspace at %s\n", fake.URL())
	}
	client, err := slack.New(token, opts...)
	if err != nil {
		return err
	}

	// The content and its size: a file's size is known, so its bytes stream from disk as they are sent.
	name, content, size := "report.csv", io.Reader(strings.NewReader(report)), int64(len(report))
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return err
		}
		name, content, size = filepath.Base(path), f, info.Size()
	}

	parent, err := client.Chat.PostMessage(ctx, channel, &slack.ChatPostMessageParams{Text: "Nightly report is ready"})
	if errors.Is(err, slack.ErrNotInChannel) {
		return fmt.Errorf("the bot is not a member of %s: invite it first", channel)
	}
	if err != nil {
		return err
	}
	file, err := client.Files.Upload(ctx, name, content, size, &slack.FilesUploadParams{
		Title:          "Nightly report",
		ChannelID:      parent.Channel,
		ThreadTS:       parent.TS,
		InitialComment: "Here are last night's numbers.",
	})
	var se *slack.Error
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("the upload failed at step %s: %w", se.Method, err)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "uploaded %s (%s, %d bytes) in the thread of %s in %s\n", file.ID, file.Name, file.Size,
		parent.TS, parent.Channel)
	fmt.Fprintln(out, file.Permalink)

	// The thread now holds the reply that shares the file.
	replies, err := client.Conversations.Replies(ctx, parent.Channel, parent.TS, nil)
	if err != nil {
		return err
	}
	for _, m := range replies.Messages[1:] {
		for _, f := range m.Files {
			fmt.Fprintf(out, "reply %s: %q with %s\n", m.TS, m.Text, f.Title)
		}
	}
	return nil
}
