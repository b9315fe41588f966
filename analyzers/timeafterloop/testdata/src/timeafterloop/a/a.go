package a

import (
	"context"
	"errors"
	"log"
	"testing"
	"time"
)

func use(int) {}
func flush()  {}
func do() error {
	return nil
}

var errIdle = errors.New("idle")

// From go1.23, an idle timeout re-armed on every message is what the code
// means (a quiescence wait): the abandoned timer costs an allocation and is
// collected. Silent here; reported before go1.23 (../go122).
func idle(in <-chan int, done <-chan struct{}) error {
	for {
		select {
		case v := <-in:
			use(v)
		case <-done:
			return nil
		case <-time.After(30 * time.Second):
			return errIdle
		}
	}
}

// A duration held in a variable declared before the loop, in a goroutine.
func watch(ctx context.Context, in <-chan int, d time.Duration) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				use(v)
			case now := <-time.After(d): // want `time.After in a loop allocates a new timer and channel on every iteration, and its timeout restarts each time another case is chosen \(an idle timeout, not a deadline\); hoist one time.Timer out of the loop and Reset it$`
				_ = now
				flush()
			}
		}
	}()
}

// A per-item timeout that gives up: restarting it per item is the meaning.
func forward(items []int, out chan<- int) error {
	for _, it := range items {
		select {
		case out <- it:
		case <-time.After(time.Second):
			return errIdle
		}
	}
	return nil
}

// A default case makes the loop spin, abandoning a timer per turn.
func poll(in <-chan int) {
	for {
		select {
		case <-time.After(time.Millisecond): // want `time.After in a loop allocates`
			return
		default:
			flush()
		}
	}
}

// Nested loops, a per-item timeout that skips the item: intended.
func nested(batches [][]int, out chan<- int) {
	for _, b := range batches {
		for _, it := range b {
			select {
			case out <- it:
			case <-time.After(time.Second):
			}
		}
	}
}

// The duration is computed inside the loop; the timeout leaves: intended.
func computed(in <-chan int, base time.Duration) {
	for i := 0; ; i++ {
		d := base * time.Duration(i)
		select {
		case v := <-in:
			use(v)
		case <-time.After(d):
			return
		}
	}
}

// Nested loops whose timeout does periodic work: no fix, one deferred Stop
// would not serve every inner loop.
func nestedFlush(batches [][]int, in <-chan int) {
	for range batches {
		for {
			select {
			case v := <-in:
				use(v)
			case <-time.After(time.Second): // want `time.After in a loop allocates`
				flush()
			}
		}
	}
}

// ---- negatives ----

// An idle fallback: the timeout re-polls what an event triggers, so it
// matters only when no event came, and restarting it is the intent.
func refresh(notify <-chan struct{}, reload func() error) {
	for {
		select {
		case <-notify:
			_ = reload()
		case <-time.After(time.Minute):
			_ = reload()
		}
	}
}

// Outside a loop: the seed's quick timeout.
func quick(workCh <-chan int) {
	select {
	case res := <-workCh:
		_ = res
	case <-time.After(800 * time.Millisecond):
		log.Println("timed out")
	}
}

// Sleep unless cancelled: every iteration that continues received from the timer.
func retry(ctx context.Context, backoff time.Duration) error {
	for attempt := 0; attempt < 5; attempt++ {
		if err := do(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(backoff):
		}
		backoff *= 2
	}
	return errIdle
}

// Every case leaves the loop, through a labelled break too.
func first(in <-chan int) (v int) {
loop:
	for {
		select {
		case v = <-in:
			break loop
		case <-time.After(time.Second):
			return -1
		}
	}
	return v
}

// A bare receive waits for the timer to fire: a sleep, nothing leaks.
func pace(items []int) {
	for _, it := range items {
		use(it)
		<-time.After(10 * time.Millisecond)
	}
}

// Alone in its select, the same.
func paceSelect(n int) {
	for i := 0; i < n; i++ {
		select {
		case <-time.After(time.Millisecond):
		}
	}
}

// In a function literal of its own, evaluated once per call.
func spawn(items []int, out chan<- int) {
	for _, it := range items {
		go func() {
			select {
			case out <- it:
			case <-time.After(time.Second):
			}
		}()
	}
}

// A reused timer, as the checklist recommends.
func reused(in <-chan int) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	for {
		t.Reset(time.Second)
		select {
		case v := <-in:
			use(v)
		case <-t.C:
			return
		}
	}
}

// What follows the select leaves the loop: no case starts another iteration.
func ready(startup <-chan struct{}, d time.Duration, check func() bool, dontListen bool) error {
	for {
		if check() {
			if dontListen {
				select {
				case <-startup:
				case <-time.After(d):
					return errIdle
				}
			}
			return nil
		}
		time.Sleep(time.Millisecond)
	}
}

// The cancellation case falls through to a check further on: it can win
// only once the context is over (prometheus's retry loop).
func retryUntilDone(ctx context.Context, sleep time.Duration) {
	for ctx.Err() == nil {
		if do() == nil {
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(sleep):
		}
	}
}

// A timeout per operation: each iteration waits for a goroutine of its own,
// and the timeout case does periodic-looking work that is per operation.
func stopAll(stops []func(), report func(string)) {
	for _, stop := range stops {
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			stop()
		}()
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			report("timed out waiting for a stop")
		}
	}
}

// A test helper whose timeout fails the test: t.Fatal ends the goroutine,
// as a return would.
func expectAll(t *testing.T, messages <-chan func(), n int) {
	for j := 0; j < n; j++ {
		select {
		case nack := <-messages:
			nack()
		case <-time.After(15 * time.Second):
			t.Fatal("no messages left")
		}
	}
}
