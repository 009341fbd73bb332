package slack_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

var (
	plain  = slack.PlainText
	mrkdwn = slack.MarkdownText
)

func times(s string, n int) string { return strings.Repeat(s, n) }

func nBlocks(n int) slack.Blocks {
	b := make(slack.Blocks, n)
	for i := range b {
		b[i] = slack.DividerBlock{}
	}
	return b
}

func nElements(n int, f func(i int) slack.BlockElement) []slack.BlockElement {
	out := make([]slack.BlockElement, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func button(i int) slack.BlockElement { return slack.Button("a"+strings.Repeat("x", i), "B") }

func options(n int) []slack.OptionObject {
	out := make([]slack.OptionObject, n)
	for i := range out {
		out[i] = slack.PlainOption("o", "v"+strings.Repeat("x", i))
	}
	return out
}

func section(text string) slack.SectionBlock { return slack.SectionBlock{Text: mrkdwn(text)} }

func cells(n int, text string) []slack.TableCell {
	out := make([]slack.TableCell, n)
	for i := range out {
		out[i] = slack.RawTextObject{Text: text}
	}
	return out
}

// blockViolations has at least one violation of every limit the package checks, and where Slack (and
// the error) locates it.
var blockViolations = []struct {
	name   string
	blocks slack.Blocks
	ptr    string
}{
	{"51 blocks in a message", nBlocks(51), "/blocks"},
	{"nil block", slack.Blocks{nil}, "/blocks/0"},
	{"block_id over 255", slack.Blocks{slack.DividerBlock{BlockID: times("b", 256)}}, "/blocks/0/block_id"},
	{"duplicate block_id", slack.Blocks{slack.DividerBlock{BlockID: "x"}, slack.DividerBlock{BlockID: "x"}}, "/blocks/1/block_id"},
	{"section without text or fields", slack.Blocks{slack.SectionBlock{}}, "/blocks/0"},
	{"section text over 3000", slack.Blocks{section(times("a", 3001))}, "/blocks/0/text/text"},
	{"empty text", slack.Blocks{section("")}, "/blocks/0/text/text"},
	{"text object without type", slack.Blocks{slack.SectionBlock{Text: &slack.TextObject{Text: "x"}}}, "/blocks/0/text/type"},
	{"text object of unknown type", slack.Blocks{slack.SectionBlock{Text: &slack.TextObject{Type: "html", Text: "x"}}}, "/blocks/0/text/type"},
	{"11 section fields", slack.Blocks{slack.SectionBlock{Fields: make([]slack.TextObject, 11)}}, "/blocks/0/fields"},
	{"section field over 2000", slack.Blocks{slack.SectionBlock{Fields: []slack.TextObject{*mrkdwn(times("a", 2001))}}}, "/blocks/0/fields/0/text"},
	{"accessory not allowed in a section", slack.Blocks{slack.SectionBlock{Text: mrkdwn("t"), Accessory: slack.PlainTextInputElement{}}}, "/blocks/0/accessory/type"},
	{"header text over 150", slack.Blocks{slack.HeaderBlock{Text: plain(times("h", 151))}}, "/blocks/0/text/text"},
	{"header in mrkdwn", slack.Blocks{slack.HeaderBlock{Text: mrkdwn("h")}}, "/blocks/0/text/type"},
	{"header without text", slack.Blocks{slack.HeaderBlock{}}, "/blocks/0/text"},
	{"header level 5", slack.Blocks{slack.HeaderBlock{Text: plain("h"), Level: 5}}, "/blocks/0/level"},
	{"image without alt_text", slack.Blocks{slack.ImageBlock{ImageURL: "https://x/i.png"}}, "/blocks/0/alt_text"},
	{"image without url or file", slack.Blocks{slack.ImageBlock{AltText: "a"}}, "/blocks/0"},
	{"image with url and file", slack.Blocks{slack.ImageBlock{AltText: "a", ImageURL: "https://x", SlackFile: &slack.SlackFileObject{ID: "F1"}}}, "/blocks/0/slack_file"},
	{"image url over 3000", slack.Blocks{slack.ImageBlock{AltText: "a", ImageURL: times("u", 3001)}}, "/blocks/0/image_url"},
	{"image title in mrkdwn", slack.Blocks{slack.ImageBlock{AltText: "a", ImageURL: "https://x", Title: mrkdwn("t")}}, "/blocks/0/title/type"},
	{"slack file with url and id", slack.Blocks{slack.ImageBlock{AltText: "a", SlackFile: &slack.SlackFileObject{ID: "F", URL: "u"}}}, "/blocks/0/slack_file/id"},
	{"actions without elements", slack.Blocks{slack.ActionsBlock{}}, "/blocks/0/elements"},
	{"26 actions", slack.Blocks{slack.ActionsBlock{Elements: nElements(26, button)}}, "/blocks/0/elements"},
	{"element not allowed in actions", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.PlainTextInputElement{}}}}, "/blocks/0/elements/0/type"},
	{"duplicate action_id in a block", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.Button("a", "1"), slack.Button("a", "2")}}}, "/blocks/0/elements/1/action_id"},
	{"action_id over 255", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.Button(times("a", 256), "1")}}}, "/blocks/0/elements/0/action_id"},
	{"button text over 75", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.Button("a", times("b", 76))}}}, "/blocks/0/elements/0/text/text"},
	{"button text in mrkdwn", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: mrkdwn("b")}}}}, "/blocks/0/elements/0/text/type"},
	{"button value over 2000", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"), Value: times("v", 2001)}}}}, "/blocks/0/elements/0/value"},
	{"button url over 3000", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"), URL: times("u", 3001)}}}}, "/blocks/0/elements/0/url"},
	{"button style", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"), Style: "loud"}}}}, "/blocks/0/elements/0/style"},
	{"button accessibility_label over 75", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"), AccessibilityLabel: times("l", 76)}}}}, "/blocks/0/elements/0/accessibility_label"},
	{"button without text", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{ActionID: "a"}}}}, "/blocks/0/elements/0/text"},
	{"confirm title over 100", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"),
		Confirm: &slack.ConfirmObject{Title: plain(times("t", 101)), Text: plain("x"), Confirm: plain("y"), Deny: plain("n")}}}}}, "/blocks/0/elements/0/confirm/title/text"},
	{"confirm without deny", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"),
		Confirm: &slack.ConfirmObject{Title: plain("t"), Text: plain("x"), Confirm: plain("y")}}}}}, "/blocks/0/elements/0/confirm/deny"},
	{"confirm text over 300", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"),
		Confirm: &slack.ConfirmObject{Title: plain("t"), Text: plain(times("x", 301)), Confirm: plain("y"), Deny: plain("n")}}}}}, "/blocks/0/elements/0/confirm/text/text"},
	{"confirm button over 30", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"),
		Confirm: &slack.ConfirmObject{Title: plain("t"), Text: plain("x"), Confirm: plain(times("y", 31)), Deny: plain("n")}}}}}, "/blocks/0/elements/0/confirm/confirm/text"},
	{"confirm style", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ButtonElement{Text: plain("b"),
		Confirm: &slack.ConfirmObject{Title: plain("t"), Text: plain("x"), Confirm: plain("y"), Deny: plain("n"), Style: "pink"}}}}}, "/blocks/0/elements/0/confirm/style"},
	{"static select without options", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{}}}}, "/blocks/0/elements/0"},
	{"static select with options and groups", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{Options: options(1),
		OptionGroups: []slack.OptionGroupObject{{Label: plain("g"), Options: options(1)}}}}}}, "/blocks/0/elements/0/option_groups"},
	{"101 select options", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{Options: options(101)}}}}, "/blocks/0/elements/0/options"},
	{"101 option groups", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.MultiStaticSelectElement{
		OptionGroups: make([]slack.OptionGroupObject, 101)}}}}, "/blocks/0/elements/0/option_groups"},
	{"option group label in mrkdwn", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{
		OptionGroups: []slack.OptionGroupObject{{Label: mrkdwn("g"), Options: options(1)}}}}}}, "/blocks/0/elements/0/option_groups/0/label/type"},
	{"select option in mrkdwn", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{
		Options: []slack.OptionObject{{Text: mrkdwn("o"), Value: "v"}}}}}}, "/blocks/0/elements/0/options/0/text/type"},
	{"option text over 75", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{
		Options: []slack.OptionObject{slack.PlainOption(times("o", 76), "v")}}}}}, "/blocks/0/elements/0/options/0/text/text"},
	{"option value over 150", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{
		Options: []slack.OptionObject{slack.PlainOption("o", times("v", 151))}}}}}, "/blocks/0/elements/0/options/0/value"},
	{"option without value", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.StaticSelectElement{
		Options: []slack.OptionObject{{Text: plain("o")}}}}}}, "/blocks/0/elements/0/options/0/value"},
	{"placeholder over 150", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.UsersSelectElement{Placeholder: plain(times("p", 151))}}}}, "/blocks/0/elements/0/placeholder/text"},
	{"placeholder in mrkdwn", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ChannelsSelectElement{Placeholder: mrkdwn("p")}}}}, "/blocks/0/elements/0/placeholder/type"},
	{"11 checkboxes", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.CheckboxesElement{Options: options(11)}}}}, "/blocks/0/elements/0/options"},
	{"11 radio buttons", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.RadioButtonsElement{Options: options(11)}}}}, "/blocks/0/elements/0/options"},
	{"6 overflow options", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.OverflowElement{Options: options(6)}}}}, "/blocks/0/elements/0/options"},
	{"max_selected_items 0 or less", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.MultiUsersSelectElement{MaxSelectedItems: -1}}}}, "/blocks/0/elements/0/max_selected_items"},
	{"conversation filter empty", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ConversationsSelectElement{Filter: &slack.ConversationFilterObject{}}}}}, "/blocks/0/elements/0/filter"},
	{"conversation filter include", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.ConversationsSelectElement{Filter: &slack.ConversationFilterObject{Include: []string{"dm"}}}}}}, "/blocks/0/elements/0/filter/include/0"},
	{"workflow button without workflow", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.WorkflowButtonElement{ActionID: "w", Text: plain("Run")}}}}, "/blocks/0/elements/0/workflow"},
	{"workflow button without action_id", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.WorkflowButtonElement{Text: plain("Run"),
		Workflow: &slack.WorkflowObject{Trigger: &slack.TriggerObject{URL: "https://slack.com/shortcuts/x"}}}}}}, "/blocks/0/elements/0/action_id"},
	{"context without elements", slack.Blocks{slack.ContextBlock{}}, "/blocks/0/elements"},
	{"11 context elements", slack.Blocks{slack.ContextBlock{Elements: nElements(11, func(int) slack.BlockElement { return mrkdwn("x") })}}, "/blocks/0/elements"},
	{"button in context", slack.Blocks{slack.ContextBlock{Elements: []slack.BlockElement{slack.Button("a", "b")}}}, "/blocks/0/elements/0/type"},
	{"context image without alt_text", slack.Blocks{slack.ContextBlock{Elements: []slack.BlockElement{slack.ImageElement{ImageURL: "https://x"}}}}, "/blocks/0/elements/0/alt_text"},
	{"6 context actions", slack.Blocks{slack.ContextActionsBlock{Elements: nElements(6, func(int) slack.BlockElement {
		return slack.IconButtonElement{Icon: "trash", Text: plain("Delete")}
	})}}, "/blocks/0/elements"},
	{"icon button icon", slack.Blocks{slack.ContextActionsBlock{Elements: []slack.BlockElement{slack.IconButtonElement{Icon: "bomb", Text: plain("x")}}}}, "/blocks/0/elements/0/icon"},
	{"feedback buttons without negative", slack.Blocks{slack.ContextActionsBlock{Elements: []slack.BlockElement{slack.FeedbackButtonsElement{
		PositiveButton: &slack.FeedbackButtonObject{Text: plain("Good"), Value: "up"}}}}}, "/blocks/0/elements/0/negative_button"},
	{"input without label", slack.Blocks{slack.InputBlock{Element: slack.PlainTextInputElement{}}}, "/blocks/0/label"},
	{"input label over 2000", slack.Blocks{slack.InputBlock{Label: plain(times("l", 2001)), Element: slack.PlainTextInputElement{}}}, "/blocks/0/label/text"},
	{"input hint in mrkdwn", slack.Blocks{slack.InputBlock{Label: plain("l"), Hint: mrkdwn("h"), Element: slack.PlainTextInputElement{}}}, "/blocks/0/hint/type"},
	{"input without element", slack.Blocks{slack.InputBlock{Label: plain("l")}}, "/blocks/0/element"},
	{"button in input", slack.Blocks{slack.InputBlock{Label: plain("l"), Element: slack.Button("a", "b")}}, "/blocks/0/element/type"},
	{"plain text input max_length over 3000", slack.Blocks{slack.InputBlock{Label: plain("l"), Element: slack.PlainTextInputElement{MaxLength: 3001}}}, "/blocks/0/element/max_length"},
	{"plain text input min_length over 3000", slack.Blocks{slack.InputBlock{Label: plain("l"), Element: slack.PlainTextInputElement{MinLength: 3001}}}, "/blocks/0/element/min_length"},
	{"dispatch trigger", slack.Blocks{slack.InputBlock{Label: plain("l"), Element: slack.URLTextInputElement{
		DispatchActionConfig: &slack.DispatchActionConfigObject{TriggerActionsOn: []string{"on_blur"}}}}}, "/blocks/0/element/dispatch_action_config/trigger_actions_on/0"},
	{"rich text input without action_id", slack.Blocks{slack.InputBlock{Label: plain("l"), Element: slack.RichTextInputElement{}}}, "/blocks/0/element/action_id"},
	{"rich text input max_lines over 100", slack.Blocks{slack.InputBlock{Label: plain("l"), Element: slack.RichTextInputElement{ActionID: "r", MaxLines: 101}}}, "/blocks/0/element/max_lines"},
	{"file input max_files over 10", slack.Blocks{slack.InputBlock{Label: plain("l"), Element: slack.FileInputElement{MaxFiles: 11}}}, "/blocks/0/element/max_files"},
	{"file block without external_id", slack.Blocks{slack.FileBlock{Source: "remote"}}, "/blocks/0/external_id"},
	{"file block source", slack.Blocks{slack.FileBlock{ExternalID: "x", Source: "local"}}, "/blocks/0/source"},
	{"markdown over 12000", slack.Blocks{slack.MarkdownBlock{Text: times("m", 12001)}}, "/blocks/0/text"},
	{"markdown blocks over 12000 together", slack.Blocks{slack.MarkdownBlock{Text: times("m", 7000)}, slack.MarkdownBlock{Text: times("m", 5001)}}, "/blocks/1/text"},
	{"markdown without text", slack.Blocks{slack.MarkdownBlock{}}, "/blocks/0/text"},
	{"rich text without elements", slack.Blocks{slack.RichTextBlock{}}, "/blocks/0/elements"},
	{"rich text list style", slack.Blocks{slack.RichTextBlock{Elements: []slack.RichTextElement{slack.RichTextList{Style: "dashed",
		Elements: []slack.RichTextElement{slack.RichTextSection{Elements: []slack.RichTextElement{slack.RichTextText{Text: "x"}}}}}}}}, "/blocks/0/elements/0/style"},
	{"inline element at the top of rich text", slack.Blocks{slack.RichTextBlock{Elements: []slack.RichTextElement{slack.RichTextText{Text: "x"}}}}, "/blocks/0/elements/0/type"},
	{"rich text user without user_id", slack.Blocks{slack.RichTextBlock{Elements: []slack.RichTextElement{slack.RichTextSection{
		Elements: []slack.RichTextElement{slack.RichTextUser{}}}}}}, "/blocks/0/elements/0/elements/0/user_id"},
	{"rich text broadcast range", slack.Blocks{slack.RichTextBlock{Elements: []slack.RichTextElement{slack.RichTextSection{
		Elements: []slack.RichTextElement{slack.RichTextBroadcast{Range: "world"}}}}}}, "/blocks/0/elements/0/elements/0/range"},
	{"101 table rows", slack.Blocks{slack.TableBlock{Rows: func() [][]slack.TableCell {
		r := make([][]slack.TableCell, 101)
		for i := range r {
			r[i] = cells(1, "c")
		}
		return r
	}()}}, "/blocks/0/rows"},
	{"21 table cells", slack.Blocks{slack.TableBlock{Rows: [][]slack.TableCell{cells(21, "c")}}}, "/blocks/0/rows/0"},
	{"21 column settings", slack.Blocks{slack.TableBlock{Rows: [][]slack.TableCell{cells(1, "c")}, ColumnSettings: make([]*slack.TableColumnSettings, 21)}}, "/blocks/0/column_settings"},
	{"column align", slack.Blocks{slack.TableBlock{Rows: [][]slack.TableCell{cells(1, "c")}, ColumnSettings: []*slack.TableColumnSettings{{Align: "justify"}}}}, "/blocks/0/column_settings/0/align"},
	{"table over 10000 characters", slack.Blocks{slack.TableBlock{Rows: [][]slack.TableCell{cells(11, times("c", 1000))}}}, "/blocks/0/rows"},
	{"tables over 10000 characters together", slack.Blocks{slack.TableBlock{Rows: [][]slack.TableCell{cells(6, times("c", 1000))}},
		slack.TableBlock{Rows: [][]slack.TableCell{cells(5, times("c", 1000))}}}, "/blocks/1/rows"},
	{"table without rows", slack.Blocks{slack.TableBlock{}}, "/blocks/0/rows"},
	{"video without thumbnail", slack.Blocks{slack.VideoBlock{AltText: "a", VideoURL: "https://v", Title: plain("t")}}, "/blocks/0/thumbnail_url"},
	{"video title over 199", slack.Blocks{slack.VideoBlock{AltText: "a", VideoURL: "https://v", ThumbnailURL: "https://t", Title: plain(times("t", 200))}}, "/blocks/0/title/text"},
	{"video author over 49", slack.Blocks{slack.VideoBlock{AltText: "a", VideoURL: "https://v", ThumbnailURL: "https://t", Title: plain("t"), AuthorName: times("a", 50)}}, "/blocks/0/author_name"},
	{"alert text over 200", slack.Blocks{slack.AlertBlock{Text: plain(times("a", 201))}}, "/blocks/0/text/text"},
	{"alert level", slack.Blocks{slack.AlertBlock{Text: plain("a"), Level: "panic"}}, "/blocks/0/level"},
	{"empty card", slack.Blocks{slack.CardBlock{}}, "/blocks/0"},
	{"card title over 150", slack.Blocks{slack.CardBlock{Title: mrkdwn(times("t", 151))}}, "/blocks/0/title/text"},
	{"card body over 200", slack.Blocks{slack.CardBlock{Body: mrkdwn(times("b", 201))}}, "/blocks/0/body/text"},
	{"4 card buttons", slack.Blocks{slack.CardBlock{Actions: nElements(4, button)}}, "/blocks/0/actions"},
	{"empty carousel", slack.Blocks{slack.CarouselBlock{}}, "/blocks/0/elements"},
	{"11 carousel cards", slack.Blocks{slack.CarouselBlock{Elements: make([]slack.CardBlock, 11)}}, "/blocks/0/elements"},
	{"container without title", slack.Blocks{slack.ContainerBlock{ChildBlocks: slack.Blocks{slack.DividerBlock{}}}}, "/blocks/0"},
	{"container title over 150", slack.Blocks{slack.ContainerBlock{Title: plain(times("t", 151)), ChildBlocks: slack.Blocks{slack.DividerBlock{}}}}, "/blocks/0/title/text"},
	{"11 container children", slack.Blocks{slack.ContainerBlock{Title: plain("t"), ChildBlocks: nBlocks(11)}}, "/blocks/0/child_blocks"},
	{"markdown in a container", slack.Blocks{slack.ContainerBlock{Title: plain("t"), ChildBlocks: slack.Blocks{slack.MarkdownBlock{Text: "x"}}}}, "/blocks/0/child_blocks/0/type"},
	{"container width", slack.Blocks{slack.ContainerBlock{Title: plain("t"), Width: "huge", ChildBlocks: nBlocks(1)}}, "/blocks/0/width"},
	{"data table without caption", slack.Blocks{slack.DataTableBlock{Rows: [][]slack.TableCell{cells(1, "h"), cells(1, "c")}}}, "/blocks/0/caption"},
	{"data table of one row", slack.Blocks{slack.DataTableBlock{Caption: "c", Rows: [][]slack.TableCell{cells(1, "h")}}}, "/blocks/0/rows"},
	{"data table 21 columns", slack.Blocks{slack.DataTableBlock{Caption: "c", Rows: [][]slack.TableCell{cells(21, "h"), cells(21, "c")}}}, "/blocks/0/rows/0"},
	{"data table page size", slack.Blocks{slack.DataTableBlock{Caption: "c", Rows: [][]slack.TableCell{cells(1, "h"), cells(1, "c")}, PageSize: 101}}, "/blocks/0/page_size"},
	{"chart title over 50", slack.Blocks{slack.DataVisualizationBlock{Title: times("t", 51), Chart: &slack.DataVisualizationChart{Type: "pie",
		Segments: []slack.ChartSegment{{Label: "a", Value: 1}}}}}, "/blocks/0/title"},
	{"chart type", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "radar"}}}, "/blocks/0/chart/type"},
	{"7 pie segments", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "pie",
		Segments: make([]slack.ChartSegment, 7)}}}, "/blocks/0/chart/segments"},
	{"pie segment label over 20", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "pie",
		Segments: []slack.ChartSegment{{Label: times("l", 21), Value: 1}}}}}, "/blocks/0/chart/segments/0/label"},
	{"pie segment of 0", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "pie",
		Segments: []slack.ChartSegment{{Label: "a", Value: 0}}}}}, "/blocks/0/chart/segments/0/value"},
	{"bar chart without axis", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "bar",
		Series: []slack.ChartSeries{{Name: "s", Data: []slack.ChartPoint{{Label: "a", Value: 1}}}}}}}, "/blocks/0/chart/axis_config"},
	{"point off the categories", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "line",
		AxisConfig: &slack.ChartAxisConfig{Categories: []string{"a"}},
		Series:     []slack.ChartSeries{{Name: "s", Data: []slack.ChartPoint{{Label: "b", Value: 1}}}}}}}, "/blocks/0/chart/series/0/data/0/label"},
	{"duplicate series name", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "area",
		AxisConfig: &slack.ChartAxisConfig{Categories: []string{"a"}},
		Series: []slack.ChartSeries{{Name: "s", Data: []slack.ChartPoint{{Label: "a", Value: 1}}},
			{Name: "s", Data: []slack.ChartPoint{{Label: "a", Value: 2}}}}}}}, "/blocks/0/chart/series/1/name"},
	{"axis label over 50", slack.Blocks{slack.DataVisualizationBlock{Title: "t", Chart: &slack.DataVisualizationChart{Type: "bar",
		AxisConfig: &slack.ChartAxisConfig{Categories: []string{"a"}, XLabel: times("x", 51)},
		Series:     []slack.ChartSeries{{Name: "s", Data: []slack.ChartPoint{{Label: "a", Value: 1}}}}}}}, "/blocks/0/chart/axis_config/x_label"},
	{"data table rows of different lengths", slack.Blocks{slack.DataTableBlock{Caption: "c", Rows: [][]slack.TableCell{cells(2, "h"), cells(1, "c")}}}, "/blocks/0/rows/1"},
	{"rich text in a data table header", slack.Blocks{slack.DataTableBlock{Caption: "c", Rows: [][]slack.TableCell{
		{slack.RichTextBlock{Elements: []slack.RichTextElement{}}}, cells(1, "c")}}}, "/blocks/0/rows/0/0/type"},
	{"card slack icon", slack.Blocks{slack.CardBlock{Title: plain("t"), SlackIcon: &slack.SlackIconObject{Name: "unicorn"}}}, "/blocks/0/slack_icon/name"},
	{"datepicker initial date", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.DatePickerElement{InitialDate: "03/12/2026"}}}}, "/blocks/0/elements/0/initial_date"},
	{"timepicker initial time", slack.Blocks{slack.ActionsBlock{Elements: []slack.BlockElement{slack.TimePickerElement{InitialTime: "25:00"}}}}, "/blocks/0/elements/0/initial_time"},
	{"plan without title", slack.Blocks{slack.PlanBlock{}}, "/blocks/0/title"},
	{"51 plan tasks", slack.Blocks{slack.PlanBlock{Title: "p", Tasks: make([]slack.TaskCardBlock, 51)}}, "/blocks/0/tasks"},
	{"duplicate task_id", slack.Blocks{slack.PlanBlock{Title: "p", Tasks: []slack.TaskCardBlock{{TaskID: "1", Title: "a"}, {TaskID: "1", Title: "b"}}}}, "/blocks/0/tasks/1/task_id"},
	{"task status", slack.Blocks{slack.TaskCardBlock{TaskID: "1", Title: "t", Status: "done"}}, "/blocks/0/status"},
	{"pointer to a block", slack.Blocks{&slack.HeaderBlock{Text: mrkdwn("h")}}, "/blocks/0/text/type"},
	{"nil pointer to a block", slack.Blocks{(*slack.DividerBlock)(nil)}, "/blocks/0"},
	{"pointer to a text element", slack.Blocks{slack.ContextBlock{Elements: []slack.BlockElement{plain(times("t", 3001))}}}, "/blocks/0/elements/0/text"},
	{"nil pointer to an element", slack.Blocks{slack.ContextBlock{Elements: []slack.BlockElement{(*slack.TextObject)(nil)}}}, "/blocks/0/elements/0"},
	{"task source without url", slack.Blocks{slack.TaskCardBlock{TaskID: "1", Title: "t", Sources: []slack.URLElement{{Text: "x"}}}}, "/blocks/0/sources/0/url"},
}

func TestBlockViolationsAreRefusedBeforeSending(t *testing.T) {
	for _, tc := range blockViolations {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := newTestClient(t)

			_, err := c.Chat.PostMessage(t.Context(), "C1", &slack.ChatPostMessageParams{Text: "fallback", Blocks: tc.blocks})

			assertNothingSent(t, srv, err, "[json-pointer:"+tc.ptr+"]")
		})
	}
}

func TestBlockViolationsAreFoundByValidate(t *testing.T) {
	for _, tc := range blockViolations {
		err := tc.blocks.Validate(slack.SurfaceMessage)
		var se *slack.Error
		if !errors.As(err, &se) || se.Code != slack.ErrInvalidArguments {
			t.Errorf("%s: Validate returned %v, want an ErrInvalidArguments", tc.name, err)
			continue
		}
		assert.Contains(t, strings.Join(se.Messages, "\n"), "[json-pointer:"+tc.ptr+"]", tc.name)
	}
}

func TestEveryChatMethodValidatesBlocks(t *testing.T) {
	bad := slack.Blocks{slack.HeaderBlock{Text: mrkdwn("h")}}
	attachments := slack.Attachments{{Fallback: "f"}, {Blocks: bad}}
	calls := map[string]func(c *slack.Client) error{
		"postMessage": func(c *slack.Client) error {
			_, err := c.Chat.PostMessage(t.Context(), "C1", &slack.ChatPostMessageParams{Blocks: bad})
			return err
		},
		"postMessage attachments": func(c *slack.Client) error {
			_, err := c.Chat.PostMessage(t.Context(), "C1", &slack.ChatPostMessageParams{Attachments: attachments})
			return err
		},
		"postEphemeral": func(c *slack.Client) error {
			_, err := c.Chat.PostEphemeral(t.Context(), "C1", "U1", &slack.ChatPostEphemeralParams{Blocks: bad})
			return err
		},
		"postEphemeral attachments": func(c *slack.Client) error {
			_, err := c.Chat.PostEphemeral(t.Context(), "C1", "U1", &slack.ChatPostEphemeralParams{Text: "t", Attachments: attachments})
			return err
		},
		"update": func(c *slack.Client) error {
			_, err := c.Chat.Update(t.Context(), "C1", "1.1", &slack.ChatUpdateParams{Blocks: bad})
			return err
		},
		"update attachments": func(c *slack.Client) error {
			_, err := c.Chat.Update(t.Context(), "C1", "1.1", &slack.ChatUpdateParams{Attachments: attachments})
			return err
		},
		"unfurl": func(c *slack.Client) error {
			return c.Chat.Unfurl(t.Context(), "C1", "1.1", map[string]slack.Attachment{"https://x.test/a/b": {Blocks: bad}}, nil)
		},
		"unfurl auth blocks": func(c *slack.Client) error {
			return c.Chat.Unfurl(t.Context(), "C1", "1.1", map[string]slack.Attachment{"https://x.test/": {Text: "t"}},
				&slack.ChatUnfurlParams{UserAuthBlocks: bad})
		},
	}
	want := map[string]string{
		"postMessage": "/blocks/0/text/type", "postEphemeral": "/blocks/0/text/type", "update": "/blocks/0/text/type",
		"postMessage attachments": "/attachments/1/blocks/0/text/type", "postEphemeral attachments": "/attachments/1/blocks/0/text/type",
		"update attachments": "/attachments/1/blocks/0/text/type",
		"unfurl":             "/unfurls/https:~1~1x.test~1a~1b/blocks/0/text/type", "unfurl auth blocks": "/user_auth_blocks/0/text/type",
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			assertNothingSent(t, srv, call(c), "[json-pointer:"+want[name]+"]")
		})
	}
}

func TestValidateCountsBlocksBySurface(t *testing.T) {
	assert.NoError(t, nBlocks(50).Validate(slack.SurfaceMessage))
	assert.Error(t, nBlocks(51).Validate(slack.SurfaceMessage))
	assert.NoError(t, nBlocks(100).Validate(slack.SurfaceModal))
	assert.NoError(t, nBlocks(100).Validate(slack.SurfaceHome))
	err := nBlocks(101).Validate(slack.SurfaceModal)
	assertCode(t, err, slack.ErrInvalidArguments)
	assert.Contains(t, err.Error(), "no more than 100 items allowed [json-pointer:/blocks]")
	assert.Error(t, nBlocks(101).Validate(slack.SurfaceHome))
}

func TestRawBlocksAreNotValidated(t *testing.T) {
	c, srv := newTestClient(t)
	blocks := slack.Blocks{slack.RawBlock(`{"type":"header"}`),
		slack.ActionsBlock{Elements: []slack.BlockElement{slack.RawElement(`{"type":"button"}`)}}}

	require.NoError(t, blocks.Validate(slack.SurfaceMessage))
	_, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "t", Blocks: blocks})

	// The client sent the header without its text; the fake refuses it as Slack does.
	se := assertCode(t, err, slack.ErrInvalidBlocks)
	assert.Equal(t, []string{"[ERROR] missing required field: text [json-pointer:/blocks/0/text]"}, se.Messages)
	assert.Equal(t, 1, srv.Count("chat.postMessage"))
}

// TestValidExamplesPassValidation validates every example: the valid ones pass, and four java-slack-sdk
// fixtures, written to test serialization rather than to be posted, break documented rules that
// validation names.
func TestValidExamplesPassValidation(t *testing.T) {
	invalid := map[string][]string{
		// An image accessory without alt_text; checkbox options without text.
		"java-actions-checkboxes-channels-select.json#/blocks": {"/blocks/0/accessory/alt_text", "/blocks/1/elements/1/options/0/text"},
		// An image element in an actions block.
		"java-actions-and-section-accessories.json#/blocks": {"/blocks/1/elements/0/type"},
		// Options without text.
		"java-actions-multi-selects.json": {"/blocks/0/elements/3/option_groups/0/options/0/text"},
		// A video without alt_text and thumbnail_url.
		"java-video-block.json": {"/blocks/0/alt_text", "/blocks/0/thumbnail_url"},
	}
	valid := 0
	lists := exampleBlocks(t, "examples")
	for name, in := range lists {
		var blocks slack.Blocks
		require.NoError(t, json.Unmarshal(in, &blocks))
		surface := slack.SurfaceMessage
		if strings.Contains(name, "view") || strings.Contains(name, "alert") {
			surface = slack.SurfaceModal
		}
		err := blocks.Validate(surface)
		if want, bad := invalid[name]; bad {
			require.Error(t, err, name)
			for _, ptr := range want {
				assert.Contains(t, err.Error(), "[json-pointer:"+ptr+"]", name)
			}
			continue
		}
		assert.NoError(t, err, name)
		valid++
	}
	assert.Equal(t, len(lists)-len(invalid), valid, "every example is either valid or listed as invalid")
}

func TestValidationDoesNotChangeWhatIsSent(t *testing.T) {
	for name, in := range exampleBlocks(t, "examples") {
		var blocks slack.Blocks
		require.NoError(t, json.Unmarshal(in, &blocks))
		before, err := json.Marshal(blocks)
		require.NoError(t, err)
		_ = blocks.Validate(slack.SurfaceMessage)
		after, err := json.Marshal(blocks)
		require.NoError(t, err)
		assert.Equal(t, string(before), string(after), name)
	}
}
