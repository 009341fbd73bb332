package slacktest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The tokens the seeded workspace knows, with every scope (absent from an Empty one).
const (
	// BotToken belongs to the bot user BotUserID.
	BotToken = "xoxb-slacktest-0000000000-bot"
	// UserToken belongs to the human user AliceID, an admin.
	UserToken = "xoxp-slacktest-0000000000-alice"
)

// InMemoryURL is the base URL to give a client that uses a Server as its http.RoundTripper (URL returns
// it until the server is started); any URL works, since nothing is dialled.
const InMemoryURL = "https://slack.test/api/"

// Server is a fake Slack workspace. Its methods are safe for concurrent use, also while it answers
// requests, and every change (a seeded user, an override, a fault) applies to the next request.
//
// A Server answers in memory as an http.RoundTripper (HTTPClient, with base URL URL()), and over HTTP
// on a loopback port once started (Start, NewServer, or the Listen option). Close it when done; NewT
// does that for a test.
type Server struct {
	mu        sync.Mutex
	ws        *workspace
	requests  []Request
	faults    map[string][]*queued
	handlers  map[string]handler      // the built-in methods
	overrides map[string]http.Handler // Handle and Respond
	hooks     []func(Request)         // OnRequest
	http      *httptest.Server
	closed    bool
	limits    rateLimits // the rate limits enforced (none by default): EnforceTiers, SetRateLimit
}

// Request is a request the server received, as the request log (Requests) keeps it. Printed with fmt
// or slog it names its token by label and hides the token's value; the fields keep the request as
// sent, so that a test can check where the token travelled.
type Request struct {
	// Method is the Slack method ("chat.postMessage").
	Method string
	// HTTPMethod is the HTTP verb.
	HTTPMethod string
	// URL is the request URL as the server saw it.
	URL *url.URL
	// Header holds the request's headers, Authorization included.
	Header http.Header
	// Form holds the arguments: the query string and the form or multipart body (a JSON body's fields,
	// with non-string values as JSON).
	Form url.Values
	// Files holds the multipart file parts, by field name.
	Files map[string][]byte
	// Token names the token the request carried, never the token itself: its Token.Label ("bot:U0BOT"
	// by default), "unknown" for a token the workspace does not know, or "" for none.
	Token string
	// User is the ID of the user the token belongs to, or "".
	User string
	// Time is when the server received it, by the workspace's clock (WithClock).
	Time time.Time
}

// String prints the request with its token's label, never its value, and the form's fields in order,
// a token argument hidden: "chat.postMessage by bot:U0BOT channel=C0GENERAL text=hi".
func (r Request) String() string {
	var b strings.Builder
	b.WriteString(r.Method)
	if r.Token != "" {
		b.WriteString(" by " + r.Token)
	}
	for _, k := range slices.Sorted(maps.Keys(r.Form)) {
		for _, v := range r.Form[k] {
			if k == "token" {
				v = "[hidden]"
			}
			b.WriteString(" " + k + "=" + strconv.Quote(v))
		}
	}
	return b.String()
}

// GoString prints the request as String does, for %#v.
func (r Request) GoString() string { return "slacktest.Request{" + r.String() + "}" }

// LogValue logs the request's method, token label, user, form (a token argument hidden) and time.
func (r Request) LogValue() slog.Value {
	form := make([]slog.Attr, 0, len(r.Form))
	for _, k := range slices.Sorted(maps.Keys(r.Form)) {
		v := strings.Join(r.Form[k], ",")
		if k == "token" {
			v = "[hidden]"
		}
		form = append(form, slog.String(k, v))
	}
	return slog.GroupValue(slog.String("method", r.Method), slog.String("token", r.Token),
		slog.String("user", r.User), slog.Attr{Key: "form", Value: slog.GroupValue(form...)},
		slog.Time("time", r.Time))
}

// New returns a fake workspace seeded with a team, users, channels and a bot (see the ID constants), not
// listening anywhere: use it as an http.RoundTripper (HTTPClient) with base URL InMemoryURL, or call
// Start. Open and NewT take options.
func New() *Server {
	s := &Server{ws: seed(), faults: map[string][]*queued{}, overrides: map[string]http.Handler{}}
	s.handlers = map[string]handler{}
	for _, family := range []map[string]handler{
		authHandlers, chatHandlers, usersHandlers, conversationsHandlers, imHandlers, groupsHandlers, filesHandlers,
		revokeHandlers, dndHandlers, remindersHandlers,
		filesUploadHandlers,
		botsHandlers, reactionsHandlers, scheduledHandlers, bookmarksHandlers,
		viewsHandlers, usergroupsHandlers, searchHandlers, teamHandlers, emojiHandlers,
	} {
		maps.Copy(s.handlers, family)
	}
	return s
}

// NewServer returns a seeded fake workspace listening on a loopback address, as New and Start do. Close
// it when done.
func NewServer() *Server {
	s := New()
	s.Start()
	return s
}

// Start serves the workspace over HTTP on a loopback address (an httptest.Server); URL then names it.
// Starting a started server does nothing.
func (s *Server) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.http == nil {
		s.http = httptest.NewServer(http.HandlerFunc(s.ServeHTTP))
	}
}

// Close stops the HTTP server, if started, waiting for the requests it is answering, and makes later
// in-memory requests fail with ErrClosed. Closing twice does nothing.
func (s *Server) Close() {
	s.mu.Lock()
	srv := s.http
	s.closed = true
	s.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// URL is the base URL of the Web API: "http://127.0.0.1:port/api/" once started, InMemoryURL otherwise.
// A client built with slack.WithBaseURL(s.URL()) and slack.WithHTTPClient(s.HTTPClient()) reaches the
// workspace either way.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.http == nil {
		return InMemoryURL
	}
	return s.http.URL + "/api/"
}

// HTTPClient returns an *http.Client that reaches the workspace in memory, with no socket and no
// goroutine beyond the request's own, so it works inside a testing/synctest bubble. It reaches the
// workspace whatever URL it is given, so it also serves a started Server.
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

// ServeHTTP answers one Web API request: it records it, calls the OnRequest hooks, applies the
// enforced rate limits and the injected faults, and answers with the method's override (Handle,
// Respond) or its built-in handler. A method the workspace does not know answers HTTP 200 with
// {"ok":false,"error":"unknown_method"}, as Slack does.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	uploadKey, isUpload := uploadKeyOf(r.URL.Path)
	if isUpload {
		method = UploadMethod
	}
	var raw []byte
	var readErr error
	if r.Body != nil {
		raw, readErr = io.ReadAll(io.LimitReader(r.Body, 64<<20))
		r.Body = io.NopCloser(bytes.NewReader(raw))
	}
	form, files, perr := parseBody(r, raw, isUpload)
	if readErr != nil {
		perr = readErr // a body cut off in transit is invalid form data, as for Slack
	}
	token := bearer(r, form)

	s.mu.Lock()
	req := s.describe(r, method, token, form, files)
	s.requests = append(s.requests, req)
	hooks := slices.Clone(s.hooks)
	s.mu.Unlock()

	for _, hook := range hooks {
		hook(req)
	}

	s.mu.Lock()
	limited := s.limits.take(method, token, form, req.Time)
	var fault *Fault
	if limited == nil {
		fault = s.takeFault(req)
	}
	override := s.overrides[method]
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
	case override != nil:
		r.Body = io.NopCloser(bytes.NewReader(raw))
		if fault == nil {
			override.ServeHTTP(w, r)
			return
		}
		a = record(override, r)
	case isUpload:
		a = s.receiveUpload(uploadKey, files, perr)
	case errors.As(perr, &bodyErr):
		a = fail(bodyErr.code)
	case perr != nil:
		a = fail("invalid_form_data")
	case oauthHandlers[method] != nil:
		a, _ = s.handleApp(method, r.Header, form)
	default:
		a = s.handle(method, token, form, files)
	}
	if fault != nil {
		fault.serve(w, r, a)
		return
	}
	a.write(w)
}

// describe makes the request log's record of r. The caller holds s.mu.
func (s *Server) describe(r *http.Request, method, token string, form url.Values, files map[string][]byte) Request {
	req := Request{Method: method, HTTPMethod: r.Method, URL: r.URL, Header: r.Header.Clone(), Form: form,
		Files: files, Token: s.ws.tokenLabel(token), Time: s.ws.now()}
	if t, ok := s.ws.tokens[token]; ok {
		req.User = t.User
	}
	return req
}

// handle runs a method's handler under the workspace lock, after checking the token as Slack does.
func (s *Server) handle(method, token string, form url.Values, files map[string][]byte) *answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.deliverDue()
	h, ok := s.handlers[method]
	if !ok {
		return fail("unknown_method")
	}
	if token == "" {
		return fail("not_authed")
	}
	t, ok := s.ws.tokens[token]
	if !ok {
		return fail("invalid_auth")
	}
	caller := s.ws.users[t.User]
	switch {
	case caller == nil:
		return fail("invalid_auth")
	case t.Revoked:
		return fail("token_revoked")
	case !t.Expires.IsZero() && !s.ws.now().Before(t.Expires):
		return fail("token_expired")
	case t.Inactive, caller.Deleted:
		return fail("account_inactive")
	}
	if errAnswer := s.ws.checkScopes(t, method, strings.TrimSpace(form.Get("channel"))); errAnswer != nil {
		return errAnswer
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

// answer is what a method answers: an HTTP status, headers and a JSON body, or the raw body of an
// override.
type answer struct {
	status int
	header http.Header
	body   obj
	raw    []byte
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
	if a.body == nil {
		return a.raw
	}
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
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(body)
}
