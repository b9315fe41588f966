package timeafterloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/timeafterloop"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, timeafterloop.Analyzer, "timeafterloop/a")
	// A module whose go line predates go1.23: the fix drains before Reset.
	analysistest.RunWithSuggestedFixes(t, filepath.Join(testdata, "src/timeafterloop/go122"), timeafterloop.Analyzer, "./...")
}
