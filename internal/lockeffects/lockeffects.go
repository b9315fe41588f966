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

// A Fact lists the mutexes a function may lock, as locks.EncodeKey
// subjects in its own terms, sorted.
type Fact struct {
	MayLock []string
}

func (*Fact) AFact() {}

func (f *Fact) String() string { return fmt.Sprintf("maylock=%v", f.MayLock) }

func run(pass *analysis.Pass) (any, error) {
	imported := func(fn *types.Func) []string {
		var f Fact
		if pass.ImportObjectFact(fn, &f) {
			return f.MayLock
		}
		return nil
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
		if keys := acq.Of(fn); len(keys) > 0 {
			pass.ExportObjectFact(fn, &Fact{MayLock: slices.Sorted(maps.Keys(keys))})
		}
	}
	return acq, nil
}
