package slacktest

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

var conversationsHandlers = map[string]handler{
	"conversations.archive":    conversationsArchive,
	"conversations.close":      conversationsClose,
	"conversations.create":     conversationsCreate,
	"conversations.history":    conversationsHistory,
	"conversations.info":       conversationsInfo,
	"conversations.invite":     conversationsInvite,
	"conversations.join":       conversationsJoin,
	"conversations.kick":       conversationsKick,
	"conversations.leave":      conversationsLeave,
	"conversations.list":       conversationsList,
	"conversations.members":    conversationsMembers,
	"conversations.open":       conversationsOpen,
	"conversations.rename":     conversationsRename,
	"conversations.replies":    conversationsReplies,
	"conversations.setPurpose": conversationsSetPurpose,
	"conversations.setTopic":   conversationsSetTopic,
	"conversations.unarchive":  conversationsUnarchive,
}

// The operations below are shared by conversations.*, groups.* and im.*: each family finds the
// conversation its own way (channelLike, group, directMessage) and answers with its own keys.

// isDirect reports whether ch is an IM or an MPIM.
func isDirect(ch *Channel) bool { return ch.IsIM || ch.IsMPIM }

// isMember reports whether user belongs to ch.
func isMember(ch *Channel, user string) bool { return slices.Contains(ch.Members, user) }

// channelLike finds a channel or private channel the caller can see, for the methods that do not apply to
// IMs and MPIMs.
func (c *call) channelLike(arg string) (*Channel, *answer) {
	ch, errAnswer := c.conversation(arg)
	if errAnswer != nil {
		return nil, errAnswer
	}
	if isDirect(ch) {
		return nil, fail("method_not_supported_for_channel_type")
	}
	return ch, nil
}

// readable finds a conversation whose messages the caller may read: one it can see, where a bot must also
// be a member of a public channel.
func (c *call) readable(arg string) (*Channel, *answer) {
	ch, errAnswer := c.conversation(arg)
	if errAnswer != nil {
		return nil, errAnswer
	}
	if c.caller.IsBot && !isMember(ch, c.caller.ID) {
		return nil, fail("not_in_channel")
	}
	return ch, nil
}

// splitList reads a comma-separated list of IDs: trimmed, without empty entries or repeats.
func splitList(s string) []string {
	var ids []string
	for id := range strings.SplitSeq(s, ",") {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// --- Names.

// maxNameLength is the longest conversation name Slack accepts.
const maxNameLength = 80

func nameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// nameProblem is Slack's error code for a conversation name it refuses, or "".
func nameProblem(name string) string {
	switch {
	case name == "":
		return "invalid_name_required"
	case utf8.RuneCountInString(name) > maxNameLength:
		return "invalid_name_maxlength"
	case strings.ContainsFunc(name, func(r rune) bool { return !nameRune(r) }):
		return "invalid_name_specials"
	case strings.Trim(name, "-_") == "":
		return "invalid_name_punctuation"
	}
	return ""
}

// fixName makes a name meet Slack's rules, as the legacy groups.create and groups.rename do unless told
// to validate: lower case, spaces as '-', other characters Slack refuses as '_', at most 80 characters.
func fixName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case nameRune(r):
			return r
		case r == ' ':
			return '-'
		}
		return '_'
	}, strings.ToLower(strings.TrimPrefix(name, "#")))
	if utf8.RuneCountInString(name) > maxNameLength {
		name = string([]rune(name)[:maxNameLength])
	}
	return name
}

// checkName answers Slack's error for a name that self (nil for a new conversation) may not take.
func (ws *workspace) checkName(name string, self *Channel) *answer {
	if code := nameProblem(name); code != "" {
		return fail(code)
	}
	if ws.nameTaken(name, self) {
		return fail("name_taken")
	}
	return nil
}

// nameTaken reports whether a conversation other than self (channel, private channel or MPIM) has name.
func (ws *workspace) nameTaken(name string, self *Channel) bool {
	for _, ch := range ws.channels {
		if ch != self && !ch.IsIM && ch.Name == name {
			return true
		}
	}
	return false
}

// --- Operations on channels and private channels.

// create makes a new channel (a private one if private) named name, with the caller and members in it.
// The name must have been checked.
func (c *call) create(prefix, name string, private bool, members []string) *Channel {
	ch := &Channel{ID: c.ws.newID(prefix), Name: name, IsPrivate: private, Creator: c.caller.ID,
		Created: c.ws.now().Unix(), OpenFor: []string{c.caller.ID}, Members: []string{c.caller.ID}}
	for _, id := range members {
		if !isMember(ch, id) {
			ch.Members = append(ch.Members, id)
		}
	}
	c.ws.channels[ch.ID] = ch
	return ch
}

// rename renames ch, keeping its old name in PreviousNames. Members may rename; a human must also be the
// creator or an admin.
func (c *call) rename(ch *Channel, name string) *answer {
	switch {
	case !isMember(ch, c.caller.ID):
		return fail("not_in_channel")
	case ch.IsArchived:
		return fail("is_archived")
	case !c.caller.IsBot && !c.caller.IsAdmin && c.caller.ID != ch.Creator:
		return fail("not_authorized")
	}
	if errAnswer := c.ws.checkName(name, ch); errAnswer != nil {
		return errAnswer
	}
	if name != ch.Name {
		ch.PreviousNames = append(ch.PreviousNames, ch.Name)
		ch.Name = name
	}
	return nil
}

func (c *call) archive(ch *Channel) *answer {
	switch {
	case ch.IsGeneral:
		return fail("cant_archive_general")
	case ch.IsArchived:
		return fail("already_archived")
	case !isMember(ch, c.caller.ID):
		return fail("not_in_channel")
	}
	ch.IsArchived = true
	return nil
}

// unarchive restores an archived channel; as for archive, the caller must be a member.
func (c *call) unarchive(ch *Channel) *answer {
	switch {
	case !ch.IsArchived:
		return fail("not_archived")
	case !isMember(ch, c.caller.ID):
		return fail("not_in_channel")
	}
	ch.IsArchived = false
	return nil
}

// invite adds users to ch. already reports whether some of them were members; when alreadyFails, that
// is the already_in_channel error. A failed invite changes nothing.
func (c *call) invite(ch *Channel, users []string, alreadyFails bool) (already bool, errAnswer *answer) {
	switch {
	case ch.IsArchived:
		return false, fail("is_archived")
	case !isMember(ch, c.caller.ID):
		return false, fail("not_in_channel")
	}
	var add []string
	for _, id := range users {
		u, found := c.ws.users[id]
		switch {
		case !found:
			return false, fail("user_not_found")
		case id == c.caller.ID:
			return false, fail("cant_invite_self")
		case u.Deleted:
			return false, fail("cant_invite")
		case isMember(ch, id):
			if alreadyFails {
				return false, fail("already_in_channel")
			}
			already = true
		default:
			add = append(add, id)
		}
	}
	ch.Members = append(ch.Members, add...)
	return already, nil
}

// kick removes the user named by the user argument from ch; notMember is the code for a caller or a
// user who does not belong.
func (c *call) kick(ch *Channel, notMember string) *answer {
	u, errAnswer := c.userArg("user", false)
	if errAnswer != nil {
		return errAnswer
	}
	switch {
	case u.ID == c.caller.ID:
		return fail("cant_kick_self")
	case ch.IsGeneral:
		return fail("cant_kick_from_general")
	case ch.IsArchived:
		return fail("is_archived")
	case !isMember(ch, c.caller.ID) || !isMember(ch, u.ID):
		return fail(notMember)
	}
	ch.removeMember(u.ID)
	return nil
}

// leave takes the caller out of ch; notIn reports that the caller was not a member, which Slack answers
// with ok.
func (c *call) leave(ch *Channel) (notIn bool, errAnswer *answer) {
	switch {
	case ch.IsGeneral:
		return false, fail("cant_leave_general")
	case ch.IsArchived:
		return false, fail("is_archived")
	case !isMember(ch, c.caller.ID):
		return true, nil
	case ch.IsPrivate && len(ch.Members) == 1:
		return false, fail("last_member")
	}
	ch.removeMember(c.caller.ID)
	return false, nil
}

// maxTopicLength is the longest topic or purpose Slack accepts.
const maxTopicLength = 250

// setText sets ch's "topic" or "purpose" from the argument of that name, recording who set it and when.
func (c *call) setText(ch *Channel, field string) *answer {
	value := c.form.Get(field)
	switch {
	case ch.IsArchived:
		return fail("is_archived")
	case !isMember(ch, c.caller.ID):
		return fail("not_in_channel")
	case utf8.RuneCountInString(value) > maxTopicLength:
		return fail("too_long")
	}
	now := c.ws.now().Unix()
	if field == "topic" {
		ch.Topic, ch.TopicCreator, ch.TopicLastSet = value, c.caller.ID, now
	} else {
		ch.Purpose, ch.PurposeCreator, ch.PurposeLastSet = value, c.caller.ID, now
	}
	return nil
}

// mark records the ts argument as the last message the caller read in ch.
func (c *call) mark(ch *Channel) *answer {
	ts := c.arg("ts")
	if _, valid := tsMicros(ts); !valid {
		return fail("invalid_timestamp")
	}
	ch.markRead(c.caller.ID, ts)
	return nil
}

// renderInfo renders ch for conversations.info and groups.info, with the locale and member count asked
// for.
func (c *call) renderInfo(ch *Channel) obj {
	o := c.ws.renderChannel(ch, c.caller.ID)
	if c.flag("include_locale") {
		o["locale"] = "en-US"
	}
	if c.flag("include_num_members") {
		o["num_members"] = len(ch.Members)
	}
	return o
}

// --- IMs and MPIMs.

// openableUsers checks the users a direct conversation is opened with.
func (c *call) openableUsers(ids []string) *answer {
	for _, id := range ids {
		u, found := c.ws.users[id]
		if !found {
			return fail("user_not_found")
		}
		if u.Deleted {
			return fail("user_disabled")
		}
	}
	return nil
}

// maxMPIMOthers is how many people besides the caller an MPIM holds at most.
const maxMPIMOthers = 8

// directWith returns the caller's conversation with users (the caller may be among them): the IM with
// one other user (or the caller's own with none), an MPIM with several. A new IM or MPIM is made unless
// create is false, in which case ch is nil; it is stored only once opened.
func (c *call) directWith(users []string, create bool) (*Channel, *answer) {
	others := slices.DeleteFunc(slices.Clone(users), func(id string) bool { return id == c.caller.ID })
	if len(others) > maxMPIMOthers {
		return nil, fail("too_many_users")
	}
	if len(others) <= 1 {
		other := c.caller.ID
		if len(others) == 1 {
			other = others[0]
		}
		ch := c.ws.imWith(c.caller.ID, other)
		if _, stored := c.ws.channels[ch.ID]; !stored && !create {
			return nil, nil
		}
		return ch, nil
	}
	members := append([]string{c.caller.ID}, others...)
	for _, ch := range c.ws.channels {
		if ch.IsMPIM && len(ch.Members) == len(members) &&
			!slices.ContainsFunc(members, func(id string) bool { return !isMember(ch, id) }) {
			return ch, nil
		}
	}
	if !create {
		return nil, nil
	}
	names := make([]string, len(members))
	for i, id := range members {
		names[i] = c.ws.users[id].Name
	}
	return &Channel{ID: c.ws.newID("G"), Name: "mpdm-" + strings.Join(names, "--") + "-1", IsMPIM: true,
		IsPrivate: true, Creator: c.caller.ID, Created: c.ws.now().Unix(), Members: members}, nil
}

// open opens an IM or MPIM for the caller and answers as conversations.open and im.open do: the channel's
// ID (its full object with return_im, with the locale when include_locale is set too), and no_op and
// already_open when the caller had it open already.
func (c *call) open(ch *Channel) *answer {
	a := ok(nil)
	if ch.isOpenFor(c.caller.ID) {
		a.body["no_op"], a.body["already_open"] = true, true
	}
	c.ws.openDirect(ch, c.caller.ID)
	channel := obj{"id": ch.ID}
	if c.flag("return_im") {
		channel = c.ws.renderChannel(ch, c.caller.ID)
		if c.flag("include_locale") {
			channel["locale"] = "en-US"
		}
	}
	a.body["channel"] = channel
	return a
}

// closeDirect closes an IM or MPIM for the caller; closing a closed one is ok with no_op and
// already_closed.
func (c *call) closeDirect(ch *Channel) *answer {
	if !ch.isOpenFor(c.caller.ID) {
		return ok(obj{"no_op": true, "already_closed": true})
	}
	ch.setOpen(c.caller.ID, false)
	return ok(nil)
}

// --- Messages.

// tsMicros parses a Slack timestamp ("1512085950.000216", "1512085950", "0") into microseconds.
func tsMicros(ts string) (int64, bool) {
	sec, frac, _ := strings.Cut(ts, ".")
	digits := func(s string) bool { return !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) }
	if sec == "" || len(sec) > 12 || !digits(sec) || !digits(frac) {
		return 0, false
	}
	frac = (frac + "000000")[:6]
	s, _ := strconv.ParseInt(sec, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	return s*1_000_000 + f, true
}

// window is the time range a history request asks for, in microseconds.
type window struct {
	oldest, latest int64
	inclusive      bool
}

// window reads the oldest, latest and inclusive arguments: by default, all time.
func (c *call) window() (window, *answer) {
	w := window{latest: math.MaxInt64, inclusive: c.flag("inclusive")}
	for _, bound := range []struct {
		arg string
		to  *int64
	}{{"latest", &w.latest}, {"oldest", &w.oldest}} {
		if v := c.arg(bound.arg); v != "" {
			n, valid := tsMicros(v)
			if !valid {
				return w, fail("invalid_ts_" + bound.arg)
			}
			*bound.to = n
		}
	}
	return w, nil
}

func (w window) holds(ts string) bool {
	n, _ := tsMicros(ts)
	if w.inclusive {
		return w.oldest <= n && n <= w.latest
	}
	return w.oldest < n && n < w.latest
}

// timeline returns the messages shown in ch itself (thread replies only when broadcast) within w,
// newest first.
func (ws *workspace) timeline(ch *Channel, w window) []*Message {
	var out []*Message
	for _, m := range ws.messages[ch.ID] {
		if (m.ThreadTS == "" || m.ThreadTS == m.TS || m.ReplyBroadcast) && w.holds(m.TS) {
			out = append(out, m)
		}
	}
	slices.Reverse(out)
	return out
}

// thread returns the thread holding the message with ts in ch (its parent, or one of its replies): the
// parent first, then the replies oldest first. A message without replies is a thread of one.
func (c *call) thread(ch *Channel, ts string) ([]*Message, *answer) {
	m, _ := c.ws.findMessage(ch.ID, ts)
	if m != nil && m.ThreadTS != "" && m.ThreadTS != m.TS {
		m, _ = c.ws.findMessage(ch.ID, m.ThreadTS)
	}
	if m == nil || ts == "" {
		return nil, fail("thread_not_found")
	}
	return append([]*Message{m}, c.ws.replies(ch.ID, m.TS)...), nil
}

// historyCursor is the kind of the cursors of conversations.history and conversations.replies.
const historyCursor = "next_ts"

// pageMessages pages msgs, given in the order answered (newest first when newestFirst): the cursor names
// the ts of the first message of the next page.
func pageMessages(c *call, msgs []*Message, newestFirst bool) ([]*Message, string, *answer) {
	limit, valid := c.limit(c.s.limits.historyPage(100, 1000))
	if !valid {
		return nil, "", fail("invalid_limit")
	}
	start := 0
	if cur := c.arg("cursor"); cur != "" {
		pos, valid := decodeCursor(historyCursor, cur)
		at, validTS := tsMicros(pos)
		if !valid || !validTS {
			return nil, "", fail("invalid_cursor")
		}
		start = len(msgs)
		for i, m := range msgs {
			if n, _ := tsMicros(m.TS); newestFirst && n <= at || !newestFirst && n >= at {
				start = i
				break
			}
		}
	}
	end := min(start+limit, len(msgs))
	next := ""
	if end < len(msgs) {
		next = encodeCursor(historyCursor, msgs[end].TS)
	}
	return msgs[start:end], next, nil
}

func (ws *workspace) renderMessages(msgs []*Message) []obj {
	out := make([]obj, len(msgs))
	for i, m := range msgs {
		out[i] = ws.renderMessage(m)
	}
	return out
}

// messagePage answers a page of conversations.history or conversations.replies.
func (c *call) messagePage(msgs []*Message, newestFirst bool, extra obj) *answer {
	page, next, errAnswer := pageMessages(c, msgs, newestFirst)
	if errAnswer != nil {
		return errAnswer
	}
	a := ok(extra)
	a.body["messages"], a.body["has_more"] = c.ws.renderMessages(page), next != ""
	if next != "" {
		a.body["response_metadata"] = pageMeta(next)
	}
	return a
}

// legacyHistory answers im.history and groups.history: the newest count messages of the window, newest
// first, with has_more; no cursor, callers page by moving latest. As Slack documents, a window given by
// oldest alone answers the count messages closest to oldest instead (still newest first), so that callers
// can page forward.
func (c *call) legacyHistory(ch *Channel) *answer {
	w, errAnswer := c.window()
	if errAnswer != nil {
		return errAnswer
	}
	count := 100
	if c.ws.pageSize > 0 {
		count = c.ws.pageSize
	}
	if n, err := strconv.Atoi(c.arg("count")); err == nil && n > 0 {
		count = min(n, 1000)
	}
	msgs := c.ws.timeline(ch, w)
	page := msgs[:min(count, len(msgs))]
	if c.arg("oldest") != "" && c.arg("latest") == "" {
		page = msgs[max(len(msgs)-count, 0):]
	}
	// Slack always answers latest: the caller's, else the newest message's ts (or now, for no message).
	latest := c.arg("latest")
	switch {
	case latest != "":
	case len(page) > 0:
		latest = page[0].TS
	default:
		latest = c.ws.nowTS()
	}
	a := ok(obj{"messages": c.ws.renderMessages(page), "has_more": len(msgs) > count, "latest": latest})
	if c.flag("unreads") {
		read, _ := tsMicros(ch.lastReadBy(c.caller.ID))
		unread := 0
		for _, m := range c.ws.timeline(ch, window{latest: math.MaxInt64}) {
			if n, _ := tsMicros(m.TS); n > read && m.User != c.caller.ID {
				unread++
			}
		}
		a.body["unread_count_display"] = unread
	}
	return a
}

// legacyReplies answers im.replies and groups.replies: a whole thread, parent first.
func (c *call) legacyReplies(ch *Channel) *answer {
	msgs, errAnswer := c.thread(ch, c.arg("thread_ts"))
	if errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"messages": c.ws.renderMessages(msgs), "has_more": false})
}

// --- conversations.* handlers.

// channelOp answers a method that finds a channel or private channel, applies op and answers ok, with the
// channel when render is set.
func channelOp(op func(c *call, ch *Channel) *answer, render bool) handler {
	return func(c *call) *answer {
		ch, errAnswer := c.channelLike("channel")
		if errAnswer != nil {
			return errAnswer
		}
		if errAnswer := op(c, ch); errAnswer != nil {
			return errAnswer
		}
		if !render {
			return ok(nil)
		}
		return ok(obj{"channel": c.ws.renderChannel(ch, c.caller.ID)})
	}
}

var (
	conversationsArchive    = channelOp((*call).archive, false)
	conversationsUnarchive  = humansOnly(channelOp((*call).unarchive, false))
	conversationsKick       = channelOp(func(c *call, ch *Channel) *answer { return c.kick(ch, "not_in_channel") }, false)
	conversationsRename     = channelOp(func(c *call, ch *Channel) *answer { return c.rename(ch, c.arg("name")) }, true)
	conversationsSetTopic   = channelOp(func(c *call, ch *Channel) *answer { return c.setText(ch, "topic") }, true)
	conversationsSetPurpose = channelOp(func(c *call, ch *Channel) *answer { return c.setText(ch, "purpose") }, true)
)

func conversationsCreate(c *call) *answer {
	name := c.arg("name")
	if errAnswer := c.ws.checkName(name, nil); errAnswer != nil {
		return errAnswer
	}
	users := splitList(c.arg("user_ids"))
	for _, id := range users {
		// Slack documents no code for a deactivated user here; it is as unknown as one that never was.
		if u, found := c.ws.users[id]; !found || u.Deleted {
			return fail("user_not_found")
		}
	}
	ch := c.create("C", name, c.flag("is_private"), users)
	return ok(obj{"channel": c.ws.renderChannel(ch, c.caller.ID)})
}

func conversationsInfo(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"channel": c.renderInfo(ch)})
}

// maxInvites is how many users one conversations.invite takes.
const maxInvites = 1000

func conversationsInvite(c *call) *answer {
	ch, errAnswer := c.channelLike("channel")
	if errAnswer != nil {
		return errAnswer
	}
	users := splitList(c.arg("users"))
	switch {
	case len(users) == 0:
		return fail("no_user")
	case len(users) > maxInvites:
		return fail("too_many_users")
	}
	if _, errAnswer := c.invite(ch, users, true); errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"channel": c.ws.renderChannel(ch, c.caller.ID)})
}

func conversationsJoin(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	switch {
	case ch.IsPrivate || isDirect(ch):
		return fail("method_not_supported_for_channel_type")
	case ch.IsArchived:
		return fail("is_archived")
	case isMember(ch, c.caller.ID):
		return ok(obj{"channel": c.ws.renderChannel(ch, c.caller.ID), "already_in_channel": true,
			"warning": "already_in_channel", "response_metadata": obj{"warnings": []string{"already_in_channel"}}})
	}
	ch.Members = append(ch.Members, c.caller.ID)
	return ok(obj{"channel": c.ws.renderChannel(ch, c.caller.ID)})
}

func conversationsLeave(c *call) *answer {
	ch, errAnswer := c.channelLike("channel")
	if errAnswer != nil {
		return errAnswer
	}
	notIn, errAnswer := c.leave(ch)
	if errAnswer != nil {
		return errAnswer
	}
	if notIn {
		// Slack's documented answer for a caller who was not in the conversation: ok false, but no error.
		return &answer{status: http.StatusOK, body: obj{"ok": false, "not_in_channel": true}}
	}
	return ok(nil)
}

// conversationsList lists the conversations the caller can see; channels carry num_members, as Slack sends.
func conversationsList(c *call) *answer {
	a := listConversations(c, "team", "channels", c.canSee)
	list, _ := a.body["channels"].([]obj)
	for _, o := range list {
		if ch := c.ws.channels[o["id"].(string)]; ch != nil && !ch.IsIM {
			o["num_members"] = len(ch.Members)
		}
	}
	return a
}

func conversationsMembers(c *call) *answer {
	ch, errAnswer := c.conversation("channel")
	if errAnswer != nil {
		return errAnswer
	}
	members := slices.Sorted(slices.Values(ch.Members))
	page, next, errAnswer := pageByID(c, "user_id", members, func(id string) string { return id }, 100)
	if errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"members": append([]string{}, page...), "response_metadata": pageMeta(next)})
}

func conversationsOpen(c *call) *answer {
	if c.arg("channel") != "" {
		ch, errAnswer := c.conversation("channel")
		if errAnswer != nil {
			return errAnswer
		}
		if !isDirect(ch) {
			return fail("method_not_supported_for_channel_type")
		}
		return c.open(ch)
	}
	users := splitList(c.arg("users"))
	if len(users) == 0 {
		return fail("users_list_not_supplied")
	}
	if errAnswer := c.openableUsers(users); errAnswer != nil {
		return errAnswer
	}
	ch, errAnswer := c.directWith(users, !c.flag("prevent_creation"))
	if errAnswer != nil {
		return errAnswer
	}
	if ch == nil {
		return fail("channel_not_found")
	}
	return c.open(ch)
}

func conversationsClose(c *call) *answer {
	ch, found := c.ws.channel(c.arg("channel"))
	switch {
	case !found || !isDirect(ch) && !c.canSee(ch):
		return fail("channel_not_found")
	case !isDirect(ch):
		return fail("method_not_supported_for_channel_type")
	case !isMember(ch, c.caller.ID):
		return fail("user_does_not_own_channel")
	}
	return c.closeDirect(ch)
}

func conversationsHistory(c *call) *answer {
	ch, errAnswer := c.readable("channel")
	if errAnswer != nil {
		return errAnswer
	}
	w, errAnswer := c.window()
	if errAnswer != nil {
		return errAnswer
	}
	return c.messagePage(c.ws.timeline(ch, w), true, obj{"pin_count": c.ws.pinCount(ch)})
}

func conversationsReplies(c *call) *answer {
	ch, errAnswer := c.readable("channel")
	if errAnswer != nil {
		return errAnswer
	}
	w, errAnswer := c.window()
	if errAnswer != nil {
		return errAnswer
	}
	thread, errAnswer := c.thread(ch, c.arg("ts"))
	if errAnswer != nil {
		return errAnswer
	}
	thread = slices.DeleteFunc(thread, func(m *Message) bool { return !w.holds(m.TS) })
	return c.messagePage(thread, false, nil)
}
