package slack

import (
	"context"
	"net/url"
	"slices"
	"strings"
)

// RemindersService holds the reminders.* methods: the token's user's own reminders (user tokens only;
// since 2023 Slack no longer sets reminders for other users).
type RemindersService service

// Reminder is a reminder of the token's user.
type Reminder struct {
	ID      string `json:"id"`
	Creator string `json:"creator"`
	// User is whom the reminder is for: the token's user.
	User string `json:"user"`
	Text string `json:"text"`
	// Recurring reports a repeating reminder; such a reminder has no single Time and cannot be completed.
	Recurring bool `json:"recurring"`
	// Time is when the reminder fires (zero for a recurring one).
	Time Time `json:"time"`
	// CompleteTS is when it was completed; zero while it is not.
	CompleteTS Time `json:"complete_ts"`
}

// ReminderRecurrence repeats a reminder: Frequency "daily", "weekly", "monthly" or "yearly", and for
// "weekly" the Weekdays ("monday" … "sunday").
type ReminderRecurrence struct {
	Frequency string   `json:"frequency"`
	Weekdays  []string `json:"weekdays,omitempty"`
}

// The frequencies of ReminderRecurrence.
const (
	RecurDaily   = "daily"
	RecurWeekly  = "weekly"
	RecurMonthly = "monthly"
	RecurYearly  = "yearly"
)

var (
	recurrenceFrequencies = []string{RecurDaily, RecurWeekly, RecurMonthly, RecurYearly}
	weekdays              = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

// EncodeValues sends the recurrence as the JSON-valued form field key; nil sends nothing.
func (r *ReminderRecurrence) EncodeValues(key string, form *url.Values) error {
	if r == nil {
		return nil
	}
	return setJSON(key, r, form)
}

// check refuses a recurrence Slack could not parse.
func (r *ReminderRecurrence) check(method string) error {
	if r == nil {
		return nil
	}
	if !slices.Contains(recurrenceFrequencies, r.Frequency) {
		return invalidArgument(method, "recurrence frequency %q is not one of %s", r.Frequency,
			strings.Join(recurrenceFrequencies, ", "))
	}
	if len(r.Weekdays) > 0 && r.Frequency != RecurWeekly {
		return invalidArgument(method, "recurrence weekdays go only with frequency %q", RecurWeekly)
	}
	for i, d := range r.Weekdays {
		if !slices.Contains(weekdays, d) {
			return invalidArgument(method, "recurrence weekdays[%d] %q is not a weekday (monday … sunday)", i, d)
		}
	}
	return nil
}

// RemindersAddParams are the optional arguments of Reminders.Add.
type RemindersAddParams struct {
	// Recurrence repeats the reminder.
	Recurrence *ReminderRecurrence `url:"recurrence,omitempty"`
	// TeamID is the workspace, needed with an organization-wide token.
	TeamID string `url:"team_id,omitempty"`
}

type remindersAddRequest struct {
	Text                string `url:"text"`
	Time                string `url:"time"`
	*RemindersAddParams `url:",omitempty"`
}

type reminderReply struct {
	envelope
	Reminder Reminder `json:"reminder"`
}

// Add creates a reminder for the token's user and returns it. when says when it fires, as Slack reads
// it: a Unix time (up to five years ahead), a number of seconds from now (within 24 hours), or English
// such as "in 15 minutes" or "every Thursday at 9am".
//
// Slack API: https://api.slack.com/methods/reminders.add (Tier 2, reminders:write; user tokens only)
func (s *RemindersService) Add(ctx context.Context, text, when string, params *RemindersAddParams) (*Reminder, error) {
	const method = "reminders.add"
	if err := required(method, "text", text, "time", when); err != nil {
		return nil, err
	}
	if params != nil {
		if err := params.Recurrence.check(method); err != nil {
			return nil, err
		}
	}
	var out reminderReply
	if err := s.client.Call(ctx, method, remindersAddRequest{text, when, params}, &out); err != nil {
		return nil, err
	}
	return &out.Reminder, nil
}

// RemindersCompleteParams are the optional arguments of Reminders.Complete.
type RemindersCompleteParams struct {
	// TeamID is the workspace, needed with an organization-wide token.
	TeamID string `url:"team_id,omitempty"`
}

// RemindersDeleteParams are the optional arguments of Reminders.Delete.
type RemindersDeleteParams struct {
	// TeamID is the workspace, needed with an organization-wide token.
	TeamID string `url:"team_id,omitempty"`
}

// RemindersInfoParams are the optional arguments of Reminders.Info.
type RemindersInfoParams struct {
	// TeamID is the workspace, needed with an organization-wide token.
	TeamID string `url:"team_id,omitempty"`
}

// RemindersListParams are the optional arguments of Reminders.List.
type RemindersListParams struct {
	// TeamID is the workspace, needed with an organization-wide token.
	TeamID string `url:"team_id,omitempty"`
}

// reminderRequest is the form of the methods that name one reminder, with the team_id of their params.
type reminderRequest struct {
	Reminder string `url:"reminder"`
	TeamID   string `url:"team_id,omitempty"`
}

// Complete marks one of the token's user's reminders complete. A recurring reminder cannot be completed
// (ErrCannotCompleteRecurring).
//
// Slack API: https://api.slack.com/methods/reminders.complete (Tier 2, reminders:write; user tokens only)
func (s *RemindersService) Complete(ctx context.Context, reminder string, params *RemindersCompleteParams) error {
	const method = "reminders.complete"
	if err := required(method, "reminder", reminder); err != nil {
		return err
	}
	req := reminderRequest{Reminder: reminder}
	if params != nil {
		req.TeamID = params.TeamID
	}
	return s.client.Call(ctx, method, req, nil)
}

// Delete deletes one of the token's user's reminders.
//
// Slack API: https://api.slack.com/methods/reminders.delete (Tier 2, reminders:write; user tokens only)
func (s *RemindersService) Delete(ctx context.Context, reminder string, params *RemindersDeleteParams) error {
	const method = "reminders.delete"
	if err := required(method, "reminder", reminder); err != nil {
		return err
	}
	req := reminderRequest{Reminder: reminder}
	if params != nil {
		req.TeamID = params.TeamID
	}
	return s.client.Call(ctx, method, req, nil)
}

// Info returns one of the token's user's reminders.
//
// Slack API: https://api.slack.com/methods/reminders.info (Tier 2, reminders:read; user tokens only).
// Retried on 5xx and connection errors.
func (s *RemindersService) Info(ctx context.Context, reminder string, params *RemindersInfoParams) (*Reminder, error) {
	const method = "reminders.info"
	if err := required(method, "reminder", reminder); err != nil {
		return nil, err
	}
	req := reminderRequest{Reminder: reminder}
	if params != nil {
		req.TeamID = params.TeamID
	}
	var out reminderReply
	if err := s.client.Call(ctx, method, req, &out); err != nil {
		return nil, err
	}
	return &out.Reminder, nil
}

// List returns the token's user's reminders, complete ones included, all at once (Slack does not page
// them).
//
// Slack API: https://api.slack.com/methods/reminders.list (Tier 2, reminders:read; user tokens only).
// Retried on 5xx and connection errors.
func (s *RemindersService) List(ctx context.Context, params *RemindersListParams) ([]Reminder, error) {
	var out struct {
		envelope
		Reminders []Reminder `json:"reminders"`
	}
	if err := s.client.Call(ctx, "reminders.list", params, &out); err != nil {
		return nil, err
	}
	if out.Reminders == nil {
		out.Reminders = []Reminder{}
	}
	return out.Reminders, nil
}
