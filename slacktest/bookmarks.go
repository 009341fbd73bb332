package slacktest

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

var bookmarksHandlers = map[string]handler{
	"bookmarks.add":    bookmarksAdd,
	"bookmarks.edit":   bookmarksEdit,
	"bookmarks.list":   bookmarksList,
	"bookmarks.remove": bookmarksRemove,
}

// maxBookmarks is how many bookmarks a conversation may hold.
const maxBookmarks = 100

// emojiCode is an emoji as bookmarks take it: ":clap:".
var emojiCode = regexp.MustCompile(`^:[a-z0-9_+'-]+(::skin-tone-[2-6])?:$`)

// Bookmark is a bookmark of a conversation, as bookmarks.add made it and bookmarks.edit changed it.
// Read a conversation's bookmarks with Server.Bookmarks.
type Bookmark struct {
	// ID is the bookmark's ID ("Bk…").
	ID string `json:"id"`
	// Channel is the ID of the conversation it belongs to.
	Channel string `json:"channel_id"`
	// Title is its title.
	Title string `json:"title"`
	// Type is its type: "link".
	Type string `json:"type"`
	// Link is the URL it points to.
	Link string `json:"link,omitempty"`
	// Emoji is the emoji shown with it (":clap:").
	Emoji string `json:"emoji,omitempty"`
	// Rank orders the conversation's bookmarks.
	Rank string `json:"rank"`
	// Created is when it was added, in Unix seconds.
	Created int64 `json:"date_created"`
	// Updated is when it was last edited, in Unix seconds, or 0.
	Updated int64 `json:"date_updated"`
	// UpdatedBy is the ID of the user who added it or last edited it.
	UpdatedBy string `json:"last_updated_by_user_id"`
}

// render renders a bookmark the way Slack does.
func (b *Bookmark) render() obj {
	o := obj{"id": b.ID, "channel_id": b.Channel, "title": b.Title, "link": b.Link, "emoji": b.Emoji,
		"type": b.Type, "entity_id": nil, "date_created": b.Created, "date_updated": b.Updated, "rank": b.Rank,
		"last_updated_by_user_id": b.UpdatedBy, "last_updated_by_team_id": TeamID, "shortcut_id": nil,
		"app_id": nil}
	if u, err := url.Parse(b.Link); err == nil && u.Host != "" {
		o["icon_url"] = u.Scheme + "://" + u.Host + "/favicon.ico"
	}
	return o
}

// validLink reports whether a bookmark's link is one Slack takes: http or https, with a host.
func validLink(link string) bool {
	u, err := url.Parse(link)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// bookmarkFields checks the link and emoji arguments, when given.
func (c *call) bookmarkFields() *answer {
	if _, given := c.form["link"]; given && !validLink(c.arg("link")) {
		return fail("invalid_link")
	}
	if e := c.arg("emoji"); e != "" && !emojiCode.MatchString(e) {
		return fail("invalid_emoji")
	}
	return nil
}

// bookmark finds the bookmark named by the channel_id and bookmark_id arguments.
func (c *call) bookmark() (*Channel, int, *answer) {
	ch, errAnswer := c.conversation("channel_id")
	if errAnswer != nil {
		return nil, -1, errAnswer
	}
	id := c.arg("bookmark_id")
	i := slices.IndexFunc(c.ws.bookmarks[ch.ID], func(b *Bookmark) bool { return b.ID == id })
	if i < 0 {
		return nil, -1, fail("not_found")
	}
	return ch, i, nil
}

func bookmarksAdd(c *call) *answer {
	ch, errAnswer := c.conversation("channel_id")
	if errAnswer != nil {
		return errAnswer
	}
	title, typ := c.arg("title"), c.arg("type")
	switch {
	case title == "":
		return invalidArguments("[ERROR] missing required field: title")
	case typ == "":
		return invalidArguments("[ERROR] missing required field: type")
	case typ != "link":
		return fail("invalid_bookmark_type")
	case !validLink(c.arg("link")):
		return fail("invalid_link")
	}
	if errAnswer := c.bookmarkFields(); errAnswer != nil {
		return errAnswer
	}
	list := c.ws.bookmarks[ch.ID]
	if parent := c.arg("parent_id"); parent != "" {
		// Only folders hold bookmarks, and the workspace has links alone.
		if slices.ContainsFunc(list, func(b *Bookmark) bool { return b.ID == parent }) {
			return fail("parent_with_link")
		}
		return fail("invalid_parent_type")
	}
	if len(list) >= maxBookmarks {
		return fail("too_many_bookmarks")
	}
	b := &Bookmark{ID: c.ws.newID("Bk"), Channel: ch.ID, Title: title, Type: typ, Link: c.arg("link"),
		Emoji: c.arg("emoji"), Created: c.ws.now().Unix(), UpdatedBy: c.caller.ID}
	b.Rank = strings.Replace(b.ID, "Bk", "r", 1) // later bookmarks rank after earlier ones
	c.ws.bookmarks[ch.ID] = append(list, b)
	return ok(obj{"bookmark": b.render()})
}

func bookmarksEdit(c *call) *answer {
	ch, i, errAnswer := c.bookmark()
	if errAnswer != nil {
		return errAnswer
	}
	if errAnswer := c.bookmarkFields(); errAnswer != nil {
		return errAnswer
	}
	b := c.ws.bookmarks[ch.ID][i]
	for arg, field := range map[string]*string{"title": &b.Title, "link": &b.Link, "emoji": &b.Emoji} {
		if v := c.arg(arg); v != "" {
			*field = v
		}
	}
	b.Updated, b.UpdatedBy = c.ws.now().Unix(), c.caller.ID
	return ok(obj{"bookmark": b.render()})
}

func bookmarksList(c *call) *answer {
	ch, errAnswer := c.conversation("channel_id")
	if errAnswer != nil {
		return errAnswer
	}
	list := c.ws.bookmarks[ch.ID]
	out := make([]obj, len(list))
	for i, b := range list {
		out[i] = b.render()
	}
	return ok(obj{"bookmarks": out})
}

func bookmarksRemove(c *call) *answer {
	ch, i, errAnswer := c.bookmark()
	if errAnswer != nil {
		return errAnswer
	}
	c.ws.bookmarks[ch.ID] = slices.Delete(c.ws.bookmarks[ch.ID], i, i+1)
	return ok(nil)
}

// Bookmarks returns copies of a conversation's bookmarks (found by ID or name), in rank order.
func (s *Server) Bookmarks(channel string) []Bookmark {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch, ok := s.ws.channel(channel); ok {
		channel = ch.ID
	}
	var out []Bookmark
	for _, b := range s.ws.bookmarks[channel] {
		out = append(out, *b)
	}
	return out
}
