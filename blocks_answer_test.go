package slack_test

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// Slack's invalid_blocks answer keeps its pointer messages in the *Error. Raw blocks and Client.Call
// skip the client's validation, so these reach the fake, which refuses them as Slack does.
func TestInvalidBlocksAnswerKeepsSlacksMessages(t *testing.T) {
	c, srv := newTestClient(t)
	many := make(slack.Blocks, 51)
	for i := range many {
		many[i] = slack.DividerBlock{}
	}
	require.Error(t, many.Validate(slack.SurfaceMessage), "the client refuses 51 blocks itself")
	form := url.Values{"channel": {slacktest.GeneralID}, "text": {"t"}}
	require.NoError(t, many.EncodeValues("blocks", &form))

	err := c.Call(t.Context(), "chat.postMessage", form, nil)

	se := assertCode(t, err, slack.ErrInvalidBlocks)
	assert.Equal(t, []string{"[ERROR] no more than 50 items allowed [json-pointer:/blocks]"}, se.Messages)
	assert.Contains(t, err.Error(), "[json-pointer:/blocks]")
	assert.Equal(t, 1, srv.Count("chat.postMessage"))
	assert.Empty(t, srv.Messages(slacktest.GeneralID), "a refused message is not stored")

	form = url.Values{"channel": {slacktest.GeneralID}, "text": {"t"},
		"blocks": {`[{"type":"section","block_id":"a","text":{"type":"mrkdwn","text":"ok"}},{"type":"image","image_url":"https://x/i.png"},{"type":"input","label":{"type":"plain_text","text":"l"}}]`}}
	err = c.Call(t.Context(), "chat.postMessage", form, nil)

	se = assertCode(t, err, slack.ErrInvalidBlocks)
	assert.Equal(t, []string{
		"[ERROR] missing required field: alt_text [json-pointer:/blocks/1/alt_text]",
		"[ERROR] missing required field: element [json-pointer:/blocks/2/element]",
	}, se.Messages)
}

// The fake stores a message's blocks as sent, and history returns them, decoded to their types.
func TestPostedBlocksComeBackTyped(t *testing.T) {
	c, srv := newTestClient(t)
	blocks := slack.Blocks{
		slack.SectionBlock{Text: slack.MarkdownText("*Deploy* finished"), Accessory: slack.Button("logs", "Logs")},
		slack.RichTextBlock{Elements: []slack.RichTextElement{slack.RichTextList{Style: "bullet", Elements: []slack.RichTextElement{
			slack.RichTextSection{Elements: []slack.RichTextElement{slack.RichTextText{Text: "tests", Style: &slack.RichTextStyle{Bold: true}}}},
		}}}},
		slack.TableBlock{Rows: [][]slack.TableCell{{slack.RawTextObject{Text: "p50"}, slack.RawNumberObject{Value: 0}}}},
	}
	sent, err := json.Marshal(blocks)
	require.NoError(t, err)

	resp, err := c.Chat.PostMessage(t.Context(), slacktest.GeneralID, &slack.ChatPostMessageParams{Text: "deploy", Blocks: blocks})
	require.NoError(t, err)
	history, err := c.Conversations.History(t.Context(), slacktest.GeneralID, nil)
	require.NoError(t, err)

	stored := srv.Messages(slacktest.GeneralID)
	require.NotEmpty(t, stored)
	assertSameJSON(t, string(sent), string(stored[len(stored)-1].Blocks))
	require.NotEmpty(t, history.Messages)
	got := history.Messages[0]
	assert.Equal(t, resp.TS, got.TS)
	assert.Equal(t, "logs", got.Blocks[0].(slack.SectionBlock).Accessory.(slack.ButtonElement).ActionID)
	list := got.Blocks[1].(slack.RichTextBlock).Elements[0].(slack.RichTextList)
	assert.True(t, list.Elements[0].(slack.RichTextSection).Elements[0].(slack.RichTextText).Style.Bold)
	assert.Equal(t, "p50", got.Blocks[2].(slack.TableBlock).Rows[0][0].(slack.RawTextObject).Text)
	again, err := json.Marshal(got.Blocks)
	require.NoError(t, err)
	assertSameJSON(t, string(sent), string(again))
}
