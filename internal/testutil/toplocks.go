package testutil

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/lockeffects"
	"github.com/concvet/concvet/internal/lockset"
)

// WithTopLocks returns a, an analyzer that requires lockeffects, made to
// also state as a fact of its own the top-level lock summary that
// lockeffects solved for each function of the package ("locks=[…]
// releases=[…] holds=[…]", lockset.Calls): a fixture then gives each
// helper's summary beside the diagnostics it explains.
func WithTopLocks(a *analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:      a.Name,
		Doc:       a.Doc + "\n\nWith each function's top-level lock summary as a fact.",
		Requires:  a.Requires,
		FactTypes: append([]analysis.Fact{new(topLocks)}, a.FactTypes...),
		Run: func(pass *analysis.Pass) (any, error) {
			result, err := a.Run(pass)
			if err != nil {
				return nil, err
			}
			calls := pass.ResultOf[lockeffects.Analyzer].(*lockset.Effects).Calls
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					fd, ok := d.(*ast.FuncDecl)
					if !ok {
						continue
					}
					if fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func); fn != nil {
						if top, rel, holds := calls.Encoded(fn); len(top)+len(rel)+len(holds) > 0 {
							pass.ExportObjectFact(fn, &topLocks{top, rel, holds})
						}
					}
				}
			}
			return result, nil
		},
		ResultType: a.ResultType,
	}
}

type topLocks struct {
	Locks          []lockset.TopLock
	Releases, Hold []string
}

func (*topLocks) AFact() {}

func (f *topLocks) String() string { return lockeffects.TopString(f.Locks, f.Releases, f.Hold) }
