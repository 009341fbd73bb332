package slack_test

import (
	"context"
	"math"
	"net/url"
	"reflect"
	"strconv"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// What the bad-input sweep needs to know of auth.revoke, oauth.v2.*, dnd.* and reminders.*, and the calls
// TestFixtures makes for their fixtures.
func init() {
	registerFixtures(map[string]fixtureCall{
		"auth.revoke": func(ctx context.Context, c *slack.Client) (any, error) { return c.Auth.Revoke(ctx, nil) },
		"oauth.v2.access": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: "4724469134.4644"})
		},
		"oauth.v2.exchange": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.OAuth.V2Exchange(ctx, slacktest.ClientID, slacktest.ClientSecret)
		},
		"dnd.info":      func(ctx context.Context, c *slack.Client) (any, error) { return c.DND.Info(ctx, nil) },
		"dnd.setSnooze": func(ctx context.Context, c *slack.Client) (any, error) { return c.DND.SetSnooze(ctx, 60) },
		"dnd.endSnooze": func(ctx context.Context, c *slack.Client) (any, error) { return c.DND.EndSnooze(ctx) },
		"dnd.endDnd":    func(ctx context.Context, c *slack.Client) (any, error) { return nil, c.DND.EndDND(ctx) },
		"dnd.teamInfo": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.DND.TeamInfo(ctx, []string{"U023BECGF", "W058CJVAA"}, nil)
		},
		"reminders.add": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Reminders.Add(ctx, "eat a banana", "1602288000", nil)
		},
		"reminders.complete": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Reminders.Complete(ctx, "Rm12345678", nil)
		},
		"reminders.delete": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Reminders.Delete(ctx, "Rm12345678", nil)
		},
		"reminders.info": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Reminders.Info(ctx, "Rm12345678", nil)
		},
		"reminders.list": func(ctx context.Context, c *slack.Client) (any, error) { return c.Reminders.List(ctx, nil) },
	})

	// DND.SetSnooze's numMinutes, the one plain int argument: at least 1; a huge one is sent as it is.
	badInputTypes[reflect.TypeFor[int]()] = badInputType{
		valid: func(sdkMethod) reflect.Value { return reflect.ValueOf(30) },
		empty: func() []badValue {
			return []badValue{{"zero", reflect.ValueOf(0)}, {"negative", reflect.ValueOf(-1)},
				{"most negative", reflect.ValueOf(math.MinInt)}}
		},
		hostile: func(sdkMethod, string) (reflect.Value, func([]string) error) {
			return reflect.ValueOf(math.MaxInt), sentAs(strconv.Itoa(math.MaxInt))
		},
	}
	badInputRequiredParams["OAuth.V2Access"] = func() any { return &slack.OAuthV2AccessParams{Code: "hello"} }
	// The app's credentials travel as HTTP Basic auth, not in the form: TestOAuthHostileValues checks them.
	badInputOwnHostile["OAuth.V2Access"] = "TestOAuthHostileValues"
	badInputOwnHostile["OAuth.V2Exchange"] = "TestOAuthHostileValues"
	// Reminders.Add's when is Slack's time argument.
	badInputAliases["when"] = "time"

	badInputZeroCalls["Auth.Revoke"] = badInputZero{form: url.Values{}}
	badInputZeroCalls["DND.Info"] = badInputZero{form: url.Values{}}
	badInputZeroCalls["DND.EndSnooze"] = badInputZero{form: url.Values{}, answer: slack.ErrSnoozeEndFailed}
	badInputZeroCalls["DND.EndDND"] = badInputZero{form: url.Values{}, answer: slack.ErrNotInDND}
	badInputZeroCalls["Reminders.List"] = badInputZero{form: url.Values{}}
}

func init() {
	// Auth.Revoke; OAuth.V2Access and V2Exchange; DND's five; Reminders' five.
	badInputMethods += 13
}
