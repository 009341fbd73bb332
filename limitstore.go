package slack

import (
	"context"
	"sync"
	"time"
)

// A LimitStore keeps the state the client's rate limiter books its calls against: for each key, the next
// free slot and any pause after a 429. The client's own in-process store (NewMemoryLimitStore) is the
// default. A store that several processes share, such as the Redis store of the module
// github.com/goslack/slack/redislimit, gives every process of an app one budget per workspace and
// method: Slack's limits are per app and workspace, not per process.
//
// Keys are built by the client: the workspace (or, until it is known, a keyed hash of the token, never
// the token itself), the method, and for chat.postMessage the channel. A store treats them as opaque
// strings.
//
// All times are the store's own: a store shared between hosts must measure time on one clock (Redis's
// TIME, say), so that no host's clock enters the arithmetic. The package limitstoretest has a
// conformance suite for implementations.
//
// A store's methods must be safe for concurrent use. An error from any of them never fails a Slack
// call: the client paces itself in process for a while (see WithLimitStore).
type LimitStore interface {
	// Reserve books the next free slot of key at limit, no earlier than the end of key's pause, and
	// returns how long the caller waits for it. When that wait would pass maxWait, it books nothing and
	// returns a Reservation with OK false and the wait it would have been. A new key, and one a pause
	// reset, gives its slots one at a time, whatever Burst a caller asks for, until a caller finds it
	// idle; from then on up to Burst slots may fall at once after an idle spell. What a key has booked
	// ahead counts in slots: a caller at another Interval waits as many of its own.
	Reserve(ctx context.Context, key string, limit Limit, maxWait time.Duration) (Reservation, error)
	// Pause makes key's callers wait d from now, after a 429 whose Retry-After was d. A pause is only
	// ever extended: one that would end sooner than the current pause changes nothing. One that extends
	// it voids every slot booked before (its Epoch changes), and calls resume at the pause's end one slot
	// at a time, with no burst.
	Pause(ctx context.Context, key string, d time.Duration) error
	// Paused reports key's pause: how long it has left, and its Epoch. The client asks just before
	// sending a call that waited for its slot: a call whose slot was booked under another Epoch books
	// again.
	Paused(ctx context.Context, key string) (PauseState, error)
}

// Limit is the rate a LimitStore books a key's slots at.
type Limit struct {
	// Interval is the time between two slots. Zero means the key is not paced: a reservation waits
	// only for the key's pause, and books nothing.
	Interval time.Duration
	// Burst is how many slots may fall at once after the key has been idle; at least 1.
	Burst int
}

// Reservation is the answer of LimitStore.Reserve.
type Reservation struct {
	// OK reports whether a slot was booked. It is false when the wait would have passed maxWait.
	OK bool
	// Delay is how long the caller waits for its slot (or would have waited, when OK is false).
	Delay time.Duration
	// Epoch identifies the key's pauses at the time of booking: a pause that extends the key's pause
	// changes it and voids the slot.
	Epoch int64
}

// PauseState is the answer of LimitStore.Paused.
type PauseState struct {
	// Left is how long the key's pause has left; zero when there is none.
	Left time.Duration
	// Epoch identifies the key's pauses (see Reservation.Epoch).
	Epoch int64
}

// MemoryLimitStore is the in-process LimitStore: the client's default, one per client. Several clients of
// one process that share a token can share one, to keep one budget between them. Its zero value is not
// usable: call NewMemoryLimitStore.
type MemoryLimitStore struct {
	now func() time.Time

	mu      sync.Mutex
	keys    map[string]*memKey
	sweepAt int // the number of keys at which idle ones are dropped
}

// memKey is the state of one key of a MemoryLimitStore.
type memKey struct {
	tat       time.Time // the theoretical arrival time: every slot booked so far, one interval apart
	interval  time.Duration
	paused    time.Time // no slot before this
	epoch     int64
	fromPause bool // new or reset by a pause: calls go one at a time, from tat on, until the key is idle
}

// NewMemoryLimitStore returns an empty in-process LimitStore.
func NewMemoryLimitStore() *MemoryLimitStore {
	return &MemoryLimitStore{now: time.Now, keys: map[string]*memKey{}, sweepAt: minSweep}
}

// Reserve books the next slot of key at limit; see LimitStore. It never fails.
func (s *MemoryLimitStore) Reserve(_ context.Context, key string, limit Limit, maxWait time.Duration) (Reservation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	k, ok := s.keys[key]
	if !ok {
		k = &memKey{epoch: now.UnixNano()}
	}
	start := maxTime(now, k.paused)
	r, next, fromPause := gcraReserve(k, limit, now, start)
	r.Epoch = k.epoch
	if r.Delay > maxWait {
		return Reservation{Delay: r.Delay, Epoch: k.epoch}, nil
	}
	if limit.Interval > 0 {
		k.tat, k.interval, k.fromPause = next, limit.Interval, fromPause
	}
	if !ok && limit.Interval > 0 {
		s.insert(key, k, now)
	}
	return r, nil
}

// gcraReserve computes the slot a reservation of k at limit gets at now, with no slot before start, and
// the key's tat and fromPause after booking it.
//
// A key whose rate changed counts what it has booked ahead in slots, at the new interval. A new key, and
// a key a pause reset, lets its calls go one at a time (the first at once, or at the pause's end) until
// a caller finds it idle, with nothing booked ahead: from then on its burst builds up while it stays idle.
// Until then no caller gets a burst, whatever burst it asks for, so that the processes of an app that
// learned different bursts still resume one slot at a time.
func gcraReserve(k *memKey, limit Limit, now, start time.Time) (Reservation, time.Time, bool) {
	if limit.Interval <= 0 {
		return Reservation{OK: true, Delay: start.Sub(now)}, k.tat, k.fromPause
	}
	t, burst := limit.Interval, time.Duration(max(limit.Burst, 1)-1)
	tat, fromPause := k.tat, k.fromPause
	switch {
	case tat.IsZero():
		tat, fromPause = now, true
	case tat.After(start) && k.interval > 0 && k.interval != t:
		tat = start.Add(time.Duration(float64(tat.Sub(start)) * float64(t) / float64(k.interval)))
	}
	if fromPause {
		if !tat.Before(start) {
			return Reservation{OK: true, Delay: tat.Sub(now)}, tat.Add(t), true
		}
		tat = tat.Add(burst * t) // idle since tat: the burst builds up from then
	}
	tat = maxTime(tat, start)
	slot := maxTime(tat.Add(-burst*t), start)
	return Reservation{OK: true, Delay: slot.Sub(now)}, tat.Add(t), false
}

// Pause extends key's pause to d from now; see LimitStore. It never fails.
func (s *MemoryLimitStore) Pause(_ context.Context, key string, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	until := now.Add(d)
	if !until.After(now) {
		return nil
	}
	k, ok := s.keys[key]
	if !ok {
		k = &memKey{epoch: now.UnixNano()}
		s.insert(key, k, now)
	}
	if !until.After(k.paused) {
		return nil
	}
	k.paused, k.tat, k.fromPause = until, until, true
	k.epoch++
	return nil
}

// Paused reports key's pause; see LimitStore. It never fails.
func (s *MemoryLimitStore) Paused(_ context.Context, key string) (PauseState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	k, ok := s.keys[key]
	if !ok {
		return PauseState{}, nil
	}
	return PauseState{Left: max(k.paused.Sub(now), 0), Epoch: k.epoch}, nil
}

// insert adds the new key k, first dropping idle keys when the store has grown to sweepAt. The caller
// holds s.mu.
func (s *MemoryLimitStore) insert(key string, k *memKey, now time.Time) {
	if len(s.keys) >= s.sweepAt {
		s.sweep(now)
	}
	s.keys[key] = k
}

// sweep drops the keys with nothing booked ahead and no pause, so that a client posting to many channels
// does not keep a key for each forever. A dropped key that comes back is a new key: one call at once
// rather than its full burst, and a new Epoch; the cautious side, as with a Redis key whose TTL ran out.
// The caller holds s.mu.
func (s *MemoryLimitStore) sweep(now time.Time) {
	for key, k := range s.keys {
		if !k.tat.After(now) && !k.paused.After(now) {
			delete(s.keys, key)
		}
	}
	s.sweepAt = max(minSweep, 2*len(s.keys))
}
