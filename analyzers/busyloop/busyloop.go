package busyloop

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/docs"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "busyloop",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("busyloop"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for n := range ins.PreorderSeq((*ast.ForStmt)(nil)) {
		loop := n.(*ast.ForStmt)
		if loop.Init != nil || loop.Post != nil {
			continue // a counted loop or a bounded retry
		}
		if loop.Cond != nil && !waitFree(pass.TypesInfo, loop.Cond) {
			continue
		}
		if def := spinningDefault(pass.TypesInfo, loop); def != nil {
			pass.Report(analysis.Diagnostic{
				Pos:      def.Case,
				End:      def.Colon + 1,
				Category: "busyloop",
				Message:  "this default branch neither blocks, sleeps nor leaves the loop, so the loop spins while no case is ready, keeping a CPU busy; remove the default to block in select, or add a case <-ticker.C to poll at a pace",
			})
			continue
		}
		if polls(pass.TypesInfo, loop) {
			end := loop.For + token.Pos(len("for"))
			if loop.Cond != nil {
				end = loop.Cond.End()
			}
			pass.Report(analysis.Diagnostic{
				Pos:      loop.For,
				End:      end,
				Category: "busyloop",
				Message:  "this loop polls without ever waiting, so it spins and keeps a CPU busy (and a plain variable polled this way is a data race the compiler may turn into an infinite loop); wait on a channel, a sync.Cond or a time.Ticker instead",
			})
		}
	}
	return nil, nil
}

// spinningDefault returns the default clause of a select statement of the
// loop body whose branch does nothing that waits or leaves the loop, when
// nothing else in the body waits either (it may check whether to stop:
// the loop still spins until then).
func spinningDefault(info *types.Info, loop *ast.ForStmt) *ast.CommClause {
	var sel *ast.SelectStmt
	for _, st := range loop.Body.List {
		if s, ok := st.(*ast.SelectStmt); ok && sel == nil {
			sel = s
			continue
		}
		if !waitFree(info, st) {
			return nil // it waits each time round
		}
	}
	if sel == nil {
		return nil
	}
	var def *ast.CommClause
	for _, cc := range sel.Body.List {
		if c := cc.(*ast.CommClause); c.Comm == nil {
			def = c
		}
	}
	if def == nil {
		return nil
	}
	for _, st := range def.Body {
		if !waitFree(info, st) || leaves(st, loop) || endsCondition(info, st, loop) {
			return nil
		}
	}
	return def
}

// endsCondition reports whether st sets a variable that the loop's
// condition reads to a constant: `for !done { select { case <-sem:
// default: done = true } }` drains until the channel is empty and then
// stops, through its condition rather than a break.
func endsCondition(info *types.Info, st ast.Stmt, loop *ast.ForStmt) bool {
	as, ok := st.(*ast.AssignStmt)
	if !ok || loop.Cond == nil || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return false
	}
	for i, lhs := range as.Lhs {
		id, ok := ast.Unparen(lhs).(*ast.Ident)
		if !ok || info.Types[as.Rhs[i]].Value == nil {
			continue
		}
		v := info.Uses[id]
		read := false
		ast.Inspect(loop.Cond, func(n ast.Node) bool {
			if c, ok := n.(*ast.Ident); ok && v != nil && info.Uses[c] == v {
				read = true
			}
			return !read
		})
		if read {
			return true
		}
	}
	return false
}

// polls reports whether the loop only re-reads shared state: its condition,
// or an if in its body that leaves the loop, reads a variable or an atomic,
// and nothing in it calls, assigns, or waits.
func polls(info *types.Info, loop *ast.ForStmt) bool {
	exit := loop.Cond != nil
	reads := loop.Cond != nil && readsShared(info, loop.Cond)
	for _, st := range loop.Body.List {
		switch st := st.(type) {
		case *ast.EmptyStmt:
		case *ast.IfStmt:
			if st.Init != nil || st.Else != nil || !waitFree(info, st.Cond) {
				return false
			}
			for _, b := range st.Body.List {
				switch b := b.(type) {
				case *ast.ReturnStmt:
					if !waitFree(info, b) {
						return false
					}
					exit = true
				case *ast.BranchStmt:
					// Any branch but a plain continue leaves this loop.
					if b.Tok != token.CONTINUE || b.Label != nil {
						exit = true
					}
				default:
					return false
				}
			}
			reads = reads || readsShared(info, st.Cond)
		default:
			return false
		}
	}
	return exit && reads
}

// readsShared reports whether e reads a variable that is not declared in the
// loop (something another goroutine could change), or calls an atomic load.
func readsShared(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if isAtomicLoad(info, n) {
				found = true
			}
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && !v.IsField() {
				found = true
			}
		}
		return !found
	})
	return found
}

// waitFree reports whether n does nothing that could block, sleep or
// yield: no call but atomic loads, builtins and conversions, no channel
// operation, no select, no function literal.
func waitFree(info *types.Info, n ast.Node) bool {
	free := true
	ast.Inspect(n, func(m ast.Node) bool {
		switch m := m.(type) {
		case *ast.CallExpr:
			if !isAtomicLoad(info, m) && !isBuiltinOrConversion(info, m) {
				free = false
			}
		case *ast.SendStmt, *ast.SelectStmt, *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			free = false
		case *ast.UnaryExpr:
			if m.Op == token.ARROW {
				free = false
			}
		case *ast.RangeStmt:
			if _, ok := info.TypeOf(m.X).Underlying().(*types.Chan); ok {
				free = false
			}
		}
		return free
	})
	return free
}

// leaves reports whether st may leave the loop: return, goto, a labeled
// break or continue (which may name an outer statement), a break that is not
// inside a nested select, switch or loop, or a panic.
func leaves(st ast.Stmt, loop *ast.ForStmt) bool {
	found := false
	var visit func(n ast.Node, nested bool)
	visit = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			if found {
				return false
			}
			switch m := m.(type) {
			case *ast.ReturnStmt:
				found = true
			case *ast.BranchStmt:
				switch {
				case m.Tok == token.GOTO, m.Label != nil:
					found = true
				case m.Tok == token.BREAK && !nested:
					found = true
				}
			case *ast.SelectStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.ForStmt, *ast.RangeStmt:
				if m != n {
					visit(m, true)
					return false
				}
			case *ast.CallExpr:
				if id, ok := ast.Unparen(m.Fun).(*ast.Ident); ok && id.Name == "panic" {
					found = true
				}
			}
			return true
		})
	}
	visit(st, false)
	return found
}

func isAtomicLoad(info *types.Info, call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic" && strings.HasPrefix(fn.Name(), "Load")
}

func isBuiltinOrConversion(info *types.Info, call *ast.CallExpr) bool {
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return true
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "len", "cap", "min", "max", "real", "imag", "complex":
				return true
			}
		}
	}
	return false
}
