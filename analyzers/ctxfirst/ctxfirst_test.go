package ctxfirst_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxfirst"
)

func Test(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.RunWithSuggestedFixes(t, testdata, ctxfirst.Analyzer, "ctxfirst/a", "ctxfirst/b", "ctxfirst/seed", "ctxfirst/c")
}
