package slack_test

import (
	"bytes"
	"context"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	const ts = "1482960137.003543"
	registerFixtures(map[string]fixtureCall{
		"conversations.archive": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Conversations.Archive(ctx, "C1")
		},
		"conversations.unarchive": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Conversations.Unarchive(ctx, "C1")
		},
		"conversations.close": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Conversations.Close(ctx, "D1")
		},
		"conversations.create": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Create(ctx, "endeavor", nil)
		},
		"conversations.info": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Info(ctx, "C1", nil)
		},
		"conversations.invite": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Invite(ctx, "C1", []string{"U1", "U2"})
		},
		"conversations.join": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Join(ctx, "C1")
		},
		"conversations.kick": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Conversations.Kick(ctx, "C1", "U1")
		},
		"conversations.leave": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Conversations.Leave(ctx, "C1")
		},
		"conversations.open": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Open(ctx, &slack.ConversationsOpenParams{Users: []string{"U1"}})
		},
		"conversations.rename": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Rename(ctx, "C1", "general")
		},
		"conversations.setPurpose": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.SetPurpose(ctx, "C1", "purpose")
		},
		"conversations.setTopic": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.SetTopic(ctx, "C1", "topic")
		},
		"conversations.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.List(ctx, nil)
		},
		"conversations.members": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Members(ctx, "C1", nil)
		},
		"conversations.history": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.History(ctx, "C1", nil)
		},
		"conversations.replies": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Conversations.Replies(ctx, "C1", ts, nil)
		},
	})
}

// The workspace of newConvWorkspace: the seeded one, plus these.
const (
	convOutsideID  = "C0OUTSIDE"  // #outside: public, alice and bob; the bot is not in it
	convArchivedID = "C0ARCHIVED" // #old-news: archived, alice and the bot
	convHiddenID   = "C0HIDDEN"   // #hidden: private, alice and bob; the bot cannot see it
	convIMID       = "D0BOTALICE" // the open IM of the bot and alice
	convBobToken   = "xoxp-slacktest-0000000000-conv-bob"
	convNoSuchID   = "C0NOSUCH"
)

// newConvWorkspace is newClientFor token on the seeded workspace plus the channels above and a token for
// bob, with proactive rate limiting off so that the many calls of a test do not wait out Slack's tiers.
// The setup sends no request.
func newConvWorkspace(t *testing.T, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	srv.AddChannel(slacktest.Channel{ID: convOutsideID, Name: "outside", Creator: slacktest.AliceID,
		Members: []string{slacktest.AliceID, slacktest.BobID}})
	srv.AddChannel(slacktest.Channel{ID: convArchivedID, Name: "old-news", IsArchived: true, Creator: slacktest.AliceID,
		Members: []string{slacktest.AliceID, slacktest.BotUserID}})
	srv.AddChannel(slacktest.Channel{ID: convHiddenID, Name: "hidden", IsPrivate: true, Creator: slacktest.AliceID,
		Members: []string{slacktest.AliceID, slacktest.BobID}})
	srv.AddChannel(slacktest.Channel{ID: convIMID, IsIM: true, IsPrivate: true, IsOpen: true, User: slacktest.AliceID,
		Members: []string{slacktest.BotUserID, slacktest.AliceID}})
	srv.AddToken(convBobToken, slacktest.BobID)
	return newClientFor(t, srv, token, slack.WithRateLimiting(false)), srv
}

// convWire checks how the last call of method travelled (see checkWire) and that it carried exactly the
// arguments want, once each.
func convWire(t *testing.T, srv *slacktest.Server, method, token string, want url.Values) {
	t.Helper()
	r := checkWire(t, srv, method, token)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		t.Errorf("%s: Content-Type %q, want application/x-www-form-urlencoded", method, ct)
	}
	convForm(t, r, want)
}

// convForm checks that a request carried exactly the arguments want.
func convForm(t *testing.T, r slacktest.Request, want url.Values) {
	t.Helper()
	if len(r.Form) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(r.Form, want) {
		t.Errorf("%s sent the arguments %v, want %v", r.Method, r.Form, want)
	}
}

// convMembers returns the sorted members of a conversation, as the fake holds them.
func convMembers(t *testing.T, srv *slacktest.Server, id string) []string {
	t.Helper()
	m := slices.Clone(channelState(t, srv, id).Members)
	slices.Sort(m)
	return m
}

// convSorted returns a sorted copy of ids.
func convSorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// convValues returns the values of ys, failing the test on an error.
func convValues[T any](t *testing.T, ys []yielded[T]) []T {
	t.Helper()
	out := make([]T, 0, len(ys))
	for i, y := range ys {
		if y.err != nil {
			t.Fatalf("yield %d: %v", i, y.err)
		}
		out = append(out, y.v)
	}
	return out
}

func convIDs(cs []slack.Conversation) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func convTSs(ms []slack.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.TS
	}
	return out
}

// --- conversations.archive and conversations.unarchive

func TestConversationsArchive(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	if err := c.Conversations.Archive(t.Context(), slacktest.RandomID); err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.archive", slacktest.UserToken, url.Values{"channel": {slacktest.RandomID}})
	if !channelState(t, srv, slacktest.RandomID).IsArchived {
		t.Error("#random is not archived")
	}

	err := c.Conversations.Archive(t.Context(), slacktest.RandomID)
	assertCode(t, err, slack.ErrAlreadyArchived)
}

func TestConversationsUnarchive(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	if err := c.Conversations.Unarchive(t.Context(), convArchivedID); err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.unarchive", slacktest.UserToken, url.Values{"channel": {convArchivedID}})
	if channelState(t, srv, convArchivedID).IsArchived {
		t.Error("#old-news is still archived")
	}

	err := c.Conversations.Unarchive(t.Context(), convArchivedID)
	assertCode(t, err, slack.ErrNotArchived)
}

// --- conversations.close

func TestConversationsClose(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	if err := c.Conversations.Close(t.Context(), convIMID); err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.close", slacktest.BotToken, url.Values{"channel": {convIMID}})
	if slices.Contains(channelState(t, srv, convIMID).OpenFor, slacktest.BotUserID) {
		t.Error("the IM is still open")
	}
	// Closing a closed IM is not an error.
	if err := c.Conversations.Close(t.Context(), convIMID); err != nil {
		t.Errorf("closing a closed IM: %v", err)
	}
}

// --- conversations.create

func TestConversationsCreate(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	ch, err := c.Conversations.Create(t.Context(), "launch-plan", nil)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.create", slacktest.BotToken, url.Values{"name": {"launch-plan"}})
	if ch.ID == "" || ch.Name != "launch-plan" || !ch.IsChannel || ch.IsPrivate || ch.IsArchived ||
		ch.Creator != slacktest.BotUserID || ch.Created.IsZero() {
		t.Errorf("Create returned %+v, want the new public channel launch-plan made by the bot", ch)
	}
	st := channelState(t, srv, ch.ID)
	if st.Name != "launch-plan" || st.IsPrivate || st.Creator != slacktest.BotUserID ||
		!slices.Equal(st.Members, []string{slacktest.BotUserID}) {
		t.Errorf("the fake holds %+v, want #launch-plan with the bot as its only member", st)
	}

	_, err = c.Conversations.Create(t.Context(), "launch-plan", nil)
	assertCode(t, err, slack.ErrNameTaken)
}

func TestConversationsCreatePrivate(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	params := &slack.ConversationsCreateParams{IsPrivate: true, UserIDs: []string{slacktest.BobID, slacktest.CarolID},
		TeamID: slacktest.TeamID}
	ch, err := c.Conversations.Create(t.Context(), "board", params)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.create", slacktest.UserToken, url.Values{"name": {"board"},
		"is_private": {"true"}, "user_ids": {slacktest.BobID + "," + slacktest.CarolID}, "team_id": {slacktest.TeamID}})
	if !ch.IsPrivate || ch.IsIM || ch.IsMPIM || ch.Name != "board" {
		t.Errorf("Create returned %+v, want the private channel board", ch)
	}
	st := channelState(t, srv, ch.ID)
	if !st.IsPrivate || !slices.Contains(st.Members, slacktest.AliceID) {
		t.Errorf("the fake holds %+v, want a private channel alice belongs to", st)
	}
}

// --- conversations.info

func TestConversationsInfo(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	ch, err := c.Conversations.Info(t.Context(), slacktest.GeneralID, nil)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.info", slacktest.BotToken, url.Values{"channel": {slacktest.GeneralID}})
	if ch.ID != slacktest.GeneralID || ch.Name != "general" || !ch.IsGeneral || !ch.IsChannel || !ch.IsMember ||
		ch.Purpose.Value != "Company-wide announcements" || ch.Creator != slacktest.AliceID {
		t.Errorf("Info returned %+v, want #general", ch)
	}
	if ch.NumMembers != 0 || ch.Locale != "" {
		t.Errorf("NumMembers %d, Locale %q without asking for them", ch.NumMembers, ch.Locale)
	}

	ch, err = c.Conversations.Info(t.Context(), slacktest.SecretID,
		&slack.ConversationsInfoParams{IncludeLocale: true, IncludeNumMembers: true})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.info", slacktest.BotToken, url.Values{"channel": {slacktest.SecretID},
		"include_locale": {"true"}, "include_num_members": {"true"}})
	if ch.ID != slacktest.SecretID || !ch.IsPrivate || !ch.IsGroup || ch.NumMembers != 2 || ch.Locale == "" {
		t.Errorf("Info returned %+v, want #secret with 2 members and a locale", ch)
	}

	_, err = c.Conversations.Info(t.Context(), convHiddenID, nil)
	assertCode(t, err, slack.ErrChannelNotFound)
}

func TestConversationsReadsAreRetriedWritesAreNot(t *testing.T) {
	tests := []struct {
		method string
		call   convCall
		retry  bool
	}{
		{"conversations.info", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Info(ctx, slacktest.RandomID, nil)
			return err
		}, true},
		{"conversations.list", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.List(ctx, nil)
			return err
		}, true},
		{"conversations.members", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Members(ctx, slacktest.RandomID, nil)
			return err
		}, true},
		{"conversations.history", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.History(ctx, slacktest.RandomID, nil)
			return err
		}, true},
		{"conversations.replies", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Replies(ctx, slacktest.RandomID, "1700000100.000100", nil)
			return err
		}, true},
		{"conversations.archive", func(ctx context.Context, c *slack.Client) error {
			return c.Conversations.Archive(ctx, slacktest.RandomID)
		}, false},
		{"conversations.create", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Create(ctx, "retry-me", nil)
			return err
		}, false},
		{"conversations.invite", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Invite(ctx, slacktest.RandomID, []string{slacktest.CarolID})
			return err
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, srv := newConvWorkspace(t, slacktest.UserToken)
				convSeedHistory(srv)
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

// --- conversations.invite

func TestConversationsInvite(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	ch, err := c.Conversations.Invite(t.Context(), slacktest.SecretID, []string{slacktest.BobID, slacktest.CarolID})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.invite", slacktest.UserToken, url.Values{"channel": {slacktest.SecretID},
		"users": {slacktest.BobID + "," + slacktest.CarolID}})
	if ch.ID != slacktest.SecretID || ch.Name != "secret" {
		t.Errorf("Invite returned %+v, want #secret", ch)
	}
	want := convSorted(slacktest.AliceID, slacktest.BobID, slacktest.BotUserID, slacktest.CarolID)
	if got := convMembers(t, srv, slacktest.SecretID); !slices.Equal(got, want) {
		t.Errorf("#secret's members are %v, want %v", got, want)
	}

	_, err = c.Conversations.Invite(t.Context(), slacktest.SecretID, []string{slacktest.BobID})
	assertCode(t, err, slack.ErrAlreadyInChannel)
}

// --- conversations.join

func TestConversationsJoin(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	ch, err := c.Conversations.Join(t.Context(), convOutsideID)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.join", slacktest.BotToken, url.Values{"channel": {convOutsideID}})
	if ch.ID != convOutsideID || ch.Name != "outside" || !ch.IsMember {
		t.Errorf("Join returned %+v, want #outside with the bot a member", ch)
	}
	want := convSorted(slacktest.AliceID, slacktest.BobID, slacktest.BotUserID)
	if got := convMembers(t, srv, convOutsideID); !slices.Equal(got, want) {
		t.Errorf("#outside's members are %v, want %v", got, want)
	}

	_, err = c.Conversations.Join(t.Context(), convArchivedID)
	assertCode(t, err, slack.ErrIsArchived)
}

func TestConversationsJoinAlreadyMemberWarns(t *testing.T) {
	var logs bytes.Buffer
	srv := slacktest.New()
	c := newClientFor(t, srv, slacktest.BotToken, slack.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	ch, err := c.Conversations.Join(t.Context(), slacktest.RandomID)
	if err != nil {
		t.Fatal(err)
	}
	if ch.ID != slacktest.RandomID {
		t.Errorf("Join returned %s, want #random", ch.ID)
	}
	if !strings.Contains(logs.String(), "already_in_channel") {
		t.Errorf("no already_in_channel warning was logged: %q", logs.String())
	}
	if got := channelState(t, srv, slacktest.RandomID).Members; len(got) != 3 {
		t.Errorf("#random's members are %v, want the 3 it had", got)
	}
}

// --- conversations.kick

func TestConversationsKick(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	if err := c.Conversations.Kick(t.Context(), slacktest.RandomID, slacktest.BobID); err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.kick", slacktest.UserToken, url.Values{"channel": {slacktest.RandomID},
		"user": {slacktest.BobID}})
	want := convSorted(slacktest.AliceID, slacktest.BotUserID)
	if got := convMembers(t, srv, slacktest.RandomID); !slices.Equal(got, want) {
		t.Errorf("#random's members are %v, want %v", got, want)
	}

	err := c.Conversations.Kick(t.Context(), slacktest.RandomID, slacktest.BobID)
	assertCode(t, err, slack.ErrNotInChannel)
}

// --- conversations.leave

func TestConversationsLeave(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	if err := c.Conversations.Leave(t.Context(), slacktest.RandomID); err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.leave", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID}})
	want := convSorted(slacktest.AliceID, slacktest.BobID)
	if got := convMembers(t, srv, slacktest.RandomID); !slices.Equal(got, want) {
		t.Errorf("#random's members are %v, want %v", got, want)
	}
	// Leaving again: Slack answers ok:false with not_in_channel and no error code, which is no error.
	if err := c.Conversations.Leave(t.Context(), slacktest.RandomID); err != nil {
		t.Errorf("leaving a channel the bot is not in: %v", err)
	}

	err := c.Conversations.Leave(t.Context(), slacktest.GeneralID)
	assertCode(t, err, slack.ErrCantLeaveGeneral)
}

// --- conversations.open

func TestConversationsOpenIM(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	ch, err := c.Conversations.Open(t.Context(), &slack.ConversationsOpenParams{Users: []string{slacktest.BobID}})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.open", slacktest.BotToken, url.Values{"users": {slacktest.BobID}})
	if !strings.HasPrefix(ch.ID, "D") {
		t.Fatalf("Open returned %+v, want an IM", ch)
	}
	st := channelState(t, srv, ch.ID)
	if !st.IsIM || !slices.Contains(st.OpenFor, slacktest.BotUserID) || !slices.Contains(st.Members, slacktest.BobID) || !slices.Contains(st.Members, slacktest.BotUserID) {
		t.Errorf("the fake holds %+v, want the open IM of the bot and bob", st)
	}

	// The same users again: the same IM, this time in full.
	again, err := c.Conversations.Open(t.Context(), &slack.ConversationsOpenParams{Users: []string{slacktest.BobID},
		ReturnIM: true})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.open", slacktest.BotToken, url.Values{"users": {slacktest.BobID},
		"return_im": {"true"}})
	if again.ID != ch.ID || !again.IsIM || again.User != slacktest.BobID {
		t.Errorf("Open again returned %+v, want the full IM %s with bob", again, ch.ID)
	}
}

func TestConversationsOpenMPIM(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	ch, err := c.Conversations.Open(t.Context(), &slack.ConversationsOpenParams{
		Users: []string{slacktest.BobID, slacktest.CarolID}, ReturnIM: true})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.open", slacktest.UserToken, url.Values{
		"users": {slacktest.BobID + "," + slacktest.CarolID}, "return_im": {"true"}})
	st := channelState(t, srv, ch.ID)
	want := convSorted(slacktest.AliceID, slacktest.BobID, slacktest.CarolID)
	if !st.IsMPIM || !slices.Equal(convMembers(t, srv, ch.ID), want) {
		t.Errorf("the fake holds %+v, want the MPIM of %v", st, want)
	}
	if !ch.IsMPIM {
		t.Errorf("Open returned %+v, want an MPIM", ch)
	}
}

func TestConversationsOpenByChannel(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	if err := c.Conversations.Close(t.Context(), convIMID); err != nil {
		t.Fatal(err)
	}
	ch, err := c.Conversations.Open(t.Context(), &slack.ConversationsOpenParams{Channel: convIMID})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.open", slacktest.BotToken, url.Values{"channel": {convIMID}})
	if open := channelState(t, srv, convIMID).OpenFor; ch.ID != convIMID || !slices.Contains(open, slacktest.BotUserID) {
		t.Errorf("Open returned %s and the IM is open for %v; want %s reopened for the bot", ch.ID, open, convIMID)
	}

	_, err = c.Conversations.Open(t.Context(), &slack.ConversationsOpenParams{Users: []string{"U0NOSUCH"}})
	assertCode(t, err, slack.ErrUserNotFound)
}

// --- conversations.rename

func TestConversationsRename(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	ch, err := c.Conversations.Rename(t.Context(), slacktest.RandomID, "watercooler")
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.rename", slacktest.UserToken, url.Values{"channel": {slacktest.RandomID},
		"name": {"watercooler"}})
	if ch.ID != slacktest.RandomID || ch.Name != "watercooler" || !slices.Contains(ch.PreviousNames, "random") {
		t.Errorf("Rename returned %+v, want #watercooler, once #random", ch)
	}
	st := channelState(t, srv, slacktest.RandomID)
	if st.Name != "watercooler" || !slices.Contains(st.PreviousNames, "random") {
		t.Errorf("the fake holds %+v, want #watercooler, once #random", st)
	}

	_, err = c.Conversations.Rename(t.Context(), slacktest.RandomID, "general")
	assertCode(t, err, slack.ErrNameTaken)
}

// --- conversations.setTopic and conversations.setPurpose

func TestConversationsSetTopic(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	ch, err := c.Conversations.SetTopic(t.Context(), slacktest.RandomID, "Lunch at noon")
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.setTopic", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID},
		"topic": {"Lunch at noon"}})
	if ch.ID != slacktest.RandomID || ch.Topic.Value != "Lunch at noon" {
		t.Errorf("SetTopic returned %+v, want #random with the new topic", ch)
	}
	if got := channelState(t, srv, slacktest.RandomID).Topic; got != "Lunch at noon" {
		t.Errorf("the fake holds the topic %q", got)
	}

	_, err = c.Conversations.SetTopic(t.Context(), convOutsideID, "Lunch at noon")
	assertCode(t, err, slack.ErrNotInChannel)
}

func TestConversationsSetTopicEmptyClearsIt(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	if _, err := c.Conversations.SetTopic(t.Context(), slacktest.RandomID, "Lunch at noon"); err != nil {
		t.Fatal(err)
	}
	ch, err := c.Conversations.SetTopic(t.Context(), slacktest.RandomID, "")
	if err != nil {
		t.Fatal(err)
	}
	// The empty topic is sent, not left out.
	convWire(t, srv, "conversations.setTopic", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID},
		"topic": {""}})
	if ch.Topic.Value != "" || channelState(t, srv, slacktest.RandomID).Topic != "" {
		t.Errorf("after clearing, the topic is %q and the fake holds %q", ch.Topic.Value,
			channelState(t, srv, slacktest.RandomID).Topic)
	}

	if _, err := c.Conversations.SetPurpose(t.Context(), slacktest.RandomID, ""); err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.setPurpose", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID},
		"purpose": {""}})
	if got := channelState(t, srv, slacktest.RandomID).Purpose; got != "" {
		t.Errorf("after clearing, the fake holds the purpose %q", got)
	}
}

func TestConversationsSetPurpose(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	ch, err := c.Conversations.SetPurpose(t.Context(), slacktest.SecretID, "Plans nobody may know")
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.setPurpose", slacktest.BotToken, url.Values{"channel": {slacktest.SecretID},
		"purpose": {"Plans nobody may know"}})
	if ch.ID != slacktest.SecretID || ch.Purpose.Value != "Plans nobody may know" {
		t.Errorf("SetPurpose returned %+v, want #secret with the new purpose", ch)
	}
	if got := channelState(t, srv, slacktest.SecretID).Purpose; got != "Plans nobody may know" {
		t.Errorf("the fake holds the purpose %q", got)
	}

	_, err = c.Conversations.SetPurpose(t.Context(), convArchivedID, "Old")
	assertCode(t, err, slack.ErrIsArchived)
}

// --- conversations.list

// convPublic are the IDs of newConvWorkspace's public channels.
var convPublic = convSorted(slacktest.GeneralID, slacktest.RandomID, convOutsideID, convArchivedID)

func TestConversationsList(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	page, err := c.Conversations.List(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.list", slacktest.BotToken, nil)
	if got := convSorted(convIDs(page.Channels)...); !slices.Equal(got, convPublic) || page.NextCursor != "" {
		t.Errorf("List returned %v (next %q), want the public channels %v on one page", got, page.NextCursor, convPublic)
	}
	for _, ch := range page.Channels {
		if ch.Name == "" || !ch.IsChannel || ch.IsPrivate {
			t.Errorf("List returned %+v, want a public channel with a name", ch)
		}
	}

	page, err = c.Conversations.List(t.Context(), &slack.ConversationsListParams{ExcludeArchived: true,
		Types: []string{slack.ConversationTypePublic, slack.ConversationTypePrivate}, Limit: 100, TeamID: slacktest.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.list", slacktest.BotToken, url.Values{"exclude_archived": {"true"},
		"types": {"public_channel,private_channel"}, "limit": {"100"}, "team_id": {slacktest.TeamID}})
	want := convSorted(slacktest.GeneralID, slacktest.RandomID, convOutsideID, slacktest.SecretID)
	if got := convSorted(convIDs(page.Channels)...); !slices.Equal(got, want) {
		t.Errorf("List of unarchived channels and private ones returned %v, want %v", got, want)
	}

	_, err = c.Conversations.List(t.Context(), &slack.ConversationsListParams{Cursor: "bm90LWEtY3Vyc29y"})
	assertCode(t, err, slack.ErrInvalidCursor)
}

// convAddPublic adds n public channels #extra-1 … #extra-n to srv and returns their IDs.
func convAddPublic(srv *slacktest.Server, n int) []string {
	var ids []string
	for i := range n {
		id := "C0EXTRA" + string(rune('A'+i))
		srv.AddChannel(slacktest.Channel{ID: id, Name: "extra-" + string(rune('a'+i)), Creator: slacktest.AliceID,
			Members: []string{slacktest.AliceID}})
		ids = append(ids, id)
	}
	return ids
}

// convListPages walks conversations.list page by page and returns the IDs and the cursor of each page.
func convListPages(t *testing.T, c *slack.Client, limit int) (ids, cursors []string) {
	t.Helper()
	cursor := ""
	for range 100 {
		cursors = append(cursors, cursor)
		page, err := c.Conversations.List(t.Context(), &slack.ConversationsListParams{Limit: limit, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Channels) > limit {
			t.Fatalf("a page of %d for limit %d", len(page.Channels), limit)
		}
		ids = append(ids, convIDs(page.Channels)...)
		if page.NextCursor == "" {
			return ids, cursors
		}
		cursor = page.NextCursor
	}
	t.Fatal("conversations.list did not end after 100 pages")
	return nil, nil
}

func TestConversationsListAllPages(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	all := convSorted(append(slices.Clone(convPublic), convAddPublic(srv, 2)...)...) // 6 channels: 3 pages of 2
	ids, cursors := convListPages(t, c, 2)
	if got := convSorted(ids...); !slices.Equal(got, all) || len(cursors) != 3 {
		t.Fatalf("page by page: %v over %d pages, want %v over 3", ids, len(cursors), all)
	}
	srv.ResetRequests()

	params := &slack.ConversationsListParams{Limit: 2}
	got := convIDs(convValues(t, collect(t, c.Conversations.ListAll(t.Context(), params), 100)))
	if !slices.Equal(got, ids) {
		t.Errorf("ListAll yielded %v, want %v", got, ids)
	}
	if !reflect.DeepEqual(params, &slack.ConversationsListParams{Limit: 2}) {
		t.Errorf("ListAll changed the params to %+v", *params)
	}
	reqs := srv.Requests("conversations.list")
	if len(reqs) != 3 {
		t.Fatalf("ListAll sent %d requests for 3 pages", len(reqs))
	}
	for i, r := range reqs {
		want := url.Values{"limit": {"2"}}
		if cursors[i] != "" {
			want.Set("cursor", cursors[i])
		}
		convForm(t, r, want)
	}
	checkWire(t, srv, "conversations.list", slacktest.BotToken)
}

func TestConversationsListAllBreak(t *testing.T) {
	checkBreak(t, "conversations.list", func() (iter.Seq2[slack.Conversation, error], *slacktest.Server) {
		c, srv := newConvWorkspace(t, slacktest.BotToken)
		convAddPublic(srv, 2)
		return c.Conversations.ListAll(t.Context(), &slack.ConversationsListParams{Limit: 2}), srv
	})
}

func TestConversationsListAllDefaultLimit(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	if n := srv.Count(); n != 0 {
		t.Fatalf("%d requests before the loop", n)
	}
	ys := collect(t, c.Conversations.ListAll(t.Context(), nil), 100)
	if len(convValues(t, ys)) != len(convPublic) {
		t.Errorf("ListAll yielded %d channels, want %d", len(ys), len(convPublic))
	}
	if got := lastRequest(t, srv, "conversations.list").Form.Get("limit"); got != "200" {
		t.Errorf("limit=%q, want 200", got)
	}
}

// convFailSecond returns an iterator's values, making the second page fail with code: the fault is
// queued once the first value arrives.
func convFailSecond[T any](t *testing.T, srv *slacktest.Server, method, code string, seq iter.Seq2[T, error]) []yielded[T] {
	t.Helper()
	var ys []yielded[T]
	for v, err := range seq {
		if len(ys) == 0 {
			srv.Inject(method, slacktest.Fault{Body: `{"ok":false,"error":"` + code + `"}`})
		}
		ys = append(ys, yielded[T]{v, err})
		if len(ys) > 20 {
			t.Fatal("the iterator did not stop")
		}
	}
	return ys
}

// convCheckFailedSecond checks that ys holds a first page of size values and then one error with code,
// the zero value alongside, after two requests of method.
func convCheckFailedSecond[T any](t *testing.T, srv *slacktest.Server, method string, ys []yielded[T], size int, code slack.ErrorCode) {
	t.Helper()
	if len(ys) != size+1 {
		t.Fatalf("yielded %d values, want %d and an error", len(ys), size)
	}
	for i, y := range ys[:size] {
		if y.err != nil {
			t.Errorf("yield %d: %v", i, y.err)
		}
	}
	last := ys[size]
	assertCode(t, last.err, code)
	if !reflect.ValueOf(last.v).IsZero() {
		t.Errorf("the error came with %+v, want the zero value", last.v)
	}
	if n := srv.Count(method); n != 2 {
		t.Errorf("%d %s requests, want 2", n, method)
	}
}

func TestConversationsListAllErrorMidway(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	ys := convFailSecond(t, srv, "conversations.list", "invalid_cursor",
		c.Conversations.ListAll(t.Context(), &slack.ConversationsListParams{Limit: 2}))
	convCheckFailedSecond(t, srv, "conversations.list", ys, 2, slack.ErrInvalidCursor)
}

// --- conversations.members

// convBigID is a public channel of six members, added by convAddBig.
const convBigID = "C0BIG"

// convAddBig adds dave and erin and #big, which all six users belong to, and returns the members.
func convAddBig(srv *slacktest.Server) []string {
	srv.AddUser(slacktest.User{ID: "U0DAVE", Name: "dave", RealName: "Dave Bowman", Email: "dave@example.com"})
	srv.AddUser(slacktest.User{ID: "U0ERIN", Name: "erin", RealName: "Erin Brockovich", Email: "erin@example.com"})
	members := []string{slacktest.AliceID, slacktest.BobID, slacktest.CarolID, slacktest.BotUserID, "U0DAVE", "U0ERIN"}
	srv.AddChannel(slacktest.Channel{ID: convBigID, Name: "big", Creator: slacktest.AliceID, Members: members})
	return convSorted(members...)
}

func TestConversationsMembers(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	page, err := c.Conversations.Members(t.Context(), slacktest.GeneralID, nil)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.members", slacktest.BotToken, url.Values{"channel": {slacktest.GeneralID}})
	want := convMembers(t, srv, slacktest.GeneralID)
	if got := convSorted(page.Members...); !slices.Equal(got, want) || page.NextCursor != "" {
		t.Errorf("Members returned %v (next %q), want %v on one page", got, page.NextCursor, want)
	}

	page, err = c.Conversations.Members(t.Context(), slacktest.GeneralID, &slack.ConversationsMembersParams{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.members", slacktest.BotToken, url.Values{"channel": {slacktest.GeneralID},
		"limit": {"3"}})
	if len(page.Members) != 3 || page.NextCursor == "" {
		t.Fatalf("a page of 3 of 4 members: %v, next %q", page.Members, page.NextCursor)
	}
	rest, err := c.Conversations.Members(t.Context(), slacktest.GeneralID,
		&slack.ConversationsMembersParams{Limit: 3, Cursor: page.NextCursor})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.members", slacktest.BotToken, url.Values{"channel": {slacktest.GeneralID},
		"limit": {"3"}, "cursor": {page.NextCursor}})
	if got := convSorted(append(page.Members, rest.Members...)...); !slices.Equal(got, want) || rest.NextCursor != "" {
		t.Errorf("two pages gave %v (next %q), want %v", got, rest.NextCursor, want)
	}

	_, err = c.Conversations.Members(t.Context(), convHiddenID, nil)
	assertCode(t, err, slack.ErrChannelNotFound)
}

func TestConversationsMembersAllPages(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	want := convAddBig(srv)
	got := convValues(t, collect(t, c.Conversations.MembersAll(t.Context(), convBigID,
		&slack.ConversationsMembersParams{Limit: 2}), 100))
	if !slices.Equal(convSorted(got...), want) || len(got) != len(want) {
		t.Errorf("MembersAll yielded %v, want %v once each", got, want)
	}
	reqs := srv.Requests("conversations.members")
	if len(reqs) != 3 {
		t.Fatalf("MembersAll sent %d requests for 6 members in pages of 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Form.Get("channel") != convBigID || r.Form.Get("limit") != "2" || (i == 0) != (r.Form.Get("cursor") == "") {
			t.Errorf("request %d carried %v", i, r.Form)
		}
	}
	checkWire(t, srv, "conversations.members", slacktest.BotToken)
}

func TestConversationsMembersAllBreak(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	convAddBig(srv)
	for range c.Conversations.MembersAll(t.Context(), convBigID, &slack.ConversationsMembersParams{Limit: 2}) {
		break
	}
	if n := srv.Count("conversations.members"); n != 1 {
		t.Errorf("break after the first member: %d requests, want 1", n)
	}
}

func TestConversationsMembersAllErrorMidway(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	convAddBig(srv)
	ys := convFailSecond(t, srv, "conversations.members", "fetch_members_failed",
		c.Conversations.MembersAll(t.Context(), convBigID, &slack.ConversationsMembersParams{Limit: 2}))
	convCheckFailedSecond(t, srv, "conversations.members", ys, 2, slack.ErrFetchMembersFailed)
}

// --- conversations.history

// convSeedHistory stores five top-level messages in #random, one a second apart, and a thread reply to
// the oldest; it returns the top-level timestamps, oldest first, and the reply's.
func convSeedHistory(srv *slacktest.Server) (tss []string, replyTS string) {
	for i := range 5 {
		ts := "170000010" + string(rune('0'+i)) + ".000100"
		m := slacktest.Message{TS: ts, Channel: slacktest.RandomID, User: slacktest.AliceID, Text: "note " + ts}
		if i == 0 {
			m.ThreadTS = ts
		}
		srv.AddMessage(m)
		tss = append(tss, ts)
	}
	reply := srv.AddMessage(slacktest.Message{TS: "1700000200.000100", Channel: slacktest.RandomID, User: slacktest.BobID,
		Text: "a reply", ThreadTS: tss[0]})
	return tss, reply.TS
}

// convNewestFirst returns tss reversed.
func convNewestFirst(tss []string) []string {
	out := slices.Clone(tss)
	slices.Reverse(out)
	return out
}

func TestConversationsHistory(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	tss, replyTS := convSeedHistory(srv)

	page, err := c.Conversations.History(t.Context(), slacktest.RandomID, nil)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.history", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID}})
	if got := convTSs(page.Messages); !slices.Equal(got, convNewestFirst(tss)) {
		t.Errorf("History returned %v, want %v: newest first, without the reply %s", got, convNewestFirst(tss), replyTS)
	}
	if page.HasMore || page.NextCursor != "" {
		t.Errorf("HasMore %v, NextCursor %q on the only page", page.HasMore, page.NextCursor)
	}
	parent := page.Messages[len(page.Messages)-1]
	if parent.Text != "note "+tss[0] || parent.User != slacktest.AliceID || parent.ReplyCount != 1 ||
		parent.ThreadTS != tss[0] || parent.Type != "message" {
		t.Errorf("the thread's parent is %+v, want alice's note with 1 reply", parent)
	}

	page, err = c.Conversations.History(t.Context(), slacktest.RandomID, &slack.ConversationsHistoryParams{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got := convTSs(page.Messages); !slices.Equal(got, convNewestFirst(tss)[:2]) || !page.HasMore || page.NextCursor == "" {
		t.Errorf("a page of 2: %v, HasMore %v, next %q; want %v with more", got, page.HasMore, page.NextCursor,
			convNewestFirst(tss)[:2])
	}

	_, err = c.Conversations.History(t.Context(), convHiddenID, nil)
	assertCode(t, err, slack.ErrChannelNotFound)
}

func TestConversationsHistoryWindow(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	tss, _ := convSeedHistory(srv)
	params := &slack.ConversationsHistoryParams{Oldest: tss[1], Latest: tss[3], Inclusive: true, IncludeAllMetadata: true}
	page, err := c.Conversations.History(t.Context(), slacktest.RandomID, params)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.history", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID},
		"oldest": {tss[1]}, "latest": {tss[3]}, "inclusive": {"true"}, "include_all_metadata": {"true"}})
	if got, want := convTSs(page.Messages), []string{tss[3], tss[2], tss[1]}; !slices.Equal(got, want) {
		t.Errorf("the inclusive window gave %v, want %v", got, want)
	}

	page, err = c.Conversations.History(t.Context(), slacktest.RandomID,
		&slack.ConversationsHistoryParams{Oldest: tss[1], Latest: tss[3]})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := convTSs(page.Messages), []string{tss[2]}; !slices.Equal(got, want) {
		t.Errorf("the exclusive window gave %v, want %v", got, want)
	}
}

func TestConversationsHistoryAllPages(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	tss, _ := convSeedHistory(srv)
	params := &slack.ConversationsHistoryParams{Limit: 2}
	got := convTSs(convValues(t, collect(t, c.Conversations.HistoryAll(t.Context(), slacktest.RandomID, params), 100)))
	if !slices.Equal(got, convNewestFirst(tss)) {
		t.Errorf("HistoryAll yielded %v, want %v", got, convNewestFirst(tss))
	}
	if *params != (slack.ConversationsHistoryParams{Limit: 2}) {
		t.Errorf("HistoryAll changed the params to %+v", *params)
	}
	reqs := srv.Requests("conversations.history")
	if len(reqs) != 3 {
		t.Fatalf("HistoryAll sent %d requests for 5 messages in pages of 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Form.Get("channel") != slacktest.RandomID || r.Form.Get("limit") != "2" || (i == 0) != (r.Form.Get("cursor") == "") {
			t.Errorf("request %d carried %v", i, r.Form)
		}
	}
	checkWire(t, srv, "conversations.history", slacktest.BotToken)
}

func TestConversationsHistoryAllBreak(t *testing.T) {
	checkBreak(t, "conversations.history", func() (iter.Seq2[slack.Message, error], *slacktest.Server) {
		c, srv := newConvWorkspace(t, slacktest.BotToken)
		convSeedHistory(srv)
		return c.Conversations.HistoryAll(t.Context(), slacktest.RandomID, &slack.ConversationsHistoryParams{Limit: 2}), srv
	})
}

func TestConversationsHistoryAllErrorMidway(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	convSeedHistory(srv)
	ys := convFailSecond(t, srv, "conversations.history", "invalid_cursor",
		c.Conversations.HistoryAll(t.Context(), slacktest.RandomID, &slack.ConversationsHistoryParams{Limit: 2}))
	convCheckFailedSecond(t, srv, "conversations.history", ys, 2, slack.ErrInvalidCursor)
}

// --- conversations.replies

// convSeedThread stores in #random a parent from alice and four replies, and returns the parent's ts and
// the replies', oldest first.
func convSeedThread(srv *slacktest.Server) (parent string, replies []string) {
	parent = "1700000300.000100"
	srv.AddMessage(slacktest.Message{TS: parent, Channel: slacktest.RandomID, User: slacktest.AliceID, Text: "plan?",
		ThreadTS: parent})
	for i := range 4 {
		ts := "170000031" + string(rune('0'+i)) + ".000100"
		user := slacktest.BobID
		if i%2 == 1 {
			user = slacktest.BotUserID
		}
		srv.AddMessage(slacktest.Message{TS: ts, Channel: slacktest.RandomID, User: user, Text: "step " + ts,
			ThreadTS: parent})
		replies = append(replies, ts)
	}
	// A message outside the thread.
	srv.AddMessage(slacktest.Message{TS: "1700000320.000100", Channel: slacktest.RandomID, User: slacktest.BobID,
		Text: "unrelated"})
	return parent, replies
}

func TestConversationsReplies(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	parent, replies := convSeedThread(srv)
	page, err := c.Conversations.Replies(t.Context(), slacktest.RandomID, parent, nil)
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.replies", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID},
		"ts": {parent}})
	want := append([]string{parent}, replies...)
	if got := convTSs(page.Messages); !slices.Equal(got, want) {
		t.Fatalf("Replies returned %v, want the parent then the replies: %v", got, want)
	}
	if page.HasMore || page.NextCursor != "" {
		t.Errorf("HasMore %v, NextCursor %q on the only page", page.HasMore, page.NextCursor)
	}
	p := page.Messages[0]
	if p.Text != "plan?" || p.ThreadTS != parent || p.ReplyCount != 4 || p.LatestReply != replies[3] {
		t.Errorf("the parent is %+v, want alice's plan? with 4 replies", p)
	}
	for _, m := range page.Messages[1:] {
		if m.ThreadTS != parent || m.ParentUserID != slacktest.AliceID {
			t.Errorf("the reply %+v is not in alice's thread", m)
		}
	}

	page, err = c.Conversations.Replies(t.Context(), slacktest.RandomID, parent,
		&slack.ConversationsRepliesParams{Limit: 2, Oldest: "1700000000.000000", Latest: "1800000000.000000", Inclusive: true})
	if err != nil {
		t.Fatal(err)
	}
	convWire(t, srv, "conversations.replies", slacktest.BotToken, url.Values{"channel": {slacktest.RandomID},
		"ts": {parent}, "limit": {"2"}, "oldest": {"1700000000.000000"}, "latest": {"1800000000.000000"},
		"inclusive": {"true"}})
	if got := convTSs(page.Messages); !slices.Equal(got, want[:2]) || !page.HasMore || page.NextCursor == "" {
		t.Errorf("a page of 2: %v, HasMore %v, next %q; want %v with more", got, page.HasMore, page.NextCursor, want[:2])
	}

	_, err = c.Conversations.Replies(t.Context(), slacktest.RandomID, "1600000000.000100", nil)
	assertCode(t, err, slack.ErrThreadNotFound)
}

func TestConversationsRepliesAllPages(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	parent, replies := convSeedThread(srv)
	want := append([]string{parent}, replies...)
	params := &slack.ConversationsRepliesParams{Limit: 2}
	got := convTSs(convValues(t, collect(t, c.Conversations.RepliesAll(t.Context(), slacktest.RandomID, parent, params), 100)))
	if !slices.Equal(got, want) {
		t.Errorf("RepliesAll yielded %v, want %v", got, want)
	}
	if *params != (slack.ConversationsRepliesParams{Limit: 2}) {
		t.Errorf("RepliesAll changed the params to %+v", *params)
	}
	reqs := srv.Requests("conversations.replies")
	if len(reqs) != 3 {
		t.Fatalf("RepliesAll sent %d requests for 5 messages in pages of 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Form.Get("ts") != parent || r.Form.Get("limit") != "2" || (i == 0) != (r.Form.Get("cursor") == "") {
			t.Errorf("request %d carried %v", i, r.Form)
		}
	}
	checkWire(t, srv, "conversations.replies", slacktest.BotToken)

	// Ranging again starts over, parent included.
	again := convTSs(convValues(t, collect(t, c.Conversations.RepliesAll(t.Context(), slacktest.RandomID, parent, params), 100)))
	if !slices.Equal(again, want) {
		t.Errorf("a second RepliesAll yielded %v, want %v", again, want)
	}
}

func TestConversationsRepliesAllBreak(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	parent, _ := convSeedThread(srv)
	for range c.Conversations.RepliesAll(t.Context(), slacktest.RandomID, parent, &slack.ConversationsRepliesParams{Limit: 2}) {
		break
	}
	if n := srv.Count("conversations.replies"); n != 1 {
		t.Errorf("break after the parent: %d requests, want 1", n)
	}
}

func TestConversationsRepliesAllErrorMidway(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	parent, _ := convSeedThread(srv)
	ys := convFailSecond(t, srv, "conversations.replies", "thread_not_found",
		c.Conversations.RepliesAll(t.Context(), slacktest.RandomID, parent, &slack.ConversationsRepliesParams{Limit: 2}))
	convCheckFailedSecond(t, srv, "conversations.replies", ys, 2, slack.ErrThreadNotFound)
}

func TestConversationsRepliesAllYieldsARepeatedParentOnce(t *testing.T) {
	// Every page starts with the parent, as Slack's pages of a thread may.
	script := &scriptTransport{bodies: []string{
		`{"ok":true,"messages":[{"ts":"1.000001","thread_ts":"1.000001"},{"ts":"1.000002","thread_ts":"1.000001"}],"has_more":true,"response_metadata":{"next_cursor":"c2"}}`,
		`{"ok":true,"messages":[{"ts":"1.000001","thread_ts":"1.000001"},{"ts":"1.000003","thread_ts":"1.000001"}],"has_more":true,"response_metadata":{"next_cursor":"c3"}}`,
		`{"ok":true,"messages":[{"ts":"1.000001","thread_ts":"1.000001"},{"ts":"1.000004","thread_ts":"1.000001"}],"has_more":false}`,
	}}
	c := script.client(t)
	got := convTSs(convValues(t, collect(t, c.Conversations.RepliesAll(t.Context(), "C1", "1.000001", nil), 100)))
	if want := []string{"1.000001", "1.000002", "1.000003", "1.000004"}; !slices.Equal(got, want) {
		t.Errorf("RepliesAll yielded %v, want %v", got, want)
	}
	if len(script.forms) != 3 || script.forms[1].Get("cursor") != "c2" || script.forms[2].Get("cursor") != "c3" {
		t.Errorf("the requests carried %v", script.forms)
	}

	// Named by one of its replies, the thread is the same, and that reply is not mistaken for the parent.
	byReply := &scriptTransport{bodies: script.bodies}
	got = convTSs(convValues(t, collect(t, byReply.client(t).Conversations.RepliesAll(t.Context(), "C1", "1.000003", nil), 100)))
	if want := []string{"1.000001", "1.000002", "1.000003", "1.000004"}; !slices.Equal(got, want) {
		t.Errorf("RepliesAll by a reply's ts yielded %v, want %v", got, want)
	}
}

// --- Documented errors, checked against the fake.

// convCall is one call of the SDK, its result dropped.
type convCall func(ctx context.Context, c *slack.Client) error

// convSnapshot is the fake's state of every conversation newConvWorkspace knows, and of their messages.
func convSnapshot(srv *slacktest.Server) map[string]any {
	out := map[string]any{}
	for _, id := range []string{slacktest.GeneralID, slacktest.RandomID, slacktest.SecretID, convOutsideID,
		convArchivedID, convHiddenID, convIMID} {
		ch, _ := srv.Channel(id)
		out[id] = ch
		out[id+"/messages"] = srv.Messages(id)
	}
	return out
}

func TestConversationsDocumentedErrors(t *testing.T) {
	archive := func(ch string) convCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Conversations.Archive(ctx, ch) }
	}
	unarchive := func(ch string) convCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Conversations.Unarchive(ctx, ch) }
	}
	closeIM := func(ch string) convCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Conversations.Close(ctx, ch) }
	}
	create := func(name string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Create(ctx, name, nil)
			return err
		}
	}
	info := func(ch string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Info(ctx, ch, nil)
			return err
		}
	}
	invite := func(ch string, users ...string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Invite(ctx, ch, users)
			return err
		}
	}
	join := func(ch string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Join(ctx, ch)
			return err
		}
	}
	kick := func(ch, user string) convCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Conversations.Kick(ctx, ch, user) }
	}
	leave := func(ch string) convCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Conversations.Leave(ctx, ch) }
	}
	open := func(p *slack.ConversationsOpenParams) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Open(ctx, p)
			return err
		}
	}
	rename := func(ch, name string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Rename(ctx, ch, name)
			return err
		}
	}
	topic := func(ch, topic string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.SetTopic(ctx, ch, topic)
			return err
		}
	}
	purpose := func(ch, purpose string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.SetPurpose(ctx, ch, purpose)
			return err
		}
	}
	list := func(p *slack.ConversationsListParams) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.List(ctx, p)
			return err
		}
	}
	members := func(ch string, p *slack.ConversationsMembersParams) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Members(ctx, ch, p)
			return err
		}
	}
	history := func(ch string, p *slack.ConversationsHistoryParams) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.History(ctx, ch, p)
			return err
		}
	}
	replies := func(ch, ts string) convCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Conversations.Replies(ctx, ch, ts, nil)
			return err
		}
	}
	long := strings.Repeat("x", 251)

	tests := []struct {
		name   string
		token  string
		method string
		call   convCall
		want   slack.ErrorCode
	}{
		{"archive unknown", slacktest.UserToken, "conversations.archive", archive(convNoSuchID), slack.ErrChannelNotFound},
		{"archive archived", slacktest.UserToken, "conversations.archive", archive(convArchivedID), slack.ErrAlreadyArchived},
		{"archive general", slacktest.UserToken, "conversations.archive", archive(slacktest.GeneralID), slack.ErrCantArchiveGeneral},
		{"unarchive unknown", slacktest.UserToken, "conversations.unarchive", unarchive(convNoSuchID), slack.ErrChannelNotFound},
		{"unarchive active", slacktest.UserToken, "conversations.unarchive", unarchive(slacktest.RandomID), slack.ErrNotArchived},
		{"close unknown", slacktest.BotToken, "conversations.close", closeIM("D0NOSUCH"), slack.ErrChannelNotFound},
		{"close channel", slacktest.BotToken, "conversations.close", closeIM(slacktest.RandomID), slack.ErrMethodNotSupportedForChannelType},
		{"create taken", slacktest.BotToken, "conversations.create", create("random"), slack.ErrNameTaken},
		{"create specials", slacktest.BotToken, "conversations.create", create("Launch Plan!"), slack.ErrInvalidNameSpecials},
		{"create too long", slacktest.BotToken, "conversations.create", create(strings.Repeat("a", 81)), slack.ErrInvalidNameMaxlength},
		{"info unknown", slacktest.BotToken, "conversations.info", info(convNoSuchID), slack.ErrChannelNotFound},
		{"info hidden", slacktest.BotToken, "conversations.info", info(convHiddenID), slack.ErrChannelNotFound},
		{"invite unknown user", slacktest.UserToken, "conversations.invite", invite(slacktest.RandomID, "U0NOSUCH"), slack.ErrUserNotFound},
		{"invite member", slacktest.UserToken, "conversations.invite", invite(slacktest.RandomID, slacktest.BobID), slack.ErrAlreadyInChannel},
		{"invite self", slacktest.UserToken, "conversations.invite", invite(slacktest.SecretID, slacktest.AliceID), slack.ErrCantInviteSelf},
		{"invite from outside", slacktest.BotToken, "conversations.invite", invite(convOutsideID, slacktest.CarolID), slack.ErrNotInChannel},
		{"invite archived", slacktest.BotToken, "conversations.invite", invite(convArchivedID, slacktest.BobID), slack.ErrIsArchived},
		{"invite unknown channel", slacktest.BotToken, "conversations.invite", invite(convNoSuchID, slacktest.BobID), slack.ErrChannelNotFound},
		{"join archived", slacktest.BotToken, "conversations.join", join(convArchivedID), slack.ErrIsArchived},
		{"join unknown", slacktest.BotToken, "conversations.join", join(convNoSuchID), slack.ErrChannelNotFound},
		{"kick self", slacktest.UserToken, "conversations.kick", kick(slacktest.RandomID, slacktest.AliceID), slack.ErrCantKickSelf},
		{"kick non-member", slacktest.UserToken, "conversations.kick", kick(slacktest.RandomID, slacktest.CarolID), slack.ErrNotInChannel},
		{"kick unknown user", slacktest.UserToken, "conversations.kick", kick(slacktest.RandomID, "U0NOSUCH"), slack.ErrUserNotFound},
		{"kick from general", slacktest.UserToken, "conversations.kick", kick(slacktest.GeneralID, slacktest.BobID), slack.ErrCantKickFromGeneral},
		{"kick unknown channel", slacktest.UserToken, "conversations.kick", kick(convNoSuchID, slacktest.BobID), slack.ErrChannelNotFound},
		{"leave general", slacktest.BotToken, "conversations.leave", leave(slacktest.GeneralID), slack.ErrCantLeaveGeneral},
		{"leave unknown", slacktest.BotToken, "conversations.leave", leave(convNoSuchID), slack.ErrChannelNotFound},
		{"open unknown user", slacktest.BotToken, "conversations.open", open(&slack.ConversationsOpenParams{Users: []string{"U0NOSUCH"}}), slack.ErrUserNotFound},
		{"open unknown channel", slacktest.BotToken, "conversations.open", open(&slack.ConversationsOpenParams{Channel: "D0NOSUCH"}), slack.ErrChannelNotFound},
		{"rename taken", slacktest.UserToken, "conversations.rename", rename(slacktest.RandomID, "general"), slack.ErrNameTaken},
		{"rename specials", slacktest.UserToken, "conversations.rename", rename(slacktest.RandomID, "Water Cooler"), slack.ErrInvalidNameSpecials},
		{"rename from outside", slacktest.BotToken, "conversations.rename", rename(convOutsideID, "inside"), slack.ErrNotInChannel},
		{"rename unknown", slacktest.UserToken, "conversations.rename", rename(convNoSuchID, "nowhere"), slack.ErrChannelNotFound},
		{"topic from outside", slacktest.BotToken, "conversations.setTopic", topic(convOutsideID, "hi"), slack.ErrNotInChannel},
		{"topic archived", slacktest.BotToken, "conversations.setTopic", topic(convArchivedID, "hi"), slack.ErrIsArchived},
		{"topic too long", slacktest.BotToken, "conversations.setTopic", topic(slacktest.RandomID, long), slack.ErrTooLong},
		{"topic unknown", slacktest.BotToken, "conversations.setTopic", topic(convNoSuchID, "hi"), slack.ErrChannelNotFound},
		{"purpose from outside", slacktest.BotToken, "conversations.setPurpose", purpose(convOutsideID, "hi"), slack.ErrNotInChannel},
		{"purpose archived", slacktest.BotToken, "conversations.setPurpose", purpose(convArchivedID, "hi"), slack.ErrIsArchived},
		{"purpose too long", slacktest.BotToken, "conversations.setPurpose", purpose(slacktest.RandomID, long), slack.ErrTooLong},
		{"purpose unknown", slacktest.BotToken, "conversations.setPurpose", purpose(convNoSuchID, "hi"), slack.ErrChannelNotFound},
		{"list bad cursor", slacktest.BotToken, "conversations.list", list(&slack.ConversationsListParams{Cursor: "bm9wZQ=="}), slack.ErrInvalidCursor},
		{"list bad type", slacktest.BotToken, "conversations.list", list(&slack.ConversationsListParams{Types: []string{"channels"}}), slack.ErrInvalidTypes},
		{"list bad token", "xoxb-unknown", "conversations.list", list(nil), slack.ErrInvalidAuth},
		{"members unknown", slacktest.BotToken, "conversations.members", members(convNoSuchID, nil), slack.ErrChannelNotFound},
		{"members bad cursor", slacktest.BotToken, "conversations.members", members(slacktest.GeneralID, &slack.ConversationsMembersParams{Cursor: "bm9wZQ=="}), slack.ErrInvalidCursor},
		{"history unknown", slacktest.BotToken, "conversations.history", history(convNoSuchID, nil), slack.ErrChannelNotFound},
		{"history hidden", slacktest.BotToken, "conversations.history", history(convHiddenID, nil), slack.ErrChannelNotFound},
		{"history bad latest", slacktest.BotToken, "conversations.history", history(slacktest.RandomID, &slack.ConversationsHistoryParams{Latest: "yesterday"}), slack.ErrInvalidTSLatest},
		{"history bad oldest", slacktest.BotToken, "conversations.history", history(slacktest.RandomID, &slack.ConversationsHistoryParams{Oldest: "last week"}), slack.ErrInvalidTSOldest},
		{"replies no thread", slacktest.BotToken, "conversations.replies", replies(slacktest.RandomID, "1600000000.000100"), slack.ErrThreadNotFound},
		{"replies unknown", slacktest.BotToken, "conversations.replies", replies(convNoSuchID, "1600000000.000100"), slack.ErrChannelNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newConvWorkspace(t, tt.token)
			before := convSnapshot(srv)
			err := tt.call(t.Context(), c)
			se := assertCode(t, err, tt.want)
			if se.Method != tt.method || se.StatusCode != http.StatusOK {
				t.Errorf("Method %q, StatusCode %d; want %q, 200", se.Method, se.StatusCode, tt.method)
			}
			if n := srv.Count(tt.method); n != 1 || srv.Count() != 1 {
				t.Errorf("%d %s requests of %d, want exactly one", n, tt.method, srv.Count())
			}
			if after := convSnapshot(srv); !reflect.DeepEqual(after, before) {
				t.Errorf("the refused call changed the workspace:\n got %+v\nwant %+v", after, before)
			}
		})
	}
}

// --- Bad arguments, refused before anything is sent.

func TestConversationsRefusesBadArgumentsBeforeSending(t *testing.T) {
	const ts = "1700000100.000100"
	ctx := context.Background()
	tests := []struct {
		name     string
		argument string
		call     func(c *slack.Client) (any, error)
	}{
		{"archive", "channel", func(c *slack.Client) (any, error) { return nil, c.Conversations.Archive(ctx, "") }},
		{"unarchive", "channel", func(c *slack.Client) (any, error) { return nil, c.Conversations.Unarchive(ctx, " ") }},
		{"close", "channel", func(c *slack.Client) (any, error) { return nil, c.Conversations.Close(ctx, "") }},
		{"create", "name", func(c *slack.Client) (any, error) { return c.Conversations.Create(ctx, "", nil) }},
		{"create empty user", "UserIDs", func(c *slack.Client) (any, error) {
			return c.Conversations.Create(ctx, "x", &slack.ConversationsCreateParams{UserIDs: []string{slacktest.BobID, ""}})
		}},
		{"info", "channel", func(c *slack.Client) (any, error) {
			return c.Conversations.Info(ctx, "", &slack.ConversationsInfoParams{IncludeLocale: true})
		}},
		{"invite no channel", "channel", func(c *slack.Client) (any, error) {
			return c.Conversations.Invite(ctx, "", []string{slacktest.BobID})
		}},
		{"invite nil users", "users", func(c *slack.Client) (any, error) { return c.Conversations.Invite(ctx, slacktest.RandomID, nil) }},
		{"invite no users", "users", func(c *slack.Client) (any, error) {
			return c.Conversations.Invite(ctx, slacktest.RandomID, []string{})
		}},
		{"invite empty user", "users", func(c *slack.Client) (any, error) {
			return c.Conversations.Invite(ctx, slacktest.RandomID, []string{slacktest.BobID, " "})
		}},
		{"invite comma", "users", func(c *slack.Client) (any, error) {
			return c.Conversations.Invite(ctx, slacktest.RandomID, []string{slacktest.BobID + "," + slacktest.CarolID})
		}},
		{"join", "channel", func(c *slack.Client) (any, error) { return c.Conversations.Join(ctx, "") }},
		{"kick no channel", "channel", func(c *slack.Client) (any, error) { return nil, c.Conversations.Kick(ctx, "", slacktest.BobID) }},
		{"kick no user", "user", func(c *slack.Client) (any, error) { return nil, c.Conversations.Kick(ctx, slacktest.RandomID, "") }},
		{"leave", "channel", func(c *slack.Client) (any, error) { return nil, c.Conversations.Leave(ctx, "") }},
		{"open nil", "channel or users", func(c *slack.Client) (any, error) { return c.Conversations.Open(ctx, nil) }},
		{"open empty", "channel or users", func(c *slack.Client) (any, error) {
			return c.Conversations.Open(ctx, &slack.ConversationsOpenParams{ReturnIM: true})
		}},
		{"open both", "exclusive", func(c *slack.Client) (any, error) {
			return c.Conversations.Open(ctx, &slack.ConversationsOpenParams{Channel: " ", Users: []string{slacktest.BobID}})
		}},
		{"open empty user", "Users", func(c *slack.Client) (any, error) {
			return c.Conversations.Open(ctx, &slack.ConversationsOpenParams{Users: []string{""}})
		}},
		{"rename no channel", "channel", func(c *slack.Client) (any, error) { return c.Conversations.Rename(ctx, "", "x") }},
		{"rename no name", "name", func(c *slack.Client) (any, error) { return c.Conversations.Rename(ctx, slacktest.RandomID, "") }},
		{"topic", "channel", func(c *slack.Client) (any, error) { return c.Conversations.SetTopic(ctx, "", "x") }},
		{"purpose", "channel", func(c *slack.Client) (any, error) { return c.Conversations.SetPurpose(ctx, "", "x") }},
		{"list negative limit", "limit", func(c *slack.Client) (any, error) {
			return c.Conversations.List(ctx, &slack.ConversationsListParams{Limit: -1})
		}},
		{"list huge limit", "limit", func(c *slack.Client) (any, error) {
			return c.Conversations.List(ctx, &slack.ConversationsListParams{Limit: 1001})
		}},
		{"list empty type", "Types", func(c *slack.Client) (any, error) {
			return c.Conversations.List(ctx, &slack.ConversationsListParams{Types: []string{slack.ConversationTypeIM, ""}})
		}},
		{"members", "channel", func(c *slack.Client) (any, error) { return c.Conversations.Members(ctx, "", nil) }},
		{"members limit", "limit", func(c *slack.Client) (any, error) {
			return c.Conversations.Members(ctx, slacktest.GeneralID, &slack.ConversationsMembersParams{Limit: 1001})
		}},
		{"history", "channel", func(c *slack.Client) (any, error) { return c.Conversations.History(ctx, "", nil) }},
		{"history limit", "limit", func(c *slack.Client) (any, error) {
			return c.Conversations.History(ctx, slacktest.RandomID, &slack.ConversationsHistoryParams{Limit: -5})
		}},
		{"replies no channel", "channel", func(c *slack.Client) (any, error) { return c.Conversations.Replies(ctx, "", ts, nil) }},
		{"replies no ts", "ts", func(c *slack.Client) (any, error) { return c.Conversations.Replies(ctx, slacktest.RandomID, "", nil) }},
		{"replies limit", "limit", func(c *slack.Client) (any, error) {
			return c.Conversations.Replies(ctx, slacktest.RandomID, ts, &slack.ConversationsRepliesParams{Limit: 2000})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			got, err := tt.call(c)
			assertNothingSent(t, srv, err, tt.argument)
			if got != nil && !reflect.ValueOf(got).IsNil() {
				t.Errorf("returned %+v with the error", got)
			}
		})
	}
}

func TestConversationsIteratorsRefuseBadArguments(t *testing.T) {
	const ts = "1700000100.000100"
	tests := []struct {
		name     string
		argument string
		count    func(ctx context.Context, c *slack.Client) (n int, err error)
	}{
		{"ListAll", "limit", func(ctx context.Context, c *slack.Client) (int, error) {
			return convCount(c.Conversations.ListAll(ctx, &slack.ConversationsListParams{Limit: 1001}))
		}},
		{"MembersAll channel", "channel", func(ctx context.Context, c *slack.Client) (int, error) {
			return convCount(c.Conversations.MembersAll(ctx, "", nil))
		}},
		{"MembersAll limit", "limit", func(ctx context.Context, c *slack.Client) (int, error) {
			return convCount(c.Conversations.MembersAll(ctx, slacktest.GeneralID, &slack.ConversationsMembersParams{Limit: -1}))
		}},
		{"HistoryAll channel", "channel", func(ctx context.Context, c *slack.Client) (int, error) {
			return convCount(c.Conversations.HistoryAll(ctx, "", nil))
		}},
		{"HistoryAll limit", "limit", func(ctx context.Context, c *slack.Client) (int, error) {
			return convCount(c.Conversations.HistoryAll(ctx, slacktest.RandomID, &slack.ConversationsHistoryParams{Limit: 5000}))
		}},
		{"RepliesAll ts", "ts", func(ctx context.Context, c *slack.Client) (int, error) {
			return convCount(c.Conversations.RepliesAll(ctx, slacktest.RandomID, "", nil))
		}},
		{"RepliesAll limit", "limit", func(ctx context.Context, c *slack.Client) (int, error) {
			return convCount(c.Conversations.RepliesAll(ctx, slacktest.RandomID, ts, &slack.ConversationsRepliesParams{Limit: -1}))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			n, err := tt.count(t.Context(), c)
			if n != 1 {
				t.Errorf("yielded %d times, want once (the error)", n)
			}
			assertNothingSent(t, srv, err, tt.argument)
		})
	}
}

// convCount ranges over seq and returns how many times it yielded and the first error.
func convCount[T any](seq iter.Seq2[T, error]) (int, error) {
	n := 0
	var first error
	for v, err := range seq {
		n++
		if err != nil && first == nil {
			first = err
			if !reflect.ValueOf(&v).Elem().IsZero() {
				return -1, err
			}
		}
		if n > 10 {
			break
		}
	}
	return n, first
}

func TestConversationsOptionalParamsMayBeNil(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.BotToken)
	tss, _ := convSeedHistory(srv)
	if _, err := c.Conversations.Create(t.Context(), "nil-params", nil); err != nil {
		t.Errorf("Create: %v", err)
	}
	if _, err := c.Conversations.Info(t.Context(), slacktest.RandomID, nil); err != nil {
		t.Errorf("Info: %v", err)
	}
	if _, err := c.Conversations.List(t.Context(), nil); err != nil {
		t.Errorf("List: %v", err)
	}
	if _, err := c.Conversations.Members(t.Context(), slacktest.RandomID, nil); err != nil {
		t.Errorf("Members: %v", err)
	}
	if _, err := c.Conversations.History(t.Context(), slacktest.RandomID, nil); err != nil {
		t.Errorf("History: %v", err)
	}
	if _, err := c.Conversations.Replies(t.Context(), slacktest.RandomID, tss[0], nil); err != nil {
		t.Errorf("Replies: %v", err)
	}
	for _, seq := range []func() (int, error){
		func() (int, error) { return convCount(c.Conversations.ListAll(t.Context(), nil)) },
		func() (int, error) {
			return convCount(c.Conversations.MembersAll(t.Context(), slacktest.RandomID, nil))
		},
		func() (int, error) {
			return convCount(c.Conversations.HistoryAll(t.Context(), slacktest.RandomID, nil))
		},
		func() (int, error) {
			return convCount(c.Conversations.RepliesAll(t.Context(), slacktest.RandomID, tss[0], nil))
		},
	} {
		if n, err := seq(); err != nil || n == 0 {
			t.Errorf("an iterator with nil params yielded %d values, error %v", n, err)
		}
	}
}

func TestConversationsDoesNotChangeParams(t *testing.T) {
	c, srv := newConvWorkspace(t, slacktest.UserToken)
	tss, _ := convSeedHistory(srv)

	create := &slack.ConversationsCreateParams{UserIDs: []string{slacktest.BobID}}
	if _, err := c.Conversations.Create(t.Context(), "kept", create); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(create, &slack.ConversationsCreateParams{UserIDs: []string{slacktest.BobID}}) {
		t.Errorf("Create changed its params to %+v", create)
	}
	open := &slack.ConversationsOpenParams{Users: []string{slacktest.BobID}}
	if _, err := c.Conversations.Open(t.Context(), open); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(open, &slack.ConversationsOpenParams{Users: []string{slacktest.BobID}}) {
		t.Errorf("Open changed its params to %+v", open)
	}
	list := &slack.ConversationsListParams{Types: []string{slack.ConversationTypePublic}}
	collect(t, c.Conversations.ListAll(t.Context(), list), 100)
	if !reflect.DeepEqual(list, &slack.ConversationsListParams{Types: []string{slack.ConversationTypePublic}}) {
		t.Errorf("ListAll changed its params to %+v", list)
	}
	members := &slack.ConversationsMembersParams{}
	collect(t, c.Conversations.MembersAll(t.Context(), slacktest.GeneralID, members), 100)
	if *members != (slack.ConversationsMembersParams{}) {
		t.Errorf("MembersAll changed its params to %+v", *members)
	}
	history := &slack.ConversationsHistoryParams{Oldest: tss[0]}
	collect(t, c.Conversations.HistoryAll(t.Context(), slacktest.RandomID, history), 100)
	if *history != (slack.ConversationsHistoryParams{Oldest: tss[0]}) {
		t.Errorf("HistoryAll changed its params to %+v", *history)
	}
	replies := &slack.ConversationsRepliesParams{Inclusive: true}
	collect(t, c.Conversations.RepliesAll(t.Context(), slacktest.RandomID, tss[0], replies), 100)
	if *replies != (slack.ConversationsRepliesParams{Inclusive: true}) {
		t.Errorf("RepliesAll changed its params to %+v", *replies)
	}
}

// TestConversationsLeaveNotInChannelShapes: Slack's docs answer {"ok":false,"not_in_channel":true} to a
// caller who was not in the conversation, its OpenAPI spec {"ok":true,"not_in_channel":true}; both are
// success, while ok:false with neither an error code nor the flag is still an invalid answer.
func TestConversationsLeaveNotInChannelShapes(t *testing.T) {
	for body, want := range map[string]slack.ErrorCode{
		`{"ok":false,"not_in_channel":true}`:                             "",
		`{"ok":true,"not_in_channel":true}`:                              "",
		`{"ok":false}`:                                                   slack.ErrInvalidResponse,
		`{"ok":false,"not_in_channel":true,"error":"channel_not_found"}`: slack.ErrChannelNotFound,
	} {
		err := replayClient(t, http.StatusOK, []byte(body)).Conversations.Leave(t.Context(), "C1")
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v, want success", body, err)
			}
			continue
		}
		assertCode(t, err, want)
	}
}

// TestConversationsAnswersDecodeMetadataAndSharing: a message's app metadata (asked for with
// IncludeAllMetadata) and a shared channel's fields decode.
func TestConversationsAnswersDecodeMetadataAndSharing(t *testing.T) {
	history := `{"ok":true,"messages":[{"type":"message","ts":"1700000000.000100","text":"deployed",` +
		`"metadata":{"event_type":"deploy_finished","event_payload":{"service":"api","build":42}}}],"has_more":false}`
	page, err := replayClient(t, http.StatusOK, []byte(history)).Conversations.History(t.Context(), "C1",
		&slack.ConversationsHistoryParams{IncludeAllMetadata: true})
	if err != nil {
		t.Fatal(err)
	}
	md := page.Messages[0].Metadata
	if md == nil || md.EventType != "deploy_finished" || string(md.EventPayload) != `{"service":"api","build":42}` {
		t.Errorf("metadata = %+v", md)
	}

	info := `{"ok":true,"channel":{"id":"C1","name":"shared","is_channel":true,"is_ext_shared":true,` +
		`"context_team_id":"T1","shared_team_ids":["T1","T2"],"is_pending_ext_shared":false,"pending_shared":[],` +
		`"parent_conversation":null,"unlinked":0}}`
	ch, err := replayClient(t, http.StatusOK, []byte(info)).Conversations.Info(t.Context(), "C1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ch.ContextTeamID != "T1" || !slices.Equal(ch.SharedTeamIDs, []string{"T1", "T2"}) || !ch.IsExtShared ||
		ch.ParentConversation != "" {
		t.Errorf("channel = %+v", ch)
	}
}
