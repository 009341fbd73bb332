package slack_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// newTestClient returns a client of the seeded fake workspace's bot (slacktest.BotToken), reaching the
// fake in memory, and the fake itself.
func newTestClient(t testing.TB, opts ...slack.Option) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	return newClientFor(t, srv, slacktest.BotToken, opts...), srv
}

// newUserClient is newTestClient for the human admin alice (slacktest.UserToken).
func newUserClient(t testing.TB, opts ...slack.Option) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	return newClientFor(t, srv, slacktest.UserToken, opts...), srv
}

// newClientFor returns a client of srv with token; opts come after the ones that reach srv. The tier
// limiter is off, since these tests run in real time and are not about pacing (the rate-limit tests turn
// it back on with slack.WithRateLimiting(true), under synctest).
func newClientFor(t testing.TB, srv *slacktest.Server, token string, opts ...slack.Option) *slack.Client {
	t.Helper()
	all := append([]slack.Option{slack.WithHTTPClient(srv.HTTPClient()), slack.WithBaseURL(srv.URL()),
		slack.WithRateLimiting(false)}, opts...)
	c, err := slack.New(token, all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// lastRequest returns the last request the fake received for method.
func lastRequest(t testing.TB, srv *slacktest.Server, method string) slacktest.Request {
	t.Helper()
	r, ok := srv.LastRequest(method)
	if !ok {
		t.Fatalf("the server received no %s request", method)
	}
	return r
}

// checkWire returns the last request the fake received for method, after checking how it travelled: a
// POST to …/api/<method>, the token in the Authorization header and nowhere else, and the SDK's
// User-Agent.
func checkWire(t *testing.T, srv *slacktest.Server, method, token string) slacktest.Request {
	t.Helper()
	r := lastRequest(t, srv, method)
	if r.HTTPMethod != http.MethodPost {
		t.Errorf("%s sent with HTTP %s, want POST", method, r.HTTPMethod)
	}
	if !strings.HasSuffix(r.URL.Path, "/api/"+method) {
		t.Errorf("%s sent to path %q, want it to end with /api/%s", method, r.URL.Path, method)
	}
	if got, want := r.Header.Get("Authorization"), "Bearer "+token; got != want {
		t.Errorf("%s: Authorization %q, want %q", method, got, want)
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "goslack/") {
		t.Errorf("%s: User-Agent %q does not start with goslack/", method, ua)
	}
	if r.URL.RawQuery != "" || strings.Contains(r.URL.String(), token) {
		t.Errorf("%s: the URL %q carries arguments or the token", method, r.URL)
	}
	if _, found := r.Form["token"]; found {
		t.Errorf("%s: the form has a token field", method)
	}
	for k, vs := range r.Form {
		for _, v := range vs {
			if strings.Contains(v, token) {
				t.Errorf("%s: the form field %s holds the token", method, k)
			}
		}
	}
	return r
}

// assertCode checks that err is an *slack.Error (or wraps one) whose code is want, and that errors.Is
// matches the code.
func assertCode(t testing.TB, err error, want slack.ErrorCode) *slack.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", want)
	}
	if !errors.Is(err, want) {
		t.Fatalf("errors.Is(%v, %s) is false", err, want)
	}
	var se *slack.Error
	if !errors.As(err, &se) {
		t.Fatalf("%v (%T) is not a *slack.Error", err, err)
	}
	if se.Code != want {
		t.Fatalf("code %s, want %s", se.Code, want)
	}
	return se
}

// assertNothingSent checks that a call was refused before any request, with ErrInvalidArguments naming
// the argument.
func assertNothingSent(t testing.TB, srv *slacktest.Server, err error, argument string) {
	t.Helper()
	se := assertCode(t, err, slack.ErrInvalidArguments)
	if se.StatusCode != 0 {
		t.Errorf("StatusCode %d for an error caught before sending", se.StatusCode)
	}
	if !strings.Contains(err.Error(), argument) {
		t.Errorf("error %q does not name the argument %q", err, argument)
	}
	if n := srv.Count(); n != 0 {
		t.Errorf("the server received %d requests, want none", n)
	}
}

// replay is an http.RoundTripper that answers every request with the same status and body.
type replay struct {
	status int
	body   []byte
	header http.Header
}

func (r replay) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	h := r.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	return &http.Response{StatusCode: r.status, Header: h, Body: io.NopCloser(strings.NewReader(string(r.body))),
		ContentLength: int64(len(r.body)), Request: req}, nil
}

// replayClient returns a client whose every call is answered with status and body.
func replayClient(t testing.TB, status int, body []byte, opts ...slack.Option) *slack.Client {
	t.Helper()
	all := append([]slack.Option{slack.WithHTTPClient(&http.Client{Transport: replay{status: status, body: body}}),
		slack.WithBaseURL("https://slack.test/api/")}, opts...)
	c, err := slack.New("xoxb-replay", all...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// fixtureCall calls one method and returns what it returned.
type fixtureCall func(ctx context.Context, c *slack.Client) (any, error)

var (
	fixtureMu    sync.Mutex
	fixtureCalls = map[string]fixtureCall{}
)

// registerFixtures tells TestFixtures how to call each method whose fixtures are in testdata/. Each
// family's test file registers its methods from an init function.
func registerFixtures(calls map[string]fixtureCall) {
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	for method, call := range calls {
		fixtureCalls[method] = call
	}
}

// fixtureMethod finds the registered method a testdata file belongs to: "chat.postMessage.error.json"
// belongs to chat.postMessage.
func fixtureMethod(file string) (string, bool) {
	name := strings.TrimSuffix(file, ".json")
	best := ""
	for method := range fixtureCalls {
		if (name == method || strings.HasPrefix(name, method+".")) && len(method) > len(best) {
			best = method
		}
	}
	return best, best != ""
}

// TestFixtures sends every testdata/<method>[.<case>].json through its method's typed call: answers with
// ok:true must decode into a non-empty result, answers with ok:false must give their error code.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures in testdata/")
	}
	covered := map[string]bool{}
	for _, path := range files {
		file := filepath.Base(path)
		method, ok := fixtureMethod(file)
		covered[method] = ok
		t.Run(file, func(t *testing.T) {
			if !ok {
				t.Fatalf("no test registers the method of %s", file)
			}
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var env struct {
				OK    bool   `json:"ok"`
				Error string `json:"error"`
			}
			if err := json.Unmarshal(body, &env); err != nil {
				t.Fatalf("%s is not JSON: %v", file, err)
			}
			got, err := fixtureCalls[method](t.Context(), replayClient(t, http.StatusOK, body))
			if !env.OK {
				assertCode(t, err, slack.ErrorCode(env.Error))
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", method, err)
			}
			if got != nil {
				if v := reflect.ValueOf(got); v.Kind() == reflect.Pointer && v.IsNil() || v.IsZero() {
					t.Fatalf("%s decoded to an empty %T", method, got)
				}
			}
		})
	}
	registered := make([]string, 0, len(fixtureCalls))
	for m := range fixtureCalls {
		registered = append(registered, m)
	}
	slices.Sort(registered)
	for _, m := range registered {
		if !covered[m] {
			t.Errorf("%s is registered but has no fixture in testdata/", m)
		}
	}
}

// yielded is one value an iterator yielded.
type yielded[T any] struct {
	v   T
	err error
}

// collect ranges over seq and returns what it yielded. It gives up after limit yields, so an iterator that
// never ends fails the test instead of hanging it.
func collect[T any](t *testing.T, seq iter.Seq2[T, error], limit int) []yielded[T] {
	t.Helper()
	var out []yielded[T]
	for v, err := range seq {
		out = append(out, yielded[T]{v, err})
		if len(out) > limit {
			t.Fatalf("the iterator yielded more than %d values", limit)
		}
	}
	return out
}

// scriptTransport answers with its bodies in turn (the last one over and over) and records the form of
// every request.
type scriptTransport struct {
	mu     sync.Mutex
	bodies []string
	forms  []url.Values
}

func (s *scriptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	_ = req.Body.Close()
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	answer := s.bodies[min(len(s.forms), len(s.bodies)-1)]
	s.forms = append(s.forms, form)
	s.mu.Unlock()
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(answer)), ContentLength: int64(len(answer)), Request: req}, nil
}

// checkBreak checks that a break costs no further request. It ranges over the iterator start returns (a
// fresh workspace each time, pages of 2) and breaks after 1, 2 and 3 items: nothing may be sent before
// the loop starts, and each break must have cost only the pages it reached.
func checkBreak[T any](t *testing.T, method string, start func() (iter.Seq2[T, error], *slacktest.Server)) {
	t.Helper()
	for _, stopAt := range []int{1, 2, 3} {
		seq, srv := start()
		if n := srv.Count(method); n != 0 {
			t.Fatalf("%s: the iterator sent %d requests before the loop started", method, n)
		}
		n := 0
		for _, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == stopAt {
				break
			}
		}
		if got, want := srv.Count(method), (stopAt+1)/2; got != want {
			t.Errorf("%s: break after %d items: %d requests, want %d", method, stopAt, got, want)
		}
	}
}

// client returns a client whose requests s answers.
func (s *scriptTransport) client(t *testing.T) *slack.Client {
	t.Helper()
	c, err := slack.New("xoxb-script", slack.WithHTTPClient(&http.Client{Transport: s}),
		slack.WithBaseURL("https://slack.test/api/"), slack.WithRateLimiting(false))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// channelState returns the fake's copy of a conversation, failing the test if it has none.
func channelState(t *testing.T, srv *slacktest.Server, id string) slacktest.Channel {
	t.Helper()
	ch, ok := srv.Channel(id)
	if !ok {
		t.Fatalf("the fake has no conversation %s", id)
	}
	return ch
}
