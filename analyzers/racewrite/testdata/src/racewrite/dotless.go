package racewrite

import "myapp/queue"

// An interface of the application's own module (module myapp, no dot in
// its path) may synchronize: Put and Take may be a handoff.
func dotlessModule(q queue.Queue) int {
	x := 0
	go func() {
		x = 1
		q.Put()
	}()
	q.Take()
	return x
}
