package lockorder

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/locks"
	"github.com/concvet/concvet/internal/lockset"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "lockorder",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("lockorder"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:      run,
}

// An edge records that to was locked while from was held.
type edge struct {
	from, to         refs.Key
	fromMode, toMode locks.Mode
	call             *ast.CallExpr // the call that locks to
	chain            []string      // the functions from the caller to the Lock
	fn               string        // the function that makes the call
	held             lockset.Set   // everything held at the call
	// test is set for an edge in a _test.go file. A test that takes a
	// production type's locks in its own order stages an interleaving; it
	// is paired only with other test edges.
	test bool
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "sync") {
		return nil, nil
	}
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	decls := funcs.IndexDecls(info, ins)
	acq := lockset.NewAcquisitions(info, decls)

	var edges []*edge
	seen := make(map[*ast.CallExpr]bool)
	for cur := range ins.Root().Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var g *cfg.CFG
		name := "a function literal"
		switch fn := cur.Node().(type) {
		case *ast.FuncDecl:
			g = cfgs.FuncDecl(fn)
			name = fn.Name.Name
		case *ast.FuncLit:
			g = cfgs.FuncLit(fn)
		}
		lockset.MustHeld(info, g, lockset.Set{}, func(n ast.Node, held lockset.Set) {
			call, ok := n.(*ast.CallExpr)
			if !ok || seen[call] || len(held) == 0 {
				return
			}
			seen[call] = true
			for _, to := range acq.At(call) {
				toKey := refs.KeyOf(to.Ref)
				if !toKey.Valid() {
					continue
				}
				for from := range held {
					fromKey := refs.KeyOf(from.Ref)
					if !fromKey.Valid() || fromKey == toKey {
						continue
					}
					edges = append(edges, &edge{
						from: fromKey, to: toKey, fromMode: from.Mode, toMode: to.Mode,
						call: call, chain: chain(info, decls, acq, call, to), fn: name, held: held.Clone(),
						test: strings.HasSuffix(pass.Fset.File(call.Pos()).Name(), "_test.go"),
					})
				}
			}
		})
	}
	slices.SortStableFunc(edges, func(a, b *edge) int { return int(a.call.Pos() - b.call.Pos()) })

	reported := make(map[[2]refs.Key]bool)
	for i, e := range edges {
		for _, f := range edges[:i] {
			if f.from != e.to || f.to != e.from {
				continue
			}
			pair := [2]refs.Key{f.from, f.to}
			if f.to.String() < f.from.String() {
				pair = [2]refs.Key{f.to, f.from}
			}
			if reported[pair] || allRead(e, f) || gated(e, f) || e.test != f.test {
				continue
			}
			reported[pair] = true
			report(pass, e, f)
		}
	}
	return nil, nil
}

// allRead reports whether every acquisition of the two edges is a read
// lock: readers do not exclude each other.
func allRead(e, f *edge) bool {
	return e.fromMode == locks.Read && e.toMode == locks.Read && f.fromMode == locks.Read && f.toMode == locks.Read
}

// gated reports whether a third mutex is held at both acquisitions: the
// two orders never run at once.
func gated(e, f *edge) bool {
	for a := range e.held {
		ka := refs.KeyOf(a.Ref)
		if ka == e.from || ka == e.to {
			continue
		}
		for b := range f.held {
			if refs.KeyOf(b.Ref) == ka && (a.Mode == locks.Write || b.Mode == locks.Write) {
				return true
			}
		}
	}
	return false
}

// chain names the functions from call down to the Lock of to: empty for a
// direct Lock.
func chain(info *types.Info, decls funcs.Decls, acq *lockset.Acquisitions, call *ast.CallExpr, to locks.Key) []string {
	var out []string
	seen := make(map[*types.Func]bool)
	for {
		if _, ok := locks.OpOf(info, call); ok {
			return out
		}
		t := funcs.Resolve(info, decls, call)
		if t.Decl == nil || seen[t.Func] {
			return out
		}
		seen[t.Func] = true
		out = append(out, t.Func.Name())
		// Follow the first call in the callee that locks the same mutex
		// (a field of the same type, whatever the receiver is called).
		var next *ast.CallExpr
		locks.Calls(t.Decl.Body, func(c *ast.CallExpr) {
			if next != nil {
				return
			}
			for _, k := range acq.At(c) {
				if refs.KeyOf(k.Ref) == refs.KeyOf(to.Ref) {
					next = c
				}
			}
		})
		if next == nil {
			return out
		}
		call = next
	}
}

func report(pass *analysis.Pass, e, f *edge) {
	where := func(x *edge) string {
		p := pass.Fset.Position(x.call.Pos())
		s := fmt.Sprintf("%s then %s at %s:%d in %s", x.from, x.to, shortFile(p.Filename), p.Line, x.fn)
		if len(x.chain) > 0 {
			s += " via " + strings.Join(append([]string{x.fn}, x.chain...), " → ")
		}
		return s
	}
	pass.Report(analysis.Diagnostic{
		Pos:      e.call.Pos(),
		End:      e.call.End(),
		Category: "lockorder",
		Message: fmt.Sprintf("%s and %s are locked in both orders (%s; %s): two goroutines taking them in these orders deadlock; take them in one order everywhere",
			e.to, e.from, where(f), where(e)),
		Related: []analysis.RelatedInformation{{Pos: f.call.Pos(), End: f.call.End(), Message: "the other order: " + where(f)}},
	})
}

func shortFile(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		return name[i+1:]
	}
	return name
}
