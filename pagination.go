package slack

import (
	"iter"
	"strconv"
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
// asks for size items a page when the limit is 0 (DefaultPageSize, or a method's own default), starts at params' cursor, and hands each
// page call a copy of params holding the page's cursor. fetch returns the page's items and the next
// cursor.
func pages[P any, PP interface {
	*P
	pager
}, T any](params *P, size int, fetch func(*P) ([]T, string, error)) iter.Seq2[T, error] {
	var p P
	if params != nil {
		p = *params
	}
	first, limit := PP(&p).pageFields()
	if *limit == 0 {
		*limit = size
	}
	return paginate(*first, func(cursor string) ([]T, string, error) {
		q := p
		c, _ := PP(&q).pageFields()
		*c = cursor
		return fetch(&q)
	})
}

// numberedPageSize is the page size the page-number iterators (files.list, search.messages) ask for when
// the params' Count is 0.
const numberedPageSize = 100

// Paging is the page-number paging object of files.list and search.messages: Count items a page, Total
// items in all, this Page (from 1) of Pages.
type Paging struct {
	Count int `json:"count"`
	Total int `json:"total"`
	Page  int `json:"page"`
	Pages int `json:"pages"`
}

// numberedPager is implemented by the params of the page-number paged methods: where their page number
// and page size live.
type numberedPager interface {
	pageNumberFields() (page *int, count *int)
}

// numberedPages is the page-number variant of pages, built on the same paginate: it copies params (never
// changing the caller's), asks for numberedPageSize items a page when the count is 0, starts at params'
// page (or 1), and hands each page call a copy of params holding the page's number. fetch returns the
// page's items and its paging object; the iterator stops after the last page (Paging.Pages), at an
// empty page, or at a page whose Paging.Page is not the one asked for (a server that ignores the page
// number, whose items it does not yield again), so a server that reports no paging ends the iteration
// after its first page.
func numberedPages[P any, PP interface {
	*P
	numberedPager
}, T any](params *P, fetch func(*P) ([]T, Paging, error)) iter.Seq2[T, error] {
	var p P
	if params != nil {
		p = *params
	}
	first, count := PP(&p).pageNumberFields()
	if *count == 0 {
		*count = numberedPageSize
	}
	return paginate(strconv.Itoa(max(*first, 1)), func(cursor string) ([]T, string, error) {
		n, _ := strconv.Atoi(cursor) // always a number paginate got from this function
		q := p
		page, _ := PP(&q).pageNumberFields()
		*page = n
		items, paging, err := fetch(&q)
		if err == nil && n > max(*first, 1) && paging.Page != 0 && paging.Page != n {
			// A server that answers another page than the one asked for ignores the page number: its
			// items were yielded already, and asking on would loop.
			return nil, "", nil
		}
		if err != nil || len(items) == 0 || n >= paging.Pages {
			return items, "", err
		}
		return items, strconv.Itoa(n + 1), nil
	})
}

// checkLimit rejects a page size Slack would refuse.
func checkLimit(method string, limit int) error { return checkPageSize(method, "limit", limit) }

// pageSize is the default page size of method's iterator on c: nonMarketplacePageSize for the methods
// WithNonMarketplaceLimits limits, DefaultPageSize otherwise.
func (c *Client) pageSize(method string) int {
	if c.cfg.nonMarketplace && nonMarketplaceMethods[method] {
		return nonMarketplacePageSize
	}
	return DefaultPageSize
}

// checkHistoryLimit rejects a page size Slack would refuse for conversations.history or
// conversations.replies, which are capped at nonMarketplacePageSize under WithNonMarketplaceLimits.
func (c *Client) checkHistoryLimit(method string, limit int) error {
	if c.cfg.nonMarketplace && limit > nonMarketplacePageSize {
		return invalidArgument(method, "limit %d is more than %d, the most Slack returns to an app outside the Marketplace (WithNonMarketplaceLimits)",
			limit, nonMarketplacePageSize)
	}
	return checkLimit(method, limit)
}

// checkPageSize rejects a page size Slack would refuse, naming its argument ("limit", or "count" for the
// retired timestamp-paged methods).
func checkPageSize(method, name string, n int) error {
	if n < 0 || n > maxLimit {
		return invalidArgument(method, "%s %d is out of range (0 to %d)", name, n, maxLimit)
	}
	return nil
}
