package sarif

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers"
	"github.com/concvet/concvet/internal/results"
)

func TestWrite(t *testing.T) {
	root := filepath.Join(t.TempDir(), "a b")
	if err := os.MkdirAll(filepath.Join(root, "p"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "p", "x.go")
	if err := os.WriteFile(file, []byte("package p\n// é x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	set := results.New()
	set.Findings = []results.Finding{
		{Analyzer: "timerreset", Posn: file + ":2:7", End: file + ":2:8", Message: "dead drain", Severity: "cleanup"},
		{Analyzer: "wgadd", Posn: "/elsewhere/y.go:1:1", End: "/elsewhere/y.go:1:2", Message: "outside", Severity: "bug",
			Related: []results.Related{{Posn: file + ":1:1", End: file + ":1:2", Message: "started with go"}}},
	}
	set.AddBroken("p/q", file+":1:1", "undefined: z")
	e, _ := analyzers.Lookup("wgadd")
	var buf bytes.Buffer
	err := Write(&buf, set, []*analysis.Analyzer{e.Runnable()}, Options{Root: root, WorkDir: filepath.Join(root, "p"), Version: "v1.2.3", SemanticVersion: "1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`"version": "v1.2.3"`,
		`"semanticVersion": "1.2.3"`,
		`"executionSuccessful": false`,
		`"uri": "file://` + filepath.ToSlash(filepath.Dir(root)) + `/a%20b/p/"`,
		`"%SRCROOT%": {`,
		`"uri": "p/x.go",`,
		`"uri": "file:///elsewhere/y.go"`,
		`"level": "note"`,
		`"level": "error"`,
		`"startColumn": 6`, // é is one code point
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in:\n%s", want, out)
		}
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	// The rule for timerreset is added though it was not selected.
	if !strings.Contains(out, `"id": "timerreset"`) {
		t.Error("no rule for a result's analyzer")
	}
}

func TestRoot(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "repo", "mod")
	sub := filepath.Join(mod, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module m\n"), 0o644)
	if got := Root(sub); got != mod {
		t.Errorf("Root = %s, want the module root %s", got, mod)
	}
	os.Mkdir(filepath.Join(dir, "repo", ".git"), 0o755)
	if got := Root(sub); got != filepath.Join(dir, "repo") {
		t.Errorf("Root = %s, want the repository root", got)
	}
}
