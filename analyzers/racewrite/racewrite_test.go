package racewrite_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/racewrite"
)

// Test runs racewrite on its fixture, testdata/src/racewrite: every want comment
// must be matched by a diagnostic on its line, and every other line must
// stay silent. With suggested fixes, use analysistest.RunWithSuggestedFixes
// and a .golden file beside the fixture.
func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), racewrite.Analyzer, "racewrite")
}
