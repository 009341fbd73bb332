package slacktest

import (
	"net/http"
	"net/url"
	"testing"
)

func TestEmptyBodyFault(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fault  Fault
		status int
		stored int
	}{
		{"before handling", Fault{EmptyBody: true}, 200, 0},
		{"after handling", Fault{EmptyBody: true, AfterHandling: true}, 200, 1},
		{"after handling, with a status", Fault{Status: 502, EmptyBody: true, AfterHandling: true}, 502, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			transports(t, func(t *testing.T, s *Server, client *http.Client) {
				s.Inject("chat.postMessage", tc.fault)

				resp, body, err := post(t, client, s.URL(), "chat.postMessage", BotToken,
					url.Values{"channel": {GeneralID}, "text": {"x"}})

				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				if resp.StatusCode != tc.status || len(body) != 0 || resp.ContentLength != 0 {
					t.Errorf("%s: status %d, body %q, Content-Length %d; want %d, no body, 0", tc.name,
						resp.StatusCode, body, resp.ContentLength, tc.status)
				}
				if n := len(s.Messages(GeneralID)); n != tc.stored {
					t.Errorf("%s: %d messages stored, want %d", tc.name, n, tc.stored)
				}
			})
		})
	}
}
