package slack

import (
	"context"
	"net/url"
	"slices"
	"strings"
)

// BookmarksService holds the bookmarks.* methods: the links in a conversation's bookmark bar.
type BookmarksService service

// BookmarkType is the kind of a bookmark.
type BookmarkType string

// The bookmark types Bookmarks.Add may create. Slack accepts only links today; Bookmarks.Add refuses any
// other type before sending. A Bookmark read back may carry a type made otherwise (in Slack's own
// clients).
const (
	// BookmarkTypeLink is a link to a URL (BookmarksAddParams.Link).
	BookmarkTypeLink BookmarkType = "link"
)

// knownBookmarkTypes are the types Bookmarks.Add sends.
var knownBookmarkTypes = []BookmarkType{BookmarkTypeLink}

// Bookmark is a bookmark of a conversation.
type Bookmark struct {
	// ID identifies the bookmark ("Bk033XFJ9BTJ").
	ID string `json:"id"`
	// ChannelID is the conversation the bookmark belongs to.
	ChannelID string `json:"channel_id"`
	// Title is the bookmark's title.
	Title string `json:"title"`
	// Link is the URL a link bookmark points to.
	Link string `json:"link,omitempty"`
	// Emoji is the emoji shown with the bookmark (":clap:").
	Emoji string `json:"emoji,omitempty"`
	// IconURL is the icon Slack found for the link.
	IconURL string `json:"icon_url,omitempty"`
	// Type is the kind of bookmark.
	Type BookmarkType `json:"type"`
	// EntityID is the message or file a bookmark of those kinds names.
	EntityID string `json:"entity_id,omitempty"`
	// DateCreated is when the bookmark was added.
	DateCreated Time `json:"date_created"`
	// DateUpdated is when it last changed (zero if never).
	DateUpdated Time `json:"date_updated"`
	// Rank orders the bookmarks of a conversation.
	Rank string `json:"rank,omitempty"`
	// LastUpdatedByUserID and LastUpdatedByTeamID say who last changed it.
	LastUpdatedByUserID string `json:"last_updated_by_user_id,omitempty"`
	LastUpdatedByTeamID string `json:"last_updated_by_team_id,omitempty"`
	// ShortcutID and AppID name the shortcut and app of a bookmark that runs a workflow.
	ShortcutID string `json:"shortcut_id,omitempty"`
	AppID      string `json:"app_id,omitempty"`
	// ParentID is the folder bookmark holding this one, if any.
	ParentID string `json:"parent_id,omitempty"`
}

// BookmarksAddParams are the optional arguments of Bookmarks.Add.
type BookmarksAddParams struct {
	// Link is the URL of a link bookmark (http:// or https://); required for BookmarkTypeLink.
	Link string `url:"link,omitempty"`
	// Emoji is the emoji shown with the bookmark (":clap:").
	Emoji string `url:"emoji,omitempty"`
	// EntityID is the message or file a bookmark of those kinds names.
	EntityID string `url:"entity_id,omitempty"`
	// AccessLevel is the permission a bookmarked file grants: "read" or "write".
	AccessLevel string `url:"access_level,omitempty"`
	// ParentID puts the bookmark in a folder bookmark.
	ParentID string `url:"parent_id,omitempty"`
}

type bookmarksAddRequest struct {
	ChannelID           string       `url:"channel_id"`
	Title               string       `url:"title"`
	Type                BookmarkType `url:"type"`
	*BookmarksAddParams `url:",omitempty"`
}

// bookmarkReply is the answer of the methods that return one bookmark.
type bookmarkReply struct {
	envelope
	Bookmark Bookmark `json:"bookmark"`
}

// Add adds a bookmark to a conversation's bookmark bar and returns it. bookmarkType must be one Slack
// accepts (BookmarkTypeLink, with params.Link); any other is refused before anything is sent.
//
// Slack API: https://api.slack.com/methods/bookmarks.add (Tier 2, bookmarks:write)
func (s *BookmarksService) Add(ctx context.Context, channelID, title string, bookmarkType BookmarkType, params *BookmarksAddParams) (*Bookmark, error) {
	const method = "bookmarks.add"
	if err := required(method, "channelID", channelID, "title", title, "bookmarkType", string(bookmarkType)); err != nil {
		return nil, err
	}
	if !slices.Contains(knownBookmarkTypes, bookmarkType) {
		return nil, invalidArgument(method, "bookmarkType %q is not one Slack accepts (%q)", bookmarkType, BookmarkTypeLink)
	}
	if bookmarkType == BookmarkTypeLink && (params == nil || strings.TrimSpace(params.Link) == "") {
		return nil, invalidArgument(method, "missing required argument link (params.Link) for a link bookmark")
	}
	var out bookmarkReply
	if err := s.client.Call(ctx, method, bookmarksAddRequest{channelID, title, bookmarkType, params}, &out); err != nil {
		return nil, err
	}
	return &out.Bookmark, nil
}

// BookmarksEditParams are the changes Bookmarks.Edit makes: the fields that are set.
type BookmarksEditParams struct {
	// Title is the new title.
	Title string `url:"title,omitempty"`
	// Link is the new URL.
	Link string `url:"link,omitempty"`
	// Emoji is the new emoji.
	Emoji string `url:"emoji,omitempty"`
}

type bookmarksEditRequest struct {
	ChannelID            string `url:"channel_id"`
	BookmarkID           string `url:"bookmark_id"`
	*BookmarksEditParams `url:",omitempty"`
}

// Edit changes a bookmark's title, link or emoji (those set in params) and returns the bookmark.
//
// Slack API: https://api.slack.com/methods/bookmarks.edit (Tier 2, bookmarks:write)
func (s *BookmarksService) Edit(ctx context.Context, channelID, bookmarkID string, params *BookmarksEditParams) (*Bookmark, error) {
	const method = "bookmarks.edit"
	if err := required(method, "channelID", channelID, "bookmarkID", bookmarkID); err != nil {
		return nil, err
	}
	var out bookmarkReply
	if err := s.client.Call(ctx, method, bookmarksEditRequest{channelID, bookmarkID, params}, &out); err != nil {
		return nil, err
	}
	return &out.Bookmark, nil
}

// List returns a conversation's bookmarks.
//
// Slack API: https://api.slack.com/methods/bookmarks.list (Tier 3, bookmarks:read). Retried on 5xx and
// connection errors.
func (s *BookmarksService) List(ctx context.Context, channelID string) ([]Bookmark, error) {
	const method = "bookmarks.list"
	if err := required(method, "channelID", channelID); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		Bookmarks []Bookmark `json:"bookmarks"`
	}
	if err := s.client.Call(ctx, method, url.Values{"channel_id": {channelID}}, &out); err != nil {
		return nil, err
	}
	return out.Bookmarks, nil
}

// BookmarksRemoveParams are the optional arguments of Bookmarks.Remove.
type BookmarksRemoveParams struct {
	// QuipSectionID removes the bookmark of one section of a canvas.
	QuipSectionID string `url:"quip_section_id,omitempty"`
}

type bookmarksRemoveRequest struct {
	ChannelID              string `url:"channel_id"`
	BookmarkID             string `url:"bookmark_id"`
	*BookmarksRemoveParams `url:",omitempty"`
}

// Remove removes a bookmark from a conversation.
//
// Slack API: https://api.slack.com/methods/bookmarks.remove (Tier 2, bookmarks:write)
func (s *BookmarksService) Remove(ctx context.Context, channelID, bookmarkID string, params *BookmarksRemoveParams) error {
	const method = "bookmarks.remove"
	if err := required(method, "channelID", channelID, "bookmarkID", bookmarkID); err != nil {
		return err
	}
	return s.client.Call(ctx, method, bookmarksRemoveRequest{channelID, bookmarkID, params}, nil)
}
