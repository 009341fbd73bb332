package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestCommittedFileIsCurrent regenerates errcodes.go and fails if the committed file differs, so the
// constants cannot drift from the code list.
func TestCommittedFileIsCurrent(t *testing.T) {
	data, err := os.ReadFile("../../spec/error_codes.json")
	if err != nil {
		t.Fatal(err)
	}
	nextData, err := os.ReadFile("../../spec/methods-next.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(data, nextData)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../../errcodes.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("errcodes.go is out of date: run go generate ./... from the module root")
	}
}

func TestConstName(t *testing.T) {
	for code, want := range map[string]string{
		"channel_not_found": "ErrChannelNotFound",
		"ratelimited":       "ErrRatelimited",
		"rate_limited":      "ErrRateLimited",
		"invalid_json":      "ErrInvalidJSON",
		"invalid_ts_latest": "ErrInvalidTSLatest",
		"ura_max_channels":  "ErrURAMaxChannels",
		"bad_redirect_uri":  "ErrBadRedirectURI",
		"not_in_dnd":        "ErrNotInDND",
		"too_many_ids":      "ErrTooManyIDs",
	} {
		if got := ConstName(code); got != want {
			t.Errorf("ConstName(%q) = %s, want %s", code, got, want)
		}
	}
}

// smallNext is a methods-next.json with one new code and two methods.
const smallNext = `{"_meta": {"new_error_codes": [
		{"code": "already_pinned", "description": "Already pinned.", "methods": ["pins.add"]}]},
	"methods": {
		"pins.add": {"error_codes": ["already_pinned", "channel_not_found"]},
		"reactions.add": {"error_codes": ["channel_not_found"]}}}`

func TestGenerateRejectsCollisions(t *testing.T) {
	_, err := Generate([]byte(`[{"code":"a_b"},{"code":"a__b"}]`), []byte(smallNext))
	if err == nil {
		t.Fatal("two codes with one constant name were accepted")
	}
	if _, err := Generate([]byte(`[]`), []byte(smallNext)); err == nil {
		t.Fatal("an empty list was accepted")
	}
	if _, err := Generate([]byte(`[{"code":"already_pinned"}]`), []byte(smallNext)); err == nil {
		t.Fatal("a new code already in the list was accepted")
	}
	if _, err := Generate([]byte(`[{"code":"other"}]`), []byte(smallNext)); err == nil {
		t.Fatal("a method documenting a code neither file describes was accepted")
	}
	if _, err := Generate([]byte(`[{"code":"channel_not_found"}]`), []byte(`{}`)); err == nil {
		t.Fatal("empty method data was accepted")
	}
}

// TestGenerateMergesBothFiles checks that a new code becomes a constant and that the methods beyond the
// seeds join the doc of a code both files know, the seed methods first.
func TestGenerateMergesBothFiles(t *testing.T) {
	src, err := Generate([]byte(`[{"code":"channel_not_found","description":"Bad channel.","methods":["chat.delete"]}]`),
		[]byte(smallNext))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"// ErrAlreadyPinned (\"already_pinned\"): Already pinned. Documented for pins.add.\n",
		"\tErrAlreadyPinned ErrorCode = \"already_pinned\"\n",
		"// ErrChannelNotFound (\"channel_not_found\"): Bad channel. Documented for chat.delete, pins.add,\n",
		"// reactions.add.\n",
		"var documentedCodes = [...]ErrorCode{\n\tErrAlreadyPinned,\n\tErrChannelNotFound,\n}",
	} {
		if !bytes.Contains(src, []byte(want)) {
			t.Errorf("generated source lacks %q:\n%s", want, src)
		}
	}
}

// TestEveryCodeOfBothFilesIsAConstant reads the committed data and checks that each code of each file,
// and each code a method beyond the seeds documents, has its constant, and that the seed constants
// keep their names.
func TestEveryCodeOfBothFilesIsAConstant(t *testing.T) {
	data, err := os.ReadFile("../../spec/error_codes.json")
	if err != nil {
		t.Fatal(err)
	}
	nextData, err := os.ReadFile("../../spec/methods-next.json")
	if err != nil {
		t.Fatal(err)
	}
	var old []code
	var n next
	if err := json.Unmarshal(data, &old); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(nextData, &n); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../../errcodes.go")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, c := range old {
		want[c.Code] = true
	}
	for _, c := range n.Meta.NewErrorCodes {
		want[c.Code] = true
	}
	for _, m := range n.Methods {
		for _, c := range m.ErrorCodes {
			want[c] = true
		}
	}
	if len(n.Meta.NewErrorCodes) != 148 || len(want) != len(old)+148 {
		t.Errorf("%d new codes, %d in all; want 148 new ones beside the %d seed codes", len(n.Meta.NewErrorCodes),
			len(want), len(old))
	}
	for c := range want {
		line := fmt.Sprintf("\t%s ErrorCode = %q\n", ConstName(c), c)
		if !bytes.Contains(src, []byte(line)) {
			t.Errorf("errcodes.go lacks %q", line)
		}
	}
	if !bytes.Contains(src, []byte("\tErrChannelNotFound ErrorCode = \"channel_not_found\"\n")) {
		t.Error("the seed constant ErrChannelNotFound is gone")
	}
}
