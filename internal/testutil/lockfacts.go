package testutil

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/lockeffects"
	"github.com/concvet/concvet/internal/lockset"
)

// WithHandovers returns a, an analyzer that requires lockeffects, made to
// also state as a fact of its own the hand-over that lockeffects solved
// for each function of the package ("handover acquires=[…] releases=[…]
// uncertain=[…]"): a fixture then gives each helper's summary beside the
// diagnostics it explains.
func WithHandovers(a *analysis.Analyzer) *analysis.Analyzer {
	return withLockFacts(a, "hand-over", new(handover), func(eff *lockset.Effects, fn *types.Func) analysis.Fact {
		if acq, unc, rel := eff.Handovers.Encoded(fn); len(acq)+len(unc)+len(rel) > 0 {
			return &handover{acq, rel, unc}
		}
		return nil
	})
}

// WithTopLocks returns a, an analyzer that requires lockeffects, made to
// also state as a fact of its own the top-level lock summary that
// lockeffects solved for each function of the package ("locks=[…]
// releases=[…] holds=[…]", lockset.Calls): a fixture then gives each
// helper's summary beside the diagnostics it explains.
func WithTopLocks(a *analysis.Analyzer) *analysis.Analyzer {
	return withLockFacts(a, "top-level lock summary", new(topLocks), func(eff *lockset.Effects, fn *types.Func) analysis.Fact {
		if top, rel, holds := eff.Calls.Encoded(fn); len(top)+len(rel)+len(holds) > 0 {
			return &topLocks{top, rel, holds}
		}
		return nil
	})
}

// withLockFacts returns a made to also export, for each function declared
// in the package, the fact (of proto's type) that factOf derives from the
// package's lock effects, when it returns one.
func withLockFacts(a *analysis.Analyzer, what string, proto analysis.Fact, factOf func(*lockset.Effects, *types.Func) analysis.Fact) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      a.Name,
		Doc:       a.Doc + "\n\nWith each function's " + what + " as a fact.",
		Requires:  a.Requires,
		FactTypes: append([]analysis.Fact{proto}, a.FactTypes...),
		Run: func(pass *analysis.Pass) (any, error) {
			result, err := a.Run(pass)
			if err != nil {
				return nil, err
			}
			eff := pass.ResultOf[lockeffects.Analyzer].(*lockset.Effects)
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					fd, ok := d.(*ast.FuncDecl)
					if !ok {
						continue
					}
					if fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func); fn != nil {
						if fact := factOf(eff, fn); fact != nil {
							pass.ExportObjectFact(fn, fact)
						}
					}
				}
			}
			return result, nil
		},
		ResultType: a.ResultType,
	}
}

type handover struct{ Acquires, Releases, Uncertain []string }

func (*handover) AFact() {}

func (f *handover) String() string {
	return fmt.Sprintf("handover acquires=%v releases=%v uncertain=%v", f.Acquires, f.Releases, f.Uncertain)
}

type topLocks struct {
	Locks          []lockset.TopLock
	Releases, Hold []string
}

func (*topLocks) AFact() {}

func (f *topLocks) String() string { return lockeffects.TopString(f.Locks, f.Releases, f.Hold) }
