package ignorecheck

import (
	_ "embed"

	"github.com/concvet/concvet/internal/docs"
	"github.com/concvet/concvet/internal/suppress"
)

//go:embed doc.go
var doc string

// Known reports whether a name is an analyzer of the suite. The suite sets
// it: it cannot be imported from here without a cycle.
var Known = func(string) bool { return false }

var Analyzer = suppress.Checker(func(name string) bool { return Known(name) }, docs.FromSource(doc), docs.URL(suppress.CheckerName))
