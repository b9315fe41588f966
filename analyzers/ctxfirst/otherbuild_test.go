package ctxfirst_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/ctxfirst"
)

// TestOtherBuild: a function called from a file of another build
// configuration gets no fix (a GOOS=windows build would break); one called
// only from the current build does.
func TestOtherBuild(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxfirst.Analyzer, "ctxfirst/otherbuild")
}
