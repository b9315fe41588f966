package goversion_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/goversion"
)

func check(t *testing.T, pkgVersion string) (*analysis.Pass, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", "//go:build go1.23\n\npackage p\n", parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{GoVersion: pkgVersion}
	pkg, err := conf.Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &analysis.Pass{Pkg: pkg}, f
}

// TestOf checks that a file's //go:build upgrade wins over the package's
// version, and that AtLeast compares versions, not strings.
func TestOf(t *testing.T) {
	pass, f := check(t, "go1.22")
	if got := goversion.Of(pass, f); got != "go1.23" {
		t.Errorf("Of = %q, want go1.23 (the file's upgrade)", got)
	}
	if got := goversion.Of(pass, &ast.File{}); got != "go1.22" {
		t.Errorf("Of without a file version = %q, want go1.22", got)
	}
	if !goversion.AtLeast(pass, f, "go1.23") || goversion.AtLeast(pass, &ast.File{}, "go1.23") {
		t.Error("AtLeast go1.23: want true for the upgraded file, false for the package")
	}
	newer, _ := check(t, "go1.26")
	if !goversion.AtLeast(newer, &ast.File{}, "go1.3") {
		t.Error("AtLeast compared as strings: go1.26 < go1.3")
	}
}
