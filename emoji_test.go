package slack_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"emoji.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Emoji.List(ctx, nil)
		},
	})
}

func TestEmojiList(t *testing.T) {
	c, srv := newTestClient(t)
	srv.AddEmoji(":party-gopher:", "https://emoji.example/party-gopher.gif")
	r, err := c.Emoji.List(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Emoji) != 4 || r.Emoji["party-gopher"] != "https://emoji.example/party-gopher.gif" || r.CacheTS.IsZero() {
		t.Errorf("List = %+v", r)
	}
	if target, ok := r.Alias("squirrel"); !ok || target != "shipit" {
		t.Errorf("Alias(squirrel) = %q, %v; want shipit", target, ok)
	}
	if _, ok := r.Alias("gopher"); ok {
		t.Error("gopher, an image, is reported as an alias")
	}
	if r.Categories != nil {
		t.Errorf("categories without IncludeCategories: %v", r.Categories)
	}
	req := checkWire(t, srv, "emoji.list", slacktest.BotToken)
	usersForm(t, req, nil)

	r, err = c.Emoji.List(t.Context(), &slack.EmojiListParams{IncludeCategories: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Categories) == 0 || r.Categories[0].Name == "" || len(r.Categories[0].EmojiNames) == 0 ||
		r.CategoriesVersion == "" {
		t.Errorf("Categories = %+v (version %q)", r.Categories, r.CategoriesVersion)
	}
	usersForm(t, lastRequest(t, srv, "emoji.list"), url.Values{"include_categories": {"true"}})

	srv.SetToken(slacktest.Token{Value: "xoxb-no-emoji", User: slacktest.BotUserID, Scopes: []string{"chat:write"}})
	_, err = newClientFor(t, srv, "xoxb-no-emoji").Emoji.List(t.Context(), nil)
	if se := assertCode(t, err, slack.ErrMissingScope); se.Needed != "emoji:read" {
		t.Errorf("needed %q, want emoji:read", se.Needed)
	}
	var nilResponse *slack.EmojiListResponse
	if _, ok := nilResponse.Alias("x"); ok {
		t.Error("a nil response has an alias")
	}
}
