package doublelock

import (
	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/factsonly"
)

// Facts is doublelock's form for the units go vet analyses only for their
// facts: the summaries alone, for a package that may have one to export.
// (Run's own test, relevant, is coarser than the Exporter's: it lets
// through every package that imports sync or whose dependencies have any
// such fact.)
var Facts = factsonly.MutexSummaries(
	func() analysis.Fact { return new(locksFact) },
	func(pass *analysis.Pass) {
		if relevant(pass) {
			exportFacts(pass)
		}
	},
)
