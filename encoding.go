package slack

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"mime/multipart"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-querystring/query"
)

// request is an encoded request body, kept whole so every attempt sends the same bytes.
type request struct {
	contentType string
	body        string
	// form is the encoded form (nil for multipart bodies); the rate limiter reads its channel.
	form url.Values
	// auth, when set, is the Authorization header in place of the client's bearer token: the OAuth
	// methods' HTTP Basic credentials, which a client without a token may send.
	auth []string
}

const formContentType = "application/x-www-form-urlencoded"

// encodeForm encodes params (nil, url.Values, or a struct with url tags) as a form body.
func encodeForm(method string, params any) (*request, error) {
	var form url.Values
	switch p := params.(type) {
	case nil:
	case url.Values:
		form = p
	default:
		v := reflect.ValueOf(params)
		for v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() == reflect.Pointer {
			break // a typed nil pointer: no parameters
		}
		if v.Kind() != reflect.Struct {
			return nil, invalidArgument(method, "params must be nil, url.Values or a struct, not %T", params)
		}
		var err error
		if form, err = encodeStruct(v); err != nil {
			return nil, invalidArgument(method, "encoding params: %v", err)
		}
	}
	return &request{contentType: formContentType, body: form.Encode(), form: form}, nil
}

// encodeStruct encodes a params struct by its url tags. go-querystring defines the encoding; but it
// reads every field's tag and formats every value through fmt on every call, which costs about as much as
// the rest of a call together. So the first time a struct type is seen, its fields are compiled into a
// plan that encodes exactly as go-querystring does, and types that use go-querystring features beyond
// the plan's (nested structs, times, options other than omitempty and comma) are encoded by go-querystring
// itself.
func encodeStruct(v reflect.Value) (url.Values, error) {
	plan := planFor(v.Type())
	if plan == nil {
		return query.Values(v.Interface())
	}
	form := make(url.Values, 4)
	if err := plan.encode(v, form); err != nil {
		return nil, err
	}
	return form, nil
}

// formPlan is how one struct type encodes: its fields in go-querystring's order (direct fields, then
// embedded structs).
type formPlan struct {
	fields   []formField
	embedded []embeddedPlan
}

type embeddedPlan struct {
	index     int
	name      string // the field's name, sent empty for a nil pointer without omitempty
	omitempty bool
	plan      *formPlan
}

// formField is one encoded field.
type formField struct {
	index     int
	name      string
	omitempty bool
	comma     bool
	encoder   bool // the field's type implements query.Encoder
	typ       reflect.Type
}

var (
	planCache   sync.Map // reflect.Type → *formPlan, or noPlan
	noPlan      = new(formPlan)
	encoderType = reflect.TypeFor[query.Encoder]()
	timeType    = reflect.TypeFor[time.Time]()
)

// planFor returns the plan of struct type t, or nil if go-querystring must encode it.
func planFor(t reflect.Type) *formPlan {
	if p, ok := planCache.Load(t); ok {
		if p == noPlan {
			return nil
		}
		return p.(*formPlan)
	}
	p := compilePlan(t, 0)
	if p == nil {
		planCache.Store(t, noPlan)
		return nil
	}
	planCache.Store(t, p)
	return p
}

func compilePlan(t reflect.Type, depth int) *formPlan {
	if depth > 4 {
		return nil
	}
	p := &formPlan{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() && !sf.Anonymous {
			continue
		}
		tag := sf.Tag.Get("url")
		if tag == "-" {
			continue
		}
		name, optText, _ := strings.Cut(tag, ",")
		f := formField{index: i, name: name, typ: sf.Type}
		for _, opt := range strings.Split(optText, ",") {
			switch opt {
			case "":
			case "omitempty":
				f.omitempty = true
			case "comma":
				f.comma = true
			default:
				return nil
			}
		}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
			if sf.Type.Implements(encoderType) {
				return nil
			}
			sub := compilePlan(ft, depth+1)
			if sub == nil {
				return nil
			}
			p.embedded = append(p.embedded, embeddedPlan{index: i, name: sf.Name, omitempty: f.omitempty, plan: sub})
			continue
		}
		if name == "" {
			f.name = sf.Name
		}
		if sf.Type.Implements(encoderType) {
			f.encoder = true
			p.fields = append(p.fields, f)
			continue
		}
		if sf.Tag.Get("del") != "" || !plainKind(ft, true) {
			return nil
		}
		p.fields = append(p.fields, f)
	}
	return p
}

// plainKind reports whether values of t format without fmt's help: strings, booleans and numbers whose
// type has no methods (a String method would change what fmt prints), and slices of them.
func plainKind(t reflect.Type, sliceOK bool) bool {
	if t == timeType || t.NumMethod() > 0 {
		return false
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	case reflect.Slice:
		return sliceOK && plainKind(t.Elem(), false)
	}
	return false
}

func (p *formPlan) encode(v reflect.Value, form url.Values) error {
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.Field(f.index)
		if f.omitempty && isEmptyValue(fv) {
			continue
		}
		if f.encoder {
			if fv.Kind() == reflect.Pointer && fv.IsNil() && fv.Type().Elem().Implements(encoderType) {
				fv = reflect.New(fv.Type().Elem())
			}
			if err := fv.Interface().(query.Encoder).EncodeValues(f.name, &form); err != nil {
				return err
			}
			continue
		}
		for fv.Kind() == reflect.Pointer && !fv.IsNil() {
			fv = fv.Elem()
		}
		if fv.Kind() == reflect.Slice {
			if fv.Len() == 0 {
				continue
			}
			if !f.comma {
				for j := range fv.Len() {
					form.Add(f.name, formatValue(fv.Index(j)))
				}
				continue
			}
			var b strings.Builder
			for j := range fv.Len() {
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(formatValue(fv.Index(j)))
			}
			form.Add(f.name, b.String())
			continue
		}
		form.Add(f.name, formatValue(fv))
	}
	for _, e := range p.embedded {
		ev := v.Field(e.index)
		if ev.Kind() == reflect.Pointer {
			if ev.IsNil() {
				if !e.omitempty {
					form.Add(e.name, "")
				}
				continue
			}
			ev = ev.Elem()
		}
		if err := e.plan.encode(ev, form); err != nil {
			return err
		}
	}
	return nil
}

// formatValue prints a plain value the way fmt.Sprint does; a nil pointer prints as "".
func formatValue(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Pointer:
		return ""
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'g', -1, 32)
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	}
	return fmt.Sprint(v.Interface())
}

// isEmptyValue is go-querystring's test for omitempty.
func isEmptyValue(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// encodeMultipart encodes fields and one file part as a multipart/form-data body. The file is read whole
// so that a retry can send it again.
func encodeMultipart(method string, fields url.Values, fileField, fileName string, file io.Reader) (*request, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		for _, v := range fields[k] {
			if err := w.WriteField(k, v); err != nil {
				return nil, err
			}
		}
	}
	part, err := w.CreateFormFile(fileField, fileName)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(part, file); err != nil {
		return nil, fmt.Errorf("slack: %s: reading %s: %w", method, fileField, err)
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return &request{contentType: w.FormDataContentType(), body: buf.String(), form: fields}, nil
}

// setJSON stores v, marshalled to JSON, as the form field key. The JSON-valued arguments (attachments,
// blocks, unfurls, profile) encode through it.
func setJSON(key string, v any, form *url.Values) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	form.Set(key, string(b))
	return nil
}

// decodeJSON decodes data into v. Real Slack answers are looser than their documentation: numbers arrive
// as strings, booleans as 0 or 1, timestamps as numbers. The common, well-typed answer decodes in one
// pass; only when a value does not fit its field (a type mismatch, or a value its type's UnmarshalJSON
// refuses) is the answer decoded again with every value coerced to the type of the field it lands in (a
// value that cannot be coerced is dropped). Malformed JSON is an error.
func decodeJSON(data []byte, v any) error {
	err := json.Unmarshal(data, v)
	var syntaxErr *json.SyntaxError
	if err == nil || errors.As(err, &syntaxErr) {
		return err
	}
	dst := reflect.ValueOf(v)
	if dst.Kind() != reflect.Pointer || dst.IsNil() || refusesForItself(dst.Type().Elem()) {
		return err
	}
	var tree any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if dec.Decode(&tree) != nil {
		return err
	}
	fixed, merr := json.Marshal(coerce(tree, dst.Type().Elem()))
	if merr != nil {
		return err
	}
	dst.Elem().SetZero()
	return json.Unmarshal(fixed, v)
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decodesItself reports whether encoding/json hands values of type t to t's own UnmarshalJSON or
// UnmarshalText rather than decoding them field by field.
func decodesItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(unmarshalerType) || p.Implements(textUnmarshalerType)
}

// droppable are the package's own types that decode themselves and whose refused values are dropped
// like any value that does not fit. A caller's type that decodes itself keeps the last word: its error
// is the call's error.
var droppable = map[reflect.Type]bool{reflect.TypeFor[Time](): true, reflect.TypeFor[Blocks](): true}

// refusesForItself reports whether t (or what it points to) decodes itself and is not one of droppable.
func refusesForItself(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return decodesItself(t) && !droppable[t]
}

// coerce returns the JSON value x (as decoded with UseNumber) changed to fit Go type t.
func coerce(x any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if x == nil {
		return x
	}
	if decodesItself(t) {
		if !droppable[t] {
			return x // the type's own error, if any, stands
		}
		// The type decodes itself: keep the value only if it accepts it.
		b, err := json.Marshal(x)
		if err != nil || reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(b) != nil {
			return nil
		}
		return x
	}
	switch t.Kind() {
	case reflect.String:
		switch v := x.(type) {
		case string:
			return v
		case json.Number:
			return v.String()
		case bool:
			if v {
				return "true"
			}
			return "false"
		}
		return nil
	case reflect.Bool:
		switch v := x.(type) {
		case bool:
			return v
		case json.Number:
			f, err := strconv.ParseFloat(v.String(), 64)
			if err != nil {
				return nil
			}
			return f != 0
		case string:
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "1", "true":
				return true
			case "0", "false", "":
				return false
			}
		}
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		var s string
		switch v := x.(type) {
		case json.Number:
			s = v.String()
		case string:
			s = strings.TrimSpace(v)
		case bool:
			if v {
				return json.Number("1")
			}
			return json.Number("0")
		default:
			return nil
		}
		return coerceNumber(s, t)
	case reflect.Struct:
		m, ok := x.(map[string]any)
		if !ok {
			return nil
		}
		fields := jsonFields(t)
		for k, v := range m {
			ft, ok := fields.exact[k]
			if !ok {
				ft, ok = fields.folded[foldName(k)]
			}
			if !ok {
				continue
			}
			// A value that does not fit is removed, not set to null: the field keeps its zero value
			// and a type that decodes itself is not handed a null it may refuse.
			if c := coerce(v, ft); c != nil || v == nil {
				m[k] = c
			} else {
				delete(m, k)
			}
		}
		return m
	case reflect.Map:
		m, ok := x.(map[string]any)
		if !ok {
			return nil
		}
		for k, v := range m {
			m[k] = coerce(v, t.Elem())
		}
		return m
	case reflect.Slice, reflect.Array:
		s, ok := x.([]any)
		if !ok {
			return nil
		}
		for i, v := range s {
			s[i] = coerce(v, t.Elem())
		}
		return s
	}
	return x
}

// coerceNumber returns s, a number as Slack sent it (in a JSON number or a string), as a JSON number that
// fits numeric type t, or nil if it has none: not a finite number, or out of t's range. A fraction sent
// for an integer is truncated. The number is written anew, so a form that strconv reads but JSON does not
// ("+5", "0x1p4", "Inf") cannot reach the decoder.
func coerceNumber(s string, t reflect.Type) any {
	zero := reflect.Zero(t)
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(s, 10, 64)
		if errors.Is(err, strconv.ErrRange) {
			return nil // an integer beyond int64, which the float below could round back into range
		}
		if err != nil {
			f, ferr := strconv.ParseFloat(s, 64)
			// float64(math.MaxInt64) is 2⁶³, itself out of range; anything just below -2⁶³ rounds to -2⁶³,
			// so that is refused too (an exact -2⁶³ written as a fraction is the one value lost).
			if ferr != nil || math.IsNaN(f) || f <= math.MinInt64 || f >= math.MaxInt64 {
				return nil
			}
			i = int64(f)
		}
		if zero.OverflowInt(i) {
			return nil
		}
		return json.Number(strconv.FormatInt(i, 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u, err := strconv.ParseUint(s, 10, 64)
		if errors.Is(err, strconv.ErrRange) {
			return nil
		}
		if err != nil {
			f, ferr := strconv.ParseFloat(s, 64)
			// float64(math.MaxUint64) is 2⁶⁴, itself out of range.
			if ferr != nil || math.IsNaN(f) || f <= -1 || f >= math.MaxUint64 {
				return nil
			}
			u = uint64(max(f, 0))
		}
		if zero.OverflowUint(u) {
			return nil
		}
		return json.Number(strconv.FormatUint(u, 10))
	default:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || zero.OverflowFloat(f) {
			return nil
		}
		bits := 64
		if t.Kind() == reflect.Float32 {
			bits = 32
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, bits))
	}
}

var fieldCache sync.Map // reflect.Type → *jsonFieldSet

// jsonFieldSet maps the JSON names of a struct type's fields to the fields' types: by exact name, and
// by folded name for the keys encoding/json matches without regard to case.
type jsonFieldSet struct {
	exact, folded map[string]reflect.Type
}

// jsonFields returns the JSON fields of struct type t, following embedded structs the way encoding/json
// does.
func jsonFields(t reflect.Type) *jsonFieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(*jsonFieldSet)
	}
	fs := &jsonFieldSet{exact: map[string]reflect.Type{}, folded: map[string]reflect.Type{}}
	addJSONFields(t, fs.exact, 0)
	for k, v := range fs.exact {
		fs.folded[foldName(k)] = v
	}
	fieldCache.Store(t, fs)
	return fs
}

// foldName folds a key the way encoding/json folds keys and field names to match them without regard to
// case: "K", "k" and the Kelvin sign all fold to "K".
func foldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToUpper(unicode.ToLower(r)))
	}
	return b.String()
}

func addJSONFields(t reflect.Type, m map[string]reflect.Type, depth int) {
	if depth > 8 {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			addJSONFields(ft, m, depth+1)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, taken := m[name]; !taken || depth == 0 {
			m[name] = f.Type
		}
	}
}
