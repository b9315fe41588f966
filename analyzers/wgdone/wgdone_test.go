package wgdone_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/wgdone"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, wgdone.Analyzer, "wgdone/a")
	// The checklist's WaitGroup idioms: nothing to report.
	analysistest.Run(t, filepath.Join(testdata, "..", "..", "wgadd", "testdata"), wgdone.Analyzer, "wgadd/seed")
}
