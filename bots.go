package slack

import (
	"context"
	"net/url"
)

// BotsService holds bots.info.
type BotsService service

// Info returns a bot integration by its ID ("B…"), such as the BotID of a message or of a bot user.
// (Slack's optional team_id, for org-wide apps on Enterprise Grid, is reachable through [Client.Call].)
//
// Slack API: https://api.slack.com/methods/bots.info (Tier 3, users:read). Retried on 5xx and connection
// errors.
func (s *BotsService) Info(ctx context.Context, bot string) (*Bot, error) {
	const method = "bots.info"
	if err := required(method, "bot", bot); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		Bot Bot `json:"bot"`
	}
	if err := s.client.Call(ctx, method, url.Values{"bot": {bot}}, &out); err != nil {
		return nil, err
	}
	return &out.Bot, nil
}
