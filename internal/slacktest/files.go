package slacktest

var filesHandlers = map[string]handler{}
