// Package chans recognizes channel operations, in syntax and in SSA form,
// for the analyzers that reason about who makes, sends on, receives from and
// closes a channel.
package chans

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/concvet/concvet/internal/refs"
)

// IsChan reports whether t is a channel type.
func IsChan(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// MayBeChan reports whether a value of type t may be a channel: t is a
// channel type, or a type parameter whose constraint admits one (lists a
// channel type, or a type it cannot see through). A type parameter
// constrained by methods alone (any) admits every type but cannot be used
// as a channel.
func MayBeChan(t types.Type) bool {
	if t == nil {
		return false
	}
	t = types.Unalias(t)
	tp, ok := t.(*types.TypeParam)
	if !ok {
		_, ok := t.Underlying().(*types.Chan)
		return ok
	}
	iface, ok := tp.Underlying().(*types.Interface)
	if !ok {
		return true
	}
	if iface.IsMethodSet() {
		return false
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		if admitsChan(iface.EmbeddedType(i)) {
			return true
		}
	}
	return false
}

// admitsChan reports whether a term of a constraint may be a channel.
func admitsChan(t types.Type) bool {
	t = types.Unalias(t)
	switch t := t.(type) {
	case *types.Union:
		for i := 0; i < t.Len(); i++ {
			if admitsChan(t.Term(i).Type()) {
				return true
			}
		}
		return false
	case *types.TypeParam:
		return MayBeChan(t)
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Interface:
		if u.IsMethodSet() {
			return false
		}
		for i := 0; i < u.NumEmbeddeds(); i++ {
			if admitsChan(u.EmbeddedType(i)) {
				return true
			}
		}
		return false
	}
	return false
}

// Used reports whether any expression of the package has a channel type.
// Packages without one have nothing for the channel analyzers to say, and
// no facts to export: a call of an imported helper on a channel names the
// channel, whose type is a channel type.
func Used(pass *analysis.Pass) bool {
	for _, tv := range pass.TypesInfo.Types {
		if IsChan(tv.Type) {
			return true
		}
	}
	return false
}

// IsClose reports whether call is a call of the builtin close.
func IsClose(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "close"
}

// ClosedBy returns the channel that the SSA instruction closes, if it is a
// call or a deferred call of the builtin close, and nil otherwise.
func ClosedBy(instr ssa.Instruction) ssa.Value {
	call, ok := instr.(ssa.CallInstruction)
	if !ok {
		return nil
	}
	if _, ok := instr.(*ssa.Go); ok {
		return nil
	}
	c := call.Common()
	if b, ok := c.Value.(*ssa.Builtin); ok && b.Name() == "close" && len(c.Args) == 1 {
		return c.Args[0]
	}
	return nil
}

// IsSignal reports whether t is a channel whose elements carry no data
// (chan struct{}): it is closed to broadcast an event, and nobody sends on
// it, so "only the sender closes" does not apply to it.
func IsSignal(t types.Type) bool {
	if t == nil {
		return false
	}
	ch, ok := t.Underlying().(*types.Chan)
	if !ok {
		return false
	}
	switch e := ch.Elem().Underlying().(type) {
	case *types.Struct:
		return e.NumFields() == 0
	case *types.Array:
		return e.Len() == 0
	}
	return false
}

// RefType returns the type of the variable or field that r names, or nil.
func RefType(r refs.Ref) types.Type {
	if !r.Valid() {
		return nil
	}
	t := r.Root.Type()
	for _, name := range strings.Split(r.Path, ".")[1:] {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		var field *types.Var
		for i := 0; i < st.NumFields(); i++ {
			if st.Field(i).Name() == name {
				field = st.Field(i)
			}
		}
		if field == nil {
			return nil
		}
		t = field.Type()
	}
	return t
}

// CommRecv returns the receive of a select case's communication (<-ch,
// v := <-ch, v, ok = <-ch), or nil for a send or a default.
func CommRecv(comm ast.Stmt) *ast.UnaryExpr {
	var x ast.Expr
	switch c := comm.(type) {
	case *ast.ExprStmt:
		x = c.X
	case *ast.AssignStmt:
		if len(c.Rhs) == 1 {
			x = c.Rhs[0]
		}
	}
	if recv, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && recv.Op == token.ARROW {
		return recv
	}
	return nil
}
