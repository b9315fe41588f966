package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concvet/concvet/analyzers"
)

// root is the repository, from this package's directory.
const root = "../../.."

// TestScaffold adds an analyzer to a copy of the repository as a newcomer
// would, and checks that the result builds, vets, passes its own test and
// the docs' staleness test, and is known to concvet help.
func TestScaffold(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a copy of the repository")
	}
	tmp := copyRepo(t)
	out := goCmd(t, tmp, "run", "./internal/cmd/newanalyzer", "-category", "locks", "demo")
	if !strings.Contains(out, "added demo to the suite") {
		t.Errorf("newanalyzer printed:\n%s", out)
	}
	for _, rel := range []string{
		"analyzers/demo/doc.go",
		"analyzers/demo/demo.go",
		"analyzers/demo/demo_test.go",
		"analyzers/demo/testdata/src/demo/demo.go",
		"docs/demo.md",
	} {
		if _, err := os.Stat(filepath.Join(tmp, rel)); err != nil {
			t.Error(err)
		}
	}
	readme, _ := os.ReadFile(filepath.Join(tmp, "README.md"))
	if !bytes.Contains(readme, []byte("| [demo](docs/demo.md) | locks | off | bug | not measured |")) {
		t.Errorf("the README's table has no row for demo")
	}
	goCmd(t, tmp, "build", "./...")
	goCmd(t, tmp, "vet", "./analyzers/demo", "./analyzers", "./internal/cmd/...")
	goCmd(t, tmp, "test", "./analyzers/demo", "./internal/cmd/gendocs")
	help := goCmd(t, tmp, "run", "./cmd/concvet", "help", "demo")
	if !strings.Contains(help, "demo (locks, off by default; enable with -demo, bug)") {
		t.Errorf("concvet help demo printed:\n%s", help)
	}
}

// TestUndo makes the last step (go generate) fail, on a page without its
// markers, and checks that the scaffold puts every file back.
func TestUndo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a copy of the repository")
	}
	tmp := copyRepo(t)
	page := filepath.Join(tmp, "docs", "goleak.md")
	if err := os.WriteFile(page, []byte("# goleak\n\nNo generated section.\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, tmp)
	cmd := exec.Command("go", "run", "./internal/cmd/newanalyzer", "-category", "locks", "demo")
	cmd.Dir = tmp
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "nothing was changed") {
		t.Fatalf("newanalyzer with a broken page: err %v\n%s", err, out)
	}
	after := snapshot(t, tmp)
	for name, content := range before {
		if after[name] != content {
			t.Errorf("%s changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was left behind", name)
		}
	}
}

// TestRefuses checks the inputs that must change nothing.
func TestRefuses(t *testing.T) {
	for _, c := range []struct {
		name, category, want string
	}{
		{"Demo", "locks", "not a valid analyzer name"},
		{"go", "locks", "not a valid analyzer name"},
		{"demo-x", "locks", "not a valid analyzer name"},
		{"goleak", "goroutines", "already has an analyzer named goleak"},
		{"demo", "threads", `unknown category "threads"`},
	} {
		err := scaffold(t.TempDir(), c.name, analyzers.Category(c.category))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("scaffold(%q, %q): error %v, want %q", c.name, c.category, err, c.want)
		}
	}
	// Not the repository's root.
	if err := scaffold(t.TempDir(), "demo", "locks"); err == nil || !strings.Contains(err.Error(), "root of the concvet repository") {
		t.Errorf("outside the repository: error %v", err)
	}
}

// TestAddToSuite checks where the entry and the import go in suite.go.
func TestAddToSuite(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root, "analyzers", "suite.go"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := addToSuite(src, "demo", "channels")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.Contains(s, "\t\"github.com/concvet/concvet/analyzers/demo\"\n") {
		t.Errorf("no import of analyzers/demo")
	}
	// After nilchan, the last channels analyzer, before ctxfirst.
	nilchan := strings.Index(s, "Analyzer:  nilchan.Analyzer")
	demo := strings.Index(s, "Analyzer: demo.Analyzer")
	ctxfirst := strings.Index(s, "Analyzer:  ctxfirst.Analyzer")
	if nilchan < 0 || demo < 0 || ctxfirst < 0 || !(nilchan < demo && demo < ctxfirst) {
		t.Errorf("entry not between nilchan and ctxfirst (offsets %d, %d, %d)", nilchan, demo, ctxfirst)
	}
	if !strings.Contains(s, "Category: Channels,") {
		t.Errorf("entry without its category constant")
	}
}

// copyRepo copies the repository, without .git, into a temporary directory.
func copyRepo(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(tmp, rel), 0o777)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, rel), b, 0o666)
	})
	if err != nil {
		t.Fatal(err)
	}
	return tmp
}

// snapshot returns the content of every file under dir, by relative name.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
