package slack

import (
	"context"
)

// UsergroupsService holds the usergroups.* and usergroups.users.* methods: user groups, mentioned as
// @handle.
type UsergroupsService service

// Usergroup is a user group: a set of members mentioned together by its handle.
type Usergroup struct {
	// ID is the group's ID ("S…").
	ID     string `json:"id"`
	TeamID string `json:"team_id,omitempty"`
	// IsUsergroup is true for a user group (Slack also calls them subteams).
	IsUsergroup bool   `json:"is_usergroup,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	// Handle is the group's mention name, without the "@".
	Handle     string `json:"handle,omitempty"`
	IsExternal bool   `json:"is_external,omitempty"`
	DateCreate Time   `json:"date_create"`
	DateUpdate Time   `json:"date_update"`
	// DateDelete is when the group was disabled; zero for an enabled group.
	DateDelete Time `json:"date_delete"`
	// AutoType is "admin" or "owner" for the groups Slack keeps itself, empty otherwise.
	AutoType  string `json:"auto_type,omitempty"`
	CreatedBy string `json:"created_by,omitempty"`
	UpdatedBy string `json:"updated_by,omitempty"`
	DeletedBy string `json:"deleted_by,omitempty"`
	// Prefs lists the group's default channels.
	Prefs UsergroupPrefs `json:"prefs"`
	// Users lists the members' IDs, when the call asked for them (IncludeUsers) or changed them.
	Users []string `json:"users,omitempty"`
	// UserCount is the number of members, when the call asked for it (IncludeCount).
	UserCount    int `json:"user_count,omitempty"`
	ChannelCount int `json:"channel_count,omitempty"`
}

// UsergroupPrefs are a user group's default channels: public (Channels) and private (Groups).
type UsergroupPrefs struct {
	Channels []string `json:"channels,omitempty"`
	Groups   []string `json:"groups,omitempty"`
}

// usergroupReply is the answer of the methods that return one group.
type usergroupReply struct {
	envelope
	Usergroup Usergroup `json:"usergroup"`
}

// callUsergroup sends a request whose answer is one group.
func callUsergroup(ctx context.Context, c *Client, method string, req any) (*Usergroup, error) {
	var out usergroupReply
	if err := c.Call(ctx, method, req, &out); err != nil {
		return nil, err
	}
	return &out.Usergroup, nil
}

// UsergroupsCreateParams are the optional arguments of Usergroups.Create.
type UsergroupsCreateParams struct {
	// Handle is the group's mention name, unique among users, channels and groups.
	Handle string `url:"handle,omitempty"`
	// Description describes the group.
	Description string `url:"description,omitempty"`
	// Channels are the IDs of the group's default channels.
	Channels []string `url:"channels,omitempty,comma"`
	// AdditionalChannels are the IDs of further channels whose members may be added to the group.
	AdditionalChannels []string `url:"additional_channels,omitempty,comma"`
	// EnableSection shows the group's default channels as a sidebar section of its members.
	EnableSection bool `url:"enable_section,omitempty"`
	// IncludeCount adds UserCount to the answer.
	IncludeCount bool `url:"include_count,omitempty"`
	// TeamID names the workspace, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

type usergroupsCreateRequest struct {
	Name                    string `url:"name"`
	*UsergroupsCreateParams `url:",omitempty"`
}

// Create makes a user group named name, unique in the workspace.
//
// Slack API: https://api.slack.com/methods/usergroups.create (Tier 2, usergroups:write)
func (s *UsergroupsService) Create(ctx context.Context, name string, params *UsergroupsCreateParams) (*Usergroup, error) {
	const method = "usergroups.create"
	if err := required(method, "name", name); err != nil {
		return nil, err
	}
	if params != nil {
		if err := usergroupsCheckChannels(method, params.Channels, params.AdditionalChannels); err != nil {
			return nil, err
		}
	}
	return callUsergroup(ctx, s.client, method, usergroupsCreateRequest{name, params})
}

// usergroupsCheckChannels refuses channel lists with an empty ID or one holding a comma.
func usergroupsCheckChannels(method string, channels, additional []string) error {
	if err := conversationsCheckIDs(method, "Channels", channels, false); err != nil {
		return err
	}
	return conversationsCheckIDs(method, "AdditionalChannels", additional, false)
}

// UsergroupsDisableParams are the optional arguments of Usergroups.Disable.
type UsergroupsDisableParams struct {
	// IncludeCount adds UserCount to the answer.
	IncludeCount bool `url:"include_count,omitempty"`
	// TeamID names the workspace, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

type usergroupsDisableRequest struct {
	Usergroup                string `url:"usergroup"`
	*UsergroupsDisableParams `url:",omitempty"`
}

// Disable disables a user group: it keeps its members but can no longer be mentioned. Enable undoes it.
//
// Slack API: https://api.slack.com/methods/usergroups.disable (Tier 2, usergroups:write)
func (s *UsergroupsService) Disable(ctx context.Context, usergroup string, params *UsergroupsDisableParams) (*Usergroup, error) {
	const method = "usergroups.disable"
	if err := required(method, "usergroup", usergroup); err != nil {
		return nil, err
	}
	return callUsergroup(ctx, s.client, method, usergroupsDisableRequest{usergroup, params})
}

// UsergroupsEnableParams are the optional arguments of Usergroups.Enable.
type UsergroupsEnableParams struct {
	// IncludeCount adds UserCount to the answer.
	IncludeCount bool `url:"include_count,omitempty"`
	// TeamID names the workspace, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

type usergroupsEnableRequest struct {
	Usergroup               string `url:"usergroup"`
	*UsergroupsEnableParams `url:",omitempty"`
}

// Enable enables a disabled user group.
//
// Slack API: https://api.slack.com/methods/usergroups.enable (Tier 2, usergroups:write)
func (s *UsergroupsService) Enable(ctx context.Context, usergroup string, params *UsergroupsEnableParams) (*Usergroup, error) {
	const method = "usergroups.enable"
	if err := required(method, "usergroup", usergroup); err != nil {
		return nil, err
	}
	return callUsergroup(ctx, s.client, method, usergroupsEnableRequest{usergroup, params})
}

// UsergroupsListParams are the optional arguments of Usergroups.List.
type UsergroupsListParams struct {
	// IncludeDisabled lists disabled groups too.
	IncludeDisabled bool `url:"include_disabled,omitempty"`
	// IncludeUsers adds each group's Users.
	IncludeUsers bool `url:"include_users,omitempty"`
	// IncludeCount adds each group's UserCount.
	IncludeCount bool `url:"include_count,omitempty"`
	// TeamID names the workspace, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

// List returns the workspace's user groups (Slack answers them all at once).
//
// Slack API: https://api.slack.com/methods/usergroups.list (Tier 2, usergroups:read). Retried on 5xx and
// connection errors.
func (s *UsergroupsService) List(ctx context.Context, params *UsergroupsListParams) ([]Usergroup, error) {
	var out struct {
		envelope
		Usergroups []Usergroup `json:"usergroups"`
	}
	if err := s.client.Call(ctx, "usergroups.list", params, &out); err != nil {
		return nil, err
	}
	return out.Usergroups, nil
}

// UsergroupsUpdateParams are the arguments of Usergroups.Update besides the group: the fields to change
// (those left empty stay as they are) and the optional ones.
type UsergroupsUpdateParams struct {
	// Name is the group's new name, unique in the workspace.
	Name string `url:"name,omitempty"`
	// Handle is the group's new mention name.
	Handle string `url:"handle,omitempty"`
	// Description is the group's new description.
	Description string `url:"description,omitempty"`
	// Channels replaces the group's default channels.
	Channels []string `url:"channels,omitempty,comma"`
	// AdditionalChannels replaces the further channels whose members may be added to the group.
	AdditionalChannels []string `url:"additional_channels,omitempty,comma"`
	// EnableSection shows the group's default channels as a sidebar section of its members.
	EnableSection bool `url:"enable_section,omitempty"`
	// IncludeCount adds UserCount to the answer.
	IncludeCount bool `url:"include_count,omitempty"`
	// TeamID names the workspace, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

type usergroupsUpdateRequest struct {
	Usergroup               string `url:"usergroup"`
	*UsergroupsUpdateParams `url:",omitempty"`
}

// Update changes a user group's name, handle, description or default channels.
//
// Slack API: https://api.slack.com/methods/usergroups.update (Tier 2, usergroups:write)
func (s *UsergroupsService) Update(ctx context.Context, usergroup string, params *UsergroupsUpdateParams) (*Usergroup, error) {
	const method = "usergroups.update"
	if err := required(method, "usergroup", usergroup); err != nil {
		return nil, err
	}
	if params != nil {
		if err := usergroupsCheckChannels(method, params.Channels, params.AdditionalChannels); err != nil {
			return nil, err
		}
	}
	return callUsergroup(ctx, s.client, method, usergroupsUpdateRequest{usergroup, params})
}

// UsergroupsListUsersParams are the optional arguments of Usergroups.ListUsers.
type UsergroupsListUsersParams struct {
	// IncludeDisabled allows listing the members of a disabled group.
	IncludeDisabled bool `url:"include_disabled,omitempty"`
	// TeamID names the workspace, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

type usergroupsListUsersRequest struct {
	Usergroup                  string `url:"usergroup"`
	*UsergroupsListUsersParams `url:",omitempty"`
}

// ListUsers returns the IDs of a user group's members.
//
// Slack API: https://api.slack.com/methods/usergroups.users.list (Tier 2, usergroups:read). Retried on
// 5xx and connection errors.
func (s *UsergroupsService) ListUsers(ctx context.Context, usergroup string, params *UsergroupsListUsersParams) ([]string, error) {
	const method = "usergroups.users.list"
	if err := required(method, "usergroup", usergroup); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		Users []string `json:"users"`
	}
	if err := s.client.Call(ctx, method, usergroupsListUsersRequest{usergroup, params}, &out); err != nil {
		return nil, err
	}
	return out.Users, nil
}

// UsergroupsUpdateUsersParams are the optional arguments of Usergroups.UpdateUsers.
type UsergroupsUpdateUsersParams struct {
	// AdditionalChannels are the IDs of further channels whose members may be added to the group.
	AdditionalChannels []string `url:"additional_channels,omitempty,comma"`
	// IsShared is set when the call is made while sharing a shared sidebar section.
	IsShared bool `url:"is_shared,omitempty"`
	// IncludeCount adds UserCount to the answer.
	IncludeCount bool `url:"include_count,omitempty"`
	// TeamID names the workspace, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

type usergroupsUpdateUsersRequest struct {
	Usergroup                    string   `url:"usergroup"`
	Users                        []string `url:"users,comma"`
	*UsergroupsUpdateUsersParams `url:",omitempty"`
}

// UpdateUsers replaces the members of a user group with users (user IDs; at least one: Slack cannot
// empty a group, disable it instead).
//
// Slack API: https://api.slack.com/methods/usergroups.users.update (Tier 2, usergroups:write)
func (s *UsergroupsService) UpdateUsers(ctx context.Context, usergroup string, users []string, params *UsergroupsUpdateUsersParams) (*Usergroup, error) {
	const method = "usergroups.users.update"
	if err := required(method, "usergroup", usergroup); err != nil {
		return nil, err
	}
	if err := conversationsCheckIDs(method, "users", users, true); err != nil {
		return nil, err
	}
	if params != nil {
		if err := conversationsCheckIDs(method, "AdditionalChannels", params.AdditionalChannels, false); err != nil {
			return nil, err
		}
	}
	return callUsergroup(ctx, s.client, method, usergroupsUpdateUsersRequest{usergroup, users, params})
}
