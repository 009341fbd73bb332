package slacktest

var teamHandlers = map[string]handler{
	"team.info":        teamInfo,
	"team.profile.get": teamProfileGet,
}

// profileField is a custom profile field of the team, as team.profile.get describes it.
type profileField struct {
	id, label, hint, kind, section string
	values                         []string
	hidden                         bool
}

// The sections of the seeded team's profile.
const (
	contactSection = "S0CONTACT"
	aboutSection   = "S0ABOUT"
)

// seedProfile is the seeded team's custom profile fields.
func seedProfile() []profileField {
	return []profileField{
		{id: "Xf0PHONEEXT", label: "Phone extension", hint: "Enter the extension to reach your desk", kind: "text",
			section: contactSection},
		{id: "Xf0BIRTHDAY", label: "Date of birth", hint: "When you were born", kind: "date", section: aboutSection,
			hidden: true},
		{id: "Xf0TEAM", label: "Team", hint: "Where you work", kind: "options_list", section: aboutSection,
			values: []string{"Engineering", "Design", "Sales"}},
	}
}

func teamInfo(c *call) *answer {
	if team := c.arg("team"); team != "" && team != TeamID {
		return fail("team_not_found")
	}
	if domain := c.arg("domain"); domain != "" && domain != TeamDomain {
		return fail("team_not_found")
	}
	icon := obj{"image_default": true}
	for _, size := range []string{"34", "44", "68", "88", "102", "132", "230"} {
		icon["image_"+size] = "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-" + size + ".png"
	}
	return ok(obj{"team": obj{"id": TeamID, "name": TeamName, "domain": TeamDomain, "email_domain": "example.com",
		"url": "https://" + TeamDomain + ".slack.com/", "icon": icon, "is_verified": false,
		"avatar_base_url": "https://ca.slack-edge.com/"}})
}

func teamProfileGet(c *call) *answer {
	visibility := c.arg("visibility")
	switch visibility {
	case "", "all", "visible", "hidden":
	default:
		return invalidArguments("[ERROR] must be one of all, visible, hidden [json-pointer:/visibility]")
	}
	fields := []obj{}
	sections := map[string]bool{}
	for i, f := range c.ws.profile {
		if visibility == "visible" && f.hidden || visibility == "hidden" && !f.hidden {
			continue
		}
		var values any
		if f.values != nil {
			values = f.values
		}
		fields = append(fields, obj{"id": f.id, "ordering": i, "label": f.label, "hint": f.hint, "type": f.kind,
			"possible_values": values, "options": obj{"is_scim": false, "is_protected": false},
			"is_hidden": f.hidden, "section_id": f.section})
		sections[f.section] = true
	}
	list := []obj{}
	for i, s := range []struct{ id, kind, label string }{
		{contactSection, "contact", "Contact Information"}, {aboutSection, "about_me", "About Me"},
	} {
		if sections[s.id] {
			list = append(list, obj{"id": s.id, "team_id": TeamID, "section_type": s.kind, "label": s.label,
				"order": i + 1, "is_hidden": false})
		}
	}
	return ok(obj{"profile": obj{"fields": fields, "sections": list}})
}
