package slack

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Surface is where blocks are shown. It sets how many blocks a list may hold: 50 in a message, 100 in a
// modal or a Home tab.
type Surface string

// The surfaces of Block Kit.
const (
	SurfaceMessage Surface = "message"
	SurfaceModal   Surface = "modal"
	SurfaceHome    Surface = "home"
)

// maxBlocks is how many blocks each surface takes.
func (s Surface) maxBlocks() int {
	if s == SurfaceModal || s == SurfaceHome {
		return 100
	}
	return 50
}

// Validate checks the blocks against the limits Slack documents for a surface: the number of blocks,
// the lengths of texts and IDs, the number of items of each list, the fields each block, element and
// object requires, the values a field allows, plain_text where only plain_text is taken, one of options
// and option_groups, unique action_ids within a block and unique block_ids, and the cumulative size of
// markdown blocks and of table cells. It returns nil, or an *Error with Code ErrInvalidArguments whose
// Messages name each problem and its place with a JSON pointer, as Slack's invalid_blocks does: "must be
// at most 75 characters, not 80 [json-pointer:/blocks/3/elements/0/text/text]". Raw blocks and elements are not
// checked. Chat.PostMessage, PostEphemeral, Update and Unfurl check their blocks the same way before
// sending.
func (b Blocks) Validate(surface Surface) error {
	v := &validator{}
	v.blocks("/blocks", b, surface.maxBlocks())
	v.finish()
	return v.err("")
}

// validateMessage checks the blocks of a message and of its attachments.
func validateMessage(method string, blocks Blocks, attachments Attachments) error {
	v := &validator{}
	v.blocks("/blocks", blocks, SurfaceMessage.maxBlocks())
	for i, a := range attachments {
		if a.Blocks != nil {
			v.blocks("/attachments/"+strconv.Itoa(i)+"/blocks", a.Blocks, SurfaceMessage.maxBlocks())
		}
	}
	v.finish()
	return v.err(method)
}

// validateUnfurl checks the blocks of the unfurls and of the authentication invitation of chat.unfurl.
func validateUnfurl(method string, unfurls map[string]Attachment, params *ChatUnfurlParams) error {
	v := &validator{}
	urls := make([]string, 0, len(unfurls))
	for u := range unfurls {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	for _, u := range urls {
		if b := unfurls[u].Blocks; b != nil {
			v.blocks("/unfurls/"+pointerToken(u)+"/blocks", b, SurfaceMessage.maxBlocks())
		}
	}
	if params != nil && params.UserAuthBlocks != nil {
		v.blocks("/user_auth_blocks", params.UserAuthBlocks, SurfaceMessage.maxBlocks())
	}
	v.finish()
	return v.err(method)
}

// pointerToken escapes a key for a JSON pointer (RFC 6901).
func pointerToken(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// Documented limits that apply across a payload.
const (
	maxTextObject     = 3000
	maxBlockID        = 255
	maxActionID       = 255
	maxMarkdownChars  = 12000 // all markdown blocks of a payload together
	maxTableCellChars = 10000 // all table cells of a message together
	maxProblems       = 50
)

// validator collects the problems of one payload.
type validator struct {
	problems      []string
	markdownChars int
	markdownPtr   string
	tableChars    int
	tablePtr      string
	blockIDs      map[string]bool
}

func (v *validator) err(method string) error {
	if len(v.problems) == 0 {
		return nil
	}
	return &Error{Method: method, Code: ErrInvalidArguments, Messages: v.problems}
}

func (v *validator) finish() {
	if v.markdownChars > maxMarkdownChars {
		v.fail(v.markdownPtr, "markdown blocks hold %d characters together, more than %d", v.markdownChars, maxMarkdownChars)
	}
	if v.tableChars > maxTableCellChars {
		v.fail(v.tablePtr, "table cells hold %d characters together, more than %d", v.tableChars, maxTableCellChars)
	}
}

func (v *validator) fail(ptr, format string, args ...any) {
	if len(v.problems) < maxProblems {
		v.problems = append(v.problems, fmt.Sprintf(format, args...)+" [json-pointer:"+ptr+"]")
	}
}

func (v *validator) missing(ptr string) {
	v.fail(ptr, "missing required field: %s", ptr[strings.LastIndexByte(ptr, '/')+1:])
}

// str checks a string: present if required, at most max characters (0: no limit).
func (v *validator) str(ptr, s string, required bool, max int) {
	if s == "" {
		if required {
			v.missing(ptr)
		}
		return
	}
	if max > 0 {
		if n := utf8.RuneCountInString(s); n > max {
			v.fail(ptr, "must be at most %d characters, not %d", max, n)
		}
	}
}

// oneOf checks that s, if set, is one of the allowed values.
func (v *validator) oneOf(ptr, s string, allowed ...string) {
	if s == "" {
		return
	}
	for _, a := range allowed {
		if s == a {
			return
		}
	}
	v.fail(ptr, "must be one of %s, not %q", strings.Join(allowed, ", "), s)
}

// count checks the length of a list.
func (v *validator) count(ptr string, n, min, max int) {
	if n < min {
		v.fail(ptr, "must hold at least %d items, not %d", min, n)
	}
	if max > 0 && n > max {
		v.fail(ptr, "no more than %d items allowed", max)
	}
}

// intRange checks an integer that is set (not zero) against its range.
func (v *validator) intRange(ptr string, n, min, max int) {
	if n != 0 && (n < min || n > max) {
		v.fail(ptr, "must be between %d and %d, not %d", min, max, n)
	}
}

// text checks a text object: present if required, of a known type (plain_text only if plain), with a
// text of 1 to max characters.
func (v *validator) text(ptr string, t *TextObject, required, plain bool, max int) {
	if t == nil {
		if required {
			v.missing(ptr)
		}
		return
	}
	switch {
	case t.Type == "":
		v.missing(ptr + "/type")
	case plain && t.Type != "plain_text":
		v.fail(ptr+"/type", "must be plain_text, not %q", t.Type)
	default:
		v.oneOf(ptr+"/type", t.Type, "plain_text", "mrkdwn")
	}
	if t.Text == "" {
		v.fail(ptr+"/text", "must be more than 0 characters")
		return
	}
	if max == 0 || max > maxTextObject {
		max = maxTextObject
	}
	v.str(ptr+"/text", t.Text, true, max)
}

// blocks checks a list of blocks.
func (v *validator) blocks(ptr string, blocks Blocks, max int) {
	v.count(ptr, len(blocks), 0, max)
	for i, b := range blocks {
		v.block(ptr+"/"+strconv.Itoa(i), b)
	}
}

// blockID checks a block's ID: its length, and that no other block of the payload has it.
func (v *validator) blockID(ptr, id string) {
	if id == "" {
		return
	}
	v.str(ptr+"/block_id", id, false, maxBlockID)
	if v.blockIDs == nil {
		v.blockIDs = map[string]bool{}
	}
	if v.blockIDs[id] {
		v.fail(ptr+"/block_id", "duplicate block_id %q", id)
	}
	v.blockIDs[id] = true
}

// actionIDs gathers the action_ids of one block, which must differ.
type actionIDs map[string]bool

func (v *validator) actionID(ptr, id string, required bool, seen actionIDs) {
	v.str(ptr+"/action_id", id, required, maxActionID)
	if id == "" || seen == nil {
		return
	}
	if seen[id] {
		v.fail(ptr+"/action_id", "duplicate action_id %q within the block", id)
	}
	seen[id] = true
}

// Which elements each place takes (docs).
var (
	sectionAccessories = []string{"button", "checkboxes", "datepicker", "image", "multi_static_select",
		"multi_external_select", "multi_users_select", "multi_conversations_select", "multi_channels_select",
		"overflow", "radio_buttons", "static_select", "external_select", "users_select", "conversations_select",
		"channels_select", "timepicker", "workflow_button"}
	actionsElements = []string{"button", "checkboxes", "datepicker", "datetimepicker", "multi_static_select",
		"multi_external_select", "multi_users_select", "multi_conversations_select", "multi_channels_select",
		"overflow", "radio_buttons", "rich_text_input", "static_select", "external_select", "users_select",
		"conversations_select", "channels_select", "timepicker", "workflow_button"}
	inputElements = []string{"checkboxes", "datepicker", "datetimepicker", "email_text_input", "file_input",
		"multi_static_select", "multi_external_select", "multi_users_select", "multi_conversations_select",
		"multi_channels_select", "number_input", "plain_text_input", "radio_buttons", "rich_text_input",
		"static_select", "external_select", "users_select", "conversations_select", "channels_select",
		"timepicker", "url_text_input"}
	slackIcons = []string{"archive", "book", "bookmark", "bot", "bug", "calendar", "call", "caret-left",
		"caret-right", "check", "clipboard", "code", "comment", "compass", "copy", "cube", "download", "edit",
		"email", "eye-closed", "eye-open", "file", "flag", "folder", "gear", "globe", "heart", "help", "image",
		"info", "key", "lightbulb", "link", "map", "mobile", "new-window", "pin", "plus", "refine", "refresh",
		"rocket", "save", "screen", "share", "sparkle", "star", "star-filled", "tag", "thumbs-down",
		"thumbs-up", "trash", "upload", "user", "warning"}
	containerChildren = []string{"actions", "context", "divider", "file", "header", "image", "input",
		"rich_text", "section", "table", "video"}
)

// deref returns what x points to, for a caller who put pointers (&SectionBlock{}, PlainText(…)) where
// values go; a nil pointer is nil.
func deref[T any](x T) T {
	rv := reflect.ValueOf(x)
	if rv.Kind() != reflect.Pointer {
		return x
	}
	var zero T
	if rv.IsNil() {
		return zero
	}
	if e, ok := rv.Elem().Interface().(T); ok {
		return e
	}
	return zero
}

func (v *validator) block(ptr string, b Block) {
	switch b := deref(b).(type) {
	case nil:
		v.fail(ptr, "must provide an object")
	case SectionBlock:
		v.blockID(ptr, b.BlockID)
		if b.Text == nil && len(b.Fields) == 0 {
			v.fail(ptr, "missing required field: text (or fields)")
		}
		v.text(ptr+"/text", b.Text, false, false, 3000)
		v.count(ptr+"/fields", len(b.Fields), 0, 10)
		for i := range b.Fields {
			v.text(ptr+"/fields/"+strconv.Itoa(i), &b.Fields[i], true, false, 2000)
		}
		if b.Accessory != nil {
			v.element(ptr+"/accessory", b.Accessory, sectionAccessories, actionIDs{})
		}
	case DividerBlock:
		v.blockID(ptr, b.BlockID)
	case ImageBlock:
		v.blockID(ptr, b.BlockID)
		v.image(ptr, b.AltText, b.ImageURL, b.SlackFile)
		v.text(ptr+"/title", b.Title, false, true, 2000)
	case ActionsBlock:
		v.blockID(ptr, b.BlockID)
		v.elements(ptr+"/elements", b.Elements, 1, 25, actionsElements)
	case ContextBlock:
		v.blockID(ptr, b.BlockID)
		v.elements(ptr+"/elements", b.Elements, 1, 10, []string{"image", "plain_text", "mrkdwn"})
	case ContextActionsBlock:
		v.blockID(ptr, b.BlockID)
		v.elements(ptr+"/elements", b.Elements, 1, 5, []string{"feedback_buttons", "icon_button"})
	case InputBlock:
		v.blockID(ptr, b.BlockID)
		v.text(ptr+"/label", b.Label, true, true, 2000)
		v.text(ptr+"/hint", b.Hint, false, true, 2000)
		if b.Element == nil {
			v.missing(ptr + "/element")
		} else {
			v.element(ptr+"/element", b.Element, inputElements, actionIDs{})
		}
	case FileBlock:
		v.blockID(ptr, b.BlockID)
		v.str(ptr+"/external_id", b.ExternalID, true, 0)
		v.str(ptr+"/source", b.Source, true, 0)
		v.oneOf(ptr+"/source", b.Source, "remote")
	case HeaderBlock:
		v.blockID(ptr, b.BlockID)
		v.text(ptr+"/text", b.Text, true, true, 150)
		v.intRange(ptr+"/level", b.Level, 1, 4)
	case MarkdownBlock:
		v.blockID(ptr, b.BlockID)
		v.str(ptr+"/text", b.Text, true, maxMarkdownChars)
		v.markdownChars += utf8.RuneCountInString(b.Text)
		if v.markdownChars > maxMarkdownChars && v.markdownPtr == "" {
			v.markdownPtr = ptr + "/text"
		}
	case RichTextBlock:
		v.blockID(ptr, b.BlockID)
		v.richText(ptr, b)
	case TableBlock:
		v.blockID(ptr, b.BlockID)
		v.table(ptr, b)
	case VideoBlock:
		v.blockID(ptr, b.BlockID)
		v.str(ptr+"/alt_text", b.AltText, true, 0)
		v.str(ptr+"/video_url", b.VideoURL, true, 0)
		v.str(ptr+"/thumbnail_url", b.ThumbnailURL, true, 0)
		v.text(ptr+"/title", b.Title, true, true, 199)
		v.text(ptr+"/description", b.Description, false, true, 0)
		v.str(ptr+"/author_name", b.AuthorName, false, 49)
	case AlertBlock:
		v.blockID(ptr, b.BlockID)
		v.text(ptr+"/text", b.Text, true, false, 200)
		v.oneOf(ptr+"/level", b.Level, "default", "info", "warning", "error", "success")
	case CardBlock:
		v.blockID(ptr, b.BlockID)
		v.card(ptr, &b)
	case CarouselBlock:
		v.blockID(ptr, b.BlockID)
		v.count(ptr+"/elements", len(b.Elements), 1, 10)
		for i := range b.Elements {
			v.card(ptr+"/elements/"+strconv.Itoa(i), &b.Elements[i])
		}
	case ContainerBlock:
		v.blockID(ptr, b.BlockID)
		if b.Title == nil && b.RichTextTitle == nil {
			v.fail(ptr, "missing required field: title (or rich_text_title)")
		}
		v.text(ptr+"/title", b.Title, false, true, 150)
		if b.RichTextTitle != nil {
			v.richText(ptr+"/rich_text_title", *b.RichTextTitle)
		}
		v.text(ptr+"/subtitle", b.Subtitle, false, false, 150)
		v.oneOf(ptr+"/width", b.Width, "narrow", "standard", "wide", "full")
		if b.Icon != nil {
			v.image(ptr+"/icon", b.Icon.AltText, b.Icon.ImageURL, b.Icon.SlackFile)
		}
		v.count(ptr+"/child_blocks", len(b.ChildBlocks), 1, 10)
		for i, c := range b.ChildBlocks {
			cp := ptr + "/child_blocks/" + strconv.Itoa(i)
			if c = deref(c); c != nil && !isRaw(c) && !contains(containerChildren, c.BlockType()) {
				v.fail(cp+"/type", "a container does not take a %q block", c.BlockType())
				continue
			}
			v.block(cp, c)
		}
	case DataTableBlock:
		v.blockID(ptr, b.BlockID)
		v.str(ptr+"/caption", b.Caption, true, 0)
		if b.Rows == nil {
			v.missing(ptr + "/rows")
		} else {
			v.count(ptr+"/rows", len(b.Rows), 2, 201)
		}
		for i, row := range b.Rows {
			rp := ptr + "/rows/" + strconv.Itoa(i)
			v.count(rp, len(row), 1, 20)
			if i > 0 && len(row) != len(b.Rows[0]) {
				v.fail(rp, "must hold as many cells as the header row (%d), not %d", len(b.Rows[0]), len(row))
			}
			for j, c := range row {
				if _, rich := deref(c).(RichTextBlock); rich && i == 0 {
					v.fail(rp+"/"+strconv.Itoa(j)+"/type", "the header row takes raw_text cells, not rich_text")
				}
			}
		}
		v.intRange(ptr+"/page_size", b.PageSize, 1, 100)
	case DataVisualizationBlock:
		v.blockID(ptr, b.BlockID)
		v.str(ptr+"/title", b.Title, true, 50)
		if b.Chart == nil {
			v.missing(ptr + "/chart")
		} else {
			c := b.Chart
			v.str(ptr+"/chart/type", c.Type, true, 0)
			v.oneOf(ptr+"/chart/type", c.Type, "pie", "bar", "area", "line")
			v.chart(ptr+"/chart", c)
		}
	case PlanBlock:
		v.blockID(ptr, b.BlockID)
		v.str(ptr+"/title", b.Title, true, 0)
		v.count(ptr+"/tasks", len(b.Tasks), 0, 50)
		ids := map[string]bool{}
		for i := range b.Tasks {
			tp := ptr + "/tasks/" + strconv.Itoa(i)
			v.task(tp, &b.Tasks[i])
			if id := b.Tasks[i].TaskID; id != "" {
				if ids[id] {
					v.fail(tp+"/task_id", "duplicate task_id %q within the plan", id)
				}
				ids[id] = true
			}
		}
	case TaskCardBlock:
		v.blockID(ptr, b.BlockID)
		v.task(ptr, &b)
	}
}

// chart checks the chart of a data visualization: 1 to 6 segments of a pie, or 1 to 6 series of a bar,
// area or line chart with one point per category; labels and names of at most 20 characters.
func (v *validator) chart(ptr string, c *DataVisualizationChart) {
	if c.Type == "pie" {
		v.count(ptr+"/segments", len(c.Segments), 1, 6)
		for i, seg := range c.Segments {
			sp := ptr + "/segments/" + strconv.Itoa(i)
			v.str(sp+"/label", seg.Label, true, 20)
			if seg.Value <= 0 {
				v.fail(sp+"/value", "must be more than 0")
			}
		}
		return
	}
	if c.Type == "" {
		return
	}
	v.count(ptr+"/series", len(c.Series), 1, 6)
	var categories []string
	if c.AxisConfig == nil {
		v.missing(ptr + "/axis_config")
	} else {
		categories = c.AxisConfig.Categories
		if categories == nil {
			v.missing(ptr + "/axis_config/categories")
		}
		for i, cat := range categories {
			v.str(ptr+"/axis_config/categories/"+strconv.Itoa(i), cat, true, 20)
		}
		v.str(ptr+"/axis_config/x_label", c.AxisConfig.XLabel, false, 50)
		v.str(ptr+"/axis_config/y_label", c.AxisConfig.YLabel, false, 50)
	}
	names := map[string]bool{}
	for i, series := range c.Series {
		sp := ptr + "/series/" + strconv.Itoa(i)
		v.str(sp+"/name", series.Name, true, 20)
		if names[series.Name] {
			v.fail(sp+"/name", "duplicate series name %q", series.Name)
		}
		names[series.Name] = true
		v.count(sp+"/data", len(series.Data), 1, 20)
		for j, point := range series.Data {
			pp := sp + "/data/" + strconv.Itoa(j)
			v.str(pp+"/label", point.Label, true, 20)
			if categories != nil && point.Label != "" && !contains(categories, point.Label) {
				v.fail(pp+"/label", "%q is not one of the axis categories", point.Label)
			}
		}
	}
}

func isRaw(x any) bool {
	switch x.(type) {
	case RawBlock, RawElement, RawRichTextElement, RawTableCell:
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// image checks the fields an image block and an image element share.
func (v *validator) image(ptr, altText, imageURL string, file *SlackFileObject) {
	v.str(ptr+"/alt_text", altText, true, 2000)
	v.str(ptr+"/image_url", imageURL, false, 3000)
	switch {
	case imageURL == "" && file == nil:
		v.fail(ptr, "missing required field: image_url (or slack_file)")
	case imageURL != "" && file != nil:
		v.fail(ptr+"/slack_file", "must not be given with image_url")
	case file != nil:
		v.slackFile(ptr+"/slack_file", file)
	}
}

func (v *validator) slackFile(ptr string, f *SlackFileObject) {
	switch {
	case f.URL == "" && f.ID == "":
		v.fail(ptr, "missing required field: url (or id)")
	case f.URL != "" && f.ID != "":
		v.fail(ptr+"/id", "must not be given with url")
	}
}

func (v *validator) card(ptr string, c *CardBlock) {
	if c.HeroImage == nil && c.Title == nil && len(c.Actions) == 0 && c.Body == nil {
		v.fail(ptr, "missing required field: one of hero_image, title, actions and body")
	}
	if c.HeroImage != nil {
		v.image(ptr+"/hero_image", c.HeroImage.AltText, c.HeroImage.ImageURL, c.HeroImage.SlackFile)
	}
	if c.Icon != nil {
		v.image(ptr+"/icon", c.Icon.AltText, c.Icon.ImageURL, c.Icon.SlackFile)
	}
	if c.SlackIcon != nil {
		v.str(ptr+"/slack_icon/name", c.SlackIcon.Name, true, 0)
		v.oneOf(ptr+"/slack_icon/name", c.SlackIcon.Name, slackIcons...)
	}
	v.text(ptr+"/title", c.Title, false, false, 150)
	v.text(ptr+"/subtitle", c.Subtitle, false, false, 150)
	v.text(ptr+"/body", c.Body, false, false, 200)
	v.text(ptr+"/subtext", c.Subtext, false, false, 200)
	if c.Actions != nil {
		v.elements(ptr+"/actions", c.Actions, 0, 3, []string{"button"})
	}
}

func (v *validator) task(ptr string, t *TaskCardBlock) {
	v.str(ptr+"/task_id", t.TaskID, true, 0)
	v.str(ptr+"/title", t.Title, true, 0)
	v.oneOf(ptr+"/status", t.Status, "pending", "in_progress", "complete", "error")
	if t.Details != nil {
		v.richText(ptr+"/details", *t.Details)
	}
	if t.Output != nil {
		v.richText(ptr+"/output", *t.Output)
	}
	for i, s := range t.Sources {
		sp := ptr + "/sources/" + strconv.Itoa(i)
		v.str(sp+"/url", s.URL, true, 0)
		v.str(sp+"/text", s.Text, true, 0)
	}
}

// elements checks the elements of an actions, context or context_actions block (or a card's buttons):
// their number, their types, and that their action_ids differ.
func (v *validator) elements(ptr string, elems []BlockElement, min, max int, allowed []string) {
	if elems == nil && min > 0 {
		v.missing(ptr)
		return
	}
	v.count(ptr, len(elems), min, max)
	seen := actionIDs{}
	for i, e := range elems {
		v.element(ptr+"/"+strconv.Itoa(i), e, allowed, seen)
	}
}

// element checks one element, of one of the allowed types; seen gathers the block's action_ids.
func (v *validator) element(ptr string, e BlockElement, allowed []string, seen actionIDs) {
	if e = deref(e); e == nil {
		v.fail(ptr, "must provide an object")
		return
	}
	if isRaw(e) {
		return
	}
	if !contains(allowed, e.ElementType()) {
		v.fail(ptr+"/type", "must be one of %s, not %q", strings.Join(allowed, ", "), e.ElementType())
		return
	}
	placeholder := func(t *TextObject) { v.text(ptr+"/placeholder", t, false, true, 150) }
	switch e := e.(type) {
	case TextObject:
		v.text(ptr, &e, true, false, 0)
	case ImageElement:
		v.image(ptr, e.AltText, e.ImageURL, e.SlackFile)
	case ButtonElement:
		v.actionID(ptr, e.ActionID, false, seen)
		v.text(ptr+"/text", e.Text, true, true, 75)
		v.str(ptr+"/url", e.URL, false, 3000)
		v.str(ptr+"/value", e.Value, false, 2000)
		v.oneOf(ptr+"/style", e.Style, "primary", "danger")
		v.str(ptr+"/accessibility_label", e.AccessibilityLabel, false, 75)
		v.confirm(ptr+"/confirm", e.Confirm)
	case CheckboxesElement:
		v.actionID(ptr, e.ActionID, false, seen)
		v.options(ptr+"/options", e.Options, true, 10, false)
		v.options(ptr+"/initial_options", e.InitialOptions, false, 0, false)
		v.confirm(ptr+"/confirm", e.Confirm)
	case RadioButtonsElement:
		v.actionID(ptr, e.ActionID, false, seen)
		v.options(ptr+"/options", e.Options, true, 10, false)
		if e.InitialOption != nil {
			v.option(ptr+"/initial_option", e.InitialOption, false)
		}
		v.confirm(ptr+"/confirm", e.Confirm)
	case OverflowElement:
		v.actionID(ptr, e.ActionID, false, seen)
		if e.Options == nil {
			v.missing(ptr + "/options")
		} else {
			v.count(ptr+"/options", len(e.Options), 1, 5)
			for i := range e.Options {
				v.option(ptr+"/options/"+strconv.Itoa(i), &e.Options[i], true)
			}
		}
		v.confirm(ptr+"/confirm", e.Confirm)
	case DatePickerElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		if _, err := time.Parse("2006-01-02", e.InitialDate); e.InitialDate != "" && err != nil {
			v.fail(ptr+"/initial_date", "must be a date as YYYY-MM-DD, not %q", e.InitialDate)
		}
		v.confirm(ptr+"/confirm", e.Confirm)
	case DateTimePickerElement:
		v.actionID(ptr, e.ActionID, false, seen)
		v.confirm(ptr+"/confirm", e.Confirm)
	case TimePickerElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		if _, err := time.Parse("15:04", e.InitialTime); e.InitialTime != "" && err != nil {
			v.fail(ptr+"/initial_time", "must be a time as HH:mm, not %q", e.InitialTime)
		}
		v.confirm(ptr+"/confirm", e.Confirm)
	case StaticSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.staticOptions(ptr, e.Options, e.OptionGroups)
		if e.InitialOption != nil {
			v.option(ptr+"/initial_option", e.InitialOption, true)
		}
		v.confirm(ptr+"/confirm", e.Confirm)
	case MultiStaticSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.staticOptions(ptr, e.Options, e.OptionGroups)
		v.options(ptr+"/initial_options", e.InitialOptions, false, 0, true)
		v.intRange(ptr+"/max_selected_items", e.MaxSelectedItems, 1, math.MaxInt32)
		v.confirm(ptr+"/confirm", e.Confirm)
	case ExternalSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		if e.InitialOption != nil {
			v.option(ptr+"/initial_option", e.InitialOption, true)
		}
		v.confirm(ptr+"/confirm", e.Confirm)
	case MultiExternalSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.options(ptr+"/initial_options", e.InitialOptions, false, 0, true)
		v.intRange(ptr+"/max_selected_items", e.MaxSelectedItems, 1, math.MaxInt32)
		v.confirm(ptr+"/confirm", e.Confirm)
	case UsersSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.confirm(ptr+"/confirm", e.Confirm)
	case MultiUsersSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.intRange(ptr+"/max_selected_items", e.MaxSelectedItems, 1, math.MaxInt32)
		v.confirm(ptr+"/confirm", e.Confirm)
	case ConversationsSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.filter(ptr+"/filter", e.Filter)
		v.confirm(ptr+"/confirm", e.Confirm)
	case MultiConversationsSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.filter(ptr+"/filter", e.Filter)
		v.intRange(ptr+"/max_selected_items", e.MaxSelectedItems, 1, math.MaxInt32)
		v.confirm(ptr+"/confirm", e.Confirm)
	case ChannelsSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.confirm(ptr+"/confirm", e.Confirm)
	case MultiChannelsSelectElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.intRange(ptr+"/max_selected_items", e.MaxSelectedItems, 1, math.MaxInt32)
		v.confirm(ptr+"/confirm", e.Confirm)
	case PlainTextInputElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		if e.MinLength < 0 || e.MinLength > 3000 {
			v.fail(ptr+"/min_length", "must be between 0 and 3000, not %d", e.MinLength)
		}
		v.intRange(ptr+"/max_length", e.MaxLength, 1, 3000)
		v.dispatch(ptr+"/dispatch_action_config", e.DispatchActionConfig)
	case EmailTextInputElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.dispatch(ptr+"/dispatch_action_config", e.DispatchActionConfig)
	case URLTextInputElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.dispatch(ptr+"/dispatch_action_config", e.DispatchActionConfig)
	case NumberInputElement:
		v.actionID(ptr, e.ActionID, false, seen)
		placeholder(e.Placeholder)
		v.dispatch(ptr+"/dispatch_action_config", e.DispatchActionConfig)
	case RichTextInputElement:
		// The docs mark action_id required here.
		v.actionID(ptr, e.ActionID, true, seen)
		placeholder(e.Placeholder)
		v.intRange(ptr+"/min_lines", e.MinLines, 1, 100)
		v.intRange(ptr+"/max_lines", e.MaxLines, 1, 100)
		v.dispatch(ptr+"/dispatch_action_config", e.DispatchActionConfig)
		if e.InitialValue != nil {
			v.richText(ptr+"/initial_value", *e.InitialValue)
		}
	case FileInputElement:
		v.actionID(ptr, e.ActionID, false, seen)
		v.intRange(ptr+"/max_files", e.MaxFiles, 1, 10)
	case WorkflowButtonElement:
		// The docs mark action_id required and list no confirm; node's types differ.
		v.actionID(ptr, e.ActionID, true, seen)
		v.text(ptr+"/text", e.Text, true, true, 75)
		v.oneOf(ptr+"/style", e.Style, "primary", "danger")
		v.str(ptr+"/accessibility_label", e.AccessibilityLabel, false, 75)
		switch {
		case e.Workflow == nil:
			v.missing(ptr + "/workflow")
		case e.Workflow.Trigger == nil:
			v.missing(ptr + "/workflow/trigger")
		default:
			v.str(ptr+"/workflow/trigger/url", e.Workflow.Trigger.URL, true, 0)
		}
	case FeedbackButtonsElement:
		v.actionID(ptr, e.ActionID, false, seen)
		v.feedbackButton(ptr+"/positive_button", e.PositiveButton)
		v.feedbackButton(ptr+"/negative_button", e.NegativeButton)
	case IconButtonElement:
		v.actionID(ptr, e.ActionID, false, seen)
		v.str(ptr+"/icon", e.Icon, true, 0)
		v.oneOf(ptr+"/icon", e.Icon, "trash")
		v.text(ptr+"/text", e.Text, true, true, 0)
		v.str(ptr+"/value", e.Value, false, 2000)
		v.str(ptr+"/accessibility_label", e.AccessibilityLabel, false, 75)
		v.confirm(ptr+"/confirm", e.Confirm)
	}
}

func (v *validator) feedbackButton(ptr string, b *FeedbackButtonObject) {
	if b == nil {
		v.missing(ptr)
		return
	}
	v.text(ptr+"/text", b.Text, true, true, 75)
	v.str(ptr+"/value", b.Value, true, 2000)
	v.str(ptr+"/accessibility_label", b.AccessibilityLabel, false, 75)
}

func (v *validator) dispatch(ptr string, d *DispatchActionConfigObject) {
	if d == nil {
		return
	}
	for i, t := range d.TriggerActionsOn {
		v.oneOf(ptr+"/trigger_actions_on/"+strconv.Itoa(i), t, "on_enter_pressed", "on_character_entered")
	}
}

func (v *validator) filter(ptr string, f *ConversationFilterObject) {
	if f == nil {
		return
	}
	if f.Include == nil && !f.ExcludeExternalSharedChannels && !f.ExcludeBotUsers && len(f.extras()) == 0 {
		v.fail(ptr, "must hold at least one of include, exclude_external_shared_channels and exclude_bot_users")
	}
	if f.Include != nil {
		v.count(ptr+"/include", len(f.Include), 1, 0)
	}
	for i, s := range f.Include {
		v.oneOf(ptr+"/include/"+strconv.Itoa(i), s, "im", "mpim", "private", "public")
	}
}

func (v *validator) confirm(ptr string, c *ConfirmObject) {
	if c == nil {
		return
	}
	// The docs want plain_text in all four texts; other SDKs accept mrkdwn for text. The docs win.
	v.text(ptr+"/title", c.Title, true, true, 100)
	v.text(ptr+"/text", c.Text, true, true, 300)
	v.text(ptr+"/confirm", c.Confirm, true, true, 30)
	v.text(ptr+"/deny", c.Deny, true, true, 30)
	v.oneOf(ptr+"/style", c.Style, "primary", "danger")
}

// staticOptions checks that a static select has exactly one of options and option_groups.
func (v *validator) staticOptions(ptr string, options []OptionObject, groups []OptionGroupObject) {
	switch {
	case options == nil && groups == nil:
		v.fail(ptr, "missing required field: options (or option_groups)")
	case options != nil && groups != nil:
		v.fail(ptr+"/option_groups", "must not be given with options")
	}
	v.options(ptr+"/options", options, false, 100, true)
	v.count(ptr+"/option_groups", len(groups), 0, 100)
	for i := range groups {
		gp := ptr + "/option_groups/" + strconv.Itoa(i)
		v.text(gp+"/label", groups[i].Label, true, true, 75)
		v.options(gp+"/options", groups[i].Options, true, 100, true)
	}
}

// options checks a list of options: present if required, at most max, each valid.
func (v *validator) options(ptr string, options []OptionObject, required bool, max int, plain bool) {
	if options == nil {
		if required {
			v.missing(ptr)
		}
		return
	}
	v.count(ptr, len(options), 0, max)
	for i := range options {
		v.option(ptr+"/"+strconv.Itoa(i), &options[i], plain)
	}
}

// option checks an option; plain asks for plain_text texts (menus; checkboxes and radio buttons take
// mrkdwn too).
func (v *validator) option(ptr string, o *OptionObject, plain bool) {
	v.text(ptr+"/text", o.Text, true, plain, 75)
	v.str(ptr+"/value", o.Value, true, 150)
	v.text(ptr+"/description", o.Description, false, plain, 75)
	v.str(ptr+"/url", o.URL, false, 3000)
}

// table checks a table block: 100 rows of 20 cells, 20 column settings, and its characters.
func (v *validator) table(ptr string, t TableBlock) {
	if t.Rows == nil {
		v.missing(ptr + "/rows")
	}
	v.count(ptr+"/rows", len(t.Rows), 0, 100)
	chars := 0
	for i, row := range t.Rows {
		rp := ptr + "/rows/" + strconv.Itoa(i)
		v.count(rp, len(row), 0, 20)
		for j, c := range row {
			cp := rp + "/" + strconv.Itoa(j)
			switch c := deref(c).(type) {
			case nil:
				v.fail(cp, "must provide an object")
			case RawTextObject:
				if c.Text == "" {
					v.missing(cp + "/text")
				}
				chars += utf8.RuneCountInString(c.Text)
			case RawNumberObject:
				chars += utf8.RuneCountInString(c.Text)
			case RichTextBlock:
				v.richText(cp, c)
				chars += richTextChars(c.Elements)
			}
		}
	}
	v.count(ptr+"/column_settings", len(t.ColumnSettings), 0, 20)
	for i, s := range t.ColumnSettings {
		if s != nil {
			v.oneOf(ptr+"/column_settings/"+strconv.Itoa(i)+"/align", s.Align, "left", "center", "right")
		}
	}
	if chars > maxTableCellChars {
		v.fail(ptr+"/rows", "cells hold %d characters, more than %d", chars, maxTableCellChars)
	}
	v.tableChars += chars
	if v.tableChars > maxTableCellChars && v.tablePtr == "" {
		v.tablePtr = ptr + "/rows"
	}
}

// richTextChars counts the characters of the text elements of rich text.
func richTextChars(elems []RichTextElement) int {
	n := 0
	for _, e := range elems {
		switch e := e.(type) {
		case RichTextText:
			n += utf8.RuneCountInString(e.Text)
		case RichTextLink:
			n += utf8.RuneCountInString(e.Text)
		case RichTextSection:
			n += richTextChars(e.Elements)
		case RichTextList:
			n += richTextChars(e.Elements)
		case RichTextPreformatted:
			n += richTextChars(e.Elements)
		case RichTextQuote:
			n += richTextChars(e.Elements)
		}
	}
	return n
}

// richText checks a rich_text block's containers and inline elements.
func (v *validator) richText(ptr string, b RichTextBlock) {
	if b.Elements == nil {
		v.missing(ptr + "/elements")
	}
	for i, e := range b.Elements {
		v.richTextElement(ptr+"/elements/"+strconv.Itoa(i), e, true)
	}
}

func (v *validator) richTextElements(ptr string, elems []RichTextElement) {
	if elems == nil {
		v.missing(ptr)
	}
	for i, e := range elems {
		v.richTextElement(ptr+"/"+strconv.Itoa(i), e, false)
	}
}

// richTextElement checks a container (top is true at the top of a rich_text block) or an inline element.
func (v *validator) richTextElement(ptr string, e RichTextElement, top bool) {
	if e = deref(e); e == nil {
		v.fail(ptr, "must provide an object")
		return
	}
	if isRaw(e) {
		return
	}
	container := false
	switch e.(type) {
	case RichTextSection, RichTextList, RichTextPreformatted, RichTextQuote:
		container = true
	}
	if top != container {
		where := "inside a rich text container"
		if top {
			where = "at the top of a rich_text block"
		}
		v.fail(ptr+"/type", "a %q element is not allowed %s", e.RichTextType(), where)
		return
	}
	switch e := e.(type) {
	case RichTextSection:
		v.richTextElements(ptr+"/elements", e.Elements)
	case RichTextList:
		v.str(ptr+"/style", e.Style, true, 0)
		v.oneOf(ptr+"/style", e.Style, "bullet", "ordered")
		if e.Elements == nil {
			v.missing(ptr + "/elements")
		}
		for i, s := range e.Elements {
			sp := ptr + "/elements/" + strconv.Itoa(i)
			if sec, ok := deref(s).(RichTextSection); ok {
				v.richTextElements(sp+"/elements", sec.Elements)
			} else if s = deref(s); s != nil && !isRaw(s) {
				v.fail(sp+"/type", "a list holds rich_text_section elements, not %q", s.RichTextType())
			}
		}
	case RichTextPreformatted:
		v.richTextElements(ptr+"/elements", e.Elements)
	case RichTextQuote:
		v.richTextElements(ptr+"/elements", e.Elements)
	case RichTextLink:
		v.str(ptr+"/url", e.URL, true, 0)
	case RichTextEmoji:
		v.str(ptr+"/name", e.Name, true, 0)
	case RichTextUser:
		v.str(ptr+"/user_id", e.UserID, true, 0)
	case RichTextChannel:
		v.str(ptr+"/channel_id", e.ChannelID, true, 0)
	case RichTextUsergroup:
		v.str(ptr+"/usergroup_id", e.UsergroupID, true, 0)
	case RichTextTeam:
		v.str(ptr+"/team_id", e.TeamID, true, 0)
	case RichTextBroadcast:
		v.str(ptr+"/range", e.Range, true, 0)
		v.oneOf(ptr+"/range", e.Range, "here", "channel", "everyone")
	case RichTextColor:
		v.str(ptr+"/value", e.Value, true, 0)
	case RichTextDate:
		if e.Timestamp == 0 {
			v.missing(ptr + "/timestamp")
		}
		v.str(ptr+"/format", e.Format, true, 0)
	}
}
