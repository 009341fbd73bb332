package slacktest_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// ack answers every unanswered question in a channel with a thread reply; it is the code under test.
func ack(ctx context.Context, client *slack.Client, channel string) (int, error) {
	n := 0
	for msg, err := range client.Conversations.HistoryAll(ctx, channel, nil) {
		if err != nil {
			return n, err
		}
		if msg.ReplyCount > 0 || len(msg.Text) == 0 || msg.Text[len(msg.Text)-1] != '?' {
			continue
		}
		if _, err := client.Chat.PostMessage(ctx, channel, &slack.ChatPostMessageParams{
			Text: "Looking into it", ThreadTS: msg.TS}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Testing code that calls Slack: seed a workspace, point a client at it, run the code, and check what
// the workspace holds. In a test, slacktest.NewT(t) does the Open and the Close.
func Example() {
	srv, err := slacktest.Open(slacktest.WithSeed(slacktest.Seed{Messages: []slacktest.Message{
		{Channel: slacktest.GeneralID, User: slacktest.BobID, TS: "1700000100.000100", Text: "Is the build red?"},
		{Channel: slacktest.GeneralID, User: slacktest.BobID, TS: "1700000200.000100", Text: "Lunch at noon"},
	}}))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))
	if err != nil {
		panic(err)
	}

	n, err := ack(context.Background(), client, slacktest.GeneralID)

	fmt.Println(n, err)
	for _, m := range srv.Thread(slacktest.GeneralID, "1700000100.000100") {
		fmt.Printf("%s: %s\n", m.User, m.Text)
	}
	fmt.Println("requests:", srv.Count("conversations.history"), "history,", srv.Count("chat.postMessage"), "post")
	// Output:
	// 1 <nil>
	// U0BOB: Is the build red?
	// U0BOT: Looking into it
	// requests: 1 history, 1 post
}

// A fault for the next request: a proxy's HTML error page in place of Slack's answer. The client does
// not retry a post that may have reached Slack.
func ExampleServer_Inject() {
	srv := slacktest.New()
	defer srv.Close()
	srv.Inject("chat.postMessage", slacktest.HTMLError(502))
	client, _ := slack.New(slacktest.BotToken, slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))

	_, err := client.Chat.PostMessage(context.Background(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi"})

	var serr *slack.Error
	if errors.As(err, &serr) {
		fmt.Println(serr.Code, serr.StatusCode, srv.Count("chat.postMessage"))
	}
	// Output: http_error 502 1
}

// A method the fake does not serve, answered with a canned reply.
func ExampleServer_Respond() {
	srv := slacktest.New()
	defer srv.Close()
	srv.Respond("team.info", func(r slacktest.Request) any {
		return map[string]any{"ok": true, "team": map[string]any{"id": slacktest.TeamID, "name": "Acme"}}
	})
	client, _ := slack.New(slacktest.BotToken, slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))

	var out struct {
		Team struct{ Name string } `json:"team"`
	}
	err := client.Call(context.Background(), "team.info", nil, &out)

	fmt.Println(out.Team.Name, err)
	// Output: Acme <nil>
}

// A token with scopes: a method its scopes do not allow answers missing_scope, naming the scope needed.
func ExampleToken() {
	srv := slacktest.New()
	defer srv.Close()
	srv.SetToken(slacktest.Token{Value: "xoxb-poster", User: slacktest.BotUserID, Scopes: []string{"chat:write"}})
	client, _ := slack.New("xoxb-poster", slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))

	_, err := client.Conversations.History(context.Background(), slacktest.GeneralID, nil)

	var serr *slack.Error
	if errors.As(err, &serr) {
		fmt.Println(serr.Code, serr.Needed, serr.Provided)
	}
	fmt.Println(srv.Requests()[0])
	// Output:
	// missing_scope channels:history chat:write
	// conversations.history by bot:U0BOT channel="C0GENERAL"
}
