package slack

import (
	"context"
	"net/url"
)

// PinsService holds the pins.* methods: messages pinned to their conversation.
//
// A message is named by its conversation and its ts. The legacy forms that pin a file or a file comment
// are not wrapped; Client.Call still reaches them.
type PinsService service

// PinnedItem is an item pinned to a conversation: for the items of today's Slack a message (Type
// "message"); a legacy "file" item carries File instead.
type PinnedItem struct {
	// Type is the kind of item: "message", or the legacy "file" or "file_comment".
	Type string `json:"type"`
	// Channel is the ID of the conversation the item is pinned to.
	Channel string `json:"channel,omitempty"`
	// Created is when the item was pinned.
	Created Time `json:"created"`
	// CreatedBy is the ID of the user who pinned it.
	CreatedBy string `json:"created_by,omitempty"`
	// Message is the pinned message; its PinnedTo names the conversation.
	Message Message `json:"message"`
	// File is the file of a legacy file item.
	File File `json:"file"`
}

// Add pins a message to its conversation.
//
// Slack API: https://api.slack.com/methods/pins.add (Tier 2, pins:write)
func (s *PinsService) Add(ctx context.Context, channel, timestamp string) error {
	return s.pin(ctx, "pins.add", channel, timestamp)
}

// Remove unpins a message from its conversation.
//
// Slack API: https://api.slack.com/methods/pins.remove (Tier 2, pins:write)
func (s *PinsService) Remove(ctx context.Context, channel, timestamp string) error {
	return s.pin(ctx, "pins.remove", channel, timestamp)
}

// pin calls pins.add or pins.remove.
func (s *PinsService) pin(ctx context.Context, method, channel, timestamp string) error {
	if err := required(method, "channel", channel, "timestamp", timestamp); err != nil {
		return err
	}
	return s.client.Call(ctx, method, url.Values{"channel": {channel}, "timestamp": {timestamp}}, nil)
}

// List returns the items pinned to a conversation, most recently pinned first.
//
// Slack API: https://api.slack.com/methods/pins.list (Tier 2, pins:read). Retried on 5xx and connection
// errors.
func (s *PinsService) List(ctx context.Context, channel string) ([]PinnedItem, error) {
	const method = "pins.list"
	if err := required(method, "channel", channel); err != nil {
		return nil, err
	}
	var out struct {
		envelope
		Items []PinnedItem `json:"items"`
	}
	if err := s.client.Call(ctx, method, url.Values{"channel": {channel}}, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}
