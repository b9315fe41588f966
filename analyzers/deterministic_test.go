package analyzers_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/analyzers"
)

// TestDeterministic analyses every analyzer's own fixtures many times from
// one load and requires byte-identical findings (messages, related
// locations, fixes) and facts each time: nothing may follow map order.
func TestDeterministic(t *testing.T) {
	runs := 10
	if testing.Short() {
		runs = 3
	}
	for _, e := range analyzers.Suite {
		a := e.Analyzer
		t.Run(a.Name, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join(a.Name, "testdata"))
			if err != nil {
				t.Fatal(err)
			}
			pkgs := loadFixtures(t, dir, "./...")
			first := ""
			for i := range runs {
				out := findings(t, a, pkgs)
				if i == 0 {
					if !strings.Contains(out, "diagnostic ") {
						t.Fatalf("the fixtures gave no findings to compare:\n%s", out)
					}
					first = out
				} else if out != first {
					t.Fatalf("run %d differs from run 0:\n%s\nrun 0:\n%s", i, out, first)
				}
			}
		})
	}
}

// loadFixtures loads the packages matching patterns, tests included, from
// the GOPATH-style fixture tree dir (dir/src/...), as analysistest does.
func loadFixtures(t *testing.T, dir string, patterns ...string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   filepath.Join(dir, "src"),
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) == 0 {
		t.Fatalf("no fixture packages match %v under %s", patterns, dir)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("the fixtures under %s do not load cleanly", dir)
	}
	return pkgs
}

// findings runs a over pkgs and prints its facts and findings, each in
// full, sorted by position.
func findings(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) string {
	g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for act := range g.All() {
		if act.Analyzer != a || !act.IsRoot || act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for _, f := range act.AllObjectFacts() {
			lines = append(lines, fmt.Sprintf("fact %s %s.%s: %v", act.Package.ID, f.Object.Pkg().Name(), f.Object.Name(), f.Fact))
		}
		for _, d := range act.Diagnostics {
			var b strings.Builder
			fmt.Fprintf(&b, "diagnostic %s %s: %s", act.Package.ID, fset.Position(d.Pos), d.Message)
			for _, r := range d.Related {
				fmt.Fprintf(&b, "\n\trelated %s: %s", fset.Position(r.Pos), r.Message)
			}
			for _, f := range d.SuggestedFixes {
				fmt.Fprintf(&b, "\n\tfix %s:", f.Message)
				for _, e := range f.TextEdits {
					fmt.Fprintf(&b, " [%s %q]", fset.Position(e.Pos), e.NewText)
				}
			}
			lines = append(lines, b.String())
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
