package severity_test

import (
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/severity"
)

// TestWrappers checks that the wrappers mark what they say and nothing
// else.
func TestWrappers(t *testing.T) {
	fset := token.NewFileSet()
	test := fset.AddFile("/m/a_test.go", -1, 100)
	prod := fset.AddFile("/m/a.go", -1, 100)
	example := fset.AddFile("/m/examples/main.go", -1, 100)
	var got []string
	pass := &analysis.Pass{Fset: fset, Pkg: types.NewPackage("m", "main"), Report: func(d analysis.Diagnostic) { got = append(got, d.Category) }}
	wrapped := severity.TestsAreCleanups(pass)
	wrapped.Report(analysis.Diagnostic{Pos: test.Pos(1), Category: "x"})
	wrapped.Report(analysis.Diagnostic{Pos: prod.Pos(1), Category: "x"})
	if got[0] != severity.CleanupCategory || got[1] != "x" {
		t.Errorf("TestsAreCleanups marked %v, want [cleanup x]", got)
	}

	got = nil
	a := &analysis.Analyzer{Name: "demo", Doc: "demo", Run: func(p *analysis.Pass) (any, error) {
		p.Report(analysis.Diagnostic{Pos: example.Pos(1), Category: "x"})
		p.Report(analysis.Diagnostic{Pos: prod.Pos(1), Category: "x"})
		return nil, nil
	}}
	if _, err := severity.Examples(a).Run(pass); err != nil {
		t.Fatal(err)
	}
	if got[0] != severity.CleanupCategory || got[1] != "x" {
		t.Errorf("Examples marked %v, want [cleanup x]", got)
	}

	// A library package in an example directory is not an example
	// program: its findings keep their severity.
	got = nil
	lib := *pass
	lib.Pkg = types.NewPackage("m/example", "example")
	if _, err := severity.Examples(a).Run(&lib); err != nil {
		t.Fatal(err)
	}
	if got[0] != "x" {
		t.Errorf("Examples marked a library package's finding: %v", got)
	}
}
