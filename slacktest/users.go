package slacktest

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
)

var authHandlers = map[string]handler{
	"auth.test": func(c *call) *answer {
		a := ok(obj{"url": "https://" + TeamDomain + ".slack.com/", "team": TeamName, "user": c.caller.Name,
			"team_id": TeamID, "user_id": c.caller.ID, "is_enterprise_install": false})
		if c.caller.IsBot {
			a.body["bot_id"] = c.caller.BotID
		}
		return a
	},
}

var usersHandlers = map[string]handler{
	"users.info":          usersInfo,
	"users.lookupByEmail": usersLookupByEmail,
	"users.getPresence":   usersGetPresence,
	"users.setPresence":   usersSetPresence,
	"users.deletePhoto":   usersDeletePhoto,
	"users.setPhoto":      usersSetPhoto,
	"users.identity":      usersIdentity,
	"users.list":          usersList,
	"users.setActive":     func(c *call) *answer { return ok(nil) },
	"users.conversations": usersConversations,
	"users.profile.get":   usersProfileGet,
	"users.profile.set":   usersProfileSet,
}

func usersInfo(c *call) *answer {
	u, errAnswer := c.userArg("user", false)
	if errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"user": c.ws.renderUser(u, c.flag("include_locale"))})
}

func usersLookupByEmail(c *call) *answer {
	email := strings.ToLower(c.arg("email"))
	for _, u := range c.ws.users {
		if email != "" && strings.ToLower(u.Email) == email && !u.Deleted {
			return ok(obj{"user": c.ws.renderUser(u, false)})
		}
	}
	return fail("users_not_found")
}

func usersGetPresence(c *call) *answer {
	u, errAnswer := c.userArg("user", true)
	if errAnswer != nil {
		return errAnswer
	}
	presence := "active"
	if u.Presence == "away" || u.IsBot && u.ID != c.caller.ID {
		presence = "away"
	}
	if u.ID != c.caller.ID {
		return ok(obj{"presence": presence})
	}
	return ok(obj{"presence": presence, "online": presence == "active", "auto_away": false,
		"manual_away": u.Presence == "away", "connection_count": 1, "last_activity": c.ws.now().Unix()})
}

func usersSetPresence(c *call) *answer {
	switch p := c.arg("presence"); p {
	case "auto", "away":
		c.caller.Presence = p
		return ok(nil)
	default:
		return fail("invalid_presence")
	}
}

func usersDeletePhoto(c *call) *answer {
	if c.caller.IsBot {
		return fail("user_is_bot")
	}
	c.caller.HasPhoto = false
	return ok(nil)
}

// imageMagic are the first bytes of the image formats users.setPhoto takes.
var imageMagic = [][]byte{[]byte("\x89PNG\r\n\x1a\n"), []byte("\xff\xd8\xff"), []byte("GIF87a"), []byte("GIF89a")}

func usersSetPhoto(c *call) *answer {
	if c.caller.IsBot {
		return fail("user_is_bot")
	}
	img, found := c.files["image"]
	if !found {
		return invalidArguments("[ERROR] missing required field: image")
	}
	if len(img) > 10<<20 {
		return fail("too_large")
	}
	if !slices.ContainsFunc(imageMagic, func(m []byte) bool { return bytes.HasPrefix(img, m) }) {
		return fail("bad_image")
	}
	c.caller.HasPhoto = true
	return ok(nil)
}

func usersIdentity(c *call) *answer {
	if c.caller.IsBot {
		return fail("user_is_bot")
	}
	u := c.caller
	user := obj{"name": u.RealName, "id": u.ID, "email": u.Email}
	for _, size := range []string{"24", "32", "48", "72", "192", "512"} {
		user["image_"+size] = "https://secure.gravatar.com/avatar/" + u.ID + "_" + size + ".png"
	}
	return ok(obj{"user": user, "team": obj{"id": TeamID, "name": TeamName, "domain": TeamDomain}})
}

func usersList(c *call) *answer {
	users := make([]*User, 0, len(c.ws.users))
	for _, u := range c.ws.users {
		users = append(users, u)
	}
	slices.SortFunc(users, func(a, b *User) int { return strings.Compare(a.ID, b.ID) })
	page, next, errAnswer := pageByID(c, "user", users, func(u *User) string { return u.ID }, 1000)
	if errAnswer != nil {
		return errAnswer
	}
	members := make([]obj, len(page))
	for i, u := range page {
		members[i] = c.ws.renderUser(u, c.flag("include_locale"))
	}
	return ok(obj{"members": members, "cache_ts": c.ws.now().Unix(), "response_metadata": pageMeta(next)})
}

// conversationTypes reads a types argument; ok is false for an unknown type.
func conversationTypes(c *call) (map[string]bool, bool) {
	types := map[string]bool{}
	for _, t := range strings.Split(c.arg("types"), ",") {
		switch t = strings.TrimSpace(t); t {
		case "":
		case "public_channel", "private_channel", "mpim", "im":
			types[t] = true
		default:
			return nil, false
		}
	}
	if len(types) == 0 {
		types["public_channel"] = true
	}
	return types, true
}

// typeOf is a conversation's kind, as the types argument names it.
func typeOf(ch *Channel) string {
	switch {
	case ch.IsIM:
		return "im"
	case ch.IsMPIM:
		return "mpim"
	case ch.IsPrivate:
		return "private_channel"
	}
	return "public_channel"
}

// listConversations answers a paged listing of the conversations that pass keep, filtered by the types
// and exclude_archived arguments.
func listConversations(c *call, kind, field string, keep func(*Channel) bool) *answer {
	types, valid := conversationTypes(c)
	if !valid {
		return fail("invalid_types")
	}
	var list []*Channel
	for _, ch := range c.ws.channels {
		if types[typeOf(ch)] && !(c.flag("exclude_archived") && ch.IsArchived) && keep(ch) {
			list = append(list, ch)
		}
	}
	slices.SortFunc(list, func(a, b *Channel) int { return strings.Compare(a.ID, b.ID) })
	page, next, errAnswer := pageByID(c, kind, list, func(ch *Channel) string { return ch.ID }, 100)
	if errAnswer != nil {
		return errAnswer
	}
	out := make([]obj, len(page))
	for i, ch := range page {
		out[i] = c.ws.renderChannel(ch, c.caller.ID)
	}
	return ok(obj{field: out, "response_metadata": pageMeta(next)})
}

func usersConversations(c *call) *answer {
	u, errAnswer := c.userArg("user", true)
	if errAnswer != nil {
		return errAnswer
	}
	return listConversations(c, "channel", "channels", func(ch *Channel) bool {
		return slices.Contains(ch.Members, u.ID) && c.canSee(ch)
	})
}

func usersProfileGet(c *call) *answer {
	u, errAnswer := c.userArg("user", true)
	if errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"profile": c.ws.renderProfile(u, c.flag("include_labels"))})
}

// reservedNames are display names Slack keeps for itself.
var reservedNames = []string{"here", "channel", "everyone", "slackbot"}

func usersProfileSet(c *call) *answer {
	if c.caller.IsBot {
		return fail("user_is_bot")
	}
	u, errAnswer := c.userArg("user", true)
	if errAnswer != nil {
		return errAnswer
	}
	if u.ID != c.caller.ID && !c.caller.IsAdmin {
		return fail("not_admin")
	}
	changes := map[string]any{}
	if raw := c.arg("profile"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &changes); err != nil {
			return fail("invalid_profile")
		}
	} else if name := c.arg("name"); name != "" {
		if isCustomFieldID(name) {
			changes["fields"] = map[string]any{name: map[string]any{"value": c.form.Get("value"), "alt": ""}}
		} else {
			changes[name] = c.form.Get("value")
		}
	} else {
		return fail("invalid_profile")
	}
	fieldChanges, isObject := changes["fields"].(map[string]any)
	if _, given := changes["fields"]; given && !isObject {
		return fail("invalid_profile")
	}
	if name, _ := changes["display_name"].(string); slices.Contains(reservedNames, strings.ToLower(name)) {
		return fail("reserved_name")
	}
	if u.Profile == nil {
		u.Profile = map[string]any{}
	}
	for k, v := range changes {
		switch k {
		case "real_name":
			u.RealName, _ = v.(string)
		case "display_name":
			u.Profile["display_name"], u.Profile["display_name_normalized"] = v, v
		case "email":
			u.Email, _ = v.(string)
		case "fields":
			// Slack merges custom fields: the ones not named keep their values.
			fields, _ := u.Profile["fields"].(map[string]any)
			fields = maps.Clone(fields)
			if fields == nil {
				fields = map[string]any{}
			}
			maps.Copy(fields, fieldChanges)
			u.Profile["fields"] = fields
		default:
			u.Profile[k] = v
		}
	}
	u.Updated = c.ws.now().Unix()
	return ok(obj{"profile": c.ws.renderProfile(u, false)})
}

// isCustomFieldID reports whether a profile field name is the ID of a custom field ("Xf06054BBB") rather
// than a standard field ("title").
func isCustomFieldID(name string) bool {
	id, found := strings.CutPrefix(name, "Xf")
	return found && id != "" && strings.ToUpper(id) == id
}
