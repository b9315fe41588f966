package analyzers_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/concvet/concvet/analyzers"
)

// TestIdioms runs every analyzer of the suite, default or not, as concvet
// runs it, on the checklist's correct idioms (testdata/src/idioms) and
// requires silence: any diagnostic fails the test. It replaces the copies
// of the idioms each analyzer's fixtures used to carry. The fixture is
// loaded once and the whole suite analyses it in one pass, as concvet does,
// so the analyzers share their SSA and the shared layers' results.
func TestIdioms(t *testing.T) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	pkgs := loadFixtures(t, dir, "idioms")
	var runnables []*analysis.Analyzer
	for _, e := range analyzers.Suite {
		runnables = append(runnables, e.Runnable())
	}
	g, err := checker.Analyze(runnables, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	analysed := make(map[string]bool)
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		name := act.Analyzer.Name
		if act.Err != nil {
			t.Errorf("%s: %v", name, act.Err)
			continue
		}
		analysed[name] = true
		for _, d := range act.Diagnostics {
			t.Errorf("%s: %s: %s", name, act.Package.Fset.Position(d.Pos), d.Message)
		}
	}
	for _, e := range analyzers.Suite {
		if !analysed[e.Analyzer.Name] {
			t.Errorf("%s did not analyse the idioms package", e.Analyzer.Name)
		}
	}
}

// TestMetadata checks what the generated docs rely on in every entry.
func TestMetadata(t *testing.T) {
	release := regexp.MustCompile(`^v\d+\.\d+\.\d+$`)
	for _, e := range analyzers.Suite {
		name := e.Analyzer.Name
		if e.Category == "" {
			t.Errorf("%s: no category", name)
		}
		if !release.MatchString(e.Since) {
			t.Errorf("%s: Since %q is not a release (vX.Y.Z)", name, e.Since)
		}
		if e.Reports == "" || strings.Contains(e.Reports, "\n") || strings.Contains(e.Reports, "|") {
			t.Errorf("%s: Reports must be one line of Markdown with no '|' (it is a table cell): %q", name, e.Reports)
		}
		if p := e.Precision; p.True < 0 || p.True > p.Reported {
			t.Errorf("%s: %d of %d judged true", name, p.True, p.Reported)
		}
	}
}

func TestPrecisionString(t *testing.T) {
	for _, c := range []struct {
		p    analyzers.Precision
		want string
	}{
		{analyzers.Precision{}, "not measured yet"},
		{analyzers.Precision{Reported: 6, True: 1, Corpus: "9 modules"}, "17% (1 of 6 diagnostics judged true; 9 modules)"},
		{analyzers.Precision{Reported: 1, True: 1}, "100% (1 of 1 diagnostic judged true)"},
		{analyzers.Precision{Corpus: "10 modules", Note: "no false report left (45 fixed)"}, "no diagnostic to judge (nothing reported; 10 modules); no false report left (45 fixed)"},
	} {
		if got := c.p.String(); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.p, got, c.want)
		}
	}
}
