// Package refs gives syntactic references to variables and their fields a
// canonical form, so that two expressions naming the same WaitGroup, mutex,
// channel or timer can be compared, and so that a function's summary can speak
// of "field f of parameter 1" and be mapped onto the arguments of a call.
package refs

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// A Ref names a variable, or a field path below it: wg, s.wg, s.inner.wg.
// Address-of, dereference and parentheses are ignored: &wg, *p and (p) name
// the same storage as wg and p for the questions concvet asks.
type Ref struct {
	Root types.Object // a *types.Var: local, parameter, receiver, captured or package-level
	Path string       // field path below Root, each element prefixed by '.'; "" for Root itself
}

func (r Ref) String() string { return r.Root.Name() + r.Path }

// Valid reports whether r names anything.
func (r Ref) Valid() bool { return r.Root != nil }

// Contains reports whether the storage r names includes that of inner: r is
// inner itself or a value one of whose fields, at any depth, is inner.
func (r Ref) Contains(inner Ref) bool {
	if !r.Valid() || r.Root != inner.Root {
		return false
	}
	return r.Path == inner.Path || strings.HasPrefix(inner.Path, r.Path+".")
}

// Of returns the canonical reference for expr, or an invalid Ref when expr is
// not a variable or a field path below one (a call result, an index
// expression, a map element: things whose identity the analysis cannot track).
func Of(info *types.Info, expr ast.Expr) Ref {
	var path []string
	for {
		switch e := expr.(type) {
		case *ast.ParenExpr:
			expr = e.X
		case *ast.StarExpr:
			expr = e.X
		case *ast.UnaryExpr:
			if e.Op != token.AND {
				return Ref{}
			}
			expr = e.X
		case *ast.SelectorExpr:
			sel, ok := info.Selections[e]
			if !ok {
				// A qualified identifier: pkg.Var.
				if v, ok := info.Uses[e.Sel].(*types.Var); ok {
					return Ref{Root: v, Path: join(path)}
				}
				return Ref{}
			}
			if sel.Kind() != types.FieldVal {
				return Ref{}
			}
			path = append(path, fieldPath(sel.Recv(), sel.Index())...)
			expr = e.X
		case *ast.Ident:
			v, ok := info.ObjectOf(e).(*types.Var)
			if !ok {
				return Ref{}
			}
			return Ref{Root: v, Path: join(path)}
		default:
			return Ref{}
		}
	}
}

// Embedded returns r extended by the embedded fields that a promoted method
// selection walks through (s.Add where s embeds sync.WaitGroup).
func Embedded(r Ref, sel *types.Selection) Ref {
	idx := sel.Index()
	if len(idx) <= 1 {
		return r
	}
	p := fieldPath(sel.Recv(), idx[:len(idx)-1])
	// fieldPath returns elements outermost-last, for the reverse walk of Of.
	for i := len(p) - 1; i >= 0; i-- {
		r.Path += "." + p[i]
	}
	return r
}

// fieldPath returns the names of the fields that index walks through from
// recv, innermost (last selected) first, matching the order in which Of
// collects them.
func fieldPath(recv types.Type, index []int) []string {
	names := make([]string, 0, len(index))
	t := recv
	for _, i := range index {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			break
		}
		f := st.Field(i)
		names = append(names, f.Name())
		t = f.Type()
	}
	// Reverse: Of walks from the outside in and joins in reverse.
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	return names
}

func join(rev []string) string {
	var b strings.Builder
	for i := len(rev) - 1; i >= 0; i-- {
		b.WriteByte('.')
		b.WriteString(rev[i])
	}
	return b.String()
}

func deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// A Param names a reference relative to a function's signature: field path
// Path below parameter Index, where Index -1 is the receiver. It is how a
// function summary, and a fact exported for it, speaks of the values a caller
// passes in.
type Param struct {
	Index int
	Path  string
}

// Key encodes p as a string, for use in gob-encoded facts.
func (p Param) Key() string { return strconv.Itoa(p.Index) + p.Path }

// ParseParam decodes a Key.
func ParseParam(key string) (Param, bool) {
	i := strings.IndexByte(key, '.')
	num, path := key, ""
	if i >= 0 {
		num, path = key[:i], key[i:]
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return Param{}, false
	}
	return Param{Index: n, Path: path}, true
}

// AsParam expresses r relative to sig, if r is rooted at one of its
// parameters or its receiver.
func AsParam(r Ref, sig *types.Signature) (Param, bool) {
	if recv := sig.Recv(); recv != nil && r.Root == recv {
		return Param{Index: -1, Path: r.Path}, true
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == r.Root {
			return Param{Index: i, Path: r.Path}, true
		}
	}
	return Param{}, false
}

// AtCall maps p, relative to the callee of call, onto the caller's
// expressions: the receiver expression recv (nil for a function call) or the
// call's arguments. It fails for variadic parameters and for arguments that
// are not references.
func AtCall(info *types.Info, p Param, recv ast.Expr, call *ast.CallExpr) Ref {
	var arg ast.Expr
	if p.Index < 0 {
		arg = recv
	} else if p.Index < len(call.Args) && !(call.Ellipsis.IsValid() && p.Index == len(call.Args)-1) {
		arg = call.Args[p.Index]
	}
	if arg == nil {
		return Ref{}
	}
	r := Of(info, arg)
	if !r.Valid() {
		return Ref{}
	}
	r.Path += p.Path
	return r
}

// DeclaredIn reports whether obj is declared inside node (a function
// literal or declaration: its parameters and locals).
func DeclaredIn(obj types.Object, node ast.Node) bool {
	return obj.Pos() >= node.Pos() && obj.Pos() < node.End()
}

// A Key names storage so that two functions agree on it: a variable, or a
// field path below a named type. s.ch in one method and c.ch in another are
// the same key, the field ch of the type, whatever the receiver is called:
// what the shared model needs to match a channel's sender with its
// receiver, or a mutex's holders, across the methods of a type.
type Key struct {
	Var   *types.Var      // a variable; nil for a field key
	Owner *types.TypeName // the named type that holds the field
	Path  string          // the field path below Owner, ".ch"
}

// Valid reports whether k names anything.
func (k Key) Valid() bool { return k.Var != nil || k.Owner != nil }

// String returns the key as a person reads it: ch, or T.ch.
func (k Key) String() string {
	if k.Var != nil {
		return k.Var.Name()
	}
	if k.Owner != nil {
		return k.Owner.Name() + k.Path
	}
	return ""
}

// KeyOf returns the key of the storage r names. A field path is keyed
// below the innermost object it goes through: a pointer to a named type
// starts a new object (p.server.mu, where server is a *Server, is the field
// mu of Server, the same key as s.mu in a method of Server), while a struct
// held by value is part of its owner (c.in.Mutex and c.out.Mutex, two
// halfConn values inside a Conn, keep two keys: Conn.in.Mutex and
// Conn.out.Mutex).
func KeyOf(r Ref) Key {
	v, ok := r.Root.(*types.Var)
	if !ok {
		return Key{}
	}
	if r.Path == "" {
		return Key{Var: v}
	}
	var k Key
	t := v.Type()
	names := strings.Split(r.Path, ".")[1:]
	for i, name := range names {
		ptr := false
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t, ptr = p.Elem(), true
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && (ptr || k.Owner == nil) {
			k = Key{Owner: n.Origin().Obj(), Path: "." + strings.Join(names[i:], ".")}
		}
		field := fieldNamed(t, name)
		if field == nil {
			break
		}
		t = field.Type()
	}
	return k
}

// fieldNamed returns the field name of the struct type t, or nil.
func fieldNamed(t types.Type, name string) *types.Var {
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for j := 0; j < st.NumFields(); j++ {
		if st.Field(j).Name() == name {
			return st.Field(j)
		}
	}
	return nil
}

// Inner returns the other keys of the storage k names, as the methods of
// the named struct types held by value along k's path see it: the field
// cancel of a watcherBase embedded in a Watcher is Watcher.watcherBase.cancel
// to the Watcher's methods and watcherBase.cancel to the watcherBase's own.
// KeyOf keeps the outer key, so that two values of one type inside one
// owner stay apart; a question that a use under either name answers asks
// about both.
func (k Key) Inner() []Key {
	if k.Owner == nil {
		return nil
	}
	var out []Key
	t := k.Owner.Type()
	names := strings.Split(k.Path, ".")[1:]
	for i, name := range names[:len(names)-1] {
		field := fieldNamed(t, name)
		if field == nil {
			break
		}
		t = field.Type()
		if _, isPtr := types.Unalias(t).(*types.Pointer); isPtr {
			break // KeyOf starts a new object there already
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			out = append(out, Key{Owner: n.Origin().Obj(), Path: "." + strings.Join(names[i+1:], ".")})
		}
	}
	return out
}

// Exported reports whether code in other packages can reach the storage k
// names by name: an exported package-level variable, or a field path whose
// last field is exported.
func (k Key) Exported() bool {
	switch {
	case k.Var != nil:
		return k.Var.Exported() && k.Var.Pkg() != nil && k.Var.Parent() == k.Var.Pkg().Scope()
	case k.Owner != nil:
		return token.IsExported(k.Path[strings.LastIndexByte(k.Path, '.')+1:])
	}
	return false
}
