package slack

import (
	"errors"
	"slices"
	"testing"
)

// numberedTestParams stands in for the params of a page-number paged method.
type numberedTestParams struct {
	Query string
	Page  int
	Count int
}

func (p *numberedTestParams) pageNumberFields() (*int, *int) { return &p.Page, &p.Count }

// numberedServer answers page-number page calls over items, pageSize a page, like files.list does, and
// records every call's params.
type numberedServer struct {
	items    []int
	calls    []numberedTestParams
	failPage int  // a page that fails, 0 for none
	pages    int  // overrides the reported page count when not 0
	noPaging bool // answers without a paging object
	stuck    bool // ignores the page number: answers the first page, saying it is page 1
}

var errNumberedFetch = errors.New("page failed")

func (s *numberedServer) fetch(p *numberedTestParams) ([]int, Paging, error) {
	s.calls = append(s.calls, *p)
	if p.Page == s.failPage {
		return nil, Paging{}, errNumberedFetch
	}
	pages := (len(s.items) + p.Count - 1) / p.Count
	if s.pages != 0 {
		pages = s.pages
	}
	if s.noPaging {
		pages = 0
	}
	if s.stuck {
		end := min(p.Count, len(s.items))
		return s.items[:end], Paging{Count: p.Count, Total: len(s.items), Page: 1, Pages: pages}, nil
	}
	start := min((p.Page-1)*p.Count, len(s.items))
	end := min(start+p.Count, len(s.items))
	return s.items[start:end], Paging{Count: p.Count, Total: len(s.items), Page: p.Page, Pages: pages}, nil
}

func collectNumbered(t *testing.T, s *numberedServer, params *numberedTestParams) ([]int, error) {
	t.Helper()
	var got []int
	for v, err := range numberedPages(params, s.fetch) {
		if err != nil {
			return got, err
		}
		got = append(got, v)
	}
	return got, nil
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}

func TestNumberedPagesWalksEveryPageAndStopsAtTheLast(t *testing.T) {
	s := &numberedServer{items: seq(7)}
	params := &numberedTestParams{Query: "q", Count: 3}
	got, err := collectNumbered(t, s, params)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, seq(7)) {
		t.Fatalf("items = %v, want %v", got, seq(7))
	}
	want := []numberedTestParams{{"q", 1, 3}, {"q", 2, 3}, {"q", 3, 3}}
	if !slices.Equal(s.calls, want) {
		t.Fatalf("page calls = %v, want %v", s.calls, want)
	}
	if *params != (numberedTestParams{Query: "q", Count: 3}) {
		t.Fatalf("the caller's params changed: %+v", *params)
	}
}

func TestNumberedPagesDefaultsAndStart(t *testing.T) {
	s := &numberedServer{items: seq(250)}
	got, err := collectNumbered(t, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 250 || len(s.calls) != 3 || s.calls[0].Count != 100 || s.calls[2].Page != 3 {
		t.Fatalf("nil params: %d items over calls %v, want 250 over 3 pages of 100", len(got), s.calls)
	}

	s = &numberedServer{items: seq(10)}
	got, err = collectNumbered(t, s, &numberedTestParams{Page: 3, Count: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int{7, 8, 9, 10}) || len(s.calls) != 2 || s.calls[0].Page != 3 {
		t.Fatalf("from page 3: items %v over calls %v", got, s.calls)
	}

	s = &numberedServer{items: seq(4)}
	if got, _ = collectNumbered(t, s, &numberedTestParams{Page: -5, Count: 2}); !slices.Equal(got, seq(4)) ||
		s.calls[0].Page != 1 {
		t.Fatalf("a negative page starts at 1: items %v over calls %v", got, s.calls)
	}
}

func TestNumberedPagesStopsAtAnEmptyPageOrMissingPaging(t *testing.T) {
	// A server that claims more pages than it has: the first empty page ends the loop.
	s := &numberedServer{items: seq(4), pages: 1000}
	got, err := collectNumbered(t, s, &numberedTestParams{Count: 2})
	if err != nil || !slices.Equal(got, seq(4)) || len(s.calls) != 3 {
		t.Fatalf("items %v, err %v over %d calls, want 4 items over 3 calls", got, err, len(s.calls))
	}
	// A server that sends no paging object (Pages 0): one page only, no loop.
	s = &numberedServer{items: seq(4), noPaging: true}
	got, err = collectNumbered(t, s, &numberedTestParams{Count: 2})
	if err != nil || !slices.Equal(got, []int{1, 2}) || len(s.calls) != 1 {
		t.Fatalf("items %v, err %v over %d calls, want the first page only", got, err, len(s.calls))
	}
}

func TestNumberedPagesErrorAndBreak(t *testing.T) {
	s := &numberedServer{items: seq(6), failPage: 2}
	var got []int
	errs := 0
	for v, err := range numberedPages(&numberedTestParams{Count: 2}, s.fetch) {
		if err != nil {
			if !errors.Is(err, errNumberedFetch) || v != 0 {
				t.Fatalf("yielded (%v, %v), want (0, the page's error)", v, err)
			}
			errs++
			continue
		}
		got = append(got, v)
	}
	if errs != 1 || !slices.Equal(got, []int{1, 2}) || len(s.calls) != 2 {
		t.Fatalf("items %v, %d errors, %d calls: want the first page, one error, no call after it", got, errs,
			len(s.calls))
	}

	s = &numberedServer{items: seq(6)}
	it := numberedPages(&numberedTestParams{Count: 2}, s.fetch)
	if len(s.calls) != 0 {
		t.Fatal("building the iterator sent a request")
	}
	for v := range it {
		if v == 2 {
			break
		}
	}
	if len(s.calls) != 1 {
		t.Fatalf("a break within the first page made %d calls, want 1", len(s.calls))
	}
}

// TestNumberedPagesStopsWhenTheServerIgnoresThePage: a server that answers page 1 whatever page is asked
// for, while reporting many pages, gets one more call, and nothing is yielded twice.
func TestNumberedPagesStopsWhenTheServerIgnoresThePage(t *testing.T) {
	s := &numberedServer{items: seq(10), pages: 1000, stuck: true}
	got, err := collectNumbered(t, s, &numberedTestParams{Count: 3})
	if err != nil || !slices.Equal(got, seq(3)) || len(s.calls) != 2 {
		t.Fatalf("items %v over %d calls, %v; want the first page once, over 2 calls", got, len(s.calls), err)
	}
	// Starting at a later page, the first answer is taken as it comes.
	s = &numberedServer{items: seq(10), pages: 1000, stuck: true}
	got, err = collectNumbered(t, s, &numberedTestParams{Page: 3, Count: 3})
	if err != nil || !slices.Equal(got, seq(3)) || len(s.calls) != 2 {
		t.Fatalf("from page 3: items %v over %d calls, %v", got, len(s.calls), err)
	}
}
