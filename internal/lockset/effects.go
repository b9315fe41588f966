package lockset

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/summary"
)

// Effects are the lock effects of a package's functions, as the
// lockeffects analyzer solves them once for every lock analyzer: what each
// may lock and unlock (Acquisitions), what each hands over to its caller
// when it returns (Handovers), and what each call does to its caller's
// mutexes with the mutexes each function locks at its top level (Calls).
type Effects struct {
	Acquisitions *Acquisitions
	Handovers    *Handovers
	Calls        *Calls
	// None is set when the package locks no mutex and imports no lock
	// effect: no function of it can have one.
	None bool
}

// Imported is what a function of another package may lock and unlock,
// what it hands over to its caller (a Handover), and its top-level lock
// summary (Calls), as its fact says (the lockeffects analyzer's). Known is
// set when it has one.
type Imported struct {
	Known                         bool
	MayLock, MayUnlock            []string
	Acquires, Uncertain, Releases []string
	TopLocks                      []TopLock
	TopReleases, TopHolds         []string
}

// NewEffects solves the three lock summaries of decls' functions (see
// NewAcquisitions, NewHandovers and NewCalls for the arguments). They read
// one list of each body's calls, made once.
func NewEffects(info *types.Info, pkg *types.Package, files []*ast.File, decls funcs.Decls, graph *summary.Graph, cfg func(*ast.FuncDecl) *cfg.CFG, imported func(fn *types.Func) Imported) *Effects {
	bodies := new(bodyCalls)
	return &Effects{
		Acquisitions: newAcquisitions(info, decls, graph, imported, bodies),
		Handovers:    newHandovers(info, decls, graph, cfg, imported, bodies),
		Calls:        newCalls(info, pkg, files, decls, graph, cfg, imported, bodies),
	}
}

// bodyCalls lists, per function body, the calls it makes on its own
// goroutine (funcs.Calls) and those its defer statements make when it
// returns (funcs.Deferred), in source order. Each summary reads them for
// every function, at every round of its component's solve: one walk of
// the body serves them all. The summaries are solved one after the other,
// so it needs no lock.
type bodyCalls struct {
	lists map[*ast.BlockStmt]*callList
}

type callList struct {
	calls, deferred []*ast.CallExpr
}

func (b *bodyCalls) of(body *ast.BlockStmt) *callList {
	if l, ok := b.lists[body]; ok {
		return l
	}
	l := new(callList)
	funcs.Calls(body, func(call *ast.CallExpr) { l.calls = append(l.calls, call) })
	funcs.Deferred(body, func(call *ast.CallExpr) { l.deferred = append(l.deferred, call) })
	if b.lists == nil {
		b.lists = make(map[*ast.BlockStmt]*callList)
	}
	b.lists[body] = l
	return l
}
