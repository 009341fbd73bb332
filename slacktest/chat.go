package slacktest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

var chatHandlers = map[string]handler{
	"chat.postMessage":   chatPostMessage,
	"chat.meMessage":     chatMeMessage,
	"chat.getPermalink":  chatGetPermalink,
	"chat.delete":        chatDelete,
	"chat.unfurl":        chatUnfurl,
	"chat.postEphemeral": chatPostEphemeral,
	"chat.update":        chatUpdate,
}

// maxTextLength is the longest text Slack accepts in a message.
const maxTextLength = 40000

// content reads the text, blocks and attachments of a message being posted or updated; errAnswer is
// Slack's error for bad content.
func (c *call) content() (text string, blocks, attachments json.RawMessage, errAnswer *answer) {
	text = c.form.Get("text")
	if utf8.RuneCountInString(text) > maxTextLength {
		return "", nil, nil, fail("msg_too_long")
	}
	if raw := c.arg("blocks"); raw != "" {
		if !validJSON(raw, '[') {
			return "", nil, nil, fail("invalid_blocks")
		}
		if problems := blockProblems(raw); len(problems) > 0 {
			return "", nil, nil, invalidBlocks(problems)
		}
		blocks = json.RawMessage(raw)
	}
	if raw := c.arg("attachments"); raw != "" {
		var list []json.RawMessage
		if !validJSON(raw, '[') || json.Unmarshal([]byte(raw), &list) != nil {
			return "", nil, nil, fail("invalid_attachments")
		}
		if len(list) > 100 {
			return "", nil, nil, fail("too_many_attachments")
		}
		attachments = json.RawMessage(raw)
	}
	if strings.TrimSpace(text) == "" && emptyList(blocks) && emptyList(attachments) {
		return "", nil, nil, fail("no_text")
	}
	return text, blocks, attachments, nil
}

// emptyList reports whether raw, a JSON array or nil, holds nothing.
func emptyList(raw json.RawMessage) bool {
	var list []json.RawMessage
	return raw == nil || json.Unmarshal(raw, &list) == nil && len(list) == 0
}

// target finds where a message goes: a conversation, or for a user ID the caller's IM with that user
// (which post opens, creating it the first time).
func (c *call) target() (*Channel, *answer) {
	if u, isUser := c.ws.users[c.arg("channel")]; isUser {
		return c.ws.imWith(c.caller.ID, u.ID), nil
	}
	return c.writable("channel")
}

// imWith returns the IM between two users; a new one is not stored until it is opened.
func (ws *workspace) imWith(a, b string) *Channel {
	for _, ch := range ws.channels {
		if ch.IsIM && slices.Contains(ch.Members, a) && slices.Contains(ch.Members, b) && (a != b || len(ch.Members) == 1) {
			return ch
		}
	}
	members := []string{a}
	if b != a {
		members = append(members, b)
	}
	return &Channel{ID: ws.newID("D"), IsIM: true, IsPrivate: true, User: b, Members: members,
		Created: ws.now().Unix()}
}

// openDirect opens an IM or MPIM for users, storing it if it is new.
func (ws *workspace) openDirect(ch *Channel, users ...string) {
	for _, id := range users {
		ch.setOpen(id, true)
	}
	ws.channels[ch.ID] = ch
}

// post stores a new message from the caller in ch. A message in an IM opens it for both parties, as it
// shows up in the recipient's sidebar too.
func (c *call) post(ch *Channel, text string, blocks, attachments json.RawMessage) *Message {
	if ch.IsIM {
		c.ws.openDirect(ch, ch.Members...)
	}
	m := &Message{TS: c.ws.nextTS(), Channel: ch.ID, User: c.caller.ID, BotID: c.caller.BotID, Text: text,
		Blocks: blocks, Attachments: attachments}
	if c.caller.IsBot && c.arg("username") != "" {
		m.Username, m.Subtype = c.arg("username"), "bot_message"
	}
	c.ws.store(m)
	return m
}

func chatPostMessage(c *call) *answer {
	ch, errAnswer := c.target()
	if errAnswer != nil {
		return errAnswer
	}
	text, blocks, attachments, errAnswer := c.content()
	if errAnswer != nil {
		return errAnswer
	}
	threadTS := c.arg("thread_ts")
	var parent *Message
	if threadTS != "" {
		if parent, _ = c.ws.findMessage(ch.ID, threadTS); parent == nil {
			return fail("thread_not_found")
		}
		if parent.ThreadTS != "" && parent.ThreadTS != parent.TS {
			// A reply's ts: Slack files the new reply under the thread's parent.
			threadTS = parent.ThreadTS
			parent, _ = c.ws.findMessage(ch.ID, threadTS)
		}
	}
	m := c.post(ch, text, blocks, attachments)
	if parent != nil {
		parent.ThreadTS = parent.TS
		m.ThreadTS = parent.TS
		m.ReplyBroadcast = c.flag("reply_broadcast")
	}
	return ok(obj{"channel": ch.ID, "ts": m.TS, "message": c.ws.renderMessage(m)})
}

func chatMeMessage(c *call) *answer {
	ch, errAnswer := c.target()
	if errAnswer != nil {
		return errAnswer
	}
	text := c.form.Get("text")
	if strings.TrimSpace(text) == "" {
		return fail("no_text")
	}
	if utf8.RuneCountInString(text) > maxTextLength {
		return fail("msg_too_long")
	}
	m := c.post(ch, text, nil, nil)
	m.Subtype = "me_message"
	return ok(obj{"channel": ch.ID, "ts": m.TS})
}

// permalink is a message's URL, the way Slack builds it.
func permalink(m *Message) string {
	u := "https://" + TeamDomain + ".slack.com/archives/" + m.Channel + "/p" + strings.Replace(m.TS, ".", "", 1)
	if m.ThreadTS != "" && m.ThreadTS != m.TS {
		u += "?thread_ts=" + m.ThreadTS + "&cid=" + m.Channel
	}
	return u
}

func chatGetPermalink(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	m, _ := c.ws.findMessage(ch.ID, c.arg("message_ts"))
	if m == nil {
		return fail("message_not_found")
	}
	return ok(obj{"channel": ch.ID, "permalink": permalink(m)})
}

// ownMessage finds a message the caller may change: their own, or, where admins may (chat.delete),
// anyone's for an admin.
func (c *call) ownMessage(ch *Channel, ts string, denied string, adminsMay bool) (*Message, int, *answer) {
	m, i := c.ws.findMessage(ch.ID, ts)
	if m == nil || m.Subtype == "tombstone" {
		return nil, -1, fail("message_not_found")
	}
	if m.User != c.caller.ID && !(adminsMay && c.caller.IsAdmin) {
		return nil, -1, fail(denied)
	}
	return m, i, nil
}

func chatDelete(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	m, i, errAnswer := c.ownMessage(ch, c.arg("ts"), "cant_delete_message", true)
	if errAnswer != nil {
		return errAnswer
	}
	if m.ThreadTS == m.TS && len(c.ws.replies(ch.ID, m.TS)) > 0 {
		// A parent with replies stays as a tombstone, so the thread survives.
		*m = Message{TS: m.TS, Channel: m.Channel, ThreadTS: m.ThreadTS, Subtype: "tombstone",
			Text: "This message was deleted."}
	} else {
		c.ws.messages[ch.ID] = slices.Delete(c.ws.messages[ch.ID], i, i+1)
	}
	return ok(obj{"channel": ch.ID, "ts": c.arg("ts")})
}

func chatUnfurl(c *call) *answer {
	raw := c.arg("unfurls")
	if raw == "" {
		return fail("missing_unfurls")
	}
	var unfurls map[string]json.RawMessage
	if !validJSON(raw, '{') || json.Unmarshal([]byte(raw), &unfurls) != nil {
		return fail("invalid_unfurls_format")
	}
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	m, _ := c.ws.findMessage(ch.ID, c.arg("ts"))
	if m == nil {
		return fail("cannot_unfurl_message")
	}
	for link := range unfurls {
		if !strings.Contains(m.Text, link) {
			return fail("cannot_unfurl_url")
		}
	}
	c.ws.unfurls = append(c.ws.unfurls, Unfurl{Channel: ch.ID, TS: m.TS, Unfurls: unfurls})
	return ok(nil)
}

func chatPostEphemeral(c *call) *answer {
	ch, errAnswer := c.writable("channel")
	if errAnswer != nil {
		return errAnswer
	}
	text, _, _, errAnswer := c.content()
	if errAnswer != nil {
		return errAnswer
	}
	user := c.arg("user")
	if !slices.Contains(ch.Members, user) {
		return fail("user_not_in_channel")
	}
	ts := c.ws.nextTS()
	c.ws.ephemerals = append(c.ws.ephemerals, Ephemeral{TS: ts, Channel: ch.ID, User: user, Text: text})
	return ok(obj{"message_ts": ts})
}

func chatUpdate(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	m, _, errAnswer := c.ownMessage(ch, c.arg("ts"), "cant_update_message", false)
	if errAnswer != nil {
		return errAnswer
	}
	text, blocks, attachments, errAnswer := c.content()
	if errAnswer != nil {
		return errAnswer
	}
	// As Slack documents: blocks or attachments left out are kept, and an empty array removes them.
	old := m.Text
	m.Text = text
	if blocks != nil {
		m.Blocks = blocks
		if emptyList(blocks) {
			m.Blocks = nil
		}
	}
	if attachments != nil {
		m.Attachments = attachments
		if emptyList(attachments) {
			m.Attachments = nil
		}
	}
	m.Edits = append(m.Edits, Edit{Text: old, By: c.caller.ID, TS: c.ws.nextTS()})
	m.EditedBy, m.EditedTS = c.caller.ID, m.Edits[len(m.Edits)-1].TS
	return ok(obj{"channel": ch.ID, "ts": m.TS, "text": m.Text, "message": c.ws.renderMessage(m)})
}

// maxMessageBlocks is how many blocks a message may hold.
const maxMessageBlocks = 50

// blockRequired are the fields Slack requires of each block type; a list of names separated by "|"
// needs one of them.
var blockRequired = map[string][]string{
	"section":            {"text|fields"},
	"header":             {"text"},
	"image":              {"alt_text", "image_url|slack_file"},
	"actions":            {"elements"},
	"context":            {"elements"},
	"context_actions":    {"elements"},
	"input":              {"label", "element"},
	"rich_text":          {"elements"},
	"markdown":           {"text"},
	"video":              {"alt_text", "video_url", "thumbnail_url", "title"},
	"file":               {"external_id", "source"},
	"table":              {"rows"},
	"alert":              {"text"},
	"carousel":           {"elements"},
	"container":          {"child_blocks"},
	"data_table":         {"caption", "rows"},
	"data_visualization": {"title", "chart"},
	"plan":               {"title"},
	"task_card":          {"task_id", "title"},
}

// blockProblems returns what Slack would refuse in a message's blocks, a JSON array, in the words of its
// invalid_blocks errors: more than 50 blocks, a block that is not an object, has no type, or lacks a
// field its type requires.
func blockProblems(raw string) []string {
	var list []json.RawMessage
	if json.Unmarshal([]byte(raw), &list) != nil {
		return []string{"must provide an array [json-pointer:/blocks]"}
	}
	var problems []string
	if len(list) > maxMessageBlocks {
		problems = append(problems, fmt.Sprintf("no more than %d items allowed [json-pointer:/blocks]", maxMessageBlocks))
	}
	for i, b := range list {
		ptr := fmt.Sprintf("/blocks/%d", i)
		var fields map[string]json.RawMessage
		if json.Unmarshal(b, &fields) != nil || fields == nil {
			problems = append(problems, "must provide an object [json-pointer:"+ptr+"]")
			continue
		}
		var typ string
		if json.Unmarshal(fields["type"], &typ) != nil || typ == "" {
			problems = append(problems, "missing required field: type [json-pointer:"+ptr+"]")
			continue
		}
		for _, need := range blockRequired[typ] {
			present := false
			for _, name := range strings.Split(need, "|") {
				if v, ok := fields[name]; ok && string(v) != "null" {
					present = true
				}
			}
			if !present {
				first, _, _ := strings.Cut(need, "|")
				problems = append(problems, "missing required field: "+need+" [json-pointer:"+ptr+"/"+first+"]")
			}
		}
	}
	return problems
}

// invalidBlocks is Slack's answer for blocks it refuses: the problems in "errors", and again in
// response_metadata.messages with an "[ERROR] " prefix.
func invalidBlocks(problems []string) *answer {
	messages := make([]string, len(problems))
	for i, p := range problems {
		messages[i] = "[ERROR] " + p
	}
	return failWith("invalid_blocks", obj{"errors": problems, "response_metadata": obj{"messages": messages}})
}
