package nilchan

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/docs"
)

//go:embed doc.go
var doc string

var Analyzer = &analysis.Analyzer{
	Name:     "nilchan",
	Doc:      docs.FromSource(doc),
	URL:      docs.URL("nilchan"),
	Requires: []*analysis.Analyzer{inspect.Analyzer, buildssa.Analyzer},
	Run:      run,
}

func run(pass *analysis.Pass) (any, error) {
	if !chans.Used(pass) {
		return nil, nil
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	prog := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	nodes := indexNodes(ins)

	report := func(pos token.Pos, format string, args ...any) {
		diag := analysis.Diagnostic{Pos: pos, Category: "nilchan", Message: fmt.Sprintf(format, args...)}
		if n, ok := nodes[pos]; ok {
			diag.Pos, diag.End = n.Pos(), n.End()
		}
		pass.Report(diag)
	}
	// spell names the channel operand of the operation at pos as the source
	// does.
	spell := func(pos token.Pos) string {
		switch n := nodes[pos].(type) {
		case *ast.SendStmt:
			return types.ExprString(n.Chan)
		case *ast.UnaryExpr:
			return types.ExprString(n.X)
		case *ast.RangeStmt:
			return types.ExprString(n.X)
		case *ast.CallExpr:
			if len(n.Args) == 1 {
				return types.ExprString(n.Args[0])
			}
		}
		return "the channel"
	}

	for _, fn := range prog.SrcFuncs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Send:
					if chans.IsNil(instr.Chan) {
						report(instr.Pos(), "%s is nil on every path here: a send on a nil channel blocks forever; make it with make(chan T) first", spell(instr.Pos()))
					}
				case *ssa.UnOp:
					if instr.Op == token.ARROW && chans.IsNil(instr.X) {
						what := "a receive from"
						if _, ok := nodes[instr.Pos()].(*ast.RangeStmt); ok {
							what = "ranging over"
						}
						report(instr.Pos(), "%s is nil on every path here: %s a nil channel blocks forever; make it with make(chan T) first", spell(instr.Pos()), what)
					}
				case *ssa.Select:
					if instr.Blocking && len(instr.States) > 0 && allNil(instr.States) {
						report(instr.Pos(), "every case of this select is on a channel that is nil on every path, so it blocks forever; make the channels, or write select {} if blocking is the intent")
					}
				default:
					if ch := chans.ClosedBy(instr); ch != nil && chans.IsNil(ch) {
						report(instr.Pos(), "%s is nil on every path here: closing a nil channel panics; make it with make(chan T) first", spell(instr.Pos()))
					}
				}
			}
		}
	}
	return nil, nil
}

func allNil(states []*ssa.SelectState) bool {
	for _, st := range states {
		if !chans.IsNil(st.Chan) {
			return false
		}
	}
	return true
}

// indexNodes maps the positions that SSA gives channel operations to their
// syntax: sends (the arrow), receives (the arrow), range statements (the
// for keyword), close calls (the Lparen), deferred closes (the defer
// keyword) and select statements.
func indexNodes(ins *inspector.Inspector) map[token.Pos]ast.Node {
	out := make(map[token.Pos]ast.Node)
	for n := range ins.PreorderSeq((*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil), (*ast.CallExpr)(nil), (*ast.DeferStmt)(nil), (*ast.SelectStmt)(nil)) {
		switch n := n.(type) {
		case *ast.SendStmt:
			out[n.Arrow] = n
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				out[n.OpPos] = n
			}
		case *ast.RangeStmt:
			out[n.For] = n
		case *ast.CallExpr:
			out[n.Lparen] = n
		case *ast.DeferStmt:
			out[n.Defer] = n.Call
		case *ast.SelectStmt:
			out[n.Select] = n
		}
	}
	return out
}
