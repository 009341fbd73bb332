package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
	"github.com/redis/go-redis/v9"
)

// The pause scenario.
const (
	pauseLength = 8 * time.Second // the job's length
	pauseAt     = 3 * time.Second // when the fake is told to answer the next users.info with 429s
	// The fake answers the first users.info after pauseAt with a 429 and Retry-After: shortRetry,
	// shortDelay late, and the next at once with a 429 and Retry-After: longRetry. The shorter pause is
	// thus recorded after the longer one, and would end sooner.
	longRetry  = 2 * time.Second
	shortRetry = time.Second
	shortDelay = 500 * time.Millisecond

	// pauseGrace is how long after the fake answered the 429 a users.info may still arrive: the process
	// that drew it records the pause in Redis, and a call that passed its check just before is on its
	// way.
	pauseGrace = 10 * time.Millisecond
	// pacedInterval is the time between two slots the clients book users.info at: they pace at 0.99 of
	// the limit they are told.
	pacedInterval = time.Second * 100 / 99 / perSecond
	// paceTolerance is how much sooner than its slot a call may arrive: the clock readings of Redis and
	// of this process, on one host, and the rounding of the slots.
	paceTolerance = 2 * time.Millisecond
	// resumeWindow is how long after the pause the pace is checked.
	resumeWindow = 1500 * time.Millisecond
	// maxResumeDelay is how soon after the pause's end the first users.info must arrive.
	maxResumeDelay = 100 * time.Millisecond

	sidePerSecond = 4  // conversations.info calls a second from each process
	sideLimit     = 20 // conversations.info calls a second the clients are told, for all of them
	minSideShare  = 0.75
)

// The faults scenario.
const (
	faultsLength = 22 * time.Second
	killAt       = 3 * time.Second // SIGKILL, and a new server on the same socket
	killFor      = 2 * time.Second // later
	clientPause  = 8 * time.Second // CLIENT PAUSE
	clientFor    = 2 * time.Second
	flushAt      = 12500 * time.Millisecond // SCRIPT FLUSH
	haltAt       = 15 * time.Second         // SIGTERM, and a new server on the same socket
	haltFor      = time.Second              // later

	// minRejoined is the fewest calls each process must make after it rejoined the store for the last
	// time.
	minRejoined = 20
	// storeSlack is how much longer than the store timeout a call may spend in the store: the client
	// stops waiting at the timeout, give or take the scheduling of its goroutines.
	storeSlack = 50 * time.Millisecond
)

// pauseLog is what the pause scenario's act did and found.
type pauseLog struct {
	long, short answer429 // the 429 with Retry-After: 2, and the later one with Retry-After: 1
	end         time.Time // the shared pause's end, as the store holds it in Redis
}

// answer429 is an injected 429: when the fake received its request and answered it.
type answer429 struct {
	received, answered time.Time
}

// actPause injects the two 429s at pauseAt, and reads the pause's end in Redis at the end of the job.
func actPause(ctx context.Context, st *stage, o *outcome) error {
	if !sleepUntil(ctx, st.start.Add(pauseAt)) {
		return ctx.Err()
	}
	var mu sync.Mutex
	var pl pauseLog
	taken := func(a *answer429, delay time.Duration) func(slacktest.Request) bool {
		return func(r slacktest.Request) bool {
			mu.Lock()
			defer mu.Unlock()
			a.received, a.answered = r.Time, r.Time.Add(delay)
			return true
		}
	}
	short := slacktest.RateLimited(strconv.Itoa(int(shortRetry / time.Second)))
	short.Delay = shortDelay
	st.fake.InjectWhen("users.info", taken(&pl.short, shortDelay), short)
	st.fake.InjectWhen("users.info", taken(&pl.long, 0), slacktest.RateLimited(strconv.Itoa(int(longRetry/time.Second))))
	if !sleepUntil(ctx, st.start.Add(pauseLength-500*time.Millisecond)) {
		return ctx.Err()
	}
	end, err := pauseEnd(ctx, st.redis, st.prefix, "users.info")
	if err != nil {
		return fmt.Errorf("reading the pause in Redis: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	pl.end = end
	o.pause = &pl
	return nil
}

// pauseEnd returns the end of the pause of method's key under prefix in Redis (the store's field
// "paused", in microseconds of Redis's clock, which is this host's); zero if there is none.
func pauseEnd(ctx context.Context, addr, prefix, method string) (time.Time, error) {
	rdb, err := newRedisClient(addr)
	if err != nil {
		return time.Time{}, err
	}
	defer rdb.Close()
	var keys []string
	iter := rdb.Scan(ctx, 0, redisGlob(prefix)+"*:"+redisGlob(method)+"}", 100).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return time.Time{}, err
	}
	if len(keys) > 1 {
		return time.Time{}, fmt.Errorf("%d keys of %s under the run's prefix, want 1: %q", len(keys), method, keys)
	}
	if len(keys) == 0 {
		return time.Time{}, nil
	}
	v, err := rdb.HGet(ctx, keys[0], "paused").Result()
	if errors.Is(err, redis.Nil) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", keys[0], err)
	}
	us, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: paused %q: %w", keys[0], v, err)
	}
	return time.Unix(0, int64(us*1e3)), nil
}

// laterOf returns the later of t and u.
func laterOf(t, u time.Time) time.Time {
	if t.After(u) {
		return t
	}
	return u
}

// between returns the times of ts in [from, to).
func between(ts []time.Time, from, to time.Time) []time.Time {
	var out []time.Time
	for _, t := range ts {
		if !t.Before(from) && t.Before(to) {
			out = append(out, t)
		}
	}
	return out
}

// pauseFigures are what the pause scenario measured around the pause.
type pauseFigures struct {
	recorded         time.Duration // from the 429's answer to when the pause was recorded (its end less longRetry)
	inFlight         int           // users.info received within pauseGrace after the 429's answer (its own request aside)
	inFlightLast     time.Duration // the last of those, after the answer
	during           int           // users.info received from then until the pause's end (and at least longRetry after the 429)
	side, sideWanted int           // conversations.info received during the pause, and the least expected
	resumed          []time.Time   // users.info received in the resumeWindow after the pause
	early            int           // of those, how many came sooner than their slot
	earliest         time.Duration // the most any came before its slot (negative: after)
}

// figures measures o's pause.
func (pl *pauseLog) figures(o *outcome) pauseFigures {
	a, e := pl.long.answered, pl.end
	users := o.received["users.info"]
	slices.SortFunc(users, time.Time.Compare)
	f := pauseFigures{recorded: e.Add(-longRetry).Sub(a)}
	// The 429's own request arrived at a: the others are those after it.
	inFlight := between(users, a.Add(time.Nanosecond), a.Add(pauseGrace))
	f.inFlight = len(inFlight)
	if len(inFlight) > 0 {
		f.inFlightLast = inFlight[len(inFlight)-1].Sub(a)
	}
	// The pause holds until its end in Redis, and at least longRetry after the 429.
	f.during = len(between(users, a.Add(pauseGrace), laterOf(e, a.Add(longRetry))))
	f.side = len(between(o.received[o.s.side], a, e))
	f.sideWanted = int(minSideShare * procs * sidePerSecond * e.Sub(a).Seconds())
	f.resumed = between(users, e, e.Add(resumeWindow))
	f.earliest = -time.Hour
	for k, t := range f.resumed {
		early := e.Add(time.Duration(k) * pacedInterval).Sub(t)
		f.earliest = max(f.earliest, early)
		if early > paceTolerance {
			f.early++
		}
	}
	return f
}

// checkPause checks the pause scenario: the 429s came as arranged, no users.info during the pause but
// for the call in flight, conversations.info meanwhile, users.info paced after it, and no 429 but the
// injected ones.
func checkPause(o *outcome) []string {
	missed := no429(o)
	pl := o.pause
	if pl == nil || pl.long.received.IsZero() || pl.short.received.IsZero() {
		return append(missed, "the fake did not answer two users.info with the injected 429s")
	}
	if !pl.short.answered.After(pl.long.answered) || !pl.short.answered.Add(shortRetry).Before(pl.long.answered.Add(longRetry)) {
		missed = append(missed, fmt.Sprintf("the Retry-After: %s came at %s, not after the Retry-After: %s at %s and ending sooner: the run cannot tell whether it shortens the pause",
			shortRetry, pl.short.answered.Format(time.StampMicro), longRetry, pl.long.answered.Format(time.StampMicro)))
	}
	if pl.end.IsZero() {
		return append(missed, "no pause of users.info in Redis")
	}
	if pl.end.Before(pl.long.answered.Add(longRetry)) {
		missed = append(missed, fmt.Sprintf("the pause in Redis ends %s after the 429 was answered, want ≥ %s", pl.end.Sub(pl.long.answered), longRetry))
	}
	f := pl.figures(o)
	if f.recorded > pauseGrace {
		missed = append(missed, fmt.Sprintf("the pause was recorded in Redis %s after the 429 was answered, want ≤ %s", f.recorded, pauseGrace))
	}
	if f.inFlight > 1 {
		missed = append(missed, fmt.Sprintf("%d users.info within %s after the 429 was answered, want at most the one in flight", f.inFlight, pauseGrace))
	}
	if f.during > 0 {
		missed = append(missed, fmt.Sprintf("%d users.info sent during the pause, from %s after the 429 was answered to its end", f.during, pauseGrace))
	}
	if f.side < f.sideWanted {
		missed = append(missed, fmt.Sprintf("%d conversations.info during the pause, want ≥ %d", f.side, f.sideWanted))
	}
	if len(f.resumed) == 0 || f.resumed[0].Sub(pl.end) > maxResumeDelay {
		missed = append(missed, fmt.Sprintf("no users.info within %s of the pause's end", maxResumeDelay))
	}
	if f.early > 0 {
		missed = append(missed, fmt.Sprintf("%d users.info after the pause came sooner than their slot (%s apart from its end), one %s sooner",
			f.early, pacedInterval, f.earliest))
	}
	return missed
}

// print writes what the pause scenario's act did and the pause's figures.
func (pl *pauseLog) print(w io.Writer, o *outcome) {
	if pl.long.received.IsZero() || pl.short.received.IsZero() || pl.end.IsZero() {
		fmt.Fprintf(w, "429s injected: answered at %s and %s; the pause in Redis ends at %s\n",
			pl.long.answered.Format(time.StampMicro), pl.short.answered.Format(time.StampMicro), pl.end.Format(time.StampMicro))
		return
	}
	f := pl.figures(o)
	fmt.Fprintf(w, "429s injected: Retry-After: %s answered at %s, Retry-After: %s answered %s later (would end %s sooner); "+
		"the pause in Redis ends %s after the first was answered (recorded %s after it)\n",
		longRetry, pl.long.answered.Format(time.StampMicro), shortRetry, pl.short.answered.Sub(pl.long.answered).Round(time.Millisecond),
		pl.long.answered.Add(longRetry).Sub(pl.short.answered.Add(shortRetry)).Round(time.Millisecond),
		pl.end.Sub(pl.long.answered).Round(time.Microsecond), f.recorded.Round(time.Microsecond))
	fmt.Fprintf(w, "users.info during the pause: %d within %s of the 429's answer (in flight; the last %s after it), %d after; conversations.info: %d (want ≥ %d)\n",
		f.inFlight, pauseGrace, f.inFlightLast.Round(time.Microsecond), f.during, f.side, f.sideWanted)
	first := "none"
	if len(f.resumed) > 0 {
		first = f.resumed[0].Sub(pl.end).Round(time.Microsecond).String()
	}
	fmt.Fprintf(w, "after the pause: %d users.info in %s (%.1f a second), the first %s after its end; %d sooner than their slot (%s apart), the closest %s before it\n",
		len(f.resumed), resumeWindow, float64(len(f.resumed))/resumeWindow.Seconds(), first, f.early, pacedInterval.Round(time.Microsecond), f.earliest.Round(time.Microsecond))
}

// faultLog is what the faults scenario's act did.
type faultLog struct {
	outages []outage
	flushed time.Time // when SCRIPT FLUSH was sent
}

// outage is a spell during which Redis did not answer: from when it was broken until it could answer
// again (a server started again, a CLIENT PAUSE over).
type outage struct {
	what     string
	from, to time.Time
}

// actFaults breaks the run's own Redis and mends it: SIGKILL and a new server, CLIENT PAUSE, SCRIPT
// FLUSH, SIGTERM and a new server.
func actFaults(ctx context.Context, st *stage, o *outcome) error {
	fl := &faultLog{}
	defer func() { o.faults = fl }()
	admin, err := newRedisClient(st.redis)
	if err != nil {
		return err
	}
	defer admin.Close()

	down := func(at, length time.Duration, what string, stop func()) error {
		if !sleepUntil(ctx, st.start.Add(at)) {
			return ctx.Err()
		}
		from := time.Now()
		stop()
		if !sleepUntil(ctx, from.Add(length)) {
			return ctx.Err()
		}
		if err := st.server.start(ctx); err != nil {
			return fmt.Errorf("starting redis-server again: %w", err)
		}
		fl.outages = append(fl.outages, outage{what: what, from: from, to: st.server.started})
		return nil
	}
	if err := down(killAt, killFor, "killed (SIGKILL)", st.server.kill); err != nil {
		return err
	}

	if !sleepUntil(ctx, st.start.Add(clientPause)) {
		return ctx.Err()
	}
	from := time.Now()
	if err := admin.Do(ctx, "CLIENT", "PAUSE", clientFor.Milliseconds(), "ALL").Err(); err != nil {
		return fmt.Errorf("CLIENT PAUSE: %w", err)
	}
	fl.outages = append(fl.outages, outage{what: "paused (CLIENT PAUSE)", from: from, to: from.Add(clientFor)})

	if !sleepUntil(ctx, st.start.Add(flushAt)) {
		return ctx.Err()
	}
	fl.flushed = time.Now()
	if err := admin.ScriptFlush(ctx).Err(); err != nil {
		return fmt.Errorf("SCRIPT FLUSH: %w", err)
	}

	return down(haltAt, haltFor, "restarted (SIGTERM)", st.server.halt)
}

// sleepUntil sleeps until t, or reports false if ctx ends first.
func sleepUntil(ctx context.Context, t time.Time) bool {
	timer := time.NewTimer(time.Until(t))
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// rejoined returns r's calls answered from rejoinSettle after its last record of the store's recovery
// on, and how many of them did not reach Redis.
func (fl *faultLog) rejoined(r report) (calls, without int) {
	if len(r.Recovered) == 0 {
		return 0, 0
	}
	from := slices.MaxFunc(r.Recovered, time.Time.Compare).Add(rejoinSettle)
	for _, c := range r.Trace {
		if c.At.Before(from) {
			continue
		}
		calls++
		if c.Trips == 0 {
			without++
		}
	}
	return calls, without
}

// window is when the records of an outage fall: for records of the store failing, from its start
// until the store timeout after its end; for records of its recovery, from its end until the next
// outage's start.
func (fl *faultLog) window(i int, recovered bool) (from, to time.Time) {
	u := fl.outages[i]
	if !recovered {
		return u.from, u.to.Add(slack.DefaultLimitStoreTimeout)
	}
	to = u.to.Add(time.Hour)
	if i+1 < len(fl.outages) {
		to = fl.outages[i+1].from
	}
	return u.to, to
}

// rejoinSettle is how long after a process logged that the store recovered its calls booked in
// process may still arrive.
const rejoinSettle = 100 * time.Millisecond

// rejoins returns the spells during which the processes rejoined the store after each outage: from its
// end until the last process logged its recovery (and rejoinSettle). Meanwhile those back in the store
// share the whole budget, and the others still pace at their share of it: together they may send more
// than the limit.
func (fl *faultLog) rejoins(o *outcome) []outage {
	var out []outage
	for i, u := range fl.outages {
		from, to := fl.window(i, true)
		last := u.to
		for _, r := range o.reports {
			for _, t := range r.Recovered {
				if !t.Before(from) && t.Before(to) {
					last = laterOf(last, t)
				}
			}
		}
		out = append(out, outage{what: u.what, from: u.to, to: last.Add(rejoinSettle)})
	}
	return out
}

// count429s divides the fake's 429s between those the processes drew while they rejoined the store
// (by when their clients logged them) and the others, while they shared it or all paced alone; those
// the clients did not log count among the others.
func (fl *faultLog) count429s(o *outcome) (atRejoin, other int) {
	rejoins := fl.rejoins(o)
	logged := 0
	for _, r := range o.reports {
		for _, t := range r.Limited {
			logged++
			if slices.ContainsFunc(rejoins, func(u outage) bool { return !t.Before(u.from) && !t.After(u.to) }) {
				atRejoin++
			}
		}
	}
	other = max(o.sent429-atRejoin, logged-atRejoin, 0)
	return atRejoin, other
}

// attribute counts ts in each outage's window (see window), and how many fall in none.
func (fl *faultLog) attribute(ts []time.Time, recovered bool) (per []int, outside int) {
	per = make([]int, len(fl.outages))
	for _, t := range ts {
		in := false
		for i := range fl.outages {
			from, to := fl.window(i, recovered)
			if !t.Before(from) && t.Before(to) {
				per[i]++
				in = true
				break
			}
		}
		if !in {
			outside++
		}
	}
	return per, outside
}

// checkFaults checks the faults scenario: in each process one record of the store failing and one of
// its recovery per outage, each call's time in the store within the timeout, every call through Redis
// again after the last outage, and no 429 at all; those drawn while they rejoin it are also counted
// apart (see rejoins). (No call failing, and keys in Redis
// at the end, are every shared scenario's targets.)
func checkFaults(o *outcome) []string {
	var missed []string
	fl := o.faults
	if fl == nil || len(fl.outages) == 0 {
		return append(no429(o), "no outage: the run broke nothing")
	}
	if rejoining, other := fl.count429s(o); rejoining+other > 0 {
		missed = append(missed, fmt.Sprintf("the fake sent %d × 429 (%d while the processes rejoined the store)", rejoining+other, rejoining))
	}
	for _, r := range o.reports {
		for _, rec := range []struct {
			what      string
			ts        []time.Time
			recovered bool
		}{{"the store failing", r.Degraded, false}, {"its recovery", r.Recovered, true}} {
			per, outside := fl.attribute(rec.ts, rec.recovered)
			for i, n := range per {
				if n != 1 {
					missed = append(missed, fmt.Sprintf("process %d: %d records of %s when Redis was %s, want 1", r.Proc, n, rec.what, fl.outages[i].what))
				}
			}
			if outside > 0 {
				missed = append(missed, fmt.Sprintf("process %d: %d records of %s outside the outages", r.Proc, outside, rec.what))
			}
		}
		if most := slack.DefaultLimitStoreTimeout + storeSlack; r.StoreMost > most {
			missed = append(missed, fmt.Sprintf("process %d: a call spent %s in the store, want ≤ %s", r.Proc, r.StoreMost, most))
		}
		calls, without := fl.rejoined(r)
		if calls < minRejoined || without > 0 {
			missed = append(missed, fmt.Sprintf("process %d: %d calls after it rejoined the store, %d of them not through Redis; want ≥ %d, all through Redis",
				r.Proc, calls, without, minRejoined))
		}
	}
	return missed
}

// print writes what the act did and each process's figures.
func (fl *faultLog) print(w io.Writer, o *outcome) {
	start := o.begun
	var did []string
	for _, u := range fl.outages {
		did = append(did, fmt.Sprintf("%s from %.2f s to %.2f s", u.what, u.from.Sub(start).Seconds(), u.to.Sub(start).Seconds()))
	}
	if !fl.flushed.IsZero() {
		did = append(did, fmt.Sprintf("SCRIPT FLUSH at %.2f s", fl.flushed.Sub(start).Seconds()))
	}
	var rejoined []string
	for _, u := range fl.rejoins(o) {
		rejoined = append(rejoined, fmt.Sprintf("%.2f s to %.2f s", u.from.Sub(start).Seconds(), u.to.Sub(start).Seconds()))
	}
	atRejoin, other := fl.count429s(o)
	fmt.Fprintf(w, "Redis: %s\nthe processes rejoined it from %s; 429s while they rejoined: %d, otherwise: %d\n\n",
		strings.Join(did, "; "), strings.Join(rejoined, ", "), atRejoin, other)
	fmt.Fprintln(w, "| process | records of the store failing (s) | of its recovery (s) | 429s (s) | longest in the store, a call | a store call | calls after its last recovery | not through Redis |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for _, r := range o.reports {
		calls, without := fl.rejoined(r)
		fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %d | %d |\n", r.Proc, offsets(r.Degraded, start), offsets(r.Recovered, start),
			offsets(r.Limited, start), r.StoreMost.Round(time.Microsecond), r.StoreCallMost.Round(time.Microsecond), calls, without)
	}
	fmt.Fprintln(w)
}

// offsets prints ts as seconds since start.
func offsets(ts []time.Time, start time.Time) string {
	if len(ts) == 0 {
		return "none"
	}
	var s []string
	for _, t := range ts {
		s = append(s, fmt.Sprintf("%.2f", t.Sub(start).Seconds()))
	}
	return strings.Join(s, ", ")
}
