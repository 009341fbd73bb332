package slack

func init() {
	paramTypes = append(paramTypes,
		ConversationsCreateParams{}, conversationsCreateRequest{},
		ConversationsInfoParams{}, conversationsInfoRequest{},
		ConversationsOpenParams{},
		ConversationsListParams{},
		ConversationsMembersParams{}, conversationsMembersRequest{},
		ConversationsHistoryParams{}, conversationsHistoryRequest{},
		ConversationsRepliesParams{}, conversationsRepliesRequest{},
	)
}
