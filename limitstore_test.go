package slack_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/limitstoretest"
)

func TestMemoryLimitStoreConformance(t *testing.T) {
	limitstoretest.Run(t, func(*testing.T) slack.LimitStore { return slack.NewMemoryLimitStore() })
}

func BenchmarkMemoryLimitStoreReserve(b *testing.B) {
	ctx := context.Background()
	// A nanosecond interval books a slot per call without ever running far ahead of the clock.
	limit := slack.Limit{Interval: time.Nanosecond, Burst: 10}
	b.Run("one key", func(b *testing.B) {
		store := slack.NewMemoryLimitStore()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := store.Reserve(ctx, "T1:users.info", limit, time.Hour); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("1000 channels", func(b *testing.B) {
		// One post a second to each channel keeps every key booked ahead, as a busy app's are: none is
		// idle for the store to drop.
		limit := slack.Limit{Interval: time.Second, Burst: 1}
		store := slack.NewMemoryLimitStore()
		keys := make([]string, 1000)
		for i := range keys {
			keys[i] = "T1:chat.postMessage:C" + strconv.Itoa(i)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := store.Reserve(ctx, keys[i%len(keys)], limit, 1<<62); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("refused", func(b *testing.B) {
		store := slack.NewMemoryLimitStore()
		slow := slack.Limit{Interval: time.Hour, Burst: 1}
		if _, err := store.Reserve(ctx, "T1:users.info", slow, 0); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if r, err := store.Reserve(ctx, "T1:users.info", slow, time.Minute); err != nil || r.OK {
				b.Fatalf("Reserve = %+v, %v; want refused", r, err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		store := slack.NewMemoryLimitStore()
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := store.Reserve(ctx, "T1:users.info", limit, time.Hour); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
