// Package lockeffects defines the analyzer that carries concvet's lock
// acquisitions across packages: for every function that may lock a mutex
// its caller can name (through its receiver, a parameter or a package
// variable), directly or through the functions it calls on its own
// goroutine, a fact listing those mutexes. Its result is the package's
// lockset.Acquisitions, which reads the facts of imported functions; the
// lock analyzers that ask "what may this call lock?" (lockorder,
// lockblock) require it instead of solving the summaries themselves.
package lockeffects

import (
	"fmt"
	"go/types"
	"maps"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/summary"
)

var Analyzer = &analysis.Analyzer{
	Name:       "lockeffects",
	Doc:        "export, per function, the mutexes of its caller it may lock (concvet's shared lock effects)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	ResultType: reflect.TypeFor[*lockset.Acquisitions](),
	FactTypes:  []analysis.Fact{new(Fact)},
	Run:        run,
}

// A Fact lists the mutexes a function may lock, and those it may unlock
// before it returns, as locks.EncodeKey subjects in its own terms, sorted.
type Fact struct {
	MayLock   []string
	MayUnlock []string
}

func (*Fact) AFact() {}

func (f *Fact) String() string {
	s := fmt.Sprintf("maylock=%v", f.MayLock)
	if len(f.MayUnlock) > 0 {
		s += fmt.Sprintf(" mayunlock=%v", f.MayUnlock)
	}
	return s
}

func run(pass *analysis.Pass) (any, error) {
	imported := func(fn *types.Func) lockset.Imported {
		var f Fact
		if pass.ImportObjectFact(fn, &f) {
			return lockset.Imported{MayLock: f.MayLock, MayUnlock: f.MayUnlock}
		}
		return lockset.Imported{}
	}
	if !locks.Used(pass) && len(pass.AllObjectFacts()) == 0 {
		// No mutex here and none in what it calls: nothing to export.
		return lockset.NewAcquisitions(pass.TypesInfo, nil, imported), nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	decls := funcs.IndexDecls(pass.TypesInfo, ins)
	acq := lockset.NewAcquisitions(pass.TypesInfo, decls, imported)
	// In the call graph's order: the same facts, whatever the map order.
	for _, fn := range summary.CallGraph(pass.TypesInfo, decls).Funcs {
		if f := (Fact{MayLock: sorted(acq.Of(fn)), MayUnlock: sorted(acq.ReleasesOf(fn))}); len(f.MayLock)+len(f.MayUnlock) > 0 {
			pass.ExportObjectFact(fn, &f)
		}
	}
	return acq, nil
}

// sorted returns the keys of m in order, nil when there are none.
func sorted(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}
