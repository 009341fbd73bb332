package slacktest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// The IDs of the seeded workspace (absent from an Empty one).
const (
	// TeamID is the workspace's team ID.
	TeamID = "T0GOSLACK"
	// TeamName is the workspace's name.
	TeamName = "goslack test"
	// TeamDomain is the workspace's domain: goslack-test.slack.com.
	TeamDomain = "goslack-test"

	// AliceID is alice, an admin and the owner of UserToken.
	AliceID = "U0ALICE"
	// BobID is bob.
	BobID = "U0BOB"
	// CarolID is carol.
	CarolID = "U0CAROL"
	// BotUserID is tourbot, the bot user of BotToken.
	BotUserID = "U0BOT"
	// BotID is tourbot's bot.
	BotID = "B0BOT"
	// AppID is tourbot's app.
	AppID = "A0TOUR"

	// GeneralID is #general: everyone.
	GeneralID = "C0GENERAL"
	// RandomID is #random: alice, bob and the bot.
	RandomID = "C0RANDOM"
	// SecretID is #secret, a private channel: alice and the bot.
	SecretID = "G0SECRET"

	// FileID is report.pdf, shared by alice in #general.
	FileID = "F0REPORT"
)

// User is a member of the fake workspace: a person or a bot user. Seed users with AddUser, WithSeed or
// LoadJSON (where the fields have the JSON names shown); read one back with Server.User.
type User struct {
	// ID is the user's ID ("U0ALICE").
	ID string `json:"id"`
	// Name is the user's handle ("alice"), also their display name.
	Name string `json:"name"`
	// RealName is the user's full name.
	RealName string `json:"real_name,omitempty"`
	// Email is the user's address, found by users.lookupByEmail.
	Email string `json:"email,omitempty"`
	// IsAdmin and IsOwner give the user a workspace admin's or owner's rights.
	IsAdmin bool `json:"is_admin,omitempty"`
	// IsOwner marks the workspace's (primary) owner.
	IsOwner bool `json:"is_owner,omitempty"`
	// IsBot marks a bot user; BotID names its bot (see Bot).
	IsBot bool `json:"is_bot,omitempty"`
	// BotID is the ID of a bot user's bot ("B0BOT").
	BotID string `json:"bot_id,omitempty"`
	// Deleted marks a deactivated user: their tokens answer account_inactive.
	Deleted bool `json:"deleted,omitempty"`
	// TZ is the user's time zone name ("Europe/London"); TZOffset its offset from UTC in seconds.
	TZ string `json:"tz,omitempty"`
	// TZOffset is the offset of TZ from UTC, in seconds.
	TZOffset int `json:"tz_offset,omitempty"`
	// Presence is "auto" or "away", as set by users.setPresence.
	Presence string `json:"presence,omitempty"`
	// HasPhoto is set by users.setPhoto and cleared by users.deletePhoto.
	HasPhoto bool `json:"has_photo,omitempty"`
	// Profile holds profile fields set by users.profile.set (beyond the names and email above).
	Profile map[string]any `json:"profile,omitempty"`
	// Updated is when the user last changed, in Unix seconds.
	Updated int64 `json:"updated,omitempty"`
}

// Channel is a conversation of the fake workspace: a public channel, a private channel (group), an IM
// or an MPIM. Seed conversations with AddChannel, WithSeed or LoadJSON; read one back with
// Server.Channel or Server.IM.
type Channel struct {
	// ID is the conversation's ID: "C…" for a channel, "G…" for a private channel made before 2021 or an
	// MPIM, "D…" for an IM.
	ID string `json:"id"`
	// Name is a channel's name, without the "#".
	Name string `json:"name,omitempty"`
	// IsPrivate marks a private channel (IMs and MPIMs are private too).
	IsPrivate bool `json:"is_private,omitempty"`
	// IsIM marks a direct message between two users (or a user's own IM); User is the other party.
	IsIM bool `json:"is_im,omitempty"`
	// IsMPIM marks a multi-person direct message.
	IsMPIM bool `json:"is_mpim,omitempty"`
	// IsArchived marks an archived conversation: writes to it answer is_archived.
	IsArchived bool `json:"is_archived,omitempty"`
	// IsGeneral marks the workspace's #general, which cannot be archived or left.
	IsGeneral bool `json:"is_general,omitempty"`
	// Creator is the ID of the user who made the conversation.
	Creator string `json:"creator,omitempty"`
	// Created is when the conversation was made, in Unix seconds.
	Created int64 `json:"created,omitempty"`
	// Topic is the conversation's topic.
	Topic string `json:"topic,omitempty"`
	// Purpose is the conversation's purpose.
	Purpose string `json:"purpose,omitempty"`
	// TopicCreator and TopicLastSet record who set the topic and when (Unix seconds); when empty, the
	// topic renders as set by the channel's creator when it was created.
	TopicCreator string `json:"topic_creator,omitempty"`
	// TopicLastSet is when the topic was set, in Unix seconds.
	TopicLastSet int64 `json:"topic_last_set,omitempty"`
	// PurposeCreator and PurposeLastSet are the same for the purpose.
	PurposeCreator string `json:"purpose_creator,omitempty"`
	// PurposeLastSet is when the purpose was set, in Unix seconds.
	PurposeLastSet int64 `json:"purpose_last_set,omitempty"`
	// Members lists the IDs of the conversation's members.
	Members []string `json:"members,omitempty"`
	// PreviousNames lists the names a renamed channel had, newest first.
	PreviousNames []string `json:"previous_names,omitempty"`
	// User is the other party of an IM.
	User string `json:"user,omitempty"`
	// IsOpen, when seeding (AddChannel), opens an IM or MPIM (or a private channel, in the sidebar) for
	// every member. In a copy from Server.Channel it reports whether some member has it open; OpenFor says
	// who.
	IsOpen bool `json:"is_open,omitempty"`
	// OpenFor lists the members who have the conversation open: im.open, conversations.open and groups.open
	// open it for the caller, im.close and conversations.close close it for the caller, and a message in an
	// IM opens it for both parties.
	OpenFor []string `json:"open_for,omitempty"`
	// LastRead, when seeding, is the last ts every member has read (unless ReadBy says otherwise). In a
	// copy from Server.Channel it is the newest ts any member has marked read; ReadBy says who read what.
	LastRead string `json:"last_read,omitempty"`
	// ReadBy maps a member's ID to the last ts they marked read (im.mark, groups.mark).
	ReadBy map[string]string `json:"read_by,omitempty"`
	// ParentID is, for a group made by groups.createChild, the archived group it replaces.
	ParentID string `json:"parent_id,omitempty"`
}

// Message is a stored message: a top-level message or a thread reply. Seed messages with AddMessage,
// WithSeed or LoadJSON; read them back with Server.Messages and Server.Thread.
type Message struct {
	// TS is the message's timestamp, its ID within the channel ("1700000000.000100").
	TS string `json:"ts"`
	// Channel is the ID of the conversation the message is in.
	Channel string `json:"channel"`
	// User is the ID of the author.
	User string `json:"user,omitempty"`
	// BotID is the author's bot, for a message posted by a bot user.
	BotID string `json:"bot_id,omitempty"`
	// Username is the name a bot posted under (with Subtype "bot_message").
	Username string `json:"username,omitempty"`
	// Subtype is Slack's message subtype: "", "bot_message", "me_message", or "tombstone" for a deleted
	// thread parent.
	Subtype string `json:"subtype,omitempty"`
	// Text is the message's text, as last edited.
	Text string `json:"text,omitempty"`
	// ThreadTS is the ts of the thread's parent, for a reply and for a parent with replies (where it
	// equals TS).
	ThreadTS string `json:"thread_ts,omitempty"`
	// Blocks is the JSON array of blocks the message was posted with.
	Blocks json.RawMessage `json:"blocks,omitempty"`
	// Attachments is the JSON array of attachments the message was posted with.
	Attachments json.RawMessage `json:"attachments,omitempty"`
	// ReplyBroadcast marks a thread reply also shown in the channel.
	ReplyBroadcast bool `json:"reply_broadcast,omitempty"`
	// EditedBy is the user who last edited the message (chat.update).
	EditedBy string `json:"edited_by,omitempty"`
	// EditedTS is when the message was last edited, as a Slack timestamp.
	EditedTS string `json:"edited_ts,omitempty"`
	// Edits lists the message's earlier versions, oldest first: each chat.update adds the text it
	// replaced.
	Edits []Edit `json:"edits,omitempty"`
	// Files lists the IDs of the files the message shares (files.completeUploadExternal).
	Files []string `json:"files,omitempty"`
	// Reactions are the emoji reactions on the message, in the order they were first added
	// (reactions.add, reactions.remove).
	Reactions []Reaction `json:"reactions,omitempty"`
	// Pin records that the message is pinned to its conversation (pins.add), or is nil.
	Pin *Pin `json:"pin,omitempty"`
}

// Reaction is an emoji reaction on a stored message.
type Reaction struct {
	// Name is the emoji's name, without colons ("thumbsup", "thumbsup::skin-tone-2").
	Name string `json:"name"`
	// Users lists the IDs of the users who reacted with it, in the order they did.
	Users []string `json:"users"`
}

// Pin records who pinned a message, and when.
type Pin struct {
	// By is the ID of the user who pinned the message.
	By string `json:"by"`
	// Created is when it was pinned, in Unix seconds.
	Created int64 `json:"created"`
}

// Edit is an earlier version of an edited message.
type Edit struct {
	// Text is the message's text before the edit.
	Text string `json:"text"`
	// By is the ID of the user who made the edit.
	By string `json:"by"`
	// TS is when the edit was made, as a Slack timestamp.
	TS string `json:"ts"`
}

// Ephemeral is a message shown to one user by chat.postEphemeral; it is not stored in history.
type Ephemeral struct {
	// TS is the ephemeral message's timestamp.
	TS string
	// Channel is the conversation it was shown in.
	Channel string
	// User is the ID of the user it was shown to.
	User string
	// Text is its text.
	Text string
}

// Unfurl is a call of chat.unfurl.
type Unfurl struct {
	// Channel is the conversation of the unfurled message.
	Channel string
	// TS is the unfurled message's timestamp.
	TS string
	// Unfurls maps each unfurled URL to the JSON attachment given for it.
	Unfurls map[string]json.RawMessage
}

// Comment is a comment on a file.
type Comment struct {
	// ID is the comment's ID ("Fc…").
	ID string `json:"id"`
	// User is the ID of the comment's author.
	User string `json:"user"`
	// Comment is the comment's text.
	Comment string `json:"comment"`
	// Created is when the comment was made, in Unix seconds.
	Created int64 `json:"created,omitempty"`
}

// File is a file comments can be made on (files.comments.*).
type File struct {
	// ID is the file's ID ("F0REPORT").
	ID string `json:"id"`
	// Name is the file's name.
	Name string `json:"name,omitempty"`
	// User is the ID of the user who shared it.
	User string `json:"user,omitempty"`
	// Channel is the conversation the file was shared in, which its comments name.
	Channel string `json:"channel,omitempty"`
	// Comments lists the file's comments, oldest first.
	Comments []Comment `json:"comments,omitempty"`
	// Title is the file's title; empty means its Name.
	Title string `json:"title,omitempty"`
	// Size is the file's size in bytes.
	Size int64 `json:"size,omitempty"`
	// Content holds the bytes uploaded (files.getUploadURLExternal and the POST to its upload_url).
	Content []byte `json:"content,omitempty"`
	// AltText describes an image for screen readers.
	AltText string `json:"alt_txt,omitempty"`
	// SnippetType makes the file a snippet with this syntax ("python").
	SnippetType string `json:"snippet_type,omitempty"`
	// Created is when the file was uploaded, in Unix seconds.
	Created int64 `json:"created,omitempty"`
	// Shares lists the messages that shared the file (files.completeUploadExternal), oldest first.
	Shares []FileShare `json:"shares,omitempty"`
	// PublicURLShared reports whether the file's public link is on (files.sharedPublicURL).
	PublicURLShared bool `json:"public_url_shared,omitempty"`
}

// Bot is a bot integration, as bots.info describes it.
type Bot struct {
	// ID is the bot's ID ("B0BOT").
	ID string `json:"id"`
	// Name is the bot's name.
	Name string `json:"name,omitempty"`
	// AppID is the ID of the bot's app.
	AppID string `json:"app_id,omitempty"`
	// UserID is the ID of the bot's user.
	UserID string `json:"user_id,omitempty"`
	// Deleted marks a removed bot.
	Deleted bool `json:"deleted,omitempty"`
	// Updated is when the bot last changed, in Unix seconds.
	Updated int64 `json:"updated,omitempty"`
}

// workspace is the state behind a Server; the Server's mutex guards it.
type workspace struct {
	users       map[string]*User
	channels    map[string]*Channel
	messages    map[string][]*Message // by channel, oldest first
	ephemerals  []Ephemeral
	scheduled   []*ScheduledMessage    // pending, in the order scheduled
	bookmarks   map[string][]*Bookmark // by channel, in rank order
	unfurls     []Unfurl
	views       *viewStore            // trigger IDs, modals and Home tabs, made on first use (views.go)
	usergroups  map[string]*Usergroup // by ID, made on first use (usergroups.go)
	emoji       map[string]string     // custom emoji: name to image URL or "alias:<name>" (emoji.go)
	profile     []profileField        // the team's custom profile fields (team.go)
	files       map[string]*File
	uploadState *fileStore // uploads in progress and deleted files, made on first use
	bots        map[string]*Bot
	tokens      map[string]*Token // by the token's value
	now         func() time.Time  // the clock: WithClock, time.Now by default
	pageSize    int               // the default page size set by WithPageSize, or 0
	seq         int
	tsSec       int64 // the last message timestamp handed out
	tsMicro     int64

	// Made on first use (oauth.go, dnd.go, reminders.go).
	oauth     *oauthStore
	dnd       map[string]*DND // by user
	reminders []*Reminder     // oldest first
}

// seedTime is when the seeded objects were created.
const seedTime = 1700000000

// emptyWorkspace is a workspace with the team alone.
func emptyWorkspace() *workspace {
	return &workspace{
		users:     map[string]*User{},
		channels:  map[string]*Channel{},
		messages:  map[string][]*Message{},
		files:     map[string]*File{},
		bookmarks: map[string][]*Bookmark{},
		bots:      map[string]*Bot{},
		tokens:    map[string]*Token{},
		now:       time.Now,
	}
}

// seed is the default workspace: see the ID constants.
func seed() *workspace {
	ws := emptyWorkspace()
	ws.addToken(Token{Value: BotToken, User: BotUserID, Label: "bot"})
	ws.addToken(Token{Value: UserToken, User: AliceID, Label: "user"})
	for _, u := range []User{
		{ID: AliceID, Name: "alice", RealName: "Alice Liddell", Email: "alice@example.com", IsAdmin: true, IsOwner: true,
			TZ: "Europe/London", TZOffset: 0},
		{ID: BobID, Name: "bob", RealName: "Bob Builder", Email: "bob@example.com", TZ: "America/New_York", TZOffset: -18000},
		{ID: CarolID, Name: "carol", RealName: "Carol Danvers", Email: "carol@example.com", TZ: "America/Los_Angeles",
			TZOffset: -28800},
		{ID: BotUserID, Name: "tourbot", RealName: "Tour Bot", IsBot: true, BotID: BotID},
	} {
		ws.addUser(u)
	}
	for _, c := range []Channel{
		{ID: GeneralID, Name: "general", IsGeneral: true, Creator: AliceID, Purpose: "Company-wide announcements",
			Members: []string{AliceID, BobID, CarolID, BotUserID}},
		{ID: RandomID, Name: "random", Creator: AliceID, Purpose: "Everything else",
			Members: []string{AliceID, BobID, BotUserID}},
		{ID: SecretID, Name: "secret", IsPrivate: true, Creator: AliceID, Members: []string{AliceID, BotUserID}},
	} {
		ws.addChannel(c)
	}
	ws.bots[BotID] = &Bot{ID: BotID, Name: "tourbot", AppID: AppID, UserID: BotUserID, Updated: seedTime}
	ws.files[FileID] = &File{ID: FileID, Name: "report.pdf", User: AliceID, Channel: GeneralID}
	ws.emoji, ws.profile = seedEmoji(), seedProfile()
	return ws
}

func (ws *workspace) addUser(u User) {
	if u.Presence == "" {
		u.Presence = "auto"
	}
	if u.Updated == 0 {
		u.Updated = seedTime
	}
	u.Profile = maps.Clone(u.Profile)
	ws.users[u.ID] = &u
}

func (ws *workspace) addChannel(c Channel) {
	if c.Created == 0 {
		c.Created = seedTime
	}
	c.Members = slices.Clone(c.Members)
	c.PreviousNames = slices.Clone(c.PreviousNames)
	c.OpenFor = slices.Clone(c.OpenFor)
	c.ReadBy = maps.Clone(c.ReadBy)
	for _, id := range c.Members {
		if c.IsOpen {
			c.setOpen(id, true)
		}
		if _, set := c.ReadBy[id]; c.LastRead != "" && !set {
			c.markRead(id, c.LastRead)
		}
	}
	// The stored conversation keeps its state per member only.
	c.IsOpen, c.LastRead = false, ""
	ws.channels[c.ID] = &c
}

// isOpenFor reports whether user has ch open.
func (ch *Channel) isOpenFor(user string) bool { return slices.Contains(ch.OpenFor, user) }

// setOpen opens or closes ch for user.
func (ch *Channel) setOpen(user string, open bool) {
	switch has := ch.isOpenFor(user); {
	case open && !has:
		ch.OpenFor = append(ch.OpenFor, user)
	case !open && has:
		ch.OpenFor = slices.DeleteFunc(ch.OpenFor, func(id string) bool { return id == user })
	}
}

// lastReadBy is the last ts user marked read in ch, or "".
func (ch *Channel) lastReadBy(user string) string { return ch.ReadBy[user] }

// markRead records ts as the last message user read in ch.
func (ch *Channel) markRead(user, ts string) {
	if ch.ReadBy == nil {
		ch.ReadBy = map[string]string{}
	}
	ch.ReadBy[user] = ts
}

// removeMember takes user out of ch, with their open and read state.
func (ch *Channel) removeMember(user string) {
	ch.Members = slices.DeleteFunc(ch.Members, func(id string) bool { return id == user })
	ch.setOpen(user, false)
	delete(ch.ReadBy, user)
}

// nextTS returns a new message timestamp, later than every earlier one.
func (ws *workspace) nextTS() string { return ws.tsAt(ws.now().Unix()) }

// tsAt returns a new message timestamp in the second sec, or just after the last one handed out if
// that is later.
func (ws *workspace) tsAt(sec int64) string {
	if sec > ws.tsSec {
		ws.tsSec, ws.tsMicro = sec, 100*int64(1+ws.seq%9)
	} else if ws.tsMicro++; ws.tsMicro > 999999 {
		ws.tsSec, ws.tsMicro = ws.tsSec+1, 0
	}
	ws.seq++
	return fmt.Sprintf("%d.%06d", ws.tsSec, ws.tsMicro)
}

// nowTS is the current time as a Slack timestamp.
func (ws *workspace) nowTS() string {
	now := ws.now()
	return fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000)
}

// newID returns a new object ID with a prefix ("C", "G", "D", "Fc").
func (ws *workspace) newID(prefix string) string {
	ws.seq++
	return fmt.Sprintf("%s%08d", prefix, ws.seq)
}

// channel finds a conversation by ID, or a channel by name ("general" or "#general").
func (ws *workspace) channel(idOrName string) (*Channel, bool) {
	if c, ok := ws.channels[idOrName]; ok {
		return c, true
	}
	name := strings.TrimPrefix(idOrName, "#")
	for _, c := range ws.channels {
		if !c.IsIM && !c.IsMPIM && c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// findMessage returns the message with ts in channel (a thread reply or a top-level message).
func (ws *workspace) findMessage(channel, ts string) (*Message, int) {
	for i, m := range ws.messages[channel] {
		if m.TS == ts {
			return m, i
		}
	}
	return nil, -1
}

// replies returns the replies to the thread whose parent has ts, oldest first.
func (ws *workspace) replies(channel, ts string) []*Message {
	var out []*Message
	for _, m := range ws.messages[channel] {
		if m.ThreadTS == ts && m.TS != ts {
			out = append(out, m)
		}
	}
	return out
}

// --- Seeding and inspection, for tests.

// AddUser adds (or replaces) a user.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.addUser(u)
}

// AddChannel adds (or replaces) a conversation.
func (s *Server) AddChannel(c Channel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.addChannel(c)
}

// AddMessage stores a message as if it had been posted, and returns it with its TS (a new one if
// empty). A message whose ThreadTS names another message is a reply in that thread.
func (s *Server) AddMessage(m Message) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m.TS == "" {
		m.TS = s.ws.nextTS()
	}
	m = copyMessage(&m)
	s.ws.store(&m)
	return copyMessage(&m)
}

// AddFile adds (or replaces) a file.
func (s *Server) AddFile(f File) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.Comments = slices.Clone(f.Comments)
	s.ws.files[f.ID] = &f
}

// AddBot adds (or replaces) a bot.
func (s *Server) AddBot(b Bot) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.bots[b.ID] = &b
}

// AddToken makes token belong to the user with userID, with every scope. SetToken adds a token with
// scopes, a label, or a revoked or inactive state.
func (s *Server) AddToken(token, userID string) {
	s.SetToken(Token{Value: token, User: userID})
}

// User returns a copy of a user.
func (s *Server) User(id string) (User, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.ws.users[id]
	if !ok {
		return User{}, false
	}
	c := *u
	c.Profile = maps.Clone(u.Profile)
	return c, true
}

// Channel returns a copy of a conversation, found by ID or name ("general" or "#general").
func (s *Server) Channel(idOrName string) (Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.ws.channel(idOrName)
	if !ok {
		return Channel{}, false
	}
	return copyChannel(ch, true), true
}

// Messages returns copies of a conversation's stored messages (found by ID or name), thread replies
// included, oldest first, each with its edits.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.deliverDue()
	var out []Message
	if ch, ok := s.ws.channel(channel); ok {
		channel = ch.ID
	}
	for _, m := range s.ws.messages[channel] {
		out = append(out, copyMessage(m))
	}
	return out
}

// Ephemerals returns the ephemeral messages shown so far.
func (s *Server) Ephemerals() []Ephemeral {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ws.ephemerals)
}

// Unfurls returns the chat.unfurl calls received so far.
func (s *Server) Unfurls() []Unfurl {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.ws.unfurls)
}

// File returns a copy of a file and its comments.
func (s *Server) File(id string) (File, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.ws.files[id]
	if !ok {
		return File{}, false
	}
	c := *f
	c.Comments = slices.Clone(f.Comments)
	c.Content = slices.Clone(f.Content)
	c.Shares = slices.Clone(f.Shares)
	return c, true
}

// store appends a message to its channel, keeping the channel ordered by ts, and links a reply and its
// thread's parent (whichever comes first).
func (ws *workspace) store(m *Message) {
	list := append(ws.messages[m.Channel], m)
	sortMessages(list)
	ws.messages[m.Channel] = list
	if m.ThreadTS != "" && m.ThreadTS != m.TS {
		if parent, _ := ws.findMessage(m.Channel, m.ThreadTS); parent != nil && parent.ThreadTS == "" {
			parent.ThreadTS = parent.TS
		}
	} else if m.ThreadTS == "" && len(ws.replies(m.Channel, m.TS)) > 0 {
		m.ThreadTS = m.TS
	}
}
