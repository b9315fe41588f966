// Package lockeffects defines the analyzer that carries concvet's lock
// effects across packages: for every function that does something to a
// mutex its caller can name (through its receiver, a parameter or a
// package variable), directly or through the functions it calls on its
// own goroutine, one fact: the mutexes it may lock and may unlock, and
// those it hands over to its caller when it returns (acquires, releases,
// leaves uncertain). Its result is the package's lockset.Effects, which
// read the facts of imported functions; the lock analyzers (lockorder,
// lockblock, lockleak) require it instead of solving the summaries
// themselves.
package lockeffects

import (
	"fmt"
	"go/types"
	"maps"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/summary"
)

var Analyzer = &analysis.Analyzer{
	Name:       "lockeffects",
	Doc:        "export, per function, what it may do to its caller's mutexes and what it hands over (concvet's shared lock effects)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	ResultType: reflect.TypeFor[*lockset.Effects](),
	FactTypes:  []analysis.Fact{new(Fact)},
	Run:        run,
}

// A Fact lists, as locks.EncodeKey subjects in the function's own terms,
// sorted: the mutexes it may lock, those it may unlock before it returns,
// and its hand-over (lockset.Handover): those every return holds, which it
// locked (Acquires), those every return has released, which the caller
// held (Releases), and those some returns hold and others not (Uncertain).
type Fact struct {
	MayLock   []string
	MayUnlock []string
	Acquires  []string
	Releases  []string
	Uncertain []string
}

func (*Fact) AFact() {}

func (f *Fact) String() string {
	s := fmt.Sprintf("maylock=%v", f.MayLock)
	if len(f.MayUnlock) > 0 {
		s += fmt.Sprintf(" mayunlock=%v", f.MayUnlock)
	}
	if len(f.Acquires)+len(f.Releases)+len(f.Uncertain) > 0 {
		s += fmt.Sprintf(" handover acquires=%v releases=%v uncertain=%v", f.Acquires, f.Releases, f.Uncertain)
	}
	return s
}

func run(pass *analysis.Pass) (any, error) {
	imported := func(fn *types.Func) lockset.Imported {
		var f Fact
		if pass.ImportObjectFact(fn, &f) {
			return lockset.Imported{MayLock: f.MayLock, MayUnlock: f.MayUnlock, Acquires: f.Acquires, Uncertain: f.Uncertain, Releases: f.Releases}
		}
		return lockset.Imported{}
	}
	if !locks.Used(pass) && len(pass.AllObjectFacts()) == 0 {
		// No mutex here and none in what it calls: nothing to export.
		none := summary.CallGraph(pass.TypesInfo, nil)
		return &lockset.Effects{
			Acquisitions: lockset.NewAcquisitions(pass.TypesInfo, nil, none, imported),
			Handovers:    lockset.NewHandovers(pass.TypesInfo, nil, none, nil, imported),
			None:         true,
		}, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	decls := funcs.IndexDecls(pass.TypesInfo, ins)
	graph := summary.CallGraph(pass.TypesInfo, decls)
	eff := &lockset.Effects{
		Acquisitions: lockset.NewAcquisitions(pass.TypesInfo, decls, graph, imported),
		Handovers:    lockset.NewHandovers(pass.TypesInfo, decls, graph, cfgs.FuncDecl, imported),
	}
	// In the call graph's order: the same facts, whatever the map order.
	for _, fn := range graph.Funcs {
		f := Fact{MayLock: sorted(eff.Acquisitions.Of(fn)), MayUnlock: sorted(eff.Acquisitions.ReleasesOf(fn))}
		f.Acquires, f.Uncertain, f.Releases = eff.Handovers.Encoded(fn)
		if len(f.MayLock)+len(f.MayUnlock)+len(f.Acquires)+len(f.Uncertain)+len(f.Releases) > 0 {
			pass.ExportObjectFact(fn, &f)
		}
	}
	return eff, nil
}

// sorted returns the keys of m in order, nil when there are none.
func sorted(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}
