package wgdone

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/severity"
	"github.com/concvet/concvet/internal/syncops"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "wgdone",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("wgdone"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, prims.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	// In a test, the leak or hang happens only once the test has failed:
	// a cleanup, not a bug.
	pass = severity.TestsAreCleanups(pass)
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	decls := funcs.IndexDecls(pass.TypesInfo, ins)

	x := prims.For(pass)
	checked := make(map[ast.Node]bool) // each goroutine body once
	for cur := range ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		t := funcs.Resolve(pass.TypesInfo, decls, g.Call)
		fn := t.Node()
		if fn == nil || checked[fn] {
			continue
		}
		checked[fn] = true
		checkSelfWait(pass, x, fn)
		checkSelfWaitThrough(pass, x, decls, fn, t.Body())
		var graph *cfg.CFG
		if t.Lit != nil {
			graph = cfgs.FuncLit(t.Lit)
		} else {
			graph = cfgs.FuncDecl(t.Decl)
		}
		checkGoroutine(pass, fn, t.Body(), graph)
	}

	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		checkNeverDone(pass, cur.Node())
	}
	return nil, nil
}

// checkSelfWait reports a Wait, in the goroutine function fn, on a
// WaitGroup whose Done the same goroutine calls only later (deferred, or
// after the Wait): the goroutine is counted by the group it waits on, so
// the count cannot reach zero while it waits.
func checkSelfWait(pass *analysis.Pass, x *prims.Index, fn ast.Node) {
	for _, w := range x.Ops {
		if w.Func != fn || w.Kind != prims.Wait || w.Deferred {
			continue
		}
		for _, d := range x.Of(w.Key, prims.Done) {
			if d.Func != fn || !(d.Deferred || d.Node.Pos() > w.Node.Pos()) {
				continue
			}
			pass.Report(analysis.Diagnostic{
				Pos:      w.Node.Pos(),
				End:      w.Node.End(),
				Category: "wgdone",
				Message: fmt.Sprintf("this goroutine waits on %s, which counts it: its own Done comes after the Wait, so the count never reaches zero and it waits forever; wait outside the goroutines the group counts",
					w.Ref),
				Related: []analysis.RelatedInformation{{Pos: d.Node.Pos(), End: d.Node.End(), Message: "the goroutine's own Done"}},
			})
			break
		}
	}
}

// checkSelfWaitThrough reports, in the goroutine function fn (whose body
// is body), a call of a
// function of the package that waits on a WaitGroup of its receiver or of
// a parameter as one of its top-level statements (func (r *Runner) Wait()
// { r.wg.Wait() }), when that WaitGroup, named at the call through the same
// variable, is the one whose Done the goroutine calls only later: the
// goroutine waits for itself through the helper.
func checkSelfWaitThrough(pass *analysis.Pass, x *prims.Index, decls funcs.Decls, fn ast.Node, body *ast.BlockStmt) {
	info := pass.TypesInfo
	if body == nil {
		return
	}
	var dones []*prims.Op
	for _, d := range x.Ops {
		if d.Func == fn && d.Kind == prims.Done {
			dones = append(dones, d)
		}
	}
	if len(dones) == 0 {
		return
	}
	funcs.Calls(body, func(call *ast.CallExpr) {
		t := funcs.Resolve(info, decls, call)
		if t.Decl == nil || t.Decl.Body == nil || ast.Node(t.Decl) == fn {
			return
		}
		sig := t.Func.Signature()
		for _, w := range x.Ops {
			if w.Func != ast.Node(t.Decl) || w.Kind != prims.Wait || w.Deferred || !topLevel(t.Decl.Body, w.Node) {
				continue
			}
			p, ok := refs.AsParam(w.Ref, sig)
			if !ok {
				continue
			}
			waited := refs.AtCall(info, p, t.Recv, call)
			for _, d := range dones {
				if !waited.Valid() || waited != d.Ref || !(d.Deferred || d.Node.Pos() > call.Pos()) {
					continue
				}
				pass.Report(analysis.Diagnostic{
					Pos:      call.Pos(),
					End:      call.End(),
					Category: "wgdone",
					Message: fmt.Sprintf("this goroutine waits on %s through %s, and %s counts it: its own Done comes after the Wait, so the count never reaches zero and it waits forever; wait outside the goroutines the group counts",
						waited, t.Func.Name(), waited),
					Related: []analysis.RelatedInformation{
						{Pos: w.Node.Pos(), End: w.Node.End(), Message: "the Wait in " + t.Func.Name()},
						{Pos: d.Node.Pos(), End: d.Node.End(), Message: "the goroutine's own Done"},
					},
				})
				return
			}
		}
	})
}

// topLevel reports whether n lies in one of body's top-level statements
// that is an expression statement: it runs whenever the function gets
// there, not under a condition.
func topLevel(body *ast.BlockStmt, n ast.Node) bool {
	for _, st := range body.List {
		if es, ok := st.(*ast.ExprStmt); ok && es.Pos() <= n.Pos() && n.End() <= es.End() {
			return true
		}
	}
	return false
}

// uses records what a goroutine body does with one WaitGroup.
type uses struct {
	dones     []*ast.CallExpr  // direct Done calls, in source order
	deferreds []*ast.DeferStmt // deferred Done calls, in source order
	other     bool             // anything that makes the count not the body's alone to settle
}

// checkGoroutine checks that the goroutine body calls Done exactly once on
// every path, for each WaitGroup it calls Done on.
func checkGoroutine(pass *analysis.Pass, fn ast.Node, body *ast.BlockStmt, graph *cfg.CFG) {
	if body == nil || graph == nil {
		return
	}
	info := pass.TypesInfo
	byRef := make(map[refs.Ref]*uses)
	get := func(r refs.Ref) *uses {
		u := byRef[r]
		if u == nil {
			u = new(uses)
			byRef[r] = u
		}
		return u
	}

	// Walk the body with the loop depth and whether we are in code that
	// runs on this goroutine at its place in the body.
	var walk func(n ast.Node, loops int, deferred *ast.DeferStmt)
	walk = func(n ast.Node, loops int, deferred *ast.DeferStmt) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.ForStmt, *ast.RangeStmt:
				if m != n {
					walk(m, loops+1, deferred)
					return false
				}
			case *ast.DeferStmt:
				if m != n {
					walk(m, loops, m)
					return false
				}
			case *ast.GoStmt:
				markAll(info, m, get) // the count is handed to another goroutine
				return false
			case *ast.FuncLit:
				markAll(info, m, get) // runs at a time the analysis cannot see
				return false
			case *ast.CallExpr:
				if lit, ok := ast.Unparen(m.Fun).(*ast.FuncLit); ok {
					for _, a := range m.Args {
						walk(a, loops, deferred)
					}
					walk(lit.Body, loops, deferred)
					return false
				}
				name, r := syncops.WaitGroup(info, m)
				switch {
				case name == "Done" && r.Valid():
					u := get(r)
					switch {
					case deferred != nil:
						u.deferreds = append(u.deferreds, deferred)
						if loops > 0 {
							u.other = true
						}
					case loops > 0:
						u.other = true // counts items, not the goroutine
					default:
						u.dones = append(u.dones, m)
					}
				case name != "" && r.Valid():
					get(r).other = true // Add, Wait, Go: the body manages the count
				case name == "":
					for _, a := range m.Args {
						if r := refs.Of(info, a); r.Valid() && syncops.IsWaitGroup(info.TypeOf(a)) {
							get(r).other = true // handed to a callee
						}
					}
				}
			}
			return true
		})
	}
	walk(body, 0, nil)

	ordered := make([]refs.Ref, 0, len(byRef))
	for r := range byRef {
		ordered = append(ordered, r)
	}
	sort.Slice(ordered, func(i, j int) bool { return ordered[i].String() < ordered[j].String() })
	for _, r := range ordered {
		u := byRef[r]
		if u.other || refs.DeclaredIn(r.Root, fn) && !isParam(r.Root, fn) {
			continue
		}
		if len(u.dones) > 0 {
			checkPaths(pass, fn, body, graph, r, u.dones, u.deferreds)
		}
	}
}

// checkPaths reports a path through the goroutine that reaches its end
// calling Done on r zero times or twice. A deferred Done counts where its
// defer statement is: once registered it runs exactly once, at the exit,
// and a path that returns before the defer statement never runs it. So a
// direct Done on an early return before `defer wg.Done()` is the path's
// only Done, while one after the defer statement is a second.
func checkPaths(pass *analysis.Pass, fn ast.Node, body *ast.BlockStmt, graph *cfg.CFG, r refs.Ref, dones []*ast.CallExpr, deferreds []*ast.DeferStmt) {
	isDone := make(map[ast.Node]bool, len(dones)+len(deferreds))
	for _, d := range dones {
		isDone[d] = true
	}
	for _, d := range deferreds {
		isDone[d] = true
	}
	// count[b] is the number of Done calls in block b.
	count := func(b *cfg.Block) int {
		n := 0
		for _, node := range b.Nodes {
			ast.Inspect(node, func(m ast.Node) bool {
				if isDone[m] {
					n++
				}
				_, lit := m.(*ast.FuncLit)
				return !lit
			})
		}
		return n
	}

	// Possible counts on entry to each block, as a bit set: 1<<0 for
	// none, 1<<1 for one, 1<<2 for two or more.
	const zero, one, many = 1, 2, 4
	in := make(map[*cfg.Block]uint8)
	entry := graph.Blocks[0]
	in[entry] = zero
	work := []*cfg.Block{entry}
	out := func(b *cfg.Block) uint8 {
		s := in[b]
		for range count(b) {
			s = (s&zero)<<1 | (s&one)<<1 | s&many // none→one, one→many
		}
		return s
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		o := out(b)
		for _, succ := range b.Succs {
			if in[succ]|o != in[succ] {
				in[succ] |= o
				work = append(work, succ)
			}
		}
	}

	for _, b := range graph.Blocks {
		if !b.Live {
			continue
		}
		exit := exitOf(pass.TypesInfo, b)
		if exit == nil {
			continue
		}
		s := out(b)
		line := pass.Fset.Position(exit.Pos()).Line
		how := "the return"
		if _, ok := exit.(*ast.ReturnStmt); !ok {
			how = "the call"
		}
		if exit.Pos() == body.Rbrace { // the implied return
			how = "the end of the function"
		}
		switch {
		case s&zero != 0 && len(deferreds) > 0:
			pass.Report(analysis.Diagnostic{
				Pos:      dones[0].Pos(),
				End:      dones[0].End(),
				Category: "wgdone",
				Message: fmt.Sprintf("%s.Done is not called on the path through %s at line %d, which leaves before the deferred Done at line %d is registered, so %s.Wait blocks forever; defer %s.Done() at the start of the goroutine",
					r, how, line, pass.Fset.Position(deferreds[0].Pos()).Line, r, r),
				Related: []analysis.RelatedInformation{{Pos: exit.Pos(), Message: "this exit skips " + r.String() + ".Done"}},
			})
			return
		case s&zero != 0:
			diag := analysis.Diagnostic{
				Pos:      dones[0].Pos(),
				End:      dones[0].End(),
				Category: "wgdone",
				Message: fmt.Sprintf("%s.Done is not called on the path through %s at line %d, so %s.Wait blocks forever; call defer %s.Done() at the start of the goroutine",
					r, how, line, r, r),
				Related: []analysis.RelatedInformation{{Pos: exit.Pos(), Message: "this exit skips " + r.String() + ".Done"}},
			}
			if fix, ok := deferFix(pass, fn, body, dones); ok {
				diag.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			pass.Report(diag)
			return
		case s&many != 0 && len(deferreds) > 0:
			// The usual shape: `defer wg.Done()` and, after it, a direct
			// Done as well. Point at the first direct Done after the
			// first defer statement.
			d := dones[0]
			for _, c := range dones {
				if c.Pos() > deferreds[0].Pos() {
					d = c
					break
				}
			}
			pass.Report(analysis.Diagnostic{
				Pos:      d.Pos(),
				End:      d.End(),
				Category: "wgdone",
				Message: fmt.Sprintf("%s.Done is also deferred at line %d, so the goroutine calls it twice on the path through %s at line %d and the counter goes negative (a panic); drop this call",
					r, pass.Fset.Position(deferreds[0].Pos()).Line, how, line),
			})
			return
		case s&many != 0:
			pass.Report(analysis.Diagnostic{
				Pos:      dones[len(dones)-1].Pos(),
				End:      dones[len(dones)-1].End(),
				Category: "wgdone",
				Message:  fmt.Sprintf("%s.Done may be called twice on the path through %s at line %d, so the counter goes negative (a panic); call it once", r, how, line),
			})
			return
		}
	}
}

// exitOf returns the node by which block b leaves the goroutine: a return
// (explicit or implied at the end of the body) or a call that ends the
// goroutine without ending the process (runtime.Goexit, t.FailNow, t.Fatal,
// t.Skip...). Paths that panic or exit the process are not goroutine exits
// that matter to Wait.
func exitOf(info *types.Info, b *cfg.Block) ast.Node {
	if ret := b.Return(); ret != nil {
		return ret
	}
	if len(b.Succs) != 0 || len(b.Nodes) == 0 {
		return nil
	}
	es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt)
	if !ok {
		return nil
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return nil
	}
	if funcs.EndsGoroutine(info, call) {
		return call
	}
	return nil
}

// deferFix replaces a Done that is the goroutine's last statement by a
// deferred Done at its start, when nothing else in the body is deferred
// (whose order the rewrite would change).
func deferFix(pass *analysis.Pass, fn ast.Node, body *ast.BlockStmt, dones []*ast.CallExpr) (analysis.SuggestedFix, bool) {
	if len(dones) != 1 || len(body.List) < 2 {
		return analysis.SuggestedFix{}, false
	}
	last, ok := body.List[len(body.List)-1].(*ast.ExprStmt)
	if !ok || last.X != dones[0] {
		return analysis.SuggestedFix{}, false
	}
	if fixes.Defers(body) {
		return analysis.SuggestedFix{}, false
	}
	text, ok := fixes.Source(pass, dones[0])
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	ins, ok1 := fixes.InsertLineBefore(pass, body.List[0].Pos(), "defer "+string(text))
	del, ok2 := fixes.DeleteLine(pass, last)
	if !ok1 || !ok2 {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("defer %s at the start of the goroutine", text),
		TextEdits: []analysis.TextEdit{ins, del},
	}, true
}

// checkNeverDone reports, in a function that owns a local WaitGroup, a Wait
// that can never return because nothing calls Done on it.
func checkNeverDone(pass *analysis.Pass, fn ast.Node) {
	info := pass.TypesInfo
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	if body == nil {
		return
	}
	locals := make(map[types.Object]*local)
	hasGo := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			hasGo = true
		case *ast.ValueSpec:
			for _, id := range n.Names {
				if obj := info.Defs[id]; obj != nil && syncops.IsWaitGroup(obj.Type()) && !isPtr(obj.Type()) {
					locals[obj] = &local{}
				}
			}
		}
		return true
	})
	if !hasGo || len(locals) == 0 {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			name, r := syncops.WaitGroup(info, n)
			if l := locals[r.Root]; l != nil && r.Path == "" {
				switch name {
				case "Add":
					if l.add == nil && len(n.Args) == 1 && positive(info, n.Args[0]) {
						l.add = n
					}
				case "Wait":
					l.wait = n
				default:
					l.spoiled = true
				}
				// The receiver is used by the method call: skip it.
				for _, a := range n.Args {
					ast.Inspect(a, func(m ast.Node) bool { spoil(info, m, locals); return true })
				}
				return false
			}
		case *ast.Ident:
			spoil(info, n, locals)
		}
		return true
	})
	objs := make([]types.Object, 0, len(locals))
	for obj := range locals {
		objs = append(objs, obj)
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].Pos() < objs[j].Pos() })
	for _, obj := range objs {
		l := locals[obj]
		if l.spoiled || l.add == nil || l.wait == nil || l.wait.Pos() < l.add.Pos() {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:      l.wait.Pos(),
			End:      l.wait.End(),
			Category: "wgdone",
			Message: fmt.Sprintf("nothing calls %s.Done, so %s.Wait blocks forever (%s.Add at line %d counts goroutines that never finish for it); call defer %s.Done() in each counted goroutine",
				obj.Name(), obj.Name(), obj.Name(), pass.Fset.Position(l.add.Pos()).Line, obj.Name()),
		})
	}
}

// A local is a WaitGroup variable declared in the function checkNeverDone
// examines.
type local struct {
	add, wait *ast.CallExpr
	spoiled   bool // Done, Go, or any use but Add and Wait
}

// spoil marks a local WaitGroup as used in a way checkNeverDone does not
// follow, when n names it outside an Add or Wait call.
func spoil(info *types.Info, n ast.Node, locals map[types.Object]*local) {
	if id, ok := n.(*ast.Ident); ok {
		if l := locals[info.Uses[id]]; l != nil {
			l.spoiled = true
		}
	}
}

func markAll(info *types.Info, n ast.Node, get func(refs.Ref) *uses) {
	ast.Inspect(n, func(m ast.Node) bool {
		if e, ok := m.(ast.Expr); ok && syncops.IsWaitGroup(info.TypeOf(e)) {
			if r := refs.Of(info, e); r.Valid() {
				get(r).other = true
			}
		}
		return true
	})
}

func positive(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	return tv.Value != nil && constant.Sign(tv.Value) > 0
}

func isParam(obj types.Object, fn ast.Node) bool {
	var ft *ast.FuncType
	var recv *ast.FieldList
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		ft, recv = fn.Type, fn.Recv
	case *ast.FuncLit:
		ft = fn.Type
	}
	for _, fl := range []*ast.FieldList{recv, ft.Params} {
		if fl != nil && obj.Pos() >= fl.Pos() && obj.Pos() < fl.End() {
			return true
		}
	}
	return false
}

func isPtr(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}
