package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// root is the repository, from this package's directory.
const root = "../../.."

// TestCurrent fails when a generated file differs from what go generate
// would write: the README's analyzer table, a page's metadata or the
// precision summary was edited by hand, or the suite changed without a
// go generate.
func TestCurrent(t *testing.T) {
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	stale, err := Stale(root, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range stale {
		t.Errorf("%s is stale: run go generate ./...", name)
	}
}

// TestStale checks that a hand edit inside a generated section is seen,
// and one outside it is not, on a copy of the generated files.
func TestStale(t *testing.T) {
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for name, content := range files {
		write(t, filepath.Join(tmp, name), content)
	}
	if stale, err := Stale(tmp, files); err != nil || len(stale) != 0 {
		t.Fatalf("fresh copy: stale %v, error %v", stale, err)
	}

	page := filepath.Join(tmp, "docs", "wgdone.md")
	orig := read(t, page)
	write(t, page, []byte(strings.Replace(orig, "**Default:** on", "**Default:** off", 1)))
	if stale, _ := Stale(tmp, files); len(stale) != 1 || stale[0] != "docs/wgdone.md" {
		t.Errorf("after an edit of the metadata: stale %v, want [docs/wgdone.md]", stale)
	}
	again, err := Generate(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if string(again["docs/wgdone.md"]) != orig {
		t.Errorf("regenerating did not restore the page")
	}

	edited := orig + "\nA hand-written paragraph.\n"
	write(t, page, []byte(edited))
	again, err = Generate(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if string(again["docs/wgdone.md"]) != edited {
		t.Errorf("regenerating changed the hand-written part of the page")
	}
}

// TestMissing checks the errors for a page with no markers and a missing
// page.
func TestMissing(t *testing.T) {
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for name, content := range files {
		write(t, filepath.Join(tmp, name), content)
	}
	page := filepath.Join(tmp, "docs", "goleak.md")
	write(t, page, []byte("# goleak\n\nNo markers.\n"))
	if _, err := Generate(tmp); err == nil || !strings.Contains(err.Error(), "docs/goleak.md: no generated section") {
		t.Errorf("page without markers: error %v", err)
	}
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(tmp); err == nil || !strings.Contains(err.Error(), "docs/goleak.md: missing") {
		t.Errorf("missing page: error %v", err)
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, name string, content []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, content, 0o666); err != nil {
		t.Fatal(err)
	}
}
