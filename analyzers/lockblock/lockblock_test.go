package lockblock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/lockblock"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lockblock.Analyzer, "lockblock")
}
