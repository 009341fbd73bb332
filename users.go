package slack

import (
	"context"
	"io"
	"iter"
	"net/url"
	"reflect"
	"strconv"
)

// UsersService holds the users.* and users.profile.* methods.
type UsersService service

// UsersInfoParams are the optional arguments of Users.Info.
type UsersInfoParams struct {
	// IncludeLocale adds the user's locale.
	IncludeLocale bool `url:"include_locale,omitempty"`
}

type usersInfoRequest struct {
	User             string `url:"user"`
	*UsersInfoParams `url:",omitempty"`
}

// userReply is the answer of the methods that return one user.
type userReply struct {
	envelope
	User User `json:"user"`
}

// Info returns a user.
//
// Slack API: https://api.slack.com/methods/users.info (Tier 4, users:read). Retried on 5xx and connection
// errors.
func (s *UsersService) Info(ctx context.Context, user string, params *UsersInfoParams) (*User, error) {
	const method = "users.info"
	if err := required(method, "user", user); err != nil {
		return nil, err
	}
	var out userReply
	if err := s.client.Call(ctx, method, usersInfoRequest{user, params}, &out); err != nil {
		return nil, err
	}
	return &out.User, nil
}

// LookupByEmail returns the user with an email address.
//
// Slack API: https://api.slack.com/methods/users.lookupByEmail (Tier 3, users:read.email). Retried on 5xx
// and connection errors.
func (s *UsersService) LookupByEmail(ctx context.Context, email string) (*User, error) {
	const method = "users.lookupByEmail"
	if err := required(method, "email", email); err != nil {
		return nil, err
	}
	var out userReply
	if err := s.client.Call(ctx, method, url.Values{"email": {email}}, &out); err != nil {
		return nil, err
	}
	return &out.User, nil
}

// UsersGetPresenceParams are the optional arguments of Users.GetPresence.
type UsersGetPresenceParams struct {
	// User is the user to ask about; empty means the token's own user.
	User string `url:"user,omitempty"`
}

// GetPresence returns a user's presence.
//
// Slack API: https://api.slack.com/methods/users.getPresence (Tier 3, users:read). Retried on 5xx and
// connection errors.
func (s *UsersService) GetPresence(ctx context.Context, params *UsersGetPresenceParams) (*UserPresence, error) {
	var out struct {
		envelope
		UserPresence
	}
	if err := s.client.Call(ctx, "users.getPresence", params, &out); err != nil {
		return nil, err
	}
	return &out.UserPresence, nil
}

// SetPresence sets the token's user to PresenceAuto or PresenceAway.
//
// Slack API: https://api.slack.com/methods/users.setPresence (Tier 2, users:write)
func (s *UsersService) SetPresence(ctx context.Context, presence Presence) error {
	const method = "users.setPresence"
	if err := required(method, "presence", string(presence)); err != nil {
		return err
	}
	if presence != PresenceAuto && presence != PresenceAway {
		return invalidArgument(method, "presence %q is neither %q nor %q", presence, PresenceAuto, PresenceAway)
	}
	return s.client.Call(ctx, method, url.Values{"presence": {string(presence)}}, nil)
}

// DeletePhoto deletes the token's user's profile photo.
//
// Slack API: https://api.slack.com/methods/users.deletePhoto (Tier 2, users.profile:write)
func (s *UsersService) DeletePhoto(ctx context.Context) error {
	return s.client.Call(ctx, "users.deletePhoto", nil, nil)
}

// UsersSetPhotoParams are the optional arguments of Users.SetPhoto: a square crop of the image, used when
// CropW is more than 0.
type UsersSetPhotoParams struct {
	// CropX and CropY are the top-left corner of the crop, in pixels.
	CropX int
	CropY int
	// CropW is the width (and height) of the crop, in pixels.
	CropW int
}

// SetPhoto sets the token's user's profile photo from an image (JPEG, GIF or PNG). The image is read
// whole before anything is sent.
//
// Slack API: https://api.slack.com/methods/users.setPhoto (Tier 2, users.profile:write). Sent as
// multipart/form-data.
func (s *UsersService) SetPhoto(ctx context.Context, image io.Reader, params *UsersSetPhotoParams) error {
	const method = "users.setPhoto"
	if isNilReader(image) {
		return invalidArgument(method, "missing required argument image")
	}
	fields := url.Values{}
	if p := params; p != nil {
		for _, c := range []struct {
			name  string
			value int
		}{{"CropX", p.CropX}, {"CropY", p.CropY}, {"CropW", p.CropW}} {
			if c.value < 0 {
				return invalidArgument(method, "crop value %s %d is negative", c.name, c.value)
			}
		}
		if p.CropW > 0 {
			fields.Set("crop_x", strconv.Itoa(p.CropX))
			fields.Set("crop_y", strconv.Itoa(p.CropY))
			fields.Set("crop_w", strconv.Itoa(p.CropW))
		}
	}
	req, err := encodeMultipart(method, fields, "image", "image", image)
	if err != nil {
		return err
	}
	return s.client.do(ctx, method, req, nil)
}

// isNilReader reports whether r is nil or holds a nil pointer (a nil *os.File or *bytes.Buffer), whose Read
// would fail or panic.
func isNilReader(r io.Reader) bool {
	if r == nil {
		return true
	}
	switch v := reflect.ValueOf(r); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Chan, reflect.Func:
		return v.IsNil()
	}
	return false
}

// IdentityUser is the user of a Sign in with Slack token.
type IdentityUser struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Image24  string `json:"image_24,omitempty"`
	Image32  string `json:"image_32,omitempty"`
	Image48  string `json:"image_48,omitempty"`
	Image72  string `json:"image_72,omitempty"`
	Image192 string `json:"image_192,omitempty"`
	Image512 string `json:"image_512,omitempty"`
}

// UsersIdentityResponse is the user and workspace of a Sign in with Slack token.
type UsersIdentityResponse struct {
	User IdentityUser `json:"user"`
	Team Team         `json:"team"`
}

// Identity returns the user and workspace of a Sign in with Slack token.
//
// Slack API: https://api.slack.com/methods/users.identity (Tier 3, identity.basic). Legacy Sign in with
// Slack; new apps use OpenID Connect. Retried on 5xx and connection errors.
func (s *UsersService) Identity(ctx context.Context) (*UsersIdentityResponse, error) {
	var out struct {
		envelope
		UsersIdentityResponse
	}
	if err := s.client.Call(ctx, "users.identity", nil, &out); err != nil {
		return nil, err
	}
	return &out.UsersIdentityResponse, nil
}

// UsersListParams are the optional arguments of Users.List and Users.ListAll.
type UsersListParams struct {
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size, at most 1000 (Slack may return fewer); ListAll asks for 200 when it is 0.
	Limit int `url:"limit,omitempty"`
	// IncludeLocale adds each user's locale.
	IncludeLocale bool `url:"include_locale,omitempty"`
	// TeamID lists one workspace of an Enterprise Grid organization.
	TeamID string `url:"team_id,omitempty"`
}

// UsersListResponse is one page of a workspace's users.
type UsersListResponse struct {
	Members []User `json:"members"`
	// CacheTS is when Slack built the list.
	CacheTS Time `json:"cache_ts"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// List returns one page of a workspace's users, deleted ones included.
//
// Slack API: https://api.slack.com/methods/users.list (Tier 2, users:read). Retried on 5xx and connection
// errors.
func (s *UsersService) List(ctx context.Context, params *UsersListParams) (*UsersListResponse, error) {
	const method = "users.list"
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		UsersListResponse
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.UsersListResponse, nil
}

// ListAll iterates over all of a workspace's users, fetching pages of params.Limit (200 if 0) as the loop
// needs them.
//
// Slack API: https://api.slack.com/methods/users.list (Tier 2, users:read)
func (s *UsersService) ListAll(ctx context.Context, params *UsersListParams) iter.Seq2[User, error] {
	return pages(params, DefaultPageSize, func(p *UsersListParams) ([]User, string, error) {
		r, err := s.List(ctx, p)
		if err != nil {
			return nil, "", err
		}
		return r.Members, r.NextCursor, nil
	})
}

func (p *UsersListParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }

// SetActive marked the token's user as active.
//
// Slack API: https://api.slack.com/methods/users.setActive (Tier 2, users:write)
//
// Deprecated: Slack retired users.setActive in 2018; it does nothing. Use Users.SetPresence.
func (s *UsersService) SetActive(ctx context.Context) error {
	return s.client.Call(ctx, "users.setActive", nil, nil)
}

// UsersConversationsParams are the optional arguments of Users.Conversations and
// Users.ConversationsAll.
type UsersConversationsParams struct {
	// User is the user whose conversations to list; empty means the token's own user.
	User string `url:"user,omitempty"`
	// Types are the kinds of conversation to list (ConversationTypePublic, …); empty means public
	// channels only.
	Types []string `url:"types,comma,omitempty"`
	// ExcludeArchived leaves out archived conversations.
	ExcludeArchived bool `url:"exclude_archived,omitempty"`
	// Cursor resumes a listing at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size, at most 1000; ConversationsAll asks for 200 when it is 0.
	Limit int `url:"limit,omitempty"`
	// TeamID lists one workspace of an Enterprise Grid organization.
	TeamID string `url:"team_id,omitempty"`
}

// UsersConversationsResponse is one page of the conversations a user is a member of.
type UsersConversationsResponse struct {
	Channels []Conversation `json:"channels"`
	// NextCursor fetches the next page; it is empty on the last page.
	NextCursor string `json:"-"`
}

// Conversations returns one page of the conversations a user is a member of.
//
// Slack API: https://api.slack.com/methods/users.conversations (Tier 3, channels:read, groups:read,
// im:read, mpim:read). Retried on 5xx and connection errors.
func (s *UsersService) Conversations(ctx context.Context, params *UsersConversationsParams) (*UsersConversationsResponse, error) {
	const method = "users.conversations"
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
		if err := conversationsCheckIDs(method, "Types", params.Types, false); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		UsersConversationsResponse
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.UsersConversationsResponse, nil
}

// ConversationsAll iterates over all the conversations a user is a member of, fetching pages as the loop
// needs them.
//
// Slack API: https://api.slack.com/methods/users.conversations (Tier 3, channels:read, groups:read,
// im:read, mpim:read)
func (s *UsersService) ConversationsAll(ctx context.Context, params *UsersConversationsParams) iter.Seq2[Conversation, error] {
	return pages(params, DefaultPageSize, func(p *UsersConversationsParams) ([]Conversation, string, error) {
		r, err := s.Conversations(ctx, p)
		if err != nil {
			return nil, "", err
		}
		return r.Channels, r.NextCursor, nil
	})
}

func (p *UsersConversationsParams) pageFields() (*string, *int) { return &p.Cursor, &p.Limit }
