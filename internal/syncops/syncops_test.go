package syncops_test

import (
	"testing"

	"github.com/concvet/concvet/internal/syncops"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

import "sync"

type S struct {
	sync.Mutex
	rw   sync.RWMutex
	wg   sync.WaitGroup
	cond *sync.Cond
}

func f(s *S) {
	s.Lock()
	s.rw.RLock()
	s.wg.Wait()
	s.cond.Broadcast()
}
`

// TestMatchers checks that each sync method is named, with the receiver
// it acts on (an embedded mutex is the field Mutex).
func TestMatchers(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	calls := testutil.Calls(t, f, "f")
	if name, r := syncops.Mutex(info, calls["s.Lock"]); name != "Lock" || r.String() != "s.Mutex" {
		t.Errorf("s.Lock: %s on %s", name, r)
	}
	if name, r := syncops.Mutex(info, calls["s.rw.RLock"]); name != "RLock" || r.String() != "s.rw" {
		t.Errorf("s.rw.RLock: %s on %s", name, r)
	}
	if name, r := syncops.WaitGroup(info, calls["s.wg.Wait"]); name != "Wait" || r.String() != "s.wg" {
		t.Errorf("s.wg.Wait: %s on %s", name, r)
	}
	if name, _ := syncops.Cond(info, calls["s.cond.Broadcast"]); name != "Broadcast" {
		t.Errorf("s.cond.Broadcast: %s", name)
	}
	if name, _ := syncops.Mutex(info, calls["s.wg.Wait"]); name != "" {
		t.Errorf("a WaitGroup method matched as a mutex one: %s", name)
	}
}
