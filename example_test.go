package slack_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// These examples run against slacktest, the fake workspace: with a real workspace, drop the two
// options that point the client at the fake and pass your own token.

// fake opens a fake workspace for an example, and the options that point a client at it.
func fake() (*slacktest.Server, []slack.Option) {
	srv := slacktest.New()
	return srv, []slack.Option{slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL())}
}

// Post a message, then reply to it in a thread.
func ExampleNew() {
	srv, opts := fake()
	defer srv.Close()
	ctx := context.Background()

	client, err := slack.New(slacktest.BotToken, opts...) // slack.New(os.Getenv("SLACK_TOKEN"))
	if err != nil {
		panic(err)
	}
	posted, err := client.Chat.PostMessage(ctx, "#general", &slack.ChatPostMessageParams{Text: "Deploy finished"})
	if err != nil {
		panic(err)
	}
	_, err = client.Chat.PostMessage(ctx, posted.Channel, &slack.ChatPostMessageParams{
		Text: "Release notes are in the wiki", ThreadTS: posted.TS})
	if err != nil {
		panic(err)
	}

	fmt.Println(posted.Channel, posted.Message.Text)
	fmt.Println(len(srv.Thread(posted.Channel, posted.TS)), "messages in the thread")
	// Output:
	// C0GENERAL Deploy finished
	// 2 messages in the thread
}

// Find the first user with an email at a domain: the loop fetches pages as it goes and stops at the
// break, with no further request.
func ExampleUsersService_ListAll() {
	srv, opts := fake()
	defer srv.Close()
	client, _ := slack.New(slacktest.BotToken, opts...)

	for user, err := range client.Users.ListAll(context.Background(), &slack.UsersListParams{Limit: 1}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		if user.Profile.Email == "bob@example.com" {
			fmt.Println("found", user.Name)
			break
		}
	}
	fmt.Println(srv.Count("users.list"), "pages fetched")
	// Output:
	// found bob
	// 2 pages fetched
}

// Match Slack's error code with errors.Is, and read the details with errors.As: the *Error of an
// ok:false answer, and the *RateLimitError of a 429 the client may not wait out.
func ExampleError() {
	srv, opts := fake()
	defer srv.Close()
	ctx := context.Background()
	client, _ := slack.New(slacktest.BotToken, append(opts, slack.WithMaxRetryWait(time.Minute))...)

	_, err := client.Conversations.Info(ctx, "C0NOPE", nil)
	var serr *slack.Error
	if errors.Is(err, slack.ErrChannelNotFound) && errors.As(err, &serr) {
		fmt.Println("no such channel;", serr.Method, "answered", serr.Code)
	}

	srv.Inject("users.info", slacktest.RateLimited("600"))
	_, err = client.Users.Info(ctx, slacktest.BobID, nil)
	var rerr *slack.RateLimitError
	if errors.Is(err, slack.ErrRatelimited) && errors.As(err, &rerr) {
		fmt.Println("rate limited; retry after", rerr.RetryAfter)
	}
	// Output:
	// no such channel; conversations.info answered channel_not_found
	// rate limited; retry after 10m0s
}

// A client for another token shares the first one's options and connections.
func ExampleClient_WithToken() {
	srv, opts := fake()
	defer srv.Close()
	ctx := context.Background()
	bot, _ := slack.New(slacktest.BotToken, opts...)

	alice := bot.WithToken(slacktest.UserToken)

	for _, c := range []*slack.Client{bot, alice} {
		who, err := c.Auth.Test(ctx)
		if err != nil {
			panic(err)
		}
		fmt.Println(who.User, who.UserID)
	}
	// Output:
	// tourbot U0BOT
	// alice U0ALICE
}

// Tune the client's limiter: conversations.history at 1 call a minute (Slack's limit for an app
// distributed outside the Marketplace). A call whose turn would come after its context's deadline
// fails at once, without being sent.
func ExampleWithMethodLimit() {
	srv, opts := fake()
	defer srv.Close()
	client, _ := slack.New(slacktest.BotToken,
		append(opts, slack.WithMethodLimit("conversations.history", 1, 1))...)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, first := client.Conversations.History(ctx, slacktest.GeneralID, nil)
	_, second := client.Conversations.History(ctx, slacktest.GeneralID, nil)

	fmt.Println(first)
	fmt.Println(errors.Is(second, context.DeadlineExceeded))
	fmt.Println(srv.Count("conversations.history"), "sent")
	// Output:
	// <nil>
	// true
	// 1 sent
}

// Turn the limiter off when something else paces the calls (a queue, a test).
func ExampleWithRateLimiting() {
	srv, opts := fake()
	defer srv.Close()
	client, _ := slack.New(slacktest.BotToken, append(opts, slack.WithRateLimiting(false))...)

	for range 30 { // Tier 2: 20 a minute, with a burst of 2, if the limiter were on
		if _, err := client.Users.List(context.Background(), nil); err != nil {
			panic(err)
		}
	}
	fmt.Println(srv.Count("users.list"), "sent at once")
	// Output: 30 sent at once
}

// Call reaches a method the package does not wrap, with the same token handling, limits, retries and
// errors as the typed methods.
func ExampleClient_Call() {
	srv, opts := fake()
	defer srv.Close()
	srv.Respond("reactions.add", func(r slacktest.Request) any { // the fake does not serve reactions.add
		return map[string]any{"ok": true}
	})
	client, _ := slack.New(slacktest.BotToken, opts...)

	err := client.Call(context.Background(), "reactions.add", url.Values{
		"channel": {slacktest.GeneralID}, "timestamp": {"1700000000.000100"}, "name": {"tada"},
	}, nil)

	r, _ := srv.LastRequest("reactions.add")
	fmt.Println(err, r)
	// Output: <nil> reactions.add by bot channel="C0GENERAL" name="tada" timestamp="1700000000.000100"
}
