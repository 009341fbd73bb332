package slack

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"time"
)

// IMService holds the im.* methods, which Slack retired in February 2021 in favour of the conversations.* methods.
type IMService service

// Close closes a direct message conversation: it leaves the user's sidebar until a new message arrives.
// Closing a conversation that is already closed succeeds.
//
// Slack API: https://api.slack.com/methods/im.close (Tier 2, im:write)
//
// Deprecated: Slack retired im.close in February 2021; use [ConversationsService.Close].
func (s *IMService) Close(ctx context.Context, channel string) error {
	return callChannel(ctx, s.client, "im.close", channel)
}

// IMOpenParams are the optional arguments of IM.Open.
type IMOpenParams struct {
	// ReturnIM asks for the whole IM object; without it Slack sends only its ID.
	ReturnIM bool `url:"return_im,omitempty"`
	// IncludeLocale adds the IM's locale.
	IncludeLocale bool `url:"include_locale,omitempty"`
}

type imOpenRequest struct {
	User          string `url:"user"`
	*IMOpenParams `url:",omitempty"`
}

// Open opens (or reopens) the direct message conversation with a user and returns it: only its ID,
// unless params.ReturnIM is set. Opening one that is already open succeeds.
//
// Slack API: https://api.slack.com/methods/im.open (Tier 4, im:write)
//
// Deprecated: Slack retired im.open in February 2021; use [ConversationsService.Open].
func (s *IMService) Open(ctx context.Context, user string, params *IMOpenParams) (*Conversation, error) {
	const method = "im.open"
	if err := required(method, "user", user); err != nil {
		return nil, err
	}
	return callConversation(ctx, s.client, method, imOpenRequest{user, params})
}

// Mark moves the read cursor of a direct message conversation to the message with ts.
//
// Slack API: https://api.slack.com/methods/im.mark (Tier 3, im:write)
//
// Deprecated: Slack retired im.mark in February 2021; call conversations.mark, which this package does
// not wrap, through [Client.Call].
func (s *IMService) Mark(ctx context.Context, channel, ts string) error {
	return legacyMark(ctx, s.client, "im.mark", channel, ts)
}

// IMHistoryParams are the optional arguments of IM.History and IM.HistoryAll (and, as
// GroupsHistoryParams, of Groups.History and Groups.HistoryAll). These methods page by timestamp:
// a page holds the messages older than Latest (and newer than Oldest), newest first.
type IMHistoryParams struct {
	// Count is the page size, at most 1000; Slack sends 100 when it is 0, HistoryAll asks for 200.
	Count int `url:"count,omitempty"`
	// Inclusive includes the messages whose ts is exactly Latest or Oldest. HistoryAll applies it to
	// Latest on the first page only.
	Inclusive bool `url:"inclusive,omitempty"`
	// Latest is the end of the time range (a message ts); empty means now. HistoryAll moves it to the
	// oldest message of each page.
	Latest string `url:"latest,omitempty"`
	// Oldest is the start of the time range (a message ts); empty means the beginning.
	Oldest string `url:"oldest,omitempty"`
	// Unreads asks for the unread count (HistoryResponse.UnreadCountDisplay).
	Unreads bool `url:"unreads,omitempty"`
}

func (p *IMHistoryParams) pageFields() (*string, *int) { return &p.Latest, &p.Count }

// History returns one page of a direct message conversation's messages, newest first. For the next
// (older) page when HasMore is set, call again with Latest set to the ts of the last message, or use
// HistoryAll. Given Oldest without Latest, Slack answers the messages closest to Oldest instead.
//
// Slack API: https://api.slack.com/methods/im.history (Tier 4, im:history). Retried on 5xx and connection
// errors.
//
// Deprecated: Slack retired im.history in February 2021; use [ConversationsService.History].
func (s *IMService) History(ctx context.Context, channel string, params *IMHistoryParams) (*HistoryResponse, error) {
	return legacyHistory(ctx, s.client, "im.history", channel, params)
}

// HistoryAll iterates over a direct message conversation's messages, newest first, fetching pages of
// params.Count (200 if 0) as the loop needs them: each page ends where the previous one stopped.
//
// Slack API: https://api.slack.com/methods/im.history (Tier 4, im:history)
//
// Deprecated: Slack retired im.history in February 2021; use [ConversationsService.HistoryAll].
func (s *IMService) HistoryAll(ctx context.Context, channel string, params *IMHistoryParams) iter.Seq2[Message, error] {
	return legacyHistoryAll(ctx, s.client, "im.history", channel, params)
}

// Replies returns a thread of a direct message conversation: the parent message with threadTS, then its
// replies, oldest first.
//
// Slack API: https://api.slack.com/methods/im.replies (Tier 2, im:history). Retried on 5xx and connection
// errors.
//
// Deprecated: Slack retired im.replies in February 2021; use [ConversationsService.Replies].
func (s *IMService) Replies(ctx context.Context, channel, threadTS string) ([]Message, error) {
	return legacyReplies(ctx, s.client, "im.replies", channel, threadTS)
}

// IMListParams are the optional arguments of IM.List and IM.ListAll.
type IMListParams struct {
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size, at most 1000 (Slack may return fewer); ListAll asks for 200 when it is 0.
	Limit int `url:"limit,omitempty"`
}

func (p *IMListParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

// IMListResponse is one page of the token's user's direct message conversations.
type IMListResponse struct {
	IMs []Conversation `json:"ims"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// List returns one page of the token's user's direct message conversations.
//
// Slack API: https://api.slack.com/methods/im.list (Tier 2, im:read). Retried on 5xx and connection
// errors.
//
// Deprecated: Slack retired im.list in February 2021; use [ConversationsService.List] with the type
// ConversationTypeIM.
func (s *IMService) List(ctx context.Context, params *IMListParams) (*IMListResponse, error) {
	const method = "im.list"
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		IMListResponse
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.IMListResponse, nil
}

// ListAll iterates over all of the token's user's direct message conversations, fetching pages of
// params.Limit (200 if 0) as the loop needs them.
//
// Slack API: https://api.slack.com/methods/im.list (Tier 2, im:read)
//
// Deprecated: Slack retired im.list in February 2021; use [ConversationsService.ListAll] with the type
// ConversationTypeIM.
func (s *IMService) ListAll(ctx context.Context, params *IMListParams) iter.Seq2[Conversation, error] {
	return pages(params, DefaultPageSize, func(p *IMListParams) ([]Conversation, string, error) {
		r, err := s.List(ctx, p)
		if err != nil {
			return nil, "", err
		}
		return r.IMs, r.NextCursor, nil
	})
}

// --- What the retired im.* and groups.* methods share.

// legacyMark calls im.mark or groups.mark.
func legacyMark(ctx context.Context, c *Client, method, channel, ts string) error {
	if err := required(method, "channel", channel, "ts", ts); err != nil {
		return err
	}
	return c.Call(ctx, method, url.Values{"channel": {channel}, "ts": {ts}}, nil)
}

// legacyReplies calls im.replies or groups.replies.
func legacyReplies(ctx context.Context, c *Client, method, channel, threadTS string) ([]Message, error) {
	if err := required(method, "channel", channel, "threadTS", threadTS); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		Messages []Message `json:"messages"`
	}
	if err := c.Call(ctx, method, url.Values{"channel": {channel}, "thread_ts": {threadTS}}, &out); err != nil {
		return nil, err
	}
	return out.Messages, nil
}

type legacyHistoryRequest struct {
	Channel          string `url:"channel"`
	*IMHistoryParams `url:",omitempty"`
}

// legacyHistory fetches one page of im.history or groups.history.
func legacyHistory(ctx context.Context, c *Client, method, channel string, params *IMHistoryParams) (*HistoryResponse, error) {
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	if params != nil {
		if err := checkPageSize(method, "count", params.Count); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		HistoryResponse
	}
	if err := c.Call(ctx, method, legacyHistoryRequest{channel, params}, &out); err != nil {
		return nil, err
	}
	return &out.HistoryResponse, nil
}

// legacyHistoryAll iterates over im.history or groups.history. These page by timestamp: each page after
// the first asks for the messages older than the oldest one seen so far, so the "cursor" of pages is
// that message's ts, and a page without has_more is the last.
func legacyHistoryAll(ctx context.Context, c *Client, method, channel string, params *IMHistoryParams) iter.Seq2[Message, error] {
	var start string
	if params != nil {
		start = params.Latest
	}
	return pages(params, DefaultPageSize, func(p *IMHistoryParams) ([]Message, string, error) {
		boundary := ""
		if p.Latest == "" && p.Oldest != "" {
			// Given oldest alone, Slack answers the messages closest to it, and moving latest back from
			// there would find nothing: pin latest ahead of now, so pages run newest first like any other.
			p.Latest = legacyLatestAhead(time.Now())
		} else if p.Latest != start {
			// A later page: Latest is the oldest message already yielded, which must not come again.
			boundary = p.Latest
			if p.Inclusive && p.Oldest != "" {
				// Inclusive still has to keep the message at Oldest: ask for one more message to make
				// up for the boundary, which is dropped below.
				p.Count = min(p.Count+1, maxLimit)
			} else {
				p.Inclusive = false
			}
		}
		r, err := legacyHistory(ctx, c, method, channel, p)
		if err != nil {
			return nil, "", err
		}
		next := ""
		msgs := make([]Message, 0, len(r.Messages))
		for _, m := range r.Messages {
			if next == "" || olderTS(m.TS, next) {
				next = m.TS
			}
			if boundary == "" || m.TS != boundary {
				msgs = append(msgs, m)
			}
		}
		if !r.HasMore {
			next = ""
		}
		return msgs, next, nil
	})
}

// legacyLatestAhead is a latest timestamp a day ahead of now: later than any message, even with the
// client's clock behind Slack's.
func legacyLatestAhead(now time.Time) string {
	return strconv.FormatInt(now.Add(24*time.Hour).Unix(), 10) + ".000000"
}

// olderTS reports whether message timestamp a is before b. Timestamps Slack sends have the same shape
// ("1503435956.000247") and compare as strings; others are compared as times when they parse.
func olderTS(a, b string) bool {
	ta, errA := ParseTS(a)
	tb, errB := ParseTS(b)
	if errA != nil || errB != nil {
		return a < b
	}
	return ta.Before(tb)
}
