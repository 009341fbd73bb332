package slacktest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// filesCall posts a method with form as token and decodes the answer, failing the test on a transport
// error or a body that is not a JSON object.
func filesCall(t *testing.T, s *Server, client *http.Client, method, token string, form url.Values) map[string]any {
	t.Helper()
	resp, body, err := post(t, client, s.URL(), method, token, form)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: HTTP %d", method, resp.StatusCode)
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s answered %s: %v", method, body, err)
	}
	return out
}

// filesWantError checks that an answer is ok:false with code.
func filesWantError(t *testing.T, what string, got map[string]any, code string) {
	t.Helper()
	if got["ok"] != false || got["error"] != code {
		t.Errorf("%s: got %v, want error %s", what, got, code)
	}
}

const filesBobToken = "xoxp-slacktest-0000000000-bob"

// filesCommentKeys are the fields of a file comment object.
var filesCommentKeys = []string{"channel", "comment", "created", "id", "is_intro", "timestamp", "user"}

func filesKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestFakeFileComments(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		s.AddToken(filesBobToken, BobID)

		added := filesCall(t, s, client, "files.comments.add", filesBobToken, url.Values{"file": {FileID}, "comment": {"first!"}})
		comment, _ := added["comment"].(map[string]any)
		if added["ok"] != true || comment == nil {
			t.Fatalf("files.comments.add answered %v", added)
		}
		if got := filesKeys(comment); !slices.Equal(got, filesCommentKeys) {
			t.Errorf("comment fields %v, want %v", got, filesCommentKeys)
		}
		id, _ := comment["id"].(string)
		if !strings.HasPrefix(id, "Fc") || comment["user"] != BobID || comment["comment"] != "first!" || comment["channel"] != GeneralID ||
			comment["created"] != comment["timestamp"] || comment["created"].(float64) < seedTime {
			t.Errorf("comment %v, want bob's first! made now", comment)
		}

		// Only the author may edit.
		filesWantError(t, "alice edits bob's comment", filesCall(t, s, client, "files.comments.edit", UserToken,
			url.Values{"file": {FileID}, "id": {id}, "comment": {"second"}}), "cant_edit")
		edited := filesCall(t, s, client, "files.comments.edit", filesBobToken,
			url.Values{"file": {FileID}, "id": {id}, "comment": {"first, edited"}})
		want := map[string]any{"channel": GeneralID, "comment": "first, edited", "created": comment["created"], "id": id,
			"is_intro": false, "timestamp": comment["timestamp"], "user": BobID}
		if edited["ok"] != true || !reflect.DeepEqual(edited["comment"], want) {
			t.Errorf("files.comments.edit answered %v, want comment %v", edited, want)
		}

		// The author or an admin may delete; carol is neither.
		s.AddToken("xoxp-carol", CarolID)
		filesWantError(t, "carol deletes bob's comment", filesCall(t, s, client, "files.comments.delete", "xoxp-carol",
			url.Values{"file": {FileID}, "id": {id}}), "cant_delete")
		if got := filesCall(t, s, client, "files.comments.delete", UserToken, url.Values{"file": {FileID}, "id": {id}}); !reflect.DeepEqual(got, map[string]any{"ok": true}) {
			t.Errorf("files.comments.delete answered %v, want just ok", got)
		}
		f, _ := s.File(FileID)
		if len(f.Comments) != 0 {
			t.Errorf("the file still holds %+v", f.Comments)
		}
	})
}

func TestFakeFileCommentErrors(t *testing.T) {
	s := New()
	client := s.HTTPClient()
	s.AddFile(File{ID: FileID, Name: "report.pdf", User: AliceID,
		Comments: []Comment{{ID: "Fc1", User: AliceID, Comment: "hi", Created: seedTime}}})
	for _, tc := range []struct {
		method string
		form   url.Values
		code   string
	}{
		{"files.comments.add", url.Values{"comment": {"x"}}, "file_not_found"},
		{"files.comments.add", url.Values{"file": {"F0NOPE"}, "comment": {"x"}}, "file_not_found"},
		{"files.comments.add", url.Values{"file": {FileID}}, "no_comment"},
		{"files.comments.add", url.Values{"file": {FileID}, "comment": {"  "}}, "no_comment"},
		{"files.comments.edit", url.Values{"file": {"F0NOPE"}, "id": {"Fc1"}, "comment": {"x"}}, "file_not_found"},
		{"files.comments.edit", url.Values{"file": {FileID}, "comment": {"x"}}, "comment_not_found"},
		{"files.comments.edit", url.Values{"file": {FileID}, "id": {"Fc2"}, "comment": {"x"}}, "comment_not_found"},
		{"files.comments.edit", url.Values{"file": {FileID}, "id": {"Fc1"}}, "no_comment"},
		{"files.comments.delete", url.Values{"id": {"Fc1"}}, "file_not_found"},
		{"files.comments.delete", url.Values{"file": {FileID}}, "comment_not_found"},
		{"files.comments.delete", url.Values{"file": {FileID}, "id": {"Fc2"}}, "comment_not_found"},
	} {
		filesWantError(t, tc.method+" "+tc.form.Encode(), filesCall(t, s, client, tc.method, UserToken, tc.form), tc.code)
	}
	f, _ := s.File(FileID)
	if len(f.Comments) != 1 || f.Comments[0].Comment != "hi" {
		t.Errorf("the file holds %+v after failed calls, want the one comment unchanged", f.Comments)
	}
}

func TestFakeBotsInfo(t *testing.T) {
	transports(t, func(t *testing.T, s *Server, client *http.Client) {
		got := filesCall(t, s, client, "bots.info", UserToken, url.Values{"bot": {BotID}})
		bot, _ := got["bot"].(map[string]any)
		if got["ok"] != true || bot == nil {
			t.Fatalf("bots.info answered %v", got)
		}
		if k := filesKeys(bot); !slices.Equal(k, []string{"app_id", "deleted", "icons", "id", "name", "updated", "user_id"}) {
			t.Errorf("bot fields %v", k)
		}
		if bot["id"] != BotID || bot["app_id"] != AppID || bot["user_id"] != BotUserID || bot["name"] != "tourbot" ||
			bot["deleted"] != false || bot["updated"] != float64(seedTime) {
			t.Errorf("bot %v, want tourbot", bot)
		}
		icons, _ := bot["icons"].(map[string]any)
		if k := filesKeys(icons); !slices.Equal(k, []string{"image_36", "image_48", "image_72"}) {
			t.Errorf("icons %v", icons)
		}

		filesWantError(t, "unknown bot", filesCall(t, s, client, "bots.info", BotToken, url.Values{"bot": {"B0NOPE"}}), "bot_not_found")
		filesWantError(t, "no bot", filesCall(t, s, client, "bots.info", BotToken, nil), "bot_not_found")
	})
}
