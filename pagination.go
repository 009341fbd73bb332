package slack

import (
	"iter"
)

// DefaultPageSize is the page size the iterators (ListAll, HistoryAll, …) ask for when the params' Limit
// is 0.
const DefaultPageSize = 200

// maxLimit is the largest page size Slack accepts for its cursor-paged methods.
const maxLimit = 1000

// paginate is the one iterator behind every <Method>All. fetch returns the items of the page at cursor
// and the cursor of the next page ("" on the last). The iterator is lazy: it fetches the first page when
// the loop starts and each further page only when the loop reaches it, so a break costs no request. It
// stops at an empty cursor or one it has already seen (a server that loops), and yields (zero, err) once
// if a page fails.
func paginate[T any](first string, fetch func(cursor string) ([]T, string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		cursor := first
		seen := map[string]bool{first: true}
		for {
			items, next, err := fetch(cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if next == "" || seen[next] {
				return
			}
			seen[next] = true
			cursor = next
		}
	}
}

// pager is implemented by the params of every paged method: where its cursor and page size live. For the
// legacy timestamp-paged methods the "cursor" is the latest timestamp and the page size is the count.
type pager interface {
	pageFields() (cursor *string, limit *int)
}

// pages builds a method's iterator from its page call: it copies params (never changing the caller's),
// asks for DefaultPageSize items a page when the limit is 0, starts at params' cursor, and hands each
// page call a copy of params holding the page's cursor. fetch returns the page's items and the next
// cursor.
func pages[P any, PP interface {
	*P
	pager
}, T any](params *P, fetch func(*P) ([]T, string, error)) iter.Seq2[T, error] {
	var p P
	if params != nil {
		p = *params
	}
	first, limit := PP(&p).pageFields()
	if *limit == 0 {
		*limit = DefaultPageSize
	}
	return paginate(*first, func(cursor string) ([]T, string, error) {
		q := p
		c, _ := PP(&q).pageFields()
		*c = cursor
		return fetch(&q)
	})
}

// checkLimit rejects a page size Slack would refuse.
func checkLimit(method string, limit int) error { return checkPageSize(method, "limit", limit) }

// checkPageSize rejects a page size Slack would refuse, naming its argument ("limit", or "count" for the
// retired timestamp-paged methods).
func checkPageSize(method, name string, n int) error {
	if n < 0 || n > maxLimit {
		return invalidArgument(method, "%s %d is out of range (0 to %d)", name, n, maxLimit)
	}
	return nil
}
