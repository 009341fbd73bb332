package slack

import (
	"context"
	"strings"
)

// EmojiService holds emoji.list.
type EmojiService service

// EmojiListParams are the optional arguments of Emoji.List.
type EmojiListParams struct {
	// IncludeCategories adds Slack's standard emoji, by category.
	IncludeCategories bool `url:"include_categories,omitempty"`
}

// EmojiListResponse is a workspace's custom emoji.
type EmojiListResponse struct {
	// Emoji maps each custom emoji's name to its image URL, or, for an alias, to "alias:" and the name
	// of the emoji it stands for (see Alias).
	Emoji map[string]string `json:"emoji"`
	// CacheTS is when Slack built the list.
	CacheTS Time `json:"cache_ts"`
	// Categories are the standard emoji, by category, when asked for with IncludeCategories.
	Categories        []EmojiCategory `json:"categories,omitempty"`
	CategoriesVersion string          `json:"categories_version,omitempty"`
}

// EmojiCategory is a category of standard emoji ("Smileys & People") and the names of its emoji.
type EmojiCategory struct {
	Name       string   `json:"name"`
	EmojiNames []string `json:"emoji_names"`
}

// Alias returns the name of the emoji that name is an alias of, and whether it is one.
func (r *EmojiListResponse) Alias(name string) (string, bool) {
	if r == nil {
		return "", false
	}
	return strings.CutPrefix(r.Emoji[name], "alias:")
}

// List returns the workspace's custom emoji.
//
// Slack API: https://api.slack.com/methods/emoji.list (Tier 2, emoji:read). Retried on 5xx and connection
// errors.
func (s *EmojiService) List(ctx context.Context, params *EmojiListParams) (*EmojiListResponse, error) {
	var out struct {
		envelope
		EmojiListResponse
	}
	if err := s.client.Call(ctx, "emoji.list", params, &out); err != nil {
		return nil, err
	}
	return &out.EmojiListResponse, nil
}
