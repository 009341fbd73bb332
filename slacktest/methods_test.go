package slacktest_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/goslack/slack/slacktest"
)

// call sends one request to srv, in memory, with token (none if empty), as a form or, with an image,
// as multipart; it returns the decoded answer after checking it is HTTP 200 JSON.
func call(t testing.TB, srv *slacktest.Server, token, method string, args url.Values, image []byte) map[string]any {
	t.Helper()
	var body bytes.Buffer
	contentType := "application/x-www-form-urlencoded"
	if image != nil {
		mw := multipart.NewWriter(&body)
		for k, vs := range args {
			for _, v := range vs {
				if err := mw.WriteField(k, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		part, err := mw.CreateFormFile("image", "me.png")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = part.Write(image)
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		contentType = mw.FormDataContentType()
	} else {
		body.WriteString(args.Encode())
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+method, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	var got map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatalf("%s: HTTP %d, body is not JSON: %v", method, resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: HTTP %d %v", method, resp.StatusCode, got)
	}
	return got
}

// form builds url.Values from key, value pairs.
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// The objects every method case is seeded with, beyond the default workspace.
const (
	imAB      = "D0ALICEBOB" // alice and bob's IM, open for both
	emptyChan = "C0EMPTY"    // a public channel with bob alone
	oldChan   = "C0OLD"      // an archived channel of alice's
	oldGroup  = "G0OLD"      // an archived private channel of alice's
	tsGeneral = "1700000100.000100"
	tsReply   = "1700000200.000100"
	tsIM      = "1700000300.000100"
	tsSecret  = "1700000400.000100"
	tsLink    = "1700000500.000100"
	commentID = "Fc0NICE"
	// scopedToken is the bot's token with chat:write alone.
	scopedToken = "xoxb-scoped"
)

var methodSeed = slacktest.Seed{
	Channels: []slacktest.Channel{
		{ID: imAB, IsIM: true, User: slacktest.BobID, Members: []string{slacktest.AliceID, slacktest.BobID}, IsOpen: true},
		{ID: emptyChan, Name: "empty", Members: []string{slacktest.BobID}},
		{ID: oldChan, Name: "old", IsArchived: true, Members: []string{slacktest.AliceID}},
		{ID: oldGroup, Name: "old-secret", IsPrivate: true, IsArchived: true, Members: []string{slacktest.AliceID}},
	},
	Messages: []slacktest.Message{
		{Channel: slacktest.GeneralID, TS: tsGeneral, User: slacktest.AliceID, Text: "deploy?"},
		{Channel: slacktest.GeneralID, TS: tsReply, User: slacktest.BobID, Text: "yes", ThreadTS: tsGeneral},
		{Channel: imAB, TS: tsIM, User: slacktest.BobID, Text: "lunch?"},
		{Channel: slacktest.SecretID, TS: tsSecret, User: slacktest.AliceID, Text: "hush"},
		{Channel: slacktest.GeneralID, TS: tsLink, User: slacktest.AliceID, Text: "see https://example.com/x"},
	},
	Files: []slacktest.File{{ID: slacktest.FileID, Name: "report.pdf", User: slacktest.AliceID,
		Channel: slacktest.GeneralID, Comments: []slacktest.Comment{{ID: commentID, User: slacktest.AliceID, Comment: "nice"}}}},
	Tokens: []slacktest.Token{{Value: scopedToken, User: slacktest.BotUserID, Scopes: []string{"chat:write"}}},
}

// methodCase is one method's success and one documented error, each on a fresh workspace.
type methodCase struct {
	method   string
	token    string     // the success's token; alice's UserToken if empty
	args     url.Values // the success's arguments
	image    []byte     // a multipart image, for users.setPhoto
	check    func(t *testing.T, srv *slacktest.Server, got map[string]any)
	errToken string // the error's token; token if empty
	errArgs  url.Values
	errImage []byte
	code     string
}

var png = []byte("\x89PNG\r\n\x1a\n0000")

var methodCases = []methodCase{
	{method: "auth.test", token: slacktest.BotToken, check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
		if got["user_id"] != slacktest.BotUserID || got["bot_id"] != slacktest.BotID {
			t.Errorf("auth.test answered %v", got)
		}
	}, errToken: "-", code: "not_authed"},
	{method: "bots.info", args: form("bot", slacktest.BotID), errArgs: form("bot", "B0NOPE"), code: "bot_not_found"},

	{method: "chat.postMessage", token: slacktest.BotToken, args: form("channel", slacktest.GeneralID, "text", "hi", "thread_ts", tsGeneral),
		check: func(t *testing.T, srv *slacktest.Server, got map[string]any) {
			srv.AssertReplied(t, slacktest.GeneralID, tsGeneral, "hi")
		}, errArgs: form("channel", "C0NOPE", "text", "hi"), code: "channel_not_found"},
	{method: "chat.meMessage", args: form("channel", slacktest.GeneralID, "text", "waves"),
		errArgs: form("channel", slacktest.GeneralID, "text", ""), code: "no_text"},
	{method: "chat.getPermalink", args: form("channel", slacktest.GeneralID, "message_ts", tsGeneral),
		errArgs: form("channel", slacktest.GeneralID, "message_ts", "1.000002"), code: "message_not_found"},
	{method: "chat.delete", args: form("channel", slacktest.GeneralID, "ts", tsLink),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			srv.AssertNotPosted(t, slacktest.GeneralID, "example.com")
		}, errArgs: form("channel", slacktest.GeneralID, "ts", "1.000002"), code: "message_not_found"},
	{method: "chat.unfurl", args: form("channel", slacktest.GeneralID, "ts", tsLink, "unfurls", `{"https://example.com/x":{"text":"X"}}`),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if u := srv.Unfurls(); len(u) != 1 || u[0].TS != tsLink {
				t.Errorf("unfurls %v", u)
			}
		}, errArgs: form("channel", slacktest.GeneralID, "ts", tsLink), code: "missing_unfurls"},
	{method: "chat.postEphemeral", args: form("channel", slacktest.GeneralID, "user", slacktest.BobID, "text", "psst"),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if e := srv.Ephemerals(); len(e) != 1 || e[0].User != slacktest.BobID || e[0].Text != "psst" {
				t.Errorf("ephemerals %v", e)
			}
		}, errArgs: form("channel", slacktest.RandomID, "user", slacktest.CarolID, "text", "psst"), code: "user_not_in_channel"},
	{method: "chat.update", args: form("channel", slacktest.GeneralID, "ts", tsGeneral, "text", "deploy now?"),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			m := srv.Thread(slacktest.GeneralID, tsGeneral)[0]
			if m.Text != "deploy now?" || len(m.Edits) != 1 || m.Edits[0].Text != "deploy?" || m.Edits[0].By != slacktest.AliceID {
				t.Errorf("edited message %+v", m)
			}
		}, errArgs: form("channel", slacktest.GeneralID, "ts", tsReply, "text", "no"), code: "cant_update_message"},

	{method: "conversations.archive", args: form("channel", slacktest.RandomID),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if ch, _ := srv.Channel("random"); !ch.IsArchived {
				t.Error("random is not archived")
			}
		}, errArgs: form("channel", slacktest.GeneralID), code: "cant_archive_general"},
	{method: "conversations.close", args: form("channel", imAB),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			im, found := srv.IM(slacktest.AliceID, slacktest.BobID)
			if !found || im.IsOpenFor(slacktest.AliceID) || !im.IsOpenFor(slacktest.BobID) {
				t.Errorf("IM after close: %+v", im)
			}
		}, errArgs: form("channel", "C0NOPE"), code: "channel_not_found"},
	{method: "conversations.create", args: form("name", "launch"), errArgs: form("name", "general"), code: "name_taken"},
	{method: "conversations.history", args: form("channel", slacktest.GeneralID), errArgs: form("channel", "C0NOPE"), code: "channel_not_found"},
	{method: "conversations.info", args: form("channel", slacktest.GeneralID), errArgs: form("channel", "C0NOPE"), code: "channel_not_found"},
	{method: "conversations.invite", args: form("channel", slacktest.RandomID, "users", slacktest.CarolID),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if !slices.Contains(srv.Members(slacktest.RandomID), slacktest.CarolID) {
				t.Error("carol is not in #random")
			}
		}, errArgs: form("channel", slacktest.RandomID, "users", slacktest.BobID), code: "already_in_channel"},
	{method: "conversations.join", args: form("channel", emptyChan), errArgs: form("channel", "C0NOPE"), code: "channel_not_found"},
	{method: "conversations.kick", args: form("channel", slacktest.RandomID, "user", slacktest.BobID),
		errArgs: form("channel", slacktest.RandomID, "user", slacktest.AliceID), code: "cant_kick_self"},
	{method: "conversations.leave", args: form("channel", slacktest.RandomID), errArgs: form("channel", slacktest.GeneralID), code: "cant_leave_general"},
	{method: "conversations.list", args: form("types", "public_channel,private_channel"), errArgs: form("types", "bogus"), code: "invalid_types"},
	{method: "conversations.members", args: form("channel", slacktest.GeneralID), errArgs: form("channel", "C0NOPE"), code: "channel_not_found"},
	{method: "conversations.open", args: form("users", slacktest.CarolID),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if im, found := srv.IM(slacktest.AliceID, slacktest.CarolID); !found || !im.IsOpenFor(slacktest.AliceID) {
				t.Errorf("IM with carol: %+v, %v", im, found)
			}
		}, errArgs: form("users", "U0NOPE"), code: "user_not_found"},
	{method: "conversations.rename", args: form("channel", slacktest.RandomID, "name", "random-2"),
		errArgs: form("channel", slacktest.RandomID, "name", "general"), code: "name_taken"},
	{method: "conversations.replies", args: form("channel", slacktest.GeneralID, "ts", tsGeneral),
		errArgs: form("channel", slacktest.GeneralID, "ts", "1.000002"), code: "thread_not_found"},
	{method: "conversations.setPurpose", args: form("channel", slacktest.GeneralID, "purpose", "all"),
		errArgs: form("channel", "C0NOPE", "purpose", "all"), code: "channel_not_found"},
	{method: "conversations.setTopic", args: form("channel", slacktest.GeneralID, "topic", "launch day"),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if ch, _ := srv.Channel(slacktest.GeneralID); ch.Topic != "launch day" || ch.TopicCreator != slacktest.AliceID {
				t.Errorf("topic %q by %q", ch.Topic, ch.TopicCreator)
			}
		}, errArgs: form("channel", oldChan, "topic", "x"), code: "is_archived"},
	{method: "conversations.unarchive", args: form("channel", oldChan), errArgs: form("channel", slacktest.GeneralID), code: "not_archived"},

	{method: "files.comments.add", args: form("file", slacktest.FileID, "comment", "+1"), errArgs: form("file", "F0NOPE", "comment", "+1"), code: "file_not_found"},
	{method: "files.comments.edit", args: form("file", slacktest.FileID, "id", commentID, "comment", "nicer"),
		errArgs: form("file", slacktest.FileID, "id", "Fc0NOPE", "comment", "x"), code: "comment_not_found"},
	{method: "files.comments.delete", args: form("file", slacktest.FileID, "id", commentID),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if f, _ := srv.File(slacktest.FileID); len(f.Comments) != 0 {
				t.Errorf("comments left: %v", f.Comments)
			}
		}, errArgs: form("file", slacktest.FileID, "id", "Fc0NOPE"), code: "comment_not_found"},

	{method: "groups.archive", args: form("channel", slacktest.SecretID), errArgs: form("channel", "G0NOPE"), code: "channel_not_found"},
	{method: "groups.create", args: form("name", "hush"), errToken: slacktest.BotToken, errArgs: form("name", "hush"), code: "user_is_bot"},
	{method: "groups.createChild", args: form("channel", slacktest.SecretID), errArgs: form("channel", "G0NOPE"), code: "channel_not_found"},
	{method: "groups.history", args: form("channel", slacktest.SecretID), errArgs: form("channel", "G0NOPE"), code: "channel_not_found"},
	{method: "groups.info", args: form("channel", slacktest.SecretID), errArgs: form("channel", "G0NOPE"), code: "channel_not_found"},
	{method: "groups.invite", args: form("channel", slacktest.SecretID, "user", slacktest.BobID),
		errArgs: form("channel", slacktest.SecretID, "user", "U0NOPE"), code: "user_not_found"},
	{method: "groups.kick", args: form("channel", slacktest.SecretID, "user", slacktest.BotUserID),
		errArgs: form("channel", slacktest.SecretID, "user", slacktest.BobID), code: "not_in_group"},
	{method: "groups.leave", args: form("channel", slacktest.SecretID), errArgs: form("channel", "G0NOPE"), code: "channel_not_found"},
	{method: "groups.list", errToken: "xoxp-unknown", code: "invalid_auth"},
	{method: "groups.mark", args: form("channel", slacktest.SecretID, "ts", tsSecret),
		errArgs: form("channel", slacktest.SecretID, "ts", "yesterday"), code: "invalid_timestamp"},
	{method: "groups.open", args: form("channel", slacktest.SecretID), errArgs: form("channel", "G0NOPE"), code: "channel_not_found"},
	{method: "groups.rename", args: form("channel", slacktest.SecretID, "name", "hush"), errArgs: form("channel", "G0NOPE", "name", "x"), code: "channel_not_found"},
	{method: "groups.replies", args: form("channel", slacktest.SecretID, "thread_ts", tsSecret),
		errArgs: form("channel", slacktest.SecretID, "thread_ts", "1.000002"), code: "thread_not_found"},
	{method: "groups.setPurpose", args: form("channel", slacktest.SecretID, "purpose", "x"), errArgs: form("channel", "G0NOPE", "purpose", "x"), code: "channel_not_found"},
	{method: "groups.setTopic", args: form("channel", slacktest.SecretID, "topic", "x"), errArgs: form("channel", "G0NOPE", "topic", "x"), code: "channel_not_found"},
	{method: "groups.unarchive", args: form("channel", oldGroup), errArgs: form("channel", "G0NOPE"), code: "channel_not_found"},

	{method: "im.close", args: form("channel", imAB), errArgs: form("channel", slacktest.GeneralID), code: "channel_not_found"},
	{method: "im.history", args: form("channel", imAB), check: func(t *testing.T, _ *slacktest.Server, got map[string]any) {
		if msgs, _ := got["messages"].([]any); len(msgs) != 1 || got["has_more"] != false {
			t.Errorf("im.history answered %v", got)
		}
	}, errArgs: form("channel", slacktest.GeneralID), code: "channel_not_found"},
	{method: "im.list", errArgs: form("cursor", "bogus"), code: "invalid_cursor"},
	{method: "im.mark", args: form("channel", imAB, "ts", tsIM), errArgs: form("channel", imAB, "ts", "soon"), code: "invalid_timestamp"},
	{method: "im.open", args: form("user", slacktest.CarolID), errArgs: form("user", "U0NOPE"), code: "user_not_found"},
	{method: "im.replies", args: form("channel", imAB, "thread_ts", tsIM), errArgs: form("channel", imAB, "thread_ts", "1.000002"), code: "thread_not_found"},

	{method: "users.conversations", errToken: "xoxp-unknown", code: "invalid_auth"},
	{method: "users.deletePhoto", errToken: slacktest.BotToken, code: "user_is_bot"},
	{method: "users.getPresence", args: form("user", slacktest.BobID), errToken: scopedToken, code: "missing_scope"},
	{method: "users.identity", errToken: slacktest.BotToken, code: "user_is_bot"},
	{method: "users.info", args: form("user", slacktest.BobID), errArgs: form("user", "U0NOPE"), code: "user_not_found"},
	{method: "users.list", errArgs: form("cursor", "bogus"), code: "invalid_cursor"},
	{method: "users.lookupByEmail", args: form("email", "bob@example.com"), errArgs: form("email", "nobody@example.com"), code: "users_not_found"},
	{method: "users.profile.get", errArgs: form("user", "U0NOPE"), code: "user_not_found"},
	{method: "users.profile.set", args: form("name", "title", "value", "Captain"),
		check: func(t *testing.T, srv *slacktest.Server, _ map[string]any) {
			if u, _ := srv.User(slacktest.AliceID); u.Profile["title"] != "Captain" {
				t.Errorf("alice's profile %v", u.Profile)
			}
		}, errArgs: form("profile", "not json"), code: "invalid_profile"},
	{method: "users.setActive", errToken: "xoxp-unknown", code: "invalid_auth"},
	{method: "users.setPhoto", image: png, errImage: []byte("GIF? no"), code: "bad_image"},
	{method: "users.setPresence", args: form("presence", "away"), errArgs: form("presence", "busy"), code: "invalid_presence"},
}

// documented maps each method to the error codes Slack documents for it.
func documented(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile("../internal/spec/error_codes.json")
	if err != nil {
		t.Fatal(err)
	}
	var codes []struct {
		Code    string   `json:"code"`
		Methods []string `json:"methods"`
	}
	if err := json.Unmarshal(data, &codes); err != nil {
		t.Fatal(err)
	}
	by := map[string][]string{}
	for _, c := range codes {
		for _, m := range c.Methods {
			by[m] = append(by[m], c.Code)
		}
	}
	// auth.test's errors are the ones every method shares.
	by["auth.test"] = []string{"not_authed", "invalid_auth", "account_inactive", "token_revoked"}
	return by
}

// TestEveryMethod calls each of the 62 methods and auth.test through the public package, once to
// succeed and once to fail with an error Slack documents for it.
func TestEveryMethod(t *testing.T) {
	docs := documented(t)
	seen := map[string]bool{}
	for _, tc := range methodCases {
		if seen[tc.method] {
			t.Errorf("%s is listed twice", tc.method)
		}
		seen[tc.method] = true
		t.Run(tc.method, func(t *testing.T) {
			token := cmpOr(tc.token, slacktest.UserToken)
			srv := slacktest.NewT(t, slacktest.WithSeed(methodSeed))
			got := call(t, srv, token, tc.method, tc.args, tc.image)
			if got["ok"] != true {
				t.Fatalf("%s %v: %v", tc.method, tc.args, got)
			}
			if tc.check != nil {
				tc.check(t, srv, got)
			}

			srv = slacktest.NewT(t, slacktest.WithSeed(methodSeed))
			errToken := cmpOr(tc.errToken, token)
			if errToken == "-" {
				errToken = ""
			}
			got = call(t, srv, errToken, tc.method, tc.errArgs, tc.errImage)
			if got["ok"] != false || got["error"] != tc.code {
				t.Fatalf("%s %v: %v, want error %s", tc.method, tc.errArgs, got, tc.code)
			}
			if !slices.Contains(docs[tc.method], tc.code) {
				t.Errorf("%s: %s is not an error Slack documents for it", tc.method, tc.code)
			}
		})
	}
	if len(seen) != 63 {
		t.Errorf("%d methods covered, want 62 and auth.test", len(seen))
	}
	// Every method the workspace serves is covered: one outside the table answers unknown_method.
	srv := slacktest.NewT(t)
	for method := range docs {
		if !seen[method] && !strings.HasPrefix(method, "files.remote") {
			got := call(t, srv, slacktest.BotToken, method, nil, nil)
			if got["error"] != "unknown_method" {
				t.Errorf("%s is served but not covered here: %v", method, got)
			}
		}
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
