package ctxprop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/ctxs"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/files"
	"github.com/concvet/concvet/internal/goversion"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "ctxprop",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("ctxprop"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

// A scope is the context a call can see: the context parameter of its
// function, or of an enclosing function whose context reaches it.
type scope struct {
	ctx       *types.Var
	owner     ast.Node      // the function whose parameter ctx is
	goroutine *ast.GoStmt   // the go statement, when the call runs on a goroutine started below owner
	fn        *ast.FuncDecl // the outermost declaration, nil in a package-level literal
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "context") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for fileCur := range ins.Root().Children() {
		// Tests and generated code make their own contexts.
		file := fileCur.Node().(*ast.File)
		if files.SkipsTestOrGenerated(pass, file) {
			continue
		}
		for call := range fileCur.Preorder((*ast.CallExpr)(nil)) {
			check(pass, call)
		}
	}
	return nil, nil
}

func check(pass *analysis.Pass, cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	root := ctxs.Root(pass.TypesInfo, call)
	twin := twinOf(pass, call)
	if root == "" && twin == nil {
		return
	}
	sc, ok := contextOf(pass, cur)
	if !ok {
		return
	}
	if root != "" {
		if comparedWith(cur) {
			return // o.context != context.Background(): a sentinel, not a context to use
		}
		if defaults(pass, cur, sc.ctx) {
			return // if ctx == nil { ctx = context.Background() }: a default, not a drop
		}
		if returnedAsContext(cur) {
			// func (c *Client) context(ctx) context.Context { ...; return
			// context.Background() }: a function whose job is to choose.
			return
		}
		if sc.goroutine != nil && !joined(pass, sc) {
			// A goroutine that the function does not wait for outlives
			// ctx anyway (cancelled when a request returns); Background
			// there is the deliberate, if old-fashioned, detach.
			return
		}
		reportRoot(pass, call, root, sc)
		return
	}
	if sc.fn != nil {
		if self, _ := pass.TypesInfo.Defs[sc.fn.Name].(*types.Func); self == twin.fn {
			return // the twin calling its context-free self
		}
	}
	if sc.goroutine != nil && waitsOnDone(pass, sc) {
		// The hand-made twin: run the context-free call on a goroutine
		// and select on its result and ctx.Done() (grpc's TLS
		// handshakes).
		return
	}
	if v := assignedTo(pass, cur); v != nil && (laterGivenContext(pass, sc.owner, v) || passedOn(pass, sc.owner, v)) {
		// The context is attached to the result afterwards
		// (req, _ := http.NewRequest(...); req = req.WithContext(ctx)),
		// or the result goes to code that decides its lifetime (gopls
		// starts a daemon with exec.Command and hands it to runRemote;
		// it must outlive the request).
		return
	}
	reportTwin(pass, call, twin, sc)
}

// comparedWith reports whether the call at cur is an operand of == or !=.
func comparedWith(cur inspector.Cursor) bool {
	b, ok := cur.Parent().Node().(*ast.BinaryExpr)
	return ok && (b.Op == token.EQL || b.Op == token.NEQ)
}

// defaults reports whether the call at cur is assigned to ctx itself.
func defaults(pass *analysis.Pass, cur inspector.Cursor, ctx *types.Var) bool {
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, rhs := range as.Rhs {
		if rhs == cur.Node() {
			id, ok := as.Lhs[i].(*ast.Ident)
			return ok && pass.TypesInfo.ObjectOf(id) == ctx
		}
	}
	return false
}

// returnedAsContext reports whether the call at cur is a result of a
// return statement.
func returnedAsContext(cur inspector.Cursor) bool {
	_, ok := cur.Parent().Node().(*ast.ReturnStmt)
	return ok
}

// joined reports whether the function that owns sc's context, after the
// go statement, waits for something: a channel receive, a select, or a
// call of a method named Wait (WaitGroup, errgroup). The goroutine is then
// likely joined, and detaching it from ctx is unlikely to be deliberate.
func joined(pass *analysis.Pass, sc scope) bool {
	g := sc.goroutine
	found := false
	ast.Inspect(sc.owner, func(n ast.Node) bool {
		if found || n == nil || n.End() <= g.Pos() {
			return false // done, or wholly before the go statement
		}
		after := n.Pos() >= g.End()
		switch n := n.(type) {
		case *ast.FuncLit:
			// Only a literal that contains the go statement is followed:
			// what other literals wait for, they wait for at another time.
			return n.Pos() <= g.Pos() && g.End() <= n.End()
		case *ast.UnaryExpr:
			found = after && n.Op == token.ARROW
		case *ast.SelectStmt:
			found = after
		case *ast.RangeStmt:
			if after {
				_, found = pass.TypesInfo.TypeOf(n.X).Underlying().(*types.Chan)
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			found = after && ok && sel.Sel.Name == "Wait"
		}
		return !found
	})
	return found
}

// passedOn reports whether v is passed as an argument to a call in fn.
func passedOn(pass *analysis.Pass, fn ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && !found {
			for _, arg := range call.Args {
				if id, ok := ast.Unparen(arg).(*ast.Ident); ok && pass.TypesInfo.Uses[id] == v {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// waitsOnDone reports whether the function that owns sc's context calls
// ctx.Done().
func waitsOnDone(pass *analysis.Pass, sc scope) bool {
	found := false
	ast.Inspect(sc.owner, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Done" {
				if id, ok := sel.X.(*ast.Ident); ok && pass.TypesInfo.Uses[id] == sc.ctx {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// assignedTo returns the variable that the call at cur initializes or is
// assigned to, if it is the first result that goes to a named variable.
func assignedTo(pass *analysis.Pass, cur inspector.Cursor) *types.Var {
	call := cur.Node().(*ast.CallExpr)
	var lhs ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && p.Rhs[0] == call && len(p.Lhs) > 0 {
			lhs = p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && p.Values[0] == call && len(p.Names) > 0 {
			lhs = p.Names[0]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := pass.TypesInfo.ObjectOf(id).(*types.Var)
	return v
}

// laterGivenContext reports whether, inside fn, a method is called on v
// with a context argument.
func laterGivenContext(pass *analysis.Pass, fn ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); !ok || pass.TypesInfo.Uses[id] != v {
			return true
		}
		for _, arg := range call.Args {
			if ctxs.Is(pass.TypesInfo.TypeOf(arg)) {
				found = true
			}
		}
		return !found
	})
	return found
}

// contextOf returns the context that the call at cur should use: the
// context parameter of its function, or, through function literals that
// run then and there (called on the spot, or started as a goroutine), of
// an enclosing one. A literal that is stored, passed or deferred runs at a
// time the analysis cannot see, when the context may be long gone, so its
// calls are left alone; so are main, init and anything under a defer.
func contextOf(pass *analysis.Pass, cur inspector.Cursor) (scope, bool) {
	var sc scope
	var found bool
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.DeferStmt:
			return scope{}, false
		case *ast.FuncDecl:
			sc.fn = n
			if n.Recv == nil && (n.Name.Name == "init" || n.Name.Name == "main" && pass.Pkg.Name() == "main") {
				return scope{}, false
			}
			if !found {
				sc.ctx, sc.owner = ctxs.Param(pass.TypesInfo, n.Type), n
				found = sc.ctx != nil
			}
			return sc, found
		case *ast.FuncLit:
			if found {
				continue
			}
			if v := ctxs.Param(pass.TypesInfo, n.Type); v != nil {
				sc.ctx, sc.owner, found = v, n, true
				continue
			}
			switch p := c.Parent().Node().(type) {
			case *ast.CallExpr:
				if p.Fun != n {
					return scope{}, false
				}
				if g, isGo := c.Parent().Parent().Node().(*ast.GoStmt); isGo {
					sc.goroutine = g
				}
			default:
				return scope{}, false
			}
		}
	}
	return sc, found
}

func reportRoot(pass *analysis.Pass, call *ast.CallExpr, root string, sc scope) {
	name := sc.ctx.Name()
	// context.WithoutCancel, the deliberate detach, exists from Go 1.21.
	withoutCancel := goversion.AtLeast(pass, fileOf(pass, call), "go1.21")
	if sc.goroutine != nil {
		advice := fmt.Sprintf("pass %s, or context.WithoutCancel(%s) to detach deliberately", name, name)
		if !withoutCancel {
			advice = fmt.Sprintf("pass %s", name)
		}
		pass.Report(analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: "ctxprop",
			Message: fmt.Sprintf("goroutine detaches from %s with context.%s() although this function waits for it, so cancelling %s does not stop it, which is rarely intended; %s",
				name, root, name, advice),
		})
		return
	}
	advice := fmt.Sprintf("pass %s (or context.WithoutCancel(%s) to keep its values without its cancellation)", name, name)
	if !withoutCancel {
		advice = fmt.Sprintf("pass %s", name)
	}
	diag := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "ctxprop",
		Message: fmt.Sprintf("context.%s() ignores %s, the context this function was given, so cancellation and deadlines stop here; %s",
			root, name, advice),
	}
	if visible(pass, call, sc.ctx) {
		diag.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Use " + name,
			TextEdits: []analysis.TextEdit{{Pos: call.Pos(), End: call.End(), NewText: []byte(name)}},
		}}
	}
	pass.Report(diag)
}

func reportTwin(pass *analysis.Pass, call *ast.CallExpr, t *twin, sc scope) {
	name := sc.ctx.Name()
	what := t.orig.Name()
	if sig := t.orig.Signature(); sig.Recv() == nil && t.orig.Pkg() != nil {
		what = t.orig.Pkg().Name() + "." + what
	}
	diag := analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "ctxprop",
		Message: fmt.Sprintf("%s does not take %s, so the work is not cancelled with the caller; call %s(%s, ...) instead",
			what, name, t.display, name),
	}
	if sc.goroutine == nil && visible(pass, call, sc.ctx) {
		if edits, ok := t.rewrite(pass, call, name); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   fmt.Sprintf("Call %s with %s", t.display, name),
				TextEdits: edits,
			}}
		}
	}
	pass.Report(diag)
}

// fileOf returns the file that contains n.
func fileOf(pass *analysis.Pass, n ast.Node) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= n.Pos() && n.Pos() < f.FileEnd {
			return f
		}
	}
	return nil
}

// visible reports whether ctx can be named at call: the name is not
// shadowed there.
func visible(pass *analysis.Pass, call *ast.CallExpr, ctx *types.Var) bool {
	inner := pass.Pkg.Scope().Innermost(call.Pos())
	if inner == nil {
		return false
	}
	_, obj := inner.LookupParent(ctx.Name(), call.Pos())
	return obj == ctx
}

// A twin is the context-taking variant of a called function or method.
type twin struct {
	orig    *types.Func
	fn      *types.Func
	display string // how the message names it
	dialer  bool   // net.Dial -> (&net.Dialer{}).DialContext
}

// twinOf returns the context-taking twin of call's callee: for F, a
// function or method FContext or FWithContext beside it, whose parameters
// are a context.Context followed by exactly F's, with the same results; and
// net.Dial's (*net.Dialer).DialContext.
func twinOf(pass *analysis.Pass, call *ast.CallExpr) *twin {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Signature().TypeParams().Len() > 0 {
		return nil
	}
	sig := fn.Signature()
	if sig.Params().Len() > 0 && ctxs.Is(sig.Params().At(0).Type()) {
		return nil // takes a context already
	}
	if fn.Pkg().Path() == "net" && fn.Name() == "Dial" && sig.Recv() == nil {
		return &twin{orig: fn, display: "(&net.Dialer{}).DialContext", dialer: true}
	}
	for _, name := range []string{fn.Name() + "Context", fn.Name() + "WithContext"} {
		var cand types.Object
		if sig.Recv() == nil {
			cand = fn.Pkg().Scope().Lookup(name)
		} else {
			fun, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			sel, ok := pass.TypesInfo.Selections[fun]
			if !ok || sel.Kind() != types.MethodVal {
				return nil // a method expression: its arguments do not line up
			}
			cand, _, _ = types.LookupFieldOrMethod(sel.Recv(), true, pass.Pkg, name)
		}
		tf, ok := cand.(*types.Func)
		if !ok || !tf.Exported() && tf.Pkg() != pass.Pkg {
			continue
		}
		if linesUp(sig, tf.Signature()) {
			display := name
			if sig.Recv() == nil {
				display = fn.Pkg().Name() + "." + name
			}
			return &twin{orig: fn, fn: tf, display: display}
		}
	}
	return nil
}

// linesUp reports whether twin's parameters are a context.Context followed
// by orig's, with the same results and variadicity.
func linesUp(orig, twin *types.Signature) bool {
	op, tp := orig.Params(), twin.Params()
	if tp.Len() != op.Len()+1 || !ctxs.Is(tp.At(0).Type()) || orig.Variadic() != twin.Variadic() {
		return false
	}
	for i := 0; i < op.Len(); i++ {
		if !types.Identical(op.At(i).Type(), tp.At(i+1).Type()) {
			return false
		}
	}
	return types.Identical(orig.Results(), twin.Results())
}

// rewrite returns the edits that turn call into a call of the twin with
// ctx as its first argument.
func (t *twin) rewrite(pass *analysis.Pass, call *ast.CallExpr, ctx string) ([]analysis.TextEdit, bool) {
	if t.dialer {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, false
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return nil, false
		}
		return []analysis.TextEdit{
			{Pos: call.Fun.Pos(), End: call.Fun.End(), NewText: fmt.Appendf(nil, "(&%s.Dialer{}).DialContext", pkg.Name)},
			insertArg(call, ctx),
		}, true
	}
	var id *ast.Ident
	switch fun := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = fun
	case *ast.SelectorExpr:
		id = fun.Sel
	default:
		return nil, false // explicit type arguments, or stranger
	}
	return []analysis.TextEdit{
		{Pos: id.Pos(), End: id.End(), NewText: []byte(t.fn.Name())},
		insertArg(call, ctx),
	}, true
}

func insertArg(call *ast.CallExpr, arg string) analysis.TextEdit {
	if len(call.Args) > 0 {
		arg += ", "
	}
	return analysis.TextEdit{Pos: call.Lparen + 1, End: call.Lparen + 1, NewText: []byte(arg)}
}
