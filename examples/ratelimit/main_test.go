package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack/slacktest"
)

// TestScenariosMeetTheirTargets runs every scenario on both of the fake's limits on synctest's clock,
// against the fake in memory with up to 1 ms of random network delay: nothing waits in real time. The
// client spreads its calls at random, so a run's figures vary: each scenario runs runs times, and the
// median run must meet both targets, no run may fail a call, and none may draw more than twice the
// target's 429s. (About one run in twenty of four clients on the token bucket falls below 0.80 or draws a
// few more 429s than 12: one client escapes the first 429s and keeps the whole budget until the others'
// calls win part of it back.)
func TestScenariosMeetTheirTargets(t *testing.T) {
	const runs = 7
	for _, l := range limits {
		for _, s := range scenarios {
			name := fmt.Sprintf("%s, %s", l.name, s.name)
			var effs []float64
			var n429 []int
			for range runs {
				synctest.Test(t, func(t *testing.T) {
					r, err := runJob(t.Context(), l, s, slacktest.New)
					if err != nil {
						t.Fatal(err)
					}
					effs = append(effs, r.efficiency(s.calls))
					n429 = append(n429, r.sent429)
					if r.sent429 > 2*s.max429 {
						t.Errorf("%s: %d responses of 429 in one run, want at most twice %d", name, r.sent429, s.max429)
					}
					if r.failed != 0 {
						t.Errorf("%s: %d calls failed", name, r.failed)
					}
				})
			}
			slices.Sort(effs)
			slices.Sort(n429)
			if median := effs[runs/2]; median < s.minEff {
				t.Errorf("%s: median efficiency %.3f (of %v), want at least %.2f", name, median, effs, s.minEff)
			}
			if median := n429[runs/2]; median > s.max429 {
				t.Errorf("%s: median 429s %d (of %v), want at most %d", name, median, n429, s.max429)
			}
		}
	}
}

// TestTable checks the command's table: a row per scenario and limit, saying whether it met its target.
func TestTable(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder
		results, err := run(t.Context(), &out, limits[:1], scenarios[:1], slacktest.New)
		if err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + out.String())
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		if len(results) != 1 || len(lines) != 5 || !strings.HasPrefix(lines[4], "| token bucket | exact | 300 | 2.9s | ") ||
			!strings.HasSuffix(lines[4], " | 0 | 0 | ≥ 0.95, 0 × 429 | yes |") {
			t.Errorf("unexpected table:\n%s", out.String())
		}
	})
}

// BenchmarkScenarios runs each scenario on each of the fake's limits over loopback HTTP in real time, as
// the command does: go test -run '^$' -bench Scenarios -benchtime 1x ./examples/ratelimit
func BenchmarkScenarios(b *testing.B) {
	for _, l := range limits {
		for _, s := range scenarios {
			b.Run(strings.ReplaceAll(l.name+"/"+s.name, " ", "-"), func(b *testing.B) {
				b.ReportAllocs()
				var total result
				runs := 0
				for b.Loop() {
					r, err := runJob(b.Context(), l, s, slacktest.NewServer)
					if err != nil {
						b.Fatal(err)
					}
					total.elapsed += r.elapsed
					total.sent429 += r.sent429
					total.failed += r.failed
					runs++
				}
				avg := result{elapsed: total.elapsed / time.Duration(runs)}
				b.ReportMetric(avg.efficiency(s.calls), "efficiency")
				b.ReportMetric(float64(total.sent429)/float64(runs), "429s/op")
				b.ReportMetric(float64(total.failed)/float64(runs), "failed/op")
			})
		}
	}
}
