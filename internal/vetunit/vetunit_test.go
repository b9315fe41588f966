package vetunit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/concvet/concvet/internal/vetunit"
)

func TestFactsOnly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	dep := write("dep.cfg", `{"ID":"x","VetxOnly":true,"GoFiles":["a.go"]}`)
	root := write("root.cfg", `{"ID":"x","VetxOnly":false,"GoFiles":["a.go"]}`)
	bad := write("bad.cfg", `{not json`)
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"-wgadd", dep}, true},
		{[]string{root}, false},
		{[]string{bad}, false},
		{[]string{filepath.Join(dir, "missing.cfg")}, false},
		{[]string{"./..."}, false},
		{nil, false},
	} {
		if got := vetunit.FactsOnly(c.args); got != c.want {
			t.Errorf("FactsOnly(%q) = %v, want %v", c.args, got, c.want)
		}
	}
}
