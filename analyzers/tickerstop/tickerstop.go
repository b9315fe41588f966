package tickerstop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/files"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/flow"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/goversion"
	"github.com/concvet/concvet/internal/timers"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "tickerstop",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("tickerstop"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "time") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	var fields *fieldUses // built on first need

	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		kind := timers.Func(pass.TypesInfo, call)
		if kind == "" || kind == "After" {
			continue
		}
		fn, file := funcs.Enclosing(cur)
		if fn == nil || file == nil {
			continue
		}
		modern := goversion.AtLeast(pass, file, "go1.23")
		if kind == "Tick" {
			if !modern {
				checkTick(pass, graphOf(cfgs, fn), call)
			}
			continue
		}

		switch parent := cur.Parent().Node().(type) {
		case *ast.AssignStmt:
			if len(parent.Lhs) != 1 || len(parent.Rhs) != 1 {
				continue
			}
			switch lhs := ast.Unparen(parent.Lhs[0]).(type) {
			case *ast.Ident:
				if v, ok := pass.TypesInfo.ObjectOf(lhs).(*types.Var); ok && !v.IsField() && isLocal(v, fn) {
					checkLocal(pass, cfgs, cur, fn, parent, v, kind, modern)
				}
			case *ast.SelectorExpr:
				if kind == "NewTicker" && !modern {
					if fields == nil {
						fields = indexFields(pass, ins)
					}
					checkField(pass, fields, call, lhs.Sel)
				}
			}
		case *ast.ValueSpec:
			if len(parent.Names) == 1 && len(parent.Values) == 1 {
				decl, isDecl := cur.Parent().Parent().Parent().Node().(*ast.DeclStmt)
				if v, ok := pass.TypesInfo.Defs[parent.Names[0]].(*types.Var); ok && isDecl && isLocal(v, fn) {
					checkLocal(pass, cfgs, cur, fn, decl, v, kind, modern)
				}
			}
		case *ast.KeyValueExpr:
			if key, ok := parent.Key.(*ast.Ident); ok && kind == "NewTicker" && !modern {
				if fields == nil {
					fields = indexFields(pass, ins)
				}
				checkField(pass, fields, call, key)
			}
		}
	}
	return nil, nil
}

func graphOf(cfgs *ctrlflow.CFGs, fn ast.Node) *cfg.CFG {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return cfgs.FuncDecl(fn)
	case *ast.FuncLit:
		return cfgs.FuncLit(fn)
	}
	return nil
}

// isLocal reports whether v is declared inside fn (not a parameter, result,
// captured or package-level variable).
func isLocal(v *types.Var, fn ast.Node) bool {
	var body *ast.BlockStmt
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		body = fn.Body
	case *ast.FuncLit:
		body = fn.Body
	}
	return body != nil && body.Pos() <= v.Pos() && v.Pos() < body.End()
}

// checkLocal reports a ticker or timer held in local variable v, made by the
// statement stmt, that a path leaves running.
func checkLocal(pass *analysis.Pass, cfgs *ctrlflow.CFGs, cur inspector.Cursor, fn ast.Node, stmt ast.Node, v *types.Var, kind string, modern bool) {
	if modern && kind != "AfterFunc" {
		// From go1.23 an unreferenced ticker or timer is collected; a
		// local one that does not escape costs nothing after return.
		return
	}
	u, ok := usesOf(pass.TypesInfo, fn, stmt, v)
	if !ok {
		return
	}
	switch kind {
	case "NewTimer", "AfterFunc":
		// A timer that is never stopped fires once and is gone; an
		// AfterFunc that is never stopped is meant to run. Only a
		// function that stops it on some paths says that it must not.
		if len(u.stops) == 0 && kind == "AfterFunc" {
			return
		}
	}
	graph := graphOf(cfgs, fn)
	if graph == nil {
		return
	}
	from, ok := flow.Find(graph, stmt)
	if !ok {
		return
	}
	search := flow.Search{
		Cut: func(n ast.Node) bool {
			return containsAny(n, u.stops) || (kind == "NewTimer" && containsAny(n, u.receives))
		},
		Endless: func(r *ast.RangeStmt) bool { return ranges(pass.TypesInfo, r) },
	}
	exit, again := search.Escape(graph, from)
	name := v.Name()
	what := map[string]string{"NewTicker": "ticker", "NewTimer": "timer", "AfterFunc": "AfterFunc timer"}[kind]

	var msg string
	switch {
	case kind == "NewTicker" && again:
		msg = fmt.Sprintf("a new ticker %s is made on every iteration and the previous one is never stopped; before go1.23 each keeps firing and is never collected, a leak that grows with the loop; stop it before the next iteration", name)
	case kind == "NewTicker" && exit != nil && len(u.stops) == 0:
		msg = fmt.Sprintf("ticker %s is never stopped; before go1.23 a ticker that is not stopped keeps firing and is never collected, even after this function returns; call defer %s.Stop() after making it", name, name)
	case kind == "NewTicker" && exit != nil:
		msg = fmt.Sprintf("ticker %s is not stopped on the path through %s; before go1.23 a ticker that is not stopped keeps firing and is never collected; call defer %s.Stop() after making it", name, where(pass, exit, fn), name)
	case kind == "NewTimer" && again:
		msg = fmt.Sprintf("a new timer %s is made on every iteration and an iteration neither stops it nor receives from it; before go1.23 each stays in memory until it fires; stop it, or make one timer before the loop and Reset it", name)
	case kind == "NewTimer" && exit != nil && len(u.stops) > 0:
		msg = fmt.Sprintf("timer %s is stopped on some paths but not on the path through %s; before go1.23 it stays in memory until it fires; call defer %s.Stop() after making it", name, where(pass, exit, fn), name)
	case kind == "AfterFunc" && exit != nil:
		msg = fmt.Sprintf("%s %s is stopped on some paths but not on the path through %s, where its function still runs after the delay; stop it there too, or defer %s.Stop()", what, name, where(pass, exit, fn), name)
	default:
		return
	}
	diag := analysis.Diagnostic{
		Pos:      stmt.Pos(),
		End:      stmt.End(),
		Category: "tickerstop",
		Message:  msg,
	}
	if exit != nil && exit.Pos() != funcEnd(fn) {
		diag.Related = []analysis.RelatedInformation{{Pos: exit.Pos(), Message: "this return leaves " + name + " running"}}
	}
	if kind == "NewTicker" && !again && len(u.stops) == 0 && !funcs.InLoop(cur) {
		if fix, ok := deferStop(pass, stmt, name); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	pass.Report(diag)
}

// uses are the uses of a local ticker or timer that the analysis
// understands.
type uses struct {
	stops    []ast.Node // calls of v.Stop, including deferred ones
	receives []ast.Node // receives from v.C
}

// usesOf classifies every use of v in fn. It reports false when v escapes:
// a use other than Stop, Reset and receiving from v.C, a use inside a
// function literal, or a second assignment.
func usesOf(info *types.Info, fn ast.Node, def ast.Node, v *types.Var) (uses, bool) {
	var u uses
	ok := true
	var stack []ast.Node
	ast.Inspect(fn, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		id, isIdent := n.(*ast.Ident)
		if !ok || !isIdent || info.Uses[id] != v {
			return ok
		}
		for _, anc := range stack {
			if _, lit := anc.(*ast.FuncLit); lit {
				ok = false // captured: the closure may stop it, or need it
				return false
			}
		}
		parent := stack[len(stack)-2]
		sel, isSel := parent.(*ast.SelectorExpr)
		if !isSel || sel.X != id {
			if as, isAssign := parent.(*ast.AssignStmt); isAssign && as == def {
				return true
			}
			ok = false
			return false
		}
		grand := stack[len(stack)-3]
		switch sel.Sel.Name {
		case "Stop", "Reset":
			if call, isCall := grand.(*ast.CallExpr); isCall && call.Fun == sel {
				if sel.Sel.Name == "Stop" {
					u.stops = append(u.stops, call)
				}
				return true
			}
		case "C":
			if recv, isRecv := grand.(*ast.UnaryExpr); isRecv && recv.Op == token.ARROW {
				u.receives = append(u.receives, recv)
				return true
			}
			if rng, isRange := grand.(*ast.RangeStmt); isRange && rng.X == sel {
				u.receives = append(u.receives, rng.X)
				return true
			}
		}
		ok = false
		return false
	})
	return u, ok
}

func containsAny(n ast.Node, targets []ast.Node) bool {
	for _, t := range targets {
		if n.Pos() <= t.Pos() && t.End() <= n.End() {
			return true
		}
	}
	return false
}

// where describes an exit for a message.
func where(pass *analysis.Pass, exit *ast.ReturnStmt, fn ast.Node) string {
	if exit.Pos() == funcEnd(fn) {
		return "the end of the function"
	}
	return fmt.Sprintf("the return at line %d", pass.Fset.Position(exit.Pos()).Line)
}

// funcEnd is the position of the return that go/cfg implies at the closing
// brace.
func funcEnd(fn ast.Node) token.Pos {
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		return fn.Body.Rbrace
	case *ast.FuncLit:
		return fn.Body.Rbrace
	}
	return token.NoPos
}

// deferStop inserts defer name.Stop() on the line after stmt.
func deferStop(pass *analysis.Pass, stmt ast.Node, name string) (analysis.SuggestedFix, bool) {
	edit, ok := fixes.InsertLineAfter(pass, stmt, "defer "+name+".Stop()")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Stop %s when the function returns", name),
		TextEdits: []analysis.TextEdit{edit},
	}, true
}

// checkTick reports time.Tick in a function that can return: the ticker it
// makes can never be stopped, and before go1.23 never collected.
func checkTick(pass *analysis.Pass, graph *cfg.CFG, call *ast.CallExpr) {
	if graph == nil || pass.Pkg.Name() == "main" || files.IsTest(pass, call.Pos()) {
		return
	}
	from, ok := flow.Find(graph, call)
	if !ok {
		return
	}
	search := flow.Search{
		Cut:     func(ast.Node) bool { return false },
		Endless: func(r *ast.RangeStmt) bool { return ranges(pass.TypesInfo, r) },
	}
	exit, _ := search.Escape(graph, from)
	if exit == nil {
		return // an endless function: the ticker lives as long as it does
	}
	pass.Report(analysis.Diagnostic{
		Pos:      call.Pos(),
		End:      call.End(),
		Category: "tickerstop",
		Message:  "time.Tick in a function that returns leaks its ticker: before go1.23 a ticker that is not stopped is never collected, and this one cannot be stopped; use time.NewTicker and defer its Stop",
	})
}

// ranges reports whether r ranges over the channel of a ticker or timer,
// which is never closed: the loop ends only by leaving its body.
func ranges(info *types.Info, r *ast.RangeStmt) bool {
	if timers.IsChan(info, r.X) {
		return true
	}
	call, ok := ast.Unparen(r.X).(*ast.CallExpr)
	return ok && timers.Func(info, call) == "Tick"
}
