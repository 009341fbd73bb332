package slacktest

// revokeHandlers holds auth.revoke (auth.test is with the users' handlers).
var revokeHandlers = map[string]handler{"auth.revoke": authRevoke}

// authRevoke revokes the token of the call, unless test is set: from then on it answers token_revoked.
func authRevoke(c *call) *answer {
	if c.flag("test") {
		return ok(obj{"revoked": false})
	}
	c.ws.tokens[c.token].Revoked = true
	return ok(obj{"revoked": true})
}
