package errgroupctx_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/errgroupctx"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.RunWithSuggestedFixes(t, testdata, errgroupctx.Analyzer, "errgroupctx/a", "errgroupctx/b", "errgroupctx/seed")
}
