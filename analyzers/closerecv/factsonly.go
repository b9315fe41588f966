package closerecv

import (
	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/internal/chans"
	"github.com/concvet/concvet/internal/factsonly"
)

// Facts is closerecv's form for the units go vet analyses only for their
// facts: the summaries alone, for a package that uses a channel. Run
// itself stops at once in a package without one (chans.Used), so the test
// is exactly Run's, and the facts are Run's.
var Facts = factsonly.Exporter{
	MayExport: chans.Used,
	Export: func(pass *analysis.Pass) error {
		exportFacts(pass)
		return nil
	},
}
