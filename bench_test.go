package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// The benchmarks compare the SDK with what a hand-written client does: build the form with url.Values,
// send it with net/http, read the body, and decode it with encoding/json into equivalent structs. Both
// sides go through the same in-memory transport, which answers every request with one fixed body, so
// what is measured is the client's own work. Run them with
//
//	go test -run '^$' -bench 'PostMessage|UsersListPage' -benchmem
//
// The SDK runs with its defaults apart from the transport and the proactive rate limiter, which would
// space the calls at Slack's tiers (one post a second to a channel); the goslack-limiter runs keep the
// limiter on, with a limit too high to wait, to measure what it costs a call.

// cannedTransport answers every request with body, after reading the request as a server would.
type cannedTransport struct{ body []byte }

func (c cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Header:        http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:          io.NopCloser(bytes.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
		Request:       req,
	}, nil
}

// fakeAnswer returns the fake workspace's answer to one request.
func fakeAnswer(b *testing.B, srv *slacktest.Server, method string, form url.Values) []byte {
	b.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL()+method, strings.NewReader(form.Encode()))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+slacktest.BotToken)
	resp, err := srv.RoundTrip(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// benchClient returns a client whose every call is answered with body; opts come after the defaults,
// which turn the rate limiter off.
func benchClient(b *testing.B, body []byte, opts ...slack.Option) *slack.Client {
	b.Helper()
	c, err := slack.New(slacktest.BotToken, append([]slack.Option{slack.WithBaseURL(slacktest.InMemoryURL),
		slack.WithHTTPClient(&http.Client{Transport: cannedTransport{body: body}}), slack.WithRateLimiting(false)},
		opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// baselineCall is the hand-written client: one POST, the whole body read, one json.Unmarshal.
func baselineCall(ctx context.Context, hc *http.Client, method string, form url.Values, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, slacktest.InMemoryURL+method, strings.NewReader(form.Encode()))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+slacktest.BotToken)
	req.Header.Set("User-Agent", "baseline/1.0")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(body, out)
}

// The baseline's structs hold the same fields as the SDK's, with plain types.
type (
	baselineMessage struct {
		Type        string            `json:"type"`
		Subtype     string            `json:"subtype"`
		TS          string            `json:"ts"`
		User        string            `json:"user"`
		BotID       string            `json:"bot_id"`
		BotProfile  *baselineBot      `json:"bot_profile"`
		Username    string            `json:"username"`
		Text        string            `json:"text"`
		Team        string            `json:"team"`
		ThreadTS    string            `json:"thread_ts"`
		ReplyCount  int               `json:"reply_count"`
		Blocks      []json.RawMessage `json:"blocks"`
		Attachments []json.RawMessage `json:"attachments"`
	}
	baselineBot struct {
		ID      string            `json:"id"`
		AppID   string            `json:"app_id"`
		Name    string            `json:"name"`
		Deleted bool              `json:"deleted"`
		Updated int64             `json:"updated"`
		TeamID  string            `json:"team_id"`
		Icons   map[string]string `json:"icons"`
	}
	baselinePost struct {
		OK      bool            `json:"ok"`
		Error   string          `json:"error"`
		Channel string          `json:"channel"`
		TS      string          `json:"ts"`
		Message baselineMessage `json:"message"`
	}
	baselineProfile struct {
		RealName              string `json:"real_name"`
		RealNameNormalized    string `json:"real_name_normalized"`
		DisplayName           string `json:"display_name"`
		DisplayNameNormalized string `json:"display_name_normalized"`
		FirstName             string `json:"first_name"`
		LastName              string `json:"last_name"`
		Title                 string `json:"title"`
		Email                 string `json:"email"`
		Phone                 string `json:"phone"`
		Skype                 string `json:"skype"`
		StatusText            string `json:"status_text"`
		StatusEmoji           string `json:"status_emoji"`
		StatusExpiration      int64  `json:"status_expiration"`
		AvatarHash            string `json:"avatar_hash"`
		IsCustomImage         bool   `json:"is_custom_image"`
		Team                  string `json:"team"`
		Image24               string `json:"image_24"`
		Image32               string `json:"image_32"`
		Image48               string `json:"image_48"`
		Image72               string `json:"image_72"`
		Image192              string `json:"image_192"`
		Image512              string `json:"image_512"`
	}
	baselineUser struct {
		ID                string          `json:"id"`
		TeamID            string          `json:"team_id"`
		Name              string          `json:"name"`
		Deleted           bool            `json:"deleted"`
		Color             string          `json:"color"`
		RealName          string          `json:"real_name"`
		TZ                string          `json:"tz"`
		TZLabel           string          `json:"tz_label"`
		TZOffset          int             `json:"tz_offset"`
		Profile           baselineProfile `json:"profile"`
		IsAdmin           bool            `json:"is_admin"`
		IsOwner           bool            `json:"is_owner"`
		IsPrimaryOwner    bool            `json:"is_primary_owner"`
		IsRestricted      bool            `json:"is_restricted"`
		IsUltraRestricted bool            `json:"is_ultra_restricted"`
		IsBot             bool            `json:"is_bot"`
		IsAppUser         bool            `json:"is_app_user"`
		Updated           int64           `json:"updated"`
	}
	baselineUsersPage struct {
		OK               bool           `json:"ok"`
		Error            string         `json:"error"`
		Members          []baselineUser `json:"members"`
		CacheTS          int64          `json:"cache_ts"`
		ResponseMetadata struct {
			NextCursor string `json:"next_cursor"`
		} `json:"response_metadata"`
	}
)

func BenchmarkPostMessage(b *testing.B) {
	srv := slacktest.New()
	form := url.Values{"channel": {slacktest.GeneralID}, "text": {"Deploy finished: 42 services, 0 failures"}}
	body := fakeAnswer(b, srv, "chat.postMessage", form)
	ctx := context.Background()

	b.Run("goslack", func(b *testing.B) {
		c := benchClient(b, body)
		params := &slack.ChatPostMessageParams{Text: form.Get("text")}
		b.ReportAllocs()
		for b.Loop() {
			r, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, params)
			if err != nil || r.TS == "" {
				b.Fatal(r, err)
			}
		}
	})
	b.Run("goslack-limiter", func(b *testing.B) {
		c := benchClient(b, body, slack.WithRateLimiting(true), slack.WithMethodLimit("chat.postMessage", 1<<30, 1<<20))
		params := &slack.ChatPostMessageParams{Text: form.Get("text")}
		b.ReportAllocs()
		for b.Loop() {
			r, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, params)
			if err != nil || r.TS == "" {
				b.Fatal(r, err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		hc := &http.Client{Transport: cannedTransport{body: body}}
		b.ReportAllocs()
		for b.Loop() {
			var out baselinePost
			if err := baselineCall(ctx, hc, "chat.postMessage", url.Values{"channel": {slacktest.GeneralID},
				"text": {form.Get("text")}}, &out); err != nil || !out.OK || out.TS == "" {
				b.Fatal(out, err)
			}
		}
	})
}

// benchUsersPage is one users.list page of 200 members, as the fake workspace renders it.
func benchUsersPage(b *testing.B) []byte {
	b.Helper()
	srv := slacktest.New()
	for i := range 200 {
		id := fmt.Sprintf("U1%06d", i)
		srv.AddUser(slacktest.User{ID: id, Name: "user" + strconv.Itoa(i), RealName: "User Number " + strconv.Itoa(i),
			Email: "user" + strconv.Itoa(i) + "@example.com", TZ: "Europe/London"})
	}
	return fakeAnswer(b, srv, "users.list", url.Values{"limit": {"200"}})
}

func BenchmarkUsersListPage(b *testing.B) {
	body := benchUsersPage(b)
	ctx := context.Background()
	b.Run("goslack", func(b *testing.B) {
		c := benchClient(b, body)
		params := &slack.UsersListParams{Limit: 200}
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			r, err := c.Users.List(ctx, params)
			if err != nil || len(r.Members) != 200 {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline", func(b *testing.B) {
		hc := &http.Client{Transport: cannedTransport{body: body}}
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var out baselineUsersPage
			if err := baselineCall(ctx, hc, "users.list", url.Values{"limit": {"200"}}, &out); err != nil || !out.OK ||
				len(out.Members) != 200 {
				b.Fatal(err)
			}
		}
	})
}
