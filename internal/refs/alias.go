package refs

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Aliases maps local variables that hold one value for their whole life to
// the expression they were initialized with: a second name for storage
// (m := &s.mu), a method value (lock := s.mu.Lock), or a concrete value
// behind an interface (var l sync.Locker = s). What is done through such a
// variable is done to what the expression names.
type Aliases map[*types.Var]ast.Expr

// IndexAliases finds the aliases of the functions in files. A variable is
// an alias when it is declared with its value and never assigned again nor
// has its address taken, and when the variables its value is made of are
// not assigned either (m := &s.mu names another mutex once s changes).
func IndexAliases(info *types.Info, files []*ast.File) Aliases {
	candidates := make(map[*types.Var]ast.Expr)
	assigned := make(map[*types.Var]bool)  // assigned after its declaration
	addressed := make(map[*types.Var]bool) // &v: it may be assigned through the pointer
	isLocal := func(v *types.Var) bool {
		return v.Pkg() != nil && v.Parent() != nil && v.Parent() != v.Pkg().Scope() && !v.IsField()
	}
	mark := func(set map[*types.Var]bool, lhs ast.Expr) {
		if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				set[v] = true
			}
		}
	}
	note := func(lhs ast.Expr) { mark(assigned, lhs) }
	declare := func(id *ast.Ident, value ast.Expr) {
		v, ok := info.Defs[id].(*types.Var)
		if !ok || !isLocal(v) {
			return
		}
		if aliasable(info, value) {
			candidates[v] = value
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
					for i, lhs := range n.Lhs {
						if id, ok := lhs.(*ast.Ident); ok && info.Defs[id] != nil {
							declare(id, n.Rhs[i])
							continue
						}
						note(lhs)
					}
					return true
				}
				for _, lhs := range n.Lhs {
					note(lhs)
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, id := range n.Names {
						declare(id, n.Values[i])
					}
				}
			case *ast.IncDecStmt:
				note(n.X)
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					note(n.Key)
					note(n.Value)
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					mark(addressed, n.X)
				}
			}
			return true
		})
	}
	out := make(Aliases)
	for v, value := range candidates {
		if assigned[v] || addressed[v] {
			continue
		}
		stable := true
		ast.Inspect(value, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if w, ok := info.Uses[id].(*types.Var); ok && !w.IsField() && assigned[w] {
					stable = false
				}
			}
			return stable
		})
		if stable {
			out[v] = value
		}
	}
	return out
}

// aliasable reports whether value, the initial value of a variable, is a
// name for something the variable then stands for: the address of a
// variable or field path, a pointer-typed variable or field path, a method
// value on one, or a variable or field path assigned to an interface.
func aliasable(info *types.Info, value ast.Expr) bool {
	value = ast.Unparen(value)
	switch e := value.(type) {
	case *ast.UnaryExpr:
		return e.Op == token.AND && Of(info, e.X).Valid() && isChain(e.X)
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok && sel.Kind() == types.MethodVal {
			return Of(info, e.X).Valid() && isChain(e.X)
		}
	}
	if !isChain(value) || !Of(info, value).Valid() {
		return false
	}
	switch info.TypeOf(value).Underlying().(type) {
	case *types.Pointer:
		return true
	}
	return false
}

// isChain reports whether e is a variable or a field path below one, with
// no call, index or dereference that could name other storage on another
// evaluation.
func isChain(e ast.Expr) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return true
		case *ast.SelectorExpr:
			e = x.X
		default:
			return false
		}
	}
}

// Resolve returns r with its root replaced by what the root aliases, when
// it is an alias of storage: m.x for m := &s.mu is s.mu.x.
func (a Aliases) Resolve(info *types.Info, r Ref) Ref {
	for range 8 { // an alias of an alias, bounded
		v, ok := r.Root.(*types.Var)
		if !ok {
			return r
		}
		value, ok := a[v]
		if !ok {
			return r
		}
		value = ast.Unparen(value)
		if u, ok := value.(*ast.UnaryExpr); ok {
			value = u.X
		}
		if sel, ok := value.(*ast.SelectorExpr); ok {
			if s, ok := info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				return r // a method value, not storage
			}
		}
		base := Of(info, value)
		if !base.Valid() {
			return r
		}
		r = Ref{Root: base.Root, Path: base.Path + r.Path}
	}
	return r
}
