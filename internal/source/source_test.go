package source

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

func TestLines(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f.go")
	if err := os.WriteFile(file, []byte("package f\r\n// héllo 𝄞 x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := NewLines()
	if got := string(c.Line(file, 1)); got != "package f" {
		t.Errorf("line 1 = %q", got)
	}
	if c.Line(file, 9) != nil || c.Line(filepath.Join(t.TempDir(), "none"), 1) != nil {
		t.Error("a missing line or file is not nil")
	}
	// "// héllo 𝄞 x": x is at byte 16 (é is 2 bytes, 𝄞 is 4).
	if got := c.Column(file, 2, 16); got != 12 {
		t.Errorf("code point column = %d, want 12", got)
	}
	if got := c.UTF16Column(file, 2, 16); got != 12 {
		t.Errorf("UTF-16 column = %d, want 12 (𝄞 is two units)", got)
	}
}

func TestParsePosition(t *testing.T) {
	for in, want := range map[string]Position{
		"a.go:3:4":        {"a.go", 3, 4},
		`C:\x\a.go:10:2`:  {`C:\x\a.go`, 10, 2},
		"a.go":            {File: "a.go"},
		"a.go:x:1":        {File: "a.go:x:1"},
		"/p/a:b.go:12:30": {"/p/a:b.go", 12, 30},
	} {
		if got := ParsePosition(in); got != want {
			t.Errorf("ParsePosition(%q) = %+v, want %+v", in, got, want)
		}
		if got := ParsePosition(in).String(); want.Line > 0 && got != in {
			t.Errorf("String() = %q, want %q", got, in)
		}
	}
	if Compare(Position{"a", 2, 1}, Position{"a", 10, 1}) >= 0 || Compare(Position{"b", 1, 1}, Position{"a", 9, 9}) <= 0 {
		t.Error("Compare orders by file, then numerically by line")
	}
}

// TestComparePos checks that source order does not follow the order in
// which files were added to the file set.
func TestComparePos(t *testing.T) {
	fset := token.NewFileSet()
	z := fset.AddFile("z.go", -1, 100) // added first: lower token.Pos
	a := fset.AddFile("a.go", -1, 100)
	za, aa, ab := z.Pos(5), a.Pos(5), a.Pos(50)
	if za >= aa {
		t.Fatalf("the file set gave z.go the later positions")
	}
	if ComparePos(fset, aa, za) >= 0 || ComparePos(fset, za, aa) <= 0 {
		t.Errorf("a.go:5 should come before z.go:5 whatever their token.Pos")
	}
	if ComparePos(fset, aa, ab) >= 0 || ComparePos(fset, ab, ab) != 0 {
		t.Errorf("within a file, offsets order")
	}
}
