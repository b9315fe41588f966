package tickerstop

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// fieldUses records, for every unexported struct field of this package
// that holds a *time.Ticker, whether any code of the package stops it and
// whether it escapes where the analysis cannot follow.
type fieldUses struct {
	stopped map[*types.Var]bool
	escapes map[*types.Var]bool
}

// indexFields walks every selection of a ticker field in the package.
func indexFields(pass *analysis.Pass, ins *inspector.Inspector) *fieldUses {
	f := &fieldUses{stopped: make(map[*types.Var]bool), escapes: make(map[*types.Var]bool)}
	for cur := range ins.Root().Preorder((*ast.SelectorExpr)(nil)) {
		sel := cur.Node().(*ast.SelectorExpr)
		s, ok := pass.TypesInfo.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			continue
		}
		field := s.Obj().(*types.Var)
		if !isTickerField(pass, field) {
			continue
		}
		switch parent := cur.Parent().Node().(type) {
		case *ast.SelectorExpr: // s.t.C, s.t.Stop, s.t.Reset
			switch parent.Sel.Name {
			case "C", "Reset":
				continue
			case "Stop":
				f.stopped[field] = true
				continue
			}
		case *ast.AssignStmt: // s.t = time.NewTicker(d)
			if isLHS(parent, sel) {
				continue
			}
		case *ast.BinaryExpr: // s.t != nil
			if isNil(pass.TypesInfo, parent.X) || isNil(pass.TypesInfo, parent.Y) {
				continue
			}
		}
		f.escapes[field] = true
	}
	return f
}

// isTickerField reports whether field is an unexported *time.Ticker field of
// a struct declared in this package: no other package can stop it.
func isTickerField(pass *analysis.Pass, field *types.Var) bool {
	if field.Exported() || field.Pkg() != pass.Pkg {
		return false
	}
	ptr, ok := types.Unalias(field.Type()).(*types.Pointer)
	if !ok {
		return false
	}
	named, ok := types.Unalias(ptr.Elem()).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "time" && named.Obj().Name() == "Ticker"
}

func isLHS(as *ast.AssignStmt, e ast.Expr) bool {
	for _, l := range as.Lhs {
		if l == e {
			return true
		}
	}
	return false
}

func isNil(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	return ok && tv.IsNil()
}

// checkField reports a ticker stored in a field (named by id, a selector's
// Sel or a composite literal's key) that the package never stops. It is
// called only under the timer semantics before go1.23: from go1.23 a
// ticker's channel timer is scheduled only while a goroutine is blocked on
// its channel (runtime/time.go, needsAdd), and an unreferenced ticker is
// collected, so an unstopped ticker that nobody waits on costs nothing, and
// a goroutine that waits on it forever is goleak's finding.
func checkField(pass *analysis.Pass, fields *fieldUses, call *ast.CallExpr, id *ast.Ident) {
	field, ok := pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || !field.IsField() || !isTickerField(pass, field) {
		return
	}
	if fields.stopped[field] || fields.escapes[field] {
		return
	}
	pass.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "tickerstop",
		Message: "ticker stored in field " + field.Name() + " is never stopped by any code of this package: before go1.23 a ticker that is not stopped keeps firing and is never collected, even after the value that holds it is gone; " +
			"stop it where that value shuts down",
	})
}
