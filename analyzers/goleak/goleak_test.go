package goleak_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/goleak"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), goleak.Analyzer, "goleak/a", "goleak/b", "goleak/seed")
}

// TestMain checks both settings of -goleak.main on one package main: by
// default only the goroutines started by code that may run more than once
// are reported.
func TestMainFlag(t *testing.T) {
	if err := goleak.Analyzer.Flags.Set("main", "true"); err != nil {
		t.Fatal(err)
	}
	defer goleak.Analyzer.Flags.Set("main", "false")
	analysistest.Run(t, analysistest.TestData(), goleak.Analyzer, "goleak/cmd")
}

func TestMainDefault(t *testing.T) {
	results := analysistest.Run(&quiet{T: t}, analysistest.TestData(), goleak.Analyzer, "goleak/cmd")
	n := 0
	for _, r := range results {
		n += len(r.Diagnostics)
	}
	if n != 2 {
		t.Errorf("got %d diagnostics on package main by default, want 2 (the goroutines started from handle and spawn)", n)
	}
}

// quiet ignores analysistest's complaints about expectations, which are
// written for -goleak.main.
type quiet struct{ *testing.T }

func (q *quiet) Errorf(string, ...any) {}
