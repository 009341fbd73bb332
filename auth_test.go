package slack_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"auth.test": func(ctx context.Context, c *slack.Client) (any, error) { return c.Auth.Test(ctx) },
	})
}

func TestAuthTestBotToken(t *testing.T) {
	c, srv := newTestClient(t)
	got, err := c.Auth.Test(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := slack.AuthTestResponse{
		URL:    "https://" + slacktest.TeamDomain + ".slack.com/",
		Team:   slacktest.TeamName,
		User:   "tourbot",
		TeamID: slacktest.TeamID,
		UserID: slacktest.BotUserID,
		BotID:  slacktest.BotID,
	}
	if *got != want {
		t.Errorf("Auth.Test = %+v, want %+v", *got, want)
	}
	r := checkWire(t, srv, "auth.test", slacktest.BotToken)
	if len(r.Form) != 0 {
		t.Errorf("auth.test sent arguments %v, want none", r.Form)
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("the server received %d requests, want 1", n)
	}
}

func TestAuthTestUserToken(t *testing.T) {
	c, srv := newUserClient(t)
	got, err := c.Auth.Test(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got.UserID != slacktest.AliceID || got.User != "alice" || got.TeamID != slacktest.TeamID {
		t.Errorf("Auth.Test = %+v, want alice of %s", *got, slacktest.TeamID)
	}
	if got.BotID != "" {
		t.Errorf("BotID = %q for a user token, want empty", got.BotID)
	}
	checkWire(t, srv, "auth.test", slacktest.UserToken)
}

func TestAuthTestWithToken(t *testing.T) {
	bot, srv := newTestClient(t)
	alice := bot.WithToken(slacktest.UserToken)
	got, err := alice.Auth.Test(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got.UserID != slacktest.AliceID {
		t.Errorf("UserID = %q through WithToken, want %s", got.UserID, slacktest.AliceID)
	}
	checkWire(t, srv, "auth.test", slacktest.UserToken)

	got, err = bot.Auth.Test(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if got.UserID != slacktest.BotUserID {
		t.Errorf("UserID = %q for the original client, want %s", got.UserID, slacktest.BotUserID)
	}
	checkWire(t, srv, "auth.test", slacktest.BotToken)
}

func TestAuthTestUserAgent(t *testing.T) {
	srv := slacktest.New()
	c := newClientFor(t, srv, slacktest.BotToken, slack.WithUserAgent("mybot/1.2"))
	if _, err := c.Auth.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	ua := lastRequest(t, srv, "auth.test").Header.Get("User-Agent")
	if !strings.HasPrefix(ua, "mybot/1.2 goslack/"+slack.Version) {
		t.Errorf("User-Agent %q, want it to start with %q", ua, "mybot/1.2 goslack/"+slack.Version)
	}
}

func TestAuthTestInvalidAuth(t *testing.T) {
	const token = "xoxb-1111-not-a-token-of-this-workspace"
	srv := slacktest.New()
	c := newClientFor(t, srv, token)
	got, err := c.Auth.Test(t.Context())
	se := assertCode(t, err, slack.ErrInvalidAuth)
	if got != nil {
		t.Errorf("Auth.Test returned %+v with an error", got)
	}
	if se.Method != "auth.test" || se.StatusCode != http.StatusOK {
		t.Errorf("error Method %q, StatusCode %d; want auth.test, 200", se.Method, se.StatusCode)
	}
	if strings.Contains(err.Error(), token) {
		t.Errorf("the error %q carries the token", err)
	}
	checkWire(t, srv, "auth.test", token)
}

// stripAuthorization is a transport that loses the Authorization header on the way, as a misconfigured
// proxy would.
type stripAuthorization struct{ next http.RoundTripper }

func (s stripAuthorization) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Del("Authorization")
	return s.next.RoundTrip(req)
}

func TestAuthTestNotAuthed(t *testing.T) {
	srv := slacktest.New()
	c, err := slack.New(slacktest.BotToken,
		slack.WithHTTPClient(&http.Client{Transport: stripAuthorization{next: srv}}),
		slack.WithBaseURL(srv.URL()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Auth.Test(t.Context())
	assertCode(t, err, slack.ErrNotAuthed)
	if got != nil {
		t.Errorf("Auth.Test returned %+v with an error", got)
	}
	if n := srv.Count("auth.test"); n != 1 {
		t.Errorf("the server received %d auth.test requests, want 1", n)
	}
}

func TestAuthTestCanceledContext(t *testing.T) {
	c, srv := newTestClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.Auth.Test(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := srv.Count(); n != 0 {
		t.Errorf("the server received %d requests after the context ended, want none", n)
	}
}

// authFixture answers auth.test with testdata/<file>.
func authFixture(t *testing.T, file string) (*slack.AuthTestResponse, error) {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return replayClient(t, http.StatusOK, body).Auth.Test(t.Context())
}

func TestAuthTestFixtures(t *testing.T) {
	tests := []struct {
		file string
		want slack.AuthTestResponse
	}{
		{"auth.test.json", slack.AuthTestResponse{URL: "https://subarachnoid.slack.com/", Team: "Subarachnoid Workspace",
			User: "grace", TeamID: "T12345678", UserID: "W12345678"}},
		{"auth.test.bot.json", slack.AuthTestResponse{URL: "https://subarachnoid.slack.com/",
			Team: "Subarachnoid Workspace", User: "deploybot", TeamID: "T12345678", UserID: "U0BOTUSER1",
			BotID: "B0DEPLOY01"}},
		{"auth.test.enterprise.json", slack.AuthTestResponse{URL: "https://acme-sales.enterprise.slack.com/",
			Team: "Acme Sales", User: "grace", TeamID: "T0ACMESALE", UserID: "W12345678", EnterpriseID: "E0ACME0001",
			IsEnterpriseInstall: true}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := authFixture(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if *got != tt.want {
				t.Errorf("Auth.Test = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestAuthTestErrorFixture(t *testing.T) {
	got, err := authFixture(t, "auth.test.error.json")
	assertCode(t, err, slack.ErrInvalidAuth)
	if got != nil {
		t.Errorf("Auth.Test returned %+v with an error", got)
	}
}
