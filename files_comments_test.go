package slack_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"files.comments.add": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.AddComment(ctx, "F1", "x")
		},
		"files.comments.edit": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Files.EditComment(ctx, "F1", "Fc1", "x")
		},
		"files.comments.delete": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Files.DeleteComment(ctx, "F1", "Fc1")
		},
	})
}

// The file comments of newFilesWorkspace.
const (
	filesBobToken    = "xoxp-slacktest-0000000000-bob"
	filesAliceNoteID = "Fc0ALICE" // alice's comment on slacktest.FileID
	filesBobNoteID   = "Fc0BOB"   // bob's comment on slacktest.FileID
	filesCreated     = 1700000100 // when both were made
)

// newFilesWorkspace is newClientFor token on a seeded workspace where slacktest.FileID carries a comment
// each from alice and bob, and bob has a token. The setup sends no request.
func newFilesWorkspace(t *testing.T, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	srv.AddToken(filesBobToken, slacktest.BobID)
	srv.AddFile(slacktest.File{ID: slacktest.FileID, Name: "report.pdf", User: slacktest.AliceID,
		Comments: []slacktest.Comment{
			{ID: filesAliceNoteID, User: slacktest.AliceID, Comment: "Please read page 3.", Created: filesCreated},
			{ID: filesBobNoteID, User: slacktest.BobID, Comment: "Done.", Created: filesCreated},
		}})
	return newClientFor(t, srv, token), srv
}

// filesComments returns the comments the fake holds on file.
func filesComments(t *testing.T, srv *slacktest.Server, file string) []slacktest.Comment {
	t.Helper()
	f, ok := srv.File(file)
	if !ok {
		t.Fatalf("the fake holds no file %s", file)
	}
	return f.Comments
}

// filesWire checks how the last call of method travelled (see checkWire) and that its form holds exactly
// want.
func filesWire(t *testing.T, srv *slacktest.Server, method, token string, want url.Values) {
	t.Helper()
	r := checkWire(t, srv, method, token)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		t.Errorf("%s: Content-Type %q, want a form", method, ct)
	}
	for k, vs := range r.Form {
		if w, ok := want[k]; !ok || !slices.Equal(vs, w) {
			t.Errorf("%s: form field %s=%q, want %q", method, k, vs, w)
		}
	}
	for k := range want {
		if _, ok := r.Form[k]; !ok {
			t.Errorf("%s: form field %s is missing", method, k)
		}
	}
}

func TestFilesAddComment(t *testing.T) {
	c, srv := newFilesWorkspace(t, filesBobToken)
	before := time.Now().Add(-time.Second)

	got, err := c.Files.AddComment(t.Context(), slacktest.FileID, "Looks *good* to me")
	if err != nil {
		t.Fatal(err)
	}

	filesWire(t, srv, "files.comments.add", filesBobToken,
		url.Values{"file": {slacktest.FileID}, "comment": {"Looks *good* to me"}})
	if !strings.HasPrefix(got.ID, "Fc") || got.User != slacktest.BobID || got.Comment != "Looks *good* to me" {
		t.Errorf("comment = %+v, want bob's new comment", got)
	}
	if got.Created.Before(before) || !got.Timestamp.Equal(got.Created.Time) {
		t.Errorf("Created %v, Timestamp %v: want both now", got.Created, got.Timestamp)
	}
	comments := filesComments(t, srv, slacktest.FileID)
	if len(comments) != 3 {
		t.Fatalf("the file holds %d comments, want 3", len(comments))
	}
	if s := comments[2]; s.ID != got.ID || s.User != slacktest.BobID || s.Comment != got.Comment {
		t.Errorf("stored %+v, want the new comment %s", s, got.ID)
	}
}

func TestFilesAddCommentTwiceGivesTwoComments(t *testing.T) {
	c, srv := newUserClient(t)
	first, err := c.Files.AddComment(t.Context(), slacktest.FileID, "one")
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Files.AddComment(t.Context(), slacktest.FileID, "two")
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == second.ID {
		t.Errorf("both comments have ID %s", first.ID)
	}
	comments := filesComments(t, srv, slacktest.FileID)
	if len(comments) != 2 || comments[0].Comment != "one" || comments[1].Comment != "two" {
		t.Errorf("stored %+v, want one and two in order", comments)
	}
}

func TestFilesAddCommentFileNotFound(t *testing.T) {
	c, srv := newUserClient(t)

	got, err := c.Files.AddComment(t.Context(), "F0MISSING", "hello")

	assertCode(t, err, slack.ErrFileNotFound)
	if got != nil {
		t.Errorf("got %+v with the error", got)
	}
	filesWire(t, srv, "files.comments.add", slacktest.UserToken, url.Values{"file": {"F0MISSING"}, "comment": {"hello"}})
	if n := len(filesComments(t, srv, slacktest.FileID)); n != 0 {
		t.Errorf("the seeded file holds %d comments, want none", n)
	}
}

func TestFilesAddCommentRefusesMissingArguments(t *testing.T) {
	for _, tc := range []struct{ file, comment, argument string }{
		{"", "hello", "file"},
		{slacktest.FileID, "", "comment"},
		{slacktest.FileID, "  \n", "comment"},
	} {
		c, srv := newUserClient(t)
		got, err := c.Files.AddComment(t.Context(), tc.file, tc.comment)
		assertNothingSent(t, srv, err, tc.argument)
		if got != nil {
			t.Errorf("got %+v with the error", got)
		}
	}
}

func TestFilesEditComment(t *testing.T) {
	c, srv := newFilesWorkspace(t, slacktest.UserToken)

	got, err := c.Files.EditComment(t.Context(), slacktest.FileID, filesAliceNoteID, "Please read pages 3 and 4.")
	if err != nil {
		t.Fatal(err)
	}

	filesWire(t, srv, "files.comments.edit", slacktest.UserToken, url.Values{"file": {slacktest.FileID},
		"id": {filesAliceNoteID}, "comment": {"Please read pages 3 and 4."}})
	if got.ID != filesAliceNoteID || got.User != slacktest.AliceID || got.Comment != "Please read pages 3 and 4." ||
		got.Created.Unix() != filesCreated {
		t.Errorf("comment = %+v, want alice's comment with the new text and its creation time", got)
	}
	comments := filesComments(t, srv, slacktest.FileID)
	if len(comments) != 2 || comments[0].Comment != "Please read pages 3 and 4." || comments[1].Comment != "Done." {
		t.Errorf("stored %+v, want alice's comment edited and bob's unchanged", comments)
	}
}

func TestFilesEditCommentOnlyByItsAuthor(t *testing.T) {
	// alice is an admin, but even an admin may not put words in someone else's mouth.
	c, srv := newFilesWorkspace(t, slacktest.UserToken)

	got, err := c.Files.EditComment(t.Context(), slacktest.FileID, filesBobNoteID, "Not done.")

	assertCode(t, err, slack.ErrCantEdit)
	if got != nil {
		t.Errorf("got %+v with the error", got)
	}
	if s := filesComments(t, srv, slacktest.FileID)[1]; s.Comment != "Done." {
		t.Errorf("bob's comment now reads %q", s.Comment)
	}
}

func TestFilesEditCommentNotFound(t *testing.T) {
	c, srv := newFilesWorkspace(t, slacktest.UserToken)

	_, err := c.Files.EditComment(t.Context(), slacktest.FileID, "Fc0NOPE", "x")
	assertCode(t, err, slack.ErrCommentNotFound)

	_, err = c.Files.EditComment(t.Context(), "F0MISSING", filesAliceNoteID, "x")
	assertCode(t, err, slack.ErrFileNotFound)
	filesWire(t, srv, "files.comments.edit", slacktest.UserToken,
		url.Values{"file": {"F0MISSING"}, "id": {filesAliceNoteID}, "comment": {"x"}})
	if s := filesComments(t, srv, slacktest.FileID)[0]; s.Comment != "Please read page 3." {
		t.Errorf("alice's comment now reads %q", s.Comment)
	}
}

func TestFilesEditCommentRefusesMissingArguments(t *testing.T) {
	for _, tc := range []struct{ file, id, comment, argument string }{
		{"", filesAliceNoteID, "x", "file"},
		{slacktest.FileID, "", "x", "id"},
		{slacktest.FileID, filesAliceNoteID, "", "comment"},
	} {
		c, srv := newFilesWorkspace(t, slacktest.UserToken)
		got, err := c.Files.EditComment(t.Context(), tc.file, tc.id, tc.comment)
		assertNothingSent(t, srv, err, tc.argument)
		if got != nil {
			t.Errorf("got %+v with the error", got)
		}
	}
}

func TestFilesDeleteComment(t *testing.T) {
	c, srv := newFilesWorkspace(t, filesBobToken)

	if err := c.Files.DeleteComment(t.Context(), slacktest.FileID, filesBobNoteID); err != nil {
		t.Fatal(err)
	}

	filesWire(t, srv, "files.comments.delete", filesBobToken, url.Values{"file": {slacktest.FileID}, "id": {filesBobNoteID}})
	comments := filesComments(t, srv, slacktest.FileID)
	if len(comments) != 1 || comments[0].ID != filesAliceNoteID {
		t.Errorf("stored %+v, want only alice's comment", comments)
	}

	// Deleting it again finds nothing.
	err := c.Files.DeleteComment(t.Context(), slacktest.FileID, filesBobNoteID)
	assertCode(t, err, slack.ErrCommentNotFound)
}

func TestFilesDeleteCommentByAnAdmin(t *testing.T) {
	c, srv := newFilesWorkspace(t, slacktest.UserToken)

	if err := c.Files.DeleteComment(t.Context(), slacktest.FileID, filesBobNoteID); err != nil {
		t.Fatal(err)
	}
	comments := filesComments(t, srv, slacktest.FileID)
	if len(comments) != 1 || comments[0].ID != filesAliceNoteID {
		t.Errorf("stored %+v, want only alice's comment", comments)
	}
}

func TestFilesDeleteCommentOfSomeoneElse(t *testing.T) {
	c, srv := newFilesWorkspace(t, filesBobToken)

	err := c.Files.DeleteComment(t.Context(), slacktest.FileID, filesAliceNoteID)

	assertCode(t, err, slack.ErrCantDelete)
	if n := len(filesComments(t, srv, slacktest.FileID)); n != 2 {
		t.Errorf("the file holds %d comments, want both", n)
	}
}

func TestFilesDeleteCommentFileNotFound(t *testing.T) {
	c, srv := newFilesWorkspace(t, slacktest.UserToken)

	err := c.Files.DeleteComment(t.Context(), "F0MISSING", filesAliceNoteID)

	assertCode(t, err, slack.ErrFileNotFound)
	filesWire(t, srv, "files.comments.delete", slacktest.UserToken, url.Values{"file": {"F0MISSING"}, "id": {filesAliceNoteID}})
	if n := len(filesComments(t, srv, slacktest.FileID)); n != 2 {
		t.Errorf("the file holds %d comments, want both", n)
	}
}

func TestFilesDeleteCommentRefusesMissingArguments(t *testing.T) {
	for _, tc := range []struct{ file, id, argument string }{
		{"", filesAliceNoteID, "file"},
		{slacktest.FileID, " ", "id"},
	} {
		c, srv := newFilesWorkspace(t, slacktest.UserToken)
		err := c.Files.DeleteComment(t.Context(), tc.file, tc.id)
		assertNothingSent(t, srv, err, tc.argument)
	}
}
