package locks_test

import (
	"go/ast"
	"go/types"
	"testing"

	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

import "sync"

type S struct{ mu sync.RWMutex }

var global sync.Mutex

func (s *S) lock() { s.mu.RLock() }

func f(s *S, other *S) {
	s.mu.Lock()
	s.mu.RUnlock()
	s.mu.TryLock()
	other.lock()
	global.Unlock()
}
`

// TestOps checks the classification of mutex calls.
func TestOps(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	calls := testutil.Calls(t, f, "f")
	for fun, want := range map[string]struct {
		acquire, try bool
		mode         locks.Mode
	}{
		"s.mu.Lock":     {true, false, locks.Write},
		"s.mu.RUnlock":  {false, false, locks.Read},
		"s.mu.TryLock":  {false, true, locks.Write},
		"global.Unlock": {false, false, locks.Write},
	} {
		op, ok := locks.OpOf(info, calls[fun])
		if !ok || op.Acquire != want.acquire || op.Try != want.try || op.Key.Mode != want.mode {
			t.Errorf("%s: %+v, %v", fun, op, ok)
		}
	}
}

// TestSubjects checks that a summary's subject maps onto the caller's
// expressions and survives its encoding.
func TestSubjects(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	lock := testutil.Func(t, f, "lock")
	callee := info.Defs[lock.Name].(*types.Func)
	op, _ := locks.OpOf(info, testutil.Calls(t, f, "lock")["s.mu.RLock"])
	subj, ok := locks.SubjectOf(op.Key.Ref, callee.Signature())
	if !ok || subj != "p:-1.mu" {
		t.Fatalf("SubjectOf = %q, %v", subj, ok)
	}
	enc := locks.EncodeKey(subj, locks.Read)
	if s, m, ok := locks.DecodeKey(enc); !ok || s != subj || m != locks.Read {
		t.Errorf("DecodeKey(%q) = %q, %v, %v", enc, s, m, ok)
	}
	call := testutil.Calls(t, f, "f")["other.lock"]
	recv := call.Fun.(*ast.SelectorExpr).X
	k, ok := locks.KeyAt(info, enc, callee, recv, call)
	if !ok || k.Ref.String() != "other.mu" || k.Mode != locks.Read {
		t.Errorf("KeyAt = %v %v, %v; want other.mu read", k, k.Mode, ok)
	}
}
