package tickerstop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/tickerstop"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, tickerstop.Analyzer, "tickerstop/a")
	// A module whose go line predates go1.23: unstopped tickers leak.
	analysistest.RunWithSuggestedFixes(t, filepath.Join(testdata, "src/tickerstop/go122"), tickerstop.Analyzer, "./...")
}
