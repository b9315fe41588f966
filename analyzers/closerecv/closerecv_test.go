package closerecv_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/closerecv"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), closerecv.Analyzer, "closerecv/a", "closerecv/b")
}
