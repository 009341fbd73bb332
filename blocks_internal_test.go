package slack

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
