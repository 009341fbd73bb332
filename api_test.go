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

	_ func(context.Context, string) error                                                                           = contract.Conversations.Close
	_ func(context.Context, string) (*slack.Conversation, error)                                                    = contract.Conversations.Join
	_ func(context.Context, string, *slack.ConversationsCreateParams) (*slack.Conversation, error)                  = contract.Conversations.Create
	_ func(context.Context, string) error                                                                           = contract.Conversations.Unarchive
	_ func(context.Context, *slack.ConversationsListParams) (*slack.ConversationsListResponse, error)               = contract.Conversations.List
	_ func(context.Context, *slack.ConversationsListParams) iter.Seq2[slack.Conversation, error]                    = contract.Conversations.ListAll
	_ func(context.Context, string, string) (*slack.Conversation, error)                                            = contract.Conversations.SetTopic
	_ func(context.Context, string, *slack.ConversationsMembersParams) (*slack.ConversationsMembersResponse, error) = contract.Conversations.Members
	_ func(context.Context, string, *slack.ConversationsMembersParams) iter.Seq2[string, error]                     = contract.Conversations.MembersAll
	_ func(context.Context, *slack.ConversationsOpenParams) (*slack.Conversation, error)                            = contract.Conversations.Open
	_ func(context.Context, string) error                                                                           = contract.Conversations.Leave
	_ func(context.Context, string, string) error                                                                   = contract.Conversations.Kick
	_ func(context.Context, string, string) (*slack.Conversation, error)                                            = contract.Conversations.Rename
	_ func(context.Context, string, *slack.ConversationsHistoryParams) (*slack.HistoryResponse, error)              = contract.Conversations.History
	_ func(context.Context, string, *slack.ConversationsHistoryParams) iter.Seq2[slack.Message, error]              = contract.Conversations.HistoryAll
	_ func(context.Context, string, string) (*slack.Conversation, error)                                            = contract.Conversations.SetPurpose
	_ func(context.Context, string, *slack.ConversationsInfoParams) (*slack.Conversation, error)                    = contract.Conversations.Info
	_ func(context.Context, string, []string) (*slack.Conversation, error)                                          = contract.Conversations.Invite
	_ func(context.Context, string) error                                                                           = contract.Conversations.Archive
	_ func(context.Context, string, string, *slack.ConversationsRepliesParams) (*slack.RepliesResponse, error)      = contract.Conversations.Replies
	_ func(context.Context, string, string, *slack.ConversationsRepliesParams) iter.Seq2[slack.Message, error]      = contract.Conversations.RepliesAll

	_ func(context.Context, string) error                                                   = contract.IM.Close
	_ func(context.Context, string, *slack.IMOpenParams) (*slack.Conversation, error)       = contract.IM.Open
	_ func(context.Context, string, string) error                                           = contract.IM.Mark
	_ func(context.Context, string, *slack.IMHistoryParams) (*slack.HistoryResponse, error) = contract.IM.History
	_ func(context.Context, string, *slack.IMHistoryParams) iter.Seq2[slack.Message, error] = contract.IM.HistoryAll
	_ func(context.Context, string, string) ([]slack.Message, error)                        = contract.IM.Replies
	_ func(context.Context, *slack.IMListParams) (*slack.IMListResponse, error)             = contract.IM.List
	_ func(context.Context, *slack.IMListParams) iter.Seq2[slack.Conversation, error]       = contract.IM.ListAll

	_ func(context.Context, string, string) ([]slack.Message, error)                                = contract.Groups.Replies
	_ func(context.Context, string, string, *slack.GroupsRenameParams) (*slack.Conversation, error) = contract.Groups.Rename
	_ func(context.Context, *slack.GroupsListParams) (*slack.GroupsListResponse, error)             = contract.Groups.List
	_ func(context.Context, *slack.GroupsListParams) iter.Seq2[slack.Conversation, error]           = contract.Groups.ListAll
	_ func(context.Context, string, string) error                                                   = contract.Groups.Kick
	_ func(context.Context, string, string) error                                                   = contract.Groups.Mark
	_ func(context.Context, string, *slack.GroupsInfoParams) (*slack.Conversation, error)           = contract.Groups.Info
	_ func(context.Context, string) error                                                           = contract.Groups.Leave
	_ func(context.Context, string) (*slack.Conversation, error)                                    = contract.Groups.CreateChild
	_ func(context.Context, string, string) (*slack.Conversation, error)                            = contract.Groups.Invite
	_ func(context.Context, string, *slack.GroupsCreateParams) (*slack.Conversation, error)         = contract.Groups.Create
	_ func(context.Context, string) error                                                           = contract.Groups.Open
	_ func(context.Context, string, *slack.GroupsHistoryParams) (*slack.HistoryResponse, error)     = contract.Groups.History
	_ func(context.Context, string, *slack.GroupsHistoryParams) iter.Seq2[slack.Message, error]     = contract.Groups.HistoryAll
	_ func(context.Context, string, string) error                                                   = contract.Groups.SetTopic
	_ func(context.Context, string, string) error                                                   = contract.Groups.SetPurpose
	_ func(context.Context, string) error                                                           = contract.Groups.Unarchive
	_ func(context.Context, string) error                                                           = contract.Groups.Archive

	_ func(context.Context, string, string) (*slack.Comment, error)         = contract.Files.AddComment
	_ func(context.Context, string, string, string) (*slack.Comment, error) = contract.Files.EditComment
	_ func(context.Context, string, string) error                           = contract.Files.DeleteComment

	_ func(context.Context, string) (*slack.Bot, error) = contract.Bots.Info
)
