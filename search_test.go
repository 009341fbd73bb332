package slack_test

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"search.messages": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Search.Messages(ctx, "The meaning of life the universe and everything", nil)
		},
	})
}

// searchSeed stores messages with "deploy" in #general, #random, #secret and a private channel alice
// is not in, and one without it, and returns the timestamps of the three alice can find, oldest first.
func searchSeed(t *testing.T, srv *slacktest.Server) []string {
	t.Helper()
	srv.AddChannel(slacktest.Channel{ID: "C0HIDDEN", Name: "hidden", IsPrivate: true,
		Members: []string{slacktest.BobID, slacktest.CarolID}})
	var found []string
	for _, m := range []slacktest.Message{
		{Channel: slacktest.GeneralID, User: slacktest.AliceID, Text: "Deploy of v1.2 is done", TS: "1700000100.000100"},
		{Channel: slacktest.RandomID, User: slacktest.BobID, Text: "who broke the deploy?", TS: "1700000200.000100"},
		{Channel: "C0HIDDEN", User: slacktest.BobID, Text: "deploy secrets", TS: "1700000250.000100"},
		{Channel: slacktest.SecretID, User: slacktest.AliceID, Text: "deploy keys rotated", TS: "1700000300.000100"},
		{Channel: slacktest.GeneralID, User: slacktest.BobID, Text: "lunch?", TS: "1700000400.000100"},
	} {
		srv.AddMessage(m)
		if m.Channel != "C0HIDDEN" && m.Text != "lunch?" {
			found = append(found, m.TS)
		}
	}
	return found
}

// searchTS lists the timestamps of matches.
func searchTS(matches []slack.SearchMatch) []string {
	var out []string
	for _, m := range matches {
		out = append(out, m.TS)
	}
	return out
}

func TestSearchMessages(t *testing.T) {
	c, srv := newUserClient(t)
	want := searchSeed(t, srv)
	r, err := c.Search.Messages(t.Context(), "deploy", nil)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(want) // newest first
	if got := searchTS(r.Matches); !slices.Equal(got, want) {
		t.Errorf("matches %v, want %v (newest first, none from a channel alice is not in)", got, want)
	}
	if r.Query != "deploy" || r.Total != 3 || r.Paging != (slack.Paging{Count: 20, Total: 3, Page: 1, Pages: 1}) {
		t.Errorf("Query %q Total %d Paging %+v", r.Query, r.Total, r.Paging)
	}
	m := r.Matches[1]
	if m.Channel.ID != slacktest.RandomID || m.Channel.Name != "random" || m.User != slacktest.BobID ||
		m.Username != "bob" || m.Text != "who broke the deploy?" || m.Team != slacktest.TeamID || m.Permalink == "" {
		t.Errorf("match = %+v", m)
	}
	if !r.Matches[0].Channel.IsPrivate || r.Matches[0].Channel.ID != slacktest.SecretID {
		t.Errorf("the #secret match: %+v", r.Matches[0].Channel)
	}
	req := checkWire(t, srv, "search.messages", slacktest.UserToken)
	usersForm(t, req, url.Values{"query": {"deploy"}})
}

func TestSearchMessagesParams(t *testing.T) {
	c, srv := newUserClient(t)
	want := searchSeed(t, srv)
	r, err := c.Search.Messages(t.Context(), "deploy", &slack.SearchMessagesParams{Sort: "timestamp", SortDir: "asc",
		Count: 2, Page: 2, Highlight: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := searchTS(r.Matches); !slices.Equal(got, want[2:]) {
		t.Errorf("page 2 of 2, oldest first: %v, want %v", got, want[2:])
	}
	if r.Paging != (slack.Paging{Count: 2, Total: 3, Page: 2, Pages: 2}) {
		t.Errorf("Paging %+v", r.Paging)
	}
	if got := r.Matches[0].Text; got != "\ue000deploy\ue001 keys rotated" {
		t.Errorf("highlighted text %q", got)
	}
	req := checkWire(t, srv, "search.messages", slacktest.UserToken)
	usersForm(t, req, url.Values{"query": {"deploy"}, "sort": {"timestamp"}, "sort_dir": {"asc"}, "count": {"2"},
		"page": {"2"}, "highlight": {"true"}})
}

func TestSearchMessagesModifiers(t *testing.T) {
	c, srv := newUserClient(t)
	want := searchSeed(t, srv)
	for query, ts := range map[string][]string{
		"deploy in:#random":                 {want[1]},
		"in:<#" + slacktest.GeneralID + ">": {"1700000400.000100", want[0]},
		"deploy from:@alice":                {want[2], want[0]},
		`"deploy keys"`:                     {want[2]},
		"deploy from:<@U0BOB> in:random":    {want[1]},
	} {
		r, err := c.Search.Messages(t.Context(), query, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := searchTS(r.Matches); !slices.Equal(got, ts) {
			t.Errorf("%s: %v, want %v", query, got, ts)
		}
	}
}

func TestSearchMessagesRefusesBotTokens(t *testing.T) {
	c, srv := newTestClient(t)
	searchSeed(t, srv)
	_, err := c.Search.Messages(t.Context(), "deploy", nil)
	assertCode(t, err, slack.ErrNotAllowedTokenType)
	checkWire(t, srv, "search.messages", slacktest.BotToken)
}

func TestSearchMessagesErrors(t *testing.T) {
	c, srv := newUserClient(t)
	err := c.Call(t.Context(), "search.messages", url.Values{"query": {" "}}, nil)
	assertCode(t, err, slack.ErrNoQuery)

	limited := "xoxp-no-search"
	srv.SetToken(slacktest.Token{Value: limited, User: slacktest.AliceID, Scopes: []string{"channels:history"}})
	_, err = newClientFor(t, srv, limited).Search.Messages(t.Context(), "deploy", nil)
	if se := assertCode(t, err, slack.ErrMissingScope); se.Needed != "search:read" {
		t.Errorf("needed %q, want search:read", se.Needed)
	}

	for name, tc := range map[string]struct {
		query  string
		params *slack.SearchMessagesParams
		want   string
	}{
		"no query":  {" ", nil, "query"},
		"count 101": {"x", &slack.SearchMessagesParams{Count: 101}, "count"},
		"count -1":  {"x", &slack.SearchMessagesParams{Count: -1}, "count"},
		"page -1":   {"x", &slack.SearchMessagesParams{Page: -1}, "page"},
		"sort":      {"x", &slack.SearchMessagesParams{Sort: "relevance"}, "sort"},
		"sort_dir":  {"x", &slack.SearchMessagesParams{SortDir: "up"}, "sort_dir"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newUserClient(t)
			_, err := c.Search.Messages(t.Context(), tc.query, tc.params)
			assertNothingSent(t, srv, err, tc.want)
			for _, err := range c.Search.MessagesAll(t.Context(), tc.query, tc.params) {
				assertNothingSent(t, srv, err, tc.want)
			}
		})
	}
}

// searchMany stores n messages holding "needle" in #general, one a second, and returns their
// timestamps, newest first (the order search answers them in).
func searchMany(srv *slacktest.Server, n int) []string {
	out := make([]string, n)
	for i := range n {
		ts := strconv.Itoa(1700001000+i) + ".000100"
		srv.AddMessage(slacktest.Message{Channel: slacktest.GeneralID, User: slacktest.BobID, TS: ts,
			Text: fmt.Sprintf("needle %d", i)})
		out[n-1-i] = ts
	}
	return out
}

func TestSearchMessagesAll(t *testing.T) {
	c, srv := newUserClient(t)
	want := searchMany(srv, 250)
	var got []string
	for m, err := range c.Search.MessagesAll(t.Context(), "needle", nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.TS)
	}
	if !slices.Equal(got, want) {
		t.Errorf("MessagesAll yielded %d matches, want all %d newest first", len(got), len(want))
	}
	reqs := srv.Requests("search.messages")
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3 pages of 100", len(reqs))
	}
	for i, r := range reqs {
		if r.Form.Get("page") != strconv.Itoa(i+1) || r.Form.Get("count") != "100" || r.Form.Get("query") != "needle" {
			t.Errorf("request %d: %v", i, r.Form)
		}
	}
}

func TestSearchMessagesAllFromAPage(t *testing.T) {
	c, srv := newUserClient(t)
	want := searchMany(srv, 7)
	params := &slack.SearchMessagesParams{Count: 2, Page: 2, Sort: "timestamp"}
	var got []string
	for m, err := range c.Search.MessagesAll(t.Context(), "needle", params) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, m.TS)
	}
	if !slices.Equal(got, want[2:]) {
		t.Errorf("from page 2: %v, want %v", got, want[2:])
	}
	var pages []string
	for _, r := range srv.Requests("search.messages") {
		pages = append(pages, r.Form.Get("page")+"/"+r.Form.Get("count"))
	}
	if !slices.Equal(pages, []string{"2/2", "3/2", "4/2"}) {
		t.Errorf("pages asked for %v, want 2/2 3/2 4/2", pages)
	}
	if params.Page != 2 || params.Count != 2 {
		t.Errorf("the caller's params changed to %+v", params)
	}
}

func TestSearchMessagesAllStopsOnAnError(t *testing.T) {
	c, srv := newUserClient(t)
	searchMany(srv, 5)
	srv.InjectWhen("search.messages", func(r slacktest.Request) bool { return r.Form.Get("page") == "2" },
		slacktest.Fault{Body: `{"ok":false,"error":"fatal_error"}`})
	got := collect(t, c.Search.MessagesAll(t.Context(), "needle", &slack.SearchMessagesParams{Count: 2}), 10)
	if len(got) != 3 || got[2].err == nil {
		t.Fatalf("yielded %d values, want 2 matches then the error", len(got))
	}
	assertCode(t, got[2].err, slack.ErrorCode("fatal_error"))
	if n := srv.Count("search.messages"); n != 2 {
		t.Errorf("%d requests after the failure, want 2", n)
	}
}

func TestSearchMessagesAllBreak(t *testing.T) {
	checkBreak(t, "search.messages", func() (iter.Seq2[slack.SearchMatch, error], *slacktest.Server) {
		srv := slacktest.NewT(t)
		searchMany(srv, 6)
		c := newClientFor(t, srv, slacktest.UserToken)
		return c.Search.MessagesAll(t.Context(), "needle", &slack.SearchMessagesParams{Count: 2}), srv
	})
}

func TestSearchMessagesAllNoMatches(t *testing.T) {
	c, srv := newUserClient(t)
	got := collect(t, c.Search.MessagesAll(t.Context(), "absent", nil), 1)
	if len(got) != 0 {
		t.Errorf("yielded %v for a query nothing matches", got)
	}
	if n := srv.Count("search.messages"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
