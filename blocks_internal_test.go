package slack

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// blockKitDecodeTypes are the Block Kit struct types, for decodeTypes: each decodes itself, keeping
// what it has no field for.
var blockKitDecodeTypes = []any{
	TriggerInputParameter{}, TableColumnSettings{}, DataVisualizationChart{}, ChartSegment{}, ChartSeries{},
	ChartPoint{}, ChartAxisConfig{}, RawTextObject{}, RawNumberObject{}, ConfirmObject{}, OptionObject{},
	OptionGroupObject{}, DispatchActionConfigObject{}, ConversationFilterObject{}, SlackFileObject{},
	SlackIconObject{}, WorkflowObject{}, TriggerObject{}, FeedbackButtonObject{}, RichTextStyle{},
	RichTextSection{}, RichTextList{}, RichTextPreformatted{}, RichTextQuote{}, RichTextText{}, RichTextLink{},
	RichTextEmoji{}, RichTextUser{}, RichTextChannel{}, RichTextUsergroup{}, RichTextTeam{},
	RichTextBroadcast{}, RichTextColor{}, RichTextDate{}, RichTextCitation{}, RichTextTag{}, RichTextFile{},
	RichTextCanvas{}, RichTextCanvasUserMention{}, RichTextCanvasMessageUnfurl{}, RichTextListRecord{},
	RichTextMessageMention{}, RichTextAttachmentMention{}, RichTextWorkObjectMention{},
	RichTextWorkflowMention{}, RichTextSalesforceDataField{}, ActionsBlock{}, AlertBlock{}, CardBlock{},
	CarouselBlock{}, ContainerBlock{}, ContextActionsBlock{}, DataTableBlock{}, DataVisualizationBlock{},
	FileBlock{}, ImageBlock{}, InputBlock{}, MarkdownBlock{}, PlanBlock{}, RichTextBlock{}, TableBlock{},
	TaskCardBlock{}, VideoBlock{}, CallBlock{}, ButtonElement{}, CheckboxesElement{}, DatePickerElement{},
	DateTimePickerElement{}, EmailTextInputElement{}, ImageElement{}, StaticSelectElement{},
	ExternalSelectElement{}, UsersSelectElement{}, ConversationsSelectElement{}, ChannelsSelectElement{},
	MultiStaticSelectElement{}, MultiExternalSelectElement{}, MultiUsersSelectElement{},
	MultiConversationsSelectElement{}, MultiChannelsSelectElement{}, NumberInputElement{}, OverflowElement{},
	PlainTextInputElement{}, RadioButtonsElement{}, RichTextInputElement{}, TimePickerElement{},
	URLTextInputElement{}, FileInputElement{}, WorkflowButtonElement{}, FeedbackButtonsElement{},
	IconButtonElement{}, URLElement{},
}

// fillKit sets every field of a Block Kit value, for a round trip of values built in Go.
func fillKit(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s\u00e9\"\n")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(3)
	case reflect.Float64:
		v.SetFloat(-1.25)
	case reflect.Pointer:
		if depth < 4 && isKit(v.Type().Elem()) {
			v.Set(reflect.New(v.Type().Elem()))
			fillKit(v.Elem(), depth+1)
		}
	case reflect.Struct:
		if isKit(v.Type()) {
			for _, f := range planOf(v.Type()).fields {
				fillKit(v.Field(f.index), depth)
			}
		}
	case reflect.Slice:
		if v.Type() == rawMessage || isRawKit(v.Type()) {
			v.SetBytes([]byte(`{"a":[1,null]}`))
			return
		}
		if depth < 4 {
			s := reflect.MakeSlice(v.Type(), 1, 1)
			fillKit(s.Index(0), depth+1)
			v.Set(s)
		}
	case reflect.Interface:
		fam := families[v.Type()]
		if fam == nil || depth >= 4 {
			return
		}
		names := make([]string, 0, len(fam.types))
		for name := range fam.types {
			names = append(names, name)
		}
		slices.Sort(names)
		m := reflect.New(fam.types[names[depth%len(names)]].typ).Elem()
		fillKit(m, depth+1)
		v.Set(m)
	}
}

// TestBuiltValuesRoundTrip fills every field of every Block Kit type, encodes it, decodes it and
// encodes it again: the two encodings are the same.
func TestBuiltValuesRoundTrip(t *testing.T) {
	for _, x := range blockKitDecodeTypes {
		typ := reflect.TypeOf(x)
		v := reflect.New(typ)
		fillKit(v.Elem(), 0)
		first, err := json.Marshal(v.Interface())
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		back := reflect.New(typ)
		if err := json.Unmarshal(first, back.Interface()); err != nil {
			t.Fatalf("%s: %v\n%s", typ, err, first)
		}
		second, err := json.Marshal(back.Interface())
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		if string(first) != string(second) {
			t.Errorf("%s changed in a round trip:\n%s\n%s", typ, first, second)
		}
		// Every exported field came back.
		for _, f := range planOf(typ).fields {
			a, b := v.Elem().Field(f.index), back.Elem().Field(f.index)
			if a.IsZero() != b.IsZero() {
				t.Errorf("%s.%s did not come back", typ, typ.Field(f.index).Name)
			}
		}
	}
}
