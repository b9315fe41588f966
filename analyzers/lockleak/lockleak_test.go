package lockleak_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/lockleak"
	"github.com/concvet/concvet/internal/testutil"
)

// The fixtures give each helper's hand-over (solved by the shared
// lockeffects analyzer) as a fact beside lockleak's diagnostics.
var lockleakWithHandovers = testutil.WithHandovers(lockleak.Analyzer)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, lockleakWithHandovers, "lockleak/a")
	// Helpers from another package, through facts.
	analysistest.Run(t, testdata, lockleakWithHandovers, "lockleak/c")
}
