package redislimit_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/redislimit"
	"github.com/goslack/slack/slacktest"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The client-level tests run several slack.Clients with the same token, each with its own go-redis
// client as separate processes would have, against one fake workspace served over loopback HTTP.

const (
	msgDegraded  = "slack: rate-limit store failed; pacing in process"
	msgRecovered = "slack: rate-limit store recovered; sharing its budget again"
)

// callKey marks a Slack call's context with an ID, which the store calls and Redis commands made for
// the call carry along, so that they can be counted per call.
type callKey struct{}

var callIDs atomic.Int64

func callCtx(parent context.Context) context.Context {
	return context.WithValue(parent, callKey{}, callIDs.Add(1))
}

func callID(ctx context.Context) int64 {
	id, _ := ctx.Value(callKey{}).(int64)
	return id
}

// commands counts the commands a go-redis client sends: by name, and by Slack call.
type commands struct {
	mu     sync.Mutex
	byName map[string]int
	byCall map[int64]int
}

func countCommands(rdb *redis.Client) *commands {
	c := &commands{byName: map[string]int{}, byCall: map[int64]int{}}
	rdb.AddHook(c)
	return c
}

func (c *commands) add(ctx context.Context, cmds ...redis.Cmder) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, cmd := range cmds {
		c.byName[cmd.Name()]++
	}
	if name := cmds[0].Name(); name == "hello" || name == "client" {
		return // the handshake of a new pooled connection, once per connection
	}
	if id := callID(ctx); id != 0 {
		c.byCall[id]++ // one round trip, however many commands
	}
}

// DialHook leaves dialing alone.
func (c *commands) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook counts a command.
func (c *commands) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.add(ctx, cmd)
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook counts a pipeline's commands.
func (c *commands) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.add(ctx, cmds...)
		return next(ctx, cmds)
	}
}

// take returns the counts by name so far and starts again.
func (c *commands) take() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.byName
	c.byName = map[string]int{}
	return n
}

// calls returns the round trips of each Slack call so far and starts again.
func (c *commands) calls() map[int64]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.byCall
	c.byCall = map[int64]int{}
	return n
}

// timedStore is a LimitStore that measures the time each Slack call spends in the store it wraps.
type timedStore struct {
	inner slack.LimitStore

	mu     sync.Mutex
	byCall map[int64]time.Duration
	calls  int
	pauses []pauseCall
}

// pauseCall is a call of Pause, and when it began and returned.
type pauseCall struct {
	key           string
	d             time.Duration
	before, after time.Time
}

func (s *timedStore) record(ctx context.Context, start time.Time) {
	d := time.Since(start)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byCall == nil {
		s.byCall = map[int64]time.Duration{}
	}
	s.byCall[callID(ctx)] += d
	s.calls++
}

func (s *timedStore) Reserve(ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
	defer s.record(ctx, time.Now())
	return s.inner.Reserve(ctx, key, limit, maxWait)
}

func (s *timedStore) Pause(ctx context.Context, key string, d time.Duration) error {
	start := time.Now()
	defer s.record(ctx, start)
	err := s.inner.Pause(ctx, key, d)
	s.mu.Lock()
	s.pauses = append(s.pauses, pauseCall{key: key, d: d, before: start, after: time.Now()})
	s.mu.Unlock()
	return err
}

func (s *timedStore) Paused(ctx context.Context, key string) (slack.PauseState, error) {
	defer s.record(ctx, time.Now())
	return s.inner.Paused(ctx, key)
}

// count returns how many store calls there were.
func (s *timedStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// slowest returns the longest time one Slack call spent in the store.
func (s *timedStore) slowest() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	var most time.Duration
	for _, d := range s.byCall {
		most = max(most, d)
	}
	return most
}

// logRecords is a slog.Handler that keeps every record.
type logRecords struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (h *logRecords) Enabled(context.Context, slog.Level) bool { return true }
func (h *logRecords) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.recs = append(h.recs, r.Clone())
	return nil
}
func (h *logRecords) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *logRecords) WithGroup(string) slog.Handler      { return h }

// count returns how many records have the message msg, and checks their level.
func (h *logRecords) count(msg string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, r := range h.recs {
		if r.Message == msg {
			n++
		}
	}
	return n
}

// text prints every record, attributes included.
func (h *logRecords) text() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var b strings.Builder
	for _, r := range h.recs {
		fmt.Fprintf(&b, "%s %s", r.Level, r.Message)
		r.Attrs(func(a slog.Attr) bool {
			fmt.Fprintf(&b, " %s=%v", a.Key, a.Value)
			return true
		})
		b.WriteByte('\n')
	}
	return b.String()
}

// proc is one process of an app: a slack.Client on its own go-redis client, with its logs, its Redis
// commands and the time its calls spend in the store.
type proc struct {
	client *slack.Client
	rdb    *redis.Client
	cmds   *commands
	logs   *logRecords
	store  *timedStore
}

func newProc(t testing.TB, srv *slacktest.Server, ropts *redis.Options, prefix string, opts ...slack.Option) *proc {
	t.Helper()
	p := &proc{rdb: newClient(t, ropts), logs: &logRecords{}}
	p.cmds = countCommands(p.rdb)
	p.store = &timedStore{inner: redislimit.New(p.rdb, redislimit.WithPrefix(prefix))}
	all := append([]slack.Option{slack.WithBaseURL(srv.URL()), slack.WithLimitStore(p.store),
		slack.WithLogger(slog.New(p.logs))}, opts...)
	c, err := slack.New(slacktest.BotToken, all...)
	require.NoError(t, err)
	p.client = c
	return p
}

// newWorkspace starts a fake workspace on a loopback port.
func newWorkspace(t testing.TB) *slacktest.Server {
	srv := slacktest.NewServer()
	t.Cleanup(srv.Close)
	return srv
}

// load runs calls in goroutines until halted, and collects their errors.
type load struct {
	wg     sync.WaitGroup
	stop   chan struct{}
	ctx    context.Context // cancelled by halt
	cancel context.CancelFunc
	mu     sync.Mutex
	errs   []error
	done   []int64 // the IDs of the calls that finished
	calls  atomic.Int64
}

func newLoad() *load {
	ctx, cancel := context.WithCancel(context.Background())
	return &load{stop: make(chan struct{}), ctx: ctx, cancel: cancel}
}

// run calls f in a loop from n goroutines.
func (l *load) run(n int, f func(ctx context.Context) error) {
	for range n {
		l.wg.Go(func() {
			for {
				select {
				case <-l.stop:
					return
				default:
				}
				ctx, cancel := context.WithTimeout(callCtx(l.ctx), time.Minute)
				err := f(ctx)
				cancel()
				if l.ctx.Err() != nil {
					return // halted: the call did not finish
				}
				l.calls.Add(1)
				l.mu.Lock()
				l.done = append(l.done, callID(ctx))
				if err != nil {
					l.errs = append(l.errs, err)
				}
				l.mu.Unlock()
			}
		})
	}
}

// halt stops the calls, cancels those under way, and returns the errors of the others.
func (l *load) halt() []error {
	close(l.stop)
	l.cancel()
	l.wg.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.errs
}

func usersInfo(p *proc, user string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		_, err := p.client.Users.Info(ctx, user, nil)
		return err
	}
}

func conversationsInfo(p *proc) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		_, err := p.client.Conversations.Info(ctx, slacktest.GeneralID, nil)
		return err
	}
}

// requestsBetween returns the requests of reqs received in [from, to).
func requestsBetween(reqs []slacktest.Request, from, to time.Time) []slacktest.Request {
	var out []slacktest.Request
	for _, r := range reqs {
		if !r.Time.Before(from) && r.Time.Before(to) {
			out = append(out, r)
		}
	}
	return out
}

// waitFor polls cond until it holds, failing the test after limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", limit, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSharedPause(t *testing.T) {
	ropts := needRedis(t)
	srv := newWorkspace(t)
	// The workspace allows 10 users.info a second; the clients are told so, and pace a little under.
	srv.SetRateLimit("users.info", 10, 10)
	opts := []slack.Option{slack.WithMethodLimit("users.info", 600, 10), slack.WithMethodLimit("conversations.info", 600, 10)}
	interval := 100 * time.Millisecond * 100 / 99
	prefix := uniquePrefix(t)
	procs := []*proc{newProc(t, srv, ropts, prefix, opts...), newProc(t, srv, ropts, prefix, opts...), newProc(t, srv, ropts, prefix, opts...)}
	for _, p := range procs {
		require.NoError(t, conversationsInfo(p)(ctx(t))) // learns the workspace
	}
	// Nine callers of users.info against a budget of ten a second: each process has slots booked ahead.
	l := newLoad()
	for _, p := range procs {
		l.run(3, usersInfo(p, slacktest.AliceID))
		l.run(1, conversationsInfo(p))
	}
	time.Sleep(700 * time.Millisecond)
	// The next users.info is answered after 900 ms with a 429 and Retry-After: 1; the one after it at
	// once with Retry-After: 2. The shorter pause comes second, and would end 100 ms or more sooner.
	slow := slacktest.RateLimited("1")
	slow.Delay = 900 * time.Millisecond
	srv.Inject("users.info", slow, slacktest.RateLimited("2"))
	var long, short pauseCall
	waitFor(t, 10*time.Second, "both 429s", func() bool {
		long, short = pauseOf(procs, 2*time.Second), pauseOf(procs, time.Second)
		return !long.after.IsZero() && !short.after.IsZero()
	})
	require.True(t, short.before.After(long.after), "the shorter Retry-After was recorded after the longer: %v, %v", short, long)
	end := long.before.Add(2 * time.Second)
	time.Sleep(time.Until(end.Add(2 * time.Second)))
	require.Empty(t, l.halt())

	// No process sends users.info from when the pause was recorded until it ends: not the callers whose
	// slots were booked before it (the check before sending voids them), nor after the shorter one.
	reqs := srv.Requests("users.info")
	assert.Empty(t, requestsBetween(reqs, long.after, end), "users.info sent during the pause of 2 s from %s", long.after.Format(time.StampMilli))
	assert.NotEmpty(t, requestsBetween(reqs, long.before.Add(-500*time.Millisecond), long.before), "users.info flowed before the pause")
	// Another method keeps flowing.
	assert.GreaterOrEqual(t, len(requestsBetween(srv.Requests("conversations.info"), long.after, end)), 5, "conversations.info during the pause")
	// Sends resume at the paced rate, one slot at a time from the pause's end, whatever burst each process
	// asks for (those that did not learn a lower rate from the 429s ask for 5); not the nine waiting
	// callers at once.
	after := requestsBetween(reqs, end, end.Add(1500*time.Millisecond))
	require.GreaterOrEqual(t, len(after), 7, "users.info in the 1.5 s after the pause")
	assert.Less(t, after[0].Time.Sub(end), 200*time.Millisecond, "the first users.info after the pause")
	for k, r := range after {
		earliest := end.Add(time.Duration(k)*interval - 30*time.Millisecond)
		assert.False(t, r.Time.Before(earliest), "users.info %d after the pause came %v after its end", k+1, r.Time.Sub(end))
	}
	assert.Zero(t, srv.Sent429s(), "429s from the workspace's own limit")
	for _, p := range procs {
		assert.Zero(t, p.logs.count(msgDegraded), p.logs.text())
	}
}

// pauseOf returns the call of Pause for d the processes made, if any.
func pauseOf(procs []*proc, d time.Duration) pauseCall {
	for _, p := range procs {
		p.store.mu.Lock()
		for _, c := range p.store.pauses {
			if c.d == d {
				p.store.mu.Unlock()
				return c
			}
		}
		p.store.mu.Unlock()
	}
	return pauseCall{}
}

func TestDeadlineRefusalBooksNoSlot(t *testing.T) {
	ropts := needRedis(t)
	srv := newWorkspace(t)
	// One users.info a second (a little under), no burst: every slot is exact.
	opts := []slack.Option{slack.WithMethodLimit("users.info", 60, 1)}
	prefix := uniquePrefix(t)
	p1, p2 := newProc(t, srv, ropts, prefix, opts...), newProc(t, srv, ropts, prefix, opts...)
	for _, p := range []*proc{p1, p2} {
		require.NoError(t, conversationsInfo(p)(ctx(t))) // learns the workspace
	}
	interval := time.Second * 100 / 99 // paced at 0.99 of the limit

	require.NoError(t, usersInfo(p1, slacktest.AliceID)(ctx(t)))
	var second error
	var wg sync.WaitGroup
	booked := p1.store.count()
	wg.Go(func() { second = usersInfo(p1, slacktest.BobID)(ctx(t)) }) // waits one interval
	waitFor(t, time.Second, "the second call to book its slot", func() bool { return p1.store.count() > booked })

	// The next slot is two intervals away: a caller with 300 ms left fails at once, sending nothing.
	short, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := usersInfo(p2, slacktest.CarolID)(short)
	took := time.Since(start)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NoError(t, short.Err(), "it failed before its deadline")
	assert.Less(t, took, 150*time.Millisecond)

	// It booked nothing: the next caller gets the slot two intervals after the first call, not three.
	require.NoError(t, usersInfo(p2, slacktest.CarolID)(ctx(t)))
	wg.Wait()
	require.NoError(t, second)
	reqs := srv.Requests("users.info")
	require.Len(t, reqs, 3)
	assert.Equal(t, []string{slacktest.AliceID, slacktest.BobID, slacktest.CarolID},
		[]string{reqs[0].Form.Get("user"), reqs[1].Form.Get("user"), reqs[2].Form.Get("user")})
	gap := reqs[2].Time.Sub(reqs[0].Time)
	assert.GreaterOrEqual(t, gap, 2*interval-20*time.Millisecond)
	assert.Less(t, gap, 2*interval+300*time.Millisecond)
}

func TestAtMostTwoRoundTripsPerCall(t *testing.T) {
	ropts := needRedis(t)
	srv := newWorkspace(t)
	srv.SetRateLimit("users.info", 50, 10)
	opts := []slack.Option{slack.WithMethodLimit("users.info", 3000, 10)}
	prefix := uniquePrefix(t)
	procs := []*proc{newProc(t, srv, ropts, prefix, opts...), newProc(t, srv, ropts, prefix, opts...)}
	for _, p := range procs {
		require.NoError(t, conversationsInfo(p)(ctx(t))) // learns the workspace, loads the scripts
		p.cmds.calls()
	}
	// Three callers a process, against a shared 50 a second: most calls wait for a slot, and so check
	// the pause before sending.
	l := newLoad()
	for _, p := range procs {
		l.run(3, usersInfo(p, slacktest.AliceID))
	}
	time.Sleep(2 * time.Second)
	require.Empty(t, l.halt())
	byCall := map[int64]int{}
	for _, p := range procs {
		for id, n := range p.cmds.calls() {
			byCall[id] += n
		}
	}
	calls, trips, most, waited := len(l.done), 0, 0, 0
	for _, id := range l.done {
		n := byCall[id]
		assert.Positive(t, n, "call %d reached Redis", id)
		trips += n
		most = max(most, n)
		if n == 2 {
			waited++
		}
	}
	assert.LessOrEqual(t, most, 2, "round trips of one call")
	assert.Greater(t, waited, calls/2, "calls that waited for their slot")
	assert.Zero(t, srv.Sent429s())
	t.Logf("%d calls, %d Redis round trips (%.2f a call; %d calls waited and checked the pause)", calls, trips, float64(trips)/float64(calls), waited)
}

// faultRun runs two processes (told they are two) against their own redis-server, with calls going
// on throughout; disrupt breaks Redis and mends it. It checks that no call failed, that no call spent
// longer in the store than its timeout (and some scheduling slack), and returns the processes.
func faultRun(t *testing.T, disrupt func(t *testing.T, srv *server, procs []*proc)) (*server, []*proc) {
	rs := ownServer(t)
	srv := newWorkspace(t)
	opts := []slack.Option{slack.WithMethodLimit("users.info", 1200, 10), slack.WithExpectedReplicas(2)}
	prefix := uniquePrefix(t)
	procs := []*proc{newProc(t, srv, rs.options(), prefix, opts...), newProc(t, srv, rs.options(), prefix, opts...)}
	l := newLoad()
	for _, p := range procs {
		l.run(2, usersInfo(p, slacktest.AliceID))
	}
	time.Sleep(time.Second)
	disrupt(t, rs, procs)
	for _, p := range procs {
		p.cmds.take()
	}
	time.Sleep(time.Second)
	require.Empty(t, l.halt(), "no Slack call fails")
	require.Positive(t, l.calls.Load())
	for i, p := range procs {
		// The calls go through Redis again.
		assert.Positive(t, p.cmds.take()["evalsha"], "process %d: store calls after recovery", i)
		slowest := p.store.slowest()
		assert.LessOrEqual(t, slowest, slack.DefaultLimitStoreTimeout+100*time.Millisecond, "process %d: the longest a call spent in the store", i)
		t.Logf("process %d: at most %v in the store for one call", i, slowest)
	}
	keys, err := newClient(t, rs.options()).Keys(ctx(t), prefix+"*").Result()
	require.NoError(t, err)
	assert.NotEmpty(t, keys, "keys in Redis after recovery")
	return rs, procs
}

// degradedOnce waits until every process has logged that the store failed.
func degradedOnce(t *testing.T, procs []*proc) {
	waitFor(t, 10*time.Second, "every process to log the store's failure", func() bool {
		for _, p := range procs {
			if p.logs.count(msgDegraded) == 0 {
				return false
			}
		}
		return true
	})
}

// recoveredOnce waits until every process has logged that the store is back.
func recoveredOnce(t *testing.T, procs []*proc) {
	waitFor(t, 10*time.Second, "every process to log the store's recovery", func() bool {
		for _, p := range procs {
			if p.logs.count(msgRecovered) == 0 {
				return false
			}
		}
		return true
	})
}

// oneRecordEach checks that each process logged exactly one failure and one recovery.
func oneRecordEach(t *testing.T, procs []*proc) {
	for i, p := range procs {
		assert.Equal(t, 1, p.logs.count(msgDegraded), "process %d: records of the store failing\n%s", i, p.logs.text())
		assert.Equal(t, 1, p.logs.count(msgRecovered), "process %d: records of the store recovering\n%s", i, p.logs.text())
	}
}

func TestFaultRedisKilled(t *testing.T) {
	_, procs := faultRun(t, func(t *testing.T, rs *server, procs []*proc) {
		rs.kill()
		degradedOnce(t, procs)
		time.Sleep(time.Second)
		require.NoError(t, rs.start())
		recoveredOnce(t, procs)
	})
	oneRecordEach(t, procs)
}

func TestFaultRedisPaused(t *testing.T) {
	_, procs := faultRun(t, func(t *testing.T, rs *server, procs []*proc) {
		admin := newClient(t, rs.options())
		require.NoError(t, admin.Do(ctx(t), "CLIENT", "PAUSE", 2000, "ALL").Err())
		degradedOnce(t, procs)
		recoveredOnce(t, procs)
	})
	oneRecordEach(t, procs)
}

func TestFaultRedisRestarted(t *testing.T) {
	_, procs := faultRun(t, func(t *testing.T, rs *server, procs []*proc) {
		rs.stop()
		degradedOnce(t, procs)
		require.NoError(t, rs.start())
		recoveredOnce(t, procs)
	})
	oneRecordEach(t, procs)
}

func TestFaultScriptFlush(t *testing.T) {
	_, procs := faultRun(t, func(t *testing.T, rs *server, procs []*proc) {
		admin := newClient(t, rs.options())
		for _, p := range procs {
			p.cmds.take()
		}
		require.NoError(t, admin.ScriptFlush(ctx(t)).Err())
		time.Sleep(500 * time.Millisecond)
		evals := 0
		for _, p := range procs {
			evals += p.cmds.take()["eval"]
		}
		assert.Positive(t, evals, "scripts sent again after SCRIPT FLUSH (by the first process to find them gone)")
	})
	for i, p := range procs {
		assert.Zero(t, p.logs.count(msgDegraded), "process %d\n%s", i, p.logs.text())
		assert.Zero(t, p.logs.count(msgRecovered), "process %d", i)
	}
}

func TestHygiene(t *testing.T) {
	rs := ownServer(t)
	srv := newWorkspace(t)
	prefix := "goslack:hygiene:"
	opts := []slack.Option{slack.WithMethodLimit("users.info", 600, 10)}
	procs := []*proc{newProc(t, srv, rs.options(), prefix, opts...), newProc(t, srv, rs.options(), prefix, opts...)}
	srv.Inject("users.info", slacktest.RateLimited("1")) // a pause key
	l := newLoad()
	for _, p := range procs {
		l.run(1, usersInfo(p, slacktest.AliceID))
		l.run(1, func(ctx context.Context) error {
			_, err := p.client.Chat.PostMessage(ctx, slacktest.RandomID, &slack.ChatPostMessageParams{Text: "hi"})
			return err
		})
		l.run(1, func(ctx context.Context) error {
			_, err := p.client.Auth.Test(ctx)
			return err
		})
	}
	time.Sleep(2 * time.Second)
	require.Empty(t, l.halt())

	rdb := newClient(t, rs.options())
	c := ctx(t)
	var keys []string
	iter := rdb.Scan(c, 0, "*", 100).Iterator()
	for iter.Next(c) {
		keys = append(keys, iter.Val())
	}
	require.NoError(t, iter.Err())
	token := slacktest.BotToken
	assert.Contains(t, keys, prefix+"{"+slacktest.TeamID+":users.info}")
	assert.Contains(t, keys, prefix+"{"+slacktest.TeamID+":chat.postMessage:"+slacktest.RandomID+"}")
	for _, k := range keys {
		assert.True(t, strings.HasPrefix(k, prefix+"{"), "key %q has the prefix", k)
		assert.True(t, strings.HasSuffix(k, "}"), "key %q ends its hash tag", k)
		assert.NotContains(t, k, token)
		assert.NotContains(t, k, strings.TrimPrefix(token, "xoxb-"))
		ttl, err := rdb.PTTL(c, k).Result()
		require.NoError(t, err)
		assert.Positive(t, ttl, "key %q has a TTL", k)
		fields, err := rdb.HGetAll(c, k).Result()
		require.NoError(t, err)
		assert.NotEmpty(t, fields)
		for f, v := range fields {
			assert.NotContains(t, f, token)
			assert.NotContains(t, v, token)
		}
	}
	for _, p := range procs {
		assert.NotContains(t, p.logs.text(), token)
	}
	t.Logf("%d keys: %v", len(keys), keys)
}
