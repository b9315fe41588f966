package unboundedgo

import (
	_ "embed"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/docs"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "unboundedgo",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("unboundedgo"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

// reportAccept makes unboundedgo report the accept loop of a server,
// `for { c, _ := l.Accept(); go handle(c) }`, which net/http itself uses
// and which is bounded, when it needs to be, by the listener.
var reportAccept bool

// reportTests makes unboundedgo look at _test.go files, where a goroutine
// per test case ranges over a short table.
var reportTests bool

func init() {
	Analyzer.Flags.BoolVar(&reportAccept, "accept", false, "also report a goroutine per accepted connection in a for loop around Accept")
	Analyzer.Flags.BoolVar(&reportTests, "tests", false, "also report go statements in _test.go files")
}

func run(pass *analysis.Pass) (any, error) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		if !reportTests && strings.HasSuffix(pass.Fset.File(g.Pos()).Name(), "_test.go") {
			continue
		}
		var loop ast.Node
		var fnBody *ast.BlockStmt
	up:
		for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
			switch n := c.Node().(type) {
			case *ast.RangeStmt, *ast.ForStmt:
				if loop == nil {
					loop = n
				}
			case *ast.FuncLit:
				fnBody = n.Body
				break up
			case *ast.FuncDecl:
				fnBody = n.Body
				break up
			}
		}
		if loop == nil || fnBody == nil {
			continue
		}
		what, ok := unknownSize(pass, loop)
		if !ok || bounded(loop, fnBody, g) {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:      g.Pos(),
			End:      g.Call.Pos(),
			Category: "unboundedgo",
			Message:  "go statement starts one goroutine per " + what + " with no bound on how many run at once; acquire a semaphore before it, use a worker pool, or an errgroup with SetLimit",
		})
	}
	return nil, nil
}

// unknownSize reports whether loop runs over input of unknown size, and
// names an item of it.
func unknownSize(pass *analysis.Pass, loop ast.Node) (string, bool) {
	switch loop := loop.(type) {
	case *ast.RangeStmt:
		if _, lit := ast.Unparen(loop.X).(*ast.CompositeLit); lit {
			return "", false // a literal list: its size is in the code
		}
		switch pass.TypesInfo.TypeOf(loop.X).Underlying().(type) {
		case *types.Slice:
			return "element of " + types.ExprString(loop.X), true
		case *types.Map:
			return "entry of " + types.ExprString(loop.X), true
		case *types.Chan:
			return "value received from " + types.ExprString(loop.X), true
		case *types.Signature:
			return "value of the iterator " + types.ExprString(loop.X), true
		}
	case *ast.ForStmt:
		// for sc.Scan() {...}: a goroutine per line of input.
		if call, ok := ast.Unparen(loop.Cond).(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Scan" {
				return "line scanned by " + types.ExprString(sel.X), true
			}
		}
		if loop.Cond == nil && reportAccept && callsAccept(loop.Body) {
			return "accepted connection", true
		}
	}
	return "", false
}

// callsAccept reports whether body calls a method named Accept directly.
func callsAccept(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Accept" {
				found = true
			}
		}
		return !found
	})
	return found
}

// bounded reports whether something limits the goroutines: in the loop
// body, outside function literals, a channel send (a semaphore) or an
// Acquire before the go statement, or a Wait (the loop runs in batches);
// or a SetLimit anywhere in the function (an errgroup with a limit).
func bounded(loop ast.Node, fnBody *ast.BlockStmt, g *ast.GoStmt) bool {
	found := false
	ast.Inspect(loopBody(loop), func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			found = n.Pos() < g.Pos()
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Acquire", "TryAcquire", "Wait", "Take":
					found = sel.Sel.Name == "Wait" || n.Pos() < g.Pos()
				}
			}
		}
		return true
	})
	if found {
		return true
	}
	ast.Inspect(fnBody, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "SetLimit" {
				found = true
			}
		}
		return !found
	})
	return found
}

func loopBody(loop ast.Node) *ast.BlockStmt {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		return l.Body
	case *ast.ForStmt:
		return l.Body
	}
	return nil
}
