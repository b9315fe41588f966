package busyloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/busyloop"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, busyloop.Analyzer, "busyloop/a")
	// The checklist's lock idioms: nothing to report.
	analysistest.Run(t, filepath.Join(testdata, "..", "..", "lockleak", "testdata"), busyloop.Analyzer, "lockleak/seed")
}
