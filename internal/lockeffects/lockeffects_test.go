package lockeffects_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/internal/lockeffects"
)

// Test checks the facts of each function: the mutexes it may lock in its
// own terms, directly, through its package's functions, and through
// imported functions' facts; the hand-over and top-level lock summary in
// full for dep.Lock and user.Use (the latter through dep's facts).
func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), lockeffects.Analyzer, "dep", "user")
}
