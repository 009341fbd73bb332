package slacktest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack/slacktest"
)

func decodeJSON(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }

func TestScopesRevokedAndInactiveTokens(t *testing.T) {
	srv := slacktest.NewT(t,
		slacktest.WithToken(slacktest.Token{Value: "xoxb-reader", User: slacktest.BotUserID, Label: "reader",
			Scopes: []string{"channels:history", "users:read"}}),
		slacktest.WithToken(slacktest.Token{Value: "xoxb-gone", User: slacktest.BotUserID, Revoked: true}),
		slacktest.WithToken(slacktest.Token{Value: "xoxp-away", User: slacktest.BobID, Inactive: true}))

	for _, tc := range []struct {
		token, method string
		args          url.Values
		code, needed  string
	}{
		{"xoxb-reader", "conversations.history", form("channel", slacktest.GeneralID), "", ""},
		{"xoxb-reader", "conversations.history", form("channel", slacktest.SecretID), "missing_scope", "groups:history"},
		{"xoxb-reader", "chat.postMessage", form("channel", slacktest.GeneralID, "text", "x"), "missing_scope", "chat:write"},
		{"xoxb-reader", "users.info", form("user", slacktest.BobID), "", ""},
		{"xoxb-reader", "auth.test", nil, "", ""},
		{"xoxb-gone", "auth.test", nil, "token_revoked", ""},
		{"xoxp-away", "auth.test", nil, "account_inactive", ""},
	} {
		got := call(t, srv, tc.token, tc.method, tc.args, nil)
		if tc.code == "" {
			if got["ok"] != true {
				t.Errorf("%s with %s: %v, want ok", tc.method, tc.token, got)
			}
			continue
		}
		if got["error"] != tc.code {
			t.Errorf("%s with %s: %v, want %s", tc.method, tc.token, got, tc.code)
		}
		if tc.needed != "" && (got["needed"] != tc.needed || got["provided"] != "channels:history,users:read") {
			t.Errorf("%s: needed %v, provided %v; want %s and the token's scopes", tc.method, got["needed"], got["provided"], tc.needed)
		}
	}
	if !srv.RevokeToken(slacktest.BotToken) || srv.RevokeToken("xoxb-never") {
		t.Error("RevokeToken reported the wrong tokens as known")
	}
	if got := call(t, srv, slacktest.BotToken, "auth.test", nil, nil); got["error"] != "token_revoked" {
		t.Errorf("after RevokeToken: %v", got)
	}
}

// TestRequestLogNamesTokensWithoutShowingThem: the log says which token called, and printing a request
// in any form shows neither the Authorization header nor a token argument.
func TestRequestLogNamesTokensWithoutShowingThem(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.WithToken(slacktest.Token{Value: "xoxb-secret-value", User: slacktest.BotUserID, Label: "ops-bot"}))
	call(t, srv, "xoxb-secret-value", "chat.postMessage", form("channel", slacktest.GeneralID, "text", "hi"), nil)
	call(t, srv, "", "auth.test", form("token", slacktest.UserToken), nil)
	call(t, srv, "xoxb-unknown-value", "auth.test", nil, nil)

	log := srv.Requests()
	if len(log) != 3 {
		t.Fatalf("%d requests logged, want 3", len(log))
	}
	for i, want := range []struct{ token, user string }{{"ops-bot", slacktest.BotUserID}, {"user", slacktest.AliceID}, {"unknown", ""}} {
		if log[i].Token != want.token || log[i].User != want.user || log[i].Time.IsZero() {
			t.Errorf("request %d: token %q user %q time %v; want %q, %q and a time", i, log[i].Token, log[i].User, log[i].Time, want.token, want.user)
		}
	}
	if got, want := log[0].String(), `chat.postMessage by ops-bot channel="C0GENERAL" text="hi"`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("request", "req", log[1])
	for _, printed := range []string{fmt.Sprint(log), fmt.Sprintf("%+v", log), fmt.Sprintf("%#v", log), logged.String()} {
		for _, secret := range []string{"xoxb-secret-value", slacktest.UserToken, "xoxb-unknown-value"} {
			if strings.Contains(printed, secret) {
				t.Errorf("a printed request shows a token: %s", printed)
			}
		}
	}
	if !strings.Contains(logged.String(), `"token":"[hidden]"`) {
		t.Errorf("the logged form does not show the hidden token argument: %s", logged.String())
	}
}

// TestClockMakesTimestampsExact: under a fixed clock, timestamps, creation times and request times are
// the clock's, and timestamps stay unique and increasing although the clock stands still.
func TestClockMakesTimestampsExact(t *testing.T) {
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return at }))
	var ts []string
	for range 3 {
		got := call(t, srv, slacktest.BotToken, "chat.postMessage", form("channel", slacktest.GeneralID, "text", "tick"), nil)
		ts = append(ts, got["ts"].(string))
	}
	created := call(t, srv, slacktest.UserToken, "conversations.create", form("name", "clocked"), nil)
	if want := []string{"1714564800.000100", "1714564800.000101", "1714564800.000102"}; !slices.Equal(ts, want) {
		t.Errorf("timestamps %v, want %v", ts, want)
	}
	if c := created["channel"].(map[string]any)["created"]; c != float64(at.Unix()) {
		t.Errorf("created %v, want %d", c, at.Unix())
	}
	if r, _ := srv.LastRequest("chat.postMessage"); !r.Time.Equal(at) {
		t.Errorf("request time %v, want %v", r.Time, at)
	}
}

// TestSynctestBubble: in a bubble, the in-memory transport works, a Slow fault's delay passes on the
// bubble's clock, and the default clock is the bubble's.
func TestSynctestBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.NewT(t)
		srv.Inject("auth.test", slacktest.Slow(90*time.Second))
		start := time.Now()
		got := call(t, srv, slacktest.BotToken, "auth.test", nil, nil)
		if got["ok"] != true {
			t.Fatalf("auth.test: %v", got)
		}
		if waited := time.Since(start); waited != 90*time.Second {
			t.Errorf("waited %v, want exactly 90s of bubble time", waited)
		}
		posted := call(t, srv, slacktest.BotToken, "chat.postMessage", form("channel", slacktest.GeneralID, "text", "x"), nil)
		if want := fmt.Sprintf("%d.000100", time.Now().Unix()); posted["ts"] != want {
			t.Errorf("ts %v, want %s from the bubble's clock", posted["ts"], want)
		}
	})
}

// TestCursorsWithPageSize: WithPageSize makes listings page with real cursors; a cursor fetches the
// rest, a forged one is refused.
func TestCursorsWithPageSize(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.WithPageSize(2))
	var names []string
	cursor := ""
	for pages := 0; ; pages++ {
		got := call(t, srv, slacktest.BotToken, "users.list", form("cursor", cursor), nil)
		members := got["members"].([]any)
		if len(members) > 2 {
			t.Fatalf("page of %d, want at most 2", len(members))
		}
		for _, m := range members {
			names = append(names, m.(map[string]any)["name"].(string))
		}
		cursor = got["response_metadata"].(map[string]any)["next_cursor"].(string)
		if cursor == "" {
			break
		}
		if pages > 5 {
			t.Fatal("the cursors do not end")
		}
	}
	if want := []string{"alice", "bob", "tourbot", "carol"}; !slices.Equal(names, want) {
		t.Errorf("users %v, want %v", names, want)
	}
	if got := call(t, srv, slacktest.BotToken, "users.list", form("limit", "3"), nil); len(got["members"].([]any)) != 3 {
		t.Errorf("an explicit limit is not kept: %v", got)
	}
}

// TestLegacyPaging: im.history pages with has_more, and the caller moves latest back.
func TestLegacyPaging(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.WithPageSize(2), slacktest.WithSeed(slacktest.Seed{
		Channels: []slacktest.Channel{{ID: "D1", IsIM: true, User: slacktest.BobID, Members: []string{slacktest.AliceID, slacktest.BobID}}},
	}))
	for i := range 5 {
		srv.AddMessage(slacktest.Message{Channel: "D1", User: slacktest.BobID, TS: fmt.Sprintf("170000000%d.000100", i), Text: fmt.Sprint(i)})
	}
	var texts []string
	latest := ""
	for {
		got := call(t, srv, slacktest.UserToken, "im.history", form("channel", "D1", "latest", latest), nil)
		msgs := got["messages"].([]any)
		for _, m := range msgs {
			texts = append(texts, m.(map[string]any)["text"].(string))
			latest = m.(map[string]any)["ts"].(string)
		}
		if got["has_more"] != true {
			break
		}
	}
	if want := []string{"4", "3", "2", "1", "0"}; !slices.Equal(texts, want) {
		t.Errorf("paged %v, want %v", texts, want)
	}
}

// TestOverrideAfterStart: Handle and Respond take effect on the next request of a started server, for
// a method the fake has and for one it lacks; nil restores the built-in handler. OnRequest sees them.
func TestOverrideAfterStart(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.Listen())
	var seen []string
	srv.OnRequest(func(r slacktest.Request) { seen = append(seen, r.Method+" "+r.Token) })

	get := func(method string) map[string]any { return post(t, http.DefaultClient, srv.URL(), method, nil) }
	if got := get("stars.add"); got["error"] != "unknown_method" {
		t.Fatalf("before the override: %v", got)
	}
	srv.Respond("stars.add", func(r slacktest.Request) any { return map[string]any{"ok": true, "by": r.User} })
	srv.Handle("auth.test", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, `{"ok":false,"error":"invalid_auth","body":%q}`, body)
	}))
	if got := get("stars.add"); got["ok"] != true || got["by"] != slacktest.BotUserID {
		t.Errorf("overridden stars.add: %v", got)
	}
	if got := get("auth.test"); got["error"] != "invalid_auth" {
		t.Errorf("overridden auth.test: %v", got)
	}
	srv.Handle("auth.test", nil)
	if got := get("auth.test"); got["ok"] != true {
		t.Errorf("restored auth.test: %v", got)
	}
	want := []string{"stars.add bot", "stars.add bot", "auth.test bot", "auth.test bot"}
	if !slices.Equal(seen, want) {
		t.Errorf("the hook saw %v, want %v", seen, want)
	}
}

// TestFaultsByPredicateAndKind: InjectWhen picks its requests; Warn, Truncated, Dropped and a 5xx
// answer as documented.
func TestFaultsByPredicateAndKind(t *testing.T) {
	srv := slacktest.NewT(t)
	onlyRandom := func(r slacktest.Request) bool { return r.Form.Get("channel") == slacktest.RandomID }
	srv.InjectWhen("chat.postMessage", onlyRandom, slacktest.RateLimited("7"))

	send := func(method string, args url.Values) (*http.Response, []byte, error) {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+method, strings.NewReader(args.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+slacktest.BotToken)
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		return resp, body, err
	}
	resp, _, _ := send("chat.postMessage", form("channel", slacktest.GeneralID, "text", "a"))
	if resp.StatusCode != 200 {
		t.Errorf("#general got %d; the fault is for #random", resp.StatusCode)
	}
	resp, body, _ := send("chat.postMessage", form("channel", slacktest.RandomID, "text", "b"))
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" || !strings.Contains(string(body), "ratelimited") {
		t.Errorf("#random got %d %q %s, want the 429", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if resp, _, _ := send("chat.postMessage", form("channel", slacktest.RandomID, "text", "c")); resp.StatusCode != 200 {
		t.Errorf("the fault applied twice")
	}

	srv.Inject("auth.test", slacktest.Warn("missing_charset"), slacktest.Truncated(), slacktest.Dropped(),
		slacktest.HTTPStatus(503, "text/plain", "upstream down"), slacktest.RateLimited(""))
	_, body, _ = send("auth.test", nil)
	var warned struct {
		OK       bool   `json:"ok"`
		Warning  string `json:"warning"`
		Metadata struct {
			Warnings []string `json:"warnings"`
		} `json:"response_metadata"`
	}
	if err := json.Unmarshal(body, &warned); err != nil || !warned.OK || warned.Warning != "missing_charset" ||
		!slices.Equal(warned.Metadata.Warnings, []string{"missing_charset"}) {
		t.Errorf("warned answer %s", body)
	}
	_, body, _ = send("auth.test", nil)
	if json.Valid(body) || !strings.HasPrefix(string(body), `{"`) {
		t.Errorf("truncated answer %q", body)
	}
	if _, _, err := send("auth.test", nil); !errors.Is(err, slacktest.ErrConnectionReset) {
		t.Errorf("dropped: %v, want ErrConnectionReset", err)
	}
	if resp, body, _ := send("auth.test", nil); resp.StatusCode != 503 || string(body) != "upstream down" {
		t.Errorf("5xx: %d %q", resp.StatusCode, body)
	}
	if resp, _, _ := send("auth.test", nil); resp.StatusCode != 429 || resp.Header["Retry-After"] != nil {
		t.Errorf("429 without Retry-After: %d %v", resp.StatusCode, resp.Header)
	}
}

// TestTiersCount429s: with tiers enforced, a burst past a Tier 2 method's limit is refused with 429s,
// which Sent429s counts.
func TestTiersCount429s(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.NewT(t, slacktest.WithTiers(time.Minute))
		refused := 0
		for range 5 {
			got := call429(t, srv, "users.list")
			if got == http.StatusTooManyRequests {
				refused++
			}
		}
		if refused == 0 || srv.Sent429s() != refused {
			t.Errorf("%d requests refused, Sent429s %d; want some, counted", refused, srv.Sent429s())
		}
	})
}

func call429(t *testing.T, srv *slacktest.Server, method string) int {
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+method, nil)
	req.Header.Set("Authorization", "Bearer "+slacktest.BotToken)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestSeedJSON: a JSON seed file builds every kind of object, the answers show them, and a snapshot
// loaded into an empty workspace makes the same one.
func TestSeedJSON(t *testing.T) {
	seed := `{
	  "users": [{"id": "U1", "name": "dana", "real_name": "Dana Scully", "email": "dana@example.com"},
	            {"id": "U2", "name": "helper", "is_bot": true, "bot_id": "B2"},
	            {"id": "U3", "name": "fox"}],
	  "bots": [{"id": "B2", "name": "helper", "app_id": "A2", "user_id": "U2"}],
	  "channels": [{"id": "C1", "name": "ops", "topic": "Incidents", "members": ["U1", "U2"]},
	               {"id": "C2", "name": "old", "is_archived": true, "members": ["U1"]},
	               {"id": "G1", "name": "staff", "is_private": true, "members": ["U1"]},
	               {"id": "D1", "is_im": true, "user": "U2", "members": ["U1", "U2"], "is_open": true},
	               {"id": "G2", "name": "mpdm-dana--helper--fox-1", "is_mpim": true, "members": ["U1", "U2", "U3"]}],
	  "messages": [{"channel": "C1", "ts": "1700000200.000100", "user": "U2", "text": "on it", "thread_ts": "1700000100.000100"},
	               {"channel": "C1", "ts": "1700000100.000100", "user": "U1", "text": "disk full"}],
	  "tokens": [{"token": "xoxb-ops", "user": "U2", "scopes": ["chat:write", "channels:history"]},
	             {"token": "xoxp-dana", "user": "U1"}]
	}`
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := slacktest.NewT(t, slacktest.Empty(), slacktest.WithSeedFile(path))

	if got := call(t, srv, slacktest.BotToken, "auth.test", nil, nil); got["error"] != "invalid_auth" {
		t.Errorf("an Empty workspace knows the default bot token: %v", got)
	}
	replies := call(t, srv, "xoxb-ops", "conversations.replies", form("channel", "C1", "ts", "1700000100.000100"), nil)
	if msgs, _ := replies["messages"].([]any); len(msgs) != 2 || msgs[0].(map[string]any)["reply_count"] != float64(1) {
		t.Errorf("the seeded thread: %v", replies)
	}
	if got := call(t, srv, "xoxb-ops", "conversations.info", form("channel", "C1"), nil); got["error"] != "missing_scope" {
		t.Errorf("the scoped token read channel info: %v", got)
	}
	info := call(t, srv, "xoxp-dana", "conversations.info", form("channel", "C1"), nil)
	if info["channel"].(map[string]any)["topic"].(map[string]any)["value"] != "Incidents" {
		t.Errorf("topic: %v", info)
	}
	if got := call(t, srv, "xoxp-dana", "chat.postMessage", form("channel", "C2", "text", "x"), nil); got["error"] != "is_archived" {
		t.Errorf("post to the archived channel: %v", got)
	}
	if im, found := srv.IM("U1", "U2"); !found || !im.IsOpenFor("U1") || !im.IsOpenFor("U2") {
		t.Errorf("IM: %+v", im)
	}
	if ch, _ := srv.Channel("G2"); !ch.IsMPIM || len(ch.Members) != 3 {
		t.Errorf("MPIM: %+v", ch)
	}

	snap := srv.Snapshot()
	data, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	again := slacktest.NewT(t, slacktest.Empty())
	if err := again.LoadJSON(data); err != nil {
		t.Fatal(err)
	}
	data2, _ := json.Marshal(again.Snapshot())
	if !bytes.Equal(data, data2) {
		t.Errorf("a snapshot does not load into the same workspace:\n%s\n%s", data, data2)
	}
}

func TestSeedErrors(t *testing.T) {
	for _, tc := range []struct{ seed, want string }{
		{`{"users": [{"id": "U1", "nmae": "typo"}]}`, "unknown field"},
		{`{"channels": [{"id": "C1", "members": ["U404"]}]}`, `member "U404" is no user`},
		{`{"messages": [{"channel": "C404", "text": "x"}]}`, `channel "C404" is no conversation`},
		{`{"tokens": [{"token": "xoxb-x", "user": "U404"}]}`, `user "U404" is no user`},
		{`{"messages": [{"channel": "C0GENERAL", "ts": "soon"}]}`, "not a Slack timestamp"},
	} {
		srv := slacktest.New()
		err := srv.LoadJSON([]byte(tc.seed))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.seed, err, tc.want)
		}
		if n := len(srv.Snapshot().Users); n != 4 {
			t.Errorf("%s: a refused seed changed the workspace (%d users)", tc.seed, n)
		}
	}
	if _, err := slacktest.Open(slacktest.WithSeedFile(filepath.Join(t.TempDir(), "missing.json"))); err == nil {
		t.Error("a missing seed file is no error")
	}
	if _, err := slacktest.Open(slacktest.WithPageSize(0)); err == nil {
		t.Error("a page size of 0 is no error")
	}
}

// fakeT records a helper's failure instead of failing the test.
type fakeT struct {
	testing.TB
	failed string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed = fmt.Sprintf(format, args...)
}

// TestAssertions: the helpers pass on what happened and fail with a message that shows what there was.
func TestAssertions(t *testing.T) {
	srv := slacktest.NewT(t)
	parent := srv.AddMessage(slacktest.Message{Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "build failed"})
	call(t, srv, slacktest.BotToken, "chat.postMessage", form("channel", slacktest.GeneralID, "text", "retrying the build", "thread_ts", parent.TS), nil)

	if m := srv.AssertPosted(t, "#general", "retrying"); m.ThreadTS != parent.TS || m.User != slacktest.BotUserID {
		t.Errorf("AssertPosted returned %+v", m)
	}
	srv.AssertReplied(t, slacktest.GeneralID, parent.TS, "retrying")
	srv.AssertNotPosted(t, slacktest.GeneralID, "deploying")
	srv.AssertCalled(t, "chat.postMessage", 1)

	for name, fail := range map[string]func(tb testing.TB){
		"posted":     func(tb testing.TB) { srv.AssertPosted(tb, slacktest.GeneralID, "deploying") },
		"replied":    func(tb testing.TB) { srv.AssertReplied(tb, slacktest.GeneralID, parent.TS, "deploying") },
		"not posted": func(tb testing.TB) { srv.AssertNotPosted(tb, slacktest.GeneralID, "retrying") },
		"called":     func(tb testing.TB) { srv.AssertCalled(tb, "chat.postMessage", 2) },
	} {
		ft := &fakeT{TB: t}
		fail(ft)
		if ft.failed == "" {
			t.Errorf("%s: no failure", name)
			continue
		}
		if !strings.Contains(ft.failed, "retrying") && !strings.Contains(ft.failed, "chat.postMessage") {
			t.Errorf("%s: the failure does not show what there was: %s", name, ft.failed)
		}
	}
}

// TestBothTransportsAnswerAlike: the same request answers the same in memory and over HTTP.
func TestBothTransportsAnswerAlike(t *testing.T) {
	at := time.Unix(1700000000, 0)
	srv := slacktest.NewT(t, slacktest.Listen(), slacktest.WithClock(func() time.Time { return at }))
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	var bodies []string
	for _, client := range []*http.Client{srv.HTTPClient(), http.DefaultClient} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL()+"users.info", strings.NewReader("user="+slacktest.BobID))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+slacktest.BotToken)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		bodies = append(bodies, string(body))
	}
	if bodies[0] != bodies[1] {
		t.Errorf("in memory %s\nover HTTP %s", bodies[0], bodies[1])
	}
}

// TestFaultsApplyToOverrides: a fault that runs the method first (Warn, Truncated) works on an
// override's answer too, and one that replaces the answer (a 429) keeps the override from running.
func TestFaultsApplyToOverrides(t *testing.T) {
	srv := slacktest.NewT(t)
	ran := 0
	srv.Respond("reactions.add", func(slacktest.Request) any {
		ran++
		return map[string]any{"ok": true}
	})
	srv.Inject("reactions.add", slacktest.Warn("superfluous_charset"), slacktest.RateLimited("1"))

	got := call(t, srv, slacktest.BotToken, "reactions.add", nil, nil)
	if got["ok"] != true || got["warning"] != "superfluous_charset" {
		t.Errorf("warned override: %v", got)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+"reactions.add", nil)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || ran != 1 {
		t.Errorf("429 fault: status %d, override ran %d times; want 429 and once", resp.StatusCode, ran)
	}
}
