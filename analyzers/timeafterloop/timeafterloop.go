package timeafterloop

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/files"
	"github.com/concvet/concvet/internal/fixes"
	"github.com/concvet/concvet/internal/funcs"
	"github.com/concvet/concvet/internal/goversion"
	"github.com/concvet/concvet/internal/timers"
	"github.com/concvet/concvet/internal/typesutil"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "timeafterloop",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("timeafterloop"),
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

// inTests reports in _test.go files too (-timeafterloop.tests).
var inTests bool

func init() {
	Analyzer.Flags.BoolVar(&inTests, "tests", false, "also report time.After in the loops of _test.go files")
}

// A finding is one time.After case of a select that a loop re-enters.
type finding struct {
	call   *ast.CallExpr
	sel    inspector.Cursor // the select statement
	loop   inspector.Cursor // the innermost loop around it
	file   *ast.File
	nested bool // the loop is inside another loop of the same function
}

func run(pass *analysis.Pass) (any, error) {
	if !typesutil.Imports(pass.Pkg, "time") {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)

	var found []finding
	perLoop := make(map[ast.Node]int)
	for cur := range ins.Root().Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if timers.Func(pass.TypesInfo, call) != "After" {
			continue
		}
		clause, sel, ok := selectCase(cur)
		if !ok {
			continue
		}
		loop, nested, ok := enclosingLoop(sel)
		if !ok {
			continue
		}
		f := finding{call: call, sel: sel, loop: loop, nested: nested, file: enclosingFile(sel)}
		if !inTests && files.IsTest(pass, call.Pos()) {
			// A test's loops run a handful of times in a short-lived
			// process: the timers cost nothing worth a finding.
			continue
		}
		if afterSelectLeaves(pass.TypesInfo, sel, f.loop) || !othersContinue(pass.TypesInfo, sel.Node().(*ast.SelectStmt), clause, f.loop.Node()) {
			continue
		}
		perLoop[f.loop.Node()]++
		found = append(found, f)
	}

	for _, f := range found {
		modern := goversion.AtLeast(pass, f.file, "go1.23")
		if modern && intendedRestart(pass.TypesInfo, f) {
			// From go1.23 the abandoned timer costs an allocation and
			// nothing more, and the restart is what the code means.
			continue
		}
		harm := "starts a timer on every iteration that stays in memory until it fires (before go1.23), so the loop holds one timer per iteration for the whole timeout"
		if modern {
			harm = "allocates a new timer and channel on every iteration"
		}
		diag := analysis.Diagnostic{
			Pos:      f.call.Pos(),
			End:      f.call.End(),
			Category: "timeafterloop",
			Message: fmt.Sprintf("time.After in a loop %s, and its timeout restarts each time another case is chosen (an idle timeout, not a deadline); hoist one time.Timer out of the loop and Reset it",
				harm),
		}
		if !f.nested && perLoop[f.loop.Node()] == 1 {
			if fix, ok := hoist(pass, f, modern); ok {
				diag.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
		}
		pass.Report(diag)
	}
	return nil, nil
}

// selectCase reports whether the call at cur is the channel of a receive
// that is a case of a select with other cases, and returns that case and
// the select.
func selectCase(cur inspector.Cursor) (*ast.CommClause, inspector.Cursor, bool) {
	recv, ok := cur.Parent().Node().(*ast.UnaryExpr)
	if !ok || recv.Op != token.ARROW {
		return nil, inspector.Cursor{}, false
	}
	stmt := cur.Parent().Parent()
	switch s := stmt.Node().(type) {
	case *ast.ExprStmt:
	case *ast.AssignStmt:
		if len(s.Rhs) != 1 || s.Rhs[0] != recv {
			return nil, inspector.Cursor{}, false
		}
	default:
		return nil, inspector.Cursor{}, false
	}
	clause, ok := stmt.Parent().Node().(*ast.CommClause)
	if !ok || clause.Comm != stmt.Node() {
		return nil, inspector.Cursor{}, false
	}
	sel := stmt.Parent().Parent().Parent() // CommClause → BlockStmt → SelectStmt
	s, ok := sel.Node().(*ast.SelectStmt)
	if !ok || len(s.Body.List) < 2 {
		// Alone in its select, the receive waits for the timer to fire:
		// it is a sleep, and leaks nothing.
		return nil, inspector.Cursor{}, false
	}
	return clause, sel, true
}

// enclosingLoop returns the innermost loop around cur in cur's own
// function, and whether another loop of that function encloses it.
func enclosingLoop(cur inspector.Cursor) (loop inspector.Cursor, nested, ok bool) {
	for c := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch c.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return loop, nested, ok
		}
		if ok {
			return loop, true, true
		}
		loop, ok = c, true
	}
	return loop, nested, ok
}

func enclosingFile(cur inspector.Cursor) *ast.File {
	for c := range cur.Enclosing((*ast.File)(nil)) {
		return c.Node().(*ast.File)
	}
	return nil
}

// othersContinue reports whether some case of sel other than timeout can
// finish with the loop going on to its next iteration. When every other
// case leaves the loop, each iteration that continues has received from
// the timer: the loop is the "sleep unless cancelled" idiom, and no timer
// is abandoned. A case on a context's Done channel counts as leaving even
// when the loop checks the context further on: it can be chosen only once
// the context is over, and a loop that then goes on spinning has a
// different bug.
func othersContinue(info *types.Info, sel *ast.SelectStmt, timeout *ast.CommClause, loop ast.Node) bool {
	for _, s := range sel.Body.List {
		clause := s.(*ast.CommClause)
		if clause != timeout && !leaves(info, clause.Body, loop) && !contextDone(info, clause.Comm) {
			return true
		}
	}
	return false
}

// intendedRestart reports whether the time.After case of f is a timeout
// that is meant to start over whenever another case runs, which is all
// that is left to say about it from go1.23, when the abandoned timer costs
// an allocation and nothing more:
//   - a quiescence wait or per-item timeout: the timeout leaves the loop, or
//     does nothing, and any activity on the other cases starts the quiet
//     period again;
//   - an idle fallback: the timeout does what an event case does (re-polls
//     the same state), so it only matters when no event came;
//   - a timeout per operation: every other case receives from a channel
//     made in this iteration (a goroutine's done channel).
//
// Still reported: a select with a default, where the loop spins and
// allocates a timer per turn (the checklist's tight loop), and a timeout
// case that does other periodic work, which frequent events starve.
func intendedRestart(info *types.Info, f finding) bool {
	sel := f.sel.Node().(*ast.SelectStmt)
	var timeout *ast.CommClause
	for _, s := range sel.Body.List {
		c := s.(*ast.CommClause)
		if c.Comm == nil {
			return false // a default: the loop spins
		}
		if c.Comm.Pos() <= f.call.Pos() && f.call.End() <= c.Comm.End() {
			timeout = c
		}
	}
	if timeout == nil {
		return false
	}
	if leaves(info, timeout.Body, f.loop.Node()) || perIteration(info, sel, timeout, f.loop.Node()) {
		return true
	}
	work := callees(info, timeout.Body)
	if len(work) == 0 {
		return true
	}
	for _, s := range sel.Body.List {
		c := s.(*ast.CommClause)
		if c == timeout {
			continue
		}
		other := callees(info, c.Body)
		all := true
		for fn := range work {
			all = all && other[fn]
		}
		if all {
			return true
		}
	}
	return false
}

// perIteration reports whether every other case of sel receives from a
// channel made in the loop's body: each iteration waits for an operation of
// its own, with a timeout of its own, which is what restarting means here.
func perIteration(info *types.Info, sel *ast.SelectStmt, timeout *ast.CommClause, loop ast.Node) bool {
	var body *ast.BlockStmt
	switch l := loop.(type) {
	case *ast.ForStmt:
		body = l.Body
	case *ast.RangeStmt:
		body = l.Body
	default:
		return false
	}
	for _, s := range sel.Body.List {
		c := s.(*ast.CommClause)
		if c == timeout {
			continue
		}
		recv := chans.CommRecv(c.Comm)
		if recv == nil {
			return false
		}
		id, ok := ast.Unparen(recv.X).(*ast.Ident)
		if !ok {
			return false
		}
		v, ok := info.Uses[id].(*types.Var)
		if !ok || v.Pos() < body.Pos() || v.Pos() >= body.End() {
			return false
		}
	}
	return true
}

// callees returns the functions and methods that stmts call statically.
func callees(info *types.Info, stmts []ast.Stmt) map[*types.Func]bool {
	out := make(map[*types.Func]bool)
	for _, st := range stmts {
		ast.Inspect(st, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if fn, ok := typeutil.Callee(info, call).(*types.Func); ok {
					out[fn] = true
				}
			}
			return true
		})
	}
	return out
}

// contextDone reports whether comm receives from a context's Done channel.
func contextDone(info *types.Info, comm ast.Stmt) bool {
	recv := chans.CommRecv(comm)
	if recv == nil {
		return false
	}
	call, ok := ast.Unparen(recv.X).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn.Name() == "Done" && fn.Pkg() != nil && fn.Pkg().Path() == "context"
}

// afterSelectLeaves reports whether the statements that follow the select,
// up to the end of the loop body, certainly leave the loop: then no case
// that falls out of the select starts another iteration.
func afterSelectLeaves(info *types.Info, sel, loop inspector.Cursor) bool {
	for cur := statementOf(sel); cur != loop; cur = cur.Parent() {
		var list []ast.Stmt
		switch p := cur.Parent().Node().(type) {
		case *ast.BlockStmt:
			list = p.List
		case *ast.CaseClause:
			list = p.Body
		case *ast.CommClause:
			list = p.Body
		default:
			continue
		}
		for i, s := range list {
			if s == cur.Node() {
				rest := list[i+1:]
				if leaves(info, rest, loop.Node()) && !branches(rest) {
					return true
				}
				break
			}
		}
	}
	return false
}

// branches reports whether list holds a break, continue or goto anywhere,
// which could skip the statement that leaves.
func branches(list []ast.Stmt) bool {
	found := false
	for _, s := range list {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.BranchStmt:
				found = true
			case *ast.FuncLit:
				return false
			}
			return !found
		})
	}
	return found
}

// leaves reports whether the statement list certainly ends by leaving
// loop: a return, a panic, a goto, or a labelled break or continue aimed
// outside it. Anything it cannot tell counts as staying.
func leaves(info *types.Info, list []ast.Stmt, loop ast.Node) bool {
	if len(list) == 0 {
		return false
	}
	switch s := list[len(list)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BlockStmt:
		return leaves(info, s.List, loop)
	case *ast.IfStmt:
		if s.Else == nil {
			return false
		}
		var elseList []ast.Stmt
		switch e := s.Else.(type) {
		case *ast.BlockStmt:
			elseList = e.List
		case *ast.IfStmt:
			elseList = []ast.Stmt{e}
		}
		return leaves(info, s.Body.List, loop) && leaves(info, elseList, loop)
	case *ast.BranchStmt:
		switch s.Tok {
		case token.GOTO:
			return true
		case token.BREAK:
			// An unlabelled break leaves the select, not the loop.
			return s.Label != nil && !labels(loop, s.Label.Name)
		case token.CONTINUE:
			return s.Label != nil && !labels(loop, s.Label.Name)
		}
	case *ast.ExprStmt:
		// panic, t.Fatal, log.Fatal, os.Exit: nothing comes back.
		if call, ok := s.X.(*ast.CallExpr); ok && funcs.NeverReturns(info, call) {
			return true
		}
	}
	return false
}

// labels reports whether name labels loop or a loop or statement inside
// it. A break or continue to such a label does not leave loop; one whose
// label is not found there aims at an enclosing statement.
func labels(loop ast.Node, name string) bool {
	found := false
	ast.Inspect(loop, func(n ast.Node) bool {
		if l, ok := n.(*ast.LabeledStmt); ok && l.Label.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// hoist builds the fix that replaces time.After by one timer made before
// the loop, stopped when the function returns, and reset where time.After
// was evaluated.
func hoist(pass *analysis.Pass, f finding, modern bool) (analysis.SuggestedFix, bool) {
	fun, ok := f.call.Fun.(*ast.SelectorExpr)
	if !ok || len(f.call.Args) != 1 {
		return analysis.SuggestedFix{}, false
	}
	timePkg, ok := fun.X.(*ast.Ident)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	loop := statementOf(f.loop)
	if !hoistable(pass.TypesInfo, f.call.Args[0], loop.Node()) {
		return analysis.SuggestedFix{}, false
	}
	name, ok := freeName(pass, f.loop, "timer")
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	d, ok := fixes.Source(pass, f.call.Args[0])
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	indent, ok := fixes.Indent(pass, loop.Node().Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	before, ok := fixes.InsertLineBefore(pass, loop.Node().Pos(),
		fmt.Sprintf("%s := %s.NewTimer(%s)\n%sdefer %s.Stop()", name, timePkg.Name, d, indent, name))
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	sel := statementOf(f.sel)
	selIndent, ok := fixes.Indent(pass, sel.Node().Pos())
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	var reset []string
	if !modern {
		// Before go1.23 a timer that fired while another case won still
		// holds its value: drain it, or the next select sees a stale
		// timeout at once.
		reset = append(reset,
			"if !"+name+".Stop() {",
			"\tselect {",
			"\tcase <-"+name+".C:",
			"\tdefault:",
			"\t}",
			"}")
	}
	reset = append(reset, fmt.Sprintf("%s.Reset(%s)", name, d))
	resetEdit, ok := fixes.InsertLineBefore(pass, sel.Node().Pos(), strings.Join(reset, "\n"+selIndent))
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	return analysis.SuggestedFix{
		Message: "Hoist a time.Timer out of the loop and Reset it",
		TextEdits: []analysis.TextEdit{
			before,
			resetEdit,
			{Pos: f.call.Pos(), End: f.call.End(), NewText: []byte(name + ".C")},
		},
	}, true
}

// statementOf returns the statement to insert before: the labelled
// statement when cur is labelled.
func statementOf(cur inspector.Cursor) inspector.Cursor {
	if _, ok := cur.Parent().Node().(*ast.LabeledStmt); ok {
		return cur.Parent()
	}
	return cur
}

// hoistable reports whether d can be evaluated before loop, and again on
// each iteration, with the same meaning as time.After(d) had: no calls but
// conversions, and every variable declared before the loop.
func hoistable(info *types.Info, d ast.Expr, loop ast.Node) bool {
	ok := true
	ast.Inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, isType := info.Types[n.Fun]; !isType || !tv.IsType() {
				ok = false
			}
		case *ast.Ident:
			if v, isVar := info.Uses[n].(*types.Var); isVar && v.Pos() >= loop.Pos() {
				ok = false
			}
		case *ast.FuncLit, *ast.UnaryExpr:
			ok = false // closures, receives, address-taking
		}
		return ok
	})
	return ok
}

// freeName returns base, or base followed by a digit, that neither names
// anything visible at the loop nor is declared anywhere in the loop's
// function (where it could shadow the new variable or be shadowed by it).
func freeName(pass *analysis.Pass, loop inspector.Cursor, base string) (string, bool) {
	var fn ast.Node
	for c := range loop.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fn = c.Node()
		break
	}
	if fn == nil {
		return "", false
	}
	used := make(map[string]bool)
	ast.Inspect(fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	scope := pass.Pkg.Scope().Innermost(loop.Node().Pos())
	for i := 0; i < 10; i++ {
		name := base
		if i > 0 {
			name = fmt.Sprint(base, i+1)
		}
		if used[name] {
			continue
		}
		if scope != nil {
			if _, obj := scope.LookupParent(name, loop.Node().Pos()); obj != nil {
				continue
			}
		}
		return name, true
	}
	return "", false
}
