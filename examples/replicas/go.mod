module github.com/goslack/slack/examples/replicas

go 1.25.0

replace (
	github.com/goslack/slack => ../..
	github.com/goslack/slack/redislimit => ../../redislimit
)

require (
	github.com/goslack/slack v0.0.0-00010101000000-000000000000
	github.com/goslack/slack/redislimit v0.0.0-00010101000000-000000000000
	github.com/redis/go-redis/v9 v9.22.0
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/google/go-querystring v1.2.0 // indirect
	go.uber.org/atomic v1.11.0 // indirect
	golang.org/x/sys v0.30.0 // indirect
)
