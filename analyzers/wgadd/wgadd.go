package wgadd

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/goversion"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/summary"
	"github.com/concvet/concvet/internal/syncops"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "wgadd",
	Doc:       docs.FromSource(doc),
	URL:       docs.URL("wgadd"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, prims.Analyzer},
	FactTypes: []analysis.Fact{new(summaryFact)},
	Run:       run,
}

// summaryFact records, for a function, what it does to the WaitGroups its
// caller passes in (as arguments or through the receiver), so that
// `go worker(&wg)` is understood when worker is in another package.
//
// Ops is a slice sorted by Param, not a map: facts are gob-encoded, and a
// map's encoding depends on its iteration order, which would make the
// encoding differ from run to run.
type summaryFact struct {
	Ops []summary.ParamOps[Ops]
}

func (*summaryFact) AFact() {}

func (f *summaryFact) String() string { return summary.FormatParams("wgops", f.Ops) }

// Ops summarizes what a goroutine body does to one WaitGroup.
type Ops struct {
	Add       bool // calls Add or Go on it
	Done      bool // calls Done on it
	Wait      bool // calls Wait on it
	DoneFirst bool // a Done (usually deferred) comes before the first Add
	Escapes   bool // passes it where the analysis cannot see
}

func (o Ops) String() string {
	s := ""
	for _, f := range []struct {
		on   bool
		name string
	}{{o.Add, "add"}, {o.Done, "done"}, {o.Wait, "wait"}, {o.DoneFirst, "donefirst"}, {o.Escapes, "escapes"}} {
		if f.on {
			if s != "" {
				s += ","
			}
			s += f.name
		}
	}
	return s
}

// An op is one operation of a body on a WaitGroup, where it happens.
type op struct {
	ops    Ops
	at     ast.Node    // the Add call, or the call of the function that adds
	via    *types.Func // the callee that adds, if not a direct Add
	method string      // "Add" or "Go", for a direct call
	param  refs.Param  // for a function started with go: the parameter it adds to
}

type checker struct {
	pass    *analysis.Pass
	started []startedAdd // functions started with go that add: reported once each, at the end
	decls   funcs.Decls
	summary map[*types.Func]map[refs.Param]Ops // same-package summaries, solved by summary.Solve
	caps    chans.Capacities                   // built on first need
	prims   *prims.Index                       // built on first need
	ins     *inspector.Inspector
}

func run(pass *analysis.Pass) (any, error) {
	c := exportFacts(pass)
	for cur := range c.ins.Root().Preorder((*ast.GoStmt)(nil)) {
		g := cur.Node().(*ast.GoStmt)
		encl, file := funcs.Enclosing(cur)
		c.checkGo(g, encl, file)
	}
	c.reportStarted()
	return nil, nil
}

// exportFacts summarizes the functions of the package and exports a
// summary for every function that touches a WaitGroup reached through its
// parameters or receiver, whether or not this package starts it as a
// goroutine: an importer may. It returns the checker, which the
// diagnostics reuse.
func exportFacts(pass *analysis.Pass) *checker {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{
		pass:    pass,
		ins:     ins,
		decls:   funcs.IndexDecls(pass.TypesInfo, ins),
		summary: make(map[*types.Func]map[refs.Param]Ops),
	}
	graph := summary.CallGraph(pass.Fset, pass.TypesInfo, c.decls)
	summary.Solve(graph, c.summary, c.summarize, maps.Equal)
	for _, fn := range graph.Funcs {
		if s := c.summary[fn]; len(s) > 0 {
			pass.ExportObjectFact(fn, &summaryFact{Ops: summary.EncodeParams(s)})
		}
	}
	return c
}

// checkGo reports the WaitGroups that the goroutine started by g adds to
// while not holding a count of its own.
func (c *checker) checkGo(g *ast.GoStmt, encl ast.Node, file *ast.File) {
	info := c.pass.TypesInfo
	t := funcs.Resolve(info, c.decls, g.Call)
	if !t.Known() {
		return
	}

	// What the goroutine does, in the spawner's terms.
	first := make(map[refs.Ref]op)
	if t.Lit != nil {
		for r, o := range c.bodyOps(t.Lit.Body) {
			if p, ok := refs.AsParam(r, t.Sig); ok {
				// Parameters of the literal stand for the go statement's arguments.
				if outer := refs.AtCall(info, p, nil, g.Call); outer.Valid() {
					first[outer] = o
				}
			} else if !refs.DeclaredIn(r.Root, t.Lit) { // not the goroutine's own WaitGroup
				first[r] = o
			}
		}
	} else {
		for p, o := range c.calleeSummary(t.Func) {
			if outer := refs.AtCall(info, p, t.Recv, g.Call); outer.Valid() {
				first[outer] = op{ops: o, at: g.Call, via: t.Func, param: p}
			}
		}
	}

	for _, r := range sortedRefs(first) {
		o := first[r]
		switch {
		case !o.ops.Add, o.ops.Wait, o.ops.Escapes, o.ops.DoneFirst:
			continue
		case o.ops.Done && c.addsBefore(encl, r, g.Pos()):
			// The goroutine was counted before it started and adds for
			// its children while it holds that count.
			continue
		case c.handoffAfterAdds(g, t, r, o, encl):
			// The spawner waits on a channel operation that completes
			// only once the goroutine is past its Adds (a signal the
			// goroutine sends, or an unbuffered send it receives): the
			// Adds happen before anything the spawner does next, Wait
			// included.
			continue
		}
		c.report(g, t, r, o, file)
	}
}

func (c *checker) report(g *ast.GoStmt, t funcs.Target, r refs.Ref, o op, file *ast.File) {
	if t.Lit == nil {
		// A named function: every go statement that starts it has the
		// same cause, reported once by reportStarted.
		c.started = append(c.started, startedAdd{g, t, r, o, file})
		return
	}
	c.pass.Report(c.diagnostic(g, t, r, o, file))
}

// diagnostic describes the Add (or the call that adds, o.at) on the
// goroutine that g starts, with r the WaitGroup in the spawner's terms.
func (c *checker) diagnostic(g *ast.GoStmt, t funcs.Target, r refs.Ref, o op, file *ast.File) analysis.Diagnostic {
	hasGo := goversion.AtLeast(c.pass, file, "go1.25")
	name := display(c.pass.TypesInfo, r, o.at)
	// A goroutine that calls Done counts itself with its Add: the Add
	// belongs before the go statement. One that does not is adding for
	// goroutines it starts while nobody counts it: it must hold a count of
	// its own while it adds.
	var advice string
	switch {
	case !o.ops.Done:
		advice = fmt.Sprintf("count this goroutine too (%s.Add(1) before the go statement, defer %s.Done() in it) so that its Adds happen while the count is held", name, name)
	case hasGo:
		advice = fmt.Sprintf("call %s.Add before the go statement, or start the goroutine with %s.Go", name, name)
	default:
		advice = fmt.Sprintf("call %s.Add before the go statement", name)
	}
	var msg string
	switch {
	case o.via == nil && (o.method == "Go" || !o.ops.Done):
		msg = fmt.Sprintf("%s.%s runs on a goroutine that %s does not count, so %s.Wait may return before it; %s", name, o.method, name, name, advice)
	case o.via == nil:
		msg = fmt.Sprintf("%s.Add runs on the goroutine it counts, so %s.Wait may return before it; %s", name, name, advice)
	default:
		msg = fmt.Sprintf("%s calls %s.Add on the new goroutine, so %s.Wait may return before it; %s", o.via.Name(), name, name, advice)
	}
	diag := analysis.Diagnostic{
		Pos:      o.at.Pos(),
		End:      o.at.End(),
		Category: "wgadd",
		Message:  msg,
	}
	if t.Lit != nil && o.via == nil && o.method == "Add" {
		if fix, ok := c.fix(g, t.Lit, o.at.(*ast.CallExpr), r, hasGo); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	return diag
}

// display names the WaitGroup r as the source writes it at the Add: s.wg,
// not s.wg.WaitGroup when s.wg embeds one (r, the canonical reference,
// spells out the embedded fields it walks through). When the Add names it
// otherwise (a parameter of the goroutine standing for the spawner's
// variable), r's name is the one the spawner knows.
func display(info *types.Info, r refs.Ref, at ast.Node) string {
	if call, ok := at.(*ast.CallExpr); ok {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && (sel.Sel.Name == "Add" || sel.Sel.Name == "Go") {
			if inner := refs.Of(info, sel.X); inner.Valid() && inner.Root == r.Root {
				x := ast.Unparen(sel.X)
				if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
					x = ast.Unparen(u.X)
				}
				return types.ExprString(x)
			}
		}
	}
	return r.String()
}

// A startedAdd is a named function started with go that adds to a
// WaitGroup it is not counted by.
type startedAdd struct {
	g    *ast.GoStmt
	t    funcs.Target
	r    refs.Ref
	o    op
	file *ast.File
}

// reportStarted reports each function started with go that adds once: at
// the Add in its body when it is in this package, else at the first go
// statement; the go statements that start it are related locations.
func (c *checker) reportStarted() {
	type key struct {
		fn    *types.Func
		param string
	}
	var order []key
	groups := make(map[key][]startedAdd)
	for _, s := range c.started {
		k := key{s.o.via, s.o.param.Key()}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], s)
	}
	for _, k := range order {
		group := groups[k]
		first := group[0]
		diag := c.diagnostic(first.g, first.t, first.r, first.o, first.file)
		related := group[1:]
		if inner, r, ok := c.addIn(k.fn, first.o.param); ok {
			// At the cause, in the callee's own terms.
			inner.ops = first.o.ops
			diag = c.diagnostic(first.g, funcs.Target{}, r, inner, first.file)
			diag.Message = fmt.Sprintf("%s is started with go: %s", k.fn.Name(), diag.Message)
			related = group
		}
		for _, s := range related {
			diag.Related = append(diag.Related, analysis.RelatedInformation{Pos: s.g.Pos(), End: s.g.End(), Message: "started with go"})
		}
		c.pass.Report(diag)
	}
}

// addIn finds, in the body of fn when it is declared in this package, the
// Add (or the call that adds) to the WaitGroup that p names, and that
// WaitGroup in fn's terms.
func (c *checker) addIn(fn *types.Func, p refs.Param) (op, refs.Ref, bool) {
	decl, ok := c.decls[fn]
	if !ok || decl.Body == nil {
		return op{}, refs.Ref{}, false
	}
	sig := fn.Type().(*types.Signature)
	for r, o := range c.bodyOps(decl.Body) {
		if q, ok := refs.AsParam(r, sig); ok && q == p && o.ops.Add && o.at != nil {
			if o.method == "" && o.via == nil {
				o.method = "Add"
			}
			return o, r, true
		}
	}
	return op{}, refs.Ref{}, false
}

// fix moves the Add before the go statement, or, from go1.25 and for the
// exact shape `go func() { wg.Add(1); defer wg.Done(); ... }()`, rewrites the
// goroutine to wg.Go.
func (c *checker) fix(g *ast.GoStmt, lit *ast.FuncLit, add *ast.CallExpr, r refs.Ref, hasGo bool) (analysis.SuggestedFix, bool) {
	info := c.pass.TypesInfo
	body := lit.Body.List
	idx := -1
	for i, s := range body {
		if es, ok := s.(*ast.ExprStmt); ok && es.X == add {
			idx = i
		}
	}
	if idx < 0 {
		return analysis.SuggestedFix{}, false // not a statement of its own at the top of the body
	}
	if inner := refs.Of(info, add.Fun.(*ast.SelectorExpr).X); !inner.Valid() || refs.DeclaredIn(inner.Root, lit) {
		return analysis.SuggestedFix{}, false // the WaitGroup is named by the goroutine's parameter
	}
	for _, a := range add.Args {
		if tv, ok := info.Types[a]; !ok || tv.Value == nil {
			return analysis.SuggestedFix{}, false // the delta may depend on the goroutine's state
		}
	}
	for _, s := range body[:idx] {
		if mayLeave(s) {
			return analysis.SuggestedFix{}, false // the Add may not run at all
		}
	}
	addText, ok := fixes.Source(c.pass, add)
	if !ok {
		return analysis.SuggestedFix{}, false
	}

	if hasGo && idx == 0 && len(body) >= 2 && len(lit.Type.Params.List) == 0 && len(g.Call.Args) == 0 &&
		isOne(info, add) && isDeferDone(info, body[1], r) && refsIn(info, body[2:], r) == 0 {
		recv, ok := fixes.Source(c.pass, add.Fun.(*ast.SelectorExpr).X)
		del0, ok0 := fixes.DeleteLine(c.pass, body[0])
		del1, ok1 := fixes.DeleteLine(c.pass, body[1])
		if ok && ok0 && ok1 {
			return analysis.SuggestedFix{
				Message: fmt.Sprintf("start the goroutine with %s.Go", r),
				TextEdits: []analysis.TextEdit{
					{Pos: g.Pos(), End: lit.Pos(), NewText: []byte(string(recv) + ".Go(")},
					del0, del1,
					{Pos: lit.End(), End: g.Call.End(), NewText: []byte(")")},
				},
			}, true
		}
	}

	ins, ok1 := fixes.InsertLineBefore(c.pass, g.Pos(), string(addText))
	del, ok2 := fixes.DeleteLine(c.pass, body[idx])
	if !ok1 || !ok2 {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("move %s before the go statement", addText),
		TextEdits: []analysis.TextEdit{ins, del},
	}, true
}

// bodyOps summarizes what body does, on the goroutine that runs it, to each
// WaitGroup it names, in the body's own terms. Nested go statements belong to
// other goroutines; function literals that are deferred or called on the
// spot run on this one; other literals may run at any time, so what they do
// makes the WaitGroup escape the analysis.
func (c *checker) bodyOps(body *ast.BlockStmt) map[refs.Ref]op {
	info := c.pass.TypesInfo
	out := make(map[refs.Ref]op)
	note := func(r refs.Ref, at ast.Node, via *types.Func, f func(*Ops)) {
		if !r.Valid() {
			return
		}
		o := out[r]
		hadAdd := o.ops.Add
		f(&o.ops)
		if !hadAdd && o.ops.Add {
			o.at, o.via = at, via
		}
		out[r] = o
	}
	add := func(o *Ops) {
		if !o.Add && o.Done {
			o.DoneFirst = true
		}
		o.Add = true
	}

	// An Add made while a mutex is held is how code makes Add safe
	// against a concurrent Wait: the Add and the shutdown that precedes
	// the Wait take the same lock, and the Add is skipped once shutdown
	// began (net/http's trackListener, grpc's Serve). Such Adds are not
	// reported; held counts the locks held at this point of the body, in
	// source order.
	held := 0
	exitUnlocks := unlocksBeforeExit(info, body)
	var relock []token.Pos // ends of the blocks whose exit Unlocks released a lock
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if n != nil {
			// Past the end of a block that unlocked and left: the path
			// that goes on still holds the lock.
			relock = slices.DeleteFunc(relock, func(end token.Pos) bool {
				if n.Pos() >= end {
					held++
					return true
				}
				return false
			})
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			return false
		case *ast.DeferStmt:
			if isLockOp(info, n.Call) != 0 {
				return false // a deferred Unlock keeps the lock to the end
			}
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if call, ok := m.(*ast.CallExpr); ok {
					if _, r := syncops.WaitGroup(info, call); r.Valid() {
						note(r, nil, nil, func(o *Ops) { o.Escapes = true })
					}
				}
				return true
			})
			return false
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				// Called on the spot, or deferred: runs on this goroutine.
				for _, a := range n.Args {
					ast.Inspect(a, visit)
				}
				ast.Inspect(lit.Body, visit)
				return false
			}
			if end, ok := exitUnlocks[n]; ok {
				// Released for the rest of its block, which leaves the
				// function: `mu.Unlock(); return f()` calls f unlocked.
				held--
				relock = append(relock, end)
			} else {
				held += isLockOp(info, n)
			}
			name, r := syncops.WaitGroup(info, n)
			switch name {
			case "Add", "Go":
				if held > 0 {
					break
				}
				note(r, n, nil, add)
				if o := out[r]; o.at == n {
					o.method = name
					out[r] = o
				}
			case "Done":
				note(r, n, nil, func(o *Ops) { o.Done = true })
			case "Wait":
				note(r, n, nil, func(o *Ops) { o.Wait = true })
			case "":
				if held <= 0 { // below zero: the caller's lock, released here
					c.callOps(n, note, add)
				}
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	return out
}

// callOps adds to a body's summary what a call of a function with a known
// summary does to the WaitGroups it is given, and marks WaitGroups passed to
// unknown functions as escaping.
func (c *checker) callOps(call *ast.CallExpr, note func(refs.Ref, ast.Node, *types.Func, func(*Ops)), add func(*Ops)) {
	info := c.pass.TypesInfo
	t := funcs.Resolve(info, c.decls, call)
	if t.Func == nil {
		for _, a := range call.Args {
			if syncops.IsWaitGroup(info.TypeOf(a)) {
				note(refs.Of(info, a), nil, nil, func(o *Ops) { o.Escapes = true })
			}
		}
		return
	}
	for p, o := range c.calleeSummary(t.Func) {
		r := refs.AtCall(info, p, t.Recv, call)
		note(r, call, t.Func, func(dst *Ops) {
			if o.Done && !dst.Add {
				dst.DoneFirst = dst.DoneFirst || o.DoneFirst || !o.Add
			}
			if o.Add {
				add(dst)
				dst.DoneFirst = dst.DoneFirst || o.DoneFirst
			}
			dst.Done = dst.Done || o.Done
			dst.Wait = dst.Wait || o.Wait
			dst.Escapes = dst.Escapes || o.Escapes
		})
	}
}

// calleeSummary returns fn's summary: computed from its body when it is in
// this package, imported as a fact otherwise.
func (c *checker) calleeSummary(fn *types.Func) map[refs.Param]Ops {
	if _, ok := c.decls[fn]; ok {
		return c.summary[fn]
	}
	var fact summaryFact
	if !c.pass.ImportObjectFact(fn, &fact) {
		return nil
	}
	return summary.DecodeParams(fact.Ops)
}

// summarize computes the summary of fn, a function of this package, from
// its body and its callees' summaries (absent while fn's component of the
// call graph is first solved).
func (c *checker) summarize(fn *types.Func) map[refs.Param]Ops {
	s := make(map[refs.Param]Ops)
	for r, o := range c.bodyOps(c.decls[fn].Body) {
		if p, ok := refs.AsParam(r, fn.Signature()); ok {
			s[p] = o.ops
		}
	}
	return s
}

// addsBefore reports whether the function encl adds to r before pos:
// calls r.Add or r.Go, or calls a function whose summary adds to the
// WaitGroup it is handed without settling it (no Done, no Wait), such as a
// wrapper `func (c *collector) Collecting() { c.wg.Add(1) }`.
func (c *checker) addsBefore(encl ast.Node, r refs.Ref, pos token.Pos) bool {
	info := c.pass.TypesInfo
	found := false
	if encl == nil {
		return false
	}
	ast.Inspect(encl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || call.Pos() >= pos {
			return !found
		}
		if name, r2 := syncops.WaitGroup(info, call); name != "" {
			found = (name == "Add" || name == "Go") && r2 == r
			return !found
		}
		t := funcs.Resolve(info, c.decls, call)
		if t.Func == nil {
			return true
		}
		for p, o := range c.calleeSummary(t.Func) {
			if o.Add && !o.Done && !o.Wait && !o.Escapes && refs.AtCall(info, p, t.Recv, call) == r {
				found = true
			}
		}
		return !found
	})
	return found
}

// mayLeave reports whether s may end the goroutine or skip what follows it.
func mayLeave(s ast.Stmt) bool {
	leaves := false
	ast.Inspect(s, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			leaves = true
		case *ast.BranchStmt:
			if n.Tok == token.GOTO {
				leaves = true
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "panic" {
				leaves = true
			}
		}
		return !leaves
	})
	return leaves
}

func isOne(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	tv := info.Types[call.Args[0]]
	return tv.Value != nil && tv.Value.String() == "1"
}

func isDeferDone(info *types.Info, s ast.Stmt, r refs.Ref) bool {
	d, ok := s.(*ast.DeferStmt)
	if !ok {
		return false
	}
	name, r2 := syncops.WaitGroup(info, d.Call)
	return name == "Done" && r2 == r
}

func refsIn(info *types.Info, stmts []ast.Stmt, r refs.Ref) int {
	n := 0
	for _, s := range stmts {
		ast.Inspect(s, func(m ast.Node) bool {
			if e, ok := m.(ast.Expr); ok {
				if refs.Of(info, e) == r {
					n++
					return false
				}
			}
			return true
		})
	}
	return n
}

// sortedRefs returns the keys of m in the order of the operations they
// name, so that diagnostics come out in a stable order.
func sortedRefs(m map[refs.Ref]op) []refs.Ref {
	keys := make([]refs.Ref, 0, len(m))
	for r := range m {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := m[keys[i]].at, m[keys[j]].at
		if a == nil || b == nil {
			return a != nil
		}
		if a.Pos() != b.Pos() {
			return a.Pos() < b.Pos()
		}
		return keys[i].String() < keys[j].String()
	})
	return keys
}

// isLockOp returns 1 for a call that locks a sync.Mutex or sync.RWMutex, -1
// for one that unlocks it, and 0 for anything else.
func isLockOp(info *types.Info, call *ast.CallExpr) int {
	for _, typ := range []string{"Mutex", "RWMutex"} {
		name, _ := syncops.MethodCall(info, call, "sync", typ)
		switch name {
		case "Lock", "RLock":
			return 1
		case "Unlock", "RUnlock":
			return -1
		}
	}
	return 0
}

// unlocksBeforeExit returns the Unlock calls that are statements of a block
// that then leaves the function (`mu.Unlock(); return err`), each with the
// end of its block: the lock is released until that return, and stays
// held on the path that goes on after the block.
func unlocksBeforeExit(info *types.Info, body *ast.BlockStmt) map[*ast.CallExpr]token.Pos {
	out := make(map[*ast.CallExpr]token.Pos)
	ast.Inspect(body, func(n ast.Node) bool {
		b, ok := n.(*ast.BlockStmt)
		if !ok || len(b.List) == 0 {
			return true
		}
		if _, ok := b.List[len(b.List)-1].(*ast.ReturnStmt); !ok {
			return true
		}
		for _, s := range b.List {
			if es, ok := s.(*ast.ExprStmt); ok {
				if call, ok := es.X.(*ast.CallExpr); ok && isLockOp(info, call) < 0 {
					out[call] = b.End()
				}
			}
		}
		return true
	})
	return out
}

// signalsAfter reports whether lit, after pos, sends on or closes a channel
// of the spawner that encl receives from (a receive, a range, a select
// handoffAfterAdds reports whether the spawner, after the go statement g,
// makes a blocking operation that completes only once the goroutine has
// passed its Adds to r: it receives what the goroutine sends or closes
// after them (deferred operations come last), it waits on another
// WaitGroup that the goroutine's Done releases after them, or it sends on
// an unbuffered channel that the goroutine receives from after them. Channels made where the package cannot see count as
// unbuffered: the analysis cannot tell, and stays silent.
func (c *checker) handoffAfterAdds(g *ast.GoStmt, t funcs.Target, r refs.Ref, o op, encl ast.Node) bool {
	info := c.pass.TypesInfo
	// A join on the WaitGroup the Add races with is the race itself.
	counted := refs.KeyOf(r)
	join := func(op chans.Op) bool { return (op.Kind == chans.Done || op.Kind == chans.Wait) && op.Key == counted }
	body, spawner := t.Body(), funcBody(encl)
	if body == nil || spawner == nil {
		return false
	}
	after := token.NoPos
	if t.Lit != nil {
		after = o.at.End() // the Add, or the call that adds
	} else {
		ast.Inspect(body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if name, _ := syncops.WaitGroup(info, call); name == "Add" || name == "Go" {
					after = max(after, call.End())
				}
			}
			return true
		})
		if after == token.NoPos {
			return false // it adds through a callee: where is not known here
		}
	}
	var theirs []chans.Op
	for _, op := range chans.Ops(info, body) {
		if op.Pos() < after && !op.Deferred || join(op) {
			continue
		}
		// A channel parameter of the goroutine's function is the
		// go statement's argument.
		if p, ok := refs.AsParam(op.Ref, t.Sig); ok {
			outer := refs.AtCall(info, p, t.Recv, g.Call)
			if !outer.Valid() {
				continue
			}
			op.Key = refs.KeyOf(outer)
		}
		theirs = append(theirs, op)
	}
	var ours []chans.Op
	for _, op := range chans.Ops(info, spawner) {
		if op.Pos() > g.End() && !join(op) {
			ours = append(ours, op)
		}
	}
	if len(theirs) == 0 {
		return false
	}
	if c.caps == nil {
		c.caps = chans.IndexCapacities(info, c.pass.Files)
	}
	if len(ours) > 0 && chans.Handoff(theirs, ours, c.caps, true) {
		return true
	}
	return c.waitersJoin(theirs, counted, t.Node(), after)
}

// waitersJoin reports whether every Wait on the counted WaitGroup, wherever
// it is in the package, first receives from a channel that the goroutine
// sends on or closes after its Adds (defer close(s.running) in the
// goroutine; <-s.running; s.wg.Wait() in Close), or first sends on an
// unbuffered channel whose every receive in the package is the
// goroutine's (gfn's), after its Adds (at after): the send completes only
// once the goroutine has taken it (gobgp's Stop sends an operation to
// Serve's loop, then waits). The Adds happen before each Wait even though
// the spawner itself does not wait.
func (c *checker) waitersJoin(theirs []chans.Op, counted refs.Key, gfn ast.Node, after token.Pos) bool {
	if c.prims == nil {
		c.prims = prims.For(c.pass)
	}
	signals := make(map[refs.Key]bool)
	for _, op := range theirs {
		switch op.Kind {
		case chans.Send, chans.Close:
			signals[op.Key] = true
		case chans.Recv, chans.Range:
			if c.receivedOnlyBy(op.Key, gfn, after) {
				signals[op.Key] = true
			}
		}
	}
	if len(signals) == 0 {
		return false
	}
	waits := c.prims.Of(counted, prims.Wait)
	if len(waits) == 0 || c.prims.Escaped[counted] {
		return false
	}
	for _, w := range waits {
		joined := false
		for _, o := range c.prims.Ops {
			if o.Func != w.Func || !o.Blocking || o.Deferred || o.Node.Pos() >= w.Node.Pos() || !signals[o.Key] {
				continue
			}
			switch o.Kind {
			case prims.Recv:
				joined = true
			case prims.Send:
				joined = joined || c.receivedOnlyBy(o.Key, gfn, after)
			}
		}
		if !joined {
			return false
		}
	}
	return true
}

// receivedOnlyBy reports whether k is an unbuffered channel, not escaping,
// whose every receive in the package is in the function gfn after the
// position after: a send on it completes only once gfn got there.
func (c *checker) receivedOnlyBy(k refs.Key, gfn ast.Node, after token.Pos) bool {
	if gfn == nil || c.prims.Escaped[k] || !c.prims.Unbuffered(k) {
		return false
	}
	recvs := c.prims.Of(k, prims.Recv)
	for _, r := range recvs {
		if r.Func != gfn || r.Node.Pos() < after {
			return false
		}
	}
	return len(recvs) > 0
}

func funcBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.FuncDecl:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	}
	return nil
}
