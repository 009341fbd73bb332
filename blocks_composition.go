package slack

// TableCell is a cell of a TableBlock or a DataTableBlock: a RawTextObject, a RawNumberObject, a
// RichTextBlock, or a RawTableCell holding the JSON of a cell of a type the package does not know.
type TableCell interface {
	// CellType is the cell's "type" ("raw_text", "raw_number", "rich_text").
	CellType() string
}

// RawTableCell is a table cell as JSON, kept as Slack sent it. It is sent as it is and not validated.
type RawTableCell []byte

// CellType reads the cell's "type".
func (r RawTableCell) CellType() string { return rawType(r) }

// MarshalJSON returns the cell's JSON (null if it is empty).
func (r RawTableCell) MarshalJSON() ([]byte, error) { return rawJSON("RawTableCell", r) }

// UnmarshalJSON keeps a copy of data.
func (r *RawTableCell) UnmarshalJSON(data []byte) error {
	*r = append((*r)[:0], data...)
	return nil
}

// knownCells are the cell types of the package.
var knownCells = []TableCell{RawTextObject{}, RawNumberObject{}, RichTextBlock{}}

// CellType returns "raw_text".
func (RawTextObject) CellType() string { return "raw_text" }

// CellType returns "raw_number".
func (RawNumberObject) CellType() string { return "raw_number" }

// CellType returns "rich_text": a rich_text block is also a table cell.
func (RichTextBlock) CellType() string { return "rich_text" }

// ElementType returns the text object's Type, "plain_text" or "mrkdwn": a text object is an element of
// a context block.
func (t TextObject) ElementType() string { return t.Type }

// MarkdownText returns a "mrkdwn" text object.
func MarkdownText(text string) *TextObject { return &TextObject{Type: "mrkdwn", Text: text} }

// PlainText returns a "plain_text" text object.
func PlainText(text string) *TextObject { return &TextObject{Type: "plain_text", Text: text} }

// PlainOption returns an option with a plain-text label and a value.
func PlainOption(text, value string) OptionObject {
	return OptionObject{Text: PlainText(text), Value: value}
}

// TriggerInputParameter is a named input a workflow's trigger is given.
type TriggerInputParameter struct {
	Name  string `json:"name,omitempty"`
	Value string `json:"value,omitempty"`
	keep
}

// MarshalJSON encodes the parameter, with every field it was decoded with.
func (v TriggerInputParameter) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the parameter, keeping fields this package has no name for.
func (v *TriggerInputParameter) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// TableColumnSettings is how a column of a TableBlock shows: its alignment ("left", "center", "right")
// and whether its text wraps.
type TableColumnSettings struct {
	Align     string `json:"align,omitempty"`
	IsWrapped bool   `json:"is_wrapped,omitempty"`
	keep
}

// MarshalJSON encodes the settings, with every field they were decoded with.
func (v TableColumnSettings) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the settings, keeping fields this package has no name for.
func (v *TableColumnSettings) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// DataVisualizationChart is the chart of a DataVisualizationBlock. Type is "pie" (with Segments) or
// "bar", "area" or "line" (with Series and AxisConfig).
type DataVisualizationChart struct {
	Type       string           `json:"type,omitempty"`
	Segments   []ChartSegment   `json:"segments,omitempty"`
	Series     []ChartSeries    `json:"series,omitempty"`
	AxisConfig *ChartAxisConfig `json:"axis_config,omitempty"`
	keep
}

// MarshalJSON encodes the chart, with every field it was decoded with.
func (v DataVisualizationChart) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the chart, keeping fields this package has no name for.
func (v *DataVisualizationChart) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ChartSegment is a slice of a pie chart.
type ChartSegment struct {
	Label string  `json:"label,omitempty"`
	Value float64 `json:"value"`
	keep
}

// MarshalJSON encodes the segment, with every field it was decoded with.
func (v ChartSegment) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the segment, keeping fields this package has no name for.
func (v *ChartSegment) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ChartSeries is a named series of a bar, area or line chart: one point per category.
type ChartSeries struct {
	Name string       `json:"name,omitempty"`
	Data []ChartPoint `json:"data,omitempty"`
	keep
}

// MarshalJSON encodes the series, with every field it was decoded with.
func (v ChartSeries) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the series, keeping fields this package has no name for.
func (v *ChartSeries) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ChartPoint is the value of a series for one category.
type ChartPoint struct {
	Label string  `json:"label,omitempty"`
	Value float64 `json:"value"`
	keep
}

// MarshalJSON encodes the point, with every field it was decoded with.
func (v ChartPoint) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the point, keeping fields this package has no name for.
func (v *ChartPoint) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ChartAxisConfig names the categories and the axes of a bar, area or line chart.
type ChartAxisConfig struct {
	Categories []string `json:"categories,omitempty"`
	XLabel     string   `json:"x_label,omitempty"`
	YLabel     string   `json:"y_label,omitempty"`
	keep
}

// MarshalJSON encodes the axis configuration, with every field it was decoded with.
func (v ChartAxisConfig) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the axis configuration, keeping fields this package has no name for.
func (v *ChartAxisConfig) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// TextObject is a text object: Slack's mrkdwn ("mrkdwn") or plain text ("plain_text"). Many fields
// take only plain text; Validate says which.
type TextObject struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	Emoji    bool   `json:"emoji,omitempty"`
	Verbatim bool   `json:"verbatim,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v TextObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *TextObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RawTextObject is a cell of plain text in a table or data table.
type RawTextObject struct {
	Text string `json:"text,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v RawTextObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *RawTextObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RawNumberObject is a cell holding a number in a table or data table; Text, if set, is shown instead.
type RawNumberObject struct {
	Value float64 `json:"value"`
	Text  string  `json:"text,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v RawNumberObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *RawNumberObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ConfirmObject is a confirmation dialog shown before an element's action. The docs want plain_text in
// all four text fields; the other SDKs also accept mrkdwn for Text. This package follows the docs.
type ConfirmObject struct {
	Title   *TextObject `json:"title,omitempty"`
	Text    *TextObject `json:"text,omitempty"`
	Confirm *TextObject `json:"confirm,omitempty"`
	Deny    *TextObject `json:"deny,omitempty"`
	Style   string      `json:"style,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v ConfirmObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *ConfirmObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// OptionObject is one choice of a select menu, an overflow menu, checkboxes or radio buttons. Its Value
// may hold 150 characters (the docs; older docs said 75).
type OptionObject struct {
	Text        *TextObject `json:"text,omitempty"`
	Value       string      `json:"value,omitempty"`
	Description *TextObject `json:"description,omitempty"`
	URL         string      `json:"url,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v OptionObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *OptionObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// OptionGroupObject is a labelled group of options in a select menu.
type OptionGroupObject struct {
	Label   *TextObject    `json:"label,omitempty"`
	Options []OptionObject `json:"options,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v OptionGroupObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *OptionGroupObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// DispatchActionConfigObject says when a text input sends a block_actions payload.
type DispatchActionConfigObject struct {
	TriggerActionsOn []string `json:"trigger_actions_on,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v DispatchActionConfigObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *DispatchActionConfigObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ConversationFilterObject narrows the conversations a conversations select offers.
type ConversationFilterObject struct {
	Include                       []string `json:"include,omitempty"`
	ExcludeExternalSharedChannels bool     `json:"exclude_external_shared_channels,omitempty"`
	ExcludeBotUsers               bool     `json:"exclude_bot_users,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v ConversationFilterObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *ConversationFilterObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// SlackFileObject is an image file hosted by Slack, by URL or by ID (one of them).
type SlackFileObject struct {
	URL string `json:"url,omitempty"`
	ID  string `json:"id,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v SlackFileObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *SlackFileObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// SlackIconObject is one of Slack's named icons ("type":"icon"), for a card.
type SlackIconObject struct {
	Name string `json:"name,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v SlackIconObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *SlackIconObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// WorkflowObject is the workflow a workflow button starts.
type WorkflowObject struct {
	Trigger *TriggerObject `json:"trigger,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v WorkflowObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *WorkflowObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// TriggerObject is a link trigger of a workflow, with the inputs it is given.
type TriggerObject struct {
	URL                         string                  `json:"url,omitempty"`
	CustomizableInputParameters []TriggerInputParameter `json:"customizable_input_parameters,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v TriggerObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *TriggerObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// FeedbackButtonObject is the positive or the negative button of a FeedbackButtonsElement.
type FeedbackButtonObject struct {
	Text               *TextObject `json:"text,omitempty"`
	Value              string      `json:"value,omitempty"`
	AccessibilityLabel string      `json:"accessibility_label,omitempty"`
	keep
}

// MarshalJSON encodes the object, with every field it was decoded with.
func (v FeedbackButtonObject) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the object, keeping fields this package has no name for.
func (v *FeedbackButtonObject) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }
