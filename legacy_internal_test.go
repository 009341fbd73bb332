package slack

func init() {
	paramTypes = append(paramTypes,
		IMOpenParams{}, imOpenRequest{},
		IMHistoryParams{}, GroupsHistoryParams{}, legacyHistoryRequest{},
		IMListParams{},
		GroupsRenameParams{}, groupsRenameRequest{},
		GroupsListParams{},
		GroupsInfoParams{}, groupsInfoRequest{},
		GroupsCreateParams{}, groupsCreateRequest{},
	)
}
