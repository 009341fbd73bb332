package slack_test

import (
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// TestAuthRevoke: a test revocation changes nothing; a real one ends the token, for this client and any
// other holder of it.
func TestAuthRevoke(t *testing.T) {
	c, srv := newUserClient(t)
	ctx := t.Context()

	revoked, err := c.Auth.Revoke(ctx, &slack.AuthRevokeParams{Test: true})
	if err != nil || revoked {
		t.Fatalf("a test revocation = %v, %v; want false, nil", revoked, err)
	}
	if r := checkWire(t, srv, "auth.revoke", slacktest.UserToken); r.Form.Get("test") != "true" || len(r.Form) != 1 {
		t.Errorf("auth.revoke sent %v", r.Form)
	}
	if _, err := c.Auth.Test(ctx); err != nil {
		t.Fatalf("the token after a test revocation: %v", err)
	}

	revoked, err = c.Auth.Revoke(ctx, nil)
	if err != nil || !revoked {
		t.Fatalf("Auth.Revoke = %v, %v; want true, nil", revoked, err)
	}
	if r := checkWire(t, srv, "auth.revoke", slacktest.UserToken); len(r.Form) != 0 {
		t.Errorf("auth.revoke sent %v, want no arguments", r.Form)
	}
	_, err = c.Auth.Test(ctx)
	assertCode(t, err, slack.ErrTokenRevoked)
	other := newClientFor(t, srv, slacktest.UserToken)
	_, err = other.Users.Info(ctx, slacktest.BobID, nil)
	assertCode(t, err, slack.ErrTokenRevoked)
	_, err = c.Auth.Revoke(ctx, nil)
	assertCode(t, err, slack.ErrTokenRevoked)
	// The bot's token is another token: it still works.
	if _, err := c.WithToken(slacktest.BotToken).Auth.Test(ctx); err != nil {
		t.Errorf("the bot token after revoking alice's: %v", err)
	}
}
