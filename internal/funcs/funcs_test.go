package funcs_test

import (
	"go/ast"
	"slices"
	"testing"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

import (
	"log"
	"os"
	"runtime"
	"testing"
)

func f(t *testing.T, tb testing.TB) {
	t.Fatal("x")
	tb.FailNow()
	runtime.Goexit()
	os.Exit(1)
	log.Fatalf("x")
	panic("x")
	t.Errorf("x")
	println()
}
`

// TestNeverReturns checks which calls end the goroutine, and which the
// process or a panic.
func TestNeverReturns(t *testing.T) {
	_, f, _, info := testutil.Check(t, src)
	var ends, never []bool
	ast.Inspect(testutil.Func(t, f, "f").Body, func(n ast.Node) bool {
		if es, ok := n.(*ast.ExprStmt); ok {
			call := es.X.(*ast.CallExpr)
			ends = append(ends, funcs.EndsGoroutine(info, call))
			never = append(never, funcs.NeverReturns(info, call))
		}
		return true
	})
	wantEnds := []bool{true, true, true, false, false, false, false, false}
	wantNever := []bool{true, true, true, true, true, true, false, false}
	for i := range wantEnds {
		if ends[i] != wantEnds[i] || never[i] != wantNever[i] {
			t.Errorf("statement %d: EndsGoroutine %v NeverReturns %v, want %v %v", i, ends[i], never[i], wantEnds[i], wantNever[i])
		}
	}
}

const deadSrc = `package p

type T struct{}

func (T) used()      {}
func (T) unused()    {}
func (T) viaIface()  {}
func (T) Exported()  {}
func helper()        {}
func value()         {}
func orphan()        {}
func init()          {}

type iface interface{ viaIface() }

var f = value

func Main() { helper(); T{}.used() }
`

// TestDead checks which functions nothing can call: unexported, named
// nowhere, and (for a method) not the name of an interface method of the
// package.
func TestDead(t *testing.T) {
	_, f, _, info := testutil.Check(t, deadSrc)
	var got []string
	for decl := range funcs.Dead(info, []*ast.File{f}) {
		got = append(got, decl.Name.Name)
	}
	slices.Sort(got)
	if want := []string{"orphan", "unused"}; !slices.Equal(got, want) {
		t.Errorf("dead = %v, want %v", got, want)
	}
}
