package wgadd_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/wgadd"
)

// TestRootCause: a method started with go from four places is one
// finding, at its Add, with the four go statements as related locations.
func TestRootCause(t *testing.T) {
	res := analysistest.Run(t, analysistest.TestData(), wgadd.Analyzer, "wgadd/rootcause")
	var related []int
	for _, r := range res {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				if rel.Message != "started with go" {
					t.Errorf("related message %q", rel.Message)
				}
				related = append(related, r.Pass.Fset.Position(rel.Pos).Line)
			}
		}
	}
	if want := []int{34, 38, 42, 43}; len(related) != len(want) || related[0] != want[0] || related[3] != want[3] {
		t.Errorf("related lines %v, want %v", related, want)
	}
}
