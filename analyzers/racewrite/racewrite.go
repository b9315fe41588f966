package racewrite

import (
	"cmp"
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

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "racewrite",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("racewrite"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:      run,
}

// A race is a pair of accesses to the same storage, one of them a write,
// made by two goroutines with nothing ordering them and no lock held.
type race struct {
	write, other *access
	spawn        ast.Node // the go statement (or Go call) that starts write's goroutine, or other's
	kind         raceKind
	goroutine    *goroutine // for withItself: the goroutine the loop starts
}

type raceKind uint8

const (
	withItself  raceKind = iota // two goroutines started by one statement in a loop
	withSpawner                 // a goroutine and the function that started it
	withSibling                 // two goroutines started one after the other
)

func run(pass *analysis.Pass) (any, error) {
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	c := &checker{
		pass:     pass,
		syncs:    newSyncs(pass.Fset, info, funcs.IndexDecls(info, ins)),
		loopVars: loopVars(info, ins),
		cfgs:     cfgs,
		reported: make(map[token.Pos]bool),
	}
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn.Body != nil {
				c.function(fn.Body, cfgs.FuncDecl(fn))
			}
		case *ast.FuncLit:
			c.function(fn.Body, cfgs.FuncLit(fn))
		}
	}
	return nil, nil
}

type checker struct {
	pass     *analysis.Pass
	syncs    *syncs
	loopVars map[*types.Var]bool
	cfgs     *ctrlflow.CFGs
	reported map[token.Pos]bool
}

// function checks the goroutines that the function with this body starts,
// against each other and against the function itself.
func (c *checker) function(body *ast.BlockStmt, g *cfg.CFG) {
	spawns := c.spawns(body)
	if len(spawns) == 0 || g == nil {
		return
	}
	spawner := c.newFlow(g, c.admissible)
	bySpawn := make(map[ast.Node]*goroutine)
	for _, s := range spawns {
		bySpawn[s.node] = s
	}
	var races []race
	for _, s := range spawns {
		for _, root := range s.roots() {
			if r, ok := c.firstRace(spawner, s, root, bySpawn); ok {
				races = append(races, r)
			}
		}
	}
	slices.SortStableFunc(races, func(a, b race) int { return cmp.Compare(a.write.expr.Pos(), b.write.expr.Pos()) })
	for _, r := range races {
		c.report(r)
	}
}

// firstRace walks the spawner from the statement that starts s, along
// every path until an operation that may order it after the goroutine, and
// returns the first race on root that it meets: with an access of the
// spawner, with a goroutine started further on, or with s itself started
// again by a loop.
func (c *checker) firstRace(spawner *flow, s *goroutine, root *types.Var, bySpawn map[ast.Node]*goroutine) (race, bool) {
	start, ok := spawner.stmtOf(s.node)
	if !ok {
		return race{}, false
	}
	var mine []*access
	var released levels // what s may release after its accesses
	for _, a := range s.accesses {
		if a.ref.Root == root {
			mine = append(mine, a)
			released = released.or(a.after)
		}
	}
	var found *race
	spawner.forward(start, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		var acquired levels
		acquired.add(spawner.effects[n].acq)
		if ordered(released, acquired) {
			return false // the spawner may wait for the goroutine here
		}
		for _, other := range spawnsIn(n, bySpawn) {
			kind := withSibling
			if other == s {
				kind = withItself
			}
			if r, ok := pairGoroutines(s, other, root, kind); ok {
				r.goroutine = s
				found = &r
				return false
			}
		}
		for _, b := range spawner.accessesIn(n, root) {
			for _, a := range mine {
				if !conflict(a, b) || a.held || b.held {
					continue
				}
				if ordered(spawner.releasedAfter(n, !b.write), a.before) {
					continue // the goroutine may wait for the spawner's signal
				}
				r := orient(a, b, s.node, withSpawner)
				found = &r
				return false
			}
		}
		return !defines(c.pass.TypesInfo, n, root)
	})
	if found == nil {
		return race{}, false
	}
	return *found, true
}

// spawnsIn returns the goroutines that node n starts.
func spawnsIn(n ast.Node, bySpawn map[ast.Node]*goroutine) []*goroutine {
	if _, isHead := n.(*ast.RangeStmt); isHead {
		return nil // a range loop's head: its body is in other nodes
	}
	var out []*goroutine
	ast.Inspect(n, func(m ast.Node) bool {
		if _, ok := m.(*ast.FuncLit); ok {
			return false
		}
		if g, ok := bySpawn[m]; ok {
			out = append(out, g)
		}
		return true
	})
	return out
}

// pairGoroutines returns a race on root between goroutine s and goroutine
// other, started after it with nothing in between that orders them.
func pairGoroutines(s, other *goroutine, root *types.Var, kind raceKind) (race, bool) {
	for _, a := range s.accesses {
		if a.ref.Root != root || a.held {
			continue
		}
		for _, b := range other.accesses {
			if b.ref.Root != root || b.held || !conflict(a, b) {
				continue
			}
			// One may release after its access what the other acquires
			// before its own: a semaphore, a handoff. Stay silent then.
			if ordered(a.after, b.before) || ordered(b.after, a.before) {
				continue
			}
			// The message names the other side's goroutine: the one
			// that does not write first.
			spawn := other.node
			if !a.write {
				spawn = s.node
			}
			return orient(a, b, spawn, kind), true
		}
	}
	return race{}, false
}

// orient puts the write first (a write races with a read or a write).
func orient(a, b *access, spawn ast.Node, kind raceKind) race {
	if !a.write {
		a, b = b, a
	}
	return race{write: a, other: b, spawn: spawn, kind: kind}
}

// conflict reports whether a and b touch the same storage and one writes
// it: the write's storage contains the other's (s.stats written, s.stats.n
// read), or both are the same.
func conflict(a, b *access) bool {
	switch {
	case a.write && a.ref.Contains(b.ref):
		return true
	case b.write && b.ref.Contains(a.ref):
		return true
	}
	return false
}

// defines reports whether n declares a new variable root, so that what
// follows on this path names other storage than what the goroutine shares.
func defines(info *types.Info, n ast.Node, root *types.Var) bool {
	if _, isHead := n.(*ast.RangeStmt); isHead {
		return false // loop variables are not followed
	}
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if _, ok := m.(*ast.FuncLit); ok || found {
			return false
		}
		if id, ok := m.(*ast.Ident); ok && info.Defs[id] == root {
			found = true
		}
		return true
	})
	return found
}

func (c *checker) report(r race) {
	if c.reported[r.write.expr.Pos()] {
		return
	}
	c.reported[r.write.expr.Pos()] = true
	c.reported[r.other.expr.Pos()] = true
	fset := c.pass.Fset
	line := func(n ast.Node) int { return fset.Position(n.Pos()).Line }
	what := r.write.describe()
	var msg string
	switch r.kind {
	case withItself:
		msg = fmt.Sprintf("every goroutine started by the loop at line %d %s with no lock held: the writes race; use a mutex, a per-goroutine slot (results[i] = r) or sync/atomic", line(r.spawn), what)
	case withSpawner:
		if r.write.inGoroutine {
			msg = fmt.Sprintf("this goroutine %s and its spawner %s at line %d with nothing ordering the two: a data race; wait for the goroutine (WaitGroup, channel) before that access, or guard both with a mutex", what, r.other.describe(), line(r.other.expr))
		} else {
			msg = fmt.Sprintf("this function %s here while the goroutine started at line %d %s (line %d) with nothing ordering the two: a data race; wait for the goroutine first, or guard both with a mutex", r.write.describe(), line(r.spawn), r.other.describe(), line(r.other.expr))
		}
	case withSibling:
		msg = fmt.Sprintf("this goroutine %s and the goroutine started at line %d %s (line %d), with no lock held: a data race; guard both with a mutex or use sync/atomic", what, line(r.spawn), r.other.describe(), line(r.other.expr))
	}
	d := analysis.Diagnostic{
		Pos:     r.write.expr.Pos(),
		End:     r.write.expr.End(),
		Message: msg,
		Related: []analysis.RelatedInformation{
			{Pos: r.other.expr.Pos(), End: r.other.expr.End(), Message: "the other access"},
			{Pos: r.spawn.Pos(), End: r.spawn.Pos() + token.Pos(len("go")), Message: "the goroutine starts here"},
		},
	}
	if r.kind == withItself {
		if fix, ok := c.mutexFix(r.goroutine, r.write.ref.Root.(*types.Var)); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	c.pass.Report(d)
}

// loopVars returns the variables that loops declare (for i := ...; range
// k, v): they are per-iteration from Go 1.22, and before that the goroutine
// capturing one is go vet's loopclosure report.
func loopVars(info *types.Info, ins *inspector.Inspector) map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	add := func(e ast.Node) {
		if e == nil {
			return
		}
		ast.Inspect(e, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := info.Defs[id].(*types.Var); ok {
					vars[v] = true
				}
			}
			return true
		})
	}
	for cur := range ins.Root().Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		switch loop := cur.Node().(type) {
		case *ast.ForStmt:
			add(loop.Init)
		case *ast.RangeStmt:
			if loop.Tok == token.DEFINE {
				add(loop.Key)
				add(loop.Value)
			}
		}
	}
	return vars
}
