package main

import (
	"strings"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func TestPostOffline(t *testing.T) {
	var out strings.Builder

	err := run(t.Context(), &out, "", "general", "Deploy finished", slacktest.New)

	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "posted to "+slacktest.GeneralID+", ts ") ||
		!strings.HasPrefix(lines[2], "https://goslack-test.slack.com/archives/"+slacktest.GeneralID+"/p") {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
}

func TestPostOfflineToAChannelThatDoesNotExist(t *testing.T) {
	var out strings.Builder

	err := run(t.Context(), &out, "", "nowhere", "hi", slacktest.New)

	if err == nil || !strings.Contains(err.Error(), string(slack.ErrChannelNotFound)) {
		t.Fatalf("got %v, want a channel_not_found error", err)
	}
}
