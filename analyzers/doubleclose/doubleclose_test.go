package doubleclose_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/doubleclose"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), doubleclose.Analyzer, "doubleclose/a")
}
