package slacktest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Fault is a failure the server injects in place of (or after) a method's normal answer. Inject queues
// faults per method; each takes the next requests for that method (Times of them); InjectWhen's take
// only the requests a predicate picks.
// RateLimited, HTTPStatus, HTMLError, Dropped, Truncated, Slow and Warn build the common ones.
type Fault struct {
	// Status is the HTTP status to answer with (default 200).
	Status int
	// RetryAfter is the Retry-After header to send, in seconds ("" sends none).
	RetryAfter string
	// Body is the raw body to send instead of the method's answer. A fault with none of Status, Body,
	// EmptyBody and Drop sends the method's own answer, cut off, delayed or slowed as the other fields
	// say: the method runs, and its effects happen.
	Body string
	// ContentType is the Content-Type of Body (default application/json; charset=utf-8).
	ContentType string
	// EmptyBody sends no body at all (Content-Length 0) in place of the method's answer, even after
	// handling.
	EmptyBody bool
	// Drop closes the connection before any answer.
	Drop bool
	// DropMidBody sends the headers and the first half of the body, then closes the connection.
	DropMidBody bool
	// Delay waits this long before answering (the request's context still ends it).
	Delay time.Duration
	// SlowBody sends the headers, then waits this long before sending the body.
	SlowBody time.Duration
	// AfterHandling runs the method first even when the fault replaces its answer, so its effects (a
	// stored message) happen before the failure: a write that reached Slack but whose answer was lost.
	AfterHandling bool
	// Truncate sends only the first half of the answer's body, as a complete answer whose
	// Content-Length matches: JSON cut off, on a connection that stays healthy.
	Truncate bool
	// Warning is added to the method's own answer, as Slack adds warnings to a successful one: a
	// comma-separated list ("missing_charset,superfluous_charset") sent as the "warning" field and as
	// response_metadata.warnings.
	Warning string
	// Times is how many requests the fault applies to: 0 means once, a negative number every request.
	Times int
}

// queued is an injected fault and the predicate that picks its requests (nil: every request).
type queued struct {
	Fault
	when func(Request) bool
}

// Dropped is a connection closed before any answer: the client's request fails.
func Dropped() Fault { return Fault{Drop: true} }

// Truncated is the method's answer cut off after half its JSON, with a Content-Length that matches. The
// method runs: its effects happen.
func Truncated() Fault { return Fault{Truncate: true} }

// Slow is the method's answer, after d (the request's context still ends the wait). Under a
// testing/synctest bubble, d passes on the bubble's clock.
func Slow(d time.Duration) Fault { return Fault{Delay: d} }

// Warn is the method's own answer with Slack's warnings added ("missing_charset",
// "superfluous_charset"): ok, with warnings the client may log.
func Warn(warnings ...string) Fault { return Fault{Warning: strings.Join(warnings, ",")} }

// RateLimited is a 429 with Slack's body and a Retry-After of the given number of seconds ("" sends
// none).
func RateLimited(retryAfter string) Fault {
	return Fault{Status: http.StatusTooManyRequests, RetryAfter: retryAfter,
		Body: `{"ok":false,"error":"ratelimited"}`}
}

// HTTPStatus is an answer with an HTTP status and a body of the given content type.
func HTTPStatus(status int, contentType, body string) Fault {
	return Fault{Status: status, ContentType: contentType, Body: body}
}

// HTMLError is a proxy's HTML error page with the given status.
func HTMLError(status int) Fault {
	text := strconv.Itoa(status) + " " + http.StatusText(status)
	return HTTPStatus(status, "text/html; charset=utf-8",
		"<html><head><title>"+text+"</title></head><body><h1>"+text+"</h1></body></html>")
}

// Inject queues faults for method ("*" for every method, after the method's own); each applies to the
// next requests, Fault.Times of them, in the order queued.
func (s *Server) Inject(method string, faults ...Fault) { s.InjectWhen(method, nil, faults...) }

// InjectWhen queues faults for method ("*" for every method) that apply only to the requests when
// picks: a fault waits in its queue for a request when accepts, and only those count against its Times
// (a 429 for the second page only, a 5xx for one channel). when runs with the server locked: it must not
// call the Server's methods. A nil when picks every request, as Inject does.
func (s *Server) InjectWhen(method string, when func(Request) bool, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range faults {
		if f.Times == 0 {
			f.Times = 1
		}
		s.faults[method] = append(s.faults[method], &queued{Fault: f, when: when})
	}
}

// ClearFaults removes every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
}

// runsMethod reports whether the method runs before the fault is served.
func (f *Fault) runsMethod() bool {
	return f.AfterHandling || f.Body == "" && f.Status == 0 && !f.Drop && !f.EmptyBody
}

// takeFault takes the next fault for the request's method (or "*") that applies to it, if any. The
// caller holds s.mu.
func (s *Server) takeFault(req Request) *Fault {
	for _, key := range []string{req.Method, "*"} {
		queue := s.faults[key]
		for i, f := range queue {
			if f.when != nil && !f.when(req) {
				continue
			}
			if f.Times > 0 {
				f.Times--
				if f.Times == 0 {
					s.faults[key] = slices.Delete(slices.Clone(queue), i, i+1)
				}
			}
			taken := f.Fault
			return &taken
		}
	}
	return nil
}

// serve writes the fault. normal is the method's own answer when the fault comes after handling.
func (f *Fault) serve(w http.ResponseWriter, r *http.Request, normal *answer) {
	if f.Delay > 0 && !wait(r, f.Delay) {
		panic(http.ErrAbortHandler)
	}
	if f.Drop {
		panic(http.ErrAbortHandler)
	}
	status := f.Status
	body := []byte(f.Body)
	contentType := f.ContentType
	if contentType == "" && normal != nil && f.Body == "" && normal.header.Get("Content-Type") != "" {
		contentType = normal.header.Get("Content-Type")
	}
	if f.Body == "" && !f.EmptyBody && normal != nil {
		body = normal.withWarning(f.Warning).encode()
		if status == 0 {
			status = normal.status
		}
	}
	if status == 0 {
		status = http.StatusOK
	}
	if contentType == "" {
		contentType = "application/json; charset=utf-8"
	}
	w.Header().Set("Content-Type", contentType)
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Truncate {
		body = body[:len(body)/2]
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if flusher, ok := w.(http.Flusher); ok {
		flusher.Flush()
	}
	if f.SlowBody > 0 && !wait(r, f.SlowBody) {
		panic(http.ErrAbortHandler)
	}
	if f.DropMidBody {
		_, _ = w.Write(body[:len(body)/2])
		if flusher, ok := w.(http.Flusher); ok {
			flusher.Flush()
		}
		panic(http.ErrAbortHandler)
	}
	_, _ = w.Write(body)
}

// wait sleeps d, or reports false if the request ends first.
func wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// withWarning returns the answer with Slack's warnings added, when its body is a JSON object.
func (a *answer) withWarning(warning string) *answer {
	if warning == "" {
		return a
	}
	warnings := strings.Split(warning, ",")
	body := maps.Clone(a.body)
	if body == nil && json.Unmarshal(a.raw, &body) != nil {
		return a
	}
	body["warning"] = warning
	meta, _ := body["response_metadata"].(map[string]any)
	meta = maps.Clone(meta)
	if meta == nil {
		meta = obj{}
	}
	meta["warnings"] = warnings
	body["response_metadata"] = meta
	return &answer{status: a.status, header: a.header, body: body}
}
