package condwait_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/condwait"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, condwait.Analyzer, "condwait/a")
	// The checklist's lock idioms: nothing to report.
	analysistest.Run(t, filepath.Join(testdata, "..", "..", "lockleak", "testdata"), condwait.Analyzer, "lockleak/seed")
}
