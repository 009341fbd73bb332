package limitstoretest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/limitstoretest"
)

// broken is a LimitStore that breaks one rule of the contract, around the in-process store.
type broken struct {
	*slack.MemoryLimitStore
	reserve func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error)
	pause   func(s *broken, ctx context.Context, key string, d time.Duration) error
	paused  func(s *broken, ctx context.Context, key string) (slack.PauseState, error)

	mu    sync.Mutex
	state map[string]time.Time // what a mutant keeps of its own
}

func (s *broken) Reserve(ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
	if s.reserve != nil {
		return s.reserve(s, ctx, key, limit, maxWait)
	}
	return s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait)
}

func (s *broken) Pause(ctx context.Context, key string, d time.Duration) error {
	if s.pause != nil {
		return s.pause(s, ctx, key, d)
	}
	return s.MemoryLimitStore.Pause(ctx, key, d)
}

func (s *broken) Paused(ctx context.Context, key string) (slack.PauseState, error) {
	if s.paused != nil {
		return s.paused(s, ctx, key)
	}
	return s.MemoryLimitStore.Paused(ctx, key)
}

// mutants are stores that each break one rule, and a phrase of the rule the suite must name.
var mutants = map[string]struct {
	store func() *broken
	rule  string
}{
	"books refused": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			r, err := s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait)
			if err == nil && !r.OK {
				_, err = s.MemoryLimitStore.Reserve(ctx, key, limit, 1<<62)
			}
			return r, err
		}}
	}, "a refused Reserve books nothing"},
	"refuses a wait equal to maxWait": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			return s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait-1)
		}}
	}, "a wait equal to maxWait is accepted"},
	"no burst": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			limit.Burst = 1
			return s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait)
		}}
	}, "a key that has been idle lets Burst calls go at once"},
	"full burst for a new key": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			if p, _ := s.MemoryLimitStore.Paused(ctx, key); p.Epoch == 0 && limit.Interval > 0 {
				// Make the key known and idle, so that it has its whole burst.
				_, _ = s.MemoryLimitStore.Reserve(ctx, key, slack.Limit{Interval: time.Nanosecond, Burst: 1}, 0)
				time.Sleep(time.Microsecond)
			}
			return s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait)
		}}
	}, "a new key lets one call go at once"},
	"suffixes collide": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			return s.MemoryLimitStore.Reserve(ctx, strings.TrimRight(key, "0123456789"), limit, maxWait)
		}}
	}, "keys are independent"},
	"unicode keys collide": {func() *broken {
		ascii := func(key string) string {
			return strings.Map(func(r rune) rune { return min(r, 0x7f) }, key)
		}
		return &broken{
			reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
				return s.MemoryLimitStore.Reserve(ctx, ascii(key), limit, maxWait)
			},
			pause: func(s *broken, ctx context.Context, key string, d time.Duration) error {
				return s.MemoryLimitStore.Pause(ctx, ascii(key), d)
			},
			paused: func(s *broken, ctx context.Context, key string) (slack.PauseState, error) {
				return s.MemoryLimitStore.Paused(ctx, ascii(key))
			},
		}
	}, "keys are independent"},
	"pause shortens": {func() *broken {
		return &broken{
			state: map[string]time.Time{},
			pause: func(s *broken, ctx context.Context, key string, d time.Duration) error {
				s.mu.Lock()
				s.state[key] = time.Now().Add(d)
				s.mu.Unlock()
				return s.MemoryLimitStore.Pause(ctx, key, d)
			},
			paused: func(s *broken, ctx context.Context, key string) (slack.PauseState, error) {
				p, err := s.MemoryLimitStore.Paused(ctx, key)
				s.mu.Lock()
				p.Left = max(time.Until(s.state[key]), 0)
				s.mu.Unlock()
				return p, err
			},
		}
	}, "a pause is only ever extended"},
	"pause keeps the epoch": {func() *broken {
		return &broken{paused: func(s *broken, ctx context.Context, key string) (slack.PauseState, error) {
			p, err := s.MemoryLimitStore.Paused(ctx, key)
			p.Epoch = 1
			return p, err
		}}
	}, "changes its Epoch"},
	"pause keeps booked slots": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			r, err := s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait)
			if p, _ := s.MemoryLimitStore.Paused(ctx, key); p.Left > 0 && r.OK && limit.Interval > 0 {
				r.Delay += 2 * time.Minute // as if the voided slots still stood before it
			}
			return r, err
		}}
	}, "voids the slots booked before it"},
	"ignores the pause at Interval 0": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			if limit.Interval <= 0 {
				return slack.Reservation{OK: true}, nil
			}
			return s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait)
		}}
	}, "waits only for the key's pause"},
	"debt in time": {func() *broken {
		return &broken{reserve: func(s *broken, ctx context.Context, key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, error) {
			r, err := s.MemoryLimitStore.Reserve(ctx, key, limit, maxWait)
			if limit.Interval == 30*time.Second && r.OK && r.Delay > limit.Interval {
				r.Delay = 2*r.Delay - limit.Interval // a debt of 3m at 1m kept as 3m, not 3 slots of 30s
			}
			return r, err
		}}
	}, "keeps the number of slots it has booked ahead"},
	"panics on a cancelled context": {func() *broken {
		return &broken{paused: func(s *broken, ctx context.Context, key string) (slack.PauseState, error) {
			if ctx.Err() != nil {
				panic("context done")
			}
			return s.MemoryLimitStore.Paused(ctx, key)
		}}
	}, "never panic"},
	"fails": {func() *broken {
		return &broken{pause: func(*broken, context.Context, string, time.Duration) error {
			return context.DeadlineExceeded
		}}
	}, "a store with a live context answers every call"},
}

// TestRun runs the suite against the in-process store, which passes, and against stores that each break
// one rule, which fail naming it. A broken store runs in a child process, so that its failures do not
// fail this test.
func TestRun(t *testing.T) {
	if name := os.Getenv("LIMITSTORETEST_MUTANT"); name != "" {
		m, ok := mutants[name]
		if !ok {
			t.Fatalf("no mutant %q", name)
		}
		limitstoretest.Run(t, func(*testing.T) slack.LimitStore {
			s := m.store()
			s.MemoryLimitStore = slack.NewMemoryLimitStore()
			return s
		})
		return
	}
	t.Run("memory", func(t *testing.T) {
		limitstoretest.Run(t, func(*testing.T) slack.LimitStore { return slack.NewMemoryLimitStore() })
	})
	for name, m := range mutants {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestRun$", "-test.count=1")
			cmd.Env = append(os.Environ(), "LIMITSTORETEST_MUTANT="+name)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passes a store that %s:\n%s", name, out)
			}
			if !strings.Contains(string(out), m.rule) {
				t.Errorf("the suite fails a store that %s without naming the rule %q:\n%s", name, m.rule, out)
			}
		})
	}
}
