package slack_test

import (
	"context"
	"iter"
	"time"

	"github.com/goslack/slack"
)

// The signatures of DESIGN.md's rows for reactions, pins, scheduled messages and bookmarks, checked at
// compile time.
var (
	_ func(context.Context, string, string, string) error                                                   = contract.Reactions.Add
	_ func(context.Context, string, string, string) error                                                   = contract.Reactions.Remove
	_ func(context.Context, string, string, *slack.ReactionsGetParams) (*slack.ReactionsGetResponse, error) = contract.Reactions.Get
	_ func(context.Context, *slack.ReactionsListParams) (*slack.ReactionsListResponse, error)               = contract.Reactions.List
	_ func(context.Context, *slack.ReactionsListParams) iter.Seq2[slack.ReactedItem, error]                 = contract.Reactions.ListAll

	_ func(context.Context, string, string) error               = contract.Pins.Add
	_ func(context.Context, string, string) error               = contract.Pins.Remove
	_ func(context.Context, string) ([]slack.PinnedItem, error) = contract.Pins.List

	_ func(context.Context, string, time.Time, *slack.ChatScheduleMessageParams) (*slack.ChatScheduleMessageResponse, error) = contract.Chat.ScheduleMessage
	_ func(context.Context, string, string, *slack.ChatDeleteScheduledMessageParams) error                                   = contract.Chat.DeleteScheduledMessage
	_ func(context.Context, *slack.ChatListScheduledMessagesParams) (*slack.ChatListScheduledMessagesResponse, error)        = contract.Chat.ListScheduledMessages
	_ func(context.Context, *slack.ChatListScheduledMessagesParams) iter.Seq2[slack.ScheduledMessage, error]                 = contract.Chat.ListScheduledMessagesAll

	_ func(context.Context, string, string, slack.BookmarkType, *slack.BookmarksAddParams) (*slack.Bookmark, error) = contract.Bookmarks.Add
	_ func(context.Context, string, string, *slack.BookmarksEditParams) (*slack.Bookmark, error)                    = contract.Bookmarks.Edit
	_ func(context.Context, string) ([]slack.Bookmark, error)                                                       = contract.Bookmarks.List
	_ func(context.Context, string, string, *slack.BookmarksRemoveParams) error                                     = contract.Bookmarks.Remove
)
