package busyloop_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/busyloop"
)

func Test(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata, busyloop.Analyzer, "busyloop/a")
	// The checklist's lock idioms: nothing to report.
	analysistest.Run(t, testdata, busyloop.Analyzer, "lockleak/seed")
}
