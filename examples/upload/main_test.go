package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func TestUploadOffline(t *testing.T) {
	var out strings.Builder
	var fake *slacktest.Server
	newFake := func() *slacktest.Server { fake = slacktest.New(); return fake }

	err := run(t.Context(), &out, "", "general", "", newFake)

	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "uploaded F") ||
		!strings.Contains(lines[1], "(report.csv, "+strconv.Itoa(len(report))+" bytes) in the thread of ") ||
		!strings.HasPrefix(lines[2], "https://goslack-test.slack.com/files/"+slacktest.BotUserID+"/F") ||
		!strings.HasSuffix(lines[3], `: "Here are last night's numbers." with Nightly report`) {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
	msgs := fake.Messages(slacktest.GeneralID)
	if len(msgs) != 2 || msgs[1].ThreadTS != msgs[0].TS || len(msgs[1].Files) != 1 {
		t.Fatalf("#general holds %+v, want a message and a reply sharing the file", msgs)
	}
	if f, _ := fake.File(msgs[1].Files[0]); string(f.Content) != report {
		t.Errorf("the fake holds %q", f.Content)
	}
}

func TestUploadOfflineFromDiskOverHTTP(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte("remember the milk\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	var fake *slacktest.Server
	newFake := func() *slacktest.Server { fake = slacktest.NewServer(); return fake }

	err := run(t.Context(), &out, "", "random", path, newFake)

	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "(notes.txt, 18 bytes)") {
		t.Fatalf("unexpected output:\n%s", out.String())
	}
	post, ok := fake.LastRequest(slacktest.UploadMethod)
	if !ok || string(post.Files["file"]) != "remember the milk\n" || post.Header.Get("Authorization") != "" {
		t.Errorf("the upload: %v (found %v)", post, ok)
	}
}

func TestUploadOfflineToAChannelThatDoesNotExist(t *testing.T) {
	var out strings.Builder

	err := run(t.Context(), &out, "", "nowhere", "", slacktest.New)

	if err == nil || !strings.Contains(err.Error(), string(slack.ErrChannelNotFound)) {
		t.Fatalf("got %v, want a channel_not_found error", err)
	}
}
