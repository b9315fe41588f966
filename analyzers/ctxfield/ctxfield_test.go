package ctxfield_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxfield"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxfield.Analyzer, "ctxfield/a")
}
