package slacktest

var imHandlers = map[string]handler{}
