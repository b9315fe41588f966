package doublelock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/doublelock"
	"github.com/concvet/concvet/internal/testutil"
)

// doublelockWithTopLocks states each function's top-level lock summary
// (lockset.Calls, solved by lockeffects) as a fact, which the fixtures
// check beside the diagnostics.
var doublelockWithTopLocks = testutil.WithTopLocks(doublelock.Analyzer)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, doublelockWithTopLocks, "doublelock/a")
	// Methods of another package, through facts.
	analysistest.Run(t, testdata, doublelockWithTopLocks, "doublelock/b")
	// A package that does not import sync locks an imported struct's
	// mutex field.
	analysistest.Run(t, testdata, doublelockWithTopLocks, "doublelock/nosync")
}
