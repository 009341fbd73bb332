package slacktest

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// bobToken is a user token for bob, who is neither an admin nor in #secret.
const bobToken = "xoxp-slacktest-bob"

// newWorkspace serves a seeded workspace over HTTP, with a token for bob.
func newWorkspace(t *testing.T) *Server {
	t.Helper()
	s := NewServer()
	t.Cleanup(s.Close)
	s.AddToken(bobToken, BobID)
	return s
}

// api calls method with the argument pairs in kv and decodes the answer.
func api(t *testing.T, s *Server, token, method string, kv ...string) map[string]any {
	t.Helper()
	form := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		form.Set(kv[i], kv[i+1])
	}
	_, body, err := post(t, http.DefaultClient, s.URL(), method, token, form)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%s: %v in %s", method, err, body)
	}
	return got
}

// wantOK fails the test unless the answer is ok.
func wantOK(t *testing.T, method string, got map[string]any) {
	t.Helper()
	if got["ok"] != true {
		t.Fatalf("%s: got %v, want ok", method, got)
	}
}

// wantCode fails the test unless the answer is the error code.
func wantCode(t *testing.T, method string, got map[string]any, code string) {
	t.Helper()
	if got["ok"] != false || got["error"] != code {
		t.Errorf("%s: got %v, want error %q", method, got, code)
	}
}

// at digs into a decoded answer: at(got, "channel", "topic", "value").
func at(v any, path ...string) any {
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

// strs collects a field of each object of a list in an answer (or the list itself, for a list of strings).
func strs(list any, field string) []string {
	var out []string
	items, _ := list.([]any)
	for _, it := range items {
		if field != "" {
			it = at(it, field)
		}
		s, _ := it.(string)
		out = append(out, s)
	}
	return out
}

// codeCase is a call expected to fail with a code.
type codeCase struct {
	token, method string
	args          []string
	code          string
}

func checkCodes(t *testing.T, s *Server, cases []codeCase) {
	t.Helper()
	for _, tc := range cases {
		wantCode(t, tc.method+" "+strings.Join(tc.args, " "), api(t, s, tc.token, tc.method, tc.args...), tc.code)
	}
}

func TestConversationsCreate(t *testing.T) {
	s := newWorkspace(t)

	got := api(t, s, UserToken, "conversations.create", "name", "plans", "is_private", "true",
		"user_ids", BobID+", "+CarolID)

	wantOK(t, "conversations.create", got)
	id, _ := at(got, "channel", "id").(string)
	if !strings.HasPrefix(id, "C") || at(got, "channel", "name") != "plans" || at(got, "channel", "is_private") != true ||
		at(got, "channel", "is_group") != false || at(got, "channel", "is_channel") != true ||
		at(got, "channel", "creator") != AliceID || at(got, "channel", "is_member") != true {
		t.Errorf("channel: %v", got["channel"])
	}
	ch, found := s.Channel("plans")
	if !found || ch.ID != id || !ch.IsPrivate || ch.Creator != AliceID || !slices.Equal(ch.Members, []string{AliceID, BobID, CarolID}) {
		t.Errorf("stored %+v", ch)
	}
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.create", nil, "invalid_name_required"},
		{UserToken, "conversations.create", []string{"name", strings.Repeat("a", 81)}, "invalid_name_maxlength"},
		{UserToken, "conversations.create", []string{"name", "Plans"}, "invalid_name_specials"},
		{UserToken, "conversations.create", []string{"name", "new plans"}, "invalid_name_specials"},
		{UserToken, "conversations.create", []string{"name", "-_-"}, "invalid_name_punctuation"},
		{UserToken, "conversations.create", []string{"name", "general"}, "name_taken"},
		{UserToken, "conversations.create", []string{"name", "plans"}, "name_taken"},
		{UserToken, "conversations.create", []string{"name", "other", "user_ids", "U0NOPE"}, "user_not_found"},
	})
	if _, found := s.Channel("other"); found {
		t.Error("a failed create stored the channel")
	}
	got = api(t, s, BotToken, "conversations.create", "name", strings.Repeat("a", 80))
	if wantOK(t, "conversations.create", got); at(got, "channel", "is_private") != false ||
		at(got, "channel", "is_channel") != true {
		t.Errorf("public channel: %v", got["channel"])
	}
}

func TestConversationsRenameArchiveUnarchive(t *testing.T) {
	s := newWorkspace(t)

	got := api(t, s, UserToken, "conversations.rename", "channel", RandomID, "name", "chatter")

	wantOK(t, "conversations.rename", got)
	if at(got, "channel", "name") != "chatter" || !slices.Equal(strs(at(got, "channel", "previous_names"), ""), []string{"random"}) {
		t.Errorf("renamed: %v", got["channel"])
	}
	if ch, _ := s.Channel(RandomID); ch.Name != "chatter" || !slices.Equal(ch.PreviousNames, []string{"random"}) {
		t.Errorf("stored %+v", ch)
	}
	wantOK(t, "archive", api(t, s, UserToken, "conversations.archive", "channel", "chatter"))
	if ch, _ := s.Channel(RandomID); !ch.IsArchived {
		t.Error("not archived")
	}
	private := api(t, s, UserToken, "conversations.create", "name", "hidden", "is_private", "true")
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.rename", []string{"channel", GeneralID, "name", "chatter"}, "name_taken"},
		{UserToken, "conversations.rename", []string{"channel", GeneralID, "name", "All"}, "invalid_name_specials"},
		{UserToken, "conversations.rename", []string{"channel", GeneralID}, "invalid_name_required"},
		{bobToken, "conversations.rename", []string{"channel", GeneralID, "name", "all"}, "not_authorized"},
		{UserToken, "conversations.rename", []string{"channel", RandomID, "name", "fun"}, "is_archived"},
		{bobToken, "conversations.rename", []string{"channel", "hidden", "name", "fun"}, "channel_not_found"},
		{UserToken, "conversations.archive", []string{"channel", RandomID}, "already_archived"},
		{UserToken, "conversations.archive", []string{"channel", GeneralID}, "cant_archive_general"},
		{UserToken, "conversations.archive", nil, "channel_not_found"},
		{BotToken, "conversations.archive", []string{"channel", at(private, "channel", "id").(string)}, "channel_not_found"},
		{UserToken, "conversations.unarchive", []string{"channel", GeneralID}, "not_archived"},
		{UserToken, "conversations.unarchive", []string{"channel", "C0NOPE"}, "channel_not_found"},
	})
	wantOK(t, "unarchive", api(t, s, UserToken, "conversations.unarchive", "channel", RandomID))
	if ch, _ := s.Channel(RandomID); ch.IsArchived {
		t.Error("still archived")
	}
	public := api(t, s, UserToken, "conversations.create", "name", "alice-only")
	checkCodes(t, s, []codeCase{
		{BotToken, "conversations.archive", []string{"channel", at(public, "channel", "id").(string)}, "not_in_channel"},
		{BotToken, "conversations.rename", []string{"channel", "alice-only", "name", "x"}, "not_in_channel"},
	})
}

func TestConversationsJoin(t *testing.T) {
	s := newWorkspace(t)
	created := api(t, s, UserToken, "conversations.create", "name", "lobby")
	id := at(created, "channel", "id").(string)

	got := api(t, s, BotToken, "conversations.join", "channel", id)

	wantOK(t, "conversations.join", got)
	if at(got, "channel", "is_member") != true || got["warning"] != nil {
		t.Errorf("join: %v", got)
	}
	if ch, _ := s.Channel(id); !slices.Contains(ch.Members, BotUserID) {
		t.Errorf("members %v", ch.Members)
	}
	again := api(t, s, BotToken, "conversations.join", "channel", id)
	if wantOK(t, "join again", again); again["already_in_channel"] != true || again["warning"] != "already_in_channel" ||
		!slices.Equal(strs(at(again, "response_metadata", "warnings"), ""), []string{"already_in_channel"}) ||
		at(again, "channel", "id") != id {
		t.Errorf("join again: %v", again)
	}
	wantOK(t, "archive", api(t, s, UserToken, "conversations.archive", "channel", id))
	checkCodes(t, s, []codeCase{
		{bobToken, "conversations.join", []string{"channel", id}, "is_archived"},
		{BotToken, "conversations.join", []string{"channel", SecretID}, "method_not_supported_for_channel_type"},
		{bobToken, "conversations.join", []string{"channel", SecretID}, "channel_not_found"},
		{bobToken, "conversations.join", nil, "channel_not_found"},
	})
}

func TestConversationsInvite(t *testing.T) {
	s := newWorkspace(t)

	got := api(t, s, UserToken, "conversations.invite", "channel", SecretID, "users", BobID)

	wantOK(t, "conversations.invite", got)
	if at(got, "channel", "id") != SecretID {
		t.Errorf("invite: %v", got)
	}
	if ch, _ := s.Channel(SecretID); !slices.Equal(ch.Members, []string{AliceID, BotUserID, BobID}) {
		t.Errorf("members %v", ch.Members)
	}
	lonely := at(api(t, s, UserToken, "conversations.create", "name", "lonely"), "channel", "id").(string)
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.invite", []string{"channel", SecretID}, "no_user"},
		{UserToken, "conversations.invite", []string{"channel", SecretID, "users", " , "}, "no_user"},
		{UserToken, "conversations.invite", []string{"channel", SecretID, "users", CarolID + ",U0NOPE"}, "user_not_found"},
		{UserToken, "conversations.invite", []string{"channel", SecretID, "users", AliceID}, "cant_invite_self"},
		{UserToken, "conversations.invite", []string{"channel", SecretID, "users", CarolID + "," + BobID}, "already_in_channel"},
		{BotToken, "conversations.invite", []string{"channel", lonely, "users", CarolID}, "not_in_channel"},
		{bobToken, "conversations.invite", []string{"channel", "C0NOPE", "users", CarolID}, "channel_not_found"},
	})
	if ch, _ := s.Channel(SecretID); slices.Contains(ch.Members, CarolID) {
		t.Error("a failed invite added carol")
	}
	wantOK(t, "archive", api(t, s, UserToken, "conversations.archive", "channel", lonely))
	checkCodes(t, s, []codeCase{{UserToken, "conversations.invite", []string{"channel", lonely, "users", BobID}, "is_archived"}})
	im := at(api(t, s, UserToken, "conversations.open", "users", BobID), "channel", "id").(string)
	checkCodes(t, s, []codeCase{{UserToken, "conversations.invite", []string{"channel", im, "users", CarolID},
		"method_not_supported_for_channel_type"}})
}

func TestConversationsKickAndLeave(t *testing.T) {
	s := newWorkspace(t)

	wantOK(t, "conversations.kick", api(t, s, UserToken, "conversations.kick", "channel", RandomID, "user", BobID))
	wantOK(t, "conversations.leave", api(t, s, BotToken, "conversations.leave", "channel", RandomID))

	if ch, _ := s.Channel(RandomID); !slices.Equal(ch.Members, []string{AliceID}) {
		t.Errorf("members %v", ch.Members)
	}
	again := api(t, s, BotToken, "conversations.leave", "channel", RandomID)
	if again["ok"] != false || again["error"] != nil || again["not_in_channel"] != true {
		t.Errorf("leave again: %v", again)
	}
	solo := at(api(t, s, UserToken, "conversations.create", "name", "solo", "is_private", "true"), "channel", "id").(string)
	archived := at(api(t, s, UserToken, "conversations.create", "name", "old", "user_ids", BobID), "channel", "id").(string)
	wantOK(t, "archive", api(t, s, UserToken, "conversations.archive", "channel", archived))
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.kick", []string{"channel", RandomID, "user", AliceID}, "cant_kick_self"},
		{UserToken, "conversations.kick", []string{"channel", RandomID, "user", CarolID}, "not_in_channel"},
		{BotToken, "conversations.kick", []string{"channel", RandomID, "user", AliceID}, "not_in_channel"},
		{UserToken, "conversations.kick", []string{"channel", GeneralID, "user", BobID}, "cant_kick_from_general"},
		{UserToken, "conversations.kick", []string{"channel", RandomID, "user", "U0NOPE"}, "user_not_found"},
		{UserToken, "conversations.kick", []string{"channel", RandomID}, "user_not_found"},
		{UserToken, "conversations.kick", []string{"user", BobID}, "channel_not_found"},
		{UserToken, "conversations.leave", []string{"channel", GeneralID}, "cant_leave_general"},
		{bobToken, "conversations.leave", []string{"channel", archived}, "is_archived"},
		{UserToken, "conversations.leave", []string{"channel", solo}, "last_member"},
		{bobToken, "conversations.leave", []string{"channel", solo}, "channel_not_found"},
	})
}

func TestConversationsTopicAndPurpose(t *testing.T) {
	s := newWorkspace(t)

	topic := api(t, s, BotToken, "conversations.setTopic", "channel", RandomID, "topic", "Lunch plans")
	purpose := api(t, s, UserToken, "conversations.setPurpose", "channel", RandomID, "purpose", "Chat")

	wantOK(t, "setTopic", topic)
	wantOK(t, "setPurpose", purpose)
	if at(topic, "channel", "topic", "value") != "Lunch plans" || at(topic, "channel", "topic", "creator") != BotUserID {
		t.Errorf("setTopic: %v", topic["channel"])
	}
	if at(purpose, "channel", "purpose", "value") != "Chat" || at(purpose, "channel", "purpose", "creator") != AliceID ||
		at(purpose, "channel", "topic", "value") != "Lunch plans" {
		t.Errorf("setPurpose: %v", purpose["channel"])
	}
	if set, _ := at(purpose, "channel", "purpose", "last_set").(float64); int64(set) < seedTime+1 {
		t.Errorf("purpose last_set %v", set)
	}
	ch, _ := s.Channel(RandomID)
	if ch.Topic != "Lunch plans" || ch.TopicCreator != BotUserID || ch.TopicLastSet == 0 || ch.Purpose != "Chat" ||
		ch.PurposeCreator != AliceID {
		t.Errorf("stored %+v", ch)
	}
	// A seeded purpose renders as set by the creator when the channel was created.
	info := api(t, s, BotToken, "conversations.info", "channel", GeneralID)
	if at(info, "channel", "purpose", "creator") != AliceID || at(info, "channel", "purpose", "last_set") != float64(seedTime) {
		t.Errorf("seeded purpose: %v", at(info, "channel", "purpose"))
	}
	lonely := at(api(t, s, UserToken, "conversations.create", "name", "lonely"), "channel", "id").(string)
	checkCodes(t, s, []codeCase{
		{BotToken, "conversations.setTopic", []string{"channel", RandomID, "topic", strings.Repeat("é", 251)}, "too_long"},
		{BotToken, "conversations.setPurpose", []string{"channel", lonely, "purpose", "x"}, "not_in_channel"},
		{BotToken, "conversations.setTopic", []string{"channel", "C0NOPE", "topic", "x"}, "channel_not_found"},
	})
	wantOK(t, "setTopic 250", api(t, s, BotToken, "conversations.setTopic", "channel", RandomID, "topic", strings.Repeat("é", 250)))
	wantOK(t, "archive", api(t, s, UserToken, "conversations.archive", "channel", lonely))
	checkCodes(t, s, []codeCase{{UserToken, "conversations.setTopic", []string{"channel", lonely, "topic", "x"}, "is_archived"}})
}

func TestConversationsInfo(t *testing.T) {
	s := newWorkspace(t)

	got := api(t, s, BotToken, "conversations.info", "channel", GeneralID, "include_num_members", "true",
		"include_locale", "1")
	plain := api(t, s, BotToken, "conversations.info", "channel", "#random")

	wantOK(t, "conversations.info", got)
	if at(got, "channel", "num_members") != float64(4) || at(got, "channel", "locale") != "en-US" ||
		at(got, "channel", "is_general") != true || at(got, "channel", "name") != "general" {
		t.Errorf("info: %v", got["channel"])
	}
	if at(plain, "channel", "id") != RandomID || at(plain, "channel", "num_members") != nil || at(plain, "channel", "locale") != nil {
		t.Errorf("plain info: %v", plain["channel"])
	}
	checkCodes(t, s, []codeCase{
		{bobToken, "conversations.info", []string{"channel", SecretID}, "channel_not_found"},
		{BotToken, "conversations.info", []string{"channel", "C0NOPE"}, "channel_not_found"},
		{BotToken, "conversations.info", nil, "channel_not_found"},
	})
}

func TestConversationsListAndMembers(t *testing.T) {
	s := newWorkspace(t)
	archived := at(api(t, s, UserToken, "conversations.create", "name", "zz-old"), "channel", "id").(string)
	wantOK(t, "archive", api(t, s, UserToken, "conversations.archive", "channel", archived))
	im := at(api(t, s, BotToken, "conversations.open", "users", AliceID), "channel", "id").(string)

	public := api(t, s, BotToken, "conversations.list")
	private := api(t, s, bobToken, "conversations.list", "types", "private_channel,im")
	all := api(t, s, BotToken, "conversations.list", "types", "public_channel, private_channel,im",
		"exclude_archived", "true")

	wantOK(t, "conversations.list", public)
	if got := strs(public["channels"], "id"); !slices.Equal(got, []string{archived, GeneralID, RandomID}) {
		t.Errorf("public: %v", got)
	}
	if general := public["channels"].([]any)[1]; at(general, "num_members") != float64(4) || at(general, "is_member") != true {
		t.Errorf("general in the list: %v", general)
	}
	if got := strs(private["channels"], "id"); len(got) != 0 {
		t.Errorf("bob's private and IMs: %v", got)
	}
	if got := strs(all["channels"], "id"); !slices.Equal(got, []string{GeneralID, RandomID, im, SecretID}) {
		t.Errorf("all: %v", got)
	}
	var paged []string
	cursor := ""
	for range 5 {
		page := api(t, s, BotToken, "conversations.list", "limit", "1", "cursor", cursor)
		wantOK(t, "list page", page)
		paged = append(paged, strs(page["channels"], "id")...)
		if cursor, _ = at(page, "response_metadata", "next_cursor").(string); cursor == "" {
			break
		}
	}
	if !slices.Equal(paged, strs(public["channels"], "id")) {
		t.Errorf("paged: %v", paged)
	}

	members := api(t, s, BotToken, "conversations.members", "channel", GeneralID, "limit", "3")
	wantOK(t, "conversations.members", members)
	next, _ := at(members, "response_metadata", "next_cursor").(string)
	rest := api(t, s, BotToken, "conversations.members", "channel", GeneralID, "cursor", next)
	if got := append(strs(members["members"], ""), strs(rest["members"], "")...); next == "" ||
		!slices.Equal(got, []string{AliceID, BobID, BotUserID, CarolID}) || at(rest, "response_metadata", "next_cursor") != "" {
		t.Errorf("members: %v then %v", members, rest)
	}
	checkCodes(t, s, []codeCase{
		{BotToken, "conversations.list", []string{"limit", "many"}, "invalid_limit"},
		{BotToken, "conversations.list", []string{"cursor", "bm9wZQ=="}, "invalid_cursor"},
		{BotToken, "conversations.list", []string{"types", "channels"}, "invalid_types"},
		{BotToken, "conversations.members", []string{"channel", GeneralID, "limit", "-2"}, "invalid_limit"},
		{BotToken, "conversations.members", []string{"channel", GeneralID, "cursor", "!"}, "invalid_cursor"},
		{bobToken, "conversations.members", []string{"channel", SecretID}, "channel_not_found"},
	})
}

func TestConversationsOpenAndClose(t *testing.T) {
	s := newWorkspace(t)
	// chat.postMessage to a user ID opens the IM that conversations.open and im.open find again.
	posted := api(t, s, UserToken, "chat.postMessage", "channel", BobID, "text", "hi")

	im := api(t, s, UserToken, "conversations.open", "users", BobID)
	imAgain := api(t, s, UserToken, "im.open", "user", BobID, "return_im", "true")
	mpim := api(t, s, UserToken, "conversations.open", "users", BobID+","+CarolID+","+AliceID)
	mpimAgain := api(t, s, UserToken, "conversations.open", "users", CarolID+","+BobID, "return_im", "true")

	wantOK(t, "conversations.open", im)
	id := at(im, "channel", "id")
	if id != posted["channel"] || im["already_open"] != true || im["no_op"] != true || len(im["channel"].(map[string]any)) != 1 {
		t.Errorf("open: %v after posting to %v", im, posted["channel"])
	}
	if at(imAgain, "channel", "id") != id || at(imAgain, "channel", "is_im") != true || at(imAgain, "channel", "user") != BobID {
		t.Errorf("im.open: %v", imAgain)
	}
	mpimID, _ := at(mpim, "channel", "id").(string)
	if wantOK(t, "open mpim", mpim); !strings.HasPrefix(mpimID, "G") || mpim["already_open"] != nil {
		t.Errorf("mpim: %v", mpim)
	}
	if at(mpimAgain, "channel", "id") != mpimID || mpimAgain["already_open"] != true || at(mpimAgain, "channel", "is_mpim") != true {
		t.Errorf("mpim again: %v", mpimAgain)
	}
	if ch, _ := s.Channel(mpimID); !ch.IsMPIM || !ch.IsOpen || !slices.Equal(ch.Members, []string{AliceID, BobID, CarolID}) {
		t.Errorf("stored mpim %+v", ch)
	}

	wantOK(t, "conversations.close", api(t, s, UserToken, "conversations.close", "channel", mpimID))
	closed := api(t, s, UserToken, "conversations.close", "channel", mpimID)
	if wantOK(t, "close again", closed); closed["no_op"] != true || closed["already_closed"] != true {
		t.Errorf("close again: %v", closed)
	}
	if ch, _ := s.Channel(mpimID); ch.IsOpen {
		t.Error("still open")
	}
	reopened := api(t, s, UserToken, "conversations.open", "channel", mpimID)
	if wantOK(t, "reopen", reopened); reopened["already_open"] != nil || at(reopened, "channel", "id") != mpimID {
		t.Errorf("reopen: %v", reopened)
	}
	if ch, _ := s.Channel(mpimID); !ch.IsOpen {
		t.Error("not reopened")
	}

	s.AddUser(User{ID: "U0GONE", Name: "gone", Deleted: true})
	nine := []string{BobID, CarolID, BotUserID}
	for _, id := range []string{"U0D", "U0E", "U0F", "U0G", "U0H", "U0I"} {
		s.AddUser(User{ID: id, Name: strings.ToLower(id)})
		nine = append(nine, id)
	}
	eight := strings.Join(nine[:8], ",")
	if big := api(t, s, UserToken, "conversations.open", "users", eight+","+AliceID); at(big, "channel", "id") == nil {
		t.Errorf("an MPIM of nine: %v", big)
	}
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.open", []string{"users", strings.Join(nine, ",")}, "too_many_users"},
		{UserToken, "conversations.open", []string{"users", CarolID, "prevent_creation", "true"}, "channel_not_found"},
		{UserToken, "conversations.open", nil, "users_list_not_supplied"},
		{UserToken, "conversations.open", []string{"users", BobID + ",U0NOPE"}, "user_not_found"},
		{UserToken, "conversations.open", []string{"users", "U0GONE"}, "user_disabled"},
		{UserToken, "conversations.open", []string{"channel", GeneralID}, "method_not_supported_for_channel_type"},
		{UserToken, "conversations.open", []string{"channel", "D0NOPE"}, "channel_not_found"},
		{bobToken, "conversations.open", []string{"channel", mpimID + "x"}, "channel_not_found"},
		{carolToken(s), "conversations.close", []string{"channel", id.(string)}, "user_does_not_own_channel"},
		{UserToken, "conversations.close", []string{"channel", GeneralID}, "method_not_supported_for_channel_type"},
		{bobToken, "conversations.close", []string{"channel", SecretID}, "channel_not_found"},
		{UserToken, "conversations.close", nil, "channel_not_found"},
	})
	s.mu.Lock()
	for _, ch := range s.ws.channels {
		if ch.IsIM && slices.Contains(ch.Members, CarolID) {
			t.Errorf("prevent_creation stored %+v", ch)
		}
	}
	s.mu.Unlock()
	existing := api(t, s, UserToken, "conversations.open", "users", BobID, "prevent_creation", "true")
	if wantOK(t, "prevent_creation existing", existing); at(existing, "channel", "id") != id {
		t.Errorf("prevent_creation of an existing IM: %v", existing)
	}
	self := api(t, s, UserToken, "conversations.open", "users", AliceID, "return_im", "true")
	if wantOK(t, "self IM", self); at(self, "channel", "user") != AliceID || at(self, "channel", "id") == id {
		t.Errorf("self IM: %v", self)
	}
}

// carolToken gives carol a token.
func carolToken(s *Server) string {
	s.AddToken("xoxp-slacktest-carol", CarolID)
	return "xoxp-slacktest-carol"
}

// seedHistory stores, in channel: one, two (a thread parent with a reply and a broadcast reply), three
// and four, at fixed timestamps 1700000100.000100 … 1700000100.000400.
func seedHistory(s *Server, channel string) {
	for _, m := range []Message{
		{TS: "1700000100.000100", Text: "one", User: AliceID},
		{TS: "1700000100.000200", Text: "two", User: AliceID, ThreadTS: "1700000100.000200"},
		{TS: "1700000100.000250", Text: "reply", User: BobID, ThreadTS: "1700000100.000200"},
		{TS: "1700000100.000260", Text: "broadcast", User: BobID, ThreadTS: "1700000100.000200", ReplyBroadcast: true},
		{TS: "1700000100.000300", Text: "three", User: BotUserID},
		{TS: "1700000100.000400", Text: "four", User: AliceID},
	} {
		m.Channel = channel
		s.AddMessage(m)
	}
}

func TestConversationsHistory(t *testing.T) {
	s := newWorkspace(t)
	seedHistory(s, RandomID)

	all := api(t, s, BotToken, "conversations.history", "channel", RandomID)

	wantOK(t, "conversations.history", all)
	if got := strs(all["messages"], "text"); !slices.Equal(got, []string{"four", "three", "broadcast", "two", "one"}) ||
		all["has_more"] != false || all["pin_count"] != float64(0) || all["response_metadata"] != nil {
		t.Errorf("history: %v %v", got, all)
	}
	var parent any
	for _, m := range all["messages"].([]any) {
		if at(m, "text") == "two" {
			parent = m
		}
	}
	if at(parent, "reply_count") != float64(2) || at(parent, "thread_ts") != "1700000100.000200" {
		t.Errorf("parent: %v", parent)
	}

	var pages [][]string
	cursor := ""
	for range 5 {
		page := api(t, s, BotToken, "conversations.history", "channel", RandomID, "limit", "2", "cursor", cursor)
		wantOK(t, "history page", page)
		pages = append(pages, strs(page["messages"], "text"))
		cursor, _ = at(page, "response_metadata", "next_cursor").(string)
		if page["has_more"] != (cursor != "") {
			t.Errorf("has_more %v with cursor %q", page["has_more"], cursor)
		}
		if cursor == "" {
			break
		}
	}
	if want := [][]string{{"four", "three"}, {"broadcast", "two"}, {"one"}}; !slices.EqualFunc(pages, want, slices.Equal) {
		t.Errorf("pages %v, want %v", pages, want)
	}

	for _, tc := range []struct {
		args []string
		want []string
		more bool
	}{
		{[]string{"oldest", "1700000100.000200", "latest", "1700000100.000400"}, []string{"three", "broadcast"}, false},
		{[]string{"oldest", "1700000100.0002", "latest", "1700000100.000400", "inclusive", "true"},
			[]string{"four", "three", "broadcast", "two"}, false},
		{[]string{"latest", "1700000100.000300", "limit", "1"}, []string{"broadcast"}, true},
		{[]string{"oldest", "1700000100.000300"}, []string{"four"}, false},
		{[]string{"latest", "1700000100"}, nil, false},
	} {
		got := api(t, s, BotToken, "conversations.history", append([]string{"channel", RandomID}, tc.args...)...)
		if wantOK(t, "history window", got); !slices.Equal(strs(got["messages"], "text"), tc.want) || got["has_more"] != tc.more {
			t.Errorf("%v: got %v", tc.args, got)
		}
	}

	outsider := at(api(t, s, UserToken, "conversations.create", "name", "no-bots"), "channel", "id").(string)
	checkCodes(t, s, []codeCase{
		{BotToken, "conversations.history", []string{"channel", RandomID, "latest", "soon"}, "invalid_ts_latest"},
		{BotToken, "conversations.history", []string{"channel", RandomID, "oldest", "-1"}, "invalid_ts_oldest"},
		{BotToken, "conversations.history", []string{"channel", RandomID, "cursor", "xyz"}, "invalid_cursor"},
		{BotToken, "conversations.history", []string{"channel", RandomID, "limit", "x"}, "invalid_limit"},
		{BotToken, "conversations.history", []string{"channel", outsider}, "not_in_channel"},
		{bobToken, "conversations.history", []string{"channel", SecretID}, "channel_not_found"},
		{BotToken, "conversations.history", nil, "channel_not_found"},
	})
	// A person reads a public channel without joining it.
	wantOK(t, "history of a public channel", api(t, s, bobToken, "conversations.history", "channel", outsider))
}

func TestConversationsReplies(t *testing.T) {
	s := newWorkspace(t)
	seedHistory(s, SecretID)
	s.AddMessage(Message{Channel: SecretID, TS: "1700000100.000500", Text: "last", User: AliceID,
		ThreadTS: "1700000100.000200"})

	first := api(t, s, BotToken, "conversations.replies", "channel", SecretID, "ts", "1700000100.000200", "limit", "2")
	next, _ := at(first, "response_metadata", "next_cursor").(string)
	second := api(t, s, BotToken, "conversations.replies", "channel", SecretID, "ts", "1700000100.000200", "limit", "2",
		"cursor", next)

	wantOK(t, "conversations.replies", first)
	if got := strs(first["messages"], "text"); !slices.Equal(got, []string{"two", "reply"}) || first["has_more"] != true {
		t.Errorf("first page %v", first)
	}
	if got := strs(second["messages"], "text"); !slices.Equal(got, []string{"broadcast", "last"}) || second["has_more"] != false ||
		second["response_metadata"] != nil {
		t.Errorf("second page %v", second)
	}
	if m := first["messages"].([]any); at(m[0], "reply_count") != float64(3) || at(m[1], "parent_user_id") != AliceID {
		t.Errorf("rendered %v", m)
	}
	byReply := api(t, s, UserToken, "conversations.replies", "channel", "secret", "ts", "1700000100.000250",
		"oldest", "1700000100.000200")
	if got := strs(byReply["messages"], "text"); !slices.Equal(got, []string{"reply", "broadcast", "last"}) {
		t.Errorf("by a reply's ts, after the parent: %v", byReply)
	}
	single := api(t, s, UserToken, "conversations.replies", "channel", SecretID, "ts", "1700000100.000100")
	if got := strs(single["messages"], "text"); !slices.Equal(got, []string{"one"}) {
		t.Errorf("a message without replies: %v", single)
	}
	checkCodes(t, s, []codeCase{
		{BotToken, "conversations.replies", []string{"channel", SecretID, "ts", "1700000100.000999"}, "thread_not_found"},
		{BotToken, "conversations.replies", []string{"channel", SecretID}, "thread_not_found"},
		{bobToken, "conversations.replies", []string{"channel", SecretID, "ts", "1700000100.000200"}, "channel_not_found"},
		{BotToken, "conversations.replies", []string{"channel", SecretID, "ts", "1700000100.000200", "cursor", "e30="}, "invalid_cursor"},
		{BotToken, "conversations.replies", []string{"channel", SecretID, "ts", "1700000100.000200", "latest", "x"}, "invalid_ts_latest"},
	})
}

func TestGroupsSeeOnlyPrivateChannels(t *testing.T) {
	s := newWorkspace(t)
	mpim := at(api(t, s, UserToken, "conversations.open", "users", BobID+","+CarolID), "channel", "id").(string)
	im := at(api(t, s, UserToken, "im.open", "user", BobID), "channel", "id").(string)

	created := api(t, s, UserToken, "groups.create", "name", "Team Plans!")
	list := api(t, s, UserToken, "groups.list")
	botList := api(t, s, BotToken, "groups.list", "exclude_members", "true")

	wantOK(t, "groups.create", created)
	id, _ := at(created, "group", "id").(string)
	if !strings.HasPrefix(id, "G") || at(created, "group", "name") != "team-plans_" || at(created, "group", "is_group") != true ||
		!slices.Equal(strs(at(created, "group", "members"), ""), []string{AliceID}) {
		t.Errorf("groups.create: %v", created)
	}
	if got := strs(list["groups"], "id"); !slices.Equal(got, []string{id, SecretID}) {
		t.Errorf("groups.list: %v", got)
	}
	if groups := botList["groups"].([]any); len(groups) != 1 || at(groups[0], "id") != SecretID || at(groups[0], "members") != nil {
		t.Errorf("bot's groups.list: %v", botList)
	}
	page := api(t, s, UserToken, "groups.list", "limit", "1")
	rest := api(t, s, UserToken, "groups.list", "limit", "1", "cursor", at(page, "response_metadata", "next_cursor").(string))
	if got := append(strs(page["groups"], "id"), strs(rest["groups"], "id")...); !slices.Equal(got, []string{id, SecretID}) {
		t.Errorf("paged groups.list: %v", got)
	}
	info := api(t, s, BotToken, "groups.info", "channel", SecretID)
	if wantOK(t, "groups.info", info); at(info, "group", "name") != "secret" ||
		!slices.Equal(strs(at(info, "group", "members"), ""), []string{AliceID, BotUserID}) {
		t.Errorf("groups.info: %v", info)
	}
	checkCodes(t, s, []codeCase{
		{UserToken, "groups.info", []string{"channel", GeneralID}, "channel_not_found"},
		{UserToken, "groups.info", []string{"channel", mpim}, "channel_not_found"},
		{UserToken, "groups.info", []string{"channel", im}, "channel_not_found"},
		{bobToken, "groups.info", []string{"channel", SecretID}, "channel_not_found"},
		{UserToken, "groups.history", []string{"channel", RandomID}, "channel_not_found"},
		{UserToken, "groups.archive", []string{"channel", RandomID}, "channel_not_found"},
		{UserToken, "groups.create", []string{"name", "Team Plans", "validate", "true"}, "invalid_name_specials"},
		{UserToken, "groups.create", []string{"name", "secret"}, "name_taken"},
		{UserToken, "groups.create", []string{"name", "!!"}, "invalid_name_punctuation"},
		{UserToken, "groups.create", nil, "invalid_name_required"},
	})
}

func TestGroupsWrites(t *testing.T) {
	s := newWorkspace(t)

	rename := api(t, s, UserToken, "groups.rename", "channel", SecretID, "name", "hush")
	topic := api(t, s, UserToken, "groups.setTopic", "channel", SecretID, "topic", "Quiet")
	purpose := api(t, s, BotToken, "groups.setPurpose", "channel", SecretID, "purpose", "Plots")
	invite := api(t, s, UserToken, "groups.invite", "channel", SecretID, "user", BobID)
	inviteAgain := api(t, s, UserToken, "groups.invite", "channel", SecretID, "user", BobID)

	if wantOK(t, "groups.rename", rename); at(rename, "channel", "name") != "hush" || at(rename, "channel", "id") != SecretID {
		t.Errorf("groups.rename: %v", rename)
	}
	if wantOK(t, "groups.setTopic", topic); topic["topic"] != "Quiet" || purpose["purpose"] != "Plots" {
		t.Errorf("setTopic %v, setPurpose %v", topic, purpose)
	}
	if wantOK(t, "groups.invite", invite); !slices.Contains(strs(at(invite, "group", "members"), ""), BobID) ||
		invite["already_in_group"] != nil || inviteAgain["already_in_group"] != true {
		t.Errorf("invite %v, again %v", invite, inviteAgain)
	}
	ch, _ := s.Channel(SecretID)
	if ch.Name != "hush" || ch.Topic != "Quiet" || ch.TopicCreator != AliceID || ch.Purpose != "Plots" ||
		!slices.Equal(ch.Members, []string{AliceID, BotUserID, BobID}) {
		t.Errorf("stored %+v", ch)
	}
	wantOK(t, "groups.kick", api(t, s, UserToken, "groups.kick", "channel", SecretID, "user", BobID))
	wantOK(t, "groups.mark", api(t, s, BotToken, "groups.mark", "channel", SecretID, "ts", "1700000100.000200"))
	opened := api(t, s, BotToken, "groups.open", "channel", SecretID)
	openedAgain := api(t, s, BotToken, "groups.open", "channel", SecretID)
	if wantOK(t, "groups.open", opened); opened["no_op"] != nil || openedAgain["no_op"] != true || openedAgain["already_open"] != true {
		t.Errorf("open %v, again %v", opened, openedAgain)
	}
	if ch, _ := s.Channel(SecretID); slices.Contains(ch.Members, BobID) || ch.LastRead != "1700000100.000200" {
		t.Errorf("after kick and mark: %+v", ch)
	}
	checkCodes(t, s, []codeCase{
		{UserToken, "groups.rename", []string{"channel", SecretID, "name", "general"}, "name_taken"},
		{UserToken, "groups.rename", []string{"channel", SecretID, "name", "Bad", "validate", "1"}, "invalid_name_specials"},
		{UserToken, "groups.setTopic", []string{"channel", SecretID, "topic", strings.Repeat("x", 251)}, "too_long"},
		{UserToken, "groups.setPurpose", []string{"channel", SecretID, "purpose", strings.Repeat("x", 251)}, "too_long"},
		{UserToken, "groups.invite", []string{"channel", SecretID, "user", AliceID}, "cant_invite_self"},
		{UserToken, "groups.invite", []string{"channel", SecretID, "user", "U0NOPE"}, "user_not_found"},
		{UserToken, "groups.invite", []string{"channel", SecretID}, "user_not_found"},
		{UserToken, "groups.kick", []string{"channel", SecretID, "user", BobID}, "not_in_group"},
		{UserToken, "groups.kick", []string{"channel", SecretID, "user", AliceID}, "cant_kick_self"},
		{UserToken, "groups.kick", []string{"channel", SecretID, "user", "U0NOPE"}, "user_not_found"},
		{UserToken, "groups.mark", []string{"channel", SecretID, "ts", "yesterday"}, "invalid_timestamp"},
		{UserToken, "groups.unarchive", []string{"channel", SecretID}, "not_archived"},
		{UserToken, "groups.open", []string{"channel", GeneralID}, "channel_not_found"},
	})

	wantOK(t, "groups.archive", api(t, s, UserToken, "groups.archive", "channel", SecretID))
	checkCodes(t, s, []codeCase{
		{UserToken, "groups.archive", []string{"channel", SecretID}, "already_archived"},
		{UserToken, "groups.setTopic", []string{"channel", SecretID, "topic", "x"}, "is_archived"},
		{UserToken, "groups.invite", []string{"channel", SecretID, "user", CarolID}, "is_archived"},
		{UserToken, "groups.leave", []string{"channel", SecretID}, "is_archived"},
		{UserToken, "groups.createChild", []string{"channel", SecretID}, "already_archived"},
	})
	wantOK(t, "groups.unarchive", api(t, s, UserToken, "groups.unarchive", "channel", SecretID))
	wantOK(t, "groups.invite", api(t, s, UserToken, "groups.invite", "channel", SecretID, "user", BobID))
	wantOK(t, "groups.leave", api(t, s, bobToken, "groups.leave", "channel", SecretID))
	solo := at(api(t, s, UserToken, "groups.create", "name", "solo"), "group", "id").(string)
	checkCodes(t, s, []codeCase{
		{bobToken, "groups.info", []string{"channel", SecretID}, "channel_not_found"},
		{bobToken, "groups.leave", []string{"channel", SecretID}, "channel_not_found"},
		{UserToken, "groups.leave", []string{"channel", solo}, "last_member"},
	})
	if ch, _ := s.Channel(SecretID); !slices.Equal(ch.Members, []string{AliceID, BotUserID}) {
		t.Errorf("after bob left: %v", ch.Members)
	}
}

func TestGroupsCreateChild(t *testing.T) {
	s := newWorkspace(t)

	got := api(t, s, UserToken, "groups.createChild", "channel", SecretID)

	wantOK(t, "groups.createChild", got)
	id, _ := at(got, "group", "id").(string)
	child, _ := s.Channel(id)
	old, _ := s.Channel(SecretID)
	if !strings.HasPrefix(id, "G") || id == SecretID || at(got, "group", "name") != "secret" || at(got, "group", "parent_group") != SecretID {
		t.Errorf("child: %v", got)
	}
	if child.Name != "secret" || !child.IsPrivate || child.ParentID != SecretID || child.IsArchived ||
		child.Creator != AliceID || !slices.Equal(child.Members, []string{AliceID, BotUserID}) {
		t.Errorf("stored child %+v", child)
	}
	if old.Name != "secret-archived" || !old.IsArchived || !slices.Equal(old.PreviousNames, []string{"secret"}) {
		t.Errorf("old group %+v", old)
	}
	checkCodes(t, s, []codeCase{{bobToken, "groups.createChild", []string{"channel", id}, "channel_not_found"}})
}

// TestGroupsRefuseBots checks user_is_bot on the groups.* methods Slack documents it for, and that the
// others work with a bot's token.
func TestGroupsRefuseBots(t *testing.T) {
	s := newWorkspace(t)
	before, _ := s.Channel(SecretID)
	var cases []codeCase
	for _, method := range []string{"archive", "create", "createChild", "invite", "kick", "leave", "rename", "replies",
		"unarchive"} {
		cases = append(cases, codeCase{BotToken, "groups." + method, []string{"channel", SecretID, "name", "x",
			"user", AliceID, "thread_ts", "1"}, "user_is_bot"})
	}
	checkCodes(t, s, cases)
	if after, _ := s.Channel(SecretID); !reflect.DeepEqual(before, after) {
		t.Errorf("refused calls changed #secret: %+v", after)
	}
	for _, method := range []string{"history", "info", "list", "mark", "open", "setPurpose", "setTopic"} {
		wantOK(t, method, api(t, s, BotToken, "groups."+method, "channel", SecretID, "ts", "1", "topic", "t",
			"purpose", "p"))
	}
}

func TestLegacyHistoryAndReplies(t *testing.T) {
	s := newWorkspace(t)
	seedHistory(s, SecretID)
	im := at(api(t, s, BotToken, "im.open", "user", AliceID), "channel", "id").(string)
	seedHistory(s, im)
	// alice reads both: she is in #secret and in the bot's IM with her.

	for _, method := range []string{"groups", "im"} {
		channel := map[string]string{"groups": SecretID, "im": im}[method]
		history := method + ".history"

		all := api(t, s, UserToken, history, "channel", channel)
		wantOK(t, history, all)
		if got := strs(all["messages"], "text"); !slices.Equal(got, []string{"four", "three", "broadcast", "two", "one"}) ||
			all["has_more"] != false || all["latest"] != "1700000100.000400" {
			t.Errorf("%s: %v", history, all)
		}
		// Paging by moving latest to the oldest message seen.
		var pages [][]string
		latest := ""
		for range 5 {
			page := api(t, s, UserToken, history, "channel", channel, "count", "2", "latest", latest)
			wantOK(t, history, page)
			if page["response_metadata"] != nil || latest != "" && page["latest"] != latest {
				t.Errorf("%s page: %v", history, page)
			}
			msgs := page["messages"].([]any)
			pages = append(pages, strs(msgs, "text"))
			if page["has_more"] != true {
				break
			}
			latest = at(msgs[len(msgs)-1], "ts").(string)
		}
		if want := [][]string{{"four", "three"}, {"broadcast", "two"}, {"one"}}; !slices.EqualFunc(pages, want, slices.Equal) {
			t.Errorf("%s pages %v, want %v", history, pages, want)
		}
		window := api(t, s, UserToken, history, "channel", channel, "oldest", "1700000100.000200", "latest",
			"1700000100.000300", "inclusive", "1")
		if got := strs(window["messages"], "text"); !slices.Equal(got, []string{"three", "broadcast", "two"}) ||
			window["latest"] != "1700000100.000300" {
			t.Errorf("%s window: %v", history, window)
		}
		// Oldest alone: the messages closest to oldest, still newest first.
		forward := api(t, s, UserToken, history, "channel", channel, "oldest", "1700000100.000100", "count", "2")
		if got := strs(forward["messages"], "text"); !slices.Equal(got, []string{"broadcast", "two"}) ||
			forward["has_more"] != true {
			t.Errorf("%s from oldest: %v", history, forward)
		}
		wantOK(t, "mark", api(t, s, UserToken, method+".mark", "channel", channel, "ts", "1700000100.000250"))
		unreads := api(t, s, UserToken, history, "channel", channel, "unreads", "true")
		if unreads["unread_count_display"] != float64(2) { // broadcast and three; four is alice's
			t.Errorf("%s unreads: %v", history, unreads["unread_count_display"])
		}

		replies := method + ".replies"
		thread := api(t, s, UserToken, replies, "channel", channel, "thread_ts", "1700000100.000200")
		if wantOK(t, replies, thread); !slices.Equal(strs(thread["messages"], "text"), []string{"two", "reply", "broadcast"}) {
			t.Errorf("%s: %v", replies, thread)
		}
		checkCodes(t, s, []codeCase{
			{UserToken, replies, []string{"channel", channel, "thread_ts", "1700000100.000999"}, "thread_not_found"},
			{UserToken, replies, []string{"channel", channel}, "thread_not_found"},
			{bobToken, replies, []string{"channel", channel, "thread_ts", "1700000100.000200"}, "channel_not_found"},
			{UserToken, history, []string{"channel", channel, "latest", "x"}, "invalid_ts_latest"},
			{UserToken, history, []string{"channel", channel, "oldest", "1.2.3"}, "invalid_ts_oldest"},
			{bobToken, history, []string{"channel", channel}, "channel_not_found"},
			{UserToken, history, []string{"channel", GeneralID}, "channel_not_found"},
		})
	}
}

func TestIM(t *testing.T) {
	s := newWorkspace(t)

	opened := api(t, s, UserToken, "im.open", "user", BobID, "include_locale", "true", "return_im", "true")
	again := api(t, s, UserToken, "conversations.open", "users", BobID)
	botIM := api(t, s, BotToken, "im.open", "user", AliceID)
	carolIM := api(t, s, UserToken, "im.open", "user", CarolID, "return_im", "1")

	wantOK(t, "im.open", opened)
	id, _ := at(opened, "channel", "id").(string)
	if !strings.HasPrefix(id, "D") || opened["already_open"] != nil || at(opened, "channel", "locale") != "en-US" {
		t.Errorf("im.open: %v", opened)
	}
	if at(again, "channel", "id") != id || again["no_op"] != true || again["already_open"] != true {
		t.Errorf("opened again: %v", again)
	}
	if at(botIM, "channel", "id") == id || at(carolIM, "channel", "user") != CarolID || at(carolIM, "channel", "is_open") != true {
		t.Errorf("bot's IM %v, carol's %v", botIM, carolIM)
	}
	if ch, _ := s.Channel(id); !ch.IsIM || !ch.IsOpen || !slices.Contains(ch.Members, BobID) {
		t.Errorf("stored %+v", ch)
	}

	list := api(t, s, UserToken, "im.list")
	wantOK(t, "im.list", list)
	want := []string{id, at(botIM, "channel", "id").(string), at(carolIM, "channel", "id").(string)}
	slices.Sort(want)
	if got := strs(list["ims"], "id"); !slices.Equal(got, want) {
		t.Errorf("im.list: %v, want %v", got, want)
	}
	var paged []string
	cursor := ""
	for range 5 {
		page := api(t, s, UserToken, "im.list", "limit", "1", "cursor", cursor)
		paged = append(paged, strs(page["ims"], "id")...)
		if cursor, _ = at(page, "response_metadata", "next_cursor").(string); cursor == "" {
			break
		}
	}
	if !slices.Equal(paged, want) {
		t.Errorf("paged im.list: %v", paged)
	}
	if got := strs(api(t, s, bobToken, "im.list")["ims"], "id"); !slices.Equal(got, []string{id}) {
		t.Errorf("bob's IMs: %v", got)
	}

	wantOK(t, "im.mark", api(t, s, UserToken, "im.mark", "channel", id, "ts", "1700000100.000100"))
	wantOK(t, "im.close", api(t, s, UserToken, "im.close", "channel", id))
	closed := api(t, s, UserToken, "im.close", "channel", id)
	if closed["no_op"] != true || closed["already_closed"] != true {
		t.Errorf("closed again: %v", closed)
	}
	if ch, _ := s.Channel(id); ch.IsOpen || ch.LastRead != "1700000100.000100" {
		t.Errorf("after mark and close: %+v", ch)
	}
	reopened := api(t, s, UserToken, "im.open", "user", BobID)
	if at(reopened, "channel", "id") != id || reopened["already_open"] != nil {
		t.Errorf("reopened: %v", reopened)
	}

	s.AddUser(User{ID: "U0GONE", Name: "gone", Deleted: true})
	checkCodes(t, s, []codeCase{
		{UserToken, "im.open", []string{"user", "U0NOPE"}, "user_not_found"},
		{UserToken, "im.open", nil, "user_not_found"},
		{UserToken, "im.open", []string{"user", "U0GONE"}, "user_disabled"},
		{UserToken, "im.list", []string{"cursor", "nope"}, "invalid_cursor"},
		{UserToken, "im.close", []string{"channel", GeneralID}, "channel_not_found"},
		{carolToken(s), "im.close", []string{"channel", id}, "user_does_not_own_channel"},
		{carolToken(s), "im.mark", []string{"channel", id, "ts", "1700000100.000100"}, "not_in_channel"},
		{UserToken, "im.mark", []string{"channel", id, "ts", "now"}, "invalid_timestamp"},
		{UserToken, "im.mark", []string{"channel", SecretID, "ts", "1700000100.000100"}, "channel_not_found"},
	})
}

// TestOpenAndReadStateIsPerMember checks that opening, closing and marking an IM, an MPIM or a group
// changes only the caller's state.
func TestOpenAndReadStateIsPerMember(t *testing.T) {
	s := newWorkspace(t)

	// alice opens her IM with bob: it is not open for bob yet.
	im := at(api(t, s, UserToken, "im.open", "user", BobID), "channel", "id").(string)
	if got := api(t, s, bobToken, "conversations.info", "channel", im); at(got, "channel", "is_open") != false {
		t.Errorf("bob sees %v before opening it", got["channel"])
	}
	bobOpens := api(t, s, bobToken, "im.open", "user", AliceID)
	if wantOK(t, "bob's im.open", bobOpens); at(bobOpens, "channel", "id") != im || bobOpens["already_open"] != nil ||
		bobOpens["no_op"] != nil {
		t.Errorf("bob's first im.open: %v", bobOpens)
	}
	// bob closes it: it stays open for alice.
	wantOK(t, "bob's im.close", api(t, s, bobToken, "im.close", "channel", im))
	if got := api(t, s, UserToken, "im.open", "user", BobID); got["already_open"] != true {
		t.Errorf("alice's IM was closed by bob: %v", got)
	}
	if got := api(t, s, bobToken, "conversations.close", "channel", im); got["already_closed"] != true {
		t.Errorf("bob's IM is open again: %v", got)
	}
	ch, _ := s.Channel(im)
	if !slices.Equal(ch.OpenFor, []string{AliceID}) || !ch.IsOpen {
		t.Errorf("stored OpenFor %v, IsOpen %v; want alice's only", ch.OpenFor, ch.IsOpen)
	}

	// alice marks it read: bob's last_read and unread count do not move.
	api(t, s, bobToken, "chat.postMessage", "channel", im, "text", "one")
	two := api(t, s, bobToken, "chat.postMessage", "channel", im, "text", "two")["ts"].(string)
	wantOK(t, "im.mark", api(t, s, UserToken, "im.mark", "channel", im, "ts", two))
	api(t, s, UserToken, "chat.postMessage", "channel", im, "text", "three")
	if got := api(t, s, bobToken, "im.history", "channel", im, "unreads", "true"); got["unread_count_display"] != float64(1) {
		t.Errorf("bob's unreads %v, want 1 (alice's three)", got["unread_count_display"])
	}
	if got := api(t, s, UserToken, "im.history", "channel", im, "unreads", "true"); got["unread_count_display"] != float64(0) {
		t.Errorf("alice's unreads %v, want 0", got["unread_count_display"])
	}
	if got := api(t, s, bobToken, "conversations.info", "channel", im); at(got, "channel", "last_read") != "0000000000.000000" {
		t.Errorf("bob's last_read %v", at(got, "channel", "last_read"))
	}
	if got := api(t, s, UserToken, "conversations.info", "channel", im); at(got, "channel", "last_read") != two {
		t.Errorf("alice's last_read %v, want %s", at(got, "channel", "last_read"), two)
	}
	ch, _ = s.Channel(im)
	if !maps.Equal(ch.ReadBy, map[string]string{AliceID: two}) || ch.LastRead != two {
		t.Errorf("stored ReadBy %v, LastRead %q", ch.ReadBy, ch.LastRead)
	}
	// A message opens the IM for both parties, as it shows in the recipient's sidebar.
	if !slices.Contains(ch.OpenFor, BobID) {
		t.Errorf("bob's IM did not open on a message: %v", ch.OpenFor)
	}

	// The same for an MPIM and a group.
	mpim := at(api(t, s, UserToken, "conversations.open", "users", BobID+","+CarolID), "channel", "id").(string)
	if got := api(t, s, carolToken(s), "conversations.open", "channel", mpim); got["already_open"] != nil {
		t.Errorf("carol's first open of the MPIM: %v", got)
	}
	wantOK(t, "groups.open", api(t, s, UserToken, "groups.open", "channel", SecretID))
	if got := api(t, s, BotToken, "groups.open", "channel", SecretID); got["already_open"] != nil {
		t.Errorf("the bot's first groups.open: %v", got)
	}
	wantOK(t, "groups.mark", api(t, s, BotToken, "groups.mark", "channel", SecretID, "ts", "1700000100.000100"))
	if got := api(t, s, UserToken, "groups.info", "channel", SecretID); at(got, "group", "last_read") != nil {
		t.Errorf("alice sees the bot's last_read: %v", at(got, "group", "last_read"))
	}
	if ch, _ := s.Channel(mpim); !slices.Equal(ch.OpenFor, []string{AliceID, CarolID}) {
		t.Errorf("MPIM OpenFor %v", ch.OpenFor)
	}

	// Seeding: IsOpen and LastRead apply to every member; copies do not share state with the server.
	s.AddChannel(Channel{ID: "D0SEED", IsIM: true, IsPrivate: true, User: BobID, Members: []string{AliceID, BobID},
		IsOpen: true, LastRead: "1700000000.000100", ReadBy: map[string]string{BobID: "1700000000.000200"}})
	seeded, _ := s.Channel("D0SEED")
	if !slices.Equal(seeded.OpenFor, []string{AliceID, BobID}) || seeded.LastRead != "1700000000.000200" ||
		!maps.Equal(seeded.ReadBy, map[string]string{AliceID: "1700000000.000100", BobID: "1700000000.000200"}) {
		t.Errorf("seeded %+v", seeded)
	}
	seeded.OpenFor[0], seeded.ReadBy[AliceID] = "U0X", "1"
	if again, _ := s.Channel("D0SEED"); again.OpenFor[0] != AliceID || again.ReadBy[AliceID] != "1700000000.000100" {
		t.Errorf("changing a copy changed the server: %+v", again)
	}
}

func TestOpenAnswers(t *testing.T) {
	s := newWorkspace(t)
	before := time.Now().Unix()

	bare := api(t, s, UserToken, "im.open", "user", CarolID, "include_locale", "true")
	full := api(t, s, UserToken, "conversations.open", "users", CarolID, "include_locale", "true", "return_im", "true")

	if channel := bare["channel"].(map[string]any); len(channel) != 1 || channel["id"] == nil {
		t.Errorf("without return_im: %v, want just the id", channel)
	}
	if at(full, "channel", "locale") != "en-US" {
		t.Errorf("with return_im: %v", full["channel"])
	}
	if created, _ := at(full, "channel", "created").(float64); int64(created) < before {
		t.Errorf("a new IM created at %v, before %d", created, before)
	}
}

func TestChannelObjects(t *testing.T) {
	s := newWorkspace(t)
	for _, method := range []string{"conversations.info", "groups.info"} {
		got := api(t, s, UserToken, method, "channel", SecretID)
		channel, _ := got["channel"].(map[string]any)
		if channel == nil {
			channel, _ = got["group"].(map[string]any)
		}
		pending, isList := channel["pending_shared"].([]any)
		if channel["is_pending_ext_shared"] != false || !isList || len(pending) != 0 || channel["is_read_only"] != false {
			t.Errorf("%s: %v", method, channel)
		}
	}
}

func TestRenameChecksEveryName(t *testing.T) {
	s := newWorkspace(t)
	mpim := at(api(t, s, UserToken, "conversations.open", "users", BobID+","+CarolID, "return_im", "true"), "channel", "name").(string)
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.rename", []string{"channel", RandomID, "name", mpim}, "name_taken"},
		{UserToken, "groups.rename", []string{"channel", SecretID, "name", mpim}, "name_taken"},
		{UserToken, "conversations.create", []string{"name", mpim}, "name_taken"},
	})
	if ch, _ := s.Channel(RandomID); ch.Name != "random" {
		t.Errorf("renamed to %q", ch.Name)
	}
}

func TestUnarchiveIsForMembers(t *testing.T) {
	s := newWorkspace(t)
	s.AddChannel(Channel{ID: "C0OLD", Name: "old", IsArchived: true, Creator: AliceID, Members: []string{AliceID, BotUserID}})
	checkCodes(t, s, []codeCase{
		{BotToken, "conversations.unarchive", []string{"channel", "C0OLD"}, "user_is_bot"},
		{bobToken, "conversations.unarchive", []string{"channel", "C0OLD"}, "not_in_channel"},
		{bobToken, "conversations.archive", []string{"channel", GeneralID}, "cant_archive_general"},
	})
	if ch, _ := s.Channel("C0OLD"); !ch.IsArchived {
		t.Error("unarchived by a refused call")
	}
	wantOK(t, "unarchive", api(t, s, UserToken, "conversations.unarchive", "channel", "C0OLD"))
}

func TestCreateRefusesDeletedUsers(t *testing.T) {
	s := newWorkspace(t)
	s.AddUser(User{ID: "U0GONE", Name: "gone", Deleted: true})
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.create", []string{"name", "plans", "user_ids", BobID + ",U0GONE"}, "user_not_found"},
	})
	if _, found := s.Channel("plans"); found {
		t.Error("a refused create stored the channel")
	}
}

func TestKickFromArchived(t *testing.T) {
	s := newWorkspace(t)
	s.AddChannel(Channel{ID: "C0OLD", Name: "old", IsArchived: true, Creator: AliceID, Members: []string{AliceID, BobID}})
	s.AddChannel(Channel{ID: "G0OLD", Name: "old-team", IsPrivate: true, IsArchived: true, Creator: AliceID,
		Members: []string{AliceID, BobID}})
	checkCodes(t, s, []codeCase{
		{UserToken, "conversations.kick", []string{"channel", "C0OLD", "user", BobID}, "is_archived"},
		{UserToken, "groups.kick", []string{"channel", "G0OLD", "user", BobID}, "is_archived"},
	})
	for _, id := range []string{"C0OLD", "G0OLD"} {
		if ch, _ := s.Channel(id); !slices.Contains(ch.Members, BobID) {
			t.Errorf("bob was kicked from archived %s", id)
		}
	}
}

func TestGroupsCreateChildArchivedName(t *testing.T) {
	s := newWorkspace(t)
	long := strings.Repeat("x", maxNameLength)
	s.AddChannel(Channel{ID: "C0TAKEN", Name: "secret-archived", Creator: AliceID, Members: []string{AliceID}})
	s.AddChannel(Channel{ID: "G0LONG", Name: long, IsPrivate: true, Creator: AliceID, Members: []string{AliceID, BobID, CarolID}})
	s.AddUser(User{ID: CarolID, Name: "carol", Deleted: true})

	wantOK(t, "createChild", api(t, s, UserToken, "groups.createChild", "channel", SecretID))
	longChild := api(t, s, UserToken, "groups.createChild", "channel", "G0LONG")

	if old, _ := s.Channel(SecretID); old.Name != "secret-archived-2" {
		t.Errorf("archived #secret is %q, want secret-archived-2", old.Name)
	}
	if taken, _ := s.Channel("C0TAKEN"); taken.Name != "secret-archived" {
		t.Errorf("the channel named secret-archived became %q", taken.Name)
	}
	if old, _ := s.Channel("G0LONG"); old.Name != long[:maxNameLength-len("-archived")]+"-archived" {
		t.Errorf("archived long group is %q (%d characters)", old.Name, len(old.Name))
	}
	if wantOK(t, "createChild", longChild); at(longChild, "group", "name") != long ||
		!slices.Equal(strs(at(longChild, "group", "members"), ""), []string{AliceID, BobID}) {
		t.Errorf("child of the long group: %v", longChild["group"])
	}
}

// TestLegacyHistoryLatest checks that im.history and groups.history always answer latest: the caller's,
// else the ts of the page's newest message, else the current time.
func TestLegacyHistoryLatest(t *testing.T) {
	s := newWorkspace(t)
	seedHistory(s, SecretID)
	empty := at(api(t, s, UserToken, "conversations.create", "name", "empty", "is_private", "true"), "channel", "id").(string)
	before := time.Now().Unix()

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"channel", SecretID, "latest", "1700000100.000350"}, "1700000100.000350"},
		{[]string{"channel", SecretID}, "1700000100.000400"},
		{[]string{"channel", SecretID, "count", "2", "latest", "1700000100.000300"}, "1700000100.000300"},
		{[]string{"channel", SecretID, "oldest", "1700000100.000100", "count", "2"}, "1700000100.000260"},
	} {
		if got := api(t, s, UserToken, "groups.history", tc.args...); got["latest"] != tc.want {
			t.Errorf("groups.history %v: latest %v, want %s", tc.args, got["latest"], tc.want)
		}
	}
	got := api(t, s, UserToken, "groups.history", "channel", empty)
	latest, _ := got["latest"].(string)
	if n, valid := tsMicros(latest); !valid || n/1_000_000 < before || n/1_000_000 > time.Now().Unix() {
		t.Errorf("latest %q for no message, want now", latest)
	}
}
