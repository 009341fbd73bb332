package slacktest

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// groups.* are the retired methods for private channels: they see only the private channels (not IMs or
// MPIMs) the caller belongs to, and answer with Slack's legacy keys. The work is done by the operations in
// conversations.go.
var groupsHandlers = map[string]handler{
	"groups.archive":     humansOnly(groupOp((*call).archive, nil)),
	"groups.create":      humansOnly(groupsCreate),
	"groups.createChild": humansOnly(groupsCreateChild),
	"groups.history":     groupOp(nil, (*call).legacyHistory),
	"groups.info":        groupOp(nil, func(c *call, ch *Channel) *answer { return ok(obj{"group": c.renderGroup(ch, true)}) }),
	"groups.invite":      humansOnly(groupsInvite),
	"groups.kick":        humansOnly(groupOp(func(c *call, ch *Channel) *answer { return c.kick(ch, "not_in_group") }, nil)),
	"groups.leave": humansOnly(groupOp(func(c *call, ch *Channel) *answer {
		_, errAnswer := c.leave(ch)
		return errAnswer
	}, nil)),
	"groups.list": groupsList,
	"groups.mark": groupOp((*call).mark, nil),
	"groups.open": groupOp(nil, groupsOpen),
	"groups.rename": humansOnly(groupOp(nil, func(c *call, ch *Channel) *answer {
		if errAnswer := c.rename(ch, c.groupName()); errAnswer != nil {
			return errAnswer
		}
		return ok(obj{"channel": c.renderGroup(ch, false)})
	})),
	"groups.replies": humansOnly(groupOp(nil, (*call).legacyReplies)),
	"groups.setPurpose": groupOp(func(c *call, ch *Channel) *answer { return c.setText(ch, "purpose") },
		func(c *call, ch *Channel) *answer { return ok(obj{"purpose": ch.Purpose}) }),
	"groups.setTopic": groupOp(func(c *call, ch *Channel) *answer { return c.setText(ch, "topic") },
		func(c *call, ch *Channel) *answer { return ok(obj{"topic": ch.Topic}) }),
	"groups.unarchive": humansOnly(groupOp((*call).unarchive, nil)),
}

// humansOnly refuses a bot user's token with user_is_bot, as Slack documents for most groups.* methods.
func humansOnly(h handler) handler {
	return func(c *call) *answer {
		if c.caller.IsBot {
			return fail("user_is_bot")
		}
		return h(c)
	}
}

// group finds the private channel named by the argument, which the caller must belong to.
func (c *call) group(arg string) (*Channel, *answer) {
	ch, found := c.ws.channel(c.arg(arg))
	if !found || !ch.IsPrivate || isDirect(ch) || !isMember(ch, c.caller.ID) {
		return nil, fail("channel_not_found")
	}
	return ch, nil
}

// groupOp is a groups.* handler: it finds the group, applies op (if any), and answers with reply (by
// default a bare ok).
func groupOp(op, reply func(c *call, ch *Channel) *answer) handler {
	return func(c *call) *answer {
		ch, errAnswer := c.group("channel")
		if errAnswer != nil {
			return errAnswer
		}
		if op != nil {
			if errAnswer := op(c, ch); errAnswer != nil {
				return errAnswer
			}
		}
		if reply == nil {
			return ok(nil)
		}
		return reply(c, ch)
	}
}

// renderGroup renders a private channel as Slack's legacy group object: the conversation, with its
// members unless left out, and the group it was copied from.
func (c *call) renderGroup(ch *Channel, members bool) obj {
	o := c.renderInfo(ch)
	if members {
		o["members"] = slices.Clone(ch.Members)
	}
	if ch.ParentID != "" {
		o["parent_group"] = ch.ParentID
	}
	return o
}

// groupName reads the name argument of groups.create and groups.rename: fixed to meet Slack's rules
// unless validate is set, in which case a bad name is an error.
func (c *call) groupName() string {
	if c.flag("validate") {
		return c.arg("name")
	}
	return fixName(c.arg("name"))
}

func groupsCreate(c *call) *answer {
	name := c.groupName()
	if errAnswer := c.ws.checkName(name, nil); errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"group": c.renderGroup(c.create("G", name, true, nil), true)})
}

// groupsCreateChild does what Slack documents: renames the group to "<name>-archived", archives it, and
// makes a new group with its old name and its active members, open for those who had the old one open and
// for the caller.
func groupsCreateChild(c *call) *answer {
	old, errAnswer := c.group("channel")
	if errAnswer != nil {
		return errAnswer
	}
	if old.IsArchived {
		return fail("already_archived")
	}
	name := old.Name
	old.PreviousNames = append(old.PreviousNames, name)
	old.Name, old.IsArchived = c.ws.archivedName(name, old), true
	child := &Channel{ID: c.ws.newID("G"), Name: name, IsPrivate: true, Creator: c.caller.ID,
		Created: c.ws.now().Unix(), ParentID: old.ID}
	for _, id := range old.Members {
		if u := c.ws.users[id]; u != nil && !u.Deleted {
			child.Members = append(child.Members, id)
			if old.isOpenFor(id) {
				child.setOpen(id, true)
			}
		}
	}
	child.setOpen(c.caller.ID, true)
	c.ws.channels[child.ID] = child
	return ok(obj{"group": c.renderGroup(child, true)})
}

// archivedName is the name groups.createChild gives the group it archives: "<name>-archived", or
// "<name>-archived-<n>" when that is taken, with name shortened so that the whole stays within Slack's
// limit.
func (ws *workspace) archivedName(name string, self *Channel) string {
	for n := 1; ; n++ {
		suffix := "-archived"
		if n > 1 {
			suffix += "-" + strconv.Itoa(n)
		}
		base := []rune(name)
		base = base[:min(len(base), maxNameLength-utf8.RuneCountInString(suffix))]
		if candidate := string(base) + suffix; !ws.nameTaken(candidate, self) {
			return candidate
		}
	}
}

func groupsInvite(c *call) *answer {
	ch, errAnswer := c.group("channel")
	if errAnswer != nil {
		return errAnswer
	}
	already, errAnswer := c.invite(ch, []string{c.arg("user")}, false)
	if errAnswer != nil {
		return errAnswer
	}
	a := ok(obj{"group": c.renderGroup(ch, true)})
	if already {
		a.body["already_in_group"] = true
	}
	return a
}

func groupsList(c *call) *answer {
	var list []*Channel
	for _, ch := range c.ws.channels {
		if ch.IsPrivate && !isDirect(ch) && isMember(ch, c.caller.ID) && !(ch.IsArchived && c.flag("exclude_archived")) {
			list = append(list, ch)
		}
	}
	slices.SortFunc(list, func(a, b *Channel) int { return strings.Compare(a.ID, b.ID) })
	page, next, errAnswer := pageByID(c, "group_id", list, func(ch *Channel) string { return ch.ID }, 100)
	if errAnswer != nil {
		return errAnswer
	}
	groups := make([]obj, len(page))
	for i, ch := range page {
		groups[i] = c.renderGroup(ch, !c.flag("exclude_members"))
	}
	return ok(obj{"groups": groups, "response_metadata": pageMeta(next)})
}

// groupsOpen opens a group in the caller's sidebar: no_op and already_open when it was open.
func groupsOpen(c *call, ch *Channel) *answer {
	if ch.isOpenFor(c.caller.ID) {
		return ok(obj{"no_op": true, "already_open": true})
	}
	ch.setOpen(c.caller.ID, true)
	return ok(nil)
}
