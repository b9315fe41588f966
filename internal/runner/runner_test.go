package runner_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/runner"
	"github.com/concvet/concvet/internal/testutil"
)

func defaultSuite() []*analysis.Analyzer {
	var out []*analysis.Analyzer
	for _, e := range analyzers.Suite {
		if e.Default {
			out = append(out, e.Runnable())
		}
	}
	return out
}

func options(t *testing.T, dir string, cache *runner.Cache) runner.Options {
	return runner.Options{
		Analyzers: defaultSuite(),
		Patterns:  []string{"./..."},
		Tests:     true,
		Dir:       dir,
		Env:       append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=-mod=mod", "GOWORK=off"),
		Cache:     cache,
		Salt:      t.Name(),
	}
}

// count returns the number of diagnostics in a result's tree.
func count(t *testing.T, res *runner.Result) int {
	t.Helper()
	n := 0
	for _, byAnalyzer := range res.Tree {
		for name, raw := range byAnalyzer {
			var diags []json.RawMessage
			if err := json.Unmarshal(raw, &diags); err != nil {
				t.Fatalf("%s: %s", name, raw)
			}
			n += len(diags)
		}
	}
	return n
}

// TestCache runs the runner over a module whose findings need its
// dependency's facts: cold, warm (nothing analysed again), with a corrupt
// cache entry (ignored, that package analysed again), and after a change
// to the dependency (it and its dependents analysed again, the standard
// library not).
func TestCache(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the standard library's dependencies of the fixture")
	}
	dir := testutil.CopyDir(t, filepath.Join("..", "..", "testdata", "facts"))
	cacheDir := t.TempDir()
	cache, err := runner.OpenCache(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	cold, err := runner.Run(ctx, options(t, dir, cache))
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, cold); n < 4 {
		t.Fatalf("cold run: %d findings, want at least the fixture's 4:\n%v", n, cold.Tree)
	}
	if cold.Stats.Analysed != cold.Stats.Packages-1 { // all but unsafe
		t.Errorf("cold run analysed %d of %d packages", cold.Stats.Analysed, cold.Stats.Packages)
	}

	warm, err := runner.Run(ctx, options(t, dir, cache))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(warm.Tree, cold.Tree) {
		t.Errorf("warm run differs:\n%v\ncold:\n%v", warm.Tree, cold.Tree)
	}
	if warm.Stats.Analysed != 0 || warm.Stats.Checked != 0 {
		t.Errorf("warm run analysed %d packages and type-checked %d, want none", warm.Stats.Analysed, warm.Stats.Checked)
	}

	// Corrupt every entry a little: each is then a miss.
	var corrupted int
	filepath.WalkDir(cacheDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && corrupted == 0 {
			if err := os.WriteFile(path, []byte("not an entry"), 0o666); err != nil {
				t.Fatal(err)
			}
			corrupted++
		}
		return nil
	})
	again, err := runner.Run(ctx, options(t, dir, cache))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Tree, cold.Tree) {
		t.Errorf("run over a corrupt entry differs:\n%v\ncold:\n%v", again.Tree, cold.Tree)
	}
	if again.Stats.Analysed != 1 {
		t.Errorf("run over one corrupt entry analysed %d packages, want 1", again.Stats.Analysed)
	}

	helpers := filepath.Join(dir, "helpers", "helpers.go")
	src, err := os.ReadFile(helpers)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(helpers, append(src, "\n// A change.\n"...), 0o666); err != nil {
		t.Fatal(err)
	}
	changed, err := runner.Run(ctx, options(t, dir, cache))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(changed.Tree, cold.Tree) {
		t.Errorf("run after a comment changed differs:\n%v\ncold:\n%v", changed.Tree, cold.Tree)
	}
	// helpers and the packages that import it: relay, relaych and app.
	if changed.Stats.Analysed != 4 || changed.Stats.Checked == 0 {
		t.Errorf("after a change to helpers: analysed %d packages (want helpers, relay, relaych and app), type-checked %d for them (want their imports)",
			changed.Stats.Analysed, changed.Stats.Checked)
	}
}

// TestBroken checks that a package that does not type-check is reported
// once, its dependents are not analysed, and the rest is.
func TestBroken(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the standard library's dependencies of the fixture")
	}
	dir := testutil.CopyDir(t, filepath.Join("..", "..", "testdata", "facts"))
	writes := map[string]string{
		"bad/bad.go":       "package bad\n\nfunc F() { undefinedThing() }\n",
		"user/user.go":     "package user\n\nimport \"facts/bad\"\n\nfunc G() { bad.F() }\n",
		"syntax/syntax.go": "package syntax\n\nfunc (\n",
	}
	for name, text := range writes {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o777)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	res, err := runner.Run(context.Background(), options(t, dir, nil))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range res.Broken {
		got = append(got, b.Package+": "+filepath.Base(b.Posn)+": "+b.Message)
	}
	want := []string{
		"facts/bad: bad.go:3:12: undefined: undefinedThing",
		"facts/syntax: syntax.go:3:8: expected ')', found 'EOF'",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("broken packages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, ok := res.Tree["facts/user"]; ok {
		t.Errorf("facts/user, which imports a broken package, has findings: %v", res.Tree["facts/user"])
	}
	if n := count(t, res); n < 4 {
		t.Errorf("%d findings in the packages that load, want at least the fixture's 4", n)
	}
}
