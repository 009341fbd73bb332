package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// envelope is the part of every Slack answer that says whether the call worked. Typed methods decode it
// together with their payload, in one pass, by embedding it in the struct they decode into.
type envelope struct {
	OK               bool             `json:"ok"`
	Error            string           `json:"error"`
	Warning          string           `json:"warning"`
	Needed           string           `json:"needed"`
	Provided         string           `json:"provided"`
	ResponseMetadata responseMetadata `json:"response_metadata"`
}

type responseMetadata struct {
	NextCursor string   `json:"next_cursor"`
	Messages   []string `json:"messages"`
	Warnings   []string `json:"warnings"`
}

// slackEnvelope gives the request path the envelope of a result that embeds one.
func (e *envelope) slackEnvelope() *envelope { return e }

type enveloped interface{ slackEnvelope() *envelope }

// warnings lists the warnings of an answer: the "warning" field (comma-separated) and
// response_metadata.warnings.
func (e *envelope) warnings() []string {
	if e.Warning == "" {
		return e.ResponseMetadata.Warnings
	}
	var w []string
	for _, s := range strings.Split(e.Warning, ",") {
		if s = strings.TrimSpace(s); s != "" {
			w = append(w, s)
		}
	}
	return append(w, e.ResponseMetadata.Warnings...)
}

// do sends one encoded request, with the waits and retries of the rate-limit rules, and decodes the
// answer into result. It is the single request path of the client.
func (c *Client) do(ctx context.Context, method string, req *request, result any) error {
	if ctx == nil {
		return invalidArgument(method, "the context is nil")
	}
	if req.auth == nil { // a call with its own credentials (OAuth) needs no token
		if strings.TrimSpace(c.cred().token) == "" {
			return invalidArgument(method, "the client has no token")
		}
		if strings.ContainsAny(c.cred().token, "\r\n") {
			return invalidArgument(method, "the client's token contains a line break")
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("slack: %s: %w", method, err)
	}
	b := c.limits.acquire(method, req.form)
	defer c.limits.release(b)
	safe := isRetrySafe(method)
	for attempt := 1; ; attempt++ {
		if err := c.limits.wait(ctx, b, attempt); err != nil {
			return err
		}
		start := time.Now()
		resp, err := c.send(ctx, method, req)
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("slack: %s: %w", method, ctx.Err())
			}
			c.logAttempt(ctx, method, attempt, 0, start, slog.String("error", err.Error()))
			var refused *redirectRefused
			if errors.As(err, &refused) {
				return fmt.Errorf("slack: %s: %w", method, err)
			}
			if retry, cerr := c.retry(ctx, method, attempt, safe || notSent(err), "connection error"); cerr != nil || retry {
				if cerr != nil {
					return fmt.Errorf("slack: %s: %w", method, cerr)
				}
				continue
			}
			return fmt.Errorf("slack: %s: %w", method, err)
		}

		status := resp.StatusCode
		if status == http.StatusTooManyRequests {
			drain(resp)
			wait, given := retryAfter(resp.Header)
			if !given || wait <= 0 {
				// No usable wait (none, zero, or a date already past): back off rather than resend at once.
				wait = backoffDelay(attempt)
			}
			c.logAttempt(ctx, method, attempt, status, start, slog.Duration("retry_after", wait))
			if wait <= c.cfg.maxRetryWait {
				// Every caller waits, whether or not this one retries, and the bucket slows down.
				if l := c.limits.throttled(ctx, b, time.Now(), start, wait); l.learned {
					c.cfg.logger.LogAttrs(ctx, slog.LevelInfo, "slack: rate lowered after 429",
						slog.String("method", method), slog.Duration("retry_after", wait),
						slog.Float64("rate_per_minute", l.perMinute))
				}
			}
			if attempt > c.cfg.maxRetries || wait > c.cfg.maxRetryWait || pastDeadline(ctx, wait) {
				return &RateLimitError{Method: method, RetryAfter: wait, Attempts: attempt}
			}
			c.cfg.logger.LogAttrs(ctx, slog.LevelInfo, "slack: rate limited, retrying", slog.String("method", method),
				slog.Int("attempt", attempt), slog.Int("status", status), slog.Duration("retry_after", wait))
			continue
		}

		b.answered(time.Now())
		body, err := c.readBody(method, resp)
		c.logAttempt(ctx, method, attempt, status, start, slog.Int("bytes", len(body)))
		if err != nil {
			putBuffer(body)
			var tooLarge *Error
			if errors.As(err, &tooLarge) {
				return tooLarge
			}
			if ctx.Err() != nil {
				return fmt.Errorf("slack: %s: %w", method, ctx.Err())
			}
			if retry, cerr := c.retry(ctx, method, attempt, safe, "answer cut off"); cerr != nil || retry {
				if cerr != nil {
					return fmt.Errorf("slack: %s: %w", method, cerr)
				}
				continue
			}
			return fmt.Errorf("slack: %s: reading the answer: %w", method, err)
		}
		if status >= 500 {
			if retry, cerr := c.retry(ctx, method, attempt, safe, "HTTP "+strconv.Itoa(status)); cerr != nil || retry {
				putBuffer(body)
				if cerr != nil {
					return fmt.Errorf("slack: %s: %w", method, cerr)
				}
				continue
			}
		}
		err = c.decode(ctx, method, status, body, result)
		putBuffer(body)
		return err
	}
}

// logAttempt records one attempt at Debug level.
func (c *Client) logAttempt(ctx context.Context, method string, attempt, status int, start time.Time, extra slog.Attr) {
	if !c.cfg.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	c.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "slack: attempt", slog.String("method", method),
		slog.Int("attempt", attempt), slog.Int("status", status), slog.Duration("elapsed", time.Since(start)), extra)
}

var formContentTypeHeader = []string{formContentType}

// send makes one HTTP attempt.
func (c *Client) send(ctx context.Context, method string, req *request) (*http.Response, error) {
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.baseURL+method, strings.NewReader(req.body))
	if err != nil {
		return nil, err
	}
	// The header values are built once per client and shared: nothing on the way changes them in place.
	ct := formContentTypeHeader
	if req.contentType != formContentType {
		ct = []string{req.contentType}
	}
	auth := c.cred().authHeader
	if req.auth != nil {
		auth = req.auth
	}
	hr.Header = http.Header{"Content-Type": ct, "Authorization": auth, "User-Agent": c.cfg.userAgentHeader}
	return c.cfg.httpClient.Do(hr)
}

// decode turns an answer into the caller's result or an error.
func (c *Client) decode(ctx context.Context, method string, status int, body []byte, result any) error {
	if status < 200 || status > 299 {
		return c.statusError(method, status, body)
	}
	if !isJSONObject(body) {
		return invalidResponse(method, status, describeBody(body))
	}
	env, carried := result.(enveloped)
	var e *envelope
	if carried {
		e = env.slackEnvelope()
		if err := decodeJSON(body, result); err != nil {
			return invalidResponse(method, status, err.Error())
		}
	} else {
		e = new(envelope)
		if err := decodeJSON(body, e); err != nil {
			return invalidResponse(method, status, err.Error())
		}
	}
	if !e.OK {
		return envelopeError(method, status, e, body)
	}
	if w := e.warnings(); len(w) > 0 {
		c.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "slack: warning", slog.String("method", method),
			slog.Any("warnings", w), slog.Any("messages", e.ResponseMetadata.Messages))
	}
	if !carried && result != nil {
		if err := decodeJSON(body, result); err != nil {
			return invalidResponse(method, status, err.Error())
		}
	}
	return nil
}

// envelopeError is the *Error for an ok:false answer.
func envelopeError(method string, status int, e *envelope, body []byte) *Error {
	if e.Error == "" {
		if !bytes.Contains(body, []byte(`"ok"`)) {
			return invalidResponse(method, status, `the answer has no "ok" field`)
		}
		return invalidResponse(method, status, "ok is false but no error code was given")
	}
	return &Error{
		Method:     method,
		Code:       ErrorCode(e.Error),
		StatusCode: status,
		Needed:     e.Needed,
		Provided:   e.Provided,
		Warnings:   e.warnings(),
		Messages:   e.ResponseMetadata.Messages,
	}
}

// statusError is the *Error for an answer with a status other than 2xx: Slack's own error when the body
// is a Slack answer, ErrHTTPError otherwise.
func (c *Client) statusError(method string, status int, body []byte) *Error {
	if isJSONObject(body) {
		var e envelope
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return envelopeError(method, status, &e, body)
		}
	}
	msgs := []string{http.StatusText(status) + ": " + describeBody(body)}
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect,
		http.StatusPermanentRedirect:
		msgs = append(msgs, "the client did not follow this redirect: it leaves the base URL's scheme and host, or follows too many")
	}
	return &Error{Method: method, Code: ErrHTTPError, StatusCode: status, Messages: msgs}
}

func invalidResponse(method string, status int, why string) *Error {
	return &Error{Method: method, Code: ErrInvalidResponse, StatusCode: status, Messages: []string{why}}
}

// isJSONObject reports whether body starts like a JSON object.
func isJSONObject(body []byte) bool {
	body = bytes.TrimLeft(body, " \t\r\n")
	return len(body) > 0 && body[0] == '{'
}

// describeBody says what a body that is not a Slack answer looks like, without quoting it.
func describeBody(body []byte) string {
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return "the body is empty"
	case trimmed[0] == '<':
		return fmt.Sprintf("the body is HTML or XML (%d bytes), not JSON", len(body))
	case trimmed[0] == '{':
		return fmt.Sprintf("the body is not valid JSON (%d bytes)", len(body))
	default:
		return fmt.Sprintf("the body is not a JSON object (%d bytes)", len(body))
	}
}

// readBody reads and closes an answer's body, failing with ErrResponseTooLarge past the size cap.
func (c *Client) readBody(method string, resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	limit := c.cfg.maxResponseBytes
	buf := getBuffer(resp.ContentLength, limit)
	r := io.LimitReader(resp.Body, min(limit, math.MaxInt64-1)+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return buf, &Error{Method: method, Code: ErrResponseTooLarge, StatusCode: resp.StatusCode,
				Messages: []string{fmt.Sprintf("the answer is larger than %d bytes", limit)}}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

var bufferPool sync.Pool // *[]byte

// maxPrealloc is the most a buffer is sized for up front from the answer's Content-Length; a longer
// answer grows the buffer as it arrives, so a server that announces a huge body cannot make the client
// allocate it before sending it.
const maxPrealloc = 1 << 20

// getBuffer returns an empty buffer sized for an answer of the given length (-1 if unknown).
func getBuffer(length, limit int64) []byte {
	if p, ok := bufferPool.Get().(*[]byte); ok && (length < 0 || int64(cap(*p)) > min(length, maxPrealloc)) {
		return (*p)[:0]
	}
	size := int64(4096)
	if length > 0 && length <= limit {
		size = min(length, maxPrealloc) + 1
	}
	return make([]byte, 0, size)
}

// putBuffer returns a buffer to the pool once nothing refers to its bytes any more.
func putBuffer(b []byte) {
	if cap(b) == 0 || cap(b) > maxPrealloc+1 {
		return
	}
	bufferPool.Put(&b)
}

// drain reads a little of a body we do not need, so the connection can be reused, and closes it.
func drain(resp *http.Response) {
	_, _ = io.CopyN(io.Discard, resp.Body, 4096)
	_ = resp.Body.Close()
}

// retryAfter reads the Retry-After header: a number of seconds or an HTTP date.
func retryAfter(h http.Header) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 && secs < 1e9 {
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// pastDeadline reports whether waiting d would run past ctx's deadline.
func pastDeadline(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return ok && time.Now().Add(d).After(deadline)
}

// backoffDelay is the wait before retry number attempt: exponential from 500ms, capped at 30s, with
// jitter over its upper half so that callers that failed together do not retry together.
func backoffDelay(attempt int) time.Duration {
	d := 30 * time.Second
	if attempt < 7 {
		d = min(d, (500*time.Millisecond)<<(attempt-1))
	}
	return d/2 + rand.N(d/2+1)
}

// retry decides whether to send a failed attempt again: only if the failure allows it (safe), retries
// are left, and the backoff fits before the context's deadline; it then waits the backoff. If the
// context ends during the wait, it returns the context's error.
func (c *Client) retry(ctx context.Context, method string, attempt int, safe bool, reason string) (bool, error) {
	if !safe || attempt > c.cfg.maxRetries {
		return false, nil
	}
	d := backoffDelay(attempt)
	if pastDeadline(ctx, d) {
		return false, nil
	}
	c.cfg.logger.LogAttrs(ctx, slog.LevelInfo, "slack: retrying", slog.String("method", method),
		slog.Int("attempt", attempt), slog.String("reason", reason), slog.Duration("wait", d))
	if err := sleep(ctx, d); err != nil {
		return false, err
	}
	return true, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// notSent reports whether a transport error certainly happened before the request left (the connection
// was never made), so that even a write may be sent again.
func notSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}
