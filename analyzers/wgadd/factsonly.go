package wgadd

import (
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/factsonly"
	"github.com/concvet/concvet/internal/typesutil"
)

// Facts is wgadd's form for the units go vet analyses only for their
// facts: the summaries are computed only for a package that may have one
// to export, and no diagnostic is computed.
var Facts = factsonly.Exporter{
	MayExport: mayExportFacts,
	Export: func(pass *analysis.Pass) error {
		exportFacts(pass)
		return nil
	},
}

// mayExportFacts reports whether a function of the package may get a
// summary. A summary records what the function does to a WaitGroup its
// caller hands it: a call of a sync.WaitGroup method, a call of a function
// with a summary (one of this package, which comes down to the same, or an
// imported one with a fact), or a WaitGroup passed on to a function the
// analysis cannot see, which the package names by a variable or field of
// WaitGroup type. Each of these names a method, function or variable that
// the package's identifiers refer to.
func mayExportFacts(pass *analysis.Pass) bool {
	return factsonly.UsesObject(pass.TypesInfo, func(obj types.Object) bool {
		if typesutil.IsMethodOf(obj, "sync", "WaitGroup") || factsonly.IsVarOf(obj, "sync", "WaitGroup") {
			return true
		}
		return factsonly.ImportedFact(pass, obj, new(summaryFact))
	})
}
