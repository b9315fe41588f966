package racewrite

import "example.com/other"

// A call the analysis cannot see may wait for another such call: the
// goroutine signals through other, the spawner waits through it.
func unseenHandoff() int {
	x := 0
	go func() {
		x = 1
		other.Signal()
	}()
	other.Await()
	return x
}

// But it cannot wait for a channel it was not handed: done is closed after
// the write, and nothing on the spawner's side receives from it before the
// read.
func unseenCannotWaitForOurChannel() int {
	x := 0
	done := make(chan struct{})
	go func() {
		x = 1 // want `this goroutine writes x and its spawner reads x at line \d+`
		close(done)
	}()
	other.Log("started")
	n := x
	<-done
	return n
}
