package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"iter"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goslack/slack"
)

// fuzzToken is the token of the fuzzed clients; no error may quote it.
const fuzzToken = "xoxb-fuzz-0123456789"

// fuzzTransport answers every request with the same status and body, as replay does, and counts the
// requests.
type fuzzTransport struct {
	replay
	sent atomic.Int32
}

func (f *fuzzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	f.sent.Add(1)
	return f.replay.RoundTrip(req)
}

// fuzzClient returns a client whose every call is answered by tr: no limiter, no retry, no log output.
func fuzzClient(t *testing.T, tr *fuzzTransport) *slack.Client {
	t.Helper()
	c, err := slack.New(fuzzToken, slack.WithHTTPClient(&http.Client{Transport: tr}),
		slack.WithBaseURL("https://slack.test/api/"), slack.WithRateLimiting(false), slack.WithMaxRetries(0),
		slack.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// iteratorCall ranges over one iterator and returns the errors it yielded.
type iteratorCall func(ctx context.Context, c *slack.Client) []error

// drainSeq ranges over seq, giving up after limit items (the fuzz transport answers every page alike,
// and the iterators stop at a cursor they have seen, so a finite body yields finitely).
func drainSeq[T any](seq iter.Seq2[T, error], limit int) []error {
	n := 0
	var errs []error
	for _, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n++; n > limit {
			break
		}
	}
	return errs
}

// fuzzIterators are the paging iterators, by the method each one pages through, named by the service
// method that returns them.
var fuzzIterators = map[string]struct {
	name string
	call iteratorCall
}{
	"conversations.list": {"Conversations.ListAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Conversations.ListAll(ctx, nil), 1<<16)
	}},
	"conversations.members": {"Conversations.MembersAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Conversations.MembersAll(ctx, "C1", nil), 1<<16)
	}},
	"conversations.history": {"Conversations.HistoryAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Conversations.HistoryAll(ctx, "C1", nil), 1<<16)
	}},
	"conversations.replies": {"Conversations.RepliesAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Conversations.RepliesAll(ctx, "C1", "1482960137.003543", nil), 1<<16)
	}},
	"groups.list": {"Groups.ListAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Groups.ListAll(ctx, nil), 1<<16)
	}},
	"groups.history": {"Groups.HistoryAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Groups.HistoryAll(ctx, "G1", &slack.GroupsHistoryParams{Oldest: "1482960137.003543"}), 1<<16)
	}},
	"im.history": {"IM.HistoryAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.IM.HistoryAll(ctx, "D1", nil), 1<<16)
	}},
	"im.list": {"IM.ListAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.IM.ListAll(ctx, nil), 1<<16)
	}},
	"reactions.list": {"Reactions.ListAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Reactions.ListAll(ctx, nil), 1<<16)
	}},
	"chat.scheduledMessages.list": {"Chat.ListScheduledMessagesAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Chat.ListScheduledMessagesAll(ctx, nil), 1<<16)
	}},
	"users.list": {"Users.ListAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Users.ListAll(ctx, nil), 1<<16)
	}},
	"users.conversations": {"Users.ConversationsAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Users.ConversationsAll(ctx, nil), 1<<16)
	}},
	"files.list": {"Files.ListAll", func(ctx context.Context, c *slack.Client) []error {
		return drainSeq(c.Files.ListAll(ctx, nil), 1<<16)
	}},
}

// TestFuzzIteratorsListIsComplete keeps fuzzIterators in step with the API: every method of a service
// that returns an iter.Seq2 must be fuzzed.
func TestFuzzIteratorsListIsComplete(t *testing.T) {
	listed := map[string]bool{}
	for method, it := range fuzzIterators {
		if _, ok := fixtureCalls[method]; !ok {
			t.Errorf("fuzzIterators names %s, which has no fixture call", method)
		}
		listed[it.name] = true
	}
	for _, m := range sdkMethods(t) {
		if m.Iterator() && !listed[m.Name] {
			t.Errorf("the iterator %s is not in fuzzIterators", m.Name)
		}
	}
}

// fuzzMethods lists the methods of fixtureCalls in order, so an input picks the same method every time.
// A method added to the SDK shifts the indices after it: the committed corpus then lands on other
// methods, which keeps it valid input but not the same cases.
func fuzzMethods() []string {
	methods := make([]string, 0, len(fixtureCalls))
	for m := range fixtureCalls {
		methods = append(methods, m)
	}
	slices.Sort(methods)
	return methods
}

// fuzzStatuses are the statuses a FuzzResponse input picks from: every class of answer the client treats
// differently, so that a mutation of the status byte changes the path the answer takes.
var fuzzStatuses = []int{200, 204, 302, 307, 400, 404, 429, 500, 502, 503}

// fuzzPick returns the method and status that a FuzzResponse input's two selector bytes name.
func fuzzPick(methods []string, method, status uint8) (string, int) {
	return methods[int(method)%len(methods)], fuzzStatuses[int(status)%len(fuzzStatuses)]
}

// checkFuzzError checks an error a call returned for the answer status: a *slack.Error (or, for a 429,
// a *slack.RateLimitError) with a message that does not quote the token.
func checkFuzzError(t *testing.T, where string, status int, err error) slack.ErrorCode {
	t.Helper()
	msg := err.Error()
	if msg == "" {
		t.Fatalf("%s: the error's message is empty", where)
	}
	if strings.Contains(msg, fuzzToken) {
		t.Fatalf("%s: the error quotes the token: %q", where, msg)
	}
	var rl *slack.RateLimitError
	if errors.As(err, &rl) {
		if status != http.StatusTooManyRequests {
			t.Fatalf("%s: RateLimitError for HTTP %d: %v", where, status, err)
		}
		if rl.Attempts != 1 {
			t.Fatalf("%s: RateLimitError after %d attempts, want 1 (retries are off)", where, rl.Attempts)
		}
		return slack.ErrRatelimited
	}
	var se *slack.Error
	if !errors.As(err, &se) {
		t.Fatalf("%s: the error %v (%T) is not a *slack.Error", where, err, err)
	}
	if se.Code == "" {
		t.Fatalf("%s: *slack.Error with no code: %v", where, err)
	}
	if !errors.Is(err, se.Code) {
		t.Fatalf("%s: errors.Is(err, %s) is false for %v", where, se.Code, err)
	}
	if se.StatusCode != status {
		t.Fatalf("%s: StatusCode %d, want the answer's %d", where, se.StatusCode, status)
	}
	return se.Code
}

// FuzzResponse answers a method's typed call with an arbitrary status and body, so that the whole
// decode path runs: the envelope, the payload with its tolerant coercion, Time and Blocks, and what the
// method does with the result. The call must succeed or fail with a *slack.Error (a *RateLimitError for
// a 429), never panic, never return a nil pointer without an error, and send one request. The methods
// that page have their iterator run on the same answer, which must fail exactly when the call fails.
func FuzzResponse(f *testing.F) {
	methods := fuzzMethods()
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range files {
		method, ok := fixtureMethod(filepath.Base(path))
		if !ok {
			continue
		}
		body, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(slices.Index(methods, method)), uint8(0), body)
	}
	f.Fuzz(func(t *testing.T, methodByte, statusByte uint8, body []byte) {
		method, status := fuzzPick(methods, methodByte, statusByte)
		where := method + " answered HTTP " + strconv.Itoa(status)
		tr := &fuzzTransport{replay: replay{status: status, body: body}}
		got, err := fixtureCalls[method](t.Context(), fuzzClient(t, tr))
		if n := tr.sent.Load(); n != 1 {
			t.Fatalf("%s: %d requests sent, want 1", where, n)
		}
		var code slack.ErrorCode
		if err != nil {
			code = checkFuzzError(t, where, status, err)
			if status/100 == 2 && saysOK(body) {
				t.Fatalf("%s: a JSON object with \"ok\": true failed: %v (values that do not fit are dropped, not fatal)", where, err)
			}
		} else {
			if status/100 != 2 {
				t.Fatalf("%s: the call succeeded", where)
			}
			if got != nil {
				if v := reflect.ValueOf(got); v.Kind() == reflect.Pointer && v.IsNil() {
					t.Fatalf("%s: a nil %T with a nil error", where, got)
				}
			}
		}
		it, ok := fuzzIterators[method]
		if !ok {
			return
		}
		errs := it.call(t.Context(), fuzzClient(t, &fuzzTransport{replay: replay{status: status, body: body}}))
		switch {
		case err == nil && len(errs) > 0:
			t.Fatalf("%s: %s failed (%v) where the call succeeded", where, it.name, errs[0])
		case err != nil && len(errs) != 1:
			t.Fatalf("%s: %s yielded %d errors where the call failed with %v, want 1", where, it.name, len(errs), err)
		case err != nil:
			if c := checkFuzzError(t, where+" ("+it.name+")", status, errs[0]); c != code {
				t.Fatalf("%s: %s failed with %s, the call with %s", where, it.name, c, code)
			}
		}
	})
}

// saysOK reports whether body is a valid JSON object whose "ok" is true as encoding/json reads it: the
// last key that matches "ok" without regard to case holds the literal true.
func saysOK(body []byte) bool {
	if !json.Valid(body) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	ok := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return false
		}
		if key, _ := tok.(string); strings.EqualFold(key, "ok") {
			ok = string(v) == "true"
		}
	}
	return ok
}

// TestValuesThatDoNotFitAreDropped checks what FuzzResponse found: a number out of its field's range, a
// number that strconv reads but JSON does not, a timestamp that is not one and blocks that are not a
// list are each dropped from an answer, and the rest of the answer still decodes.
func TestValuesThatDoNotFitAreDropped(t *testing.T) {
	info := `{"ok":true,"channel":{"id":"C1","name":"general","created":"abc","updated":1503435956,
		"num_members":1e30,"unread_count":"+5","unread_count_display":"Infinity","priority":"NaN",
		"unlinked":"1e400","topic":{"value":"t","last_set":{}},"purpose":{"value":"p","last_set":"1503435956"}}}`
	ch, err := replayClient(t, http.StatusOK, []byte(info)).Conversations.Info(t.Context(), "C1", nil)
	if err != nil {
		t.Fatalf("conversations.info: %v", err)
	}
	for _, c := range []struct {
		field     string
		got, want any
	}{
		{"id", ch.ID, "C1"},
		{"name", ch.Name, "general"},
		{`created "abc"`, ch.Created.IsZero(), true},
		{"updated 1503435956", ch.Updated.Unix(), int64(1503435956)},
		{"num_members 1e30", ch.NumMembers, 0},
		{`unread_count "+5"`, ch.UnreadCount, 5},
		{`unread_count_display "Infinity"`, ch.UnreadCountDisplay, 0},
		{`priority "NaN"`, ch.Priority, 0.0},
		{`unlinked "1e400"`, ch.Unlinked, int64(0)},
		{"topic.value", ch.Topic.Value, "t"},
		{"topic.last_set {}", ch.Topic.LastSet.IsZero(), true},
		{`purpose.last_set "1503435956"`, ch.Purpose.LastSet.Unix(), int64(1503435956)},
	} {
		if c.got != c.want {
			t.Errorf("conversations.info %s: got %v, want %v", c.field, c.got, c.want)
		}
	}

	// One past the smallest int64: as a float it rounds back into range, yet it does not fit.
	edge := `{"ok":true,"channel":{"id":"C2","unlinked":-9223372036854775809,"num_members":"7"}}`
	ch, err = replayClient(t, http.StatusOK, []byte(edge)).Conversations.Info(t.Context(), "C2", nil)
	if err != nil {
		t.Fatalf("conversations.info: %v", err)
	}
	if ch.ID != "C2" || ch.Unlinked != 0 || ch.NumMembers != 7 {
		t.Errorf("conversations.info at the int64 edge: id %q, unlinked %d (want 0), num_members %d (want 7)",
			ch.ID, ch.Unlinked, ch.NumMembers)
	}

	history := `{"ok":true,"messages":[{"ts":"1.000002","text":"a","blocks":{"type":"divider"}},
		{"ts":"1.000001","blocks":[{"type":"divider"}],"reply_count":-1e19}]}`
	h, err := replayClient(t, http.StatusOK, []byte(history)).Conversations.History(t.Context(), "C1", nil)
	if err != nil {
		t.Fatalf("conversations.history: %v", err)
	}
	if len(h.Messages) != 2 {
		t.Fatalf("conversations.history: %d messages, want 2", len(h.Messages))
	}
	if m := h.Messages[0]; m.TS != "1.000002" || m.Text != "a" || m.Blocks != nil {
		t.Errorf("conversations.history: blocks that are an object: got message %+v, want ts, text and no blocks", m)
	}
	if m := h.Messages[1]; len(m.Blocks) != 1 || m.Blocks[0].BlockType() != "divider" || m.ReplyCount != 0 {
		t.Errorf("conversations.history: got message %+v, want one divider block and reply_count -1e19 dropped", m)
	}
}
