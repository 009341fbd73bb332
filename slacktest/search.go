package slacktest

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

var searchHandlers = map[string]handler{
	"search.messages": searchMessages,
}

// Slack's search pages.
const (
	defaultSearchCount = 20
	maxSearchCount     = 100
	maxSearchPages     = 100
)

// searchQuery is a parsed query: words and phrases every match holds, and the in: and from: modifiers.
type searchQuery struct {
	terms []string // lower-case
	in    []string // conversation IDs or names, lower-case names
	from  []string // user IDs or names
}

// parseSearch reads a query the way Slack does for the parts the workspace knows: words, "quoted
// phrases", in:#channel (or in:<#C…>, in:C…) and from:@user (or from:<@U…>, from:U…).
func parseSearch(q string) searchQuery {
	var sq searchQuery
	for _, tok := range splitQuery(q) {
		switch {
		case strings.HasPrefix(tok, "in:"):
			v := strings.TrimPrefix(tok, "in:")
			v = strings.TrimSuffix(strings.TrimPrefix(v, "<#"), ">")
			v, _, _ = strings.Cut(v, "|")
			sq.in = append(sq.in, strings.TrimPrefix(v, "#"))
		case strings.HasPrefix(tok, "from:"):
			v := strings.TrimPrefix(tok, "from:")
			v = strings.TrimSuffix(strings.TrimPrefix(v, "<@"), ">")
			v, _, _ = strings.Cut(v, "|")
			sq.from = append(sq.from, strings.TrimPrefix(v, "@"))
		default:
			sq.terms = append(sq.terms, strings.ToLower(tok))
		}
	}
	return sq
}

// splitQuery splits a query into words and "quoted phrases".
func splitQuery(q string) []string {
	var out []string
	for i, part := range strings.Split(q, `"`) {
		if i%2 == 1 {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
			continue
		}
		out = append(out, strings.Fields(part)...)
	}
	return out
}

// matches reports whether message m in ch by author matches the query.
func (sq searchQuery) matches(ch *Channel, m *Message, author *User) bool {
	if len(sq.in) > 0 && !slices.ContainsFunc(sq.in, func(v string) bool {
		return v == ch.ID || strings.EqualFold(v, ch.Name) && ch.Name != ""
	}) {
		return false
	}
	if len(sq.from) > 0 && !slices.ContainsFunc(sq.from, func(v string) bool {
		return v == m.User || author != nil && strings.EqualFold(v, author.Name)
	}) {
		return false
	}
	text := strings.ToLower(m.Text)
	for _, t := range sq.terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return len(sq.terms) > 0 || len(sq.in) > 0 || len(sq.from) > 0
}

// highlight wraps each term in text in Slack's highlight marks (U+E000 and U+E001).
func highlight(text string, terms []string) string {
	for _, t := range terms {
		lower := strings.ToLower(text)
		var b strings.Builder
		for i := 0; ; {
			j := strings.Index(lower[i:], t)
			if j < 0 || t == "" {
				b.WriteString(text[i:])
				break
			}
			j += i
			b.WriteString(text[i:j] + "\ue000" + text[j:j+len(t)] + "\ue001")
			i = j + len(t)
		}
		text = b.String()
	}
	return text
}

// searchNumber reads a page-number argument: def when absent or not a positive number.
func (c *call) searchNumber(name string, def int) int {
	n, err := strconv.Atoi(c.arg(name))
	if err != nil || n < 1 {
		return def
	}
	return n
}

func searchMessages(c *call) *answer {
	if t := c.ws.tokens[c.token]; t == nil || t.Kind() == "bot" || t.Kind() == "app" || c.caller.IsBot {
		return fail("not_allowed_token_type")
	}
	query := c.arg("query")
	if query == "" {
		return fail("no_query")
	}
	def := defaultSearchCount
	if c.ws.pageSize > 0 {
		def = min(c.ws.pageSize, maxSearchCount)
	}
	count := min(c.searchNumber("count", def), maxSearchCount)
	page := c.searchNumber("page", 1)

	sq := parseSearch(query)
	type hit struct {
		ch *Channel
		m  *Message
	}
	var hits []hit
	for _, ch := range c.ws.channels {
		if !c.canSee(ch) {
			continue
		}
		for _, m := range c.ws.messages[ch.ID] {
			if m.Subtype != "tombstone" && sq.matches(ch, m, c.ws.users[m.User]) {
				hits = append(hits, hit{ch, m})
			}
		}
	}
	asc := c.arg("sort_dir") == "asc"
	slices.SortFunc(hits, func(a, b hit) int {
		na, _ := tsMicros(a.m.TS)
		nb, _ := tsMicros(b.m.TS)
		d := cmp.Or(cmp.Compare(na, nb), strings.Compare(a.ch.ID, b.ch.ID))
		if asc {
			return d
		}
		return -d
	})

	total := len(hits)
	pages := min((total+count-1)/count, maxSearchPages)
	start := min((page-1)*count, total)
	if page > maxSearchPages {
		start = total
	}
	end := min(start+count, total)
	matches := []obj{}
	for _, h := range hits[start:end] {
		text := h.m.Text
		if c.flag("highlight") {
			text = highlight(text, sq.terms)
		}
		match := obj{"type": "message", "iid": h.ch.ID + "-" + h.m.TS, "ts": h.m.TS, "text": text, "user": h.m.User,
			"team": TeamID, "permalink": permalink(h.m),
			"channel": obj{"id": h.ch.ID, "name": h.ch.Name, "is_private": h.ch.IsPrivate, "is_mpim": h.ch.IsMPIM,
				"is_im": h.ch.IsIM, "is_shared": false, "is_ext_shared": false, "is_org_shared": false,
				"is_pending_ext_shared": false, "pending_shared": []string{}}}
		if u := c.ws.users[h.m.User]; u != nil {
			match["username"] = u.Name
		}
		if h.m.Username != "" {
			match["username"] = h.m.Username
		}
		matches = append(matches, match)
	}
	first, last := 0, 0
	if end > start {
		first, last = start+1, end
	}
	return ok(obj{"query": query, "messages": obj{
		"matches": matches, "total": total,
		"paging": obj{"count": count, "total": total, "page": page, "pages": pages},
		"pagination": obj{"total_count": total, "page": page, "per_page": count, "page_count": pages,
			"first": first, "last": last},
	}})
}
