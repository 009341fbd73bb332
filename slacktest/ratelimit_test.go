package slacktest

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// TestTierTableMatchesSpec checks the fake's copy of the limits against internal/spec/tiers.json.
func TestTierTableMatchesSpec(t *testing.T) {
	data, err := os.ReadFile("../internal/spec/tiers.json")
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Tiers   map[string]float64 `json:"tiers"`
		Methods map[string]string  `json:"methods"`
		Special map[string]struct {
			PerMinute           float64 `json:"per_minute"`
			PerMinutePerChannel float64 `json:"per_minute_per_channel"`
		} `json:"special"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"auth.test": 600} // not in the file: Slack says "hundreds per minute"
	for method, tier := range spec.Methods {
		switch tier {
		case "special":
			sp := spec.Special[method]
			want[method] = max(sp.PerMinute, sp.PerMinutePerChannel)
			if sp.PerMinutePerChannel > 0 != limitedPerChannel[method] {
				t.Errorf("%s: per channel in the spec: %v; in the fake: %v", method, sp.PerMinutePerChannel > 0,
					limitedPerChannel[method])
			}
		case "retired":
			want[method] = spec.Tiers["2"]
		default:
			want[method] = spec.Tiers[tier]
		}
		if want[method] == 0 {
			t.Errorf("%s: no limit in the spec for tier %q", method, tier)
		}
	}
	if len(spec.Methods) != 62 {
		t.Errorf("the spec lists %d methods, want 62", len(spec.Methods))
	}
	// The methods beyond the seeds: their tiers are in methods-next.json. The fake limits every method it
	// answers; oauth.v2.access, with no published figure, counts as Tier 4.
	data, err = os.ReadFile("../internal/spec/methods-next.json")
	if err != nil {
		t.Fatal(err)
	}
	var next struct {
		Methods map[string]struct {
			Tier string `json:"tier"`
		} `json:"methods"`
	}
	if err := json.Unmarshal(data, &next); err != nil {
		t.Fatal(err)
	}
	answered := slices.Collect(maps.Keys(New().handlers))
	for method := range oauthHandlers {
		answered = append(answered, method)
	}
	for _, method := range answered {
		if _, seeded := want[method]; seeded {
			continue
		}
		m, ok := next.Methods[method]
		if !ok {
			t.Errorf("%s: the fake answers it, but neither spec file has its tier", method)
			continue
		}
		tier := m.Tier
		if strings.HasPrefix(tier, "special") {
			tier = "4"
		}
		if want[method] = spec.Tiers[tier]; want[method] == 0 {
			t.Errorf("%s: no limit in the spec for tier %q", method, m.Tier)
		}
	}
	for method, perMinute := range want {
		if got, ok := tierPerMinute[method]; !ok || got != perMinute {
			t.Errorf("%s: the fake allows %v a minute, the spec %v", method, got, perMinute)
		}
	}
	for method := range tierPerMinute {
		if _, ok := want[method]; !ok {
			t.Errorf("%s: in the fake's table but not in the spec", method)
		}
	}
}

func TestRateLimitsAreOffByDefault(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New()
		for range 30 {
			resp, _, err := post(t, s.HTTPClient(), InMemoryURL, "users.list", BotToken, nil)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatal(resp, err)
			}
		}
		if s.Sent429s() != 0 {
			t.Fatalf("Sent429s = %d", s.Sent429s())
		}
	})
}

func TestEnforceTiersScaled(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		// users.list is Tier 2: 20 a minute, burst 2; with a minute of 30s, a token every 1.5s.
		s.EnforceTiers(30 * time.Second)
		var statuses []int
		for range 3 {
			resp, body, err := post(t, client, s.URL(), "users.list", BotToken, nil)
			if err != nil {
				t.Fatal(err)
			}
			statuses = append(statuses, resp.StatusCode)
			if resp.StatusCode == http.StatusTooManyRequests {
				if got := resp.Header.Get("Retry-After"); got != "2" {
					t.Errorf("Retry-After %q, want 2 (about 1.5s, rounded up)", got)
				}
				if string(body) != `{"error":"ratelimited","ok":false}` {
					t.Errorf("429 body %s", body)
				}
			}
		}
		if statuses[0] != 200 || statuses[1] != 200 || statuses[2] != 429 {
			t.Fatalf("statuses %v, want the burst of 2 then a 429", statuses)
		}
		if s.Sent429s() != 1 || s.Count("users.list") != 3 {
			t.Fatalf("Sent429s %d, Count %d", s.Sent429s(), s.Count("users.list"))
		}
		// Another method and another token have their own buckets.
		if resp, _, err := post(t, client, s.URL(), "users.info", BotToken, url.Values{"user": {BobID}}); err != nil ||
			resp.StatusCode != 200 {
			t.Fatal(resp, err)
		}
		if resp, _, err := post(t, client, s.URL(), "users.list", UserToken, nil); err != nil || resp.StatusCode != 200 {
			t.Fatal(resp, err)
		}
	})
}

func TestEnforcedLimitRefills(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New()
		s.EnforceTiers(time.Minute)
		call := func(method string, form url.Values) (int, string) {
			resp, _, err := post(t, s.HTTPClient(), InMemoryURL, method, BotToken, form)
			if err != nil {
				t.Fatal(err)
			}
			return resp.StatusCode, resp.Header.Get("Retry-After")
		}
		// users.info is Tier 4: 100 a minute, burst 10; a token every 0.6s.
		for i := range 10 {
			if st, _ := call("users.info", url.Values{"user": {BobID}}); st != 200 {
				t.Fatalf("call %d: %d", i, st)
			}
		}
		st, ra := call("users.info", url.Values{"user": {BobID}})
		if st != 429 || ra != "1" {
			t.Fatalf("past the burst: %d, Retry-After %q", st, ra)
		}
		time.Sleep(600 * time.Millisecond) // 100 a minute: one token every 0.6s
		if st, _ := call("users.info", url.Values{"user": {BobID}}); st != 200 {
			t.Fatalf("after a refill: %d", st)
		}
		if st, _ := call("users.info", url.Values{"user": {BobID}}); st != 429 {
			t.Fatalf("a second call on one token: %d", st)
		}
		if s.Sent429s() != 2 {
			t.Fatalf("Sent429s %d", s.Sent429s())
		}
	})
}

func TestPostMessageLimitIsPerChannel(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New()
		s.EnforceTiers(time.Minute) // 60 a minute per channel, burst 6
		post := func(channel string) int {
			resp, _, err := post(t, s.HTTPClient(), InMemoryURL, "chat.postMessage", BotToken,
				url.Values{"channel": {channel}, "text": {"hi"}})
			if err != nil {
				t.Fatal(err)
			}
			return resp.StatusCode
		}
		for i := range 6 {
			if st := post(GeneralID); st != 200 {
				t.Fatalf("post %d: %d", i, st)
			}
		}
		if st := post(GeneralID); st != 429 {
			t.Fatalf("7th post to general: %d", st)
		}
		if st := post(RandomID); st != 200 {
			t.Fatalf("a post to random: %d", st)
		}
		if got := len(s.Messages(GeneralID)); got != 6 {
			t.Fatalf("general holds %d messages; a refused post must not be stored", got)
		}
	})
}

func TestSetRateLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New()
		s.SetRateLimit("users.info", 100, 10)
		codes := map[int]int{}
		for range 12 {
			resp, _, err := post(t, s.HTTPClient(), InMemoryURL, "users.info", BotToken, url.Values{"user": {BobID}})
			if err != nil {
				t.Fatal(err)
			}
			codes[resp.StatusCode]++
		}
		if codes[200] != 10 || codes[429] != 2 || s.Sent429s() != 2 {
			t.Fatalf("codes %v, Sent429s %d", codes, s.Sent429s())
		}
		time.Sleep(10 * time.Millisecond)
		resp, _, _ := post(t, s.HTTPClient(), InMemoryURL, "users.info", BotToken, url.Values{"user": {BobID}})
		if resp.StatusCode != 200 {
			t.Fatalf("after 10ms at 100/s: %d", resp.StatusCode)
		}
		// Other methods are not limited without EnforceTiers.
		for range 5 {
			resp, _, _ := post(t, s.HTTPClient(), InMemoryURL, "users.list", BotToken, nil)
			if resp.StatusCode != 200 {
				t.Fatalf("users.list: %d", resp.StatusCode)
			}
		}
		s.StopRateLimits()
		for range 20 {
			resp, _, _ := post(t, s.HTTPClient(), InMemoryURL, "users.info", BotToken, url.Values{"user": {BobID}})
			if resp.StatusCode != 200 {
				t.Fatalf("after StopRateLimits: %d", resp.StatusCode)
			}
		}
		if got := s.Sent429s(); got != 2 {
			t.Fatalf("Sent429s %d after StopRateLimits, want the count kept", got)
		}
		// A long wait is rounded up to whole seconds.
		s.SetRateLimit("users.info", 0.25, 1)
		post(t, s.HTTPClient(), InMemoryURL, "users.info", BotToken, url.Values{"user": {BobID}})
		resp, _, _ = post(t, s.HTTPClient(), InMemoryURL, "users.info", BotToken, url.Values{"user": {BobID}})
		if ra, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode != 429 || ra != 4 {
			t.Fatalf("status %d, Retry-After %q, want 429 and 4", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	})
}

// TestSetWindowLimit: a fixed window lets n requests through in each window aligned on the clock,
// refuses the rest with a Retry-After up to the window's end, and starts again in the next window.
func TestSetWindowLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New()
		s.SetWindowLimit("users.info", 3, time.Minute)
		// The bubble's clock starts on a minute: move 50s into it.
		time.Sleep(50 * time.Second)
		status := func() (int, string) {
			resp, _, err := post(t, s.HTTPClient(), InMemoryURL, "users.info", BotToken, url.Values{"user": {BobID}})
			if err != nil {
				t.Fatal(err)
			}
			return resp.StatusCode, resp.Header.Get("Retry-After")
		}
		for i := range 3 {
			if code, _ := status(); code != http.StatusOK {
				t.Fatalf("request %d: status %d, want 200", i, code)
			}
		}
		time.Sleep(500 * time.Millisecond)
		if code, after := status(); code != http.StatusTooManyRequests || after != "10" {
			t.Fatalf("4th request: status %d Retry-After %q, want 429 and 10 (9.5s to the window's end, rounded up)", code, after)
		}
		// At the next window, a whole window's worth again, at once.
		time.Sleep(9500 * time.Millisecond)
		for i := range 3 {
			if code, _ := status(); code != http.StatusOK {
				t.Fatalf("next window, request %d: status %d, want 200", i, code)
			}
		}
		if code, after := status(); code != http.StatusTooManyRequests || after != "60" {
			t.Fatalf("next window's 4th: status %d Retry-After %q, want 429 and 60", code, after)
		}
		if s.Sent429s() != 2 {
			t.Fatalf("Sent429s = %d, want 2", s.Sent429s())
		}
		// Another token has its own window.
		resp, _, err := post(t, s.HTTPClient(), InMemoryURL, "users.info", UserToken, url.Values{"user": {BobID}})
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("other token: %v %v", resp, err)
		}
		s.SetWindowLimit("users.info", 0, time.Minute)
		if code, _ := status(); code != http.StatusOK {
			t.Fatalf("after removing the limit: status %d", code)
		}
	})
}

// TestNonMarketplaceLimits: conversations.history and conversations.replies answer 1 request a minute
// and pages of at most 15 messages; other methods are untouched.
func TestNonMarketplaceLimits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, err := Open(WithNonMarketplaceLimits(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for i := range 40 {
			s.AddMessage(Message{Channel: GeneralID, User: AliceID, Text: "m" + strconv.Itoa(i)})
		}
		page := func(limit string) (int, int, string) {
			form := url.Values{"channel": {GeneralID}}
			if limit != "" {
				form.Set("limit", limit)
			}
			resp, body, err := post(t, s.HTTPClient(), InMemoryURL, "conversations.history", BotToken, form)
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Messages []json.RawMessage `json:"messages"`
			}
			if resp.StatusCode == http.StatusOK {
				if err := json.Unmarshal(body, &r); err != nil {
					t.Fatal(err)
				}
			}
			return resp.StatusCode, len(r.Messages), resp.Header.Get("Retry-After")
		}
		if code, n, _ := page(""); code != 200 || n != 15 {
			t.Fatalf("default page: status %d, %d messages; want 200 and 15", code, n)
		}
		time.Sleep(20 * time.Second)
		if code, _, after := page(""); code != 429 || after != "40" {
			t.Fatalf("second request in the minute: status %d Retry-After %q, want 429 and 40", code, after)
		}
		time.Sleep(40 * time.Second)
		if code, n, _ := page("200"); code != 200 || n != 15 {
			t.Fatalf("limit 200: status %d, %d messages; want 200 and at most 15", code, n)
		}
		time.Sleep(time.Minute)
		if code, n, _ := page("7"); code != 200 || n != 7 {
			t.Fatalf("limit 7: status %d, %d messages", code, n)
		}
		for range 5 { // other methods keep their (unenforced) limits
			resp, _, err := post(t, s.HTTPClient(), InMemoryURL, "users.info", BotToken, url.Values{"user": {BobID}})
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("users.info: %v %v", resp, err)
			}
		}
		if s.Sent429s() != 1 {
			t.Fatalf("Sent429s = %d, want 1", s.Sent429s())
		}
	})
}
