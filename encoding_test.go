package slack

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"net/url"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-querystring/query"
)

// paramTypes are the structs the SDK encodes as forms: every params type and every request wrapper.
var paramTypes = []any{
	ChatPostMessageParams{}, chatPostMessageRequest{},
	ChatDeleteParams{}, chatDeleteRequest{},
	ChatUnfurlParams{}, chatUnfurlRequest{},
	ChatPostEphemeralParams{}, chatPostEphemeralRequest{},
	ChatUpdateParams{}, chatUpdateRequest{},
	ChatScheduleMessageParams{}, chatScheduleMessageRequest{},
	ChatDeleteScheduledMessageParams{}, chatDeleteScheduledMessageRequest{},
	ChatListScheduledMessagesParams{}, chatListScheduledMessagesRequest{},
	ReactionsGetParams{}, reactionsGetRequest{}, ReactionsListParams{},
	BookmarksAddParams{}, bookmarksAddRequest{}, BookmarksEditParams{}, bookmarksEditRequest{},
	BookmarksRemoveParams{}, bookmarksRemoveRequest{},
	UsersInfoParams{}, usersInfoRequest{},
	UsersGetPresenceParams{},
	UsersListParams{},
	UsersConversationsParams{},
	UsersGetProfileParams{},
	FilesInfoParams{}, filesInfoRequest{},
	FilesListParams{},
	FilesGetUploadURLExternalParams{}, filesGetUploadURLExternalRequest{},
	FilesCompleteUploadExternalParams{}, filesCompleteUploadExternalRequest{},
}

// TestParamTypesListIsComplete keeps paramTypes in step with the source: every type whose name ends in
// Params or Request must be listed (or be one that is not form-encoded).
func TestParamTypesListIsComplete(t *testing.T) {
	notForms := map[string]bool{
		"UsersSetPhotoParams":   true, // multipart, built field by field
		"UsersSetProfileParams": true, // built field by field: value is sent even when empty
		"FilesUploadParams":     true, // copied into the params of the upload's steps
	}
	listed := map[string]bool{}
	for _, v := range paramTypes {
		listed[reflect.TypeOf(v).Name()] = true
	}
	for _, f := range sourceFiles(t) {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			name := ts.Name.Name
			if (strings.HasSuffix(name, "Params") || strings.HasSuffix(name, "Request")) && !listed[name] && !notForms[name] {
				t.Errorf("%s is not in paramTypes", name)
			}
			return true
		})
	}
}

// sourceFiles parses the package's Go files, tests left out, by file name.
func sourceFiles(t testing.TB) map[string]*ast.File {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	return files
}

// TestPlanEncodesLikeGoQuerystring fills every params type with random values and checks that the
// compiled plan encodes exactly what go-querystring does.
func TestPlanEncodesLikeGoQuerystring(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, v := range paramTypes {
		typ := reflect.TypeOf(v)
		if planFor(typ) == nil {
			t.Errorf("%s has no plan: it would be encoded by go-querystring on every call", typ)
			continue
		}
		for range 300 {
			data := make([]byte, 512)
			for i := range data {
				data[i] = byte(r.Uint32())
			}
			val := reflect.New(typ).Elem()
			fuzzFill(&fuzzSource{data: data}, val, 0)
			encodeLikeGoQuerystring(t, val)
		}
	}
}

// encodeLikeGoQuerystring checks that the compiled plan encodes val as go-querystring does, failing or
// succeeding alike, and returns go-querystring's form and error.
func encodeLikeGoQuerystring(t testing.TB, val reflect.Value) (url.Values, error) {
	t.Helper()
	want, wantErr := query.Values(val.Interface())
	got, gotErr := encodeStruct(val)
	if (wantErr != nil) != (gotErr != nil) {
		t.Fatalf("%s %#v: go-querystring error %v, plan error %v", val.Type(), val.Interface(), wantErr, gotErr)
	}
	if wantErr == nil && got.Encode() != want.Encode() {
		t.Fatalf("%s %#v:\nplan           %s\ngo-querystring %s", val.Type(), val.Interface(), got.Encode(), want.Encode())
	}
	return want, wantErr
}

// TestPlanFallsBackForUnsupportedTags checks that structs using go-querystring features the plan lacks
// are still encoded, by go-querystring.
func TestPlanFallsBackForUnsupportedTags(t *testing.T) {
	type nested struct {
		A string `url:"a"`
	}
	type odd struct {
		N     nested `url:"n"`
		Flag  bool   `url:"flag,int"`
		Items []int  `url:"items,brackets"`
	}
	v := odd{N: nested{A: "x"}, Flag: true, Items: []int{1, 2}}
	if planFor(reflect.TypeOf(v)) != nil {
		t.Fatal("a struct with nested structs and int/brackets options got a plan")
	}
	got, err := encodeStruct(reflect.ValueOf(v))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{"n[a]": {"x"}, "flag": {"1"}, "items[]": {"1", "2"}}
	if got.Encode() != want.Encode() {
		t.Fatalf("got %s, want %s", got.Encode(), want.Encode())
	}
}

func BenchmarkEncodeForm(b *testing.B) {
	req := chatPostMessageRequest{Channel: "C0123", ChatPostMessageParams: &ChatPostMessageParams{Text: "Deploy finished",
		ThreadTS: "1503435956.000247"}}
	b.Run("plan", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := encodeForm("chat.postMessage", req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("go-querystring", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v, err := query.Values(req)
			if err != nil {
				b.Fatal(err)
			}
			_ = v.Encode()
		}
	})
}
