package slack_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// specMethods lists every Slack method of internal/spec: the seed families (tiers.json), auth.test, and
// the methods beyond them (methods-next.json, files.remote.* aside).
func specMethods(t *testing.T) []string {
	t.Helper()
	var tiers struct {
		Methods map[string]string `json:"methods"`
	}
	var next struct {
		Methods map[string]json.RawMessage `json:"methods"`
	}
	for file, v := range map[string]any{"tiers.json": &tiers, "methods-next.json": &next} {
		data, err := os.ReadFile(filepath.Join("internal", "spec", file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatal(err)
		}
	}
	methods := []string{"auth.test"}
	for m := range tiers.Methods {
		methods = append(methods, m)
	}
	for m := range next.Methods {
		if !strings.HasPrefix(m, "files.remote.") {
			methods = append(methods, m)
		}
	}
	slices.Sort(methods)
	if len(methods) != 112 {
		t.Fatalf("%d methods in internal/spec, want 112", len(methods))
	}
	return methods
}

// TestTokenlessClientSendsOnlyOAuth: New("") gives a client whose every method but the OAuth ones fails
// with ErrInvalidArguments ("the client has no token") before anything reaches Slack.
func TestTokenlessClientSendsOnlyOAuth(t *testing.T) {
	srv := slacktest.NewT(t)
	c, err := slack.New("", slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatalf("New(\"\"): %v", err)
	}
	for _, method := range specMethods(t) {
		if strings.HasPrefix(method, "oauth.") {
			continue
		}
		err := c.Call(t.Context(), method, nil, nil)
		assertNothingSent(t, srv, err, "no token")
	}
	// The typed methods go the same way.
	_, err = c.Auth.Test(t.Context())
	assertNothingSent(t, srv, err, "no token")
	_, err = c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi"})
	assertNothingSent(t, srv, err, "no token")
	_, err = c.Auth.Revoke(t.Context(), nil)
	assertNothingSent(t, srv, err, "no token")
	_, err = c.DND.Info(t.Context(), nil)
	assertNothingSent(t, srv, err, "no token")
	_, err = c.Reminders.List(t.Context(), nil)
	assertNothingSent(t, srv, err, "no token")

	// The OAuth method reaches Slack, with the app's credentials.
	code := srv.OAuthCode(slacktest.OAuthGrant{})
	got, err := c.OAuth.V2Access(t.Context(), slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: code})
	if err != nil {
		t.Fatal(err)
	}
	checkAppWire(t, srv, "oauth.v2.access")
	if n := srv.Count(); n != 1 {
		t.Errorf("the fake received %d requests, want the OAuth one alone", n)
	}
	// WithToken makes the installed client.
	if _, err := c.WithToken(got.AccessToken).Auth.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// TestOAuthOnATokenClientSendsNoBearer: a client with a token sends the app's credentials, never its
// token, to oauth.v2.access.
func TestOAuthOnATokenClientSendsNoBearer(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.OAuth.V2Access(t.Context(), slacktest.ClientID, slacktest.ClientSecret,
		&slack.OAuthV2AccessParams{Code: srv.OAuthCode(slacktest.OAuthGrant{})})
	if err != nil {
		t.Fatal(err)
	}
	r := checkAppWire(t, srv, "oauth.v2.access")
	for k, vs := range r.Form {
		for _, v := range vs {
			if strings.Contains(v, slacktest.BotToken) {
				t.Errorf("the form field %s holds the client's token", k)
			}
		}
	}
}
