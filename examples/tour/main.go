// Command tour walks through the SDK: who the token belongs to, the workspace's users, a message posted,
// updated, linked to, whispered and replied to in a thread, the channel and the thread read back with the
// conversations iterators, a reaction and a pin on the message, a documented error matched with errors.Is,
// and a 429 absorbed by the client.
//
// With SLACK_TOKEN unset it runs offline against a fake workspace started in-process. With SLACK_TOKEN
// set it runs the read-only steps against Slack, and the writes too if SLACK_CHANNEL names a channel the
// token may post in. SLACK_DEBUG=1 prints the client's log records (every attempt, wait and retry) on
// stderr.
//
//	go run ./examples/tour
//	SLACK_TOKEN=xoxb-… SLACK_CHANNEL=C0123456789 go run ./examples/tour
//	SLACK_DEBUG=1 go run ./examples/tour
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var logger *slog.Logger
	if os.Getenv("SLACK_DEBUG") != "" {
		logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if err := run(ctx, os.Stdout, logger, os.Getenv("SLACK_TOKEN"), os.Getenv("SLACK_CHANNEL"), slacktest.NewServer); err != nil {
		fmt.Fprintln(os.Stderr, "tour:", err)
		os.Exit(1)
	}
}

// tour holds what the steps share.
type tour struct {
	out     io.Writer
	client  *slack.Client
	fake    *slacktest.Server // nil against real Slack
	channel string            // where the writes go; empty skips them
	me      *slack.AuthTestResponse
	posted  *slack.ChatPostMessageResponse // the tour's message
}

// run tours Slack with token, or with an empty token a fake workspace that newFake starts (over HTTP, or
// in memory if it is not started). The client logs to logger if it is not nil.
func run(ctx context.Context, out io.Writer, logger *slog.Logger, token, channel string, newFake func() *slacktest.Server) error {
	t := &tour{out: out, channel: channel}
	var opts []slack.Option
	if logger != nil {
		opts = append(opts, slack.WithLogger(logger))
	}
	if token == "" {
		t.fake = newFake()
		defer t.fake.Close()
		token, t.channel = slacktest.BotToken, slacktest.GeneralID
		opts = append(opts, slack.WithBaseURL(t.fake.URL()))
		if t.fake.URL() == slacktest.InMemoryURL {
			opts = append(opts, slack.WithHTTPClient(t.fake.HTTPClient()))
		}
		t.say("No SLACK_TOKEN: touring a fake workspace at %s", t.fake.URL())
	}
	client, err := slack.New(token, append(opts, slack.WithUserAgent("goslack-tour/1"))...)
	if err != nil {
		return err
	}
	t.client = client

	steps := []func(context.Context) error{t.whoAmI, t.listUsers, t.lookupByEmail, t.documentedError}
	if t.channel != "" {
		steps = append(steps, t.postUpdateLink, t.thread, t.reactAndPin)
	} else {
		t.say("No SLACK_CHANNEL: skipping the steps that post")
	}
	if t.fake != nil {
		steps = append(steps, t.rateLimit)
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	t.say("Tour complete.")
	return nil
}

func (t *tour) say(format string, args ...any) { fmt.Fprintf(t.out, format+"\n", args...) }

func (t *tour) whoAmI(ctx context.Context) error {
	me, err := t.client.Auth.Test(ctx)
	if err != nil {
		return fmt.Errorf("auth.test: %w", err)
	}
	t.me = me
	t.say("1. auth.test: I am %s (%s) in %s (%s)", me.User, me.UserID, me.Team, me.TeamID)
	return nil
}

func (t *tour) listUsers(ctx context.Context) error {
	n, humans := 0, 0
	pageSize := 200
	if t.fake != nil {
		pageSize = 2 // the fake workspace is small: show the iterator fetching page after page
	}
	for u, err := range t.client.Users.ListAll(ctx, &slack.UsersListParams{Limit: pageSize}) {
		if err != nil {
			return fmt.Errorf("users.list: %w", err)
		}
		n++
		if !u.IsBot && !u.Deleted && u.ID != "USLACKBOT" {
			humans++
		}
		if n <= 3 {
			t.say("   %-10s %s", u.ID, u.Name)
		}
	}
	t.say("2. users.list with ListAll (pages of %d): %d users, %d of them active humans", pageSize, n, humans)
	return nil
}

func (t *tour) lookupByEmail(ctx context.Context) error {
	email := "bob@example.com"
	if t.fake == nil {
		if email = os.Getenv("SLACK_EMAIL"); email == "" {
			t.say("3. users.lookupByEmail: skipped (set SLACK_EMAIL to look someone up)")
			return nil
		}
	}
	u, err := t.client.Users.LookupByEmail(ctx, email)
	if errors.Is(err, slack.ErrUsersNotFound) {
		t.say("3. users.lookupByEmail: nobody has the address %s", email)
		return nil
	}
	if err != nil {
		return fmt.Errorf("users.lookupByEmail: %w", err)
	}
	t.say("3. users.lookupByEmail: %s is %s (%s)", email, u.RealName, u.ID)
	return nil
}

func (t *tour) documentedError(ctx context.Context) error {
	_, err := t.client.Users.Info(ctx, "U0NOBODY00", nil)
	var se *slack.Error
	switch {
	case errors.Is(err, slack.ErrUserNotFound) && errors.As(err, &se):
		t.say("4. users.info on a missing user: errors.Is(err, slack.ErrUserNotFound) is true (%s)", se.Code)
		return nil
	case err == nil:
		return errors.New("users.info found a user that should not exist")
	default:
		return fmt.Errorf("users.info: unexpected error: %w", err)
	}
}

func (t *tour) postUpdateLink(ctx context.Context) error {
	posted, err := t.client.Chat.PostMessage(ctx, t.channel, &slack.ChatPostMessageParams{
		Text: "Hello from the goslack tour",
		Blocks: slack.Blocks{
			slack.SectionBlock{Text: slack.MarkdownText("*Hello* from the goslack tour")},
			slack.ContextBlock{Elements: []slack.BlockElement{slack.MarkdownText("posted at " + time.Now().UTC().Format(time.Kitchen))}},
		},
	})
	if err != nil {
		return fmt.Errorf("chat.postMessage: %w", err)
	}
	t.posted = posted
	t.say("5. chat.postMessage: posted ts %s in %s", posted.TS, posted.Channel)

	updated, err := t.client.Chat.Update(ctx, posted.Channel, posted.TS, &slack.ChatUpdateParams{Text: "Hello again, edited by the tour"})
	if err != nil {
		return fmt.Errorf("chat.update: %w", err)
	}
	t.say("6. chat.update: the message now reads %q", updated.Text)

	link, err := t.client.Chat.GetPermalink(ctx, posted.Channel, posted.TS)
	if err != nil {
		return fmt.Errorf("chat.getPermalink: %w", err)
	}
	t.say("7. chat.getPermalink: %s", link)

	whisperTo := t.me.UserID
	if t.fake != nil {
		whisperTo = slacktest.AliceID
	}
	ts, err := t.client.Chat.PostEphemeral(ctx, posted.Channel, whisperTo, &slack.ChatPostEphemeralParams{Text: "Only you can see this"})
	switch {
	case errors.Is(err, slack.ErrUserNotInChannel):
		t.say("8. chat.postEphemeral: %s is not in the channel, so nothing was shown", whisperTo)
	case err != nil:
		return fmt.Errorf("chat.postEphemeral: %w", err)
	default:
		t.say("8. chat.postEphemeral: shown to %s only (message_ts %s)", whisperTo, ts)
	}
	return nil
}

// thread replies to the tour's message in its thread, then reads the channel since that message with
// HistoryAll and the thread with RepliesAll.
func (t *tour) thread(ctx context.Context) error {
	ch, ts := t.posted.Channel, t.posted.TS
	_, err := t.client.Chat.PostMessage(ctx, ch, &slack.ChatPostMessageParams{Text: "A reply in the thread", ThreadTS: ts})
	if err != nil {
		return fmt.Errorf("chat.postMessage in the thread: %w", err)
	}
	n, replies := 0, 0
	for m, err := range t.client.Conversations.HistoryAll(ctx, ch, &slack.ConversationsHistoryParams{Oldest: ts, Inclusive: true}) {
		if err != nil {
			return fmt.Errorf("conversations.history: %w", err)
		}
		n++
		if m.TS == ts {
			replies = m.ReplyCount
		}
	}
	t.say("9. conversations.history with HistoryAll: %d message(s) from the tour's post on; its reply_count is %d", n, replies)

	var thread []string
	for m, err := range t.client.Conversations.RepliesAll(ctx, ch, ts, nil) {
		if err != nil {
			return fmt.Errorf("conversations.replies: %w", err)
		}
		thread = append(thread, fmt.Sprintf("%q", m.Text))
	}
	t.say("10. conversations.replies with RepliesAll: the thread reads %s", strings.Join(thread, ", then "))
	return nil
}

// reactAndPin reacts to the tour's message and pins it, reads both back, and unpins it again.
func (t *tour) reactAndPin(ctx context.Context) error {
	ch, ts := t.posted.Channel, t.posted.TS
	if err := t.client.Reactions.Add(ctx, ch, ts, "wave"); err != nil {
		return fmt.Errorf("reactions.add: %w", err)
	}
	got, err := t.client.Reactions.Get(ctx, ch, ts, nil)
	if err != nil {
		return fmt.Errorf("reactions.get: %w", err)
	}
	var reactions []string
	for _, r := range got.Message.Reactions {
		reactions = append(reactions, fmt.Sprintf(":%s: %d (%s)", r.Name, r.Count, strings.Join(r.Users, ", ")))
	}
	t.say("11. reactions.add and reactions.get: the tour's message shows %s", strings.Join(reactions, ", "))

	if err := t.client.Pins.Add(ctx, ch, ts); err != nil {
		return fmt.Errorf("pins.add: %w", err)
	}
	items, err := t.client.Pins.List(ctx, ch)
	if err != nil {
		return fmt.Errorf("pins.list: %w", err)
	}
	pinnedBy := ""
	for _, it := range items {
		if it.Message.TS == ts {
			pinnedBy = it.CreatedBy
		}
	}
	if pinnedBy == "" {
		return errors.New("pins.list does not list the message the tour pinned")
	}
	if err := t.client.Pins.Remove(ctx, ch, ts); err != nil {
		return fmt.Errorf("pins.remove: %w", err)
	}
	t.say("12. pins.add and pins.list: %d item(s) pinned in %s, the tour's message pinned by %s; pins.remove unpinned it",
		len(items), ch, pinnedBy)
	return nil
}

// rateLimit makes the fake answer the next users.info with a 429 and shows the client waiting it out.
func (t *tour) rateLimit(ctx context.Context) error {
	t.fake.Inject("users.info", slacktest.RateLimited("1"))
	before := t.fake.Count("users.info")
	start := time.Now()
	u, err := t.client.Users.Info(ctx, slacktest.BobID, nil)
	if err != nil {
		return fmt.Errorf("users.info after a 429: %w", err)
	}
	t.say("13. a 429 with Retry-After: 1 was absorbed: the client waited %s, retried, and got %s (%d requests)",
		time.Since(start).Round(100*time.Millisecond), u.Name, t.fake.Count("users.info")-before)
	return nil
}
