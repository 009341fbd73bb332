package slacktest_test

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goslack/slack/slacktest"
)

// reactedSeed is a message in #general with a reaction of bob's and carol's and alice's pin.
var reactedSeed = slacktest.Seed{Messages: []slacktest.Message{{
	Channel: slacktest.GeneralID, TS: "1700000100.000100", User: slacktest.AliceID, Text: "ship it",
	Reactions: []slacktest.Reaction{{Name: "rocket", Users: []string{slacktest.BobID, slacktest.CarolID}}},
	Pin:       &slacktest.Pin{By: slacktest.AliceID, Created: 1700000200},
}}}

// TestReactionsAndPinsShowInHistory: reactions and pins seeded on a message reach conversations.history
// in Slack's shape (reactions with name, users and count; pinned_to; the channel's pin_count), and a
// snapshot keeps them.
func TestReactionsAndPinsShowInHistory(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.WithSeed(reactedSeed))
	got := call(t, srv, slacktest.BotToken, "conversations.history", form("channel", slacktest.GeneralID), nil)
	msgs, _ := got["messages"].([]any)
	if len(msgs) != 1 || got["pin_count"] != float64(1) {
		t.Fatalf("history: %v", got)
	}
	m := msgs[0].(map[string]any)
	wantReactions := []any{map[string]any{"name": "rocket", "users": []any{slacktest.BobID, slacktest.CarolID}, "count": float64(2)}}
	if !reflect.DeepEqual(m["reactions"], wantReactions) {
		t.Errorf("reactions %v, want %v", m["reactions"], wantReactions)
	}
	if !reflect.DeepEqual(m["pinned_to"], []any{slacktest.GeneralID}) {
		t.Errorf("pinned_to %v", m["pinned_to"])
	}

	snap := srv.Snapshot()
	again := slacktest.NewT(t, slacktest.Empty(), slacktest.WithSeed(snap))
	if got, want := again.Messages(slacktest.GeneralID), srv.Messages(slacktest.GeneralID); !reflect.DeepEqual(got, want) {
		t.Errorf("a workspace loaded from the snapshot holds %+v, want %+v", got, want)
	}
}

// TestSeedRefusesReactionsAndPinsByNoUser: a reaction or a pin by someone who is no user is a wrong
// reference, and the seed changes nothing.
func TestSeedRefusesReactionsAndPinsByNoUser(t *testing.T) {
	srv := slacktest.NewT(t)
	for _, m := range []slacktest.Message{
		{Channel: slacktest.GeneralID, TS: "1700000100.000100", Text: "x",
			Reactions: []slacktest.Reaction{{Name: "eyes", Users: []string{slacktest.BobID, "U0NOBODY"}}}},
		{Channel: slacktest.GeneralID, TS: "1700000100.000100", Text: "x", Pin: &slacktest.Pin{By: "U0NOBODY"}},
	} {
		err := srv.Load(slacktest.Seed{Messages: []slacktest.Message{m}})
		if err == nil || !strings.Contains(err.Error(), "U0NOBODY") {
			t.Errorf("Load: %v, want an error naming U0NOBODY", err)
		}
	}
	if got := srv.Messages(slacktest.GeneralID); len(got) != 0 {
		t.Errorf("a refused seed stored %+v", got)
	}
}

// TestReactionsAndPinsAreCopied: what AddMessage is given and what Messages returns share nothing with
// the stored message.
func TestReactionsAndPinsAreCopied(t *testing.T) {
	srv := slacktest.NewT(t)
	in := reactedSeed.Messages[0]
	in.Reactions = []slacktest.Reaction{{Name: "rocket", Users: []string{slacktest.BobID}}}
	in.Pin = &slacktest.Pin{By: slacktest.AliceID, Created: 1}
	srv.AddMessage(in)
	in.Reactions[0].Users[0], in.Pin.By = "changed", "changed"

	out := srv.Messages(slacktest.GeneralID)[0]
	if out.Reactions[0].Users[0] != slacktest.BobID || out.Pin.By != slacktest.AliceID {
		t.Fatalf("the stored message follows the caller's changes: %+v", out)
	}
	out.Reactions[0].Users[0], out.Pin.By = "changed", "changed"
	if again := srv.Messages(slacktest.GeneralID)[0]; again.Reactions[0].Users[0] != slacktest.BobID || again.Pin.By != slacktest.AliceID {
		t.Errorf("a copy from Messages shares the stored reactions or pin: %+v", again)
	}
}

// manualClock is a clock a test moves by hand.
type manualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *manualClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestScheduledMessagesFollowTheClock: a scheduled message is posted once the workspace's clock reaches
// post_at, at the first read of the workspace after that (here without any request), with a ts in the
// second it was due even if the clock has gone further; until then it is pending and listed.
func TestScheduledMessagesFollowTheClock(t *testing.T) {
	clock := &manualClock{now: time.Unix(1800000000, 0)}
	srv := slacktest.NewT(t, slacktest.WithClock(clock.Now))
	postAt := clock.Now().Add(time.Minute).Unix()
	got := call(t, srv, slacktest.BotToken, "chat.scheduleMessage", form("channel", slacktest.RandomID,
		"post_at", strconv.FormatInt(postAt, 10), "text", "standup"), nil)
	if got["ok"] != true || got["post_at"] != strconv.FormatInt(postAt, 10) {
		t.Fatalf("chat.scheduleMessage: %v", got)
	}
	list := call(t, srv, slacktest.BotToken, "chat.scheduledMessages.list", nil, nil)
	if items, _ := list["scheduled_messages"].([]any); len(items) != 1 ||
		items[0].(map[string]any)["id"] != got["scheduled_message_id"] {
		t.Fatalf("chat.scheduledMessages.list: %v", list)
	}

	clock.Add(59 * time.Second)
	if msgs := srv.Messages(slacktest.RandomID); len(msgs) != 0 {
		t.Fatalf("posted a second early: %+v", msgs)
	}
	n := srv.Count()
	clock.Add(time.Hour)
	msgs := srv.Messages(slacktest.RandomID)
	if len(msgs) != 1 || msgs[0].Text != "standup" || msgs[0].User != slacktest.BotUserID {
		t.Fatalf("after post_at: %+v", msgs)
	}
	if !strings.HasPrefix(msgs[0].TS, strconv.FormatInt(postAt, 10)+".") {
		t.Errorf("ts %s, want one in the second %d", msgs[0].TS, postAt)
	}
	if srv.Count() != n {
		t.Error("the state read sent a request")
	}
	if pending := srv.ScheduledMessages(); len(pending) != 0 {
		t.Errorf("still pending: %+v", pending)
	}
}
