package ctxprop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxprop"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxprop.Analyzer, "ctxprop/a", "ctxprop/cmd", "ctxprop/go120")
}
