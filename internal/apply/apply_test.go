package apply

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concvet/concvet/internal/results"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	file := filepath.Join(dir, name)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func finding(posn string, edits ...results.Edit) results.Finding {
	f := results.Finding{Posn: posn, Message: "m " + posn}
	if len(edits) > 0 {
		f.SuggestedFixes = []results.Fix{{Message: "fix", Edits: edits}}
	}
	return f
}

func TestPlanMergesAndSkips(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.txt", "one\ntwo\nthree\n")
	plan, err := NewPlan([]results.Finding{
		finding("a:1", results.Edit{Filename: a, Start: 0, End: 3, New: "ONE"}),
		finding("a:1 again", results.Edit{Filename: a, Start: 0, End: 3, New: "ONE"}), // the same fix, from a test variant
		finding("a:1 other", results.Edit{Filename: a, Start: 1, End: 2, New: "X"}),   // overlaps: left out whole
		finding("a:3", results.Edit{Filename: a, Start: 8, End: 13, New: "3"}),
		finding("no fix"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if plan.Applied != 3 || plan.Skipped != 1 || len(plan.Unfixed) != 2 || len(plan.Changes) != 1 {
		t.Fatalf("applied %d, skipped %d, unfixed %d, changes %d", plan.Applied, plan.Skipped, len(plan.Unfixed), len(plan.Changes))
	}
	if got := string(plan.Changes[0].New); got != "ONE\ntwo\n3\n" {
		t.Errorf("new content %q", got)
	}
	var diff bytes.Buffer
	plan.PrintDiff(&diff, dir)
	want := "--- a.txt\n+++ a.txt\n@@ -1,3 +1,3 @@\n-one\n+ONE\n two\n-three\n+3\n"
	if diff.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", diff.String(), want)
	}
}

// TestWriteAllOrNothing: when one target cannot be written, no file
// changes and Write fails.
func TestWriteAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.go", "package p\n\nvar A = 1\n")
	b := write(t, dir, "b.go", "package p\n\nvar B = 1\n")
	if err := os.Chmod(b, 0o444); err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan([]results.Finding{
		finding("a", results.Edit{Filename: a, Start: 19, End: 20, New: "2"}, results.Edit{Filename: b, Start: 19, End: 20, New: "2"}),
	})
	if err != nil || len(plan.Changes) != 2 {
		t.Fatalf("plan: %v, %+v", err, plan)
	}
	if err := plan.Write(); err == nil || !strings.Contains(err.Error(), "read-only; no file was changed") {
		t.Errorf("Write: %v, want a read-only error", err)
	}
	for _, f := range []string{a, b} {
		if data, _ := os.ReadFile(f); !strings.Contains(string(data), "= 1") {
			t.Errorf("%s changed:\n%s", f, data)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := os.Chmod(b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := plan.Write(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{a, b} {
		if data, _ := os.ReadFile(f); !strings.Contains(string(data), "= 2") {
			t.Errorf("%s not fixed:\n%s", f, data)
		}
	}
}

func TestPlanRefusesBrokenResult(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "a.go", "package p\n\nvar A = 1\n")
	_, err := NewPlan([]results.Finding{finding("a", results.Edit{Filename: a, Start: 15, End: 16, New: "= ="})})
	if err == nil || !strings.Contains(err.Error(), "would break") {
		t.Errorf("NewPlan: %v, want an error for a result that does not parse", err)
	}
	_, err = NewPlan([]results.Finding{finding("a", results.Edit{Filename: a, Start: 15, End: 99, New: ""})})
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("NewPlan: %v, want an error for an edit past the end", err)
	}
}

func TestUnifiedHunks(t *testing.T) {
	var a, b []string
	for i := range 20 {
		a = append(a, string(rune('a'+i))+"\n")
	}
	b = append(b, a...)
	b[1] = "B\n"
	b[15] = "P\n"
	b = append(b[:18], "new\n", b[18], b[19])
	var out bytes.Buffer
	unified(&out, a, b)
	want := `@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
@@ -13,8 +13,9 @@
 m
 n
 o
-p
+P
 q
 r
+new
 s
 t
`
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}
