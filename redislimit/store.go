package redislimit

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/goslack/slack"
	"github.com/redis/go-redis/v9"
)

// DefaultPrefix is the prefix of the store's Redis keys unless WithPrefix sets another.
const DefaultPrefix = "goslack:ratelimit:"

// DefaultIdleTTL is how long a key lives past its last booked slot or the end of its pause unless
// WithIdleTTL sets another.
const DefaultIdleTTL = time.Minute

var _ slack.LimitStore = (*Store)(nil)

// Store is a slack.LimitStore on Redis: every client that uses a Store on the same Redis (and prefix)
// books its calls against one budget per key. Each key's state is one Redis hash, named the prefix
// followed by the key in braces (a Cluster hash tag), with a TTL. Its methods are safe for concurrent
// use. Create one with New.
type Store struct {
	rdb     redis.UniversalClient
	prefix  string
	idleTTL time.Duration
	idleMS  string // idleTTL in milliseconds, as the scripts read it
}

// An Option configures a Store.
type Option func(*Store)

// WithPrefix sets the prefix of the store's Redis keys (default DefaultPrefix). Apps that share a Redis
// but not a Slack budget use different prefixes. A prefix with braces changes the key's Cluster hash
// tag, and so puts every key in one slot: avoid them.
func WithPrefix(prefix string) Option {
	return func(s *Store) { s.prefix = prefix }
}

// WithIdleTTL sets how long a key lives past its last booked slot or the end of its pause (default
// DefaultIdleTTL). A key that expires has nothing booked ahead and no pause left: the next call finds a
// new key, which lets one call go at once and paces the rest. A d of zero or less keeps the default.
func WithIdleTTL(d time.Duration) Option {
	return func(s *Store) {
		if d > 0 {
			s.idleTTL = d
		}
	}
}

// New returns a Store on rdb, which may be a single node (*redis.Client), a Cluster (*redis.ClusterClient)
// or a Ring (*redis.Ring). The server must be Redis 5 or later: the scripts read TIME before they write,
// which needs the replication of their effects, the default since Redis 5.
//
// Every method returns by its context's deadline even when Redis does not answer; go-redis itself cuts
// a read short at the context's deadline only when the client's options set ContextTimeoutEnabled, which
// is recommended, so that an abandoned call frees its connection at once too.
func New(rdb redis.UniversalClient, opts ...Option) *Store {
	s := &Store{rdb: rdb, prefix: DefaultPrefix, idleTTL: DefaultIdleTTL}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	s.idleMS = strconv.FormatInt(max(s.idleTTL.Milliseconds(), 1), 10)
	return s
}

// The scripts keep each key's state in one hash, with times in microseconds of Redis's TIME (as Lua
// numbers, printed with fixed decimals so that no digit is lost):
//
//	tat     the theoretical arrival time: every slot booked so far, one interval apart
//	iv      the interval of the last booking, in microseconds
//	paused  the end of the key's pause
//	fp      "1" while the key is new or reset by a pause: calls go one at a time from tat, whatever
//	        burst they ask for, until a caller finds the key idle (tat before now)
//	epoch   the key's creation time in nanoseconds, plus one for each pause that extended it (a decimal
//	        string, changed with HINCRBY: a Lua number would lose its last digits)
//
// Every write sets the key's TTL to its last slot or pause end plus the idle TTL, never shortening it.
const luaCommon = `
local function clock()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000000 + tonumber(t[2]), t[1] .. string.format('%06d', tonumber(t[2])) .. '000'
end
local function us(x)
  return string.format('%.3f', x)
end
local function expire(key, now, upto, idle)
  local ttl = math.min(math.ceil((upto - now) / 1000) + idle, 1e15)
  if redis.call('PTTL', key) < ttl then
    redis.call('PEXPIRE', key, string.format('%.0f', ttl))
  end
end
`

// reserveScript books a slot: KEYS[1] the key's hash; ARGV interval (µs), burst, maxWait (µs), idle TTL
// (ms). It returns {booked (0 or 1), delay (µs), epoch}.
var reserveScript = redis.NewScript(luaCommon + `
local now, nowNS = clock()
local T = tonumber(ARGV[1])
local B = math.max(tonumber(ARGV[2]), 1) - 1
local maxWait = tonumber(ARGV[3])
local idle = tonumber(ARGV[4])
local h = redis.call('HMGET', KEYS[1], 'tat', 'iv', 'paused', 'fp', 'epoch')
local tat, iv, paused, epoch = tonumber(h[1]), tonumber(h[2]) or 0, tonumber(h[3]) or 0, h[5]
local fresh = not epoch
if fresh then epoch = nowNS end
local start = math.max(now, paused)
if T <= 0 then
  local delay = start - now
  return {delay <= maxWait and 1 or 0, us(delay), epoch}
end
local fp = h[4] == '1'
if not tat then
  tat, fp = now, true
elseif tat > start and iv > 0 and iv ~= T then
  tat = start + (tat - start) * T / iv
end
local slot
if fp and tat >= start then
  slot = tat
else
  if fp then
    tat, fp = tat + B * T, false
  end
  tat = math.max(tat, start)
  slot = math.max(tat - B * T, start)
end
local delay = slot - now
if delay > maxWait then
  return {0, us(delay), epoch}
end
tat = tat + T
redis.call('HSET', KEYS[1], 'tat', us(tat), 'iv', ARGV[1], 'fp', fp and '1' or '0')
if fresh then redis.call('HSET', KEYS[1], 'epoch', epoch) end
expire(KEYS[1], now, math.max(tat, paused), idle)
return {1, us(delay), epoch}
`)

// pauseScript extends a pause: KEYS[1] the key's hash; ARGV d (µs), idle TTL (ms). It returns 1 when it
// extended the pause, else 0.
var pauseScript = redis.NewScript(luaCommon + `
local now, nowNS = clock()
local d = tonumber(ARGV[1])
local idle = tonumber(ARGV[2])
if d <= 0 then return 0 end
local till = now + d
local h = redis.call('HMGET', KEYS[1], 'paused', 'epoch')
if till <= (tonumber(h[1]) or 0) then return 0 end
if not h[2] then redis.call('HSET', KEYS[1], 'epoch', nowNS) end
redis.call('HSET', KEYS[1], 'paused', us(till), 'tat', us(till), 'fp', '1')
redis.call('HINCRBY', KEYS[1], 'epoch', 1)
expire(KEYS[1], now, till, idle)
return 1
`)

// pausedScript reads a pause: KEYS[1] the key's hash. It returns {left (µs), epoch}, or {"0", "0"} for
// an unknown key. It writes nothing.
var pausedScript = redis.NewScript(luaCommon + `
local now = clock()
local h = redis.call('HMGET', KEYS[1], 'paused', 'epoch')
if not h[2] then return {'0', '0'} end
return {us(math.max((tonumber(h[1]) or 0) - now, 0)), h[2]}
`)

// Reserve books the next free slot of key at limit, in one script on Redis's clock; see
// slack.LimitStore. It fails only when Redis does, or when ctx ends first.
func (s *Store) Reserve(ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
	reply, err := s.run(ctx, reserveScript, key, micros(limit.Interval), max(limit.Burst, 1), micros(maxWait), s.idleMS)
	if err != nil {
		return slack.Reservation{}, fmt.Errorf("redislimit: reserve: %w", err)
	}
	v, _ := reply.([]any)
	if len(v) != 3 {
		return slack.Reservation{}, fmt.Errorf("redislimit: reserve: unexpected reply %v", reply)
	}
	booked, isInt := v[0].(int64)
	delay, dErr := duration(v[1])
	epoch, eErr := integer(v[2])
	if !isInt || dErr != nil || eErr != nil {
		return slack.Reservation{}, fmt.Errorf("redislimit: reserve: unexpected reply %v", v)
	}
	return slack.Reservation{OK: booked == 1, Delay: delay, Epoch: epoch}, nil
}

// Pause extends key's pause to d from now on Redis's clock, in one script; see slack.LimitStore. It
// fails only when Redis does, or when ctx ends first.
func (s *Store) Pause(ctx context.Context, key string, d time.Duration) error {
	if _, err := s.run(ctx, pauseScript, key, micros(d), s.idleMS); err != nil {
		return fmt.Errorf("redislimit: pause: %w", err)
	}
	return nil
}

// Paused reports key's pause on Redis's clock; see slack.LimitStore. It fails only when Redis does, or
// when ctx ends first.
func (s *Store) Paused(ctx context.Context, key string) (slack.PauseState, error) {
	reply, err := s.run(ctx, pausedScript, key)
	if err != nil {
		return slack.PauseState{}, fmt.Errorf("redislimit: paused: %w", err)
	}
	v, _ := reply.([]any)
	if len(v) != 2 {
		return slack.PauseState{}, fmt.Errorf("redislimit: paused: unexpected reply %v", reply)
	}
	left, lErr := duration(v[0])
	epoch, eErr := integer(v[1])
	if lErr != nil || eErr != nil {
		return slack.PauseState{}, fmt.Errorf("redislimit: paused: unexpected reply %v", v)
	}
	return slack.PauseState{Left: left, Epoch: epoch}, nil
}

// hashKey returns the name of the Redis hash that holds key's state: the prefix, then key in braces.
func (s *Store) hashKey(key string) string {
	return s.prefix + "{" + key + "}"
}

// run runs script on key's hash (EVALSHA, and EVAL when Redis no longer has the script), and returns by
// ctx's end whether or not Redis has answered: go-redis waits for an answer until its own read timeout
// unless the client enables ContextTimeoutEnabled.
func (s *Store) run(ctx context.Context, script *redis.Script, key string, args ...any) (any, error) {
	keys := []string{s.hashKey(key)}
	if ctx.Done() == nil {
		return script.Run(ctx, s.rdb, keys, args...).Result()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type answer struct {
		v   any
		err error
	}
	done := make(chan answer, 1)
	go func() {
		v, err := script.Run(ctx, s.rdb, keys, args...).Result()
		done <- answer{v, err}
	}()
	select {
	case a := <-done:
		return a.v, a.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// micros formats d in microseconds, with the nanoseconds as decimals.
func micros(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/1e3, 'f', 3, 64)
}

// duration reads a script's microseconds as a Duration.
func duration(v any) (time.Duration, error) {
	s, ok := v.(string)
	if !ok {
		return 0, errors.New("not a string")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, err
	}
	ns := math.Round(f * 1e3)
	if ns >= math.MaxInt64 {
		return math.MaxInt64, nil
	}
	return time.Duration(ns), nil
}

// integer reads a script's decimal string as an int64.
func integer(v any) (int64, error) {
	s, ok := v.(string)
	if !ok {
		return 0, errors.New("not a string")
	}
	return strconv.ParseInt(s, 10, 64)
}
