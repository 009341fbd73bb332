package slacktest

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// Option configures a Server made by NewT or Open. Options apply in order.
type Option func(*Server) error

// NewT returns a fake workspace for the test tb, configured by opts, and closes it when the test ends
// (tb.Cleanup). It answers in memory unless Listen is among the options. An option that fails (an
// unreadable seed file) fails the test at once.
//
//	srv := slacktest.NewT(t)
//	client, _ := slack.New(slacktest.BotToken, slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()))
func NewT(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := Open(opts...)
	if err != nil {
		tb.Fatalf("slacktest: %v", err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Open returns a fake workspace configured by opts, for use outside tests (an example, a command): New
// with options. It answers in memory unless Listen is among the options. Close it when done.
func Open(opts ...Option) (*Server, error) {
	s := New()
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(s); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Listen makes the workspace serve over HTTP on a loopback port too, as Start does; URL then names it.
func Listen() Option {
	return func(s *Server) error {
		s.Start()
		return nil
	}
}

// WithClock makes the workspace read the time from now: message timestamps, creation times, request
// times and rate-limit refills. The default is time.Now, which inside a testing/synctest bubble is
// already the bubble's clock; a fixed clock makes timestamps exact. Timestamps stay unique and
// increasing when the clock stands still or goes back.
func WithClock(now func() time.Time) Option {
	return func(s *Server) error {
		if now == nil {
			return fmt.Errorf("WithClock: nil clock")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.ws.now = now
		return nil
	}
}

// WithPageSize sets how many items a listing answers when the request gives no limit (count for the
// legacy im.history and groups.history): n instead of Slack's defaults (100 for most), so that a
// small seeded workspace pages like a large one. A limit the request gives still applies.
func WithPageSize(n int) Option {
	return func(s *Server) error {
		if n < 1 {
			return fmt.Errorf("WithPageSize: page size %d, want at least 1", n)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.ws.pageSize = n
		return nil
	}
}

// Empty starts from a workspace with the team alone: no users, channels, bots, files or tokens (the ID
// constants name nothing). Seed it with WithSeed, WithSeedFile or the Add methods.
func Empty() Option {
	return func(s *Server) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		now, pageSize := s.ws.now, s.ws.pageSize
		s.ws = emptyWorkspace()
		s.ws.now, s.ws.pageSize = now, pageSize
		return nil
	}
}

// WithSeed adds seed to the workspace, as Load does.
func WithSeed(seed Seed) Option {
	return func(s *Server) error { return s.Load(seed) }
}

// WithSeedFile adds the workspace described by the JSON file at path (see Seed), as LoadJSON does.
func WithSeedFile(path string) Option {
	return func(s *Server) error {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := s.LoadJSON(data); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	}
}

// WithToken adds a token, as SetToken does.
func WithToken(t Token) Option {
	return func(s *Server) error {
		s.SetToken(t)
		return nil
	}
}

// WithTiers enforces Slack's published rate limits, as EnforceTiers does, with a Slack minute lasting
// minute (time.Second runs per-minute limits per second).
func WithTiers(minute time.Duration) Option {
	return func(s *Server) error {
		s.EnforceTiers(minute)
		return nil
	}
}

// WithRateLimit limits one method, as SetRateLimit does.
func WithRateLimit(method string, perSecond float64, burst int) Option {
	return func(s *Server) error {
		s.SetRateLimit(method, perSecond, burst)
		return nil
	}
}

// WithWindowLimit limits one method to n requests in each fixed window, as SetWindowLimit does.
func WithWindowLimit(method string, n int, window time.Duration) Option {
	return func(s *Server) error {
		s.SetWindowLimit(method, n, window)
		return nil
	}
}

// WithNonMarketplaceLimits enforces Slack's limits for apps outside the Marketplace on
// conversations.history and conversations.replies, as EnforceNonMarketplaceLimits does.
func WithNonMarketplaceLimits(minute time.Duration) Option {
	return func(s *Server) error {
		s.EnforceNonMarketplaceLimits(minute)
		return nil
	}
}

// WithFaults injects faults for method from the start, as Inject does.
func WithFaults(method string, faults ...Fault) Option {
	return func(s *Server) error {
		s.Inject(method, faults...)
		return nil
	}
}
