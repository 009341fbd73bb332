// Command export-history writes every message of a Slack channel to stdout as JSON lines, one
// slack.Message per line: the channel's messages newest first, as conversations.history returns them,
// each thread's parent followed by its replies, oldest first. A reply also sent to the channel is written
// once, with its thread.
//
// A progress line on stderr, rewritten in place, counts the messages written, the pages fetched and the
// times the client was rate limited and waited.
//
// With SLACK_TOKEN unset it exports #general of a fake workspace held in memory, seeded with a few hundred
// messages and some threads, so that the export takes several pages. The client keeps to Slack's pace for
// conversations.history and conversations.replies (Tier 3, 50 calls a minute) even there, so the export
// takes some seconds and the progress line shows it waiting.
//
//	go run ./examples/export-history > general.jsonl
//	SLACK_TOKEN=xoxb-… go run ./examples/export-history -channel C0123456789 > history.jsonl
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func main() {
	channel := flag.String("channel", "", "the ID of the channel to export (default without SLACK_TOKEN: the fake workspace's #general)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, os.Stderr, os.Getenv("SLACK_TOKEN"), *channel, slacktest.New); err != nil {
		fmt.Fprintln(os.Stderr, "export-history:", err)
		os.Exit(1)
	}
}

// run exports channel with token to stdout, with progress on stderr. With an empty token it exports a
// fake workspace that newFake makes (over HTTP if it is started, in memory otherwise) and seeds; an empty
// channel is then the fake's #general.
func run(ctx context.Context, stdout, stderr io.Writer, token, channel string, newFake func() *slacktest.Server) error {
	pages := &pageCounter{base: http.DefaultTransport}
	var opts []slack.Option
	if token == "" {
		fake := newFake()
		defer fake.Close()
		seed(fake)
		token = slacktest.BotToken
		if channel == "" {
			channel = slacktest.GeneralID
		}
		opts = append(opts, slack.WithBaseURL(fake.URL()))
		if fake.URL() == slacktest.InMemoryURL {
			pages.base = fake
		}
		fmt.Fprintf(stderr, "No SLACK_TOKEN: exporting %s of a fake workspace at %s\n", channel, fake.URL())
	} else if channel == "" {
		return errors.New("with SLACK_TOKEN set, -channel must name the channel to export")
	}
	limits := &limitCounter{}
	client, err := slack.New(token, append(opts,
		slack.WithHTTPClient(&http.Client{Transport: pages}),
		slack.WithLogger(slog.New(limits)),
		slack.WithUserAgent("goslack-export-history/1"))...)
	if err != nil {
		return err
	}

	out := bufio.NewWriter(stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false) // keep Slack's <https://…|links> readable
	p := &progress{w: stderr, pages: pages, limits: limits, enc: enc}
	defer p.finish()
	if err := export(ctx, client, channel, p); err != nil {
		_ = out.Flush()
		return err
	}
	return out.Flush()
}

// export writes the messages of channel, each thread after its parent.
func export(ctx context.Context, client *slack.Client, channel string, p *progress) error {
	for m, err := range client.Conversations.HistoryAll(ctx, channel, nil) {
		if err != nil {
			return err
		}
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			continue // a reply also sent to the channel: it comes with its thread
		}
		if err := p.write(m); err != nil {
			return err
		}
		if m.ThreadTS != m.TS || m.ReplyCount == 0 {
			continue
		}
		for r, err := range client.Conversations.RepliesAll(ctx, channel, m.TS, nil) {
			if err != nil {
				return fmt.Errorf("the thread of %s: %w", m.TS, err)
			}
			if r.TS == m.TS {
				continue // the parent, written above
			}
			if err := p.write(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// progress writes the messages and keeps the progress line up to date.
type progress struct {
	w        io.Writer
	enc      *json.Encoder
	pages    *pageCounter
	limits   *limitCounter
	messages int
	shown    string // the progress line last drawn
}

// write writes one message as a JSON line and redraws the progress line when a page was fetched or a
// rate limit was met since it was last drawn, and every 100 messages.
func (p *progress) write(m slack.Message) error {
	if err := p.enc.Encode(m); err != nil {
		return fmt.Errorf("writing message %s: %w", m.TS, err)
	}
	p.messages++
	if line := p.line(); line != p.shown && (p.messages%100 == 0 || p.other(line) != p.other(p.shown)) {
		p.draw(line)
	}
	return nil
}

// line is the progress line for the counts now.
func (p *progress) line() string {
	history, replies := p.pages.get("conversations.history"), p.pages.get("conversations.replies")
	limited, waits := p.limits.get()
	return fmt.Sprintf("messages %d; pages %d (history %d, replies %d); rate limited %d; waits %d",
		p.messages, history+replies, history, replies, limited, waits)
}

// other is a progress line without its message count.
func (p *progress) other(line string) string {
	_, rest, _ := strings.Cut(line, "; ")
	return rest
}

func (p *progress) draw(line string) {
	fmt.Fprint(p.w, "\r"+line)
	p.shown = line
}

// finish draws the final counts and ends the progress line.
func (p *progress) finish() {
	p.draw(p.line())
	fmt.Fprintln(p.w)
}

// pageCounter is an http.RoundTripper that counts, per Slack method, the pages fetched: the requests
// answered with a 2xx status. A 429 or a 5xx that the client retries is not a page; an ok:false answer,
// which ends the export, is.
type pageCounter struct {
	base http.RoundTripper
	mu   sync.Mutex
	n    map[string]int
}

// RoundTrip sends the request with the base transport and counts its answer.
func (c *pageCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err == nil && resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		method := req.URL.Path[strings.LastIndexByte(req.URL.Path, '/')+1:]
		c.mu.Lock()
		if c.n == nil {
			c.n = map[string]int{}
		}
		c.n[method]++
		c.mu.Unlock()
	}
	return resp, err
}

func (c *pageCounter) get(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[method]
}

// limitCounter is a slog.Handler that counts the client's rate-limit records: "slack: rate limited,
// retrying" for each 429 answer, and "slack: waiting" for each wait before sending, whether to keep
// under the method's rate limit or for a 429's Retry-After. It writes nothing.
type limitCounter struct {
	mu      sync.Mutex
	limited int
	waits   int
}

// Enabled asks for every record, whatever its level.
func (c *limitCounter) Enabled(context.Context, slog.Level) bool { return true }

// Handle counts a record.
func (c *limitCounter) Handle(_ context.Context, r slog.Record) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch r.Message {
	case "slack: rate limited, retrying":
		c.limited++
	case "slack: waiting":
		c.waits++
	}
	return nil
}

// WithAttrs returns the same counter: attributes do not matter to it.
func (c *limitCounter) WithAttrs([]slog.Attr) slog.Handler { return c }

// WithGroup returns the same counter.
func (c *limitCounter) WithGroup(string) slog.Handler { return c }

func (c *limitCounter) get() (limited, waits int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.limited, c.waits
}

// The shape of the fake workspace's #general.
const (
	seedMessages   = 420 // top-level messages: three pages of conversations.history
	seedThreadGap  = 37  // every 37th top-level message starts a thread
	seedLongThread = 230 // replies in the first thread: two pages of conversations.replies
	seedStart      = 1700000000
)

// seed fills the fake's #general: seedMessages top-level messages from alice, bob and carol, one
// second apart, a thread under every seedThreadGap-th of them (the first a long one), and in one thread
// a reply also sent to the channel.
func seed(fake *slacktest.Server) {
	users := []string{slacktest.AliceID, slacktest.BobID, slacktest.CarolID}
	ts := func(sec, micro int) string { return fmt.Sprintf("%d.%06d", seedStart+sec, micro) }
	for i := range seedMessages {
		parent := slacktest.Message{TS: ts(i*1000, 100), Channel: slacktest.GeneralID, User: users[i%3],
			Text: fmt.Sprintf("message %d of %d", i+1, seedMessages)}
		replies := 0
		if i%seedThreadGap == 0 {
			parent.ThreadTS = parent.TS
			replies = 1 + i%5
			if i == 0 {
				replies = seedLongThread
			}
		}
		fake.AddMessage(parent)
		for j := range replies {
			fake.AddMessage(slacktest.Message{TS: ts(i*1000+1+j, 200), Channel: slacktest.GeneralID,
				User: users[(i+j+1)%3], ThreadTS: parent.TS, ReplyBroadcast: i == seedThreadGap && j == 0,
				Text: fmt.Sprintf("reply %d to message %d", j+1, i+1)})
		}
	}
}
