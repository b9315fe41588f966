// Package a is analyzed with the current timer semantics (Go 1.23 and later).
package a

import (
	"context"
	"fmt"
	"time"
)

func work() {}

// The checklist's cancellable timer: from go1.23 the drain is dead code.
func seedCancellable(ctx context.Context) {
	t := time.NewTimer(2 * time.Second)
	defer t.Stop()
	select {
	case <-t.C:
		fmt.Println("fired")
	case <-ctx.Done():
		if !t.Stop() {
			<-t.C // want `from go1.23 t.Stop returns false only after the value was received or the timer was stopped, so this drain never finds a stale value: it is dead code, and blocks forever if it ever runs; call t.Stop\(\) alone$`
		}
	}
}

type conn struct{ idle *time.Timer }

// The Reset variant, on a field.
func (c *conn) touch(d time.Duration) {
	if !c.idle.Stop() {
		<-c.idle.C // want `from go1.23 c.idle.Stop returns false only after`
	}
	c.idle.Reset(d)
}

// Under every version: the value was received just before.
func received(t *time.Timer, in <-chan int) {
	for {
		select {
		case <-t.C:
			work()
			if !t.Stop() {
				<-t.C // want `t.C was already received from on the way here, so t.Stop returns false and this receive blocks forever; drop the drain$`
			}
			t.Reset(time.Second)
		case <-in:
		}
	}
}

// Under every version: Stop's result ignored, then an unconditional receive.
func stopThenReceive(t *time.Timer) {
	t.Stop()
	<-t.C // want `from go1.23 no value is left in t.C after t.Stop, so this receive blocks forever; delete it$`
	work()
}

// ---- negatives ----

// Re-armed between the receive and the drain: nothing to say under go1.23
// beyond the dead drain, which is reported once.
func rearmed(t *time.Timer) {
	<-t.C
	t.Reset(time.Second)
	work()
	t.Stop()
}

// A non-blocking drain never blocks.
func nonBlocking(t *time.Timer) {
	if !t.Stop() {
		select {
		case <-t.C:
		default:
		}
	}
	t.Reset(time.Second)
}

// Tickers have no drain idiom: Stop returns nothing.
func ticker(t *time.Ticker) {
	t.Stop()
	t.Reset(time.Second)
}

// Reset in another case of a looping select is fine from go1.23.
func idleReset(t *time.Timer, in <-chan int) {
	for {
		select {
		case <-in:
			t.Reset(time.Second)
		case <-t.C:
			return
		}
	}
}
