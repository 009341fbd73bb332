package slacktest

var botsHandlers = map[string]handler{}
