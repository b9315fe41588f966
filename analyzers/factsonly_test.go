package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/concvet/concvet/analyzers"
)

// TestFactsOnly checks which analyzers a facts-only unit keeps: those with
// facts of their own keep their name, flags and fact types, and no longer
// require buildssa, which they build on demand; the others keep their name
// and flags but require only the analyzers that export facts (lockeffects,
// ctrlflow), so unitchecker leaves them out or runs only those.
func TestFactsOnly(t *testing.T) {
	all := analyzers.All()
	stripped := analyzers.FactsOnly(all)
	if len(stripped) != len(all) {
		t.Fatalf("got %d analyzers, want %d", len(stripped), len(all))
	}
	kept := 0
	for i, a := range all {
		s := stripped[i]
		if s.Name != a.Name || s.Flags.NFlag() != a.Flags.NFlag() {
			t.Errorf("%s: name or flags changed", a.Name)
		}
		if len(a.FactTypes) > 0 {
			kept++
			if len(s.FactTypes) != len(a.FactTypes) {
				t.Errorf("%s exports facts and must keep its fact types", a.Name)
			}
			for _, r := range s.Requires {
				if r == buildssa.Analyzer {
					t.Errorf("%s requires buildssa in a facts-only unit", a.Name)
				}
			}
			continue
		}
		if len(s.FactTypes) != 0 {
			t.Errorf("%s exports no facts but declares fact types", a.Name)
		}
		for _, r := range s.Requires {
			if len(r.FactTypes) == 0 {
				t.Errorf("%s exports no facts but still requires %s, which exports none either", a.Name, r.Name)
			}
		}
	}
	if kept == 0 || kept == len(all) {
		t.Errorf("%d of %d analyzers kept: the suite should have both kinds", kept, len(all))
	}
}
