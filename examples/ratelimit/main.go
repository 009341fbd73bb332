// Command ratelimit runs bulk jobs through the client against a fake workspace that enforces a rate
// limit, and prints for each how close it came to the ideal time, how many 429s the server sent and how
// many calls failed.
//
// The server allows users.info 100 calls a second, as a token bucket with a burst of 10 or as a fixed
// window of 100 calls a second, and answers 429 with a whole-second Retry-After, as Slack does. Each job
// makes its calls from 8 goroutines per client; its efficiency is the ideal time, (calls − 10) / 100
// seconds, over the time it took. The scenarios are those a user meets:
//
//   - exact: the client is told the server's limit, WithMethodLimit("users.info", 6000, 10);
//   - twice: it is told twice the limit (12000, 20) and must learn the real one from 429s;
//   - four clients: four clients of one app (four processes of a bot) each told the exact limit, sharing
//     the server's budget without knowing of each other;
//   - limiter off: WithRateLimiting(false), the client only reacts to 429s.
//
// It always runs against the fake (served on a loopback port), since it needs a server whose limit is
// known. Every client keeps the default retry settings.
//
//	go run ./examples/ratelimit
//	go run ./examples/ratelimit -server window -scenario twice
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// The server's limit on users.info.
const (
	perSecond = 100
	burst     = 10
)

// A limit is how the fake enforces perSecond on users.info.
type limit struct {
	name string
	set  func(*slacktest.Server)
}

// limits are the fake's two ways of counting.
var limits = []limit{
	{"token bucket", func(s *slacktest.Server) { s.SetRateLimit("users.info", perSecond, burst) }},
	{"fixed window", func(s *slacktest.Server) { s.SetWindowLimit("users.info", perSecond, time.Second) }},
}

// A scenario is one bulk job: calls shared by clients, each made with opts, and the targets it must meet.
type scenario struct {
	name      string
	calls     int
	clients   int
	opts      []slack.Option
	minEff    float64 // the least efficiency that meets the target
	max429    int     // the most 429s that meet the target
	targetDoc string
}

// scenarios are the jobs, with their targets.
var scenarios = []scenario{
	{name: "exact", calls: 300, clients: 1, minEff: 0.95, max429: 0, targetDoc: "≥ 0.95, 0 × 429",
		opts: []slack.Option{slack.WithMethodLimit("users.info", perSecond*60, burst)}},
	{name: "twice", calls: 1500, clients: 1, minEff: 0.85, max429: 5, targetDoc: "≥ 0.85, ≤ 5 × 429",
		opts: []slack.Option{slack.WithMethodLimit("users.info", 2*perSecond*60, 2*burst)}},
	{name: "four clients", calls: 1500, clients: 4, minEff: 0.80, max429: 12, targetDoc: "≥ 0.80, ≤ 12 × 429",
		opts: []slack.Option{slack.WithMethodLimit("users.info", perSecond*60, burst)}},
	{name: "limiter off", calls: 1500, clients: 1, minEff: 0.41, max429: 190, targetDoc: "≥ 0.41, < 191 × 429",
		opts: []slack.Option{slack.WithRateLimiting(false)}},
}

// workers is how many goroutines each client makes its calls from.
const workers = 8

// ideal is the shortest time the server allows calls: its burst at once, the rest at its rate.
func ideal(calls int) time.Duration {
	return time.Duration(max(calls-burst, 0)) * time.Second / perSecond
}

// result is what one job measured.
type result struct {
	elapsed time.Duration
	sent429 int
	failed  int
}

// efficiency is the ideal time of calls over the time the job took.
func (r result) efficiency(calls int) float64 { return ideal(calls).Seconds() / r.elapsed.Seconds() }

func main() {
	only := flag.String("server", "", `run only on the fake's "bucket" or "window"`)
	which := flag.String("scenario", "", `run only one scenario: "exact", "twice", "four", "off"`)
	flag.Parse()
	var ls []limit
	for _, l := range limits {
		if strings.Contains(l.name, *only) {
			ls = append(ls, l)
		}
	}
	var ss []scenario
	for _, s := range scenarios {
		if strings.Contains(s.name, *which) {
			ss = append(ss, s)
		}
	}
	if len(ls) == 0 || len(ss) == 0 {
		fmt.Fprintln(os.Stderr, "usage: ratelimit [-server bucket|window] [-scenario exact|twice|four|off]")
		os.Exit(2)
	}
	if _, err := run(context.Background(), os.Stdout, ls, ss, slacktest.NewServer); err != nil {
		fmt.Fprintln(os.Stderr, "ratelimit:", err)
		os.Exit(1)
	}
}

// run runs every scenario on every limit, each against a new fake from newFake (over HTTP, or in
// memory, with jitter, if it is not started), prints a table, and returns the results in the order run.
func run(ctx context.Context, out io.Writer, ls []limit, ss []scenario, newFake func() *slacktest.Server) ([]result, error) {
	fmt.Fprintf(out, "users.info: the fake allows %d calls a second (burst %d); %d goroutines per client; default retries\n\n",
		perSecond, burst, workers)
	fmt.Fprintln(out, "| server | scenario | calls | ideal | elapsed | efficiency | 429s | failed | target | met |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|---|---|")
	var results []result
	for _, l := range ls {
		for _, s := range ss {
			r, err := runJob(ctx, l, s, newFake)
			if err != nil {
				return nil, err
			}
			results = append(results, r)
			met := "yes"
			if r.efficiency(s.calls) < s.minEff || r.sent429 > s.max429 || r.failed > 0 {
				met = "no"
			}
			fmt.Fprintf(out, "| %s | %s | %d | %s | %s | %.3f | %d | %d | %s | %s |\n", l.name, s.name, s.calls,
				ideal(s.calls), r.elapsed.Round(time.Millisecond), r.efficiency(s.calls), r.sent429, r.failed,
				s.targetDoc, met)
		}
	}
	return results, nil
}

// jitter delays each request by up to a millisecond at random, as a network would: in memory, calls
// would otherwise reach the fake in exactly the order and at exactly the times the clients chose.
type jitter struct{ next http.RoundTripper }

func (j jitter) RoundTrip(r *http.Request) (*http.Response, error) {
	time.Sleep(rand.N(time.Millisecond))
	return j.next.RoundTrip(r)
}

// runJob runs scenario s once against a new fake enforcing l.
func runJob(ctx context.Context, l limit, s scenario, newFake func() *slacktest.Server) (result, error) {
	fake := newFake()
	defer fake.Close()
	l.set(fake)
	opts := append([]slack.Option{slack.WithBaseURL(fake.URL())}, s.opts...)
	if fake.URL() == slacktest.InMemoryURL {
		opts = append(opts, slack.WithHTTPClient(&http.Client{Transport: jitter{fake}}))
	}
	// The clients share the token: they are processes of one app in one workspace.
	clients := make([]*slack.Client, s.clients)
	for i := range clients {
		c, err := slack.New(slacktest.BotToken, opts...)
		if err != nil {
			return result{}, err
		}
		clients[i] = c
	}
	users := []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID, slacktest.BotUserID}
	var next, failed atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for _, c := range clients {
		for range workers {
			wg.Go(func() {
				for i := next.Add(1) - 1; i < int64(s.calls); i = next.Add(1) - 1 {
					if _, err := c.Users.Info(ctx, users[i%int64(len(users))], nil); err != nil {
						failed.Add(1)
					}
				}
			})
		}
	}
	wg.Wait()
	return result{elapsed: time.Since(start), sent429: fake.Sent429s(), failed: int(failed.Load())}, nil
}
