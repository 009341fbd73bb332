package slacktest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

var viewsHandlers = map[string]handler{
	"views.open":    viewsOpen,
	"views.push":    viewsPush,
	"views.update":  viewsUpdate,
	"views.publish": viewsPublish,
}

// TriggerTTL is how long a trigger ID from TriggerID stays valid, on the workspace's clock: 3 seconds,
// as at Slack.
const TriggerTTL = 3 * time.Second

// The limits of a view, as Slack documents them.
const (
	maxViewBlocks = 100
	maxViewTitle  = 24
	maxViewBytes  = 250_000
	maxViewStack  = 3
)

// View is a modal or a Home tab the workspace shows: opened by views.open or views.push, changed by
// views.update, published by views.publish. Read one with Server.View or Server.HomeView.
type View struct {
	// ID is the view's ID ("V…").
	ID string `json:"id"`
	// Type is "modal" or "home".
	Type string `json:"type"`
	// User is the ID of the user the view is shown to: who the trigger ID was issued for, or the user of
	// a Home tab.
	User string `json:"user"`
	// ExternalID is the caller's own ID for the view, unique in the workspace.
	ExternalID string `json:"external_id,omitempty"`
	// CallbackID is the view's callback_id.
	CallbackID string `json:"callback_id,omitempty"`
	// Hash changes with every update; views.update and views.publish given another hash answer
	// hash_conflict.
	Hash string `json:"hash"`
	// RootViewID is the first view of a modal's stack (the view itself for a Home tab or an opened modal).
	RootViewID string `json:"root_view_id,omitempty"`
	// PreviousViewID is the view under a pushed modal.
	PreviousViewID string `json:"previous_view_id,omitempty"`
	// Payload is the view as last sent: the JSON object of the view argument.
	Payload json.RawMessage `json:"payload"`
}

// trigger is an issued trigger ID.
type trigger struct {
	user   string
	issued time.Time
	used   bool
}

// viewStore holds the trigger IDs and views of a workspace.
type viewStore struct {
	triggers map[string]*trigger
	views    map[string]*View
	homes    map[string]string   // user ID → the view ID of their Home tab
	stacks   map[string][]string // user ID → their open modal's stack of view IDs, root first
}

// viewStore returns the workspace's views, creating the store on first use.
func (ws *workspace) viewStore() *viewStore {
	if ws.views == nil {
		ws.views = &viewStore{triggers: map[string]*trigger{}, views: map[string]*View{}, homes: map[string]string{},
			stacks: map[string][]string{}}
	}
	return ws.views
}

// TriggerID issues a trigger ID as Slack does in the payload of an interaction by user (a click on a
// button, a shortcut, a slash command): views.open and views.push take it once, within TriggerTTL of
// the workspace's clock. After that they answer expired_trigger_id; a second use answers
// exchanged_trigger_id, an ID the workspace never issued invalid_trigger_id. views.push puts its view
// on top of the modal user has open. The same IDs serve as interactivity pointers.
func (s *Server) TriggerID(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	vs := s.ws.viewStore()
	s.ws.seq++
	id := fmt.Sprintf("%d.%d.%012x", s.ws.now().Unix(), s.ws.seq, uint64(s.ws.seq)*0x9e3779b97f4a7c15>>16)
	vs.triggers[id] = &trigger{user: user, issued: s.ws.now()}
	return id
}

// View returns a copy of the view with ID id.
func (s *Server) View(id string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.ws.viewStore().views[id]
	if !ok {
		return View{}, false
	}
	return copyView(v), true
}

// HomeView returns a copy of the Home tab published for user.
func (s *Server) HomeView(user string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	vs := s.ws.viewStore()
	v, ok := vs.views[vs.homes[user]]
	if !ok {
		return View{}, false
	}
	return copyView(v), true
}

func copyView(v *View) View {
	c := *v
	c.Payload = slices.Clone(v.Payload)
	return c
}

// takeTrigger checks and uses the trigger_id (or interactivity_pointer) of a request.
func (c *call) takeTrigger() (*trigger, *answer) {
	id, pointer := c.arg("trigger_id"), c.arg("interactivity_pointer")
	switch {
	case id == "" && pointer == "":
		return nil, invalidArguments("[ERROR] missing required field: trigger_id [json-pointer:/trigger_id]")
	case id != "" && pointer != "":
		return nil, invalidArguments("[ERROR] give either trigger_id or interactivity_pointer, not both")
	case id == "":
		id = pointer
	}
	t, found := c.ws.viewStore().triggers[id]
	switch {
	case !found:
		return nil, fail("invalid_trigger_id")
	case t.used:
		return nil, fail("exchanged_trigger_id")
	case c.ws.now().Sub(t.issued) > TriggerTTL:
		return nil, fail("expired_trigger_id")
	}
	t.used = true
	return t, nil
}

// viewArg reads and checks the view argument against what Slack accepts for a view of one of kinds:
// a JSON object of at most 250 kB, its type, a modal's title and buttons, its blocks.
func (c *call) viewArg(kinds ...string) (obj, *answer) {
	raw := c.arg("view")
	if raw == "" {
		return nil, invalidArguments("[ERROR] missing required field: view [json-pointer:/view]")
	}
	if len(raw) > maxViewBytes {
		return nil, fail("view_too_large")
	}
	var view obj
	if !validJSON(raw, '{') || json.Unmarshal([]byte(raw), &view) != nil {
		return nil, invalidArguments("[ERROR] must provide an object [json-pointer:/view]")
	}
	var problems []string
	typ, _ := view["type"].(string)
	if !slices.Contains(kinds, typ) {
		problems = append(problems, fmt.Sprintf("[ERROR] must be one of %s [json-pointer:/view/type]",
			strings.Join(kinds, ", ")))
	}
	if typ == "modal" {
		for _, name := range []string{"title", "submit", "close"} {
			problems = append(problems, viewTextProblems(view, name, name == "title")...)
		}
	}
	blocks, present := view["blocks"]
	list, isList := blocks.([]any)
	switch {
	case !present:
		problems = append(problems, "[ERROR] missing required field: blocks [json-pointer:/view/blocks]")
	case !isList:
		problems = append(problems, "[ERROR] must provide an array [json-pointer:/view/blocks]")
	case len(list) > maxViewBlocks:
		problems = append(problems, fmt.Sprintf("[ERROR] no more than %d items allowed [json-pointer:/view/blocks]",
			maxViewBlocks))
	default:
		for i, b := range list {
			one, _ := json.Marshal([]any{b})
			for _, p := range blockProblems(string(one)) {
				p = strings.Replace(p, "[json-pointer:/blocks/0", fmt.Sprintf("[json-pointer:/view/blocks/%d", i), 1)
				problems = append(problems, "[ERROR] "+p)
			}
		}
	}
	if len(problems) > 0 {
		return nil, invalidArguments(problems...)
	}
	return view, nil
}

// viewTextProblems checks a modal's title, submit or close: a plain_text object of 1 to 24 characters.
func viewTextProblems(view obj, name string, required bool) []string {
	v, present := view[name]
	if !present || v == nil {
		if required {
			return []string{"[ERROR] missing required field: " + name + " [json-pointer:/view/" + name + "]"}
		}
		return nil
	}
	t, _ := v.(map[string]any)
	typ, _ := t["type"].(string)
	text, _ := t["text"].(string)
	switch {
	case typ != "plain_text":
		return []string{"[ERROR] must be plain_text [json-pointer:/view/" + name + "/type]"}
	case text == "":
		return []string{"[ERROR] must be more than 0 characters [json-pointer:/view/" + name + "/text]"}
	case utf8.RuneCountInString(text) > maxViewTitle:
		return []string{fmt.Sprintf("[ERROR] must be less than %d characters [json-pointer:/view/%s/text]",
			maxViewTitle+1, name)}
	}
	return nil
}

// externalIDTaken reports whether a view other than self has the external ID of view.
func (vs *viewStore) externalIDTaken(view obj, self string) bool {
	ext, _ := view["external_id"].(string)
	if ext == "" {
		return false
	}
	for _, v := range vs.views {
		if v.ExternalID == ext && v.ID != self {
			return true
		}
	}
	return false
}

// newHash is a view's hash for a new version: Slack's form, "<unix time>.<hex>".
func (ws *workspace) newHash() string {
	ws.seq++
	return fmt.Sprintf("%d.%08x", ws.now().Unix(), uint32(uint64(ws.seq)*0x9e3779b1))
}

// setPayload stores view as v's new version, with a new hash. An external_id left out keeps the old one.
func (ws *workspace) setPayload(v *View, view obj) {
	if ext, _ := view["external_id"].(string); ext != "" {
		v.ExternalID = ext
	}
	v.CallbackID, _ = view["callback_id"].(string)
	v.Payload, _ = json.Marshal(view)
	v.Hash = ws.newHash()
}

// renderView renders a view the way views.* answer it.
func (c *call) renderView(v *View) obj {
	var o obj
	_ = json.Unmarshal(v.Payload, &o)
	if o == nil {
		o = obj{}
	}
	for k, def := range map[string]any{"private_metadata": "", "callback_id": "", "clear_on_close": false,
		"notify_on_close": false, "submit": nil, "close": nil} {
		if _, set := o[k]; !set {
			o[k] = def
		}
	}
	var previous any
	if v.PreviousViewID != "" {
		previous = v.PreviousViewID
	}
	appID := ""
	if b, found := c.ws.bots[c.caller.BotID]; found {
		appID = b.AppID
	}
	maps.Copy(o, obj{"id": v.ID, "team_id": TeamID, "type": v.Type, "external_id": v.ExternalID,
		"state": obj{"values": obj{}}, "hash": v.Hash, "root_view_id": v.RootViewID, "previous_view_id": previous,
		"app_id": appID, "app_installed_team_id": TeamID, "bot_id": c.caller.BotID})
	return o
}

func viewsOpen(c *call) *answer {
	view, errAnswer := c.viewArg("modal")
	if errAnswer != nil {
		return errAnswer
	}
	vs := c.ws.viewStore()
	if vs.externalIDTaken(view, "") {
		return fail("duplicate_external_id")
	}
	t, errAnswer := c.takeTrigger()
	if errAnswer != nil {
		return errAnswer
	}
	v := &View{ID: c.ws.newID("V"), Type: "modal", User: t.user}
	v.RootViewID = v.ID
	c.ws.setPayload(v, view)
	vs.views[v.ID] = v
	vs.stacks[t.user] = []string{v.ID}
	return ok(obj{"view": c.renderView(v)})
}

func viewsPush(c *call) *answer {
	view, errAnswer := c.viewArg("modal")
	if errAnswer != nil {
		return errAnswer
	}
	vs := c.ws.viewStore()
	if vs.externalIDTaken(view, "") {
		return fail("duplicate_external_id")
	}
	t, errAnswer := c.takeTrigger()
	if errAnswer != nil {
		return errAnswer
	}
	stack := vs.stacks[t.user]
	switch {
	case len(stack) == 0:
		return fail("not_found")
	case len(stack) >= maxViewStack:
		return fail("push_limit_reached")
	}
	v := &View{ID: c.ws.newID("V"), Type: "modal", User: t.user, RootViewID: stack[0],
		PreviousViewID: stack[len(stack)-1]}
	c.ws.setPayload(v, view)
	vs.views[v.ID] = v
	vs.stacks[t.user] = append(stack, v.ID)
	return ok(obj{"view": c.renderView(v)})
}

func viewsUpdate(c *call) *answer {
	id, ext := c.arg("view_id"), c.arg("external_id")
	if (id == "") == (ext == "") {
		return invalidArguments("[ERROR] exactly one of view_id and external_id is required")
	}
	vs := c.ws.viewStore()
	v := vs.views[id]
	if ext != "" {
		for _, candidate := range vs.views {
			if candidate.ExternalID == ext {
				v = candidate
			}
		}
	}
	if v == nil {
		return fail("not_found")
	}
	view, errAnswer := c.viewArg(v.Type)
	if errAnswer != nil {
		return errAnswer
	}
	if hash := c.arg("hash"); hash != "" && hash != v.Hash {
		return fail("hash_conflict")
	}
	if vs.externalIDTaken(view, v.ID) {
		return fail("duplicate_external_id")
	}
	c.ws.setPayload(v, view)
	return ok(obj{"view": c.renderView(v)})
}

func viewsPublish(c *call) *answer {
	user, found := c.ws.users[c.arg("user_id")]
	if !found || user.Deleted {
		return invalidArguments("invalid `user_id`")
	}
	view, errAnswer := c.viewArg("home")
	if errAnswer != nil {
		return errAnswer
	}
	vs := c.ws.viewStore()
	v := vs.views[vs.homes[user.ID]]
	if hash := c.arg("hash"); hash != "" && v != nil && hash != v.Hash {
		return fail("hash_conflict")
	}
	self := ""
	if v != nil {
		self = v.ID
	}
	if vs.externalIDTaken(view, self) {
		return fail("duplicate_external_id")
	}
	if v == nil {
		v = &View{ID: c.ws.newID("V"), Type: "home", User: user.ID}
		v.RootViewID = v.ID
		vs.views[v.ID] = v
		vs.homes[user.ID] = v.ID
	}
	c.ws.setPayload(v, view)
	return ok(obj{"view": c.renderView(v)})
}
