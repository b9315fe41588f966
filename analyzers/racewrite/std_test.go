package racewrite

import (
	"os/exec"
	"strings"
	"testing"
)

// TestStdRoots checks that every package of this Go's standard library is
// standard to racewrite: a top-level directory missing from stdRoots would
// make its calls count as synchronizing.
func TestStdRoots(t *testing.T) {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Fatalf("go list std: %v", err)
	}
	pkgs := strings.Fields(string(out))
	if len(pkgs) < 100 {
		t.Fatalf("go list std gave %d packages", len(pkgs))
	}
	for _, p := range pkgs {
		if !standard(p) {
			t.Errorf("%s is in the standard library, but standard(%q) is false", p, p)
		}
	}
	for _, p := range []string{"myapp", "myapp/internal/store", "example.com/x", "github.com/a/b"} {
		if standard(p) {
			t.Errorf("standard(%q) is true", p)
		}
	}
}
