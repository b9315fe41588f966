// Package factstest compares the facts that analyzers write, as go vet
// writes them, for the tests that a shortcut (a facts-only form, an early
// exit) drops none. It imports no concvet analyzer, so that the tests of
// those analyzers' own packages can use it.
package factstest

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// LoadStd loads every package of the standard library from source.
func LoadStd(t *testing.T) []*packages.Package {
	t.Helper()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Env: append(os.Environ(), "GOWORK=off")}, "std")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("loading the standard library: errors above")
	}
	return pkgs
}

// Written runs a over pkgs and their dependencies and returns, for every
// package a analysed (an empty list when it exported nothing there), the
// facts it exported about that package's objects that go vet writes: each
// as the object's path, the fact and its gob encoding, sorted. A fact of
// an object that has no path is left out, as go vet leaves it out: no
// importer can name the object.
func Written(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) map[string][]string {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]string)
	for act := range graph.All() {
		if act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			t.Fatalf("%s on %s: %v", a.Name, act.Package.PkgPath, act.Err)
		}
		path := act.Package.PkgPath
		out[path] = []string{}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() != act.Package.Types {
				continue // imported
			}
			p, err := objectpath.For(f.Object)
			if err != nil {
				continue
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatalf("encoding %s: %v", f.Fact, err)
			}
			out[path] = append(out[path], fmt.Sprintf("%s %s %x", p, f.Fact, buf.Bytes()))
		}
		slices.Sort(out[path])
	}
	return out
}
