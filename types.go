package slack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Time is a point in time as Slack sends it: Unix seconds, as a number or a string, with or without a
// fraction, or (as conversations.info does for "updated") Unix milliseconds. The zero Time is sent and
// received as 0. It marshals back to Unix seconds.
type Time struct{ time.Time }

// msThreshold separates seconds from milliseconds: 1e11 seconds is the year 5138, 1e11 milliseconds is
// 1973.
const msThreshold = 1e11

// UnmarshalJSON accepts a number, a numeric string, null or "".
func (t *Time) UnmarshalJSON(data []byte) error {
	s := string(bytes.Trim(data, `"`))
	if s == "" || s == "null" || s == "0" {
		t.Time = time.Time{}
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
		return fmt.Errorf("slack: %q is not a Unix time", s)
	}
	if math.Abs(f) >= msThreshold {
		t.Time = time.UnixMilli(int64(f))
		return nil
	}
	sec, frac := math.Modf(f)
	t.Time = time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3)
	return nil
}

// MarshalJSON writes Unix seconds (0 for the zero Time).
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("0"), nil
	}
	return strconv.AppendInt(nil, t.Unix(), 10), nil
}

// ParseTS turns a message timestamp ("1503435956.000247") into a time. Message timestamps are also
// message IDs: keep them as strings and compare them as strings, never as floats.
func ParseTS(ts string) (time.Time, error) {
	sec, frac, _ := strings.Cut(ts, ".")
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil || len(frac) > 9 {
		return time.Time{}, fmt.Errorf("slack: %q is not a message timestamp", ts)
	}
	var ns int64
	if frac != "" {
		n, err := strconv.ParseInt(frac, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, fmt.Errorf("slack: %q is not a message timestamp", ts)
		}
		ns = n * int64(math.Pow10(9-len(frac)))
	}
	return time.Unix(s, ns), nil
}

// User is a member of a workspace, human or bot.
type User struct {
	ID                string      `json:"id"`
	TeamID            string      `json:"team_id,omitempty"`
	Name              string      `json:"name,omitempty"`
	Deleted           bool        `json:"deleted,omitempty"`
	Color             string      `json:"color,omitempty"`
	RealName          string      `json:"real_name,omitempty"`
	TZ                string      `json:"tz,omitempty"`
	TZLabel           string      `json:"tz_label,omitempty"`
	TZOffset          int         `json:"tz_offset,omitempty"`
	Profile           UserProfile `json:"profile"`
	IsAdmin           bool        `json:"is_admin,omitempty"`
	IsOwner           bool        `json:"is_owner,omitempty"`
	IsPrimaryOwner    bool        `json:"is_primary_owner,omitempty"`
	IsRestricted      bool        `json:"is_restricted,omitempty"`
	IsUltraRestricted bool        `json:"is_ultra_restricted,omitempty"`
	IsBot             bool        `json:"is_bot,omitempty"`
	IsAppUser         bool        `json:"is_app_user,omitempty"`
	IsInvitedUser     bool        `json:"is_invited_user,omitempty"`
	IsExternal        bool        `json:"is_external,omitempty"`
	Has2FA            bool        `json:"has_2fa,omitempty"`
	TwoFactorType     string      `json:"two_factor_type,omitempty"`
	Locale            string      `json:"locale,omitempty"`
	Presence          string      `json:"presence,omitempty"`
	Updated           Time        `json:"updated"`
}

// UserProfile is a user's profile. In Users.SetProfile only the fields that are set are sent.
type UserProfile struct {
	RealName              string                      `json:"real_name,omitempty"`
	RealNameNormalized    string                      `json:"real_name_normalized,omitempty"`
	DisplayName           string                      `json:"display_name,omitempty"`
	DisplayNameNormalized string                      `json:"display_name_normalized,omitempty"`
	FirstName             string                      `json:"first_name,omitempty"`
	LastName              string                      `json:"last_name,omitempty"`
	Title                 string                      `json:"title,omitempty"`
	Email                 string                      `json:"email,omitempty"`
	Phone                 string                      `json:"phone,omitempty"`
	Skype                 string                      `json:"skype,omitempty"`
	Pronouns              string                      `json:"pronouns,omitempty"`
	StatusText            string                      `json:"status_text,omitempty"`
	StatusEmoji           string                      `json:"status_emoji,omitempty"`
	StatusExpiration      int64                       `json:"status_expiration,omitempty"`
	AvatarHash            string                      `json:"avatar_hash,omitempty"`
	IsCustomImage         bool                        `json:"is_custom_image,omitempty"`
	AlwaysActive          bool                        `json:"always_active,omitempty"`
	BotID                 string                      `json:"bot_id,omitempty"`
	APIAppID              string                      `json:"api_app_id,omitempty"`
	Team                  string                      `json:"team,omitempty"`
	Image24               string                      `json:"image_24,omitempty"`
	Image32               string                      `json:"image_32,omitempty"`
	Image48               string                      `json:"image_48,omitempty"`
	Image72               string                      `json:"image_72,omitempty"`
	Image192              string                      `json:"image_192,omitempty"`
	Image512              string                      `json:"image_512,omitempty"`
	Image1024             string                      `json:"image_1024,omitempty"`
	ImageOriginal         string                      `json:"image_original,omitempty"`
	Fields                map[string]UserProfileField `json:"fields,omitempty"`
}

// UserProfileField is the value of a custom profile field, keyed by the field's ID ("Xf06054BBB").
type UserProfileField struct {
	Value string `json:"value"`
	Alt   string `json:"alt,omitempty"`
	Label string `json:"label,omitempty"`
}

// Presence is a user's chosen presence, for Users.SetPresence.
type Presence string

// The presences a user may set.
const (
	PresenceAuto Presence = "auto"
	PresenceAway Presence = "away"
)

// Team is a workspace, as team.info, users.identity and auth.test describe it. team.info sends its icon
// in Icon, users.identity in the Image fields.
type Team struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Domain string `json:"domain,omitempty"`
	// EmailDomain is the domain of the addresses that may join without an invitation, if any.
	EmailDomain string   `json:"email_domain,omitempty"`
	Icon        TeamIcon `json:"icon"`
	URL         string   `json:"url,omitempty"`
	IsVerified  bool     `json:"is_verified,omitempty"`
	// EnterpriseID and EnterpriseName name the Enterprise Grid organization of the workspace, if any.
	EnterpriseID   string `json:"enterprise_id,omitempty"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
	AvatarBaseURL  string `json:"avatar_base_url,omitempty"`
	// Image34 to Image230 are the icon's sizes, as users.identity sends them.
	Image34  string `json:"image_34,omitempty"`
	Image44  string `json:"image_44,omitempty"`
	Image68  string `json:"image_68,omitempty"`
	Image88  string `json:"image_88,omitempty"`
	Image102 string `json:"image_102,omitempty"`
	Image132 string `json:"image_132,omitempty"`
	Image230 string `json:"image_230,omitempty"`
}

// Conversation is a channel, private channel, direct message (IM) or group DM (MPIM). It also carries
// the objects of the retired im.* and groups.* methods, which are subsets of it.
type Conversation struct {
	ID                 string   `json:"id"`
	Name               string   `json:"name,omitempty"`
	NameNormalized     string   `json:"name_normalized,omitempty"`
	IsChannel          bool     `json:"is_channel,omitempty"`
	IsGroup            bool     `json:"is_group,omitempty"`
	IsIM               bool     `json:"is_im,omitempty"`
	IsMPIM             bool     `json:"is_mpim,omitempty"`
	IsPrivate          bool     `json:"is_private,omitempty"`
	IsArchived         bool     `json:"is_archived,omitempty"`
	IsGeneral          bool     `json:"is_general,omitempty"`
	IsShared           bool     `json:"is_shared,omitempty"`
	IsExtShared        bool     `json:"is_ext_shared,omitempty"`
	IsOrgShared        bool     `json:"is_org_shared,omitempty"`
	IsMember           bool     `json:"is_member,omitempty"`
	IsOpen             bool     `json:"is_open,omitempty"`
	IsReadOnly         bool     `json:"is_read_only,omitempty"`
	IsUserDeleted      bool     `json:"is_user_deleted,omitempty"`
	Created            Time     `json:"created"`
	Updated            Time     `json:"updated"`
	Creator            string   `json:"creator,omitempty"`
	User               string   `json:"user,omitempty"`
	Topic              Topic    `json:"topic"`
	Purpose            Purpose  `json:"purpose"`
	NumMembers         int      `json:"num_members,omitempty"`
	Members            []string `json:"members,omitempty"`
	PreviousNames      []string `json:"previous_names,omitempty"`
	LastRead           string   `json:"last_read,omitempty"`
	Latest             *Message `json:"latest,omitempty"`
	UnreadCount        int      `json:"unread_count,omitempty"`
	UnreadCountDisplay int      `json:"unread_count_display,omitempty"`
	Priority           float64  `json:"priority,omitempty"`
	Locale             string   `json:"locale,omitempty"`
	// ContextTeamID is the workspace the conversation was read from, on Enterprise Grid.
	ContextTeamID string `json:"context_team_id,omitempty"`
	// SharedTeamIDs are the workspaces a shared channel belongs to.
	SharedTeamIDs      []string `json:"shared_team_ids,omitempty"`
	IsPendingExtShared bool     `json:"is_pending_ext_shared,omitempty"`
	PendingShared      []string `json:"pending_shared,omitempty"`
	// ParentConversation is the conversation a thread-only conversation belongs to.
	ParentConversation string `json:"parent_conversation,omitempty"`
	// Unlinked is when the channel was unlinked from a shared channel (0 if never).
	Unlinked int64 `json:"unlinked,omitempty"`
}

// Topic is a conversation's topic.
type Topic struct {
	Value   string `json:"value"`
	Creator string `json:"creator,omitempty"`
	LastSet Time   `json:"last_set"`
}

// Purpose is a conversation's purpose.
type Purpose struct {
	Value   string `json:"value"`
	Creator string `json:"creator,omitempty"`
	LastSet Time   `json:"last_set"`
}

// Message is a message in a conversation. TS identifies it within its conversation; ThreadTS is the TS of
// the thread's parent for a reply (and for the parent itself).
type Message struct {
	Type            string            `json:"type,omitempty"`
	Subtype         string            `json:"subtype,omitempty"`
	TS              string            `json:"ts"`
	User            string            `json:"user,omitempty"`
	BotID           string            `json:"bot_id,omitempty"`
	BotProfile      *BotProfile       `json:"bot_profile,omitempty"`
	Username        string            `json:"username,omitempty"`
	Text            string            `json:"text,omitempty"`
	Team            string            `json:"team,omitempty"`
	Channel         string            `json:"channel,omitempty"`
	ThreadTS        string            `json:"thread_ts,omitempty"`
	ParentUserID    string            `json:"parent_user_id,omitempty"`
	ReplyCount      int               `json:"reply_count,omitempty"`
	ReplyUsersCount int               `json:"reply_users_count,omitempty"`
	ReplyUsers      []string          `json:"reply_users,omitempty"`
	LatestReply     string            `json:"latest_reply,omitempty"`
	Subscribed      bool              `json:"subscribed,omitempty"`
	LastRead        string            `json:"last_read,omitempty"`
	Attachments     []Attachment      `json:"attachments,omitempty"`
	Blocks          Blocks            `json:"blocks,omitempty"`
	Reactions       []Reaction        `json:"reactions,omitempty"`
	Edited          *Edited           `json:"edited,omitempty"`
	Files           []File            `json:"files,omitempty"`
	Icons           map[string]string `json:"icons,omitempty"`
	Permalink       string            `json:"permalink,omitempty"`
	ClientMsgID     string            `json:"client_msg_id,omitempty"`
	IsStarred       bool              `json:"is_starred,omitempty"`
	PinnedTo        []string          `json:"pinned_to,omitempty"`
	// Metadata is the app metadata posted with the message; history and replies send it when asked
	// with IncludeAllMetadata.
	Metadata *MessageMetadata `json:"metadata,omitempty"`
}

// MessageMetadata is the app metadata of a message: an event type of the app's choosing and its payload,
// left as JSON for the caller to decode.
type MessageMetadata struct {
	EventType    string          `json:"event_type"`
	EventPayload json.RawMessage `json:"event_payload,omitempty"`
}

// Edited says who last edited a message, and when.
type Edited struct {
	User string `json:"user"`
	TS   string `json:"ts"`
}

// Reaction is an emoji reaction on a message or a file comment.
type Reaction struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Users []string `json:"users,omitempty"`
}

// Attachment is a legacy secondary attachment of a message, and the value of an unfurl in Chat.Unfurl.
type Attachment struct {
	ID          int               `json:"id,omitempty"`
	Fallback    string            `json:"fallback,omitempty"`
	Color       string            `json:"color,omitempty"`
	Pretext     string            `json:"pretext,omitempty"`
	AuthorName  string            `json:"author_name,omitempty"`
	AuthorLink  string            `json:"author_link,omitempty"`
	AuthorIcon  string            `json:"author_icon,omitempty"`
	Title       string            `json:"title,omitempty"`
	TitleLink   string            `json:"title_link,omitempty"`
	Text        string            `json:"text,omitempty"`
	Fields      []AttachmentField `json:"fields,omitempty"`
	ImageURL    string            `json:"image_url,omitempty"`
	ThumbURL    string            `json:"thumb_url,omitempty"`
	Footer      string            `json:"footer,omitempty"`
	FooterIcon  string            `json:"footer_icon,omitempty"`
	TS          string            `json:"ts,omitempty"`
	MarkdownIn  []string          `json:"mrkdwn_in,omitempty"`
	Blocks      Blocks            `json:"blocks,omitempty"`
	ServiceName string            `json:"service_name,omitempty"`
	ServiceIcon string            `json:"service_icon,omitempty"`
	FromURL     string            `json:"from_url,omitempty"`
	OriginalURL string            `json:"original_url,omitempty"`
}

// AttachmentField is one field of an Attachment's table.
type AttachmentField struct {
	Title string `json:"title"`
	Value string `json:"value"`
	Short bool   `json:"short,omitempty"`
}

// Attachments is the attachments argument of the chat methods, sent as one JSON-valued form field. A
// []Attachment literal can be assigned to it.
type Attachments []Attachment

// EncodeValues sends the attachments as the JSON-valued form field key; nil sends nothing, an empty
// list sends [].
func (a Attachments) EncodeValues(key string, form *url.Values) error {
	if a == nil {
		return nil
	}
	return setJSON(key, a, form)
}

// Bot is a bot user's integration, as bots.info describes it.
type Bot struct {
	ID      string            `json:"id"`
	Name    string            `json:"name,omitempty"`
	Deleted bool              `json:"deleted,omitempty"`
	Updated Time              `json:"updated"`
	AppID   string            `json:"app_id,omitempty"`
	UserID  string            `json:"user_id,omitempty"`
	Icons   map[string]string `json:"icons,omitempty"`
}

// BotProfile is the bot a message came from.
type BotProfile struct {
	ID      string            `json:"id"`
	AppID   string            `json:"app_id,omitempty"`
	Name    string            `json:"name,omitempty"`
	Deleted bool              `json:"deleted,omitempty"`
	Updated Time              `json:"updated"`
	TeamID  string            `json:"team_id,omitempty"`
	Icons   map[string]string `json:"icons,omitempty"`
}

// Comment is a comment on a file (the retired files.comments.* methods).
type Comment struct {
	ID        string     `json:"id"`
	Created   Time       `json:"created"`
	Timestamp Time       `json:"timestamp"`
	User      string     `json:"user,omitempty"`
	Comment   string     `json:"comment"`
	IsIntro   bool       `json:"is_intro,omitempty"`
	IsStarred bool       `json:"is_starred,omitempty"`
	NumStars  int        `json:"num_stars,omitempty"`
	PinnedTo  []string   `json:"pinned_to,omitempty"`
	Reactions []Reaction `json:"reactions,omitempty"`
}

// UserPresence is a user's presence, as users.getPresence reports it. Online, AutoAway, ManualAway,
// ConnectionCount and LastActivity are only reported for the token's own user.
type UserPresence struct {
	Presence        string `json:"presence"`
	Online          bool   `json:"online,omitempty"`
	AutoAway        bool   `json:"auto_away,omitempty"`
	ManualAway      bool   `json:"manual_away,omitempty"`
	ConnectionCount int    `json:"connection_count,omitempty"`
	LastActivity    Time   `json:"last_activity"`
}

// The kinds of conversation, for the Types of a listing.
const (
	ConversationTypePublic  = "public_channel"
	ConversationTypePrivate = "private_channel"
	ConversationTypeMPIM    = "mpim"
	ConversationTypeIM      = "im"
)

// HistoryResponse is one page of a conversation's messages, newest first: the answer of
// Conversations.History and of the retired IM.History and Groups.History.
type HistoryResponse struct {
	Messages []Message `json:"messages"`
	// HasMore reports whether older messages remain in the requested window.
	HasMore bool `json:"has_more"`
	// PinCount is the number of pinned items in the conversation.
	PinCount int `json:"pin_count"`
	// Latest echoes the end of the requested window (the retired methods send it).
	Latest string `json:"latest,omitempty"`
	// UnreadCountDisplay is the number of unread messages, sent by the retired methods when asked with
	// Unreads.
	UnreadCountDisplay int `json:"unread_count_display,omitempty"`
	// NextCursor fetches the next page of Conversations.History; it is empty on the last page and for
	// the retired methods, which page by timestamp instead.
	NextCursor string `json:"-"`
}
