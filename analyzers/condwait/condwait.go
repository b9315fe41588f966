package condwait

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/syncops"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "condwait",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("condwait"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, prims.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !locks.Used(pass) {
		return nil, nil
	}
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	lockers := lockset.IndexNewCond(info, ins)
	var callers *lockset.Callers // built on first need
	x := prims.For(pass)
	unsignalled := make(map[refs.Key]bool) // reported once per Cond
	dead := funcs.Dead(info, pass.Files)
	// signals returns the Signals and Broadcasts of key that can run: those
	// in code that nothing calls cannot wake anyone.
	signals := func(key refs.Key) int {
		n := 0
		for _, s := range x.Of(key, prims.Signal) {
			if d, ok := declOf(ins, s.Node).(*ast.FuncDecl); ok && dead[d] {
				continue
			}
			n++
		}
		return n
	}

	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		wait := cur.Node().(*ast.CallExpr)
		name, cond := syncops.Cond(info, wait)
		if name != "Wait" {
			continue
		}
		fn, loop, onlyIn := enclosing(cur)
		if fn == nil {
			continue
		}
		waitDecl, _ := declOf(ins, wait).(*ast.FuncDecl)
		if o := x.ByNode[wait]; o != nil && !x.Escaped[o.Key] && !unsignalled[o.Key] && (waitDecl == nil || !dead[waitDecl]) && signals(o.Key) == 0 {
			// Nothing can wake it: the loop and the lock do not matter.
			unsignalled[o.Key] = true
			pass.Report(analysis.Diagnostic{
				Pos:      wait.Pos(),
				End:      wait.End(),
				Category: "condwait",
				Message:  fmt.Sprintf("nothing in the package calls Signal or Broadcast on %s, so this Wait never returns; signal the Cond where the condition changes", o.Key),
			})
			continue
		}
		if !loop && !passThrough(info, fn, wait) {
			reportNoLoop(pass, wait, onlyIn)
		}
		if !cond.Valid() {
			continue
		}
		mu := lockers.Of(cond)
		if !mu.Valid() {
			continue
		}
		var body *ast.BlockStmt
		var g *cfg.CFG
		goLit := false
		// heldByCallers reports whether every caller of the function
		// enters it with mu locked: a helper of a function that locks.
		heldByCallers := func() bool { return false }
		switch fn := fn.(type) {
		case *ast.FuncDecl:
			body, g = fn.Body, cfgs.FuncDecl(fn)
			heldByCallers = func() bool {
				obj, ok := info.Defs[fn.Name].(*types.Func)
				if !ok {
					return false
				}
				if callers == nil {
					callers = lockset.NewCallers(info, funcs.IndexDecls(info, ins), cfgs, pass.Files)
				}
				return callers.HeldAtEntry(obj, mu, locks.Write)
			}
		case *ast.FuncLit:
			body, g = fn.Body, cfgs.FuncLit(fn)
			goLit = startedWithGo(cur, fn)
		}
		if g == nil {
			continue
		}
		checkHeld(pass, wait, cond, mu, body, g, goLit, heldByCallers)
	}
	return nil, nil
}

// enclosing returns the function that contains the Wait call at cur,
// whether a for loop of that function encloses it, and the if statement
// whose body is nothing but the Wait, if any.
func enclosing(cur inspector.Cursor) (fn ast.Node, loop bool, onlyIn *ast.IfStmt) {
	first := true
	for c := range cur.Enclosing() {
		switch n := c.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n, loop, onlyIn
		case *ast.ForStmt, *ast.RangeStmt:
			loop = true
		case *ast.IfStmt:
			if first && n.Init == nil && n.Else == nil && len(n.Body.List) == 1 {
				if es, ok := n.Body.List[0].(*ast.ExprStmt); ok && es.X == cur.Node() {
					onlyIn = n
				}
			}
			first = false
		case *ast.BlockStmt, *ast.ExprStmt, *ast.CallExpr:
		default:
			first = false
		}
	}
	return nil, loop, onlyIn
}

func reportNoLoop(pass *analysis.Pass, wait *ast.CallExpr, onlyIn *ast.IfStmt) {
	diag := analysis.Diagnostic{
		Pos:      wait.Pos(),
		End:      wait.End(),
		Category: "condwait",
		Message:  "Wait is not in a for loop that checks the condition again: Wait can return while the condition is still false (a Broadcast, a Signal meant for another waiter, a goroutine that got the lock first); wait as for !condition { c.Wait() }",
	}
	if onlyIn != nil {
		diag.Message = "Wait is in an if, not a for: the condition is not checked again after Wait returns, and it may still be false (a Broadcast, a Signal meant for another waiter, a goroutine that got the lock first); use for instead of if"
		diag.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "re-check the condition in a for loop",
			TextEdits: []analysis.TextEdit{{Pos: onlyIn.If, End: onlyIn.If + 2, NewText: []byte("for")}},
		}}
	}
	pass.Report(diag)
}

// checkHeld reports the Wait when some path reaches it without mu, the
// Cond's locker, held. Only functions that lock or unlock mu themselves are
// judged: a helper that waits may be called with the lock held.
func checkHeld(pass *analysis.Pass, wait *ast.CallExpr, cond, mu refs.Ref, body *ast.BlockStmt, g *cfg.CFG, goLit bool, heldByCallers func() bool) {
	info := pass.TypesInfo
	viaL := refs.Ref{Root: cond.Root, Path: cond.Path + ".L"}
	// op returns +1 for a lock of mu (or c.L), -1 for an unlock, 0 otherwise.
	op := func(call *ast.CallExpr) int {
		name, r := syncops.Mutex(info, call)
		if r != mu {
			name, r = syncops.MethodCall(info, call, "sync", "Locker")
			if r != viaL {
				return 0
			}
		}
		switch name {
		case "Lock":
			return +1
		case "Unlock":
			return -1
		}
		return 0
	}
	manages, locksItself := false, false
	funcs.Calls(body, func(call *ast.CallExpr) {
		switch op(call) {
		case +1:
			manages, locksItself = true, true
		case -1:
			manages = true
		}
	})
	if !manages {
		return
	}
	// A function that only unlocks mu was called with it held. One that
	// locks it too holds it on entry when all its callers hold it (it
	// releases the lock around slow work and takes it back), and not
	// otherwise.
	entryHeld := !goLit && (!locksItself || heldByCallers())

	transfer := func(b *cfg.Block, held bool, atWait func(bool)) bool {
		for _, n := range b.Nodes {
			funcs.Calls(n, func(call *ast.CallExpr) {
				if call == wait && atWait != nil {
					atWait(held)
				}
				switch op(call) {
				case +1:
					held = true
				case -1:
					held = false
				}
			})
		}
		return held
	}
	in := map[*cfg.Block]bool{g.Blocks[0]: entryHeld}
	work := []*cfg.Block{g.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		out := transfer(b, in[b], nil)
		for _, s := range b.Succs {
			prev, seen := in[s]
			if !seen || prev && !out {
				in[s] = out && (!seen || prev)
				work = append(work, s)
			}
		}
	}
	notHeld := false
	for _, b := range g.Blocks {
		if held, ok := in[b]; ok && b.Live {
			transfer(b, held, func(held bool) { notHeld = notHeld || !held })
		}
	}
	if notHeld {
		pass.Report(analysis.Diagnostic{
			Pos:      wait.Pos(),
			End:      wait.End(),
			Category: "condwait",
			Message: fmt.Sprintf("Wait is reached on a path where %s (its L) is not locked: Wait unlocks c.L first, so this panics (sync: unlock of unlocked mutex) or releases another goroutine's lock; lock %s before waiting",
				mu, mu),
		})
	}
}

// passThrough reports whether the Wait leaves the re-check to the callers
// of its function: it is a top-level statement of a function declaration
// and all that follows it is unlocking and returning a constant or a call's
// result (nothing, true, or q.Remove(), which checks again). Such a
// function is a wait-once primitive or a wrapper, whose callers loop over
// the condition (for q.Wait() { … }).
func passThrough(info *types.Info, fn ast.Node, wait *ast.CallExpr) bool {
	decl, ok := fn.(*ast.FuncDecl)
	if !ok {
		return false
	}
	i := slices.IndexFunc(decl.Body.List, func(st ast.Stmt) bool {
		es, ok := st.(*ast.ExprStmt)
		return ok && ast.Unparen(es.X) == wait
	})
	if i < 0 {
		return false
	}
	for _, st := range decl.Body.List[i+1:] {
		switch st := st.(type) {
		case *ast.ExprStmt:
			call, ok := ast.Unparen(st.X).(*ast.CallExpr)
			if !ok {
				return false
			}
			if name, _ := syncops.Mutex(info, call); name != "Unlock" && name != "RUnlock" {
				if name, _ := syncops.MethodCall(info, call, "sync", "Locker"); name != "Unlock" {
					return false
				}
			}
		case *ast.ReturnStmt:
			for _, r := range st.Results {
				_, isCall := ast.Unparen(r).(*ast.CallExpr)
				if info.Types[r].Value == nil && !isCall {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// startedWithGo reports whether lit is the function of a go statement.
func startedWithGo(cur inspector.Cursor, lit *ast.FuncLit) bool {
	for c := range cur.Enclosing((*ast.GoStmt)(nil)) {
		g := c.Node().(*ast.GoStmt)
		return ast.Unparen(g.Call.Fun) == lit
	}
	return false
}

// declOf returns the declared function that n is in (around its literal,
// if any), or nil.
func declOf(ins *inspector.Inspector, n ast.Node) ast.Node {
	cur, ok := ins.Root().FindNode(n)
	if !ok {
		return nil
	}
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return c.Node()
	}
	return nil
}
