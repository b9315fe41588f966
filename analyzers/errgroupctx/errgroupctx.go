package errgroupctx

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/ctxs"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/refs"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "errgroupctx",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("errgroupctx"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

// A group is one `g, ctx := pkg.WithContext(parent)`.
type group struct {
	assign  *ast.AssignStmt
	g       refs.Ref
	derived types.Object // nil when discarded with _
	parent  types.Object // nil unless the parent is a plain variable
	pkg     string       // the package's name, for messages
}

func run(pass *analysis.Pass) (any, error) {
	if !importsGroupPackage(pass.Pkg) {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for cur := range ins.Root().Preorder((*ast.AssignStmt)(nil)) {
		gr, ok := groupOf(pass, cur.Node().(*ast.AssignStmt))
		if !ok {
			continue
		}
		fn := enclosingFunc(cur)
		if fn == nil {
			continue
		}
		checkGoFuncs(pass, fn, gr)
		checkAfterWait(pass, fn, gr)
	}
	return nil, nil
}

// groupOf recognizes `g, ctx := F(parent)` where F has the shape of
// errgroup.WithContext: func(context.Context) (*T, context.Context), with
// T having Go(func() error) and Wait() error.
func groupOf(pass *analysis.Pass, as *ast.AssignStmt) (group, bool) {
	if len(as.Lhs) != 2 || len(as.Rhs) != 1 {
		return group{}, false
	}
	call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return group{}, false
	}
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Name() != "WithContext" || !isWithContext(fn.Signature()) {
		return group{}, false
	}
	gr := group{assign: as, g: refs.Of(pass.TypesInfo, as.Lhs[0]), pkg: fn.Pkg().Name()}
	if !gr.g.Valid() {
		return group{}, false
	}
	if id, ok := as.Lhs[1].(*ast.Ident); ok && id.Name != "_" {
		gr.derived = pass.TypesInfo.ObjectOf(id)
	} else if !ok {
		return group{}, false // stored in a field: out of sight
	}
	if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok {
		if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok {
			gr.parent = v
		}
	}
	return gr, true
}

func isWithContext(sig *types.Signature) bool {
	if sig.Params().Len() != 1 || sig.Results().Len() != 2 || !ctxs.Is(sig.Params().At(0).Type()) || !ctxs.Is(sig.Results().At(1).Type()) {
		return false
	}
	return isGroup(sig.Results().At(0).Type())
}

// isGroup reports whether t is a pointer to a type with the methods
// Go(func() error) and Wait() error.
func isGroup(t types.Type) bool {
	if _, ok := t.(*types.Pointer); !ok {
		return false
	}
	mset := types.NewMethodSet(t)
	goSel, waitSel := mset.Lookup(nil, "Go"), mset.Lookup(nil, "Wait")
	if goSel == nil || waitSel == nil {
		return false
	}
	goSig := goSel.Obj().(*types.Func).Signature()
	waitSig := waitSel.Obj().(*types.Func).Signature()
	errType := types.Universe.Lookup("error").Type()
	if goSig.Params().Len() != 1 || waitSig.Params().Len() != 0 || waitSig.Results().Len() != 1 || !types.Identical(waitSig.Results().At(0).Type(), errType) {
		return false
	}
	f, ok := goSig.Params().At(0).Type().Underlying().(*types.Signature)
	return ok && f.Params().Len() == 0 && f.Results().Len() == 1 && types.Identical(f.Results().At(0).Type(), errType)
}

func importsGroupPackage(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		if fn, ok := imp.Scope().Lookup("WithContext").(*types.Func); ok && isWithContext(fn.Signature()) {
			return true
		}
	}
	return false
}

// groupCall returns the name of the method of gr's group that call
// invokes, or "".
func groupCall(pass *analysis.Pass, call *ast.CallExpr, gr group) string {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || refs.Of(pass.TypesInfo, sel.X) != gr.g {
		return ""
	}
	if s, ok := pass.TypesInfo.Selections[sel]; !ok || s.Kind() != types.MethodVal {
		return ""
	}
	return sel.Sel.Name
}

// checkGoFuncs reports the function literals given to g.Go (or TryGo)
// that use the parent context: the group's first error cancels the
// derived context, which they never see.
func checkGoFuncs(pass *analysis.Pass, fn ast.Node, gr group) {
	if gr.parent == nil || gr.parent == gr.derived {
		return
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Pos() < gr.assign.End() {
			return true
		}
		if m := groupCall(pass, call, gr); (m != "Go" && m != "TryGo") || len(call.Args) != 1 {
			return true
		}
		lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit)
		if !ok {
			return true
		}
		if use := firstUse(pass, lit.Body, gr.parent); use != nil {
			if routedElsewhere(pass, fn, gr) {
				// The group's first error may reach the function
				// another way, which the analysis cannot follow.
				return true
			}
			var msg string
			if gr.derived == nil {
				msg = fmt.Sprintf("function passed to %s.%s uses %s, and the context derived by %s.WithContext is discarded, so the group's first error cancels nothing; keep the derived context and use it here",
					gr.g, m(call), use.Name, gr.pkg)
			} else {
				msg = fmt.Sprintf("function passed to %s.%s uses the parent context %s instead of %s derived by %s.WithContext, so the group's first error does not cancel it; use %s",
					gr.g, m(call), use.Name, gr.derived.Name(), gr.pkg, gr.derived.Name())
			}
			diag := analysis.Diagnostic{Pos: use.Pos(), End: use.End(), Category: "errgroupctx", Message: msg}
			if fix, ok := useDerived(pass, lit, gr); ok {
				diag.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			pass.Report(diag)
		}
		return true
	})
}

// routedElsewhere reports whether fn hands the derived context, before it
// first waits, to a call outside the group's functions: as an argument
// (`go watch(gctx)`, `context.WithCancel(gctx)`, `newIterator(gctx)`) or as
// the receiver of a method (`<-gctx.Done()` in a watcher goroutine). The
// group's first error then cancels whatever that code drives, which may be
// what the group's functions wait on (a source it closes, an iterator it
// stops); the analysis cannot follow that route, so a function of the
// group that uses the parent may be deliberate.
func routedElsewhere(pass *analysis.Pass, fn ast.Node, gr group) bool {
	if gr.derived == nil {
		return false
	}
	var goFuncs []*ast.FuncLit
	wait := token.NoPos
	ast.Inspect(fn, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Pos() < gr.assign.End() {
			return true
		}
		switch groupCall(pass, call, gr) {
		case "Go", "TryGo":
			if len(call.Args) == 1 {
				if lit, ok := ast.Unparen(call.Args[0]).(*ast.FuncLit); ok {
					goFuncs = append(goFuncs, lit)
				}
			}
		case "Wait":
			if !wait.IsValid() || call.Pos() < wait {
				wait = call.Pos()
			}
		}
		return true
	})
	isDerived := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && pass.TypesInfo.Uses[id] == gr.derived &&
			id.Pos() > gr.assign.End() && (!wait.IsValid() || id.Pos() < wait)
	}
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && slices.Contains(goFuncs, lit) {
			return false
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && isDerived(sel.X) {
				found = true
			}
			if slices.ContainsFunc(call.Args, isDerived) {
				found = true
			}
		}
		return !found
	})
	return found
}

// useDerived returns the fix that replaces every use of the parent
// context in lit with the derived one, when the derived one is named and
// that name means it at each use.
func useDerived(pass *analysis.Pass, lit *ast.FuncLit, gr group) (analysis.SuggestedFix, bool) {
	if gr.derived == nil {
		return analysis.SuggestedFix{}, false
	}
	var edits []analysis.TextEdit
	ok := true
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, isID := n.(*ast.Ident)
		if !isID || pass.TypesInfo.Uses[id] != gr.parent {
			return true
		}
		scope := pass.Pkg.Scope().Innermost(id.Pos())
		if scope == nil {
			ok = false
			return false
		}
		if _, obj := scope.LookupParent(gr.derived.Name(), id.Pos()); obj != gr.derived {
			ok = false
			return false
		}
		edits = append(edits, analysis.TextEdit{Pos: id.Pos(), End: id.End(), NewText: []byte(gr.derived.Name())})
		return true
	})
	if !ok || len(edits) == 0 {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Use %s in this function", gr.derived.Name()),
		TextEdits: edits,
	}, true
}

func m(call *ast.CallExpr) string {
	return ast.Unparen(call.Fun).(*ast.SelectorExpr).Sel.Name
}

func firstUse(pass *analysis.Pass, n ast.Node, obj types.Object) *ast.Ident {
	var found *ast.Ident
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && found == nil && pass.TypesInfo.Uses[id] == obj {
			found = id
		}
		return found == nil
	})
	return found
}

// checkAfterWait reports uses of the derived context in the statements
// that follow a g.Wait() in the same block: Wait cancels the derived
// context before it returns, so each such use sees a cancelled context.
func checkAfterWait(pass *analysis.Pass, fn ast.Node, gr group) {
	if gr.derived == nil {
		return
	}
	reported := make(map[*ast.Ident]bool)
	ast.Inspect(fn, func(n ast.Node) bool {
		var list []ast.Stmt
		switch b := n.(type) {
		case *ast.BlockStmt:
			list = b.List
		case *ast.CaseClause:
			list = b.Body
		case *ast.CommClause:
			list = b.Body
		case *ast.FuncLit:
			return false // its own function: its Wait is not this one's
		default:
			return true
		}
		for i, stmt := range list {
			if stmt.Pos() < gr.assign.End() || !waits(pass, stmt, gr) {
				continue
			}
			// The statement that waits may itself go on after Wait:
			// if err := g.Wait(); err != nil { ... ctx ... }.
			after := list[i+1:]
			if ifs, ok := stmt.(*ast.IfStmt); ok && waitsIn(pass, gr, ifs.Init, ifs.Cond) {
				reportUses(pass, ifs.Body, gr, reported)
				if ifs.Else != nil {
					reportUses(pass, ifs.Else, gr, reported)
				}
			}
			for _, s := range after {
				if reassigns(pass, s, gr.derived) {
					break
				}
				reportUses(pass, s, gr, reported)
			}
		}
		return true
	})
}

// waits reports whether stmt calls g.Wait() outside any function literal,
// in a position that returns before the next statement.
func waits(pass *analysis.Pass, stmt ast.Stmt, gr group) bool {
	switch s := stmt.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.DeclStmt:
		return waitsIn(pass, gr, s)
	case *ast.IfStmt:
		return waitsIn(pass, gr, s.Init, s.Cond)
	}
	return false
}

func waitsIn(pass *analysis.Pass, gr group, nodes ...ast.Node) bool {
	found := false
	for _, n := range nodes {
		if n == nil {
			continue
		}
		ast.Inspect(n, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if call, ok := n.(*ast.CallExpr); ok && groupCall(pass, call, gr) == "Wait" {
				found = true
			}
			return !found
		})
	}
	return found
}

// reassigns reports whether stmt assigns a new value to v.
func reassigns(pass *analysis.Pass, stmt ast.Stmt, v types.Object) bool {
	as, ok := stmt.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, lhs := range as.Lhs {
		if id, ok := lhs.(*ast.Ident); ok && pass.TypesInfo.ObjectOf(id) == v {
			return true
		}
	}
	return false
}

// reportUses reports each use of the derived context in n.
func reportUses(pass *analysis.Pass, n ast.Node, gr group, reported map[*ast.Ident]bool) {
	ast.Inspect(n, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || reported[id] || pass.TypesInfo.Uses[id] != gr.derived {
			return true
		}
		reported[id] = true
		var msg string
		switch {
		case gr.derived == gr.parent:
			msg = fmt.Sprintf("%s was replaced by the context that %s.WithContext derives from it, which %s.Wait cancels before returning, so this use sees a cancelled context; name the derived context differently (%sctx) and use the parent here",
				id.Name, gr.pkg, gr.g, gr.g)
		case gr.parent != nil && gr.parent.Name() == id.Name:
			msg = fmt.Sprintf("%s here is the context derived by %s.WithContext, which shadows the parent's name and is cancelled once %s.Wait returns; name the derived context differently (%sctx) and use the parent here",
				id.Name, gr.pkg, gr.g, gr.g)
		default:
			msg = fmt.Sprintf("%s, derived by %s.WithContext, is cancelled once %s.Wait returns, so this use sees a cancelled context; use the parent context", id.Name, gr.pkg, gr.g)
		}
		pass.Report(analysis.Diagnostic{Pos: id.Pos(), End: id.End(), Category: "errgroupctx", Message: msg})
		return true
	})
}

// enclosingFunc returns the body of the innermost function around cur.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			return n.Body
		case *ast.FuncLit:
			return n.Body
		}
	}
	return nil
}
