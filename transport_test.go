package slack_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func TestRateLimitedCallIsRetriedAfterRetryAfter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("users.info", slacktest.RateLimited("3"))
		start := time.Now()

		u, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

		require.NoError(t, err)
		assert.Equal(t, "bob", u.Name)
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 2)
		assert.Equal(t, reqs[1].Time.Sub(start), time.Since(start))
		// The retry waits Retry-After, and less than one interval more of the rate the 429 taught: with
		// no limit configured, the call it let through (none; counted as one) over those 3s.
		checkResumed(t, since(start, reqs[1:]), 3*time.Second, every(servedRate(1, 3*time.Second)), "the retry")
		assert.Equal(t, reqs[0].Form, reqs[1].Form, "the retry sends the same arguments")
	})
}

func TestRateLimitErrorAfterRetriesRunOut(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := newTestClient(t, slack.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
		srv.Inject("users.info", slacktest.Fault{Status: 429, RetryAfter: "2", Body: `{"ok":false,"error":"ratelimited"}`, Times: -1})
		start := time.Now()

		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

		var rl *slack.RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, "users.info", rl.Method)
		assert.Equal(t, 2*time.Second, rl.RetryAfter)
		assert.Equal(t, 1+slack.DefaultMaxRetries, rl.Attempts)
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 1+slack.DefaultMaxRetries)
		// Each 429 teaches a lower rate; each retry waits Retry-After, and less than one interval more.
		rates := lessonRates(t, &logs)
		require.Len(t, rates, 1+slack.DefaultMaxRetries, "every 429 came to a call sent after the last lesson")
		for k := 1; k < len(rates); k++ {
			assert.Less(t, rates[k], rates[k-1], "lesson %d", k+1)
		}
		checkRetries(t, reqs, 2*time.Second, rates, "users.info")
		assert.Equal(t, reqs[len(reqs)-1].Time.Sub(start), time.Since(start), "the error comes with the last 429")
		assert.ErrorIs(t, err, slack.ErrRatelimited)
		assert.ErrorIs(t, err, slack.ErrRateLimited)
		assert.Contains(t, err.Error(), "retry after 2s")
	})
}

func TestMaxRetriesZeroGivesUpAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMaxRetries(0))
		srv.Inject("chat.postMessage", slacktest.RateLimited("1"))
		start := time.Now()

		_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi"})

		var rl *slack.RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, 1, rl.Attempts)
		assert.Zero(t, time.Since(start))
		assert.Empty(t, srv.Messages(slacktest.GeneralID))
	})
}

func TestRetryAfterBeyondMaxRetryWaitFailsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t, slack.WithMaxRetryWait(10*time.Second))
		srv.Inject("users.info", slacktest.RateLimited("30"))
		start := time.Now()

		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

		var rl *slack.RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, 30*time.Second, rl.RetryAfter)
		assert.Equal(t, 1, rl.Attempts)
		assert.Zero(t, time.Since(start), "no wait when the wait is not allowed")
		assert.Equal(t, 1, srv.Count("users.info"))
	})
}

func TestRetryAfterBeyondDeadlineFailsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("users.info", slacktest.RateLimited("20"))
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		start := time.Now()

		_, err := c.Users.Info(ctx, slacktest.BobID, nil)

		var rl *slack.RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, 20*time.Second, rl.RetryAfter)
		assert.Zero(t, time.Since(start))
		assert.Equal(t, 1, srv.Count("users.info"))
	})
}

func TestCancelDuringRateLimitWaitReturnsPromptly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("users.info", slacktest.RateLimited("60"))
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(2*time.Second, cancel)
		start := time.Now()

		_, err := c.Users.Info(ctx, slacktest.BobID, nil)

		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 2*time.Second, time.Since(start), "the wait ends when the context does")
		assert.Equal(t, 1, srv.Count("users.info"))
		assert.Contains(t, err.Error(), "users.info")
	})
}

func TestRateLimitWithoutRetryAfterBacksOff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		c, srv := newTestClient(t, slack.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
		srv.Inject("users.info", slacktest.RateLimited(""))
		start := time.Now()

		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

		require.NoError(t, err)
		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 2)
		var backoff time.Duration
		for _, r := range records(t, &logs) {
			if r["msg"] == "slack: rate limited, retrying" {
				backoff = time.Duration(r["retry_after"].(float64))
			}
		}
		assert.GreaterOrEqual(t, backoff, 250*time.Millisecond)
		assert.LessOrEqual(t, backoff, 500*time.Millisecond)
		// The backoff pauses the method as a Retry-After would: with no limit configured, the 429 teaches
		// the call it let through (none; counted as one) a second at least.
		checkResumed(t, since(start, reqs[1:]), backoff, every(servedRate(1, time.Second)), "the retry")
	})
}

func TestRetryAfterAsHTTPDate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		when := time.Now().Add(4 * time.Second).UTC().Format(http.TimeFormat)
		srv.Inject("users.info", slacktest.RateLimited(when))
		start := time.Now()

		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

		require.NoError(t, err)
		// The date is 4s ahead: the retry waits that long, and less than one interval more of the rate
		// the 429 taught (no limit configured: the call it let through, none, counted as one, over 4s).
		checkResumed(t, []time.Duration{time.Since(start)}, 4*time.Second, every(servedRate(1, 4*time.Second)), "the retry")
	})
}

func TestRateLimitPausesOtherCallersOfTheMethod(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("users.info", slacktest.RateLimited("5"))
		start := time.Now()

		var wg sync.WaitGroup
		wg.Go(func() {
			_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
			assert.NoError(t, err)
		})
		synctest.Wait() // the first call has its 429 and is waiting out the pause
		time.Sleep(time.Second)
		wg.Go(func() {
			_, err := c.Users.Info(t.Context(), slacktest.CarolID, nil)
			assert.NoError(t, err)
		})
		_, err := c.Users.LookupByEmail(t.Context(), "bob@example.com")
		require.NoError(t, err, "another method is not paused")
		assert.Equal(t, time.Second, time.Since(start))
		wg.Wait()

		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 3, "the second caller waited for the pause instead of drawing its own 429")
		// The two go one at a time when the pause ends, at the rate the 429 taught (no limit configured:
		// the call it let through, none, counted as one, over Retry-After: 5).
		checkResumed(t, since(start, reqs[1:]), 5*time.Second, every(servedRate(1, 5*time.Second)), "after the pause")
	})
}

func TestPostMessagePauseIsPerChannel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("chat.postMessage", slacktest.RateLimited("5"))
		start := time.Now()

		var wg sync.WaitGroup
		wg.Go(func() {
			_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "a"})
			assert.NoError(t, err)
		})
		synctest.Wait()
		_, err := c.Chat.PostMessage(t.Context(), slacktest.RandomID, &slack.ChatPostMessageParams{Text: "b"})
		require.NoError(t, err)
		assert.Zero(t, time.Since(start), "a 429 for #general does not pause posts to #random")
		_, err = c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "c"})
		require.NoError(t, err)
		wg.Wait()
		var general []time.Duration
		for _, r := range srv.Requests("chat.postMessage") {
			if r.Form.Get("channel") == slacktest.GeneralID {
				general = append(general, r.Time.Sub(start))
			}
		}
		require.Len(t, general, 3)
		assert.Equal(t, general[2], time.Since(start))
		checkResumed(t, general[1:], 5*time.Second, every(servedRate(1, 5*time.Second)),
			"posts to #general wait out its pause, then go at the rate it taught")

		assert.Len(t, srv.Messages(slacktest.GeneralID), 2)
		assert.Len(t, srv.Messages(slacktest.RandomID), 1)
	})
}

func TestWithTokenHasItsOwnRateLimitState(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		bot, srv := newTestClient(t)
		alice := bot.WithToken(slacktest.UserToken)
		srv.Inject("users.info", slacktest.RateLimited("5"))
		start := time.Now()

		var wg sync.WaitGroup
		wg.Go(func() {
			_, err := bot.Users.Info(t.Context(), slacktest.BobID, nil)
			assert.NoError(t, err)
		})
		synctest.Wait()
		_, err := alice.Users.Info(t.Context(), slacktest.BobID, nil)
		require.NoError(t, err)
		assert.Zero(t, time.Since(start), "a pause of one workspace's client does not hold another's")
		wg.Wait()

		reqs := srv.Requests("users.info")
		require.Len(t, reqs, 3)
		assert.Equal(t, "Bearer "+slacktest.UserToken, reqs[1].Header.Get("Authorization"))
		assert.Equal(t, "Bearer "+slacktest.BotToken, reqs[2].Header.Get("Authorization"))
	})
}

func TestServerErrorsAreRetriedForReadsOnly(t *testing.T) {
	for name, fault := range map[string]slacktest.Fault{
		"502 HTML":           slacktest.HTMLError(http.StatusBadGateway),
		"503 JSON":           slacktest.HTTPStatus(http.StatusServiceUnavailable, "application/json", `{"ok":false,"error":"service_unavailable"}`),
		"connection dropped": {Drop: true},
		"answer cut off":     {DropMidBody: true, AfterHandling: true},
	} {
		t.Run(name+"/read", func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, srv := newTestClient(t)
				srv.Inject("users.info", fault)

				u, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

				require.NoError(t, err)
				assert.Equal(t, slacktest.BobID, u.ID)
				assert.Equal(t, 2, srv.Count("users.info"))
			})
		})
		t.Run(name+"/write", func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, srv := newTestClient(t)
				fault := fault
				fault.AfterHandling = true // the post reached Slack; only its answer is lost
				srv.Inject("chat.postMessage", fault)

				_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "once"})

				require.Error(t, err)
				assert.Equal(t, 1, srv.Count("chat.postMessage"), "a write is never sent twice")
				assert.Len(t, srv.Messages(slacktest.GeneralID), 1)
			})
		})
	}
}

func TestServerErrorAfterRetriesIsHTTPError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		f := slacktest.HTMLError(http.StatusBadGateway)
		f.Times = -1
		srv.Inject("users.info", f)

		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)

		se := assertCode(t, err, slack.ErrHTTPError)
		assert.Equal(t, http.StatusBadGateway, se.StatusCode)
		assert.Contains(t, err.Error(), "HTML")
		assert.Equal(t, 1+slack.DefaultMaxRetries, srv.Count("users.info"))
	})
}

func TestServerErrorWithSlackBodyKeepsItsCode(t *testing.T) {
	c, srv := newTestClient(t)
	srv.Inject("chat.postMessage", slacktest.HTTPStatus(http.StatusInternalServerError, "application/json",
		`{"ok":false,"error":"internal_error"}`))

	_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "x"})

	se := assertCode(t, err, slack.ErrInternalError)
	assert.Equal(t, http.StatusInternalServerError, se.StatusCode)
	assert.Equal(t, 1, srv.Count("chat.postMessage"))
}

func TestConnectionErrorBeforeSendingIsRetriedEvenForWrites(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := slacktest.New()
		refused := &countingTransport{next: srv, refuse: 1}
		c, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(&http.Client{Transport: refused}),
			slack.WithBaseURL(srv.URL()))
		require.NoError(t, err)

		_, err = c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "hi"})

		require.NoError(t, err)
		assert.Equal(t, 2, refused.sent)
		assert.Len(t, srv.Messages(slacktest.GeneralID), 1)
	})
}

func TestBadAnswersAreInvalidResponse(t *testing.T) {
	for name, body := range map[string]string{
		"empty":     "",
		"html":      "<html><body>oops</body></html>",
		"truncated": `{"ok":true,"user":{"id":"U1","na`,
		"array":     `[1,2]`,
		"no ok":     `{"user":{"id":"U1"}}`,
		"null":      `null`,
	} {
		t.Run(name, func(t *testing.T) {
			c := replayClient(t, http.StatusOK, []byte(body))

			_, err := c.Users.Info(t.Context(), "U1", nil)

			se := assertCode(t, err, slack.ErrInvalidResponse)
			assert.Equal(t, http.StatusOK, se.StatusCode)
			assert.NotEmpty(t, se.Messages)
			assert.NotContains(t, err.Error(), "oops", "the body is described, not quoted")
		})
	}
}

func TestAnswerLargerThanTheCapFails(t *testing.T) {
	c, _ := newTestClient(t, slack.WithMaxResponseBytes(512))

	_, err := c.Users.List(t.Context(), nil)

	se := assertCode(t, err, slack.ErrResponseTooLarge)
	assert.Equal(t, "users.list", se.Method)
	assert.Contains(t, err.Error(), "512 bytes")

	u, err := c.Auth.Test(t.Context())
	require.NoError(t, err, "a small answer still fits")
	assert.Equal(t, slacktest.BotUserID, u.UserID)
}

func TestSlackErrorCarriesItsDetails(t *testing.T) {
	c := replayClient(t, http.StatusOK, []byte(`{"ok":false,"error":"missing_scope","needed":"users:read.email",
		"provided":"users:read","warning":"superfluous_charset",
		"response_metadata":{"messages":["[ERROR] need more scopes"],"warnings":["missing_charset"]}}`))

	_, err := c.Users.LookupByEmail(t.Context(), "a@example.com")

	se := assertCode(t, err, slack.ErrMissingScope)
	assert.Equal(t, "users.lookupByEmail", se.Method)
	assert.Equal(t, "users:read.email", se.Needed)
	assert.Equal(t, "users:read", se.Provided)
	assert.Equal(t, []string{"superfluous_charset", "missing_charset"}, se.Warnings)
	assert.Equal(t, []string{"[ERROR] need more scopes"}, se.Messages)
	assert.Equal(t, http.StatusOK, se.StatusCode)
	assert.Equal(t,
		`slack: users.lookupByEmail: missing_scope (needed "users:read.email", provided "users:read"): [ERROR] need more scopes`,
		err.Error())
}

func TestUndocumentedCodeStillCompares(t *testing.T) {
	c := replayClient(t, http.StatusOK, []byte(`{"ok":false,"error":"brand_new_code"}`))

	err := c.Users.DeletePhoto(t.Context())

	assertCode(t, err, slack.ErrorCode("brand_new_code"))
	assert.NotErrorIs(t, err, slack.ErrInvalidAuth)
}

func TestWarningsAreLogged(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := replayClient(t, http.StatusOK, []byte(`{"ok":true,"warning":"superfluous_charset",
		"response_metadata":{"warnings":["superfluous_charset"]},"url":"https://x.slack.com/","team":"x",
		"user":"u","team_id":"T1","user_id":"U1"}`), slack.WithLogger(logger))

	r, err := c.Auth.Test(t.Context())

	require.NoError(t, err)
	assert.Equal(t, "U1", r.UserID)
	assert.Contains(t, logs.String(), "level=WARN")
	assert.Contains(t, logs.String(), "superfluous_charset")
	assert.Contains(t, logs.String(), "method=auth.test")
	assert.NotContains(t, logs.String(), "xoxb-replay", "the warning record does not carry the token")
}

func TestRequestHeaders(t *testing.T) {
	c, srv := newTestClient(t, slack.WithUserAgent("mybot/1.2"))

	_, err := c.Auth.Test(t.Context())

	require.NoError(t, err)
	r := lastRequest(t, srv, "auth.test")
	assert.Equal(t, http.MethodPost, r.HTTPMethod)
	assert.Equal(t, "/api/auth.test", r.URL.Path)
	assert.Empty(t, r.URL.RawQuery)
	assert.Equal(t, "Bearer "+slacktest.BotToken, r.Header.Get("Authorization"))
	assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "mybot/1.2 goslack/"+slack.Version),
		r.Header.Get("User-Agent"))
	assert.Empty(t, r.Form.Get("token"), "the token never travels in the form")
}

func TestTokenNeverAppearsInErrorsOrLogs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var logs bytes.Buffer
		logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c, srv := newTestClient(t, slack.WithLogger(logger))
		srv.Inject("users.info", slacktest.RateLimited("1"), slacktest.HTMLError(502), slacktest.Fault{Drop: true})
		srv.Inject("chat.postMessage", slacktest.Fault{DropMidBody: true, AfterHandling: true})
		srv.Inject("users.list", slacktest.Fault{Status: 429, Body: "{}", RetryAfter: "1", Times: -1})

		var errs []error
		_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
		errs = append(errs, err)
		_, err = c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "x"})
		errs = append(errs, err)
		_, err = c.Users.List(t.Context(), nil)
		errs = append(errs, err)
		_, err = c.Chat.PostMessage(t.Context(), "C404", &slack.ChatPostMessageParams{Text: "x"})
		errs = append(errs, err)

		require.NoError(t, errs[0])
		for _, err := range errs[1:] {
			require.Error(t, err)
			assert.NotContains(t, err.Error(), slacktest.BotToken)
		}
		require.NotEmpty(t, logs.String())
		assert.NotContains(t, logs.String(), slacktest.BotToken)
		for _, r := range srv.Requests() {
			assert.NotContains(t, r.URL.String(), slacktest.BotToken)
		}
	})
}

func TestContextErrors(t *testing.T) {
	c, srv := newTestClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	_, err := c.Auth.Test(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, srv.Count(), "a cancelled context sends nothing")

	var nilCtx context.Context
	_, err = c.Auth.Test(nilCtx)
	assertCode(t, err, slack.ErrInvalidArguments)
	assert.Contains(t, err.Error(), "context")
}

func TestSlowAnswerOutlivesDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("chat.postMessage", slacktest.Fault{SlowBody: time.Minute, AfterHandling: true})
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		start := time.Now()

		_, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "slow"})

		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 3*time.Second, time.Since(start))
		assert.Equal(t, 1, srv.Count("chat.postMessage"))
	})
}

func TestClientWithoutTokenRefusesToSend(t *testing.T) {
	c, srv := newTestClient(t)

	_, err := c.WithToken(" ").Auth.Test(t.Context())

	assertNothingSent(t, srv, err, "token")
}

func TestLargestResponseCapStillReadsAnswers(t *testing.T) {
	c, _ := newTestClient(t, slack.WithMaxResponseBytes(math.MaxInt64))

	u, err := c.Auth.Test(t.Context())

	require.NoError(t, err)
	assert.Equal(t, slacktest.BotUserID, u.UserID)
}

func TestAnnouncedLengthIsNotAllocatedUpFront(t *testing.T) {
	body := `{"ok":true,"user_id":"U1"}`
	transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), ContentLength: 1 << 50, Request: r}, nil
	})
	c, err := slack.New("xoxb-1", slack.WithHTTPClient(&http.Client{Transport: transport}),
		slack.WithMaxResponseBytes(1<<60))
	require.NoError(t, err)

	u, err := c.Auth.Test(t.Context())

	require.NoError(t, err, "a Content-Length of 1 PiB must not be allocated before the body arrives")
	assert.Equal(t, "U1", u.UserID)
}

// endlessSpace reads as an endless run of JSON white space.
type endlessSpace struct{}

func (endlessSpace) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestDefaultResponseCap(t *testing.T) {
	const answer = `{"ok":true,"user_id":"U1"}`
	for _, size := range []int64{slack.DefaultMaxResponseBytes, slack.DefaultMaxResponseBytes + 1} {
		transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			body := io.MultiReader(strings.NewReader(answer), io.LimitReader(endlessSpace{}, size-int64(len(answer))))
			return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(body),
				ContentLength: -1, Request: r}, nil
		})
		c, err := slack.New("xoxb-1", slack.WithHTTPClient(&http.Client{Transport: transport}))
		require.NoError(t, err)

		_, err = c.Auth.Test(t.Context())

		if size > slack.DefaultMaxResponseBytes {
			assertCode(t, err, slack.ErrResponseTooLarge)
		} else {
			require.NoError(t, err, "an answer of exactly the default cap")
		}
	}
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), fmt.Sprintf("`DefaultMaxResponseBytes` = %d MiB", slack.DefaultMaxResponseBytes>>20),
		"the README states the default cap")
}
