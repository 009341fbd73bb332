package redislimit_test

import (
	"context"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/redislimit"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tol is how far a delay may be off what the semantics fix: the time that passes between two calls on a
// loaded machine.
const tol = 150 * time.Millisecond

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c
}

// between asserts lo-tol <= d <= hi.
func between(t *testing.T, d, lo, hi time.Duration, what string) {
	t.Helper()
	assert.GreaterOrEqual(t, d, lo-tol, what)
	assert.LessOrEqual(t, d, hi, what)
}

// redisNow is the server's clock.
func redisNow(t *testing.T, rdb redis.UniversalClient) time.Time {
	now, err := rdb.Time(ctx(t)).Result()
	require.NoError(t, err)
	return now
}

func TestStoreBooksSlotsInOrderAndRefusesWithoutBooking(t *testing.T) {
	rdb := newClient(t, needRedis(t))
	s := redislimit.New(rdb, redislimit.WithPrefix(uniquePrefix(t)))
	c := ctx(t)
	lim := slack.Limit{Interval: time.Second, Burst: 2}

	// A new key lets one call go at once, then one a second: the burst fills while idle.
	for i, want := range []time.Duration{0, time.Second, 2 * time.Second} {
		r, err := s.Reserve(c, "T1:users.info", lim, time.Minute)
		require.NoError(t, err)
		assert.True(t, r.OK, "call %d", i)
		between(t, r.Delay, want, want, "call "+strconv.Itoa(i))
	}
	// A wait past maxWait books nothing: the next caller's wait is the same.
	r, err := s.Reserve(c, "T1:users.info", lim, 500*time.Millisecond)
	require.NoError(t, err)
	assert.False(t, r.OK)
	between(t, r.Delay, 3*time.Second, 3*time.Second, "refused")
	r2, err := s.Reserve(c, "T1:users.info", lim, time.Minute)
	require.NoError(t, err)
	assert.True(t, r2.OK)
	between(t, r2.Delay, 3*time.Second, r.Delay, "after the refusal")
	assert.Equal(t, r.Epoch, r2.Epoch)

	// Another key has its own budget.
	r, err = s.Reserve(c, "T1:chat.postMessage:C1", lim, 0)
	require.NoError(t, err)
	assert.True(t, r.OK)
	assert.Zero(t, r.Delay)
}

func TestStoreKeepsIntervalsBelowAMicrosecondAndCountsDebtInSlots(t *testing.T) {
	rdb := newClient(t, needRedis(t))
	s := redislimit.New(rdb, redislimit.WithPrefix(uniquePrefix(t)))
	c := ctx(t)
	// 180 a minute: an interval that is no whole number of microseconds.
	lim := slack.Limit{Interval: time.Minute / 180, Burst: 1}
	var last time.Duration
	for i := range 31 {
		r, err := s.Reserve(c, "k", lim, time.Hour)
		require.NoError(t, err)
		last = r.Delay
		if i == 0 {
			assert.Zero(t, r.Delay)
		}
	}
	between(t, last, 30*lim.Interval, 30*lim.Interval, "31st slot")

	// The rate halves: the 31 slots booked ahead count at the new interval.
	half := slack.Limit{Interval: 2 * lim.Interval, Burst: 1}
	r, err := s.Reserve(c, "k", half, time.Hour)
	require.NoError(t, err)
	between(t, r.Delay, 2*31*lim.Interval, 2*31*lim.Interval, "after the rate halved")
}

func TestStoreUnpacedKeyWaitsOnlyForItsPauseAndBooksNothing(t *testing.T) {
	rdb := newClient(t, needRedis(t))
	prefix := uniquePrefix(t)
	s := redislimit.New(rdb, redislimit.WithPrefix(prefix))
	c := ctx(t)
	r, err := s.Reserve(c, "k", slack.Limit{}, 0)
	require.NoError(t, err)
	assert.Equal(t, slack.Reservation{OK: true, Delay: 0, Epoch: r.Epoch}, r)
	n, err := rdb.Exists(c, prefix+"{k}").Result()
	require.NoError(t, err)
	assert.Zero(t, n, "an unpaced reservation writes nothing")

	require.NoError(t, s.Pause(c, "k", 2*time.Second))
	r, err = s.Reserve(c, "k", slack.Limit{}, time.Second)
	require.NoError(t, err)
	assert.False(t, r.OK)
	between(t, r.Delay, 2*time.Second, 2*time.Second, "paused")
	r, err = s.Reserve(c, "k", slack.Limit{}, 3*time.Second)
	require.NoError(t, err)
	assert.True(t, r.OK)
}

func TestStorePausesOnlyEverExtendAndChangeTheEpoch(t *testing.T) {
	rdb := newClient(t, needRedis(t))
	s := redislimit.New(rdb, redislimit.WithPrefix(uniquePrefix(t)))
	c := ctx(t)
	lim := slack.Limit{Interval: 100 * time.Millisecond, Burst: 5}

	st, err := s.Paused(c, "k")
	require.NoError(t, err)
	assert.Equal(t, slack.PauseState{}, st, "an unknown key")

	before := redisNow(t, rdb)
	r, err := s.Reserve(c, "k", lim, 0)
	require.NoError(t, err)
	// A new key's epoch is its creation time on Redis's clock, in nanoseconds.
	assert.InDelta(t, before.UnixNano(), r.Epoch, float64(time.Second))
	st, err = s.Paused(c, "k")
	require.NoError(t, err)
	assert.Equal(t, slack.PauseState{Epoch: r.Epoch}, st)

	require.NoError(t, s.Pause(c, "k", 2*time.Second))
	st, err = s.Paused(c, "k")
	require.NoError(t, err)
	assert.Equal(t, r.Epoch+1, st.Epoch, "a pause that extends changes the epoch by one, to the digit")
	between(t, st.Left, 2*time.Second, 2*time.Second, "left")

	// A shorter pause, or none, changes nothing.
	require.NoError(t, s.Pause(c, "k", time.Second))
	require.NoError(t, s.Pause(c, "k", 0))
	require.NoError(t, s.Pause(c, "k", -time.Second))
	st2, err := s.Paused(c, "k")
	require.NoError(t, err)
	assert.Equal(t, st.Epoch, st2.Epoch)
	between(t, st2.Left, 2*time.Second, st.Left, "left after a shorter pause")

	// Calls resume at the pause's end one slot at a time, with no burst.
	for i := range 3 {
		r, err := s.Reserve(c, "k", lim, time.Minute)
		require.NoError(t, err)
		want := 2*time.Second + time.Duration(i)*lim.Interval
		between(t, r.Delay, want, want, "slot "+strconv.Itoa(i)+" after the pause")
		assert.Equal(t, st.Epoch, r.Epoch)
	}

	// A pause on a new key creates it; d <= 0 on a new key writes nothing.
	require.NoError(t, s.Pause(c, "fresh", 0))
	st, err = s.Paused(c, "fresh")
	require.NoError(t, err)
	assert.Equal(t, slack.PauseState{}, st)
	require.NoError(t, s.Pause(c, "fresh", time.Second))
	st, err = s.Paused(c, "fresh")
	require.NoError(t, err)
	assert.NotZero(t, st.Epoch)
	between(t, st.Left, time.Second, time.Second, "a new key's pause")
}

func TestStoreKeysHaveThePrefixAHashTagAndATTLThatNeverShortens(t *testing.T) {
	rdb := newClient(t, needRedis(t))
	prefix := uniquePrefix(t)
	s := redislimit.New(rdb, redislimit.WithPrefix(prefix), redislimit.WithIdleTTL(10*time.Second))
	c := ctx(t)
	lim := slack.Limit{Interval: time.Second, Burst: 1}
	for range 21 {
		_, err := s.Reserve(c, "T1:chat.postMessage:C1", lim, time.Minute)
		require.NoError(t, err)
	}
	keys, err := rdb.Keys(c, prefix+"*").Result()
	require.NoError(t, err)
	assert.Equal(t, []string{prefix + "{T1:chat.postMessage:C1}"}, keys)
	// The last slot 20 s ahead, the next one at 21 s, plus the idle TTL.
	ttl, err := rdb.PTTL(c, keys[0]).Result()
	require.NoError(t, err)
	between(t, ttl, 31*time.Second, 31*time.Second, "TTL")

	// A pause of 2 s would give 12 s: the TTL stays.
	require.NoError(t, s.Pause(c, "T1:chat.postMessage:C1", 2*time.Second))
	ttl2, err := rdb.PTTL(c, keys[0]).Result()
	require.NoError(t, err)
	between(t, ttl2, 31*time.Second, ttl, "TTL after a short pause")

	// A refusal writes nothing, not even a TTL.
	_, err = s.Reserve(c, "refused", slack.Limit{Interval: time.Second, Burst: 1}, -time.Second)
	require.NoError(t, err)
	n, err := rdb.Exists(c, prefix+"{refused}").Result()
	require.NoError(t, err)
	assert.Zero(t, n)

	// The default prefix.
	d := redislimit.New(rdb)
	key := uniquePrefix(t) + "default"
	_, err = d.Reserve(c, key, lim, 0)
	require.NoError(t, err)
	t.Cleanup(func() { rdb.Del(context.Background(), redislimit.DefaultPrefix+"{"+key+"}") })
	ttl, err = rdb.PTTL(c, redislimit.DefaultPrefix+"{"+key+"}").Result()
	require.NoError(t, err)
	between(t, ttl, redislimit.DefaultIdleTTL+time.Second, redislimit.DefaultIdleTTL+time.Second, "default TTL")
}

func TestStoreRunsEachMethodInOneRoundTripAndSurvivesScriptFlush(t *testing.T) {
	opts := needRedis(t)
	rdb := newClient(t, opts)
	admin := newClient(t, opts)
	cmds := countCommands(rdb)
	s := redislimit.New(rdb, redislimit.WithPrefix(uniquePrefix(t)))
	c := ctx(t)
	lim := slack.Limit{Interval: 10 * time.Millisecond, Burst: 1}
	_, err := s.Reserve(c, "k", lim, time.Minute)
	require.NoError(t, err)
	cmds.take() // the first call loads the script (EVALSHA, then EVAL)

	for range 10 {
		_, err := s.Reserve(c, "k", lim, time.Minute)
		require.NoError(t, err)
	}
	assert.Equal(t, map[string]int{"evalsha": 10}, cmds.take())

	require.NoError(t, admin.ScriptFlush(c).Err())
	r, err := s.Reserve(c, "k", lim, time.Minute)
	require.NoError(t, err)
	assert.True(t, r.OK)
	between(t, r.Delay, 11*lim.Interval, 11*lim.Interval, "the key's state outlives the scripts")
	assert.Equal(t, map[string]int{"evalsha": 1, "eval": 1}, cmds.take(), "EVALSHA, NOSCRIPT, EVAL")
	_, err = s.Reserve(c, "k", lim, time.Minute)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"evalsha": 1}, cmds.take())

	require.NoError(t, admin.ScriptFlush(c).Err())
	require.NoError(t, s.Pause(c, "k", time.Second))
	require.NoError(t, admin.ScriptFlush(c).Err())
	st, err := s.Paused(c, "k")
	require.NoError(t, err)
	between(t, st.Left, time.Second, time.Second, "left")
	require.NoError(t, s.Pause(c, "k", 2*time.Second))
	_, err = s.Paused(c, "k")
	require.NoError(t, err)
	// Each of the first three found its script flushed; the last found it loaded.
	assert.Equal(t, map[string]int{"evalsha": 4, "eval": 3}, cmds.take())
}

func TestStoreReturnsByTheDeadlineWhenRedisHangs(t *testing.T) {
	srv := ownServer(t)
	admin := newClient(t, srv.options())
	for _, enabled := range []bool{false, true} {
		t.Run("ContextTimeoutEnabled="+strconv.FormatBool(enabled), func(t *testing.T) {
			opts := srv.options()
			opts.ContextTimeoutEnabled = enabled
			rdb := newClient(t, opts)
			s := redislimit.New(rdb)
			require.NoError(t, rdb.Ping(ctx(t)).Err()) // a connection in the pool
			// A pause holds every client's commands, even the CLIENT UNPAUSE of the one that paused.
			require.NoError(t, admin.Do(ctx(t), "CLIENT", "PAUSE", 1000, "ALL").Err())

			calls := map[string]func(context.Context) error{
				"Reserve": func(c context.Context) error {
					_, err := s.Reserve(c, "k", slack.Limit{Interval: time.Second, Burst: 1}, time.Minute)
					return err
				},
				"Pause":  func(c context.Context) error { return s.Pause(c, "k", time.Second) },
				"Paused": func(c context.Context) error { _, err := s.Paused(c, "k"); return err },
			}
			for name, call := range calls {
				c, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
				start := time.Now()
				err := call(c)
				took := time.Since(start)
				cancel()
				require.Error(t, err, name)
				assert.ErrorIs(t, err, context.DeadlineExceeded, name)
				assert.Less(t, took, 50*time.Millisecond+tol, name)
			}
			// A context that has ended already: no call at all.
			c, cancel := context.WithCancel(context.Background())
			cancel()
			assert.ErrorIs(t, s.Pause(c, "k", time.Second), context.Canceled)

			// Redis answers again when its pause ends.
			r, err := s.Reserve(ctx(t), "after", slack.Limit{Interval: time.Second, Burst: 1}, time.Minute)
			require.NoError(t, err)
			assert.True(t, r.OK)
		})
	}
}

func TestStoreFailsFastWhenRedisIsDown(t *testing.T) {
	srv := ownServer(t)
	rdb := newClient(t, srv.options())
	s := redislimit.New(rdb)
	_, err := s.Reserve(ctx(t), "k", slack.Limit{Interval: time.Second, Burst: 1}, time.Minute)
	require.NoError(t, err)
	srv.kill()
	c, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = s.Reserve(c, "k", slack.Limit{Interval: time.Second, Burst: 1}, time.Minute)
	require.Error(t, err)
	require.NoError(t, srv.start())
	r, err := s.Reserve(ctx(t), "k", slack.Limit{Interval: time.Second, Burst: 1}, time.Minute)
	require.NoError(t, err)
	assert.Zero(t, r.Delay, "a new server: a new key")
}

func TestStoreOnARingOfTwoServers(t *testing.T) {
	a, b := ownServer(t), ownServer(t)
	ring := redis.NewRing(&redis.RingOptions{
		NewClient: func(opt *redis.Options) *redis.Client {
			opt.Network = "unix"
			return redis.NewClient(opt)
		},
		Addrs: map[string]string{"a": a.sock, "b": b.sock},
	})
	t.Cleanup(func() { _ = ring.Close() })
	prefix := uniquePrefix(t)
	s := redislimit.New(ring, redislimit.WithPrefix(prefix))
	lim := slack.Limit{Interval: time.Second, Burst: 1}
	c := ctx(t)
	for i := range 20 {
		key := "T1:chat.postMessage:C" + strconv.Itoa(i)
		for j := range 2 {
			r, err := s.Reserve(c, key, lim, time.Minute)
			require.NoError(t, err)
			between(t, r.Delay, time.Duration(j)*time.Second, time.Duration(j)*time.Second, key)
		}
	}
	// The keys spread over both shards.
	var counts []int
	for _, srv := range []*server{a, b} {
		keys, err := newClient(t, srv.options()).Keys(c, prefix+"*").Result()
		require.NoError(t, err)
		counts = append(counts, len(keys))
	}
	assert.Equal(t, 20, counts[0]+counts[1])
	assert.NotZero(t, counts[0])
	assert.NotZero(t, counts[1])
}

func TestStoreTakesExtremeLimits(t *testing.T) {
	rdb := newClient(t, needRedis(t))
	prefix := uniquePrefix(t)
	s := redislimit.New(rdb, redislimit.WithPrefix(prefix))
	c := ctx(t)
	for _, x := range []struct {
		lim     slack.Limit
		maxWait time.Duration
	}{
		{slack.Limit{Interval: math.MaxInt64, Burst: math.MaxInt}, math.MaxInt64},
		{slack.Limit{Interval: math.MaxInt64, Burst: 1}, math.MaxInt64},
		{slack.Limit{Interval: 1, Burst: 1}, math.MinInt64},
		{slack.Limit{Interval: -time.Second, Burst: -5}, 0},
		{slack.Limit{Interval: time.Nanosecond, Burst: math.MinInt}, time.Hour},
	} {
		for range 3 {
			r, err := s.Reserve(c, "extreme", x.lim, x.maxWait)
			require.NoError(t, err, "%+v, maxWait %v", x.lim, x.maxWait)
			assert.GreaterOrEqual(t, r.Delay, time.Duration(0))
		}
		require.NoError(t, s.Pause(c, "extreme", math.MaxInt64))
		_, err := s.Paused(c, "extreme")
		require.NoError(t, err)
	}
	ttl, err := rdb.PTTL(c, prefix+"{extreme}").Result()
	require.NoError(t, err)
	assert.Positive(t, ttl)
}
