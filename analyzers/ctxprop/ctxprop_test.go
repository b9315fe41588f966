package ctxprop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxprop"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, ctxprop.Analyzer, "ctxprop/a", "ctxprop/cmd", "ctxprop/seed", "ctxprop/go120")
}
