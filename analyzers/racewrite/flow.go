package racewrite

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/lockset"
)

// A flow is one function's control-flow graph with what racewrite asks of
// it: where each node is, whether a lock is held there, and which
// synchronizations may come before or after it.
type flow struct {
	c       *checker
	g       *cfg.CFG
	nodes   map[*cfg.Block][]ast.Node // a range loop's head first, then the block's nodes
	where   map[ast.Node]loc
	held    map[ast.Node]bool // some mutex is held on every path to the node
	effects map[ast.Node]effect
	// before[b] are the acquires that may happen on some path from the
	// function's entry to b's entry, after[b] the releases on some path
	// from b's entry to the function's exit.
	before, after map[*cfg.Block]levels
	deferred      levels // the deferred calls' releases, which run at every exit
	accesses      map[ast.Node][]*access
	admit         func(*types.Var) bool
}

type loc struct {
	block *cfg.Block
	index int
}

// levels records which levels of synchronization occur.
type levels struct{ weak, strong bool }

func (l *levels) add(lv level) {
	switch lv {
	case weak:
		l.weak = true
	case strong:
		l.strong = true
	}
}

func (l levels) or(o levels) levels { return levels{l.weak || o.weak, l.strong || o.strong} }

// ordered reports whether a release among rel may order what precedes it
// before what follows an acquire among acq. A weak acquire pairs only
// with a weak release: a call into code the analysis cannot see may wait
// for another such call, but not for a channel of ours it was not handed.
func ordered(rel, acq levels) bool {
	return (acq.strong && (rel.strong || rel.weak)) || (acq.weak && rel.weak)
}

// newFlow indexes g. admit selects the variables whose accesses are
// collected: those a goroutine shares with others, or every variable.
func (c *checker) newFlow(g *cfg.CFG, admit func(*types.Var) bool) *flow {
	f := &flow{
		c:        c,
		g:        g,
		nodes:    make(map[*cfg.Block][]ast.Node),
		where:    make(map[ast.Node]loc),
		held:     make(map[ast.Node]bool),
		effects:  make(map[ast.Node]effect),
		accesses: make(map[ast.Node][]*access),
		admit:    admit,
	}
	for _, b := range g.Blocks {
		var nodes []ast.Node
		if b.Kind == cfg.KindRangeLoop {
			nodes = append(nodes, b.Stmt)
		}
		nodes = append(nodes, b.Nodes...)
		f.nodes[b] = nodes
		for i, n := range nodes {
			f.where[n] = loc{b, i}
			f.effects[n] = c.syncs.node(n)
			if d, ok := n.(*ast.DeferStmt); ok {
				f.deferred.add(c.syncs.walk(d.Call, true).rel)
			}
		}
	}
	lockset.MustHeld(c.pass.TypesInfo, g, lockset.Set{}, func(n ast.Node, held lockset.Set) {
		if _, ok := f.where[n]; ok && len(held) > 0 {
			f.held[n] = true
		}
	})
	f.solve()
	return f
}

// solve computes before and after, to a fixed point over the graph's
// cycles.
func (f *flow) solve() {
	f.before = make(map[*cfg.Block]levels)
	f.after = make(map[*cfg.Block]levels)
	acquires := make(map[*cfg.Block]levels)
	releases := make(map[*cfg.Block]levels)
	for _, b := range f.g.Blocks {
		var acq, rel levels
		for _, n := range f.nodes[b] {
			acq.add(f.effects[n].acq)
			rel.add(f.effects[n].rel)
		}
		acquires[b], releases[b] = acq, rel
	}
	for changed := true; changed; {
		changed = false
		for _, b := range f.g.Blocks {
			out := f.before[b].or(acquires[b])
			for _, s := range b.Succs {
				if next := f.before[s].or(out); next != f.before[s] {
					f.before[s] = next
					changed = true
				}
			}
			after := releases[b]
			for _, s := range b.Succs {
				after = after.or(f.after[s])
			}
			if after != f.after[b] {
				f.after[b] = after
				changed = true
			}
		}
	}
}

// acquiredBefore returns the acquires that may precede n. Its own count
// when own is set: for a write, whose right-hand side (x = <-ch) runs
// first; a read is evaluated before the call or send it feeds.
func (f *flow) acquiredBefore(n ast.Node, own bool) levels {
	at := f.where[n]
	l := f.before[at.block]
	upto := at.index
	if own {
		upto++
	}
	for _, m := range f.nodes[at.block][:upto] {
		l.add(f.effects[m].acq)
	}
	return l
}

// releasedAfter returns the releases that may follow n, the deferred
// calls' included. Its own count when own is set: for a read, which a
// send or call then hands on; a write's right-hand side has run before it.
func (f *flow) releasedAfter(n ast.Node, own bool) levels {
	at := f.where[n]
	l := f.deferred
	from := at.index + 1
	if own {
		from = at.index
	}
	for _, m := range f.nodes[at.block][from:] {
		l.add(f.effects[m].rel)
	}
	for _, s := range at.block.Succs {
		l = l.or(f.after[s])
	}
	return l
}

// stmtOf returns the location of the node that holds the spawn statement
// or call.
func (f *flow) stmtOf(spawn ast.Node) (loc, bool) {
	var best ast.Node
	for n := range f.where {
		if n.Pos() <= spawn.Pos() && spawn.End() <= n.End() {
			if _, isRange := n.(*ast.RangeStmt); isRange {
				continue
			}
			if best == nil || n.End()-n.Pos() < best.End()-best.Pos() {
				best = n
			}
		}
	}
	if best == nil {
		return loc{}, false
	}
	return f.where[best], true
}

// forward calls visit for each node that may run after the one at start,
// along every path, until visit returns false for a node: what follows it
// on that path is not visited from there. Each node is visited at most
// once, except start's own block, whose nodes up to start are visited
// when a loop leads back to it.
func (f *flow) forward(start loc, visit func(ast.Node) bool) {
	seen := make(map[*cfg.Block]bool)
	var work []*cfg.Block
	walk := func(b *cfg.Block, from int) {
		for _, n := range f.nodes[b][from:] {
			if !visit(n) {
				return
			}
		}
		for _, s := range b.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	walk(start.block, start.index+1)
	for len(work) > 0 {
		b := work[0]
		work = work[1:]
		walk(b, 0)
	}
}

// accessesIn returns the accesses of root (of every admitted variable, if
// root is nil) that node n makes itself.
func (f *flow) accessesIn(n ast.Node, root *types.Var) []*access {
	all, ok := f.accesses[n]
	if !ok {
		all = collect(f.c.pass.TypesInfo, n, f.admit)
		for _, a := range all {
			a.held = f.held[n]
		}
		f.accesses[n] = all
	}
	var out []*access
	for _, a := range all {
		if root == nil || a.ref.Root == root {
			out = append(out, a)
		}
	}
	return out
}
