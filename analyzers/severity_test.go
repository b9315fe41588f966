package analyzers_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/severity"
)

// TestSeverity checks that every analyzer has a severity and that a finding
// marked as a cleanup is one: the Go 1.23 timer drain is dead code, a
// blocked receive after Stop is a bug.
func TestSeverity(t *testing.T) {
	for _, e := range analyzers.Suite {
		if e.Severity != severity.Bug && e.Severity != severity.Cleanup {
			t.Errorf("%s has severity %q", e.Analyzer.Name, e.Severity)
		}
	}

	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/timers\n\ngo 1.23\n")
	write("timers.go", `package timers

import "time"

func drain(t *time.Timer) {
	if !t.Stop() {
		<-t.C
	}
}

func stopThenReceive(t *time.Timer) {
	t.Stop()
	<-t.C
}
`)
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")}, "./...")
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		t.Fatalf("loading: %v %v", err, pkgs)
	}
	e, _ := analyzers.Lookup("timerreset")
	graph, err := checker.Analyze([]*analysis.Analyzer{e.Runnable()}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := make(map[int]severity.Level)
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			got[act.Package.Fset.Position(d.Pos).Line] = analyzers.SeverityOf(act.Analyzer.Name, d.Category)
		}
	}
	if got[7] != severity.Cleanup || got[13] != severity.Bug || len(got) != 2 {
		t.Errorf("severities by line: %v; want line 7 (the drain) cleanup and line 13 (receive after Stop) bug", got)
	}
}
