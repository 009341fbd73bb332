package slacktest

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Reminder is a reminder in the workspace, as reminders.add made it.
type Reminder struct {
	// ID is the reminder's ID ("Rm…").
	ID string `json:"id"`
	// Creator is the ID of the user who made it.
	Creator string `json:"creator"`
	// User is the ID of the user it is for: the creator, since 2023.
	User string `json:"user"`
	// Text is what it says.
	Text string `json:"text"`
	// Recurrence is the JSON rule of a repeating reminder ({"frequency":"weekly",…}); empty for one that
	// fires once.
	Recurrence json.RawMessage `json:"recurrence,omitempty"`
	// Time is when it fires, in Unix seconds (for a repeating one, the first time).
	Time int64 `json:"time"`
	// CompleteTS is when it was completed, in Unix seconds; 0 while it is not.
	CompleteTS int64 `json:"complete_ts"`
}

// MaxReminderAhead is how far ahead reminders.add accepts a Unix time: five years, as Slack documents.
const MaxReminderAhead = 5 * 365 * 24 * time.Hour

// Reminders returns copies of user's reminders, oldest first.
func (s *Server) Reminders(user string) []Reminder {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Reminder
	for _, r := range s.ws.reminders {
		if r.User == user {
			c := *r
			c.Recurrence = slices.Clone(r.Recurrence)
			out = append(out, c)
		}
	}
	return out
}

var remindersHandlers = map[string]handler{
	"reminders.add":      remindersAdd,
	"reminders.complete": remindersComplete,
	"reminders.delete":   remindersDelete,
	"reminders.info":     remindersInfo,
	"reminders.list":     remindersList,
}

func renderReminder(r *Reminder) obj {
	o := obj{"id": r.ID, "creator": r.Creator, "user": r.User, "text": r.Text, "recurring": len(r.Recurrence) > 0,
		"complete_ts": r.CompleteTS}
	if len(r.Recurrence) == 0 {
		o["time"] = r.Time
	}
	return o
}

// inPattern is the English form of a reminder's time the workspace understands: "in 15 minutes".
var inPattern = regexp.MustCompile(`^in (\d{1,6}) (second|minute|hour|day|week)s?$`)

// reminderTime reads reminders.add's time as Slack does: Unix seconds (up to five years ahead), seconds
// from now (up to a day), "in <n> <unit>", or "tomorrow"; ok is false for anything else.
func reminderTime(v string, now time.Time) (time.Time, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		switch {
		case n > 0 && n <= 24*60*60:
			return now.Add(time.Duration(n) * time.Second), true
		case n > now.Unix() && n-now.Unix() <= int64(MaxReminderAhead/time.Second):
			return time.Unix(n, 0), true
		}
		return time.Time{}, false
	}
	if v == "tomorrow" {
		return now.Add(24 * time.Hour), true
	}
	m := inPattern.FindStringSubmatch(v)
	if m == nil {
		return time.Time{}, false
	}
	n, _ := strconv.Atoi(m[1])
	unit := map[string]time.Duration{"second": time.Second, "minute": time.Minute, "hour": time.Hour,
		"day": 24 * time.Hour, "week": 7 * 24 * time.Hour}[m[2]]
	return now.Add(time.Duration(n) * unit), true
}

// recurrence checks reminders.add's recurrence argument: a JSON object with a known frequency, and
// weekdays only for "weekly".
func recurrence(v string) (json.RawMessage, bool) {
	var r struct {
		Frequency string   `json:"frequency"`
		Weekdays  []string `json:"weekdays"`
	}
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return nil, false
	}
	if !slices.Contains([]string{"daily", "weekly", "monthly", "yearly"}, r.Frequency) {
		return nil, false
	}
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	for _, d := range r.Weekdays {
		if r.Frequency != "weekly" || !slices.Contains(days, d) {
			return nil, false
		}
	}
	return json.RawMessage(v), true
}

func remindersAdd(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	text, when := c.arg("text"), c.arg("time")
	if text == "" || when == "" {
		return fail("missing_argument")
	}
	if u := c.arg("user"); u != "" && u != c.caller.ID {
		return fail("cannot_add_others")
	}
	at, valid := reminderTime(when, c.ws.now())
	if !valid {
		return fail("cannot_parse")
	}
	r := &Reminder{ID: c.ws.newID("Rm"), Creator: c.caller.ID, User: c.caller.ID, Text: text, Time: at.Unix()}
	if v := c.arg("recurrence"); v != "" {
		if r.Recurrence, valid = recurrence(v); !valid {
			return fail("cannot_parse")
		}
	}
	c.ws.reminders = append(c.ws.reminders, r)
	return ok(obj{"reminder": renderReminder(r)})
}

// ownReminder finds the caller's reminder named by the reminder argument.
func (c *call) ownReminder() (*Reminder, int, *answer) {
	id := c.arg("reminder")
	if id == "" {
		return nil, 0, fail("missing_argument")
	}
	for i, r := range c.ws.reminders {
		if r.ID == id && r.User == c.caller.ID {
			return r, i, nil
		}
	}
	return nil, 0, fail("not_found")
}

func remindersComplete(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	r, _, errAnswer := c.ownReminder()
	if errAnswer != nil {
		return errAnswer
	}
	if len(r.Recurrence) > 0 {
		return fail("cannot_complete_recurring")
	}
	if r.CompleteTS == 0 {
		r.CompleteTS = c.ws.now().Unix()
	}
	return ok(nil)
}

func remindersDelete(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	_, i, errAnswer := c.ownReminder()
	if errAnswer != nil {
		return errAnswer
	}
	c.ws.reminders = slices.Delete(c.ws.reminders, i, i+1)
	return ok(nil)
}

func remindersInfo(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	r, _, errAnswer := c.ownReminder()
	if errAnswer != nil {
		return errAnswer
	}
	return ok(obj{"reminder": renderReminder(r)})
}

func remindersList(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	list := []obj{}
	for _, r := range c.ws.reminders {
		if r.User == c.caller.ID {
			list = append(list, renderReminder(r))
		}
	}
	return ok(obj{"reminders": list})
}
