package slack_test

import (
	"context"
	"iter"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"chat.scheduleMessage": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Chat.ScheduleMessage(ctx, "C1", time.Now().Add(time.Hour), &slack.ChatScheduleMessageParams{Text: "x"})
		},
		"chat.deleteScheduledMessage": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Chat.DeleteScheduledMessage(ctx, "C1", "Q1298393284", nil)
		},
		"chat.scheduledMessages.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Chat.ListScheduledMessages(ctx, nil)
		},
	})
}

// historyTexts returns the texts of a conversation's history, as the SDK reads it (newest first).
func historyTexts(t *testing.T, c *slack.Client, channel string) []string {
	t.Helper()
	var texts []string
	for m, err := range c.Conversations.HistoryAll(t.Context(), channel, nil) {
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, m.Text)
	}
	return texts
}

func TestChatScheduleMessage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		postAt := time.Now().Add(time.Hour)
		blocks := slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("*Stand-up* in 5 minutes")}}

		got, err := c.Chat.ScheduleMessage(t.Context(), slacktest.GeneralID, postAt,
			&slack.ChatScheduleMessageParams{Text: "Stand-up in 5 minutes", Blocks: blocks})
		if err != nil {
			t.Fatal(err)
		}
		form := chatWire(t, srv, "chat.scheduleMessage", slacktest.BotToken)
		chatForm(t, form, map[string]string{"channel": slacktest.GeneralID, "post_at": strconv.FormatInt(postAt.Unix(), 10),
			"text":   "Stand-up in 5 minutes",
			"blocks": `[{"type":"section","text":{"type":"mrkdwn","text":"*Stand-up* in 5 minutes"}}]`})
		if got.Channel != slacktest.GeneralID || !strings.HasPrefix(got.ScheduledMessageID, "Q") ||
			got.PostAt.Unix() != postAt.Unix() || got.Message.Text != "Stand-up in 5 minutes" ||
			got.Message.Type != "delayed_message" || got.Message.BotID != slacktest.BotID || len(got.Message.Blocks) != 1 {
			t.Errorf("ScheduleMessage returned %+v", got)
		}
		pending := srv.ScheduledMessages()
		if len(pending) != 1 || pending[0].ID != got.ScheduledMessageID || pending[0].PostAt != postAt.Unix() ||
			pending[0].User != slacktest.BotUserID || pending[0].Channel != slacktest.GeneralID {
			t.Fatalf("the fake holds %+v", pending)
		}

		// A second before its time the message is still pending; a request at its time finds it posted.
		time.Sleep(time.Hour - time.Second)
		if slices.Contains(historyTexts(t, c, slacktest.GeneralID), "Stand-up in 5 minutes") {
			t.Fatal("posted before its time")
		}
		time.Sleep(time.Second)
		if !slices.Contains(historyTexts(t, c, slacktest.GeneralID), "Stand-up in 5 minutes") {
			t.Fatal("not posted at its time")
		}
		m := srv.AssertPosted(t, slacktest.GeneralID, "Stand-up in 5 minutes")
		if at, err := slack.ParseTS(m.TS); err != nil || at.Unix() != postAt.Unix() {
			t.Errorf("posted with ts %s, want one in the second %d", m.TS, postAt.Unix())
		}
		if m.User != slacktest.BotUserID || m.BotID != slacktest.BotID || len(m.Blocks) == 0 {
			t.Errorf("posted %+v", m)
		}
		if n := len(srv.ScheduledMessages()); n != 0 {
			t.Errorf("%d messages still pending", n)
		}
		list, err := c.Chat.ListScheduledMessages(t.Context(), nil)
		if err != nil || len(list.ScheduledMessages) != 0 {
			t.Errorf("after posting, scheduledMessages.list: %+v, %v", list, err)
		}
	})
}

func TestChatScheduleMessageIsPostedOnAStateRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		if _, err := c.Chat.ScheduleMessage(t.Context(), slacktest.RandomID, time.Now().Add(2*time.Minute),
			&slack.ChatScheduleMessageParams{Text: "coffee?"}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Minute)
		n := srv.Count()
		srv.AssertPosted(t, slacktest.RandomID, "coffee?")
		if srv.Count() != n {
			t.Error("reading the fake's state sent a request")
		}
	})
}

func TestChatScheduleMessageInAThreadAndToAUser(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		ctx := t.Context()
		at := time.Now().Add(10 * time.Minute)
		if _, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, at, &slack.ChatScheduleMessageParams{
			Text: "Reminder: deploy now", ThreadTS: reactAliceTS, ReplyBroadcast: true}); err != nil {
			t.Fatal(err)
		}
		chatForm(t, chatWire(t, srv, "chat.scheduleMessage", slacktest.BotToken), map[string]string{
			"channel": slacktest.GeneralID, "post_at": strconv.FormatInt(at.Unix(), 10), "text": "Reminder: deploy now",
			"thread_ts": reactAliceTS, "reply_broadcast": "true"})
		resp, err := c.Chat.ScheduleMessage(ctx, slacktest.BobID, at, &slack.ChatScheduleMessageParams{Text: "psst"})
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Minute)

		srv.AssertReplied(t, slacktest.GeneralID, reactAliceTS, "Reminder: deploy now")
		if !slices.Contains(historyTexts(t, c, slacktest.GeneralID), "Reminder: deploy now") {
			t.Error("a broadcast reply is not in the channel's history")
		}
		im, ok := srv.IM(slacktest.BotUserID, slacktest.BobID)
		if !ok || im.ID != resp.Channel || !im.IsOpenFor(slacktest.BobID) {
			t.Fatalf("the IM with bob: %+v (%v), want %s open for bob", im, ok, resp.Channel)
		}
		srv.AssertPosted(t, im.ID, "psst")
	})
}

func TestChatScheduleMessageRefusesBadArgumentsBeforeSending(t *testing.T) {
	text := &slack.ChatScheduleMessageParams{Text: "hi"}
	tests := []struct {
		name     string
		call     func(ctx context.Context, c *slack.Client) error
		argument string
	}{
		{"no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, "", time.Now().Add(time.Hour), text)
			return err
		}, "channel"},
		{"zero postAt", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Time{}, text)
			return err
		}, "postAt"},
		{"postAt in the past", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now().Add(-time.Minute), text)
			return err
		}, "postAt"},
		{"postAt now", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now(), text)
			return err
		}, "postAt"},
		{"postAt past 120 days", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now().Add(121*24*time.Hour), text)
			return err
		}, "postAt"},
		{"nil params", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now().Add(time.Hour), nil)
			return err
		}, "text"},
		{"blank text", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now().Add(time.Hour),
				&slack.ChatScheduleMessageParams{Text: "  "})
			return err
		}, "text"},
		{"block that is not JSON", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now().Add(time.Hour),
				&slack.ChatScheduleMessageParams{Blocks: slack.Blocks{slack.RawBlock(`{"type":"section"`)}})
			return err
		}, "blocks"},
		{"block past Slack's limits", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now().Add(time.Hour),
				&slack.ChatScheduleMessageParams{Text: "x", Blocks: slack.Blocks{slack.SectionBlock{}}})
			return err
		}, "/blocks/0"},
		{"delete/no channel", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.DeleteScheduledMessage(ctx, "", "Q1", nil)
		}, "channel"},
		{"delete/no id", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.DeleteScheduledMessage(ctx, slacktest.GeneralID, "", nil)
		}, "scheduledMessageID"},
		{"list/limit out of range", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ListScheduledMessages(ctx, &slack.ChatListScheduledMessagesParams{Limit: 1001})
			return err
		}, "limit"},
		{"list/latest before oldest", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ListScheduledMessages(ctx, &slack.ChatListScheduledMessagesParams{
				Oldest: time.Now().Add(time.Hour), Latest: time.Now()})
			return err
		}, "Latest"},
		{"listAll/negative limit", func(ctx context.Context, c *slack.Client) error {
			for _, err := range c.Chat.ListScheduledMessagesAll(ctx, &slack.ChatListScheduledMessagesParams{Limit: -2}) {
				return err
			}
			return nil
		}, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newReactWorkspace(t, slacktest.BotToken)
			assertNothingSent(t, srv, tt.call(t.Context(), c), tt.argument)
		})
	}
}

func TestChatScheduleMessageDocumentedErrors(t *testing.T) {
	text := &slack.ChatScheduleMessageParams{Text: "later"}
	hour := time.Now().Add(time.Hour)
	tests := []struct {
		name    string
		clock   time.Duration // the fake's clock, ahead of the SDK's
		channel string
		postAt  time.Time
		want    slack.ErrorCode
	}{
		{"time in past on Slack's clock", 2 * time.Hour, slacktest.GeneralID, hour, slack.ErrTimeInPast},
		{"too far on Slack's clock", -10 * 24 * time.Hour, slacktest.GeneralID, time.Now().Add(115 * 24 * time.Hour), slack.ErrTimeTooFar},
		{"no such channel", 0, "C0NOWHERE", hour, slack.ErrChannelNotFound},
		{"not a member", 0, reactOutside, hour, slack.ErrNotInChannel},
		{"archived", 0, reactArchived, hour, slack.ErrIsArchived},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newReactWorkspace(t, slacktest.BotToken,
				slacktest.WithClock(func() time.Time { return time.Now().Add(tt.clock) }))
			_, err := c.Chat.ScheduleMessage(t.Context(), tt.channel, tt.postAt, text)
			se := assertCode(t, err, tt.want)
			if se.Method != "chat.scheduleMessage" {
				t.Errorf("Method %q", se.Method)
			}
			if n := len(srv.ScheduledMessages()); n != 0 {
				t.Errorf("%d messages scheduled after a refusal", n)
			}
		})
	}
}

func TestChatDeleteScheduledMessage(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		ctx := t.Context()
		at := time.Now().Add(time.Hour)
		keep, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, at, &slack.ChatScheduleMessageParams{Text: "kept"})
		if err != nil {
			t.Fatal(err)
		}
		drop, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, at, &slack.ChatScheduleMessageParams{Text: "dropped"})
		if err != nil {
			t.Fatal(err)
		}

		if err := c.Chat.DeleteScheduledMessage(ctx, slacktest.GeneralID, drop.ScheduledMessageID, nil); err != nil {
			t.Fatal(err)
		}
		chatForm(t, chatWire(t, srv, "chat.deleteScheduledMessage", slacktest.BotToken), map[string]string{
			"channel": slacktest.GeneralID, "scheduled_message_id": drop.ScheduledMessageID})
		if pending := srv.ScheduledMessages(); len(pending) != 1 || pending[0].ID != keep.ScheduledMessageID {
			t.Fatalf("pending after the delete: %+v", pending)
		}
		err = c.Chat.DeleteScheduledMessage(ctx, slacktest.GeneralID, drop.ScheduledMessageID,
			&slack.ChatDeleteScheduledMessageParams{AsUser: true})
		assertCode(t, err, slack.ErrInvalidScheduledMessageID)
		if got := lastRequest(t, srv, "chat.deleteScheduledMessage").Form.Get("as_user"); got != "true" {
			t.Errorf("as_user=%q", got)
		}
		// Someone else's scheduled message, or one in another channel, is not the caller's to delete.
		alice := newClientFor(t, srv, slacktest.UserToken)
		assertCode(t, alice.Chat.DeleteScheduledMessage(ctx, slacktest.GeneralID, keep.ScheduledMessageID, nil),
			slack.ErrInvalidScheduledMessageID)
		assertCode(t, c.Chat.DeleteScheduledMessage(ctx, slacktest.RandomID, keep.ScheduledMessageID, nil),
			slack.ErrInvalidScheduledMessageID)

		time.Sleep(time.Hour)
		srv.AssertPosted(t, slacktest.GeneralID, "kept")
		srv.AssertNotPosted(t, slacktest.GeneralID, "dropped")
		// Once posted, it can no longer be deleted.
		assertCode(t, c.Chat.DeleteScheduledMessage(ctx, slacktest.GeneralID, keep.ScheduledMessageID, nil),
			slack.ErrInvalidScheduledMessageID)
	})
}

// scheduleSome schedules n messages from the client, the i-th i+1 hours from now, alternating between
// #general and #random, and returns their IDs in that order (soonest first).
func scheduleSome(t *testing.T, c *slack.Client, srv *slacktest.Server, n int) []string {
	t.Helper()
	var ids []string
	for i := range n {
		channel := []string{slacktest.GeneralID, slacktest.RandomID}[i%2]
		r, err := c.Chat.ScheduleMessage(t.Context(), channel, time.Now().Add(time.Duration(i+1)*time.Hour),
			&slack.ChatScheduleMessageParams{Text: "message " + strconv.Itoa(i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ScheduledMessageID)
	}
	srv.ResetRequests()
	return ids
}

// scheduledIDs returns the IDs of ms.
func scheduledIDs(ms []slack.ScheduledMessage) []string {
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

func TestChatListScheduledMessages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		ctx := t.Context()
		start := time.Now()
		ids := scheduleSome(t, c, srv, 4)

		page, err := c.Chat.ListScheduledMessages(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		chatForm(t, chatWire(t, srv, "chat.scheduledMessages.list", slacktest.BotToken), map[string]string{})
		if got := scheduledIDs(page.ScheduledMessages); !slices.Equal(got, ids) || page.NextCursor != "" {
			t.Fatalf("List returned %v (next %q), want %v", got, page.NextCursor, ids)
		}
		first := page.ScheduledMessages[0]
		want := slack.ScheduledMessage{ID: ids[0], ChannelID: slacktest.GeneralID, Text: "message 0",
			PostAt: slack.Time{Time: start.Add(time.Hour)}, DateCreated: slack.Time{Time: start}}
		if first.ID != want.ID || first.ChannelID != want.ChannelID || first.Text != want.Text ||
			!first.PostAt.Equal(want.PostAt.Time) || !first.DateCreated.Equal(want.DateCreated.Time) {
			t.Errorf("first: %+v, want %+v", first, want)
		}

		page, err = c.Chat.ListScheduledMessages(ctx, &slack.ChatListScheduledMessagesParams{Channel: slacktest.RandomID})
		if err != nil {
			t.Fatal(err)
		}
		if got := scheduledIDs(page.ScheduledMessages); !slices.Equal(got, []string{ids[1], ids[3]}) {
			t.Errorf("#random: %v, want %v", got, []string{ids[1], ids[3]})
		}

		oldest, latest := start.Add(2*time.Hour), start.Add(3*time.Hour)
		page, err = c.Chat.ListScheduledMessages(ctx, &slack.ChatListScheduledMessagesParams{Oldest: oldest, Latest: latest})
		if err != nil {
			t.Fatal(err)
		}
		chatForm(t, chatWire(t, srv, "chat.scheduledMessages.list", slacktest.BotToken), map[string]string{
			"oldest": strconv.FormatInt(oldest.Unix(), 10), "latest": strconv.FormatInt(latest.Unix(), 10)})
		if got := scheduledIDs(page.ScheduledMessages); !slices.Equal(got, ids[1:3]) {
			t.Errorf("from %v to %v: %v, want %v", oldest, latest, got, ids[1:3])
		}

		// alice scheduled nothing.
		page, err = newClientFor(t, srv, slacktest.UserToken).Chat.ListScheduledMessages(ctx, nil)
		if err != nil || len(page.ScheduledMessages) != 0 {
			t.Errorf("alice's: %+v, %v", page, err)
		}

		_, err = c.Chat.ListScheduledMessages(ctx, &slack.ChatListScheduledMessagesParams{Channel: "C0NOWHERE"})
		assertCode(t, err, slack.ErrInvalidChannel)
	})
}

func TestChatListScheduledMessagesAllPages(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		ids := scheduleSome(t, c, srv, 5)

		var got, cursors []string
		cursor := ""
		for range 10 {
			cursors = append(cursors, cursor)
			page, err := c.Chat.ListScheduledMessages(t.Context(), &slack.ChatListScheduledMessagesParams{Limit: 2, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.ScheduledMessages) > 2 {
				t.Fatalf("a page of %d for limit 2", len(page.ScheduledMessages))
			}
			got = append(got, scheduledIDs(page.ScheduledMessages)...)
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if !slices.Equal(got, ids) || len(cursors) != 3 {
			t.Fatalf("page by page: %v over %d pages, want %v over 3", got, len(cursors), ids)
		}
		srv.ResetRequests()

		params := &slack.ChatListScheduledMessagesParams{Limit: 2}
		ys := collect(t, c.Chat.ListScheduledMessagesAll(t.Context(), params), 100)
		if got := scheduledIDs(convValues(t, ys)); !slices.Equal(got, ids) {
			t.Errorf("ListScheduledMessagesAll yielded %v, want %v", got, ids)
		}
		if !reflect.DeepEqual(params, &slack.ChatListScheduledMessagesParams{Limit: 2}) {
			t.Errorf("ListScheduledMessagesAll changed the params to %+v", *params)
		}
		reqs := srv.Requests("chat.scheduledMessages.list")
		if len(reqs) != 3 {
			t.Fatalf("ListScheduledMessagesAll sent %d requests for 3 pages", len(reqs))
		}
		for i, r := range reqs {
			want := url.Values{"limit": {"2"}}
			if cursors[i] != "" {
				want.Set("cursor", cursors[i])
			}
			if !reflect.DeepEqual(r.Form, want) {
				t.Errorf("request %d sent %v, want %v", i, r.Form, want)
			}
		}

		// With a channel and no limit: the default page size, the channel on every page.
		ys = collect(t, c.Chat.ListScheduledMessagesAll(t.Context(), &slack.ChatListScheduledMessagesParams{Channel: slacktest.GeneralID}), 100)
		if got := scheduledIDs(convValues(t, ys)); !slices.Equal(got, []string{ids[0], ids[2], ids[4]}) {
			t.Errorf("#general: %v", got)
		}
		if r := lastRequest(t, srv, "chat.scheduledMessages.list"); r.Form.Get("limit") != "200" || r.Form.Get("channel") != slacktest.GeneralID {
			t.Errorf("sent %v", r.Form)
		}
	})
}

func TestChatListScheduledMessagesAllBreak(t *testing.T) {
	checkBreak(t, "chat.scheduledMessages.list", func() (iter.Seq2[slack.ScheduledMessage, error], *slacktest.Server) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		scheduleSome(t, c, srv, 5)
		return c.Chat.ListScheduledMessagesAll(t.Context(), &slack.ChatListScheduledMessagesParams{Limit: 2}), srv
	})
}

func TestChatListScheduledMessagesAllErrorMidway(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	scheduleSome(t, c, srv, 5)
	ys := convFailSecond(t, srv, "chat.scheduledMessages.list", "invalid_cursor",
		c.Chat.ListScheduledMessagesAll(t.Context(), &slack.ChatListScheduledMessagesParams{Limit: 2}))
	convCheckFailedSecond(t, srv, "chat.scheduledMessages.list", ys, 2, slack.ErrInvalidCursor)
}
