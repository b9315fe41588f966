package doubleclose

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/ssa"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/source"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "doubleclose",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("doubleclose"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer},
	Run:      run,
}

// A kind says how a close site runs relative to the function it is in.
type kind int

const (
	direct   kind = iota // close(ch)
	deferred             // defer close(ch)
	spawned              // go f(), where f closes ch
)

// A site is a place where a function closes a channel, directly, when it
// returns, or on a goroutine it starts.
type site struct {
	instr ssa.Instruction // the close call, the defer, or the go statement
	close ssa.Instruction // the close call or defer itself (in the goroutine's function, for spawned)
	key   chans.Key       // the channel, in the terms of instr's function
	kind  kind
}

type checker struct {
	pass       *analysis.Pass
	calls      *funcs.CallIndex
	nodes      map[token.Pos]ast.Node // close calls and sends, by the position SSA gives them
	reassigned map[*types.Var]bool    // channel fields stored to outside their struct's construction
	reported   map[ssa.Instruction]bool
}

func run(pass *analysis.Pass) (any, error) {
	if !chans.Used(pass) {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	prog := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass:       pass,
		calls:      funcs.IndexCalls(pass.TypesInfo, funcs.IndexDecls(pass.TypesInfo, ins), pass.Files),
		nodes:      indexNodes(pass.TypesInfo, ins),
		reassigned: reassignedFields(prog.SrcFuncs),
		reported:   make(map[ssa.Instruction]bool),
	}
	for _, fn := range prog.SrcFuncs {
		c.checkFunc(fn)
	}
	c.checkTypes(prog.SrcFuncs)
	return nil, nil
}

// checkFunc reports the channels that fn, or the goroutines it starts, can
// close twice, and the sends that follow a close.
func (c *checker) checkFunc(fn *ssa.Function) {
	sites := closeSites(fn)
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if g, ok := instr.(*ssa.Go); ok {
				sites = append(sites, spawnedSites(g)...)
			}
		}
	}

	// A close that a loop repeats.
	for _, s := range sites {
		if !reaches(s.instr, s.instr) || !c.stable(s.key, s.instr, s.instr) || !invariant(s.key, s.instr) {
			continue
		}
		if s.kind != spawned && guarded(s.close, s.key, true) {
			continue
		}
		if c.disablesItsCase(s.close.Pos()) {
			continue
		}
		c.reportLoop(s)
	}

	// Two closes that one path reaches.
	for i, a := range sites {
		for _, b := range sites[i+1:] {
			if a.key != b.key || a.instr == b.instr || c.reported[a.close] || c.reported[b.close] {
				continue
			}
			if a.kind != spawned && guarded(a.close, a.key, false) || b.kind != spawned && guarded(b.close, b.key, false) {
				continue
			}
			first, second := a, b
			switch {
			case reaches(a.instr, b.instr) && c.stable(a.key, a.instr, b.instr):
			case reaches(b.instr, a.instr) && c.stable(a.key, b.instr, a.instr):
				first, second = b, a
			default:
				continue
			}
			c.reportPair(first, second)
		}
	}

	// A send after a close.
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, ch := range sentOn(instr) {
				key := chans.KeyOf(ch)
				for _, s := range sites {
					if s.kind != direct || s.key != key || !reaches(s.instr, instr) || !c.stable(key, s.instr, instr) {
						continue
					}
					if guarded(s.close, key, false) || c.reported[instr] || c.reported[s.close] {
						continue
					}
					if cc := c.disabledCase(s.close.Pos()); cc != nil && cc.Pos() <= instr.Pos() && instr.Pos() < cc.End() {
						continue // the case that sends is never chosen again after the close
					}
					c.reported[instr] = true
					ch := c.chanName(s.close)
					c.report(instr.Pos(), fmt.Sprintf("send on %s after close(%s) at line %d panics; send before closing, or stop sending once it is closed",
						ch, ch, c.line(s.instr.Pos())))
				}
			}
		}
	}
}

// coordinated reports whether the closes at a and b are both made holding
// one mutex (must-held, matched across methods by refs.Key), each after a
// check in its function: an if around the close, or before it.
func (c *checker) coordinated(a, b token.Pos) bool {
	ha, ok := c.lockedAfterCheck(a)
	if !ok {
		return false
	}
	hb, ok := c.lockedAfterCheck(b)
	if !ok {
		return false
	}
	for k := range ha {
		if hb[k] {
			return true
		}
	}
	return false
}

// lockedAfterCheck returns the mutexes held on every path to the close at
// pos, when an if statement of its function comes before or around it.
func (c *checker) lockedAfterCheck(pos token.Pos) (map[refs.Key]bool, bool) {
	path := funcs.PathTo(c.pass.Files, pos)
	var decl *ast.FuncDecl
	var call *ast.CallExpr
	for _, n := range path {
		if ce, ok := n.(*ast.CallExpr); ok && call == nil && chans.IsClose(c.pass.TypesInfo, ce) {
			call = ce
		}
		if fd, ok := n.(*ast.FuncDecl); ok {
			decl = fd
			break
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return nil, false
		}
	}
	if decl == nil || call == nil || decl.Body == nil {
		return nil, false
	}
	checked := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if ifs, ok := n.(*ast.IfStmt); ok && ifs.Pos() < call.Pos() {
			checked = true
		}
		return !checked
	})
	if !checked {
		return nil, false
	}
	held := make(map[refs.Key]bool)
	g := cfg.New(decl.Body, func(*ast.CallExpr) bool { return true })
	lockset.MustHeld(c.pass.TypesInfo, g, lockset.Set{}, func(n ast.Node, set lockset.Set) {
		if n == call {
			for k := range set {
				if key := refs.KeyOf(k.Ref); key.Valid() {
					held[key] = true
				}
			}
		}
	})
	return held, len(held) > 0
}

// disablesItsCase reports whether the close at pos is in a select case that
// receives from a variable the case then sets to nil (case v, ok := <-in:
// if !ok { close(out); in = nil; continue }): a case on a nil channel is
// never chosen again, so the close runs at most once.
func (c *checker) disablesItsCase(pos token.Pos) bool { return c.disabledCase(pos) != nil }

// disabledCase returns the select case of disablesItsCase, or nil.
func (c *checker) disabledCase(pos token.Pos) *ast.CommClause {
	for _, n := range funcs.PathTo(c.pass.Files, pos) {
		cc, ok := n.(*ast.CommClause)
		if !ok {
			continue
		}
		recv := chans.CommRecv(cc.Comm)
		if recv == nil {
			return nil
		}
		id, ok := ast.Unparen(recv.X).(*ast.Ident)
		if !ok {
			return nil
		}
		v := c.pass.TypesInfo.Uses[id]
		disabled := false
		ast.Inspect(cc, func(m ast.Node) bool {
			as, ok := m.(*ast.AssignStmt)
			if !ok || as.Pos() < pos || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
				return true
			}
			if lhs, ok := as.Lhs[0].(*ast.Ident); ok && c.pass.TypesInfo.Uses[lhs] == v && v != nil && c.pass.TypesInfo.Types[as.Rhs[0]].IsNil() {
				disabled = true
			}
			return true
		})
		if disabled {
			return cc
		}
		return nil
	}
	return nil
}

// closeSites returns the closes that fn makes on its own goroutine.
func closeSites(fn *ssa.Function) []site {
	var out []site
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			ch := chans.ClosedBy(instr)
			if ch == nil {
				continue
			}
			k := direct
			if _, ok := instr.(*ssa.Defer); ok {
				k = deferred
			}
			out = append(out, site{instr: instr, close: instr, key: chans.KeyOf(ch), kind: k})
		}
	}
	return out
}

// spawnedSites returns the closes that the goroutine started by g makes
// unguarded on channels its starter gives it (by argument or by capture),
// in the starter's terms.
func spawnedSites(g *ssa.Go) []site {
	callee := g.Call.StaticCallee()
	if callee == nil || callee.Blocks == nil {
		return nil
	}
	mc, _ := g.Call.Value.(*ssa.MakeClosure)
	var out []site
	for _, s := range closeSites(callee) {
		if guarded(s.close, s.key, false) {
			continue
		}
		var outer ssa.Value
		switch root := s.key.Root.(type) {
		case *ssa.FreeVar:
			for i, fv := range callee.FreeVars {
				if fv == root && mc != nil && i < len(mc.Bindings) {
					outer = mc.Bindings[i]
				}
			}
		case *ssa.Parameter:
			for i, p := range callee.Params {
				if p == root && i < len(g.Call.Args) {
					outer = g.Call.Args[i]
				}
			}
		case *ssa.Global:
			outer = root
		}
		if outer == nil {
			continue // a channel the goroutine makes or loads itself
		}
		key := chans.Key{Path: s.key.Path}.Rebase(outer)
		if _, ok := s.key.Root.(*ssa.Global); ok {
			key = s.key
		}
		out = append(out, site{instr: g, close: s.close, key: key, kind: spawned})
	}
	return out
}

// stable reports whether the channel that key names at from is still the
// one it names at to: no store on a path between them changes the memory the
// key reads, and no other function of the package reassigns a field it
// selects.
func (c *checker) stable(key chans.Key, from, to ssa.Instruction) bool {
	for _, f := range key.Fields() {
		if c.reassigned[f] {
			return false
		}
	}
	if def, ok := key.Root.(ssa.Instruction); ok && reaches(from, def) && reaches(def, to) {
		return false // the root is computed anew in between: another channel
	}
	if !key.Loads() {
		return true
	}
	switch root := key.Root.(type) {
	case *ssa.Alloc:
		for _, ref := range *root.Referrers() {
			if mc, ok := ref.(*ssa.MakeClosure); ok && chans.StoresThrough(mc, root) {
				return false // a closure may reassign the variable at any time
			}
		}
	case *ssa.Global:
		return false // any function may reassign it
	}
	fn := from.Parent()
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			sk := chans.KeyOf(st.Addr)
			if sk.Root != key.Root || !prefix(sk.Path+"*", key.Path) {
				continue
			}
			if reaches(from, st) && reaches(st, to) {
				return false
			}
		}
	}
	return true
}

func prefix(p, s string) bool { return len(p) <= len(s) && s[:len(p)] == p }

// invariant reports whether the value at the root of key is the same on
// every iteration of the loop around instr: it is defined outside the loop.
func invariant(key chans.Key, instr ssa.Instruction) bool {
	def, ok := key.Root.(ssa.Instruction)
	if !ok {
		return true // a parameter, free variable, global or constant
	}
	return !(reaches(instr, def) && reaches(def, instr))
}

// reaches reports whether control can flow from a to b (from a's block on
// if a == b).
func reaches(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == bb && a != b && index(a) < index(b) {
		return true
	}
	seen := make(map[*ssa.BasicBlock]bool)
	stack := append([]*ssa.BasicBlock(nil), ab.Succs...)
	for len(stack) > 0 {
		blk := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if blk == bb {
			return true
		}
		if seen[blk] {
			continue
		}
		seen[blk] = true
		stack = append(stack, blk.Succs...)
	}
	return false
}

func index(instr ssa.Instruction) int {
	for i, x := range instr.Block().Instrs {
		if x == instr {
			return i
		}
	}
	return -1
}

// guarded reports whether the close is protected against running twice: it
// is conditional on a flag (a bool variable the loop changes, a field, the
// result of a call such as CompareAndSwap), or on a check that the channel
// is not yet closed (a select or comma-ok receive on it). With inLoop, only
// conditions inside the loop around the close count.
func guarded(closeInstr ssa.Instruction, key chans.Key, inLoop bool) bool {
	blk := closeInstr.Block()
	for _, instr := range blk.Instrs[:index(closeInstr)] {
		if receivesOn(instr, key) {
			return true
		}
	}
	for d := blk.Idom(); d != nil; d = d.Idom() {
		last := d.Instrs[len(d.Instrs)-1]
		if inLoop && !(reaches(closeInstr, last) && reaches(last, closeInstr)) {
			continue
		}
		for _, instr := range d.Instrs {
			if receivesOn(instr, key) {
				return true
			}
		}
		if iff, ok := last.(*ssa.If); ok && (iff.Block().Succs[0].Dominates(blk) || iff.Block().Succs[1].Dominates(blk)) {
			if guardCond(iff.Cond, key) {
				return true
			}
		}
	}
	return false
}

// receivesOn reports whether instr is a non-blocking select with a receive
// on key, or a comma-ok receive from it: a check of whether the channel is
// closed.
func receivesOn(instr ssa.Instruction, key chans.Key) bool {
	switch instr := instr.(type) {
	case *ssa.Select:
		if instr.Blocking {
			return false // a select that waits on ch or on something else is no check
		}
		for _, st := range instr.States {
			if st.Dir == types.RecvOnly && chans.KeyOf(st.Chan) == key {
				return true
			}
		}
	case *ssa.UnOp:
		return instr.Op == token.ARROW && instr.CommaOk && chans.KeyOf(instr.X) == key
	}
	return false
}

// guardCond reports whether an if on cond makes a close run at most once.
func guardCond(cond ssa.Value, key chans.Key) bool {
	for {
		if u, ok := cond.(*ssa.UnOp); ok && u.Op == token.NOT {
			cond = u.X
			continue
		}
		break
	}
	switch v := cond.(type) {
	case *ssa.Phi:
		for _, e := range v.Edges {
			if _, ok := e.(*ssa.Const); ok {
				return true // a bool variable the code sets: closed = true
			}
		}
	case *ssa.UnOp:
		return isFlagLoad(v) // a flag in memory
	case *ssa.Call:
		return !isBuiltin(v) // CompareAndSwap, Load, a helper that knows
	case *ssa.Extract:
		switch t := v.Tuple.(type) {
		case *ssa.Call:
			return true // _, loaded := m.LoadOrStore(k, v)
		case *ssa.Select, *ssa.UnOp:
			return receivesOn(t.(ssa.Instruction), key)
		}
	case *ssa.BinOp:
		for _, x := range []ssa.Value{v.X, v.Y} {
			if k, ok := x.(*ssa.Const); ok && k.IsNil() {
				return false // err != nil: an error path, not a guard
			}
		}
		if v.Op == token.EQL && (isCounter(v.X) && isConst(v.Y) || isCounter(v.Y) && isConst(v.X)) {
			return true // if i == 0: one iteration of a counting loop
		}
		for _, x := range []ssa.Value{v.X, v.Y} {
			switch x := x.(type) {
			case *ssa.Call:
				if !isBuiltin(x) {
					return true // atomic.LoadInt32(&s.state) == closed
				}
			case *ssa.UnOp:
				if isFlagLoad(x) {
					return true // state == closing
				}
			case *ssa.Extract:
				if t, ok := x.Tuple.(ssa.Instruction); ok && receivesOn(t, key) {
					return true
				}
			}
		}
	}
	return false
}

// isCounter reports whether v is a loop counter: a phi that the loop steps
// by a constant, so that it equals a given value on one iteration at most.
func isCounter(v ssa.Value) bool {
	// A range over a slice or array yields the counter after its step
	// (i = phi + 1), which counts as well.
	if step, ok := v.(*ssa.BinOp); ok && (step.Op == token.ADD || step.Op == token.SUB) {
		if p, ok := step.X.(*ssa.Phi); ok && isConst(step.Y) && isCounter(p) {
			return true
		}
	}
	phi, ok := v.(*ssa.Phi)
	if !ok {
		return false
	}
	for _, e := range phi.Edges {
		if step, ok := e.(*ssa.BinOp); ok && (step.Op == token.ADD || step.Op == token.SUB) &&
			(step.X == phi && isConst(step.Y) || step.Y == phi && isConst(step.X)) {
			return true
		}
	}
	return false
}

func isConst(v ssa.Value) bool {
	k, ok := v.(*ssa.Const)
	return ok && !k.IsNil()
}

// isBuiltin reports whether call calls a builtin (len(xs) in a loop
// condition is no guard).
func isBuiltin(call *ssa.Call) bool {
	_, ok := call.Call.Value.(*ssa.Builtin)
	return ok
}

// isFlagLoad reports whether v loads a variable, a field or a global: state
// that the code sets when it closes. Loads of slice and map elements (the
// values a loop ranges over) are data, not flags.
func isFlagLoad(v *ssa.UnOp) bool {
	if v.Op != token.MUL {
		return false
	}
	switch v.X.(type) {
	case *ssa.FieldAddr, *ssa.Global, *ssa.FreeVar, *ssa.Alloc:
		return true
	}
	return false
}

// sentOn returns the channels that instr sends on.
func sentOn(instr ssa.Instruction) []ssa.Value {
	switch instr := instr.(type) {
	case *ssa.Send:
		return []ssa.Value{instr.Chan}
	case *ssa.Select:
		var out []ssa.Value
		for _, st := range instr.States {
			if st.Dir == types.SendOnly {
				out = append(out, st.Chan)
			}
		}
		return out
	}
	return nil
}

// checkTypes reports a channel field that two methods of its type close,
// each without a guard, one of them unexported: whichever runs second
// panics. One Close method closing its own channel is the owner's shutdown,
// and is not reported.
func (c *checker) checkTypes(fns []*ssa.Function) {
	type fieldSite struct {
		fn    *ssa.Function
		close ssa.Instruction
		key   chans.Key
	}
	byField := make(map[*types.Var][]fieldSite)
	var order []*types.Var
	for _, fn := range fns {
		if fn.Signature.Recv() == nil || len(fn.Params) == 0 {
			continue
		}
		for _, s := range closeSites(fn) {
			fields := s.key.Fields()
			if s.key.Root != fn.Params[0] || len(fields) == 0 || guarded(s.close, s.key, false) || c.reported[s.close] {
				continue
			}
			f := fields[len(fields)-1]
			if c.reassigned[f] {
				continue
			}
			if byField[f] == nil {
				order = append(order, f)
			}
			byField[f] = append(byField[f], fieldSite{fn, s.close, s.key})
		}
	}
	for _, f := range order {
		sites := byField[f]
		sort.Slice(sites, func(i, j int) bool {
			return source.ComparePos(c.pass.Fset, sites[i].close.Pos(), sites[j].close.Pos()) < 0
		})
		first := sites[0]
		for _, s := range sites[1:] {
			if s.fn == first.fn {
				continue // within one function, checkFunc decides
			}
			if c.coordinated(first.close.Pos(), s.close.Pos()) {
				// Both closes run under one mutex, each after a check of
				// the state that the critical sections change (net/http's
				// wantConn: tryDeliver and cancel): at most one closes.
				continue
			}
			if c.exclusive(first.fn, first.close, s.fn) || c.exclusive(s.fn, s.close, first.fn) {
				// One method runs only where the other has not closed
				// and will not: Start closes on the error returns before
				// go s.serve(), and serve on its own error.
				continue
			}
			if token.IsExported(s.fn.Name()) && token.IsExported(first.fn.Name()) {
				// Two exported methods that both close (Stop and
				// GracefulStop, Resume and Fail) are alternatives the
				// caller picks one of, by contract.
				continue
			}
			c.reported[s.close] = true
			c.report(s.close.Pos(), fmt.Sprintf("%s is also closed by %s at line %d: if both run, the second close panics; close it in one place, or guard both closes with a sync.Once",
				c.chanName(s.close), first.fn.Name(), c.line(first.close.Pos())))
		}
	}
}

// exclusive reports whether the close in a cannot run in the same run of a
// as its callee b: every call of b in the package is made by a (started or
// called), b is used nowhere else, and no call of b in a is reached from
// the close, nor reaches it.
func (c *checker) exclusive(a *ssa.Function, close ssa.Instruction, b *ssa.Function) bool {
	bObj, ok := b.Object().(*types.Func)
	if !ok || c.calls.Other[bObj] || len(c.calls.Sites[bObj]) == 0 {
		return false
	}
	aObj, ok := a.Object().(*types.Func)
	if !ok {
		return false
	}
	for _, site := range c.calls.Sites[bObj] {
		if site.Decl == nil || site.Lit != nil || c.pass.TypesInfo.Defs[site.Decl.Name] != aObj {
			return false // called from another function, or from a literal
		}
	}
	found := false
	for _, blk := range a.Blocks {
		for _, instr := range blk.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			callee := call.Common().StaticCallee()
			if callee == nil || callee.Origin() != nil && callee.Origin() != b || callee.Origin() == nil && callee != b {
				continue
			}
			if reaches(close, instr) || reaches(instr, close) {
				return false
			}
			found = true
		}
	}
	return found
}

func (c *checker) reportLoop(s site) {
	c.reported[s.close] = true
	ch := c.chanName(s.close)
	switch s.kind {
	case direct:
		c.report(s.close.Pos(), fmt.Sprintf("close(%s) can run on more than one iteration of the loop, and the second close panics; close it once, after the loop", ch))
	case deferred:
		c.report(s.close.Pos(), fmt.Sprintf("defer close(%s) in a loop closes %s once per iteration when the function returns, and the second close panics; close it once, outside the loop", ch, ch))
	case spawned:
		c.report(s.close.Pos(), fmt.Sprintf("every goroutine started by the loop at line %d closes %s, and the second close panics; close it once, after all of them are done (wg.Wait(); close(%s))",
			c.line(s.instr.Pos()), ch, ch))
	}
}

func (c *checker) reportPair(first, second site) {
	c.reported[second.close] = true
	ch := c.chanName(second.close)
	how := map[kind]string{direct: "closed", deferred: "closed by a deferred close", spawned: "closed by the goroutine started"}
	c.report(second.close.Pos(), fmt.Sprintf("%s is also %s at line %d, and the second close panics; close it in one place, or guard the closes with a sync.Once",
		ch, how[first.kind], c.line(first.instr.Pos())))
}

func (c *checker) report(pos token.Pos, msg string) {
	diag := analysis.Diagnostic{Pos: pos, Category: "doubleclose", Message: msg}
	if n, ok := c.nodes[pos]; ok {
		diag.Pos, diag.End = n.Pos(), n.End()
	}
	c.pass.Report(diag)
}

func (c *checker) line(pos token.Pos) int { return c.pass.Fset.Position(pos).Line }

// chanName spells the channel that a close closes as its source does.
func (c *checker) chanName(closeInstr ssa.Instruction) string {
	if call, ok := c.nodes[closeInstr.Pos()].(*ast.CallExpr); ok && len(call.Args) == 1 {
		return types.ExprString(call.Args[0])
	}
	return "the channel"
}

// indexNodes maps the positions that SSA gives close calls (the call's
// Lparen), deferred closes (the defer keyword) and sends (the arrow) to
// their syntax, so that diagnostics cover the whole expression.
func indexNodes(info *types.Info, ins *inspector.Inspector) map[token.Pos]ast.Node {
	out := make(map[token.Pos]ast.Node)
	for n := range ins.PreorderSeq((*ast.CallExpr)(nil), (*ast.DeferStmt)(nil), (*ast.SendStmt)(nil)) {
		switch n := n.(type) {
		case *ast.CallExpr:
			if chans.IsClose(info, n) {
				out[n.Lparen] = n
			}
		case *ast.DeferStmt:
			if chans.IsClose(info, n.Call) {
				out[n.Defer] = n.Call
			}
		case *ast.SendStmt:
			out[n.Arrow] = n
		}
	}
	return out
}

// reassignedFields returns the channel fields that some function stores to
// in an object it did not just allocate: fields that are reset (close the
// old channel, make a new one), whose loads name different channels over
// time.
func reassignedFields(fns []*ssa.Function) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	for _, fn := range fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok || !chans.IsChan(st.Val.Type()) {
					continue
				}
				fa, ok := st.Addr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				if _, fresh := fa.X.(*ssa.Alloc); fresh {
					continue // a composite literal being built
				}
				fields := chans.KeyOf(fa).Fields()
				if len(fields) > 0 {
					out[fields[len(fields)-1]] = true
				}
			}
		}
	}
	return out
}
