package unboundedgo_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/concvet/concvet/analyzers/unboundedgo"
)

func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func Test(t *testing.T) {
	analysistest.Run(t, testdata(t), unboundedgo.Analyzer, "unboundedgo/a", "ctxprop/seed")
}

// TestAccept checks that -unboundedgo.accept reports the accept loop that
// package a (run without it) expects to be silent on.
func TestAccept(t *testing.T) {
	if err := unboundedgo.Analyzer.Flags.Set("accept", "true"); err != nil {
		t.Fatal(err)
	}
	defer unboundedgo.Analyzer.Flags.Set("accept", "false")
	analysistest.Run(t, testdata(t), unboundedgo.Analyzer, "unboundedgo/accept")
}
