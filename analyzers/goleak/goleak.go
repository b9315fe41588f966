package goleak

import (
	"bytes"
	_ "embed"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/lifetime"
	"github.com/concvet/concvet/internal/prims"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:      "goleak",
	Doc:       docs.FromSource(doc),
	URL:       docs.URL("goleak"),
	Requires:  []*analysis.Analyzer{buildssa.Analyzer, inspect.Analyzer, prims.Analyzer},
	FactTypes: []analysis.Fact{new(summaryFact)},
	Run:       run,
}

// reportMain makes goleak report goroutines started from main and init of a
// main package too. They live as long as the process, and are deliberate
// far more often than not, so they are skipped by default.
var reportMain bool

func init() {
	Analyzer.Flags.BoolVar(&reportMain, "main", false, "also report the process-lifetime goroutines of commands: those started from main, init and the helpers they call once")
}

// summaryFact records, for a function, what a goroutine running it does:
// whether it can ever return, whether it returns only once a channel
// parameter is closed, and what it does with each channel parameter. It
// lets `go s.loop()` be judged when loop is in another package.
type summaryFact struct {
	Never  string             // why the function never returns; "" if it may
	Ranges map[int]string     // chan parameter -> why the function returns only once it is closed
	Params map[int]chans.Uses // chan parameter -> what the function does with it
}

func (*summaryFact) AFact() {}

func (f *summaryFact) String() string {
	var parts []string
	if f.Never != "" {
		parts = append(parts, "never")
	}
	var idx []int
	for i := range f.Ranges {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		parts = append(parts, fmt.Sprintf("ranges(%d)", i))
	}
	idx = idx[:0]
	for i := range f.Params {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		u := f.Params[i]
		parts = append(parts, fmt.Sprintf("param(%d):s%d,r%d,c%d,e%v", i, u.Sends, u.Recvs, u.Closes, u.Escapes))
	}
	return "goroutine " + strings.Join(parts, " ")
}

type checker struct {
	pass  *analysis.Pass
	chans map[ssa.Value]*chans.Chan // every value known to hold a channel made here
	never map[*ssa.Function]*string // memo of neverReturns; nil entry while in progress
	// reported holds the go statements already reported, so that a
	// goroutine is reported once.
	reported map[token.Pos]bool
}

func run(pass *analysis.Pass) (any, error) {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := exportFacts(pass)
	once := lifetime.Find(pass.Pkg, pass.TypesInfo, pass.Files, !reportMain)

	for _, fn := range ssainfo.SrcFuncs {
		if once.Covers(fn) {
			continue // a goroutine started once lives as long as the process by design
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok {
					c.checkGo(g, once)
				}
			}
		}
	}
	// The package-wide index of channel and WaitGroup operations.
	if chans.Used(pass) || typesutil.Imports(pass.Pkg, "sync") {
		ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		x := prims.For(pass)
		checkShared(pass, ins, x, c.reported)
		checkMutual(pass, ins, x, c.reported)
	}
	return nil, nil
}

// exportFacts follows the channels made in the package and exports the
// summary of every named function; it returns the checker, which the
// diagnostics reuse.
func exportFacts(pass *analysis.Pass) *checker {
	ssainfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	c := &checker{
		pass:  pass,
		chans: make(map[ssa.Value]*chans.Chan),
		never: make(map[*ssa.Function]*string),

		reported: make(map[token.Pos]bool),
	}

	// Follow every channel made in this package to all its uses.
	for _, fn := range ssainfo.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mk, ok := instr.(*ssa.MakeChan); ok {
					ch := chans.Follow(mk, c.paramUses)
					for v := range ch.Values {
						c.chans[v] = ch
					}
				}
			}
		}
	}

	// Summarize every named function for importers, which may start it
	// with go.
	for _, fn := range ssainfo.SrcFuncs {
		obj, ok := fn.Object().(*types.Func)
		if !ok || fn.Parent() != nil || fn.Blocks == nil {
			continue
		}
		if f := c.summarize(fn); f != nil {
			pass.ExportObjectFact(obj, f)
		}
	}
	return c
}

// summarize computes the fact of a named function, or nil if there is
// nothing to say.
func (c *checker) summarize(fn *ssa.Function) *summaryFact {
	f := &summaryFact{}
	if why := c.neverReturns(fn); why != nil {
		f.Never = *why
	}
	for i, p := range fn.Params {
		if _, ok := p.Type().Underlying().(*types.Chan); !ok {
			continue
		}
		if f.Params == nil {
			f.Params = make(map[int]chans.Uses)
		}
		f.Params[i] = chans.FollowParam(p, c.paramUses)
		if f.Never != "" {
			continue
		}
		env := map[ssa.Value]state{p: {neverClosed: true}}
		if ok, why := c.finishes(fn, env); !ok {
			if f.Ranges == nil {
				f.Ranges = make(map[int]string)
			}
			f.Ranges[i] = why
		}
	}
	if f.Never == "" && f.Ranges == nil && f.Params == nil {
		return nil
	}
	return f
}

// paramUses reads what a function of another package does with its i'th
// parameter from its fact.
func (c *checker) paramUses(fn *ssa.Function, i int) (chans.Uses, bool) {
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return chans.Uses{}, false
	}
	var f summaryFact
	if !c.pass.ImportObjectFact(obj, &f) {
		return chans.Uses{}, false
	}
	u, ok := f.Params[i]
	return u, ok
}

// checkGo reports a go statement whose goroutine can never finish.
func (c *checker) checkGo(g *ssa.Go, once *lifetime.Once) {
	common := g.Call
	if common.IsInvoke() {
		return
	}
	fn := common.StaticCallee()
	if fn == nil {
		return
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if once.HandlesSignals(fn) {
		return // a signal handler lives as long as the process
	}
	if !chans.InCycle(g.Block()) {
		// Started once by a function that itself never returns after
		// the go statement (it ends in select {} or a receive nothing
		// feeds): the goroutine lives exactly as long as its spawner, by
		// design.
		if ok, _ := c.finishesFrom(g.Block(), slices.Index(g.Block().Instrs, ssa.Instruction(g))+1, nil); !ok {
			return
		}
	}
	why := ""
	if fn.Blocks != nil {
		env := make(map[ssa.Value]state)
		for i, a := range common.Args {
			if i < len(fn.Params) {
				if st := c.stateOf(a, nil); st != (state{}) {
					env[fn.Params[i]] = st
				}
			}
		}
		if ok, w := c.finishes(fn, env); !ok {
			why = w
		}
	} else if obj, ok := fn.Object().(*types.Func); ok {
		var f summaryFact
		if !c.pass.ImportObjectFact(obj, &f) {
			return
		}
		why = f.Never
		if why == "" {
			for i, a := range common.Args {
				if w, ok := f.Ranges[i]; ok && c.stateOf(a, nil).neverClosed {
					why = w
					break
				}
			}
		}
	}
	if why == "" {
		return
	}
	c.reported[g.Pos()] = true
	c.pass.Report(analysis.Diagnostic{
		Pos:      g.Pos(),
		End:      g.Pos() + token.Pos(len("go")),
		Category: "goleak",
		Message:  fmt.Sprintf("goroutine never finishes: %s; give it a cancellation path, such as a select on ctx.Done() or a done channel that returns", why),
	})
}

// A state is what is known about the channel an operation works on.
type state struct {
	neverClosed   bool // ranging over it never ends; ok is always true
	neverSent     bool // a receive from it blocks forever
	neverReceived bool // a send on it blocks forever
	name          string
}

// stateOf returns what is known about the channel held by v, in a function
// analysed with env binding its parameters.
func (c *checker) stateOf(v ssa.Value, env map[ssa.Value]state) state {
	if ct, ok := v.(*ssa.ChangeType); ok {
		v = ct.X
	}
	if st, ok := env[v]; ok {
		return st
	}
	if chans.IsTimerChan(v) {
		return state{neverClosed: true, name: "a timer or ticker channel, which is never closed"}
	}
	ch, ok := c.chans[v]
	if !ok {
		return state{}
	}
	return state{
		neverClosed:   ch.NeverClosed(),
		neverSent:     ch.NeverClosed() && ch.NeverSent(),
		neverReceived: ch.Unbuffered() && ch.NeverReceived(),
	}
}

// neverReturns reports why the named or literal function fn, run with
// unknown arguments, can never return; nil if it may. Recursion is assumed
// to return.
func (c *checker) neverReturns(fn *ssa.Function) *string {
	if why, ok := c.never[fn]; ok {
		return why
	}
	if fn.Blocks == nil {
		obj, ok := fn.Object().(*types.Func)
		if !ok {
			return nil
		}
		var f summaryFact
		if c.pass.ImportObjectFact(obj, &f) && f.Never != "" {
			return &f.Never
		}
		return nil
	}
	c.never[fn] = nil // in progress
	var res *string
	if ok, why := c.finishes(fn, nil); !ok {
		res = &why
	}
	c.never[fn] = res
	return res
}

// finishes reports whether some path through fn reaches a return, a panic
// or a call that ends the goroutine or the process. If none does, it says
// why, naming the loop or operation that never ends.
func (c *checker) finishes(fn *ssa.Function, env map[ssa.Value]state) (bool, string) {
	if fn.Blocks == nil {
		return true, ""
	}
	return c.finishesFrom(fn.Blocks[0], 0, env)
}

// finishesFrom is finishes for the paths that start at instruction i of
// block start.
func (c *checker) finishesFrom(start *ssa.BasicBlock, i int, env map[ssa.Value]state) (bool, string) {
	fn := start.Parent()
	okAlways := map[ssa.Value]string{} // ok results that are always true
	deadCase := map[ssa.Value]map[int]bool{}
	stuck := ""  // the first operation found to block forever
	ranged := "" // the first range that never ends
	seen := make([]bool, len(fn.Blocks))
	work := []*ssa.BasicBlock{start}
	from := map[*ssa.BasicBlock]int{start: i}
	if i == 0 {
		seen[start.Index] = true
	}
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		blocked := false
		first := from[b]
		delete(from, b)
	instrs:
		for _, instr := range b.Instrs[first:] {
			switch instr := instr.(type) {
			case *ssa.Return:
				return true, ""
			case *ssa.Panic:
				if !unreachableSelectPanic(instr) {
					return true, ""
				}
				blocked = true
				break instrs
			case *ssa.Call:
				if funcs.MayExit(instr.Call) {
					return true, ""
				}
				if callee := instr.Call.StaticCallee(); callee != nil && !instr.Call.IsInvoke() {
					if callee.Origin() != nil {
						callee = callee.Origin()
					}
					if why := c.neverReturns(callee); why != nil {
						if stuck == "" {
							stuck = fmt.Sprintf("it calls %s at %s, which never returns (%s)", callee.Name(), c.where(instr.Pos()), *why)
						}
						blocked = true
						break instrs
					}
				}
			case *ssa.UnOp:
				if instr.Op != token.ARROW {
					continue
				}
				st := c.stateOf(instr.X, env)
				if st.neverSent {
					if stuck == "" {
						stuck = fmt.Sprintf("the receive at %s blocks forever, since nothing sends to or closes %s", c.where(instr.Pos()), chanName(instr.X))
					}
					blocked = true
					break instrs
				}
				if instr.CommaOk && st.neverClosed {
					okAlways[instr] = c.rangeWhy(instr, st)
				}
			case *ssa.Send:
				if c.stateOf(instr.Chan, env).neverReceived {
					if stuck == "" {
						stuck = fmt.Sprintf("the send at %s blocks forever, since nothing receives from %s", c.where(instr.Pos()), chanName(instr.Chan))
					}
					blocked = true
					break instrs
				}
			case *ssa.Select:
				dead := map[int]bool{}
				for i, s := range instr.States {
					st := c.stateOf(s.Chan, env)
					if (s.Dir == types.RecvOnly && st.neverSent) || (s.Dir == types.SendOnly && st.neverReceived) {
						dead[i] = true
					}
				}
				deadCase[instr] = dead
				if instr.Blocking && len(dead) == len(instr.States) {
					if stuck == "" {
						if len(instr.States) == 0 {
							stuck = fmt.Sprintf("the empty select at %s blocks forever", c.where(instr.Pos()))
						} else {
							stuck = fmt.Sprintf("the select at %s blocks forever, since none of its channels is ever sent to or closed", c.where(instr.Pos()))
						}
					}
					blocked = true
					break instrs
				}
			}
		}
		if blocked {
			continue
		}
		succs := b.Succs
		if len(succs) == 2 {
			if ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
				if w, ok := alwaysTrue(ifInstr.Cond, okAlways); ok {
					succs = succs[:1]
					if ranged == "" {
						ranged = w
					}
				} else if neverTrue(ifInstr.Cond, deadCase) {
					succs = succs[1:]
				}
			}
		}
		for _, s := range succs {
			if !seen[s.Index] {
				seen[s.Index] = true
				work = append(work, s)
			}
		}
	}
	switch {
	case stuck != "":
		return false, stuck
	case ranged != "":
		return false, ranged
	}
	return false, c.loopWhy(fn, seen)
}

// rangeWhy describes the never-ending receive loop around recv.
func (c *checker) rangeWhy(recv *ssa.UnOp, st state) string {
	what := chanName(recv.X) + ", which nothing closes"
	if st.name != "" {
		what = chanName(recv.X) + ", " + st.name
	}
	return fmt.Sprintf("the loop at %s receives until %s", c.where(recv.Pos()), what)
}

// loopWhy names the first loop among the reachable blocks.
func (c *checker) loopWhy(fn *ssa.Function, reachable []bool) string {
	for _, b := range fn.Blocks {
		if !reachable[b.Index] {
			continue
		}
		for _, p := range b.Preds {
			if reachable[p.Index] && b.Dominates(p) {
				return fmt.Sprintf("the for loop at %s has no exit", c.where(loopPos(fn, b)))
			}
		}
	}
	return fmt.Sprintf("%s never returns", fn.Name())
}

// loopPos finds the for or range statement whose loop begins with block
// header, falling back to the function.
func loopPos(fn *ssa.Function, header *ssa.BasicBlock) token.Pos {
	var at token.Pos
	for _, b := range append([]*ssa.BasicBlock{header}, header.Succs...) {
		for _, instr := range b.Instrs {
			if instr.Pos().IsValid() {
				at = instr.Pos()
				break
			}
		}
		if at.IsValid() {
			break
		}
	}
	syntax := fn.Syntax()
	if syntax == nil {
		return fn.Pos()
	}
	best := token.NoPos
	ast.Inspect(syntax, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			if !at.IsValid() || (n.Pos() <= at && at < n.End()) {
				best = n.Pos()
			}
		case *ast.FuncLit:
			return n == syntax
		}
		return true
	})
	if !best.IsValid() {
		return fn.Pos()
	}
	return best
}

// where formats pos as file:line.
func (c *checker) where(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	if !p.IsValid() {
		return "?"
	}
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// chanName names the channel held by v for a message.
func chanName(v ssa.Value) string {
	for {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
			continue
		case *ssa.UnOp:
			if fa, ok := x.X.(*ssa.FieldAddr); ok {
				st := fa.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
				return st.Field(fa.Field).Name()
			}
			if x.Op == token.MUL {
				v = x.X
				continue
			}
		case *ssa.Call:
			if fn := x.Call.StaticCallee(); fn != nil {
				return fn.Name() + "()"
			}
		}
		break
	}
	if n := v.Name(); n != "" && !strings.HasPrefix(n, "t") {
		return n
	}
	if a, ok := v.(*ssa.Alloc); ok && a.Comment != "" {
		return a.Comment
	}
	if mk, ok := v.(*ssa.MakeChan); ok {
		return "the channel made at " + mk.Parent().Prog.Fset.Position(mk.Pos()).String()
	}
	return "the channel"
}

// alwaysTrue reports whether cond is the ok result of a receive from a
// channel that is never closed.
func alwaysTrue(cond ssa.Value, okAlways map[ssa.Value]string) (string, bool) {
	ex, ok := cond.(*ssa.Extract)
	if !ok || ex.Index != 1 {
		return "", false
	}
	why, ok := okAlways[ex.Tuple]
	return why, ok
}

// neverTrue reports whether cond tests that a select chose a case that can
// never proceed.
func neverTrue(cond ssa.Value, deadCase map[ssa.Value]map[int]bool) bool {
	bin, ok := cond.(*ssa.BinOp)
	if !ok || bin.Op != token.EQL {
		return false
	}
	ex, ok := bin.X.(*ssa.Extract)
	k, ok2 := bin.Y.(*ssa.Const)
	if !ok || !ok2 || ex.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
		return false
	}
	dead, ok := deadCase[ex.Tuple]
	if !ok {
		return false
	}
	i, _ := constant.Int64Val(k.Value)
	return dead[int(i)]
}

// unreachableSelectPanic reports whether p is the panic the SSA builder
// places after a blocking select's last case, which never runs.
func unreachableSelectPanic(p *ssa.Panic) bool {
	mi, ok := p.X.(*ssa.MakeInterface)
	if !ok {
		return false
	}
	k, ok := mi.X.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.String &&
		strings.HasPrefix(constant.StringVal(k.Value), "blocking select matched no case")
}

// factWire is summaryFact as it is encoded: the maps become slices sorted by
// parameter index, because gob encodes a map in its iteration order, which
// changes from run to run, and facts must encode the same way every time
// (go vet caches by their bytes).
type factWire struct {
	Never  string
	Ranges []indexedReason
	Params []indexedUses
}

type indexedReason struct {
	Index int
	Why   string
}

type indexedUses struct {
	Index int
	Uses  chans.Uses
}

func (f *summaryFact) GobEncode() ([]byte, error) {
	w := factWire{Never: f.Never}
	for i, why := range f.Ranges {
		w.Ranges = append(w.Ranges, indexedReason{i, why})
	}
	for i, u := range f.Params {
		w.Params = append(w.Params, indexedUses{i, u})
	}
	sort.Slice(w.Ranges, func(a, b int) bool { return w.Ranges[a].Index < w.Ranges[b].Index })
	sort.Slice(w.Params, func(a, b int) bool { return w.Params[a].Index < w.Params[b].Index })
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(w)
	return buf.Bytes(), err
}

func (f *summaryFact) GobDecode(data []byte) error {
	var w factWire
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&w); err != nil {
		return err
	}
	*f = summaryFact{Never: w.Never}
	for _, r := range w.Ranges {
		if f.Ranges == nil {
			f.Ranges = make(map[int]string)
		}
		f.Ranges[r.Index] = r.Why
	}
	for _, p := range w.Params {
		if f.Params == nil {
			f.Params = make(map[int]chans.Uses)
		}
		f.Params[p.Index] = p.Uses
	}
	return nil
}
