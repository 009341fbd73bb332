package slack

// IMService holds the im.* methods, which Slack retired in February 2021 in favour of the conversations.* methods.
type IMService service
