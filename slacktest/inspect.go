package slacktest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// Thread returns copies of a thread: its parent (the message with ts threadTS in channel) first, then
// its replies, oldest first. It is empty if there is no such message.
func (s *Server) Thread(channel, threadTS string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.deliverDue()
	if ch, ok := s.ws.channel(channel); ok {
		channel = ch.ID
	}
	parent, _ := s.ws.findMessage(channel, threadTS)
	if parent == nil {
		return nil
	}
	out := []Message{copyMessage(parent)}
	for _, m := range s.ws.replies(channel, threadTS) {
		out = append(out, copyMessage(m))
	}
	return out
}

// Members returns the IDs of a conversation's members (found by ID or name), or nil if there is no
// such conversation.
func (s *Server) Members(channel string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch, ok := s.ws.channel(channel); ok {
		return slices.Clone(ch.Members)
	}
	return nil
}

// IM returns a copy of the IM between two users (the same user twice for a user's own IM), if it
// exists. Its OpenFor says for whom it is open: IM(a, b).IsOpenFor(a).
func (s *Server) IM(user, other string) (Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range slices.Sorted(maps.Keys(s.ws.channels)) {
		ch := s.ws.channels[id]
		if ch.IsIM && slices.Contains(ch.Members, user) && slices.Contains(ch.Members, other) &&
			(user != other || len(ch.Members) == 1) {
			return copyChannel(ch, true), true
		}
	}
	return Channel{}, false
}

// IsOpenFor reports whether the conversation is open in user's sidebar (im.open, conversations.open,
// a message in an IM), in a copy from Server.Channel or Server.IM.
func (c Channel) IsOpenFor(user string) bool { return slices.Contains(c.OpenFor, user) }

// AssertPosted fails t unless the conversation channel (an ID or a name) holds a message, top level
// or in a thread, whose text contains text, and returns the newest such message. The failure lists the
// messages the conversation holds.
func (s *Server) AssertPosted(t testing.TB, channel, text string) Message {
	t.Helper()
	msgs := s.Messages(channel)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Text, text) {
			return msgs[i]
		}
	}
	t.Fatalf("slacktest: no message in %s contains %q; it holds %s", channel, text, listMessages(msgs))
	return Message{}
}

// AssertReplied fails t unless the thread of threadTS in channel has a reply whose text contains
// text, and returns the newest such reply. The failure lists the thread's replies.
func (s *Server) AssertReplied(t testing.TB, channel, threadTS, text string) Message {
	t.Helper()
	thread := s.Thread(channel, threadTS)
	if len(thread) == 0 {
		t.Fatalf("slacktest: %s holds no message %s to reply to", channel, threadTS)
		return Message{}
	}
	replies := thread[1:]
	for i := len(replies) - 1; i >= 0; i-- {
		if strings.Contains(replies[i].Text, text) {
			return replies[i]
		}
	}
	t.Fatalf("slacktest: no reply in thread %s of %s contains %q; its replies are %s", threadTS, channel, text,
		listMessages(replies))
	return Message{}
}

// AssertNotPosted fails t if the conversation channel holds a message whose text contains text.
func (s *Server) AssertNotPosted(t testing.TB, channel, text string) {
	t.Helper()
	for _, m := range s.Messages(channel) {
		if strings.Contains(m.Text, text) {
			t.Fatalf("slacktest: %s holds message %s by %s containing %q: %q", channel, m.TS, m.User, text, m.Text)
		}
	}
}

// AssertCalled fails t unless the server received exactly n requests for method (Slack's name,
// "chat.postMessage"), and returns them. The failure lists the requests received, by method.
func (s *Server) AssertCalled(t testing.TB, method string, n int) []Request {
	t.Helper()
	got := s.Requests(method)
	if len(got) != n {
		var all []string
		for _, r := range s.Requests() {
			all = append(all, r.Method)
		}
		t.Fatalf("slacktest: %d %s requests, want %d; received: [%s]", len(got), method, n, strings.Join(all, " "))
	}
	return got
}

// listMessages prints messages for a failure: each with its ts, author and text.
func listMessages(msgs []Message) string {
	if len(msgs) == 0 {
		return "no messages"
	}
	var b strings.Builder
	for _, m := range msgs {
		fmt.Fprintf(&b, "\n\t%s %s: %q", m.TS, m.User, m.Text)
	}
	return b.String()
}
