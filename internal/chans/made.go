// This file foresees from syntax what Follow will find in SSA, for a test
// that must be cheap (no SSA) and sound: goleak's facts-only form decides
// with it whether a package's summaries can say that a function blocks
// forever before it builds SSA. Every answer over-approximates Follow's:
// a variable that Follow may track is among Made's, and a use that Made
// reports is one that Follow counts.

package chans

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// Made is the package's local variables that may hold a channel made in
// it, and what SSA shows done to the channel of those it can tell.
type Made struct {
	info *types.Info
	vars map[*types.Var]bool
	uses map[*types.Var]Use
}

// NewMade computes Made for the package of info, whose syntax ins walks
// and whose control-flow graphs cfgs holds.
func NewMade(info *types.Info, ins *inspector.Inspector, cfgs *ctrlflow.CFGs) *Made {
	m := &Made{info: info, vars: madeVars(info, ins)}
	m.uses = madeUses(info, ins, cfgs, m.vars)
	return m
}

// MayBeFollowed reports whether the channel operand e of an operation may
// be a value that Follow tracks from a make in the package. Follow tracks
// a made channel through local variables, closures and conversions, not
// through a field, an element, a package variable, a call's result or a
// received value (it escapes there), and not into a callee's parameters
// (values reached through a parameter are left out). So the operand must
// be, through parentheses and conversions, a local variable that may hold
// a made channel or what a pointer points to.
func (m *Made) MayBeFollowed(e ast.Expr) bool { return mayBeFollowed(m.info, m.vars, e) }

// Uses returns what SSA shows done to the channel of the made variable
// that e names, through parentheses and conversions: none of it, when
// that is not known.
func (m *Made) Uses(e ast.Expr) Use { return m.uses[localVar(m.info, e)] }

// mayBeFollowed is Made.MayBeFollowed over the made variables made.
func mayBeFollowed(info *types.Info, made map[*types.Var]bool, e ast.Expr) bool {
	switch e := stripConversions(info, e).(type) {
	case *ast.StarExpr:
		return true // *p, where p := new(chan T)
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		return ok && made[v]
	}
	return false
}

// madeVars returns the local variables of the package that may hold a
// channel made in it: assigned make(chan T), or another such variable,
// through parentheses and conversions, or what a pointer points to.
func madeVars(info *types.Info, ins *inspector.Inspector) map[*types.Var]bool {
	type assignment struct {
		to   *types.Var
		from ast.Expr
	}
	var assigns []assignment
	local := func(id *ast.Ident) *types.Var {
		obj := info.Defs[id]
		if obj == nil {
			obj = info.Uses[id]
		}
		v, ok := obj.(*types.Var)
		if !ok || v.IsField() || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
			return nil
		}
		return v
	}
	pair := func(lhs []ast.Expr, rhs []ast.Expr) {
		if len(lhs) != len(rhs) {
			return // v, ok := <-ch; a, b := f(): no make
		}
		for i, l := range lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if v := local(id); v != nil {
					assigns = append(assigns, assignment{v, rhs[i]})
				}
			}
		}
	}
	for n := range ins.PreorderSeq((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			pair(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			pair(lhs, n.Values)
		}
	}
	made := make(map[*types.Var]bool)
	for changed := true; changed; {
		changed = false
		for _, a := range assigns {
			if !made[a.to] && (isMakeChan(info, a.from) || mayBeFollowed(info, made, a.from)) {
				made[a.to] = true
				changed = true
			}
		}
	}
	return made
}

// localVar returns the variable that e names, through parentheses and
// conversions, or nil.
func localVar(info *types.Info, e ast.Expr) *types.Var {
	id, ok := stripConversions(info, e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	return v
}

// A Use is what SSA shows done to a made channel, as Follow counts it.
type Use uint8

const (
	SentTo   Use = 1 << iota // a send
	Closed                   // a close
	Received                 // a receive or a range
	Escaped                  // stored in a field, an element or a package variable, or returned
	Buffered                 // made with a buffer, or with a size that is not a constant
)

// madeUses returns, for the made variables (madeVars) whose every use is
// one make's channel, what SSA shows done to that channel: a Chan whose
// Uses count it is not NeverSent, NeverClosed or NeverReceived, and not
// Unbuffered when it is Buffered. Such a variable is assigned once, from a
// make, and never through a pointer. What counts is done by the function that declares
// it, or by a function of the package it passes it to (to a parameter
// that function never assigns or takes the address of), in a block that
// ctrlflow's graph of the function reaches (or of a function literal of
// its body, which its graph reaches). That graph reaches no block that
// SSA drops: both end a path at a return, a panic, a branch and a select
// that matches no case, and ctrlflow also after a call that cannot
// return.
func madeUses(info *types.Info, ins *inspector.Inspector, cfgs *ctrlflow.CFGs, made map[*types.Var]bool) map[*types.Var]Use {
	// How often each variable is written, and which have their address
	// taken.
	writes := make(map[*types.Var]int)
	addressed := make(map[*types.Var]bool)
	makeOf := make(map[*types.Var]*ast.CallExpr)
	write := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		obj := info.Defs[id]
		if obj == nil {
			obj = info.Uses[id]
		}
		v, ok := obj.(*types.Var)
		if !ok {
			return nil
		}
		writes[v]++
		return v
	}
	for n := range ins.PreorderSeq((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil), (*ast.UnaryExpr)(nil)) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if v := write(l); v != nil && len(n.Lhs) == len(n.Rhs) && isMakeChan(info, n.Rhs[i]) {
					makeOf[v] = stripConversions(info, n.Rhs[i]).(*ast.CallExpr)
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if v := write(id); v != nil && len(n.Names) == len(n.Values) && isMakeChan(info, n.Values[i]) {
					makeOf[v] = stripConversions(info, n.Values[i]).(*ast.CallExpr)
				}
			}
		case *ast.RangeStmt:
			if n.Key != nil {
				write(n.Key)
			}
			if n.Value != nil {
				write(n.Value)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok {
						addressed[v] = true
					}
				}
			}
		}
	}

	// usesIn returns what decl does to v where its graph reaches, or
	// that of a function literal of its body that its graph reaches (a
	// goroutine or deferred function that captures v); call, if not
	// nil, tells what a call does to v.
	usesIn := func(decl *ast.FuncDecl, v *types.Var, call func(*ast.CallExpr) Use) Use {
		var u Use
		var walk func(body *ast.BlockStmt, g *cfg.CFG, lit bool)
		walk = func(body *ast.BlockStmt, g *cfg.CFG, lit bool) {
			ast.Inspect(body, func(n ast.Node) bool {
				var found Use
				switch n := n.(type) {
				case *ast.FuncLit:
					if !lit && reached(g, n.Pos()) {
						walk(n.Body, cfgs.FuncLit(n), true)
					}
					return false
				case *ast.SendStmt:
					if localVar(info, n.Chan) == v {
						found = SentTo
					}
				case *ast.UnaryExpr:
					if n.Op == token.ARROW && localVar(info, n.X) == v {
						found = Received
					}
				case *ast.RangeStmt:
					if localVar(info, n.X) == v && reached(g, n.X.Pos()) {
						u |= Received
					}
				case *ast.ReturnStmt:
					if slices.ContainsFunc(n.Results, func(r ast.Expr) bool { return localVar(info, r) == v }) {
						found = Escaped
					}
				case *ast.AssignStmt:
					if len(n.Lhs) == len(n.Rhs) {
						for i, r := range n.Rhs {
							if localVar(info, r) == v && storesAway(info, n.Lhs[i]) {
								found = Escaped
							}
						}
					}
				case *ast.CallExpr:
					if IsClose(info, n) && len(n.Args) == 1 && localVar(info, n.Args[0]) == v {
						found = Closed
					} else if call != nil {
						found = call(n)
					}
				}
				if found != 0 && reached(g, n.Pos()) {
					u |= found
				}
				return true
			})
		}
		walk(decl.Body, cfgs.FuncDecl(decl), false)
		return u
	}
	decls := make(map[*types.Func]*ast.FuncDecl)
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil)) {
		fd := n.(*ast.FuncDecl)
		if fn, ok := info.Defs[fd.Name].(*types.Func); ok && fd.Body != nil {
			decls[fn] = fd
		}
	}
	// paramUses returns what fn, a function (not a method, not generic)
	// of the package, does to its parameter i.
	paramUses := func(fn *types.Func, i int) Use {
		decl, ok := decls[fn]
		sig := fn.Signature()
		if !ok || sig.Recv() != nil || sig.TypeParams().Len() > 0 || i >= sig.Params().Len() || sig.Variadic() && i == sig.Params().Len()-1 {
			return 0
		}
		p := sig.Params().At(i)
		if writes[p] != 0 || addressed[p] {
			return 0
		}
		return usesIn(decl, p, nil)
	}

	// The declaration of each made variable, outside function literals.
	var byPos []*ast.FuncDecl
	for _, decl := range decls {
		byPos = append(byPos, decl)
	}
	sort.Slice(byPos, func(i, j int) bool { return byPos[i].Pos() < byPos[j].Pos() })
	declOf := func(v *types.Var) *ast.FuncDecl {
		i := sort.Search(len(byPos), func(i int) bool { return byPos[i].End() > v.Pos() })
		if i < len(byPos) && within(byPos[i], v.Pos()) {
			return byPos[i]
		}
		return nil
	}

	out := make(map[*types.Var]Use)
	for v := range made {
		mk, ok := makeOf[v]
		if writes[v] != 1 || !ok || addressed[v] {
			continue
		}
		decl := declOf(v)
		if decl == nil {
			continue
		}
		u := usesIn(decl, v, func(call *ast.CallExpr) Use {
			id, ok := ast.Unparen(call.Fun).(*ast.Ident)
			if !ok {
				return 0
			}
			fn, ok := info.Uses[id].(*types.Func)
			if !ok {
				return 0
			}
			var u Use
			for i, a := range call.Args {
				if localVar(info, a) == v {
					u |= paramUses(fn, i)
				}
			}
			return u
		})
		if len(mk.Args) == 2 {
			if tv, ok := info.Types[mk.Args[1]]; !ok || tv.Value == nil || constant.Sign(tv.Value) != 0 {
				u |= Buffered
			}
		}
		out[v] = u
	}
	return out
}

// reached reports whether the control-flow graph g (nil: unknown) reaches
// the statement or expression at pos.
func reached(g *cfg.CFG, pos token.Pos) bool {
	if g == nil {
		return false
	}
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			if n.Pos() <= pos && pos < n.End() {
				return true
			}
		}
	}
	return false
}

// storesAway reports whether assigning to lhs stores the value where
// Follow stops following it: a field, an element, a map entry or a
// package variable (not a local variable, nor what a pointer points to).
func storesAway(info *types.Info, lhs ast.Expr) bool {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.SelectorExpr, *ast.IndexExpr:
		return true
	case *ast.Ident:
		v, ok := info.Uses[lhs].(*types.Var)
		return ok && v.Parent() == v.Pkg().Scope()
	}
	return false
}

// within reports whether pos is in decl's body outside its function
// literals.
func within(decl *ast.FuncDecl, pos token.Pos) bool {
	if pos < decl.Body.Pos() || pos >= decl.Body.End() {
		return false
	}
	inLit := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && lit.Pos() <= pos && pos < lit.End() {
			inLit = true
		}
		return !inLit
	})
	return !inLit
}

// isMakeChan reports whether e is make(T) or make(T, n) of a channel type
// T, through parentheses and conversions.
func isMakeChan(info *types.Info, e ast.Expr) bool {
	call, ok := stripConversions(info, e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "make" && MayBeChan(info.TypeOf(call.Args[0]))
}

// MayBeTimerChan reports whether e may be the channel of a timer or ticker
// (IsTimerChan): the C field of a time.Timer or time.Ticker, or the
// result of time.After or time.Tick, through parentheses and conversions.
func MayBeTimerChan(info *types.Info, e ast.Expr) bool {
	switch e := stripConversions(info, e).(type) {
	case *ast.SelectorExpr:
		sel, ok := info.Selections[e]
		if !ok || sel.Kind() != types.FieldVal {
			return false
		}
		return sel.Obj().Pkg() != nil && sel.Obj().Pkg().Path() == "time" && sel.Obj().Name() == "C"
	case *ast.CallExpr:
		fn := typeutil.StaticCallee(info, e)
		return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "time" && (fn.Name() == "After" || fn.Name() == "Tick")
	}
	return false
}

// stripConversions removes the parentheses and type conversions around e.
func stripConversions(info *types.Info, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}
