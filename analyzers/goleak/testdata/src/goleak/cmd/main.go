// Command cmd starts process-lifetime goroutines from main, init and the
// helpers main calls once, which goleak reports only with -goleak.main, and
// goroutines from a function used as a value and a helper called in a loop,
// which it always reports.
package main

import "time"

func poll() {}

func init() {
	go func() { // want `goroutine never finishes`
		for range time.Tick(time.Minute) {
			poll()
		}
	}()
}

func main() {
	go func() { // want `goroutine never finishes`
		for {
			time.Sleep(time.Second)
			poll()
		}
	}()
	serve()
	register(handle)
	for i := 0; i < 3; i++ {
		spawn()
	}
}

func register(f func()) { f() }

// Used as a value: how often it runs is not known.
func handle() {
	go func() { // want `goroutine never finishes`
		for {
			poll()
		}
	}()
}

// Called in a loop: one more goroutine each time.
func spawn() {
	go func() { // want `goroutine never finishes`
		for {
			poll()
		}
	}()
}

func serve() {
	go func() { // want `goroutine never finishes`
		for {
			poll()
		}
	}()
}
