package slacktest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The credentials of the workspace's app (AppID) for the OAuth methods, oauth.v2.access and
// oauth.v2.exchange, which take them as HTTP Basic auth (or as client_id and client_secret arguments)
// and no token.
const (
	// ClientID is the app's client ID.
	ClientID = "1700000000.1700000001"
	// ClientSecret is the app's client secret.
	ClientSecret = "slacktest-client-secret"
)

// OAuthCodeTTL is how long a code from OAuthCode stays valid, on the workspace's clock, as Slack's do.
const OAuthCodeTTL = 10 * time.Minute

// RotatingTokenTTL is the lifetime of the access tokens the OAuth methods hand out with token rotation on
// (SetTokenRotation): the expires_in of their answers. Past it, by the workspace's clock, such a token
// answers token_expired (Token.Expires).
const RotatingTokenTTL = 12 * time.Hour

// OAuthGrant is what a user grants the app on Slack's authorize page. OAuthCode turns it into the code
// Slack sends to the app's redirect URL, which oauth.v2.access exchanges for tokens that then work
// against the workspace.
type OAuthGrant struct {
	// User is the ID of the installing user; empty means AliceID.
	User string
	// Scopes are the bot scopes granted: the bot token (of BotUserID) has exactly these. Nil grants
	// every scope.
	Scopes []string
	// UserScopes are the user scopes granted; with any, the answer also carries a user token for User,
	// with exactly these scopes.
	UserScopes []string
	// RedirectURI, when set, is the redirect_uri of the authorize step: oauth.v2.access must send the
	// same one, else it answers bad_redirect_uri.
	RedirectURI string
}

// oauthCode is a code handed out by OAuthCode, until it is used or expires.
type oauthCode struct {
	grant   OAuthGrant
	expires time.Time
}

// refreshGrant is what a refresh token renews: a token's user and scopes.
type refreshGrant struct {
	user   string
	scopes []string
	kind   string // "bot" or "user"
}

// oauthStore holds the OAuth state of a workspace.
type oauthStore struct {
	codes     map[string]*oauthCode
	refresh   map[string]refreshGrant // live refresh tokens
	exchanged map[string]bool         // legacy tokens already exchanged
	rotation  bool
}

// oauthStore returns the workspace's OAuth state, creating it on first use.
func (ws *workspace) oauthStore() *oauthStore {
	if ws.oauth == nil {
		ws.oauth = &oauthStore{codes: map[string]*oauthCode{}, refresh: map[string]refreshGrant{},
			exchanged: map[string]bool{}}
	}
	return ws.oauth
}

// OAuthCode hands out a code for g, as Slack does when a user approves the app: single use, valid for
// OAuthCodeTTL on the workspace's clock. The grant's user must exist.
func (s *Server) OAuthCode(g OAuthGrant) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.User == "" {
		g.User = AliceID
	}
	g.Scopes, g.UserScopes = slices.Clone(g.Scopes), slices.Clone(g.UserScopes)
	code := fmt.Sprintf("%s.%d.code", TeamID, s.ws.seq+1)
	s.ws.seq++
	s.ws.oauthStore().codes[code] = &oauthCode{grant: g, expires: s.ws.now().Add(OAuthCodeTTL)}
	return code
}

// SetTokenRotation turns the app's token rotation on or off (off by default). With it on, oauth.v2.access
// hands out expiring tokens ("xoxe.xoxb-…") with refresh tokens, and oauth.v2.exchange turns legacy
// tokens into such tokens; with it off, oauth.v2.exchange answers token_rotation_not_enabled.
func (s *Server) SetTokenRotation(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.oauthStore().rotation = on
}

// oauthHandlers are the methods that authenticate the app, not a token.
var oauthHandlers = map[string]func(ws *workspace, header http.Header, form url.Values) *answer{
	"oauth.v2.access":   oauthV2Access,
	"oauth.v2.exchange": oauthV2Exchange,
}

// handleApp answers an OAuth method under the workspace lock; ok is false for another method.
func (s *Server) handleApp(method string, header http.Header, form url.Values) (*answer, bool) {
	h, found := oauthHandlers[method]
	if !found {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.deliverDue()
	return h(s.ws, header, form), true
}

// appCredentials checks the app's credentials, from HTTP Basic auth or else the client_id and
// client_secret arguments, as Slack takes either.
func appCredentials(header http.Header, form url.Values) *answer {
	id, secret := form.Get("client_id"), form.Get("client_secret")
	if enc, isBasic := strings.CutPrefix(header.Get("Authorization"), "Basic "); isBasic {
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(enc))
		if err != nil {
			return fail("invalid_client_id")
		}
		id, secret, _ = strings.Cut(string(raw), ":")
	}
	switch {
	case id != ClientID:
		return fail("invalid_client_id")
	case secret != ClientSecret:
		return fail("bad_client_secret")
	}
	return nil
}

// mintToken adds a token for user with scopes, of kind "bot" or "user", and returns it: an expiring one
// ("xoxe.xoxb-…") with its refresh token when rotate is set.
func (ws *workspace) mintToken(kind, user string, scopes []string, rotate bool) (token, refresh string) {
	ws.seq++
	prefix := "xoxb-"
	if kind == "user" {
		prefix = "xoxp-"
	}
	token = fmt.Sprintf("%sslacktest-oauth-%d", prefix, ws.seq)
	if rotate {
		token = "xoxe." + token
		refresh = fmt.Sprintf("xoxe-1-slacktest-refresh-%d", ws.seq)
		ws.oauthStore().refresh[refresh] = refreshGrant{user: user, scopes: slices.Clone(scopes), kind: kind}
	}
	t := Token{Value: token, User: user, Scopes: scopes, Label: "oauth:" + kind + ":" + user}
	if rotate {
		t.Expires = ws.now().Add(RotatingTokenTTL)
	}
	ws.addToken(t)
	return token, refresh
}

// tokenFields are the fields of an answer that carry a token, with its lifetime and refresh token when
// it rotates.
func tokenFields(token, refresh, kind string, scopes []string) obj {
	o := obj{"access_token": token, "token_type": kind, "scope": strings.Join(scopes, ",")}
	if refresh != "" {
		o["refresh_token"] = refresh
		o["expires_in"] = int(RotatingTokenTTL / time.Second)
	}
	return o
}

func oauthV2Access(ws *workspace, header http.Header, form url.Values) *answer {
	if errAnswer := appCredentials(header, form); errAnswer != nil {
		return errAnswer
	}
	store := ws.oauthStore()
	team := obj{"id": TeamID, "name": TeamName}
	switch grant := form.Get("grant_type"); grant {
	case "", "authorization_code":
		code, found := store.codes[form.Get("code")]
		if !found || !ws.now().Before(code.expires) {
			return fail("invalid_code")
		}
		if code.grant.RedirectURI != "" && form.Get("redirect_uri") != code.grant.RedirectURI {
			return fail("bad_redirect_uri")
		}
		delete(store.codes, form.Get("code")) // single use
		g := code.grant
		if _, found := ws.users[g.User]; !found {
			return fail("invalid_code")
		}
		bot, botRefresh := ws.mintToken("bot", BotUserID, g.Scopes, store.rotation)
		a := ok(tokenFields(bot, botRefresh, "bot", g.Scopes))
		a.body["bot_user_id"], a.body["app_id"], a.body["team"] = BotUserID, AppID, team
		a.body["enterprise"], a.body["is_enterprise_install"] = nil, false
		authed := obj{"id": g.User}
		if len(g.UserScopes) > 0 {
			user, userRefresh := ws.mintToken("user", g.User, g.UserScopes, store.rotation)
			for k, v := range tokenFields(user, userRefresh, "user", g.UserScopes) {
				authed[k] = v
			}
		}
		a.body["authed_user"] = authed
		return a
	case "refresh_token":
		old := form.Get("refresh_token")
		rg, found := store.refresh[old]
		if !found || !store.rotation {
			return fail("invalid_refresh_token")
		}
		delete(store.refresh, old) // a refresh token is single use; the answer brings the next one
		token, refresh := ws.mintToken(rg.kind, rg.user, rg.scopes, true)
		a := ok(tokenFields(token, refresh, rg.kind, rg.scopes))
		a.body["app_id"], a.body["team"], a.body["enterprise"] = AppID, team, nil
		if rg.kind == "bot" {
			a.body["bot_user_id"] = rg.user
		} else {
			a.body["user_id"] = rg.user
		}
		return a
	default:
		return fail("invalid_grant_type")
	}
}

func oauthV2Exchange(ws *workspace, header http.Header, form url.Values) *answer {
	if errAnswer := appCredentials(header, form); errAnswer != nil {
		return errAnswer
	}
	store := ws.oauthStore()
	legacy := form.Get("token")
	t, found := ws.tokens[legacy]
	switch {
	case !found || t.Revoked || t.Inactive:
		return fail("invalid_token")
	case strings.HasPrefix(legacy, "xoxe."):
		return fail("token_already_exchanged") // already a rotating token
	case store.exchanged[legacy]:
		return fail("token_already_exchanged")
	case !store.rotation:
		return fail("token_rotation_not_enabled")
	}
	kind := "user"
	if t.Kind() == "bot" {
		kind = "bot"
	}
	store.exchanged[legacy] = true
	token, refresh := ws.mintToken(kind, t.User, t.Scopes, true)
	a := ok(tokenFields(token, refresh, kind, t.Scopes))
	a.body["app_id"], a.body["team"], a.body["enterprise"] = AppID, obj{"id": TeamID, "name": TeamName}, nil
	if kind == "bot" {
		a.body["bot_user_id"] = t.User
	} else {
		a.body["user_id"] = t.User
	}
	return a
}
