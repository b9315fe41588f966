package a

import (
	"context"
	"time"
)

type server struct{ timeout time.Duration }

// work sends its one result on the channel it is handed.
func (s *server) work(out chan Result) {
	out <- compute()
}

func produce(out chan<- Result, n int) {
	for range n {
		out <- compute()
	}
}

// A goroutine started on a method that sends on its channel parameter:
// the spawner gives up on the timeout and the goroutine blocks forever.
func (s *server) handle(ctx context.Context) (Result, error) {
	res := make(chan Result)
	go s.work(res) // want `send on unbuffered channel res blocks forever when the select at named.go:\d+ can take another case and return without receiving, leaking this goroutine; make res with a buffer of 1`
	select {
	case r := <-res:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// A producer function that sends several values: no exact buffer.
func firstOnly(ctx context.Context) Result {
	out := make(chan Result)
	go produce(out, 3) // want `send on unbuffered channel out blocks forever when the select at named.go:\d+ can take another case and return without receiving, leaking this goroutine; buffer out for every send`
	select {
	case r := <-out:
		return r
	case <-ctx.Done():
		return 0
	}
}

// The spawner receives on every path: nothing is abandoned.
func (s *server) waitAll() Result {
	res := make(chan Result)
	go s.work(res)
	return <-res
}

// The function is also called on the spawner's own goroutine: its send
// is not one a goroutine of the spawner waits on alone.
func (s *server) alsoCalled(ctx context.Context) Result {
	res := make(chan Result, 1)
	s.work(res)
	sync := make(chan Result)
	go s.work(sync)
	s.work(res)
	select {
	case r := <-sync:
		return r
	case <-ctx.Done():
		return <-res
	}
}

// consume ranges over the channel it is handed until it is closed.
func consume(in <-chan Result) {
	for r := range in {
		_ = r
	}
}

func prepare() error { return nil }

// The consumer is started, then the spawner returns on an error without
// closing the channel: the consumer waits forever.
func feed(items []Result) error {
	ch := make(chan Result)
	go consume(ch) // want `receive from ch waits forever when the return at named.go:\d+ runs without closing ch, leaking this goroutine`
	if err := prepare(); err != nil {
		return err
	}
	for _, it := range items {
		ch <- it
	}
	close(ch)
	return nil
}

// Closed on every path.
func feedDeferred(items []Result) error {
	ch := make(chan Result)
	defer close(ch)
	go consume(ch)
	if err := prepare(); err != nil {
		return err
	}
	for _, it := range items {
		ch <- it
	}
	return nil
}
