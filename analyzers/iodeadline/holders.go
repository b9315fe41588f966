package iodeadline

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
)

// A value is one thing stored in a holder: the expression assigned, and
// which of its results when it is a call returning several
// (req, err := http.NewRequest(...) stores result 0 of the call).
type value struct {
	expr  ast.Expr
	index int
}

// A holder is a variable or struct field that keeps a client, a server, a
// connection, a request or a context, with everything this package does
// with it. Only what the package can see is known: an exported field or
// package variable, a parameter, or a value passed anywhere else may be
// changed by code the analysis does not read, so such holders are opaque.
type holder struct {
	values  []value
	opaque  bool               // assigned from somewhere unseen (a parameter, a range, another package)
	escaped bool               // handed to code that may configure it
	set     map[string]bool    // fields assigned through the holder: srv.ReadTimeout = ...
	calls   []methodCall       // methods called on the holder, in source order
	args    []inspector.Cursor // calls the holder is passed to as an argument, when not an escape
}

// A methodCall is a call of a method on a holder, and the function body it
// sits in (a function literal is a body of its own: another goroutine,
// perhaps).
type methodCall struct {
	call *ast.CallExpr
	name string
	body ast.Node
	cur  inspector.Cursor
}

// holders collects the holders of the tracked types in the package's
// files, in one pass. keep reports whether a variable's type is tracked;
// passThrough reports whether a call receiving a holder as an argument
// leaves it unconfigured (bufio.NewReader(conn) cannot set a deadline).
func holders(info *types.Info, pkg *types.Package, root inspector.Cursor, keep func(*types.Var) bool, passThrough func(*ast.CallExpr) bool) map[*types.Var]*holder {
	hs := make(map[*types.Var]*holder)
	get := func(v *types.Var) *holder {
		h := hs[v]
		if h == nil {
			h = &holder{set: make(map[string]bool)}
			// Code in other packages may assign an exported field or
			// variable; a parameter comes from the callers.
			if v.Pkg() != pkg || v.Exported() && (v.IsField() || v.Parent() == pkg.Scope()) {
				h.opaque, h.escaped = true, true
			}
			hs[v] = h
		}
		return h
	}

	for cur := range root.Preorder((*ast.Ident)(nil), (*ast.CompositeLit)(nil), (*ast.FuncType)(nil), (*ast.RangeStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncType:
			// Parameters and results come from elsewhere.
			for _, list := range []*ast.FieldList{n.Params, n.Results} {
				if list == nil {
					continue
				}
				for _, f := range list.List {
					for _, name := range f.Names {
						if v, ok := info.Defs[name].(*types.Var); ok && keep(v) {
							get(v).opaque = true
						}
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if id, ok := e.(*ast.Ident); ok {
					if v, ok := info.ObjectOf(id).(*types.Var); ok && keep(v) {
						get(v).opaque = true
					}
				}
			}
		case *ast.CompositeLit:
			// T{a, b}: positional fields get values the analysis does
			// not attribute; keyed fields are handled at their key.
			st, ok := typeOf(info, n).Underlying().(*types.Struct)
			if !ok || len(n.Elts) == 0 {
				continue
			}
			if _, keyed := n.Elts[0].(*ast.KeyValueExpr); keyed {
				continue
			}
			for i := 0; i < st.NumFields(); i++ {
				if f := st.Field(i); keep(f) {
					get(f).opaque = true
				}
			}
		case *ast.Ident:
			v, ok := info.ObjectOf(n).(*types.Var)
			if !ok || !keep(v) {
				continue
			}
			use(info, get(v), cur, passThrough)
		}
	}
	return hs
}

// use records what the code does with the holder at one of its names.
func use(info *types.Info, h *holder, cur inspector.Cursor, passThrough func(*ast.CallExpr) bool) {
	id := cur.Node().(*ast.Ident)
	// The holder's expression: the identifier, or x.f when the identifier
	// is the field's name.
	expr := ast.Expr(id)
	if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == id {
		expr, cur = sel, cur.Parent()
	}
	if kv, ok := cur.Parent().Node().(*ast.KeyValueExpr); ok && kv.Key == expr {
		if _, isLit := cur.Parent().Parent().Node().(*ast.CompositeLit); isLit {
			h.values = append(h.values, value{kv.Value, 0})
			return
		}
	}
	for {
		if _, ok := cur.Parent().Node().(*ast.ParenExpr); !ok {
			break
		}
		cur = cur.Parent()
	}
	switch p := cur.Parent().Node().(type) {
	case *ast.Field:
		// The declaration of a field or parameter.
	case *ast.AssignStmt:
		for i, lhs := range p.Lhs {
			if ast.Unparen(lhs) != expr {
				continue
			}
			switch {
			case p.Tok != token.ASSIGN && p.Tok != token.DEFINE:
				h.opaque = true
			case len(p.Rhs) == len(p.Lhs):
				h.values = append(h.values, value{p.Rhs[i], 0})
			case len(p.Rhs) == 1:
				h.values = append(h.values, value{p.Rhs[0], i})
			}
			return
		}
		h.escaped = true // on the right: copied into another variable
	case *ast.ValueSpec:
		for i, name := range p.Names {
			if name != id {
				continue
			}
			switch {
			case len(p.Values) == 0:
				h.values = append(h.values, value{nil, 0}) // the zero value
			case len(p.Values) == len(p.Names):
				h.values = append(h.values, value{p.Values[i], 0})
			case len(p.Values) == 1:
				h.values = append(h.values, value{p.Values[0], i})
			}
			return
		}
		h.escaped = true
	case *ast.SelectorExpr:
		sel, _ := info.Selections[p]
		if sel == nil {
			h.escaped = true
			return
		}
		switch sel.Kind() {
		case types.MethodVal:
			if call, ok := cur.Parent().Parent().Node().(*ast.CallExpr); ok && call.Fun == p {
				h.calls = append(h.calls, methodCall{call: call, name: p.Sel.Name, body: enclosingBody(cur), cur: cur.Parent().Parent()})
				return
			}
			h.escaped = true // a method value may be called anywhere
		case types.FieldVal:
			if assigned(cur.Parent()) {
				h.set[p.Sel.Name] = true
			}
		}
	case *ast.BinaryExpr:
		if p.Op != token.EQL && p.Op != token.NEQ {
			h.escaped = true
		}
	case *ast.CallExpr:
		if p.Fun != expr && passThrough(p) {
			h.args = append(h.args, cur.Parent())
			return
		}
		h.escaped = true
	default:
		h.escaped = true
	}
}

// assigned reports whether the field selection at cur, or a selection or
// index below it (srv.TLSConfig.MinVersion), is assigned or has its address
// taken.
func assigned(cur inspector.Cursor) bool {
	for {
		switch p := cur.Parent().Node().(type) {
		case *ast.SelectorExpr, *ast.IndexExpr, *ast.ParenExpr:
			cur = cur.Parent()
			continue
		case *ast.AssignStmt:
			for _, lhs := range p.Lhs {
				if lhs == cur.Node() {
					return true
				}
			}
			return false
		case *ast.IncDecStmt:
			return true
		case *ast.UnaryExpr:
			return p.Op == token.AND
		}
		return false
	}
}

// enclosingBody returns the innermost function declaration or literal
// around cur.
func enclosingBody(cur inspector.Cursor) ast.Node {
	for c := cur.Parent(); c.Node() != nil; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return c.Node()
		}
	}
	return nil
}

func typeOf(info *types.Info, e ast.Expr) types.Type {
	if t := info.TypeOf(e); t != nil {
		return t
	}
	return types.Typ[types.Invalid]
}
