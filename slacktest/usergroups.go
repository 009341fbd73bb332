package slacktest

import (
	"maps"
	"regexp"
	"slices"
	"strings"
)

var usergroupsHandlers = map[string]handler{
	"usergroups.create":       usergroupsCreate,
	"usergroups.disable":      usergroupsDisable,
	"usergroups.enable":       usergroupsEnable,
	"usergroups.list":         usergroupsList,
	"usergroups.update":       usergroupsUpdate,
	"usergroups.users.list":   usergroupsUsersList,
	"usergroups.users.update": usergroupsUsersUpdate,
}

// Usergroup is a user group of the fake workspace. Add one with AddUsergroup; read one back with
// Server.Usergroup.
type Usergroup struct {
	// ID is the group's ID ("S…").
	ID string `json:"id"`
	// Name is the group's name, unique in the workspace.
	Name string `json:"name"`
	// Handle is the group's mention name, without the "@".
	Handle string `json:"handle,omitempty"`
	// Description describes the group.
	Description string `json:"description,omitempty"`
	// Channels are the IDs of the group's default channels.
	Channels []string `json:"channels,omitempty"`
	// AdditionalChannels are the IDs of further channels whose members may be added.
	AdditionalChannels []string `json:"additional_channels,omitempty"`
	// Users are the IDs of the group's members.
	Users []string `json:"users,omitempty"`
	// Disabled marks a group disabled by usergroups.disable.
	Disabled bool `json:"disabled,omitempty"`
	// CreatedBy, UpdatedBy and DisabledBy are the IDs of who made, last changed and disabled the group.
	CreatedBy string `json:"created_by,omitempty"`
	// UpdatedBy is the ID of who last changed the group.
	UpdatedBy string `json:"updated_by,omitempty"`
	// DisabledBy is the ID of who disabled the group.
	DisabledBy string `json:"disabled_by,omitempty"`
	// Created, Updated and DisabledAt are when the group was made, last changed and disabled, in Unix
	// seconds.
	Created int64 `json:"created,omitempty"`
	// Updated is when the group last changed, in Unix seconds.
	Updated int64 `json:"updated,omitempty"`
	// DisabledAt is when the group was disabled, in Unix seconds.
	DisabledAt int64 `json:"disabled_at,omitempty"`
}

// AddUsergroup adds (or replaces) a user group.
func (s *Server) AddUsergroup(g Usergroup) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g.Created == 0 {
		g.Created = seedTime
	}
	if g.Updated == 0 {
		g.Updated = g.Created
	}
	s.ws.putUsergroup(copyUsergroup(&g))
}

// Usergroup returns a copy of a user group.
func (s *Server) Usergroup(id string) (Usergroup, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.ws.usergroups[id]
	if !ok {
		return Usergroup{}, false
	}
	return copyUsergroup(g), true
}

func copyUsergroup(g *Usergroup) Usergroup {
	c := *g
	c.Channels = slices.Clone(g.Channels)
	c.AdditionalChannels = slices.Clone(g.AdditionalChannels)
	c.Users = slices.Clone(g.Users)
	return c
}

func (ws *workspace) putUsergroup(g Usergroup) {
	if ws.usergroups == nil {
		ws.usergroups = map[string]*Usergroup{}
	}
	ws.usergroups[g.ID] = &g
}

// usergroup finds the group named by the usergroup argument: missing_argument without one,
// no_such_subteam for an ID the workspace does not know.
func (c *call) usergroup() (*Usergroup, *answer) {
	if c.arg("usergroup") == "" {
		return nil, fail("missing_argument")
	}
	g, found := c.ws.usergroups[c.arg("usergroup")]
	if !found {
		return nil, fail("no_such_subteam")
	}
	return g, nil
}

// validHandle is what Slack takes as a handle: lower-case letters, digits, and . - _ inside.
var validHandle = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// reservedHandles are the mentions Slack keeps for itself.
var reservedHandles = []string{"channel", "everyone", "here", "group", "slackbot"}

// checkGroupFields checks the name, handle and channels a create or update sets for group self (""
// for a new one): the name and handle must be free, the channels must exist.
func (c *call) checkGroupFields(self string) *answer {
	name, handle := c.arg("name"), c.arg("handle")
	for _, g := range c.ws.usergroups {
		if g.ID == self {
			continue
		}
		if name != "" && strings.EqualFold(g.Name, name) {
			return fail("name_already_exists")
		}
		if handle != "" && strings.EqualFold(g.Handle, handle) {
			return fail("handle_already_exists")
		}
	}
	if handle != "" {
		switch {
		case slices.Contains(reservedHandles, strings.ToLower(handle)):
			return fail("forbidden_handle")
		case !validHandle.MatchString(handle):
			return fail("bad_handle")
		}
		for _, u := range c.ws.users {
			if strings.EqualFold(u.Name, handle) {
				return fail("handle_already_exists")
			}
		}
		for _, ch := range c.ws.channels {
			if !ch.IsIM && !ch.IsMPIM && strings.EqualFold(ch.Name, handle) {
				return fail("handle_already_exists")
			}
		}
	}
	for _, arg := range []string{"channels", "additional_channels"} {
		for _, id := range commaList(c.arg(arg)) {
			if ch, found := c.ws.channels[id]; !found || ch.IsIM || ch.IsMPIM {
				return fail("invalid_channel_provided")
			}
		}
	}
	return nil
}

// commaList splits a comma-separated argument, dropping empty entries.
func commaList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// renderUsergroup renders a group the way Slack does: with its members when users is set, their count
// when count is set.
func (ws *workspace) renderUsergroup(g *Usergroup, users, count bool) obj {
	public, private := []string{}, []string{}
	for _, id := range g.Channels {
		if ch := ws.channels[id]; ch != nil && ch.IsPrivate {
			private = append(private, id)
		} else {
			public = append(public, id)
		}
	}
	var deletedBy any
	var deleted int64
	if g.Disabled {
		deletedBy, deleted = g.DisabledBy, g.DisabledAt
	}
	o := obj{"id": g.ID, "team_id": TeamID, "is_usergroup": true, "is_subteam": true, "name": g.Name,
		"description": g.Description, "handle": g.Handle, "is_external": false, "date_create": g.Created,
		"date_update": g.Updated, "date_delete": deleted, "auto_type": nil, "created_by": g.CreatedBy,
		"updated_by": g.UpdatedBy, "deleted_by": deletedBy, "prefs": obj{"channels": public, "groups": private},
		"channel_count": len(g.Channels)}
	if users {
		o["users"] = append([]string{}, g.Users...)
	}
	if count {
		o["user_count"] = len(g.Users)
	}
	return o
}

// answerGroup answers with one group, its count if include_count asks for it.
func (c *call) answerGroup(g *Usergroup, users bool) *answer {
	return ok(obj{"usergroup": c.ws.renderUsergroup(g, users, c.flag("include_count"))})
}

// setGroupFields applies the fields a create or update sets.
func (c *call) setGroupFields(g *Usergroup) {
	if v := c.arg("name"); v != "" {
		g.Name = v
	}
	if v := c.arg("handle"); v != "" {
		g.Handle = v
	}
	if _, set := c.form["description"]; set {
		g.Description = c.arg("description")
	}
	if _, set := c.form["channels"]; set {
		g.Channels = commaList(c.arg("channels"))
	}
	if _, set := c.form["additional_channels"]; set {
		g.AdditionalChannels = commaList(c.arg("additional_channels"))
	}
	g.UpdatedBy, g.Updated = c.caller.ID, c.ws.now().Unix()
}

func usergroupsCreate(c *call) *answer {
	if c.arg("name") == "" {
		return fail("missing_subteam_name")
	}
	if errAnswer := c.checkGroupFields(""); errAnswer != nil {
		return errAnswer
	}
	g := &Usergroup{ID: c.ws.newID("S"), CreatedBy: c.caller.ID, Created: c.ws.now().Unix()}
	c.setGroupFields(g)
	c.ws.putUsergroup(*g)
	return c.answerGroup(c.ws.usergroups[g.ID], false)
}

func usergroupsUpdate(c *call) *answer {
	g, errAnswer := c.usergroup()
	if errAnswer != nil {
		return errAnswer
	}
	if errAnswer := c.checkGroupFields(g.ID); errAnswer != nil {
		return errAnswer
	}
	c.setGroupFields(g)
	return c.answerGroup(g, true)
}

func usergroupsDisable(c *call) *answer {
	g, errAnswer := c.usergroup()
	if errAnswer != nil {
		return errAnswer
	}
	now := c.ws.now().Unix()
	g.Disabled, g.DisabledBy, g.DisabledAt = true, c.caller.ID, now
	g.UpdatedBy, g.Updated = c.caller.ID, now
	return c.answerGroup(g, false)
}

func usergroupsEnable(c *call) *answer {
	g, errAnswer := c.usergroup()
	if errAnswer != nil {
		return errAnswer
	}
	g.Disabled, g.DisabledBy, g.DisabledAt = false, "", 0
	g.UpdatedBy, g.Updated = c.caller.ID, c.ws.now().Unix()
	return c.answerGroup(g, false)
}

func usergroupsList(c *call) *answer {
	list := []obj{}
	for _, id := range slices.Sorted(maps.Keys(c.ws.usergroups)) {
		g := c.ws.usergroups[id]
		if g.Disabled && !c.flag("include_disabled") {
			continue
		}
		list = append(list, c.ws.renderUsergroup(g, c.flag("include_users"), c.flag("include_count")))
	}
	return ok(obj{"usergroups": list})
}

func usergroupsUsersList(c *call) *answer {
	g, errAnswer := c.usergroup()
	if errAnswer != nil {
		return errAnswer
	}
	if g.Disabled && !c.flag("include_disabled") {
		return fail("no_such_subteam")
	}
	return ok(obj{"users": append([]string{}, g.Users...)})
}

func usergroupsUsersUpdate(c *call) *answer {
	g, errAnswer := c.usergroup()
	if errAnswer != nil {
		return errAnswer
	}
	users := commaList(c.arg("users"))
	if len(users) == 0 {
		return fail("no_users_provided")
	}
	var members []string
	for _, id := range users {
		if u, found := c.ws.users[id]; !found || u.Deleted {
			return fail("invalid_users")
		}
		if !slices.Contains(members, id) {
			members = append(members, id)
		}
	}
	g.Users = members
	g.UpdatedBy, g.Updated = c.caller.ID, c.ws.now().Unix()
	return c.answerGroup(g, true)
}
