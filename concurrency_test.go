package slack_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// jobKey is the context key under which a job's number travels to tagTransport.
type jobKey struct{}

// jobHeader is the header tagTransport stamps on each request: the number of the job that sent it, so
// that the requests the fake recorded can be attributed to the calls that made them.
const jobHeader = "X-Test-Job"

// tagTransport is the caller's RoundTripper: it stamps each request with its job's number and records,
// for each job, the outcome of each attempt (the HTTP status, or 0 when the round trip failed).
type tagTransport struct {
	next http.RoundTripper

	mu       sync.Mutex
	attempts map[int][]int
}

func (t *tagTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	id, ok := req.Context().Value(jobKey{}).(int)
	if !ok {
		id = -1
	}
	r := req.Clone(req.Context())
	r.Header.Set(jobHeader, strconv.Itoa(id))
	resp, err := t.next.RoundTrip(r)
	status := 0
	if err == nil {
		status = resp.StatusCode
	}
	t.mu.Lock()
	t.attempts[id] = append(t.attempts[id], status)
	t.mu.Unlock()
	return resp, err
}

// mixConfig is what differs between the in-memory run under synctest and the run over a socket.
type mixConfig struct {
	// opts are the client's options beyond the transport and base URL.
	opts []slack.Option
	// retryAfter is the Retry-After of the 429 storm.
	retryAfter string
	// inFlight is how long after it starts a call cancelled in flight is cancelled; inLimiter the same
	// for a call cancelled while it waits for its turn; deadline is the timeout of a call whose turn
	// comes after its deadline.
	inFlight, inLimiter, deadline time.Duration
	// jitter is the longest pause of a goroutine between two jobs (0: none).
	jitter time.Duration
	// virtual is set under synctest, where the order of events in virtual time is exact: a call
	// cancelled in flight has certainly reached the fake.
	virtual bool
}

// The mix's shape.
const (
	mixGoroutines = 64
	stormFaults   = 12 // 429s injected on users.info
	presenceJobs  = 6  // users.getPresence calls, every attempt of which is answered 429
)

// wantMessage is a message a job posted (or may have posted): its channel and text, and whether it
// must be stored exactly once (a confirmed post) or at most once (a post whose call was cancelled).
type wantMessage struct {
	channel, text string
	exact         bool
}

// mix is one run of the mix: the fake, the two clients, the expectations the jobs record.
type mix struct {
	t    *testing.T
	cfg  mixConfig
	srv  *slacktest.Server
	tags *tagTransport
	bot  *slack.Client // the bot token
	user *slack.Client // alice's token, through bot.WithToken: the same pool, its own limiter

	// The truth the jobs compare with, read before the run.
	users    []string // users.list's IDs, in order
	userName map[string]string
	botInfo  *slack.Bot
	history  []string // the history channel's top-level messages, newest first (their text)
	thread   []string // the thread: parent first, then the replies, oldest first
	parentTS string
	members  []string // #general's members, in the order conversations.members lists them
	channels []string // a channel of its own for each job that needs one
	// retryAfter is the storm's Retry-After, parsed.
	retryAfter time.Duration

	mu       sync.Mutex
	messages []wantMessage
	comments []string          // file comments confirmed
	topics   map[string]string // own channel → topic set
	ims      map[string][]string
}

const historyChannel = "C0HISTORY"

// job is one unit of the mix: a few calls and the checks of what they returned. run returns the
// accounting of the requests the job must have caused, or an error describing what it got wrong.
type job struct {
	name string
	run  func(ctx context.Context) (accounting, error)
}

// accounting checks a job's attempts (the status of each, 0 for a failed round trip) and the number of
// its requests the fake recorded.
type accounting func(statuses []int, recorded int) error

// sent is the accounting of n calls that each succeeded on their only attempt.
func sent(n int) accounting {
	return func(statuses []int, recorded int) error {
		if recorded != n || len(statuses) != n || slices.ContainsFunc(statuses, func(s int) bool { return s != http.StatusOK }) {
			return fmt.Errorf("attempts %v, %d recorded by the fake; want %d attempts answered 200", statuses, recorded, n)
		}
		return nil
	}
}

// cancelled is the accounting of one call cancelled midway: exactly one attempt, which reached the fake,
// when reached is true; otherwise at most one attempt, which the fake may or may not have received
// before the cancel, and never a retry.
func cancelled(reached bool) accounting {
	return func(statuses []int, recorded int) error {
		switch {
		case reached && (len(statuses) != 1 || recorded != 1):
			return fmt.Errorf("attempts %v, %d recorded: the cancelled call must have sent exactly 1 request", statuses, recorded)
		case !reached && (len(statuses) > 1 || recorded > len(statuses)):
			return fmt.Errorf("attempts %v, %d recorded: the cancelled call may have sent at most 1 request", statuses, recorded)
		}
		return nil
	}
}

// pages is the number of requests an iterator over total items with pages of size makes when its loop
// stops after n items (n == total: it ran to the end).
func pages(n, total, size int) int {
	if n == total {
		return max(1, (total+size-1)/size)
	}
	return (n + size - 1) / size
}

// newMix seeds the fake and reads the truth the jobs compare with.
func newMix(t *testing.T, srv *slacktest.Server, base http.RoundTripper, cfg mixConfig) *mix {
	t.Helper()
	m := &mix{t: t, cfg: cfg, srv: srv, tags: &tagTransport{next: base, attempts: map[int][]int{}},
		topics: map[string]string{}, ims: map[string][]string{}, userName: map[string]string{}}

	secs, err := strconv.ParseFloat(cfg.retryAfter, 64)
	if err != nil {
		t.Fatal(err)
	}
	m.retryAfter = time.Duration(secs * float64(time.Second))

	srv.AddChannel(slacktest.Channel{ID: historyChannel, Name: "history", Creator: slacktest.AliceID,
		Members: []string{slacktest.AliceID, slacktest.BobID, slacktest.BotUserID}})
	for i := range 7 {
		msg := srv.AddMessage(slacktest.Message{Channel: historyChannel, User: slacktest.BobID,
			Text: fmt.Sprintf("history %d", i)})
		m.history = append([]string{msg.Text}, m.history...)
		if i == 3 {
			m.parentTS = msg.TS
			m.thread = append(m.thread, msg.Text)
		}
	}
	for i := range 5 {
		reply := srv.AddMessage(slacktest.Message{Channel: historyChannel, User: slacktest.CarolID,
			ThreadTS: m.parentTS, Text: fmt.Sprintf("reply %d", i)})
		m.thread = append(m.thread, reply.Text)
	}

	// The reference: a client of its own, without limiter or tags, whose requests are forgotten.
	ref, err := slack.New(slacktest.BotToken, slack.WithHTTPClient(&http.Client{Transport: base}),
		slack.WithBaseURL(srv.URL()), slack.WithRateLimiting(false))
	if err != nil {
		t.Fatal(err)
	}
	for u, err := range ref.Users.ListAll(t.Context(), nil) {
		if err != nil {
			t.Fatalf("reference users.list: %v", err)
		}
		m.users = append(m.users, u.ID)
		m.userName[u.ID] = u.Name
	}
	if len(m.users) < 4 || !slices.Contains(m.users, slacktest.BobID) {
		t.Fatalf("reference users.list gave %v", m.users)
	}
	if m.botInfo, err = ref.Bots.Info(t.Context(), slacktest.BotID); err != nil || m.botInfo.UserID != slacktest.BotUserID {
		t.Fatalf("reference bots.info: %+v, %v", m.botInfo, err)
	}
	general, _ := srv.Channel(slacktest.GeneralID)
	m.members = slices.Sorted(slices.Values(general.Members))
	srv.ResetRequests()

	opts := append([]slack.Option{slack.WithHTTPClient(&http.Client{Transport: m.tags}),
		slack.WithBaseURL(srv.URL()), slack.WithRateLimiting(true)}, cfg.opts...)
	if m.bot, err = slack.New(slacktest.BotToken, opts...); err != nil {
		t.Fatal(err)
	}
	m.user = m.bot.WithToken(slacktest.UserToken)
	return m
}

// ownChannel makes a channel for one job, with alice and the bot in it.
func (m *mix) ownChannel() string {
	id := fmt.Sprintf("C0OWN%03d", len(m.channels))
	m.srv.AddChannel(slacktest.Channel{ID: id, Name: strings.ToLower(id), Creator: slacktest.AliceID,
		Members: []string{slacktest.AliceID, slacktest.BotUserID}})
	m.channels = append(m.channels, id)
	return id
}

func (m *mix) expectMessage(w wantMessage) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.messages = append(m.messages, w)
}

// who names one of the two clients, for job names.
func (m *mix) who(c *slack.Client) string {
	if c == m.user {
		return "alice"
	}
	return "bot"
}

// jobs builds the mix: every job, in a fixed order.
func (m *mix) jobs() []job {
	var jobs []job
	add := func(name string, run func(ctx context.Context) (accounting, error)) {
		jobs = append(jobs, job{name: name, run: run})
	}
	both := []*slack.Client{m.bot, m.user}
	for i := range 30 {
		c := both[i%2]
		id := []string{slacktest.BobID, slacktest.CarolID, slacktest.AliceID}[i%3]
		add(fmt.Sprintf("users.info %s (%s)", id, m.who(c)), m.usersInfo(c, id))
	}
	for i := range presenceJobs {
		c := both[i%2]
		add(fmt.Sprintf("users.getPresence, always 429 (%s)", m.who(c)), m.alwaysLimited(c))
	}
	for i := range 8 {
		c := both[i%2]
		add(fmt.Sprintf("users.list page (%s)", m.who(c)), m.usersPage(c))
		add(fmt.Sprintf("users.list all, break after %d (%s)", 1+i%len(m.users), m.who(c)), m.usersAll(c, 1+i%len(m.users)))
		add(fmt.Sprintf("conversations.history page (%s)", m.who(c)), m.historyPage(c))
		add(fmt.Sprintf("conversations.history all, break after %d (%s)", 1+i%len(m.history), m.who(c)),
			m.historyAll(c, 1+i%len(m.history)))
		add(fmt.Sprintf("conversations.replies page (%s)", m.who(c)), m.repliesPage(c))
		add(fmt.Sprintf("conversations.replies all, break after %d (%s)", 1+i%len(m.thread), m.who(c)),
			m.repliesAll(c, 1+i%len(m.thread)))
		add(fmt.Sprintf("conversations.members all, break after %d (%s)", 1+i%len(m.members), m.who(c)),
			m.membersAll(c, 1+i%len(m.members)))
		ch := []string{slacktest.GeneralID, slacktest.RandomID, historyChannel}[i%3]
		add(fmt.Sprintf("conversations.info %s (%s)", ch, m.who(c)), m.conversationInfo(c, ch))
		add(fmt.Sprintf("auth.test (%s)", m.who(c)), m.authTest(c))
		add(fmt.Sprintf("bots.info (%s)", m.who(c)), m.botsInfo(c))
	}
	for i := range 6 {
		c := both[i%2]
		add(fmt.Sprintf("users.list all (%s)", m.who(c)), m.usersAll(c, len(m.users)))
		add(fmt.Sprintf("conversations.history all (%s)", m.who(c)), m.historyAll(c, len(m.history)))
		add(fmt.Sprintf("conversations.replies all (%s)", m.who(c)), m.repliesAll(c, len(m.thread)))
		add(fmt.Sprintf("conversations.members all (%s)", m.who(c)), m.membersAll(c, len(m.members)))
	}
	// Posts to the shared channels: 3 jobs of 2 for each client and channel, paced by the channel's bucket.
	for i := range 12 {
		c := both[i%2]
		ch := []string{slacktest.GeneralID, slacktest.RandomID}[i/2%2]
		add(fmt.Sprintf("chat.postMessage %s ×2 (%s)", ch, m.who(c)), m.post(c, ch, 2))
	}
	for i := range 8 {
		c := both[i%2]
		add(fmt.Sprintf("chat.postMessage own channel ×3 (%s)", m.who(c)), m.post(c, m.ownChannel(), 3))
		add(fmt.Sprintf("chat.update own channel (%s)", m.who(c)), m.update(c, m.ownChannel()))
		add(fmt.Sprintf("conversations.setTopic own channel (%s)", m.who(c)), m.setTopic(c, m.ownChannel()))
		add(fmt.Sprintf("im.open (%s)", m.who(c)), m.imOpen(c, []string{slacktest.CarolID, slacktest.BobID}[i%2]))
		add(fmt.Sprintf("files.comments.add (%s)", m.who(c)), m.addComment(c))
	}
	for i := range 4 {
		c := both[i%2]
		add(fmt.Sprintf("chat.postMessage cancelled in the limiter (%s)", m.who(c)), m.cancelInLimiter(c, m.ownChannel()))
		add(fmt.Sprintf("chat.postMessage past its deadline (%s)", m.who(c)), m.pastDeadline(c, m.ownChannel()))
		add(fmt.Sprintf("users.lookupByEmail cancelled mid-body (%s)", m.who(c)), m.cancelReadInFlight(c))
		add(fmt.Sprintf("chat.meMessage cancelled in flight (%s)", m.who(c)), m.cancelWriteInFlight(c, m.ownChannel()))
	}
	for i := range 8 {
		c := both[i%2]
		after := time.Duration(i) * m.cfg.inFlight / 4
		add(fmt.Sprintf("conversations.history cancelled after %s (%s)", after, m.who(c)), m.maybeCancelled(c, after))
	}
	return jobs
}

// usersInfo looks a user up; users.info is the method of the 429 storm, so the call either succeeds
// after at most DefaultMaxRetries 429s, or fails with a *RateLimitError after as many attempts as it
// made, all answered 429.
func (m *mix) usersInfo(c *slack.Client, id string) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		u, err := c.Users.Info(ctx, id, nil)
		var rle *slack.RateLimitError
		switch {
		case errors.As(err, &rle):
			if !errors.Is(err, slack.ErrRatelimited) || rle.Method != "users.info" {
				return nil, fmt.Errorf("rate-limit error %v does not match ErrRatelimited for users.info", err)
			}
			return func(statuses []int, recorded int) error {
				if rle.Attempts != slack.DefaultMaxRetries+1 || len(statuses) != rle.Attempts || recorded != rle.Attempts ||
					slices.ContainsFunc(statuses, func(s int) bool { return s != http.StatusTooManyRequests }) {
					return fmt.Errorf("RateLimitError with Attempts %d; attempts %v, %d recorded; want %d, all 429",
						rle.Attempts, statuses, recorded, slack.DefaultMaxRetries+1)
				}
				return nil
			}, nil
		case err != nil:
			return nil, err
		case u.ID != id || u.Name != m.userName[id]:
			return nil, fmt.Errorf("got user %s (%s), want %s (%s)", u.ID, u.Name, id, m.userName[id])
		}
		return func(statuses []int, recorded int) error {
			n := len(statuses)
			if n == 0 || n > slack.DefaultMaxRetries+1 || statuses[n-1] != http.StatusOK || recorded != n ||
				slices.ContainsFunc(statuses[:n-1], func(s int) bool { return s != http.StatusTooManyRequests }) {
				return fmt.Errorf("attempts %v, %d recorded; want 0 to %d 429s then one 200", statuses, recorded,
					slack.DefaultMaxRetries)
			}
			return nil
		}, nil
	}
}

// alwaysLimited calls users.getPresence, which the fake answers 429 every time: the call must give up
// with a *RateLimitError after DefaultMaxRetries retries, each after the shared pause.
func (m *mix) alwaysLimited(c *slack.Client) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		p, err := c.Users.GetPresence(ctx, &slack.UsersGetPresenceParams{User: slacktest.BobID})
		var rle *slack.RateLimitError
		if !errors.As(err, &rle) || !errors.Is(err, slack.ErrRatelimited) {
			return nil, fmt.Errorf("got %+v, %v; want a *slack.RateLimitError", p, err)
		}
		want := slack.RateLimitError{Method: "users.getPresence", RetryAfter: m.retryAfter, Attempts: slack.DefaultMaxRetries + 1}
		if *rle != want {
			return nil, fmt.Errorf("got %+v, want %+v", *rle, want)
		}
		return func(statuses []int, recorded int) error {
			if len(statuses) != want.Attempts || recorded != want.Attempts ||
				slices.ContainsFunc(statuses, func(s int) bool { return s != http.StatusTooManyRequests }) {
				return fmt.Errorf("attempts %v, %d recorded; want %d, all 429", statuses, recorded, want.Attempts)
			}
			return nil
		}, nil
	}
}

func (m *mix) usersPage(c *slack.Client) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		resp, err := c.Users.List(ctx, &slack.UsersListParams{Limit: 2})
		if err != nil {
			return nil, err
		}
		if got := ids(resp.Members, func(u slack.User) string { return u.ID }); !slices.Equal(got, m.users[:2]) ||
			resp.NextCursor == "" {
			return nil, fmt.Errorf("page %v (next %q), want %v and a cursor", got, resp.NextCursor, m.users[:2])
		}
		return sent(1), nil
	}
}

// ranged ranges over seq, stopping after stop items, and returns the keys of what it yielded.
func ranged[T any](seq func(func(T, error) bool), stop int, key func(T) string) ([]string, error) {
	var got []string
	for v, err := range seq {
		if err != nil {
			return got, err
		}
		if got = append(got, key(v)); len(got) == stop {
			break
		}
	}
	return got, nil
}

func ids[T any](items []T, key func(T) string) []string {
	out := make([]string, len(items))
	for i, v := range items {
		out[i] = key(v)
	}
	return out
}

// iterJob is a job that ranges over an iterator with pages of size, stopping after stop items of the
// want items it must yield in order.
func iterJob[T any](seq func(func(T, error) bool), stop, size int, want []string, key func(T) string) (accounting, error) {
	got, err := ranged(seq, stop, key)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(got, want[:stop]) {
		return nil, fmt.Errorf("yielded %v, want %v", got, want[:stop])
	}
	return sent(pages(stop, len(want), size)), nil
}

func (m *mix) usersAll(c *slack.Client, stop int) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		return iterJob(c.Users.ListAll(ctx, &slack.UsersListParams{Limit: 2}), stop, 2, m.users,
			func(u slack.User) string { return u.ID })
	}
}

func (m *mix) historyPage(c *slack.Client) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		resp, err := c.Conversations.History(ctx, historyChannel, &slack.ConversationsHistoryParams{Limit: 3})
		if err != nil {
			return nil, err
		}
		if got := ids(resp.Messages, messageText); !slices.Equal(got, m.history[:3]) || !resp.HasMore {
			return nil, fmt.Errorf("page %v (has_more %t), want %v and more", got, resp.HasMore, m.history[:3])
		}
		return sent(1), nil
	}
}

func messageText(msg slack.Message) string { return msg.Text }

func (m *mix) historyAll(c *slack.Client, stop int) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		return iterJob(c.Conversations.HistoryAll(ctx, historyChannel, &slack.ConversationsHistoryParams{Limit: 3}),
			stop, 3, m.history, messageText)
	}
}

func (m *mix) repliesPage(c *slack.Client) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		resp, err := c.Conversations.Replies(ctx, historyChannel, m.parentTS, &slack.ConversationsRepliesParams{Limit: 2})
		if err != nil {
			return nil, err
		}
		if got := ids(resp.Messages, messageText); !slices.Equal(got, m.thread[:2]) || resp.NextCursor == "" {
			return nil, fmt.Errorf("page %v (next %q), want %v and a cursor", got, resp.NextCursor, m.thread[:2])
		}
		return sent(1), nil
	}
}

func (m *mix) repliesAll(c *slack.Client, stop int) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		return iterJob(c.Conversations.RepliesAll(ctx, historyChannel, m.parentTS,
			&slack.ConversationsRepliesParams{Limit: 2}), stop, 2, m.thread, messageText)
	}
}

func (m *mix) membersAll(c *slack.Client, stop int) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		return iterJob(c.Conversations.MembersAll(ctx, slacktest.GeneralID, &slack.ConversationsMembersParams{Limit: 1}),
			stop, 1, m.members, func(id string) string { return id })
	}
}

func (m *mix) conversationInfo(c *slack.Client, id string) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		conv, err := c.Conversations.Info(ctx, id, nil)
		if err != nil {
			return nil, err
		}
		if want, _ := m.srv.Channel(id); conv.ID != id || conv.Name != want.Name {
			return nil, fmt.Errorf("got %s (%s), want %s (%s)", conv.ID, conv.Name, id, want.Name)
		}
		return sent(1), nil
	}
}

func (m *mix) authTest(c *slack.Client) func(context.Context) (accounting, error) {
	want := slacktest.BotUserID
	if c == m.user {
		want = slacktest.AliceID
	}
	return func(ctx context.Context) (accounting, error) {
		resp, err := c.Auth.Test(ctx)
		if err != nil {
			return nil, err
		}
		if resp.UserID != want || resp.TeamID != slacktest.TeamID {
			return nil, fmt.Errorf("user %s of team %s, want %s of %s", resp.UserID, resp.TeamID, want, slacktest.TeamID)
		}
		return sent(1), nil
	}
}

func (m *mix) botsInfo(c *slack.Client) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		b, err := c.Bots.Info(ctx, slacktest.BotID)
		if err != nil {
			return nil, err
		}
		if b.ID != m.botInfo.ID || b.Name != m.botInfo.Name || b.UserID != m.botInfo.UserID {
			return nil, fmt.Errorf("got %+v, want %+v", b, m.botInfo)
		}
		return sent(1), nil
	}
}

// postOne posts text to ch and checks the answer.
func postOne(ctx context.Context, c *slack.Client, ch, text string) (string, error) {
	resp, err := c.Chat.PostMessage(ctx, ch, &slack.ChatPostMessageParams{Text: text})
	if err != nil {
		return "", err
	}
	if resp.Channel != ch || resp.TS == "" || resp.Message.Text != text || resp.Message.TS != resp.TS {
		return "", fmt.Errorf("posted %q to %s: answer channel %s, ts %q, message %q (ts %q)", text, ch,
			resp.Channel, resp.TS, resp.Message.Text, resp.Message.TS)
	}
	return resp.TS, nil
}

// text is a message text no other job uses.
func text(ctx context.Context, what string, i int) string {
	return fmt.Sprintf("job %d: %s %d", ctx.Value(jobKey{}).(int), what, i)
}

func (m *mix) post(c *slack.Client, ch string, n int) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		for i := range n {
			msg := text(ctx, "post", i)
			if _, err := postOne(ctx, c, ch, msg); err != nil {
				return nil, err
			}
			m.expectMessage(wantMessage{channel: ch, text: msg, exact: true})
		}
		return sent(n), nil
	}
}

func (m *mix) update(c *slack.Client, ch string) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		ts, err := postOne(ctx, c, ch, text(ctx, "draft", 0))
		if err != nil {
			return nil, err
		}
		final := text(ctx, "edited", 0)
		resp, err := c.Chat.Update(ctx, ch, ts, &slack.ChatUpdateParams{Text: final})
		if err != nil {
			return nil, err
		}
		if resp.Channel != ch || resp.TS != ts || resp.Text != final {
			return nil, fmt.Errorf("update answered %s/%s %q, want %s/%s %q", resp.Channel, resp.TS, resp.Text, ch, ts, final)
		}
		m.expectMessage(wantMessage{channel: ch, text: final, exact: true})
		return sent(2), nil
	}
}

func (m *mix) setTopic(c *slack.Client, ch string) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		topic := text(ctx, "topic", 0)
		conv, err := c.Conversations.SetTopic(ctx, ch, topic)
		if err != nil {
			return nil, err
		}
		if conv.ID != ch || conv.Topic.Value != topic {
			return nil, fmt.Errorf("answered %s with topic %q, want %s with %q", conv.ID, conv.Topic.Value, ch, topic)
		}
		m.mu.Lock()
		m.topics[ch] = topic
		m.mu.Unlock()
		return sent(1), nil
	}
}

func (m *mix) imOpen(c *slack.Client, with string) func(context.Context) (accounting, error) {
	key := m.who(c) + "+" + with
	return func(ctx context.Context) (accounting, error) {
		conv, err := c.IM.Open(ctx, with, nil)
		if err != nil {
			return nil, err
		}
		if conv.ID == "" {
			return nil, errors.New("im.open answered no channel")
		}
		m.mu.Lock()
		m.ims[key] = append(m.ims[key], conv.ID)
		m.mu.Unlock()
		return sent(1), nil
	}
}

func (m *mix) addComment(c *slack.Client) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		comment := text(ctx, "comment", 0)
		cm, err := c.Files.AddComment(ctx, slacktest.FileID, comment)
		if err != nil {
			return nil, err
		}
		if cm.ID == "" || cm.Comment != comment {
			return nil, fmt.Errorf("comment %q (id %q), want %q", cm.Comment, cm.ID, comment)
		}
		m.mu.Lock()
		m.comments = append(m.comments, comment)
		m.mu.Unlock()
		return sent(1), nil
	}
}

// spendFirstTurn posts once to a fresh channel, whose new bucket holds one call's worth, so that the
// next post to ch must wait an interval (about a second) for its turn. The bucket is ch's alone: under
// synctest, the post goes out at once, whatever the other channels' posts.
func (m *mix) spendFirstTurn(ctx context.Context, c *slack.Client, ch string) error {
	start := time.Now()
	msg := text(ctx, "first", 0)
	if _, err := postOne(ctx, c, ch, msg); err != nil {
		return err
	}
	m.expectMessage(wantMessage{channel: ch, text: msg, exact: true})
	if d := time.Since(start); m.cfg.virtual && d != 0 {
		return fmt.Errorf("the first post to a fresh channel took %s, want no wait", d)
	}
	return nil
}

// cancelInLimiter spends its channel's first turn, then posts once more and cancels the call while it
// waits for its turn: it fails with context.Canceled and sends nothing.
func (m *mix) cancelInLimiter(c *slack.Client, ch string) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		if err := m.spendFirstTurn(ctx, c, ch); err != nil {
			return nil, err
		}
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		timer := time.AfterFunc(m.cfg.inLimiter, cancel)
		defer timer.Stop()
		msg := text(ctx, "cancelled", 0)
		m.expectMessage(wantMessage{channel: ch, text: msg})
		start := time.Now()
		if _, err := postOne(cctx, c, ch, msg); !errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("got %v, want an error wrapping context.Canceled", err)
		}
		if d := time.Since(start); m.cfg.virtual && d != m.cfg.inLimiter {
			return nil, fmt.Errorf("the call returned %s after it started, want %s: at the cancel", d, m.cfg.inLimiter)
		}
		return sent(1), nil // the first post; the last call sent nothing
	}
}

// pastDeadline spends its channel's first turn, then posts with a deadline before its next turn: the
// call fails at once with context.DeadlineExceeded and sends nothing.
func (m *mix) pastDeadline(c *slack.Client, ch string) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		if err := m.spendFirstTurn(ctx, c, ch); err != nil {
			return nil, err
		}
		dctx, cancel := context.WithTimeout(ctx, m.cfg.deadline)
		defer cancel()
		msg := text(ctx, "too late", 0)
		m.expectMessage(wantMessage{channel: ch, text: msg})
		if _, err := postOne(dctx, c, ch, msg); !errors.Is(err, context.DeadlineExceeded) {
			return nil, fmt.Errorf("got %v, want an error wrapping context.DeadlineExceeded", err)
		}
		if m.cfg.virtual && dctx.Err() != nil {
			return nil, errors.New("the call waited for its deadline instead of failing at once")
		}
		return sent(1), nil // the first post; the last call sent nothing
	}
}

// cancelReadInFlight looks bob up by email while the fake sends the headers and holds the body
// (SlowBody on every users.lookupByEmail), and cancels the call while it reads.
func (m *mix) cancelReadInFlight(c *slack.Client) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		timer := time.AfterFunc(m.cfg.inFlight, cancel)
		defer timer.Stop()
		u, err := c.Users.LookupByEmail(cctx, "bob@example.com")
		if !errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("got %+v, %v; want an error wrapping context.Canceled", u, err)
		}
		return cancelled(m.cfg.virtual), nil
	}
}

// cancelWriteInFlight sends a /me message that the fake stores and then holds the answer of (Delay on
// every chat.meMessage), and cancels the call while it waits: context.Canceled, and the message stored
// at most once (exactly once under synctest, where the request certainly arrived).
func (m *mix) cancelWriteInFlight(c *slack.Client, ch string) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		timer := time.AfterFunc(m.cfg.inFlight, cancel)
		defer timer.Stop()
		msg := text(ctx, "me", 0)
		m.expectMessage(wantMessage{channel: ch, text: msg, exact: m.cfg.virtual})
		resp, err := c.Chat.MeMessage(cctx, ch, msg)
		if !errors.Is(err, context.Canceled) {
			return nil, fmt.Errorf("got %+v, %v; want an error wrapping context.Canceled", resp, err)
		}
		return cancelled(m.cfg.virtual), nil
	}
}

// maybeCancelled reads a history page with a context cancelled after a while, wherever the call is
// then: it either returned the right page, or failed with context.Canceled having sent at most one
// request.
func (m *mix) maybeCancelled(c *slack.Client, after time.Duration) func(context.Context) (accounting, error) {
	return func(ctx context.Context) (accounting, error) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		timer := time.AfterFunc(after, cancel)
		defer timer.Stop()
		resp, err := c.Conversations.History(cctx, historyChannel, &slack.ConversationsHistoryParams{Limit: 3})
		switch {
		case errors.Is(err, context.Canceled):
			return cancelled(false), nil
		case err != nil:
			return nil, err
		}
		if got := ids(resp.Messages, messageText); !slices.Equal(got, m.history[:3]) {
			return nil, fmt.Errorf("page %v, want %v", got, m.history[:3])
		}
		return sent(1), nil
	}
}

// run runs the mix on mixGoroutines goroutines and checks everything it did.
func (m *mix) run(seed uint64) {
	t := m.t
	storm := slacktest.RateLimited(m.cfg.retryAfter)
	storm.Times = stormFaults
	m.srv.Inject("users.info", storm)
	always := slacktest.RateLimited(m.cfg.retryAfter)
	always.Times = -1
	m.srv.Inject("users.getPresence", always)
	m.srv.Inject("users.lookupByEmail", slacktest.Fault{SlowBody: time.Hour, Times: -1})
	m.srv.Inject("chat.meMessage", slacktest.Fault{Delay: time.Hour, Times: -1})

	jobs := m.jobs()
	rand.New(rand.NewPCG(seed, 0)).Shuffle(len(jobs), func(i, j int) { jobs[i], jobs[j] = jobs[j], jobs[i] })
	accounts := make([]accounting, len(jobs))
	failures := make([]error, len(jobs))
	var wg sync.WaitGroup
	for g := range mixGoroutines {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(seed, uint64(g)+1))
			for i := g; i < len(jobs); i += mixGoroutines {
				if m.cfg.jitter > 0 {
					time.Sleep(time.Duration(r.Int64N(int64(m.cfg.jitter))))
				}
				ctx := context.WithValue(t.Context(), jobKey{}, i)
				accounts[i], failures[i] = jobs[i].run(ctx)
			}
		})
	}
	wg.Wait()

	m.tags.mu.Lock()
	defer m.tags.mu.Unlock()
	sentTotal := 0
	recordedBy := map[int][]slacktest.Request{}
	for _, r := range m.srv.Requests() {
		id, err := strconv.Atoi(r.Header.Get(jobHeader))
		if err != nil || id < 0 || id >= len(jobs) {
			t.Errorf("the fake received a %s request no job sent (%s %q)", r.Method, jobHeader, r.Header.Get(jobHeader))
			continue
		}
		recordedBy[id] = append(recordedBy[id], r)
	}
	limited := 0
	for i, j := range jobs {
		if failures[i] != nil {
			t.Errorf("job %d, %s: %v", i, j.name, failures[i])
			continue
		}
		statuses := m.tags.attempts[i]
		sentTotal += len(statuses)
		if err := accounts[i](statuses, len(recordedBy[i])); err != nil {
			t.Errorf("job %d, %s: requests: %v", i, j.name, err)
		}
		for _, s := range statuses {
			if s == http.StatusTooManyRequests {
				limited++
			}
		}
	}
	if n := len(m.tags.attempts[-1]); n != 0 {
		t.Errorf("%d requests were sent outside any job", n)
	}
	if want := stormFaults + presenceJobs*(slack.DefaultMaxRetries+1); limited != want {
		t.Errorf("the calls got %d 429s, want the %d injected", limited, want)
	}
	if m.cfg.virtual {
		m.checkPauses(recordedBy)
	}
	if sentTotal < 300 {
		t.Errorf("the mix sent %d requests, want at least 300", sentTotal)
	}
	m.checkState()
}

// checkPauses checks the shared pause in virtual time: once the fake answered a 429 to a request of a
// method sent with a token at T, no request of that method with that token arrives after T and before
// T + Retry-After (requests sent at the same instant T were on their way before the 429 came back).
func (m *mix) checkPauses(recordedBy map[int][]slacktest.Request) {
	type event struct {
		at      time.Time
		limited bool
	}
	events := map[string][]event{} // by method and token
	for id, reqs := range recordedBy {
		statuses := m.tags.attempts[id]
		if len(statuses) != len(reqs) {
			continue // a cancelled call, which met no 429
		}
		for k, r := range reqs {
			key := r.Method + " " + r.Header.Get("Authorization")
			events[key] = append(events[key], event{r.Time, statuses[k] == http.StatusTooManyRequests})
		}
	}
	pauses := 0
	for key, evs := range events {
		method, _, _ := strings.Cut(key, " ")
		for _, e := range evs {
			if !e.limited {
				continue
			}
			pauses++
			until := e.at.Add(m.retryAfter)
			for _, other := range evs {
				if other.at.After(e.at) && other.at.Before(until) {
					m.t.Errorf("%s: a request at %s, within the pause from the 429 at %s until %s", method,
						other.at.Format(time.StampMilli), e.at.Format(time.StampMilli), until.Format(time.StampMilli))
				}
			}
		}
	}
	if pauses == 0 {
		m.t.Error("no 429 to check the pause with")
	}
}

// checkState checks the fake's state against what the jobs confirmed: every confirmed message stored
// exactly once in its channel, a cancelled one at most once, nothing else; the topics; one IM for each
// pair of users, whatever the number of concurrent im.open calls; every comment once.
func (m *mix) checkState() {
	t := m.t
	byChannel := map[string]map[string]wantMessage{}
	for _, w := range m.messages {
		if byChannel[w.channel] == nil {
			byChannel[w.channel] = map[string]wantMessage{}
		}
		byChannel[w.channel][w.text] = w
	}
	for _, ch := range append([]string{slacktest.GeneralID, slacktest.RandomID}, m.channels...) {
		stored := map[string]int{}
		for _, msg := range m.srv.Messages(ch) {
			stored[msg.Text]++
			if _, want := byChannel[ch][msg.Text]; !want {
				t.Errorf("%s holds a message no job posted: %q", ch, msg.Text)
			}
		}
		for msg, w := range byChannel[ch] {
			switch n := stored[msg]; {
			case w.exact && n != 1:
				t.Errorf("%s holds %q %d times, want once", ch, msg, n)
			case !w.exact && n > 1:
				t.Errorf("%s holds %q %d times, want at most once", ch, msg, n)
			}
		}
	}
	if n := len(m.srv.Messages(historyChannel)); n != len(m.history)+len(m.thread)-1 {
		t.Errorf("%s holds %d messages, want the %d seeded", historyChannel, n, len(m.history)+len(m.thread)-1)
	}
	for ch, topic := range m.topics {
		if got := channelState(t, m.srv, ch).Topic; got != topic {
			t.Errorf("%s: topic %q, want %q", ch, got, topic)
		}
	}
	for key, opened := range m.ims {
		if slices.ContainsFunc(opened, func(id string) bool { return id != opened[0] }) {
			t.Errorf("im.open %s answered different channels: %v", key, opened)
		}
		ch := channelState(t, m.srv, opened[0])
		who, with, _ := strings.Cut(key, "+")
		me := map[string]string{"bot": slacktest.BotUserID, "alice": slacktest.AliceID}[who]
		if !ch.IsIM || !slices.Contains(ch.Members, me) || !slices.Contains(ch.Members, with) {
			t.Errorf("im.open %s answered %s, which is not their IM: %+v", key, opened[0], ch)
		}
	}
	f, ok := m.srv.File(slacktest.FileID)
	if !ok {
		t.Fatalf("the fake lost %s", slacktest.FileID)
	}
	seen := map[string]bool{}
	for _, cm := range f.Comments {
		if seen[cm.ID] {
			t.Errorf("two comments with ID %s", cm.ID)
		}
		seen[cm.ID] = true
	}
	got := ids(f.Comments, func(cm slacktest.Comment) string { return cm.Comment })
	if !sameItems(got, m.comments) {
		t.Errorf("the file's comments are %q, want %q", got, m.comments)
	}
}

// sameItems reports whether a and b hold the same strings, in any order.
func sameItems(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// TestOneClientManyGoroutines shares one client (and, through WithToken, a second token's client over
// the same pool) between 64 goroutines running a mix of read and write methods, iterators broken early,
// calls cancelled while they wait for their turn or while their request is in flight, calls whose turn
// comes after their deadline, and a 429 storm on users.info. The limiter runs with Slack's real tiers,
// in virtual time, while the fake enforces the same tiers: no 429 may come from them. Every result is
// checked, every request the fake received is attributed to the call that made it, and no goroutine is
// left behind.
func TestOneClientManyGoroutines(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				base := inBubble()
				srv := slacktest.New()
				m := newMix(t, srv, srv, mixConfig{retryAfter: "2", inFlight: 3 * time.Second,
					inLimiter: 300 * time.Millisecond, deadline: 500 * time.Millisecond, jitter: 5 * time.Second,
					virtual: true})
				srv.EnforceTiers(time.Minute) // from here on: the reference reads above are not counted
				m.run(seed)
				if n := srv.Sent429s(); n != 0 {
					t.Errorf("the fake's tier limits answered %d requests with 429: the limiter let too many through", n)
				}
				synctest.Wait()
				if n := inBubble(); n != base {
					buf := make([]byte, 1<<20)
					t.Errorf("%d goroutines in the bubble after the mix, %d before:\n%s", n, base,
						buf[:runtime.Stack(buf, true)])
				}
			})
		})
	}
}

// TestOneClientManyGoroutinesOverASocket runs the same mix in real time against the fake served on a
// loopback socket, through a real http.Transport. The limits of most methods are raised with
// WithMethodLimit so that the run takes a few seconds (at Slack's tiers it would take minutes of real
// time). chat.postMessage keeps Slack's limit, 60 a minute for each channel: the run's longest waits are
// the shared channels' posts, six for each token and channel, one a second. A fresh channel's bucket
// holds one post, so the next post's turn comes a second after it, long after the cancel (100 ms) or
// the deadline (50 ms) of the posts that wait for it. Afterwards, once the transport's idle connections
// are closed and the server is stopped, the process has no more goroutines than before.
//
// It is the one test here that runs on the real clock: it checks that real sockets, net/http's
// connection goroutines and real cancellations leave nothing behind, which synctest's in-memory run cannot
// show. It asserts no duration; its pauses only spread the calls, its cancels come most of a second
// ahead of the turns they cancel, and the goroutine count is polled until it settles (at most 30 s).
func TestOneClientManyGoroutinesOverASocket(t *testing.T) {
	base := runtime.NumGoroutine()
	srv := slacktest.NewServer()
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = mixGoroutines
	var opts []slack.Option
	for _, method := range []string{"users.info", "users.list", "conversations.history", "conversations.replies",
		"conversations.members", "conversations.info", "auth.test", "bots.info", "chat.update",
		"conversations.setTopic", "im.open", "files.comments.add", "users.getPresence"} {
		opts = append(opts, slack.WithMethodLimit(method, 60000, 100))
	}
	m := newMix(t, srv, transport, mixConfig{opts: opts, retryAfter: "0.05", inFlight: 200 * time.Millisecond,
		inLimiter: 100 * time.Millisecond, deadline: 50 * time.Millisecond})
	m.run(1)

	srv.Close()
	transport.CloseIdleConnections()
	deadline := time.Now().Add(30 * time.Second) // a bound on the wait, not a timing assertion
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after the mix, %d before:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}
