// Package redislimit is a slack.LimitStore on Redis: every process of an app that uses it books its Slack
// calls against one budget per workspace and method (and channel, for chat.postMessage), as Slack
// counts them, instead of each process believing it owns the whole budget.
//
// Plug it into each client with slack.WithLimitStore:
//
//	rdb := redis.NewClient(&redis.Options{
//		Addr:                  "localhost:6379",
//		ContextTimeoutEnabled: true, // cut reads short at the client's store timeout
//	})
//	client, err := slack.New(token,
//		slack.WithLimitStore(redislimit.New(rdb)),
//		slack.WithExpectedReplicas(4), // while Redis fails, each process paces at a quarter of the limit
//	)
//
// New accepts any go-redis client: a single node, a Cluster or a Ring.
//
// # How it works
//
// Each key's state is one Redis hash named the prefix (WithPrefix; default "goslack:ratelimit:") and the
// key in braces, a hash tag that keeps it in one Cluster slot. Reserve and Pause each run as one Lua
// script that reads Redis's own clock (TIME), so no host's clock enters the arithmetic, and Paused as a
// third: one round trip each, so a call costs at most two (its reservation, and the check of the pause
// just before it is sent). Reserve books a slot GCRA-style and returns how long to wait for it, refusing
// without booking when the wait would pass the caller's deadline. The scripts run by their SHA1
// (EVALSHA) and are sent again when Redis no longer has them, after a restart or SCRIPT FLUSH. Every
// write sets the key's TTL to its last booked slot or pause end plus an idle time (WithIdleTTL; default
// a minute), never shortening it, so idle keys leave Redis by themselves.
//
// Keys hold the workspace ID (or, before it is known, a keyed hash of the token), the method and the
// channel; values are times and counters. The token is never stored.
//
// # When Redis fails
//
// Every method returns by its context's deadline, even when Redis hangs (CLIENT PAUSE, a stalled
// network), and the client gives each call to the store a short deadline (slack.WithLimitStoreTimeout).
// A store error never fails a Slack call: the client logs one record, paces itself in process at the
// limit divided by slack.WithExpectedReplicas, tries the store again at most once a second, and logs one
// record when it is back.
//
// go-redis by default waits for a reply until its own ReadTimeout and ignores the context's deadline;
// the store returns at the deadline regardless, but the abandoned call holds its connection until
// go-redis gives up. Set ContextTimeoutEnabled in the go-redis options so that it gives up at once.
//
// # Requirements
//
// Redis 5 or later (scripts that read TIME and then write rely on effects replication, the only mode
// from Redis 7 on).
package redislimit
