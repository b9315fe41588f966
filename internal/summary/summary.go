// Package summary solves the interprocedural summaries of a package's
// functions once, in an order that depends only on the source.
//
// An analyzer that summarizes functions ("what this function does to the
// mutexes or channels of its caller") needs the summaries of the callees
// before the caller's, and a rule for recursion. Computing them lazily with a
// recursion guard makes the result depend on which function of a cycle is
// reached first, which is map order when the analyzer ranges over its
// declarations. Solve instead splits the call graph into strongly connected
// components and solves them callees first; the functions of one component
// are recomputed, in source order, until none of their summaries changes.
package summary

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/source"
)

// A Graph is the static call graph of a package's declared functions: for
// each function, the functions of the same package that its body (nested
// function literals included) calls or starts, in source order.
type Graph struct {
	Funcs   []*types.Func // in source order
	Callees map[*types.Func][]*types.Func
	rank    map[*types.Func]int // index in Funcs
}

// CallGraph returns the call graph of the functions declared in decls,
// whose files fset holds, in source order (source.ComparePos: not by
// token.Pos, which orders a package's files differently from run to run
// under a loader that parses them in parallel).
func CallGraph(fset *token.FileSet, info *types.Info, decls funcs.Decls) *Graph {
	g := &Graph{Callees: make(map[*types.Func][]*types.Func, len(decls))}
	for fn := range decls {
		g.Funcs = append(g.Funcs, fn)
	}
	slices.SortFunc(g.Funcs, func(a, b *types.Func) int { return source.ComparePos(fset, a.Pos(), b.Pos()) })
	g.rank = make(map[*types.Func]int, len(g.Funcs))
	for i, fn := range g.Funcs {
		g.rank[fn] = i
	}
	for _, fn := range g.Funcs {
		var callees []*types.Func
		seen := make(map[*types.Func]bool)
		ast.Inspect(decls[fn].Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if t := funcs.Resolve(info, decls, call); t.Decl != nil && !seen[t.Func] {
					seen[t.Func] = true
					callees = append(callees, t.Func)
				}
			}
			return true
		})
		g.Callees[fn] = callees
	}
	return g
}

// Components returns the strongly connected components of g, callees
// before their callers, each in source order. The order is a function of
// g alone.
func (g *Graph) Components() [][]*types.Func {
	// Tarjan's algorithm, which emits each component after every
	// component it reaches.
	index := make(map[*types.Func]int, len(g.Funcs))
	low := make(map[*types.Func]int, len(g.Funcs))
	onStack := make(map[*types.Func]bool)
	var stack []*types.Func
	var out [][]*types.Func
	var visit func(fn *types.Func)
	visit = func(fn *types.Func) {
		index[fn] = len(index)
		low[fn] = index[fn]
		stack = append(stack, fn)
		onStack[fn] = true
		for _, callee := range g.Callees[fn] {
			if _, seen := index[callee]; !seen {
				visit(callee)
				low[fn] = min(low[fn], low[callee])
			} else if onStack[callee] {
				low[fn] = min(low[fn], index[callee])
			}
		}
		if low[fn] == index[fn] {
			var comp []*types.Func
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				comp = append(comp, top)
				if top == fn {
					break
				}
			}
			slices.SortFunc(comp, func(a, b *types.Func) int { return g.rank[a] - g.rank[b] })
			out = append(out, comp)
		}
	}
	for _, fn := range g.Funcs {
		if _, seen := index[fn]; !seen {
			visit(fn)
		}
	}
	return out
}

// maxRounds bounds the rounds spent on one component. Summaries are sets
// that grow with the callees' summaries, so a component settles in a few
// rounds; the bound keeps a summary that does not grow monotonically from
// looping, and the result is still a function of the source.
const maxRounds = 8

// Solve computes a summary for every function of g into results, callees
// first. compute reads the summaries of the callees from results: a callee
// of an earlier component is final there; a callee of the same component
// holds its value from the previous round, or is absent in the first round
// (compute treats an absent callee as one with no effects). equal reports
// whether a summary is unchanged, which ends the rounds of a component.
func Solve[S any](g *Graph, results map[*types.Func]S, compute func(fn *types.Func) S, equal func(a, b S) bool) {
	for _, comp := range g.Components() {
		recursive := len(comp) > 1 || slices.Contains(g.Callees[comp[0]], comp[0])
		if !recursive {
			results[comp[0]] = compute(comp[0])
			continue
		}
		for range maxRounds {
			changed := false
			for _, fn := range comp {
				s := compute(fn)
				if prev, ok := results[fn]; !ok || !equal(prev, s) {
					changed = true
				}
				results[fn] = s
			}
			if !changed {
				break
			}
		}
	}
}
