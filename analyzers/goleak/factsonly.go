package goleak

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/factsonly"
)

// Facts is goleak's form for the units go vet analyses only for their
// facts: SSA is built only for a package that may have a summary to
// export.
var Facts = factsonly.Exporter{
	MayExport: mayExportFacts,
	Export: func(pass *analysis.Pass) error {
		exportFacts(pass)
		return nil
	},
}

// mayExportFacts reports whether a function of the package whose fact go
// vet writes (factsonly.Written: an exported function or a method) may get
// a summary, without building SSA. A summary records a channel parameter
// (Params, Ranges) or that the function never returns (Never).
//
// A function never returns when its SSA blocks on every path: at a channel
// operation on a channel made in the package (mayBeFollowed), an empty
// select, a receive until a timer channel is closed, a loop with no way
// out, or a call of a function that never returns. That function is named in its body (an
// identifier of a function of this package, or an imported function whose
// summary says so) or is a literal in its body, since SSA resolves no
// other callee statically. So the question is asked of each function
// declaration, its literals included, and of the declarations it names, as
// far as they go. A loop with no way out needs no SSA either: ctrlflow's
// graph of the body (every unit runs ctrlflow for its own facts) has the
// branches SSA has, so when one of its paths ends (at a return, the end of
// the body, a panic, or a call that cannot return, after which SSA places
// a panic, which goleak counts as finishing) the SSA path ends too
// (mayLoopForever).
func mayExportFacts(pass *analysis.Pass) bool {
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)

	// The function declarations, in source order, and what each may block
	// on by itself.
	type decl struct {
		node    *ast.FuncDecl
		fn      *types.Func
		blocks  bool  // a channel operation that may block forever, select {}, a loop with no way out, an imported function that never returns
		callees []int // the declarations it names
	}
	var decls []*decl
	index := make(map[*types.Func]int)
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil)) {
		fd := n.(*ast.FuncDecl)
		fn, ok := info.Defs[fd.Name].(*types.Func)
		if !ok || fd.Body == nil {
			continue
		}
		if factsonly.Written(fn) && hasChanParam(fn.Signature()) {
			return true
		}
		index[fn] = len(decls)
		decls = append(decls, &decl{node: fd, fn: fn})
	}
	sort.Slice(decls, func(i, j int) bool { return decls[i].node.Pos() < decls[j].node.Pos() })
	for i, d := range decls {
		index[d.fn] = i
	}
	// enclosing returns the declaration whose body holds pos, or nil:
	// outside a function (a package variable's initializer), a literal
	// can be called only through a variable, which SSA does not resolve.
	enclosing := func(pos token.Pos) *decl {
		i := sort.Search(len(decls), func(i int) bool { return decls[i].node.End() > pos })
		if i < len(decls) && decls[i].node.Pos() <= pos {
			return decls[i]
		}
		return nil
	}

	// The receives that test ok (v, ok := <-ch), outside a select: only
	// they can wait for a timer channel to be closed.
	testsOk := make(map[*ast.UnaryExpr]bool)
	var selectCases []*ast.UnaryExpr
	for n := range ins.PreorderSeq((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CommClause)(nil)) {
		var lhs int
		var rhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs, rhs = len(n.Lhs), n.Rhs
		case *ast.ValueSpec:
			lhs, rhs = len(n.Names), n.Values
		case *ast.CommClause:
			if as, ok := n.Comm.(*ast.AssignStmt); ok && len(as.Rhs) == 1 {
				selectCases = append(selectCases, recvOf(as.Rhs[0]))
			}
			continue
		}
		if lhs == 2 && len(rhs) == 1 {
			if recv := recvOf(rhs[0]); recv != nil {
				testsOk[recv] = true
			}
		}
	}
	for _, recv := range selectCases {
		delete(testsOk, recv) // a select's case: SSA's select has no comma-ok receive
	}

	made := chans.NewMade(info, ins, cfgs)
	filter := []ast.Node{
		(*ast.FuncDecl)(nil),
		(*ast.FuncLit)(nil),
		(*ast.SendStmt)(nil),
		(*ast.UnaryExpr)(nil),
		(*ast.SelectStmt)(nil),
		(*ast.RangeStmt)(nil),
	}
	ins.Preorder(filter, func(n ast.Node) {
		d := enclosing(n.Pos())
		if d == nil || d.blocks {
			return
		}
		switch n := n.(type) {
		case *ast.SendStmt:
			// It waits forever only on an unbuffered made channel that
			// nothing receives from.
			d.blocks = made.MayBeFollowed(n.Chan) && made.Uses(n.Chan)&(chans.Buffered|chans.Received|chans.Escaped) == 0
		case *ast.SelectStmt:
			d.blocks = len(n.Body.List) == 0 // select {}; a case blocks as its send or receive does
		case *ast.UnaryExpr:
			if n.Op != token.ARROW {
				break
			}
			if testsOk[n] {
				// It waits until the channel is closed: a made one
				// that nothing closes, or a timer's.
				d.blocks = made.MayBeFollowed(n.X) && made.Uses(n.X)&(chans.Closed|chans.Escaped) == 0 || chans.MayBeTimerChan(info, n.X)
				break
			}
			// A plain receive, or a select's: it waits forever only on
			// a made channel that nothing sends to or closes.
			d.blocks = made.MayBeFollowed(n.X) && made.Uses(n.X)&(chans.SentTo|chans.Closed|chans.Escaped) == 0
		case *ast.RangeStmt:
			d.blocks = chans.MayBeChan(info.TypeOf(n.X)) &&
				(made.MayBeFollowed(n.X) && made.Uses(n.X)&(chans.Closed|chans.Escaped) == 0 || chans.MayBeTimerChan(info, n.X))
		case *ast.FuncDecl:
			d.blocks = mayLoopForever(info, cfgs, cfgs.FuncDecl(n), n.Body)
		case *ast.FuncLit:
			d.blocks = mayLoopForever(info, cfgs, cfgs.FuncLit(n), n.Body)
		}
	})

	// A function passed to a call is not called by it in SSA: the callee
	// calls its parameter, which SSA does not resolve.
	passed := make(map[*ast.Ident]bool)
	for n := range ins.PreorderSeq((*ast.CallExpr)(nil)) {
		for _, a := range n.(*ast.CallExpr).Args {
			switch a := ast.Unparen(a).(type) {
			case *ast.Ident:
				passed[a] = true
			case *ast.SelectorExpr:
				passed[a.Sel] = true
			}
		}
	}
	for id, obj := range info.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || passed[id] {
			continue
		}
		d := enclosing(id.Pos())
		if d == nil || d.blocks {
			continue
		}
		if i, ok := index[fn.Origin()]; ok {
			d.callees = append(d.callees, i)
			continue
		}
		var f summaryFact
		if factsonly.ImportedFact(pass, fn, &f) && f.Never != "" {
			d.blocks = true
		}
	}

	// Can a function whose fact is written reach one that blocks?
	seen := make([]bool, len(decls))
	var reaches func(i int) bool
	reaches = func(i int) bool {
		if seen[i] {
			return false
		}
		seen[i] = true
		if decls[i].blocks {
			return true
		}
		for _, j := range decls[i].callees {
			if reaches(j) {
				return true
			}
		}
		return false
	}
	for i, d := range decls {
		if factsonly.Written(d.fn) && reaches(i) {
			return true
		}
	}
	return false
}

// recvOf returns e if it is a receive, through parentheses, or nil.
func recvOf(e ast.Expr) *ast.UnaryExpr {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u
	}
	return nil
}

// hasChanParam reports whether sig has a receiver or parameter whose type
// is a channel, as summarize tests fn.Params.
func hasChanParam(sig *types.Signature) bool {
	if r := sig.Recv(); r != nil {
		if _, ok := r.Type().Underlying().(*types.Chan); ok {
			return true
		}
	}
	for p := range sig.Params().Variables() {
		if _, ok := p.Type().Underlying().(*types.Chan); ok {
			return true
		}
	}
	return false
}

// mayLoopForever reports whether a function body may, by its own control
// flow, reach neither a return nor a panic. A body without a for or range
// statement or a goto is acyclic: every path through its SSA ends, unless
// it blocks at a channel operation or a call, which are accounted for
// apart. Otherwise ctrlflow's graph g of the body decides: SSA sees the
// same branches, so a path of g that ends (a block without successors)
// ends in SSA too, if SSA ends it the same way (endsInSSA).
func mayLoopForever(info *types.Info, cfgs *ctrlflow.CFGs, g *cfg.CFG, body *ast.BlockStmt) bool {
	if !cyclic(body) {
		return false
	}
	if g == nil {
		// ctrlflow knows the function without its graph (runtime.Goexit,
		// syscall.Exit): build it as ctrlflow would.
		g = cfg.New(body, func(call *ast.CallExpr) bool {
			if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					return false
				}
			}
			fn := typeutil.StaticCallee(info, call)
			return fn == nil || !cfgs.NoReturn(fn)
		})
	}
	for _, b := range g.Blocks {
		if b.Live && len(b.Succs) == 0 && endsInSSA(info, cfgs, b) {
			return false
		}
	}
	return true
}

// cyclic reports whether body has a for or range statement or a goto.
func cyclic(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			found = true
		case *ast.BranchStmt:
			found = found || n.Tok == token.GOTO
		}
		return !found
	})
	return found
}

// endsInSSA reports whether the path of ctrlflow's graph that ends at b, a
// block without successors, ends in SSA too, at a return or a panic. b
// returns, falls off the end of the body, or calls panic or a function
// that ctrlflow knows cannot return; SSA places a panic after such a call
// (goleak counts it as finishing) when it names the function as ctrlflow
// does, which an instance of a generic function may not be.
func endsInSSA(info *types.Info, cfgs *ctrlflow.CFGs, b *cfg.Block) bool {
	if len(b.Nodes) == 0 {
		return true
	}
	stmt, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt)
	if !ok {
		return true // a return, or the last statement of the body
	}
	call, ok := ast.Unparen(stmt.X).(*ast.CallExpr)
	if !ok {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || !cfgs.NoReturn(fn) {
		return true // the body ends after a call that returns
	}
	sig := fn.Signature()
	return fn.Origin() == fn && sig.TypeParams().Len() == 0 && sig.RecvTypeParams().Len() == 0
}
