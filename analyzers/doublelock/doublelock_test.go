package doublelock_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/doublelock"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, doublelock.Analyzer, "doublelock/a")
	// Methods of another package, through facts.
	analysistest.Run(t, testdata, doublelock.Analyzer, "doublelock/b")
	// The checklist's lock idioms: nothing to report.
	analysistest.Run(t, filepath.Join(testdata, "..", "..", "lockleak", "testdata"), doublelock.Analyzer, "lockleak/seed")
}
