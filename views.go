package slack

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
)

// ViewsService holds the views.* methods: modals and Home tabs.
type ViewsService service

// View is a modal or a Home tab: the view Views.Open, Push, Update and Publish send, and the view Slack
// answers with. The caller fills Type, Blocks and the fields above ID; Slack fills ID and the fields after
// it. Only the caller's fields are sent, so a view read from an answer may be changed and sent again.
type View struct {
	// Type is "modal" or "home".
	Type string `json:"type"`
	// Title is a modal's title: plain_text, at most 24 characters; required for a modal.
	Title *TextObject `json:"title,omitempty"`
	// Submit is the text of a modal's submit button: plain_text, at most 24 characters. A modal with an
	// input block needs one.
	Submit *TextObject `json:"submit,omitempty"`
	// Close is the text of a modal's close button: plain_text, at most 24 characters.
	Close *TextObject `json:"close,omitempty"`
	// Blocks is the view's content: up to 100 blocks.
	Blocks Blocks `json:"blocks"`
	// PrivateMetadata is a string of up to 3000 characters that comes back in the view's interaction
	// payloads.
	PrivateMetadata string `json:"private_metadata,omitempty"`
	// CallbackID names the view in its interaction payloads: at most 255 characters.
	CallbackID string `json:"callback_id,omitempty"`
	// ExternalID is the caller's own ID for the view, unique in the workspace: at most 255 characters.
	// Views.Update finds a view by it (ViewsUpdateParams.ExternalID).
	ExternalID string `json:"external_id,omitempty"`
	// ClearOnClose closes every view of a modal's stack when this one is closed.
	ClearOnClose bool `json:"clear_on_close,omitempty"`
	// NotifyOnClose sends the app a view_closed event when the user closes the modal.
	NotifyOnClose bool `json:"notify_on_close,omitempty"`
	// SubmitDisabled greys out the submit button of a modal (for configuration modals of workflow
	// steps).
	SubmitDisabled bool `json:"submit_disabled,omitempty"`

	// ID is the view's ID ("V…"), set by Slack; Views.Update takes it.
	ID string `json:"id,omitempty"`
	// TeamID is the workspace of the view.
	TeamID string `json:"team_id,omitempty"`
	// State holds the values of the view's input elements.
	State *ViewState `json:"state,omitempty"`
	// Hash identifies this version of the view: pass it in ViewsUpdateParams.Hash or
	// ViewsPublishParams.Hash so that an update made in between is not overwritten (hash_conflict).
	Hash string `json:"hash,omitempty"`
	// RootViewID is the first view of a modal's stack; PreviousViewID the view under this one.
	RootViewID     string `json:"root_view_id,omitempty"`
	PreviousViewID string `json:"previous_view_id,omitempty"`
	// AppID and BotID name the app that owns the view; AppInstalledTeamID the workspace it is installed
	// in.
	AppID              string `json:"app_id,omitempty"`
	AppInstalledTeamID string `json:"app_installed_team_id,omitempty"`
	BotID              string `json:"bot_id,omitempty"`
}

// ViewState is what a user has entered in a view's input elements, by block_id and then action_id.
type ViewState struct {
	Values map[string]map[string]ViewStateValue `json:"values"`
}

// ViewStateValue is the value of one input element. Type is the element's type ("plain_text_input",
// "static_select", …) and says which field is set.
type ViewStateValue struct {
	Type                  string         `json:"type"`
	Value                 string         `json:"value,omitempty"`
	SelectedDate          string         `json:"selected_date,omitempty"`
	SelectedTime          string         `json:"selected_time,omitempty"`
	SelectedDateTime      int64          `json:"selected_date_time,omitempty"`
	Timezone              string         `json:"timezone,omitempty"`
	SelectedOption        *OptionObject  `json:"selected_option,omitempty"`
	SelectedOptions       []OptionObject `json:"selected_options,omitempty"`
	SelectedUser          string         `json:"selected_user,omitempty"`
	SelectedUsers         []string       `json:"selected_users,omitempty"`
	SelectedChannel       string         `json:"selected_channel,omitempty"`
	SelectedChannels      []string       `json:"selected_channels,omitempty"`
	SelectedConversation  string         `json:"selected_conversation,omitempty"`
	SelectedConversations []string       `json:"selected_conversations,omitempty"`
	RichTextValue         *RichTextBlock `json:"rich_text_value,omitempty"`
	Files                 []File         `json:"files,omitempty"`
}

// viewPayload is the part of a View the caller sends.
type viewPayload struct {
	Type            string      `json:"type"`
	Title           *TextObject `json:"title,omitempty"`
	Submit          *TextObject `json:"submit,omitempty"`
	Close           *TextObject `json:"close,omitempty"`
	Blocks          Blocks      `json:"blocks"`
	PrivateMetadata string      `json:"private_metadata,omitempty"`
	CallbackID      string      `json:"callback_id,omitempty"`
	ExternalID      string      `json:"external_id,omitempty"`
	ClearOnClose    bool        `json:"clear_on_close,omitempty"`
	NotifyOnClose   bool        `json:"notify_on_close,omitempty"`
	SubmitDisabled  bool        `json:"submit_disabled,omitempty"`
}

// View limits Slack documents.
const (
	maxViewTitle           = 24
	maxViewPrivateMetadata = 3000
	maxViewCallbackID      = 255
	maxViewExternalID      = 255
	maxViewBytes           = 250_000 // view_too_large above 250 kB
)

// encodeView checks view for the kinds it may be ("modal", "home") and against Slack's limits (its
// blocks as Blocks.Validate checks them for SurfaceModal or SurfaceHome), and returns it as the JSON of
// the view argument. A problem is an *Error with Code ErrInvalidArguments naming its place under /view.
func encodeView(method string, view View, kinds ...string) (string, error) {
	v := &validator{}
	surface := SurfaceModal
	switch {
	case view.Type == "":
		v.missing("/view/type")
	case !slices.Contains(kinds, view.Type):
		v.fail("/view/type", "%s takes a view of type %s, not %q", method, strings.Join(kinds, " or "), view.Type)
	case view.Type == "home":
		surface = SurfaceHome
	}
	if view.Type == "modal" {
		v.text("/view/title", view.Title, true, true, maxViewTitle)
		v.text("/view/submit", view.Submit, hasInputBlock(view.Blocks), true, maxViewTitle)
		v.text("/view/close", view.Close, false, true, maxViewTitle)
	}
	v.str("/view/private_metadata", view.PrivateMetadata, false, maxViewPrivateMetadata)
	v.str("/view/callback_id", view.CallbackID, false, maxViewCallbackID)
	v.str("/view/external_id", view.ExternalID, false, maxViewExternalID)
	v.blocks("/view/blocks", view.Blocks, surface.maxBlocks())
	v.finish()
	if err := v.err(method); err != nil {
		return "", err
	}
	blocks := view.Blocks
	if blocks == nil {
		blocks = Blocks{}
	}
	b, err := json.Marshal(viewPayload{Type: view.Type, Title: view.Title, Submit: view.Submit, Close: view.Close,
		Blocks: blocks, PrivateMetadata: view.PrivateMetadata, CallbackID: view.CallbackID,
		ExternalID: view.ExternalID, ClearOnClose: view.ClearOnClose, NotifyOnClose: view.NotifyOnClose,
		SubmitDisabled: view.SubmitDisabled})
	if err != nil {
		return "", invalidArgument(method, "view: %v", err)
	}
	if len(b) > maxViewBytes {
		return "", invalidArgument(method, "view is %d bytes of JSON, more than Slack's %d (view_too_large)", len(b), maxViewBytes)
	}
	return string(b), nil
}

// hasInputBlock reports whether blocks hold an input block, which makes a modal's submit button required.
func hasInputBlock(blocks Blocks) bool {
	for _, b := range blocks {
		switch x := b.(type) {
		case InputBlock:
			return true
		case *InputBlock:
			if x != nil {
				return true
			}
		}
	}
	return false
}

// viewsOneOf checks the one place a positional argument may be empty: exactly one of the positional
// argument and its alternative in the params must be set.
func viewsOneOf(method, name, value, altName, alt string) error {
	hasValue, hasAlt := strings.TrimSpace(value) != "", strings.TrimSpace(alt) != ""
	switch {
	case !hasValue && !hasAlt:
		return invalidArgument(method, "missing required argument %s (or %s)", name, altName)
	case hasValue && hasAlt:
		return invalidArgument(method, "give either %s or %s, not both", name, altName)
	}
	return nil
}

// viewReply is the answer of every views.* method.
type viewReply struct {
	envelope
	View View `json:"view"`
}

// callView sends a views.* request and returns the view Slack answered with.
func callView(ctx context.Context, c *Client, method string, req any) (*View, error) {
	var out viewReply
	if err := c.Call(ctx, method, req, &out); err != nil {
		return nil, err
	}
	return &out.View, nil
}

// ViewsOpenParams are the optional arguments of Views.Open.
type ViewsOpenParams struct {
	// InteractivityPointer, from a workflow function's interaction, replaces the trigger ID: give one of
	// the two.
	InteractivityPointer string `url:"interactivity_pointer,omitempty"`
}

// viewsStackRequest is the request of views.open and views.push.
type viewsStackRequest struct {
	TriggerID            string `url:"trigger_id,omitempty"`
	InteractivityPointer string `url:"interactivity_pointer,omitempty"`
	View                 string `url:"view"`
}

// Open opens a modal for the user who triggered an interaction, with the trigger ID of its payload
// (valid for 3 seconds, and once). The view must be a modal; the call is refused before sending if it
// is not, if its blocks break Slack's limits (see Blocks.Validate), or unless exactly one of triggerID
// and params.InteractivityPointer is set.
//
// Slack API: https://api.slack.com/methods/views.open (Tier 4, no scope)
func (s *ViewsService) Open(ctx context.Context, triggerID string, view View, params *ViewsOpenParams) (*View, error) {
	const method = "views.open"
	var p ViewsOpenParams
	if params != nil {
		p = *params
	}
	return s.stack(ctx, method, triggerID, p.InteractivityPointer, view)
}

// ViewsPushParams are the optional arguments of Views.Push.
type ViewsPushParams struct {
	// InteractivityPointer, from a workflow function's interaction, replaces the trigger ID: give one of
	// the two.
	InteractivityPointer string `url:"interactivity_pointer,omitempty"`
}

// Push puts a modal on top of the stack of an open modal (at most 3 views), with the trigger ID of an
// interaction in that modal. The checks are those of Open.
//
// Slack API: https://api.slack.com/methods/views.push (Tier 4, no scope)
func (s *ViewsService) Push(ctx context.Context, triggerID string, view View, params *ViewsPushParams) (*View, error) {
	const method = "views.push"
	var p ViewsPushParams
	if params != nil {
		p = *params
	}
	return s.stack(ctx, method, triggerID, p.InteractivityPointer, view)
}

// stack sends views.open or views.push.
func (s *ViewsService) stack(ctx context.Context, method, triggerID, pointer string, view View) (*View, error) {
	if err := viewsOneOf(method, "triggerID", triggerID, "InteractivityPointer", pointer); err != nil {
		return nil, err
	}
	payload, err := encodeView(method, view, "modal")
	if err != nil {
		return nil, err
	}
	return callView(ctx, s.client, method, viewsStackRequest{strings.TrimSpace(triggerID), strings.TrimSpace(pointer), payload})
}

// ViewsUpdateParams are the optional arguments of Views.Update.
type ViewsUpdateParams struct {
	// ExternalID finds the view by the caller's own ID instead of its view ID: give one of the two.
	ExternalID string `url:"external_id,omitempty"`
	// Hash is the Hash of the view as last read: if the view has changed since, the update fails with
	// ErrHashConflict instead of overwriting the change.
	Hash string `url:"hash,omitempty"`
}

type viewsUpdateRequest struct {
	ViewID     string `url:"view_id,omitempty"`
	ExternalID string `url:"external_id,omitempty"`
	Hash       string `url:"hash,omitempty"`
	View       string `url:"view"`
}

// Update replaces an open modal or a published Home tab, found by viewID or params.ExternalID (exactly one
// of the two). The checks are those of Open, for a modal or a Home tab.
//
// Slack API: https://api.slack.com/methods/views.update (Tier 4, no scope)
func (s *ViewsService) Update(ctx context.Context, viewID string, view View, params *ViewsUpdateParams) (*View, error) {
	const method = "views.update"
	var p ViewsUpdateParams
	if params != nil {
		p = *params
	}
	if err := viewsOneOf(method, "viewID", viewID, "ExternalID", p.ExternalID); err != nil {
		return nil, err
	}
	payload, err := encodeView(method, view, "modal", "home")
	if err != nil {
		return nil, err
	}
	return callView(ctx, s.client, method, viewsUpdateRequest{strings.TrimSpace(viewID), strings.TrimSpace(p.ExternalID),
		p.Hash, payload})
}

// ViewsPublishParams are the optional arguments of Views.Publish.
type ViewsPublishParams struct {
	// Hash is the Hash of the Home tab as last read: if it has changed since, the call fails with
	// ErrHashConflict instead of overwriting the change.
	Hash string `url:"hash,omitempty"`
}

type viewsPublishRequest struct {
	UserID              string `url:"user_id"`
	View                string `url:"view"`
	*ViewsPublishParams `url:",omitempty"`
}

// Publish shows view, of type "home", as the Home tab of the user with ID userID, replacing the one they
// had. The view is checked as Open checks a modal, for SurfaceHome.
//
// Slack API: https://api.slack.com/methods/views.publish (Tier 4, no scope)
func (s *ViewsService) Publish(ctx context.Context, userID string, view View, params *ViewsPublishParams) (*View, error) {
	const method = "views.publish"
	if err := required(method, "userID", userID); err != nil {
		return nil, err
	}
	payload, err := encodeView(method, view, "home")
	if err != nil {
		return nil, err
	}
	return callView(ctx, s.client, method, viewsPublishRequest{userID, payload, params})
}
