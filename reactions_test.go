package slack_test

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	const ts = "1648602352.215969"
	registerFixtures(map[string]fixtureCall{
		"reactions.add": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Reactions.Add(ctx, "C1", ts, "thumbsup")
		},
		"reactions.remove": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Reactions.Remove(ctx, "C1", ts, "thumbsup")
		},
		"reactions.get": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Reactions.Get(ctx, "C1", ts, nil)
		},
		"reactions.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Reactions.List(ctx, nil)
		},
	})
}

// The workspace of newReactWorkspace: the seeded one, plus these messages.
const (
	reactAliceTS  = "1700000101.000100" // alice's message in #general
	reactBobTS    = "1700000102.000100" // bob's message in #general
	reactRandomTS = "1700000103.000100" // alice's message in #random
	reactSecretTS = "1700000104.000100" // alice's message in #secret (the bot is a member, bob is not)
	reactOldTS    = "1700000105.000100" // alice's message in the archived #old-news
	reactArchived = "C0OLDNEWS"
	reactOutside  = "C0OUTSIDE" // a public channel of alice and bob that the bot is not in
	reactOutTS    = "1700000106.000100"
	reactBobToken = "xoxp-slacktest-0000000000-bob"
)

// newReactWorkspace is newClientFor token on a seeded workspace with a message each in #general (two),
// #random, #secret, an archived channel and a channel the bot is not in, and a token for bob; opts
// configure the fake. The setup sends no request.
func newReactWorkspace(t *testing.T, token string, opts ...slacktest.Option) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.NewT(t, opts...)
	srv.AddChannel(slacktest.Channel{ID: reactArchived, Name: "old-news", IsArchived: true,
		Members: []string{slacktest.AliceID, slacktest.BotUserID}})
	srv.AddChannel(slacktest.Channel{ID: reactOutside, Name: "outside",
		Members: []string{slacktest.AliceID, slacktest.BobID}})
	srv.AddToken(reactBobToken, slacktest.BobID)
	for _, m := range []slacktest.Message{
		{TS: reactAliceTS, Channel: slacktest.GeneralID, User: slacktest.AliceID, Text: "Deploy at noon"},
		{TS: reactBobTS, Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "lunch?"},
		{TS: reactRandomTS, Channel: slacktest.RandomID, User: slacktest.AliceID, Text: "cat pictures"},
		{TS: reactSecretTS, Channel: slacktest.SecretID, User: slacktest.AliceID, Text: "the plan"},
		{TS: reactOldTS, Channel: reactArchived, User: slacktest.AliceID, Text: "old news"},
		{TS: reactOutTS, Channel: reactOutside, User: slacktest.AliceID, Text: "outside"},
	} {
		srv.AddMessage(m)
	}
	return newClientFor(t, srv, token), srv
}

// storedMessage returns the fake's copy of the message with ts in channel.
func storedMessage(t *testing.T, srv *slacktest.Server, channel, ts string) slacktest.Message {
	t.Helper()
	for _, m := range srv.Messages(channel) {
		if m.TS == ts {
			return m
		}
	}
	t.Fatalf("%s holds no message %s", channel, ts)
	return slacktest.Message{}
}

// historyMessage reads the message with ts back through conversations.history, as a user of the SDK sees
// it.
func historyMessage(t *testing.T, c *slack.Client, channel, ts string) (slack.Message, *slack.HistoryResponse) {
	t.Helper()
	h, err := c.Conversations.History(t.Context(), channel, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range h.Messages {
		if m.TS == ts {
			return m, h
		}
	}
	t.Fatalf("the history of %s has no message %s", channel, ts)
	return slack.Message{}, nil
}

// wireForm checks how a call of method reached the fake (see checkWire) and that its form holds exactly
// want.
func wireForm(t *testing.T, srv *slacktest.Server, method, token string, want url.Values) {
	t.Helper()
	r := checkWire(t, srv, method, token)
	if !reflect.DeepEqual(r.Form, want) {
		t.Errorf("%s sent %v, want %v", method, r.Form, want)
	}
}

func TestReactionsAdd(t *testing.T) {
	bot, srv := newReactWorkspace(t, slacktest.BotToken)
	alice := newClientFor(t, srv, slacktest.UserToken)
	ctx := t.Context()

	if err := bot.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "thumbsup"); err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "reactions.add", slacktest.BotToken,
		url.Values{"channel": {slacktest.GeneralID}, "timestamp": {reactAliceTS}, "name": {"thumbsup"}})
	if err := alice.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "thumbsup"); err != nil {
		t.Fatal(err)
	}
	if err := alice.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "wave::skin-tone-3"); err != nil {
		t.Fatal(err)
	}

	want := []slacktest.Reaction{
		{Name: "thumbsup", Users: []string{slacktest.BotUserID, slacktest.AliceID}},
		{Name: "wave::skin-tone-3", Users: []string{slacktest.AliceID}},
	}
	if got := storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Reactions; !reflect.DeepEqual(got, want) {
		t.Errorf("the fake stored reactions %+v, want %+v", got, want)
	}
	m, _ := historyMessage(t, bot, slacktest.GeneralID, reactAliceTS)
	wantSeen := []slack.Reaction{
		{Name: "thumbsup", Count: 2, Users: []string{slacktest.BotUserID, slacktest.AliceID}},
		{Name: "wave::skin-tone-3", Count: 1, Users: []string{slacktest.AliceID}},
	}
	if !reflect.DeepEqual(m.Reactions, wantSeen) {
		t.Errorf("history shows reactions %+v, want %+v", m.Reactions, wantSeen)
	}
	if other, _ := historyMessage(t, bot, slacktest.GeneralID, reactBobTS); other.Reactions != nil {
		t.Errorf("a message nobody reacted to shows %+v", other.Reactions)
	}
}

func TestReactionsShowInReplies(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	reply := srv.AddMessage(slacktest.Message{Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "agreed",
		ThreadTS: reactAliceTS})
	if err := c.Reactions.Add(t.Context(), slacktest.GeneralID, reply.TS, "white_check_mark"); err != nil {
		t.Fatal(err)
	}
	r, err := c.Conversations.Replies(t.Context(), slacktest.GeneralID, reactAliceTS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Messages) != 2 || r.Messages[0].Reactions != nil {
		t.Fatalf("replies %+v", r.Messages)
	}
	want := []slack.Reaction{{Name: "white_check_mark", Count: 1, Users: []string{slacktest.BotUserID}}}
	if got := r.Messages[1].Reactions; !reflect.DeepEqual(got, want) {
		t.Errorf("the reply shows %+v, want %+v", got, want)
	}
}

func TestReactionsAddDocumentedErrors(t *testing.T) {
	tests := []struct {
		name            string
		channel, ts, em string
		want            slack.ErrorCode
	}{
		{"already reacted", slacktest.GeneralID, reactAliceTS, "eyes", slack.ErrAlreadyReacted},
		{"no such message", slacktest.GeneralID, "1700000999.000100", "eyes", slack.ErrMessageNotFound},
		{"not a timestamp", slacktest.GeneralID, "yesterday", "eyes", slack.ErrBadTimestamp},
		{"no such channel", "C0NOWHERE", reactAliceTS, "eyes", slack.ErrChannelNotFound},
		{"private channel of others", slacktest.SecretID, reactSecretTS, "eyes", slack.ErrChannelNotFound},
		{"name with colons", slacktest.GeneralID, reactAliceTS, ":eyes:", slack.ErrInvalidName},
		{"archived", reactArchived, reactOldTS, "eyes", slack.ErrIsArchived},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newReactWorkspace(t, reactBobToken)
			if err := c.Reactions.Add(t.Context(), slacktest.GeneralID, reactAliceTS, "eyes"); err != nil {
				t.Fatal(err)
			}
			before := storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Reactions
			err := c.Reactions.Add(t.Context(), tt.channel, tt.ts, tt.em)
			if tt.want == slack.ErrIsArchived {
				// bob is not in the archived channel: alice is.
				err = newClientFor(t, srv, slacktest.UserToken).Reactions.Add(t.Context(), tt.channel, tt.ts, tt.em)
			}
			se := assertCode(t, err, tt.want)
			if se.Method != "reactions.add" {
				t.Errorf("Method %q", se.Method)
			}
			if got := storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Reactions; !reflect.DeepEqual(got, before) {
				t.Errorf("a refused reaction changed the reactions to %+v", got)
			}
		})
	}
}

func TestReactionsAddLimits(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	for i := range 23 {
		if err := c.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "e"+string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
	}
	assertCode(t, c.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "one_too_many"), slack.ErrTooManyReactions)

	// 23 distinct emoji each from the bot and alice, and 4 from bob, make Slack's 50.
	alice, bob := newClientFor(t, srv, slacktest.UserToken), newClientFor(t, srv, reactBobToken)
	for i := range 23 {
		if err := alice.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "f"+string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 4 {
		if err := bob.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "g"+string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
	}
	assertCode(t, bob.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "fifty_first"), slack.ErrTooManyEmoji)
	if err := bob.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "ea"); err != nil {
		t.Errorf("joining an existing reaction past 50 emoji: %v", err)
	}
	if n := len(storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Reactions); n != 50 {
		t.Errorf("%d distinct reactions stored, want 50", n)
	}
}

func TestReactionsRemove(t *testing.T) {
	bot, srv := newReactWorkspace(t, slacktest.BotToken)
	alice := newClientFor(t, srv, slacktest.UserToken)
	ctx := t.Context()
	for _, c := range []*slack.Client{bot, alice} {
		if err := c.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "tada"); err != nil {
			t.Fatal(err)
		}
	}

	if err := bot.Reactions.Remove(ctx, slacktest.GeneralID, reactAliceTS, "tada"); err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "reactions.remove", slacktest.BotToken,
		url.Values{"channel": {slacktest.GeneralID}, "timestamp": {reactAliceTS}, "name": {"tada"}})
	want := []slacktest.Reaction{{Name: "tada", Users: []string{slacktest.AliceID}}}
	if got := storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Reactions; !reflect.DeepEqual(got, want) {
		t.Errorf("after the bot's removal: %+v, want %+v", got, want)
	}

	// The bot's reaction is gone: removing it again is Slack's no_reaction.
	assertCode(t, bot.Reactions.Remove(ctx, slacktest.GeneralID, reactAliceTS, "tada"), slack.ErrNoReaction)
	assertCode(t, bot.Reactions.Remove(ctx, slacktest.GeneralID, reactAliceTS, "unknown"), slack.ErrNoReaction)

	if err := alice.Reactions.Remove(ctx, slacktest.GeneralID, reactAliceTS, "tada"); err != nil {
		t.Fatal(err)
	}
	if got := storedMessage(t, srv, slacktest.GeneralID, reactAliceTS).Reactions; len(got) != 0 {
		t.Errorf("after both removals: %+v", got)
	}
	if m, _ := historyMessage(t, bot, slacktest.GeneralID, reactAliceTS); m.Reactions != nil {
		t.Errorf("history still shows %+v", m.Reactions)
	}
}

func TestReactionsGet(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	if err := c.Reactions.Add(ctx, slacktest.RandomID, reactRandomTS, "heart_eyes"); err != nil {
		t.Fatal(err)
	}

	got, err := c.Reactions.Get(ctx, slacktest.RandomID, reactRandomTS, &slack.ReactionsGetParams{Full: true})
	if err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "reactions.get", slacktest.BotToken,
		url.Values{"channel": {slacktest.RandomID}, "timestamp": {reactRandomTS}, "full": {"true"}})
	if got.Type != "message" || got.Channel != slacktest.RandomID || got.Message.TS != reactRandomTS ||
		got.Message.Text != "cat pictures" || got.Message.User != slacktest.AliceID {
		t.Errorf("Get returned %+v", got)
	}
	want := []slack.Reaction{{Name: "heart_eyes", Count: 1, Users: []string{slacktest.BotUserID}}}
	if !reflect.DeepEqual(got.Message.Reactions, want) {
		t.Errorf("reactions %+v, want %+v", got.Message.Reactions, want)
	}
	if got.Message.Permalink == "" {
		t.Error("no permalink")
	}

	// nil params send only the message.
	if _, err := c.Reactions.Get(ctx, slacktest.GeneralID, reactBobTS, nil); err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "reactions.get", slacktest.BotToken,
		url.Values{"channel": {slacktest.GeneralID}, "timestamp": {reactBobTS}})

	_, err = c.Reactions.Get(ctx, slacktest.GeneralID, "1700000999.000100", nil)
	assertCode(t, err, slack.ErrMessageNotFound)
}

// reactOnAll makes the client react with "+1" to n new messages of alice's, one a second, alternating
// between #general and #random, and returns their (channel, ts) pairs newest first, as reactions.list
// answers them.
func reactOnAll(t *testing.T, c *slack.Client, srv *slacktest.Server, n int) [][2]string {
	t.Helper()
	var items [][2]string
	for i := range n {
		channel := []string{slacktest.GeneralID, slacktest.RandomID}[i%2]
		ts := "17000002" + string(rune('0'+i/10)) + string(rune('0'+i%10)) + ".000100"
		srv.AddMessage(slacktest.Message{TS: ts, Channel: channel, User: slacktest.AliceID, Text: "item " + ts})
		if err := c.Reactions.Add(t.Context(), channel, ts, "+1"); err != nil {
			t.Fatal(err)
		}
		items = append(items, [2]string{channel, ts})
	}
	slices.Reverse(items)
	srv.ResetRequests()
	return items
}

// reactedItems returns the (channel, ts) pairs of items.
func reactedItems(items []slack.ReactedItem) [][2]string {
	var out [][2]string
	for _, it := range items {
		out = append(out, [2]string{it.Channel, it.Message.TS})
	}
	return out
}

func TestReactionsList(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	want := reactOnAll(t, c, srv, 3)

	page, err := c.Reactions.List(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "reactions.list", slacktest.BotToken, url.Values{})
	if got := reactedItems(page.Items); !slices.Equal(got, want) || page.NextCursor != "" {
		t.Fatalf("List returned %v (next %q), want %v on one page", got, page.NextCursor, want)
	}
	first := page.Items[0]
	if first.Type != "message" || first.Message.Text != "item "+want[0][1] ||
		!reflect.DeepEqual(first.Message.Reactions, []slack.Reaction{{Name: "+1", Count: 1, Users: []string{slacktest.BotUserID}}}) {
		t.Errorf("first item %+v", first)
	}

	// Another user's reactions: alice has none, bob one.
	bob := newClientFor(t, srv, reactBobToken)
	if err := bob.Reactions.Add(t.Context(), slacktest.GeneralID, reactAliceTS, "eyes"); err != nil {
		t.Fatal(err)
	}
	page, err = c.Reactions.List(t.Context(), &slack.ReactionsListParams{User: slacktest.BobID, Full: true})
	if err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "reactions.list", slacktest.BotToken, url.Values{"user": {slacktest.BobID}, "full": {"true"}})
	if got := reactedItems(page.Items); !slices.Equal(got, [][2]string{{slacktest.GeneralID, reactAliceTS}}) {
		t.Errorf("bob's reactions: %v", got)
	}

	_, err = c.Reactions.List(t.Context(), &slack.ReactionsListParams{User: "U0NOBODY"})
	assertCode(t, err, slack.ErrUserNotFound)
}

func TestReactionsListAllPages(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	want := reactOnAll(t, c, srv, 5)

	// Page by page: 2, 2, 1.
	var got [][2]string
	var cursors []string
	cursor := ""
	for range 10 {
		cursors = append(cursors, cursor)
		page, err := c.Reactions.List(t.Context(), &slack.ReactionsListParams{Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) > 2 {
			t.Fatalf("a page of %d for limit 2", len(page.Items))
		}
		got = append(got, reactedItems(page.Items)...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if !slices.Equal(got, want) || len(cursors) != 3 {
		t.Fatalf("page by page: %v over %d pages, want %v over 3", got, len(cursors), want)
	}
	srv.ResetRequests()

	params := &slack.ReactionsListParams{Limit: 2}
	ys := collect(t, c.Reactions.ListAll(t.Context(), params), 100)
	if got := reactedItems(convValues(t, ys)); !slices.Equal(got, want) {
		t.Errorf("ListAll yielded %v, want %v", got, want)
	}
	if !reflect.DeepEqual(params, &slack.ReactionsListParams{Limit: 2}) {
		t.Errorf("ListAll changed the params to %+v", *params)
	}
	reqs := srv.Requests("reactions.list")
	if len(reqs) != 3 {
		t.Fatalf("ListAll sent %d requests for 3 pages", len(reqs))
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

	// Resuming at a cursor starts there.
	ys = collect(t, c.Reactions.ListAll(t.Context(), &slack.ReactionsListParams{Limit: 2, Cursor: cursors[2]}), 100)
	if got := reactedItems(convValues(t, ys)); !slices.Equal(got, want[4:]) {
		t.Errorf("ListAll from the last cursor yielded %v, want %v", got, want[4:])
	}
}

func TestReactionsListAllDefaultLimit(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	want := reactOnAll(t, c, srv, 3)
	ys := collect(t, c.Reactions.ListAll(t.Context(), nil), 100)
	if got := reactedItems(convValues(t, ys)); !slices.Equal(got, want) {
		t.Errorf("ListAll yielded %v, want %v", got, want)
	}
	if got := lastRequest(t, srv, "reactions.list").Form.Get("limit"); got != "200" {
		t.Errorf("limit=%q, want 200", got)
	}
}

func TestReactionsListAllBreak(t *testing.T) {
	checkBreak(t, "reactions.list", func() (iter.Seq2[slack.ReactedItem, error], *slacktest.Server) {
		c, srv := newReactWorkspace(t, slacktest.BotToken)
		reactOnAll(t, c, srv, 5)
		return c.Reactions.ListAll(t.Context(), &slack.ReactionsListParams{Limit: 2}), srv
	})
}

func TestReactionsListAllErrorMidway(t *testing.T) {
	c, srv := newReactWorkspace(t, slacktest.BotToken)
	reactOnAll(t, c, srv, 5)
	ys := convFailSecond(t, srv, "reactions.list", "invalid_cursor",
		c.Reactions.ListAll(t.Context(), &slack.ReactionsListParams{Limit: 2}))
	convCheckFailedSecond(t, srv, "reactions.list", ys, 2, slack.ErrInvalidCursor)
}

func TestReactionsNeedTheirScopes(t *testing.T) {
	_, srv := newReactWorkspace(t, slacktest.BotToken)
	srv.SetToken(slacktest.Token{Value: "xoxb-reader", User: slacktest.BotUserID, Scopes: []string{"reactions:read"}})
	c := newClientFor(t, srv, "xoxb-reader")
	se := assertCode(t, c.Reactions.Add(t.Context(), slacktest.GeneralID, reactAliceTS, "eyes"), slack.ErrMissingScope)
	if se.Needed != "reactions:write" {
		t.Errorf("Needed %q, want reactions:write", se.Needed)
	}
	if _, err := c.Reactions.Get(t.Context(), slacktest.GeneralID, reactAliceTS, nil); err != nil {
		t.Errorf("reactions.get with reactions:read: %v", err)
	}
}

func TestReactionsRefuseBadArgumentsBeforeSending(t *testing.T) {
	tests := []struct {
		name     string
		call     func(context.Context, *slack.Client) error
		argument string
	}{
		{"add/no channel", func(ctx context.Context, c *slack.Client) error {
			return c.Reactions.Add(ctx, "", reactAliceTS, "eyes")
		}, "channel"},
		{"add/no timestamp", func(ctx context.Context, c *slack.Client) error {
			return c.Reactions.Add(ctx, slacktest.GeneralID, " ", "eyes")
		}, "timestamp"},
		{"add/no name", func(ctx context.Context, c *slack.Client) error {
			return c.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "")
		}, "name"},
		{"remove/no name", func(ctx context.Context, c *slack.Client) error {
			return c.Reactions.Remove(ctx, slacktest.GeneralID, reactAliceTS, "")
		}, "name"},
		{"remove/no channel", func(ctx context.Context, c *slack.Client) error {
			return c.Reactions.Remove(ctx, "", reactAliceTS, "eyes")
		}, "channel"},
		{"get/no timestamp", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Reactions.Get(ctx, slacktest.GeneralID, "", nil)
			return err
		}, "timestamp"},
		{"list/limit too large", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Reactions.List(ctx, &slack.ReactionsListParams{Limit: 1001})
			return err
		}, "limit"},
		{"listAll/negative limit", func(ctx context.Context, c *slack.Client) error {
			for _, err := range c.Reactions.ListAll(ctx, &slack.ReactionsListParams{Limit: -1}) {
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

// TestReactionsPinsSchedulingBookmarksRetryOnlyReads: after a 503, the reads of reactions, pins, scheduled
// messages and bookmarks are retried; their writes are not, so nothing is done twice.
func TestReactionsPinsSchedulingBookmarksRetryOnlyReads(t *testing.T) {
	link := &slack.BookmarksAddParams{Link: "https://example.com"}
	tests := []struct {
		method string
		call   func(ctx context.Context, c *slack.Client) error
		retry  bool
	}{
		{"reactions.get", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Reactions.Get(ctx, slacktest.GeneralID, reactAliceTS, nil)
			return err
		}, true},
		{"reactions.list", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Reactions.List(ctx, nil)
			return err
		}, true},
		{"pins.list", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Pins.List(ctx, slacktest.GeneralID)
			return err
		}, true},
		{"chat.scheduledMessages.list", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ListScheduledMessages(ctx, nil)
			return err
		}, true},
		{"bookmarks.list", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.List(ctx, slacktest.GeneralID)
			return err
		}, true},
		{"reactions.add", func(ctx context.Context, c *slack.Client) error {
			return c.Reactions.Add(ctx, slacktest.GeneralID, reactAliceTS, "eyes")
		}, false},
		{"pins.add", func(ctx context.Context, c *slack.Client) error {
			return c.Pins.Add(ctx, slacktest.GeneralID, reactAliceTS)
		}, false},
		{"chat.scheduleMessage", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.ScheduleMessage(ctx, slacktest.GeneralID, time.Now().Add(time.Hour),
				&slack.ChatScheduleMessageParams{Text: "once"})
			return err
		}, false},
		{"chat.deleteScheduledMessage", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.DeleteScheduledMessage(ctx, slacktest.GeneralID, "Q1", nil)
		}, false},
		{"bookmarks.add", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Add(ctx, slacktest.GeneralID, "Docs", slack.BookmarkTypeLink, link)
			return err
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, srv := newReactWorkspace(t, slacktest.BotToken)
				srv.Inject(tt.method, slacktest.HTMLError(http.StatusServiceUnavailable))
				err := tt.call(t.Context(), c)
				n := srv.Count(tt.method)
				if tt.retry {
					if err != nil || n != 2 {
						t.Errorf("after a 503: error %v after %d requests, want success after 2", err, n)
					}
					return
				}
				se := assertCode(t, err, slack.ErrHTTPError)
				if se.StatusCode != http.StatusServiceUnavailable || n != 1 {
					t.Errorf("a write after a 503: status %d after %d requests, want 503 after 1", se.StatusCode, n)
				}
			})
		})
	}
}
