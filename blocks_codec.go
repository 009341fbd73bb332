package slack

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Block Kit values decode and encode through the codec of this file rather than through encoding/json's
// field mapping, so that nothing Slack sends is lost: a decoded value re-encodes to the same JSON, field
// for field. Each Block Kit struct embeds a keep, which remembers what the Go fields alone cannot say:
// which fields were present with their zero value (false, 0, ""), unknown fields and values that do not
// fit their field (kept as their JSON), and a "type" that was absent. An object of a type the package does
// not know decodes to the raw type of its family (RawBlock, RawElement, RawRichTextElement, RawTableCell),
// which holds its JSON as it came.

// keep is the part of a Block Kit value that only decoding fills: it is empty in a value built in Go. It
// is small, since every decoded value carries one.
type keep struct {
	// bits: for field i (i < 62) of the type's plan, bit i says that a field with omitempty was present
	// with its zero value, or that a field written even when zero (no omitempty) was absent; keepNoType is
	// a flag. A value decoded from ordinary JSON (no zero values, no unknown fields) has an empty keep,
	// and equals the same value built in Go.
	bits  uint64
	extra *[]keptField // unknown fields and values that did not fit their field, in order
}

const (
	keepNoType  uint64 = 1 << 63 // the object had no "type" of its own (a plan task, say)
	maxKitField        = 62
)

type keptField struct {
	name  string
	value []byte
}

func (k *keep) kept() *keep { return k }

// keeper is every Block Kit struct, through its embedded keep.
type keeper interface{ kept() *keep }

func (k *keep) extras() []keptField {
	if k.extra == nil {
		return nil
	}
	return *k.extra
}

func (k *keep) addExtra(name string, value []byte) {
	if k.extra == nil {
		k.extra = new([]keptField)
	}
	*k.extra = append(*k.extra, keptField{name, value})
}

func (k *keep) extraIndex(name string) int {
	for i, f := range k.extras() {
		if f.name == name {
			return i
		}
	}
	return -1
}

func (k *keep) dropExtra(name string) {
	if k.extraIndex(name) < 0 {
		return
	}
	out := (*k.extra)[:0]
	for _, f := range *k.extra {
		if f.name != name {
			out = append(out, f)
		}
	}
	*k.extra = out
}

// kitPlan is how one Block Kit struct type maps to JSON.
type kitPlan struct {
	typeName string // the fixed "type" of the struct, "" if it has none or a Type field
	always   uint64 // the bits of the fields without omitempty
	fields   []kitField
	index    map[string]int
}

// lookup finds the field named key. A scan of the few fields of a Block Kit type is quicker than a map.
func (p *kitPlan) lookup(key []byte) (int, bool) {
	for i := range p.fields {
		if len(p.fields[i].name) == len(key) && p.fields[i].name == string(key) {
			return i, true
		}
	}
	return 0, false
}

type kitField struct {
	name   string
	index  int
	always bool // no omitempty: written even when zero, unless decoded without it
	t      *kitType
}

// kitKind is how a Go type of a Block Kit value decodes.
type kitKind uint8

const (
	kindOther  kitKind = iota // a type the codec does not decode: its values do not fit
	kindString                // string
	kindBool                  // bool
	kindInt                   // int, int64
	kindFloat                 // float64
	kindRaw                   // json.RawMessage and the raw family types: the JSON as it is
	kindPtr                   // pointer to a Block Kit struct
	kindStruct                // a Block Kit struct
	kindMember                // an interface of a family (Block, BlockElement, …)
	kindSlice                 // a slice
)

// kitType is the compiled decoding of one Go type.
type kitType struct {
	kind kitKind
	typ  reflect.Type
	plan *kitPlan // kindPtr, kindStruct
	fam  *family  // kindMember
	elem *kitType // kindSlice
}

// family is a Go interface Block Kit values are decoded into by their "type".
type family struct {
	types map[string]*kitType
	raw   reflect.Type // the family's raw type, a []byte
}

var (
	// kitTypes holds the compiled types, filled in init and read-only after.
	kitTypes   = map[reflect.Type]*kitType{}
	families   map[reflect.Type]*family
	fixedTypes map[reflect.Type]string
	rawMessage = reflect.TypeFor[json.RawMessage]()
	keeperType = reflect.TypeFor[keeper]()
)

func init() {
	families = map[reflect.Type]*family{
		reflect.TypeFor[Block]():           {types: map[string]*kitType{}, raw: reflect.TypeFor[RawBlock]()},
		reflect.TypeFor[BlockElement]():    {types: map[string]*kitType{}, raw: reflect.TypeFor[RawElement]()},
		reflect.TypeFor[RichTextElement](): {types: map[string]*kitType{}, raw: reflect.TypeFor[RawRichTextElement]()},
		reflect.TypeFor[TableCell]():       {types: map[string]*kitType{}, raw: reflect.TypeFor[RawTableCell]()},
	}
	fixedTypes = map[reflect.Type]string{reflect.TypeFor[SlackIconObject](): "icon"}
	var members []struct {
		iface reflect.Type
		name  string
		t     reflect.Type
	}
	add := func(iface reflect.Type, name string, v any) {
		t := reflect.TypeOf(v)
		members = append(members, struct {
			iface reflect.Type
			name  string
			t     reflect.Type
		}{iface, name, t})
		if t != reflect.TypeFor[TextObject]() {
			fixedTypes[t] = name
		}
	}
	for _, b := range knownBlocks {
		add(reflect.TypeFor[Block](), b.BlockType(), b)
	}
	for _, e := range knownElements {
		add(reflect.TypeFor[BlockElement](), e.ElementType(), e)
	}
	add(reflect.TypeFor[BlockElement](), "plain_text", TextObject{})
	add(reflect.TypeFor[BlockElement](), "mrkdwn", TextObject{})
	for _, e := range knownRichText {
		add(reflect.TypeFor[RichTextElement](), e.RichTextType(), e)
	}
	for _, c := range knownCells {
		add(reflect.TypeFor[TableCell](), c.CellType(), c)
	}
	for _, m := range members {
		families[m.iface].types[m.name] = compileKit(m.t)
	}
	compileKit(reflect.TypeFor[Blocks]())
}

// compileKit returns the compiled type of t, compiling it (and the types of its fields) the first time.
// It runs only during init.
func compileKit(t reflect.Type) *kitType { return compileInto(kitTypes, t) }

func compileInto(table map[reflect.Type]*kitType, t reflect.Type) *kitType {
	if k, ok := table[t]; ok {
		return k
	}
	compileKit := func(t reflect.Type) *kitType { return compileInto(table, t) }
	k := &kitType{typ: t}
	table[t] = k
	switch t.Kind() {
	case reflect.String:
		k.kind = kindString
	case reflect.Bool:
		k.kind = kindBool
	case reflect.Int, reflect.Int64:
		k.kind = kindInt
	case reflect.Float64:
		k.kind = kindFloat
	case reflect.Pointer:
		if isKit(t.Elem()) {
			k.kind, k.plan = kindPtr, compileKit(t.Elem()).plan
		}
	case reflect.Struct:
		if isKit(t) {
			k.kind, k.plan = kindStruct, &kitPlan{typeName: fixedTypes[t], index: map[string]int{}}
			for i := range t.NumField() {
				sf := t.Field(i)
				tag := sf.Tag.Get("json")
				if !sf.IsExported() || tag == "" || tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if opts != "omitempty" {
					k.plan.always |= 1 << len(k.plan.fields)
				}
				k.plan.index[name] = len(k.plan.fields)
				k.plan.fields = append(k.plan.fields, kitField{name: name, index: i, always: opts != "omitempty",
					t: compileKit(sf.Type)})
			}
			if len(k.plan.fields) > maxKitField {
				panic("slack: " + t.Name() + " has too many fields")
			}
		}
	case reflect.Interface:
		if f := families[t]; f != nil {
			k.kind, k.fam = kindMember, f
		}
	case reflect.Slice:
		if t == rawMessage || isRawKit(t) {
			k.kind = kindRaw
		} else {
			k.kind, k.elem = kindSlice, compileKit(t.Elem())
		}
	}
	return k
}

// kitTypeOf returns the compiled type of t; a type init did not see is compiled apart, not stored.
func kitTypeOf(t reflect.Type) *kitType {
	if k, ok := kitTypes[t]; ok {
		return k
	}
	return compileApart(t)
}

// compileApart compiles a type outside init, on a copy of the table, so the shared one stays read-only.
func compileApart(t reflect.Type) *kitType { return compileInto(maps.Clone(kitTypes), t) }

// planOf returns the plan of Block Kit struct type t.
func planOf(t reflect.Type) *kitPlan { return kitTypeOf(t).plan }

// isKit reports whether t is a Block Kit struct type.
func isKit(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && reflect.PointerTo(t).Implements(keeperType)
}

// ---- decoding ----

// maxKitDepth bounds nesting, as encoding/json does.
const maxKitDepth = 10000

// maxTypedDepth is the nesting past which values decode raw. Real Block Kit nests a dozen levels deep.
const maxTypedDepth = 128

type kitDecoder struct {
	data  []byte
	pos   int
	depth int
}

// errKitSyntax stands for malformed JSON; unmarshalKit replaces it with encoding/json's own error.
var errKitSyntax = errors.New("slack: malformed Block Kit JSON")

// unmarshalKit decodes data into v, a pointer to a Block Kit value (struct, Blocks, or family slice).
func unmarshalKit(data []byte, v any) error {
	d := &kitDecoder{data: data}
	rv := reflect.ValueOf(v).Elem()
	if d.peek() == 'n' {
		// null leaves a value as it is, as encoding/json does; it empties a list.
		if err := d.literal("null"); err != nil {
			return syntaxError(data)
		}
		if rv.Kind() == reflect.Slice {
			rv.SetZero()
		}
	} else {
		rv.SetZero()
		fit, err := d.value(rv, kitTypeOf(rv.Type()))
		if err != nil {
			if errors.Is(err, errKitSyntax) {
				return syntaxError(data)
			}
			return err
		}
		if !fit {
			return fmt.Errorf("slack: cannot decode %.20q into %s", data, rv.Type())
		}
	}
	d.ws()
	if d.pos != len(d.data) {
		return syntaxError(data)
	}
	return nil
}

// syntaxError returns encoding/json's error for malformed data.
func syntaxError(data []byte) error {
	var x any
	if err := json.Unmarshal(data, &x); err != nil {
		return err
	}
	return errKitSyntax
}

func (d *kitDecoder) ws() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *kitDecoder) peek() byte {
	d.ws()
	if d.pos >= len(d.data) {
		return 0
	}
	return d.data[d.pos]
}

func (d *kitDecoder) literal(lit string) error {
	if !strings.HasPrefix(string(d.data[d.pos:min(len(d.data), d.pos+len(lit))]), lit) ||
		len(d.data)-d.pos < len(lit) {
		return errKitSyntax
	}
	d.pos += len(lit)
	return nil
}

// stringToken returns the bounds of the string at pos (quotes included) and whether it needs unescaping.
func (d *kitDecoder) stringToken() (start, end int, plain bool, err error) {
	start = d.pos
	plain = true
	i := d.pos + 1
	for i < len(d.data) {
		c := d.data[i]
		if plainByte[c] {
			i++
			continue
		}
		switch {
		case c == '"':
			d.pos = i + 1
			return start, i + 1, plain, nil
		case c == '\\':
			plain = false
			if i+1 >= len(d.data) {
				return 0, 0, false, errKitSyntax
			}
			switch d.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d.data) {
					return 0, 0, false, errKitSyntax
				}
				for _, h := range d.data[i+2 : i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return 0, 0, false, errKitSyntax
					}
				}
				i += 6
			default:
				return 0, 0, false, errKitSyntax
			}
			continue
		case c < 0x20:
			return 0, 0, false, errKitSyntax
		case c >= utf8.RuneSelf:
			plain = false
		}
		i++
	}
	return 0, 0, false, errKitSyntax
}

// plainByte marks the bytes a JSON string holds as they are: printable ASCII but the quote and backslash.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string token.
func (d *kitDecoder) str() (string, error) {
	start, end, plain, err := d.stringToken()
	if err != nil {
		return "", err
	}
	if plain {
		return string(d.data[start+1 : end-1]), nil
	}
	if !strings.ContainsRune(string(d.data[start:end]), '\\') && utf8.Valid(d.data[start+1:end-1]) {
		return string(d.data[start+1 : end-1]), nil
	}
	var s string
	if json.Unmarshal(d.data[start:end], &s) != nil {
		return "", errKitSyntax
	}
	return s, nil
}

// number reads a number token.
func (d *kitDecoder) number() (string, error) {
	start := d.pos
	i := d.pos
	if i < len(d.data) && d.data[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d.data) && d.data[i] >= '0' && d.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(d.data) && d.data[i] == '0' {
		i++
	} else if digits() == 0 {
		return "", errKitSyntax
	}
	if i < len(d.data) && d.data[i] == '.' {
		i++
		if digits() == 0 {
			return "", errKitSyntax
		}
	}
	if i < len(d.data) && (d.data[i] == 'e' || d.data[i] == 'E') {
		i++
		if i < len(d.data) && (d.data[i] == '+' || d.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			return "", errKitSyntax
		}
	}
	d.pos = i
	return string(d.data[start:i]), nil
}

// skip passes over one value, checking its syntax.
func (d *kitDecoder) skip() error {
	switch d.peek() {
	case '"':
		_, _, _, err := d.stringToken()
		return err
	case '{':
		return d.container('}', true)
	case '[':
		return d.container(']', false)
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	default:
		_, err := d.number()
		return err
	}
}

func (d *kitDecoder) container(closer byte, object bool) error {
	if d.depth++; d.depth > maxKitDepth {
		return errors.New("slack: Block Kit JSON nested too deeply")
	}
	defer func() { d.depth-- }()
	d.pos++
	if d.peek() == closer {
		d.pos++
		return nil
	}
	for {
		if object {
			if d.peek() != '"' {
				return errKitSyntax
			}
			if _, _, _, err := d.stringToken(); err != nil {
				return err
			}
			if d.peek() != ':' {
				return errKitSyntax
			}
			d.pos++
		}
		if err := d.skip(); err != nil {
			return err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case closer:
			d.pos++
			return nil
		default:
			return errKitSyntax
		}
	}
}

// value decodes the value at pos into v, of compiled type k. A value that does not fit v's type is
// passed over and reported with fit false; v is then left zero.
func (d *kitDecoder) value(v reflect.Value, k *kitType) (fit bool, err error) {
	c := d.peek()
	switch k.kind {
	case kindString:
		if c != '"' {
			return false, d.skip()
		}
		s, err := d.str()
		v.SetString(s)
		return true, err
	case kindBool:
		switch c {
		case 't':
			v.SetBool(true)
			return true, d.literal("true")
		case 'f':
			v.SetBool(false)
			return true, d.literal("false")
		}
		return false, d.skip()
	case kindInt:
		if c != '-' && (c < '0' || c > '9') {
			return false, d.skip()
		}
		s, err := d.number()
		if err != nil {
			return false, err
		}
		n, perr := strconv.ParseInt(s, 10, 64)
		if perr != nil || v.OverflowInt(n) {
			return false, nil
		}
		v.SetInt(n)
		return true, nil
	case kindFloat:
		if c != '-' && (c < '0' || c > '9') {
			return false, d.skip()
		}
		s, err := d.number()
		if err != nil {
			return false, err
		}
		f, perr := strconv.ParseFloat(s, 64)
		if perr != nil {
			return false, nil
		}
		v.SetFloat(f)
		return true, nil
	case kindRaw:
		start := d.pos
		if err := d.skip(); err != nil {
			return false, err
		}
		v.SetBytes(append([]byte(nil), d.data[start:d.pos]...))
		return true, nil
	case kindPtr:
		if c != '{' {
			return false, d.skip()
		}
		p := reflect.New(k.typ.Elem())
		if err := d.object(p.Elem(), k.plan); err != nil {
			return false, err
		}
		v.Set(p)
		return true, nil
	case kindStruct:
		if c != '{' {
			return false, d.skip()
		}
		return true, d.object(v, k.plan)
	case kindMember:
		return true, d.member(v, k.fam)
	case kindSlice:
		if c != '[' {
			return false, d.skip()
		}
		return d.array(v, k)
	}
	return false, d.skip()
}

func (d *kitDecoder) array(v reflect.Value, k *kitType) (fit bool, err error) {
	if d.depth++; d.depth > maxKitDepth {
		return false, errors.New("slack: Block Kit JSON nested too deeply")
	}
	defer func() { d.depth-- }()
	d.pos++
	if d.peek() == ']' {
		d.pos++
		v.Set(reflect.MakeSlice(k.typ, 0, 0))
		return true, nil
	}
	s := reflect.MakeSlice(k.typ, 4, 4)
	n := 0
	fit = true
	for {
		if fit {
			if n == s.Len() {
				grown := reflect.MakeSlice(k.typ, 2*n, 2*n)
				reflect.Copy(grown, s)
				s = grown
			}
			if k.elem.kind == kindPtr && d.peek() == 'n' {
				// A null item of a list of objects (a table's column settings) stays a nil pointer.
				if err := d.literal("null"); err != nil {
					return false, err
				}
			} else {
				ok, err := d.value(s.Index(n), k.elem)
				if err != nil {
					return false, err
				}
				fit = ok
			}
			n++
		} else if err := d.skip(); err != nil {
			return false, err
		}
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			if fit {
				v.Set(s.Slice3(0, n, n))
			}
			return fit, nil
		default:
			return false, errKitSyntax
		}
	}
}

// member decodes one value of a family (Block, BlockElement, …): a known "type" to its Go type, anything
// else to the family's raw type.
func (d *kitDecoder) member(v reflect.Value, fam *family) error {
	// Past maxTypedDepth, values stay raw: finding the "type" of an object may mean passing over all of it
	// once, and once per enclosing level would grow with the square of the depth.
	if d.peek() == '{' && d.depth < maxTypedDepth {
		if k := d.leadingType(fam); k != nil {
			// The object starts with its "type", as Slack writes them: read on from there.
			p := reflect.New(k.typ)
			if err := d.objectAt(p.Elem(), k.plan, true); err != nil {
				return err
			}
			setMember(v, p.Elem().Interface())
			return nil
		}
		if k := d.typeOf(fam); k != nil {
			p := reflect.New(k.typ)
			if err := d.object(p.Elem(), k.plan); err != nil {
				return err
			}
			setMember(v, p.Elem().Interface())
			return nil
		}
	}
	start := d.pos
	if err := d.skip(); err != nil {
		return err
	}
	raw := reflect.New(fam.raw).Elem()
	raw.SetBytes(append([]byte(nil), d.data[start:d.pos]...))
	setMember(v, raw.Interface())
	return nil
}

// setMember stores x in v, a Block, BlockElement, RichTextElement or TableCell, by a type assertion
// rather than reflect's slower check that x's type implements v's.
func setMember(v reflect.Value, x any) {
	switch p := v.Addr().Interface().(type) {
	case *Block:
		*p = x.(Block)
	case *BlockElement:
		*p = x.(BlockElement)
	case *RichTextElement:
		*p = x.(RichTextElement)
	case *TableCell:
		*p = x.(TableCell)
	default:
		v.Set(reflect.ValueOf(x))
	}
}

// leadingType reads the first member of the object at pos if it is a "type" naming a type of fam that
// has a fixed type, and returns that type with pos after it; otherwise it returns nil and does not move.
func (d *kitDecoder) leadingType(fam *family) *kitType {
	save := d.pos
	d.pos++
	if d.peek() == '"' {
		start, end, plain, err := d.stringToken()
		if err == nil && plain && string(d.data[start:end]) == `"type"` && d.peek() == ':' {
			d.pos++
			if d.peek() == '"' {
				vs, ve, vplain, err := d.stringToken()
				if err == nil && vplain {
					if k := fam.types[string(d.data[vs+1:ve-1])]; k != nil && k.plan.typeName != "" {
						return k
					}
				}
			}
		}
	}
	d.pos = save
	return nil
}

// typeOf finds the type of fam named by the "type" of the object at pos, without moving; nil if the
// object has no "type" or one fam does not know.
func (d *kitDecoder) typeOf(fam *family) *kitType {
	save, depth := d.pos, d.depth
	defer func() { d.pos, d.depth = save, depth }()
	d.pos++
	if d.peek() == '}' {
		return nil
	}
	for {
		if d.peek() != '"' {
			return nil
		}
		start, end, _, err := d.stringToken()
		if err != nil || d.peek() != ':' {
			return nil
		}
		d.pos++
		if string(d.data[start:end]) == `"type"` && d.peek() == '"' {
			s, e, plain, err := d.stringToken()
			if err != nil {
				return nil
			}
			if plain {
				return fam.types[string(d.data[s+1:e-1])]
			}
			d.pos = s
			name, err := d.str()
			if err != nil {
				return nil
			}
			return fam.types[name]
		}
		if d.skip() != nil {
			return nil
		}
		if d.peek() != ',' {
			return nil
		}
		d.pos++
	}
}

// object decodes the object at pos into v, a Block Kit struct of plan p.
func (d *kitDecoder) object(v reflect.Value, p *kitPlan) error { return d.objectAt(v, p, false) }

// objectAt decodes an object into v, a Block Kit struct of plan p. With typed, the opening brace and a
// first "type" naming p's type were read already.
func (d *kitDecoder) objectAt(v reflect.Value, p *kitPlan, typed bool) error {
	if d.depth++; d.depth > maxKitDepth {
		return errors.New("slack: Block Kit JSON nested too deeply")
	}
	defer func() { d.depth-- }()
	k := v.Addr().Interface().(keeper).kept()
	sawType := typed
	var seen uint64 // the fields read, with a value that fits
	end := func() error {
		d.pos++
		if p.typeName != "" && !sawType {
			k.bits |= keepNoType
		}
		k.bits = k.bits&^p.always | p.always&^seen
		return nil
	}
	if !typed {
		d.pos++
		if d.peek() == '}' {
			return end()
		}
	}
	for first := !typed; ; first = false {
		if !first {
			switch d.peek() {
			case ',':
				d.pos++
			case '}':
				return end()
			default:
				return errKitSyntax
			}
		}
		if d.peek() != '"' {
			return errKitSyntax
		}
		start, end, plain, err := d.stringToken()
		if err != nil {
			return err
		}
		var name string
		var i int
		var known bool
		if plain {
			i, known = p.lookup(d.data[start+1 : end-1])
		} else {
			d.pos = start
			if name, err = d.str(); err != nil {
				return err
			}
			i, known = p.index[name]
		}
		if d.peek() != ':' {
			return errKitSyntax
		}
		d.pos++
		d.ws()
		vstart := d.pos
		keyIsType := p.typeName != "" && (plain && string(d.data[start+1:end-1]) == "type" || !plain && name == "type")
		switch {
		case keyIsType:
			if d.peek() == '"' {
				s, e, plainValue, err := d.stringToken()
				if err != nil {
					return err
				}
				match := plainValue && string(d.data[s+1:e-1]) == p.typeName
				if !plainValue {
					d.pos = s
					tn, err := d.str()
					if err != nil {
						return err
					}
					match = tn == p.typeName
				}
				if match {
					sawType = true
					k.dropExtra("type")
					break
				}
			} else if err := d.skip(); err != nil {
				return err
			}
			sawType = false
			k.dropExtra("type")
			k.addExtra("type", append([]byte(nil), d.data[vstart:d.pos]...))
		case known:
			pf := &p.fields[i]
			f := v.Field(pf.index)
			if seen&(1<<i) != 0 {
				f.SetZero() // a second value for the field
			}
			fit, err := d.value(f, pf.t)
			if err != nil {
				return err
			}
			if k.extra != nil {
				k.dropExtra(pf.name)
			}
			bit := uint64(1) << i
			k.bits &^= bit
			seen &^= bit
			if !fit {
				f.SetZero()
				k.addExtra(pf.name, append([]byte(nil), d.data[vstart:d.pos]...))
			} else {
				seen |= bit
				if pf.t.kind <= kindFloat && !pf.always && f.IsZero() {
					k.bits |= bit
				}
			}
		default:
			if plain {
				name = string(d.data[start+1 : end-1])
			}
			if err := d.skip(); err != nil {
				return err
			}
			k.addExtra(name, append([]byte(nil), d.data[vstart:d.pos]...))
		}
	}
}

// ---- encoding ----

// marshalKit encodes v, a pointer to a Block Kit value.
func marshalKit(v any) ([]byte, error) {
	return appendKit(make([]byte, 0, 256), reflect.ValueOf(v).Elem())
}

// appendKit appends the JSON of v, which must be addressable when it is a struct.
func appendKit(b []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.String:
		return appendJSONString(b, v.String()), nil
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), nil
	case reflect.Int, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case reflect.Float64:
		return appendFloat(b, v.Float())
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		return appendKit(b, v.Elem())
	case reflect.Struct:
		if !isKit(v.Type()) {
			return appendMarshal(b, v)
		}
		if !v.CanAddr() {
			c := reflect.New(v.Type()).Elem()
			c.Set(v)
			v = c
		}
		return appendObject(b, v)
	case reflect.Interface:
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		e := v.Elem()
		if e.Kind() == reflect.Struct && isKit(e.Type()) || isRawKit(e.Type()) {
			return appendKit(b, e)
		}
		return appendMarshal(b, e)
	case reflect.Slice:
		if v.Type() == rawMessage || isRawKit(v.Type()) {
			raw := v.Bytes()
			if len(raw) == 0 {
				return append(b, "null"...), nil
			}
			if !json.Valid(raw) {
				return nil, fmt.Errorf("slack: %s is not valid JSON", v.Type().Name())
			}
			return append(b, raw...), nil
		}
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendKit(b, v.Index(i)); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	return appendMarshal(b, v)
}

// isRawKit reports whether t is one of the raw family types.
func isRawKit(t reflect.Type) bool {
	for _, f := range families {
		if f.raw == t {
			return true
		}
	}
	return false
}

func appendMarshal(b []byte, v reflect.Value) ([]byte, error) {
	out, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, err
	}
	return append(b, out...), nil
}

func appendObject(b []byte, v reflect.Value) ([]byte, error) {
	p := planOf(v.Type())
	k := v.Addr().Interface().(keeper).kept()
	b = append(b, '{')
	n := 0
	if p.typeName != "" && k.bits&keepNoType == 0 && k.extraIndex("type") < 0 {
		b = append(b, `"type":`...)
		b = appendJSONString(b, p.typeName)
		n++
	}
	var written uint64
	for i, f := range p.fields {
		fv := v.Field(f.index)
		switch fv.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice:
			if fv.IsNil() {
				continue
			}
		default:
			if fv.IsZero() && (f.always == (k.bits&(1<<i) != 0)) {
				continue
			}
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, f.name)
		b = append(b, ':')
		var err error
		if b, err = appendKit(b, fv); err != nil {
			return nil, err
		}
		written |= 1 << i
		n++
	}
	for _, x := range k.extras() {
		if i, ok := p.index[x.name]; ok && written&(1<<i) != 0 {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, x.name)
		b = append(b, ':')
		b = append(b, x.value...)
		n++
	}
	return append(b, '}'), nil
}

func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("slack: unsupported number %v", f)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, 64), nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes U+FFFD, as with encoding/json.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
