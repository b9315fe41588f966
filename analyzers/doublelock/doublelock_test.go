package doublelock_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/doublelock"
)

func Test(t *testing.T) {
	testdata := analysistest.TestData()
	analysistest.Run(t, testdata, doublelock.Analyzer, "doublelock/a")
	// Methods of another package, through facts.
	analysistest.Run(t, testdata, doublelock.Analyzer, "doublelock/b")
	// A package that does not import sync locks an imported struct's
	// mutex field.
	analysistest.Run(t, testdata, doublelock.Analyzer, "doublelock/nosync")
}
