package nilchan_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/nilchan"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), nilchan.Analyzer, "nilchan/a")
}
