package slack_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// zeros is an endless reader of zero bytes that allocates nothing.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// uploadTransport answers the two Slack methods of Files.Upload with the fake workspace's answers and
// takes the POST of the bytes itself: it counts them, notes any Authorization header, and discards them,
// so that what is measured is the client's own memory.
type uploadTransport struct {
	first, complete []byte
	received        atomic.Int64
	authorized      atomic.Bool
}

func (t *uploadTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	switch {
	case strings.HasSuffix(req.URL.Path, "/files.getUploadURLExternal"):
		body = t.first
	case strings.HasSuffix(req.URL.Path, "/files.completeUploadExternal"):
		body = t.complete
	default:
		n, err := io.Copy(io.Discard, req.Body)
		if err != nil {
			return nil, err
		}
		t.received.Store(n)
		t.authorized.Store(req.Header.Get("Authorization") != "")
		body = []byte("OK - " + strconv.FormatInt(n, 10))
	}
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(string(body))), ContentLength: int64(len(body)), Request: req}, nil
}

// newUploadBench returns a client whose Files.Upload of size bytes is answered as the fake workspace
// answers it, and the transport that receives the bytes. The fake really receives one upload of size
// bytes, so that its completion answer describes it.
func newUploadBench(tb testing.TB, size int64) (*slack.Client, *uploadTransport, string) {
	tb.Helper()
	srv := slacktest.New()
	answer := func(method string, form url.Values) []byte {
		req, _ := http.NewRequest(http.MethodPost, srv.URL()+method, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+slacktest.BotToken)
		resp, err := srv.RoundTrip(req)
		if err != nil {
			tb.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			tb.Fatal(err)
		}
		return body
	}
	t := &uploadTransport{}
	t.first = answer("files.getUploadURLExternal", url.Values{"filename": {"big.bin"},
		"length": {strconv.FormatInt(size, 10)}})
	var dest struct {
		UploadURL string `json:"upload_url"`
		FileID    string `json:"file_id"`
	}
	if err := json.Unmarshal(t.first, &dest); err != nil || dest.FileID == "" {
		tb.Fatalf("%s: %v", t.first, err)
	}
	req, _ := http.NewRequest(http.MethodPost, dest.UploadURL, io.LimitReader(zeros{}, size))
	resp, err := srv.RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		tb.Fatal(resp, err)
	}
	resp.Body.Close()
	t.complete = answer("files.completeUploadExternal", url.Values{"files": {`[{"id":"` + dest.FileID + `"}]`},
		"channel_id": {slacktest.GeneralID}})
	srv.Close()
	c, err := slack.New(slacktest.BotToken, slack.WithBaseURL(slacktest.InMemoryURL),
		slack.WithHTTPClient(&http.Client{Transport: t}), slack.WithRateLimiting(false))
	if err != nil {
		tb.Fatal(err)
	}
	return c, t, dest.FileID
}

const benchUploadSize = 50 << 20

// BenchmarkFilesUpload uploads a 50 MiB reader of known size: Files.Upload streams it, so the memory a
// run allocates stays far below the file's size (under 1 MiB; run with -benchmem).
func BenchmarkFilesUpload(b *testing.B) {
	c, t, fileID := newUploadBench(b, benchUploadSize)
	ctx := context.Background()
	params := &slack.FilesUploadParams{ChannelID: slacktest.GeneralID}
	b.SetBytes(benchUploadSize)
	b.ReportAllocs()
	for b.Loop() {
		f, err := c.Files.Upload(ctx, "big.bin", io.LimitReader(zeros{}, benchUploadSize), benchUploadSize, params)
		if err != nil || f.ID != fileID {
			b.Fatal(f, err)
		}
		if t.received.Load() != benchUploadSize || t.authorized.Load() {
			b.Fatalf("the upload carried %d bytes (Authorization sent: %v)", t.received.Load(), t.authorized.Load())
		}
	}
}

// TestFilesUploadStreams checks what the benchmark measures: uploading 50 MiB of known size allocates
// a small fraction of it, so the bytes are never held in memory.
func TestFilesUploadStreams(t *testing.T) {
	c, tr, fileID := newUploadBench(t, benchUploadSize)
	ctx := context.Background()
	params := &slack.FilesUploadParams{ChannelID: slacktest.GeneralID}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := c.Files.Upload(ctx, "big.bin", io.LimitReader(zeros{}, benchUploadSize), benchUploadSize, params)
	runtime.ReadMemStats(&after)
	if err != nil || f.ID != fileID || tr.received.Load() != benchUploadSize {
		t.Fatalf("upload: %v, %v; %d bytes received", f, err, tr.received.Load())
	}
	// Generous against noise from other goroutines, and far below the 50 MiB a buffered upload needs.
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("uploading %d bytes allocated %d bytes; the content is not streamed", benchUploadSize, got)
	}
}
