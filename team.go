package slack

import "context"

// TeamService holds team.info and team.profile.get.
type TeamService service

// TeamIcon is a workspace's icon in its sizes, as team.info sends it. ImageDefault is true while the
// workspace has no icon of its own.
type TeamIcon struct {
	Image34       string `json:"image_34,omitempty"`
	Image44       string `json:"image_44,omitempty"`
	Image68       string `json:"image_68,omitempty"`
	Image88       string `json:"image_88,omitempty"`
	Image102      string `json:"image_102,omitempty"`
	Image132      string `json:"image_132,omitempty"`
	Image230      string `json:"image_230,omitempty"`
	ImageOriginal string `json:"image_original,omitempty"`
	ImageDefault  bool   `json:"image_default,omitempty"`
}

// TeamInfoParams are the optional arguments of Team.Info.
type TeamInfoParams struct {
	// Team is the ID of the workspace to describe; empty means the token's own.
	Team string `url:"team,omitempty"`
	// Domain finds the workspace by its domain instead (Enterprise Grid only, when Team is empty).
	Domain string `url:"domain,omitempty"`
}

// Info returns a workspace: the token's own, or another one it can see.
//
// Slack API: https://api.slack.com/methods/team.info (Tier 3, team:read). Retried on 5xx and connection
// errors.
func (s *TeamService) Info(ctx context.Context, params *TeamInfoParams) (*Team, error) {
	var out struct {
		envelope
		Team Team `json:"team"`
	}
	if err := s.client.Call(ctx, "team.info", params, &out); err != nil {
		return nil, err
	}
	return &out.Team, nil
}

// TeamProfile is the definition of a workspace's profile: its custom fields and the sections they are
// shown in. A user's values for the fields are in UserProfile.Fields, by field ID.
type TeamProfile struct {
	Fields   []TeamProfileField   `json:"fields"`
	Sections []TeamProfileSection `json:"sections,omitempty"`
}

// TeamProfileField is one custom profile field.
type TeamProfileField struct {
	// ID is the field's ID ("Xf06054BBB"), the key of its value in UserProfile.Fields.
	ID       string `json:"id"`
	Ordering int    `json:"ordering"`
	Label    string `json:"label"`
	Hint     string `json:"hint,omitempty"`
	// Type is "text", "long_text", "date", "link", "user" or "options_list".
	Type string `json:"type"`
	// PossibleValues are the choices of an options_list field.
	PossibleValues []string `json:"possible_values,omitempty"`
	// Options say whether the field is set by SCIM and protected from users' edits.
	Options   TeamProfileFieldOptions `json:"options"`
	IsHidden  bool                    `json:"is_hidden,omitempty"`
	SectionID string                  `json:"section_id,omitempty"`
	// FieldName is the name of a standard field Slack defines ("title", "phone"), empty for a custom one.
	FieldName string `json:"field_name,omitempty"`
}

// TeamProfileFieldOptions are the options of a custom profile field.
type TeamProfileFieldOptions struct {
	IsScim      bool `json:"is_scim,omitempty"`
	IsProtected bool `json:"is_protected,omitempty"`
}

// TeamProfileSection is a section of the profile that groups fields.
type TeamProfileSection struct {
	ID     string `json:"id"`
	TeamID string `json:"team_id,omitempty"`
	// SectionType is "contact", "about_me" or "custom".
	SectionType string `json:"section_type,omitempty"`
	Label       string `json:"label,omitempty"`
	Order       int    `json:"order,omitempty"`
	IsHidden    bool   `json:"is_hidden,omitempty"`
}

// TeamGetProfileParams are the optional arguments of Team.GetProfile.
type TeamGetProfileParams struct {
	// Visibility is "all" (the default), "visible" or "hidden": which fields to return.
	Visibility string `url:"visibility,omitempty"`
}

// GetProfile returns the workspace's custom profile fields and their sections.
//
// Slack API: https://api.slack.com/methods/team.profile.get (Tier 3, users.profile:read). Retried on 5xx
// and connection errors.
func (s *TeamService) GetProfile(ctx context.Context, params *TeamGetProfileParams) (*TeamProfile, error) {
	const method = "team.profile.get"
	if params != nil {
		switch params.Visibility {
		case "", "all", "visible", "hidden":
		default:
			return nil, invalidArgument(method, "Visibility %q is not all, visible or hidden", params.Visibility)
		}
	}
	var out struct {
		envelope
		Profile TeamProfile `json:"profile"`
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	return &out.Profile, nil
}
