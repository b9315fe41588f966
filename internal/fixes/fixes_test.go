package fixes_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/fixes"
)

const src = `package p

func f() {
	a()
	b()
	func() { defer a() }()
}

func g() {
	defer b()
}

func a() {}
func b() {}
`

func setup(t *testing.T) (*analysis.Pass, *ast.File) {
	t.Helper()
	name := filepath.Join(t.TempDir(), "p.go")
	if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	return &analysis.Pass{Fset: fset, ReadFile: os.ReadFile}, f
}

func stmt(f *ast.File, fn string, i int) ast.Stmt {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == fn {
			return fd.Body.List[i]
		}
	}
	return nil
}

// TestEdits checks the text of the source and of the line edits.
func TestEdits(t *testing.T) {
	pass, f := setup(t)
	if b, ok := fixes.Source(pass, stmt(f, "f", 1)); !ok || string(b) != "b()" {
		t.Errorf("Source = %q, %v", b, ok)
	}
	if ind, ok := fixes.Indent(pass, stmt(f, "f", 1).Pos()); !ok || ind != "\t" {
		t.Errorf("Indent = %q, %v", ind, ok)
	}
	del, ok := fixes.DeleteLine(pass, stmt(f, "f", 0))
	if !ok || pass.Fset.Position(del.Pos).Line != 4 || len(del.NewText) != 0 {
		t.Errorf("DeleteLine = %+v, %v", del, ok)
	}
	ins, ok := fixes.InsertLineAfter(pass, stmt(f, "f", 0), "c()")
	if !ok || string(ins.NewText) != "\n\tc()" {
		t.Errorf("InsertLineAfter = %q, %v", ins.NewText, ok)
	}
}

// TestDefers checks that only the function's own defers count.
func TestDefers(t *testing.T) {
	_, f := setup(t)
	var fBody, gBody ast.Node
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			switch fd.Name.Name {
			case "f":
				fBody = fd.Body
			case "g":
				gBody = fd.Body
			}
		}
	}
	if fixes.Defers(fBody) {
		t.Error("f defers only in a literal: Defers should be false")
	}
	if !fixes.Defers(gBody) {
		t.Error("g defers: Defers should be true")
	}
}
