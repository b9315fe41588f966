package lockset_test

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

import "sync"

type T struct {
	mu, other sync.Mutex
	ch        chan int
}

func (t *T) f(cond bool) {
	t.mu.Lock()
	mark("after lock")
	if cond {
		t.other.Lock()
		mark("both")
		t.other.Unlock()
	}
	mark("after if")
	if cond {
		t.mu.Unlock()
	}
	mark("maybe")
	if t.mu.TryLock() {
		mark("try")
	}
}

func (t *T) helper() { t.mu.Lock() }

func (t *T) g() {
	t.helper()
	t.other.Lock()
}

func mark(string) {}
`

func held(set lockset.Set) string {
	var names []string
	for k := range set {
		names = append(names, refs.KeyOf(k.Ref).String())
	}
	sort.Strings(names)
	return strings.Join(names, ",")
}

// TestMustHeld checks the must-held sets at marked points.
func TestMustHeld(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	decl := testutil.Func(t, f, "f")
	g := cfg.New(decl.Body, func(*ast.CallExpr) bool { return true })
	got := make(map[string]string)
	lockset.MustHeld(info, g, lockset.Set{}, func(n ast.Node, set lockset.Set) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "mark" {
			got[strings.Trim(call.Args[0].(*ast.BasicLit).Value, `"`)] = held(set)
		}
	})
	for point, want := range map[string]string{
		"after lock": "T.mu",
		"both":       "T.mu,T.other",
		"after if":   "T.mu",
		"maybe":      "", // unlocked on one path only: not held on every path
		"try":        "", // TryLock adds nothing certain
	} {
		if got[point] != want {
			t.Errorf("held at %q = %q, want %q", point, got[point], want)
		}
	}
}

// TestTaken checks the mutexes every path has locked at marked points,
// released since or not.
func TestTaken(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	decl := testutil.Func(t, f, "f")
	g := cfg.New(decl.Body, func(*ast.CallExpr) bool { return true })
	got := make(map[string]string)
	lockset.Flow(g, lockset.Set{}, lockset.Taken(info), func(n ast.Node, set lockset.Set) {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return
		}
		if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "mark" {
			got[strings.Trim(call.Args[0].(*ast.BasicLit).Value, `"`)] = held(set)
		}
	})
	for point, want := range map[string]string{
		"after lock": "T.mu",
		"both":       "T.mu,T.other",
		"after if":   "T.mu", // T.other taken on one path only
		"maybe":      "T.mu", // unlocked on one path, taken on both
		"try":        "T.mu", // TryLock adds nothing certain
	} {
		if got[point] != want {
			t.Errorf("taken at %q = %q, want %q", point, got[point], want)
		}
	}
}

// TestAcquisitions checks that a call of a helper that locks counts as
// an acquisition in the caller's terms.
func TestAcquisitions(t *testing.T) {
	fset, f, _, info := testutil.Check(t, src)
	decls := make(funcs.Decls)
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			decls[info.Defs[fd.Name].(*types.Func)] = fd
		}
	}
	acq := lockset.NewAcquisitions(info, decls, summary.CallGraph(fset, info, decls), nil)
	var got []string
	ast.Inspect(testutil.Func(t, f, "g").Body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			for _, k := range acq.At(call) {
				got = append(got, refs.KeyOf(k.Ref).String())
			}
		}
		return true
	})
	if strings.Join(got, ",") != "T.mu,T.other" {
		t.Errorf("acquisitions in g = %v, want [T.mu T.other]", got)
	}
}

const exitSrc = `package p

import "sync"

type T struct {
	mu, other sync.Mutex
	next      *T
}

func (t *T) both(cond bool) {
	t.mu.Lock()
	if cond {
		t.other.Lock()
		return
	}
	t.other.Lock()
}

func (t *T) oneBranch(cond bool) {
	if cond {
		t.mu.Lock()
	}
}

func (t *T) forgotten() {
	t.next.mu.Lock()
	t.next = nil
}
`

// TestHeldAtExit checks the mutexes held on every path out of a function,
// and that reassigning a mutex's owner forgets it.
func TestHeldAtExit(t *testing.T) {
	_, f, _, info := testutil.Check(t, exitSrc)
	forget := lockset.Direct(info)
	forget.Node = func(n ast.Node) []lockset.Effect {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return nil
		}
		var out []lockset.Effect
		for _, lhs := range as.Lhs {
			out = append(out, lockset.Effect{Kind: lockset.Forget, Key: locks.Key{Ref: refs.Of(info, lhs)}})
		}
		return out
	}
	for name, want := range map[string]string{
		"both":      "T.mu,T.other",
		"oneBranch": "",
		"forgotten": "",
	} {
		g := cfg.New(testutil.Func(t, f, name).Body, func(*ast.CallExpr) bool { return true })
		if got := held(lockset.HeldAtExit(g, lockset.Set{}, forget)); got != want {
			t.Errorf("held at the exit of %s = %q, want %q", name, got, want)
		}
	}
	// Without the assignment's effect, t.next.mu is still held.
	g := cfg.New(testutil.Func(t, f, "forgotten").Body, func(*ast.CallExpr) bool { return true })
	if got := held(lockset.HeldAtExit(g, lockset.Set{}, lockset.Direct(info))); got != "T.mu" {
		t.Errorf("held at the exit of forgotten, direct operations only = %q, want %q", got, "T.mu")
	}
}
