package slacktest

var botsHandlers = map[string]handler{
	"bots.info": botsInfo,
}

func botsInfo(c *call) *answer {
	b, found := c.ws.bots[c.arg("bot")]
	if !found {
		return fail("bot_not_found")
	}
	icons := obj{}
	for _, size := range []string{"36", "48", "72"} {
		icons["image_"+size] = "https://avatars.slack-edge.com/" + b.ID + "_" + size + ".png"
	}
	return ok(obj{"bot": obj{"id": b.ID, "name": b.Name, "deleted": b.Deleted, "updated": b.Updated,
		"app_id": b.AppID, "user_id": b.UserID, "icons": icons}})
}
