package slack_test

import (
	"context"
	"fmt"
	"iter"
	"mime"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	const ts = "1358546515.000008"
	registerFixtures(map[string]fixtureCall{
		"im.close": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.IM.Close(ctx, "D947RLWRX")
		},
		"im.open": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.IM.Open(ctx, "U0G9QF9C6", nil)
		},
		"im.mark": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.IM.Mark(ctx, "D947RLWRX", ts)
		},
		"im.history": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.IM.History(ctx, "D947RLWRX", nil)
		},
		"im.replies": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.IM.Replies(ctx, "D947RLWRX", ts)
		},
		"im.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.IM.List(ctx, nil)
		},
	})
}

// The IMs of newIMWorkspace.
const (
	imAliceID = "D0ALICE" // the bot's open IM with alice
	imBobID   = "D0BOB"   // the bot's closed IM with bob
	imOtherID = "D0OTHER" // an IM of alice and bob, which the bot cannot see
)

// newIMWorkspace is newClientFor the bot on a seeded workspace with the IMs above. The setup sends no
// request.
func newIMWorkspace(t *testing.T) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	srv.AddChannel(slacktest.Channel{ID: imAliceID, IsIM: true, IsPrivate: true, User: slacktest.AliceID,
		Members: []string{slacktest.BotUserID, slacktest.AliceID}, IsOpen: true})
	srv.AddChannel(slacktest.Channel{ID: imBobID, IsIM: true, IsPrivate: true, User: slacktest.BobID,
		Members: []string{slacktest.BotUserID, slacktest.BobID}})
	srv.AddChannel(slacktest.Channel{ID: imOtherID, IsIM: true, IsPrivate: true, User: slacktest.BobID,
		Members: []string{slacktest.AliceID, slacktest.BobID}, IsOpen: true})
	return legacyClient(t, srv, slacktest.BotToken), srv
}

// --- Helpers shared by the im.* and groups.* tests.

// legacyClient is newClientFor without the client's own rate limiting, so that the tests, which send
// more requests than a tier's burst, never wait.
func legacyClient(t *testing.T, srv *slacktest.Server, token string) *slack.Client {
	t.Helper()
	return newClientFor(t, srv, token, slack.WithRateLimiting(false))
}

// legacyWire checks how a call of method reached the fake (see checkWire) and that its form held exactly
// the fields of want, once each.
func legacyWire(t *testing.T, srv *slacktest.Server, method, token string, want map[string]string) {
	t.Helper()
	r := checkWire(t, srv, method, token)
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		t.Errorf("%s: Content-Type %q, want application/x-www-form-urlencoded", method, r.Header.Get("Content-Type"))
	}
	legacyForm(t, r, want)
}

// legacyForm checks that a request's form held exactly the fields of want, once each.
func legacyForm(t *testing.T, r slacktest.Request, want map[string]string) {
	t.Helper()
	for k, vs := range r.Form {
		w, wanted := want[k]
		switch {
		case !wanted:
			t.Errorf("%s: unexpected form field %s=%q", r.Method, k, vs)
		case len(vs) != 1:
			t.Errorf("%s: form field %s sent %d times: %q", r.Method, k, len(vs), vs)
		case vs[0] != w:
			t.Errorf("%s: form field %s=%q, want %q", r.Method, k, vs[0], w)
		}
	}
	for k := range want {
		if _, sent := r.Form[k]; !sent {
			t.Errorf("%s: form field %s is missing", r.Method, k)
		}
	}
}

// legacyIDs returns the IDs of conversations.
func legacyIDs(chs []slack.Conversation) []string {
	ids := make([]string, len(chs))
	for i, ch := range chs {
		ids[i] = ch.ID
	}
	return ids
}

// legacyTSs returns the timestamps of messages.
func legacyTSs(msgs []slack.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.TS
	}
	return out
}

// legacyAddMessages stores n messages from user in channel, one a minute from 1700001000, and returns
// their timestamps, oldest first.
func legacyAddMessages(srv *slacktest.Server, channel, user string, n int) []string {
	tss := make([]string, n)
	for i := range n {
		tss[i] = fmt.Sprintf("%d.000100", 1700001000+60*i)
		srv.AddMessage(slacktest.Message{TS: tss[i], Channel: channel, User: user, Text: fmt.Sprintf("message %d", i+1)})
	}
	return tss
}

// legacyNewestFirst returns tss reversed.
func legacyNewestFirst(tss []string) []string {
	out := slices.Clone(tss)
	slices.Reverse(out)
	return out
}

// legacyHistoryFamily is what the shared history tests need of im.history or groups.history.
type legacyHistoryFamily struct {
	method  string
	token   string
	channel string // a conversation the token's user reads, with no messages
	// newServer seeds a workspace in which channel exists.
	newServer func() *slacktest.Server
	history   func(ctx context.Context, c *slack.Client, channel string, p *slack.IMHistoryParams) (*slack.HistoryResponse, error)
	all       func(ctx context.Context, c *slack.Client, channel string, p *slack.IMHistoryParams) iter.Seq2[slack.Message, error]
}

var imHistoryFamily = legacyHistoryFamily{
	method: "im.history", token: slacktest.BotToken, channel: imAliceID,
	newServer: func() *slacktest.Server {
		srv := slacktest.New()
		srv.AddChannel(slacktest.Channel{ID: imAliceID, IsIM: true, IsPrivate: true, User: slacktest.AliceID,
			Members: []string{slacktest.BotUserID, slacktest.AliceID}, IsOpen: true})
		return srv
	},
	history: func(ctx context.Context, c *slack.Client, channel string, p *slack.IMHistoryParams) (*slack.HistoryResponse, error) {
		return c.IM.History(ctx, channel, p)
	},
	all: func(ctx context.Context, c *slack.Client, channel string, p *slack.IMHistoryParams) iter.Seq2[slack.Message, error] {
		return c.IM.HistoryAll(ctx, channel, p)
	},
}

// client returns the family's client of a new workspace holding n messages in its channel (timestamps
// oldest first).
func (f legacyHistoryFamily) client(t *testing.T, n int) (*slack.Client, *slacktest.Server, []string) {
	t.Helper()
	srv := f.newServer()
	tss := legacyAddMessages(srv, f.channel, slacktest.AliceID, n)
	return legacyClient(t, srv, f.token), srv, tss
}

// collectTSs ranges over a HistoryAll and returns the timestamps, failing on an error.
func (f legacyHistoryFamily) collectTSs(t *testing.T, seq iter.Seq2[slack.Message, error]) []string {
	t.Helper()
	var got []string
	for _, y := range collect(t, seq, 100) {
		if y.err != nil {
			t.Fatal(y.err)
		}
		got = append(got, y.v.TS)
	}
	return got
}

// checkRequests checks the form of every history request the fake received.
func (f legacyHistoryFamily) checkRequests(t *testing.T, srv *slacktest.Server, want []map[string]string) {
	t.Helper()
	reqs := srv.Requests(f.method)
	if len(reqs) != len(want) {
		t.Fatalf("%d %s requests, want %d", len(reqs), f.method, len(want))
	}
	for i, r := range reqs {
		w := map[string]string{"channel": f.channel}
		for k, v := range want[i] {
			w[k] = v
		}
		legacyForm(t, r, w)
	}
	checkWire(t, srv, f.method, f.token)
}

func legacyHistoryPage(t *testing.T, f legacyHistoryFamily) {
	c, srv, tss := f.client(t, 5)

	page, err := f.history(t.Context(), c, f.channel, &slack.IMHistoryParams{Count: 2})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, f.method, f.token, map[string]string{"channel": f.channel, "count": "2"})
	if got, want := legacyTSs(page.Messages), []string{tss[4], tss[3]}; !slices.Equal(got, want) || !page.HasMore {
		t.Errorf("page = %v (has_more %v), want %v (has_more true)", got, page.HasMore, want)
	}
	m := page.Messages[0]
	if m.Text != "message 5" || m.User != slacktest.AliceID || m.Type != "message" {
		t.Errorf("newest message = %+v, want alice's message 5", m)
	}
	if page.NextCursor != "" {
		t.Errorf("NextCursor %q: the legacy methods page by timestamp", page.NextCursor)
	}

	// The next page by hand: Latest is the oldest message seen, and it is not repeated.
	page, err = f.history(t.Context(), c, f.channel, &slack.IMHistoryParams{Latest: tss[3], Oldest: tss[0], Count: 5})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, f.method, f.token, map[string]string{"channel": f.channel, "latest": tss[3], "oldest": tss[0],
		"count": "5"})
	if got, want := legacyTSs(page.Messages), []string{tss[2], tss[1]}; !slices.Equal(got, want) || page.HasMore {
		t.Errorf("window (%s, %s) = %v (has_more %v), want %v (has_more false)", tss[0], tss[3], got, page.HasMore, want)
	}

	// Inclusive takes in both ends; Unreads is sent.
	page, err = f.history(t.Context(), c, f.channel, &slack.IMHistoryParams{Latest: tss[3], Oldest: tss[1],
		Inclusive: true, Unreads: true})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, f.method, f.token, map[string]string{"channel": f.channel, "latest": tss[3], "oldest": tss[1],
		"inclusive": "true", "unreads": "true"})
	if got, want := legacyTSs(page.Messages), []string{tss[3], tss[2], tss[1]}; !slices.Equal(got, want) {
		t.Errorf("inclusive window [%s, %s] = %v, want %v", tss[1], tss[3], got, want)
	}
	// Nothing is marked read, so alice's five messages are unread, except to alice herself.
	wantUnread := 5
	if f.token == slacktest.UserToken {
		wantUnread = 0
	}
	if page.UnreadCountDisplay != wantUnread {
		t.Errorf("UnreadCountDisplay = %d, want %d", page.UnreadCountDisplay, wantUnread)
	}

	// nil params: only the channel is sent.
	if _, err := f.history(t.Context(), c, f.channel, nil); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, f.method, f.token, map[string]string{"channel": f.channel})
}

func legacyHistoryErrors(t *testing.T, f legacyHistoryFamily) {
	c, srv, _ := f.client(t, 1)
	for _, tt := range []struct {
		name    string
		channel string
		params  *slack.IMHistoryParams
		want    slack.ErrorCode
	}{
		{"unknown channel", "D0NOPE", nil, slack.ErrChannelNotFound},
		{"public channel", slacktest.GeneralID, nil, slack.ErrChannelNotFound},
		{"bad latest", f.channel, &slack.IMHistoryParams{Latest: "yesterday"}, slack.ErrInvalidTSLatest},
		{"bad oldest", f.channel, &slack.IMHistoryParams{Oldest: "yesterday"}, slack.ErrInvalidTSOldest},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			_, err := f.history(t.Context(), c, tt.channel, tt.params)
			assertCode(t, err, tt.want)
			if n := srv.Count(f.method); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
	_, err := f.history(t.Context(), legacyClient(t, srv, "xoxb-unknown"), f.channel, nil)
	assertCode(t, err, slack.ErrInvalidAuth)
}

func legacyHistoryBadInput(t *testing.T, f legacyHistoryFamily) {
	for _, tt := range []struct {
		name     string
		channel  string
		params   *slack.IMHistoryParams
		argument string
	}{
		{"no channel", "", nil, "channel"},
		{"blank channel", " ", &slack.IMHistoryParams{Count: 10}, "channel"},
		{"negative count", f.channel, &slack.IMHistoryParams{Count: -1}, "count"},
		{"count over 1000", f.channel, &slack.IMHistoryParams{Count: 1001}, "count"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, srv, _ := f.client(t, 0)
			_, err := f.history(t.Context(), c, tt.channel, tt.params)
			assertNothingSent(t, srv, err, tt.argument)
			// The iterator refuses the same input when ranged, after sending nothing.
			ys := collect(t, f.all(t.Context(), c, tt.channel, tt.params), 5)
			if len(ys) != 1 {
				t.Fatalf("HistoryAll yielded %d values, want one error", len(ys))
			}
			assertNothingSent(t, srv, ys[0].err, tt.argument)
		})
	}
}

func legacyHistoryAllPages(t *testing.T, f legacyHistoryFamily) {
	c, srv, tss := f.client(t, 5)
	params := &slack.IMHistoryParams{Count: 2}
	before := *params

	got := f.collectTSs(t, f.all(t.Context(), c, f.channel, params))

	if want := legacyNewestFirst(tss); !slices.Equal(got, want) {
		t.Errorf("HistoryAll yielded %v, want %v", got, want)
	}
	// Each page ends at the oldest message of the one before; a page without has_more is the last.
	f.checkRequests(t, srv, []map[string]string{
		{"count": "2"},
		{"count": "2", "latest": tss[3]},
		{"count": "2", "latest": tss[1]},
	})
	if *params != before {
		t.Errorf("HistoryAll changed the params to %+v, from %+v", *params, before)
	}
}

func legacyHistoryAllEndsWithoutHasMore(t *testing.T, f legacyHistoryFamily) {
	// Four messages in pages of two: the second page is full but has_more is false, so no third request.
	c, srv, tss := f.client(t, 4)
	got := f.collectTSs(t, f.all(t.Context(), c, f.channel, &slack.IMHistoryParams{Count: 2}))
	if want := legacyNewestFirst(tss); !slices.Equal(got, want) {
		t.Errorf("HistoryAll yielded %v, want %v", got, want)
	}
	f.checkRequests(t, srv, []map[string]string{{"count": "2"}, {"count": "2", "latest": tss[2]}})
}

func legacyHistoryAllDefaults(t *testing.T, f legacyHistoryFamily) {
	c, srv, tss := f.client(t, 3)
	seq := f.all(t.Context(), c, f.channel, nil)
	if n := srv.Count(); n != 0 {
		t.Fatalf("HistoryAll sent %d requests before the loop started", n)
	}
	got := f.collectTSs(t, seq)
	if want := legacyNewestFirst(tss); !slices.Equal(got, want) {
		t.Errorf("HistoryAll yielded %v, want %v", got, want)
	}
	f.checkRequests(t, srv, []map[string]string{{"count": "200"}})

	// Ranging again starts again from the top.
	srv.ResetRequests()
	if got := f.collectTSs(t, seq); !slices.Equal(got, legacyNewestFirst(tss)) {
		t.Errorf("the second range yielded %v", got)
	}
	f.checkRequests(t, srv, []map[string]string{{"count": "200"}})
}

func legacyHistoryAllInclusive(t *testing.T, f legacyHistoryFamily) {
	c, srv, tss := f.client(t, 5)

	// Inclusive takes in the message at Latest on the first page; later pages must not repeat their
	// boundary, so they go without it.
	got := f.collectTSs(t, f.all(t.Context(), c, f.channel, &slack.IMHistoryParams{Latest: tss[3], Inclusive: true, Count: 2}))
	if want := legacyNewestFirst(tss[:4]); !slices.Equal(got, want) {
		t.Errorf("HistoryAll from %s inclusive yielded %v, want %v", tss[3], got, want)
	}
	f.checkRequests(t, srv, []map[string]string{
		{"count": "2", "latest": tss[3], "inclusive": "true"},
		{"count": "2", "latest": tss[2]},
	})

	// With Oldest, Inclusive must still take in the message at Oldest on the last page: later pages keep
	// it, ask for one more message, and drop the boundary.
	srv.ResetRequests()
	got = f.collectTSs(t, f.all(t.Context(), c, f.channel, &slack.IMHistoryParams{Oldest: tss[0], Inclusive: true, Count: 2}))
	if want := legacyNewestFirst(tss); !slices.Equal(got, want) {
		t.Errorf("HistoryAll from %s inclusive yielded %v, want %v", tss[0], got, want)
	}
	reqs := srv.Requests(f.method)
	if len(reqs) < 2 {
		t.Fatalf("%d requests, want at least 2", len(reqs))
	}
	// Given Oldest alone, Slack would answer the messages closest to it: the first page pins Latest ahead
	// of every message, so that pages run newest first.
	pinned := reqs[0].Form.Get("latest")
	if at, err := slack.ParseTS(pinned); err != nil || !at.After(time.Now()) {
		t.Errorf("first request latest=%q, want a timestamp ahead of now", pinned)
	}
	legacyForm(t, reqs[0], map[string]string{"channel": f.channel, "oldest": tss[0], "inclusive": "true", "count": "2",
		"latest": pinned})
	legacyForm(t, reqs[1], map[string]string{"channel": f.channel, "oldest": tss[0], "inclusive": "true", "count": "3",
		"latest": tss[3]})
}

func legacyHistoryAllBreak(t *testing.T, f legacyHistoryFamily) {
	checkBreak(t, f.method, func() (iter.Seq2[slack.Message, error], *slacktest.Server) {
		c, srv, _ := f.client(t, 5)
		return f.all(t.Context(), c, f.channel, &slack.IMHistoryParams{Count: 2}), srv
	})
}

func legacyHistoryAllErrorOnPageTwo(t *testing.T, f legacyHistoryFamily) {
	c, srv, tss := f.client(t, 5)
	var ys []yielded[slack.Message]
	for m, err := range f.all(t.Context(), c, f.channel, &slack.IMHistoryParams{Count: 2}) {
		if len(ys) == 0 {
			// The first page is in; the second will fail.
			srv.Inject(f.method, slacktest.Fault{Body: `{"ok":false,"error":"channel_not_found"}`})
		}
		ys = append(ys, yielded[slack.Message]{m, err})
		if len(ys) > 10 {
			t.Fatal("the iterator did not stop")
		}
	}
	if len(ys) != 3 {
		t.Fatalf("yielded %d values, want 2 messages and an error", len(ys))
	}
	for i, y := range ys[:2] {
		if y.err != nil || y.v.TS != tss[4-i] {
			t.Errorf("yield %d = (%s, %v), want (%s, nil)", i, y.v.TS, y.err, tss[4-i])
		}
	}
	assertCode(t, ys[2].err, slack.ErrChannelNotFound)
	if !reflect.ValueOf(ys[2].v).IsZero() {
		t.Errorf("the error came with the message %+v, want the zero Message", ys[2].v)
	}
	if n := srv.Count(f.method); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// legacyHistoryBody is a history page of messages with the given timestamps.
func legacyHistoryBody(hasMore bool, tss ...string) string {
	msgs := make([]string, len(tss))
	for i, ts := range tss {
		msgs[i] = `{"type":"message","user":"U1","text":"m","ts":"` + ts + `"}`
	}
	return fmt.Sprintf(`{"ok":true,"messages":[%s],"has_more":%v}`, strings.Join(msgs, ","), hasMore)
}

func legacyHistoryAllStopsOnRepeats(t *testing.T, f legacyHistoryFamily) {
	const a, b, c, d = "1700000004.000100", "1700000003.000100", "1700000002.000100", "1700000001.000100"
	tests := []struct {
		name        string
		bodies      []string
		wantLatests []string
		wantTSs     []string
	}{
		// The same page over and over: its oldest message would be the latest of every request.
		{"same page every time", []string{legacyHistoryBody(true, a, b)}, []string{"", b}, []string{a, b, a}},
		// A server that goes back to an earlier page.
		{"back to an earlier page", []string{legacyHistoryBody(true, a, b), legacyHistoryBody(true, c, d),
			legacyHistoryBody(true, a, b)}, []string{"", b, d}, []string{a, b, c, d, a, b}},
		// has_more with no messages gives no timestamp to go on from.
		{"has_more on an empty page", []string{legacyHistoryBody(true)}, []string{""}, nil},
		// The oldest message is found wherever the server puts it.
		{"oldest first", []string{legacyHistoryBody(true, b, a), legacyHistoryBody(false, c)}, []string{"", b},
			[]string{b, a, c}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scriptTransport{bodies: tt.bodies}
			got := f.collectTSs(t, f.all(t.Context(), s.client(t), "C1", &slack.IMHistoryParams{Count: 2}))
			if !slices.Equal(got, tt.wantTSs) {
				t.Errorf("yielded %v, want %v", got, tt.wantTSs)
			}
			var latests []string
			for _, form := range s.forms {
				latests = append(latests, form.Get("latest"))
			}
			if !slices.Equal(latests, tt.wantLatests) {
				t.Errorf("requests with latest %q, want %q", latests, tt.wantLatests)
			}
		})
	}
}

func TestIMHistory(t *testing.T)         { legacyHistoryPage(t, imHistoryFamily) }
func TestIMHistoryErrors(t *testing.T)   { legacyHistoryErrors(t, imHistoryFamily) }
func TestIMHistoryBadInput(t *testing.T) { legacyHistoryBadInput(t, imHistoryFamily) }
func TestIMHistoryAllPages(t *testing.T) { legacyHistoryAllPages(t, imHistoryFamily) }
func TestIMHistoryAllEndsWithoutHasMore(t *testing.T) {
	legacyHistoryAllEndsWithoutHasMore(t, imHistoryFamily)
}
func TestIMHistoryAllDefaults(t *testing.T)       { legacyHistoryAllDefaults(t, imHistoryFamily) }
func TestIMHistoryAllInclusive(t *testing.T)      { legacyHistoryAllInclusive(t, imHistoryFamily) }
func TestIMHistoryAllBreak(t *testing.T)          { legacyHistoryAllBreak(t, imHistoryFamily) }
func TestIMHistoryAllErrorOnPageTwo(t *testing.T) { legacyHistoryAllErrorOnPageTwo(t, imHistoryFamily) }
func TestIMHistoryAllStopsOnRepeats(t *testing.T) { legacyHistoryAllStopsOnRepeats(t, imHistoryFamily) }

// --- im.close, im.open, im.mark

func TestIMClose(t *testing.T) {
	c, srv := newIMWorkspace(t)
	if err := c.IM.Close(t.Context(), imAliceID); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.close", slacktest.BotToken, map[string]string{"channel": imAliceID})
	if slices.Contains(channelState(t, srv, imAliceID).OpenFor, slacktest.BotUserID) {
		t.Error("the IM is still open")
	}
	// Closing a closed IM succeeds (Slack answers no_op).
	if err := c.IM.Close(t.Context(), imAliceID); err != nil {
		t.Errorf("closing again: %v", err)
	}
}

func TestIMCloseErrors(t *testing.T) {
	c, srv := newIMWorkspace(t)
	for _, tt := range []struct {
		channel string
		want    slack.ErrorCode
	}{
		{"D0NOPE", slack.ErrChannelNotFound},
		{slacktest.GeneralID, slack.ErrChannelNotFound},
		{imOtherID, slack.ErrUserDoesNotOwnChannel},
	} {
		err := c.IM.Close(t.Context(), tt.channel)
		assertCode(t, err, tt.want)
	}
	if !channelState(t, srv, imOtherID).IsOpen {
		t.Error("a failed im.close closed the IM")
	}
	srv.ResetRequests()
	assertNothingSent(t, srv, c.IM.Close(t.Context(), ""), "channel")
}

func TestIMOpen(t *testing.T) {
	c, srv := newIMWorkspace(t)

	// A new IM: only its ID comes back.
	im, err := c.IM.Open(t.Context(), slacktest.CarolID, nil)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.open", slacktest.BotToken, map[string]string{"user": slacktest.CarolID})
	if !strings.HasPrefix(im.ID, "D") {
		t.Fatalf("IM ID %q, want a D… ID", im.ID)
	}
	stored := channelState(t, srv, im.ID)
	if !stored.IsIM || !slices.Contains(stored.OpenFor, slacktest.BotUserID) || !slices.Contains(stored.Members, slacktest.CarolID) ||
		!slices.Contains(stored.Members, slacktest.BotUserID) {
		t.Errorf("stored %+v, want the bot's open IM with carol", stored)
	}

	// The closed IM with bob opens again, whole with ReturnIM.
	im, err = c.IM.Open(t.Context(), slacktest.BobID, &slack.IMOpenParams{ReturnIM: true, IncludeLocale: true})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.open", slacktest.BotToken, map[string]string{"user": slacktest.BobID, "return_im": "true",
		"include_locale": "true"})
	if im.ID != imBobID || !im.IsIM || im.User != slacktest.BobID || im.Created.IsZero() {
		t.Errorf("IM = %+v, want the whole IM %s with bob", im, imBobID)
	}
	if !slices.Contains(channelState(t, srv, imBobID).OpenFor, slacktest.BotUserID) {
		t.Error("the IM with bob is still closed for the bot")
	}

	// Opening an open IM gives the same one.
	again, err := c.IM.Open(t.Context(), slacktest.AliceID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != imAliceID {
		t.Errorf("reopening the IM with alice gave %s, want %s", again.ID, imAliceID)
	}
}

func TestIMOpenErrors(t *testing.T) {
	c, srv := newIMWorkspace(t)
	_, err := c.IM.Open(t.Context(), "U0NOBODY", nil)
	assertCode(t, err, slack.ErrUserNotFound)
	legacyWire(t, srv, "im.open", slacktest.BotToken, map[string]string{"user": "U0NOBODY"})

	srv.ResetRequests()
	_, err = c.IM.Open(t.Context(), " ", &slack.IMOpenParams{ReturnIM: true})
	assertNothingSent(t, srv, err, "user")
}

func TestIMMark(t *testing.T) {
	c, srv := newIMWorkspace(t)
	tss := legacyAddMessages(srv, imAliceID, slacktest.AliceID, 2)
	if err := c.IM.Mark(t.Context(), imAliceID, tss[1]); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.mark", slacktest.BotToken, map[string]string{"channel": imAliceID, "ts": tss[1]})
	if got := channelState(t, srv, imAliceID).ReadBy[slacktest.BotUserID]; got != tss[1] {
		t.Errorf("LastRead %q, want %q", got, tss[1])
	}
}

func TestIMMarkErrors(t *testing.T) {
	c, srv := newIMWorkspace(t)
	assertCode(t, c.IM.Mark(t.Context(), "D0NOPE", "1700000000.000100"), slack.ErrChannelNotFound)
	assertCode(t, c.IM.Mark(t.Context(), imAliceID, "not-a-ts"), slack.ErrInvalidTimestamp)
	assertCode(t, c.IM.Mark(t.Context(), imOtherID, "1700000000.000100"), slack.ErrNotInChannel)
	if got := channelState(t, srv, imOtherID).LastRead; got != "" {
		t.Errorf("marking someone else's IM set its LastRead to %q", got)
	}
	if got := channelState(t, srv, imAliceID).LastRead; got != "" {
		t.Errorf("a failed im.mark set LastRead to %q", got)
	}

	srv.ResetRequests()
	assertNothingSent(t, srv, c.IM.Mark(t.Context(), "", "1700000000.000100"), "channel")
	assertNothingSent(t, srv, c.IM.Mark(t.Context(), imAliceID, ""), "ts")
}

// --- im.replies

// legacyThread stores a parent message from alice in channel and two replies, and returns their
// timestamps, oldest first.
func legacyThread(srv *slacktest.Server, channel string) []string {
	tss := []string{"1700002000.000100", "1700002060.000100", "1700002120.000100"}
	srv.AddMessage(slacktest.Message{TS: tss[0], Channel: channel, User: slacktest.AliceID, Text: "lunch?", ThreadTS: tss[0]})
	srv.AddMessage(slacktest.Message{TS: tss[1], Channel: channel, User: slacktest.BotUserID, BotID: slacktest.BotID,
		Text: "yes", ThreadTS: tss[0]})
	srv.AddMessage(slacktest.Message{TS: tss[2], Channel: channel, User: slacktest.AliceID, Text: "noon", ThreadTS: tss[0]})
	return tss
}

// legacyCheckThread checks the messages of legacyThread as a replies method returns them.
func legacyCheckThread(t *testing.T, msgs []slack.Message, tss []string) {
	t.Helper()
	if got := legacyTSs(msgs); !slices.Equal(got, tss) {
		t.Fatalf("replies %v, want the parent then the replies %v", got, tss)
	}
	if p := msgs[0]; p.ThreadTS != tss[0] || p.ReplyCount != 2 || p.Text != "lunch?" {
		t.Errorf("parent = %+v, want alice's thread with 2 replies", p)
	}
	if r := msgs[1]; r.ThreadTS != tss[0] || r.User != slacktest.BotUserID || r.Text != "yes" {
		t.Errorf("first reply = %+v, want the bot's yes", r)
	}
}

func TestIMReplies(t *testing.T) {
	c, srv := newIMWorkspace(t)
	tss := legacyThread(srv, imAliceID)

	msgs, err := c.IM.Replies(t.Context(), imAliceID, tss[0])
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.replies", slacktest.BotToken, map[string]string{"channel": imAliceID, "thread_ts": tss[0]})
	legacyCheckThread(t, msgs, tss)
}

func TestIMRepliesErrors(t *testing.T) {
	c, srv := newIMWorkspace(t)
	tss := legacyThread(srv, imAliceID)
	_, err := c.IM.Replies(t.Context(), imAliceID, "1600000000.000100")
	assertCode(t, err, slack.ErrThreadNotFound)
	_, err = c.IM.Replies(t.Context(), imOtherID, tss[0])
	assertCode(t, err, slack.ErrChannelNotFound)

	srv.ResetRequests()
	_, err = c.IM.Replies(t.Context(), "", tss[0])
	assertNothingSent(t, srv, err, "channel")
	_, err = c.IM.Replies(t.Context(), imAliceID, "")
	assertNothingSent(t, srv, err, "threadTS")
}

// --- im.list

// imAddIMs adds n open IMs of the bot with new users, and returns the IDs of all the bot's IMs, sorted.
func imAddIMs(srv *slacktest.Server, n int) []string {
	ids := []string{imAliceID, imBobID}
	for i := range n {
		user := fmt.Sprintf("U0PAL%03d", i)
		srv.AddUser(slacktest.User{ID: user, Name: fmt.Sprintf("pal%d", i)})
		id := fmt.Sprintf("D0PAL%03d", i)
		srv.AddChannel(slacktest.Channel{ID: id, IsIM: true, IsPrivate: true, User: user,
			Members: []string{slacktest.BotUserID, user}, IsOpen: true})
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func TestIMList(t *testing.T) {
	c, srv := newIMWorkspace(t)

	page, err := c.IM.List(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.list", slacktest.BotToken, map[string]string{})
	got := legacyIDs(page.IMs)
	slices.Sort(got)
	if want := []string{imAliceID, imBobID}; !slices.Equal(got, want) || page.NextCursor != "" {
		t.Errorf("IMs %v (next %q), want the bot's IMs %v on one page", got, page.NextCursor, want)
	}
	for _, im := range page.IMs {
		if !im.IsIM || im.User == "" || im.User == slacktest.BotUserID {
			t.Errorf("IM %+v: want is_im and the other user", im)
		}
	}

	page, err = c.IM.List(t.Context(), &slack.IMListParams{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.list", slacktest.BotToken, map[string]string{"limit": "1"})
	if len(page.IMs) != 1 || page.NextCursor == "" {
		t.Fatalf("a page of 1 gave %d IMs and cursor %q", len(page.IMs), page.NextCursor)
	}
	next, err := c.IM.List(t.Context(), &slack.IMListParams{Limit: 1, Cursor: page.NextCursor})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "im.list", slacktest.BotToken, map[string]string{"limit": "1", "cursor": page.NextCursor})
	if len(next.IMs) != 1 || next.IMs[0].ID == page.IMs[0].ID {
		t.Errorf("the second page is %v after %v", legacyIDs(next.IMs), legacyIDs(page.IMs))
	}
}

func TestIMListErrors(t *testing.T) {
	c, srv := newIMWorkspace(t)
	_, err := c.IM.List(t.Context(), &slack.IMListParams{Cursor: "bm90IGEgY3Vyc29y"})
	assertCode(t, err, slack.ErrInvalidCursor)
	_, err = legacyClient(t, srv, "xoxb-unknown").IM.List(t.Context(), nil)
	assertCode(t, err, slack.ErrInvalidAuth)

	srv.ResetRequests()
	_, err = c.IM.List(t.Context(), &slack.IMListParams{Limit: -1})
	assertNothingSent(t, srv, err, "limit")
	_, err = c.IM.List(t.Context(), &slack.IMListParams{Limit: 1001})
	assertNothingSent(t, srv, err, "limit")
}

func TestIMListAllPages(t *testing.T) {
	c, srv := newIMWorkspace(t)
	want := imAddIMs(srv, 3) // 5 IMs: 3 pages of 2

	var got []string
	for _, y := range collect(t, c.IM.ListAll(t.Context(), &slack.IMListParams{Limit: 2}), 100) {
		if y.err != nil {
			t.Fatal(y.err)
		}
		got = append(got, y.v.ID)
	}
	sorted := slices.Sorted(slices.Values(got))
	if !slices.Equal(sorted, want) || len(got) != len(want) {
		t.Errorf("ListAll yielded %v, want each of %v once", got, want)
	}
	reqs := srv.Requests("im.list")
	if len(reqs) != 3 {
		t.Fatalf("%d im.list requests, want 3", len(reqs))
	}
	legacyForm(t, reqs[0], map[string]string{"limit": "2"})
	for i, r := range reqs[1:] {
		if r.Form.Get("cursor") == "" || r.Form.Get("cursor") == reqs[i].Form.Get("cursor") {
			t.Errorf("request %d carried cursor %q", i+2, r.Form.Get("cursor"))
		}
		legacyForm(t, r, map[string]string{"limit": "2", "cursor": r.Form.Get("cursor")})
	}
	checkWire(t, srv, "im.list", slacktest.BotToken)

	// With no params, one page of 200.
	srv.ResetRequests()
	if ys := collect(t, c.IM.ListAll(t.Context(), nil), 100); len(ys) != len(want) {
		t.Errorf("ListAll(nil) yielded %d IMs, want %d", len(ys), len(want))
	}
	legacyForm(t, lastRequest(t, srv, "im.list"), map[string]string{"limit": "200"})
}

func TestIMListAllBreak(t *testing.T) {
	checkBreak(t, "im.list", func() (iter.Seq2[slack.Conversation, error], *slacktest.Server) {
		c, srv := newIMWorkspace(t)
		imAddIMs(srv, 3)
		return c.IM.ListAll(t.Context(), &slack.IMListParams{Limit: 2}), srv
	})
}

func TestIMListAllErrorOnPageTwo(t *testing.T) {
	c, srv := newIMWorkspace(t)
	imAddIMs(srv, 3)
	var ys []yielded[slack.Conversation]
	for im, err := range c.IM.ListAll(t.Context(), &slack.IMListParams{Limit: 2}) {
		if len(ys) == 0 {
			srv.Inject("im.list", slacktest.Fault{Body: `{"ok":false,"error":"invalid_cursor"}`})
		}
		ys = append(ys, yielded[slack.Conversation]{im, err})
		if len(ys) > 10 {
			t.Fatal("the iterator did not stop")
		}
	}
	if len(ys) != 3 || ys[0].err != nil || ys[1].err != nil {
		t.Fatalf("yielded %d values, want 2 IMs and an error", len(ys))
	}
	assertCode(t, ys[2].err, slack.ErrInvalidCursor)
	if !reflect.ValueOf(ys[2].v).IsZero() {
		t.Errorf("the error came with %+v, want the zero Conversation", ys[2].v)
	}
	if n := srv.Count("im.list"); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}
