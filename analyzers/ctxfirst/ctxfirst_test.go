package ctxfirst_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxfirst"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, ctxfirst.Analyzer, "ctxfirst/a", "ctxfirst/b", "ctxfirst/seed", "ctxfirst/c")
}
