package closerecv_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/closerecv"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, closerecv.Analyzer, "closerecv/a", "closerecv/b", "closerecv/seed")
}
