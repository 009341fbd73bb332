package slack_test

import (
	"context"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	const ts = "1503435956.000247"
	registerFixtures(map[string]fixtureCall{
		"chat.postMessage": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Chat.PostMessage(ctx, "C1", &slack.ChatPostMessageParams{Text: "x"})
		},
		"chat.meMessage": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Chat.MeMessage(ctx, "C1", "waves")
		},
		"chat.getPermalink": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Chat.GetPermalink(ctx, "C1", ts)
		},
		"chat.delete": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Chat.Delete(ctx, "C1", ts, nil)
		},
		"chat.unfurl": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Chat.Unfurl(ctx, "C1", ts, map[string]slack.Attachment{"https://example.com": {Text: "x"}}, nil)
		},
		"chat.postEphemeral": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Chat.PostEphemeral(ctx, "C1", "U1", &slack.ChatPostEphemeralParams{Text: "x"})
		},
		"chat.update": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Chat.Update(ctx, "C1", ts, &slack.ChatUpdateParams{Text: "x"})
		},
	})
}

// The workspace of newChatWorkspace: the seeded one, plus these.
const (
	chatArchivedID = "C0ARCHIVED" // an archived channel the bot belongs to
	chatOutsideID  = "C0OUTSIDE"  // a public channel of alice and bob that the bot is not in
	chatBobToken   = "xoxp-slacktest-0000000000-bob"
	chatBotTS      = "1700000001.000100" // the bot's message in #general
	chatAliceTS    = "1700000002.000100" // alice's message in #general, with chatLink in it
	chatBobTS      = "1700000003.000100" // bob's message in #general
	chatLink       = "https://example.com/reports/q3"
)

// newChatWorkspace is newClientFor token on a seeded workspace with an archived channel, a channel the bot
// is not in, a token for bob, and a message each from the bot, alice and bob in #general. The setup
// sends no request.
func newChatWorkspace(t *testing.T, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	srv.AddChannel(slacktest.Channel{ID: chatArchivedID, Name: "old-news", IsArchived: true,
		Members: []string{slacktest.AliceID, slacktest.BotUserID}})
	srv.AddChannel(slacktest.Channel{ID: chatOutsideID, Name: "outside",
		Members: []string{slacktest.AliceID, slacktest.BobID}})
	srv.AddToken(chatBobToken, slacktest.BobID)
	srv.AddMessage(slacktest.Message{TS: chatBotTS, Channel: slacktest.GeneralID, User: slacktest.BotUserID,
		BotID: slacktest.BotID, Text: "Build 41 passed"})
	srv.AddMessage(slacktest.Message{TS: chatAliceTS, Channel: slacktest.GeneralID, User: slacktest.AliceID,
		Text: "The Q3 report: <" + chatLink + ">"})
	srv.AddMessage(slacktest.Message{TS: chatBobTS, Channel: slacktest.GeneralID, User: slacktest.BobID,
		Text: "lunch?"})
	return newClientFor(t, srv, token), srv
}

// chatWire checks how a call of method reached the fake (see checkWire), as a form, and returns the form.
func chatWire(t *testing.T, srv *slacktest.Server, method, token string) url.Values {
	t.Helper()
	r := checkWire(t, srv, method, token)
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		t.Errorf("%s: Content-Type %q, want application/x-www-form-urlencoded", method, r.Header.Get("Content-Type"))
	}
	return r.Form
}

// chatForm checks that form holds exactly the fields of want, once each. A wanted value that starts with
// [ or { is compared as JSON.
func chatForm(t *testing.T, form url.Values, want map[string]string) {
	t.Helper()
	for k, vs := range form {
		w, wanted := want[k]
		switch {
		case !wanted:
			t.Errorf("unexpected form field %s=%q", k, vs)
		case len(vs) != 1:
			t.Errorf("form field %s sent %d times: %q", k, len(vs), vs)
		case strings.HasPrefix(w, "[") || strings.HasPrefix(w, "{"):
			chatJSONEq(t, k, []byte(vs[0]), w)
		case vs[0] != w:
			t.Errorf("form field %s=%q, want %q", k, vs[0], w)
		}
	}
	for k := range want {
		if _, sent := form[k]; !sent {
			t.Errorf("form field %s is missing", k)
		}
	}
}

// chatJSONEq checks that got is the same JSON as want.
func chatJSONEq(t *testing.T, what string, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Errorf("%s is not JSON: %v: %s", what, err, got)
		return
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad wanted JSON for %s: %v", what, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// chatStored returns the message with ts that the fake holds in channel.
func chatStored(t *testing.T, srv *slacktest.Server, channel, ts string) slacktest.Message {
	t.Helper()
	for _, m := range srv.Messages(channel) {
		if m.TS == ts {
			return m
		}
	}
	t.Fatalf("%s holds no message %s", channel, ts)
	return slacktest.Message{}
}

// chatPost posts a message to channel and fails the test if that fails.
func chatPost(t *testing.T, c *slack.Client, channel string, params *slack.ChatPostMessageParams) *slack.ChatPostMessageResponse {
	t.Helper()
	resp, err := c.Chat.PostMessage(t.Context(), channel, params)
	if err != nil {
		t.Fatalf("posting to %s: %v", channel, err)
	}
	return resp
}

var chatTSPattern = regexp.MustCompile(`^\d{10}\.\d{6}$`)

func TestChatPostMessage(t *testing.T) {
	c, srv := newTestClient(t)

	resp, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "Deploy *finished*"})
	if err != nil {
		t.Fatal(err)
	}

	form := chatWire(t, srv, "chat.postMessage", slacktest.BotToken)
	// Nil pointers and zero values are not sent: Slack's defaults apply.
	chatForm(t, form, map[string]string{"channel": slacktest.GeneralID, "text": "Deploy *finished*"})

	if resp.Channel != slacktest.GeneralID {
		t.Errorf("Channel %q, want %q", resp.Channel, slacktest.GeneralID)
	}
	if !chatTSPattern.MatchString(resp.TS) {
		t.Errorf("TS %q is not a Slack ts", resp.TS)
	}
	m := resp.Message
	if m.TS != resp.TS || m.Text != "Deploy *finished*" || m.User != slacktest.BotUserID || m.BotID != slacktest.BotID ||
		m.Type != "message" {
		t.Errorf("Message = %+v, want the bot's message %s with the text posted", m, resp.TS)
	}
	if m.BotProfile == nil || m.BotProfile.Name != "tourbot" || m.BotProfile.Updated.IsZero() {
		t.Errorf("BotProfile = %+v, want tourbot's", m.BotProfile)
	}

	stored := srv.Messages(slacktest.GeneralID)
	if len(stored) != 1 {
		t.Fatalf("#general holds %d messages, want 1", len(stored))
	}
	if s := stored[0]; s.TS != resp.TS || s.Text != "Deploy *finished*" || s.User != slacktest.BotUserID || s.ThreadTS != "" {
		t.Errorf("stored %+v, want the posted message", s)
	}
}

func TestChatPostMessageSendsEveryOption(t *testing.T) {
	c, srv := newTestClient(t)
	no, yes := false, true

	resp, err := c.Chat.PostMessage(t.Context(), slacktest.RandomID, &slack.ChatPostMessageParams{
		Text:        "see https://example.com",
		AsUser:      true,
		Username:    "deploybot",
		IconEmoji:   ":rocket:",
		IconURL:     "https://example.com/rocket.png",
		LinkNames:   true,
		Parse:       "full",
		Mrkdwn:      &no,
		UnfurlLinks: &no,
		UnfurlMedia: &yes,
	})
	if err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.postMessage", slacktest.BotToken), map[string]string{
		"channel":      slacktest.RandomID,
		"text":         "see https://example.com",
		"as_user":      "true",
		"username":     "deploybot",
		"icon_emoji":   ":rocket:",
		"icon_url":     "https://example.com/rocket.png",
		"link_names":   "true",
		"parse":        "full",
		"mrkdwn":       "false", // a pointer to false is sent, unlike a false bool
		"unfurl_links": "false",
		"unfurl_media": "true",
	})
	if resp.Message.Username != "deploybot" || resp.Message.Subtype != "bot_message" {
		t.Errorf("Message username %q subtype %q, want deploybot's bot_message", resp.Message.Username, resp.Message.Subtype)
	}
	if s := chatStored(t, srv, slacktest.RandomID, resp.TS); s.Username != "deploybot" {
		t.Errorf("stored username %q, want deploybot", s.Username)
	}
}

func TestChatPostMessageBlocks(t *testing.T) {
	c, srv := newTestClient(t)
	const wantBlocks = `[{"type":"section","text":{"type":"mrkdwn","text":"*hi*"}},{"type":"divider"}]`

	resp, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{
		Text:   "hi",
		Blocks: slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("*hi*")}, slack.DividerBlock{}},
	})
	if err != nil {
		t.Fatal(err)
	}

	form := chatWire(t, srv, "chat.postMessage", slacktest.BotToken)
	chatForm(t, form, map[string]string{"channel": slacktest.GeneralID, "text": "hi", "blocks": wantBlocks})
	chatJSONEq(t, "stored blocks", chatStored(t, srv, slacktest.GeneralID, resp.TS).Blocks, wantBlocks)

	var types []string
	for _, b := range resp.Message.Blocks {
		types = append(types, b.BlockType())
	}
	if !slices.Equal(types, []string{"section", "divider"}) {
		t.Errorf("returned blocks of types %q, want section and divider", types)
	}
	if section, ok := resp.Message.Blocks[0].(slack.SectionBlock); !ok || section.Text == nil || section.Text.Text != "*hi*" {
		t.Errorf("returned section block %#v, want a SectionBlock with the text *hi*", resp.Message.Blocks[0])
	}
}

func TestChatPostMessageAttachments(t *testing.T) {
	c, srv := newTestClient(t)
	const wantAttachments = `[{"fallback":"Build 42 failed","color":"danger","title":"Build 42",
		"title_link":"https://ci.example.com/42","fields":[{"title":"Branch","value":"main","short":true}]}]`

	resp, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{
		Attachments: slack.Attachments{{
			Fallback:  "Build 42 failed",
			Color:     "danger",
			Title:     "Build 42",
			TitleLink: "https://ci.example.com/42",
			Fields:    []slack.AttachmentField{{Title: "Branch", Value: "main", Short: true}},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}

	// Attachments alone are content enough: no text is sent.
	chatForm(t, chatWire(t, srv, "chat.postMessage", slacktest.BotToken),
		map[string]string{"channel": slacktest.GeneralID, "attachments": wantAttachments})
	chatJSONEq(t, "stored attachments", chatStored(t, srv, slacktest.GeneralID, resp.TS).Attachments, wantAttachments)
	if a := resp.Message.Attachments; len(a) != 1 || a[0].Title != "Build 42" || len(a[0].Fields) != 1 || !a[0].Fields[0].Short {
		t.Errorf("returned attachments %+v, want the one posted", a)
	}
}

func TestChatPostMessageThreadReply(t *testing.T) {
	c, srv := newTestClient(t)
	ctx := t.Context()
	parent := chatPost(t, c, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "Deploying 1.4?"})

	reply, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{
		Text: "Done", ThreadTS: parent.TS, ReplyBroadcast: true})
	if err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.postMessage", slacktest.BotToken), map[string]string{
		"channel": slacktest.GeneralID, "text": "Done", "thread_ts": parent.TS, "reply_broadcast": "true"})
	if reply.TS == parent.TS || reply.Message.ThreadTS != parent.TS || reply.Message.ParentUserID != slacktest.BotUserID {
		t.Errorf("reply %s in thread %q of %q, want a new message in thread %s of %s",
			reply.TS, reply.Message.ThreadTS, reply.Message.ParentUserID, parent.TS, slacktest.BotUserID)
	}
	if s := chatStored(t, srv, slacktest.GeneralID, reply.TS); s.ThreadTS != parent.TS || !s.ReplyBroadcast {
		t.Errorf("stored reply has ThreadTS %q, ReplyBroadcast %v; want %s, true", s.ThreadTS, s.ReplyBroadcast, parent.TS)
	}
	if s := chatStored(t, srv, slacktest.GeneralID, parent.TS); s.ThreadTS != parent.TS {
		t.Errorf("stored parent has ThreadTS %q, want its own ts %s", s.ThreadTS, parent.TS)
	}

	// A reply to a reply's ts joins the thread of the parent.
	second, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "+1", ThreadTS: reply.TS})
	if err != nil {
		t.Fatal(err)
	}
	if second.Message.ThreadTS != parent.TS {
		t.Errorf("a reply to a reply is in thread %q, want %s", second.Message.ThreadTS, parent.TS)
	}

	// The parent's next render counts its replies.
	updated, err := c.Chat.Update(ctx, slacktest.GeneralID, parent.TS, &slack.ChatUpdateParams{Text: "Deployed 1.4"})
	if err != nil {
		t.Fatal(err)
	}
	p := updated.Message
	if p.ThreadTS != parent.TS || p.ReplyCount != 2 || p.ReplyUsersCount != 1 ||
		!slices.Equal(p.ReplyUsers, []string{slacktest.BotUserID}) || p.LatestReply != second.TS {
		t.Errorf("parent rendered as thread %q with %d replies by %d users %q, latest %q; want thread %s, 2 replies by [%s], latest %s",
			p.ThreadTS, p.ReplyCount, p.ReplyUsersCount, p.ReplyUsers, p.LatestReply, parent.TS, slacktest.BotUserID, second.TS)
	}
}

func TestChatPostMessageToUserOpensIM(t *testing.T) {
	c, srv := newTestClient(t)
	ctx := t.Context()

	resp := chatPost(t, c, slacktest.BobID, &slack.ChatPostMessageParams{Text: "Your build passed"})

	// The SDK sends the user ID as it is; Slack answers with the IM's ID.
	chatForm(t, chatWire(t, srv, "chat.postMessage", slacktest.BotToken),
		map[string]string{"channel": slacktest.BobID, "text": "Your build passed"})
	im, ok := srv.Channel(resp.Channel)
	if !ok || !strings.HasPrefix(resp.Channel, "D") || !im.IsIM ||
		!slices.Contains(im.Members, slacktest.BobID) || !slices.Contains(im.Members, slacktest.BotUserID) {
		t.Fatalf("posted to %q (%+v), want an IM between the bot and bob", resp.Channel, im)
	}
	if s := chatStored(t, srv, resp.Channel, resp.TS); s.Text != "Your build passed" {
		t.Errorf("the IM holds %q, want the message posted", s.Text)
	}

	// The next post goes to the same IM, and later calls name the IM, not the user.
	again := chatPost(t, c, slacktest.BobID, &slack.ChatPostMessageParams{Text: "And deployed"})
	if again.Channel != resp.Channel {
		t.Errorf("second post went to %s, want the IM %s", again.Channel, resp.Channel)
	}
	_, err := c.Chat.Update(ctx, slacktest.BobID, resp.TS, &slack.ChatUpdateParams{Text: "Your build passed (2m)"})
	assertCode(t, err, slack.ErrChannelNotFound)
	if _, err := c.Chat.Update(ctx, resp.Channel, resp.TS, &slack.ChatUpdateParams{Text: "Your build passed (2m)"}); err != nil {
		t.Errorf("updating in the IM: %v", err)
	}
}

func TestChatPostMessageByChannelName(t *testing.T) {
	c, srv := newTestClient(t)

	resp := chatPost(t, c, "#random", &slack.ChatPostMessageParams{Text: "hello"})

	chatForm(t, chatWire(t, srv, "chat.postMessage", slacktest.BotToken), map[string]string{"channel": "#random", "text": "hello"})
	if resp.Channel != slacktest.RandomID {
		t.Errorf("Channel %q, want the ID of #random, %s", resp.Channel, slacktest.RandomID)
	}
	chatStored(t, srv, slacktest.RandomID, resp.TS)
}

// A post that may have reached Slack is not sent again: Slack has no idempotency keys.
func TestChatPostMessageIsNotRetriedAfterAmbiguousFailure(t *testing.T) {
	tests := []struct {
		name   string
		fault  slacktest.Fault
		stored int
		check  func(t *testing.T, err error)
	}{
		{"5xx after posting", slacktest.Fault{Status: http.StatusBadGateway, AfterHandling: true}, 1, func(t *testing.T, err error) {
			if se := assertCode(t, err, slack.ErrHTTPError); se.StatusCode != http.StatusBadGateway {
				t.Errorf("StatusCode %d, want 502", se.StatusCode)
			}
		}},
		{"connection dropped after posting", slacktest.Fault{Drop: true, AfterHandling: true}, 1, func(t *testing.T, err error) {
			if !errors.Is(err, syscall.ECONNRESET) {
				t.Errorf("got %v, want the connection reset", err)
			}
		}},
		{"HTML error page", slacktest.HTMLError(http.StatusServiceUnavailable), 0, func(t *testing.T, err error) {
			assertCode(t, err, slack.ErrHTTPError)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, srv := newTestClient(t)
				srv.Inject("chat.postMessage", tt.fault)

				_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "once"})

				tt.check(t, err)
				if n := srv.Count("chat.postMessage"); n != 1 {
					t.Errorf("sent %d times, want once", n)
				}
				if n := len(srv.Messages(slacktest.GeneralID)); n != tt.stored {
					t.Errorf("#general holds %d messages, want %d", n, tt.stored)
				}
			})
		})
	}
}

func TestChatMeMessage(t *testing.T) {
	c, srv := newTestClient(t)

	resp, err := c.Chat.MeMessage(t.Context(), slacktest.RandomID, "waves")
	if err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.meMessage", slacktest.BotToken), map[string]string{"channel": slacktest.RandomID, "text": "waves"})
	if resp.Channel != slacktest.RandomID || !chatTSPattern.MatchString(resp.TS) {
		t.Errorf("got %+v, want a ts in %s", resp, slacktest.RandomID)
	}
	if s := chatStored(t, srv, slacktest.RandomID, resp.TS); s.Text != "waves" || s.Subtype != "me_message" || s.User != slacktest.BotUserID {
		t.Errorf("stored %+v, want the bot's me_message \"waves\"", s)
	}
}

func TestChatGetPermalink(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	base := "https://" + slacktest.TeamDomain + ".slack.com/archives/" + slacktest.GeneralID

	link, err := c.Chat.GetPermalink(ctx, slacktest.GeneralID, chatAliceTS)
	if err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.getPermalink", slacktest.BotToken),
		map[string]string{"channel": slacktest.GeneralID, "message_ts": chatAliceTS})
	if want := base + "/p1700000002000100"; link != want {
		t.Errorf("permalink %q, want %q", link, want)
	}

	reply := chatPost(t, c, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "Thanks!", ThreadTS: chatAliceTS})
	link, err = c.Chat.GetPermalink(ctx, slacktest.GeneralID, reply.TS)
	if err != nil {
		t.Fatal(err)
	}
	want := base + "/p" + strings.Replace(reply.TS, ".", "", 1) + "?thread_ts=" + chatAliceTS + "&cid=" + slacktest.GeneralID
	if link != want {
		t.Errorf("permalink of a reply %q, want %q", link, want)
	}
}

// chat.getPermalink changes nothing, so unlike a post it is retried after a 5xx.
func TestChatGetPermalinkIsRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newChatWorkspace(t, slacktest.BotToken)
		srv.Inject("chat.getPermalink", slacktest.HTMLError(http.StatusServiceUnavailable))

		link, err := c.Chat.GetPermalink(t.Context(), slacktest.GeneralID, chatBotTS)

		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(link, "/p1700000001000100") {
			t.Errorf("permalink %q, want the bot's message's", link)
		}
		if n := srv.Count("chat.getPermalink"); n != 2 {
			t.Errorf("sent %d times, want 2", n)
		}
	})
}

func TestChatDelete(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)

	if err := c.Chat.Delete(t.Context(), slacktest.GeneralID, chatBotTS, nil); err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.delete", slacktest.BotToken), map[string]string{"channel": slacktest.GeneralID, "ts": chatBotTS})
	var left []string
	for _, m := range srv.Messages(slacktest.GeneralID) {
		left = append(left, m.TS)
	}
	if want := []string{chatAliceTS, chatBobTS}; !slices.Equal(left, want) {
		t.Errorf("#general holds %q after the delete, want %q", left, want)
	}
}

func TestChatDeleteByAdmin(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.UserToken)

	if err := c.Chat.Delete(t.Context(), slacktest.GeneralID, chatBobTS, &slack.ChatDeleteParams{AsUser: true}); err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.delete", slacktest.UserToken),
		map[string]string{"channel": slacktest.GeneralID, "ts": chatBobTS, "as_user": "true"})
	for _, m := range srv.Messages(slacktest.GeneralID) {
		if m.TS == chatBobTS {
			t.Errorf("bob's message is still there: %+v", m)
		}
	}
}

func TestChatDeleteThreadParentLeavesTombstone(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	reply := chatPost(t, c, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "Which build?", ThreadTS: chatBotTS})

	if err := c.Chat.Delete(ctx, slacktest.GeneralID, chatBotTS, nil); err != nil {
		t.Fatal(err)
	}

	parent := chatStored(t, srv, slacktest.GeneralID, chatBotTS)
	if parent.Subtype != "tombstone" || parent.ThreadTS != chatBotTS || parent.User != "" || parent.Text == "Build 41 passed" {
		t.Errorf("deleted parent stored as %+v, want a tombstone of thread %s", parent, chatBotTS)
	}
	if s := chatStored(t, srv, slacktest.GeneralID, reply.TS); s.ThreadTS != chatBotTS || s.Text != "Which build?" {
		t.Errorf("reply stored as %+v, want it kept in thread %s", s, chatBotTS)
	}
	// The tombstone is not a message that can be deleted or edited again.
	assertCode(t, c.Chat.Delete(ctx, slacktest.GeneralID, chatBotTS, nil), slack.ErrMessageNotFound)
	_, err := c.Chat.Update(ctx, slacktest.GeneralID, chatBotTS, &slack.ChatUpdateParams{Text: "back"})
	assertCode(t, err, slack.ErrMessageNotFound)

	// Deleting the reply removes it outright.
	if err := c.Chat.Delete(ctx, slacktest.GeneralID, reply.TS, nil); err != nil {
		t.Fatal(err)
	}
	for _, m := range srv.Messages(slacktest.GeneralID) {
		if m.TS == reply.TS {
			t.Errorf("the deleted reply is still there: %+v", m)
		}
	}
}

func TestChatUnfurl(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)
	preview := slack.Attachment{Title: "Q3 report", TitleLink: chatLink, Text: "Revenue up 12%"}

	err := c.Chat.Unfurl(t.Context(), slacktest.GeneralID, chatAliceTS, map[string]slack.Attachment{chatLink: preview},
		&slack.ChatUnfurlParams{
			UserAuthRequired: true,
			UserAuthMessage:  "Connect your account to see reports",
			UserAuthURL:      "https://example.com/auth",
			UserAuthBlocks:   slack.Blocks{slack.SectionBlock{Text: slack.PlainText("Connect")}},
		})
	if err != nil {
		t.Fatal(err)
	}

	wantPreview := `{"title":"Q3 report","title_link":"` + chatLink + `","text":"Revenue up 12%"}`
	chatForm(t, chatWire(t, srv, "chat.unfurl", slacktest.BotToken), map[string]string{
		"channel":            slacktest.GeneralID,
		"ts":                 chatAliceTS,
		"unfurls":            `{"` + chatLink + `":` + wantPreview + `}`,
		"user_auth_required": "true",
		"user_auth_message":  "Connect your account to see reports",
		"user_auth_url":      "https://example.com/auth",
		"user_auth_blocks":   `[{"type":"section","text":{"type":"plain_text","text":"Connect"}}]`,
	})
	unfurls := srv.Unfurls()
	if len(unfurls) != 1 || unfurls[0].Channel != slacktest.GeneralID || unfurls[0].TS != chatAliceTS || len(unfurls[0].Unfurls) != 1 {
		t.Fatalf("the fake holds unfurls %+v, want one of alice's message", unfurls)
	}
	chatJSONEq(t, "stored unfurl", unfurls[0].Unfurls[chatLink], wantPreview)
}

func TestChatPostEphemeral(t *testing.T) {
	c, srv := newTestClient(t)

	ts, err := c.Chat.PostEphemeral(t.Context(), slacktest.GeneralID, slacktest.BobID,
		&slack.ChatPostEphemeralParams{Text: "Only you can see this"})
	if err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.postEphemeral", slacktest.BotToken), map[string]string{
		"channel": slacktest.GeneralID, "user": slacktest.BobID, "text": "Only you can see this"})
	if !chatTSPattern.MatchString(ts) {
		t.Errorf("message ts %q is not a Slack ts", ts)
	}
	want := []slacktest.Ephemeral{{TS: ts, Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "Only you can see this"}}
	if got := srv.Ephemerals(); !slices.Equal(got, want) {
		t.Errorf("ephemerals %+v, want %+v", got, want)
	}
	if n := len(srv.Messages(slacktest.GeneralID)); n != 0 {
		t.Errorf("#general holds %d messages; an ephemeral message is not stored in history", n)
	}
}

func TestChatPostEphemeralSendsEveryOption(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)

	_, err := c.Chat.PostEphemeral(t.Context(), slacktest.GeneralID, slacktest.AliceID, &slack.ChatPostEphemeralParams{
		Text:        "Build details",
		Blocks:      slack.Blocks{slack.HeaderBlock{Text: slack.PlainText("Build 41")}},
		Attachments: slack.Attachments{{Text: "log", Color: "good"}},
		ThreadTS:    chatBotTS,
		AsUser:      true,
		Username:    "ci",
		IconEmoji:   ":gear:",
		IconURL:     "https://example.com/gear.png",
		LinkNames:   true,
		Parse:       "none",
	})
	if err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.postEphemeral", slacktest.BotToken), map[string]string{
		"channel":     slacktest.GeneralID,
		"user":        slacktest.AliceID,
		"text":        "Build details",
		"blocks":      `[{"type":"header","text":{"type":"plain_text","text":"Build 41"}}]`,
		"attachments": `[{"text":"log","color":"good"}]`,
		"thread_ts":   chatBotTS,
		"as_user":     "true",
		"username":    "ci",
		"icon_emoji":  ":gear:",
		"icon_url":    "https://example.com/gear.png",
		"link_names":  "true",
		"parse":       "none",
	})
}

func TestChatUpdate(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)

	resp, err := c.Chat.Update(t.Context(), slacktest.GeneralID, chatBotTS, &slack.ChatUpdateParams{Text: "Build 41 passed (flaky test retried)"})
	if err != nil {
		t.Fatal(err)
	}

	chatForm(t, chatWire(t, srv, "chat.update", slacktest.BotToken), map[string]string{
		"channel": slacktest.GeneralID, "ts": chatBotTS, "text": "Build 41 passed (flaky test retried)"})
	if resp.Channel != slacktest.GeneralID || resp.TS != chatBotTS || resp.Text != "Build 41 passed (flaky test retried)" {
		t.Errorf("got channel %q ts %q text %q, want the updated message", resp.Channel, resp.TS, resp.Text)
	}
	if m := resp.Message; m.TS != chatBotTS || m.Text != resp.Text || m.Edited == nil || m.Edited.User != slacktest.BotUserID ||
		!chatTSPattern.MatchString(m.Edited.TS) {
		t.Errorf("Message = %+v (edited %+v), want the new text, edited by the bot", m, m.Edited)
	}
	if s := chatStored(t, srv, slacktest.GeneralID, chatBotTS); s.Text != resp.Text || s.EditedBy != slacktest.BotUserID {
		t.Errorf("stored %+v, want the new text, edited by the bot", s)
	}
}

func TestChatUpdateOfAnotherUsersMessageIsRefusedEvenForAdmins(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.UserToken)
	before := chatStored(t, srv, slacktest.GeneralID, chatBobTS)

	_, err := c.Chat.Update(t.Context(), slacktest.GeneralID, chatBobTS, &slack.ChatUpdateParams{Text: "rewritten by alice"})

	assertCode(t, err, slack.ErrCantUpdateMessage)
	chatForm(t, chatWire(t, srv, "chat.update", slacktest.UserToken), map[string]string{
		"channel": slacktest.GeneralID, "ts": chatBobTS, "text": "rewritten by alice"})
	if after := chatStored(t, srv, slacktest.GeneralID, chatBobTS); after.Text != before.Text || after.EditedBy != "" {
		t.Errorf("stored %+v, want bob's message unchanged", after)
	}
}

func TestChatUpdateBlocksAndAttachments(t *testing.T) {
	c, srv := newTestClient(t)
	ctx := t.Context()
	const blocks = `[{"type":"section","text":{"type":"mrkdwn","text":"*Build 42*: running"}}]`
	const attachments = `[{"text":"log: 12 lines"}]`
	posted := chatPost(t, c, slacktest.GeneralID, &slack.ChatPostMessageParams{
		Text:        "Build 42: running",
		Blocks:      slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("*Build 42*: running")}},
		Attachments: slack.Attachments{{Text: "log: 12 lines"}},
	})

	// Without Blocks or Attachments, an update keeps the message's own.
	if _, err := c.Chat.Update(ctx, slacktest.GeneralID, posted.TS, &slack.ChatUpdateParams{Text: "Build 42: passed"}); err != nil {
		t.Fatal(err)
	}
	chatForm(t, chatWire(t, srv, "chat.update", slacktest.BotToken),
		map[string]string{"channel": slacktest.GeneralID, "ts": posted.TS, "text": "Build 42: passed"})
	s := chatStored(t, srv, slacktest.GeneralID, posted.TS)
	chatJSONEq(t, "kept blocks", s.Blocks, blocks)
	chatJSONEq(t, "kept attachments", s.Attachments, attachments)

	// With them, it replaces them.
	resp, err := c.Chat.Update(ctx, slacktest.GeneralID, posted.TS, &slack.ChatUpdateParams{
		Text:        "Build 42: passed",
		Blocks:      slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("*Build 42*: passed")}, slack.DividerBlock{}},
		Attachments: slack.Attachments{{Text: "log: 80 lines", Color: "good"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	const newBlocks = `[{"type":"section","text":{"type":"mrkdwn","text":"*Build 42*: passed"}},{"type":"divider"}]`
	const newAttachments = `[{"text":"log: 80 lines","color":"good"}]`
	chatForm(t, chatWire(t, srv, "chat.update", slacktest.BotToken), map[string]string{
		"channel": slacktest.GeneralID, "ts": posted.TS, "text": "Build 42: passed", "blocks": newBlocks, "attachments": newAttachments})
	s = chatStored(t, srv, slacktest.GeneralID, posted.TS)
	chatJSONEq(t, "replaced blocks", s.Blocks, newBlocks)
	chatJSONEq(t, "replaced attachments", s.Attachments, newAttachments)
	if len(resp.Message.Blocks) != 2 || len(resp.Message.Attachments) != 1 || resp.Message.Attachments[0].Color != "good" {
		t.Errorf("returned %d blocks and attachments %+v, want the new ones", len(resp.Message.Blocks), resp.Message.Attachments)
	}

	// Empty, non-nil lists are sent as [], which removes them.
	resp, err = c.Chat.Update(ctx, slacktest.GeneralID, posted.TS, &slack.ChatUpdateParams{
		Text: "Build 42: passed", Blocks: slack.Blocks{}, Attachments: slack.Attachments{}})
	if err != nil {
		t.Fatal(err)
	}
	chatForm(t, chatWire(t, srv, "chat.update", slacktest.BotToken), map[string]string{
		"channel": slacktest.GeneralID, "ts": posted.TS, "text": "Build 42: passed", "blocks": "[]", "attachments": "[]"})
	if s := chatStored(t, srv, slacktest.GeneralID, posted.TS); s.Blocks != nil || s.Attachments != nil {
		t.Errorf("stored blocks %s and attachments %s, want both removed", s.Blocks, s.Attachments)
	}
	if len(resp.Message.Blocks) != 0 || len(resp.Message.Attachments) != 0 {
		t.Errorf("returned blocks %v and attachments %+v, want none", resp.Message.Blocks, resp.Message.Attachments)
	}
}

// chatCall is one call of a chat method, with what it returned thrown away.
type chatCall func(ctx context.Context, c *slack.Client) error

func TestChatDocumentedErrors(t *testing.T) {
	long := strings.Repeat("a", 40001)
	tooMany := make(slack.Attachments, 101)
	for i := range tooMany {
		tooMany[i] = slack.Attachment{Text: "row"}
	}
	post := func(channel string, p *slack.ChatPostMessageParams) chatCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, channel, p)
			return err
		}
	}
	me := func(channel, text string) chatCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.MeMessage(ctx, channel, text)
			return err
		}
	}
	permalink := func(channel, ts string) chatCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.GetPermalink(ctx, channel, ts)
			return err
		}
	}
	del := func(channel, ts string) chatCall {
		return func(ctx context.Context, c *slack.Client) error { return c.Chat.Delete(ctx, channel, ts, nil) }
	}
	unfurl := func(channel, ts, link string) chatCall {
		return func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Unfurl(ctx, channel, ts, map[string]slack.Attachment{link: {Title: "preview"}}, nil)
		}
	}
	ephemeral := func(channel, user string, p *slack.ChatPostEphemeralParams) chatCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostEphemeral(ctx, channel, user, p)
			return err
		}
	}
	update := func(channel, ts string, p *slack.ChatUpdateParams) chatCall {
		return func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.Update(ctx, channel, ts, p)
			return err
		}
	}
	text := &slack.ChatPostMessageParams{Text: "hi"}
	const unknownTS = "1600000000.000100"

	tests := []struct {
		name  string
		token string // the bot's when empty
		call  chatCall
		want  slack.ErrorCode
	}{
		{"postMessage/unknown channel", "", post("C0NOPE", text), slack.ErrChannelNotFound},
		{"postMessage/private channel of others", chatBobToken, post(slacktest.SecretID, text), slack.ErrChannelNotFound},
		{"postMessage/not a member", "", post(chatOutsideID, text), slack.ErrNotInChannel},
		{"postMessage/archived", "", post(chatArchivedID, text), slack.ErrIsArchived},
		{"postMessage/too long", "", post(slacktest.GeneralID, &slack.ChatPostMessageParams{Text: long}), slack.ErrMsgTooLong},
		{"postMessage/too many attachments", "", post(slacktest.GeneralID, &slack.ChatPostMessageParams{Attachments: tooMany}),
			slack.ErrTooManyAttachments},
		{"postMessage/unknown thread", "", post(slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi", ThreadTS: unknownTS}),
			slack.ErrThreadNotFound},
		{"postMessage/bad token", "xoxb-wrong", post(slacktest.GeneralID, text), slack.ErrInvalidAuth},

		{"meMessage/unknown channel", "", me("C0NOPE", "waves"), slack.ErrChannelNotFound},
		{"meMessage/not a member", "", me(chatOutsideID, "waves"), slack.ErrNotInChannel},
		{"meMessage/archived", "", me(chatArchivedID, "waves"), slack.ErrIsArchived},
		{"meMessage/too long", "", me(slacktest.GeneralID, long), slack.ErrMsgTooLong},
		{"meMessage/bad token", "xoxb-wrong", me(slacktest.GeneralID, "waves"), slack.ErrInvalidAuth},

		{"getPermalink/unknown message", "", permalink(slacktest.GeneralID, unknownTS), slack.ErrMessageNotFound},
		{"getPermalink/message of another channel", "", permalink(slacktest.RandomID, chatBotTS), slack.ErrMessageNotFound},
		{"getPermalink/unknown channel", "", permalink("C0NOPE", chatBotTS), slack.ErrChannelNotFound},
		{"getPermalink/bad token", "xoxb-wrong", permalink(slacktest.GeneralID, chatBotTS), slack.ErrInvalidAuth},

		{"delete/unknown message", "", del(slacktest.GeneralID, unknownTS), slack.ErrMessageNotFound},
		{"delete/unknown channel", "", del("C0NOPE", chatBotTS), slack.ErrChannelNotFound},
		{"delete/someone else's message", "", del(slacktest.GeneralID, chatAliceTS), slack.ErrCantDeleteMessage},
		{"delete/by a non-admin", chatBobToken, del(slacktest.GeneralID, chatBotTS), slack.ErrCantDeleteMessage},
		{"delete/bad token", "xoxb-wrong", del(slacktest.GeneralID, chatBotTS), slack.ErrInvalidAuth},

		{"unfurl/link not in the message", "", unfurl(slacktest.GeneralID, chatAliceTS, "https://example.com/other"),
			slack.ErrCannotUnfurlURL},
		{"unfurl/unknown message", "", unfurl(slacktest.GeneralID, unknownTS, chatLink), slack.ErrCannotUnfurlMessage},
		{"unfurl/unknown channel", "", unfurl("C0NOPE", chatAliceTS, chatLink), slack.ErrChannelNotFound},
		{"unfurl/bad token", "xoxb-wrong", unfurl(slacktest.GeneralID, chatAliceTS, chatLink), slack.ErrInvalidAuth},

		{"postEphemeral/user not in channel", "", ephemeral(slacktest.RandomID, slacktest.CarolID,
			&slack.ChatPostEphemeralParams{Text: "psst"}), slack.ErrUserNotInChannel},
		{"postEphemeral/unknown user", "", ephemeral(slacktest.GeneralID, "U0NOBODY",
			&slack.ChatPostEphemeralParams{Text: "psst"}), slack.ErrUserNotInChannel},
		{"postEphemeral/unknown channel", "", ephemeral("C0NOPE", slacktest.BobID,
			&slack.ChatPostEphemeralParams{Text: "psst"}), slack.ErrChannelNotFound},
		{"postEphemeral/archived", "", ephemeral(chatArchivedID, slacktest.AliceID,
			&slack.ChatPostEphemeralParams{Text: "psst"}), slack.ErrIsArchived},
		{"postEphemeral/too long", "", ephemeral(slacktest.GeneralID, slacktest.BobID,
			&slack.ChatPostEphemeralParams{Text: long}), slack.ErrMsgTooLong},
		{"postEphemeral/bad token", "xoxb-wrong", ephemeral(slacktest.GeneralID, slacktest.BobID,
			&slack.ChatPostEphemeralParams{Text: "psst"}), slack.ErrInvalidAuth},

		{"update/unknown message", "", update(slacktest.GeneralID, unknownTS, &slack.ChatUpdateParams{Text: "x"}),
			slack.ErrMessageNotFound},
		{"update/unknown channel", "", update("C0NOPE", chatBotTS, &slack.ChatUpdateParams{Text: "x"}), slack.ErrChannelNotFound},
		{"update/someone else's message", "", update(slacktest.GeneralID, chatAliceTS, &slack.ChatUpdateParams{Text: "x"}),
			slack.ErrCantUpdateMessage},
		{"update/by a non-admin", chatBobToken, update(slacktest.GeneralID, chatBotTS, &slack.ChatUpdateParams{Text: "x"}),
			slack.ErrCantUpdateMessage},
		{"update/too long", "", update(slacktest.GeneralID, chatBotTS, &slack.ChatUpdateParams{Text: long}), slack.ErrMsgTooLong},
		{"update/too many attachments", "", update(slacktest.GeneralID, chatBotTS, &slack.ChatUpdateParams{Attachments: tooMany}),
			slack.ErrTooManyAttachments},
		{"update/bad token", "xoxb-wrong", update(slacktest.GeneralID, chatBotTS, &slack.ChatUpdateParams{Text: "x"}),
			slack.ErrInvalidAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token := tt.token
			if token == "" {
				token = slacktest.BotToken
			}
			c, srv := newChatWorkspace(t, token)
			before := chatSnapshot(srv)

			err := tt.call(t.Context(), c)

			se := assertCode(t, err, tt.want)
			if se.StatusCode != http.StatusOK {
				t.Errorf("StatusCode %d, want 200: Slack answers ok:false with 200", se.StatusCode)
			}
			if n := srv.Count(); n != 1 {
				t.Errorf("the server received %d requests, want 1", n)
			}
			if after := chatSnapshot(srv); !reflect.DeepEqual(before, after) {
				t.Errorf("the failed call changed the workspace:\nbefore %+v\n after %+v", before, after)
			}
		})
	}
}

// chatState is what the chat methods can change in the workspace of newChatWorkspace.
type chatState struct {
	Messages   map[string][]slacktest.Message
	Ephemerals []slacktest.Ephemeral
	Unfurls    []slacktest.Unfurl
}

func chatSnapshot(srv *slacktest.Server) chatState {
	s := chatState{Messages: map[string][]slacktest.Message{}, Ephemerals: srv.Ephemerals(), Unfurls: srv.Unfurls()}
	for _, ch := range []string{slacktest.GeneralID, slacktest.RandomID, slacktest.SecretID, chatArchivedID, chatOutsideID} {
		s.Messages[ch] = srv.Messages(ch)
	}
	return s
}

func TestChatRefusesBadArgumentsBeforeSending(t *testing.T) {
	text := &slack.ChatPostMessageParams{Text: "hi"}
	links := map[string]slack.Attachment{chatLink: {Title: "preview"}}
	tests := []struct {
		name     string
		call     chatCall
		argument string
	}{
		{"postMessage/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, "", text)
			return err
		}, "channel"},
		{"postMessage/blank channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, "  ", text)
			return err
		}, "channel"},
		{"postMessage/block that is not JSON", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{
				Blocks: slack.Blocks{slack.RawBlock(`{"type":"section"`)}})
			return err
		}, "blocks"},
		{"postMessage/nil params", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, nil)
			return err
		}, "text"},
		{"postMessage/blank text", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: " \n ", ThreadTS: chatBotTS})
			return err
		}, "text"},
		{"update/nil params", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.Update(ctx, slacktest.GeneralID, chatBotTS, nil)
			return err
		}, "text"},
		{"update/only empty lists", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.Update(ctx, slacktest.GeneralID, chatBotTS,
				&slack.ChatUpdateParams{Text: " ", Blocks: slack.Blocks{}, Attachments: slack.Attachments{}})
			return err
		}, "text"},
		{"meMessage/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.MeMessage(ctx, "", "waves")
			return err
		}, "channel"},
		{"meMessage/no text", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.MeMessage(ctx, slacktest.GeneralID, "")
			return err
		}, "text"},
		{"getPermalink/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.GetPermalink(ctx, "", chatBotTS)
			return err
		}, "channel"},
		{"getPermalink/no ts", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.GetPermalink(ctx, slacktest.GeneralID, "")
			return err
		}, "messageTS"},
		{"delete/no channel", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Delete(ctx, "", chatBotTS, nil)
		}, "channel"},
		{"delete/no ts", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Delete(ctx, slacktest.GeneralID, "", &slack.ChatDeleteParams{AsUser: true})
		}, "ts"},
		{"unfurl/no channel", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Unfurl(ctx, "", chatAliceTS, links, nil)
		}, "channel"},
		{"unfurl/no ts", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Unfurl(ctx, slacktest.GeneralID, "", links, nil)
		}, "ts"},
		{"unfurl/nil unfurls", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Unfurl(ctx, slacktest.GeneralID, chatAliceTS, nil, nil)
		}, "unfurls"},
		{"unfurl/empty unfurls", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Unfurl(ctx, slacktest.GeneralID, chatAliceTS, map[string]slack.Attachment{}, nil)
		}, "unfurls"},
		{"postEphemeral/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostEphemeral(ctx, "", slacktest.BobID, &slack.ChatPostEphemeralParams{Text: "psst"})
			return err
		}, "channel"},
		{"postEphemeral/no user", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostEphemeral(ctx, slacktest.GeneralID, "", &slack.ChatPostEphemeralParams{Text: "psst"})
			return err
		}, "user"},
		{"postEphemeral/nil params", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostEphemeral(ctx, slacktest.GeneralID, slacktest.BobID, nil)
			return err
		}, "text"},
		{"update/no channel", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.Update(ctx, "", chatBotTS, &slack.ChatUpdateParams{Text: "x"})
			return err
		}, "channel"},
		{"update/no ts", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.Update(ctx, slacktest.GeneralID, "", &slack.ChatUpdateParams{Text: "x"})
			return err
		}, "ts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newChatWorkspace(t, slacktest.BotToken)

			err := tt.call(t.Context(), c)

			assertNothingSent(t, srv, err, tt.argument)
			var se *slack.Error
			if errors.As(err, &se) && !strings.HasPrefix(se.Method, "chat.") {
				t.Errorf("Method %q, want the chat method called", se.Method)
			}
		})
	}
}

func TestChatOptionalParamsMayBeNil(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)
	ctx := t.Context()

	if err := c.Chat.Unfurl(ctx, slacktest.GeneralID, chatAliceTS, map[string]slack.Attachment{chatLink: {Title: "Q3"}}, nil); err != nil {
		t.Fatalf("Unfurl with nil params: %v", err)
	}
	chatForm(t, chatWire(t, srv, "chat.unfurl", slacktest.BotToken), map[string]string{
		"channel": slacktest.GeneralID, "ts": chatAliceTS, "unfurls": `{"` + chatLink + `":{"title":"Q3"}}`})

	if err := c.Chat.Delete(ctx, slacktest.GeneralID, chatBotTS, nil); err != nil {
		t.Fatalf("Delete with nil params: %v", err)
	}
	chatForm(t, chatWire(t, srv, "chat.delete", slacktest.BotToken), map[string]string{"channel": slacktest.GeneralID, "ts": chatBotTS})
}

func TestChatDoesNotChangeParams(t *testing.T) {
	no := false
	postParams := func() *slack.ChatPostMessageParams {
		return &slack.ChatPostMessageParams{
			Text:        "hi",
			Blocks:      slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("*hi*")}, slack.DividerBlock{}},
			Attachments: slack.Attachments{{Text: "att", Fields: []slack.AttachmentField{{Title: "a", Value: "b"}}}},
			UnfurlLinks: &no,
			Username:    "ci",
		}
	}
	ephemeralParams := func() *slack.ChatPostEphemeralParams {
		return &slack.ChatPostEphemeralParams{Text: "psst", Blocks: slack.Blocks{slack.DividerBlock{}},
			Attachments: slack.Attachments{{Text: "att"}}}
	}
	updateParams := func() *slack.ChatUpdateParams {
		return &slack.ChatUpdateParams{Text: "edited", Blocks: slack.Blocks{slack.DividerBlock{}},
			Attachments: slack.Attachments{{Text: "att"}}}
	}
	unfurlParams := func() *slack.ChatUnfurlParams {
		return &slack.ChatUnfurlParams{UserAuthMessage: "connect", UserAuthBlocks: slack.Blocks{slack.DividerBlock{}}}
	}
	unfurls := func() map[string]slack.Attachment {
		return map[string]slack.Attachment{chatLink: {Title: "Q3", Fields: []slack.AttachmentField{{Title: "a", Value: "b"}}}}
	}

	c, _ := newChatWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	pp, ep, up, fp, fu, dp := postParams(), ephemeralParams(), updateParams(), unfurlParams(), unfurls(), &slack.ChatDeleteParams{}

	posted, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, pp)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Chat.PostEphemeral(ctx, slacktest.GeneralID, slacktest.BobID, ep); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Chat.Update(ctx, slacktest.GeneralID, posted.TS, up); err != nil {
		t.Fatal(err)
	}
	if err := c.Chat.Unfurl(ctx, slacktest.GeneralID, chatAliceTS, fu, fp); err != nil {
		t.Fatal(err)
	}
	if err := c.Chat.Delete(ctx, slacktest.GeneralID, posted.TS, dp); err != nil {
		t.Fatal(err)
	}

	for _, p := range []struct {
		name      string
		got, want any
	}{
		{"ChatPostMessageParams", pp, postParams()},
		{"ChatPostEphemeralParams", ep, ephemeralParams()},
		{"ChatUpdateParams", up, updateParams()},
		{"ChatUnfurlParams", fp, unfurlParams()},
		{"unfurls", fu, unfurls()},
		{"ChatDeleteParams", dp, &slack.ChatDeleteParams{}},
	} {
		if !reflect.DeepEqual(p.got, p.want) {
			t.Errorf("%s changed by the call:\n got %+v\nwant %+v", p.name, p.got, p.want)
		}
	}
}

// Every chat method is a form POST authenticated by the header, whatever the token.
func TestChatRequestsOnTheWire(t *testing.T) {
	links := map[string]slack.Attachment{chatLink: {Title: "Q3"}}
	tests := []struct {
		method string
		call   chatCall
	}{
		{"chat.postMessage", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi"})
			return err
		}},
		{"chat.meMessage", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.MeMessage(ctx, slacktest.GeneralID, "waves")
			return err
		}},
		{"chat.getPermalink", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.GetPermalink(ctx, slacktest.GeneralID, chatAliceTS)
			return err
		}},
		{"chat.delete", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Delete(ctx, slacktest.GeneralID, chatAliceTS, nil)
		}},
		{"chat.unfurl", func(ctx context.Context, c *slack.Client) error {
			return c.Chat.Unfurl(ctx, slacktest.GeneralID, chatAliceTS, links, nil)
		}},
		{"chat.postEphemeral", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.PostEphemeral(ctx, slacktest.GeneralID, slacktest.BobID, &slack.ChatPostEphemeralParams{Text: "psst"})
			return err
		}},
		{"chat.update", func(ctx context.Context, c *slack.Client) error {
			_, err := c.Chat.Update(ctx, slacktest.GeneralID, chatAliceTS, &slack.ChatUpdateParams{Text: "x"})
			return err
		}},
	}
	for _, tt := range tests {
		for _, who := range []struct{ name, token string }{{"alice", slacktest.UserToken}, {"bad token", "xoxb-wrong"}} {
			t.Run(tt.method+"/"+who.name, func(t *testing.T) {
				c, srv := newChatWorkspace(t, who.token)

				err := tt.call(t.Context(), c)

				if who.token == slacktest.UserToken && err != nil {
					t.Fatalf("alice's call failed: %v", err)
				}
				if who.token != slacktest.UserToken {
					se := assertCode(t, err, slack.ErrInvalidAuth)
					if strings.Contains(se.Error(), who.token) {
						t.Errorf("error %q shows the token", se)
					}
				}
				chatWire(t, srv, tt.method, who.token)
				if n := srv.Count(); n != 1 {
					t.Errorf("the server received %d requests, want 1", n)
				}
			})
		}
	}
}

// Answers of the shape Slack really sends decode in full.
func TestChatDecodesSlackAnswers(t *testing.T) {
	read := func(t *testing.T, name string) []byte {
		t.Helper()
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	t.Run("postMessage with a warning", func(t *testing.T) {
		c := replayClient(t, http.StatusOK, read(t, "chat.postMessage.warning.json"))
		resp, err := c.Chat.PostMessage(t.Context(), "C0GENERAL", &slack.ChatPostMessageParams{Text: "x"})
		if err != nil {
			t.Fatal(err)
		}
		m := resp.Message
		if resp.TS != "1700000100.000200" || m.TS != resp.TS || m.Team != "T0GOSLACK" || m.BotProfile == nil ||
			m.BotProfile.Updated.Unix() != 1700000000 {
			t.Errorf("decoded %+v (bot profile %+v)", resp, m.BotProfile)
		}
		// The rich_text block decodes to its type, containers included.
		if len(m.Blocks) != 1 || m.Blocks[0].BlockType() != "rich_text" ||
			len(m.Blocks[0].(slack.RichTextBlock).Elements) == 0 ||
			m.Blocks[0].(slack.RichTextBlock).Elements[0].RichTextType() != "rich_text_section" {
			t.Errorf("blocks %v, want the rich_text block whole", m.Blocks)
		}
	})

	t.Run("update of an edited message", func(t *testing.T) {
		c := replayClient(t, http.StatusOK, read(t, "chat.update.edited.json"))
		resp, err := c.Chat.Update(t.Context(), "C0GENERAL", "1700000100.000200", &slack.ChatUpdateParams{Text: "x"})
		if err != nil {
			t.Fatal(err)
		}
		m := resp.Message
		if resp.Text != m.Text || m.Edited == nil || m.Edited.User != "U0BOT" || m.Edited.TS != "1700000160.000000" ||
			m.ThreadTS != resp.TS || m.ReplyCount != 2 || m.LatestReply != "1700000150.000400" {
			t.Errorf("decoded %+v (edited %+v)", resp, m.Edited)
		}
	})

	t.Run("the older rate-limit code", func(t *testing.T) {
		c := replayClient(t, http.StatusOK, read(t, "chat.postMessage.rate_limited.json"))
		_, err := c.Chat.PostMessage(t.Context(), "C0GENERAL", &slack.ChatPostMessageParams{Text: "x"})
		assertCode(t, err, slack.ErrRateLimited)
		if !errors.Is(err, slack.ErrRatelimited) {
			t.Errorf("errors.Is(%v, ErrRatelimited) is false", err)
		}
	})
}

// TestChatBlocksAloneAreContent checks that a message with Blocks and no Text is posted, shown and updated:
// blocks are content as much as text is.
func TestChatBlocksAloneAreContent(t *testing.T) {
	c, srv := newChatWorkspace(t, slacktest.BotToken)
	ctx := t.Context()
	blocks := slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("*deploy* done")}}
	const wire = `[{"type":"section","text":{"type":"mrkdwn","text":"*deploy* done"}}]`

	posted, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Blocks: blocks})
	if err != nil {
		t.Fatalf("PostMessage with Blocks alone: %v", err)
	}
	chatForm(t, chatWire(t, srv, "chat.postMessage", slacktest.BotToken),
		map[string]string{"channel": slacktest.GeneralID, "blocks": wire})

	if _, err := c.Chat.PostEphemeral(ctx, slacktest.GeneralID, slacktest.AliceID,
		&slack.ChatPostEphemeralParams{Blocks: blocks}); err != nil {
		t.Fatalf("PostEphemeral with Blocks alone: %v", err)
	}
	chatForm(t, chatWire(t, srv, "chat.postEphemeral", slacktest.BotToken),
		map[string]string{"channel": slacktest.GeneralID, "user": slacktest.AliceID, "blocks": wire})

	if _, err := c.Chat.Update(ctx, slacktest.GeneralID, posted.TS, &slack.ChatUpdateParams{Blocks: blocks}); err != nil {
		t.Fatalf("Update with Blocks alone: %v", err)
	}
	if n := srv.Count(); n != 3 {
		t.Errorf("the fake received %d requests, want 3", n)
	}
}
