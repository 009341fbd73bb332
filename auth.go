package slack

import "context"

// AuthService holds auth.test and auth.revoke.
type AuthService service

// AuthTestResponse describes a token: whom it belongs to and in which workspace.
type AuthTestResponse struct {
	// URL is the workspace's URL ("https://example.slack.com/").
	URL    string `json:"url"`
	Team   string `json:"team"`
	User   string `json:"user"`
	TeamID string `json:"team_id"`
	UserID string `json:"user_id"`
	// BotID is set for bot tokens.
	BotID string `json:"bot_id,omitempty"`
	// EnterpriseID is set in an Enterprise Grid organization.
	EnterpriseID        string `json:"enterprise_id,omitempty"`
	IsEnterpriseInstall bool   `json:"is_enterprise_install,omitempty"`
}

// Test checks the token and says whom it belongs to.
//
// Slack API: https://api.slack.com/methods/auth.test (Special: hundreds per minute; no scope). Retried on
// 5xx and connection errors.
func (s *AuthService) Test(ctx context.Context) (*AuthTestResponse, error) {
	var out struct {
		envelope
		AuthTestResponse
	}
	if err := s.client.Call(ctx, "auth.test", nil, &out); err != nil {
		return nil, err
	}
	return &out.AuthTestResponse, nil
}

// AuthRevokeParams are the optional arguments of Auth.Revoke.
type AuthRevokeParams struct {
	// Test checks the call without revoking the token.
	Test bool `url:"test,omitempty"`
}

// Revoke revokes the client's own token and reports whether Slack revoked it (false with params.Test,
// which only checks the call). The client, and every other holder of the token, can make no further call
// with it. Revoking an already revoked token fails with ErrTokenRevoked.
//
// Slack API: https://api.slack.com/methods/auth.revoke (Tier 3, no scope)
func (s *AuthService) Revoke(ctx context.Context, params *AuthRevokeParams) (bool, error) {
	var out struct {
		envelope
		Revoked bool `json:"revoked"`
	}
	if err := s.client.Call(ctx, "auth.revoke", params, &out); err != nil {
		return false, err
	}
	return out.Revoked, nil
}
