package unboundedgo

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/files"
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
		if !reportTests && files.IsTest(pass, g.Pos()) {
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
		what, ok := unknownSize(pass, loop, g)
		if !ok || bounded(pass, loop, fnBody, g) {
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

// unknownSize reports whether loop runs over input whose size someone
// outside the program decides, and names an item of it: values from an
// HTTP request (its form, headers, or a body decoded into a variable) in
// a handler, the lines of a scanner, or messages read from a network
// connection or stream. Slices, maps and channels of other origin are
// usually configuration, cluster members or a fixed set of functions,
// small by construction, and are not reported.
func unknownSize(pass *analysis.Pass, loop ast.Node, g *ast.GoStmt) (string, bool) {
	switch loop := loop.(type) {
	case *ast.RangeStmt:
		if _, lit := ast.Unparen(loop.X).(*ast.CompositeLit); lit {
			return "", false // a literal list: its size is in the code
		}
		switch pass.TypesInfo.TypeOf(loop.X).Underlying().(type) {
		case *types.Slice, *types.Map:
			if fromRequest(pass, loop, loop.X) {
				return "element of " + types.ExprString(loop.X) + ", which the HTTP request decides,", true
			}
		}
	case *ast.ForStmt:
		// for sc.Scan() {...}: a goroutine per line of input.
		if call, ok := ast.Unparen(loop.Cond).(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Scan" && isNamedPtr(pass.TypesInfo.TypeOf(sel.X), "bufio", "Scanner") {
				return "line scanned by " + types.ExprString(sel.X), true
			}
		}
		if loop.Cond == nil {
			if recv := receivesFromNetwork(pass, loop.Body, g); recv != "" {
				return "message read by " + recv, true
			}
			if reportAccept && callsAccept(loop.Body) {
				return "accepted connection", true
			}
		}
	}
	return "", false
}

func isNamedPtr(t types.Type, pkg, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// receivesFromNetwork returns the receiver of a call, in body before the
// go statement, that reads a message from the network: a method of a
// net.Conn, Decode of a json or gob decoder, or RecvMsg-style receives on
// a gRPC stream (a type whose methods include RecvMsg).
func receivesFromNetwork(pass *analysis.Pass, body *ast.BlockStmt, g *ast.GoStmt) string {
	conn := netConn(pass.Pkg)
	found := ""
	ast.Inspect(body, func(n ast.Node) bool {
		if found != "" || n == nil || n.Pos() >= g.Pos() {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		if !ok || fn.Signature().Recv() == nil {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		recv := pass.TypesInfo.TypeOf(sel.X)
		if recv == nil {
			return true
		}
		switch {
		case conn != nil && (fn.Name() == "Read" || fn.Name() == "ReadFrom") && types.Implements(recv, conn):
		case fn.Name() == "Decode" && (isNamedPtr(recv, "encoding/json", "Decoder") || isNamedPtr(recv, "encoding/gob", "Decoder")):
		case fn.Name() == "Recv" || fn.Name() == "RecvMsg":
			if obj, _, _ := types.LookupFieldOrMethod(recv, true, nil, "RecvMsg"); obj == nil {
				return true
			}
		default:
			return true
		}
		found = types.ExprString(sel.X)
		return false
	})
	return found
}

// netConn returns the net.Conn interface, when pkg depends on package net.
func netConn(pkg *types.Package) *types.Interface {
	seen := make(map[*types.Package]bool)
	var find func(p *types.Package) *types.Package
	find = func(p *types.Package) *types.Package {
		if p.Path() == "net" {
			return p
		}
		if seen[p] {
			return nil
		}
		seen[p] = true
		for _, imp := range p.Imports() {
			if n := find(imp); n != nil {
				return n
			}
		}
		return nil
	}
	pkg = find(pkg)
	if pkg == nil {
		return nil
	}
	obj, ok := pkg.Scope().Lookup("Conn").(*types.TypeName)
	if !ok {
		return nil
	}
	iface, _ := obj.Type().Underlying().(*types.Interface)
	return iface
}

// fromRequest reports whether x, ranged over in a handler (a function
// with an http.ResponseWriter parameter), comes from the request: it is
// reached from the *http.Request parameter (r.Form, r.Header,
// r.URL.Query()), or from a local variable that the handler fills from
// the request (decoded from its body into, or assigned from an expression
// that uses the request or another such variable).
func fromRequest(pass *analysis.Pass, loop ast.Node, x ast.Expr) bool {
	info := pass.TypesInfo
	fn := handlerOf(pass, loop)
	if fn == nil {
		return false
	}
	tainted := make(map[types.Object]bool)
	for _, field := range fn.Type.Params.List {
		if isNamedPtr(info.TypeOf(field.Type), "net/http", "Request") {
			for _, name := range field.Names {
				tainted[info.Defs[name]] = true
			}
		}
	}
	if len(tainted) == 0 {
		return false
	}
	mentions := func(e ast.Node) bool {
		found := false
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && tainted[info.Uses[id]] {
				found = true
			}
			return !found
		})
		return found
	}
	rootVar := func(e ast.Expr) types.Object {
		for {
			switch x := ast.Unparen(e).(type) {
			case *ast.UnaryExpr:
				e = x.X
			case *ast.SelectorExpr:
				e = x.X
			case *ast.IndexExpr:
				e = x.X
			case *ast.Ident:
				return info.ObjectOf(x)
			default:
				return nil
			}
		}
	}
	// Grow the set of request-filled variables to a fixed point: the
	// handler is one function, so a few passes suffice.
	for changed := true; changed; {
		changed = false
		mark := func(e ast.Expr) {
			if v := rootVar(e); v != nil && !tainted[v] {
				tainted[v], changed = true, true
			}
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, rhs := range n.Rhs {
					if mentions(rhs) {
						for _, lhs := range n.Lhs {
							mark(lhs)
						}
					}
				}
			case *ast.CallExpr:
				// json.NewDecoder(r.Body).Decode(&req), json.Unmarshal(body, &req)
				sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr)
				if !ok || len(n.Args) == 0 {
					return true
				}
				switch sel.Sel.Name {
				case "Decode":
					if mentions(sel.X) {
						mark(n.Args[0])
					}
				case "Unmarshal":
					if len(n.Args) >= 2 && mentions(n.Args[0]) {
						mark(n.Args[1])
					}
				}
			}
			return true
		})
	}
	return mentions(x)
}

// handlerOf returns the innermost function declaration around node that
// has an http.ResponseWriter parameter, or nil.
func handlerOf(pass *analysis.Pass, node ast.Node) *ast.FuncDecl {
	for _, f := range pass.Files {
		if f.Pos() > node.Pos() || node.End() > f.End() {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Pos() > node.Pos() || node.End() > fd.End() {
				continue
			}
			for _, field := range fd.Type.Params.List {
				if isNamedPtr(pass.TypesInfo.TypeOf(field.Type), "net/http", "ResponseWriter") {
					return fd
				}
			}
		}
	}
	return nil
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
func bounded(pass *analysis.Pass, loop ast.Node, fnBody *ast.BlockStmt, g *ast.GoStmt) bool {
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
	if found || pairedRelease(pass, loop, g) {
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

// pairedRelease reports whether the loop body, before the go statement,
// calls a method on some value and the goroutine calls another method on
// the same value, or sends on a channel the goroutine receives from: an
// acquire paired with its release (limiter.Do() ... defer limiter.Done(),
// sem <- x ... <-sem), whatever the throttle's names. A WaitGroup's Add
// and Done count goroutines; they do not bound them.
func pairedRelease(pass *analysis.Pass, loop ast.Node, g *ast.GoStmt) bool {
	lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit)
	if !ok {
		return false
	}
	type op struct {
		recv, method string
	}
	var before []op
	ast.Inspect(loopBody(loop), func(n ast.Node) bool {
		if n == nil || n.Pos() >= g.Pos() {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		switch n := n.(type) {
		case *ast.SendStmt:
			before = append(before, op{types.ExprString(n.Chan), "<-"})
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if _, isMethod := pass.TypesInfo.Selections[sel]; isMethod && !isNamedPtr(pass.TypesInfo.TypeOf(sel.X), "sync", "WaitGroup") {
					before = append(before, op{types.ExprString(sel.X), sel.Sel.Name})
				}
			}
		}
		return true
	})
	if len(before) == 0 {
		return false
	}
	paired := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		if paired {
			return false
		}
		switch n := n.(type) {
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				for _, b := range before {
					paired = paired || b.method == "<-" && b.recv == types.ExprString(n.X)
				}
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if _, isMethod := pass.TypesInfo.Selections[sel]; isMethod {
					for _, b := range before {
						paired = paired || b.method != "<-" && b.method != sel.Sel.Name && b.recv == types.ExprString(sel.X)
					}
				}
			}
		}
		return true
	})
	return paired
}
