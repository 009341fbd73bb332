package slacktest_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goslack/slack/slacktest"
)

// settledGoroutines waits (briefly, in real time: goroutines of closed connections end asynchronously)
// for the goroutine count to drop to at most want, and returns the last count seen.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); n > want && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// TestThousandFakesLeaveNoGoroutine starts and closes 1,000 fakes, half of them listening, each
// answering requests in memory and (when listening) over a socket, and checks the goroutine count
// returns to where it started.
func TestThousandFakesLeaveNoGoroutine(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 1,000 servers")
	}
	transport := &http.Transport{}
	client := &http.Client{Transport: transport}
	before := runtime.NumGoroutine()
	for i := range 1000 {
		var opts []slacktest.Option
		if i%2 == 0 {
			opts = append(opts, slacktest.Listen())
		}
		srv, err := slacktest.Open(opts...)
		if err != nil {
			t.Fatal(err)
		}
		// In memory, and over the socket when there is one.
		for _, c := range []*http.Client{srv.HTTPClient(), client} {
			if c == client && i%2 != 0 {
				continue
			}
			resp, err := c.PostForm(srv.URL()+"chat.postMessage?token="+slacktest.BotToken,
				url.Values{"channel": {slacktest.GeneralID}, "text": {fmt.Sprint(i)}})
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		srv.Close()
	}
	transport.CloseIdleConnections()
	if after := settledGoroutines(before); after > before {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines before, %d after closing 1,000 fakes:\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

// TestClosedFakeRefusesInMemoryRequests: a request after Close fails at once, as one to a closed
// listener would.
func TestClosedFakeRefusesInMemoryRequests(t *testing.T) {
	srv := slacktest.New()
	srv.Close()
	_, err := srv.HTTPClient().Get(srv.URL() + "auth.test")
	if !errors.Is(err, slacktest.ErrClosed) {
		t.Fatalf("got %v, want ErrClosed", err)
	}
}

// TestNewTClosesAtCleanup: the workspace NewT makes is closed when its test ends.
func TestNewTClosesAtCleanup(t *testing.T) {
	var srv *slacktest.Server
	var base string
	t.Run("inner", func(t *testing.T) {
		srv = slacktest.NewT(t, slacktest.Listen())
		base = srv.URL()
		if !strings.HasPrefix(base, "http://127.0.0.1:") {
			t.Fatalf("URL %q, want a loopback listener", base)
		}
		resp, err := http.Get(base + "auth.test")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	})
	if _, err := srv.HTTPClient().Get(base + "auth.test"); !errors.Is(err, slacktest.ErrClosed) {
		t.Errorf("in memory after the test: %v, want ErrClosed", err)
	}
	if resp, err := http.Get(base + "auth.test"); err == nil {
		resp.Body.Close()
		t.Errorf("the listener still answers after the test")
	}
}

// TestConcurrentUse drives one fake from 32 goroutines at once, in memory and over HTTP, while others
// seed, inspect, inject faults, override a method and read the log; run with -race. Every post lands
// exactly once, and the log holds every request.
func TestConcurrentUse(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.Listen())
	srv.OnRequest(func(slacktest.Request) {})
	const workers, posts = 32, 20
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			client := srv.HTTPClient()
			if w%2 == 1 {
				client = http.DefaultClient
			}
			for i := range posts {
				text := fmt.Sprintf("w%d-%d", w, i)
				got := post(t, client, srv.URL(), "chat.postMessage", url.Values{"channel": {slacktest.GeneralID}, "text": {text}})
				if got["ok"] != true {
					t.Errorf("%s: %v", text, got)
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 200 {
			srv.AddUser(slacktest.User{ID: fmt.Sprintf("U%d", i), Name: fmt.Sprintf("user%d", i)})
			_ = srv.Messages(slacktest.GeneralID)
			_, _ = srv.Channel("general")
			_ = srv.Requests("chat.postMessage")
			_ = srv.Snapshot()
			srv.Inject("auth.test", slacktest.RateLimited("1"))
			srv.Respond("reactions.add", func(slacktest.Request) any { return map[string]any{"ok": true} })
			srv.SetRateLimit("users.info", 1000, 10)
			srv.ClearFaults()
		}
	})
	wg.Wait()
	if n := len(srv.Messages(slacktest.GeneralID)); n != workers*posts {
		t.Errorf("%d messages stored, want %d", n, workers*posts)
	}
	srv.AssertCalled(t, "chat.postMessage", workers*posts)
	seen := map[string]bool{}
	for _, m := range srv.Messages(slacktest.GeneralID) {
		if seen[m.TS] {
			t.Errorf("ts %s handed out twice", m.TS)
		}
		seen[m.TS] = true
	}
}

// post sends one form request with the bot's token and decodes the answer.
func post(t *testing.T, client *http.Client, base, method string, args url.Values) map[string]any {
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base+method, strings.NewReader(args.Encode()))
	if err != nil {
		t.Error(err)
		return nil
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+slacktest.BotToken)
	resp, err := client.Do(req)
	if err != nil {
		t.Error(err)
		return nil
	}
	defer resp.Body.Close()
	var got map[string]any
	if err := decodeJSON(resp.Body, &got); err != nil {
		t.Errorf("%s: %v", method, err)
	}
	return got
}
