package lockeffects

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

// TestEarlyExitStd checks that the early exit (mayHaveEffects) drops no
// fact: over the whole standard library, the analyzer exports the same
// facts, byte for byte, as a variant that solves every package.
func TestEarlyExitStd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the standard library from source")
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Env: append(os.Environ(), "GOWORK=off")}, "std")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("loading the standard library: errors above")
	}
	always := *Analyzer
	always.Run = func(pass *analysis.Pass) (any, error) { return solve(pass, true) }
	skipped := 0
	counting := *Analyzer
	counting.Run = func(pass *analysis.Pass) (any, error) {
		if !mayHaveEffects(pass) {
			skipped++ // the checker runs one package at a time here
		}
		return run(pass)
	}
	want, got := factsOf(t, &always, pkgs), factsOf(t, &counting, pkgs)
	if !slices.Equal(want, got) {
		t.Errorf("the early exit changes the facts: %d without it, %d with it", len(want), len(got))
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("lost: %s", w)
			}
		}
	}
	t.Logf("%d facts; %d packages skipped by the early exit", len(want), skipped)
}

// factsOf runs a over pkgs and their dependencies and returns the facts it
// exported about each package's own objects, as object path and gob
// encoding (what go vet writes), sorted.
func factsOf(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) []string {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for act := range graph.All() {
		if act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			t.Fatalf("%s: %v", act.Package.PkgPath, act.Err)
		}
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() != act.Package.Types {
				continue
			}
			p, err := objectpath.For(f.Object)
			if err != nil {
				continue // go vet drops it too
			}
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(f.Fact); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%s %s %s %x", act.Package.PkgPath, p, f.Fact, buf.Bytes()))
		}
	}
	slices.Sort(out)
	return out
}
