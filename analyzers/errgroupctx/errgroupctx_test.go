package errgroupctx_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/errgroupctx"
)

func Test(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), errgroupctx.Analyzer, "errgroupctx/a", "errgroupctx/b")
}
