package slack_test

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// basicHeader is the Authorization header of the fake app's credentials.
var basicHeader = "Basic " + base64.StdEncoding.EncodeToString([]byte(slacktest.ClientID+":"+slacktest.ClientSecret))

// tokenless returns a client without a token of srv, as an app that is not installed yet has.
func tokenless(t *testing.T, srv *slacktest.Server, opts ...slack.Option) *slack.Client {
	t.Helper()
	return newClientFor(t, srv, "", opts...)
}

// checkAppWire checks that an OAuth request carried the app's credentials as HTTP Basic auth and nothing
// else: no bearer token, no client secret in the form, nothing in the URL.
func checkAppWire(t *testing.T, srv *slacktest.Server, method string) slacktest.Request {
	t.Helper()
	r := lastRequest(t, srv, method)
	if got := r.Header.Get("Authorization"); got != basicHeader {
		t.Errorf("%s: Authorization %q, want HTTP Basic auth of the client ID and secret", method, got)
	}
	if r.Token != "" {
		t.Errorf("%s: the request carried a bearer token (%s)", method, r.Token)
	}
	if _, found := r.Form["client_secret"]; found {
		t.Errorf("%s: the client secret travelled in the form", method)
	}
	if _, found := r.Form["client_id"]; found {
		t.Errorf("%s: the client ID travelled in the form", method)
	}
	if r.URL.RawQuery != "" || r.HTTPMethod != "POST" {
		t.Errorf("%s: sent as %s %s", method, r.HTTPMethod, r.URL)
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "goslack/") {
		t.Errorf("%s: User-Agent %q", method, ua)
	}
	return r
}

// TestOAuthInstallWithATokenlessClient is the install flow of an app: a client without a token
// exchanges the code the fake handed out for a bot token and a user token, which then work, each with
// exactly the scopes granted.
func TestOAuthInstallWithATokenlessClient(t *testing.T) {
	srv := slacktest.NewT(t)
	code := srv.OAuthCode(slacktest.OAuthGrant{User: slacktest.BobID, Scopes: []string{"chat:write"},
		UserScopes: []string{"users:read"}, RedirectURI: "https://app.example/oauth"})
	c := tokenless(t, srv)

	got, err := c.OAuth.V2Access(t.Context(), slacktest.ClientID, slacktest.ClientSecret,
		&slack.OAuthV2AccessParams{Code: code, RedirectURI: "https://app.example/oauth"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.AccessToken, "xoxb-") || got.TokenType != "bot" || got.Scope != "chat:write" ||
		got.BotUserID != slacktest.BotUserID || got.AppID != slacktest.AppID || got.Team.ID != slacktest.TeamID ||
		got.ExpiresIn != 0 || got.RefreshToken != "" {
		t.Errorf("installation = %#v (token %q)", got, got.AccessToken)
	}
	if got.AuthedUser.ID != slacktest.BobID || !strings.HasPrefix(got.AuthedUser.AccessToken, "xoxp-") ||
		got.AuthedUser.Scope != "users:read" || got.AuthedUser.TokenType != "user" {
		t.Errorf("authed user = %#v", got.AuthedUser)
	}
	r := checkAppWire(t, srv, "oauth.v2.access")
	if r.Form.Get("code") != code || r.Form.Get("redirect_uri") != "https://app.example/oauth" ||
		r.Form.Has("grant_type") || r.Form.Has("token") {
		t.Errorf("oauth.v2.access sent %v", r.Form)
	}

	// The bot token works, with the scope granted and no other.
	bot := c.WithToken(got.AccessToken)
	if _, err := bot.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "installed"}); err != nil {
		t.Fatal(err)
	}
	if msgs := srv.Messages(slacktest.GeneralID); len(msgs) == 0 || msgs[len(msgs)-1].Text != "installed" ||
		msgs[len(msgs)-1].User != slacktest.BotUserID {
		t.Errorf("the bot's post is not in #general: %v", msgs)
	}
	_, err = bot.Users.Info(t.Context(), slacktest.AliceID, nil)
	assertCode(t, err, slack.ErrMissingScope)
	// The user token acts as bob.
	me, err := c.WithToken(got.AuthedUser.AccessToken).Auth.Test(t.Context())
	if err != nil || me.UserID != slacktest.BobID {
		t.Fatalf("the user token is %+v, %v; want bob's", me, err)
	}

	// A code is single use.
	_, err = c.OAuth.V2Access(t.Context(), slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{
		Code: code, RedirectURI: "https://app.example/oauth"})
	assertCode(t, err, slack.ErrInvalidCode)
}

func TestOAuthV2AccessDocumentedErrors(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return now }))
	c := tokenless(t, srv)
	ctx := t.Context()

	_, err := c.OAuth.V2Access(ctx, "0000.0000", slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: srv.OAuthCode(slacktest.OAuthGrant{})})
	assertCode(t, err, slack.ErrInvalidClientID)
	_, err = c.OAuth.V2Access(ctx, slacktest.ClientID, "wrong", &slack.OAuthV2AccessParams{Code: srv.OAuthCode(slacktest.OAuthGrant{})})
	assertCode(t, err, slack.ErrBadClientSecret)
	_, err = c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{
		Code: srv.OAuthCode(slacktest.OAuthGrant{RedirectURI: "https://app.example/a"}), RedirectURI: "https://evil.example/"})
	assertCode(t, err, slack.ErrBadRedirectURI)
	_, err = c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: "made-up"})
	assertCode(t, err, slack.ErrInvalidCode)

	// A code expires after OAuthCodeTTL on the fake's clock.
	code := srv.OAuthCode(slacktest.OAuthGrant{})
	now = now.Add(slacktest.OAuthCodeTTL)
	_, err = c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: code})
	assertCode(t, err, slack.ErrInvalidCode)
	code = srv.OAuthCode(slacktest.OAuthGrant{})
	now = now.Add(slacktest.OAuthCodeTTL - time.Second)
	if _, err := c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: code}); err != nil {
		t.Fatalf("a code a second before it expires: %v", err)
	}
	if n := srv.Count("oauth.v2.access"); n != 6 {
		t.Errorf("the fake received %d requests, want 6 (none retried)", n)
	}
}

// TestOAuthV2AccessRefresh: with token rotation on, the answer's tokens expire and a refresh token
// renews the bot token; a refresh token is single use.
func TestOAuthV2AccessRefresh(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return now }))
	srv.SetTokenRotation(true)
	c := tokenless(t, srv)
	ctx := t.Context()
	first, err := c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret,
		&slack.OAuthV2AccessParams{Code: srv.OAuthCode(slacktest.OAuthGrant{Scopes: []string{"users:read"}})})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.AccessToken, "xoxe.xoxb-") || first.RefreshToken == "" ||
		first.ExpiresIn != int(slacktest.RotatingTokenTTL/time.Second) {
		t.Fatalf("a rotating installation: %#v", first)
	}

	params := &slack.OAuthV2AccessParams{RefreshToken: first.RefreshToken}
	next, err := c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret, params)
	if err != nil {
		t.Fatal(err)
	}
	r := checkAppWire(t, srv, "oauth.v2.access")
	if r.Form.Get("grant_type") != "refresh_token" || r.Form.Get("refresh_token") != first.RefreshToken || r.Form.Has("code") {
		t.Errorf("the refresh sent %v", r.Form)
	}
	if params.GrantType != "" {
		t.Errorf("the caller's params changed: GrantType %q", params.GrantType)
	}
	if next.AccessToken == first.AccessToken || next.RefreshToken == first.RefreshToken || next.RefreshToken == "" {
		t.Errorf("the refresh gave the same tokens")
	}
	if u, err := c.WithToken(next.AccessToken).Users.Info(ctx, slacktest.BobID, nil); err != nil || u.ID != slacktest.BobID {
		t.Fatalf("the refreshed token: %v, %v", u, err)
	}
	// A rotating token expires after expires_in seconds on the fake's clock.
	now = now.Add(slacktest.RotatingTokenTTL)
	_, err = c.WithToken(next.AccessToken).Users.Info(ctx, slacktest.BobID, nil)
	assertCode(t, err, slack.ErrTokenExpired)
	renewed, err := c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret,
		&slack.OAuthV2AccessParams{RefreshToken: next.RefreshToken})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.WithToken(renewed.AccessToken).Auth.Test(ctx); err != nil {
		t.Fatalf("the token renewed after expiry: %v", err)
	}
	_, err = c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret,
		&slack.OAuthV2AccessParams{RefreshToken: first.RefreshToken, GrantType: slack.GrantRefreshToken})
	assertCode(t, err, slack.ErrInvalidRefreshToken)
}

func TestOAuthBadInputIsRefusedBeforeSending(t *testing.T) {
	id, secret := slacktest.ClientID, slacktest.ClientSecret
	for name, tc := range map[string]struct {
		id, secret string
		params     *slack.OAuthV2AccessParams
		want       string
	}{
		"nil params":                 {id, secret, nil, "code"},
		"no code nor refresh token":  {id, secret, &slack.OAuthV2AccessParams{RedirectURI: "https://a.example/"}, "code"},
		"blank code":                 {id, secret, &slack.OAuthV2AccessParams{Code: "  "}, "code"},
		"code and refresh token":     {id, secret, &slack.OAuthV2AccessParams{Code: "c", RefreshToken: "r"}, "refresh_token"},
		"code with the refresh type": {id, secret, &slack.OAuthV2AccessParams{Code: "c", GrantType: "refresh_token"}, "grant_type"},
		"refresh with the code type": {id, secret, &slack.OAuthV2AccessParams{RefreshToken: "r", GrantType: "authorization_code"}, "grant_type"},
		"unknown grant type":         {id, secret, &slack.OAuthV2AccessParams{Code: "c", GrantType: "password"}, "grant_type"},
		"empty client ID":            {"", secret, &slack.OAuthV2AccessParams{Code: "c"}, "clientID"},
		"blank client secret":        {id, " ", &slack.OAuthV2AccessParams{Code: "c"}, "clientSecret"},
		"client ID with a colon":     {"a:b", secret, &slack.OAuthV2AccessParams{Code: "c"}, "clientID"},
		"client ID with CRLF":        {"a\r\nX-Evil: 1", secret, &slack.OAuthV2AccessParams{Code: "c"}, "clientID"},
		"secret with a line break":   {id, "s\nt", &slack.OAuthV2AccessParams{Code: "c"}, "clientSecret"},
	} {
		t.Run(name, func(t *testing.T) {
			srv := slacktest.NewT(t)
			_, err := tokenless(t, srv).OAuth.V2Access(t.Context(), tc.id, tc.secret, tc.params)
			assertNothingSent(t, srv, err, tc.want)
			if strings.Contains(err.Error(), slacktest.ClientSecret) {
				t.Errorf("the error shows the client secret: %v", err)
			}
		})
	}
	t.Run("exchange without a token", func(t *testing.T) {
		srv := slacktest.NewT(t)
		_, err := tokenless(t, srv).OAuth.V2Exchange(t.Context(), id, secret)
		assertNothingSent(t, srv, err, "no token")
	})
	t.Run("exchange with an empty client ID", func(t *testing.T) {
		srv := slacktest.NewT(t)
		_, err := newClientFor(t, srv, slacktest.BotToken).OAuth.V2Exchange(t.Context(), "", secret)
		assertNothingSent(t, srv, err, "clientID")
	})
}

// TestOAuthV2Exchange turns the client's legacy token into a rotating one, which then works; a token is
// exchanged once, and only with token rotation on.
func TestOAuthV2Exchange(t *testing.T) {
	srv := slacktest.NewT(t)
	c := newClientFor(t, srv, slacktest.UserToken)
	ctx := t.Context()

	_, err := c.OAuth.V2Exchange(ctx, slacktest.ClientID, slacktest.ClientSecret)
	assertCode(t, err, slack.ErrTokenRotationNotEnabled)

	srv.SetTokenRotation(true)
	got, err := c.OAuth.V2Exchange(ctx, slacktest.ClientID, slacktest.ClientSecret)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.AccessToken, "xoxe.xoxp-") || got.RefreshToken == "" || got.TokenType != "user" ||
		got.UserID != slacktest.AliceID || got.ExpiresIn != int(slacktest.RotatingTokenTTL/time.Second) ||
		got.Team.ID != slacktest.TeamID || got.AppID != slacktest.AppID {
		t.Errorf("exchange = %#v", got)
	}
	r := checkAppWire(t, srv, "oauth.v2.exchange")
	if r.Form.Get("token") != slacktest.UserToken || len(r.Form) != 1 {
		t.Errorf("oauth.v2.exchange sent %d fields; want the legacy token alone", len(r.Form))
	}
	me, err := c.WithToken(got.AccessToken).Auth.Test(ctx)
	if err != nil || me.UserID != slacktest.AliceID {
		t.Fatalf("the new token is %+v, %v; want alice's", me, err)
	}
	renewed, err := c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret,
		&slack.OAuthV2AccessParams{RefreshToken: got.RefreshToken})
	if err != nil || !strings.HasPrefix(renewed.AccessToken, "xoxe.xoxp-") || renewed.AccessToken == got.AccessToken {
		t.Fatalf("renewing the exchanged token: %v", err)
	}

	_, err = c.OAuth.V2Exchange(ctx, slacktest.ClientID, slacktest.ClientSecret)
	assertCode(t, err, slack.ErrTokenAlreadyExchanged)
	_, err = c.OAuth.V2Exchange(ctx, slacktest.ClientID, "wrong")
	assertCode(t, err, slack.ErrBadClientSecret)
}

// secretAnswer is an installation holding every kind of secret, each spelled so that a leak of any part
// shows.
func secretAnswer() slack.OAuthV2AccessResponse {
	return slack.OAuthV2AccessResponse{
		AccessToken: "xoxe.xoxb-SECRET-BOT", TokenType: "bot", Scope: "chat:write", BotUserID: "U0VISIBLE",
		AppID: "A0VISIBLE", Team: slack.OAuthTeam{ID: "T0VISIBLE", Name: "Visible"}, ExpiresIn: 43200,
		RefreshToken: "xoxe-1-SECRET-REFRESH",
		AuthedUser: slack.OAuthAuthedUser{ID: "U0USER", Scope: "search:read", AccessToken: "xoxp-SECRET-USER",
			TokenType: "user", RefreshToken: "xoxe-1-SECRET-USER-REFRESH"},
		IncomingWebhook: slack.OAuthIncomingWebhook{Channel: "#general", ChannelID: "C0VISIBLE",
			URL: "https://hooks.slack.com/services/T0/B0/SECRET-HOOK"},
	}
}

// printings returns v printed every way a program might print it: fmt's verbs on the value, a pointer,
// and a struct holding it, and the JSON and text slog handlers.
func printings(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%-12v", "%.12v"} {
		out[verb] = fmt.Sprintf(verb, v)
	}
	out["Sprint"] = fmt.Sprint(v)
	out["Sprintln of a slice"] = fmt.Sprintln([]any{v})
	out["nested %+v"] = fmt.Sprintf("%+v", struct{ Answer any }{v})
	out["nested %#v"] = fmt.Sprintf("%#v", struct{ Answer any }{v})
	if s, ok := v.(fmt.Stringer); ok {
		out["String"] = s.String()
	}
	if g, ok := v.(fmt.GoStringer); ok {
		out["GoString"] = g.GoString()
	}
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog JSON": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var b bytes.Buffer
		slog.New(h(&b)).Info("installed", "answer", v)
		out[name] = b.String()
	}
	return out
}

// TestOAuthAnswersRedactTheirTokens prints the OAuth answers every way and finds no token, while the
// fields that are not secret still show.
func TestOAuthAnswersRedactTheirTokens(t *testing.T) {
	access := secretAnswer()
	exchange := slack.OAuthV2ExchangeResponse{AppID: "A0VISIBLE", TokenType: "bot", BotUserID: "U0VISIBLE",
		AccessToken: "xoxe.xoxb-SECRET-BOT", RefreshToken: "xoxe-1-SECRET-REFRESH", ExpiresIn: 43200,
		Team: slack.OAuthTeam{ID: "T0VISIBLE"}}
	for name, v := range map[string]any{
		"access": access, "*access": &access, "authed user": access.AuthedUser,
		"webhook": access.IncomingWebhook, "exchange": exchange, "*exchange": &exchange,
	} {
		for how, printed := range printings(v) {
			if strings.Contains(printed, "SECRET") {
				t.Errorf("%s printed with %s shows a secret: %s", name, how, printed)
			}
			if !strings.Contains(printed, "VISIBLE") && !strings.Contains(printed, "U0USER") && how != "%x" &&
				how != "%.12v" {
				t.Errorf("%s printed with %s shows nothing of the answer: %s", name, how, printed)
			}
		}
	}
	if got := fmt.Sprintf("%#v", access); !strings.HasPrefix(got, "slack.OAuthV2AccessResponse{") ||
		!strings.Contains(got, `AccessToken:"[redacted]"`) {
		t.Errorf("%%#v = %s", got)
	}
	if got := fmt.Sprintf("%+v", slack.OAuthV2AccessResponse{BotUserID: "U1"}); !strings.Contains(got, "AccessToken: ") ||
		strings.Contains(got, "redacted") {
		t.Errorf("an answer without tokens prints %s: a missing token should show as missing", got)
	}
	// Encoding to JSON, for storing the installation, keeps the tokens.
	data, err := json.Marshal(access)
	if err != nil || !bytes.Contains(data, []byte("xoxe.xoxb-SECRET-BOT")) || !bytes.Contains(data, []byte("xoxp-SECRET-USER")) {
		t.Errorf("json.Marshal = %s, %v; want the tokens kept", data, err)
	}
}

// TestOAuthLogRecordsCarryNoSecret runs an install and a failed exchange with a debug logger: no record
// shows the client secret, the code, the legacy token or a token handed out.
func TestOAuthLogRecordsCarryNoSecret(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := slacktest.NewT(t)
	srv.SetTokenRotation(true)
	code := srv.OAuthCode(slacktest.OAuthGrant{UserScopes: []string{"users:read"}})
	c := tokenless(t, srv, slack.WithLogger(logger))
	got, err := c.OAuth.V2Access(t.Context(), slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: code})
	if err != nil {
		t.Fatal(err)
	}
	logger.Info("installed", "answer", got)
	_, err = c.WithToken(slacktest.BotToken).OAuth.V2Exchange(t.Context(), slacktest.ClientID, "wrong-secret")
	assertCode(t, err, slack.ErrBadClientSecret)
	for _, secret := range []string{slacktest.ClientSecret, code, got.AccessToken, got.RefreshToken,
		got.AuthedUser.AccessToken, got.AuthedUser.RefreshToken, slacktest.BotToken, "wrong-secret",
		strings.TrimPrefix(basicHeader, "Basic ")} {
		if secret == "" {
			t.Fatal("the installation lacks a token")
		}
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log shows %q:\n%s", secret, logs.String())
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error shows %q: %v", secret, err)
		}
	}
	if !strings.Contains(logs.String(), "oauth.v2.access") || !strings.Contains(logs.String(), `"access_token":"[redacted]"`) {
		t.Errorf("the log lacks the attempts or the redacted answer:\n%s", logs.String())
	}
}

// TestOAuthHostileValues gives each argument of the OAuth methods the sweep's hostile strings: none
// panics, and each is refused naming the argument, or reaches Slack unchanged (the credentials in the
// Basic header, the params in the form).
func TestOAuthHostileValues(t *testing.T) {
	type call struct {
		arg  string
		id   string
		sec  string
		p    *slack.OAuthV2AccessParams
		exch bool
	}
	var calls []call
	for _, h := range badInputHostile {
		calls = append(calls,
			call{"clientID", h.v, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: "c"}, false},
			call{"clientSecret", slacktest.ClientID, h.v, &slack.OAuthV2AccessParams{Code: "c"}, false},
			call{"clientID", h.v, slacktest.ClientSecret, nil, true},
			call{"clientSecret", slacktest.ClientID, h.v, nil, true},
			call{"Code", slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: h.v}, false},
			call{"CodeVerifier", slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: "c", CodeVerifier: h.v}, false},
			call{"RedirectURI", slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: "c", RedirectURI: h.v}, false},
			call{"RefreshToken", slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{RefreshToken: h.v}, false},
			call{"GrantType", slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: "c", GrantType: h.v}, false},
		)
	}
	for i, tc := range calls {
		method := "oauth.v2.access"
		if tc.exch {
			method = "oauth.v2.exchange"
		}
		t.Run(fmt.Sprintf("%s/%s/%d", method, tc.arg, i), func(t *testing.T) {
			srv := slacktest.NewT(t)
			c := newClientFor(t, srv, slacktest.UserToken)
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("panicked: %v", r)
					}
				}()
				if tc.exch {
					_, err = c.OAuth.V2Exchange(t.Context(), tc.id, tc.sec)
				} else {
					_, err = c.OAuth.V2Access(t.Context(), tc.id, tc.sec, tc.p)
				}
			}()
			if srv.Count() == 0 {
				se := assertCode(t, err, slack.ErrInvalidArguments)
				arg := map[string]string{"Code": "code", "RefreshToken": "refresh_token", "GrantType": "grant_type"}[tc.arg]
				if !strings.Contains(se.Error(), cmp.Or(arg, tc.arg)) {
					t.Errorf("refused with %q, which does not name %s", se, tc.arg)
				}
				return
			}
			r := lastRequest(t, srv, method)
			want := "Basic " + base64.StdEncoding.EncodeToString([]byte(tc.id+":"+tc.sec))
			if got := r.Header.Get("Authorization"); got != want {
				t.Errorf("Authorization %q, want %q", got, want)
			}
			if tc.p == nil {
				return
			}
			for field, v := range map[string]string{"code": tc.p.Code, "code_verifier": tc.p.CodeVerifier,
				"redirect_uri": tc.p.RedirectURI, "refresh_token": tc.p.RefreshToken} {
				if v != "" && r.Form.Get(field) != v {
					t.Errorf("%s sent as %q, want %q", field, r.Form.Get(field), v)
				}
			}
		})
	}
}
