package slack_test

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	const ts = "1358546515.000008"
	registerFixtures(map[string]fixtureCall{
		"groups.replies": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.Replies(ctx, "G024BE91L", ts)
		},
		"groups.rename": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.Rename(ctx, "G024BE91L", "new_name", nil)
		},
		"groups.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.List(ctx, nil)
		},
		"groups.kick": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.Kick(ctx, "G024BE91L", "U024BE7LV")
		},
		"groups.mark": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.Mark(ctx, "G024BE91L", ts)
		},
		"groups.info": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.Info(ctx, "G024BE91L", nil)
		},
		"groups.leave": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.Leave(ctx, "G024BE91L")
		},
		"groups.createChild": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.CreateChild(ctx, "G024BE91L")
		},
		"groups.invite": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.Invite(ctx, "G024BE91L", "U0G9QF9C6")
		},
		"groups.create": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.Create(ctx, "secretplans", nil)
		},
		"groups.open": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.Open(ctx, "G024BE91L")
		},
		"groups.history": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Groups.History(ctx, "G024BE91L", nil)
		},
		"groups.setTopic": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.SetTopic(ctx, "G024BE91L", "Secret plans on hold")
		},
		"groups.setPurpose": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.SetPurpose(ctx, "G024BE91L", "Discuss secret plans")
		},
		"groups.unarchive": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.Unarchive(ctx, "G024BE91L")
		},
		"groups.archive": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Groups.Archive(ctx, "G024BE91L")
		},
	})
}

// The private channels of newGroupsWorkspace, besides the seeded #secret (alice and the bot).
const (
	groupsTeamID     = "G0TEAM"     // #team: alice, bob and the bot, with a topic and a purpose
	groupsArchivedID = "G0ARCHIVED" // #old-team, archived: alice and the bot
	groupsOutsideID  = "G0OUTSIDE"  // #outside: bob and carol
)

// newGroupsWorkspace is newClientFor token on a seeded workspace with the private channels above. The
// setup sends no request.
func newGroupsWorkspace(t *testing.T, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	srv.AddChannel(slacktest.Channel{ID: groupsTeamID, Name: "team", IsPrivate: true, Creator: slacktest.AliceID,
		Topic: "Sprint 12", Purpose: "The core team", Members: []string{slacktest.AliceID, slacktest.BobID, slacktest.BotUserID}})
	srv.AddChannel(slacktest.Channel{ID: groupsArchivedID, Name: "old-team", IsPrivate: true, IsArchived: true,
		Creator: slacktest.AliceID, Members: []string{slacktest.AliceID, slacktest.BotUserID}})
	srv.AddChannel(slacktest.Channel{ID: groupsOutsideID, Name: "outside", IsPrivate: true, Creator: slacktest.BobID,
		Members: []string{slacktest.BobID, slacktest.CarolID}})
	return legacyClient(t, srv, token), srv
}

// groupsCall is a call of a groups.* method whose result does not matter.
type groupsCall func(ctx context.Context, c *slack.Client) error

// groupsErrorCase is a call that Slack refuses with a documented code.
type groupsErrorCase struct {
	name  string
	token string // alice's when empty
	call  groupsCall
	want  slack.ErrorCode
}

// groupsRunErrors runs each case on a new workspace and checks the code, that one request was sent, and
// that the workspace did not change.
func groupsRunErrors(t *testing.T, cases []groupsErrorCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			token := tt.token
			if token == "" {
				token = slacktest.UserToken
			}
			c, srv := newGroupsWorkspace(t, token)
			before := groupsSnapshot(srv)

			err := tt.call(t.Context(), c)

			assertCode(t, err, tt.want)
			if n := srv.Count(); n != 1 {
				t.Errorf("the server received %d requests, want 1", n)
			}
			if after := groupsSnapshot(srv); !reflect.DeepEqual(before, after) {
				t.Errorf("the failed call changed the workspace:\nbefore %+v\n after %+v", before, after)
			}
		})
	}
}

// groupsSnapshot is the state of the conversations of newGroupsWorkspace.
func groupsSnapshot(srv *slacktest.Server) map[string]slacktest.Channel {
	out := map[string]slacktest.Channel{}
	for _, id := range []string{slacktest.GeneralID, slacktest.SecretID, groupsTeamID, groupsArchivedID, groupsOutsideID} {
		ch, _ := srv.Channel(id)
		out[id] = ch
	}
	return out
}

// groupsBadInput checks that call is refused before sending, naming argument.
func groupsBadInput(t *testing.T, argument string, call groupsCall) {
	t.Helper()
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	assertNothingSent(t, srv, call(t.Context(), c), argument)
}

// --- groups.history: the tests shared with im.history (im_test.go).

var groupsHistoryFamily = legacyHistoryFamily{
	method: "groups.history", token: slacktest.UserToken, channel: slacktest.SecretID,
	newServer: slacktest.New,
	history: func(ctx context.Context, c *slack.Client, channel string, p *slack.IMHistoryParams) (*slack.HistoryResponse, error) {
		return c.Groups.History(ctx, channel, (*slack.GroupsHistoryParams)(p))
	},
	all: func(ctx context.Context, c *slack.Client, channel string, p *slack.IMHistoryParams) iter.Seq2[slack.Message, error] {
		return c.Groups.HistoryAll(ctx, channel, (*slack.GroupsHistoryParams)(p))
	},
}

func TestGroupsHistory(t *testing.T)         { legacyHistoryPage(t, groupsHistoryFamily) }
func TestGroupsHistoryErrors(t *testing.T)   { legacyHistoryErrors(t, groupsHistoryFamily) }
func TestGroupsHistoryBadInput(t *testing.T) { legacyHistoryBadInput(t, groupsHistoryFamily) }
func TestGroupsHistoryAllPages(t *testing.T) { legacyHistoryAllPages(t, groupsHistoryFamily) }
func TestGroupsHistoryAllEndsWithoutHasMore(t *testing.T) {
	legacyHistoryAllEndsWithoutHasMore(t, groupsHistoryFamily)
}
func TestGroupsHistoryAllDefaults(t *testing.T)  { legacyHistoryAllDefaults(t, groupsHistoryFamily) }
func TestGroupsHistoryAllInclusive(t *testing.T) { legacyHistoryAllInclusive(t, groupsHistoryFamily) }
func TestGroupsHistoryAllBreak(t *testing.T)     { legacyHistoryAllBreak(t, groupsHistoryFamily) }
func TestGroupsHistoryAllErrorOnPageTwo(t *testing.T) {
	legacyHistoryAllErrorOnPageTwo(t, groupsHistoryFamily)
}
func TestGroupsHistoryAllStopsOnRepeats(t *testing.T) {
	legacyHistoryAllStopsOnRepeats(t, groupsHistoryFamily)
}

func TestGroupsHistoryOfIMs(t *testing.T) {
	// groups.history sees only private channels, and im.history only IMs.
	c, srv := newIMWorkspace(t)
	_, err := c.Groups.History(t.Context(), imAliceID, nil)
	assertCode(t, err, slack.ErrChannelNotFound)
	_, err = c.IM.History(t.Context(), slacktest.SecretID, nil)
	assertCode(t, err, slack.ErrChannelNotFound)
	if n := srv.Count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// --- groups.replies

func TestGroupsReplies(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	tss := legacyThread(srv, slacktest.SecretID)

	msgs, err := c.Groups.Replies(t.Context(), slacktest.SecretID, tss[0])
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.replies", slacktest.UserToken, map[string]string{"channel": slacktest.SecretID,
		"thread_ts": tss[0]})
	legacyCheckThread(t, msgs, tss)
}

func TestGroupsRepliesErrors(t *testing.T) {
	const parent = "1700002000.000100"
	replies := func(channel, ts string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Replies(ctx, channel, ts)
			return err
		}
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"unknown thread", "", replies(slacktest.SecretID, parent), slack.ErrThreadNotFound},
		{"public channel", "", replies(slacktest.GeneralID, parent), slack.ErrChannelNotFound},
		{"channel of others", "", replies(groupsOutsideID, parent), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", replies("", parent))
	groupsBadInput(t, "threadTS", replies(slacktest.SecretID, ""))
}

// --- groups.rename

func TestGroupsRename(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)

	ch, err := c.Groups.Rename(t.Context(), groupsTeamID, "crew", nil)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.rename", slacktest.UserToken, map[string]string{"channel": groupsTeamID, "name": "crew"})
	if ch.ID != groupsTeamID || ch.Name != "crew" || !ch.IsGroup || ch.Created.IsZero() {
		t.Errorf("renamed = %+v, want %s named crew", ch, groupsTeamID)
	}
	if got := channelState(t, srv, groupsTeamID).Name; got != "crew" {
		t.Errorf("the fake holds the name %q, want crew", got)
	}

	if _, err := c.Groups.Rename(t.Context(), groupsTeamID, "squad", &slack.GroupsRenameParams{Validate: true}); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.rename", slacktest.UserToken, map[string]string{"channel": groupsTeamID, "name": "squad",
		"validate": "true"})
}

func TestGroupsRenameErrors(t *testing.T) {
	rename := func(channel, name string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Rename(ctx, channel, name, nil)
			return err
		}
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"name taken", "", rename(groupsTeamID, "secret"), slack.ErrNameTaken},
		{"public channel", "", rename(slacktest.GeneralID, "lobby"), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", rename("", "crew"))
	groupsBadInput(t, "name", rename(groupsTeamID, " "))
}

// --- groups.list

func TestGroupsList(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)

	page, err := c.Groups.List(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.list", slacktest.UserToken, map[string]string{})
	got := legacyIDs(page.Groups)
	slices.Sort(got)
	if want := []string{groupsArchivedID, slacktest.SecretID, groupsTeamID}; !slices.Equal(got, want) || page.NextCursor != "" {
		t.Errorf("groups %v (next %q), want alice's private channels %v on one page", got, page.NextCursor, want)
	}
	for _, g := range page.Groups {
		if !g.IsGroup || g.Name == "" || !slices.Contains(g.Members, slacktest.AliceID) {
			t.Errorf("group %+v: want is_group, a name and alice among the members", g)
		}
		if g.ID == groupsTeamID && (g.Topic.Value != "Sprint 12" || g.Purpose.Value != "The core team") {
			t.Errorf("#team's topic and purpose are %q and %q", g.Topic.Value, g.Purpose.Value)
		}
	}

	page, err = c.Groups.List(t.Context(), &slack.GroupsListParams{ExcludeArchived: true, ExcludeMembers: true})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.list", slacktest.UserToken, map[string]string{"exclude_archived": "true",
		"exclude_members": "true"})
	got = legacyIDs(page.Groups)
	slices.Sort(got)
	if want := []string{slacktest.SecretID, groupsTeamID}; !slices.Equal(got, want) {
		t.Errorf("without archived: %v, want %v", got, want)
	}
	for _, g := range page.Groups {
		if len(g.Members) != 0 {
			t.Errorf("%s came with members %v despite exclude_members", g.ID, g.Members)
		}
	}
}

func TestGroupsListErrors(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	_, err := legacyClient(t, srv, "xoxp-unknown").Groups.List(t.Context(), nil)
	assertCode(t, err, slack.ErrInvalidAuth)
	_, err = c.Groups.List(t.Context(), &slack.GroupsListParams{Cursor: "bm90IGEgY3Vyc29y"})
	assertCode(t, err, slack.ErrInvalidCursor)

	srv.ResetRequests()
	_, err = c.Groups.List(t.Context(), &slack.GroupsListParams{Limit: -1})
	assertNothingSent(t, srv, err, "limit")
	_, err = c.Groups.List(t.Context(), &slack.GroupsListParams{Limit: 1001, ExcludeArchived: true})
	assertNothingSent(t, srv, err, "limit")
}

// groupsAdd adds n private channels of alice, and returns the IDs of all of alice's private channels in
// newGroupsWorkspace, sorted.
func groupsAdd(srv *slacktest.Server, n int) []string {
	ids := []string{slacktest.SecretID, groupsTeamID, groupsArchivedID}
	for i := range n {
		id := fmt.Sprintf("G0PROJ%03d", i)
		srv.AddChannel(slacktest.Channel{ID: id, Name: fmt.Sprintf("project-%d", i), IsPrivate: true,
			Creator: slacktest.AliceID, Members: []string{slacktest.AliceID}})
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func TestGroupsListAllPages(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	want := groupsAdd(srv, 3) // 6 private channels: 3 pages of 2

	params := &slack.GroupsListParams{Limit: 2, ExcludeMembers: true}
	before := *params
	var got []string
	for _, y := range collect(t, c.Groups.ListAll(t.Context(), params), 100) {
		if y.err != nil {
			t.Fatal(y.err)
		}
		got = append(got, y.v.ID)
	}
	if sorted := slices.Sorted(slices.Values(got)); !slices.Equal(sorted, want) {
		t.Errorf("ListAll yielded %v, want each of %v once", got, want)
	}
	if *params != before {
		t.Errorf("ListAll changed the params to %+v, from %+v", *params, before)
	}
	reqs := srv.Requests("groups.list")
	if len(reqs) != 3 {
		t.Fatalf("%d groups.list requests, want 3", len(reqs))
	}
	legacyForm(t, reqs[0], map[string]string{"limit": "2", "exclude_members": "true"})
	for i, r := range reqs[1:] {
		cursor := r.Form.Get("cursor")
		if cursor == "" || cursor == reqs[i].Form.Get("cursor") {
			t.Errorf("request %d carried cursor %q", i+2, cursor)
		}
		legacyForm(t, r, map[string]string{"limit": "2", "exclude_members": "true", "cursor": cursor})
	}
	checkWire(t, srv, "groups.list", slacktest.UserToken)

	srv.ResetRequests()
	if ys := collect(t, c.Groups.ListAll(t.Context(), nil), 100); len(ys) != len(want) {
		t.Errorf("ListAll(nil) yielded %d groups, want %d", len(ys), len(want))
	}
	legacyForm(t, lastRequest(t, srv, "groups.list"), map[string]string{"limit": "200"})
}

func TestGroupsListAllBreak(t *testing.T) {
	checkBreak(t, "groups.list", func() (iter.Seq2[slack.Conversation, error], *slacktest.Server) {
		c, srv := newGroupsWorkspace(t, slacktest.UserToken)
		groupsAdd(srv, 3)
		return c.Groups.ListAll(t.Context(), &slack.GroupsListParams{Limit: 2}), srv
	})
}

func TestGroupsListAllErrorOnPageTwo(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	groupsAdd(srv, 3)
	var ys []yielded[slack.Conversation]
	for g, err := range c.Groups.ListAll(t.Context(), &slack.GroupsListParams{Limit: 2}) {
		if len(ys) == 0 {
			srv.Inject("groups.list", slacktest.Fault{Body: `{"ok":false,"error":"invalid_cursor"}`})
		}
		ys = append(ys, yielded[slack.Conversation]{g, err})
		if len(ys) > 10 {
			t.Fatal("the iterator did not stop")
		}
	}
	if len(ys) != 3 || ys[0].err != nil || ys[1].err != nil {
		t.Fatalf("yielded %d values, want 2 groups and an error", len(ys))
	}
	assertCode(t, ys[2].err, slack.ErrInvalidCursor)
	if !reflect.ValueOf(ys[2].v).IsZero() {
		t.Errorf("the error came with %+v, want the zero Conversation", ys[2].v)
	}
	if n := srv.Count("groups.list"); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// --- groups.kick, groups.invite, groups.leave

func TestGroupsKick(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	if err := c.Groups.Kick(t.Context(), groupsTeamID, slacktest.BobID); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.kick", slacktest.UserToken, map[string]string{"channel": groupsTeamID, "user": slacktest.BobID})
	if got := channelState(t, srv, groupsTeamID).Members; slices.Contains(got, slacktest.BobID) || len(got) != 2 {
		t.Errorf("members after the kick: %v, want alice and the bot", got)
	}
}

func TestGroupsKickErrors(t *testing.T) {
	kick := func(channel, user string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.Kick(ctx, channel, user) }
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"self", "", kick(groupsTeamID, slacktest.AliceID), slack.ErrCantKickSelf},
		{"not a member", "", kick(groupsTeamID, slacktest.CarolID), slack.ErrNotInGroup},
		{"unknown user", "", kick(groupsTeamID, "U0NOBODY"), slack.ErrUserNotFound},
		{"public channel", "", kick(slacktest.GeneralID, slacktest.BobID), slack.ErrChannelNotFound},
		{"channel of others", "", kick(groupsOutsideID, slacktest.BobID), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", kick("", slacktest.BobID))
	groupsBadInput(t, "user", kick(groupsTeamID, ""))
}

func TestGroupsInvite(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	g, err := c.Groups.Invite(t.Context(), groupsTeamID, slacktest.CarolID)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.invite", slacktest.UserToken, map[string]string{"channel": groupsTeamID,
		"user": slacktest.CarolID})
	if g.ID != groupsTeamID || g.Name != "team" || !g.IsGroup || !slices.Contains(g.Members, slacktest.CarolID) {
		t.Errorf("group = %+v, want #team with carol", g)
	}
	if !slices.Contains(channelState(t, srv, groupsTeamID).Members, slacktest.CarolID) {
		t.Error("carol is not a member in the fake")
	}
	// Inviting a member again succeeds and changes nothing.
	if _, err := c.Groups.Invite(t.Context(), groupsTeamID, slacktest.CarolID); err != nil {
		t.Errorf("inviting again: %v", err)
	}
	if got := channelState(t, srv, groupsTeamID).Members; len(got) != 4 {
		t.Errorf("members %v, want 4", got)
	}
}

func TestGroupsInviteErrors(t *testing.T) {
	invite := func(channel, user string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Invite(ctx, channel, user)
			return err
		}
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"self", "", invite(groupsTeamID, slacktest.AliceID), slack.ErrCantInviteSelf},
		{"unknown user", "", invite(groupsTeamID, "U0NOBODY"), slack.ErrUserNotFound},
		{"archived", "", invite(groupsArchivedID, slacktest.CarolID), slack.ErrIsArchived},
		{"public channel", "", invite(slacktest.GeneralID, slacktest.CarolID), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", invite("", slacktest.CarolID))
	groupsBadInput(t, "user", invite(groupsTeamID, ""))
}

func TestGroupsLeave(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	if err := c.Groups.Leave(t.Context(), groupsTeamID); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.leave", slacktest.UserToken, map[string]string{"channel": groupsTeamID})
	if got := channelState(t, srv, groupsTeamID).Members; slices.Contains(got, slacktest.AliceID) {
		t.Errorf("alice is still a member: %v", got)
	}
	// Gone from the channel, alice no longer sees it.
	_, err := c.Groups.Info(t.Context(), groupsTeamID, nil)
	assertCode(t, err, slack.ErrChannelNotFound)
}

func TestGroupsLeaveErrors(t *testing.T) {
	leave := func(channel string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.Leave(ctx, channel) }
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"archived", "", leave(groupsArchivedID), slack.ErrIsArchived},
		{"public channel", "", leave(slacktest.GeneralID), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", leave(""))
}

// --- groups.mark, groups.info, groups.open

func TestGroupsMark(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	tss := legacyAddMessages(srv, slacktest.SecretID, slacktest.BotUserID, 2)
	if err := c.Groups.Mark(t.Context(), slacktest.SecretID, tss[0]); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.mark", slacktest.UserToken, map[string]string{"channel": slacktest.SecretID, "ts": tss[0]})
	if got := channelState(t, srv, slacktest.SecretID).ReadBy[slacktest.AliceID]; got != tss[0] {
		t.Errorf("LastRead %q, want %q", got, tss[0])
	}
}

func TestGroupsMarkErrors(t *testing.T) {
	mark := func(channel, ts string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.Mark(ctx, channel, ts) }
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"bad ts", "", mark(slacktest.SecretID, "noon"), slack.ErrInvalidTimestamp},
		{"public channel", "", mark(slacktest.GeneralID, "1700000000.000100"), slack.ErrChannelNotFound},
		{"channel of others", "", mark(groupsOutsideID, "1700000000.000100"), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", mark("", "1700000000.000100"))
	groupsBadInput(t, "ts", mark(slacktest.SecretID, ""))
}

func TestGroupsInfo(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.BotToken)

	g, err := c.Groups.Info(t.Context(), groupsTeamID, nil)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.info", slacktest.BotToken, map[string]string{"channel": groupsTeamID})
	if g.ID != groupsTeamID || g.Name != "team" || !g.IsGroup || g.IsChannel || g.Creator != slacktest.AliceID ||
		g.Created.IsZero() || g.Topic.Value != "Sprint 12" || g.Purpose.Value != "The core team" {
		t.Errorf("group = %+v, want #team", g)
	}
	if members := slices.Sorted(slices.Values(g.Members)); !slices.Equal(members,
		[]string{slacktest.AliceID, slacktest.BobID, slacktest.BotUserID}) {
		t.Errorf("members %v, want alice, bob and the bot", g.Members)
	}
	if g.Locale != "" {
		t.Errorf("Locale %q without IncludeLocale", g.Locale)
	}

	g, err = c.Groups.Info(t.Context(), groupsArchivedID, &slack.GroupsInfoParams{IncludeLocale: true})
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.info", slacktest.BotToken, map[string]string{"channel": groupsArchivedID,
		"include_locale": "true"})
	if !g.IsArchived || g.Locale == "" {
		t.Errorf("archived group = %+v, want is_archived and a locale", g)
	}
}

func TestGroupsInfoErrors(t *testing.T) {
	info := func(channel string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Info(ctx, channel, nil)
			return err
		}
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"unknown", "", info("G0NOPE"), slack.ErrChannelNotFound},
		{"public channel", "", info(slacktest.GeneralID), slack.ErrChannelNotFound},
		{"channel of others", "", info(groupsOutsideID), slack.ErrChannelNotFound},
		{"bad token", "xoxp-unknown", info(groupsTeamID), slack.ErrInvalidAuth},
	})
	groupsBadInput(t, "channel", info(""))
}

func TestGroupsOpen(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)
	if err := c.Groups.Open(t.Context(), groupsTeamID); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.open", slacktest.UserToken, map[string]string{"channel": groupsTeamID})
	if !slices.Contains(channelState(t, srv, groupsTeamID).OpenFor, slacktest.AliceID) {
		t.Error("#team is not open for alice")
	}
	// Opening again succeeds (Slack answers no_op, already_open).
	if err := c.Groups.Open(t.Context(), groupsTeamID); err != nil {
		t.Errorf("opening again: %v", err)
	}
}

func TestGroupsOpenErrors(t *testing.T) {
	open := func(channel string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.Open(ctx, channel) }
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"public channel", "", open(slacktest.GeneralID), slack.ErrChannelNotFound},
		{"channel of others", "", open(groupsOutsideID), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", open(" "))
}

// --- groups.create, groups.createChild

func TestGroupsCreate(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)

	g, err := c.Groups.Create(t.Context(), "plans", nil)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.create", slacktest.UserToken, map[string]string{"name": "plans"})
	if !strings.HasPrefix(g.ID, "G") || g.Name != "plans" || !g.IsGroup || g.Creator != slacktest.AliceID ||
		!slices.Equal(g.Members, []string{slacktest.AliceID}) {
		t.Errorf("group = %+v, want alice's new #plans", g)
	}
	stored := channelState(t, srv, g.ID)
	if stored.Name != "plans" || !stored.IsPrivate || stored.IsArchived || !slices.Equal(stored.Members, []string{slacktest.AliceID}) {
		t.Errorf("stored %+v, want the private channel plans of alice", stored)
	}

	if _, err := c.Groups.Create(t.Context(), "roadmap", &slack.GroupsCreateParams{Validate: true}); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.create", slacktest.UserToken, map[string]string{"name": "roadmap", "validate": "true"})
}

func TestGroupsCreateErrors(t *testing.T) {
	create := func(name string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Create(ctx, name, nil)
			return err
		}
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"name taken", "", create("secret"), slack.ErrNameTaken},
		{"name of a public channel", "", create("general"), slack.ErrNameTaken},
	})
	groupsBadInput(t, "name", create(""))
}

func TestGroupsCreateChild(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)

	child, err := c.Groups.CreateChild(t.Context(), groupsTeamID)
	if err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.createChild", slacktest.UserToken, map[string]string{"channel": groupsTeamID})
	if child.ID == "" || child.ID == groupsTeamID || child.Name != "team" || !child.IsGroup || child.IsArchived {
		t.Errorf("child = %+v, want a new open #team", child)
	}
	want := []string{slacktest.AliceID, slacktest.BobID, slacktest.BotUserID}
	if got := slices.Sorted(slices.Values(child.Members)); !slices.Equal(got, want) {
		t.Errorf("child members %v, want %v", child.Members, want)
	}
	if !channelState(t, srv, groupsTeamID).IsArchived {
		t.Error("the parent is not archived")
	}
	stored := channelState(t, srv, child.ID)
	if stored.ParentID != groupsTeamID || !stored.IsPrivate || stored.IsArchived {
		t.Errorf("stored child %+v, want an open private channel with parent %s", stored, groupsTeamID)
	}
}

func TestGroupsCreateChildErrors(t *testing.T) {
	createChild := func(channel string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.CreateChild(ctx, channel)
			return err
		}
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"archived", "", createChild(groupsArchivedID), slack.ErrAlreadyArchived},
		{"public channel", "", createChild(slacktest.GeneralID), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", createChild(""))
}

// --- groups.setTopic, groups.setPurpose

func TestGroupsSetTopicAndPurpose(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)

	if err := c.Groups.SetTopic(t.Context(), groupsTeamID, "Sprint 13"); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.setTopic", slacktest.UserToken, map[string]string{"channel": groupsTeamID, "topic": "Sprint 13"})
	if err := c.Groups.SetPurpose(t.Context(), groupsTeamID, "The whole team"); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.setPurpose", slacktest.UserToken, map[string]string{"channel": groupsTeamID,
		"purpose": "The whole team"})
	if ch := channelState(t, srv, groupsTeamID); ch.Topic != "Sprint 13" || ch.Purpose != "The whole team" {
		t.Errorf("topic %q, purpose %q", ch.Topic, ch.Purpose)
	}

	// An empty value clears them.
	if err := c.Groups.SetTopic(t.Context(), groupsTeamID, ""); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.setTopic", slacktest.UserToken, map[string]string{"channel": groupsTeamID, "topic": ""})
	if err := c.Groups.SetPurpose(t.Context(), groupsTeamID, ""); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.setPurpose", slacktest.UserToken, map[string]string{"channel": groupsTeamID, "purpose": ""})
	if ch := channelState(t, srv, groupsTeamID); ch.Topic != "" || ch.Purpose != "" {
		t.Errorf("after clearing: topic %q, purpose %q", ch.Topic, ch.Purpose)
	}
}

func TestGroupsSetTopicAndPurposeErrors(t *testing.T) {
	topic := func(channel, topic string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.SetTopic(ctx, channel, topic) }
	}
	purpose := func(channel, purpose string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.SetPurpose(ctx, channel, purpose) }
	}
	long := strings.Repeat("x", 251)
	groupsRunErrors(t, []groupsErrorCase{
		{"topic/archived", "", topic(groupsArchivedID, "x"), slack.ErrIsArchived},
		{"topic/public channel", "", topic(slacktest.GeneralID, "x"), slack.ErrChannelNotFound},
		{"topic/too long", "", topic(groupsTeamID, long), slack.ErrTooLong},
		{"purpose/archived", "", purpose(groupsArchivedID, "x"), slack.ErrIsArchived},
		{"purpose/channel of others", "", purpose(groupsOutsideID, "x"), slack.ErrChannelNotFound},
		{"purpose/too long", "", purpose(groupsTeamID, long), slack.ErrTooLong},
	})
	groupsBadInput(t, "channel", topic("", "x"))
	groupsBadInput(t, "channel", purpose("", "x"))
}

// --- groups.archive, groups.unarchive

func TestGroupsArchiveAndUnarchive(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)

	if err := c.Groups.Archive(t.Context(), groupsTeamID); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.archive", slacktest.UserToken, map[string]string{"channel": groupsTeamID})
	if !channelState(t, srv, groupsTeamID).IsArchived {
		t.Error("#team is not archived")
	}

	if err := c.Groups.Unarchive(t.Context(), groupsArchivedID); err != nil {
		t.Fatal(err)
	}
	legacyWire(t, srv, "groups.unarchive", slacktest.UserToken, map[string]string{"channel": groupsArchivedID})
	if channelState(t, srv, groupsArchivedID).IsArchived {
		t.Error("#old-team is still archived")
	}
}

func TestGroupsArchiveAndUnarchiveErrors(t *testing.T) {
	archive := func(channel string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.Archive(ctx, channel) }
	}
	unarchive := func(channel string) groupsCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Groups.Unarchive(ctx, channel) }
	}
	groupsRunErrors(t, []groupsErrorCase{
		{"archive/archived", "", archive(groupsArchivedID), slack.ErrAlreadyArchived},
		{"archive/public channel", "", archive(slacktest.GeneralID), slack.ErrChannelNotFound},
		{"unarchive/not archived", "", unarchive(groupsTeamID), slack.ErrNotArchived},
		{"unarchive/public channel", "", unarchive(slacktest.GeneralID), slack.ErrChannelNotFound},
	})
	groupsBadInput(t, "channel", archive(""))
	groupsBadInput(t, "channel", unarchive(""))
}

// TestGroupsRefuseBotUsers checks the documented user_is_bot: these groups.* methods cannot be called with
// a bot user's token.
func TestGroupsRefuseBotUsers(t *testing.T) {
	const parent = "1700002000.000100"
	groupsRunErrors(t, []groupsErrorCase{
		{"replies", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Replies(ctx, slacktest.SecretID, parent)
			return err
		}, slack.ErrUserIsBot},
		{"rename", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Rename(ctx, groupsTeamID, "crew", nil)
			return err
		}, slack.ErrUserIsBot},
		{"kick", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			return c.Groups.Kick(ctx, groupsTeamID, slacktest.BobID)
		}, slack.ErrUserIsBot},
		{"invite", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Invite(ctx, groupsTeamID, slacktest.CarolID)
			return err
		}, slack.ErrUserIsBot},
		{"leave", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			return c.Groups.Leave(ctx, groupsTeamID)
		}, slack.ErrUserIsBot},
		{"create", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.Create(ctx, "plans", nil)
			return err
		}, slack.ErrUserIsBot},
		{"createChild", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			_, err := c.Groups.CreateChild(ctx, groupsTeamID)
			return err
		}, slack.ErrUserIsBot},
		{"archive", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			return c.Groups.Archive(ctx, groupsTeamID)
		}, slack.ErrUserIsBot},
		{"unarchive", slacktest.BotToken, func(ctx context.Context, c *slack.Client) error {
			return c.Groups.Unarchive(ctx, groupsArchivedID)
		}, slack.ErrUserIsBot},
	})
}

func TestGroupsValidateName(t *testing.T) {
	c, srv := newGroupsWorkspace(t, slacktest.UserToken)

	// Without Validate, Slack makes a bad name valid; with it, Slack refuses the name.
	g, err := c.Groups.Create(t.Context(), "Q3 Plans!", nil)
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "q3-plans_" {
		t.Errorf("created %q, want Slack's fixed name q3-plans_", g.Name)
	}
	_, err = c.Groups.Create(t.Context(), "Q4 Plans!", &slack.GroupsCreateParams{Validate: true})
	assertCode(t, err, slack.ErrInvalidNameSpecials)
	legacyWire(t, srv, "groups.create", slacktest.UserToken, map[string]string{"name": "Q4 Plans!", "validate": "true"})
	if _, found := srv.Channel("q4-plans_"); found {
		t.Error("a refused name made a channel")
	}

	_, err = c.Groups.Rename(t.Context(), groupsTeamID, "Crew!", &slack.GroupsRenameParams{Validate: true})
	assertCode(t, err, slack.ErrInvalidNameSpecials)
	if got := channelState(t, srv, groupsTeamID).Name; got != "team" {
		t.Errorf("a refused rename changed the name to %q", got)
	}
	renamed, err := c.Groups.Rename(t.Context(), groupsTeamID, "Crew!", nil)
	if err != nil {
		t.Fatal(err)
	}
	if renamed.Name != "crew_" || channelState(t, srv, groupsTeamID).Name != "crew_" {
		t.Errorf("renamed to %q, want Slack's fixed name crew_", renamed.Name)
	}
}
