package analyzers_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers"
)

// TestIdioms runs every analyzer of the suite, default or not, as concvet
// runs it, on the checklist's correct idioms (testdata/src/idioms). The
// fixture has no want comment, so analysistest fails the test on any
// diagnostic. It replaces the copies of the idioms each analyzer's fixtures
// used to carry.
func TestIdioms(t *testing.T) {
	for _, e := range analyzers.Suite {
		t.Run(e.Analyzer.Name, func(t *testing.T) {
			results := analysistest.Run(diagnosticsOnly{t}, analysistest.TestData(), e.Runnable(), "idioms")
			if len(results) == 0 {
				t.Fatal("the idioms package was not analyzed")
			}
		})
	}
}

// diagnosticsOnly passes analysistest's errors on, except those about
// facts: the facts summarise the idioms' functions for their callers, and
// each analyzer's own fixtures check them.
type diagnosticsOnly struct{ *testing.T }

func (d diagnosticsOnly) Errorf(format string, args ...any) {
	d.Helper()
	msg := fmt.Sprintf(format, args...)
	if strings.Contains(msg, ": unexpected fact: ") {
		return
	}
	d.T.Errorf("%s", msg)
}
