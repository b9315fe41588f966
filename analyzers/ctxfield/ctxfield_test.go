package ctxfield_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxfield"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, ctxfield.Analyzer, "ctxfield/a")
	// The checklist's context idioms: nothing to report.
	analysistest.Run(t, filepath.Join(testdata, "..", "..", "ctxprop", "testdata"), ctxfield.Analyzer, "ctxprop/seed")
}
