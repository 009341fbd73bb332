package slack

//go:generate go run ./internal/gen/errcodes -in internal/spec/error_codes.json -next internal/spec/methods-next.json -out errcodes.go

import (
	"fmt"
	"strings"
	"time"
)

// ErrorCode is an error code as Slack sends it in the "error" field of a failed call ("channel_not_found").
// Every code Slack documents for the methods of this package is a constant (ErrChannelNotFound, …); a code
// Slack adds later still compares equal to ErrorCode("new_code").
type ErrorCode string

// Error returns the code itself.
func (c ErrorCode) Error() string { return string(c) }

// Is reports whether c and target mean the same thing. Slack spells its rate-limit code two ways,
// "ratelimited" and "rate_limited"; each matches the other.
func (c ErrorCode) Is(target error) bool {
	t, ok := target.(ErrorCode)
	if !ok {
		return false
	}
	return c == t || (isRateLimitCode(c) && isRateLimitCode(t))
}

func isRateLimitCode(c ErrorCode) bool { return c == ErrRatelimited || c == ErrRateLimited }

// Codes the SDK assigns itself, for failures that never reached Slack's "error" field.
const (
	// ErrHTTPError is the code of an *Error for an HTTP status other than 2xx whose body is not a Slack
	// answer (a proxy's HTML error page, an empty 502). StatusCode holds the status.
	ErrHTTPError ErrorCode = "http_error"
	// ErrInvalidResponse is the code of an *Error for a 2xx answer whose body is not a Slack JSON object:
	// empty, truncated, HTML, or JSON that is not an object or has no "ok". (A value of the wrong type
	// inside an answer is dropped, not an error, unless a result type given to Client.Call decodes it
	// itself: see the package documentation.) Messages says what was wrong.
	ErrInvalidResponse ErrorCode = "invalid_response"
	// ErrResponseTooLarge is the code of an *Error for an answer larger than the client's size cap (see
	// WithMaxResponseBytes). The body is not read further.
	ErrResponseTooLarge ErrorCode = "response_too_large"
)

// Error is a failed call: Slack answered ok:false, or the answer was not a Slack answer at all (see
// ErrHTTPError, ErrInvalidResponse, ErrResponseTooLarge), or the SDK refused bad arguments before sending
// anything (ErrInvalidArguments). It unwraps to its Code, so errors.Is(err, ErrChannelNotFound) works.
type Error struct {
	// Method is the Slack method called, such as "chat.postMessage".
	Method string
	// Code is Slack's error code, or one of the SDK's own codes.
	Code ErrorCode
	// StatusCode is the HTTP status of the answer; 0 if nothing was sent.
	StatusCode int
	// Needed and Provided name the scope the method needs and the scopes the token has, for missing_scope.
	Needed   string
	Provided string
	// Warnings are the warnings Slack sent with the error (the "warning" field and
	// response_metadata.warnings).
	Warnings []string
	// Messages are Slack's detailed messages (response_metadata.messages), such as
	// "[ERROR] missing required field: channel", or what the SDK found wrong with the answer or arguments.
	Messages []string
}

// Error describes the failure: "slack: chat.postMessage: channel_not_found".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("slack: ")
	if e.Method != "" {
		b.WriteString(e.Method)
		b.WriteString(": ")
	}
	b.WriteString(string(e.Code))
	if e.StatusCode != 0 && (e.StatusCode < 200 || e.StatusCode > 299) {
		fmt.Fprintf(&b, " (HTTP %d)", e.StatusCode)
	}
	if e.Needed != "" || e.Provided != "" {
		fmt.Fprintf(&b, " (needed %q, provided %q)", e.Needed, e.Provided)
	}
	if len(e.Messages) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(e.Messages, "; "))
	}
	return b.String()
}

// Unwrap returns the error code.
func (e *Error) Unwrap() error { return e.Code }

// RateLimitError is a call that Slack kept refusing with HTTP 429: it still answered 429 after the
// client's retries, or asked for a wait longer than the client may wait (WithMaxRetryWait) or than the
// context's deadline allows. errors.Is matches it with both ErrRatelimited and ErrRateLimited.
type RateLimitError struct {
	// Method is the Slack method called.
	Method string
	// RetryAfter is how long Slack asked the caller to wait before the next call (its Retry-After), or,
	// when Slack named no wait, the backoff the client would have waited.
	RetryAfter time.Duration
	// Attempts is how many requests were sent.
	Attempts int
}

// Error says how long to wait: "slack: users.info: rate limited after 4 attempts; retry after 30s".
func (e *RateLimitError) Error() string {
	return fmt.Sprintf("slack: %s: rate limited after %d attempt%s; retry after %s",
		e.Method, e.Attempts, plural(e.Attempts), e.RetryAfter)
}

// Unwrap returns ErrRatelimited, the code Slack sends with a 429.
func (e *RateLimitError) Unwrap() error { return ErrRatelimited }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// invalidArgument is the error for a bad argument caught before anything is sent.
func invalidArgument(method, format string, args ...any) *Error {
	return &Error{Method: method, Code: ErrInvalidArguments, Messages: []string{fmt.Sprintf(format, args...)}}
}

// required checks that each named argument is non-empty; names and values alternate.
func required(method string, nameValues ...string) error {
	for i := 0; i+1 < len(nameValues); i += 2 {
		if strings.TrimSpace(nameValues[i+1]) == "" {
			return invalidArgument(method, "missing required argument %s", nameValues[i])
		}
	}
	return nil
}
