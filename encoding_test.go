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
	UsersInfoParams{}, usersInfoRequest{},
	UsersGetPresenceParams{},
	UsersListParams{},
	UsersConversationsParams{},
	UsersGetProfileParams{},
}

// TestParamTypesListIsComplete keeps paramTypes in step with the source: every type whose name ends in
// Params or Request must be listed (or be one that is not form-encoded).
func TestParamTypesListIsComplete(t *testing.T) {
	notForms := map[string]bool{
		"UsersSetPhotoParams":   true, // multipart, built field by field
		"UsersSetProfileParams": true, // built field by field: value is sent even when empty
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
			val := reflect.New(typ).Elem()
			fill(r, val, 0)
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

var sampleStrings = []string{"", "C0123", "hello world", "a&b=c", "ünïcødé ✓", "1503435956.000247", " "}

// fill sets v to a random value, nil and empty values included.
func fill(r *rand.Rand, v reflect.Value, depth int) {
	if !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(sampleStrings[r.IntN(len(sampleStrings))])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt([]int64{0, 0, 1, 200, -1, 1001}[r.IntN(6)])
	case reflect.Pointer:
		if r.IntN(3) == 0 || depth > 3 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(r, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(r, v.Field(i), depth+1)
		}
	case reflect.Slice:
		switch n := r.IntN(4); n {
		case 0:
		case 1:
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		default:
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				fillElem(r, s.Index(i), depth)
			}
			v.Set(s)
		}
	case reflect.Map:
		if r.IntN(2) == 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		k := reflect.New(v.Type().Key()).Elem()
		k.SetString("https://example.com/" + sampleStrings[r.IntN(len(sampleStrings))])
		e := reflect.New(v.Type().Elem()).Elem()
		fill(r, e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	}
}

// fillElem fills a slice element; interface elements (blocks) get one of the typed blocks.
func fillElem(r *rand.Rand, v reflect.Value, depth int) {
	if v.Kind() == reflect.Interface {
		blocks := []Block{DividerBlock{}, SectionBlock{Text: MarkdownText(sampleStrings[r.IntN(len(sampleStrings))])},
			RawBlock(`{"type":"image","image_url":"https://x/i.png"}`)}
		v.Set(reflect.ValueOf(blocks[r.IntN(len(blocks))]))
		return
	}
	fill(r, v, depth+1)
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
