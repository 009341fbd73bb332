package slack

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestDocumentedCodesCoverBothDataFiles checks the generated list against internal/spec: one constant
// for each code of error_codes.json and each new code of methods-next.json, in code order, each its own
// error under errors.Is.
func TestDocumentedCodesCoverBothDataFiles(t *testing.T) {
	var seed []struct {
		Code string `json:"code"`
	}
	var next struct {
		Meta struct {
			NewErrorCodes []struct {
				Code string `json:"code"`
			} `json:"new_error_codes"`
		} `json:"_meta"`
	}
	for file, v := range map[string]any{"error_codes.json": &seed, "methods-next.json": &next} {
		data, err := os.ReadFile(filepath.Join("internal", "spec", file))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatal(err)
		}
	}
	var want []ErrorCode
	for _, c := range seed {
		want = append(want, ErrorCode(c.Code))
	}
	for _, c := range next.Meta.NewErrorCodes {
		want = append(want, ErrorCode(c.Code))
	}
	slices.Sort(want)
	if !slices.Equal(documentedCodes[:], want) {
		t.Fatalf("documentedCodes holds %d codes, the data files %d: run go generate ./...", len(documentedCodes), len(want))
	}
	for i, c := range documentedCodes {
		if i > 0 && c == documentedCodes[i-1] {
			t.Errorf("%s is listed twice", c)
		}
	}
	if !ErrAlreadyReacted.Is(ErrAlreadyReacted) || ErrAlreadyReacted.Is(ErrAlreadyPinned) {
		t.Error("two new codes compare alike")
	}
}
