package slack

import (
	"encoding/json"
	"fmt"
	"net/url"
)

// Block is a Block Kit layout block: one of the block types of this package (SectionBlock, ActionsBlock,
// RichTextBlock, …), or a RawBlock holding the JSON of a block of a type the package does not know.
type Block interface {
	// BlockType is the block's "type" ("section", "divider", …).
	BlockType() string
}

// Blocks is a list of Block Kit blocks: the blocks of a message, of an attachment, or of a view. It is
// sent as one JSON-valued form field. It decodes each block to its type (a "section" to a SectionBlock)
// and a block of a type the package does not know to a RawBlock; fields a type has no name for are kept
// too, so decoding and encoding again gives the same JSON.
//
// What a decoded value keeps beyond its fields (fields Slack sent with their zero value, fields the
// package has no name for) is unexported state. A value decoded from JSON that has none of those equals
// the value built in Go; otherwise compare the two as JSON, or with go-cmp's IgnoreUnexported.
type Blocks []Block

// EncodeValues sends the blocks as the JSON-valued form field key; nil sends nothing, an empty list
// sends [].
func (b Blocks) EncodeValues(key string, form *url.Values) error {
	if b == nil {
		return nil
	}
	return setJSON(key, b, form)
}

// MarshalJSON encodes the blocks.
func (b Blocks) MarshalJSON() ([]byte, error) { return marshalKit(&b) }

// UnmarshalJSON decodes each block to its type, or to a RawBlock.
func (b *Blocks) UnmarshalJSON(data []byte) error { return unmarshalKit(data, b) }

// RawBlock is a block as JSON: a block of a type this package does not know, kept as Slack sent it, or a
// block of the caller's own making. Decode it with json.Unmarshal into a type of your own. It is sent as
// it is and not validated.
type RawBlock []byte

// BlockType reads the block's "type".
func (r RawBlock) BlockType() string { return rawType(r) }

// MarshalJSON returns the block's JSON (null if it is empty).
func (r RawBlock) MarshalJSON() ([]byte, error) { return rawJSON("RawBlock", r) }

// UnmarshalJSON keeps a copy of data.
func (r *RawBlock) UnmarshalJSON(data []byte) error {
	*r = append((*r)[:0], data...)
	return nil
}

// rawType reads the "type" of a JSON object.
func rawType(raw []byte) string {
	var v struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(raw, &v)
	return v.Type
}

// rawJSON checks that raw is JSON; empty is null.
func rawJSON(name string, raw []byte) ([]byte, error) {
	if len(raw) == 0 {
		return []byte("null"), nil
	}
	if !json.Valid(raw) {
		return nil, fmt.Errorf("slack: %s is not valid JSON", name)
	}
	return raw, nil
}

// knownBlocks are the block types of the package; Blocks decode to them by their "type".
var knownBlocks = []Block{
	ActionsBlock{}, AlertBlock{}, CardBlock{}, CarouselBlock{}, ContainerBlock{}, ContextBlock{},
	ContextActionsBlock{}, DataTableBlock{}, DataVisualizationBlock{}, DividerBlock{}, FileBlock{},
	HeaderBlock{}, ImageBlock{}, InputBlock{}, MarkdownBlock{}, PlanBlock{}, RichTextBlock{}, SectionBlock{},
	TableBlock{}, TaskCardBlock{}, VideoBlock{}, CallBlock{},
}

// ActionsBlock is a row of interactive elements: up to 25, as the docs say now (older docs said 5).
type ActionsBlock struct {
	Elements []BlockElement `json:"elements,omitempty"`
	BlockID  string         `json:"block_id,omitempty"`
	keep
}

// BlockType returns "actions".
func (ActionsBlock) BlockType() string { return "actions" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v ActionsBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *ActionsBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// AlertBlock is a highlighted notice of a level (modals only).
type AlertBlock struct {
	Text    *TextObject `json:"text,omitempty"`
	Level   string      `json:"level,omitempty"`
	BlockID string      `json:"block_id,omitempty"`
	keep
}

// BlockType returns "alert".
func (AlertBlock) BlockType() string { return "alert" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v AlertBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *AlertBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// CardBlock is a card with an image, a title, a body and up to 3 buttons. Its texts take plain_text or
// mrkdwn, as the docs say (node types them as mrkdwn only).
type CardBlock struct {
	BlockID   string           `json:"block_id,omitempty"`
	HeroImage *ImageElement    `json:"hero_image,omitempty"`
	Icon      *ImageElement    `json:"icon,omitempty"`
	SlackIcon *SlackIconObject `json:"slack_icon,omitempty"`
	Title     *TextObject      `json:"title,omitempty"`
	Subtitle  *TextObject      `json:"subtitle,omitempty"`
	Body      *TextObject      `json:"body,omitempty"`
	Subtext   *TextObject      `json:"subtext,omitempty"`
	Actions   []BlockElement   `json:"actions,omitempty"`
	keep
}

// BlockType returns "card".
func (CardBlock) BlockType() string { return "card" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v CardBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *CardBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// CarouselBlock is a row of 1 to 10 cards.
type CarouselBlock struct {
	Elements []CardBlock `json:"elements,omitempty"`
	BlockID  string      `json:"block_id,omitempty"`
	keep
}

// BlockType returns "carousel".
func (CarouselBlock) BlockType() string { return "carousel" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v CarouselBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *CarouselBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ContainerBlock groups 1 to 10 child blocks under a title, optionally collapsible.
type ContainerBlock struct {
	Title            *TextObject    `json:"title,omitempty"`
	RichTextTitle    *RichTextBlock `json:"rich_text_title,omitempty"`
	Subtitle         *TextObject    `json:"subtitle,omitempty"`
	ChildBlocks      Blocks         `json:"child_blocks,omitempty"`
	BlockID          string         `json:"block_id,omitempty"`
	Width            string         `json:"width,omitempty"`
	Icon             *ImageElement  `json:"icon,omitempty"`
	IsCollapsible    bool           `json:"is_collapsible,omitempty"`
	DefaultCollapsed bool           `json:"default_collapsed,omitempty"`
	HasHeaderDivider bool           `json:"has_header_divider,omitempty"`
	keep
}

// BlockType returns "container".
func (ContainerBlock) BlockType() string { return "container" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v ContainerBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *ContainerBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ContextBlock is a line of small text and image elements (up to 10).
type ContextBlock struct {
	Elements []BlockElement `json:"elements,omitempty"`
	BlockID  string         `json:"block_id,omitempty"`
	keep
}

// BlockType returns "context".
func (ContextBlock) BlockType() string { return "context" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v ContextBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *ContextBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ContextActionsBlock holds the feedback and icon buttons shown under an AI app's message (up to 5).
type ContextActionsBlock struct {
	Elements []BlockElement `json:"elements,omitempty"`
	BlockID  string         `json:"block_id,omitempty"`
	keep
}

// BlockType returns "context_actions".
func (ContextActionsBlock) BlockType() string { return "context_actions" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v ContextActionsBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *ContextActionsBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// DataTableBlock is a sortable, paged table whose first row is its header.
type DataTableBlock struct {
	Caption              string        `json:"caption,omitempty"`
	Rows                 [][]TableCell `json:"rows,omitempty"`
	BlockID              string        `json:"block_id,omitempty"`
	PageSize             int           `json:"page_size,omitempty"`
	RowHeaderColumnIndex int           `json:"row_header_column_index,omitempty"`
	keep
}

// BlockType returns "data_table".
func (DataTableBlock) BlockType() string { return "data_table" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v DataTableBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *DataTableBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// DataVisualizationBlock is a chart: pie, bar, area or line.
type DataVisualizationBlock struct {
	Title   string                  `json:"title,omitempty"`
	Chart   *DataVisualizationChart `json:"chart,omitempty"`
	BlockID string                  `json:"block_id,omitempty"`
	keep
}

// BlockType returns "data_visualization".
func (DataVisualizationBlock) BlockType() string { return "data_visualization" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v DataVisualizationBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *DataVisualizationBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// DividerBlock is a horizontal rule.
type DividerBlock struct {
	BlockID string `json:"block_id,omitempty"`
	keep
}

// BlockType returns "divider".
func (DividerBlock) BlockType() string { return "divider" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v DividerBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *DividerBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// FileBlock is a remote file; Slack puts it in the messages it returns, and it cannot be posted.
type FileBlock struct {
	ExternalID string `json:"external_id,omitempty"`
	Source     string `json:"source,omitempty"`
	BlockID    string `json:"block_id,omitempty"`
	keep
}

// BlockType returns "file".
func (FileBlock) BlockType() string { return "file" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v FileBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *FileBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// HeaderBlock is a large plain-text heading (up to 150 characters). Level (1 to 4) is not on the docs'
// header page; slack-go and slack-morphism send it, so it is here for those who need it.
type HeaderBlock struct {
	Text    *TextObject `json:"text,omitempty"`
	BlockID string      `json:"block_id,omitempty"`
	Level   int         `json:"level,omitempty"`
	keep
}

// BlockType returns "header".
func (HeaderBlock) BlockType() string { return "header" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v HeaderBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *HeaderBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ImageBlock is an image, from a public URL or a Slack file.
type ImageBlock struct {
	AltText   string           `json:"alt_text,omitempty"`
	ImageURL  string           `json:"image_url,omitempty"`
	SlackFile *SlackFileObject `json:"slack_file,omitempty"`
	Title     *TextObject      `json:"title,omitempty"`
	BlockID   string           `json:"block_id,omitempty"`
	keep
}

// BlockType returns "image".
func (ImageBlock) BlockType() string { return "image" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v ImageBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *ImageBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// InputBlock collects information from the user with one element, under a plain-text label.
type InputBlock struct {
	Label          *TextObject  `json:"label,omitempty"`
	Element        BlockElement `json:"element,omitempty"`
	DispatchAction bool         `json:"dispatch_action,omitempty"`
	BlockID        string       `json:"block_id,omitempty"`
	Hint           *TextObject  `json:"hint,omitempty"`
	Optional       bool         `json:"optional,omitempty"`
	keep
}

// BlockType returns "input".
func (InputBlock) BlockType() string { return "input" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v InputBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *InputBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// MarkdownBlock is standard Markdown (not Slack's mrkdwn), as written by an LLM. All markdown blocks of
// one payload share a limit of 12,000 characters, as the docs say; python-slack-sdk and node apply it to
// each block alone.
type MarkdownBlock struct {
	Text    string `json:"text,omitempty"`
	BlockID string `json:"block_id,omitempty"`
	keep
}

// BlockType returns "markdown".
func (MarkdownBlock) BlockType() string { return "markdown" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v MarkdownBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *MarkdownBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// PlanBlock is an AI agent's plan: a title and up to 50 tasks. The docs write tasks without a "type";
// slack-go writes "type":"task_card". Both decode, and each task encodes back as it came; a task built in
// Go is written with its type.
type PlanBlock struct {
	Title   string          `json:"title,omitempty"`
	Tasks   []TaskCardBlock `json:"tasks,omitempty"`
	BlockID string          `json:"block_id,omitempty"`
	keep
}

// BlockType returns "plan".
func (PlanBlock) BlockType() string { return "plan" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v PlanBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *PlanBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextBlock is formatted text: the block the Slack composer produces for every message a user writes.
type RichTextBlock struct {
	Elements []RichTextElement `json:"elements,omitempty"`
	BlockID  string            `json:"block_id,omitempty"`
	keep
}

// BlockType returns "rich_text".
func (RichTextBlock) BlockType() string { return "rich_text" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v RichTextBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *RichTextBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// SectionBlock is a block of text, with an optional two-column list of fields and one accessory element.
type SectionBlock struct {
	Text      *TextObject  `json:"text,omitempty"`
	BlockID   string       `json:"block_id,omitempty"`
	Fields    []TextObject `json:"fields,omitempty"`
	Accessory BlockElement `json:"accessory,omitempty"`
	Expand    bool         `json:"expand,omitempty"`
	keep
}

// BlockType returns "section".
func (SectionBlock) BlockType() string { return "section" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v SectionBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *SectionBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// TableBlock is a table of up to 100 rows of up to 20 cells: RawTextObject, RawNumberObject or
// RichTextBlock. The docs allow raw_number cells; python-slack-sdk and node type only the other two.
type TableBlock struct {
	BlockID        string                 `json:"block_id,omitempty"`
	Rows           [][]TableCell          `json:"rows,omitempty"`
	ColumnSettings []*TableColumnSettings `json:"column_settings,omitempty"`
	keep
}

// BlockType returns "table".
func (TableBlock) BlockType() string { return "table" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v TableBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *TableBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// TaskCardBlock is one task of an AI agent, with its status, details, output and sources.
type TaskCardBlock struct {
	TaskID    string         `json:"task_id,omitempty"`
	Title     string         `json:"title,omitempty"`
	Details   *RichTextBlock `json:"details,omitempty"`
	Output    *RichTextBlock `json:"output,omitempty"`
	Sources   []URLElement   `json:"sources,omitempty"`
	Status    string         `json:"status,omitempty"`
	BlockID   string         `json:"block_id,omitempty"`
	HideTitle bool           `json:"hide_title,omitempty"`
	keep
}

// BlockType returns "task_card".
func (TaskCardBlock) BlockType() string { return "task_card" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v TaskCardBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *TaskCardBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// VideoBlock is an embedded video (needs the links.embed:write scope).
type VideoBlock struct {
	AltText         string      `json:"alt_text,omitempty"`
	VideoURL        string      `json:"video_url,omitempty"`
	ThumbnailURL    string      `json:"thumbnail_url,omitempty"`
	Title           *TextObject `json:"title,omitempty"`
	TitleURL        string      `json:"title_url,omitempty"`
	Description     *TextObject `json:"description,omitempty"`
	ProviderIconURL string      `json:"provider_icon_url,omitempty"`
	ProviderName    string      `json:"provider_name,omitempty"`
	AuthorName      string      `json:"author_name,omitempty"`
	BlockID         string      `json:"block_id,omitempty"`
	keep
}

// BlockType returns "video".
func (VideoBlock) BlockType() string { return "video" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v VideoBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *VideoBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// CallBlock is a Slack call, as Slack puts it in the messages it returns. It is not in Slack's Block Kit reference.
type CallBlock struct {
	BlockID                string          `json:"block_id,omitempty"`
	CallID                 string          `json:"call_id,omitempty"`
	APIDecorationAvailable bool            `json:"api_decoration_available,omitempty"`
	Call                   json.RawMessage `json:"call,omitempty"`
	keep
}

// BlockType returns "call".
func (CallBlock) BlockType() string { return "call" }

// MarshalJSON encodes the block, with every field it was decoded with.
func (v CallBlock) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the block, keeping fields this package has no name for.
func (v *CallBlock) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }
