package redislimit_test

import (
	"testing"

	"github.com/goslack/slack"
	"github.com/goslack/slack/limitstoretest"
	"github.com/goslack/slack/redislimit"
)

func TestConformance(t *testing.T) {
	rdb := newClient(t, needRedis(t))
	limitstoretest.Run(t, func(t *testing.T) slack.LimitStore {
		return redislimit.New(rdb, redislimit.WithPrefix(uniquePrefix(t)))
	})
}
