package factsonly_test

import (
	"go/types"
	"testing"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/factsonly"
	"github.com/concvet/concvet/internal/testutil"
	"github.com/concvet/concvet/internal/typesutil"
)

const src = `package p

import "sync"

type S struct {
	mu sync.Mutex
	wg *sync.WaitGroup
}

func (s *S) m() {}

func Exported()   {}
func unexported() {}

func A[T any](x T)                     {}
func B[T ~chan int](x T)               {}
func C[T interface{ ~[]int | ~chan int }](x T) {}
func D[T interface{ ~[]int; String() string }](x T) {}
func E(x <-chan int, y []int)          {}

var _ = func() { var s S; s.mu.Lock(); s.wg.Add(1); s.m() }
`

func TestPredicates(t *testing.T) {
	_, _, pkg, info := testutil.Check(t, src)
	fn := func(name string) *types.Func { return pkg.Scope().Lookup(name).(*types.Func) }
	param := func(name string) types.Type { return fn(name).Signature().Params().At(0).Type() }

	for name, want := range map[string]bool{"A": false, "B": true, "C": true, "D": false, "E": true} {
		if got := chans.MayBeChan(param(name)); got != want {
			t.Errorf("MayBeChan(parameter of %s) = %v, want %v", name, got, want)
		}
	}
	if chans.MayBeChan(fn("E").Signature().Params().At(1).Type()) {
		t.Errorf("MayBeChan([]int) = true")
	}

	m, _, _ := types.LookupFieldOrMethod(pkg.Scope().Lookup("S").Type(), true, pkg, "m")
	if !factsonly.Written(fn("Exported")) || factsonly.Written(fn("unexported")) || !factsonly.Written(m.(*types.Func)) {
		t.Errorf("Written: exported %v, unexported %v, method %v", factsonly.Written(fn("Exported")), factsonly.Written(fn("unexported")), factsonly.Written(m.(*types.Func)))
	}

	var lock, add, wgField, mutexField bool
	factsonly.UsesObject(info, func(obj types.Object) bool {
		lock = lock || typesutil.IsMethodOf(obj, "sync", "Mutex", "RWMutex") && obj.Name() == "Lock"
		add = add || typesutil.IsMethodOf(obj, "sync", "WaitGroup") && obj.Name() == "Add"
		wgField = wgField || factsonly.IsVarOf(obj, "sync", "WaitGroup") && obj.Name() == "wg"
		mutexField = mutexField || factsonly.IsVarOf(obj, "sync", "WaitGroup") && obj.Name() == "mu"
		return false
	})
	if !lock || !add || !wgField || mutexField {
		t.Errorf("uses: Mutex.Lock %v, WaitGroup.Add %v, wg field of *WaitGroup type %v, mu field taken for a WaitGroup %v", lock, add, wgField, mutexField)
	}
}
