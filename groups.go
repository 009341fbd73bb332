package slack

import (
	"context"
	"iter"
	"net/url"
)

// GroupsService holds the groups.* methods, which Slack retired in February 2021 in favour of the conversations.* methods.
type GroupsService service

// Replies returns a thread of a private channel: the parent message with threadTS, then its replies,
// oldest first.
//
// Slack API: https://api.slack.com/methods/groups.replies (Tier 2, groups:history). Retried on 5xx and
// connection errors.
//
// Deprecated: Slack retired groups.replies in February 2021; use [ConversationsService.Replies].
func (s *GroupsService) Replies(ctx context.Context, channel, threadTS string) ([]Message, error) {
	return legacyReplies(ctx, s.client, "groups.replies", channel, threadTS)
}

// GroupsRenameParams are the optional arguments of Groups.Rename.
type GroupsRenameParams struct {
	// Validate makes Slack refuse an invalid name (invalid_name_specials, …) instead of changing it into
	// a valid one.
	Validate bool `url:"validate,omitempty"`
}

type groupsRenameRequest struct {
	Channel             string `url:"channel"`
	Name                string `url:"name"`
	*GroupsRenameParams `url:",omitempty"`
}

// Rename renames a private channel and returns it (Slack sends only its ID, name, creation time and
// kind).
//
// Slack API: https://api.slack.com/methods/groups.rename (Tier 2, groups:write)
//
// Deprecated: Slack retired groups.rename in February 2021; use [ConversationsService.Rename].
func (s *GroupsService) Rename(ctx context.Context, channel, name string, params *GroupsRenameParams) (*Conversation, error) {
	const method = "groups.rename"
	if err := required(method, "channel", channel, "name", name); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, groupsRenameRequest{channel, name, params})
}

// GroupsListParams are the optional arguments of Groups.List and Groups.ListAll.
type GroupsListParams struct {
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size, at most 1000 (Slack may return fewer); ListAll asks for 200 when it is 0.
	Limit int `url:"limit,omitempty"`
	// ExcludeArchived leaves out archived private channels.
	ExcludeArchived bool `url:"exclude_archived,omitempty"`
	// ExcludeMembers leaves out each private channel's Members.
	ExcludeMembers bool `url:"exclude_members,omitempty"`
}

func (p *GroupsListParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

// GroupsListResponse is one page of the private channels the token's user belongs to.
type GroupsListResponse struct {
	Groups []Conversation `json:"groups"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// List returns one page of the private channels the token's user belongs to.
//
// Slack API: https://api.slack.com/methods/groups.list (Tier 3, groups:read). Retried on 5xx and
// connection errors.
//
// Deprecated: Slack retired groups.list in February 2021; use [ConversationsService.List] with the type
// ConversationTypePrivate.
func (s *GroupsService) List(ctx context.Context, params *GroupsListParams) (*GroupsListResponse, error) {
	const method = "groups.list"
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		GroupsListResponse
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.GroupsListResponse, nil
}

// ListAll iterates over all the private channels the token's user belongs to, fetching pages of
// params.Limit (200 if 0) as the loop needs them.
//
// Slack API: https://api.slack.com/methods/groups.list (Tier 3, groups:read)
//
// Deprecated: Slack retired groups.list in February 2021; use [ConversationsService.ListAll] with the
// type ConversationTypePrivate.
func (s *GroupsService) ListAll(ctx context.Context, params *GroupsListParams) iter.Seq2[Conversation, error] {
	return pages(params, DefaultPageSize, func(p *GroupsListParams) ([]Conversation, string, error) {
		r, err := s.List(ctx, p)
		if err != nil {
			return nil, "", err
		}
		return r.Groups, r.NextCursor, nil
	})
}

// Kick removes a user from a private channel.
//
// Slack API: https://api.slack.com/methods/groups.kick (Tier 3, groups:write)
//
// Deprecated: Slack retired groups.kick in February 2021; use [ConversationsService.Kick].
func (s *GroupsService) Kick(ctx context.Context, channel, user string) error {
	const method = "groups.kick"
	if err := required(method, "channel", channel, "user", user); err != nil {
		return err
	}
	return s.client.Call(ctx, method, url.Values{"channel": {channel}, "user": {user}}, nil)
}

// Mark moves the read cursor of a private channel to the message with ts.
//
// Slack API: https://api.slack.com/methods/groups.mark (Tier 3, groups:write)
//
// Deprecated: Slack retired groups.mark in February 2021; call conversations.mark, which this package
// does not wrap, through [Client.Call].
func (s *GroupsService) Mark(ctx context.Context, channel, ts string) error {
	return legacyMark(ctx, s.client, "groups.mark", channel, ts)
}

// GroupsInfoParams are the optional arguments of Groups.Info.
type GroupsInfoParams struct {
	// IncludeLocale adds the private channel's locale.
	IncludeLocale bool `url:"include_locale,omitempty"`
}

type groupsInfoRequest struct {
	Channel           string `url:"channel"`
	*GroupsInfoParams `url:",omitempty"`
}

// Info returns a private channel.
//
// Slack API: https://api.slack.com/methods/groups.info (Tier 3, groups:read). Retried on 5xx and
// connection errors.
//
// Deprecated: Slack retired groups.info in February 2021; use [ConversationsService.Info].
func (s *GroupsService) Info(ctx context.Context, channel string, params *GroupsInfoParams) (*Conversation, error) {
	const method = "groups.info"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, groupsInfoRequest{channel, params})
}

// Leave makes the token's user leave a private channel.
//
// Slack API: https://api.slack.com/methods/groups.leave (Tier 3, groups:write)
//
// Deprecated: Slack retired groups.leave in February 2021; use [ConversationsService.Leave].
func (s *GroupsService) Leave(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "groups.leave", channel)
}

// CreateChild archives a private channel and returns a new one, with the same name and members, that
// replaces it.
//
// Slack API: https://api.slack.com/methods/groups.createChild (Tier 2, groups:write)
//
// Deprecated: Slack retired groups.createChild in February 2021, and no method does exactly what it
// did. What comes closest is [ConversationsService.Create] for a new private channel,
// [ConversationsService.Invite] for the members, then [ConversationsService.Archive] for the old one.
func (s *GroupsService) CreateChild(ctx context.Context, channel string) (*Conversation, error) {
	const method = "groups.createChild"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, url.Values{"channel": {channel}})
}

// Invite adds a user to a private channel and returns the channel. Inviting a member again succeeds.
//
// Slack API: https://api.slack.com/methods/groups.invite (Tier 3, groups:write)
//
// Deprecated: Slack retired groups.invite in February 2021; use [ConversationsService.Invite].
func (s *GroupsService) Invite(ctx context.Context, channel, user string) (*Conversation, error) {
	const method = "groups.invite"
	if err := required(method, "channel", channel, "user", user); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, url.Values{"channel": {channel}, "user": {user}})
}

// GroupsCreateParams are the optional arguments of Groups.Create.
type GroupsCreateParams struct {
	// Validate makes Slack refuse an invalid name (invalid_name_specials, …) instead of changing it into
	// a valid one.
	Validate bool `url:"validate,omitempty"`
}

type groupsCreateRequest struct {
	Name                string `url:"name"`
	*GroupsCreateParams `url:",omitempty"`
}

// Create creates a private channel, with the token's user as its only member, and returns it.
//
// Slack API: https://api.slack.com/methods/groups.create (Tier 2, groups:write)
//
// Deprecated: Slack retired groups.create in February 2021; use [ConversationsService.Create] for a
// private channel.
func (s *GroupsService) Create(ctx context.Context, name string, params *GroupsCreateParams) (*Conversation, error) {
	const method = "groups.create"
	if err := required(method, "name", name); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, groupsCreateRequest{name, params})
}

// Open opens a private channel (or a multi-person direct message, which Slack also called a group) in
// the token's user's sidebar. Opening one that is already open succeeds.
//
// Slack API: https://api.slack.com/methods/groups.open (Tier 3, groups:write)
//
// Deprecated: Slack retired groups.open in February 2021, and no method does exactly what it did. What
// comes closest is [ConversationsService.Open], which opens direct and multi-person messages but not
// private channels; a private channel's members see it without opening it.
func (s *GroupsService) Open(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "groups.open", channel)
}

// GroupsHistoryParams are the optional arguments of Groups.History and Groups.HistoryAll: the same as
// IMHistoryParams (Count, Inclusive, Latest, Oldest, Unreads), to which a value converts.
type GroupsHistoryParams IMHistoryParams

func (p *GroupsHistoryParams) pageFields() (*string, *int) { return &p.Latest, &p.Count }

// History returns one page of a private channel's messages, newest first. For the next (older) page
// when HasMore is set, call again with Latest set to the ts of the last message, or use HistoryAll.
// Given Oldest without Latest, Slack answers the messages closest to Oldest instead.
//
// Slack API: https://api.slack.com/methods/groups.history (Tier 2, groups:history). Retried on 5xx and
// connection errors.
//
// Deprecated: Slack retired groups.history in February 2021; use [ConversationsService.History].
func (s *GroupsService) History(ctx context.Context, channel string, params *GroupsHistoryParams) (*HistoryResponse, error) {
	return legacyHistory(ctx, s.client, "groups.history", channel, (*IMHistoryParams)(params))
}

// HistoryAll iterates over a private channel's messages, newest first, fetching pages of params.Count
// (200 if 0) as the loop needs them: each page ends where the previous one stopped.
//
// Slack API: https://api.slack.com/methods/groups.history (Tier 2, groups:history)
//
// Deprecated: Slack retired groups.history in February 2021; use [ConversationsService.HistoryAll].
func (s *GroupsService) HistoryAll(ctx context.Context, channel string, params *GroupsHistoryParams) iter.Seq2[Message, error] {
	return legacyHistoryAll(ctx, s.client, "groups.history", channel, (*IMHistoryParams)(params))
}

// SetTopic sets the topic of a private channel; an empty topic clears it.
//
// Slack API: https://api.slack.com/methods/groups.setTopic (Tier 2, groups:write)
//
// Deprecated: Slack retired groups.setTopic in February 2021; use [ConversationsService.SetTopic].
func (s *GroupsService) SetTopic(ctx context.Context, channel, topic string) error {
	const method = "groups.setTopic"
	if err := required(method, "channel", channel); err != nil {
		return err
	}
	return s.client.Call(ctx, method, url.Values{"channel": {channel}, "topic": {topic}}, nil)
}

// SetPurpose sets the purpose of a private channel; an empty purpose clears it.
//
// Slack API: https://api.slack.com/methods/groups.setPurpose (Tier 2, groups:write)
//
// Deprecated: Slack retired groups.setPurpose in February 2021; use [ConversationsService.SetPurpose].
func (s *GroupsService) SetPurpose(ctx context.Context, channel, purpose string) error {
	const method = "groups.setPurpose"
	if err := required(method, "channel", channel); err != nil {
		return err
	}
	return s.client.Call(ctx, method, url.Values{"channel": {channel}, "purpose": {purpose}}, nil)
}

// Unarchive unarchives a private channel.
//
// Slack API: https://api.slack.com/methods/groups.unarchive (Tier 2, groups:write)
//
// Deprecated: Slack retired groups.unarchive in February 2021; use [ConversationsService.Unarchive].
func (s *GroupsService) Unarchive(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "groups.unarchive", channel)
}

// Archive archives a private channel.
//
// Slack API: https://api.slack.com/methods/groups.archive (Tier 2, groups:write)
//
// Deprecated: Slack retired groups.archive in February 2021; use [ConversationsService.Archive].
func (s *GroupsService) Archive(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "groups.archive", channel)
}
