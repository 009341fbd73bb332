package slack_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func TestNewRejectsBadArguments(t *testing.T) {
	for name, tc := range map[string]struct {
		token string
		opts  []slack.Option
		want  string
	}{
		"blank token":                 {token: "  ", want: "token is blank"},
		"token of line breaks":        {token: "\r\n", want: "token is blank"},
		"token with line break":       {token: "xoxb-1\r\nX-Evil: 1", want: "line break"},
		"malformed base URL":          {token: "xoxb-1", opts: []slack.Option{slack.WithBaseURL("://nope")}, want: "WithBaseURL"},
		"relative base URL":           {token: "xoxb-1", opts: []slack.Option{slack.WithBaseURL("/api/")}, want: "WithBaseURL"},
		"ftp base URL":                {token: "xoxb-1", opts: []slack.Option{slack.WithBaseURL("ftp://slack.com/api/")}, want: "scheme"},
		"http on a public host":       {token: "xoxb-1", opts: []slack.Option{slack.WithBaseURL("http://slack.com/api/")}, want: "loopback"},
		"base URL with query":         {token: "xoxb-1", opts: []slack.Option{slack.WithBaseURL("https://slack.com/api/?x=1")}, want: "WithBaseURL"},
		"base URL with userinfo":      {token: "xoxb-1", opts: []slack.Option{slack.WithBaseURL("https://u:p@slack.com/api/")}, want: "WithBaseURL"},
		"nil HTTP client":             {token: "xoxb-1", opts: []slack.Option{slack.WithHTTPClient(nil)}, want: "WithHTTPClient"},
		"nil logger":                  {token: "xoxb-1", opts: []slack.Option{slack.WithLogger(nil)}, want: "WithLogger"},
		"negative retries":            {token: "xoxb-1", opts: []slack.Option{slack.WithMaxRetries(-1)}, want: "WithMaxRetries"},
		"negative retry wait":         {token: "xoxb-1", opts: []slack.Option{slack.WithMaxRetryWait(-1)}, want: "WithMaxRetryWait"},
		"zero response cap":           {token: "xoxb-1", opts: []slack.Option{slack.WithMaxResponseBytes(0)}, want: "WithMaxResponseBytes"},
		"empty user agent":            {token: "xoxb-1", opts: []slack.Option{slack.WithUserAgent(" ")}, want: "WithUserAgent"},
		"user agent with CRLF":        {token: "xoxb-1", opts: []slack.Option{slack.WithUserAgent("a\r\nb")}, want: "WithUserAgent"},
		"method limit, no method":     {token: "xoxb-1", opts: []slack.Option{slack.WithMethodLimit("", 10, 1)}, want: "WithMethodLimit: method"},
		"method limit, bad method":    {token: "xoxb-1", opts: []slack.Option{slack.WithMethodLimit("users/info", 10, 1)}, want: "WithMethodLimit: method"},
		"method limit, zero rate":     {token: "xoxb-1", opts: []slack.Option{slack.WithMethodLimit("users.info", 0, 1)}, want: "perMinute 0"},
		"method limit, negative rate": {token: "xoxb-1", opts: []slack.Option{slack.WithMethodLimit("users.info", -5, 1)}, want: "perMinute -5"},
		"method limit, zero burst":    {token: "xoxb-1", opts: []slack.Option{slack.WithMethodLimit("users.info", 10, 0)}, want: "burst 0"},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := slack.New(tc.token, tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tc.want)
			if tc.token != "" && strings.TrimSpace(tc.token) != "" {
				assert.NotContains(t, err.Error(), tc.token, "the token is never in an error")
			}
		})
	}
}

func TestNewAcceptsBaseURLs(t *testing.T) {
	for _, base := range []string{
		"https://slack.com/api/",
		"https://slack.com/api",
		"https://gov.example.com:8443/api/",
		"http://127.0.0.1:8080/api/",
		"http://localhost/api/",
		"http://[::1]:9000/api/",
	} {
		t.Run(base, func(t *testing.T) {
			var got *url.URL
			transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				got = r.URL
				return replay{status: 200, body: []byte(`{"ok":true,"user_id":"U1"}`)}.RoundTrip(r)
			})
			c, err := slack.New("xoxb-1", slack.WithBaseURL(base), slack.WithHTTPClient(&http.Client{Transport: transport}), nil)
			require.NoError(t, err)

			_, err = c.Auth.Test(t.Context())

			require.NoError(t, err)
			assert.Equal(t, strings.TrimSuffix(base, "/")+"/auth.test", got.String())
		})
	}
}

func TestDefaultBaseURLIsSlack(t *testing.T) {
	var got string
	transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = r.URL.String()
		return replay{status: 200, body: []byte(`{"ok":true}`)}.RoundTrip(r)
	})
	c, err := slack.New("xoxb-1", slack.WithHTTPClient(&http.Client{Transport: transport}))
	require.NoError(t, err)

	require.NoError(t, c.Users.SetPresence(t.Context(), slack.PresenceAway))
	assert.Equal(t, "https://slack.com/api/users.setPresence", got)
}

func TestCallReachesUnwrappedMethods(t *testing.T) {
	c, srv := newTestClient(t)
	var out struct {
		User struct {
			ID   string `json:"id"`
			Name string `json:"name"`
		} `json:"user"`
	}

	err := c.Call(t.Context(), "users.info", url.Values{"user": {slacktest.CarolID}}, &out)

	require.NoError(t, err)
	assert.Equal(t, "carol", out.User.Name)
	assert.Equal(t, slacktest.CarolID, lastRequest(t, srv, "users.info").Form.Get("user"))
}

func TestCallEncodesStructParams(t *testing.T) {
	c, srv := newTestClient(t)
	type params struct {
		Email  string `url:"email"`
		Ignore string `url:"ignore,omitempty"`
	}
	var out map[string]any

	err := c.Call(t.Context(), "users.lookupByEmail", &params{Email: "bob@example.com"}, &out)

	require.NoError(t, err)
	assert.Equal(t, true, out["ok"])
	assert.Equal(t, url.Values{"email": {"bob@example.com"}}, lastRequest(t, srv, "users.lookupByEmail").Form)
}

func TestCallReturnsSlackErrors(t *testing.T) {
	c, _ := newTestClient(t)

	err := c.Call(t.Context(), "users.info", url.Values{"user": {"U404"}}, nil)

	assertCode(t, err, slack.ErrUserNotFound)
}

func TestCallRefusesBadArguments(t *testing.T) {
	for name, tc := range map[string]struct {
		method string
		params any
		result any
		want   string
	}{
		"empty method":         {method: "", want: "method"},
		"method with slash":    {method: "../admin", want: "method"},
		"method with query":    {method: "auth.test?token=x", want: "method"},
		"string params":        {method: "auth.test", params: "user=U1", want: "params"},
		"slice params":         {method: "auth.test", params: []string{"a"}, want: "params"},
		"result not a pointer": {method: "auth.test", result: map[string]any{}, want: "result"},
		"nil result pointer":   {method: "auth.test", result: (*map[string]any)(nil), want: "result"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)

			err := c.Call(t.Context(), tc.method, tc.params, tc.result)

			assertNothingSent(t, srv, err, tc.want)
		})
	}
}

func TestCallWithNilParamsPointer(t *testing.T) {
	c, srv := newTestClient(t)
	var p *struct {
		User string `url:"user"`
	}

	err := c.Call(t.Context(), "auth.test", p, nil)

	require.NoError(t, err)
	assert.Empty(t, lastRequest(t, srv, "auth.test").Form)
}

func TestClientOverRealHTTP(t *testing.T) {
	srv := slacktest.NewServer()
	defer srv.Close()
	c, err := slack.New(slacktest.BotToken, slack.WithBaseURL(srv.URL()))
	require.NoError(t, err)

	r, err := c.Chat.PostMessage(t.Context(), slacktest.RandomID, &slack.ChatPostMessageParams{Text: "over a socket"})

	require.NoError(t, err)
	assert.Equal(t, slacktest.RandomID, r.Channel)
	assert.True(t, strings.HasPrefix(srv.URL(), "http://127.0.0.1:"))
	msgs := srv.Messages(slacktest.RandomID)
	require.Len(t, msgs, 1)
	assert.Equal(t, "over a socket", msgs[0].Text)
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestWithTokenRefusesBadTokensAtCallTime: WithToken cannot return an error, so a client made with an
// empty token or one with a line break (which would break the Authorization header) refuses every call
// before sending anything, without echoing the token.
func TestWithTokenRefusesBadTokensAtCallTime(t *testing.T) {
	for name, tc := range map[string]struct{ token, want string }{
		"empty":      {"", "no token"},
		"blank":      {"   ", "no token"},
		"line break": {"xoxb-other\r\nX-Evil: 1", "line break"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			_, err := c.WithToken(tc.token).Users.Info(t.Context(), slacktest.BobID, nil)
			assertNothingSent(t, srv, err, tc.want)
			assert.NotContains(t, err.Error(), "xoxb-other")
		})
	}
}
