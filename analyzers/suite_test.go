package analyzers_test

import (
	"fmt"
	"regexp"
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
