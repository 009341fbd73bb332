package slacktest

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// The IDs of the seeded workspace.
const (
	TeamID     = "T0GOSLACK"
	TeamName   = "goslack test"
	TeamDomain = "goslack-test"

	AliceID   = "U0ALICE" // alice, an admin and the owner of UserToken
	BobID     = "U0BOB"   // bob
	CarolID   = "U0CAROL" // carol
	BotUserID = "U0BOT"   // tourbot, the bot user of BotToken
	BotID     = "B0BOT"   // tourbot's bot
	AppID     = "A0TOUR"  // tourbot's app

	GeneralID = "C0GENERAL" // #general: everyone
	RandomID  = "C0RANDOM"  // #random: alice, bob and the bot
	SecretID  = "G0SECRET"  // #secret, private: alice and the bot

	FileID = "F0REPORT" // report.pdf, shared by alice
)

// User is a member of the fake workspace.
type User struct {
	ID       string
	Name     string
	RealName string
	Email    string
	IsAdmin  bool
	IsOwner  bool
	IsBot    bool
	BotID    string
	Deleted  bool
	TZ       string
	TZOffset int
	// Presence is "auto" or "away", as set by users.setPresence.
	Presence string
	// HasPhoto is set by users.setPhoto and cleared by users.deletePhoto.
	HasPhoto bool
	// Profile holds profile fields set by users.profile.set (beyond the names and email above).
	Profile map[string]any
	Updated int64
}

// Channel is a conversation of the fake workspace: a channel, a private channel (group), an IM or an
// MPIM.
type Channel struct {
	ID         string
	Name       string
	IsPrivate  bool
	IsIM       bool
	IsMPIM     bool
	IsArchived bool
	IsGeneral  bool
	Creator    string
	Created    int64
	Topic      string
	Purpose    string
	// TopicCreator and TopicLastSet record who set the topic and when (Unix seconds); when empty, the
	// topic renders as set by the channel's creator when it was created.
	TopicCreator string
	TopicLastSet int64
	// PurposeCreator and PurposeLastSet are the same for the purpose.
	PurposeCreator string
	PurposeLastSet int64
	Members        []string
	PreviousNames  []string
	// User is the other party of an IM.
	User string
	// IsOpen, when seeding (AddChannel), opens an IM or MPIM (or a private channel, in the sidebar) for
	// every member. In a copy from Server.Channel it reports whether some member has it open; OpenFor says
	// who.
	IsOpen bool
	// OpenFor lists the members who have the conversation open: im.open, conversations.open and groups.open
	// open it for the caller, im.close and conversations.close close it for the caller, and a message in an
	// IM opens it for both parties.
	OpenFor []string
	// LastRead, when seeding, is the last ts every member has read (unless ReadBy says otherwise). In a
	// copy from Server.Channel it is the newest ts any member has marked read; ReadBy says who read what.
	LastRead string
	// ReadBy maps a member's ID to the last ts they marked read (im.mark, groups.mark).
	ReadBy map[string]string
	// ParentID is, for a group made by groups.createChild, the archived group it replaces.
	ParentID string
}

// Message is a stored message.
type Message struct {
	TS       string
	Channel  string
	User     string
	BotID    string
	Username string
	Subtype  string
	Text     string
	ThreadTS string
	// Blocks and Attachments are the JSON the message was posted with.
	Blocks      json.RawMessage
	Attachments json.RawMessage
	// ReplyBroadcast marks a thread reply also shown in the channel.
	ReplyBroadcast bool
	EditedBy       string
	EditedTS       string
}

// Ephemeral is a message shown to one user by chat.postEphemeral; it is not stored in history.
type Ephemeral struct {
	TS      string
	Channel string
	User    string
	Text    string
}

// Unfurl is a call of chat.unfurl.
type Unfurl struct {
	Channel string
	TS      string
	Unfurls map[string]json.RawMessage
}

// Comment is a comment on a file.
type Comment struct {
	ID      string
	User    string
	Comment string
	Created int64
}

// File is a file comments can be made on.
type File struct {
	ID   string
	Name string
	User string
	// Channel is the conversation the file was shared in, which its comments name.
	Channel  string
	Comments []Comment
}

// Bot is a bot integration.
type Bot struct {
	ID      string
	Name    string
	AppID   string
	UserID  string
	Deleted bool
	Updated int64
}

// workspace is the state behind a Server; the Server's mutex guards it.
type workspace struct {
	users      map[string]*User
	channels   map[string]*Channel
	messages   map[string][]*Message // by channel, oldest first
	ephemerals []Ephemeral
	unfurls    []Unfurl
	files      map[string]*File
	bots       map[string]*Bot
	tokens     map[string]string // token → user ID
	seq        int
	tsSec      int64 // the last message timestamp handed out
	tsMicro    int64
}

// seedTime is when the seeded objects were created.
const seedTime = 1700000000

func seed() *workspace {
	ws := &workspace{
		users:    map[string]*User{},
		channels: map[string]*Channel{},
		messages: map[string][]*Message{},
		files:    map[string]*File{},
		bots:     map[string]*Bot{},
		tokens:   map[string]string{BotToken: BotUserID, UserToken: AliceID},
	}
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
func (ws *workspace) nextTS() string {
	sec := time.Now().Unix()
	if sec > ws.tsSec {
		ws.tsSec, ws.tsMicro = sec, 100*int64(1+ws.seq%9)
	} else if ws.tsMicro++; ws.tsMicro > 999999 {
		ws.tsSec, ws.tsMicro = ws.tsSec+1, 0
	}
	ws.seq++
	return fmt.Sprintf("%d.%06d", ws.tsSec, ws.tsMicro)
}

// nowTS is the current time as a Slack timestamp.
func nowTS() string {
	now := time.Now()
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

// AddMessage stores a message as if it had been posted, and returns it with its TS (a new one if empty).
func (s *Server) AddMessage(m Message) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m.TS == "" {
		m.TS = s.ws.nextTS()
	}
	s.ws.store(&m)
	return m
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

// AddToken makes token belong to the user with userID.
func (s *Server) AddToken(token, userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.tokens[token] = userID
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

// Channel returns a copy of a conversation, found by ID or name.
func (s *Server) Channel(idOrName string) (Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch, ok := s.ws.channel(idOrName)
	if !ok {
		return Channel{}, false
	}
	c := *ch
	c.Members = slices.Clone(ch.Members)
	c.PreviousNames = slices.Clone(ch.PreviousNames)
	c.OpenFor = slices.Clone(ch.OpenFor)
	c.ReadBy = maps.Clone(ch.ReadBy)
	c.IsOpen = len(ch.OpenFor) > 0
	newest := int64(-1)
	for _, ts := range ch.ReadBy {
		if n, _ := tsMicros(ts); n > newest {
			c.LastRead, newest = ts, n
		}
	}
	return c, true
}

// Messages returns copies of a conversation's stored messages, thread replies included, oldest first.
func (s *Server) Messages(channel string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.ws.messages[channel] {
		out = append(out, *m)
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
	return c, true
}

// store appends a message to its channel, keeping the channel ordered by ts.
func (ws *workspace) store(m *Message) {
	list := append(ws.messages[m.Channel], m)
	slices.SortStableFunc(list, func(a, b *Message) int { return strings.Compare(a.TS, b.TS) })
	ws.messages[m.Channel] = list
}
