// Command cmd starts process-lifetime goroutines from main and init, which
// goleak reports only with -goleak.main.
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
}

func serve() {
	go func() { // want `goroutine never finishes`
		for {
			poll()
		}
	}()
}
