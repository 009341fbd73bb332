// Package limitstoretest checks that an implementation of slack.LimitStore keeps the contract the client's
// rate limiter relies on: slots booked in order one interval apart, refusals that book nothing, pauses
// that are only ever extended and change the key's Epoch when they do, and keys that are independent
// strings.
//
// A store's own tests run the suite with a function that makes a fresh store for each subtest:
//
//	func TestConformance(t *testing.T) {
//		limitstoretest.Run(t, func(t *testing.T) slack.LimitStore {
//			store := mystore.New(mystore.Options{Prefix: "test-" + t.Name()})
//			t.Cleanup(func() { store.Close() })
//			return store
//		})
//	}
//
// The subtests check, each on a fresh store:
//   - ordering: one slot per Interval from a new key's first call, which goes at once, whatever Burst
//     each caller asks for, until the key has been idle; an idle key lets its whole Burst go at once; Interval 0 waits only for a pause; concurrent reservations get
//     distinct slots;
//   - refusal: a wait past maxWait is refused with the wait it would have been and books nothing, under
//     concurrent calls too; a wait equal to maxWait is accepted;
//   - pause: only ever extended; a Pause that extends changes the Epoch and voids the slots booked
//     before it; calls resume at its end one Interval apart with no burst, whatever Burst each asks for;
//   - isolation: keys that differ only in a suffix, or carry spaces, braces, colons, glob characters
//     or Unicode, are independent;
//   - interval change: the slots a key has booked ahead count at the new Interval;
//   - unknown key: no pause;
//   - context: a cancelled context never makes a call panic.
//
// The suite runs on real time, on the store's own clock (a shared store's server time, say), which must
// run at the rate of the test's. It books at intervals of 30 seconds to a few minutes, so that the
// milliseconds the calls take do not matter, and it measures the wall time around every call to allow
// exactly for them, plus 2ms for a store that counts time in micro- or milliseconds. It never waits
// for a slot or a pause to pass: it sleeps a few milliseconds in all, and takes well under a second
// against an in-process store.
//
// The keys of each subtest carry a random workspace part, so that state a store kept from an earlier
// run (a shared server's keys that have not expired yet) never meets the suite's.
package limitstoretest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goslack/slack"
)

const (
	// minute is the interval most checks book at: long against the time the calls take.
	minute = time.Minute
	// forever is a maxWait that no check reaches.
	forever = 24 * time.Hour
	// grain is what a delay may be off by beyond the time the calls were measured to take: a store may
	// count time in microseconds or milliseconds.
	grain = 2 * time.Millisecond
	// crowd is the number of goroutines that call a store at once in the concurrent checks.
	crowd = 8
)

// Run checks that the store made by newStore keeps the LimitStore contract. Each subtest gets a fresh
// store. A failure names the rule of the contract the store broke.
func Run(t *testing.T, newStore func(t *testing.T) slack.LimitStore) {
	t.Helper()
	for _, g := range suite {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) {
					store := newStore(t)
					if store == nil {
						t.Fatal("newStore returned a nil LimitStore")
					}
					c.run(&checker{T: t, store: store, ws: fmt.Sprintf("T%012X", rand.Uint64()>>16)})
				})
			}
		})
	}
}

// check is one subtest of the suite.
type check struct {
	name string
	run  func(c *checker)
}

// suite is every check Run makes, in groups.
var suite = []struct {
	name  string
	cases []check
}{
	{"ordering", []check{
		{"burst 1", orderBurst1},
		{"new key with burst 3", orderNewKeyBurst},
		{"burst after idle", orderBurstAfterIdle},
		{"new key with mixed bursts", orderNewKeyMixedBursts},
		{"interval 0", orderIntervalZero},
		{"concurrent", orderConcurrent},
	}},
	{"refusal", []check{
		{"books nothing", refuseBooksNothing},
		{"maxWait equal to the wait", refuseAtMaxWait},
		{"concurrent", refuseConcurrent},
	}},
	{"pause", []check{
		{"extend only", pauseExtendOnly},
		{"zero or negative", pauseNonPositive},
		{"epoch voids earlier slots", pauseEpoch},
		{"resume without burst", pauseResume},
		{"resume without burst, mixed bursts", pauseMixedBursts},
		{"interval 0", pauseIntervalZero},
		{"refusal books nothing", pauseRefusal},
		{"concurrent", pauseConcurrent},
	}},
	{"isolation", []check{
		{"other key", isolateOtherKey},
		{"suffix", isolateSuffix},
		{"unusual characters", isolateUnusual},
	}},
	{"interval change", []check{
		{"faster", changeFaster},
		{"slower", changeSlower},
		{"faster with burst", changeBurst},
	}},
	{"unknown key", []check{
		{"paused", unknownKey},
	}},
	{"context", []check{
		{"cancelled", cancelledContext},
	}},
}

// The rules of the contract the checks test, as the failures name them.
const (
	ruleOrder      = "Reserve at Limit{Interval: T, Burst: 1} books one slot per T: the n-th reservation of a key waits (n-1)·T from the first"
	ruleNewKey     = "a new key lets one call go at once and paces the rest one Interval apart (its burst builds up only while it is idle)"
	ruleIdle       = "a key that has been idle lets Burst calls go at once, then paces the rest one Interval apart"
	ruleNoPace     = "Reserve at Interval 0 waits only for the key's pause and books nothing"
	ruleConcurrent = "concurrent reservations of a key get distinct slots, one Interval apart"
	ruleEpochSame  = "a key's Epoch stays the same while no pause extends it, in every Reservation and in Paused"
	ruleRefusal    = "a Reserve whose wait passes maxWait returns OK false with the wait it would have been"
	ruleNoBooking  = "a refused Reserve books nothing: the next Reserve gets the slot the refused one would have had"
	ruleAtMaxWait  = "a wait equal to maxWait is accepted"
	rulePauseLeft  = "Paused reports the time the key's pause has left"
	ruleExtendOnly = "a pause is only ever extended: one that would end sooner changes nothing, its Epoch included"
	ruleExtend     = "a pause that extends the key's pause changes its Epoch"
	ruleNoPause    = "a Pause of zero or less changes nothing"
	rulePauseVoids = "a pause that extends the key's pause voids the slots booked before it: the next slot is the pause's end"
	ruleResume     = "after a pause calls resume at its end one Interval apart, with no burst"
	ruleIsolation  = "keys are independent: booking or pausing one never changes another"
	ruleDebt       = "a key whose Interval changes keeps the number of slots it has booked ahead, at the new Interval"
	ruleUnknown    = "Paused of a key the store does not know reports no pause"
	ruleContext    = "a cancelled context may make a call fail, never panic"
	ruleHealthy    = "a store with a live context answers every call"
)

// checker runs one subtest against its store.
type checker struct {
	*testing.T
	store slack.LimitStore
	ws    string // the workspace part of the subtest's keys
}

// key returns the subtest's key for method (and channel, and whatever else the caller adds).
func (c *checker) key(method string) string { return c.ws + ":" + method }

// A stamp is the wall-clock window a store call ran in: the store read its clock somewhere between
// before and after, and its clock runs at the rate of ours.
type stamp struct{ before, after time.Time }

// span is the window that covers every one of stamps: calls made at once.
func span(stamps []stamp) stamp {
	s := stamps[0]
	for _, x := range stamps[1:] {
		if x.before.Before(s.before) {
			s.before = x.before
		}
		if x.after.After(s.after) {
			s.after = x.after
		}
	}
	return s
}

// A term is one reading of the store's clock in an expected value: f times the store time at which the
// call of s read its clock. The terms of one value sum to zero weight, so that the store's clock may be
// offset from ours.
type term struct {
	s stamp
	f float64
}

// gap is the terms of minus the store time that passed from the call of from to the call of to.
func gap(from, to stamp) []term { return []term{{from, 1}, {to, -1}} }

// scaled multiplies terms by f.
func scaled(f float64, ts []term) []term {
	out := make([]term, len(ts))
	for i, x := range ts {
		out[i] = term{x.s, f * x.f}
	}
	return out
}

// bounds returns the range of want plus the terms' store times that the calls' windows allow, widened
// by grain.
func bounds(want time.Duration, ts []term) (lo, hi time.Duration) {
	l, h := float64(want), float64(want)
	if len(ts) > 0 {
		ref := ts[0].s.before
		for _, x := range ts {
			b, a := float64(x.s.before.Sub(ref)), float64(x.s.after.Sub(ref))
			if x.f >= 0 {
				l, h = l+x.f*b, h+x.f*a
			} else {
				l, h = l+x.f*a, h+x.f*b
			}
		}
	}
	return time.Duration(l) - grain, time.Duration(h) + grain
}

// near reports a failure of rule unless got is want plus the terms' store times, as far as the calls'
// windows allow.
func (c *checker) near(rule, what string, got, want time.Duration, ts ...term) bool {
	c.Helper()
	lo, hi := bounds(want, ts)
	if got < lo || got > hi {
		c.Errorf("%s: %s is %v, want about %v (%v to %v, given the time the calls took)", rule, what, got, want, lo, hi)
		return false
	}
	return true
}

// booked reports a failure of rule unless r booked a slot whose delay is want plus the terms.
func (c *checker) booked(rule, what string, r slack.Reservation, want time.Duration, ts ...term) {
	c.Helper()
	if !r.OK {
		c.Errorf("%s: %s was refused (Delay %v), want it booked", rule, what, r.Delay)
	}
	c.near(rule, what+": Delay", r.Delay, want, ts...)
}

// refused reports a failure of rule unless r was refused with a delay of want plus the terms.
func (c *checker) refused(rule, what string, r slack.Reservation, want time.Duration, ts ...term) {
	c.Helper()
	if r.OK {
		c.Errorf("%s: %s was booked (Delay %v), want it refused", rule, what, r.Delay)
	}
	c.near(rule, what+": Delay", r.Delay, want, ts...)
}

// epoch reports a failure of rule unless got is want.
func (c *checker) epoch(rule, what string, got, want int64) {
	c.Helper()
	if got != want {
		c.Errorf("%s: %s has Epoch %d, want %d", rule, what, got, want)
	}
}

// reserve calls Reserve, failing the test when the store fails.
func (c *checker) reserve(key string, limit slack.Limit, maxWait time.Duration) (slack.Reservation, stamp) {
	c.Helper()
	before := time.Now()
	r, err := c.store.Reserve(context.Background(), key, limit, maxWait)
	s := stamp{before, time.Now()}
	if err != nil {
		c.Fatalf("%s: Reserve(%q, %+v, %v): %v", ruleHealthy, key, limit, maxWait, err)
	}
	return r, s
}

// pause calls Pause, failing the test when the store fails.
func (c *checker) pause(key string, d time.Duration) stamp {
	c.Helper()
	before := time.Now()
	err := c.store.Pause(context.Background(), key, d)
	s := stamp{before, time.Now()}
	if err != nil {
		c.Fatalf("%s: Pause(%q, %v): %v", ruleHealthy, key, d, err)
	}
	return s
}

// paused calls Paused, failing the test when the store fails.
func (c *checker) paused(key string) (slack.PauseState, stamp) {
	c.Helper()
	before := time.Now()
	p, err := c.store.Paused(context.Background(), key)
	s := stamp{before, time.Now()}
	if err != nil {
		c.Fatalf("%s: Paused(%q): %v", ruleHealthy, key, err)
	}
	return p, s
}

// notPaused reports a failure of rule unless key has no pause.
func (c *checker) notPaused(rule, key string) {
	c.Helper()
	if p, _ := c.paused(key); p.Left != 0 {
		c.Errorf("%s: Paused(%q) reports %v left, want 0", rule, key, p.Left)
	}
}

// reserveAll makes n reservations of key at once, from n goroutines, and returns them sorted by delay
// with the window that covers them all.
func (c *checker) reserveAll(n int, key string, limit slack.Limit, maxWait time.Duration) ([]slack.Reservation, stamp) {
	c.Helper()
	rs, stamps, errs := make([]slack.Reservation, n), make([]stamp, n), make([]error, n)
	c.together(n, func(i int) {
		before := time.Now()
		rs[i], errs[i] = c.store.Reserve(context.Background(), key, limit, maxWait)
		stamps[i] = stamp{before, time.Now()}
	})
	for _, err := range errs {
		if err != nil {
			c.Fatalf("%s: Reserve(%q, %+v, %v) from %d goroutines: %v", ruleHealthy, key, limit, maxWait, n, err)
		}
	}
	slices.SortFunc(rs, func(a, b slack.Reservation) int { return cmp.Compare(a.Delay, b.Delay) })
	return rs, span(stamps)
}

// together runs f(0) to f(n-1) in n goroutines released at once, and waits for them.
func (c *checker) together(n int, f func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			f(i)
		})
	}
	close(start)
	wg.Wait()
}

func orderBurst1(c *checker) {
	orderFromNew(c, c.key("conversations.history"), 1, ruleOrder)
}

func orderNewKeyBurst(c *checker) {
	orderFromNew(c, c.key("users.info"), 3, ruleNewKey)
}

// orderFromNew checks that five reservations of the new key at one a minute and burst wait 0, 1m, 2m,
// 3m and 4m, all under one Epoch, which Paused reports too.
func orderFromNew(c *checker, key string, burst int, rule string) {
	limit := slack.Limit{Interval: minute, Burst: burst}
	r0, s0 := c.reserve(key, limit, forever)
	c.booked(rule, "reservation 1 of a new key", r0, 0)
	for i := 1; i < 5; i++ {
		r, s := c.reserve(key, limit, forever)
		c.booked(rule, fmt.Sprintf("reservation %d at %+v", i+1, limit), r, time.Duration(i)*minute, gap(s0, s)...)
		c.epoch(ruleEpochSame, fmt.Sprintf("reservation %d", i+1), r.Epoch, r0.Epoch)
	}
	p, _ := c.paused(key)
	if p.Left != 0 {
		c.Errorf("%s: Paused(%q) reports %v left on a key never paused, want 0", rulePauseLeft, key, p.Left)
	}
	c.epoch(ruleEpochSame, "Paused of a key with reservations", p.Epoch, r0.Epoch)
}

func orderBurstAfterIdle(c *checker) {
	key := c.key("chat.postMessage:C1")
	// A booking at one a millisecond leaves the key idle a few milliseconds later, with no debt to carry
	// into the minute interval: the only way to see a full burst without waiting for it.
	idle(c, key)
	limit := slack.Limit{Interval: minute, Burst: 3}
	r0, s0 := c.reserve(key, limit, forever)
	c.booked(ruleIdle, fmt.Sprintf("reservation 1 of 3 at %+v after idle", limit), r0, 0)
	for i := 2; i <= 3; i++ {
		r, _ := c.reserve(key, limit, forever)
		c.booked(ruleIdle, fmt.Sprintf("reservation %d of 3 at %+v after idle", i, limit), r, 0)
	}
	for i := 1; i <= 2; i++ {
		r, s := c.reserve(key, limit, forever)
		c.booked(ruleIdle, fmt.Sprintf("reservation %d at %+v after a burst of 3", 3+i, limit), r, time.Duration(i)*minute, gap(s0, s)...)
	}
}

// orderNewKeyMixedBursts: a new key's first booking at Burst 1 does not open a burst for callers at
// Burst 3: its calls go one at a time until it has been idle.
func orderNewKeyMixedBursts(c *checker) {
	key := c.key("users.info")
	r0, s0 := c.reserve(key, slack.Limit{Interval: minute, Burst: 1}, forever)
	c.booked(ruleNewKey, "the first reservation of a new key, at Burst 1", r0, 0)
	limit := slack.Limit{Interval: minute, Burst: 3}
	for i := 1; i <= 2; i++ {
		r, s := c.reserve(key, limit, forever)
		c.booked(ruleNewKey, fmt.Sprintf("reservation %d at %+v of a new key after one at Burst 1", i+1, limit), r, time.Duration(i)*minute, gap(s0, s)...)
	}
}

func orderIntervalZero(c *checker) {
	key := c.key("auth.test")
	for i := range 3 {
		r, _ := c.reserve(key, slack.Limit{}, 0)
		c.booked(ruleNoPace, fmt.Sprintf("reservation %d at Interval 0 of a key with no pause", i+1), r, 0)
	}
	c.notPaused(ruleNoPace, key)
	limit := slack.Limit{Interval: minute, Burst: 1}
	r0, s0 := c.reserve(key, limit, forever)
	c.booked(ruleNoPace, fmt.Sprintf("the first reservation at %+v after reservations at Interval 0", limit), r0, 0)
	r1, s1 := c.reserve(key, limit, forever)
	c.booked(ruleOrder, fmt.Sprintf("the second reservation at %+v", limit), r1, minute, gap(s0, s1)...)
}

func orderConcurrent(c *checker) {
	key := c.key("conversations.replies")
	limit := slack.Limit{Interval: minute, Burst: 1}
	rs, all := c.reserveAll(crowd, key, limit, forever)
	for i, r := range rs {
		c.booked(ruleConcurrent, fmt.Sprintf("the reservation with the %d. shortest wait of %d made at once", i+1, crowd), r, time.Duration(i)*minute, gap(all, all)...)
		c.epoch(ruleEpochSame, fmt.Sprintf("the reservation with the %d. shortest wait", i+1), r.Epoch, rs[0].Epoch)
	}
	r, s := c.reserve(key, limit, forever)
	c.booked(ruleConcurrent, fmt.Sprintf("a reservation after %d made at once", crowd), r, crowd*minute, gap(all, s)...)
}

func refuseBooksNothing(c *checker) {
	key := c.key("conversations.history")
	limit := slack.Limit{Interval: minute, Burst: 1}
	r0, s0 := c.reserve(key, limit, forever)
	c.booked(ruleNewKey, "reservation 1 of a new key", r0, 0)

	r, s := c.reserve(key, limit, 30*time.Second)
	c.refused(ruleRefusal, "a reservation waiting about 1m with maxWait 30s", r, minute, gap(s0, s)...)
	c.epoch(ruleRefusal, "the refused reservation", r.Epoch, r0.Epoch)
	r, s = c.reserve(key, slack.Limit{Interval: 30 * time.Second, Burst: 1}, 0)
	c.refused(ruleNoBooking, "a reservation at Interval 30s waiting about 30s with maxWait 0, after a refused one", r, 30*time.Second, scaled(0.5, gap(s0, s))...)

	r1, s1 := c.reserve(key, limit, forever)
	c.booked(ruleNoBooking, "the reservation after two refused ones", r1, minute, gap(s0, s1)...)
	c.epoch(ruleEpochSame, "the reservation after two refused ones", r1.Epoch, r0.Epoch)
	r, s = c.reserve(key, limit, 0)
	c.refused(ruleNoBooking, "a reservation waiting about 2m with maxWait 0, after refused ones", r, 2*minute, gap(s0, s)...)
	// The wait is 2m less the time since the first reservation: a maxWait of 2m takes it.
	r2, s2 := c.reserve(key, limit, 2*minute)
	c.booked(ruleNoBooking, "a reservation with maxWait 2m after a refused one", r2, 2*minute, gap(s0, s2)...)
}

func refuseAtMaxWait(c *checker) {
	key := c.key("users.list")
	limit := slack.Limit{Interval: minute, Burst: 1}
	r, _ := c.reserve(key, limit, 0)
	c.booked(ruleAtMaxWait, "the first reservation of a new key (a wait of 0) with maxWait 0", r, 0)
	r, _ = c.reserve(c.key("auth.test"), slack.Limit{}, 0)
	c.booked(ruleAtMaxWait, "a reservation at Interval 0 of a key with no pause (a wait of 0) with maxWait 0", r, 0)
	after := c.key("users.info")
	idle(c, after)
	for i := range 2 {
		r, _ = c.reserve(after, slack.Limit{Interval: minute, Burst: 2}, 0)
		c.booked(ruleAtMaxWait, fmt.Sprintf("reservation %d of 2 of an idle key at Burst 2 (a wait of 0) with maxWait 0", i+1), r, 0)
	}
}

// idle books a slot of the new key at one a millisecond, sleeps until the key is idle, books another
// (which a key found idle lets go at once, and from which its burst builds up), and sleeps until the key
// is idle again, with a full burst.
func idle(c *checker, key string) {
	c.Helper()
	for i := range 2 {
		r, s := c.reserve(key, slack.Limit{Interval: time.Millisecond, Burst: 1}, forever)
		if !r.OK || r.Delay != 0 {
			c.Fatalf("%s: reservation %d at one a millisecond of a key new or idle for 5ms got %+v, want OK with Delay 0",
				[]string{ruleNewKey, ruleIdle}[i], i+1, r)
		}
		time.Sleep(time.Until(s.after.Add(5 * time.Millisecond)))
	}
}

func refuseConcurrent(c *checker) {
	key := c.key("chat.update")
	limit := slack.Limit{Interval: minute, Burst: 1}
	maxWait := 5 * minute / 2
	rs, all := c.reserveAll(crowd, key, limit, maxWait)
	for i, r := range rs {
		what := fmt.Sprintf("the reservation with the %d. shortest wait of %d made at once with maxWait %v", i+1, crowd, maxWait)
		if i < 3 {
			c.booked(ruleConcurrent, what, r, time.Duration(i)*minute, gap(all, all)...)
		} else {
			c.refused(ruleNoBooking, what, r, 3*minute, gap(all, all)...)
		}
	}
	r, s := c.reserve(key, limit, forever)
	c.booked(ruleNoBooking, fmt.Sprintf("a reservation after %d made at once of which 3 fit maxWait", crowd), r, 3*minute, gap(all, s)...)
}

func pauseExtendOnly(c *checker) {
	key := c.key("chat.postMessage:C1")
	s0 := c.pause(key, 2*minute)
	p1, q1 := c.paused(key)
	c.near(rulePauseLeft, "Left after Pause 2m", p1.Left, 2*minute, gap(s0, q1)...)

	c.pause(key, minute)
	p2, q2 := c.paused(key)
	c.near(ruleExtendOnly, "Left after Pause 2m then Pause 1m", p2.Left, 2*minute, gap(s0, q2)...)
	c.epoch(ruleExtendOnly, "Paused after a shorter Pause", p2.Epoch, p1.Epoch)
	r, s := c.reserve(key, slack.Limit{Interval: minute, Burst: 1}, forever)
	c.booked(ruleExtendOnly, "a reservation after Pause 2m then Pause 1m", r, 2*minute, gap(s0, s)...)
	c.epoch(ruleExtendOnly, "a reservation after a shorter Pause", r.Epoch, p1.Epoch)

	s3 := c.pause(key, 3*minute)
	p3, q3 := c.paused(key)
	c.near(ruleExtend, "Left after a Pause 3m that extends a pause of 2m", p3.Left, 3*minute, gap(s3, q3)...)
	if p3.Epoch == p1.Epoch {
		c.Errorf("%s: Paused reports Epoch %d both before and after a Pause that extended the pause", ruleExtend, p3.Epoch)
	}
}

func pauseNonPositive(c *checker) {
	key := c.key("reactions.add")
	limit := slack.Limit{Interval: minute, Burst: 1}
	r0, s0 := c.reserve(key, limit, forever)
	for _, d := range []time.Duration{0, -time.Minute} {
		c.pause(key, d)
		p, _ := c.paused(key)
		if p.Left != 0 {
			c.Errorf("%s: Paused reports %v left after Pause(%v), want 0", ruleNoPause, p.Left, d)
		}
		c.epoch(ruleNoPause, fmt.Sprintf("Paused after Pause(%v)", d), p.Epoch, r0.Epoch)
	}
	r, s := c.reserve(key, limit, forever)
	c.booked(ruleNoPause, "the second reservation, after a Pause of 0 and one of -1m", r, minute, gap(s0, s)...)
	c.epoch(ruleNoPause, "the second reservation, after a Pause of 0 and one of -1m", r.Epoch, r0.Epoch)

	fresh := c.key("reactions.remove")
	c.pause(fresh, 0)
	c.notPaused(ruleNoPause, fresh)
	r, _ = c.reserve(fresh, limit, forever)
	c.booked(ruleNoPause, "the first reservation of a key after Pause(0)", r, 0)
}

func pauseEpoch(c *checker) {
	key := c.key("chat.postMessage:C1")
	limit := slack.Limit{Interval: minute, Burst: 1}
	r0, _ := c.reserve(key, limit, forever)
	r1, _ := c.reserve(key, limit, forever)
	r2, _ := c.reserve(key, limit, forever)
	p0, _ := c.paused(key)
	c.epoch(ruleEpochSame, "Paused before any pause", p0.Epoch, r0.Epoch)
	c.epoch(ruleEpochSame, "reservation 3 before any pause", r2.Epoch, r1.Epoch)

	s := c.pause(key, 30*time.Second)
	p1, q1 := c.paused(key)
	c.near(rulePauseLeft, "Left after Pause 30s", p1.Left, 30*time.Second, gap(s, q1)...)
	if p1.Epoch == r0.Epoch {
		c.Errorf("%s: Paused reports the Epoch of the slots booked before the pause, %d", ruleExtend, p1.Epoch)
	}
	r, sr := c.reserve(key, limit, forever)
	c.booked(rulePauseVoids, "the first reservation after Pause 30s, with slots booked up to 2m ahead before it", r, 30*time.Second, gap(s, sr)...)
	c.epoch(ruleExtend, "the first reservation after a pause", r.Epoch, p1.Epoch)
	r, sr = c.reserve(key, limit, forever)
	c.booked(ruleResume, "the second reservation after Pause 30s", r, 90*time.Second, gap(s, sr)...)
	c.epoch(ruleExtend, "the second reservation after a pause", r.Epoch, p1.Epoch)
	p2, _ := c.paused(key)
	c.epoch(ruleEpochSame, "Paused after reservations", p2.Epoch, p1.Epoch)
}

func pauseResume(c *checker) {
	key := c.key("conversations.history")
	s := c.pause(key, 2*minute)
	limit := slack.Limit{Interval: minute, Burst: 3}
	for i := range 3 {
		r, sr := c.reserve(key, limit, forever)
		c.booked(ruleResume, fmt.Sprintf("reservation %d at %+v after Pause 2m", i+1, limit), r, 2*minute+time.Duration(i)*minute, gap(s, sr)...)
	}
}

// pauseMixedBursts: callers that ask for different bursts (processes that learned different rates) still
// resume one slot at a time: the first booking after a pause, at Burst 1, does not open a burst for the
// callers at Burst 3.
func pauseMixedBursts(c *checker) {
	key := c.key("users.info")
	s := c.pause(key, 2*minute)
	r, sr := c.reserve(key, slack.Limit{Interval: minute, Burst: 1}, forever)
	c.booked(ruleResume, "the first reservation after Pause 2m, at Burst 1", r, 2*minute, gap(s, sr)...)
	limit := slack.Limit{Interval: minute, Burst: 3}
	for i := range 2 {
		r, sr := c.reserve(key, limit, forever)
		c.booked(ruleResume, fmt.Sprintf("reservation %d at %+v after one at Burst 1 after Pause 2m", i+2, limit), r, time.Duration(3+i)*minute, gap(s, sr)...)
	}
}

func pauseIntervalZero(c *checker) {
	key := c.key("chat.postMessage:C1")
	s := c.pause(key, 2*minute)
	for i := range 2 {
		r, sr := c.reserve(key, slack.Limit{}, forever)
		c.booked(ruleNoPace, fmt.Sprintf("reservation %d at Interval 0 during Pause 2m", i+1), r, 2*minute, gap(s, sr)...)
	}
	r, sr := c.reserve(key, slack.Limit{}, minute)
	c.refused(ruleRefusal, "a reservation at Interval 0 with maxWait 1m during Pause 2m", r, 2*minute, gap(s, sr)...)
	limit := slack.Limit{Interval: minute, Burst: 1}
	r, sr = c.reserve(key, limit, forever)
	c.booked(ruleNoPace, fmt.Sprintf("the first reservation at %+v during Pause 2m, after reservations at Interval 0", limit), r, 2*minute, gap(s, sr)...)
	r, sr = c.reserve(key, limit, forever)
	c.booked(ruleResume, fmt.Sprintf("the second reservation at %+v during Pause 2m", limit), r, 3*minute, gap(s, sr)...)
}

func pauseRefusal(c *checker) {
	key := c.key("files.upload")
	s := c.pause(key, 2*minute)
	p, _ := c.paused(key)
	limit := slack.Limit{Interval: minute, Burst: 1}
	for i := range 2 {
		r, sr := c.reserve(key, limit, minute)
		c.refused([]string{ruleRefusal, ruleNoBooking}[i], fmt.Sprintf("reservation %d with maxWait 1m during Pause 2m", i+1), r, 2*minute, gap(s, sr)...)
		c.epoch(ruleRefusal, "a refused reservation during a pause", r.Epoch, p.Epoch)
	}
	r, sr := c.reserve(key, limit, forever)
	c.booked(ruleNoBooking, "the first reservation during Pause 2m after two refused ones", r, 2*minute, gap(s, sr)...)
	r, sr = c.reserve(key, limit, forever)
	c.booked(ruleResume, "the second reservation during Pause 2m", r, 3*minute, gap(s, sr)...)
}

func pauseConcurrent(c *checker) {
	key := c.key("chat.postMessage:C1")
	r0, _ := c.reserve(key, slack.Limit{Interval: minute, Burst: 1}, forever)
	// Pauses of 1m to 8m, started at once in an order of their own.
	ds := make([]time.Duration, crowd)
	for i, j := range rand.Perm(crowd) {
		ds[i] = time.Duration(j+1) * minute
	}
	stamps, errs := make([]stamp, crowd), make([]error, crowd)
	c.together(crowd, func(i int) {
		before := time.Now()
		errs[i] = c.store.Pause(context.Background(), key, ds[i])
		stamps[i] = stamp{before, time.Now()}
	})
	for i, err := range errs {
		if err != nil {
			c.Fatalf("%s: Pause(%q, %v) from %d goroutines: %v", ruleHealthy, key, ds[i], crowd, err)
		}
	}
	longest := stamps[slices.Index(ds, crowd*minute)]
	p, q := c.paused(key)
	c.near(ruleExtendOnly, fmt.Sprintf("Left after pauses of 1m to %dm made at once", crowd), p.Left, crowd*minute, gap(longest, q)...)
	if p.Epoch == r0.Epoch {
		c.Errorf("%s: Paused reports the Epoch of before %d pauses, %d", ruleExtend, crowd, p.Epoch)
	}
	r, s := c.reserve(key, slack.Limit{Interval: minute, Burst: 1}, forever)
	c.booked(rulePauseVoids, fmt.Sprintf("a reservation after pauses of 1m to %dm made at once", crowd), r, crowd*minute, gap(longest, s)...)
	c.epoch(ruleExtend, "a reservation after the pauses", r.Epoch, p.Epoch)
}

func isolateOtherKey(c *checker) {
	a, b := c.key("chat.update"), c.key("chat.delete")
	limit := slack.Limit{Interval: minute, Burst: 1}
	c.reserve(a, limit, forever)
	c.reserve(a, limit, forever)
	c.notPaused(ruleIsolation, b)
	sp := c.pause(a, 2*minute)
	c.notPaused(ruleIsolation, b)
	r0, s0 := c.reserve(b, limit, forever)
	c.booked(ruleIsolation, fmt.Sprintf("the first reservation of %q after reservations and a pause of %q", b, a), r0, 0)
	r, s := c.reserve(b, limit, forever)
	c.booked(ruleIsolation, fmt.Sprintf("the second reservation of %q", b), r, minute, gap(s0, s)...)
	c.notPaused(ruleIsolation, b)

	p, q := c.paused(a)
	c.near(ruleIsolation, fmt.Sprintf("Left of %q after Pause 2m and reservations of %q", a, b), p.Left, 2*minute, gap(sp, q)...)
	r, s = c.reserve(a, limit, forever)
	c.booked(ruleIsolation, fmt.Sprintf("a reservation of %q during its Pause 2m, after reservations of %q", a, b), r, 2*minute, gap(sp, s)...)
}

func isolateSuffix(c *checker) {
	busy := c.key("chat.postMessage:C1")
	limit := slack.Limit{Interval: minute, Burst: 1}
	for range 3 {
		c.reserve(busy, limit, forever)
	}
	c.pause(busy, 5*minute)
	others := []string{
		c.key("chat.postMessage:C2"),
		c.key("chat.postMessage:C10"),
		c.key("chat.postMessage:C"),
		c.key("chat.postMessage"),
		c.key("chat.postMessage:C1:"),
		c.key("chat.postMessage:C1 "),
		c.key("chat.postMessage:c1"),
		c.ws + "X:chat.postMessage:C1",
	}
	for _, k := range others {
		c.notPaused(ruleIsolation, k)
		r, _ := c.reserve(k, limit, forever)
		c.booked(ruleIsolation, fmt.Sprintf("the first reservation of %q, with %q paused", k, busy), r, 0)
	}
}

func isolateUnusual(c *checker) {
	keys := []string{
		c.ws + ":chat.postMessage:C with spaces",
		"{" + c.ws + "}:chat.postMessage:C1",
		"{}" + c.ws + ":chat.postMessage:C1",
		c.ws + ":}{:{}:{{}}",
		c.ws + "::::",
		":" + c.ws + ":",
		c.ws + ":чат.postMessage:频道:🙂",
		c.ws + ":чат.postMessage:頻道:🙂",
		c.ws + ":chat.postMessage:C1",
		c.ws + ":chat.postMessage:С1", // a Cyrillic С
		c.ws + ":*?[a-z]\\%s%d",
		c.ws + ":'\"`$(x);--\t\r\n",
		c.ws + ":" + strings.Repeat("x", 1000),
	}
	limit := slack.Limit{Interval: minute, Burst: 1}
	first := make([]stamp, len(keys))
	for i, k := range keys {
		r, s := c.reserve(k, limit, forever)
		c.booked(ruleIsolation, fmt.Sprintf("the first reservation of %q, after other keys", k), r, 0)
		first[i] = s
		c.notPaused(ruleIsolation, k)
	}
	pauses := make([]stamp, len(keys))
	for i, k := range keys {
		r, s := c.reserve(k, limit, forever)
		c.booked(ruleOrder, fmt.Sprintf("the second reservation of %q", k), r, minute, gap(first[i], s)...)
		pauses[i] = c.pause(k, time.Duration(i+2)*minute)
	}
	for i, k := range keys {
		p, q := c.paused(k)
		c.near(ruleIsolation, fmt.Sprintf("Left of %q after its Pause %v, other keys paused for other times", k, time.Duration(i+2)*minute), p.Left, time.Duration(i+2)*minute, gap(pauses[i], q)...)
	}
}

// The interval changes book three slots at 1m (a key booked 3m ahead of the first call), then
// reserve at another interval: the three slots of debt count at the new interval.

func changeFaster(c *checker) {
	key := c.key("conversations.history")
	s0 := debt(c, key)
	limit := slack.Limit{Interval: 30 * time.Second, Burst: 1}
	r, s := c.reserve(key, limit, forever)
	// The slot is 3 slots of 30s after the reservation, less the time since the first: the debt of 3m
	// less that time, halved.
	c.booked(ruleDebt, fmt.Sprintf("a reservation at %+v of a key 3 slots of 1m ahead", limit), r, 90*time.Second, scaled(0.5, gap(s0, s))...)
	r2, s2 := c.reserve(key, limit, forever)
	c.booked(ruleDebt, fmt.Sprintf("the next reservation at %+v", limit), r2, 2*minute, term{s0, 0.5}, term{s, 0.5}, term{s2, -1})
}

func changeSlower(c *checker) {
	key := c.key("conversations.history")
	s0 := debt(c, key)
	limit := slack.Limit{Interval: 2 * minute, Burst: 1}
	r, s := c.reserve(key, limit, forever)
	c.booked(ruleDebt, fmt.Sprintf("a reservation at %+v of a key 3 slots of 1m ahead", limit), r, 6*minute, scaled(2, gap(s0, s))...)
	r2, s2 := c.reserve(key, limit, forever)
	c.booked(ruleDebt, fmt.Sprintf("the next reservation at %+v", limit), r2, 8*minute, term{s0, 2}, term{s, -1}, term{s2, -1})
}

func changeBurst(c *checker) {
	key := c.key("conversations.history")
	s0 := debt(c, key)
	limit := slack.Limit{Interval: 30 * time.Second, Burst: 3}
	r, s := c.reserve(key, limit, forever)
	// The debt of 3 slots at 30s, of which the burst of 3 lets 2 go early.
	c.booked(ruleDebt, fmt.Sprintf("a reservation at %+v of a key 3 slots of 1m ahead", limit), r, 30*time.Second, scaled(0.5, gap(s0, s))...)
}

// debt books three slots of key at one a minute and returns the first reservation's stamp.
func debt(c *checker, key string) stamp {
	c.Helper()
	idle(c, key)
	limit := slack.Limit{Interval: minute, Burst: 1}
	_, s0 := c.reserve(key, limit, forever)
	for i := 1; i < 3; i++ {
		r, s := c.reserve(key, limit, forever)
		c.booked(ruleOrder, fmt.Sprintf("reservation %d at %+v", i+1, limit), r, time.Duration(i)*minute, gap(s0, s)...)
	}
	return s0
}

func unknownKey(c *checker) {
	c.notPaused(ruleUnknown, c.key("never.used"))
	unpaced := c.key("auth.test")
	c.reserve(unpaced, slack.Limit{}, forever)
	c.notPaused(ruleUnknown, unpaced)
	c.pause(c.key("users.info"), minute)
	c.notPaused(ruleUnknown, c.key("users.list"))
}

func cancelledContext(c *checker) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	key := c.key("chat.postMessage:C1")
	for _, x := range []struct {
		name string
		ctx  context.Context
	}{{"cancelled", cancelled}, {"past its deadline", expired}} {
		c.noPanic(fmt.Sprintf("Reserve with a context %s", x.name), func() {
			_, _ = c.store.Reserve(x.ctx, key, slack.Limit{Interval: minute, Burst: 1}, forever)
		})
		c.noPanic(fmt.Sprintf("Reserve at Interval 0 with a context %s", x.name), func() {
			_, _ = c.store.Reserve(x.ctx, key, slack.Limit{}, 0)
		})
		c.noPanic(fmt.Sprintf("Pause with a context %s", x.name), func() { _ = c.store.Pause(x.ctx, key, minute) })
		c.noPanic(fmt.Sprintf("Paused with a context %s", x.name), func() { _, _ = c.store.Paused(x.ctx, key) })
	}
	other := c.key("chat.postMessage:C2")
	r, _ := c.reserve(other, slack.Limit{Interval: minute, Burst: 1}, forever)
	c.booked(ruleHealthy, "the first reservation of a new key after calls with a cancelled context", r, 0)
	c.notPaused(ruleHealthy, other)
}

// noPanic reports a failure of ruleContext when f panics.
func (c *checker) noPanic(what string, f func()) {
	c.Helper()
	defer func() {
		if v := recover(); v != nil {
			c.Errorf("%s: %s panicked: %v", ruleContext, what, v)
		}
	}()
	f()
}
