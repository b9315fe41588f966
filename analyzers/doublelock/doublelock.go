package doublelock

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/lockeffects"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "doublelock",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("doublelock"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer, lockeffects.Analyzer},
	Run:      run,
}

// checker asks the package's lock model (lockset.Calls, solved by
// lockeffects) what each call does to the mutexes held.
type checker struct {
	pass  *analysis.Pass
	calls *lockset.Calls
}

func run(pass *analysis.Pass) (any, error) {
	eff := pass.ResultOf[lockeffects.Analyzer].(*lockset.Effects)
	if eff.None {
		return nil, nil // no mutex here, and none in what it calls
	}
	c := &checker{pass: pass, calls: eff.Calls}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			if fn.Body != nil {
				c.check(fn.Name.Name, fn.Body, cfgs.FuncDecl(fn))
			}
		case *ast.FuncLit:
			c.check("the function literal", fn.Body, cfgs.FuncLit(fn))
		}
	}
	return nil, nil
}

// check follows the paths of the function named name and reports a lock
// taken while the same goroutine holds the mutex on every path to it.
func (c *checker) check(name string, body *ast.BlockStmt, g *cfg.CFG) {
	if g == nil {
		return
	}
	firstAcquire := make(map[locks.Key]token.Pos)
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for _, n := range b.Nodes {
			funcs.Calls(n, func(call *ast.CallExpr) {
				for _, ev := range c.calls.Events(call) {
					if p, ok := firstAcquire[ev.Key]; (ev.Kind == lockset.CallAcquire || ev.Kind == lockset.CallHolds) && (!ok || call.Pos() < p) {
						firstAcquire[ev.Key] = call.Pos()
					}
				}
			})
		}
	}
	if len(firstAcquire) == 0 {
		return
	}
	reported := make(map[*ast.CallExpr]bool)
	lockset.Flow(g, lockset.Set{}, c.calls.Transfer(c.calls.Handed(body)), func(n ast.Node, held lockset.Set) {
		call, ok := n.(*ast.CallExpr)
		if !ok || reported[call] || len(held) == 0 {
			return
		}
		for _, ev := range c.calls.Events(call) {
			if ev.Kind != lockset.CallAcquire && ev.Kind != lockset.CallLocks {
				continue
			}
			for _, mode := range []locks.Mode{locks.Write, locks.Read} {
				hk := locks.Key{Ref: ev.Key.Ref, Mode: mode}
				if held[hk] {
					reported[call] = true
					c.report(name, ev, mode, c.pass.Fset.Position(firstAcquire[hk]).Line)
					return
				}
			}
		}
	})
}

// report explains a lock of ev.Key taken while the goroutine holds the same
// mutex in mode held, locked at line since.
func (c *checker) report(name string, ev lockset.CallEvent, held locks.Mode, since int) {
	k, want := ev.Key.String(), ev.Key.Mode
	var what string
	if ev.Kind == lockset.CallAcquire {
		what = fmt.Sprintf("%s.%s while %s is already %s (line %d)", k, want.LockName(), k, heldAs(held), since)
	} else {
		verb := "locks"
		if want == locks.Read {
			verb = "read-locks"
		}
		what = fmt.Sprintf("%s %s %s again (held since line %d)", chain(name, ev.Chain), verb, k, since)
	}
	var why string
	switch {
	case held == locks.Read && want == locks.Read:
		why = "a recursive read lock deadlocks when another goroutine calls Lock in between (sync.RWMutex forbids it); take the read lock once"
	case held == locks.Read:
		why = "a read lock cannot be upgraded, so this blocks forever; RUnlock first and check the state again after Lock"
	case want == locks.Read:
		why = "the goroutine holding the write lock cannot take the read lock, so this blocks forever; do not lock again while holding it"
	default:
		why = "sync.Mutex is not reentrant, so this blocks forever; unlock first, or call a variant that expects the lock to be held"
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:      ev.Call.Pos(),
		End:      ev.Call.End(),
		Category: "doublelock",
		Message:  what + ": " + why,
	})
}

func heldAs(m locks.Mode) string {
	if m == locks.Read {
		return "read-locked"
	}
	return "locked"
}

// chain names the call chain shortly: Get → refresh → load.
func chain(name string, callees []string) string {
	names := append([]string{name}, callees...)
	if len(names) > 4 {
		names = []string{names[0], names[1], "…", names[len(names)-1]}
	}
	return strings.Join(names, " → ")
}
