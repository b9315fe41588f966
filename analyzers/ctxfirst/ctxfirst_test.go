package ctxfirst_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxfirst"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxfirst.Analyzer, "ctxfirst/a", "ctxfirst/b", "ctxfirst/c")
}
