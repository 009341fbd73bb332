package slack_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
)

// blockLists returns every "blocks" array found anywhere in the JSON value x, with its path.
func blockLists(x any, path string, out map[string]json.RawMessage) {
	switch v := x.(type) {
	case map[string]any:
		for k, e := range v {
			if _, isList := e.([]any); isList && k == "blocks" {
				b, _ := json.Marshal(e)
				out[path+"/"+k] = b
			}
			blockLists(e, path+"/"+k, out)
		}
	case []any:
		for i, e := range v {
			blockLists(e, path+"/"+strconvItoa(i), out)
		}
	}
}

// assertSameJSON checks that two JSON texts hold the same value, whatever their key order and however
// their numbers are written (numbers compare by their float64 value, or as text past float64's range).
func assertSameJSON(t *testing.T, want, got string, msgAndArgs ...any) {
	t.Helper()
	w, err := parseJSON(want)
	require.NoError(t, err, "want")
	g, err := parseJSON(got)
	require.NoError(t, err, "got")
	if !sameJSONValue(w, g) {
		assert.Fail(t, "different JSON:\nwant "+want+"\ngot  "+got, msgAndArgs...)
	}
}

func parseJSON(s string) (any, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var x any
	err := d.Decode(&x)
	return x, err
}

func sameJSONValue(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !sameJSONValue(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameJSONValue(x[i], y[i]) {
				return false
			}
		}
		return true
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		fx, ex := x.Float64()
		fy, ey := y.Float64()
		if ex != nil || ey != nil {
			return x == y
		}
		return fx == fy
	}
	return reflect.DeepEqual(a, b)
}

func strconvItoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// exampleBlocks reads the block lists of the Block Kit examples: every "blocks" array in a file, or the
// file itself when it is a blocks array or (the .SINGLE-BLOCK files) one block.
func exampleBlocks(t *testing.T, dir string) map[string]json.RawMessage {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "blockkit", dir, "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	lists := map[string]json.RawMessage{}
	for _, path := range files {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		name := filepath.Base(path)
		var x any
		require.NoError(t, json.Unmarshal(data, &x), name)
		switch v := x.(type) {
		case []any:
			lists[name] = data
		case map[string]any:
			if strings.Contains(name, "SINGLE-BLOCK") {
				lists[name] = json.RawMessage("[" + string(data) + "]")
				continue
			}
			found := map[string]json.RawMessage{}
			blockLists(v, "", found)
			require.NotEmpty(t, found, "%s has no blocks", name)
			for p, b := range found {
				lists[name+"#"+p] = b
			}
		}
	}
	return lists
}

// documented returns the lists of documented types in blockkit.json (a copy in testdata).
func documented(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "blockkit", "blockkit.json"))
	require.NoError(t, err)
	var spec struct {
		Counts map[string]json.RawMessage `json:"counts"`
	}
	require.NoError(t, json.Unmarshal(data, &spec))
	out := map[string][]string{}
	for k, v := range spec.Counts {
		var list []string
		if json.Unmarshal(v, &list) == nil {
			out[k] = list
		}
	}
	return out
}

// rawValues walks a decoded value and returns the "type" of every raw value in it.
func rawValues(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		switch r := v.Interface().(type) {
		case slack.RawBlock:
			*out = append(*out, "block:"+r.BlockType())
			return
		case slack.RawElement:
			*out = append(*out, "element:"+r.ElementType())
			return
		case slack.RawRichTextElement:
			*out = append(*out, "rich_text:"+r.RichTextType())
			return
		case slack.RawTableCell:
			*out = append(*out, "cell:"+r.CellType())
			return
		}
		rawValues(v.Elem(), out)
	case reflect.Pointer:
		if !v.IsNil() {
			rawValues(v.Elem(), out)
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := range v.Len() {
			rawValues(v.Index(i), out)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				rawValues(v.Field(i), out)
			}
		}
	}
}

func TestBlockKitExamplesRoundTrip(t *testing.T) {
	undocumented := map[string]bool{"block:share_shortcut": true} // java's model of a block Slack does not document
	lists := exampleBlocks(t, "examples")
	assert.GreaterOrEqual(t, len(lists), 30)
	for name, in := range lists {
		t.Run(name, func(t *testing.T) {
			var blocks slack.Blocks
			require.NoError(t, json.Unmarshal(in, &blocks))

			out, err := json.Marshal(blocks)
			require.NoError(t, err)
			assertSameJSON(t, string(in), string(out))
			var raw []string
			rawValues(reflect.ValueOf(blocks), &raw)
			for _, r := range raw {
				assert.True(t, undocumented[r], "%s decoded to a raw value", r)
			}
		})
	}
}

func TestWebAPIPayloadBlocksRoundTrip(t *testing.T) {
	lists := exampleBlocks(t, "web-api")
	assert.GreaterOrEqual(t, len(lists), 8)
	for name, in := range lists {
		t.Run(name, func(t *testing.T) {
			var blocks slack.Blocks
			require.NoError(t, json.Unmarshal(in, &blocks))
			out, err := json.Marshal(blocks)
			require.NoError(t, err)
			assertSameJSON(t, string(in), string(out))
		})
	}
}

func TestWebAPIPayloadMessagesRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "blockkit", "web-api", "*.json"))
	require.NoError(t, err)
	for _, path := range files {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var answer struct {
			Message  json.RawMessage   `json:"message"`
			Messages []json.RawMessage `json:"messages"`
			Channel  json.RawMessage   `json:"channel"`
		}
		require.NoError(t, json.Unmarshal(data, &answer))
		var channel struct {
			Latest json.RawMessage `json:"latest"`
		}
		_ = json.Unmarshal(answer.Channel, &channel)
		msgs := append(answer.Messages, answer.Message, channel.Latest)
		for _, raw := range msgs {
			if len(raw) == 0 || !strings.Contains(string(raw), `"blocks"`) {
				continue
			}
			var m slack.Message
			require.NoError(t, json.Unmarshal(raw, &m), path)
			var want struct {
				Blocks      json.RawMessage `json:"blocks"`
				Attachments []struct {
					Blocks json.RawMessage `json:"blocks"`
				} `json:"attachments"`
			}
			require.NoError(t, json.Unmarshal(raw, &want))
			got, err := json.Marshal(m.Blocks)
			require.NoError(t, err)
			if want.Blocks != nil {
				assertSameJSON(t, string(want.Blocks), string(got), path)
			}
			for i, a := range want.Attachments {
				if a.Blocks == nil {
					continue
				}
				got, err := json.Marshal(m.Attachments[i].Blocks)
				require.NoError(t, err)
				assertSameJSON(t, string(a.Blocks), string(got), path)
			}
		}
	}
}

// compositionTypes are the Go types of the composition objects, by their names in blockkit.json. They have
// no "type" to decode by (but text, raw_text, raw_number and the Slack icon): each is the type of the fields
// that take it.
var compositionTypes = map[string]any{
	"text": slack.TextObject{}, "raw_text": slack.RawTextObject{}, "raw_number": slack.RawNumberObject{},
	"confirm": slack.ConfirmObject{}, "option": slack.OptionObject{}, "option_group": slack.OptionGroupObject{},
	"dispatch_action_config": slack.DispatchActionConfigObject{}, "conversation_filter": slack.ConversationFilterObject{},
	"slack_file": slack.SlackFileObject{}, "slack_icon": slack.SlackIconObject{}, "workflow": slack.WorkflowObject{},
	"trigger": slack.TriggerObject{}, "feedback_button": slack.FeedbackButtonObject{},
}

func TestEveryDocumentedTypeHasAGoType(t *testing.T) {
	spec := documented(t)
	decodeOne := func(t *testing.T, in string) slack.Blocks {
		t.Helper()
		var b slack.Blocks
		require.NoError(t, json.Unmarshal([]byte(in), &b))
		require.Len(t, b, 1)
		return b
	}
	require.Len(t, spec["blocks_documented"], 21)
	for _, typ := range spec["blocks_documented"] {
		b := decodeOne(t, `[{"type":"`+typ+`"}]`)
		if _, raw := b[0].(slack.RawBlock); raw {
			t.Errorf("block %q has no Go type", typ)
		}
		assert.Equal(t, typ, b[0].BlockType())
	}
	require.Len(t, spec["elements"], 28)
	for _, typ := range spec["elements"] {
		b := decodeOne(t, `[{"type":"actions","elements":[{"type":"`+typ+`"}]}]`)
		e := b[0].(slack.ActionsBlock).Elements[0]
		if _, raw := e.(slack.RawElement); raw {
			t.Errorf("element %q has no Go type", typ)
		}
		assert.Equal(t, typ, e.ElementType())
	}
	containers, inline := spec["rich_text_containers"], spec["rich_text_inline"]
	require.Len(t, containers, 4)
	require.Len(t, inline, 22)
	for _, typ := range slices.Concat(containers, inline) {
		b := decodeOne(t, `[{"type":"rich_text","elements":[{"type":"`+typ+`"}]}]`)
		e := b[0].(slack.RichTextBlock).Elements[0]
		if _, raw := e.(slack.RawRichTextElement); raw {
			t.Errorf("rich text element %q has no Go type", typ)
		}
		assert.Equal(t, typ, e.RichTextType())
	}
	require.Len(t, spec["composition"], 13)
	for _, name := range spec["composition"] {
		if _, ok := compositionTypes[name]; !ok {
			t.Errorf("composition object %q has no Go type", name)
		}
	}
	assert.Len(t, compositionTypes, len(spec["composition"]))
	for _, typ := range []string{"raw_text", "raw_number", "rich_text"} {
		b := decodeOne(t, `[{"type":"table","rows":[[{"type":"`+typ+`"}]]}]`)
		c := b[0].(slack.TableBlock).Rows[0][0]
		if _, raw := c.(slack.RawTableCell); raw {
			t.Errorf("table cell %q has no Go type", typ)
		}
	}
}

func TestBlocksDecodeToTheirTypes(t *testing.T) {
	in := `[
	{"type":"section","block_id":"s","text":{"type":"mrkdwn","text":"*hi*"},
	 "fields":[{"type":"plain_text","text":"a","emoji":true}],
	 "accessory":{"type":"button","action_id":"go","text":{"type":"plain_text","text":"Go"},"style":"primary"}},
	{"type":"rich_text","elements":[{"type":"rich_text_list","style":"bullet","indent":0,"elements":[
	  {"type":"rich_text_section","elements":[{"type":"text","text":"one","style":{"bold":true}},
	   {"type":"user","user_id":"U1"},{"type":"link","url":"https://x"}]}]}]}]`
	var blocks slack.Blocks

	require.NoError(t, json.Unmarshal([]byte(in), &blocks))

	require.Len(t, blocks, 2)
	s := blocks[0].(slack.SectionBlock)
	assert.Equal(t, "s", s.BlockID)
	assert.Equal(t, "*hi*", s.Text.Text)
	assert.Equal(t, "a", s.Fields[0].Text)
	assert.True(t, s.Fields[0].Emoji)
	button := s.Accessory.(slack.ButtonElement)
	assert.Equal(t, "go", button.ActionID)
	assert.Equal(t, "Go", button.Text.Text)
	assert.Equal(t, "primary", button.Style)
	list := blocks[1].(slack.RichTextBlock).Elements[0].(slack.RichTextList)
	assert.Equal(t, "bullet", list.Style)
	section := list.Elements[0].(slack.RichTextSection)
	assert.Equal(t, "one", section.Elements[0].(slack.RichTextText).Text)
	assert.True(t, section.Elements[0].(slack.RichTextText).Style.Bold)
	assert.Equal(t, "U1", section.Elements[1].(slack.RichTextUser).UserID)
	assert.Equal(t, "https://x", section.Elements[2].(slack.RichTextLink).URL)
	out, err := json.Marshal(blocks)
	require.NoError(t, err)
	assertSameJSON(t, in, string(out))
}

// TestUnknownTypesAndFieldsAreKept covers what other SDKs lose or fail on: unknown elements inside
// actions, input and context, unknown blocks and inline elements, unknown fields on known types, fields
// present with their zero value, and values of the wrong type.
func TestUnknownTypesAndFieldsAreKept(t *testing.T) {
	cases := map[string]string{
		"unknown block":                `[{"type":"hologram","block_id":"h","depth":3,"layers":[{"type":"x"}]}]`,
		"unknown element in actions":   `[{"type":"actions","elements":[{"type":"teleport_button","text":"go"},{"type":"button","text":{"type":"plain_text","text":"b"}}]}]`,
		"unknown element in input":     `[{"type":"input","label":{"type":"plain_text","text":"l"},"element":{"type":"mind_reader","x":1}}]`,
		"unknown element in context":   `[{"type":"context","elements":[{"type":"sticker","id":"s"},{"type":"mrkdwn","text":"t"}]}]`,
		"unknown section accessory":    `[{"type":"section","text":{"type":"mrkdwn","text":"t"},"accessory":{"type":"new_thing"}}]`,
		"unknown inline element":       `[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"sparkle","n":2},{"type":"text","text":"x"}]}]}]`,
		"unknown container":            `[{"type":"rich_text","elements":[{"type":"rich_text_table","rows":[]}]}]`,
		"unknown fields":               `[{"type":"section","text":{"type":"mrkdwn","text":"t","future":{"a":[1,2]}},"new_flag":true,"block_id":"b"}]`,
		"unknown style key":            `[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"x","style":{"bold":false,"sparkly":true}}]}]}]`,
		"zero values present":          `[{"type":"section","block_id":"","expand":false,"text":{"type":"plain_text","text":"","emoji":false,"verbatim":false},"fields":[]}]`,
		"zero numbers present":         `[{"type":"rich_text","elements":[{"type":"rich_text_list","style":"ordered","indent":0,"offset":0,"border":0,"elements":[]}]}]`,
		"wrong value types":            `[{"type":"section","text":"just a string","fields":{"a":1},"expand":"yes","block_id":7}]`,
		"nulls":                        `[{"type":"section","text":null,"accessory":null,"fields":null},null,{"type":"divider","block_id":null}]`,
		"non-object block":             `["text",42,[1]]`,
		"a type of the wrong kind":     `[{"type":"section","text":{"type":5,"text":"t"}}]`,
		"no type in a plan task":       `[{"type":"plan","title":"p","tasks":[{"task_id":"1","title":"t","status":"pending"}]}]`,
		"a second type":                `[{"type":"divider","type":"section"}]`,
		"escaped keys":                 `[{"type":"section","te\u0078t":{"type":"mrkdwn","text":"\u00e9\n"},"\u0062lock_id":"b"}]`,
		"big and odd numbers":          `[{"type":"plan_x","n":1e999},{"type":"data_visualization","title":"t","chart":{"type":"pie","segments":[{"label":"a","value":1e400},{"label":"b","value":-0.5e-3}]}}]`,
		"table with null column":       `[{"type":"table","column_settings":[null,{"align":"right","is_wrapped":false}],"rows":[[{"type":"raw_text","text":"a"},{"type":"raw_number","value":0},{"type":"emoji_cell"}]]}]`,
		"integer overflow":             `[{"type":"header","text":{"type":"plain_text","text":"h"},"level":99999999999999999999}]`,
		"fraction for an integer":      `[{"type":"rich_text","elements":[{"type":"rich_text_list","style":"bullet","indent":1.5,"elements":[]}]}]`,
		"duplicate keys, last matters": `[{"type":"section","block_id":"a","block_id":7},{"type":"section","block_id":7,"block_id":"b"}]`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			var blocks slack.Blocks
			require.NoError(t, json.Unmarshal([]byte(in), &blocks))
			out, err := json.Marshal(blocks)
			require.NoError(t, err)
			assertSameJSON(t, in, string(out))
		})
	}
	var blocks slack.Blocks
	require.NoError(t, json.Unmarshal([]byte(cases["unknown element in actions"]), &blocks))
	actions := blocks[0].(slack.ActionsBlock)
	assert.Equal(t, "teleport_button", actions.Elements[0].ElementType())
	assert.IsType(t, slack.RawElement{}, actions.Elements[0])
	assert.IsType(t, slack.ButtonElement{}, actions.Elements[1])
}

func TestBuiltBlocksEncode(t *testing.T) {
	blocks := slack.Blocks{
		slack.HeaderBlock{Text: slack.PlainText("Release")},
		slack.SectionBlock{Text: slack.MarkdownText("*done*"), Accessory: slack.Button("ok", "OK")},
		slack.ActionsBlock{Elements: []slack.BlockElement{
			slack.StaticSelectElement{ActionID: "pick", Placeholder: slack.PlainText("Pick"),
				Options: []slack.OptionObject{slack.PlainOption("A", "a")}},
		}},
		slack.TableBlock{Rows: [][]slack.TableCell{{slack.RawTextObject{Text: "n"}, slack.RawNumberObject{Value: 0}}}},
		slack.InputBlock{Label: slack.PlainText("Count"), Element: slack.NumberInputElement{}},
	}

	out, err := json.Marshal(blocks)

	require.NoError(t, err)
	assertSameJSON(t, `[
		{"type":"header","text":{"type":"plain_text","text":"Release"}},
		{"type":"section","text":{"type":"mrkdwn","text":"*done*"},
		 "accessory":{"type":"button","action_id":"ok","text":{"type":"plain_text","text":"OK"}}},
		{"type":"actions","elements":[{"type":"static_select","action_id":"pick","placeholder":{"type":"plain_text","text":"Pick"},
		 "options":[{"text":{"type":"plain_text","text":"A"},"value":"a"}]}]},
		{"type":"table","rows":[[{"type":"raw_text","text":"n"},{"type":"raw_number","value":0}]]},
		{"type":"input","label":{"type":"plain_text","text":"Count"},"element":{"type":"number_input","is_decimal_allowed":false}}
	]`, string(out))
}

func TestMalformedBlocksAreAnError(t *testing.T) {
	for _, in := range []string{`[{"type":"section"`, `[{"type":"section","text":{"type":"mrkdwn","text":"x}}]`, `{`, `[1,]`, `[tru]`, `[{"a" 1}]`} {
		var blocks slack.Blocks
		assert.Error(t, blocks.UnmarshalJSON([]byte(in)), in)
	}
}

// TestDeepNestingDecodesInLinearTime nests rich text sections thousands deep with each "type" last, the
// worst case for finding a type: past a depth no real message reaches, values stay raw, and the whole
// still round-trips.
func TestDeepNestingDecodesInLinearTime(t *testing.T) {
	const depth = 4000
	in := `[{"elements":[` + strings.Repeat(`{"elements":[`, depth) + strings.Repeat(`],"type":"rich_text_section"}`, depth) +
		`],"type":"rich_text"}]`
	var blocks slack.Blocks

	require.NoError(t, json.Unmarshal([]byte(in), &blocks))

	require.IsType(t, slack.RichTextBlock{}, blocks[0])
	out, err := json.Marshal(blocks)
	require.NoError(t, err)
	assertSameJSON(t, in, string(out))
}

// TestEveryDocumentedFieldHasAGoField checks the fields of each Go type against blockkit.json's, field by
// field.
func TestEveryDocumentedFieldHasAGoField(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "blockkit", "blockkit.json"))
	require.NoError(t, err)
	type fields struct {
		Fields map[string]json.RawMessage `json:"fields"`
	}
	var spec struct {
		Blocks      map[string]fields `json:"blocks"`
		Elements    map[string]fields `json:"elements"`
		Composition map[string]fields `json:"composition"`
		RichText    struct {
			Containers map[string]fields `json:"containers"`
			Inline     map[string]fields `json:"inline_elements"`
		} `json:"rich_text"`
	}
	require.NoError(t, json.Unmarshal(data, &spec))
	goFields := func(v any) map[string]bool {
		out := map[string]bool{}
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ","); name != "" {
				out[name] = true
			}
		}
		return out
	}
	check := func(kind, name string, v any, want fields) {
		have := goFields(v)
		for f := range want.Fields {
			if f == "type" && !have["type"] || f == "_other" {
				continue // the type is written by the Go type itself
			}
			assert.True(t, have[f], "%s %q: the Go type %T has no field %q", kind, name, v, f)
		}
	}
	decode := func(in string) slack.Blocks {
		var b slack.Blocks
		require.NoError(t, json.Unmarshal([]byte(in), &b))
		return b
	}
	for _, name := range documented(t)["blocks_documented"] {
		check("block", name, decode(`[{"type":"` + name + `"}]`)[0], spec.Blocks[name])
	}
	for name, f := range spec.Elements {
		check("element", name, decode(`[{"type":"actions","elements":[{"type":"` + name + `"}]}]`)[0].(slack.ActionsBlock).Elements[0], f)
	}
	for name, f := range spec.RichText.Containers {
		check("rich text container", name, decode(`[{"type":"rich_text","elements":[{"type":"` + name + `"}]}]`)[0].(slack.RichTextBlock).Elements[0], f)
	}
	for name, f := range spec.RichText.Inline {
		check("rich text element", name, decode(`[{"type":"rich_text","elements":[{"type":"` + name + `"}]}]`)[0].(slack.RichTextBlock).Elements[0], f)
	}
	for name, f := range spec.Composition {
		check("composition object", name, compositionTypes[name], f)
	}
}

// TestDecodedValuesEqualBuiltOnes: what decoding keeps besides the fields is empty for ordinary JSON, so
// a decoded value equals the value built in Go.
func TestDecodedValuesEqualBuiltOnes(t *testing.T) {
	in := `[{"type":"section","text":{"type":"mrkdwn","text":"hi"},"accessory":{"type":"button","action_id":"a","text":{"type":"plain_text","text":"B"}}},
		{"type":"table","rows":[[{"type":"raw_text","text":"n"},{"type":"raw_number","value":2}]]}]`
	var blocks slack.Blocks

	require.NoError(t, json.Unmarshal([]byte(in), &blocks))

	assert.Equal(t, slack.Blocks{
		slack.SectionBlock{Text: slack.MarkdownText("hi"), Accessory: slack.Button("a", "B")},
		slack.TableBlock{Rows: [][]slack.TableCell{{slack.RawTextObject{Text: "n"}, slack.RawNumberObject{Value: 2}}}},
	}, blocks)
}
