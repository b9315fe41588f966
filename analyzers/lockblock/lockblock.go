package lockblock

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "lockblock",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("lockblock"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:      run,
}

// A kind is what an operation does to its primitive.
type kind uint8

const (
	send kind = iota
	recv
	closeCh
	wait   // WaitGroup.Wait
	done   // WaitGroup.Done (or Add with a negative delta: not followed)
	cwait  // Cond.Wait
	signal // Cond.Signal or Broadcast
)

// An op is one synchronization operation of the package.
type op struct {
	kind     kind
	prim     refs.Key // the channel, WaitGroup or Cond
	node     ast.Node
	blocking bool                    // not a case of a select that has other ways out
	held     lockset.Set             // mutexes held on every path to it
	needs    map[refs.Key]locks.Mode // mutexes it needs before it can run (again)
	fn       ast.Node                // its function
	condL    refs.Key                // for cwait: the Cond's own L, which Wait releases
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "sync") {
		return nil, nil
	}
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	decls := funcs.IndexDecls(info, ins)
	acq := lockset.NewAcquisitions(info, decls)
	lockers := lockset.IndexNewCond(info, ins)
	caps := chans.IndexCapacities(info, pass.Files)
	escaped := escapes(pass, ins)
	loopCalled := calledOnlyInLoops(info, decls, ins)

	selects := make(map[ast.Stmt]*ast.SelectStmt)
	for n := range ins.PreorderSeq((*ast.SelectStmt)(nil)) {
		sel := n.(*ast.SelectStmt)
		for _, c := range sel.Body.List {
			if comm := c.(*ast.CommClause).Comm; comm != nil {
				selects[comm] = sel
			}
		}
	}

	var ops []*op
	seen := make(map[ast.Node]bool)
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn := cur.Node()
		var body *ast.BlockStmt
		var obj *types.Func
		switch fn := fn.(type) {
		case *ast.FuncDecl:
			body = fn.Body
			obj, _ = info.Defs[fn.Name].(*types.Func)
		case *ast.FuncLit:
			body = fn.Body
		}
		if body == nil {
			continue
		}
		var g *cfg.CFG
		if d, ok := fn.(*ast.FuncDecl); ok {
			g = cfgs.FuncDecl(d)
		} else {
			g = cfgs.FuncLit(fn.(*ast.FuncLit))
		}
		lockset.MustHeld(info, g, lockset.Set{}, func(n ast.Node, held lockset.Set) {
			for _, o := range opsAt(info, n, selects, lockers) {
				if seen[o.node] {
					continue // a call is visited with its statement, and alone
				}
				seen[o.node] = true
				o.held, o.fn = held.Clone(), fn
				o.needs = needs(info, acq, held, fn, body, o.node, obj != nil && loopCalled[obj])
				ops = append(ops, o)
			}
		})
	}

	// Group the operations by primitive, in source order.
	slices.SortStableFunc(ops, func(a, b *op) int { return int(a.node.Pos() - b.node.Pos()) })
	byPrim := make(map[refs.Key][]*op)
	var prims []refs.Key
	for _, o := range ops {
		if _, ok := byPrim[o.prim]; !ok {
			prims = append(prims, o.prim)
		}
		byPrim[o.prim] = append(byPrim[o.prim], o)
	}
	reported := make(map[ast.Node]bool)
	for _, p := range prims {
		if escaped[p] {
			continue
		}
		list := byPrim[p]
		for _, blocked := range list {
			if !blocked.blocking || reported[blocked.node] {
				continue
			}
			var unblockers []*op
			switch blocked.kind {
			case recv:
				unblockers = filter(list, send, closeCh)
			case send:
				if caps[p] == nil || !caps.Unbuffered(p) {
					continue // buffered, or made where the analysis cannot see
				}
				unblockers = filter(list, recv)
			case wait:
				unblockers = filter(list, done)
			case cwait:
				unblockers = filter(list, signal)
			default:
				continue
			}
			if len(unblockers) == 0 {
				continue // nothing can unblock it: another analyzer's finding
			}
			if m, mode, ok := commonNeed(blocked, unblockers); ok {
				report(pass, blocked, unblockers, m, mode)
				// One deadlock, one finding: the other side, blocked
				// the same way, is the related location.
				reported[blocked.node] = true
				for _, u := range unblockers {
					reported[u.node] = true
				}
			}
		}
	}
	return nil, nil
}

func filter(list []*op, kinds ...kind) []*op {
	var out []*op
	for _, o := range list {
		if slices.Contains(kinds, o.kind) {
			out = append(out, o)
		}
	}
	return out
}

// commonNeed returns a mutex that blocked holds and that every unblocker
// needs, with at least one side holding it exclusively.
func commonNeed(blocked *op, unblockers []*op) (refs.Key, locks.Mode, bool) {
	var cands []locks.Key
	for k := range blocked.held {
		cands = append(cands, k)
	}
	slices.SortFunc(cands, func(a, b locks.Key) int { return int(a.Ref.Root.Pos() - b.Ref.Root.Pos()) })
	for _, k := range cands {
		m := refs.KeyOf(k.Ref)
		if !m.Valid() || (blocked.kind == cwait && m == blocked.condL) {
			continue
		}
		all := true
		for _, u := range unblockers {
			mode, ok := u.needs[m]

			if !ok || (mode == locks.Read && k.Mode == locks.Read) || u.node == blocked.node {
				all = false
				break
			}
		}
		if all {
			return m, k.Mode, true
		}
	}
	return refs.Key{}, 0, false
}

// opsAt returns the synchronization operations of the graph node n (not
// those of function literals inside it).
func opsAt(info *types.Info, n ast.Node, selects map[ast.Stmt]*ast.SelectStmt, lockers lockset.Lockers) []*op {
	var out []*op
	add := func(k kind, x ast.Expr, node ast.Node, blocking bool) {
		r := refs.Of(info, x)
		if key := refs.KeyOf(r); key.Valid() {
			out = append(out, &op{kind: k, prim: key, node: node, blocking: blocking})
		}
	}
	alone := func(st ast.Stmt) bool {
		sel, ok := selects[st]
		return !ok || len(sel.Body.List) == 1
	}
	if rng, ok := n.(*ast.RangeStmt); ok {
		if chans.IsChan(info.TypeOf(rng.X)) {
			add(recv, rng.X, rng, true)
		}
		return out
	}
	blockingStmt := true
	if st, ok := n.(ast.Stmt); ok {
		blockingStmt = alone(st)
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SendStmt:
			add(send, m.Chan, m, blockingStmt)
		case *ast.UnaryExpr:
			if m.Op == token.ARROW && chans.IsChan(info.TypeOf(m.X)) {
				add(recv, m.X, m, blockingStmt)
			}
		case *ast.CallExpr:
			if chans.IsClose(info, m) && len(m.Args) == 1 {
				add(closeCh, m.Args[0], m, false)
				return true
			}
			if name, r := syncops.WaitGroup(info, m); name != "" && r.Valid() {
				switch name {
				case "Wait":
					add(wait, m.Fun.(*ast.SelectorExpr).X, m, true)
				case "Done":
					add(done, m.Fun.(*ast.SelectorExpr).X, m, false)
				}
				return true
			}
			if name, r := syncops.Cond(info, m); name != "" && r.Valid() {
				switch name {
				case "Wait":
					if l := lockers.Of(r); l.Valid() {
						add(cwait, ast.Unparen(m.Fun).(*ast.SelectorExpr).X, m, true)
						out[len(out)-1].condL = refs.KeyOf(l)
					}
				case "Signal", "Broadcast":
					add(signal, ast.Unparen(m.Fun).(*ast.SelectorExpr).X, m, false)
				}
			}
		}
		return true
	})
	return out
}

// needs returns the mutexes that the operation at node, in function fn
// (whose body is body), needs before it can run, each with the mode it
// takes: those held on every path to it, those its innermost loop locks
// again on the way back to it, and, when the function is called only in
// loops, those the function locks after it.
func needs(info *types.Info, acq *lockset.Acquisitions, held lockset.Set, fn ast.Node, body *ast.BlockStmt, node ast.Node, loopCalled bool) map[refs.Key]locks.Mode {
	out := make(map[refs.Key]locks.Mode)
	add := func(k locks.Key) {
		if m := refs.KeyOf(k.Ref); m.Valid() {
			if prev, ok := out[m]; !ok || prev == locks.Read {
				out[m] = k.Mode
			}
		}
	}
	for k := range held {
		add(k)
	}
	// The innermost loop around the operation, in its own function.
	var loop ast.Stmt
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt, *ast.RangeStmt:
			if n.Pos() <= node.Pos() && node.End() <= n.End() {
				loop = n.(ast.Stmt)
			}
		}
		return true
	})
	var region []ast.Stmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		region = l.Body.List
	case *ast.RangeStmt:
		region = l.Body.List
	default:
		if !loopCalled {
			return out
		}
		// Called only in loops: what the function locks after the
		// operation comes before it runs again.
		for _, st := range body.List {
			if st.Pos() > node.End() {
				region = append(region, st)
			}
		}
	}
	// Only the statements of the loop body's top level count: a lock under
	// a condition may be skipped on the way round.
	for _, st := range region {
		switch st.(type) {
		case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt, *ast.GoStmt, *ast.DeferStmt:
			continue
		}
		locks.Calls(st, func(call *ast.CallExpr) {
			for _, k := range acq.At(call) {
				add(k)
			}
		})
	}
	return out
}

// calledOnlyInLoops returns the functions of the package every use of which
// is a direct call inside a loop (or a go statement in a loop).
func calledOnlyInLoops(info *types.Info, decls funcs.Decls, ins *inspector.Inspector) map[*types.Func]bool {
	inLoop := make(map[*types.Func]bool)
	other := make(map[*types.Func]bool)
	for cur := range ins.Root().Preorder((*ast.Ident)(nil)) {
		id := cur.Node().(*ast.Ident)
		fn, ok := info.Uses[id].(*types.Func)
		if !ok || decls[fn.Origin()] == nil {
			continue
		}
		fn = fn.Origin()
		call := cur.Parent()
		if _, ok := call.Node().(*ast.SelectorExpr); ok {
			call = call.Parent()
		}
		c, ok := call.Node().(*ast.CallExpr)
		if !ok || (ast.Unparen(c.Fun) != id && !isSel(c.Fun, id)) {
			other[fn] = true
			continue
		}
		looped := false
		for e := range call.Enclosing() {
			switch e.Node().(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				looped = true
			case *ast.FuncDecl, *ast.FuncLit:
				goto out
			}
		}
	out:
		if looped {
			inLoop[fn] = true
		} else {
			other[fn] = true
		}
	}
	for fn := range other {
		delete(inLoop, fn)
	}
	return inLoop
}

func isSel(fun ast.Expr, id *ast.Ident) bool {
	sel, ok := ast.Unparen(fun).(*ast.SelectorExpr)
	return ok && sel.Sel == id
}

// escapes returns the primitives (channels, WaitGroups, Conds) that the
// analysis cannot see all the operations of: exported fields and package
// variables, and any that is used otherwise than by an operation, a make
// assigned to it, a comparison, len or cap (passed to a function, stored
// elsewhere, returned, its address taken).
func escapes(pass *analysis.Pass, ins *inspector.Inspector) map[refs.Key]bool {
	info := pass.TypesInfo
	out := make(map[refs.Key]bool)
	for cur := range ins.Root().Preorder((*ast.Ident)(nil), (*ast.SelectorExpr)(nil)) {
		e := cur.Node().(ast.Expr)
		t := info.TypeOf(e)
		if t == nil || !(chans.IsChan(t) || syncops.IsWaitGroup(t) || isCond(t)) {
			continue
		}
		if sel, ok := cur.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == e {
			continue // the selector s.ch is judged whole
		}
		k := refs.KeyOf(refs.Of(info, e))
		if !k.Valid() {
			continue
		}
		if k.Var != nil && k.Var.Exported() && k.Var.Parent() == pass.Pkg.Scope() {
			out[k] = true
		}
		if k.Owner != nil && token.IsExported(lastField(k.Path)) {
			out[k] = true
		}
		switch p := cur.Parent().Node().(type) {
		case *ast.SendStmt, *ast.RangeStmt, *ast.BinaryExpr, *ast.Field, *ast.ValueSpec:
			continue
		case *ast.UnaryExpr:
			if p.Op == token.ARROW {
				continue
			}
		case *ast.SelectorExpr:
			if p.X == e {
				continue // s.wg.Wait(): a method of the primitive
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && (b.Name() == "close" || b.Name() == "len" || b.Name() == "cap") {
					continue
				}
			}
		case *ast.AssignStmt:
			if slices.Contains(p.Lhs, e) {
				continue // made or reset here
			}
		case *ast.KeyValueExpr:
			if p.Key == e {
				continue
			}
		}
		out[k] = true
	}
	return out
}


func lastField(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '.' {
			return path[i+1:]
		}
	}
	return path
}

func isCond(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "Cond"
}

func report(pass *analysis.Pass, blocked *op, unblockers []*op, m refs.Key, mode locks.Mode) {
	fset := pass.Fset
	what := map[kind]string{send: "send on", recv: "receive from", wait: "Wait on", cwait: "Wait on"}[blocked.kind]
	whoKind := map[kind]string{send: "receiver", recv: "sender", wait: "Done", cwait: "Signal"}[blocked.kind]
	u := unblockers[0]
	pos := fset.Position(u.node.Pos())
	lockName := mode.LockName()
	others := ""
	if len(unblockers) > 1 {
		others = fmt.Sprintf(" (and %d more, all needing it)", len(unblockers)-1)
	}
	diag := analysis.Diagnostic{
		Pos:      blocked.node.Pos(),
		End:      blocked.node.End(),
		Category: "lockblock",
		Message: fmt.Sprintf("%s %s blocks while holding %s, and its %s at %s:%d%s needs %s first: neither can proceed (hold-and-wait deadlock); release %s before blocking",
			what, blocked.prim, m, whoKind, shortFile(pos.Filename), pos.Line, others, m, m),
		Related: []analysis.RelatedInformation{{Pos: u.node.Pos(), End: u.node.End(), Message: fmt.Sprintf("the %s, which needs %s (%s)", whoKind, m, lockName)}},
	}
	pass.Report(diag)
}

func shortFile(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			return name[i+1:]
		}
	}
	return name
}
