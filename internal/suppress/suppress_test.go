package suppress_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/internal/suppress"
)

// toy reports every call of a function named bad.
var toy = &analysis.Analyzer{
	Name: "toy",
	Doc:  "toy reports calls of bad",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "bad" {
						pass.Reportf(call.Pos(), "call of bad")
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), suppress.Wrap(toy), "suppress/a")
}

// TestChecker checks the comments whatever analyzer they name, including
// those no analyzer of the run would have looked at.
func TestChecker(t *testing.T) {
	known := func(name string) bool { return name == "toy" || name == "other" }
	analysistest.Run(t, analysistest.TestData(), suppress.Checker(known, "check suppressions", ""), "suppress/check")
}
