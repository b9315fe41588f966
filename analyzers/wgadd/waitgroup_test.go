package wgadd_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/waitgroup"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/analyzers/wgadd"
)

// TestCoversWaitgroup compares wgadd with go vet's waitgroup analyzer
// (which golangci-lint's govet runs by default) on wgadd's fixtures. wgadd
// reports every Add that waitgroup reports, on the same line, but its
// deliberate silences, each marked on its line in the fixtures: an Add
// followed by handing the WaitGroup to code the analysis cannot see (func
// escapes in fixture a), where wgadd stays silent for want of evidence,
// and an Add made while the goroutine holds a count its spawner took
// through a wrapper (wrapper.go), which cannot race with Wait. So
// waitgroup is not redundant; docs/golangci-lint.md says what to do about
// the lines both report.
func TestCoversWaitgroup(t *testing.T) {
	testdata := analysistest.TestData()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  filepath.Join(testdata, "src"),
		Env:  append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOFLAGS=", "GOTOOLCHAIN=local"),
	}
	pkgs, err := packages.Load(cfg, "wgadd/...")
	if err != nil {
		t.Fatal(err)
	}
	var good []*packages.Package
	for _, p := range pkgs {
		if len(p.Errors) == 0 {
			good = append(good, p)
		}
	}
	if len(good) < 4 {
		t.Fatalf("loaded %d fixture packages", len(good))
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{wgadd.Analyzer, waitgroup.Analyzer}, good, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string][]string{} // analyzer → file:line
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			rel, _ := filepath.Rel(testdata, p.Filename)
			lines[act.Analyzer.Name] = append(lines[act.Analyzer.Name], fmt.Sprintf("%s:%d", filepath.ToSlash(rel), p.Line))
		}
	}
	var missed []string
	for _, l := range lines["waitgroup"] {
		if !slices.Contains(lines["wgadd"], l) {
			missed = append(missed, l)
		}
	}
	slices.Sort(missed)
	t.Logf("waitgroup: %d findings; wgadd: %d; waitgroup's that wgadd does not report: %v", len(lines["waitgroup"]), len(lines["wgadd"]), missed)
	if len(lines["waitgroup"]) < 4 {
		t.Fatal("waitgroup reported too little for the comparison to say anything")
	}
	if len(missed) == 0 {
		t.Error("wgadd reports every waitgroup finding: docs/golangci-lint.md says otherwise; update it")
	}
	// Each Add that wgadd deliberately leaves to waitgroup carries a
	// comment saying why on its line: any other is a miss.
	for _, l := range missed {
		file, line, _ := strings.Cut(l, ":")
		n, _ := strconv.Atoi(line)
		src, err := os.ReadFile(filepath.Join(testdata, file))
		if err != nil {
			t.Fatal(err)
		}
		if lines := strings.Split(string(src), "\n"); n < 1 || n > len(lines) || !strings.Contains(lines[n-1], "// wgadd is silent: ") {
			t.Errorf("wgadd misses waitgroup's finding at %s, which is not one of its deliberate silences (a `// wgadd is silent: why` comment on the line); update docs/golangci-lint.md", l)
		}
	}
}
