// Package flow answers path questions on a function's control-flow graph
// (the go/cfg graphs that ctrlflow builds): does some path from a node reach
// the function's end, or come back to the node, without passing a node of
// interest?
package flow

import (
	"go/ast"

	"golang.org/x/tools/go/cfg"
)

// A Point is a node of the graph: the Index'th node of Block.
type Point struct {
	Block *cfg.Block
	Index int
}

// Find returns the point of g whose node contains n.
func Find(g *cfg.CFG, n ast.Node) (Point, bool) {
	for _, b := range g.Blocks {
		for i, node := range b.Nodes {
			if node.Pos() <= n.Pos() && n.End() <= node.End() {
				return Point{b, i}, true
			}
		}
	}
	return Point{}, false
}

// A Search describes the paths to look for.
type Search struct {
	// Cut reports whether a path that passes node n stops there. A
	// select's communications are passed to Cut on the path of the case
	// that takes them, not where go/cfg evaluates them, before the select
	// chooses.
	Cut func(n ast.Node) bool
	// Endless reports whether a range loop can never finish (it ranges over
	// a channel that is never closed, such as a ticker's); its exit is
	// then not followed. May be nil.
	Endless func(*ast.RangeStmt) bool
}

// Escape looks for a path that starts just after from and passes no node
// that s cuts. It returns the exit (the return statement, explicit or
// implied at the closing brace) of the first such path that reaches the
// function's end, and whether such a path comes back to from (a loop that
// repeats it). Paths that end in a panic or a call that does not return
// are not exits.
func (s Search) Escape(g *cfg.CFG, from Point) (exit *ast.ReturnStmt, again bool) {
	comms := make(map[ast.Node]bool)
	for _, b := range g.Blocks {
		if b.Kind == cfg.KindSelectCaseBody {
			if comm := b.Stmt.(*ast.CommClause).Comm; comm != nil {
				comms[comm] = true
			}
		}
	}
	cut := func(n ast.Node) bool { return !comms[n] && s.Cut(n) }
	enter := func(b *cfg.Block) bool { // reports whether entering b cuts
		switch b.Kind {
		case cfg.KindSelectCaseBody:
			if comm := b.Stmt.(*ast.CommClause).Comm; comm != nil {
				return s.Cut(comm)
			}
		case cfg.KindRangeDone:
			return s.Endless != nil && s.Endless(b.Stmt.(*ast.RangeStmt))
		}
		return false
	}

	seen := make(map[*cfg.Block]bool)
	// walk follows b from its node i on, and reports whether the search
	// is over (an exit was found).
	var walk func(b *cfg.Block, i int) bool
	walk = func(b *cfg.Block, i int) bool {
		for ; i < len(b.Nodes); i++ {
			if b == from.Block && i == from.Index {
				again = true
				return false
			}
			if cut(b.Nodes[i]) {
				return false
			}
		}
		if ret := b.Return(); ret != nil {
			exit = ret
			return true
		}
		for _, succ := range b.Succs {
			if seen[succ] {
				continue
			}
			seen[succ] = true
			if !enter(succ) && walk(succ, 0) {
				return true
			}
		}
		return false
	}
	// Start after from; from's block is marked seen only when a path
	// comes back to it.
	b := from.Block
	for i := from.Index + 1; i < len(b.Nodes); i++ {
		if cut(b.Nodes[i]) {
			return nil, false
		}
	}
	if ret := b.Return(); ret != nil {
		return ret, false
	}
	for _, succ := range b.Succs {
		if seen[succ] {
			continue
		}
		seen[succ] = true
		if !enter(succ) && walk(succ, 0) {
			break
		}
	}
	return exit, again
}
