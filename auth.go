package slack

import "context"

// AuthService holds auth.test.
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
