package busyloop_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/busyloop"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), busyloop.Analyzer, "busyloop/a")
}
