package a

import "sync"

// Two goroutines that each start with a send whose receive the other makes
// only after its own send: both block forever.
func crossedSends() {
	a := make(chan int)
	b := make(chan int)
	go func() {
		a <- 1 // want `goroutines wait on each other forever: this first operation on a waits for the goroutine started at line \d+, whose own first operation on b \(line \d+\) waits for this goroutine's later one`
		<-b
	}()
	go func() {
		b <- 2
		<-a
	}()
}

// ---- negatives ----

// The operations pair up in order: a, then b.
func pairedInOrder() {
	a := make(chan int)
	b := make(chan int)
	go func() {
		a <- 1
		<-b
	}()
	go func() {
		<-a
		b <- 2
	}()
}

// A buffered channel lets the first send complete.
func bufferedFirst() {
	a := make(chan int, 1)
	b := make(chan int)
	go func() {
		a <- 1
		<-b
	}()
	go func() {
		b <- 2
		<-a
	}()
}

// A third party receives from a too: the first send may complete.
func thirdParty() int {
	a := make(chan int)
	b := make(chan int)
	go func() {
		a <- 1
		<-b
	}()
	go func() {
		b <- 2
		<-a
	}()
	return <-a
}

// Started in a loop: other instances may be the partners.
func inLoop(n int) {
	a := make(chan int)
	b := make(chan int)
	for range n {
		go func() {
			a <- 1
			<-b
		}()
		go func() {
			b <- 2
			<-a
		}()
	}
}

func rescan() {}

// The spawner never returns either (it ends waiting on a channel nothing
// feeds): the goroutine lives as long as its spawner, by design.
func watchForever() { // want watchForever:`goroutine never`
	go func() {
		for {
			rescan()
		}
	}()
	<-make(chan struct{})
}

// A spawner that never returns but starts a goroutine per iteration still
// leaks one per iteration.
func serveForever(conns chan int) { // want serveForever:`goroutine never param\(0\):s0,r1,c0,efalse`
	for {
		<-conns
		go func() { // want `goroutine never finishes`
			for {
				rescan()
			}
		}()
	}
}

func setup() error { return nil }

// The spawner may return early, before the go statement, but never after
// it (go-task's watchTasks shape).
func watchAfterSetup() error {
	if err := setup(); err != nil {
		return err
	}
	go func() {
		for {
			rescan()
		}
	}()
	<-make(chan struct{})
	return nil
}

// A goroutine and its spawner: the goroutine waits for a, which the
// spawner sends only after its receive from b, which the goroutine sends
// only after a.
func spawnerCrossed() {
	a := make(chan int)
	b := make(chan int)
	go func() {
		<-a // want `this goroutine and its spawner wait on each other forever: this receive on a needs the spawner to act after its receive on b at line \d+, which needs this goroutine to act after this point`
		b <- 1
	}()
	<-b
	a <- 1
}

// ---- negatives: goroutine and spawner ----

// The spawner acts in the order the goroutine waits for.
func spawnerInOrder() int {
	a := make(chan int)
	b := make(chan int)
	go func() {
		<-a
		b <- 1
	}()
	a <- 1
	return <-b
}

// The spawner's send on a is on a branch: the statement order does not
// place it.
func spawnerBranch(ok bool) {
	a := make(chan int)
	b := make(chan int)
	go func() {
		<-a
		b <- 1
	}()
	if ok {
		a <- 1
	}
	<-b
}

// Two WaitGroups, each waited for before the other's Done.
func crossedGroups() {
	var a, b sync.WaitGroup
	a.Add(1)
	b.Add(1)
	go func() {
		a.Wait() // want `this goroutine and its spawner wait on each other forever: this Wait on a needs the spawner to act after its Wait on b at line \d+`
		b.Done()
	}()
	b.Wait()
	a.Done()
}

// The Done comes first: no cycle.
func groupsInOrder() {
	var a, b sync.WaitGroup
	a.Add(1)
	b.Add(1)
	go func() {
		a.Wait()
		b.Done()
	}()
	a.Done()
	b.Wait()
}
