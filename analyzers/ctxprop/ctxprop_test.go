package ctxprop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxprop"
)

func Test(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.RunWithSuggestedFixes(t, testdata, ctxprop.Analyzer, "ctxprop/a", "ctxprop/cmd", "ctxprop/seed", "ctxprop/go120")
}
