package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/goslack/slack"
	"github.com/goslack/slack/slacktest"
)

// The sweep below finds the SDK's methods by reflection over the client's services and reads their
// parameter names from the source, so a method added later is held to the same rules without anyone
// listing it: bad input gets an *Error with ErrInvalidArguments naming the argument, nothing is sent, and
// nothing panics.

// Sizes of the surface the sweep must see (DESIGN.md, "Every method"): if it sees fewer, a method escaped
// it. A family's test file may add its own in init.
var (
	badInputMethods   = 84
	badInputIterators = 13
	// badInputPagedOnly counts the page calls with a page size but no iterator: Files.Info (a file's
	// legacy comments).
	badInputPagedOnly = 1
	// badInputFlows counts the methods that run several Slack methods: Files.Upload.
	badInputFlows = 1
)

// sdkMethod is one exported method of one of the client's services.
type sdkMethod struct {
	// Name is the service field and the method: "Chat.PostMessage".
	Name    string
	service string
	method  string
	// Slack is the Slack method it calls, read from its "Slack API:" doc line: "chat.postMessage".
	Slack string
	// Params are the parameter names in the source, ctx first.
	Params []string
	// Type is the method's type, without the receiver.
	Type reflect.Type
}

// Iterator reports whether the method returns an iter.Seq2.
func (m sdkMethod) Iterator() bool { return m.Type.NumOut() == 1 && m.Type.Out(0).PkgPath() == "iter" }

// paramsIndex returns the index of the method's params argument, or -1 if it has none.
func (m sdkMethod) paramsIndex() int {
	for i := range m.Type.NumIn() {
		if isParamsArg(m.Type.In(i)) {
			return i
		}
	}
	return -1
}

// positional returns the indexes of the method's positional arguments: all but ctx and params.
func (m sdkMethod) positional() []int {
	var out []int
	for i := 1; i < m.Type.NumIn(); i++ {
		if !isParamsArg(m.Type.In(i)) {
			out = append(out, i)
		}
	}
	return out
}

// value returns the method bound to c's service.
func (m sdkMethod) value(c *slack.Client) reflect.Value {
	return reflect.ValueOf(c).Elem().FieldByName(m.service).MethodByName(m.method)
}

var (
	ctxType      = reflect.TypeFor[context.Context]()
	readerType   = reflect.TypeFor[io.Reader]()
	presenceType = reflect.TypeFor[slack.Presence]()
	stringsType  = reflect.TypeFor[[]string]()

	fileSummariesType = reflect.TypeFor[[]slack.FileSummary]()
	timeType          = reflect.TypeFor[time.Time]()
)

// isParamsArg reports whether t is a params argument: a pointer to a struct named …Params.
func isParamsArg(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && strings.HasSuffix(t.Elem().Name(), "Params")
}

// sdkSource is what the sweep reads from the package's source.
type sdkSource struct {
	files    map[string]*ast.File     // by file name, with comments
	funcs    map[string]*ast.FuncDecl // by receiver type and name: "ChatService.PostMessage"
	maxLimit int                      // the largest page size the SDK lets through
}

var slackDocLink = regexp.MustCompile(`Slack API: https://api\.slack\.com/methods/([A-Za-z0-9_.]+)`)

// loadSource parses the package's non-test files once.
var loadSource = sync.OnceValues(func() (*sdkSource, error) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		return nil, err
	}
	src := &sdkSource{files: map[string]*ast.File{}, funcs: map[string]*ast.FuncDecl{}, maxLimit: -1}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		src.files[name] = f
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil || len(d.Recv.List) != 1 {
					continue
				}
				if star, ok := d.Recv.List[0].Type.(*ast.StarExpr); ok {
					if id, ok := star.X.(*ast.Ident); ok {
						src.funcs[id.Name+"."+d.Name.Name] = d
					}
				}
			case *ast.GenDecl:
				if d.Tok != token.CONST {
					continue
				}
				for _, spec := range d.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, n := range vs.Names {
						if n.Name != "maxLimit" || i >= len(vs.Values) {
							continue
						}
						lit, ok := vs.Values[i].(*ast.BasicLit)
						if !ok || lit.Kind != token.INT {
							return nil, fmt.Errorf("%s: maxLimit is not an integer literal", name)
						}
						if src.maxLimit, err = strconv.Atoi(lit.Value); err != nil {
							return nil, err
						}
					}
				}
			}
		}
	}
	if src.maxLimit < 0 {
		return nil, errors.New("no maxLimit constant in the package's source")
	}
	return src, nil
})

// sdkMethods returns every exported method of every service of the client, sorted by name.
func sdkMethods(t *testing.T) []sdkMethod {
	t.Helper()
	src, err := loadSource()
	if err != nil {
		t.Fatal(err)
	}
	var out []sdkMethod
	ct := reflect.TypeFor[slack.Client]()
	for i := range ct.NumField() {
		f := ct.Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || f.Type.Elem().Kind() != reflect.Struct {
			continue
		}
		for j := range f.Type.NumMethod() {
			rm := f.Type.Method(j)
			m := sdkMethod{Name: f.Name + "." + rm.Name, service: f.Name, method: rm.Name}
			decl, ok := src.funcs[f.Type.Elem().Name()+"."+rm.Name]
			if !ok {
				t.Fatalf("%s: no declaration in the source", m.Name)
			}
			for _, field := range decl.Type.Params.List {
				for _, n := range field.Names {
					m.Params = append(m.Params, n.Name)
				}
			}
			// The bound method's type: rm.Type's first parameter is the receiver.
			in := make([]reflect.Type, rm.Type.NumIn()-1)
			for k := range in {
				in[k] = rm.Type.In(k + 1)
			}
			results := make([]reflect.Type, rm.Type.NumOut())
			for k := range results {
				results[k] = rm.Type.Out(k)
			}
			m.Type = reflect.FuncOf(in, results, rm.Type.IsVariadic())
			if m.Type.NumIn() != len(m.Params) {
				t.Fatalf("%s: %d parameters by reflection, %d named in the source", m.Name, m.Type.NumIn(), len(m.Params))
			}
			if m.Type.NumIn() == 0 || m.Type.In(0) != ctxType {
				t.Fatalf("%s: the first parameter is not a context.Context", m.Name)
			}
			if decl.Doc != nil {
				if sm := slackDocLink.FindStringSubmatch(decl.Doc.Text()); sm != nil {
					m.Slack = strings.TrimRight(sm[1], ".")
				}
			}
			if m.Slack == "" {
				t.Fatalf("%s: its doc comment has no \"Slack API: https://api.slack.com/methods/…\" line", m.Name)
			}
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b sdkMethod) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// argKey is how an argument's name is compared with the words of an error and the fields of a form:
// case-insensitive, underscores removed, so messageTS matches "message_ts".
func argKey(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "")) }

// badInputAliases are the arguments whose error names them otherwise than their parameter.
var badInputAliases = map[string]string{
	// The context parameter is ctx by Go convention; the refusal of a nil one says "the context is nil".
	"ctx": "context",
}

// namesArgument reports whether the messages of se hold arg as a word.
func namesArgument(se *slack.Error, arg string) bool {
	if a, ok := badInputAliases[arg]; ok {
		arg = a
	}
	words := strings.FieldsFunc(strings.Join(se.Messages, " "), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_'
	})
	return slices.ContainsFunc(words, func(w string) bool { return argKey(w) == argKey(arg) })
}

// badInputImage is the image the sweep hands Users.SetPhoto when the image is not under test.
var badInputImage = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

// badInputRequiredParams are the methods whose params argument carries something Slack requires (what to
// act on, or a message's content), with valid params for calls where they are not under test.
var badInputRequiredParams = map[string]func() any{
	"Chat.PostEphemeral": func() any { return &slack.ChatPostEphemeralParams{Text: "hello"} },
	"Chat.PostMessage":   func() any { return &slack.ChatPostMessageParams{Text: "hello"} },
	"Chat.Update":        func() any { return &slack.ChatUpdateParams{Text: "hello again"} },
	"Conversations.Open": func() any { return &slack.ConversationsOpenParams{Users: []string{slacktest.BobID}} },
	"Users.SetProfile":   func() any { return &slack.UsersSetProfileParams{Name: "title", Value: "Engineer"} },

	"Bookmarks.Add":        func() any { return &slack.BookmarksAddParams{Link: "https://example.com/bad-input"} },
	"Chat.ScheduleMessage": func() any { return &slack.ChatScheduleMessageParams{Text: "hello later"} },
}

// badInputType teaches the sweep an argument type of a family's own: valid gives a valid value for a call
// of m, empty the values refused as empty (naming the argument), hostile a value carrying the hostile
// string s for a call of m and the check of the form field the argument travels in. A family's test file adds its types
// to badInputTypes in init.
type badInputType struct {
	valid   func(m sdkMethod) reflect.Value
	empty   func() []badValue
	hostile func(m sdkMethod, s string) (v reflect.Value, check func(sent []string) error)
}

var badInputTypes = map[reflect.Type]badInputType{}

// badInputMaxPageSize are the methods whose page size stops below Slack's usual 1000, by method (a
// family's test file adds its own in init).
var badInputMaxPageSize = map[string]int{}

// placeholder is a valid value for a string argument: a seeded ID where the name says what it is.
func placeholder(name string) string {
	switch argKey(name) {
	case "channel":
		return slacktest.GeneralID
	case "user":
		return slacktest.BobID
	case "bot":
		return slacktest.BotID
	case "file":
		return slacktest.FileID
	case "ts", "threadts", "messagets", "timestamp":
		return "1700000000.000100"
	case "channelid":
		return slacktest.GeneralID
	case "bookmarktype":
		return string(slack.BookmarkTypeLink)
	case "email":
		return "bob@example.com"
	case "name":
		return "bad-input"
	}
	return "hello"
}

// validValue returns a valid value for argument i of m.
func validValue(t *testing.T, m sdkMethod, i int) reflect.Value {
	t.Helper()
	typ, name := m.Type.In(i), m.Params[i]
	switch {
	case typ == ctxType:
		return reflect.ValueOf(t.Context())
	case badInputTypes[typ].valid != nil:
		return badInputTypes[typ].valid(m)
	case typ == presenceType:
		return reflect.ValueOf(slack.PresenceAway)
	case typ == timeType:
		return reflect.ValueOf(time.Now().Add(time.Hour))
	case typ.Kind() == reflect.String:
		return reflect.ValueOf(placeholder(name)).Convert(typ)
	case typ == stringsType:
		return reflect.ValueOf([]string{slacktest.BobID, slacktest.CarolID})
	case typ.Kind() == reflect.Map && typ.Key().Kind() == reflect.String:
		v := reflect.MakeMap(typ)
		v.SetMapIndex(reflect.ValueOf("https://example.com/bad-input").Convert(typ.Key()), reflect.Zero(typ.Elem()))
		return v
	case typ == readerType:
		return reflect.ValueOf(bytes.NewReader(badInputImage))
	case typ.Kind() == reflect.Int64 && name == "size":
		return reflect.ValueOf(int64(-1)) // unknown: Files.Upload reads the reader, whatever its length
	case typ.Kind() == reflect.Int64:
		return reflect.ValueOf(int64(len(badInputImage)))
	case typ == fileSummariesType:
		return reflect.ValueOf([]slack.FileSummary{{ID: "F0BADINPUT", Title: "bad input"}})
	case isParamsArg(typ):
		if p, ok := badInputRequiredParams[m.Name]; ok {
			return reflect.ValueOf(p())
		}
		return reflect.Zero(typ)
	}
	t.Fatalf("%s: the sweep has no valid value for argument %s of type %s; teach it one", m.Name, name, typ)
	return reflect.Value{}
}

// validArgs returns valid arguments for m.
func validArgs(t *testing.T, m sdkMethod) []reflect.Value {
	t.Helper()
	args := make([]reflect.Value, m.Type.NumIn())
	for i := range args {
		args[i] = validValue(t, m, i)
	}
	return args
}

// badValue is one bad value of an argument, with the case's label.
type badValue struct {
	label string
	v     reflect.Value
}

// emptyValues returns the empty values of argument i of m: empty or blank strings, nil or empty lists and
// maps, lists with a blank entry, nil readers.
func emptyValues(t *testing.T, m sdkMethod, i int) []badValue {
	t.Helper()
	typ := m.Type.In(i)
	str := func(s string) reflect.Value { return reflect.ValueOf(s).Convert(typ) }
	switch {
	case badInputTypes[typ].empty != nil:
		return badInputTypes[typ].empty()
	case typ.Kind() == reflect.String:
		return []badValue{{"empty", str("")}, {"blank", str("   ")}, {"whitespace", str("\t\r\n ")}}
	case typ == timeType:
		return []badValue{{"zero", reflect.Zero(typ)}}
	case typ == stringsType:
		return []badValue{
			{"nil", reflect.Zero(typ)},
			{"empty", reflect.ValueOf([]string{})},
			{"empty entry in", reflect.ValueOf([]string{""})},
			{"blank entry in", reflect.ValueOf([]string{slacktest.BobID, " "})},
		}
	case typ.Kind() == reflect.Map:
		return []badValue{{"nil", reflect.Zero(typ)}, {"empty", reflect.MakeMap(typ)}}
	case typ.Kind() == reflect.Int64:
		// A byte count: 0 and negative numbers (but -1, an unknown size) are refused.
		return []badValue{{"zero", reflect.ValueOf(int64(0))}, {"negative", reflect.ValueOf(int64(-2))},
			{"most negative", reflect.ValueOf(int64(math.MinInt64))}}
	case typ == fileSummariesType:
		return []badValue{
			{"nil", reflect.Zero(typ)},
			{"empty", reflect.ValueOf([]slack.FileSummary{})},
			{"empty ID in", reflect.ValueOf([]slack.FileSummary{{Title: "t"}})},
			{"blank ID in", reflect.ValueOf([]slack.FileSummary{{ID: "F1"}, {ID: " "}})},
		}
	case typ == readerType:
		return []badValue{
			{"nil", reflect.Zero(typ)},
			{"nil *bytes.Reader", reflect.ValueOf((*bytes.Reader)(nil))},
			{"nil *bytes.Buffer", reflect.ValueOf((*bytes.Buffer)(nil))},
			{"nil *strings.Reader", reflect.ValueOf((*strings.Reader)(nil))},
			{"nil *os.File", reflect.ValueOf((*os.File)(nil))},
		}
	}
	t.Fatalf("%s: the sweep has no empty value for argument %s of type %s; teach it one", m.Name, m.Params[i], typ)
	return nil
}

// badOutcome is what one call did.
type badOutcome struct {
	err    error
	result reflect.Value // the first result, or the first value an iterator yielded; invalid if none
	yields int           // how many times an iterator yielded
	// sentBeforeLoop is how many requests an iterator sent before it was ranged.
	sentBeforeLoop int
	panicked       any
	stack          []byte
}

// callMethod calls m with args, ranging an iterator over at most maxYields values, and recovers a panic.
func callMethod(m sdkMethod, c *slack.Client, srv *slacktest.Server, args []reflect.Value, maxYields int) (out badOutcome) {
	defer func() {
		if r := recover(); r != nil {
			out.panicked, out.stack = r, debug.Stack()
		}
	}()
	res := m.value(c).Call(args)
	if !m.Iterator() {
		out.err, _ = res[len(res)-1].Interface().(error)
		if len(res) > 1 {
			out.result = res[0]
		}
		return out
	}
	out.sentBeforeLoop = srv.Count()
	seq := res[0]
	yield := reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
		out.yields++
		if out.yields == 1 {
			out.result = in[0]
			out.err, _ = in[1].Interface().(error)
		} else if err, _ := in[1].Interface().(error); err != nil && out.err == nil {
			out.err = err
		}
		return []reflect.Value{reflect.ValueOf(out.yields < maxYields)}
	})
	seq.Call([]reflect.Value{yield})
	return out
}

// checkNoPanic fails the test if the call panicked.
func checkNoPanic(t *testing.T, o badOutcome) {
	t.Helper()
	if o.panicked != nil {
		t.Fatalf("panicked: %v\n%s", o.panicked, o.stack)
	}
}

// refused reports whether the call was refused before sending: an *Error with ErrInvalidArguments and no
// HTTP status.
func refused(o badOutcome) bool {
	var se *slack.Error
	return errors.As(o.err, &se) && se.Code == slack.ErrInvalidArguments && se.StatusCode == 0
}

// checkYieldedOneError checks that an iterator sent nothing before its loop started and yielded once: the
// zero value with an error.
func checkYieldedOneError(t *testing.T, o badOutcome) {
	t.Helper()
	if o.sentBeforeLoop != 0 {
		t.Errorf("the iterator sent %d requests before the loop started", o.sentBeforeLoop)
	}
	if o.yields != 1 {
		t.Errorf("the iterator yielded %d times, want once (the error)", o.yields)
	}
	if o.result.IsValid() && !o.result.IsZero() {
		t.Errorf("yielded %v with the error", o.result)
	}
}

// checkRefused checks that m refused the call before sending anything, with an *Error naming arg, and (for
// an iterator) that it yielded that error once and sent nothing before the loop.
func checkRefused(t *testing.T, m sdkMethod, srv *slacktest.Server, o badOutcome, arg string) *slack.Error {
	t.Helper()
	checkNoPanic(t, o)
	if m.Iterator() {
		checkYieldedOneError(t, o)
	} else if o.result.IsValid() && !o.result.IsZero() {
		t.Errorf("returned %v with the error", o.result)
	}
	if n := srv.Count(); n != 0 {
		t.Errorf("the fake received %d requests, want none", n)
	}
	if o.err == nil {
		t.Fatalf("no error, want %s naming %s", slack.ErrInvalidArguments, arg)
	}
	if !errors.Is(o.err, slack.ErrInvalidArguments) {
		t.Fatalf("error %q is not %s", short(o.err.Error()), slack.ErrInvalidArguments)
	}
	var se *slack.Error
	if !errors.As(o.err, &se) {
		t.Fatalf("error %q (%T) is not a *slack.Error", short(o.err.Error()), o.err)
	}
	if se.Code != slack.ErrInvalidArguments {
		t.Errorf("Code %q, want %q", se.Code, slack.ErrInvalidArguments)
	}
	if se.StatusCode != 0 {
		t.Errorf("StatusCode %d, want 0 for a call refused before sending", se.StatusCode)
	}
	if se.Method != m.Slack {
		t.Errorf("Method %q, want %q", se.Method, m.Slack)
	}
	if !namesArgument(se, arg) {
		t.Errorf("error %q does not name the argument %s", short(se.Error()), arg)
	}
	return se
}

// sentField returns the values of the form field named like arg (compared by argKey, or by the alias in
// badInputAliases) in the first request for m, failing the test if nothing was sent or the field is missing.
func sentField(t *testing.T, m sdkMethod, srv *slacktest.Server, arg string) []string {
	t.Helper()
	if a, ok := badInputAliases[arg]; ok {
		arg = a
	}
	reqs := srv.Requests(m.Slack)
	if len(reqs) == 0 {
		t.Fatalf("the call was neither refused nor sent (the fake received %d requests)", srv.Count())
	}
	for k, v := range reqs[0].Form {
		if argKey(k) == argKey(arg) {
			return v
		}
	}
	t.Fatalf("the request has no field for %s: %v", arg, shortForm(reqs[0].Form))
	return nil
}

// short shortens s for a failure message.
func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

func shortForm(f url.Values) string { return short(f.Encode()) }

// newBadInputClient returns a client of a fresh fake, for the seeded bot or for alice.
func newBadInputClient(t *testing.T, token string) (*slack.Client, *slacktest.Server) {
	t.Helper()
	srv := slacktest.New()
	return newClientFor(t, srv, token), srv
}

func TestBadInputSweepSeesEveryMethod(t *testing.T) {
	methods := sdkMethods(t)
	iterators := 0
	bySlack := map[string][]string{}
	for _, m := range methods {
		if m.Iterator() {
			iterators++
		}
		bySlack[m.Slack] = append(bySlack[m.Slack], m.Name)
		if m.Type.NumOut() == 0 {
			t.Errorf("%s returns nothing", m.Name)
		} else if !m.Iterator() && m.Type.Out(m.Type.NumOut()-1) != reflect.TypeFor[error]() {
			t.Errorf("%s: the last result is %s, not error", m.Name, m.Type.Out(m.Type.NumOut()-1))
		}
	}
	if got, want := len(methods), badInputMethods+badInputIterators+badInputFlows; got != want {
		t.Errorf("the sweep sees %d methods, want %d (%d methods, %d iterators and %d flows)", got, want,
			badInputMethods, badInputIterators, badInputFlows)
	}
	if iterators != badInputIterators {
		t.Errorf("the sweep sees %d iterators, want %d", iterators, badInputIterators)
	}
	if len(bySlack) != badInputMethods {
		t.Errorf("the methods call %d Slack methods, want %d", len(bySlack), badInputMethods)
	}
	// fixtureCalls is the registry the context tests below take valid calls from: it must hold every
	// Slack method the services call, and nothing else.
	for s, names := range bySlack {
		if _, ok := fixtureCalls[s]; !ok {
			t.Errorf("%s (%s) has no call in the fixture registry", s, strings.Join(names, ", "))
		}
	}
	for s := range fixtureCalls {
		if _, ok := bySlack[s]; !ok {
			t.Errorf("the fixture registry calls %s, which no service method calls", s)
		}
	}
}

// badInputMayBeEmpty are the positional arguments that may be empty: Slack takes an empty topic or
// purpose as "clear it". Each must reach Slack as given.
var badInputMayBeEmpty = map[string]bool{
	"Conversations.SetTopic/topic":     true,
	"Conversations.SetPurpose/purpose": true,
	"Groups.SetTopic/topic":            true,
	"Groups.SetPurpose/purpose":        true,
}

func TestBadInputEmptyRequiredArguments(t *testing.T) {
	methods := sdkMethods(t)
	for k := range badInputMayBeEmpty {
		name, arg, _ := strings.Cut(k, "/")
		if !slices.ContainsFunc(methods, func(m sdkMethod) bool {
			return m.Name == name && slices.ContainsFunc(m.positional(), func(i int) bool { return m.Params[i] == arg })
		}) {
			t.Errorf("badInputMayBeEmpty names %s, which the sweep did not find", k)
		}
	}
	for _, m := range methods {
		for _, i := range m.positional() {
			name := m.Params[i]
			for _, bad := range emptyValues(t, m, i) {
				t.Run(m.Name+"/"+bad.label+" "+name, func(t *testing.T) {
					c, srv := newBadInputClient(t, slacktest.BotToken)
					args := validArgs(t, m)
					args[i] = bad.v
					o := callMethod(m, c, srv, args, 3)
					if !badInputMayBeEmpty[m.Name+"/"+name] {
						checkRefused(t, m, srv, o, name)
						return
					}
					checkNoPanic(t, o)
					if got := sentField(t, m, srv, name); !slices.Equal(got, []string{bad.v.String()}) {
						t.Errorf("%s sent as %q, want %q", name, got, bad.v.String())
					}
				})
			}
		}
	}
}

// badInputZero is what a method without a required positional argument does when given only zero
// values (nil params): it is refused naming an argument, or it sends form (for an iterator, the form of
// its first request) and succeeds, or Slack refuses it with answer (a write with nothing to act on, like
// ending a snooze when there is none).
type badInputZero struct {
	refused string
	form    url.Values
	answer  slack.ErrorCode
}

// badInputZeroCalls lists every method without a required positional argument. The page calls send no
// limit (Slack's own default applies); the iterators ask for DefaultPageSize.
var badInputZeroCalls = map[string]badInputZero{
	"Auth.Test":              {form: url.Values{}},
	"Conversations.List":     {form: url.Values{}},
	"Conversations.ListAll":  {form: url.Values{"limit": {strconv.Itoa(slack.DefaultPageSize)}}},
	"Conversations.Open":     {refused: "channel"},
	"Files.List":             {form: url.Values{}},
	"Files.ListAll":          {form: url.Values{"count": {"100"}, "page": {"1"}}},
	"Groups.List":            {form: url.Values{}},
	"Groups.ListAll":         {form: url.Values{"limit": {strconv.Itoa(slack.DefaultPageSize)}}},
	"IM.List":                {form: url.Values{}},
	"IM.ListAll":             {form: url.Values{"limit": {strconv.Itoa(slack.DefaultPageSize)}}},
	"Users.Conversations":    {form: url.Values{}},
	"Users.ConversationsAll": {form: url.Values{"limit": {strconv.Itoa(slack.DefaultPageSize)}}},
	"Users.DeletePhoto":      {form: url.Values{}},
	"Users.GetPresence":      {form: url.Values{}},
	"Users.GetProfile":       {form: url.Values{}},
	"Users.Identity":         {form: url.Values{}},
	"Users.List":             {form: url.Values{}},
	"Users.ListAll":          {form: url.Values{"limit": {strconv.Itoa(slack.DefaultPageSize)}}},
	"Users.SetActive":        {form: url.Values{}},
	"Users.SetProfile":       {refused: "profile"},

	"Chat.ListScheduledMessages":    {form: url.Values{}},
	"Chat.ListScheduledMessagesAll": {form: url.Values{"limit": {strconv.Itoa(slack.DefaultPageSize)}}},
	"Reactions.List":                {form: url.Values{}},
	"Reactions.ListAll":             {form: url.Values{"limit": {strconv.Itoa(slack.DefaultPageSize)}}},
}

func TestBadInputAllZero(t *testing.T) {
	methods := sdkMethods(t)
	for name := range badInputZeroCalls {
		if !slices.ContainsFunc(methods, func(m sdkMethod) bool { return m.Name == name && len(m.positional()) == 0 }) {
			t.Errorf("badInputZeroCalls lists %s, which is not a method without required positional arguments", name)
		}
	}
	for _, m := range methods {
		variants := []badValue{{"all zero", reflect.Value{}}}
		if pi := m.paramsIndex(); pi > 0 {
			variants = []badValue{{"all zero, nil params", reflect.Value{}},
				{"all zero, zero params", reflect.New(m.Type.In(pi).Elem())}}
		}
		for _, variant := range variants {
			t.Run(m.Name+"/"+variant.label, func(t *testing.T) {
				c, srv := newBadInputClient(t, slacktest.UserToken)
				args := make([]reflect.Value, m.Type.NumIn())
				args[0] = reflect.ValueOf(t.Context())
				for i := 1; i < len(args); i++ {
					args[i] = reflect.Zero(m.Type.In(i))
				}
				if variant.v.IsValid() {
					args[m.paramsIndex()] = variant.v
				}
				o := callMethod(m, c, srv, args, 1000)
				if pos := m.positional(); len(pos) > 0 {
					// A required positional argument is missing: the refusal names the first one checked.
					se := checkRefused(t, m, srv, o, m.Params[pos[0]])
					if t.Failed() {
						names := make([]string, len(pos))
						for k, i := range pos {
							names[k] = m.Params[i]
						}
						t.Logf("error %q; the positional arguments are %v", short(se.Error()), names)
					}
					return
				}
				want, ok := badInputZeroCalls[m.Name]
				if !ok {
					t.Fatalf("%s takes no required positional argument: list what it does with zero values in badInputZeroCalls", m.Name)
				}
				if want.refused != "" {
					checkRefused(t, m, srv, o, want.refused)
					return
				}
				checkNoPanic(t, o)
				if o.err != nil && (want.answer == "" || !errors.Is(o.err, want.answer)) {
					t.Fatalf("error %v, want the call to succeed with Slack's defaults", o.err)
				}
				if o.err == nil && want.answer != "" {
					t.Fatalf("no error, want Slack's answer %s", want.answer)
				}
				reqs := srv.Requests(m.Slack)
				if len(reqs) == 0 {
					t.Fatal("nothing was sent")
				}
				if got := reqs[0].Form; !reflect.DeepEqual(got, want.form) {
					t.Errorf("sent %v, want %v", got, want.form)
				}
				if m.Iterator() {
					if o.sentBeforeLoop != 0 {
						t.Errorf("the iterator sent %d requests before the loop started", o.sentBeforeLoop)
					}
				}
			})
		}
	}
}

// badInputBlankParams are required params structs that hold only blanks: refused as if empty.
var badInputBlankParams = map[string]struct {
	params   func() any
	argument string
}{
	"Chat.PostMessage/nil params":      {func() any { return (*slack.ChatPostMessageParams)(nil) }, "text"},
	"Chat.PostMessage/no content":      {func() any { return &slack.ChatPostMessageParams{ThreadTS: "1700000000.000100"} }, "text"},
	"Chat.PostMessage/blank text":      {func() any { return &slack.ChatPostMessageParams{Text: " \n "} }, "text"},
	"Chat.PostEphemeral/nil params":    {func() any { return (*slack.ChatPostEphemeralParams)(nil) }, "text"},
	"Chat.PostEphemeral/blank text":    {func() any { return &slack.ChatPostEphemeralParams{Text: "\t"} }, "text"},
	"Chat.Update/nil params":           {func() any { return (*slack.ChatUpdateParams)(nil) }, "text"},
	"Chat.Update/emptied lists":        {func() any { return &slack.ChatUpdateParams{Blocks: slack.Blocks{}} }, "text"},
	"Conversations.Open/blank channel": {func() any { return &slack.ConversationsOpenParams{Channel: "  "} }, "channel"},
	"Conversations.Open/empty users":   {func() any { return &slack.ConversationsOpenParams{Users: []string{}} }, "users"},
	"Users.SetProfile/blank name":      {func() any { return &slack.UsersSetProfileParams{Name: " \t", Value: "x"} }, "name"},
	"Users.SetProfile/value alone":     {func() any { return &slack.UsersSetProfileParams{Value: "Engineer"} }, "profile"},

	"Chat.ScheduleMessage/nil params": {func() any { return (*slack.ChatScheduleMessageParams)(nil) }, "text"},
	"Chat.ScheduleMessage/blank text": {func() any { return &slack.ChatScheduleMessageParams{Text: " "} }, "text"},
	"Bookmarks.Add/nil params":        {func() any { return (*slack.BookmarksAddParams)(nil) }, "link"},
	"Bookmarks.Add/blank link":        {func() any { return &slack.BookmarksAddParams{Link: " "} }, "link"},
}

func TestBadInputRequiredParamsBlank(t *testing.T) {
	methods := sdkMethods(t)
	for name, tt := range badInputBlankParams {
		t.Run(name, func(t *testing.T) {
			method, _, _ := strings.Cut(name, "/")
			i := slices.IndexFunc(methods, func(m sdkMethod) bool { return m.Name == method })
			if i < 0 {
				t.Fatalf("no method %s", method)
			}
			m := methods[i]
			if _, ok := badInputRequiredParams[m.Name]; !ok {
				t.Fatalf("%s is not in badInputRequiredParams", m.Name)
			}
			c, srv := newBadInputClient(t, slacktest.UserToken)
			args := validArgs(t, m)
			args[m.paramsIndex()] = reflect.ValueOf(tt.params())
			checkRefused(t, m, srv, callMethod(m, c, srv, args, 3), tt.argument)
		})
	}
}

// pageSizeField returns the page-size field of a params struct (Limit, or Count for the retired
// timestamp-paged methods), if it has one.
func pageSizeField(params reflect.Type) (reflect.StructField, bool) {
	for _, name := range []string{"Limit", "Count"} {
		if f, ok := params.FieldByName(name); ok && f.Type.Kind() == reflect.Int {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// formName is the form field a params struct field travels in: its url tag's name, else its name in
// lower case.
func formName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("url"), ","); name != "" {
		return name
	}
	return strings.ToLower(f.Name)
}

func TestBadInputPageSizeOutOfRange(t *testing.T) {
	src, err := loadSource()
	if err != nil {
		t.Fatal(err)
	}
	maxLimit := src.maxLimit
	if slack.DefaultPageSize < 1 || slack.DefaultPageSize > maxLimit {
		t.Fatalf("DefaultPageSize %d is outside 1 to %d", slack.DefaultPageSize, maxLimit)
	}
	paged, pagedIterators := 0, 0
	for _, m := range sdkMethods(t) {
		maxLimit := maxLimit
		if n, ok := badInputMaxPageSize[m.Name]; ok {
			maxLimit = n
		}
		pi := m.paramsIndex()
		var field reflect.StructField
		ok := false
		if pi > 0 {
			field, ok = pageSizeField(m.Type.In(pi).Elem())
		}
		if !ok {
			if m.Iterator() {
				t.Errorf("%s is an iterator whose params have no page size", m.Name)
			}
			continue
		}
		paged++
		if m.Iterator() {
			pagedIterators++
		}
		withSize := func(t *testing.T, n int) []reflect.Value {
			args := validArgs(t, m)
			p := reflect.New(m.Type.In(pi).Elem())
			p.Elem().FieldByIndex(field.Index).SetInt(int64(n))
			args[pi] = p
			return args
		}
		for _, n := range []int{-1, maxLimit + 1, math.MinInt, math.MaxInt} {
			t.Run(fmt.Sprintf("%s/%s %d", m.Name, field.Name, n), func(t *testing.T) {
				c, srv := newBadInputClient(t, slacktest.UserToken)
				se := checkRefused(t, m, srv, callMethod(m, c, srv, withSize(t, n), 3), field.Name)
				if se != nil && !strings.Contains(se.Error(), strconv.Itoa(maxLimit)) {
					t.Errorf("error %q does not give the largest page size, %d", se, maxLimit)
				}
			})
		}
		for _, n := range []int{1, maxLimit} {
			t.Run(fmt.Sprintf("%s/%s %d accepted", m.Name, field.Name, n), func(t *testing.T) {
				c, srv := newBadInputClient(t, slacktest.UserToken)
				o := callMethod(m, c, srv, withSize(t, n), 1)
				checkNoPanic(t, o)
				if refused(o) {
					t.Fatalf("refused: %v", o.err)
				}
				if got := sentField(t, m, srv, formName(field)); !slices.Equal(got, []string{strconv.Itoa(n)}) {
					t.Errorf("%s sent as %q, want %d", formName(field), got, n)
				}
			})
		}
	}
	// Ten page calls (eight with Limit, the two retired histories with Count) and their ten iterators.
	if paged != 2*badInputIterators+badInputPagedOnly || pagedIterators != badInputIterators {
		t.Errorf("found %d methods with a page size, %d of them iterators; want %d and %d",
			paged, pagedIterators, 2*badInputIterators+badInputPagedOnly, badInputIterators)
	}
}

func TestBadInputSetPhotoCropOutOfRange(t *testing.T) {
	methods := sdkMethods(t)
	m := methods[slices.IndexFunc(methods, func(m sdkMethod) bool { return m.Name == "Users.SetPhoto" })]
	pt := reflect.TypeFor[slack.UsersSetPhotoParams]()
	crops := 0
	for i := range pt.NumField() {
		f := pt.Field(i)
		if f.Type.Kind() != reflect.Int {
			continue
		}
		crops++
		for _, n := range []int{-1, math.MinInt} {
			t.Run(fmt.Sprintf("%s/%s %d", m.Name, f.Name, n), func(t *testing.T) {
				c, srv := newBadInputClient(t, slacktest.UserToken)
				p := &slack.UsersSetPhotoParams{CropW: 16}
				reflect.ValueOf(p).Elem().Field(i).SetInt(int64(n))
				args := []reflect.Value{reflect.ValueOf(t.Context()), reflect.ValueOf(bytes.NewReader(badInputImage)), reflect.ValueOf(p)}
				checkRefused(t, m, srv, callMethod(m, c, srv, args, 1), f.Name)
			})
		}
	}
	if crops != 3 {
		t.Errorf("UsersSetPhotoParams has %d int fields, want 3 (CropX, CropY, CropW)", crops)
	}
}

// badInputContexts are contexts that are done before the call.
func badInputContexts(t *testing.T) []struct {
	label string
	ctx   context.Context
	want  error
} {
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	past, cancelPast := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	t.Cleanup(cancelPast)
	return []struct {
		label string
		ctx   context.Context
		want  error
	}{{"cancelled context", cancelled, context.Canceled}, {"deadline passed", past, context.DeadlineExceeded}}
}

func TestBadInputCancelledContext(t *testing.T) {
	methods := sdkMethods(t)
	registered := slices.Sorted(func(yield func(string) bool) {
		for s := range fixtureCalls {
			if !yield(s) {
				return
			}
		}
	})
	for _, s := range registered {
		call := fixtureCalls[s]
		for _, cx := range badInputContexts(t) {
			t.Run(s+"/"+cx.label, func(t *testing.T) {
				c, srv := newBadInputClient(t, slacktest.UserToken)
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("panicked: %v\n%s", r, debug.Stack())
						}
					}()
					_, err = call(cx.ctx, c)
				}()
				if !errors.Is(err, cx.want) {
					t.Errorf("error %v, want one wrapping %v", err, cx.want)
				}
				if n := srv.Count(); n != 0 {
					t.Errorf("the fake received %d requests, want none", n)
				}
			})
		}
	}
	for _, m := range methods {
		if !m.Iterator() {
			continue
		}
		for _, cx := range badInputContexts(t) {
			t.Run(m.Name+"/"+cx.label, func(t *testing.T) {
				c, srv := newBadInputClient(t, slacktest.UserToken)
				args := validArgs(t, m)
				args[0] = reflect.ValueOf(cx.ctx)
				o := callMethod(m, c, srv, args, 3)
				checkNoPanic(t, o)
				checkYieldedOneError(t, o)
				if !errors.Is(o.err, cx.want) {
					t.Errorf("error %v, want one wrapping %v", o.err, cx.want)
				}
				if n := srv.Count(); n != 0 {
					t.Errorf("the fake received %d requests, want none", n)
				}
			})
		}
	}
}

func TestBadInputNilContext(t *testing.T) {
	for _, m := range sdkMethods(t) {
		t.Run(m.Name+"/nil context", func(t *testing.T) {
			c, srv := newBadInputClient(t, slacktest.UserToken)
			args := validArgs(t, m)
			args[0] = reflect.Zero(ctxType)
			checkRefused(t, m, srv, callMethod(m, c, srv, args, 3), m.Params[0])
		})
	}
}

// badInputHostile are strings no argument should make the SDK panic on or mangle.
var badInputHostile = []struct{ label, v string }{
	{"CRLF", "C0GENERAL\r\nX-Injected: 1"},
	{"NUL", "C0GEN\x00ERAL"},
	{"invalid UTF-8", "C0\xff\xfeGENERAL"},
	{"10 KB", strings.Repeat("C0GENERAL", 1200)},
	{"comma", slacktest.GeneralID + "," + slacktest.RandomID},
	{"form metacharacters", "a&b=c%zz+d;e"},
}

// badInputHostileTimes are times out of any range Slack takes for a time argument.
var badInputHostileTimes = []struct {
	label string
	v     time.Time
}{
	{"year 1", time.Time{}.Add(time.Nanosecond)},
	{"before 1970", time.Unix(-1, 0)},
	{"year 9999", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
	{"latest time", time.Unix(1<<63-62135596801, 999999999)},
	{"a century ahead in another zone", time.Now().Add(100 * 365 * 24 * time.Hour).In(time.FixedZone("X", -12*3600))},
}

// checkHostile checks a call given a hostile value for arg: no panic, and either a refusal naming arg
// with nothing sent, or a request whose form field (named like field) check accepts.
func checkHostile(t *testing.T, m sdkMethod, srv *slacktest.Server, o badOutcome, arg, field string, mustRefuse bool,
	check func(sent []string) error) {
	t.Helper()
	checkNoPanic(t, o)
	if m.Iterator() && o.sentBeforeLoop != 0 {
		t.Errorf("the iterator sent %d requests before the loop started", o.sentBeforeLoop)
	}
	if refused(o) || mustRefuse {
		checkRefused(t, m, srv, o, arg)
		return
	}
	if err := check(sentField(t, m, srv, field)); err != nil {
		t.Error(err)
	}
}

// sentAs returns a check that the field arrived as exactly want.
func sentAs(want string) func([]string) error {
	return func(sent []string) error {
		if !slices.Equal(sent, []string{want}) {
			if len(sent) == 1 {
				return fmt.Errorf("sent as %q, want %q", short(sent[0]), short(want))
			}
			return fmt.Errorf("sent as %d values, want one", len(sent))
		}
		return nil
	}
}

// hostileList returns a list holding a valid ID and the hostile value. A list travels comma-separated,
// so an entry holding a comma (it would arrive as two) or a blank one must be refused.
func hostileList(v string) (list []string, mustRefuse bool) {
	return []string{slacktest.BobID, v}, strings.Contains(v, ",") || strings.TrimSpace(v) == ""
}

// badInputOwnHostile lists the methods whose arguments travel in several requests, so that the sweep
// below cannot find them in one form: each has its own hostile-value test, named here.
var badInputOwnHostile = map[string]string{
	"Files.Upload": "TestFilesUploadHostileValues",
}

func TestBadInputHostileValues(t *testing.T) {
	for _, m := range sdkMethods(t) {
		if _, own := badInputOwnHostile[m.Name]; own {
			continue
		}
		// Positional arguments.
		for _, i := range m.positional() {
			typ, name := m.Type.In(i), m.Params[i]
			if typ.Kind() == reflect.Int64 {
				continue // a number carries no hostile text; TestBadInputEmptyRequiredArguments checks its bad values
			}
			if typ == timeType {
				// The only time argument, chat.scheduleMessage's postAt, must lie within 120 days ahead.
				for _, h := range badInputHostileTimes {
					t.Run(m.Name+"/"+h.label+" "+name, func(t *testing.T) {
						c, srv := newBadInputClient(t, slacktest.UserToken)
						args := validArgs(t, m)
						args[i] = reflect.ValueOf(h.v)
						checkRefused(t, m, srv, callMethod(m, c, srv, args, 1), name)
					})
				}
				continue
			}
			for _, h := range badInputHostile {
				t.Run(m.Name+"/"+h.label+" "+name, func(t *testing.T) {
					c, srv := newBadInputClient(t, slacktest.UserToken)
					args := validArgs(t, m)
					mustRefuse := false
					check := sentAs(h.v)
					switch {
					case badInputTypes[typ].hostile != nil:
						args[i], check = badInputTypes[typ].hostile(m, h.v)
					case typ.Kind() == reflect.String:
						args[i] = reflect.ValueOf(h.v).Convert(typ)
					case typ == stringsType:
						var list []string
						list, mustRefuse = hostileList(h.v)
						args[i] = reflect.ValueOf(list)
						check = sentAs(strings.Join(list, ","))
					case typ.Kind() == reflect.Map && typ.Key().Kind() == reflect.String:
						v := reflect.MakeMap(typ)
						v.SetMapIndex(reflect.ValueOf(h.v).Convert(typ.Key()), reflect.Zero(typ.Elem()))
						args[i] = v
						check = sentJSONKey(h.v)
					case typ == readerType:
						args[i] = reflect.ValueOf(strings.NewReader(h.v))
					case typ == fileSummariesType:
						args[i] = reflect.ValueOf([]slack.FileSummary{{ID: h.v}})
						mustRefuse = strings.TrimSpace(h.v) == ""
						check = sentJSONListID(h.v)
					default:
						t.Fatalf("the sweep has no hostile value for argument %s of type %s; teach it one", name, typ)
					}
					o := callMethod(m, c, srv, args, 1)
					if typ == readerType {
						// An image travels as a file part, not as a form field.
						checkNoPanic(t, o)
						if refused(o) {
							checkRefused(t, m, srv, o, name)
						} else {
							checkSentFile(t, m, srv, name, h.v)
						}
						return
					}
					checkHostile(t, m, srv, o, name, name, mustRefuse, check)
				})
			}
		}
		// The string and list fields of the params struct.
		pi := m.paramsIndex()
		if pi < 0 {
			continue
		}
		pt := m.Type.In(pi).Elem()
		for _, f := range reflect.VisibleFields(pt) {
			if !f.IsExported() || (f.Type.Kind() != reflect.String && f.Type != stringsType) {
				continue
			}
			for _, h := range badInputHostile {
				t.Run(m.Name+"/"+h.label+" "+f.Name, func(t *testing.T) {
					c, srv := newBadInputClient(t, slacktest.UserToken)
					args := validArgs(t, m)
					p := reflect.New(pt)
					if !args[pi].IsNil() {
						p.Elem().Set(args[pi].Elem())
					}
					mustRefuse := false
					check := sentAs(h.v)
					if f.Type == stringsType {
						var list []string
						list, mustRefuse = hostileList(h.v)
						p.Elem().FieldByIndex(f.Index).Set(reflect.ValueOf(list))
						check = sentAs(strings.Join(list, ","))
					} else {
						p.Elem().FieldByIndex(f.Index).Set(reflect.ValueOf(h.v).Convert(f.Type))
					}
					args[pi] = p
					checkHostile(t, m, srv, callMethod(m, c, srv, args, 1), f.Name, formName(f), mustRefuse, check)
				})
			}
		}
	}
}

// sentJSONListID returns a check that a JSON-valued list arrived with one object whose id is id (as JSON
// carries it: each invalid UTF-8 byte as U+FFFD).
func sentJSONListID(id string) func([]string) error {
	return func(sent []string) error {
		if len(sent) != 1 {
			return fmt.Errorf("sent as %d values, want one", len(sent))
		}
		var list []struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal([]byte(sent[0]), &list); err != nil {
			return fmt.Errorf("sent as %q, not a JSON list: %v", short(sent[0]), err)
		}
		want, _ := json.Marshal(id)
		var wantID string
		_ = json.Unmarshal(want, &wantID)
		if len(list) != 1 || list[0].ID != wantID {
			return fmt.Errorf("sent as %q, want one entry with id %q", short(sent[0]), short(wantID))
		}
		return nil
	}
}

// sentJSONKey returns a check that a JSON-valued field arrived as an object whose one key is key (JSON
// carries only valid UTF-8, so each invalid byte arrives as U+FFFD).
func sentJSONKey(key string) func([]string) error {
	return func(sent []string) error {
		if len(sent) != 1 {
			return fmt.Errorf("sent as %d values, want one", len(sent))
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(sent[0]), &obj); err != nil {
			return fmt.Errorf("sent %q, not a JSON object: %v", short(sent[0]), err)
		}
		// json.Marshal writes each invalid byte as U+FFFD; the key arrives as JSON coerced it.
		b, err := json.Marshal(key)
		if err != nil {
			return err
		}
		var want string
		if err := json.Unmarshal(b, &want); err != nil {
			return err
		}
		if _, ok := obj[want]; !ok || len(obj) != 1 {
			return fmt.Errorf("sent %q, want an object with the one key %q", short(sent[0]), short(want))
		}
		return nil
	}
}

// checkSentFile checks that the first request for m carried the file part arg holding exactly data.
func checkSentFile(t *testing.T, m sdkMethod, srv *slacktest.Server, arg, data string) {
	t.Helper()
	reqs := srv.Requests(m.Slack)
	if len(reqs) == 0 {
		t.Fatalf("the call was neither refused nor sent")
	}
	if got, ok := reqs[0].Files[arg]; !ok || string(got) != data {
		t.Errorf("the %s part holds %q, want %q", arg, short(string(got)), short(data))
	}
}
