package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/goslack/slack/slacktest"
)

var line = regexp.MustCompile(`^limiter (on|off) .*: ([0-9.]+m?s), ([0-9.]+)× the ideal time, throughput ([0-9.]+) of ideal, (\d+) responses of 429, (\d+) errors$`)

// TestBulkJob runs the example on synctest's clock, against the fake in memory: the figures are those of
// a run without timing jitter, and nothing waits in real time.
func TestBulkJob(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder

		err := run(t.Context(), &out, job{calls: 300, workers: 8, perSecond: 100, burst: 10}, slacktest.New)

		if err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + out.String())
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(lines) != 4 || lines[1] != "ideal: 2.9s ((300 - 10) / 100)" {
			t.Fatalf("unexpected output:\n%s", out.String())
		}
		on, off := line.FindStringSubmatch(lines[2]), line.FindStringSubmatch(lines[3])
		if on == nil || off == nil || on[1] != "on" || off[1] != "off" {
			t.Fatalf("unexpected output:\n%s", out.String())
		}
		// With the limiter: the client's burst of 5, then one call every 10ms: 2.95s, no 429.
		if on[2] != "2.95s" || on[5] != "0" || on[6] != "0" {
			t.Errorf("limiter on: %s", lines[2])
		}
		if tp, _ := strconv.ParseFloat(on[4], 64); tp < 0.95 {
			t.Errorf("limiter on: throughput %v of ideal, want at least 0.95", tp)
		}
		// Without it: 429s, each pausing users.info for the Retry-After of a whole second.
		if n, _ := strconv.Atoi(off[5]); n == 0 {
			t.Errorf("limiter off drew no 429: %s", lines[3])
		}
		if tp, _ := strconv.ParseFloat(off[4], 64); tp >= 0.95 {
			t.Errorf("limiter off: throughput %v of ideal; the fake should have slowed it", tp)
		}
	})
}
