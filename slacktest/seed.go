package slacktest

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Seed describes workspace contents to add: in Go (WithSeed, Load) or as JSON (WithSeedFile,
// LoadJSON), where each field has the JSON name shown, as do the fields of its elements:
//
//	{
//	  "users":    [{"id": "U1", "name": "dana", "real_name": "Dana Scully", "email": "dana@example.com"},
//	               {"id": "U2", "name": "helper", "is_bot": true, "bot_id": "B2"}],
//	  "bots":     [{"id": "B2", "name": "helper", "app_id": "A2", "user_id": "U2"}],
//	  "channels": [{"id": "C1", "name": "ops", "topic": "Incidents", "members": ["U1", "U2"]},
//	               {"id": "C2", "name": "old", "is_archived": true, "members": ["U1"]},
//	               {"id": "G1", "name": "staff", "is_private": true, "members": ["U1"]},
//	               {"id": "D1", "is_im": true, "user": "U2", "members": ["U1", "U2"], "is_open": true}],
//	  "messages": [{"channel": "C1", "ts": "1700000100.000100", "user": "U1", "text": "disk full"},
//	               {"channel": "C1", "ts": "1700000200.000100", "user": "U2", "text": "on it",
//	                "thread_ts": "1700000100.000100", "reactions": [{"name": "eyes", "users": ["U1"]}],
//	                "pin": {"by": "U1", "created": 1700000300}}],
//	  "tokens":   [{"token": "xoxb-ops", "user": "U2", "scopes": ["chat:write", "channels:history"]},
//	               {"token": "xoxp-old", "user": "U1", "revoked": true}]
//	}
//
// A message without a ts gets a new one; a message whose thread_ts names another message is a reply in
// that thread. Objects with an ID already in the workspace replace it.
type Seed struct {
	// Users are people and bot users.
	Users []User `json:"users,omitempty"`
	// Bots are bot integrations (bots.info).
	Bots []Bot `json:"bots,omitempty"`
	// Channels are conversations of every kind: public, private, IM, MPIM, archived.
	Channels []Channel `json:"channels,omitempty"`
	// Messages are messages and thread replies, in any order.
	Messages []Message `json:"messages,omitempty"`
	// Files are files that can take comments.
	Files []File `json:"files,omitempty"`
	// Tokens are the tokens the workspace accepts.
	Tokens []Token `json:"tokens,omitempty"`
}

// Load adds seed to the workspace. It checks the references first and changes nothing if one is wrong:
// a member, token owner or message author that is no user, a message in no conversation, an object
// without an ID.
func (s *Server) Load(seed Seed) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.ws.checkSeed(seed); err != nil {
		return err
	}
	for _, u := range seed.Users {
		s.ws.addUser(u)
	}
	for _, b := range seed.Bots {
		s.ws.bots[b.ID] = &b
	}
	for _, c := range seed.Channels {
		s.ws.addChannel(c)
	}
	for _, f := range seed.Files {
		f.Comments = slices.Clone(f.Comments)
		s.ws.files[f.ID] = &f
	}
	for _, t := range seed.Tokens {
		s.ws.addToken(t)
	}
	for _, m := range seed.Messages {
		if m.TS == "" {
			m.TS = s.ws.nextTS()
		}
		m = copyMessage(&m)
		s.ws.store(&m)
	}
	return nil
}

// LoadJSON adds the workspace described by data, a JSON Seed, as Load does. Unknown fields are errors,
// so that a misspelt one does not go unnoticed.
func (s *Server) LoadJSON(data []byte) error {
	var seed Seed
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&seed); err != nil {
		return fmt.Errorf("slacktest: seed: %w", err)
	}
	return s.Load(seed)
}

// Snapshot returns the workspace's contents as a Seed: every user, bot, conversation, message, file
// and token, sorted by ID (messages by conversation and ts). Loaded into an Empty workspace, it makes the
// same workspace; encoded as JSON, it is a seed file to edit.
func (s *Server) Snapshot() Seed {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.deliverDue()
	var seed Seed
	for _, id := range slices.Sorted(maps.Keys(s.ws.users)) {
		u := *s.ws.users[id]
		u.Profile = maps.Clone(u.Profile)
		seed.Users = append(seed.Users, u)
	}
	for _, id := range slices.Sorted(maps.Keys(s.ws.bots)) {
		seed.Bots = append(seed.Bots, *s.ws.bots[id])
	}
	for _, id := range slices.Sorted(maps.Keys(s.ws.channels)) {
		seed.Channels = append(seed.Channels, copyChannel(s.ws.channels[id], false))
	}
	for _, id := range slices.Sorted(maps.Keys(s.ws.messages)) {
		for _, m := range s.ws.messages[id] {
			seed.Messages = append(seed.Messages, copyMessage(m))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(s.ws.files)) {
		f := *s.ws.files[id]
		f.Comments = slices.Clone(f.Comments)
		seed.Files = append(seed.Files, f)
	}
	for _, v := range slices.Sorted(maps.Keys(s.ws.tokens)) {
		t := *s.ws.tokens[v]
		t.Scopes = slices.Clone(t.Scopes)
		seed.Tokens = append(seed.Tokens, t)
	}
	return seed
}

// checkSeed reports the first wrong reference in seed, against the workspace and the seed itself.
func (ws *workspace) checkSeed(seed Seed) error {
	users := map[string]bool{}
	for id := range ws.users {
		users[id] = true
	}
	channels := map[string]bool{}
	for id := range ws.channels {
		channels[id] = true
	}
	var errs []error
	for i, u := range seed.Users {
		if u.ID == "" {
			errs = append(errs, fmt.Errorf("users[%d] has no id", i))
		}
		users[u.ID] = true
	}
	for i, b := range seed.Bots {
		if b.ID == "" {
			errs = append(errs, fmt.Errorf("bots[%d] has no id", i))
		}
	}
	for i, c := range seed.Channels {
		if c.ID == "" {
			errs = append(errs, fmt.Errorf("channels[%d] has no id", i))
		}
		channels[c.ID] = true
		for _, m := range c.Members {
			if !users[m] {
				errs = append(errs, fmt.Errorf("channel %s: member %q is no user", c.ID, m))
			}
		}
		if c.IsIM && c.User != "" && !slices.Contains(c.Members, c.User) {
			errs = append(errs, fmt.Errorf("channel %s: an IM's user %q must be a member", c.ID, c.User))
		}
	}
	for i, f := range seed.Files {
		if f.ID == "" {
			errs = append(errs, fmt.Errorf("files[%d] has no id", i))
		}
	}
	for i, t := range seed.Tokens {
		switch {
		case strings.TrimSpace(t.Value) == "":
			errs = append(errs, fmt.Errorf("tokens[%d] has no token", i))
		case !users[t.User]:
			errs = append(errs, fmt.Errorf("tokens[%d] (%s): user %q is no user", i, t.label(), t.User))
		}
	}
	for i, m := range seed.Messages {
		if !channels[m.Channel] {
			errs = append(errs, fmt.Errorf("messages[%d]: channel %q is no conversation", i, m.Channel))
		}
		if m.User != "" && !users[m.User] {
			errs = append(errs, fmt.Errorf("messages[%d]: user %q is no user", i, m.User))
		}
		if _, valid := tsMicros(m.TS); m.TS != "" && !valid {
			errs = append(errs, fmt.Errorf("messages[%d]: ts %q is not a Slack timestamp", i, m.TS))
		}
		for _, r := range m.Reactions {
			for _, u := range r.Users {
				if !users[u] {
					errs = append(errs, fmt.Errorf("messages[%d]: reaction %q by %q, who is no user", i, r.Name, u))
				}
			}
		}
		if m.Pin != nil && !users[m.Pin.By] {
			errs = append(errs, fmt.Errorf("messages[%d]: pinned by %q, who is no user", i, m.Pin.By))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("slacktest: seed: %w", err)
	}
	return nil
}

// copyChannel copies a stored conversation for a caller; with summary, IsOpen and LastRead sum up
// OpenFor and ReadBy, as Server.Channel reports them.
func copyChannel(ch *Channel, summary bool) Channel {
	c := *ch
	c.Members = slices.Clone(ch.Members)
	c.PreviousNames = slices.Clone(ch.PreviousNames)
	c.OpenFor = slices.Clone(ch.OpenFor)
	c.ReadBy = maps.Clone(ch.ReadBy)
	if summary {
		c.IsOpen = len(ch.OpenFor) > 0
		newest := int64(-1)
		for _, ts := range ch.ReadBy {
			if n, _ := tsMicros(ts); n > newest {
				c.LastRead, newest = ts, n
			}
		}
	}
	return c
}

// copyMessage copies a stored message for a caller.
func copyMessage(m *Message) Message {
	c := *m
	c.Edits = slices.Clone(m.Edits)
	c.Files = slices.Clone(m.Files)
	c.Reactions = copyReactions(m.Reactions)
	if m.Pin != nil {
		pin := *m.Pin
		c.Pin = &pin
	}
	return c
}

// sortMessages orders messages by ts, the way the workspace stores them.
func sortMessages(list []*Message) {
	slices.SortStableFunc(list, func(a, b *Message) int {
		na, _ := tsMicros(a.TS)
		nb, _ := tsMicros(b.TS)
		return cmp.Or(cmp.Compare(na, nb), strings.Compare(a.TS, b.TS))
	})
}
