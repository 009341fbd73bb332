package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/goslack/slack/slacktest"
)

// harness runs scenarios: a fake workspace in this process, workers in others.
type harness struct {
	worker []string // the command that starts a worker
	redis  string   // the Redis server the shared scenarios use
}

// runTimeout bounds one run of a scenario, workers included.
const runTimeout = 3 * time.Minute

// stage is what a scenario's act works on during a run.
type stage struct {
	fake   *slacktest.Server
	redis  string       // the address of the Redis server the workers share
	server *redisServer // that server, when the run started it (ownRedis); else nil
	prefix string       // the store's key prefix
	start  time.Time    // when the workers start
}

// run runs s once: a new fake enforcing s's limit, procs workers, s's act meanwhile, and for a shared
// scenario a look at what the run left in Redis.
func (h *harness) run(ctx context.Context, s scenario) (*outcome, error) {
	fake := slacktest.NewServer()
	defer fake.Close()
	rate, b := s.limit()
	fake.SetRateLimit(s.method, rate, b)

	st := &stage{fake: fake, redis: h.redis,
		prefix: fmt.Sprintf("goslack-replicas:%s:%s:", s.name, rand.Text()[:10])}
	if s.ownRedis {
		srv, err := startRedis(ctx)
		if err != nil {
			return nil, fmt.Errorf("starting a redis-server of its own: %w", err)
		}
		defer srv.stop()
		st.server, st.redis = srv, srv.addr
	}
	o := &outcome{s: s}
	actCtx, stopAct := context.WithCancel(ctx)
	defer stopAct()
	var acting sync.WaitGroup
	var actErr error
	reports, err := h.spawn(ctx, s.jobs(fake.URL(), st.redis, st.prefix), func(start time.Time) {
		o.begun = start
		if s.act == nil {
			return
		}
		st.start = start
		acting.Go(func() { actErr = s.act(actCtx, st, o) })
	})
	if err != nil {
		stopAct()
	}
	acting.Wait()
	if err != nil {
		return nil, err
	}
	if actErr != nil {
		return nil, fmt.Errorf("during the run: %w", actErr)
	}
	o.reports, o.sent429 = reports, fake.Sent429s()
	if s.act != nil {
		o.received = map[string][]time.Time{}
		for _, m := range []string{s.method, s.side} {
			if m == "" {
				continue
			}
			for _, r := range fake.Requests(m) {
				o.received[m] = append(o.received[m], r.Time)
			}
		}
	}
	if s.shared {
		if o.store, err = checkStore(ctx, st.redis, st.prefix, slacktest.BotToken); err != nil {
			return nil, fmt.Errorf("looking at the keys in Redis: %w", err)
		}
	}
	o.judge()
	return o, nil
}

// process is a running worker.
type process struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *json.Decoder
	stderr bytes.Buffer
}

// spawn starts a worker for each job, starts them all at once when all are ready, calls started with
// the moment they start at, and returns their reports in the order of jobs.
func (h *harness) spawn(ctx context.Context, jobs []job, started func(time.Time)) (reports []report, err error) {
	ctx, cancel := context.WithTimeout(ctx, runTimeout)
	defer cancel()
	ps := make([]*process, 0, len(jobs))
	defer func() {
		if err != nil {
			cancel() // the run failed: its workers are killed
		}
		for i, p := range ps {
			_ = p.in.Close()
			if werr := p.cmd.Wait(); werr != nil {
				err = errors.Join(err, fmt.Errorf("worker %d: %w %s", i+1, werr, strings.TrimSpace(p.stderr.String())))
			}
		}
	}()
	for _, j := range jobs {
		p := &process{cmd: exec.CommandContext(ctx, h.worker[0], h.worker[1:]...)}
		p.cmd.Stderr = &p.stderr
		p.cmd.WaitDelay = 5 * time.Second
		if p.in, err = p.cmd.StdinPipe(); err != nil {
			return nil, err
		}
		stdout, err := p.cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		p.out = json.NewDecoder(stdout)
		if err := p.cmd.Start(); err != nil {
			return nil, fmt.Errorf("starting a worker: %w", err)
		}
		ps = append(ps, p)
		if err := json.NewEncoder(p.in).Encode(j); err != nil {
			return nil, fmt.Errorf("worker %d: %w", j.Proc, err)
		}
	}
	for i, p := range ps {
		var hi hello
		if err := p.out.Decode(&hi); err != nil {
			return nil, fmt.Errorf("worker %d is not ready: %w", i+1, err)
		}
		if !hi.Ready {
			return nil, fmt.Errorf("worker %d is not ready: %s", i+1, hi.Error)
		}
	}
	// Every worker starts at the same moment, a little after all have been told.
	start := begin{Start: time.Now().Add(20 * time.Millisecond)}
	for i, p := range ps {
		if err := json.NewEncoder(p.in).Encode(start); err != nil {
			return nil, fmt.Errorf("worker %d: %w", i+1, err)
		}
	}
	started(start.Start)
	for i, p := range ps {
		var r report
		if err := p.out.Decode(&r); err != nil {
			return nil, fmt.Errorf("worker %d did not report: %w", i+1, err)
		}
		reports = append(reports, r)
	}
	return reports, nil
}
