package slack

import (
	"context"
	"iter"
	"net/url"
)

// ReactionsService holds the reactions.* methods: emoji reactions on messages.
//
// A message is named by its conversation and its ts. The legacy forms that name a file or a file comment
// instead are not wrapped; Client.Call still reaches them.
type ReactionsService service

// Add adds the emoji reaction name (without colons: "thumbsup", or "thumbsup::skin-tone-2") to a message
// on behalf of the token's user or bot.
//
// Slack API: https://api.slack.com/methods/reactions.add (Tier 3, reactions:write)
func (s *ReactionsService) Add(ctx context.Context, channel, timestamp, name string) error {
	return s.react(ctx, "reactions.add", channel, timestamp, name)
}

// Remove removes the token's user's or bot's emoji reaction name (without colons) from a message.
//
// Slack API: https://api.slack.com/methods/reactions.remove (Tier 2, reactions:write)
func (s *ReactionsService) Remove(ctx context.Context, channel, timestamp, name string) error {
	return s.react(ctx, "reactions.remove", channel, timestamp, name)
}

// react calls reactions.add or reactions.remove.
func (s *ReactionsService) react(ctx context.Context, method, channel, timestamp, name string) error {
	if err := required(method, "channel", channel, "timestamp", timestamp, "name", name); err != nil {
		return err
	}
	form := url.Values{"channel": {channel}, "timestamp": {timestamp}, "name": {name}}
	return s.client.Call(ctx, method, form, nil)
}

// ReactionsGetParams are the optional arguments of Reactions.Get.
type ReactionsGetParams struct {
	// Full asks for every user of every reaction; without it Slack may shorten long lists of users
	// (the counts stay exact).
	Full bool `url:"full,omitempty"`
}

type reactionsGetRequest struct {
	Channel             string `url:"channel"`
	Timestamp           string `url:"timestamp"`
	*ReactionsGetParams `url:",omitempty"`
}

// ReactionsGetResponse is a message with its reactions, as Reactions.Get returns it.
type ReactionsGetResponse struct {
	// Type is the kind of item: "message".
	Type string `json:"type"`
	// Channel is the ID of the message's conversation.
	Channel string `json:"channel"`
	// Message is the message; its Reactions hold the emoji, their counts and who reacted.
	Message Message `json:"message"`
}

// Get returns a message with its reactions.
//
// Slack API: https://api.slack.com/methods/reactions.get (Tier 3, reactions:read). Retried on 5xx and
// connection errors.
func (s *ReactionsService) Get(ctx context.Context, channel, timestamp string, params *ReactionsGetParams) (*ReactionsGetResponse, error) {
	const method = "reactions.get"
	if err := required(method, "channel", channel, "timestamp", timestamp); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		ReactionsGetResponse
	}
	if err := s.client.Call(ctx, method, reactionsGetRequest{channel, timestamp, params}, &out); err != nil {
		return nil, err
	}
	return &out.ReactionsGetResponse, nil
}

// ReactedItem is an item a user reacted to, with its reactions: for the items of today's Slack a
// message (Type "message", Channel and Message set); the retired kinds "file" and "file_comment" carry
// File and Comment instead.
type ReactedItem struct {
	// Type is the kind of item: "message", or the legacy "file" or "file_comment".
	Type string `json:"type"`
	// Channel is the ID of a message's conversation.
	Channel string `json:"channel,omitempty"`
	// Message is the message reacted to, with its Reactions.
	Message Message `json:"message"`
	// File is the file of a legacy file or file-comment item.
	File File `json:"file"`
	// Comment is the comment of a legacy file-comment item.
	Comment Comment `json:"comment"`
}

// ReactionsListParams are the optional arguments of Reactions.List and Reactions.ListAll.
type ReactionsListParams struct {
	// User lists the reactions of this user instead of the token's.
	User string `url:"user,omitempty"`
	// Full asks for every user of every reaction.
	Full bool `url:"full,omitempty"`
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size, at most 1000 (Slack may return fewer); ListAll asks for 200 when it is 0.
	Limit int `url:"limit,omitempty"`
	// TeamID lists one workspace of an Enterprise Grid organization (with an org-level token).
	TeamID string `url:"team_id,omitempty"`
}

func (p *ReactionsListParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

// ReactionsListResponse is one page of the items a user reacted to, most recent first.
type ReactionsListResponse struct {
	Items []ReactedItem `json:"items"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// List returns one page of the items a user (the token's, unless params name another) reacted to,
// each with all its reactions.
//
// Slack API: https://api.slack.com/methods/reactions.list (Tier 2, reactions:read). Retried on 5xx and
// connection errors.
func (s *ReactionsService) List(ctx context.Context, params *ReactionsListParams) (*ReactionsListResponse, error) {
	const method = "reactions.list"
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		ReactionsListResponse
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.ReactionsListResponse, nil
}

// ListAll iterates over all the items a user reacted to, fetching pages of params.Limit (200 if 0) as
// the loop needs them.
//
// Slack API: https://api.slack.com/methods/reactions.list (Tier 2, reactions:read)
func (s *ReactionsService) ListAll(ctx context.Context, params *ReactionsListParams) iter.Seq2[ReactedItem, error] {
	return pages(params, DefaultPageSize, func(p *ReactionsListParams) ([]ReactedItem, string, error) {
		r, err := s.List(ctx, p)
		if err != nil {
			return nil, "", err
		}
		return r.Items, r.NextCursor, nil
	})
}
