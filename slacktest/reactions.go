package slacktest

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

var reactionsHandlers = map[string]handler{
	"reactions.add":    reactionsAdd,
	"reactions.remove": reactionsRemove,
	"reactions.get":    reactionsGet,
	"reactions.list":   reactionsList,
	"pins.add":         pinsAdd,
	"pins.remove":      pinsRemove,
	"pins.list":        pinsList,
}

// Slack's limits on reactions: distinct emoji on one message, and reactions by one user on one message.
const (
	maxEmojiPerMessage     = 50
	maxReactionsPerUser    = 23
	maxPinsPerConversation = 100
)

// emojiName is an emoji name as reactions take it: no colons around it, an optional skin tone.
var emojiName = regexp.MustCompile(`^[a-z0-9_+'-]+(::skin-tone-[2-6])?$`)

// copyReactions copies reactions and their lists of users.
func copyReactions(rs []Reaction) []Reaction {
	if rs == nil {
		return nil
	}
	out := make([]Reaction, len(rs))
	for i, r := range rs {
		out[i] = Reaction{Name: r.Name, Users: slices.Clone(r.Users)}
	}
	return out
}

// renderReactions renders a message's reactions the way Slack does: name, users and count.
func renderReactions(rs []Reaction) []obj {
	out := make([]obj, len(rs))
	for i, r := range rs {
		out[i] = obj{"name": r.Name, "users": slices.Clone(r.Users), "count": len(r.Users)}
	}
	return out
}

// renderItem renders a message as a reacted or pinned item: with its conversation and permalink.
func (ws *workspace) renderItem(m *Message) obj {
	msg := ws.renderMessage(m)
	msg["permalink"] = permalink(m)
	return obj{"type": "message", "channel": m.Channel, "message": msg}
}

// itemMessage finds the message named by the channel and timestamp arguments, in a conversation the
// caller can see.
func (c *call) itemMessage() (*Channel, *Message, *answer) {
	if c.arg("channel") == "" && c.arg("timestamp") == "" && c.arg("file") == "" && c.arg("file_comment") == "" {
		return nil, nil, fail("no_item_specified")
	}
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return nil, nil, errAnswer
	}
	ts := c.arg("timestamp")
	if _, valid := tsMicros(ts); !valid {
		return nil, nil, fail("bad_timestamp")
	}
	m, _ := c.ws.findMessage(ch.ID, ts)
	if m == nil || m.Subtype == "tombstone" {
		return nil, nil, fail("message_not_found")
	}
	return ch, m, nil
}

// reaction reads the name argument and finds the message it concerns.
func (c *call) reaction() (*Channel, *Message, string, *answer) {
	ch, m, errAnswer := c.itemMessage()
	if errAnswer != nil {
		return nil, nil, "", errAnswer
	}
	name := c.arg("name")
	if !emojiName.MatchString(name) {
		return nil, nil, "", fail("invalid_name")
	}
	return ch, m, name, nil
}

func reactionsAdd(c *call) *answer {
	ch, m, name, errAnswer := c.reaction()
	if errAnswer != nil {
		return errAnswer
	}
	if ch.IsArchived {
		return fail("is_archived")
	}
	mine := 0
	for _, r := range m.Reactions {
		if slices.Contains(r.Users, c.caller.ID) {
			if r.Name == name {
				return fail("already_reacted")
			}
			mine++
		}
	}
	i := slices.IndexFunc(m.Reactions, func(r Reaction) bool { return r.Name == name })
	switch {
	case i < 0 && len(m.Reactions) >= maxEmojiPerMessage:
		return fail("too_many_emoji")
	case mine >= maxReactionsPerUser:
		return fail("too_many_reactions")
	case i < 0:
		m.Reactions = append(m.Reactions, Reaction{Name: name, Users: []string{c.caller.ID}})
	default:
		m.Reactions[i].Users = append(m.Reactions[i].Users, c.caller.ID)
	}
	return ok(nil)
}

func reactionsRemove(c *call) *answer {
	_, m, name, errAnswer := c.reaction()
	if errAnswer != nil {
		return errAnswer
	}
	i := slices.IndexFunc(m.Reactions, func(r Reaction) bool { return r.Name == name })
	if i < 0 || !slices.Contains(m.Reactions[i].Users, c.caller.ID) {
		return fail("no_reaction")
	}
	users := slices.DeleteFunc(slices.Clone(m.Reactions[i].Users), func(id string) bool { return id == c.caller.ID })
	if len(users) == 0 {
		m.Reactions = slices.Delete(m.Reactions, i, i+1)
	} else {
		m.Reactions[i].Users = users
	}
	return ok(nil)
}

func reactionsGet(c *call) *answer {
	_, m, errAnswer := c.itemMessage()
	if errAnswer != nil {
		return errAnswer
	}
	return ok(c.ws.renderItem(m))
}

// reactionsCursor is the kind of the cursors of reactions.list.
const reactionsCursor = "reacted"

func reactionsList(c *call) *answer {
	user, errAnswer := c.userArg("user", true)
	if errAnswer != nil {
		return errAnswer
	}
	var items []*Message
	for _, ch := range c.ws.channels {
		if !c.canSee(ch) {
			continue
		}
		for _, m := range c.ws.messages[ch.ID] {
			if slices.ContainsFunc(m.Reactions, func(r Reaction) bool { return slices.Contains(r.Users, user.ID) }) {
				items = append(items, m)
			}
		}
	}
	// Newest message first; the key sorts the same way, so that a cursor names where the next page starts.
	key := func(m *Message) string {
		n, _ := tsMicros(m.TS)
		return fmt.Sprintf("%019d/%s", math.MaxInt64-n, m.Channel)
	}
	slices.SortFunc(items, func(a, b *Message) int { return cmp.Compare(key(a), key(b)) })
	page, next, errAnswer := pageByID(c, reactionsCursor, items, key, 100)
	if errAnswer != nil {
		return errAnswer
	}
	out := make([]obj, len(page))
	for i, m := range page {
		out[i] = c.ws.renderItem(m)
	}
	return ok(obj{"items": out, "response_metadata": pageMeta(next)})
}

// pinCount is the number of messages pinned to a conversation.
func (ws *workspace) pinCount(ch *Channel) int {
	n := 0
	for _, m := range ws.messages[ch.ID] {
		if m.Pin != nil {
			n++
		}
	}
	return n
}

// pinnable finds the message pins.add or pins.remove names, in a conversation the caller belongs to.
func (c *call) pinnable() (*Channel, *Message, *answer) {
	ch, m, errAnswer := c.itemMessage()
	if errAnswer != nil {
		return nil, nil, errAnswer
	}
	if !slices.Contains(ch.Members, c.caller.ID) {
		return nil, nil, fail("not_in_channel")
	}
	return ch, m, nil
}

func pinsAdd(c *call) *answer {
	ch, m, errAnswer := c.pinnable()
	if errAnswer != nil {
		return errAnswer
	}
	if m.Pin != nil {
		return fail("already_pinned")
	}
	if c.ws.pinCount(ch) >= maxPinsPerConversation {
		return fail("too_many_pins")
	}
	m.Pin = &Pin{By: c.caller.ID, Created: c.ws.now().Unix()}
	return ok(nil)
}

func pinsRemove(c *call) *answer {
	_, m, errAnswer := c.pinnable()
	if errAnswer != nil {
		return errAnswer
	}
	if m.Pin == nil {
		return fail("no_pin")
	}
	m.Pin = nil
	return ok(nil)
}

func pinsList(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	var pinned []*Message
	for _, m := range c.ws.messages[ch.ID] {
		if m.Pin != nil {
			pinned = append(pinned, m)
		}
	}
	// Most recently pinned first.
	slices.SortStableFunc(pinned, func(a, b *Message) int {
		return cmp.Or(cmp.Compare(b.Pin.Created, a.Pin.Created), strings.Compare(b.TS, a.TS))
	})
	items := make([]obj, len(pinned))
	for i, m := range pinned {
		item := c.ws.renderItem(m)
		item["created"], item["created_by"] = m.Pin.Created, m.Pin.By
		items[i] = item
	}
	return ok(obj{"items": items})
}
