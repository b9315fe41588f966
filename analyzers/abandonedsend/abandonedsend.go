package abandonedsend

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/severity"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "abandonedsend",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("abandonedsend"),
	Requires: []*analysis.Analyzer{buildssa.Analyzer, inspect.Analyzer, prims.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	// In a test, the leak or hang happens only once the test has failed:
	// a cleanup, not a bug.
	pass = severity.TestsAreCleanups(pass)
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	var all []*chans.Chan
	index := make(map[ssa.Value]*chans.Chan)
	for _, fn := range ssainfo.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mk, ok := instr.(*ssa.MakeChan); ok {
					ch := chans.Follow(mk, noParams)
					all = append(all, ch)
					for v := range ch.Values {
						index[v] = ch
					}
				}
			}
		}
	}
	for _, ch := range all {
		check(pass, ch, index)
		checkReceiver(pass, ch)
	}
	if chans.Used(pass) {
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		checkFields(pass, ins, prims.For(pass))
	}
	return nil, nil
}

// noParams is the parameter summary for functions of other packages:
// nothing is known, so a channel passed to one escapes.
func noParams(*ssa.Function, int) (chans.Uses, bool) { return chans.Uses{}, false }

// check reports the sends on the channel made by mk that its spawner may
// abandon: mk's function starts goroutines that send on the unbuffered
// channel, and receives from it itself, but not on every path.
func check(pass *analysis.Pass, ch *chans.Chan, index map[ssa.Value]*chans.Chan) {
	mk := ch.Make
	capacity, constant := ch.Capacity()
	if ch.Uses.Escapes || !constant || len(ch.SendOps) == 0 || len(ch.RecvOps) == 0 {
		return
	}
	if capacity > 0 {
		checkBuffered(pass, ch, capacity)
		return
	}
	spawner := mk.Parent()
	for _, r := range ch.RecvOps {
		if r.Parent() != spawner {
			return // someone else receives too
		}
	}
	senders, ok := sendersOf(ch, spawner)
	if !ok {
		return
	}
	gos, ok := startedBy(spawner, senders, ch)
	if !ok {
		return
	}
	many := len(gos) > 1 || chans.InCycle(gos[0].Block())
	blocked := ch.SendOps // the sends reported

	why := ""
	for _, r := range ch.RecvOps {
		if sel, ok := r.(*ssa.Select); ok {
			if at := selectAbandons(sel, ch, signals(senders, index)); at != token.NoPos {
				why = fmt.Sprintf("the select at %s can take another case and return without receiving", where(pass, at))
				break
			}
		} else if (many || loops(ch.SendOps)) && chans.InCycle(r.Block()) && returnsEarly(r.(*ssa.UnOp), ch) {
			// Several goroutines, or one that sends in a loop: a return
			// from the receive loop leaves sends without a receiver.
			left := "the remaining senders"
			if !many {
				left = "the goroutine's remaining sends"
			}
			why = fmt.Sprintf("the receive loop at %s can return early, leaving %s blocked", where(pass, r.Pos()), left)
			break
		}
	}
	if why == "" && !many && !loops(ch.RecvOps) {
		// One goroutine, received from outside any loop (a receive in a
		// loop may be taken on every feasible path, which the paths of
		// the graph do not show): the spawner returns, on some path,
		// before it receives at all, or receives fewer times than the
		// goroutine sends.
		g := gos[0]
		if ret := returnFrom(g.Block(), slices.Index(g.Block().Instrs, ssa.Instruction(g))+1, ch, nil, signals(senders, index)); ret != nil && allSendAtMostOnce(senders) {
			at := "the function returns"
			if ret.Pos().IsValid() {
				at = "the return at " + where(pass, ret.Pos()) + " runs"
			}
			why = at + " before any receive"
		} else if sends, recvs := len(ch.SendOps), len(ch.RecvOps); ret == nil && sends > recvs && recvs > 0 && !loops(ch.SendOps) && sequential(ch.SendOps) {
			// More sends than receives, each run once: the send after
			// the last receive's partner is the one that blocks.
			why = fmt.Sprintf("the goroutine sends %d times and the spawner receives only %s", sends, times(recvs))
			blocked = []ssa.Instruction{bySource(ch.SendOps)[recvs]}
		}
	}
	if why == "" && many && len(gos) == 1 && !loops(ch.RecvOps) {
		// Goroutines started in a loop, received from a fixed number of
		// times: the rest block.
		why = fmt.Sprintf("the loop at %s starts more goroutines than the spawner's %s take", where(pass, gos[0].Pos()), receives(len(ch.RecvOps)))
	}
	if why == "" {
		return
	}

	size, exact := bufferSize(pass, mk, gos, senders, many)
	name := chanName(pass, mk)
	for _, s := range blocked {
		d := analysis.Diagnostic{
			Pos:      s.Pos(),
			Category: "abandonedsend",
		}
		if s.Parent().Parent() == nil {
			// A named function's send: the goroutine that leaks is the
			// one this spawner starts, so the finding is at its go
			// statement, with the send as related information.
			g := goOf(gos, s.Parent())
			d.Pos, d.End = g.Pos(), g.Pos()+token.Pos(len("go"))
			d.Related = []analysis.RelatedInformation{{Pos: s.Pos(), Message: "the send that blocks"}}
		}
		if exact {
			d.Message = fmt.Sprintf("send on unbuffered channel %s blocks forever when %s, leaking this goroutine; make %s with a buffer of %s", name, why, name, size)
			if edit, ok := addBuffer(pass, mk, size); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{{
					Message:   fmt.Sprintf("give %s a buffer of %s", name, size),
					TextEdits: []analysis.TextEdit{edit},
				}}
			}
		} else {
			d.Message = fmt.Sprintf("send on unbuffered channel %s blocks forever when %s, leaking this goroutine; buffer %s for every send, or keep receiving until every sender is done", name, why, name)
		}
		pass.Report(d)
	}
}

// checkBuffered reports the send that blocks forever on the channel made
// by mk with a constant buffer of capacity: one goroutine that the spawner
// starts once sends more times, one send after the other, than the buffer
// holds plus the spawner's receives, each made once. The first send past
// that count never completes.
func checkBuffered(pass *analysis.Pass, ch *chans.Chan, capacity int64) {
	spawner := ch.Make.Parent()
	for _, r := range ch.RecvOps {
		if r.Parent() != spawner {
			return // someone else receives too
		}
		if _, ok := r.(*ssa.UnOp); !ok {
			return // a select case: taken or not
		}
	}
	senders, ok := sendersOf(ch, spawner)
	if !ok {
		return
	}
	gos, ok := startedBy(spawner, senders, ch)
	if !ok || len(gos) != 1 || chans.InCycle(gos[0].Block()) {
		return
	}
	if loops(ch.RecvOps) || loops(ch.SendOps) || !sequential(ch.SendOps) {
		return
	}
	sends, recvs := int64(len(ch.SendOps)), int64(len(ch.RecvOps))
	if sends <= capacity+recvs {
		return
	}
	name := chanName(pass, ch.Make)
	s := bySource(ch.SendOps)[capacity+recvs]
	d := analysis.Diagnostic{
		Pos:      s.Pos(),
		Category: "abandonedsend",
		Message: fmt.Sprintf("send on channel %s blocks forever: the goroutine sends %d times, the buffer holds %d and the spawner receives only %s, leaking this goroutine; buffer %s for every send, or keep receiving until the sender is done",
			name, sends, capacity, times(int(recvs)), name),
	}
	if s.Parent().Parent() == nil {
		g := goOf(gos, s.Parent())
		d.Pos, d.End = g.Pos(), g.Pos()+token.Pos(len("go"))
		d.Related = []analysis.RelatedInformation{{Pos: s.Pos(), Message: "the send that blocks"}}
	}
	pass.Report(d)
}

// sendersOf returns the functions that send on ch, when every send is a
// plain send in a goroutine that the spawner starts directly: a literal,
// or a function of the package handed the channel.
func sendersOf(ch *chans.Chan, spawner *ssa.Function) (map[*ssa.Function]bool, bool) {
	senders := map[*ssa.Function]bool{}
	for _, s := range ch.SendOps {
		send, ok := s.(*ssa.Send)
		if !ok {
			return nil, false
		}
		if fn := send.Parent(); fn.Parent() != spawner && fn.Parent() != nil {
			return nil, false
		}
		senders[send.Parent()] = true
	}
	return senders, true
}

// startedBy returns the go statements of spawner that start the
// goroutines of fns: each literal started exactly once, each named
// function started at least once and handed ch. It reports false when one
// of them is also called, stored or started in another way, so that its
// operations may run on some other goroutine.
func startedBy(spawner *ssa.Function, fns map[*ssa.Function]bool, ch *chans.Chan) ([]*ssa.Go, bool) {
	var gos []*ssa.Go
	started := make(map[*ssa.Function]int)
	for _, b := range spawner.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			common := call.Common()
			if mc, ok := common.Value.(*ssa.MakeClosure); ok && fns[mc.Fn.(*ssa.Function)] {
				g, isGo := instr.(*ssa.Go)
				if !isGo {
					return nil, false
				}
				gos = append(gos, g)
				started[mc.Fn.(*ssa.Function)]++
				continue
			}
			callee := common.StaticCallee()
			if callee == nil || common.IsInvoke() {
				continue
			}
			if callee.Origin() != nil {
				callee = callee.Origin()
			}
			if !fns[callee] {
				continue
			}
			g, isGo := instr.(*ssa.Go)
			if !isGo || !handed(common, ch) {
				return nil, false // called here, or started with another channel
			}
			gos = append(gos, g)
			started[callee]++
		}
	}
	for fn := range fns {
		n := started[fn]
		if n == 0 || (fn.Parent() != nil && n != 1) {
			return nil, false
		}
	}
	return gos, len(gos) > 0
}

// handed reports whether the call passes one of ch's values.
func handed(common *ssa.CallCommon, ch *chans.Chan) bool {
	for _, a := range common.Args {
		if ch.Values[a] {
			return true
		}
	}
	return false
}

// goOf returns the first of gos that starts fn.
func goOf(gos []*ssa.Go, fn *ssa.Function) *ssa.Go {
	for _, g := range gos {
		callee := g.Call.StaticCallee()
		if callee != nil && callee.Origin() != nil {
			callee = callee.Origin()
		}
		if callee == fn {
			return g
		}
	}
	return gos[0]
}

// selectAbandons returns the position of sel when one of its other cases
// (or its default) leads to a return of the spawner on a path that does not
// receive from ch.
func selectAbandons(sel *ssa.Select, ch *chans.Chan, signal func(ssa.Value) bool) token.Pos {
	k := -1
	for i, st := range sel.States {
		if ch.Values[st.Chan] && st.Dir == types.RecvOnly {
			k = i
		}
	}
	if k < 0 {
		return token.NoPos
	}
	// Walk the if-chain that dispatches on the chosen case: every branch
	// but case k's is a way out.
	var others []*ssa.BasicBlock
	b := sel.Block()
	for {
		_, idx, ok := caseTest(b, sel)
		if !ok {
			break
		}
		if idx != k && !(idx < len(sel.States) && signal(sel.States[idx].Chan)) {
			others = append(others, b.Succs[0])
		}
		b = b.Succs[1]
		if _, _, more := caseTest(b, sel); !more {
			if !sel.Blocking {
				others = append(others, b) // the default case
			}
			break
		}
	}
	for _, o := range others {
		if reachesReturn(o, ch, nil) {
			return sel.Pos()
		}
	}
	return token.NoPos
}

// checkReceiver reports the symmetric leak: a goroutine ranging over a
// channel that its spawner closes on some paths but returns without closing
// on another, leaving the goroutine waiting forever.
func checkReceiver(pass *analysis.Pass, ch *chans.Chan) {
	if ch.Uses.Escapes || len(ch.CloseOps) == 0 || len(ch.RecvOps) == 0 {
		return
	}
	spawner := ch.Make.Parent()
	for _, op := range ch.CloseOps {
		if _, deferred := op.(*ssa.Defer); deferred || op.Parent() != spawner {
			return // closed on every path, or by someone else
		}
	}
	for _, op := range ch.SendOps {
		if op.Parent() != spawner {
			return
		}
	}
	// Every receive is in a goroutine that the spawner starts (a literal,
	// or a function of the package handed the channel), and one of them
	// waits for the close.
	receivers := map[*ssa.Function]bool{}
	var ranged *ssa.UnOp
	for _, op := range ch.RecvOps {
		if fn := op.Parent(); fn.Parent() != spawner && fn.Parent() != nil {
			return
		}
		receivers[op.Parent()] = true
		if r, ok := op.(*ssa.UnOp); ok && r.CommaOk && ranged == nil {
			ranged = r
		}
	}
	if ranged == nil {
		return
	}
	gos, ok := startedBy(spawner, receivers, ch)
	if !ok {
		return
	}
	for _, g := range gos {
		b := g.Block()
		i := slices.Index(b.Instrs, ssa.Instruction(g))
		if closedBefore(ch, b, i) {
			continue // the goroutine drains a channel that is already closed
		}
		ret := returnsWithoutClose(b, i+1, ch)
		if ret == nil {
			continue
		}
		name := chanName(pass, ch.Make)
		at := "the function returns"
		if ret.Pos().IsValid() {
			at = "the return at " + where(pass, ret.Pos()) + " runs"
		}
		d := analysis.Diagnostic{
			Pos:      ranged.Pos(),
			Category: "abandonedsend",
			Message:  fmt.Sprintf("receive from %s waits forever when %s without closing %s, leaking this goroutine; close %s on every path, e.g. with defer close(%s)", name, at, name, name, name),
		}
		if ranged.Parent().Parent() == nil {
			// A named function's receive: the finding is at the go
			// statement of this spawner.
			d.Pos, d.End = g.Pos(), g.Pos()+token.Pos(len("go"))
			d.Related = []analysis.RelatedInformation{{Pos: ranged.Pos(), Message: "the receive that waits"}}
		}
		pass.Report(d)
		return
	}
}

// closedBefore reports whether a close of ch runs before instruction i of
// block b on every path to it.
func closedBefore(ch *chans.Chan, b *ssa.BasicBlock, i int) bool {
	for _, op := range ch.CloseOps {
		cb := op.Block()
		if cb != b {
			if cb.Dominates(b) {
				return true
			}
			continue
		}
		for _, instr := range b.Instrs[:i] {
			if instr == op {
				return true
			}
		}
	}
	return false
}

// returnsWithoutClose returns a return of the function reachable from
// instruction i of block b on a path that does not close ch, or nil.
func returnsWithoutClose(b *ssa.BasicBlock, i int, ch *chans.Chan) *ssa.Return {
	closes := map[ssa.Instruction]bool{}
	for _, op := range ch.CloseOps {
		closes[op] = true
	}
	seen := map[*ssa.BasicBlock]bool{b: true}
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	work := []item{{b, i}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		stopped := false
		for _, instr := range it.b.Instrs[it.i:] {
			switch instr := instr.(type) {
			case *ssa.Return:
				return instr
			case *ssa.Panic:
				stopped = true
			case *ssa.Call:
				stopped = closes[instr] || funcs.FailsTest(instr.Call)
			}
			if stopped {
				break
			}
		}
		if stopped {
			continue
		}
		for _, s := range it.b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, item{s, 0})
			}
		}
	}
	return nil
}

// signals returns a test of whether a channel is one that the senders
// themselves send to or close: a select case on it means the sender has
// finished another way, not that the spawner gave up.
func signals(senders map[*ssa.Function]bool, index map[ssa.Value]*chans.Chan) func(ssa.Value) bool {
	return func(v ssa.Value) bool {
		other, ok := index[v]
		if !ok {
			return false
		}
		for _, op := range other.SendOps {
			if senders[op.Parent()] {
				return true
			}
		}
		for _, op := range other.CloseOps {
			if senders[op.Parent()] {
				return true
			}
		}
		return false
	}
}

// caseTest matches a block ending in `if index == i` on the result of a
// select, the dispatch of its i'th case. When sel is not nil, the select
// must be sel.
func caseTest(b *ssa.BasicBlock, sel *ssa.Select) (*ssa.Select, int, bool) {
	if len(b.Instrs) == 0 {
		return nil, 0, false
	}
	ifi, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil, 0, false
	}
	bin, ok := ifi.Cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL {
		return nil, 0, false
	}
	ex, ok := bin.X.(*ssa.Extract)
	if !ok || ex.Index != 0 {
		return nil, 0, false
	}
	s, ok := ex.Tuple.(*ssa.Select)
	if !ok || (sel != nil && s != sel) {
		return nil, 0, false
	}
	kc, ok := bin.Y.(*ssa.Const)
	if !ok {
		return nil, 0, false
	}
	return s, int(kc.Int64()), true
}

// reachesReturn reports whether a path from start reaches a return of the
// function without receiving from ch, never entering a block in stop.
func reachesReturn(start *ssa.BasicBlock, ch *chans.Chan, stop map[*ssa.BasicBlock]bool) bool {
	return returnFrom(start, 0, ch, stop, nil) != nil
}

// returnFrom returns a return of the function that a path from
// instruction i of start reaches without receiving from ch, never
// entering a block in stop nor the case of a select on a channel that
// signal says the senders signal on (they are done without sending); nil
// if there is none.
func returnFrom(start *ssa.BasicBlock, i int, ch *chans.Chan, stop map[*ssa.BasicBlock]bool, signal func(ssa.Value) bool) *ssa.Return {
	seen := map[*ssa.BasicBlock]bool{start: i == 0}
	type item struct {
		b *ssa.BasicBlock
		i int
	}
	work := []item{{start, i}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		consumed := false
		for _, instr := range it.b.Instrs[it.i:] {
			switch instr := instr.(type) {
			case *ssa.UnOp:
				if instr.Op == token.ARROW && ch.Values[instr.X] {
					consumed = true
				}
			case *ssa.Return:
				if !consumed {
					return instr
				}
			case *ssa.Call:
				if funcs.FailsTest(instr.Call) {
					consumed = true // the test has failed: a leak there is moot
				}
			case *ssa.Panic:
				consumed = true
			}
			if consumed {
				break
			}
		}
		if consumed {
			continue
		}
		succs := it.b.Succs
		// The case of a select that receives from ch, or from a signal
		// of the senders: the sender is done.
		if sel, idx, ok := caseTest(it.b, nil); ok && idx < len(sel.States) && sel.States[idx].Dir == types.RecvOnly {
			if c := sel.States[idx].Chan; ch.Values[c] || (signal != nil && signal(c)) {
				succs = succs[1:]
			}
		}
		for _, s := range succs {
			if !seen[s] && !stop[s] {
				seen[s] = true
				work = append(work, item{s, 0})
			}
		}
	}
	return nil
}

// returnsEarly reports whether, after the receive r in a loop, some path
// returns from the function without going round the loop again: the
// first-error return of a results loop.
func returnsEarly(r *ssa.UnOp, ch *chans.Chan) bool {
	b := r.Block()
	stop := map[*ssa.BasicBlock]bool{}
	for _, d := range b.Parent().Blocks {
		if d.Dominates(b) {
			stop[d] = true // going back to the loop header or above
		}
	}
	succs := b.Succs
	if r.CommaOk && len(succs) == 2 {
		succs = succs[:1] // the channel was closed: every sender is done
	}
	// A rotated loop (for range n) tests its counter in the receive's own
	// block: when one branch goes round again and the test does not look
	// at what was received, the other branch is the loop's normal end.
	if loopTest(b, r, stop) {
		return false
	}
	// The same test further down the body (the body branches on what it
	// received first: `if v > best { best = v }`): a path that reaches it
	// goes round again or ends the loop normally, never early.
	var tests []*ssa.BasicBlock
	for _, d := range b.Parent().Blocks {
		if d != b && !stop[d] && loopTest(d, r, stop) && chans.Reaches(b, d) {
			tests = append(tests, d)
		}
	}
	for _, d := range tests {
		stop[d] = true
	}
	for _, s := range succs {
		if !stop[s] && reachesReturn(s, ch, stop) {
			return true
		}
	}
	return false
}

// loopTest reports whether the block d ends in the test of a loop that
// holds the receive r: one branch goes back round (to a block in back, the
// blocks that dominate the receive) and the condition does not look at
// what r received, so the other branch is the loop's normal end.
func loopTest(d *ssa.BasicBlock, r *ssa.UnOp, back map[*ssa.BasicBlock]bool) bool {
	ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
	return ok && len(d.Succs) == 2 && (back[d.Succs[0]] || back[d.Succs[1]]) && !dependsOn(ifi.Cond, r, 8)
}

// allSendAtMostOnce reports whether every run of each sender sends at most
// once.
func allSendAtMostOnce(senders map[*ssa.Function]bool) bool {
	for fn := range senders {
		if !sendsAtMostOnce(fn) {
			return false
		}
	}
	return true
}

// sequential reports whether ops are in one function, each reached only
// after the ones before it in source order: the straight-line sends of one
// goroutine.
func sequential(ops []ssa.Instruction) bool {
	ops = bySource(ops)
	for i := 1; i < len(ops); i++ {
		a, b := ops[i-1], ops[i]
		if a.Parent() != b.Parent() || a.Pos() >= b.Pos() || !(a.Block() == b.Block() || a.Block().Dominates(b.Block())) {
			return false
		}
	}
	return true
}

// bySource returns ops sorted by position.
func bySource(ops []ssa.Instruction) []ssa.Instruction {
	return slices.SortedFunc(slices.Values(ops), func(a, b ssa.Instruction) int { return cmp.Compare(a.Pos(), b.Pos()) })
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func receives(n int) string {
	if n == 1 {
		return "one receive"
	}
	return fmt.Sprintf("%d receives", n)
}

// loops reports whether one of ops is in a loop of its function, or may
// run more than once: then counting the operations says nothing.
func loops(ops []ssa.Instruction) bool {
	for _, op := range ops {
		if chans.InCycle(op.Block()) {
			return true
		}
	}
	return false
}

// dependsOn reports whether v is computed from op's result, following
// operands at most depth steps (further is taken to depend).
func dependsOn(v ssa.Value, op ssa.Value, depth int) bool {
	return dependsOnSeen(v, op, depth, make(map[ssa.Value]bool))
}

func dependsOnSeen(v ssa.Value, op ssa.Value, depth int, seen map[ssa.Value]bool) bool {
	if v == op {
		return true
	}
	if seen[v] {
		return false // round a cycle (a loop counter's phi): nothing new
	}
	seen[v] = true
	instr, ok := v.(ssa.Instruction)
	if !ok {
		return false // a constant, a parameter, a global
	}
	if depth == 0 {
		return true
	}
	for _, o := range instr.Operands(nil) {
		if o != nil && *o != nil && dependsOnSeen(*o, op, depth-1, seen) {
			return true
		}
	}
	return false
}

// bufferSize returns the buffer that lets every sender finish, when it is
// exact: 1 for one goroutine that sends at most once, len(X) (or n) for one
// goroutine per iteration of a range over X (or the integer n) that
// encloses the go statement but not the make.
func bufferSize(pass *analysis.Pass, mk *ssa.MakeChan, gos []*ssa.Go, senders map[*ssa.Function]bool, many bool) (string, bool) {
	for fn := range senders {
		if !sendsAtMostOnce(fn) {
			return "", false
		}
	}
	if !many {
		return "1", true
	}
	if len(gos) != 1 {
		return "", false
	}
	file := fileOf(pass, mk.Pos())
	if file == nil {
		return "", false
	}
	path, _ := astutil.PathEnclosingInterval(file, gos[0].Pos(), gos[0].Pos())
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return "", false
		case *ast.ForStmt:
			return "", false
		case *ast.RangeStmt:
			if n.Pos() <= mk.Pos() && mk.Pos() < n.End() {
				return "", false // the make runs once per iteration too
			}
			if !inCycleOnce(gos[0]) {
				return "", false
			}
			src, ok := fixes.Source(pass, n.X)
			if !ok {
				return "", false
			}
			if _, isIdent := ast.Unparen(n.X).(*ast.Ident); !isIdent {
				if _, isSel := ast.Unparen(n.X).(*ast.SelectorExpr); !isSel {
					return "", false
				}
			}
			switch pass.TypesInfo.TypeOf(n.X).Underlying().(type) {
			case *types.Slice, *types.Map, *types.Array:
				return "len(" + string(src) + ")", true
			case *types.Basic:
				return string(src), true
			}
			return "", false
		}
	}
	return "", false
}

// inCycleOnce reports whether g sits directly in one loop (not nested in a
// second one), so one goroutine starts per iteration of it.
func inCycleOnce(g *ssa.Go) bool {
	fn := g.Parent()
	n := 0
	for _, b := range fn.Blocks {
		for _, p := range b.Preds {
			if b.Dominates(p) && b.Dominates(g.Block()) && chans.Reaches(g.Block(), p) {
				n++
			}
		}
	}
	return n == 1
}

// sendsAtMostOnce reports whether every run of fn sends at most once: no
// send can reach another send, or itself.
func sendsAtMostOnce(fn *ssa.Function) bool {
	var sends []*ssa.BasicBlock
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if _, ok := instr.(*ssa.Send); ok {
				for _, s := range sends {
					if s == b {
						return false // two sends in one block
					}
				}
				sends = append(sends, b)
			}
		}
	}
	for _, from := range sends {
		for _, to := range sends {
			for _, s := range from.Succs {
				if chans.Reaches(s, to) {
					return false
				}
			}
		}
	}
	return true
}

// addBuffer inserts the buffer size into the make call.
func addBuffer(pass *analysis.Pass, mk *ssa.MakeChan, size string) (analysis.TextEdit, bool) {
	file := fileOf(pass, mk.Pos())
	if file == nil {
		return analysis.TextEdit{}, false
	}
	path, _ := astutil.PathEnclosingInterval(file, mk.Pos(), mk.Pos())
	for _, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == mk.Pos() && len(call.Args) == 1 {
			return analysis.TextEdit{Pos: call.Rparen, End: call.Rparen, NewText: []byte(", " + size)}, true
		}
	}
	return analysis.TextEdit{}, false
}

func fileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// chanName names the channel for a message: the variable the make is
// assigned to.
func chanName(pass *analysis.Pass, mk *ssa.MakeChan) string {
	for _, instr := range *mk.Referrers() {
		if st, ok := instr.(*ssa.Store); ok {
			if a, ok := st.Addr.(*ssa.Alloc); ok && a.Comment != "" {
				return a.Comment // a variable that closures capture
			}
		}
	}
	if file := fileOf(pass, mk.Pos()); file != nil {
		path, _ := astutil.PathEnclosingInterval(file, mk.Pos(), mk.Pos())
		for i, n := range path {
			call, ok := n.(*ast.CallExpr)
			if !ok || call.Lparen != mk.Pos() || i+1 >= len(path) {
				continue
			}
			switch parent := path[i+1].(type) {
			case *ast.AssignStmt:
				for j, rhs := range parent.Rhs {
					if rhs == call && j < len(parent.Lhs) {
						if id, ok := parent.Lhs[j].(*ast.Ident); ok {
							return id.Name
						}
					}
				}
			case *ast.ValueSpec:
				for j, v := range parent.Values {
					if v == call && j < len(parent.Names) {
						return parent.Names[j].Name
					}
				}
			}
		}
	}
	return "the channel"
}

func where(pass *analysis.Pass, pos token.Pos) string {
	p := pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}
