package slack

// The form and answer types of oauth.v2.*, auth.revoke, dnd.* and reminders.*, for the encoding and
// decoding checks of encoding_test.go and fuzz_internal_test.go (the fuzz targets decode every answer
// into each of decodeTypes).
func init() {
	paramTypes = append(paramTypes,
		AuthRevokeParams{},
		OAuthV2AccessParams{}, oauthV2ExchangeRequest{},
		DNDInfoParams{}, DNDTeamInfoParams{}, dndTeamInfoRequest{},
		RemindersAddParams{}, remindersAddRequest{}, RemindersCompleteParams{}, RemindersDeleteParams{},
		RemindersInfoParams{}, RemindersListParams{}, reminderRequest{})
	decodeTypes = append(decodeTypes,
		OAuthTeam{}, OAuthAuthedUser{}, OAuthIncomingWebhook{}, OAuthV2AccessResponse{}, OAuthV2ExchangeResponse{},
		DNDStatus{}, Reminder{}, ReminderRecurrence{}, reminderReply{})
}
