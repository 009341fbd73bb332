package slack

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"go/ast"
	"go/token"
	"io"
	"maps"
	"math"
	"mime"
	"mime/multipart"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fuzzSource hands out the bytes of a fuzz input as values; past its end every value is a zero.
type fuzzSource struct{ data []byte }

func (s *fuzzSource) byte() byte {
	if len(s.data) == 0 {
		return 0
	}
	b := s.data[0]
	s.data = s.data[1:]
	return b
}

func (s *fuzzSource) take(n int) []byte {
	n = min(n, len(s.data))
	b := s.data[:n]
	s.data = s.data[n:]
	return b
}

// hostileStrings are the strings a form must carry unchanged however they are escaped.
var hostileStrings = []string{"", " ", "&=%\r\n\x00", "a+b c", "%zz%", "%00", ";", "k=v&k=w", "#frag?q=1",
	",", "\xff\xfe\xc3", "ünïcødé ✓", "\u2028\"\\", "C0123", "1503435956.000247", `{"type":"divider"}`}

func (s *fuzzSource) string() string {
	switch b := s.byte(); b % 4 {
	case 0:
		return hostileStrings[int(s.byte())%len(hostileStrings)]
	default:
		return string(s.take(int(b >> 2)))
	}
}

var hostileInts = []int64{0, 1, -1, 1000, 1001, math.MaxInt64, math.MinInt64, math.MaxInt32 + 1}

func (s *fuzzSource) int64() int64 {
	if b := s.byte(); b%2 == 0 {
		return hostileInts[int(b>>1)%len(hostileInts)]
	}
	var buf [8]byte
	copy(buf[:], s.take(8))
	return int64(binary.LittleEndian.Uint64(buf[:]))
}

// fuzzFill sets v, a settable value, from s: every kind the params types use, with nil and empty values.
func fuzzFill(s *fuzzSource, v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s.string())
	case reflect.Bool:
		v.SetBool(s.byte()%2 == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(s.int64()) // reflect truncates to the field's size
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(uint64(s.int64()))
	case reflect.Float32, reflect.Float64:
		fs := []float64{0, -0.5, 1e300, math.Inf(1), math.NaN(), math.SmallestNonzeroFloat64}
		v.SetFloat(fs[int(s.byte())%len(fs)])
	case reflect.Pointer:
		if s.byte()%3 == 0 || depth > 6 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fuzzFill(s, p.Elem(), depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				fuzzFill(s, f, depth+1)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			if b := s.byte(); b%4 != 0 {
				v.SetBytes([]byte(s.string())) // a json.RawMessage: any bytes, valid JSON or not
			}
			return
		}
		n := int(s.byte() % 5)
		if n == 0 {
			return
		}
		n-- // an empty, non-nil slice
		if depth > 6 {
			n = 0
		}
		sl := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fuzzFillElem(s, sl.Index(i), depth+1)
		}
		v.Set(sl)
	case reflect.Map:
		n := int(s.byte() % 4)
		if n == 0 {
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), n-1)
		for range n - 1 {
			k := reflect.New(v.Type().Key()).Elem()
			fuzzFill(s, k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fuzzFill(s, e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Interface:
		fuzzFillElem(s, v, depth)
	}
}

// fuzzFillElem fills a slice element; a Block element gets one of the block types, a nil Block, or a
// RawBlock of any bytes.
func fuzzFillElem(s *fuzzSource, v reflect.Value, depth int) {
	if v.Kind() != reflect.Interface {
		fuzzFill(s, v, depth)
		return
	}
	if v.Type() != reflect.TypeFor[Block]() {
		return
	}
	var b Block
	switch s.byte() % 6 {
	case 0:
		return // a nil Block
	case 1:
		var d DividerBlock
		fuzzFill(s, reflect.ValueOf(&d).Elem(), depth)
		b = d
	case 2:
		var sb SectionBlock
		fuzzFill(s, reflect.ValueOf(&sb).Elem(), depth)
		b = sb
	case 3:
		var h HeaderBlock
		fuzzFill(s, reflect.ValueOf(&h).Elem(), depth)
		b = h
	case 4:
		var c ContextBlock
		fuzzFill(s, reflect.ValueOf(&c).Elem(), depth)
		b = c
	default:
		b = RawBlock(s.string())
	}
	v.Set(reflect.ValueOf(b))
}

// sameValues reports whether two forms hold the same keys with the same values in the same order.
func sameValues(a, b url.Values) bool {
	return maps.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}

// FuzzFormEncode fills a params type (selected by the input's first byte) from the input and encodes it
// with the SDK's encoder, which must not panic, must agree with go-querystring (the definition of the
// encoding) on the form and on whether it is an error, and must send a body that parses back to exactly
// that form.
func FuzzFormEncode(f *testing.F) {
	// By name, so that an input names the same type whatever order the test files register them in.
	types := make([]reflect.Type, 0, len(paramTypes))
	for _, v := range paramTypes {
		types = append(types, reflect.TypeOf(v))
	}
	slices.SortFunc(types, func(a, b reflect.Type) int { return strings.Compare(a.Name(), b.Name()) })
	for i := range types {
		f.Add([]byte{byte(i)})
		f.Add(append([]byte{byte(i)}, bytes.Repeat([]byte{0xff, 0x05, 'a', '&', '%', '\r'}, 40)...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &fuzzSource{data: data}
		typ := types[int(s.byte())%len(types)]
		val := reflect.New(typ).Elem()
		fuzzFill(s, val, 0)

		want, wantErr := encodeLikeGoQuerystring(t, val)
		for _, params := range []any{val.Interface(), val.Addr().Interface()} {
			req, err := encodeForm("fuzz.method", params)
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("%T %#v: encodeForm error %v, go-querystring error %v", params, val.Interface(), err, wantErr)
			}
			if err != nil {
				var se *Error
				if !errors.As(err, &se) || se.Code != ErrInvalidArguments {
					t.Fatalf("%T: encodeForm error %v (%T), want an *Error with %s", params, err, err, ErrInvalidArguments)
				}
				continue
			}
			if req.contentType != formContentType {
				t.Fatalf("%T: content type %q", params, req.contentType)
			}
			if req.body != want.Encode() {
				t.Fatalf("%T %#v:\nbody           %s\ngo-querystring %s", params, val.Interface(), req.body, want.Encode())
			}
			back, err := url.ParseQuery(req.body)
			if err != nil {
				t.Fatalf("%T: the body %q does not parse: %v", params, req.body, err)
			}
			if !sameValues(back, req.form) || !sameValues(back, want) {
				t.Fatalf("%T: the body %q parses back to %v, want %v", params, req.body, back, want)
			}
		}
	})
}

// FuzzMultipartEncode encodes the users.setPhoto fields (any values) and an image of any bytes as
// multipart/form-data; the body must parse back with mime/multipart to the same fields and the same
// image.
func FuzzMultipartEncode(f *testing.F) {
	f.Add("0", "0", "64", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	f.Add("", "", "", []byte{})
	f.Add("-1", "9223372036854775808", "\r\n--", []byte("\r\n--\r\n--boundary--\r\nContent-Disposition: form-data\r\n\r\n"))
	f.Add("\xff\x00", "\"", "ü\r\n\r\nx", bytes.Repeat([]byte{0, '\r', '\n', '-'}, 300))
	f.Fuzz(func(t *testing.T, cropX, cropY, cropW string, image []byte) {
		fields := url.Values{}
		for k, v := range map[string]string{"crop_x": cropX, "crop_y": cropY, "crop_w": cropW} {
			if v != "" {
				fields.Set(k, v)
			}
		}
		req, err := encodeMultipart("users.setPhoto", fields, "image", "image", bytes.NewReader(image))
		if err != nil {
			t.Fatalf("fields %q, %d-byte image: %v", fields, len(image), err)
		}
		if !sameValues(req.form, fields) {
			t.Fatalf("the request's form %v, want %v", req.form, fields)
		}
		mediaType, ps, err := mime.ParseMediaType(req.contentType)
		if err != nil || mediaType != "multipart/form-data" || ps["boundary"] == "" {
			t.Fatalf("content type %q: %s %v %v", req.contentType, mediaType, ps, err)
		}
		mr := multipart.NewReader(strings.NewReader(req.body), ps["boundary"])
		back := url.Values{}
		var files [][]byte
		for {
			part, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("fields %q, %d-byte image: the body does not parse: %v", fields, len(image), err)
			}
			content, err := io.ReadAll(part)
			if err != nil {
				t.Fatalf("fields %q: reading part %q: %v", fields, part.FormName(), err)
			}
			if part.FileName() != "" {
				if part.FormName() != "image" || part.FileName() != "image" {
					t.Fatalf("a file part named %q (file %q), want image (image)", part.FormName(), part.FileName())
				}
				files = append(files, content)
				continue
			}
			back.Add(part.FormName(), string(content))
		}
		if !sameValues(back, fields) {
			t.Fatalf("the body's fields %q, want %q", back, fields)
		}
		if len(files) != 1 || !bytes.Equal(files[0], image) {
			t.Fatalf("%d file parts; want 1 holding the %d-byte image", len(files), len(image))
		}
	})
}

// decodeTypes are the struct types answers decode into: every struct type of the package with a json
// tag (TestDecodeTypesListIsComplete keeps the list whole).
var decodeTypes = append([]any{
	envelope{}, responseMetadata{},
	AuthTestResponse{},
	ChatPostMessageResponse{}, ChatUpdateResponse{}, ChatMeMessageResponse{},
	ChatScheduleMessageResponse{}, ScheduledMessage{}, ChatListScheduledMessagesResponse{},
	ReactionsGetResponse{}, ReactedItem{}, ReactionsListResponse{}, PinnedItem{}, Bookmark{}, bookmarkReply{},
	conversationReply{}, ConversationsListResponse{}, ConversationsMembersResponse{}, HistoryResponse{}, RepliesResponse{},
	GroupsListResponse{}, IMListResponse{},
	commentReply{},
	userReply{}, profileReply{}, UsersListResponse{}, UsersConversationsResponse{}, UsersIdentityResponse{}, IdentityUser{},
	User{}, UserProfile{}, UserProfileField{}, UserPresence{}, Team{}, Bot{}, BotProfile{}, Comment{},
	Conversation{}, Topic{}, Purpose{}, Message{}, MessageMetadata{}, Edited{}, Reaction{}, File{},
	FileShares{}, FileShare{}, FilesInfoResponse{}, FilesListResponse{}, fileReply{}, FilesGetUploadURLExternalResponse{},
	FileSummary{}, Paging{},
	Attachment{}, AttachmentField{}, TextObject{}, SectionBlock{}, DividerBlock{}, HeaderBlock{}, ContextBlock{},
}, blockKitDecodeTypes...)

// TestDecodeTypesListIsComplete keeps decodeTypes in step with the source: every struct type with a
// json tag must be listed.
func TestDecodeTypesListIsComplete(t *testing.T) {
	listed := map[string]bool{}
	for _, v := range decodeTypes {
		listed[reflect.TypeOf(v).Name()] = true
	}
	found := 0
	for name, f := range sourceFiles(t) {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue // types declared inside functions are decoded through their methods (FuzzResponse)
			}
			for _, spec := range gd.Specs {
				ts := spec.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if !ok || !hasJSONTag(st) {
					continue
				}
				found++
				if !listed[ts.Name.Name] {
					t.Errorf("%s (%s) has json tags but is not in decodeTypes", ts.Name.Name, name)
				}
			}
		}
	}
	if found != len(decodeTypes) {
		t.Errorf("decodeTypes lists %d types; the source has %d struct types with json tags", len(decodeTypes), found)
	}
}

func hasJSONTag(st *ast.StructType) bool {
	for _, f := range st.Fields.List {
		if f.Tag != nil && strings.Contains(f.Tag.Value, `json:"`) {
			return true
		}
	}
	return false
}

// FuzzDecode decodes any bytes into every struct type answers decode into. Malformed JSON must be an
// error; a JSON object must decode (a value that does not fit its field is dropped, never fatal), and
// what it decodes to must marshal back to JSON.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range files {
		body, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		valid := json.Valid(data)
		object := valid && bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{"))
		for _, v := range decodeTypes {
			typ := reflect.TypeOf(v)
			p := reflect.New(typ)
			err := decodeJSON(data, p.Interface())
			switch {
			case !valid && err == nil:
				t.Fatalf("%s: malformed JSON decoded without an error", typ)
			case object && err != nil:
				t.Fatalf("%s: a JSON object failed to decode: %v", typ, err)
			case err == nil:
				if _, err := json.Marshal(p.Interface()); err != nil {
					t.Fatalf("%s: the decoded value does not marshal: %v", typ, err)
				}
				if object {
					checkFittingValuesKept(t, data, p)
				}
			}
		}
	})
}

// checkFittingValuesKept checks that decoding data into p dropped only top-level values that do not fit:
// every top-level key whose value decodes strictly on its own must have set the same fields in p as it
// does alone. Keys that fold to the same field name are left out, since which of them wins is
// encoding/json's choice.
func checkFittingValuesKept(t *testing.T, data []byte, p reflect.Value) {
	t.Helper()
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return
	}
	folded := map[string]bool{}
	for k := range top {
		if folded[foldName(k)] {
			return
		}
		folded[foldName(k)] = true
	}
	typ := p.Elem().Type()
	got, ok := normalJSON(t, p.Interface()).(map[string]any)
	if !ok {
		t.Fatalf("%s does not encode as a JSON object", typ)
	}
	zero := normalJSON(t, reflect.New(typ).Interface()).(map[string]any)
	for k, raw := range top {
		one, err := json.Marshal(map[string]json.RawMessage{k: raw})
		alone := reflect.New(typ)
		if err != nil || json.Unmarshal(one, alone.Interface()) != nil {
			continue // the value does not fit on its own: dropping it is right
		}
		for field, want := range normalJSON(t, alone.Interface()).(map[string]any) {
			if reflect.DeepEqual(want, zero[field]) {
				continue // a field the key did not set
			}
			if !reflect.DeepEqual(got[field], want) {
				t.Fatalf("%s: the value of %q fits but was not kept: %s is %v, want %v", typ, k, field, got[field], want)
			}
		}
	}
}

// normalJSON is v as generic JSON, so that values equal as JSON compare equal whatever their key order.
func normalJSON(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		t.Fatal(err)
	}
	return x
}
