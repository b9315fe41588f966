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
	return &analysis.Analyzer{
		Name:      a.Name,
		Doc:       a.Doc + "\n\nWith each function's hand-over as a fact.",
		Requires:  a.Requires,
		FactTypes: append([]analysis.Fact{new(handover)}, a.FactTypes...),
		Run: func(pass *analysis.Pass) (any, error) {
			result, err := a.Run(pass)
			if err != nil {
				return nil, err
			}
			h := pass.ResultOf[lockeffects.Analyzer].(*lockset.Effects).Handovers
			for _, f := range pass.Files {
				for _, d := range f.Decls {
					fd, ok := d.(*ast.FuncDecl)
					if !ok {
						continue
					}
					if fn, _ := pass.TypesInfo.Defs[fd.Name].(*types.Func); fn != nil {
						if acq, unc, rel := h.Encoded(fn); len(acq)+len(unc)+len(rel) > 0 {
							pass.ExportObjectFact(fn, &handover{acq, rel, unc})
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
