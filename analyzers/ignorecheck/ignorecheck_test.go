package ignorecheck_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/analyzers/ignorecheck"
)

// Test runs ignorecheck as the suite sets it up: the names it knows are
// the suite's analyzers (importing package analyzers does that).
func Test(t *testing.T) {
	if _, ok := analyzers.Lookup("wgadd"); !ok {
		t.Fatal("the suite has no wgadd")
	}
	analysistest.Run(t, analysistest.TestData(), ignorecheck.Analyzer, "ignorecheck")
}
