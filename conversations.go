package slack

import (
	"context"
	"iter"
	"net/url"
	"slices"
	"strings"
)

// ConversationsService holds the conversations.* methods.
type ConversationsService service

// conversationReply is the answer of the methods that return one conversation: as "channel", or as
// "group" for the retired groups.* methods.
type conversationReply struct {
	envelope
	Channel Conversation `json:"channel"`
	Group   Conversation `json:"group"`
}

// callConversation calls method with form and returns the conversation its answer carries.
func callConversation(ctx context.Context, c *Client, method string, form any) (*Conversation, error) {
	var out conversationReply
	if err := c.Call(ctx, method, form, &out); err != nil {
		return nil, err
	}
	if out.Channel.ID == "" && out.Group.ID != "" {
		return &out.Group, nil
	}
	return &out.Channel, nil
}

// callChannel calls a method whose only argument is a channel and whose answer carries nothing new.
func callChannel(ctx context.Context, c *Client, method, channel string) error {
	if err := required(method, "channel", channel); err != nil {
		return err
	}
	return c.Call(ctx, method, url.Values{"channel": {channel}}, nil)
}

// conversationsCheckIDs refuses a list of IDs with an empty entry or one holding a comma (the lists travel
// comma-separated), and an empty list when the list is required.
func conversationsCheckIDs(method, name string, ids []string, needed bool) error {
	if needed && len(ids) == 0 {
		return invalidArgument(method, "missing required argument %s", name)
	}
	for i, id := range ids {
		if strings.TrimSpace(id) == "" {
			return invalidArgument(method, "%s[%d] is empty", name, i)
		}
		if strings.Contains(id, ",") {
			return invalidArgument(method, "%s[%d] %q holds a comma", name, i, id)
		}
	}
	return nil
}

// Archive archives a conversation.
//
// Slack API: https://api.slack.com/methods/conversations.archive (Tier 2, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Archive(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "conversations.archive", channel)
}

// Unarchive reverses the archiving of a conversation.
//
// Slack API: https://api.slack.com/methods/conversations.unarchive (Tier 2, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Unarchive(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "conversations.unarchive", channel)
}

// Close closes a direct message or a multi-person direct message. Closing one that is already closed
// succeeds.
//
// Slack API: https://api.slack.com/methods/conversations.close (Tier 2, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Close(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "conversations.close", channel)
}

// ConversationsCreateParams are the optional arguments of Conversations.Create.
type ConversationsCreateParams struct {
	// IsPrivate creates a private channel instead of a public one.
	IsPrivate bool `url:"is_private,omitempty"`
	// UserIDs are human users (1 to 30) added to the new channel; required for workspace apps, ignored
	// for classic apps.
	UserIDs []string `url:"user_ids,comma,omitempty"`
	// TeamID creates the channel in one workspace of an Enterprise Grid organization.
	TeamID string `url:"team_id,omitempty"`
}

type conversationsCreateRequest struct {
	Name                       string `url:"name"`
	*ConversationsCreateParams `url:",omitempty"`
}

// Create creates a public or private channel and returns it. A name is at most 80 characters of lower-case
// letters, digits, hyphens and underscores.
//
// Slack API: https://api.slack.com/methods/conversations.create (Tier 2, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Create(ctx context.Context, name string, params *ConversationsCreateParams) (*Conversation, error) {
	const method = "conversations.create"
	if err := required(method, "name", name); err != nil {
		return nil, err
	}
	if params != nil {
		if err := conversationsCheckIDs(method, "UserIDs", params.UserIDs, false); err != nil {
			return nil, err
		}
	}
	return callConversation(ctx, s.client, method, conversationsCreateRequest{name, params})
}

// ConversationsInfoParams are the optional arguments of Conversations.Info.
type ConversationsInfoParams struct {
	// IncludeLocale adds the conversation's locale.
	IncludeLocale bool `url:"include_locale,omitempty"`
	// IncludeNumMembers adds the conversation's member count (NumMembers).
	IncludeNumMembers bool `url:"include_num_members,omitempty"`
}

type conversationsInfoRequest struct {
	Channel                  string `url:"channel"`
	*ConversationsInfoParams `url:",omitempty"`
}

// Info returns a conversation.
//
// Slack API: https://api.slack.com/methods/conversations.info (Tier 3, channels:read, groups:read,
// im:read, mpim:read). Retried on 5xx and connection errors.
func (s *ConversationsService) Info(ctx context.Context, channel string, params *ConversationsInfoParams) (*Conversation, error) {
	const method = "conversations.info"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, conversationsInfoRequest{channel, params})
}

// Invite adds users (up to 1000 user IDs) to a channel and returns the channel.
//
// Slack API: https://api.slack.com/methods/conversations.invite (Tier 3, channels:write, groups:write,
// im:write, mpim:write). The users travel as one comma-separated argument; an empty list, or an empty ID
// in it, is refused before anything is sent.
func (s *ConversationsService) Invite(ctx context.Context, channel string, users []string) (*Conversation, error) {
	const method = "conversations.invite"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	if err := conversationsCheckIDs(method, "users", users, true); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, url.Values{"channel": {channel}, "users": {strings.Join(users, ",")}})
}

// Join joins the token's user to a public channel and returns the channel. Joining a channel the user is
// already in succeeds, with Slack's warning "already_in_channel" (logged by the client).
//
// Slack API: https://api.slack.com/methods/conversations.join (Tier 3, channels:write)
func (s *ConversationsService) Join(ctx context.Context, channel string) (*Conversation, error) {
	const method = "conversations.join"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, url.Values{"channel": {channel}})
}

// Kick removes a user from a conversation.
//
// Slack API: https://api.slack.com/methods/conversations.kick (Tier 3, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Kick(ctx context.Context, channel, user string) error {
	const method = "conversations.kick"
	if err := required(method, "channel", channel, "user", user); err != nil {
		return err
	}
	return s.client.Call(ctx, method, url.Values{"channel": {channel}, "user": {user}}, nil)
}

// Leave removes the token's user from a conversation. Leaving a conversation the user is not in
// succeeds: Slack then answers {"ok":false,"not_in_channel":true} without an error code, which Leave
// takes as success.
//
// Slack API: https://api.slack.com/methods/conversations.leave (Tier 3, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Leave(ctx context.Context, channel string) error {
	const method = "conversations.leave"
	if err := required(method, "channel", channel); err != nil {
		return err
	}
	var out struct {
		envelope
		NotInChannel bool `json:"not_in_channel"`
	}
	err := s.client.Call(ctx, method, url.Values{"channel": {channel}}, &out)
	if err != nil && out.NotInChannel && out.Error == "" && !out.OK {
		return nil
	}
	return err
}

// ConversationsOpenParams are the arguments of Conversations.Open: Channel or Users says which
// conversation to open.
type ConversationsOpenParams struct {
	// Channel resumes an existing IM or MPIM by its ID.
	Channel string `url:"channel,omitempty"`
	// Users opens (creating it if needed) the DM with one user, or the MPIM with several (up to 8); the
	// token's user is implied.
	Users []string `url:"users,comma,omitempty"`
	// ReturnIM asks for the full conversation object instead of just its ID.
	ReturnIM bool `url:"return_im,omitempty"`
	// PreventCreation only finds an existing DM or MPIM: none is created.
	PreventCreation bool `url:"prevent_creation,omitempty"`
}

// Open opens a direct message or a multi-person direct message and returns it: for a direct message only
// its ID unless ReturnIM is set, for a multi-person one the whole object. Params must name either Channel
// or Users; otherwise the call is refused before anything is sent. Opening one that is already open
// succeeds (Slack's no_op and already_open flags are not reported).
//
// Slack API: https://api.slack.com/methods/conversations.open (Tier 3, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Open(ctx context.Context, params *ConversationsOpenParams) (*Conversation, error) {
	const method = "conversations.open"
	if params == nil || strings.TrimSpace(params.Channel) == "" && len(params.Users) == 0 {
		return nil, invalidArgument(method, "missing required argument channel or users")
	}
	if params.Channel != "" && len(params.Users) > 0 {
		return nil, invalidArgument(method, "channel and users are exclusive: set one of them")
	}
	if err := conversationsCheckIDs(method, "Users", params.Users, false); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, params)
}

// Rename renames a conversation and returns it.
//
// Slack API: https://api.slack.com/methods/conversations.rename (Tier 2, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) Rename(ctx context.Context, channel, name string) (*Conversation, error) {
	const method = "conversations.rename"
	if err := required(method, "channel", channel, "name", name); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, url.Values{"channel": {channel}, "name": {name}})
}

// SetPurpose sets a conversation's purpose and returns the conversation. An empty purpose clears it.
//
// Slack API: https://api.slack.com/methods/conversations.setPurpose (Tier 2, channels:write,
// groups:write, im:write, mpim:write)
func (s *ConversationsService) SetPurpose(ctx context.Context, channel, purpose string) (*Conversation, error) {
	const method = "conversations.setPurpose"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, url.Values{"channel": {channel}, "purpose": {purpose}})
}

// SetTopic sets a conversation's topic (plain text: no formatting or links) and returns the
// conversation. An empty topic clears it.
//
// Slack API: https://api.slack.com/methods/conversations.setTopic (Tier 2, channels:write, groups:write,
// im:write, mpim:write)
func (s *ConversationsService) SetTopic(ctx context.Context, channel, topic string) (*Conversation, error) {
	const method = "conversations.setTopic"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, url.Values{"channel": {channel}, "topic": {topic}})
}

// ConversationsListParams are the optional arguments of Conversations.List and Conversations.ListAll.
type ConversationsListParams struct {
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// ExcludeArchived leaves out archived conversations.
	ExcludeArchived bool `url:"exclude_archived,omitempty"`
	// Limit is the page size, at most 1000 (Slack may return fewer); ListAll asks for 200 when it is 0.
	Limit int `url:"limit,omitempty"`
	// TeamID lists one workspace of an Enterprise Grid organization.
	TeamID string `url:"team_id,omitempty"`
	// Types are the kinds of conversation to list (ConversationTypePublic, …); empty means public
	// channels only.
	Types []string `url:"types,comma,omitempty"`
}

func (p *ConversationsListParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

// ConversationsListResponse is one page of a workspace's conversations.
type ConversationsListResponse struct {
	Channels []Conversation `json:"channels"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// List returns one page of a workspace's conversations.
//
// Slack API: https://api.slack.com/methods/conversations.list (Tier 2, channels:read, groups:read,
// im:read, mpim:read). Retried on 5xx and connection errors.
func (s *ConversationsService) List(ctx context.Context, params *ConversationsListParams) (*ConversationsListResponse, error) {
	const method = "conversations.list"
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
		if err := conversationsCheckIDs(method, "Types", params.Types, false); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		ConversationsListResponse
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.ConversationsListResponse, nil
}

// ListAll iterates over all of a workspace's conversations, fetching pages of params.Limit (200 if 0) as
// the loop needs them.
//
// Slack API: https://api.slack.com/methods/conversations.list (Tier 2, channels:read, groups:read,
// im:read, mpim:read)
func (s *ConversationsService) ListAll(ctx context.Context, params *ConversationsListParams) iter.Seq2[Conversation, error] {
	return pages(params, DefaultPageSize, func(p *ConversationsListParams) ([]Conversation, string, error) {
		r, err := s.List(ctx, p)
		if err != nil {
			return nil, "", err
		}
		return r.Channels, r.NextCursor, nil
	})
}

// ConversationsMembersParams are the optional arguments of Conversations.Members and
// Conversations.MembersAll.
type ConversationsMembersParams struct {
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size, at most 1000 (Slack may return fewer); MembersAll asks for 200 when it is 0.
	Limit int `url:"limit,omitempty"`
}

func (p *ConversationsMembersParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

type conversationsMembersRequest struct {
	Channel                     string `url:"channel"`
	*ConversationsMembersParams `url:",omitempty"`
}

// ConversationsMembersResponse is one page of the user IDs of a conversation's members.
type ConversationsMembersResponse struct {
	Members []string `json:"members"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// Members returns one page of the user IDs of a conversation's members.
//
// Slack API: https://api.slack.com/methods/conversations.members (Tier 4, channels:read, groups:read,
// im:read, mpim:read). Retried on 5xx and connection errors.
func (s *ConversationsService) Members(ctx context.Context, channel string, params *ConversationsMembersParams) (*ConversationsMembersResponse, error) {
	const method = "conversations.members"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		ConversationsMembersResponse
	}
	if err := s.client.Call(ctx, method, conversationsMembersRequest{channel, params}, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.ConversationsMembersResponse, nil
}

// MembersAll iterates over the user IDs of all of a conversation's members, fetching pages of
// params.Limit (200 if 0) as the loop needs them.
//
// Slack API: https://api.slack.com/methods/conversations.members (Tier 4, channels:read, groups:read,
// im:read, mpim:read)
func (s *ConversationsService) MembersAll(ctx context.Context, channel string, params *ConversationsMembersParams) iter.Seq2[string, error] {
	return pages(params, DefaultPageSize, func(p *ConversationsMembersParams) ([]string, string, error) {
		r, err := s.Members(ctx, channel, p)
		if err != nil {
			return nil, "", err
		}
		return r.Members, r.NextCursor, nil
	})
}

// ConversationsHistoryParams are the optional arguments of Conversations.History and
// Conversations.HistoryAll.
type ConversationsHistoryParams struct {
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Inclusive includes the messages whose ts is exactly Latest or Oldest.
	Inclusive bool `url:"inclusive,omitempty"`
	// Latest is the ts of the end of the window (default: now).
	Latest string `url:"latest,omitempty"`
	// Limit is the page size, at most 1000 (15 under WithNonMarketplaceLimits; Slack may return fewer);
	// HistoryAll asks for 200 (15) when it is 0.
	Limit int `url:"limit,omitempty"`
	// Oldest is the ts of the start of the window (default: the beginning).
	Oldest string `url:"oldest,omitempty"`
	// IncludeAllMetadata adds the messages' metadata.
	IncludeAllMetadata bool `url:"include_all_metadata,omitempty"`
}

func (p *ConversationsHistoryParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

type conversationsHistoryRequest struct {
	Channel                     string `url:"channel"`
	*ConversationsHistoryParams `url:",omitempty"`
}

// History returns one page of a conversation's messages, newest first. Thread replies are not included
// (except those also sent to the channel); read a thread with Replies.
//
// Slack API: https://api.slack.com/methods/conversations.history (Tier 3, channels:history,
// groups:history, im:history, mpim:history). Retried on 5xx and connection errors.
//
// For a commercially distributed app that is not approved for the Slack Marketplace, Slack limits this
// method to 1 call a minute with pages of at most 15 messages (new apps and installations since 29 May
// 2025, existing installations since 3 March 2026; internal and Marketplace apps keep Tier 3). Tell the
// client with WithNonMarketplaceLimits: it then paces the method at 1 a minute and refuses a Limit above
// 15 with ErrInvalidArguments.
func (s *ConversationsService) History(ctx context.Context, channel string, params *ConversationsHistoryParams) (*HistoryResponse, error) {
	const method = "conversations.history"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	if params != nil {
		if err := s.client.checkHistoryLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		HistoryResponse
	}
	if err := s.client.Call(ctx, method, conversationsHistoryRequest{channel, params}, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.HistoryResponse, nil
}

// HistoryAll iterates over a conversation's messages, newest first, fetching pages of params.Limit (200 if
// 0) as the loop needs them.
//
// Slack API: https://api.slack.com/methods/conversations.history (Tier 3, channels:history,
// groups:history, im:history, mpim:history)
//
// Under WithNonMarketplaceLimits (apps outside the Slack Marketplace, see History) it asks for pages of 15,
// at 1 page a minute.
func (s *ConversationsService) HistoryAll(ctx context.Context, channel string, params *ConversationsHistoryParams) iter.Seq2[Message, error] {
	return pages(params, s.client.pageSize("conversations.history"), func(p *ConversationsHistoryParams) ([]Message, string, error) {
		r, err := s.History(ctx, channel, p)
		if err != nil {
			return nil, "", err
		}
		return r.Messages, r.NextCursor, nil
	})
}

// ConversationsRepliesParams are the optional arguments of Conversations.Replies and
// Conversations.RepliesAll.
type ConversationsRepliesParams struct {
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Inclusive includes the messages whose ts is exactly Latest or Oldest.
	Inclusive bool `url:"inclusive,omitempty"`
	// Latest is the ts of the end of the window (default: now).
	Latest string `url:"latest,omitempty"`
	// Limit is the page size, at most 1000 (15 under WithNonMarketplaceLimits; Slack may return fewer);
	// RepliesAll asks for 200 (15) when it is 0.
	Limit int `url:"limit,omitempty"`
	// Oldest is the ts of the start of the window (default: the beginning).
	Oldest string `url:"oldest,omitempty"`
	// IncludeAllMetadata adds the messages' metadata.
	IncludeAllMetadata bool `url:"include_all_metadata,omitempty"`
}

func (p *ConversationsRepliesParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

type conversationsRepliesRequest struct {
	Channel                     string `url:"channel"`
	TS                          string `url:"ts"`
	*ConversationsRepliesParams `url:",omitempty"`
}

// RepliesResponse is one page of a thread: the parent message first, then the replies, oldest first.
type RepliesResponse struct {
	Messages []Message `json:"messages"`
	// HasMore reports whether more messages remain in the requested window.
	HasMore bool `json:"has_more"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// Replies returns one page of the thread whose parent message has ts: the parent first, then the
// replies, oldest first.
//
// Slack API: https://api.slack.com/methods/conversations.replies (Tier 3, channels:history,
// groups:history, im:history, mpim:history). Retried on 5xx and connection errors.
//
// For a commercially distributed app that is not approved for the Slack Marketplace, Slack limits this
// method to 1 call a minute with pages of at most 15 messages (new apps and installations since 29 May
// 2025, existing installations since 3 March 2026; internal and Marketplace apps keep Tier 3). Tell the
// client with WithNonMarketplaceLimits: it then paces the method at 1 a minute and refuses a Limit above
// 15 with ErrInvalidArguments.
func (s *ConversationsService) Replies(ctx context.Context, channel, ts string, params *ConversationsRepliesParams) (*RepliesResponse, error) {
	const method = "conversations.replies"
	if err := required(method, "channel", channel, "ts", ts); err != nil {
		return nil, err
	}
	if params != nil {
		if err := s.client.checkHistoryLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		RepliesResponse
	}
	if err := s.client.Call(ctx, method, conversationsRepliesRequest{channel, ts, params}, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.RepliesResponse, nil
}

// RepliesAll iterates over the thread whose parent message has ts: the parent first, then the replies,
// oldest first, fetching pages of params.Limit (200 if 0) as the loop needs them. The parent is yielded
// once, even if Slack repeats it at the top of later pages.
//
// Slack API: https://api.slack.com/methods/conversations.replies (Tier 3, channels:history,
// groups:history, im:history, mpim:history)
//
// Under WithNonMarketplaceLimits (apps outside the Slack Marketplace, see Replies) it asks for pages of 15,
// at 1 page a minute.
func (s *ConversationsService) RepliesAll(ctx context.Context, channel, ts string, params *ConversationsRepliesParams) iter.Seq2[Message, error] {
	var first string
	if params != nil {
		first = params.Cursor
	}
	return pages(params, s.client.pageSize("conversations.replies"), func(p *ConversationsRepliesParams) ([]Message, string, error) {
		r, err := s.Replies(ctx, channel, ts, p)
		if err != nil {
			return nil, "", err
		}
		msgs := r.Messages
		if p.Cursor != first {
			// A later page: the parent (whose thread_ts is its own ts), if Slack repeats it, was yielded
			// with the first. ts may name any message of the thread, so it does not identify the parent.
			msgs = slices.DeleteFunc(slices.Clone(msgs), func(m Message) bool { return m.ThreadTS == m.TS })
		}
		return msgs, r.NextCursor, nil
	})
}
