package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// wantOrder is the export of channel as srv holds it: top-level messages newest first, each thread's
// replies oldest first after their parent.
func wantOrder(srv *slacktest.Server, channel string) []slacktest.Message {
	stored := srv.Messages(channel)
	var top []slacktest.Message
	for _, m := range stored {
		if m.ThreadTS == "" || m.ThreadTS == m.TS {
			top = append(top, m)
		}
	}
	slices.SortFunc(top, func(a, b slacktest.Message) int { return strings.Compare(b.TS, a.TS) })
	var out []slacktest.Message
	for _, p := range top {
		out = append(out, p)
		for _, r := range stored {
			if r.ThreadTS == p.TS && r.TS != p.TS {
				out = append(out, r)
			}
		}
	}
	return out
}

// progressLines returns the progress lines drawn on stderr, after the first line, checking that they
// are rewritten in place (each after a \r) and that the last one ends with a newline.
func progressLines(t *testing.T, stderr string) []string {
	t.Helper()
	intro, rest, _ := strings.Cut(stderr, "\n")
	if !strings.HasPrefix(intro, "No SLACK_TOKEN: exporting "+slacktest.GeneralID) {
		t.Errorf("stderr starts with %q", intro)
	}
	if !strings.HasPrefix(rest, "\r") || !strings.HasSuffix(rest, "\n") || strings.Count(rest, "\n") != 1 {
		t.Fatalf("the progress output %q is not one line rewritten with \\r and ended by a newline", rest)
	}
	return strings.Split(strings.TrimSuffix(rest, "\n"), "\r")[1:]
}

func TestExportOffline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var srv *slacktest.Server
		newFake := func() *slacktest.Server {
			srv = slacktest.New()
			// A 429 for each method on the way: the client waits them out, and the progress line counts them.
			srv.Inject("conversations.history", slacktest.RateLimited("2"))
			srv.Inject("conversations.replies", slacktest.RateLimited("1"))
			return srv
		}
		var stdout, stderr strings.Builder
		start := time.Now()

		if err := run(t.Context(), &stdout, &stderr, "", "", newFake); err != nil {
			t.Fatalf("export failed: %v\n%s", err, stderr.String())
		}

		want := wantOrder(srv, slacktest.GeneralID)
		threads := 0
		for i := range seedMessages {
			if i%seedThreadGap == 0 {
				threads++
			}
		}
		if n := len(srv.Messages(slacktest.GeneralID)); len(want) != n || n < seedMessages+seedLongThread {
			t.Fatalf("the fake holds %d messages and the expected export has %d", n, len(want))
		}
		lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
		if len(lines) != len(want) {
			t.Errorf("exported %d lines, want %d", len(lines), len(want))
		}
		seen := map[string]bool{}
		for i, line := range lines {
			var m slack.Message
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("line %d is not a message: %v: %s", i+1, err, line)
			}
			if seen[m.TS] {
				t.Errorf("line %d: message %s exported twice", i+1, m.TS)
			}
			seen[m.TS] = true
			if i >= len(want) {
				continue
			}
			if w := want[i]; m.TS != w.TS || m.User != w.User || m.Text != w.Text || m.ThreadTS != w.ThreadTS {
				t.Errorf("line %d is %s %s %q (thread %q), want %s %s %q (thread %q)", i+1, m.TS, m.User, m.Text,
					m.ThreadTS, w.TS, w.User, w.Text, w.ThreadTS)
			}
		}
		if strings.Contains(stdout.String()+stderr.String(), slacktest.BotToken) {
			t.Error("the export printed the token")
		}

		// Every request but the two 429s fetched a page: 420 top-level messages in pages of 200, a page
		// per thread and a second one for the long thread.
		history, replies := srv.Count("conversations.history")-1, srv.Count("conversations.replies")-1
		if history != 3 || replies != threads+1 {
			t.Errorf("%d history pages and %d replies pages, want 3 and %d", history, replies, threads+1)
		}
		progress := progressLines(t, stderr.String())
		// Every wait, for the tier's pace or a 429's Retry-After, delays the next request: the fake
		// clock of the bubble moves only then.
		waits, last := 0, start
		for _, r := range srv.Requests() {
			if r.Time.After(last) {
				waits++
			}
			last = r.Time
		}
		if waits < 2 {
			t.Errorf("the requests came after %d waits, want at least the two for the 429s", waits)
		}
		wantLast := fmt.Sprintf("messages %d; pages %d (history %d, replies %d); rate limited 2; waits %d",
			len(want), history+replies, history, replies, waits)
		if last := progress[len(progress)-1]; last != wantLast {
			t.Errorf("the last progress line is\n%q, want\n%q", last, wantLast)
		}
		if len(progress) < 5 {
			t.Errorf("the progress line was drawn %d times, want it redrawn as pages come", len(progress))
		}
		// Each line is well formed, and no count goes down.
		var prev [6]int
		for _, line := range progress {
			var n [6]int
			_, err := fmt.Sscanf(line, "messages %d; pages %d (history %d, replies %d); rate limited %d; waits %d",
				&n[0], &n[1], &n[2], &n[3], &n[4], &n[5])
			if err != nil || n[1] != n[2]+n[3] || slices.ContainsFunc([]int{0, 1, 2, 3, 4, 5}, func(i int) bool { return n[i] < prev[i] }) {
				t.Errorf("progress line %q after %v (%v)", line, prev, err)
			}
			prev = n
		}
	})
}

func TestExportOfflineFailsOnAMissingChannel(t *testing.T) {
	var stdout, stderr strings.Builder

	err := run(t.Context(), &stdout, &stderr, "", "C0NOPE", slacktest.New)

	if !errors.Is(err, slack.ErrChannelNotFound) {
		t.Fatalf("got %v, want channel_not_found", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("exported %q", stdout.String())
	}
	// The answer channel_not_found came with HTTP 200: it counts as a page.
	if !strings.HasSuffix(stderr.String(), "\rmessages 0; pages 1 (history 1, replies 0); rate limited 0; waits 0\n") {
		t.Errorf("stderr %q does not end with a finished progress line", stderr.String())
	}
}

func TestExportStopsAtAFailedThread(t *testing.T) {
	var srv *slacktest.Server
	newFake := func() *slacktest.Server {
		srv = slacktest.New()
		srv.Inject("conversations.replies", slacktest.Fault{Body: `{"ok":false,"error":"thread_not_found"}`})
		return srv
	}
	var stdout, stderr strings.Builder

	err := run(t.Context(), &stdout, &stderr, "", "", newFake)

	if !errors.Is(err, slack.ErrThreadNotFound) {
		t.Fatalf("got %v, want thread_not_found", err)
	}
	// The newest thread starts at the last multiple of seedThreadGap; everything before it was written.
	newest := (seedMessages - 1) / seedThreadGap * seedThreadGap
	if got, want := strings.Count(stdout.String(), "\n"), seedMessages-newest; got != want {
		t.Errorf("wrote %d messages before the failure, want %d", got, want)
	}
	if srv.Count("conversations.replies") != 1 {
		t.Errorf("%d conversations.replies requests, want 1", srv.Count("conversations.replies"))
	}
	if !strings.HasSuffix(stderr.String(), "\n") {
		t.Errorf("the progress line is not finished: %q", stderr.String())
	}
}

func TestExportNeedsAChannelWithAToken(t *testing.T) {
	var stdout, stderr strings.Builder

	err := run(t.Context(), &stdout, &stderr, "xoxb-not-used", "", func() *slacktest.Server {
		t.Fatal("a fake was made with a token set")
		return nil
	})

	if err == nil || !strings.Contains(err.Error(), "-channel") {
		t.Fatalf("got %v, want an error asking for -channel", err)
	}
}
