package slacktest

import (
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// post sends one form request to srv over client and returns the status and body.
func post(t *testing.T, client *http.Client, base, method, token string, form url.Values) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, base+method, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

// transports runs a test against the workspace over a socket and in memory.
func transports(t *testing.T, test func(t *testing.T, s *Server, client *http.Client)) {
	t.Run("http", func(t *testing.T) {
		s := NewServer()
		defer s.Close()
		test(t, s, http.DefaultClient)
	})
	t.Run("memory", func(t *testing.T) {
		s := New()
		test(t, s, s.HTTPClient())
	})
}

func TestTokens(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		for token, want := range map[string]string{"": "not_authed", "xoxb-nope": "invalid_auth", BotToken: ""} {
			_, body, err := post(t, client, s.URL(), "auth.test", token, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				OK    bool   `json:"ok"`
				Error string `json:"error"`
			}
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			if got.Error != want || got.OK != (want == "") {
				t.Errorf("token %q: got %s, want error %q", token, body, want)
			}
		}
		if n := s.Count("auth.test"); n != 3 {
			t.Errorf("recorded %d requests, want 3", n)
		}
	})
}

// TestUnknownMethod: Slack answers a method it does not know with HTTP 200 and unknown_method, whatever
// the token.
func TestUnknownMethod(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		resp, body, err := post(t, client, s.URL(), "nope.nothing", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK || string(body) != `{"error":"unknown_method","ok":false}` {
			t.Errorf("got %d %s", resp.StatusCode, body)
		}
	})
}

func TestFaults(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		s.Inject("auth.test", RateLimited("7"), HTMLError(502), Fault{Drop: true}, Fault{DropMidBody: true},
			Fault{Body: `{"ok":true,"us`})

		resp, body, err := post(t, client, s.URL(), "auth.test", BotToken, nil)
		if err != nil || resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" || !strings.Contains(string(body), "ratelimited") {
			t.Errorf("429: got %v %v %s", resp, err, body)
		}
		resp, body, err = post(t, client, s.URL(), "auth.test", BotToken, nil)
		if err != nil || resp.StatusCode != 502 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(string(body), "502 Bad Gateway") {
			t.Errorf("502: got %v %v %s", resp, err, body)
		}
		if _, _, err = post(t, client, s.URL(), "auth.test", BotToken, nil); err == nil {
			t.Error("a dropped connection gave no error")
		}
		if _, body, err = post(t, client, s.URL(), "auth.test", BotToken, nil); !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("a body cut off mid-way: got %q, %v; want io.ErrUnexpectedEOF", body, err)
		}
		if _, body, err = post(t, client, s.URL(), "auth.test", BotToken, nil); err != nil || string(body) != `{"ok":true,"us` {
			t.Errorf("truncated JSON: got %q, %v", body, err)
		}
		if _, body, err = post(t, client, s.URL(), "auth.test", BotToken, nil); err != nil || !strings.Contains(string(body), `"ok":true`) {
			t.Errorf("after the faults: got %q, %v", body, err)
		}
	})
}

func TestFaultAfterHandlingKeepsTheEffect(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		s.Inject("chat.postMessage", Fault{Drop: true, AfterHandling: true})

		_, _, err := post(t, client, s.URL(), "chat.postMessage", BotToken, url.Values{"channel": {GeneralID}, "text": {"x"}})

		if err == nil {
			t.Error("the connection was not dropped")
		}
		if m := s.Messages(GeneralID); len(m) != 1 || m[0].Text != "x" {
			t.Errorf("stored %+v, want the message", m)
		}
	})
}

func TestSlowBodyHonoursTheClientsDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New()
		s.Inject("auth.test", Fault{SlowBody: time.Hour})
		client := &http.Client{Transport: s, Timeout: 2 * time.Second}
		start := time.Now()

		_, _, err := post(t, client, s.URL(), "auth.test", BotToken, nil)

		if err == nil {
			t.Fatal("a slow body outlived the client's timeout")
		}
		if d := time.Since(start); d != 2*time.Second {
			t.Errorf("gave up after %s, want 2s", d)
		}
	})
}

func TestMessageTimestampsIncrease(t *testing.T) {
	s := New()
	prev := ""
	for i := range 50 {
		m := s.AddMessage(Message{Channel: GeneralID, Text: strconv.Itoa(i)})
		if m.TS <= prev {
			t.Fatalf("ts %s after %s", m.TS, prev)
		}
		prev = m.TS
	}
}

// TestDoesNotImportTheSDK keeps the fake independent: it answers like Slack, not like the SDK expects,
// and the SDK's internal tests (package slack) can import it without a cycle. Its external tests and
// examples (package slacktest_test) may use the SDK, as a user's tests do.
func TestDoesNotImportTheSDK(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path := strings.Trim(imp.Path.Value, `"`); path == "github.com/goslack/slack" {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}

func TestTokensOfMissingAndDeletedUsers(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		s.AddToken("xoxp-nobody", "U0NOBODY")
		s.AddUser(User{ID: "U0GONE", Name: "gone", Deleted: true})
		s.AddToken("xoxp-gone", "U0GONE")
		for _, tc := range []struct{ token, method, want string }{
			{"xoxp-nobody", "auth.test", "invalid_auth"},
			{"xoxp-nobody", "chat.postMessage", "invalid_auth"},
			{"xoxp-nobody", "conversations.list", "invalid_auth"},
			{"xoxp-gone", "auth.test", "account_inactive"},
			{"xoxp-gone", "chat.postMessage", "account_inactive"},
		} {
			_, body, err := post(t, client, s.URL(), tc.method, tc.token, url.Values{"channel": {GeneralID}, "text": {"hi"}})
			if err != nil {
				t.Fatal(err)
			}
			if want := `{"error":"` + tc.want + `","ok":false}`; string(body) != want {
				t.Errorf("%s with %s: %s, want %s", tc.method, tc.token, body, want)
			}
		}
		if msgs := s.Messages(GeneralID); len(msgs) != 0 {
			t.Errorf("posted %+v", msgs)
		}
	})
}

func TestJSONBodies(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		for body, want := range map[string]string{
			`{"channel": "C0GENERAL", "text": "hi"`: `{"error":"invalid_json","ok":false}`,
			`["C0GENERAL"]`:                         `{"error":"json_not_object","ok":false}`,
		} {
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL()+"chat.postMessage",
				strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json; charset=utf-8")
			req.Header.Set("Authorization", "Bearer "+BotToken)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("body %s: answered %s, want %s", body, got, want)
			}
		}
	})
}
