package slack

import (
	"context"
	"net/url"
	"strconv"
	"strings"
)

// DNDService holds the dnd.* methods: a user's Do Not Disturb schedule and snooze.
type DNDService service

// DNDStatus is a user's Do Not Disturb state: the daily DND period set in their preferences, and a
// snooze they started. Fields a method does not send stay zero (dnd.teamInfo sends only the schedule;
// dnd.setSnooze only the snooze).
type DNDStatus struct {
	// DNDEnabled reports whether the user has a daily DND period.
	DNDEnabled bool `json:"dnd_enabled"`
	// NextDNDStartTS and NextDNDEndTS bound the next (or current) DND period.
	NextDNDStartTS Time `json:"next_dnd_start_ts"`
	NextDNDEndTS   Time `json:"next_dnd_end_ts"`
	// SnoozeEnabled reports whether a snooze is on; SnoozeEndtime is when it ends, and SnoozeRemaining the
	// seconds left (Slack sends these only to the user themselves).
	SnoozeEnabled      bool `json:"snooze_enabled,omitempty"`
	SnoozeEndtime      Time `json:"snooze_endtime"`
	SnoozeRemaining    int  `json:"snooze_remaining,omitempty"`
	SnoozeIsIndefinite bool `json:"snooze_is_indefinite,omitempty"`
}

// DNDInfoParams are the optional arguments of DND.Info.
type DNDInfoParams struct {
	// User is the user whose state to read; empty means the token's own user.
	User string `url:"user,omitempty"`
	// TeamID is the workspace, needed with an organization-wide token.
	TeamID string `url:"team_id,omitempty"`
}

type dndReply struct {
	envelope
	DNDStatus
}

// Info returns a user's Do Not Disturb state.
//
// Slack API: https://api.slack.com/methods/dnd.info (Tier 3, dnd:read). Retried on 5xx and connection
// errors.
func (s *DNDService) Info(ctx context.Context, params *DNDInfoParams) (*DNDStatus, error) {
	var out dndReply
	if err := s.client.Call(ctx, "dnd.info", params, &out); err != nil {
		return nil, err
	}
	return &out.DNDStatus, nil
}

// SetSnooze turns on (or extends) the token's user's snooze for numMinutes minutes from now, and returns
// the snooze. numMinutes must be at least 1; Slack answers ErrTooLong for a snooze longer than it allows.
//
// Slack API: https://api.slack.com/methods/dnd.setSnooze (Tier 2, dnd:write; user tokens only)
func (s *DNDService) SetSnooze(ctx context.Context, numMinutes int) (*DNDStatus, error) {
	const method = "dnd.setSnooze"
	if numMinutes < 1 {
		return nil, invalidArgument(method, "num_minutes %d is less than 1", numMinutes)
	}
	var out dndReply
	form := url.Values{"num_minutes": {strconv.Itoa(numMinutes)}}
	if err := s.client.Call(ctx, method, form, &out); err != nil {
		return nil, err
	}
	return &out.DNDStatus, nil
}

// EndSnooze ends the token's user's snooze now and returns their state.
//
// Slack API: https://api.slack.com/methods/dnd.endSnooze (Tier 2, dnd:write; user tokens only)
func (s *DNDService) EndSnooze(ctx context.Context) (*DNDStatus, error) {
	var out dndReply
	if err := s.client.Call(ctx, "dnd.endSnooze", nil, &out); err != nil {
		return nil, err
	}
	return &out.DNDStatus, nil
}

// EndDND ends the token's user's current DND period now (the daily schedule resumes the next day).
//
// Slack API: https://api.slack.com/methods/dnd.endDnd (Tier 2, dnd:write; user tokens only)
func (s *DNDService) EndDND(ctx context.Context) error {
	return s.client.Call(ctx, "dnd.endDnd", nil, nil)
}

// DNDTeamInfoParams are the optional arguments of DND.TeamInfo.
type DNDTeamInfoParams struct {
	// TeamID is the workspace, needed with an organization-wide token.
	TeamID string `url:"team_id,omitempty"`
}

// maxDNDUsers is how many users dnd.teamInfo answers for at once.
const maxDNDUsers = 50

type dndTeamInfoRequest struct {
	Users              string `url:"users"`
	*DNDTeamInfoParams `url:",omitempty"`
}

// TeamInfo returns the DND schedule of up to 50 users, by user ID. Only the schedule is known for others:
// their snooze fields stay zero.
//
// Slack API: https://api.slack.com/methods/dnd.teamInfo (Tier 2, dnd:read). The users travel as one
// comma-separated argument; an empty list, an empty ID, or more than 50 are refused before anything is
// sent. Retried on 5xx and connection errors.
func (s *DNDService) TeamInfo(ctx context.Context, users []string, params *DNDTeamInfoParams) (map[string]DNDStatus, error) {
	const method = "dnd.teamInfo"
	if err := conversationsCheckIDs(method, "users", users, true); err != nil {
		return nil, err
	}
	if len(users) > maxDNDUsers {
		return nil, invalidArgument(method, "users holds %d IDs; at most %d", len(users), maxDNDUsers)
	}
	var out struct {
		envelope
		Users map[string]DNDStatus `json:"users"`
	}
	if err := s.client.Call(ctx, method, dndTeamInfoRequest{strings.Join(users, ","), params}, &out); err != nil {
		return nil, err
	}
	if out.Users == nil {
		out.Users = map[string]DNDStatus{}
	}
	return out.Users, nil
}
