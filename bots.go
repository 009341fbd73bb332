package slack

// BotsService holds bots.info.
type BotsService service
