package analyzers

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/analyzers/closerecv"
	"github.com/concvet/concvet/analyzers/goleak"
	"github.com/concvet/concvet/internal/testutil/factstest"
)

// loadFactsFixture loads the packages of testdata/src/factsonly, with their
// dependencies (the standard library) from source.
func loadFactsFixture(t *testing.T) []*packages.Package {
	t.Helper()
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "factsonly/...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) != 5 {
		t.Fatalf("loading the fixture: %d packages, errors above", len(pkgs))
	}
	return pkgs
}

// TestFactsOnlyExporters runs each analyzer that exports facts, and its
// facts-only form, over the fixture and every package of the standard
// library it imports. The facts exported must be the same, byte for byte,
// in every package; and the prefilter must skip package plain, which can
// carry no fact, and let through leaf, which has facts of every exporter,
// and mid, whose facts come only from leaf's (no sync, no channel, no
// loop). goleak's must also skip chanfields, whose channel operations
// cannot wait forever in its summaries, and let through deadsend, whose
// sends no path reaches.
func TestFactsOnlyExporters(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the standard library from source")
	}
	pkgs := loadFactsFixture(t)
	for _, a := range All() {
		if !exportsFacts(a) {
			continue
		}
		ex, ok := exporterOf(a)
		if !ok {
			t.Errorf("%s exports facts but has no facts-only form", a.Name)
			continue
		}
		t.Run(a.Name, func(t *testing.T) {
			var mu sync.Mutex
			decided := make(map[string]bool)
			fo := factsOnly(a, ex, func(pass *analysis.Pass, may bool) {
				mu.Lock()
				decided[pass.Pkg.Path()] = may
				mu.Unlock()
			})
			want, got := factstest.Written(t, a, pkgs), factstest.Written(t, fo, pkgs)
			if len(want) != len(got) {
				t.Errorf("analysed %d packages, facts-only form %d", len(want), len(got))
			}
			skipped, withFacts := 0, 0
			for path, w := range want {
				g := got[path]
				if strings.Join(w, "\n") != strings.Join(g, "\n") {
					t.Errorf("%s: facts differ\nfull:\n%s\nfacts-only:\n%s", path, strings.Join(w, "\n"), strings.Join(g, "\n"))
				}
				if !decided[path] {
					skipped++
				}
				if len(w) > 0 {
					withFacts++
				}
			}
			wantMay := map[string]bool{"factsonly/plain": false, "factsonly/leaf": true, "factsonly/mid": a.Name != closerecv.Analyzer.Name}
			if a.Name == goleak.Analyzer.Name {
				wantMay["factsonly/chanfields"] = false
				wantMay["factsonly/deadsend"] = true
			}
			for path, may := range wantMay {
				if d, ok := decided[path]; !ok || d != may {
					t.Errorf("prefilter on %s: may export = %v (decided: %v), want %v", path, d, ok, may)
				}
				if n := len(want[path]); may != (n > 0) {
					t.Errorf("%s exports %d facts from %s: the fixture should have facts exactly where the prefilter lets through", a.Name, n, path)
				}
			}
			t.Logf("%s: %d packages, %d with facts, %d skipped by the prefilter", a.Name, len(want), withFacts, skipped)
		})
	}
}

// TestFactsOnlyExportersStd runs each analyzer that exports facts, and its
// facts-only form, over the whole standard library: the facts-only forms'
// cheap tests foresee from syntax what the analyzers find in SSA and
// control-flow graphs, and the standard library has most of the shapes
// real code has. The facts must be the same, byte for byte.
func TestFactsOnlyExportersStd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the standard library from source")
	}
	pkgs := factstest.LoadStd(t)
	for _, a := range All() {
		ex, ok := exporterOf(a)
		if !ok {
			continue
		}
		t.Run(a.Name, func(t *testing.T) {
			var mu sync.Mutex
			skipped := 0
			fo := factsOnly(a, ex, func(_ *analysis.Pass, may bool) {
				mu.Lock()
				defer mu.Unlock()
				if !may {
					skipped++
				}
			})
			want, got := factstest.Written(t, a, pkgs), factstest.Written(t, fo, pkgs)
			for path, w := range want {
				if strings.Join(w, "\n") != strings.Join(got[path], "\n") {
					t.Errorf("%s: facts differ\nfull:\n%s\nfacts-only:\n%s", path, strings.Join(w, "\n"), strings.Join(got[path], "\n"))
				}
			}
			t.Logf("%s: %d packages, %d skipped by the prefilter", a.Name, len(want), skipped)
		})
	}
}
