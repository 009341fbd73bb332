package slack_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// dndNight is 23:00 UTC, inside the nightly DND period (22:00 to 08:00 UTC) dndClient gives alice and bob.
var dndNight = time.Date(2026, 12, 3, 23, 0, 0, 0, time.UTC)

// dndClient returns a client with token of a fake whose clock stands at *now, where alice and bob have DND
// each night from 22:00 to 08:00 UTC.
func dndClient(t *testing.T, now *time.Time, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return *now }))
	for _, u := range []string{slacktest.AliceID, slacktest.BobID} {
		srv.SetDND(u, slacktest.DND{Enabled: true, Start: 22 * time.Hour, End: 8 * time.Hour})
	}
	if d := srv.DND(slacktest.CarolID); d.Enabled || !d.SnoozeUntil.IsZero() {
		t.Fatalf("carol's DND before any is set: %+v, want none", d)
	}
	return newClientFor(t, srv, token), srv
}

func TestDNDInfo(t *testing.T) {
	now := dndNight
	c, srv := dndClient(t, &now, slacktest.UserToken)
	got, err := c.DND.Info(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	start, end := time.Date(2026, 12, 3, 22, 0, 0, 0, time.UTC), time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	if !got.DNDEnabled || !got.NextDNDStartTS.Equal(start) || !got.NextDNDEndTS.Equal(end) || got.SnoozeEnabled {
		t.Errorf("DND.Info = %+v, want DND from %s to %s and no snooze", got, start, end)
	}
	if r := checkWire(t, srv, "dnd.info", slacktest.UserToken); len(r.Form) != 0 {
		t.Errorf("dnd.info sent %v, want no arguments", r.Form)
	}

	srv.SetDND(slacktest.BobID, slacktest.DND{})
	got, err = c.DND.Info(t.Context(), &slack.DNDInfoParams{User: slacktest.BobID})
	if err != nil {
		t.Fatal(err)
	}
	if got.DNDEnabled {
		t.Errorf("bob's DND = %+v, want it off", got)
	}
	if r := checkWire(t, srv, "dnd.info", slacktest.UserToken); r.Form.Get("user") != slacktest.BobID {
		t.Errorf("dnd.info sent %v", r.Form)
	}
	_, err = c.DND.Info(t.Context(), &slack.DNDInfoParams{User: "U0NOBODY"})
	assertCode(t, err, slack.ErrUserNotFound)
}

func TestDNDSnooze(t *testing.T) {
	now := dndNight
	c, srv := dndClient(t, &now, slacktest.UserToken)
	ctx := t.Context()
	got, err := c.DND.SetSnooze(ctx, 30)
	if err != nil {
		t.Fatal(err)
	}
	until := now.Add(30 * time.Minute)
	if !got.SnoozeEnabled || !got.SnoozeEndtime.Equal(until) || got.SnoozeRemaining != 1800 {
		t.Errorf("SetSnooze(30) = %+v, want a snooze until %s", got, until)
	}
	if d := srv.DND(slacktest.AliceID); !d.SnoozeUntil.Equal(until) {
		t.Errorf("the fake's snooze ends at %s, want %s", d.SnoozeUntil, until)
	}
	if r := checkWire(t, srv, "dnd.setSnooze", slacktest.UserToken); r.Form.Get("num_minutes") != "30" || len(r.Form) != 1 {
		t.Errorf("dnd.setSnooze sent %v", r.Form)
	}

	now = now.Add(10 * time.Minute)
	info, err := c.DND.Info(ctx, nil)
	if err != nil || !info.SnoozeEnabled || info.SnoozeRemaining != 1200 {
		t.Fatalf("DND.Info during the snooze = %+v, %v", info, err)
	}

	ended, err := c.DND.EndSnooze(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ended.SnoozeEnabled || !ended.DNDEnabled {
		t.Errorf("EndSnooze = %+v, want the snooze off and the schedule kept", ended)
	}
	if d := srv.DND(slacktest.AliceID); !d.SnoozeUntil.IsZero() {
		t.Errorf("the fake still has a snooze until %s", d.SnoozeUntil)
	}
	checkWire(t, srv, "dnd.endSnooze", slacktest.UserToken)
	_, err = c.DND.EndSnooze(ctx)
	assertCode(t, err, slack.ErrSnoozeEndFailed)

	_, err = c.DND.SetSnooze(ctx, int(slacktest.MaxSnooze/time.Minute)+1)
	assertCode(t, err, slack.ErrTooLong)
	_, err = c.WithToken(slacktest.BotToken).DND.SetSnooze(ctx, 5)
	assertCode(t, err, slack.ErrNotAllowedTokenType)
}

func TestDNDEndDND(t *testing.T) {
	now := dndNight
	c, srv := dndClient(t, &now, slacktest.UserToken)
	ctx := t.Context()
	if err := c.DND.EndDND(ctx); err != nil {
		t.Fatal(err)
	}
	morning := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	if d := srv.DND(slacktest.AliceID); !d.EndedUntil.Equal(morning) {
		t.Errorf("the fake ended DND until %s, want %s", d.EndedUntil, morning)
	}
	checkWire(t, srv, "dnd.endDnd", slacktest.UserToken)
	info, err := c.DND.Info(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 12, 4, 22, 0, 0, 0, time.UTC); !info.NextDNDStartTS.Equal(want) {
		t.Errorf("after EndDND the next period starts %s, want %s", info.NextDNDStartTS.Time, want)
	}
	assertCode(t, c.DND.EndDND(ctx), slack.ErrNotInDND)

	now = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	assertCode(t, c.DND.EndDND(ctx), slack.ErrNotInDND)
	now = time.Date(2026, 12, 5, 3, 0, 0, 0, time.UTC) // the next night
	if err := c.DND.EndDND(ctx); err != nil {
		t.Errorf("EndDND the next night: %v", err)
	}
}

func TestDNDTeamInfo(t *testing.T) {
	now := dndNight
	c, srv := dndClient(t, &now, slacktest.BotToken)
	srv.SetDND(slacktest.BobID, slacktest.DND{})
	got, err := c.DND.TeamInfo(t.Context(), []string{slacktest.AliceID, slacktest.BobID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got[slacktest.AliceID].DNDEnabled || got[slacktest.BobID].DNDEnabled ||
		got[slacktest.AliceID].NextDNDEndTS.IsZero() {
		t.Errorf("DND.TeamInfo = %+v", got)
	}
	r := checkWire(t, srv, "dnd.teamInfo", slacktest.BotToken)
	if r.Form.Get("users") != slacktest.AliceID+","+slacktest.BobID || len(r.Form) != 1 {
		t.Errorf("dnd.teamInfo sent %v", r.Form)
	}
	_, err = c.DND.TeamInfo(t.Context(), []string{"U0NOBODY"}, &slack.DNDTeamInfoParams{TeamID: slacktest.TeamID})
	assertCode(t, err, slack.ErrUserNotFound)
	if r := lastRequest(t, srv, "dnd.teamInfo"); r.Form.Get("team_id") != slacktest.TeamID {
		t.Errorf("dnd.teamInfo sent %v", r.Form)
	}

	srv.SetToken(slacktest.Token{Value: "xoxb-no-dnd", User: slacktest.BotUserID, Scopes: []string{"chat:write"}})
	_, err = c.WithToken("xoxb-no-dnd").DND.TeamInfo(t.Context(), []string{slacktest.AliceID}, nil)
	if se := assertCode(t, err, slack.ErrMissingScope); se.Needed != "dnd:read" {
		t.Errorf("needed %q, want dnd:read", se.Needed)
	}
}

func TestDNDBadInputIsRefusedBeforeSending(t *testing.T) {
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprintf("U%04d", i)
	}
	for name, tc := range map[string]struct {
		call func(*slack.Client) error
		want string
	}{
		"snooze of 0 minutes":   {func(c *slack.Client) error { _, err := c.DND.SetSnooze(t.Context(), 0); return err }, "num_minutes"},
		"negative snooze":       {func(c *slack.Client) error { _, err := c.DND.SetSnooze(t.Context(), -5); return err }, "num_minutes"},
		"no users":              {func(c *slack.Client) error { _, err := c.DND.TeamInfo(t.Context(), nil, nil); return err }, "users"},
		"an empty user":         {func(c *slack.Client) error { _, err := c.DND.TeamInfo(t.Context(), []string{" "}, nil); return err }, "users"},
		"a user with a comma":   {func(c *slack.Client) error { _, err := c.DND.TeamInfo(t.Context(), []string{"U1,U2"}, nil); return err }, "users"},
		"more than fifty users": {func(c *slack.Client) error { _, err := c.DND.TeamInfo(t.Context(), many, nil); return err }, "users"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newUserClient(t)
			assertNothingSent(t, srv, tc.call(c), tc.want)
		})
	}
}
