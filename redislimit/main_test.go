package redislimit_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// The tests run against a real Redis: the server GOSLACK_REDIS names ("unix:///path/redis.sock",
// "host:port" or a redis:// URL), else one redis-server that TestMain starts on a Unix socket for the
// run. Tests that kill, pause or restart a server start their own.
var (
	sharedOpts *redis.Options // nil when there is no server
	noRedis    string         // why there is none
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if addr := os.Getenv("GOSLACK_REDIS"); addr != "" {
		opts, err := redisOptions(addr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "GOSLACK_REDIS=%q: %v\n", addr, err)
			return 2
		}
		sharedOpts = opts
		return m.Run()
	}
	if _, err := exec.LookPath("redis-server"); err != nil {
		noRedis = "redis-server not found"
		return m.Run()
	}
	srv, err := startServer()
	if err != nil {
		fmt.Fprintf(os.Stderr, "starting redis-server: %v\n", err)
		return 2
	}
	defer srv.remove()
	sharedOpts = srv.options()
	return m.Run()
}

// redisOptions reads GOSLACK_REDIS.
func redisOptions(addr string) (*redis.Options, error) {
	switch {
	case strings.HasPrefix(addr, "unix://"):
		return &redis.Options{Network: "unix", Addr: strings.TrimPrefix(addr, "unix://")}, nil
	case strings.HasPrefix(addr, "redis://"), strings.HasPrefix(addr, "rediss://"):
		return redis.ParseURL(addr)
	case strings.Contains(addr, "://"):
		return nil, errors.New("want unix:///path, host:port or a redis:// URL")
	default:
		return &redis.Options{Addr: addr}, nil
	}
}

// needRedis returns the options of the run's server. Without one, the test fails in CI and is skipped
// elsewhere, saying how to get one.
func needRedis(t testing.TB) *redis.Options {
	t.Helper()
	if sharedOpts == nil {
		skipOrFail(t)
	}
	o := *sharedOpts
	return &o
}

// needRedisServer makes sure that the test can start its own redis-server.
func needRedisServer(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		noRedis = "redis-server not found"
		skipOrFail(t)
	}
}

func skipOrFail(t testing.TB) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s: .ci/run installs it (apt-get install redis-server) and sets GOSLACK_REDIS; this test needs a real Redis", noRedis)
	}
	t.Skipf("%s: install it (apt-get install redis-server / brew install redis), or set GOSLACK_REDIS=addr (unix:///path/redis.sock or host:port)", noRedis)
}

// newClient returns a go-redis client on opts, closed at the test's end.
func newClient(t testing.TB, opts *redis.Options) *redis.Client {
	t.Helper()
	rdb := redis.NewClient(opts)
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

var prefixes atomic.Int64

// uniquePrefix returns a key prefix no other test of the run uses.
func uniquePrefix(t testing.TB) string {
	return fmt.Sprintf("goslack:test:%d:%d:", os.Getpid(), prefixes.Add(1))
}

// server is a redis-server process of the tests' own, on a Unix socket in a temporary directory, with
// no persistence.
type server struct {
	dir   string
	sock  string
	extra []string // more arguments of redis-server
	cmd   *exec.Cmd
	done  chan struct{} // closed when cmd has exited
}

// startServer starts a redis-server on a new socket, with the extra arguments.
func startServer(extra ...string) (*server, error) {
	dir, err := os.MkdirTemp("", "goslack-redis-")
	if err != nil {
		return nil, err
	}
	s := &server{dir: dir, sock: filepath.Join(dir, "redis.sock"), extra: extra}
	if err := s.start(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// ownServer starts a redis-server for the test alone, stopped at its end.
func ownServer(t testing.TB) *server {
	t.Helper()
	needRedisServer(t)
	s, err := startServer()
	if err != nil {
		t.Fatalf("starting redis-server: %v", err)
	}
	t.Cleanup(s.remove)
	return s
}

func (s *server) options() *redis.Options {
	return &redis.Options{Network: "unix", Addr: s.sock}
}

// start starts the server (again) on its socket and waits until it answers PING.
func (s *server) start() error {
	args := []string{"--port", "0", "--unixsocket", s.sock, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", s.dir, "--loglevel", "warning"}
	s.cmd = exec.Command("redis-server", append(args, s.extra...)...)
	if err := s.cmd.Start(); err != nil {
		return err
	}
	s.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) {
		_ = cmd.Wait()
		close(done)
	}(s.cmd, s.done)
	rdb := redis.NewClient(&redis.Options{Network: "unix", Addr: s.sock, MaxRetries: -1})
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := rdb.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-s.done:
			return fmt.Errorf("redis-server exited: %v", s.cmd.ProcessState)
		default:
		}
		if time.Now().After(deadline) {
			s.kill()
			return fmt.Errorf("redis-server does not answer PING: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill kills the server (SIGKILL, as a crash would) and waits for it to exit.
func (s *server) kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// stop stops the server (SIGTERM, as a restart would) and waits for it to exit.
func (s *server) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.kill()
	}
}

// remove stops the server and removes its directory.
func (s *server) remove() {
	s.stop()
	_ = os.RemoveAll(s.dir)
}
