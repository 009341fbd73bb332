package slack_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"bookmarks.add": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Bookmarks.Add(ctx, "C1", "bookmark-1", slack.BookmarkTypeLink, &slack.BookmarksAddParams{Link: "https://google.com"})
		},
		"bookmarks.edit": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Bookmarks.Edit(ctx, "C1", "Bk033XFJ9BTJ", &slack.BookmarksEditParams{Title: "x"})
		},
		"bookmarks.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Bookmarks.List(ctx, "C1")
		},
		"bookmarks.remove": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Bookmarks.Remove(ctx, "C1", "Bk033XFJ9BTJ", nil)
		},
	})
}

// bookmarkStart is the fixed time of the fake's clock in the bookmark tests.
var bookmarkStart = time.Unix(1700002000, 0)

// newBookmarkWorkspace is newReactWorkspace with the clock standing at bookmarkStart.
func newBookmarkWorkspace(t *testing.T, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	return newReactWorkspace(t, token, slacktest.WithClock(func() time.Time { return bookmarkStart }))
}

// addRunbook adds the bookmark "Runbook" to #general.
func addRunbook(t *testing.T, c *slack.Client) *slack.Bookmark {
	t.Helper()
	b, err := c.Bookmarks.Add(t.Context(), slacktest.GeneralID, "Runbook", slack.BookmarkTypeLink,
		&slack.BookmarksAddParams{Link: "https://wiki.example.com/runbook", Emoji: ":books:"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBookmarksAdd(t *testing.T) {
	c, srv := newBookmarkWorkspace(t, slacktest.BotToken)

	b := addRunbook(t, c)
	wireForm(t, srv, "bookmarks.add", slacktest.BotToken, url.Values{"channel_id": {slacktest.GeneralID},
		"title": {"Runbook"}, "type": {"link"}, "link": {"https://wiki.example.com/runbook"}, "emoji": {":books:"}})
	if b.ID == "" || b.ChannelID != slacktest.GeneralID || b.Title != "Runbook" || b.Type != slack.BookmarkTypeLink ||
		b.Link != "https://wiki.example.com/runbook" || b.Emoji != ":books:" || !b.DateCreated.Equal(bookmarkStart) ||
		!b.DateUpdated.IsZero() || b.LastUpdatedByUserID != slacktest.BotUserID || b.IconURL == "" {
		t.Errorf("Add returned %+v", b)
	}
	stored := srv.Bookmarks(slacktest.GeneralID)
	if len(stored) != 1 || stored[0].ID != b.ID || stored[0].Title != "Runbook" || stored[0].Link != b.Link ||
		stored[0].Type != "link" || stored[0].UpdatedBy != slacktest.BotUserID {
		t.Errorf("the fake holds %+v", stored)
	}
}

func TestBookmarksAddDocumentedErrors(t *testing.T) {
	tests := []struct {
		name    string
		channel string
		params  *slack.BookmarksAddParams
		want    slack.ErrorCode
	}{
		{"link that is not http", slacktest.GeneralID, &slack.BookmarksAddParams{Link: "ftp://files.example.com/x"}, slack.ErrInvalidLink},
		{"emoji without colons", slacktest.GeneralID, &slack.BookmarksAddParams{Link: "https://example.com", Emoji: "books"}, slack.ErrInvalidEmoji},
		{"no such channel", "C0NOWHERE", &slack.BookmarksAddParams{Link: "https://example.com"}, slack.ErrChannelNotFound},
		{"no such folder", slacktest.GeneralID, &slack.BookmarksAddParams{Link: "https://example.com", ParentID: "Bk0NONE"}, slack.ErrInvalidParentType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newBookmarkWorkspace(t, slacktest.BotToken)
			_, err := c.Bookmarks.Add(t.Context(), tt.channel, "Docs", slack.BookmarkTypeLink, tt.params)
			assertCode(t, err, tt.want)
			if got := srv.Bookmarks(slacktest.GeneralID); len(got) != 0 {
				t.Errorf("a refused bookmark was stored: %+v", got)
			}
		})
	}
}

func TestBookmarksAddTooMany(t *testing.T) {
	c, srv := newBookmarkWorkspace(t, slacktest.BotToken)
	for range 100 {
		addRunbook(t, c)
	}
	_, err := c.Bookmarks.Add(t.Context(), slacktest.GeneralID, "One more", slack.BookmarkTypeLink,
		&slack.BookmarksAddParams{Link: "https://example.com"})
	assertCode(t, err, slack.ErrTooManyBookmarks)
	if n := len(srv.Bookmarks(slacktest.GeneralID)); n != 100 {
		t.Errorf("%d bookmarks stored", n)
	}
}

func TestBookmarksEdit(t *testing.T) {
	c, srv := newBookmarkWorkspace(t, slacktest.BotToken)
	b := addRunbook(t, c)
	alice := newClientFor(t, srv, slacktest.UserToken)

	got, err := alice.Bookmarks.Edit(t.Context(), slacktest.GeneralID, b.ID, &slack.BookmarksEditParams{Title: "Runbook (v2)"})
	if err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "bookmarks.edit", slacktest.UserToken,
		url.Values{"channel_id": {slacktest.GeneralID}, "bookmark_id": {b.ID}, "title": {"Runbook (v2)"}})
	if got.ID != b.ID || got.Title != "Runbook (v2)" || got.Link != b.Link || got.Emoji != ":books:" ||
		!got.DateUpdated.Equal(bookmarkStart) || got.LastUpdatedByUserID != slacktest.AliceID {
		t.Errorf("Edit returned %+v", got)
	}
	stored := srv.Bookmarks(slacktest.GeneralID)
	if len(stored) != 1 || stored[0].Title != "Runbook (v2)" || stored[0].Updated != bookmarkStart.Unix() {
		t.Errorf("the fake holds %+v", stored)
	}

	_, err = c.Bookmarks.Edit(t.Context(), slacktest.GeneralID, "Bk0NONE", &slack.BookmarksEditParams{Title: "x"})
	assertCode(t, err, slack.ErrNotFound)
	_, err = c.Bookmarks.Edit(t.Context(), slacktest.GeneralID, b.ID, &slack.BookmarksEditParams{Link: "javascript:alert(1)"})
	assertCode(t, err, slack.ErrInvalidLink)
	if stored := srv.Bookmarks(slacktest.GeneralID); stored[0].Link != b.Link {
		t.Errorf("a refused edit changed the link to %q", stored[0].Link)
	}
}

func TestBookmarksList(t *testing.T) {
	c, srv := newBookmarkWorkspace(t, slacktest.BotToken)
	first := addRunbook(t, c)
	second, err := c.Bookmarks.Add(t.Context(), slacktest.GeneralID, "Dashboard", slack.BookmarkTypeLink,
		&slack.BookmarksAddParams{Link: "https://grafana.example.com"})
	if err != nil {
		t.Fatal(err)
	}

	list, err := c.Bookmarks.List(t.Context(), slacktest.GeneralID)
	if err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "bookmarks.list", slacktest.BotToken, url.Values{"channel_id": {slacktest.GeneralID}})
	if len(list) != 2 || list[0].ID != first.ID || list[1].ID != second.ID || list[1].Title != "Dashboard" ||
		!(list[0].Rank < list[1].Rank) {
		t.Errorf("List returned %+v", list)
	}
	if empty, err := c.Bookmarks.List(t.Context(), slacktest.RandomID); err != nil || len(empty) != 0 {
		t.Errorf("#random: %+v, %v", empty, err)
	}
	_, err = c.Bookmarks.List(t.Context(), "C0NOWHERE")
	assertCode(t, err, slack.ErrChannelNotFound)
}

func TestBookmarksRemove(t *testing.T) {
	c, srv := newBookmarkWorkspace(t, slacktest.BotToken)
	b := addRunbook(t, c)

	if err := c.Bookmarks.Remove(t.Context(), slacktest.GeneralID, b.ID, &slack.BookmarksRemoveParams{QuipSectionID: "temp:C:abc"}); err != nil {
		t.Fatal(err)
	}
	wireForm(t, srv, "bookmarks.remove", slacktest.BotToken, url.Values{"channel_id": {slacktest.GeneralID},
		"bookmark_id": {b.ID}, "quip_section_id": {"temp:C:abc"}})
	if got := srv.Bookmarks(slacktest.GeneralID); len(got) != 0 {
		t.Errorf("the fake still holds %+v", got)
	}
	assertCode(t, c.Bookmarks.Remove(t.Context(), slacktest.GeneralID, b.ID, nil), slack.ErrNotFound)
}

func TestBookmarksRefuseBadArgumentsBeforeSending(t *testing.T) {
	link := &slack.BookmarksAddParams{Link: "https://example.com"}
	tests := []struct {
		name     string
		call     func(context.Context, *slack.Client) error
		argument string
	}{
		{"add/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Add(ctx, "", "Docs", slack.BookmarkTypeLink, link)
			return err
		}, "channelID"},
		{"add/no title", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Add(ctx, slacktest.GeneralID, " ", slack.BookmarkTypeLink, link)
			return err
		}, "title"},
		{"add/no type", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Add(ctx, slacktest.GeneralID, "Docs", "", link)
			return err
		}, "bookmarkType"},
		{"add/unknown type", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Add(ctx, slacktest.GeneralID, "Docs", slack.BookmarkType("folder"), link)
			return err
		}, "bookmarkType"},
		{"add/type in capitals", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Add(ctx, slacktest.GeneralID, "Docs", slack.BookmarkType("LINK"), link)
			return err
		}, "bookmarkType"},
		{"add/link without a link", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Add(ctx, slacktest.GeneralID, "Docs", slack.BookmarkTypeLink, nil)
			return err
		}, "link"},
		{"edit/no bookmark", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.Edit(ctx, slacktest.GeneralID, "", &slack.BookmarksEditParams{Title: "x"})
			return err
		}, "bookmarkID"},
		{"list/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Bookmarks.List(ctx, "")
			return err
		}, "channelID"},
		{"remove/no channel", func(ctx context.Context, c *slack.Client) error {
			return c.Bookmarks.Remove(ctx, "", "Bk1", nil)
		}, "channelID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newBookmarkWorkspace(t, slacktest.BotToken)
			assertNothingSent(t, srv, tt.call(t.Context(), c), tt.argument)
		})
	}
}
