package slack_test

import (
	"context"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	const ts = "1508197641.000151"
	registerFixtures(map[string]fixtureCall{
		"pins.add": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Pins.Add(ctx, "C1", ts)
		},
		"pins.remove": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Pins.Remove(ctx, "C1", ts)
		},
		"pins.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Pins.List(ctx, "C1")
		},
	})
}

// newPinWorkspace is newReactWorkspace with a clock that starts at pinStart and moves a minute at every
// reading, so that pins made one after the other have distinct times.
func newPinWorkspace(t *testing.T, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	now := pinStart
	return newReactWorkspace(t, token, slacktest.WithClock(func() time.Time { now = now.Add(time.Minute); return now }))
}

// pinStart is when the clock of newPinWorkspace starts.
var pinStart = time.Unix(1700001000, 0)

func TestPinsAdd(t *testing.T) {
	c, srv := newPinWorkspace(t, slacktest.BotToken)

	if err := c.Pins.Add(t.Context(), slacktest.GeneralID, reactAliceTS); err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "pins.add", slacktest.BotToken,
		url.Values{"channel": {slacktest.GeneralID}, "timestamp": {reactAliceTS}})
	pin := storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Pin
	if pin == nil || pin.By != slacktest.BotUserID || pin.Created <= pinStart.Unix() {
		t.Fatalf("the fake stored the pin %+v", pin)
	}

	m, h := historyMessage(t, c, slacktest.GeneralID, reactAliceTS)
	if !reflect.DeepEqual(m.PinnedTo, []string{slacktest.GeneralID}) {
		t.Errorf("history shows PinnedTo %v, want [%s]", m.PinnedTo, slacktest.GeneralID)
	}
	if h.PinCount != 1 {
		t.Errorf("PinCount %d, want 1", h.PinCount)
	}
	if other, _ := historyMessage(t, c, slacktest.GeneralID, reactBobTS); other.PinnedTo != nil {
		t.Errorf("an unpinned message shows PinnedTo %v", other.PinnedTo)
	}
}

func TestPinsAddDocumentedErrors(t *testing.T) {
	tests := []struct {
		name        string
		channel, ts string
		want        slack.ErrorCode
	}{
		{"already pinned", slacktest.GeneralID, reactBobTS, slack.ErrAlreadyPinned},
		{"no such message", slacktest.GeneralID, "1700000999.000100", slack.ErrMessageNotFound},
		{"no such channel", "C0NOWHERE", reactBobTS, slack.ErrChannelNotFound},
		{"not a member", reactOutside, reactOutTS, slack.ErrNotInChannel},
		{"not a timestamp", slacktest.GeneralID, "noon", slack.ErrBadTimestamp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newPinWorkspace(t, slacktest.BotToken)
			if err := c.Pins.Add(t.Context(), slacktest.GeneralID, reactBobTS); err != nil {
				t.Fatal(err)
			}
			assertCode(t, c.Pins.Add(t.Context(), tt.channel, tt.ts), tt.want)
			items, err := c.Pins.List(t.Context(), slacktest.GeneralID)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != 1 {
				t.Errorf("a refused pin left %d pins", len(items))
			}
		})
	}
}

func TestPinsRemove(t *testing.T) {
	c, srv := newPinWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	if err := c.Pins.Add(ctx, slacktest.GeneralID, reactAliceTS); err != nil {
		t.Fatal(err)
	}

	if err := c.Pins.Remove(ctx, slacktest.GeneralID, reactAliceTS); err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "pins.remove", slacktest.BotToken,
		url.Values{"channel": {slacktest.GeneralID}, "timestamp": {reactAliceTS}})
	if pin := storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Pin; pin != nil {
		t.Errorf("the fake still holds the pin %+v", pin)
	}
	if m, h := historyMessage(t, c, slacktest.GeneralID, reactAliceTS); m.PinnedTo != nil || h.PinCount != 0 {
		t.Errorf("history shows PinnedTo %v and PinCount %d", m.PinnedTo, h.PinCount)
	}

	assertCode(t, c.Pins.Remove(ctx, slacktest.GeneralID, reactAliceTS), slack.ErrNoPin)
	assertCode(t, c.Pins.Remove(ctx, slacktest.GeneralID, "1700000999.000100"), slack.ErrMessageNotFound)
}

func TestPinsList(t *testing.T) {
	c, srv := newPinWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	alice := newClientFor(t, srv, slacktest.UserToken)
	if err := c.Pins.Add(ctx, slacktest.GeneralID, reactBobTS); err != nil {
		t.Fatal(err)
	}
	if err := alice.Pins.Add(ctx, slacktest.GeneralID, reactAliceTS); err != nil {
		t.Fatal(err)
	}
	if err := c.Pins.Add(ctx, slacktest.RandomID, reactRandomTS); err != nil {
		t.Fatal(err)
	}

	items, err := c.Pins.List(ctx, slacktest.GeneralID)
	if err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "pins.list", slacktest.BotToken, url.Values{"channel": {slacktest.GeneralID}})
	if len(items) != 2 {
		t.Fatalf("%d items, want the 2 pinned in #general: %+v", len(items), items)
	}
	// Most recently pinned first: alice's pin, then the bot's.
	for i, want := range []struct{ ts, by, text string }{
		{reactAliceTS, slacktest.AliceID, "Deploy at noon"},
		{reactBobTS, slacktest.BotUserID, "lunch?"},
	} {
		it := items[i]
		stored := storedMessage(t, srv, slacktest.GeneralID, want.ts).Pin
		if it.Type != "message" || it.Channel != slacktest.GeneralID || it.CreatedBy != want.by ||
			it.Message.TS != want.ts || it.Message.Text != want.text || it.Created.Unix() != stored.Created ||
			!reflect.DeepEqual(it.Message.PinnedTo, []string{slacktest.GeneralID}) || it.Message.Permalink == "" {
			t.Errorf("item %d: %+v, want %s pinned by %s at %d", i, it, want.ts, want.by, stored.Created)
		}
	}

	empty, err := c.Pins.List(ctx, slacktest.SecretID)
	if err != nil || len(empty) != 0 {
		t.Errorf("a conversation without pins: %v, %v", empty, err)
	}
	_, err = c.Pins.List(ctx, "C0NOWHERE")
	assertCode(t, err, slack.ErrChannelNotFound)
}

func TestPinsNeedTheirScopes(t *testing.T) {
	_, srv := newPinWorkspace(t, slacktest.BotToken)
	srv.SetToken(slacktest.Token{Value: "xoxb-pinreader", User: slacktest.BotUserID, Scopes: []string{"pins:read"}})
	c := newClientFor(t, srv, "xoxb-pinreader")
	se := assertCode(t, c.Pins.Add(t.Context(), slacktest.GeneralID, reactAliceTS), slack.ErrMissingScope)
	if se.Needed != "pins:write" {
		t.Errorf("Needed %q, want pins:write", se.Needed)
	}
	if _, err := c.Pins.List(t.Context(), slacktest.GeneralID); err != nil {
		t.Errorf("pins.list with pins:read: %v", err)
	}
}

func TestPinsRefuseBadArgumentsBeforeSending(t *testing.T) {
	tests := []struct {
		name     string
		call     func(context.Context, *slack.Client) error
		argument string
	}{
		{"add/no channel", func(ctx context.Context, c *slack.Client) error {
			return c.Pins.Add(ctx, "", reactAliceTS)
		}, "channel"},
		{"add/no timestamp", func(ctx context.Context, c *slack.Client) error {
			return c.Pins.Add(ctx, slacktest.GeneralID, "")
		}, "timestamp"},
		{"remove/no timestamp", func(ctx context.Context, c *slack.Client) error {
			return c.Pins.Remove(ctx, slacktest.GeneralID, " ")
		}, "timestamp"},
		{"list/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Pins.List(ctx, "")
			return err
		}, "channel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newPinWorkspace(t, slacktest.BotToken)
			assertNothingSent(t, srv, tt.call(t.Context(), c), tt.argument)
		})
	}
}
