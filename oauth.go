package slack

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// OAuthService holds oauth.v2.access and oauth.v2.exchange: installing the app in a workspace and
// turning tokens into rotating ones. These methods authenticate with the app's client ID and secret, sent
// as HTTP Basic auth, never with a bearer token, so a client made with New("") may call them.
type OAuthService service

// OAuthV2AccessParams are the arguments of OAuth.V2Access: exactly one of Code (the authorization code
// grant, the default) and RefreshToken (the refresh grant, GrantType "refresh_token").
type OAuthV2AccessParams struct {
	// Code is the temporary authorization code Slack gave the app's redirect URL.
	Code string `url:"code,omitempty"`
	// CodeVerifier is the PKCE verifier matching the code_challenge of the authorize step.
	CodeVerifier string `url:"code_verifier,omitempty"`
	// RedirectURI must equal the redirect_uri of the authorize step, if that step gave one.
	RedirectURI string `url:"redirect_uri,omitempty"`
	// GrantType is "authorization_code" (the default, with Code) or "refresh_token" (with RefreshToken;
	// the client sends it when left empty).
	GrantType string `url:"grant_type,omitempty"`
	// RefreshToken is a refresh token to trade for a new access token, when token rotation is on.
	RefreshToken string `url:"refresh_token,omitempty"`
}

// The grant types of OAuthV2AccessParams.GrantType.
const (
	GrantAuthorizationCode = "authorization_code"
	GrantRefreshToken      = "refresh_token"
)

// OAuthTeam names the workspace or Enterprise Grid organization of an installation.
type OAuthTeam struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// OAuthAuthedUser is the user who installed the app, with the user token granted, if the app asked for
// user scopes. Printed with fmt or slog, its tokens are redacted.
type OAuthAuthedUser struct {
	// ID is the installing user's ID.
	ID string `json:"id"`
	// Scope lists the user scopes granted, comma-separated.
	Scope string `json:"scope,omitempty"`
	// AccessToken is the user token ("xoxp-…"), if user scopes were granted.
	AccessToken string `json:"access_token,omitempty"`
	// TokenType is "user" when AccessToken is set.
	TokenType string `json:"token_type,omitempty"`
	// ExpiresIn is the user token's lifetime in seconds, with token rotation on.
	ExpiresIn int `json:"expires_in,omitempty"`
	// RefreshToken renews the user token, with token rotation on.
	RefreshToken string `json:"refresh_token,omitempty"`
}

// OAuthIncomingWebhook is the incoming webhook an installation created, if the app asked for the
// incoming-webhook scope. Printed with fmt or slog, its URL (a credential) is redacted.
type OAuthIncomingWebhook struct {
	Channel          string `json:"channel"`
	ChannelID        string `json:"channel_id"`
	ConfigurationURL string `json:"configuration_url"`
	URL              string `json:"url"`
}

// OAuthV2AccessResponse is an installation, or a refreshed token: the bot token and what it may do, and
// the installing user's token if user scopes were granted. Printed with fmt (String, GoString, any
// verb) or slog (LogValue), AccessToken, RefreshToken and the user's tokens are redacted; read the
// fields to store them.
type OAuthV2AccessResponse struct {
	// AccessToken is the bot token ("xoxb-…", "xoxe.xoxb-…" with token rotation).
	AccessToken string `json:"access_token"`
	// TokenType is "bot".
	TokenType string `json:"token_type"`
	// Scope lists the bot scopes granted, comma-separated.
	Scope     string `json:"scope"`
	BotUserID string `json:"bot_user_id"`
	AppID     string `json:"app_id"`
	// Team is the workspace installed to; empty for an organization-wide install.
	Team OAuthTeam `json:"team"`
	// Enterprise is the Enterprise Grid organization, if any.
	Enterprise          OAuthTeam `json:"enterprise"`
	IsEnterpriseInstall bool      `json:"is_enterprise_install"`
	// AuthedUser is the installing user, with the user token if user scopes were granted.
	AuthedUser OAuthAuthedUser `json:"authed_user"`
	// ExpiresIn is AccessToken's lifetime in seconds, with token rotation on (0 otherwise).
	ExpiresIn int `json:"expires_in,omitempty"`
	// RefreshToken renews AccessToken through V2Access, with token rotation on.
	RefreshToken string `json:"refresh_token,omitempty"`
	// IncomingWebhook is the webhook created, if the app asked for incoming-webhook.
	IncomingWebhook OAuthIncomingWebhook `json:"incoming_webhook"`
}

// OAuthV2ExchangeResponse is a rotating token made from a legacy one, with its refresh token. Printed
// with fmt or slog, AccessToken and RefreshToken are redacted.
type OAuthV2ExchangeResponse struct {
	AppID string `json:"app_id"`
	// TokenType is "bot" or "user".
	TokenType string `json:"token_type"`
	// Scope lists the scopes of the token, comma-separated.
	Scope     string `json:"scope"`
	BotUserID string `json:"bot_user_id,omitempty"`
	UserID    string `json:"user_id,omitempty"`
	// AccessToken is the new, expiring token ("xoxe.xoxb-…" or "xoxe.xoxp-…").
	AccessToken string `json:"access_token"`
	// ExpiresIn is AccessToken's lifetime in seconds.
	ExpiresIn int `json:"expires_in"`
	// RefreshToken renews AccessToken through V2Access.
	RefreshToken string    `json:"refresh_token"`
	Team         OAuthTeam `json:"team"`
	Enterprise   OAuthTeam `json:"enterprise"`
}

// redacted is what a printed token shows: nothing when there is none, so that a missing token still
// shows as missing.
func redacted(token string) string {
	if token == "" {
		return ""
	}
	return "[redacted]"
}

// The printable copies of the OAuth answers: the same fields, tokens redacted, and no methods, so that
// fmt prints them field by field.
type (
	printedAuthedUser      OAuthAuthedUser
	printedIncomingWebhook OAuthIncomingWebhook
	printedAccess          OAuthV2AccessResponse
	printedExchange        OAuthV2ExchangeResponse
)

func (u OAuthAuthedUser) printed() printedAuthedUser {
	u.AccessToken, u.RefreshToken = redacted(u.AccessToken), redacted(u.RefreshToken)
	return printedAuthedUser(u)
}

func (w OAuthIncomingWebhook) printed() printedIncomingWebhook {
	w.URL = redacted(w.URL)
	return printedIncomingWebhook(w)
}

func (r OAuthV2AccessResponse) printed() printedAccess {
	r.AccessToken, r.RefreshToken = redacted(r.AccessToken), redacted(r.RefreshToken)
	r.AuthedUser.AccessToken, r.AuthedUser.RefreshToken = redacted(r.AuthedUser.AccessToken),
		redacted(r.AuthedUser.RefreshToken)
	r.IncomingWebhook.URL = redacted(r.IncomingWebhook.URL)
	return printedAccess(r)
}

func (r OAuthV2ExchangeResponse) printed() printedExchange {
	r.AccessToken, r.RefreshToken = redacted(r.AccessToken), redacted(r.RefreshToken)
	return printedExchange(r)
}

// goString prints v, a printable copy, as %#v does, under the name of the type it stands for.
func goString(name string, v any) string {
	s := fmt.Sprintf("%#v", v)
	if i := strings.IndexByte(s, '{'); i >= 0 {
		s = s[i:]
	}
	return "slack." + name + s
}

// formatRedacted writes a redacted answer for any fmt verb: %#v prints goStr, and every other verb
// formats str, the redacted String, as it would a string (with its width, precision and flags).
func formatRedacted(f fmt.State, verb rune, str, goStr string) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, goStr)
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), str)
}

// String prints the installation with its tokens redacted.
func (r OAuthV2AccessResponse) String() string { return fmt.Sprintf("%+v", r.printed()) }

// GoString prints the installation as Go syntax, with its tokens redacted.
func (r OAuthV2AccessResponse) GoString() string {
	return goString("OAuthV2AccessResponse", r.printed())
}

// Format prints the installation for every fmt verb with its tokens redacted.
func (r OAuthV2AccessResponse) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, r.String(), r.GoString())
}

// LogValue logs the installation without its tokens (nor its webhook's URL): whether each is present.
func (r OAuthV2AccessResponse) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("access_token", redacted(r.AccessToken)), slog.String("token_type", r.TokenType),
		slog.String("scope", r.Scope), slog.String("bot_user_id", r.BotUserID), slog.String("app_id", r.AppID),
		slog.String("team_id", r.Team.ID), slog.String("enterprise_id", r.Enterprise.ID),
		slog.Bool("is_enterprise_install", r.IsEnterpriseInstall), slog.Any("authed_user", r.AuthedUser),
		slog.Int("expires_in", r.ExpiresIn), slog.String("refresh_token", redacted(r.RefreshToken)),
		slog.Any("incoming_webhook", r.IncomingWebhook),
	}
	return slog.GroupValue(attrs...)
}

// String prints the user with their tokens redacted.
func (u OAuthAuthedUser) String() string { return fmt.Sprintf("%+v", u.printed()) }

// GoString prints the user as Go syntax, with their tokens redacted.
func (u OAuthAuthedUser) GoString() string { return goString("OAuthAuthedUser", u.printed()) }

// Format prints the user for every fmt verb with their tokens redacted.
func (u OAuthAuthedUser) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, u.String(), u.GoString())
}

// LogValue logs the user without their tokens.
func (u OAuthAuthedUser) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", u.ID), slog.String("scope", u.Scope),
		slog.String("access_token", redacted(u.AccessToken)), slog.String("token_type", u.TokenType),
		slog.Int("expires_in", u.ExpiresIn), slog.String("refresh_token", redacted(u.RefreshToken)))
}

// String prints the webhook with its URL redacted.
func (w OAuthIncomingWebhook) String() string { return fmt.Sprintf("%+v", w.printed()) }

// GoString prints the webhook as Go syntax, with its URL redacted.
func (w OAuthIncomingWebhook) GoString() string { return goString("OAuthIncomingWebhook", w.printed()) }

// Format prints the webhook for every fmt verb with its URL redacted.
func (w OAuthIncomingWebhook) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, w.String(), w.GoString())
}

// LogValue logs the webhook without its URL.
func (w OAuthIncomingWebhook) LogValue() slog.Value {
	return slog.GroupValue(slog.String("channel", w.Channel), slog.String("channel_id", w.ChannelID),
		slog.String("url", redacted(w.URL)))
}

// String prints the exchanged token's answer with its tokens redacted.
func (r OAuthV2ExchangeResponse) String() string { return fmt.Sprintf("%+v", r.printed()) }

// GoString prints the answer as Go syntax, with its tokens redacted.
func (r OAuthV2ExchangeResponse) GoString() string {
	return goString("OAuthV2ExchangeResponse", r.printed())
}

// Format prints the answer for every fmt verb with its tokens redacted.
func (r OAuthV2ExchangeResponse) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, r.String(), r.GoString())
}

// LogValue logs the answer without its tokens.
func (r OAuthV2ExchangeResponse) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("app_id", r.AppID), slog.String("token_type", r.TokenType),
		slog.String("scope", r.Scope), slog.String("bot_user_id", r.BotUserID), slog.String("user_id", r.UserID),
		slog.String("access_token", redacted(r.AccessToken)), slog.Int("expires_in", r.ExpiresIn),
		slog.String("refresh_token", redacted(r.RefreshToken)), slog.String("team_id", r.Team.ID),
		slog.String("enterprise_id", r.Enterprise.ID)}
	return slog.GroupValue(attrs...)
}

// basicAuth returns the Authorization header of the app's client ID and secret, or the *Error for an
// argument Slack would refuse: an empty one, a client ID holding a colon (it would split the pair), or
// a line break.
func basicAuth(method, clientID, clientSecret string) ([]string, error) {
	if err := required(method, "clientID", clientID, "clientSecret", clientSecret); err != nil {
		return nil, err
	}
	if strings.ContainsAny(clientID, ":\r\n") {
		return nil, invalidArgument(method, "clientID holds a colon or a line break")
	}
	if strings.ContainsAny(clientSecret, "\r\n") {
		return nil, invalidArgument(method, "clientSecret holds a line break")
	}
	return []string{"Basic " + base64.StdEncoding.EncodeToString([]byte(clientID+":"+clientSecret))}, nil
}

// callApp calls an OAuth method with the app's credentials as HTTP Basic auth in place of the client's
// token, through the client's one request path.
func (s *OAuthService) callApp(ctx context.Context, method string, auth []string, params, result any) error {
	req, err := encodeForm(method, params)
	if err != nil {
		return err
	}
	req.auth = auth
	return s.client.do(ctx, method, req, result)
}

// V2Access exchanges an authorization code for the app's tokens when a user installs it (the redirect
// of the OAuth flow), or, with token rotation on, a refresh token for a new access token. params needs
// exactly one of Code and RefreshToken; GrantType, if set, must match ("authorization_code" with Code,
// "refresh_token" with RefreshToken). clientID and clientSecret travel as HTTP Basic auth, and no bearer
// token is sent, so a client made with New("") may call it. The answer's tokens are redacted whenever it
// is printed or logged.
//
// Slack API: https://api.slack.com/methods/oauth.v2.access (Special: Slack publishes no figure; the client
// allows Tier 4's 100 a minute; no scope). Never retried after a 5xx or a lost connection: a code is
// single use.
func (s *OAuthService) V2Access(ctx context.Context, clientID, clientSecret string, params *OAuthV2AccessParams) (*OAuthV2AccessResponse, error) {
	const method = "oauth.v2.access"
	auth, err := basicAuth(method, clientID, clientSecret)
	if err != nil {
		return nil, err
	}
	if params == nil {
		return nil, invalidArgument(method, "missing required argument code (or refresh_token)")
	}
	req := *params // the caller's params stay as they are
	hasCode, hasRefresh := strings.TrimSpace(params.Code) != "", strings.TrimSpace(params.RefreshToken) != ""
	switch {
	case hasCode && hasRefresh:
		return nil, invalidArgument(method, "give either code or refresh_token, not both")
	case hasCode:
		if params.GrantType != "" && params.GrantType != GrantAuthorizationCode {
			return nil, invalidArgument(method, "grant_type %q does not go with a code; use %q", params.GrantType,
				GrantAuthorizationCode)
		}
	case hasRefresh:
		if params.GrantType != "" && params.GrantType != GrantRefreshToken {
			return nil, invalidArgument(method, "grant_type %q does not go with a refresh_token; use %q",
				params.GrantType, GrantRefreshToken)
		}
		req.GrantType = GrantRefreshToken
	default:
		return nil, invalidArgument(method, "missing required argument code (or refresh_token)")
	}
	var out struct {
		envelope
		OAuthV2AccessResponse
	}
	if err := s.callApp(ctx, method, auth, &req, &out); err != nil {
		return nil, err
	}
	return &out.OAuthV2AccessResponse, nil
}

// oauthV2ExchangeRequest is the form of oauth.v2.exchange: the legacy token to convert travels as the
// token argument, since the Authorization header carries the app's credentials.
type oauthV2ExchangeRequest struct {
	Token string `url:"token"`
}

// V2Exchange turns the client's own legacy (non-expiring) token into a rotating one: an access token
// that expires, and a refresh token that renews it through V2Access. Token rotation must be on for the
// app. clientID and clientSecret travel as HTTP Basic auth, so the token to convert travels in the
// request's body rather than as a bearer token; a client without a token is refused before sending.
// The answer's tokens are redacted whenever it is printed or logged.
//
// Slack API: https://api.slack.com/methods/oauth.v2.exchange (Tier 3, no scope). Never retried after a
// 5xx or a lost connection.
func (s *OAuthService) V2Exchange(ctx context.Context, clientID, clientSecret string) (*OAuthV2ExchangeResponse, error) {
	const method = "oauth.v2.exchange"
	auth, err := basicAuth(method, clientID, clientSecret)
	if err != nil {
		return nil, err
	}
	token := s.client.cred().token
	if strings.TrimSpace(token) == "" {
		return nil, invalidArgument(method, "the client has no token: oauth.v2.exchange converts the client's own token")
	}
	if strings.ContainsAny(token, "\r\n") {
		return nil, invalidArgument(method, "the client's token contains a line break")
	}
	var out struct {
		envelope
		OAuthV2ExchangeResponse
	}
	if err := s.callApp(ctx, method, auth, &oauthV2ExchangeRequest{Token: token}, &out); err != nil {
		return nil, err
	}
	return &out.OAuthV2ExchangeResponse, nil
}
