package slack

// BlockElement is an element of a block: an interactive element (ButtonElement, StaticSelectElement, …),
// an ImageElement, a TextObject where a context block takes text, or a RawElement holding the JSON of an
// element of a type the package does not know.
type BlockElement interface {
	// ElementType is the element's "type" ("button", "static_select", …).
	ElementType() string
}

// RawElement is an element as JSON: an element of a type this package does not know, kept as Slack sent
// it, or an element of the caller's own making. It is sent as it is and not validated.
type RawElement []byte

// ElementType reads the element's "type".
func (r RawElement) ElementType() string { return rawType(r) }

// MarshalJSON returns the element's JSON (null if it is empty).
func (r RawElement) MarshalJSON() ([]byte, error) { return rawJSON("RawElement", r) }

// UnmarshalJSON keeps a copy of data.
func (r *RawElement) UnmarshalJSON(data []byte) error {
	*r = append((*r)[:0], data...)
	return nil
}

// Button returns a button with a plain-text label that sends actionID when clicked.
func Button(actionID, text string) ButtonElement {
	return ButtonElement{ActionID: actionID, Text: PlainText(text)}
}

// knownElements are the element types of the package; elements decode to them by their "type" (and
// "plain_text" and "mrkdwn" to a TextObject).
var knownElements = []BlockElement{
	ButtonElement{}, CheckboxesElement{}, DatePickerElement{}, DateTimePickerElement{}, EmailTextInputElement{},
	ImageElement{}, StaticSelectElement{}, ExternalSelectElement{}, UsersSelectElement{},
	ConversationsSelectElement{}, ChannelsSelectElement{}, MultiStaticSelectElement{},
	MultiExternalSelectElement{}, MultiUsersSelectElement{}, MultiConversationsSelectElement{},
	MultiChannelsSelectElement{}, NumberInputElement{}, OverflowElement{}, PlainTextInputElement{},
	RadioButtonsElement{}, RichTextInputElement{}, TimePickerElement{}, URLTextInputElement{}, FileInputElement{},
	WorkflowButtonElement{}, FeedbackButtonsElement{}, IconButtonElement{}, URLElement{},
}

// ButtonElement is the "button" element, for a section's accessory, an actions block or a card.
type ButtonElement struct {
	Text               *TextObject    `json:"text,omitempty"`
	ActionID           string         `json:"action_id,omitempty"`
	URL                string         `json:"url,omitempty"`
	Value              string         `json:"value,omitempty"`
	Style              string         `json:"style,omitempty"`
	Confirm            *ConfirmObject `json:"confirm,omitempty"`
	AccessibilityLabel string         `json:"accessibility_label,omitempty"`
	keep
}

// ElementType returns "button".
func (ButtonElement) ElementType() string { return "button" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v ButtonElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *ButtonElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// CheckboxesElement is the "checkboxes" element, in section, actions, input.
type CheckboxesElement struct {
	ActionID       string         `json:"action_id,omitempty"`
	Options        []OptionObject `json:"options,omitempty"`
	InitialOptions []OptionObject `json:"initial_options,omitempty"`
	Confirm        *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad    bool           `json:"focus_on_load,omitempty"`
	keep
}

// ElementType returns "checkboxes".
func (CheckboxesElement) ElementType() string { return "checkboxes" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v CheckboxesElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *CheckboxesElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// DatePickerElement is the "datepicker" element, in section, actions, input.
type DatePickerElement struct {
	ActionID    string         `json:"action_id,omitempty"`
	InitialDate string         `json:"initial_date,omitempty"`
	Confirm     *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad bool           `json:"focus_on_load,omitempty"`
	Placeholder *TextObject    `json:"placeholder,omitempty"`
	keep
}

// ElementType returns "datepicker".
func (DatePickerElement) ElementType() string { return "datepicker" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v DatePickerElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *DatePickerElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// DateTimePickerElement is the "datetimepicker" element, in actions, input.
type DateTimePickerElement struct {
	ActionID        string         `json:"action_id,omitempty"`
	InitialDateTime int            `json:"initial_date_time,omitempty"`
	Confirm         *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad     bool           `json:"focus_on_load,omitempty"`
	keep
}

// ElementType returns "datetimepicker".
func (DateTimePickerElement) ElementType() string { return "datetimepicker" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v DateTimePickerElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *DateTimePickerElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// EmailTextInputElement is the "email_text_input" element, in input.
type EmailTextInputElement struct {
	ActionID             string                      `json:"action_id,omitempty"`
	InitialValue         string                      `json:"initial_value,omitempty"`
	DispatchActionConfig *DispatchActionConfigObject `json:"dispatch_action_config,omitempty"`
	FocusOnLoad          bool                        `json:"focus_on_load,omitempty"`
	Placeholder          *TextObject                 `json:"placeholder,omitempty"`
	keep
}

// ElementType returns "email_text_input".
func (EmailTextInputElement) ElementType() string { return "email_text_input" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v EmailTextInputElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *EmailTextInputElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ImageElement is the "image" element: a section's accessory, a context element, or a card's or container's icon.
type ImageElement struct {
	AltText   string           `json:"alt_text,omitempty"`
	ImageURL  string           `json:"image_url,omitempty"`
	SlackFile *SlackFileObject `json:"slack_file,omitempty"`
	keep
}

// ElementType returns "image".
func (ImageElement) ElementType() string { return "image" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v ImageElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *ImageElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// StaticSelectElement is the "static_select" element (in section, actions, input). It takes
// exactly one of Options and OptionGroups. The current docs make placeholder optional (older docs and
// python-slack-sdk require it).
type StaticSelectElement struct {
	ActionID      string              `json:"action_id,omitempty"`
	Placeholder   *TextObject         `json:"placeholder,omitempty"`
	Confirm       *ConfirmObject      `json:"confirm,omitempty"`
	FocusOnLoad   bool                `json:"focus_on_load,omitempty"`
	Options       []OptionObject      `json:"options,omitempty"`
	OptionGroups  []OptionGroupObject `json:"option_groups,omitempty"`
	InitialOption *OptionObject       `json:"initial_option,omitempty"`
	keep
}

// ElementType returns "static_select".
func (StaticSelectElement) ElementType() string { return "static_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v StaticSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *StaticSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ExternalSelectElement is the "external_select" element, in section, actions, input.
type ExternalSelectElement struct {
	ActionID       string         `json:"action_id,omitempty"`
	Placeholder    *TextObject    `json:"placeholder,omitempty"`
	Confirm        *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad    bool           `json:"focus_on_load,omitempty"`
	InitialOption  *OptionObject  `json:"initial_option,omitempty"`
	MinQueryLength int            `json:"min_query_length,omitempty"`
	keep
}

// ElementType returns "external_select".
func (ExternalSelectElement) ElementType() string { return "external_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v ExternalSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *ExternalSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// UsersSelectElement is the "users_select" element, in section, actions, input.
type UsersSelectElement struct {
	ActionID    string         `json:"action_id,omitempty"`
	Placeholder *TextObject    `json:"placeholder,omitempty"`
	Confirm     *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad bool           `json:"focus_on_load,omitempty"`
	InitialUser string         `json:"initial_user,omitempty"`
	keep
}

// ElementType returns "users_select".
func (UsersSelectElement) ElementType() string { return "users_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v UsersSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *UsersSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ConversationsSelectElement is the "conversations_select" element, in section, actions, input.
type ConversationsSelectElement struct {
	ActionID                     string                    `json:"action_id,omitempty"`
	Placeholder                  *TextObject               `json:"placeholder,omitempty"`
	Confirm                      *ConfirmObject            `json:"confirm,omitempty"`
	FocusOnLoad                  bool                      `json:"focus_on_load,omitempty"`
	InitialConversation          string                    `json:"initial_conversation,omitempty"`
	DefaultToCurrentConversation bool                      `json:"default_to_current_conversation,omitempty"`
	ResponseURLEnabled           bool                      `json:"response_url_enabled,omitempty"`
	Filter                       *ConversationFilterObject `json:"filter,omitempty"`
	keep
}

// ElementType returns "conversations_select".
func (ConversationsSelectElement) ElementType() string { return "conversations_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v ConversationsSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *ConversationsSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// ChannelsSelectElement is the "channels_select" element, in section, actions, input.
type ChannelsSelectElement struct {
	ActionID           string         `json:"action_id,omitempty"`
	Placeholder        *TextObject    `json:"placeholder,omitempty"`
	Confirm            *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad        bool           `json:"focus_on_load,omitempty"`
	InitialChannel     string         `json:"initial_channel,omitempty"`
	ResponseURLEnabled bool           `json:"response_url_enabled,omitempty"`
	keep
}

// ElementType returns "channels_select".
func (ChannelsSelectElement) ElementType() string { return "channels_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v ChannelsSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *ChannelsSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// MultiStaticSelectElement is the "multi_static_select" element, in section, actions, input.
type MultiStaticSelectElement struct {
	ActionID         string              `json:"action_id,omitempty"`
	Placeholder      *TextObject         `json:"placeholder,omitempty"`
	Confirm          *ConfirmObject      `json:"confirm,omitempty"`
	FocusOnLoad      bool                `json:"focus_on_load,omitempty"`
	Options          []OptionObject      `json:"options,omitempty"`
	OptionGroups     []OptionGroupObject `json:"option_groups,omitempty"`
	InitialOptions   []OptionObject      `json:"initial_options,omitempty"`
	MaxSelectedItems int                 `json:"max_selected_items,omitempty"`
	keep
}

// ElementType returns "multi_static_select".
func (MultiStaticSelectElement) ElementType() string { return "multi_static_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v MultiStaticSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *MultiStaticSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// MultiExternalSelectElement is the "multi_external_select" element, in section, actions, input.
type MultiExternalSelectElement struct {
	ActionID         string         `json:"action_id,omitempty"`
	Placeholder      *TextObject    `json:"placeholder,omitempty"`
	Confirm          *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad      bool           `json:"focus_on_load,omitempty"`
	InitialOptions   []OptionObject `json:"initial_options,omitempty"`
	MinQueryLength   int            `json:"min_query_length,omitempty"`
	MaxSelectedItems int            `json:"max_selected_items,omitempty"`
	keep
}

// ElementType returns "multi_external_select".
func (MultiExternalSelectElement) ElementType() string { return "multi_external_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v MultiExternalSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *MultiExternalSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// MultiUsersSelectElement is the "multi_users_select" element, in section, actions, input.
type MultiUsersSelectElement struct {
	ActionID         string         `json:"action_id,omitempty"`
	Placeholder      *TextObject    `json:"placeholder,omitempty"`
	Confirm          *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad      bool           `json:"focus_on_load,omitempty"`
	InitialUsers     []string       `json:"initial_users,omitempty"`
	MaxSelectedItems int            `json:"max_selected_items,omitempty"`
	keep
}

// ElementType returns "multi_users_select".
func (MultiUsersSelectElement) ElementType() string { return "multi_users_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v MultiUsersSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *MultiUsersSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// MultiConversationsSelectElement is the "multi_conversations_select" element, in section, actions, input.
type MultiConversationsSelectElement struct {
	ActionID                     string                    `json:"action_id,omitempty"`
	Placeholder                  *TextObject               `json:"placeholder,omitempty"`
	Confirm                      *ConfirmObject            `json:"confirm,omitempty"`
	FocusOnLoad                  bool                      `json:"focus_on_load,omitempty"`
	InitialConversations         []string                  `json:"initial_conversations,omitempty"`
	DefaultToCurrentConversation bool                      `json:"default_to_current_conversation,omitempty"`
	Filter                       *ConversationFilterObject `json:"filter,omitempty"`
	MaxSelectedItems             int                       `json:"max_selected_items,omitempty"`
	keep
}

// ElementType returns "multi_conversations_select".
func (MultiConversationsSelectElement) ElementType() string { return "multi_conversations_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v MultiConversationsSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *MultiConversationsSelectElement) UnmarshalJSON(data []byte) error {
	return unmarshalKit(data, v)
}

// MultiChannelsSelectElement is the "multi_channels_select" element, in section, actions, input.
type MultiChannelsSelectElement struct {
	ActionID         string         `json:"action_id,omitempty"`
	Placeholder      *TextObject    `json:"placeholder,omitempty"`
	Confirm          *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad      bool           `json:"focus_on_load,omitempty"`
	InitialChannels  []string       `json:"initial_channels,omitempty"`
	MaxSelectedItems int            `json:"max_selected_items,omitempty"`
	keep
}

// ElementType returns "multi_channels_select".
func (MultiChannelsSelectElement) ElementType() string { return "multi_channels_select" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v MultiChannelsSelectElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *MultiChannelsSelectElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// NumberInputElement is the "number_input" element, in input.
type NumberInputElement struct {
	IsDecimalAllowed     bool                        `json:"is_decimal_allowed"`
	ActionID             string                      `json:"action_id,omitempty"`
	InitialValue         string                      `json:"initial_value,omitempty"`
	MinValue             string                      `json:"min_value,omitempty"`
	MaxValue             string                      `json:"max_value,omitempty"`
	DispatchActionConfig *DispatchActionConfigObject `json:"dispatch_action_config,omitempty"`
	FocusOnLoad          bool                        `json:"focus_on_load,omitempty"`
	Placeholder          *TextObject                 `json:"placeholder,omitempty"`
	keep
}

// ElementType returns "number_input".
func (NumberInputElement) ElementType() string { return "number_input" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v NumberInputElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *NumberInputElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// OverflowElement is the "overflow" element, in section (accessory), actions.
type OverflowElement struct {
	ActionID string         `json:"action_id,omitempty"`
	Options  []OptionObject `json:"options,omitempty"`
	Confirm  *ConfirmObject `json:"confirm,omitempty"`
	keep
}

// ElementType returns "overflow".
func (OverflowElement) ElementType() string { return "overflow" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v OverflowElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *OverflowElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// PlainTextInputElement is the "plain_text_input" element, in input.
type PlainTextInputElement struct {
	ActionID             string                      `json:"action_id,omitempty"`
	InitialValue         string                      `json:"initial_value,omitempty"`
	Multiline            bool                        `json:"multiline,omitempty"`
	MinLength            int                         `json:"min_length,omitempty"`
	MaxLength            int                         `json:"max_length,omitempty"`
	DispatchActionConfig *DispatchActionConfigObject `json:"dispatch_action_config,omitempty"`
	FocusOnLoad          bool                        `json:"focus_on_load,omitempty"`
	Placeholder          *TextObject                 `json:"placeholder,omitempty"`
	keep
}

// ElementType returns "plain_text_input".
func (PlainTextInputElement) ElementType() string { return "plain_text_input" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v PlainTextInputElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *PlainTextInputElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RadioButtonsElement is the "radio_buttons" element, in section, actions, input.
type RadioButtonsElement struct {
	ActionID      string         `json:"action_id,omitempty"`
	Options       []OptionObject `json:"options,omitempty"`
	InitialOption *OptionObject  `json:"initial_option,omitempty"`
	Confirm       *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad   bool           `json:"focus_on_load,omitempty"`
	keep
}

// ElementType returns "radio_buttons".
func (RadioButtonsElement) ElementType() string { return "radio_buttons" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RadioButtonsElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RadioButtonsElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// RichTextInputElement is the "rich_text_input" element, in an input block. The docs require its action_id.
type RichTextInputElement struct {
	ActionID             string                      `json:"action_id,omitempty"`
	InitialValue         *RichTextBlock              `json:"initial_value,omitempty"`
	DispatchActionConfig *DispatchActionConfigObject `json:"dispatch_action_config,omitempty"`
	FocusOnLoad          bool                        `json:"focus_on_load,omitempty"`
	Placeholder          *TextObject                 `json:"placeholder,omitempty"`
	MinLines             int                         `json:"min_lines,omitempty"`
	MaxLines             int                         `json:"max_lines,omitempty"`
	keep
}

// ElementType returns "rich_text_input".
func (RichTextInputElement) ElementType() string { return "rich_text_input" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v RichTextInputElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *RichTextInputElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// TimePickerElement is the "timepicker" element, in section, actions, input.
type TimePickerElement struct {
	ActionID    string         `json:"action_id,omitempty"`
	InitialTime string         `json:"initial_time,omitempty"`
	Confirm     *ConfirmObject `json:"confirm,omitempty"`
	FocusOnLoad bool           `json:"focus_on_load,omitempty"`
	Placeholder *TextObject    `json:"placeholder,omitempty"`
	Timezone    string         `json:"timezone,omitempty"`
	keep
}

// ElementType returns "timepicker".
func (TimePickerElement) ElementType() string { return "timepicker" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v TimePickerElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *TimePickerElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// URLTextInputElement is the "url_text_input" element, in input.
type URLTextInputElement struct {
	ActionID             string                      `json:"action_id,omitempty"`
	InitialValue         string                      `json:"initial_value,omitempty"`
	DispatchActionConfig *DispatchActionConfigObject `json:"dispatch_action_config,omitempty"`
	FocusOnLoad          bool                        `json:"focus_on_load,omitempty"`
	Placeholder          *TextObject                 `json:"placeholder,omitempty"`
	keep
}

// ElementType returns "url_text_input".
func (URLTextInputElement) ElementType() string { return "url_text_input" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v URLTextInputElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *URLTextInputElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// FileInputElement is the "file_input" element, in input.
type FileInputElement struct {
	ActionID  string   `json:"action_id,omitempty"`
	Filetypes []string `json:"filetypes,omitempty"`
	MaxFiles  int      `json:"max_files,omitempty"`
	keep
}

// ElementType returns "file_input".
func (FileInputElement) ElementType() string { return "file_input" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v FileInputElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *FileInputElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// WorkflowButtonElement is the "workflow_button" element, in section (accessory), actions.
type WorkflowButtonElement struct {
	Text               *TextObject     `json:"text,omitempty"`
	Workflow           *WorkflowObject `json:"workflow,omitempty"`
	ActionID           string          `json:"action_id,omitempty"`
	Style              string          `json:"style,omitempty"`
	AccessibilityLabel string          `json:"accessibility_label,omitempty"`
	keep
}

// ElementType returns "workflow_button".
func (WorkflowButtonElement) ElementType() string { return "workflow_button" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v WorkflowButtonElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *WorkflowButtonElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// FeedbackButtonsElement is the "feedback_buttons" element, in context_actions.
type FeedbackButtonsElement struct {
	PositiveButton *FeedbackButtonObject `json:"positive_button,omitempty"`
	NegativeButton *FeedbackButtonObject `json:"negative_button,omitempty"`
	ActionID       string                `json:"action_id,omitempty"`
	keep
}

// ElementType returns "feedback_buttons".
func (FeedbackButtonsElement) ElementType() string { return "feedback_buttons" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v FeedbackButtonsElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *FeedbackButtonsElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// IconButtonElement is the "icon_button" element, in context_actions.
type IconButtonElement struct {
	Icon               string         `json:"icon,omitempty"`
	Text               *TextObject    `json:"text,omitempty"`
	ActionID           string         `json:"action_id,omitempty"`
	Value              string         `json:"value,omitempty"`
	Confirm            *ConfirmObject `json:"confirm,omitempty"`
	AccessibilityLabel string         `json:"accessibility_label,omitempty"`
	VisibleToUserIDs   []string       `json:"visible_to_user_ids,omitempty"`
	keep
}

// ElementType returns "icon_button".
func (IconButtonElement) ElementType() string { return "icon_button" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v IconButtonElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *IconButtonElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }

// URLElement is the "url" element, in task_card.sources.
type URLElement struct {
	URL  string `json:"url,omitempty"`
	Text string `json:"text,omitempty"`
	keep
}

// ElementType returns "url".
func (URLElement) ElementType() string { return "url" }

// MarshalJSON encodes the element, with every field it was decoded with.
func (v URLElement) MarshalJSON() ([]byte, error) { return marshalKit(&v) }

// UnmarshalJSON decodes the element, keeping fields this package has no name for.
func (v *URLElement) UnmarshalJSON(data []byte) error { return unmarshalKit(data, v) }
