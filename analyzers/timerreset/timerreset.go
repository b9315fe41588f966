package timerreset

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/goversion"
	"github.com/concvet/concvet/internal/refs"
	"github.com/concvet/concvet/internal/severity"
	"github.com/concvet/concvet/internal/timers"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "timerreset",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("timerreset"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "time") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	info := pass.TypesInfo
	for cur := range ins.Root().Preorder((*ast.IfStmt)(nil), (*ast.ExprStmt)(nil)) {
		_, file := funcs.Enclosing(cur)
		modern := goversion.AtLeast(pass, file, "go1.23")
		switch stmt := cur.Node().(type) {
		case *ast.IfStmt:
			t, recv, ok := drain(info, stmt)
			if !ok {
				continue
			}
			if receivedBefore(info, cur, t) {
				pass.Report(analysis.Diagnostic{
					Pos:      recv.Pos(),
					End:      recv.End(),
					Category: "timerreset",
					Message:  fmt.Sprintf("%s.C was already received from on the way here, so %s.Stop returns false and this receive blocks forever; drop the drain", t, t),
				})
				continue
			}
			if modern {
				diag := analysis.Diagnostic{
					Pos:      recv.Pos(),
					End:      recv.End(),
					Category: "timerreset",
					Message: fmt.Sprintf("from go1.23 %s.Stop returns false only after the value was received or the timer was stopped, so this drain never finds a stale value: it is dead code, and blocks forever if it ever runs; call %s.Stop() alone",
						t, t),
				}
				if fix, ok := keepStop(pass, stmt); ok {
					diag.SuggestedFixes = []analysis.SuggestedFix{fix}
				}
				// Where the drain is the usual idiom, Stop returns false
				// only once the value was received: the receive is dead
				// code, a cleanup rather than a hang.
				severity.MarkCleanup(&diag)
				pass.Report(diag)
			}
		case *ast.ExprStmt:
			call, ok := stmt.X.(*ast.CallExpr)
			if !ok {
				continue
			}
			name, t := timers.TimerMethod(info, call)
			if !t.Valid() {
				continue
			}
			switch name {
			case "Stop":
				checkStopThenReceive(pass, cur, t, modern)
			case "Reset":
				if !modern {
					checkStaleReset(pass, cur, call, t)
				}
			}
		}
	}
	return nil, nil
}

// drain matches if !t.Stop() { <-t.C } and returns t and the receive.
func drain(info *types.Info, stmt *ast.IfStmt) (refs.Ref, *ast.UnaryExpr, bool) {
	if stmt.Init != nil || stmt.Else != nil || len(stmt.Body.List) != 1 {
		return refs.Ref{}, nil, false
	}
	not, ok := ast.Unparen(stmt.Cond).(*ast.UnaryExpr)
	if !ok || not.Op != token.NOT {
		return refs.Ref{}, nil, false
	}
	call, ok := ast.Unparen(not.X).(*ast.CallExpr)
	if !ok {
		return refs.Ref{}, nil, false
	}
	name, t := timers.TimerMethod(info, call)
	if name != "Stop" || !t.Valid() {
		return refs.Ref{}, nil, false
	}
	es, ok := stmt.Body.List[0].(*ast.ExprStmt)
	if !ok {
		return refs.Ref{}, nil, false
	}
	recv, ok := ast.Unparen(es.X).(*ast.UnaryExpr)
	if !ok || timers.Received(info, recv) != t {
		return refs.Ref{}, nil, false
	}
	return t, recv, true
}

// receivedBefore reports whether, on every path to the statement at cur,
// t.C was received from with no re-arming of t in between: the statement
// is preceded in its block (or an enclosing one) by a receive from t.C, or
// lies in a select case that receives from t.C. A preceding statement
// that resets or reassigns t, or does anything else with it, ends the
// search.
func receivedBefore(info *types.Info, cur inspector.Cursor, t refs.Ref) bool {
	for c := cur; ; c = c.Parent() {
		var list []ast.Stmt
		switch p := c.Parent().Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl, nil:
			return false
		case *ast.BlockStmt:
			switch c.Node().(type) {
			case *ast.CaseClause, *ast.CommClause:
				continue // the other cases are not on the way here
			}
			list = p.List
		case *ast.CaseClause:
			list = p.Body
		case *ast.CommClause:
			list = p.Body
			if c.Node() != p.Comm && receives(info, p.Comm, t) && !mentionsBefore(info, list, c.Node(), t) {
				return true
			}
		case *ast.ForStmt, *ast.RangeStmt:
			return false // an earlier iteration may have re-armed it
		default:
			continue
		}
		for i := indexOf(list, c.Node()) - 1; i >= 0; i-- {
			if receives(info, list[i], t) {
				return true
			}
			if mentions(info, list[i], t) {
				return false
			}
		}
	}
}

func indexOf(list []ast.Stmt, n ast.Node) int {
	for i, s := range list {
		if s == n {
			return i
		}
	}
	return -1
}

// receives reports whether stmt is a receive from t.C (a statement, an
// assignment from one, or a select case's communication).
func receives(info *types.Info, stmt ast.Stmt, t refs.Ref) bool {
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		return timers.Received(info, s.X) == t
	case *ast.AssignStmt:
		return len(s.Rhs) == 1 && timers.Received(info, s.Rhs[0]) == t
	}
	return false
}

// mentions reports whether n refers to t at all.
func mentions(info *types.Info, n ast.Node, t refs.Ref) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if e, ok := m.(ast.Expr); ok && !found {
			if r := refs.Of(info, e); r.Valid() && r.Root == t.Root {
				found = true
			}
		}
		return !found
	})
	return found
}

func mentionsBefore(info *types.Info, list []ast.Stmt, stop ast.Node, t refs.Ref) bool {
	for _, s := range list {
		if s == stop {
			return false
		}
		if mentions(info, s, t) {
			return true
		}
	}
	return false
}

// keepStop replaces the drain idiom by its Stop call.
func keepStop(pass *analysis.Pass, stmt *ast.IfStmt) (analysis.SuggestedFix, bool) {
	stop := ast.Unparen(ast.Unparen(stmt.Cond).(*ast.UnaryExpr).X)
	text, ok := fixes.Source(pass, stop)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message:   "Delete the drain, keep the Stop",
		TextEdits: []analysis.TextEdit{{Pos: stmt.Pos(), End: stmt.End(), NewText: text}},
	}, true
}

// checkStopThenReceive reports t.Stop() followed by an unconditional
// receive from t.C in the same block.
func checkStopThenReceive(pass *analysis.Pass, cur inspector.Cursor, t refs.Ref, modern bool) {
	list := siblings(cur)
	i := indexOf(list, cur.Node())
	if i < 0 || i+1 >= len(list) || !receives(pass.TypesInfo, list[i+1], t) {
		return
	}
	recv := list[i+1]
	msg := fmt.Sprintf("%s.Stop's result is ignored and %s.C is received from unconditionally: if the timer had not fired, this receive blocks forever; drain only when Stop returns false (if !%s.Stop() { <-%s.C })", t, t, t, t)
	diag := analysis.Diagnostic{Pos: recv.Pos(), End: recv.End(), Category: "timerreset"}
	if modern {
		msg = fmt.Sprintf("from go1.23 no value is left in %s.C after %s.Stop, so this receive blocks forever; delete it", t, t)
		if edit, ok := fixes.DeleteLine(pass, recv); ok {
			diag.SuggestedFixes = []analysis.SuggestedFix{{Message: "Delete the receive", TextEdits: []analysis.TextEdit{edit}}}
		}
	}
	diag.Message = msg
	pass.Report(diag)
}

func siblings(cur inspector.Cursor) []ast.Stmt {
	switch p := cur.Parent().Node().(type) {
	case *ast.BlockStmt:
		return p.List
	case *ast.CaseClause:
		return p.Body
	case *ast.CommClause:
		return p.Body
	}
	return nil
}

// checkStaleReset reports, before go1.23, t.Reset in a case of a select
// that a loop re-enters while another case receives from t.C, unless the
// case stops t first.
func checkStaleReset(pass *analysis.Pass, cur inspector.Cursor, reset *ast.CallExpr, t refs.Ref) {
	clause, ok := cur.Parent().Node().(*ast.CommClause)
	if !ok || receives(pass.TypesInfo, clause.Comm, t) {
		return
	}
	sel := cur.Parent().Parent().Parent()
	s, ok := sel.Node().(*ast.SelectStmt)
	if !ok || !funcs.InLoop(sel) {
		return
	}
	var timerCase bool
	for _, cc := range s.Body.List {
		if comm := cc.(*ast.CommClause).Comm; comm != nil && receives(pass.TypesInfo, comm, t) {
			timerCase = true
		}
	}
	if !timerCase || mentionsBefore(pass.TypesInfo, clause.Body, cur.Node(), t) {
		return
	}
	pass.Report(analysis.Diagnostic{
		Pos:      reset.Pos(),
		End:      reset.End(),
		Category: "timerreset",
		Message: fmt.Sprintf("before go1.23, if %s fired while this case was chosen its value is still in %s.C, and Reset does not remove it: the next select times out at once; stop and drain it first (if !%s.Stop() { <-%s.C })",
			t, t, t, t),
	})
}
