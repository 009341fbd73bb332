package slacktest_test

import (
	"encoding/json"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goslack/slack/slacktest"
)

// documentedNext maps each method of ../internal/spec/methods-next.json to the error codes Slack
// documents for it.
func documentedNext(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile("../internal/spec/methods-next.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Methods map[string]struct {
			ErrorCodes []string `json:"error_codes"`
		} `json:"methods"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for m, v := range spec.Methods {
		out[m] = v.ErrorCodes
	}
	return out
}

// TestViewsUsergroupsSearchTeamEmoji calls each method of these families through the public package,
// once to succeed and once to fail with an error Slack documents for it.
func TestViewsUsergroupsSearchTeamEmoji(t *testing.T) {
	docs := documentedNext(t)
	group := slacktest.Usergroup{ID: "S0ONCALL", Name: "On call", Handle: "oncall", Users: []string{slacktest.BobID}}
	modal := `{"type":"modal","title":{"type":"plain_text","text":"Deploy"},"blocks":[]}`
	home := `{"type":"home","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"hi"}}]}`
	cases := []struct {
		method string
		token  string
		// args gives the arguments of the success and of the error, on the workspace srv.
		args, errArgs func(srv *slacktest.Server) url.Values
		check         func(t *testing.T, srv *slacktest.Server, got map[string]any)
		errToken      string
		code          string
	}{
		{method: "views.open",
			args: func(srv *slacktest.Server) url.Values {
				return form("trigger_id", srv.TriggerID(slacktest.AliceID), "view", modal)
			},
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				id, _ := got["view"].(map[string]any)["id"].(string)
				if v, ok := srv.View(id); !ok || v.User != slacktest.AliceID || v.Type != "modal" {
					t.Errorf("view %q in the fake: %+v, %v", id, v, ok)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return form("trigger_id", "1.2.3", "view", modal) },
			code:    "invalid_trigger_id"},
		{method: "views.push",
			args: func(srv *slacktest.Server) url.Values {
				call(t, srv, slacktest.BotToken, "views.open", form("trigger_id", srv.TriggerID(slacktest.BobID), "view", modal), nil)
				return form("trigger_id", srv.TriggerID(slacktest.BobID), "view", modal)
			},
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				v := got["view"].(map[string]any)
				if v["previous_view_id"] == nil || v["root_view_id"] == v["id"] {
					t.Errorf("pushed view %v", v)
				}
			},
			errArgs: func(srv *slacktest.Server) url.Values {
				return form("trigger_id", srv.TriggerID(slacktest.BobID), "view", modal)
			},
			code: "not_found"},
		{method: "views.update",
			args: func(srv *slacktest.Server) url.Values {
				got := call(t, srv, slacktest.BotToken, "views.open", form("trigger_id", srv.TriggerID(slacktest.BobID), "view", modal), nil)
				v := got["view"].(map[string]any)
				return form("view_id", v["id"].(string), "hash", v["hash"].(string), "view", strings.Replace(modal, "Deploy", "Done", 1))
			},
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				id := got["view"].(map[string]any)["id"].(string)
				if v, _ := srv.View(id); !strings.Contains(string(v.Payload), "Done") {
					t.Errorf("the updated view holds %s", v.Payload)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return form("view_id", "V404", "view", modal) },
			code:    "not_found"},
		{method: "views.publish",
			args: func(*slacktest.Server) url.Values { return form("user_id", slacktest.CarolID, "view", home) },
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if v, ok := srv.HomeView(slacktest.CarolID); !ok || v.Type != "home" {
					t.Errorf("carol's Home tab: %+v, %v", v, ok)
				}
			},
			errArgs: func(*slacktest.Server) url.Values {
				return form("user_id", slacktest.CarolID, "view",
					`{"type":"home","blocks":[],"private_metadata":"`+strings.Repeat("m", 250_000)+`"}`)
			},
			code: "view_too_large"},
		{method: "usergroups.create",
			args: func(*slacktest.Server) url.Values { return form("name", "Platform", "handle", "platform") },
			check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
				id := got["usergroup"].(map[string]any)["id"].(string)
				if g, ok := srv.Usergroup(id); !ok || g.Handle != "platform" || g.CreatedBy != slacktest.AliceID {
					t.Errorf("group %q in the fake: %+v, %v", id, g, ok)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return form("name", "On call") },
			code:    "name_already_exists"},
		{method: "usergroups.disable",
			args: func(*slacktest.Server) url.Values { return form("usergroup", group.ID) },
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if g, _ := srv.Usergroup(group.ID); !g.Disabled || g.DisabledBy != slacktest.AliceID {
					t.Errorf("the group after disable: %+v", g)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return nil }, code: "missing_argument"},
		{method: "usergroups.enable",
			args: func(srv *slacktest.Server) url.Values {
				call(t, srv, slacktest.UserToken, "usergroups.disable", form("usergroup", group.ID), nil)
				return form("usergroup", group.ID)
			},
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if g, _ := srv.Usergroup(group.ID); g.Disabled {
					t.Errorf("the group after enable: %+v", g)
				}
			},
			errToken: "-", code: "not_authed"},
		{method: "usergroups.list",
			args: func(*slacktest.Server) url.Values { return form("include_users", "true") },
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				list := got["usergroups"].([]any)
				if len(list) != 1 || list[0].(map[string]any)["users"] == nil {
					t.Errorf("usergroups.list answered %v", list)
				}
			},
			errToken: "-", code: "not_authed"},
		{method: "usergroups.update",
			args: func(*slacktest.Server) url.Values { return form("usergroup", group.ID, "description", "Pager holders") },
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if g, _ := srv.Usergroup(group.ID); g.Description != "Pager holders" || g.Name != "On call" {
					t.Errorf("the group after update: %+v", g)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return form("description", "no group") },
			code:    "missing_argument"},
		{method: "usergroups.users.list",
			args: func(*slacktest.Server) url.Values { return form("usergroup", group.ID) },
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if users := got["users"].([]any); len(users) != 1 || users[0] != slacktest.BobID {
					t.Errorf("members %v", users)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return form("usergroup", "S404") },
			code:    "no_such_subteam"},
		{method: "usergroups.users.update",
			args: func(*slacktest.Server) url.Values {
				return form("usergroup", group.ID, "users", slacktest.AliceID+","+slacktest.CarolID)
			},
			check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
				if g, _ := srv.Usergroup(group.ID); !slices.Equal(g.Users, []string{slacktest.AliceID, slacktest.CarolID}) {
					t.Errorf("members after update: %v", g.Users)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return form("usergroup", group.ID, "users", "U404") },
			code:    "invalid_users"},
		{method: "search.messages",
			args: func(srv *slacktest.Server) url.Values {
				srv.AddMessage(slacktest.Message{Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "ship it"})
				return form("query", "SHIP")
			},
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if m := got["messages"].(map[string]any); m["total"] != float64(1) {
					t.Errorf("search answered %v", m)
				}
			},
			errToken: slacktest.BotToken, code: "not_allowed_token_type"},
		{method: "team.info",
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if got["team"].(map[string]any)["id"] != slacktest.TeamID {
					t.Errorf("team.info answered %v", got)
				}
			},
			errArgs: func(*slacktest.Server) url.Values { return form("team", "T404") },
			code:    "team_not_found"},
		{method: "team.profile.get",
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if fields := got["profile"].(map[string]any)["fields"].([]any); len(fields) == 0 {
					t.Errorf("team.profile.get answered %v", got)
				}
			},
			errToken: "-", code: "not_authed"},
		{method: "emoji.list",
			check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
				if got["emoji"].(map[string]any)["squirrel"] != "alias:shipit" {
					t.Errorf("emoji.list answered %v", got)
				}
			},
			errToken: "-", code: "not_authed"},
	}
	noArgs := func(*slacktest.Server) url.Values { return nil }
	for _, tc := range cases {
		t.Run(tc.method, func(t *testing.T) {
			args, errArgs := cmpOrArgs(tc.args, noArgs), cmpOrArgs(tc.errArgs, noArgs)
			srv := slacktest.NewT(t)
			srv.AddUsergroup(group)
			token := cmpOr(tc.token, slacktest.UserToken)
			got := call(t, srv, token, tc.method, args(srv), nil)
			if got["ok"] != true {
				t.Fatalf("%s: %v", tc.method, got)
			}
			if tc.check != nil {
				tc.check(t, srv, got)
			}

			srv = slacktest.NewT(t)
			srv.AddUsergroup(group)
			errToken := cmpOr(tc.errToken, token)
			if errToken == "-" {
				errToken = ""
			}
			got = call(t, srv, errToken, tc.method, errArgs(srv), nil)
			if got["ok"] != false || got["error"] != tc.code {
				t.Fatalf("%s: %v, want error %s", tc.method, got, tc.code)
			}
			if !slices.Contains(docs[tc.method], tc.code) {
				t.Errorf("%s: %s is not an error Slack documents for it", tc.method, tc.code)
			}
		})
	}
}

func cmpOrArgs(a, b func(*slacktest.Server) url.Values) func(*slacktest.Server) url.Values {
	if a != nil {
		return a
	}
	return b
}

// TestTriggerIDs: a trigger ID works once, within TriggerTTL on the workspace's clock, and only if the
// workspace issued it.
func TestTriggerIDs(t *testing.T) {
	now := time.Unix(1800000000, 0)
	srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return now }))
	modal := `{"type":"modal","title":{"type":"plain_text","text":"T"},"blocks":[]}`
	open := func(trigger string) any {
		return call(t, srv, slacktest.BotToken, "views.open", form("trigger_id", trigger, "view", modal), nil)["error"]
	}
	a, b := srv.TriggerID(slacktest.AliceID), srv.TriggerID(slacktest.AliceID)
	if a == b || a == "" {
		t.Fatalf("trigger IDs %q and %q", a, b)
	}
	now = now.Add(slacktest.TriggerTTL)
	if got := open(a); got != nil {
		t.Errorf("a trigger used at its TTL: %v", got)
	}
	if got := open(a); got != "exchanged_trigger_id" {
		t.Errorf("a trigger used twice: %v", got)
	}
	now = now.Add(time.Nanosecond)
	if got := open(b); got != "expired_trigger_id" {
		t.Errorf("a trigger used after its TTL: %v", got)
	}
	if got := open("not-issued"); got != "invalid_trigger_id" {
		t.Errorf("a trigger never issued: %v", got)
	}
	if got := call(t, srv, slacktest.BotToken, "views.open", form("view", modal), nil); got["error"] != "invalid_arguments" {
		t.Errorf("views.open without a trigger: %v", got)
	}
}

// TestViewStack: a modal's stack holds three views at most, each pushed view above the last.
func TestViewStack(t *testing.T) {
	srv := slacktest.NewT(t)
	modal := `{"type":"modal","title":{"type":"plain_text","text":"T"},"blocks":[]}`
	var ids []string
	for i, method := range []string{"views.open", "views.push", "views.push", "views.push"} {
		got := call(t, srv, slacktest.BotToken, method, form("trigger_id", srv.TriggerID(slacktest.BobID), "view", modal), nil)
		if i == 3 {
			if got["error"] != "push_limit_reached" {
				t.Errorf("a fourth view: %v", got)
			}
			break
		}
		v := got["view"].(map[string]any)
		ids = append(ids, v["id"].(string))
		if v["root_view_id"] != ids[0] || (i > 0 && v["previous_view_id"] != ids[i-1]) {
			t.Errorf("view %d: %v", i, v)
		}
	}
}

// TestSearchPagesByPageNumber: search.messages pages by page and count, newest first, and names the
// page count; a user sees only what they can read.
func TestSearchPagesByPageNumber(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.WithPageSize(2))
	for i, ch := range []string{slacktest.GeneralID, slacktest.RandomID, slacktest.GeneralID, slacktest.SecretID, slacktest.GeneralID} {
		srv.AddMessage(slacktest.Message{Channel: ch, User: slacktest.AliceID, Text: "build " + string(rune('a'+i))})
	}
	bob := "xoxp-bob"
	srv.AddToken(bob, slacktest.BobID)
	var texts []string
	for page := 1; page <= 3; page++ {
		got := call(t, srv, bob, "search.messages", form("query", "build", "page", string(rune('0'+page))), nil)
		m := got["messages"].(map[string]any)
		paging := m["paging"].(map[string]any)
		if paging["pages"] != float64(2) || paging["total"] != float64(4) || paging["count"] != float64(2) {
			t.Errorf("page %d: paging %v", page, paging)
		}
		for _, match := range m["matches"].([]any) {
			texts = append(texts, match.(map[string]any)["text"].(string))
		}
	}
	// bob is not in #secret: "build d" is not his to find.
	if want := []string{"build e", "build c", "build b", "build a"}; !slices.Equal(texts, want) {
		t.Errorf("bob found %v, want %v", texts, want)
	}
}
