// Command ratelimit runs a bulk job through the client against a fake workspace that enforces a rate
// limit, with the client's proactive limiter on and off, and prints how long each took against the
// ideal time and how many 429s the server sent.
//
// The job: 300 users.info calls from 8 goroutines; the fake allows 100 calls a second with a burst of
// 10, so the ideal time is (300 - 10) / 100 = 2.9s. With the limiter on, the client is told the server's
// rate (WithMethodLimit("users.info", 6000, 5): Slack's Tier 4 default of 100 a minute would be 60 times
// slower than this server allows); with it off, the client only reacts to 429s. It always runs against
// the fake (served on a loopback port), since it needs a server whose limit is known.
//
//	go run ./examples/ratelimit
//	go run ./examples/ratelimit -calls 600 -workers 16
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// job is the bulk job and the server's limit.
type job struct {
	calls, workers int
	perSecond      int // the server's rate, in calls a second
	burst          int // the server's burst
}

// ideal is the shortest time the server allows: the burst at once, the rest at the rate.
func (j job) ideal() time.Duration {
	return time.Duration(max(j.calls-j.burst, 0)) * time.Second / time.Duration(j.perSecond)
}

// result is what one run measured.
type result struct {
	elapsed time.Duration
	sent429 int
	failed  int
}

func main() {
	j := job{perSecond: 100, burst: 10}
	flag.IntVar(&j.calls, "calls", 300, "how many users.info calls")
	flag.IntVar(&j.workers, "workers", 8, "how many goroutines make them")
	flag.Parse()
	if j.calls < 1 || j.workers < 1 {
		fmt.Fprintln(os.Stderr, "usage: ratelimit [-calls N] [-workers N]")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Stdout, j, slacktest.NewServer); err != nil {
		fmt.Fprintln(os.Stderr, "ratelimit:", err)
		os.Exit(1)
	}
}

// run runs the job with the limiter on, then off, each against a new fake from newFake (over HTTP, or
// in memory if it is not started), and prints the figures.
func run(ctx context.Context, out io.Writer, j job, newFake func() *slacktest.Server) error {
	fmt.Fprintf(out, "users.info: %d calls from %d goroutines; the fake allows %d a second, burst %d\n",
		j.calls, j.workers, j.perSecond, j.burst)
	fmt.Fprintf(out, "ideal: %s ((%d - %d) / %d)\n", j.ideal(), j.calls, j.burst, j.perSecond)
	clientBurst := max(1, j.burst/2)
	for _, mode := range []struct {
		name string
		opt  slack.Option
	}{
		{fmt.Sprintf("limiter on (users.info at %d a minute, burst %d)", j.perSecond*60, clientBurst),
			slack.WithMethodLimit("users.info", j.perSecond*60, clientBurst)},
		{"limiter off (WithRateLimiting(false))", slack.WithRateLimiting(false)},
	} {
		r, err := runJob(ctx, j, newFake, mode.opt)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s: %s, %.3f× the ideal time, throughput %.3f of ideal, %d responses of 429, %d errors\n",
			mode.name, r.elapsed.Round(time.Millisecond), r.elapsed.Seconds()/j.ideal().Seconds(),
			j.ideal().Seconds()/r.elapsed.Seconds(), r.sent429, r.failed)
	}
	return nil
}

// runJob runs the job once against a new fake with a client made with opt.
func runJob(ctx context.Context, j job, newFake func() *slacktest.Server, opt slack.Option) (result, error) {
	fake := newFake()
	defer fake.Close()
	fake.SetRateLimit("users.info", float64(j.perSecond), j.burst)
	opts := []slack.Option{slack.WithBaseURL(fake.URL()), opt}
	if fake.URL() == slacktest.InMemoryURL {
		opts = append(opts, slack.WithHTTPClient(fake.HTTPClient()))
	}
	client, err := slack.New(slacktest.BotToken, opts...)
	if err != nil {
		return result{}, err
	}
	users := []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID, slacktest.BotUserID}
	var next, failed atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range j.workers {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(j.calls); i = next.Add(1) - 1 {
				if _, err := client.Users.Info(ctx, users[i%int64(len(users))], nil); err != nil {
					failed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return result{elapsed: time.Since(start), sent429: fake.Sent429s(), failed: int(failed.Load())}, nil
}
