package errgroupctx_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/errgroupctx"
)

func Test(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.RunWithSuggestedFixes(t, testdata, errgroupctx.Analyzer, "errgroupctx/a", "errgroupctx/b", "errgroupctx/seed")
}
