package lockleak

import (
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/factsonly"
)

// Facts is lockleak's form for the units go vet analyses only for their
// facts: the summaries alone, for a package that may have one to export.
var Facts = factsonly.Exporter{
	MayExport: mayExportFacts,
	Export: func(pass *analysis.Pass) error {
		if relevant(pass) {
			exportFacts(pass)
		}
		return nil
	},
}

// mayExportFacts reports whether a function of the package may get a
// summary. A summary records the mutexes of its caller that a function
// locks or unlocks: by a call of a sync.Mutex or sync.RWMutex method, or
// by a call of a function with a summary (one of this package, which comes
// down to the same, or an imported one with a fact). Either names a method
// or function that the package's identifiers refer to. (Run's own test,
// relevant, is coarser: it lets through every package that imports sync
// or whose dependencies have any such fact.)
func mayExportFacts(pass *analysis.Pass) bool {
	return factsonly.UsesObject(pass.TypesInfo, func(obj types.Object) bool {
		return factsonly.IsMethodOf(obj, "sync", "Mutex", "RWMutex") || factsonly.ImportedFact(pass, obj, new(handoverFact))
	})
}
