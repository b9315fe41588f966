// Package lockeffects defines the analyzer that carries concvet's lock
// effects across packages: for every function that does something to a
// mutex its caller can name (through its receiver, a parameter or a
// package variable), directly or through the functions it calls on its
// own goroutine, one fact: the mutexes it may lock and may unlock, and
// those it hands over to its caller when it returns (acquires, releases,
// leaves uncertain), and those it locks at its top level whenever it runs
// (which a caller holding them locks twice). Its result is the package's
// lockset.Effects, which read the facts of imported functions; the lock
// analyzers (lockorder, lockblock, lockleak, doublelock) require it
// instead of solving the summaries themselves.
package lockeffects

import (
	"fmt"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/factsonly"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/typesutil"
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
// held (Releases), and those some returns hold and others not
// (Uncertain). Then its top-level lock summary (lockset.Calls), with
// calls resolved further: the mutexes it locks at its top level, in order,
// with the callees it locks them through (TopLocks), those it may release
// (TopReleases) and those it holds on every path out (TopHolds).
type Fact struct {
	MayLock     []string
	MayUnlock   []string
	Acquires    []string
	Releases    []string
	Uncertain   []string
	TopLocks    []lockset.TopLock
	TopReleases []string
	TopHolds    []string
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
	if len(f.TopLocks)+len(f.TopReleases)+len(f.TopHolds) > 0 {
		s += " top " + TopString(f.TopLocks, f.TopReleases, f.TopHolds)
	}
	return s
}

// TopString formats a top-level lock summary: the mutexes locked, each
// with the callees it is locked through (locks=[k→f→g]), then those
// released and, when there are some, those held on every path out.
func TopString(top []lockset.TopLock, releases, holds []string) string {
	var parts []string
	for _, l := range top {
		parts = append(parts, l.Key+strings.Join(append([]string{""}, l.Chain...), "→"))
	}
	out := fmt.Sprintf("locks=%v releases=%v", parts, releases)
	if len(holds) > 0 {
		out += fmt.Sprintf(" holds=%v", holds)
	}
	return out
}

func run(pass *analysis.Pass) (any, error) { return solve(pass, mayHaveEffects(pass)) }

// solve solves the package's lock effects and exports their facts; when
// may is false (mayHaveEffects), it knows there are none.
func solve(pass *analysis.Pass, may bool) (any, error) {
	imported := func(fn *types.Func) lockset.Imported {
		var f Fact
		if pass.ImportObjectFact(fn, &f) {
			return lockset.Imported{
				Known:   true,
				MayLock: f.MayLock, MayUnlock: f.MayUnlock,
				Acquires: f.Acquires, Uncertain: f.Uncertain, Releases: f.Releases,
				TopLocks: f.TopLocks, TopReleases: f.TopReleases, TopHolds: f.TopHolds,
			}
		}
		return lockset.Imported{}
	}
	if !may {
		// No mutex here and none in what it calls: nothing to export.
		none := summary.CallGraph(pass.Fset, pass.TypesInfo, nil)
		return &lockset.Effects{
			Acquisitions: lockset.NewAcquisitions(pass.TypesInfo, nil, none, imported),
			Handovers:    lockset.NewHandovers(pass.TypesInfo, nil, none, nil, imported),
			Calls:        lockset.NewCalls(pass.TypesInfo, nil, nil, nil, none, nil, imported),
			None:         true,
		}, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	decls := funcs.IndexDecls(pass.TypesInfo, ins)
	graph := summary.CallGraph(pass.Fset, pass.TypesInfo, decls)
	eff := lockset.NewEffects(pass.TypesInfo, pass.Pkg, pass.Files, decls, graph, cfgs.FuncDecl, imported)
	// In the call graph's order: the same facts, whatever the map order.
	for _, fn := range graph.Funcs {
		f := Fact{MayLock: sorted(eff.Acquisitions.Of(fn)), MayUnlock: sorted(eff.Acquisitions.ReleasesOf(fn))}
		f.Acquires, f.Uncertain, f.Releases = eff.Handovers.Encoded(fn)
		f.TopLocks, f.TopReleases, f.TopHolds = eff.Calls.Encoded(fn)
		if len(f.MayLock)+len(f.MayUnlock)+len(f.Acquires)+len(f.Uncertain)+len(f.Releases)+len(f.TopLocks)+len(f.TopReleases)+len(f.TopHolds) > 0 {
			pass.ExportObjectFact(fn, &f)
		}
	}
	return eff, nil
}

// mayHaveEffects reports whether a function of the package may have a lock
// effect: one comes only from a sync.Mutex or RWMutex method (locks.OpOf)
// or from a callee with effects, of this package (which comes down to the
// same) or imported with a fact. Either names a method or function that
// the package's identifiers refer to; a callee that only an interface
// reaches is resolved (lockset.Calls) to a method of this package.
func mayHaveEffects(pass *analysis.Pass) bool {
	return factsonly.UsesObject(pass.TypesInfo, func(obj types.Object) bool {
		fn, ok := obj.(*types.Func)
		return ok && (typesutil.IsMethodOf(fn, "sync", "Mutex", "RWMutex") || factsonly.ImportedFact(pass, fn, new(Fact)))
	})
}

// sorted returns the keys of m in order, nil when there are none.
func sorted(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}
