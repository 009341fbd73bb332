package slack_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/goslack/slack"
)

// Blocks are composite literals of the block types, with small constructors for the common parts.
func ExampleBlocks() {
	blocks := slack.Blocks{
		slack.SectionBlock{
			Text:      slack.MarkdownText("*Deploy finished*"),
			Accessory: slack.Button("view_logs", "Logs"),
		},
		slack.ContextBlock{Elements: []slack.BlockElement{slack.PlainText("checkout, eu-west-1")}},
	}

	out, _ := json.Marshal(blocks)
	fmt.Println(string(out))
	// Output:
	// [{"type":"section","text":{"type":"mrkdwn","text":"*Deploy finished*"},"accessory":{"type":"button","text":{"type":"plain_text","text":"Logs"},"action_id":"view_logs"}},{"type":"context","elements":[{"type":"plain_text","text":"checkout, eu-west-1"}]}]
}

// Blocks from Slack decode to their types. What the package does not know stays as JSON: an element of a
// new type becomes a RawElement, a new field is kept, and the blocks encode back to the same JSON.
func ExampleBlocks_UnmarshalJSON() {
	in := `[{"type":"actions","block_id":"a","elements":[
		{"type":"button","action_id":"ok","text":{"type":"plain_text","text":"OK"},"sparkle":true},
		{"type":"hologram_button","action_id":"h"}]}]`
	var blocks slack.Blocks
	if err := json.Unmarshal([]byte(in), &blocks); err != nil {
		fmt.Println(err)
		return
	}

	for _, e := range blocks[0].(slack.ActionsBlock).Elements {
		switch e := e.(type) {
		case slack.ButtonElement:
			fmt.Println("button", e.ActionID, e.Text.Text)
		case slack.RawElement:
			fmt.Println("unknown element", e.ElementType(), string(e))
		}
	}
	out, _ := json.Marshal(blocks)
	fmt.Println(string(out))
	// Output:
	// button ok OK
	// unknown element hologram_button {"type":"hologram_button","action_id":"h"}
	// [{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"OK"},"action_id":"ok","sparkle":true},{"type":"hologram_button","action_id":"h"}],"block_id":"a"}]
}

// Validate checks blocks for a modal or a Home tab as the chat methods check a message's before sending.
func ExampleBlocks_Validate() {
	blocks := slack.Blocks{
		slack.HeaderBlock{Text: slack.MarkdownText("*Settings*")},
		slack.InputBlock{Label: slack.PlainText("Name"), Element: slack.PlainTextInputElement{ActionID: "name", MaxLength: 5000}},
	}

	err := blocks.Validate(slack.SurfaceModal)

	var se *slack.Error
	if errors.As(err, &se) {
		for _, m := range se.Messages {
			fmt.Println(m)
		}
	}
	// Output:
	// must be plain_text, not "mrkdwn" [json-pointer:/blocks/0/text/type]
	// must be between 1 and 3000, not 5000 [json-pointer:/blocks/1/element/max_length]
}
