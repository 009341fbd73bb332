package slack

import (
	"context"
	"iter"
)

// SearchService holds search.messages.
type SearchService service

// maxSearchCount is the largest page Slack's search answers.
const maxSearchCount = 100

// SearchMessagesParams are the optional arguments of Search.Messages and Search.MessagesAll.
type SearchMessagesParams struct {
	// Page is the page to return, from 1 (0 means 1). MessagesAll starts there.
	Page int `url:"page,omitempty"`
	// Count is the page size, at most 100; Slack's default is 20, MessagesAll asks for 100 when it is 0.
	Count int `url:"count,omitempty"`
	// Sort is "score" (the default) or "timestamp".
	Sort string `url:"sort,omitempty"`
	// SortDir is "desc" (the default) or "asc".
	SortDir string `url:"sort_dir,omitempty"`
	// Highlight marks the matched words in each match's Text.
	Highlight bool `url:"highlight,omitempty"`
	// TeamID names the workspace to search, for an organization-wide token of Enterprise Grid.
	TeamID string `url:"team_id,omitempty"`
}

func (p *SearchMessagesParams) pageNumberFields() (*int, *int) { return &p.Page, &p.Count }

// SearchMessagesResponse is one page of the messages that match a query.
type SearchMessagesResponse struct {
	// Query is the query as Slack read it.
	Query string
	// Matches are the page's messages.
	Matches []SearchMatch
	// Total is the number of matching messages in all.
	Total int
	// Paging says which page this is, and how many there are.
	Paging Paging
}

// SearchMatch is a message that matched a search. Channel holds the ID and name of its conversation,
// and what kind of conversation it is.
type SearchMatch struct {
	Type        string       `json:"type,omitempty"`
	IID         string       `json:"iid,omitempty"`
	TS          string       `json:"ts"`
	Text        string       `json:"text,omitempty"`
	User        string       `json:"user,omitempty"`
	Username    string       `json:"username,omitempty"`
	Team        string       `json:"team,omitempty"`
	Channel     Conversation `json:"channel"`
	Permalink   string       `json:"permalink,omitempty"`
	Blocks      Blocks       `json:"blocks,omitempty"`
	Attachments []Attachment `json:"attachments,omitempty"`
	// Score is how well the message matched, when sorting by score.
	Score float64 `json:"score,omitempty"`
}

type searchMessagesRequest struct {
	Query                 string `url:"query"`
	*SearchMessagesParams `url:",omitempty"`
}

// Messages returns one page of the messages the token's user can see that match query, which may use
// Slack's modifiers ("in:#general from:@alice deploy"). It takes a user token: Slack refuses bot tokens
// with ErrNotAllowedTokenType.
//
// Slack API: https://api.slack.com/methods/search.messages (Tier 2, search:read; user tokens only).
// Retried on 5xx and connection errors.
func (s *SearchService) Messages(ctx context.Context, query string, params *SearchMessagesParams) (*SearchMessagesResponse, error) {
	const method = "search.messages"
	if err := required(method, "query", query); err != nil {
		return nil, err
	}
	if params != nil {
		if params.Count < 0 || params.Count > maxSearchCount {
			return nil, invalidArgument(method, "count %d is out of range (0 to %d)", params.Count, maxSearchCount)
		}
		if params.Page < 0 {
			return nil, invalidArgument(method, "page %d is negative", params.Page)
		}
		switch params.Sort {
		case "", "score", "timestamp":
		default:
			return nil, invalidArgument(method, "sort %q is not score or timestamp", params.Sort)
		}
		switch params.SortDir {
		case "", "asc", "desc":
		default:
			return nil, invalidArgument(method, "sort_dir %q is not asc or desc", params.SortDir)
		}
	}
	var out struct {
		envelope
		Query    string `json:"query"`
		Messages struct {
			Matches []SearchMatch `json:"matches"`
			Total   int           `json:"total"`
			Paging  Paging        `json:"paging"`
		} `json:"messages"`
	}
	if err := s.client.Call(ctx, method, searchMessagesRequest{query, params}, &out); err != nil {
		return nil, err
	}
	return &SearchMessagesResponse{Query: out.Query, Matches: out.Messages.Matches, Total: out.Messages.Total,
		Paging: out.Messages.Paging}, nil
}

// MessagesAll iterates over every message that matches query, fetching pages of params.Count (100 if 0)
// by page number as the loop needs them, from params.Page (or the first), and stopping after the last
// page.
//
// Slack API: https://api.slack.com/methods/search.messages (Tier 2, search:read; user tokens only)
func (s *SearchService) MessagesAll(ctx context.Context, query string, params *SearchMessagesParams) iter.Seq2[SearchMatch, error] {
	return numberedPages(params, func(p *SearchMessagesParams) ([]SearchMatch, Paging, error) {
		r, err := s.Messages(ctx, query, p)
		if err != nil {
			return nil, Paging{}, err
		}
		return r.Matches, r.Paging, nil
	})
}
