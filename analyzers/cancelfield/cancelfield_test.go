package cancelfield_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/cancelfield"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), cancelfield.Analyzer, "cancelfield")
}
