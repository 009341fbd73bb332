package slack_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/goslack/slack"
)

// FuzzBlocksDecode decodes any bytes as a list of blocks. Decoding never panics; malformed JSON is an
// error; and what decodes encodes back to the same JSON, field for field, whatever Slack may add.
func FuzzBlocksDecode(f *testing.F) {
	for _, dir := range []string{"examples", "web-api"} {
		files, err := filepath.Glob(filepath.Join("testdata", "blockkit", dir, "*.json"))
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range files {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			var x any
			if json.Unmarshal(data, &x) != nil {
				continue
			}
			found := map[string]json.RawMessage{}
			blockLists(x, "", found)
			for _, b := range found {
				f.Add([]byte(b))
			}
			if _, list := x.([]any); list {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`[{"type":"section","text":{"type":"mrkdwn","text":"x","emoji":false},"fields":[],"x":null}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var direct slack.Blocks
		derr := direct.UnmarshalJSON(data)
		if derr == nil && !json.Valid(data) {
			t.Fatalf("malformed JSON %q decoded without an error", data)
		}
		var blocks slack.Blocks
		if err := json.Unmarshal(data, &blocks); err != nil {
			return
		}
		out, err := json.Marshal(blocks)
		if err != nil {
			t.Fatalf("decoded blocks do not encode: %v", err)
		}
		want, err := parseJSON(string(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseJSON(string(out))
		if err != nil {
			t.Fatalf("encoded blocks are not JSON: %v\n%s", err, out)
		}
		if !sameJSONValue(want, got) {
			t.Fatalf("round trip changed the JSON:\nin  %s\nout %s", data, out)
		}
		if derr == nil {
			direct2, err := json.Marshal(direct)
			if err != nil || string(direct2) != string(out) {
				t.Fatalf("UnmarshalJSON and json.Unmarshal disagree:\n%s\n%s", direct2, out)
			}
		}
		_ = blocks.Validate(slack.SurfaceMessage)
	})
}
