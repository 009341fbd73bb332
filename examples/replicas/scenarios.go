package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goslack/slack/slacktest"
)

// The fake's limit on users.info, which the clients are told.
const (
	perSecond = 100
	burst     = 10
)

// The fake's limit on chat.postMessage in each channel, which the clients are told.
const (
	postPerSecond = 10
	postBurst     = 2
)

// procs is how many processes each scenario runs, and goroutines how many goroutines each makes its
// calls from.
const (
	procs      = 4
	goroutines = 8
)

// The targets.
const (
	minShare   = 0.95 // of the ideal throughput
	fairSpread = 0.20 // how far a process's share may be from 1/procs, relative to it
	// minBusyShare is the least share of the ideal the busy processes reach while one is idle: a static
	// split of the limit would give them (procs-1)/procs of it.
	minBusyShare = 0.90
	// maxRoundTrips is the most round trips to Redis a call may cost: one to book its slot, one to check
	// for a pause just before sending.
	maxRoundTrips = 2
)

// A scenario is one job run by procs processes of one app.
type scenario struct {
	name   string
	method string // users.info or chat.postMessage
	shared bool   // the processes share a store in Redis; otherwise each has its own limiter only

	// A job of a number of calls: calls in all, an equal part each (to channels in turn, if any).
	calls    int
	channels []string

	// A timed job: each process calls as fast as it may for length, the last one after being idle for
	// idle first.
	length time.Duration
	idle   time.Duration

	// side is a second, light method each process calls sidePerSecond times a second from one more
	// goroutine during a timed job, which the clients are told the limit sideLimit of (pause).
	side string

	// ownRedis makes the run start a redis-server of its own, which its act may kill, even when the
	// command was given one (faults).
	ownRedis bool
	// trace makes each worker report its every call and its records of the store's trouble (faults).
	trace bool
	// act is what this process does during the run, from its start, besides serving the fake: inject
	// faults, break Redis and mend it. It records what it did in the outcome.
	act func(ctx context.Context, st *stage, o *outcome) error

	target string                    // the target, as printed
	check  func(o *outcome) []string // the targets missed
}

// scenarios are the jobs the command can run, in the order it runs them.
var scenarios = []scenario{
	{name: "shared", method: "users.info", shared: true, calls: 1500,
		target: fmt.Sprintf("0 × 429, ≥ %.2f of the ideal", minShare), check: checkCalls},
	{name: "local", method: "users.info", calls: 1500,
		target: "draws 429s (each process's limiter believes it has the whole budget)", check: checkLocal},
	{name: "channels", method: "chat.postMessage", shared: true, calls: 200,
		channels: []string{slacktest.GeneralID, slacktest.RandomID},
		target:   fmt.Sprintf("0 × 429, each channel ≥ %.2f of the ideal", minShare), check: checkChannels},
	{name: "fairness", method: "users.info", shared: true, length: 8 * time.Second,
		target: fmt.Sprintf("0 × 429, each share within ±%.0f%% of 1/%d, total ≥ %.2f of the ideal", 100*fairSpread, procs, minShare),
		check:  checkFair},
	{name: "idle", method: "users.info", shared: true, length: 8 * time.Second, idle: 4 * time.Second,
		target: fmt.Sprintf("0 × 429, total ≥ %.2f of the ideal, and the busy processes ≥ %.2f of it while one is idle", minShare, minBusyShare),
		check:  checkIdle},
	{name: "pause", method: "users.info", shared: true, length: pauseLength, side: "conversations.info", act: actPause,
		target: "no users.info during the shared pause (Retry-After: 2, not shortened by a later Retry-After: 1) " +
			"but for the call in flight, conversations.info flowing meanwhile, users.info paced after it, no other 429",
		check: checkPause},
	{name: "faults", method: "users.info", shared: true, length: faultsLength, ownRedis: true, trace: true, act: actFaults,
		target: "through Redis killed, paused, its scripts flushed and restarted: no failed call, one record of the store " +
			"failing and one of its recovery per outage in each process, each call's time in the store within the timeout, " +
			"every call through Redis again after the last, 0 × 429",
		check: checkFaults},
}

// scenarioNames lists the scenarios' names.
func scenarioNames() []string {
	var names []string
	for _, s := range scenarios {
		names = append(names, s.name)
	}
	return names
}

// pickScenarios returns the scenarios a comma-separated list names, in the order given.
func pickScenarios(list string) ([]scenario, error) {
	var ss []scenario
	for name := range strings.SplitSeq(list, ",") {
		name = strings.TrimSpace(name)
		i := slices.IndexFunc(scenarios, func(s scenario) bool { return s.name == name })
		if i < 0 {
			return nil, fmt.Errorf("no scenario %q (there are %s)", name, strings.Join(scenarioNames(), ", "))
		}
		ss = append(ss, scenarios[i])
	}
	return ss, nil
}

// needsRedis reports whether any of ss shares a store in the command's Redis server (not one of its
// own).
func needsRedis(ss []scenario) bool {
	return slices.ContainsFunc(ss, func(s scenario) bool { return s.shared && !s.ownRedis })
}

// limit returns the fake's limit on s's method: calls a second and burst (for chat.postMessage, in each
// channel).
func (s scenario) limit() (float64, int) {
	if s.method == "chat.postMessage" {
		return postPerSecond, postBurst
	}
	return perSecond, burst
}

// idealTime is the shortest time the fake allows n calls of s's method in (in one channel, for
// chat.postMessage): its burst at once, the rest at its rate.
func (s scenario) idealTime(n int) time.Duration {
	rate, b := s.limit()
	return time.Duration(float64(max(n-b, 0)) / rate * float64(time.Second))
}

// idealCalls is the most calls of s's method the fake allows in d: its burst, then its rate.
func (s scenario) idealCalls(d time.Duration) float64 {
	rate, b := s.limit()
	return float64(b) + rate*d.Seconds()
}

// staticSplit is the share of the ideal a timed scenario would reach if each process were given a
// fixed part of the limit (1/procs of its rate and burst), the idle one losing its part while idle: in
// all, and while the one is idle.
func (s scenario) staticSplit() (all, whileIdle float64) {
	rate, b := s.limit()
	busy := float64(procs)*s.length.Seconds() - s.idle.Seconds()
	all = (float64(b) + rate/procs*busy) / s.idealCalls(s.length)
	whileIdle = float64(procs-1) / procs
	return all, whileIdle
}

// jobs returns the work of each process.
func (s scenario) jobs(baseURL, redis, prefix string) []job {
	rate, b := s.limit()
	js := make([]job, procs)
	for i := range js {
		js[i] = job{
			Proc: i + 1, BaseURL: baseURL, Method: s.method, PerMinute: int(rate * 60), Burst: b,
			Goroutines: goroutines, Channels: s.channels, Length: s.length, Mark: s.idle, Trace: s.trace,
		}
		if s.side != "" {
			js[i].Side, js[i].SidePerMinute, js[i].SideEvery = s.side, sideLimit*60, time.Second/sidePerSecond
		}
		if s.shared {
			js[i].Redis, js[i].Prefix, js[i].Replicas = redis, prefix, procs
		}
		if s.calls > 0 {
			// An equal part each; the first processes take what does not divide.
			js[i].Calls = s.calls / procs
			if i < s.calls%procs {
				js[i].Calls++
			}
		}
		if i == procs-1 {
			js[i].Idle = s.idle
		}
	}
	return js
}
