package slack_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"team.info": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Team.Info(ctx, nil)
		},
		"team.profile.get": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Team.GetProfile(ctx, nil)
		},
	})
}

func TestTeamInfo(t *testing.T) {
	c, srv := newTestClient(t)
	team, err := c.Team.Info(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if team.ID != slacktest.TeamID || team.Name != slacktest.TeamName || team.Domain != slacktest.TeamDomain ||
		team.EmailDomain != "example.com" || team.URL != "https://"+slacktest.TeamDomain+".slack.com/" {
		t.Errorf("Info = %+v", team)
	}
	if !team.Icon.ImageDefault || team.Icon.Image132 == "" {
		t.Errorf("Icon = %+v", team.Icon)
	}
	r := checkWire(t, srv, "team.info", slacktest.BotToken)
	usersForm(t, r, nil)

	team, err = c.Team.Info(t.Context(), &slack.TeamInfoParams{Team: slacktest.TeamID})
	if err != nil || team.ID != slacktest.TeamID {
		t.Errorf("Info of the team by ID = %+v, %v", team, err)
	}
	usersForm(t, lastRequest(t, srv, "team.info"), url.Values{"team": {slacktest.TeamID}})

	_, err = c.Team.Info(t.Context(), &slack.TeamInfoParams{Team: "T404"})
	assertCode(t, err, slack.ErrTeamNotFound)

	srv.SetToken(slacktest.Token{Value: "xoxb-no-team", User: slacktest.BotUserID, Scopes: []string{"chat:write"}})
	_, err = newClientFor(t, srv, "xoxb-no-team").Team.Info(t.Context(), nil)
	if se := assertCode(t, err, slack.ErrMissingScope); se.Needed != "team:read" {
		t.Errorf("needed %q, want team:read", se.Needed)
	}
}

func TestTeamGetProfile(t *testing.T) {
	c, srv := newTestClient(t)
	p, err := c.Team.GetProfile(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Fields) != 3 || len(p.Sections) != 2 {
		t.Fatalf("GetProfile = %d fields, %d sections; want the seeded 3 and 2", len(p.Fields), len(p.Sections))
	}
	f := p.Fields[2]
	if f.ID != "Xf0TEAM" || f.Type != "options_list" || f.Ordering != 2 || len(f.PossibleValues) != 3 || f.SectionID == "" {
		t.Errorf("the options field = %+v", f)
	}
	if !p.Fields[1].IsHidden || p.Fields[0].IsHidden {
		t.Errorf("hidden: %v %v, want false true", p.Fields[0].IsHidden, p.Fields[1].IsHidden)
	}
	r := checkWire(t, srv, "team.profile.get", slacktest.BotToken)
	usersForm(t, r, nil)

	visible, err := c.Team.GetProfile(t.Context(), &slack.TeamGetProfileParams{Visibility: "visible"})
	if err != nil {
		t.Fatal(err)
	}
	if len(visible.Fields) != 2 || visible.Fields[0].ID != "Xf0PHONEEXT" || visible.Fields[1].ID != "Xf0TEAM" {
		t.Errorf("visible fields = %+v", visible.Fields)
	}
	usersForm(t, lastRequest(t, srv, "team.profile.get"), url.Values{"visibility": {"visible"}})

	err = c.Call(t.Context(), "team.profile.get", url.Values{"visibility": {"secret"}}, nil)
	assertCode(t, err, slack.ErrInvalidArguments)

	srv.ResetRequests()
	_, err = c.Team.GetProfile(t.Context(), &slack.TeamGetProfileParams{Visibility: "secret"})
	assertNothingSent(t, srv, err, "Visibility")
}

func TestTeamGetProfileOfAnEmptyWorkspace(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.Empty(), slacktest.WithToken(slacktest.Token{Value: "xoxb-e", User: "U1"}),
		slacktest.WithSeed(slacktest.Seed{Users: []slacktest.User{{ID: "U1", Name: "one"}}}))
	p, err := newClientFor(t, srv, "xoxb-e").Team.GetProfile(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Fields) != 0 {
		t.Errorf("an empty workspace has profile fields %+v", p.Fields)
	}
}
