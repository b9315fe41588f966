package closerecv

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"sort"
	"strings"

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
	"github.com/concvet/concvet/internal/summary"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "closerecv",
	Doc:       docs.FromSource(doc),
	URL:       docs.URL("closerecv"),
	Requires:  []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	FactTypes: []analysis.Fact{new(summaryFact)},
	Run:       run,
}

// summaryFact records what a function does to the channels its caller
// passes in (as arguments, or as fields of its arguments or receiver), so
// that `stop(ch)` is understood as a close of ch when stop is in another
// package.
type summaryFact struct {
	Params []summary.ParamOps[Ops] // sorted by parameter (summary.EncodeParams)
}

func (*summaryFact) AFact() {}

func (f *summaryFact) String() string { return summary.FormatParams("chanops", f.Params) }

// Ops summarizes what a function does, on its own goroutine, to one channel.
type Ops struct {
	Close   bool // closes it
	Send    bool // sends on it (or starts code that does)
	Recv    bool // receives from it, or ranges over it, before it closes it
	Escapes bool // hands it where the analysis cannot see
}

func (o Ops) String() string {
	var s []string
	for _, f := range []struct {
		on   bool
		name string
	}{{o.Close, "close"}, {o.Send, "send"}, {o.Recv, "recv"}, {o.Escapes, "escapes"}} {
		if f.on {
			s = append(s, f.name)
		}
	}
	return strings.Join(s, ",")
}

// A use is what one function body does with one channel, and where it
// closes it.
type use struct {
	Ops
	closes []closeSite
	recvs  []token.Pos  // where the body receives from it (a helper's receive: at the call)
	loops  []ast.Node   // the loops of the body, to tell a receive a close can follow
	forks  [][]ast.Node // the branches of each if/else, switch and select, which exclude each other
	locks  []lockEvent  // the body's Lock and Unlock calls, deferred ones left out
}

// recvBeforeClose reports whether the body receives from the channel at a
// point that can come before its first close: earlier in the body, or in a
// loop around both. A drain after the close (the owner reporting what was
// left in the buffer) does not make the function a receiver. A receive made
// by the same helper call that closes is the helper's business.
func (u *use) recvBeforeClose() bool {
	if len(u.closes) == 0 {
		return len(u.recvs) > 0
	}
	at := u.closes[0].when
	for _, r := range u.recvs {
		if r == u.closes[0].at.Pos() {
			continue
		}
		for _, l := range u.loops {
			if l.Pos() <= at && r < l.End() && at < l.End() && l.Pos() <= r {
				return true
			}
		}
		if r < at && !(u.exclusive(r, at) && u.locked(at)) {
			return true
		}
	}
	return false
}

// A lockEvent is a Lock or Unlock call of the body, in source order.
type lockEvent struct {
	pos     token.Pos
	key     locks.Key
	acquire bool
}

// locked reports whether a mutex is held at pos, going by the body's Lock
// and Unlock calls before it in source order. A close made under a lock is
// serialized with senders that take the same lock and check a flag (a
// closed or done field) before sending: a protocol the analysis trusts
// when the receive is on another branch.
func (u *use) locked(pos token.Pos) bool {
	held := make(map[locks.Key]bool)
	for _, ev := range u.locks {
		if ev.pos < pos {
			held[ev.key] = ev.acquire
		}
	}
	for _, h := range held {
		if h {
			return true
		}
	}
	return false
}

// exclusive reports whether positions a and b lie in different branches of
// one if/else, switch or select, so that no run reaches both (outside a
// loop, which recvBeforeClose considers first).
func (u *use) exclusive(a, b token.Pos) bool {
	in := func(n ast.Node, p token.Pos) bool { return n.Pos() <= p && p < n.End() }
	for _, branches := range u.forks {
		ia, ib := -1, -1
		for i, br := range branches {
			if in(br, a) {
				ia = i
			}
			if in(br, b) {
				ib = i
			}
		}
		if ia >= 0 && ib >= 0 && ia != ib {
			return true
		}
	}
	return false
}

// drainsAfterClose reports whether the body receives from the channel after
// its first close, outside any loop that holds the close: it closes and then
// drains what the senders left, the shutdown of the channel's owner, whose
// senders are stopped by a protocol the analysis cannot see (a lock, a
// closed flag).
func (u *use) drainsAfterClose() bool {
	if len(u.closes) == 0 || u.closes[0].via != nil {
		return false
	}
	at := u.closes[0].when
	for _, r := range u.recvs {
		if r <= at {
			continue
		}
		inLoop := false
		for _, l := range u.loops {
			if l.Pos() <= at && at < l.End() && l.Pos() <= r && r < l.End() {
				inLoop = true
			}
		}
		if !inLoop {
			return true
		}
	}
	return false
}

// A closeSite is a close(ch) call, or the call of a helper that closes ch.
type closeSite struct {
	at   ast.Node
	via  *types.Func // the helper, if the close is not direct
	when token.Pos   // when it runs, in source order: the end of the body for a deferred close
}

type checker struct {
	pass    *analysis.Pass
	ins     *inspector.Inspector
	decls   funcs.Decls
	guards  *guards                            // built on first need
	summary map[*types.Func]map[refs.Param]Ops // same-package summaries, solved by summary.Solve
}

func run(pass *analysis.Pass) (any, error) {
	if !chans.Used(pass) {
		return nil, nil
	}
	c := exportFacts(pass)
	for cur := range c.ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			if n.Body != nil {
				fn, _ := c.pass.TypesInfo.Defs[n.Name].(*types.Func)
				c.check(fn, n.Body)
			}
		case *ast.FuncLit:
			// A literal called on the spot (or deferred) runs as part of
			// the function around it, and is checked with it.
			if call, ok := cur.Parent().Node().(*ast.CallExpr); ok && ast.Unparen(call.Fun) == n {
				if _, isGo := cur.Parent().Parent().Node().(*ast.GoStmt); !isGo {
					continue
				}
			}
			c.check(nil, n.Body)
		}
	}
	return nil, nil
}

// exportFacts summarizes the functions of the package and exports a
// summary for every exported function that touches a channel reached
// through its parameters or receiver: an importer may call it. It returns
// the checker, which the diagnostics reuse.
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
		if !fn.Exported() {
			continue
		}
		if s := c.summary[fn]; len(s) > 0 {
			pass.ExportObjectFact(fn, &summaryFact{Params: summary.EncodeParams(s)})
		}
	}
	return c
}

// check reports the channels that body closes, only receives from, and did
// not make.
func (c *checker) check(fn *types.Func, body *ast.BlockStmt) {
	uses := c.bodyUses(body)
	for _, r := range sortedRefs(uses) {
		u := uses[r]
		switch {
		case len(u.closes) == 0, !u.recvBeforeClose(), u.Send, u.Escapes:
			continue
		case u.drainsAfterClose():
			continue // an actor that stops, closes its inbox and runs what is left: the owner's shutdown
		case refs.DeclaredIn(r.Root, body):
			continue // made (or aliased) here: this function is its owner
		case !chans.IsChan(chans.RefType(r)):
			continue // a field path the types do not confirm: stay silent
		case chans.IsSignal(chans.RefType(r)):
			continue // closing is how a chan struct{} is "sent on"; only doubleclose applies
		case c.stoppedUnderLock(u.closes[0], r):
			continue // no send can be in flight at the close
		case c.sendersRecover(fn, r):
			continue // a send on the closed channel panics, and its sender recovers by design
		}
		site := u.closes[0]
		what := fmt.Sprintf("close(%s)", r)
		if site.via != nil {
			what = fmt.Sprintf("%s closes %s, called", site.via.Name(), r)
		}
		c.pass.Report(analysis.Diagnostic{
			Pos:      site.at.Pos(),
			End:      site.at.End(),
			Category: "closerecv",
			Message: fmt.Sprintf("%s in a function that only receives from %s: a sender that is still sending will panic; "+
				"let the sender close it after its last send, or its owner once the senders are done", what, r),
		})
	}
}

// sendersRecover reports whether every send on the channel r is made, in
// this package, by a function that defers a recover: a sender that finds
// the channel closed recovers from the panic by design (gobgp's zebra
// client closes its outgoing queue on a write error; Send recovers). When
// r is a parameter of fn, an unexported function called only directly,
// the channels its callers pass are judged.
func (c *checker) sendersRecover(fn *types.Func, r refs.Ref) bool {
	info := c.pass.TypesInfo
	keys := []refs.Key{refs.KeyOf(r)}
	if fn != nil {
		if p, ok := refs.AsParam(r, fn.Signature()); ok {
			if fn.Exported() {
				return false
			}
			calls := funcs.IndexCalls(info, c.decls, c.pass.Files)
			if calls.Other[fn] || len(calls.Sites[fn]) == 0 {
				return false
			}
			keys = nil
			for _, site := range calls.Sites[fn] {
				keys = append(keys, refs.KeyOf(refs.AtCall(info, p, site.Recv, site.Call)))
			}
		}
	}
	// A local channel also stored in a field (c := &Client{out: out}) is
	// sent on through the field.
	var stored []refs.Key
	for _, k := range keys {
		if k.Var == nil || k.Var.Parent() == nil || k.Var.Parent() == k.Var.Pkg().Scope() {
			continue
		}
		for cur := range c.ins.Root().Preorder((*ast.Ident)(nil)) {
			id := cur.Node().(*ast.Ident)
			if info.Uses[id] != k.Var {
				continue
			}
			switch p := cur.Parent().Node().(type) {
			case *ast.KeyValueExpr:
				if p.Value == id {
					if key, ok := p.Key.(*ast.Ident); ok {
						if f, ok := info.Uses[key].(*types.Var); ok && f.IsField() {
							if lit, ok := cur.Parent().Parent().Node().(*ast.CompositeLit); ok {
								if named, ok := types.Unalias(deref(info.TypeOf(lit))).(*types.Named); ok {
									stored = append(stored, refs.Key{Owner: named.Origin().Obj(), Path: "." + f.Name()})
								}
							}
						}
					}
				}
			case *ast.AssignStmt:
				if i := slices.Index(p.Rhs, ast.Expr(id)); i >= 0 && len(p.Lhs) == len(p.Rhs) {
					stored = append(stored, refs.KeyOf(refs.Of(info, p.Lhs[i])))
				}
			}
		}
	}
	keys = append(keys, stored...)
	total := 0
	for _, k := range keys {
		if !k.Valid() {
			return false
		}
		sends := 0
		for cur := range c.ins.Root().Preorder((*ast.SendStmt)(nil)) {
			send := cur.Node().(*ast.SendStmt)
			if refs.KeyOf(refs.Of(info, send.Chan)) != k {
				continue
			}
			sender, _ := funcs.Enclosing(cur)
			if sender == nil || !defersRecover(info, sender) {
				return false
			}
			sends++
		}
		total += sends
	}
	return total > 0
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// defersRecover reports whether the function fn (a declaration or a
// literal) defers a function literal that calls recover.
func defersRecover(info *types.Info, fn ast.Node) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if found {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok && ast.Node(lit) != fn {
			return false
		}
		d, ok := n.(*ast.DeferStmt)
		if !ok {
			return true
		}
		lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit)
		if !ok {
			return false
		}
		ast.Inspect(lit.Body, func(m ast.Node) bool {
			if call, ok := m.(*ast.CallExpr); ok {
				if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
					if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "recover" {
						found = true
					}
				}
			}
			return !found
		})
		return false
	})
	return found
}

// stoppedUnderLock reports whether a receiver's close of r is the shutdown
// of a loop that no sender can race: the close is the stop case of a
// select (case <-quit: close(ch); for v := range ch {…}; return), it drains
// the channel and leaves, every send on the channel anywhere in the package
// is made holding a mutex M, and the stop signal (a close of or a send on
// quit) is given holding M too. A sender then either sent before the stop
// (and the drain takes its value) or finds the stop flag under M; none can
// be blocked in the send when the channel closes.
func (c *checker) stoppedUnderLock(site closeSite, r refs.Ref) bool {
	info := c.pass.TypesInfo
	call, ok := site.at.(*ast.CallExpr)
	if !ok || site.via != nil {
		return false
	}
	path := funcs.PathTo(c.pass.Files, call.Pos())
	var clause *ast.CommClause
	var stmt ast.Stmt
	for _, n := range path {
		if st, ok := n.(ast.Stmt); ok && stmt == nil {
			stmt = st
		}
		if cc, ok := n.(*ast.CommClause); ok {
			clause = cc
			break
		}
	}
	if clause == nil || clause.Comm == nil || stmt == nil {
		return false
	}
	// The case: the close, a drain of the channel, and a return.
	i := slices.Index(clause.Body, stmt)
	if i < 0 || len(clause.Body) < i+3 {
		return false
	}
	if _, ok := clause.Body[len(clause.Body)-1].(*ast.ReturnStmt); !ok {
		return false
	}
	drains := false
	for _, st := range clause.Body[i+1:] {
		if rng, ok := st.(*ast.RangeStmt); ok && refs.Of(info, rng.X) == r {
			drains = true
		}
	}
	if !drains {
		return false
	}
	recv := chans.CommRecv(clause.Comm)
	if recv == nil {
		return false
	}
	if c.guards == nil {
		c.guards = indexGuards(c.pass, c.ins)
	}
	ch, stop := refs.KeyOf(r), refs.KeyOf(refs.Of(info, recv.X))
	sent, ok := c.guards.sends[ch]
	if !ok || !stop.Valid() {
		return false
	}
	for m := range sent {
		if c.guards.signals[stop][m] {
			return true
		}
	}
	return false
}

// guards records, for each channel of the package (keys that agree across
// methods), the mutexes held at every send on it, and the mutexes held at
// any send on it or close of it.
type guards struct {
	sends   map[refs.Key]map[refs.Key]bool // held at every send
	signals map[refs.Key]map[refs.Key]bool // held at some send or close
}

func indexGuards(pass *analysis.Pass, ins *inspector.Inspector) *guards {
	info := pass.TypesInfo
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	g := &guards{sends: make(map[refs.Key]map[refs.Key]bool), signals: make(map[refs.Key]map[refs.Key]bool)}
	note := func(ch ast.Expr, held lockset.Set, send bool) {
		k := refs.KeyOf(refs.Of(info, ch))
		if !k.Valid() {
			return
		}
		mus := make(map[refs.Key]bool)
		for m := range held {
			if mk := refs.KeyOf(m.Ref); mk.Valid() {
				mus[mk] = true
			}
		}
		if g.signals[k] == nil {
			g.signals[k] = make(map[refs.Key]bool)
		}
		for m := range mus {
			g.signals[k][m] = true
		}
		if !send {
			return
		}
		if prev, ok := g.sends[k]; ok {
			for m := range prev {
				if !mus[m] {
					delete(prev, m)
				}
			}
		} else {
			g.sends[k] = mus
		}
	}
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var graph *cfg.CFG
		switch fn := n.(type) {
		case *ast.FuncDecl:
			graph = cfgs.FuncDecl(fn)
		case *ast.FuncLit:
			graph = cfgs.FuncLit(fn)
		}
		lockset.MustHeld(info, graph, lockset.Set{}, func(n ast.Node, held lockset.Set) {
			switch n := n.(type) {
			case *ast.SendStmt:
				note(n.Chan, held, true)
			case *ast.CallExpr:
				if chans.IsClose(info, n) && len(n.Args) == 1 {
					note(n.Args[0], held, false)
				}
			}
		})
	}
	return g
}

// bodyUses summarizes what body does to each channel it names, in the body's
// own terms. Function literals called on the spot or deferred run on this
// goroutine; other literals (goroutines, stored callbacks) run at a time the
// analysis cannot see: their sends still make this function a sender, their
// receives and closes are theirs.
func (c *checker) bodyUses(body *ast.BlockStmt) map[refs.Ref]*use {
	info := c.pass.TypesInfo
	out := make(map[refs.Ref]*use)
	useOf := func(r refs.Ref) *use {
		u := out[r]
		if u == nil {
			u = new(use)
			out[r] = u
		}
		return u
	}
	get := func(e ast.Expr) *use {
		if !chans.IsChan(info.TypeOf(e)) {
			return nil
		}
		if r := refs.Of(info, e); r.Valid() {
			return useOf(r)
		}
		return nil
	}
	handled := make(map[ast.Expr]bool) // channel expressions an operation accounts for
	probes := make(map[*ast.UnaryExpr]bool)
	deferred := make(map[*ast.CallExpr]bool)
	var escaped []refs.Ref // references handed to code the analysis cannot see

	// when places a close in source order: a deferred one runs at the end.
	inDefer := false // walking the body of a deferred function literal
	when := func(call *ast.CallExpr) token.Pos {
		if deferred[call] || inDefer {
			return body.End()
		}
		return call.Pos()
	}

	var walk func(root ast.Node, nested bool)
	walk = func(root ast.Node, nested bool) {
		ast.Inspect(root, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				if n != root {
					walk(n.Body, true)
					return false
				}
			case *ast.GoStmt:
				if lit, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
					for _, a := range n.Call.Args {
						walk(a, nested)
					}
					walk(lit.Body, true)
				} else {
					walk(n.Call.Fun, nested)
					c.callUses(n.Call, true, get, useOf, handled, &escaped, when)
					for _, a := range n.Call.Args {
						walk(a, nested)
					}
				}
				return false
			case *ast.DeferStmt:
				deferred[n.Call] = true
			case *ast.SelectStmt:
				for _, p := range probeReceives(info, n) {
					probes[p] = true
				}
			case *ast.SendStmt:
				if u := get(n.Chan); u != nil {
					u.Send = true
					handled[n.Chan] = true
				}
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					if u := get(n.X); u != nil {
						if !nested && !probes[n] {
							u.recvs = append(u.recvs, n.Pos())
						}
						handled[n.X] = true
					}
				}
			case *ast.RangeStmt:
				if u := get(n.X); u != nil {
					if !nested {
						u.recvs = append(u.recvs, n.Pos())
					}
					handled[n.X] = true
				}
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					handled[n.X], handled[n.Y] = true, true // ch == nil
				}
			case *ast.CallExpr:
				if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
					for _, a := range n.Args {
						walk(a, nested)
					}
					saved := inDefer
					inDefer = inDefer || deferred[n]
					walk(lit.Body, nested)
					inDefer = saved
					return false
				}
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
					if b, ok := info.Uses[id].(*types.Builtin); ok {
						switch b.Name() {
						case "close":
							if len(n.Args) == 1 {
								if u := get(n.Args[0]); u != nil {
									if !nested {
										u.closes = append(u.closes, closeSite{at: n, when: when(n)})
									}
									handled[n.Args[0]] = true
								}
							}
						case "len", "cap":
							for _, a := range n.Args {
								handled[a] = true
							}
						}
						return true
					}
				}
				if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
					return true // a conversion
				}
				c.callUses(n, nested, get, useOf, handled, &escaped, when)
			case *ast.Ident, *ast.SelectorExpr:
				e := n.(ast.Expr)
				if handled[e] {
					return false
				}
				if u := get(e); u != nil {
					u.Escapes = true // assigned, stored, returned, compared, captured...
					return false
				}
			}
			return true
		})
	}
	walk(body, false)

	var loops []ast.Node
	var forks [][]ast.Node
	var lockEvents []lockEvent
	deferredCalls := make(map[*ast.CallExpr]bool)
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.DeferStmt:
			deferredCalls[n.Call] = true
		case *ast.CallExpr:
			if op, ok := locks.OpOf(info, n); ok && !op.Try && !deferredCalls[n] {
				lockEvents = append(lockEvents, lockEvent{n.Pos(), op.Key, op.Acquire})
			}
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
		case *ast.IfStmt:
			if n.Else != nil {
				forks = append(forks, []ast.Node{n.Body, n.Else})
			}
		case *ast.SwitchStmt:
			forks = append(forks, clauses(n.Body))
		case *ast.TypeSwitchStmt:
			forks = append(forks, clauses(n.Body))
		case *ast.SelectStmt:
			forks = append(forks, clauses(n.Body))
		}
		return true
	})
	for _, u := range out {
		u.loops = loops
		u.forks = forks
		u.locks = lockEvents
	}

	for _, e := range escaped {
		for r, u := range out {
			if r.Root == e.Root && (r.Path == e.Path || strings.HasPrefix(r.Path, e.Path+".")) {
				u.Escapes = true
			}
		}
	}
	return out
}

// callUses adds to a body's uses what a call does to the channels it is
// given: what a known callee's summary says, or an escape for an unknown one.
// nested is set when the call runs on another goroutine or at another time.
func (c *checker) callUses(call *ast.CallExpr, nested bool, get func(ast.Expr) *use, useOf func(refs.Ref) *use, handled map[ast.Expr]bool, escaped *[]refs.Ref, when func(*ast.CallExpr) token.Pos) {
	info := c.pass.TypesInfo
	t := funcs.Resolve(info, c.decls, call)
	var sum map[refs.Param]Ops
	known := false
	if t.Func != nil {
		sum, known = c.calleeSummary(t.Func)
	}
	if !known {
		// Anything reachable from the arguments or the receiver may be
		// closed, sent on or stored by the callee.
		for _, a := range call.Args {
			if r := refs.Of(info, a); r.Valid() {
				*escaped = append(*escaped, r)
			}
		}
		if t.Recv != nil {
			if r := refs.Of(info, t.Recv); r.Valid() {
				*escaped = append(*escaped, r)
			}
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && t.Recv == nil {
			// An interface method or a func-typed field: its receiver
			// value may hold the channel too.
			if r := refs.Of(info, sel.X); r.Valid() {
				*escaped = append(*escaped, r)
			}
		}
		return
	}
	variadic := t.Sig.Variadic()
	for i, a := range call.Args {
		if !chans.IsChan(info.TypeOf(a)) {
			continue
		}
		handled[a] = true
		if variadic && i >= t.Sig.Params().Len()-1 {
			if u := get(a); u != nil {
				u.Escapes = true
			}
		}
	}
	for p, o := range sum {
		r := refs.AtCall(info, p, t.Recv, call)
		if p.Index < 0 {
			r = recvRef(info, call, p)
		}
		if !r.Valid() {
			continue
		}
		u := useOf(r)
		if o.Close && !nested {
			u.closes = append(u.closes, closeSite{at: call, via: t.Func, when: when(call)})
		}
		if o.Recv && !nested {
			u.recvs = append(u.recvs, call.Pos())
		}
		u.Send = u.Send || o.Send
		u.Escapes = u.Escapes || o.Escapes
	}
}

// recvRef maps p, relative to the receiver of the method that call invokes,
// onto the caller's receiver expression, through the embedded fields that a
// promoted method's selection walks (s.readTo() where s embeds *Stream).
func recvRef(info *types.Info, call *ast.CallExpr, p refs.Param) refs.Ref {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return refs.Ref{}
	}
	r := refs.Of(info, sel.X)
	if s, ok := info.Selections[sel]; ok && r.Valid() {
		r = refs.Embedded(r, s)
		r.Path += p.Path
		return r
	}
	return refs.Ref{}
}

// calleeSummary returns fn's summary, and whether it is known: computed from
// its body when it is in this package, imported as a fact otherwise.
func (c *checker) calleeSummary(fn *types.Func) (map[refs.Param]Ops, bool) {
	if _, ok := c.decls[fn]; ok {
		return c.summary[fn], true
	}
	var fact summaryFact
	if !c.pass.ImportObjectFact(fn, &fact) {
		return nil, false
	}
	return summary.DecodeParams(fact.Params), true
}

// summarize computes the summary of fn, a function of this package, from
// its body and its callees' summaries (absent while fn's component of the
// call graph is first solved).
func (c *checker) summarize(fn *types.Func) map[refs.Param]Ops {
	s := make(map[refs.Param]Ops)
	for r, u := range c.bodyUses(c.decls[fn].Body) {
		if p, ok := refs.AsParam(r, fn.Signature()); ok {
			o := u.Ops
			o.Close = len(u.closes) > 0
			o.Recv = u.recvBeforeClose()
			if o != (Ops{}) {
				s[p] = o
			}
		}
	}
	return s
}

// probeReceives returns the receives of sel that only test whether a channel
// is closed: `case <-ch:` in a select with a default (a non-blocking check),
// or in a select that closes ch in another case (the guarded close
// `select { case <-done: default: close(done) }`).
func probeReceives(info *types.Info, sel *ast.SelectStmt) []*ast.UnaryExpr {
	hasDefault := false
	closed := make(map[refs.Ref]bool)
	for _, s := range sel.Body.List {
		cc := s.(*ast.CommClause)
		if cc.Comm == nil {
			hasDefault = true
		}
		for _, st := range cc.Body {
			ast.Inspect(st, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok && chans.IsClose(info, call) && len(call.Args) == 1 {
					if r := refs.Of(info, call.Args[0]); r.Valid() {
						closed[r] = true
					}
				}
				_, lit := n.(*ast.FuncLit)
				return !lit
			})
		}
	}
	var out []*ast.UnaryExpr
	for _, s := range sel.Body.List {
		cc := s.(*ast.CommClause)
		es, ok := cc.Comm.(*ast.ExprStmt)
		if !ok {
			continue
		}
		u, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
		if !ok || u.Op != token.ARROW {
			continue
		}
		if hasDefault || closed[refs.Of(info, u.X)] {
			out = append(out, u)
		}
	}
	return out
}

// sortedRefs returns the keys of m in the order of their first close, so
// that diagnostics come out in a stable order.
func sortedRefs(m map[refs.Ref]*use) []refs.Ref {
	keys := make([]refs.Ref, 0, len(m))
	for r, u := range m {
		if len(u.closes) > 0 {
			keys = append(keys, r)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := m[keys[i]].closes[0].at.Pos(), m[keys[j]].closes[0].at.Pos()
		if a != b {
			return a < b
		}
		return keys[i].String() < keys[j].String()
	})
	return keys
}

// clauses returns the case clauses of a switch or select body.
func clauses(body *ast.BlockStmt) []ast.Node {
	out := make([]ast.Node, len(body.List))
	for i, c := range body.List {
		out[i] = c
	}
	return out
}
