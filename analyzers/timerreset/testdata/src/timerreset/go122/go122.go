// Package go122 is analyzed with the timer semantics before Go 1.23.
package go122

import (
	"context"
	"fmt"
	"time"
)

func work() {}

// The classic stale timeout: the timer fires while a message is handled,
// then Reset leaves the old value in t.C.
func idle(in <-chan int) {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	for {
		select {
		case <-in:
			t.Reset(time.Second) // want `before go1.23, if t fired while this case was chosen its value is still in t.C, and Reset does not remove it: the next select times out at once; stop and drain it first \(if !t.Stop\(\) \{ <-t.C \}\)$`
		case <-t.C:
			return
		}
	}
}

// The value was received just before: blocks under every version.
func received(t *time.Timer) {
	<-t.C
	work()
	if !t.Stop() {
		<-t.C // want `t.C was already received from on the way here`
	}
}

// Stop's result ignored: blocks if the timer had not fired.
func stopThenReceive(t *time.Timer) {
	t.Stop()
	<-t.C // want `t.Stop's result is ignored and t.C is received from unconditionally: if the timer had not fired, this receive blocks forever; drain only when Stop returns false \(if !t.Stop\(\) \{ <-t.C \}\)$`
}

// ---- negatives ----

// The checklist's cancellable timer: before go1.23 the drain is needed.
func seedCancellable(ctx context.Context) {
	t := time.NewTimer(2 * time.Second)
	defer t.Stop()
	select {
	case <-t.C:
		fmt.Println("fired")
	case <-ctx.Done():
		if !t.Stop() {
			<-t.C
		}
	}
}

// Stopped and drained before the Reset.
func drained(in <-chan int) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-in:
			if !t.Stop() {
				<-t.C
			}
			t.Reset(time.Second)
		case <-t.C:
			return
		}
	}
}

// Reset right after receiving the value is the documented use.
func periodic(ctx context.Context) {
	t := time.NewTimer(time.Second)
	for {
		select {
		case <-t.C:
			work()
			t.Reset(time.Second)
		case <-ctx.Done():
			return
		}
	}
}
