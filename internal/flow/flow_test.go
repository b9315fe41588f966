package flow_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/flow"
	"github.com/concvet/concvet/internal/testutil"
)

const src = `package p

func start() {}
func stop()  {}
func work(int) bool { return true }

func leaks(n int) {
	start()
	if work(n) {
		return
	}
	stop()
}

func clean(n int) {
	start()
	work(n)
	stop()
}

func loops(xs []int) {
	for _, x := range xs {
		start()
		if work(x) {
			continue
		}
		stop()
	}
}
`

// TestEscape checks the path search: from start() to the end of the
// function or back to start() without passing stop().
func TestEscape(t *testing.T) {
	_, f, _, _ := testutil.Check(t, src)
	search := flow.Search{Cut: func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(m ast.Node) bool {
			if call, ok := m.(*ast.CallExpr); ok {
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "stop" {
					found = true
				}
			}
			return !found
		})
		return found
	}}
	for name, want := range map[string]struct{ exit, again bool }{
		"leaks": {true, false},  // the early return skips stop
		"clean": {false, false}, // every path stops
		"loops": {true, true},   // continue goes round to start again, or out when the range ends
	} {
		decl := testutil.Func(t, f, name)
		g := cfg.New(decl.Body, func(*ast.CallExpr) bool { return true })
		var startCall ast.Node
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if es, ok := n.(*ast.ExprStmt); ok {
				if call, ok := es.X.(*ast.CallExpr); ok {
					if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "start" && startCall == nil {
						startCall = es
					}
				}
			}
			return true
		})
		p, ok := flow.Find(g, startCall)
		if !ok {
			t.Fatalf("%s: start() not found in the graph", name)
		}
		exit, again := search.Escape(g, p)
		if (exit != nil) != want.exit || again != want.again {
			t.Errorf("%s: exit %v, again %v; want exit %v, again %v", name, exit != nil, again, want.exit, want.again)
		}
	}
}
