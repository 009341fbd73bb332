package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// The fault matrix: each cell is one failure the fake workspace injects into conversations.history (a
// read, retried on 5xx and lost connections) and chat.postMessage (a write, never sent twice once it may
// have reached Slack), with what each method must get. The same cells drive the token-hygiene test and
// render the README's reliability table.

// matrixRead and matrixWrite are the two methods of the matrix.
const (
	matrixRead  = "conversations.history"
	matrixWrite = "chat.postMessage"
)

// outcome is what one method gets in one cell.
type outcome struct {
	code     slack.ErrorCode // an *slack.Error with this code ("" for none)
	status   int             // the *slack.Error's StatusCode
	needed   string          // its Needed and Provided, for missing_scope
	provided string
	limited  bool          // a *slack.RateLimitError whose Attempts is attempts
	is       error         // an error that errors.Is matches with this
	isName   string        // how the README names is
	attempts int           // requests the SDK sent
	received int           // requests the fake received, for the cells that refuse connections (else attempts)
	stored   int           // messages the fake stored (the write only)
	elapsed  time.Duration // how long the call takes on synctest's clock, if not 0; after 429s, see checkRetryWaits
}

func (o outcome) succeeds() bool { return o.code == "" && !o.limited && o.is == nil }

// succeeds: the call works after attempts requests.
func succeeds(attempts, stored int) outcome { return outcome{attempts: attempts, stored: stored} }

// slackError: the call fails with an *slack.Error.
func slackError(code slack.ErrorCode, status, attempts, stored int) outcome {
	return outcome{code: code, status: status, attempts: attempts, stored: stored}
}

// rateLimited: the call fails with a *slack.RateLimitError.
func rateLimited(attempts int) outcome { return outcome{limited: true, attempts: attempts} }

// wraps: the call fails with an error that errors.Is matches with target.
func wraps(target error, name string, attempts, stored int) outcome {
	return outcome{is: target, isName: name, attempts: attempts, stored: stored}
}

// after sets how long the call takes: for a cell of 429s, the waits their Retry-After asks for, in all.
func (o outcome) after(d time.Duration) outcome { o.elapsed = d; return o }

// receivedOnly sets how many requests reach the fake when some connections are refused.
func (o outcome) receivedOnly(n int) outcome { o.received = n; return o }

// faultCell is one row of the matrix.
type faultCell struct {
	name  string
	fault slacktest.Fault
	// lostAnswer makes the write's fault come after Slack did the work (AfterHandling): the message is
	// stored and only the answer fails.
	lostAnswer bool
	// refuse fails this many connections before they are made (-1: all), as a refused dial does.
	refuse   int
	maxBytes int64         // WithMaxResponseBytes, if not 0
	deadline time.Duration // the call's context deadline, if not 0
	read     outcome
	write    outcome
}

const (
	seededText = "seeded before the faults"
	postedText = "posted through the faults"
)

var (
	retryAfter3s     = slacktest.RateLimited("3")
	noRetryAfter     = slacktest.RateLimited("")
	plain500         = slacktest.Fault{Status: http.StatusInternalServerError, EmptyBody: true}
	html502          = slacktest.HTMLError(http.StatusBadGateway)
	slack503         = slacktest.HTTPStatus(http.StatusServiceUnavailable, "application/json", `{"ok":false,"error":"service_unavailable"}`)
	dropped          = slacktest.Fault{Drop: true}
	droppedMidBody   = slacktest.Fault{DropMidBody: true}
	connectionReset  = wraps(slacktest.ErrConnectionReset, "transport error (connection reset)", 0, 0)
	unexpectedEOF    = wraps(io.ErrUnexpectedEOF, "transport error (`io.ErrUnexpectedEOF`)", 0, 0)
	connRefused      = wraps(syscall.ECONNREFUSED, "transport error (connection refused)", 0, 0)
	deadlineExceeded = wraps(context.DeadlineExceeded, "`context.DeadlineExceeded`", 0, 0)
)

// always makes a fault persistent.
func always(f slacktest.Fault) slacktest.Fault { f.Times = -1; return f }

// with sets the attempts and stored count of an outcome template.
func with(o outcome, attempts, stored int) outcome { o.attempts, o.stored = attempts, stored; return o }

const maxAttempts = 1 + slack.DefaultMaxRetries

var faultCells = []faultCell{
	{name: "429 with Retry-After: 3", fault: retryAfter3s,
		read: succeeds(2, 0).after(3 * time.Second), write: succeeds(2, 1).after(3 * time.Second)},
	{name: "429 without Retry-After", fault: noRetryAfter,
		read: succeeds(2, 0), write: succeeds(2, 1)},
	{name: "500, empty body", fault: plain500, lostAnswer: true,
		read: succeeds(2, 0), write: slackError(slack.ErrHTTPError, 500, 1, 1)},
	{name: "502, HTML body", fault: html502, lostAnswer: true,
		read: succeeds(2, 0), write: slackError(slack.ErrHTTPError, 502, 1, 1)},
	{name: "503, Slack's JSON body", fault: slack503, lostAnswer: true,
		read: succeeds(2, 0), write: slackError(slack.ErrServiceUnavailable, 503, 1, 1)},
	{name: "connection refused (never made)", refuse: 1,
		read: succeeds(2, 0).receivedOnly(1), write: succeeds(2, 1).receivedOnly(1)},
	{name: "connection dropped before the answer", fault: dropped, lostAnswer: true,
		read: succeeds(2, 0), write: with(connectionReset, 1, 1)},
	{name: "connection dropped mid-body", fault: droppedMidBody, lostAnswer: true,
		read: succeeds(2, 0), write: with(unexpectedEOF, 1, 1)},
	{name: "truncated JSON, 200", lostAnswer: true,
		fault: slacktest.Fault{Body: `{"ok":true,"channel":"` + slacktest.GeneralID + `","ts":"17`},
		read:  slackError(slack.ErrInvalidResponse, 200, 1, 0), write: slackError(slack.ErrInvalidResponse, 200, 1, 1)},
	{name: "HTML, 200", fault: slacktest.HTMLError(http.StatusOK), lostAnswer: true,
		read: slackError(slack.ErrInvalidResponse, 200, 1, 0), write: slackError(slack.ErrInvalidResponse, 200, 1, 1)},
	{name: "empty body, 200", fault: slacktest.Fault{EmptyBody: true}, lostAnswer: true,
		read: slackError(slack.ErrInvalidResponse, 200, 1, 0), write: slackError(slack.ErrInvalidResponse, 200, 1, 1)},
	{name: "body slower than the 10 s deadline", fault: slacktest.Fault{SlowBody: time.Minute}, lostAnswer: true,
		deadline: 10 * time.Second,
		read:     with(deadlineExceeded, 1, 0).after(10 * time.Second), write: with(deadlineExceeded, 1, 1).after(10 * time.Second)},
	{name: "ok:false, documented code", fault: slacktest.Fault{Body: `{"ok":false,"error":"channel_not_found"}`},
		read: slackError(slack.ErrChannelNotFound, 200, 1, 0), write: slackError(slack.ErrChannelNotFound, 200, 1, 0)},
	{name: "ok:false, undocumented code", fault: slacktest.Fault{Body: `{"ok":false,"error":"brand_new_failure"}`},
		read:  slackError("brand_new_failure", 200, 1, 0),
		write: slackError("brand_new_failure", 200, 1, 0)},
	{name: "ok:false, missing_scope with needed/provided",
		fault: slacktest.Fault{Body: `{"ok":false,"error":"missing_scope","needed":"channels:history,chat:write","provided":"users:read"}`},
		read:  scope(slackError(slack.ErrMissingScope, 200, 1, 0)),
		write: scope(slackError(slack.ErrMissingScope, 200, 1, 0))},
	{name: "4 KiB body over a 1 KiB `WithMaxResponseBytes`", maxBytes: 1024, lostAnswer: true,
		fault: slacktest.Fault{Body: `{"ok":true,"padding":"` + strings.Repeat("x", 4096) + `"}`},
		read:  slackError(slack.ErrResponseTooLarge, 200, 1, 0), write: slackError(slack.ErrResponseTooLarge, 200, 1, 1)},

	{name: "429 with Retry-After: 3, every time", fault: always(retryAfter3s),
		read: rateLimited(maxAttempts).after(9 * time.Second), write: rateLimited(maxAttempts).after(9 * time.Second)},
	{name: "429 without Retry-After, every time", fault: always(noRetryAfter),
		read: rateLimited(maxAttempts), write: rateLimited(maxAttempts)},
	{name: "500, empty body, every time", fault: always(plain500), lostAnswer: true,
		read: slackError(slack.ErrHTTPError, 500, maxAttempts, 0), write: slackError(slack.ErrHTTPError, 500, 1, 1)},
	{name: "502, HTML body, every time", fault: always(html502), lostAnswer: true,
		read: slackError(slack.ErrHTTPError, 502, maxAttempts, 0), write: slackError(slack.ErrHTTPError, 502, 1, 1)},
	{name: "503, Slack's JSON body, every time", fault: always(slack503), lostAnswer: true,
		read:  slackError(slack.ErrServiceUnavailable, 503, maxAttempts, 0),
		write: slackError(slack.ErrServiceUnavailable, 503, 1, 1)},
	{name: "connection refused, every time", refuse: -1,
		read: with(connRefused, maxAttempts, 0).receivedOnly(0), write: with(connRefused, maxAttempts, 0).receivedOnly(0)},
	{name: "connection dropped before the answer, every time", fault: always(dropped), lostAnswer: true,
		read: with(connectionReset, maxAttempts, 0), write: with(connectionReset, 1, 1)},
	{name: "connection dropped mid-body, every time", fault: always(droppedMidBody), lostAnswer: true,
		read: with(unexpectedEOF, maxAttempts, 0), write: with(unexpectedEOF, 1, 1)},
}

// scope adds the missing_scope details the cell's body carries.
func scope(o outcome) outcome {
	o.needed, o.provided = "channels:history,chat:write", "users:read"
	return o
}

// countingTransport counts the requests the SDK sends and refuses the first refuse of them (-1: all) as a
// connection that was never made.
type countingTransport struct {
	next   http.RoundTripper
	mu     sync.Mutex
	refuse int
	sent   int
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.sent++
	refused := c.refuse < 0 || c.sent <= c.refuse
	c.mu.Unlock()
	if refused {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	return c.next.RoundTrip(req)
}

// faultRun is what one method got in one cell.
type faultRun struct {
	err      error
	sent     int
	elapsed  time.Duration
	history  *slack.HistoryResponse
	post     *slack.ChatPostMessageResponse
	seeded   slacktest.Message
	srv      *slacktest.Server
	logs     *bytes.Buffer
	received int
	stored   []slacktest.Message
}

// runFaultCell makes a fresh fake workspace and a client with the default options (limiter on, default
// retries and waits) logging at Debug level, injects the cell's fault and calls method once. It runs
// inside a synctest bubble.
func runFaultCell(t *testing.T, cell faultCell, method string) faultRun {
	t.Helper()
	srv := slacktest.New()
	run := faultRun{srv: srv, logs: new(bytes.Buffer)}
	run.seeded = srv.AddMessage(slacktest.Message{Channel: slacktest.GeneralID, User: slacktest.AliceID, Text: seededText})
	tr := &countingTransport{next: srv.HTTPClient().Transport, refuse: cell.refuse}
	opts := []slack.Option{
		slack.WithHTTPClient(&http.Client{Transport: tr}),
		slack.WithBaseURL(srv.URL()),
		slack.WithLogger(slog.New(slog.NewJSONHandler(run.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	}
	if cell.maxBytes > 0 {
		opts = append(opts, slack.WithMaxResponseBytes(cell.maxBytes))
	}
	c, err := slack.New(slacktest.BotToken, opts...)
	if err != nil {
		t.Fatalf("%s / %s: New: %v", cell.name, method, err)
	}
	fault := cell.fault
	if method == matrixWrite && cell.lostAnswer {
		fault.AfterHandling = true
	}
	if fault != (slacktest.Fault{}) {
		srv.Inject(method, fault)
	}
	ctx := t.Context()
	if cell.deadline > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cell.deadline)
		defer cancel()
	}
	start := time.Now()
	switch method {
	case matrixRead:
		run.history, run.err = c.Conversations.History(ctx, slacktest.GeneralID, &slack.ConversationsHistoryParams{Limit: 100})
	case matrixWrite:
		run.post, run.err = c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: postedText})
	default:
		t.Fatalf("%s: no call for method %s", cell.name, method)
	}
	run.elapsed = time.Since(start)
	synctest.Wait() // let the fake's handler finish what it does after the answer was lost
	run.sent = tr.sent
	run.received = srv.Count(method)
	for _, m := range srv.Messages(slacktest.GeneralID) {
		if m.TS != run.seeded.TS {
			run.stored = append(run.stored, m)
		}
	}
	return run
}

// faultCase is one cell for one method; where names both in failure messages ("502, HTML body /
// chat.postMessage").
type faultCase struct {
	cell   faultCell
	method string
	want   outcome
	where  string
}

// forEachFaultCell runs every cell for both methods, each in its own subtest and synctest bubble, and
// hands the result to check.
func forEachFaultCell(t *testing.T, check func(t *testing.T, fc faultCase, run faultRun)) {
	for _, cell := range faultCells {
		for _, method := range []string{matrixRead, matrixWrite} {
			want := cell.read
			if method == matrixWrite {
				want = cell.write
			}
			t.Run(cell.name+"/"+method, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					fc := faultCase{cell: cell, method: method, want: want, where: cell.name + " / " + method}
					check(t, fc, runFaultCell(t, cell, method))
				})
			})
		}
	}
}

func TestFaultMatrix(t *testing.T) {
	forEachFaultCell(t, func(t *testing.T, fc faultCase, run faultRun) {
		where, want := fc.where, fc.want
		checkOutcome(t, fc, run)
		wantReceived := want.attempts
		if fc.cell.refuse != 0 {
			wantReceived = want.received
		}
		if run.sent != want.attempts {
			t.Errorf("%s: attempts %d, want %d (err %v)", where, run.sent, want.attempts, run.err)
		}
		if run.received != wantReceived {
			t.Errorf("%s: the fake received %d requests, want %d", where, run.received, wantReceived)
		}
		if len(run.stored) > 1 {
			t.Errorf("%s: the fake stored %d messages: a write was sent twice", where, len(run.stored))
		}
		if len(run.stored) != want.stored {
			t.Errorf("%s: messages stored %d, want %d", where, len(run.stored), want.stored)
		}
		for _, m := range run.stored {
			if m.Text != postedText {
				t.Errorf("%s: stored message %q, want %q", where, m.Text, postedText)
			}
		}
		switch {
		case want.elapsed != 0 && fc.cell.fault.Status == http.StatusTooManyRequests:
			checkRetryWaits(t, fc, run)
		case want.elapsed != 0 && run.elapsed != want.elapsed:
			t.Errorf("%s: the call took %s, want %s", where, run.elapsed, want.elapsed)
		}
	})
}

// checkRetryWaits checks the waits of a call whose 429s name a Retry-After (the cell's elapsed, shared
// among its retries): every 429 lowers the method's rate, and each retry goes when its pause ends, or
// later by less than one interval of the rate the 429 taught (the limiter spreads the end of a pause).
// The call returns with its last answer.
func checkRetryWaits(t *testing.T, fc faultCase, run faultRun) {
	t.Helper()
	reqs := run.srv.Requests(fc.method)
	rates := lessonRates(t, run.logs)
	limited := len(reqs) - 1 // the last answer is a success
	if fc.want.limited {
		limited = len(reqs)
	}
	if len(reqs) < 2 || len(rates) != limited {
		t.Fatalf("%s: %d requests, %d lessons logged; want one lesson for each of %d 429s", fc.where, len(reqs),
			len(rates), limited)
	}
	checkRetries(t, reqs, fc.want.elapsed/time.Duration(len(reqs)-1), rates, fc.where)
	if want := reqs[len(reqs)-1].Time.Sub(reqs[0].Time); run.elapsed != want {
		t.Errorf("%s: the call took %s, want %s: until its last answer", fc.where, run.elapsed, want)
	}
}

// checkOutcome checks the result or the error of a run against want.
func checkOutcome(t *testing.T, fc faultCase, run faultRun) {
	t.Helper()
	where, want, err := fc.where, fc.want, run.err
	switch {
	case want.succeeds():
		if err != nil {
			t.Errorf("%s: error %v, want success", where, err)
			return
		}
		if run.history != nil {
			if len(run.history.Messages) != 1 || run.history.Messages[0].TS != run.seeded.TS ||
				run.history.Messages[0].Text != seededText {
				t.Errorf("%s: history %+v, want the seeded message %s", where, run.history.Messages, run.seeded.TS)
			}
		}
		if run.post != nil {
			if len(run.stored) != 1 || run.post.TS != run.stored[0].TS || run.post.Channel != slacktest.GeneralID {
				t.Errorf("%s: posted ts %q in %q, the fake stored %+v", where, run.post.TS, run.post.Channel, run.stored)
			}
		}
	case want.limited:
		var rl *slack.RateLimitError
		if !errors.As(err, &rl) {
			t.Errorf("%s: error %v (%T), want a *slack.RateLimitError", where, err, err)
			return
		}
		if rl.Attempts != want.attempts || rl.Method != fc.method {
			t.Errorf("%s: RateLimitError %+v, want Attempts %d", where, *rl, want.attempts)
		}
		if !errors.Is(err, slack.ErrRatelimited) {
			t.Errorf("%s: errors.Is(%v, ErrRatelimited) is false", where, err)
		}
	case want.code != "":
		var se *slack.Error
		if !errors.As(err, &se) {
			t.Errorf("%s: error %v (%T), want a *slack.Error %s", where, err, err, want.code)
			return
		}
		if se.Code != want.code || se.StatusCode != want.status || se.Method != fc.method {
			t.Errorf("%s: *slack.Error %s (HTTP %d) from %s, want %s (HTTP %d)", where, se.Code, se.StatusCode,
				se.Method, want.code, want.status)
		}
		if !errors.Is(err, want.code) {
			t.Errorf("%s: errors.Is(%v, %s) is false", where, err, want.code)
		}
		if se.Needed != want.needed || se.Provided != want.provided {
			t.Errorf("%s: needed %q provided %q, want %q and %q", where, se.Needed, se.Provided, want.needed, want.provided)
		}
	default:
		if !errors.Is(err, want.is) {
			t.Errorf("%s: error %v (%T), want one wrapping %v", where, err, err, want.is)
		}
		var se *slack.Error
		if errors.As(err, &se) {
			t.Errorf("%s: error %v is a *slack.Error %s, want a transport or context error", where, err, se.Code)
		}
	}
}

func TestTokenNeverLeaksAcrossTheFaultMatrix(t *testing.T) {
	token := slacktest.BotToken
	var mu sync.Mutex
	retryRecords := 0
	forEachFaultCell(t, func(t *testing.T, fc faultCase, run faultRun) {
		where, want := fc.where, fc.want
		var texts []string
		if run.err != nil {
			texts = append(texts, run.err.Error(), fmt.Sprintf("%v", run.err), fmt.Sprintf("%+v", run.err),
				fmt.Sprintf("%#v", run.err))
			var se *slack.Error
			if errors.As(run.err, &se) {
				texts = append(texts, fmt.Sprintf("%+v", *se), fmt.Sprintf("%#v", *se))
			}
			var rl *slack.RateLimitError
			if errors.As(run.err, &rl) {
				texts = append(texts, fmt.Sprintf("%#v", *rl))
			}
			for e := errors.Unwrap(run.err); e != nil; e = errors.Unwrap(e) {
				texts = append(texts, e.Error(), fmt.Sprintf("%#v", e))
			}
		} else if !want.succeeds() {
			t.Errorf("%s: no error to inspect", where)
		}
		for i, s := range texts {
			if strings.Contains(s, token) {
				t.Errorf("%s: error text %d holds the token: %s", where, i, s)
			}
		}

		logs := run.logs.String()
		if strings.Contains(logs, token) {
			t.Errorf("%s: the log holds the token:\n%s", where, logs)
		}
		attempts, retries := 0, 0
		for line := range strings.Lines(logs) {
			var r struct {
				Msg string `json:"msg"`
			}
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%s: log line %q: %v", where, line, err)
			}
			switch r.Msg {
			case "slack: attempt":
				attempts++
			case "slack: retrying", "slack: rate limited, retrying":
				retries++
			}
		}
		if attempts != want.attempts {
			t.Errorf("%s: %d attempt records for %d attempts:\n%s", where, attempts, want.attempts, logs)
		}
		if want.attempts > 1 && retries == 0 {
			t.Errorf("%s: no retry record for %d attempts:\n%s", where, want.attempts, logs)
		}
		mu.Lock()
		retryRecords += retries
		mu.Unlock()

		reqs := run.srv.Requests()
		if len(reqs) != run.received {
			t.Errorf("%s: %d requests recorded, %d counted", where, len(reqs), run.received)
		}
		for _, r := range reqs {
			if got := r.Header.Get("Authorization"); got != "Bearer "+token {
				t.Errorf("%s: Authorization %q, want the bot's bearer token", where, got)
			}
			if strings.Contains(r.URL.String(), token) {
				t.Errorf("%s: the URL %s holds the token", where, r.URL)
			}
			for k, vs := range r.Form {
				for _, v := range vs {
					if strings.Contains(k, token) || strings.Contains(v, token) {
						t.Errorf("%s: the form field %s holds the token", where, k)
					}
				}
			}
			for k, vs := range r.Header {
				for _, v := range vs {
					if k != "Authorization" && strings.Contains(v, token) {
						t.Errorf("%s: the header %s holds the token", where, k)
					}
				}
			}
		}
	})
	if retryRecords == 0 {
		t.Error("the matrix logged no retry at all: the capture is empty")
	}
}

// redirector answers the first request with a redirect to location and every later one with a posted
// message, recording every request it receives.
type redirector struct {
	status   int
	location string
	mu       sync.Mutex
	got      []recordedRequest
}

type recordedRequest struct {
	method, url, auth, body string
}

func (r *redirector) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
	}
	r.mu.Lock()
	r.got = append(r.got, recordedRequest{req.Method, req.URL.String(), req.Header.Get("Authorization"), string(body)})
	first := len(r.got) == 1
	r.mu.Unlock()
	resp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Request: req,
		Body: io.NopCloser(strings.NewReader(`{"ok":true,"channel":"C1","ts":"1.000100"}`))}
	if first {
		resp.StatusCode = r.status
		resp.Header.Set("Location", r.location)
		resp.Body = io.NopCloser(strings.NewReader(""))
	}
	return resp, nil
}

func (r *redirector) requests() []recordedRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]recordedRequest(nil), r.got...)
}

func TestRedirectsLeavingTheBaseURLAreNotFollowed(t *testing.T) {
	for _, tc := range []struct {
		base, location string
		follow         bool
	}{
		{"https://slack.test/api/", "http://other.example/api/chat.postMessage", false},
		{"https://slack.test/api/", "https://other.example/api/chat.postMessage", false},
		{"https://slack.test/api/", "http://slack.test/api/chat.postMessage", false},
		{"https://slack.test/api/", "https://slack.test:8443/api/chat.postMessage", false},
		{"https://slack.test/api/", "https://slack.test/api/chat.postMessage?moved=1", true},
		{"https://slack.test/api/", "/api/v2/chat.postMessage", true},
		{"http://127.0.0.1:8080/api/", "http://127.0.0.1:8080/api/v2/chat.postMessage", true},
		{"http://127.0.0.1:8080/api/", "http://127.0.0.1:9090/api/chat.postMessage", false},
		{"http://127.0.0.1:8080/api/", "http://localhost:8080/api/chat.postMessage", false},
		{"http://127.0.0.1:8080/api/", "https://127.0.0.1:8080/api/chat.postMessage", false},
		{"https://slack.test/api/", "https://SLACK.test/api/v2/chat.postMessage", false},
		{"https://slack.test/api/", "https://slack.test:443/api/v2/chat.postMessage", true},
		{"https://slack.test/api/", "https://slack.test@other.example/api/chat.postMessage", false},
		{"https://slack.test/api/", "//other.example/api/chat.postMessage", false},
		{"https://slack.test/api/", "https://slack.test.other.example/api/chat.postMessage", false},
		{"http://[::1]:8080/api/", "http://[::1]:8080/api/v2/chat.postMessage", true},
		{"http://[::1]:8080/api/", "http://[::1]:9090/api/chat.postMessage", false},
		{"https://σ.example/api/", "https://ς.example/api/chat.postMessage", false},
	} {
		for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect,
			http.StatusPermanentRedirect} {
			name := fmt.Sprintf("%d from %s to %s", status, tc.base, tc.location)
			t.Run(name, func(t *testing.T) {
				rt := &redirector{status: status, location: tc.location}
				hc := &http.Client{Transport: rt, Timeout: time.Minute}
				c, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(hc), slack.WithBaseURL(tc.base))
				if err != nil {
					t.Fatalf("%s: New: %v", name, err)
				}

				resp, err := c.Chat.PostMessage(t.Context(), "C1", &slack.ChatPostMessageParams{Text: "hi"})

				reqs := rt.requests()
				if hc.CheckRedirect != nil || hc.Transport != rt || hc.Timeout != time.Minute {
					t.Errorf("%s: New changed the caller's *http.Client", name)
				}
				if len(reqs) == 0 || reqs[0].auth != "Bearer "+slacktest.BotToken {
					t.Fatalf("%s: the first request is %+v", name, reqs)
				}
				if !tc.follow {
					if len(reqs) != 1 {
						t.Errorf("%s: %d requests, want 1: the redirect was followed: %+v", name, len(reqs), reqs[1:])
					}
					var se *slack.Error
					if !errors.As(err, &se) || se.Code != slack.ErrHTTPError || se.StatusCode != status {
						t.Errorf("%s: error %v, want an *slack.Error http_error with StatusCode %d", name, err, status)
					}
					return
				}
				if err != nil || resp.TS != "1.000100" {
					t.Fatalf("%s: got %+v, %v; want the redirect followed", name, resp, err)
				}
				if len(reqs) != 2 {
					t.Fatalf("%s: %d requests, want 2", name, len(reqs))
				}
				if reqs[1].auth != reqs[0].auth {
					t.Errorf("%s: the followed request's Authorization is %q", name, reqs[1].auth)
				}
				replays := status == http.StatusTemporaryRedirect || status == http.StatusPermanentRedirect
				if replays && (reqs[1].method != http.MethodPost || reqs[1].body != reqs[0].body) {
					t.Errorf("%s: the followed request is %s %q, want the POST %q again", name, reqs[1].method,
						reqs[1].body, reqs[0].body)
				}
			})
		}
	}
}

func TestRedirectLoopEndsWithTheRedirect(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		sent := 0
		loop := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			sent++
			mu.Unlock()
			return &http.Response{StatusCode: http.StatusTemporaryRedirect, Request: r,
				Header: http.Header{"Location": {"https://slack.test/api/conversations.history"}},
				Body:   io.NopCloser(strings.NewReader(""))}, nil
		})
		c, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(&http.Client{Transport: loop}),
			slack.WithBaseURL("https://slack.test/api/"))
		if err != nil {
			t.Fatal(err)
		}

		_, err = c.Conversations.History(t.Context(), slacktest.GeneralID, nil)

		var se *slack.Error
		if !errors.As(err, &se) || se.Code != slack.ErrHTTPError || se.StatusCode != http.StatusTemporaryRedirect {
			t.Errorf("a redirect loop: error %v, want http_error (HTTP 307)", err)
		}
		if sent != 10 {
			t.Errorf("a redirect loop: %d requests, want 10 (the redirects followed), and no retry", sent)
		}
	})
}

func TestRedirectsStillAskTheCallersCheckRedirect(t *testing.T) {
	asked := 0
	refusal := errors.New("no redirects here")
	rt := &redirector{status: http.StatusTemporaryRedirect, location: "https://slack.test/api/v2/auth.test"}
	hc := &http.Client{Transport: rt, CheckRedirect: func(*http.Request, []*http.Request) error {
		asked++
		return refusal
	}}
	newClient := func() *slack.Client {
		c, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(hc), slack.WithBaseURL(slacktest.InMemoryURL),
			slack.WithRateLimiting(false))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	err := newClient().Call(t.Context(), "auth.test", nil, nil)

	if !errors.Is(err, refusal) || asked != 1 {
		t.Errorf("same-origin redirect: error %v after %d calls of the caller's CheckRedirect; want its refusal, once",
			err, asked)
	}
	if n := len(rt.requests()); n != 1 {
		t.Errorf("same-origin redirect refused by the caller: %d requests, want 1 (a refusal is not retried)", n)
	}

	rt = &redirector{status: http.StatusTemporaryRedirect, location: "https://other.example/api/auth.test"}
	hc.Transport = rt
	asked = 0
	err = newClient().Call(t.Context(), "auth.test", nil, nil)

	var se *slack.Error
	if !errors.As(err, &se) || se.Code != slack.ErrHTTPError || se.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("redirect to another host: error %v, want http_error (HTTP 307)", err)
	}
	if asked != 0 || len(rt.requests()) != 1 {
		t.Errorf("redirect to another host: %d requests, caller asked %d times; want 1 request and no question",
			len(rt.requests()), asked)
	}
}

// describe says in the README's words what a method gets.
func (o outcome) describe() string {
	var s string
	switch {
	case o.succeeds():
		s = "ok"
	case o.limited:
		s = "`*RateLimitError`"
	case o.code != "":
		s = fmt.Sprintf("`*Error` `%s` (HTTP %d)", o.code, o.status)
		if o.needed != "" {
			s += " with `Needed`, `Provided`"
		}
	default:
		s = o.isName
	}
	if o.elapsed != 0 {
		s += fmt.Sprintf(", after %s", o.elapsed)
	}
	return s
}

// attemptsText gives the attempts, and the requests the fake received when fewer.
func (o outcome) attemptsText(cell faultCell) string {
	if cell.refuse != 0 && o.received != o.attempts {
		return fmt.Sprintf("%d (%d reached the server)", o.attempts, o.received)
	}
	return fmt.Sprint(o.attempts)
}

// faultTable renders the matrix as the README's Markdown table.
func faultTable() string {
	var b strings.Builder
	b.WriteString("| fault | read (`conversations.history`) gets | attempts | write (`chat.postMessage`) gets | attempts | messages stored |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	for _, c := range faultCells {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %d |\n", c.name, c.read.describe(), c.read.attemptsText(c),
			c.write.describe(), c.write.attemptsText(c), c.write.stored)
	}
	return b.String()
}

func TestReliabilityTableMatchesTheFaultMatrix(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := faultTable(); !strings.Contains(string(readme), want) {
		t.Errorf("README.md does not hold the fault matrix's table; the Reliability section should have:\n\n%s", want)
	}
}

func TestPrintingTheClientShowsNoToken(t *testing.T) {
	c, _ := newTestClient(t)
	other := c.WithToken(slacktest.UserToken)
	var logs bytes.Buffer
	text := slog.New(slog.NewTextHandler(&logs, nil))
	jsonLog := slog.New(slog.NewJSONHandler(&logs, nil))
	for _, client := range []*slack.Client{c, other} {
		text.Info("client", "c", client, "value", *client)
		jsonLog.Info("client", "c", client)
		for _, format := range []string{"%v", "%+v", "%#v"} {
			for i, v := range []any{client, *client, client.Chat, *client.Chat} {
				s := fmt.Sprintf(format, v)
				for _, token := range []string{slacktest.BotToken, slacktest.UserToken} {
					if strings.Contains(s, token) {
						t.Errorf("fmt %s of value %d shows a token: %s", format, i, s)
					}
				}
			}
		}
	}
	for _, token := range []string{slacktest.BotToken, slacktest.UserToken} {
		if strings.Contains(logs.String(), token) {
			t.Errorf("a log record of the client shows a token: %s", logs.String())
		}
	}

	// Printers that follow pointers, as testify's failure messages do, do not reach it either.
	var failure failureText
	assert.Equal(&failure, c, other)
	if failure.String() == "" {
		t.Fatal("comparing two clients with testify did not fail")
	}
	for _, token := range []string{slacktest.BotToken, slacktest.UserToken} {
		if strings.Contains(failure.String(), token) {
			t.Errorf("testify's dump of two clients shows a token: %s", failure.String())
		}
	}
}

// failureText collects what testify reports, as a *testing.T would print it.
type failureText struct{ strings.Builder }

func (f *failureText) Errorf(format string, args ...any) { fmt.Fprintf(f, format, args...) }
