package a

import "sync"

// The same with if: the condition is not checked again.
func withIf() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	queue := 0
	go func() {
		mu.Lock()
		if queue == 0 {
			cond.Wait() // want `Wait is in an if, not a for: the condition is not checked again after Wait returns, and it may still be false \(a Broadcast, a Signal meant for another waiter, a goroutine that got the lock first\); use for instead of if`
		}
		queue--
		mu.Unlock()
	}()
	cond.Signal()
}

type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Push(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.cond.Signal()
	q.mu.Unlock()
}

// A bare Wait: nothing re-checks.
func (q *Queue) Pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.cond.Wait() // want `Wait is not in a for loop that checks the condition again`
	it := q.items[0]
	q.items = q.items[1:]
	return it
}

// The recommended shape, with a check in the loop body.
func (q *Queue) PopOK() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if len(q.items) > 0 {
			break
		}
		q.cond.Wait()
	}
	it := q.items[0]
	q.items = q.items[1:]
	return it
}

// Wait after the lock was released.
func (q *Queue) released() {
	q.mu.Lock()
	n := len(q.items)
	q.mu.Unlock()
	for n == 0 {
		q.cond.Wait() // want `Wait is reached on a path where q.mu \(its L\) is not locked: Wait unlocks c.L first, so this panics \(sync: unlock of unlocked mutex\) or releases another goroutine's lock; lock q.mu before waiting`
		n = len(q.items)
	}
}

// Locked on one path only.
func (q *Queue) somePaths(lock bool) {
	if lock {
		q.mu.Lock()
	}
	for len(q.items) == 0 {
		q.cond.Wait() // want `Wait is reached on a path where q.mu \(its L\) is not locked`
	}
}

// A goroutine that never locks, but unlocks at the end.
func goroutine() {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	go func() {
		for !ready {
			cond.Wait() // want `Wait is reached on a path where mu \(its L\) is not locked`
		}
		mu.Unlock()
	}()
	cond.Broadcast()
}

// c.L.Lock() counts as locking.
func viaL(c *sync.Cond, ready func() bool) {
	c.L.Lock()
	for !ready() {
		c.Wait()
	}
	c.L.Unlock()
}

// A helper called with the lock held: it neither locks nor unlocks. Silent.
func (q *Queue) waitLocked() {
	for len(q.items) == 0 {
		q.cond.Wait()
	}
}

// Wait in a loop that ranges: taken as a re-check. Silent.
func (q *Queue) drain(n int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for i := 0; i < n; i++ {
		q.cond.Wait()
	}
}
