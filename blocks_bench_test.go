package slack_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/goslack/slack"
)

// historyPage is a conversations.history answer of 200 messages, each written in the Slack composer and
// so carrying a rich_text block: a paragraph with styles, a mention, a link and an emoji, a bullet list
// and a quote.
func historyPage() []byte {
	var b strings.Builder
	b.WriteString(`{"ok":true,"has_more":true,"pin_count":0,"messages":[`)
	for i := range 200 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"type":"message","user":"U0%06d","text":"Deploy <@U012AB3CD> is done, see <https://example.com/build/%d|build> :tada:","ts":"1700000%03d.000100","client_msg_id":"5d1c5e7a-%04d-4a2e-9d2f-3c1d7b9b%04d","team":"T0GOSLACK",`+
			`"blocks":[{"type":"rich_text","block_id":"b%d","elements":[`+
			`{"type":"rich_text_section","elements":[{"type":"text","text":"Deploy "},{"type":"user","user_id":"U012AB3CD"},{"type":"text","text":" is "},{"type":"text","text":"done","style":{"bold":true}},{"type":"text","text":", see "},{"type":"link","url":"https://example.com/build/%d","text":"build"},{"type":"text","text":" "},{"type":"emoji","name":"tada","unicode":"1f389"}]},`+
			`{"type":"rich_text_list","style":"bullet","indent":0,"border":0,"elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"tests passed"}]},{"type":"rich_text_section","elements":[{"type":"text","text":"canary at 5%%","style":{"italic":true}}]}]},`+
			`{"type":"rich_text_quote","elements":[{"type":"text","text":"ship it","style":{"code":true}}]}]}]}`,
			i, i, i, i, i, i, i)
	}
	b.WriteString(`],"response_metadata":{"next_cursor":"bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz"}}`)
	return []byte(b.String())
}

// BenchmarkHistoryPageDecode decodes the page into the typed HistoryResponse, every block to its types,
// and for comparison into map[string]any with encoding/json.
func BenchmarkHistoryPageDecode(b *testing.B) {
	page := historyPage()
	b.Run("typed", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			var r slack.HistoryResponse
			if err := json.Unmarshal(page, &r); err != nil || len(r.Messages) != 200 {
				b.Fatal(err)
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			var r map[string]any
			if err := json.Unmarshal(page, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestHistoryPageDecodesTyped(t *testing.T) {
	var r slack.HistoryResponse
	if err := json.Unmarshal(historyPage(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Messages) != 200 {
		t.Fatalf("%d messages", len(r.Messages))
	}
	for _, m := range r.Messages {
		rt, ok := m.Blocks[0].(slack.RichTextBlock)
		if !ok || len(rt.Elements) != 3 {
			t.Fatalf("blocks %#v", m.Blocks)
		}
		if _, ok := rt.Elements[1].(slack.RichTextList); !ok {
			t.Fatalf("element %#v, want a list", rt.Elements[1])
		}
	}
}
