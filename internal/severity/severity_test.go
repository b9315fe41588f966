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
	var got []string
	pass := &analysis.Pass{Fset: fset, Pkg: types.NewPackage("m", "main"), Report: func(d analysis.Diagnostic) { got = append(got, d.Category) }}
	wrapped := severity.TestsAreCleanups(pass)
	wrapped.Report(analysis.Diagnostic{Pos: test.Pos(1), Category: "x"})
	wrapped.Report(analysis.Diagnostic{Pos: prod.Pos(1), Category: "x"})
	if got[0] != severity.CleanupCategory || got[1] != "x" {
		t.Errorf("TestsAreCleanups marked %v, want [cleanup x]", got)
	}

	// An example program: a package main in an example directory of
	// its module.
	got = nil
	a := &analysis.Analyzer{Name: "demo", Doc: "demo", Run: func(p *analysis.Pass) (any, error) {
		p.Report(analysis.Diagnostic{Pos: prod.Pos(1), Category: "x"})
		return nil, nil
	}}
	example := *pass
	example.Pkg = types.NewPackage("example.com/m/examples/server", "main")
	example.Module = &analysis.Module{Path: "example.com/m"}
	if _, err := severity.Examples(a).Run(&example); err != nil {
		t.Fatal(err)
	}
	if _, err := severity.Examples(a).Run(pass); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != severity.CleanupCategory || got[1] != "x" {
		t.Errorf("Examples marked %v, want [cleanup x]", got)
	}

	// A library package in an example directory is not an example
	// program, and a command of a module whose own path says examples is
	// not one either: their findings keep their severity.
	for _, c := range []struct{ path, name, module string }{
		{"example.com/m/example", "example", "example.com/m"},
		{"github.com/acme/examples/cmd/tool", "main", "github.com/acme/examples"},
	} {
		got = nil
		other := *pass
		other.Pkg = types.NewPackage(c.path, c.name)
		other.Module = &analysis.Module{Path: c.module}
		if _, err := severity.Examples(a).Run(&other); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != "x" {
			t.Errorf("Examples marked the finding of %s: %v", c.path, got)
		}
	}
}
