package slacktest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

var scheduledHandlers = map[string]handler{
	"chat.scheduleMessage":        chatScheduleMessage,
	"chat.deleteScheduledMessage": chatDeleteScheduledMessage,
	"chat.scheduledMessages.list": chatScheduledMessagesList,
}

// maxScheduleAhead is how far ahead a message may be scheduled: 120 days, in seconds.
const maxScheduleAhead = 120 * 24 * 60 * 60

// ScheduledMessage is a message scheduled by chat.scheduleMessage that the workspace has not posted yet.
// The workspace posts it once its clock (WithClock) reaches PostAt: at the first request, or the first
// read of its messages (Messages, Thread, Snapshot, ScheduledMessages), after that.
type ScheduledMessage struct {
	// ID is the scheduled message's ID ("Q…").
	ID string `json:"id"`
	// Channel is the ID of the conversation it will be posted to.
	Channel string `json:"channel"`
	// User is the ID of the user who scheduled it, and will post it.
	User string `json:"user"`
	// PostAt is when it will be posted, in Unix seconds.
	PostAt int64 `json:"post_at"`
	// Created is when it was scheduled, in Unix seconds.
	Created int64 `json:"date_created"`
	// Text is the message's text.
	Text string `json:"text,omitempty"`
	// Blocks is the JSON array of blocks it was scheduled with.
	Blocks json.RawMessage `json:"blocks,omitempty"`
	// Attachments is the JSON array of attachments it was scheduled with.
	Attachments json.RawMessage `json:"attachments,omitempty"`
	// ThreadTS makes it a reply in that thread.
	ThreadTS string `json:"thread_ts,omitempty"`
	// ReplyBroadcast also shows the reply in the conversation.
	ReplyBroadcast bool `json:"reply_broadcast,omitempty"`
	// Username is the name a bot posts it under.
	Username string `json:"username,omitempty"`
}

// deliverDue posts the scheduled messages whose time has come, in the order of their times, each with a
// ts in the second it was due.
func (ws *workspace) deliverDue() {
	now := ws.now().Unix()
	var due []*ScheduledMessage
	ws.scheduled = slices.DeleteFunc(ws.scheduled, func(sm *ScheduledMessage) bool {
		if sm.PostAt <= now {
			due = append(due, sm)
			return true
		}
		return false
	})
	slices.SortStableFunc(due, func(a, b *ScheduledMessage) int { return cmp.Compare(a.PostAt, b.PostAt) })
	for _, sm := range due {
		ch, found := ws.channels[sm.Channel]
		author := ws.users[sm.User]
		if !found || ch.IsArchived || author == nil {
			continue // Slack does not post into an archived conversation
		}
		m := &Message{TS: ws.tsAt(sm.PostAt), Channel: ch.ID, User: author.ID, BotID: author.BotID, Text: sm.Text,
			Blocks: sm.Blocks, Attachments: sm.Attachments}
		if sm.Username != "" {
			m.Username, m.Subtype = sm.Username, "bot_message"
		}
		if parent, _ := ws.findMessage(ch.ID, sm.ThreadTS); sm.ThreadTS != "" && parent != nil {
			if parent.ThreadTS != "" && parent.ThreadTS != parent.TS {
				parent, _ = ws.findMessage(ch.ID, parent.ThreadTS)
			}
			if parent != nil {
				parent.ThreadTS = parent.TS
				m.ThreadTS, m.ReplyBroadcast = parent.TS, sm.ReplyBroadcast
			}
		}
		if ch.IsIM {
			ws.openDirect(ch, ch.Members...)
		}
		ws.store(m)
	}
}

func chatScheduleMessage(c *call) *answer {
	ch, errAnswer := c.target()
	if errAnswer != nil {
		return errAnswer
	}
	text, blocks, attachments, errAnswer := c.content()
	if errAnswer != nil {
		return errAnswer
	}
	postAt, err := strconv.ParseInt(c.arg("post_at"), 10, 64)
	if err != nil {
		return fail("invalid_time")
	}
	now := c.ws.now().Unix()
	switch {
	case postAt <= now:
		return fail("time_in_past")
	case postAt > now+maxScheduleAhead:
		return fail("time_too_far")
	}
	if _, stored := c.ws.channels[ch.ID]; !stored {
		c.ws.channels[ch.ID] = ch // a new IM with a user: it opens when the message is posted
	}
	sm := &ScheduledMessage{ID: c.ws.newID("Q"), Channel: ch.ID, User: c.caller.ID, PostAt: postAt, Created: now,
		Text: text, Blocks: blocks, Attachments: attachments, ThreadTS: c.arg("thread_ts"),
		ReplyBroadcast: c.flag("reply_broadcast")}
	if c.caller.IsBot {
		sm.Username = c.arg("username")
	}
	c.ws.scheduled = append(c.ws.scheduled, sm)
	msg := c.ws.renderMessage(&Message{Channel: ch.ID, User: c.caller.ID, BotID: c.caller.BotID, Text: text,
		Blocks: blocks, Attachments: attachments, Username: sm.Username})
	delete(msg, "ts")
	msg["type"] = "delayed_message"
	// Slack's documented answer sends post_at as a string.
	return ok(obj{"channel": ch.ID, "scheduled_message_id": sm.ID, "post_at": strconv.FormatInt(postAt, 10),
		"message": msg})
}

func chatDeleteScheduledMessage(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	id := c.arg("scheduled_message_id")
	i := slices.IndexFunc(c.ws.scheduled, func(sm *ScheduledMessage) bool {
		return sm.ID == id && sm.Channel == ch.ID && sm.User == c.caller.ID
	})
	if i < 0 {
		return fail("invalid_scheduled_message_id")
	}
	c.ws.scheduled = slices.Delete(c.ws.scheduled, i, i+1)
	return ok(nil)
}

// scheduledCursor is the kind of the cursors of chat.scheduledMessages.list.
const scheduledCursor = "scheduled"

func chatScheduledMessagesList(c *call) *answer {
	var channel string
	if c.arg("channel") != "" {
		ch, found := c.ws.channel(c.arg("channel"))
		if !found || !c.canSee(ch) {
			return fail("invalid_channel")
		}
		channel = ch.ID
	}
	oldest, latest := int64(0), int64(1<<62)
	for _, bound := range []struct {
		arg string
		to  *int64
	}{{"oldest", &oldest}, {"latest", &latest}} {
		if v := c.arg(bound.arg); v != "" {
			n, valid := tsMicros(v)
			if !valid {
				return invalidArguments("[ERROR] invalid " + bound.arg + " [json-pointer:/" + bound.arg + "]")
			}
			*bound.to = n / 1_000_000
		}
	}
	var mine []*ScheduledMessage
	for _, sm := range c.ws.scheduled {
		if sm.User == c.caller.ID && (channel == "" || sm.Channel == channel) && oldest <= sm.PostAt && sm.PostAt <= latest {
			mine = append(mine, sm)
		}
	}
	// Soonest first; the key sorts the same way, so that a cursor names where the next page starts.
	key := func(sm *ScheduledMessage) string { return fmt.Sprintf("%019d/%s", sm.PostAt, sm.ID) }
	slices.SortFunc(mine, func(a, b *ScheduledMessage) int { return cmp.Compare(key(a), key(b)) })
	page, next, errAnswer := pageByID(c, scheduledCursor, mine, key, 100)
	if errAnswer != nil {
		return errAnswer
	}
	out := make([]obj, len(page))
	for i, sm := range page {
		out[i] = obj{"id": sm.ID, "channel_id": sm.Channel, "post_at": sm.PostAt, "date_created": sm.Created,
			"text": sm.Text}
	}
	return ok(obj{"scheduled_messages": out, "response_metadata": pageMeta(next)})
}

// ScheduledMessages returns copies of the messages scheduled and not posted yet, in the order they were
// scheduled, after posting those whose time has come.
func (s *Server) ScheduledMessages() []ScheduledMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.deliverDue()
	out := make([]ScheduledMessage, len(s.ws.scheduled))
	for i, sm := range s.ws.scheduled {
		out[i] = *sm
		out[i].Blocks, out[i].Attachments = slices.Clone(sm.Blocks), slices.Clone(sm.Attachments)
	}
	return out
}
