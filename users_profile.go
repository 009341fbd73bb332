package slack

import (
	"context"
	"net/url"
	"strings"
)

// UsersGetProfileParams are the optional arguments of Users.GetProfile.
type UsersGetProfileParams struct {
	// User is the user whose profile to get; empty means the token's own user.
	User string `url:"user,omitempty"`
	// IncludeLabels adds the labels of custom profile fields (this call is then Tier 2 at Slack).
	IncludeLabels bool `url:"include_labels,omitempty"`
}

// profileReply is the answer of the users.profile methods.
type profileReply struct {
	envelope
	Profile UserProfile `json:"profile"`
}

// GetProfile returns a user's profile.
//
// Slack API: https://api.slack.com/methods/users.profile.get (Tier 4, users.profile:read). Retried on 5xx
// and connection errors.
func (s *UsersService) GetProfile(ctx context.Context, params *UsersGetProfileParams) (*UserProfile, error) {
	var out profileReply
	if err := s.client.Call(ctx, "users.profile.get", params, &out); err != nil {
		return nil, err
	}
	return &out.Profile, nil
}

// UsersSetProfileParams are the arguments of Users.SetProfile: either Profile (the fields to change) or
// Name and Value (one field).
type UsersSetProfileParams struct {
	// User is the user whose profile to change (admins on paid plans); empty means the token's own user.
	User string
	// Profile holds the fields to change; fields left empty are not sent.
	Profile *UserProfile
	// Name and Value change one field: a standard one ("title") or a custom field's ID. An empty Value
	// clears the field.
	Name  string
	Value string
}

// SetProfile changes a user's profile and returns the profile as it now is.
//
// Slack API: https://api.slack.com/methods/users.profile.set (Tier 3, users.profile:write). Slack also
// limits one user's profile to 10 updates a minute.
func (s *UsersService) SetProfile(ctx context.Context, params *UsersSetProfileParams) (*UserProfile, error) {
	const method = "users.profile.set"
	if params == nil || (params.Profile == nil && strings.TrimSpace(params.Name) == "") {
		return nil, invalidArgument(method, "missing required argument profile (or name and value)")
	}
	if params.Profile != nil && params.Name != "" {
		return nil, invalidArgument(method, "give either profile or name and value, not both")
	}
	form := url.Values{}
	if params.User != "" {
		form.Set("user", params.User)
	}
	if params.Profile != nil {
		if err := setJSON("profile", params.Profile, &form); err != nil {
			return nil, invalidArgument(method, "%v", err)
		}
	} else {
		form.Set("name", params.Name)
		form.Set("value", params.Value)
	}
	var out profileReply
	if err := s.client.Call(ctx, method, form, &out); err != nil {
		return nil, err
	}
	return &out.Profile, nil
}
