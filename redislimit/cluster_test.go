package redislimit_test

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goslack/slack"
	"github.com/goslack/slack/limitstoretest"
	"github.com/goslack/slack/redislimit"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// freePort returns a loopback TCP port that nothing listens on, and whose cluster bus port (10000
// more) is free too.
func freePort(t *testing.T) int {
	for range 50 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		port := l.Addr().(*net.TCPAddr).Port
		_ = l.Close()
		if port+10000 > 65535 {
			continue
		}
		bus, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+10000))
		if err != nil {
			continue
		}
		_ = bus.Close()
		return port
	}
	t.Fatal("no free port pair for a cluster node")
	return 0
}

// newCluster starts a Redis Cluster of three primaries on loopback ports, with the slots split
// between them, and returns a go-redis client of it.
func newCluster(t *testing.T) (*redis.ClusterClient, []*server) {
	needRedisServer(t)
	var nodes []*server
	var addrs []string
	for range 3 {
		port := freePort(t)
		s, err := startServer("--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
			"--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000")
		require.NoError(t, err)
		t.Cleanup(s.remove)
		nodes = append(nodes, s)
		addrs = append(addrs, "127.0.0.1:"+strconv.Itoa(port))
	}
	c := context.Background()
	for i, s := range nodes {
		rdb := newClient(t, s.options())
		lo, hi := i*16384/len(nodes), (i+1)*16384/len(nodes)
		args := []any{"CLUSTER", "ADDSLOTS"}
		for slot := lo; slot < hi; slot++ {
			args = append(args, slot)
		}
		require.NoError(t, rdb.Do(c, args...).Err())
		if i > 0 {
			host, port, _ := net.SplitHostPort(addrs[i])
			require.NoError(t, newClient(t, nodes[0].options()).Do(c, "CLUSTER", "MEET", host, port).Err())
		}
	}
	waitFor(t, 20*time.Second, "the cluster to be ok", func() bool {
		for _, s := range nodes {
			info, err := newClient(t, s.options()).ClusterInfo(c).Result()
			if err != nil || !strings.Contains(info, "cluster_state:ok") || !strings.Contains(info, "cluster_known_nodes:3") {
				return false
			}
		}
		return true
	})
	cluster := redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs})
	t.Cleanup(func() { _ = cluster.Close() })
	waitFor(t, 20*time.Second, "the client to see every slot", func() bool {
		return cluster.ForEachShard(c, func(ctx context.Context, shard *redis.Client) error {
			return shard.Ping(ctx).Err()
		}) == nil && cluster.Set(c, "probe", 1, time.Second).Err() == nil
	})
	return cluster, nodes
}

func TestStoreOnACluster(t *testing.T) {
	cluster, nodes := newCluster(t)
	t.Run("conformance", func(t *testing.T) {
		limitstoretest.Run(t, func(t *testing.T) slack.LimitStore {
			return redislimit.New(cluster, redislimit.WithPrefix(uniquePrefix(t)))
		})
	})

	// Each key's state is one hash in one slot; the keys spread over the nodes.
	prefix := uniquePrefix(t)
	s := redislimit.New(cluster, redislimit.WithPrefix(prefix))
	c := ctx(t)
	lim := slack.Limit{Interval: time.Second, Burst: 1}
	for i := range 30 {
		key := fmt.Sprintf("T1:chat.postMessage:C%d", i)
		_, err := s.Reserve(c, key, lim, time.Minute)
		require.NoError(t, err)
		require.NoError(t, s.Pause(c, key, time.Second))
		st, err := s.Paused(c, key)
		require.NoError(t, err)
		between(t, st.Left, time.Second, time.Second, key)
	}
	total := 0
	for i, n := range nodes {
		keys, err := newClient(t, n.options()).Keys(c, prefix+"*").Result()
		require.NoError(t, err)
		assert.NotEmpty(t, keys, "node %d holds keys", i)
		total += len(keys)
	}
	assert.Equal(t, 30, total)
}
