package main

import (
	"cmp"
	"context"
	"errors"
	"os"
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

// TestScenarios runs every scenario with real processes (this test binary, started again as workers)
// against a fake workspace over loopback HTTP, and checks its targets: with one budget in Redis, no 429
// and at least 0.95 of the ideal throughput, each channel at its limit, each process's share within
// 20% of a quarter, an idle process's share taken by the others, at most 2 round trips to Redis a call;
// with local limiters only, 429s. Every call must succeed, no client may log that the store failed, and
// the keys left in Redis have the run's prefix and a TTL, and do not hold the token.
func TestScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("the scenarios take about a minute in real time")
	}
	addr := needRedis(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{worker: []string{exe, workerFlag}, redis: addr}
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
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
