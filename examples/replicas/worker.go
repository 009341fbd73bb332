package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/redislimit"
	"github.com/goslack/slack/slacktest"
	"github.com/redis/go-redis/v9"
)

// job is a worker's part of a scenario, which the parent writes to its standard input as a JSON line.
type job struct {
	Proc       int           `json:"proc"`
	BaseURL    string        `json:"base_url"`
	Method     string        `json:"method"`     // users.info or chat.postMessage
	PerMinute  int           `json:"per_minute"` // the method's limit, told the client
	Burst      int           `json:"burst"`
	Goroutines int           `json:"goroutines"`
	Calls      int           `json:"calls,omitempty"`    // how many calls to make; 0 for a timed job
	Channels   []string      `json:"channels,omitempty"` // chat.postMessage: where to post, in turn
	Length     time.Duration `json:"length,omitempty"`   // a timed job: how long to call from the start
	Idle       time.Duration `json:"idle,omitempty"`     // how long to wait after the start before the first call
	Mark       time.Duration `json:"mark,omitempty"`     // count the calls answered before this long after the start
	Redis      string        `json:"redis,omitempty"`    // the Redis server to share a store in; "" for none
	Prefix     string        `json:"prefix,omitempty"`   // the store's key prefix
	Replicas   int           `json:"replicas,omitempty"` // how many processes share the store

	// A second, light method called from one more goroutine, once every SideEvery (pause).
	Side          string        `json:"side,omitempty"`
	SidePerMinute int           `json:"side_per_minute,omitempty"` // its limit, told the client
	SideEvery     time.Duration `json:"side_every,omitempty"`

	// Trace makes the worker report each call (faults), and count the client's records of the store
	// failing and recovering.
	Trace bool `json:"trace,omitempty"`
}

// hello is the worker's first answer: ready to start, or why not.
type hello struct {
	Ready bool   `json:"ready,omitempty"`
	Error string `json:"error,omitempty"`
}

// begin is the parent's signal to start, at Start, which every worker of a run shares.
type begin struct {
	Start time.Time `json:"start"`
}

// report is what a worker measured, its last answer.
type report struct {
	Proc       int                      `json:"proc"`
	Calls      int                      `json:"calls"`                 // calls answered with ok
	Failed     int                      `json:"failed"`                // calls that failed (not those cut by a timed job's end)
	Errors     []string                 `json:"errors,omitempty"`      // the first few failures
	End        time.Duration            `json:"end"`                   // from the start to the last answer
	WhileIdle  int                      `json:"while_idle,omitempty"`  // calls answered before the job's Idle had passed
	Channels   map[string]channelReport `json:"channels,omitempty"`    // chat.postMessage: by channel
	Logs       []string                 `json:"logs,omitempty"`        // the client's records at level Warn and above
	RoundTrips map[int64]int            `json:"round_trips,omitempty"` // with a shared store: how many calls took each number of round trips to Redis
	SideCalls  int                      `json:"side_calls,omitempty"`  // calls of the job's Side method answered with ok

	// With a shared store: the longest one call spent in the store, all its store calls together, and
	// the longest one store call took.
	StoreMost     time.Duration `json:"store_most,omitempty"`
	StoreCallMost time.Duration `json:"store_call_most,omitempty"`

	// A traced job's calls, in the order answered, and when the client logged that the store failed
	// and that it recovered.
	Trace     []callTrace `json:"trace,omitempty"`
	Degraded  []time.Time `json:"degraded,omitempty"`
	Recovered []time.Time `json:"recovered,omitempty"`
	Limited   []time.Time `json:"limited,omitempty"` // when the client logged that a call drew a 429
}

// callTrace is one call of a traced job.
type callTrace struct {
	At    time.Time     `json:"at"`    // when it was answered (or failed)
	Trips int64         `json:"trips"` // its round trips to Redis
	Store time.Duration `json:"store"` // how long it spent in the store
}

// The client's records of its store failing and recovering.
const (
	msgDegraded  = "slack: rate-limit store failed; pacing in process"
	msgRecovered = "slack: rate-limit store recovered; sharing its budget again"
	msgLimited   = "slack: rate limited, retrying"
)

// channelReport is what a worker measured in one channel.
type channelReport struct {
	Calls int           `json:"calls"`
	End   time.Duration `json:"end"`
}

// workerMain is a worker process: it reads its job from in, sets up its client, says it is ready, and
// at the parent's signal makes its calls and writes its report to out. It returns the exit code.
func workerMain(in io.Reader, out io.Writer) int {
	dec, enc := json.NewDecoder(in), json.NewEncoder(out)
	var j job
	if err := dec.Decode(&j); err != nil {
		fmt.Fprintln(os.Stderr, "replicas worker: reading the job:", err)
		return 1
	}
	w, err := newWorker(j)
	if err != nil {
		_ = enc.Encode(hello{Error: err.Error()})
		return 1
	}
	defer w.close()
	if err := enc.Encode(hello{Ready: true}); err != nil {
		return 1
	}
	var b begin
	if err := dec.Decode(&b); err != nil {
		fmt.Fprintln(os.Stderr, "replicas worker: waiting for the start:", err)
		return 1
	}
	if err := enc.Encode(w.work(b.Start)); err != nil {
		return 1
	}
	return 0
}

// worker is one process's client, set up for its job.
type worker struct {
	j      job
	client *slack.Client
	rdb    *redis.Client // nil without a shared store
	logs   *logRecorder
}

// newWorker builds j's client: told the method's limit, with a store shared in Redis if j names one.
// It makes one call of another method (team.info) first: a client sharing a store learns its workspace
// from auth.test at its first call, which is thus not one of the job's calls.
func newWorker(j job) (*worker, error) {
	w := &worker{j: j, logs: newLogRecorder(j.Trace)}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 2 * j.Goroutines
	opts := []slack.Option{
		slack.WithBaseURL(j.BaseURL),
		slack.WithHTTPClient(&http.Client{Timeout: 30 * time.Second, Transport: transport}),
		slack.WithMethodLimit(j.Method, j.PerMinute, j.Burst),
		slack.WithLogger(slog.New(w.logs)),
	}
	if j.Side != "" {
		opts = append(opts, slack.WithMethodLimit(j.Side, j.SidePerMinute, 1))
	}
	if j.Redis != "" {
		rdb, err := newRedisClient(j.Redis)
		if err != nil {
			return nil, err
		}
		w.rdb = rdb
		rdb.AddHook(roundTrips{})
		store := timedStore{redislimit.New(rdb, redislimit.WithPrefix(j.Prefix))}
		opts = append(opts, slack.WithLimitStore(store), slack.WithExpectedReplicas(j.Replicas))
	}
	c, err := slack.New(slacktest.BotToken, opts...)
	if err != nil {
		w.close()
		return nil, err
	}
	w.client = c
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Team.Info(ctx, nil); err != nil {
		w.close()
		return nil, fmt.Errorf("team.info: %w", err)
	}
	return w, nil
}

// close releases the worker's connections.
func (w *worker) close() {
	if w.rdb != nil {
		_ = w.rdb.Close()
	}
}

// users are the users whose users.info the workers ask for, in turn.
var users = []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID, slacktest.BotUserID}

// call makes the job's i-th call, and returns the channel it posted to, if any.
func (w *worker) call(ctx context.Context, i int) (string, error) {
	if w.j.Method == "chat.postMessage" {
		ch := w.j.Channels[i%len(w.j.Channels)]
		_, err := w.client.Chat.PostMessage(ctx, ch, &slack.ChatPostMessageParams{
			Text: fmt.Sprintf("message %d from process %d", i+1, w.j.Proc)})
		return ch, err
	}
	_, err := w.client.Users.Info(ctx, users[i%len(users)], nil)
	return "", err
}

// work makes the job's calls from its goroutines, from start (and its Idle later), and returns what it
// measured.
func (w *worker) work(start time.Time) report {
	j := w.j
	ctx := context.Background()
	if j.Length > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, start.Add(j.Length))
		defer cancel()
	}
	time.Sleep(time.Until(start.Add(j.Idle)))

	r := report{Proc: j.Proc}
	if j.Channels != nil {
		r.Channels = map[string]channelReport{}
	}
	var mu sync.Mutex
	// done counts a call that ended at at with err: it reports whether the job's time is up, in which
	// case the goroutine makes no more.
	done := func(stats *callStats, ch string, side bool, at time.Time, err error) (cut bool) {
		cut = j.Length > 0 && err != nil && (ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded))
		since := at.Sub(start)
		mu.Lock()
		defer mu.Unlock()
		if w.rdb != nil {
			if r.RoundTrips == nil {
				r.RoundTrips = map[int64]int{}
			}
			r.RoundTrips[stats.trips.Load()]++
			r.StoreMost = max(r.StoreMost, time.Duration(stats.store.Load()))
			r.StoreCallMost = max(r.StoreCallMost, time.Duration(stats.longest.Load()))
			if j.Trace {
				r.Trace = append(r.Trace, callTrace{At: at, Trips: stats.trips.Load(), Store: time.Duration(stats.store.Load())})
			}
		}
		switch {
		case err == nil && side:
			r.SideCalls++
		case err == nil:
			r.Calls++
			r.End = max(r.End, since)
			if since < j.Mark {
				r.WhileIdle++
			}
			if ch != "" {
				c := r.Channels[ch]
				c.Calls++
				c.End = max(c.End, since)
				r.Channels[ch] = c
			}
		case cut:
			// The job's time is up: a call that would have been sent after it is not one of its
			// calls.
		default:
			r.Failed++
			if len(r.Errors) < 3 {
				r.Errors = append(r.Errors, err.Error())
			}
		}
		return cut
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range j.Goroutines {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if (j.Calls > 0 && i >= j.Calls) || (j.Length > 0 && ctx.Err() != nil) {
					return
				}
				stats := &callStats{}
				ch, err := w.call(context.WithValue(ctx, callKey{}, stats), i)
				if done(stats, ch, false, time.Now(), err) {
					return
				}
			}
		})
	}
	if j.Side != "" && j.Length > 0 {
		wg.Go(func() {
			tick := time.NewTicker(j.SideEvery)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
				stats := &callStats{}
				_, err := w.client.Conversations.Info(context.WithValue(ctx, callKey{}, stats), slacktest.GeneralID, nil)
				if done(stats, "", true, time.Now(), err) {
					return
				}
			}
		})
	}
	wg.Wait()
	r.Logs = w.logs.records()
	r.Degraded, r.Recovered, r.Limited = w.logs.times(msgDegraded), w.logs.times(msgRecovered), w.logs.times(msgLimited)
	return r
}

// logRecorder is a slog.Handler that keeps the records at level Warn and above, as text; one that
// watches the store also keeps when the client logged that the store failed and that it recovered (an
// Info record).
type logRecorder struct {
	attrs []slog.Attr
	store bool        // watch the store's records
	mu    *sync.Mutex // shared by the recorders WithAttrs returns
	kept  *[]string
	at    map[string][]time.Time // the times of the store's records, by message
}

// newLogRecorder returns a recorder that has kept nothing yet; with store, one that watches the store's
// records.
func newLogRecorder(store bool) *logRecorder {
	return &logRecorder{store: store, mu: &sync.Mutex{}, kept: &[]string{}, at: map[string][]time.Time{}}
}

// Enabled reports whether the recorder handles records at level.
func (h *logRecorder) Enabled(_ context.Context, level slog.Level) bool {
	return level >= slog.LevelWarn || (h.store && level >= slog.LevelInfo)
}

// Handle keeps r's time if it is one of the store's records, and r as text if its level is Warn or
// above: its message, then its attributes.
func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
	if r.Message == msgDegraded || r.Message == msgRecovered || r.Message == msgLimited {
		h.mu.Lock()
		h.at[r.Message] = append(h.at[r.Message], r.Time)
		h.mu.Unlock()
	}
	if r.Level < slog.LevelWarn {
		return nil
	}
	var b strings.Builder
	b.WriteString(r.Message)
	for _, a := range h.attrs {
		fmt.Fprintf(&b, " %s", a)
	}
	r.Attrs(func(a slog.Attr) bool {
		fmt.Fprintf(&b, " %s", a)
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	*h.kept = append(*h.kept, b.String())
	return nil
}

// WithAttrs returns a recorder that adds attrs to each record, keeping records with h.
func (h *logRecorder) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &logRecorder{attrs: append(append([]slog.Attr(nil), h.attrs...), attrs...), store: h.store, mu: h.mu, kept: h.kept, at: h.at}
}

// WithGroup returns h: the recorder does not qualify attribute names.
func (h *logRecorder) WithGroup(string) slog.Handler { return h }

// records returns the records kept so far.
func (h *logRecorder) records() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), *h.kept...)
}

// times returns when the client logged the store's record msg.
func (h *logRecorder) times(msg string) []time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Time(nil), h.at[msg]...)
}

// callKey is the key of a call's context whose value, a *callStats, counts what the call cost in Redis.
type callKey struct{}

// callStats is what one Slack call cost in Redis.
type callStats struct {
	trips   atomic.Int64 // round trips
	store   atomic.Int64 // the time it spent in the store's methods, in nanoseconds
	longest atomic.Int64 // the longest of those methods' calls, in nanoseconds
}

// timedStore is a slack.LimitStore that measures the time each Slack call spends in the store it wraps,
// in its context's callStats: from when the client calls one of the store's methods until it returns,
// which is what the store adds to the call's latency (the client stops waiting for it at its store
// timeout, even when Redis answers later).
type timedStore struct{ inner slack.LimitStore }

// Reserve books a slot in the inner store.
func (s timedStore) Reserve(ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
	defer spent(ctx, time.Now())
	return s.inner.Reserve(ctx, key, limit, maxWait)
}

// Pause records a pause in the inner store.
func (s timedStore) Pause(ctx context.Context, key string, d time.Duration) error {
	defer spent(ctx, time.Now())
	return s.inner.Pause(ctx, key, d)
}

// Paused reads a pause in the inner store.
func (s timedStore) Paused(ctx context.Context, key string) (slack.PauseState, error) {
	defer spent(ctx, time.Now())
	return s.inner.Paused(ctx, key)
}

// spent adds the time since start to the call's callStats, if its context has one.
func spent(ctx context.Context, start time.Time) {
	d := int64(time.Since(start))
	c, ok := ctx.Value(callKey{}).(*callStats)
	if !ok {
		return
	}
	c.store.Add(d)
	for {
		old := c.longest.Load()
		if d <= old || c.longest.CompareAndSwap(old, d) {
			return
		}
	}
}

// roundTrips is a redis.Hook that counts a call's round trips to Redis in its context (see callKey):
// each command, and each pipeline, sent; not those that set up a new connection, which are not a call's
// cost.
type roundTrips struct{}

// DialHook counts nothing.
func (roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook counts a command.
func (roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if c, ok := ctx.Value(callKey{}).(*callStats); ok && !setUp(cmd) {
			c.trips.Add(1)
		}
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook counts a pipeline as one round trip.
func (roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if c, ok := ctx.Value(callKey{}).(*callStats); ok && !slices.ContainsFunc(cmds, setUp) {
			c.trips.Add(1)
		}
		return next(ctx, cmds)
	}
}

// setUp reports whether cmd is one that go-redis sends to set up a new connection.
func setUp(cmd redis.Cmder) bool {
	switch cmd.Name() {
	case "hello", "client", "auth", "select", "readonly":
		return true
	}
	return false
}
