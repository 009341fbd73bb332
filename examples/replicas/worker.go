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
}

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
	w := &worker{j: j, logs: newLogRecorder()}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 2 * j.Goroutines
	opts := []slack.Option{
		slack.WithBaseURL(j.BaseURL),
		slack.WithHTTPClient(&http.Client{Timeout: 30 * time.Second, Transport: transport}),
		slack.WithMethodLimit(j.Method, j.PerMinute, j.Burst),
		slack.WithLogger(slog.New(w.logs)),
	}
	if j.Redis != "" {
		rdb, err := newRedisClient(j.Redis)
		if err != nil {
			return nil, err
		}
		w.rdb = rdb
		rdb.AddHook(roundTrips{})
		store := redislimit.New(rdb, redislimit.WithPrefix(j.Prefix))
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
	var next atomic.Int64
	var wg sync.WaitGroup
	for range j.Goroutines {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if (j.Calls > 0 && i >= j.Calls) || (j.Length > 0 && ctx.Err() != nil) {
					return
				}
				var trips atomic.Int64
				ch, err := w.call(context.WithValue(ctx, tripsKey{}, &trips), i)
				at := time.Since(start)
				cut := j.Length > 0 && err != nil && (ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded))
				mu.Lock()
				if w.rdb != nil {
					if r.RoundTrips == nil {
						r.RoundTrips = map[int64]int{}
					}
					r.RoundTrips[trips.Load()]++
				}
				switch {
				case err == nil:
					r.Calls++
					r.End = max(r.End, at)
					if at < j.Mark {
						r.WhileIdle++
					}
					if ch != "" {
						c := r.Channels[ch]
						c.Calls++
						c.End = max(c.End, at)
						r.Channels[ch] = c
					}
				case cut:
					// The job's time is up: a call that would have been sent after it is not one of
					// its calls, and the goroutine makes no more.
				default:
					r.Failed++
					if len(r.Errors) < 3 {
						r.Errors = append(r.Errors, err.Error())
					}
				}
				mu.Unlock()
				if cut {
					return
				}
			}
		})
	}
	wg.Wait()
	r.Logs = w.logs.records()
	return r
}

// logRecorder is a slog.Handler that keeps the records at level Warn and above, as text.
type logRecorder struct {
	attrs []slog.Attr
	mu    *sync.Mutex // shared by the recorders WithAttrs returns
	kept  *[]string
}

// newLogRecorder returns a recorder that has kept nothing yet.
func newLogRecorder() *logRecorder { return &logRecorder{mu: &sync.Mutex{}, kept: &[]string{}} }

// Enabled reports whether the recorder keeps records at level.
func (h *logRecorder) Enabled(_ context.Context, level slog.Level) bool {
	return level >= slog.LevelWarn
}

// Handle keeps r as text: its message, then its attributes.
func (h *logRecorder) Handle(_ context.Context, r slog.Record) error {
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
	return &logRecorder{attrs: append(append([]slog.Attr(nil), h.attrs...), attrs...), mu: h.mu, kept: h.kept}
}

// WithGroup returns h: the recorder does not qualify attribute names.
func (h *logRecorder) WithGroup(string) slog.Handler { return h }

// records returns the records kept so far.
func (h *logRecorder) records() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), *h.kept...)
}

// tripsKey is the key of a call's context whose value, an *atomic.Int64, counts the call's round trips
// to Redis.
type tripsKey struct{}

// roundTrips is a redis.Hook that counts a call's round trips to Redis in its context (see tripsKey):
// each command, and each pipeline, sent; not those that set up a new connection, which are not a call's
// cost.
type roundTrips struct{}

// DialHook counts nothing.
func (roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook counts a command.
func (roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if n, ok := ctx.Value(tripsKey{}).(*atomic.Int64); ok && !setUp(cmd) {
			n.Add(1)
		}
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook counts a pipeline as one round trip.
func (roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if n, ok := ctx.Value(tripsKey{}).(*atomic.Int64); ok && !slices.ContainsFunc(cmds, setUp) {
			n.Add(1)
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
