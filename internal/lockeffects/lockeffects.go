// Package lockeffects defines the analyzer that carries concvet's lock
// effects across packages: for every function that does something to a
// mutex its caller can name (through its receiver, a parameter or a
// package variable), directly or through the functions it calls on its
// own goroutine, one fact: the mutexes it may lock and may unlock, and
// those it hands over to its caller when it returns (acquires, releases,
// leaves uncertain), and those it locks at its top level whenever it runs
// (which a caller holding them locks twice). One package fact lists the
// unexported package variables whose mutexes the package hands over
// (HandedFact); an importer reads the facts without another package's
// unexported mutexes that are not on that list. Its result is the
// package's lockset.Effects, which read the facts of imported functions;
// the lock analyzers (lockorder, lockblock, lockleak, doublelock) require
// it instead of solving the summaries themselves.
package lockeffects

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/factsonly"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/typesutil"
)

var Analyzer = &analysis.Analyzer{
	Name:       "lockeffects",
	Doc:        "export, per function, what it may do to its caller's mutexes and what it hands over (concvet's shared lock effects)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	ResultType: reflect.TypeFor[*lockset.Effects](),
	FactTypes:  []analysis.Fact{new(Fact), new(HandedFact)},
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

// A HandedFact is a package's fact: the unexported package-level variables
// whose mutexes some function of the package hands over to its caller
// (returns holding, or releases for it), sorted. Only through such a
// function can code outside the package hold one of them; a mutex of the
// others is locked and unlocked inside the package's own calls, and what
// the package says it locks does not concern an importer (hiddenGlobals).
type HandedFact struct{ Vars []string }

func (*HandedFact) AFact() {}

func (f *HandedFact) String() string { return fmt.Sprintf("handed=%v", f.Vars) }

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

// keys lists every mutex the fact names, as encoded keys.
func (f *Fact) keys() []string {
	keys := slices.Concat(f.MayLock, f.MayUnlock, f.Acquires, f.Releases, f.Uncertain, f.TopReleases, f.TopHolds)
	for _, l := range f.TopLocks {
		keys = append(keys, l.Key)
	}
	return keys
}

// solve solves the package's lock effects and exports their facts; when
// may is false (mayHaveEffects), it knows there are none.
func solve(pass *analysis.Pass, may bool) (any, error) {
	hidden := hiddenGlobals(pass)
	visible := func(keys []string) []string {
		var out []string
		for _, k := range keys {
			if !hidden(k) {
				out = append(out, k)
			}
		}
		return out
	}
	imported := func(fn *types.Func) lockset.Imported {
		var f Fact
		if !pass.ImportObjectFact(fn, &f) {
			return lockset.Imported{}
		}
		var top []lockset.TopLock
		for _, l := range f.TopLocks {
			if !hidden(l.Key) {
				top = append(top, l)
			}
		}
		return lockset.Imported{
			Known:   true,
			MayLock: visible(f.MayLock), MayUnlock: visible(f.MayUnlock),
			Acquires: visible(f.Acquires), Uncertain: visible(f.Uncertain), Releases: visible(f.Releases),
			TopLocks: top, TopReleases: visible(f.TopReleases), TopHolds: visible(f.TopHolds),
		}
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
	handed := make(map[string]bool)
	for _, fn := range graph.Funcs {
		f := Fact{MayLock: sorted(eff.Acquisitions.Of(fn)), MayUnlock: sorted(eff.Acquisitions.ReleasesOf(fn))}
		f.Acquires, f.Uncertain, f.Releases = eff.Handovers.Encoded(fn)
		f.TopLocks, f.TopReleases, f.TopHolds = eff.Calls.Encoded(fn)
		if len(f.MayLock)+len(f.MayUnlock)+len(f.Acquires)+len(f.Uncertain)+len(f.Releases)+len(f.TopLocks)+len(f.TopReleases)+len(f.TopHolds) > 0 {
			pass.ExportObjectFact(fn, &f)
		}
		for _, keys := range [][]string{f.Acquires, f.Uncertain, f.Releases, f.TopHolds} {
			for _, k := range keys {
				if subj, _, ok := locks.DecodeKey(k); ok {
					if path, name, _, ok := subj.Global(); ok && path == pass.Pkg.Path() && !token.IsExported(name) {
						handed[name] = true
					}
				}
			}
		}
	}
	if len(handed) > 0 {
		pass.ExportPackageFact(&HandedFact{Vars: sorted(handed)})
	}
	return eff, nil
}

// hiddenGlobals returns a test of whether an imported fact's key names a
// mutex that no code of this package can hold: one inside an unexported
// package-level variable of another package that its package hands over
// to no caller (HandedFact). Such a mutex is locked and unlocked inside
// that package's calls: this package cannot lock it twice, hold it while
// it blocks or takes another lock, or leak it, so the lock analyzers have
// nothing to say about it here, and the facts that carry it (fmt.Sprintf
// through sync.Pool's allPoolsMu, log.Printf through log's std.outMu) make
// every caller's summary and fact longer for nothing. A key whose package
// is not among the transitive imports is kept. The lock analyzers ask
// for imported facts concurrently, hence the lock.
func hiddenGlobals(pass *analysis.Pass) func(key string) bool {
	var (
		mu     sync.Mutex
		pkgs   map[string]*types.Package // the transitive imports, by path, made on first need
		handed = make(map[string]map[string]bool)
	)
	return func(key string) bool {
		subj, _, ok := locks.DecodeKey(key)
		if !ok {
			return false
		}
		path, name, _, ok := subj.Global()
		if !ok || path == pass.Pkg.Path() || token.IsExported(name) {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		if pkgs == nil {
			pkgs = make(map[string]*types.Package)
			var add func(p *types.Package)
			add = func(p *types.Package) {
				for _, imp := range p.Imports() {
					if pkgs[imp.Path()] == nil {
						pkgs[imp.Path()] = imp
						add(imp)
					}
				}
			}
			add(pass.Pkg)
		}
		pkg := pkgs[path]
		if pkg == nil {
			return false
		}
		h, ok := handed[path]
		if !ok {
			var f HandedFact
			pass.ImportPackageFact(pkg, &f)
			h = locks.Set(f.Vars)
			handed[path] = h
		}
		return !h[name]
	}
}

// mayHaveEffects reports whether a function of the package may have a lock
// effect: one comes only from a sync.Mutex or RWMutex method (locks.OpOf)
// or from a callee with effects, of this package (which comes down to the
// same) or imported with a fact that names a mutex this package can hold
// (hiddenGlobals: a fact naming only another package's private mutexes
// reads as none). Either names a method or function that the package's
// identifiers refer to; a callee that only an interface reaches is
// resolved (lockset.Calls) to a method of this package.
func mayHaveEffects(pass *analysis.Pass) bool {
	hidden := hiddenGlobals(pass)
	return factsonly.UsesObject(pass.TypesInfo, func(obj types.Object) bool {
		fn, ok := obj.(*types.Func)
		if !ok {
			return false
		}
		if typesutil.IsMethodOf(fn, "sync", "Mutex", "RWMutex") {
			return true
		}
		var f Fact
		return factsonly.ImportedFact(pass, fn, &f) && slices.ContainsFunc(f.keys(), func(k string) bool { return !hidden(k) })
	})
}

// sorted returns the keys of m in order, nil when there are none.
func sorted(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(m))
}
