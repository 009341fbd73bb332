package slacktest

import (
	"strconv"
	"strings"
	"time"
)

// DND is a user's Do Not Disturb state in the workspace: a daily period and a snooze, both off until set.
// Read it with Server.DND, set it with Server.SetDND; the dnd.* methods change it.
type DND struct {
	// Enabled turns on the daily DND period, from Start to End.
	Enabled bool
	// Start is when the daily period begins, as a time of day in UTC (0 to 24h).
	Start time.Duration
	// End is when it ends, as a time of day in UTC; an End before Start spans midnight (22h to 8h).
	End time.Duration
	// SnoozeUntil is when the user's snooze ends; zero when not snoozed.
	SnoozeUntil time.Time
	// EndedUntil is the end of a DND period that dnd.endDnd ended early: until then, the user is not in
	// DND.
	EndedUntil time.Time
}

// MaxSnooze is the longest snooze dnd.setSnooze accepts; a longer one answers too_long.
const MaxSnooze = 366 * 24 * time.Hour

// DND returns user's Do Not Disturb state.
func (s *Server) DND(user string) DND {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ws.dndOf(user)
}

// SetDND sets user's Do Not Disturb state.
func (s *Server) SetDND(user string, d DND) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ws.setDND(user, d)
}

// dndOf returns user's state: no DND period and no snooze until set.
func (ws *workspace) dndOf(user string) DND {
	if d, found := ws.dnd[user]; found {
		return *d
	}
	return DND{}
}

func (ws *workspace) setDND(user string, d DND) {
	if ws.dnd == nil {
		ws.dnd = map[string]*DND{}
	}
	ws.dnd[user] = &d
}

// period returns the daily DND period that contains now, or else the next one: its start and end.
func (d DND) period(now time.Time) (start, end time.Time) {
	now = now.UTC()
	midnight := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	length := d.End - d.Start
	if length <= 0 {
		length += 24 * time.Hour
	}
	// The period that started yesterday may still run; else today's, else tomorrow's.
	for day := -1; day <= 1; day++ {
		start = midnight.AddDate(0, 0, day).Add(d.Start)
		end = start.Add(length)
		if now.Before(end) {
			return start, end
		}
	}
	return start, end
}

// inDND reports whether the user is in a DND period now (not counting a snooze).
func (d DND) inDND(now time.Time) bool {
	if !d.Enabled {
		return false
	}
	start, end := d.period(now)
	return !now.Before(start) && now.Before(end) && !now.Before(d.EndedUntil)
}

// render is the DND state as dnd.info answers it; self adds the snooze, which Slack shows only to the
// user themselves.
func (d DND) render(now time.Time, self bool) obj {
	o := obj{"dnd_enabled": d.Enabled, "next_dnd_start_ts": 1, "next_dnd_end_ts": 1}
	if d.Enabled {
		start, end := d.period(now)
		if !d.EndedUntil.IsZero() && !end.After(d.EndedUntil) {
			// the current period was ended early: the next one is a day later
			start, end = start.AddDate(0, 0, 1), end.AddDate(0, 0, 1)
		}
		o["next_dnd_start_ts"], o["next_dnd_end_ts"] = start.Unix(), end.Unix()
	}
	if self {
		snoozed := now.Before(d.SnoozeUntil)
		o["snooze_enabled"] = snoozed
		if snoozed {
			o["snooze_endtime"] = d.SnoozeUntil.Unix()
			o["snooze_remaining"] = int(d.SnoozeUntil.Sub(now) / time.Second)
			o["snooze_is_indefinite"] = false
		}
	}
	return o
}

var dndHandlers = map[string]handler{
	"dnd.info":      dndInfo,
	"dnd.setSnooze": dndSetSnooze,
	"dnd.endSnooze": dndEndSnooze,
	"dnd.endDnd":    dndEndDND,
	"dnd.teamInfo":  dndTeamInfo,
}

// userTokenOnly answers not_allowed_token_type for a bot token, as Slack does for the methods that have
// only user scopes.
func (c *call) userTokenOnly() *answer {
	if c.caller.IsBot {
		return fail("not_allowed_token_type")
	}
	return nil
}

func dndInfo(c *call) *answer {
	u, errAnswer := c.userArg("user", true)
	if errAnswer != nil {
		return errAnswer
	}
	return ok(c.ws.dndOf(u.ID).render(c.ws.now(), u.ID == c.caller.ID))
}

func dndSetSnooze(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	v := c.arg("num_minutes")
	if v == "" {
		return fail("missing_duration")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil && strings.Trim(v, "0123456789") == "": // digits only, but too many
		return fail("too_long")
	case err != nil || n < 1:
		return invalidArguments("num_minutes must be a whole number of minutes, at least 1")
	case time.Duration(n) > MaxSnooze/time.Minute:
		return fail("too_long")
	}
	now := c.ws.now()
	d := c.ws.dndOf(c.caller.ID)
	d.SnoozeUntil = now.Add(time.Duration(n) * time.Minute)
	c.ws.setDND(c.caller.ID, d)
	return ok(obj{"snooze_enabled": true, "snooze_endtime": d.SnoozeUntil.Unix(),
		"snooze_remaining": int(d.SnoozeUntil.Sub(now) / time.Second), "snooze_is_indefinite": false})
}

func dndEndSnooze(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	now := c.ws.now()
	d := c.ws.dndOf(c.caller.ID)
	if !now.Before(d.SnoozeUntil) {
		return fail("snooze_end_failed")
	}
	d.SnoozeUntil = time.Time{}
	c.ws.setDND(c.caller.ID, d)
	return ok(d.render(now, true))
}

func dndEndDND(c *call) *answer {
	if errAnswer := c.userTokenOnly(); errAnswer != nil {
		return errAnswer
	}
	now := c.ws.now()
	d := c.ws.dndOf(c.caller.ID)
	if !d.inDND(now) {
		return fail("not_in_dnd")
	}
	_, d.EndedUntil = d.period(now)
	c.ws.setDND(c.caller.ID, d)
	return ok(nil)
}

func dndTeamInfo(c *call) *answer {
	raw := c.arg("users")
	if raw == "" {
		return fail("no_users_provided")
	}
	ids := strings.Split(raw, ",")
	if len(ids) > 50 {
		return invalidArguments("users holds more than 50 IDs")
	}
	now := c.ws.now()
	users := obj{}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if _, found := c.ws.users[id]; !found {
			return fail("user_not_found")
		}
		users[id] = c.ws.dndOf(id).render(now, false)
	}
	return ok(obj{"users": users})
}
