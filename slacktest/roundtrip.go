package slacktest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"syscall"
)

// ErrConnectionReset is the error of a request whose connection the fake dropped before answering, when
// the workspace is used in memory.
var ErrConnectionReset = fmt.Errorf("slacktest: connection reset by peer: %w", syscall.ECONNRESET)

// ErrClosed is the error of an in-memory request to a Server that has been closed.
var ErrClosed = errors.New("slacktest: server closed")

// RoundTrip answers a request in memory, without a network, whatever its URL's host: the handler runs
// in its own goroutine and streams its answer through a pipe, so slow and cut-off bodies behave as they
// do over a socket. The goroutine ends once the answer is written and the caller has read or closed the
// body. After Close, it fails with ErrClosed.
func (s *Server) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, ErrClosed
	}
	pr, pw := io.Pipe()
	w := &pipeWriter{header: http.Header{}, pw: pw, ready: make(chan struct{})}
	sreq := req.Clone(req.Context())
	sreq.RemoteAddr = "192.0.2.1:49152"
	sreq.RequestURI = req.URL.RequestURI()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				if r != http.ErrAbortHandler {
					panic(r)
				}
				w.abort()
				return
			}
			w.finish()
		}()
		s.ServeHTTP(w, sreq)
	}()
	select {
	case <-w.ready:
	case <-req.Context().Done():
		_ = pr.CloseWithError(req.Context().Err())
		return nil, req.Context().Err()
	}
	if w.aborted {
		return nil, ErrConnectionReset
	}
	resp := &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		Body:          &ctxBody{pr: pr, req: req},
		ContentLength: -1,
		Request:       req,
	}
	if n, err := strconv.ParseInt(w.header.Get("Content-Length"), 10, 64); err == nil {
		resp.ContentLength = n
	}
	return resp, nil
}

// ctxBody is a response body that fails once the request's context ends, as a socket's would.
type ctxBody struct {
	pr  *io.PipeReader
	req *http.Request
}

// Read reads the body, or fails once the request has ended.
func (b *ctxBody) Read(p []byte) (int, error) {
	if err := b.req.Context().Err(); err != nil {
		_ = b.pr.CloseWithError(err)
		return 0, err
	}
	return b.pr.Read(p)
}

// Close stops the body; the handler's further writes are dropped.
func (b *ctxBody) Close() error { return b.pr.Close() }

// pipeWriter is the http.ResponseWriter of an in-memory request.
type pipeWriter struct {
	mu      sync.Mutex
	header  http.Header
	status  int
	pw      *io.PipeWriter
	ready   chan struct{}
	started bool
	aborted bool
}

// Header returns the answer's headers, to set before WriteHeader.
func (w *pipeWriter) Header() http.Header { return w.header }

// WriteHeader sends the status and headers: RoundTrip returns the response.
func (w *pipeWriter) WriteHeader(status int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.started {
		return
	}
	w.status = status
	w.started = true
	w.header = w.header.Clone()
	close(w.ready)
}

// Write streams body bytes to the reader.
func (w *pipeWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	n, err := w.pw.Write(p)
	if errors.Is(err, io.ErrClosedPipe) {
		// The client stopped reading; like a server writing to a closed socket, drop the rest.
		return len(p), nil
	}
	return n, err
}

// Flush is a no-op: every Write already reaches the reader.
func (w *pipeWriter) Flush() {}

// finish ends a complete answer.
func (w *pipeWriter) finish() {
	w.WriteHeader(http.StatusOK)
	_ = w.pw.Close()
}

// abort drops the connection: before the headers, the request fails; after them, the body is cut off.
func (w *pipeWriter) abort() {
	w.mu.Lock()
	started := w.started
	if !started {
		w.aborted = true
		w.started = true
		close(w.ready)
	}
	w.mu.Unlock()
	_ = w.pw.CloseWithError(io.ErrUnexpectedEOF)
}
