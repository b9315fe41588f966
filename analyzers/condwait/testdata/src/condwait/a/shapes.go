package a

import "sync"

// Wait in a helper entered with c.L held: every caller locks first.
type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) waitLocked() int {
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	it := q.items[0]
	q.items = q.items[1:]
	return it
}

func (q *queue) Pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waitLocked()
}

// A helper that releases its caller's lock with defer and waits before.
func (q *queue) popAndUnlock() int {
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	return q.items[0]
}

func (q *queue) PopLocked() int {
	q.mu.Lock()
	return q.popAndUnlock()
}

// A pass-through wrapper: the loop that checks the condition belongs to
// its callers.
type latch struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

func (l *latch) Wait() { l.cond.Wait() }

func (l *latch) Await() {
	l.mu.Lock()
	for !l.open {
		l.Wait()
	}
	l.mu.Unlock()
}

// A helper entered with the lock held that releases it around slow work
// and takes it again: every caller holds q.mu at the call.
func (q *queue) waitAndRefill(refill func() []int) {
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	q.mu.Unlock()
	more := refill()
	q.mu.Lock()
	q.items = append(q.items, more...)
}

func (q *queue) Refill(refill func() []int) {
	q.mu.Lock()
	q.waitAndRefill(refill)
	q.mu.Unlock()
}

// The same helper, called once without the lock: that call reaches Wait
// unlocked.
func (q *queue) waitAndRefill2(refill func() []int) {
	for len(q.items) == 0 {
		q.cond.Wait() // want `Wait is reached on a path where q.mu \(its L\) is not locked`
	}
	q.mu.Unlock()
	more := refill()
	q.mu.Lock()
	q.items = append(q.items, more...)
}

func (q *queue) Refill2(refill func() []int) {
	q.mu.Lock()
	q.waitAndRefill2(refill)
	q.mu.Unlock()
	q.waitAndRefill2(refill)
}

// A wait-once primitive: it checks under the lock, waits once, unlocks and
// returns; its callers loop (for q.Wait() { … }).
type workQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []int
	closed bool
}

func (q *workQueue) Wait() bool {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return false
	}
	if len(q.items) != 0 {
		q.mu.Unlock()
		return true
	}
	q.cond.Wait()
	q.mu.Unlock()
	return true
}

func (q *workQueue) remove() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return 0, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, true
}

// The same wait followed by a use of the state it waited for: reported.
func (q *workQueue) first() int {
	q.mu.Lock()
	q.cond.Wait() // want `Wait is not in a for loop`
	v := q.items[0]
	q.mu.Unlock()
	return v
}

func (q *queue) push(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.cond.Broadcast()
	q.mu.Unlock()
}

func (l *latch) Open() {
	l.mu.Lock()
	l.open = true
	l.cond.Broadcast()
	l.mu.Unlock()
}

func (q *workQueue) push(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.cond.Signal()
	q.mu.Unlock()
}

// Nothing signals this Cond: its Wait never returns, whatever the loop.
type stuck struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func newStuck() *stuck {
	s := &stuck{}
	s.cond = sync.NewCond(&s.mu)
	return s
}

func (s *stuck) await() {
	s.mu.Lock()
	for !s.ready {
		s.cond.Wait() // want `nothing in the package calls Signal or Broadcast on stuck.cond, so this Wait never returns`
	}
	s.mu.Unlock()
}

// An exported Cond field: other packages may signal it.
type Open struct {
	Mu   sync.Mutex
	Cond *sync.Cond
}

func (o *Open) await(ready func() bool) {
	o.Mu.Lock()
	for !ready() {
		o.Cond.Wait()
	}
	o.Mu.Unlock()
}

// Live keeps the signalling helpers and a waiter above called: a Signal in
// code that nothing calls wakes nobody, and a Wait in such code is not
// reported.
func Live() {
	newQueue().push(1)
	(&workQueue{}).push(1)
	newStuck().await()
}

// A Signal only in a method that nothing calls: the Wait never returns.
type deadSignal struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func newDeadSignal() *deadSignal {
	d := &deadSignal{}
	d.cond = sync.NewCond(&d.mu)
	return d
}

func (d *deadSignal) Await() {
	d.mu.Lock()
	for !d.ready {
		d.cond.Wait() // want `nothing in the package calls Signal or Broadcast on deadSignal.cond, so this Wait never returns`
	}
	d.mu.Unlock()
}

func (d *deadSignal) wake() { d.cond.Broadcast() }

// The same Signal behind an interface of the package: it may be called.
type waker interface{ wakeAll() }

type ifaceSignal struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func (d *ifaceSignal) Await() {
	d.mu.Lock()
	for !d.ready {
		d.cond.Wait()
	}
	d.mu.Unlock()
}

func (d *ifaceSignal) wakeAll() { d.cond.Broadcast() }
