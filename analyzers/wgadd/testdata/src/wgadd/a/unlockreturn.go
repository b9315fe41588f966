package a

import (
	"context"
	"sync"
)

// A goroutine that adds to a WaitGroup and later waits on it itself,
// through the call its final return makes after an Unlock: the Unlock
// releases the lock for that call, so the call's Wait is seen. Silent.
type node struct {
	wg   sync.WaitGroup
	mu   sync.Mutex
	name string
}

func (n *node) run(ctx context.Context) error { // want run:"wgops -1.wg:add,wait"
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		<-ctx.Done()
	}()

	n.mu.Lock()
	name := n.name
	n.mu.Unlock()

	return n.loop(ctx, name)
}

func (n *node) loop(ctx context.Context, name string) error { // want loop:"wgops -1.wg:wait"
	defer n.wg.Wait()
	<-ctx.Done()
	_ = name
	return nil
}

func startNode(ctx context.Context) {
	n := &node{}
	go n.run(ctx)
}

// The same with the Unlock on an early exit of a nested block: the path
// that goes on after the block still holds the lock, and the Add made
// there is the grpc Serve shape (silent); the exit's own call runs
// unlocked and its Wait is seen.
func (n *node) runGuarded(ctx context.Context, closed bool) error { // want runGuarded:"wgops -1.wg:wait"
	n.mu.Lock()
	if closed {
		n.mu.Unlock()
		return n.loop(ctx, "")
	}
	n.wg.Add(1)
	n.mu.Unlock()
	go func() {
		defer n.wg.Done()
		<-ctx.Done()
	}()
	return nil
}
