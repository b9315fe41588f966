package goleak

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/factsonly"
)

// Facts is goleak's form for the units go vet analyses only for their
// facts: SSA is built only for a package that may have a summary to
// export.
var Facts = factsonly.Exporter{
	MayExport: mayExportFacts,
	Export: func(pass *analysis.Pass) error {
		exportFacts(pass)
		return nil
	},
}

// mayExportFacts reports whether a named function of the package may get a
// summary, without building SSA. A summary records a channel parameter
// (Params, Ranges) or that the function never returns (Never). Without a
// channel parameter, channel operation or select in the package, a
// function's SSA blocks only at a call of a function that never returns,
// and the chain of such calls ends either in an imported function whose
// summary says so, or in a function of this package whose control flow
// has a cycle (a loop, a goto) and no reachable return. ctrlflow, which
// every unit runs for its own facts, knows the latter from the syntax: a
// function whose SSA reaches no return or panic has no reachable return in
// ctrlflow's graph either, since both see the same branches and ctrlflow
// cuts a path only at a panic or a call that cannot return, where SSA
// places a panic (which goleak counts as finishing).
func mayExportFacts(pass *analysis.Pass) bool {
	info := pass.TypesInfo
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	filter := []ast.Node{
		(*ast.FuncDecl)(nil),
		(*ast.FuncLit)(nil),
		(*ast.SendStmt)(nil),
		(*ast.UnaryExpr)(nil),
		(*ast.SelectStmt)(nil),
		(*ast.RangeStmt)(nil),
	}
	may := false
	ins.Preorder(filter, func(n ast.Node) {
		if may {
			return
		}
		switch n := n.(type) {
		case *ast.SendStmt, *ast.SelectStmt:
			may = true
		case *ast.UnaryExpr:
			may = n.Op == token.ARROW
		case *ast.RangeStmt:
			// A type parameter may have a channel as its core type.
			t := info.TypeOf(n.X)
			_, generic := types.Unalias(t).(*types.TypeParam)
			may = chans.IsChan(t) || generic
		case *ast.FuncDecl:
			fn, ok := info.Defs[n.Name].(*types.Func)
			if !ok || n.Body == nil {
				return
			}
			may = hasChanParam(fn.Signature()) || cyclicNoReturn(cfgs.FuncDecl(n) == nil || cfgs.FuncDecl(n).NoReturn(), n.Body)
		case *ast.FuncLit:
			may = cyclicNoReturn(cfgs.FuncLit(n).NoReturn(), n.Body)
		}
	})
	if may {
		return true
	}
	return factsonly.UsesObject(info, func(obj types.Object) bool {
		var f summaryFact
		return factsonly.ImportedFact(pass, obj, &f) && f.Never != ""
	})
}

// hasChanParam reports whether sig has a receiver or parameter whose type
// is a channel, as summarize tests fn.Params.
func hasChanParam(sig *types.Signature) bool {
	if r := sig.Recv(); r != nil {
		if _, ok := r.Type().Underlying().(*types.Chan); ok {
			return true
		}
	}
	for p := range sig.Params().Variables() {
		if _, ok := p.Type().Underlying().(*types.Chan); ok {
			return true
		}
	}
	return false
}

// cyclicNoReturn reports whether a function body that ctrlflow finds
// without a reachable return (or could not build a graph for) may loop: a
// for or range statement, or a goto. A body without either is acyclic,
// and every path through its SSA ends in a return or a panic unless it
// blocks at a call, which is the callee's business.
func cyclicNoReturn(noReturn bool, body *ast.BlockStmt) bool {
	if !noReturn {
		return false
	}
	cyclic := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			cyclic = true
		case *ast.BranchStmt:
			cyclic = cyclic || n.Tok == token.GOTO
		}
		return !cyclic
	})
	return cyclic
}
