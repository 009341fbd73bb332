package slack_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// TestReminders walks a reminder's life through the fake: added, read, listed, completed, deleted.
func TestReminders(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	srv := slacktest.NewT(t, slacktest.WithClock(func() time.Time { return now }))
	c := newClientFor(t, srv, slacktest.UserToken)
	ctx := t.Context()

	once, err := c.Reminders.Add(ctx, "eat a banana", "in 15 minutes", nil)
	if err != nil {
		t.Fatal(err)
	}
	if once.ID == "" || once.Text != "eat a banana" || once.Creator != slacktest.AliceID || once.User != slacktest.AliceID ||
		!once.Time.Equal(now.Add(15*time.Minute)) || once.Recurring || !once.CompleteTS.IsZero() {
		t.Errorf("Reminders.Add = %+v", once)
	}
	r := checkWire(t, srv, "reminders.add", slacktest.UserToken)
	if r.Form.Get("text") != "eat a banana" || r.Form.Get("time") != "in 15 minutes" || len(r.Form) != 2 {
		t.Errorf("reminders.add sent %v", r.Form)
	}

	weekly, err := c.Reminders.Add(ctx, "stand-up", "3600", &slack.RemindersAddParams{
		Recurrence: &slack.ReminderRecurrence{Frequency: slack.RecurWeekly, Weekdays: []string{"monday", "friday"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !weekly.Recurring {
		t.Errorf("a weekly reminder = %+v, want it recurring", weekly)
	}
	var rule map[string]any
	if err := json.Unmarshal([]byte(lastRequest(t, srv, "reminders.add").Form.Get("recurrence")), &rule); err != nil ||
		rule["frequency"] != "weekly" || len(rule["weekdays"].([]any)) != 2 {
		t.Errorf("recurrence sent as %v (%v)", rule, err)
	}

	stored := srv.Reminders(slacktest.AliceID)
	if len(stored) != 2 || stored[0].ID != once.ID || stored[0].Time != now.Add(15*time.Minute).Unix() ||
		len(stored[1].Recurrence) == 0 {
		t.Fatalf("the fake holds %+v", stored)
	}

	info, err := c.Reminders.Info(ctx, once.ID, nil)
	if err != nil || *info != *once {
		t.Fatalf("Reminders.Info = %+v, %v; want %+v", info, err, once)
	}
	if r := checkWire(t, srv, "reminders.info", slacktest.UserToken); r.Form.Get("reminder") != once.ID || len(r.Form) != 1 {
		t.Errorf("reminders.info sent %v", r.Form)
	}
	list, err := c.Reminders.List(ctx, nil)
	if err != nil || len(list) != 2 || list[0].ID != once.ID || list[1].ID != weekly.ID {
		t.Fatalf("Reminders.List = %+v, %v", list, err)
	}
	checkWire(t, srv, "reminders.list", slacktest.UserToken)

	now = now.Add(20 * time.Minute)
	if err := c.Reminders.Complete(ctx, once.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got := srv.Reminders(slacktest.AliceID)[0].CompleteTS; got != now.Unix() {
		t.Errorf("the fake's complete_ts = %d, want %d", got, now.Unix())
	}
	if info, _ := c.Reminders.Info(ctx, once.ID, nil); !info.CompleteTS.Equal(now) {
		t.Errorf("Reminders.Info after Complete = %+v", info)
	}
	checkWire(t, srv, "reminders.complete", slacktest.UserToken)
	assertCode(t, c.Reminders.Complete(ctx, weekly.ID, nil), slack.ErrCannotCompleteRecurring)

	if err := c.Reminders.Delete(ctx, once.ID, &slack.RemindersDeleteParams{TeamID: slacktest.TeamID}); err != nil {
		t.Fatal(err)
	}
	if r := checkWire(t, srv, "reminders.delete", slacktest.UserToken); r.Form.Get("reminder") != once.ID ||
		r.Form.Get("team_id") != slacktest.TeamID {
		t.Errorf("reminders.delete sent %v", r.Form)
	}
	if left := srv.Reminders(slacktest.AliceID); len(left) != 1 || left[0].ID != weekly.ID {
		t.Errorf("after Delete the fake holds %+v", left)
	}
	_, err = c.Reminders.Info(ctx, once.ID, nil)
	assertCode(t, err, slack.ErrNotFound)
	assertCode(t, c.Reminders.Delete(ctx, once.ID, nil), slack.ErrNotFound)
}

func TestRemindersDocumentedErrors(t *testing.T) {
	c, srv := newUserClient(t)
	ctx := t.Context()
	_, err := c.Reminders.Add(ctx, "water the plants", "whenever I feel like it", nil)
	assertCode(t, err, slack.ErrCannotParse)
	_, err = c.Reminders.Add(ctx, "too late", "1000000000", nil) // a Unix time in the past
	assertCode(t, err, slack.ErrCannotParse)
	_, err = c.WithToken(slacktest.BotToken).Reminders.Add(ctx, "a bot's reminder", "in 1 hour", nil)
	assertCode(t, err, slack.ErrNotAllowedTokenType)
	_, err = c.WithToken(slacktest.BotToken).Reminders.List(ctx, nil)
	assertCode(t, err, slack.ErrNotAllowedTokenType)
	if got := srv.Reminders(slacktest.AliceID); len(got) != 0 {
		t.Errorf("failed adds left %+v", got)
	}
}

func TestRemindersBadInputIsRefusedBeforeSending(t *testing.T) {
	for name, tc := range map[string]struct {
		call func(*slack.Client) error
		want string
	}{
		"empty text": {func(c *slack.Client) error { _, err := c.Reminders.Add(t.Context(), " ", "in 1 hour", nil); return err }, "text"},
		"empty time": {func(c *slack.Client) error { _, err := c.Reminders.Add(t.Context(), "x", "", nil); return err }, "time"},
		"unknown frequency": {func(c *slack.Client) error {
			_, err := c.Reminders.Add(t.Context(), "x", "in 1 hour", &slack.RemindersAddParams{
				Recurrence: &slack.ReminderRecurrence{Frequency: "hourly"}})
			return err
		}, "frequency"},
		"weekdays of a daily reminder": {func(c *slack.Client) error {
			_, err := c.Reminders.Add(t.Context(), "x", "in 1 hour", &slack.RemindersAddParams{
				Recurrence: &slack.ReminderRecurrence{Frequency: slack.RecurDaily, Weekdays: []string{"monday"}}})
			return err
		}, "weekdays"},
		"unknown weekday": {func(c *slack.Client) error {
			_, err := c.Reminders.Add(t.Context(), "x", "in 1 hour", &slack.RemindersAddParams{
				Recurrence: &slack.ReminderRecurrence{Frequency: slack.RecurWeekly, Weekdays: []string{"Funday"}}})
			return err
		}, "weekdays"},
		"complete without ID": {func(c *slack.Client) error { return c.Reminders.Complete(t.Context(), "", nil) }, "reminder"},
		"delete without ID":   {func(c *slack.Client) error { return c.Reminders.Delete(t.Context(), "\t", nil) }, "reminder"},
		"info without ID": {func(c *slack.Client) error {
			_, err := c.Reminders.Info(t.Context(), "", nil)
			return err
		}, "reminder"},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := newUserClient(t)
			assertNothingSent(t, srv, tc.call(c), tc.want)
		})
	}
}
