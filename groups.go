package slack

// GroupsService holds the groups.* methods, which Slack retired in February 2021 in favour of the conversations.* methods.
type GroupsService service
