// Command slackfake serves a fake Slack workspace (package slacktest) on a loopback port, for trying a
// client by hand and for tests written in other languages. It prints the Web API's base URL and a token
// to call it with, then serves until interrupted.
//
//	$ slackfake
//	SLACK_API_URL=http://127.0.0.1:41235/api/
//	SLACK_TOKEN=xoxb-slacktest-0000000000-bot
//	$ curl -s -H "Authorization: Bearer xoxb-slacktest-0000000000-bot" http://127.0.0.1:41235/api/auth.test
//
// Without -seed it serves the built-in workspace: the users alice (an admin, token
// xoxp-slacktest-0000000000-alice), bob and carol, the bot user tourbot (token
// xoxb-slacktest-0000000000-bot), #general, #random and the private #secret. With -seed it serves the
// workspace a JSON file describes instead (see slacktest.Seed for the format; -print-seed writes the
// built-in one as a starting point).
//
// Flags:
//
//	-addr host:port   where to listen: a loopback address (default 127.0.0.1:0, any free port)
//	-seed file.json   serve the workspace the file describes instead of the built-in one
//	-extend           with -seed, add the file's contents to the built-in workspace instead
//	-print-seed       print the workspace (built-in, or as seeded) as JSON and exit
//	-page-size n      answer listings n items a page when the request gives no limit (0: Slack's)
//	-tiers d          enforce Slack's rate limits, with a Slack minute lasting d (1m: real limits; 0: none)
//	-non-marketplace d  enforce Slack's limits for apps outside the Marketplace on conversations.history
//	                  and conversations.replies (1 a minute, pages of 15), a minute lasting d (0: none)
//	-log              print each request: method, token label (never the token) and arguments
//
// It exits 0 on SIGINT or SIGTERM, 1 when the workspace or the listener cannot be set up, 2 on bad
// flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/goslack/slack/slacktest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil)
	var usage usageError
	switch {
	case errors.As(err, &usage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "slackfake:", err)
		os.Exit(1)
	}
}

// usageError is a bad command line, already reported by the flag set.
type usageError struct{ error }

// run serves the workspace args describe until ctx ends. It prints the base URL and a token to stdout
// and, once listening, calls ready (if not nil) with the base URL.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(url string)) error {
	fs := flag.NewFlagSet("slackfake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "where to listen: a loopback `host:port` (port 0: any free port)")
	seedFile := fs.String("seed", "", "serve the workspace this JSON `file` describes instead of the built-in one")
	extend := fs.Bool("extend", false, "with -seed, add the file's contents to the built-in workspace instead")
	printSeed := fs.Bool("print-seed", false, "print the workspace as JSON and exit")
	pageSize := fs.Int("page-size", 0, "answer listings `n` items a page when the request gives no limit (0: Slack's)")
	tiers := fs.Duration("tiers", 0, "enforce Slack's rate limits with a Slack minute lasting `d` (0: none)")
	nonMarketplace := fs.Duration("non-marketplace", 0,
		"enforce Slack's limits for apps outside the Marketplace (1 history or replies request a minute, pages of 15), a minute lasting `d` (0: none)")
	logRequests := fs.Bool("log", false, "print each request (its token by label only)")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "slackfake: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}

	var opts []slacktest.Option
	if *seedFile != "" {
		if !*extend {
			opts = append(opts, slacktest.Empty())
		}
		opts = append(opts, slacktest.WithSeedFile(*seedFile))
	}
	if *pageSize > 0 {
		opts = append(opts, slacktest.WithPageSize(*pageSize))
	}
	if *tiers > 0 {
		opts = append(opts, slacktest.WithTiers(*tiers))
	}
	if *nonMarketplace > 0 {
		opts = append(opts, slacktest.WithNonMarketplaceLimits(*nonMarketplace))
	}
	srv, err := slacktest.Open(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()

	if *printSeed {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(srv.Snapshot())
	}
	if *logRequests {
		srv.OnRequest(func(r slacktest.Request) { fmt.Fprintln(stdout, r.Time.Format(time.TimeOnly), r) })
	}

	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", *addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-addr %q: the fake accepts its well-known tokens from anyone; listen on a loopback address", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String() + "/api/"
	fmt.Fprintf(stdout, "SLACK_API_URL=%s\n", base)
	if token := pickToken(srv.Snapshot().Tokens); token != "" {
		fmt.Fprintf(stdout, "SLACK_TOKEN=%s\n", token)
	} else {
		fmt.Fprintln(stderr, "slackfake: the workspace has no usable token; add one to the seed file")
	}

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	if ready != nil {
		ready(base)
	}
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// pickToken returns the token to print: the first usable bot token, else the first usable token.
func pickToken(tokens []slacktest.Token) string {
	first := ""
	for _, t := range tokens {
		if t.Revoked || t.Inactive {
			continue
		}
		if t.Kind() == "bot" {
			return t.Value
		}
		if first == "" {
			first = t.Value
		}
	}
	return first
}
