package slacktest

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// handler answers one method; it runs with the workspace locked.
type handler func(c *call) *answer

// call is one authenticated request being answered.
type call struct {
	s      *Server
	ws     *workspace
	form   url.Values
	files  map[string][]byte
	caller *User
	token  string
}

func (c *call) arg(name string) string { return strings.TrimSpace(c.form.Get(name)) }

// flag reads a boolean argument the way Slack does: "true" or "1".
func (c *call) flag(name string) bool {
	v := strings.ToLower(c.arg(name))
	return v == "true" || v == "1"
}

// limit reads the limit argument: def (or the page size set by WithPageSize) when absent, and ok false
// when it is not a number in range.
func (c *call) limit(def, most int) (int, bool) {
	if c.ws.pageSize > 0 {
		def = min(c.ws.pageSize, most)
	}
	v := c.arg("limit")
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, false
	}
	if n == 0 {
		return def, true
	}
	return min(n, most), true
}

// canSee reports whether the caller can see a conversation: public channels, and private ones, IMs and
// MPIMs the caller belongs to.
func (c *call) canSee(ch *Channel) bool {
	if !ch.IsPrivate && !ch.IsIM && !ch.IsMPIM {
		return true
	}
	return slices.Contains(ch.Members, c.caller.ID)
}

// conversation finds the conversation named by the argument, as the caller may see it.
func (c *call) conversation(arg string) (*Channel, *answer) {
	ch, found := c.ws.channel(c.arg(arg))
	if !found || !c.canSee(ch) {
		return nil, fail("channel_not_found")
	}
	return ch, nil
}

// writable finds a conversation the caller must belong to, and that must not be archived.
func (c *call) writable(arg string) (*Channel, *answer) {
	ch, errAnswer := c.conversation(arg)
	if errAnswer != nil {
		return nil, errAnswer
	}
	if ch.IsArchived {
		return nil, fail("is_archived")
	}
	if !slices.Contains(ch.Members, c.caller.ID) {
		return nil, fail("not_in_channel")
	}
	return ch, nil
}

// userArg finds the user named by an argument; empty means the caller when self is true.
func (c *call) userArg(arg string, self bool) (*User, *answer) {
	id := c.arg(arg)
	if id == "" && self {
		return c.caller, nil
	}
	u, found := c.ws.users[id]
	if !found {
		return nil, fail("user_not_found")
	}
	return u, nil
}

// --- Cursors: like Slack's, base64 of "<kind>:<position>".

func encodeCursor(kind, pos string) string {
	return base64.StdEncoding.EncodeToString([]byte(kind + ":" + pos))
}

// decodeCursor returns the position of a cursor of the given kind, or ok false if it is not one.
func decodeCursor(kind, cursor string) (string, bool) {
	raw, err := base64.StdEncoding.DecodeString(cursor)
	if err != nil {
		return "", false
	}
	pos, found := strings.CutPrefix(string(raw), kind+":")
	return pos, found && pos != ""
}

// pageByID pages sorted items whose cursor names the ID of the first item of the next page. It returns
// the page, the next cursor, and Slack's error answer for a bad limit or cursor.
func pageByID[T any](c *call, kind string, items []T, id func(T) string, def int) ([]T, string, *answer) {
	limit, valid := c.limit(def, 1000)
	if !valid {
		return nil, "", fail("invalid_limit")
	}
	start := 0
	if cur := c.arg("cursor"); cur != "" {
		pos, valid := decodeCursor(kind, cur)
		if !valid {
			return nil, "", fail("invalid_cursor")
		}
		start = len(items)
		for i, it := range items {
			if id(it) >= pos {
				start = i
				break
			}
		}
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = encodeCursor(kind, id(items[end]))
	}
	return items[start:end], next, nil
}

// pageMeta is the response_metadata of a page.
func pageMeta(next string) obj { return obj{"next_cursor": next} }

// --- Rendering objects the way Slack does.

func (ws *workspace) renderUser(u *User, locale bool) obj {
	o := obj{
		"id": u.ID, "team_id": TeamID, "name": u.Name, "deleted": u.Deleted, "color": "9f69e7",
		"real_name": u.RealName, "tz": u.TZ, "tz_label": tzLabel(u.TZ), "tz_offset": u.TZOffset,
		"profile": ws.renderProfile(u, false), "is_admin": u.IsAdmin, "is_owner": u.IsOwner,
		"is_primary_owner": u.IsOwner, "is_restricted": false, "is_ultra_restricted": false, "is_bot": u.IsBot,
		"is_app_user": false, "updated": u.Updated, "is_email_confirmed": u.Email != "",
	}
	if u.TZ == "" {
		o["tz"], o["tz_label"] = "America/Los_Angeles", "Pacific Standard Time"
	}
	if locale {
		o["locale"] = "en-US"
	}
	return o
}

func tzLabel(tz string) string {
	switch tz {
	case "Europe/London":
		return "Greenwich Mean Time"
	case "America/New_York":
		return "Eastern Standard Time"
	}
	return "Pacific Standard Time"
}

func (ws *workspace) renderProfile(u *User, labels bool) obj {
	image := "https://avatars.slack-edge.com/" + u.ID
	if !u.HasPhoto {
		image = "https://secure.gravatar.com/avatar/" + u.ID
	}
	p := obj{
		"real_name": u.RealName, "real_name_normalized": u.RealName, "display_name": u.Name,
		"display_name_normalized": u.Name, "email": u.Email, "team": TeamID, "avatar_hash": "g" + u.ID,
		"status_text": "", "status_emoji": "", "status_expiration": 0, "title": "", "phone": "", "skype": "",
		"first_name": firstWord(u.RealName), "last_name": lastWords(u.RealName), "is_custom_image": u.HasPhoto,
	}
	for _, size := range []string{"24", "32", "48", "72", "192", "512"} {
		p["image_"+size] = image + "_" + size + ".png"
	}
	if u.IsBot {
		p["bot_id"], p["api_app_id"], p["always_active"] = u.BotID, AppID, true
		delete(p, "email")
	}
	for k, v := range u.Profile {
		p[k] = v
	}
	if fields, ok := p["fields"].(map[string]any); ok && labels {
		// Label copies, so the stored profile keeps no labels.
		labelled := make(map[string]any, len(fields))
		for id, f := range fields {
			if m, ok := f.(map[string]any); ok {
				m = maps.Clone(m)
				m["label"] = "Field " + id
				f = m
			}
			labelled[id] = f
		}
		p["fields"] = labelled
	}
	return p
}

func firstWord(s string) string {
	first, _, _ := strings.Cut(s, " ")
	return first
}

func lastWords(s string) string {
	_, rest, _ := strings.Cut(s, " ")
	return rest
}

// renderChannel renders a conversation as the caller sees it. Slack sends "updated" in milliseconds.
func (ws *workspace) renderChannel(ch *Channel, viewer string) obj {
	if ch.IsIM {
		other := ch.User
		for _, m := range ch.Members {
			if m != viewer {
				other = m
			}
		}
		u := ws.users[other]
		return obj{
			"id": ch.ID, "created": ch.Created, "is_im": true, "is_org_shared": false, "user": other,
			"is_user_deleted": u != nil && u.Deleted, "priority": 0, "is_open": ch.isOpenFor(viewer),
			"last_read": orZeroTS(ch.lastReadBy(viewer)),
		}
	}
	// Slack calls a private channel a group only if it dates from before March 2021, when their IDs began
	// with G; later private channels are channels with is_private set.
	isGroup := ch.IsPrivate && !ch.IsMPIM && strings.HasPrefix(ch.ID, "G")
	o := obj{
		"id": ch.ID, "name": ch.Name, "name_normalized": ch.Name, "created": ch.Created, "creator": ch.Creator,
		"is_channel": !isGroup && !ch.IsMPIM, "is_group": isGroup, "is_im": false,
		"is_mpim": ch.IsMPIM, "is_private": ch.IsPrivate || ch.IsMPIM, "is_archived": ch.IsArchived,
		"is_general": ch.IsGeneral, "is_shared": false, "is_ext_shared": false, "is_org_shared": false,
		"is_pending_ext_shared": false, "pending_shared": []string{}, "is_read_only": false,
		"is_member": slices.Contains(ch.Members, viewer), "unlinked": 0,
		"updated":        ws.now().UnixMilli(),
		"topic":          renderText(ch.Topic, ch.TopicCreator, ch.TopicLastSet, ch),
		"purpose":        renderText(ch.Purpose, ch.PurposeCreator, ch.PurposeLastSet, ch),
		"previous_names": append([]string{}, ch.PreviousNames...),
	}
	if read := ch.lastReadBy(viewer); read != "" {
		o["last_read"] = read
	}
	if ch.IsMPIM {
		o["is_open"] = ch.isOpenFor(viewer)
	}
	return o
}

func orZeroTS(ts string) string {
	if ts == "" {
		return "0000000000.000000"
	}
	return ts
}

// renderText renders a topic or purpose: who set it and when, or, for one set without a record of it (a
// seeded channel), the channel's creator at its creation.
func renderText(value, setBy string, setAt int64, ch *Channel) obj {
	if setBy == "" {
		setBy, setAt = creatorIf(value, ch.Creator), lastSet(value, ch.Created)
	}
	return obj{"value": value, "creator": setBy, "last_set": setAt}
}

func creatorIf(value, creator string) string {
	if value == "" {
		return ""
	}
	return creator
}

func lastSet(value string, t int64) int64 {
	if value == "" {
		return 0
	}
	return t
}

// renderMessage renders a stored message.
func (ws *workspace) renderMessage(m *Message) obj {
	o := obj{"type": "message", "ts": m.TS, "text": m.Text, "team": TeamID}
	if m.User != "" {
		o["user"] = m.User
	}
	if m.BotID != "" {
		o["bot_id"] = m.BotID
		if b, ok := ws.bots[m.BotID]; ok {
			o["app_id"] = b.AppID
			o["bot_profile"] = obj{"id": b.ID, "app_id": b.AppID, "name": b.Name, "deleted": b.Deleted,
				"updated": b.Updated, "team_id": TeamID, "icons": obj{"image_48": "https://a.slack-edge.com/bot_48.png"}}
		}
	}
	if m.Subtype != "" {
		o["subtype"] = m.Subtype
	}
	if m.Username != "" {
		o["username"] = m.Username
	}
	if len(m.Blocks) > 0 {
		o["blocks"] = m.Blocks
	}
	if len(m.Attachments) > 0 {
		o["attachments"] = m.Attachments
	}
	if m.EditedTS != "" {
		o["edited"] = obj{"user": m.EditedBy, "ts": m.EditedTS}
	}
	if len(m.Files) > 0 {
		o["files"], o["upload"], o["display_as_bot"] = ws.renderFiles(m.Files), true, false
	}
	if m.ThreadTS != "" {
		o["thread_ts"] = m.ThreadTS
		if m.ThreadTS == m.TS {
			replies := ws.replies(m.Channel, m.TS)
			var users []string
			for _, r := range replies {
				if !slices.Contains(users, r.User) {
					users = append(users, r.User)
				}
			}
			o["reply_count"], o["reply_users_count"], o["reply_users"] = len(replies), len(users), users
			if len(replies) > 0 {
				o["latest_reply"] = replies[len(replies)-1].TS
			}
			o["subscribed"] = false
		} else if parent, _ := ws.findMessage(m.Channel, m.ThreadTS); parent != nil {
			o["parent_user_id"] = parent.User
		}
	}
	if len(m.Reactions) > 0 {
		o["reactions"] = renderReactions(m.Reactions)
	}
	if m.Pin != nil {
		o["pinned_to"] = []string{m.Channel}
	}
	return o
}

// validJSON reports whether s is JSON of the given kind ('[' or '{').
func validJSON(s string, kind byte) bool {
	s = strings.TrimSpace(s)
	return s != "" && s[0] == kind && json.Valid([]byte(s))
}
