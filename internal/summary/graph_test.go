package summary_test

import (
	"go/ast"
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
	_, f, _, info := testutil.Check(t, graphSrc)
	decls := make(funcs.Decls)
	for _, d := range f.Decls {
		fd := d.(*ast.FuncDecl)
		decls[info.Defs[fd.Name].(*types.Func)] = fd
	}
	g := summary.CallGraph(info, decls)
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
