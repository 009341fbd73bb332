package slack_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"testing/synctest"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"bots.info": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Bots.Info(ctx, "B1")
		},
	})
}

func TestBotsInfo(t *testing.T) {
	c, srv := newTestClient(t)

	got, err := c.Bots.Info(t.Context(), slacktest.BotID)
	if err != nil {
		t.Fatal(err)
	}

	filesWire(t, srv, "bots.info", slacktest.BotToken, url.Values{"bot": {slacktest.BotID}})
	if got.ID != slacktest.BotID || got.Name != "tourbot" || got.AppID != slacktest.AppID ||
		got.UserID != slacktest.BotUserID || got.Deleted {
		t.Errorf("bot = %+v, want tourbot", got)
	}
	if got.Updated.Unix() != 1700000000 {
		t.Errorf("Updated %v, want the seed time", got.Updated)
	}
	for _, size := range []string{"image_36", "image_48", "image_72"} {
		if got.Icons[size] == "" {
			t.Errorf("Icons %v has no %s", got.Icons, size)
		}
	}
}

func TestBotsInfoDeletedBot(t *testing.T) {
	c, srv := newUserClient(t)
	srv.AddBot(slacktest.Bot{ID: "B0OLD", Name: "oldbot", AppID: "A0OLD", UserID: "U0OLDBOT", Deleted: true,
		Updated: 1600000000})

	got, err := c.Bots.Info(t.Context(), "B0OLD")
	if err != nil {
		t.Fatal(err)
	}

	filesWire(t, srv, "bots.info", slacktest.UserToken, url.Values{"bot": {"B0OLD"}})
	if got.ID != "B0OLD" || got.Name != "oldbot" || got.AppID != "A0OLD" || got.UserID != "U0OLDBOT" ||
		!got.Deleted || got.Updated.Unix() != 1600000000 {
		t.Errorf("bot = %+v, want the deleted oldbot", got)
	}
}

func TestBotsInfoNotFound(t *testing.T) {
	c, srv := newTestClient(t)

	got, err := c.Bots.Info(t.Context(), "B0NOPE")

	assertCode(t, err, slack.ErrBotNotFound)
	if got != nil {
		t.Errorf("got %+v with the error", got)
	}
	filesWire(t, srv, "bots.info", slacktest.BotToken, url.Values{"bot": {"B0NOPE"}})
}

func TestBotsInfoRefusesMissingBot(t *testing.T) {
	for _, bot := range []string{"", " "} {
		c, srv := newTestClient(t)
		got, err := c.Bots.Info(t.Context(), bot)
		assertNothingSent(t, srv, err, "bot")
		if got != nil {
			t.Errorf("got %+v with the error", got)
		}
	}
}

// bots.info changes nothing, so a 5xx is retried; files.comments.delete is a write and is not.
func TestBotsInfoRetriedButCommentDeleteNot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newFilesWorkspace(t, slacktest.UserToken)
		srv.Inject("bots.info", slacktest.HTMLError(http.StatusBadGateway))
		srv.Inject("files.comments.delete", slacktest.Fault{Status: http.StatusBadGateway, Body: "Bad Gateway",
			ContentType: "text/plain", AfterHandling: true})

		got, err := c.Bots.Info(t.Context(), slacktest.BotID)
		if err != nil {
			t.Fatalf("bots.info after one 502: %v", err)
		}
		if got.ID != slacktest.BotID || srv.Count("bots.info") != 2 {
			t.Errorf("got %+v after %d requests, want tourbot after 2", got, srv.Count("bots.info"))
		}

		err = c.Files.DeleteComment(t.Context(), slacktest.FileID, filesBobNoteID)
		se := assertCode(t, err, slack.ErrHTTPError)
		if se.StatusCode != http.StatusBadGateway {
			t.Errorf("StatusCode %d, want 502", se.StatusCode)
		}
		if n := srv.Count("files.comments.delete"); n != 1 {
			t.Errorf("files.comments.delete sent %d times, want once", n)
		}
		// The delete reached the fake before the 502: the error does not mean nothing happened.
		if comments := filesComments(t, srv, slacktest.FileID); len(comments) != 1 {
			t.Errorf("the file holds %+v, want only alice's comment", comments)
		}
	})
}
