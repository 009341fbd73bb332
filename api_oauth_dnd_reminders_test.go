package slack_test

import (
	"context"

	"github.com/goslack/slack"
)

// The signatures of DESIGN.md's rows for oauth.v2.*, auth.revoke, dnd.* and reminders.*, checked at
// compile time.
var (
	_ func(context.Context, string, string, *slack.OAuthV2AccessParams) (*slack.OAuthV2AccessResponse, error) = contract.OAuth.V2Access
	_ func(context.Context, string, string) (*slack.OAuthV2ExchangeResponse, error)                           = contract.OAuth.V2Exchange

	_ func(context.Context, *slack.AuthRevokeParams) (bool, error) = contract.Auth.Revoke

	_ func(context.Context, *slack.DNDInfoParams) (*slack.DNDStatus, error)                         = contract.DND.Info
	_ func(context.Context, int) (*slack.DNDStatus, error)                                          = contract.DND.SetSnooze
	_ func(context.Context) (*slack.DNDStatus, error)                                               = contract.DND.EndSnooze
	_ func(context.Context) error                                                                   = contract.DND.EndDND
	_ func(context.Context, []string, *slack.DNDTeamInfoParams) (map[string]slack.DNDStatus, error) = contract.DND.TeamInfo

	_ func(context.Context, string, string, *slack.RemindersAddParams) (*slack.Reminder, error) = contract.Reminders.Add
	_ func(context.Context, string, *slack.RemindersCompleteParams) error                       = contract.Reminders.Complete
	_ func(context.Context, string, *slack.RemindersDeleteParams) error                         = contract.Reminders.Delete
	_ func(context.Context, string, *slack.RemindersInfoParams) (*slack.Reminder, error)        = contract.Reminders.Info
	_ func(context.Context, *slack.RemindersListParams) ([]slack.Reminder, error)               = contract.Reminders.List
)
