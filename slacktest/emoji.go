package slacktest

import "strings"

var emojiHandlers = map[string]handler{
	"emoji.list": emojiList,
}

// seedEmoji is the seeded workspace's custom emoji.
func seedEmoji() map[string]string {
	return map[string]string{
		"gopher":   "https://emoji.slack-edge.com/" + TeamID + "/gopher/0a1b2c3d4e5f6a7b.png",
		"shipit":   "https://emoji.slack-edge.com/" + TeamID + "/shipit/1b2c3d4e5f6a7b8c.png",
		"squirrel": "alias:shipit",
	}
}

// AddEmoji adds (or replaces) a custom emoji: name maps to its image URL, or to "alias:" and the name
// of another emoji.
func (s *Server) AddEmoji(name, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ws.emoji == nil {
		s.ws.emoji = map[string]string{}
	}
	s.ws.emoji[strings.Trim(name, ":")] = value
}

// emojiCategories are the standard emoji categories emoji.list adds with include_categories (a few of
// each).
var emojiCategories = []obj{
	{"name": "Smileys & People", "emoji_names": []string{"grinning", "smile", "wink", "thinking_face"}},
	{"name": "Animals & Nature", "emoji_names": []string{"dog", "cat", "chipmunk"}},
	{"name": "Objects", "emoji_names": []string{"bulb", "wrench", "rocket"}},
}

func emojiList(c *call) *answer {
	emoji := obj{}
	for k, v := range c.ws.emoji {
		emoji[k] = v
	}
	a := ok(obj{"emoji": emoji, "cache_ts": c.ws.nowTS()})
	if c.flag("include_categories") {
		a.body["categories_version"], a.body["categories"] = "5", emojiCategories
	}
	return a
}
