package slack_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// Open a modal with the trigger ID of an interaction (here one the fake issues, as a click by bob
// would), then change it in place with its view ID and hash.
func ExampleViewsService_Open() {
	srv, opts := fake()
	defer srv.Close()
	ctx := context.Background()
	client, _ := slack.New(slacktest.BotToken, opts...)

	triggerID := srv.TriggerID(slacktest.BobID) // from the block_actions or shortcut payload
	view, err := client.Views.Open(ctx, triggerID, slack.View{
		Type:       "modal",
		Title:      slack.PlainText("Deploy"),
		Submit:     slack.PlainText("Start"),
		CallbackID: "deploy",
		Blocks: slack.Blocks{slack.InputBlock{BlockID: "service", Label: slack.PlainText("Service"),
			Element: slack.PlainTextInputElement{ActionID: "name"}}},
	}, nil)
	if err != nil {
		panic(err)
	}
	done := slack.View{Type: "modal", Title: slack.PlainText("Deploy"),
		Blocks: slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText("Deploying *api*…")}}}
	updated, err := client.Views.Update(ctx, view.ID, done, &slack.ViewsUpdateParams{Hash: view.Hash})
	if err != nil {
		panic(err)
	}
	fmt.Println(updated.ID == view.ID, updated.Blocks[0].BlockType())

	// A trigger ID works once.
	_, err = client.Views.Open(ctx, triggerID, done, nil)
	fmt.Println(errors.Is(err, slack.ErrExchangedTriggerID))
	// Output:
	// true section
	// true
}

// Search the messages a user can read, page after page: search.messages takes a user token.
func ExampleSearchService_MessagesAll() {
	srv, opts := fake()
	defer srv.Close()
	ctx := context.Background()
	srv.AddMessage(slacktest.Message{Channel: slacktest.RandomID, User: slacktest.BobID, Text: "deploy failed: disk full"})
	srv.AddMessage(slacktest.Message{Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "deploy done"})

	user, _ := slack.New(slacktest.UserToken, opts...) // a user token ("xoxp-…")
	for m, err := range user.Search.MessagesAll(ctx, "deploy in:#random", nil) {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("#%s %s\n", m.Channel.Name, m.Text)
	}

	bot, _ := slack.New(slacktest.BotToken, opts...)
	_, err := bot.Search.Messages(ctx, "deploy", nil)
	fmt.Println(errors.Is(err, slack.ErrNotAllowedTokenType))
	// Output:
	// #random deploy failed: disk full
	// true
}
