// Command replicas runs one app as several processes, as a bot deployed with replicas or a job fanned out
// over workers, against a fake workspace that enforces a rate limit, and shows what sharing one budget in
// Redis changes: it prints each process's calls and throughput, the total as a share of the ideal, and how
// many 429s the workspace sent; then it runs the same job with each process's own limiter only.
//
// Slack limits each method per app and workspace, not per process. Each process's limiter paces its calls
// to the whole limit, so four processes send four times too fast. Given one store, each process's client
// books its calls in it (slack.WithLimitStore with a redislimit.Store), and together they send at the
// limit.
//
// The fake workspace (package slacktest) is served over loopback HTTP by this process. The workers are real
// processes: this program started again with -worker, each making its calls from 8 goroutines through its
// own slack.Client, and reporting to this one on its standard output. It starts a redis-server of its own
// on a Unix socket in a temporary directory, with no persistence, and stops it at the end; -redis or the
// environment variable GOSLACK_REDIS names a server to use instead (host:port, a Unix socket's path, or
// a redis:// or unix:// URL), whose keys it leaves alone except those of its runs, under a prefix of
// their own, which it deletes.
//
// The scenarios (-scenario takes a comma-separated list; the default is shared,local):
//
//   - shared: 4 processes make 1,500 users.info calls in all, a quarter each, against a fake that allows
//     100 a second with a burst of 10; each client is told that limit (WithMethodLimit("users.info",
//     6000, 10)) and shares one Redis store (WithExpectedReplicas(4)). Target: no 429, at least 0.95 of
//     the ideal throughput (the burst at once, then 100 a second).
//   - local: the same job with each process's own limiter only. It must draw 429s.
//   - channels: 4 processes post 200 messages to 2 channels, which the fake limits to 10 messages a second
//     each (burst 2), sharing one store. Target: each channel at its limit (0.95 of the ideal), no 429.
//   - fairness: 4 processes call users.info as fast as they may for 8 seconds, sharing one store. Target:
//     each process's share within 20% of a quarter, the total at 0.95 of the ideal, no 429.
//   - idle: the same, but one process stays idle for the first 4 seconds. Target: the busy three take its
//     share, making 0.90 of the ideal while it is idle (a static split of the limit, a quarter each, would
//     give them 0.75), and the total stays at 0.95 of the ideal (0.88 with a static split); no 429.
//   - pause: 4 processes call users.info as in fairness for 8 seconds, and each calls conversations.info 4
//     times a second besides. 3 seconds in, the fake answers the next users.info with a 429 and
//     Retry-After: 1, half a second late, and the one after it at once with Retry-After: 2: the shorter
//     pause is recorded after the longer, and would end half a second sooner. Targets, from the fake's
//     request log and the pause's end as Redis holds it: the process that drew the 429 records the pause
//     within 10 ms of its answer; at most one users.info from any process in the 10 ms after that answer
//     (the call that passed its check just before, in flight), and none from then until the pause's
//     end, which is at least 2 seconds after the answer; conversations.info keeps flowing meanwhile (0.75 of its calls); users.info
//     resumes within 100 ms of the end, the k-th call after it no sooner than k slots (at 0.99 of 100 a
//     second) after the end, 2 ms allowed for the clocks; no 429 but the injected ones.
//   - faults: 4 processes call users.info for 22 seconds, sharing a redis-server that the run starts for
//     itself (even when given one) and breaks: it kills it (SIGKILL) at 3 s and starts it again on the
//     same socket 2 s later, pauses it (CLIENT PAUSE 2000 ALL) at 8 s, flushes its scripts (SCRIPT FLUSH)
//     at 12.5 s, and stops it (SIGTERM) at 15 s and starts it again 1 s later. Targets: no call fails;
//     each process logs exactly one record of the store failing and one of its recovery for each of the
//     three outages (from the outage's start to the store timeout after its end, and from its end to the
//     next outage's start), and none besides (none for the flush); no call spends longer than the store
//     timeout and 50 ms in the store (its store methods' time, measured by a wrapper around the store,
//     which is what the store adds to the call); from 100 ms after its last record of the recovery, each
//     process's every call goes through Redis again (at least 20 a process, each with a round trip), and
//     the run leaves keys in it; no 429, not even while they rejoin the store, from an outage's end
//     until the last of them has logged its recovery (and 100 ms), when those back in the store share
//     the whole budget and the others still pace at their share (the clients probe the store at whole
//     seconds of the clock, so that they rejoin together); the table counts those apart.
//
// Every scenario also checks that no call fails; those that share a store, that no client logs that the
// store failed (but in faults), that no call costs more than 2 round trips to Redis (one to book its
// slot, one to check for a pause just before sending; but in pause and faults, where a call whose slot a
// pause voided books another, and Redis's faults cost commands that failed and scripts sent again), and
// that every key the run left in Redis has a TTL and does not hold the token. Each worker makes one call of another method before the start, in which its client
// learns the workspace (an auth.test) that its keys in the store are named after.
//
// It exits 1 when a scenario misses its target, or when redis-server is missing (it says how to install
// it), and 2 on bad flags.
//
//	go run .
//	go run . -scenario channels,fairness,idle
//	go run . -scenario pause,faults
//	go run . -redis 127.0.0.1:6379
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// workerFlag, as the first argument, makes the program a worker (see workerMain).
const workerFlag = "-worker"

func main() {
	if len(os.Args) > 1 && os.Args[1] == workerFlag {
		os.Exit(workerMain(os.Stdin, os.Stdout))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the command: it parses args, runs the scenarios they name and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("replicas", flag.ContinueOnError)
	fs.SetOutput(stderr)
	names := fs.String("scenario", "shared,local", "the `scenarios` to run, comma-separated: "+strings.Join(scenarioNames(), ", "))
	redisAddr := fs.String("redis", os.Getenv("GOSLACK_REDIS"),
		"use the Redis server at `addr` (host:port, a socket path, or a redis:// or unix:// URL) instead of starting one (default $GOSLACK_REDIS)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "replicas: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ss, err := pickScenarios(*names)
	if err != nil {
		fmt.Fprintln(stderr, "replicas:", err)
		return 2
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(stderr, "replicas:", err)
		return 1
	}
	h := &harness{worker: []string{exe, workerFlag}, redis: *redisAddr}
	if needsRedis(ss) && h.redis == "" {
		srv, err := startRedis(ctx)
		if errors.Is(err, errNoRedis) {
			fmt.Fprintln(stderr, "replicas:", err)
			return 1
		}
		if err != nil {
			fmt.Fprintln(stderr, "replicas: starting redis-server:", err)
			return 1
		}
		defer srv.stop()
		h.redis = srv.addr
	}
	code := 0
	for i, s := range ss {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		o, err := h.run(ctx, s)
		if err != nil {
			fmt.Fprintf(stderr, "replicas: %s: %v\n", s.name, err)
			return 1
		}
		o.print(stdout)
		if len(o.missed) > 0 {
			code = 1
		}
	}
	return code
}
