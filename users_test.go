package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

func init() {
	registerFixtures(map[string]fixtureCall{
		"users.info": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.Info(ctx, "U1", nil)
		},
		"users.lookupByEmail": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.LookupByEmail(ctx, "spengler@ghostbusters.example.com")
		},
		"users.getPresence": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.GetPresence(ctx, nil)
		},
		"users.setPresence": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Users.SetPresence(ctx, slack.PresenceAway)
		},
		"users.deletePhoto": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Users.DeletePhoto(ctx)
		},
		"users.setPhoto": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Users.SetPhoto(ctx, bytes.NewReader(usersPNG), nil)
		},
		"users.identity": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.Identity(ctx)
		},
		"users.list": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.List(ctx, nil)
		},
		"users.setActive": func(ctx context.Context, c *slack.Client) (any, error) {
			return nil, c.Users.SetActive(ctx)
		},
		"users.conversations": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.Conversations(ctx, nil)
		},
		"users.profile.get": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.GetProfile(ctx, nil)
		},
		"users.profile.set": func(ctx context.Context, c *slack.Client) (any, error) {
			return c.Users.SetProfile(ctx, &slack.UsersSetProfileParams{Name: "title", Value: "Ghostbuster"})
		},
	})
}

// usersPNG is the start of a PNG image: enough for the fake to take it as one.
var usersPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x40\x00\x00\x00\x40\x08\x06\x00\x00\x00")

// maxUsersLimit is the largest page size the listings take.
const maxUsersLimit = 1000

// usersSeeded are the IDs of the seeded workspace's users, in the order users.list gives them.
var usersSeeded = []string{slacktest.AliceID, slacktest.BobID, slacktest.BotUserID, slacktest.CarolID}

// usersForm checks that the request carried exactly the arguments want.
func usersForm(t *testing.T, r slacktest.Request, want url.Values) {
	t.Helper()
	if len(r.Form) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(r.Form, want) {
		t.Errorf("%s sent the arguments %v, want %v", r.Method, r.Form, want)
	}
}

// usersFixture reads testdata/<file>.
func usersFixture(t *testing.T, file string) []byte {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// usersWithToken adds a token for user to srv and returns a client that uses it.
func usersWithToken(t *testing.T, srv *slacktest.Server, user string) *slack.Client {
	t.Helper()
	token := "xoxp-slacktest-0000000000-" + strings.ToLower(user)
	srv.AddToken(token, user)
	return newClientFor(t, srv, token)
}

// usersState returns the fake's copy of a user.
func usersState(t *testing.T, srv *slacktest.Server, id string) slacktest.User {
	t.Helper()
	u, ok := srv.User(id)
	if !ok {
		t.Fatalf("the fake has no user %s", id)
	}
	return u
}

// --- users.info

func TestUsersInfo(t *testing.T) {
	c, srv := newTestClient(t)
	u, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != slacktest.BobID || u.Name != "bob" || u.RealName != "Bob Builder" || u.TeamID != slacktest.TeamID {
		t.Errorf("Info = %+v, want bob", u)
	}
	if u.TZ != "America/New_York" || u.TZOffset != -18000 {
		t.Errorf("TZ %q, TZOffset %d; want America/New_York, -18000", u.TZ, u.TZOffset)
	}
	if u.Profile.Email != "bob@example.com" || u.Profile.FirstName != "Bob" || u.Profile.LastName != "Builder" {
		t.Errorf("Profile = %+v, want bob's", u.Profile)
	}
	if u.IsAdmin || u.IsBot || u.Deleted {
		t.Errorf("IsAdmin %v, IsBot %v, Deleted %v; want all false", u.IsAdmin, u.IsBot, u.Deleted)
	}
	if u.Updated.IsZero() {
		t.Error("Updated is zero")
	}
	if u.Locale != "" {
		t.Errorf("Locale %q without IncludeLocale", u.Locale)
	}
	r := checkWire(t, srv, "users.info", slacktest.BotToken)
	usersForm(t, r, url.Values{"user": {slacktest.BobID}})
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q, want application/x-www-form-urlencoded", ct)
	}
}

func TestUsersInfoAdminAndBot(t *testing.T) {
	c, _ := newTestClient(t)
	alice, err := c.Users.Info(t.Context(), slacktest.AliceID, &slack.UsersInfoParams{})
	if err != nil {
		t.Fatal(err)
	}
	if !alice.IsAdmin || !alice.IsOwner || !alice.IsPrimaryOwner {
		t.Errorf("alice: IsAdmin %v, IsOwner %v, IsPrimaryOwner %v; want true", alice.IsAdmin, alice.IsOwner,
			alice.IsPrimaryOwner)
	}
	bot, err := c.Users.Info(t.Context(), slacktest.BotUserID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bot.IsBot || bot.Profile.BotID != slacktest.BotID || !bot.Profile.AlwaysActive {
		t.Errorf("bot: IsBot %v, Profile.BotID %q, AlwaysActive %v", bot.IsBot, bot.Profile.BotID, bot.Profile.AlwaysActive)
	}
}

func TestUsersInfoIncludeLocale(t *testing.T) {
	c, srv := newTestClient(t)
	u, err := c.Users.Info(t.Context(), slacktest.CarolID, &slack.UsersInfoParams{IncludeLocale: true})
	if err != nil {
		t.Fatal(err)
	}
	if u.Locale != "en-US" {
		t.Errorf("Locale %q, want en-US", u.Locale)
	}
	usersForm(t, lastRequest(t, srv, "users.info"), url.Values{"user": {slacktest.CarolID}, "include_locale": {"true"}})
}

func TestUsersInfoUserNotFound(t *testing.T) {
	c, srv := newTestClient(t)
	u, err := c.Users.Info(t.Context(), "U0NOBODY", nil)
	se := assertCode(t, err, slack.ErrUserNotFound)
	if u != nil {
		t.Errorf("Info returned %+v with an error", u)
	}
	if se.Method != "users.info" {
		t.Errorf("error Method %q, want users.info", se.Method)
	}
	usersForm(t, lastRequest(t, srv, "users.info"), url.Values{"user": {"U0NOBODY"}})
}

func TestUsersInfoInvalidAuth(t *testing.T) {
	srv := slacktest.New()
	c := newClientFor(t, srv, "xoxb-revoked")
	_, err := c.Users.Info(t.Context(), slacktest.BobID, nil)
	assertCode(t, err, slack.ErrInvalidAuth)
	checkWire(t, srv, "users.info", "xoxb-revoked")
}

func TestUsersInfoBadInput(t *testing.T) {
	for _, user := range []string{"", "  "} {
		c, srv := newTestClient(t)
		u, err := c.Users.Info(t.Context(), user, &slack.UsersInfoParams{IncludeLocale: true})
		assertNothingSent(t, srv, err, "user")
		if u != nil {
			t.Errorf("Info(%q) returned %+v", user, u)
		}
	}
}

func TestUsersInfoLooseFixture(t *testing.T) {
	c := replayClient(t, http.StatusOK, usersFixture(t, "users.info.loose.json"))
	u, err := c.Users.Info(t.Context(), "W012A3CDE", nil)
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != "W012A3CDE" || u.Name != "spengler" || u.RealName != "Egon Spengler" {
		t.Errorf("Info = %+v, want spengler", u)
	}
	if u.TZOffset != -25200 {
		t.Errorf("TZOffset %d from the string \"-25200\", want -25200", u.TZOffset)
	}
	if !u.IsAdmin || u.IsOwner || u.Deleted {
		t.Errorf("IsAdmin %v (1), IsOwner %v (0), Deleted %v (0); want true, false, false", u.IsAdmin, u.IsOwner,
			u.Deleted)
	}
	if got := u.Updated.Unix(); got != 1502138686 {
		t.Errorf("Updated %d from the string \"1502138686\", want 1502138686", got)
	}
	if u.Profile.StatusExpiration != 1502150400 {
		t.Errorf("Profile.StatusExpiration %d, want 1502150400", u.Profile.StatusExpiration)
	}
	if u.Profile.Email != "spengler@ghostbusters.example.com" || u.Profile.StatusText != "Print is dead" {
		t.Errorf("Profile = %+v", u.Profile)
	}
	if len(u.Profile.Fields) != 0 {
		t.Errorf("Profile.Fields %v from [], want none", u.Profile.Fields)
	}
}

// --- users.lookupByEmail

func TestUsersLookupByEmail(t *testing.T) {
	c, srv := newTestClient(t)
	u, err := c.Users.LookupByEmail(t.Context(), "Carol@Example.com")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != slacktest.CarolID || u.Profile.Email != "carol@example.com" {
		t.Errorf("LookupByEmail = %s <%s>, want carol", u.ID, u.Profile.Email)
	}
	r := checkWire(t, srv, "users.lookupByEmail", slacktest.BotToken)
	usersForm(t, r, url.Values{"email": {"Carol@Example.com"}})
}

func TestUsersLookupByEmailNotFound(t *testing.T) {
	c, srv := newTestClient(t)
	u, err := c.Users.LookupByEmail(t.Context(), "nobody@example.com")
	assertCode(t, err, slack.ErrUsersNotFound)
	if u != nil {
		t.Errorf("LookupByEmail returned %+v with an error", u)
	}
	usersForm(t, lastRequest(t, srv, "users.lookupByEmail"), url.Values{"email": {"nobody@example.com"}})
}

func TestUsersLookupByEmailBadInput(t *testing.T) {
	c, srv := newTestClient(t)
	u, err := c.Users.LookupByEmail(t.Context(), "")
	assertNothingSent(t, srv, err, "email")
	if u != nil {
		t.Errorf("LookupByEmail returned %+v", u)
	}
}

// --- users.getPresence and users.setPresence

func TestUsersGetPresenceSelf(t *testing.T) {
	c, srv := newUserClient(t)
	p, err := c.Users.GetPresence(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Presence != "active" || !p.Online || p.ManualAway || p.ConnectionCount != 1 {
		t.Errorf("GetPresence = %+v, want active and online over 1 connection", p)
	}
	if p.LastActivity.IsZero() {
		t.Error("LastActivity is zero for the token's own user")
	}
	r := checkWire(t, srv, "users.getPresence", slacktest.UserToken)
	usersForm(t, r, nil)
}

func TestUsersGetPresenceOther(t *testing.T) {
	c, srv := newUserClient(t)
	p, err := c.Users.GetPresence(t.Context(), &slack.UsersGetPresenceParams{User: slacktest.BobID})
	if err != nil {
		t.Fatal(err)
	}
	want := slack.UserPresence{Presence: "active"}
	if *p != want {
		t.Errorf("GetPresence(bob) = %+v, want %+v", *p, want)
	}
	usersForm(t, lastRequest(t, srv, "users.getPresence"), url.Values{"user": {slacktest.BobID}})
}

func TestUsersGetPresenceUserNotFound(t *testing.T) {
	c, _ := newUserClient(t)
	p, err := c.Users.GetPresence(t.Context(), &slack.UsersGetPresenceParams{User: "U0NOBODY"})
	assertCode(t, err, slack.ErrUserNotFound)
	if p != nil {
		t.Errorf("GetPresence returned %+v with an error", p)
	}
}

func TestUsersSetPresence(t *testing.T) {
	alice, srv := newUserClient(t)
	if err := alice.Users.SetPresence(t.Context(), slack.PresenceAway); err != nil {
		t.Fatal(err)
	}
	if got := usersState(t, srv, slacktest.AliceID).Presence; got != "away" {
		t.Errorf("alice's presence is %q after SetPresence(away)", got)
	}
	r := checkWire(t, srv, "users.setPresence", slacktest.UserToken)
	usersForm(t, r, url.Values{"presence": {"away"}})

	p, err := alice.Users.GetPresence(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Presence != "away" || !p.ManualAway || p.Online {
		t.Errorf("GetPresence after SetPresence(away) = %+v, want away, manual", p)
	}

	// Bob sees it too.
	bob := usersWithToken(t, srv, slacktest.BobID)
	p, err = bob.Users.GetPresence(t.Context(), &slack.UsersGetPresenceParams{User: slacktest.AliceID})
	if err != nil {
		t.Fatal(err)
	}
	if p.Presence != "away" {
		t.Errorf("bob sees alice %q, want away", p.Presence)
	}

	if err := alice.Users.SetPresence(t.Context(), slack.PresenceAuto); err != nil {
		t.Fatal(err)
	}
	if got := usersState(t, srv, slacktest.AliceID).Presence; got != "auto" {
		t.Errorf("alice's presence is %q after SetPresence(auto)", got)
	}
	usersForm(t, lastRequest(t, srv, "users.setPresence"), url.Values{"presence": {"auto"}})
}

func TestUsersSetPresenceInvalidAuth(t *testing.T) {
	srv := slacktest.New()
	c := newClientFor(t, srv, "xoxp-expired")
	err := c.Users.SetPresence(t.Context(), slack.PresenceAway)
	assertCode(t, err, slack.ErrInvalidAuth)
	if got := usersState(t, srv, slacktest.AliceID).Presence; got != "auto" {
		t.Errorf("alice's presence changed to %q by a refused call", got)
	}
}

func TestUsersSetPresenceServerRefusal(t *testing.T) {
	// The SDK refuses an unknown presence itself (below); through Call, Slack's own answer comes back.
	c, srv := newUserClient(t)
	err := c.Call(t.Context(), "users.setPresence", url.Values{"presence": {"busy"}}, nil)
	assertCode(t, err, slack.ErrInvalidPresence)
	if got := usersState(t, srv, slacktest.AliceID).Presence; got != "auto" {
		t.Errorf("alice's presence changed to %q", got)
	}
}

func TestUsersSetPresenceBadInput(t *testing.T) {
	for _, p := range []slack.Presence{"", "active", "busy", "AWAY", " away"} {
		c, srv := newUserClient(t)
		assertNothingSent(t, srv, c.Users.SetPresence(t.Context(), p), "presence")
	}
}

// --- users.deletePhoto and users.setPhoto

func TestUsersDeletePhoto(t *testing.T) {
	c, srv := newUserClient(t)
	u := usersState(t, srv, slacktest.AliceID)
	u.HasPhoto = true
	srv.AddUser(u)

	if err := c.Users.DeletePhoto(t.Context()); err != nil {
		t.Fatal(err)
	}
	if usersState(t, srv, slacktest.AliceID).HasPhoto {
		t.Error("alice still has a photo after DeletePhoto")
	}
	r := checkWire(t, srv, "users.deletePhoto", slacktest.UserToken)
	usersForm(t, r, nil)
}

func TestUsersDeletePhotoBot(t *testing.T) {
	c, srv := newTestClient(t)
	u := usersState(t, srv, slacktest.BotUserID)
	u.HasPhoto = true
	srv.AddUser(u)
	assertCode(t, c.Users.DeletePhoto(t.Context()), slack.ErrUserIsBot)
	if !usersState(t, srv, slacktest.BotUserID).HasPhoto {
		t.Error("a refused DeletePhoto removed the bot's photo")
	}
	checkWire(t, srv, "users.deletePhoto", slacktest.BotToken)
}

func TestUsersSetPhoto(t *testing.T) {
	c, srv := newUserClient(t)
	err := c.Users.SetPhoto(t.Context(), bytes.NewReader(usersPNG), &slack.UsersSetPhotoParams{CropX: 4, CropY: 8, CropW: 48})
	if err != nil {
		t.Fatal(err)
	}
	if !usersState(t, srv, slacktest.AliceID).HasPhoto {
		t.Error("alice has no photo after SetPhoto")
	}
	r := checkWire(t, srv, "users.setPhoto", slacktest.UserToken)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/form-data; boundary=") {
		t.Errorf("Content-Type %q, want multipart/form-data", ct)
	}
	if got := r.Files["image"]; !bytes.Equal(got, usersPNG) {
		t.Errorf("the image part holds %q, want %q", got, usersPNG)
	}
	if len(r.Files) != 1 {
		t.Errorf("%d file parts, want only image", len(r.Files))
	}
	usersForm(t, r, url.Values{"crop_x": {"4"}, "crop_y": {"8"}, "crop_w": {"48"}})

	p, err := c.Users.GetProfile(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !p.IsCustomImage {
		t.Error("the profile has no custom image after SetPhoto")
	}
}

func TestUsersSetPhotoNoCrop(t *testing.T) {
	for _, params := range []*slack.UsersSetPhotoParams{nil, {}, {CropX: 5, CropY: 5}} {
		c, srv := newUserClient(t)
		if err := c.Users.SetPhoto(t.Context(), bytes.NewReader(usersPNG), params); err != nil {
			t.Fatal(err)
		}
		r := lastRequest(t, srv, "users.setPhoto")
		usersForm(t, r, nil)
		if !bytes.Equal(r.Files["image"], usersPNG) {
			t.Errorf("params %+v: the image part holds %q", params, r.Files["image"])
		}
	}
}

func TestUsersSetPhotoBadImage(t *testing.T) {
	c, srv := newUserClient(t)
	text := []byte("this is a text file, not a picture")
	assertCode(t, c.Users.SetPhoto(t.Context(), bytes.NewReader(text), nil), slack.ErrBadImage)
	if usersState(t, srv, slacktest.AliceID).HasPhoto {
		t.Error("alice has a photo after a bad image")
	}
	if got := lastRequest(t, srv, "users.setPhoto").Files["image"]; !bytes.Equal(got, text) {
		t.Errorf("the image part holds %q, want %q", got, text)
	}
}

func TestUsersSetPhotoBot(t *testing.T) {
	c, srv := newTestClient(t)
	assertCode(t, c.Users.SetPhoto(t.Context(), bytes.NewReader(usersPNG), nil), slack.ErrUserIsBot)
	if usersState(t, srv, slacktest.BotUserID).HasPhoto {
		t.Error("the bot has a photo after a refused SetPhoto")
	}
	checkWire(t, srv, "users.setPhoto", slacktest.BotToken)
}

func TestUsersSetPhotoBadInput(t *testing.T) {
	var nilBuffer *bytes.Buffer
	var nilFile *os.File
	tests := []struct {
		name     string
		image    io.Reader
		params   *slack.UsersSetPhotoParams
		argument string
	}{
		{"nil reader", nil, nil, "image"},
		{"nil *bytes.Buffer", nilBuffer, nil, "image"},
		{"nil *os.File", nilFile, nil, "image"},
		{"negative x", bytes.NewReader(usersPNG), &slack.UsersSetPhotoParams{CropX: -1, CropW: 10}, "crop"},
		{"negative y", bytes.NewReader(usersPNG), &slack.UsersSetPhotoParams{CropY: -1, CropW: 10}, "crop"},
		{"negative w", bytes.NewReader(usersPNG), &slack.UsersSetPhotoParams{CropW: -10}, "crop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newUserClient(t)
			assertNothingSent(t, srv, c.Users.SetPhoto(t.Context(), tt.image, tt.params), tt.argument)
		})
	}
}

// usersFailingReader fails after its first bytes.
type usersFailingReader struct{ read bool }

var errUsersDisk = errors.New("disk on fire")

func (r *usersFailingReader) Read(p []byte) (int, error) {
	if r.read {
		return 0, errUsersDisk
	}
	r.read = true
	return copy(p, usersPNG[:4]), nil
}

func TestUsersSetPhotoReadError(t *testing.T) {
	c, srv := newUserClient(t)
	err := c.Users.SetPhoto(t.Context(), &usersFailingReader{}, nil)
	if !errors.Is(err, errUsersDisk) {
		t.Fatalf("err = %v, want the reader's error", err)
	}
	if n := srv.Count(); n != 0 {
		t.Errorf("the server received %d requests for an image that could not be read", n)
	}
}

// --- users.identity

func TestUsersIdentity(t *testing.T) {
	c, srv := newUserClient(t)
	id, err := c.Users.Identity(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if id.User.ID != slacktest.AliceID || id.User.Name != "Alice Liddell" || id.User.Email != "alice@example.com" {
		t.Errorf("Identity user = %+v, want alice", id.User)
	}
	if !strings.HasSuffix(id.User.Image512, "_512.png") || id.User.Image24 == "" {
		t.Errorf("Identity images: 24 %q, 512 %q", id.User.Image24, id.User.Image512)
	}
	want := slack.Team{ID: slacktest.TeamID, Name: slacktest.TeamName, Domain: slacktest.TeamDomain}
	if id.Team != want {
		t.Errorf("Identity team = %+v, want %+v", id.Team, want)
	}
	usersForm(t, checkWire(t, srv, "users.identity", slacktest.UserToken), nil)
}

func TestUsersIdentityBot(t *testing.T) {
	c, srv := newTestClient(t)
	id, err := c.Users.Identity(t.Context())
	assertCode(t, err, slack.ErrUserIsBot)
	if id != nil {
		t.Errorf("Identity returned %+v with an error", id)
	}
	checkWire(t, srv, "users.identity", slacktest.BotToken)
}

// --- users.setActive

func TestUsersSetActive(t *testing.T) {
	c, srv := newUserClient(t)
	if err := c.Users.SetActive(t.Context()); err != nil {
		t.Fatal(err)
	}
	usersForm(t, checkWire(t, srv, "users.setActive", slacktest.UserToken), nil)
}

func TestUsersSetActiveInvalidAuth(t *testing.T) {
	srv := slacktest.New()
	c := newClientFor(t, srv, "xoxp-unknown")
	err := c.Users.SetActive(t.Context())
	assertCode(t, err, slack.ErrInvalidAuth)
	checkWire(t, srv, "users.setActive", "xoxp-unknown")
}

// --- users.profile.get and users.profile.set

func TestUsersGetProfileSelf(t *testing.T) {
	c, srv := newUserClient(t)
	p, err := c.Users.GetProfile(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.RealName != "Alice Liddell" || p.DisplayName != "alice" || p.Email != "alice@example.com" ||
		p.FirstName != "Alice" || p.LastName != "Liddell" || p.Team != slacktest.TeamID {
		t.Errorf("GetProfile = %+v, want alice's", p)
	}
	if p.IsCustomImage || p.Image192 == "" {
		t.Errorf("IsCustomImage %v, Image192 %q; want a default image", p.IsCustomImage, p.Image192)
	}
	usersForm(t, checkWire(t, srv, "users.profile.get", slacktest.UserToken), nil)
}

func TestUsersGetProfileOtherWithLabels(t *testing.T) {
	c, srv := newUserClient(t)
	bob := usersState(t, srv, slacktest.BobID)
	bob.Profile = map[string]any{"title": "Builder",
		"fields": map[string]any{"Xf0SKILLS": map[string]any{"value": "Bricks", "alt": "masonry"}}}
	srv.AddUser(bob)

	p, err := c.Users.GetProfile(t.Context(), &slack.UsersGetProfileParams{User: slacktest.BobID, IncludeLabels: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.RealName != "Bob Builder" || p.Title != "Builder" {
		t.Errorf("GetProfile(bob) = %q, %q; want Bob Builder, Builder", p.RealName, p.Title)
	}
	want := map[string]slack.UserProfileField{"Xf0SKILLS": {Value: "Bricks", Alt: "masonry", Label: "Field Xf0SKILLS"}}
	if !reflect.DeepEqual(p.Fields, want) {
		t.Errorf("Fields = %+v, want %+v", p.Fields, want)
	}
	usersForm(t, lastRequest(t, srv, "users.profile.get"),
		url.Values{"user": {slacktest.BobID}, "include_labels": {"true"}})
}

func TestUsersGetProfileUserNotFound(t *testing.T) {
	c, srv := newUserClient(t)
	p, err := c.Users.GetProfile(t.Context(), &slack.UsersGetProfileParams{User: "U0NOBODY"})
	assertCode(t, err, slack.ErrUserNotFound)
	if p != nil {
		t.Errorf("GetProfile returned %+v with an error", p)
	}
	usersForm(t, lastRequest(t, srv, "users.profile.get"), url.Values{"user": {"U0NOBODY"}})
}

func TestUsersGetProfileFieldsFixtures(t *testing.T) {
	empty := replayClient(t, http.StatusOK, usersFixture(t, "users.profile.get.empty_fields.json"))
	p, err := empty.Users.GetProfile(t.Context(), nil)
	if err != nil {
		t.Fatalf("\"fields\": [] does not decode: %v", err)
	}
	if len(p.Fields) != 0 || p.RealName != "Egon Spengler" || p.StatusEmoji != ":books:" {
		t.Errorf("GetProfile = Fields %v, RealName %q, StatusEmoji %q", p.Fields, p.RealName, p.StatusEmoji)
	}

	custom := replayClient(t, http.StatusOK, usersFixture(t, "users.profile.get.fields.json"))
	p, err = custom.Users.GetProfile(t.Context(), &slack.UsersGetProfileParams{IncludeLabels: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]slack.UserProfileField{
		"Xf06054AAA": {Value: "Ghostbusting", Alt: "", Label: "Department"},
		"Xf06054BBB": {Value: "W07QCRPA4", Alt: "Glinda Southgood", Label: "Manager"},
	}
	if !reflect.DeepEqual(p.Fields, want) {
		t.Errorf("Fields = %+v, want %+v", p.Fields, want)
	}
}

func TestUsersSetProfile(t *testing.T) {
	c, srv := newUserClient(t)
	p, err := c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{Profile: &slack.UserProfile{
		Title: "Queen of Hearts", StatusText: "Down the rabbit hole", StatusEmoji: ":rabbit:",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Queen of Hearts" || p.StatusText != "Down the rabbit hole" || p.StatusEmoji != ":rabbit:" {
		t.Errorf("SetProfile returned %+v", p)
	}
	if p.RealName != "Alice Liddell" || p.Email != "alice@example.com" {
		t.Errorf("SetProfile lost the fields not set: RealName %q, Email %q", p.RealName, p.Email)
	}
	u := usersState(t, srv, slacktest.AliceID)
	for k, want := range map[string]string{"title": "Queen of Hearts", "status_text": "Down the rabbit hole",
		"status_emoji": ":rabbit:"} {
		if u.Profile[k] != want {
			t.Errorf("alice's stored profile %s = %v, want %q", k, u.Profile[k], want)
		}
	}

	r := checkWire(t, srv, "users.profile.set", slacktest.UserToken)
	if got := slices.Sorted(maps.Keys(r.Form)); !slices.Equal(got, []string{"profile"}) {
		t.Errorf("users.profile.set sent the fields %v, want only profile", got)
	}
	var sent map[string]any
	if err := json.Unmarshal([]byte(r.Form.Get("profile")), &sent); err != nil {
		t.Fatalf("profile %q is not a JSON object: %v", r.Form.Get("profile"), err)
	}
	want := map[string]any{"title": "Queen of Hearts", "status_text": "Down the rabbit hole", "status_emoji": ":rabbit:"}
	if !reflect.DeepEqual(sent, want) {
		t.Errorf("profile sent as %s, want only the fields set: %v", r.Form.Get("profile"), want)
	}
}

func TestUsersSetProfileRealName(t *testing.T) {
	c, srv := newUserClient(t)
	p, err := c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{
		Profile: &slack.UserProfile{RealName: "Alice Kingsleigh"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.RealName != "Alice Kingsleigh" || p.RealNameNormalized != "Alice Kingsleigh" {
		t.Errorf("RealName %q, RealNameNormalized %q after SetProfile", p.RealName, p.RealNameNormalized)
	}
	if got := usersState(t, srv, slacktest.AliceID).RealName; got != "Alice Kingsleigh" {
		t.Errorf("alice's stored real name is %q", got)
	}
	u, err := c.Users.Info(t.Context(), slacktest.AliceID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if u.RealName != "Alice Kingsleigh" {
		t.Errorf("users.info real name %q after SetProfile", u.RealName)
	}
	if got := lastRequest(t, srv, "users.profile.set").Form.Get("profile"); got != `{"real_name":"Alice Kingsleigh"}` {
		t.Errorf("profile sent as %s", got)
	}
}

func TestUsersSetProfileNameValueForOtherUser(t *testing.T) {
	c, srv := newUserClient(t) // alice is an admin
	p, err := c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{User: slacktest.BobID, Name: "title",
		Value: "Foreman"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Foreman" || p.RealName != "Bob Builder" {
		t.Errorf("SetProfile returned title %q for %q, want Foreman for Bob Builder", p.Title, p.RealName)
	}
	if got := usersState(t, srv, slacktest.BobID).Profile["title"]; got != "Foreman" {
		t.Errorf("bob's stored title is %v", got)
	}
	if _, changed := usersState(t, srv, slacktest.AliceID).Profile["title"]; changed {
		t.Error("alice's profile changed instead of bob's")
	}
	usersForm(t, checkWire(t, srv, "users.profile.set", slacktest.UserToken),
		url.Values{"user": {slacktest.BobID}, "name": {"title"}, "value": {"Foreman"}})

	// An empty Value is sent, and clears the field.
	p, err = c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{User: slacktest.BobID, Name: "title"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "" {
		t.Errorf("title %q after clearing it", p.Title)
	}
	usersForm(t, lastRequest(t, srv, "users.profile.set"),
		url.Values{"user": {slacktest.BobID}, "name": {"title"}, "value": {""}})
}

func TestUsersSetProfileCustomFields(t *testing.T) {
	c, srv := newUserClient(t)
	_, err := c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{Profile: &slack.UserProfile{
		Fields: map[string]slack.UserProfileField{
			"Xf0DEPT": {Value: "Wonderland"},
			"Xf0PETS": {Value: "Dinah", Alt: "a cat"},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	var sent struct {
		Fields map[string]map[string]string `json:"fields"`
	}
	if err := json.Unmarshal([]byte(lastRequest(t, srv, "users.profile.set").Form.Get("profile")), &sent); err != nil {
		t.Fatal(err)
	}
	if want := map[string]map[string]string{"Xf0DEPT": {"value": "Wonderland"},
		"Xf0PETS": {"value": "Dinah", "alt": "a cat"}}; !reflect.DeepEqual(sent.Fields, want) {
		t.Errorf("fields sent as %v, want %v", sent.Fields, want)
	}

	// One custom field by name: the others keep their values.
	p, err := c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{Name: "Xf0DEPT", Value: "Looking-Glass"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]slack.UserProfileField{"Xf0DEPT": {Value: "Looking-Glass"}, "Xf0PETS": {Value: "Dinah", Alt: "a cat"}}
	if !reflect.DeepEqual(p.Fields, want) {
		t.Errorf("Fields = %+v, want %+v", p.Fields, want)
	}
}

func TestUsersSetProfileNotAdmin(t *testing.T) {
	srv := slacktest.New()
	bob := usersWithToken(t, srv, slacktest.BobID)
	p, err := bob.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{User: slacktest.AliceID,
		Profile: &slack.UserProfile{Title: "Former admin"}})
	assertCode(t, err, slack.ErrNotAdmin)
	if p != nil {
		t.Errorf("SetProfile returned %+v with an error", p)
	}
	if _, changed := usersState(t, srv, slacktest.AliceID).Profile["title"]; changed {
		t.Error("bob changed alice's profile")
	}
	r := lastRequest(t, srv, "users.profile.set")
	if r.Form.Get("user") != slacktest.AliceID {
		t.Errorf("user sent as %q, want %s", r.Form.Get("user"), slacktest.AliceID)
	}
}

func TestUsersSetProfileBot(t *testing.T) {
	c, srv := newTestClient(t)
	_, err := c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{Name: "title", Value: "Robot"})
	assertCode(t, err, slack.ErrUserIsBot)
	if _, changed := usersState(t, srv, slacktest.BotUserID).Profile["title"]; changed {
		t.Error("a refused SetProfile changed the bot's profile")
	}
}

func TestUsersSetProfileReservedName(t *testing.T) {
	c, srv := newUserClient(t)
	_, err := c.Users.SetProfile(t.Context(), &slack.UsersSetProfileParams{
		Profile: &slack.UserProfile{DisplayName: "everyone"}})
	assertCode(t, err, slack.ErrReservedName)
	if got := usersState(t, srv, slacktest.AliceID).Profile["display_name"]; got != nil {
		t.Errorf("alice's display name was set to %v", got)
	}
}

func TestUsersSetProfileBadInput(t *testing.T) {
	tests := []struct {
		name   string
		params *slack.UsersSetProfileParams
	}{
		{"nil params", nil},
		{"neither profile nor name", &slack.UsersSetProfileParams{}},
		{"only a user", &slack.UsersSetProfileParams{User: slacktest.BobID, Value: "x"}},
		{"both", &slack.UsersSetProfileParams{Profile: &slack.UserProfile{Title: "t"}, Name: "title", Value: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newUserClient(t)
			p, err := c.Users.SetProfile(t.Context(), tt.params)
			assertNothingSent(t, srv, err, "profile")
			if p != nil {
				t.Errorf("SetProfile returned %+v", p)
			}
		})
	}
}

// --- users.list

// usersAdd adds n users (U1USER01, …), which users.list gives after the seeded ones, and returns their IDs.
func usersAdd(srv *slacktest.Server, n int) []string {
	var ids []string
	for i := range n {
		id := "U1USER" + string(rune('0'+i/10)) + string(rune('0'+i%10))
		srv.AddUser(slacktest.User{ID: id, Name: "user" + id[6:], RealName: "User " + id[6:],
			Email: "user" + id[6:] + "@example.com"})
		ids = append(ids, id)
	}
	return ids
}

func usersIDs(users []slack.User) []string {
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids
}

func TestUsersList(t *testing.T) {
	c, srv := newTestClient(t)
	page, err := c.Users.List(t.Context(), &slack.UsersListParams{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := usersIDs(page.Members); !slices.Equal(got, usersSeeded[:3]) {
		t.Errorf("first page %v, want %v", got, usersSeeded[:3])
	}
	if page.NextCursor == "" {
		t.Fatal("no NextCursor on a page that is not the last")
	}
	if page.CacheTS.IsZero() {
		t.Error("CacheTS is zero")
	}
	if page.Members[0].Name != "alice" || !page.Members[0].IsAdmin || page.Members[0].Profile.Email != "alice@example.com" {
		t.Errorf("first member %+v, want alice in full", page.Members[0])
	}
	usersForm(t, checkWire(t, srv, "users.list", slacktest.BotToken), url.Values{"limit": {"3"}})

	last, err := c.Users.List(t.Context(), &slack.UsersListParams{Limit: 3, Cursor: page.NextCursor})
	if err != nil {
		t.Fatal(err)
	}
	if got := usersIDs(last.Members); !slices.Equal(got, usersSeeded[3:]) {
		t.Errorf("second page %v, want %v", got, usersSeeded[3:])
	}
	if last.NextCursor != "" {
		t.Errorf("NextCursor %q on the last page", last.NextCursor)
	}
	usersForm(t, lastRequest(t, srv, "users.list"), url.Values{"limit": {"3"}, "cursor": {page.NextCursor}})
}

func TestUsersListOptions(t *testing.T) {
	c, srv := newTestClient(t)
	page, err := c.Users.List(t.Context(), &slack.UsersListParams{IncludeLocale: true, TeamID: slacktest.TeamID,
		Limit: maxUsersLimit})
	if err != nil {
		t.Fatal(err)
	}
	if got := usersIDs(page.Members); !slices.Equal(got, usersSeeded) {
		t.Errorf("members %v, want %v", got, usersSeeded)
	}
	for _, u := range page.Members {
		if u.Locale != "en-US" {
			t.Errorf("%s: Locale %q with IncludeLocale", u.ID, u.Locale)
		}
	}
	usersForm(t, lastRequest(t, srv, "users.list"), url.Values{"include_locale": {"true"},
		"team_id": {slacktest.TeamID}, "limit": {"1000"}})

	if _, err := c.Users.List(t.Context(), nil); err != nil {
		t.Fatal(err)
	}
	usersForm(t, lastRequest(t, srv, "users.list"), nil)
}

func TestUsersListInvalidCursor(t *testing.T) {
	c, srv := newTestClient(t)
	page, err := c.Users.List(t.Context(), &slack.UsersListParams{Cursor: "bm90LWEtY3Vyc29y"})
	assertCode(t, err, slack.ErrInvalidCursor)
	if page != nil {
		t.Errorf("List returned %+v with an error", page)
	}
	usersForm(t, lastRequest(t, srv, "users.list"), url.Values{"cursor": {"bm90LWEtY3Vyc29y"}})
}

func TestUsersListBadLimit(t *testing.T) {
	for _, limit := range []int{-1, maxUsersLimit + 1} {
		c, srv := newTestClient(t)
		page, err := c.Users.List(t.Context(), &slack.UsersListParams{Limit: limit})
		assertNothingSent(t, srv, err, "limit")
		if page != nil {
			t.Errorf("List(limit %d) returned %+v", limit, page)
		}

		var yields int
		for u, err := range c.Users.ListAll(t.Context(), &slack.UsersListParams{Limit: limit}) {
			yields++
			if !reflect.ValueOf(u).IsZero() {
				t.Errorf("ListAll(limit %d) yielded %s", limit, u.ID)
			}
			assertNothingSent(t, srv, err, "limit")
		}
		if yields != 1 {
			t.Errorf("ListAll(limit %d) yielded %d times, want once", limit, yields)
		}
	}
}

// usersListPages walks users.list page by page with the page call and returns every user ID and the
// cursor each page was fetched with.
func usersListPages(t *testing.T, c *slack.Client, limit int) (ids, cursors []string) {
	t.Helper()
	cursor := ""
	for range 100 {
		cursors = append(cursors, cursor)
		page, err := c.Users.List(t.Context(), &slack.UsersListParams{Limit: limit, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, usersIDs(page.Members)...)
		if page.NextCursor == "" {
			return ids, cursors
		}
		cursor = page.NextCursor
	}
	t.Fatal("users.list did not end after 100 pages")
	return nil, nil
}

func TestUsersListAllPages(t *testing.T) {
	c, srv := newTestClient(t)
	want := append(slices.Clone(usersSeeded), usersAdd(srv, 5)...)
	ids, cursors := usersListPages(t, c, 2)
	if !slices.Equal(ids, want) || len(cursors) != 5 {
		t.Fatalf("page by page: %v over %d pages, want %v over 5", ids, len(cursors), want)
	}
	srv.ResetRequests()

	var got []string
	for _, y := range collect(t, c.Users.ListAll(t.Context(), &slack.UsersListParams{Limit: 2}), 100) {
		if y.err != nil {
			t.Fatal(y.err)
		}
		got = append(got, y.v.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("ListAll yielded %v, want %v", got, want)
	}
	reqs := srv.Requests("users.list")
	if len(reqs) != len(cursors) {
		t.Fatalf("ListAll sent %d users.list requests for %d pages", len(reqs), len(cursors))
	}
	for i, r := range reqs {
		want := url.Values{"limit": {"2"}}
		if cursors[i] != "" {
			want.Set("cursor", cursors[i])
		}
		usersForm(t, r, want)
	}
	checkWire(t, srv, "users.list", slacktest.BotToken)
}

func TestUsersListAllBreak(t *testing.T) {
	checkBreak(t, "users.list", func() (iter.Seq2[slack.User, error], *slacktest.Server) {
		c, srv := newTestClient(t)
		return c.Users.ListAll(t.Context(), &slack.UsersListParams{Limit: 2}), srv
	})
}

func TestUsersListAllLazy(t *testing.T) {
	c, srv := newTestClient(t)
	seq := c.Users.ListAll(t.Context(), nil)
	if n := srv.Count(); n != 0 {
		t.Fatalf("ListAll sent %d requests before the loop started", n)
	}
	ys := collect(t, seq, 100)
	if len(ys) != len(usersSeeded) || srv.Count("users.list") != 1 {
		t.Errorf("ranging yielded %d users over %d requests, want %d over 1", len(ys), srv.Count("users.list"),
			len(usersSeeded))
	}
}

func TestUsersListAllDefaultLimit(t *testing.T) {
	for _, params := range []*slack.UsersListParams{nil, {}, {IncludeLocale: true}} {
		c, srv := newTestClient(t)
		collect(t, c.Users.ListAll(t.Context(), params), 100)
		if got := lastRequest(t, srv, "users.list").Form.Get("limit"); got != "200" {
			t.Errorf("params %+v: limit=%q, want 200", params, got)
		}
	}
}

func TestUsersListAllKeepsParams(t *testing.T) {
	c, srv := newTestClient(t)
	usersAdd(srv, 3)
	params := &slack.UsersListParams{IncludeLocale: true}
	before := *params
	ys := collect(t, c.Users.ListAll(t.Context(), params), 100)
	if *params != before {
		t.Errorf("ListAll changed the params to %+v, from %+v", *params, before)
	}
	if len(ys) != 7 {
		t.Errorf("ListAll yielded %d users, want 7", len(ys))
	}
	for _, y := range ys {
		if y.v.Locale != "en-US" {
			t.Errorf("%s: Locale %q; ListAll dropped IncludeLocale", y.v.ID, y.v.Locale)
		}
	}

	params = &slack.UsersListParams{Limit: 2}
	before = *params
	collect(t, c.Users.ListAll(t.Context(), params), 100)
	if *params != before {
		t.Errorf("ListAll changed the params to %+v, from %+v", *params, before)
	}
}

func TestUsersListAllResume(t *testing.T) {
	c, srv := newTestClient(t)
	all := append(slices.Clone(usersSeeded), usersAdd(srv, 3)...)
	first, err := c.Users.List(t.Context(), &slack.UsersListParams{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()

	var got []string
	for _, y := range collect(t, c.Users.ListAll(t.Context(),
		&slack.UsersListParams{Limit: 3, Cursor: first.NextCursor}), 100) {
		if y.err != nil {
			t.Fatal(y.err)
		}
		got = append(got, y.v.ID)
	}
	if !slices.Equal(got, all[3:]) {
		t.Errorf("ListAll from the cursor yielded %v, want %v", got, all[3:])
	}
	reqs := srv.Requests("users.list")
	if len(reqs) == 0 || reqs[0].Form.Get("cursor") != first.NextCursor {
		t.Fatalf("the first request did not carry the cursor %q", first.NextCursor)
	}
	if len(reqs) != 2 {
		t.Errorf("%d requests for the 4 remaining users in pages of 3, want 2", len(reqs))
	}
}

func TestUsersListAllErrorMidway(t *testing.T) {
	c, srv := newTestClient(t)
	var ys []yielded[slack.User]
	for u, err := range c.Users.ListAll(t.Context(), &slack.UsersListParams{Limit: 2}) {
		if len(ys) == 0 {
			// The first page is in; the second will fail.
			srv.Inject("users.list", slacktest.Fault{Body: `{"ok":false,"error":"invalid_cursor"}`})
		}
		ys = append(ys, yielded[slack.User]{u, err})
		if len(ys) > 10 {
			t.Fatal("the iterator did not stop")
		}
	}
	if len(ys) != 3 {
		t.Fatalf("yielded %d values, want 2 users and an error", len(ys))
	}
	for i, y := range ys[:2] {
		if y.err != nil || y.v.ID != usersSeeded[i] {
			t.Errorf("yield %d = (%s, %v), want (%s, nil)", i, y.v.ID, y.err, usersSeeded[i])
		}
	}
	assertCode(t, ys[2].err, slack.ErrInvalidCursor)
	if !reflect.ValueOf(ys[2].v).IsZero() {
		t.Errorf("the error came with the user %+v, want the zero User", ys[2].v)
	}
	if n := srv.Count("users.list"); n != 2 {
		t.Errorf("%d users.list requests, want 2", n)
	}
}

func TestUsersListAllFirstPageError(t *testing.T) {
	srv := slacktest.New()
	c := newClientFor(t, srv, "xoxb-unknown")
	ys := collect(t, c.Users.ListAll(t.Context(), nil), 10)
	if len(ys) != 1 {
		t.Fatalf("yielded %d values, want one error", len(ys))
	}
	assertCode(t, ys[0].err, slack.ErrInvalidAuth)
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func usersPage(id, next string) string {
	return `{"ok":true,"members":[{"id":"` + id + `"}],"cache_ts":1700000000,"response_metadata":{"next_cursor":"` +
		next + `"}}`
}

func TestUsersListAllRepeatedCursor(t *testing.T) {
	tests := []struct {
		name        string
		start       string
		bodies      []string
		wantCursors []string
		wantIDs     []string
	}{
		{"same cursor every page", "", []string{usersPage("U1", "A")}, []string{"", "A"}, []string{"U1", "U1"}},
		{"cycle", "", []string{usersPage("U1", "A"), usersPage("U2", "B"), usersPage("U3", "A")},
			[]string{"", "A", "B"}, []string{"U1", "U2", "U3"}},
		{"back to the start", "S", []string{usersPage("U1", "S")}, []string{"S"}, []string{"U1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scriptTransport{bodies: tt.bodies}
			var got []string
			for _, y := range collect(t, s.client(t).Users.ListAll(t.Context(),
				&slack.UsersListParams{Cursor: tt.start}), 50) {
				if y.err != nil {
					t.Fatal(y.err)
				}
				got = append(got, y.v.ID)
			}
			if !slices.Equal(got, tt.wantIDs) {
				t.Errorf("yielded %v, want %v", got, tt.wantIDs)
			}
			var cursors []string
			for _, form := range s.forms {
				cursors = append(cursors, form.Get("cursor"))
			}
			if !slices.Equal(cursors, tt.wantCursors) {
				t.Errorf("requests with cursors %q, want %q", cursors, tt.wantCursors)
			}
		})
	}
}

// --- users.conversations

// usersChannels adds public channels C1CHAN01, … with the bot as a member, a channel the bot is not in,
// and an archived one, and returns the IDs of the bot's conversations in the order users.conversations
// gives them.
func usersChannels(srv *slacktest.Server, n int) []string {
	ids := []string{slacktest.GeneralID, slacktest.RandomID}
	for i := range n {
		id := "C1CHAN0" + string(rune('1'+i))
		srv.AddChannel(slacktest.Channel{ID: id, Name: "chan" + id[6:], Creator: slacktest.AliceID,
			Members: []string{slacktest.AliceID, slacktest.BotUserID}})
		ids = append(ids, id)
	}
	srv.AddChannel(slacktest.Channel{ID: "C1ELSEWHERE", Name: "elsewhere", Creator: slacktest.BobID,
		Members: []string{slacktest.BobID}})
	return append(ids, slacktest.SecretID)
}

func usersConvIDs(chs []slack.Conversation) []string {
	ids := make([]string, len(chs))
	for i, ch := range chs {
		ids[i] = ch.ID
	}
	return ids
}

var usersBothTypes = []string{slack.ConversationTypePublic, slack.ConversationTypePrivate}

func TestUsersConversations(t *testing.T) {
	c, srv := newTestClient(t)
	page, err := c.Users.Conversations(t.Context(), &slack.UsersConversationsParams{Types: usersBothTypes})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{slacktest.GeneralID, slacktest.RandomID, slacktest.SecretID}
	if got := usersConvIDs(page.Channels); !slices.Equal(got, want) {
		t.Fatalf("Conversations = %v, want %v", got, want)
	}
	if page.NextCursor != "" {
		t.Errorf("NextCursor %q on the only page", page.NextCursor)
	}
	general, secret := page.Channels[0], page.Channels[2]
	if general.Name != "general" || !general.IsChannel || !general.IsGeneral || !general.IsMember ||
		general.Purpose.Value != "Company-wide announcements" || general.Created.Unix() != 1700000000 {
		t.Errorf("general = %+v", general)
	}
	if !secret.IsPrivate || !secret.IsGroup || secret.IsChannel {
		t.Errorf("secret: IsPrivate %v, IsGroup %v, IsChannel %v", secret.IsPrivate, secret.IsGroup, secret.IsChannel)
	}
	r := checkWire(t, srv, "users.conversations", slacktest.BotToken)
	usersForm(t, r, url.Values{"types": {"public_channel,private_channel"}})
}

func TestUsersConversationsOptions(t *testing.T) {
	c, srv := newUserClient(t)
	srv.AddChannel(slacktest.Channel{ID: "C1OLD", Name: "old", IsArchived: true, Creator: slacktest.BobID,
		Members: []string{slacktest.BobID}})
	page, err := c.Users.Conversations(t.Context(), &slack.UsersConversationsParams{User: slacktest.BobID,
		ExcludeArchived: true, Limit: 10, TeamID: slacktest.TeamID})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := usersConvIDs(page.Channels), []string{slacktest.GeneralID, slacktest.RandomID}; !slices.Equal(got, want) {
		t.Errorf("bob's unarchived public channels %v, want %v", got, want)
	}
	usersForm(t, lastRequest(t, srv, "users.conversations"), url.Values{"user": {slacktest.BobID},
		"exclude_archived": {"true"}, "limit": {"10"}, "team_id": {slacktest.TeamID}})

	page, err = c.Users.Conversations(t.Context(), &slack.UsersConversationsParams{User: slacktest.BobID})
	if err != nil {
		t.Fatal(err)
	}
	if got := usersConvIDs(page.Channels); !slices.Contains(got, "C1OLD") {
		t.Errorf("archived channel missing without ExcludeArchived: %v", got)
	}
	usersForm(t, lastRequest(t, srv, "users.conversations"), url.Values{"user": {slacktest.BobID}})
}

func TestUsersConversationsErrors(t *testing.T) {
	tests := []struct {
		name   string
		params *slack.UsersConversationsParams
		code   slack.ErrorCode
		form   url.Values
	}{
		{"invalid types", &slack.UsersConversationsParams{Types: []string{"public_channel", "bogus"}},
			slack.ErrInvalidTypes, url.Values{"types": {"public_channel,bogus"}}},
		{"unknown user", &slack.UsersConversationsParams{User: "U0NOBODY"}, slack.ErrUserNotFound,
			url.Values{"user": {"U0NOBODY"}}},
		{"invalid cursor", &slack.UsersConversationsParams{Cursor: "dXNlcjpVMEFMSUNF"}, slack.ErrInvalidCursor,
			url.Values{"cursor": {"dXNlcjpVMEFMSUNF"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := newTestClient(t)
			page, err := c.Users.Conversations(t.Context(), tt.params)
			assertCode(t, err, tt.code)
			if page != nil {
				t.Errorf("Conversations returned %+v with an error", page)
			}
			usersForm(t, lastRequest(t, srv, "users.conversations"), tt.form)
		})
	}
}

func TestUsersConversationsBadLimit(t *testing.T) {
	for _, limit := range []int{-1, maxUsersLimit + 1} {
		c, srv := newTestClient(t)
		_, err := c.Users.Conversations(t.Context(), &slack.UsersConversationsParams{Limit: limit})
		assertNothingSent(t, srv, err, "limit")
		ys := collect(t, c.Users.ConversationsAll(t.Context(), &slack.UsersConversationsParams{Limit: limit}), 10)
		if len(ys) != 1 {
			t.Fatalf("ConversationsAll(limit %d) yielded %d values, want one error", limit, len(ys))
		}
		assertNothingSent(t, srv, ys[0].err, "limit")
	}
}

func TestUsersConversationsLooseFixture(t *testing.T) {
	c := replayClient(t, http.StatusOK, usersFixture(t, "users.conversations.loose.json"))
	page, err := c.Users.Conversations(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Channels) != 2 {
		t.Fatalf("%d channels, want 2", len(page.Channels))
	}
	ch, im := page.Channels[0], page.Channels[1]
	if ch.ID != "C012AB3CD" || ch.Created.Unix() != 1449252889 || !ch.IsMember || ch.NumMembers != 23 {
		t.Errorf("channel: ID %s, Created %d, IsMember %v, NumMembers %d", ch.ID, ch.Created.Unix(), ch.IsMember,
			ch.NumMembers)
	}
	if ch.LastRead != "1503435956.000247" {
		t.Errorf("LastRead %q from a number, want exactly 1503435956.000247", ch.LastRead)
	}
	if ch.Topic.LastSet.Unix() != 1449709364 {
		t.Errorf("Topic.LastSet %d, want 1449709364", ch.Topic.LastSet.Unix())
	}
	if !im.IsIM || im.User != "U061F7AUR" || im.IsUserDeleted || im.LastRead != "1503435939.000101" {
		t.Errorf("im = %+v", im)
	}
	if page.NextCursor != "dGVhbTpDMDYxRkE1UEI=" {
		t.Errorf("NextCursor %q", page.NextCursor)
	}
}

func TestUsersConversationsAllPages(t *testing.T) {
	c, srv := newTestClient(t)
	want := usersChannels(srv, 4)
	params := &slack.UsersConversationsParams{Types: usersBothTypes, Limit: 2}

	var cursors []string
	cursor := ""
	for range 20 {
		cursors = append(cursors, cursor)
		page, err := c.Users.Conversations(t.Context(), &slack.UsersConversationsParams{Types: usersBothTypes,
			Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(cursors) != 4 {
		t.Fatalf("%d pages of 2 for %d conversations, want 4", len(cursors), len(want))
	}
	srv.ResetRequests()

	var got []string
	for _, y := range collect(t, c.Users.ConversationsAll(t.Context(), params), 100) {
		if y.err != nil {
			t.Fatal(y.err)
		}
		got = append(got, y.v.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("ConversationsAll yielded %v, want %v", got, want)
	}
	reqs := srv.Requests("users.conversations")
	if len(reqs) != len(cursors) {
		t.Fatalf("%d requests for %d pages", len(reqs), len(cursors))
	}
	for i, r := range reqs {
		want := url.Values{"types": {"public_channel,private_channel"}, "limit": {"2"}}
		if cursors[i] != "" {
			want.Set("cursor", cursors[i])
		}
		usersForm(t, r, want)
	}
	if !slices.Equal(params.Types, usersBothTypes) || params.Limit != 2 || params.Cursor != "" {
		t.Errorf("ConversationsAll changed the params to %+v", params)
	}
}

func TestUsersConversationsAllBreakAndLazy(t *testing.T) {
	c, srv := newTestClient(t)
	usersChannels(srv, 4)
	seq := c.Users.ConversationsAll(t.Context(), &slack.UsersConversationsParams{Limit: 2})
	if n := srv.Count(); n != 0 {
		t.Fatalf("ConversationsAll sent %d requests before the loop started", n)
	}
	for ch, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		if ch.ID != slacktest.GeneralID {
			t.Errorf("first conversation %s, want %s", ch.ID, slacktest.GeneralID)
		}
		break
	}
	if n := srv.Count("users.conversations"); n != 1 {
		t.Errorf("break after the first conversation: %d requests, want 1", n)
	}
}

func TestUsersConversationsAllDefaultLimit(t *testing.T) {
	c, srv := newTestClient(t)
	params := &slack.UsersConversationsParams{Types: []string{slack.ConversationTypePrivate}}
	ys := collect(t, c.Users.ConversationsAll(t.Context(), params), 100)
	if len(ys) != 1 || ys[0].err != nil || ys[0].v.ID != slacktest.SecretID {
		t.Errorf("ConversationsAll(private) yielded %+v, want only %s", ys, slacktest.SecretID)
	}
	usersForm(t, lastRequest(t, srv, "users.conversations"), url.Values{"types": {"private_channel"},
		"limit": {"200"}})
	if params.Limit != 0 {
		t.Errorf("ConversationsAll set the caller's Limit to %d", params.Limit)
	}
}

func TestUsersConversationsAllErrorMidway(t *testing.T) {
	c, srv := newTestClient(t)
	usersChannels(srv, 4)
	var ys []yielded[slack.Conversation]
	for ch, err := range c.Users.ConversationsAll(t.Context(), &slack.UsersConversationsParams{Limit: 3}) {
		if len(ys) == 0 {
			srv.Inject("users.conversations", slacktest.Fault{Body: `{"ok":false,"error":"invalid_cursor"}`})
		}
		ys = append(ys, yielded[slack.Conversation]{ch, err})
		if len(ys) > 20 {
			t.Fatal("the iterator did not stop")
		}
	}
	if len(ys) != 4 {
		t.Fatalf("yielded %d values, want 3 conversations and an error", len(ys))
	}
	for i, y := range ys[:3] {
		if y.err != nil || y.v.ID == "" {
			t.Errorf("yield %d = (%q, %v), want a conversation", i, y.v.ID, y.err)
		}
	}
	assertCode(t, ys[3].err, slack.ErrInvalidCursor)
	if !reflect.ValueOf(ys[3].v).IsZero() {
		t.Errorf("the error came with %+v, want the zero Conversation", ys[3].v)
	}
	if n := srv.Count("users.conversations"); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestUsersConversationsAllInvalidTypes(t *testing.T) {
	c, srv := newTestClient(t)
	ys := collect(t, c.Users.ConversationsAll(t.Context(),
		&slack.UsersConversationsParams{Types: []string{"channels"}}), 10)
	if len(ys) != 1 {
		t.Fatalf("yielded %d values, want one error", len(ys))
	}
	assertCode(t, ys[0].err, slack.ErrInvalidTypes)
	if n := srv.Count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestUsersConversationsAllResume(t *testing.T) {
	c, srv := newTestClient(t)
	want := usersChannels(srv, 4)
	first, err := c.Users.Conversations(t.Context(), &slack.UsersConversationsParams{Types: usersBothTypes, Limit: 4})
	if err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	var got []string
	for _, y := range collect(t, c.Users.ConversationsAll(t.Context(),
		&slack.UsersConversationsParams{Types: usersBothTypes, Cursor: first.NextCursor}), 100) {
		if y.err != nil {
			t.Fatal(y.err)
		}
		got = append(got, y.v.ID)
	}
	if !slices.Equal(got, want[4:]) {
		t.Errorf("resumed at the cursor: %v, want %v", got, want[4:])
	}
	if r := lastRequest(t, srv, "users.conversations"); r.Form.Get("cursor") != first.NextCursor {
		t.Errorf("cursor %q, want %q", r.Form.Get("cursor"), first.NextCursor)
	}
}

// --- Concurrency: one client, many goroutines.

func TestUsersConcurrentCalls(t *testing.T) {
	c, srv := newUserClient(t)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			var err error
			switch i % 3 {
			case 0:
				_, err = c.Users.Info(t.Context(), slacktest.BobID, nil)
			case 1:
				_, err = c.Users.GetProfile(t.Context(), nil)
			default:
				for _, e := range c.Users.ListAll(t.Context(), &slack.UsersListParams{Limit: 1}) {
					if e != nil {
						err = e
					}
				}
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	// 7 users.info, 7 users.profile.get, and 6 listings of one page per user.
	if want := 7 + 7 + 6*len(usersSeeded); srv.Count() != want {
		t.Errorf("%d requests, want %d", srv.Count(), want)
	}
}
