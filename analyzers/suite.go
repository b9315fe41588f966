// Package analyzers is the concvet suite: every analyzer, in the order the
// documentation lists them, with its category and whether it runs by
// default. The concvet command, the golangci-lint plugin and the docs all
// read this one list.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers/busyloop"
	"github.com/concvet/concvet/analyzers/condwait"
	"github.com/concvet/concvet/analyzers/doublelock"
	"github.com/concvet/concvet/analyzers/lockleak"
	"github.com/concvet/concvet/analyzers/wgadd"
	"github.com/concvet/concvet/analyzers/wgdone"
)

// A Category groups analyzers by the checklist item they enforce.
type Category string

const (
	WaitGroup  Category = "WaitGroup"
	Timers     Category = "timers"
	Channels   Category = "channels"
	Context    Category = "context"
	Goroutines Category = "goroutines"
	Locks      Category = "locks"
)

// An Entry is one analyzer of the suite.
type Entry struct {
	Analyzer *analysis.Analyzer
	Category Category
	// Default reports whether the analyzer runs when no analyzer is named
	// on the command line. Only analyzers measured at 95% precision or
	// better on real code run by default.
	Default bool
}

// Suite lists every analyzer, in documentation order.
var Suite = []Entry{
	{wgadd.Analyzer, WaitGroup, true},
	{wgdone.Analyzer, WaitGroup, true},
	{lockleak.Analyzer, Locks, true},
	{doublelock.Analyzer, Locks, true},
	{condwait.Analyzer, Locks, true},
	{busyloop.Analyzer, Locks, true},
}

// All returns every analyzer of the suite.
func All() []*analysis.Analyzer {
	all := make([]*analysis.Analyzer, len(Suite))
	for i, e := range Suite {
		all[i] = e.Analyzer
	}
	return all
}

// Lookup returns the suite entry of the analyzer called name.
func Lookup(name string) (Entry, bool) {
	for _, e := range Suite {
		if e.Analyzer.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}
