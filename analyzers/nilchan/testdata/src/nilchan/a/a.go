package a

import "fmt"

func compute() int { return 1 }

func neverMade() {
	var results chan int
	go func() { results <- compute() }() // want `results is nil on every path here: a send on a nil channel blocks forever`
	fmt.Println(<-results)               // want `results is nil on every path here: a receive from a nil channel blocks forever`
}

func send() {
	var ch chan int
	ch <- 1 // want `ch is nil on every path here: a send on a nil channel blocks forever; make it with make\(chan T\) first$`
}

func recv() int {
	var ch chan int
	return <-ch // want `ch is nil on every path here: a receive from a nil channel blocks forever`
}

func rangeNil() {
	var ch chan int
	for v := range ch { // want `ch is nil on every path here: ranging over a nil channel blocks forever`
		fmt.Println(v)
	}
}

func closeNil() {
	var ch chan struct{}
	close(ch) // want `ch is nil on every path here: closing a nil channel panics`
}

func deferCloseNil() {
	var ch chan struct{}
	defer close(ch) // want `ch is nil on every path here: closing a nil channel panics`
}

func nilOnEveryBranch(ok bool) {
	var ch chan int
	if ok {
		ch = nil
	}
	ch <- 1 // want `ch is nil on every path here`
}

func selectAllNil() {
	var a, b chan int
	select { // want `every case of this select is on a channel that is nil on every path, so it blocks forever`
	case <-a:
	case b <- 1:
	}
}

// Negatives.

// Made on some path: nilness on some paths is not reported (nilness's
// business, and usually guarded).
func madeOnSomePath(ok bool) {
	var ch chan int
	if ok {
		ch = make(chan int, 1)
	}
	ch <- 1
}

// Made before use.
func made() {
	var ch chan int
	ch = make(chan int, 1)
	ch <- 1
	<-ch
	close(ch)
}

// The select-loop idiom: a channel set to nil to disable its case.
func merge(a, b <-chan int, out chan<- int) {
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			out <- v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			out <- v
		}
	}
	close(out)
}

// A timeout channel that stays nil when there is no timeout: one case of
// the select is disabled, the other is live.
func optionalTimeout(in chan int, timeout <-chan struct{}, useTimeout bool) int {
	var t <-chan struct{}
	if useTimeout {
		t = timeout
	}
	select {
	case v := <-in:
		return v
	case <-t:
		return -1
	}
}

// A nil case next to a live one.
func disabledCase(in chan int) int {
	var never chan int
	select {
	case v := <-in:
		return v
	case v := <-never:
		return v
	}
}

// Assigned by a closure: the channel is made before it is used.
func assignedInClosure() {
	var ch chan int
	init := func() { ch = make(chan int, 1) }
	init()
	ch <- 1
}

// A parameter or a field may be nil, but is not provably nil.
type holder struct{ ch chan int }

func param(ch chan int) { ch <- 1 }
func field(h *holder)   { h.ch <- 1 }
func nonBlockingNil() int {
	var ch chan int
	select {
	case v := <-ch:
		return v
	default:
		return 0
	}
}

// Its address is handed to a function that may make it.
func makeInto(p *chan int) { *p = make(chan int, 1) }

func viaPointer() {
	var ch chan int
	makeInto(&ch)
	ch <- 1
}
