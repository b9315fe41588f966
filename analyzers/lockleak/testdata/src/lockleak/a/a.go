package a

import (
	"errors"
	"log"
	"sync"
)

var errBad = errors.New("bad")

type Store struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	data map[string][]byte
}

func (s *Store) check(k string) error {
	if k == "" {
		return errBad
	}
	return nil
}

// The typical shape: an early return between Lock and Unlock.
func (s *Store) Put(k string, v []byte) error { // want Put:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock() // want `s.mu.Lock is not released on the path through the return at line 28: s.mu stays locked and its next Lock blocks forever; call s.mu.Unlock on that path, or defer it right after locking`
	if err := s.check(k); err != nil {
		return err
	}
	s.data[k] = v
	s.mu.Unlock()
	return nil
}

// The same with an RWMutex read lock, and a fix that keeps the result.
func (s *Store) Get(k string) []byte { // want Get:`uncertain=\[Rp:-1.rw\]`
	s.rw.RLock() // want `s.rw.RLock is not released on the path through the return at line 40: s.rw stays read-locked`
	v, ok := s.data[k]
	if !ok {
		return nil
	}
	s.rw.RUnlock()
	return v
}

// Unlocked on one path only, and not as the last statement: no fix.
func (s *Store) Delete(k string) bool { // want Delete:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock() // want `s.mu.Lock is not released on the path through the return at line 54`
	if _, ok := s.data[k]; ok {
		delete(s.data, k)
		s.mu.Unlock()
		return true
	}
	return false
}

type Counter struct {
	sync.Mutex // embedded
	n          int
}

// An embedded mutex; the leak is at the end of the function.
func (c *Counter) Inc(skip bool) { // want Inc:`uncertain=\[Wp:-1.Mutex\]`
	c.Lock() // want `c.Mutex.Lock is not released on the path through the end of the function at line 71`
	if skip {
		goto out
	}
	c.n++
	c.Unlock()
out:
}

// A loop: continue skips the unlock, and the loop then ends.
func (s *Store) sweep(keys []string) { // want sweep:`uncertain=\[Wp:-1.mu\]`
	for _, k := range keys {
		s.mu.Lock() // want `s.mu.Lock is not released on a path that goes round the loop back to it \(through a continue or a branch that skips s.mu.Unlock\), so the next iteration.s Lock blocks forever`
		if k == "" {
			continue
		}
		delete(s.data, k)
		s.mu.Unlock()
	}
}

// A break out of a select inside the locked region.
func (s *Store) drain(ch chan string) { // want drain:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock() // want `s.mu.Lock is not released on the path through the return at line 91`
	select {
	case k := <-ch:
		if k == "" {
			return
		}
		delete(s.data, k)
	default:
	}
	s.mu.Unlock()
}

// A function literal is checked on its own.
func literal(mu *sync.Mutex, bad func() bool) func() {
	return func() {
		mu.Lock() // want `mu.Lock is not released on the path through the return at line 104`
		if bad() {
			return
		}
		mu.Unlock()
	}
}

// A package-level mutex.
var global sync.Mutex

func withGlobal(bad bool) error { // want withGlobal:`uncertain=\[Wg:lockleak/a:global\]`
	global.Lock() // want `global.Lock is not released on the path through the return at line 116`
	if bad {
		return errBad
	}
	global.Unlock()
	return nil
}

// --- hand-over helpers: silent ---

// lockState returns holding s.mu: it releases nothing.
func (s *Store) lockState() { s.mu.Lock() } // want lockState:`handover acquires=\[Wp:-1.mu\] releases=\[\] uncertain=\[\]`

// unlockState releases what lockState took.
func (s *Store) unlockState() { s.mu.Unlock() } // want unlockState:`handover acquires=\[\] releases=\[Wp:-1.mu\] uncertain=\[\]`

// lockIfOpen is a conditional hand-over: locked on success, unlocked on
// error; its caller unlocks.
func (s *Store) lockIfOpen() error { // want lockIfOpen:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock()
	if s.data == nil {
		s.mu.Unlock()
		return errBad
	}
	return nil
}

func (s *Store) useLockIfOpen() error {
	if err := s.lockIfOpen(); err != nil {
		return err
	}
	defer s.mu.Unlock()
	s.data["x"] = nil
	return nil
}

// A helper that locks, followed by an early return: reported at the call.
func (s *Store) viaHelper(bad bool) error { // want viaHelper:`uncertain=\[Wp:-1.mu\]`
	s.lockState() // want `lockState returns holding s.mu, which is not released on the path through the return at line 154`
	if bad {
		return errBad
	}
	s.unlockState()
	return nil
}

// The helpers used right.
func (s *Store) viaHelperOK(bad bool) error {
	s.lockState()
	defer s.unlockState()
	if bad {
		return errBad
	}
	return nil
}

// --- recommended and other silent shapes ---

func (s *Store) deferred(k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.check(k); err != nil {
		return err
	}
	return nil
}

func (s *Store) deferredClosure(k string) error {
	s.mu.Lock()
	defer func() {
		s.mu.Unlock()
	}()
	return s.check(k)
}

// Unlocked on every path.
func (s *Store) everyPath(k string) error {
	s.mu.Lock()
	if err := s.check(k); err != nil {
		s.mu.Unlock()
		return err
	}
	s.mu.Unlock()
	return nil
}

// The unlocking path panics or exits: nobody waits for the lock any more.
func (s *Store) fatal(k string) {
	s.mu.Lock()
	if k == "" {
		log.Fatal("empty key")
	}
	if k == "x" {
		panic("x")
	}
	s.mu.Unlock()
}

// TryLock: whether the lock is held depends on the result.
func (s *Store) try() bool { // want try:`uncertain=\[Wp:-1.mu\]`
	if !s.mu.TryLock() {
		return false
	}
	s.mu.Unlock()
	return true
}

// The mutex escapes: its address is handed to code the analysis cannot see.
func (s *Store) escapes(release func(*sync.Mutex), bad bool) { // want escapes:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock()
	if bad {
		release(&s.mu)
		return
	}
	s.mu.Unlock()
}

// The owner is passed to an unknown function, which may unlock.
func (s *Store) ownerEscapes(cb func(*Store), bad bool) { // want ownerEscapes:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock()
	if bad {
		cb(s)
		return
	}
	s.mu.Unlock()
}

// A closure unlocks it later.
func (s *Store) closure(bad bool) func() { // want closure:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock()
	if bad {
		return func() { s.mu.Unlock() }
	}
	s.mu.Unlock()
	return nil
}

// A goroutine unlocks it.
func (s *Store) goroutine(bad bool) { // want goroutine:`uncertain=\[Wp:-1.mu\]`
	s.mu.Lock()
	if bad {
		go s.unlockState()
		return
	}
	s.mu.Unlock()
}

// A loop whose every iteration unlocks.
func (s *Store) loopOK(keys []string) {
	for _, k := range keys {
		s.mu.Lock()
		if k == "" {
			s.mu.Unlock()
			continue
		}
		delete(s.data, k)
		s.mu.Unlock()
	}
}

// Lock and unlock of different mutexes, both right.
func (s *Store) two() {
	s.mu.Lock()
	s.rw.Lock()
	s.rw.Unlock()
	s.mu.Unlock()
}

// grpc's addrConn.connect: a helper that unlocks (after taking and releasing
// the lock again on the way) ends the critical section.
func (s *Store) connect(bad bool) {
	s.mu.Lock()
	if bad {
		s.mu.Unlock()
		return
	}
	s.resetAndUnlock()
}

func (s *Store) resetAndUnlock() { // want resetAndUnlock:`releases=\[Wp:-1.mu\]`
	if s.data == nil {
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	s.data["x"] = nil
	s.mu.Lock()
	s.data["y"] = nil
	s.mu.Unlock()
}

// nats' noDeferUnlock: a path behind a constant false condition never runs.
func noDeferUnlock(mu *sync.Mutex) {
	mu.Lock()
	if false {
		return
	}
	mu.Unlock()
}

// A test that holds a lock while its goroutine, started later, releases it.
func heldForGoroutine(s *Store, bad bool) { // want heldForGoroutine:`uncertain=\[Wp:0.mu\]`
	s.mu.Lock()
	if bad {
		s.mu.Unlock()
		return
	}
	go func() {
		s.mu.Unlock()
	}()
}

type Tx struct{ db *DB }

type DB struct {
	rwlock sync.Mutex
	opened bool
}

// bbolt's beginRWTx: the lock is held by the transaction it returns, and
// released when the transaction closes; the error paths unlock.
func (db *DB) beginRWTx() (*Tx, error) { // want beginRWTx:`uncertain=\[Wp:-1.rwlock\]`
	db.rwlock.Lock()
	if !db.opened {
		db.rwlock.Unlock()
		return nil, errBad
	}
	return &Tx{db: db}, nil
}

func (tx *Tx) Close() { tx.db.rwlock.Unlock() } // want Close:`releases=\[Wp:-1.db.rwlock\]`

// The same shape, but an early return that fails keeps the lock: reported.
func (db *DB) beginBad(check func() error) (*Tx, error) { // want beginBad:`uncertain=\[Wp:-1.rwlock\]`
	db.rwlock.Lock() // want `db.rwlock.Lock is not released on the path through the return`
	if err := check(); err != nil {
		return nil, err
	}
	if !db.opened {
		db.rwlock.Unlock()
		return nil, errBad
	}
	return &Tx{db: db}, nil
}

// nats.go's publish-ack handler: the callback locks, and doErr, a literal
// bound in the enclosing function, unlocks. Silent.
type jsCtx struct {
	mu   sync.Mutex
	errs []error
}

func (js *jsCtx) handleAck(retry func(func()), publish func() error) {
	doErr := func(err error) {
		js.errs = append(js.errs, err)
		js.mu.Unlock()
	}
	retry(func() {
		js.mu.Lock()
		n := len(js.errs)
		js.mu.Unlock()
		if err := publish(); err != nil && n < 10 {
			js.mu.Lock()
			doErr(err)
		}
	})
}

// A bound literal that does not unlock leaves the lock held: reported.
func (js *jsCtx) handleAckBad(retry func(func()), publish func() error) {
	record := func(err error) {
		js.errs = append(js.errs, err)
	}
	retry(func() {
		js.mu.Lock()
		n := len(js.errs)
		js.mu.Unlock()
		if err := publish(); err != nil && n < 10 {
			js.mu.Lock() // want `js.mu.Lock is not released on the path through the end of the function`
			record(err)
		}
	})
}
