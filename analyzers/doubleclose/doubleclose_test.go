package doubleclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/doubleclose"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, doubleclose.Analyzer, "doubleclose/a", "doubleclose/seed")
}
