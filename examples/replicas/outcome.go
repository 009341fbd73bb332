package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// outcome is what one run of a scenario measured.
type outcome struct {
	s       scenario
	reports []report // by process
	sent429 int      // the 429s the fake sent
	store   *storeCheck
	missed  []string // the targets missed, empty when all were met

	// For a scenario with an act: when the fake received each call, by method; and what the act did.
	begun    time.Time // when the workers started
	received map[string][]time.Time
	pause    *pauseLog
	faults   *faultLog
}

// storeCheck is what a shared run left in Redis under its prefix.
type storeCheck struct {
	keys       int
	withoutTTL []string
	withToken  []string
}

// roundTrips returns how many round trips to Redis the clients made for each call: on average, at
// most, and how many calls made more than maxRoundTrips. Every call counts, those a timed job's end
// cut short included.
func (o *outcome) roundTrips() (mean float64, most int64, over int) {
	var sum int64
	var calls int
	for _, r := range o.reports {
		for n, count := range r.RoundTrips {
			sum += n * int64(count)
			calls += count
			most = max(most, n)
			if n > maxRoundTrips {
				over += count
			}
		}
	}
	return float64(sum) / float64(max(calls, 1)), most, over
}

// calls is how many calls the processes made, answered with ok.
func (o *outcome) calls() int {
	n := 0
	for _, r := range o.reports {
		n += r.Calls
	}
	return n
}

// failed is how many calls failed.
func (o *outcome) failed() int {
	n := 0
	for _, r := range o.reports {
		n += r.Failed
	}
	return n
}

// elapsed is the time from the start to the last answer.
func (o *outcome) elapsed() time.Duration {
	var d time.Duration
	for _, r := range o.reports {
		d = max(d, r.End)
	}
	return d
}

// share is the throughput as a share of the ideal: of a job of a number of calls, the ideal time over
// the time taken; of a timed job, the calls made over the most the fake allows in its time.
func (o *outcome) share() float64 {
	if o.s.length > 0 {
		return float64(o.calls()) / o.s.idealCalls(o.s.length)
	}
	if o.elapsed() <= 0 {
		return 0
	}
	return o.s.idealTime(o.calls()).Seconds() / o.elapsed().Seconds()
}

// channel returns how many messages were posted to ch and when the last was answered.
func (o *outcome) channel(ch string) (int, time.Duration) {
	var n int
	var end time.Duration
	for _, r := range o.reports {
		c := r.Channels[ch]
		n += c.Calls
		end = max(end, c.End)
	}
	return n, end
}

// channelShare is ch's throughput as a share of the ideal.
func (o *outcome) channelShare(ch string) float64 {
	n, end := o.channel(ch)
	if end <= 0 {
		return 0
	}
	return o.s.idealTime(n).Seconds() / end.Seconds()
}

// procShare is r's part of all the calls.
func (o *outcome) procShare(r report) float64 {
	if o.calls() == 0 {
		return 0
	}
	return float64(r.Calls) / float64(o.calls())
}

// busyWhileIdle is how many calls the busy processes made while the last one was idle, as a share of
// the most the fake allows in that time.
func (o *outcome) busyWhileIdle() float64 {
	n := 0
	for _, r := range o.reports[:len(o.reports)-1] {
		n += r.WhileIdle
	}
	return float64(n) / o.s.idealCalls(o.s.idle)
}

// judge fills o.missed: the scenario's own targets, and for every scenario no failed call; for a shared
// one, no record of the store's trouble and a clean store.
func (o *outcome) judge() {
	o.missed = nil
	if n := o.failed(); n > 0 {
		o.missed = append(o.missed, fmt.Sprintf("%d calls failed", n))
	}
	for _, r := range o.reports {
		if o.s.shared && !o.s.trace && len(r.Logs) > 0 {
			o.missed = append(o.missed, fmt.Sprintf("process %d logged %q: the shared store was not used throughout", r.Proc, r.Logs))
		}
		if want := r.expected(o.s); want > 0 && r.Calls+r.Failed != want {
			o.missed = append(o.missed, fmt.Sprintf("process %d made %d calls, not %d", r.Proc, r.Calls+r.Failed, want))
		}
	}
	if st := o.store; st != nil {
		if st.keys == 0 {
			o.missed = append(o.missed, "no key under the run's prefix in Redis: the store was not used")
		}
		if len(st.withoutTTL) > 0 {
			o.missed = append(o.missed, fmt.Sprintf("keys without a TTL: %q", st.withoutTTL))
		}
		if len(st.withToken) > 0 {
			o.missed = append(o.missed, fmt.Sprintf("keys holding the token: %d", len(st.withToken)))
		}
		// A scenario with an act costs some calls more: a call whose slot a pause voided books another,
		// one that drew a 429 records the pause and is sent again, and Redis's faults cost commands that
		// failed and, after SCRIPT FLUSH, scripts sent again.
		if _, most, over := o.roundTrips(); most > maxRoundTrips && o.s.act == nil {
			o.missed = append(o.missed, fmt.Sprintf("%d calls made more than %d round trips to Redis, one %d", over, maxRoundTrips, most))
		}
	}
	o.missed = append(o.missed, o.s.check(o)...)
}

// expected is how many calls r's process was given, 0 for a timed job.
func (r report) expected(s scenario) int {
	if s.calls == 0 {
		return 0
	}
	return s.jobs("", "", "")[r.Proc-1].Calls
}

// no429 is the target of no 429 at all.
func no429(o *outcome) []string {
	if o.sent429 > 0 {
		return []string{fmt.Sprintf("the fake sent %d × 429", o.sent429)}
	}
	return nil
}

// atLeast is the target of a share of the ideal.
func atLeast(what string, share float64) []string {
	if share < minShare {
		return []string{fmt.Sprintf("%s %.3f of the ideal, want ≥ %.2f", what, share, minShare)}
	}
	return nil
}

// checkCalls checks a shared job of a number of calls: no 429, and the throughput.
func checkCalls(o *outcome) []string {
	return append(no429(o), atLeast("throughput", o.share())...)
}

// checkLocal checks a job run with local limiters only: it must draw 429s.
func checkLocal(o *outcome) []string {
	if o.sent429 == 0 {
		return []string{"no 429 with local limiters only: this run cannot tell a shared budget from none"}
	}
	return nil
}

// checkChannels checks a job spread over channels: no 429, and each channel at its limit.
func checkChannels(o *outcome) []string {
	missed := no429(o)
	for _, ch := range o.s.channels {
		missed = append(missed, atLeast(ch+": throughput", o.channelShare(ch))...)
	}
	return missed
}

// checkFair checks a timed job of equal demand: no 429, the total, and each process's share.
func checkFair(o *outcome) []string {
	missed := append(no429(o), atLeast("calls", o.share())...)
	for _, r := range o.reports {
		if d := o.procShare(r)*procs - 1; d > fairSpread || d < -fairSpread {
			missed = append(missed, fmt.Sprintf("process %d: share %.3f, want within ±%.0f%% of %.3f",
				r.Proc, o.procShare(r), 100*fairSpread, 1.0/procs))
		}
	}
	return missed
}

// checkIdle checks a timed job with one process idle at first: no 429, the total, and the calls of the
// busy processes while it was idle.
func checkIdle(o *outcome) []string {
	missed := append(no429(o), atLeast("calls", o.share())...)
	if share := o.busyWhileIdle(); share < minBusyShare {
		missed = append(missed, fmt.Sprintf("calls of the busy processes while one was idle: %.3f of the ideal, want ≥ %.2f", share, minBusyShare))
	}
	return missed
}

// print writes o's table and figures.
func (o *outcome) print(w io.Writer) {
	s := o.s
	rate, b := s.limit()
	how := "share one budget in Redis"
	if !s.shared {
		how = "each pace themselves with their own limiter only"
	}
	fmt.Fprintf(w, "%s: %d processes %s; %s, which the fake allows %g a second", s.name, procs, how, s.method, rate)
	if s.channels != nil {
		fmt.Fprintf(w, " in each channel")
	}
	fmt.Fprintf(w, " (burst %d); ", b)
	switch {
	case s.channels != nil:
		fmt.Fprintf(w, "%d messages in all to %s", s.calls, strings.Join(s.channels, " and "))
	case s.calls > 0:
		fmt.Fprintf(w, "%d calls in all", s.calls)
	case s.idle > 0:
		fmt.Fprintf(w, "calls for %s, process %d idle for the first %s", s.length, procs, s.idle)
	default:
		fmt.Fprintf(w, "calls for %s", s.length)
	}
	fmt.Fprintf(w, "; %d goroutines a process\n\n", goroutines)

	if s.length > 0 {
		head := "| process | calls | share | calls/s |"
		if s.idle > 0 {
			head += fmt.Sprintf(" calls in the first %s |", s.idle)
		}
		fmt.Fprintln(w, head)
		fmt.Fprintln(w, strings.Repeat("|---", strings.Count(head, "|")-1)+"|")
		for _, r := range o.reports {
			fmt.Fprintf(w, "| %d | %d | %.3f | %.1f |", r.Proc, r.Calls, o.procShare(r), float64(r.Calls)/s.length.Seconds())
			if s.idle > 0 {
				fmt.Fprintf(w, " %d |", r.WhileIdle)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "| all | %d | 1 | %.1f |", o.calls(), float64(o.calls())/s.length.Seconds())
		if s.idle > 0 {
			n := 0
			for _, r := range o.reports {
				n += r.WhileIdle
			}
			fmt.Fprintf(w, " %d |", n)
		}
		fmt.Fprintf(w, "\n\n%.3f of the ideal (%.0f calls in %s)", o.share(), s.idealCalls(s.length), s.length)
		if s.idle > 0 {
			all, whileIdle := s.staticSplit()
			fmt.Fprintf(w, "; while process %d was idle, the others made %.3f of the ideal (%.0f calls in %s); "+
				"a static split of the limit (%g a second each) would reach at most %.3f while it is idle and %.3f in all",
				procs, o.busyWhileIdle(), s.idealCalls(s.idle), s.idle, rate/procs, whileIdle, all)
		}
	} else {
		fmt.Fprintln(w, "| process | calls | elapsed | calls/s |")
		fmt.Fprintln(w, "|---|---|---|---|")
		for _, r := range o.reports {
			fmt.Fprintf(w, "| %d | %d | %s | %.1f |\n", r.Proc, r.Calls, r.End.Round(time.Millisecond), perSec(r.Calls, r.End))
		}
		fmt.Fprintf(w, "| all | %d | %s | %.1f |\n", o.calls(), o.elapsed().Round(time.Millisecond), perSec(o.calls(), o.elapsed()))
		if s.channels != nil {
			fmt.Fprintln(w, "\n| channel | messages | elapsed | ideal | share of the ideal |")
			fmt.Fprintln(w, "|---|---|---|---|---|")
			for _, ch := range s.channels {
				n, end := o.channel(ch)
				fmt.Fprintf(w, "| %s | %d | %s | %s | %.3f |\n", ch, n, end.Round(time.Millisecond), s.idealTime(n), o.channelShare(ch))
			}
			fmt.Fprint(w, "\n")
		} else {
			fmt.Fprintf(w, "\n%.3f of the ideal (%s)", o.share(), s.idealTime(o.calls()))
		}
	}
	if s.channels == nil {
		fmt.Fprint(w, "; ")
	}
	if s.side != "" {
		n := 0
		for _, r := range o.reports {
			n += r.SideCalls
		}
		fmt.Fprintf(w, "%s: %d; ", s.side, n)
	}
	fmt.Fprintf(w, "429s: %d; failed: %d\n", o.sent429, o.failed())
	if st := o.store; st != nil {
		mean, most, _ := o.roundTrips()
		fmt.Fprintf(w, "Redis: %.2f round trips a call, at most %d; %d keys under the run's prefix, %d without a TTL, %d holding the token\n",
			mean, most, st.keys, len(st.withoutTTL), len(st.withToken))
	}
	if o.pause != nil {
		o.pause.print(w, o)
	}
	if o.faults != nil {
		o.faults.print(w, o)
	}
	for _, r := range o.reports {
		for _, l := range r.Logs {
			if o.faults != nil && strings.HasPrefix(l, msgDegraded) {
				continue // in the faults' table
			}
			fmt.Fprintf(w, "process %d logged: %s\n", r.Proc, l)
		}
	}
	verdict := "met"
	if len(o.missed) > 0 {
		verdict = "MISSED: " + strings.Join(o.missed, "; ")
	}
	fmt.Fprintf(w, "target: %s: %s\n", s.target, verdict)
}

// perSec is n calls in d as calls a second.
func perSec(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
