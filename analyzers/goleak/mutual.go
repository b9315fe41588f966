package goleak

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/prims"
)

// checkMutual reports two goroutines that wait on each other from their
// first operation: each starts with a send or receive on an unbuffered
// channel whose only partners are in the other goroutine, after the other
// one's own first operation.
//
//	go func() { a <- 1; <-b }() // waits for <-a, which comes after b <- 2
//	go func() { b <- 2; <-a }() // waits for <-b, which comes after a <- 1
//
// Only goroutines started once (no loop around the go statement, the
// function started nowhere else and called nowhere) take part, and only
// operations that are statements of the goroutine's body itself, so that
// the order of the statements is the order of the operations; every
// operation on the channels involved must be among them.
func checkMutual(pass *analysis.Pass, ins *inspector.Inspector, x *prims.Index, reported map[token.Pos]bool) {
	info := pass.TypesInfo
	decls := funcs.IndexDecls(info, ins)
	loops := goInLoops(ins)
	starts := make(map[ast.Node][]*ast.GoStmt) // function node -> its go statements
	var order []ast.Node
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		fn := funcs.Resolve(info, decls, g.Call).Node()
		if fn == nil {
			continue
		}
		if _, seen := starts[fn]; !seen {
			order = append(order, fn)
		}
		starts[fn] = append(starts[fn], g)
	}
	calls := funcs.IndexCalls(info, decls, pass.Files)
	var units []*unit
	byFunc := make(map[ast.Node]*unit)
	for _, fn := range order {
		gs := starts[fn]
		if len(gs) != 1 || loops[fn] || inLoopStmt(ins, gs[0]) {
			continue
		}
		var body *ast.BlockStmt
		switch fn := fn.(type) {
		case *ast.FuncLit:
			body = fn.Body
		case *ast.FuncDecl:
			obj, _ := info.Defs[fn.Name].(*types.Func)
			if obj == nil || obj.Exported() || calls.Other[obj] || len(calls.Sites[obj]) > 0 {
				continue // started or called elsewhere too
			}
			body = fn.Body
		}
		if body == nil {
			continue
		}
		u := &unit{fn: fn, g: gs[0], at: make(map[*prims.Op]int)}
		for _, st := range body.List {
			if o := stmtOp(x, st); o != nil {
				u.at[o] = len(u.ops)
				u.ops = append(u.ops, o)
			}
		}
		units = append(units, u)
		byFunc[fn] = u
	}
	// partnersAfter reports whether every partner of o is an operation of
	// v after its first one, and every operation on o's channel belongs to
	// the units' own statement lists.
	partnersAfter := func(o *prims.Op, v *unit) bool {
		if x.Escaped[o.Key] || (o.Kind != prims.Wait && !x.Unbuffered(o.Key)) {
			return false
		}
		var kinds []prims.Kind
		switch o.Kind {
		case prims.Send:
			kinds = []prims.Kind{prims.Recv}
		case prims.Recv:
			kinds = []prims.Kind{prims.Send, prims.Close}
		case prims.Wait:
			kinds = []prims.Kind{prims.Done} // a WaitGroup: Done completes Wait
		default:
			return false
		}
		any := false
		for _, p := range x.ByKey[o.Key] {
			u := byFunc[p.Func]
			if u == nil {
				return false
			}
			if _, top := u.at[p]; !top {
				return false // an operation the statement order does not place
			}
		}
		for _, p := range x.Of(o.Key, kinds...) {
			if p.Func != v.fn || v.at[p] == 0 {
				return false
			}
			any = true
		}
		return any
	}
	line := func(n ast.Node) int { return pass.Fset.Position(n.Pos()).Line }
	// A goroutine and its spawner: the spawner's operations are the
	// statements that follow the go statement in its block.
	for _, u := range units {
		if len(u.ops) == 0 || !u.ops[0].Blocking || reported[u.g.Pos()] {
			continue
		}
		v := spawnerUnit(ins, x, u.g)
		if v == nil || byFunc[v.fn] != nil || len(v.ops) == 0 || !v.ops[0].Blocking {
			continue
		}
		byFunc[v.fn] = v
		o, p := u.ops[0], v.ops[0]
		ok := partnersAfter(o, v) && partnersAfter(p, u)
		delete(byFunc, v.fn)
		if !ok {
			continue
		}
		reported[u.g.Pos()] = true
		pass.Report(analysis.Diagnostic{
			Pos:      o.Node.Pos(),
			End:      o.Node.End(),
			Category: "goleak",
			Message: fmt.Sprintf("this goroutine and its spawner wait on each other forever: this %s on %s needs the spawner to act after its %s on %s at line %d, which needs this goroutine to act after this point; neither finishes",
				opName(o), o.Key, opName(p), p.Key, line(p.Node)),
			Related: []analysis.RelatedInformation{
				{Pos: p.Node.Pos(), End: p.Node.End(), Message: "the spawner's first operation after the go statement"},
				{Pos: u.g.Pos(), End: u.g.Call.End(), Message: "the goroutine is started here"},
			},
		})
	}
	for i, u := range units {
		if len(u.ops) == 0 || !u.ops[0].Blocking || reported[u.g.Pos()] {
			continue
		}
		for _, v := range units[i+1:] {
			if len(v.ops) == 0 || !v.ops[0].Blocking || reported[v.g.Pos()] {
				continue
			}
			o, p := u.ops[0], v.ops[0]
			if !partnersAfter(o, v) || !partnersAfter(p, u) {
				continue
			}
			reported[u.g.Pos()], reported[v.g.Pos()] = true, true
			pass.Report(analysis.Diagnostic{
				Pos:      o.Node.Pos(),
				End:      o.Node.End(),
				Category: "goleak",
				Message: fmt.Sprintf("goroutines wait on each other forever: this first operation on %s waits for the goroutine started at line %d, whose own first operation on %s (line %d) waits for this goroutine's later one; neither finishes",
					o.Key, line(v.g), p.Key, line(p.Node)),
				Related: []analysis.RelatedInformation{
					{Pos: p.Node.Pos(), End: p.Node.End(), Message: "the other goroutine's first operation"},
					{Pos: u.g.Pos(), End: u.g.Call.End(), Message: "this goroutine is started here"},
					{Pos: v.g.Pos(), End: v.g.Call.End(), Message: "the other goroutine is started here"},
				},
			})
		}
	}
}

// A unit is a goroutine's, or its spawner's, sequence of channel
// operations: statements of one list, so that their order is the order in
// which they run.
type unit struct {
	fn  ast.Node // the function they run in
	g   *ast.GoStmt
	ops []*prims.Op // the top-level channel operations, in order
	at  map[*prims.Op]int
}

// spawnerUnit returns the channel operations that the function running g
// performs after it, as statements of the list g is a statement of.
func spawnerUnit(ins *inspector.Inspector, x *prims.Index, g *ast.GoStmt) *unit {
	cur, ok := ins.Root().FindNode(g)
	if !ok {
		return nil
	}
	fn, _ := funcs.Enclosing(cur)
	block, ok := cur.Parent().Node().(*ast.BlockStmt)
	if fn == nil || !ok {
		return nil
	}
	i := slices.Index(block.List, ast.Stmt(g))
	if i < 0 {
		return nil
	}
	v := &unit{fn: fn, g: g, at: make(map[*prims.Op]int)}
	for _, st := range block.List[i+1:] {
		if o := stmtOp(x, st); o != nil && o.Func == fn {
			v.at[o] = len(v.ops)
			v.ops = append(v.ops, o)
		}
	}
	return v
}

func opName(o *prims.Op) string {
	switch o.Kind {
	case prims.Send:
		return "send"
	case prims.Wait:
		return "Wait"
	case prims.Done:
		return "Done"
	}
	return "receive"
}

// stmtOp returns the channel send or receive, or the WaitGroup Wait or
// Done, that statement st is, as a statement of its own: ch <- v, <-ch,
// v := <-ch, v = <-ch, wg.Wait(), wg.Done().
func stmtOp(x *prims.Index, st ast.Stmt) *prims.Op {
	var n ast.Node
	switch st := st.(type) {
	case *ast.SendStmt:
		n = st
	case *ast.ExprStmt:
		n = ast.Unparen(st.X)
	case *ast.AssignStmt:
		if len(st.Rhs) == 1 {
			n = ast.Unparen(st.Rhs[0])
		}
	}
	o := x.ByNode[n]
	if o == nil || o.Deferred {
		return nil
	}
	switch o.Kind {
	case prims.Send, prims.Recv, prims.Wait, prims.Done:
		return o
	}
	return nil
}

// inLoopStmt reports whether the go statement g is inside a loop of its
// function.
func inLoopStmt(ins *inspector.Inspector, g *ast.GoStmt) bool {
	cur, ok := ins.Root().FindNode(g)
	return !ok || funcs.InLoop(cur)
}
