package lockeffects

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/testutil/factstest"
)

// TestEarlyExitStd checks that the early exit (mayHaveEffects) drops no
// fact: over the whole standard library, the analyzer exports the same
// facts, byte for byte, as a variant that solves every package.
func TestEarlyExitStd(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the standard library from source")
	}
	pkgs := factstest.LoadStd(t)
	always := *Analyzer
	always.Run = func(pass *analysis.Pass) (any, error) { return solve(pass, true) }
	var skipped atomic.Int32
	counting := *Analyzer
	counting.Run = func(pass *analysis.Pass) (any, error) {
		if !mayHaveEffects(pass) {
			skipped.Add(1)
		}
		return run(pass)
	}
	want, got := factstest.Written(t, &always, pkgs), factstest.Written(t, &counting, pkgs)
	n := 0
	for path, w := range want {
		n += len(w)
		if !slices.Equal(w, got[path]) {
			t.Errorf("%s: the early exit changes the facts\nwithout it:\n%s\nwith it:\n%s", path, strings.Join(w, "\n"), strings.Join(got[path], "\n"))
		}
	}
	t.Logf("%d facts; %d packages skipped by the early exit", n, skipped.Load())
}
