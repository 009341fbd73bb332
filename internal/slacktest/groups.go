package slacktest

var groupsHandlers = map[string]handler{}
