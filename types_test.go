package slack_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goslack/slack"
)

func TestTimeDecodesWhatSlackSends(t *testing.T) {
	for in, want := range map[string]time.Time{
		`1503435956`:          time.Unix(1503435956, 0),
		`"1503435956"`:        time.Unix(1503435956, 0),
		`1503435956.000247`:   time.Unix(1503435956, 247000),
		`"1503435956.000247"`: time.Unix(1503435956, 247000),
		`1503435956123`:       time.UnixMilli(1503435956123),
		`"1503435956123"`:     time.UnixMilli(1503435956123),
		`0`:                   {},
		`null`:                {},
		`""`:                  {},
	} {
		var got slack.Time
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.True(t, want.Equal(got.Time), "%s: got %v, want %v", in, got.Time, want)
	}
	for _, bad := range []string{`"soon"`, `true`, `1e400`, `"NaN"`, `{}`} {
		var got slack.Time
		assert.Error(t, json.Unmarshal([]byte(bad), &got), bad)
	}
}

func TestTimeMarshalsUnixSeconds(t *testing.T) {
	b, err := json.Marshal(struct {
		A slack.Time `json:"a"`
		B slack.Time `json:"b"`
	}{A: slack.Time{Time: time.Unix(1503435956, 5)}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"a":1503435956,"b":0}`, string(b))
}

func TestParseTS(t *testing.T) {
	got, err := slack.ParseTS("1503435956.000247")
	require.NoError(t, err)
	assert.True(t, time.Unix(1503435956, 247000).Equal(got))

	got, err = slack.ParseTS("1503435956")
	require.NoError(t, err)
	assert.True(t, time.Unix(1503435956, 0).Equal(got))

	for _, bad := range []string{"", "x.1", "1.x", "1.-5", "1.0000000001", "1503435956.000247.1"} {
		_, err := slack.ParseTS(bad)
		assert.Error(t, err, bad)
	}
}

// A message the way real Slack sometimes sends one: a ts as a number, counts as strings, booleans as 0
// and 1, a millisecond timestamp, and fields no type has.
const looseMessage = `{"ok":true,"channel":"C1","ts":1503435956.000247,"message":{
	"type":"message","ts":1503435956.000247,"user":"U1","text":"hi","reply_count":"3","is_starred":1,
	"subscribed":"false","thread_ts":"1503435956.000247","brand_new_field":{"x":[1,2]},
	"bot_profile":{"id":"B1","updated":"1503435956123","deleted":0},
	"attachments":[{"id":"7","ts":1503435956,"text":"a","fields":[{"title":"t","value":5,"short":"1"}]}],
	"reactions":[{"name":"+1","count":"2","users":["U1","U2"]}],
	"icons":{"image_48":"https://x/48.png","emoji":null},
	"edited":"not an object"}}`

func TestLooseAnswersDecode(t *testing.T) {
	c := replayClient(t, http.StatusOK, []byte(looseMessage))

	r, err := c.Chat.PostMessage(t.Context(), "C1", &slack.ChatPostMessageParams{Text: "hi"})

	require.NoError(t, err)
	assert.Equal(t, "1503435956.000247", r.TS, "a numeric ts keeps every digit")
	m := r.Message
	assert.Equal(t, "1503435956.000247", m.TS)
	assert.Equal(t, 3, m.ReplyCount)
	assert.True(t, m.IsStarred)
	assert.False(t, m.Subscribed)
	require.NotNil(t, m.BotProfile)
	assert.Equal(t, int64(1503435956123), m.BotProfile.Updated.UnixMilli())
	require.Len(t, m.Attachments, 1)
	assert.Equal(t, 7, m.Attachments[0].ID)
	assert.Equal(t, "1503435956", m.Attachments[0].TS)
	assert.Equal(t, []slack.AttachmentField{{Title: "t", Value: "5", Short: true}}, m.Attachments[0].Fields)
	assert.Equal(t, []slack.Reaction{{Name: "+1", Count: 2, Users: []string{"U1", "U2"}}}, m.Reactions)
	assert.Equal(t, "https://x/48.png", m.Icons["image_48"])
	assert.Nil(t, m.Edited, "a value that cannot fit its field is dropped, not fatal")
}

func TestWellTypedAnswerIsUnchangedByTolerance(t *testing.T) {
	body := `{"ok":true,"channel":"C1","ts":"1.000001","message":{"ts":"1.000001","text":"x","reply_count":2}}`
	c := replayClient(t, http.StatusOK, []byte(body))

	r, err := c.Chat.PostMessage(t.Context(), "C1", &slack.ChatPostMessageParams{Text: "x"})

	require.NoError(t, err)
	assert.Equal(t, slack.ChatPostMessageResponse{Channel: "C1", TS: "1.000001",
		Message: slack.Message{TS: "1.000001", Text: "x", ReplyCount: 2}}, *r)
}

func TestBlocksMarshalWithTheirType(t *testing.T) {
	blocks := slack.Blocks{
		slack.HeaderBlock{Text: slack.PlainText("Release")},
		slack.SectionBlock{BlockID: "s1", Text: slack.MarkdownText("*done*"), Fields: []slack.TextObject{*slack.PlainText("a")}},
		slack.DividerBlock{},
		slack.ContextBlock{Elements: []slack.BlockElement{slack.MarkdownText("by _bot_")}},
		slack.RawBlock(`{"type":"image","image_url":"https://x/i.png","alt_text":"i"}`),
	}

	b, err := json.Marshal(blocks)

	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"type":"header","text":{"type":"plain_text","text":"Release"}},
		{"type":"section","block_id":"s1","text":{"type":"mrkdwn","text":"*done*"},"fields":[{"type":"plain_text","text":"a"}]},
		{"type":"divider"},
		{"type":"context","elements":[{"type":"mrkdwn","text":"by _bot_"}]},
		{"type":"image","image_url":"https://x/i.png","alt_text":"i"}]`, string(b))
	for i, want := range []string{"header", "section", "divider", "context", "image"} {
		assert.Equal(t, want, blocks[i].BlockType())
	}
}

func TestBlocksDecodeLosslessly(t *testing.T) {
	in := `[{"type":"section","text":{"type":"mrkdwn","text":"hi"},"accessory":{"type":"button","action_id":"a"}},{"type":"divider"}]`
	var blocks slack.Blocks

	require.NoError(t, json.Unmarshal([]byte(in), &blocks))

	require.Len(t, blocks, 2)
	assert.Equal(t, "section", blocks[0].BlockType())
	assert.IsType(t, slack.SectionBlock{}, blocks[0])
	out, err := json.Marshal(blocks)
	require.NoError(t, err)
	assert.JSONEq(t, in, string(out), "a decoded block marshals back with every field")
}

func TestInvalidRawBlockIsAnErrorNotAPanic(t *testing.T) {
	c, srv := newTestClient(t)

	_, err := c.Chat.PostMessage(t.Context(), "C1", &slack.ChatPostMessageParams{Blocks: slack.Blocks{slack.RawBlock(`{oops`)}})

	assertNothingSent(t, srv, err, "blocks")
}

func TestErrorCodesMatchTheirAliases(t *testing.T) {
	assert.ErrorIs(t, slack.ErrRateLimited, slack.ErrRatelimited)
	assert.ErrorIs(t, slack.ErrRatelimited, slack.ErrRateLimited)
	assert.NotErrorIs(t, slack.ErrRatelimited, slack.ErrChannelNotFound)
	err := error(&slack.Error{Method: "chat.postMessage", Code: slack.ErrRateLimited})
	assert.ErrorIs(t, err, slack.ErrRatelimited)
	assert.Equal(t, "slack: chat.postMessage: rate_limited", err.Error())
	assert.Equal(t, "channel_not_found", slack.ErrChannelNotFound.Error())
	assert.False(t, errors.Is(slack.ErrChannelNotFound, errors.New("channel_not_found")))
}

func TestErrorStringNamesTheHTTPStatus(t *testing.T) {
	err := &slack.Error{Method: "users.info", Code: slack.ErrHTTPError, StatusCode: 502, Messages: []string{"Bad Gateway"}}
	assert.Equal(t, "slack: users.info: http_error (HTTP 502): Bad Gateway", err.Error())
}

// selfDecoding is a caller's result type with its own UnmarshalJSON.
type selfDecoding struct {
	Channel string `json:"channel"`
	Count   int    `json:"count"`
}

func (s *selfDecoding) UnmarshalJSON(b []byte) error {
	type plain selfDecoding
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*s = selfDecoding(p)
	return nil
}

// TestCallKeepsTheErrorOfACallersDecoder: a caller's type that decodes itself has the last word; a
// value it refuses is the call's error, never a zeroed result with a nil error.
func TestCallKeepsTheErrorOfACallersDecoder(t *testing.T) {
	var got selfDecoding
	err := replayClient(t, http.StatusOK, []byte(`{"ok":true,"channel":"C1","count":"3"}`)).Call(t.Context(), "x.y", nil, &got)
	if !errors.Is(err, slack.ErrInvalidResponse) {
		t.Fatalf("Call into a self-decoding result: got %+v, %v; want an invalid_response error", got, err)
	}
}

// TestOKZeroIsFalse: "ok": 0.0 is false, so the error code stands.
func TestOKZeroIsFalse(t *testing.T) {
	for _, body := range []string{`{"ok":0.0,"error":"channel_not_found"}`, `{"ok":-0,"error":"channel_not_found"}`, `{"ok":0e3,"error":"channel_not_found"}`} {
		err := replayClient(t, http.StatusOK, []byte(body)).Chat.Delete(t.Context(), "C1", "1.1", nil)
		if !errors.Is(err, slack.ErrChannelNotFound) {
			t.Errorf("chat.delete answered %s: got %v, want channel_not_found", body, err)
		}
	}
}

// TestCallKeepsACallersTextUnmarshaler: a field whose type decodes itself through UnmarshalText keeps its
// value when another field of the answer needs coercing.
func TestCallKeepsACallersTextUnmarshaler(t *testing.T) {
	var got struct {
		IP netip.Addr `json:"ip"`
		N  int        `json:"n"`
	}
	c := replayClient(t, http.StatusOK, []byte(`{"ok":true,"ip":"10.1.2.3","n":"5"}`))

	if err := c.Call(t.Context(), "x.y", nil, &got); err != nil {
		t.Fatal(err)
	}
	if got.IP != netip.MustParseAddr("10.1.2.3") || got.N != 5 {
		t.Errorf("got ip %v and n %d, want 10.1.2.3 and 5", got.IP, got.N)
	}
}
