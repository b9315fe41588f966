package cancelfield

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/refs"
)

// A keep is a cancel function stored in a field of a value that the
// function itself made: v := &T{cancel: cancel}, or v.cancel = cancel
// (v.ctx, v.cancel = context.WithCancel(…)) after v := &T{…}.
type keep struct {
	stmt   *ast.AssignStmt // where it is stored
	at     ast.Expr        // the field, or the literal's key
	owner  *types.Var      // v
	cancel *types.Var      // the local cancel variable stored, if any
	field  string          // v.cancel, as written
}

// checkDropped reports the cancel functions stored in a field of a value
// that the function made, when some path returns without the value (an
// error return of a constructor) and without calling the cancel function
// or letting the value go anywhere first: nothing can call it any more,
// and the context lives until its parent is cancelled. go vet's lostcancel
// counts the store itself as a use of the local cancel variable, so this
// path is out of its sight.
func checkDropped(pass *analysis.Pass, ins *inspector.Inspector) {
	info := pass.TypesInfo
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var body *ast.BlockStmt
		var g *cfg.CFG
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			body, g = fn.Body, cfgs.FuncDecl(fn)
		case *ast.FuncLit:
			body, g = fn.Body, cfgs.FuncLit(fn)
		}
		if body == nil || g == nil {
			continue
		}
		for _, k := range keeps(pass, body) {
			if deferredUse(info, body, k) {
				continue // a deferred call may cancel on the error paths
			}
			if rets := droppedAt(info, g, k); len(rets) > 0 {
				lines := make([]string, len(rets))
				var related []analysis.RelatedInformation
				for i, ret := range rets {
					lines[i] = fmt.Sprint(pass.Fset.Position(ret.Pos()).Line)
					related = append(related, analysis.RelatedInformation{Pos: ret.Pos(), End: ret.End(), Message: fmt.Sprintf("this return drops %s with its cancel function uncalled", k.owner.Name())})
				}
				where := "the return at line " + lines[0] + " drops"
				if len(lines) > 1 {
					where = "the returns at lines " + strings.Join(lines, ", ") + " drop"
				}
				pass.Report(analysis.Diagnostic{
					Pos:      k.at.Pos(),
					End:      k.at.End(),
					Category: "cancelfield",
					Message: fmt.Sprintf("the cancel function stored in %s is lost when %s %s, which nothing else holds: the context (and its timer, for a timeout) lives until its parent is cancelled; call it before returning",
						k.field, where, k.owner.Name()),
					Related: related,
				})
			}
		}
	}
}

// keeps finds the cancel functions that body stores in a field of a value
// it made itself, in a local variable (not in its literals).
func keeps(pass *analysis.Pass, body *ast.BlockStmt) []keep {
	info := pass.TypesInfo
	made := make(map[*types.Var]bool)    // v := &T{…} or v := T{…}
	cancels := make(map[*types.Var]bool) // _, cancel := context.WithCancel(…)
	var out []keep
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		if len(as.Lhs) == 2 && len(as.Rhs) == 1 && withCancel(info, as.Rhs[0]) {
			if v := localVar(info, as.Lhs[1]); v != nil {
				cancels[v] = true
			} else if k, ok := fieldOfMade(pass, made, as.Lhs[1]); ok {
				k.stmt = as
				out = append(out, k)
			}
			return true
		}
		if len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, rhs := range as.Rhs {
			if v, ok := fresh(info, as.Tok, as.Lhs[i], rhs); ok {
				made[v] = true
				// Stored in the literal: v := &T{cancel: cancel}.
				lit, _ := ast.Unparen(rhs).(*ast.CompositeLit)
				if u, ok := ast.Unparen(rhs).(*ast.UnaryExpr); ok && u.Op == token.AND {
					lit, _ = ast.Unparen(u.X).(*ast.CompositeLit)
				}
				for _, elt := range lit.Elts {
					kv, ok := elt.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					key, _ := kv.Key.(*ast.Ident)
					c := localVar(info, kv.Value)
					if key == nil || c == nil || !cancels[c] {
						continue
					}
					if f, ok := info.Uses[key].(*types.Var); ok && f.IsField() && !f.Exported() && f.Pkg() == pass.Pkg {
						out = append(out, keep{stmt: as, at: kv.Key, owner: v, cancel: c, field: v.Name() + "." + key.Name})
					}
				}
				continue
			}
			if c := localVar(info, rhs); c != nil && cancels[c] {
				if k, ok := fieldOfMade(pass, made, as.Lhs[i]); ok {
					k.stmt, k.cancel = as, c
					out = append(out, k)
				}
			}
		}
		return true
	})
	return out
}

// fresh reports whether lhs := rhs declares a local variable holding a
// struct literal, or a pointer to one, that the function makes here.
func fresh(info *types.Info, tok token.Token, lhs, rhs ast.Expr) (*types.Var, bool) {
	if tok != token.DEFINE {
		return nil, false
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := info.Defs[id].(*types.Var)
	if !ok {
		return nil, false
	}
	e := ast.Unparen(rhs)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	_, ok = e.(*ast.CompositeLit)
	return v, ok
}

// localVar returns the local variable e names, if it is one.
func localVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.ObjectOf(id).(*types.Var)
	if !ok || v.IsField() || v.Pkg() == nil || v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return v
}

// fieldOfMade returns the keep for lhs when it is v.f, an unexported field
// of this package, of a value v that the function made.
func fieldOfMade(pass *analysis.Pass, made map[*types.Var]bool, lhs ast.Expr) (keep, bool) {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok {
		return keep{}, false
	}
	v := localVar(pass.TypesInfo, sel.X)
	f, ok := pass.TypesInfo.ObjectOf(sel.Sel).(*types.Var)
	if v == nil || !made[v] || !ok || !f.IsField() || f.Exported() || f.Pkg() != pass.Pkg {
		return keep{}, false
	}
	return keep{at: lhs, owner: v, field: types.ExprString(lhs)}, true
}

// deferredUse reports whether a defer statement of body, wherever it is,
// mentions the value or the local cancel variable of k.
func deferredUse(info *types.Info, body *ast.BlockStmt, k keep) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if d, ok := n.(*ast.DeferStmt); ok {
			ast.Inspect(d, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok {
					if o := info.Uses[id]; o == k.owner || (k.cancel != nil && o == k.cancel) {
						found = true
					}
				}
				return !found
			})
		}
		return !found
	})
	return found
}

// droppedAt returns the returns of g, in source order, that a path from
// k's store reaches while
// the value and the cancel function are nowhere else: no node on the way
// mentions the value otherwise than by one of its fields (a method call,
// passing it, storing it, returning it all hand it on), nor the local
// cancel variable, nor any defer.
func droppedAt(info *types.Info, g *cfg.CFG, k keep) []*ast.ReturnStmt {
	var start *cfg.Block
	at := -1
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == k.stmt {
				start, at = b, i
			}
		}
	}
	if start == nil {
		return nil
	}
	handsOn := func(n ast.Node) bool {
		if _, ok := n.(*ast.DeferStmt); ok {
			return true
		}
		found := false
		visit := func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && info.Uses[id] == k.owner {
					if f, ok := info.ObjectOf(n.Sel).(*types.Var); ok && f.IsField() && refs.Of(info, n).Valid() {
						return false // a field of it: read or written
					}
				}
			case *ast.Ident:
				if o := info.Uses[n]; o == k.owner || (k.cancel != nil && o == k.cancel) {
					found = true
				}
			}
			return true
		}
		ast.Inspect(n, visit)
		return found
	}
	seen := make(map[*cfg.Block]bool)
	var out []*ast.ReturnStmt
	var walk func(b *cfg.Block, from int)
	walk = func(b *cfg.Block, from int) {
		for _, n := range b.Nodes[from:] {
			if handsOn(n) {
				return
			}
			if ret, ok := n.(*ast.ReturnStmt); ok {
				out = append(out, ret)
				return
			}
		}
		if !b.Live {
			return
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				walk(s, 0)
			}
		}
	}
	walk(start, at+1)
	slices.SortFunc(out, func(a, b *ast.ReturnStmt) int { return cmp.Compare(a.Pos(), b.Pos()) })
	return out
}
