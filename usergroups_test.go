package slack_test

import (
	"context"
	"net/url"
	"reflect"
	"slices"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"usergroups.create": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Usergroups.Create(ctx, "Marketing Team", nil)
		},
		"usergroups.disable": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Usergroups.Disable(ctx, "S0615G0KT", nil)
		},
		"usergroups.enable": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Usergroups.Enable(ctx, "S0615G0KT", nil)
		},
		"usergroups.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Usergroups.List(ctx, nil)
		},
		"usergroups.update": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Usergroups.Update(ctx, "S0616NG6M", &slack.UsergroupsUpdateParams{Name: "Marketing Team"})
		},
		"usergroups.users.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Usergroups.ListUsers(ctx, "S0616NG6M", nil)
		},
		"usergroups.users.update": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Usergroups.UpdateUsers(ctx, "S0616NG6M", []string{"U060R4BJ4", "U060RNRCZ"}, nil)
		},
	})
}

// usergroupsState returns the fake's copy of a user group.
func usergroupsState(t *testing.T, srv *slacktest.Server, id string) slacktest.Usergroup {
	t.Helper()
	g, ok := srv.Usergroup(id)
	if !ok {
		t.Fatalf("the fake has no user group %s", id)
	}
	return g
}

// usergroupsSeed adds the group "oncall" (S0ONCALL) with alice and bob to srv.
func usergroupsSeed(srv *slacktest.Server) {
	srv.AddUsergroup(slacktest.Usergroup{ID: "S0ONCALL", Name: "On call", Handle: "oncall",
		Users: []string{slacktest.AliceID, slacktest.BobID}, Channels: []string{slacktest.GeneralID},
		CreatedBy: slacktest.AliceID})
}

func TestUsergroupsCreate(t *testing.T) {
	c, srv := newTestClient(t)
	g, err := c.Usergroups.Create(t.Context(), "Platform", &slack.UsergroupsCreateParams{Handle: "platform",
		Description: "Keeps the lights on", Channels: []string{slacktest.GeneralID, slacktest.SecretID},
		IncludeCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if g.ID == "" || g.Name != "Platform" || g.Handle != "platform" || g.Description != "Keeps the lights on" ||
		!g.IsUsergroup || g.TeamID != slacktest.TeamID || g.CreatedBy != slacktest.BotUserID {
		t.Errorf("Create = %+v", g)
	}
	if !reflect.DeepEqual(g.Prefs.Channels, []string{slacktest.GeneralID}) ||
		!reflect.DeepEqual(g.Prefs.Groups, []string{slacktest.SecretID}) {
		t.Errorf("Prefs = %+v, want #general public and #secret private", g.Prefs)
	}
	if g.DateCreate.IsZero() || !g.DateDelete.IsZero() || g.UserCount != 0 {
		t.Errorf("DateCreate %v DateDelete %v UserCount %d", g.DateCreate, g.DateDelete, g.UserCount)
	}
	state := usergroupsState(t, srv, g.ID)
	if state.Name != "Platform" || state.Handle != "platform" || state.Disabled ||
		!reflect.DeepEqual(state.Channels, []string{slacktest.GeneralID, slacktest.SecretID}) {
		t.Errorf("the fake holds %+v", state)
	}
	r := checkWire(t, srv, "usergroups.create", slacktest.BotToken)
	usersForm(t, r, url.Values{"name": {"Platform"}, "handle": {"platform"}, "description": {"Keeps the lights on"},
		"channels": {slacktest.GeneralID + "," + slacktest.SecretID}, "include_count": {"true"}})
}

func TestUsergroupsCreateErrors(t *testing.T) {
	c, srv := newTestClient(t)
	usergroupsSeed(srv)
	_, err := c.Usergroups.Create(t.Context(), "on CALL", nil)
	assertCode(t, err, slack.ErrNameAlreadyExists)
	_, err = c.Usergroups.Create(t.Context(), "Other", &slack.UsergroupsCreateParams{Handle: "bob"})
	assertCode(t, err, slack.ErrHandleAlreadyExists)
	_, err = c.Usergroups.Create(t.Context(), "Other", &slack.UsergroupsCreateParams{Handle: "here"})
	assertCode(t, err, slack.ErrForbiddenHandle)
	_, err = c.Usergroups.Create(t.Context(), "Other", &slack.UsergroupsCreateParams{Channels: []string{"C404"}})
	assertCode(t, err, slack.ErrInvalidChannelProvided)

	srv.ResetRequests()
	_, err = c.Usergroups.Create(t.Context(), " ", nil)
	assertNothingSent(t, srv, err, "name")
	_, err = c.Usergroups.Create(t.Context(), "x", &slack.UsergroupsCreateParams{Channels: []string{"C1,C2"}})
	assertNothingSent(t, srv, err, "Channels")
}

func TestUsergroupsDisableAndEnable(t *testing.T) {
	c, srv := newTestClient(t)
	usergroupsSeed(srv)
	g, err := c.Usergroups.Disable(t.Context(), "S0ONCALL", &slack.UsergroupsDisableParams{IncludeCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if g.DateDelete.IsZero() || g.DeletedBy != slacktest.BotUserID || g.UserCount != 2 {
		t.Errorf("Disable = DateDelete %v DeletedBy %q UserCount %d", g.DateDelete, g.DeletedBy, g.UserCount)
	}
	if state := usergroupsState(t, srv, "S0ONCALL"); !state.Disabled || state.DisabledBy != slacktest.BotUserID {
		t.Errorf("the fake holds %+v", state)
	}
	r := checkWire(t, srv, "usergroups.disable", slacktest.BotToken)
	usersForm(t, r, url.Values{"usergroup": {"S0ONCALL"}, "include_count": {"true"}})

	g, err = c.Usergroups.Enable(t.Context(), "S0ONCALL", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !g.DateDelete.IsZero() || g.DeletedBy != "" {
		t.Errorf("Enable = DateDelete %v DeletedBy %q", g.DateDelete, g.DeletedBy)
	}
	if usergroupsState(t, srv, "S0ONCALL").Disabled {
		t.Error("the group is still disabled in the fake")
	}
	r = checkWire(t, srv, "usergroups.enable", slacktest.BotToken)
	usersForm(t, r, url.Values{"usergroup": {"S0ONCALL"}})

	_, err = c.Usergroups.Disable(t.Context(), "S404", nil)
	assertCode(t, err, slack.ErrNoSuchSubteam)
	_, err = c.Usergroups.Enable(t.Context(), "S404", nil)
	assertCode(t, err, slack.ErrNoSuchSubteam)
	srv.ResetRequests()
	_, err = c.Usergroups.Disable(t.Context(), "", nil)
	assertNothingSent(t, srv, err, "usergroup")
	_, err = c.Usergroups.Enable(t.Context(), "", nil)
	assertNothingSent(t, srv, err, "usergroup")
}

func TestUsergroupsList(t *testing.T) {
	c, srv := newTestClient(t)
	usergroupsSeed(srv)
	off, err := c.Usergroups.Create(t.Context(), "Retired", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Usergroups.Disable(t.Context(), off.ID, nil); err != nil {
		t.Fatal(err)
	}

	groups, err := c.Usergroups.List(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 || groups[0].ID != "S0ONCALL" || groups[0].Users != nil || groups[0].UserCount != 0 {
		t.Errorf("List = %+v, want the enabled group alone, without members or count", groups)
	}
	r := checkWire(t, srv, "usergroups.list", slacktest.BotToken)
	usersForm(t, r, nil)

	groups, err = c.Usergroups.List(t.Context(), &slack.UsergroupsListParams{IncludeDisabled: true, IncludeUsers: true,
		IncludeCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 {
		t.Fatalf("List with IncludeDisabled = %d groups, want 2", len(groups))
	}
	i := slices.IndexFunc(groups, func(g slack.Usergroup) bool { return g.ID == "S0ONCALL" })
	if i < 0 || !reflect.DeepEqual(groups[i].Users, []string{slacktest.AliceID, slacktest.BobID}) || groups[i].UserCount != 2 {
		t.Errorf("List with IncludeUsers = %+v", groups)
	}
	r = lastRequest(t, srv, "usergroups.list")
	usersForm(t, r, url.Values{"include_disabled": {"true"}, "include_users": {"true"}, "include_count": {"true"}})

	limited := newClientFor(t, srv, "xoxb-no-usergroups")
	srv.SetToken(slacktest.Token{Value: "xoxb-no-usergroups", User: slacktest.BotUserID, Scopes: []string{"chat:write"}})
	_, err = limited.Usergroups.List(t.Context(), nil)
	if se := assertCode(t, err, slack.ErrMissingScope); se.Needed != "usergroups:read" {
		t.Errorf("needed %q, want usergroups:read", se.Needed)
	}
}

func TestUsergroupsUpdate(t *testing.T) {
	c, srv := newTestClient(t)
	usergroupsSeed(srv)
	g, err := c.Usergroups.Update(t.Context(), "S0ONCALL", &slack.UsergroupsUpdateParams{Name: "Incident response",
		Handle: "incidents", Channels: []string{slacktest.RandomID}})
	if err != nil {
		t.Fatal(err)
	}
	if g.Name != "Incident response" || g.Handle != "incidents" || g.UpdatedBy != slacktest.BotUserID ||
		!reflect.DeepEqual(g.Prefs.Channels, []string{slacktest.RandomID}) {
		t.Errorf("Update = %+v", g)
	}
	state := usergroupsState(t, srv, "S0ONCALL")
	if state.Name != "Incident response" || state.Handle != "incidents" || state.Description != "" ||
		!reflect.DeepEqual(state.Channels, []string{slacktest.RandomID}) ||
		!reflect.DeepEqual(state.Users, []string{slacktest.AliceID, slacktest.BobID}) {
		t.Errorf("the fake holds %+v", state)
	}
	r := checkWire(t, srv, "usergroups.update", slacktest.BotToken)
	usersForm(t, r, url.Values{"usergroup": {"S0ONCALL"}, "name": {"Incident response"}, "handle": {"incidents"},
		"channels": {slacktest.RandomID}})

	other, err := c.Usergroups.Create(t.Context(), "Other", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Usergroups.Update(t.Context(), other.ID, &slack.UsergroupsUpdateParams{Name: "incident RESPONSE"})
	assertCode(t, err, slack.ErrNameAlreadyExists)
	_, err = c.Usergroups.Update(t.Context(), other.ID, &slack.UsergroupsUpdateParams{Handle: "Bad Handle!"})
	assertCode(t, err, slack.ErrBadHandle)
	_, err = c.Usergroups.Update(t.Context(), "S404", nil)
	assertCode(t, err, slack.ErrNoSuchSubteam)
	srv.ResetRequests()
	_, err = c.Usergroups.Update(t.Context(), "", nil)
	assertNothingSent(t, srv, err, "usergroup")
}

func TestUsergroupsListUsers(t *testing.T) {
	c, srv := newTestClient(t)
	usergroupsSeed(srv)
	users, err := c.Usergroups.ListUsers(t.Context(), "S0ONCALL", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(users, []string{slacktest.AliceID, slacktest.BobID}) {
		t.Errorf("ListUsers = %v", users)
	}
	r := checkWire(t, srv, "usergroups.users.list", slacktest.BotToken)
	usersForm(t, r, url.Values{"usergroup": {"S0ONCALL"}})

	if _, err := c.Usergroups.Disable(t.Context(), "S0ONCALL", nil); err != nil {
		t.Fatal(err)
	}
	_, err = c.Usergroups.ListUsers(t.Context(), "S0ONCALL", nil)
	assertCode(t, err, slack.ErrNoSuchSubteam)
	users, err = c.Usergroups.ListUsers(t.Context(), "S0ONCALL", &slack.UsergroupsListUsersParams{IncludeDisabled: true})
	if err != nil || len(users) != 2 {
		t.Errorf("ListUsers of a disabled group with IncludeDisabled = %v, %v", users, err)
	}
	srv.ResetRequests()
	_, err = c.Usergroups.ListUsers(t.Context(), "", nil)
	assertNothingSent(t, srv, err, "usergroup")
}

func TestUsergroupsUpdateUsers(t *testing.T) {
	c, srv := newTestClient(t)
	usergroupsSeed(srv)
	g, err := c.Usergroups.UpdateUsers(t.Context(), "S0ONCALL", []string{slacktest.CarolID, slacktest.BobID},
		&slack.UsergroupsUpdateUsersParams{IncludeCount: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g.Users, []string{slacktest.CarolID, slacktest.BobID}) || g.UserCount != 2 {
		t.Errorf("UpdateUsers = Users %v UserCount %d", g.Users, g.UserCount)
	}
	if state := usergroupsState(t, srv, "S0ONCALL"); !reflect.DeepEqual(state.Users, []string{slacktest.CarolID, slacktest.BobID}) {
		t.Errorf("the fake holds members %v", state.Users)
	}
	r := checkWire(t, srv, "usergroups.users.update", slacktest.BotToken)
	usersForm(t, r, url.Values{"usergroup": {"S0ONCALL"}, "users": {slacktest.CarolID + "," + slacktest.BobID},
		"include_count": {"true"}})
	// The members' list is what users.list reads back.
	users, err := c.Usergroups.ListUsers(t.Context(), "S0ONCALL", nil)
	if err != nil || !reflect.DeepEqual(users, []string{slacktest.CarolID, slacktest.BobID}) {
		t.Errorf("ListUsers after UpdateUsers = %v, %v", users, err)
	}

	_, err = c.Usergroups.UpdateUsers(t.Context(), "S0ONCALL", []string{"U404"}, nil)
	assertCode(t, err, slack.ErrInvalidUsers)
	_, err = c.Usergroups.UpdateUsers(t.Context(), "S404", []string{slacktest.BobID}, nil)
	assertCode(t, err, slack.ErrNoSuchSubteam)

	srv.ResetRequests()
	_, err = c.Usergroups.UpdateUsers(t.Context(), "S0ONCALL", nil, nil)
	assertNothingSent(t, srv, err, "users")
	_, err = c.Usergroups.UpdateUsers(t.Context(), "S0ONCALL", []string{slacktest.BobID, ""}, nil)
	assertNothingSent(t, srv, err, "users[1]")
	_, err = c.Usergroups.UpdateUsers(t.Context(), "", []string{slacktest.BobID}, nil)
	assertNothingSent(t, srv, err, "usergroup")
}

func TestUsergroupsFakeRefusesAnEmptyMemberList(t *testing.T) {
	c, srv := newTestClient(t)
	usergroupsSeed(srv)
	err := c.Call(t.Context(), "usergroups.users.update", url.Values{"usergroup": {"S0ONCALL"}, "users": {""}}, nil)
	assertCode(t, err, slack.ErrNoUsersProvided)
	if got := usergroupsState(t, srv, "S0ONCALL").Users; len(got) != 2 {
		t.Errorf("members after a refused update: %v", got)
	}
}
