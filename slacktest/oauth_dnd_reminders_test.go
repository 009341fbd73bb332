package slacktest_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goslack/slack/slacktest"
)

// TestOAuthDNDRemindersRevoke calls each method of these families through the public package, once to
// succeed (checking the workspace's state) and once to fail with an error Slack documents for it. The
// OAuth methods take the app's credentials as arguments here, the other way Slack accepts them.
func TestOAuthDNDRemindersRevoke(t *testing.T) {
	docs := documentedNext(t)
	night := time.Date(2026, 12, 3, 23, 0, 0, 0, time.UTC)
	app := func(kv ...string) url.Values {
		return form(append([]string{"client_id", slacktest.ClientID, "client_secret", slacktest.ClientSecret}, kv...)...)
	}
	addReminder := func(t *testing.T, srv *slacktest.Server) string {
		got := call(t, srv, slacktest.UserToken, "reminders.add", form("text", "stretch", "time", "in 5 minutes"), nil)
		id, _ := got["reminder"].(map[string]any)["id"].(string)
		if id == "" {
			t.Fatalf("reminders.add answered %v", got)
		}
		return id
	}
	cases := []struct {
		method        string
		token         string
		args, errArgs func(t *testing.T, srv *slacktest.Server) url.Values
		check         func(t *testing.T, srv *slacktest.Server, got map[string]any)
		errToken      string
		code          string
	}{
		{method: "oauth.v2.access", token: "-",
			args: func(_ *testing.T, srv *slacktest.Server) url.Values {
				return app("code", srv.OAuthCode(slacktest.OAuthGrant{Scopes: []string{"chat:write"}}))
			},
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				token, _ := got["access_token"].(string)
				if posted := call(t, srv, token, "chat.postMessage", form("channel", slacktest.GeneralID, "text", "hi"), nil); posted["ok"] != true {
					t.Errorf("the installed token cannot post: %v", posted)
				}
				if r, _ := srv.LastRequest("chat.postMessage"); !strings.HasPrefix(r.Token, "oauth:bot:") {
					t.Errorf("the request log names the token %q", r.Token)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return app("code", "never-issued") }, code: "invalid_code"},
		{method: "oauth.v2.exchange", token: "-",
			args: func(_ *testing.T, srv *slacktest.Server) url.Values {
				srv.SetTokenRotation(true)
				return app("token", slacktest.BotToken)
			},
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				token, _ := got["access_token"].(string)
				if !strings.HasPrefix(token, "xoxe.xoxb-") || got["refresh_token"] == "" {
					t.Errorf("oauth.v2.exchange answered %v", got)
				}
				if me := call(t, srv, token, "auth.test", nil, nil); me["user_id"] != slacktest.BotUserID {
					t.Errorf("the exchanged token is %v", me)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return app("token", slacktest.BotToken) },
			code:    "token_rotation_not_enabled"},
		{method: "auth.revoke",
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				if got["revoked"] != true {
					t.Errorf("auth.revoke answered %v", got)
				}
				if again := call(t, srv, slacktest.UserToken, "auth.test", nil, nil); again["error"] != "token_revoked" {
					t.Errorf("the revoked token still works: %v", again)
				}
			},
			errToken: "-", code: "not_authed"},
		{method: "dnd.info",
			args: func(*testing.T, *slacktest.Server) url.Values { return form("user", slacktest.BobID) },
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if got["dnd_enabled"] != true || got["next_dnd_start_ts"] != float64(night.Add(-time.Hour).Unix()) {
					t.Errorf("dnd.info answered %v", got)
				}
				if _, shown := got["snooze_enabled"]; shown {
					t.Errorf("dnd.info shows another user's snooze: %v", got)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return form("user", "U404") }, code: "user_not_found"},
		{method: "dnd.setSnooze",
			args: func(*testing.T, *slacktest.Server) url.Values { return form("num_minutes", "45") },
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if d := srv.DND(slacktest.AliceID); !d.SnoozeUntil.Equal(night.Add(45 * time.Minute)) {
					t.Errorf("alice's snooze ends %s", d.SnoozeUntil)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return nil }, code: "missing_duration"},
		{method: "dnd.endSnooze",
			args: func(t *testing.T, srv *slacktest.Server) url.Values {
				call(t, srv, slacktest.UserToken, "dnd.setSnooze", form("num_minutes", "10"), nil)
				return nil
			},
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				if d := srv.DND(slacktest.AliceID); !d.SnoozeUntil.IsZero() || got["snooze_enabled"] != false {
					t.Errorf("after dnd.endSnooze: %+v, %v", d, got)
				}
			},
			code: "snooze_end_failed"},
		{method: "dnd.endDnd",
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if d := srv.DND(slacktest.AliceID); !d.EndedUntil.Equal(night.Add(9 * time.Hour)) {
					t.Errorf("alice's DND ended until %s", d.EndedUntil)
				}
			},
			errArgs: func(t *testing.T, srv *slacktest.Server) url.Values {
				srv.SetDND(slacktest.AliceID, slacktest.DND{})
				return nil
			},
			code: "not_in_dnd"},
		{method: "dnd.teamInfo",
			args: func(*testing.T, *slacktest.Server) url.Values {
				return form("users", slacktest.AliceID+","+slacktest.CarolID)
			},
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				users := got["users"].(map[string]any)
				if len(users) != 2 || users[slacktest.AliceID].(map[string]any)["dnd_enabled"] != true ||
					users[slacktest.CarolID].(map[string]any)["dnd_enabled"] != false {
					t.Errorf("dnd.teamInfo answered %v", users)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return nil }, code: "no_users_provided"},
		{method: "reminders.add",
			args: func(*testing.T, *slacktest.Server) url.Values {
				return form("text", "standup", "time", "in 2 hours", "recurrence", `{"frequency":"weekly","weekdays":["monday"]}`)
			},
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if got := srv.Reminders(slacktest.AliceID); len(got) != 1 || got[0].Text != "standup" ||
					got[0].Time != night.Add(2*time.Hour).Unix() || len(got[0].Recurrence) == 0 {
					t.Errorf("alice's reminders: %+v", got)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return form("text", "x", "time", "someday") },
			code:    "cannot_parse"},
		{method: "reminders.complete",
			args: func(t *testing.T, srv *slacktest.Server) url.Values { return form("reminder", addReminder(t, srv)) },
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if got := srv.Reminders(slacktest.AliceID); got[0].CompleteTS != night.Unix() {
					t.Errorf("the reminder after complete: %+v", got[0])
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return form("reminder", "Rm404") }, code: "not_found"},
		{method: "reminders.delete",
			args: func(t *testing.T, srv *slacktest.Server) url.Values { return form("reminder", addReminder(t, srv)) },
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if got := srv.Reminders(slacktest.AliceID); len(got) != 0 {
					t.Errorf("reminders after delete: %+v", got)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return nil }, code: "missing_argument"},
		{method: "reminders.info",
			args: func(t *testing.T, srv *slacktest.Server) url.Values { return form("reminder", addReminder(t, srv)) },
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if r := got["reminder"].(map[string]any); r["text"] != "stretch" || r["time"] != float64(night.Add(5*time.Minute).Unix()) {
					t.Errorf("reminders.info answered %v", r)
				}
			},
			errArgs: func(*testing.T, *slacktest.Server) url.Values { return form("reminder", "Rm404") }, code: "not_found"},
		{method: "reminders.list",
			args: func(t *testing.T, srv *slacktest.Server) url.Values {
				addReminder(t, srv)
				return nil
			},
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if list := got["reminders"].([]any); len(list) != 1 {
					t.Errorf("reminders.list answered %v", list)
				}
			},
			errToken: slacktest.BotToken, code: "not_allowed_token_type"},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		seen[tc.method] = true
		t.Run(tc.method, func(t *testing.T) {
			open := func() *slacktest.Server {
				srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return night }))
				for _, u := range []string{slacktest.AliceID, slacktest.BobID} {
					srv.SetDND(u, slacktest.DND{Enabled: true, Start: 22 * time.Hour, End: 8 * time.Hour})
				}
				return srv
			}
			args := func(f func(*testing.T, *slacktest.Server) url.Values, srv *slacktest.Server) url.Values {
				if f == nil {
					return nil
				}
				return f(t, srv)
			}
			token := cmpOr(tc.token, slacktest.UserToken)
			if token == "-" {
				token = ""
			}
			srv := open()
			got := call(t, srv, token, tc.method, args(tc.args, srv), nil)
			if got["ok"] != true {
				t.Fatalf("%s: %v", tc.method, got)
			}
			if tc.check != nil {
				tc.check(t, srv, got)
			}

			srv = open()
			errToken := cmpOr(tc.errToken, cmpOr(tc.token, slacktest.UserToken))
			if errToken == "-" {
				errToken = ""
			}
			got = call(t, srv, errToken, tc.method, args(tc.errArgs, srv), nil)
			if got["ok"] != false || got["error"] != tc.code {
				t.Fatalf("%s: %v, want error %s", tc.method, got, tc.code)
			}
			if !slices.Contains(docs[tc.method], tc.code) {
				t.Errorf("%s: %s is not an error Slack documents for it", tc.method, tc.code)
			}
		})
	}
	if len(seen) != 13 {
		t.Errorf("%d methods covered, want 13", len(seen))
	}
}
