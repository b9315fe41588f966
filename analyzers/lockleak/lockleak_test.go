package lockleak_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/lockleak"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, lockleak.Analyzer, "lockleak/a")
	// Helpers from another package, through facts.
	analysistest.Run(t, testdata, lockleak.Analyzer, "lockleak/c")
}
