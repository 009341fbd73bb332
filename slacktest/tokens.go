package slacktest

import (
	"slices"
	"strings"
	"time"
)

// Token is a token the workspace accepts, and what it may do. Add one with SetToken, WithToken, WithSeed
// or LoadJSON.
type Token struct {
	// Value is the token itself ("xoxb-…" for a bot, "xoxp-…" for a user). The request log never shows
	// it: it names a token by its Label.
	Value string `json:"token"`
	// User is the ID of the user (or bot user) the token acts as.
	User string `json:"user"`
	// Label names the token in the request log and in printed requests (Request.Token). Empty means
	// the token's kind and user: "bot:U0BOT", "user:U0ALICE".
	Label string `json:"label,omitempty"`
	// Scopes lists the OAuth scopes granted ("chat:write", "channels:history"). Nil grants every scope;
	// otherwise a method that needs a scope the token lacks answers missing_scope, with the scope
	// needed and the scopes provided, as Slack does.
	Scopes []string `json:"scopes,omitempty"`
	// Revoked makes every call with the token answer token_revoked.
	Revoked bool `json:"revoked,omitempty"`
	// Inactive makes every call with the token answer account_inactive, as for a deactivated user or
	// an uninstalled app.
	Inactive bool `json:"inactive,omitempty"`
	// Expires, when set, makes every call with the token answer token_expired from that time on, by the
	// workspace's clock, as for a rotating token past its lifetime.
	Expires time.Time `json:"expires,omitzero"`
}

// Kind is the token's kind, by its prefix: "bot" for xoxb-, "user" for xoxp-, "app" for xapp-, or
// "unknown".
func (t Token) Kind() string {
	value := strings.TrimPrefix(t.Value, "xoxe.") // a rotating token
	switch {
	case strings.HasPrefix(value, "xoxb-"):
		return "bot"
	case strings.HasPrefix(value, "xoxp-"):
		return "user"
	case strings.HasPrefix(value, "xapp-"):
		return "app"
	}
	return "unknown"
}

// label is how the request log names the token.
func (t *Token) label() string {
	if t.Label != "" {
		return t.Label
	}
	return t.Kind() + ":" + t.User
}

func (ws *workspace) addToken(t Token) {
	t.Scopes = slices.Clone(t.Scopes)
	ws.tokens[t.Value] = &t
}

// SetToken adds a token, or replaces the one with the same Value: a token with scopes, a label, or a
// revoked or inactive state.
func (s *Server) SetToken(t Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.addToken(t)
}

// RevokeToken makes token answer token_revoked from now on, as after auth.revoke or an app's
// uninstallation. It reports whether the workspace knew the token.
func (s *Server) RevokeToken(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.ws.tokens[token]
	if ok {
		t.Revoked = true
	}
	return ok
}

// tokenLabel names a request's token for the log without showing it: the token's label, "unknown" for
// a token the workspace does not know, "" for none.
func (ws *workspace) tokenLabel(token string) string {
	if token == "" {
		return ""
	}
	if t, ok := ws.tokens[token]; ok {
		return t.label()
	}
	return "unknown"
}

// methodScopes lists, for each method, the scopes that allow it: a token needs one of them. For the
// conversations.* methods that act on a conversation, the one needed depends on its type (see
// scopeFor). A method missing from the map needs no scope.
var methodScopes = map[string][]string{
	"bots.info": {"users:read"},

	"bookmarks.add":    {"bookmarks:write"},
	"bookmarks.edit":   {"bookmarks:write"},
	"bookmarks.list":   {"bookmarks:read"},
	"bookmarks.remove": {"bookmarks:write"},

	"chat.delete":        {"chat:write", "chat:write:bot", "chat:write:user"},
	"chat.meMessage":     {"chat:write", "chat:write:user"},
	"chat.postEphemeral": {"chat:write", "chat:write:bot", "chat:write:user"},
	"chat.postMessage":   {"chat:write", "chat:write:bot", "chat:write:user"},
	"chat.unfurl":        {"links:write"},
	"chat.update":        {"chat:write", "chat:write:bot", "chat:write:user"},

	"chat.deleteScheduledMessage": {"chat:write", "chat:write:bot", "chat:write:user"},
	"chat.scheduleMessage":        {"chat:write", "chat:write:bot", "chat:write:user"},

	"conversations.archive":    {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.close":      {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.create":     {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.history":    {"channels:history", "groups:history", "im:history", "mpim:history"},
	"conversations.info":       {"channels:read", "groups:read", "im:read", "mpim:read"},
	"conversations.invite":     {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.join":       {"channels:join", "channels:write"},
	"conversations.kick":       {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.leave":      {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.list":       {"channels:read", "groups:read", "im:read", "mpim:read"},
	"conversations.members":    {"channels:read", "groups:read", "im:read", "mpim:read"},
	"conversations.open":       {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.rename":     {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.replies":    {"channels:history", "groups:history", "im:history", "mpim:history"},
	"conversations.setPurpose": {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.setTopic":   {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},
	"conversations.unarchive":  {"channels:manage", "channels:write", "groups:write", "im:write", "mpim:write"},

	"files.comments.add":           {"files:write", "files:write:user"},
	"files.comments.delete":        {"files:write", "files:write:user"},
	"files.comments.edit":          {"files:write", "files:write:user"},
	"files.completeUploadExternal": {"files:write"},
	"files.delete":                 {"files:write"},
	"files.getUploadURLExternal":   {"files:write"},
	"files.info":                   {"files:read"},
	"files.list":                   {"files:read"},
	"files.revokePublicURL":        {"files:write"},
	"files.sharedPublicURL":        {"files:write"},

	"groups.archive":     {"groups:write"},
	"groups.create":      {"groups:write"},
	"groups.createChild": {"groups:write"},
	"groups.history":     {"groups:history"},
	"groups.info":        {"groups:read"},
	"groups.invite":      {"groups:write"},
	"groups.kick":        {"groups:write"},
	"groups.leave":       {"groups:write"},
	"groups.list":        {"groups:read"},
	"groups.mark":        {"groups:write"},
	"groups.open":        {"groups:write"},
	"groups.rename":      {"groups:write"},
	"groups.replies":     {"groups:history"},
	"groups.setPurpose":  {"groups:write"},
	"groups.setTopic":    {"groups:write"},
	"groups.unarchive":   {"groups:write"},

	"dnd.endDnd":    {"dnd:write"},
	"dnd.endSnooze": {"dnd:write"},
	"dnd.info":      {"dnd:read"},
	"dnd.setSnooze": {"dnd:write"},
	"dnd.teamInfo":  {"dnd:read"},

	"reminders.add":      {"reminders:write"},
	"reminders.complete": {"reminders:write"},
	"reminders.delete":   {"reminders:write"},
	"reminders.info":     {"reminders:read"},
	"reminders.list":     {"reminders:read"},

	"pins.add":    {"pins:write"},
	"pins.list":   {"pins:read"},
	"pins.remove": {"pins:write"},

	"reactions.add":    {"reactions:write"},
	"reactions.get":    {"reactions:read"},
	"reactions.list":   {"reactions:read"},
	"reactions.remove": {"reactions:write"},

	"im.close":   {"im:write"},
	"im.history": {"im:history"},
	"im.list":    {"im:read"},
	"im.mark":    {"im:write"},
	"im.open":    {"im:write"},
	"im.replies": {"im:history"},

	"users.conversations": {"channels:read", "groups:read", "im:read", "mpim:read"},
	"users.deletePhoto":   {"users.profile:write"},
	"users.getPresence":   {"users:read"},
	"users.identity":      {"identity.basic"},
	"users.info":          {"users:read"},
	"users.list":          {"users:read"},
	"users.lookupByEmail": {"users:read.email"},
	"users.profile.get":   {"users.profile:read"},
	"users.profile.set":   {"users.profile:write"},
	"users.setActive":     {"users:write"},
	"users.setPhoto":      {"users.profile:write"},
	"users.setPresence":   {"users:write"},

	"emoji.list":       {"emoji:read"},
	"search.messages":  {"search:read"},
	"team.info":        {"team:read"},
	"team.profile.get": {"users.profile:read"},

	"usergroups.create":       {"usergroups:write"},
	"usergroups.disable":      {"usergroups:write"},
	"usergroups.enable":       {"usergroups:write"},
	"usergroups.list":         {"usergroups:read"},
	"usergroups.update":       {"usergroups:write"},
	"usergroups.users.list":   {"usergroups:read"},
	"usergroups.users.update": {"usergroups:write"},
}

// typedScopes maps a scope family to the prefix of its variant for each conversation type.
var typedScopes = map[string]bool{"channels": true, "groups": true, "im": true, "mpim": true}

// checkScopes answers missing_scope when t lacks every scope method accepts, naming in needed the scope
// for the conversation the request names (channels:history for a public channel, im:history for an
// IM), or the method's first scope.
func (ws *workspace) checkScopes(t *Token, method string, channel string) *answer {
	accepted := methodScopes[method]
	if t.Scopes == nil || len(accepted) == 0 {
		return nil
	}
	needed := accepted[0]
	if ch, found := ws.channel(channel); found {
		prefix := "channels"
		switch {
		case ch.IsIM:
			prefix = "im"
		case ch.IsMPIM:
			prefix = "mpim"
		case ch.IsPrivate:
			prefix = "groups"
		}
		typed := slices.DeleteFunc(slices.Clone(accepted), func(s string) bool {
			family, _, _ := strings.Cut(s, ":")
			return typedScopes[family] && family != prefix
		})
		if len(typed) < len(accepted) {
			accepted = typed
			if len(typed) > 0 {
				needed = typed[0]
			}
		}
	}
	for _, s := range accepted {
		if slices.Contains(t.Scopes, s) {
			return nil
		}
	}
	return failWith("missing_scope", obj{"needed": needed, "provided": strings.Join(t.Scopes, ",")})
}
