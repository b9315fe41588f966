package timerreset_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/timerreset"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, timerreset.Analyzer, "timerreset/a")
	// A module whose go line predates go1.23: drains are needed, stale
	// values are possible.
	analysistest.Run(t, filepath.Join(testdata, "src/timerreset/go122"), timerreset.Analyzer, "./...")
}
