// Command blockkit posts a message laid out with Block Kit, reads it back with conversations.history
// and prints its blocks as the typed values they decode to.
//
// With SLACK_TOKEN set it posts to Slack; with SLACK_TOKEN unset it posts to a fake workspace started
// in-process.
//
//	go run ./examples/blockkit -channel general
//	SLACK_TOKEN=xoxb-… go run ./examples/blockkit -channel C0123456789
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func main() {
	channel := flag.String("channel", "general", "the channel: an ID (C0123456789) or, offline, a name (general)")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, os.Getenv("SLACK_TOKEN"), *channel, slacktest.NewServer); err != nil {
		fmt.Fprintln(os.Stderr, "blockkit:", err)
		os.Exit(1)
	}
}

// report is the message: a release report with a header, a section with fields and a button, a row of
// actions, a context line, a rich text list and a table.
func report() slack.Blocks {
	return slack.Blocks{
		slack.HeaderBlock{Text: slack.PlainText("Release 2.4.0")},
		slack.SectionBlock{
			Text: slack.MarkdownText("*Deploy finished* in 4m 12s"),
			Fields: []slack.TextObject{
				*slack.MarkdownText("*Service*\ncheckout"),
				*slack.MarkdownText("*Region*\neu-west-1"),
			},
			Accessory: slack.Button("view_logs", "Logs"),
		},
		slack.ActionsBlock{BlockID: "release_actions", Elements: []slack.BlockElement{
			slack.ButtonElement{ActionID: "promote", Text: slack.PlainText("Promote"), Style: "primary", Value: "2.4.0"},
			slack.ButtonElement{ActionID: "rollback", Text: slack.PlainText("Roll back"), Style: "danger", Value: "2.3.9",
				Confirm: &slack.ConfirmObject{Title: slack.PlainText("Roll back?"), Text: slack.PlainText("2.3.9 goes live again."),
					Confirm: slack.PlainText("Roll back"), Deny: slack.PlainText("Cancel")}},
			slack.StaticSelectElement{ActionID: "notify", Placeholder: slack.PlainText("Notify a team"),
				Options: []slack.OptionObject{slack.PlainOption("Payments", "payments"), slack.PlainOption("Support", "support")}},
		}},
		slack.ContextBlock{Elements: []slack.BlockElement{
			slack.ImageElement{ImageURL: "https://example.com/ci.png", AltText: "CI"},
			slack.MarkdownText("Built by *ci-bot* from `a1b2c3d`"),
		}},
		slack.RichTextBlock{Elements: []slack.RichTextElement{
			slack.RichTextSection{Elements: []slack.RichTextElement{slack.RichTextText{Text: "Changes", Style: &slack.RichTextStyle{Bold: true}}}},
			slack.RichTextList{Style: "bullet", Elements: []slack.RichTextElement{
				slack.RichTextSection{Elements: []slack.RichTextElement{slack.RichTextText{Text: "Faster checkout page"}}},
				slack.RichTextSection{Elements: []slack.RichTextElement{
					slack.RichTextText{Text: "Fix for "},
					slack.RichTextLink{URL: "https://example.com/issues/812", Text: "#812"},
				}},
			}},
		}},
		slack.TableBlock{Rows: [][]slack.TableCell{
			{slack.RawTextObject{Text: "Metric"}, slack.RawTextObject{Text: "Before"}, slack.RawTextObject{Text: "After"}},
			{slack.RawTextObject{Text: "p95 ms"}, slack.RawNumberObject{Value: 420}, slack.RawNumberObject{Value: 310}},
		}},
	}
}

// run posts the report to channel with token, or with an empty token to a fake workspace that newFake
// starts (over HTTP, or in memory if it is not started), then reads it back and prints its blocks.
func run(ctx context.Context, out io.Writer, token, channel string, newFake func() *slacktest.Server) error {
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
	posted, err := client.Chat.PostMessage(ctx, channel, &slack.ChatPostMessageParams{
		Text: "Release 2.4.0 deployed", Blocks: report()})
	var se *slack.Error
	switch {
	case errors.As(err, &se) && se.Code == slack.ErrInvalidArguments:
		return fmt.Errorf("the blocks break a Block Kit limit: %w", err)
	case err != nil:
		return err
	}
	fmt.Fprintf(out, "posted to %s, ts %s\n", posted.Channel, posted.TS)
	history, err := client.Conversations.History(ctx, posted.Channel,
		&slack.ConversationsHistoryParams{Latest: posted.TS, Inclusive: true, Limit: 1})
	if err != nil {
		return err
	}
	if len(history.Messages) == 0 || history.Messages[0].TS != posted.TS {
		return errors.New("the message is not in the channel's history")
	}
	for i, b := range history.Messages[0].Blocks {
		fmt.Fprintf(out, "%d. %s\n", i, describe(b))
	}
	return nil
}

// describe says what a block holds, from its Go type.
func describe(b slack.Block) string {
	switch b := b.(type) {
	case slack.HeaderBlock:
		return fmt.Sprintf("header %q", b.Text.Text)
	case slack.SectionBlock:
		fields := make([]string, len(b.Fields))
		for i, f := range b.Fields {
			fields[i] = strings.ReplaceAll(f.Text, "\n", " ")
		}
		s := fmt.Sprintf("section %q, fields %q", b.Text.Text, fields)
		if button, ok := b.Accessory.(slack.ButtonElement); ok {
			s += fmt.Sprintf(", button %q (%s)", button.Text.Text, button.ActionID)
		}
		return s
	case slack.ActionsBlock:
		var parts []string
		for _, e := range b.Elements {
			switch e := e.(type) {
			case slack.ButtonElement:
				parts = append(parts, fmt.Sprintf("button %s", e.ActionID))
			case slack.StaticSelectElement:
				parts = append(parts, fmt.Sprintf("select %s of %d options", e.ActionID, len(e.Options)))
			default:
				parts = append(parts, e.ElementType())
			}
		}
		return fmt.Sprintf("actions %s: %s", b.BlockID, strings.Join(parts, ", "))
	case slack.ContextBlock:
		var parts []string
		for _, e := range b.Elements {
			switch e := e.(type) {
			case slack.TextObject:
				parts = append(parts, fmt.Sprintf("%q", e.Text))
			case slack.ImageElement:
				parts = append(parts, "image "+e.AltText)
			}
		}
		return "context " + strings.Join(parts, ", ")
	case slack.RichTextBlock:
		var parts []string
		for _, e := range b.Elements {
			if list, ok := e.(slack.RichTextList); ok {
				parts = append(parts, fmt.Sprintf("%s list of %d items", list.Style, len(list.Elements)))
				continue
			}
			parts = append(parts, e.RichTextType())
		}
		return "rich text: " + strings.Join(parts, ", ")
	case slack.TableBlock:
		var sum float64
		for _, row := range b.Rows {
			for _, c := range row {
				if n, ok := c.(slack.RawNumberObject); ok {
					sum += n.Value
				}
			}
		}
		return fmt.Sprintf("table of %d rows (numbers add up to %g)", len(b.Rows), sum)
	}
	return b.BlockType()
}
