package slack_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"net/url"
	"reflect"

	"github.com/goslack/slack"
)

// The signatures of ../shared/DESIGN.md's "Beyond the seeds" rows for views, usergroups, search, team and
// emoji, checked at compile time like those of api_test.go.
var (
	_ func(context.Context, string, slack.View, *slack.ViewsOpenParams) (*slack.View, error)    = contract.Views.Open
	_ func(context.Context, string, slack.View, *slack.ViewsPushParams) (*slack.View, error)    = contract.Views.Push
	_ func(context.Context, string, slack.View, *slack.ViewsUpdateParams) (*slack.View, error)  = contract.Views.Update
	_ func(context.Context, string, slack.View, *slack.ViewsPublishParams) (*slack.View, error) = contract.Views.Publish

	_ func(context.Context, string, *slack.UsergroupsCreateParams) (*slack.Usergroup, error)                = contract.Usergroups.Create
	_ func(context.Context, string, *slack.UsergroupsDisableParams) (*slack.Usergroup, error)               = contract.Usergroups.Disable
	_ func(context.Context, string, *slack.UsergroupsEnableParams) (*slack.Usergroup, error)                = contract.Usergroups.Enable
	_ func(context.Context, *slack.UsergroupsListParams) ([]slack.Usergroup, error)                         = contract.Usergroups.List
	_ func(context.Context, string, *slack.UsergroupsUpdateParams) (*slack.Usergroup, error)                = contract.Usergroups.Update
	_ func(context.Context, string, *slack.UsergroupsListUsersParams) ([]string, error)                     = contract.Usergroups.ListUsers
	_ func(context.Context, string, []string, *slack.UsergroupsUpdateUsersParams) (*slack.Usergroup, error) = contract.Usergroups.UpdateUsers

	_ func(context.Context, *slack.TeamInfoParams) (*slack.Team, error)              = contract.Team.Info
	_ func(context.Context, *slack.TeamGetProfileParams) (*slack.TeamProfile, error) = contract.Team.GetProfile

	_ func(context.Context, *slack.EmojiListParams) (*slack.EmojiListResponse, error) = contract.Emoji.List

	_ func(context.Context, string, *slack.SearchMessagesParams) (*slack.SearchMessagesResponse, error) = contract.Search.Messages
	_ func(context.Context, string, *slack.SearchMessagesParams) iter.Seq2[slack.SearchMatch, error]    = contract.Search.MessagesAll
)

// The sweeps of badinput_test.go and fuzz_test.go learn these families here: their sizes, their calls
// without positional arguments, search's page size of at most 100, its iterator, and the View argument.
func init() {
	badInputMethods += 15 // 4 views, 7 usergroups, 2 team, emoji.list, search.messages
	badInputIterators++   // Search.MessagesAll
	maps.Copy(badInputZeroCalls, map[string]badInputZero{
		"Emoji.List":      {form: url.Values{}},
		"Team.GetProfile": {form: url.Values{}},
		"Team.Info":       {form: url.Values{}},
		"Usergroups.List": {form: url.Values{}},
	})
	badInputMaxPageSize["Search.Messages"] = 100
	badInputMaxPageSize["Search.MessagesAll"] = 100
	fuzzIterators["search.messages"] = struct {
		name string
		call iteratorCall
	}{"Search.MessagesAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Search.MessagesAll(ctx, "deploy", nil), 1<<16)
	}}
	badInputTypes[reflect.TypeFor[slack.View]()] = badInputType{
		valid: func(m sdkMethod) reflect.Value { return reflect.ValueOf(badInputView(m, "bad-input")) },
		empty: func() []badValue { return []badValue{{"zero", reflect.ValueOf(slack.View{})}} },
		hostile: func(m sdkMethod, s string) (reflect.Value, func([]string) error) {
			// JSON carries no invalid UTF-8: the callback ID must arrive as encoding/json spells s.
			var want string
			b, _ := json.Marshal(s)
			_ = json.Unmarshal(b, &want)
			return reflect.ValueOf(badInputView(m, s)), func(sent []string) error {
				var view struct {
					CallbackID string `json:"callback_id"`
				}
				if len(sent) != 1 || json.Unmarshal([]byte(sent[0]), &view) != nil || view.CallbackID != want {
					return fmt.Errorf("the view was sent as %q, want callback_id %q", sent, want)
				}
				return nil
			}
		},
	}
}

// badInputView is a valid view for m (a Home tab for Views.Publish, a modal otherwise) with callbackID.
func badInputView(m sdkMethod, callbackID string) slack.View {
	v := slack.View{Type: "modal", Title: slack.PlainText("Bad input"), CallbackID: callbackID,
		Blocks: slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("hello")}}}
	if m.Name == "Views.Publish" {
		v.Type, v.Title = "home", nil
	}
	return v
}
