package main

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack/slacktest"
)

// TestScenariosMeetTheirTargets runs every scenario on both of the fake's limits on synctest's clock,
// against the fake in memory: the figures are those of a run without network jitter, and nothing waits
// in real time. Each must meet its target, with no call failing.
func TestScenariosMeetTheirTargets(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out strings.Builder
		results, err := run(t.Context(), &out, limits, scenarios, slacktest.New)
		if err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + out.String())
		i := 0
		for _, l := range limits {
			for _, s := range scenarios {
				r := results[i]
				i++
				name := fmt.Sprintf("%s, %s", l.name, s.name)
				if eff := r.efficiency(s.calls); eff < s.minEff {
					t.Errorf("%s: efficiency %.3f, want at least %.2f", name, eff, s.minEff)
				}
				if r.sent429 > s.max429 {
					t.Errorf("%s: %d responses of 429, want at most %d", name, r.sent429, s.max429)
				}
				if r.failed != 0 {
					t.Errorf("%s: %d calls failed", name, r.failed)
				}
			}
		}
		if strings.Count(out.String(), "| yes |") != len(limits)*len(scenarios) {
			t.Errorf("the table does not say every target was met:\n%s", out.String())
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
