package closerecv

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/factsonly"
)

// Facts is closerecv's form for the units go vet analyses only for their
// facts: the summaries alone, for a package that may have one to export.
var Facts = factsonly.Exporter{
	MayExport: mayExportFacts,
	Export: func(pass *analysis.Pass) error {
		exportFacts(pass)
		return nil
	},
}

// mayExportFacts reports whether an exported function or method of the
// package may get a summary: Run exports only theirs. A summary records
// what the function does to a channel reached from its receiver or a
// parameter through fields (refs.Param); so a receiver or parameter type
// must reach a channel through pointers and struct fields. And Run itself
// stops at once in a package where no expression has a channel type.
func mayExportFacts(pass *analysis.Pass) bool {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	seen := make(map[types.Type]bool)
	may := false
	for n := range ins.PreorderSeq((*ast.FuncDecl)(nil)) {
		fd := n.(*ast.FuncDecl)
		fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
		if !ok || fd.Body == nil || !fn.Exported() {
			continue
		}
		sig := fn.Signature()
		if r := sig.Recv(); r != nil && reachesChan(r.Type(), seen) {
			may = true
			break
		}
		for p := range sig.Params().Variables() {
			if reachesChan(p.Type(), seen) {
				may = true
				break
			}
		}
		if may {
			break
		}
	}
	return may && chans.Used(pass)
}

// reachesChan reports whether a value of type t holds a channel, or
// reaches one through pointers and struct fields. Types in seen were
// visited already.
func reachesChan(t types.Type, seen map[types.Type]bool) bool {
	t = types.Unalias(t)
	if seen[t] {
		return false
	}
	seen[t] = true
	if _, ok := t.(*types.TypeParam); ok {
		return chans.MayBeChan(t)
	}
	switch u := t.Underlying().(type) {
	case *types.Chan:
		return true
	case *types.Pointer:
		return reachesChan(u.Elem(), seen)
	case *types.Struct:
		for f := range u.Fields() {
			if reachesChan(f.Type(), seen) {
				return true
			}
		}
	}
	return false
}
