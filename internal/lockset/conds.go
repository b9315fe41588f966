package lockset

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
)

// Lockers records the mutex each sync.Cond of a package was made with by
// sync.NewCond, so that a Cond.Wait can be matched with the lock it
// releases.
type Lockers struct {
	vars   map[refs.Ref]refs.Ref // cond := sync.NewCond(&mu)
	fields map[fieldKey]string   // x.cond = sync.NewCond(&x.mu): path of the mutex below x
}

type fieldKey struct {
	owner *types.TypeName
	path  string
}

// IndexNewCond finds the sync.NewCond(&mu) calls of a package.
func IndexNewCond(info *types.Info, ins *inspector.Inspector) Lockers {
	l := Lockers{vars: make(map[refs.Ref]refs.Ref), fields: make(map[fieldKey]string)}
	record := func(lhs ast.Expr, rhs ast.Expr) {
		call, ok := ast.Unparen(rhs).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return
		}
		fn, ok := typeutil.Callee(info, call).(*types.Func)
		if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "sync" || fn.Name() != "NewCond" {
			return
		}
		if !syncops.IsMutex(info.TypeOf(call.Args[0])) {
			return // a Locker of another kind: RLocker(), a wrapper
		}
		c, m := refs.Of(info, lhs), refs.Of(info, call.Args[0])
		if !c.Valid() || !m.Valid() {
			return
		}
		if c.Path != "" && c.Root == m.Root {
			if owner := ownerType(c.Root.Type()); owner != nil {
				l.fields[fieldKey{owner, c.Path}] = m.Path
			}
			return
		}
		l.vars[c] = m
	}
	for n := range ins.PreorderSeq((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i := range n.Lhs {
					record(n.Lhs[i], n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i := range n.Names {
					record(n.Names[i], n.Values[i])
				}
			}
		}
	}
	return l
}

// Of returns the mutex that the Cond cond was made with, if known.
func (l Lockers) Of(cond refs.Ref) refs.Ref {
	if m, ok := l.vars[cond]; ok {
		return m
	}
	if cond.Path != "" {
		if owner := ownerType(cond.Root.Type()); owner != nil {
			if p, ok := l.fields[fieldKey{owner, cond.Path}]; ok {
				return refs.Ref{Root: cond.Root, Path: p}
			}
		}
	}
	return refs.Ref{}
}

func ownerType(t types.Type) *types.TypeName {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}
