package slacktest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// UploadMethod is the Method under which the request log records a POST of a file's bytes to an upload
// URL (the upload_url of files.getUploadURLExternal), with the bytes in Request.Files["file"]. Inject
// faults for those POSTs with it.
//
// The upload URLs are on the server's own base URL (URL), so they work in memory and over HTTP alike. An
// upload URL takes one POST of exactly the length asked for, raw or as a multipart file part, and
// answers "OK - <length>" as Slack does; a URL unknown or already used answers 404, and bytes of another
// length answer 400. The body is read up to 64 MiB.
const UploadMethod = "upload"

// FileShare is a message that shares a file: files.completeUploadExternal posts one in each conversation
// it shares the file in.
type FileShare struct {
	// Channel is the conversation the message is in.
	Channel string `json:"channel"`
	// TS is the message's timestamp.
	TS string `json:"ts"`
	// ThreadTS is the thread's parent, for a share in a thread.
	ThreadTS string `json:"thread_ts,omitempty"`
}

var filesUploadHandlers = map[string]handler{
	"files.info":                   filesInfo,
	"files.list":                   filesList,
	"files.delete":                 filesDelete,
	"files.sharedPublicURL":        filesSharedPublicURL,
	"files.revokePublicURL":        filesRevokePublicURL,
	"files.getUploadURLExternal":   filesGetUploadURLExternal,
	"files.completeUploadExternal": filesCompleteUploadExternal,
}

// upload is an upload begun by files.getUploadURLExternal and not yet completed.
type upload struct {
	fileID      string
	key         string // the last segment of its URL
	filename    string
	length      int
	snippetType string
	altText     string
	user        string
	content     []byte
	received    bool
}

// fileStore is the workspace's upload state: the uploads in progress and the files deleted.
type fileStore struct {
	uploads map[string]*upload // by URL key
	deleted map[string]bool    // IDs of deleted files, which answer file_deleted
}

// store returns the workspace's upload state, made on first use.
func (ws *workspace) fileStore() *fileStore {
	if ws.uploadState == nil {
		ws.uploadState = &fileStore{uploads: map[string]*upload{}, deleted: map[string]bool{}}
	}
	return ws.uploadState
}

// uploadPrefix is the path of the upload URLs below the base URL.
const uploadPrefix = "upload/v1/"

// uploadKeyOf returns the key of an upload URL's path, if it is one.
func uploadKeyOf(p string) (string, bool) {
	i := strings.LastIndex(p, "/"+uploadPrefix)
	if i < 0 {
		return "", false
	}
	key := p[i+1+len(uploadPrefix):]
	return key, key != "" && !strings.Contains(key, "/")
}

// parseBody reads a request's arguments; for an upload, the bytes are its one file, "file".
func parseBody(r *http.Request, raw []byte, isUpload bool) (url.Values, map[string][]byte, error) {
	if !isUpload || strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		return parseRequest(r)
	}
	return r.URL.Query(), map[string][]byte{"file": raw}, nil
}

// receiveUpload answers the POST of an upload's bytes, as Slack's upload host does: plain text.
func (s *Server) receiveUpload(key string, files map[string][]byte, perr error) *answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.ws.fileStore().uploads[key]
	if u == nil || u.received {
		return textAnswer(http.StatusNotFound, "Not Found")
	}
	if perr != nil {
		return textAnswer(http.StatusBadRequest, "the upload was cut off")
	}
	var data []byte
	found := false
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data, found = files[name], true
		break
	}
	if !found {
		return textAnswer(http.StatusBadRequest, "no file")
	}
	if len(data) != u.length {
		return textAnswer(http.StatusBadRequest,
			fmt.Sprintf("length mismatch: files.getUploadURLExternal was told %d bytes, %d arrived", u.length, len(data)))
	}
	u.content = slices.Clone(data)
	u.received = true
	return textAnswer(http.StatusOK, "OK - "+strconv.Itoa(len(data)))
}

func textAnswer(status int, text string) *answer {
	return &answer{status: status, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}},
		raw: []byte(text)}
}

// baseURL is the server's base URL; the caller holds s.mu.
func (s *Server) baseURL() string {
	if s.http == nil {
		return InMemoryURL
	}
	return s.http.URL + "/api/"
}

// snippetTypes are the snippet syntaxes the fake knows.
var snippetTypes = []string{"auto", "text", "plain_text", "c", "cpp", "csharp", "css", "csv", "diff", "go",
	"html", "java", "javascript", "json", "kotlin", "markdown", "php", "python", "ruby", "rust", "shell", "sql",
	"swift", "typescript", "xml", "yaml"}

func filesGetUploadURLExternal(c *call) *answer {
	filename := c.arg("filename")
	if filename == "" {
		return invalidArguments("[ERROR] missing required field: filename")
	}
	length, err := strconv.Atoi(c.arg("length"))
	if err != nil || length < 1 {
		return invalidArguments("[ERROR] missing required field: length")
	}
	if utf8.RuneCountInString(c.form.Get("alt_txt")) > 1000 {
		return fail("alt_txt_too_large")
	}
	snippet := c.arg("snippet_type")
	if snippet != "" && !slices.Contains(snippetTypes, snippet) {
		return fail("unknown_snippet_type")
	}
	st := c.ws.fileStore()
	id := c.ws.newID("F")
	u := &upload{fileID: id, key: id + "-" + strconv.Itoa(c.ws.seq*7919+len(st.uploads)), filename: filename,
		length: length, snippetType: snippet, altText: c.form.Get("alt_txt"), user: c.caller.ID}
	st.uploads[u.key] = u
	return ok(obj{"upload_url": c.s.baseURL() + uploadPrefix + u.key, "file_id": id})
}

// summary is one entry of files.completeUploadExternal's files argument.
type summary struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

func filesCompleteUploadExternal(c *call) *answer {
	var list []summary
	if raw := c.arg("files"); raw == "" || !validJSON(raw, '[') || json.Unmarshal([]byte(raw), &list) != nil || len(list) == 0 {
		return invalidArguments("[ERROR] missing required field: files")
	}
	st := c.ws.fileStore()
	uploads := make([]*upload, len(list))
	for i, sm := range list {
		for _, u := range st.uploads {
			if u.fileID == sm.ID && u.user == c.caller.ID && u.received {
				uploads[i] = u
			}
		}
		if uploads[i] == nil {
			return fail("file_not_found")
		}
	}
	var dests []*Channel
	channelID, channels := c.arg("channel_id"), c.arg("channels")
	if channelID != "" && channels != "" {
		return invalidArguments("[ERROR] channel_id and channels cannot both be set")
	}
	var ids []string
	if channelID != "" {
		ids = []string{channelID}
	} else if channels != "" {
		ids = strings.Split(channels, ",")
	}
	for _, id := range ids {
		ch, found := c.ws.channel(strings.TrimSpace(id))
		if !found || !c.canSee(ch) {
			return fail("channel_not_found")
		}
		if !slices.Contains(ch.Members, c.caller.ID) {
			return fail("not_in_channel")
		}
		if ch.IsArchived {
			return fail("is_archived")
		}
		dests = append(dests, ch)
	}
	threadTS := c.arg("thread_ts")
	var parent *Message
	if threadTS != "" {
		if len(dests) != 1 {
			return invalidArguments("[ERROR] thread_ts needs exactly one channel")
		}
		if parent, _ = c.ws.findMessage(dests[0].ID, threadTS); parent == nil {
			return fail("thread_not_found")
		}
		if parent.ThreadTS != "" && parent.ThreadTS != parent.TS {
			parent, _ = c.ws.findMessage(dests[0].ID, parent.ThreadTS)
		}
	}
	var blocks json.RawMessage
	if raw := c.arg("blocks"); raw != "" && c.arg("initial_comment") == "" {
		if !validJSON(raw, '[') {
			return fail("invalid_blocks")
		}
		blocks = json.RawMessage(raw)
	}

	files := make([]*File, len(uploads))
	fileIDs := make([]string, len(uploads))
	for i, u := range uploads {
		delete(st.uploads, u.key)
		f := &File{ID: u.fileID, Name: u.filename, Title: cmp.Or(list[i].Title, u.filename), User: u.user,
			Size: int64(len(u.content)), Content: u.content, AltText: u.altText, SnippetType: u.snippetType,
			Created: c.ws.now().Unix()}
		c.ws.files[f.ID] = f
		files[i], fileIDs[i] = f, f.ID
	}
	for _, ch := range dests {
		m := c.post(ch, c.form.Get("initial_comment"), blocks, nil)
		m.Files = slices.Clone(fileIDs)
		share := FileShare{Channel: ch.ID, TS: m.TS}
		if parent != nil {
			parent.ThreadTS = parent.TS
			m.ThreadTS = parent.TS
			share.ThreadTS = parent.TS
		}
		for _, f := range files {
			if f.Channel == "" {
				f.Channel = ch.ID
			}
			f.Shares = append(f.Shares, share)
		}
	}
	rendered := make([]obj, len(files))
	for i, f := range files {
		rendered[i] = c.ws.renderFile(f)
	}
	return ok(obj{"files": rendered})
}

// visibleFile finds the file named by the "file" argument, if the caller may see it: its uploader, or
// a member who can see a conversation it is shared in.
func (c *call) visibleFile() (*File, *answer) {
	id := c.arg("file")
	f, found := c.ws.files[id]
	if !found {
		if c.ws.fileStore().deleted[id] {
			return nil, fail("file_deleted")
		}
		return nil, fail("file_not_found")
	}
	if !c.canSeeFile(f) {
		return nil, fail("file_not_found")
	}
	return f, nil
}

func (c *call) canSeeFile(f *File) bool {
	if f.User == c.caller.ID {
		return true
	}
	for _, id := range f.channels() {
		if ch, found := c.ws.channels[id]; found && c.canSee(ch) {
			return true
		}
	}
	return false
}

// channels lists the conversations f is shared in, in the order shared.
func (f *File) channels() []string {
	var ids []string
	if f.Channel != "" {
		ids = append(ids, f.Channel)
	}
	for _, sh := range f.Shares {
		if !slices.Contains(ids, sh.Channel) {
			ids = append(ids, sh.Channel)
		}
	}
	return ids
}

// fileKinds maps a file name's extension to its MIME type and Slack's file type.
var fileKinds = map[string][2]string{
	".txt": {"text/plain", "text"}, ".csv": {"text/csv", "csv"}, ".md": {"text/markdown", "markdown"},
	".json": {"application/json", "json"}, ".pdf": {"application/pdf", "pdf"}, ".png": {"image/png", "png"},
	".jpg": {"image/jpeg", "jpg"}, ".jpeg": {"image/jpeg", "jpg"}, ".gif": {"image/gif", "gif"},
	".zip": {"application/zip", "zip"}, ".html": {"text/html", "html"}, ".go": {"text/plain", "go"},
	".py": {"text/plain", "python"}, ".log": {"text/plain", "text"},
}

// kind returns f's MIME type and Slack file type.
func (f *File) kind() (mimetype, filetype string) {
	if k, found := fileKinds[strings.ToLower(path.Ext(f.Name))]; found {
		mimetype, filetype = k[0], k[1]
	} else {
		mimetype, filetype = "application/octet-stream", "binary"
	}
	if f.SnippetType != "" {
		mimetype, filetype = "text/plain", f.SnippetType
	}
	return mimetype, filetype
}

// renderFile renders a file the way files.info does.
func (ws *workspace) renderFile(f *File) obj {
	mimetype, filetype := f.kind()
	mode := "hosted"
	if f.SnippetType != "" {
		mode = "snippet"
	}
	title := cmp.Or(f.Title, f.Name)
	o := obj{
		"id": f.ID, "created": f.Created, "timestamp": f.Created, "name": f.Name, "title": title,
		"mimetype": mimetype, "filetype": filetype, "pretty_type": strings.ToUpper(filetype), "user": f.User,
		"user_team": TeamID, "editable": f.SnippetType != "", "size": f.Size, "mode": mode, "is_external": false,
		"external_type": "", "public_url_shared": f.PublicURLShared, "display_as_bot": false, "username": "",
		"url_private":          "https://files.slack.com/files-pri/" + TeamID + "-" + f.ID + "/" + url.PathEscape(f.Name),
		"url_private_download": "https://files.slack.com/files-pri/" + TeamID + "-" + f.ID + "/download/" + url.PathEscape(f.Name),
		"permalink":            "https://" + TeamDomain + ".slack.com/files/" + f.User + "/" + f.ID + "/" + url.PathEscape(f.Name),
		"permalink_public":     "https://slack-files.com/" + TeamID + "-" + f.ID + "-" + fmt.Sprintf("%010x", len(f.ID)*7919+int(f.Created)),
		"comments_count":       len(f.Comments), "is_starred": false, "has_rich_preview": false,
	}
	if f.AltText != "" {
		o["alt_txt"] = f.AltText
	}
	channels, groups, ims := []string{}, []string{}, []string{}
	public, private := obj{}, obj{}
	isPublic := false
	for _, id := range f.channels() {
		ch, found := ws.channels[id]
		if !found {
			continue
		}
		var shares []obj
		for _, sh := range f.Shares {
			if sh.Channel != id {
				continue
			}
			s := obj{"ts": sh.TS, "channel_name": ch.Name, "team_id": TeamID, "share_user_id": f.User}
			if sh.ThreadTS != "" {
				s["thread_ts"] = sh.ThreadTS
			}
			shares = append(shares, s)
		}
		switch {
		case ch.IsIM:
			ims = append(ims, id)
		case ch.IsPrivate || ch.IsMPIM:
			groups = append(groups, id)
		default:
			channels = append(channels, id)
			isPublic = true
		}
		if len(shares) == 0 {
			continue
		}
		if ch.IsPrivate || ch.IsIM || ch.IsMPIM {
			private[id] = shares
		} else {
			public[id] = shares
		}
	}
	o["channels"], o["groups"], o["ims"], o["is_public"] = channels, groups, ims, isPublic
	shares := obj{}
	if len(public) > 0 {
		shares["public"] = public
	}
	if len(private) > 0 {
		shares["private"] = private
	}
	if len(shares) > 0 {
		o["shares"] = shares
	}
	return o
}

// renderFiles renders the files a message shares; a deleted one is a tombstone, as in Slack.
func (ws *workspace) renderFiles(ids []string) []obj {
	out := make([]obj, 0, len(ids))
	for _, id := range ids {
		if f, found := ws.files[id]; found {
			out = append(out, ws.renderFile(f))
			continue
		}
		out = append(out, obj{"id": id, "mode": "tombstone"})
	}
	return out
}

func filesInfo(c *call) *answer {
	f, errAnswer := c.visibleFile()
	if errAnswer != nil {
		return errAnswer
	}
	comments, next, errAnswer := pageByID(c, "comment", f.Comments, func(cm Comment) string { return cm.ID }, 100)
	if errAnswer != nil {
		return errAnswer
	}
	rendered := make([]obj, len(comments))
	for i, cm := range comments {
		rendered[i] = renderComment(f, cm)
	}
	return ok(obj{"file": c.ws.renderFile(f), "comments": rendered, "response_metadata": pageMeta(next)})
}

// fileTypeMatches reports whether f is of the files.list kind t.
func fileTypeMatches(f *File, t string) bool {
	mimetype, filetype := f.kind()
	switch t {
	case "all":
		return true
	case "images":
		return strings.HasPrefix(mimetype, "image/")
	case "snippets":
		return f.SnippetType != ""
	case "pdfs":
		return filetype == "pdf"
	case "zips":
		return filetype == "zip"
	case "spaces", "gdocs":
		return false
	}
	return false
}

var fileListTypes = []string{"all", "spaces", "snippets", "images", "gdocs", "zips", "pdfs"}

func filesList(c *call) *answer {
	var types []string
	if raw := c.arg("types"); raw != "" {
		for _, t := range strings.Split(raw, ",") {
			t = strings.TrimSpace(t)
			if !slices.Contains(fileListTypes, t) {
				return fail("unknown_type")
			}
			types = append(types, t)
		}
	}
	if c.arg("user") != "" {
		if _, errAnswer := c.userArg("user", false); errAnswer != nil {
			return errAnswer
		}
	}
	channel := c.arg("channel")
	if channel != "" {
		ch, found := c.ws.channel(channel)
		if !found || !c.canSee(ch) {
			return fail("channel_not_found")
		}
		channel = ch.ID
	}
	from, errFrom := unixArg(c.arg("ts_from"))
	to, errTo := unixArg(c.arg("ts_to"))
	if errFrom != nil || errTo != nil {
		return invalidArguments("[ERROR] ts_from and ts_to must be Unix times")
	}
	count := 100
	if c.ws.pageSize > 0 {
		count = c.ws.pageSize
	}
	if v := c.arg("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return invalidArguments("[ERROR] count must be a positive number")
		}
		if n > 0 {
			count = min(n, 1000)
		}
	}
	page := 1
	if v := c.arg("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return invalidArguments("[ERROR] page must be a positive number")
		}
		page = max(n, 1)
	}

	var matched []*File
	for _, f := range c.ws.files {
		switch {
		case !c.canSeeFile(f),
			c.arg("user") != "" && f.User != c.arg("user"),
			channel != "" && !slices.Contains(f.channels(), channel),
			to > 0 && f.Created > to,
			f.Created < from:
			continue
		}
		if len(types) > 0 && !slices.ContainsFunc(types, func(t string) bool { return fileTypeMatches(f, t) }) {
			continue
		}
		matched = append(matched, f)
	}
	// Newest first, as Slack lists them.
	slices.SortFunc(matched, func(a, b *File) int {
		return cmp.Or(cmp.Compare(b.Created, a.Created), strings.Compare(b.ID, a.ID))
	})
	pages := (len(matched) + count - 1) / count
	start := min((page-1)*count, len(matched))
	end := min(start+count, len(matched))
	rendered := make([]obj, 0, end-start)
	for _, f := range matched[start:end] {
		rendered = append(rendered, c.ws.renderFile(f))
	}
	return ok(obj{"files": rendered,
		"paging": obj{"count": count, "total": len(matched), "page": page, "pages": pages}})
}

// unixArg reads a Unix time argument; empty is 0.
func unixArg(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("%q is not a Unix time", v)
	}
	return int64(f), nil
}

func filesDelete(c *call) *answer {
	f, errAnswer := c.visibleFile()
	if errAnswer != nil {
		return errAnswer
	}
	if f.User != c.caller.ID && !c.caller.IsAdmin {
		return fail("cant_delete_file")
	}
	delete(c.ws.files, f.ID)
	c.ws.fileStore().deleted[f.ID] = true
	return ok(nil)
}

func filesSharedPublicURL(c *call) *answer {
	if t := c.ws.tokens[c.token]; t == nil || t.Kind() != "user" {
		return fail("not_allowed_token_type")
	}
	return c.setPublic(true)
}

func filesRevokePublicURL(c *call) *answer { return c.setPublic(false) }

// setPublic turns the public link of the "file" argument on or off; its uploader and admins may.
func (c *call) setPublic(on bool) *answer {
	f, errAnswer := c.visibleFile()
	if errAnswer != nil {
		return errAnswer
	}
	if f.User != c.caller.ID && !c.caller.IsAdmin {
		return fail("not_allowed")
	}
	f.PublicURLShared = on
	return ok(obj{"file": c.ws.renderFile(f)})
}
