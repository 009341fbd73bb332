package slacktest

import (
	"slices"
	"strings"
)

// im.* are the retired methods for direct messages: they see only the caller's IMs. The work is done by
// the operations in conversations.go.
var imHandlers = map[string]handler{
	"im.close":   imOp("user_does_not_own_channel", (*call).closeDirect),
	"im.history": imOp("channel_not_found", (*call).legacyHistory),
	"im.list":    imList,
	"im.mark": imOp("not_in_channel", func(c *call, ch *Channel) *answer {
		if errAnswer := c.mark(ch); errAnswer != nil {
			return errAnswer
		}
		return ok(nil)
	}),
	"im.open":    imOpen,
	"im.replies": imOp("channel_not_found", (*call).legacyReplies),
}

// imOp is an im.* handler: it finds the caller's IM named by the channel argument and answers with reply.
// notOwn is the code for someone else's IM.
func imOp(notOwn string, reply func(c *call, ch *Channel) *answer) handler {
	return func(c *call) *answer {
		ch, found := c.ws.channels[c.arg("channel")]
		switch {
		case !found || !ch.IsIM:
			return fail("channel_not_found")
		case !isMember(ch, c.caller.ID):
			return fail(notOwn)
		}
		return reply(c, ch)
	}
}

func imOpen(c *call) *answer {
	user := c.arg("user")
	if errAnswer := c.openableUsers([]string{user}); errAnswer != nil {
		return errAnswer
	}
	ch, errAnswer := c.directWith([]string{user}, true)
	if errAnswer != nil {
		return errAnswer
	}
	return c.open(ch)
}

func imList(c *call) *answer {
	var list []*Channel
	for _, ch := range c.ws.channels {
		if ch.IsIM && isMember(ch, c.caller.ID) {
			list = append(list, ch)
		}
	}
	slices.SortFunc(list, func(a, b *Channel) int { return strings.Compare(a.ID, b.ID) })
	page, next, errAnswer := pageByID(c, "im_id", list, func(ch *Channel) string { return ch.ID }, 100)
	if errAnswer != nil {
		return errAnswer
	}
	ims := make([]obj, len(page))
	for i, ch := range page {
		ims[i] = c.ws.renderChannel(ch, c.caller.ID)
	}
	return ok(obj{"ims": ims, "response_metadata": pageMeta(next)})
}
