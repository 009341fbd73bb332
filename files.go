package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// File is a file in a workspace, as files.info, files.list and the upload methods describe it, and as
// messages that share it carry it. A message's files may be partial (an ID and a few fields).
type File struct {
	ID        string `json:"id"`
	Created   Time   `json:"created"`
	Timestamp Time   `json:"timestamp"`
	Updated   Time   `json:"updated"`
	// Name is the file's name, with its extension; Title is what Slack shows, the name by default.
	Name  string `json:"name,omitempty"`
	Title string `json:"title,omitempty"`
	// Mimetype is the file's MIME type; Filetype Slack's short type ("pdf", "png", "text"), and
	// PrettyType its readable form ("PDF").
	Mimetype   string `json:"mimetype,omitempty"`
	Filetype   string `json:"filetype,omitempty"`
	PrettyType string `json:"pretty_type,omitempty"`
	// User is the ID of the user who uploaded the file.
	User     string `json:"user,omitempty"`
	UserTeam string `json:"user_team,omitempty"`
	// Mode is "hosted", "external", "snippet" or "post".
	Mode     string `json:"mode,omitempty"`
	Editable bool   `json:"editable,omitempty"`
	// Size is the file's size in bytes.
	Size         int64  `json:"size,omitempty"`
	IsExternal   bool   `json:"is_external,omitempty"`
	ExternalType string `json:"external_type,omitempty"`
	// IsPublic reports whether the file is shared in a public channel; PublicURLShared whether its
	// public link (PermalinkPublic) is on (Files.SharedPublicURL).
	IsPublic        bool   `json:"is_public,omitempty"`
	PublicURLShared bool   `json:"public_url_shared,omitempty"`
	DisplayAsBot    bool   `json:"display_as_bot,omitempty"`
	Username        string `json:"username,omitempty"`
	// URLPrivate and URLPrivateDownload fetch the file with the token in an Authorization header.
	URLPrivate         string `json:"url_private,omitempty"`
	URLPrivateDownload string `json:"url_private_download,omitempty"`
	// Permalink is the file's page in Slack; PermalinkPublic its public page, once shared publicly.
	Permalink       string `json:"permalink,omitempty"`
	PermalinkPublic string `json:"permalink_public,omitempty"`
	// Thumbnails of images.
	Thumb64           string `json:"thumb_64,omitempty"`
	Thumb80           string `json:"thumb_80,omitempty"`
	Thumb160          string `json:"thumb_160,omitempty"`
	Thumb360          string `json:"thumb_360,omitempty"`
	Thumb480          string `json:"thumb_480,omitempty"`
	Thumb720          string `json:"thumb_720,omitempty"`
	Thumb1024         string `json:"thumb_1024,omitempty"`
	ImageExifRotation int    `json:"image_exif_rotation,omitempty"`
	// AltText is the description of an image for screen readers.
	AltText string `json:"alt_txt,omitempty"`
	// Preview is the start of a text file or snippet; Lines its line count.
	Preview        string `json:"preview,omitempty"`
	Lines          int    `json:"lines,omitempty"`
	HasRichPreview bool   `json:"has_rich_preview,omitempty"`
	// Channels, Groups and IMs are the IDs of the conversations the file is shared in, by kind.
	Channels []string `json:"channels,omitempty"`
	Groups   []string `json:"groups,omitempty"`
	IMs      []string `json:"ims,omitempty"`
	// Shares says where and in which messages the file is shared.
	Shares        FileShares `json:"shares"`
	CommentsCount int        `json:"comments_count,omitempty"`
	IsStarred     bool       `json:"is_starred,omitempty"`
}

// FileShares lists the messages that share a file, by conversation ID: in public channels and in
// private conversations.
type FileShares struct {
	Public  map[string][]FileShare `json:"public,omitempty"`
	Private map[string][]FileShare `json:"private,omitempty"`
}

// FileShare is one message that shares a file.
type FileShare struct {
	// TS is the message's ts; ThreadTS the thread's parent, for a share in a thread.
	TS              string   `json:"ts"`
	ThreadTS        string   `json:"thread_ts,omitempty"`
	ChannelName     string   `json:"channel_name,omitempty"`
	TeamID          string   `json:"team_id,omitempty"`
	ShareUserID     string   `json:"share_user_id,omitempty"`
	ReplyUsers      []string `json:"reply_users,omitempty"`
	ReplyUsersCount int      `json:"reply_users_count,omitempty"`
	ReplyCount      int      `json:"reply_count,omitempty"`
	LatestReply     string   `json:"latest_reply,omitempty"`
}

// FilesInfoParams are the optional arguments of Files.Info: the paging of the file's legacy comments.
type FilesInfoParams struct {
	// Cursor resumes the comments at a page's NextCursor.
	Cursor string `url:"cursor,omitempty"`
	// Limit is the number of comments a page, at most 1000.
	Limit int `url:"limit,omitempty"`
}

// FilesInfoResponse is a file and a page of its legacy comments.
type FilesInfoResponse struct {
	File     File      `json:"file"`
	Comments []Comment `json:"comments"`
	// NextCursor fetches the next page of comments; it is empty on the last page.
	NextCursor string `json:"-"`
}

type filesInfoRequest struct {
	File             string `url:"file"`
	*FilesInfoParams `url:",omitempty"`
}

// Info returns a file's details.
//
// Slack API: https://api.slack.com/methods/files.info (Tier 4, files:read). Retried on 5xx and connection
// errors.
func (s *FilesService) Info(ctx context.Context, file string, params *FilesInfoParams) (*FilesInfoResponse, error) {
	const method = "files.info"
	if err := required(method, "file", file); err != nil {
		return nil, err
	}
	if params != nil {
		if err := checkLimit(method, params.Limit); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		FilesInfoResponse
	}
	if err := s.client.Call(ctx, method, filesInfoRequest{file, params}, &out); err != nil {
		return nil, err
	}
	out.NextCursor = out.ResponseMetadata.NextCursor
	return &out.FilesInfoResponse, nil
}

// The kinds of file, for the Types of FilesListParams.
const (
	FileTypeAll      = "all"
	FileTypeSpaces   = "spaces"
	FileTypeSnippets = "snippets"
	FileTypeImages   = "images"
	FileTypeGDocs    = "gdocs"
	FileTypeZips     = "zips"
	FileTypePDFs     = "pdfs"
)

// FilesListParams are the optional arguments of Files.List and Files.ListAll: filters, and the page.
type FilesListParams struct {
	// Channel lists the files shared in one conversation.
	Channel string `url:"channel,omitempty"`
	// User lists the files one user uploaded.
	User string `url:"user,omitempty"`
	// Types lists only files of these kinds (FileTypeImages, …); empty means all.
	Types []string `url:"types,comma,omitempty"`
	// TSFrom and TSTo list only the files created from and until these Unix times (seconds).
	TSFrom int64 `url:"ts_from,omitempty"`
	TSTo   int64 `url:"ts_to,omitempty"`
	// ShowFilesHiddenByLimit also lists the files a free workspace's storage limit hides, as stubs.
	ShowFilesHiddenByLimit bool `url:"show_files_hidden_by_limit,omitempty"`
	// TeamID lists one workspace of an Enterprise Grid organization.
	TeamID string `url:"team_id,omitempty"`
	// Count is the page size, at most 1000; ListAll asks for 100 when it is 0 (Slack's default).
	Count int `url:"count,omitempty"`
	// Page is the page to return, from 1; ListAll starts there.
	Page int `url:"page,omitempty"`
}

func (p *FilesListParams) pageNumberFields() (*int, *int) { return &p.Page, &p.Count }

// FilesListResponse is one page of files, newest first.
type FilesListResponse struct {
	Files []File `json:"files"`
	// Paging says which page this is and how many there are.
	Paging Paging `json:"paging"`
}

// List returns one page of the files of a workspace, a conversation or a user. Slack pages files.list
// by page number: pass Paging.Page+1 in params.Page for the next page, up to Paging.Pages.
//
// Slack API: https://api.slack.com/methods/files.list (Tier 3, files:read). Retried on 5xx and connection
// errors.
func (s *FilesService) List(ctx context.Context, params *FilesListParams) (*FilesListResponse, error) {
	const method = "files.list"
	if params != nil {
		if err := checkPageSize(method, "count", params.Count); err != nil {
			return nil, err
		}
		if params.Page < 0 {
			return nil, invalidArgument(method, "page %d is negative", params.Page)
		}
		if err := conversationsCheckIDs(method, "Types", params.Types, false); err != nil {
			return nil, err
		}
		if params.TSFrom < 0 || params.TSTo < 0 {
			return nil, invalidArgument(method, "ts_from and ts_to are Unix times and cannot be negative")
		}
	}
	var out struct {
		envelope
		FilesListResponse
	}
	if err := s.client.Call(ctx, method, params, &out); err != nil {
		return nil, err
	}
	return &out.FilesListResponse, nil
}

// ListAll iterates over all the files List returns, fetching pages of params.Count (100 if 0) by page
// number as the loop needs them, from params.Page (or the first page) to the last.
//
// Slack API: https://api.slack.com/methods/files.list (Tier 3, files:read)
func (s *FilesService) ListAll(ctx context.Context, params *FilesListParams) iter.Seq2[File, error] {
	return numberedPages(params, func(p *FilesListParams) ([]File, Paging, error) {
		r, err := s.List(ctx, p)
		if err != nil {
			return nil, Paging{}, err
		}
		return r.Files, r.Paging, nil
	})
}

// Delete deletes a file.
//
// Slack API: https://api.slack.com/methods/files.delete (Tier 3, files:write)
func (s *FilesService) Delete(ctx context.Context, file string) error {
	const method = "files.delete"
	if err := required(method, "file", file); err != nil {
		return err
	}
	return s.client.Call(ctx, method, url.Values{"file": {file}}, nil)
}

// fileReply is the answer of the methods that return one file.
type fileReply struct {
	envelope
	File File `json:"file"`
}

// SharedPublicURL turns on a file's public link and returns the file, with the link in PermalinkPublic.
// It needs a user token.
//
// Slack API: https://api.slack.com/methods/files.sharedPublicURL (Tier 3, files:write, user tokens only)
func (s *FilesService) SharedPublicURL(ctx context.Context, file string) (*File, error) {
	return s.fileCall(ctx, "files.sharedPublicURL", file)
}

// RevokePublicURL turns off a file's public link and returns the file.
//
// Slack API: https://api.slack.com/methods/files.revokePublicURL (Tier 3, files:write)
func (s *FilesService) RevokePublicURL(ctx context.Context, file string) (*File, error) {
	return s.fileCall(ctx, "files.revokePublicURL", file)
}

func (s *FilesService) fileCall(ctx context.Context, method, file string) (*File, error) {
	if err := required(method, "file", file); err != nil {
		return nil, err
	}
	var out fileReply
	if err := s.client.Call(ctx, method, url.Values{"file": {file}}, &out); err != nil {
		return nil, err
	}
	return &out.File, nil
}

// FilesGetUploadURLExternalParams are the optional arguments of Files.GetUploadURLExternal.
type FilesGetUploadURLExternalParams struct {
	// SnippetType makes a text file a snippet with this syntax ("python", "go").
	SnippetType string `url:"snippet_type,omitempty"`
	// AltText describes an image for screen readers, at most 1,000 characters.
	AltText string `url:"alt_txt,omitempty"`
}

// FilesGetUploadURLExternalResponse is where to send a file's bytes.
type FilesGetUploadURLExternalResponse struct {
	// UploadURL takes the bytes in one POST, without the token: it is authorised by itself.
	UploadURL string `json:"upload_url"`
	// FileID is the file's ID, for Files.CompleteUploadExternal.
	FileID string `json:"file_id"`
}

type filesGetUploadURLExternalRequest struct {
	Filename                         string `url:"filename"`
	Length                           int64  `url:"length"`
	*FilesGetUploadURLExternalParams `url:",omitempty"`
}

// maxAltText is the longest alt text Slack accepts, in characters.
const maxAltText = 1000

// GetUploadURLExternal starts an upload: it reserves a file ID for filename, length bytes long, and
// returns the URL to POST the bytes to. Files.CompleteUploadExternal then finishes it; an upload never
// completed is discarded. Files.Upload runs the three steps.
//
// Slack API: https://api.slack.com/methods/files.getUploadURLExternal (Tier 4, files:write)
func (s *FilesService) GetUploadURLExternal(ctx context.Context, filename string, length int64, params *FilesGetUploadURLExternalParams) (*FilesGetUploadURLExternalResponse, error) {
	const method = "files.getUploadURLExternal"
	if err := required(method, "filename", filename); err != nil {
		return nil, err
	}
	if length < 1 {
		return nil, invalidArgument(method, "length %d is not a positive number of bytes", length)
	}
	if params != nil && len([]rune(params.AltText)) > maxAltText {
		return nil, invalidArgument(method, "AltText is longer than %d characters", maxAltText)
	}
	var out struct {
		envelope
		FilesGetUploadURLExternalResponse
	}
	if err := s.client.Call(ctx, method, filesGetUploadURLExternalRequest{filename, length, params}, &out); err != nil {
		return nil, err
	}
	return &out.FilesGetUploadURLExternalResponse, nil
}

// FileSummary names an uploaded file to complete, with the title to give it (the file's name if empty).
type FileSummary struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// fileSummaries is the files argument, sent as one JSON-valued form field.
type fileSummaries []FileSummary

// EncodeValues sends the summaries as the JSON-valued form field key.
func (f fileSummaries) EncodeValues(key string, form *url.Values) error { return setJSON(key, f, form) }

// FilesCompleteUploadExternalParams are the optional arguments of Files.CompleteUploadExternal: where to
// share the files. Without ChannelID or Channels the files stay private to the uploader.
type FilesCompleteUploadExternalParams struct {
	// ChannelID shares the files in this conversation.
	ChannelID string `url:"channel_id,omitempty"`
	// Channels shares the files in these conversations; the older alternative to ChannelID (set one
	// of them at most).
	Channels []string `url:"channels,comma,omitempty"`
	// ThreadTS shares the files as a reply in the thread of that message; it needs one conversation.
	ThreadTS string `url:"thread_ts,omitempty"`
	// InitialComment is the text of the message that shares the files.
	InitialComment string `url:"initial_comment,omitempty"`
	// Blocks is the layout of the message that shares the files, when InitialComment is empty.
	Blocks Blocks `url:"blocks,omitempty"`
	// Username, IconURL and IconEmoji set the bot's name and icon on the message (chat:write.customize).
	Username  string `url:"username,omitempty"`
	IconURL   string `url:"icon_url,omitempty"`
	IconEmoji string `url:"icon_emoji,omitempty"`
}

type filesCompleteUploadExternalRequest struct {
	Files                              fileSummaries `url:"files"`
	*FilesCompleteUploadExternalParams `url:",omitempty"`
}

// CompleteUploadExternal finishes uploads whose bytes were sent to the URLs of
// Files.GetUploadURLExternal, and shares the files where params say. It returns the files.
//
// Slack API: https://api.slack.com/methods/files.completeUploadExternal (Tier 4, files:write). Not
// retried after it may have reached Slack (only after a 429), so a file is not shared twice.
func (s *FilesService) CompleteUploadExternal(ctx context.Context, files []FileSummary, params *FilesCompleteUploadExternalParams) ([]File, error) {
	const method = "files.completeUploadExternal"
	if len(files) == 0 {
		return nil, invalidArgument(method, "missing required argument files")
	}
	for i, f := range files {
		if strings.TrimSpace(f.ID) == "" {
			return nil, invalidArgument(method, "files[%d] has no ID", i)
		}
	}
	if params != nil {
		if err := conversationsCheckIDs(method, "Channels", params.Channels, false); err != nil {
			return nil, err
		}
		if params.ChannelID != "" && len(params.Channels) > 0 {
			return nil, invalidArgument(method, "channel_id and channels are both set; set one of them")
		}
		if params.ThreadTS != "" && params.ChannelID == "" && len(params.Channels) != 1 {
			return nil, invalidArgument(method, "thread_ts needs one conversation, in channel_id")
		}
		if err := validateMessage(method, params.Blocks, nil); err != nil {
			return nil, err
		}
	}
	var out struct {
		envelope
		Files []File `json:"files"`
	}
	if err := s.client.Call(ctx, method, filesCompleteUploadExternalRequest{files, params}, &out); err != nil {
		return nil, err
	}
	return out.Files, nil
}

// FilesUploadParams are the optional arguments of Files.Upload.
type FilesUploadParams struct {
	// Title is the file's title; empty means its name.
	Title string
	// AltText describes an image for screen readers, at most 1,000 characters.
	AltText string
	// SnippetType makes a text file a snippet with this syntax ("python", "go").
	SnippetType string
	// ChannelID shares the file in this conversation; without it the file stays private to the uploader.
	ChannelID string
	// ThreadTS shares the file as a reply in the thread of that message of ChannelID.
	ThreadTS string
	// InitialComment is the text of the message that shares the file.
	InitialComment string
	// Blocks is the layout of the message that shares the file, when InitialComment is empty.
	Blocks Blocks
}

// UploadStep is the Method of an *Error from the second step of Files.Upload: the POST of the file's
// bytes to the upload URL. It is not a Slack method; the first and third steps fail with their methods'
// names, "files.getUploadURLExternal" and "files.completeUploadExternal".
const UploadStep = "upload"

// ErrUploadFailed is the code of an *Error for a POST of Files.Upload that got no answer: the
// connection failed or was cut. Messages says how.
const ErrUploadFailed ErrorCode = "upload_failed"

// maxUploadSize is the largest file Slack takes, 1 GiB: the most Files.Upload reads into memory for a
// content of unknown size.
const maxUploadSize = 1 << 30

// Upload uploads a file and returns it, shared where params say (private to the uploader otherwise). It
// runs the flow that replaced the retired files.upload: Files.GetUploadURLExternal, a POST of the bytes
// to the URL it returns, and Files.CompleteUploadExternal.
//
// size is content's exact length in bytes: the bytes are streamed from content as they are sent, never
// held in memory. A size of -1 means unknown: content is then read whole into memory first (up to 1 GiB,
// Slack's limit), since Slack needs the length before the bytes. Any other size below 1 is refused
// before anything is sent, as is content that ends before size bytes or goes on after them (then the
// upload is not completed, and Slack discards it).
//
// The POST carries no Authorization header: the upload URL is authorised by itself, and the token does
// not travel to a second host. It uses the client's HTTP client, User-Agent and ctx, and counts against
// no method's rate limit; it is bounded by the HTTP client's Timeout (30 seconds by default), so for
// large files give New a client with a longer one (WithHTTPClient) and bound the upload with ctx.
//
// Neither the POST nor the completion is sent again once it may have reached Slack: a failure there is
// returned, not retried (only the first step, which changes nothing, may be; the completion is sent again
// only after a 429, which Slack answers without acting). A failure is an *Error whose Method names the
// step: "files.getUploadURLExternal", UploadStep, or "files.completeUploadExternal"; a POST that got no
// answer has the code ErrUploadFailed. An error of content itself, or of ctx, is returned wrapped.
//
// Slack API: https://api.slack.com/methods/files.getUploadURLExternal and
// https://api.slack.com/methods/files.completeUploadExternal (Tier 4, files:write)
func (s *FilesService) Upload(ctx context.Context, filename string, content io.Reader, size int64, params *FilesUploadParams) (*File, error) {
	const method = "files.getUploadURLExternal"
	if err := required(method, "filename", filename); err != nil {
		return nil, err
	}
	if isNilReader(content) {
		return nil, invalidArgument(method, "missing required argument content")
	}
	if size == 0 || size < -1 {
		return nil, invalidArgument(method, "size %d is not a number of bytes (at least 1), or -1 for unknown", size)
	}
	if size > maxUploadSize {
		return nil, invalidArgument(method, "size %d is larger than Slack's limit of %d bytes", size, maxUploadSize)
	}
	var p FilesUploadParams
	if params != nil {
		p = *params
	}
	if len([]rune(p.AltText)) > maxAltText {
		return nil, invalidArgument(method, "AltText is longer than %d characters", maxAltText)
	}
	if p.ThreadTS != "" && p.ChannelID == "" {
		return nil, invalidArgument(method, "ThreadTS needs a ChannelID to share the file in")
	}
	if err := validateMessage("files.completeUploadExternal", p.Blocks, nil); err != nil {
		return nil, err
	}
	if ctx == nil {
		return nil, invalidArgument(method, "the context is nil")
	}
	if size == -1 {
		data, err := io.ReadAll(io.LimitReader(content, maxUploadSize+1))
		if err != nil {
			return nil, fmt.Errorf("slack: Files.Upload: reading content: %w", err)
		}
		if len(data) == 0 {
			return nil, invalidArgument(method, "content is empty: Slack takes no empty file")
		}
		if len(data) > maxUploadSize {
			return nil, invalidArgument(method, "content is larger than Slack's limit of %d bytes", maxUploadSize)
		}
		content, size = bytes.NewReader(data), int64(len(data))
	}

	dest, err := s.GetUploadURLExternal(ctx, filename, size,
		&FilesGetUploadURLExternalParams{SnippetType: p.SnippetType, AltText: p.AltText})
	if err != nil {
		return nil, err
	}
	if dest.UploadURL == "" || dest.FileID == "" {
		return nil, invalidResponse("files.getUploadURLExternal", http.StatusOK, "the answer has no upload_url or no file_id")
	}
	if err := s.client.postUpload(ctx, dest.UploadURL, content, size); err != nil {
		return nil, err
	}
	files, err := s.CompleteUploadExternal(ctx, []FileSummary{{ID: dest.FileID, Title: p.Title}},
		&FilesCompleteUploadExternalParams{ChannelID: p.ChannelID, ThreadTS: p.ThreadTS,
			InitialComment: p.InitialComment, Blocks: p.Blocks})
	if err != nil {
		return nil, err
	}
	for i := range files {
		if files[i].ID == dest.FileID {
			return &files[i], nil
		}
	}
	return nil, invalidResponse("files.completeUploadExternal", http.StatusOK,
		fmt.Sprintf("the answer does not list the file %s", dest.FileID))
}

var octetStreamHeader = []string{"application/octet-stream"}

// postUpload sends size bytes of content to uploadURL in one POST: without the token, with the client's
// HTTP client and User-Agent, outside the rate limiter, and once.
func (c *Client) postUpload(ctx context.Context, uploadURL string, content io.Reader, size int64) error {
	u, err := url.Parse(uploadURL)
	if err != nil || u.Host == "" || u.User != nil ||
		!(strings.EqualFold(u.Scheme, "https") || strings.EqualFold(u.Scheme, "http") && isLoopback(u.Hostname())) {
		return invalidResponse(UploadStep, http.StatusOK,
			"files.getUploadURLExternal answered an upload_url that is not an https URL")
	}
	body := &exactReader{r: content, left: size}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, uploadURL, body)
	if err != nil {
		return invalidResponse(UploadStep, http.StatusOK, "files.getUploadURLExternal answered an unusable upload_url")
	}
	req.ContentLength = size
	req.Header = http.Header{"Content-Type": octetStreamHeader, "User-Agent": c.cfg.userAgentHeader}
	start := time.Now()
	resp, err := c.cfg.httpClient.Do(req)
	if cerr := body.err(); cerr != nil {
		if err == nil {
			drain(resp)
		}
		c.logAttempt(ctx, UploadStep, 1, 0, start, slog.String("error", "reading content"))
		return cerr
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("slack: %s: %w", UploadStep, ctx.Err())
		}
		// A *url.Error names the URL, which authorises the upload: keep only its cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		c.logAttempt(ctx, UploadStep, 1, 0, start, slog.String("error", err.Error()))
		return &Error{Method: UploadStep, Code: ErrUploadFailed,
			Messages: []string{"the POST of the file's bytes to the upload URL got no answer: " + err.Error()}}
	}
	status := resp.StatusCode
	if status >= 200 && status <= 299 {
		drain(resp)
		c.logAttempt(ctx, UploadStep, 1, status, start, slog.Int64("bytes", size))
		return nil
	}
	answer, rerr := c.readBody(UploadStep, resp)
	defer putBuffer(answer)
	c.logAttempt(ctx, UploadStep, 1, status, start, slog.Int("bytes", len(answer)))
	if rerr != nil && ctx.Err() != nil {
		return fmt.Errorf("slack: %s: %w", UploadStep, ctx.Err())
	}
	e := c.statusError(UploadStep, status, answer)
	e.Messages = append([]string{"the upload URL refused the file's bytes"}, e.Messages...)
	return e
}

// exactReader reads exactly left bytes from r, and fails if r ends before them or goes on after them.
// The transport may still read it after the response has arrived: its failure is guarded.
type exactReader struct {
	r    io.Reader
	left int64
	sent int64
	one  [1]byte

	mu     sync.Mutex
	failed error // the content's own failure, for Upload to return
}

// fail records the content's failure and returns it.
func (e *exactReader) fail(err error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.failed == nil {
		e.failed = err
	}
	return e.failed
}

// err returns the content's failure, if any.
func (e *exactReader) err() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.failed
}

func (e *exactReader) Read(p []byte) (int, error) {
	if err := e.err(); err != nil {
		return 0, err
	}
	if e.left == 0 {
		return 0, e.checkEnd()
	}
	if int64(len(p)) > e.left {
		p = p[:e.left]
	}
	n, err := e.r.Read(p)
	e.left -= int64(n)
	e.sent += int64(n)
	switch {
	case e.left == 0 && (err == nil || err == io.EOF):
		if n > 0 {
			return n, nil // the end is checked on the next call
		}
		return 0, e.checkEnd()
	case err == io.EOF:
		return n, e.fail(invalidArgument(UploadStep, "content ended after %d bytes, but size is %d", e.sent, e.sent+e.left))
	case err != nil:
		return n, e.fail(fmt.Errorf("slack: Files.Upload: reading content: %w", err))
	}
	return n, nil
}

// checkEnd reads past the last byte: content must end there.
func (e *exactReader) checkEnd() error {
	for range 100 {
		n, err := e.r.Read(e.one[:])
		if n > 0 {
			return e.fail(invalidArgument(UploadStep, "content goes on past size, %d bytes", e.sent))
		}
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return e.fail(fmt.Errorf("slack: Files.Upload: reading content: %w", err))
		}
	}
	return e.fail(fmt.Errorf("slack: Files.Upload: reading content: %w", io.ErrNoProgress))
}
