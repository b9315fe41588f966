package cancelfield

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "cancelfield",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("cancelfield"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:      run,
}

// A store is the assignment of a cancel function to a field or variable.
type store struct {
	at   ast.Node
	name string
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "context") {
		return nil, nil
	}
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)

	stores := make(map[refs.Key][]store)
	var order []refs.Key
	called := make(map[refs.Key]bool)
	other := make(map[refs.Key]bool)

	// The stores of WithCancel's (or WithTimeout's, WithDeadline's)
	// second result into a field or package variable: directly, or
	// through a local variable that is used for nothing else.
	add := func(lhs ast.Expr) {
		k := refs.KeyOf(refs.Of(info, lhs))
		if !tracked(pass, k) {
			return
		}
		if _, ok := stores[k]; !ok {
			order = append(order, k)
		}
		stores[k] = append(stores[k], store{at: lhs, name: types.ExprString(lhs)})
	}
	locals := make(map[*types.Var]bool) // cancel, from ctx, cancel := context.WithCancel(…)
	for n := range ins.PreorderSeq((*ast.AssignStmt)(nil)) {
		as := n.(*ast.AssignStmt)
		if len(as.Lhs) == 2 && len(as.Rhs) == 1 && withCancel(info, as.Rhs[0]) {
			if id, ok := as.Lhs[1].(*ast.Ident); ok {
				if v, ok := info.ObjectOf(id).(*types.Var); ok && v.Parent() != pass.Pkg.Scope() {
					locals[v] = true
					continue
				}
			}
			add(as.Lhs[1])
		}
	}
	for n := range ins.PreorderSeq((*ast.AssignStmt)(nil)) {
		as := n.(*ast.AssignStmt)
		if len(as.Lhs) != len(as.Rhs) {
			continue
		}
		for i, rhs := range as.Rhs {
			if id, ok := ast.Unparen(rhs).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && locals[v] && onlyStored(info, ins, v) {
					add(as.Lhs[i])
				}
			}
		}
	}
	checkDropped(pass, ins)
	if len(stores) == 0 {
		return nil, nil
	}

	// Every other use of those fields and variables, under their own
	// keys or those of the structs held by value along their paths.
	watched := make(map[refs.Key]bool)
	for k := range stores {
		watched[k] = true
		for _, inner := range k.Inner() {
			watched[inner] = true
		}
	}
	for cur := range ins.Root().Preorder((*ast.Ident)(nil), (*ast.SelectorExpr)(nil)) {
		e := cur.Node().(ast.Expr)
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == e {
			continue // judged as the whole selector
		}
		k := refs.KeyOf(refs.Of(info, e))
		if !watched[k] {
			continue
		}
		switch p := cur.Parent().Node().(type) {
		case *ast.CallExpr:
			if ast.Unparen(p.Fun) == e {
				called[k] = true
				continue
			}
		case *ast.AssignStmt:
			if isLHS(p, e) {
				continue // a store: judged above, or a reset to nil
			}
		case *ast.BinaryExpr:
			continue // s.cancel != nil
		case *ast.ValueSpec, *ast.Field:
			continue
		case *ast.KeyValueExpr:
			if p.Key == e {
				other[k] = true // set in a literal: from where, not followed
				continue
			}
		}
		other[k] = true
	}

	usedAs := func(k refs.Key, uses map[refs.Key]bool) bool {
		if uses[k] {
			return true
		}
		// A field of a struct held by value, called by that struct's
		// own methods (an embedded base type's close).
		for _, inner := range k.Inner() {
			if uses[inner] {
				return true
			}
		}
		return false
	}
	for _, k := range order {
		if usedAs(k, called) || usedAs(k, other) {
			continue
		}
		s := stores[k][0]
		pass.Report(analysis.Diagnostic{
			Pos:      s.at.Pos(),
			End:      s.at.End(),
			Category: "cancelfield",
			Message: fmt.Sprintf("the cancel function stored in %s is never called by any code of this package: the context (and its timer, for a timeout) lives until its parent is cancelled; call %s() where its work ends or its owner shuts down",
				s.name, s.name),
		})
	}
	return nil, nil
}

// onlyStored reports whether every use of the local v is the right-hand
// side of an assignment: it is kept elsewhere, never called itself.
func onlyStored(info *types.Info, ins *inspector.Inspector, v *types.Var) bool {
	for cur := range ins.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		if info.Uses[id] != v {
			continue
		}
		as, ok := cur.Parent().Node().(*ast.AssignStmt)
		if !ok || isLHS(as, id) {
			return false
		}
	}
	return true
}

// withCancel reports whether e calls a context function that returns a
// context and its cancel function.
func withCancel(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
		return false
	}
	switch fn.Name() {
	case "WithCancel", "WithTimeout", "WithDeadline", "WithCancelCause", "WithTimeoutCause", "WithDeadlineCause":
		return true
	}
	return false
}

// tracked reports whether k is an unexported field or package variable of
// this package: code elsewhere cannot call it.
func tracked(pass *analysis.Pass, k refs.Key) bool {
	switch {
	case k.Owner != nil:
		return k.Owner.Pkg() == pass.Pkg && !k.Exported()
	case k.Var != nil:
		return k.Var.Pkg() == pass.Pkg && k.Var.Parent() == pass.Pkg.Scope() && !k.Var.Exported()
	}
	return false
}

func isLHS(as *ast.AssignStmt, e ast.Expr) bool {
	for _, l := range as.Lhs {
		if l == e {
			return true
		}
	}
	return false
}
