package main

import (
	"cmp"
	"context"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestMain makes the test binary a worker when it is started with -worker, as the scenarios start it.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerFlag {
		os.Exit(workerMain(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// needRedis returns the address of a Redis server for the test: the one GOSLACK_REDIS names, else a
// redis-server started for it. Without redis-server, the test fails in CI (CI=true) and is skipped
// elsewhere, saying how to get one.
func needRedis(t *testing.T) string {
	t.Helper()
	if addr := os.Getenv("GOSLACK_REDIS"); addr != "" {
		return addr
	}
	srv, err := startRedis(t.Context())
	if errors.Is(err, errNoRedis) {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.stop)
	return srv.addr
}

// needRedisServer makes sure that the test can start a redis-server of its own (a scenario that breaks
// it), even when GOSLACK_REDIS names a server: it fails in CI and is skipped elsewhere without one.
func needRedisServer(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(errNoRedis)
		}
		t.Skip(errNoRedis)
	}
}

// TestScenarios runs every scenario with real processes (this test binary, started again as workers)
// against a fake workspace over loopback HTTP, and checks its targets: with one budget in Redis, no 429
// and at least 0.95 of the ideal throughput, each channel at its limit, each process's share within
// 20% of a quarter, an idle process's share taken by the others, at most 2 round trips to Redis a call;
// with local limiters only, 429s; a 429 seen by one process pausing every process (pause); and every
// call going through Redis killed, paused, flushed and restarted, with one record of its failure and
// one of its recovery per outage (faults). Every call must succeed, no client may log that the store failed, and
// the keys left in Redis have the run's prefix and a TTL, and do not hold the token.
func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("the scenarios take about two minutes in real time")
	}
	addr := needRedis(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{worker: []string{exe, workerFlag}, redis: addr}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			if s.ownRedis {
				needRedisServer(t)
			}
			o, err := h.run(t.Context(), s)
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			o.print(&out)
			t.Log("\n" + out.String())
			if len(o.reports) != procs {
				t.Fatalf("%d reports, want %d", len(o.reports), procs)
			}
			if s.shared {
				if o.sent429 != 0 {
					t.Errorf("the fake sent %d × 429 to processes sharing a store, want none", o.sent429)
				}
				if o.store == nil || o.store.keys == 0 {
					t.Error("the run left no key in Redis: the store was not used")
				}
			} else if o.sent429 == 0 {
				t.Error("the fake sent no 429 to processes pacing alone: the scenario cannot tell a shared budget from none")
			}
			if s.calls > 0 && o.calls() != s.calls {
				t.Errorf("%d calls answered ok, want %d", o.calls(), s.calls)
			}
			for _, m := range o.missed {
				t.Error(m)
			}
		})
	}
}

// TestTargetsCanBeMissed checks that each scenario's check reports a run that misses its target.
func TestTargetsCanBeMissed(t *testing.T) {
	byName := map[string]scenario{}
	for _, s := range scenarios {
		byName[s.name] = s
	}
	// even makes a report of calls calls for each process, the last answered at end.
	even := func(s scenario, calls int, end time.Duration) []report {
		rs := make([]report, procs)
		for i := range rs {
			rs[i] = report{Proc: i + 1, Calls: calls / procs, End: end}
			if s.channels != nil {
				rs[i].Channels = map[string]channelReport{}
				for _, ch := range s.channels {
					rs[i].Channels[ch] = channelReport{Calls: calls / procs / len(s.channels), End: end}
				}
			}
		}
		return rs
	}
	good := &storeCheck{keys: 2}
	tests := []struct {
		name   string
		o      outcome
		missed []string // a part of each target missed, in order; none for a run that meets its target
	}{
		{"shared met", outcome{s: byName["shared"], reports: even(byName["shared"], 1500, 15*time.Second), store: good}, nil},
		{"shared 429", outcome{s: byName["shared"], reports: even(byName["shared"], 1500, 15*time.Second), store: good, sent429: 1},
			[]string{"1 × 429"}},
		{"shared slow", outcome{s: byName["shared"], reports: even(byName["shared"], 1500, 16*time.Second), store: good},
			[]string{"throughput 0.931"}},
		{"shared store unused", outcome{s: byName["shared"], reports: even(byName["shared"], 1500, 15*time.Second), store: &storeCheck{}},
			[]string{"store was not used"}},
		{"shared 3 round trips", outcome{s: byName["shared"], reports: func() []report {
			rs := even(byName["shared"], 1500, 15*time.Second)
			rs[2].RoundTrips = map[int64]int{1: 100, 2: 273, 3: 2}
			return rs
		}(), store: good}, []string{"2 calls made more than 2 round trips to Redis, one 3"}},
		{"shared store dirty", outcome{s: byName["shared"], reports: even(byName["shared"], 1500, 15*time.Second),
			store: &storeCheck{keys: 1, withoutTTL: []string{"k"}, withToken: []string{"k"}}}, []string{"without a TTL", "holding the token"}},
		{"local met", outcome{s: byName["local"], reports: even(byName["local"], 1500, 20*time.Second), sent429: 3}, nil},
		{"local no 429", outcome{s: byName["local"], reports: even(byName["local"], 1500, 20*time.Second)},
			[]string{"no 429"}},
		{"channels met", outcome{s: byName["channels"], reports: even(byName["channels"], 200, 10*time.Second), store: good}, nil},
		{"channels slow", outcome{s: byName["channels"], reports: even(byName["channels"], 200, 11*time.Second), store: good},
			[]string{"C0GENERAL: throughput 0.891", "C0RANDOM: throughput 0.891"}},
		{"fairness met", outcome{s: byName["fairness"], reports: even(byName["fairness"], 784, 8*time.Second), store: good}, nil},
		{"fairness unfair", outcome{s: byName["fairness"], reports: []report{
			{Proc: 1, Calls: 300}, {Proc: 2, Calls: 160}, {Proc: 3, Calls: 160}, {Proc: 4, Calls: 164}}, store: good},
			[]string{"process 1: share 0.383"}},
		{"idle met", outcome{s: byName["idle"], reports: []report{
			{Proc: 1, Calls: 210, WhileIdle: 130}, {Proc: 2, Calls: 210, WhileIdle: 130}, {Proc: 3, Calls: 210, WhileIdle: 130},
			{Proc: 4, Calls: 160}}, store: good}, nil},
		{"idle static split", outcome{s: byName["idle"], reports: []report{
			{Proc: 1, Calls: 200, WhileIdle: 100}, {Proc: 2, Calls: 200, WhileIdle: 100}, {Proc: 3, Calls: 200, WhileIdle: 100},
			{Proc: 4, Calls: 100}}, store: good}, []string{"calls 0.864", "while one was idle: 0.732"}},
		{"failed calls and a degraded store", outcome{s: byName["shared"], reports: func() []report {
			rs := even(byName["shared"], 1500, 15*time.Second)
			rs[0].Calls--
			rs[0].Failed++
			rs[1].Logs = []string{"slack: rate-limit store failed; pacing in process"}
			return rs
		}(), store: good}, []string{"1 calls failed", "process 2 logged"}},

		{"pause met", pauseRun(nil), nil},
		{"pause: a call during it", pauseRun(func(o *outcome) {
			o.received["users.info"] = append(o.received["users.info"], o.pause.long.answered.Add(time.Second))
		}), []string{"1 users.info sent during the pause"}},
		{"pause: a call just after the grace", pauseRun(func(o *outcome) {
			o.received["users.info"] = append(o.received["users.info"], o.pause.long.answered.Add(pauseGrace))
		}), []string{"1 users.info sent during the pause"}},
		{"pause: two calls in flight", pauseRun(func(o *outcome) {
			o.received["users.info"] = append(o.received["users.info"], o.pause.long.answered.Add(5*time.Millisecond))
		}), []string{"2 users.info within 10ms after the 429 was answered, want at most the one in flight"}},
		{"pause: shortened", pauseRun(func(o *outcome) {
			// The later Retry-After: 1 ended the pause 1.5 s after the first 429, and calls resumed.
			o.pause.end = o.pause.short.answered.Add(shortRetry)
			o.received["users.info"] = append(o.received["users.info"], o.pause.end.Add(time.Millisecond))
		}), []string{"the pause in Redis ends 1.49", "1 users.info sent during the pause"}},
		{"pause: recorded late", pauseRun(func(o *outcome) {
			// The calls after it come as late.
			for i, t := range o.received["users.info"] {
				if !t.Before(o.pause.end) {
					o.received["users.info"][i] = t.Add(20 * time.Millisecond)
				}
			}
			o.pause.end = o.pause.end.Add(20 * time.Millisecond)
		}), []string{"recorded in Redis 20.3ms after"}},
		{"pause: no other method meanwhile", pauseRun(func(o *outcome) {
			p := o.pause
			o.received["conversations.info"] = slices.DeleteFunc(o.received["conversations.info"], func(t time.Time) bool {
				return t.After(p.long.answered.Add(time.Second)) && t.Before(p.end)
			})
		}), []string{"17 conversations.info during the pause, want ≥ 24"}},
		{"pause: all at once after it", pauseRun(func(o *outcome) {
			for range 8 {
				o.received["users.info"] = append(o.received["users.info"], o.pause.end.Add(time.Millisecond))
			}
		}), []string{"users.info after the pause came sooner than their slot"}},
		{"pause: no call after it", pauseRun(func(o *outcome) {
			o.received["users.info"] = slices.DeleteFunc(o.received["users.info"], func(t time.Time) bool {
				return t.After(o.pause.end) && t.Before(o.pause.end.Add(time.Second))
			})
		}), []string{"no users.info within 100ms of the pause's end"}},
		{"pause: the shorter 429 first", pauseRun(func(o *outcome) {
			o.pause.short.answered = o.pause.long.answered.Add(-time.Millisecond)
		}), []string{"the run cannot tell whether it shortens the pause"}},
		{"pause: none in Redis", pauseRun(func(o *outcome) { o.pause.end = time.Time{} }), []string{"no pause of users.info in Redis"}},
		{"pause: no injected 429", pauseRun(func(o *outcome) { o.pause.long = answer429{} }), []string{"did not answer two users.info"}},
		{"pause: the fake's own 429", pauseRun(func(o *outcome) { o.sent429 = 2 }), []string{"2 × 429"}},

		{"faults met", faultsRun(nil), nil},
		{"faults: two records of one failure", faultsRun(func(o *outcome) {
			o.reports[1].Degraded = append(o.reports[1].Degraded, o.faults.outages[0].from.Add(time.Second))
		}), []string{"process 2: 2 records of the store failing when Redis was killed (SIGKILL), want 1"}},
		{"faults: no record of a recovery", faultsRun(func(o *outcome) {
			o.reports[2].Recovered = o.reports[2].Recovered[1:]
		}), []string{"process 3: 0 records of its recovery when Redis was killed (SIGKILL), want 1"}},
		{"faults: a late recovery", faultsRun(func(o *outcome) {
			// Not before the next outage began.
			o.reports[0].Recovered[1] = o.faults.outages[2].from.Add(time.Millisecond)
		}), []string{"process 1: 0 records of its recovery when Redis was paused", "process 1: 1 records of its recovery outside the outages"}},
		{"faults: a failure after SCRIPT FLUSH", faultsRun(func(o *outcome) {
			o.reports[3].Degraded = append(o.reports[3].Degraded, o.faults.flushed.Add(10*time.Millisecond))
		}), []string{"process 4: 1 records of the store failing outside the outages"}},
		{"faults: slow store", faultsRun(func(o *outcome) { o.reports[0].StoreMost = 120 * time.Millisecond }),
			[]string{"process 1: a call spent 120ms in the store, want ≤ 100ms"}},
		{"faults: not rejoined", faultsRun(func(o *outcome) {
			for i := range o.reports[1].Trace {
				o.reports[1].Trace[i].Trips = 0
			}
		}), []string{"process 2: 86 calls after it rejoined the store, 86 of them not through Redis"}},
		{"faults: few calls after", faultsRun(func(o *outcome) { o.reports[1].Trace = o.reports[1].Trace[:20] }),
			[]string{"process 2: 15 calls after it rejoined the store, 0 of them not through Redis"}},
		{"faults: a call in process after the recovery", faultsRun(func(o *outcome) {
			o.reports[1].Trace[len(o.reports[1].Trace)-1].Trips = 0
		}), []string{"process 2: 86 calls after it rejoined the store, 1 of them not through Redis"}},
		{"faults: 429 and a failed call", faultsRun(func(o *outcome) { o.sent429, o.reports[0].Failed = 1, 1 }),
			[]string{"1 calls failed", "the fake sent 1 × 429 (0 while"}},
		{"faults: 429 while degraded", faultsRun(func(o *outcome) {
			o.sent429, o.reports[2].Limited = 1, []time.Time{o.faults.outages[1].from.Add(time.Second)}
		}), []string{"the fake sent 1 × 429 (0 while"}},
		{"faults: 429 while shared", faultsRun(func(o *outcome) {
			o.sent429, o.reports[2].Limited = 1, []time.Time{o.faults.outages[1].to.Add(2 * time.Second)}
		}), []string{"the fake sent 1 × 429 (0 while"}},
		{"faults: 429s while rejoining", faultsRun(func(o *outcome) {
			o.sent429, o.reports[2].Limited = 1, []time.Time{o.faults.outages[0].to.Add(150 * time.Millisecond)}
		}), []string{"the fake sent 1 × 429 (1 while the processes rejoined the store)"}},
		{"faults: 429s the clients did not log", faultsRun(func(o *outcome) {
			o.sent429, o.reports[2].Limited = 2, []time.Time{o.faults.outages[0].to.Add(150 * time.Millisecond)}
		}), []string{"the fake sent 2 × 429 (1 while the processes rejoined the store)"}},
		{"faults: nothing broken", faultsRun(func(o *outcome) { o.faults = &faultLog{} }), []string{"no outage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.o.judge()
			if len(tt.o.missed) != len(tt.missed) {
				t.Fatalf("missed %q, want %d targets missed (%q)", tt.o.missed, len(tt.missed), tt.missed)
			}
			for i, want := range tt.missed {
				if !strings.Contains(tt.o.missed[i], want) {
					t.Errorf("missed[%d] = %q, want it to say %q", i, tt.o.missed[i], want)
				}
			}
		})
	}
}

// TestWithoutRedisServer checks that, with no redis-server to start and none named, the command says how
// to install one and exits 1, and that local alone needs none.
func TestWithoutRedisServer(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("GOSLACK_REDIS", "")
	var stdout, stderr strings.Builder
	if code := run(context.Background(), nil, &stdout, &stderr); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{"apt-get install redis-server", "brew install redis", "-redis"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q does not say %q", stderr.String(), want)
		}
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
	if !needsRedis(scenarios) {
		t.Error("needsRedis(scenarios) = false")
	}
	ss, err := pickScenarios("local")
	if err != nil || needsRedis(ss) {
		t.Errorf("local: needsRedis = %v, err %v; want false, nil", needsRedis(ss), err)
	}
}

// TestBadFlags checks that bad flags and unknown scenarios exit 2, naming the problem.
func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-scenario", "shared,nope"}, {"-no-such-flag"}, {"extra"}} {
		var stdout, stderr strings.Builder
		if code := run(context.Background(), args, &stdout, &stderr); code != 2 {
			t.Errorf("%q: exit code %d, want 2", args, code)
		}
		if stderr.Len() == 0 {
			t.Errorf("%q: nothing on stderr", args)
		}
	}
}

// TestRedisAddresses checks the forms of a Redis address that -redis and GOSLACK_REDIS take.
func TestRedisAddresses(t *testing.T) {
	for _, tt := range []struct{ addr, network, host string }{
		{"127.0.0.1:6379", "tcp", "127.0.0.1:6379"},
		{"/tmp/redis.sock", "unix", "/tmp/redis.sock"},
		{"unix:///tmp/redis.sock", "unix", "/tmp/redis.sock"},
		{"redis://localhost:6380/0", "tcp", "localhost:6380"},
	} {
		rdb, err := newRedisClient(tt.addr)
		if err != nil {
			t.Errorf("%q: %v", tt.addr, err)
			continue
		}
		opts := rdb.Options()
		if network := cmp.Or(opts.Network, "tcp"); network != tt.network || opts.Addr != tt.host {
			t.Errorf("%q: network %q, addr %q; want %q, %q", tt.addr, network, opts.Addr, tt.network, tt.host)
		}
		_ = rdb.Close()
	}
	if _, err := newRedisClient("redis://[bad"); err == nil {
		t.Error("a bad URL: no error")
	}
}

// pauseRun makes up a run of the pause scenario that meets its targets, changed by change.
func pauseRun(change func(o *outcome)) outcome {
	s := scenarioNamed("pause")
	start := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	a := start.Add(pauseAt)
	pl := &pauseLog{long: answer429{received: a, answered: a},
		short: answer429{received: a.Add(-10 * time.Millisecond), answered: a.Add(490 * time.Millisecond)},
		end:   a.Add(longRetry + 300*time.Microsecond)}
	o := outcome{s: s, begun: start, pause: pl, store: &storeCheck{keys: 2},
		received: map[string][]time.Time{}, reports: make([]report, procs)}
	for i := range o.reports {
		o.reports[i] = report{Proc: i + 1, Calls: 150, SideCalls: 30}
	}
	// users.info at its pace until the 429's request, one in flight 3 ms after it, none until the
	// pause's end, and at its pace again.
	for t := start; t.Before(start.Add(pauseLength)); t = t.Add(pacedInterval + 100*time.Microsecond) {
		if t.Before(a) || !t.Before(pl.end) {
			o.received["users.info"] = append(o.received["users.info"], t)
		}
	}
	o.received["users.info"] = append(o.received["users.info"], a, a.Add(3*time.Millisecond))
	for t := start; t.Before(start.Add(pauseLength)); t = t.Add(time.Second / (procs * sidePerSecond)) {
		o.received["conversations.info"] = append(o.received["conversations.info"], t)
	}
	if change != nil {
		change(&o)
	}
	return o
}

// faultsRun makes up a run of the faults scenario that meets its targets, changed by change.
func faultsRun(change func(o *outcome)) outcome {
	s := scenarioNamed("faults")
	start := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	fl := &faultLog{outages: []outage{
		{what: "killed (SIGKILL)", from: start.Add(killAt), to: start.Add(killAt + killFor)},
		{what: "paused (CLIENT PAUSE)", from: start.Add(clientPause), to: start.Add(clientPause + clientFor)},
		{what: "restarted (SIGTERM)", from: start.Add(haltAt), to: start.Add(haltAt + haltFor)},
	}, flushed: start.Add(flushAt)}
	o := outcome{s: s, begun: start, faults: fl, store: &storeCheck{keys: 1}, reports: make([]report, procs)}
	for i := range o.reports {
		r := report{Proc: i + 1, Calls: 500, StoreMost: 51 * time.Millisecond, StoreCallMost: 51 * time.Millisecond}
		for _, u := range fl.outages {
			r.Degraded = append(r.Degraded, u.from.Add(50*time.Millisecond))
			r.Recovered = append(r.Recovered, u.to.Add(200*time.Millisecond))
		}
		// Calls paced in process until the last recovery (and a little after it), then through Redis.
		back := r.Recovered[len(r.Recovered)-1].Add(rejoinSettle)
		for t := start.Add(haltAt + haltFor); t.Before(start.Add(faultsLength)); t = t.Add(time.Second / 15) {
			c := callTrace{At: t, Trips: 2, Store: time.Millisecond}
			if t.Before(back) {
				c.Trips = 0
			}
			r.Trace = append(r.Trace, c)
		}
		o.reports[i] = r
	}
	if change != nil {
		change(&o)
	}
	return o
}

// scenarioNamed returns the scenario called name.
func scenarioNamed(name string) scenario {
	i := slices.IndexFunc(scenarios, func(s scenario) bool { return s.name == name })
	return scenarios[i]
}
