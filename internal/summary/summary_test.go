package summary_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/analyzers/lockleak"
	"github.com/concvet/concvet/analyzers/wgadd"
	"github.com/concvet/concvet/internal/testutil"
)

// The fixtures hold mutually recursive helpers. Which helper of a cycle was
// summarized first used to follow map order, so facts and findings came and
// went between runs.
var recursive = []struct {
	analyzer *analysis.Analyzer
	pkg      string
}{
	{wgadd.Analyzer, "recursive/wg"},
	// lockleak's helpers' hand-overs are solved by lockeffects; the
	// wrapper states them as facts beside lockleak's findings.
	{testutil.WithHandovers(lockleak.Analyzer), "recursive/locks"},
}

// TestRecursiveFixtures checks what the fixtures must give, once.
func TestRecursiveFixtures(t *testing.T) {
	for _, r := range recursive {
		analysistest.Run(t, analysistest.TestData(), r.analyzer, r.pkg)
	}
}

// TestDeterministic analyses the fixtures 50 times from one load and
// requires byte-identical facts and findings every time.
func TestDeterministic(t *testing.T) {
	dir := analysistest.TestData()
	for _, r := range recursive {
		cfg := &packages.Config{
			Mode: packages.LoadAllSyntax,
			Dir:  filepath.Join(dir, "src", r.pkg),
			Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off"),
		}
		pkgs, err := packages.Load(cfg, r.pkg)
		if err != nil || packages.PrintErrors(pkgs) > 0 {
			t.Fatalf("loading %s: %v", r.pkg, err)
		}
		first := ""
		for i := range 50 {
			out := analyze(t, r.analyzer, pkgs)
			if !strings.Contains(out, "fact ") || !strings.Contains(out, "diagnostic ") {
				t.Fatalf("%s: run %d gave no facts or no findings:\n%s", r.pkg, i, out)
			}
			if i == 0 {
				first = out
			} else if out != first {
				t.Fatalf("%s: run %d differs from run 0:\n%s\nrun 0:\n%s", r.pkg, i, out, first)
			}
		}
	}
}

// analyze runs a over pkgs and prints its facts and findings in a fixed
// order.
func analyze(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) string {
	g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{Sequential: true, SanityCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for act := range g.All() {
		if act.Analyzer != a || !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		fset := act.Package.Fset
		for _, f := range act.AllObjectFacts() {
			lines = append(lines, fmt.Sprintf("fact %s.%s: %v", f.Object.Pkg().Name(), f.Object.Name(), f.Fact))
		}
		for _, d := range act.Diagnostics {
			lines = append(lines, fmt.Sprintf("diagnostic %s: %s", fset.Position(d.Pos), d.Message))
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}
