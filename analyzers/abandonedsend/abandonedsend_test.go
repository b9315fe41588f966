package abandonedsend_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/abandonedsend"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, abandonedsend.Analyzer, "abandonedsend/a", "abandonedsend/seed")
}
