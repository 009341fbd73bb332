package slack

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ChatService holds the chat.* methods: posting, updating and deleting messages.
type ChatService service

// ChatPostMessageParams are the arguments of Chat.PostMessage besides the conversation. A message needs at
// least one of Text (not blank), Blocks and Attachments; with Blocks or Attachments, Text is the
// notification fallback.
type ChatPostMessageParams struct {
	// Text is the message, in Slack's mrkdwn unless Mrkdwn is false.
	Text string `url:"text,omitempty"`
	// Blocks is the message's Block Kit layout.
	Blocks Blocks `url:"blocks,omitempty"`
	// Attachments are legacy secondary attachments.
	Attachments Attachments `url:"attachments,omitempty"`
	// ThreadTS makes the message a reply in the thread of the message with that ts.
	ThreadTS string `url:"thread_ts,omitempty"`
	// ReplyBroadcast also shows a thread reply in the channel.
	ReplyBroadcast bool `url:"reply_broadcast,omitempty"`
	// AsUser posts as the token's user instead of as a bot (classic apps only).
	AsUser bool `url:"as_user,omitempty"`
	// Username, IconEmoji and IconURL set the bot's name and icon for this message.
	Username  string `url:"username,omitempty"`
	IconEmoji string `url:"icon_emoji,omitempty"`
	IconURL   string `url:"icon_url,omitempty"`
	// LinkNames links channel names and usernames.
	LinkNames bool `url:"link_names,omitempty"`
	// Parse is "full" or "none" (the default).
	Parse string `url:"parse,omitempty"`
	// Mrkdwn, when false, turns off mrkdwn formatting of Text. Nil leaves Slack's default (on).
	Mrkdwn *bool `url:"mrkdwn,omitempty"`
	// UnfurlLinks and UnfurlMedia turn link and media previews on or off. Nil leaves Slack's defaults.
	UnfurlLinks *bool `url:"unfurl_links,omitempty"`
	UnfurlMedia *bool `url:"unfurl_media,omitempty"`
}

// ChatPostMessageResponse is a posted message.
type ChatPostMessageResponse struct {
	// Channel is the ID of the conversation the message went to.
	Channel string `json:"channel"`
	// TS identifies the message; pass it to Chat.Update, Chat.Delete or ThreadTS.
	TS string `json:"ts"`
	// Message is the message as Slack stored it.
	Message Message `json:"message"`
}

type chatPostMessageRequest struct {
	Channel                string `url:"channel"`
	*ChatPostMessageParams `url:",omitempty"`
}

// PostMessage posts a message to a conversation (a channel ID, a user ID for a DM, or a channel name).
// Params must hold a Text that is not blank, Blocks or Attachments; otherwise the call is refused before
// anything is sent.
//
// Slack API: https://api.slack.com/methods/chat.postMessage (Special: about 1 per second per channel;
// chat:write). A failed post is never retried after it may have reached Slack (only after a 429), so a
// message is not posted twice.
func (s *ChatService) PostMessage(ctx context.Context, channel string, params *ChatPostMessageParams) (*ChatPostMessageResponse, error) {
	const method = "chat.postMessage"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	if params == nil || !hasContent(params.Text, params.Blocks, params.Attachments) {
		return nil, noContent(method)
	}
	if err := validateMessage(method, params.Blocks, params.Attachments); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		ChatPostMessageResponse
	}
	if err := s.client.Call(ctx, method, chatPostMessageRequest{channel, params}, &out); err != nil {
		return nil, err
	}
	return &out.ChatPostMessageResponse, nil
}

// hasContent reports whether a message has something to show: a text that is not blank, blocks or
// attachments.
func hasContent(text string, blocks Blocks, attachments Attachments) bool {
	return strings.TrimSpace(text) != "" || len(blocks) > 0 || len(attachments) > 0
}

// noContent is the error for a message that would have nothing to show.
func noContent(method string) error {
	return invalidArgument(method, "missing required argument text (or blocks or attachments)")
}

// ChatMeMessageResponse is a posted /me message.
type ChatMeMessageResponse struct {
	Channel string `json:"channel"`
	TS      string `json:"ts"`
}

// MeMessage posts a /me message ("_waves_") to a conversation.
//
// Slack API: https://api.slack.com/methods/chat.meMessage (Tier 3, chat:write)
func (s *ChatService) MeMessage(ctx context.Context, channel, text string) (*ChatMeMessageResponse, error) {
	const method = "chat.meMessage"
	if err := required(method, "channel", channel, "text", text); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		ChatMeMessageResponse
	}
	if err := s.client.Call(ctx, method, url.Values{"channel": {channel}, "text": {text}}, &out); err != nil {
		return nil, err
	}
	return &out.ChatMeMessageResponse, nil
}

// GetPermalink returns the permanent URL of a message.
//
// Slack API: https://api.slack.com/methods/chat.getPermalink (Special: hundreds per minute; no scope)
func (s *ChatService) GetPermalink(ctx context.Context, channel, messageTS string) (string, error) {
	const method = "chat.getPermalink"
	if err := required(method, "channel", channel, "messageTS", messageTS); err != nil {
		return "", err
	}
	var out struct {
		envelope
		Permalink string `json:"permalink"`
	}
	if err := s.client.Call(ctx, method, url.Values{"channel": {channel}, "message_ts": {messageTS}}, &out); err != nil {
		return "", err
	}
	return out.Permalink, nil
}

// ChatDeleteParams are the optional arguments of Chat.Delete.
type ChatDeleteParams struct {
	// AsUser deletes the message as the token's user (classic apps only).
	AsUser bool `url:"as_user,omitempty"`
}

type chatDeleteRequest struct {
	Channel           string `url:"channel"`
	TS                string `url:"ts"`
	*ChatDeleteParams `url:",omitempty"`
}

// Delete deletes a message.
//
// Slack API: https://api.slack.com/methods/chat.delete (Tier 3, chat:write)
func (s *ChatService) Delete(ctx context.Context, channel, ts string, params *ChatDeleteParams) error {
	const method = "chat.delete"
	if err := required(method, "channel", channel, "ts", ts); err != nil {
		return err
	}
	return s.client.Call(ctx, method, chatDeleteRequest{channel, ts, params}, nil)
}

// ChatUnfurlParams are the optional arguments of Chat.Unfurl.
type ChatUnfurlParams struct {
	// UserAuthRequired asks the user to authenticate with the app to see the unfurl.
	UserAuthRequired bool `url:"user_auth_required,omitempty"`
	// UserAuthMessage is the invitation shown to the user (mrkdwn).
	UserAuthMessage string `url:"user_auth_message,omitempty"`
	// UserAuthURL is where the user authenticates, instead of the app's default.
	UserAuthURL string `url:"user_auth_url,omitempty"`
	// UserAuthBlocks is a Block Kit invitation, instead of UserAuthMessage.
	UserAuthBlocks Blocks `url:"user_auth_blocks,omitempty"`
}

// unfurlMap is the unfurls argument, sent as one JSON-valued form field.
type unfurlMap map[string]Attachment

// EncodeValues sends the unfurls as the JSON-valued form field key.
func (u unfurlMap) EncodeValues(key string, form *url.Values) error { return setJSON(key, u, form) }

type chatUnfurlRequest struct {
	Channel           string    `url:"channel"`
	TS                string    `url:"ts"`
	Unfurls           unfurlMap `url:"unfurls"`
	*ChatUnfurlParams `url:",omitempty"`
}

// Unfurl gives the links of a message custom previews: unfurls maps each URL in the message to the
// attachment shown for it.
//
// Slack API: https://api.slack.com/methods/chat.unfurl (Tier 3, links:write)
func (s *ChatService) Unfurl(ctx context.Context, channel, ts string, unfurls map[string]Attachment, params *ChatUnfurlParams) error {
	const method = "chat.unfurl"
	if err := required(method, "channel", channel, "ts", ts); err != nil {
		return err
	}
	if len(unfurls) == 0 {
		return invalidArgument(method, "missing required argument unfurls")
	}
	if err := validateUnfurl(method, unfurls, params); err != nil {
		return err
	}
	return s.client.Call(ctx, method, chatUnfurlRequest{channel, ts, unfurls, params}, nil)
}

// ChatPostEphemeralParams are the arguments of Chat.PostEphemeral besides the conversation and the user.
// A message needs at least one of Text (not blank), Blocks and Attachments.
type ChatPostEphemeralParams struct {
	// Text is the message; with Blocks or Attachments it is the notification fallback.
	Text string `url:"text,omitempty"`
	// Blocks is the message's Block Kit layout.
	Blocks Blocks `url:"blocks,omitempty"`
	// Attachments are legacy secondary attachments.
	Attachments Attachments `url:"attachments,omitempty"`
	// ThreadTS shows the message in the thread of the message with that ts.
	ThreadTS string `url:"thread_ts,omitempty"`
	// AsUser posts as the token's user (classic apps only).
	AsUser bool `url:"as_user,omitempty"`
	// Username, IconEmoji and IconURL set the bot's name and icon for this message.
	Username  string `url:"username,omitempty"`
	IconEmoji string `url:"icon_emoji,omitempty"`
	IconURL   string `url:"icon_url,omitempty"`
	// LinkNames links channel names and usernames.
	LinkNames bool `url:"link_names,omitempty"`
	// Parse is "full" or "none" (the default).
	Parse string `url:"parse,omitempty"`
}

type chatPostEphemeralRequest struct {
	Channel                  string `url:"channel"`
	User                     string `url:"user"`
	*ChatPostEphemeralParams `url:",omitempty"`
}

// PostEphemeral shows a message to one user of a conversation, visible to them alone and only until they
// reload. It returns the message's ts. Params must hold a Text that is not blank, Blocks or Attachments;
// otherwise the call is refused before anything is sent.
//
// Slack API: https://api.slack.com/methods/chat.postEphemeral (Tier 4, chat:write)
func (s *ChatService) PostEphemeral(ctx context.Context, channel, user string, params *ChatPostEphemeralParams) (string, error) {
	const method = "chat.postEphemeral"
	if err := required(method, "channel", channel, "user", user); err != nil {
		return "", err
	}
	if params == nil || !hasContent(params.Text, params.Blocks, params.Attachments) {
		return "", noContent(method)
	}
	if err := validateMessage(method, params.Blocks, params.Attachments); err != nil {
		return "", err
	}
	var out struct {
		envelope
		MessageTS string `json:"message_ts"`
	}
	if err := s.client.Call(ctx, method, chatPostEphemeralRequest{channel, user, params}, &out); err != nil {
		return "", err
	}
	return out.MessageTS, nil
}

// ChatUpdateParams are the arguments of Chat.Update besides the message: the parts of the message to
// change. The message must keep something to show: Text (not blank), Blocks or Attachments.
type ChatUpdateParams struct {
	// Text is the new text.
	Text string `url:"text,omitempty"`
	// Blocks replaces the message's blocks. Nil keeps them; an empty, non-nil Blocks{} removes them.
	Blocks Blocks `url:"blocks"`
	// Attachments replaces the message's attachments. Nil keeps them; an empty, non-nil Attachments{}
	// removes them.
	Attachments Attachments `url:"attachments"`
	// ReplyBroadcast also shows an updated thread reply in the channel.
	ReplyBroadcast bool `url:"reply_broadcast,omitempty"`
	// AsUser updates the message as the token's user (classic apps only).
	AsUser bool `url:"as_user,omitempty"`
	// LinkNames links channel names and usernames.
	LinkNames bool `url:"link_names,omitempty"`
	// Parse is "full" or "none" (the default).
	Parse string `url:"parse,omitempty"`
}

// ChatUpdateResponse is an updated message.
type ChatUpdateResponse struct {
	Channel string  `json:"channel"`
	TS      string  `json:"ts"`
	Text    string  `json:"text"`
	Message Message `json:"message"`
}

type chatUpdateRequest struct {
	Channel           string `url:"channel"`
	TS                string `url:"ts"`
	*ChatUpdateParams `url:",omitempty"`
}

// Update changes a message the token's user posted. Params must hold a Text that is not blank, Blocks or
// Attachments; otherwise the call is refused before anything is sent.
//
// Slack API: https://api.slack.com/methods/chat.update (Tier 3, chat:write)
func (s *ChatService) Update(ctx context.Context, channel, ts string, params *ChatUpdateParams) (*ChatUpdateResponse, error) {
	const method = "chat.update"
	if err := required(method, "channel", channel, "ts", ts); err != nil {
		return nil, err
	}
	if params == nil || !hasContent(params.Text, params.Blocks, params.Attachments) {
		return nil, noContent(method)
	}
	if err := validateMessage(method, params.Blocks, params.Attachments); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		ChatUpdateResponse
	}
	if err := s.client.Call(ctx, method, chatUpdateRequest{channel, ts, params}, &out); err != nil {
		return nil, err
	}
	return &out.ChatUpdateResponse, nil
}

// maxScheduleAhead is how far ahead chat.scheduleMessage may schedule a message: 120 days.
const maxScheduleAhead = 120 * 24 * time.Hour

// ChatScheduleMessageParams are the arguments of Chat.ScheduleMessage besides the conversation and the
// time. A message needs at least one of Text (not blank), Blocks and Attachments; with Blocks or
// Attachments, Text is the notification fallback.
type ChatScheduleMessageParams struct {
	// Text is the message, in Slack's mrkdwn.
	Text string `url:"text,omitempty"`
	// Blocks is the message's Block Kit layout.
	Blocks Blocks `url:"blocks,omitempty"`
	// Attachments are legacy secondary attachments.
	Attachments Attachments `url:"attachments,omitempty"`
	// ThreadTS makes the message a reply in the thread of the message with that ts.
	ThreadTS string `url:"thread_ts,omitempty"`
	// ReplyBroadcast also shows a thread reply in the channel.
	ReplyBroadcast bool `url:"reply_broadcast,omitempty"`
	// AsUser schedules the message as the token's user (classic apps only).
	AsUser bool `url:"as_user,omitempty"`
	// LinkNames links channel names and usernames.
	LinkNames bool `url:"link_names,omitempty"`
	// Parse is "full" or "none" (the default).
	Parse string `url:"parse,omitempty"`
	// UnfurlLinks and UnfurlMedia turn link and media previews on or off. Nil leaves Slack's defaults.
	UnfurlLinks *bool `url:"unfurl_links,omitempty"`
	UnfurlMedia *bool `url:"unfurl_media,omitempty"`
}

// ChatScheduleMessageResponse is a scheduled message.
type ChatScheduleMessageResponse struct {
	// Channel is the ID of the conversation the message will be posted to.
	Channel string `json:"channel"`
	// ScheduledMessageID identifies the scheduled message ("Q1298393284"); pass it to
	// Chat.DeleteScheduledMessage to cancel it.
	ScheduledMessageID string `json:"scheduled_message_id"`
	// PostAt is when Slack will post the message, to the second.
	PostAt Time `json:"post_at"`
	// Message is the message as it will be posted (of type "delayed_message" until then).
	Message Message `json:"message"`
}

type chatScheduleMessageRequest struct {
	Channel                    string `url:"channel"`
	PostAt                     int64  `url:"post_at"`
	*ChatScheduleMessageParams `url:",omitempty"`
}

// ScheduleMessage schedules a message to be posted to a conversation at postAt, which must lie in the
// future and at most 120 days ahead; Slack keeps it to the second. Params must hold a Text that is not
// blank, Blocks or Attachments. A postAt out of range, or a message with nothing to show, is refused
// before anything is sent.
//
// Slack API: https://api.slack.com/methods/chat.scheduleMessage (Tier 3, chat:write). Not retried after
// it may have reached Slack (only after a 429), so a message is not scheduled twice.
func (s *ChatService) ScheduleMessage(ctx context.Context, channel string, postAt time.Time, params *ChatScheduleMessageParams) (*ChatScheduleMessageResponse, error) {
	const method = "chat.scheduleMessage"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	now := time.Now()
	switch {
	case postAt.IsZero():
		return nil, invalidArgument(method, "missing required argument postAt")
	case postAt.Unix() <= now.Unix():
		return nil, invalidArgument(method, "postAt %s is not in the future", postAt.UTC().Format(time.RFC3339))
	case postAt.After(now.Add(maxScheduleAhead)):
		return nil, invalidArgument(method, "postAt %s is more than 120 days ahead", postAt.UTC().Format(time.RFC3339))
	}
	if params == nil || !hasContent(params.Text, params.Blocks, params.Attachments) {
		return nil, noContent(method)
	}
	if err := validateMessage(method, params.Blocks, params.Attachments); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		ChatScheduleMessageResponse
	}
	if err := s.client.Call(ctx, method, chatScheduleMessageRequest{channel, postAt.Unix(), params}, &out); err != nil {
		return nil, err
	}
	return &out.ChatScheduleMessageResponse, nil
}

// ChatDeleteScheduledMessageParams are the optional arguments of Chat.DeleteScheduledMessage.
type ChatDeleteScheduledMessageParams struct {
	// AsUser deletes the message as the token's user (classic apps only).
	AsUser bool `url:"as_user,omitempty"`
}

type chatDeleteScheduledMessageRequest struct {
	Channel                           string `url:"channel"`
	ScheduledMessageID                string `url:"scheduled_message_id"`
	*ChatDeleteScheduledMessageParams `url:",omitempty"`
}

// DeleteScheduledMessage cancels a message scheduled with ScheduleMessage that has not been posted yet.
//
// Slack API: https://api.slack.com/methods/chat.deleteScheduledMessage (Tier 3, chat:write)
func (s *ChatService) DeleteScheduledMessage(ctx context.Context, channel, scheduledMessageID string, params *ChatDeleteScheduledMessageParams) error {
	const method = "chat.deleteScheduledMessage"
	if err := required(method, "channel", channel, "scheduledMessageID", scheduledMessageID); err != nil {
		return err
	}
	return s.client.Call(ctx, method, chatDeleteScheduledMessageRequest{channel, scheduledMessageID, params}, nil)
}

// ScheduledMessage is a message scheduled with Chat.ScheduleMessage and not posted yet.
type ScheduledMessage struct {
	// ID identifies the scheduled message ("Q1298393284").
	ID string `json:"id"`
	// ChannelID is the conversation the message will be posted to.
	ChannelID string `json:"channel_id"`
	// PostAt is when Slack will post it.
	PostAt Time `json:"post_at"`
	// DateCreated is when it was scheduled.
	DateCreated Time `json:"date_created"`
	// Text is its text.
	Text string `json:"text,omitempty"`
}

// ChatListScheduledMessagesParams are the optional arguments of Chat.ListScheduledMessages and
// Chat.ListScheduledMessagesAll.
type ChatListScheduledMessagesParams struct {
	// Channel lists only the messages scheduled for this conversation.
	Channel string `url:"channel,omitempty"`
	// Oldest and Latest list only the messages to be posted within that time range (to the second);
	// zero leaves a side open.
	Oldest time.Time `url:"-"`
	Latest time.Time `url:"-"`
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size, at most 1000 (Slack may return fewer); ListScheduledMessagesAll asks for 200
	// when it is 0.
	Limit int `url:"limit,omitempty"`
	// TeamID lists one workspace of an Enterprise Grid organization (with an org-level token).
	TeamID string `url:"team_id,omitempty"`
}

func (p *ChatListScheduledMessagesParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

type chatListScheduledMessagesRequest struct {
	Oldest                           string `url:"oldest,omitempty"`
	Latest                           string `url:"latest,omitempty"`
	*ChatListScheduledMessagesParams `url:",omitempty"`
}

// unixArg is a time as a Unix-seconds argument, "" for the zero time.
func unixArg(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.Unix(), 10)
}

// ChatListScheduledMessagesResponse is one page of the messages scheduled and not posted yet.
type ChatListScheduledMessagesResponse struct {
	ScheduledMessages []ScheduledMessage `json:"scheduled_messages"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// ListScheduledMessages returns one page of the messages the app has scheduled and Slack has not posted
// yet.
//
// Slack API: https://api.slack.com/methods/chat.scheduledMessages.list (Tier 3, no scope). Retried on
// 5xx and connection errors.
func (s *ChatService) ListScheduledMessages(ctx context.Context, params *ChatListScheduledMessagesParams) (*ChatListScheduledMessagesResponse, error) {
	const method = "chat.scheduledMessages.list"
	req := chatListScheduledMessagesRequest{ChatListScheduledMessagesParams: params}
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
		if !params.Oldest.IsZero() && !params.Latest.IsZero() && params.Latest.Before(params.Oldest) {
			return nil, invalidArgument(method, "Latest %s is before Oldest %s",
				params.Latest.UTC().Format(time.RFC3339), params.Oldest.UTC().Format(time.RFC3339))
		}
		req.Oldest, req.Latest = unixArg(params.Oldest), unixArg(params.Latest)
	}
	var out struct {
		envelope
		ChatListScheduledMessagesResponse
	}
	if err := s.client.Call(ctx, method, req, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.ChatListScheduledMessagesResponse, nil
}

// ListScheduledMessagesAll iterates over all the messages the app has scheduled and Slack has not
// posted yet, fetching pages of params.Limit (200 if 0) as the loop needs them.
//
// Slack API: https://api.slack.com/methods/chat.scheduledMessages.list (Tier 3, no scope)
func (s *ChatService) ListScheduledMessagesAll(ctx context.Context, params *ChatListScheduledMessagesParams) iter.Seq2[ScheduledMessage, error] {
	return pages(params, DefaultPageSize, func(p *ChatListScheduledMessagesParams) ([]ScheduledMessage, string, error) {
		r, err := s.ListScheduledMessages(ctx, p)
		if err != nil {
			return nil, "", err
		}
		return r.ScheduledMessages, r.NextCursor, nil
	})
}
