package slacktest

var conversationsHandlers = map[string]handler{}
