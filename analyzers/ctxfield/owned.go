package ctxfield

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/files"
)

// ownedContexts returns the context fields that hold their struct's own
// lifetime rather than a caller's context: every value the package stores
// in the field is made by context.WithCancel (or WithTimeout, WithDeadline,
// their Cause forms) together with a cancel function that the package
// stores in a field of the same struct and calls somewhere (in Close or
// Stop, typically):
//
//	s.ctx, s.cancel = context.WithCancel(context.Background())
//	...
//	func (s *Server) Close() { s.cancel() }
//
// That is how a long-lived object implements Close; the context is not a
// caller's, so it is not what the context package warns about.
func ownedContexts(pass *analysis.Pass, root inspector.Cursor) map[*types.Var]bool {
	info := pass.TypesInfo
	fieldOf := func(e ast.Expr) *types.Var {
		switch e := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if v, ok := info.ObjectOf(e.Sel).(*types.Var); ok && v.IsField() && v.Pkg() == pass.Pkg {
				return v
			}
		case *ast.Ident: // a key of a struct literal
			if v, ok := info.ObjectOf(e).(*types.Var); ok && v.IsField() && v.Pkg() == pass.Pkg {
				return v
			}
		}
		return nil
	}
	localOf := func(e ast.Expr) *types.Var {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.ObjectOf(id).(*types.Var); ok && !v.IsField() && v.Parent() != nil && v.Parent() != v.Pkg().Scope() {
				return v
			}
		}
		return nil
	}

	// What the package stores in each field, which local variables a
	// With* call defines together (ctx, cancel := context.WithCancel(p)),
	// and which fields it calls.
	type store struct {
		field, value ast.Expr
		lit          *ast.CompositeLit // the literal of a keyed store
	}
	var stores []store
	pairs := make(map[*types.Var]*types.Var) // local ctx -> local cancel, from one With* call
	pairCalls := 0
	fieldPairs := make(map[*types.Var][]*types.Var) // ctx field -> cancel fields assigned with it from a With* call
	called := make(map[*types.Var]bool)
	for cur := range root.Preorder((*ast.AssignStmt)(nil), (*ast.KeyValueExpr)(nil), (*ast.CallExpr)(nil)) {
		if files.IsTest(pass, cur.Node().Pos()) {
			continue // tests build objects around contexts of their own
		}
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == 2 && len(n.Rhs) == 1 {
				if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok && withCancel(info, call) {
					pairCalls++
					if ctxF, cancelF := fieldOf(n.Lhs[0]), fieldOf(n.Lhs[1]); ctxF != nil {
						if cancelF != nil {
							fieldPairs[ctxF] = append(fieldPairs[ctxF], cancelF)
						}
						stores = append(stores, store{n.Lhs[0], nil, nil}) // paired, resolved through fieldPairs
						continue
					}
					if ctxL, cancelL := localOf(n.Lhs[0]), localOf(n.Lhs[1]); ctxL != nil && cancelL != nil {
						pairs[ctxL] = cancelL
					}
					continue
				}
			}
			if len(n.Lhs) != len(n.Rhs) {
				for _, lhs := range n.Lhs {
					if fieldOf(lhs) != nil {
						stores = append(stores, store{lhs, lhs, nil}) // from an unknown call: never owned
					}
				}
				continue
			}
			for i, lhs := range n.Lhs {
				if _, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && fieldOf(lhs) != nil {
					stores = append(stores, store{lhs, n.Rhs[i], nil})
				}
			}
		case *ast.KeyValueExpr:
			if lit, ok := cur.Parent().Node().(*ast.CompositeLit); ok {
				if _, ok := n.Key.(*ast.Ident); ok && fieldOf(n.Key) != nil {
					stores = append(stores, store{n.Key, n.Value, lit})
				}
			}
		case *ast.CallExpr:
			if f := fieldOf(n.Fun); f != nil {
				called[f] = true
			}
		}
	}
	if pairCalls == 0 {
		return nil
	}
	// The fields each keyed literal sets: a literal that sets a context
	// and the function that cancels it hands the struct its lifetime
	// (&fetchManager{ctx: ctx, cancel: cancel}), wherever the pair was made.
	litFields := make(map[*ast.CompositeLit][]*types.Var)
	for _, s := range stores {
		if s.lit != nil {
			litFields[s.lit] = append(litFields[s.lit], fieldOf(s.field))
		}
	}

	// Which fields each local cancel function is stored in.
	cancelFields := make(map[*types.Var][]*types.Var)
	for _, s := range stores {
		if l := localOf(s.value); l != nil {
			cancelFields[l] = append(cancelFields[l], fieldOf(s.field))
		}
	}
	// A cancel field counts when it is called, in the same struct.
	cancels := func(ctxField *types.Var, candidates []*types.Var) bool {
		for _, f := range candidates {
			if called[f] && sameStruct(ctxField, f) {
				return true
			}
		}
		return false
	}

	owned := make(map[*types.Var]bool)
	spoiled := make(map[*types.Var]bool)
	for _, s := range stores {
		f := fieldOf(s.field)
		if !isContextField(f) {
			continue
		}
		switch {
		case s.value == nil: // s.ctx, s.cancel = context.WithCancel(...)
			if cancels(f, fieldPairs[f]) {
				owned[f] = true
			} else {
				spoiled[f] = true
			}
		default:
			l := localOf(s.value)
			if cancelL, ok := pairs[l]; l != nil && ok && cancels(f, cancelFields[cancelL]) {
				owned[f] = true
			} else if s.lit != nil && cancels(f, cancelFuncs(litFields[s.lit])) {
				owned[f] = true
			} else {
				spoiled[f] = true // a caller's context, or one we cannot trace
			}
		}
	}
	for f := range spoiled {
		delete(owned, f)
	}
	return owned
}

// cancelFuncs returns the fields among fields whose type is a function
// taking at most an error and returning nothing: context.CancelFunc,
// CancelCauseFunc, or a plain func().
func cancelFuncs(fields []*types.Var) []*types.Var {
	var out []*types.Var
	for _, f := range fields {
		sig, ok := f.Type().Underlying().(*types.Signature)
		if !ok || sig.Results().Len() != 0 || sig.Params().Len() > 1 {
			continue
		}
		if sig.Params().Len() == 1 && !types.Identical(sig.Params().At(0).Type(), types.Universe.Lookup("error").Type()) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// withCancel reports whether call is context.WithCancel, WithCancelCause,
// WithTimeout, WithTimeoutCause, WithDeadline or WithDeadlineCause: a new
// context and the function that cancels it.
func withCancel(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "context" {
		return false
	}
	switch fn.Name() {
	case "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline", "WithDeadlineCause":
		return true
	}
	return false
}

func isContextField(v *types.Var) bool {
	if v == nil {
		return false
	}
	n, ok := types.Unalias(v.Type()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

// sameStruct reports whether fields a and b belong to one struct type
// declared at package level (a cancel function kept elsewhere does not
// tell this struct's story).
func sameStruct(a, b *types.Var) bool {
	scope := a.Pkg().Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		var hasA, hasB bool
		for i := 0; i < st.NumFields(); i++ {
			hasA = hasA || st.Field(i) == a
			hasB = hasB || st.Field(i) == b
		}
		if hasA && hasB {
			return true
		}
	}
	return false
}
