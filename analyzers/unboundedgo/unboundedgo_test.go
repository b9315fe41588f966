package unboundedgo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/unboundedgo"
)

func Test(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unboundedgo.Analyzer, "unboundedgo/a")
}

// TestAccept checks that -unboundedgo.accept reports the accept loop that
// package a (run without it) expects to be silent on.
func TestAccept(t *testing.T) {
	if err := unboundedgo.Analyzer.Flags.Set("accept", "true"); err != nil {
		t.Fatal(err)
	}
	defer unboundedgo.Analyzer.Flags.Set("accept", "false")
	analysistest.Run(t, analysistest.TestData(), unboundedgo.Analyzer, "unboundedgo/accept")
}
