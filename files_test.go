package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"files.info": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.Info(ctx, "F0S43PZDF", nil)
		},
		"files.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.List(ctx, nil)
		},
		"files.revokePublicURL": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.RevokePublicURL(ctx, "F0S43PZDF")
		},
		"files.completeUploadExternal": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.CompleteUploadExternal(ctx, []slack.FileSummary{{ID: "F123ABC456"}}, nil)
		},
		"files.delete": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Files.Delete(ctx, "F0S43PZDF")
		},
		"files.sharedPublicURL": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.SharedPublicURL(ctx, "F2147483862")
		},
		"files.getUploadURLExternal": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.GetUploadURLExternal(ctx, "laughingoutloudcat.jpg", 53072, nil)
		},
	})
}

// uploadRequests returns the three requests of one Files.Upload, in order, after checking there were
// exactly three.
func uploadRequests(t *testing.T, srv *slacktest.Server) (first, post, complete slacktest.Request) {
	t.Helper()
	reqs := srv.Requests("files.getUploadURLExternal", slacktest.UploadMethod, "files.completeUploadExternal")
	var got []string
	for _, r := range reqs {
		got = append(got, r.Method)
	}
	want := []string{"files.getUploadURLExternal", slacktest.UploadMethod, "files.completeUploadExternal"}
	if !slices.Equal(got, want) {
		t.Fatalf("requests %v, want %v", got, want)
	}
	return reqs[0], reqs[1], reqs[2]
}

func TestFilesUploadSharesInThread(t *testing.T) {
	c, srv := newTestClient(t)
	ctx := t.Context()
	parent, err := c.Chat.PostMessage(ctx, slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "weekly report"})
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("day,visits\nmon,12\ntue,30\n")
	f, err := c.Files.Upload(ctx, "visits.csv", bytes.NewReader(content), int64(len(content)), &slack.FilesUploadParams{
		Title: "Visits", AltText: "a table of visits", ChannelID: slacktest.GeneralID, ThreadTS: parent.TS,
		InitialComment: "here are the numbers",
	})
	if err != nil {
		t.Fatal(err)
	}
	if f.ID == "" || f.Name != "visits.csv" || f.Title != "Visits" || f.Size != int64(len(content)) ||
		f.Mimetype != "text/csv" || f.AltText != "a table of visits" || f.User != slacktest.BotUserID {
		t.Errorf("file %+v", f)
	}
	if !slices.Equal(f.Channels, []string{slacktest.GeneralID}) || len(f.Shares.Public[slacktest.GeneralID]) != 1 ||
		f.Shares.Public[slacktest.GeneralID][0].ThreadTS != parent.TS {
		t.Errorf("file shares %+v in %v, want one in the thread %s of %s", f.Shares, f.Channels, parent.TS, slacktest.GeneralID)
	}

	// The fake holds the exact bytes, and the share is a reply in the thread.
	stored, ok := srv.File(f.ID)
	if !ok || !bytes.Equal(stored.Content, content) || stored.Title != "Visits" {
		t.Fatalf("the fake's file %+v (found %v), want the uploaded bytes", stored, ok)
	}
	reply := srv.AssertReplied(t, slacktest.GeneralID, parent.TS, "here are the numbers")
	if !slices.Equal(reply.Files, []string{f.ID}) || reply.User != slacktest.BotUserID {
		t.Errorf("the reply %+v does not share %s", reply, f.ID)
	}
	replies, err := c.Conversations.Replies(ctx, slacktest.GeneralID, parent.TS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if last := replies.Messages[len(replies.Messages)-1]; len(last.Files) != 1 || last.Files[0].ID != f.ID ||
		last.Files[0].Name != "visits.csv" {
		t.Errorf("conversations.replies shows the reply as %+v, want it to carry the file", last)
	}

	// What Slack received: the three steps, the token only where it belongs.
	first, post, complete := uploadRequests(t, srv)
	checkWire(t, srv, "files.getUploadURLExternal", slacktest.BotToken)
	checkWire(t, srv, "files.completeUploadExternal", slacktest.BotToken)
	if first.Form.Get("filename") != "visits.csv" || first.Form.Get("length") != strconv.Itoa(len(content)) ||
		first.Form.Get("alt_txt") != "a table of visits" {
		t.Errorf("files.getUploadURLExternal received %v", first.Form)
	}
	if post.HTTPMethod != http.MethodPost || post.Header.Get("Authorization") != "" || post.Token != "" {
		t.Errorf("the upload was a %s with Authorization %q (token %q), want a POST without one",
			post.HTTPMethod, post.Header.Get("Authorization"), post.Token)
	}
	if ua := post.Header.Get("User-Agent"); !strings.HasPrefix(ua, "goslack/") {
		t.Errorf("the upload's User-Agent is %q", ua)
	}
	if ct := post.Header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("the upload's Content-Type is %q", ct)
	}
	if !bytes.Equal(post.Files["file"], content) {
		t.Errorf("the upload carried %q, want %q", post.Files["file"], content)
	}
	if !strings.HasPrefix(post.URL.String(), slacktest.InMemoryURL) || strings.Contains(post.URL.String(), slacktest.BotToken) {
		t.Errorf("the upload went to %s, want the fake's own base URL", post.URL)
	}
	var files []map[string]string
	if err := json.Unmarshal([]byte(complete.Form.Get("files")), &files); err != nil || len(files) != 1 ||
		files[0]["id"] != f.ID || files[0]["title"] != "Visits" {
		t.Errorf("files.completeUploadExternal received files=%s (%v)", complete.Form.Get("files"), err)
	}
	if complete.Form.Get("channel_id") != slacktest.GeneralID || complete.Form.Get("thread_ts") != parent.TS ||
		complete.Form.Get("initial_comment") != "here are the numbers" {
		t.Errorf("files.completeUploadExternal received %v", complete.Form)
	}
}

func TestFilesUploadPrivateByDefault(t *testing.T) {
	c, srv := newTestClient(t)
	f, err := c.Files.Upload(t.Context(), "notes.txt", strings.NewReader("private"), 7, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Channels) != 0 || f.Title != "notes.txt" {
		t.Errorf("file %+v, want a private file titled by its name", f)
	}
	if n := len(srv.Messages(slacktest.GeneralID)); n != 0 {
		t.Errorf("#general holds %d messages, want none", n)
	}
	// Only the uploader sees a file shared nowhere.
	alice := c.WithToken(slacktest.UserToken)
	if _, err := alice.Files.Info(t.Context(), f.ID, nil); !errors.Is(err, slack.ErrFileNotFound) {
		t.Errorf("another user's files.info of a private file: %v, want file_not_found", err)
	}
}

// TestFilesUploadOverHTTP uploads through the fake listening on a loopback port, with the client's own
// HTTP transport: the upload URL is on the same base URL.
func TestFilesUploadOverHTTP(t *testing.T) {
	srv := slacktest.NewT(t, slacktest.Listen())
	c, err := slack.New(slacktest.BotToken, slack.WithBaseURL(srv.URL()), slack.WithRateLimiting(false))
	if err != nil {
		t.Fatal(err)
	}
	content := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	f, err := c.Files.Upload(t.Context(), "blob.bin", bytes.NewReader(content), int64(len(content)),
		&slack.FilesUploadParams{ChannelID: slacktest.RandomID})
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := srv.File(f.ID)
	if !bytes.Equal(stored.Content, content) {
		t.Errorf("the fake holds %d bytes, want the %d uploaded", len(stored.Content), len(content))
	}
	_, post, _ := uploadRequests(t, srv)
	if !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") || post.Header.Get("Authorization") != "" ||
		post.Header.Get("Content-Length") != strconv.Itoa(len(content)) {
		t.Errorf("the upload to %s had Authorization %q and Content-Length %q", srv.URL(),
			post.Header.Get("Authorization"), post.Header.Get("Content-Length"))
	}
}

func TestFilesUploadUnknownSize(t *testing.T) {
	c, srv := newTestClient(t)
	content := strings.Repeat("line of a log\n", 1000)
	// A reader that gives one byte at a time and says nothing of its length.
	f, err := c.Files.Upload(t.Context(), "app.log", iotest.OneByteReader(strings.NewReader(content)), -1, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, post, _ := uploadRequests(t, srv)
	if first.Form.Get("length") != strconv.Itoa(len(content)) || string(post.Files["file"]) != content ||
		f.Size != int64(len(content)) {
		t.Errorf("length %s, %d bytes uploaded, size %d; want %d", first.Form.Get("length"), len(post.Files["file"]),
			f.Size, len(content))
	}
}

func TestFilesUploadRefusesBadArguments(t *testing.T) {
	for _, tc := range []struct {
		name     string
		filename string
		content  io.Reader
		size     int64
		params   *slack.FilesUploadParams
		argument string
	}{
		{"zero size", "a.txt", strings.NewReader("x"), 0, nil, "size"},
		{"negative size", "a.txt", strings.NewReader("x"), -2, nil, "size"},
		{"most negative size", "a.txt", strings.NewReader("x"), -1 << 63, nil, "size"},
		{"beyond Slack's limit", "a.txt", strings.NewReader("x"), 1<<30 + 1, nil, "size"},
		{"no filename", "", strings.NewReader("x"), 1, nil, "filename"},
		{"no content", "a.txt", nil, 1, nil, "content"},
		{"empty content of unknown size", "a.txt", strings.NewReader(""), -1, nil, "content"},
		{"thread without channel", "a.txt", strings.NewReader("x"), 1, &slack.FilesUploadParams{ThreadTS: "1.2"}, "ThreadTS"},
		{"long alt text", "a.png", strings.NewReader("x"), 1, &slack.FilesUploadParams{AltText: strings.Repeat("é", 1001)}, "AltText"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			_, err := c.Files.Upload(t.Context(), tc.filename, tc.content, tc.size, tc.params)
			assertNothingSent(t, srv, err, tc.argument)
		})
	}
}

// TestFilesUploadWrongSize: content shorter or longer than size fails the upload step, and the upload is
// not completed.
func TestFilesUploadWrongSize(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content string
		size    int64
		want    string
	}{
		{"short", "12345", 10, "ended after 5 bytes"},
		{"long", "1234567890", 5, "goes on past size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			_, err := c.Files.Upload(t.Context(), "n.txt", strings.NewReader(tc.content), tc.size, nil)
			se := assertCode(t, err, slack.ErrInvalidArguments)
			if se.Method != slack.UploadStep || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q (method %q), want the upload step to say %q", err, se.Method, tc.want)
			}
			if n := srv.Count("files.completeUploadExternal"); n != 0 {
				t.Errorf("the upload was completed %d times, want never", n)
			}
		})
	}
}

// failingReader fails after giving some bytes.
type failingReader struct{ err error }

func (r failingReader) Read(p []byte) (int, error) { return 0, r.err }

func TestFilesUploadContentError(t *testing.T) {
	c, srv := newTestClient(t)
	errDisk := errors.New("disk on fire")
	_, err := c.Files.Upload(t.Context(), "n.txt", io.MultiReader(strings.NewReader("abc"), failingReader{errDisk}), 10, nil)
	if !errors.Is(err, errDisk) {
		t.Fatalf("error %v, want the content's own error", err)
	}
	if n := srv.Count("files.completeUploadExternal"); n != 0 {
		t.Errorf("the upload was completed %d times, want never", n)
	}
	// With unknown size, the content is read before anything is sent.
	_, err = c.Files.Upload(t.Context(), "n.txt", failingReader{errDisk}, -1, nil)
	if !errors.Is(err, errDisk) {
		t.Fatalf("error %v, want the content's own error", err)
	}
	if n := srv.Count("files.getUploadURLExternal"); n != 1 {
		t.Errorf("%d uploads begun, want only the first", n)
	}
}

// TestFilesUploadFailureNamesStep: a failure at each of the three steps is an *Error whose Method names
// the step, and nothing after the failed step is sent.
func TestFilesUploadFailureNamesStep(t *testing.T) {
	t.Run("getUploadURLExternal", func(t *testing.T) {
		c, srv := newTestClient(t)
		_, err := c.Files.Upload(t.Context(), "a.py", strings.NewReader("print(1)"), 8,
			&slack.FilesUploadParams{SnippetType: "klingon"})
		se := assertCode(t, err, slack.ErrUnknownSnippetType)
		if se.Method != "files.getUploadURLExternal" {
			t.Errorf("Method %q", se.Method)
		}
		if n := srv.Count(slacktest.UploadMethod, "files.completeUploadExternal"); n != 0 {
			t.Errorf("%d requests after the failed first step", n)
		}
	})
	t.Run("upload", func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject(slacktest.UploadMethod, slacktest.HTMLError(http.StatusInternalServerError))
		_, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3, nil)
		se := assertCode(t, err, slack.ErrHTTPError)
		if se.Method != slack.UploadStep || se.StatusCode != http.StatusInternalServerError ||
			!strings.Contains(err.Error(), "upload URL") {
			t.Errorf("error %q (method %q, status %d), want the upload step's HTTP 500", err, se.Method, se.StatusCode)
		}
		if strings.Contains(err.Error(), "upload/v1") {
			t.Errorf("error %q shows the upload URL", err)
		}
		if n := srv.Count("files.completeUploadExternal"); n != 0 {
			t.Errorf("%d completions after the failed upload", n)
		}
	})
	t.Run("upload connection", func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject(slacktest.UploadMethod, slacktest.Dropped())
		_, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3, nil)
		se := assertCode(t, err, slack.ErrUploadFailed)
		if se.Method != slack.UploadStep || strings.Contains(err.Error(), "upload/v1") {
			t.Errorf("error %q (method %q), want the upload step, without the URL", err, se.Method)
		}
	})
	t.Run("completeUploadExternal", func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.AddChannel(slacktest.Channel{ID: "C0QUIET", Name: "quiet", Members: []string{slacktest.AliceID}})
		_, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3,
			&slack.FilesUploadParams{ChannelID: "C0QUIET"})
		se := assertCode(t, err, slack.ErrNotInChannel)
		if se.Method != "files.completeUploadExternal" {
			t.Errorf("Method %q", se.Method)
		}
		if n := len(srv.Messages("C0QUIET")); n != 0 {
			t.Errorf("#quiet holds %d messages", n)
		}
	})
}

// TestFilesUploadNotRetried: with retries on, a failed POST or completion is sent once; the first step,
// which changes nothing, is retried.
func TestFilesUploadNotRetried(t *testing.T) {
	for _, tc := range []struct {
		method string
		fault  slacktest.Fault
	}{
		{slacktest.UploadMethod, slacktest.HTMLError(http.StatusServiceUnavailable)},
		{slacktest.UploadMethod, slacktest.Dropped()},
		{slacktest.UploadMethod, slacktest.RateLimited("1")},
		{"files.completeUploadExternal", slacktest.HTMLError(http.StatusBadGateway)},
		{"files.completeUploadExternal", slacktest.Dropped()},
		{"files.completeUploadExternal", slacktest.Fault{AfterHandling: true, Truncate: true}},
	} {
		t.Run(tc.method, func(t *testing.T) {
			c, srv := newTestClient(t, slack.WithMaxRetries(3))
			srv.Inject(tc.method, tc.fault)
			if _, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3, nil); err == nil {
				t.Fatal("no error")
			}
			if n := srv.Count(tc.method); n != 1 {
				t.Errorf("%s sent %d times, want once", tc.method, n)
			}
		})
	}
}

func TestFilesUploadRefusesForeignUploadURL(t *testing.T) {
	for _, u := range []string{"http://files.example.com/upload/v1/x", "file:///etc/passwd", "ftp://slack.test/x",
		"https://user:pass@files.slack.test/x", "::not a url"} {
		t.Run(u, func(t *testing.T) {
			c, srv := newTestClient(t)
			srv.Respond("files.getUploadURLExternal", func(slacktest.Request) any {
				return map[string]any{"ok": true, "upload_url": u, "file_id": "F1"}
			})
			_, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3, nil)
			se := assertCode(t, err, slack.ErrInvalidResponse)
			if se.Method != slack.UploadStep {
				t.Errorf("Method %q", se.Method)
			}
			if n := srv.Count(); n != 1 {
				t.Errorf("%d requests, want only the first step", n)
			}
		})
	}
}

// TestFilesUploadNeedsAnUploadURL: an ok answer to the first step without upload_url or file_id decodes
// as it is (GetUploadURLExternal is tolerant, like every method), and Upload stops there, naming that
// step, before sending anything to an upload URL.
func TestFilesUploadNeedsAnUploadURL(t *testing.T) {
	for _, answer := range []map[string]any{{"ok": true}, {"ok": true, "file_id": "F1"}, {"ok": true, "upload_url": "https://files.slack.test/x"}} {
		c, srv := newTestClient(t)
		srv.Respond("files.getUploadURLExternal", func(slacktest.Request) any { return answer })
		got, err := c.Files.GetUploadURLExternal(t.Context(), "a.txt", 3, nil)
		if err != nil || got == nil {
			t.Fatalf("%v: GetUploadURLExternal: %+v, %v", answer, got, err)
		}
		_, err = c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3, nil)
		se := assertCode(t, err, slack.ErrInvalidResponse)
		if se.Method != "files.getUploadURLExternal" {
			t.Errorf("%v: Method %q, want the first step", answer, se.Method)
		}
		if n := srv.Count(); n != 2 {
			t.Errorf("%v: %d requests, want the two first steps only", answer, n)
		}
	}
}

func TestFilesUploadContextCanceled(t *testing.T) {
	c, srv := newTestClient(t)
	ctx, cancel := context.WithCancel(t.Context())
	srv.OnRequest(func(r slacktest.Request) {
		if r.Method == slacktest.UploadMethod {
			cancel()
		}
	})
	srv.Inject(slacktest.UploadMethod, slacktest.Slow(time.Hour))
	_, err := c.Files.Upload(ctx, "a.txt", strings.NewReader("abc"), 3, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if n := srv.Count("files.completeUploadExternal"); n != 0 {
		t.Errorf("%d completions", n)
	}
}

func TestFilesGetUploadURLAndComplete(t *testing.T) {
	c, srv := newTestClient(t)
	ctx := t.Context()
	dest, err := c.Files.GetUploadURLExternal(ctx, "code.go", 12, &slack.FilesGetUploadURLExternalParams{SnippetType: "go"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(dest.UploadURL, srv.URL()) || !strings.HasPrefix(dest.FileID, "F") {
		t.Errorf("answer %+v, want an upload URL on %s", dest, srv.URL())
	}
	r := checkWire(t, srv, "files.getUploadURLExternal", slacktest.BotToken)
	if r.Form.Get("snippet_type") != "go" || r.Form.Get("length") != "12" || r.Form.Get("filename") != "code.go" {
		t.Errorf("received %v", r.Form)
	}
	// Completing before the bytes arrived: the file is not there yet.
	_, err = c.Files.CompleteUploadExternal(ctx, []slack.FileSummary{{ID: dest.FileID}}, nil)
	assertCode(t, err, slack.ErrFileNotFound)

	// The bytes, by hand, then the completion in two channels at once.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, dest.UploadURL, strings.NewReader("package main"))
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "OK - 12" {
		t.Errorf("the upload answered %d %q", resp.StatusCode, body)
	}
	files, err := c.Files.CompleteUploadExternal(ctx, []slack.FileSummary{{ID: dest.FileID, Title: "main"}},
		&slack.FilesCompleteUploadExternalParams{Channels: []string{slacktest.GeneralID, slacktest.RandomID},
			InitialComment: "the code"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].ID != dest.FileID || files[0].Mode != "snippet" || files[0].Filetype != "go" ||
		len(files[0].Channels) != 2 {
		t.Errorf("files %+v", files)
	}
	srv.AssertPosted(t, slacktest.GeneralID, "the code")
	srv.AssertPosted(t, slacktest.RandomID, "the code")
	r = checkWire(t, srv, "files.completeUploadExternal", slacktest.BotToken)
	if r.Form.Get("channels") != slacktest.GeneralID+","+slacktest.RandomID {
		t.Errorf("channels=%q", r.Form.Get("channels"))
	}
	// An upload URL takes one upload.
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, dest.UploadURL, strings.NewReader("package main"))
	if resp, err := srv.HTTPClient().Do(req); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("a second upload: %v, %v; want 404", resp, err)
	}
}

func TestFilesUploadLengthChecked(t *testing.T) {
	c, srv := newTestClient(t)
	dest, err := c.Files.GetUploadURLExternal(t.Context(), "a.txt", 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, dest.UploadURL, strings.NewReader("abc"))
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("3 bytes for a length of 5: HTTP %d, want 400", resp.StatusCode)
	}
}

func TestFilesGetUploadURLExternalErrors(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.Files.GetUploadURLExternal(t.Context(), "a.py", 3, &slack.FilesGetUploadURLExternalParams{SnippetType: "cobol-85"})
	assertCode(t, err, slack.ErrUnknownSnippetType)

	for _, tc := range []struct {
		name     string
		filename string
		length   int64
		argument string
	}{
		{"no filename", " ", 3, "filename"},
		{"zero length", "a.txt", 0, "length"},
		{"negative length", "a.txt", -5, "length"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			_, err := c.Files.GetUploadURLExternal(t.Context(), tc.filename, tc.length, nil)
			assertNothingSent(t, srv, err, tc.argument)
		})
	}
}

func TestFilesCompleteUploadExternalRefusesBadArguments(t *testing.T) {
	for _, tc := range []struct {
		name     string
		files    []slack.FileSummary
		params   *slack.FilesCompleteUploadExternalParams
		argument string
	}{
		{"no files", nil, nil, "files"},
		{"a file without ID", []slack.FileSummary{{ID: "F1"}, {Title: "x"}}, nil, "files[1]"},
		{"both destinations", []slack.FileSummary{{ID: "F1"}},
			&slack.FilesCompleteUploadExternalParams{ChannelID: "C1", Channels: []string{"C2"}}, "channel_id"},
		{"thread in two channels", []slack.FileSummary{{ID: "F1"}},
			&slack.FilesCompleteUploadExternalParams{Channels: []string{"C1", "C2"}, ThreadTS: "1.2"}, "thread_ts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			_, err := c.Files.CompleteUploadExternal(t.Context(), tc.files, tc.params)
			assertNothingSent(t, srv, err, tc.argument)
		})
	}
}

func TestFilesInfo(t *testing.T) {
	c, srv := newTestClient(t)
	r, err := c.Files.Info(t.Context(), slacktest.FileID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.File.ID != slacktest.FileID || r.File.Name != "report.pdf" || r.File.Filetype != "pdf" ||
		!slices.Equal(r.File.Channels, []string{slacktest.GeneralID}) || !r.File.IsPublic {
		t.Errorf("file %+v", r.File)
	}
	req := checkWire(t, srv, "files.info", slacktest.BotToken)
	if req.Form.Get("file") != slacktest.FileID {
		t.Errorf("received %v", req.Form)
	}

	// The legacy comments page by cursor.
	alice := c.WithToken(slacktest.UserToken)
	for _, text := range []string{"one", "two", "three"} {
		if _, err := alice.Files.AddComment(t.Context(), slacktest.FileID, text); err != nil { //nolint:staticcheck // the retired method seeds comments
			t.Fatal(err)
		}
	}
	r, err = c.Files.Info(t.Context(), slacktest.FileID, &slack.FilesInfoParams{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Comments) != 2 || r.Comments[0].Comment != "one" || r.NextCursor == "" {
		t.Fatalf("first comments page %+v, next %q", r.Comments, r.NextCursor)
	}
	r, err = c.Files.Info(t.Context(), slacktest.FileID, &slack.FilesInfoParams{Limit: 2, Cursor: r.NextCursor})
	if err != nil || len(r.Comments) != 1 || r.Comments[0].Comment != "three" || r.NextCursor != "" {
		t.Errorf("second comments page %+v, next %q, %v", r.Comments, r.NextCursor, err)
	}

	_, err = c.Files.Info(t.Context(), "F0NONE", nil)
	assertCode(t, err, slack.ErrFileNotFound)

	srv.ResetRequests()
	_, err = c.Files.Info(t.Context(), "", nil)
	assertNothingSent(t, srv, err, "file")
	_, err = c.Files.Info(t.Context(), slacktest.FileID, &slack.FilesInfoParams{Limit: 1001})
	assertNothingSent(t, srv, err, "limit")
}

// uploadN uploads n small files to #general and returns their IDs, oldest first.
func uploadN(t *testing.T, c *slack.Client, n int) []string {
	t.Helper()
	var ids []string
	for i := range n {
		name := "f" + strconv.Itoa(i) + ".txt"
		f, err := c.Files.Upload(t.Context(), name, strings.NewReader(name), int64(len(name)),
			&slack.FilesUploadParams{ChannelID: slacktest.GeneralID})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, f.ID)
	}
	return ids
}

func TestFilesList(t *testing.T) {
	c, srv := newTestClient(t)
	ids := uploadN(t, c, 3)
	if _, err := c.Files.Upload(t.Context(), "pic.png", strings.NewReader("png"), 3,
		&slack.FilesUploadParams{ChannelID: slacktest.RandomID}); err != nil {
		t.Fatal(err)
	}
	r, err := c.Files.List(t.Context(), &slack.FilesListParams{Channel: slacktest.GeneralID,
		User: slacktest.BotUserID, Count: 2, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.Paging != (slack.Paging{Count: 2, Total: 3, Page: 2, Pages: 2}) || len(r.Files) != 1 {
		t.Errorf("page %+v with %d files", r.Paging, len(r.Files))
	}
	req := checkWire(t, srv, "files.list", slacktest.BotToken)
	if req.Form.Get("channel") != slacktest.GeneralID || req.Form.Get("user") != slacktest.BotUserID ||
		req.Form.Get("count") != "2" || req.Form.Get("page") != "2" {
		t.Errorf("received %v", req.Form)
	}
	_ = ids

	images, err := c.Files.List(t.Context(), &slack.FilesListParams{Types: []string{slack.FileTypeImages, slack.FileTypePDFs}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range images.Files {
		names = append(names, f.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"pic.png", "report.pdf"}) {
		t.Errorf("images and PDFs: %v", names)
	}
	if got := lastRequest(t, srv, "files.list").Form.Get("types"); got != "images,pdfs" {
		t.Errorf("types=%q", got)
	}

	_, err = c.Files.List(t.Context(), &slack.FilesListParams{Types: []string{"holograms"}})
	assertCode(t, err, slack.ErrUnknownType)

	srv.ResetRequests()
	_, err = c.Files.List(t.Context(), &slack.FilesListParams{Count: 1001})
	assertNothingSent(t, srv, err, "count")
	_, err = c.Files.List(t.Context(), &slack.FilesListParams{Page: -1})
	assertNothingSent(t, srv, err, "page")
}

func TestFilesListAllPagesByNumber(t *testing.T) {
	c, srv := newTestClient(t)
	ids := uploadN(t, c, 4) // and the seeded report.pdf: 5 files
	srv.ResetRequests()
	var got []string
	for f, err := range c.Files.ListAll(t.Context(), &slack.FilesListParams{Count: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.ID)
	}
	want := append(slices.Clone(ids), slacktest.FileID)
	slices.Reverse(want[:4]) // newest first
	if !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	var pages []string
	for _, r := range srv.Requests("files.list") {
		pages = append(pages, r.Form.Get("page")+"/"+r.Form.Get("count"))
	}
	if !slices.Equal(pages, []string{"1/2", "2/2", "3/2"}) {
		t.Errorf("requested pages %v, want 1, 2 and 3 of 2 each", pages)
	}

	// 100 a page by default, from the params' page; a break costs no further page.
	srv.ResetRequests()
	for _, err := range c.Files.ListAll(t.Context(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		break
	}
	if reqs := srv.Requests("files.list"); len(reqs) != 1 || reqs[0].Form.Get("count") != "100" ||
		reqs[0].Form.Get("page") != "1" {
		t.Errorf("requests %v, want one of page 1, count 100", reqs)
	}
	srv.ResetRequests()
	params := &slack.FilesListParams{Count: 2, Page: 3}
	got = got[:0]
	for f, err := range c.Files.ListAll(t.Context(), params) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.ID)
	}
	if !slices.Equal(got, []string{slacktest.FileID}) || params.Page != 3 || srv.Count("files.list") != 1 {
		t.Errorf("from page 3: %v in %d requests (params.Page now %d)", got, srv.Count("files.list"), params.Page)
	}

	// A failure is yielded once, and ends the loop.
	srv.Inject("files.list", slacktest.Fault{Status: http.StatusOK, Body: `{"ok":false,"error":"invalid_auth"}`})
	n := 0
	for _, err := range c.Files.ListAll(t.Context(), nil) {
		n++
		assertCode(t, err, slack.ErrInvalidAuth)
	}
	if n != 1 {
		t.Errorf("%d values after a failure, want 1", n)
	}
}

func TestFilesDelete(t *testing.T) {
	c, srv := newTestClient(t)
	f, err := c.Files.Upload(t.Context(), "old.txt", strings.NewReader("old"), 3,
		&slack.FilesUploadParams{ChannelID: slacktest.GeneralID, InitialComment: "an old file"})
	if err != nil {
		t.Fatal(err)
	}
	// Bob may not delete the bot's file.
	srv.AddToken("xoxp-bob", slacktest.BobID)
	err = c.WithToken("xoxp-bob").Files.Delete(t.Context(), f.ID)
	assertCode(t, err, slack.ErrCantDeleteFile)

	if err := c.Files.Delete(t.Context(), f.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.File(f.ID); ok {
		t.Error("the fake still holds the file")
	}
	if r := checkWire(t, srv, "files.delete", slacktest.BotToken); r.Form.Get("file") != f.ID {
		t.Errorf("received %v", r.Form)
	}
	_, err = c.Files.Info(t.Context(), f.ID, nil)
	assertCode(t, err, slack.ErrFileDeleted)
	// The message that shared it shows a tombstone.
	h, err := c.Conversations.History(t.Context(), slacktest.GeneralID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m := h.Messages[0]; m.Text != "an old file" || len(m.Files) != 1 || m.Files[0].ID != f.ID || m.Files[0].Name != "" {
		t.Errorf("the message %+v, want its file as a tombstone", m)
	}

	srv.ResetRequests()
	assertNothingSent(t, srv, c.Files.Delete(t.Context(), ""), "file")
}

func TestFilesPublicURL(t *testing.T) {
	bot, srv := newTestClient(t)
	alice := bot.WithToken(slacktest.UserToken)
	f, err := alice.Files.Upload(t.Context(), "photo.jpg", strings.NewReader("jpeg"), 4,
		&slack.FilesUploadParams{ChannelID: slacktest.GeneralID})
	if err != nil {
		t.Fatal(err)
	}
	// A bot token cannot call files.sharedPublicURL.
	_, err = bot.Files.SharedPublicURL(t.Context(), f.ID)
	assertCode(t, err, slack.ErrNotAllowedTokenType)

	shared, err := alice.Files.SharedPublicURL(t.Context(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !shared.PublicURLShared || shared.PermalinkPublic == "" || shared.ID != f.ID {
		t.Errorf("shared file %+v", shared)
	}
	if stored, _ := srv.File(f.ID); !stored.PublicURLShared {
		t.Error("the fake's file is not public")
	}
	if r := checkWire(t, srv, "files.sharedPublicURL", slacktest.UserToken); r.Form.Get("file") != f.ID {
		t.Errorf("received %v", r.Form)
	}

	revoked, err := alice.Files.RevokePublicURL(t.Context(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if revoked.PublicURLShared {
		t.Errorf("revoked file %+v", revoked)
	}
	if stored, _ := srv.File(f.ID); stored.PublicURLShared {
		t.Error("the fake's file is still public")
	}
	checkWire(t, srv, "files.revokePublicURL", slacktest.UserToken)
	_, err = alice.Files.RevokePublicURL(t.Context(), "F0NONE")
	assertCode(t, err, slack.ErrFileNotFound)

	srv.ResetRequests()
	_, err = alice.Files.SharedPublicURL(t.Context(), "")
	assertNothingSent(t, srv, err, "file")
	_, err = alice.Files.RevokePublicURL(t.Context(), "")
	assertNothingSent(t, srv, err, "file")
}

// TestFilesUploadHostileValues is the bad-input sweep's hostile-value check for Files.Upload, whose
// arguments travel in three requests: each hostile value is refused naming its argument with nothing
// sent, or arrives exactly as given in the request that carries it, and nothing panics.
func TestFilesUploadHostileValues(t *testing.T) {
	type where struct{ method, field string }
	for _, h := range badInputHostile {
		for _, tc := range []struct {
			arg    string
			set    func(filename *string, content *string, p *slack.FilesUploadParams)
			where  where
			inJSON bool // the value travels as the title inside the files JSON
		}{
			{"filename", func(f, _ *string, _ *slack.FilesUploadParams) { *f = h.v }, where{"files.getUploadURLExternal", "filename"}, false},
			{"content", func(_, c *string, _ *slack.FilesUploadParams) { *c = h.v }, where{slacktest.UploadMethod, ""}, false},
			{"Title", func(_, _ *string, p *slack.FilesUploadParams) { p.Title = h.v }, where{"files.completeUploadExternal", "files"}, true},
			{"AltText", func(_, _ *string, p *slack.FilesUploadParams) { p.AltText = h.v }, where{"files.getUploadURLExternal", "alt_txt"}, false},
			{"SnippetType", func(_, _ *string, p *slack.FilesUploadParams) { p.SnippetType = h.v }, where{"files.getUploadURLExternal", "snippet_type"}, false},
			{"ChannelID", func(_, _ *string, p *slack.FilesUploadParams) { p.ChannelID = h.v }, where{"files.completeUploadExternal", "channel_id"}, false},
			{"ThreadTS", func(_, _ *string, p *slack.FilesUploadParams) { p.ThreadTS = h.v }, where{"files.completeUploadExternal", "thread_ts"}, false},
			{"InitialComment", func(_, _ *string, p *slack.FilesUploadParams) { p.InitialComment = h.v }, where{"files.completeUploadExternal", "initial_comment"}, false},
		} {
			t.Run(h.label+" "+tc.arg, func(t *testing.T) {
				c, srv := newTestClient(t)
				filename, content := "hello.txt", "hello"
				p := &slack.FilesUploadParams{ChannelID: slacktest.GeneralID}
				tc.set(&filename, &content, p)
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("panicked: %v", r)
						}
					}()
					_, err = c.Files.Upload(t.Context(), filename, strings.NewReader(content), int64(len(content)), p)
				}()
				var se *slack.Error
				if errors.As(err, &se) && se.Code == slack.ErrInvalidArguments && se.StatusCode == 0 && srv.Count() == 0 {
					if !strings.Contains(err.Error(), tc.arg) {
						t.Errorf("error %q does not name %s", err, tc.arg)
					}
					return
				}
				r, ok := srv.LastRequest(tc.where.method)
				if !ok {
					t.Fatalf("neither refused nor sent to %s: %v", tc.where.method, err)
				}
				var got string
				switch {
				case tc.where.field == "":
					got = string(r.Files["file"])
				case tc.inJSON:
					var files []struct {
						Title string `json:"title"`
					}
					if jerr := json.Unmarshal([]byte(r.Form.Get("files")), &files); jerr != nil || len(files) != 1 {
						t.Fatalf("files=%q: %v", r.Form.Get("files"), jerr)
					}
					got = files[0].Title
					// JSON carries only valid UTF-8: each invalid byte arrives as U+FFFD.
					b, _ := json.Marshal(h.v)
					_ = json.Unmarshal(b, &content)
					if got != content {
						t.Errorf("title arrived as %q, want %q", got, content)
					}
					return
				default:
					got = r.Form.Get(tc.where.field)
					if vs := r.Form[tc.where.field]; len(vs) != 1 {
						t.Fatalf("%s carried %d values of %s", tc.where.method, len(vs), tc.where.field)
					}
				}
				if got != h.v {
					t.Errorf("%s arrived at %s as %q, want %q", tc.arg, tc.where.method, short(got), short(h.v))
				}
			})
		}
	}
}

// TestFilesUploadFirstStepRetried: files.getUploadURLExternal changes nothing until the bytes arrive, so
// a 5xx there is retried, and the upload goes on.
func TestFilesUploadFirstStepRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("files.getUploadURLExternal", slacktest.HTMLError(http.StatusServiceUnavailable))
		f, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := srv.Count("files.getUploadURLExternal"); n != 2 || f.Size != 3 {
			t.Errorf("files.getUploadURLExternal sent %d times (file %+v), want twice", n, f)
		}
		if n := srv.Count(slacktest.UploadMethod, "files.completeUploadExternal"); n != 2 {
			t.Errorf("%d later requests, want the POST and the completion", n)
		}
	})
}

// TestFilesUploadLogsNoSecrets: the records of an upload name the step, never the token or the upload
// URL, which authorises the upload by itself.
func TestFilesUploadLogsNoSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, srv := newTestClient(t, slack.WithLogger(logger))
	if _, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3, nil); err != nil {
		t.Fatal(err)
	}
	srv.Inject(slacktest.UploadMethod, slacktest.Dropped())
	if _, err := c.Files.Upload(t.Context(), "b.txt", strings.NewReader("abc"), 3, nil); err == nil {
		t.Fatal("no error for a dropped upload")
	}
	out := logs.String()
	if !strings.Contains(out, "method="+slack.UploadStep) {
		t.Errorf("no record names the upload step:\n%s", out)
	}
	if strings.Contains(out, "upload/v1") || strings.Contains(out, slacktest.BotToken) {
		t.Errorf("the records show the upload URL or the token:\n%s", out)
	}
}

// TestFilesUploadCompletionWaitsOut429: a 429 means Slack did nothing, so the completion is sent again
// after Retry-After, and the file is shared once.
func TestFilesUploadCompletionWaitsOut429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		srv.Inject("files.completeUploadExternal", slacktest.RateLimited("2"))
		start := time.Now()
		f, err := c.Files.Upload(t.Context(), "a.txt", strings.NewReader("abc"), 3,
			&slack.FilesUploadParams{ChannelID: slacktest.GeneralID, InitialComment: "once"})
		if err != nil {
			t.Fatal(err)
		}
		// The retry leaves at most a second after the pause, at random (the limiter's spread).
		if waited := time.Since(start); waited < 2*time.Second || waited > 3*time.Second {
			t.Errorf("waited %s, want the 2s of Retry-After (and at most a second more)", waited)
		}
		if n := srv.Count("files.completeUploadExternal"); n != 2 {
			t.Errorf("files.completeUploadExternal sent %d times, want twice", n)
		}
		if n := srv.Count(slacktest.UploadMethod); n != 1 {
			t.Errorf("the bytes were sent %d times, want once", n)
		}
		if msgs := srv.Messages(slacktest.GeneralID); len(msgs) != 1 || !slices.Equal(msgs[0].Files, []string{f.ID}) {
			t.Errorf("#general holds %+v, want one message sharing %s", msgs, f.ID)
		}
	})
}
