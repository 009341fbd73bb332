package slack

import "reflect"

// The form and answer types of views, usergroups, search, team and emoji, for the encoding and decoding
// checks of encoding_test.go and fuzz_internal_test.go.
func init() {
	paramTypes = append(paramTypes,
		ViewsOpenParams{}, ViewsPushParams{}, viewsStackRequest{}, ViewsUpdateParams{}, viewsUpdateRequest{},
		ViewsPublishParams{}, viewsPublishRequest{},
		UsergroupsCreateParams{}, usergroupsCreateRequest{}, UsergroupsDisableParams{}, usergroupsDisableRequest{},
		UsergroupsEnableParams{}, usergroupsEnableRequest{}, UsergroupsListParams{}, UsergroupsUpdateParams{},
		usergroupsUpdateRequest{}, UsergroupsListUsersParams{}, usergroupsListUsersRequest{},
		UsergroupsUpdateUsersParams{}, usergroupsUpdateUsersRequest{},
		SearchMessagesParams{}, searchMessagesRequest{},
		TeamInfoParams{}, TeamGetProfileParams{}, EmojiListParams{})
	// Paging belongs to the page-number helper; it is listed here unless pagination's own tests list it.
	for _, v := range []any{
		View{}, ViewState{}, ViewStateValue{}, viewPayload{}, viewReply{},
		Usergroup{}, UsergroupPrefs{}, usergroupReply{},
		SearchMatch{}, Paging{},
		TeamIcon{}, TeamProfile{}, TeamProfileField{}, TeamProfileFieldOptions{}, TeamProfileSection{},
		EmojiListResponse{}, EmojiCategory{},
	} {
		listed := false
		for _, d := range decodeTypes {
			listed = listed || reflect.TypeOf(d) == reflect.TypeOf(v)
		}
		if !listed {
			decodeTypes = append(decodeTypes, v)
		}
	}
}
