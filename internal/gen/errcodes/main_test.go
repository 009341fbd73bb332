package main

import (
	"bytes"
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
	want, err := Generate(data)
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
	} {
		if got := ConstName(code); got != want {
			t.Errorf("ConstName(%q) = %s, want %s", code, got, want)
		}
	}
}

func TestGenerateRejectsCollisions(t *testing.T) {
	_, err := Generate([]byte(`[{"code":"a_b"},{"code":"a__b"}]`))
	if err == nil {
		t.Fatal("two codes with one constant name were accepted")
	}
	if _, err := Generate([]byte(`[]`)); err == nil {
		t.Fatal("an empty list was accepted")
	}
}
