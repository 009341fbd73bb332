package slacktest

import (
	"net/http"
	"strconv"
	"time"
)

// Fault is a failure the server injects in place of (or after) a method's normal answer. Inject queues
// faults per method; each takes the next request for that method.
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
	// Times is how many requests the fault applies to: 0 means once, a negative number every request.
	Times int
}

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

// Inject queues faults for method ("*" for every method); each applies to the next requests.
func (s *Server) Inject(method string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range faults {
		if f.Times == 0 {
			f.Times = 1
		}
		s.faults[method] = append(s.faults[method], &f)
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

// takeFault pops the next fault for method, if any. The caller holds s.mu.
func (s *Server) takeFault(method string) *Fault {
	for _, key := range []string{method, "*"} {
		queue := s.faults[key]
		if len(queue) == 0 {
			continue
		}
		f := queue[0]
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults[key] = queue[1:]
			}
		}
		return f
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
	if f.Body == "" && !f.EmptyBody && normal != nil {
		body = normal.encode()
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
