package slack_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"views.open": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Views.Open(ctx, "12345.98765.abcd2358fdea", viewsModal("Quite a plain modal"), nil)
		},
		"views.push": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Views.Push(ctx, "12345.98765.abcd2358fdea", viewsModal("Pushed Modal"), nil)
		},
		"views.update": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Views.Update(ctx, "VNM522E2U", viewsModal("Updated Modal"), nil)
		},
		"views.publish": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Views.Publish(ctx, "U0BPQUNTA", viewsHome("A simple section"), nil)
		},
	})
}

// viewsModal is a modal with one input, a submit button and a callback ID.
func viewsModal(title string) slack.View {
	return slack.View{Type: "modal", Title: slack.PlainText(title), Submit: slack.PlainText("Save"),
		Close: slack.PlainText("Cancel"), CallbackID: "deploy", PrivateMetadata: "run=42",
		Blocks: slack.Blocks{slack.InputBlock{BlockID: "service", Label: slack.PlainText("Service"),
			Element: slack.PlainTextInputElement{ActionID: "name"}}}}
}

// viewsHome is a Home tab with one section.
func viewsHome(text string) slack.View {
	return slack.View{Type: "home", CallbackID: "home",
		Blocks: slack.Blocks{slack.SectionBlock{Text: slack.MarkdownText(text)}}}
}

// viewsState returns the fake's copy of a view.
func viewsState(t *testing.T, srv *slacktest.Server, id string) slacktest.View {
	t.Helper()
	v, ok := srv.View(id)
	if !ok {
		t.Fatalf("the fake has no view %s", id)
	}
	return v
}

// viewsSent decodes the view argument of a request.
func viewsSent(t *testing.T, r slacktest.Request) map[string]any {
	t.Helper()
	var view map[string]any
	if err := json.Unmarshal([]byte(r.Form.Get("view")), &view); err != nil {
		t.Fatalf("%s: the view argument %q is not a JSON object: %v", r.Method, r.Form.Get("view"), err)
	}
	return view
}

// --- views.open

func TestViewsOpen(t *testing.T) {
	c, srv := newTestClient(t)
	trigger := srv.TriggerID(slacktest.AliceID)
	v, err := c.Views.Open(t.Context(), trigger, viewsModal("Deploy"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID == "" || v.Type != "modal" || v.Hash == "" || v.RootViewID != v.ID || v.PreviousViewID != "" {
		t.Errorf("Open = ID %q Type %q Hash %q Root %q Previous %q; want a new root modal", v.ID, v.Type, v.Hash,
			v.RootViewID, v.PreviousViewID)
	}
	if v.Title == nil || v.Title.Text != "Deploy" || v.CallbackID != "deploy" || v.PrivateMetadata != "run=42" {
		t.Errorf("Open returned title %+v, callback %q, metadata %q", v.Title, v.CallbackID, v.PrivateMetadata)
	}
	if len(v.Blocks) != 1 || v.Blocks[0].BlockType() != "input" || v.State == nil || v.TeamID != slacktest.TeamID {
		t.Errorf("Open returned blocks %v, state %v, team %q", v.Blocks, v.State, v.TeamID)
	}
	if v.BotID != slacktest.BotID || v.AppID != slacktest.AppID {
		t.Errorf("BotID %q AppID %q, want the bot's", v.BotID, v.AppID)
	}

	state := viewsState(t, srv, v.ID)
	if state.User != slacktest.AliceID || state.Type != "modal" || state.Hash != v.Hash || state.CallbackID != "deploy" {
		t.Errorf("the fake holds %+v", state)
	}

	r := checkWire(t, srv, "views.open", slacktest.BotToken)
	if r.Form.Get("trigger_id") != trigger || r.Form.Has("interactivity_pointer") {
		t.Errorf("sent trigger_id %q, interactivity_pointer %q", r.Form.Get("trigger_id"), r.Form.Get("interactivity_pointer"))
	}
	sent := viewsSent(t, r)
	if sent["type"] != "modal" || sent["callback_id"] != "deploy" {
		t.Errorf("sent view %v", sent)
	}
	for _, answerOnly := range []string{"id", "hash", "state", "root_view_id", "team_id", "app_id", "bot_id"} {
		if _, found := sent[answerOnly]; found {
			t.Errorf("the sent view carries %q, a field only Slack sets", answerOnly)
		}
	}
}

func TestViewsOpenSendsOnlyTheCallersFields(t *testing.T) {
	c, srv := newTestClient(t)
	first, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.BobID), viewsModal("One"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// A view read from an answer goes back as a new view: its ID, hash and state are not sent.
	again := *first
	again.Title = slack.PlainText("Two")
	second, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.BobID), again, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID == first.ID || second.Title.Text != "Two" {
		t.Errorf("reopened view: ID %q (first %q), title %q", second.ID, first.ID, second.Title.Text)
	}
	sent := viewsSent(t, lastRequest(t, srv, "views.open"))
	if _, found := sent["id"]; found {
		t.Errorf("the view read from an answer was sent with its id: %v", sent)
	}
}

func TestViewsOpenTriggerIsSingleUse(t *testing.T) {
	c, srv := newTestClient(t)
	trigger := srv.TriggerID(slacktest.AliceID)
	if _, err := c.Views.Open(t.Context(), trigger, viewsModal("Once"), nil); err != nil {
		t.Fatal(err)
	}
	_, err := c.Views.Open(t.Context(), trigger, viewsModal("Twice"), nil)
	assertCode(t, err, slack.ErrExchangedTriggerID)

	_, err = c.Views.Open(t.Context(), "1.2.notissued", viewsModal("Never"), nil)
	assertCode(t, err, slack.ErrInvalidTriggerID)
	if n := srv.Count("views.open"); n != 3 {
		t.Errorf("%d views.open requests, want 3", n)
	}
}

func TestViewsOpenTriggerExpires(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, srv := newTestClient(t)
		defer srv.Close()
		late := srv.TriggerID(slacktest.AliceID)
		inTime := srv.TriggerID(slacktest.AliceID)
		time.Sleep(slacktest.TriggerTTL)
		if _, err := c.Views.Open(t.Context(), inTime, viewsModal("In time"), nil); err != nil {
			t.Fatalf("a trigger used after exactly TriggerTTL: %v", err)
		}
		time.Sleep(time.Millisecond)
		_, err := c.Views.Open(t.Context(), late, viewsModal("Late"), nil)
		assertCode(t, err, slack.ErrExpiredTriggerID)
	})
}

func TestViewsTriggerExpiresOnTheFakesClock(t *testing.T) {
	now := time.Unix(1800000000, 0)
	srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return now }))
	c := newClientFor(t, srv, slacktest.BotToken)
	trigger := srv.TriggerID(slacktest.BobID)
	now = now.Add(slacktest.TriggerTTL + time.Second)
	_, err := c.Views.Push(t.Context(), trigger, viewsModal("Late"), nil)
	assertCode(t, err, slack.ErrExpiredTriggerID)
}

func TestViewsOpenInteractivityPointer(t *testing.T) {
	c, srv := newTestClient(t)
	pointer := srv.TriggerID(slacktest.CarolID)
	v, err := c.Views.Open(t.Context(), "", viewsModal("From a workflow"), &slack.ViewsOpenParams{InteractivityPointer: pointer})
	if err != nil {
		t.Fatal(err)
	}
	if got := viewsState(t, srv, v.ID).User; got != slacktest.CarolID {
		t.Errorf("the modal opened for %q, want carol", got)
	}
	r := checkWire(t, srv, "views.open", slacktest.BotToken)
	if r.Form.Get("interactivity_pointer") != pointer || r.Form.Has("trigger_id") {
		t.Errorf("sent %v, want interactivity_pointer alone", r.Form)
	}
}

func TestViewsOpenNeedsExactlyOneOfTriggerAndPointer(t *testing.T) {
	for name, tc := range map[string]struct {
		trigger string
		params  *slack.ViewsOpenParams
		want    string
	}{
		"neither":       {"", nil, "triggerID"},
		"blank trigger": {"  ", &slack.ViewsOpenParams{}, "triggerID"},
		"both":          {"1.2.3", &slack.ViewsOpenParams{InteractivityPointer: "4.5.6"}, "not both"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			_, err := c.Views.Open(t.Context(), tc.trigger, viewsModal("x"), tc.params)
			assertNothingSent(t, srv, err, tc.want)
			_, err = c.Views.Push(t.Context(), tc.trigger, viewsModal("x"), (*slack.ViewsPushParams)(tc.params))
			assertNothingSent(t, srv, err, tc.want)
		})
	}
}

func TestViewsRefuseBadViewsBeforeSending(t *testing.T) {
	big := make(slack.Blocks, 100)
	for i := range big {
		big[i] = slack.SectionBlock{Text: slack.MarkdownText(strings.Repeat("x", 3000))}
	}
	tooMany := make(slack.Blocks, 101)
	for i := range tooMany {
		tooMany[i] = slack.DividerBlock{}
	}
	noTitle := viewsModal("x")
	noTitle.Title = nil
	longTitle := viewsModal(strings.Repeat("t", 25))
	mrkdwnClose := viewsModal("x")
	mrkdwnClose.Close = slack.MarkdownText("*close*")
	noSubmit := viewsModal("x")
	noSubmit.Submit = nil
	metadata := viewsModal("x")
	metadata.PrivateMetadata = strings.Repeat("m", 3001)
	badBlock := viewsModal("x")
	badBlock.Blocks = slack.Blocks{slack.HeaderBlock{}}
	for name, tc := range map[string]struct {
		view slack.View
		want string
	}{
		"no type":          {slack.View{Blocks: slack.Blocks{}}, "/view/type"},
		"home tab":         {viewsHome("hi"), "/view/type"},
		"no title":         {noTitle, "/view/title"},
		"long title":       {longTitle, "/view/title/text"},
		"mrkdwn close":     {mrkdwnClose, "/view/close/type"},
		"input, no submit": {noSubmit, "/view/submit"},
		"long metadata":    {metadata, "/view/private_metadata"},
		"101 blocks":       {slack.View{Type: "modal", Title: slack.PlainText("x"), Blocks: tooMany}, "/view/blocks"},
		"bad block":        {badBlock, "/view/blocks/0/text"},
		"over 250 kB":      {slack.View{Type: "modal", Title: slack.PlainText("x"), Blocks: big}, "view_too_large"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			_, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.AliceID), tc.view, nil)
			assertNothingSent(t, srv, err, tc.want)
		})
	}
	t.Run("a modal to publish", func(t *testing.T) {
		c, srv := newTestClient(t)
		_, err := c.Views.Publish(t.Context(), slacktest.AliceID, viewsModal("x"), nil)
		assertNothingSent(t, srv, err, "/view/type")
	})
}

func TestViewsFakeRefusesWhatSlackRefuses(t *testing.T) {
	c, srv := newTestClient(t)
	// Past the SDK's checks, through Call: a modal without a title and with a block missing its text.
	err := c.Call(t.Context(), "views.open", url.Values{"trigger_id": {srv.TriggerID(slacktest.AliceID)}}, nil)
	se := assertCode(t, err, slack.ErrInvalidArguments)
	if se.StatusCode != 200 || !strings.Contains(err.Error(), "[json-pointer:/view]") {
		t.Errorf("a views.open without a view: %v (HTTP %d)", err, se.StatusCode)
	}
	form := struct {
		TriggerID string `url:"trigger_id"`
		View      string `url:"view"`
	}{srv.TriggerID(slacktest.AliceID), `{"type":"modal","blocks":[{"type":"header"}]}`}
	err = c.Call(t.Context(), "views.open", form, nil)
	se = assertCode(t, err, slack.ErrInvalidArguments)
	joined := strings.Join(se.Messages, "\n")
	for _, want := range []string{"[json-pointer:/view/title]", "[json-pointer:/view/blocks/0/text]"} {
		if !strings.Contains(joined, want) {
			t.Errorf("Slack's messages %q do not name %s", se.Messages, want)
		}
	}
	form.View = `{"type":"home","blocks":[]}`
	err = c.Call(t.Context(), "views.open", form, nil)
	assertCode(t, err, slack.ErrInvalidArguments)
}

// --- views.push

func TestViewsPush(t *testing.T) {
	c, srv := newTestClient(t)
	root, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.AliceID), viewsModal("Root"), nil)
	if err != nil {
		t.Fatal(err)
	}
	trigger := srv.TriggerID(slacktest.AliceID)
	second, err := c.Views.Push(t.Context(), trigger, viewsModal("Second"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID == root.ID || second.RootViewID != root.ID || second.PreviousViewID != root.ID {
		t.Errorf("Push = ID %q Root %q Previous %q; want a view above %s", second.ID, second.RootViewID,
			second.PreviousViewID, root.ID)
	}
	if state := viewsState(t, srv, second.ID); state.PreviousViewID != root.ID || state.User != slacktest.AliceID {
		t.Errorf("the fake holds %+v", state)
	}
	r := checkWire(t, srv, "views.push", slacktest.BotToken)
	if r.Form.Get("trigger_id") != trigger || viewsSent(t, r)["title"].(map[string]any)["text"] != "Second" {
		t.Errorf("sent %v", r.Form)
	}

	third, err := c.Views.Push(t.Context(), srv.TriggerID(slacktest.AliceID), viewsModal("Third"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if third.PreviousViewID != second.ID || third.RootViewID != root.ID {
		t.Errorf("third view: Previous %q Root %q", third.PreviousViewID, third.RootViewID)
	}
	_, err = c.Views.Push(t.Context(), srv.TriggerID(slacktest.AliceID), viewsModal("Fourth"), nil)
	assertCode(t, err, slack.ErrPushLimitReached)
}

func TestViewsPushWithoutAnOpenModal(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.Views.Push(t.Context(), srv.TriggerID(slacktest.BobID), viewsModal("Alone"), nil)
	assertCode(t, err, slack.ErrNotFound)
}

// --- views.update

func TestViewsUpdate(t *testing.T) {
	c, srv := newTestClient(t)
	opened, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.AliceID), viewsModal("Before"), nil)
	if err != nil {
		t.Fatal(err)
	}
	changed := viewsModal("After")
	changed.ExternalID = "deploy-42"
	updated, err := c.Views.Update(t.Context(), opened.ID, changed, &slack.ViewsUpdateParams{Hash: opened.Hash})
	if err != nil {
		t.Fatal(err)
	}
	if updated.ID != opened.ID || updated.Hash == opened.Hash || updated.Title.Text != "After" ||
		updated.ExternalID != "deploy-42" {
		t.Errorf("Update = ID %q Hash %q (was %q) Title %q External %q", updated.ID, updated.Hash, opened.Hash,
			updated.Title.Text, updated.ExternalID)
	}
	state := viewsState(t, srv, opened.ID)
	if state.Hash != updated.Hash || state.ExternalID != "deploy-42" || !strings.Contains(string(state.Payload), "After") {
		t.Errorf("the fake holds %+v", state)
	}
	r := checkWire(t, srv, "views.update", slacktest.BotToken)
	if r.Form.Get("view_id") != opened.ID || r.Form.Get("hash") != opened.Hash || r.Form.Has("external_id") {
		t.Errorf("sent %v", r.Form)
	}

	// The old hash is stale now.
	_, err = c.Views.Update(t.Context(), opened.ID, viewsModal("Lost"), &slack.ViewsUpdateParams{Hash: opened.Hash})
	assertCode(t, err, slack.ErrHashConflict)

	// By external ID.
	byExternal, err := c.Views.Update(t.Context(), "", viewsModal("Again"), &slack.ViewsUpdateParams{ExternalID: "deploy-42"})
	if err != nil {
		t.Fatal(err)
	}
	if byExternal.ID != opened.ID || byExternal.Title.Text != "Again" {
		t.Errorf("update by external ID changed %q to %q", byExternal.ID, byExternal.Title.Text)
	}
	r = lastRequest(t, srv, "views.update")
	if r.Form.Get("external_id") != "deploy-42" || r.Form.Has("view_id") {
		t.Errorf("sent %v", r.Form)
	}
}

func TestViewsUpdateErrors(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.Views.Update(t.Context(), "V404", viewsModal("x"), nil)
	assertCode(t, err, slack.ErrNotFound)

	first, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.AliceID), viewsModal("One"), nil)
	if err != nil {
		t.Fatal(err)
	}
	withExternal := viewsModal("Two")
	withExternal.ExternalID = "taken"
	if _, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.BobID), withExternal, nil); err != nil {
		t.Fatal(err)
	}
	_, err = c.Views.Update(t.Context(), first.ID, withExternal, nil)
	assertCode(t, err, slack.ErrDuplicateExternalID)
}

func TestViewsUpdateNeedsExactlyOneOfViewIDAndExternalID(t *testing.T) {
	for name, tc := range map[string]struct {
		viewID string
		params *slack.ViewsUpdateParams
		want   string
	}{
		"neither": {"", &slack.ViewsUpdateParams{Hash: "1.2"}, "viewID"},
		"both":    {"V1", &slack.ViewsUpdateParams{ExternalID: "e"}, "not both"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			_, err := c.Views.Update(t.Context(), tc.viewID, viewsModal("x"), tc.params)
			assertNothingSent(t, srv, err, tc.want)
		})
	}
}

// --- views.publish

func TestViewsPublish(t *testing.T) {
	c, srv := newTestClient(t)
	v, err := c.Views.Publish(t.Context(), slacktest.BobID, viewsHome("Welcome, *bob*"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID == "" || v.Type != "home" || v.Hash == "" || v.CallbackID != "home" {
		t.Errorf("Publish = %+v", v)
	}
	home, ok := srv.HomeView(slacktest.BobID)
	if !ok || home.ID != v.ID || home.Type != "home" || !strings.Contains(string(home.Payload), "Welcome") {
		t.Errorf("bob's Home tab in the fake: %+v, %v", home, ok)
	}
	if _, ok := srv.HomeView(slacktest.AliceID); ok {
		t.Error("alice has a Home tab she was never given")
	}
	r := checkWire(t, srv, "views.publish", slacktest.BotToken)
	if r.Form.Get("user_id") != slacktest.BobID || viewsSent(t, r)["type"] != "home" || r.Form.Has("hash") {
		t.Errorf("sent %v", r.Form)
	}

	again, err := c.Views.Publish(t.Context(), slacktest.BobID, viewsHome("Updated"), &slack.ViewsPublishParams{Hash: v.Hash})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != v.ID || again.Hash == v.Hash {
		t.Errorf("republished: ID %q (was %q), hash %q (was %q)", again.ID, v.ID, again.Hash, v.Hash)
	}
	if r := lastRequest(t, srv, "views.publish"); r.Form.Get("hash") != v.Hash {
		t.Errorf("sent hash %q, want %q", r.Form.Get("hash"), v.Hash)
	}
	_, err = c.Views.Publish(t.Context(), slacktest.BobID, viewsHome("Stale"), &slack.ViewsPublishParams{Hash: v.Hash})
	assertCode(t, err, slack.ErrHashConflict)
}

func TestViewsPublishErrors(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.Views.Publish(t.Context(), "U404", viewsHome("x"), nil)
	se := assertCode(t, err, slack.ErrInvalidArguments)
	if se.StatusCode != 200 || !strings.Contains(err.Error(), "user_id") {
		t.Errorf("Slack's refusal of an unknown user: %v (HTTP %d)", err, se.StatusCode)
	}
	srv.ResetRequests()
	_, err = c.Views.Publish(t.Context(), " ", viewsHome("x"), nil)
	assertNothingSent(t, srv, err, "userID")
}

func TestViewsRefuseNilBlocksWithoutPanic(t *testing.T) {
	for name, blocks := range map[string]slack.Blocks{
		"nil block":         {nil},
		"nil *InputBlock":   {(*slack.InputBlock)(nil)},
		"nil *SectionBlock": {(*slack.SectionBlock)(nil)},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newTestClient(t)
			view := viewsModal("x")
			view.Blocks = blocks
			_, err := c.Views.Open(t.Context(), srv.TriggerID(slacktest.AliceID), view, nil)
			assertNothingSent(t, srv, err, "/view/blocks/0")
		})
	}
}
