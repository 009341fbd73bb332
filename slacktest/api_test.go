package slacktest_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exported is one exported name of the package: "New", "Server.Close", "Fault.Times".
type exported struct {
	name     string
	doc      bool // has a doc comment (or a line comment, for a field or a constant)
	pos      token.Position
	takesRW  bool // a function or method with an http.ResponseWriter parameter
	isMethod bool
}

// surface parses the package's non-test source and lists its exported names.
func surface(t *testing.T) []exported {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []exported
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				e := exported{name: d.Name.Name, doc: d.Doc != nil, pos: fset.Position(d.Pos())}
				if d.Recv != nil {
					recv := d.Recv.List[0].Type
					if star, ok := recv.(*ast.StarExpr); ok {
						recv = star.X
					}
					id, _ := recv.(*ast.Ident)
					if id == nil || !id.IsExported() {
						continue
					}
					e.name, e.isMethod = id.Name+"."+e.name, true
				}
				for _, p := range d.Type.Params.List {
					if sel, ok := p.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "ResponseWriter" {
						e.takesRW = true
					}
				}
				out = append(out, e)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						hasDoc := s.Doc != nil || len(d.Specs) == 1 && d.Doc != nil
						out = append(out, exported{name: s.Name.Name, doc: hasDoc, pos: fset.Position(s.Pos())})
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, field := range st.Fields.List {
								for _, n := range field.Names {
									if n.IsExported() {
										out = append(out, exported{name: s.Name.Name + "." + n.Name,
											doc: field.Doc != nil || field.Comment != nil, pos: fset.Position(n.Pos())})
									}
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								hasDoc := s.Doc != nil || s.Comment != nil || len(d.Specs) == 1 && d.Doc != nil
								out = append(out, exported{name: n.Name, doc: hasDoc, pos: fset.Position(n.Pos())})
							}
						}
					}
				}
			}
		}
	}
	return out
}

// TestEveryExportedNameIsDocumented fails on an exported function, method, type, field, constant or
// variable without a doc comment.
func TestEveryExportedNameIsDocumented(t *testing.T) {
	names := surface(t)
	if len(names) < 50 {
		t.Fatalf("found %d exported names; the parse missed the package", len(names))
	}
	for _, e := range names {
		if !e.doc {
			t.Errorf("%s: %s has no doc comment", e.pos, e.name)
		}
	}
}

// wantSurface is the package's exported API, minus struct fields. A change to it is a change to a
// public package: update this list on purpose.
var wantSurface = []string{
	"AliceID", "AppID", "BobID", "Bot", "BotID", "BotToken", "BotUserID", "CarolID", "Channel", "Channel.IsOpenFor",
	"Comment", "Dropped", "Edit", "Empty", "Ephemeral", "ErrClosed", "ErrConnectionReset", "Fault", "File",
	"FileID", "GeneralID", "HTMLError", "HTTPStatus", "InMemoryURL", "Listen", "Message", "New", "NewServer",
	"NewT", "Open", "Option", "RandomID", "RateLimited", "Request", "Request.GoString", "Request.LogValue",
	"Request.String", "SecretID", "Seed", "Server", "Server.AddBot", "Server.AddChannel", "Server.AddFile",
	"Server.AddMessage", "Server.AddToken", "Server.AddUser", "Server.AssertCalled", "Server.AssertNotPosted",
	"Server.AssertPosted", "Server.AssertReplied", "Server.Channel", "Server.ClearFaults", "Server.Close",
	"Server.Count", "Server.EnforceTiers", "Server.Ephemerals", "Server.File", "Server.HTTPClient",
	"Server.Handle", "Server.IM", "Server.Inject", "Server.InjectWhen", "Server.LastRequest", "Server.Load",
	"Server.LoadJSON", "Server.Members", "Server.Messages", "Server.OnRequest", "Server.Requests",
	"Server.ResetRequests", "Server.Respond", "Server.RevokeToken", "Server.RoundTrip", "Server.Sent429s",
	"Server.ServeHTTP", "Server.SetRateLimit", "Server.SetToken", "Server.Snapshot", "Server.Start",
	"Server.StopRateLimits", "Server.Thread", "Server.URL", "Server.Unfurls", "Server.User", "Slow", "TeamDomain",
	"TeamID", "TeamName", "Token", "Token.Kind", "Truncated", "Unfurl", "User", "UserToken", "Warn",
	"WithClock", "WithFaults", "WithPageSize", "WithRateLimit", "WithSeed", "WithSeedFile", "WithTiers",
	"WithToken",
	"ClientID", "ClientSecret", "DND", "MaxReminderAhead", "MaxSnooze", "OAuthCodeTTL", "OAuthGrant", "Reminder",
	"RotatingTokenTTL", "Server.DND", "Server.OAuthCode", "Server.Reminders", "Server.SetDND", "Server.SetTokenRotation",
	"Bookmark", "Pin", "Reaction", "ScheduledMessage", "Server.Bookmarks", "Server.ScheduledMessages",
	"Server.AddEmoji", "Server.AddUsergroup", "Server.HomeView", "Server.TriggerID", "Server.Usergroup", "Server.View",
	"TriggerTTL", "Usergroup", "View",
	"FileShare", "UploadMethod",
	"Server.EnforceNonMarketplaceLimits", "Server.SetWindowLimit", "WithNonMarketplaceLimits", "WithWindowLimit",
}

// TestSurfaceShowsNoHandlerInternals: the exported API is the deliberate list above, and the only
// exported function that handles a raw HTTP exchange is Server.ServeHTTP, the http.Handler method. The
// per-method handlers, the answer type and the workspace stay unexported.
func TestSurfaceShowsNoHandlerInternals(t *testing.T) {
	var got []string
	for _, e := range surface(t) {
		if !strings.Contains(e.name, ".") || e.isMethod {
			got = append(got, e.name)
		}
		if e.takesRW && e.name != "Server.ServeHTTP" {
			t.Errorf("%s: %s takes an http.ResponseWriter: a handler internal is exported", e.pos, e.name)
		}
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(wantSurface))
	for _, name := range got {
		if _, found := slices.BinarySearch(want, name); !found {
			t.Errorf("exported but not in the deliberate API list: %s", name)
		}
	}
	for _, name := range want {
		if _, found := slices.BinarySearch(got, name); !found {
			t.Errorf("in the API list but not exported: %s", name)
		}
	}
}
