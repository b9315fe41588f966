package summary_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/testutil"
)

const graphSrc = `package p

func a() { b() }
func b() { c(); a() }
func c() { d() }
func d() {}
func e() { e(); d() }
`

// TestComponents checks that components come callees first, each in
// source order, and that Solve reaches the fixed point of a cycle.
func TestComponents(t *testing.T) {
	fset, f, _, info := testutil.Check(t, graphSrc)
	decls := make(funcs.Decls)
	for _, d := range f.Decls {
		fd := d.(*ast.FuncDecl)
		decls[info.Defs[fd.Name].(*types.Func)] = fd
	}
	g := summary.CallGraph(fset, info, decls)
	var got []string
	for _, comp := range g.Components() {
		var names []string
		for _, fn := range comp {
			names = append(names, fn.Name())
		}
		got = append(got, strings.Join(names, "+"))
	}
	want := []string{"d", "c", "a+b", "e"}
	if !slices.Equal(got, want) {
		t.Fatalf("components = %v, want %v", got, want)
	}

	// Reach: the set of functions each one calls, transitively.
	reach := make(map[*types.Func]map[string]bool)
	summary.Solve(g, reach, func(fn *types.Func) map[string]bool {
		out := map[string]bool{}
		for _, callee := range g.Callees[fn] {
			out[callee.Name()] = true
			for n := range reach[callee] {
				out[n] = true
			}
		}
		return out
	}, func(x, y map[string]bool) bool { return len(x) == len(y) })
	for fn, r := range reach {
		if fn.Name() == "a" && !(r["a"] && r["b"] && r["c"] && r["d"]) {
			t.Errorf("a reaches %v, want a, b, c, d", r)
		}
	}
}

// TestSourceOrderIgnoresFileSet checks that source order does not depend
// on the order in which a package's files were added to the file set,
// which a loader that parses files in parallel changes from run to run:
// the order of a component's functions decides which is solved first.
func TestSourceOrderIgnoresFileSet(t *testing.T) {
	srcs := map[string]string{
		"a.go": "package p\n\nfunc a() { z() }\n",
		"z.go": "package p\n\nfunc z() { a() }\n",
	}
	order := func(names ...string) string {
		fset := token.NewFileSet()
		var files []*ast.File
		for _, name := range names {
			f, err := parser.ParseFile(fset, name, srcs[name], 0)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
		info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object), Uses: make(map[*ast.Ident]types.Object)}
		if _, err := new(types.Config).Check("p", fset, files, info); err != nil {
			t.Fatal(err)
		}
		decls := make(funcs.Decls)
		for _, f := range files {
			for _, d := range f.Decls {
				fd := d.(*ast.FuncDecl)
				decls[info.Defs[fd.Name].(*types.Func)] = fd
			}
		}
		var got []string
		for _, comp := range summary.CallGraph(fset, info, decls).Components() {
			for _, fn := range comp {
				got = append(got, fn.Name())
			}
		}
		return strings.Join(got, " ")
	}
	if x, y := order("a.go", "z.go"), order("z.go", "a.go"); x != y || x != "a z" {
		t.Errorf("component order: %q with a.go parsed first, %q with z.go first; want %q both times", x, y, "a z")
	}
}
