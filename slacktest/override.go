package slacktest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
)

// Handle makes h answer method from the next request on, in place of the built-in handler, whether or
// not the server has started; method may be one the workspace does not know ("stars.add"). h sees
// the request as sent, body included, and answers it whole: the token is not checked for it. The
// request log, OnRequest hooks, rate limits and faults still apply. A nil h restores the built-in
// handler.
func (s *Server) Handle(method string, h http.Handler) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h == nil {
		delete(s.overrides, method)
		return
	}
	s.overrides[method] = h
}

// Respond makes method answer with what reply returns, encoded as JSON with HTTP 200, from the next
// request on, as Handle does: a map, a struct, or a json.RawMessage such as
// `{"ok":false,"error":"ratelimited"}`. A value that cannot be encoded answers
// {"ok":false,"error":"slacktest_encoding_failed"}. A nil reply restores the built-in handler.
func (s *Server) Respond(method string, reply func(Request) any) {
	if reply == nil {
		s.Handle(method, nil)
		return
	}
	s.Handle(method, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		form, files, _ := parseRequest(r)
		s.mu.Lock()
		req := s.describe(r, method, bearer(r, form), form, files)
		s.mu.Unlock()
		body, err := json.Marshal(reply(req))
		if err != nil {
			body = []byte(`{"ok":false,"error":"slacktest_encoding_failed"}`)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(body)
	}))
}

// OnRequest adds a hook that sees every request the server receives, as the request log records it,
// before it is answered. Hooks run in the order added, on the request's goroutine, without the
// server's lock: they may call the Server's methods (Inject a fault for this very request, say).
func (s *Server) OnRequest(hook func(Request)) {
	if hook == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hooks = slices.Clip(append(s.hooks, hook))
}

// record runs an override and keeps its answer, for a fault to serve after it.
func record(h http.Handler, r *http.Request) *answer {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	res := rec.Result()
	return &answer{status: res.StatusCode, header: res.Header, raw: rec.Body.Bytes()}
}
