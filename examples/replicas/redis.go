package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

// errNoRedis is the error of startRedis when redis-server is not installed; it says how to install it.
var errNoRedis = errors.New("redis-server is not installed: install it (Debian, Ubuntu: apt-get install redis-server; " +
	"macOS: brew install redis) or name a running server with -redis host:port or GOSLACK_REDIS")

// redisServer is a redis-server started by startRedis.
type redisServer struct {
	addr    string // its Unix socket's path
	dir     string
	path    string // the redis-server program
	started time.Time
	cmd     *exec.Cmd
	log     *bytes.Buffer
	done    chan struct{} // closed when the server has exited
}

// startRedis starts a redis-server listening only on a Unix socket in a new temporary directory, with no
// persistence, and waits until it answers. Stop it with stop.
func startRedis(ctx context.Context) (*redisServer, error) {
	path, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, errNoRedis
	}
	dir, err := os.MkdirTemp("", "goslack-replicas-")
	if err != nil {
		return nil, err
	}
	srv := &redisServer{addr: filepath.Join(dir, "redis.sock"), dir: dir, path: path}
	if err := srv.start(ctx); err != nil {
		srv.stop()
		return nil, err
	}
	return srv, nil
}

// start starts the server, again after kill or halt, on its socket and waits until it answers.
func (s *redisServer) start(ctx context.Context) error {
	s.log = &bytes.Buffer{}
	s.cmd = exec.Command(s.path, "--port", "0", "--unixsocket", s.addr, "--unixsocketperm", "700",
		"--save", "", "--appendonly", "no", "--dir", s.dir, "--daemonize", "no")
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	s.started = time.Now()
	if err := s.cmd.Start(); err != nil {
		s.cmd = nil
		return err
	}
	s.done = make(chan struct{})
	go func(cmd *exec.Cmd, done chan struct{}) {
		_ = cmd.Wait()
		close(done)
	}(s.cmd, s.done)
	return s.waitReady(ctx)
}

// waitReady waits until the server answers PING, for up to 10 seconds.
func (s *redisServer) waitReady(ctx context.Context) error {
	rdb, err := newRedisClient(s.addr)
	if err != nil {
		return err
	}
	defer rdb.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-s.done:
			return fmt.Errorf("redis-server exited: %s", strings.TrimSpace(s.log.String()))
		default:
		}
		pctx, cancel := context.WithTimeout(ctx, time.Second)
		err := rdb.Ping(pctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("redis-server does not answer on %s: %w", s.addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill kills the server by its pid (SIGKILL, as a crash would) and waits until it has exited.
func (s *redisServer) kill() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.done
}

// halt stops the server by its pid (SIGTERM, then SIGKILL after 5 seconds) and waits until it has
// exited.
func (s *redisServer) halt() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.kill()
	}
}

// stop stops the server (see halt) and removes its directory.
func (s *redisServer) stop() {
	s.halt()
	_ = os.RemoveAll(s.dir)
}

// newRedisClient returns a client of the server at addr: a redis:// (or rediss://, unix://) URL, the path
// of a Unix socket, or host:port.
func newRedisClient(addr string) (*redis.Client, error) {
	switch {
	case strings.Contains(addr, "://"):
		opts, err := redis.ParseURL(addr)
		if err != nil {
			return nil, fmt.Errorf("redis address %q: %w", addr, err)
		}
		return redis.NewClient(opts), nil
	case strings.HasPrefix(addr, "/") || strings.HasPrefix(addr, "."):
		return redis.NewClient(&redis.Options{Network: "unix", Addr: addr}), nil
	default:
		return redis.NewClient(&redis.Options{Addr: addr}), nil
	}
}

// checkStore looks at every key under prefix on the server at addr: how many there are, which have no
// TTL, and which hold token in their name or value. It then deletes them, so that a server the run did
// not start keeps nothing of it.
func checkStore(ctx context.Context, addr, prefix, token string) (*storeCheck, error) {
	rdb, err := newRedisClient(addr)
	if err != nil {
		return nil, err
	}
	defer rdb.Close()
	var keys []string
	iter := rdb.Scan(ctx, 0, redisGlob(prefix)+"*", 100).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return nil, err
	}
	st := &storeCheck{keys: len(keys)}
	for _, k := range keys {
		ttl, err := rdb.PTTL(ctx, k).Result()
		if err != nil {
			return nil, err
		}
		if ttl < 0 {
			st.withoutTTL = append(st.withoutTTL, k)
		}
		value, err := dumpValue(ctx, rdb, k)
		if err != nil {
			return nil, err
		}
		if strings.Contains(k, token) || strings.Contains(value, token) {
			st.withToken = append(st.withToken, k)
		}
	}
	if len(keys) > 0 {
		if err := rdb.Del(ctx, keys...).Err(); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// dumpValue returns key's value as text: a string as it is, a hash's fields and values, a list's or a
// set's members.
func dumpValue(ctx context.Context, rdb *redis.Client, key string) (string, error) {
	typ, err := rdb.Type(ctx, key).Result()
	if err != nil {
		return "", err
	}
	switch typ {
	case "string":
		return rdb.Get(ctx, key).Result()
	case "hash":
		m, err := rdb.HGetAll(ctx, key).Result()
		return fmt.Sprint(m), err
	case "list":
		l, err := rdb.LRange(ctx, key, 0, -1).Result()
		return fmt.Sprint(l), err
	case "set":
		l, err := rdb.SMembers(ctx, key).Result()
		return fmt.Sprint(l), err
	case "zset":
		l, err := rdb.ZRangeWithScores(ctx, key, 0, -1).Result()
		return fmt.Sprint(l), err
	}
	return "", nil
}

// redisGlob escapes the characters of s that a SCAN pattern treats specially.
func redisGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
