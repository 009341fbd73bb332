package slack

import "encoding/json"

// RichTextElement is a part of a RichTextBlock: a container (RichTextSection, RichTextList,
// RichTextPreformatted, RichTextQuote), an inline element of a container (RichTextText, RichTextLink,
// RichTextUser, …), or a RawRichTextElement holding the JSON of an element of a type the package does
// not know.
type RichTextElement interface {
	// RichTextType is the element's "type" ("rich_text_section", "text", "link", …).
	RichTextType() string
}

// RawRichTextElement is a rich text element as JSON, kept as Slack sent it. It is sent as it is and not
// validated.
type RawRichTextElement []byte

// RichTextType reads the element's "type".
func (r RawRichTextElement) RichTextType() string { return rawType(r) }

// MarshalJSON returns the element's JSON (null if it is empty).
func (r RawRichTextElement) MarshalJSON() ([]byte, error) { return rawJSON("RawRichTextElement", r) }

// UnmarshalJSON keeps a copy of data.
func (r *RawRichTextElement) UnmarshalJSON(data []byte) error {
	*r = append((*r)[:0], data...)
	return nil
}

// RichTextStyle is the style of an inline element. Slack accepts Code only on text, links and dates.
type RichTextStyle struct {
	Bold            bool `json:"bold,omitempty"`
	Italic          bool `json:"italic,omitempty"`
	Strike          bool `json:"strike,omitempty"`
	Code            bool `json:"code,omitempty"`
	Underline       bool `json:"underline,omitempty"`
	Highlight       bool `json:"highlight,omitempty"`
	ClientHighlight bool `json:"client_highlight,omitempty"`
	Unlink          bool `json:"unlink,omitempty"`
	keep
}

// MarshalJSON encodes the style, with every field it was decoded with.
func (v RichTextStyle) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the style, keeping fields this package has no name for.
func (v *RichTextStyle) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// knownRichText are the rich text element types of the package.
var knownRichText = []RichTextElement{
	RichTextSection{}, RichTextList{}, RichTextPreformatted{}, RichTextQuote{},
	RichTextText{}, RichTextLink{}, RichTextEmoji{}, RichTextUser{}, RichTextChannel{}, RichTextUsergroup{},
	RichTextTeam{}, RichTextBroadcast{}, RichTextColor{}, RichTextDate{}, RichTextCitation{}, RichTextTag{},
	RichTextFile{}, RichTextCanvas{}, RichTextCanvasUserMention{}, RichTextCanvasMessageUnfurl{},
	RichTextListRecord{}, RichTextMessageMention{}, RichTextAttachmentMention{}, RichTextWorkObjectMention{},
	RichTextWorkflowMention{}, RichTextSalesforceDataField{},
}

// RichTextSection is a "rich_text_section" container of a rich_text block.
type RichTextSection struct {
	Elements []RichTextElement `json:"elements,omitempty"`
	keep
}

// RichTextType returns "rich_text_section".
func (RichTextSection) RichTextType() string { return "rich_text_section" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextSection) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextSection) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextList is a "rich_text_list" container of a rich_text block.
type RichTextList struct {
	Style    string            `json:"style,omitempty"`
	Elements []RichTextElement `json:"elements,omitempty"`
	Indent   int               `json:"indent,omitempty"`
	Offset   int               `json:"offset,omitempty"`
	Border   int               `json:"border,omitempty"`
	keep
}

// RichTextType returns "rich_text_list".
func (RichTextList) RichTextType() string { return "rich_text_list" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextList) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextList) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextPreformatted is a "rich_text_preformatted" container of a rich_text block.
type RichTextPreformatted struct {
	Elements []RichTextElement `json:"elements,omitempty"`
	Border   int               `json:"border,omitempty"`
	Language string            `json:"language,omitempty"`
	keep
}

// RichTextType returns "rich_text_preformatted".
func (RichTextPreformatted) RichTextType() string { return "rich_text_preformatted" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextPreformatted) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextPreformatted) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextQuote is a "rich_text_quote" container of a rich_text block.
type RichTextQuote struct {
	Elements []RichTextElement `json:"elements,omitempty"`
	Border   int               `json:"border,omitempty"`
	keep
}

// RichTextType returns "rich_text_quote".
func (RichTextQuote) RichTextType() string { return "rich_text_quote" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextQuote) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextQuote) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextText is the "text" inline element of rich text.
type RichTextText struct {
	Text  string         `json:"text,omitempty"`
	Style *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "text".
func (RichTextText) RichTextType() string { return "text" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextText) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextText) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextLink is the "link" inline element of rich text.
type RichTextLink struct {
	URL    string         `json:"url,omitempty"`
	Text   string         `json:"text,omitempty"`
	Unsafe bool           `json:"unsafe,omitempty"`
	Style  *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "link".
func (RichTextLink) RichTextType() string { return "link" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextLink) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextLink) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextEmoji is the "emoji" inline element of rich text.
type RichTextEmoji struct {
	Name     string         `json:"name,omitempty"`
	SkinTone int            `json:"skin_tone,omitempty"`
	Unicode  string         `json:"unicode,omitempty"`
	URL      string         `json:"url,omitempty"`
	Style    *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "emoji".
func (RichTextEmoji) RichTextType() string { return "emoji" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextEmoji) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextEmoji) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextUser is the "user" inline element of rich text.
type RichTextUser struct {
	UserID string         `json:"user_id,omitempty"`
	Style  *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "user".
func (RichTextUser) RichTextType() string { return "user" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextUser) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextUser) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextChannel is the "channel" inline element of rich text.
type RichTextChannel struct {
	ChannelID string         `json:"channel_id,omitempty"`
	Style     *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "channel".
func (RichTextChannel) RichTextType() string { return "channel" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextChannel) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextChannel) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextUsergroup is the "usergroup" inline element of rich text.
type RichTextUsergroup struct {
	UsergroupID string         `json:"usergroup_id,omitempty"`
	Style       *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "usergroup".
func (RichTextUsergroup) RichTextType() string { return "usergroup" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextUsergroup) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextUsergroup) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextTeam is the "team" inline element of rich text.
type RichTextTeam struct {
	TeamID string         `json:"team_id,omitempty"`
	Style  *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "team".
func (RichTextTeam) RichTextType() string { return "team" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextTeam) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextTeam) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextBroadcast is the "broadcast" inline element of rich text.
type RichTextBroadcast struct {
	Range string         `json:"range,omitempty"`
	Style *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "broadcast".
func (RichTextBroadcast) RichTextType() string { return "broadcast" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextBroadcast) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextBroadcast) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextColor is the "color" inline element of rich text.
type RichTextColor struct {
	Value string         `json:"value,omitempty"`
	Style *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "color".
func (RichTextColor) RichTextType() string { return "color" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextColor) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextColor) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextDate is the "date" inline element of rich text.
type RichTextDate struct {
	Timestamp int64          `json:"timestamp"`
	Format    string         `json:"format,omitempty"`
	Timezone  string         `json:"timezone,omitempty"`
	URL       string         `json:"url,omitempty"`
	Fallback  string         `json:"fallback,omitempty"`
	Style     *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "date".
func (RichTextDate) RichTextType() string { return "date" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextDate) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextDate) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextCitation is the "citation" inline element of rich text.
type RichTextCitation struct {
	URL        string          `json:"url,omitempty"`
	Text       string          `json:"text,omitempty"`
	Index      float64         `json:"index,omitempty"`
	Details    json.RawMessage `json:"details,omitempty"`
	FromLLM    bool            `json:"from_llm,omitempty"`
	IsSlackURL bool            `json:"is_slack_url,omitempty"`
	keep
}

// RichTextType returns "citation".
func (RichTextCitation) RichTextType() string { return "citation" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextCitation) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextCitation) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextTag is the "tag" inline element of rich text.
type RichTextTag struct {
	Text  string         `json:"text,omitempty"`
	Color string         `json:"color,omitempty"`
	Style *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "tag".
func (RichTextTag) RichTextType() string { return "tag" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextTag) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextTag) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextFile is the "file" inline element of rich text.
type RichTextFile struct {
	FileID            string         `json:"file_id,omitempty"`
	Text              string         `json:"text,omitempty"`
	URL               string         `json:"url,omitempty"`
	IsSkillInvocation bool           `json:"is_skill_invocation,omitempty"`
	Style             *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "file".
func (RichTextFile) RichTextType() string { return "file" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextFile) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextFile) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextCanvas is the "canvas" inline element of rich text.
type RichTextCanvas struct {
	FileID            string         `json:"file_id,omitempty"`
	Label             string         `json:"label,omitempty"`
	HideTitle         bool           `json:"hide_title,omitempty"`
	SectionID         string         `json:"section_id,omitempty"`
	Text              string         `json:"text,omitempty"`
	URL               string         `json:"url,omitempty"`
	IsSkillInvocation bool           `json:"is_skill_invocation,omitempty"`
	Style             *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "canvas".
func (RichTextCanvas) RichTextType() string { return "canvas" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextCanvas) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextCanvas) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextCanvasUserMention is the "canvas_user_mention" inline element of rich text.
type RichTextCanvasUserMention struct {
	UserID   string         `json:"user_id,omitempty"`
	ThreadID string         `json:"thread_id,omitempty"`
	Style    *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "canvas_user_mention".
func (RichTextCanvasUserMention) RichTextType() string { return "canvas_user_mention" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextCanvasUserMention) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextCanvasUserMention) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextCanvasMessageUnfurl is the "canvas_message_unfurl" inline element of rich text.
type RichTextCanvasMessageUnfurl struct {
	RootMessageChannel string         `json:"root_message_channel,omitempty"`
	RootMessageTS      string         `json:"root_message_ts,omitempty"`
	Style              *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "canvas_message_unfurl".
func (RichTextCanvasMessageUnfurl) RichTextType() string { return "canvas_message_unfurl" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextCanvasMessageUnfurl) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextCanvasMessageUnfurl) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextListRecord is the "list_record" inline element of rich text.
type RichTextListRecord struct {
	FileID   string         `json:"file_id,omitempty"`
	RecordID string         `json:"record_id,omitempty"`
	ViewID   string         `json:"view_id,omitempty"`
	Text     string         `json:"text,omitempty"`
	URL      string         `json:"url,omitempty"`
	Style    *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "list_record".
func (RichTextListRecord) RichTextType() string { return "list_record" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextListRecord) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextListRecord) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextMessageMention is the "message_mention" inline element of rich text.
type RichTextMessageMention struct {
	ChannelID string         `json:"channel_id,omitempty"`
	MessageTS string         `json:"message_ts,omitempty"`
	AuthorID  string         `json:"author_id,omitempty"`
	ThreadTS  string         `json:"thread_ts,omitempty"`
	Text      string         `json:"text,omitempty"`
	URL       string         `json:"url,omitempty"`
	Style     *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "message_mention".
func (RichTextMessageMention) RichTextType() string { return "message_mention" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextMessageMention) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextMessageMention) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextAttachmentMention is the "attachment_mention" inline element of rich text.
type RichTextAttachmentMention struct {
	URL                    string         `json:"url,omitempty"`
	Text                   string         `json:"text,omitempty"`
	AppID                  string         `json:"app_id,omitempty"`
	EntityID               string         `json:"entity_id,omitempty"`
	IconURL                string         `json:"icon_url,omitempty"`
	ChannelID              string         `json:"channel_id,omitempty"`
	TS                     string         `json:"ts,omitempty"`
	FullSizePreviewEnabled bool           `json:"full_size_preview_enabled,omitempty"`
	IconName               string         `json:"icon_name,omitempty"`
	ReferenceObjectType    string         `json:"reference_object_type,omitempty"`
	ProductName            string         `json:"product_name,omitempty"`
	Style                  *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "attachment_mention".
func (RichTextAttachmentMention) RichTextType() string { return "attachment_mention" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextAttachmentMention) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextAttachmentMention) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextWorkObjectMention is the "work_object_mention" inline element of rich text.
type RichTextWorkObjectMention struct {
	EntityID               string         `json:"entity_id,omitempty"`
	AppID                  string         `json:"app_id,omitempty"`
	Text                   string         `json:"text,omitempty"`
	URL                    string         `json:"url,omitempty"`
	IconURL                string         `json:"icon_url,omitempty"`
	FullSizePreviewEnabled bool           `json:"full_size_preview_enabled,omitempty"`
	ProductName            string         `json:"product_name,omitempty"`
	Style                  *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "work_object_mention".
func (RichTextWorkObjectMention) RichTextType() string { return "work_object_mention" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextWorkObjectMention) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextWorkObjectMention) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextWorkflowMention is the "workflow_mention" inline element of rich text.
type RichTextWorkflowMention struct {
	WorkflowID        string         `json:"workflow_id,omitempty"`
	FunctionTriggerID string         `json:"function_trigger_id,omitempty"`
	Text              string         `json:"text,omitempty"`
	URL               string         `json:"url,omitempty"`
	ChannelID         string         `json:"channel_id,omitempty"`
	TS                string         `json:"ts,omitempty"`
	Style             *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "workflow_mention".
func (RichTextWorkflowMention) RichTextType() string { return "workflow_mention" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextWorkflowMention) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextWorkflowMention) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextSalesforceDataField is the "salesforce_data_field" inline element of rich text.
type RichTextSalesforceDataField struct {
	SalesforceRecordID              string         `json:"salesforce_record_id,omitempty"`
	SalesforceFieldLabel            string         `json:"salesforce_field_label,omitempty"`
	SalesforceFieldAPIName          string         `json:"salesforce_field_api_name,omitempty"`
	SalesforceIncludeFieldLabel     bool           `json:"salesforce_include_field_label,omitempty"`
	HasWithheldSalesforceFieldNames bool           `json:"has_withheld_salesforce_field_names,omitempty"`
	Style                           *RichTextStyle `json:"style,omitempty"`
	keep
}

// RichTextType returns "salesforce_data_field".
func (RichTextSalesforceDataField) RichTextType() string { return "salesforce_data_field" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextSalesforceDataField) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextSalesforceDataField) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }
