package slack_test

import (
	"context"
	"fmt"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// Install the app in a workspace: the redirect of the OAuth flow brings a code, which a client without a
// token exchanges for the workspace's bot token. Printed, the answer hides its tokens.
func ExampleOAuthService_V2Access() {
	srv, opts := fake()
	defer srv.Close()
	ctx := context.Background()
	code := srv.OAuthCode(slacktest.OAuthGrant{Scopes: []string{"chat:write"}}) // r.URL.Query().Get("code")

	app, _ := slack.New("", opts...) // no token yet: only the OAuth methods may send
	inst, err := app.OAuth.V2Access(ctx, slacktest.ClientID, slacktest.ClientSecret, &slack.OAuthV2AccessParams{Code: code})
	if err != nil {
		panic(err)
	}
	fmt.Println(inst.Team.ID, inst.Scope)
	fmt.Printf("%.70v…\n", inst)

	bot := app.WithToken(inst.AccessToken) // store inst.AccessToken for this workspace
	posted, err := bot.Chat.PostMessage(ctx, "#general", &slack.ChatPostMessageParams{Text: "Hello from the new app"})
	if err != nil {
		panic(err)
	}
	fmt.Println(posted.Message.Text)

	_, err = app.Users.Info(ctx, slacktest.BobID, nil)
	fmt.Println(err)
	// Output:
	// T0GOSLACK chat:write
	// {AccessToken:[redacted] TokenType:bot Scope:chat:write BotUserID:U0BOT…
	// Hello from the new app
	// slack: users.info: invalid_arguments: the client has no token
}
