package wgadd_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/wgadd"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), wgadd.Analyzer, "wgadd/a", "wgadd/b", "wgadd/go125")
}
