package slack

// ConversationsService holds the conversations.* methods.
type ConversationsService service
