// Package b holds channel helpers that package a calls: closerecv learns
// what they do to their parameters through facts.
package b

// Stop closes its parameter.
func Stop(ch chan int) { close(ch) } // want Stop:"chanops 0:close"

// Drain receives from its parameter until it is closed.
func Drain(ch chan int) { // want Drain:"chanops 0:recv"
	for range ch {
	}
}

// Produce sends on its parameter and closes it when done: a producer.
func Produce(ch chan int, n int) { // want Produce:"chanops 0:close,send"
	defer close(ch)
	for i := 0; i < n; i++ {
		ch <- i
	}
}

// Keep stores its parameter where the analysis cannot follow it.
func Keep(ch chan int) { kept = ch } // want Keep:"chanops 0:escapes"

var kept chan int

// Queue owns a channel field; Shutdown closes it.
type Queue struct {
	items chan int
}

func (q *Queue) Shutdown() { close(q.items) } // want Shutdown:"chanops -1.items:close"

// Next receives one item.
func (q *Queue) Next() int { return <-q.items } // want Next:"chanops -1.items:recv"
