package slack_test

import (
	"context"
	"io"
	"iter"

	"github.com/goslack/slack"
)

// The signatures of ../shared/DESIGN.md's method table, checked at compile time: a method whose signature
// drifts from the design stops this file from compiling.
var (
	contract = new(slack.Client)

	_ func(context.Context) (*slack.AuthTestResponse, error) = contract.Auth.Test

	_ func(context.Context, string, *slack.ChatPostMessageParams) (*slack.ChatPostMessageResponse, error) = contract.Chat.PostMessage
	_ func(context.Context, string, string) (*slack.ChatMeMessageResponse, error)                         = contract.Chat.MeMessage
	_ func(context.Context, string, string) (string, error)                                               = contract.Chat.GetPermalink
	_ func(context.Context, string, string, *slack.ChatDeleteParams) error                                = contract.Chat.Delete
	_ func(context.Context, string, string, map[string]slack.Attachment, *slack.ChatUnfurlParams) error   = contract.Chat.Unfurl
	_ func(context.Context, string, string, *slack.ChatPostEphemeralParams) (string, error)               = contract.Chat.PostEphemeral
	_ func(context.Context, string, string, *slack.ChatUpdateParams) (*slack.ChatUpdateResponse, error)   = contract.Chat.Update

	_ func(context.Context, *slack.UsersSetProfileParams) (*slack.UserProfile, error)                   = contract.Users.SetProfile
	_ func(context.Context, *slack.UsersGetProfileParams) (*slack.UserProfile, error)                   = contract.Users.GetProfile
	_ func(context.Context, slack.Presence) error                                                       = contract.Users.SetPresence
	_ func(context.Context, string, *slack.UsersInfoParams) (*slack.User, error)                        = contract.Users.Info
	_ func(context.Context, string) (*slack.User, error)                                                = contract.Users.LookupByEmail
	_ func(context.Context, *slack.UsersGetPresenceParams) (*slack.UserPresence, error)                 = contract.Users.GetPresence
	_ func(context.Context) error                                                                       = contract.Users.DeletePhoto
	_ func(context.Context, io.Reader, *slack.UsersSetPhotoParams) error                                = contract.Users.SetPhoto
	_ func(context.Context) (*slack.UsersIdentityResponse, error)                                       = contract.Users.Identity
	_ func(context.Context, *slack.UsersListParams) (*slack.UsersListResponse, error)                   = contract.Users.List
	_ func(context.Context, *slack.UsersListParams) iter.Seq2[slack.User, error]                        = contract.Users.ListAll
	_ func(context.Context) error                                                                       = contract.Users.SetActive
	_ func(context.Context, *slack.UsersConversationsParams) (*slack.UsersConversationsResponse, error) = contract.Users.Conversations
	_ func(context.Context, *slack.UsersConversationsParams) iter.Seq2[slack.Conversation, error]       = contract.Users.ConversationsAll
)
