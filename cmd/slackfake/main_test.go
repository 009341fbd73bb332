package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// lockedBuffer is an io.Writer safe for the server's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serve runs slackfake with args until the test's end, and returns its base URL, the token it printed
// and its output.
func serve(t *testing.T, args ...string) (string, string, *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	var out, errOut lockedBuffer
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, &out, &errOut, func(u string) { urls <- u }) }()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("slackfake %v ended: %v\n%s", args, err, errOut.String())
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("slackfake ended with %v", err)
		}
	})
	var token string
	for line := range strings.Lines(out.String()) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "SLACK_TOKEN="); ok {
			token = v
		}
	}
	if !strings.Contains(out.String(), "SLACK_API_URL="+base+"\n") || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("slackfake printed %q for %s", out.String(), base)
	}
	return base, token, &out
}

// TestServesTheBuiltInWorkspace: the SDK, given the printed URL and token, posts and reads back.
func TestServesTheBuiltInWorkspace(t *testing.T) {
	base, token, out := serve(t, "-log")
	if token != slacktest.BotToken {
		t.Fatalf("printed token %q, want the bot's", token)
	}
	client, err := slack.New(token, slack.WithBaseURL(base))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, err := client.Chat.PostMessage(ctx, "general", &slack.ChatPostMessageParams{Text: "hello from slackfake"}); err != nil {
		t.Fatal(err)
	}
	history, err := client.Conversations.History(ctx, slacktest.GeneralID, nil)
	if err != nil || len(history.Messages) != 1 || history.Messages[0].Text != "hello from slackfake" {
		t.Fatalf("history %+v, %v", history, err)
	}
	_, err = client.Conversations.History(ctx, "C0NOPE", nil)
	if !errors.Is(err, slack.ErrChannelNotFound) {
		t.Errorf("unknown channel: %v", err)
	}
	logged := out.String()
	if !strings.Contains(logged, "chat.postMessage by bot") || strings.Count(logged, token) != 1 {
		t.Errorf("the request log should name the token by label and print it only once, at start:\n%s", logged)
	}
}

// TestServesASeedFile: -seed replaces the built-in workspace with the file's, and its token is printed.
func TestServesASeedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.json")
	seed := `{"users": [{"id": "U1", "name": "ops-bot", "is_bot": true, "bot_id": "B1"}, {"id": "U2", "name": "dana"}],
	  "channels": [{"id": "C1", "name": "ops", "members": ["U1", "U2"], "topic": "Incidents"}],
	  "messages": [{"channel": "C1", "user": "U2", "ts": "1700000000.000100", "text": "disk full?"}],
	  "tokens": [{"token": "xoxp-dana", "user": "U2"}, {"token": "xoxb-ops", "user": "U1"}]}`
	if err := os.WriteFile(path, []byte(seed), 0o600); err != nil {
		t.Fatal(err)
	}
	base, token, _ := serve(t, "-seed", path, "-page-size", "1")
	if token != "xoxb-ops" {
		t.Fatalf("printed token %q, want the seed's bot token", token)
	}
	client, _ := slack.New(token, slack.WithBaseURL(base))
	ch, err := client.Conversations.Info(t.Context(), "C1", nil)
	if err != nil || ch.Topic.Value != "Incidents" {
		t.Fatalf("info %+v, %v", ch, err)
	}
	if _, err := client.Users.Info(t.Context(), slacktest.AliceID, nil); !errors.Is(err, slack.ErrUserNotFound) {
		t.Errorf("the built-in workspace is still there: %v", err)
	}
	page, err := client.Users.List(t.Context(), nil)
	if err != nil || len(page.Members) != 1 || page.NextCursor == "" {
		t.Errorf("-page-size 1: %+v, %v", page, err)
	}
}

// TestPrintSeed: -print-seed writes a seed file that loads into the same workspace.
func TestPrintSeed(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run(t.Context(), []string{"-print-seed"}, &out, &errOut, nil); err != nil {
		t.Fatal(err)
	}
	srv := slacktest.NewT(t, slacktest.Empty())
	if err := srv.LoadJSON(out.Bytes()); err != nil {
		t.Fatalf("the printed seed does not load: %v\n%s", err, out.String())
	}
	if u, ok := srv.User(slacktest.AliceID); !ok || u.Name != "alice" {
		t.Errorf("alice after loading the printed seed: %+v", u)
	}
}

func TestRefusesBadSetups(t *testing.T) {
	for _, args := range [][]string{
		{"-addr", "0.0.0.0:0"},
		{"-addr", "example.com:80"},
		{"-seed", filepath.Join(t.TempDir(), "missing.json")},
		{"-nope"},
		{"extra"},
	} {
		var out, errOut bytes.Buffer
		if err := run(t.Context(), args, &out, &errOut, func(string) { t.Errorf("%v: served", args) }); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestNonMarketplaceLimits: -non-marketplace answers a second history request in the minute with a 429
// whose Retry-After is in whole seconds, and pages of at most 15 messages.
func TestNonMarketplaceLimits(t *testing.T) {
	base, token, _ := serve(t, "-non-marketplace", "1h")
	client, err := slack.New(token, slack.WithBaseURL(base), slack.WithMaxRetries(0), slack.WithRateLimiting(false))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for i := range 20 {
		if _, err := client.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	history, err := client.Conversations.History(ctx, slacktest.GeneralID, &slack.ConversationsHistoryParams{Limit: 200})
	if err != nil || len(history.Messages) != 15 {
		t.Fatalf("first page: %d messages, %v; want 15", len(history.Messages), err)
	}
	_, err = client.Conversations.History(ctx, slacktest.GeneralID, nil)
	var limited *slack.RateLimitError
	if !errors.As(err, &limited) || limited.RetryAfter < time.Minute || limited.RetryAfter%time.Second != 0 {
		t.Fatalf("second request in the hour-long minute: %v, want a 429 with a whole-second Retry-After", err)
	}
}
