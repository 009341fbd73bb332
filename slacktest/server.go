// Package slacktest is a fake Slack workspace for tests and offline examples. It keeps real state (users,
// channels, IMs, private groups, messages and threads, file comments, bots), answers the Web API methods
// the way Slack does (shapes, error codes, cursor pagination, token checks), records every request it
// receives, can be told to fail (429s, 5xx, HTML bodies, truncated JSON, dropped connections, slow
// answers), and can enforce Slack's rate limits (EnforceTiers, SetRateLimit), answering 429 with
// Retry-After when a method's bucket is empty.
//
// Serve it over HTTP with NewServer, or use a Server made by New directly as an http.RoundTripper: the
// in-memory form runs inside testing/synctest bubbles, where its timers are the bubble's fake clock.
//
// It does not import the SDK: it speaks JSON over HTTP like Slack.
package slacktest

import (
	"encoding/json"
	"errors"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// The tokens the seeded workspace knows.
const (
	// BotToken belongs to the bot user BotUserID.
	BotToken = "xoxb-slacktest-0000000000-bot"
	// UserToken belongs to the human user AliceID, an admin.
	UserToken = "xoxp-slacktest-0000000000-alice"
)

// InMemoryURL is the base URL to give a client that uses a Server as its http.RoundTripper; any URL works,
// since nothing is dialled.
const InMemoryURL = "https://slack.test/api/"

// Server is a fake Slack workspace. Its methods are safe for concurrent use.
type Server struct {
	mu       sync.Mutex
	ws       *workspace
	requests []Request
	faults   map[string][]*Fault
	handlers map[string]handler
	http     *httptest.Server
	limits   rateLimits // the rate limits enforced (none by default): EnforceTiers, SetRateLimit
}

// Request is a request the server received.
type Request struct {
	// Method is the Slack method ("chat.postMessage").
	Method string
	// HTTPMethod is the HTTP verb.
	HTTPMethod string
	// URL is the request URL as the server saw it.
	URL *url.URL
	// Header holds the request's headers.
	Header http.Header
	// Form holds the arguments: the query string and the form or multipart body.
	Form url.Values
	// Files holds the multipart file parts, by field name.
	Files map[string][]byte
	// Time is when the server received it.
	Time time.Time
}

// New returns a fake workspace seeded with a team, users, channels and a bot (see the ID constants), not
// listening anywhere: use it as an http.RoundTripper with base URL InMemoryURL, or call Start.
func New() *Server {
	s := &Server{ws: seed(), faults: map[string][]*Fault{}}
	s.handlers = map[string]handler{}
	for _, family := range []map[string]handler{
		authHandlers, chatHandlers, usersHandlers, conversationsHandlers, imHandlers, groupsHandlers, filesHandlers,
		botsHandlers,
	} {
		maps.Copy(s.handlers, family)
	}
	return s
}

// NewServer returns a seeded fake workspace listening on a loopback address. Close it when done.
func NewServer() *Server {
	s := New()
	s.Start()
	return s
}

// Start serves the workspace over HTTP on a loopback address.
func (s *Server) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.http == nil {
		s.http = httptest.NewServer(s)
	}
}

// Close stops the HTTP server, if started.
func (s *Server) Close() {
	s.mu.Lock()
	srv := s.http
	s.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// URL is the base URL of the Web API: "http://127.0.0.1:port/api/" once started, InMemoryURL otherwise.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.http == nil {
		return InMemoryURL
	}
	return s.http.URL + "/api/"
}

// HTTPClient returns an *http.Client that reaches the workspace in memory.
func (s *Server) HTTPClient() *http.Client { return &http.Client{Transport: s} }

// Requests returns the requests received so far, oldest first; with method names, only those.
func (s *Server) Requests(methods ...string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Request
	for _, r := range s.requests {
		if len(methods) == 0 || slices.Contains(methods, r.Method) {
			out = append(out, r)
		}
	}
	return out
}

// Count returns how many requests the server received; with method names, for those only.
func (s *Server) Count(methods ...string) int { return len(s.Requests(methods...)) }

// LastRequest returns the most recent request for method.
func (s *Server) LastRequest(method string) (Request, bool) {
	r := s.Requests(method)
	if len(r) == 0 {
		return Request{}, false
	}
	return r[len(r)-1], true
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// ServeHTTP answers one Web API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	form, files, perr := parseRequest(r)
	req := Request{Method: method, HTTPMethod: r.Method, URL: r.URL, Header: r.Header.Clone(), Form: form,
		Files: files, Time: time.Now()}

	s.mu.Lock()
	s.requests = append(s.requests, req)
	limited := s.limits.take(method, bearer(r, form), form, req.Time)
	var fault *Fault
	if limited == nil {
		fault = s.takeFault(method)
	}
	s.mu.Unlock()

	if limited != nil {
		limited.write(w)
		return
	}
	if fault != nil && !fault.runsMethod() {
		fault.serve(w, r, nil)
		return
	}

	var a *answer
	var bodyErr *badBody
	switch {
	case errors.As(perr, &bodyErr):
		a = fail(bodyErr.code)
	case perr != nil:
		a = fail("invalid_form_data")
	default:
		a = s.handle(method, r, form, files)
	}
	if fault != nil {
		fault.serve(w, r, a)
		return
	}
	a.write(w)
}

// handle runs a method's handler under the workspace lock.
func (s *Server) handle(method string, r *http.Request, form url.Values, files map[string][]byte) *answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, ok := s.handlers[method]
	if !ok {
		return &answer{status: http.StatusNotFound, body: obj{"ok": false, "error": "unknown_method"}}
	}
	token := bearer(r, form)
	if token == "" {
		return fail("not_authed")
	}
	id, ok := s.ws.tokens[token]
	if !ok {
		return fail("invalid_auth")
	}
	caller := s.ws.users[id]
	switch {
	case caller == nil:
		return fail("invalid_auth")
	case caller.Deleted:
		return fail("account_inactive")
	}
	c := &call{s: s, ws: s.ws, form: form, files: files, caller: caller, token: token}
	return h(c)
}

// badBody is a JSON body Slack refuses, with its error code: invalid_json, or json_not_object.
type badBody struct{ code string }

func (e *badBody) Error() string { return e.code }

// bearer returns the request's token: the Authorization header, or the legacy token argument.
func bearer(r *http.Request, form url.Values) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return ""
		}
		return strings.TrimSpace(token)
	}
	return form.Get("token")
}

// parseRequest reads a request's arguments: query string, and a urlencoded, multipart or JSON body.
func parseRequest(r *http.Request) (url.Values, map[string][]byte, error) {
	form := url.Values{}
	maps.Copy(form, r.URL.Query())
	if r.Body == nil {
		return form, nil, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		mr, err := r.MultipartReader()
		if err != nil {
			return form, nil, err
		}
		files := map[string][]byte{}
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return form, files, nil
			}
			if err != nil {
				return form, files, err
			}
			data, err := io.ReadAll(io.LimitReader(p, 64<<20))
			if err != nil {
				return form, files, err
			}
			if p.FileName() != "" {
				files[p.FormName()] = data
			} else {
				form.Add(p.FormName(), string(data))
			}
		}
	case "application/json":
		var decoded any
		if err := json.NewDecoder(io.LimitReader(r.Body, 64<<20)).Decode(&decoded); err != nil {
			return form, nil, &badBody{"invalid_json"}
		}
		body, isObject := decoded.(map[string]any)
		if !isObject {
			return form, nil, &badBody{"json_not_object"}
		}
		for k, v := range body {
			if s, ok := v.(string); ok {
				form.Set(k, s)
				continue
			}
			b, _ := json.Marshal(v)
			form.Set(k, string(b))
		}
		return form, nil, nil
	default:
		data, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		if err != nil {
			return form, nil, err
		}
		body, err := url.ParseQuery(string(data))
		if err != nil {
			return form, nil, err
		}
		for k, v := range body {
			form[k] = append(form[k], v...)
		}
		return form, nil, nil
	}
}

// obj is a JSON object of an answer.
type obj = map[string]any

// answer is what a method answers: an HTTP status, headers and a JSON body.
type answer struct {
	status int
	header http.Header
	body   obj
}

// ok is a successful answer with the given fields.
func ok(fields obj) *answer {
	body := obj{"ok": true}
	maps.Copy(body, fields)
	return &answer{status: http.StatusOK, body: body}
}

// fail is an ok:false answer with an error code.
func fail(code string) *answer {
	return &answer{status: http.StatusOK, body: obj{"ok": false, "error": code}}
}

// failWith is an ok:false answer with extra fields (needed, provided, response_metadata).
func failWith(code string, extra obj) *answer {
	a := fail(code)
	maps.Copy(a.body, extra)
	return a
}

// invalidArguments is Slack's answer for a missing or malformed argument.
func invalidArguments(messages ...string) *answer {
	return failWith("invalid_arguments", obj{"response_metadata": obj{"messages": messages}})
}

func (a *answer) encode() []byte {
	b, err := json.Marshal(a.body)
	if err != nil {
		return []byte(`{"ok":false,"error":"internal_error"}`)
	}
	return b
}

func (a *answer) write(w http.ResponseWriter) {
	body := a.encode()
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(a.status)
	_, _ = w.Write(body)
}
